"""Provider records started from PTV (``digituki ptv import``): YAML in the template's order
and style, with what PTV cannot say left as the template's TODO items.

A record per organisation (its channels' ``organizationId``), or every channel into one
record (``into``). What is written for each channel:

- a ``ServiceLocation`` -> a ``place`` point: name, the first street address (others as a
  comment), municipality code, WGS84 coordinates (5 decimals, about a metre), the address's
  additional information as ``directions``, the first phone and web page kept, the building
  hours (``hours``, ``exceptions`` from today on), PTV's accessibility sentences as a comment
  to turn into facts, and ``ptv_id``;
- a ``Phone`` channel -> a ``phone`` point with ``serves`` (the channel's municipalities) and
  its hours; an ``EChannel`` is not a help line we can tell apart, so it is listed, not
  written (``ptv-channel-type``).

Hours that could not be written exactly become ``hours: "TODO …"`` with PTV's original
beside it as a comment; a missing Finnish name becomes ``TODO`` followed by another
language's name. The services block (topics, forms, help hours, what is not covered) is the
template's, TODOs and all, pointing at the first point: PTV does not know it, the validator
reports each TODO until the member has written it.
"""
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import yaml

from ..codes import Severity, render_message, severity
from ..load.marks import Mark
from ..present.names import slug
from ..problems import Problem
from ..schema.limits import MAX_NAME_CHARS
from ..validate.dataset import TEMPLATE_FILE, VOCABULARY_DIR
from .hours import PtvHours
from .fetch import Client, FetchError
from .read import (LANGUAGES, Source, read_sources, Channel, PtvOrganization, PtvPlace, PtvRead, PtvRemoteChannel,
                   Text, address_line)

ID_LENGTH = 64
# YAML 1.1 words a plain scalar must not be (our loader keeps text, but editors and other
# readers of the file would not).
_SPECIAL = re.compile(r"(?i)(y|n|yes|no|true|false|on|off|null|~|[-+.\d][\d_.:eE+-]*)")
_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9(][^\n\"'#:{}\[\],&*!|>%@`]*")


def scalar(text: str) -> str:
    """A YAML scalar for ``text``: plain when it reads back as the same text, else quoted."""
    if _PLAIN.fullmatch(text) and not _SPECIAL.fullmatch(text) and text == text.strip() \
            and text.isprintable():
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """Always quoted, as the template writes phones, postal codes, municipality codes and
    hours; characters YAML does not allow raw (DEL, line separators …) written as escapes."""
    return "".join(c if c.isprintable() or c == " " else
                   f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"
                   for c in json.dumps(text, ensure_ascii=False))


def _comment(text: str) -> str:
    """Text for a one-line comment: whitespace runs as one space, other invisible and control
    characters written out (\\u007f), as a YAML comment cannot hold them."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in " ".join(text.split()))


def _title(text: str) -> str:
    """PTV's post offices are in capitals: 'VÄHÄKYRÖ' -> 'Vähäkyrö', 'KOSKI TL' -> 'Koski Tl'."""
    return text.title() if text.isupper() else text


def _text_lines(key: str, text: Text, indent: str, title: bool = False) -> list[str]:
    """A text in the template's block style; a language with the same text as Finnish is
    left out (the pages fall back to Finnish). Without Finnish: a TODO with another's text."""
    values = {lang: _title(value) if title else value for lang, value in text.items()
              if lang in LANGUAGES}
    lines = [f"{indent}{key}:"]
    finnish = values.get("fi")
    if finnish is None:
        other = next(iter(values.values()), "")
        lines.append(f"{indent}  fi: {scalar(f'TODO {other}'.strip()[:MAX_NAME_CHARS])}")
    else:
        lines.append(f"{indent}  fi: {scalar(finnish)}")
    for lang in ("sv", "en"):
        if lang in values and values[lang] != finnish:
            lines.append(f"{indent}  {lang}: {scalar(values[lang])}")
    return lines


