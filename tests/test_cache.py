"""The chart and template cache: a hit is the same image, a change is a miss, off means off."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jarjesto_cli.domain.periods import Period
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs import cache
from jarjesto_cli.outputs.report_data import build
from jarjesto_cli.outputs.reports import draw_charts
from tests.conftest import FIXTURE_PLANS


@pytest.fixture
def charts_of_report() -> list[dict[str, object]]:
    return list(
        build(
            load_valid(FIXTURE_PLANS),
            "lautakunta",
            period=Period(2023),
            today=dt.date(2026, 11, 25),
        )["charts"]
    )


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("JARJESTO_CLI_NO_CACHE", raising=False)
    return tmp_path / "cache" / "jarjesto-cli"


def test_a_cached_chart_is_the_same_image(
    charts_of_report: list[dict[str, object]], tmp_path: Path, own_cache: Path
) -> None:
    chart = charts_of_report[2]
    drawn = tmp_path / "first.png"
    draw_charts([(chart, drawn)])
    assert len(list((own_cache / "charts").glob("*.png"))) == 1
    assert cache.fetch_chart(chart, tmp_path / "second.png")
    assert (tmp_path / "second.png").read_bytes() == drawn.read_bytes()


def test_changed_data_is_a_different_chart(charts_of_report: list[dict[str, object]]) -> None:
    chart = dict(charts_of_report[2])
    changed = dict(
        chart, points=[{"period": "2023-Q1", "value": 1.0}, {"period": "2023-Q2", "value": 2.0}]
    )
    assert cache.chart_key(chart) == cache.chart_key(dict(chart))
    assert cache.chart_key(chart) != cache.chart_key(changed)
    assert cache.chart_key(chart) != cache.chart_key(dict(chart, title="toinen"))


def test_cache_can_be_turned_off(
    charts_of_report: list[dict[str, object]],
    tmp_path: Path,
    own_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JARJESTO_CLI_NO_CACHE", "1")
    draw_charts([(charts_of_report[0], tmp_path / "x.png")])
    assert (tmp_path / "x.png").read_bytes()[:4] == b"\x89PNG"
    assert not own_cache.exists()
    assert cache.template_cache() is None


def test_an_unusable_cache_is_ignored(
    charts_of_report: list[dict[str, object]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    drawn = tmp_path / "y.png"
    draw_charts([(charts_of_report[0], drawn)])
    assert drawn.read_bytes()[:4] == b"\x89PNG"
    assert cache.template_cache() is None


def test_report_uses_the_template_cache(own_cache: Path, tmp_path: Path) -> None:
    from jarjesto_cli.outputs.reports import make_reports

    make_reports(
        load_valid(FIXTURE_PLANS),
        ["hyte"],
        period=Period(2023),
        formats=["md"],
        output_dir=tmp_path / "out",
        date=dt.date(2026, 11, 25),
    )
    assert list((own_cache / "jinja").iterdir())  # compiled templates kept for the next run
    assert len(list((own_cache / "charts").glob("*.png"))) == 3  # the trend charts it shows


def test_a_chart_two_reports_share_is_one_drawing(
    charts_of_report: list[dict[str, object]],
    tmp_path: Path,
    own_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jarjesto_cli.outputs import charts

    drawn_log = tmp_path / "drawn.log"
    real_draw = charts.draw

    def logged_draw(chart: dict[str, object], path: Path) -> None:
        with drawn_log.open("a", encoding="utf-8") as log:  # workers append here too
            log.write(f"{path.name}\n")
        real_draw(chart, path)

    monkeypatch.setattr(charts, "draw", logged_draw)
    monkeypatch.setenv("JARJESTO_CLI_NO_CACHE", "1")  # no cache: the run itself shares
    chart = charts_of_report[2]
    twin = dict(chart, file="toinen-raportti.png")
    draw_charts([(chart, tmp_path / "a.png"), (twin, tmp_path / "b.png")])
    assert drawn_log.read_text(encoding="utf-8").splitlines() == ["a.png"]
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert cache.chart_key(chart) == cache.chart_key(twin)


def test_charts_shared_between_cores_are_the_same_images(
    charts_of_report: list[dict[str, object]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jarjesto_cli.outputs import parallel

    monkeypatch.setenv("JARJESTO_CLI_NO_CACHE", "1")
    drawings = {}
    for workers in (1, 2):
        monkeypatch.setattr(parallel, "workers_for", lambda count, w=workers: w)
        folder = tmp_path / str(workers)
        folder.mkdir()
        draw_charts([(chart, folder / str(chart["file"])) for chart in charts_of_report])
        drawings[workers] = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert len(drawings[1]) == len(charts_of_report) == 1 + 3  # status chart + trends
    assert drawings[2] == drawings[1]


def test_compiled_templates_are_kept_per_environment_set_up(own_cache: Path) -> None:
    """A template compiled by an older set-up of the environment (another finalize, other
    escaping) is never loaded by a newer one: each set-up has its own folder."""
    import hashlib

    from tests.conftest import ROOT

    code = (ROOT / "src" / "jarjesto_cli" / "outputs" / "templating.py").read_bytes()
    folder = Path(cache.template_cache().directory)
    assert folder.parent == own_cache / "jinja"
    assert folder.name.endswith(hashlib.sha256(code).hexdigest()[:16])


def test_svg_and_png_of_one_chart_are_cached_apart(
    charts_of_report: list[dict[str, object]], tmp_path: Path, own_cache: Path
) -> None:
    chart = charts_of_report[2]
    draw_charts([(chart, tmp_path / "a.png"), (chart, tmp_path / "a.svg")])
    assert (tmp_path / "a.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert cache.fetch_chart(chart, tmp_path / "b.svg")
    assert (tmp_path / "b.svg").read_bytes() == (tmp_path / "a.svg").read_bytes()
    assert {p.suffix for p in (own_cache / "charts").iterdir()} == {".png", ".svg"}
