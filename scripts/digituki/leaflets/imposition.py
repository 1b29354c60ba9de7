"""The folded booklet's print file: the A5 pages two to an A4 side, in booklet order, for
double-sided printing flipped on the short edge; folded in the middle, the sheets read in
page order.

The A5 reading version keeps the tags (PDF/UA); this file is only for the printer. Its bytes
depend only on the A5 file's (pypdf writes no random identifier unless it encrypts).
"""
from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.papersizes import PaperSize

PAGES_PER_SHEET = 4  # two A5 pages on each side of an A4 sheet


def notes_pages(pages: int) -> int:
    """Blank pages to add at the end so that the booklet's pages fill whole sheets."""
    return -pages % PAGES_PER_SHEET


def sheet_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) A5 page indexes of each A4 side, front then back of each sheet: for 8
    pages (7, 0), (1, 6), (5, 2), (3, 4)."""
    if pages % PAGES_PER_SHEET:
        raise ValueError(f"a booklet of {pages} pages does not fill whole sheets")
    sides = []
    for sheet in range(pages // PAGES_PER_SHEET):
        outer, inner = 2 * sheet, pages - 1 - 2 * sheet
        sides += [(inner, outer), (outer + 1, inner - 1)]
    return sides


def impose(a5_pdf: bytes, title: str) -> bytes:
    """The print file of an A5 booklet whose page count is a multiple of four."""
    reader = PdfReader(io.BytesIO(a5_pdf))
    width = float(reader.pages[0].mediabox.width)
    height = float(reader.pages[0].mediabox.height)
    # A4 across is a hair wider than two A5 pages (297 mm and 2 x 148 mm): centre them
    sheet_width, sheet_height = PaperSize.A4.height, PaperSize.A4.width
    x = (sheet_width - 2 * width) / 2
    y = (sheet_height - height) / 2
    writer = PdfWriter()
    for left, right in sheet_order(len(reader.pages)):
        side = writer.add_blank_page(width=sheet_width, height=sheet_height)
        side.merge_transformed_page(reader.pages[left], Transformation().translate(x, y))
        side.merge_transformed_page(reader.pages[right],
                                    Transformation().translate(x + width, y))
    writer.add_metadata({"/Title": title, "/Producer": "digituki"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
