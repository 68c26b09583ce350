"""plans/ against the source documents: the only tests that read the county's own data.

Two kinds: (a) every file in plans/ validates; (b) plans/ holds what the documents in
docs/sources/ state: goals, measures, sub-actions, baselines, indicators and targets, decisions and
the reporting rhythm, and the participation programme's 2023 statuses, narratives and values.

The team adds measurements, statuses and narratives for later periods every reporting cycle, so
these tests look for what the documents say and never check that nothing else is there: no counts
of all measurements or reports, no "latest value", no default period. They read the YAML as data,
not through the tool's models. Every other test uses the frozen copy in tests/fixtures/plans.

JARJESTO_CLI_DATA_PLANS points them at another plans folder: tests/test_workflow.py runs them on a
copy of plans/ edited as a planner would edit it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from jarjesto_cli.files import yaml_io
from tests.conftest import REPO_PLANS, SOURCES
from tests.test_schema import as_json_data, validator

DATA_PLANS = Path(os.environ.get("JARJESTO_CLI_DATA_PLANS") or REPO_PLANS)
NGO, OSALLISUUS = "jarjestoyhteistyo-2026-2030", "osallisuusohjelma"
NGO_DOC = SOURCES / "000_5127fcbfdc356f7e.txt"
OSALLISUUS_DOC = SOURCES / "003_30c9cb042fd1c807.txt"

# obvious typos fixed in transcription: the document's spelling → the plans' spelling
TYPOS = {
    NGO_DOC: {
        "järjestöyöpajaa": "järjestötyöpajaa",
        "lautakunnan valmisteleva": "lautakunnan valmistelema",
        "Aukkaiden": "Asukkaiden",
        "Tukea, koordinoi": "Tukee, koordinoi",
        "tähtäävä toimintakulttuuria": "tähtäävää toimintakulttuuria",
        "kokonais kuvan": "kokonaiskuvan",
    },
    OSALLISUUS_DOC: {
        "HYTEneuvottelu": "HYTE-neuvottelu",
        "asiakaslähtöisyytta": "asiakaslähtöisyyttä",
        "laasten": "lasten",
        "alueelliseen": "alueellisen",
    },
}


# --- the documents ------------------------------------------------------------------------------


@functools.cache
def document(source: Path) -> str:
    """The document's text with its obvious typos fixed, as the plans have it."""
    text = source.read_text(encoding="utf-8")
    for typo, fixed in TYPOS[source].items():
        assert typo in text, f"{typo!r} is no longer in {source.name}"
        text = text.replace(typo, fixed)
    return text


def squeeze(text: str) -> str:
    """Text comparable across the PDF's line breaks and the HTML cells: no tags, one space for a
    run of white space, none around a slash or after a hyphen, case folded."""
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    return re.sub(r"-\s(?=\w)", "-", re.sub(r" ?/ ?", "/", text)).casefold()


def says(source: Path, text: str) -> bool:
    """Whether the document has this text (across its line breaks)."""
    return squeeze(text) in squeeze(document(source))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def found_in_order(text: str, source: Path, start: int = 0) -> int | None:
    """Where `text` starts in the document's words at or after `start`: its words in order, with
    the words of the cells the PDF interleaves allowed between them. None if it is not there."""
    wanted, have = words(text), words(document(source))
    head = wanted[:2]
    for at in range(start, len(have)):
        if have[at : at + len(head)] != head:
            continue
        position = at
        for word in wanted:
            if word not in have[position:]:
                break
            position = have.index(word, position) + 1
        else:
            return at
    return None


# --- the plans as data --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def files() -> dict[str, Any]:
    """Each YAML file of the plans folder as data, by file name."""
    return {path.name: yaml_io.load(path) for path in sorted(DATA_PLANS.glob("*.yaml"))}


def plan(files: dict[str, Any], plan_id: str) -> dict[str, Any]:
    (found,) = [data for data in files.values() if data.get("id") == plan_id]
    return found


def shared(files: dict[str, Any]) -> dict[str, Any]:
    (found,) = [data for data in files.values() if "tavoitteet" not in data]
    return found


def nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every mapping with an id in the data: goals, measures, indicators, roles, audiences."""
    if isinstance(data, dict):
        if "id" in data:
            yield data
        for value in data.values():
            yield from nodes(value)
    elif isinstance(data, list):
        for value in data:
            yield from nodes(value)


def node(data: Any, node_id: str) -> dict[str, Any]:
    (found,) = [n for n in nodes(data) if n["id"] == node_id]
    return found


def for_period(node: dict[str, Any], key: str, period: str) -> dict[str, Any]:
    """The node's measurement (`mittaukset`) or report (`raportit`) for the period."""
    found = [entry for entry in node.get(key, []) if str(entry["kausi"]) == period]
    assert len(found) == 1, f"{node['id']} has no {key} entry for {period}"
    return found[0]


def texts(items: list[Any]) -> list[str]:
    """The texts of a bullet list whose items may have sub-bullets, flattened."""
    out = []
    for item in items:
        if isinstance(item, dict):
            out += [item["teksti"], *texts(item.get("kohdat", []))]
        else:
            out.append(item)
    return out


# --- (a) every file validates -------------------------------------------------------------------


def test_the_plans_validate(invoke: Callable[..., Result]) -> None:
    result = invoke("validate", DATA_PLANS)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: "), result.output


@pytest.mark.parametrize("name", sorted(p.name for p in DATA_PLANS.glob("*.yaml")))
def test_each_file_satisfies_the_editors_schema(name: str, files: dict[str, Any]) -> None:
    kind = "plan" if "tavoitteet" in files[name] else "shared"
    errors = list(validator(kind).iter_errors(as_json_data(files[name])))
    assert not errors, [e.message for e in errors]
    first = (DATA_PLANS / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"


# --- (b) the NGO-cooperation action plan --------------------------------------------------------


def ngo_rows() -> dict[str, list[str]]:
    """The goal tables' rows by measure id (T1.1 …): Toimenpide, Lähtötaso, Tavoitetaso cells."""
    rows, goal, number = {}, "", 0
    for line in document(NGO_DOC).splitlines():
        if found := re.match(r"Tavoite (\d): ", line):
            goal, number = found.group(1), 0
        elif line.startswith("<p>"):
            number += 1
            rows[f"T{goal}.{number}"] = line.split("\t")
    return rows


def cell_items(cell: str) -> list[str]:
    """A table cell's paragraphs and bullets, in order, without their markup."""
    items = []
    for paragraph, bullets in re.findall(r"<p>(.*?)</p>|<ul[^>]*>(.*?)(?:</ul>|$)", cell):
        items += [paragraph] if paragraph else re.split(r"\s[•-]\s", f" {bullets} ")
    return [item.strip() for item in items if item.strip()]


def kind_stated(item: str) -> str:
    """The indicator kind a target bullet states."""
    if "kyllä/ei/osittain" in item:
        return "kyllä-ei"
    if "arvosana 4" in item:
        return "asteikko"
    if re.search(r"määrä|kasva|käyttökerrat", item):
        return "määrä"
    return "teksti"


def test_ngo_goals_and_their_strategy_links(files: dict[str, Any]) -> None:
    ngo, common = plan(files, NGO), shared(files)
    text = document(NGO_DOC)
    goals = re.findall(r"^Tavoite (\d): (.+)$", text, re.M)
    strategy = re.findall(r"^Strategian tavoite: (.+)$", text, re.M)
    metrics = re.findall(r"^Strategiatasoinen mittari: (.+)$", text, re.M)
    assert len(goals) == len(strategy) == len(metrics) == 3
    goal_ids = {g["nimi"]: g["id"] for g in common["strategiset_tavoitteet"]}
    metric_ids = {m["nimi"]: m["id"] for m in common["strategiset_mittarit"]}
    for (number, name), goal_name, metric_names in zip(goals, strategy, metrics, strict=True):
        goal = node(ngo, f"T{number}")
        assert squeeze(goal["nimi"]).rstrip(".") == squeeze(name).rstrip(".")
        assert goal_ids[goal_name.strip()] in goal["strategiset_tavoitteet"], goal["id"]
        for metric in metric_names.split(" / "):
            assert metric_ids[metric.strip()] in goal["strategiset_mittarit"], (goal["id"], metric)


@pytest.mark.parametrize("measure_id", list(ngo_rows()))
def test_ngo_measure_as_in_the_document(measure_id: str, files: dict[str, Any]) -> None:
    action, baseline, target = (cell_items(cell) for cell in ngo_rows()[measure_id])
    measure = node(plan(files, NGO), measure_id)
    assert squeeze(measure["nimi"]) == squeeze(action[0])
    sub_actions = [squeeze(s) for s in texts(measure.get("alatoimenpiteet", []))]
    assert all(squeeze(s) in sub_actions for s in action[1:]), measure_id
    baselines = [squeeze(s) for s in texts(measure.get("lähtötaso", []))]
    assert all(squeeze(s) in baselines for s in baseline), measure_id
    indicators = measure.get("mittarit", [])
    for item in target:
        if item.startswith("Seuranta ("):  # how the measure is followed, not an indicator
            assert f"({measure['seuranta']})" in item
            continue
        (indicator,) = [i for i in indicators if squeeze(item).startswith(squeeze(i["nimi"]))]
        assert indicator["tyyppi"] == kind_stated(item), indicator["id"]
        if indicator["tyyppi"] == "asteikko":
            assert indicator["tavoite"] == 4 and indicator["asteikko"] == {"min": 1, "max": 5}


def test_a_count_has_a_unit_not_a_source(files: dict[str, Any]) -> None:
    assert says(NGO_DOC, "Hyvinvointitarjottimen käyttö (käyttökerrat)")
    use = node(plan(files, NGO), "T1.2.4")
    assert use.get("yksikkö") == "käyttökertaa" and "lähde" not in use


def test_ngo_decisions(files: dict[str, Any]) -> None:
    ngo = plan(files, NGO)
    board, committee = (
        "Järjestöyhteistyön neuvottelukunta",
        "Lähidemokratia- ja osallisuuslautakunta",
    )
    assert says(NGO_DOC, "hyväksytään lähidemokratia- ja osallisuuslautakunnassa 26.5.2026")
    assert ngo["omistaja"] == committee
    assert says(NGO_DOC, "tavoitteet vuosille 2026–2030")
    assert (ngo["alkuvuosi"], ngo["loppuvuosi"]) == (2026, 2030)
    events = {(e["päivä"], e["elin"]) for e in ngo["käsittelyt"]}
    for day, body, words_in_document in [
        (dt.date(2026, 2, 3), board, "neuvottelukunnan kokouksessa 3.2.2026"),
        (dt.date(2026, 4, 7), board, "neuvottelukunnan kokouksessa 7.4.2026"),
        (dt.date(2026, 4, 21), committee, "osallisuuslautakunta 21.4.2026"),
        (dt.date(2026, 5, 26), committee, "osallisuuslautakunnassa 26.5.2026"),
    ]:
        assert says(NGO_DOC, words_in_document)
        assert (day, body) in events


def test_schedule_dates_only_what_the_document_dates(files: dict[str, Any]) -> None:
    drafted = (
        "Järjestöyhteistyön neuvottelukunnan kokouksessa 7.4.2026 laadittiin esitys keskeisistä "
        "ylitason toimenpiteistä ja seurannan raameista."
    )
    approval = "Hyväksytään esitys toimenpiteistä ja seurannan raameista neuvottelukunnassa"
    approved = "Järjestöyhteistyön toimintasuunnitelma hyväksytään lähidemokratia- ja "
    assert says(NGO_DOC, drafted) and says(NGO_DOC, approval) and says(NGO_DOC, approved)
    schedule = plan(files, NGO)["aikataulu"]
    (drafting,) = [step for step in schedule if drafted in texts(step.get("kohdat", []))]
    assert drafting["alku"] == dt.date(2026, 4, 7)
    # the board drafted the proposal on 7.4.2026; the document gives its approval no date
    (approving,) = [step for step in schedule if approval in texts(step.get("kohdat", []))]
    assert "loppu" not in approving and "ajankohta" not in approving
    (adopting,) = [s for s in schedule if any(approved in t for t in texts(s.get("kohdat", [])))]
    assert adopting["alku"] == adopting["loppu"] == dt.date(2026, 5, 26)


def numbered_lists(heading: str) -> list[tuple[str, list[str]]]:
    """The numbered titles and their bullets under a heading of the NGO document."""
    lines = document(NGO_DOC).splitlines()
    found: list[tuple[str, list[str]]] = []
    for line in lines[lines.index(heading) + 1 :]:
        if title := re.match(r"\d\. (.+)", line):
            found.append((title.group(1), []))
        elif line.startswith("- ") and found:
            found[-1][1].append(line[2:])
        elif line.strip() and not line.startswith("Hyväksytty"):
            break
    return found


def bullets_under(line: str) -> list[str]:
    """The ` - ` bullets right under a line of the NGO document."""
    lines = document(NGO_DOC).splitlines()
    found = []
    for below in lines[lines.index(line) + 1 :]:
        if not below.startswith(" - "):
            break
        found.append(below[3:])
    return found


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Järjestöyhteistyön vahvuudet – tiivistettynä", "vahvuudet"),
        ("Järjestöyhteistyön kehittämisen kolme pääkokonaisuutta", "kehittämiskokonaisuudet"),
    ],
)
def test_ngo_strengths_and_development_themes(
    heading: str, key: str, files: dict[str, Any]
) -> None:
    in_document = numbered_lists(heading)
    assert len(in_document) == 3
    in_plan = {
        squeeze(t["nimi"]): [squeeze(i) for i in texts(t["kohdat"])] for t in plan(files, NGO)[key]
    }
    for title, items in in_document:
        assert items and all(squeeze(i) in in_plan[squeeze(title)] for i in items), title


