"""The living plan on the site (issue 14): a measure's owners, schedule, priority, late or not
started and an accepted disagreement with its reason; an indicator's target history beside its
stepped chart; late measures on the front page. Built from `tests/fixtures/living`; the browser
checks of these pages are in `tests/test_site_browser.py`."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import LIVING_PLANS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from jarjesto_cli.cli import app

    out = tmp_path_factory.mktemp("living-site") / "site"
    result = CliRunner().invoke(app, ["site", "-p", str(LIVING_PLANS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def text_of(site: Path, page: str) -> str:
    """The page's text: tags out, entities read, spaces collapsed (no-break ones too)."""
    raw = (site / page).read_text(encoding="utf-8")
    raw = re.sub(r"<svg\b.*?</svg>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def test_a_measure_page_shows_owners_schedule_priority_and_late(site: Path) -> None:
    page = text_of(site, "toimenpide-T2.1.html")
    assert "Vastuu Hyte-tiimi" in page
    # beside the status, with a print-safe glyph (no emoji font needed)
    assert "Tila kaudella 2026-Q3 ◐ toteutuu osittain (raportoitu 2026-Q3) ! myöhässä" in page
    assert "Aikataulu 3. neljännes 2026 Prioriteetti" in page
    assert "Prioriteetti korkea" in page
    waiting = text_of(site, "toimenpide-T1.3.html")
    assert "Vastuu Hyte-tiimi, Vantaan ja Keravan järjestöverkosto" in waiting
    assert "(raportoitu" not in waiting.split("Tavoite")[0]
    # not started is its status, said once, never "ei tietoa"
    assert "Tila kaudella 2026-Q3 ◇ ei vielä alkanut (aikataulun mukaan) Tavoite" in waiting
    assert waiting.count("ei vielä alkanut") == 1
    assert "Aikataulu 2027 – 1. vuosipuolisko 2028" in waiting


def test_a_measure_page_shows_an_accepted_disagreement_with_its_reason(site: Path) -> None:
    raw = (site / "toimenpide-T1.2.html").read_text(encoding="utf-8")
    page = text_of(site, "toimenpide-T1.2.html")
    assert (
        "Mittarien mukaan tila olisi: ei toteudu. Hyväksytty ero, perustelu: Prosessit otetaan "
        "käyttöön vasta, kun ne on hyväksytty" in page
    )
    assert '<span class="huomio">Mittarien mukaan' not in raw  # not a warning
    goal = text_of(site, "tavoite-T1.html")
    assert "hyväksytty ero: Prosessit otetaan käyttöön vasta" in goal


def test_a_sub_action_with_owner_and_schedule_reads_as_text(site: Path) -> None:
    page = text_of(site, "toimenpide-T1.1.html")
    assert (
        "Järjestöjen tuominen mukaan vahvemmin verkostoyhteistyöhön ja palvelujen "
        "kehittämistyöhön (vastuu: Järjestöyhteistyön neuvottelukunta; aikataulu: 3. neljännes "
        "2026 mennessä)" in page
    )
    assert "teksti=" not in page and "SubActionItem" not in page


def test_an_indicator_page_shows_the_target_history_beside_the_stepped_chart(
    site: Path,
) -> None:
    raw = (site / "mittari-T1.1.2.html").read_text(encoding="utf-8")
    page = text_of(site, "mittari-T1.1.2.html")
    assert "Tavoitteen muutokset" in page
    table = raw.split("tavoitteen muutokset, vanhin ensin", 1)[1].split("</table>", 1)[0]
    cells = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split())
        for c in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", table, flags=re.S)
    ]
    assert cells[:4] == ["Päivä", "Päätös", "Tavoite (aiempi → uusi)", "Perustelu"]
    assert cells[4:] == [
        "15.10.2026",
        "Järjestöyhteistyön neuvottelukunta 15.10.2026 § 12",
        "4 → 4,5",
        "Tavoitetta nostettiin vastaamaan strategian tavoitetasoa.",
    ]
    assert '<time datetime="2026-10-15">' in raw
    # the chart: the target in force at its values (4), then the step to 4,5 from 15.10.2026
    svg = raw.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert ">Tavoite 4<" in svg and ">Tavoite 4,5 (15.10.2026 alkaen)<" in svg
    assert "(tavoite muuttunut, ks. tavoitteen muutokset)" in page
    # the target shown for the page's period is the one in force then
    assert "Tavoitetaso ≥ 4 (asteikko 1–5) (kaudella 2026-Q3; muutokset alla)" in page


def test_an_indicator_without_changes_has_no_history_section(site: Path) -> None:
    assert "Tavoitteen muutokset" not in text_of(site, "mittari-T1.2.2.html")


def test_the_front_page_names_late_measures(site: Path) -> None:
    page = text_of(site, "index.html")
    assert (
        "T2.1 Kehitämme järjestöyhteistyön suunnitelmallisuutta ja vaikuttavuuden seurannan "
        "tapoja : myöhässä, aikataulun mukaan valmis 3. neljännes 2026, tila toteutuu osittain; "
        "vastuu Hyte-tiimi" in page
    )


def test_the_frozen_plans_pages_show_none_of_it(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    from tests.conftest import FIXTURE_PLANS

    result = invoke("site", "-p", FIXTURE_PLANS, "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    for page in ("toimenpide-T1.1.html", "mittari-T1.1.2.html", "index.html"):
        text = text_of(tmp_path / "site", page)
        assert "Vastuu" not in text and "Tavoitteen muutokset" not in text
        assert "myöhässä" not in text


def test_the_sites_downloads_are_the_export_with_owners_by_name_and_target_changes(
    site: Path,
) -> None:
    from openpyxl import load_workbook

    (xlsx,) = (site / "lataukset").glob("suunnitelmat-*.xlsx")
    book = load_workbook(xlsx, read_only=True)
    assert book.sheetnames == ["Vienti", "Tavoitemuutokset"]
    header, *table = list(book["Vienti"].iter_rows(values_only=True))
    names = header.index("Vastuutahon nimi")
    assert any(row[names] == "Viestintäyksikkö; Hyte-tiimi" for row in table)
    changes = list(book["Tavoitemuutokset"].iter_rows(values_only=True))[1:]
    assert [c for c in changes if "15.10.2026 § 12" in str(c)]