def point_id(name: Text, channel_id: str, taken: set[str]) -> str:
    """A point id from the Finnish (else any) name: 'Keskustan päiväkoti' ->
    'keskustan-paivakoti', made unique among ``taken`` with -2, -3 …"""
    base = slug(name.get("fi") or next(iter(name.values()), "")) or f"ptv-{channel_id[:8]}"
    base = base[:ID_LENGTH - 3].strip("-")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _exception_lines(hours: PtvHours, today: datetime.date) -> list[str]:
    """The exceptions from today on, by date; one PTV could not say exactly is a TODO item
    with PTV's original above it."""
    items: list[tuple[datetime.date, list[str]]] = []
    for entry in hours.inexpressible:
        if not entry.exception or (entry.date is not None and entry.date < today):
            continue
        day = entry.date.isoformat() if entry.date else "TODO 2026-12-24"
        items.append((entry.date or today, [
            f"      # PTV {entry.path}: ei muunnettavissa tarkasti / cannot be written "
            f"exactly ({entry.why}):", f"      #   {_comment(entry.original)}",
            f"      - date: {day}", '        hours: "TODO 10:00-14:00"',
            *_text_lines("reason", dict(entry.reason) or {"fi": "TODO Syy / reason"},
                         "        ")]))
    for item in hours.exceptions:
        if (item.until or item.date) < today:
            continue
        lines = [f"      - date: {item.date.isoformat()}"]
        if item.until:
            lines.append(f"        until: {item.until.isoformat()}")
        lines.append("        closed: true" if item.closed
                     else f"        hours: {quoted(item.hours or '')}")
        lines += _text_lines("reason", dict(item.reason) or {"fi": "TODO Syy / reason"},
                             "        ")
        items.append((item.date, lines))
    if not items:
        return []
    return ["    exceptions:", *(line for _, lines in sorted(items, key=lambda i: i[0])
                                 for line in lines)]


def _degrees(value: float) -> str:
    """5 decimals (about a metre), without trailing zeros: 60.85020 -> 60.8502."""
    text = f"{value:.5f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _hours_lines(hours: PtvHours, today: datetime.date) -> list[str]:
    lines: list[str] = []
    for entry in (e for e in hours.inexpressible if not e.exception):
        lines += [f"    # PTV {entry.path}: ei muunnettavissa tarkasti / cannot be written "
                  f"exactly ({entry.why}):", f"    #   {_comment(entry.original)}"]
    if hours.regular is not None:
        lines.append(f"    hours: {quoted(hours.regular)}")
    elif any(not e.exception for e in hours.inexpressible):
        lines.append('    hours: "TODO Mo-Fr 10:00-18:00; PH off"')
    return lines + _exception_lines(hours, today)


def _accessibility_lines(place: PtvPlace) -> list[str]:
    if not place.accessibility:
        return []
    lines = ["    # Esteettömyys PTV:ssä: kirjoita tiedoiksi (accessibility, sanasto",
             "    # providers/_vocabulary/accessibility.yaml) / accessibility in PTV: write it",
             "    # as facts (accessibility, vocabulary providers/_vocabulary/accessibility.yaml):"]
    for group in place.accessibility:
        title = " / ".join(group.title[lang] for lang in LANGUAGES if lang in group.title)
        lines.append(f"    #   {_comment(title)}:")
        for sentence in group.sentences:
            for lang in LANGUAGES:
                if lang in sentence:
                    lines.append(f"    #     {lang}: {_comment(sentence[lang])}")
    return lines


def _web_page(channel: Channel) -> str | None:
    pages = sorted(channel.web_pages, key=lambda p: LANGUAGES.index(p.language)
                   if p.language in LANGUAGES else len(LANGUAGES))
    return pages[0].url if pages else None


def _left_out_lines(channel: Channel) -> list[str]:
    if not channel.personal_phones:
        return []
    numbers = ", ".join(p.written for p in channel.personal_phones)
    return [f"    # PTV:n henkilönumerot jätettiin pois / personal-looking numbers left out: "
            f"{numbers} (--include-personal-contacts)"]


def place_lines(place: PtvPlace, ident: str, today: datetime.date) -> list[str]:
    lines = [f"  - id: {ident}", "    type: place", *_text_lines("name", place.name, "    ")]
    address = place.address
    if address is None:
        lines += ["    address:", "      street:", "        fi: TODO Katuosoite 1",
                  '      postal_code: "TODO 32200"', "      post_office:",
                  "        fi: TODO Postitoimipaikka", '    municipality: "TODO 430"']
    else:
        lines += ["    address:", *_text_lines("street", address.street, "      "),
                  f"      postal_code: {quoted(address.postal_code or 'TODO 32200')}",
                  *_text_lines("post_office", address.post_office, "      ", title=True)]
        lines += [f"    # PTV: myös / also {_comment(address_line(extra))}"
                  for extra in place.addresses[1:]]
        lines.append(f"    municipality: {quoted(address.municipality or 'TODO 430')}")
        if address.coordinates is not None:
            lines.append(f"    coordinates: {{lat: {_degrees(address.coordinates.lat)}, "
                         f"lon: {_degrees(address.coordinates.lon)}}}")
        else:
            lines += ["    # PTV:ssä ei käyttökelpoista sijaintia / no usable position in PTV:",
                      "    # coordinates: {lat: 60.8496, lon: 23.0586}"]
        if address.additional_information:
            lines += _text_lines("directions", address.additional_information, "    ")
    if place.phone is not None:
        lines.append(f"    phone: {quoted(place.phone.written)}")
    lines += _left_out_lines(place)
    url = _web_page(place)
    if url:
        lines.append(f"    url: {scalar(url)}")
    lines += _hours_lines(place.hours, today)
    lines += _accessibility_lines(place)
    lines.append(f"    ptv_id: {place.id}")
    return lines


