"""Editing YAML text surgically at known positions, the way a person would type the change.

The editor's changes are of two kinds (`SetKeys`, `InsertItem`). Here they become splices of
the file's text: the node to change is found by its key path in one pass over libyaml's events
(which carry each node's position), and only the lines of the change are written; everything
else — comments, quoting, blank lines, line ends — stays byte for byte. Values are written the
way the files write them: plain where that reads back the same, a literal block (`|`) for text
of several lines, double quotes otherwise.

A layout this does not handle (a flow mapping `{…}` or list `[…]` to add to, a key sharing its
line with another) raises `CannotEdit`; the editor then falls back to ruamel.yaml's round trip.
The editor checks every result by parsing it again and comparing the data with what was meant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jarjesto_cli.domain.keypaths import KeyPath
from jarjesto_cli.errors import PlanFileError


class CannotEdit(Exception):
    """The surgical edit does not handle this layout (the caller falls back to a round trip)."""


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE: Any = _Delete()  # as a value in `SetKeys.values`: remove the key


@dataclass(frozen=True)
class SetKeys:
    """Set (or with `DELETE`, remove) keys of the mapping at `at`; new keys go at its end."""

    at: KeyPath
    values: dict[str, Any]


@dataclass(frozen=True)
class InsertItem:
    """Insert `item` (a mapping) at `index` of the list under `key` of the mapping at `at`; the
    key and its list are added when it has none."""

    at: KeyPath
    key: str
    index: int
    item: dict[str, Any]


@dataclass(frozen=True)
class ReplaceItem:
    """Replace item `index` of the list under `key` of the mapping at `at` with `value`: a plain
    sub-action (a string) becomes a mapping when it gets an owner, and back again."""

    at: KeyPath
    key: str
    index: int
    value: Any  # text, or a mapping of scalars and flow collections


Op = SetKeys | InsertItem | ReplaceItem


def apply_to_data(data: Any, op: Op) -> None:
    """What the change means for the data (the editor compares the written file with this)."""
    mapping = _walk(data, op.at)
    if isinstance(op, SetKeys):
        for key, value in op.values.items():
            if value is DELETE:
                mapping.pop(key, None)
            else:
                mapping[key] = value
    elif isinstance(op, ReplaceItem):
        value = op.value
        mapping[op.key][op.index] = dict(value) if isinstance(value, dict) else value
    else:
        items = mapping.setdefault(op.key, [])
        items.insert(op.index, dict(op.item))


def _walk(data: Any, keypath: KeyPath) -> Any:
    for step in keypath:
        data = data[step]
    return data


# --- where things are: the nodes under given key paths -------------------------------------------


@dataclass
class Node:
    """A node of the text: where it starts and ends (character offsets) and what is inside."""

    kind: str  # "scalar", "map" or "seq"
    start: int
    end: int  # after its last character; a block collection ends where its last value ends
    line: int  # 0-based, of `start`
    column: int
    flow: bool = False
    style: str = ""  # a scalar's: "" plain, '"', "'", "|", ">"
    entries: list[tuple[Any, Node, Node]] = field(default_factory=list)  # (key, key, value)
    items: list[Node] = field(default_factory=list)

    def entry(self, key: str) -> tuple[Node, Node] | None:
        for name, key_node, value in self.entries:
            if name == key:
                return key_node, value
        return None


def nodes_at(text: str, keypaths: list[KeyPath]) -> dict[KeyPath, Node]:
    """The nodes (with everything inside them) at the given key paths, in one pass. Lists and
    mappings off the way to them are skipped by counting their events only."""
    from ruamel.yaml import events as ev

    from jarjesto_cli.files.yaml_io import event_source

    starts = (ev.MappingStartEvent, ev.SequenceStartEvent)
    ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
    wanted = {tuple(k) for k in keypaths}
    on_the_way = {k[:i] for k in wanted for i in range(len(k) + 1)}
    found: dict[KeyPath, Node] = {}
    # a frame: [path of the collection, is a mapping, next key or index, Node being built or None]
    stack: list[list[Any]] = []
    building: list[Node] = []  # the nodes inside a wanted one, innermost last
    pending_key: list[Any] = []  # per building mapping: the key node waiting for its value
    get = event_source(text)
    while (event := get()) is not None:
        kind = type(event)
        if kind is ev.StreamEndEvent:
            break
        if kind is ev.AliasEvent:
            raise CannotEdit("an alias")
        if kind in ends:
            frame = stack.pop()
            node = frame[3]
            if node is not None:
                building.pop()
                pending_key.pop()
                if node.flow:
                    node.end = event.end_mark.index
                _finish(node)
                _place(building, pending_key, node)
            _advance(stack)
            if len(found) == len(wanted) and not building:
                break
            continue
        if kind not in starts and kind is not ev.ScalarEvent:
            continue  # stream and document events
        path, is_key = _path_of(stack)
        mark = event.start_mark
        if kind in starts:
            if not building and path not in on_the_way:
                _skip(get, starts, ends, ev.AliasEvent)
                _advance(stack)
                continue
            is_map = kind is ev.MappingStartEvent
            node = None
            if path in wanted or building:
                node = Node(
                    "map" if is_map else "seq",
                    mark.index,
                    mark.index,
                    mark.line,
                    mark.column,
                    flow=bool(event.flow_style),
                )
                if path in wanted:
                    found[path] = node
                building.append(node)
                pending_key.append(None)
            stack.append([path, is_map, 0 if not is_map else None, node])
            continue
        # a scalar
        scalar = Node(
            "scalar",
            mark.index,
            event.end_mark.index,
            mark.line,
            mark.column,
            style=event.style or "",
        )
        if is_key:
            stack[-1][2] = event.value
            if building and stack[-1][3] is not None:
                pending_key[-1] = (event.value, scalar)
            continue
        if path in wanted:
            found[path] = scalar
        if building and stack and stack[-1][3] is not None:
            _place(building, pending_key, scalar)
        _advance(stack)
        if len(found) == len(wanted) and not building:
            break
    missing = wanted - set(found)
    if missing:
        raise CannotEdit(f"no node at {sorted(missing, key=str)[0]}")
    return found


def _skip(get: Any, starts: Any, ends: Any, alias: Any) -> None:
    """Consume the events of a list or mapping that has just started, to its end."""
    depth = 1
    while depth:
        kind = type(get())
        if kind in starts:
            depth += 1
        elif kind in ends:
            depth -= 1
        elif kind is alias:
            raise CannotEdit("an alias")


def _path_of(stack: list[list[Any]]) -> tuple[KeyPath, bool]:
    """The key path of the next node, and whether it is a mapping's key."""
    if not stack:
        return (), False
    path, is_map, step, _ = stack[-1]
    if is_map:
        if step is None:
            return path, True
        return (*path, step), False
    return (*path, step), False


