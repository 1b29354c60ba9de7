"""PTV JSON (Open API v11) -> frozen typed objects, and the problems met on the way.

Everything here is a pure function of parsed JSON: no network, no clock, no record files.

Entry points:

- :func:`read_sources` reads files, folders of saved responses or already parsed JSON (a
  ``(name, data)`` pair, e.g. a URL and its response) and returns a :class:`PtvRead`:
  ``channels`` (:class:`PtvPlace` for ``ServiceLocation``, :class:`PtvRemoteChannel` for
  ``Phone`` and ``EChannel``), ``organizations`` (:class:`PtvOrganization`) and ``problems``.
- :func:`read_channels` is the same for channels only: ``(channels, problems)``.
- :func:`read_channel` / :func:`read_organization` read one parsed object.

A source may hold one ``ServiceChannel``, one ``Organization``, a JSON list of them or a
page of a list response (``{"pageNumber", "pageCount", "itemList": [...]}``); folders are
read file by file (``*.json``, sorted by name).

Problems are :class:`digituki.problems.Problem` with ``file`` = the source (path or name),
``mark`` = line 1 column 1 (JSON responses have no useful lines) and ``path`` = the JSON
path ("itemList[2].addresses[0].streetAddress.latitude"); their codes (``ptv-…``, all
warnings except ``ptv-json``) are in ``digituki.codes`` with messages in the catalogue, so
``digituki.codes.render_message(problem, lang)`` words them in fi/sv/en.

What is kept and how (the facts the import and ``digituki ptv check`` rely on):

- Texts are ``{language: text}`` with only the languages PTV has; ``missing_languages``
  lists which of fi, sv, en the name lacks (flagged ``ptv-language-missing``).
- Addresses: the ``Location`` (and an organisation's ``Visiting``) street addresses, in
  PTV's order; a place with none is flagged ``ptv-address-missing``, each address after the
  first ``ptv-address-extra`` (a point has one address). ``street`` joins street
  and number per language ("Sundomvägen 13"); ``post_office`` is as PTV writes it
  (capitals: "VAASA"); the municipality code is the address's.
- Coordinates: the street address's ETRS-TM35FIN (EPSG:3067) ``latitude`` (northing) and
  ``longitude`` (easting), reprojected to WGS84 with pyproj and rounded to 6 decimals.
  Zero, unreadable, outside Finland or with a ``coordinateState`` other than ``Ok`` /
  ``EnteredByUser`` -> None, flagged ``ptv-coordinates``. ``otherAddress`` and entrance
  coordinates are never used (in real responses they hold template values).
- Phones: ``prefixNumber`` + ``number`` -> :class:`PtvPhone` with ``e164`` ("+358405166046")
  and ``written`` (Finnish numbers in national form, "040 5166046", as records write them).
  Faxes and numbers without digits are skipped. A phone looks personal when it is a Finnish
  mobile number or its ``additionalInformation`` (or, for a phone channel, the channel's
  name) names a role or a person; such phones are in ``personal_phones``, not ``phones``,
  and flagged ``ptv-contact-personal`` (``include_personal=True`` keeps them in ``phones``,
  still flagged). Duplicates (one number per language) are kept once.
- Hours: ``serviceHours`` -> :class:`digituki.ptv.hours.PtvHours` (``regular`` opening_hours
  text such as "Mo-Fr 09:00-15:00; PH off" or None, dated ``exceptions``, ``inexpressible``
  entries with their original JSON, each flagged ``ptv-hours-inexpressible``). Compare
  ``regular`` with a record's hours through ``values.hours.Hours.of(text).normalized``.
- Channel ids are lowercase, as ``ptv_id`` in records is.
- Municipalities: a code that is not three digits, or not in ``municipalities`` when that
  is given (e.g. the codes of the data folder's vocabulary), is flagged
  ``ptv-municipality-unknown``; the code is kept.
"""
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Iterable, Mapping, Union

import phonenumbers

from ..load.marks import Mark
from ..problems import Param, Problem
from ..values.contact import phone_e164
from .hours import PtvHours, convert, items_of

LANGUAGES = ("fi", "sv", "en")
Text = Mapping[str, str]
# A source: a JSON file, a folder of them, or (name, parsed JSON) - e.g. a URL and its data.
Source = Union[Path, tuple[str, Any]]

