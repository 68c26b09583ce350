"""Writing measurements and statuses into the plans the way a careful person would.

Every edit goes through a `PlanEditor`: the files are loaded round-trip (comments, key order and
quoting kept), the change is made in place, the whole plan set is validated **as it would be**,
and only then is each changed file replaced atomically. A refused edit leaves every file
byte-identical. The diff of an edit is the added or changed lines only.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jarjesto_cli.domain.models import (
    STATUS_WORDS,
    CountIndicator,
    IndicatorBase,
    ScaleIndicator,
    TextIndicator,
    YesNoIndicator,
)
from jarjesto_cli.domain.periods import Period, PeriodError
from jarjesto_cli.domain.planset import Node, PlanSet
from jarjesto_cli.errors import PlanDataError, UsageError
from jarjesto_cli.files.loading import load_plan_set
from jarjesto_cli.files.yaml_io import RoundTrip
from jarjesto_cli.outputs.fmt import number

# --- values from the command line ---------------------------------------------------------------

_YES_NO = {
    "kyllä": "kyllä",
    "kylla": "kyllä",
    "k": "kyllä",
    "osittain": "osittain",
    "ei": "ei",
    "e": "ei",
}
_STATUS_SPELLINGS = {
    "toteutuu": "toteutuu",
    "toteutunut": "toteutuu",
    "toteutuu osittain": "toteutuu osittain",
    "osittain": "toteutuu osittain",
    "ei toteudu": "ei toteudu",
    "ei": "ei toteudu",
    "ei toteutunut": "ei toteudu",
}


def parse_status(text: str) -> str:
    """A status word as planners type it: `osittain`, `Toteutuu osittain`, `ei_toteudu`…"""
    key = re.sub(r"[\s_-]+", " ", text.strip().lower())
    if key not in _STATUS_SPELLINGS:
        raise UsageError(
            f"--status: '{text}' is not a status",
            hint="write one of: " + ", ".join(STATUS_WORDS) + " (or just 'osittain' / 'ei')",
        )
    return _STATUS_SPELLINGS[key]


def parse_number(text: str) -> int | float:
    """`3.8`, `3,8`, `850 000` → a number; an integral text stays an int."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if re.fullmatch(r"[+-]?\d+", cleaned):
        return int(cleaned)
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", cleaned):
        return float(cleaned)
    raise ValueError(text)


def parse_value(indicator: IndicatorBase, text: str) -> Any:
    """The command line's `--value` checked against the indicator's kind."""
    if isinstance(indicator, YesNoIndicator):
        key = text.strip().lower()
        if key not in _YES_NO:
            raise UsageError(
                f"--value: {indicator.id} is a kyllä-ei indicator; "
                f"'{text}' is not kyllä, osittain or ei"
            )
        return _YES_NO[key]
    if isinstance(indicator, TextIndicator):
        if not text.strip():
            raise UsageError("--value: the text is empty")
        return text
    try:
        value = parse_number(text)
    except ValueError:
        raise UsageError(f"--value: {indicator.id} needs a number, not '{text}'") from None
    if isinstance(indicator, ScaleIndicator):
        low, high = indicator.scale.min, indicator.scale.max
        if not low <= value <= high:
            raise UsageError(
                f"--value: {number(value)} is outside the scale {number(low)}–{number(high)} "
                f"of {indicator.id}"
            )
    if isinstance(indicator, CountIndicator) and value < 0:
        raise UsageError(f"--value: a count cannot be negative ({number(value)})")
    return value


# --- changes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What one edit changed, for the user to read."""

    path: Path
    node_id: str
    period: str
    what: str
    old: str
    new: str

    def text(self) -> str:
        return f"{self.path}: {self.node_id} {self.period} {self.what}: {self.old} → {self.new}"


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "…"


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


def _flow_list(values: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


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
        self.changes: list[Change] = []
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
    ) -> Change:
        """Add (or with `replace`, replace) the measurement of an indicator for a period."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node = self.indicator(indicator_id)
        mapping = self._at(node)
        if n is not None and n < 0:
            raise UsageError(f"--n: the number of respondents cannot be negative ({n})")
        measurements = mapping.get("mittaukset")
        existing = next(
            (m for m in measurements or [] if _same_period(m.get("kausi"), period)), None
        )
        fields: dict[str, Any] = {"arvo": value, "n": n, "huomio": note, "lähde": source}
        if existing is not None:
            if not replace:
                raise UsageError(
                    f"{indicator_id} already has a measurement for {period} "
                    f"(arvo: {_shown(existing.get('arvo'))})",
                    hint="add --replace to replace it",
                )
            old = _shown(existing.get("arvo"))
            for key, val in fields.items():
                if val is not None:
                    if key in existing:
                        existing[key] = _text_scalar(val) if isinstance(val, str) else val
                    else:
                        append_key(existing, key, val)
                elif key in existing:
                    del existing[key]  # a replaced value does not keep the old value's details
        else:
            old = "–"
            item = CommentedMap()
            item["kausi"] = _yaml_period(period)
            for key, val in fields.items():
                if val is not None:
                    item[key] = _text_scalar(val) if isinstance(val, str) else val
            if measurements is None:
                append_key(mapping, "mittaukset", CommentedSeq([item]))
            else:
                insert_item(measurements, _sorted_position(measurements, period), item)
        new = _shown(value) if value is not None else f"– (huomio: {_shown(note)})"
        if n is not None:
            new += f" (n {n})"
        change = Change(node.source.path, indicator_id, period, "arvo", old, new)
        self.changes.append(change)
        return change

    def set_status(self, measure_id: str, period: str, status: str, text: str | None) -> Change:
        """Set the reported status (and narrative) of a measure for a period."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node = self.measure(measure_id)
        mapping = self._at(node)
        reports = mapping.get("raportit")
        existing = next((r for r in reports or [] if _same_period(r.get("kausi"), period)), None)
        if existing is not None:
            old = str(existing.get("tila"))
            existing["tila"] = status
            if text is not None:
                if "teksti" in existing:
                    existing["teksti"] = _text_scalar(text)
                else:
                    append_key(existing, "teksti", _text_scalar(text))
        else:
            old = "–"
            item = CommentedMap()
            item["kausi"] = _yaml_period(period)
            item["tila"] = status
            if text is not None:
                item["teksti"] = _text_scalar(text)
            if reports is None:
                append_key(mapping, "raportit", CommentedSeq([item]))
            else:
                insert_item(reports, _sorted_position(reports, period), item)
        change = Change(node.source.path, measure_id, period, "tila", old, status)
        self.changes.append(change)
        return change

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

    def commit(self, *, dry_run: bool = False) -> list[Change]:
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
