"""All YAML goes through here: bounded reading, one fast pass for data and positions.

The files come from pull requests, so reading is bounded before YAML is parsed: only regular
files, at most `MAX_FILE_BYTES`, and an unresolved merge conflict is refused at its line.
Parsing takes libyaml's events (ruamel.yaml's C parser) and builds plain dicts, lists and
scalars itself, with ruamel.yaml's YAML 1.2 rules for what a plain scalar is: iteratively, so
nesting is limited (`MAX_DEPTH`) instead of exhausting the stack, and with the line and column
of every value noted on the way, so an error's position costs no second parse (`Positions`).
No aliases, no tags that construct objects, no duplicate keys.

`RoundTrip` (ruamel.yaml's round-trip loader and dumper) is the editor's fallback for layouts
its surgical text edits do not handle (`yaml_edit.py`).
"""

from __future__ import annotations

import functools
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

from jarjesto_cli.domain.keypaths import KeyPath
from jarjesto_cli.errors import PlanFileError, Problem

MAX_FILE_BYTES = 10_000_000  # the real plans are 50 kB; 100 times them is under 4 MB
MAX_DEPTH = 32  # plans need fewer than 20 levels of nesting
MAX_KEY_LENGTH = 100  # the plans' keys are single words; a longer one is quoted in errors


def _roundtrip_yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines on write
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def read_text(path: Path) -> str:
    """Read a YAML file as UTF-8 (a BOM is fine), at most `MAX_FILE_BYTES`; a folder, a FIFO or
    device, an empty, binary, over-large or otherwise encoded file is a clear error."""
    return decode(path, read_bounded(path))


def read_bounded(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, refusing anything else and anything over `limit` without
    reading it: a FIFO would block, a device never end, a huge file fill the memory."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise PlanFileError(Problem(path, "is a directory, not a YAML file")) from None
    except OSError as exc:
        raise PlanFileError(
            Problem(
                path,
                f"cannot be read: {exc.strerror or exc}",
                hint="check the path and permissions",
            )
        ) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise PlanFileError(Problem(path, "is a directory, not a YAML file"))
        if not stat.S_ISREG(info.st_mode):
            raise PlanFileError(
                Problem(
                    path,
                    f"is not a regular file (it is {_file_kind(info.st_mode)})",
                    hint="plans are ordinary text files; remove it or give another path",
                )
            )
        if info.st_size > limit:
            raise too_large(path, info.st_size, limit)
        raw = fh.read(limit + 1)
    if len(raw) > limit:  # the file grew while it was read
        raise too_large(path, len(raw), limit)
    return raw


def too_large(path: Path, size: int, limit: int) -> PlanFileError:
    return PlanFileError(
        Problem(
            path,
            f"is {_megabytes(size)}; a YAML file may be at most {_megabytes(limit)}",
            line=1,
            hint="split the plan into several files (a plan is usually well under 1 MB)",
        )
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size} bytes"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 text (a BOM is fine) of a file's bytes; empty, binary, over-large (more than
    `MAX_FILE_BYTES`) or otherwise encoded contents are errors."""
    if len(raw) > MAX_FILE_BYTES:
        raise too_large(path, len(raw), MAX_FILE_BYTES)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise PlanFileError(
            Problem(
                path,
                "is a binary file, not YAML text",
                line=line,
                hint="save the plan as UTF-8 text",
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PlanFileError(
            Problem(
                path,
                f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                line=line,
                column=column,
                hint="save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8)",
            )
        ) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise PlanFileError(
            Problem(
                path, "is empty", line=1, hint="a plan needs at least `id`, `nimi` and `tavoitteet`"
            )
        )
    return text


def _yaml_problem(path: Path, text: str, exc: Exception) -> Problem:
    """Turn a ruamel.yaml error into a Problem with the line and column of the fault."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    context = getattr(exc, "context", None)
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    if type(exc).__name__ == "DuplicateKeyError":
        key = problem.removeprefix("found duplicate key ").split(" with value")[0]
        message = f"the key {key} appears twice in the same mapping"
        hint = "each key may appear only once; merge the two or remove one"
    elif "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip(" '")
        message = f"YAML tags are not allowed (found {tag})"
        hint = "remove the tag; plans hold plain text, numbers, lists and mappings only"
    elif line is not None and column is not None and _char(text, line, column) == "\t":
        message = "a tab character is used for indentation or spacing"
        hint = "use spaces only (2 spaces per level); most editors can convert tabs to spaces"
    elif "mapping values are not allowed" in problem and (found := _colon_in_text(text, line)):
        message, hint = found
    else:
        message = f"YAML syntax error: {context + ': ' if context else ''}{problem}"
        if context_mark is not None and mark is not None and context_mark.line != mark.line:
            message += f" (the construct starts at line {context_mark.line + 1})"
        hint = "check the indentation, the colon after each key, and that quotes are closed"
    return Problem(path, message, line=line, column=column, hint=hint)


