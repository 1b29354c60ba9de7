"""Readable at any text size, in a real browser: every page type in every language.

- At 150 % and 200 % browser font size (Chromium's own setting, see ``browser_text_size``)
  on a 360 px phone, no page is wider than the screen: sizes are in rem/em, long words and
  phone numbers wrap, lists of days reflow.
- At the default size, at phone and desktop width, the text people read is at least 16 px
  (Material's own 12.8 px details and 14 px tables included), the hours and the 14-day
  view too.
- Every link, button, summary and form field that Tab reaches shows a focus indicator of at
  least 2 px with 3:1 contrast against what is around it.
"""
import pytest

from browser_support import (LANGS, browser, browser_text_size, need, origin,  # noqa: F401
                             page_cases, site)

PHONE = 360
HEIGHT = 800
TEXT_SIZES = (150, 200)
MIN_PX = 16
TABS = 60      # focus checks: at most this many Tab presses per page

# Elements sticking out to the right of the screen, innermost first: names the culprit.
_WIDER = """() => {
  const limit = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= limit + 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.position === "fixed") continue;
    // Inside a box that scrolls sideways on its own (a report table): allowed.
    let scroller = el.parentElement, inside = false;
    while (scroller && scroller !== document.body) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(scroller).overflowX)
          && scroller.getBoundingClientRect().right <= limit + 1) { inside = true; break; }
      scroller = scroller.parentElement;
    }
    if (!inside) found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} `
                            + `right=${Math.round(box.right)}: ${el.outerHTML.slice(0, 120)}`);
  }
  return found.slice(-8);
}"""

# Visible elements with text of their own, smaller than the minimum.
_SMALL_TEXT = """(minimum) => {
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    if (["SCRIPT", "STYLE", "NOSCRIPT", "svg", "path"].includes(el.tagName)) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest("[hidden], [aria-hidden=true]")) continue;
    // Text moved off screen for screen readers only (Material's skip link until focused).
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || box.right < 0 || box.bottom < 0) continue;
    const size = parseFloat(style.fontSize);
    if (size < minimum) found.push(`${size}px ${el.tagName.toLowerCase()}.${[...el.classList].join(".")}: `
                                   + el.textContent.trim().slice(0, 60));
  }
  return found;
}"""

_SIZE_OF = """(selector) => [...document.querySelectorAll(selector)].map(
  (el) => parseFloat(getComputedStyle(el).fontSize))"""