def _advance(stack: list[list[Any]]) -> None:
    """A value is done: a mapping waits for its next key, a list counts on."""
    if not stack:
        return
    frame = stack[-1]
    if frame[1]:
        frame[2] = None
    else:
        frame[2] += 1


def _place(building: list[Node], pending_key: list[Any], node: Node) -> None:
    if not building:
        return
    parent = building[-1]
    if parent.kind == "seq":
        parent.items.append(node)
    else:
        name, key_node = pending_key[-1]
        parent.entries.append((name, key_node, node))
        pending_key[-1] = None


def _finish(node: Node) -> None:
    """A block collection ends where its last value ends."""
    if node.flow:
        return
    last = node.items[-1] if node.kind == "seq" and node.items else None
    if node.kind == "map" and node.entries:
        last = node.entries[-1][2]
    if last is not None:
        node.end = last.end


# --- the text changes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Splice:
    start: int
    end: int
    text: str


def apply(text: str, ops: list[Op]) -> str:
    """The text with every change made; `CannotEdit` when a layout is not handled."""
    targets = list(dict.fromkeys(op.at for op in ops))
    found = nodes_at(text, targets)
    newline = "\r\n" if "\r\n" in text else "\n"
    style = _Style.of(text)
    splices: list[Splice] = []
    for op in ops:
        node = found[op.at]
        if node.kind != "map" or node.flow:
            raise CannotEdit("not a block mapping")
        if isinstance(op, SetKeys):
            splices += _set_keys(text, node, op.values, newline, style)
        elif isinstance(op, ReplaceItem):
            splices.append(_replace_item(text, node, op, newline, style))
        else:
            splices += _insert_item(text, node, op, newline, style)
    return _spliced(text, splices)


