"""Leaflet figures for ``scripts/bench`` when a build's leaflets are too many to render at
every run (above ``--leaflet-sample`` municipalities; at national scale some 4,600 PDFs).

The sample: every document (posters, booklets, the folded booklet, in every language) of the
municipalities the edited record reaches, the first others up to the sample size, and the
region, rendered through the cache as a build does. The figure for all of them is the
sample's seconds times (municipalities + 1) / (sampled municipalities + 1); after the one-record
change only the sample's documents can have changed, so the others are counted at what each
cost in the warm build (copied from the cache).
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
    names: list[str] = field(default_factory=list)   # municipality slugs, then "region"
    units: int = 0               # the region counts as one municipality
    all_units: int = 0
    warm_per_unit: float | None = None

    def _choose(self, dataset: Dataset) -> None:
        codes = list(dataset.region.municipalities)
        reached = next((sorted(p.reached_municipalities()) for p in dataset.providers
                        if p.id == self.edited), [])
        chosen = [code for code in reached if code in codes]
        chosen += [code for code in codes if code not in chosen][:max(0, self.size - len(chosen))]
        self.names = [*(slug(dataset.term("municipalities", code).name.fi) for code in chosen),
                      REGION_LEAFLET]
        self.units, self.all_units = len(chosen) + 1, len(codes) + 1

    def build(self, dataset: Dataset, out: Path, cache: OutputCache, state: str
              ) -> tuple[dict[str, tuple[int, int]], str, float]:
        """(files for the pages' links, what was done, seconds for all leaflets)."""
        if not self.names:
            self._choose(dataset)
        started = time.perf_counter()
        run = write_leaflets(dataset, out, only=self.names, cache=cache)
        seconds = time.perf_counter() - started
        others = self.all_units - self.units
        if state == "one record" and self.warm_per_unit is not None:
            total = seconds + others * self.warm_per_unit
            how = f"the sample + {others} x the warm build's {self.warm_per_unit:.2f} s"
        else:
            total = seconds * self.all_units / self.units
            how = f"x {self.all_units}/{self.units}"
        if state == "warm build":
            self.warm_per_unit = seconds / self.units
        text = (f"sample of {self.units - 1} municipalities + region: {len(run.paths)} files, "
                f"{len(run.rendered)} rendered, {seconds:.2f} s; all ~ {total:.0f} s "
                f"(extrapolated: {how})")
        return run.files(), text, total
