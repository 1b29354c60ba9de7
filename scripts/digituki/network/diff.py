"""``digituki diff``: what changed in the records between two versions, in words.

Reviewers of a pull request (and the PR summary comment) want "Loimaan pääkirjasto: help
hours Tu 10–12 → Tu 10–13; phone added", not a YAML diff. The records are compared as
read from the files, without validation, so a summary is possible even when one side is
broken. A record is split into units a person recognises (the provider, each place, each
service, each service at a place, each dated exception), and each unit into its fields.
"""
import datetime
import io
import subprocess
import tarfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping

from ..load.plain import Plain, TooDeep, plain
from ..load.strict_yaml import load_file
from ..problems import ProblemList

from ..i18n import N_, known, t
from ..untrusted import markdown_code, markdown_text, visible
from ..present.hours_view import date_text, hours_change, hours_lines
from ..validate.dataset import provider_files

SHORT = 70  # longer values are summarised as "changed" instead of being quoted

# Hours are labelled by where they are: a session's are help hours, an exception's are times.
# Every other field is labelled by its name in the schema (``field.<name>`` in the catalogue).
RELABELLED = {"session_hours": N_("diff.session_hours"),
              "exception_hours": N_("diff.exception_hours")}


Fields = dict[str, Plain]  # a record or a part of it, as read (not validated)
Key = tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """A part of a record a person recognises, with its own fields."""

    key: Key
    kind: str  # provider, place, service, session, exception, alert
    label: str
    fields: Fields


@dataclass(frozen=True)
class Change:
    where: str
    text: str


# What stands in place of a record that cannot be compared (diff.status.<it> says it in words).
UNREADABLE, LINK = "unreadable", "link"
Records = dict[str, Fields | str]  # provider id -> its record, UNREADABLE or LINK


def record_value(data: bytes) -> Fields | str:
    """A record's plain value, or UNREADABLE (broken YAML, not a mapping, nested too deep)."""
    try:
        value = plain(load_file(data, ProblemList("")))
    except (TooDeep, RecursionError):
        return UNREADABLE
    return value if isinstance(value, dict) else UNREADABLE


def read_records(folder: Path) -> Records:
    """Provider id (file name) -> its plain value, UNREADABLE, or LINK for a symbolic link
    (never followed: it could name any file of the machine)."""
    records: Records = {}
    for path in provider_files(folder):
        if path.is_symlink():
            records[path.stem] = LINK
        elif not path.is_file():  # a folder or a device named like a record
            records[path.stem] = UNREADABLE
        else:
            records[path.stem] = record_value(path.read_bytes())
    return records


def _git(*args: str) -> bytes:
    return subprocess.run(["git", *args], check=True, capture_output=True).stdout


def records_at(source: str, data_dir: Path) -> Records:
    """The records of ``source``: a data folder, or a git revision of ``data_dir`` (read
    from the archive in memory: nothing of it is written, no link is followed)."""
    if Path(source).is_dir():
        return read_records(Path(source))
    top = Path(_git("rev-parse", "--show-toplevel").decode().strip())
    inside = data_dir.resolve().relative_to(top.resolve()).as_posix()
    archive = _git("-C", str(top), "archive", "--format=tar", source, "--", inside)
    records: Records = {}
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            path = PurePosixPath(member.name)
            if (path.parent.as_posix() != inside or path.suffix != ".yaml"
                    or path.name.startswith("_")):
                continue
            if member.issym() or member.islnk():
                records[path.stem] = LINK
            elif member.isfile() and (file := tar.extractfile(member)) is not None:
                records[path.stem] = record_value(file.read())
    return records


