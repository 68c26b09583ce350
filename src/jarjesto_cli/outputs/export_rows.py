"""The flat export table: one row per measure and one per indicator, as `plan export` writes it.

The shape is for a strategy tracking system (Targetori) or a spreadsheet: every row repeats its
plan, goal and strategy links, so a row can be filtered, sorted or imported on its own. Values
stay typed (numbers as int/float, text as str, None for an empty cell) so that the XLSX gets
real numbers; turning them into CSV text is the writer's job. `COLUMN_HELP` says what each
column holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from jarjesto_cli.domain.indicators import Met
from jarjesto_cli.domain.models import Goal, Plan, Shared
from jarjesto_cli.domain.status import Source, Status
from jarjesto_cli.domain.summary import IndicatorState, MeasureState, Summary
from jarjesto_cli.outputs.display import indicator_view

Cell = str | int | float | None
Row = dict[str, Cell]

# The columns, in order: each column's key (the rows' dict keys, stable for code), its header
# as people read it in Excel or Targetori, and what it holds (one place, so they cannot drift).
COLUMN_SPEC: dict[str, tuple[str, str]] = {
    "rivityyppi": ("Rivin tyyppi", "`toimenpide` (a measure) or `mittari` (an indicator)"),
    "suunnitelma": ("Suunnitelma", "the plan's id"),
    "suunnitelma_nimi": ("Suunnitelman nimi", "the plan's name"),
    "tavoite": ("Tavoite", "the goal's id"),
    "tavoite_nimi": ("Tavoitteen nimi", "the goal's name"),
    "strateginen_tavoite": ("Strateginen tavoite", "the goal's strategy goals, `S1; S2`"),
    "strateginen_tavoite_nimi": (
        "Strategisen tavoitteen nimi",
        "their names from the shared file, `; `-separated",
    ),
    "strateginen_mittari": ("Strateginen mittari", "the goal's strategy metrics, `SM1; SM2`"),
    "strateginen_mittari_nimi": (
        "Strategisen mittarin nimi",
        "their names from the shared file, `; `-separated",
    ),
    "toimenpide": (
        "Toimenpide",
        "the measure (on an indicator row its measure; empty for a goal's own)",
    ),
    "toimenpide_nimi": ("Toimenpiteen nimi", "the measure's name"),
    "lähtötaso": (
        "Lähtötaso",
        "the measure's baseline (`lähtötaso`), its items `; `-separated (its indicators too)",
    ),
    "mittari": ("Mittari", "the indicator's id (empty on a measure row)"),
    "mittari_nimi": ("Mittarin nimi", "the indicator's name"),
    "tyyppi": ("Mittarin tyyppi", "the indicator's kind: kyllä-ei, asteikko, määrä or teksti"),
    "tietolähde": ("Tietolähde", "where the indicator's data comes from (its `lähde`)"),
    "tavoitetaso": (
        "Tavoitetaso",
        "the target in words, as `plan status` shows it: `≥ 4 (asteikko 1–5)`",
    ),
    "tavoitearvo": ("Tavoitearvo", "the target as a number (scales and counts with a `tavoite`)"),
    "kausi": (
        "Kausi",
        "the plan's period, everything as known at its end (a plan with nothing for the "
        "export's period is at its latest period with data)",
    ),
    "viimeisin_kausi": ("Viimeisimmän arvon kausi", "the period of the indicator's latest value"),
    "viimeisin_arvo": ("Viimeisin arvo", "the latest value: a number, kyllä/osittain/ei, or text"),
    "likiarvo": (
        "Likiarvo",
        "`kyllä` when the latest value is an estimate (the source says 'noin')",
    ),
    "yksikkö": ("Yksikkö", "the unit of a count: €, %, osallistujaa"),
    "n": ("Vastaajia (n)", "respondents or observations behind the latest value"),
    "arvon_lähde": ("Arvon lähde", "where the latest value came from (e.g. the survey file)"),
    "huomio": (
        "Huomio",
        "the note of the newest measurement known (often why there is no value yet)",
    ),
    "trendi": ("Trendi", "nousee, laskee or ennallaan between the last two numeric values"),
    "tila": (
        "Tila",
        "a measure's status; an indicator's result in the same words; empty if not computed",
    ),
    "tilan_peruste": (
        "Tilan peruste",
        "where a measure's status comes from: raportoitu or johdettu (indicators)",
    ),
    "tilan_kausi": (
        "Tilan kausi",
        "the period of the reported status a measure's status comes from",
    ),
    "kertomus": ("Kertomus", "the narrative reported with a measure's status, in full"),
}
COLUMN_HELP: dict[str, str] = {key: help_ for key, (_, help_) in COLUMN_SPEC.items()}
HEADERS: dict[str, str] = {key: header for key, (header, _) in COLUMN_SPEC.items()}
COLUMNS: tuple[str, ...] = tuple(COLUMN_SPEC)
HEADER_ROW: tuple[str, ...] = tuple(HEADERS[c] for c in COLUMNS)

MEASURE_ROW = "toimenpide"
INDICATOR_ROW = "mittari"

# An indicator's result in the measures' own words, so that one filter on `tila` covers both
# kinds of row; an indicator that is never computed (text, a scale without a target) is empty.
MET_WORDS: dict[Met, str | None] = {
    Met.MET: Status.TOTEUTUU.value,
    Met.PARTIAL: Status.OSITTAIN.value,
    Met.NOT_MET: Status.EI_TOTEUDU.value,
    Met.NO_DATA: Status.EI_TIETOA.value,
    Met.NO_COMPARISON: "ei vertailukohtaa",
    Met.NOT_COMPUTED: None,
}
# Short, stable words for a machine reader (the reports say "mittareiden mukaan").
SOURCE_WORDS = {Source.REPORTED: "raportoitu", Source.DERIVED: "johdettu"}


def strategy_names(shared: Shared | None) -> dict[str, str]:
    """Strategy goal and metric names by id, from the shared file (empty without one)."""
    if shared is None:
        return {}
    return {item.id: item.name for item in [*shared.strategy_goals, *shared.strategy_metrics]}


def rows(summary: Summary, names: Mapping[str, str] | None = None) -> list[Row]:
    """The export rows of a summary, in plan and goal order: each goal's own indicators first,
    then each measure followed by its indicators. `names` resolves strategy ids to names."""
    names = names or {}
    table: list[Row] = []
    for plan_state in summary.plans:
        for goal_state in plan_state.goals:
            base = _goal_cells(plan_state.plan, goal_state.goal, names)
            base["kausi"] = str(plan_state.period)
            for line in goal_state.lines():
                cells = base
                if line.measure is not None:
                    cells = {
                        **base,
                        "toimenpide": line.measure.measure.id,
                        "toimenpide_nimi": line.measure.measure.name,
                        "lähtötaso": _joined(line.measure.measure.baseline),
                    }
                if line.indicator is not None:
                    table.append(_indicator_row(cells, line.indicator))
                elif line.measure is not None:
                    table.append(_measure_row(cells, line.measure))
    return table


def _goal_cells(plan: Plan, goal: Goal, names: Mapping[str, str]) -> Row:
    """The cells every row of a goal repeats; the rest start empty."""
    row: Row = dict.fromkeys(COLUMNS)
    row.update(
        suunnitelma=plan.id,
        suunnitelma_nimi=plan.name,
        tavoite=goal.id,
        tavoite_nimi=goal.name,
        strateginen_tavoite=_joined(goal.strategy_goals),
        strateginen_tavoite_nimi=_joined(names.get(i) for i in goal.strategy_goals),
        strateginen_mittari=_joined(goal.strategy_metrics),
        strateginen_mittari_nimi=_joined(names.get(i) for i in goal.strategy_metrics),
    )
    return row


def _measure_row(base: Row, state: MeasureState) -> Row:
    report = state.state.report
    return {
        **base,
        "rivityyppi": MEASURE_ROW,
        "tila": state.status.value,
        "tilan_peruste": SOURCE_WORDS[state.state.source],
        "tilan_kausi": str(report.period) if report else None,
        "kertomus": report.text if report and report.text else None,
    }


def _indicator_row(base: Row, state: IndicatorState) -> Row:
    indicator = state.indicator
    latest = state.latest
    target = indicator.target_value()
    return {
        **base,
        "rivityyppi": INDICATOR_ROW,
        "mittari": indicator.id,
        "mittari_nimi": indicator.name,
        "tyyppi": state.kind,
        "tavoitetaso": indicator_view(state).target_text,
        "tavoitearvo": target if isinstance(target, int | float) else None,
        "viimeisin_kausi": str(latest.period) if latest else None,
        "viimeisin_arvo": latest.value if latest else None,
        "likiarvo": "kyllä" if latest is not None and latest.approximate else None,
        "yksikkö": indicator.unit_text(),
        "tietolähde": indicator.source,
        "n": latest.n if latest else None,
        "arvon_lähde": latest.source if latest else None,
        "huomio": state.known[-1].note if state.known else None,
        "trendi": state.trend,
        "tila": MET_WORDS[state.met],
    }


def _joined(items: Iterable[str | None]) -> str | None:
    """`S1; S2`; None (an empty cell) when there is nothing to join."""
    present = [item for item in items if item]
    return "; ".join(present) if present else None
