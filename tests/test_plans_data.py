"""The data is real: plans/ holds what the source documents say, re-counted from the documents.

The documents are kept in docs/sources/ (copies of the project's seed documents).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jarjesto_cli.domain.models import Plan
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.files import yaml_io
from jarjesto_cli.files.loading import load_valid
from tests.conftest import REPO_PLANS, SOURCES

NGO_DOC = SOURCES / "000_5127fcbfdc356f7e.txt"
OSALLISUUS_DOC = SOURCES / "003_30c9cb042fd1c807.txt"


@pytest.fixture(scope="module")
def planset() -> PlanSet:
    return load_valid(REPO_PLANS)


def plan(planset: PlanSet, plan_id: str) -> Plan:
    return planset.plan(plan_id)


# --- the NGO-cooperation action plan ------------------------------------------------------------


def ngo_rows() -> list[list[str]]:
    """The goal tables' rows: Toimenpide, Lähtötaso, Tavoitetaso (tab-separated HTML cells)."""
    text = NGO_DOC.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.startswith("<p>")]


def test_ngo_goals_and_measures(planset: PlanSet) -> None:
    ngo = plan(planset, "jarjestoyhteistyo-2026-2030")
    text = NGO_DOC.read_text(encoding="utf-8")
    goals_in_doc = re.findall(r"^Tavoite (\d): (.+)$", text, re.M)
    assert [g.id for g in ngo.goals] == [f"T{n}" for n, _ in goals_in_doc]
    assert [g.name.rstrip(".") for g in ngo.goals] == [
        name.strip().rstrip(".") for _, name in goals_in_doc
    ]
    measures = [m for g in ngo.goals for m in g.measures]
    rows = ngo_rows()
    assert len(measures) == len(rows) == 10
    for measure, row in zip(measures, rows, strict=True):
        name = re.match(r"<p>(.*?)</p>", row[0])
        assert name is not None
        assert measure.name.split()[:2] == name.group(1).split()[:2], measure.id


def test_ngo_sub_actions_and_indicators_per_measure(planset: PlanSet) -> None:
    measures = [m for g in plan(planset, "jarjestoyhteistyo-2026-2030").goals for m in g.measures]
    for measure, (action, _baseline, target) in zip(measures, ngo_rows(), strict=True):
        items = action.split("<ul", 1)
        sub_actions = len(re.findall(r" - ", items[1])) if len(items) > 1 else 0
        assert len(measure.sub_actions) == sub_actions, measure.id
        # one indicator per bullet, plus a lead paragraph; "Seuranta (...)" is how, not what
        indicators = len(re.findall(r"•| - ", target)) + target.startswith("<p>")
        indicators -= " - Seuranta (" in target
        assert len(measure.indicators) == indicators, measure.id
        yes_no = sum(getattr(i, "kind", "") == "kyllä-ei" for i in measure.indicators)
        assert yes_no == target.count("kyllä/ei/osittain"), measure.id


def test_ngo_targets_and_links(planset: PlanSet) -> None:
    ngo = plan(planset, "jarjestoyhteistyo-2026-2030")
    kinds = Counter(i.kind for g in ngo.goals for m in g.measures for i in m.indicators)
    assert kinds == {"kyllä-ei": 15, "asteikko": 7, "määrä": 3, "teksti": 2}
    text = NGO_DOC.read_text(encoding="utf-8")
    assert text.count("arvosana 4") == kinds["asteikko"]
    for g in ngo.goals:
        for m in g.measures:
            for i in m.indicators:
                if i.kind == "asteikko":
                    assert i.target == 4 and (i.scale.min, i.scale.max) == (1, 5), i.id
    assert [g.strategy_goals for g in ngo.goals] == [["S1"], ["S2"], ["S1"]]
    assert [len(g.strategy_metrics) for g in ngo.goals] == [
        len(re.findall(r" / ", line)) + 1
        for line in re.findall(r"^Strategiatasoinen mittari: (.+)$", text, re.M)
    ]


def test_ngo_metadata(planset: PlanSet) -> None:
    ngo = plan(planset, "jarjestoyhteistyo-2026-2030")
    dates = {e.date.isoformat() for e in ngo.events}
    assert dates == {"2026-02-03", "2026-04-07", "2026-04-21", "2026-05-26"}
    assert [r.audience for r in ngo.reporting] == [
        "neuvottelukunta",
        "lautakunta",
        "hyte",
        "erityisasiantuntijat",
    ]
    assert len(ngo.strengths) == len(ngo.themes) == 3
    assert [len(s.items) for s in ngo.strengths] == [2, 2, 2]
    assert [len(t.items) for t in ngo.themes] == [3, 4, 3]
    assert {r.id for r in ngo.roles} == {"neuvottelukunta", "hyte-tiimi"}
    assert [len(r.duties) for r in ngo.roles] == [4, 3]


