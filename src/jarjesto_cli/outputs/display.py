"""Display values: how statuses, values, targets, trends and status sources read in Finnish.

One set that every output uses — the terminal tables, plain text, Markdown, the reports, the
export and the site — so a new field or a changed wording appears everywhere from one change.
JSON keeps raw values; these are the words beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jarjesto_cli.domain.diffing import Change
from jarjesto_cli.domain.finnish import date, number
from jarjesto_cli.domain.indicators import Met, TargetChange
from jarjesto_cli.domain.models import Schedule
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.status import STATUS_ORDER, Source, Status
from jarjesto_cli.domain.summary import IndicatorState, MeasureState, Phase, PlanState

if TYPE_CHECKING:
    from jarjesto_cli.files.editing import Edit

__all__ = [
    "MET_TEXT",
    "PRINT_SYMBOLS",
    "SOURCE_TEXT",
    "TEXT_LIMIT",
    "TREND_SYMBOLS",
    "IndicatorView",
    "MeasureView",
    "NOT_STARTED_TEXT",
    "LATE_TEXT",
    "counts",
    "change_row",
    "edit_changes",
    "edit_text",
    "shown",
    "cut",
    "date",
    "for_print",
    "indicator_view",
    "measure_view",
    "owners_text",
    "revision_text",
    "plan_facts",
    "sub_action_timing",
    "schedule_text",
    "timing_text",
    "number",
    "plan_period_text",
    "status_text",
    "statuses_shown",
    "trend_text",
]

TREND_SYMBOLS = {"nousee": "↑", "laskee": "↓", "ennallaan": "→"}
MET_TEXT = {
    Met.MET: "✅ toteutuu",
    Met.PARTIAL: "🟡 osittain",
    Met.NOT_MET: "❌ ei",
    Met.NO_DATA: "⚪ ei tietoa",
    # a value is there, only nothing to compare it with: no symbol, it is not a status
    Met.NO_COMPARISON: "ei vertailukohtaa",
    Met.NOT_COMPUTED: "–",
}
# Emoji render on a git host, but a printed or PDF'd document needs glyphs that ordinary fonts
# have (Arial and its look-alikes; ◐ comes from the usual fallback fonts): the DOCX gets these.
PRINT_SYMBOLS = {"✅": "●", "🟡": "◐", "❌": "×", "⚪": "○", "⏳": "◇", "⚠": "!", "⏰": "!"}
SOURCE_TEXT = {
    Source.REPORTED: "raportoitu",
    Source.DERIVED: "mittareiden mukaan",
    Source.SCHEDULE: "aikataulun mukaan",
}
LATE_TEXT = "⏰ myöhässä"
NOT_STARTED_TEXT = "ei vielä alkanut"
TEXT_LIMIT = 60  # a text value longer than this is cut in tables (the reports show it whole)
CHANGE_LIMIT = 80  # the old and new text of a change


def for_print(markdown: str) -> str:
    """The report's Markdown with the status emoji replaced by print-safe symbols."""
    for emoji, symbol in PRINT_SYMBOLS.items():
        markdown = markdown.replace(emoji, symbol)
    return markdown


def statuses_shown(*tallies: dict[str, int]) -> list[Status]:
    """The statuses a count shows: the four always, "not started" only where some measure is
    (a schedule says so): a zero of it is no news."""
    return [s for s in STATUS_ORDER if s is not Status.EI_ALKANUT or any(t[s.key] for t in tallies)]


def counts(tally: dict[str, int], *, zeros: bool = True) -> str:
    """`✅ 14 toteutuu · 🟡 8 toteutuu osittain · ❌ 1 ei toteudu · ⚪ 0 ei tietoa`; without
    `zeros` the statuses no measure has are left out."""
    return " · ".join(
        f"{s.symbol} {tally[s.key]} {s.value}"
        for s in statuses_shown(tally)
        if zeros or tally[s.key]
    )


