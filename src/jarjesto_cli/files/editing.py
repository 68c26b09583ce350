"""Writing into the plans the way a careful person would: locked, checked, all or nothing.

Every edit goes through a `PlanEditor`. It takes the plans folder's lock (`locking.py`), so two
writers never read the same file and lose one another's change; loads and validates the plans;
and collects changes as "set these keys at this node" (`set_keys`) or "insert this item into
that list" (`insert_item`) — `record` and `set_status` are built on the two. When the changes
are committed, each changed file's text is edited surgically (`yaml_edit.py`: only the lines of
the change are touched), parsed again and compared with the data the changes mean; the whole
plan set is validated **as it would be**, and only then are the files replaced, all of them or
none (`writing.py`). A refused edit leaves every file byte-identical.

A layout the surgical edit does not handle (a flow list `[…]`, say) is edited with ruamel.yaml's
round trip instead, which keeps comments and order but may re-indent (`reformatted` says so).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from jarjesto_cli.domain.fields import MAX_COUNT
from jarjesto_cli.domain.keypaths import KeyPath
from jarjesto_cli.domain.periods import Period, PeriodError
from jarjesto_cli.domain.planset import Node, PlanSet
from jarjesto_cli.errors import AlreadyRecorded, OutputError, PlanDataError, UsageError
from jarjesto_cli.files import yaml_edit
from jarjesto_cli.files.loading import load_plan_set, reload
from jarjesto_cli.files.yaml_edit import DELETE, InsertItem, Op, ReplaceItem, SetKeys
from jarjesto_cli.files.yaml_io import Positions, RoundTrip

__all__ = ["DELETE", "Edit", "InsertItem", "PlanEditor", "ReplaceItem", "SetKeys"]

# --- what an edit changed ----------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """What one edit changed: the node, the period, the key (`arvo`, `tila`), old → new as data."""

    path: Path
    node_id: str
    period: str
    what: str
    old: Any  # the value as it was in the file; None when there was none
    new: Any  # None with a `note`: a period recorded without a value
    n: int | None = None
    note: str | None = None
    # a replaced entry: what it keeps as it was (key, value), what else is replaced or removed
    kept: tuple[tuple[str, Any], ...] = ()
    replaced: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    needs_replace: bool = False  # a preview of a change to an existing entry (dry run)
    changed: bool = True  # False: the file already says this


# --- helpers kept for the round-trip fallback ---------------------------------------------------


def _yaml_period(period: str) -> Any:
    """Years are written as plain numbers (`kausi: 2026`), as in the existing files."""
    return int(period) if period.isdigit() else period


def _last_comment_slot(node: Any) -> tuple[Any, Any, int] | None:
    """(container, key, slot) of the comment after the last scalar inside `node`, if any."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and len(node):
        last = next(reversed(node))
        deeper = _last_comment_slot(node[last])
        if deeper is not None:
            return deeper
        entry = node.ca.items.get(last)
        if entry and len(entry) > 2 and entry[2] is not None:
            return node, last, 2
    if isinstance(node, CommentedSeq) and len(node):
        last_index = len(node) - 1
        deeper = _last_comment_slot(node[last_index])
        if deeper is not None:
            return deeper
        entry = node.ca.items.get(last_index)
        if entry and entry[0] is not None:
            return node, last_index, 0
    return None


def _detach_following_lines(node: Any) -> Any:
    """Take the full-line comments and blank lines that follow `node` (they belong to what comes
    after it, e.g. `# Tavoite 2`), leaving an end-of-line comment where it is."""
    found = _last_comment_slot(node)
    if found is None:
        return None
    container, key, slot = found
    token = container.ca.items[key][slot]
    value: str = token.value
    newline = value.find("\n")
    if newline == -1 or newline == len(value) - 1:
        return None
    keep, move = value[: newline + 1], value[newline + 1 :]
    moved = copy.copy(token)
    moved.value = move
    if keep.strip():
        token.value = keep
    elif keep == "\n":
        token.value = keep  # an empty end of line stays; the blank lines move
    else:
        container.ca.items[key][slot] = None
    return moved


