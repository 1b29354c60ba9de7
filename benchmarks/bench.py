"""Benchmarks (``scripts/bench``): print speed figures; never pass or fail.

At each scale (``--scales``: ``demo`` is the demo records, a number is that many generated
records): load and validation (every record checked; then with the records' checks kept in a
cache: empty, warm, one record changed), then three builds as ``digituki build`` makes them,
each split
into its steps (leaflets, pages, search index, exports): a clean build (an empty cache
folder), a warm build with nothing changed, and a build after one record's help hours were
changed. Then the pages-only figure against a bare ``mkdocs build`` of as many plain pages
(for reference: the pages are the engine's work), the first search query's bytes, and serve's
seconds from a save to the reloaded page (``bench_serve``).

Every scale has a cache folder of its own (``$DIGITUKI_CACHE`` in a temporary folder). Above
``--leaflet-sample`` municipalities the leaflets of a build are the region's and those of a
sample of municipalities (the edited record's and the first others up to the sample size),
and the municipalities' figure is extrapolated from the sample, as the line says: at
national scale a clean build renders some 4,600 PDFs.

The national fixture is generated, seeded, so every run measures the same data: providers
spread over 308 municipalities (Finland's count in 2026) with the field mix of the demo
records: places and remote channels, several services, hours with exceptions.
"""
import argparse
import datetime
import os
import random
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from mkdocs import config as mkdocs_config
from mkdocs.commands import build as mkdocs_build

from digituki import cli
from digituki.export import ExportRun, update_exports
from digituki.model.build import Dataset, load_dataset
from digituki.network.report_files import report_tables
from digituki.outputcache import ENVIRONMENT, OutputCache, cache_folder
from digituki.site.build import build_site, update_index
from digituki.site.search import BUNDLE
from digituki.validate.dataset import REGION_FILE, VOCABULARY_DIR, validate_dataset

from .bench_leaflets import LeafletSample
from .bench_search import bench_first_query

MUNICIPALITIES = 308
TODAY = datetime.date(2026, 11, 26)
DEMO = Path("providers")
DEMO_TODAY = datetime.date(2026, 11, 30)
DEFAULT_SCALES = "demo,500,5000"
LEAFLET_SAMPLE = 8     # municipalities whose leaflets are rendered, above which it samples
TARGETS = {"demo": "warm build <= 3 s", "5000": "clean build <= 600 s, one record <= 20 s"}
HOURS = ["Mo-Fr 10:00-19:00; Sa 10:00-15:00; PH off", "Tu 10:00-12:00; PH off",
         "Mo[1] 13:00-15:00; PH off", "We,Fr 09:00-11:30; PH off",
         "Mo-Th 09:00-12:00; Jun-Aug off; PH off", "2027 Jan 14 13:00-15:00"]
EDITED_HOURS = '"Mo 08:15-09:45"'   # what the one-record change saves as help hours


def _text(rng: random.Random, words: str) -> dict:
    text = {"fi": f"{words} {rng.randrange(10**6)}"}
    if rng.random() < 0.8:
        text["sv"] = f"{words} sv {rng.randrange(10**6)}"
        text["en"] = f"{words} en {rng.randrange(10**6)}"
    return text


def _phone(rng: random.Random) -> str:
    return f"02 {rng.randrange(2_000_000, 9_999_999)}"


def _point(rng: random.Random, i: int, codes: list[str]) -> dict:
    if rng.random() < 0.8:
        return {"id": f"place-{i}", "type": "place", "name": _text(rng, "Paikka"),
                "address": {"street": {"fi": f"Kirjastokatu {i + 1}"},
                            "postal_code": f"{rng.randrange(10000, 99999)}",
                            "post_office": {"fi": "Kunta"}},
                "municipality": rng.choice(codes),
                "coordinates": {"lat": round(rng.uniform(60, 69), 5),
                                "lon": round(rng.uniform(21, 30), 5)},
                "directions": _text(rng, "Bussi numero"),
                "hours": rng.choice(HOURS[:5]),
                "exceptions": [{"date": "2026-12-24", "closed": True,
                                "reason": {"fi": "Jouluaatto", "sv": "Julafton",
                                           "en": "Christmas Eve"}}],
                "accessibility": [{"feature": "step-free-entrance", "available": True},
                                  {"feature": "lift", "available": rng.random() < 0.5}]}
    return {"id": f"phone-{i}", "type": "phone", "name": _text(rng, "Puhelin"),
            "phone": _phone(rng), "serves": rng.sample(codes, 3), "hours": HOURS[4]}


