"""The preview's web server: the built folder as a host would serve it, plus live reload.

Every HTML page it sends gets one extra line before ``</body>``, a script from the same
origin (``/__digituki/reload.js``, no inline code, nothing from another site) that listens
to ``/__digituki/events`` and reloads the page when the pages' generation is no longer the
one the page was sent with. The files on disk are never touched: the built folder stays
byte for byte what a build writes.
"""
from __future__ import annotations

import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

PREFIX = "/__digituki/"
SCRIPT = PREFIX + "reload.js"
EVENTS = PREFIX + "events"
# Seconds between keep-alive comments on an idle event stream (a closed tab is noticed then).
KEEP_ALIVE = 15.0

RELOAD_JS = b"""\
// digituki serve: reload this page when its pages are rebuilt (only in the preview).
(function () {
  var shown = document.currentScript.getAttribute("data-generation");
  var events = new EventSource("/__digituki/events");
  events.onmessage = function (event) {
    if (event.data !== shown) {
      events.close();
      location.reload();
    }
  };
})();
"""


class Generation:
    """The number of the pages now on disk; raised after every pages build that changed
    something. Readers wait for it to move."""

    def __init__(self) -> None:
        self._number = 0
        self._changed = threading.Condition()

    @property
    def number(self) -> int:
        with self._changed:
            return self._number

    def bump(self) -> int:
        with self._changed:
            self._number += 1
            self._changed.notify_all()
            return self._number

    def wait(self, seen: int, timeout: float) -> int:
        """The generation once it is no longer ``seen``, or after ``timeout`` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self._number != seen, timeout)
            return self._number


def with_reload(html: bytes, generation: int) -> bytes:
    """The page with the reload script before its last ``</body>`` (at the end if none)."""
    tag = (f'<script src="{SCRIPT}" data-generation="{generation}"></script>').encode()
    at = html.lower().rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


class _Handler(SimpleHTTPRequestHandler):
    generation: Generation  # set on the subclass each server makes

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass  # the terminal is for what the preview says, not for every request

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        address = unquote(urlsplit(self.path).path)
        if address == EVENTS and body:
            self._events()
        elif address == SCRIPT:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_JS, body)
        elif (page := self._page(address)) is not None:
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._html(page), body)
        elif not Path(self.translate_path(self.path)).exists() \
                and (missing := Path(self.directory) / "404.html").is_file():
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", self._html(missing),
                       body)
        elif body:
            super().do_GET()
        else:
            super().do_HEAD()

    def _page(self, address: str) -> Path | None:
        """The HTML file an address names, if it names one (a folder's index.html when the
        address ends in /; the handler redirects a folder without the / itself)."""
        path = Path(self.translate_path(address))
        if address.endswith("/"):
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _html(self, page: Path) -> bytes:
        return with_reload(page.read_bytes(), self.generation.number)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        """Server-sent events: the generation now, then each new one, until the page goes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            while True:
                number = self.generation.wait(-1 if seen is None else seen, KEEP_ALIVE)
                self.wfile.write(f"data: {number}\n\n".encode() if number != seen
                                 else b": still here\n\n")
                self.wfile.flush()
                seen = number
        except (BrokenPipeError, ConnectionResetError):
            pass


class PreviewServer:
    """``folder`` served on 127.0.0.1 (port 0: a free one) in threads of its own."""

    def __init__(self, folder: Path, port: int, generation: Generation) -> None:
        handler = type("Handler", (_Handler,), {"generation": generation})
        self._server = ThreadingHTTPServer(("127.0.0.1", port),
                                           partial(handler, directory=str(folder)))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="preview-server", daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