def _attach_after(node: Any, token: Any) -> None:
    """Put `token` (detached lines) after the last scalar inside `node`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if token is None:
        return
    if isinstance(node, CommentedMap) and len(node):
        last = next(reversed(node))
        if isinstance(node[last], CommentedMap | CommentedSeq) and len(node[last]):
            _attach_after(node[last], token)
            return
        entry = node.ca.items.setdefault(last, [None, None, None, None])
        entry[2] = _joined(entry[2], token)
    elif isinstance(node, CommentedSeq) and len(node):
        index = len(node) - 1
        if isinstance(node[index], CommentedMap | CommentedSeq) and len(node[index]):
            _attach_after(node[index], token)
            return
        entry = node.ca.items.setdefault(index, [None, None])
        entry[0] = _joined(entry[0], token)


def _joined(existing: Any, moved: Any) -> Any:
    """A comment slot holds the rest of the value's line (an end-of-line comment or just "\n")
    followed by whole lines; put the moved lines after what the slot already has."""
    if existing is None:
        moved.value = "\n" + moved.value
        return moved
    existing.value = existing.value.rstrip("\n") + "\n" + moved.value
    return existing


def append_key(mapping: Any, key: str, value: Any) -> None:
    """Add `key: value` at the end of `mapping`, keeping comments that follow it in place."""
    moved = _detach_following_lines(mapping)
    mapping[key] = value
    _attach_after(mapping, moved)


def insert_item(seq: Any, index: int, item: Any) -> None:
    """Insert into a sequence; at the end, comments that followed the last item stay after."""
    if index >= len(seq):
        moved = _detach_following_lines(seq)
        seq.append(item)
        _attach_after(seq, moved)
    else:
        seq.insert(index, item)


def _roundtrip_value(value: Any) -> Any:
    """Multi-line text as a literal block (`|`), everything else as it is."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, str) and "\n" in value.strip("\n") and value.endswith("\n"):
        return LiteralScalarString(value)
    if isinstance(value, list | dict):
        # owners and schedules are written on one line, as the plans write them
        flow: Any = CommentedSeq(value) if isinstance(value, list) else CommentedMap(value)
        flow.fa.set_flow_style()
        return flow
    return value