def cut(text: str, limit: int = TEXT_LIMIT) -> str:
    """One line of at most `limit` characters, with … where it was cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def status_text(status: Status) -> str:
    """`✅ toteutuu`."""
    return f"{status.symbol} {status.value}"


def trend_text(trend: str | None) -> str:
    """`↑ nousee`, or nothing without a trend."""
    return f"{TREND_SYMBOLS[trend]} {trend}" if trend else ""


@dataclass(frozen=True)
class IndicatorView:
    """An indicator for one period, as readers see it."""

    id: str
    name: str
    kind: str
    kind_label: str
    met: Met
    met_text: str  # `✅ toteutuu`, `⚪ ei tietoa`, `–` (not computed)
    value_text: str  # the latest value in full: `3,5`, `noin 100 osallistujaa`, `–`
    latest_period: str | None
    latest_n: int | None
    latest_text: str  # for tables: `3,5 (2023-Q4)`, `– (2024: huomio)`, a long text cut
    target_text: str
    trend: str | None
    trend_text: str
    unit: str | None


def indicator_view(state: IndicatorState) -> IndicatorView:
    indicator, latest = state.indicator, state.latest
    if latest is None:
        notes = [m for m in state.known if m.note]
        value_text = "–"
        latest_text = f"– ({notes[-1].period}: huomio)" if notes else "–"
    else:
        value_text = indicator.measurement_text(latest)
        latest_text = f"{cut(value_text)} ({latest.period})"
    return IndicatorView(
        id=indicator.id,
        name=indicator.name,
        kind=indicator.kind,
        kind_label=indicator.LABEL,
        met=state.met,
        met_text=MET_TEXT[state.met],
        value_text=value_text,
        latest_period=str(latest.period) if latest else None,
        latest_n=latest.n if latest else None,
        latest_text=latest_text,
        # the target in force at the period's end, which `met` compares with (not today's)
        target_text=indicator.target_text(state.period),
        trend=state.trend,
        trend_text=trend_text(state.trend),
        unit=indicator.unit_text(),
    )


@dataclass(frozen=True)
class MeasureView:
    """A measure's status for one period, as readers see it."""

    id: str
    name: str
    status: Status
    status_text: str  # `🟡 toteutuu osittain`
    basis_text: str  # where the status comes from: `raportoitu 2023`, `mittareiden mukaan`
    source_text: str  # the basis, and the indicators' word when they disagree
    status_period: str | None
    narrative: str | None
    derived: Status
    disagrees: bool
    accepted: str | None = None  # the reason of an accepted disagreement
    priority: str | None = None  # korkea, normaali, matala
    schedule_text: str = ""  # `2. vuosipuolisko 2026 – 2027`
    timing_text: str = ""  # `⏰ myöhässä`, `ei vielä alkanut`

    @property
    def timing_beside_status(self) -> str:
        """The timing where the status is shown too: "not started" is then the status itself."""
        return "" if self.status is Status.EI_ALKANUT else self.timing_text


def measure_view(state: MeasureState) -> MeasureView:
    report = state.state.report
    basis = SOURCE_TEXT[state.state.source]
    if report is not None:
        basis += f" {report.period}"
    source = basis
    accepted = state.state.accepted
    if accepted:
        # the team's judgement, knowingly against the indicators: shown with its reason, no ⚠
        source += f"; mittarit: {state.state.derived.value} (hyväksytty ero: {accepted})"
    elif state.state.disagrees:
        source += f"; ⚠ mittarit: {state.state.derived.value}"
    return MeasureView(
        id=state.measure.id,
        name=state.measure.name,
        status=state.status,
        status_text=status_text(state.status),
        basis_text=basis,
        source_text=source,
        status_period=str(report.period) if report else None,
        narrative=report.text if report else None,
        derived=state.state.derived,
        disagrees=state.state.disagrees,
        accepted=accepted,
        priority=state.measure.priority,
        schedule_text=schedule_text(state.measure.schedule),
        timing_text=timing_text(state),
    )


def revision_text(change: TargetChange, new: Any) -> str:
    """`4 → 4,5 · Neuvottelukunta 15.10.2026 § 12 · perustelu: …`: a target change without its
    date (which leads the line)."""
    parts = [f"{shown(change.previous)} → {shown(new)}", change.decision]
    if change.reason:
        parts.append(f"perustelu: {change.reason}")
    return " · ".join(" ".join(p.split()) for p in parts)


def owners_text(owners: list[str] | tuple[str, ...], actors: dict[str, str]) -> str:
    """Owners by name, the lead first: `Hyte-tiimi, Järjestöyhteistyön neuvottelukunta`."""
    return ", ".join(actors.get(o, o) for o in owners)


