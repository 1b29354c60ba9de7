"""The folded booklet's print file: the A5 pages two to an A4 side, in booklet order, for
double-sided printing flipped on the short edge; folded in the middle, the sheets read in
page order.

The A5 reading version keeps the tags (PDF/UA); this file is only for the printer. Its bytes
depend only on the A5 file's (pypdf writes no random identifier unless it encrypts).
"""
from __future__ import annotations

import io
from typing import cast

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, ContentStream, DecodedStreamObject, DictionaryObject,
                           FloatObject, IndirectObject, NameObject, StreamObject)
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


def _form(writer: PdfWriter, page: PageObject) -> IndirectObject:
    """The A5 page as a form XObject in ``writer``: its content stream copied as it is
    (still compressed), its resources cloned once for all pages that share them."""
    contents = page[NameObject("/Contents")].get_object()
    if isinstance(contents, StreamObject):
        form = cast(StreamObject, contents.clone(writer))
    else:  # several content streams (WeasyPrint writes one): joined, uncompressed
        form = DecodedStreamObject()
        form.set_data(b"\n".join(cast(StreamObject, part.get_object()).get_data()
                                 for part in cast(ArrayObject, contents)))
        writer._add_object(form)  # pypdf has no public name for adding an object
    form.update({NameObject("/Type"): NameObject("/XObject"),
                 NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject(FloatObject(v) for v in page.mediabox),
                 NameObject("/Resources"): page[NameObject("/Resources")].clone(writer)})
    if "/Group" in page:  # a transparency group stays one
        form[NameObject("/Group")] = page[NameObject("/Group")].clone(writer)
    assert form.indirect_reference is not None
    return form.indirect_reference


def impose(a5_pdf: bytes, title: str) -> bytes:
    """The print file of an A5 booklet whose page count is a multiple of four.

    Each A5 page is drawn as a form XObject, two to a side: nothing is parsed or compressed
    again (merging the pages' content streams into the sides took a fifth of the leaflets'
    time)."""
    reader = PdfReader(io.BytesIO(a5_pdf))
    width = float(reader.pages[0].mediabox.width)
    height = float(reader.pages[0].mediabox.height)
    # A4 across is a hair wider than two A5 pages (297 mm and 2 x 148 mm): centre them
    sheet_width, sheet_height = PaperSize.A4.height, PaperSize.A4.width
    x = (sheet_width - 2 * width) / 2
    y = (sheet_height - height) / 2
    writer = PdfWriter()
    forms = [_form(writer, page) for page in reader.pages]
    for left, right in sheet_order(len(reader.pages)):
        side = writer.add_blank_page(width=sheet_width, height=sheet_height)
        side[NameObject("/Resources")] = DictionaryObject({
            NameObject("/XObject"): DictionaryObject({NameObject("/L"): forms[left],
                                                      NameObject("/R"): forms[right]})})
        content = ContentStream(None, writer)
        content.set_data(f"q 1 0 0 1 {x:.3f} {y:.3f} cm /L Do Q\n"
                         f"q 1 0 0 1 {x + width:.3f} {y:.3f} cm /R Do Q\n".encode())
        side.replace_contents(content)
    writer.add_metadata({"/Title": title, "/Producer": "digituki"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
