"""The citizen site in a real browser: accessibility (axe-core, WCAG 2.1 A and AA), no request
to any other site, every link of the content reachable by keyboard, the pages without
JavaScript, and the language switch.

The fixture site is built once and served from 127.0.0.1; one Chromium runs every test here.
Each page type is checked in every language at a phone width and a desktop width.
"""
import datetime
from contextlib import contextmanager
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from browser_support import (AXE_JS, LANGS, WIDTHS, browser, missing, need,  # noqa: F401
                             origin, page_cases, site)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HEIGHT = 800


@contextmanager
def new_tab(browser, width=1280, **options):
    """A page in a context of its own, closed afterwards. Reduced motion: the language menu
    then opens at once instead of sliding in."""
    context = need(browser).new_context(viewport={"width": width, "height": HEIGHT},
                                        reduced_motion="reduce", **options)
    try:
        yield context.new_page()
    finally:
        context.close()


# --- every page type × language × width --------------------------------------------------

# Marks every visible link of the content with its index and notes each that gets focus;
# returns what the test needs to name a link that keyboard focus never reached.
_MARK_LINKS = """() => {
  // checkVisibility: a link inside a closed <details> still has boxes in Chromium
  // (content-visibility: hidden) but is neither seen nor reached until the details opens.
  const visible = (el) => el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden" && el.checkVisibility();
  // The content area: Material's .md-content; the root pages have only a <main>.
  const links = [...document.querySelectorAll(":is(.md-content, main) a[href]")].filter(visible);
  links.forEach((a, i) => a.setAttribute("data-test-tab", String(i)));
  window.__reached = new Set();
  document.addEventListener("focusin", (event) => {
    const index = event.target.getAttribute?.("data-test-tab");
    if (index !== null && index !== undefined) window.__reached.add(Number(index));
  });
  return {
    links: links.map((a) => a.outerHTML.slice(0, 160)),
    focusable: document.querySelectorAll(
      "a[href], button, input, select, textarea, summary, [tabindex]").length,
  };
}"""
_REACHED = "() => [...window.__reached]"
TAB_BATCH = 10


class Visit:
    """What one page showed: its requests, axe's violations and what Tab reached."""

    def __init__(self, requests, failed, violations, links, focused, page_width):
        self.requests, self.failed = requests, failed
        self.violations, self.links, self.focused = violations, links, focused
        self.page_width = page_width


@pytest.fixture(scope="module")
def visit(browser, origin):
    """Loads each (page, width) once; the three checks below share the result. One tab per
    width is reused for every address (a fresh tab per page would triple the run time)."""
    cache, tabs = {}, {}

    def load(address: str, width: int) -> Visit:
        if (address, width) in cache:
            return cache[address, width]
        if not AXE_JS.exists():
            missing(f"{AXE_JS} is missing: run `npm ci`")
        if width not in tabs:
            tabs[width] = need(browser).new_context(viewport={"width": width, "height": HEIGHT}).new_page()
        page = tabs[width]
        requests, failed = [], []
        on_request = lambda request: requests.append(request.url)  # noqa: E731
        on_failed = lambda request: failed.append(f"{request.url} ({request.failure})")  # noqa: E731
        on_response = lambda r: r.status >= 400 and failed.append(f"{r.url} ({r.status})")  # noqa: E731
        page.on("request", on_request)
        page.on("requestfailed", on_failed)
        page.on("response", on_response)
        try:
            response = page.goto(f"{origin}/{address}", wait_until="load")
            assert response is not None
            page.add_script_tag(path=AXE_JS)
            violations = page.evaluate(
                "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                " resultTypes: ['violations']}).then((r) => r.violations)", AXE_TAGS)
            marked = page.evaluate(_MARK_LINKS)
            page_width = page.evaluate("() => document.documentElement.scrollWidth")
            # Tab from the top of the page, at most once per focusable element and 20 more.
            presses, focused = 0, set()
            while presses < marked["focusable"] + 20 and len(focused) < len(marked["links"]):
                for _ in range(TAB_BATCH):
                    page.keyboard.press("Tab")
                presses += TAB_BATCH
                focused = set(page.evaluate(_REACHED))
            # Anything the page requested late is recorded too (by now this rarely waits).
            page.wait_for_load_state("networkidle")
        finally:
            page.remove_listener("request", on_request)
            page.remove_listener("requestfailed", on_failed)
            page.remove_listener("response", on_response)
        cache[address, width] = Visit(requests, failed, violations, marked["links"], focused,
                                      page_width)
        return cache[address, width]

    yield load
    for tab in tabs.values():
        tab.context.close()


