"""Write Excel workbooks with openpyxl: a bold, frozen header row with a filter on each
sheet, sensible column widths, and the same bytes for the same content (the file's
timestamps are set to a given date, not to the moment of writing).

Every text is stored as text: a name beginning with ``=``, ``+``, ``-`` or ``@`` is never a
formula that Excel or LibreOffice would evaluate (formula injection), and is marked with a
quote prefix so that editing the cell keeps it text.

>>> import io, openpyxl
>>> data = workbook_bytes([("Ark", ["id", "antal"], [["a", 1], ["b", 2]])], "2022-01-01")
>>> sheet = openpyxl.load_workbook(io.BytesIO(data))["Ark"]
>>> [[c.value for c in row] for row in sheet.iter_rows()]
[['id', 'antal'], ['a', 1], ['b', 2]]
>>> data == workbook_bytes([("Ark", ["id", "antal"], [["a", 1], ["b", 2]])], "2022-01-01")
True
>>> evil = workbook_bytes([("Ark", ["navn"], [['=HYPERLINK("http://127.0.0.1/x","klik")']])], None)
>>> cell = openpyxl.load_workbook(io.BytesIO(evil))["Ark"]["A2"]
>>> cell.data_type, cell.value
('s', '=HYPERLINK("http://127.0.0.1/x","klik")')
"""

from __future__ import annotations

__all__ = ["Sheet", "workbook_bytes", "sheet_name", "write_workbook"]

import io
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import chain, islice
from typing import BinaryIO

Sheet = tuple[str, list[str], Iterable[list]]
_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
#: What a spreadsheet would read as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@")


def sheet_name(name: str) -> str:
    """``name`` as an Excel sheet name: no ``[]:*?/\\``, at most 31 characters."""
    return name.translate(_FORBIDDEN)[:31]


class _StampedZip(zipfile.ZipFile):
    """A zip whose every entry is dated ``when`` (openpyxl would date them now), for the same bytes from the same content."""

    def __init__(self, out, when: datetime) -> None:
        super().__init__(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.when = when.timetuple()[:6]

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self.when)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        super().writestr(self._info(name), data)

    def write(self, filename, arcname=None, *args, **kwargs):
        import shutil

        with open(filename, "rb") as src, self.open(self._info(arcname or filename), "w", force_zip64=True) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def _peeked(rows: Iterable[list], n: int) -> tuple[list[list], Iterator[list]]:
    rows = iter(rows)
    first = list(islice(rows, n))
    return first, chain(first, rows)


def write_workbook(out: BinaryIO, sheets: Iterable[Sheet], stamp: str | None) -> None:
    """Stream an .xlsx file of ``(name, header, rows)`` sheets to the binary file ``out``; ``stamp`` (ISO date) dates it.

    openpyxl's write-only mode: rows (any iterable) go to disk as they come; the column widths
    are taken from the first 500 rows.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    when = datetime.combine(date.fromisoformat(stamp or "2000-01-01"), datetime.min.time())
    wb = Workbook(write_only=True)
    wb.properties.creator = "orggraph"
    wb.properties.created = wb.properties.modified = when
    bold = Font(bold=True)
    for name, header, rows in sheets:
        ws = wb.create_sheet(sheet_name(name))
        first, rows = _peeked(rows, 500)
        for i, title in enumerate(header, start=1):
            longest = max([len(str(title))] + [len(str(r[i - 1])) for r in first if i <= len(r) and r[i - 1] is not None])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest + 2))
        ws.freeze_panes = "B2"
        count = 1
        cells = []
        for title in header:
            cell = WriteOnlyCell(ws, title)
            cell.font = bold
            cells.append(cell)
        ws.append(cells)
        for row in rows:
            count += 1
            ws.append([_written(ws, WriteOnlyCell, value) for value in row])
        # a filter on every sheet, an empty one too
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{count}"
    with _StampedZip(out, when) as archive:
        ExcelWriter(wb, archive).save()


def _written(ws, cell_type, value):
    """What ``ws.append`` gets for ``value``: the value itself, or a styled cell for a date or formula-like text."""
    if isinstance(value, date):
        cell = cell_type(ws, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        cell = cell_type(ws, value)
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True
        return cell
    return value


def workbook_bytes(sheets: list[Sheet], stamp: str | None) -> bytes:
    """An .xlsx file of ``(name, header, rows)`` sheets; ``stamp`` (ISO date) dates the file."""
    buf = io.BytesIO()
    write_workbook(buf, sheets, stamp)
    return buf.getvalue()
