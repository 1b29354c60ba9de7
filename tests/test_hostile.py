"""Hostile and odd record text (issue 17): either the validator rejects it at a line of the
file, or every output is built and reads back in its own format with the text intact or
safely escaped — HTML, CSV, iCalendar, GeoJSON, HSDS and directory JSON, and a leaflet's PDF.

A record that skips validation (the model built straight from poisoned values, as in
test_safety.py) must not break a file format either: the outputs escape or refuse on their
own. Hypothesis draws the strings; the examples are few and bounded, so this stays fast.
"""
import copy
import csv
import io
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from digituki.codes import Severity, severity
from digituki.export import export_files
from digituki.leaflets import LeafletError
from digituki.leaflets.content import leaflets
from digituki.leaflets.poster import municipality_poster
from digituki.leaflets.render import Document, Renderer
from digituki.model.urls import BOOKLET, POSTER
from digituki.load.marks import Mark
from digituki.model.build import build_dataset, load_dataset
from digituki.problems import Problem
from digituki.schema.records import PROVIDER
from digituki.site.pages import language_site
from digituki.validate.dataset import validate_dataset
from digituki.validate.report import as_job_summary

from browser_support import missing
from conftest import FIXTURES, REPO, TODAY, VALID
from test_safety import _poison

HOSTILE_FIXTURES = FIXTURES / "hostile"

# Odd but ordinary: what a valid record may hold and every format must still carry.
ODD = [
    "=cmd|' /C calc'!A0", "+SUM(1)", "-1+2", "@SUM(A1)", '"', "'", "\\", ";", ",", ":",
    "BEGIN:VEVENT", "END:VCALENDAR", "**b**", "# h", "`", "|", "مرحبا", "e\u0301", "📱",
    "{{ x }}", "{% raw %}", "---", "@team", "Åbo ", "ö",
]
# ... and what no valid record holds: line breaks, controls, invisible and direction
# characters, markup.
PIECES = ODD + [
    "\n", "\r", "\r\n", "\t", "\x00", "\x1b[2J", "\x7f", "\x85", "\x9b", "\u2028", "\u2029",
    "\ufffe", "\u202e", "\u200b", "\ufeff", "\u2066", "\u00a0",
    "<script>alert(1)</script>", "</title><img src=x onerror=alert(1)>", "<!--", "]]>",
    "=cmd|' /C calc'!A0", "+SUM(1)", "-1+2", "@SUM(A1)", "\u200b=HYPERLINK(\"x\")",
    '"', "'", "\\", ";", ",", ":", "BEGIN:VEVENT", "END:VCALENDAR", "{{ x }}", "{% raw %}",
    "[x](javascript:alert(1))", "**b**", "---", "# h", "&amp;", "&#x202e;", "@team", "`",
    "|", "مرحبا", "e\u0301", "📱",
]
LONG_WORD = st.integers(100, 600).map(lambda n: "Pitkä" + "sana" * n)


def _joined(pieces: list[str]):
    return st.lists(st.sampled_from(pieces) | st.text("abcåäö ", min_size=1, max_size=4),
                    min_size=1, max_size=6).map("".join).filter(str.strip)


HOSTILE = st.one_of(_joined(PIECES), LONG_WORD)

# Where the generated text goes in tests/fixtures/valid/minimal.yaml (with the optional
# free-text fields added): (path of keys and list indexes) -> what is there.
FIELDS = [
    ("name", "fi"), ("name", "sv"), ("description", "fi"), ("verified", "by"),
    ("service_points", 0, "name", "fi"), ("service_points", 0, "address", "street", "fi"),
    ("service_points", 0, "address", "post_office", "fi"),
    ("service_points", 0, "directions", "fi"), ("service_points", 0, "floor_room", "fi"),
    ("services", 0, "name", "fi"), ("services", 0, "description", "fi"),
    ("services", 0, "not_covered", "fi"), ("services", 0, "bring", "fi"),
]
# Bounded: a few examples, and no minutes spent shrinking a failure (the failing example is
# printed as found).
EXAMPLES = settings(max_examples=10, deadline=None, derandomize=True, database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow])