def _cases():
    return [pytest.param(address, width, id=f"{name}-{lang or 'root'}-{width}")
            for name, lang, address in page_cases() for width in WIDTHS]


def _describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            lines.append(f"      {node['html'][:300]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.mark.parametrize("address, width", _cases())
def test_axe_finds_no_wcag_a_or_aa_violation(visit, address, width):
    violations = visit(address, width).violations
    assert not violations, f"/{address} at {width}px:\n{_describe(violations)}"


@pytest.mark.parametrize("address, width", _cases())
def test_requests_stay_on_the_site_and_succeed(visit, origin, address, width):
    requests = visit(address, width).requests
    assert requests, "the page made no request at all"
    others = [url for url in requests if f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != origin]
    assert not others, f"/{address} at {width}px requested:\n" + "\n".join(others)
    failed = visit(address, width).failed
    assert not failed, f"/{address} at {width}px could not load:\n" + "\n".join(failed)


@pytest.mark.parametrize("address, width", _cases())
def test_keyboard_reaches_every_link_of_the_content(visit, address, width):
    result = visit(address, width)
    unreached = [html for i, html in enumerate(result.links) if i not in result.focused]
    assert not unreached, f"/{address} at {width}px: Tab never reached:\n" + "\n".join(unreached)


@pytest.mark.parametrize("address, width", _cases())
def test_the_page_never_scrolls_sideways(visit, address, width):
    """Wide tables scroll inside their own box; nothing else may be wider than the screen."""
    assert visit(address, width).page_width <= width


# --- hours with and without JavaScript ---------------------------------------------------

def test_without_javascript_the_14_day_view_is_there_and_no_open_now_text(browser, origin):
    with new_tab(browser, width=360, java_script_enabled=False) as page:
        page.goto(f"{origin}/fi/providers/every-field/")
        weeks = page.locator("details.dt-week")
        assert weeks.count() >= 1
        for i in range(weeks.count()):
            # Days with help one per line, days without folded: at most 14 lines.
            assert 1 <= weeks.nth(i).locator("ul.dt-days > li").count() <= 14
        first = weeks.first
        assert not first.locator("ul.dt-days").is_visible()
        first.locator("summary").click()        # <details> opens without JavaScript
        assert first.locator("ul.dt-days").is_visible()
        now = page.locator(".dt-now")
        assert now.count() >= 1
        for i in range(now.count()):
            assert not now.nth(i).is_visible()
            assert now.nth(i).inner_text() == ""


OPEN_NOW = {"fi": ("Avoinna nyt", "Suljettu nyt"), "sv": ("Öppet nu", "Stängt nu"),
            "en": ("Open now", "Closed now")}


@pytest.mark.parametrize("lang", LANGS)
def test_with_javascript_open_now_is_shown(browser, origin, lang):
    with new_tab(browser) as page:
        # Thursday of the build date, 10.30 in Helsinki: the phone line (Mon–Thu 9–12) is
        # open, the drop-in help (Tuesdays) is not.
        page.clock.set_fixed_time(datetime.datetime(2026, 11, 26, 10, 30,
                                                    tzinfo=ZoneInfo("Europe/Helsinki")))
        page.goto(f"{origin}/{lang}/providers/every-field/")
        now = page.locator(".dt-now")
        texts = [now.nth(i).inner_text() for i in range(now.count())]
        assert texts and all(now.nth(i).is_visible() for i in range(now.count()))
        opened, closed = OPEN_NOW[lang]
        assert all(text.startswith((opened, closed)) for text in texts), texts
        assert any(text.startswith(opened) for text in texts), texts
        assert any(text.startswith(closed) for text in texts), texts


# --- the language switch ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("address, same_in", [
    ("{lang}/providers/every-field/", "{other}/providers/every-field/"),
    ("{lang}/404.html", "{other}/"),          # no page to match: the other language's home
], ids=["provider", "not-found"])
def test_language_switch_leads_to_the_same_page(browser, origin, lang, address, same_in):
    with new_tab(browser) as page:
        start = f"{origin}/{address.format(lang=lang)}"
        page.goto(start)
        links = page.locator(".md-header a[hreflang]")
        assert sorted(links.evaluate_all("links => links.map(a => a.hreflang)")) == sorted(LANGS)
        for other in LANGS:
            page.hover(".md-select")                 # the menu opens on hover and on focus
            page.locator(f".md-header a[hreflang={other}]").click()
            page.wait_for_load_state()
            assert page.url == f"{origin}/{same_in.format(other=other)}"
            assert page.locator("html").get_attribute("lang") == other
            page.goto(start)
