"""The pages of one language, rendered with Jinja2 from the model, ready for the engine.

Each page is a Markdown file whose body is one block of HTML from our templates (record text
autoescaped) with its title in front matter; content pages from ``content/`` pass as they are.
Links between generated pages are relative, so every language site works from any folder.
"""
import functools
import html
import json
import re
import sys
from urllib.parse import urlsplit
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence, TypedDict

from jinja2 import BytecodeCache, Environment, StrictUndefined
from jinja2.bccache import Bucket
from jinja2.environment import TemplateModule
from markupsafe import Markup

from ..i18n import N_, t
from ..model.build import Dataset
from ..model.digests import ModelDigests, model_digests
from ..model.classes import Exception as DatedException  # the section "exception"
from ..model.classes import FormsTerm, Provider
from ..model.urls import BOOKLET, FOLDED, POSTER, PRINT_FILE, REGION_LEAFLET, leaflet_path
from ..outputcache import OutputCache, Recall, code_digest, key, versions
from ..model.rules import Schedule
from ..present import hours_view
from ..present.grouping import Local, by_municipality
from ..present.names import slug, text_in
from ..present.report import (Municipality, PageFacts, languages_text, make_report, page_facts,
                               ptv_text, status_text, weekdays_text)
from ..resources import template_loader
from ..values.contact import link_problem
from ..values.hours import Hours
from ..workers import kept_for_last
from . import upcoming
from .engine import Nav
from .search_data import filter_order, search_words
from .template_functions import PageFunctions

TEMPLATES = "pages"  # the page templates (see resources)
MODES = ("in-person", "remote", "learning")
# Content pages in the citizens' navigation, in this order (others are linked, not listed).
CONTENT_NAV = ("about.md", "principles.md", "before-you-go.md", "scams.md", "where-else.md")
CONTENT_FOOTER = ("accessibility.md", "privacy.md", "network/index.md")


@dataclass(frozen=True)
class Page:
    path: str            # source path under the language's docs folder, e.g. "providers/x.md"
    text: str            # Markdown with front matter
    body: str | None = None  # finished HTML that replaces the Markdown's placeholder
    indexed: bool = True     # searchable (the layout marks its content for Pagefind)
    # ``content_digest`` of it, when known: kept with the page in the cache, so that a build
    # does not hash the text of every page again. Set only where the page is made or read
    # back (``language_site``): a page changed with ``replace`` must not keep it.
    digest: str | None = field(default=None, compare=False)

    @property
    def has_body(self) -> bool:
        return self.body is not None


@dataclass(frozen=True)
class StoredPage:
    """A generated page found in the cache, known by its head: what the key of its finished
    page needs (``site.build``). Its text is read only when the engine must render it
    (``load_page``): at national scale a one-record build read back some 30 MB of pages
    per language, only to find nearly all of them finished in the cache."""
    path: str
    indexed: bool
    has_body: bool
    digest: str    # ``content_digest`` of the page
    entry: str     # its key in the cache


def content_digest(page: Page) -> str:
    """A hash of what the engine is given of a page: its text and body."""
    return key({"text": page.text, "body": page.body if page.body is not None else "",
                "has body": str(page.body is not None)})


def digest_of(page: "Page | StoredPage") -> str:
    """``content_digest`` of a page: kept with it, or worked out."""
    return (page.digest or content_digest(page)) if isinstance(page, Page) else page.digest


@dataclass
class LanguageSite:
    lang: str
    pages: list[Page] = field(default_factory=list)
    # generated pages from the cache known by their head only (``language_site``'s ``heads``)
    stored: list[StoredPage] = field(default_factory=list)
    nav: Nav = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # other files the engine copies
    generated: list[str] = field(default_factory=list)  # pages rendered, not from the cache

    @property
    def every(self) -> list[Page | StoredPage]:
        """Every page, known whole or by its head."""
        return [*self.pages, *self.stored]


