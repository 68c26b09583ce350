"""`plan set` and `plan set-target`: the living plan's owners, schedules, priorities and
target changes, written through the one `PlanEditor` as `record` writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jarjesto_cli import clock
from jarjesto_cli.commands import options
from jarjesto_cli.commands.edit import EditResult, finish_edit, period_for, print_edits
from jarjesto_cli.domain.models import Plan, Schedule, sub_action_schedule
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.errors import UsageError
from jarjesto_cli.files.editing import PlanEditor
from jarjesto_cli.files.living_edits import CLEARABLE, Fields, change_target
from jarjesto_cli.files.living_edits import set_fields as write_fields


def _fields(
    editor: PlanEditor,
    measure_id: str,
    *,
    owners: list[str] | None,
    start: str | None,
    end: str | None,
    priority: str | None,
    clear: list[str],
    sub_action: bool,
) -> Fields:
    """The options read and checked against the plans: known actors, periods inside the plan's
    years, start before end, a priority only on a measure."""
    node = editor.measure(measure_id)
    for name in clear:
        if name not in CLEARABLE:
            raise UsageError(
                f"cannot clear '{name}'",
                hint="clear one of: " + ", ".join(CLEARABLE),
                field="clear",
            )
    given = {"owner": owners, "start": start, "end": end, "priority": priority}
    both = [name for name in clear if given.get(name) is not None]
    if both:
        raise UsageError(
            f"--{both[0]} and --clear {both[0]} contradict each other", hint="give one of them"
        )
    if priority is not None and sub_action:
        raise UsageError(
            "a sub-action has no priority of its own",
            hint=f"set it on the measure: plan set {measure_id} --priority {priority}",
            field="priority",
        )
    for owner in owners or []:
        try:
            editor.planset.actor(owner)
        except UsageError as exc:
            raise UsageError(exc.message, hint=exc.hint, field="owner") from None
    if owners is not None and len(set(owners)) != len(owners):
        raise UsageError("an owner is given twice", hint="name each owner once, the lead first")

    def checked(text: str | None, field: str) -> Period | None:
        if text is None:
            return None
        return Period.parse(period_for(node, text, measurement=False, field=field))

    fields = Fields(
        owners=owners,
        start=checked(start, "start"),
        end=checked(end, "end"),
        priority=options.priority(priority) if priority is not None else None,
        clear=frozenset(clear),
    )
    if fields.empty():
        raise UsageError(
            "nothing to set", hint="give --owner, --start, --end, --priority or --clear"
        )
    return fields


def set_fields(
    plans: Path,
    address: str,
    *,
    owners: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    priority: str | None = None,
    clear: list[str] | None = None,
    dry_run: bool = False,
) -> EditResult:
    """Set owners, schedule and priority of a measure (`T1.2`) or sub-action (`T1.2/3`)."""
    measure_id, number = options.sub_action_address(address)
    with PlanEditor(plans, lock=not dry_run) as editor:
        fields = _fields(
            editor,
            measure_id,
            owners=owners,
            start=start,
            end=end,
            priority=priority,
            clear=clear or [],
            sub_action=number is not None,
        )
        _check_order(editor, measure_id, number, fields)
        write_fields(editor, measure_id, number, fields)
        return finish_edit(editor, {measure_id}, dry_run=dry_run)


def _check_order(editor: PlanEditor, measure_id: str, number: int | None, fields: Fields) -> None:
    """A schedule that would end before it starts is a slip on the command line (exit 2), not
    bad data: said before anything is written."""
    measure = editor.measure(measure_id).measure
    assert measure is not None
    if number is None:
        old = measure.schedule
    elif number <= len(measure.sub_actions):
        old = sub_action_schedule(measure.sub_actions[number - 1])
    else:
        return  # living_edits names the missing sub-action
    old = old or Schedule()
    start = None if "start" in fields.clear else fields.start or old.start
    end = None if "end" in fields.clear else fields.end or old.end
    if start is not None and end is not None and end.end < start.start:
        raise UsageError(
            f"the schedule would end ({end}) before it starts ({start})",
            hint="check --start and --end",
            field="end" if fields.end is not None else "start",
        )


def set_target(
    plans: Path,
    indicator_id: str,
    target: str,
    decision: str,
    date: str,
    *,
    reason: str | None = None,
    dry_run: bool = False,
) -> EditResult:
    """Record a target change of an indicator with the decision that made it."""
    day = options.date(date)
    if not decision.strip():
        raise UsageError(
            "the decision is empty",
            hint="name the decision, e.g. --decision 'Lautakunta 26.5.2027 § 45'",
            field="decision",
        )
    if reason is not None and not reason.strip():
        raise UsageError("the reason is empty", hint="leave --reason out", field="reason")
    with PlanEditor(plans, lock=not dry_run) as editor:
        node = editor.indicator(indicator_id)
        indicator = node.indicator
        assert indicator is not None
        if not indicator.TARGETED:
            raise UsageError(
                f"{indicator_id} is a {indicator.kind} indicator: it has no target to change",
                hint="only scale (asteikko) and count (määrä) indicators have a target",
            )
        value = options.value(indicator, target, field="target")
        _decided_within(day, node.plan, clock.today())
        change_target(editor, indicator_id, value, decision.strip(), day, reason)
        ids = {indicator_id, node.measure.id if node.measure else indicator_id}
        return finish_edit(editor, ids, dry_run=dry_run)


def _decided_within(day: dt.date, plan: Plan, today: dt.date) -> None:
    """A target change is a decision already taken, inside the plan's years: a date after today
    or outside them is a slip (2035 for 2025) that would give a target never in force."""
    if day > today:
        raise UsageError(
            f"{day:%-d.%-m.%Y} is after today ({today:%-d.%-m.%Y})",
            hint="record a change once it has been decided, with the decision's date",
            field="date",
        )
    first, last = plan.first_year, plan.last_year
    if (first is not None and day.year < first) or (last is not None and day.year > last):
        years = f"{first or '…'}–{last or '…'}"
        raise UsageError(
            f"{day:%-d.%-m.%Y} is outside the years of {plan.id}, {years}",
            hint="check the year of the decision's date",
            field="date",
        )


def run_set(
    plans: Path,
    address: str,
    *,
    owners: list[str] | None,
    start: str | None,
    end: str | None,
    priority: str | None,
    clear: list[str] | None,
    dry_run: bool,
) -> int:
    result = set_fields(
        plans,
        address,
        owners=owners,
        start=start,
        end=end,
        priority=priority,
        clear=clear,
        dry_run=dry_run,
    )
    print_edits(result)
    return 0


def run_set_target(
    plans: Path,
    indicator_id: str,
    target: str,
    decision: str,
    date: str,
    *,
    reason: str | None,
    dry_run: bool,
) -> int:
    print_edits(
        set_target(plans, indicator_id, target, decision, date, reason=reason, dry_run=dry_run)
    )
    return 0
