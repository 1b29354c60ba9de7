"""Leaflet figures for ``scripts/bench`` when a build's leaflets are too many to render at
every run (above ``--leaflet-sample`` municipalities; at national scale some 4,600 PDFs).

The sample: every document (posters, booklets, the folded booklet, in every language) of the
municipalities the edited record reaches and the first others up to the sample size,
rendered through the cache as a build does, then the region's (measured, not sampled). The
figure for all of them is the region's seconds plus the sample's per municipality times the
municipalities; after the one-record change only the sample's and the region's documents can
have changed, so the others are counted at what each cost in the warm build (copied from the
cache).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from digituki.leaflets import write_leaflets
from digituki.model.build import Dataset
from digituki.model.urls import REGION_LEAFLET
from digituki.outputcache import OutputCache
from digituki.present.names import slug


@dataclass
class LeafletSample:
    """The sampled municipalities of one scale (chosen at the first build), and the warm
    build's seconds per municipality."""

    size: int                    # municipalities in the sample, besides the edited ones
    edited: str                  # the id of the record the one-record change edits
    names: list[str] = field(default_factory=list)   # the sampled municipalities' slugs
    municipalities: int = 0      # in the region
    warm_each: float | None = None

    def _choose(self, dataset: Dataset) -> None:
        codes = list(dataset.region.municipalities)
        reached = next((sorted(p.reached_municipalities()) for p in dataset.providers
                        if p.id == self.edited), [])
        chosen = [code for code in reached if code in codes]
        chosen += [code for code in codes if code not in chosen][:max(0, self.size - len(chosen))]
        self.names = [slug(dataset.term("municipalities", code).name.fi) for code in chosen]
        self.municipalities = len(codes)

    def build(self, dataset: Dataset, out: Path, cache: OutputCache, state: str
              ) -> tuple[dict[str, tuple[int, int]], str, float]:
        """(files for the pages' links, what was done, seconds for all leaflets): the
        region's measured, the municipalities' extrapolated from the sample's."""
        if not self.names:
            self._choose(dataset)
        started = time.perf_counter()
        write_leaflets(dataset, out, only=[], cache=cache)   # what every call costs once
        once = time.perf_counter() - started
        started = time.perf_counter()
        sampled = write_leaflets(dataset, out, only=self.names, cache=cache)
        middle = time.perf_counter()
        region = write_leaflets(dataset, out, only=[REGION_LEAFLET], cache=cache)
        ended = time.perf_counter()
        each = max(0.0, middle - started - once) / len(self.names)
        others = self.municipalities - len(self.names)
        if state == "one record" and self.warm_each is not None:
            total = ended - started + others * self.warm_each
            how = f"the sample + {others} x the warm build's {self.warm_each:.2f} s"
        else:
            total = ended - middle + each * self.municipalities
            how = f"region + {self.municipalities} x {each:.2f} s"
        if state == "warm build":
            self.warm_each = each
        rendered = len(sampled.rendered) + len(region.rendered)
        text = (f"sample of {len(self.names)} municipalities {middle - started:.2f} s, region "
                f"{ended - middle:.2f} s, {rendered} rendered; all ~ {total:.0f} s "
                f"(extrapolated: {how})")
        return {**sampled.files(), **region.files()}, text, total
