"""Benchmarks (``scripts/bench``): print speed figures; never pass or fail.

Load and validation of the national fixture (in one process and on all cores), then the full
site build in three languages against a bare ``mkdocs build`` of as many plain pages, then
the leaflets (``bench_leaflets``: a sample, and the total extrapolated from it).

The national fixture is generated, seeded, so every run measures the same data: 5,000
providers spread over 308 municipalities (Finland's count in 2026) with the field mix of the
demo records: places and remote channels, several services, hours with exceptions.
"""
import argparse
import datetime
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from mkdocs import config as mkdocs_config
from mkdocs.commands import build as mkdocs_build

from digituki.model.build import load_dataset
from digituki.site.build import build_site
from digituki.validate.dataset import REGION_FILE, VOCABULARY_DIR, validate_dataset

from .bench_leaflets import bench_leaflets
from .bench_search import bench_first_query, bench_index

MUNICIPALITIES = 308
TODAY = datetime.date(2026, 11, 26)
HOURS = ["Mo-Fr 10:00-19:00; Sa 10:00-15:00; PH off", "Tu 10:00-12:00; PH off",
         "Mo[1] 13:00-15:00; PH off", "We,Fr 09:00-11:30; PH off",
         "Mo-Th 09:00-12:00; Jun-Aug off; PH off", "2027 Jan 14 13:00-15:00"]


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
    return {"id": f"service-{i}", "name": _text(rng, "Digiopastus"),
            "description": _text(rng, "Autamme **puhelimen** kanssa"),
            "topics": rng.sample(["smartphone", "computer", "email", "online-banking",
                                  "suomi-fi", "omakanta", "scams"], 3),
            "forms": [rng.choice(["drop-in", "appointment", "peer-tutoring", "course"])],
            "target_groups": ["seniors"], "languages": ["fi", "sv"],
            "cost": {"free": True}, "booking": {"need": "none"},
            "bring": _text(rng, "Oma puhelin"), "not_covered": _text(rng, "Emme asioi"),
            "at": [{"point": p["id"], "hours": rng.choice(HOURS)} for p in points]}


def provider(rng: random.Random, index: int, codes: list[str]) -> dict:
    points = [_point(rng, i, codes) for i in range(rng.randint(1, 3))]
    return {"id": f"provider-{index:05d}", "name": _text(rng, "Kirjasto"),
            "type": rng.choice(["library", "association", "municipality", "parish"]),
            "website": f"https://p{index}.example.org/",
            "contact": {"phone": _phone(rng), "email": f"info{index}@example.org"},
            "maintainers": [f"maintainer-{index % 97}"],
            "verified": {"date": "2026-10-01", "method": "phone", "by": "Bench"},
            "service_points": points,
            "services": [_service(rng, i, points) for i in range(rng.randint(1, 3))]}


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


def bench_validate(data: Path, providers: int, workers: int) -> None:
    started = time.perf_counter()
    result = validate_dataset(data, TODAY, workers=workers)
    seconds = time.perf_counter() - started
    print(f"load+validate  {providers:>6} records  {workers} process(es)  {seconds:6.2f} s  "
          f"{providers / seconds:6.0f} records/s  ({len(result.problems)} problems)")


def bench_site(data: Path, out: Path, providers: int) -> tuple[int, float]:
    dataset, _ = load_dataset(data, TODAY)
    started = time.perf_counter()
    pages = build_site(dataset, out)
    seconds = time.perf_counter() - started
    print(f"site build     {providers:>6} records  {pages} pages  {seconds:6.2f} s  "
          f"{pages / seconds:6.0f} pages/s")
    return pages, seconds


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
    print(f"bare mkdocs             {pages} pages  {seconds:6.2f} s  {pages / seconds:6.0f} pages/s")
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument("--providers", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--skip-site", action="store_true", help="validation figures only")
    args = parser.parse_args(argv)
    site_seconds = {}
    for count in args.providers:
        with tempfile.TemporaryDirectory(prefix="digituki-bench-") as folder:
            data = Path(folder) / "providers"
            data.mkdir()
            generate_national(data, count)
            for workers in sorted({1, os.cpu_count() or 1}):
                bench_validate(data, count, workers)
            if args.skip_site:
                continue
            pages, seconds = bench_site(data, Path(folder) / "site", count)
            bench_index(Path(folder) / "site")
            bench_first_query(Path(folder) / "site", "fi", "verkkopankki")
            bare = bench_bare_mkdocs(Path(folder) / "bare", pages)
            site_seconds[count] = seconds
            print(f"ratio to the bare build: {seconds / bare:.2f} (target <= 1.5)")
            bench_leaflets(data, Path(folder) / "leaflets", count, TODAY)
    print("target: 5,000 records loaded and validated in <= 5 s")
    if len(site_seconds) == 2:
        (small, a), (large, b) = sorted(site_seconds.items())
        print(f"site build {large} vs {small} records: {b / a:.1f}x "
              f"(linear would be {large / small:.0f}x; target <= 11x for 5,000 vs 500)")


if __name__ == "__main__":
    main()
