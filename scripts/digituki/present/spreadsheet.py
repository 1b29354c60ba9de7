"""CSV tables that open correctly in a spreadsheet (the open data and the coordinator's report).

UTF-8 with a byte-order mark (so Excel reads ä and ö), semicolons between columns (the
list separator of Finnish spreadsheets), quotes where a value holds one, and no cell that a
spreadsheet would run as a formula.
"""
import csv
import io
import unicodedata
from typing import Iterable, Mapping

Cell = str | int | float | bool | None
Row = Mapping[str, Cell]  # column -> cell (read-only, so a dict[str, str] is a row too)
_FORMULA_START = ("=", "@", "\t", "\r")
BOM = "\ufeff"  # the first character of every table


def _visible_start(text: str) -> str:
    """The text from its first character a spreadsheet shows: white space, zero-width,
    direction and other format or control characters in front are skipped (a spreadsheet
    may skip them too, so "\u200b=cmd" is a formula as much as "=cmd")."""
    for index, char in enumerate(text):
        if not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")):
            return text[index:]
    return ""


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text[:1].isalnum():  # most cells: a letter or digit first is shown and starts no formula
        return text
    start = _visible_start(text)
    starts_formula = text.startswith(_FORMULA_START) or start.startswith(_FORMULA_START) or (
        start[:1] in ("+", "-") and not start[1:].replace(" ", "").replace(".", "").isdigit())
    return "'" + text if starts_formula else text


def csv_text(rows: Iterable[Row], columns: list[str] | None = None) -> str:
    """The table; ``columns`` names the header when there may be no rows to take it from."""
    rows = list(rows)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    header = columns or (list(rows[0]) if rows else None)
    if header:
        writer.writerow(header)
        writer.writerows([_cell(v) for v in row.values()] for row in rows)
    return BOM + out.getvalue()
