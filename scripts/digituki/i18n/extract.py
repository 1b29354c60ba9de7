"""Which messages the program uses, found in its source, and the .pot/.po files kept in step.

``digituki i18n`` writes the template ``digituki.pot`` and merges
it into every language's .po: a new message appears there untranslated, a message no longer
used is dropped. A message is used when

- Python code calls ``t("id", …)``, ``translations("id", …)`` or ``N_("id")`` with the id
  written out;
- a Jinja template calls ``ui('id')``;
- it belongs to a problem code (``error.<code>.title``, ``.message``, ``.explain``) or to a
  field of the provider schema (``field.<name>``, the field's label in the change summary).

An id made at run time (``t(f"mode_{m}", lang)``, ``ui('booking_' ~ need)``) is found by
its written prefix: every catalogued id with that prefix counts as used.
"""
import ast
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterator

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from jinja2 import Environment, nodes

from ..resources import REPO
from . import DOMAIN, LANGUAGES, catalogue_file, read_catalogue

PACKAGE = Path(str(resources.files("digituki")))
TEMPLATE = PACKAGE / "i18n" / f"{DOMAIN}.pot"
PYTHON_CALLS = {"t", "translations", "N_"}
JINJA_CALLS = {"ui"}


@dataclass
class Found:
    """Ids written out, and prefixes of ids made at run time, each with where it is used."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    prefixes: dict[str, set[str]] = field(default_factory=dict)

    def add(self, key: str, where: str, prefix: bool = False) -> None:
        (self.prefixes if prefix else self.ids).setdefault(key, set()).add(where)


def _python_ids(argument: ast.expr) -> Iterator[tuple[str, bool]]:
    """(id or prefix, is_prefix) of a call's first argument."""
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        yield argument.value, False
    elif isinstance(argument, ast.JoinedStr) and argument.values \
            and isinstance(argument.values[0], ast.Constant):
        yield str(argument.values[0].value), True
    elif isinstance(argument, ast.IfExp):
        yield from _python_ids(argument.body)
        yield from _python_ids(argument.orelse)


def _from_python(source: str, where: str, found: Found) -> None:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in PYTHON_CALLS and node.args:
            for key, prefix in _python_ids(node.args[0]):
                found.add(key, where, prefix)


def _jinja_ids(argument: nodes.Expr) -> Iterator[tuple[str, bool]]:
    if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
        yield argument.value, False
    elif isinstance(argument, nodes.Concat) and isinstance(argument.nodes[0], nodes.Const):
        yield argument.nodes[0].value, True


def _from_jinja(source: str, where: str, found: Found) -> None:
    for call in Environment().parse(source).find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in JINJA_CALLS and call.args:
            for key, prefix in _jinja_ids(call.args[0]):
                found.add(key, where, prefix)


def _from_tables(found: Found) -> None:
    """The messages of the problem codes and the labels of the schema's fields."""
    from ..codes import CODES, MESSAGE_PARTS, message_id
    from ..schema.records import PROVIDER, TEXTS
    from ..schema.types import objects_in
    for code in CODES:
        for part in MESSAGE_PARTS:
            found.add(message_id(code, part), "scripts/digituki/codes.py")
    for obj in objects_in(PROVIDER):
        if obj not in TEXTS:  # their fields are the languages, never labelled
            for spec in obj.fields:
                found.add(f"field.{spec.name}", "scripts/digituki/schema/records.py")


def _read(suffix: str) -> Iterator[tuple[str, str]]:
    """(text, path from the repository) of each file of the package (templates included)."""
    for path in sorted(PACKAGE.rglob(f"*{suffix}")):
        yield path.read_text(encoding="utf-8"), path.relative_to(REPO).as_posix()


def found_in_source() -> Found:
    found = Found()
    for source, where in _read(".py"):
        _from_python(source, where, found)
    for source, where in _read(".html"):
        _from_jinja(source, where, found)
    _from_tables(found)
    return found


def used_messages() -> dict[str, set[str]]:
    """Every used id with where it is used; a prefix stands for the catalogued ids it starts."""
    found = found_in_source()
    used = {key: set(where) for key, where in found.ids.items()}
    catalogued = [key for key, _, _, _ in entries(read_catalogue(LANGUAGES[0]))]
    for prefix, where in found.prefixes.items():
        for key in catalogued:
            if key.startswith(prefix):
                used.setdefault(key, set()).update(where)
    return used


HEADER = ("# Digituki's messages (template): ids are keys, every language translates them.\n"
          "# Made by `digituki i18n`; see CONTRIBUTING.md (translations).")


def template() -> Catalog:
    pot = Catalog(domain=DOMAIN, project="digituki", version="1", fuzzy=False,
                  header_comment=HEADER)
    for key, where in sorted(used_messages().items()):
        pot.add(key, locations=[(path, 0) for path in sorted(where)])
    return pot


Entry = tuple[str, str, list[str], bool]


def entries(catalog: Catalog) -> list[Entry]:
    """(id, text, files using it, fuzzy) of each message, without the header (whose dates
    change on every write)."""
    return [(m.id, m.string if isinstance(m.string, str) else "",
             sorted(path for path, _ in m.locations), m.fuzzy)
            for m in catalog if isinstance(m.id, str) and m.id]


def _write_if_changed(catalog: Catalog, path: Path) -> bool:
    if path.exists():
        with path.open("rb") as old:
            if entries(read_po(old)) == entries(catalog):
                return False
    with path.open("wb") as out:
        write_po(out, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    return True


def update() -> list[Path]:
    """Write the template and merge it into each language's catalogue (a new message comes
    in untranslated, an unused one goes); return the paths written."""
    pot = template()
    written = [TEMPLATE] if _write_if_changed(pot, TEMPLATE) else []
    for lang in LANGUAGES:
        catalog = read_catalogue(lang)
        catalog.update(pot, no_fuzzy_matching=True)
        path = Path(str(catalogue_file(lang)))
        if _write_if_changed(catalog, path):
            written.append(path)
    return written