# The focused element's indicator: outline (width, contrast with the background behind it)
# or a box-shadow ring.
_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const tag = el.tagName.toLowerCase();
  const style = getComputedStyle(el);
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  let back = el.parentElement, background = [255, 255, 255];
  while (back) {
    const color = rgb(getComputedStyle(back).backgroundColor);
    if (color.length >= 3 && (color.length === 3 || color[3] > 0.5)) { background = color.slice(0, 3); break; }
    back = back.parentElement;
  }
  const width = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth);
  const ring = style.boxShadow && style.boxShadow !== "none";
  // A focus shown on another element (the drawer checkbox lights up the menu icon).
  const label = el.id ? document.querySelector(`label[for="${el.id}"]:not(.md-overlay)`) : null;
  const labelStyle = label ? getComputedStyle(label) : null;
  const labelWidth = labelStyle && labelStyle.outlineStyle !== "none" ? parseFloat(labelStyle.outlineWidth) : 0;
  return {
    what: `${tag}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")} ${(el.textContent || el.value || "").trim().slice(0, 40)}`,
    width: Math.max(width, labelWidth),
    contrast: width ? contrast(rgb(style.outlineColor).slice(0, 3), background) : 21,
    ring,
  };
}"""


# Words of the cards' text (their headings aside) broken across two lines.
_BROKEN_WORDS = """(longest) => {
  const broken = [];
  for (const paragraph of document.querySelectorAll(".dt-card p")) {
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
        if (word[0].length > longest) continue;
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map((box) => Math.round(box.top)));
        if (lines.size > 1) broken.push(word[0]);
      }
    }
  }
  return broken;
}"""
LONG_WORD = 16   # letters: "tunnistautuminen", "Seurakuntakeskus", "Välmåendepunkten"


def _cases():
    return [pytest.param(address, id=f"{name}-{lang or 'root'}")
            for name, lang, address in page_cases()]


@pytest.fixture(scope="module")
def tabs(browser):
    """One phone tab per browser text size (and one at the default size per width)."""
    found = {}

    def tab(width: int, percent: int):
        if (width, percent) not in found:
            context = need(browser).new_context(viewport={"width": width, "height": HEIGHT},
                                                reduced_motion="reduce")
            page = context.new_page()
            browser_text_size(page, percent)
            found[width, percent] = page
        return found[width, percent]

    yield tab
    for page in found.values():
        page.context.close()


@pytest.mark.parametrize("percent", TEXT_SIZES)
@pytest.mark.parametrize("address", _cases())
def test_no_page_is_wider_than_a_phone_at_large_text(tabs, origin, address, percent):
    page = tabs(PHONE, percent)
    page.goto(f"{origin}/{address}", wait_until="load")
    # The 14-day views open, as a reader opens them.
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => d.open = true)")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    inner = page.evaluate("() => window.innerWidth")
    assert width <= inner, (f"/{address} at {percent} % text is {width}px wide on a {inner}px "
                            f"screen; sticking out:\n" + "\n".join(page.evaluate(_WIDER)))


@pytest.mark.parametrize("lang", LANGS)
def test_words_on_the_cards_are_not_broken_inside_at_200_percent(tabs, origin, lang):
    """On a phone at 200 % text a card's words of up to 16 letters stay whole: before, the
    card's border and padding left so little width that "tunnistautuminen" became
    "tunnistautumine" and "n" on the next line."""
    page = tabs(PHONE, 200)
    for address in (f"{lang}/topics/online-banking/", f"{lang}/help/in-person/",
                    f"{lang}/municipalities/loimaa/"):
        page.goto(f"{origin}/{address}", wait_until="load")
        assert page.locator(".dt-card p").count() > 3, address
        assert page.evaluate(_BROKEN_WORDS, LONG_WORD) == [], address


@pytest.mark.parametrize("width", (PHONE, 1280))
@pytest.mark.parametrize("address", _cases())
def test_text_is_at_least_16px_at_the_default_size(tabs, origin, address, width):
    page = tabs(width, 100)
    page.goto(f"{origin}/{address}", wait_until="load")
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => d.open = true)")
    small = page.evaluate(_SMALL_TEXT, MIN_PX)
    assert not small, f"/{address} at {width}px has text below {MIN_PX}px:\n" + "\n".join(small)


@pytest.mark.parametrize("lang", LANGS)
def test_hours_and_the_14_day_view_are_at_least_16px(tabs, origin, lang):
    page = tabs(PHONE, 100)
    page.goto(f"{origin}/{lang}/providers/every-field/", wait_until="load")
    for selector in (".dt-hours-words li", ".dt-week summary", ".dt-days li", ".dt-next",
                     ".dt-booking-rule"):
        sizes = page.evaluate(_SIZE_OF, selector)
        assert sizes, f"no {selector} on the page"
        assert min(sizes) >= MIN_PX, f"{selector}: {sorted(set(sizes))}"
    # The help hours look primary: bigger than the building's opening hours.
    help_size = min(page.evaluate(_SIZE_OF, ".dt-when .dt-hours-words li"))
    building = page.evaluate(_SIZE_OF, ".dt-building .dt-hours-words li")
    assert building and help_size > max(building)


@pytest.mark.parametrize("address", _cases())
def test_everything_tab_reaches_shows_its_focus(tabs, origin, address):
    page = tabs(PHONE, 100)
    page.goto(f"{origin}/{address}", wait_until="load")
    seen, faint, links = set(), [], 0
    for _ in range(TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if focus is None or focus["what"] in seen:
            continue
        seen.add(focus["what"])
        links += focus["what"].startswith("a")
        if not (focus["ring"] or (focus["width"] >= 2 and focus["contrast"] >= 3)):
            faint.append(f"{focus['what']}: outline {focus['width']}px, contrast "
                         f"{focus['contrast']:.1f}")
    assert links, f"/{address}: Tab reached no link"
    assert not faint, f"/{address}: focus not visible on:\n" + "\n".join(faint)
