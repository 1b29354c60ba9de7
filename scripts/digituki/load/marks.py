"""Where a value stands in its file, and how a field path is written in messages."""
from typing import NamedTuple

Path = tuple[str | int, ...]


class Mark(NamedTuple):
    """1-based line and column, as editors and GitHub annotations count them. A tuple, since
    one is made for every value of every record."""

    line: int
    column: int


def format_path(path: Path) -> str:
    """('service_points', 0, 'hours') -> 'service_points[0].hours'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
