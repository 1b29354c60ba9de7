"""What a provider page tells the search index: filters and result details, in the page's
language (Pagefind reads them from data-pagefind-filter / data-pagefind-meta attributes)."""
import re
from typing import Iterator

from ..i18n import N_, t
from ..model.build import Dataset
from ..model.classes import Provider, Service, Text
from ..present import hours_view
from .upcoming import Session

FILTERS = ("filter_municipality", "filter_topic", "filter_form", "filter_language",
           "filter_target", "filter_access", "filter_cost", "filter_booking")


def filter_order(lang: str) -> list[str]:
    """The filter groups' names in the order the search page shows them."""
    return [t(key, lang) for key in FILTERS]


def search_filters(data: Dataset, provider: Provider, lang: str) -> list[tuple[str, str]]:
    """(filter name, value) pairs, names and values in the page's language."""
    def name(vocabulary: str, term_id: str) -> str:
        return data.term(vocabulary, term_id).name.in_language(lang)[0]

    services, points = provider.services, provider.service_points
    found = {(t("filter_municipality", lang), name("municipalities", code))
             for sp in points for code in sp.reached_municipalities()}
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


def search_where(data: Dataset, provider: Provider, lang: str) -> str:
    """The municipalities of the provider's places; for remote help only, those it serves
    ('koko seutu' when that is the whole region)."""
    def names(codes: set[str]) -> str:
        return ", ".join(sorted(data.term("municipalities", code).name.in_language(lang)[0]
                                for code in codes))
    places = {code for sp in provider.service_points if sp.is_place
              for code in sp.reached_municipalities()}
    if places:
        return names(places)
    served = provider.reached_municipalities()
    return t("whole_region", lang) if served >= set(data.region.municipalities) else names(served)


def next_session(session: Session | None, lang: str) -> str:
    """A provider's next help session in words, 'ti 1.12.2026 10–12' ('' if none)."""
    if session is None:
        return ""
    return f"{hours_view.date_text(session.day, lang)} {hours_view.span(*session.spans[0], lang)}"


def search_kind(data: Dataset, provider: Provider) -> str:
    """What a result is, for its label: courses and events when every service is one, else a
    place when the provider has one, else remote help."""
    if all(data.term("forms", f).mode == "learning" for s in provider.services for f in s.forms):
        return N_("kind_event")
    if any(sp.type == "place" for sp in provider.service_points):
        return N_("kind_place")
    return N_("kind_remote")


def _terms(service: Service, lang: str) -> str:
    """Booking and cost of a service in a few words: 'Varaa aika · Maksuton'."""
    return f"{t(f'result_booking_{service.booking.need}', lang)} · " \
           f"{t('free' if service.cost.free else 'not_free', lang)}"


def search_meta(data: Dataset, provider: Provider, next_help: Session | None,
                lang: str) -> dict[str, str]:
    """What a search result shows besides its title (Pagefind meta, '' left out): the kind of
    result, where, the next session (as the provider's card says it) and that session's
    booking and cost; without a session in the next 14 days, those of the first service."""
    service = next_help.service if next_help else provider.services[0]  # one at least
    meta = {"kind": t(search_kind(data, provider), lang),
            "municipality": search_where(data, provider, lang),
            "next": next_session(next_help, lang),
            "next_label": t("next_session", lang),
            "terms": _terms(service, lang)}
    return {name: value for name, value in meta.items() if value}


_WORD = re.compile(r"[^\W\d_]{3,}")


def _names(data: Dataset) -> Iterator[Text]:
    """Every name a person may type: vocabulary terms, providers, their places and services."""
    for terms in data.vocabularies.values():
        yield from (term.name for term in terms.values())
    for p in data.providers:
        yield p.name
        yield from (sp.name for sp in p.service_points)
        yield from (s.name for s in p.services)


def search_words(data: Dataset, lang: str) -> list[str]:
    """The words of the site's own names in a language (lower case, sorted): the search page
    offers the nearest of them as "did you mean" when a query finds nothing. Loaded only
    then, so it costs a first query nothing."""
    found: set[str] = set()
    for name in _names(data):
        found.update(word.lower() for word in _WORD.findall(name.in_language(lang)[0]))
    return sorted(found)
