"""The next help sessions on the listing pages and the cards: the same intervals as the
provider pages (holidays, exceptions and closed buildings applied), in the order a reader
wants them, readable on a phone at large text."""
import dataclasses
import datetime
import html
import json
import re
import shutil
from pathlib import Path

import pytest

from digituki.model.build import load_dataset
from digituki.outputcache import OutputCache
from digituki.site.build import build_site
from digituki.present.hours_view import date_text, days_ahead, span
from digituki.site.search_data import search_meta
from digituki.site.upcoming import (agenda, card_order, collect, day_heading, index_sessions,
                                    topic_groups, upcoming)
from digituki.values.hours import Hours

from browser_support import browser, browser_text_size, need, serve  # noqa: F401
from conftest import TODAY, VALID

LOIMAA = "430"
D = datetime.date


def _at(data, today: datetime.date):
    return dataclasses.replace(data, today=today)


def _lines(sessions) -> list[tuple]:
    return [(s.day, s.provider.id, s.service.id, s.point.id, s.spans) for s in sessions]


def _provider(data, provider_id):
    return next(p for p in data.providers if p.id == provider_id)


def _with_session_hours(provider, new_id: str, hours: str):
    """A copy of a provider under another id whose every help session has ``hours``."""
    services = tuple(dataclasses.replace(s, at=tuple(dataclasses.replace(
        at, hours=Hours.of(hours), exceptions=()) for at in s.at)) for s in provider.services)
    return dataclasses.replace(provider, id=new_id, services=services)


def test_sessions_are_the_intervals_of_the_provider_page(dataset):
    """Every session of the 14 days, exactly as the provider page's 14-day view lists it."""
    expected = []
    for p in dataset.providers:
        for s in p.services:
            for at in s.at:
                for day in days_ahead(p.session_schedule(at), TODAY):
                    if day.spans:
                        expected.append((day.date, p.id, s.id, at.point, day.spans))
    assert sorted(_lines(collect(dataset))) == sorted(expected)


def test_a_session_exception_and_a_public_holiday_leave_the_day_out(dataset):
    found = _lines(collect(dataset))
    drop_in = [line[0] for line in found if line[2] == "drop-in"]
    # Tuesdays 1.12. and the first Monday 7.12.; Tuesday 8.12. is a staff training day.
    assert drop_in == [D(2026, 12, 1), D(2026, 12, 7)]
    video = [line[0] for line in found if line[3] == "video"]
    # Fridays and Sundays, but not Sunday 6.12., Independence Day (PH off).
    assert video == [D(2026, 11, 27), D(2026, 11, 29), D(2026, 12, 4)]


def test_no_session_in_a_closed_building(dataset):
    """The library is closed for stocktaking on Tuesday 5.1.2027: its Tuesday help is off."""
    data = _at(dataset, D(2027, 1, 4))
    drop_in = [line[0] for line in _lines(collect(data)) if line[2] == "drop-in"]
    assert D(2027, 1, 5) not in drop_in and D(2027, 1, 12) in drop_in


def test_regular_help_comes_before_a_one_off_event_on_the_same_day(dataset):
    every_field = _provider(dataset, "every-field")
    services = tuple(dataclasses.replace(s, at=(dataclasses.replace(
        s.at[0], hours=Hours.of("2027 Jan 14 08:00-09:00")),)) if s.id == "bank-day" else s
        for s in every_field.services)
    data = dataclasses.replace(_at(dataset, D(2027, 1, 4)), providers=tuple(
        dataclasses.replace(p, services=services) if p.id == "every-field" else p
        for p in dataset.providers))
    thursday = [s for s in collect(data) if s.day == D(2027, 1, 14)]
    assert [(s.service.id, s.start.hour, s.one_off) for s in thursday] == [
        ("remote", 9, False), ("peer-help", 13, False), ("bank-day", 8, True)]


