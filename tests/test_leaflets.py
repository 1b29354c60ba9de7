"""Printable leaflets as real PDFs, read back with poppler's tools (pdftotext, pdfinfo,
pdffonts, pdftohtml): what they say, that they are tagged A4 with a title and language and
embedded fonts, large print, continuation pages, determinism, and the links to them.

poppler-utils is installed by ./scripts/test; a missing tool skips these tests on a
developer's machine and fails them when CI is set (``browser_support.missing``).
"""
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from digituki.cli import main
from digituki.leaflets import LeafletError, write_leaflets
from digituki.model.build import load_dataset
from digituki.model.urls import BOOKLET, FOLDED, POSTER, PRINT_FILE, leaflet_path
from digituki.outputcache import ENVIRONMENT, OutputCache
from digituki.present.hours_view import hours_in_words
from digituki.present.names import slug
from digituki.site.pages import language_site
from digituki.i18n import t

from browser_support import missing
from conftest import INVALID, REPO, TODAY, VALID

LANGS = ("fi", "sv", "en")
DAY = ("--today", TODAY.isoformat())


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        missing(f"{name} (Debian package poppler-utils) is not installed")
    return path


def _run(*command) -> str:
    return subprocess.run([_tool(command[0]), *map(str, command[1:])], check=True,
                          capture_output=True, text=True).stdout


def text_of(pdf: Path) -> str:
    """The PDF's text with every run of white space made one space (lines wrap anywhere)."""
    return " ".join(_run("pdftotext", "-enc", "UTF-8", pdf, "-").split())


def info(pdf: Path) -> dict:
    return dict(line.split(":", 1) for line in _run("pdfinfo", "-isodates", pdf).splitlines()
                if ":" in line)


def pages(pdf: Path) -> int:
    return int(info(pdf)["Pages"])


@pytest.fixture(scope="module", autouse=True)
def fresh_cache(tmp_path_factory):
    """The leaflets' output cache in a folder of this module's own, empty at its start."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENVIRONMENT, str(tmp_path_factory.mktemp("leaflet-cache")))
        yield


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The leaflets of the valid fixture, made by ``digituki leaflets`` (None: no fonts)."""
    out = tmp_path_factory.mktemp("site")
    try:
        status = main(["leaflets", "--data", str(VALID), *DAY, "--out", str(out)])
    except LeafletError:
        return None
    assert status == 0
    return out


@pytest.fixture
def site(built) -> Path:
    if built is None or not (built / "leaflets").exists():
        missing("the font of the leaflets (Debian package fonts-dejavu-core) is not installed")
    return built


def _names(dataset) -> dict[str, str]:
    """municipality code -> file name (slug)."""
    return {code: slug(dataset.term("municipalities", code).name.fi)
            for code in dataset.region.municipalities}


def _serves(point, code: str) -> bool:
    return point.municipality == code if point.type == "place" else code in point.serves


# --- files and what they say ---------------------------------------------------------------

def test_every_municipality_and_the_region_in_every_language_and_both_sizes(site, dataset):
    made = {p.relative_to(site).as_posix() for p in (site / "leaflets").rglob("*.pdf")}
    names = [*_names(dataset).values(), "region"]
    kinds = [(POSTER, False), (POSTER, True), (BOOKLET, False), (BOOKLET, True),
             (FOLDED, False), (PRINT_FILE, False)]
    assert made == {leaflet_path(lang, name, large, kind) for lang in LANGS for name in names
                    for kind, large in kinds}
    assert {"leaflets/fi/loimaa.pdf", "leaflets/fi/loimaa-large.pdf",
            "leaflets/fi/loimaa-poster.pdf", "leaflets/fi/loimaa-poster-large.pdf",
            "leaflets/fi/loimaa-a5.pdf", "leaflets/fi/loimaa-a5-print.pdf"} <= made


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("lang", LANGS)
def test_each_municipality_leaflet_has_every_provider_with_phone_and_hours(
        site, dataset, lang, large):
    for code, name in _names(dataset).items():
        text = text_of(site / leaflet_path(lang, name, large))
        providers = [p for p in dataset.providers
                     if any(_serves(sp, code) for sp in p.service_points)]
        for p in providers:
            assert p.name.in_language(lang)[0] in text, (name, p.id)
            points = [sp for sp in p.service_points if _serves(sp, code)]
            for sp in points:
                if sp.phone:
                    assert sp.phone.written in text, (name, p.id, sp.id)
            if p.contact and p.contact.phone and any(sp.type == "place" for sp in points):
                assert p.contact.phone.written in text, (name, p.id)
            for service in p.services:
                for at in service.at:
                    if any(at.point == sp.id for sp in points):
                        for line in hours_in_words(at.hours, TODAY, lang):
                            assert line in text, (name, p.id, service.id, line)
        others = [p for p in dataset.providers if p not in providers]
        for p in others:
            assert p.name.in_language(lang)[0] not in text, (name, p.id)


