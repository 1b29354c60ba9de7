"""Search in a real browser: Pagefind's index of the built site, queried on the search page
by our own script (assets/search.js) as a person uses it.

Every result the count announces can be reached ("show more", by keyboard too); results are
cards whose title is the big link, providers before information pages; a provider is not
found by what it says it does not do; the network members' pages are not searchable; a word
that finds nothing gets a "did you mean" and ways onward; the query survives a language
switch; inflected Finnish and Swedish words find the right providers; each filter narrows
the results; axe finds nothing with results and filters open, and no request leaves the site.
"""
import re
import shutil
from contextlib import contextmanager
from urllib.parse import quote, urlsplit

import pytest

from browser_support import (AXE_JS, browser, demo_origin, missing, need, origin,  # noqa: F401
                             serve, site)
from conftest import TODAY, VALID
from digituki.model.build import load_dataset
from digituki.site.build import build_site
from digituki.site.search import _incomplete_files, indexed_pages

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@contextmanager
def tab(browser, width=1280):
    context = need(browser).new_context(viewport={"width": width, "height": 900},
                                        reduced_motion="reduce")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    try:
        yield page
    finally:
        context.close()


def search(page, origin, lang, query) -> set[str]:
    page.goto(f"{origin}/{lang}/search/?q={quote(query)}")
    return providers_found(page)


def settle(page) -> str:
    """The status line once a search has answered (a count, or nothing found)."""
    page.wait_for_function("""() => {
        const status = document.getElementById('dt-search-status');
        return status && status.textContent && !status.textContent.endsWith('…');
    }""")
    page.wait_for_timeout(200)
    return page.locator("#dt-search-status").inner_text()


def announced(status: str) -> int:
    """The number of results the status line announces (0 when nothing was found)."""
    found = re.match(r"\d+", status)
    return int(found.group()) if found else 0


def show_all(page) -> None:
    """Press "show more" until every result is there."""
    more = page.locator("#dt-more")
    for _ in range(50):
        if not more.is_visible():
            return
        count = page.locator(".dt-result").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.dt-result').length > {count}")
    pytest.fail("'show more' never ran out")