def phone_lines(channel: PtvRemoteChannel, ident: str, today: datetime.date) -> list[str]:
    lines = [f"  - id: {ident}", "    type: phone", *_text_lines("name", channel.name, "    ")]
    phone = channel.phone.written if channel.phone else "TODO 02 123 4567"
    lines.append(f"    phone: {quoted(phone)}")
    lines += _left_out_lines(channel)
    serves = ", ".join(quoted(code) for code in channel.serves) or '"TODO 430"'
    lines.append(f"    serves: [{serves}]")
    lines += _hours_lines(channel.hours, today)
    lines.append(f"    ptv_id: {channel.id}")
    return lines


def points_text(channels: Iterable[Channel], taken: set[str], today: datetime.date
                ) -> tuple[list[str], list[str]]:
    """The ``service_points`` items of the channels (places first, in PTV's order) and their
    ids; EChannels are left out (see :func:`skipped`)."""
    lines: list[str] = []
    ids: list[str] = []
    ordered = [c for c in channels if isinstance(c, PtvPlace)] + [
        c for c in channels if isinstance(c, PtvRemoteChannel) and c.kind == "Phone"]
    for channel in ordered:
        ident = point_id(channel.name, channel.id, taken)
        ids.append(ident)
        if lines:
            lines.append("")
        lines += (place_lines(channel, ident, today) if isinstance(channel, PtvPlace)
                  else phone_lines(channel, ident, today))
    return lines, ids


def skipped(channels: Iterable[Channel]) -> list[Problem]:
    """A ``ptv-channel-type`` problem for each channel the import does not write."""
    return [Problem(c.source, Mark(1, 1), "ptv-channel-type",
                    f"{c.path}.serviceChannelType" if c.path else "serviceChannelType",
                    {"value": c.kind})
            for c in channels if isinstance(c, PtvRemoteChannel) and c.kind != "Phone"]


PROVIDER_TYPES = {"Municipality": "municipality"}


def _services_block(template: str, first_point: str) -> list[str]:
    """The template's services block, its point renamed to the record's first point."""
    start = re.search(r"(?m)^services:", template)
    block = template[start.start():] if start else "services:\n"
    block = re.sub(r"(?m)^(\s*- point: )(\S+)( *)",
                   lambda m: m.group(1) + first_point + " " * max(
                       1, len(m.group(2)) + len(m.group(3)) - len(first_point)), block, count=1)
    return block.rstrip("\n").split("\n")


def record_text(record_id: str, organization: PtvOrganization | None,
                channels: Sequence[Channel], template: str, today: datetime.date) -> str:
    """A whole provider record: the template's head filled from the organisation (name,
    type, website, contact), the channels' points, the template's services block."""
    head = ["# yaml-language-server: $schema=_schema/provider.schema.json",
            "#",
            "# Tuotu Suomi.fi-palvelutietovarannosta (PTV) / imported from Suomi.fi PTV:",
            f"# digituki ptv import, {today.isoformat()}. Täytä TODO-kohdat: digituen palvelut",
            "# eivät ole PTV:ssä / fill in the TODO items: digital support is not in PTV.",
            f"# Sitten / then: digituki validate providers/{record_id}.yaml",
            "", f"id: {record_id}"]
    if organization is not None and organization.name:
        head += _text_lines("name", organization.name, "")
    else:
        head += ["name:", "  fi: TODO Palveluntarjoajan nimi"]
    head.append("# library, municipality, suomi-piste, association, adult-education, parish, "
                "company")
    kind = PROVIDER_TYPES.get(organization.type if organization else "", "TODO library")
    head.append(f"type: {kind}")
    if organization is not None:
        website = sorted(organization.web_pages, key=lambda p: LANGUAGES.index(p.language)
                         if p.language in LANGUAGES else 3)
        if website:
            head.append(f"website: {scalar(website[0].url)}")
        if organization.phones or organization.emails:
            head.append("contact:")
            if organization.phones:
                head.append(f"  phone: {quoted(organization.phones[0].written)}")
            if organization.emails:
                head.append(f"  email: {scalar(organization.emails[0])}")
    head += ["# GitHub-tunnukset ilman @: he katselmoivat muutokset ja saavat muistutukset.",
             "# GitHub user names without @: they review changes and get the reminders.",
             "maintainers: [TODO-github-tunnus]",
             "verified:",
             f"  date: {today.isoformat()}",
             "  method: TODO provider          # phone, visit, email, provider",
             "  by: TODO Nimi / name", "", "service_points:"]
    lines, ids = points_text(channels, set(), today)
    if not ids:
        lines = ["  - id: paapiste", "    type: place", "    name:", "      fi: TODO Paikan nimi"]
        ids = ["paapiste"]
    body = ["", *_services_block(template, ids[0])]
    return "\n".join(head + lines + body) + "\n"


