"""The citizen site as built files: pages, languages, hours, structured data, determinism."""
import datetime
import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import yaml

from digituki.model.build import load_dataset
from digituki.site.build import build_site
from digituki.site.pages import _front_matter
from digituki.present.hours_view import days_ahead, hours_in_words
from digituki.site.privacy import html_urls, third_party_requests
from digituki.site.search import is_unstable

from conftest import REPO, TODAY, VALID

LANGS = ("fi", "sv", "en")


@pytest.fixture(scope="module")
def site(dataset, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(dataset, out)
    return out


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _files(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- pages and languages -------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", [
    "", "municipalities/", "municipalities/loimaa/", "topics/", "topics/online-banking/",
    "help/in-person/", "help/remote/", "help/learning/", "providers/every-field/",
    "providers/minimal/", "about/", "accessibility/", "privacy/", "network/"])
def test_every_page_type_exists_with_lang_and_hreflang(site, lang, page):
    html = _html(site, f"{lang}/{page}index.html")
    assert f'<html lang="{lang}"' in html
    alternates = re.findall(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)"', html)
    assert alternates == [(code, f"https://digituki.example.org/{code}/{page}") for code in LANGS]
    assert "Esimerkkiaineisto" in html or "Exempeldata" in html or "Example data" in html


def test_the_root_page_offers_the_three_languages(site):
    html = _html(site, "index.html")
    assert re.findall(r'<a href="([a-z]+/)" lang="([a-z]+)"', html) == [
        ("fi/", "fi"), ("sv/", "sv"), ("en/", "en")]


def test_municipality_page_lists_places_there_and_remote_help_serving_it(site):
    html = _html(site, "en/municipalities/aura/index.html")
    cards = html.split('<section class="dt-upcoming"', 1)[1].split("</section>", 1)[1]
    here, remote = cards.split("Remote services for the municipality")
    assert "providers/minimal/" in here and "providers/every-field/" not in here
    assert "providers/every-field/" in remote  # its phone line serves Aura (019)


def test_provider_pages_are_not_in_the_navigation(site):
    """The navigation is rendered into every page: listing providers there is quadratic."""
    nav = _html(site, "fi/index.html").split('class="md-nav', 1)[1].split("</nav>", 1)[0]
    assert "providers/" not in nav


def test_record_text_missing_in_a_language_is_marked_finnish(site):
    html = _html(site, "sv/providers/minimal/index.html")
    assert '<h1><span lang="fi">Pienin mahdollinen</span></h1>' in html


def test_suggest_a_correction_opens_the_issue_form_filled_in(site):
    """The link's query names the form and fills its `record` field: GitHub fills a form
    field from the query parameter named by the field's id."""
    page = _html(site, "en/providers/minimal/index.html")
    href = html.unescape(re.search(r'<p class="dt-correct"><a href="([^"]+)">Suggest a correction',
                                   page).group(1))
    address, query = href.split("?")
    assert address == "https://github.com/example/digituki-loimaa/issues/new"
    fields = parse_qs(query)
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / fields["template"][0])
                          .read_text(encoding="utf-8"))
    ids = {item["id"] for item in form["body"] if "id" in item}
    assert fields["record"] == ["minimal"] and "record" in ids
    assert fields["title"] == ["Korjaus / Correction: Pienin mahdollinen"]


def test_no_page_would_load_from_another_site(site):
    assert third_party_requests(site) == []


def test_pages_read_in_parts_load_what_they_load_read_whole(site):
    """The build reads a page it renders in parts, each known by its bytes from the pages read
    before (privacy.html_urls): every page of the site, read so with nothing known and then
    with what the first reading learnt, loads exactly what it loads read in one go."""
    parts: dict[bytes, list[str]] = {}
    pages = sorted(site.rglob("*.html"))
    whole = {page: html_urls(page.read_text(encoding="utf-8")) for page in pages}
    for _ in range(2):
        assert {page: html_urls(page.read_text(encoding="utf-8"), parts)
                for page in pages} == whole
    assert len(parts) > len(pages)   # listing pages hold many parts


