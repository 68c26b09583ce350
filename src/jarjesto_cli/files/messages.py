"""Pydantic's validation errors, rewritten as plain findings a planner can act on."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from jarjesto_cli.domain.finnish import parse_number
from jarjesto_cli.domain.keypaths import Key, keypath_text, place_text
from jarjesto_cli.domain.kinds import KIND_NAMES
from jarjesto_cli.domain.planset import Locator
from jarjesto_cli.errors import Problem

TAG_LISTS = {
    "mittarit"
}  # lists of a discriminated union: pydantic puts the tag into the error path


def clean_loc(loc: tuple[Any, ...], data: Any) -> tuple[Key, ...]:
    """The error's path into the YAML: drop the union tags pydantic inserts after a list index."""
    out: list[Key] = []
    node = data
    previous: Any = None
    for step in loc:
        if (
            isinstance(step, str)
            and isinstance(previous, int)
            and len(out) >= 2
            and out[-2] in TAG_LISTS
            and isinstance(node, dict)
            and node.get("tyyppi") == step
        ):
            previous = step
            continue  # the tag, not a key
        out.append(step)
        previous = step
        if isinstance(node, dict) and isinstance(step, str):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            node = None
    return tuple(out)


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold (through list, Optional, Union, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType) or (
        origin is not None and getattr(origin, "__name__", "") == "Sequence"
    ):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(root: type[BaseModel], path: tuple[Key, ...], data: Any) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path`."""
    model: type[BaseModel] | None = root
    node = data
    for step in path:
        if model is None:
            return None
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            continue
        field = next(
            (f for name, f in model.model_fields.items() if (f.alias or name) == step), None
        )
        if field is None:
            return None
        node = node.get(step) if isinstance(node, dict) else None
        candidates = _unwrap(field.annotation)
        model = _pick(candidates, node)
    return model


def _pick(candidates: list[Any], node: Any) -> type[BaseModel] | None:
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]  # type: ignore[no-any-return]
    # a discriminated union: the element's `tyyppi` decides (for a list, look at any element)
    sample = node[0] if isinstance(node, list) and node else node
    kind = sample.get("tyyppi") if isinstance(sample, dict) else None
    for cls in candidates:
        field = cls.model_fields.get("kind")
        if field is not None and kind in typing.get_args(field.annotation):
            return cls  # type: ignore[no-any-return]
    return None


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def problem_from_error(
    error: dict[str, Any], *, root: type[BaseModel], data: Any, path: Any, positions: Locator
) -> Problem:
    """One pydantic error → one Problem with the key path, line and a fix."""
    loc = clean_loc(tuple(error["loc"]), data)
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    message = str(error["msg"])
    hint = ""
    at_key = False
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(root, loc[:-1], data)
        allowed = _aliases(model) if model else []
        message = f"unknown key '{key}'"
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif allowed:
            hint = "allowed keys here: " + ", ".join(allowed)
        at_key = True
    elif kind == "missing":
        message = f"the required key '{loc[-1]}' is missing"
        hint = f"add `{loc[-1]}:` here"
    elif kind == "literal_error":
        words = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        expected = str(ctx.get("expected", "")).replace("'", "")
        if isinstance(given, str) and given.strip().lower() in words:
            # `Kyllä`, `Toteutuu osittain`: the right word; the files keep one spelling of it
            message = f"{_shown(given)} is written with capitals"
            hint = f"write it in lower case: {given.strip().lower()}"
        else:
            message = f"{_shown(given)} is not allowed here"
            hint = f"write one of: {expected}"
    elif kind == "union_tag_invalid":
        message = f"unknown indicator kind (tyyppi) {_shown(ctx.get('tag'))}"
        hint = "write one of: " + str(ctx.get("expected_tags", "")).replace("'", "")
    elif kind == "union_tag_not_found":
        message = "an indicator needs `tyyppi`"
        hint = "add `tyyppi:` with one of: " + ", ".join(KIND_NAMES)
    elif kind in ("string_type",):
        message = f"should be text, not {_shown(given)}"
        hint = "put the text in quotes if it looks like a number, date or yes/no"
        if isinstance(given, dict) and len(given) == 1:
            # `- Verkostot: toimivat hyvin` is read as a key and its value
            ((key, value),) = given.items()
            message = f"should be text, but the ': ' in it made {_shown(key)} a key"
            hint = f'put the text in quotes: "{key}: {value}"'
    elif kind == "number" and isinstance(given, str) and (fixed := _number_text(given)):
        message, hint = _number_in_quotes(given, fixed, loc)
    elif kind in ("int_type", "int_from_float", "int_parsing"):
        message = f"should be a whole number, not {_shown(given)}"
        fixed = _number_text(given) if isinstance(given, str) else None
        if isinstance(given, str) and fixed is not None and "." not in fixed:
            message, hint = _number_in_quotes(given, fixed, loc)
    elif kind in ("list_type",):
        message = f"should be a list, not {_shown(given)}"
        hint = "write each item on its own line starting with '- '"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = f"should be a mapping (key: value lines), not {_shown(given)}"
    elif kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        message = f"should be a date, not {_shown(given)}"
        hint = "write it as YYYY-MM-DD without quotes, e.g. 2026-05-26"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = f"{_shown(given)} is out of range: {message.removeprefix('Input should be ')}"
    elif kind == "string_pattern_mismatch":
        message = f"{_shown(given)} is not a valid identifier here"
        hint = "use letters, digits, '.', '_' and '-' only, no spaces (plan ids: lowercase and '-')"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_too_long":
        limit = ctx.get("max_length")
        message = f"is {len(str(given))} characters long; at most {limit} are allowed"
        hint = "shorten it (ids become parts of file names)"
    elif kind == "bool_type":
        message = f"should be true or false, not {_shown(given)}"
    line, column = positions.locate(loc, key=at_key)
    return Problem(
        path,
        message,
        line=line,
        column=column,
        keypath=keypath_text(loc),
        hint=hint,
        place=place_text(loc, data),
    )


def _number_text(text: str) -> str | None:
    """A number typed as text (`3,8`, `"3.88"`, `850 000`) as YAML needs it: `3.8`, `3.88`,
    `850000`; None when the text is not a number."""
    try:
        value = parse_number(text)
    except ValueError:
        return None
    return str(value)


def _number_in_quotes(given: str, fixed: str, loc: tuple[Key, ...]) -> tuple[str, str]:
    """The commonest slips with numbers: a decimal comma, or a number in quotes (both are text
    to YAML). The fix says exactly what to write."""
    key = loc[-1] if loc and isinstance(loc[-1], str) else None
    if "," in given:
        return f"{_shown(given)} has a decimal comma, which YAML reads as text", f"write {fixed}"
    written = f"{key}: {fixed}" if key else fixed
    return f"{_shown(given)} is a number in quotes, which YAML reads as text", (
        f"remove the quotes: {written}"
    )


_KEY_AND_TEXT = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#'\"][^:#]*?):\s+(?P<text>\S.*?)\s*$"
)


def colon_in_text(line: str) -> tuple[str, str] | None:
    """(message, hint) when a YAML line is `key: text with ': ' in it` — YAML reads the second
    colon as another key ("mapping values are not allowed here"). The hint is the line fixed."""
    match = _KEY_AND_TEXT.match(line)
    if match is None or ": " not in match["text"] or match["text"][0] in "\"'[{|>&*!":
        return None
    text = match["text"].replace("\\", "\\\\").replace('"', '\\"')
    key = match["key"]
    return (
        f"the text of `{key}` contains ': ', which YAML reads as a new key",
        f'put the text in quotes: {key}: "{text}"',
    )
