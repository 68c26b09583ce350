"""Rules that need more than one node: unique ids, references, values against their indicator,
periods against their plan's years, and reported statuses that the indicators contradict (a
warning)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from jarjesto_cli.domain import finnish
from jarjesto_cli.domain.keypaths import Key, keypath_text, place_text
from jarjesto_cli.domain.models import (
    Goal,
    Measure,
    Plan,
    Schedule,
    sub_action_owners,
    sub_action_schedule,
)
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import Node, PlanSet, SourceFile
from jarjesto_cli.domain.status import measure_status
from jarjesto_cli.errors import Problem, Severity


def _at(
    source: SourceFile,
    keypath: tuple[Key, ...],
    message: str,
    hint: str = "",
    severity: Severity = Severity.ERROR,
    subject: str = "",
) -> Problem:
    line, column = source.positions.locate(keypath)
    return Problem(
        source.path,
        message,
        line=line,
        column=column,
        keypath=keypath_text(keypath),
        hint=hint,
        severity=severity,
        subject=subject,
        place=place_text(keypath, source.data) if source.data is not None else "",
    )


def _on(
    node: Node,
    steps: tuple[Key, ...],
    message: str,
    hint: str = "",
    severity: Severity = Severity.ERROR,
) -> Problem:
    """A problem about `node`, at `steps` below it in its file."""
    return _at(node.source, (*node.keypath, *steps), message, hint, severity, subject=node.id)


def check(planset: PlanSet, today: dt.date | None = None) -> list[Problem]:
    """Every cross-node problem of a loaded plan set; with `today`, measurements for periods
    that have not begun are warned about too."""
    return [
        *_unique_ids(planset),
        *_references(planset),
        *_values(planset),
        *_periods(planset, today),
        *_nesting(planset),
        *_disagreements(planset),
        *_actors(planset),
        *_schedules(planset),
    ]


def period_finding(
    plan: Plan, period: Period, today: dt.date | None, *, measurement: bool
) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when `period` does not fit `plan`: it lies outside the
    plan's years (`alkuvuosi`–`loppuvuosi`), or — for a measurement — it has not begun by
    `today` (nothing can have been measured yet). None when it fits.

    A slip such as `2062` for `2026` would otherwise move every default (status, report file
    names) to that year.
    """
    if not plan.within_years(period):
        return (
            f"{period} is outside the years of {plan.id}, {plan.years_text()}",
            "check the year (or the plan's alkuvuosi and loppuvuosi)",
        )
    if measurement and today is not None and period.start > today:
        return (
            f"{period} has not begun yet (it begins {finnish.date(period.start)})",
            "a value is recorded for a period that has begun; check the year",
        )
    return None


def _periods(planset: PlanSet, today: dt.date | None) -> Iterator[Problem]:
    """Warnings (the data may be right, e.g. a plan whose years are being extended)."""
    for node in planset.nodes():
        found: list[tuple[tuple[Key, ...], Period, bool]] = []
        if node.kind == "measure" and node.measure is not None:
            found = [(("raportit", i), r.period, False) for i, r in enumerate(node.measure.reports)]
        elif node.kind == "indicator" and node.indicator is not None:
            found = [
                (("mittaukset", i), m.period, m.value is not None)
                for i, m in enumerate(node.indicator.measurements)
            ]
        for steps, period, measured in found:
            finding = period_finding(node.plan, period, today, measurement=measured)
            if finding is not None:
                yield _on(node, (*steps, "kausi"), *finding, Severity.WARNING)


def _unique_ids(planset: PlanSet) -> Iterator[Problem]:
    seen: dict[str, tuple[SourceFile, tuple[Key, ...]]] = {}
    if planset.shared and planset.shared_source:
        src = planset.shared_source
        for key, items in (
            ("strategiset_tavoitteet", planset.shared.strategy_goals),
            ("strategiset_mittarit", planset.shared.strategy_metrics),
        ):
            for i, item in enumerate(items):
                yield from _claim(seen, item.id, src, (key, i, "id"))
        audiences: set[str] = set()
        for i, audience in enumerate(planset.shared.audiences):
            if audience.id in audiences:
                yield _at(
                    src,
                    ("yleisöt", i, "id"),
                    f"duplicate audience id '{audience.id}'",
                    "give each audience its own id",
                )
            audiences.add(audience.id)
    for node in planset.nodes():
        if node.kind != "plan":
            yield from _claim(seen, node.id, node.source, (*node.keypath, "id"))
        else:
            for ri, role in enumerate(node.plan.roles):
                if [r.id for r in node.plan.roles].index(role.id) != ri:
                    yield _at(node.source, ("roolit", ri, "id"), f"duplicate role id '{role.id}'")


