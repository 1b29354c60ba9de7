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
from digituki.leaflets.content import kind_of, municipality_leaflet, region_leaflet
from digituki.leaflets.poster import municipality_poster, posters, region_poster
from digituki.leaflets.render import Document, Renderer
from digituki.model.build import load_dataset
from digituki.model.urls import BOOKLET, FOLDED, POSTER, leaflet_path
from digituki.outputcache import OutputCache
from digituki.present.names import slug, text_in

from browser_support import missing
from conftest import REPO, TODAY, VALID
from test_leaflets import info, pages, text_of

DEMO_DAY = datetime.date(2026, 11, 30)
LANGS = ("fi", "sv", "en")


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
def test_each_poster_is_one_page_and_names_every_place_and_weekday(demo, renderer, lang,
                                                                   tmp_path):
    """Every municipality's and the region's poster in normal print, Loimaa's 14 places and
    the region's 19 among them, is exactly one A4 page, its text never below 11 pt."""
    for poster in posters(demo, lang):
        pdf = _write(renderer, Document(POSTER, poster, lang, False), tmp_path)
        assert pages(pdf) == 1, poster.name
        assert _smallest_text(pdf) >= 11 - 0.01, poster.name
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
        if bool(poster.events) != bool(poster.remote):   # one list, its heading run in
            heading = t("leaflet.events" if poster.events else "leaflet.other_remote", lang)
            assert f"{heading}: " in text, poster.name