def test_the_privacy_check_notices_a_third_party_resource(tmp_path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://cdn.example.com/x.css">'
                                     '<a href="https://example.org/">fine</a>'
                                     '<link rel="canonical" href="https://example.org/a/">'
                                     '<img src="//tracker.example.com/p.gif">')
    (tmp_path / "b.css").write_text("@import 'https://fonts.example.com/f.css'; a{}")
    assert third_party_requests(tmp_path) == [
        ("a.html", "https://cdn.example.com/x.css"), ("a.html", "//tracker.example.com/p.gif"),
        ("b.css", "https://fonts.example.com/f.css")]


# --- hours -----------------------------------------------------------------------------------

def _provider(dataset, provider_id):
    return next(p for p in dataset.providers if p.id == provider_id)


def test_hours_in_the_words_people_use(dataset):
    main = _provider(dataset, "every-field").service_points[0]
    drop_in = _provider(dataset, "every-field").services[0].at[0]
    assert hours_in_words(main.hours, TODAY, "fi") == ["ma–pe 10–19", "la 10–15",
                                                       "suljettu arkipyhinä"]
    assert hours_in_words(drop_in.hours, TODAY, "fi") == [
        "ti 10–12", "kuukauden 1. maanantai 13–15", "suljettu arkipyhinä"]
    assert hours_in_words(drop_in.hours, TODAY, "sv") == [
        "tis 10–12", "första måndagen i månaden 13–15", "stängt på helgdagar"]
    assert hours_in_words(drop_in.hours, TODAY, "en") == [
        "Tue 10–12", "first Monday of the month 13–15", "closed on public holidays"]


def _day(days, day):
    return next(d for d in days if d.date == day)


def test_weekday_service_is_closed_on_independence_day_and_christmas_eve(dataset):
    phone_line = _provider(dataset, "every-field").services[1].at[0]   # Mo-Th 09-12; PH off
    december = days_ahead(phone_line, datetime.date(2026, 12, 3))
    assert _day(december, datetime.date(2026, 12, 7)).spans  # Monday, open
    # 6 December 2026 is a Sunday: the weekday service is closed that day anyway,
    # and on Monday 7th it is open again.
    assert _day(december, datetime.date(2026, 12, 6)).spans == ()
    christmas = days_ahead(phone_line, datetime.date(2026, 12, 21))
    eve = _day(christmas, datetime.date(2026, 12, 24))  # Thursday, a public holiday
    assert (eve.spans, eve.changed, eve.reason) == ((), True, None)
    assert _day(christmas, datetime.date(2026, 12, 23)).spans == (
        (datetime.time(9), datetime.time(12)),)
    sunday = _provider(dataset, "every-field").services[1].at[2]  # Su 12-13; PH off
    independence = _day(days_ahead(sunday, datetime.date(2026, 12, 1)), datetime.date(2026, 12, 6))
    assert (independence.spans, independence.changed) == ((), True)


def test_first_monday_of_the_month(dataset):
    drop_in = _provider(dataset, "every-field").services[0].at[0]
    days = days_ahead(drop_in, datetime.date(2026, 12, 1))
    mondays = {d.date: d.spans for d in days if d.date.weekday() == 0}
    assert mondays == {datetime.date(2026, 12, 7): ((datetime.time(13), datetime.time(15)),),
                       datetime.date(2026, 12, 14): ()}


def test_exception_shows_on_its_day_with_its_reason_in_every_language(dataset, tmp_path):
    out = tmp_path / "site"
    data, _ = load_dataset(VALID, datetime.date(2026, 12, 1))
    build_site(data, out)
    expected = {"fi": ("ti 8.12.2026", "Koulutuspäivä"), "sv": ("tis 8.12.2026", "Utbildningsdag"),
                "en": ("Tue 8 Dec 2026", "Staff training")}
    for lang, (day, reason) in expected.items():
        html = _html(out, f"{lang}/providers/every-field/index.html")
        # The help hours of the service (at the top of the page, apart from its details).
        service = html.split('id="when-drop-in"', 1)[1].split('id="when-remote"', 1)[0]
        changes = re.search(r'<p class="dt-changes">(.*?)</p>', service, re.S).group(1)
        assert f"{day} {'suljettu' if lang == 'fi' else 'stängt' if lang == 'sv' else 'closed'} ({reason})" in changes
        # In the 14-day view the changed day keeps a line of its own, with its reason.
        short = {"fi": "ti 8.12.", "sv": "tis 8.12", "en": "Tue 8 Dec"}[lang]
        row = re.search(r'<li class="dt-day dt-day-off dt-changed">(.*?)</li>', service)
        assert re.sub(r"<[^>]+>", "", row.group(1)) == f"{'suljettu' if lang == 'fi' else 'stängt' if lang == 'sv' else 'closed'} {short} ({reason})"