def url_of(path: str) -> str:
    """The address of a source file with directory URLs: 'providers/x.md' -> 'providers/x/'."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


PLACEHOLDER = "digituki-page-body"
# Block ends get a line break after them: without one the search index joins the last word
# of one block to the first of the next ("Kunddator" for "Kund" + "dator").
_BLOCK_END = re.compile(r"(</(?:p|li|dt|dd|h[1-6]|th|td|tr|summary)>)(?!\s)")


def _front_matter(title: str, indexed: bool) -> str:
    """The engine's templates print titles as HTML, unescaped: a record's name is escaped
    here, or it could open a tag in <title> and in the header. The body stays out of the
    Markdown: it is HTML already, and the engine puts it in place of the placeholder.
    ``pagefind: false`` keeps a page out of the search index (the layout reads it)."""
    escaped = html.escape(title, quote=False)
    flags = "" if indexed else "pagefind: false\n"
    return (f"---\ntitle: {_yaml_string(escaped)}\n{flags}---\n\n{PLACEHOLDER}\n")


# Characters YAML does not accept as they are, even inside quotes, and JSON leaves as they
# are (it escapes only C0): DEL, C1 controls, the line and paragraph separators,
# noncharacters. With one of them MkDocs dropped the whole front matter.
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _yaml_string(text: str) -> str:
    """A double-quoted YAML string that reads back as ``text`` (JSON's escapes are YAML's;
    the validator rejects such characters, this holds for text that skipped it too)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _macro(module: TemplateModule, name: str) -> Callable[..., Markup]:
    """A macro of a template, called from Python. A template module's macros are attributes
    it gets at run time, which type checkers cannot see: looked up by name."""
    macro: Callable[..., Markup] = getattr(module, name)
    return macro