def test_the_region_helpline_is_regular_help_and_marked(dataset):
    every_field = _provider(dataset, "every-field")
    region = dataset.region.municipalities
    points = tuple(dataclasses.replace(sp, serves=region) if sp.id == "phone-line" else sp
                   for sp in every_field.service_points)
    data = dataclasses.replace(dataset, providers=tuple(
        dataclasses.replace(p, service_points=points) if p.id == "every-field" else p
        for p in dataset.providers))
    found = collect(data)
    assert {s.point.id for s in found if s.whole_region} == {"phone-line"}
    assert all(not s.one_off for s in found if s.whole_region)
    index = index_sessions(found)
    assert all(any(s.point.id == "phone-line" for s in index.by_municipality[code])
               for code in region)


def test_indexes_per_municipality_topic_and_mode(dataset):
    info = upcoming(dataset)
    assert {s.provider.id for s in info.by_municipality["019"]} == {"every-field", "minimal"}
    assert {s.point.id for s in info.by_municipality["019"]} == {"phone-line", "club"}
    assert {s.service.id for s in info.by_topic["suomi-fi"]} == {"remote"}
    assert {s.point.type for s in info.by_mode["remote"]} == {"phone", "chat", "video"}
    assert {s.point.type for s in info.by_mode["in-person"]} == {"place"}
    # Every list keeps the order of the whole: by day, then regular help by start time.
    for sessions in (*info.by_municipality.values(), *info.by_topic.values()):
        keys = [(s.day, s.one_off, s.start) for s in sessions]
        assert keys == sorted(keys)


def test_agenda_lists_the_first_days_with_sessions_and_counts_the_rest(dataset):
    sessions = upcoming(dataset).sessions
    short = agenda(sessions, max_days=2, per_day=1, open_days=1)
    assert [d.day for d in short.days] == [D(2026, 11, 26), D(2026, 11, 27)]  # 28.11. none
    assert [len(d.sessions) for d in short.days] == [1, 1]
    assert [d.more for d in short.days] == [1, 0]
    assert [d.folded for d in short.days] == [False, True]
    assert short.left_out == len(sessions) - 2
    whole = agenda(sessions, max_days=14, per_day=99)
    assert whole.left_out == 0 and sum(len(d.sessions) for d in whole.days) == len(sessions)
    # The pass stops after the last day listed: disorder among the days it lists is refused.
    with pytest.raises(ValueError, match="not in list order"):
        agenda(sessions[::-1], max_days=2, per_day=1)


def test_cards_regular_help_first_then_events_then_nothing(dataset):
    data = _at(dataset, D(2027, 1, 4))
    minimal = _provider(data, "minimal")
    event = _with_session_hours(minimal, "an-event", "2027 Jan 12 10:00-11:00")
    later = _with_session_hours(minimal, "a-later-event", "2027 Mar 1 10:00-11:00")
    aaa = _with_session_hours(minimal, "aaa-weekly", "Fr 10:00-11:00")
    data = dataclasses.replace(data, providers=(*data.providers, event, later, aaa))
    info = upcoming(data)
    order = [p for p, _ in card_order(data.providers, info.first, lambda p: p.id)]
    # every-field: Monday 4.1. (phone line); minimal Thursday 7.1.; aaa Friday 8.1.
    assert [p.id for p in order] == ["every-field", "minimal", "aaa-weekly", "an-event",
                                     "a-later-event"]


def test_the_card_and_the_search_result_name_the_same_next_session(dataset):
    info = upcoming(dataset)
    for p in dataset.providers:
        first = info.next_of(p)
        for lang in ("fi", "sv", "en"):
            assert search_meta(dataset, p, first, lang).get("next") == (
                f"{date_text(first.day, lang)} {span(*first.spans[0], lang)}" if first else None)


def test_topic_groups_by_place_and_remote(dataset):
    places, remote = topic_groups(dataset, dataset.providers, "smartphone")
    assert {code: [p.id for p in found] for code, found in places.items()} == {
        LOIMAA: ["every-field"], "019": ["minimal"]}
    assert remote == []
    places, remote = topic_groups(dataset, dataset.providers, "suomi-fi")
    assert places == {} and [p.id for p in remote] == ["every-field"]


# --- the built pages ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(dataset, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("upcoming-site")
    build_site(dataset, out)
    return out


def _page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def _upcoming_section(text: str) -> str:
    return text.split('<section class="dt-upcoming"', 1)[1].split("</section>", 1)[0]


