"""The folded booklet's print file (leaflets/imposition.py): two A5 pages on each A4 side in
booklet order, read back with poppler from the left and the right half of every side."""
import subprocess
from pathlib import Path

import pytest
from weasyprint import HTML

from digituki.leaflets.imposition import impose, sheet_order

from browser_support import missing


def _half(pdf: Path, side: int, left: bool) -> str:
    """The text of one half of an A4 landscape side (842 x 595 pt)."""
    try:
        run = subprocess.run(["pdftotext", "-f", str(side), "-l", str(side), "-x",
                              "0" if left else "421", "-y", "0", "-W", "421", "-H", "595",
                              str(pdf), "-"], capture_output=True, text=True, check=True)
    except FileNotFoundError:
        missing("pdftotext (Debian package poppler-utils) not found")
    return " ".join(run.stdout.split())


@pytest.fixture(scope="module")
def a5_booklet() -> bytes:
    pages = "".join(f'<p style="break-before: page">Sivu {n}</p>' for n in range(1, 9))
    return HTML(string=f"<style>@page {{ size: A5 }}</style>{pages}").write_pdf()


def test_sheet_order_folds_into_page_order():
    assert sheet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    with pytest.raises(ValueError):
        sheet_order(6)


def test_the_print_file_has_two_pages_a_side_in_booklet_order(a5_booklet, tmp_path):
    printed = tmp_path / "print.pdf"
    printed.write_bytes(impose(a5_booklet, "Digituki: Aura"))
    found = [(_half(printed, side, True), _half(printed, side, False)) for side in range(1, 5)]
    assert found == [("Sivu 8", "Sivu 1"), ("Sivu 2", "Sivu 7"), ("Sivu 6", "Sivu 3"),
                     ("Sivu 4", "Sivu 5")]


def test_the_same_booklet_gives_the_same_print_file(a5_booklet):
    assert impose(a5_booklet, "Digituki: Aura") == impose(a5_booklet, "Digituki: Aura")