def add_to_record(text: str, channels: Sequence[Channel], today: datetime.date
                  ) -> tuple[str, list[Channel]]:
    """The record ``text`` with the channels' points added at the end of its service points
    (before ``services:``); channels whose id a point already names are not added again and
    are returned."""
    data = yaml.safe_load(text)
    points = data.get("service_points") if isinstance(data, dict) else None
    points = points if isinstance(points, list) else []
    taken = {str(p.get("id")) for p in points if isinstance(p, dict)}
    present = {str(p.get("ptv_id")) for p in points if isinstance(p, dict) and p.get("ptv_id")}
    new = [c for c in channels if c.id not in present]
    lines, _ = points_text(new, taken, today)
    if not lines:
        return text, [c for c in channels if c.id in present]
    found = re.search(r"(?m)^services:", text)
    where = found.start() if found else len(text)
    before = text[:where].rstrip("\n") + "\n\n"
    inserted = "\n".join(lines) + "\n\n"
    return before + inserted + text[where:], [c for c in channels if c.id in present]


def known_municipalities(data_dir: Path) -> set[str] | None:
    """The municipality codes of the data folder's vocabulary (None when it cannot be read:
    then codes are only checked for their form)."""
    path = data_dir / VOCABULARY_DIR / "municipalities.yaml"
    try:
        terms: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    items = terms.get("terms") if isinstance(terms, dict) else None
    return {str(t["id"]) for t in items or [] if isinstance(t, dict) and "id" in t}


@dataclass(frozen=True)
class Imported:
    """What an import wrote: the record files (new or added to), and every problem."""

    written: tuple[Path, ...]
    problems: tuple[Problem, ...]
    # channels already in the ``into`` record (by ptv_id), not added again
    already: tuple[Channel, ...] = ()

    @property
    def failed(self) -> bool:
        """A source could not be read at all (an error, not a warning)."""
        return any(severity(p) == Severity.ERROR for p in self.problems)

    def as_text(self, lang: str) -> str:
        """What the command prints: every problem as 'file: JSON path: message [code]', then
        the records written and what to do next."""
        lines = [f"{p.file}: {p.path or '-'}: {render_message(p, lang)} [{p.code}]"
                 for p in sorted(self.problems, key=lambda p: (p.file, p.path, p.code))]
        lines += [f"{c.source}: {c.id}: {c.name.get(lang) or c.name.get('fi', '')}: jo tietueessa / already in "
                  f"the record" for c in self.already]
        lines += [f"{path}: kirjoitettu / written" for path in self.written]
        if self.written:
            lines.append("Täytä TODO-kohdat ja aja / fill in the TODO items and run: "
                         f"digituki validate {' '.join(str(p) for p in self.written)}")
        return "".join(f"{line}\n" for line in lines)


class RecordsError(Exception):
    """The import cannot start or would overwrite a record; the text (English, like the
    command's other usage errors) says why."""


def record_id_for(organization: PtvOrganization | None, organization_id: str) -> str:
    if organization is not None and organization.name:
        name = organization.name.get("fi") or next(iter(organization.name.values()))
        ident = slug(name)[:ID_LENGTH].strip("-")
        if ident:
            return ident
    return f"ptv-{organization_id[:8] or 'tuonti'}"


