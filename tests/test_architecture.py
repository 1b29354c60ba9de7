"""The package's layers (see scripts/digituki/__init__.py): imports go down the pipeline, and
no output imports another, so a change to one output cannot break the others and the rules
every output shares have one home. Every module is parsed, imports inside functions too."""
import ast
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "scripts" / "digituki"
# Lowest first; a module may import from its own layer and the layers below it.
LAYERS = (
    {"problems", "codes", "i18n", "load", "values", "schema", "untrusted", "resources",
     "workers", "outputcache"},
    {"validate"},
    {"model"},
    {"present"},
    {"ptv"},
    {"site", "leaflets", "export", "network", "docs"},
    {"cli", "scaffold", "serve"},
)
OUTPUTS = LAYERS[5]
LAYER_OF = {part: level for level, parts in enumerate(LAYERS) for part in parts}


def _part(path: Path) -> str:
    """The subpackage (or top-level module) a file belongs to: 'site', 'cli', …"""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _module(path: Path) -> list[str]:
    """The module's dotted name below the package, as parts (a package is its __init__)."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imports(path: Path) -> set[str]:
    """The modules of digituki the file imports, dotted below the package ('site.strings');
    ``from . import x`` names ``x`` itself."""
    found = set()
    package = _module(path) if path.name == "__init__.py" else _module(path)[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1]
            target = [*base, *(node.module.split(".") if node.module else [])]
            found |= ({".".join(target)} if target and node.module
                      else {".".join([*target, alias.name]) for alias in node.names})
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("digituki."):
            found.add(node.module.removeprefix("digituki."))
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("digituki.") for a in node.names
                      if a.name.startswith("digituki.")}
    return found


MODULES = sorted(path for path in PACKAGE.rglob("*.py"))


def test_every_part_of_the_package_has_a_layer():
    assert {_part(path) for path in MODULES if path.name != "__init__.py"
            or path.parent != PACKAGE} <= set(LAYER_OF)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_down_the_layers_and_never_from_one_output_to_another(path):
    own = _part(path)
    if path.parent == PACKAGE and path.name == "__init__.py":
        return  # the package's own docstring module
    wrong = sorted(
        name for name in _imports(path) if (part := name.split(".")[0]) != own
        and (LAYER_OF[part] > LAYER_OF[own] or (part in OUTPUTS and own in OUTPUTS)))
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {', '.join(wrong)}"
