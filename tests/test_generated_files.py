"""Generated references and schemas are committed; they must match what the code generates."""
import re

from digituki.codes import CODES
from digituki.docs.reference import generated_files

from conftest import REPO

SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def test_generated_files_are_up_to_date():
    stale = [str(path.relative_to(REPO)) for path, text in generated_files(REPO).items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    assert stale == [], "run `digituki docs` and commit the result"


def test_every_code_is_on_the_error_reference_in_both_languages():
    files = generated_files(REPO)
    for lang in ("fi", "en"):
        page = files[REPO / "content" / lang / "network" / "errors.md"]
        headings = re.findall(r"^## ([a-z0-9-]+) ", page, re.MULTILINE)
        assert headings == list(CODES)


def test_every_record_starts_with_a_schema_line_that_resolves():
    records = [*(REPO / "providers").rglob("*.yaml"), *(REPO / "tests" / "fixtures").rglob("*.yaml")]
    assert records
    for path in records:
        first = path.read_bytes().split(b"\n", 1)[0].decode("ascii", "replace")
        found = SCHEMA_LINE.fullmatch(first)
        assert found, f"{path} does not start with the schema line"
        assert (path.parent / found.group(1)).resolve().is_file(), path
