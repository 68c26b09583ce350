"""The built site checked in a real browser: Chromium driven by Playwright, with axe-core.

Each page is opened from `file://` (which also proves the site needs no web server) and checked
for: the WCAG 2.0/2.1 A and AA rules of axe-core; console errors; requests for anything outside
the site; keyboard use (Tab reaches every link and control, and each shows where the focus is);
no sideways scrolling at 320 px wide, nor with text at 200 % (1280 px zoomed: 640 px).

Playwright and axe-playwright-python are test tools (the `test` extras), imported only here and
only by `plan site --check` and the tests. The browser is the system's Chromium (never one that
Playwright downloads): `$JARJESTO_CLI_CHROMIUM`, else the first of `chromium`,
`chromium-browser`, `google-chrome` found on the PATH.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jarjesto_cli.errors import UsageError
from jarjesto_cli.outputs.site.results import WCAG_TAGS, PageResult, SiteCheck, Violation

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ENV_BROWSER = "JARJESTO_CLI_CHROMIUM"
NARROW = 320
WIDE = 1280
PAGES_PER_BROWSER = 10  # fewer pages than this per core are not worth another browser
MAX_TABS = 2000  # a page with more focusable elements than this is not walked to the end

# Marks every element that should take the focus, and logs each focus as it happens (with
# whether it shows), so that Tab's path is read back in one call rather than one per key.
_MARK_FOCUSABLE = """() => {
  const wanted = document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]'
  );
  let n = 0;
  for (const el of wanted) {
    // not shown (inside a closed <details>, say): reached once its summary opens it
    const shown = el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0;
    if (el.tabIndex < 0 || !shown) continue;
    el.dataset.kb = String(n++);
  }
  window.__focusLog = [];
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    const style = getComputedStyle(el);
    const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none';
    const text = (el.getAttribute('href') || el.textContent || el.tagName).trim().slice(0, 60);
    window.__focusLog.push({kb: el.dataset.kb ?? null, visible, text});
  });
  if (document.activeElement) document.activeElement.blur();
  return n;
}"""

_SCROLLS_SIDEWAYS = "() => document.documentElement.scrollWidth > window.innerWidth + 1"

_DESCRIBE = """(n) => {
  const el = document.querySelector(`[data-kb="${n}"]`);
  return el ? (el.getAttribute('href') || el.textContent || el.tagName).trim().slice(0, 60) : n;
}"""


def find_browser() -> str | None:
    """The Chromium to drive, or None when there is none on this machine."""
    chosen = os.environ.get(ENV_BROWSER)
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing_tools() -> str | None:
    """Why the site cannot be checked here (no Chromium, no Playwright or axe), or None."""
    import importlib.util

    for module, package in (
        ("playwright", "playwright"),
        ("axe_playwright_python", "axe-playwright-python"),
    ):
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed (pip install 'jarjesto-cli[test]')"
    if find_browser() is None:
        return (
            "no Chromium found (apt-get install chromium, or set "
            f"{ENV_BROWSER} to the browser's path)"
        )
    return None


def require_tools() -> str:
    """The browser to use; a usage error saying what to install when something is missing."""
    reason = missing_tools()
    browser = find_browser()
    if reason is not None or browser is None:
        raise UsageError(f"--check cannot run: {reason}", hint="install it, or leave out --check")
    return browser


def check_site(site: Path, files: Iterable[str], *, date: str) -> SiteCheck:
    """Open each page (a file of `site`) in Chromium and check it (see the module's doc).

    The pages are shared between one browser per core, each driven from its own thread (a
    Playwright instance belongs to the thread that started it).
    """
    from concurrent.futures import ThreadPoolExecutor

    from jarjesto_cli.outputs.parallel import cores
    from jarjesto_cli.outputs.site.links import broken_links

    executable = require_tools()
    pages = list(files)
    workers = max(1, min(cores(), len(pages) // PAGES_PER_BROWSER))
    shares = [pages[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(lambda share: _check_pages(site, share, executable), shares))
    by_file = {r.file: r for results, _, _ in done for r in results}
    return SiteCheck(
        date=date,
        browser=f"Chromium {done[0][2]}",
        axe_version=done[0][1],
        pages=[by_file[f] for f in pages],
        broken_links=broken_links(site),
    )


def _check_pages(
    site: Path, files: list[str], executable: str
) -> tuple[list[PageResult], str, str]:
    """Check `files` in one browser: their results, axe-core's version, the browser's."""
    from axe_playwright_python.base import AXE_SCRIPT
    from playwright.sync_api import sync_playwright

    options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}
    results: list[PageResult] = []
    root = site.resolve().as_uri()
    version = ""
    with sync_playwright() as playwright:
        # axe reads the stylesheet for some rules; from file:// that needs this switch
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--allow-file-access-from-files"]
        )
        try:
            context = browser.new_context(viewport={"width": WIDE, "height": 900})
            # axe-core is put into every page as it loads (not sent again for each page)
            context.add_init_script(AXE_SCRIPT)
            page = context.new_page()
            found = PageResult("")
            page.on("console", lambda m: _console(found, m))
            page.on("pageerror", lambda e: found.console_errors.append(str(e)))
            page.on("request", lambda r: _request(found, r.url, root))
            for file in files:
                found = PageResult(file)
                page.set_viewport_size({"width": WIDE, "height": 900})
                page.goto((site / file).resolve().as_uri(), wait_until="load")
                response = page.evaluate("(o) => axe.run(document, o)", options)
                version = response.get("testEngine", {}).get("version", version)
                found.violations = [_violation(v) for v in response["violations"]]
                _keyboard(page, found)
                _widths(page, found)
                results.append(found)
            browser_version = str(browser.version)
        finally:
            browser.close()
    return results, version, browser_version


def _console(found: PageResult, message: Any) -> None:
    if message.type == "error":
        found.console_errors.append(message.text)


def _request(found: PageResult, url: str, root: str) -> None:
    if not url.startswith(root) and not url.startswith(("data:", "about:")):
        found.outside_requests.append(url)


def _violation(raw: dict[str, Any]) -> Violation:
    targets = tuple(", ".join(map(str, node.get("target", []))) for node in raw.get("nodes", []))
    return Violation(raw["id"], raw.get("impact"), raw.get("help", ""), targets)


def _keyboard(page: Any, found: PageResult) -> None:
    """Tab through the page from the top: every marked element must take the focus, and show
    it when it has it."""
    count = page.evaluate(_MARK_FOCUSABLE)
    for _ in range(min(count, MAX_TABS) + 1):
        page.keyboard.press("Tab")
    reached: set[str] = set()
    for focus in page.evaluate("() => window.__focusLog"):
        if focus["kb"] is not None:
            if focus["kb"] in reached:
                break  # round the page once
            reached.add(focus["kb"])
        if not focus["visible"]:
            found.focus_unseen.append(focus["text"])
    for n in range(min(count, MAX_TABS)):
        if str(n) not in reached:
            found.not_reached.append(page.evaluate(_DESCRIBE, n))


def _widths(page: Any, found: PageResult) -> None:
    """No sideways scrolling on a phone (320 px, which is also a 1280 px screen zoomed to
    400 %), nor on a desktop with text at 200 % (rem sizes and the layout's container
    breakpoints, which are in em, follow it)."""
    page.set_viewport_size({"width": NARROW, "height": 800})
    if page.evaluate(_SCROLLS_SIDEWAYS):
        found.overflow.append(f"{NARROW} px")
    page.set_viewport_size({"width": WIDE, "height": 900})
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    if page.evaluate(_SCROLLS_SIDEWAYS):
        found.overflow.append("200 % teksti")
    page.evaluate("() => { document.documentElement.style.fontSize = ''; }")


def screenshot(site: Path, file: str, target: Path, *, width: int, full_page: bool = True) -> None:
    """A PNG of one page at `width` px (the README's picture, and pages looked at by hand)."""
    from playwright.sync_api import sync_playwright

    executable = require_tools()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto((site / file).resolve().as_uri(), wait_until="load")
            page.screenshot(path=str(target), full_page=full_page)
        finally:
            browser.close()
