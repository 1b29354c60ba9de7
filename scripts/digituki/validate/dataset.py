"""Validate a data folder: region settings, vocabularies and provider records, all of them.

Every file is read and checked even when others fail, so one run lists every problem.
The order is fixed: region and vocabularies first (records refer to them), then providers.
"""
import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codes import at_start
from ..load.strict_yaml import load_file
from ..problems import Problem, ProblemList
from ..schema.records import PROVIDER, REGION, VOCABULARIES
from ..schema.types import INVALID, CheckContext, Obj
from .rules import DatasetFacts, run_rules

REGION_FILE = "_region.yaml"
VOCABULARY_DIR = "_vocabulary"


@dataclass
class CheckedFile:
    """One file after loading and the shape check: its typed value and where each part was."""

    path: Path
    display: str
    schema: Obj
    value: Any
    ctx: CheckContext


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    files: list[CheckedFile] = field(default_factory=list)

    def providers(self) -> list[CheckedFile]:
        return [f for f in self.files if f.schema is PROVIDER]


def display_name(path: Path) -> str:
    """The path as contributors see it: relative to the working folder where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def check_file(path: Path, schema: Obj) -> CheckedFile:
    display = display_name(path)
    ctx = CheckContext(ProblemList(display))
    if not path.is_file():
        ctx.problems.append(at_start(display, "file-missing"))
        return CheckedFile(path, display, schema, INVALID, ctx)
    root = load_file(path.read_bytes(), ctx.problems)
    value = INVALID if root is None else schema.check(root, (), ctx)
    return CheckedFile(path, display, schema, value, ctx)


def provider_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.glob("*.yaml") if not p.name.startswith("_"))


def _facts(region: CheckedFile, vocabularies: dict[str, CheckedFile],
           today: datetime.date) -> DatasetFacts:
    terms = {}
    for name, checked in vocabularies.items():
        items = checked.value.get("terms", []) if isinstance(checked.value, dict) else []
        terms[name] = {t["id"] for t in items if isinstance(t, dict) and isinstance(t.get("id"), str)}
    settings = region.value if isinstance(region.value, dict) else {}
    return DatasetFacts(terms=terms, region=settings, today=today)


def validate_dataset(data_dir: Path, today: datetime.date,
                     only: list[Path] | None = None) -> Result:
    """Check the data folder. ``only`` limits the provider records checked (shared files
    are always read, since records refer to them)."""
    region = check_file(data_dir / REGION_FILE, REGION)
    vocabularies = {name: check_file(data_dir / VOCABULARY_DIR / f"{name}.yaml", schema)
                    for name, schema in VOCABULARIES.items()}
    facts = _facts(region, vocabularies, today)
    result = Result()
    shared = [region, *vocabularies.values()]
    records = [check_file(path, PROVIDER) for path in (only or provider_files(data_dir))]
    for checked in (shared if only is None else []) + records:
        run_rules(checked, facts)
        result.files.append(checked)
        result.problems.extend(checked.ctx.problems)
    result.problems.sort(key=lambda p: p.sort_key)
    return result