def test_the_fixture_leaflets_say_what_the_records_say(site):
    """Every piece the issue names, in the every-field record's Loimaa leaflet."""
    text = text_of(site / "leaflets/en/loimaa.pdf")
    for expected in (
            "Library of every field", "Main library", "Vareliuksenkatu 2, 32200 Loimaa",
            "How to get there: The bus stop is in front of the library.",
            "+358 2 1234 568", "02 1234 569", "Tue 10–12", "first Monday of the month 13–15",
            "closed on public holidays", "Drop-in, Public computer with a helper",
            "Booking: Booking is recommended.", "Cost: There is a fee. Printing 0.50 € a page.",
            "What to bring: Your phone, charger and passwords.",
            # changes of the next 8 weeks in runs: the record's and the public holidays
            "Changes in the next 8 weeks: Closed Tue 8 Dec and Tue 5 Jan; 15–16 Dec 10–11.",
            "Changes in the next 8 weeks: Closed Thu 24 Dec and Wed 6 Jan.",
            "Topics: Smartphone, Online banking. Languages: Finnish, Swedish, Finnish Sign",
            "Notice: No help over Christmas.",
            "Information checked on 2 Nov 2026 (on a visit).", "Printed on 26 Nov 2026.",
            t("helpers_never", "en"), t("demo_banner", "en"),
            "https://digituki.example.org/en/municipalities/loimaa/"):
        assert expected in text, expected
    # one QR code, to the municipality's page: none per provider or service
    assert "https://digituki.example.org/en/providers/every-field/" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_demo_banner_and_the_helpers_boundaries_are_on_every_leaflet(site, lang):
    for pdf in sorted((site / "leaflets" / lang).glob("*.pdf")):
        text = text_of(pdf)
        assert t("demo_banner", lang) in text, pdf.name
        assert t("helpers_never", lang) in text, pdf.name
        assert t("printed_on", lang).format(date="26.11.2026" if lang != "en"
                                            else "26 Nov 2026") in text, pdf.name


def test_the_region_leaflet_has_help_without_booking_first_and_every_provider(site, dataset):
    text = text_of(site / "leaflets/fi/region.pdf")
    # every-field's phone line (no booking) first; its event last
    assert (text.index(t("leaflet.section_drop_in", "fi")) < text.index("Puhelinneuvonta")
            < text.index(t("leaflet.section_events", "fi")) < text.rindex("Pankkipäivä"))
    for p in dataset.providers:
        assert p.name.fi in text, p.id
    for phone in ("02 1234 569", "+358 2 1234 568"):
        assert phone in text
    assert "https://digituki.example.org/fi/" in text


def test_reading_order_is_the_visual_order(site):
    """Structure tree and text: the banner, the title, the boundaries, help without booking
    (the phone line serving Aura, then the place there), then the way back to the website."""
    text = text_of(site / "leaflets/fi/aura.pdf")
    order = [t("demo_banner", "fi"), "Digituki: Aura", t("helpers_never", "fi"),
             t("leaflet.section_drop_in", "fi"), "Kaikkien kenttien kirjasto",
             "Pienin mahdollinen", t("leaflet_online", "fi")]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    structure = _run("pdfinfo", "-struct", site / "leaflets/fi/aura.pdf")
    headings = re.findall(r"^\s*(H\d)\b", structure, re.M)
    assert headings[:3] == ["H1", "H2", "H3"]


# --- PDF properties ------------------------------------------------------------------------

