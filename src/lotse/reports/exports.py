"""Tables as CSV and XLSX, exactly as protected: `.` for suppressed cells, `-` for zeros.

One row per table row: the row's code, its label, then one column per table column. Used by the
dashboard downloads, the workbook of all tables and `lotse report`.
"""

import csv
import re
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotse.reports.suppression import SUPPRESSED_MARK, ZERO_MARK, Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def legend() -> str:
    return _(
        "%(suppressed)s = not shown: fewer than five people, or it would reveal such a figure; "
        "%(zero)s = none"
    ) % {"suppressed": SUPPRESSED_MARK, "zero": ZERO_MARK}


def _code(key: str) -> str:
    prefix, _sep, rest = key.partition(":")
    return (
        {"r": f"region:{rest}", "d": f"district:{rest}", "v": rest}.get(prefix, key)
        if _sep
        else key
    )


def grid(table: Table, *, transpose: bool = False) -> list[list]:
    """Header plus rows; numbers stay numbers, marks stay text."""
    rows, columns = table.rows, table.columns
    header = [table.row_dimension or "row", "label", *(c.label for c in columns)]
    body = []
    for row in rows:
        cells = []
        for column in columns:
            text = table.display(row.key, column.key)
            value = table.cell(row.key, column.key).value
            cells.append(value if text not in (SUPPRESSED_MARK, ZERO_MARK) else text)
        body.append([_code(row.key), row.label, *cells])
    if not transpose:
        return [header, *body]
    flipped = [[table.column_dimension or "column", "label", *(r.label for r in rows)]]
    for i, column in enumerate(columns):
        flipped.append([_code(column.key), column.label, *(line[2 + i] for line in body)])
    return flipped


def write_csv(stream, table: Table, *, transpose: bool = False) -> None:
    csv.writer(stream).writerows(grid(table, transpose=transpose))


def workbook(tables: list[Table], *, transpose: bool = False) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.name, used))
        for line in grid(table, transpose=transpose):
            sheet.append(line)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.append([])
        sheet.append([table.title])
        sheet.append([legend()])
    if not tables:
        book.create_sheet("empty")
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", name)[:28] or "table"
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base[:25]}-{n}", n + 1
    used.add(candidate)
    return candidate
