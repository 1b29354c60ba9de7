"""The leaflets as a librarian prints them (issue 13): the one-page weekly poster, the booklet
in the order a reader wants, the folded A5 booklet with its print file, and the cache that
renders only what changed. Read back from the PDFs with poppler and pdfplumber.

The demo data (providers/) is the scale the poster is made for; a generated municipality of
40 places shows what happens when a poster does not fit its page.
"""
import datetime
import html
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest

from digituki.i18n import t, weekday_names
from digituki.leaflets import LeafletError, write_leaflets
from digituki.leaflets.content import kind_of, municipality_leaflet
from digituki.leaflets.poster import municipality_poster, posters
from digituki.leaflets.render import Document, Renderer
from digituki.model.build import load_dataset
from digituki.model.urls import BOOKLET, FOLDED, POSTER, leaflet_path
from digituki.outputcache import OutputCache
from digituki.present.names import slug

from browser_support import missing
from conftest import REPO, TODAY, VALID
from test_leaflets import info, pages, text_of

DEMO_DAY = datetime.date(2026, 11, 30)
LANGS = ("fi", "sv", "en")
# The demo's two big posters: Loimaa (14 places, 17 weekly services) and the region (26
# places) do not fit one A4 page at 11 pt (DejaVu Sans) with every place's topics and
# languages; they continue on a clearly titled second (the region's: third) page in every
# language, the rest are one page.
LONG_POSTERS = {"loimaa": 2, "region": 3}


@pytest.fixture(scope="module")
def demo():
    data, _ = load_dataset(REPO / "providers", DEMO_DAY)
    return data


@pytest.fixture(scope="module")
def renderer(demo):
    try:
        return Renderer(demo)
    except LeafletError:
        missing("the font of the leaflets (Debian package fonts-dejavu-core) is not installed")


def _write(renderer: Renderer, document: Document, folder: Path) -> Path:
    target = folder / document.path
    target.parent.mkdir(parents=True, exist_ok=True)
    parts = renderer.parts(document, renderer.html(document))
    target.write_bytes(parts["pdf"])
    if "print" in parts:
        target.with_name(target.stem + "-print.pdf").write_bytes(parts["print"])
    return target


def _page_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def _smallest_text(pdf: Path) -> float:
    with pdfplumber.open(pdf) as document:
        return min(char["size"] for page in document.pages for char in page.chars
                   if char["text"].strip())


# --- the weekly poster ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_each_poster_fits_its_page_and_names_every_place_and_weekday(demo, renderer, lang,
                                                                     tmp_path):
    for poster in posters(demo, lang):
        pdf = _write(renderer, Document(POSTER, poster, lang, False), tmp_path)
        assert pages(pdf) <= LONG_POSTERS.get(poster.name, 1), poster.name
        text = text_of(pdf)
        names = weekday_names(lang, "short")
        for day in poster.weekdays:
            assert names[day] in text, (poster.name, day)
        for group in poster.groups:
            for place in group.places:
                assert place.point.name.in_language(lang)[0] in text, (poster.name, place)
        for helpline in poster.helplines:
            assert helpline.point.phone.written in text
        assert t("leaflet.check_times", lang) in text and t("helpers_never", lang) in text


def _html_text(renderer: Renderer, document: Document) -> str:
    """The document's text as its HTML says it, in reading order (a table's cells are read
    across in the PDF's text)."""
    source = renderer.html(document)
    body = source[source.index("<body>"):]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()).replace(" .", ".")


def test_the_poster_says_help_times_booking_cost_topics_and_changes_in_runs(demo, renderer,
                                                                           tmp_path):
    document = Document(POSTER, municipality_poster(demo, "430", "fi"), "fi", False)
    said = _html_text(renderer, document)
    for expected in ("Digiopastus asiakaspalvelussa – ei ajanvarausta, maksuton",
                     "Varattu digiaika – varaa aika, maksuton",
                     # every service of a place on the same terms: said once, by its name
                     "Loimaan seurakunta. Ei ajanvarausta, maksuton.",
                     # which weeks beside the service; the weekday's cell has the time only
                     "Digikahvila (kuun 1.) 13–15",
                     "Älypuhelin tutuksi, kevät 2027 (13.1.–17.3.) 10–11.30",
                     "Aiheet: Älypuhelin", "OmaKanta", "Kielet: suomi, ruotsi, englanti",
                     "Kaikki paikat kiinni 24.–26.12., 31.12.–1.1. ja ke 6.1.",
                     # Tuesday and Thursday help closed for two weeks: one run
                     "Hirvikosken kirjasto, Hirvikoskentie 12: Suljettu 12.–21.1.",
                     "to 14.1. 13–15 Pankkipäivä"):
        assert expected in said, expected
    text = text_of(_write(renderer, document, tmp_path))
    # (the changes stand in two columns: their lines are read across in the PDF's text)
    for expected in ("+44 20 7946 0100", "Kaikki paikat kiinni",
                     "https://digituki.example.org/fi/municipalities/loimaa/",
                     "Tulostettu 30.11.2026."):
        assert expected in text, expected
    assert renderer.html(document).count("<svg") == 1   # one QR code