def _catalog_languages(pdf: Path) -> list[bytes]:
    """/Lang entries, read from the compressed object streams too."""
    data = pdf.read_bytes()
    found = re.findall(rb"/Lang\s*\(([^)]*)\)", data)
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            found += re.findall(rb"/Lang\s*\(([^)]*)\)", zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name, large, title", [
    ("loimaa", False, "{site} – Loimaa"),
    ("loimaa", True, "{site} – Loimaa ({large})"),
    ("region", False, "{site} – {region}")])
def test_tagged_a4_with_title_language_and_build_date(site, dataset, lang, name, large, title):
    pdf = site / leaflet_path(lang, name, large)
    found = info(pdf)
    assert found["Tagged"].strip() == "yes"
    assert found["Title"].strip() == title.format(
        site=t("site_name", lang), large=t("large_print", lang),
        region=dataset.region.name.in_language(lang)[0])
    assert "(A4)" in found["Page size"]
    assert found["CreationDate"].strip().startswith(TODAY.isoformat())
    assert _catalog_languages(pdf) == [lang.encode()]


def test_fonts_are_embedded_dejavu(site):
    for pdf in (site / "leaflets/fi/loimaa.pdf", site / "leaflets/sv/region-large.pdf"):
        rows = _run("pdffonts", pdf).splitlines()[2:]
        assert rows, "no fonts"
        for row in rows:
            name, *_rest = row.split()
            emb = row.split()[-5]
            assert emb == "yes", row
            assert "Leaflet-Sans" in name, row   # DejaVu Sans from fonts-dejavu-core


def _font_sizes(pdf: Path) -> set[int]:
    """Sizes in points of all text, from pdftohtml's font list at zoom 1."""
    xml = _run("pdftohtml", "-xml", "-i", "-stdout", "-zoom", "1", pdf)
    return {int(size) for size in re.findall(r'<fontspec [^>]*size="(\d+)"', xml)}


def test_large_print_has_no_text_below_16_points(site):
    for pdf in sorted((site / "leaflets").rglob("*-large.pdf")):
        sizes = _font_sizes(pdf)
        assert sizes and min(sizes) >= 16, (pdf.name, sorted(sizes))
    # the measure notices smaller text: the normal leaflets have some
    assert min(_font_sizes(site / "leaflets/fi/loimaa.pdf")) < 16


# --- long municipalities, determinism, the command, the links ------------------------------

