"""Search figures for scripts/bench: index time and size, and what a first query costs.

The first query is measured in Debian's Chromium against a local server that compresses
with gzip, as static hosts do: every byte the browser receives from opening the search page
with a query to the first results (page, styles, scripts, Pagefind's WebAssembly, index and
fragments).
"""
import functools
import gzip
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from digituki.site.search import BUNDLE, build_index, indexed_pages

TARGET_FIRST_QUERY = 250 * 1024


class _GzipCounting(SimpleHTTPRequestHandler):
    sent = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        compress = "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        type(self).sent += len(body)


def bench_index(site: Path) -> None:
    expected = sum(indexed_pages(site).values())
    started = time.perf_counter()
    build_index(site, expected)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (site / BUNDLE).rglob("*") if p.is_file())
    print(f"search index   {expected} pages  {seconds:6.2f} s  {size / 1024 / 1024:.1f} MiB")


def bench_first_query(site: Path, lang: str, query: str) -> None:
    from playwright.sync_api import sync_playwright
    handler = functools.partial(_GzipCounting, directory=str(site))
    _GzipCounting.sent = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{lang}/search/?q={query}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector(".dt-result a", timeout=20000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    sent = _GzipCounting.sent
    print(f"first query    '{query}' ({lang})  {sent / 1024:.0f} KiB transferred, gzip "
          f"(target <= {TARGET_FIRST_QUERY // 1024} KiB)")
