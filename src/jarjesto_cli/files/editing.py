"""Writing measurements and statuses into the plans the way a careful person would.

Every edit goes through a `PlanEditor`: the files are loaded round-trip (comments, key order and
quoting kept), the change is made in place, the whole plan set is validated **as it would be**,
and only then is each changed file replaced atomically. A refused edit leaves every file
byte-identical. The diff of an edit is the added or changed lines only.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jarjesto_cli.domain.periods import Period, PeriodError
from jarjesto_cli.domain.planset import Node, PlanSet
from jarjesto_cli.errors import AlreadyRecorded, PlanDataError, UsageError
from jarjesto_cli.files.loading import load_plan_set
from jarjesto_cli.files.yaml_io import RoundTrip

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


# --- comment-aware insertion --------------------------------------------------------------------


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


def _sorted_position(items: Any, period: str) -> int:
    """Where a new entry for `period` goes: after every entry of an earlier or equal period."""
    new = Period.parse(period)
    position = 0
    for i, item in enumerate(items):
        try:
            if Period.parse(item.get("kausi")) <= new:
                position = i + 1
        except (PeriodError, AttributeError):
            position = i + 1
    return position


def _text_scalar(text: str) -> Any:
    """Multi-line text as a literal block (`|`), single-line as is."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if "\n" in text.strip():
        return LiteralScalarString(text.rstrip("\n") + "\n")
    return text


# --- the editor ---------------------------------------------------------------------------------


class PlanEditor:
    """Edits to a plans directory, validated together and written atomically."""

    def __init__(self, plans_dir: Path) -> None:
        self.plans_dir = plans_dir
        self.planset: PlanSet = load_plan_set([plans_dir])
        if self.planset.errors:
            raise PlanDataError(self.planset.problems, before_edit=True)
        self._docs: dict[Path, RoundTrip] = {}
        self.changes: list[Edit] = []
        self.after: PlanSet | None = None  # the plan set as validated by `check`

    def _doc(self, node: Node) -> RoundTrip:
        path = node.source.path
        if path not in self._docs:
            self._docs[path] = RoundTrip(path, node.source.text)
        return self._docs[path]

    def _at(self, node: Node) -> Any:
        data = self._doc(node).data
        for step in node.keypath:
            data = data[step]
        return data

    def indicator(self, indicator_id: str) -> Node:
        return self.planset.find(indicator_id, kinds=("indicator",))

    def measure(self, measure_id: str) -> Node:
        return self.planset.find(measure_id, kinds=("measure",))

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
    ) -> Edit:
        """Add (or with `replace`, replace) the measurement of an indicator for a period."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node = self.indicator(indicator_id)
        mapping = self._at(node)
        if n is not None and n < 0:
            raise UsageError(f"the number of respondents cannot be negative ({n})", field="n")
        measurements = mapping.get("mittaukset")
        existing = next(
            (m for m in measurements or [] if _same_period(m.get("kausi"), period)), None
        )
        fields: dict[str, Any] = {"arvo": value, "n": n, "huomio": note, "lähde": source}
        if existing is not None:
            if not replace:
                raise AlreadyRecorded(
                    f"{indicator_id} already has a measurement for {period}",
                    existing=existing.get("arvo"),
                )
            old = existing.get("arvo")
            for key, val in fields.items():
                if val is not None:
                    if key in existing:
                        existing[key] = _text_scalar(val) if isinstance(val, str) else val
                    else:
                        append_key(existing, key, val)
                elif key in existing:
                    del existing[key]  # a replaced value does not keep the old value's details
        else:
            old = None
            item = CommentedMap()
            item["kausi"] = _yaml_period(period)
            for key, val in fields.items():
                if val is not None:
                    item[key] = _text_scalar(val) if isinstance(val, str) else val
            if measurements is None:
                append_key(mapping, "mittaukset", CommentedSeq([item]))
            else:
                insert_item(measurements, _sorted_position(measurements, period), item)
        edit = Edit(node.source.path, indicator_id, period, "arvo", old, value, n, note)
        self.changes.append(edit)
        return edit

    def set_status(self, measure_id: str, period: str, status: str, text: str | None) -> Edit:
        """Set the reported status (and narrative) of a measure for a period."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node = self.measure(measure_id)
        mapping = self._at(node)
        reports = mapping.get("raportit")
        existing = next((r for r in reports or [] if _same_period(r.get("kausi"), period)), None)
        if existing is not None:
            old = existing.get("tila")
            existing["tila"] = status
            if text is not None:
                if "teksti" in existing:
                    existing["teksti"] = _text_scalar(text)
                else:
                    append_key(existing, "teksti", _text_scalar(text))
        else:
            old = None
            item = CommentedMap()
            item["kausi"] = _yaml_period(period)
            item["tila"] = status
            if text is not None:
                item["teksti"] = _text_scalar(text)
            if reports is None:
                append_key(mapping, "raportit", CommentedSeq([item]))
            else:
                insert_item(reports, _sorted_position(reports, period), item)
        edit = Edit(node.source.path, measure_id, period, "tila", old, status)
        self.changes.append(edit)
        return edit

    def pending(self) -> dict[Path, str]:
        """The new text of every changed file."""
        out: dict[Path, str] = {}
        for path, doc in self._docs.items():
            text = doc.dump()
            if text != doc.original:
                out[path] = text
        return out

    def check(self) -> dict[Path, str]:
        """Validate the plan set as it would be after the edits; raise if it would not."""
        pending = self.pending()
        after = load_plan_set([self.plans_dir], overrides=pending)
        if after.errors:
            raise PlanDataError(after.problems)
        self.after = after
        return pending

    def commit(self, *, dry_run: bool = False) -> list[Edit]:
        """Validate, then write every changed file atomically (nothing with `dry_run`)."""
        from jarjesto_cli.files.writing import write_text_atomic

        pending = self.check()
        if not dry_run:
            for path, text in pending.items():
                # a file saved with a byte order mark keeps it
                bom = "\ufeff" if path.read_bytes().startswith(b"\xef\xbb\xbf") else ""
                write_text_atomic(path, bom + text)
        return self.changes

    def reformatted(self) -> list[Path]:
        """Files whose untouched parts the writer cannot reproduce byte for byte."""
        return [path for path, doc in self._docs.items() if not doc.reproduces]


def _same_period(raw: Any, period: str) -> bool:
    try:
        return str(Period.parse(raw)) == period
    except PeriodError:
        return False
