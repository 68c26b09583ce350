"""Benchmarks: wall time (median of several runs after a warm-up) and peak memory of the `plan`
commands, with the ratios against baselines measured in the same run.

    python bench/run.py [--runs N] [--quick]

Prints one table per group and a list of the targets (docs/performance.md) with PASS/FAIL.
Scaled plans (10x, 100x the real ones) are generated into bench/out/ by bench/scale.py.
It is a script that prints figures, not a test: machines differ; ratios in one run do not.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
OUT = ROOT / "bench" / "out"
REFERENCE = ROOT / "templates" / "reference.docx"
PLAN_FILES = ("jarjestoyhteistyo-2026-2030.yaml", "osallisuusohjelma.yaml")
# the libraries `plan report` cannot do without (typer's parameter adapters import pydantic)
STACK = "import typer, typer._adapters, pydantic.main, jinja2, ruamel.yaml"
FORBIDDEN = ("matplotlib", "jinja2", "docx", "openpyxl", "pypandoc", "icalendar", "PIL", "numpy")

sys.path.insert(0, str(ROOT / "bench"))
import site_build  # noqa: E402
from scale import scale  # noqa: E402


@dataclass
class Timing:
    label: str
    median: float
    low: float
    high: float
    peak_mb: float


# Peak memory is read by a small wrapper process: a child forked from this (large) process would
# report this process's memory, not its own.
PEAK = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "print(usage.ru_maxrss)\n"
)


def measure(
    label: str,
    command: list[str],
    runs: int,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    *,
    before: Callable[[], None] | None = None,
    exit_code: int = 0,
) -> Timing:
    """Median wall time over `runs` runs after one warm-up run, then one run for peak memory.

    `before` runs (untimed) before every run, e.g. to give a write a fresh copy of the plans;
    `exit_code` is the code the command must end with (1 for a run that finds an error)."""
    import time

    environment = dict(os.environ, COLUMNS="120", NO_COLOR="1", **(env or {}))
    samples: list[float] = []
    for i in range(runs + 1):
        if before is not None:
            before()
        start = time.perf_counter()
        result = subprocess.run(
            command,
            cwd=cwd,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        elapsed = time.perf_counter() - start
        if result.returncode != exit_code:
            raise SystemExit(f"{label}: exit {result.returncode}\n{result.stderr.decode()}")
        if i > 0:  # the first run warms the file cache, .pyc files and the chart cache
            samples.append(elapsed)
    if before is not None:
        before()
    peak = subprocess.run(
        [sys.executable, "-c", PEAK, *command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return Timing(label, statistics.median(samples), min(samples), max(samples), int(peak) / 1024)


def show(rows: list[Timing], baseline: Timing | None = None) -> None:
    head = f"{'command':58} {'median':>9} {'min–max':>17} {'peak MB':>8}"
    if baseline:
        head += f" {'ratio':>7}"
    print(head)
    for t in rows:
        spread = f"{t.low * 1000:7.0f}–{t.high * 1000:<7.0f}ms"
        line = f"{t.label:58} {t.median * 1000:7.0f}ms {spread} {t.peak_mb:8.1f}"
        if baseline:
            line += f" {t.median / baseline.median:6.1f}x"
        print(line)
    print()


def imports_of(args: list[str]) -> set[str]:
    """Top-level modules a `plan` invocation imports (python -X importtime)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jarjesto_cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7)")
    parser.add_argument("--quick", action="store_true", help="3 runs, no 100x DOCX")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    plan = str(BIN / "plan")
    python = sys.executable
    checks: list[tuple[str, bool, str]] = []

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpus, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )
    print(f"runs: median of {runs} after 1 warm-up\n")

    scaled = {1: ROOT / "plans"}
    for factor in (10, 100):
        scaled[factor] = scale(OUT / f"plans-{factor}x", factor)
    sizes = {f: sum(p.stat().st_size for p in d.glob("*.yaml")) for f, d in scaled.items()}

    # 1. start-up and the read path against a bare interpreter
    bare = measure("python -c pass", [python, "-c", "pass"], runs)
    rows = [bare, measure("plan --help", [plan, "--help"], runs)]
    status = measure("plan status (real plans)", [plan, "status"], runs)
    rows.append(status)
    print("== start-up ==")
    show(rows, bare)
    ratio = status.median / bare.median
    checks.append(("plan status ≤ 25x python -c pass", ratio <= 25, f"{ratio:.1f}x"))

    # 2. validate against check-jsonschema, and growth with size
    print("== validate vs check-jsonschema (plan schema, the plan files) ==")
    checker = shutil.which("check-jsonschema", path=str(BIN)) or "check-jsonschema"
    validate: dict[int, Timing] = {}
    status_by: dict[int, Timing] = {}
    for factor, directory in scaled.items():
        size = f"{factor}x, {sizes[factor] / 1e6:.2f} MB"
        ours = measure(f"plan validate ({size})", [plan, "validate", str(directory)], runs)
        theirs = measure(
            f"check-jsonschema ({size})",
            [
                checker,
                "--schemafile",
                str(ROOT / "schema" / "plan.schema.json"),
                *(str(directory / name) for name in PLAN_FILES),
            ],
            runs,
        )
        validate[factor] = ours
        status_by[factor] = measure(
            f"plan status --format json ({size})",
            [plan, "status", "-p", str(directory), "--format", "json"],
            runs,
        )
        show([theirs, ours, status_by[factor]], theirs)
        checks.append(
            (
                f"validate ≤ check-jsonschema at {factor}x",
                ours.median <= theirs.median,
                f"{ours.median / theirs.median:.2f}x",
            )
        )
    for name, series in (("validate", validate), ("status", status_by)):
        growth = series[100].median / series[10].median
        checks.append((f"{name}: 10x → 100x grows ≤ 12x", growth <= 12, f"{growth:.1f}x"))
    mem = status_by[100].peak_mb / max(status_by[1].peak_mb, 1)
    checks.append(
        (
            "status memory at 100x (peak MB)",
            True,
            f"{status_by[100].peak_mb:.0f} MB ({mem:.1f}x of 1x for 100x the data)",
        )
    )

    # 2b. a write and a validation error against the clean validation, at 100x
    writes_and_errors(scaled[100], runs, plan, checks)

    # 3. DOCX report against pandoc converting the same Markdown (charts already drawn)
    print("== DOCX report vs pandoc converting the same Markdown ==")
    from jarjesto_cli.outputs.reports import pandoc_command

    for factor, directory in scaled.items():
        if factor == 100 and args.quick:
            continue
        n = runs if factor < 100 else min(runs, 3)
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            # the committee's 2023 report: the programme's full year, every section and chart (the
            # default period, 2026, has little recorded yet and would time Python, not reports)
            report = [plan, "report", "-a", "lautakunta", "--period", "2023", "-p", str(directory)]
            subprocess.run(
                [*report, "--format", "md", "-o", str(work / "md")],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            (md,) = (work / "md").glob("*.md")
            charts = len(list((work / "md").glob("*.png")))
            pandoc = measure(
                f"pandoc md → docx ({factor}x, {md.stat().st_size / 1e3:.0f} kB, {charts} charts)",
                pandoc_command(md, work / "p.docx", reference=REFERENCE, resources=work / "md"),
                n,
            )
            warm = measure(
                f"plan report --format docx ({factor}x)",
                [*report, "--format", "docx", "-o", str(work / "d")],
                n,
            )
            cold = measure(
                f"  … charts drawn anew (JARJESTO_CLI_NO_CACHE=1, {factor}x)",
                [*report, "--format", "docx", "-o", str(work / "c")],
                1 if factor == 100 else n,
                env={"JARJESTO_CLI_NO_CACHE": "1"},
            )
            rows = [pandoc, warm, cold]
            if factor == 1:
                # what the DOCX adds to the Markdown report, and the least any Python `plan`
                # could cost: importing the stack it is built on, then running pandoc
                rows.append(
                    measure(
                        f"plan report --format md ({factor}x, no DOCX)",
                        [*report, "--format", "md", "-o", str(work / "m")],
                        n,
                    )
                )
                rows.append(
                    measure(
                        "python importing typer, pydantic, jinja2, ruamel.yaml",
                        [python, "-c", STACK],
                        n,
                    )
                )
            show(rows, pandoc)
            ratio = warm.median / pandoc.median
            checks.append(
                (
                    f"DOCX report ≤ 2x pandoc at {factor}x, charts cached",
                    ratio <= 2,
                    f"{ratio:.2f}x",
                )
            )
            ratio = cold.median / pandoc.median
            checks.append(
                (f"DOCX report ≤ 2x pandoc at {factor}x, charts drawn", ratio <= 2, f"{ratio:.2f}x")
            )
            if factor == 1:
                md_only, stack = rows[3], rows[4]
                step = (warm.median - md_only.median) / pandoc.median
                floor = (stack.median + pandoc.median) / pandoc.median
                print(f"DOCX step alone (docx − md report): {step:.2f}x pandoc")
                print(f"floor (stack imports + pandoc, no work at all): {floor:.2f}x pandoc\n")

    # 3b. every audience at once (what CI runs) against pandoc converting the four reports
    print("== every audience's report, Markdown and DOCX (real plans) ==")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        every = [plan, "report", "-a", "all", "-p", str(ROOT / "plans")]
        subprocess.run([*every, "-o", str(work / "md")], cwd=ROOT, check=True, capture_output=True)
        one_by_one = " && ".join(
            shlex.join(
                pandoc_command(
                    md, md.with_suffix(".docx"), reference=REFERENCE, resources=work / "md"
                )
            )
            for md in sorted((work / "md").glob("*.md"))
        )
        pandoc_all = measure(
            f"pandoc md → docx, the {len(list((work / 'md').glob('*.md')))} reports one by one",
            ["sh", "-c", one_by_one],
            runs,
        )
        ours_all = measure(
            "plan report --audience all --format all",
            [*every, "--format", "all", "-o", str(work / "all")],
            runs,
        )
        show([pandoc_all, ours_all], pandoc_all)

    # 3c. the site against the Markdown reports of every audience, and its growth
    checks += site_build.figures(
        plan, scaled, sizes, runs, quick=args.quick, measure=measure, show=show
    )

    # 4. lazy imports
    print("== heavy libraries imported ==")
    for command in (["--help"], ["validate", "plans"], ["status"]):
        heavy = sorted(imports_of(command) & set(FORBIDDEN))
        print(f"plan {' '.join(command):20} {', '.join(heavy) or 'none'}")
        checks.append(
            (
                f"plan {command[0]} imports no DOCX/chart/template/spreadsheet/calendar",
                not heavy,
                ", ".join(heavy) or "none",
            )
        )
    print()

    print("== targets ==")  # the figures above are medians; ratios are from this run
    for name, ok, figure in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name:58} {figure}")
    if not all(ok for _, ok, _ in checks):
        sys.exit(1)


