"""Survey exports (Webropol and the like) → per-question mean and number of answers.

Reads CSV (`;`, `,` or tab; UTF-8, UTF-16 by its BOM, else Windows-1252; quoted cells with line
breaks) and XLSX. An
answer counts when it is a number inside the indicator's scale, written plainly (`4`, `3,5`) or
with its label (`5 - Erittäin osallinen`). Blanks and "En osaa sanoa" are skipped; anything else
is reported as invalid, never guessed.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jarjesto_cli.errors import PlanFileError, Problem, UsageError

SKIPPED_ANSWERS = {"", "en osaa sanoa", "eos", "en osaa sanoa.", "-"}
_ANSWER = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(?:(?:[-–—:.)]|\s)\s*\D.*)?$", re.S)


UTF8, UTF16, WINDOWS_1252, XLSX = "UTF-8", "UTF-16", "Windows-1252", "XLSX"


@dataclass(frozen=True)
class Table:
    """A survey export: header row and data rows (row numbers as a spreadsheet shows them,
    1-based, the header being row 1), and the encoding the file was read in."""

    path: Path
    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    encoding: str = UTF8


@dataclass(frozen=True)
class Column:
    """One question (column) of an export: its number (1-based), header and answers."""

    number: int
    header: str
    answers: int  # cells with an answer (blanks and "En osaa sanoa" not counted)
    numbers: int  # of which numbers (plain or labelled, `5 - Erittäin osallinen`)


@dataclass
class QuestionResult:
    """One mapped question's answers."""

    indicator_id: str
    question: str
    values: list[float] = field(default_factory=list)
    skipped: int = 0
    invalid: list[tuple[int, str, str]] = field(default_factory=list)  # (row, answer, why)

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float | None:
        return round(statistics.fmean(self.values), 2) if self.values else None


def normalise(text: str) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split())


# --- reading ------------------------------------------------------------------------------------


def read_table(path: Path) -> Table:
    """Read a CSV or XLSX export."""
    if not path.is_file():
        raise UsageError(f"{path}: no such file", hint="give the survey export (CSV or XLSX)")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    return _read_csv(path)


def decode_csv(path: Path, raw: bytes) -> tuple[str, str]:
    """The text of a CSV export and the encoding it was read in.

    Excel saves "CSV UTF-8" (with a BOM), "CSV (semicolon delimited)" in the Windows code page
    (Windows-1252 in Finland) and "Unicode text" as UTF-16 with a BOM. UTF-16 is known by its
    BOM; text that is not UTF-8 is taken as Windows-1252, which the caller says (an "ä" in it
    is the byte 0xe4, which is not UTF-8).
    """
    if raw.startswith(b"PK\x03\x04"):
        raise PlanFileError(
            Problem(path, "is an Excel/ZIP file with a .csv name", hint="rename it to .xlsx")
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), UTF16
        except UnicodeDecodeError:
            raise PlanFileError(
                Problem(
                    path,
                    "starts like UTF-16 text but is not",
                    hint="export the survey again as 'CSV UTF-8'",
                )
            ) from None
    if b"\x00" in raw:
        raise PlanFileError(
            Problem(
                path,
                "is not a text file (it has NUL bytes)",
                hint="export the survey as 'CSV UTF-8' or XLSX",
            )
        )
    try:
        return raw.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError as exc:
        start = exc.start
    try:
        return raw.decode("cp1252"), WINDOWS_1252
    except UnicodeDecodeError:
        line = raw[:start].count(b"\n") + 1
        raise PlanFileError(
            Problem(
                path,
                "is neither UTF-8 nor Windows-1252 text",
                line=line,
                hint="export the survey again as 'CSV UTF-8' (Excel: Save as → CSV UTF-8)",
            )
        ) from None


def _read_csv(path: Path) -> Table:
    from jarjesto_cli.files.yaml_io import read_bounded

    text, encoding = decode_csv(path, read_bounded(path, MAX_SURVEY_BYTES))
    if not text.strip():
        raise PlanFileError(Problem(path, "is empty", line=1))
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise PlanFileError(
            Problem(
                path,
                f"is not valid CSV: {exc}",
                line=reader.line_num,
                hint="check for an unclosed quote",
            )
        ) from None
    # A record is a row, as Excel shows the file: a quoted cell's line breaks stay inside its
    # row, so row numbers are the same as in the XLSX export of the same survey.
    rows = list(enumerate(records, start=1))
    headers = rows[0][1]
    return Table(
        path,
        [normalise(h) for h in headers],
        [(n, list(r)) for n, r in rows[1:] if any(c.strip() for c in r)],
        encoding,
    )


