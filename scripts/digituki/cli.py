"""The ``digituki`` command: validate, new, build, leaflets, export, serve, docs, i18n, diff,
report, ptv."""
import argparse
import datetime
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

from .codes import Severity, render_message, severity
from .i18n import LANGUAGES
from .i18n.extract import update as update_catalogues
from .docs.reference import write_generated
from .schema.export import schema_files
from .export import update_exports
from .leaflets import LeafletError, update_leaflets
from .site.build import ThirdPartyRequest, build_site
from .site.engine import ENGINES
from .model.build import Dataset, load_dataset
from .outputcache import OutputCache, cache_folder, sync_tree
from .validate.dataset import VOCABULARY_DIR, Result, validate_dataset
from .validate.report import FORMATS, as_job_summary
from .values.hours import HELSINKI
from .workers import long_lived_held
from .scaffold import new_record
from .network import diff
from .present.report import broken_records, dataset_for_report, make_report
from .network.report_files import (as_text, csv_tables, maintainer_issues, ptv_issues,
                                   report_tables, write_files)
from .ptv.check import as_text as ptv_check_text, check as ptv_check
from .ptv.fetch import (DEFAULT_BASE_URL as PTV_API, TIMEOUT_SECONDS as PTV_TIMEOUT, Client,
                        FetchError)
from .ptv.records import RecordsError, run_import

# A command: its options, as parsed from the command line -> the exit status.
Handler = Callable[[argparse.Namespace], int]


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _today() -> datetime.date:
    return datetime.datetime.now(HELSINKI).date()


def _message_language(result: Result, chosen: str | None) -> str:
    """--lang, else message_language in the region settings, else Finnish."""
    region = next((f.value for f in result.files if f.kind == "region"), None)
    configured = region.get("message_language") if isinstance(region, dict) else None
    return chosen or (configured if isinstance(configured, str) else "fi")


class UsageError(Exception):
    pass


