"""Problem reports for people (text), for GitHub Actions (annotations and a job summary)
and for tools (JSON). Every format lists every problem, sorted, then a count."""
import json
from collections import Counter

from ..codes import CODES, Severity, render_message, severity
from ..i18n import N_, t
from ..problems import Problem
from ..untrusted import markdown_code, markdown_text


def line_of(problem: Problem, lang: str) -> str:
    where = f"{problem.file}:{problem.mark.line}:{problem.mark.column}"
    field = f" {problem.path}:" if problem.path else ""
    return (f"{where}: {severity(problem).value}[{problem.code}]{field} "
            f"{render_message(problem, lang)}")


# A count in words, for one and for many: "1 virhe", "3 virhettä".
FILES = (N_("check.files_one"), N_("check.files"))
ERRORS = (N_("check.errors_one"), N_("check.errors"))
WARNINGS = (N_("check.warnings_one"), N_("check.warnings"))


def _count(n: int, forms: tuple[str, str], lang: str) -> str:
    return t(forms[0] if n == 1 else forms[1], lang).format(n=n)


def summary(problems: list[Problem], files: int, lang: str) -> str:
    counts = Counter(severity(p) for p in problems)
    checked = _count(files, FILES, lang)
    if not problems:
        return t("check.all_good", lang).format(files=checked)
    return t("check.found", lang).format(errors=_count(counts[Severity.ERROR], ERRORS, lang),
                                         warnings=_count(counts[Severity.WARNING], WARNINGS, lang),
                                         files=checked)


def as_text(problems: list[Problem], files: int, lang: str) -> str:
    return "".join(line_of(p, lang) + "\n" for p in problems) + summary(problems, files, lang) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github_annotations(problems: list[Problem], files: int, lang: str) -> str:
    lines = []
    for p in problems:
        title = f"{p.code}: {CODES[p.code].title(lang)}"
        message = (f"{p.path}: " if p.path else "") + render_message(p, lang)
        lines.append(f"::{severity(p).value} file={_escape_property(p.file)},"
                     f"line={p.mark.line},col={p.mark.column},"
                     f"title={_escape_property(title)}::{_escape_data(message)}\n")
    return "".join(lines) + summary(problems, files, lang) + "\n"


COLUMNS = (N_("check.column.place"), N_("check.column.level"), N_("check.column.code"),
           N_("check.column.field"), N_("check.column.message"))


def as_job_summary(problems: list[Problem], files: int, lang: str) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the count, then every problem in a table. File
    names, field paths and the rejected values quoted in messages come from the pull request:
    each cell shows them as letters, on one line, with no markup, HTML or link of theirs."""
    columns = [t(key, lang) for key in COLUMNS]
    header = "| " + " | ".join(columns) + " |"
    rows = [f"| {markdown_code(f'{p.file}:{p.mark.line}', True)} | {severity(p).value} | "
            f"`{p.code}` | {markdown_code(p.path, True)} | "
            f"{markdown_text(render_message(p, lang))} |" for p in problems]
    table = [header, "| --- | --- | --- | --- | --- |", *rows] if problems else []
    heading = f"## {t('check.heading', lang)}"
    return "\n".join([heading, "", summary(problems, files, lang), "", *table, ""])


def as_json(problems: list[Problem], files: int, lang: str) -> str:
    counts = Counter(severity(p).value for p in problems)
    return json.dumps({
        "version": 1,
        "files": files,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "problems": [{"file": p.file, "line": p.mark.line, "column": p.mark.column,
                      "severity": severity(p).value, "code": p.code, "path": p.path,
                      "message": render_message(p, lang)} for p in problems],
    }, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": as_text, "github": as_github_annotations, "json": as_json}
