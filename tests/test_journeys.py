"""The journeys we design for, walked in a real browser on the demo site (providers/), with
the taps counted and what the person then sees asserted.

- Aino, 78, Oripää, Android phone at 200 % text: "Where can I get help with OmaKanta next
  week, and must I book?" — a place in Oripää, a weekday, a time and the booking rule within
  two taps of the home page, nothing wider than the screen.
- Bengt, 72, Pöytyä, Swedish, desktop, keyboard only: "Hjälp med nätbanken på svenska" — the
  search answers in Swedish, every result helps with online banking, a filter narrows it to
  Pöytyä, focus is visible at every step, and a typo still leads somewhere.
"""
import re
from contextlib import contextmanager

import pytest

from browser_support import (DEMO, DEMO_TODAY, browser, browser_text_size,  # noqa: F401
                             demo_origin, need)
from digituki.model.build import load_dataset

PHONE, DESKTOP = {"width": 360, "height": 800}, {"width": 1280, "height": 900}


@contextmanager
def person(browser, viewport, text_percent=100):
    context = need(browser).new_context(viewport=viewport, reduced_motion="reduce",
                                        is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    page = context.new_page()
    if text_percent != 100:
        browser_text_size(page, text_percent)
    page.taps, page.touch = 0, viewport is PHONE
    try:
        yield page
    finally:
        context.close()


def tap(page, locator) -> None:
    locator.scroll_into_view_if_needed()
    if page.touch:
        locator.tap()
    else:
        locator.click()
    page.taps += 1


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture(scope="module")
def demo():
    dataset, result = load_dataset(DEMO, DEMO_TODAY)
    assert dataset is not None, result.problems
    return dataset


def test_aino_finds_omakanta_help_in_oripaa_with_day_time_and_booking_in_two_taps(
        browser, demo_origin):
    with person(browser, PHONE, text_percent=200) as page:
        page.goto(f"{demo_origin}/fi/")
        assert fits_the_screen(page)
        tap(page, page.get_by_role("link", name="Oripää", exact=True).first)
        page.wait_for_url("**/fi/municipalities/oripaa/")
        assert fits_the_screen(page)
        line = page.locator(".dt-up-line").filter(has_text="OmaKanta").filter(
            has=page.locator(".dt-up-where", has_text="Oripääntie"))
        assert line.count() >= 1
        first = line.first
        if not first.is_visible():  # on a later day, folded under "Näytä n opastusta"
            fold = page.locator("details.dt-up-fold").filter(has=line).first
            tap(page, fold.locator("summary"))
        assert first.is_visible()
        assert page.taps <= 2
        text = first.inner_text()
        day = first.evaluate("""line => {
            let node = line.closest('details, ul');
            while (node && !(node.previousElementSibling || {}).matches?.('h3')) {
                node = node.parentElement; }
            return node.previousElementSibling.textContent; }""")
        assert re.match(r"(Maanantai|Tiistai|Keskiviikko|Torstai|Perjantai|Lauantai|Sunnuntai)"
                        r" \d+\.\d+\.2026", day), day
        assert re.search(r"klo \d+–\d+", text), text
        assert "Oripää" in text
        assert re.search(r"Ei ajanvarausta|Varaa aika|Ajanvaraus on suositeltava", text), text
        sizes = first.evaluate("l => [...l.querySelectorAll('*')].map("
                               "e => parseFloat(getComputedStyle(e).fontSize))")
        assert min(sizes) >= 32  # 16 px text at 200 %
        assert fits_the_screen(page)


def _helps_with_online_banking(demo) -> set[str]:
    return {p.id for p in demo.providers
            if any("online-banking" in s.topics for s in p.services)}


def _reaching(demo, code: str) -> set[str]:
    return {p.id for p in demo.providers
            if any(sp.reaches(code) for sp in p.service_points)}


def _tab_until(page, predicate: str, limit=80) -> dict:
    """Tab until the focused element matches; focus must be visible at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate("""(predicate) => {
            const e = document.activeElement, s = getComputedStyle(e);
            return {ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                    html: e.outerHTML.slice(0, 120), hit: e.matches(predicate),
                    href: e.getAttribute('href') || ''};
        }""", predicate)
        assert focus["ring"], f"focus not visible on {focus['html']}"
        if focus["hit"]:
            return focus
    pytest.fail(f"Tab never reached {predicate}")


def _providers_shown(page) -> set[str]:
    page.wait_for_function("""() => {
        const s = document.getElementById('dt-search-status');
        return s && /\\d|inga/.test(s.textContent) && !s.textContent.endsWith('…'); }""")
    page.wait_for_timeout(200)
    while page.locator("#dt-more").is_visible():
        count = page.locator(".dt-result").count()
        page.locator("#dt-more").click()
        page.wait_for_function(f"document.querySelectorAll('.dt-result').length > {count}")
    hrefs = page.locator(".dt-result-title a").evaluate_all("a => a.map(x => x.href)")
    return {h.rstrip("/").rsplit("/", 1)[1] for h in hrefs if "/providers/" in h}


def test_bengt_finds_online_banking_help_in_swedish_by_keyboard(browser, demo_origin, demo):
    banking = _helps_with_online_banking(demo)
    with person(browser, DESKTOP) as page:
        page.goto(f"{demo_origin}/sv/")
        _tab_until(page, "#dt-home-search")
        page.keyboard.type("hjälp med nätbanken")
        page.keyboard.press("Enter")
        page.wait_for_url("**/sv/search/?q=*")
        found = _providers_shown(page)
        assert found and found <= banking, found - banking
        assert page.locator(".dt-result-kind").first.inner_text().split(" · ")[0] in (
            "Plats", "Distanstjänst", "Kurs eller evenemang")
        # Narrow to Pöytyä with the keyboard: open the filters, tick the municipality.
        page.locator("#dt-search-input").focus()
        _tab_until(page, "#dt-filters summary")
        page.keyboard.press("Enter")
        page.wait_for_selector(".dt-filter-group legend")
        _tab_until(page, "input[name='Kommun'][value='Pöytyä']")
        page.keyboard.press("Space")
        page.wait_for_timeout(400)
        in_poytya = _providers_shown(page)
        assert in_poytya and in_poytya <= banking & _reaching(demo, "608")
        page.locator("#dt-search-input").focus()
        result = _tab_until(page, ".dt-result-title a")
        page.keyboard.press("Enter")
        page.wait_for_url("**" + result["href"].lstrip("."))
        assert page.evaluate("document.documentElement.lang") == "sv"


def test_bengt_misspelling_online_banking_still_gets_somewhere(browser, demo_origin, demo):
    with person(browser, DESKTOP) as page:
        page.goto(f"{demo_origin}/sv/search/?q=n%C3%A4tbamken")
        _providers_shown(page)  # Pagefind's partial matches, if any, are not the answer:
        suggestion = page.locator("#dt-suggest-link")  # the page suggests the right word
        suggestion.wait_for()
        assert suggestion.inner_text() in ("nätbank", "nätbanken")
        suggestion.click()
        found = _providers_shown(page)
        assert found and found <= _helps_with_online_banking(demo)