def test_a_long_municipality_continues_on_more_pages_with_nothing_lost(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    record = (VALID / "minimal.yaml").read_text(encoding="utf-8")
    names = []
    for n in range(1, 16):
        name = f"Auran digikerho numero {n}"
        names.append(name)
        (data / f"kerho-{n}.yaml").write_text(
            record.replace("id: minimal", f"id: kerho-{n}")
                  .replace("Pienin mahdollinen", name)
                  .replace("Kauppatie 1", f"Kauppatie {n + 1}"), encoding="utf-8")
    dataset, result = load_dataset(data, TODAY)
    assert dataset is not None, result.problems
    try:
        written = write_leaflets(dataset, tmp_path / "out", only=["aura"])
    except LeafletError:
        missing("the font of the leaflets (Debian package fonts-dejavu-core) is not installed")
    assert len(written.paths) == 3 * 6   # posters, booklets, the folded one and its print file
    for large in (False, True):
        pdf = tmp_path / "out" / leaflet_path("fi", "aura", large)
        assert pages(pdf) >= 2
        text = text_of(pdf)
        for n, name in enumerate(names, start=1):
            assert name in text
            assert f"Kauppatie {n + 1}, 21380 Aura" in text
        assert text.count("to 13–15") >= 16     # every club's hours and the original's
        assert text.count(t("page", "fi") + " ") >= 2
        # nothing shrunk to fit: the large print stays large
        if large:
            assert min(_font_sizes(pdf)) >= 16


def test_the_same_records_and_date_give_the_same_bytes(site, dataset, tmp_path):
    """Rendered again, without the cache, in one process."""
    run = write_leaflets(dataset, tmp_path, workers=1, only=["loimaa"],
                         cache=OutputCache(tmp_path / "cache"))
    assert len(run.rendered) == 3 * 5
    for path in run.paths:
        assert (tmp_path / path).read_bytes() == (site / path).read_bytes(), path


def test_leaflets_refuse_invalid_data(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    shutil.copy(INVALID / "value-enum.yaml", data)
    status = main(["leaflets", "--data", str(data), *DAY, "--out", str(tmp_path / "out")])
    assert status == 1 and "error[value-enum]" in capsys.readouterr().out
    assert not (tmp_path / "out" / "leaflets").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_municipality_and_home_pages_link_the_poster_first_with_pages_and_size(
        site, dataset, lang):
    files = {p.relative_to(site).as_posix(): (pages(p), p.stat().st_size)
             for p in (site / "leaflets" / lang).glob("*.pdf")}
    built = {p.path: p for p in language_site(dataset, lang, REPO / "content", files).pages}
    # the poster, the booklet, then the A5 booklet to read and its print file
    cases = [("municipalities/loimaa.md", f"{lang}/municipalities/loimaa/", "loimaa",
              ["print_poster", "print_poster_large", "print_leaflet", "print_leaflet_large",
               "read_folded", "print_folded"]),
             ("index.md", f"{lang}/", "region",
              ["print_region_poster", "print_region_poster_large", "print_region_leaflet",
               "print_region_leaflet_large", "read_folded", "print_folded"])]
    kinds = [(POSTER, False), (POSTER, True), (BOOKLET, False), (BOOKLET, True),
             (FOLDED, False), (PRINT_FILE, False)]
    for source, address, name, labels in cases:
        links = re.findall(r'<a href="([^"]+\.pdf)">([^<]+)</a>', built[source].body)
        assert len(links) == len(labels)
        for (href, label), key, (kind, large) in zip(links, labels, kinds):
            path = leaflet_path(lang, name, large, kind)
            target = (site / address / href).resolve()
            assert target == (site / path).resolve() and target.is_file()
            count, size = files[path]
            assert label.startswith(t(key, lang) + " (PDF, ")
            assert f" {count} " in label or (count == 1 and "1 " in label)
            assert f"{round(size / 1000)} " in label, (label, size)


def test_hostile_record_text_is_printed_as_text(tmp_path):
    """A record that got past validation (built straight into the model, as in
    test_safety.py) prints its markup as letters: nothing is parsed, fetched or linked."""
    import copy

    from digituki.model.build import build_dataset
    from digituki.schema.records import PROVIDER
    from digituki.validate.dataset import validate_dataset
    from test_safety import HOSTILE, _poison

    result = validate_dataset(VALID, TODAY)
    for checked in result.providers():
        checked.value = _poison(copy.deepcopy(checked.value), PROVIDER)
    try:
        write_leaflets(build_dataset(result, TODAY), tmp_path, workers=1, only=["loimaa"])
    except LeafletError:
        missing("the font of the leaflets (Debian package fonts-dejavu-core) is not installed")
    # lines wrap inside the markup ("</" + "script>"): compare without any white space
    text = "".join(text_of(tmp_path / "leaflets/en/loimaa.pdf").split())
    assert "".join(HOSTILE.split()) in text


def test_an_unbroken_word_or_address_breaks_at_the_page_edge(tmp_path, dataset):
    """A word longer than a line, and a long web address, wrap instead of running off the
    page: every letter is in the PDF's text (a line cut at the edge loses its end)."""
    import dataclasses

    from digituki.model.classes import Text

    word = "Ä" + "abcdefghij" * 100 + "Ö"  # many lines wide, in either size
    url = "https://example.org/" + "/".join(["polku" * 40] * 5) + "?loppu=Z"
    provider = dataset.providers[1]
    point = dataclasses.replace(provider.service_points[0], url=url)
    provider = dataclasses.replace(provider, name=Text(fi=word), service_points=(point,))
    hostile = dataclasses.replace(dataset, providers=(dataset.providers[0], provider))
    try:
        write_leaflets(hostile, tmp_path, workers=1, only=["aura"])
    except LeafletError:
        missing("the font of the leaflets (Debian package fonts-dejavu-core) is not installed")
    for large in (False, True):
        # the page's header and footer may stand between the parts of a word on two pages:
        # read the pages' text without their margins (A4 is 595 x 842 pt)
        body = _run("pdftotext", "-enc", "UTF-8", "-x", 0, "-y", 40, "-W", 595, "-H", 740,
                    tmp_path / leaflet_path("fi", "aura", large), "-")
        text = "".join(body.split())
        assert word in text and url in text
