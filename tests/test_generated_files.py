"""Generated references and schemas are committed; they must match what the code generates."""
import re
import shutil

from digituki.codes import CODES
from digituki.docs.reference import generated_files
from digituki.validate.codeowners import codeowners_text

from conftest import REPO, VALID

SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def test_generated_files_are_up_to_date():
    stale = [str(path.relative_to(REPO)) for path, text in generated_files(REPO).items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    assert stale == [], ("run `.venv/bin/digituki docs` and commit the result (a new record, or "
                         "changed maintainers, changes .github/CODEOWNERS)")


def test_every_code_is_on_the_error_reference_in_both_languages():
    files = generated_files(REPO)
    for lang in ("fi", "en"):
        page = files[REPO / "content" / lang / "network" / "errors.md"]
        headings = re.findall(r"^## ([a-z0-9-]+) ", page, re.MULTILINE)
        assert headings == list(CODES)


def test_the_field_reference_is_in_every_language():
    files = generated_files(REPO)
    pages = {lang: files[REPO / "content" / lang / "network" / "fields.md"]
             for lang in ("fi", "sv", "en")}
    assert "| `not_covered` | avsnitt [markdown_text](#markdown_text) | ja | Vad man inte " \
        in pages["sv"]
    assert len({page.count("\n| `") for page in pages.values()}) == 1  # the same fields


def test_every_record_starts_with_a_schema_line_that_resolves():
    records = [*(REPO / "providers").rglob("*.yaml"), *(REPO / "tests" / "fixtures").rglob("*.yaml")]
    assert records
    for path in records:
        first = path.read_bytes().split(b"\n", 1)[0].decode("ascii", "replace")
        found = SCHEMA_LINE.fullmatch(first)
        assert found, f"{path} does not start with the schema line"
        assert (path.parent / found.group(1)).resolve().is_file(), path


def test_codeowners_routes_each_record_to_its_maintainers_and_the_rest_to_coordinators(tmp_path):
    data = tmp_path / "providers"
    shutil.copytree(VALID, data)
    region = (data / "_region.yaml").read_text(encoding="utf-8")
    (data / "_region.yaml").write_text(
        region.replace("maintainers: [example-coordinator]",
                       "maintainers: [coordinator, example/network]"), encoding="utf-8")
    (data / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    lines = codeowners_text(tmp_path, data).splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        "* @coordinator @example/network",
        "/providers/every-field.yaml @example-librarian @example-org/digituki-team",
        "/providers/minimal.yaml @example-volunteer",
    ]
