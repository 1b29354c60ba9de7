"""Record text can never add markup, script or attributes to a page.

Validation refuses hostile records; here one is let through on purpose (built straight into
the model) to prove the pages stay inert on their own — checked in a real browser.
"""
import copy

import pytest

from digituki.model.build import build_dataset
from digituki.schema.records import MARKDOWN, PROVIDER, TEXT
from digituki.schema.types import List, Obj, Str
from digituki.site.build import build_site
from digituki.validate.dataset import validate_dataset

from browser_support import browser, need  # noqa: F401
from conftest import TODAY, VALID

HOSTILE = ('</title></span><script>window.__pwned="script"</script>"><img src=x '
           'onerror="window.__pwned=\'img\'">'
           "' onmouseover='window.__pwned=1' [x](javascript:window.__pwned='md') **b**")
HOSTILE_URL = "javascript:window.__pwned='href'"
HOSTILE_EMAIL = '"><img src=x onerror="window.__pwned=\'mail\'">@example.org'


def _poison(value, type_, text=HOSTILE, url=HOSTILE_URL, email=HOSTILE_EMAIL):
    """Every text of the record hostile; ids, references and phone numbers left usable."""
    def again(item, item_type):
        return _poison(item, item_type, text, url, email)
    if isinstance(type_, List):
        return [again(item, type_.item) for item in value]
    if type_ in (TEXT, MARKDOWN):
        return {lang: text for lang in value}
    if isinstance(type_, Obj):
        return {key: again(item, type_.by_name[key].type) for key, item in value.items()}
    if isinstance(type_, Str) and type_.fmt == "url":
        return url
    if isinstance(type_, Str) and type_.fmt == "email":
        return email
    if isinstance(type_, Str) and not (type_.fmt or type_.enum or type_.pattern or type_.ref):
        return text
    return value


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    result = validate_dataset(VALID, TODAY)
    for checked in result.providers():
        checked.value = _poison(copy.deepcopy(checked.value), PROVIDER)
    out = tmp_path_factory.mktemp("hostile")
    build_site(build_dataset(result, TODAY), out)
    return out


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_hostile_record_renders_as_inert_text(hostile_site, browser, lang):
    page = need(browser).new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((hostile_site / lang / "providers" / "every-field" / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned") is None and dialogs == []
    content = page.locator(".md-content")
    assert content.locator("script:not([type='application/ld+json']), img, iframe").count() == 0
    with_handlers = page.evaluate("""() => [...document.querySelectorAll('*')].filter(
        e => [...e.attributes].some(a => a.name.startsWith('on'))).length""")
    assert with_handlers == 0
    hrefs = content.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and not [h for h in hrefs if h.lower().lstrip().startswith("javascript")]
    assert content.get_by_text('<script>window.__pwned="script"</script>', exact=False).count() > 5
    assert page.title().startswith("</title></span><script>")  # the name, as text