def _spliced(text: str, splices: list[Splice]) -> str:
    ordered = sorted(enumerate(splices), key=lambda p: (p[1].start, p[1].end, p[0]))
    out: list[str] = []
    at = 0
    for _, splice in ordered:
        if splice.start < at:
            raise CannotEdit("two changes overlap")
        out.append(text[at : splice.start])
        out.append(splice.text)
        at = splice.end
    out.append(text[at:])
    return "".join(out)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after_line(text: str, index: int) -> int:
    """The start of the line after the one holding the character before `index` (the end of a
    value): an end-of-line comment stays on its line, the blank lines after it stay after."""
    last = index - 1
    while last > 0 and text[last] in " \t\r\n":
        last -= 1
    newline = text.find("\n", last)
    return len(text) if newline == -1 else newline + 1


def _ending(text: str, index: int, newline: str) -> str:
    """What must come first when inserting at `index`: a line break if the file does not end
    with one."""
    return newline if index == len(text) and text and not text.endswith("\n") else ""


def _set_keys(
    text: str, mapping: Node, values: dict[str, Any], newline: str, style: _Style
) -> list[Splice]:
    splices: list[Splice] = []
    new_lines: list[str] = []
    key_column = mapping.entries[0][1].column if mapping.entries else mapping.column
    for key, value in values.items():
        found = mapping.entry(key)
        if value is DELETE:
            if found is not None:
                splices.append(_delete_key(text, mapping, key, newline))
            continue
        if found is None:
            new_lines += _key_lines(key, value, key_column, newline, style)
            continue
        key_node, old = found
        if old.kind != "scalar" and not old.flow:
            raise CannotEdit("replacing a block list or mapping")
        rendered = render(value, key_column + style.mapping, newline)
        end = old.end
        if old.style in ("|", ">"):
            end = _after_line(text, old.end) - len(newline)  # keep the blank lines after it
        splices.append(Splice(old.start, end, rendered))
    if new_lines:
        at = _after_line(text, mapping.end)
        splices.append(Splice(at, at, _ending(text, at, newline) + "".join(new_lines)))
    return splices


def _delete_key(text: str, mapping: Node, key: str, newline: str) -> Splice:
    names = [name for name, _, _ in mapping.entries]
    index = names.index(key)
    key_node, value = mapping.entries[index][1], mapping.entries[index][2]
    first_on_line = not text[_line_start(text, key_node.start) : key_node.start].strip()
    if first_on_line:
        return Splice(_line_start(text, key_node.start), _after_line(text, value.end), "")
    if index + 1 < len(mapping.entries):  # `- key: …` on the dash's line: the next key moves up
        return Splice(key_node.start, mapping.entries[index + 1][1].start, "")
    raise CannotEdit("removing the only key of a line")


