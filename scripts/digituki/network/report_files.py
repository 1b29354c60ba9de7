"""The coordinator's report as text for the terminal, as CSV tables, and as one issue per
maintainer for the weekly re-verification workflow."""
import datetime
from pathlib import Path
from typing import Any

from ..export.tables import csv_text
from ..model.build import Dataset
from ..site.hours_view import date_text
from ..site.strings import WEEKDAYS_LONG, t
from .report import Due, Report, make_report, verification_limits

ISSUE_TITLE = "Tarkista tiedot / Please re-verify: {handle}"


def _name(text: Any, lang: str) -> str:
    return text.in_language(lang)[0]


def status_text(due: Due, dataset: Dataset, lang: str) -> str:
    if due.status == "expired":
        return t("status_expired", lang).format(months=verification_limits(dataset)[1])
    if due.status == "soon":
        last_day = due.stale_from - datetime.timedelta(days=1)
        return t("status_soon", lang).format(date=date_text(last_day, lang, weekday=False))
    return t("status_stale", lang)


def weekdays_text(days: tuple[int, ...], lang: str) -> str:
    return ", ".join(WEEKDAYS_LONG[lang][d] for d in days) or t("report_every_weekday", lang)


def languages_text(municipality: Any, dataset: Dataset, lang: str) -> str:
    names = sorted(_name(dataset.term("languages", code).name, lang)
                   for code in municipality.languages)
    if municipality.plain_language:
        names.append(t("plain_language", lang))
    return ", ".join(names) or "–"


def as_text(report: Report, dataset: Dataset, lang: str) -> str:
    """Due records, files to fix, weekdays without in-person help and languages; the full
    coverage matrix is in the CSV tables and on the site."""
    lines = [t("report_intro", lang).format(date=date_text(report.today, lang, weekday=False)),
             "", t("report_due", lang)]
    for due in report.due:
        p = due.provider
        lines.append(f"  {p.id}.yaml  {date_text(p.verified.date, lang, weekday=False)}  "
                     f"{status_text(due, dataset, lang)}  @{', @'.join(p.maintainers)}")
    if not report.due:
        lines.append("  " + t("report_due_none", lang))
    if report.broken:
        lines += ["", t("report_broken", lang)]
        lines += [f"  {file}  {t('report_errors', lang).format(n=n)}" for file, n in report.broken]
    lines += ["", t("report_weekdays", lang)]
    lines += [f"  {_name(m.name, lang)}: {weekdays_text(m.days_without_in_person, lang)}"
              for m in report.municipalities]
    lines += ["", t("report_languages", lang)]
    lines += [f"  {_name(m.name, lang)}: {languages_text(m, dataset, lang)}"
              for m in report.municipalities]
    return "\n".join(lines) + "\n"


def csv_tables(report: Report, dataset: Dataset) -> dict[str, str]:
    """File name -> CSV text (the same conventions as the open-data tables)."""
    due = [{"provider_id": d.provider.id, "name_fi": d.provider.name.fi,
            "maintainers": " ".join(d.provider.maintainers),
            "verified_date": d.provider.verified.date.isoformat(), "status": d.status,
            "stale_from": d.stale_from.isoformat()} for d in report.due]
    forms = list(dataset.vocabularies["forms"])
    topics = list(dataset.vocabularies["topics"])
    coverage = [{"municipality_code": m.code, "municipality_fi": m.name.fi, "form": form,
                 "topic": topic, "services": m.coverage.get((form, topic), 0)}
                for m in report.municipalities for form in forms for topic in topics]
    weekdays = [{"municipality_code": m.code, "municipality_fi": m.name.fi,
                 **{WEEKDAYS_LONG["en"][d].lower(): d not in m.days_without_in_person
                    for d in range(5)}} for m in report.municipalities]
    languages = [{"municipality_code": m.code, "municipality_fi": m.name.fi,
                  "languages": " ".join(m.languages), "plain_language": m.plain_language}
                 for m in report.municipalities]
    return {"verification.csv": csv_text(due), "coverage.csv": csv_text(coverage),
            "in-person-weekdays.csv": csv_text(weekdays), "languages.csv": csv_text(languages)}


def _issue_body(handle: str, dues: list[Due], dataset: Dataset) -> str:
    """Mentions the maintainer (GitHub notifies them) and lists their records with edit links.
    Demo handles are made up and could belong to someone: they are named, not mentioned."""
    repository = dataset.region.repository_url.rstrip("/")
    greeting = f"`{handle}` (demo)" if dataset.region.demo else f"@{handle}"
    lines = [greeting, "", "Nämä tietueet on tarkistettava. Tarkista tiedot palveluntarjoajalta, korjaa ne "
             "tarvittaessa ja päivitä kohta `verified` (ohje: CONTRIBUTING.md).",
             "", "These records are due for re-verification. Check the information with the "
             "provider, correct it where needed and update `verified` (see CONTRIBUTING.md).", ""]
    for due in dues:
        p = due.provider
        lines.append(f"- [ ] [{p.id}.yaml]({repository}/edit/main/providers/{p.id}.yaml) — "
                     f"{p.verified.date.isoformat()}: {status_text(due, dataset, 'fi')} / "
                     f"{status_text(due, dataset, 'en')}")
    return "\n".join(lines) + "\n"


def maintainer_issues(report: Report, dataset: Dataset) -> dict[str, str]:
    """GitHub handle -> issue text (title on the first line, then the body) listing the
    handle's records that are due."""
    by_handle: dict[str, list[Due]] = {}
    for due in report.due:
        for handle in due.provider.maintainers:
            by_handle.setdefault(handle, []).append(due)
    return {handle: ISSUE_TITLE.format(handle=handle) + "\n" + _issue_body(handle, dues, dataset)
            for handle, dues in sorted(by_handle.items())}


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    return [folder / name for name in files]


def write_report_tables(dataset: Dataset, site: Path) -> list[Path]:
    """The report's tables into ``site/data/report/``, linked from the report page (written
    after the open-data exports, which replace ``site/data/``)."""
    return write_files(site / "data" / "report", csv_tables(make_report(dataset), dataset))
