"""Leaflet figures for ``scripts/bench``: seconds per leaflet, and the total extrapolated
from a sample (every leaflet of 308 municipalities would take too long to measure each run).

The sample: the first 20 municipalities in Finnish, normal and large print, on all cores;
then the region's leaflet in Finnish, normal size, in one process. The region's leaflet
lists every place of the region, so at national scale it is a book of thousands of pages;
it is measured only up to REGION_LIMIT providers.
"""
import dataclasses
import os
import subprocess
import time
from pathlib import Path

from digituki.leaflets import write_leaflets
from digituki.leaflets.content import region_leaflet
from digituki.model.build import load_dataset
from digituki.present.names import slug

SAMPLE = 20
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
    started = time.perf_counter()
    written = write_leaflets(finnish, out, only=sample)
    seconds = time.perf_counter() - started
    per = seconds / len(written)
    print(f"leaflets       {providers:>6} records  {len(written)} leaflets (first {len(sample)} "
          f"municipalities, fi, normal + large) {seconds:6.2f} s on {cores} core(s)  "
          f"{per:5.2f} s per leaflet, {per * cores:5.2f} s of one core")
    count = len(codes) * len(languages) * 2
    print(f"  extrapolated from that sample, not measured: all {len(codes)} municipalities x "
          f"{len(languages)} languages x 2 sizes = {count} leaflets ~ {count * per:,.0f} s "
          f"on {cores} core(s)")
    if providers > REGION_LIMIT:
        print(f"  region leaflet not measured above {REGION_LIMIT} records (every place of "
              f"the region in one document)")
        return
    from digituki.leaflets.render import Renderer   # imports WeasyPrint
    renderer = Renderer(dataset)
    started = time.perf_counter()
    pdf = renderer.pdf(region_leaflet(dataset, "fi"), "fi", large=False)
    seconds = time.perf_counter() - started
    target = out / "region-sample.pdf"
    target.write_bytes(pdf)
    pages = _pages(target)
    print(f"region leaflet {providers:>6} records  fi, normal size, one process  "
          f"{seconds:6.2f} s  {pages} pages"
          + (f"  {seconds / int(pages):5.3f} s per page" if pages.isdigit() else ""))