def _colon_in_text(text: str, line: int | None) -> tuple[str, str] | None:
    """`teksti: Verkostot: toimivat hyvin`: the message says to quote the text (messages.py)."""
    from jarjesto_cli.files.messages import colon_in_text

    lines = text.splitlines()
    if line is None or not 0 < line <= len(lines) or len(lines[line - 1]) > MAX_QUOTED_LINE:
        return None  # the fix quotes the line: only a line of reasonable length is echoed
    return colon_in_text(lines[line - 1])


MAX_QUOTED_LINE = 300


def _char(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def parse(path: Path, text: str) -> Any:
    """Parse YAML text into plain Python data; any YAML problem becomes a PlanFileError."""
    return parse_with_positions(path, text)[0]


def parse_with_positions(path: Path, text: str) -> tuple[Any, Positions]:
    """The data of a YAML text and where each of its values sits, in one bounded pass.

    Before parsing, unresolved merge conflicts and over-large texts are refused; while parsing,
    nesting deeper than `MAX_DEPTH`, aliases, tags, duplicate and over-long keys and numbers
    that cannot be read are errors at their line. The parse is iterative, so no input can
    exhaust the stack.
    """
    if len(text) > MAX_FILE_BYTES:
        raise too_large(path, len(text.encode("utf-8")), MAX_FILE_BYTES)
    _refuse_conflict_markers(path, text)
    builder = _Builder(path, text)
    return builder.data, Positions(text, builder.data, builder.marks)


def load(path: Path) -> Any:
    """Read and parse one YAML file."""
    return parse(path, read_text(path))


_CONFLICT_MARKER = re.compile(r"^(?:<{7}|>{7}|\|{7})(?:[ \t].*)?\r?$|^={7}[ \t]*\r?$", re.M)


def _refuse_conflict_markers(path: Path, text: str) -> None:
    """git's `<<<<<<<`, `=======`, `>>>>>>>` at the start of a line are an unresolved merge,
    wherever they are: YAML may well read them as part of a text."""
    found = _CONFLICT_MARKER.search(text)
    if found is None:
        return
    marker = found.group(0).strip()[:7]
    raise PlanFileError(
        Problem(
            path,
            f"unresolved merge conflict: a line starts with the git conflict marker '{marker}'",
            line=text.count("\n", 0, found.start()) + 1,
            column=1,
            hint="keep the right lines between <<<<<<< and >>>>>>> and remove the marker "
            "lines, then commit the resolved file",
        )
    )


# --- the one-pass loader ------------------------------------------------------------------------

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


@functools.cache
def implicit_types(version: tuple[int, int]) -> dict[str, list[tuple[str, Any]]]:
    """ruamel.yaml's own implicit-type rules for a YAML version: first character → (tag,
    match function), the patterns compiled once."""
    from ruamel.yaml.resolver import implicit_resolvers

    table: dict[str, list[tuple[str, Any]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if version in versions:
            match = re.compile(regexp.pattern, regexp.flags).match
            for char in first:
                table.setdefault(char, []).append((tag, match))
    return table


def event_source(text: str) -> Any:
    """A function giving the parse events of `text` one by one, then None: libyaml's (through
    ruamel.yaml.clib) when it is installed."""
    from ruamel.yaml import main

    parser_class = getattr(main, "CParser", None)
    if parser_class is None:  # pragma: no cover - the C parser is a dependency; this is a fallback
        from ruamel.yaml import YAML

        events = iter(YAML(typ="safe", pure=True).parse(text))
        return lambda: next(events, None)
    return parser_class(text).get_event


class _Builder:
    """Builds plain data (dicts, lists, scalars) from the parse events, with the line and column
    of every key and value (`marks`, by the id of each dict and list)."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.version: tuple[int, int] = (1, 2)
        self.marks: dict[int, tuple[int, int, list[tuple[int, ...]]]] = {}
        self.data: Any = None
        from ruamel.yaml.error import YAMLError

        try:
            self._run()
        except YAMLError as exc:
            raise PlanFileError(_yaml_problem(path, text, exc)) from None

    def _problem(self, mark: Any, message: str, hint: str) -> PlanFileError:
        return PlanFileError(
            Problem(self.path, message, line=mark.line + 1, column=mark.column + 1, hint=hint)
        )

    def _run(self) -> None:
        # The hot loop of every command: one step per event, kept flat and local on purpose.
        from ruamel.yaml import events as ev

        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        map_start, seq_start = ev.MappingStartEvent, ev.SequenceStartEvent
        map_end, seq_end = ev.MappingEndEvent, ev.SequenceEndEvent
        document_start = ev.DocumentStartEvent
        no_key, max_depth = _NO_KEY, MAX_DEPTH
        all_marks = self.marks
        resolvers = implicit_types(self.version)
        get = event_source(self.text)
        # a frame: [container, is a mapping, the key waiting for its value, key's mark, marks]
        stack: list[list[Any]] = []
        frame: list[Any] | None = None
        documents = 0
        root: Any = None
        while True:
            event = get()
            if event is None:
                break
            kind = type(event)
            if kind is scalar_event:
                value = event.value
                node: Any = value
                if event.tag is not None:
                    node = self._tagged(event)
                elif event.implicit[0]:
                    for tag, match in resolvers.get(value[:1], ()):
                        if match(value):
                            node = self._constructed(event, tag)
                            break
                mark = event.start_mark
                if frame is None:
                    root = node
                elif not frame[1]:
                    frame[4].append((mark.line, mark.column))
                    frame[0].append(node)
                elif frame[2] is no_key:
                    self._check_key(node, mark, frame[0])
                    frame[2], frame[3] = node, mark
                else:
                    key_mark = frame[3]
                    frame[4].append((key_mark.line, key_mark.column, mark.line, mark.column))
                    frame[0][frame[2]] = node
                    frame[2] = no_key
            elif kind is map_start or kind is seq_start:
                mark = event.start_mark
                if len(stack) >= max_depth:
                    raise self._problem(
                        mark,
                        f"is nested more than {max_depth} levels deep",
                        "plans need fewer than 20 levels; check the brackets and the indentation",
                    )
                if event.tag is not None:
                    self._refuse_tag(event)
                container: Any = {} if kind is map_start else []
                marks: list[tuple[int, ...]] = []
                all_marks[id(container)] = (mark.line, mark.column, marks)
                if frame is not None:
                    self._note_position(frame, mark)
                frame = [container, kind is map_start, no_key, None, marks]
                stack.append(frame)
            elif kind is map_end or kind is seq_end:
                node = stack.pop()[0]
                frame = stack[-1] if stack else None
                if frame is None:
                    root = node
                elif frame[1]:
                    frame[0][frame[2]] = node  # its position was noted when it started
                    frame[2] = no_key
                else:
                    frame[0].append(node)
            elif kind is alias_event:
                raise self._problem(
                    event.start_mark,
                    "YAML anchors and aliases (&name / *name) are not allowed",
                    "write the content out in full where it is needed",
                )
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    raise self._problem(
                        event.start_mark,
                        "a second YAML document (`---`) in the file",
                        "keep one plan per file, without `---` between parts",
                    )
                major, minor = event.version or (1, 2)
                self.version = (int(major), int(minor))
                resolvers = implicit_types(self.version)
        self.data = root

    def _note_position(self, frame: list[Any], mark: Any) -> None:
        """Where a list or mapping inside `frame` starts: for a mapping, beside its key's."""
        if not frame[1]:
            frame[4].append((mark.line, mark.column))
        elif frame[2] is _NO_KEY:
            raise self._problem(
                mark, "a key is a list or a mapping", "keys are plain words followed by a colon"
            )
        else:
            key_mark = frame[3]
            frame[4].append((key_mark.line, key_mark.column, mark.line, mark.column))

    def _check_key(self, key: Any, mark: Any, mapping: dict[Any, Any]) -> None:
        if isinstance(key, str) and len(key) > MAX_KEY_LENGTH:
            raise self._problem(
                mark,
                f"a key of {len(key)} characters (at most {MAX_KEY_LENGTH})",
                "keys are short words such as `nimi:`; check the indentation and the colons",
            )
        try:
            duplicate = key in mapping
        except TypeError:
            raise self._problem(
                mark, "a key cannot be a list or a mapping", "keys are plain words"
            ) from None
        if duplicate:
            raise self._problem(
                mark,
                f'the key "{key}" appears twice in the same mapping',
                "each key may appear only once; merge the two or remove one",
            )

    def _refuse_tag(self, event: Any) -> None:
        tag = event.tag
        if tag in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            return
        raise self._problem(
            event.start_mark,
            f"YAML tags are not allowed (found {tag})",
            "remove the tag; plans hold plain text, numbers, lists and mappings only",
        )

    def _tagged(self, event: Any) -> Any:
        """A scalar with an explicit tag: the plain types' tags are allowed, no other."""
        tag = event.tag
        if tag == "!":
            return event.value
        if tag not in _ALLOWED_TAGS:
            raise self._problem(
                event.start_mark,
                f"YAML tags are not allowed (found {tag})",
                "remove the tag; plans hold plain text, numbers, lists and mappings only",
            )
        return self._constructed(event, tag)

    def _constructed(self, event: Any, tag: str) -> Any:
        try:
            return _construct(tag, event.value, self.version)
        except ValueError as exc:
            raise self._problem(
                event.start_mark,
                f"cannot read {_short(event.value)} as a number: {_short(str(exc))}",
                "write the number in plain digits, or quote it as text",
            ) from None


def _short(text: str, limit: int = 40) -> str:
    """A short quotation of what the file holds (the output layer escapes what it prints)."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class _NoKey:
    """The state of a mapping between a value and the next key."""


_NO_KEY = _NoKey()


def _construct(tag: str, value: str, version: tuple[int, int]) -> Any:
    """A resolved scalar as ruamel.yaml's safe loader builds it."""
    kind = tag.rsplit(":", 1)[-1]
    if kind == "str" or kind in ("merge", "value"):
        return value
    if kind == "null":
        return None
    if kind == "bool":
        return _BOOLEANS[value.lower()]
    if kind == "int":
        return _integer(value, version)
    if kind == "float":
        return _float(value, version)
    if kind == "timestamp":
        return _timestamp(value)
    return value


_BOOLEANS = {
    "yes": True,
    "no": False,
    "y": True,
    "n": False,
    "true": True,
    "false": False,
    "on": True,
    "off": False,
}
# Python reads at most 4 300 digits; a plan's numbers have a handful (the models refuse anything
# beyond 10^15 with its key and line)
MAX_DIGITS = 4_000


def _integer(value: str, version: tuple[int, int]) -> int:
    text = value.replace("_", "")
    sign = -1 if text[0] == "-" else 1
    if text[0] in "+-":
        text = text[1:]
    if len(text) > MAX_DIGITS + 2:
        raise ValueError(f"{len(text)} digits is too many")
    if text == "0":
        return 0
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if text.startswith("0o"):
        return sign * int(text[2:], 8)
    if version == (1, 1) and text[0] == "0":
        return sign * int(text, 8)
    if version == (1, 1) and ":" in text:
        total = 0
        for part in text.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(text)


def _float(value: str, version: tuple[int, int]) -> float:
    text = value.replace("_", "").lower()
    sign = -1 if text[0] == "-" else 1
    if text[0] in "+-":
        text = text[1:]
    if text == ".inf":
        return sign * math.inf
    if text == ".nan":
        return math.nan
    if version != (1, 2) and ":" in text:
        total = 0.0
        for part in text.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(text)


def _timestamp(value: str) -> Any:
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.nodes import ScalarNode

    return SafeConstructor().construct_yaml_timestamp(
        ScalarNode("tag:yaml.org,2002:timestamp", value)
    )


class Positions:
    """Line and column of any key path in one file, noted while it was parsed.

    `release` drops them (and the data they refer to) once the plans are loaded and checked;
    a later question parses the text again.
    """

    def __init__(
        self,
        text: str,
        data: Any = None,
        marks: dict[int, tuple[int, int, list[tuple[int, ...]]]] | None = None,
    ) -> None:
        self._text = text
        self._data = data
        self._marks = marks

    def _parsed(self) -> tuple[Any, dict[int, tuple[int, int, list[tuple[int, ...]]]]]:
        if self._marks is None:
            try:
                builder = _Builder(Path("-"), self._text)
                self._data, self._marks = builder.data, builder.marks
            except PlanFileError:
                self._data, self._marks = None, {}
        return self._data, self._marks

    def release(self) -> None:
        self._data = self._marks = None

    @property
    def data(self) -> Any:
        """The data as parsed (parsed again after `release`)."""
        return self._parsed()[0]

    def locate(self, keypath: KeyPath, *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based (line, column) of the value at `keypath`, or of its key when `key` is true.

        A path that goes further than the file (a missing key) gives the deepest existing node.
        """
        node, marks = self._parsed()
        found = marks.get(id(node)) if node is not None else None
        if found is None:
            return None, None
        where: tuple[int, int] = (found[0], found[1])
        for depth, step in enumerate(keypath):
            last = depth == len(keypath) - 1
            entry = marks.get(id(node))
            if entry is None:
                break
            entries = entry[2]
            if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                if step < len(entries):
                    where = entries[step][0], entries[step][1]
                node = node[step]
            elif isinstance(node, dict) and (matched := _key_in(node, step)) is not _NO_KEY:
                index = list(node).index(matched)
                if index < len(entries):
                    kl, kc, vl, vc = entries[index]
                    where = (kl, kc) if key and last else (vl, vc)
                node = node[matched]
            else:
                break
        return where[0] + 1, where[1] + 1


def _key_in(mapping: dict[Any, Any], step: Any) -> Any:
    """The key of `mapping` that `step` names (a number key given as text matches too)."""
    if step in mapping:
        return step
    for key in mapping:
        if str(key) == str(step):
            return key
    return _NO_KEY


# --- round-trip editing -------------------------------------------------------------------------


class RoundTrip:
    """One file loaded for editing: comments, key order, quoting and indentation are kept.

    The indentation style and the line ends (LF or CRLF) are detected from the file, so writing
    back an unchanged document gives the same text; `reproduces` says whether that holds here.
    """

    def __init__(self, path: Path, text: str) -> None:
        from ruamel.yaml.error import YAMLError

        self.path = path
        self.crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")  # the dumper writes "\n"; dump() puts CRLF back
        self.text = text
        self.reproduces = False
        try:
            for mapping, sequence, offset in _indent_candidates(text):
                yaml = _roundtrip_yaml(mapping, sequence, offset)
                data = yaml.load(text)
                if _dump(yaml, data) == text:
                    self.reproduces = True
                    break
            else:
                yaml = _roundtrip_yaml()
                data = yaml.load(text)
        except YAMLError as exc:
            raise PlanFileError(_yaml_problem(path, text, exc)) from None
        self._yaml = yaml
        self.data: Any = data

    def dump(self) -> str:
        """The document as text, with the file's own line ends."""
        text = _dump(self._yaml, self.data)
        return text.replace("\n", "\r\n") if self.crlf else text

    @property
    def original(self) -> str:
        """The text as read, with the file's own line ends."""
        return self.text.replace("\n", "\r\n") if self.crlf else self.text


def _dump(yaml: Any, data: Any) -> str:
    import io

    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _indent_candidates(text: str) -> list[tuple[int, int, int]]:
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _, sequence, offset = load_yaml_guess_indent(text)
    except Exception:  # noqa: BLE001 - a guess only; the candidates below still apply
        sequence, offset = 4, 2
    sequence = sequence or 2
    offset = offset or 0
    guessed = (max(sequence - offset, 2), sequence, offset)
    candidates = [guessed, (2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1)]
    return list(dict.fromkeys(candidates))
