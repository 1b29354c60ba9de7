"""``digituki ptv check``: our service points beside PTV's current data, in words.

For every service point with a PTV channel id (``ptv_id``), what differs from that channel in
PTV, each in fi, sv and en:

- the name, in every language both have;
- the street address (the same as any of PTV's visiting addresses counts; post offices are
  compared without case, since PTV writes them in capitals);
- the position, when the two are more than 50 m apart (great-circle distance);
- the phone number, when ours is none of PTV's (E.164; personal-looking ones included);
- the regular building hours, compared as the parser reads them and said rule by rule in the
  site's words ("ma–pe 9–16" beside "ma–pe 9–15");
- a channel PTV no longer has.

What PTV does not say (no hours, no coordinates) is not a difference. PTV's data come from
saved responses (files or folders, read by read.py) or a live fetch of the channels by their
ids (fetch.py). A fetch that fails is one line in the result, never an exception: the weekly
job goes on and no build fails for PTV being out of reach.
"""
import datetime
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

from ..i18n import LANGUAGES, t
from ..model.build import Dataset
from ..model.classes import Address, Provider, ServicePoint, Text
from ..present.hours_view import hours_change, hours_lines
from ..present.names import text_in
from ..problems import Problem
from ..untrusted import visible
from ..values.hours import Hours, ParserError
from .fetch import DEFAULT_BASE_URL, Client, FetchError
from .read import Channel, Coordinates, PtvAddress, PtvPlace, read_sources

NEAR_METRES = 50.0
EARTH_RADIUS_METRES = 6_371_008.8  # the mean radius (IUGG)

Said = dict[str, str]  # language -> the words


@dataclass(frozen=True)
class PointCheck:
    """One of our service points with a PTV id, and what differs from PTV (none: the same)."""

    provider: Provider
    point: ServicePoint
    channel_id: str
    differences: tuple[Said, ...]


@dataclass(frozen=True)
class PtvCheck:
    """Every linked point checked, or ``failure`` (the one line, per language) when PTV could
    not be read; ``problems`` are those met reading PTV's data (read.py's ptv-* codes)."""

    points: tuple[PointCheck, ...] = ()
    failure: Said | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def differing(self) -> tuple[PointCheck, ...]:
        return tuple(p for p in self.points if p.differences)


def distance_metres(a: Coordinates, b: Coordinates) -> float:
    """Great-circle distance (haversine) between two WGS84 positions."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    half = (math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2)
            * math.sin(math.radians(b.lon - a.lon) / 2) ** 2)
    return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(half)))


def _texts(text: Text) -> dict[str, str]:
    return {lang: value for lang in LANGUAGES if (value := getattr(text, lang))}


def _in(texts: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``, else Finnish, else any."""
    return texts.get(lang) or texts.get("fi") or next(iter(texts.values()), "")


def _words(text: str) -> str:
    return " ".join(text.split())


def _same(ours: Mapping[str, str], theirs: Mapping[str, str], fold: bool = False) -> bool:
    """The same in every language both have (at least one, else the Finnish or any)."""
    def norm(text: str) -> str:
        return _words(text).casefold() if fold else _words(text)
    common = [lang for lang in ours if lang in theirs]
    if not common:
        return norm(_in(ours, "fi")) == norm(_in(theirs, "fi"))
    return all(norm(ours[lang]) == norm(theirs[lang]) for lang in common)


def _differs(label: Callable[[str], str], ours: Callable[[str], str],
             theirs: Callable[[str], str]) -> Said:
    return {lang: t("ptv.check.differs", lang).format(field=label(lang), ours=ours(lang),
                                                      theirs=theirs(lang))
            for lang in LANGUAGES}


def _as_is(text: str) -> Callable[[str], str]:
    return lambda _: text


def _label(field: str, within: str = "") -> Callable[[str], str]:
    """The field's name in the record's words (``field.<name>``, as digituki diff says it)."""
    key = "field." + field
    return lambda lang: t(key, lang) + (f" ({within})" if within else "")


def _name(point: ServicePoint, channel: Channel) -> Iterator[Said]:
    ours = _texts(point.name)
    for lang in LANGUAGES:
        if lang in ours and lang in channel.name and not _same(
                {lang: ours[lang]}, {lang: channel.name[lang]}):
            yield _differs(_label("name", lang), _as_is(ours[lang]),
                           _as_is(channel.name[lang]))


def _our_address(address: Address, lang: str) -> str:
    return (f"{_in(_texts(address.street), lang)}, {address.postal_code} "
            f"{_in(_texts(address.post_office), lang)}")


def _their_address(address: PtvAddress, lang: str) -> str:
    return f"{_in(address.street, lang)}, {address.postal_code} {_in(address.post_office, lang)}"


def _matches(ours: Address, theirs: PtvAddress) -> bool:
    return (_same(_texts(ours.street), theirs.street, fold=True)
            and ours.postal_code == theirs.postal_code
            and _same(_texts(ours.post_office), theirs.post_office, fold=True))