def _put(record: dict, path: tuple, value: str) -> None:
    for key in path[:-1]:
        record = record[key] if isinstance(key, int) else record.setdefault(key, {})
    record[path[-1]] = value


def _data_folder(records: dict[str, str]) -> Path:
    """A data folder: the shared files of the valid fixtures and these records."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    shutil.copy(VALID / "_region.yaml", folder)
    shutil.copytree(VALID / "_vocabulary", folder / "_vocabulary")
    for name, text in records.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _fonts_or_skip(renderer_of):
    try:
        return renderer_of()
    except LeafletError:
        missing("the font of the leaflets (Debian package fonts-dejavu-core) is not installed")


# --- reading every output back --------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def _shown(text: str) -> str:
    """What a reader can compare: white space and invisible characters left out."""
    return "".join(c for c in text if not c.isspace()
                   and unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp", "Cs"))


def _check_page(body: str, name: str | None) -> None:
    page = _Page()
    page.feed(body)
    page.close()
    for tag, attrs in page.tags:
        assert tag not in ("img", "iframe", "object", "embed"), tag
        assert not any(key.startswith("on") for key in attrs), (tag, attrs)
        if tag == "script":  # only data: structured data for search engines
            assert attrs.get("type") == "application/ld+json", attrs
        for key in ("href", "src", "action"):
            assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), attrs
    for script in page.scripts:
        json.loads(script)
    if name is not None:
        assert _shown(name) in _shown("".join(page.text))


def _check_csv(text: str) -> None:
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert rows and all(len(row) == len(rows[0]) for row in rows)
    for row in rows[1:]:
        for cell in row:
            start = "".join(c for c in cell if not (c.isspace() or unicodedata.category(c)
                                                    in ("Cc", "Cf", "Zs", "Zl", "Zp")))
            if start[:1] in ("=", "@"):
                assert cell.startswith("'"), cell


def _check_ics(data: bytes) -> None:
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|(?<!\r)\n", data)
    calendar = icalendar.Calendar.from_ical(data)
    begins = [line for line in data.split(b"\r\n") if line.startswith(b"BEGIN:")]
    events = calendar.walk("VEVENT")
    assert len(begins) == 4 + len(events)  # VCALENDAR, VTIMEZONE and its two rules
    for event in events:
        assert {"UID", "DTSTART", "SUMMARY"} <= set(event)
        assert str(event["UID"]).endswith("@digituki.example.org")


def _pdf_text(pdf: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        missing("pdftotext (Debian package poppler-utils) is not installed")
    lines = subprocess.run([tool, "-enc", "UTF-8", "-", "-"], input=pdf, check=True,
                           capture_output=True).stdout.decode().splitlines()
    # a word broken over two pages has the page's footer and header between its parts
    return "".join(line for line in lines
                   if not re.match(r"\s*(Tulostettu|Sivu \d|Digituki:)", line))


def _strings(value) -> set[str]:
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return {s for item in value for s in _strings(item)}
    return {value} if isinstance(value, str) else set()


def check_outputs(dataset, provider_id: str, name: str | None,
                  front_matter: bool = True) -> None:
    """Every output of ``dataset`` reads back; ``name`` (the provider's Finnish name, when
    it is ordinary text) is found in its page and its municipality's leaflet."""
    for path, content in export_files(dataset).items():
        if path.endswith(".ics"):
            _check_ics(content)
        elif path.endswith(".csv"):
            _check_csv(content)
        else:
            json.loads(content)
    page = next(p for p in language_site(dataset, "fi", REPO / "content").pages
                if p.path == f"providers/{provider_id}.md")
    if front_matter:
        front = yaml.safe_load(page.text.split("---\n")[1])
        assert "<" not in front["title"]
    _check_page(page.body, name)
    renderer = _fonts_or_skip(lambda: Renderer(dataset))
    aura = next(leaflet for leaflet in leaflets(dataset, "fi") if leaflet.name == "aura")
    text = _pdf_text(renderer.pdf(Document(BOOKLET, aura, "fi", False)))
    # the poster prints the record's text too (its name in the place's row)
    renderer.pdf(Document(POSTER, municipality_poster(dataset, "019", "fi"), "fi", False))
    if name is not None:
        assert _shown(name) in _shown(text)