def _html_text(renderer: Renderer, document: Document) -> str:
    """The document's text as its HTML says it, in reading order (a table's cells are read
    across in the PDF's text)."""
    source = renderer.html(document)
    body = source[source.index("<body>"):]
    return re.sub(r" ([.,:])", r"\1",
                  " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()))


def test_the_poster_says_help_times_booking_cost_topics_and_changes_in_runs(demo, renderer,
                                                                           tmp_path):
    document = Document(POSTER, municipality_poster(demo, "430", "fi"), "fi", False)
    said = _html_text(renderer, document)
    for expected in (
            # what a place's services share is said once, by its name (the main library's
            # are all free); the rest beside each service
            "Pääkirjasto, Kauppalankatu 5. Maksuton. Älypuhelin, Tabletti, Tietokone",
            "Digiopastus asiakaspalvelussa – ei ajanvarausta 10–12",
            "Varattu digiaika – varaa aika 13–16",
            # the provider only where the place's name does not say it
            "Seurakuntakeskus, Kirkkokatu 6. Ei ajanvarausta, maksuton.",
            "Kerhotalo Koivula, Koivukatu 4 · Loimaan Seudun Eläkkeensaajat ry. Ei "
            "ajanvarausta, maksuton.",
            # a branch with the topics and languages of one above points to it
            "Mellilän kirjasto, Mellilänraitti 8. Maksuton. Aiheet ja kielet kuin: "
            "Alastaron kirjasto.",
            "Mellilän pappila, Pappilantie 2. Ei ajanvarausta, maksuton. Sama järjestäjä, "
            "aiheet ja kielet kuin: Seurakuntakeskus.",
            # which weeks beside the service; the weekday's cell has the time only
            "Digikahvila (kuun 1.) 13–15",
            "Älypuhelin tutuksi, kevät 2027 (13.1.–17.3.) 10–11.30",
            "OmaKanta", "Kielet: suomi, ruotsi, englanti",
            "Kaikki paikat kiinni 24.–26.12., 31.12.–1.1. ja ke 6.1.",
            # the changes of the coming weeks in the place's own line; Tuesday and Thursday
            # help closed for two weeks: one run
            "Kelan asiointi. Kielet: suomi, ruotsi, englanti. Suljettu 12.–21.1. "
            "Asiakaskone ja opastus 13–19",
            # a provider's line beside its place (home visits are booked on it: help that
            # comes to the reader, not remote help), the helpline's chat beside it
            "Ikäpiste, Hämeentie 14. Ei ajanvarausta, maksuton.",
            "Myös kotikäyntejä: Digikotikäyntien ajanvaraus +44 20 7946 0021: Ti, to 10–15.",
            "Myös etänä: Opiston etäluokka: Ti 13–14.30.",
            "Digitukipuhelin Ma, ti, to 9–12, ke 16–18.",
            "Digituen chat: Ma–pe 12–15.",
            "Tapahtumat: to 14.1. 13–15 Pankkipäivä"):
        assert expected in said, expected
    assert t("leaflet.other_remote", "fi") not in said   # every channel said by its place
    text = text_of(_write(renderer, document, tmp_path))
    # (the changes stand in two columns: their lines are read across in the PDF's text)
    for expected in ("+44 20 7946 0100", "Kaikki paikat kiinni",
                     "https://digituki.example.org/fi/municipalities/loimaa/",
                     "Tulostettu 30.11.2026."):
        assert expected in text, expected
    assert renderer.html(document).count("<svg") == 1   # one QR code


def _text_lines(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [line for page in document.pages
                for line in (page.extract_text() or "").splitlines()]


@pytest.mark.parametrize("lang, large", [("fi", False), ("fi", True), ("en", False),
                                         ("en", True), ("sv", True)])
def test_times_dates_and_short_hyphenated_words_never_break_in_a_narrow_cell(
        demo, renderer, tmp_path, lang, large):
    """A weekday's cell is as wide as its longest time: '10–11.30' stands on one line, not
    '10–' above '11.30'; so do a course's weeks '(13.1.–17.3.)' and 'E-mail'. In large
    print the poster continues on pages titled as the first."""
    poster = municipality_poster(demo, "430", lang)
    pdf = _write(renderer, Document(POSTER, poster, lang, large), tmp_path)
    lines = _text_lines(pdf)
    text = "\n".join(lines)
    whole = {time for times in poster.times_by_weekday for time in times}
    whole |= {row.note for group in poster.groups for place in group.places
              for row in place.rows if "–" in row.note}     # a course's weeks
    if lang == "en":
        whole.add("E-mail")
    assert "10–11.30" in whole or "10–11:30" in whole
    for words in whole:
        assert any(words in line for line in lines), (words, text)
    assert not re.search(r"\w[–-]\n\w", text), text     # no line ends inside '9–12'
    if large:
        assert _smallest_text(pdf) >= 16 - 0.01
        title = f"{t('leaflet.poster_title', lang)}: Loimaa ({t('leaflet.continued', lang)})"
        for page in _page_texts(pdf)[1:]:
            assert title in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_region_poster_lists_places_under_their_municipality_and_region_wide_help(
        demo, renderer, tmp_path, lang):
    """The region's poster, one page: the helpline, every municipality's places by weekday
    (a place's terms only where they differ from most), the remote help for the whole
    region; a place's topics and languages are on its municipality's poster."""
    poster = region_poster(demo, lang)
    document = Document(POSTER, poster, lang, False)
    said = _html_text(renderer, document)
    text = " ".join(_page_texts(_write(renderer, document, tmp_path)))
    assert t("leaflet.topics_on_municipality_posters", lang) in said
    assert t("leaflet.unless_said", lang).format(
        terms=f"{t('leaflet.need_none', lang)}, {t('leaflet.cost_free', lang)}") in said
    for code in demo.region.municipalities:
        assert demo.term("municipalities", code).name.in_language(lang)[0] in text
    codes = set(demo.region.municipalities)
    for p in demo.providers:
        for sp in p.service_points:
            if not sp.is_place and not (p.id, sp.id) in {
                    (h.id, hp.id) for h, hp in demo.region_helplines()}:
                reaches = set(sp.reached_municipalities())
                if reaches & codes:
                    name = sp.name.in_language(lang)[0]
                    assert (name in said) == (codes <= reaches), name
    if lang == "fi":
        for expected in ("Auran kunnantalo – varaa aika 10–12",
                         "Kosken kirjasto. Suljettu ke 30.12.",
                         "Opistotalo (13.1.–17.3.) – varaa aika, maksullinen 10–11.30",
                         "Pääkirjasto. Digiopastus asiakaspalvelussa: suljettu ti 29.12. "
                         "Digiopastus asiakaspalvelussa 10–12 15–17 Varattu digiaika – varaa aika"):
            assert expected in said, expected


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


# The booklets' top margins (leaflet-style.html), where the page header is: normal print,
# large print, the folded A5 booklet.
TOP_MARGIN_MM = {(BOOKLET, False): 16, (BOOKLET, True): 14, (FOLDED, False): 12}


def _headers_and_bodies(pdf: Path, top_mm: float) -> list[tuple[str, str]]:
    """Each page's header (the words in its top margin) and the rest of its words."""
    found = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            words = page.extract_words()
            top = top_mm * 72 / 25.4
            found.append((" ".join(w["text"] for w in words if w["bottom"] <= top),
                          " ".join(w["text"] for w in words if w["bottom"] > top)))
    return found


def test_a_page_header_names_only_an_entry_on_that_page(demo, renderer, tmp_path):
    """The header names the entry a page starts with, or none: the region booklet's last
    page, the closing words alone, named the entry of the page before (Esimerkkipankki), as
    if it went on there. In the demo no entry is longer than a page, so each entry named is
    on its page: every word of the header but the title is in the page's text."""
    leaflet = region_leaflet(demo, "fi")
    title = f"{t('site_name', 'fi')}: {text_in(leaflet.title, 'fi')}".split()
    closing_alone = []
    for (kind, large), top in sorted(TOP_MARGIN_MM.items()):
        pdf = _write(renderer, Document(kind, leaflet, "fi", large), tmp_path / kind)
        named = []
        for number, (header, body) in enumerate(_headers_and_bodies(pdf, top), start=1):
            words = header.split()
            for word in title:
                if word in words:
                    words.remove(word)
            assert [w for w in words if w != "–" and w.rstrip(".") not in body] == [], (
                kind, large, number, header, body[:200])
            named.append(words)
            if body.startswith(t("leaflet_online", "fi")):
                closing_alone.append(words)
        assert sum(bool(words) for words in named) > len(named) / 2, (kind, large, named)
    # the case seen: in large print and the folded booklet, the closing words alone
    assert closing_alone == [[], []]


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
    # the pages added to fill the sheets are for notes, without page numbers: the booklet's
    # own pages count only themselves
    last_content = max(i for i, page in enumerate(texts) if t("leaflet.notes", "fi") not in page)
    assert count - 4 <= last_content < count - 1   # these two booklets need pages for notes
    numbered = [f"{t('page', 'fi')} {number} / {last_content + 1}"
                for number in range(1, last_content + 2)]
    assert [number in page for number, page in zip(numbered, texts)] == [True] * len(numbered)
    for page in texts[last_content + 1:]:
        assert t("leaflet.notes", "fi") in page
        assert t("page", "fi") not in page
        assert t("printed_on", "fi").split("{")[0].strip() not in page   # nor print date


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