def _place(point: ServicePoint, channel: Channel) -> Iterator[Said]:
    """The address, then the position (of the matching PTV address, else its first)."""
    if not isinstance(channel, PtvPlace) or not channel.addresses:
        return
    address = point.address
    matching = [a for a in channel.addresses if address and _matches(address, a)]
    theirs = (matching or list(channel.addresses))[0]
    if address is None and point.type == "place":
        yield _differs(_label("address"), _as_is("–"), lambda lang: _their_address(theirs, lang))
    elif address is not None and not matching:
        yield _differs(_label("address"), lambda lang: _our_address(address, lang),
                       lambda lang: _their_address(theirs, lang))
    ours = point.coordinates
    if ours is None or theirs.coordinates is None:
        return
    metres = distance_metres(Coordinates(ours.lat, ours.lon), theirs.coordinates)
    if metres > NEAR_METRES:
        position = theirs.coordinates
        yield {lang: t("ptv.check.moved", lang).format(
                   field=_label("coordinates")(lang), metres=f"{metres:.0f}",
                   lat=f"{position.lat:.6f}", lon=f"{position.lon:.6f}")
               for lang in LANGUAGES}


def _phone(point: ServicePoint, channel: Channel) -> Iterator[Said]:
    """Ours is none of PTV's numbers. (No number of ours is no difference: a place's
    record need not give one.)"""
    theirs = channel.phones + channel.personal_phones
    if point.phone is None or not theirs or point.phone.e164 in {p.e164 for p in theirs}:
        return
    yield _differs(_label("phone"), _as_is(point.phone.written),
                   _as_is(", ".join(p.written for p in theirs)))


def _normal(written: str) -> str | None:
    try:
        return Hours.of(written).normalized
    except ParserError:
        return None


def _hours(point: ServicePoint, channel: Channel, today: datetime.date) -> Iterator[Said]:
    theirs = channel.hours.regular
    if theirs is None:  # PTV has none, or none it can say exactly: nothing to compare
        return
    if point.hours is None:
        yield _differs(_label("hours"), _as_is("–"),
                       lambda lang: ", ".join(hours_lines(theirs, today, lang)))
        return
    ours = point.hours.written
    if point.hours.normalized == _normal(theirs) or _words(ours) == _words(theirs):
        return
    said = {lang: hours_change(ours, theirs, today, lang) for lang in LANGUAGES}
    if said["fi"] == ("–", "–"):  # written otherwise, the same rules in words
        return
    yield _differs(_label("hours"), lambda lang: said[lang][0], lambda lang: said[lang][1])


def differences(point: ServicePoint, channel: Channel | None, channel_id: str,
                today: datetime.date) -> list[Said]:
    """What differs between our point and PTV's channel (None: PTV has no such channel)."""
    if channel is None:
        return [{lang: t("ptv.check.missing", lang).format(channel=channel_id)
                 for lang in LANGUAGES}]
    return [*_name(point, channel), *_place(point, channel), *_phone(point, channel),
            *_hours(point, channel, today)]


def linked(dataset: Dataset) -> list[tuple[Provider, ServicePoint, str]]:
    """(provider, point, PTV channel id) of every service point with a PTV id."""
    return [(p, sp, sp.ptv_id) for p in dataset.providers for sp in p.service_points
            if sp.ptv_id]


def compare(dataset: Dataset, channels: Mapping[str, Channel]) -> list[PointCheck]:
    """Every linked point beside its channel (by id) in ``channels``."""
    return [PointCheck(provider, point, channel_id,
                       tuple(differences(point, channels.get(channel_id), channel_id,
                                         dataset.today)))
            for provider, point, channel_id in linked(dataset)]


def check(dataset: Dataset, saved: Sequence[Path] = (), base_url: str = DEFAULT_BASE_URL,
          timeout: float | None = None) -> PtvCheck:
    """Compare with PTV's data: the saved responses when given (files or folders), else the
    linked channels fetched from the Open API at ``base_url``."""
    ids = list(dict.fromkeys(channel_id for _, _, channel_id in linked(dataset)))
    if saved:
        read = read_sources(list(saved))
    elif not ids:
        return PtvCheck()
    else:
        client = Client(base_url) if timeout is None else Client(base_url, timeout)
        try:
            fetched = client.channels(ids)
        except FetchError as error:
            return PtvCheck(failure={lang: t("ptv.check.failed", lang).format(
                error=error.text(lang)) for lang in LANGUAGES})
        read = read_sources([(client.url("ServiceChannel/list"), fetched)])
    channels = {c.id: c for c in read.channels}
    return PtvCheck(tuple(compare(dataset, channels)), problems=read.problems)


def as_text(result: PtvCheck, lang: str) -> str:
    """For the terminal: a summary line, then each record with its differing points."""
    if result.failure is not None:
        return result.failure[lang] + "\n"
    if not result.points:
        return t("ptv.check.no_ids", lang) + "\n"
    lines = [t("ptv.check.summary", lang).format(n=len(result.points),
                                                 differing=len(result.differing))]
    by_record: dict[str, list[PointCheck]] = {}
    for point in result.differing:
        by_record.setdefault(point.provider.id, []).append(point)
    for record, points in by_record.items():
        lines.append(f"{record}.yaml")
        lines += [visible(f"  {text_in(p.point.name, lang)} – {said[lang]}") for p in points
                  for said in p.differences]
    return "\n".join(lines) + "\n"