def result_links(page) -> list[str]:
    return page.locator(".dt-result-title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


def providers_found(page) -> set[str]:
    """Provider ids among all the results, after showing them all."""
    settle(page)
    show_all(page)
    return {href.rstrip("/").rsplit("/", 1)[1] for href in result_links(page)
            if "/providers/" in href}


def test_every_searchable_page_is_indexed_once_per_language(site):
    """Searchable: the pages whose content is marked for Pagefind (not search, 404 or the
    network members' pages)."""
    marked = {lang: sum("data-pagefind-body" in p.read_text(encoding="utf-8")
                        for p in (site / lang).rglob("*.html")) for lang in ("fi", "sv", "en")}
    assert indexed_pages(site) == marked
    assert marked["fi"] == 2 + 7 + 16 + 3 + 1 + 7  # providers, municipalities, topics,
    # forms of help, home, content pages other than the network section's
    assert not any("data-pagefind-body" in p.read_text(encoding="utf-8")
                   for p in (site / "fi" / "network").rglob("*.html"))


@pytest.mark.parametrize("lang, query, expected", [
    ("fi", "verkkopankkiin", {"every-field"}),        # "verkkopankki" in the description
    ("fi", "kirjastossa", {"every-field"}),           # "Kaikkien kenttien kirjasto"
    ("sv", "biblioteken", {"every-field"}),           # "Alla fältens bibliotek"
    ("en", "phones", {"every-field", "minimal"}),     # "your phone.", "Smartphone"
])
def test_inflected_words_find_the_right_providers(browser, origin, lang, query, expected):
    with tab(browser) as page:
        assert search(page, origin, lang, query) == expected


def test_a_provider_is_not_found_by_what_it_does_not_do(browser, origin):
    """Both fixture records say "Emme käsittele …" (we do not handle …) only in not_covered."""
    not_covered = [line for path in VALID.glob("*.yaml")
                   for line in path.read_text(encoding="utf-8").splitlines()
                   if "not_covered" in line or "Emme käsittele" in line]
    assert any("käsittele" in line for line in not_covered)  # the test can fail
    with tab(browser) as page:
        assert search(page, origin, "fi", "käsittelemme") == set()


def test_not_covered_banking_is_not_an_online_banking_result(browser, demo_origin):
    """Bengt's complaint: the pensioners' association says it does not help with online
    banking, and used to come up for 'nätbanken' with a bold next-session line."""
    with tab(browser) as page:
        for lang, query in (("sv", "nätbanken"), ("fi", "verkkopankissa"), ("fi", "verkkopankki")):
            found = search(page, demo_origin, lang, query)
            assert found and "loimaan-seudun-elakkeensaajat" not in found, (lang, query, found)


def test_network_pages_are_not_searchable(browser, origin):
    with tab(browser) as page:
        for query in ("kenttäviite", "virhekoodi", "koordinaattorin raportti"):
            page.goto(f"{origin}/fi/search/?q={quote(query)}")
            settle(page)
            show_all(page)
            assert [h for h in result_links(page) if "/network/" in h] == [], query


def test_every_announced_result_becomes_visible_ten_at_a_time(browser, demo_origin):
    """On a phone, as on a desktop: the count, then ten cards, then ten more per press of
    "show more" until every announced result is on the page and visible."""
    counts = []
    for width in (360, 1280):
        with tab(browser, width) as page:
            for lang, query in (("fi", "omakanta"), ("fi", "kirjasto"), ("sv", "hjälp"),
                                ("en", "help")):
                page.goto(f"{demo_origin}/{lang}/search/?q={quote(query)}")
                count = announced(settle(page))
                counts.append(count)
                assert page.locator(".dt-result").count() == min(count, 10)
                show_all(page)
                cards = page.locator(".dt-result")
                assert cards.count() == count
                for i in range(count):
                    card = cards.nth(i)
                    card.scroll_into_view_if_needed()
                    assert card.is_visible() and card.bounding_box()["height"] > 20
    assert min(counts) > 0 and max(counts) > 10  # some needed "show more"


def test_show_more_works_from_the_keyboard_and_moves_focus_to_the_new_results(
        browser, demo_origin):
    with tab(browser, 360) as page:
        page.goto(f"{demo_origin}/fi/search/?q=omakanta")
        count = announced(settle(page))
        page.locator("#dt-more").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelectorAll('.dt-result').length > 10")
        focused = page.evaluate("document.activeElement.closest('.dt-result') === "
                                "document.querySelectorAll('.dt-result')[10]")
        assert focused
        assert page.locator(".dt-result").count() == min(count, 20)


def test_results_are_cards_providers_first_with_kind_place_time_and_booking(
        browser, demo_origin):
    with tab(browser, 360) as page:
        page.goto(f"{demo_origin}/fi/search/?q=omakanta")
        settle(page)
        show_all(page)
        links = result_links(page)
        kinds = page.locator(".dt-result-kind").all_inner_texts()
        assert len(kinds) == len(links)
        is_provider = ["/providers/" in h for h in links]
        assert is_provider == sorted(is_provider, reverse=True)  # providers, then the rest
        assert any(not p for p in is_provider)  # the OmaKanta topic page is there, after
        for href, kind in zip(links, kinds):
            label = kind.split(" · ")[0]
            assert label in (("Paikka", "Etäpalvelu", "Kurssi tai tapahtuma")
                             if "/providers/" in href else ("Tietosivu",)), (href, kind)
        oripaa = page.locator(".dt-result", has=page.locator("a[href$='/oripaan-kirjasto/']"))
        text = oripaa.inner_text()
        assert "Paikka · Oripää" in text
        assert re.search(r"Seuraava opastus: (ma|ti|ke|to|pe|la|su) \d+\.\d+\.2026 \d", text)
        assert re.search(r"(Ei ajanvarausta|Varaa aika|Ajanvaraus suositeltava) · Maksu", text)


def _px(page, selector: str, prop: str = "font-size") -> list[float]:
    return page.locator(selector).evaluate_all(
        f"els => els.map(e => parseFloat(getComputedStyle(e)['{prop}']))")


def test_result_text_and_filters_are_readable_and_scale_with_the_browser_font(
        browser, demo_origin):
    from browser_support import browser_text_size
    with tab(browser, 360) as page:
        page.goto(f"{demo_origin}/fi/search/?q=omakanta")
        settle(page)
        page.locator("#dt-filters summary").click()
        page.wait_for_selector(".dt-filter-group legend")
        sizes = {selector: _px(page, selector) for selector in (
            ".dt-result-title a", ".dt-result-kind", ".dt-result-next", ".dt-result-terms",
            ".dt-result-excerpt", "#dt-search-status", "#dt-filters summary",
            ".dt-filter-group legend", "label.dt-filter", ".dt-filter-count", "#dt-more")}
        for selector, values in sizes.items():
            assert values and min(values) >= 16, (selector, values)
        assert min(sizes[".dt-result-title a"]) > max(sizes[".dt-result-kind"])
        browser_text_size(page, 200)
        page.reload()
        settle(page)
        assert min(_px(page, ".dt-result-title a")) >= 2 * min(sizes[".dt-result-title a"]) - 1
        show_all(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_focus_is_visible_on_results_filters_and_show_more(browser, demo_origin):
    with tab(browser, 360) as page:
        page.goto(f"{demo_origin}/fi/search/?q=omakanta")
        settle(page)
        page.locator("#dt-search-input").focus()
        seen = set()
        for _ in range(40):
            page.keyboard.press("Tab")
            target = page.evaluate("""() => {
                const e = document.activeElement, s = getComputedStyle(e);
                return {what: e.closest('.dt-result') ? 'result' : e.id || e.tagName,
                        outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0};
            }""")
            if target["what"] in ("result", "dt-more", "SUMMARY"):
                assert target["outline"] >= 2, target
                seen.add(target["what"])
            if target["what"] == "dt-more":
                break
        assert seen == {"result", "dt-more", "SUMMARY"}


def test_a_misspelt_word_gets_did_you_mean_and_ways_onward(browser, demo_origin):
    with tab(browser, 360) as page:
        page.goto(f"{demo_origin}/fi/search/?q=werkkopankki")
        assert announced(settle(page)) == 0
        assert "werkkopankki" in page.locator("#dt-search-status").inner_text()
        suggestion = page.locator("#dt-suggest-link")
        suggestion.wait_for()
        assert suggestion.inner_text() == "verkkopankki"
        help_box = page.locator("#dt-search-help")
        assert help_box.is_visible()
        assert help_box.locator("a[href$='municipalities/oripaa/']").is_visible()
        assert help_box.locator("a[href$='topics/online-banking/']").is_visible()
        assert help_box.locator("a[href^='tel:+44']").is_visible()  # the region's help line
        assert page.locator("#dt-search-input").input_value() == "werkkopankki"
        suggestion.click()
        assert announced(settle(page)) > 0
        assert page.locator("#dt-search-input").input_value() == "verkkopankki"


def test_a_correct_inflected_word_gets_no_did_you_mean(browser, demo_origin):
    """'verkkopankissa' is not among the site's names but finds what 'verkkopankki' finds."""
    with tab(browser, 360) as page:
        page.goto(f"{demo_origin}/fi/search/?q=verkkopankissa")
        assert 0 < announced(settle(page)) < 10  # few enough that a suggestion is looked for
        page.wait_for_timeout(1000)
        assert not page.locator("#dt-suggest").is_visible()


def test_the_query_is_in_the_address_and_survives_a_language_switch(browser, origin):
    with tab(browser) as page:
        search(page, origin, "en", "help")
        page.locator("#dt-search-input").fill("phones")
        page.wait_for_timeout(600)
        assert page.url.endswith("/en/search/?q=phones")
        swedish = page.locator("a.md-select__link[hreflang='sv']")
        assert swedish.get_attribute("href").endswith("/sv/search/?q=phones")
        page.goto(swedish.get_attribute("href"))
        assert page.locator("#dt-search-input").input_value() == "phones"


def test_when_the_index_cannot_be_loaded_the_page_says_so_and_offers_the_lists(
        browser, origin):
    with tab(browser, 360) as page:
        page.route("**/pagefind/pagefind.js", lambda route: route.abort())
        page.goto(f"{origin}/fi/search/?q=opastus")
        page.wait_for_function("document.getElementById('dt-search-status').textContent"
                               " === 'Haku ei juuri nyt toimi.'")
        assert page.locator("#dt-search-help a[href$='municipalities/aura/']").is_visible()


def test_without_javascript_the_search_page_offers_the_lists(browser, origin):
    context = need(browser).new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{origin}/fi/search/?q=verkkopankki")
        assert page.locator("#dt-search-help a[href$='municipalities/aura/']").is_visible()
        assert page.locator("#dt-search-help a[href$='topics/online-banking/']").is_visible()
        assert "JavaScript" in page.locator("#dt-search-help").inner_text()
        assert not page.locator("#dt-search").is_visible()  # no dead results area
    finally:
        context.close()


def test_a_listing_is_found_by_its_own_words_not_by_the_providers_it_lists(browser, origin):
    with tab(browser) as page:
        assert search(page, origin, "fi", "Pienin mahdollinen") == {"minimal"}
        assert [h for h in result_links(page) if "/providers/" not in h] == []  # not Aura's
        search(page, origin, "fi", "Aura")
        assert any(h.endswith("/municipalities/aura/") for h in result_links(page))


def _open_filters(page) -> None:
    page.locator("#dt-filters summary").click()
    page.wait_for_selector(".dt-filter-group legend")


def _check(page, group: str, value: str) -> None:
    _open_filters(page)
    page.locator(f".dt-filter-group input[name='{group}'][value='{value}']").check()


@pytest.mark.parametrize("group, value, expected", [
    ("Tukimuoto", "Vertaisopastus", {"minimal"}),
    ("Kieli", "ruotsi", {"every-field"}),
    ("Kieli", "Selkokielellä", {"every-field"}),
    ("Kunta", "Aura", {"every-field", "minimal"}),     # the phone line serves Aura
    ("Kunta", "Loimaa", {"every-field"}),
    ("Kenelle", "Ikäihmiset", {"every-field"}),
    ("Esteettömyys", "Portaaton sisäänkäynti", {"every-field"}),
    ("Hinta", "Maksullinen", {"every-field"}),
    ("Ajanvaraus", "Ei tarvita", {"every-field", "minimal"}),
    ("Ajanvaraus", "Pakollinen", {"every-field"}),
])
def test_each_filter_narrows_the_results(browser, origin, group, value, expected):
    with tab(browser) as page:
        assert search(page, origin, "fi", "opastus") == {"every-field", "minimal"}
        _check(page, group, value)
        page.wait_for_timeout(300)
        assert providers_found(page) == expected


def test_filters_load_only_when_opened(browser, origin):
    """A first query fetches no filter data but the small one that puts providers first:
    that is what keeps it small at national scale."""
    with tab(browser) as page:
        search(page, origin, "fi", "opastus")
        first = {url for url in page.requests if "/filter/" in url}
        assert len(first) == 1
        _open_filters(page)
        assert len({url for url in page.requests if "/filter/" in url}) > 1
        groups = page.locator(".dt-filter-group legend").all_inner_texts()
        assert groups[:3] == ["Kunta", "Aihe", "Tukimuoto"] and "dt_kind" not in groups


def test_the_whole_flow_works_with_the_keyboard_and_focus_is_always_visible(browser, origin):
    with tab(browser, width=360) as page:
        page.goto(f"{origin}/fi/")
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "dt-home-search":
                break
        else:
            pytest.fail("Tab never reached the search box on the home page")
        page.keyboard.type("tietokoneella")
        page.keyboard.press("Enter")
        page.wait_for_url("**/fi/search/?q=tietokoneella")
        assert providers_found(page) == {"every-field"}
        page.locator("#dt-search-input").focus()
        for _ in range(80):
            page.keyboard.press("Tab")
            focus = page.evaluate("""() => {
                const e = document.activeElement, s = getComputedStyle(e);
                return {href: e.getAttribute('href') || '',
                        ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2};
            }""")
            assert focus["ring"], focus
            if "/providers/" in focus["href"]:
                break
        else:
            pytest.fail("Tab never reached a result")
        page.keyboard.press("Enter")
        page.wait_for_url("**/fi/providers/every-field/")


def test_a_filter_can_be_used_with_the_keyboard(browser, origin):
    with tab(browser) as page:
        assert search(page, origin, "fi", "opastus") == {"every-field", "minimal"}
        page.locator("#dt-filters summary").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(".dt-filter-group legend")
        box = page.locator(".dt-filter-group input[name='Tukimuoto'][value='Vertaisopastus']")
        for _ in range(60):
            page.keyboard.press("Tab")
            if box.evaluate("el => el === document.activeElement"):
                break
        else:
            pytest.fail("Tab never reached the filter")
        page.keyboard.press("Space")
        page.wait_for_timeout(300)
        assert providers_found(page) == {"minimal"}


@pytest.mark.parametrize("lang, query", [("fi", "opastus"), ("sv", "telefonen"),
                                         ("en", "phones")])
@pytest.mark.parametrize("width", [360, 1280])
def test_search_page_with_results_and_filters_has_no_axe_violations(browser, origin, lang,
                                                                     query, width):
    if not AXE_JS.exists():
        missing(f"{AXE_JS} is missing: run `npm ci`")
    with tab(browser, width) as page:
        assert search(page, origin, lang, query)
        _open_filters(page)
        page.add_script_tag(path=AXE_JS)
        violations = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']}).then((r) => r.violations)", AXE_TAGS)
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
        origins = {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in page.requests}
        assert origins == {origin}


def test_a_removed_provider_is_gone_after_the_next_build(browser, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    out = tmp_path / "site"
    build_site(load_dataset(data, TODAY)[0], out)
    with serve(out) as local, tab(browser) as page:
        assert search(page, local, "fi", "Pienin") == {"minimal"}
        (data / "minimal.yaml").unlink()
        build_site(load_dataset(data, TODAY)[0], out)
        assert search(page, local, "fi", "Pienin") == set()


def test_an_unfinished_bundle_file_is_noticed(site, tmp_path):
    """A bundle with a file cut short or empty is never kept or served (seen on a busy machine
    with Pagefind's Python service: an empty entry file, an empty script); this is how the
    build tells."""
    copy = tmp_path / "site"
    shutil.copytree(site / "pagefind", copy / "pagefind")
    assert _incomplete_files(copy) == []
    fragment = next((copy / "pagefind" / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:20])
    (copy / "pagefind" / "pagefind-entry.json").write_text("", encoding="utf-8")
    (copy / "pagefind" / "pagefind.js").write_bytes(b"")
    assert _incomplete_files(copy) == [fragment.relative_to(copy).as_posix(),
                                       "pagefind/pagefind-entry.json",
                                       "pagefind/pagefind.js"]


def test_filters_alone_find_providers_and_the_status_quotes_no_empty_query(browser, origin):
    with tab(browser) as page:
        page.goto(f"{origin}/fi/search/")
        _check(page, "Kunta", "Aura")
        page.wait_for_function("document.getElementById('dt-search-status').textContent"
                               " === '2 tulosta.'")
        assert providers_found(page) == {"every-field", "minimal"}
