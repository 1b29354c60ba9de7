"""A problem found in a file: where it is, which code, and the values its message needs.

Messages are not stored here: they are rendered from the translation catalogue (see
``codes.py``) in the reader's language, so one run can be reported in Finnish, Swedish or
English.
"""
from dataclasses import dataclass, field
from typing import Mapping

from .load.marks import Mark

# A message parameter is plain text, or text per language ({"fi": …, "sv": …, "en": …}).
Param = str | Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    mark: Mark
    code: str
    path: str = ""
    params: Mapping[str, Param] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.mark.line, self.mark.column, self.code, self.path)


class ProblemList(list[Problem]):
    """Problems of one file; every step appends here instead of raising."""

    def __init__(self, file: str):
        super().__init__()
        self.file = file

    def add(self, mark: Mark, code: str, path: str = "", **params: Param) -> None:
        self.append(Problem(self.file, mark, code, path, params))