class _Compiled(BytecodeCache):
    """The templates compiled once per process, not once per renderer (compiling them was
    most of a renderer's making, which a build pays once per language and the key test once
    per page). Jinja checks an entry against the template's source, so an edited template
    is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


def _environment() -> Environment:
    # auto_reload off: templates do not change during a build, and checking their files
    # before every page cost more than rendering some pages.
    return Environment(loader=template_loader(TEMPLATES), autoescape=True, auto_reload=False,
                       trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined,
                       bytecode_cache=_COMPILED)


def compile_templates() -> None:
    """Compile every page template into this process's cache before the languages' processes
    are forked from it: they inherit the compiled code instead of each compiling it again
    (in the preview, after every save)."""
    environment = _environment()
    for name in environment.list_templates(extensions=["html"]):
        environment.get_template(name)


class _Renderer:
    """Renders the templates of one language; knows how to link between its pages."""

    def __init__(self, dataset: Dataset, lang: str,
                 leaflets: Mapping[str, tuple[int, int]] | None = None,
                 shown: "Shown | None" = None, cards: "_CardStore | None" = None):
        self.data, self.lang = dataset, lang
        self.leaflets = leaflets or {}   # path -> (pages, bytes) of this build's leaflet files
        self.shown = shown or Shown(dataset)
        self.cards = cards
        self.env = _environment()
        # Records are validated, but a link only ever reaches an href as http(s).
        self.env.filters["safe_url"] = lambda url: url if link_problem(url) is None else "#"
        self.upcoming = upcoming.upcoming(dataset)
        # What the templates may call (template_functions), and the renderer's own pieces:
        # schedules and session lines kept in memory, cards and lists of them in the cache.
        self.env.globals.update(PageFunctions(dataset, lang, self.upcoming).by_name())
        self.env.globals.update(schedule=self._schedule, session_line=self._session_line,
                                card=self._card, card_list=self._card_list)
        schedule_macro: Callable[[Schedule, str, bool], Markup] = _macro(
            self.env.get_template("macros.html").module, "schedule")

        @functools.lru_cache(maxsize=4096)
        def schedule(hours: Hours, exceptions: tuple[DatedException, ...], primary: bool
                     ) -> Markup:
            return schedule_macro(Schedule(hours, exceptions), lang, primary)

        self._schedule_of = schedule
        self._lines: dict[tuple[int, int], Markup] = {}
        self._macros: dict[tuple[str, str, int], Callable[..., Markup]] = {}

    def _schedule(self, item: hours_view.Timed, primary: bool = True) -> Markup:
        """Hours in words, "open now" data and the 14-day table of a place or help session
        (the template global ``schedule``). They depend only on its hours, its exceptions and
        the build date: many places share them, and this was most of a provider page's
        rendering time. primary: a help session's hours; a building's hours say less (see
        macros.html)."""
        return self._schedule_of(item.hours, item.exceptions, primary)

    def _session_line(self, session: upcoming.Session, depth: int) -> Markup:
        """One line of an upcoming-sessions list, rendered once per page depth: it is the same
        on every page as deep (municipality, topic and form pages are all two folders down),
        and a remote session is listed on the page of every municipality it serves. Sessions
        live as long as the renderer, so their id() is a key."""
        key = (id(session), depth)
        if key not in self._lines:
            self._lines[key] = self._macro_at("upcoming.html", "line_markup", depth)(
                session, self.lang)
        return self._lines[key]

    def _card(self, p: Provider, next: upcoming.Session | None, depth: int) -> Markup:
        """A provider's card on a listing page (the template global ``card``): its name,
        places, topics, forms and its next session on that page. A card is on several pages
        (its municipality's, its topics', its forms'), and at national scale a topic page
        holds thousands of them: with a ``_CardStore`` each is kept in the output cache and
        rendered only when what it shows changed."""
        return self._kept(CARD, [(p, next)], depth,
                          self._macro_at("macros.html", "provider_card", depth), p, next)

    def _card_list(self, cards: Sequence["Card"], depth: int) -> Markup:
        """A listing's list of cards (the template global ``card_list``), kept like a card:
        a change re-renders only the lists its provider is on (a topic page has one for each
        municipality), and of those only its own card (``_card``)."""
        return self._kept(CARD_LIST, cards, depth,
                          self._macro_at("macros.html", "provider_list", depth), cards)

    def _kept(self, part: str, cards: Sequence["Card"], depth: int,
              render: Callable[..., Markup], *arguments: object) -> Markup:
        """``render(*arguments, lang)`` of these cards, from the cache when it holds it, else
        rendered and kept there (without a ``_CardStore``, always rendered)."""
        if self.cards is None:
            return render(*arguments, self.lang)
        digest = self.cards.key(cards, self.lang, depth)
        stored = self.cards.cache.get(digest, part)
        if stored is not None:
            return Markup(stored.decode())
        made = render(*arguments, self.lang)
        self.cards.cache.put(digest, str(made).encode(), part)
        return made

    def _macro_at(self, template: str, name: str, depth: int) -> Callable[..., Markup]:
        """A macro of a template for pages ``depth`` folders down (its ``link`` prefixes
        "../" that many times, and ``depth`` is known), made once per depth."""
        if (template, name, depth) not in self._macros:
            module = self.env.get_template(template).make_module(
                {"link": lambda target: "../" * depth + target, "depth": depth})
            self._macros[template, name, depth] = _macro(module, name)
        return self._macros[template, name, depth]

    def page(self, path: str, template: str, title: str, indexed: bool = True,
             **context: object) -> Page:
        depth = url_of(path).count("/")
        body = self.env.get_template(template).render(
            title=title, link=lambda target: "../" * depth + target, depth=depth, **context)
        return Page(path, _front_matter(title, indexed), _BLOCK_END.sub("\\1\n", body), indexed)


Card = tuple[Provider, upcoming.Session | None]   # a provider, and its next session


def _cards(r: _Renderer, providers: Iterable[Provider], sessions: Iterable[upcoming.Session]
           ) -> list[Card]:
    """(provider, next session) cards in the order a reader wants them: the next help first,
    the sessions of the page itself (see upcoming.card_order)."""
    return upcoming.card_order(providers, upcoming.first_sessions(sessions),
                               lambda p: text_in(p.name, r.lang))


class UpcomingBlock(TypedDict):
    agenda: upcoming.Agenda
    more_href: str | None


def _agenda(sessions: Sequence[upcoming.Session], limits: tuple[int, int],
            more_href: str | None) -> UpcomingBlock:
    """The upcoming-sessions block of a page: its days, and where the rest is listed."""
    return {"agenda": upcoming.agenda(sessions, *limits), "more_href": more_href}


# The leaflet files a page links to, in their order: the poster first, then the booklet, its
# A5 reading version and the A5 booklet's print file; (kind, large print) and the labels of
# the links on a municipality's page and the home page.
LEAFLET_FILES = ((POSTER, False), (POSTER, True), (BOOKLET, False), (BOOKLET, True),
                 (FOLDED, False), (PRINT_FILE, False))
MUNICIPALITY_LEAFLETS = (N_("print_poster"), N_("print_poster_large"), N_("print_leaflet"),
                         N_("print_leaflet_large"), N_("read_folded"), N_("print_folded"))
REGION_LEAFLETS = (N_("print_region_poster"), N_("print_region_poster_large"),
                   N_("print_region_leaflet"), N_("print_region_leaflet_large"),
                   N_("read_folded"), N_("print_folded"))


def _file_facts(facts: tuple[int, int] | None, lang: str) -> str:
    """'(PDF, 1 sivu, 35 kt)'; '(PDF)' when the file was not made in this build."""
    if facts is None:
        return "(PDF)"
    pages, size = facts
    said = t("leaflet.file_one_page" if pages == 1 else "leaflet.file_pages", lang)
    return f"({said.format(pages=pages, size=max(1, round(size / 1000)))})"


class Link(TypedDict):
    href: str   # from the language's root: templates pass it through link()
    label: str


class ListItem(Link):
    count: int  # the providers on the page it links to


def leaflet_paths(lang: str, name: str) -> list[str]:
    """The leaflet files of a municipality (by its slug) or the region a page links, in order."""
    return [leaflet_path(lang, name, large, kind) for kind, large in LEAFLET_FILES]


def _leaflet_links(r: _Renderer, name: str, labels: tuple[str, ...]) -> list[Link]:
    """The leaflets (at the site root), from the language's root: templates pass the href
    through link(). Each label names the file's pages and size."""
    return [{"href": "../" + path, "label": f"{t(label, r.lang)} "
                                            f"{_file_facts(r.leaflets.get(path), r.lang)}"}
            for path, label in zip(leaflet_paths(r.lang, name), labels)]


class Shown:
    """The providers each kind of generated page shows, one method per kind. A page's cache
    key names the digests of exactly these providers, and the pages are rendered from these
    lists (their sessions are among theirs: a session reaches a municipality, has a topic or a
    mode only through its provider's record), so a page is the same from a dataset of these
    providers alone (tests/test_page_cache.py checks every page of the demo so)."""

    def __init__(self, data: Dataset):
        self.data = data

    @functools.cached_property
    def _local(self) -> dict[str, Local]:
        return by_municipality(self.data.providers)

    @functools.cached_property
    def _by_topic(self) -> dict[str, list[Provider]]:
        found: dict[str, list[Provider]] = {}
        for p in self.data.providers:
            for topic_id in p.topics():
                found.setdefault(topic_id, []).append(p)
        return found

    @functools.cached_property
    def _by_mode(self) -> dict[str, list[Provider]]:
        modes = {form_id: term.mode for form_id, term in _forms(self.data).items()}
        found: dict[str, list[Provider]] = {}
        for p in self.data.providers:
            for mode in sorted({modes[f] for s in p.services for f in s.forms}):
                found.setdefault(mode, []).append(p)
        return found

    def local(self, code: str) -> Local:
        """(providers with a place in the municipality, others with remote help for it)."""
        return self._local.get(code, ([], []))

    def municipality(self, code: str) -> list[Provider]:
        """A municipality's page: every provider whose help reaches it (its sessions too)."""
        here, remote = self.local(code)
        return [*here, *remote]

    def topic(self, topic_id: str) -> list[Provider]:
        """A topic's page: every provider with a service on the topic."""
        return self._by_topic.get(topic_id, [])

    def mode(self, mode: str) -> list[Provider]:
        """A mode of help's page: every provider with a service in one of its forms."""
        return self._by_mode.get(mode, [])

    @staticmethod
    def provider(provider: Provider) -> list[Provider]:
        """A provider's page: itself (its next session is one of its own)."""
        return [provider]

    def helplines(self) -> list[Provider]:
        """The search page: the providers of the region's help lines."""
        ids = {p.id for p, _ in self.data.region_helplines()}
        return [p for p in self.data.providers if p.id in ids]

    def everything(self) -> list[Provider]:
        """The home page's agenda and the index lists' counts: every provider."""
        return list(self.data.providers)


def municipality_page(r: _Renderer, code: str) -> Page:
    data, lang = r.data, r.lang
    name = text_in(data.term("municipalities", code).name, lang)
    name_slug = _municipality_slug(data, code)
    here, remote = r.shown.local(code)
    sessions = r.upcoming.by_municipality.get(code, ())
    sections = [{"heading": t("in_municipality", lang), "providers": _cards(r, here, sessions)},
                {"heading": t("serving_municipality", lang),
                 "providers": _cards(r, remote, sessions)}]
    leaflets = _leaflet_links(r, name_slug, MUNICIPALITY_LEAFLETS)
    return r.page(_municipality_path(data, code), "listing.html", name, intro=None,
                  description=None, sections=sections, leaflets=leaflets,
                  upcoming=_agenda(sessions, (upcoming.MUNICIPALITY_DAYS,
                                              upcoming.MUNICIPALITY_PER_DAY), None))


def _municipality_slug(data: Dataset, code: str) -> str:
    return slug(data.term("municipalities", code).name.fi)


def _municipality_path(data: Dataset, code: str) -> str:
    return f"municipalities/{_municipality_slug(data, code)}.md"


def municipality_index(r: _Renderer) -> Page:
    data, lang = r.data, r.lang
    items: list[ListItem] = [
        {"href": url_of(_municipality_path(data, code)).removeprefix("municipalities/"),
         "label": text_in(data.term("municipalities", code).name, lang),
         "count": len(r.shown.municipality(code))} for code in data.region.municipalities]
    return r.page("municipalities/index.md", "index-list.html", t("municipalities", lang),
                  items=items)


def _by_place_then_remote(r: _Renderer, groups: tuple[dict[str, list[Provider]],
                                                     list[Provider]],
                          sessions: Iterable[upcoming.Session]) -> list[dict[str, object]]:
    """A listing's sections: one per municipality the help is listed under
    (``Dataset.listed_in``), the region's in its order, then any other (a place outside the
    region is only a warning, and its card must not go missing) by name, then the remote
    help; each card names its next session in its own section (a card under Aura names a
    session in Aura)."""
    data, lang = r.data, r.lang
    places, remote = groups
    at_places, on_channels = upcoming.split_by_place(sessions)
    names = {code: text_in(data.term("municipalities", code).name, lang) for code in places}
    outside = sorted((code for code in places if code not in data.region.municipalities),
                     key=lambda code: names[code].casefold())
    sections: list[dict[str, object]] = [
        {"heading": names[code], "providers": _cards(r, places[code], at_places.get(code, ()))}
        for code in [*(c for c in data.region.municipalities if c in places), *outside]]
    if remote:
        sections.append({"heading": t("remote_help", lang),
                         "providers": _cards(r, remote, on_channels)})
    return sections


def topic_page(r: _Renderer, topic_id: str) -> Page:
    data, lang = r.data, r.lang
    topic = data.vocabularies["topics"][topic_id]
    sessions = r.upcoming.by_topic.get(topic_id, ())
    sections = _by_place_then_remote(
        r, upcoming.topic_groups(data, r.shown.topic(topic_id), topic_id), sessions)
    return r.page(f"topics/{topic_id}.md", "listing.html", text_in(topic.name, lang), intro=None,
                  description=topic.description,
                  sections=sections or [{"heading": t("providers_on_topic", lang),
                                         "providers": []}],
                  upcoming=_agenda(sessions, (upcoming.REGION_DAYS, upcoming.REGION_PER_DAY),
                                   "municipalities/"))


def topic_index(r: _Renderer) -> Page:
    items: list[ListItem] = [{"href": f"{topic_id}/", "label": text_in(topic.name, r.lang),
                              "count": len(r.shown.topic(topic_id))}
                             for topic_id, topic in r.data.vocabularies["topics"].items()]
    return r.page("topics/index.md", "index-list.html", t("topics", r.lang), items=items)


def _forms(data: Dataset) -> dict[str, FormsTerm]:
    """The forms of support by id (``Dataset.term`` gives them as their class, with ``mode``)."""
    return {form_id: data.term("forms", form_id) for form_id in data.vocabularies["forms"]}


def mode_page(r: _Renderer, mode: str) -> Page:
    """A form of help's page. Help in person and courses are grouped by municipality, as on
    a topic page: a reader looks for help near them (a home visit booked by phone is under
    each municipality it serves, ``Dataset.listed_in``; courses online under remote help).
    The remote help page is one list."""
    lang = r.lang
    intro = t("remote_intro", lang) if mode == "remote" else None
    sessions = r.upcoming.by_mode.get(mode, ())
    title = t("remote_help", lang) if mode == "remote" else t(f"mode_{mode}", lang)
    sections: list[dict[str, object]]
    if mode == "remote":
        sections = [{"heading": t("provider_types", lang),
                     "providers": _cards(r, r.shown.mode(mode), sessions)}]
    else:
        sections = _by_place_then_remote(r, upcoming.service_groups(
            r.data, r.shown.mode(mode),
            lambda service, point: mode in r.data.modes_at(point, service)),
            sessions)
    return r.page(f"help/{mode}.md", "listing.html", title, intro=intro, description=None,
                  sections=sections or [{"heading": t("provider_types", lang),
                                         "providers": []}],
                  upcoming=_agenda(sessions, (upcoming.REGION_DAYS, upcoming.REGION_PER_DAY),
                                   "municipalities/"))


def provider_page(r: _Renderer, p: Provider) -> Page:
    return r.page(f"providers/{p.id}.md", "provider.html", text_in(p.name, r.lang), provider=p)


def _municipality_links(data: Dataset, lang: str) -> list[Link]:
    """Every municipality's page, from the language's root (templates pass it to link())."""
    return [{"href": url_of(_municipality_path(data, c)),
             "label": text_in(data.term("municipalities", c).name, lang)}
            for c in data.region.municipalities]


def _topic_links(data: Dataset, lang: str) -> list[Link]:
    return [{"href": f"topics/{topic_id}/", "label": text_in(topic.name, lang)}
            for topic_id, topic in data.vocabularies["topics"].items()]


def home_page(r: _Renderer) -> Page:
    data, lang = r.data, r.lang
    municipalities = _municipality_links(data, lang)
    topics = _topic_links(data, lang)
    modes: list[Link] = [{"href": f"help/{m}/", "label": t(f"mode_{m}", lang)} for m in MODES]
    leaflets = _leaflet_links(r, REGION_LEAFLET, REGION_LEAFLETS)
    return r.page("index.md", "home.html", t("site_name", lang), municipalities=municipalities,
                  topics=topics, modes=modes, leaflets=leaflets,
                  upcoming=_agenda(r.upcoming.sessions, (upcoming.HOME_DAYS,
                                                         upcoming.HOME_PER_DAY),
                                   "municipalities/"))


SEARCH_WORDS = "search/words.json"


def search_page(r: _Renderer) -> Page:
    """Not itself indexed: it is where the index is searched. It also carries what helps
    when a search finds nothing, and what works without JavaScript: the municipality and
    topic lists and the region's help lines."""
    data, lang = r.data, r.lang
    return r.page("search.md", "search.html", t("search", lang), indexed=False,
                  base_path=urlsplit(data.region.base_url).path or "/",
                  municipalities=_municipality_links(data, lang),
                  topics=_topic_links(data, lang), helplines=data.region_helplines(),
                  words=SEARCH_WORDS.removeprefix("search/"), filter_order=filter_order(lang))


class CoverageRow(TypedDict):
    topic: str
    cells: list[list[tuple[str, int]]]  # per mode of help: (form of support, services)


def _coverage_rows(data: Dataset, municipality: Municipality, lang: str) -> list[CoverageRow]:
    """Per topic, per mode of help: the forms of support there, each with its count."""
    forms = _forms(data)
    return [{"topic": text_in(topic.name, lang),
             "cells": [[(text_in(form.name, lang), municipality.coverage[(form_id, topic_id)])
                        for form_id, form in forms.items() if form.mode == mode
                        and municipality.coverage.get((form_id, topic_id))] for mode in MODES]}
            for topic_id, topic in data.vocabularies["topics"].items()]


@kept_for_last
def report_facts(dataset: Dataset) -> PageFacts:
    """What the report page shows (``present.report.PageFacts``), in no language: made once
    per dataset (see shared_facts)."""
    return page_facts(make_report(dataset))


def _report_key_facts(dataset: Dataset) -> str:
    return repr(report_facts(dataset))


def shared_facts(dataset: Dataset) -> None:
    """Collect what every language's renderer asks of the dataset (the help sessions, the
    report's facts), in the process that forks the languages: each inherits them instead of
    making them again (seconds at national scale)."""
    upcoming.upcoming(dataset)
    report_facts(dataset)


def report_page(r: _Renderer) -> Page:
    """The coordinator's report, in the network members' section (not in the navigation,
    not searchable), made from its facts alone (``report_facts``: its key names them)."""
    data, lang = r.data, r.lang
    facts = report_facts(data)
    due = [{"row": d, "status": status_text(d.status, d.stale_from, data, lang)}
           for d in facts.due]
    municipalities = [{"name": text_in(m.name, lang), "rows": _coverage_rows(data, m, lang),
                       "weekdays": weekdays_text(m.days_without_in_person, lang),
                       "languages": languages_text(m, data, lang)} for m in facts.municipalities]
    ptv_unlinked = [{"row": u, "points": ", ".join(text_in(name, lang) for name in u.points)}
                    for u in facts.unlinked]
    return r.page("network/report.md", "report.html", t("report_title", lang), indexed=False,
                  due=due, municipalities=municipalities, modes=MODES,
                  ptv_linked=ptv_text(facts.ptv_linked, facts.ptv_total, lang),
                  ptv_unlinked=ptv_unlinked,
                  as_of=hours_view.date_text(facts.today, lang, weekday=False))


def content_pages(content: Path, lang: str, fallback: str) -> list[Page]:
    """Prose pages of the language; a page missing in it comes in the fallback language,
    marked with that language so screen readers pronounce it right."""
    own = {p.relative_to(content / lang).as_posix() for p in (content / lang).rglob("*.md")}
    other = {p.relative_to(content / fallback).as_posix()
             for p in (content / fallback).rglob("*.md")} - own
    pages = [_content_page(path, (content / lang / path).read_text(encoding="utf-8"))
             for path in sorted(own)]
    for path in sorted(other):
        text = (content / fallback / path).read_text(encoding="utf-8")
        pages.append(_content_page(
            path, f'<div lang="{fallback}" markdown="1">\n\n{text}\n\n</div>\n'))
    return pages


NOT_SEARCHABLE = "network/"


def _content_page(path: str, text: str) -> Page:
    """The network members' pages (field and error references, how to take part) are kept out
    of the citizens' search: they matched everyday words such as 'verkkopankki'."""
    if not path.startswith(NOT_SEARCHABLE):
        return Page(path, text)
    return Page(path, f"---\npagefind: false\n---\n\n{text}", indexed=False)


def navigation(lang: str, available: set[str]) -> Nav:
    nav: Nav = [{t("home", lang): "index.md"},
           {t("search", lang): "search.md"},
           {t("municipalities", lang): "municipalities/index.md"},
           {t("topics", lang): "topics/index.md"},
           *({t(f"mode_{m}", lang): f"help/{m}.md"} for m in MODES)]
    nav += [path for path in CONTENT_NAV if path in available]
    return nav


@dataclass(frozen=True)
class PagePlan:
    """A generated page before it is rendered: what its cache key is made of beyond the
    shared model, the language and the code, and how to render it."""
    path: str
    shows: Sequence[Provider]             # what ``Shown`` names for it
    render: Callable[[_Renderer], Page]
    links: tuple[str, ...] = ()           # the leaflet files it links (it names their facts)
    # What else it shows, as a key's input: the report's facts (``report_facts``)
    facts: Callable[[], str] | None = None


def page_plans(dataset: Dataset, lang: str, shown: Shown) -> list[PagePlan]:
    """Every generated page of a language, in the order the site lists them."""
    data = dataset
    plans = [PagePlan("index.md", shown.everything(), home_page,
                      tuple(leaflet_paths(lang, REGION_LEAFLET)))]
    plans += [PagePlan(_municipality_path(data, code), shown.municipality(code),
                       functools.partial(municipality_page, code=code),
                       tuple(leaflet_paths(lang, _municipality_slug(data, code))))
              for code in data.region.municipalities]
    plans.append(PagePlan("municipalities/index.md", shown.everything(), municipality_index))
    plans += [PagePlan(f"topics/{topic_id}.md", shown.topic(topic_id),
                       functools.partial(topic_page, topic_id=topic_id))
              for topic_id in data.vocabularies["topics"]]
    plans.append(PagePlan("topics/index.md", shown.everything(), topic_index))
    plans += [PagePlan(f"help/{mode}.md", shown.mode(mode), functools.partial(mode_page, mode=mode))
              for mode in MODES]
    plans += [PagePlan(f"providers/{p.id}.md", shown.provider(p),
                       functools.partial(provider_page, p=p)) for p in data.providers]
    plans.append(PagePlan("search.md", shown.helplines(), search_page))
    plans.append(PagePlan("network/report.md", (), report_page,
                          facts=functools.partial(_report_key_facts, data)))
    return plans


GENERATED = "generated"  # the cache's part name of a generated page
# The libraries whose work is in a page's text: templates, escaping, the catalogue, opening
# hours read into days, record text as markup.
RENDERED_WITH = ("jinja2", "markupsafe", "babel", "opening_hours_py", "markdown-it-py")


def _code_and_versions() -> str:
    """The code (``code_digest``: templates and catalogue with it), Python's version and those
    of the libraries in ``RENDERED_WITH``, as one input."""
    return f"{code_digest()} {sys.version} {versions(*RENDERED_WITH)}"


def page_key(plan: PagePlan, lang: str, digests: ModelDigests,
             leaflets: Mapping[str, tuple[int, int]], code: str) -> str:
    """The cache key of a generated page: the region's settings, vocabularies and build date,
    the providers it shows, its own facts (the report's), the facts of the leaflet files it
    links, its path, the language, and the code and libraries (``code``:
    ``_code_and_versions``)."""
    return key({"code": code, "shared": digests.shared, "lang": lang,
                "path": plan.path, "providers": digests.shown(plan.shows),
                "facts": plan.facts() if plan.facts is not None else "",
                "leaflets": json.dumps([[path, leaflets.get(path)] for path in plan.links])})


CARD = "card"  # the cache's part name of a provider's card
CARD_LIST = "cards"  # and of a list of cards


@dataclass(frozen=True)
class _CardStore:
    """Where the renderer keeps provider cards and lists of them, and their keys."""
    cache: OutputCache
    digests: ModelDigests
    code: str            # ``_code_and_versions``

    def key(self, cards: Sequence["Card"], lang: str, depth: int) -> str:
        """The key of a card or a list of cards: the region's settings, vocabularies and
        build date, each provider's record and the session its card names (one of the
        provider's own), in order, the language, the page's depth (its links), and the code
        and libraries."""
        shown = "\n".join(f"{self.digests.providers[p.id]} {_session_named(next)}"
                           for p, next in cards)
        return key({"code": self.code, "shared": self.digests.shared, "lang": lang,
                    "depth": str(depth), "cards": shown})


def _session_named(session: upcoming.Session | None) -> str:
    """What a card says of its next session, as a key's input."""
    return "" if session is None else f"{session.day} {session.spans[0]} {session.point.id}"


def _stored(page: Page) -> bytes:
    """A page as the cache keeps it: a line of its path, flags, the Markdown's length and
    its ``content_digest``, then the Markdown and the body as they are (a JSON string of a
    long body took longer to read back than the page took to render)."""
    text = page.text.encode()
    head = json.dumps([page.path, page.indexed, len(text), page.body is not None,
                       digest_of(page)])
    return b"%s\n%s%s" % (head.encode(), text, (page.body or "").encode())


def _restored(data: bytes) -> Page:
    head, _, rest = data.partition(b"\n")
    path, indexed, length, has_body, digest = json.loads(head)
    body = rest[length:].decode() if has_body else None
    return Page(path, rest[:length].decode(), body, indexed, digest)


GENERATED_HEAD = "generated-head"  # and of its head (``StoredPage``), kept beside it


def _keep_page(cache: OutputCache, head_recall: Recall, digest: str, page: Page) -> None:
    cache.put(digest, _stored(page), GENERATED)
    _keep_head(head_recall, digest, page)


def _keep_head(head_recall: Recall, digest: str, page: Page) -> None:
    head = [page.path, page.indexed, page.has_body, digest_of(page)]
    head_recall.put(digest, json.dumps(head).encode())


def _stored_head(head_recall: Recall, digest: str) -> StoredPage | None:
    head = head_recall.get(digest)
    if head is None:
        return None
    path, indexed, has_body, content = json.loads(head)
    return StoredPage(path, indexed, has_body, content, digest)


class PageGone(Exception):
    """A page known by its head is no longer in the cache (pruned meanwhile)."""


def load_page(cache: OutputCache, stored: StoredPage) -> Page:
    """The whole of a page known by its head (``PageGone`` when the cache no longer has it)."""
    data = cache.get(stored.entry, GENERATED)
    if data is None:
        raise PageGone(stored.path)
    return _restored(data)


def language_site(dataset: Dataset, lang: str, content: Path,
                  leaflets: Mapping[str, tuple[int, int]] | None = None,
                  cache: OutputCache | None = None, heads: bool = False) -> LanguageSite:
    """``leaflets``: path -> (pages, bytes) of the leaflet files made for this build, which
    the links to them name. With a ``cache``, a generated page whose key (``page_key``) is
    in it comes from it, not rendered, and with ``heads`` by its head alone
    (``LanguageSite.stored``); the renderer (which collects every help session) is only
    made when a page is rendered."""
    leaflets = leaflets or {}
    shown = Shown(dataset)
    digests = model_digests(dataset) if cache is not None else None
    code = _code_and_versions()
    cards = _CardStore(cache, digests, code) if cache is not None and digests else None
    renderer: _Renderer | None = None
    head_recall = Recall(cache, GENERATED_HEAD, f"language {lang}") if cache is not None else None
    pages: list[Page] = []
    stored: list[StoredPage] = []
    generated: list[str] = []
    for plan in page_plans(dataset, lang, shown):
        digest = page_key(plan, lang, digests, leaflets, code) if digests is not None \
            else None
        if cache is not None and head_recall is not None and digest:
            # the page itself marked used: unread, it would be the first pruned
            head = _stored_head(head_recall, digest) if heads and cache.has(digest, GENERATED) \
                else None
            if head is not None:
                stored.append(head)
                continue
            whole = cache.get(digest, GENERATED)
            if whole is not None:
                pages.append(_restored(whole))
                if heads:   # its head was pruned: kept again, for the next build
                    _keep_head(head_recall, digest, pages[-1])
                continue
        renderer = renderer or _Renderer(dataset, lang, leaflets, shown, cards)
        page = plan.render(renderer)
        assert page.path == plan.path, (page.path, plan.path)
        page = replace(page, digest=content_digest(page))
        pages.append(page)
        generated.append(page.path)
        if cache is not None and head_recall is not None and digest:
            _keep_page(cache, head_recall, digest, page)
    if head_recall is not None:
        head_recall.save()
    fallback = dataset.region.languages[0]
    pages += content_pages(content, lang, fallback)
    words = json.dumps(search_words(dataset, lang), ensure_ascii=False, separators=(",", ":"))
    return LanguageSite(lang, pages, stored,
                        navigation(lang, {p.path for p in pages} | {p.path for p in stored}),
                        {SEARCH_WORDS: words}, generated)