def schedule_text(schedule: Schedule | None) -> str:
    """`2. vuosipuolisko 2026 – 2027`, `2. vuosipuolisko 2026 alkaen`, `2027 mennessä`, or ``."""
    if schedule is None:
        return ""
    start, end = schedule.start, schedule.end
    if start and end:
        return start.label() if start == end else f"{start.label()} – {end.label()}"
    if start:
        return f"{start.label()} alkaen"
    return f"{end.label()} mennessä" if end else ""


def timing_text(state: MeasureState) -> str:
    """`⏰ myöhässä`, `ei vielä alkanut` or `` for a measure in its period."""
    if state.late:
        return LATE_TEXT
    return NOT_STARTED_TEXT if state.not_started else ""


def plan_facts(
    owners: list[str],
    schedule: Schedule | None,
    priority: str | None,
    timing: str,
    actors: dict[str, str],
) -> list[str]:
    """A measure's or sub-action's living-plan facts, each a short phrase, only those it has:
    `vastuu: Hyte-tiimi`, `aikataulu: 2027 mennessä`, `prioriteetti: korkea`, `⏰ myöhässä`."""
    facts = [f"vastuu: {owners_text(owners, actors)}"] if owners else []
    if schedule_text(schedule):
        facts.append(f"aikataulu: {schedule_text(schedule)}")
    if priority:
        facts.append(f"prioriteetti: {priority}")
    return facts + ([timing] if timing else [])


def sub_action_timing(late: bool, not_started: bool) -> str:
    """`⏰ myöhässä`, `ei vielä alkanut` or `` for a sub-action."""
    return LATE_TEXT if late else NOT_STARTED_TEXT if not_started else ""


def change_row(change: Change) -> dict[str, Any]:
    """A change as every output shows it: its fields, `label` (`mittaus 2026-H2`), and the old
    and new content shortened to one line (`–` for none)."""
    return change.as_dict() | {
        "label": change.label(),
        "old": cut(change.old, CHANGE_LIMIT) if change.old else "–",
        "new": cut(change.new, CHANGE_LIMIT) if change.new else "–",
    }


def shown(value: Any) -> str:
    """A raw value from a file or an edit, in one line: `3,8`, `kyllä`, `–` for none."""
    if value is None:
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    return cut(str(value))


def edit_text(edit: Edit) -> str:
    """`plans/x.yaml: T1.1.2 2026-H2 arvo: – → 3,8 (n 41)`; a replaced entry says what it
    keeps and loses: `arvo: 3,5 → 3,6 (kept: n 120, huomio; removed: likiarvo)`."""
    new = shown(edit.new) if edit.new is not None else "–"
    if edit.new is None and edit.note is not None:  # a period recorded with a note only
        new += f" (huomio: {shown(edit.note)})"
    if edit.n is not None:
        new += f" (n {edit.n})"
    details = []
    if edit.kept:
        details.append("kept: " + ", ".join(_kept(key, value) for key, value in edit.kept))
    if edit.replaced:
        details.append("replaced: " + ", ".join(edit.replaced))
    if edit.removed:
        details.append("removed: " + ", ".join(edit.removed))
    if details:
        new += f" ({'; '.join(details)})"
    where = f"{edit.node_id} {edit.period}" if edit.period else edit.node_id
    return f"{edit.path}: {where} {edit.what}: {shown(edit.old)} → {new}"


def edit_changes(edit: Edit) -> bool:
    """Whether an edit changed the file (setting what is there already does not)."""
    return edit.changed


def _kept(key: str, value: Any) -> str:
    """`n 120`, `arvo 3,5`; a text kept is named, not quoted."""
    return f"{key} {shown(value)}" if key in ("n", "arvo") else key


def plan_period_text(state: PlanState, period: Period) -> str:
    """Which period a plan's figures are for, in a summary of `period`: `kausi 2026`,
    `viimeisimmät tiedot kaudelta 2023`, `ei alkanut vielä kaudella 2023 (alkaa 2026)`."""
    plan = state.plan
    if state.phase is Phase.NOT_STARTED:
        return f"ei alkanut vielä kaudella {period} (alkaa {plan.first_year})"
    if not state.current and state.has_data:
        ended = f"päättyi {plan.last_year}; " if state.phase is Phase.ENDED else ""
        return f"{ended}viimeisimmät tiedot kaudelta {state.period}"
    if state.phase is Phase.ENDED:
        return f"päättyi {plan.last_year}"
    if not state.has_data:
        return f"kausi {state.period}: ei vielä tietoja"
    return f"kausi {state.period}"
