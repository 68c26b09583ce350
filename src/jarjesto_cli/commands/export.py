"""`plan export`: the flat table of `export_rows` as CSV (Finnish Excel) or XLSX.

`csv_text` and `xlsx_bytes` turn rows into a file's content and touch nothing; `run_export`
decides where it goes and writes it atomically. openpyxl is imported only when an XLSX is made,
so it never slows down the start of other commands.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from jarjesto_cli.domain.periods import Period
from jarjesto_cli.domain.planset import PlanSet
from jarjesto_cli.domain.summary import summarize
from jarjesto_cli.errors import OutputError, UsageError
from jarjesto_cli.files.writing import write_bytes_atomic
from jarjesto_cli.outputs.export_rows import (
    CHANGE_COLUMNS,
    CHANGE_HEADERS,
    COLUMNS,
    HEADER_ROW,
    HEADERS,
    Cell,
    Row,
    change_rows,
    rows,
    strategy_names,
)
from jarjesto_cli.outputs.terminal import err, out

STDOUT = Path("-")
DEFAULT_DIR = Path("reports")
SHEET_NAME = "Vienti"
CHANGES_SHEET_NAME = "Tavoitemuutokset"
DATE_FORMAT = "d.m.yyyy"  # 30.9.2026, as the CSV writes it and Finnish readers read it
# Finnish Excel reads a CSV with its list separator, the semicolon (the comma is the decimal
# separator), and takes the file as UTF-8 only when it starts with a byte order mark.
CSV_DELIMITER = ";"
BOM = "\ufeff"
MIN_WIDTH, MAX_WIDTH = 10, 60
HEADER_FILL = "DDEBF7"  # a light blue, readable in print and on screen


def run(
    plans: Path,
    *,
    output_format: str,
    output: Path | None,
    period: str | None,
    folder: Path | None = None,
) -> int:
    """Export the plans; name the file written (a CSV to standard output names none). Without
    `output` the file goes into `folder` (default: reports/)."""
    from jarjesto_cli import clock
    from jarjesto_cli.commands import options
    from jarjesto_cli.files.loading import load_valid

    wanted = options.period(period) if period else None
    planset = load_valid(plans)
    written = run_export(
        planset, output_format, output, period=wanted, today=clock.today(), folder=folder
    )
    if written is not None:
        err(f"Wrote {written}")
    return 0


def run_export(
    planset: PlanSet,
    output_format: str,
    output: Path | None,
    *,
    period: Period | None,
    today: dt.date,
    folder: Path | None = None,
) -> Path | None:
    """Export every plan's measures and indicators as known at the end of `period` (default: the
    latest period with data). Returns the file written, or None when the CSV went to stdout."""
    if output_format not in FORMATS:
        raise UsageError(f"'{output_format}' is not one of {', '.join(FORMATS)}", field="format")
    if output == STDOUT and output_format != "csv":
        raise UsageError(
            "'-': only CSV can be printed",
            hint="give a file name for an XLSX export",
            field="output",
        )
    summary = summarize(planset, period=period, today=today)
    actors = {a.id: a.name for a in planset.shared.actors} if planset.shared else {}
    table = rows(summary, strategy_names(planset.shared), actors)
    if output == STDOUT:
        out(csv_text(table))
        return None
    if output is None:
        output = (folder or DEFAULT_DIR) / f"vienti-{summary.period}.{output_format}"
        _make_dir(output.parent)
    write_bytes_atomic(output, FORMATS[output_format](table, today, changes=change_rows(summary)))
    return output


def _make_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot write to {directory}: {exc.strerror or exc}",
            hint="give another place with --output",
        ) from None


# --- CSV ----------------------------------------------------------------------------------------


def csv_text(table: Sequence[Row]) -> str:
    """The header and rows as CSV for Finnish Excel: `;`-separated, decimal comma, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(HEADER_ROW)
    for row in table:
        writer.writerow([csv_cell(row.get(column)) for column in COLUMNS])
    return buffer.getvalue()


