"""One indicator's data as a CSV file, for Finnish Excel like `plan export`'s: UTF-8 with a
byte order mark, `;` between fields, a decimal comma, CRLF line ends.

A text cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@` or a
tab) gets a leading apostrophe: a note in the plans must never run in a reader's Excel.
"""

from __future__ import annotations

import csv
import io

from jarjesto_cli.domain.indicators import IndicatorBase, MeasurementBase
from jarjesto_cli.outputs.export_rows import HEADERS

BOM = "\ufeff"
# the export's words for the same columns (`plan export`), and the value itself
HEADER = (
    *(HEADERS[key] for key in ("mittari", "mittari_nimi", "kausi")),
    "Arvo",
    *(HEADERS[key] for key in ("likiarvo", "yksikkö", "n", "huomio", "arvon_lähde")),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _value(measurement: MeasurementBase) -> str:
    value = measurement.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(value, "f").rstrip("0").rstrip(".").replace(".", ",") or "0"
    return _text(value)


def indicator_csv(indicator: IndicatorBase, measurements: list[MeasurementBase]) -> bytes:
    """Every measurement of `indicator` (as known for the site's period), oldest first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for m in measurements:
        writer.writerow(
            [
                _text(indicator.id),
                _text(indicator.name),
                str(m.period),
                _value(m),
                "kyllä" if m.approximate else "",
                _text(indicator.unit_text()),
                "" if m.n is None else str(m.n),
                _text(m.note),
                _text(m.source),
            ]
        )
    return (BOM + buffer.getvalue()).encode("utf-8")