_LINE = re.compile(r'<li class="dt-up-line[^"]*">\s*<p class="dt-up-title">'
                   r'<strong class="dt-up-time">([^<]*)</strong>\s*'
                   r'<a href="\.\./\.\./providers/([^/]+)/#service-([^"]+)">')


def _listed(section: str) -> list[tuple[str, str, str, str]]:
    """(day heading, provider id, service id, time text) of every line, in page order."""
    found = []
    for part in re.split(r'<h3 class="dt-up-day"[^>]*>', section)[1:]:
        heading, rest = part.split("</h3>", 1)
        found += [(heading, p, s, html.unescape(time)) for time, p, s in _LINE.findall(rest)]
    return found


def test_loimaa_lists_exactly_the_sessions_of_the_provider_pages(site, dataset):
    """For every help session that reaches Loimaa (a place there, or a channel serving it),
    each day the provider page's 14-day view has hours is one line, and nothing else."""
    expected = []
    for p in dataset.providers:
        points = {sp.id: sp for sp in p.service_points}
        for s in p.services:
            for at in s.at:
                if not points[at.point].reaches(LOIMAA):
                    continue
                for day in days_ahead(p.session_schedule(at), TODAY):
                    if day.spans:
                        times = ", ".join(span(a, b, "fi") for a, b in day.spans)
                        expected.append((day.date, day_heading(day.date, "fi"), p.id, s.id,
                                         f"klo {times}"))
    listed = _listed(_upcoming_section(_page(site, "fi/municipalities/loimaa")))
    assert sorted(listed) == sorted(line[1:] for line in expected)
    # Days in date order; Tuesday 8.12. (staff training) has the phone line but no drop-in.
    assert [line[0] for line in listed] == sorted(
        (line[0] for line in listed), key=lambda h: D(*reversed([int(x) for x in
                                                                 h.split()[1].split(".")])))
    december_8 = [line[2] for line in listed if line[0] == "Tiistai 8.12.2026"]
    assert december_8 == ["remote"]
    assert not any(line[0] == "Sunnuntai 6.12.2026" for line in listed)


def test_each_line_is_an_interval_on_its_provider_page(site):
    """The provider page's own "open now" data holds the interval of every listed line."""
    text = _upcoming_section(_page(site, "fi/municipalities/loimaa"))
    for heading, provider_id, service_id, time in _listed(text):
        page = _page(site, f"fi/providers/{provider_id}")
        assert f'id="service-{service_id}"' in page
        intervals = {tuple(pair) for found in re.findall(r'data-intervals="([^"]+)"', page)
                     for pair in json.loads(html.unescape(found))}
        day, month, year = (int(x) for x in heading.split()[1].split("."))
        start = time.removeprefix("klo ").split("–")[0]
        hour, _, minute = start.partition(".")
        opens = datetime.datetime(year, month, day, int(hour), int(minute or 0))
        assert any(a.startswith(opens.strftime("%Y-%m-%dT%H:%M")) for a, _ in intervals), (
            heading, provider_id, service_id, time)


def test_a_line_says_where_what_booking_and_cost(site):
    text = _upcoming_section(_page(site, "fi/municipalities/loimaa"))
    first_tuesday = text.split("Tiistai 1.12.2026", 1)[1].split('<h3', 1)[0]
    drop_in = first_tuesday.split("#service-drop-in", 1)[1].split("</li>", 1)[0]
    plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", drop_in))
    assert "Kaikkien kenttien kirjasto: Digiopastus" in plain
    assert "Pääkirjasto, Vareliuksenkatu 2, Loimaa" in plain
    assert "Missä autetaan: Älypuhelin, Verkkopankki" in plain
    assert "Ajanvaraus on suositeltava. Maksullinen." in plain
    phone = first_tuesday.split("#service-remote", 1)[1].split("</li>", 1)[0]
    plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", phone))
    assert "Puhelinneuvonta 02 1234 569, Aura, Loimaa" in plain or \
        "Puhelinneuvonta 02 1234 569, Loimaa, Aura" in plain
    assert "Ei ajanvarausta. Maksuton." in plain


@pytest.mark.parametrize("lang,heading", [("fi", "Seuraavat opastukset"),
                                          ("sv", "Kommande handledningar"),
                                          ("en", "Upcoming help sessions")])
