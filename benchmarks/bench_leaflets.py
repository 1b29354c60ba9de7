"""Leaflet figures for ``scripts/bench``: seconds for the leaflets clean (nothing in the cache)
and cached (nothing changed: every file copied from the cache), and the totals extrapolated
from a sample (every leaflet of 308 municipalities would take too long to measure each run).

The sample: every file (posters, booklets, the folded booklet) of the first 8 municipalities
in Finnish, on all cores, into a fresh cache, then the same again from it. Then the region's
booklet in Finnish, normal size, in one process. The region's booklet lists every place of
the region, so at national scale it is a book of thousands of pages; it is measured only up
to REGION_LIMIT providers.
"""
import dataclasses
import os
import subprocess
import tempfile
import time
from pathlib import Path

from digituki.leaflets import write_leaflets
from digituki.leaflets.content import region_leaflet
from digituki.model.build import load_dataset
from digituki.outputcache import OutputCache
from digituki.present.names import slug

SAMPLE = 8
REGION_LIMIT = 500


def _pages(pdf: Path) -> str:
    try:
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return "?"
    return next((line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")), "?")


def bench_leaflets(data: Path, out: Path, providers: int, today) -> None:
    dataset, _ = load_dataset(data, today)
    languages = tuple(dataset.region.languages)
    finnish = dataclasses.replace(dataset, region=dataclasses.replace(dataset.region,
                                                                      languages=("fi",)))
    codes = dataset.region.municipalities
    sample = [slug(dataset.term("municipalities", code).name.fi) for code in codes[:SAMPLE]]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="digituki-leaflet-cache-") as folder:
        cache = OutputCache(Path(folder))
        timings = []
        for state in ("clean", "cached"):
            started = time.perf_counter()
            run = write_leaflets(finnish, out, only=sample, cache=cache)
            timings.append((state, time.perf_counter() - started, run))
    files = len(timings[0][2].paths)
    count = files * len(codes) // len(sample) * len(languages)
    for state, seconds, run in timings:
        print(f"leaflets {state:7}{providers:>6} records  {files} files (first {len(sample)} "
              f"municipalities, fi) {seconds:6.2f} s on {cores} core(s), {len(run.rendered)} "
              f"rendered; all {count} files of {len(codes)} municipalities x {len(languages)} "
              f"languages ~ {seconds / files * count:,.0f} s (extrapolated)")
    if providers > REGION_LIMIT:
        print(f"  region booklet not measured above {REGION_LIMIT} records (every place of "
              f"the region in one document)")
        return
    from digituki.leaflets.render import BOOKLET, Document, Renderer   # imports WeasyPrint
    renderer = Renderer(dataset)
    started = time.perf_counter()
    pdf = renderer.pdf(Document(BOOKLET, region_leaflet(dataset, "fi"), "fi", False))
    seconds = time.perf_counter() - started
    target = out / "region-sample.pdf"
    target.write_bytes(pdf)
    pages = _pages(target)
    print(f"region booklet {providers:>6} records  fi, normal size, one process  "
          f"{seconds:6.2f} s  {pages} pages"
          + (f"  {seconds / int(pages):5.3f} s per page" if pages.isdigit() else ""))