def _text(value: Plain, lang: str) -> str:
    """A field's value as one line: text in ``lang`` (else Finnish), lists joined."""
    if isinstance(value, dict):
        if set(value) <= {"fi", "sv", "en"}:
            chosen = value.get(lang) or value.get("fi") or next(iter(value.values()), "")
            return " ".join(str(chosen or "").split())
        return ", ".join(f"{k}: {_text(v, lang)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_text(v, lang) for v in value)
    return " ".join(str(value or "").split())


def _hours_text(written: Plain, lang: str) -> str:
    """Hours as a string: a value that is not one (the records are not validated) as text."""
    return written if isinstance(written, str) else _text(written, lang)


def _date(text: Plain, lang: str) -> str:
    try:
        return date_text(datetime.date.fromisoformat(str(text)), lang, weekday=False)
    except ValueError:
        return str(text)


def _name(value: Plain, fallback: str, lang: str) -> str:
    return _text(value.get("name"), lang) or fallback if isinstance(value, dict) else fallback


def _items(value: Plain, key: str) -> list[Fields]:
    items = value.get(key) if isinstance(value, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _exceptions(owner: Key, label: str, value: Fields, lang: str) -> Iterator[Unit]:
    """Exceptions by their first day; their hours are times of day, not a week's rules."""
    for item in _items(value, "exceptions"):
        day = str(item.get("date"))
        days = _date(day, lang) + (f"–{_date(item['until'], lang)}" if "until" in item else "")
        fields = {("exception_hours" if k == "hours" else k): v for k, v in item.items()}
        yield Unit(owner + ("exception", day), "exception", f"{label}, {days}", fields)


def units(record: Fields, lang: str) -> Iterator[Unit]:
    """The record's units, each with the fields that are its own."""
    own = {k: v for k, v in record.items() if k not in ("service_points", "services", "alerts")}
    contact = own.pop("contact", None)
    if isinstance(contact, dict):  # contact details read as the provider's own fields
        own.update(contact)
    elif contact is not None:
        own["contact"] = contact
    yield Unit(("provider",), "provider", _name(record, "?", lang), own)
    points: dict[str, str] = {}
    for point in _items(record, "service_points"):
        point_id = str(point.get("id"))
        points[point_id] = label = _name(point, point_id, lang)
        key = ("place", point_id)
        yield Unit(key, "place", label, {k: v for k, v in point.items() if k != "exceptions"})
        yield from _exceptions(key, label, point, lang)
    for service in _items(record, "services"):
        label = _name(service, str(service.get("id")), lang)
        key = ("service", str(service.get("id")))
        yield Unit(key, "service", label, {k: v for k, v in service.items() if k != "at"})
        seen: Counter[str] = Counter()
        for session in _items(service, "at"):
            point_id = str(session.get("point"))
            seen[point_id] += 1  # a second session at the same place is a session of its own
            session_key = key + ("at", point_id) + ((str(seen[point_id]),) if seen[point_id] > 1
                                                     else ())
            fields = {("session_hours" if k == "hours" else k): v
                      for k, v in session.items() if k not in ("exceptions", "point")}
            where = f"{label} – {points.get(point_id, point_id)}"
            yield Unit(session_key, "session", where, fields)
            yield from _exceptions(session_key, where, session, lang)
    for index, alert in enumerate(_items(record, "alerts")):
        yield Unit(("alert", str(index)), "alert", _name(record, "?", lang), alert)


def _field_word(field: str, lang: str) -> str:
    """The field's label; a field the schema does not know (the records are not validated
    here) is shown by its own name."""
    key = RELABELLED.get(field, f"field.{field}")
    return t(key, lang) if known(key) else field.replace("_", " ")


def _shown(field: str, value: Plain, today: datetime.date, lang: str) -> str:
    if field in ("hours", "session_hours"):
        text = ", ".join(hours_lines(_hours_text(value, lang), today, lang))
    elif field == "verified" and isinstance(value, dict):
        text = _date(value.get("date"), lang)
    elif field in ("date", "until", "start"):
        text = _date(value, lang)
    else:
        text = _text(value, lang)
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"


def _translations_changed(old: Plain, new: Plain) -> list[str] | None:
    """For text in several languages: the languages whose text changed."""
    if not (isinstance(old, dict) and isinstance(new, dict)
            and set(old) | set(new) <= {"fi", "sv", "en"}):
        return None
    return [lang for lang in ("fi", "sv", "en") if old.get(lang) != new.get(lang)]


def _sections(old: Plain, new: Plain) -> tuple[Fields, Fields] | None:
    """Both, if both are a group of fields (booking, cost, address), not text in several
    languages."""
    if (isinstance(old, dict) and isinstance(new, dict)
            and _translations_changed(old, new) is None):
        return old, new
    return None


def field_changes(old: Fields, new: Fields, today: datetime.date, lang: str,
                  within: str = "") -> list[str]:
    """One phrase per changed field; a group of fields is looked into ("ajanvaraus: puhelin")."""
    found: list[str] = []
    for field in list(old) + [f for f in new if f not in old]:
        before, after = old.get(field), new.get(field)
        if before == after or field == "id":
            continue
        name = within + _field_word(field, lang)
        sections = _sections(before, after) if field != "verified" else None
        if sections:
            found += field_changes(*sections, today, lang, f"{name}: ")
        elif before is None:
            found.append(f"{name} {t('diff.added', lang)}: {_shown(field, after, today, lang)}")
        elif after is None:
            found.append(f"{name} {t('diff.removed', lang)}")
        else:
            shown_before, shown_after = (_shown(field, v, today, lang) for v in (before, after))
            if field in ("hours", "session_hours"):
                shown_before, shown_after = hours_change(
                    _hours_text(before, lang), _hours_text(after, lang), today, lang)
            languages = _translations_changed(before, after)
            if shown_before != shown_after and len(shown_before + shown_after) <= 2 * SHORT:
                found.append(f"{name} {shown_before} → {shown_after}")
            else:
                which = f" ({', '.join(languages)})" if languages else ""
                found.append(f"{name}{which} {t('diff.changed', lang)}")
    return found


def _unit_word(unit: Unit, lang: str) -> str:
    return t(f"diff.unit.{unit.kind}", lang)


def _unit_added(unit: Unit, today: datetime.date, lang: str) -> str:
    detail = ""
    if unit.kind == "session":
        detail = ": " + _shown("hours", unit.fields.get("session_hours"), today, lang)
    elif unit.kind == "exception":
        detail = ": " + (t("diff.closed", lang) if unit.fields.get("closed") == "true"
                         else _text(unit.fields.get("exception_hours"), lang))
        detail += f" ({_text(unit.fields.get('reason'), lang)})" if unit.fields.get("reason") else ""
    elif unit.kind == "alert":
        detail = ": " + _shown("text", unit.fields.get("text"), today, lang)
    return f"{_unit_word(unit, lang)} {t('diff.added', lang)}{detail}"


def record_changes(old: Fields, new: Fields, today: datetime.date, lang: str) -> list[Change]:
    """The changes between two readable versions of one record."""
    before = {u.key: u for u in units(old, lang)}
    after = {u.key: u for u in units(new, lang)}
    changes: list[Change] = []
    for key in list(before) + [k for k in after if k not in before]:
        if key in before and key in after:
            changes += [Change(after[key].label, text)
                        for text in field_changes(before[key].fields, after[key].fields,
                                                  today, lang)]
        elif _inside_added_or_removed(key, before, after):
            continue  # "place removed" says it; its exceptions need no line each
        elif key in after:
            changes.append(Change(after[key].label, _unit_added(after[key], today, lang)))
        else:
            changes.append(Change(before[key].label,
                                  f"{_unit_word(before[key], lang)} {t('diff.removed', lang)}"))
    return changes


def _inside_added_or_removed(key: Key, before: Mapping[Key, Unit], after: Mapping[Key, Unit]
                             ) -> bool:
    parents = [key[:n] for n in range(1, len(key))]
    return any((p in before) != (p in after) for p in parents)


@dataclass(frozen=True)
class RecordDiff:
    id: str
    name: str
    # added, removed, changed, unreadable or link (in head), repaired (unreadable in base)
    status: str
    changes: tuple[Change, ...] = ()


def diff_records(base: Records, head: Records, today: datetime.date,
                 lang: str) -> list[RecordDiff]:
    found: list[RecordDiff] = []
    for record_id in sorted(set(base) | set(head)):
        old, new = base.get(record_id), head.get(record_id)
        if record_id in base and record_id in head and old == new:
            continue
        name = _name(new if record_id in head else old, record_id, lang)
        if isinstance(new, str):  # UNREADABLE or LINK
            found.append(RecordDiff(record_id, name, new))
        elif old is None:
            found.append(RecordDiff(record_id, name, "added"))
        elif new is None:
            found.append(RecordDiff(record_id, name, "removed"))
        elif isinstance(old, str):  # UNREADABLE or LINK
            found.append(RecordDiff(record_id, name, "repaired"))
        else:
            found.append(RecordDiff(record_id, name, "changed",
                                    tuple(record_changes(old, new, today, lang))))
    return found


def _change_lines(diff: RecordDiff, lang: str) -> list[str]:
    if diff.status == "added":
        return [f"{t('diff.provider_added', lang)}: {diff.name}"]
    if diff.status == "removed":
        return [f"{t('diff.provider_removed', lang)}: {diff.name}"]
    if diff.status in (UNREADABLE, LINK, "repaired"):
        return [f"{diff.name}: {t(f'diff.status.{diff.status}', lang)}"]
    by_place: dict[str, list[str]] = {}
    for change in diff.changes:
        by_place.setdefault(change.where, []).append(change.text)
    return [f"{where}: {'; '.join(texts)}" for where, texts in by_place.items()]


def as_text(diffs: list[RecordDiff], lang: str) -> str:
    if not diffs:
        return t("diff.none", lang) + "\n"
    lines = []
    for diff in diffs:  # one line each, whatever line breaks or terminal codes they hold
        lines.append(visible(f"{diff.id}.yaml"))
        lines += [f"  {visible(line)}" for line in _change_lines(diff, lang)]
    return "\n".join(lines) + "\n"


def as_markdown(diffs: list[RecordDiff], lang: str) -> str:
    lines = [f"### {t('diff.heading', lang)}", ""]
    if not diffs:
        return "\n".join(lines + [t("diff.none", lang)]) + "\n"
    lines += [t("diff.count", lang).format(n=len(diffs)) if len(diffs) > 1
              else t("diff.count_one", lang), ""]
    for diff in diffs:
        lines.append(f"- {markdown_code(f'{diff.id}.yaml')}")
        lines += [f"  - {markdown_text(line)}" for line in _change_lines(diff, lang)]
    return "\n".join(lines) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown}


def summary(base: str, head: str, data_dir: Path, today: datetime.date, lang: str,
            fmt: str) -> str:
    diffs = diff_records(records_at(base, data_dir), records_at(head, data_dir), today, lang)
    return FORMATS[fmt](diffs, lang)