def _service(rng: random.Random, i: int, points: list[dict]) -> dict:
    """A service at places in a form of help in person, or on phone lines by phone (one in
    ten a home visit booked there), as records say it."""
    if points[0]["type"] == "place":
        form = rng.choice(["drop-in", "appointment", "peer-tutoring", "course"])
    else:
        form = "home-visit" if rng.random() < 0.1 else "phone"
    return {"id": f"service-{i}", "name": _text(rng, "Digiopastus"),
            "description": _text(rng, "Autamme **puhelimen** kanssa"),
            "topics": rng.sample(["smartphone", "computer", "email", "online-banking",
                                  "suomi-fi", "omakanta", "scams"], 3),
            "forms": [form],
            "target_groups": ["seniors"], "languages": ["fi", "sv"],
            "cost": {"free": True}, "booking": {"need": "none"},
            "bring": _text(rng, "Oma puhelin"), "not_covered": _text(rng, "Emme asioi"),
            "at": [{"point": p["id"], "hours": rng.choice(HOURS)} for p in points]}


def provider(rng: random.Random, index: int, codes: list[str]) -> dict:
    points = [_point(rng, i, codes) for i in range(rng.randint(1, 3))]
    # the places and the phone lines: every one of them used by a service
    kinds = [kind for kind in ([p for p in points if p["type"] == "place"],
                               [p for p in points if p["type"] != "place"]) if kind]
    return {"id": f"provider-{index:05d}", "name": _text(rng, "Kirjasto"),
            "type": rng.choice(["library", "association", "municipality", "parish"]),
            "website": f"https://p{index}.example.org/",
            "contact": {"phone": _phone(rng), "email": f"info{index}@example.org"},
            "maintainers": [f"maintainer-{index % 97}"],
            "verified": {"date": "2026-10-01", "method": "phone", "by": "Bench"},
            "service_points": points,
            "services": [_service(rng, i, kinds[i % len(kinds)])
                         for i in range(max(len(kinds), rng.randint(1, 3)))]}