def _insert_item(
    text: str, mapping: Node, op: InsertItem, newline: str, style: _Style
) -> list[Splice]:
    found = mapping.entry(op.key)
    if found is None:
        key_column = mapping.entries[0][1].column if mapping.entries else mapping.column
        at = _after_line(text, mapping.end)
        lines = [" " * key_column + op.key + ":" + newline]
        lines += _item_lines(op.item, key_column + style.sequence, 2, newline, style)
        return [Splice(at, at, _ending(text, at, newline) + "".join(lines))]
    _, items = found
    if items.kind != "seq" or items.flow or not items.items:
        raise CannotEdit("not a block list")
    first = items.items[0]
    dash = text.rfind("-", _line_start(text, first.start), first.start)
    if dash == -1:
        raise CannotEdit("no dash before the list's first item")
    dash_column = dash - _line_start(text, dash)
    step = max(first.column - dash_column, 2)
    lines = _item_lines(op.item, dash_column, step, newline, style)
    if op.index < len(items.items):
        at = _above_comments(text, _line_start(text, items.items[op.index].start))
        return [Splice(at, at, "".join(lines))]
    at = _after_line(text, items.end)
    return [Splice(at, at, _ending(text, at, newline) + "".join(lines))]


def _replace_item(text: str, mapping: Node, op: ReplaceItem, newline: str, style: _Style) -> Splice:
    """An item of a block list typed anew where it stands: `- text` becomes `- teksti: text`
    with the other keys below it, at the same column, and the other way round."""
    found = mapping.entry(op.key)
    if found is None or found[1].kind != "seq" or found[1].flow:
        raise CannotEdit("not a block list")
    items = found[1].items
    if op.index >= len(items):
        raise CannotEdit("no such item")
    item = items[op.index]
    inner = item.entries if item.kind == "map" else []
    if item.style in ("|", ">") or item.kind == "seq" or item.flow:
        raise CannotEdit("an item in a layout not handled")
    if any(
        value.style in ("|", ">") or value.kind != "scalar" and not value.flow
        for *_, value in inner
    ):
        raise CannotEdit("an item with a block inside")
    if isinstance(op.value, dict):
        lines: list[str] = []
        for key, value in op.value.items():
            lines += _key_lines(key, value, item.column, newline, style)
        rendered = "".join(lines)[item.column :].removesuffix(newline)
    else:
        rendered = render(op.value, item.column + style.mapping, newline)
    return Splice(item.start, item.end, rendered)


def _above_comments(text: str, line_start: int) -> int:
    """Full-line comments right above an item belong to it: a new item goes above them."""
    at = line_start
    while at > 0:
        previous = _line_start(text, at - 1)
        if not text[previous:at].lstrip().startswith("#"):
            break
        at = previous
    return at


def _item_lines(
    item: dict[str, Any], dash_column: int, step: int, newline: str, style: _Style
) -> list[str]:
    """`- key: value` lines of a new list item (its keys `step` to the right of the dash)."""
    lines: list[str] = []
    column = dash_column + step
    for index, (key, value) in enumerate(item.items()):
        part = _key_lines(key, value, column, newline, style)
        if index == 0:
            part[0] = " " * dash_column + "-" + " " * (step - 1) + part[0][column:]
        lines += part
    return lines


def _key_lines(key: str, value: Any, column: int, newline: str, style: _Style) -> list[str]:
    rendered = render(value, column + style.mapping, newline)
    return [" " * column + f"{key}: {rendered}{newline}"]


# --- values as the files write them -------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    """How far the file indents a nested mapping and a list under its key."""

    mapping: int = 2
    sequence: int = 2

    @classmethod
    def of(cls, text: str) -> _Style:
        lists = [
            len(m.group(2)) - len(m.group(1)) for m in _LIST_UNDER_KEY.finditer(text[:200_000])
        ]
        maps = [len(m.group(2)) - len(m.group(1)) for m in _MAP_UNDER_KEY.finditer(text[:200_000])]
        return cls(_most(maps, 2, low=1), _most(lists, 2, low=0))