@pytest.mark.parametrize("page", ["", "municipalities/aura/", "topics/smartphone/",
                                  "help/in-person/", "help/remote/", "help/learning/"])
def test_every_listing_page_has_the_upcoming_sessions(site, lang, heading, page):
    text = _page(site, f"{lang}/{page}".rstrip("/"))
    assert f'<h2 id="upcoming">{heading}</h2>' in text
    assert 'data-pagefind-ignore' in text.split('<section class="dt-upcoming"', 1)[1][:80]


def test_the_home_page_shows_a_few_days_and_sends_on_to_the_municipalities(site):
    text = _upcoming_section(_page(site, "fi"))
    assert text.count('class="dt-up-day"') == 3
    assert '<a href="municipalities/">' in text


def test_an_empty_list_says_so(site):
    text = _upcoming_section(_page(site, "en/help/learning"))
    assert "No help sessions in the next 14 days." in text


def test_cards_show_the_next_session_and_come_soonest_first(site):
    text = _page(site, "fi/municipalities/aura")
    cards = text.split('<section class="dt-upcoming"', 1)[1].split("</section>", 1)[1]
    assert "Seuraava opastus:</strong> to 26.11.2026 klo 13–15" in cards
    remote = cards.split("Etäpalvelut, jotka palvelevat kuntaa", 1)[1]
    assert "Seuraava opastus:</strong> to 26.11.2026 klo 9–12" in remote


def test_topic_page_groups_providers_by_municipality_then_remote_help(site):
    text = _page(site, "fi/topics/smartphone")
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", text.split("</section>", 1)[1])
    assert headings[:2] == ["Aura", "Loimaa"]
    aura = text.split("<h2>Aura</h2>", 1)[1].split("<h2>", 1)[0]
    assert "providers/minimal/" in aura and "providers/every-field/" not in aura
    text = _page(site, "en/topics/suomi-fi")
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", text.split("</section>", 1)[1])
    assert headings[0] == "Remote help: phone, chat and video"


def _sections(site: Path, address: str) -> list[tuple[str, list[str]]]:
    """(heading, the providers whose cards follow it) of each section of a listing."""
    parts = re.split(r"<h2[^>]*>([^<]+)</h2>", _page(site, address).split("</section>", 1)[1])
    return [(parts[i], re.findall(r"providers/([\w-]+)/", parts[i + 1]))
            for i in range(1, len(parts) - 1, 2)]


def test_help_in_person_and_courses_group_providers_by_municipality_remote_help_is_one_list(
        site):
    assert _sections(site, "fi/help/in-person") == [("Aura", ["minimal"]),
                                                   ("Loimaa", ["every-field"])]
    assert _sections(site, "fi/help/learning") == [("Loimaa", ["every-field"])]
    assert _sections(site, "en/help/remote") == [("Providers", ["every-field"])]


@pytest.mark.parametrize("forms", ["[home-visit]", "[home-visit, phone]"])
def test_help_in_person_lists_a_home_visit_where_it_is_given_and_a_place_outside_the_region(
        tmp_path, forms):
    """A home visit is booked on a phone line: it comes to the reader (``comes_to_you`` in
    the forms vocabulary), so it is help in person in every municipality the line serves,
    given with help by phone or not. A place outside the region (a warning, not an error)
    gets a section after the region's municipalities instead of going missing."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    record = data / "minimal.yaml"
    record.write_text(record.read_text(encoding="utf-8")
                      .replace('municipality: "019"', 'municipality: "853"')
                      .replace("services:\n", """  - id: visits
    type: phone
    name: {fi: Kotikäyntien ajanvaraus}
    phone: "02 1234 560"
    serves: ["284"]
services:
  - id: home
    name: {fi: Kotiopastus}
    topics: [smartphone]
    forms: FORMS
    languages: [fi]
    cost: {free: true}
    booking: {need: required}
    not_covered: {fi: Emme käsittele salasanoja.}
    at:
      - point: visits
        hours: "Fr 10:00-12:00; PH off"