def _split_paths(paths: list[Path], data_dir: Path) -> tuple[Path, list[Path] | None]:
    """One folder names the data folder; files name the provider records to check (shared
    files among them mean: check everything)."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    folders = [p for p in paths if p.is_dir()]
    if folders and len(paths) > 1:
        raise UsageError("give one data folder, or record files, not both")
    if folders:
        return folders[0], None
    records = [p for p in paths if not p.name.startswith("_") and p.parent.name != VOCABULARY_DIR]
    return data_dir, (records if len(records) == len(paths) and records else None)


def _report(result: Result, args: argparse.Namespace) -> int:
    """Print the problems in the chosen format; the exit status they call for."""
    lang = _message_language(result, args.lang)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    sys.stdout.write(FORMATS[fmt](result.problems, len(result.files), lang))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as out:
                out.write(as_job_summary(result.problems, len(result.files), lang))
        except OSError as error:
            print(f"digituki: could not write the job summary: {error}", file=sys.stderr)
    levels = {severity(p) for p in result.problems}
    failed = Severity.ERROR in levels or (args.strict and Severity.WARNING in levels)
    return 1 if failed else 0


def _checked(args: argparse.Namespace) -> tuple[Dataset | None, int]:
    """Validate the data folder and report; the model when nothing is wrong (else None),
    and the exit status the report calls for. Records unchanged since the cache saw them
    are not checked again."""
    dataset, result = load_dataset(args.data, args.today, OutputCache(cache_folder()))
    return dataset, _report(result, args)


def cmd_validate(args: argparse.Namespace) -> int:
    try:
        data_dir, only = _split_paths(args.paths, args.data)
    except UsageError as error:
        print(f"digituki validate: {error}", file=sys.stderr)
        return 2
    return _report(validate_dataset(data_dir, args.today, only,
                                    cache=OutputCache(cache_folder())), args)


def cmd_new(args: argparse.Namespace) -> int:
    try:
        path = new_record(args.data, args.id, args.today)
    except ValueError as error:
        print(f"digituki new: {error}", file=sys.stderr)
        return 2
    print(f"{path}: luotu / created. Täytä TODO-kohdat ja aja / fill in the TODO items and run:"
          f" digituki validate {path}")
    return 0


def _publish_schemas(site: Path) -> None:
    """The JSON Schemas into ``site/schema/`` (only changed files written)."""
    sync_tree({name: text.encode() for name, text in schema_files().items()}, site / "schema")


def cmd_export(args: argparse.Namespace) -> int:
    """Validate; when nothing is wrong, write the open-data exports into <out>/data/."""
    dataset, status = _checked(args)
    if dataset is None:
        return status
    count = _data_files(dataset, args.out, OutputCache(cache_folder()), "export")
    print(f"{args.out}/data/: {count} files for {args.today.isoformat()}")
    return status


def _leaflets(dataset: Dataset, out: Path, command: str, cache: OutputCache | None = None
              ) -> dict[str, tuple[int, int]] | None:
    """Bring the leaflets up to date (``update_leaflets``) and say how; path -> (pages, bytes)
    of every file, or None (after saying why) when they cannot be made."""
    try:
        leaflets = update_leaflets(dataset, out, cache or OutputCache(cache_folder()))
    except LeafletError as error:
        print(f"digituki {command}: no leaflets: {error}", file=sys.stderr)
        return None
    print(f"digituki {command}: {len(leaflets.rendered)} leaflets rendered, the others copied "
          f"unchanged from the cache ({len(leaflets.files)} files)")
    return leaflets.files


def cmd_leaflets(args: argparse.Namespace) -> int:
    """Validate; when nothing is wrong, write the printable leaflets into <out>/leaflets/."""
    dataset, status = _checked(args)
    if dataset is None:
        return status
    files = _leaflets(dataset, args.out, "leaflets")
    if files is None:
        return 1
    print(f"{args.out}/leaflets/: {len(files)} leaflets for {args.today.isoformat()}")
    return status


def cmd_build(args: argparse.Namespace) -> int:
    """The pages of every language, the leaflets, the exports and the JSON Schemas."""
    dataset, status = _checked(args)
    if dataset is None:
        return status
    with long_lived_held():   # the model, held until the build ends
        return _build(dataset, args, status)


def _build(dataset: Dataset, args: argparse.Namespace, status: int) -> int:
    # Leaflets first: the pages' links name their page counts and sizes.
    cache = OutputCache(cache_folder())
    leaflets = _leaflets(dataset, args.out, "build", cache)
    if leaflets is None:
        return 1
    try:
        run = build_site(dataset, args.out, args.engine, leaflets=leaflets, cache=cache)
    except ThirdPartyRequest as error:
        print(f"digituki build: pages would load from other sites:\n{error}", file=sys.stderr)
        return 1
    print(f"digituki build: {len(run.rendered)} pages rendered, {run.pages - len(run.rendered)} "
          f"reused from the cache; search index "
          f"{'made anew' if run.index_rebuilt else 'unchanged, from the cache'}")
    count = _data_files(dataset, args.out, cache, "build")
    _publish_schemas(args.out)
    print(f"{args.out}/: {run.pages} pages, {len(leaflets)} leaflets, {count} data files, "
          f"built for {args.today.isoformat()}")
    pruned = cache.prune()
    if pruned.removed:
        print(f"digituki build: {pruned.removed} cache files unused longest deleted "
              f"({pruned.freed // 1_000_000} MB; {pruned.kept // 1_000_000} MB kept)")
    return status


def _data_files(dataset: Dataset, out: Path, cache: OutputCache, command: str) -> int:
    """The open-data exports and the report's tables into ``out/data/``
    (``update_exports``), saying how many were made; the file count."""
    run = update_exports(dataset, out, cache, report_tables)
    print(f"digituki {command}: {len(run.made)} data files made, the others copied unchanged "
          f"from the cache ({run.files} files)")
    return run.files


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview on localhost: after a save the pages are rebuilt and reload in the browser,
    then the search index, exports and leaflets follow (see serve/)."""
    from .serve import Options, Steps, serve   # the other commands start without it
    return serve(Options(args.data, args.out, args.engine, args.today, args.port), Steps(
        report=lambda result: _report(result, args),
        leaflets=lambda dataset, out, cache: _leaflets(dataset, out, "serve", cache),
        data=lambda dataset, out, cache: _data_files(dataset, out, cache, "serve"),
        schemas=_publish_schemas))


def cmd_docs(args: argparse.Namespace) -> int:
    """Run from the repository (./scripts/* do): the files go where the repository keeps them."""
    root = Path.cwd()
    for path in write_generated(root):
        print(f"wrote {path.relative_to(root)}")
    return 0


