"""``digituki new``: a provider record started from the annotated template."""
import datetime
import re
from pathlib import Path

from .schema.types import ID_PATTERN
from .validate.dataset import TEMPLATE_FILE


def new_record(data_dir: Path, record_id: str, today: datetime.date) -> Path:
    """Write ``<data_dir>/<id>.yaml`` from the template with the id and today's date filled in;
    its TODO items are what the contributor still has to write."""
    if not re.fullmatch(ID_PATTERN, record_id):
        raise ValueError(f"'{record_id}': use lowercase letters a-z, digits and hyphens (at most 64)")
    path = data_dir / f"{record_id}.yaml"
    if path.exists():
        raise ValueError(f"{path} already exists")
    template = data_dir / TEMPLATE_FILE
    if not template.is_file():
        raise ValueError(f"{template} is missing: it is what new records are made from")
    text = template.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {record_id}", text, count=1)
    text = re.sub(r"(?m)^(  date: )\S+(.*)$", lambda m: m.group(1) + today.isoformat(), text,
                  count=1)
    path.write_text(text, encoding="utf-8")
    return path
