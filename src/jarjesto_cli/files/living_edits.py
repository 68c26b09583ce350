"""The living plan's edits: owners, schedule and priority of a measure or sub-action
(`plan set`), and a target change with its decision (`plan set-target`).

Both are built on the `PlanEditor`'s general changes, so they are written as `record` writes:
locked, typed into the text at the node's place, validated as the result would be, all or
nothing. The values come in already read (periods checked against the plan, the target parsed
by its kind); what is decided here is what the YAML becomes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jarjesto_cli.domain.fields import Value
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.errors import UsageError
from jarjesto_cli.files.editing import DELETE, Edit, PlanEditor

CLEARABLE = ("owner", "start", "end", "priority")


@dataclass(frozen=True)
class Fields:
    """What `plan set` asks for: None leaves a field as it is; `clear` names fields to remove."""

    owners: list[str] | None = None
    start: Period | None = None
    end: Period | None = None
    priority: str | None = None
    clear: frozenset[str] = frozenset()

    def empty(self) -> bool:
        given = (self.owners, self.start, self.end, self.priority)
        return all(v is None for v in given) and not self.clear


def _yaml_period(period: Period | None) -> Any:
    """Years as plain numbers (`loppu: 2027`), as the files write periods."""
    if period is None:
        return None
    text = str(period)
    return int(text) if text.isdigit() else text


def _schedule(old: Any, fields: Fields) -> dict[str, Any] | None:
    """The new `aikataulu` mapping (None: no schedule left)."""
    schedule = dict(old) if isinstance(old, dict) else {}
    for key, value, name in (("alku", fields.start, "start"), ("loppu", fields.end, "end")):
        if name in fields.clear:
            schedule.pop(key, None)
        elif value is not None:
            schedule[key] = _yaml_period(value)
    ordered = {k: schedule[k] for k in ("alku", "loppu") if k in schedule}
    return ordered or None


def _owners(old: Any, fields: Fields) -> list[str] | None:
    if "owner" in fields.clear:
        return None
    if fields.owners is not None:
        return list(fields.owners)
    return list(old) if old else None


def _priority(old: Any, fields: Fields) -> str | None:
    if "priority" in fields.clear:
        return None
    return fields.priority if fields.priority is not None else old


def _shown(key: str, value: Any) -> Any:
    """An edit's old or new value as it is printed: owners joined, periods as written."""
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _edits(
    editor: PlanEditor, path: Any, label: str, old: dict[str, Any], new: dict[str, Any]
) -> list[Edit]:
    """One `Edit` per field asked about: `vastuu`, `alku`, `loppu`, `prioriteetti`."""
    edits = []
    for key in new:
        before, after = _shown(key, old.get(key)), _shown(key, new[key])
        edits.append(Edit(path, label, "", key, before, after, changed=before != after))
    editor.changes.extend(edits)
    return edits


def set_fields(editor: PlanEditor, measure_id: str, sub_action: int | None, fields: Fields) -> None:
    """Set owners, schedule and priority of a measure, or owners and schedule of its
    sub-action number `sub_action` (1-based). A plain sub-action becomes `{teksti, vastuu,
    aikataulu}` when it gets an owner or a schedule, and plain again when it has neither."""
    node = editor.measure(measure_id)
    measure = editor.data(node)
    if sub_action is None:
        target = measure
    else:
        items = measure.get("alatoimenpiteet") or []
        if not 1 <= sub_action <= len(items):
            count = f"{len(items)} sub-actions" if items else "no sub-actions"
            raise UsageError(
                f"{measure_id} has {count}; there is no {measure_id}/{sub_action}",
                hint=f"`plan status {measure_id}` lists them, numbered from 1",
            )
        item = items[sub_action - 1]
        target = item if isinstance(item, dict) else {"teksti": item}
    old_schedule = target.get("aikataulu") or {}
    owners = _owners(target.get("vastuu"), fields)
    schedule = _schedule(old_schedule, fields)
    values: dict[str, Any] = {"vastuu": owners, "aikataulu": schedule}
    if sub_action is None:
        values["prioriteetti"] = _priority(target.get("prioriteetti"), fields)
    asked = {
        "vastuu": fields.owners is not None or "owner" in fields.clear,
        "alku": fields.start is not None or "start" in fields.clear,
        "loppu": fields.end is not None or "end" in fields.clear,
        "prioriteetti": fields.priority is not None or "priority" in fields.clear,
    }
    old_flat = {
        "vastuu": target.get("vastuu"),
        "alku": old_schedule.get("alku"),
        "loppu": old_schedule.get("loppu"),
        "prioriteetti": target.get("prioriteetti"),
    }
    new_flat = {
        "vastuu": owners,
        "alku": (schedule or {}).get("alku"),
        "loppu": (schedule or {}).get("loppu"),
        "prioriteetti": values.get("prioriteetti"),
    }
    label = measure_id if sub_action is None else f"{measure_id}/{sub_action}"
    edits = _edits(
        editor,
        node.source.path,
        label,
        old_flat,
        {k: v for k, v in new_flat.items() if asked[k]},
    )
    if not any(e.changed for e in edits):
        return
    changes = {k: DELETE if v is None else v for k, v in values.items() if target.get(k) != v}
    if sub_action is None:
        editor.set_keys(node, changes)
        return
    item = measure["alatoimenpiteet"][sub_action - 1]
    if isinstance(item, dict) and (owners or schedule):
        editor.set_keys(node, changes, at=("alatoimenpiteet", sub_action - 1))
        return
    # the item changes its form: `- text` ⇄ `- teksti: text` with its owners and schedule
    new_item: Any = {"teksti": target["teksti"]}
    new_item |= {k: v for k, v in values.items() if v is not None}
    if len(new_item) == 1:
        new_item = target["teksti"]
    editor.replace_item(node, "alatoimenpiteet", sub_action - 1, new_item)


def change_target(
    editor: PlanEditor,
    indicator_id: str,
    target: Value,
    decision: str,
    date: dt.date,
    reason: str | None,
) -> Edit:
    """Record a target change: `tavoitemuutokset` gets {päivä, päätös, aiempi, perustelu} and
    `tavoite` becomes the new target. A change dated before the last one recorded, or to the
    target already in force, is refused."""
    node = editor.indicator(indicator_id)
    data = editor.data(node)
    previous = data.get("tavoite")
    if previous == target:
        raise UsageError(
            f"{indicator_id}'s target is {target} already",
            hint="give the new target with --target",
            field="target",
        )
    changes = data.get("tavoitemuutokset") or []
    dates = [c.get("päivä") for c in changes if isinstance(c.get("päivä"), dt.date)]
    if dates and date < max(dates):
        raise UsageError(
            f"{date:%-d.%-m.%Y} is before {indicator_id}'s last target change "
            f"({max(dates):%-d.%-m.%Y})",
            hint="record changes in the order they were decided; check the date",
            field="date",
        )
    if date in dates:
        raise UsageError(
            f"{indicator_id} already has a target change on {date:%-d.%-m.%Y}",
            hint="one change a day: the target in force at the end of that day",
            field="date",
        )
    entry: dict[str, Any] = {"päivä": date, "päätös": decision}
    if previous is not None:
        entry["aiempi"] = previous
    if reason is not None:
        entry["perustelu"] = reason
    editor.insert_item(node, "tavoitemuutokset", len(changes), entry)
    editor.set_keys(node, {"tavoite": target})
    edit = Edit(node.source.path, indicator_id, f"{date:%-d.%-m.%Y}", "tavoite", previous, target)
    editor.changes.append(edit)
    return edit
