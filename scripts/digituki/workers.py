"""Work spread over forked worker processes, for the site and leaflet builds."""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, TypeVar, cast

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")

# What the workers share, set before they fork: they inherit it instead of receiving a
# pickled copy of the whole model with every task.
_SHARED: object = None


def _call(task: tuple[Callable[[object, object], object], object]) -> object:
    function, item = task
    return function(_SHARED, item)


def fork_map(function: Callable[[Shared, Item], Result], shared: Shared, items: Iterable[Item],
             workers: int) -> list[Result]:
    """``function(shared, item)`` for every item, in item order, on ``workers`` forked
    processes (in this process when there is one). ``function`` must be a module-level
    function, which a worker finds by name."""
    global _SHARED
    items = list(items)
    if workers <= 1:
        return [function(shared, item) for item in items]
    _SHARED = shared
    try:
        with ProcessPoolExecutor(max_workers=workers,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            tasks = [(function, item) for item in items]
            return cast(list[Result], list(pool.map(_call, tasks)))
    finally:
        _SHARED = None
