"""``.github/CODEOWNERS`` from the records: a pull request that changes a record asks its
maintainers for review; the coordinators (``maintainers`` in the region settings) review
everything else. GitHub applies the last matching line, so the catch-all comes first."""
from pathlib import Path

from ..load.plain import plain
from ..load.strict_yaml import load_file
from ..problems import ProblemList
from .dataset import provider_files

CODEOWNERS = Path(".github") / "CODEOWNERS"
HEADER = """\
# Generated from the records by `.venv/bin/digituki docs`: do not edit by hand.
# Change `maintainers` in a record (or in providers/_region.yaml for the coordinators)
# and run the command; a test fails when this file is out of date.
"""


def maintainers_in(path: Path) -> list[str]:
    """The handles in the file's ``maintainers`` (none when the file cannot be read: the
    validator reports why)."""
    value = plain(load_file(path.read_bytes(), ProblemList(str(path))))
    handles = value.get("maintainers") if isinstance(value, dict) else None
    return [h for h in handles if isinstance(h, str) and h] if isinstance(handles, list) else []


def codeowners_text(root: Path, data_dir: Path) -> str:
    """The file's content for the records in ``data_dir`` (a folder inside ``root``)."""
    lines = [HEADER]
    region = data_dir / "_region.yaml"
    coordinators = maintainers_in(region) if region.exists() else []
    if coordinators:
        lines.append("* " + " ".join(f"@{h}" for h in coordinators) + "\n")
    folder = data_dir.relative_to(root).as_posix()
    for path in provider_files(data_dir):
        owners = maintainers_in(path)
        if owners:
            lines.append(f"/{folder}/{path.name} " + " ".join(f"@{h}" for h in owners) + "\n")
    return "".join(lines)
