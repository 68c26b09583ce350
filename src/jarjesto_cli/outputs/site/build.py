"""Building the site: pages rendered from the templates, charts drawn as inline SVG, downloads
and the stylesheet beside them, all in a temporary folder that replaces the output folder only
when everything has been made (a failed build leaves the old site as it was).

The output folder is replaced whole, so it must be one that `plan site` made (it leaves a
`.plan-site` marker) or an empty or new one: a wrong `--output` never deletes someone's files.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.summary import Summary, as_json
from jarjesto_cli.errors import OutputError, PlanDataError, Problem
from jarjesto_cli.outputs import display
from jarjesto_cli.outputs.site import pages as site_pages
from jarjesto_cli.outputs.site.pages import ASSETS, DOWNLOADS, Changes, Page, SiteData, href
from jarjesto_cli.outputs.site.results import SiteCheck

MARKER = ".plan-site"
STYLESHEET = "site.css"
TEMPLATE_MARKER = "site/base.html.j2"
LOGO_MAX_BYTES = 2_000_000
FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel (XLSX)", "json": "JSON", "md": "Markdown"}


@dataclass
class SiteBuild:
    """What a build wrote, and what its check (if any) found."""

    output: Path
    pages: list[str]
    charts: int
    downloads: int  # the whole set's files and the reports (each indicator's CSV besides)
    check: SiteCheck | None = None
    changes: Changes | None = None
    notes: list[str] = field(default_factory=list)  # warnings for the person building


def build_site(
    planset: PlanSet,
    summary: Summary,
    *,
    output: Path,
    templates: Path | None,
    today: dt.date,
    changes: Callable[[], Changes],
    exports: dict[str, Callable[[], bytes]],
    period: Period | None = None,
    reports: bool = False,
    check: bool = False,
) -> SiteBuild:
    """Write the whole site into `output` (see the module's doc); `changes` finds what changed
    since the last report, `exports` make the whole set's files by name (CSV and XLSX from
    `plan export`), `reports` adds every audience's
    report (for `period`, as given on the command line), `check` runs the browser checks and
    writes their results into the statement."""
    from jarjesto_cli.outputs import parallel
    from jarjesto_cli.outputs.templating import renderer, templates_dir

    if check:
        from jarjesto_cli.outputs.site.browser import require_tools

        require_tools()  # before any work: say at once what is missing
    directory = templates_dir(templates, TEMPLATE_MARKER)
    render = renderer(directory)
    _check_output(output)
    logo = _logo(planset)
    work = _work_folder(output)
    try:
        downloads = work / DOWNLOADS
        downloads.mkdir()
        assets = work / ASSETS
        assets.mkdir()
        shutil.copyfile(_stylesheet(directory), assets / STYLESHEET)
        if logo is not None:
            shutil.copyfile(logo, assets / logo.name)
        site = site_pages.site_context(
            planset.shared, today, f"{ASSETS}/{logo.name}" if logo else None
        )
        files = _whole_set(downloads, summary, exports)
        report_links = _reports(planset, period, downloads) if reports else []
        data = SiteData(planset, summary, today, Changes(None, [], {}), files, report_links)
        answer = work / ".muutokset.pickle"
        made: list[Page] = []
        charts = 0

        def step(which: str) -> None:
            nonlocal made, charts
            if which == "files":
                _write_exports(downloads, exports)
                answer.write_bytes(pickle.dumps(changes()))
                return
            made = site_pages.node_pages(data)
            _indicator_csvs(downloads, summary)
            _calendars(downloads, planset, today)
            charts = _draw(made, work)
            for page in made:
                _write(work, page, render, site)

        # git and the old plans (for the changes) and the spreadsheet (openpyxl with numpy
        # takes most of a second to import) are made by a second process while this one makes
        # the pages of the plans' contents
        parallel.run_split(step, ["pages", "files"], parallel.workers_for(2, per_worker=1))
        data.changes = pickle.loads(answer.read_bytes())  # noqa: S301 - our own child wrote it
        answer.unlink()
        for entry in files:
            entry["size"] = _size(downloads / entry["name"])
        whole = site_pages.summary_pages(data)
        for page in whole:
            _write(work, page, render, site)
        made += whole
        date = display.date(today)
        statement = _statement(planset, None, date, len(made) + 1)
        _write(work, statement, render, site)
        count = len(files) + len(report_links)
        result = SiteBuild(output, [p.file for p in [*made, statement]], charts, count)
        result.changes = data.changes
        if check:
            from jarjesto_cli.outputs.site.browser import check_site

            found = check_site(work, result.pages, date=date)
            # the statement now tells what was found; it is checked again as it finally reads
            statement = _statement(planset, found, date, len(result.pages))
            _write(work, statement, render, site)
            again = check_site(work, [statement.file], date=date)
            found.pages = [p for p in found.pages if p.file != statement.file] + again.pages
            result.check = found
        settings = planset.shared.site if planset.shared else None
        if settings is None or settings.feedback is None:
            result.notes.append(
                "the accessibility statement has no feedback contact: add `sivusto: palaute:` "
                "to the shared file (see README)"
            )
        (work / MARKER).write_text("made by plan site\n", encoding="utf-8")
        _replace(output, work)
        return result
    except OSError as exc:
        raise OutputError(
            f"cannot write the site to {output}: {exc.strerror or exc}",
            hint="check free space and permissions",
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- the output folder ------------------------------------------------------------------------


def _check_output(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise OutputError(f"{output} is a file, not a folder", hint="give a folder with --output")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise OutputError(
            f"{output} is not empty and was not made by plan site; it would be replaced",
            hint="give a new or empty folder with --output",
        )


def _work_folder(output: Path) -> Path:
    parent = output.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=parent))
    except OSError as exc:
        raise OutputError(
            f"cannot write to {parent}: {exc.strerror or exc}", hint="choose another --output"
        ) from None


def _replace(output: Path, work: Path) -> None:
    """Move the new site into place; the old one goes only once the new one is there."""
    work.chmod(0o755)  # mkdtemp's folder is private; a web server must read the site
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=work.parent))
        output.replace(old / "site")
    work.replace(output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --- what the pages show besides text ---------------------------------------------------------


def _logo(planset: PlanSet) -> Path | None:
    """The organisation's logo file beside the shared file, checked before anything is built."""
    shared, source = planset.shared, planset.shared_source
    if shared is None or shared.site is None or shared.site.logo is None or source is None:
        return None
    logo = source.path.parent / shared.site.logo
    problem = None
    if not logo.is_file():
        problem = f"the logo {shared.site.logo} is not in {source.path.parent}"
    elif logo.stat().st_size > LOGO_MAX_BYTES:
        problem = f"the logo {shared.site.logo} is larger than 2 MB"
    if problem is not None:
        raise PlanDataError(
            [Problem(source.path, problem, keypath="sivusto.logo", hint="check the file name")]
        )
    return logo


