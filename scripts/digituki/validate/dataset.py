"""Validate a data folder: region settings, vocabularies and provider records, all of them.

Every file is read and checked even when others fail, so one run lists every problem.
The order is fixed: region and vocabularies first (records refer to them), then providers,
which are independent of each other and so are checked on every core when there are many.

Given an output cache, a provider record whose inputs did not change since it was last checked
is not checked again: its value and problems come from the cache (``validate/cached.py``).
Nothing in this folder looks across records (a record's id must be its file name, so ids are
unique), and the region settings and vocabularies are always checked, since every record's
check depends on them.
"""
import datetime
import gc
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterator

from ..codes import Severity, at_start, severity
from ..load.strict_yaml import load_file
from ..outputcache import OutputCache
from ..problems import Problem, ProblemList
from ..schema.records import PROVIDER, REGION, VOCABULARIES
from ..schema.types import INVALID, CheckContext, Checked, Obj
from . import cached
from .rules import DatasetFacts, FileUnderCheck, form_needs, run_rules

REGION_FILE = "_region.yaml"
TEMPLATE_FILE = "_template.yaml"
VOCABULARY_DIR = "_vocabulary"
SCHEMA_DIR = "_schema"
# Below this many records a second process costs more than it saves.
PARALLEL_FROM = 400


@dataclass
class CheckedFile:
    """One file after all checks: its typed value (``INVALID`` where unusable) and problems."""

    path: Path
    display: str
    kind: str  # "provider", "region" or the vocabulary's name
    value: Checked
    problems: list[Problem]


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    files: list[CheckedFile] = field(default_factory=list)

    def providers(self) -> list[CheckedFile]:
        return [f for f in self.files if f.kind == "provider"]


