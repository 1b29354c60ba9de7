"""Provider records' checks kept in the output cache (``outputcache``), by their inputs.

Checking a provider record reads nothing but the record's bytes, its name (the id must match
it; problems name the file as contributors see it) and the facts shared by every record
(``DatasetFacts``: the vocabularies' terms and file names, the region settings, the date), with
this program (``checking_code``: the schema, rules and messages) and the libraries that read
values (YAML, phone numbers, e-mail addresses, opening hours, Unicode in Python itself). A
record's result, its checked value and its problems, is stored under a hash of exactly those
inputs, so a record is checked again only when one of them changed, and what the cache gives
is what checking would give (tests/test_validation_cache.py compares them).

Entries are JSON, never pickle: in CI a pull request's build restores the cache of main's
build, and reading an entry must not run anything. A checked value is text, numbers, booleans,
lists and sections; dates and ``INVALID`` are written as one-key objects whose key starts with
a NUL character, which no section's field name can (every field name is the schema's). An
entry that cannot be read as written is not used: the record is checked again.
"""
import dataclasses
import datetime
import functools
import json
import platform
from pathlib import Path
from typing import Any

from ..load.marks import Mark
from ..outputcache import OutputCache, files_digest, key, versions
from ..problems import Problem
from ..schema.types import INVALID, Checked
from .rules import DatasetFacts

PART = "check"  # the part name of a record's entry in the cache
# The libraries whose reading of a value decides a problem (opening hours, phone numbers,
# e-mail addresses and their international domain names, YAML, the catalogue of messages).
LIBRARIES = ("PyYAML", "phonenumbers", "email-validator", "idna", "opening-hours-py", "Babel")
# The parts of the package above validation (scripts/digituki/__init__.py), and the outputs'
# templates: by the layers (tests/test_architecture.py) checking cannot import them, so a
# change to a page or an export keeps the records' checks. Any other file counts, a new one too.
ABOVE_VALIDATION = frozenset({"model", "present", "ptv", "site", "leaflets", "export",
                              "network", "docs", "cli.py", "scaffold.py", "serve",
                              "theme_overrides"})
PACKAGE = Path(__file__).resolve().parent.parent
_DATE = "\0date"
_INVALID = "\0invalid"


def _plain(value: object) -> object:
    """What JSON cannot write: a date, INVALID, and (in the facts) a set of terms."""
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    if value is INVALID:
        return {_INVALID: True}
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"no JSON for a {type(value).__name__} in a checked value")


def _typed(found: dict[str, Any]) -> object:
    """The other way (``json.loads``' object hook): a tagged object back as its value."""
    if len(found) == 1:
        if _DATE in found:
            return datetime.date.fromisoformat(found[_DATE])
        if _INVALID in found:
            return INVALID
    return found


@functools.cache
def checking_code() -> str:
    """A hash of every file of the package that checking can read: its code and messages
    (the code this process runs, read once)."""
    return files_digest(PACKAGE, skip=ABOVE_VALIDATION)


def shared_digest(facts: DatasetFacts) -> str | None:
    """A hash of what every record's check shares: the facts, the code and the libraries;
    None when the facts hold a value this module cannot write (the records are then checked
    without the cache, never not at all)."""
    shared = {f.name: getattr(facts, f.name) for f in dataclasses.fields(facts)}
    try:
        facts_text = json.dumps(shared, default=_plain, sort_keys=True)
    except (TypeError, ValueError):
        return None
    return key({"facts": facts_text, "code": checking_code(), "libraries": versions(*LIBRARIES),
                "python": platform.python_version()})


def record_key(data: bytes, path: Path, display: str, shared: str) -> str:
    """The key of a record's check: its bytes, its name, how it is shown and what it shares."""
    return key({"record": data, "name": path.name, "display": display, "shared": shared})


def encode(value: Checked, problems: list[Problem]) -> bytes:
    """A record's checked value and problems as a cache entry. Every problem is the record's
    own (its file is the record's display name), so the file is not written."""
    listed = [[p.mark.line, p.mark.column, p.code, p.path, p.params] for p in problems]
    # ASCII: a YAML escape can put a lone surrogate into text, which UTF-8 cannot hold.
    return json.dumps({"value": value, "problems": listed}, default=_plain,
                      separators=(",", ":")).encode()


def decode(data: bytes, display: str) -> tuple[Checked, list[Problem]] | None:
    """The checked value and problems of an entry, or None when it is not one."""
    try:
        entry = json.loads(data, object_hook=_typed)
        problems = [Problem(display, Mark(line, column), code, path, params)
                    for line, column, code, path, params in entry["problems"]]
        return entry["value"], problems
    except (ValueError, TypeError, KeyError):
        return None


def get(cache: OutputCache, digest: str, display: str) -> tuple[Checked, list[Problem]] | None:
    """A record's kept check, or None (none kept, or a cache folder that cannot be read:
    ``OutputCache.get`` says None)."""
    data = cache.get(digest, PART)
    return None if data is None else decode(data, display)


def put(cache: OutputCache, digest: str, value: Checked, problems: list[Problem]) -> None:
    """Keep a record's check. A cache folder that cannot be written (a read-only checkout:
    ``OutputCache.put`` keeps nothing) or a value JSON cannot hold only means the record is
    checked again next time: validating never fails for it."""
    try:
        data = encode(value, problems)
    except (TypeError, ValueError):   # TypeError: a value JSON cannot hold
        return
    cache.put(digest, data, PART)