def test_ngo_roles(files: dict[str, Any]) -> None:
    roles = {
        r["id"]: [squeeze(d) for d in texts(r["tehtävät"])] for r in plan(files, NGO)["roolit"]
    }
    for role_id, line in [
        ("neuvottelukunta", "- Neuvottelukunnan rooli:"),
        ("hyte-tiimi", "- Hyte-tiimin rooli:"),
    ]:
        duties = bullets_under(line)
        assert duties and all(squeeze(d) in roles[role_id] for d in duties), role_id


def test_reporting_rhythm(files: dict[str, Any]) -> None:
    audiences = {a["id"]: a for a in shared(files)["yleisöt"]}
    reporting = {squeeze(r["teksti"]): r["yleisö"] for r in plan(files, NGO)["raportointi"]}
    lines = bullets_under("- Suunnitelman etenemisestä raportoidaan ja laaditaan katsaukset")
    assert len(lines) == 4
    for line in lines:  # e.g. "1-2 x vuodessa Lähidemokratia- ja osallisuuslautakunnalle"
        times = re.match(r"(\d)(?:-(\d))? x vuodessa", line)
        assert times is not None, line
        audience = audiences[reporting[squeeze(line)]]
        at_most = int(times.group(2)) if times.group(2) else None
        assert (audience["kertaa_vuodessa"], audience.get("enintään_kertaa_vuodessa")) == (
            int(times.group(1)),
            at_most,
        ), line
        assert NGO in audience["suunnitelmat"], line