def _sniff_delimiter(text: str) -> str:
    sample = text[:20000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(";,\t", key=first.count)


# An export is read whole into memory, so it is bounded: a real survey has a few thousand rows
# and a few hundred questions. A workbook is a zip of XML files; its sizes are checked before
# anything is unpacked (a few megabytes can unpack to gigabytes), and XML with a DTD (entity
# definitions: the "billion laughs") is refused, as no spreadsheet writes one.
MAX_SURVEY_BYTES = 50_000_000  # a CSV export, or a workbook's XML unpacked
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELLS = 5_000_000


def _read_xlsx(path: Path) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            _check_workbook(path, archive)
        workbook = load_workbook(path, read_only=True, data_only=True)
    except PlanFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - any fault in a broken workbook is the file's
        raise PlanFileError(
            Problem(
                path,
                f"cannot be read as an Excel workbook ({_reason(exc)})",
                hint="export the survey again as XLSX or CSV UTF-8",
            )
        ) from None
    rows: list[tuple[int, list[Any]]] = []
    number = 0
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a claimed size of 16 384 columns must not pad every row
        cells = 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 1:
                raise _too_big(path, f"more than {MAX_ROWS:_} rows".replace("_", " "), number)
            if len(values) > MAX_COLUMNS:
                raise _too_big(path, f"a row of {len(values)} columns", number)
            cells += len(values)
            if cells > MAX_CELLS:
                raise _too_big(path, f"more than {MAX_CELLS:_} cells".replace("_", " "), number)
            rows.append((number, list(values)))
    except PlanFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - a cell openpyxl cannot read (`<v>nan</v>`…)
        raise PlanFileError(
            Problem(
                path,
                f"has a cell that cannot be read ({_reason(exc)})",
                line=number + 1,
                hint="open it in Excel and save it again, or export it as CSV UTF-8",
            )
        ) from None
    finally:
        workbook.close()
    if not rows:
        raise PlanFileError(Problem(path, "has no rows on its first sheet", line=1))
    headers = [normalise(h) if h is not None else "" for h in rows[0][1]]
    data = [(i, r) for i, r in rows[1:] if any(c not in (None, "") for c in r)]
    return Table(path, headers, data, XLSX)


def _check_workbook(path: Path, archive: Any) -> None:
    """Refuse a workbook that unpacks too large, or whose XML declares a DTD or entities."""
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_SURVEY_BYTES:
        raise PlanFileError(
            Problem(
                path,
                f"unpacks to {total / 1_000_000:.0f} MB; a survey export may be at most "
                f"{MAX_SURVEY_BYTES / 1_000_000:.0f} MB",
                hint="export only the survey's answers, or split the export",
            )
        )
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels")) and _declares_entities(archive, info):
            raise PlanFileError(
                Problem(
                    path,
                    f"{info.filename} declares a DTD or XML entities, which no spreadsheet "
                    "program writes; it was not read",
                    hint="export the survey again from the survey tool",
                )
            )


def _declares_entities(archive: Any, info: Any) -> bool:
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(1 << 20):
            if b"<!DOCTYPE" in tail + chunk or b"<!ENTITY" in tail + chunk:
                return True
            tail = chunk[-16:]
    return False


def _too_big(path: Path, what: str, row: int) -> PlanFileError:
    return PlanFileError(
        Problem(
            path,
            f"has {what} on its first sheet; a survey export is read only up to "
            f"{MAX_ROWS:_} rows and {MAX_COLUMNS:_} columns".replace("_", " "),
            line=row,
            hint="export only the survey's answers to the mapped questions",
        )
    )


def _reason_value(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _reason(exc: Exception) -> str:
    """A short, printable reason (the file's own content may be in it)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 80 else text[:79] + "…"


# --- the map file -------------------------------------------------------------------------------


def read_map(path: Path) -> dict[str, str]:
    """`MAP.yaml`: indicator id → the exact question (column header) in the export."""
    from jarjesto_cli.files import yaml_io

    if not path.exists():  # a wrong path is bad usage (2); a wrong map is bad input (1)
        raise UsageError(
            f"{path}: no such file", hint="give the map file (indicator id: question)", field="map"
        )
    # read like a plan: a regular file (not a FIFO or device), bounded, parsed with positions
    data, positions = yaml_io.parse_with_positions(path, yaml_io.read_text(path))
    if not isinstance(data, dict) or not data:
        raise PlanFileError(
            Problem(
                path,
                "should map indicator ids to questions",
                line=1,
                hint='e.g. T1.1.2: "Kuinka osalliseksi koet järjestösi…?"',
            )
        )
    out: dict[str, str] = {}
    for key, question in data.items():
        if not isinstance(question, str) or not question.strip():
            line, column = positions.locate((str(key),))
            raise PlanFileError(
                Problem(
                    path,
                    f"{key}: the question should be text, not {_reason_value(question)}",
                    line=line,
                    column=column,
                    hint="write the column header in quotes",
                )
            )
        out[str(key)] = normalise(question)
    return out


# --- answers ------------------------------------------------------------------------------------


def parse_answer(cell: Any) -> float | None | str:
    """A number, None (skipped: blank or "En osaa sanoa"), or the text itself when invalid."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int | float):
        return float(cell)
    text = normalise(str(cell))
    if text.lower() in SKIPPED_ANSWERS:
        return None
    match = _ANSWER.match(text)
    if match:
        return float(match.group(1).replace(",", "."))
    return text


def columns(table: Table) -> list[Column]:
    """Every column with its answer counts: what `import-survey --columns` lists."""
    found = []
    for index, header in enumerate(table.headers):
        answers = [parse_answer(row[index] if index < len(row) else None) for _, row in table.rows]
        given = [a for a in answers if a is not None]
        found.append(
            Column(index + 1, header, len(given), sum(1 for a in given if isinstance(a, float)))
        )
    return found


class ColumnProblem(ValueError):
    """A mapped question that is not one column of the export: (what is wrong, how to fix)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def column_of(table: Table, question: str) -> int:
    """The column whose header is `question` (whitespace and case aside); ColumnProblem when
    it is not there, or is there twice."""
    exact = [i for i, h in enumerate(table.headers) if h == question]
    if not exact:
        exact = [i for i, h in enumerate(table.headers) if h.casefold() == question.casefold()]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise ColumnProblem(
            f"the question {question!r} is in {len(exact)} columns of {table.path.name}",
            "rename one column or map the indicator to a unique header",
        )
    import difflib

    close = difflib.get_close_matches(question, table.headers, n=2, cutoff=0.6)
    raise ColumnProblem(
        f"{table.path.name} has no column {question!r}",
        ("closest: " + " | ".join(repr(c) for c in close)) if close else "",
    )


def map_problem(map_file: Path, key: str, message: str, hint: str = "") -> PlanFileError:
    """An error in the map file, at the line of `key`."""
    from jarjesto_cli.files import yaml_io

    try:
        line, column = yaml_io.Positions(map_file.read_text(encoding="utf-8-sig")).locate((key,))
    except (OSError, UnicodeDecodeError):
        line, column = None, None
    return PlanFileError(
        Problem(map_file, f"{key}: {message}", line=line, column=column, hint=hint)
    )


def tally(
    table: Table,
    mapping: Mapping[str, str],
    scales: Mapping[str, tuple[float, float]],
    map_file: Path | None = None,
) -> list[QuestionResult]:
    """Per mapped question: the counted values, skipped answers and invalid ones. A question
    that is not a column is an error in the input files (at its line in `map_file`)."""
    results = []
    for indicator_id, question in mapping.items():
        try:
            column = column_of(table, question)
        except ColumnProblem as exc:
            if map_file is not None:
                raise map_problem(map_file, indicator_id, exc.message, exc.hint) from None
            raise PlanFileError(Problem(table.path, exc.message, hint=exc.hint)) from None
        low, high = scales[indicator_id]
        result = QuestionResult(indicator_id, question)
        for row_number, row in table.rows:
            cell = row[column] if column < len(row) else None
            answer = parse_answer(cell)
            if answer is None:
                result.skipped += 1
            elif isinstance(answer, str):
                result.invalid.append((row_number, answer, "is not a number"))
            elif not low <= answer <= high:
                result.invalid.append(
                    (row_number, f"{answer:g}", f"is outside the scale {low:g}–{high:g}")
                )
            else:
                result.values.append(answer)
        results.append(result)
    return results
