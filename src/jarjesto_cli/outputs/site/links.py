"""Every link of a built site leads somewhere: each relative `href` and `src` names a file of the
site (and an `#anchor` an id on that page). Links out (`https:`, `mailto:`) are not followed; a
page may link out, but nothing it loads may come from outside (see `outside_resources`).

Plain Python (no browser), so the tests run it everywhere and `plan site --check` reports it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

OUT_SCHEMES = ("http", "https", "mailto", "tel")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag.attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src") and tag not in ("svg", "use"):
                self.links.append((f"{tag}.{name}", value))


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def broken_links(site: Path) -> list[str]:
    """`page → link` for every relative link that names no file (or no id) of the site."""
    pages = sorted(site.rglob("*.html"))
    parsed = {p: _parse(p) for p in pages}
    broken: list[str] = []
    for page, found in parsed.items():
        for _, value in found.links:
            parts = urlsplit(value)
            if parts.scheme in OUT_SCHEMES or parts.netloc:
                continue
            if parts.scheme or value.startswith("/"):
                broken.append(f"{page.relative_to(site)} → {value} (not relative)")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)} → {value}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)} → {value} (no such id)")
    return broken


def outside_resources(site: Path) -> list[str]:
    """`page → url` for anything a page would load from outside the site (a stylesheet, image
    or script from a host): the site is self-contained."""
    found: list[str] = []
    for page in sorted(site.rglob("*.html")):
        for where, value in _parse(page).links:
            if where == "a.href":
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith("/"):
                found.append(f"{page.relative_to(site)} → {value}")
    return found