def _stylesheet(directory: Path) -> Path:
    from jarjesto_cli.outputs.templating import PACKAGE_TEMPLATES

    own = directory / "site" / STYLESHEET
    return own if own.is_file() else PACKAGE_TEMPLATES / "site" / STYLESHEET


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{max(1, round(size / 1000))} kt" if size < 1_000_000 else f"{size / 1e6:.1f} Mt"


def _whole_set(
    downloads: Path, summary: Summary, exports: dict[str, Callable[[], bytes]]
) -> list[dict[str, str]]:
    """The whole set's files as the downloads page lists them (sizes are added once they are
    written): the export's CSV and XLSX, and the `status` JSON, written here."""
    status = json.dumps(as_json(summary), ensure_ascii=False, indent=2) + "\n"
    json_name = f"tila-{summary.period}.json"
    (downloads / json_name).write_text(status, encoding="utf-8")
    listed = []
    for name in [*exports, json_name]:
        suffix = Path(name).suffix.lstrip(".")
        listed.append(
            {
                "href": href(f"{DOWNLOADS}/{name}"),
                "name": name,
                "format": FORMAT_NAMES.get(suffix, suffix.upper()),
                "size": "",
            }
        )
    return listed


def _write_exports(downloads: Path, exports: dict[str, Callable[[], bytes]]) -> None:
    for name, make in exports.items():
        (downloads / name).write_bytes(make())


