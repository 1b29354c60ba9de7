"""Open-data exports under ``site/data/``: the same records for registries, maps and
calendars (``digituki export``, and every ``digituki build``)."""
import json
import shutil
from pathlib import Path

from ..model.build import Dataset
from .calendar import municipality_calendar, provider_calendar
from .directory import directory, directory_schema
from .geojson import service_points_geojson
from .hsds import hsds_files
from ..present.spreadsheet import csv_text
from .tables import TABLES


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_files(dataset: Dataset) -> dict[str, str | bytes]:
    """Path under data/ -> content, for every export."""
    files: dict[str, str | bytes] = {
        "directory.json": _json(directory(dataset)),
        "directory.schema.json": _json(directory_schema()),
        "service-points.geojson": _json(service_points_geojson(dataset)),
    }
    files.update({name: csv_text(rows(dataset)) for name, rows in TABLES.items()})
    files.update({f"hsds/{name}": _json(content) for name, content in hsds_files(dataset).items()})
    for lang in dataset.region.languages:
        for provider in dataset.providers:
            files[f"calendar/{lang}/providers/{provider.id}.ics"] = \
                provider_calendar(dataset, provider, lang)
        for code in dataset.region.municipalities:
            files[f"calendar/{lang}/municipalities/{code}.ics"] = \
                municipality_calendar(dataset, code, lang)
    return files


def write_exports(dataset: Dataset, site: Path) -> int:
    """Replace ``site/data/`` with the exports (nothing stale stays); return the file count."""
    target = site / "data"
    if target.exists():
        shutil.rmtree(target)
    files = export_files(dataset)
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return len(files)
