"""What an output shows, as cache inputs: one digest of everything every output shares (the
region's settings, the vocabularies and the build date) and one per provider record.

An output that shows some providers is keyed by ``shared`` and those providers' digests, so
a changed record makes again only the outputs that show it (see ``outputcache``). A digest
is a hash of the model's ``repr``, which names every field and value of the frozen
dataclasses (never an address): the same in any process for the same records.
"""
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..outputcache import key, repr_digest
from ..workers import each_kept, kept_for_last
from .build import Dataset
from .classes import Provider


@dataclass(frozen=True)
class ModelDigests:
    shared: str                     # region settings, vocabularies and build date
    providers: Mapping[str, str]    # provider id -> digest of its record's model
    whole: str                      # all of it: every output of the dataset changes with it

    def shown(self, providers: Iterable[Provider]) -> str:
        """The input of an output that shows these providers (in any order)."""
        return " ".join(sorted(self.providers[p.id] for p in providers))


def _provider_digest(_: None, provider: Provider) -> str:
    return repr_digest(provider)


# In the preview, a record that did not change keeps its model object and so its digest.
_provider_digests = each_kept(_provider_digest)


@kept_for_last
def model_digests(dataset: Dataset) -> ModelDigests:
    """The digests of a dataset's parts. The last one is kept: every output of a build asks."""
    shared = repr_digest((dataset.region, dataset.vocabularies, dataset.today.isoformat()))
    providers = dict(zip((p.id for p in dataset.providers),
                         _provider_digests(None, dataset.providers)))
    return ModelDigests(shared, providers, key({"shared": shared, "providers": "\n".join(
        f"{provider} {digest}" for provider, digest in providers.items())}))