def test_audience_rhythm_matches_document(planset: PlanSet) -> None:
    assert planset.shared is not None
    rhythm = {a.id: (a.times_per_year, a.at_most_per_year) for a in planset.shared.audiences}
    assert rhythm == {
        "neuvottelukunta": (
            2,
            None,
        ),  # "2 x vuodessa: järjestöyhteistyön neuvottelukunnan kokouksissa"
        "lautakunta": (1, 2),  # "1-2 x vuodessa Lähidemokratia- ja osallisuuslautakunnalle"
        "hyte": (4, None),  # "4 x vuodessa Hyte-tehtäväalueelle"
        "erityisasiantuntijat": (2, None),  # "2 x vuodessa: Toimialojen erityisasiantuntijoille"
    }


# --- the participation programme ----------------------------------------------------------------


def document_statuses() -> list[str]:
    """The Tila column in document order; the PDF splits two-word statuses over two lines."""
    text = OSALLISUUS_DOC.read_text(encoding="utf-8")
    cells = re.findall(
        r"^(Toteutuu\s*\n\s*\nosittain|Toteutuu|Ei\s*\n\s*\ntoteudu)\s*$", text, re.M
    )
    words = {"Toteutuu": "toteutuu"}
    return [words.get(c, "toteutuu osittain" if "osittain" in c else "ei toteudu") for c in cells]


def test_osallisuus_goals_measures_and_statuses(planset: PlanSet) -> None:
    ohjelma = plan(planset, "osallisuusohjelma")
    text = OSALLISUUS_DOC.read_text(encoding="utf-8")
    assert [g.id for g in ohjelma.goals] == [f"O{n}" for n in re.findall(r"(\d)\. tavoite:", text)]
    # counted by hand from the table: measures per goal
    assert [len(g.measures) for g in ohjelma.goals] == [3, 4, 4, 4, 4, 4]
    statuses = [m.reports[0].status for g in ohjelma.goals for m in g.measures]
    assert statuses == document_statuses()
    assert Counter(statuses) == {"toteutuu": 14, "toteutuu osittain": 8, "ei toteudu": 1}
    for g in ohjelma.goals:
        for m in g.measures:
            assert [r.period for r in m.reports] == ["2023"], m.id
            assert m.reports[0].text, m.id


def test_osallisuus_quarterly_values(planset: PlanSet) -> None:
    text = OSALLISUUS_DOC.read_text(encoding="utf-8")
    in_doc = [(f"2023-Q{q}", float(v)) for q, v in re.findall(r"o (\d)\.\s?ovk (\d\.\d)", text)]
    ohjelma = plan(planset, "osallisuusohjelma")
    in_yaml = [
        (m.period, m.value)
        for g in ohjelma.goals
        for i in g.indicators
        for m in i.measurements
        if m.period.startswith("2023-Q")
    ]
    assert in_yaml == in_doc
    assert len(in_doc) == 16


def test_osallisuus_one_off_figures(planset: PlanSet) -> None:
    values = {
        i.id: [(m.period, getattr(m, "value", None)) for m in i.measurements]
        for g in plan(planset, "osallisuusohjelma").goals
        for i in g.indicators
    }
    found = {v for vs in values.values() for (_, v) in vs if isinstance(v, int | float) and v > 5}
    assert {850000, 100} <= found
    assert ("2023", 5) in [pv for vs in values.values() for pv in vs]  # HYTE negotiations
    o34 = next(
        m for g in plan(planset, "osallisuusohjelma").goals for m in g.measures if m.id == "O3.4"
    )
    assert "29 hakijalle yhteensä 850 000 euroa" in (o34.reports[0].text or "")


# --- values the document does not state are not invented ------------------------------------------


