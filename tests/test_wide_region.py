"""The region's poster and booklet when the region is the whole country (issue 14): above
WIDE_REGION municipalities they list only the help that reaches every municipality of the
region (a national helpline, remote help for everyone) and, in the booklet, an index of the
municipalities with each one's web page; every place is on its own municipality's leaflets.

The wide region is the valid fixture with 40 more municipalities, its phone line serving
all 46 of them.
"""
import shutil
from pathlib import Path

import pytest
import yaml

from digituki.leaflets import LeafletError
from digituki.leaflets.content import WIDE_REGION, region_leaflet, wide_region
from digituki.leaflets.poster import municipality_poster, region_poster
from digituki.model.build import load_dataset
from digituki.model.urls import BOOKLET, POSTER

from browser_support import missing
from conftest import TODAY, VALID
from test_leaflets import text_of

EXTRA = [f"{n}" for n in range(900, 940)]


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    data = tmp_path_factory.mktemp("wide") / "data"
    shutil.copytree(VALID, data)
    vocabulary = data / "_vocabulary" / "municipalities.yaml"
    terms = yaml.safe_load(vocabulary.read_text(encoding="utf-8"))
    terms["terms"] += [{"id": code, "name": {"fi": f"Testikunta {code}"}} for code in EXTRA]
    vocabulary.write_text(yaml.safe_dump(terms, allow_unicode=True), encoding="utf-8")
    region = data / "_region.yaml"
    codes = ["019", "284", "430", "480", "577", "608"] + EXTRA
    region.write_text(region.read_text(encoding="utf-8").replace(
        'municipalities: ["019", "284", "430", "480", "577", "608"]',
        f"municipalities: {codes}".replace("'", '"')), encoding="utf-8")
    record = data / "every-field.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        'serves: ["430", "019"]', f"serves: {codes}".replace("'", '"')), encoding="utf-8")
    dataset, result = load_dataset(data, TODAY)
    assert dataset is not None, result.problems
    assert len(dataset.region.municipalities) == len(codes) > WIDE_REGION
    return dataset


def test_a_region_of_a_few_municipalities_lists_every_place(dataset):
    assert not wide_region(dataset)
    leaflet = region_leaflet(dataset, "fi")
    assert leaflet.municipalities == ()
    points = {stop.point.id for section in leaflet.sections for e in section.entries
              for stop in e.stops}
    assert "main" in points      # a place, not only the remote help


def test_a_wide_region_lists_the_help_for_all_of_it_and_an_index_of_municipalities(wide):
    assert wide_region(wide)
    leaflet = region_leaflet(wide, "fi")
    points = {(e.provider.id, stop.point.id) for section in leaflet.sections
              for e in section.entries for stop in e.stops}
    assert points == {(p.id, sp.id) for p, sp in wide.region_helplines()}
    assert points == {("every-field", "phone-line")}
    names = [name.fi for name, _ in leaflet.municipalities]
    assert names == ["Aura", "Koski Tl", "Loimaa", "Marttila", "Oripää", "Pöytyä",
                     *(f"Testikunta {code}" for code in EXTRA)]
    assert leaflet.municipalities[2][1] == "https://digituki.example.org/fi/municipalities/loimaa/"


def test_a_wide_regions_poster_names_no_places(wide):
    assert region_poster(wide, "fi").groups == ()


def _printed(dataset, kind, content, folder: Path) -> str:
    """The text of a leaflet as printed (a PDF made with WeasyPrint, its text extracted)."""
    from digituki.leaflets.render import Document, Renderer   # imports WeasyPrint
    try:
        renderer = Renderer(dataset)
    except LeafletError:
        missing("the font of the leaflets (Debian package fonts-dejavu-core) is not installed")
    pdf = folder / "leaflet.pdf"
    pdf.write_bytes(renderer.pdf(Document(kind, content, "fi", False)))
    return text_of(pdf)


def test_the_wide_regions_booklet_prints_the_helpline_and_every_municipality(wide, tmp_path):
    text = _printed(wide, BOOKLET, region_leaflet(wide, "fi"), tmp_path)
    assert "Puhelinneuvonta" in text and "02 1234 569" in text
    index = text[text.index("Kunnat"):]
    for name in ("Aura", "Pöytyä", "Testikunta 900", "Testikunta 939"):
        assert name in index
    assert "https://digituki.example.org/fi/municipalities/testikunta-939/" in index


def test_a_poster_without_places_prints_no_empty_weekly_table_but_says_why(wide, tmp_path):
    """The wide region's poster, and that of a municipality with help only by phone and
    online, have no place to list under the weekdays: instead of the table's empty head they
    say where the places are, or that there is none, and still print the helpline."""
    for poster, why in (
            (region_poster(wide, "fi"), "Paikat, joissa saa apua kasvokkain: kunnan oma "
                                        "viikkojuliste ja verkko-osoite yllä."),
            (municipality_poster(wide, "900", "fi"), "Tässä kunnassa ei ole paikkaa, jossa saa "
                                                     "apua kasvokkain. Apua saa puhelimitse ja "
                                                     "verkossa.")):
        printed = " ".join(_printed(wide, POSTER, poster, tmp_path).split())
        assert "Opastusajat viikonpäivittäin" not in printed
        assert why in printed
        assert "02 1234 569" in printed
    aura = " ".join(_printed(wide, POSTER, municipality_poster(wide, "019", "fi"),
                             tmp_path).split())
    assert "Opastusajat viikonpäivittäin" in aura and "ei ole paikkaa" not in aura
