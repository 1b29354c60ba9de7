"""Open-data exports under ``site/data/``: the same records for registries, maps and
calendars (``digituki export``, and every ``digituki build``).

``update_exports`` brings the folder up to date through the output cache, making again only
the files whose inputs changed: each calendar is keyed by what it shows (a provider's by
that provider's record, a municipality's by the records of the providers it shows, both with
the settings every output shares, the language and the code); the files made from every
record (the directory, the map, HSDS, the tables: ``whole``) are keyed by the whole model and
assembled from each provider's part, kept by that provider's record.
"""
import functools
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..model.build import Dataset
from ..model.classes import Provider
from ..model.digests import model_digests
from ..outputcache import OutputCache, code_digest, key, sync_tree, versions
from .calendar import Calendars, municipality_providers
from .whole import ProviderPart, provider_part, whole_files

# The libraries whose work is in the files: the calendars, the sessions' dates, the texts.
LIBRARIES = ("icalendar", "opening-hours-py", "Babel")
# More files made from the whole dataset (path under data/ -> text), made with the exports:
# the coordinator's report's tables, which another output (network) makes.
More = Callable[[Dataset], Mapping[str, str]]


def provider_calendar_path(lang: str, provider: Provider) -> str:
    return f"calendar/{lang}/providers/{provider.id}.ics"


def municipality_calendar_path(lang: str, code: str) -> str:
    return f"calendar/{lang}/municipalities/{code}.ics"


@dataclass(frozen=True)
class _Calendar:
    """One calendar file: its path, the providers it shows and how it is made."""

    path: str
    lang: str
    shows: tuple[Provider, ...]
    make: Callable[[], bytes]


def _calendars(dataset: Dataset, calendars: Calendars) -> Iterator[_Calendar]:
    for lang in dataset.region.languages:
        for provider in dataset.providers:
            yield _Calendar(provider_calendar_path(lang, provider), lang, (provider,),
                            functools.partial(calendars.provider, provider, lang))
        for code in dataset.region.municipalities:
            yield _Calendar(municipality_calendar_path(lang, code), lang,
                            municipality_providers(dataset, code),
                            functools.partial(calendars.municipality, code, lang))


def export_files(dataset: Dataset) -> dict[str, str | bytes]:
    """Path under data/ -> content, for every export."""
    files: dict[str, str | bytes] = {**whole_files(dataset)}
    files.update({c.path: c.make() for c in _calendars(dataset, Calendars(dataset))})
    return files


@dataclass(frozen=True)
class ExportRun:
    """The files now in ``data/`` (a count), and the paths made anew: the others came from
    the cache."""
    files: int
    made: tuple[str, ...]


def update_exports(dataset: Dataset, out: Path, cache: OutputCache, more: More | None = None
                   ) -> ExportRun:
    """Bring ``out/data/`` up to date: exactly the files ``export_files`` (and ``more``)
    make, only changed bytes written and files no longer made deleted (``sync_tree``).

    When the model and the code are unchanged, the folder comes from the cache as a whole.
    Otherwise each calendar is made only when its key is new: a provider's calendar is keyed
    by the settings every output shares (``model_digests``), that provider's digest, the
    language and the code; a municipality's by the same with the digests of the providers
    ``municipality_providers`` names, the providers it is made from. The files made from
    every record are one group keyed by the whole model, assembled from each provider's part
    (``whole.ProviderPart``), which is kept by the shared digest, its provider's and the
    code's, so only a changed record's part is made again. "The code" is this program's and
    the versions of Python and the ``LIBRARIES`` whose work is in the files."""
    code = key({"code": code_digest(), "python": sys.version, "versions": versions(*LIBRARIES)})
    whole = key({"model": model_digests(dataset).whole, "code": code})
    files = cache.get_tree(whole, "data")
    made: list[str] = []
    if files is None:
        digests = model_digests(dataset)

        def shown(providers: tuple[Provider, ...]) -> dict[str, str]:
            return {"code": code, "shared": digests.shared, "shows": digests.shown(providers)}

        def part(provider: Provider) -> ProviderPart:
            inputs = key({"export": "provider part", **shown((provider,))})
            kept = cache.get(inputs, "export-part")
            if kept is not None:
                return ProviderPart.from_bytes(kept)
            found = provider_part(dataset, provider)
            cache.put(inputs, found.to_bytes(), "export-part")
            return found

        files = cache.get_tree(whole, "data-whole")
        if files is None:
            texts = {**whole_files(dataset, part), **(more(dataset) if more else {})}
            files = {name: text.encode() for name, text in texts.items()}
            cache.put_tree(whole, files, "data-whole")
            made += files
        for calendar in _calendars(dataset, Calendars(dataset)):
            inputs = key({"calendar": calendar.path, "lang": calendar.lang,
                          **shown(calendar.shows)})
            kept_files = cache.get_tree(inputs, "calendar")
            if kept_files is None:
                kept_files = {calendar.path: calendar.make()}
                cache.put_tree(inputs, kept_files, "calendar")
                made.append(calendar.path)
            files.update(kept_files)
        cache.put_tree(whole, files, "data")
    sync_tree(files, out / "data", cache)
    return ExportRun(len(files), tuple(made))
