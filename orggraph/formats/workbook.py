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

__all__ = ["Sheet", "workbook_bytes", "sheet_name"]

import io
import re
import zipfile
from datetime import date, datetime

Sheet = tuple[str, list[str], list[list]]
_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
#: What a spreadsheet would read as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@")


def sheet_name(name: str) -> str:
    """``name`` as an Excel sheet name: no ``[]:*?/\\``, at most 31 characters."""
    return name.translate(_FORBIDDEN)[:31]


def workbook_bytes(sheets: list[Sheet], stamp: str | None) -> bytes:
    """An .xlsx file of ``(name, header, rows)`` sheets; ``stamp`` (ISO date) dates the file."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    when = datetime.combine(date.fromisoformat(stamp or "2000-01-01"), datetime.min.time())
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "orggraph"
    wb.properties.created = wb.properties.modified = when
    for name, header, rows in sheets:
        ws = wb.create_sheet(sheet_name(name))
        ws.append(header)
        for row in rows:
            ws.append(row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "B2"
        ws.auto_filter.ref = ws.dimensions  # a filter on every sheet, an empty one too
        for i, title in enumerate(header, start=1):
            longest = max([len(str(title))] + [len(str(r[i - 1])) for r in rows[:500] if i <= len(r) and r[i - 1] is not None])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest + 2))
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(cell.value, str) and cell.value[:1] in _FORMULA_START:
                    cell.data_type = "s"  # text, never a formula
                    cell.quotePrefix = True
    buf = io.BytesIO()
    wb.save(buf)
    return _restamped(buf.getvalue(), when)


def _restamped(data: bytes, when: datetime) -> bytes:
    """The zip ``data`` with every entry's time, and the modification time openpyxl writes, set to ``when``."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            dst.writestr(fixed, content)
    return out.getvalue()