""".replace("FORMS", forms), 1), encoding="utf-8")
    dataset, result = load_dataset(data, TODAY)
    assert dataset is not None, [(p.code, p.path) for p in result.problems]
    out = tmp_path / "site"
    build_site(dataset, out, index=False, cache=OutputCache(tmp_path / "cache"))
    assert _sections(out, "fi/help/in-person") == [("Koski Tl", ["minimal"]),
                                                   ("Loimaa", ["every-field"]),
                                                   ("Turku", ["minimal"])]
    koski = _page(out, "fi/help/in-person").split("<h2>Koski Tl</h2>", 1)[1].split("<h2>")[0]
    assert "Seuraava opastus:</strong> pe 27.11.2026 klo 10–12" in koski
    # the topic's page lists the home visit where it is given too, not as remote help
    assert ("Koski Tl", ["minimal"]) in _sections(out, "fi/topics/smartphone")
    # given by phone too, it is also on the page of remote help
    remote = [name for _, names in _sections(out, "en/help/remote") for name in names]
    assert ("minimal" in remote) == ("phone" in forms)


# --- in a real browser -------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(site):
    with serve(site) as address:
        yield address


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_municipality_page_fits_a_phone_at_200_percent_text(browser, served, lang):
    context = need(browser).new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{served}/{lang}/municipalities/loimaa/")
        sizes = page.evaluate("""() => [...document.querySelectorAll(
            '.dt-upcoming p, .dt-upcoming li, .dt-upcoming summary, .dt-card p')]
            .map((el) => parseFloat(getComputedStyle(el).fontSize))""")
        assert sizes and min(sizes) >= 16
        browser_text_size(page, 200)
        page.goto(f"{served}/{lang}/municipalities/loimaa/")
        page.evaluate("() => document.querySelectorAll('details.dt-up-fold')"
                      ".forEach((d) => d.open = true)")
        width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], width
        title = page.evaluate("() => parseFloat(getComputedStyle("
                              "document.querySelector('.dt-up-title a')).fontSize)")
        assert title >= 32
    finally:
        context.close()


def test_a_folded_day_opens_by_keyboard(browser, served):
    context = need(browser).new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{served}/fi/municipalities/loimaa/")
        summary = page.locator("details.dt-up-fold > summary").first
        details = page.locator("details.dt-up-fold").first
        assert not details.evaluate("(d) => d.open")
        summary.focus()
        page.keyboard.press("Enter")
        assert details.evaluate("(d) => d.open")
        assert details.locator(".dt-up-title a").first.is_visible()
    finally:
        context.close()


def test_a_card_names_the_next_session_of_its_own_page(site):
    """On the online-banking topic page the library's card names its banking help in the
    library (Tuesday), not the phone line's Thursday session, which is on other topics."""
    text = _page(site, "fi/topics/online-banking")
    cards = text.split('<section class="dt-upcoming"', 1)[1].split("</section>", 1)[1]
    card = cards.split('href="../../providers/every-field/"', 1)[1].split("</li>", 1)[0]
    assert "Seuraava opastus:</strong> ti 1.12.2026 klo 10–12, Pääkirjasto" in card
    overall = _page(site, "fi/municipalities/aura").split("Etäpalvelut, jotka palvelevat", 1)[1]
    assert "to 26.11.2026 klo 9–12, Puhelinneuvonta" in overall


def test_sessions_kept_across_saves_follow_a_change_of_the_forms_alone(dataset):
    """The preview keeps a record's sessions, with where and how each is listed, while the
    listing rules stay equal (the same provider objects after a save that changed another
    record); a change of the forms vocabulary alone lists them anew."""
    before = collect(dataset)
    kept = collect(dataclasses.replace(dataset))   # a new dataset, equal rules
    assert len(kept) == len(before) and all(a is b for a, b in zip(kept, before))
    at_place = next(s for s in before if s.point.type == "place")
    form = at_place.service.forms[0]
    term = dataset.vocabularies["forms"][form]
    other = "learning" if term.mode != "learning" else "in-person"
    forms = {**dataset.vocabularies["forms"], form: dataclasses.replace(term, mode=other)}
    changed = collect(dataclasses.replace(
        dataset, vocabularies={**dataset.vocabularies, "forms": forms}))
    same = next(s for s in changed if (s.provider.id, s.service.id, s.point.id, s.day) ==
                (at_place.provider.id, at_place.service.id, at_place.point.id, at_place.day))
    assert other in same.modes and same.modes != at_place.modes
