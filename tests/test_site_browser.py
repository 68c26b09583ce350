"""`plan site` in a real browser: Chromium driven by Playwright, with axe-core. Every page of the
frozen plans' site: 0 WCAG 2.0/2.1 A and AA violations, Tab reaches every link and shows the
focus, no console errors, nothing loaded from outside, no sideways scrolling at 320 px or with
text at 200 %. And `plan site --check` writes what it found into the accessibility statement.

Where Chromium (or Playwright) is missing, as on a laptop, this module is skipped with one line;
`.ci/run` installs Chromium and sets JARJESTO_CLI_REQUIRE_BROWSER=1, so there it must run.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from jarjesto_cli.outputs.site.browser import check_site, missing_tools, screenshot
from jarjesto_cli.outputs.site.results import SiteCheck
from tests.conftest import copy_fixture_plans

MISSING = missing_tools()
if MISSING is not None:
    if os.environ.get("JARJESTO_CLI_REQUIRE_BROWSER"):
        raise RuntimeError(f"the browser tests must run here, but {MISSING}")
    pytest.skip(f"browser tests skipped: {MISSING}", allow_module_level=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from jarjesto_cli.cli import app

    root = tmp_path_factory.mktemp("browser-site")
    plans = copy_fixture_plans(root / "plans")
    result = CliRunner().invoke(app, ["site", "-p", str(plans), "-o", str(root / "site")])
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module")
def checked(built: Path) -> SiteCheck:
    """Every page of the site, checked once (one browser for all)."""
    files = sorted(p.name for p in built.glob("*.html"))
    return check_site(built, files, date="25.11.2026")


def test_every_page_was_checked(built: Path, checked: SiteCheck) -> None:
    assert {p.file for p in checked.pages} == {p.name for p in built.glob("*.html")}
    assert len(checked.pages) > 90
    assert checked.axe_version.startswith("4.")


@pytest.mark.parametrize(
    "aspect",
    ["violations", "console_errors", "outside_requests", "not_reached", "focus_unseen", "overflow"],
)
def test_no_page_has_problems(checked: SiteCheck, aspect: str) -> None:
    found: dict[str, list[object]] = {
        p.file: list(getattr(p, aspect)) for p in checked.pages if getattr(p, aspect)
    }
    assert found == {}, "\n".join(line for p in checked.pages for line in p.problems())


# the pages that show the living plan (issue 14): owners, schedules, late, an accepted
# disagreement, a target history table beside a stepped chart
LIVING_PAGES = [
    "index.html",
    "tavoite-T1.html",
    "toimenpide-T1.1.html",
    "toimenpide-T1.2.html",
    "toimenpide-T1.3.html",
    "toimenpide-T2.1.html",
    "mittari-T1.1.2.html",
]


def test_the_living_plans_pages_have_no_problems(tmp_path_factory: pytest.TempPathFactory) -> None:
    from typer.testing import CliRunner

    from jarjesto_cli.cli import app
    from tests.conftest import LIVING_PLANS

    site = tmp_path_factory.mktemp("living-browser") / "site"
    result = CliRunner().invoke(app, ["site", "-p", str(LIVING_PLANS), "-o", str(site)])
    assert result.exit_code == 0, result.output
    found = check_site(site, LIVING_PAGES, date="25.11.2026")
    assert {p.file for p in found.pages} == set(LIVING_PAGES)
    assert [line for p in found.pages for line in p.problems()] == []


def test_every_internal_link_and_download_resolves(checked: SiteCheck) -> None:
    assert checked.broken_links == []


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """The probe sees what it is there to see: a page with an image without a text
    alternative, a table wider than a phone, a link that hides its focus, a console error."""
    (tmp_path / "huono.html").write_text(
        "<!DOCTYPE html><html><head><title>x</title>"
        "<style>a:focus { outline: none; }</style></head><body>"
        '<main><h1>Huono</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<div style="width: 900px">leveä</div><a href="#">linkki</a>'
        "<script>console.error('rikki')</script></main></body></html>",
        encoding="utf-8",
    )
    (result,) = check_site(tmp_path, ["huono.html"], date="x").pages
    rules = {v.rule for v in result.violations}
    assert {"image-alt", "html-has-lang"} <= rules
    assert "320 px" in result.overflow
    assert result.focus_unseen and result.console_errors == ["rikki"]


def test_keyboard_expects_only_what_is_in_the_tab_order(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<!DOCTYPE html><html lang="fi"><head><title>x</title></head><body><main><h1>x</h1>'
        '<a href="#1">yksi</a><a href="#2" tabindex="-1">ei näppäimistöllä</a></main>'
        "</body></html>",
        encoding="utf-8",
    )
    (page,) = check_site(tmp_path, ["a.html"], date="x").pages
    assert page.not_reached == []  # tabindex=-1 is not expected to be reached


def test_check_writes_its_results_into_the_statement(
    tmp_path: Path, tiny_plans: Callable[[str], Path], invoke: Callable[..., Result]
) -> None:
    from tests.test_site import TINY_PLAN

    result = invoke("site", "-p", tiny_plans(TINY_PLAN), "-o", tmp_path / "site", "--check")
    assert result.exit_code == 0, result.output + result.stderr
    assert "0 WCAG A/AA violations, 0 problems" in result.stdout
    statement = (tmp_path / "site" / "saavutettavuusseloste.html").read_text(encoding="utf-8")
    assert "Sivusto tarkistettiin automaattisesti 25.11.2026" in statement
    assert "axe-core 4." in statement and "Rikkeitä löytyi 0." in statement
    assert "Automaattinen tarkistus ei löytänyt puutteita." in statement


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(built: Path) -> Iterator[str]:
    """The site's folder's parent on a local web server: the site is at a sub-path."""
    handler = functools.partial(_Quiet, directory=str(built.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{built.name}/"
    finally:
        server.shutdown()
        server.server_close()


def test_works_from_a_sub_path_of_a_web_host(served: str) -> None:
    from playwright.sync_api import sync_playwright

    from jarjesto_cli.outputs.site.browser import require_tools

    failed: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=require_tools())
        try:
            page = browser.new_page()
            page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
            page.goto(served + "index.html")
            background = page.evaluate(
                "() => getComputedStyle(document.querySelector('.yla')).backgroundColor"
            )
            assert background == "rgb(0, 74, 128)"  # the stylesheet and colours arrived
            # the click's page has to arrive before the next goto, or that goto cancels it
            # (a failed request: net::ERR_ABORTED), which is the test's race, not the site's
            with page.expect_navigation(wait_until="load"):
                page.click("text=Raportointikalenteri")
            assert page.url == served + "raportointikalenteri.html"
            page.goto(served + "mittari-O1.M1.html")
            assert page.locator("figure svg[role=img]").count() == 1
        finally:
            browser.close()
    assert failed == []


def test_screenshot(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "etusivu.png"
    screenshot(built, "index.html", target, width=320)
    assert target.read_bytes()[:4] == b"\x89PNG"
