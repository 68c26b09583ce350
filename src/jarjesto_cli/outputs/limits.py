"""Bounds on what a report template may make: templates are hostile input too.

The sandbox stops templates from reaching Python's internals, but not from asking for a string
of ten billion characters or a loop of 10^10 steps. Here the usual requests are measured before
they are made (`LimitedEnvironment`: `*`, `**`, `+`, `%`, widths, `range`), the output is
counted while it is written (`rendered`), and a render's CPU time and memory are capped
(`bounded`) for whatever else a template finds (text doubled in a loop, say). The figures are
far above anything a report needs: the largest real report is 40 kB, 100 times the plans 4 MB.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Iterator
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

MAX_OUTPUT = 50_000_000  # characters of one rendered report
MAX_VALUE = 10_000_000  # characters (or items) of one string or list a template makes
MAX_WIDTH = 10_000  # a padding or width given to a string method or filter
MAX_RANGE_TOTAL = 1_000_000  # items of all the `range(…)`s of one render
MAX_DIGITS = 10_000  # of a number a template computes
MAX_CPU_SECONDS = 60
MAX_EXTRA_MEMORY = 2_000_000_000  # bytes a render may add to the process


class TemplateLimit(Exception):
    """A template asked for more than a report may take."""


_WIDTH_IN_FORMAT = re.compile(r"[%{:][^0-9]{0,4}?(\d{5,})")


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with the sizes of strings, lists and ranges bounded."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._range_total = 0
        self.globals["range"] = self._range
        self.globals.pop("lipsum", None)  # paragraphs of filler text on demand: not for reports
        for name in ("center", "indent", "wordwrap", "truncate", "format"):
            self.filters[name] = _bounded_filter(self.filters[name], formats=name == "format")

    def start_render(self) -> None:
        """A new render: the steps of its `range`s are counted from zero."""
        self._range_total = 0

    def _range(self, *args: int) -> range:
        steps = range(*args)
        self._range_total += len(steps)
        if self._range_total > MAX_RANGE_TOTAL:
            raise TemplateLimit(
                f"range(…) makes more than {MAX_RANGE_TOTAL:_} steps in all".replace("_", " ")
            )
        return steps

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            sizes = [(_size(left), right), (_size(right), left)]
            for size, times in sizes:
                if size is not None and isinstance(times, int) and size * times > MAX_VALUE:
                    raise TemplateLimit(f"'…' * {times} would make {size * times} items")
        elif operator == "+":
            both = (_size(left) or 0) + (_size(right) or 0)
            if both > MAX_VALUE:
                raise TemplateLimit(f"'…' + '…' would make {both} items")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                digits = right * left.bit_length() * 0.30103  # log10(2)
                if digits > MAX_DIGITS:
                    raise TemplateLimit(f"… ** {right} is too large a number")
        elif operator == "%" and isinstance(left, str):
            _check_widths(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        name = getattr(__obj, "__name__", "")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
            if name in ("center", "ljust", "rjust", "zfill", "expandtabs") and any(
                n > MAX_WIDTH for n in numbers
            ):
                raise TemplateLimit(f"'…'.{name}({max(numbers)}) is too wide")
            if name in ("format", "format_map"):
                _check_widths(owner)
            if name == "replace" and len(args) >= 2 and isinstance(args[1], str):
                if (len(owner) + 1) * max(len(args[1]), 1) > MAX_VALUE:
                    raise TemplateLimit("'…'.replace(…) would make too long a text")
        return super().call(__context, __obj, *args, **kwargs)


def _check_widths(text: str) -> None:
    for found in _WIDTH_IN_FORMAT.finditer(text):
        if int(found.group(1)) > MAX_WIDTH:
            raise TemplateLimit(f"a width of {found.group(1)} in a format is too wide")


def _bounded_filter(inner: Any, *, formats: bool) -> Any:
    """A filter whose width arguments (and with `formats`, whose format string) are checked."""
    # Jinja passes the environment or context first to a filter marked so; then the value
    first = 1 if hasattr(inner, "jinja_pass_arg") else 0

    def bounded(*args: Any, **kwargs: Any) -> Any:
        if formats and len(args) > first and isinstance(args[first], str):
            _check_widths(args[first])
        for value in (*args[first + 1 :], *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and value > MAX_WIDTH:
                raise TemplateLimit(f"a filter's width {value} is too wide")
        return inner(*args, **kwargs)

    if first:
        bounded.jinja_pass_arg = inner.jinja_pass_arg  # type: ignore[attr-defined]
    return bounded


def rendered(template: Any, context: dict[str, Any]) -> str:
    """The template rendered, stopped as soon as the output passes `MAX_OUTPUT`."""
    parts: list[str] = []
    size = 0
    for part in template.generate(**context):
        size += len(part)
        if size > MAX_OUTPUT:
            raise TemplateLimit(f"the report passes {MAX_OUTPUT // 1_000_000} million characters")
        parts.append(part)
    return "".join(parts)


@contextlib.contextmanager
def bounded(seconds: int = MAX_CPU_SECONDS, memory: int = MAX_EXTRA_MEMORY) -> Iterator[None]:
    """Stop a render that uses `seconds` of CPU time (a loop without end, or of 10^10 steps
    that prints nothing) or asks for `memory` more bytes (a MemoryError). CPU time only in the
    main thread, where signals arrive; memory where the system enforces an address-space limit
    (Linux)."""
    with _memory_cap(memory):
        if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "setitimer"
        ):
            yield
            return

        def stop(signum: int, frame: Any) -> None:
            raise TemplateLimit(f"the template ran for more than {seconds} s of CPU time")

        previous = signal.signal(signal.SIGVTALRM, stop)
        signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            signal.signal(signal.SIGVTALRM, previous)


@contextlib.contextmanager
def _memory_cap(extra: int) -> Iterator[None]:
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:  # noqa: PTH123 - a proc file
            in_use = int(fh.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    cap = in_use + extra
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield  # already limited more tightly
        return
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