GOOD_COORDINATE_STATES = ("Ok", "EnteredByUser")
# Why coordinates were left out, in the problem's words.
ZERO = {"fi": "nolla", "sv": "noll", "en": "zero"}
UNREADABLE = {"fi": "ei lukuja", "sv": "inte tal", "en": "not numbers"}
OUTSIDE = {"fi": "Suomen ulkopuolella", "sv": "utanför Finland", "en": "outside Finland"}
MOBILE = {"fi": "matkapuhelinnumero", "sv": "mobilnummer", "en": "a mobile number"}
# WGS84 bounds of Finland with a margin: a point outside is a wrong point.
FINLAND = (59.3, 70.2, 19.0, 31.7)  # south, north, west, east


@dataclass(frozen=True)
class Coordinates:
    """WGS84 degrees, as our records write them."""

    lat: float
    lon: float


@dataclass(frozen=True)
class PtvAddress:
    street: Text
    postal_code: str
    post_office: Text
    municipality: str | None
    coordinates: Coordinates | None
    # streetAddress.additionalInformation: "Käynti Alikadun puolelta." (our directions)
    additional_information: Text
    path: str


@dataclass(frozen=True)
class PtvPhone:
    e164: str
    written: str
    # additionalInformation as written ("Rektor", "Puhelinvaihde"), "" when none
    info: str
    language: str
    mobile: bool
    # "mobile", "role" or "" (not personal-looking)
    personal: str
    charge: str
    path: str


@dataclass(frozen=True)
class PtvWebPage:
    url: str
    name: str
    language: str


@dataclass(frozen=True)
class PtvAccessibility:
    """One group of an entrance's accessibility sentences: its title and sentences, each
    per language, as PTV writes them."""

    title: Text
    sentences: tuple[Text, ...]


@dataclass(frozen=True)
class PtvChannel:
    """What every channel has. ``serves`` are the municipality codes of its areas."""

    id: str
    organization_id: str
    kind: str
    name: Text
    summary: Text
    description: Text
    languages: tuple[str, ...]
    missing_languages: tuple[str, ...]
    phones: tuple[PtvPhone, ...]
    personal_phones: tuple[PtvPhone, ...]
    emails: tuple[str, ...]
    web_pages: tuple[PtvWebPage, ...]
    hours: PtvHours
    serves: tuple[str, ...]
    modified: str
    source: str
    path: str

    @property
    def phone(self) -> PtvPhone | None:
        """The first phone kept, or None."""
        return self.phones[0] if self.phones else None


@dataclass(frozen=True)
class PtvPlace(PtvChannel):
    """A ``ServiceLocation``: a place. ``address`` is the first of ``addresses``."""

    addresses: tuple[PtvAddress, ...] = ()
    accessibility: tuple[PtvAccessibility, ...] = ()

    @property
    def address(self) -> PtvAddress | None:
        return self.addresses[0] if self.addresses else None

    @property
    def coordinates(self) -> Coordinates | None:
        return self.address.coordinates if self.address else None


@dataclass(frozen=True)
class PtvRemoteChannel(PtvChannel):
    """A ``Phone`` (a phone line) or an ``EChannel`` (an online service: ``web_pages`` hold
    its address)."""


@dataclass(frozen=True)
class PtvOrganization:
    id: str
    name: Text
    # organizationType as PTV writes it: "Municipality", "State", "Organization", …
    type: str
    municipality: str | None
    business_code: str
    phones: tuple[PtvPhone, ...]
    personal_phones: tuple[PtvPhone, ...]
    emails: tuple[str, ...]
    web_pages: tuple[PtvWebPage, ...]
    missing_languages: tuple[str, ...]
    source: str
    path: str


Channel = Union[PtvPlace, PtvRemoteChannel]


@dataclass(frozen=True)
class PtvRead:
    channels: tuple[Channel, ...] = ()
    organizations: tuple[PtvOrganization, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)


class _Context:
    """Where reading is: the source's name, the problems so far and the reading options."""

    def __init__(self, source: str, municipalities: Collection[str] | None,
                 include_personal: bool):
        self.source = source
        self.municipalities = municipalities
        self.include_personal = include_personal
        self.problems: list[Problem] = []

    def flag(self, path: str, code: str, **params: Param) -> None:
        self.problems.append(Problem(self.source, Mark(1, 1), code, path, params))


