"""What a provider page tells the search index: filters and result details, in the page's
language (Pagefind reads them from data-pagefind-filter / data-pagefind-meta attributes)."""
from typing import Any

from ..model.build import Dataset, effective_hours, session_exceptions
from ..values.recurrence import open_intervals
from . import hours_view
from .strings import t


def search_filters(data: Dataset, provider: Any, lang: str) -> list[tuple[str, str]]:
    """(filter name, value) pairs, names and values in the page's language."""
    def name(vocabulary: str, term_id: str) -> str:
        return data.term(vocabulary, term_id).name.in_language(lang)[0]

    services, points = provider.services, provider.service_points
    found = {(t("filter_municipality", lang), name("municipalities", code))
             for sp in points for code in ([sp.municipality] if sp.type == "place" else sp.serves)}
    for s in services:
        found |= {(t("filter_topic", lang), name("topics", x)) for x in s.topics}
        found |= {(t("filter_form", lang), name("forms", x)) for x in s.forms}
        found |= {(t("filter_language", lang), name("languages", x)) for x in s.languages}
        found |= {(t("filter_target", lang), name("target_groups", x)) for x in s.target_groups}
        if s.plain_language:
            found.add((t("filter_language", lang), t("plain_language", lang)))
        found.add((t("filter_cost", lang), t("free" if s.cost.free else "not_free", lang)))
        found.add((t("filter_booking", lang), t(f"need_{s.booking.need}", lang)))
    found |= {(t("filter_access", lang), name("accessibility", fact.feature))
              for sp in points for fact in sp.accessibility if fact.available}
    return sorted(found)


def search_where(data: Dataset, provider: Any, lang: str) -> str:
    """The municipalities of the provider's places, or 'remote service'."""
    places = sorted({data.term("municipalities", sp.municipality).name.in_language(lang)[0]
                     for sp in provider.service_points if sp.type == "place"})
    return ", ".join(places) or t("remote_only", lang)


def next_session(data: Dataset, provider: Any, lang: str) -> str:
    """The first help session in the next 14 days from the build date, in words ('' if none)."""
    starts = []
    for service in provider.services:
        for at in service.at:
            expression = effective_hours(at.hours, session_exceptions(provider, at))
            intervals = open_intervals(expression, data.today, hours_view.DAYS_AHEAD)
            starts += intervals[:1]
    if not starts:
        return ""
    opens, closes = min(starts)
    return (f"{hours_view.date_text(opens.date(), lang)} "
            f"{hours_view.span(opens.time(), closes.time(), lang)}")
