"""The one sanitiser for text that comes from data and is printed: names, keys, paths, values.

The plans come from pull requests, so anything in them may be hostile. Printed as it is, a
control character could drive the terminal (ESC, BEL, OSC sequences retitle a window or hide
text), a line break could start a line of its own, and in a GitHub Actions log a line that
starts with `::` is a workflow command (`::error`, `::add-mask::`, `::stop-commands::`); the
runner also reads the older `##[command]` form anywhere in a line. Here:

* `line(text)` is for one value inside a line: every control character is shown escaped
  (`\\n`, `\\x1b`, `\\u202e`), so the value can never break out of its line;
* `block(text)` is for whole printed output: line breaks and tabs stay, every other control
  character is escaped, and no line can start (or hold) a workflow command;
* `json_text(data)` is JSON whose strings carry the same characters as `\\uXXXX` escapes;
* `no_mentions(text)` keeps `@name` from notifying anyone when Markdown is posted as a comment.

Escaped text is printable, so the functions are idempotent and safe to apply twice.
"""

from __future__ import annotations

import re
from typing import Any

# C0 and C1 controls, DEL, and the invisible characters that reorder or split what is shown:
# bidirectional overrides and isolates ("Trojan source"), the Unicode line and paragraph
# separators, and the byte order mark.
_INVISIBLE = r"\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
_CONTROL = re.compile(rf"[\x00-\x1f{_INVISIBLE}]")
_CONTROL_IN_BLOCK = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f{_INVISIBLE}]|\r(?!\n)")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# a workflow command: `::name` at the start of a line, after any whitespace (the runner trims
# it); the legacy form `##[name` anywhere. In a value, `::` after a space counts too: a table
# that wraps the value may start a line there.
_COMMAND_START = re.compile(r"^([^\S\n]*):(?=:)", re.M)
_COMMAND_IN_VALUE = re.compile(r"(?:^|(?<=\s)):(?=:)")
_LEGACY_COMMAND = re.compile(r"##\[")
_MENTION = re.compile(r"(?<![\w@])@(?=[A-Za-z0-9])")
WORD_JOINER = "\u2060"


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _no_commands(text: str) -> str:
    text = _COMMAND_START.sub(lambda m: m.group(1) + "\\:", text)
    return _LEGACY_COMMAND.sub("#\\#[", text)


def line(text: object) -> str:
    """One value for a line of output: control characters (line breaks included) escaped, and
    no workflow command at its start or after a space."""
    escaped = _CONTROL.sub(_escape, str(text))
    return _no_commands(_COMMAND_IN_VALUE.sub("\\:", escaped))


def block(text: str) -> str:
    """Printed output of many lines: line breaks (LF, CRLF) and tabs kept, every other control
    character escaped, and no line can start a workflow command."""
    return _no_commands(_CONTROL_IN_BLOCK.sub(_escape, text))


def excerpt(text: object, limit: int = 60) -> str:
    """A short, sanitised quotation of unknown content: at most `limit` characters."""
    shown = line(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


_JSON_UNSAFE = re.compile(f"[{_INVISIBLE}]")


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """JSON as `json.dumps` writes it (UTF-8 text kept readable), with the characters above
    written as `\\uXXXX` escapes: the same data for a program, inert in a terminal (and left
    as it is by `block`)."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    return text.replace("##[", "#\\u0023[")


def no_mentions(text: str) -> str:
    """`@name` with an invisible word joiner after the `@`: shown the same, notifies no one."""
    return _MENTION.sub("@" + WORD_JOINER, text)