# --- records that meet the validator --------------------------------------------------------

def _record(texts: list[str | None], hostile: tuple[int, str] | None) -> str:
    record = yaml.safe_load((VALID / "minimal.yaml").read_text(encoding="utf-8"))
    for path, text in zip(FIELDS, texts):
        if text is not None:
            _put(record, path, text)
    if hostile:
        _put(record, FIELDS[hostile[0]], hostile[1])
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)


@EXAMPLES
@given(st.lists(st.none() | _joined(ODD), min_size=len(FIELDS), max_size=len(FIELDS)),
       st.none() | st.tuples(st.integers(0, len(FIELDS) - 1), HOSTILE))
def test_hostile_text_is_rejected_at_a_line_or_every_output_reads_back(texts, hostile):
    """Odd text in every field, and sometimes hostile text in one of them."""
    folder = _data_folder({"minimal.yaml": _record(texts, hostile)})
    try:
        dataset, result = load_dataset(folder, TODAY)
        if dataset is None:
            errors = [p for p in result.problems if severity(p) is Severity.ERROR]
            assert all(p.file.endswith("minimal.yaml") and p.mark.line >= 1
                       and p.mark.column >= 1 for p in errors), errors
            return
        name = dataset.providers[0].name.fi
        check_outputs(dataset, "minimal", name)
    finally:
        shutil.rmtree(folder)


# --- records that never met the validator ---------------------------------------------------

@EXAMPLES
@given(HOSTILE, HOSTILE)
def test_text_that_skipped_validation_cannot_break_a_file_format(text, url_tail):
    result = validate_dataset(VALID, TODAY)
    for checked in result.providers():
        checked.value = _poison(copy.deepcopy(checked.value), PROVIDER, text,
                                "https://example.org/" + url_tail, text + "@example.org")
    # Not yet the page's front matter: site/pages.py writes the title as JSON, which YAML
    # cannot read back when it holds C1 controls or U+0085/2028/2029 (the validator refuses
    # them; issue 17, left for the site side).
    check_outputs(build_dataset(result, TODAY), "minimal", None, front_matter=False)


# --- a hostile but valid record set ---------------------------------------------------------

def test_the_hostile_but_valid_records_build_and_read_back():
    records = {p.name: p.read_text(encoding="utf-8") for p in HOSTILE_FIXTURES.glob("*.yaml")}
    folder = _data_folder(records)
    try:
        dataset, result = load_dataset(folder, TODAY)
        assert dataset is not None, result.problems
        for provider in dataset.providers:
            check_outputs(dataset, provider.id, provider.name.fi)
        files = export_files(dataset)
        name = dataset.providers[0].name.fi
        assert name == "Yhdistys \"Lainaus\" & 'heittomerkki' \\ kenoviiva; puolipiste, pilkku"
        for path in ("directory.json", "hsds/organizations.json"):
            assert name in _strings(json.loads(files[path])), path
        assert name in _strings(list(csv.reader(io.StringIO(files["providers.csv"][1:]),
                                                delimiter=";")))
    finally:
        shutil.rmtree(folder)


# --- the validator's GitHub job summary -----------------------------------------------------

def test_the_job_summary_quotes_rejected_values_as_plain_text():
    value = "<img src=x onerror=alert(1)> | `code` [x](https://evil.example)\n# otsikko @team\r| x"
    problem = Problem("providers/a|b`c.yaml", Mark(3, 7), "value-enum", "type",
                      {"value": value, "allowed": "library"})
    table = as_job_summary([problem], 1, "en").splitlines()
    row = next(line for line in table if line.startswith("| ``"))
    assert len(table) == 7  # heading, blank, count, blank, header, rule, the one row
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # five cells, no more
    assert row.startswith("| ``providers/a\\|b`c.yaml:3`` | error | `value-enum` | `type` | ")
    assert "\\<img src=x onerror=alert(1)\\>" in row and "<img" not in row.replace("\\<", "")
    assert "\\[x\\](https\u200b://evil.example)" in row and "\\`code\\`" in row  # no link
    assert "⏎\\# otsikko @\u200bteam\\\\r\\| x" in row  # the validator's ⏎, a visible \\r