def _claim(
    seen: dict[str, tuple[SourceFile, tuple[Key, ...]]],
    node_id: str,
    source: SourceFile,
    keypath: tuple[Key, ...],
) -> Iterator[Problem]:
    if node_id in seen:
        first_src, first_path = seen[node_id]
        line, _ = first_src.positions.locate(first_path)
        where = f"{first_src.path}:{line}" if line else str(first_src.path)
        yield _at(
            source,
            keypath,
            f"duplicate id '{node_id}' (first used at {where})",
            "ids must be unique across all plans; give this one a new id",
            subject=node_id,
        )
    else:
        seen[node_id] = (source, keypath)


def _references(planset: PlanSet) -> Iterator[Problem]:
    if planset.unvalidated_shared:
        return  # its own errors are reported; every reference into it would only repeat them
    shared = planset.shared
    goals = {g.id for g in shared.strategy_goals} if shared else set()
    metrics = {m.id for m in shared.strategy_metrics} if shared else set()
    audiences = {a.id for a in shared.audiences} if shared else set()
    where = (
        f"in {planset.shared_source.path}" if planset.shared_source else "(no shared file found)"
    )
    for plan in planset.plans:
        src = planset.sources[plan.id]
        for gi, goal in enumerate(plan.goals):
            for key, refs, known, what in (
                ("strategiset_tavoitteet", goal.strategy_goals, goals, "strategy goal"),
                ("strategiset_mittarit", goal.strategy_metrics, metrics, "strategy metric"),
            ):
                for ri, ref in enumerate(refs):
                    if ref not in known:
                        yield _at(
                            src,
                            ("tavoitteet", gi, key, ri),
                            f"unknown {what} '{ref}'",
                            _known_hint(what, known, where),
                        )
        for ri, rhythm in enumerate(plan.reporting):
            if rhythm.audience not in audiences:
                yield _at(
                    src,
                    ("raportointi", ri, "yleisö"),
                    f"unknown audience '{rhythm.audience}'",
                    _known_hint("audience", audiences, where),
                )
    if shared and planset.shared_source:
        plan_ids = {p.id for p in planset.plans} | planset.unvalidated_plan_ids
        for ai, audience in enumerate(shared.audiences):
            for pi, plan_id in enumerate(audience.plans):
                if plan_id not in plan_ids and not planset.unknown_plans:
                    yield _at(
                        planset.shared_source,
                        ("yleisöt", ai, "suunnitelmat", pi),
                        f"unknown plan '{plan_id}'",
                        _known_hint("plan", plan_ids, "in the plans directory"),
                    )


def _known_hint(what: str, known: set[str], where: str) -> str:
    if not known:
        return f"there are no {what}s defined {where}"
    return f"known {what}s {where}: {', '.join(sorted(known))}"


def _values(planset: PlanSet) -> Iterator[Problem]:
    for node in planset.nodes():
        ind = node.indicator
        if node.kind != "indicator" or ind is None:
            continue
        for finding in [*ind.value_findings(), *ind.target_findings()]:
            yield _on(node, finding.steps, finding.message, finding.hint)
        periods: dict[Period, int] = {}
        for mi, m in enumerate(ind.measurements):
            if m.period in periods:
                yield _on(
                    node,
                    (
                        "mittaukset",
                        mi,
                        "kausi",
                    ),
                    f"{ind.id} has two measurements for {m.period} "
                    f"(the other is mittaukset[{periods[m.period]}])",
                    "keep one value per period; add the other as a note",
                )
            periods.setdefault(m.period, mi)
    for node in planset.nodes():
        if node.kind != "measure" or node.measure is None:
            continue
        seen: dict[Period, int] = {}
        for ri, report in enumerate(node.measure.reports):
            if report.period in seen:
                yield _on(
                    node,
                    (
                        "raportit",
                        ri,
                        "kausi",
                    ),
                    f"{node.id} has two reported statuses for {report.period}",
                    "keep one status per period",
                )
            seen.setdefault(report.period, ri)