_LIST_UNDER_KEY = re.compile(r"^( *)[^\s#-][^:\n#]*:[ \t]*\r?\n( *)- ", re.M)
_MAP_UNDER_KEY = re.compile(r"^( *)[^\s#-][^:\n#]*:[ \t]*\r?\n( *)[^\s#-][^:\n#]*:", re.M)


def _most(values: list[int], default: int, *, low: int) -> int:
    usable = [v for v in values if v >= low]
    return max(set(usable), key=usable.count) if usable else default


_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_PLAIN_BAD = re.compile(r": |:$| #|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|[,\[\]{}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")  # not tab or \n
_DOUBLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def render(value: Any, indent: int, newline: str = "\n") -> str:
    """A value as YAML text after `key: ` (a literal block's lines at `indent`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if _reads_back(text, value) else f"{value:.17g}"
    if isinstance(value, list | dict):
        return _flow(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()  # `päivä: 2027-05-26`, read back as a date
    if not isinstance(value, str):
        raise CannotEdit(f"a value of type {type(value).__name__}")
    if "\n" in value.strip("\n"):
        block = _literal(value, indent, newline)
        if block is not None and _reads_back(block, value, indent):
            return block
    if (
        _PLAIN_START.match(value)
        and not _PLAIN_BAD.search(value)
        and value == value.strip()
        and not _typed_in_yaml_1_1(value)
    ):
        if _reads_back(value, value):
            return value
    return _double_quoted(value)


def _flow(value: list[Any] | dict[str, Any]) -> str:
    """A short list or mapping of scalars on one line, as the plans write them:
    `vastuu: [hyte-tiimi, viestinta]`, `aikataulu: {alku: 2026-H2, loppu: 2027}`."""
    if isinstance(value, list):
        rendered = "[" + ", ".join(_flow_scalar(v) for v in value) + "]"
    else:
        rendered = "{" + ", ".join(f"{k}: {_flow_scalar(v)}" for k, v in value.items()) + "}"
    if not _reads_back(rendered, value):
        raise CannotEdit("a flow collection that does not read back")
    return rendered


def _flow_scalar(value: Any) -> str:
    if isinstance(value, list | dict):
        raise CannotEdit("a nested collection")
    return (
        render(value, 2)
        if not isinstance(value, str) or "\n" not in value
        else _double_quoted(value)
    )


def _typed_in_yaml_1_1(value: str) -> bool:
    """Whether YAML 1.1 (other tools, older editors) would read `value` as something other
    than text (`yes`, `on`, `0777`): it is then quoted, although the tool reads YAML 1.2."""
    from jarjesto_cli.files.yaml_io import implicit_types

    return any(match(value) for _, match in implicit_types((1, 1)).get(value[:1], ()))


def _literal(value: str, indent: int, newline: str) -> str | None:
    """`|` and the lines, for text that ends with one line break (as the editor stores it)."""
    if not value.endswith("\n") or value.endswith("\n\n") or value.startswith((" ", "\n")):
        return None
    if _CONTROL.search(value):
        return None  # control characters: only double quotes can hold them
    lines = value[:-1].split("\n")
    body = newline.join((" " * indent + line) if line else "" for line in lines)
    return "|" + newline + body


def _double_quoted(value: str) -> str:
    out = []
    for char in value:
        if char in _DOUBLE_ESCAPES:
            out.append(_DOUBLE_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029\ufeff":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _reads_back(rendered: str, value: Any, indent: int = 2) -> bool:
    """Whether `key: <rendered>` reads back as `value` (a literal block's lines at `indent`)."""
    from jarjesto_cli.files.yaml_io import parse

    document = " " * (indent - 2) + "k: " + rendered + "\n" if indent >= 2 else "k: " + rendered
    try:
        data = parse(Path("-"), document.replace("\r\n", "\n"))
    except PlanFileError:
        return False
    return isinstance(data, dict) and data.get("k") == value and type(data["k"]) is type(value)