def import_records(read: PtvRead, data_dir: Path, today: datetime.date,
                   into: str | None = None) -> Imported:
    """Write the records of ``read`` into ``data_dir``: one per organisation (named after it,
    never overwriting a record), or all channels into the record ``into`` (an id or a path:
    created when missing, else the new points are added to it)."""
    template_path = data_dir / TEMPLATE_FILE
    try:
        template = template_path.read_text(encoding="utf-8")
    except OSError:
        raise RecordsError(f"{template_path} is missing: it is what records are made from") \
            from None
    unique = tuple({c.id: c for c in read.channels}.values())  # a channel in two lists
    read = PtvRead(unique, read.organizations, read.problems)
    problems = list(read.problems) + skipped(read.channels)
    organizations = {o.id: o for o in read.organizations}
    if into is not None:
        target = Path(into) if into.endswith(".yaml") else data_dir / f"{into}.yaml"
        if target.exists():
            text, already = add_to_record(target.read_text(encoding="utf-8"),
                                          read.channels, today)
            target.write_text(text, encoding="utf-8")
            return Imported((target,), tuple(problems), tuple(already))
        owners = {c.organization_id for c in read.channels}
        organization = organizations.get(next(iter(owners))) if len(owners) == 1 else None
        if organization is None and len(organizations) == 1 and not read.channels:
            organization = next(iter(organizations.values()))
        target.write_text(record_text(target.stem, organization, read.channels, template,
                                      today), encoding="utf-8")
        return Imported((target,), tuple(problems))
    groups: dict[str, list[Channel]] = {}
    for channel in read.channels:
        if isinstance(channel, PtvPlace) or channel.kind == "Phone":
            groups.setdefault(channel.organization_id, []).append(channel)
    for org_id in organizations:
        groups.setdefault(org_id, [])
    targets = {org_id: data_dir / f"{record_id_for(organizations.get(org_id), org_id)}.yaml"
               for org_id in groups}
    existing = sorted(str(path) for path in targets.values() if path.exists())
    if existing:
        raise RecordsError(f"{', '.join(existing)} already exist: add to one with --into")
    for org_id, channels in groups.items():
        targets[org_id].write_text(record_text(targets[org_id].stem, organizations.get(org_id),
                                               channels, template, today), encoding="utf-8")
    return Imported(tuple(targets.values()), tuple(problems))


def fetched_sources(client: Client, organization: str | None = None,
                    municipality: str | None = None) -> list[Source]:
    """PTV's channels of the organisation and/or the municipality, and the organisations that
    own them, fetched live (``fetch.Client``) as sources for :func:`read.read_sources`.
    Raises ``fetch.FetchError`` (one line in words) when PTV cannot be read."""
    channels: list[object] = []
    if organization:
        channels += client.organization_channels(organization)
    if municipality:
        channels += client.municipality_channels(municipality)
    # Each channel named by its own address, so a problem's JSON path starts at the channel.
    sources: list[Source] = [
        (client.url(f"ServiceChannel/{c.get('id')}") if isinstance(c, dict) else "?", c)
        for c in channels]
    owners = dict.fromkeys(str(c.get("organizationId")) for c in channels
                           if isinstance(c, dict) and c.get("organizationId"))
    for owner in owners:
        path = f"Organization/{owner}"
        try:
            sources.append((client.url(path), client.get(path)))
        except FetchError as error:
            if error.reason != "not_found":
                raise
            # an organisation PTV does not show: its record is named by the member (a TODO)
    return sources


def run_import(sources: Sequence[Path], data_dir: Path, today: datetime.date, *,
               into: str | None = None, organization: str | None = None,
               municipality: str | None = None, include_personal: bool = False,
               client: Client | None = None) -> Imported:
    """``digituki ptv import``: read the saved responses (files or folders) and, with
    ``organization`` / ``municipality``, PTV's live data through ``client``; write the
    records (see :func:`import_records`). Municipality codes are checked against the data
    folder's vocabulary. Raises RecordsError for what stops it before anything is written and
    ``fetch.FetchError`` when PTV cannot be read."""
    missing = [str(path) for path in sources if not path.exists()]
    if missing:
        raise RecordsError(f"no such file: {', '.join(missing)}")
    if not sources and not organization and not municipality:
        raise RecordsError("give saved PTV responses (files or a folder), --organization or "
                           "--municipality")
    every: list[Source] = list(sources)
    if organization or municipality:
        every += fetched_sources(client or Client(), organization, municipality)
    read = read_sources(every, municipalities=known_municipalities(data_dir),
                        include_personal=include_personal)
    return import_records(read, data_dir, today, into)