def _forty_places(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    record = (VALID / "minimal.yaml").read_text(encoding="utf-8")
    for n in range(1, 40):
        (data / f"kerho-{n}.yaml").write_text(
            record.replace("id: minimal", f"id: kerho-{n}")
                  .replace("Pienin mahdollinen", f"Auran digikerho numero {n}")
                  .replace("Kauppatie 1", f"Kauppatie {n + 1}"), encoding="utf-8")
    dataset, result = load_dataset(data, TODAY)
    assert dataset is not None, result.problems
    return dataset


@pytest.mark.parametrize("large, smallest", [(False, 11), (True, 16)], ids=["normal", "large"])
def test_a_forty_place_poster_continues_under_its_title_and_never_shrinks(tmp_path, large,
                                                                         smallest):
    dataset = _forty_places(tmp_path)
    try:
        poster = municipality_poster(dataset, "019", "fi")
        pdf = _write(Renderer(dataset), Document(POSTER, poster, "fi", large), tmp_path)
    except LeafletError:
        missing("the font of the leaflets (Debian package fonts-dejavu-core) is not installed")
    places = [place for group in poster.groups for place in group.places]
    assert len(places) == 40
    texts = _page_texts(pdf)
    assert len(texts) >= 2
    title = f"{t('leaflet.poster_title', 'fi')}: Aura"
    assert texts[0].startswith(t("demo_banner", "fi")) and title in texts[0]
    for page in texts[1:]:
        assert f"{title} ({t('leaflet.continued', 'fi')})" in page
    text = " ".join(texts)
    for place in places:
        assert place.point.name.fi in text
    assert _smallest_text(pdf) >= smallest - 0.01


# --- the booklet ---------------------------------------------------------------------------

def _lines_by_size(pdf: Path) -> list[list[tuple[float, str]]]:
    """Each page's lines of text as (font size, text), top to bottom."""
    found = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            lines: dict[int, list] = {}
            for char in page.chars:
                lines.setdefault(round(char["top"]), []).append(char)
            found.append([(max(c["size"] for c in chars),
                           "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])))
                          for _, chars in sorted(lines.items())])
    return found


HEADING, FOOT = 13.5, 9.5   # an entry's name and its last line (leaflet-style.html)


def test_no_entry_breaks_across_pages(demo, renderer, tmp_path):
    """Every entry's name (13.5 pt) and last line (9.5 pt) are on the same page: no page
    starts inside an entry or ends after an entry's name without its end."""
    for code in demo.region.municipalities:
        leaflet = municipality_leaflet(demo, code, "fi")
        pdf = _write(renderer, Document(BOOKLET, leaflet, "fi", False), tmp_path)
        for number, lines in enumerate(_lines_by_size(pdf), start=1):
            sizes = [round(size, 1) for size, _ in lines if round(size, 1) in (HEADING, FOOT)]
            sizes = [size for i, size in enumerate(sizes) if i == 0 or sizes[i - 1] != size]
            assert sizes == [HEADING, FOOT] * (len(sizes) // 2), (leaflet.name, number, lines)


def test_each_municipality_booklet_opens_with_help_without_booking(demo):
    helplines = {(p.id, sp.id) for p, sp in demo.region_helplines()}
    for code in demo.region.municipalities:
        for lang in LANGS:
            leaflet = municipality_leaflet(demo, code, lang)
            first = leaflet.sections[0]
            assert first.heading == t("leaflet.section_drop_in", lang)
            entry = first.entries[0]
            stop = entry.stops[0]
            assert (entry.provider.id, stop.point.id) in helplines or all(
                s.service.booking.need == "none" and s.service.cost.free for s in stop.sessions)
            assert [s.heading for s in leaflet.sections] == [
                t(f"leaflet.section_{kind}", lang) for kind in ("drop_in", "booked", "courses",
                                                                "events")
                if t(f"leaflet.section_{kind}", lang) in [s.heading for s in leaflet.sections]]


def test_the_booklet_lists_every_services_topics_and_the_helpline_first(demo, renderer,
                                                                       tmp_path):
    leaflet = municipality_leaflet(demo, "430", "fi")
    pdf = _write(renderer, Document(BOOKLET, leaflet, "fi", False), tmp_path)
    text = text_of(pdf)
    assert text.index("Apua ilman ajanvarausta") < text.index("Digitukipuhelin") < text.index(
        "Apua ajanvarauksella") < text.index("Kurssit") < text.index("Tapahtumat")
    for entry in (e for section in leaflet.sections for e in section.entries):
        for stop in entry.stops:
            for session in stop.sessions:
                for topic in session.service.topics:
                    assert demo.term("topics", topic).name.fi in text, (entry.provider.id, topic)
    assert "OmaKanta" in text
    # the changes in runs, and no QR code per provider or service
    assert "Suljettu 24.–26.12." in text
    assert renderer.html(Document(BOOKLET, leaflet, "fi", False)).count("<svg") == 1


def test_events_come_last_by_date(demo):
    leaflet = municipality_leaflet(demo, "430", "en")
    events = leaflet.sections[-1]
    assert events.heading == t("leaflet.section_events", "en")
    days = [min(s.first for stop in e.stops for s in stop.sessions) for e in events.entries]
    assert days == sorted(days)
    for entry in events.entries:
        for stop in entry.stops:
            for session in stop.sessions:
                assert kind_of(session.service, session.schedule.hours, demo.today) == "events"


# --- the folded booklet --------------------------------------------------------------------

def _size(pdf: Path) -> tuple[int, int]:
    width, height = map(float, re.findall(r"[\d.]+", info(pdf)["Page size"])[:2])
    return round(width), round(height)


@pytest.mark.parametrize("code", ["577", "430"])
def test_the_folded_booklet_fills_whole_sheets_and_its_print_file_has_half_the_pages(
        demo, renderer, tmp_path, code):
    leaflet = municipality_leaflet(demo, code, "fi")
    pdf = _write(renderer, Document(FOLDED, leaflet, "fi", False), tmp_path)
    printed = pdf.with_name(pdf.stem + "-print.pdf")
    count = pages(pdf)
    assert count % 4 == 0
    assert pages(printed) == count // 2
    assert info(pdf)["Tagged"].strip() == "yes"
    assert _size(pdf) == (420, 595)        # A5
    assert _size(printed) == (842, 595)    # A4 landscape: two A5 pages side by side
    texts = _page_texts(pdf)
    # the pages added to fill the sheets are for notes
    last_content = max(i for i, page in enumerate(texts) if t("leaflet.notes", "fi") not in page)
    assert last_content >= count - 4
    for page in texts[last_content + 1:]:
        assert t("leaflet.notes", "fi") in page


# --- only what changed is rendered again ---------------------------------------------------

def test_a_cached_build_is_byte_identical_and_a_changed_record_renders_only_its_leaflets(
        tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    # in Finnish only, to render fewer
    finnish = (data / "_region.yaml").read_text(encoding="utf-8").replace(
        "languages: [fi, sv, en]", "languages: [fi]")
    (data / "_region.yaml").write_text(finnish, encoding="utf-8")
    dataset, _ = load_dataset(data, TODAY)
    assert dataset.region.languages == ("fi",)
    cache = OutputCache(tmp_path / "cache")
    try:
        clean = write_leaflets(dataset, tmp_path / "clean", cache=cache)
    except LeafletError:
        missing("the font of the leaflets (Debian package fonts-dejavu-core) is not installed")
    assert len(clean.rendered) == 7 * 5   # 6 municipalities and the region, 5 documents each
    again = write_leaflets(dataset, tmp_path / "again", cache=cache)
    assert again.rendered == []
    assert again.paths == clean.paths
    for path in clean.paths:
        assert (tmp_path / "again" / path).read_bytes() == (tmp_path / "clean" / path).read_bytes()
    # minimal.yaml has one place, in Aura: only Aura's and the region's leaflets change
    record = data / "minimal.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("13:00-15:00", "13:00-16:00"),
                      encoding="utf-8")
    changed, _ = load_dataset(data, TODAY)
    after = write_leaflets(changed, tmp_path / "after", cache=cache)
    names = {Path(path).name.split("-")[0].removesuffix(".pdf") for path in after.rendered}
    assert names == {"aura", "region"}
    aura = slug(changed.term("municipalities", "019").name.fi)
    assert set(after.rendered) == {
        leaflet_path("fi", name, large, kind) for name in (aura, "region")
        for kind, sizes in ((POSTER, (False, True)), (BOOKLET, (False, True)), (FOLDED, (False,)))
        for large in sizes}
