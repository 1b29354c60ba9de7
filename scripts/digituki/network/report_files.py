"""The coordinator's report as text for the terminal, as CSV tables, and as one issue per
maintainer for the weekly re-verification workflow (with what differs from PTV added by
``digituki ptv check --maintainer-issues``)."""
from pathlib import Path
from typing import Mapping

from ..present.spreadsheet import Row, csv_text
from ..model.build import Dataset
from ..present.hours_view import date_text
from ..present.names import text_in
from ..i18n import t, weekday_names
from ..ptv.check import PointCheck, PtvCheck
from ..untrusted import markdown_text
from ..present.report import (Broken, Due, Report, languages_text, make_report, ptv_text,
                              status_text, weekdays_text)

ISSUE_TITLE = "Tarkista tiedot / Please re-verify: {handle}"
DUE_COLUMNS = ["provider_id", "name_fi", "maintainers", "verified_date", "status", "stale_from"]


def as_text(report: Report, dataset: Dataset, lang: str) -> str:
    """Due records, files to fix, the service points linked to PTV, weekdays without
    in-person help and languages; the full coverage matrix is in the CSV tables and on the
    site."""
    lines = [t("report_intro", lang).format(date=date_text(report.today, lang, weekday=False)),
             "", t("report_due", lang)]
    for due in report.due:
        p = due.provider
        status = status_text(due.status, due.stale_from, dataset, lang)
        lines.append(f"  {p.id}.yaml  {date_text(p.verified.date, lang, weekday=False)}  "
                     f"{status}  @{', @'.join(p.maintainers)}")
    if not report.due:
        lines.append("  " + t("report_due_none", lang))
    if report.broken:
        lines += ["", t("report_broken", lang)]
        lines += [f"  {b.file}  {t('report_errors', lang).format(n=b.errors)}"
                  for b in report.broken]
    lines += ["", t("report_ptv", lang),
              "  " + ptv_text(report.ptv.linked, report.ptv.total, lang)]
    if report.ptv.unlinked:
        lines.append("  " + t("report_ptv_unlinked", lang))
        lines += [f"    {p.id}.yaml: {', '.join(text_in(sp.name, lang) for sp in points)}"
                  for p, points in report.ptv.unlinked]
    lines += ["", t("report_weekdays", lang)]
    lines += [f"  {text_in(m.name, lang)}: {weekdays_text(m.days_without_in_person, lang)}"
              for m in report.municipalities]
    lines += ["", t("report_languages", lang)]
    lines += [f"  {text_in(m.name, lang)}: {languages_text(m, dataset, lang)}"
              for m in report.municipalities]
    return "\n".join(lines) + "\n"


def csv_tables(report: Report, dataset: Dataset) -> dict[str, str]:
    """File name -> CSV text (the same conventions as the open-data tables)."""
    due = [dict(zip(DUE_COLUMNS, (d.provider.id, d.provider.name.fi,
                                  " ".join(d.provider.maintainers),
                                  d.provider.verified.date.isoformat(), d.status,
                                  d.stale_from.isoformat()))) for d in report.due]
    forms = list(dataset.vocabularies["forms"])
    topics = list(dataset.vocabularies["topics"])
    coverage: list[Row] = [
        {"municipality_code": m.code, "municipality_fi": m.name.fi, "form": form,
         "topic": topic, "services": m.coverage.get((form, topic), 0)}
        for m in report.municipalities for form in forms for topic in topics]
    weekdays: list[Row] = [
        {"municipality_code": m.code, "municipality_fi": m.name.fi,
         **{weekday_names("en", "long")[d].lower(): d not in m.days_without_in_person
            for d in range(5)}} for m in report.municipalities]
    languages: list[Row] = [
        {"municipality_code": m.code, "municipality_fi": m.name.fi,
         "languages": " ".join(m.languages), "plain_language": m.plain_language}
        for m in report.municipalities]
    return {"verification.csv": csv_text(due, DUE_COLUMNS), "coverage.csv": csv_text(coverage),
            "in-person-weekdays.csv": csv_text(weekdays), "languages.csv": csv_text(languages)}


def _due_line(due: Due, dataset: Dataset, repository: str) -> str:
    p = due.provider
    fi, en = (status_text(due.status, due.stale_from, dataset, lang) for lang in ("fi", "en"))
    return (f"- [ ] [{p.id}.yaml]({repository}/edit/main/providers/{p.id}.yaml) — "
            f"{p.verified.date.isoformat()}: {fi} / {en}")