# --- small readers ---------------------------------------------------------------------

def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def texts(items: Any, kind: str | None = None) -> dict[str, str]:
    """PTV's [{language, value(, type)}] -> {language: value}: the first non-empty value
    per language (of ``type`` == kind when given)."""
    found: dict[str, str] = {}
    for item in items_of(items):
        if not isinstance(item, dict) or (kind and item.get("type") not in (kind, None)):
            continue
        value, lang = _str(item.get("value")), _str(item.get("language"))
        if value and lang:
            found.setdefault(lang, value)
    return found


def _missing(name: Text) -> tuple[str, ...]:
    return tuple(lang for lang in LANGUAGES if lang not in name)


def _municipality(ctx: _Context, code: Any, path: str) -> str | None:
    text = _str(code)
    if not text:
        return None
    if not re.fullmatch(r"\d{3}", text) or (
            ctx.municipalities is not None and text not in ctx.municipalities):
        ctx.flag(path, "ptv-municipality-unknown", value=text)
    return text


def _serves(ctx: _Context, areas: Any, path: str) -> tuple[str, ...]:
    codes: list[str] = []
    for i, area in enumerate(items_of(areas)):
        if not isinstance(area, dict):
            continue
        if area.get("type") == "Municipality" and _str(area.get("code")) \
                and not area.get("municipalities"):
            code = _municipality(ctx, area["code"], f"{path}[{i}].code")
            codes += [code] if code else []
        for j, town in enumerate(items_of(area.get("municipalities"))):
            if isinstance(town, dict):
                code = _municipality(ctx, town.get("code"), f"{path}[{i}].municipalities[{j}].code")
                codes += [code] if code and code not in codes else []
    return tuple(dict.fromkeys(codes))


_TRANSFORMER: Any = None


def to_wgs84(northing: float, easting: float) -> Coordinates:
    """ETRS-TM35FIN (EPSG:3067) -> WGS84 degrees (6 decimals, ~0.1 m)."""
    global _TRANSFORMER
    if _TRANSFORMER is None:
        from pyproj import Transformer  # loaded on first use: only the import needs it
        _TRANSFORMER = Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)
    lon, lat = _TRANSFORMER.transform(easting, northing)
    return Coordinates(round(lat, 6), round(lon, 6))


def _coordinates(ctx: _Context, street: Mapping[str, Any], path: str) -> Coordinates | None:
    raw_lat, raw_lon = street.get("latitude"), street.get("longitude")
    state = _str(street.get("coordinateState"))
    shown = f"{raw_lat}, {raw_lon}"
    try:
        northing, easting = float(str(raw_lat)), float(str(raw_lon))
    except ValueError:
        ctx.flag(f"{path}.latitude", "ptv-coordinates", value=shown, why=UNREADABLE)
        return None
    if not (math.isfinite(northing) and math.isfinite(easting)) or northing == 0 or easting == 0:
        ctx.flag(f"{path}.latitude", "ptv-coordinates", value=shown, why=ZERO)
        return None
    if state and state not in GOOD_COORDINATE_STATES:
        ctx.flag(f"{path}.coordinateState", "ptv-coordinates", value=shown,
                 why=f"coordinateState {state}")
        return None
    point = to_wgs84(northing, easting)
    south, north, west, east = FINLAND
    if not (south <= point.lat <= north and west <= point.lon <= east):
        ctx.flag(f"{path}.latitude", "ptv-coordinates", value=shown, why=OUTSIDE)
        return None
    return point


# Words for what a phone line is, in the additionalInformation of non-personal lines.
_SERVICE_WORDS = re.compile(
    r"vaihde|växel|switchboard|asiakaspalvelu|kundtjänst|customer|neuvonta|rådgivning|"
    r"palvelunumero|päivystys|jour|ajanvaraus|tidsbokning|booking|info|toimisto|kansli|office|"
    r"helpline|tukipuhelin|digituki|kirjasto|bibliotek|library|lainaus|yleinen|allmän|general",
    re.IGNORECASE)