def _nesting(planset: PlanSet) -> Iterator[Problem]:
    """An id that does not start with its parent's id is usually a copy-paste slip."""
    for node in planset.nodes():
        parent: Goal | Measure | None = None
        if node.kind == "indicator" and node.measure is not None:
            parent = node.measure
        elif node.kind in ("measure", "indicator"):
            parent = node.goal
        if parent is None or node.id.startswith(parent.id + "."):
            continue
        yield _on(
            node,
            ("id",),
            f"'{node.id}' sits under '{parent.id}' but its id does not start with '{parent.id}.'",
            "check that it is in the right place, or renumber it",
            Severity.WARNING,
        )


def _disagreements(planset: PlanSet) -> Iterator[Problem]:
    for node in planset.nodes():
        measure = node.measure
        if node.kind != "measure" or measure is None:
            continue
        for ri, report in enumerate(measure.reports):
            state = measure_status(measure, report.period)
            if state.report is report and state.disagrees and not state.accepted:
                yield _on(
                    node,
                    (
                        "raportit",
                        ri,
                        "tila",
                    ),
                    f"{measure.id}: reported '{report.status}' for {report.period}, "
                    f"but its indicators give '{state.derived}'",
                    "check the status or the indicator values; if the team's judgement is "
                    f"meant to differ, say why: plan set-status {measure.id} --period "
                    f"{report.period} --status '{report.status}' --replace --reason '…'",
                    Severity.WARNING,
                )


def _actors(planset: PlanSet) -> Iterator[Problem]:
    """Actor ids are unique; every `vastuu` and `toimija` names a known actor."""
    if planset.unvalidated_shared:
        return  # the shared file's own errors are reported; references into it would repeat them
    actors = planset.shared.actors if planset.shared else []
    known: set[str] = set()
    if planset.shared_source is not None:
        for i, actor in enumerate(actors):
            if actor.id in known:
                yield _at(
                    planset.shared_source,
                    ("toimijat", i, "id"),
                    f"duplicate actor id '{actor.id}'",
                    "give each actor its own id",
                )
            known.add(actor.id)
    where = (
        f"in {planset.shared_source.path}" if planset.shared_source else "(no shared file found)"
    )

    def unknown(node: Node, steps: tuple[Key, ...], actor_id: str) -> Problem:
        return _on(
            node,
            steps,
            f"unknown actor '{actor_id}'",
            _known_hint("actor", known, where) + " (add it under `toimijat`)",
        )

    for node in planset.nodes():
        if node.kind == "plan":
            for ri, role in enumerate(node.plan.roles):
                if role.actor is not None and role.actor not in known:
                    yield unknown(node, ("roolit", ri, "toimija"), role.actor)
        measure = node.measure
        if node.kind != "measure" or measure is None:
            continue
        for oi, owner in enumerate(measure.owners):
            if owner not in known:
                yield unknown(node, ("vastuu", oi), owner)
        for si, item in enumerate(measure.sub_actions):
            for oi, owner in enumerate(sub_action_owners(item)):
                if owner not in known:
                    yield unknown(node, ("alatoimenpiteet", si, "vastuu", oi), owner)


def _schedules(planset: PlanSet) -> Iterator[Problem]:
    """A schedule lies within its plan's years."""
    for node in planset.nodes():
        measure = node.measure
        if node.kind != "measure" or measure is None:
            continue
        plan = node.plan
        schedules: list[tuple[tuple[Key, ...], Schedule | None]] = [
            (("aikataulu",), measure.schedule)
        ]
        schedules += [
            (("alatoimenpiteet", si, "aikataulu"), sub_action_schedule(item))
            for si, item in enumerate(measure.sub_actions)
        ]
        for steps, schedule in schedules:
            if schedule is None:
                continue
            for key, period in (("alku", schedule.start), ("loppu", schedule.end)):
                if period is None:
                    continue
                before = plan.first_year is not None and period.start.year < plan.first_year
                after = plan.last_year is not None and period.end.year > plan.last_year
                if before or after:
                    yield _on(
                        node,
                        (*steps, key),
                        f"{period} is outside the plan's years "
                        f"{plan.first_year or '…'}–{plan.last_year or '…'}",
                        "give a period within the plan's years",
                    )