@dataclass
class Job:
    label: str
    command: list[str]
    before: Callable[[], None] | None = None
    exit_code: int = 0


def interleaved(jobs: list[Job], runs: int) -> list[list[tuple[float, float, float]]]:
    """Each job run in turn, `runs` rounds after a warm-up round: per job and round the wall
    time, the CPU time (user + system) and the peak memory (MB) of the command itself.

    Rounds interleave the jobs so that a change in the machine's other load affects each alike,
    and CPU time does not count time spent waiting for the processor: the ratios hold on a
    busy machine too."""
    import time

    environment = dict(os.environ, COLUMNS="120", NO_COLOR="1")
    results: list[list[tuple[float, float, float]]] = [[] for _ in jobs]
    for round_ in range(runs + 1):
        for index, job in enumerate(jobs):
            if job.before is not None:
                job.before()
            start = time.perf_counter()
            process = subprocess.Popen(
                job.command,
                cwd=ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            assert process.stderr is not None
            errors = process.stderr.read()
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            wall = time.perf_counter() - start
            if process.returncode != job.exit_code:
                raise SystemExit(f"{job.label}: exit {process.returncode}\n{errors.decode()}")
            if round_ > 0:
                cpu = usage.ru_utime + usage.ru_stime
                results[index].append((wall, cpu, usage.ru_maxrss / 1024))
    return results


def writes_and_errors(
    plans: Path, runs: int, plan: str, checks: list[tuple[str, bool, str]]
) -> None:
    """`plan record` and a validation that finds one error (at the end of the largest file),
    each against `plan validate` of the same plans, in interleaved rounds of one run."""
    print("== a write and a validation error vs plan validate (100x, interleaved rounds) ==")
    size = f"100x, {sum(p.stat().st_size for p in plans.glob('*.yaml')) / 1e6:.2f} MB"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "plans"
        broken = Path(tmp) / "broken"
        shutil.copytree(plans, broken)
        # the last number measured in the largest file made negative: every file still loads
        # and validates as a model, and the check of values finds the one error and its line
        largest = max(broken.glob("*.yaml"), key=lambda p: p.stat().st_size)
        text = largest.read_text(encoding="utf-8")
        last = list(re.finditer(r"arvo: [0-9.]+\n", text))[-1]
        text = text[: last.start()] + "arvo: -5\n" + text[last.end() :]
        largest.write_text(text, encoding="utf-8")
        indicator = last_scale_indicator(plans)

        def fresh() -> None:
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(plans, work)

        jobs = [
            Job(f"plan validate ({size})", [plan, "validate", str(plans)]),
            Job(
                f"plan record {indicator} ({size})",
                [plan, "record", indicator, "--period", "2026-H2", "--value", "3.8"]
                + ["-p", str(work)],
                before=fresh,
            ),
            Job(
                f"plan validate, one error at the end of {largest.name}",
                [plan, "validate", str(broken)],
                exit_code=1,
            ),
        ]
        results = interleaved(jobs, runs)
    print(f"{'command':58} {'wall':>9} {'CPU':>9} {'peak MB':>8} {'CPU ratio':>10}")
    ratios = []
    for job, samples in zip(jobs, results, strict=True):
        per_round = [cpu / base[1] for (_, cpu, _), base in zip(samples, results[0], strict=True)]
        ratio = statistics.median(per_round)
        ratios.append(ratio)
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        peak = max(s[2] for s in samples)
        print(f"{job.label:58} {wall * 1000:7.0f}ms {cpu * 1000:7.0f}ms {peak:8.1f} {ratio:9.2f}x")
    print()
    checks.append(
        ("plan record ≤ 2x plan validate at 100x (CPU)", ratios[1] <= 2, f"{ratios[1]:.2f}x")
    )
    checks.append(
        (
            "validation error path ≤ 1.5x the clean path at 100x (CPU)",
            ratios[2] <= 1.5,
            f"{ratios[2]:.2f}x",
        )
    )


def last_scale_indicator(plans: Path) -> str:
    """The id of the last scale indicator of the action plan (its node is found at the end)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((plans / "jarjestoyhteistyo-2026-2030.yaml").read_text("utf-8"))
    found = [
        indicator["id"]
        for goal in data["tavoitteet"]
        for measure in goal.get("toimenpiteet", [])
        for indicator in measure.get("mittarit", [])
        if indicator.get("tyyppi") == "asteikko"
    ]
    return str(found[-1])


if __name__ == "__main__":
    main()
