"""A local stand-in for the PTV Open API (v11): real HTTP on a free port of 127.0.0.1, serving
the real channels saved in tests/fixtures/ptv/, the lists split into pages.

- ``/api/v11/ServiceChannel/{id}``: the channel's file;
- ``/api/v11/ServiceChannel/list?guids=a,b``: those channels, as a JSON list;
- ``/api/v11/ServiceChannel/list/organization?organizationId=…&page=N``: the organisation's
  channels in full, ``PAGE_SIZE`` a page, with ``pageNumber``, ``pageSize``, ``pageCount``;
- ``/api/v11/ServiceChannel/list/area/Municipality/code/{code}?page=N``: the channels in that
  municipality as ids and names only (as PTV's id lists are), so the client fetches them.

``server.status[path_and_query] = 500`` answers that request with that status;
``server.slow`` holds requests answered only when ``server.release`` is set (a timeout);
``server.raw[path_and_query] = bytes`` answers with those bytes; ``server.asked`` lists every
request's path and query in order.
"""
import contextlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

from conftest import FIXTURES

SAMPLES = FIXTURES / "ptv"
PAGE_SIZE = 2
API = "/api/v11/ServiceChannel"


def channels(folder: Path = SAMPLES) -> dict[str, dict]:
    """Channel id -> the channel, of every saved channel (not the organisation, not the
    placeholder schema example), in file order."""
    found = {}
    for path in sorted(folder.glob("*.json")):
        value = json.loads(path.read_text(encoding="utf-8"))
        if "serviceChannelType" in value and not path.name.startswith("schema-"):
            found[value["id"]] = value
    return found


def _municipalities(channel: dict) -> set[str]:
    codes = {m["code"] for area in channel.get("areas") or []
             for m in area.get("municipalities") or []}
    return codes | {a["streetAddress"]["municipality"]["code"]
                    for a in channel.get("addresses") or []
                    if (a.get("streetAddress") or {}).get("municipality")}


class PtvServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, served: dict[str, dict]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.served = served
        self.status: dict[str, int] = {}
        self.raw: dict[str, bytes] = {}
        self.slow: set[str] = set()
        self.release = threading.Event()
        self.asked: list[str] = []

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) closed the connection: expected

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def _page(items: list, query: dict[str, list[str]]) -> dict:
    number = int(query.get("page", ["1"])[0])
    count = (len(items) + PAGE_SIZE - 1) // PAGE_SIZE
    return {"pageNumber": number, "pageSize": PAGE_SIZE, "pageCount": count,
            "itemList": items[(number - 1) * PAGE_SIZE:number * PAGE_SIZE] or None}


class Handler(BaseHTTPRequestHandler):
    server: PtvServer

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        self.server.asked.append(self.path)
        if self.path in self.server.slow:
            self.server.release.wait(30)
        if self.path in self.server.status:
            return self._send(self.server.status[self.path], b'{"error": "test"}')
        if self.path in self.server.raw:
            return self._send(200, self.server.raw[self.path])
        answer = self._answer()
        if answer is None:
            return self._send(404, b'{"error": "not found"}')
        return self._send(200, json.dumps(answer, ensure_ascii=False).encode("utf-8"))

    def _answer(self) -> object:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        served = self.server.served
        if url.path == f"{API}/list":
            ids = query.get("guids", [""])[0].split(",")
            return [served[i] for i in ids if i in served]
        if url.path == f"{API}/list/organization":
            organization = query.get("organizationId", [""])[0]
            return _page([c for c in served.values() if c["organizationId"] == organization],
                         query)
        prefix = f"{API}/list/area/Municipality/code/"
        if url.path.startswith(prefix):
            code = url.path.removeprefix(prefix)
            return _page([{"id": c["id"], "name": c["serviceChannelNames"][0]["value"]}
                          for c in served.values() if code in _municipalities(c)], query)
        return served.get(url.path.removeprefix(f"{API}/"))

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def ptv_server(served: dict[str, dict] | None = None) -> Iterator[PtvServer]:
    server = PtvServer(channels() if served is None else served)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


def unused_port() -> int:
    """A port nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
