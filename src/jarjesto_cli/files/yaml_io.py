"""All YAML goes through here: fast reading, line numbers on demand, round-trip writes.

Reading uses ruamel.yaml's safe loader (the C parser when `ruamel.yaml.clib` is installed): plain
dicts, lists and scalars, no tags that construct objects. Line numbers are only needed when
something is wrong, so the slower round-trip parse that keeps positions runs only then
(`Positions`). Writes (issue: `plan record`) use the round-trip loader and dumper, which keep
comments, key order and quoting.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jarjesto_cli.domain.keypaths import KeyPath
from jarjesto_cli.errors import PlanFileError, Problem


@functools.cache
def _safe_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")  # C parser when available; duplicate keys are an error
    return yaml


def _roundtrip_yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines on write
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def read_text(path: Path) -> str:
    """Read a file as UTF-8 (a BOM is fine); empty, binary or other encodings are clear errors."""
    try:
        raw = path.read_bytes()
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
    return decode(path, raw)


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 text (a BOM is fine) of a file's bytes; empty, binary or other encodings are errors."""
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
    return colon_in_text(lines[line - 1]) if line is not None and 0 < line <= len(lines) else None


def _char(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def parse(path: Path, text: str) -> Any:
    """Parse YAML text into plain Python data; any YAML problem becomes a PlanFileError."""
    from ruamel.yaml.error import YAMLError

    try:
        data = _safe_yaml().load(text)
    except YAMLError as exc:
        raise PlanFileError(_yaml_problem(path, text, exc)) from None
    except RecursionError:
        raise PlanFileError(
            Problem(path, "is nested too deeply to be a plan", hint="check the indentation")
        ) from None
    _reject_shared_nodes(path, text, data)
    return data


def load(path: Path) -> Any:
    """Read and parse one YAML file."""
    return parse(path, read_text(path))


def _reject_shared_nodes(path: Path, text: str, data: Any) -> None:
    """Refuse aliases of lists and mappings (`*name`): they make "billion laughs" bombs possible.

    The walk visits each container once, so even a bomb is checked in linear time.
    """
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict | list):
            if id(node) in seen:
                line, column = _first_alias(text)
                raise PlanFileError(
                    Problem(
                        path,
                        "YAML anchors and aliases (&name / *name) are not allowed",
                        line=line,
                        column=column,
                        hint="write the content out in full where it is needed",
                    )
                )
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)


def _first_alias(text: str) -> tuple[int | None, int | None]:
    from ruamel.yaml import YAML
    from ruamel.yaml.tokens import AliasToken

    try:
        for token in YAML(typ="safe", pure=True).scan(text):
            if isinstance(token, AliasToken):
                return token.start_mark.line + 1, token.start_mark.column + 1
    except Exception:  # noqa: BLE001 - a position is a nicety; the error stands without it
        pass
    return None, None


class Positions:
    """Line and column of any key path in one file, from a round-trip parse done on first use."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Any = None
        self._parsed = False

    def _tree(self) -> Any:
        if not self._parsed:
            self._parsed = True
            try:
                self._root = _roundtrip_yaml().load(self._text)
            except Exception:  # noqa: BLE001 - the fast parse succeeded; positions are best effort
                self._root = None
        return self._root

    def locate(self, keypath: KeyPath, *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based (line, column) of the value at `keypath`, or of its key when `key` is true.

        A path that goes further than the file (a missing key) gives the deepest existing node.
        """
        node = self._tree()
        if node is None:
            return None, None
        where: tuple[int, int] | None = _node_start(node)
        for depth, step in enumerate(keypath):
            last = depth == len(keypath) - 1
            lc = getattr(node, "lc", None)
            if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
                if lc is not None:
                    where = lc.item(step)
                node = node[step]
            elif isinstance(step, str) and isinstance(node, dict) and step in node:
                if lc is not None:
                    where = lc.key(step) if key and last else lc.value(step)
                    if not (key and last) and not _has_position(node[step]):
                        where = lc.value(step)
                node = node[step]
            else:
                break
        if where is None:
            return None, None
        return where[0] + 1, where[1] + 1


def _has_position(node: Any) -> bool:
    return hasattr(node, "lc")


def _node_start(node: Any) -> tuple[int, int] | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    return (lc.line, lc.col)


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
