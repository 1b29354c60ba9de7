"""Search in a real browser: Pagefind's index of the built site, queried on the search page.

Inflected Finnish and Swedish words find the right providers, each filter narrows the
results, the whole flow works from the keyboard, axe finds nothing with results and filters
open, and no request leaves the site. A provider removed from the records is gone from search
after the next build.
"""
import shutil
from contextlib import contextmanager
from urllib.parse import quote, urlsplit

import pytest

from browser_support import (AXE_JS, browser, missing, need, origin, serve,  # noqa: F401
                             site)
from conftest import TODAY, VALID
from digituki.model.build import load_dataset
from digituki.site.build import build_site
from digituki.site.search import indexed_pages

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


def search(page, origin, lang, query):
    page.goto(f"{origin}/{lang}/search/?q={quote(query)}")
    return providers_found(page)


def providers_found(page) -> set[str]:
    """Provider ids among the results, once the results have settled."""
    page.wait_for_function("""() => {
        const summary = document.querySelector('pagefind-summary');
        return summary && /\\d/.test(summary.textContent);
    }""")
    page.wait_for_timeout(300)  # results render just after the count
    for _ in range(6):  # results further down load as they scroll into view
        page.mouse.wheel(0, 5000)
        page.wait_for_timeout(150)
    return {href.rstrip("/").rsplit("/", 1)[1] for href in result_links(page)
            if "/providers/" in href}


def result_links(page) -> list[str]:
    return page.locator("pagefind-results a.pf-result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


def test_every_searchable_page_is_indexed_once_per_language(site):
    """Searchable: the pages whose content is marked for Pagefind (not search or 404)."""
    marked = {lang: sum("data-pagefind-body" in p.read_text(encoding="utf-8")
                        for p in (site / lang).rglob("*.html")) for lang in ("fi", "sv", "en")}
    assert indexed_pages(site) == marked
    assert marked["fi"] == 2 + 7 + 16 + 3 + 1 + 10  # providers, municipalities, topics,
    # forms of help, home, content pages


@pytest.mark.parametrize("lang, query, expected", [
    ("fi", "pankkitunnuksilla", {"every-field"}),     # "pankkitunnuksiasi" in the record
    ("fi", "kirjastossa", {"every-field"}),           # "Kaikkien kenttien kirjasto"
    ("fi", "käsittelemme", {"every-field", "minimal"}),  # "Emme käsittele …"
    ("sv", "biblioteken", {"every-field"}),           # "Alla fältens bibliotek"
    ("en", "phones", {"every-field", "minimal"}),     # "your phone.", "Smartphone"
])
def test_inflected_words_find_the_right_providers(browser, origin, lang, query, expected):
    with tab(browser) as page:
        assert search(page, origin, lang, query) == expected


def test_a_listing_is_found_by_its_own_words_not_by_the_providers_it_lists(browser, origin):
    with tab(browser) as page:
        assert search(page, origin, "fi", "Pienin mahdollinen") == {"minimal"}
        assert [h for h in result_links(page) if "/providers/" not in h] == []  # not Aura's
        search(page, origin, "fi", "Aura")
        assert any(h.endswith("/municipalities/aura/") for h in result_links(page))


def _check(page, group: str, value: str) -> None:
    page.locator(f"pagefind-filter-pane details[data-filter-name='{group}'] summary").click()
    page.locator(f"pagefind-filter-pane input[name='{group}'][value='{value}']").check()


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
        assert search(page, origin, "fi", "käsittelemme") == {"every-field", "minimal"}
        _check(page, group, value)
        page.wait_for_timeout(300)
        assert providers_found(page) == expected


def test_the_whole_flow_works_with_the_keyboard(browser, origin):
    with tab(browser, width=360) as page:
        page.goto(f"{origin}/fi/")
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "dt-home-search":
                break
        else:
            pytest.fail("Tab never reached the search box on the home page")
        page.keyboard.type("pankkitunnuksilla")
        page.keyboard.press("Enter")
        page.wait_for_url("**/fi/search/?q=pankkitunnuksilla")
        assert providers_found(page) == {"every-field"}
        for _ in range(80):
            page.keyboard.press("Tab")
            href = page.evaluate("document.activeElement.getAttribute('href') || ''")
            if "/providers/" in href:
                break
        else:
            pytest.fail("Tab never reached a result")
        page.keyboard.press("Enter")
        page.wait_for_url("**/fi/providers/every-field/")


def test_a_filter_can_be_used_with_the_keyboard(browser, origin):
    with tab(browser) as page:
        assert search(page, origin, "fi", "käsittelemme") == {"every-field", "minimal"}
        summary = page.locator("pagefind-filter-pane details[data-filter-name='Tukimuoto'] summary")
        summary.focus()
        page.keyboard.press("Enter")
        box = page.locator("pagefind-filter-pane input[name='Tukimuoto'][value='Vertaisopastus']")
        for _ in range(30):
            page.keyboard.press("Tab")
            if box.evaluate("el => el === document.activeElement"):
                break
        page.keyboard.press("Space")
        page.wait_for_timeout(300)
        assert providers_found(page) == {"minimal"}


@pytest.mark.parametrize("lang, query", [("fi", "käsittelemme"), ("sv", "telefonen"),
                                         ("en", "phones")])
@pytest.mark.parametrize("width", [360, 1280])
def test_search_page_with_results_and_filters_has_no_axe_violations(browser, origin, lang,
                                                                     query, width):
    if not AXE_JS.exists():
        missing(f"{AXE_JS} is missing: run `npm ci`")
    with tab(browser, width) as page:
        assert search(page, origin, lang, query)
        for summary in page.locator("pagefind-filter-pane summary").all()[:3]:
            summary.click()
        page.add_script_tag(path=AXE_JS)
        violations = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']}).then((r) => r.violations)", AXE_TAGS)
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
        origins = {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in page.requests}
        assert origins == {origin}


def test_the_query_is_in_the_address(browser, origin):
    with tab(browser) as page:
        search(page, origin, "en", "help")
        page.locator("pagefind-input input").fill("phones")
        page.wait_for_timeout(500)
        assert page.url.endswith("/en/search/?q=phones")


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
