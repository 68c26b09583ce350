"""`plan report`: an audience's report as Markdown (and DOCX through pandoc), charts beside it.

Everything is made in a temporary folder inside the output folder and moved into place at the
end, so a failed report writes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jarjesto_cli import clock
from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.errors import OutputError, TemplateError

# pandoc reads the report as its own Markdown (which sizes table columns from the separator
# dashes, as GitHub ignores) with every extension that could turn text into structure switched
# off: no letters or Roman numerals as list markers ("ml.", "i.", "A." starting a bullet stay
# text), no "1)" lists, no task lists, no other table syntaxes or captions, no code blocks, no
# attributes, no implicit links, no TeX. What remains is the subset GitHub renders the same way.
PANDOC_READER = "-".join(
    [
        "markdown",
        "raw_html",
        "raw_attribute",
        "raw_tex",
        "tex_math_dollars",
        "tex_math_single_backslash",
        "latex_macros",
        "citations",
        "footnotes",
        "inline_notes",
        "superscript",
        "subscript",
        "strikeout",
        "fenced_divs",
        "bracketed_spans",
        "native_divs",
        "native_spans",
        "fancy_lists",
        "example_lists",
        "task_lists",
        "definition_lists",
        "line_blocks",
        "implicit_figures",
        "smart",
        "yaml_metadata_block",
        "pandoc_title_block",
        "markdown_in_html_blocks",
        "simple_tables",
        "multiline_tables",
        "grid_tables",
        "table_captions",
        "table_attributes",
        "fenced_code_blocks",
        "backtick_code_blocks",
        "fenced_code_attributes",
        "inline_code_attributes",
        "header_attributes",
        "link_attributes",
        "implicit_header_references",
        "shortcut_reference_links",
    ]
)
# a DOCX longer than about five pages gets a table of contents: the title and the first lines
# take about half a page, A4 pages hold about this many characters of the report's text, and a
# chart or a table row takes this much of a page
FIRST_PAGE = 0.5
PAGE_CHARACTERS = 3200
CHART_PAGES = 0.3
ROW_PAGES = 0.02
TOC_FROM_PAGES = 5
TOC_DEPTH = 2


def estimated_pages(markdown: str) -> float:
    """About how many A4 pages the report's DOCX takes: close enough to decide on a table of
    contents (measured against the reports' pages in LibreOffice: within a page)."""
    charts = markdown.count("](") - markdown.count("\\](")  # text's "](" is escaped
    rows = sum(1 for line in markdown.splitlines() if line.startswith("|"))
    return FIRST_PAGE + len(markdown) / PAGE_CHARACTERS + charts * CHART_PAGES + rows * ROW_PAGES


def linked_charts(markdown: str, charts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The charts the report's Markdown links to: a chart the template leaves out is not drawn
    or written (no orphaned PNG beside the report)."""
    return [c for c in charts if f"]({c['file']})" in markdown]


@dataclass(frozen=True)
class Report:
    """What one report run wrote."""

    audience: str
    period: str
    files: list[Path]


def make_reports(
    planset: PlanSet,
    audience_ids: Sequence[str],
    *,
    period: Period | None,
    formats: Iterable[str],
    output_dir: Path,
    templates: Path | None = None,
    changes: list[dict[str, Any]] | None = None,
    since: str | None = None,
    since_date: dt.date | None = None,
    date: dt.date | None = None,
) -> list[Report]:
    """Render the audiences' reports into `output_dir`; nothing is written if any step fails.

    The charts of all the reports are drawn together (a chart that two reports share, once) and
    the DOCX conversions run side by side, one pandoc per core.
    """
    from jarjesto_cli.outputs import mdtables, parallel, report_data
    from jarjesto_cli.outputs.templating import render, templates_dir

    wanted = set(formats)
    directory = templates_dir(templates)
    reference = reference_docx(directory) if "docx" in wanted else None
    drafts = []
    taken: set[str] = set()  # every file name of the run: no report or chart overwrites another
    for audience_id in audience_ids:
        data = report_data.build(
            planset,
            audience_id,
            period=period,
            today=date or clock.today(),
            changes=changes,
            since=since,
            since_date=since_date,
            taken=taken,
        )
        markdown = mdtables.fit(render(directory, f"{audience_id}.md.j2", data))
        data["charts"] = linked_charts(markdown, data["charts"])
        drafts.append((audience_id, data, markdown))
    work = _work_folder(output_dir)
    converting: list[Conversion] = []
    try:
        draw_charts([(c, work / c["file"]) for _, data, _ in drafts for c in data["charts"]])
        made_by: list[tuple[str, str, list[Path]]] = []
        for audience_id, data, markdown in drafts:
            stem = data["file_stem"]
            md_path = work / f"{stem}.md"
            md_path.write_text(markdown, encoding="utf-8")
            made: list[Path] = []
            if "md" in wanted:
                made += [md_path, *(work / chart["file"] for chart in data["charts"])]
            if reference is not None:
                from jarjesto_cli.outputs.display import for_print

                print_md = work / f".{stem}.print.md"
                print_md.write_text(for_print(markdown), encoding="utf-8")
                if len(converting) >= parallel.cores():
                    converting.pop(0).finish()
                converting.append(
                    Conversion.start(
                        print_md,
                        work / f"{stem}.docx",
                        reference=reference,
                        resources=work,
                        title=data["title"],
                        metadata=docx_metadata(data),
                        toc=estimated_pages(markdown) > TOC_FROM_PAGES,
                    )
                )
                made.append(work / f"{stem}.docx")
            made_by.append((audience_id, data["period"], made))
        while converting:
            converting.pop(0).finish()
        # all the files into place, or none: a failure undoes the moves already made
        from jarjesto_cli.files.writing import move_all

        move_all([(path, output_dir / path.name) for _, _, made in made_by for path in made])
        return [
            Report(audience_id, period_text, [output_dir / p.name for p in made])
            for audience_id, period_text, made in made_by
        ]
    except OSError as exc:
        raise OutputError(
            f"cannot write the report to {output_dir}: {exc.strerror or exc}",
            hint="check free space and permissions",
        ) from None
    finally:
        for conversion in converting:
            conversion.stop()
        shutil.rmtree(work, ignore_errors=True)


def _work_folder(output_dir: Path) -> Path:
    """A temporary folder inside the output folder (so the final moves are renames)."""
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".plan-report-", dir=output_dir))
    except OSError as exc:
        raise OutputError(
            f"cannot write to {output_dir}: {exc.strerror or exc}",
            hint="choose another output folder",
        ) from None


def draw_charts(jobs: Sequence[tuple[dict[str, Any], Path]]) -> None:
    """Draw each chart to its path (PNG or SVG by its suffix): a cached drawing is copied, an
    identical chart is drawn once, and the rest are shared between the cores (matplotlib is
    imported only if one is drawn)."""
    from jarjesto_cli.outputs import cache

    to_draw: dict[tuple[str, str], list[tuple[dict[str, Any], Path]]] = {}
    for chart, target in jobs:
        if not cache.fetch_chart(chart, target):
            # the same chart as PNG and as SVG is two drawings
            to_draw.setdefault((cache.chart_key(chart), target.suffix), []).append((chart, target))
    if not to_draw:
        return
    from jarjesto_cli.outputs import charts, parallel

    firsts = [same[0] for same in to_draw.values()]
    charts.load()  # before the work is shared, so that no worker imports matplotlib again
    parallel.run_split(lambda job: charts.draw(*job), firsts, parallel.workers_for(len(firsts)))
    for (chart, drawn), *copies in to_draw.values():
        cache.store_chart(chart, drawn)
        for _, target in copies:
            shutil.copyfile(drawn, target)


def reference_docx(directory: Path) -> Path:
    """The reference document next to the templates, else the package's."""
    from jarjesto_cli.outputs.templating import PACKAGE_TEMPLATES

    for candidate in (directory / "reference.docx", PACKAGE_TEMPLATES / "reference.docx"):
        if candidate.is_file():
            return candidate
    raise TemplateError(
        f"no reference.docx in {directory}", hint="copy templates/reference.docx there"
    )


def pandoc_path() -> str:
    """The pandoc binary that pypandoc-binary ships (found without importing pypandoc, which
    takes longer to import than many a conversion); else whatever pypandoc finds."""
    import importlib.util

    spec = importlib.util.find_spec("pypandoc")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "files" / "pandoc"
        if binary.is_file() and os.access(binary, os.X_OK):
            return str(binary)
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def docx_metadata(data: dict[str, Any]) -> dict[str, str]:
    """The document properties of a report's DOCX: screen readers and PDF exports show the
    title, and Word's file list the author (the organisation) and subject (audience, period)."""
    return {"author": data["organisation"], "subject": data["subject"], "lang": "fi-FI"}


def pandoc_command(
    markdown: Path,
    output: Path,
    *,
    reference: Path,
    resources: Path,
    metadata: dict[str, str] | None = None,
    toc: bool = False,
) -> list[str]:
    """The pandoc command line that turns a report's Markdown into DOCX (also what `bench/`
    times pandoc with).

    The report's `# title` becomes the document's title (its `dc:title` and the Title paragraph)
    and the other headings move up a level, so the sections are Heading 1, the goals Heading 2.
    """
    meta = {"lang": "fi-FI", **(metadata or {})}
    command = [
        pandoc_path(),
        str(markdown),
        f"--from={PANDOC_READER}",
        "--to=docx",
        f"--output={output}",
        f"--reference-doc={reference}",
        f"--resource-path={resources}",
        "--shift-heading-level-by=-1",
        *(f"--metadata={key}:{value}" for key, value in meta.items()),
        "--fail-if-warnings",
    ]
    if toc:
        command += ["--toc", f"--toc-depth={TOC_DEPTH}", "--metadata=toc-title:Sisällys"]
    return command


@dataclass
class Conversion:
    """One pandoc run turning a report's Markdown into DOCX, started and later finished.

    Any pandoc warning (an image that cannot be fetched, say) fails the conversion.
    """

    process: subprocess.Popen[bytes]
    output: Path
    log: Path
    title: str
    metadata: dict[str, str]
    toc: bool

    @classmethod
    def start(
        cls,
        markdown: Path,
        output: Path,
        *,
        reference: Path,
        resources: Path,
        title: str = "",
        metadata: dict[str, str] | None = None,
        toc: bool = False,
    ) -> Conversion:
        command = pandoc_command(
            markdown, output, reference=reference, resources=resources, metadata=metadata, toc=toc
        )
        log = output.with_name(f".{output.name}.log")
        with log.open("wb") as sink:  # a file, not a pipe: a chatty pandoc can never block
            process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        return cls(process, output, log, title, metadata or {}, toc)

    def finish(self) -> None:
        """Wait for pandoc; raise if it failed; then the finishing touches (`docx_post`)."""
        code = self.process.wait()
        if code != 0 or not self.output.is_file():
            detail = self.log.read_text(encoding="utf-8", errors="replace").strip()
            raise OutputError(f"pandoc could not make the DOCX: {detail.replace(chr(10), ' ')}")
        from jarjesto_cli.outputs import docx_post

        docx_post.finish(
            self.output,
            title=self.title,
            subject=self.metadata.get("subject", ""),
            toc_depth=TOC_DEPTH if self.toc else None,
        )

    def stop(self) -> None:
        """End a conversion that is no longer wanted (another step failed)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
