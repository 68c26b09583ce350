"""The site's figures for bench/run.py: `plan site` against `plan report --audience all --format
md` (the issue's yardstick) at 1x, 10x and 100x the real plans, charts cached, and its growth.

    python bench/site_build.py [--runs N] [--quick]     # only these figures

Each build goes into a fresh folder: a published site is built anew, not over an old one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

Check = tuple[str, bool, str]


def figures(
    plan: str,
    scaled: dict[int, Path],
    sizes: dict[int, int],
    runs: int,
    *,
    quick: bool,
    measure: Callable[..., Any],
    show: Callable[..., None],
) -> list[Check]:
    """Measure and print; return the targets' checks."""
    print("== plan site vs every audience's Markdown report (charts cached) ==")
    checks: list[Check] = []
    site_by: dict[int, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for factor, directory in scaled.items():
            if factor == 100 and quick:
                continue
            n = runs if factor == 1 else min(runs, 3) if factor == 10 else 1
            size = f"{factor}x, {sizes[factor] / 1e6:.2f} MB"
            reports_md = measure(
                f"plan report --audience all --format md ({size})",
                [plan, "report", "-a", "all", "-p", str(directory), "-o", str(work / "r")],
                n,
            )
            # `sh -c` gives each run its own new folder, as in CI
            target = work / f"site-{factor}"
            site_by[factor] = measure(
                f"plan site ({size})",
                [
                    "sh",
                    "-c",
                    f'rm -rf "{target}" && exec "{plan}" site -p "{directory}" -o "{target}"',
                ],
                n,
            )
            pages = len(list(target.glob("*.html")))
            show([reports_md, site_by[factor]], reports_md)
            print(f"{pages} pages at {factor}x\n")
            if factor == 1:
                ratio = site_by[1].median / reports_md.median
                checks.append(
                    (
                        "site ≈ report --audience all --format md (≤ 1.5x)",
                        ratio <= 1.5,
                        f"{ratio:.2f}x",
                    )
                )
    if 100 in site_by:
        growth = site_by[100].median / site_by[10].median
        checks.append(("site: 10x → 100x grows ≤ 12x", growth <= 12, f"{growth:.1f}x"))
    return checks


def main() -> None:
    import run

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="no 100x")
    args = parser.parse_args()
    scaled = {1: run.ROOT / "plans"}
    for factor in (10, 100):
        scaled[factor] = run.scale(run.OUT / f"plans-{factor}x", factor)
    sizes = {f: sum(p.stat().st_size for p in d.glob("*.yaml")) for f, d in scaled.items()}
    checks = figures(
        str(run.BIN / "plan"),
        scaled,
        sizes,
        args.runs,
        quick=args.quick,
        measure=run.measure,
        show=run.show,
    )
    for name, ok, figure in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name:58} {figure}")
    if not all(ok for _, ok, _ in checks):
        sys.exit(1)


if __name__ == "__main__":
    main()
