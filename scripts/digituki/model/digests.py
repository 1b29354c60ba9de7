"""What an output shows, as cache inputs: one digest of everything every output shares (the
region's settings, the vocabularies and the build date) and one per provider record.

An output that shows some providers is keyed by ``shared`` and those providers' digests, so
a changed record makes again only the outputs that show it (see ``outputcache``). A digest
is a hash of the model's ``repr``, which names every field and value of the frozen
dataclasses (never an address): the same in any process for the same records.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..outputcache import repr_digest
from ..workers import kept_for_last
from .build import Dataset
from .classes import Provider


@dataclass(frozen=True)
class ModelDigests:
    shared: str                     # region settings, vocabularies and build date
    providers: Mapping[str, str]    # provider id -> digest of its record's model

    def shown(self, providers: Iterable[Provider]) -> str:
        """The input of an output that shows these providers (in any order)."""
        return " ".join(sorted(self.providers[p.id] for p in providers))


@kept_for_last
def model_digests(dataset: Dataset) -> ModelDigests:
    """The digests of a dataset's parts. The last one is kept: every output of a build asks."""
    return ModelDigests(
        repr_digest((dataset.region, dataset.vocabularies, dataset.today.isoformat())),
        {p.id: repr_digest(p) for p in dataset.providers})
