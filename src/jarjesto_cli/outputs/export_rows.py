"""The flat export table: one row per measure and one per indicator, as `plan export` writes it.

The shape is for a strategy tracking system (Targetori) or a spreadsheet: every row repeats its
plan, goal and strategy links, so a row can be filtered, sorted or imported on its own. Values
stay typed (numbers as int/float, text as str, None for an empty cell) so that the XLSX gets
real numbers; turning them into CSV text is the writer's job. `COLUMN_HELP` says what each
column holds.

The living plan's columns come last, so an import that reads the columns by position keeps
working: owners (ids and names, the lead first), schedule (periods, and the deadline as a date),
priority and late on a measure's rows; each indicator's target changes in one cell. The XLSX also
gets every target change as a row of its own sheet (`change_rows`, `CHANGE_SPEC`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from jarjesto_cli.domain.fields import Value
from jarjesto_cli.domain.finnish import date, number
from jarjesto_cli.domain.indicators import Met, TargetChange
from jarjesto_cli.domain.models import Goal, Measure, Plan, Shared
from jarjesto_cli.domain.status import Source, Status
from jarjesto_cli.domain.summary import IndicatorState, MeasureState, Summary
from jarjesto_cli.outputs.display import indicator_view

Cell = str | int | float | dt.date | None
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
    "vastuu": (
        "Vastuutaho",
        "the measure's owners (ids from `toimijat`), the lead first, `; `-separated (its "
        "indicators too)",
    ),
    "vastuu_nimi": ("Vastuutahon nimi", "their names from the shared file, in the same order"),
    "alkukausi": (
        "Alkukausi",
        "the period the measure starts (`aikataulu.alku`; its indicators too)",
    ),
    "loppukausi": (
        "Loppukausi",
        "the period by whose end the measure is done (`aikataulu.loppu`; its indicators too)",
    ),
    "määräaika": ("Määräaika", "the last day of `Loppukausi`, as a date (sorts and filters)"),
    "prioriteetti": (
        "Prioriteetti",
        "the measure's priority: korkea, normaali or matala (its indicators too)",
    ),
    "myöhässä": (
        "Myöhässä",
        "on a measure row: `kyllä` when `Loppukausi` has ended by the end of `Kausi` and the "
        "status is not toteutuu, `ei` when it has not; empty without a `Loppukausi`",
    ),
    "tavoitemuutokset": (
        "Tavoitemuutokset",
        "an indicator's target changes, oldest first: `15.10.2026: 4 → 4,5 (the decision; "
        "perustelu: the reason)`, `; `-separated; the XLSX lists them on the sheet "
        "Tavoitemuutokset too",
    ),
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
SOURCE_WORDS = {
    Source.REPORTED: "raportoitu",
    Source.DERIVED: "johdettu",
    Source.SCHEDULE: "aikataulu",
}


def strategy_names(shared: Shared | None) -> dict[str, str]:
    """Strategy goal and metric names by id, from the shared file (empty without one)."""
    if shared is None:
        return {}
    return {item.id: item.name for item in [*shared.strategy_goals, *shared.strategy_metrics]}


def rows(
    summary: Summary,
    names: Mapping[str, str] | None = None,
    actors: Mapping[str, str] | None = None,
) -> list[Row]:
    """The export rows of a summary, in plan and goal order: each goal's own indicators first,
    then each measure followed by its indicators. `names` resolves strategy ids to names,
    `actors` owners' ids to names."""
    names = names or {}
    actors = actors or {}
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
                        **_living_cells(line.measure.measure, actors),
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


def _living_cells(measure: Measure, actors: Mapping[str, str]) -> Row:
    """A measure's owners, schedule and priority: on its row and its indicators' rows."""
    schedule = measure.schedule
    end = schedule.end if schedule else None
    return {
        "vastuu": _joined(measure.owners),
        "vastuu_nimi": _joined(actors.get(o, o) for o in measure.owners),
        "alkukausi": str(schedule.start) if schedule and schedule.start else None,
        "loppukausi": str(end) if end else None,
        "määräaika": end.end if end else None,
        "prioriteetti": measure.priority,
    }


def _measure_row(base: Row, state: MeasureState) -> Row:
    report = state.state.report
    schedule = state.measure.schedule
    return {
        **base,
        "rivityyppi": MEASURE_ROW,
        "myöhässä": ("kyllä" if state.late else "ei") if schedule and schedule.end else None,
        "tila": state.status.value,
        "tilan_peruste": SOURCE_WORDS[state.state.source],
        "tilan_kausi": str(report.period) if report else None,
        "kertomus": report.text if report and report.text else None,
    }


def _indicator_row(base: Row, state: IndicatorState) -> Row:
    indicator = state.indicator
    latest = state.latest
    target = indicator.target_at(state.period)  # in force at the period's end, as the text
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
        "tavoitemuutokset": _joined(change_text(c, new) for c, new in indicator.revisions()),
    }


def _target(value: Value | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    return str(value)


def change_text(change: TargetChange, new: Value | None) -> str:
    """`15.10.2026: 4 → 4,5 (Neuvottelukunta 15.10.2026 § 12; perustelu: …)`, on one line."""
    why = f"; perustelu: {change.reason}" if change.reason else ""
    text = (
        f"{date(change.date)}: {_target(change.previous)} → {_target(new)} ({change.decision}{why})"
    )
    return " ".join(text.split())


# The sheet of target changes in the XLSX: one row per change, typed (a date, numbers).
CHANGE_SPEC: dict[str, tuple[str, str]] = {
    "suunnitelma": ("Suunnitelma", "the plan's id"),
    "tavoite": ("Tavoite", "the goal's id"),
    "toimenpide": ("Toimenpide", "the measure's id (empty for a goal's own indicator)"),
    "mittari": ("Mittari", "the indicator's id"),
    "mittari_nimi": ("Mittarin nimi", "the indicator's name"),
    "päivä": ("Päivä", "the day the change took effect (`päivä`), a date"),
    "päätös": ("Päätös", "the decision that made it (`päätös`)"),
    "aiempi": ("Aiempi tavoite", "the target until that day (`aiempi`)"),
    "uusi": ("Uusi tavoite", "the target from that day (the next change's `aiempi`, or `tavoite`)"),
    "perustelu": ("Perustelu", "why (`perustelu`)"),
}
CHANGE_COLUMNS: tuple[str, ...] = tuple(CHANGE_SPEC)
CHANGE_HEADERS: dict[str, str] = {key: header for key, (header, _) in CHANGE_SPEC.items()}


def change_rows(summary: Summary) -> list[Row]:
    """Every indicator's target changes, in plan order and each indicator's oldest first."""
    table: list[Row] = []
    for plan_state in summary.plans:
        for goal_state in plan_state.goals:
            for line in goal_state.lines():
                if line.indicator is None:
                    continue
                indicator = line.indicator.indicator
                for change, new in indicator.revisions():
                    table.append(
                        {
                            "suunnitelma": plan_state.plan.id,
                            "tavoite": goal_state.goal.id,
                            "toimenpide": line.measure.measure.id if line.measure else None,
                            "mittari": indicator.id,
                            "mittari_nimi": indicator.name,
                            "päivä": change.date,
                            "päätös": change.decision,
                            "aiempi": change.previous,
                            "uusi": new,
                            "perustelu": change.reason,
                        }
                    )
    return table


def _joined(items: Iterable[str | None]) -> str | None:
    """`S1; S2`; None (an empty cell) when there is nothing to join."""
    present = [item for item in items if item]
    return "; ".join(present) if present else None