# --- (b) the participation programme ------------------------------------------------------------

# the numbered measures per goal, counted by hand from the table (its cells are interleaved)
MEASURES_PER_GOAL = [3, 4, 4, 4, 4, 4]
OSALLISUUS_MEASURES = [
    f"O{goal}.{n}" for goal, count in enumerate(MEASURES_PER_GOAL, 1) for n in range(1, count + 1)
]


def document_statuses() -> list[str]:
    """The Tila column in document order; the PDF splits two-word statuses over two lines."""
    cells = re.findall(
        r"^(Toteutuu\s*\n\s*\nosittain|Toteutuu|Ei\s*\n\s*\ntoteudu)\s*$",
        document(OSALLISUUS_DOC),
        re.M,
    )
    return [" ".join(cell.split()).lower() for cell in cells]


def test_osallisuus_source_is_the_documents_header(files: dict[str, Any]) -> None:
    header = [line.strip() for line in document(OSALLISUUS_DOC).splitlines()[:2]]
    assert plan(files, OSALLISUUS)["lähde"] == " / ".join(header)


def test_osallisuus_goals_and_dimensions(files: dict[str, Any]) -> None:
    text = document(OSALLISUUS_DOC)
    dimensions = re.findall(r"^(\S+(?: o|o)sallisuus) *$", text, re.M)
    numbers = re.findall(r"^(\d)\. tavoite:", text, re.M)
    assert len(dimensions) == len(numbers) == len(MEASURES_PER_GOAL)
    ohjelma = plan(files, OSALLISUUS)
    for number, dimension in zip(numbers, dimensions, strict=True):
        goal = node(ohjelma, f"O{number}")
        assert goal["ulottuvuus"] == dimension and says(OSALLISUUS_DOC, goal["nimi"]), goal["id"]


