"""The provider page answers "where and when is help" first: help hours per service and
place before anything else, the building's own hours apart and plainly labelled, a 14-day
view that folds the days without help, a map link for each place with coordinates; and the
404 pages offer somewhere to go on."""
import datetime
import html
import re
from pathlib import Path

import pytest

from digituki.model.build import load_dataset
from digituki.site.build import _helplines
from digituki.present.hours_view import date_range, days_ahead, osm_link, week_rows
from digituki.site.pages import language_site

from browser_support import site  # noqa: F401 - the fixture site, built once per session
from conftest import REPO, TODAY

LANGS = ("fi", "sv", "en")
D = datetime.date


@pytest.fixture(scope="module")
def provider_pages(dataset):
    """The rendered body of every-field's page, per language (no engine needed)."""
    found = {}
    for lang in LANGS:
        pages = language_site(dataset, lang, REPO / "content").pages
        found[lang] = next(p.body for p in pages if p.path == "providers/every-field.md")
    return found


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))).strip()


def test_closed_days_fold_into_ranges_in_each_language():
    assert date_range(D(2026, 12, 5), D(2026, 12, 7), "fi") == "5.–7.12."
    assert date_range(D(2026, 12, 5), D(2026, 12, 7), "sv") == "5–7.12"
    assert date_range(D(2026, 12, 5), D(2026, 12, 7), "en") == "5–7 Dec"
    assert date_range(D(2026, 11, 30), D(2026, 12, 2), "fi") == "30.11.–2.12."
    assert date_range(D(2026, 11, 30), D(2026, 12, 2), "en") == "30 Nov – 2 Dec"
    assert date_range(D(2026, 12, 9), D(2026, 12, 9), "fi") == "ke 9.12."


def test_the_14_day_view_lists_help_days_and_folds_the_rest(provider_pages):
    expected = {
        "fi": ["suljettu 26.–30.11.", "ti 1.12. 10–12", "suljettu 2.–6.12.", "ma 7.12. 13–15",
               "suljettu ti 8.12. (Koulutuspäivä)", "suljettu ke 9.12."],
        "sv": ["stängt 26–30.11", "tis 1.12 10–12", "stängt 2–6.12", "mån 7.12 13–15",
               "stängt tis 8.12 (Utbildningsdag)", "stängt ons 9.12"],
        "en": ["closed 26–30 Nov", "Tue 1 Dec 10–12", "closed 2–6 Dec", "Mon 7 Dec 13–15",
               "closed Tue 8 Dec (Staff training)", "closed Wed 9 Dec"],
    }
    for lang, lines in expected.items():
        week = re.search(r'<ul class="dt-days">(.*?)</ul>', provider_pages[lang], re.S).group(1)
        assert [_text(li) for li in re.findall(r"<li[^>]*>(.*?)</li>", week)] == lines
        # A day with help is marked by more than colour: its time is bold, on its own line.
        assert '<li class="dt-day dt-day-help"><span class="dt-day-date">' in week
        assert "<strong class=\"dt-day-time\">" in week


def test_a_holiday_keeps_its_own_line_and_fourteen_days_are_covered(dataset):
    phone_line = next(p for p in dataset.providers if p.id == "every-field").services[1].at[0]
    rows = week_rows(days_ahead(phone_line, D(2026, 12, 21)))   # Mo-Th 9-12; PH off
    eve = next(r for r in rows if r.first == D(2026, 12, 24))
    assert (eve.last, eve.open, eve.changed) == (D(2026, 12, 24), False, True)
    covered = sum((r.last - r.first).days + 1 for r in rows)
    assert covered == 14 and rows[0].first == D(2026, 12, 21) and rows[-1].last == D(2027, 1, 3)


def test_help_hours_come_first_and_the_building_hours_are_labelled_apart(provider_pages):
    labels = {"fi": ("Opastusajat", "Paikan aukioloajat – opastusta vain opastusaikoina"),
              "sv": ("Handledningstider", "Platsens öppettider – handledning bara under handledningstiderna"),
              "en": ("Help hours", "Opening hours of the building – help only during help hours")}
    for lang, (help_hours, building) in labels.items():
        body = provider_pages[lang]
        order = [body.index(f'id="{anchor}"') for anchor in
                 ("help-hours", "contact", "services", "places")]
        assert order == sorted(order), lang
        assert f'<h2 id="help-hours">{help_hours}</h2>' in body
        first = body.split('id="when-drop-in"', 1)[1].split("</section>", 1)[0]
        # Where, the weekday and time, the booking rule beside them, then the next session.
        assert re.search(r'class="dt-at-where"><a href="#point-main">', first)
        assert re.search(r'<div class="dt-when">\s*<ul class="dt-hours-words"><li>(ti|tis|Tue) 10–12</li>',
                         first)
        assert 'class="dt-booking-rule dt-booking-recommended"' in first
        assert first.index('class="dt-booking-rule') < first.index('class="dt-next"')
        places = body.split('id="places"', 1)[1]
        assert f'<div class="dt-building">\n<h4>{building}</h4>' in places
        # The building's block has no "open now" or 14-day view of its own.
        building_block = places.split('<div class="dt-building">', 1)[1].split("</div>\n</div>", 1)[0]
        assert "dt-now" not in building_block and "dt-week" not in building_block


def test_each_place_with_coordinates_links_to_openstreetmap(provider_pages):
    href = "https://www.openstreetmap.org/?mlat=60.8496&amp;mlon=23.0586#map=17/60.8496/23.0586"
    assert osm_link(60.8496, 23.0586) == html.unescape(href)
    names = {"fi": "Näytä kartalla", "sv": "Visa på karta", "en": "Show on map"}
    for lang, name in names.items():
        links = re.findall(r'<a class="dt-map" href="([^"]+)">([^<]+)</a>', provider_pages[lang])
        assert links == [(href, f"{name} (OpenStreetMap)")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_404_offers_search_and_the_municipality_list(site, lang):  # noqa: F811
    page = (site / lang / "404.html").read_text(encoding="utf-8")
    assert re.search(rf'<form class="dt-search-form" role="search" action="/{lang}/search/" '
                     r'method="get">', page)
    assert '<input id="dt-404-search" type="search" name="q">' in page
    assert f'<a href="/{lang}/municipalities/">' in page
    assert 'href="tel:' not in page.split('id="dt-main"', 1)[1].split("</main>", 1)[0]  # none here


def test_the_root_404_offers_the_same_in_every_language(site):  # noqa: F811
    page = (site / "404.html").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'<section class="more" lang="{lang}">' in page
        assert f'action="/{lang}/search/"' in page and f'href="/{lang}/municipalities/"' in page


def test_the_region_help_line_is_offered_where_there_is_one():
    demo, _ = load_dataset(REPO / "providers", TODAY)
    lines = _helplines(demo, "fi")
    assert lines and all(line["e164"].startswith("+") and line["written"] for line in lines)
