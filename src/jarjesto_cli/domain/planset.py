"""The loaded plans: every plan, the shared file, where each came from, and an id index."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from jarjesto_cli.domain.indicators import IndicatorBase
from jarjesto_cli.domain.keypaths import Key, KeyPath
from jarjesto_cli.domain.models import Actor, Audience, Goal, Measure, Plan, Shared
from jarjesto_cli.errors import Problem, Severity, UnknownId, UsageError

NodeKind = Literal["plan", "goal", "measure", "indicator"]


class Locator(Protocol):
    """Finds the line and column of a key path in a file (the files layer provides one)."""

    def locate(self, keypath: KeyPath, *, key: bool = False) -> tuple[int | None, int | None]: ...


@dataclass
class SourceFile:
    """One YAML file as read: its path, its text, where each key path sits in it, and the data
    as parsed (to name a place by the ids it passes through)."""

    path: Path
    text: str
    positions: Locator
    data: Any = None


@dataclass(frozen=True)
class Node:
    """Something with an id in a plan, and where it sits in its file."""

    kind: NodeKind
    plan: Plan
    source: SourceFile
    keypath: tuple[Key, ...]
    goal: Goal | None = None
    measure: Measure | None = None
    indicator: IndicatorBase | None = None

    @property
    def id(self) -> str:
        obj = self.indicator or self.measure or self.goal or self.plan
        return obj.id


@dataclass
class PlanSet:
    """All plans of a directory (or of given files) with the shared file, once validated."""

    plans: list[Plan] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)  # plan id → file
    shared: Shared | None = None
    shared_source: SourceFile | None = None
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # the files asked for (not their siblings)
    # files that exist but did not validate (or parse): their ids still count, so one broken
    # file does not make every reference to it an error too
    unvalidated_plan_ids: set[str] = field(default_factory=set)
    unvalidated_shared: bool = False
    unknown_plans: bool = False  # a file's plan id could not be read: plan references unjudged

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def exit_code(self, *, strict: bool = False) -> int:
        """1 when there are errors (or, with `strict`, warnings), else 0."""
        return 1 if self.errors or (strict and self.warnings) else 0

    def nodes(self) -> Iterator[Node]:
        """Every plan, goal, measure and indicator, in file order, with its key path."""
        for plan in self.plans:
            src = self.sources[plan.id]
            yield Node("plan", plan, src, ())
            for gi, goal in enumerate(plan.goals):
                gpath: tuple[Key, ...] = ("tavoitteet", gi)
                yield Node("goal", plan, src, gpath, goal=goal)
                for ii, ind in enumerate(goal.indicators):
                    yield Node(
                        "indicator", plan, src, (*gpath, "mittarit", ii), goal=goal, indicator=ind
                    )
                for mi, measure in enumerate(goal.measures):
                    mpath = (*gpath, "toimenpiteet", mi)
                    yield Node("measure", plan, src, mpath, goal=goal, measure=measure)
                    for ii, ind in enumerate(measure.indicators):
                        yield Node(
                            "indicator",
                            plan,
                            src,
                            (*mpath, "mittarit", ii),
                            goal=goal,
                            measure=measure,
                            indicator=ind,
                        )

    def find(self, node_id: str, *, kinds: tuple[NodeKind, ...] | None = None) -> Node:
        """The node with this id; a clear usage error (with near matches) when there is none."""
        found = [n for n in self.nodes() if n.id == node_id]
        if kinds is not None:
            wrong = [n for n in found if n.kind not in kinds]
            found = [n for n in found if n.kind in kinds]
            if not found and wrong:
                wanted = " or ".join(_a(k) for k in kinds)
                raise UsageError(f"'{node_id}' is {_a(wrong[0].kind)}, not {wanted}")
        if not found:
            import difflib

            ids = [n.id for n in self.nodes() if kinds is None or n.kind in kinds]
            what = " or ".join(kinds) if kinds else "plan, goal, measure or indicator"
            raise UnknownId(
                f"no {what} with id '{node_id}'",
                close=difflib.get_close_matches(node_id, ids, n=3, cutoff=0.5),
            )
        return found[0]

    def audience(self, audience_id: str) -> Audience:
        """The report audience with this id; an unknown one is a usage error listing the known."""
        audiences = self.shared.audiences if self.shared else []
        for audience in audiences:
            if audience.id == audience_id:
                return audience
        known = ", ".join(a.id for a in audiences) or "none (add `yleisöt` to the shared file)"
        raise UsageError(f"unknown audience '{audience_id}'", hint=f"known audiences: {known}")

    def actor(self, actor_id: str) -> Actor:
        """The actor (`toimijat` in the shared file) with this id; an unknown one is a usage
        error listing the known ids."""
        actors = self.shared.actors if self.shared else []
        for actor in actors:
            if actor.id == actor_id:
                return actor
        where = self.shared_source.path if self.shared_source else "the shared file"
        known = ", ".join(a.id for a in actors)
        hint = f"known actors: {known}" if known else f"add `toimijat` to {where}"
        raise UsageError(f"unknown actor '{actor_id}'", hint=hint)

    def plan(self, plan_id: str) -> Plan:
        for plan in self.plans:
            if plan.id == plan_id:
                return plan
        known = ", ".join(p.id for p in self.plans) or "none"
        raise UsageError(f"no plan with id '{plan_id}'", hint=f"known plans: {known}")


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"