def test_osallisuus_measures_their_2023_statuses_and_narratives(files: dict[str, Any]) -> None:
    ohjelma = plan(files, OSALLISUUS)
    statuses = document_statuses()
    assert len(statuses) == len(OSALLISUUS_MEASURES)
    position = 0
    for measure_id, status in zip(OSALLISUUS_MEASURES, statuses, strict=True):
        measure = node(ohjelma, measure_id)
        assert says(OSALLISUUS_DOC, measure["nimi"]), measure_id
        reported = for_period(measure, "raportit", "2023")
        assert reported["tila"] == status, measure_id
        # the narrative follows the previous measure's, word for word
        found = found_in_order(reported["teksti"], OSALLISUUS_DOC, position)
        assert found is not None, measure_id
        position = found + 1


def test_osallisuus_target_groups(files: dict[str, Any]) -> None:
    # "1. Kaikki kohderyhmät", "2. Asukkaat, asiakkaat", "3. Kaikki kohderyhmät" (goal 1) and
    # "1. Kaikki kohderyhmät", "2.-4. Asukkaat, asiakkaat" (goal 2); goals 3–6 name none
    assert says(OSALLISUUS_DOC, "2.-4. Asukkaat, asiakkaat")
    everyone, residents = ["Kaikki kohderyhmät"], ["Asukkaat, asiakkaat"]
    expected = {"O1.1": everyone, "O1.2": residents, "O1.3": everyone, "O2.1": everyone}
    expected |= {"O2.2": residents, "O2.3": residents, "O2.4": residents}
    ohjelma = plan(files, OSALLISUUS)
    for measure_id, groups in expected.items():
        assert set(groups) <= set(node(ohjelma, measure_id)["kohderyhmät"]), measure_id


def test_osallisuus_quarterly_values(files: dict[str, Any]) -> None:
    text = document(OSALLISUUS_DOC)
    in_document = [
        (f"2023-Q{q}", float(v)) for q, v in re.findall(r"o (\d)\.\s?ovk (\d\.\d)", text)
    ]
    assert len(in_document) == 16
    in_plan = [
        (str(m["kausi"]), m["arvo"])
        for goal in plan(files, OSALLISUUS)["tavoitteet"]
        for indicator in goal.get("mittarit", [])
        for m in indicator.get("mittaukset", [])
        if str(m["kausi"]).startswith("2023-Q")
    ]
    assert in_plan == in_document


@pytest.mark.parametrize(
    ("indicator_id", "value", "words_in_document"),
    [
        ("O3.M1", 100, "Tilaisuudessa oli n. 100 osallistujaa."),
        ("O3.M2", 850000, "Hyvinvointialue jakoi avustuksia 850 000 euroa vuonna 2023"),
        ("O6.M5", 5, "HYTE-neuvotteluita järjestettiin 5 kertaa vuoden 2023 aikana."),
    ],
)
def test_osallisuus_2023_figures(
    indicator_id: str, value: int, words_in_document: str, files: dict[str, Any]
) -> None:
    assert says(OSALLISUUS_DOC, words_in_document)
    measured = for_period(node(plan(files, OSALLISUUS), indicator_id), "mittaukset", "2023")
    assert measured["arvo"] == value and words_in_document in measured["huomio"]


def test_an_approximate_figure_stays_approximate(files: dict[str, Any]) -> None:
    # "n. 100 osallistujaa": the value is an estimate, shown as "noin 100" wherever it appears
    assert says(OSALLISUUS_DOC, "Tilaisuudessa oli n. 100 osallistujaa.")
    measured = for_period(node(plan(files, OSALLISUUS), "O3.M1"), "mittaukset", "2023")
    assert measured["arvo"] == 100 and measured.get("likiarvo") is True


def test_residents_made_no_initiatives_in_2023(files: dict[str, Any]) -> None:
    # O4.M3 counts residents' initiatives; the 19 were council members' initiatives
    council = "Vuoden 2023 aikana jätettiin yhteensä 19 valtuustoaloitetta."
    residents = (
        "Vantaan ja Keravan hyvinvointialueen jäsenet eivät jättäneet aloitteita "
        "hyvinvointialueen käsiteltäväksi."
    )
    assert says(OSALLISUUS_DOC, council) and says(OSALLISUUS_DOC, residents)
    initiatives = for_period(node(plan(files, OSALLISUUS), "O4.M3"), "mittaukset", "2023")
    assert initiatives["arvo"] == 0
    assert council in initiatives["huomio"] and residents in initiatives["huomio"]


