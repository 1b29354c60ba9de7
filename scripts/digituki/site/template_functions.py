"""What the page templates may ask: every name they call, as a typed method you can jump to.

``PageFunctions`` is made for one dataset and language; every public member (method, static
function or value) becomes a global of the templates' environment under its own name
(``by_name``, present/template_functions.py), so the templates see exactly this class. Rules
about the records themselves are model methods (model/rules.py), which the templates call on
the records, e.g. ``p.topics()`` or ``p.session_schedule(at)``; the rendering caches
(``schedule``, ``session_line``) are the renderer's (pages.py).
"""
import datetime
from typing import Iterable

from markupsafe import Markup

from ..i18n import t, weekday_names
from ..model.build import Dataset
from ..model.classes import Alert, Provider
from ..model.urls import correction_url
from ..present import hours_view, markup
from ..schema.types import JsonObject
from ..values.hours import Hours
from . import upcoming
from .jsonld import provider_json_ld
from .search_data import search_filters, search_meta


class PageFunctions(markup.TermNames):
    """The functions and values the page templates of one language call (``term`` and
    ``terms`` are TermNames')."""

    # Functions that need neither the dataset nor the language.
    txt = staticmethod(markup.txt)
    rich = staticmethod(markup.rich)
    week_rows = staticmethod(hours_view.week_rows)
    next_open = staticmethod(hours_view.next_open)
    osm_link = staticmethod(hours_view.osm_link)

    def __init__(self, dataset: Dataset, lang: str, sessions: upcoming.Upcoming):
        super().__init__(dataset)
        self.lang = lang
        self._today = dataset.today
        # The short weekday names, comma-separated, for "open now" in the browser.
        self.weekdays = ",".join(weekday_names(lang, "short"))
        self._sessions = sessions

    def ui(self, key: str) -> str:
        """An interface text of the catalogue in the page's language."""
        return t(key, self.lang)

    def active_alerts(self, provider: Provider) -> tuple[Alert, ...]:
        """A provider's alerts shown today or starting within the days its page's hours show:
        a reader planning a visit in those days is warned."""
        return provider.current_alerts(self._today, hours_view.DAYS_AHEAD)

    def hours_in_words(self, hours: Hours) -> list[str]:
        return hours_view.hours_in_words(hours, self._today, self.lang)

    def days_ahead(self, item: hours_view.Timed) -> list[hours_view.Day]:
        """The 14 days from today of a place or help session, exceptions and holidays applied."""
        return hours_view.days_ahead(item, self._today)

    def intervals_json(self, item: hours_view.Timed) -> list[list[str]]:
        """The open intervals of the coming days, for "open now" in the browser."""
        return hours_view.intervals_json(item, self._today)

    def date_text(self, day: datetime.date) -> str:
        return hours_view.date_text(day, self.lang)

    def short_date(self, day: datetime.date) -> str:
        return hours_view.short_date(day, self.lang)

    def date_range(self, first: datetime.date, last: datetime.date) -> str:
        return hours_view.date_range(first, last, self.lang)

    def day_heading(self, day: datetime.date) -> str:
        return upcoming.day_heading(day, self.lang)

    def span(self, opens: datetime.time, closes: datetime.time) -> str:
        return hours_view.span(opens, closes, self.lang)

    def spans_text(self, spans: Iterable[tuple[datetime.time, datetime.time]]) -> str:
        return ", ".join(self.span(a, b) for a, b in spans)

    def verified_text(self, provider: Provider) -> str:
        return hours_view.verified_text(provider, self.lang)

    def correction_url(self, provider: Provider) -> str:
        """Where a reader proposes a correction to a provider's record (the repository's
        issue form, filled in)."""
        return correction_url(self.data.region.repository_url, provider.id, provider.name.fi)

    def json_ld(self, provider: Provider) -> JsonObject:
        return provider_json_ld(provider, self.data, self.lang)

    def search_filters(self, provider: Provider) -> list[tuple[str, str]]:
        """(filter, value) pairs of a provider's page for the search's filters."""
        return search_filters(self.data, provider, self.lang)

    def search_meta(self, provider: Provider) -> dict[str, str]:
        """What a search result of a provider shows besides its title; its next session too."""
        return search_meta(self.data, provider, self._sessions.next_of(provider), self.lang)
