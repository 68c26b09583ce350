"""A local cache for work that repeats between runs: drawn charts and compiled templates.

Reports are rebuilt often from mostly unchanged data (CI on every push, every audience in one
run sharing charts). A chart is stored under a hash of everything that decides its pixels (its
data, the chart code, matplotlib's version), so a hit is always the same image. The cache is a
speed-up only: an unwritable or corrupt cache is ignored, and `JARJESTO_CLI_NO_CACHE=1` turns it
off. It lives in `$XDG_CACHE_HOME/jarjesto-cli` (default `~/.cache/jarjesto-cli`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("JARJESTO_CLI_NO_CACHE", "").strip() not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jarjesto-cli"


@functools.cache
def _chart_code_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        matplotlib = version("matplotlib")
    except PackageNotFoundError:
        matplotlib = "?"
    code = (Path(__file__).parent / "charts.py").read_bytes()
    return f"{matplotlib}:{hashlib.sha256(code).hexdigest()}"


def chart_key(chart: dict[str, Any]) -> str:
    """A hash of everything that decides a chart's pixels (not its file name: the same chart in
    two audiences' reports is one drawing)."""
    pixels = {key: value for key, value in chart.items() if key != "file"}
    payload = json.dumps(pixels, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{_chart_code_version()}\n{payload}".encode()).hexdigest()


def fetch_chart(chart: dict[str, Any], target: Path) -> bool:
    """Copy a cached drawing of `chart` to `target` (PNG or SVG, by its suffix); False when
    there is none, or when the cached file is not whole (a disk fault, a killed run, a
    meddler): it is removed, and the chart is drawn again."""
    root = cache_dir()
    if root is None:
        return False
    cached = root / "charts" / f"{chart_key(chart)}{target.suffix or '.png'}"
    try:
        data = cached.read_bytes()
    except OSError:
        return False
    if not (whole_svg(data) if cached.suffix == ".svg" else whole_png(data)):
        cached.unlink(missing_ok=True)
        return False
    try:
        target.write_bytes(data)
    except OSError:
        return False
    return True


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def whole_png(data: bytes) -> bool:
    """Whether `data` is a complete PNG: the signature, then chunks whose CRC-32 checksums
    hold, ending with IEND (so a truncated or altered file is caught)."""
    import zlib

    if not data.startswith(PNG_SIGNATURE):
        return False
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        end = at + 8 + length
        if end + 4 > len(data):
            return False
        crc = int.from_bytes(data[end : end + 4], "big")
        if zlib.crc32(data[at + 4 : end]) != crc:
            return False
        if kind == b"IEND":
            return end + 4 == len(data)
        at = end + 4
    return False


def whole_svg(data: bytes) -> bool:
    """Whether `data` looks like a complete SVG document (it has no checksums of its own):
    an `<svg` element near the start, the closing `</svg>` at the end."""
    return b"<svg" in data[:2000] and data.rstrip().endswith(b"</svg>")


def store_chart(chart: dict[str, Any], drawn: Path) -> None:
    """Keep a drawn chart for next time (atomically; failures are ignored)."""
    root = cache_dir()
    if root is None:
        return
    folder = root / "charts"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(fd)
        shutil.copyfile(drawn, tmp)
        Path(tmp).replace(folder / f"{chart_key(chart)}{drawn.suffix or '.png'}")
    except OSError:
        return


@functools.cache
def _template_code_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        jinja = version("jinja2")
    except PackageNotFoundError:
        jinja = "?"
    code = (Path(__file__).parent / "templating.py").read_bytes()
    return f"{jinja}-{hashlib.sha256(code).hexdigest()[:16]}"


def template_cache() -> Any:
    """Jinja's bytecode cache in the cache folder, or None.

    Compiled templates depend on how the environment is set up (its finalize function, its
    escaping), not only on their source: each version of that set-up has its own folder."""
    root = cache_dir()
    if root is None:
        return None
    folder = root / "jinja" / _template_code_version()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    from jinja2 import FileSystemBytecodeCache

    return FileSystemBytecodeCache(str(folder))
