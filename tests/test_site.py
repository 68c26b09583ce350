"""`plan site` without a browser: the pages there are and what they say, the same display values
as the other outputs, text from the YAML escaped, links that resolve, downloads that open, the
organisation's look from data, a safe output folder. (The browser checks: test_site_browser.py.)"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import Result

from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.summary import summarize
from jarjesto_cli.files.loading import load_valid
from jarjesto_cli.outputs import display
from jarjesto_cli.outputs.charts import inline_svg
from jarjesto_cli.outputs.export_rows import HEADER_ROW
from jarjesto_cli.outputs.site.downloads import indicator_csv
from jarjesto_cli.outputs.site.links import broken_links, outside_resources
from tests.conftest import FIXTURE_PLANS, SHARED_YAML, copy_fixture_plans, make_plans

TINY_PLAN = """\
id: testi
nimi: Testisuunnitelma
alkuvuosi: 2026
loppuvuosi: 2030
tavoitteet:
  - id: T1
    nimi: Tavoite <b>yksi</b> & kaksi
    toimenpiteet:
      - id: T1.1
        nimi: "Toimenpide <script>alert('x')</script>"
        mittarit:
          - id: T1.1.1
            nimi: Kokemus
            tyyppi: asteikko
            tavoite: 4
            mittaukset:
              - kausi: 2026-H1
                arvo: 3.2
                n: 12
              - kausi: 2026-H2
                arvo: 4.1
                huomio: "=HYPERLINK(\\"http://example.invalid\\")"
        raportit:
          - kausi: 2026
            tila: toteutuu osittain
            teksti: |
              Ensimmäinen kappale <img src=x onerror=alert(1)>.

              Toinen kappale,
              kahdella rivillä.
"""


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the frozen test plans (copied out of the repository: no git history)."""
    from typer.testing import CliRunner

    from jarjesto_cli.cli import app

    root = tmp_path_factory.mktemp("fixture-site")
    plans = copy_fixture_plans(root / "plans")
    result = CliRunner().invoke(app, ["site", "-p", str(plans), "-o", str(root / "site")])
    assert result.exit_code == 0, result.output
    return root / "site"