# A text cell starting with one of these is run as a formula by Excel and LibreOffice
# (`=cmd|' /C calc'!A0`, `=IMPORTXML(…)`, `@SUM(…)`); OWASP's advice is a leading apostrophe,
# which makes the spreadsheet show the rest as text. Numbers are written as numbers, never this.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """Text that no spreadsheet runs as a formula: `'=SUM(A1)` for `=SUM(A1)`."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Cell) -> str:
    """A cell as Finnish Excel reads it: `3,5`, `850000` (no thousands separator), text as is
    unless a spreadsheet would run it as a formula (`text_cell`)."""
    if value is None:
        return ""
    if isinstance(value, bool):  # not expected in the rows, but never let it print as 1/0
        return "kyllä" if value else "ei"
    if isinstance(value, dt.date):  # Finnish Excel reads 30.9.2026 as a date
        return f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" in text or "E" in text:  # 1e+16 would be read as text (or a formula) by Excel
            text = format(Decimal(text), "f")
        return text.replace(".", ",")
    return text_cell(value)


def csv_file(table: Sequence[Row], today: dt.date, *, changes: Sequence[Row] = ()) -> bytes:
    """The CSV file's bytes: with a byte order mark, so Excel takes it as UTF-8. One table:
    the target changes are in the indicator rows' `Tavoitemuutokset` column."""
    return (BOM + csv_text(table)).encode("utf-8")


# --- XLSX ---------------------------------------------------------------------------------------


def xlsx_bytes(
    table: Sequence[Row], *, created: dt.datetime | None = None, changes: Sequence[Row] = ()
) -> bytes:
    """Two sheets, `Vienti` (the rows) and `Tavoitemuutokset` (one row per target change): a
    bold, filled header row that stays in view, an auto-filter, column widths from the
    content, numbers as numbers and dates as dates."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    _fill_sheet(sheet, COLUMNS, HEADERS, table)
    _fill_sheet(workbook.create_sheet(CHANGES_SHEET_NAME), CHANGE_COLUMNS, CHANGE_HEADERS, changes)

    if created is not None:  # reproducible file properties (SOURCE_DATE_EPOCH sets `today`)
        workbook.properties.created = created
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_sheet(
    sheet: Any, columns: Sequence[str], headers: Mapping[str, str], table: Sequence[Row]
) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append([headers[c] for c in columns])
    for number, row in enumerate(table, start=2):
        values = [row.get(column) for column in columns]
        sheet.append([xlsx_text(v) if isinstance(v, str) else v for v in values])
        # the row by its bounds: `sheet[n]` and `max_row` scan every cell of the sheet on each
        # call, which made a large export quadratic (800 rows: 12 s)
        (cells,) = sheet.iter_rows(min_row=number, max_row=number, max_col=len(columns))
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would make a text starting with "=" a formula
            elif isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT

    bold = Font(bold=True)
    fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    for index, column in enumerate(columns, start=1):
        values = [headers[column], *(row.get(column) for row in table)]
        sheet.column_dimensions[get_column_letter(index)].width = column_width(values)


# what XML 1.0 (and so XLSX) cannot hold: C0 controls but tab and line breaks, lone surrogates,
# U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: a character XML cannot carry is shown escaped (`\\x01`),
    as everywhere else the tool shows control characters."""
    return _NOT_XML.sub(
        lambda m: (
            f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}"
        ),
        text,
    )


def column_width(values: Sequence[Cell]) -> int:
    """Room for the longest value of a column, within 10…60 characters."""
    longest = max((len(csv_cell(v)) for v in values), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def xlsx_file(table: Sequence[Row], today: dt.date, *, changes: Sequence[Row] = ()) -> bytes:
    """The XLSX file's bytes, dated `today` (SOURCE_DATE_EPOCH makes it reproducible)."""
    return xlsx_bytes(table, created=dt.datetime.combine(today, dt.time()), changes=changes)


class FileMaker(Protocol):
    def __call__(
        self, table: Sequence[Row], today: dt.date, *, changes: Sequence[Row] = ()
    ) -> bytes: ...


FORMATS: dict[str, FileMaker] = {
    "csv": csv_file,
    "xlsx": xlsx_file,
}