def cmd_i18n(args: argparse.Namespace) -> int:
    for path in update_catalogues():
        print(f"wrote {path}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    try:
        sys.stdout.write(diff.summary(args.base, args.head, args.data, args.today,
                                      args.lang or "fi", args.format))
    except subprocess.CalledProcessError as error:
        print(f"digituki diff: git cannot read the records of that version: "
              f"{error.stderr.decode(errors='replace').strip()}", file=sys.stderr)
        return 2
    return 0


def _write_files(folder: Path, files: dict[str, str]) -> None:
    for path in write_files(folder, files):
        print(f"wrote {path}")


def cmd_report(args: argparse.Namespace) -> int:
    """The coordinator's report; records whose only error is their age are included."""
    dataset, result = dataset_for_report(args.data, args.today)
    if dataset is None:
        return _report(result, args)
    report = make_report(dataset, broken_records(result))
    if args.csv:
        _write_files(args.csv, csv_tables(report, dataset))
    if args.maintainer_issues:
        _write_files(args.maintainer_issues, maintainer_issues(report, dataset))
    if not (args.csv or args.maintainer_issues):
        sys.stdout.write(as_text(report, dataset, args.lang or "fi"))
    return 0


def cmd_ptv_check(args: argparse.Namespace) -> int:
    """Our service points beside PTV's data; PTV out of reach is one line, never a failure
    (exit 0): the weekly job and the build go on."""
    missing = [str(p) for p in args.sources if not p.exists()]
    if missing:
        print(f"digituki ptv check: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    dataset, result = dataset_for_report(args.data, args.today)
    if dataset is None:
        return _report(result, args)
    lang = args.lang or "fi"
    checked = ptv_check(dataset, args.sources, args.api, args.timeout)
    sys.stdout.write(ptv_check_text(checked, lang))
    for problem in checked.problems:
        if problem.code == "ptv-json":  # a saved file that cannot be read
            print(f"{problem.file}: {render_message(problem, lang)}", file=sys.stderr)
    if args.maintainer_issues:
        folder: Path = args.maintainer_issues
        written = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}
        _write_files(folder, ptv_issues(checked, dataset, written))
    return 0


def cmd_ptv_import(args: argparse.Namespace) -> int:
    """Provider records started from PTV; what was left out or needs a look is listed."""
    lang = args.lang or "fi"
    try:
        imported = run_import(args.sources, args.data, args.today, into=args.into,
                              organization=args.organization, municipality=args.municipality,
                              include_personal=args.include_personal_contacts,
                              client=Client(args.api, args.timeout))
    except RecordsError as error:
        print(f"digituki ptv import: {error}", file=sys.stderr)
        return 2
    except FetchError as error:
        print(f"digituki ptv import: {error.text(lang)}", file=sys.stderr)
        return 1
    sys.stdout.write(imported.as_text(lang))
    return 1 if imported.failed else 0


def _ptv_api_options(p: argparse.ArgumentParser) -> None:
    """Where the PTV Open API is and how long a request may take."""
    p.add_argument("--api", default=PTV_API, metavar="URL",
                   help=f"the PTV Open API (default: {PTV_API})")
    p.add_argument("--timeout", type=float, default=PTV_TIMEOUT, metavar="SECONDS",
                   help=f"for each request (default: {PTV_TIMEOUT:g})")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="digituki", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    def command(name: str, handler: Handler, help_text: str,
                within: "argparse._SubParsersAction[argparse.ArgumentParser]" = sub
                ) -> argparse.ArgumentParser:
        p = within.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        p.add_argument("--data", type=Path, default=Path("providers"),
                       help="data folder with _region.yaml and _vocabulary/ (default: providers)")
        p.add_argument("--today", type=_date, default=_today(),
                       help="the date to check and build for, YYYY-MM-DD (default: today)")
        return p

    p = command("validate", cmd_validate, "Check records and report every problem.")
    p.add_argument("paths", nargs="*", type=Path, help="records or a data folder")
    p.add_argument("--format", choices=sorted(FORMATS),
                   help="text, github (default in GitHub Actions) or json")
    p.add_argument("--lang", choices=LANGUAGES, help="message language (default: region "
                                                     "settings, else fi)")
    p.add_argument("--strict", action="store_true", help="warnings fail too")

    p = command("new", cmd_new, "Create a provider record from the template.")
    p.add_argument("id", help="the new provider's id, e.g. auran-kirjasto")

    for name, handler, help_text in (
            ("build", cmd_build, "Build the site into site/."),
            ("leaflets", cmd_leaflets, "Write the printable leaflets into site/leaflets/."),
            ("export", cmd_export, "Write the open-data exports into site/data/."),
            ("serve", cmd_serve, "Build and preview the site.")):
        p = command(name, handler, help_text)
        p.add_argument("--out", type=Path, default=Path("site"), help="output folder")
        p.add_argument("--lang", choices=LANGUAGES, help="message language")
        p.set_defaults(strict=False, format=None, engine="mkdocs")
        if name in ("build", "serve"):
            p.add_argument("--engine", choices=ENGINES, default="mkdocs",
                           help="site engine (default: mkdocs)")
        if name == "serve":
            p.add_argument("--port", type=int, default=8000)

    p = command("diff", cmd_diff, "Say in words what changed in the records between two "
                                  "versions (git revisions or data folders).")
    p.add_argument("base", help="the version before, e.g. origin/main or a folder")
    p.add_argument("head", help="the version after, e.g. HEAD or a folder")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the summary (default: fi)")
    p.add_argument("--format", choices=sorted(diff.FORMATS), default="text")

    p = command("report", cmd_report, "The coordinator's report: records due for "
                "re-verification, help per municipality by form and topic, weekdays without "
                "in-person help, languages.")
    p.add_argument("--lang", choices=("fi", "sv", "en"), help="language (default: fi)")
    p.add_argument("--csv", type=Path, metavar="FOLDER", help="write the tables as CSV here")
    p.add_argument("--maintainer-issues", type=Path, metavar="FOLDER",
                   help="write one issue text per maintainer with records due (<handle>.md)")
    p.set_defaults(strict=False, format=None)

    # `digituki ptv <command>`: Suomi.fi PTV, the national service registry.
    ptv_group = sub.add_parser("ptv", help="Suomi.fi PTV: start records from it, check "
                                                 "records against it.",
                               description="Suomi.fi PTV, the national service registry.")
    ptv = ptv_group.add_subparsers(dest="ptv_command", required=True)
    p = command("check", cmd_ptv_check, "Compare every service point that has a PTV id "
                "(ptv_id) with PTV's data: name, address, position (50 m), phone and "
                "building hours, in words.", ptv)
    p.add_argument("sources", nargs="*", type=Path, metavar="PTV_JSON",
                   help="saved PTV responses (files or folders); none: fetch the points' "
                        "channels from the Open API")
    _ptv_api_options(p)
    p.add_argument("--lang", choices=LANGUAGES, help="language (default: fi)")
    p.add_argument("--maintainer-issues", type=Path, metavar="FOLDER",
                   help="add the differences to the issue texts `digituki report "
                        "--maintainer-issues` wrote there (one for a maintainer without one)")
    p.set_defaults(strict=False, format=None)

    p = command("import", cmd_ptv_import, "Start provider records from PTV: a record per "
                "organisation (or all into --into), a place per ServiceLocation, a phone line "
                "per Phone channel, with names, address, coordinates (WGS84), phones, web page, "
                "building hours and ptv_id; the digital-support services are left as the "
                "template's TODO items. What PTV cannot say exactly is flagged, never guessed.",
                ptv)
    p.add_argument("sources", nargs="*", type=Path, metavar="PTV_JSON",
                   help="saved PTV responses: files or folders of channels, organisations or "
                        "list pages")
    p.add_argument("--organization", metavar="UUID",
                   help="fetch every channel of this PTV organisation from the Open API")
    p.add_argument("--municipality", metavar="CODE",
                   help="fetch every channel of this municipality (e.g. 430) from the Open API")
    p.add_argument("--into", metavar="RECORD",
                   help="write every channel into this record (an id or a .yaml path): created "
                        "when missing, else the new points are added to it")
    p.add_argument("--include-personal-contacts", action="store_true",
                   help="keep phones that look like one person's (a role or a name beside the "
                        "number, a mobile number); flagged either way")
    _ptv_api_options(p)
    p.add_argument("--lang", choices=LANGUAGES, help="language of the messages (default: fi)")

    command("docs", cmd_docs, "Regenerate the field and error references, the JSON Schemas, "
                               "the model classes and .github/CODEOWNERS.")
    command("i18n", cmd_i18n, "Find the messages the code and templates use: write the "
                               "template digituki.pot and add new messages, untranslated, to "
                               "each language's .po file (and drop unused ones).")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
