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
    text, encoding = decode_csv(path, path.read_bytes())
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


def _read_xlsx(path: Path) -> Table:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise PlanFileError(
            Problem(
                path,
                f"cannot be read as an Excel workbook ({exc})",
                hint="export the survey again as XLSX or CSV UTF-8",
            )
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [(i, list(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()
    if not rows:
        raise PlanFileError(Problem(path, "has no rows on its first sheet", line=1))
    headers = [normalise(h) if h is not None else "" for h in rows[0][1]]
    data = [(i, r) for i, r in rows[1:] if any(c not in (None, "") for c in r)]
    return Table(path, headers, data, XLSX)


# --- the map file -------------------------------------------------------------------------------


def read_map(path: Path) -> dict[str, str]:
    """`MAP.yaml`: indicator id → the exact question (column header) in the export."""
    from jarjesto_cli.files import yaml_io

    if not path.is_file():  # a wrong path is bad usage (2); a wrong map is bad input (1)
        raise UsageError(
            f"{path}: no such file", hint="give the map file (indicator id: question)", field="map"
        )
    data = yaml_io.load(path)
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
    positions = yaml_io.Positions(path.read_text(encoding="utf-8-sig"))
    for key, question in data.items():
        if not isinstance(question, str) or not question.strip():
            line, column = positions.locate((str(key),))
            raise PlanFileError(
                Problem(
                    path,
                    f"{key}: the question should be text, not {question!r}",
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