def _roundtrip_apply(data: Any, op: Op) -> None:
    """A change made on ruamel.yaml's round-trip data (comments and order kept)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    mapping = data
    for step in op.at:
        mapping = mapping[step]
    if isinstance(op, SetKeys):
        for key, value in op.values.items():
            if value is DELETE:
                if key in mapping:
                    del mapping[key]
            elif key in mapping:
                mapping[key] = _roundtrip_value(value)
            else:
                append_key(mapping, key, _roundtrip_value(value))
        return
    if isinstance(op, ReplaceItem):
        if isinstance(op.value, dict):
            replaced = CommentedMap()
            for key, value in op.value.items():
                replaced[key] = _roundtrip_value(value)
            mapping[op.key][op.index] = replaced
        else:
            mapping[op.key][op.index] = op.value
        return
    item = CommentedMap()
    for key, value in op.item.items():
        item[key] = _roundtrip_value(value)
    items = mapping.get(op.key)
    if items is None:
        append_key(mapping, op.key, CommentedSeq([item]))
    else:
        insert_item(items, op.index, item)


def stored_text(text: str) -> str:
    """Text as it is stored: a multi-line narrative ends with exactly one line break (it is
    written as a `|` block); a one-line text as it is."""
    return text.rstrip("\n") + "\n" if "\n" in text.strip() else text


def _sorted_position(items: Any, period: str) -> int:
    """Where a new entry for `period` goes: after every entry of an earlier or equal period."""
    new = Period.parse(period)
    position = 0
    for i, item in enumerate(items or []):
        try:
            if Period.parse(item.get("kausi")) <= new:
                position = i + 1
        except (PeriodError, AttributeError):
            position = i + 1
    return position


def _same_period(raw: Any, period: str) -> bool:
    try:
        return str(Period.parse(raw)) == period
    except PeriodError:
        return False


def _given(name: str, text: str | None, field: str) -> str | None:
    """A text typed on the command line: None when not given; an empty one is a mistake (it
    would write `key: ''`)."""
    if text is None:
        return None
    if not text.strip():
        raise UsageError(
            f"the {name} is empty",
            hint=f"leave it out to write no {name} (an existing one is then kept)",
            field=field,
        )
    return text


# --- the editor ---------------------------------------------------------------------------------


class PlanEditor:
    """Edits to a plans directory, made under its lock, validated together, written atomically.

    Use it as a context manager (or call `commit`, which ends it): the lock is held from the
    moment the plans are read until the files are written.
    """

    def __init__(self, plans_dir: Path, *, lock: bool = True) -> None:
        from jarjesto_cli.files.locking import PlansLock

        self.plans_dir = plans_dir
        self._lock: PlansLock | None = None  # set first: `__del__` runs even if acquire fails
        self._lock = PlansLock(plans_dir).acquire() if lock else None
        try:
            self.planset: PlanSet = load_plan_set([plans_dir], keep_positions=True)
        except BaseException:
            self.close()
            raise
        if self.planset.errors:
            self.close()
            raise PlanDataError(self.planset.problems, before_edit=True)
        self._ops: dict[Path, list[Op]] = {}
        self._texts: dict[Path, str] = {}
        self._data: dict[Path, Any] = {}
        self._reformatted: list[Path] = []
        self._parsed: dict[Path, tuple[str, tuple[Any, Positions]]] = {}
        self.changes: list[Edit] = []
        self.after: PlanSet | None = None  # the plan set as validated by `check`

    # --- the lock's lifetime

    def close(self) -> None:
        """Release the lock (done by `commit`; safe to call more than once)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> PlanEditor:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    # --- finding nodes

    def indicator(self, indicator_id: str) -> Node:
        return self.planset.find(indicator_id, kinds=("indicator",))

    def measure(self, measure_id: str) -> Node:
        return self.planset.find(measure_id, kinds=("measure",))

    def data(self, node: Node) -> Any:
        """The node as plain data, with the changes made so far."""
        found = self._file_data(node)
        for step in node.keypath:
            found = found[step]
        return found

    def _file_data(self, node: Node) -> Any:
        path = node.source.path
        if path not in self._data:
            positions = node.source.positions
            data = positions.data if isinstance(positions, Positions) else None
            if data is None:
                from jarjesto_cli.files.yaml_io import parse

                data = parse(path, node.source.text)
            self._data[path] = data
            self._texts[path] = node.source.text
        return self._data[path]

    # --- the two kinds of change (the general API)

    def set_keys(self, node: Node, values: Mapping[str, Any], *, at: KeyPath = ()) -> None:
        """Set keys of the mapping at `at` below `node` (`DELETE` removes one); new keys go at
        its end. Values are data: text, numbers, true/false."""
        self._add(node, SetKeys((*node.keypath, *at), dict(values)))

    def insert_item(
        self, node: Node, key: str, index: int, item: Mapping[str, Any], *, at: KeyPath = ()
    ) -> None:
        """Insert `item` at `index` of the list under `key` (created when missing)."""
        self._add(node, InsertItem((*node.keypath, *at), key, index, dict(item)))

    def replace_item(self, node: Node, key: str, index: int, value: Any) -> None:
        """Replace item `index` of the list under `key` (a text, or a mapping)."""
        self._add(node, ReplaceItem(node.keypath, key, index, value))

    def _add(self, node: Node, op: Op) -> None:
        yaml_edit.apply_to_data(self._file_data(node), op)
        self._ops.setdefault(node.source.path, []).append(op)

    # --- measurements and statuses

    def record(
        self,
        indicator_id: str,
        period: str,
        value: Any,
        *,
        n: int | None = None,
        note: str | None = None,
        source: str | None = None,
        replace: bool = False,
        preview: bool = False,
    ) -> Edit:
        """Add the measurement of an indicator for a period, or with `replace` change the one
        there: its value, and the `n`, note and source given; those not given are kept (an
        approximate-value flag goes with the old value). `preview` shows a change to an existing
        measurement without `replace` instead of refusing it."""
        node = self.indicator(indicator_id)
        if n is not None and n < 0:
            raise UsageError(f"the number of respondents cannot be negative ({n})", field="n")
        if n is not None and n > MAX_COUNT:
            raise UsageError(
                f"{n} respondents is more than the {MAX_COUNT:_} a plan allows".replace("_", " "),
                field="n",
            )
        note = _given("note", note, "note")
        source = _given("source", source, "source")
        mapping = self.data(node)
        measurements = mapping.get("mittaukset") or []
        index = next(
            (i for i, m in enumerate(measurements) if _same_period(m.get("kausi"), period)), None
        )
        fields: dict[str, Any] = {"arvo": value, "n": n, "huomio": note, "lähde": source}
        if index is None:
            item = {"kausi": _yaml_period(period)}
            item |= {k: _stored(v) for k, v in fields.items() if v is not None}
            self.insert_item(node, "mittaukset", _sorted_position(measurements, period), item)
            edit = Edit(node.source.path, indicator_id, period, "arvo", None, value, n, note)
            self.changes.append(edit)
            return edit
        existing = measurements[index]
        changes = {k: _stored(v) for k, v in fields.items() if v is not None}
        if not replace and not preview and any(existing.get(k) != v for k, v in changes.items()):
            raise AlreadyRecorded(
                f"{indicator_id} already has a measurement for {period}",
                existing=existing.get("arvo"),
            )
        kept = tuple(
            (k, existing[k])
            for k in ("arvo", "n", "huomio", "lähde")
            if k in existing and k not in changes
        )
        removed: tuple[str, ...] = ()
        if value is not None and "likiarvo" in existing:
            changes["likiarvo"] = DELETE  # "approximately" described the old value
            removed = ("likiarvo",)
        if value is None:  # a note for a period that has a value: the value is kept
            what, old, new = "huomio", existing.get("huomio"), note
        else:
            what, old, new = "arvo", existing.get("arvo"), value
        changed = any(v is DELETE or existing.get(k) != v for k, v in changes.items())
        self.set_keys(node, changes, at=("mittaukset", index))
        edit = Edit(
            node.source.path,
            indicator_id,
            period,
            what,
            old,
            new,
            n,
            note,
            kept=kept,
            removed=removed,
            needs_replace=changed and not replace,
            changed=changed,
        )
        self.changes.append(edit)
        return edit

    def set_status(
        self,
        measure_id: str,
        period: str,
        status: str,
        text: str | None,
        *,
        reason: str | None = None,
        replace: bool = False,
        preview: bool = False,
    ) -> Edit:
        """Set the reported status (and narrative) of a measure for a period, and the reason
        (`perustelu`) when the team's status knowingly differs from the indicators. A status
        already reported for the period is changed only with `replace` (a narrative not given
        is then kept; a reason too, unless the status changes: it explained the old one); the same
        status again, with nothing new, changes nothing."""
        node = self.measure(measure_id)
        text = _given("narrative", text, "text")
        reason = _given("reason", reason, "reason")
        mapping = self.data(node)
        reports = mapping.get("raportit") or []
        index = next(
            (i for i, r in enumerate(reports) if _same_period(r.get("kausi"), period)), None
        )
        if index is None:
            item = {"kausi": _yaml_period(period), "tila": status}
            if text is not None:
                item["teksti"] = stored_text(text)
            if reason is not None:
                item["perustelu"] = stored_text(reason)
            self.insert_item(node, "raportit", _sorted_position(reports, period), item)
            edit = Edit(node.source.path, measure_id, period, "tila", None, status)
            self.changes.append(edit)
            return edit
        existing = reports[index]
        changes: dict[str, Any] = {}
        if existing.get("tila") != status:
            changes["tila"] = status
        if text is not None and existing.get("teksti") != stored_text(text):
            changes["teksti"] = stored_text(text)
        if reason is not None and existing.get("perustelu") != stored_text(reason):
            changes["perustelu"] = stored_text(reason)
        # a reason explains why the team's status differs from the indicators: a changed status
        # without a reason of its own does not inherit the old one
        dropped = "tila" in changes and reason is None and "perustelu" in existing
        if dropped:
            changes["perustelu"] = DELETE
        kept = tuple(
            (key, None) for key in ("teksti", "perustelu") if key in existing and key not in changes
        )
        old = existing.get("tila")
        if changes and not replace and not preview:
            raise AlreadyRecorded(
                f"{measure_id} already has a reported status for {period}",
                existing=old,
                what="tila",
            )
        if changes:
            self.set_keys(node, changes, at=("raportit", index))
        edit = Edit(
            node.source.path,
            measure_id,
            period,
            "tila",
            old,
            status,
            kept=kept if changes else (),
            replaced=tuple(
                k
                for k in ("teksti", "perustelu")
                if k in changes and k in existing and changes[k] is not DELETE
            ),
            removed=("perustelu",) if dropped else (),
            needs_replace=bool(changes) and not replace,
            changed=bool(changes),
        )
        self.changes.append(edit)
        return edit

    # --- writing

    def pending(self) -> dict[Path, str]:
        """The new text of every changed file, each checked against the data it should hold."""
        out: dict[Path, str] = {}
        for path, ops in self._ops.items():
            original = self._texts[path]
            try:
                text = yaml_edit.apply(original, ops)
                if not self._holds(path, text):
                    raise yaml_edit.CannotEdit("the result reads back differently")
            except yaml_edit.CannotEdit:
                text = self._roundtrip(path, original, ops)
            if text != original:
                out[path] = text
        return out

    def _holds(self, path: Path, text: str) -> bool:
        """Whether `text` reads back as the data the changes mean (the parse is kept for the
        validation that follows)."""
        from jarjesto_cli.errors import PlanFileError
        from jarjesto_cli.files.yaml_io import parse_with_positions

        try:
            parsed = parse_with_positions(path, text)
        except PlanFileError:
            return False
        if parsed[0] != self._data[path]:
            return False
        self._parsed[path] = (text, parsed)
        return True

    def _roundtrip(self, path: Path, original: str, ops: list[Op]) -> str:
        doc = RoundTrip(path, original)
        for op in ops:
            _roundtrip_apply(doc.data, op)
        text = doc.dump()
        if not self._holds(path, text):
            raise OutputError(
                f"cannot write the change into {path} without disturbing the rest of it",
                hint="make the change in an editor; please report this case",
            )
        if not doc.reproduces:
            self._reformatted.append(path)
        return text

    def check(self) -> dict[Path, str]:
        """Validate the plan set as it would be after the edits; raise if it would not."""
        pending = self.pending()
        parsed = {
            path: found for path, (text, found) in self._parsed.items() if pending.get(path) == text
        }
        after = reload(self.planset, pending, parsed) if pending else self.planset
        if after.errors:
            raise PlanDataError(after.problems)
        self.after = after
        return pending

    def commit(self, *, dry_run: bool = False) -> list[Edit]:
        """Validate, then write every changed file (all or none; nothing with `dry_run`), and
        release the lock."""
        from jarjesto_cli.files.writing import write_all

        try:
            waiting = [e for e in self.changes if e.needs_replace]
            if waiting and not dry_run:  # a preview's change is never written
                raise AlreadyRecorded(
                    f"{waiting[0].node_id} already has {waiting[0].what} for {waiting[0].period}",
                    existing=waiting[0].old,
                    what=waiting[0].what,
                )
            pending = self.check()
            if not dry_run and pending:
                files = {}
                for path, text in pending.items():
                    # a file saved with a byte order mark keeps it
                    bom = "\ufeff" if path.read_bytes().startswith(b"\xef\xbb\xbf") else ""
                    files[path] = (bom + text).encode("utf-8")
                write_all(files)
        finally:
            self.close()
        return self.changes

    def reformatted(self) -> list[Path]:
        """Files whose untouched parts the writer could not keep byte for byte."""
        return list(self._reformatted)


def _stored(value: Any) -> Any:
    return stored_text(value) if isinstance(value, str) else value