def generate_national(target: Path, providers: int, seed: int = 2026) -> None:
    """A data folder with ``providers`` records, the demo vocabularies and 308 municipalities."""
    rng = random.Random(seed)
    source = Path("providers")
    shutil.copytree(source / VOCABULARY_DIR, target / VOCABULARY_DIR)
    codes = [f"{n:03d}" for n in range(1, MUNICIPALITIES + 1)]
    terms = [{"id": c, "name": {"fi": f"Kunta {c}"}} for c in codes]
    (target / VOCABULARY_DIR / "municipalities.yaml").write_text(
        yaml.safe_dump({"terms": terms}, allow_unicode=True), encoding="utf-8")
    region = yaml.safe_load((source / REGION_FILE).read_text(encoding="utf-8"))
    region["municipalities"] = codes
    (target / REGION_FILE).write_text(yaml.safe_dump(region, allow_unicode=True),
                                      encoding="utf-8")
    for index in range(providers):
        record = provider(rng, index, codes)
        (target / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def bench_validate(data: Path, scale: str, workers: int) -> None:
    started = time.perf_counter()
    result = validate_dataset(data, _today(scale), workers=workers)
    seconds = time.perf_counter() - started
    count = len(list(data.glob("[!_]*.yaml")))
    print(f"load+validate  {scale:>6}  {count} records  {workers} process(es)  {seconds:6.2f} s  "
          f"{count / seconds:6.0f} records/s  ({len(result.problems)} problems)")


def bench_validate_cached(data: Path, scale: str, folder: Path) -> None:
    """Load and validation as ``digituki build`` does them, with the records' checks kept in
    a cache folder of its own: from empty (every check stored), warm, and after one record
    changed (put back afterwards, so the builds' figures start from the same records)."""
    cache = OutputCache(folder)
    record = _record_to_edit(data)
    saved = record.read_bytes()
    figures = []
    for label in ("empty cache", "warm", "one record"):
        if label == "one record":
            _edit(record)
        started = time.perf_counter()
        validate_dataset(data, _today(scale), cache=cache)
        figures.append(f"{label} {time.perf_counter() - started:.2f} s")
    record.write_bytes(saved)
    print(f"load+validate  {scale:>6}  kept checks: {', '.join(figures)}")


def _today(scale: str) -> datetime.date:
    return DEMO_TODAY if scale == "demo" else TODAY


def _scales(text: str) -> list[str]:
    found = [part.strip() for part in text.split(",") if part.strip()]
    for scale in found:
        if scale != "demo" and not scale.isdigit():
            raise argparse.ArgumentTypeError(f"a scale is 'demo' or a record count: {scale!r}")
    return found


@contextmanager
def _cache_folder(folder: Path) -> Iterator[None]:
    """``$DIGITUKI_CACHE`` set to ``folder`` (a scale's own cache) while the scale runs."""
    old = os.environ.get(ENVIRONMENT)
    os.environ[ENVIRONMENT] = str(folder)
    try:
        yield
    finally:
        if old is None:
            del os.environ[ENVIRONMENT]
        else:
            os.environ[ENVIRONMENT] = old


def _record_to_edit(data: Path) -> Path:
    """The first record with help hours that has only places: its leaflets are those of one
    municipality or a few."""
    for record in sorted(data.glob("[!_]*.yaml")):
        text = record.read_text(encoding="utf-8")
        if "\nservices:" in text and "type: phone" not in text and "hours:" in text:
            return record
    raise SystemExit(f"no record with help hours in {data}")


def _edit(record: Path) -> None:
    """Change the record's first help hours (a service's, under ``at:``) and save it."""
    text = record.read_text(encoding="utf-8")
    found = re.compile(r"^(\s+hours: ).*$", re.MULTILINE).search(text, text.index("\nservices:"))
    assert found, record
    record.write_text(text[:found.start()] + found.group(1) + EDITED_HOURS + text[found.end():],
                      encoding="utf-8")


@dataclass
class Build:
    """Seconds of each step of one build, and what it made."""

    label: str
    steps: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    rendered_pages: int = 0
    leaflets: str = ""           # what the leaflets' step did
    data: str = ""               # what the exports' step did

    def timed(self, step: str, work: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = work()
        self.steps[step] = self.steps.get(step, 0.0) + time.perf_counter() - started
        return result

    def print(self, scale: str) -> None:
        steps = {step: s for step, s in self.steps.items() if step != "load"}
        parts = "  ".join(f"{step} {seconds:.2f}" for step, seconds in steps.items())
        print(f"{self.label:15}{scale:>6}  {sum(steps.values()):8.2f} s ({parts}) + load and "
              f"validation {self.steps['load']:.2f} s; {self.pages} pages, "
              f"{self.rendered_pages} rendered; leaflets: {self.leaflets}; data files: "
              f"{self.data}")


def bench_build(data: Path, out: Path, scale: str, label: str,
                sample: LeafletSample | None = None) -> Build:
    """One ``digituki build`` (load, leaflets, pages, index, exports) into ``out``; the
    leaflets of a sample only, when one is given."""
    run = Build(label)
    cache = OutputCache(cache_folder())
    dataset = run.timed("load", lambda: load_dataset(data, _today(scale), cache)[0])
    assert isinstance(dataset, Dataset), f"{data}: the records do not validate"
    if sample is not None:
        files, run.leaflets, run.steps["leaflets"] = sample.build(dataset, out, cache, label)
    else:
        files = run.timed("leaflets", lambda: cli._leaflets(dataset, out, "bench", cache))
        assert isinstance(files, dict)
        run.leaflets = f"all {len(files)} files"
    site = run.timed("pages", lambda: build_site(dataset, out, leaflets=files, cache=cache,
                                                 index=False))
    run.timed("index", lambda: update_index(dataset, out, cache))
    exports = run.timed("exports", lambda: update_exports(dataset, out, cache, report_tables))
    assert isinstance(exports, ExportRun)
    run.timed("exports", lambda: cli._publish_schemas(out))
    run.data = f"{len(exports.made)} of {exports.files} made"
    run.pages, run.rendered_pages = site.pages, len(site.rendered)
    return run


def _prepare(folder: Path, scale: str) -> Path:
    data = folder / "providers"
    if scale == "demo":
        shutil.copytree(DEMO, data)
    else:
        data.mkdir()
        generate_national(data, int(scale))
    return data


def bench_scale(scale: str, folder: Path, sample_size: int, search: bool) -> None:
    data = _prepare(folder, scale)
    for workers in sorted({1, os.cpu_count() or 1}):
        bench_validate(data, scale, workers)
    bench_validate_cached(data, scale, folder / "validation-cache")
    out = folder / "site"
    edited = _record_to_edit(data)
    municipalities = yaml.safe_load((data / REGION_FILE).read_text(encoding="utf-8"))[
        "municipalities"]
    sample = LeafletSample(sample_size, edited.stem) if len(municipalities) > sample_size \
        else None
    with _cache_folder(folder / "cache"):
        clean = bench_build(data, out, scale, "clean build", sample)
        clean.print(scale)
        size = sum(p.stat().st_size for p in (out / BUNDLE).rglob("*") if p.is_file())
        print(f"  search index   {size / 1024 / 1024:.1f} MiB")
        if search:
            bench_first_query(out, "fi", "verkkopankki")
        bench_build(data, out, scale, "warm build", sample).print(scale)
        _edit(edited)
        bench_build(data, out, scale, "one record", sample).print(scale)
    bare = bench_bare_mkdocs(folder / "bare", clean.pages)
    print(f"  pages only vs bare mkdocs (reference): {clean.steps['pages'] / bare:.2f}x")
    if scale in TARGETS:
        print(f"  targets: {TARGETS[scale]}")


def bench_bare_mkdocs(folder: Path, pages: int) -> float:
    """The same number of plain Markdown pages through a bare `mkdocs build` (Material, the
    project's mkdocs.yml, no digituki): the engine's own cost, the floor for ours."""
    docs = folder / "docs"
    for n in range(pages):
        page = docs / f"section-{n % 50}" / f"page-{n}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# Page {n}\n\nA plain page with a paragraph of text, number {n}.\n",
                        encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    config = mkdocs_config.load_config(config_file="mkdocs.yml", docs_dir=str(docs),
                                       site_dir=str(folder / "site"), nav=[{"Home": "index.md"}],
                                       extra_css=[], extra_javascript=[],
                                       theme={"name": "material", "font": False})
    started = time.perf_counter()
    mkdocs_build.build(config)
    seconds = time.perf_counter() - started
    print(f"  bare mkdocs    {pages} plain pages {seconds:8.2f} s")
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=_scales, default=_scales(DEFAULT_SCALES),
                        help=f"comma-separated: demo and record counts (default "
                             f"{DEFAULT_SCALES}); e.g. --scales demo,500 for a quick run")
    parser.add_argument("--skip-site", action="store_true", help="validation figures only")
    parser.add_argument("--leaflet-sample", type=int, default=LEAFLET_SAMPLE, metavar="N",
                        help="above N municipalities render the leaflets of N of them and "
                             f"extrapolate (default {LEAFLET_SAMPLE})")
    parser.add_argument("--no-search", action="store_true",
                        help="no first-query figure (it needs Chromium)")
    parser.add_argument("--no-serve", action="store_true",
                        help="no serve figure (bench_serve: a real serve and Chromium)")
    args = parser.parse_args(argv)
    for scale in args.scales:
        with tempfile.TemporaryDirectory(prefix="digituki-bench-") as name:
            if args.skip_site:
                data = _prepare(Path(name), scale)
                bench_validate(data, scale, os.cpu_count() or 1)
                bench_validate_cached(data, scale, Path(name) / "validation-cache")
            else:
                bench_scale(scale, Path(name), args.leaflet_sample, not args.no_search)
    print("target: 5,000 records loaded and validated in <= 5 s")
    if not (args.skip_site or args.no_serve):
        from .bench_serve import bench_serve   # starts serve and Chromium
        bench_serve(generate_national, TODAY, [s if s == "demo" else int(s) for s in args.scales])


if __name__ == "__main__":
    main()
