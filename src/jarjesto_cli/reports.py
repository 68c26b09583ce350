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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jarjesto_cli import clock
from jarjesto_cli.errors import OutputError, TemplateError
from jarjesto_cli.periods import Period
from jarjesto_cli.planset import PlanSet

FORMATS = ("md", "docx")
# pandoc reads the report as its own Markdown (which sizes table columns from the separator
# dashes, as GitHub ignores) with every extension that could turn text into markup switched off;
# what remains is the subset GitHub renders the same way.
PANDOC_READER = "-".join(
    [
        "markdown",
        "raw_html",
        "raw_attribute",
        "raw_tex",
        "tex_math_dollars",
        "tex_math_single_backslash",
        "citations",
        "footnotes",
        "inline_notes",
        "superscript",
        "subscript",
        "fenced_divs",
        "bracketed_spans",
        "native_divs",
        "native_spans",
        "example_lists",
        "implicit_figures",
        "smart",
        "yaml_metadata_block",
        "pandoc_title_block",
        "definition_lists",
        "line_blocks",
        "markdown_in_html_blocks",
    ]
)


@dataclass(frozen=True)
class Report:
    """What one report run wrote."""

    audience: str
    period: str
    files: list[Path]


def make_report(
    planset: PlanSet,
    audience_id: str,
    *,
    period: Period | None,
    formats: Iterable[str],
    output_dir: Path,
    templates: Path | None = None,
    changes: list[dict[str, Any]] | None = None,
    since: str | None = None,
    date: dt.date | None = None,
) -> Report:
    """Render the audience's report into `output_dir`; nothing is written if any step fails."""
    from jarjesto_cli import report_data
    from jarjesto_cli.templating import render, templates_dir

    wanted = set(formats)
    data = report_data.build(
        planset,
        audience_id,
        period=period,
        today=date or clock.today(),
        changes=changes,
        since=since,
    )
    directory = templates_dir(templates)
    markdown = render(directory, f"{audience_id}.md.j2", data)
    stem = data["file_stem"]
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".plan-report-", dir=output_dir))
    except OSError as exc:
        raise OutputError(
            f"cannot write to {output_dir}: {exc.strerror or exc}",
            hint="choose another --output folder",
        ) from None
    try:
        made = [draw_chart(chart, work / chart["file"]) for chart in data["charts"]]
        md_path = work / f"{stem}.md"
        md_path.write_text(markdown, encoding="utf-8")
        finals: list[Path] = []
        if "md" in wanted:
            finals += [md_path, *made]
        if "docx" in wanted:
            from jarjesto_cli.fmt import for_print

            print_md = work / f".{stem}.print.md"
            print_md.write_text(for_print(markdown), encoding="utf-8")
            docx_path = work / f"{stem}.docx"
            to_docx(print_md, docx_path, reference=reference_docx(directory), resources=work)
            finals.append(docx_path)
        written = []
        for path in finals:
            target = output_dir / path.name
            path.replace(target)
            written.append(target)
        return Report(audience_id, data["period"], written)
    except OSError as exc:
        raise OutputError(
            f"cannot write the report to {output_dir}: {exc.strerror or exc}",
            hint="check free space and permissions",
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def draw_chart(chart: dict[str, Any], target: Path) -> Path:
    """Draw a chart, or copy the identical drawing from the cache (matplotlib is only imported
    when something has to be drawn)."""
    from jarjesto_cli import cache

    if not cache.fetch_chart(chart, target):
        from jarjesto_cli import charts

        charts.draw(chart, target)
        cache.store_chart(chart, target)
    return target


def reference_docx(directory: Path) -> Path:
    """The reference document next to the templates, else the package's."""
    from jarjesto_cli.templating import PACKAGE_TEMPLATES

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


def to_docx(markdown: Path, output: Path, *, reference: Path, resources: Path) -> None:
    """Convert with pandoc: the report's Markdown in, the reference document's styles out.

    Any pandoc warning (an image that cannot be fetched, say) fails the conversion.
    """
    command = [
        pandoc_path(),
        str(markdown),
        f"--from={PANDOC_READER}",
        "--to=docx",
        f"--output={output}",
        f"--reference-doc={reference}",
        f"--resource-path={resources}",
        "--metadata=lang:fi-FI",
        "--fail-if-warnings",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not output.is_file():
        detail = (result.stderr or result.stdout).strip().replace("\n", " ")
        raise OutputError(f"pandoc could not make the DOCX: {detail}")
