"""Write Excel workbooks with openpyxl: a bold, frozen header row with a filter on each
sheet, sensible column widths, and the same bytes for the same content (the file's
timestamps are set to a given date, not to the moment of writing).

Every text is stored as text: a name beginning with ``=``, ``+``, ``-`` or ``@`` is never a
formula that Excel or LibreOffice would evaluate (formula injection), and is marked with a
quote prefix so that editing the cell keeps it text.

May import: nothing of orggraph.

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
import re
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
    """A zip whose every entry is dated ``when`` (openpyxl would date them now), for the same bytes from the same
    content; the rows of each sheet in ``rows`` (``{openpyxl's file of the sheet: writer}``) are streamed into its entry."""

    def __init__(self, out, when: datetime, rows: dict) -> None:
        super().__init__(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.when = when.timetuple()[:6]
        self.rows = rows

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

        arcname = arcname or filename
        with open(filename, "rb") as src, self.open(self._info(arcname), "w", force_zip64=True) as dst:
            if filename in self.rows:
                self.rows.pop(filename)(src.read(), dst)
            else:
                shutil.copyfileobj(src, dst, 1 << 20)


#: What XML 1.0 cannot hold (openpyxl refuses such text too).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class _Rows:
    """Writes a sheet's data rows as the sheet XML openpyxl's write-only mode writes (inline strings), but ten
    times faster: the header row is openpyxl's, the rows after it are written here, straight into the zip."""

    def __init__(self, ws, rows: Iterator[list], width: int, date_style: int, text_style: int) -> None:
        from openpyxl.utils import get_column_letter

        self.ws, self.source, self.date_style, self.text_style = ws, rows, date_style, text_style
        self.letters = [get_column_letter(i) for i in range(1, width + 1)]

    def __call__(self, sheet_xml: bytes, out) -> None:
        head, tail = sheet_xml.split(b"</sheetData>", 1)
        out.write(head)
        n, chunk = 1, []
        for n, row in enumerate(self.source, start=2):
            chunk.append(self.row(n, row))
            if len(chunk) == 512:
                out.write("".join(chunk).encode("utf-8"))
                chunk.clear()
        out.write("".join(chunk).encode("utf-8"))
        # the filter covers every row, in the sheet and in the workbook's defined name (written after the sheets)
        self.ws.auto_filter.ref = re.sub(r"\d+$", str(n), self.ws.auto_filter.ref)
        tail = re.sub(rb'<autoFilter ref="[^"]*"', f'<autoFilter ref="{self.ws.auto_filter.ref}"'.encode(), tail)
        out.write(b"</sheetData>" + tail)

    def row(self, n: int, values: list) -> str:
        from openpyxl.utils.datetime import to_excel
        from openpyxl.utils.exceptions import IllegalCharacterError

        cells = [f'<row r="{n}">']
        letters = self.letters
        for i, value in enumerate(values):
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                if _ILLEGAL.search(value):
                    raise IllegalCharacterError(f"{value!r} cannot be used in worksheets.")
                style = f' s="{self.text_style}"' if value[:1] in _FORMULA_START else ""
                space = ' xml:space="preserve"' if value != value.strip() else ""
                cells.append(f'<c r="{letters[i]}{n}"{style} t="inlineStr"><is><t{space}>{value.translate(_XML_TEXT)}</t></is></c>'
                             if value else f'<c r="{letters[i]}{n}" t="inlineStr"></c>')
            elif kind is bool:
                cells.append(f'<c r="{letters[i]}{n}" t="b"><v>{int(value)}</v></c>')
            elif kind is int:
                cells.append(f'<c r="{letters[i]}{n}" t="n"><v>{value}</v></c>')
            elif kind is float:
                cells.append(f'<c r="{letters[i]}{n}" t="n"><v>{value:.16g}</v></c>')
            elif isinstance(value, (date, datetime)):
                cells.append(f'<c r="{letters[i]}{n}" s="{self.date_style}" t="n"><v>{to_excel(value):.16g}</v></c>')
            else:
                raise TypeError(f"a workbook cell cannot hold {value!r}")
        cells.append("</row>")
        return "".join(cells)


def _peeked(rows: Iterable[list], n: int) -> tuple[list[list], Iterator[list]]:
    rows = iter(rows)
    first = list(islice(rows, n))
    return first, chain(first, rows)


def write_workbook(out: BinaryIO, sheets: Iterable[Sheet], stamp: str | None) -> None:
    """Stream an .xlsx file of ``(name, header, rows)`` sheets to the binary file ``out``; ``stamp`` (ISO date) dates it.

    openpyxl's write-only mode writes the workbook and each sheet's header row; the rows (any
    iterable) are written into the sheet as they come. The column widths are taken from the
    first 500 rows.
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
    writers = {}
    for name, header, rows in sheets:
        ws = wb.create_sheet(sheet_name(name))
        first, rows = _peeked(rows, 500)
        for i, title in enumerate(header, start=1):
            longest = max([len(str(title))] + [len(str(r[i - 1])) for r in first if i <= len(r) and r[i - 1] is not None])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest + 2))
        ws.freeze_panes = "B2"
        cells = []
        for title in header:
            cell = WriteOnlyCell(ws, title)
            cell.font = bold
            cells.append(cell)
        ws.append(cells)
        # a filter on every sheet, an empty one too; its last row is set as the rows are written
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}1"
        day, text = WriteOnlyCell(ws, None), WriteOnlyCell(ws, None)
        day.number_format = "yyyy-mm-dd"
        text.quotePrefix = True  # text, never a formula
        width = max([len(header)] + [len(r) for r in first])
        writers[ws._writer.out] = _Rows(ws, rows, width, day.style_id, text.style_id)  # keyed by the file openpyxl writes
    with _StampedZip(out, when, writers) as archive:
        ExcelWriter(wb, archive).save()


def workbook_bytes(sheets: list[Sheet], stamp: str | None) -> bytes:
    """An .xlsx file of ``(name, header, rows)`` sheets; ``stamp`` (ISO date) dates the file."""
    buf = io.BytesIO()
    write_workbook(buf, sheets, stamp)
    return buf.getvalue()
