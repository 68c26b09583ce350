"""`plan todo` as terminal text, Markdown (to paste into an email or an issue) and JSON."""

from __future__ import annotations

from typing import Any

from jarjesto_cli.domain.finnish import date
from jarjesto_cli.domain.readiness import Gap
from jarjesto_cli.domain.todo import Task, Todo
from jarjesto_cli.outputs import display
from jarjesto_cli.outputs.layout import BLANK, Line, hanging, line
from jarjesto_cli.outputs.mdtext import inline


def _title(todo: Todo, actors: dict[str, str]) -> str:
    who = actors.get(todo.owner, todo.owner) if todo.owner else "kaikki"
    return f"Tehtävät: {who} (tilanne {date(todo.today)})"


def _task_text(task: Task, actors: dict[str, str], *, owners: bool) -> str:
    facts = [f"aikataulu: {display.schedule_text(task.schedule)}"]
    if owners and task.owners:
        facts.append(f"vastuu: {display.owners_text(task.owners, actors)}")
    return f"{task.title} — {' · '.join(facts)}"


def _gap_text(gap: Gap, actors: dict[str, str], *, owners: bool) -> str:
    text = f"{gap.need.value}: {gap.name}"
    if owners:
        who = display.owners_text(gap.owners, actors) if gap.owners else "ei vastuutahoa"
        text += f" — vastuu: {who}"
    return text


def _deadline_text(todo: Todo) -> str:
    deadline = todo.deadline
    assert deadline is not None
    days = (deadline.date - todo.today).days
    when = "tänään" if days == 0 else f"{days} päivän päästä"
    return (
        f"Seuraava määräpäivä {date(deadline.date)} ({when}): {deadline.audience_name}, "
        f"kausi {deadline.period.label()}"
    )


def lines(todo: Todo, actors: dict[str, str], width: int | None) -> list[Line]:
    """The list for the terminal, wrapped at words to `width` (None: no limit)."""
    owners = todo.owner is None  # one person's list need not repeat their name
    out = [line((_title(todo, actors), "bold"))]

    def section(title: str, items: list[tuple[str, str]], style: str) -> None:
        nonlocal out
        out += [BLANK, line((f"{title} ({len(items)})", style))]
        if not items:
            out += hanging([("  ", "")], [("ei mitään", "dim")], width)
        ids = max((len(i) for i, _ in items), default=0)
        for item_id, text in items:
            out += hanging([(f"  {item_id:<{ids}}  ", "bold")], [(text, "")], width)

    section(
        "⏰ Myöhässä",
        [(t.id, _task_text(t, actors, owners=owners)) for t in todo.late],
        "yellow",
    )
    section(
        f"Erääntyy tällä kaudella, {todo.period.label()}",
        [(t.id, _task_text(t, actors, owners=owners)) for t in todo.due],
        "bold",
    )
    if todo.deadline is None:
        out += [BLANK, line(("Ei tulevia määräpäiviä.", "dim"))]
        return out
    out += [BLANK, *hanging([("", "")], [(_deadline_text(todo), "bold")], width)]
    section(
        "Puuttuu",
        [(g.id, _gap_text(g, actors, owners=owners)) for g in todo.missing],
        "bold",
    )
    return out


def markdown(todo: Todo, actors: dict[str, str]) -> str:
    """Plain Markdown: a heading and bullet lists, every text from the plans escaped."""
    owners = todo.owner is None
    md = [f"## {inline(_title(todo, actors))}", ""]

    def section(title: str, items: list[tuple[str, str]]) -> None:
        md.extend([f"### {inline(title)}", ""])
        md.extend(f"- **{inline(i)}** {inline(text)}" for i, text in items)
        md.extend(["- ei mitään", ""] if not items else [""])

    section(
        f"⏰ Myöhässä ({len(todo.late)})",
        [(t.id, _task_text(t, actors, owners=owners)) for t in todo.late],
    )
    section(
        f"Erääntyy tällä kaudella, {todo.period.label()} ({len(todo.due)})",
        [(t.id, _task_text(t, actors, owners=owners)) for t in todo.due],
    )
    if todo.deadline is None:
        md.append("Ei tulevia määräpäiviä.")
    else:
        md.extend([inline(_deadline_text(todo)), ""])
        section(
            f"Puuttuu ({len(todo.missing)})",
            [(g.id, _gap_text(g, actors, owners=owners)) for g in todo.missing],
        )
    return "\n".join(md).rstrip() + "\n"


def _owners(ids: tuple[str, ...], actors: dict[str, str]) -> list[dict[str, str]]:
    return [{"id": o, "name": actors.get(o, o)} for o in ids]


def _task(task: Task, actors: dict[str, str]) -> dict[str, Any]:
    start, end = task.schedule.start, task.schedule.end
    return {
        "id": task.id,
        "kind": task.kind,
        "plan": task.plan_id,
        "title": task.title,
        "owners": _owners(task.owners, actors),
        "schedule": {"start": str(start) if start else None, "end": str(end) if end else None},
        "status": str(task.status),
    }


def as_json(todo: Todo, actors: dict[str, str]) -> dict[str, Any]:
    """The stable JSON form (README: `plan todo`)."""
    deadline = todo.deadline
    ready = todo.ready
    return {
        "version": 1,
        "today": todo.today.isoformat(),
        "period": str(todo.period),
        "owner": _owners((todo.owner,), actors)[0] if todo.owner else None,
        "late": [_task(t, actors) for t in todo.late],
        "due": [_task(t, actors) for t in todo.due],
        "deadline": None
        if deadline is None
        else {
            "date": deadline.date.isoformat(),
            "audience": deadline.audience_id,
            "audience_name": deadline.audience_name,
            "period": str(deadline.period),
            "plans": list(deadline.plan_ids),
            "measure_share": ready.measure_share if ready else None,
            "indicator_share": ready.indicator_share if ready else None,
        },
        "missing": [
            {
                "id": g.id,
                "kind": g.kind,
                "plan": g.plan_id,
                "title": g.name,
                "need": g.need.value,
                "owners": _owners(g.owners, actors),
            }
            for g in todo.missing
        ],
    }
