"""Reports from hostile plans and templates: complete or absent, in bounded time and memory.

An indicator named like a chart's file passed `validate`, and `report` then failed and left
the Markdown and two PNGs behind; `range(10**9)` or a recursive macro was exit 3; `'x' * 10**10`
took 18 GB; a corrupt cached chart was copied into the DOCX.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from jarjesto_cli.outputs.templating import PACKAGE_TEMPLATES
from tests.hostile.helpers import assert_refused, plans_copy, run_plan

OSALLISUUS = "osallisuusohjelma.yaml"


def colliding(tmp_path: Path) -> Path:
    """An indicator whose id is the file name of its plan's status chart."""
    plans = plans_copy(tmp_path / "plans")
    path = plans / OSALLISUUS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- id: O1.M2", "- id: osallisuusohjelma-tilat", 1), "utf-8")
    return plans


def test_chart_names_never_collide(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    plans = colliding(tmp_path)
    out = tmp_path / "out"
    result = invoke("report", "-a", "lautakunta", "--period", "2023", "-o", out, "-p", plans)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "lautakunta-2023-osallisuusohjelma-tilat.png" in names
    assert "lautakunta-2023-osallisuusohjelma-tilat-2.png" in names
    markdown = (out / "lautakunta-2023.md").read_text(encoding="utf-8")
    for name in names:  # every chart is linked, none twice
        if name.endswith(".png"):
            assert markdown.count(f"]({name})") == 1, name


def test_a_failed_report_writes_nothing(
    tmp_path: Path, invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = plans_copy(tmp_path / "plans")
    out = tmp_path / "out"
    out.mkdir()
    (out / "vanha.txt").write_text("ennen", encoding="utf-8")
    real = Path.replace
    moved: list[Path] = []

    def third_fails(self: Path, target: Any) -> Path:
        moved.append(Path(target))
        if len(moved) == 3:
            raise OSError(28, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", third_fails)
    result = invoke("report", "-a", "lautakunta", "--period", "2023", "-o", out, "-p", plans)
    monkeypatch.undo()
    assert len(moved) == 3  # two files had been moved into place
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["vanha.txt"]


def test_a_corrupt_cached_chart_is_drawn_again(
    tmp_path: Path, invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    from jarjesto_cli.outputs.cache import cache_dir, whole_png

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # this test's charts only
    plans = plans_copy(tmp_path / "plans")
    first = invoke(
        "report", "-a", "lautakunta", "--period", "2023", "-o", tmp_path / "a", "-p", plans
    )
    assert first.exit_code == 0, first.output
    root = cache_dir()
    assert root is not None
    cached = sorted((root / "charts").glob("*.png"))
    assert cached
    for path in cached:  # truncated, or one byte changed
        data = path.read_bytes()
        path.write_bytes(data[:100] if len(data) % 2 else data[:-20] + b"x" + data[-19:])
    out = tmp_path / "b"
    result = invoke("report", "-a", "lautakunta", "--period", "2023", "-o", out, "-p", plans)
    assert result.exit_code == 0, result.output
    for chart in out.glob("*.png"):
        assert whole_png(chart.read_bytes()), chart
    for path in cached:
        assert not path.exists() or whole_png(path.read_bytes())


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(PACKAGE_TEMPLATES, folder)
    return folder


def with_template_line(folder: Path, line: str) -> None:
    path = folder / "lautakunta.md.j2"
    text = path.read_text(encoding="utf-8")
    assert "{% block content %}\n" in text
    path.write_text(text.replace("{% block content %}\n", "{% block content %}\n" + line + "\n"))


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("{{ 'x' * 10**10 }}", "would make"),
        ("{{ [0] * 10**10 }}", "would make"),
        ("{% for i in range(10**9) %}{% endfor %}", "steps in all"),
        (
            "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
            "steps in all",
        ),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself without end"),
        ("{{ 'x'.center(10**10) }}", "is too wide"),
        ("{{ 'x'|center(10**10) }}", "is too wide"),
        ("{{ '%999999999d' % 1 }}", "is too wide"),
        ("{{ 9 ** 999999 }}", "too large a number"),
        ("{{ (10 ** 1000) ** 1000 }}", "too large a number"),
        (
            "{% set ns = namespace(s='x' * 1000) %}{% for i in range(30) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
            "too much memory",
        ),
    ],
)
def test_template_work_is_bounded(tmp_path: Path, templates: Path, line: str, words: str) -> None:
    with_template_line(templates, line)
    plans = plans_copy(tmp_path / "plans")
    out = tmp_path / "out"
    run = run_plan("report", "-a", "lautakunta", "--templates", templates, "-o", out, "-p", plans)
    assert_refused(run, 1, "lautakunta.md.j2:5:", words)
    assert run.seconds < 60
    assert not out.exists() or not list(out.iterdir())


def test_a_template_that_prints_too_much(tmp_path: Path, templates: Path) -> None:
    with_template_line(templates, "{% for i in range(1000) %}{{ 'x' * 9000000 }}{% endfor %}")
    plans = plans_copy(tmp_path / "plans")
    run = run_plan(
        "report", "-a", "lautakunta", "--templates", templates, "-o", tmp_path / "o", "-p", plans
    )
    assert_refused(run, 1, "lautakunta.md.j2", "the report passes 50 million characters")


def test_the_sandbox_still_holds(tmp_path: Path, templates: Path) -> None:
    with_template_line(templates, "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    plans = plans_copy(tmp_path / "plans")
    run = run_plan(
        "report", "-a", "lautakunta", "--templates", templates, "-o", tmp_path / "o", "-p", plans
    )
    assert_refused(run, 1, "lautakunta.md.j2:5:", "not allowed in a template")
    assert os.environ.get("JARJESTO_CLI_NO_CACHE") is None  # the test run's own cache was used