def _broken_line(broken: Broken, repository: str) -> str:
    name = Path(broken.file).name
    return (f"- [ ] [{name}]({repository}/edit/main/providers/{name}) — "
            f"{t('report_errors', 'fi').format(n=broken.errors)} / "
            f"{t('report_errors', 'en').format(n=broken.errors)}: "
            "korjaa ensin / fix first (digituki validate)")


def _issue_start(handle: str, dataset: Dataset) -> list[str]:
    """The title line, then the greeting that mentions the maintainer (GitHub notifies them).
    Demo handles are made up and could belong to someone: they are named, not mentioned."""
    greeting = f"`{handle}` (demo)" if dataset.region.demo else f"@{handle}"
    return [ISSUE_TITLE.format(handle=handle), greeting, ""]


def _issue_file(handle: str) -> str:
    return f"{handle.replace('/', '--')}.md"


def _issue_text(handle: str, items: list[str], dataset: Dataset) -> str:
    """Title line, then a body that lists their records with edit links."""
    return "\n".join([
        *_issue_start(handle, dataset),
        "Nämä tietueet on tarkistettava. Tarkista tiedot palveluntarjoajalta, korjaa ne "
        "tarvittaessa ja päivitä kohta `verified` (ohje: CONTRIBUTING.md).", "",
        "These records are due for re-verification. Check the information with the provider, "
        "correct it where needed and update `verified` (see CONTRIBUTING.md).", "", *items]) + "\n"


def maintainer_issues(report: Report, dataset: Dataset) -> dict[str, str]:
    """File name (the handle; a team's / as --) -> issue text, title on the first line, for
    every maintainer with records due or broken."""
    repository = dataset.region.repository_url.rstrip("/")
    by_handle: dict[str, list[str]] = {}
    for due in report.due:
        for handle in due.provider.maintainers:
            by_handle.setdefault(handle, []).append(_due_line(due, dataset, repository))
    for broken in report.broken:
        for handle in broken.maintainers:
            by_handle.setdefault(handle, []).append(_broken_line(broken, repository))
    return {_issue_file(handle): _issue_text(handle, items, dataset)
            for handle, items in sorted(by_handle.items())}


def _ptv_item(point: PointCheck, repository: str) -> str:
    """The record with its edit link and the place, then each difference in fi / en."""
    p = point.provider
    return "\n".join([
        f"- [ ] [{p.id}.yaml]({repository}/edit/main/providers/{p.id}.yaml) — "
        f"{markdown_text(text_in(point.point.name, 'fi'))} (PTV `{point.channel_id}`)",
        *(f"  - {markdown_text(said['fi'])} / {markdown_text(said['en'])}"
          for said in point.differences)])


def ptv_issues(checked: PtvCheck, dataset: Dataset, written: Mapping[str, str]
               ) -> dict[str, str]:
    """What differs from PTV (``digituki ptv check``), added to the maintainers' issue texts:
    a text in ``written`` (file name -> text, as maintainer_issues made them) gets a section
    at its end (replacing one added before), a maintainer without one gets a text of its own.
    Only the files to write."""
    repository = dataset.region.repository_url.rstrip("/")
    by_handle: dict[str, list[str]] = {}
    for point in checked.differing:
        for handle in point.provider.maintainers:
            by_handle.setdefault(handle, []).append(_ptv_item(point, repository))
    heading = f"### {t('ptv.issue.heading', 'fi')} / {t('ptv.issue.heading', 'en')}"
    files: dict[str, str] = {}
    for handle, items in sorted(by_handle.items()):
        section = "\n".join([heading, "", t("ptv.issue.intro", "fi"), "",
                             t("ptv.issue.intro", "en"), "", *items]) + "\n"
        name = _issue_file(handle)
        if name in written:
            before = written[name].split(f"\n{heading}\n", 1)[0].rstrip("\n")
            files[name] = f"{before}\n\n{section}"
        else:
            files[name] = "\n".join(_issue_start(handle, dataset)) + "\n" + section
    return files


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    return [folder / name for name in files]


def report_tables(dataset: Dataset) -> dict[str, str]:
    """The report's tables as files of the open data (path under ``site/data/`` -> CSV
    text), linked from the report page: ``export.update_exports`` makes them with the
    exports made from every record."""
    tables = csv_tables(make_report(dataset), dataset)
    return {f"report/{name}": text for name, text in tables.items()}