def _reports(planset: PlanSet, period: Period | None, downloads: Path) -> list[dict[str, str]]:
    """Every audience's report, Markdown and DOCX, among the downloads."""
    from jarjesto_cli.outputs.reports import make_reports

    audiences = [a.id for a in planset.shared.audiences] if planset.shared else []
    folder = downloads / "raportit"
    names = {a.id: a.name for a in planset.shared.audiences} if planset.shared else {}
    made = make_reports(
        planset,
        audiences,
        period=period,
        formats=["md", "docx"],
        output_dir=folder,
    )
    listed = []
    for report in made:
        for path in report.files:
            if path.suffix in (".md", ".docx"):
                suffix = path.suffix.lstrip(".")
                listed.append(
                    {
                        "href": href(f"{DOWNLOADS}/raportit/{path.name}"),
                        "name": path.name,
                        "audience": names.get(report.audience, report.audience),
                        "period": report.period,
                        "format": FORMAT_NAMES.get(suffix, "Word (DOCX)"),
                        "size": _size(path),
                    }
                )
    return listed


def _indicator_csvs(downloads: Path, summary: Summary) -> None:
    from jarjesto_cli.outputs.site.downloads import indicator_csv

    for state in summary.plans:
        for goal in state.goals:
            for ind in [*goal.indicators, *(i for m in goal.measures for i in m.indicators)]:
                target = downloads / Path(site_pages.csv_file(ind.id)).name
                target.write_bytes(indicator_csv(ind.indicator, ind.known))


def _calendars(downloads: Path, planset: PlanSet, today: dt.date) -> None:
    from jarjesto_cli import clock
    from jarjesto_cli.domain.deadlines import deadlines
    from jarjesto_cli.outputs.ics import calendar_ics

    organisation = planset.shared.organisation if planset.shared else "jarjesto-cli"
    for year, file in site_pages.calendar_files(today):
        data = calendar_ics(
            deadlines(planset, year),
            calendar_name=f"{organisation}: raportoinnin määräpäivät {year}",
            stamp=clock.now(),
        )
        (downloads / Path(file).name).write_bytes(data)


def _draw(made: list[Page], work: Path) -> int:
    """Draw every page's charts as SVG (cached ones are copied) and put each inline."""
    from markupsafe import Markup

    from jarjesto_cli.outputs.charts import inline_svg
    from jarjesto_cli.outputs.reports import draw_charts

    folder = work / ".kaaviot"
    folder.mkdir()
    figures = [f for page in made for f in page.figures]
    jobs = [(f["chart"], folder / f["chart"]["file"]) for f in figures]
    draw_charts(jobs)
    for figure, (_, path) in zip(figures, jobs, strict=True):
        svg = path.read_text(encoding="utf-8")
        figure["svg"] = Markup(inline_svg(svg, prefix=figure["id"], title=figure["alt"]))
    shutil.rmtree(folder)
    return len(figures)


def _statement(planset: PlanSet, check: SiteCheck | None, date: str, count: int) -> Page:
    from jarjesto_cli.outputs.site.statement import statement

    return statement(planset.shared, check, date=date, page_count=count)


def _write(work: Path, page: Page, render: Any, site: dict[str, Any]) -> None:
    context = {
        "site": site,
        "page": {
            "file": page.file,
            "title": page.title,
            "breadcrumbs": page.context.get("breadcrumbs", []),
        },
        **page.context,
    }
    (work / page.file).write_text(render(page.template, context), encoding="utf-8")
