"""The live client for the public Suomi.fi PTV Open API (v11): a service channel by its id,
several by their ids, and every channel of an organisation or a municipality, page by page.

Only the standard library (``urllib``): a request has a timeout, the base URL can point at a
test server or a mirror, and every way a fetch can fail (no connection, no answer in time, an
HTTP error, an answer that is not JSON or not a list) is one ``FetchError`` whose text is one
line a person can act on, in the catalogue's languages (``error.text(lang)``).

The lists (``/list/organization``, ``/list/area/Municipality/code/…``) are paged: ``pageNumber``
(from 1), ``pageSize``, ``pageCount`` and ``itemList``. They carry whole channels; an item that
is only an id and a name (as the plain id lists do) is fetched in full through
``/ServiceChannel/list?guids=…``.
"""
import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Iterator, Sequence

from ..i18n import LANGUAGES, t

DEFAULT_BASE_URL = "https://api.palvelutietovaranto.suomi.fi"
TIMEOUT_SECONDS = 30.0
VERSION = "v11"
GUIDS_PER_REQUEST = 100  # ids per /list?guids= request, well inside a URL's length
MAX_PAGES = 1000  # a list that claims more pages than this is not followed to the end

Channel = dict[str, object]  # one ServiceChannel as PTV sends it (read by ptv/read.py)


class FetchError(Exception):
    """PTV could not be read. ``reason`` is the catalogue's ``ptv.fetch.<reason>`` message,
    filled with ``url`` and ``detail``; ``str()`` is the English line."""

    def __init__(self, reason: str, url: str, detail: str = "") -> None:
        self.reason, self.url, self.detail = reason, url, " ".join(detail.split())
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return t(f"ptv.fetch.{self.reason}", lang).format(url=self.url, detail=self.detail)

    def texts(self) -> dict[str, str]:
        return {lang: self.text(lang) for lang in LANGUAGES}


def _timed_out(error: BaseException) -> bool:
    return isinstance(error, (TimeoutError, socket.timeout)) or (
        isinstance(error, urllib.error.URLError) and isinstance(error.reason, TimeoutError))


@dataclass(frozen=True)
class Client:
    """The API at ``base_url`` (the public one by default), each request given ``timeout``
    seconds to connect and for each read."""

    base_url: str = DEFAULT_BASE_URL
    timeout: float = TIMEOUT_SECONDS

    def url(self, path: str, query: dict[str, str] | None = None) -> str:
        url = f"{self.base_url.rstrip('/')}/api/{VERSION}/{path}"
        return f"{url}?{urllib.parse.urlencode(query, safe=',')}" if query else url

    def get(self, path: str, query: dict[str, str] | None = None) -> object:
        """The JSON answer to GET ``path``; a FetchError when there is none to be had."""
        url = self.url(path, query)
        try:
            request = urllib.request.Request(url, headers={
                "Accept": "application/json", "User-Agent": "digituki (PTV check and import)"})
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                body = answer.read()
        except ValueError as error:  # not an http(s) address: --api mistyped
            raise FetchError("unreachable", url, str(error)) from None
        except urllib.error.HTTPError as error:
            reason = ("not_found" if error.code == 404
                      else "server" if error.code >= 500 else "http")
            raise FetchError(reason, url, f"HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            if _timed_out(error):
                raise FetchError("timeout", url, f"{self.timeout:g}") from None
            detail = error.reason if isinstance(error, urllib.error.URLError) else error
            raise FetchError("unreachable", url, str(detail)) from None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise FetchError("not_json", url, str(error)) from None

    def channel(self, channel_id: str) -> Channel:
        """``/ServiceChannel/{id}``: one channel in full."""
        path = f"ServiceChannel/{urllib.parse.quote(channel_id, safe='')}"
        answer = self.get(path)
        if not (isinstance(answer, dict) and _is_channel(answer)):
            raise FetchError("not_channel", self.url(path), "no serviceChannelType")
        return answer

    def channels(self, channel_ids: Sequence[str]) -> list[Channel]:
        """``/ServiceChannel/list?guids=…``: the channels in full, in the order asked, a hundred
        ids a request; ids PTV does not know are left out."""
        found: dict[str, Channel] = {}
        for start in range(0, len(channel_ids), GUIDS_PER_REQUEST):
            query = {"guids": ",".join(channel_ids[start:start + GUIDS_PER_REQUEST])}
            answer = self.get("ServiceChannel/list", query)
            items = answer.get("itemList") if isinstance(answer, dict) else answer
            if not isinstance(items, list):
                raise FetchError("not_list", self.url("ServiceChannel/list", query),
                                 "no list of channels")
            found.update((str(c["id"]), c) for c in items if _is_channel(c))
        return [found[i] for i in channel_ids if i in found]

    def organization_channels(self, organization_id: str) -> list[Channel]:
        """Every channel of the organisation (``/ServiceChannel/list/organization``)."""
        return self._listed("ServiceChannel/list/organization",
                            {"organizationId": organization_id})

    def municipality_channels(self, code: str) -> list[Channel]:
        """Every channel of the municipality's area (``/list/area/Municipality/code/{code}``)."""
        return self._listed(
            f"ServiceChannel/list/area/Municipality/code/{urllib.parse.quote(code, safe='')}", {})

    def pages(self, path: str, query: dict[str, str]) -> Iterator[list[object]]:
        """The ``itemList`` of every page, from page 1 to ``pageCount``."""
        page, count = 1, 1
        while page <= count:
            asked = {**query, "page": str(page)}
            answer = self.get(path, asked)
            items = answer.get("itemList") if isinstance(answer, dict) else None
            if not isinstance(answer, dict) or not isinstance(items, list | None):
                raise FetchError("not_list", self.url(path, asked), "no itemList")
            page_count = answer.get("pageCount")
            count = min(page_count if isinstance(page_count, int) else 1, MAX_PAGES)
            yield items or []
            if not items:  # an empty page ends the list whatever the count says
                return
            page += 1

    def _listed(self, path: str, query: dict[str, str]) -> list[Channel]:
        """The channels of a paged list, the ones given only by id fetched in full."""
        listed = [item for items in self.pages(path, query) for item in items
                  if isinstance(item, dict) and isinstance(item.get("id"), str)]
        full = {str(c["id"]): c for c in listed if _is_channel(c)}
        missing = [str(c["id"]) for c in listed if str(c["id"]) not in full]
        full.update((str(c["id"]), c) for c in self.channels(missing))
        return [full[i] for i in dict.fromkeys(str(c["id"]) for c in listed) if i in full]


def _is_channel(value: object) -> bool:
    """A whole channel, not just its id and name."""
    return (isinstance(value, dict) and isinstance(value.get("id"), str)
            and "serviceChannelType" in value)