def test_customer_panels_count_the_two_named_panels(files: dict[str, Any]) -> None:
    # "o Hyvinvointialueella toimii" … (a page break) … "ikääntyneiden asiakasraati ja …"
    assert says(OSALLISUUS_DOC, "o Hyvinvointialueella toimii")
    assert says(OSALLISUUS_DOC, "ikääntyneiden asiakasraati ja vammaisten asiakasraati.")
    named = ["ikääntyneiden asiakasraati", "vammaisten asiakasraati"]
    panels = for_period(node(plan(files, OSALLISUUS), "O2.M2"), "mittaukset", "2023")
    assert panels["arvo"] == len(named)
    assert panels["huomio"].startswith(f"Määrä {len(named)} asiakasraatia: ")
    assert all(name in panels["huomio"] for name in named)


def goal_metrics_2023(files: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """The participation programme's goal-level metrics with their 2023 measurement."""
    for goal in plan(files, OSALLISUUS)["tavoitteet"]:
        for indicator in goal.get("mittarit", []):
            for measured in indicator.get("mittaukset", []):
                if str(measured["kausi"]) == "2023":
                    yield indicator, measured


def test_yes_no_metrics_have_only_the_documents_words_for_2023(files: dict[str, Any]) -> None:
    # the 2023 document gives no kyllä/osittain/ei for any metric, only what happened
    yes_no = [(i, m) for i, m in goal_metrics_2023(files) if i["tyyppi"] == "kyllä-ei"]
    assert {i["id"] for i, _ in yes_no} >= {"O6.M2", "O6.M4"}
    for indicator, measured in yes_no:
        assert "arvo" not in measured and says(OSALLISUUS_DOC, measured["huomio"]), indicator["id"]


def test_2023_notes_and_text_values_quote_the_document(files: dict[str, Any]) -> None:
    quoted = 0
    for indicator, measured in goal_metrics_2023(files):
        if indicator["id"] == "O2.M2":  # its note says what the value counts (tested above)
            continue
        for text in (measured.get("huomio"), measured.get("arvo")):
            if isinstance(text, str):
                assert found_in_order(text, OSALLISUUS_DOC) is not None, indicator["id"]
                quoted += 1
    assert quoted >= 10


# --- (b) nothing invented -----------------------------------------------------------------------

# the periods the documents report on (the NGO document is a plan: it reports none)
DOCUMENT_PERIODS = {NGO: set(), OSALLISUUS: {"2023", "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"}}
# the keys that hold the documents' structure and text; whatever else is added later (owners,
# decisions …) is the county's own and not looked at
STRUCTURE = {"tavoitteet", "toimenpiteet", "mittarit", "mittaukset", "raportit", "käsittelyt"}
STRUCTURE |= {"aikataulu", "roolit", "raportointi", "vahvuudet", "kehittämiskokonaisuudet"}
TEXT = {"nimi", "kuvaus", "lähde", "omistaja", "sisältö", "tausta", "seuranta", "toteutus"}
TEXT |= {"ulottuvuus", "alatoimenpiteet", "kohderyhmät", "lähtötaso", "ryhmä", "yksikkö"}
TEXT |= {"arvo", "huomio", "teksti", "kohdat", "elin", "ajankohta", "tehtävät"}
# the plans' own words: a survey's name, a unit as it reads after a number, the description
ALLOWED = {"asiakaspalautekysely", "käyttökertaa", "osallisuusohjelman", "seuranta", "vuodelta"}


def _texts(data: Any, periods: set[str]) -> Iterator[str]:
    """The documents' texts in a plan: its structure and text keys, not what later periods add."""
    if isinstance(data, dict):
        if "kausi" in data and str(data["kausi"]) not in periods:
            return
        for key, value in data.items():
            if key in STRUCTURE | TEXT:
                yield from _texts(value, periods)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value, periods)
    elif isinstance(data, str):
        yield data


@pytest.mark.parametrize(("plan_id", "source"), [(NGO, NGO_DOC), (OSALLISUUS, OSALLISUUS_DOC)])
def test_every_word_comes_from_the_document(
    plan_id: str, source: Path, files: dict[str, Any]
) -> None:
    known = set(words(document(source))) | ALLOWED
    in_plan = {
        w for text in _texts(plan(files, plan_id), DOCUMENT_PERIODS[plan_id]) for w in words(text)
    }
    assert in_plan - known == set()