def squeeze(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces (the PDF breaks lines)."""
    return " ".join(text.split())


def in_document(text: str, source: Path = OSALLISUUS_DOC) -> bool:
    return squeeze(text) in squeeze(source.read_text(encoding="utf-8"))


def measurement_2023(planset: PlanSet, indicator_id: str) -> Any:
    node = planset.find(indicator_id)
    assert node.indicator is not None, indicator_id
    (found,) = [m for m in node.indicator.measurements if str(m.period) == "2023"]
    return found


def test_residents_made_no_initiatives_in_2023(planset: PlanSet) -> None:
    # O4.M3 counts residents' initiatives; the 19 were council members' initiatives
    council = "Vuoden 2023 aikana jätettiin yhteensä 19 valtuustoaloitetta."
    residents = (
        "Vantaan ja Keravan hyvinvointialueen jäsenet eivät jättäneet aloitteita "
        "hyvinvointialueen käsiteltäväksi."
    )
    assert in_document(council) and in_document(residents)
    initiatives = measurement_2023(planset, "O4.M3")
    assert initiatives.value == 0
    assert council in initiatives.note and residents in initiatives.note


def test_yes_no_metrics_have_only_the_documents_words_for_2023(planset: PlanSet) -> None:
    # the 2023 document gives no kyllä/osittain/ei for any metric, only what happened
    yes_no = [
        i
        for g in plan(planset, "osallisuusohjelma").goals
        for i in g.indicators
        if i.kind == "kyllä-ei"
    ]
    assert {i.id for i in yes_no} >= {"O6.M2", "O6.M4"}
    for indicator in yes_no:
        noted = measurement_2023(planset, indicator.id)
        assert noted.value is None, indicator.id
        assert noted.note and in_document(noted.note), indicator.id


def test_customer_panels_count_the_two_named_panels(planset: PlanSet) -> None:
    # "o Hyvinvointialueella toimii" … (a page break) … "ikääntyneiden asiakasraati ja …"
    assert in_document("o Hyvinvointialueella toimii")
    assert in_document("ikääntyneiden asiakasraati ja vammaisten asiakasraati.")
    named = ["ikääntyneiden asiakasraati", "vammaisten asiakasraati"]
    panels = measurement_2023(planset, "O2.M2")
    assert panels.value == len(named)
    assert panels.note.startswith(f"Määrä {len(named)} asiakasraatia: ")
    assert all(name in panels.note for name in named)


def test_a_count_has_a_unit_not_a_source(planset: PlanSet) -> None:
    assert in_document("Hyvinvointitarjottimen käyttö (käyttökerrat)", NGO_DOC)
    node = planset.find("T1.2.4")
    assert node.indicator is not None
    assert (node.indicator.unit, node.indicator.source) == ("käyttökertaa", None)


def test_participation_programme_source_is_the_documents_header(planset: PlanSet) -> None:
    header = [ln.strip() for ln in OSALLISUUS_DOC.read_text(encoding="utf-8").splitlines()][:2]
    assert plan(planset, "osallisuusohjelma").source == " / ".join(header)


def test_schedule_dates_only_what_the_document_dates(planset: PlanSet) -> None:
    drafted = (
        "Järjestöyhteistyön neuvottelukunnan kokouksessa 7.4.2026 laadittiin esitys keskeisistä "
        "ylitason toimenpiteistä ja seurannan raameista."
    )
    approval = "Hyväksytään esitys toimenpiteistä ja seurannan raameista neuvottelukunnassa"
    assert in_document(drafted, NGO_DOC) and in_document(approval, NGO_DOC)
    schedule = plan(planset, "jarjestoyhteistyo-2026-2030").schedule
    (step,) = [s for s in schedule if drafted in s.items]
    assert step.start == dt.date(2026, 4, 7)
    # the board drafted the proposal on 7.4.2026; the document gives its approval no date
    (approving,) = [s for s in schedule if approval in s.items]
    assert approving.end is None and approving.when is None


# --- nothing invented ---------------------------------------------------------------------------

SKIP_KEYS = {"id", "tyyppi", "kausi", "yleisö", "strategiset_tavoitteet", "strategiset_mittarit"}
# obvious typos fixed in transcription, and words of the file's own header lines
ALLOWED = {
    "järjestötyöpajaa",
    "kokonaiskuvan",
    "tähtäävää",
    "valmistelema",  # järjestöyhteistyö
    "käyttökertaa",  # the unit "(käyttökerrat)" as it reads after a number
    "asiakaslähtöisyyttä",
    "neuvotteluissa",  # osallisuusohjelma ("HYTEneuvotteluissa")
    "asiakaspalautekysely",
    "osallisuusohjelman",
    "seuranta",
    "vuodelta",
}


def _texts(node: Any, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in SKIP_KEYS:
                yield from _texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v, key)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize(
    ("plan_file", "source"),
    [("jarjestoyhteistyo-2026-2030.yaml", NGO_DOC), ("osallisuusohjelma.yaml", OSALLISUUS_DOC)],
)
def test_every_word_comes_from_the_document(plan_file: str, source: Any) -> None:
    words = {w.lower() for w in re.findall(r"\w+", source.read_text(encoding="utf-8"))}
    data = yaml_io.load(REPO_PLANS / plan_file)
    invented = {
        w
        for text in _texts(data)
        for w in re.findall(r"\w+", text)
        if w.lower() not in words and w.lower() not in ALLOWED
    }
    assert not invented