def display_name(path: Path) -> str:
    """The path as contributors see it: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return str(path.resolve()) if relative.startswith("..") else relative


def check_shape(path: Path, kind: str, schema: Obj, data: bytes | None = None
                ) -> FileUnderCheck:
    """Load a file (or its bytes, already read) and check it against its schema (rules
    come later)."""
    display = display_name(path)
    ctx = CheckContext(ProblemList(display))
    if data is None and not path.is_file():
        ctx.problems.append(at_start(display, "file-missing"))
        return FileUnderCheck(path, kind, INVALID, ctx)
    ctx.root = load_file(path.read_bytes() if data is None else data, ctx.problems)
    value = INVALID if ctx.root is None else schema.check(ctx.root, (), ctx)
    return FileUnderCheck(path, kind, value, ctx)


def finish(checking: FileUnderCheck, facts: DatasetFacts) -> CheckedFile:
    run_rules(checking, facts)
    problems = checking.ctx.problems
    return CheckedFile(checking.path, problems.file, checking.kind, checking.value,
                       list(problems))


def check_provider(path: Path, facts: DatasetFacts, data: bytes | None = None) -> CheckedFile:
    return finish(check_shape(path, "provider", PROVIDER, data), facts)


# A record to check: its path, its bytes when already read, and the key to keep its check
# under ("": not kept).
Read = tuple[Path, bytes | None, str]


def _check_read(read: Read, facts: DatasetFacts, cache: OutputCache | None) -> CheckedFile:
    """Check a record and keep the check (in the worker process that made it, when there
    are several)."""
    path, data, digest = read
    checked = check_provider(path, facts, data)
    if cache is not None and digest:
        cached.put(cache, digest, checked.value, checked.problems)
    return checked


SHARED = {REGION_FILE, TEMPLATE_FILE, VOCABULARY_DIR, SCHEMA_DIR}


def provider_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.glob("*.yaml") if not p.name.startswith("_"))


def ignored_files(data_dir: Path) -> list[CheckedFile]:
    """Everything in the data folder that is neither a record nor a shared file: reported,
    since a record named 'uusi.yml' would otherwise silently never reach the site."""
    vocabulary_files = {f"{name}.yaml" for name in VOCABULARIES}
    found = [p for p in data_dir.iterdir() if not (p.name in SHARED or p.name.startswith(".")
             or (p.is_file() and p.name.endswith(".yaml") and not p.name.startswith("_")))]
    if (data_dir / VOCABULARY_DIR).is_dir():
        found += [p for p in (data_dir / VOCABULARY_DIR).iterdir()
                  if p.name not in vocabulary_files and not p.name.startswith(".")]
    return [CheckedFile(p, display_name(p), "ignored", INVALID,
                        [at_start(display_name(p), "file-ignored")]) for p in sorted(found)]


def _facts(region: FileUnderCheck, vocabularies: list[FileUnderCheck],
           today: datetime.date) -> DatasetFacts:
    """What records are checked against. A vocabulary with errors is left out, so its own
    problems are reported once instead of as an unknown reference in every record."""
    terms, needs = {}, {}
    for checking in vocabularies:
        if any(severity(p) is Severity.ERROR for p in checking.ctx.problems):
            continue
        terms[checking.kind] = {t["id"] for t in checking.value["terms"]}
        if checking.kind == "forms":
            needs = {t["id"]: form_needs(t) for t in checking.value["terms"]}
    settings = region.value if isinstance(region.value, dict) else {}
    files = {checking.kind: checking.ctx.problems.file for checking in vocabularies}
    return DatasetFacts(terms=terms, form_needs=needs, region=settings, today=today,
                        vocabulary_files=files)


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Checking (and modelling) makes millions of small objects without reference cycles; the
    cycle collector would scan them again and again and free nothing (it took 40 % of the
    time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_providers(reads: list[Read], facts: DatasetFacts, workers: int,
                     cache: OutputCache | None = None) -> list[CheckedFile]:
    """Check each record on up to ``workers`` processes; keep each check that has a key."""
    check = partial(_check_read, facts=facts, cache=cache)
    if workers <= 1 or len(reads) < PARALLEL_FROM:
        return [check(read) for read in reads]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(check, reads, chunksize=64))


def _read(path: Path) -> bytes | None:
    """The file's bytes; None when it cannot be read (checking it says why)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _check_or_reuse(paths: list[Path], facts: DatasetFacts, workers: int,
                    cache: OutputCache | None) -> list[CheckedFile]:
    """Each record's check, taken from the cache when its inputs are unchanged; the records
    checked are stored. The bytes a key is made of are the bytes checked."""
    shared = cached.shared_digest(facts) if cache is not None else None
    if cache is None or shared is None:
        return _check_providers([(path, None, "") for path in paths], facts, workers)
    found: dict[int, CheckedFile] = {}
    missed: list[tuple[int, Read]] = []
    for index, path in enumerate(paths):
        data, display = _read(path), display_name(path)
        digest = "" if data is None else cached.record_key(data, path, display, shared)
        kept = cached.get(cache, digest, display) if digest else None
        if kept is None:
            missed.append((index, (path, data, digest)))
        else:
            found[index] = CheckedFile(path, display, "provider", *kept)
    checked = _check_providers([read for _, read in missed], facts, workers, cache)
    found.update((index, checked_file) for (index, _), checked_file in zip(missed, checked))
    return [found[index] for index in range(len(paths))]


def validate_dataset(data_dir: Path, today: datetime.date, only: list[Path] | None = None,
                     workers: int | None = None, cache: OutputCache | None = None) -> Result:
    """Check the data folder. ``only`` limits the provider records checked (shared files
    are always checked, since records refer to them); ``workers`` defaults to the core count.
    With a ``cache``, records whose inputs are unchanged are not checked again (the result is
    the same)."""
    with cycle_collector_paused():
        region = check_shape(data_dir / REGION_FILE, "region", REGION)
        vocabularies = [check_shape(data_dir / VOCABULARY_DIR / f"{name}.yaml", name, schema)
                        for name, schema in VOCABULARIES.items()]
        facts = _facts(region, vocabularies, today)
        shared = [finish(checking, facts) for checking in (region, *vocabularies)]
        records = _check_or_reuse(only or provider_files(data_dir), facts,
                                  workers or os.cpu_count() or 1, cache)
    ignored = ignored_files(data_dir) if only is None and data_dir.is_dir() else []
    result = Result(files=[*shared, *records, *ignored])
    result.problems = sorted((p for f in result.files for p in f.problems),
                             key=lambda p: p.sort_key)
    return result