# Words that name a person's job: such a line reaches one person.
_ROLE_WORDS = re.compile(
    r"rehtori|rektor|principal|johtaja|direktör|director|chef\b|päällikkö|manager|sihteeri|"
    r"sekreterare|secretary|koordinaattori|koordinator|coordinator|opettaja|lärare|teacher|"
    r"hoitaja|skötare|nurse|kirjastonhoitaja|bibliotekarie|librarian|ohjaaja|handledare|"
    r"instructor|neuvoja|asiantuntija|sakkunnig|specialist|föreståndare|esimies|"
    r"vastaava|ansvarig|suunnittelija|planerare|planner|kuraattori|kurator|psykologi",
    re.IGNORECASE)
# Two or three capitalised words and nothing else: "Maija Meikäläinen".
_PERSON_NAME = re.compile(r"[A-ZÅÄÖ][a-zåäöéü'-]+(?: [A-ZÅÄÖ][a-zåäöéü'-]+){1,2}")


def looks_personal(text: str) -> bool:
    """A role ("Rehtori", "Sivistyspalvelujen toimistosihteeri") or a person's name."""
    text = text.strip()
    if not text:
        return False
    if _ROLE_WORDS.search(text):
        return True
    return bool(_PERSON_NAME.fullmatch(text)) and not _SERVICE_WORDS.search(text)