def test_open_now_data_lists_the_intervals_for_the_browser(site):
    html = _html(site, "fi/providers/every-field/index.html")
    first = re.search(r'class="dt-now"[^>]* data-intervals="([^"]+)"', html).group(1)
    intervals = json.loads(first.replace("&#34;", '"'))
    assert intervals[0] == ["2026-12-01T10:00:00+02:00", "2026-12-01T12:00:00+02:00"]


# --- structured data -----------------------------------------------------------------------

def test_provider_json_ld(site):
    html = _html(site, "en/providers/every-field/index.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.S).group(1))
    assert (data["@context"], data["@type"], data["name"]) == ("https://schema.org", "Library",
                                                               "Library of every field")
    main = data["location"][0]
    assert main["address"]["postalCode"] == "32200"
    assert {"@type": "OpeningHoursSpecification", "opens": "10:00", "closes": "19:00",
            "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]} \
        in main["openingHoursSpecification"]
    assert main["specialOpeningHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "validFrom": "2026-12-24",
         "validThrough": "2026-12-26", "opens": "00:00", "closes": "00:00"},
        {"@type": "OpeningHoursSpecification", "validFrom": "2026-12-31",
         "validThrough": "2026-12-31", "opens": "10:00", "closes": "14:00"},
        {"@type": "OpeningHoursSpecification", "validFrom": "2027-01-05",
         "validThrough": "2027-01-05", "opens": "00:00", "closes": "00:00"}]
    drop_in = data["makesOffer"][0]["itemOffered"]["availableChannel"][0]
    # The session is off when its place is closed for stocktaking (5 January).
    assert {"@type": "OpeningHoursSpecification", "validFrom": "2027-01-05",
            "validThrough": "2027-01-05", "opens": "00:00", "closes": "00:00"} \
        in drop_in["specialOpeningHoursSpecification"]
    services = [offer["itemOffered"]["name"] for offer in data["makesOffer"]]
    assert services == ["Digital help", "Etäopastus", "Pankkipäivä"]


# --- the build as a whole --------------------------------------------------------------------

def _stable(files: dict) -> dict:
    """All but the Pagefind files whose order changes from run to run (see site/search.py)."""
    return {name: data for name, data in files.items() if not is_unstable(name)}


def test_two_builds_of_the_same_input_and_date_are_byte_identical(dataset, site, tmp_path):
    again = tmp_path / "again"
    build_site(dataset, again)
    mine, theirs = _files(site), _files(again)
    assert _stable(mine) == _stable(theirs)
    assert any(name.startswith("pagefind/index/") for name in _stable(mine))
    assert len(mine) - len(_stable(mine)) <= 60  # filters, Pagefind's loader and UI files


def test_the_engine_is_a_thin_layer_properdocs_builds_the_same_pages(dataset, site, tmp_path):
    """Only the engine name changes; pages differ at most in the generator tag."""
    other = tmp_path / "properdocs"
    build_site(dataset, other, engine="properdocs")
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    mine, theirs = _stable(_files(site)), _stable(_files(other))
    assert sorted(mine) == sorted(theirs)
    differing = [name for name in mine if generator.sub(b"", mine[name]) !=
                 generator.sub(b"", theirs[name])]
    assert differing == []


@pytest.mark.parametrize("title", ["a\x85b\u2028c\x7fd\x9be\u2029", 'Kahvila "<b>Digi</b>"',
                                   "emoji 😀 \x00\t\n\r\ufffe"])
def test_a_page_title_reads_back_from_its_front_matter_whatever_it_holds(title):
    """The engine reads the front matter as YAML; a title it cannot read made MkDocs drop the
    whole front matter (the page was then titled after its file name)."""
    front = _front_matter(title, indexed=True).split("---")[1]
    assert yaml.safe_load(front) == {"title": html.escape(title, quote=False)}
