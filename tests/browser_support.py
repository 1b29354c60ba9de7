"""Shared by the browser and HTML-checker tests: the built fixture site, a local web server,
Chromium, and the page types every check runs over.

The tools these tests need outside Python (Debian's chromium and Java, the npm packages
axe-core and vnu-jar) are installed by ./scripts/test. A missing tool skips the tests on a
developer's machine but fails them when the environment variable CI is set, so that a CI run
can never pass by checking nothing.
"""
import datetime
import functools
import os
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from digituki.model.build import load_dataset
from digituki.site.build import build_site

from conftest import REPO, TODAY, VALID

LANGS = ("fi", "sv", "en")
DEMO = REPO / "providers"
DEMO_TODAY = datetime.date(2026, 11, 30)  # a Monday; the demo records are current then
WIDTHS = (360, 1280)
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("DIGITUKI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

# Page type -> address under the site root; "{lang}" is the page language. The root pages
# carry every language at once and are checked once.
PAGES = {
    "home": "{lang}/",
    "municipality": "{lang}/municipalities/loimaa/",
    "municipality-index": "{lang}/municipalities/",
    "topic": "{lang}/topics/online-banking/",
    "topic-index": "{lang}/topics/",
    "help-remote": "{lang}/help/remote/",
    "provider": "{lang}/providers/every-field/",
    "provider-minimal": "{lang}/providers/minimal/",
    "content": "{lang}/about/",
    "search": "{lang}/search/",
    "network-report": "{lang}/network/report/",
    "not-found": "{lang}/404.html",
}
ROOT_PAGES = {"root": "", "root-not-found": "404.html"}


def page_cases() -> list:
    """(page type, language or None, address) for every page type and language."""
    cases = [(name, lang, path.format(lang=lang)) for name, path in PAGES.items() for lang in LANGS]
    cases += [(name, None, path) for name, path in ROOT_PAGES.items()]
    return cases


def html_file(site: Path, address: str) -> Path:
    """The file a directory-style address is served from."""
    return site / (address + "index.html" if address == "" or address.endswith("/") else address)


def missing(what: str) -> None:
    """A tool is not there: fail under CI, skip elsewhere. Call it from a test, not from a
    fixture (pytest reports a failing fixture as an error, not as a failed test)."""
    message = f"{what} (./scripts/test installs it)"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI is set, so this fails instead of skipping", pytrace=False)
    pytest.skip(message)


@functools.cache
def _build(data: Path, today: datetime.date, out: Path) -> Path:
    dataset, result = load_dataset(data, today)
    assert dataset is not None, result.problems
    build_site(dataset, out)
    return out


def built_demo_site(tmp_path_factory) -> Path:
    """The demo records of the Loimaa region (providers/) built for DEMO_TODAY, once per test
    session: the journeys of real people (Aino in Oripää, Bengt in Pöytyä) run on it."""
    return _build(DEMO, DEMO_TODAY, tmp_path_factory.getbasetemp() / "demo-site")


def built_site(tmp_path_factory) -> Path:
    """The fixture records built for the fixture date, once per test session."""
    return _build(VALID, TODAY, tmp_path_factory.getbasetemp() / "browser-site")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the origin."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium():
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used).
    Yields the browser, or if there is no Chromium the reason as text: see ``need``."""
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        yield f"Chromium not found at {CHROMIUM} (Debian package chromium)"
        return
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def need(browser):
    """The browser from ``chromium()``; in a test without one, fails or skips (``missing``)."""
    if isinstance(browser, str):
        missing(browser)
    return browser


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The fixture site (shared by every browser test module)."""
    return built_site(tmp_path_factory)


@pytest.fixture(scope="session")
def origin(site):
    with serve(site) as address:
        yield address


@pytest.fixture(scope="session")
def demo_origin(tmp_path_factory):
    with serve(built_demo_site(tmp_path_factory)) as address:
        yield address


# Module scope: Playwright's sync API allows one instance per thread at a time, so each
# module that needs a browser starts its own after the previous one closed.
@pytest.fixture(scope="module")
def browser():
    with chromium() as found:
        yield found


def browser_text_size(page, percent: int) -> None:
    """Set the browser's own font size, as a person does in Chromium's settings (default 16 px,
    so 200 % is 32 px): only sizes in rem/em (and %) follow it, pixel sizes do not. Holds for
    the tab's later navigations."""
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": 16 * percent // 100,
                                                     "fixed": 13 * percent // 100}})