def phone_of(prefix: Any, number: Any) -> tuple[str, str, bool] | None:
    """('+358', '405166046') -> ('+358405166046', '040 5166046', True = mobile); None when
    the digits are not a valid number."""
    digits = re.sub(r"[\s()/.-]", "", _str(prefix) + _str(number).lstrip("0")
                    if _str(prefix) else _str(number))
    e164 = phone_e164(digits) if digits else None
    if e164 is None:  # not a valid number (the validator's reading: Finland by default)
        return None
    parsed = phonenumbers.parse(e164)
    finnish = parsed.country_code == 358
    written = phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.NATIONAL if finnish
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    mobile = finnish and phonenumbers.number_type(parsed) in (
        phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    return e164, written, mobile


def _phones(ctx: _Context, items: Any, path: str, channel_name: Text | None = None
            ) -> tuple[tuple[PtvPhone, ...], tuple[PtvPhone, ...]]:
    """(phones kept, personal-looking phones left out)."""
    kept: list[PtvPhone] = []
    personal: list[PtvPhone] = []
    seen: set[str] = set()
    role_name = channel_name is not None and any(looks_personal(n) for n in channel_name.values())
    for i, item in enumerate(items_of(items)):
        here = f"{path}[{i}]"
        if not isinstance(item, dict) or item.get("type") not in (None, "Phone"):
            continue
        if not _str(item.get("number")):
            continue
        found = phone_of(item.get("prefixNumber"), item.get("number"))
        if found is None:
            ctx.flag(f"{here}.number", "ptv-phone-invalid",
                     value=f"{_str(item.get('prefixNumber'))} {_str(item.get('number'))}".strip())
            continue
        e164, written, mobile = found
        if e164 in seen:
            continue
        seen.add(e164)
        info = _str(item.get("additionalInformation"))
        why = "role" if looks_personal(info) or role_name else "mobile" if mobile else ""
        phone = PtvPhone(e164, written, info, _str(item.get("language")), mobile, why,
                         _str(item.get("serviceChargeType")), here)
        if why:
            role = info if looks_personal(info) else next(iter((channel_name or {}).values()), "")
            ctx.flag(f"{here}.number", "ptv-contact-personal", value=written,
                     why=f"'{role}'" if why == "role" else MOBILE)
        (personal if why and not ctx.include_personal else kept).append(phone)
    return tuple(kept), tuple(personal)


def _emails(items: Any) -> tuple[str, ...]:
    found = [_str(i.get("value")) for i in items_of(items) if isinstance(i, dict)]
    return tuple(dict.fromkeys(e for e in found if e))


def _web_pages(items: Any) -> tuple[PtvWebPage, ...]:
    pages: dict[tuple[str, str], PtvWebPage] = {}
    for item in items_of(items):
        if isinstance(item, dict) and _str(item.get("url")):
            page = PtvWebPage(_str(item["url"]), _str(item.get("value")),
                              _str(item.get("language")))
            pages.setdefault((page.url, page.language), page)
    return tuple(pages.values())


def _addresses(ctx: _Context, items: Any, path: str) -> tuple[PtvAddress, ...]:
    found: list[PtvAddress] = []
    for i, item in enumerate(items_of(items)):
        here = f"{path}[{i}]"
        if not isinstance(item, dict) or item.get("type") not in ("Location", "Visiting"):
            continue
        street = item.get("streetAddress")
        if not isinstance(street, dict):
            continue
        number = _str(street.get("streetNumber"))
        names = {lang: f"{name} {number}".strip()
                 for lang, name in texts(street.get("street")).items()}
        here_street = f"{here}.streetAddress"
        found.append(PtvAddress(
            names, _str(street.get("postalCode")), texts(street.get("postOffice")),
            _municipality(ctx, (street.get("municipality") or {}).get("code")
                          if isinstance(street.get("municipality"), dict) else None,
                          f"{here_street}.municipality.code"),
            _coordinates(ctx, street, here_street),
            texts(street.get("additionalInformation")), here_street))
    return tuple(found)


def address_line(address: PtvAddress, lang: str = "fi") -> str:
    """'Kaivokatu 9, 21100 NAANTALI' (in the language, else the first PTV has)."""
    def pick(text: Text) -> str:
        return text.get(lang) or next(iter(text.values()), "")
    return ", ".join(part for part in (pick(address.street), " ".join(
        p for p in (address.postal_code, pick(address.post_office)) if p)) if part)


def _accessibility(items: Any) -> tuple[PtvAccessibility, ...]:
    groups: list[PtvAccessibility] = []
    for entrance in items_of(items):
        if not isinstance(entrance, dict):
            continue
        for group in items_of(entrance.get("accessibilitySentences")):
            if isinstance(group, dict):
                sentences = tuple(s for s in (texts(item.get("sentence"))
                                              for item in items_of(group.get("sentences"))
                                              if isinstance(item, dict)) if s)
                groups.append(PtvAccessibility(texts(group.get("sentenceGroup")), sentences))
    return tuple(groups)


def _name(ctx: _Context, data: Mapping[str, Any], key: str, path: str) -> dict[str, str]:
    name = texts(data.get(key), "Name")
    missing = _missing(name)
    if missing:
        ctx.flag(f"{path}{key}" if not path else f"{path}.{key}", "ptv-language-missing",
                 languages=", ".join(missing))
    return name


# --- whole objects ---------------------------------------------------------------------

CHANNEL_KINDS = ("ServiceLocation", "Phone", "EChannel")


def read_channel(data: Mapping[str, Any], source: str = "", path: str = "", *,
                 municipalities: Collection[str] | None = None,
                 include_personal: bool = False) -> tuple[Channel | None, list[Problem]]:
    """One parsed ``ServiceChannel`` -> (a PtvPlace or PtvRemoteChannel, problems); None
    (with a ``ptv-channel-type`` problem) for other channel kinds (web pages, forms)."""
    ctx = _Context(source, municipalities, include_personal)
    return _channel(ctx, data, path), ctx.problems


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _channel(ctx: _Context, data: Mapping[str, Any], path: str) -> Channel | None:
    kind = _str(data.get("serviceChannelType"))
    channel_id = _str(data.get("id")).lower()
    if kind not in CHANNEL_KINDS or not re.fullmatch(r"[0-9a-fA-F-]{36}", channel_id):
        ctx.flag(_join(path, "serviceChannelType"), "ptv-channel-type", value=kind or "?")
        return None
    name = _name(ctx, data, "serviceChannelNames", path)
    phone_key = "phoneNumbers" if kind != "EChannel" else "supportPhones"
    phones, personal = _phones(ctx, data.get(phone_key), _join(path, phone_key),
                               name if kind == "Phone" else None)
    hours = convert(data.get("serviceHours"), _join(path, "serviceHours"))
    for entry in hours.inexpressible:
        ctx.flag(entry.path, "ptv-hours-inexpressible", value=entry.original)
    email_key = "emails" if kind == "ServiceLocation" else "supportEmails"
    common = dict(
        id=channel_id, organization_id=_str(data.get("organizationId")), kind=kind,
        name=name, summary=texts(data.get("serviceChannelDescriptions"), "Summary"),
        description=texts(data.get("serviceChannelDescriptions"), "Description"),
        languages=tuple(_str(lang) for lang in items_of(data.get("languages")) if _str(lang)),
        missing_languages=_missing(name), phones=phones, personal_phones=personal,
        emails=_emails(data.get(email_key)), web_pages=_web_pages(data.get("webPages")),
        hours=hours, serves=_serves(ctx, data.get("areas"), _join(path, "areas")),
        modified=_str(data.get("modified")), source=ctx.source, path=path)
    if kind == "ServiceLocation":
        addresses = _addresses(ctx, data.get("addresses"), _join(path, "addresses"))
        if not addresses:
            ctx.flag(_join(path, "addresses"), "ptv-address-missing")
        for extra in addresses[1:]:
            ctx.flag(extra.path, "ptv-address-extra", value=address_line(extra))
        entrances = [e for a in items_of(data.get("addresses")) if isinstance(a, dict)
                     for e in items_of(a.get("entrances"))]
        return PtvPlace(**common, addresses=addresses,  # type: ignore[arg-type]
                        accessibility=_accessibility(entrances))
    return PtvRemoteChannel(**common)  # type: ignore[arg-type]


def read_organization(data: Mapping[str, Any], source: str = "", path: str = "", *,
                      municipalities: Collection[str] | None = None,
                      include_personal: bool = False
                      ) -> tuple[PtvOrganization, list[Problem]]:
    """One parsed ``Organization`` -> (PtvOrganization, problems)."""
    ctx = _Context(source, municipalities, include_personal)
    return _organization(ctx, data, path), ctx.problems


def _organization(ctx: _Context, data: Mapping[str, Any], path: str) -> PtvOrganization:
    name = _name(ctx, data, "organizationNames", path)
    phones, personal = _phones(ctx, data.get("phoneNumbers"), _join(path, "phoneNumbers"))
    town = data.get("municipality")
    return PtvOrganization(
        _str(data.get("id")), name, _str(data.get("organizationType")),
        _municipality(ctx, town.get("code"), _join(path, "municipality.code"))
        if isinstance(town, dict) else None,
        _str(data.get("businessCode")), phones, personal, _emails(data.get("emails")),
        _web_pages(data.get("webPages")), _missing(name), ctx.source, path)


def _objects(data: Any, path: str) -> Iterable[tuple[str, Any]]:
    """The objects in a response: one, a list, or a page's itemList."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield f"{path}[{i}]", item
    elif isinstance(data, dict) and isinstance(data.get("itemList"), list):
        yield from _objects(data["itemList"], _join(path, "itemList"))
    else:
        yield path, data


def _sources(sources: Iterable[Source]) -> Iterable[tuple[str, Any, str | None]]:
    """(name, parsed data, or None and the reason it could not be read)."""
    for source in sources:
        if isinstance(source, tuple):
            yield source[0], source[1], None
            continue
        files = sorted(source.glob("*.json")) if source.is_dir() else [source]
        for file in files:
            try:
                yield str(file), json.loads(file.read_text(encoding="utf-8")), None
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
                yield str(file), None, str(error).splitlines()[0] if str(error) else "?"


def read_sources(sources: Iterable[Source], *, municipalities: Collection[str] | None = None,
                 include_personal: bool = False) -> PtvRead:
    """Read every source (see the module docstring); never raises for bad input: an
    unreadable file or object is a ``ptv-json`` problem, the rest is read."""
    channels: list[Channel] = []
    organizations: list[PtvOrganization] = []
    problems: list[Problem] = []
    for name, data, error in _sources(sources):
        ctx = _Context(name, municipalities, include_personal)
        if error is not None:
            ctx.flag("", "ptv-json", why=error)
        else:
            for path, item in _objects(data, ""):
                if not isinstance(item, dict):
                    ctx.flag(path, "ptv-json", why="not a JSON object")
                elif "organizationNames" in item:
                    organizations.append(_organization(ctx, item, path))
                else:
                    channel = _channel(ctx, item, path)
                    channels += [channel] if channel else []
        problems += ctx.problems
    return PtvRead(tuple(channels), tuple(organizations), tuple(problems))


def read_channels(sources: Iterable[Source], *, municipalities: Collection[str] | None = None,
                  include_personal: bool = False) -> tuple[list[Channel], list[Problem]]:
    """The channels of the sources and every problem met (organizations are read, not
    returned: see :func:`read_sources`)."""
    read = read_sources(sources, municipalities=municipalities,
                        include_personal=include_personal)
    return list(read.channels), list(read.problems)