def html_of(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


class Outline(HTMLParser):
    """The tags, landmarks and headings of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.append(str(found["id"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def outline(text: str) -> Outline:
    parser = Outline()
    parser.feed(text)
    return parser


def page_text(site: Path, name: str) -> str:
    """The page's text, runs of ordinary white space as one space (a no-break space stays)."""
    return re.sub(r"[ \t\r\n]+", " ", " ".join(outline(html_of(site, name)).text)).strip()


# --- the pages --------------------------------------------------------------------------------


def test_a_page_for_every_plan_goal_measure_and_indicator(fixture_site: Path) -> None:
    planset = load_valid(FIXTURE_PLANS)
    expected = {"index.html", "muutokset.html", "raportointikalenteri.html", "lataukset.html"}
    expected.add("saavutettavuusseloste.html")
    prefix = {"plan": "suunnitelma", "goal": "tavoite", "measure": "toimenpide"}
    for node in planset.nodes():
        expected.add(f"{prefix.get(node.kind, 'mittari')}-{node.id}.html")
    assert {p.name for p in fixture_site.glob("*.html")} == expected


def test_every_page_has_the_accessible_frame(fixture_site: Path) -> None:
    for page in sorted(fixture_site.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = outline(text)
        assert text.startswith("<!DOCTYPE html>"), page.name
        assert found.tags[0] == ("html", {"lang": "fi"}), page.name
        assert found.count("h1") == 1, page.name
        for landmark in ("header", "nav", "main", "footer"):
            assert found.count(landmark) >= 1, (page.name, landmark)
        skip = [a for t, a in found.tags if t == "a" and a.get("class") == "ohitus"]
        assert skip and skip[0]["href"] == "#sisalto" and "sisalto" in found.ids, page.name
        assert len(found.ids) == len(set(found.ids)), (page.name, "duplicate ids")
        assert found.count("script") == 0, page.name  # nothing needs JavaScript
        assert 'name="viewport"' in text, page.name


def test_links_resolve_and_nothing_loads_from_outside(fixture_site: Path) -> None:
    assert broken_links(fixture_site) == []
    assert outside_resources(fixture_site) == []


def test_the_link_checker_finds_broken_and_absolute_links(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<a href="b.html">b</a><a href="puuttuu.html">x</a><a href="b.html#ei">y</a>'
        '<a href="/juuri.html">z</a><a href="https://example.invalid/">ulos</a>'
        '<img src="https://cdn.example.invalid/kuva.png" alt="">',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text('<p id="on">b</p>', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "a.html → puuttuu.html",
        "a.html → b.html#ei (no such id)",
        "a.html → /juuri.html (not relative)",
    ]
    assert outside_resources(tmp_path) == ["a.html → https://cdn.example.invalid/kuva.png"]


def test_the_same_display_values_as_every_other_output(fixture_site: Path) -> None:
    summary = summarize(load_valid(FIXTURE_PLANS), today=dt.date(2026, 11, 25))
    osallisuus = next(p for p in summary.plans if p.plan.id == "osallisuusohjelma")
    measure = osallisuus.goals[0].measures[0]
    view = display.measure_view(measure)
    text = page_text(fixture_site, f"toimenpide-{view.id}.html")
    assert view.status.value in text and view.basis_text in text
    for goal in osallisuus.goals:
        for state in goal.indicators:
            ind = display.indicator_view(state)
            shown = page_text(fixture_site, f"mittari-{ind.id}.html")
            assert ind.value_text in shown and ind.target_text in shown, ind.id
            if ind.trend_text:
                assert ind.trend_text in shown
    # an estimate reads as in the reports and the terminal
    assert "noin 100" in page_text(fixture_site, "mittari-O3.M1.html")
    period_text = display.plan_period_text(osallisuus, summary.period)
    assert period_text[0].upper() + period_text[1:] in page_text(fixture_site, "index.html")


def test_front_page_says_what_is_off_track(fixture_site: Path) -> None:
    text = page_text(fixture_site, "index.html")
    # O4.3 is the one measure of the frozen plans reported as "ei toteudu"
    assert "Mikä ei etene" in text and "O4.3" in text
    assert "Raportointikalenteri" in text and "31.12.2026" in text


def test_a_measure_page_has_its_history_and_narrative(fixture_site: Path) -> None:
    text = page_text(fixture_site, "toimenpide-O1.1.html")
    assert "Tila kausittain" in text and "raportoitu 2023" in text
    assert "Hyvinvointialueen verkkosivuja kehitetään palautteen pohjalta" in text
    # the narrative of the period shown at the top is not repeated below
    assert text.count("Hyvinvointialueen verkkosivuja kehitetään") == 1


def test_an_indicator_page_has_its_chart_and_the_same_data_as_a_table(fixture_site: Path) -> None:
    text = html_of(fixture_site, "mittari-O1.M1.html")
    svg = re.search(r"<svg\b[^>]*>", text)
    assert svg and 'role="img"' in svg.group(0) and "width=" not in svg.group(0)
    assert "<title id=" in text and "Viivakaavio, O1.M1" in text
    assert "<?xml" not in text and "<!DOCTYPE svg" not in text
    # the periods as the reports and charts name them (Period.label, with a no-break space)
    for period, value in ((Period(2023, "Q1").label(), "2,9"), (Period(2023, "Q4").label(), "3,5")):
        assert re.search(rf">{period}</th>\s*<td[^>]*>{value}</td>", text), period
    assert 'href="lataukset/mittari-O1.M1.csv"' in text


def test_plan_page_has_goals_counts_and_the_status_chart(fixture_site: Path) -> None:
    text = page_text(fixture_site, "suunnitelma-osallisuusohjelma.html")
    assert "Toimenpiteet tiloittain, tavoitteittain" in text
    assert "Pinottu pylväskaavio" in text
    ngo = page_text(fixture_site, "suunnitelma-jarjestoyhteistyo-2026-2030.html")
    assert "Strategian tavoite" in ngo and "Roolit" in ngo and "Raportointi" in ngo


def test_downloads_open(fixture_site: Path) -> None:
    from openpyxl import load_workbook

    folder = fixture_site / "lataukset"
    status = json.loads((folder / "tila-2026.json").read_text(encoding="utf-8"))
    assert status["version"] == 1 and {p["id"] for p in status["plans"]} == {
        "jarjestoyhteistyo-2026-2030",
        "osallisuusohjelma",
    }
    text = (folder / "suunnitelmat-2026.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == list(HEADER_ROW)  # the file `plan export` writes
    sheet = load_workbook(folder / "suunnitelmat-2026.xlsx").active
    assert sheet is not None and sheet.max_row == len(rows)
    one = (folder / "mittari-O1.M1.csv").read_bytes()
    assert one.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(one.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:4] == ["Mittari", "Mittarin nimi", "Kausi", "Arvo"]
    assert table[1][2:4] == ["2023-Q1", "2,9"]
    assert (folder / "raportointikalenteri-2026.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    listing = page_text(fixture_site, "lataukset.html")
    assert "suunnitelmat-2026.xlsx" in listing and "O1.M1" in listing


def test_statement_without_a_check_says_so(fixture_site: Path) -> None:
    text = page_text(fixture_site, "saavutettavuusseloste.html")
    assert "ei tarkistettu automaattisesti" in text
    assert "Tunnetut puutteet" in text and "Valvontaviranomainen" in text
    assert "Palautekanavaa ei ole vielä kirjattu" in text


def test_print_stylesheet_and_no_fixed_widths(fixture_site: Path) -> None:
    css = (fixture_site / "tyyli" / "site.css").read_text(encoding="utf-8")
    assert "@media print" in css
    # layout in rem and %, so text can grow (1px is the visually hidden table head)
    assert not re.search(r"\bwidth:\s*(?!1px)\d+px", css)


# --- text from the YAML is data ---------------------------------------------------------------


def test_text_from_the_yaml_is_escaped(
    tmp_path: Path, tiny_plans: Callable[[str], Path], invoke: Callable[..., Result]
) -> None:
    plans = tiny_plans(TINY_PLAN)
    result = invoke("site", "-p", plans, "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    measure = html_of(site, "toimenpide-T1.1.html")
    assert "<script>" not in measure and "&lt;script&gt;" in measure
    assert "<img src=x" not in measure and "&lt;img src=x onerror=alert(1)&gt;" in measure
    # paragraphs stay paragraphs, a line break is a <br>
    assert "<p>Toinen kappale,<br>\nkahdella rivillä.</p>" in measure
    goal = html_of(site, "tavoite-T1.html")
    assert "<b>yksi</b>" not in goal and "&lt;b&gt;yksi&lt;/b&gt; &amp; kaksi" in goal
    table = (site / "lataukset" / "mittari-T1.1.1.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(table), delimiter=";"))
    assert rows[2][7].startswith("'=HYPERLINK(")  # a note can never run as a formula


def test_indicator_csv_cells() -> None:
    planset = load_valid(FIXTURE_PLANS)
    node = planset.find("O3.M1")
    assert node.indicator is not None
    text = indicator_csv(node.indicator, list(node.indicator.measurements)).decode("utf-8-sig")
    assert "\r\n" in text and ";kyllä;" in text  # O3.M1 is an estimate (likiarvo)


# --- options ----------------------------------------------------------------------------------


def test_period_option(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    plans = copy_fixture_plans(tmp_path / "plans")
    result = invoke("site", "-p", plans, "-o", tmp_path / "site", "--period", "2023-Q2")
    assert result.exit_code == 0, result.output
    text = page_text(tmp_path / "site", "mittari-O1.M1.html")
    assert f"3,0 ({Period(2023, 'Q2').label()})" in text
    assert Period(2023, "Q3").label() not in text and Period(2023, "Q4").label() not in text
    bad = invoke("site", "-p", plans, "-o", tmp_path / "site", "--period", "2023-Q9")
    assert bad.exit_code == 2 and "--period" in bad.stderr


def test_reports_built_in_the_same_run_are_downloads(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    plans = copy_fixture_plans(tmp_path / "plans")
    result = invoke("site", "-p", plans, "-o", tmp_path / "site", "--reports")
    assert result.exit_code == 0, result.output
    made = {p.name for p in (tmp_path / "site" / "lataukset" / "raportit").iterdir()}
    for audience in ("lautakunta", "neuvottelukunta", "hyte", "erityisasiantuntijat"):
        assert any(n.startswith(audience) and n.endswith(".md") for n in made), audience
        assert any(n.startswith(audience) and n.endswith(".docx") for n in made), audience
    listing = page_text(tmp_path / "site", "lataukset.html")
    assert "Raportit" in listing and "Lähidemokratia- ja osallisuuslautakunta" in listing
    assert broken_links(tmp_path / "site") == []


def test_templates_are_overridable(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    from tests.conftest import ROOT

    own = tmp_path / "omat"
    (own / "site").mkdir(parents=True)
    for path in (ROOT / "templates" / "site").iterdir():
        (own / "site" / path.name).write_bytes(path.read_bytes())
    index = own / "site" / "index.html.j2"
    index.write_text(
        index.read_text(encoding="utf-8").replace("<h1>", "<h1 class='oma'>Oma etusivu: "),
        encoding="utf-8",
    )
    plans = copy_fixture_plans(tmp_path / "plans")
    result = invoke("site", "-p", plans, "-o", tmp_path / "site", "--templates", own)
    assert result.exit_code == 0, result.output
    assert "Oma etusivu" in html_of(tmp_path / "site", "index.html")

    broken = tmp_path / "rikki"
    (broken / "site").mkdir(parents=True)
    for path in (own / "site").iterdir():
        (broken / "site" / path.name).write_bytes(path.read_bytes())
    (broken / "site" / "goal.html.j2").write_text(
        '{% extends "site/base.html.j2" %}\n{% block content %}{{ goal.nimi }}{% endblock %}\n',
        encoding="utf-8",
    )
    result = invoke("site", "-p", plans, "-o", tmp_path / "site", "--templates", broken)
    assert result.exit_code == 1
    assert "goal.html.j2:2" in result.stderr and "Traceback" not in result.stderr
    assert "Oma etusivu" in html_of(tmp_path / "site", "index.html")  # the old site stays

    empty = tmp_path / "tyhja"
    empty.mkdir()
    result = invoke("site", "-p", plans, "-o", tmp_path / "site", "--templates", empty)
    assert result.exit_code == 1 and "not found" in result.stderr


# --- the organisation's look, from data -------------------------------------------------------

SITE_SETTINGS = """\
sivusto:
  nimi: Järjestöyhteistyön seuranta
  logo: logo.svg
  värit:
    pääväri: "#5a1e6e"
  palaute:
    nimi: Hyte-tiimi
    sähköposti: palaute@example.invalid
"""


def test_name_colours_logo_and_feedback_from_the_shared_file(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    plans = make_plans(tmp_path / "plans", TINY_PLAN, shared=SHARED_YAML + SITE_SETTINGS)
    (plans / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" '
        'height="10"/></svg>',
        encoding="utf-8",
    )
    assert invoke("validate", plans).exit_code == 0
    result = invoke("site", "-p", plans, "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "feedback contact" not in result.stderr
    site = tmp_path / "site"
    index = html_of(site, "index.html")
    assert "--paa: #5a1e6e" in index and 'src="tyyli/logo.svg"' in index
    assert "<h1>Järjestöyhteistyön seuranta</h1>" in index
    assert (site / "tyyli" / "logo.svg").is_file()
    statement = page_text(site, "saavutettavuusseloste.html")
    assert "Hyte-tiimi" in statement and "palaute@example.invalid" in statement


def test_a_colour_too_light_for_white_text_is_a_validation_error(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    light = SITE_SETTINGS.replace("#5a1e6e", "#f9a825").replace("  logo: logo.svg\n", "")
    plans = make_plans(tmp_path / "plans", TINY_PLAN, shared=SHARED_YAML + light)
    result = invoke("site", "-p", plans, "-o", tmp_path / "site")
    assert result.exit_code == 1
    assert "vake.yaml:" in result.stderr and "4.5:1" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


def test_a_missing_logo_is_one_clear_error(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    plans = make_plans(tmp_path / "plans", TINY_PLAN, shared=SHARED_YAML + SITE_SETTINGS)
    result = invoke("site", "-p", plans, "-o", tmp_path / "site")
    assert result.exit_code == 1
    assert "sivusto.logo" in result.stderr and "logo.svg" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_build_without_a_feedback_contact_says_so(
    tmp_path: Path, tiny_plans: Callable[[str], Path], invoke: Callable[..., Result]
) -> None:
    result = invoke("site", "-p", tiny_plans(TINY_PLAN), "-o", tmp_path / "site")
    assert result.exit_code == 0
    assert "no feedback contact" in result.stderr


# --- the output folder ------------------------------------------------------------------------


def test_a_folder_not_made_by_plan_site_is_never_replaced(
    tmp_path: Path, tiny_plans: Callable[[str], Path], invoke: Callable[..., Result]
) -> None:
    plans = tiny_plans(TINY_PLAN)
    theirs = tmp_path / "omat-tiedostot"
    theirs.mkdir()
    (theirs / "tärkeä.txt").write_text("älä poista", encoding="utf-8")
    result = invoke("site", "-p", plans, "-o", theirs)
    assert result.exit_code == 1 and "not made by plan site" in result.stderr
    assert (theirs / "tärkeä.txt").read_text(encoding="utf-8") == "älä poista"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    site = tmp_path / "site"
    assert invoke("site", "-p", plans, "-o", site).exit_code == 0
    (site / "vanha.html").write_text("vanha", encoding="utf-8")
    assert invoke("site", "-p", plans, "-o", site).exit_code == 0  # its own site: replaced
    assert not (site / "vanha.html").exists() and (site / "index.html").is_file()


def test_output_is_a_file(
    tmp_path: Path, tiny_plans: Callable[[str], Path], invoke: Callable[..., Result]
) -> None:
    target = tmp_path / "tiedosto"
    target.write_text("x", encoding="utf-8")
    result = invoke("site", "-p", tiny_plans(TINY_PLAN), "-o", target)
    assert result.exit_code == 1 and "is a file" in result.stderr


# --- changes from git -------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Testi", "-c", "user.email=testi@example.invalid", *args],
        cwd=repo,
        capture_output=True,
        check=True,
    )


def test_changes_since_the_last_report_tag(tmp_path: Path, invoke: Callable[..., Result]) -> None:
    repo = tmp_path / "repo"
    plans = copy_fixture_plans(repo / "plans")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "alku")
    git(repo, "tag", "raportti-2023")
    edited = invoke(
        "record", "T1.1.2", "--period", "2026-H2", "--value", "3.8", "--n", "41", "-p", plans
    )
    assert edited.exit_code == 0, edited.output
    result = invoke("site", "-p", plans, "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    changes = html_of(tmp_path / "site", "muutokset.html")
    assert "raportti-2023" in changes and 'href="mittari-T1.1.2.html"' in changes
    assert "3,8 (n 41)" in changes
    front = page_text(tmp_path / "site", "index.html")
    assert "2 muutosta raportin raportti-2023 jälkeen" in front  # the value and T1.1's status
    assert "T1.1.2 Järjestöjen kokemus osallisuudesta: mittaus 2026-H2: – → 3,8 (n 41)" in front


def test_outside_git_the_changes_page_says_so(fixture_site: Path) -> None:
    assert "versiohistoriaa (git) ei ole saatavilla" in page_text(fixture_site, "muutokset.html")


# --- --check without the tools ----------------------------------------------------------------


def test_check_without_a_browser_is_a_usage_error(
    tmp_path: Path,
    tiny_plans: Callable[[str], Path],
    invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JARJESTO_CLI_CHROMIUM", str(tmp_path / "ei-selainta"))
    result = invoke("site", "-p", tiny_plans(TINY_PLAN), "-o", tmp_path / "site", "--check")
    assert result.exit_code == 2
    assert "--check cannot run" in result.stderr and not (tmp_path / "site").exists()


# --- the inline SVG ---------------------------------------------------------------------------


def test_inline_svg_is_tidied_for_a_page() -> None:
    drawn = (
        '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="453pt" height="201pt" '
        'viewBox="0 0 453 201"><defs><style type="text/css">*{stroke-linecap: butt}</style>'
        '<clipPath id="p1"><rect/></clipPath></defs>'
        '<g id="patch_1" clip-path="url(#p1)"><use xlink:href="#p1"/></g></svg>'
    )
    svg = inline_svg(drawn, prefix="k-T1", title="Viivakaavio <T1> & muuta")
    assert svg.startswith('<svg role="img" aria-labelledby="k-T1-otsikko"')
    assert 'width="453pt"' not in svg and 'viewBox="0 0 453 201"' in svg
    assert '<title id="k-T1-otsikko">Viivakaavio &lt;T1&gt; &amp; muuta</title>' in svg
    assert 'id="k-T1-p1"' in svg and "url(#k-T1-p1)" in svg and 'href="#k-T1-p1"' in svg
    assert 'id="k-T1-patch_1"' in svg and 'id="p1"' not in svg
    assert '<style>svg[aria-labelledby="k-T1-otsikko"] *{stroke-linecap: butt}</style>' in svg


# --- published from CI ------------------------------------------------------------------------


def test_the_publishing_workflow() -> None:
    from jarjesto_cli.files import yaml_io
    from tests.conftest import ROOT

    workflow = yaml_io.load(ROOT / ".github" / "workflows" / "site.yml")
    assert workflow["on"]["push"]["branches"] == ["main"] and "pull_request" in workflow["on"]
    build = workflow["jobs"]["build"]["steps"]
    assert build[0]["with"]["fetch-depth"] == 0  # the raportti-* tags for the changes page
    runs = " ".join(s.get("run", "") for s in build)
    assert "plan site --output site --reports --check" in runs
    uses = {s.get("uses", "").split("@")[0]: s for s in build}
    assert uses["actions/upload-artifact"]["if"] == "github.event_name == 'pull_request'"
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"]["pages"] == "write"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_ci_installs_the_browser_and_requires_its_tests() -> None:
    from tests.conftest import ROOT

    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install" in script and "chromium" in script
    required = script.index("export JARJESTO_CLI_REQUIRE_BROWSER=1")
    assert required < script.index("\nmake test")  # the suite runs with the browser required


# --- bad input --------------------------------------------------------------------------------


def test_plans_with_errors_build_nothing(
    tmp_path: Path, tiny_plans: Callable[[str], Path], invoke: Callable[..., Result]
) -> None:
    plans = tiny_plans(TINY_PLAN.replace("tila: toteutuu osittain", "tila: valmis"))
    result = invoke("site", "-p", plans, "-o", tmp_path / "site")
    assert result.exit_code == 1
    assert "testi.yaml:" in result.stderr and "'valmis' is not allowed" in result.stderr
    assert not (tmp_path / "site").exists()


def test_an_unwritable_output_is_one_clear_error(
    tmp_path: Path, tiny_plans: Callable[[str], Path], invoke: Callable[..., Result]
) -> None:
    blocker = tmp_path / "tiedosto"
    blocker.write_text("x", encoding="utf-8")  # a file where the output's folder should be
    result = invoke("site", "-p", tiny_plans(TINY_PLAN), "-o", blocker / "site")
    assert result.exit_code == 1 and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_statement_lists_what_a_failed_check_found(tmp_path: Path) -> None:
    from jarjesto_cli.outputs.site.pages import site_context
    from jarjesto_cli.outputs.site.results import PageResult, SiteCheck, Violation
    from jarjesto_cli.outputs.site.statement import statement
    from jarjesto_cli.outputs.templating import renderer
    from tests.conftest import ROOT

    planset = load_valid(FIXTURE_PLANS)
    found = SiteCheck(
        date="25.11.2026",
        browser="Chromium 1",
        axe_version="4.12.1",
        pages=[
            PageResult("index.html"),
            PageResult(
                "mittari-O1.M1.html",
                violations=[Violation("color-contrast", "serious", "Elements must meet…", ("a",))],
                overflow=["320 px"],
            ),
        ],
    )
    page = statement(planset.shared, found, date="25.11.2026", page_count=2)
    html = renderer(ROOT / "templates")(
        page.template,
        {
            "site": site_context(planset.shared, dt.date(2026, 11, 25), None),
            "page": {"file": page.file, "title": page.title, "breadcrumbs": []},
            **page.context,
        },
    )
    assert "Rikkeitä löytyi 1." in html
    assert "Automaattinen tarkistus löysi puutteita seuraavilta sivuilta" in html
    assert 'href="mittari-O1.M1.html"' in html and "color-contrast: Elements must meet" in html
    assert "1 muuta havaintoa" in html and not found.ok
