"""Validate a data folder: region settings, vocabularies and provider records, all of them.

Every file is read and checked even when others fail, so one run lists every problem.
The order is fixed: region and vocabularies first (records refer to them), then providers,
which are independent of each other and so are checked on every core when there are many.
"""
import datetime
import gc
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..codes import at_start
from ..load.strict_yaml import load_file
from ..problems import Problem, ProblemList
from ..schema.records import PROVIDER, REGION, VOCABULARIES
from ..schema.types import INVALID, CheckContext, Obj
from .rules import DatasetFacts, FileUnderCheck, run_rules

REGION_FILE = "_region.yaml"
VOCABULARY_DIR = "_vocabulary"
# Below this many records a second process costs more than it saves.
PARALLEL_FROM = 400


@dataclass
class CheckedFile:
    """One file after all checks: its typed value (``INVALID`` where unusable) and problems."""

    path: Path
    display: str
    kind: str  # "provider", "region" or the vocabulary's name
    value: Any
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


def check_shape(path: Path, kind: str, schema: Obj) -> FileUnderCheck:
    """Load a file and check it against its schema (rules come later)."""
    display = display_name(path)
    ctx = CheckContext(ProblemList(display))
    if not path.is_file():
        ctx.problems.append(at_start(display, "file-missing"))
        return FileUnderCheck(path, kind, INVALID, ctx)
    ctx.root = load_file(path.read_bytes(), ctx.problems)
    value = INVALID if ctx.root is None else schema.check(ctx.root, (), ctx)
    return FileUnderCheck(path, kind, value, ctx)


def finish(checking: FileUnderCheck, facts: DatasetFacts) -> CheckedFile:
    run_rules(checking, facts)
    problems = checking.ctx.problems
    return CheckedFile(checking.path, problems.file, checking.kind, checking.value,
                       list(problems))


def check_provider(path: Path, facts: DatasetFacts) -> CheckedFile:
    return finish(check_shape(path, "provider", PROVIDER), facts)


def provider_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.glob("*.yaml") if not p.name.startswith("_"))


def _facts(region: FileUnderCheck, vocabularies: list[FileUnderCheck],
           today: datetime.date) -> DatasetFacts:
    terms = {}
    for checking in vocabularies:
        items = checking.value.get("terms", []) if isinstance(checking.value, dict) else []
        terms[checking.kind] = {t["id"] for t in items
                                if isinstance(t, dict) and isinstance(t.get("id"), str)}
    settings = region.value if isinstance(region.value, dict) else {}
    return DatasetFacts(terms=terms, region=settings, today=today)


@contextmanager
def _cycle_collector_paused():
    """Checking makes millions of small objects without reference cycles; the cycle
    collector would scan them again and again and free nothing (it took 40 % of the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_providers(paths: list[Path], facts: DatasetFacts, workers: int) -> list[CheckedFile]:
    check = partial(check_provider, facts=facts)
    if workers <= 1 or len(paths) < PARALLEL_FROM:
        return [check(path) for path in paths]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(check, paths, chunksize=64))


def validate_dataset(data_dir: Path, today: datetime.date, only: list[Path] | None = None,
                     workers: int | None = None) -> Result:
    """Check the data folder. ``only`` limits the provider records checked (shared files
    are always read, since records refer to them); ``workers`` defaults to the core count."""
    with _cycle_collector_paused():
        region = check_shape(data_dir / REGION_FILE, "region", REGION)
        vocabularies = [check_shape(data_dir / VOCABULARY_DIR / f"{name}.yaml", name, schema)
                        for name, schema in VOCABULARIES.items()]
        facts = _facts(region, vocabularies, today)
        shared = [finish(checking, facts) for checking in (region, *vocabularies)]
        records = _check_providers(only or provider_files(data_dir), facts,
                                   workers or os.cpu_count() or 1)
    result = Result(files=[*(shared if only is None else []), *records])
    result.problems = sorted((p for f in result.files for p in f.problems),
                             key=lambda p: p.sort_key)
    return result
