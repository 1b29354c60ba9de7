"""Work spread over forked worker processes, for the site and leaflet builds, with the cycle
collector kept from scanning what they inherit and hold (``_worker_start``), and what they
inherit computed once (``kept_for_last``)."""
import functools
import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar, cast

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
             workers: int, full_collections: bool = True) -> list[Result]:
    """``function(shared, item)`` for every item, in item order, on ``workers`` forked
    processes (in this process when there is one). ``function`` must be a module-level
    function, which a worker finds by name. A worker's cycle collector leaves alone what it
    inherited (``gc.freeze``: the model, the loaded code): at national scale each of its full
    collections scanned the whole model, a fifth of a leaflet's rendering time. Without
    ``full_collections`` a worker makes none (``_worker_start``)."""
    global _SHARED
    items = list(items)
    if workers <= 1:
        return [function(shared, item) for item in items]
    _SHARED = shared
    try:
        with ProcessPoolExecutor(max_workers=workers,
                                 mp_context=multiprocessing.get_context("fork"),
                                 initializer=_worker_start, initargs=(full_collections,)
                                 ) as pool:
            tasks = [(function, item) for item in items]
            return cast(list[Result], list(pool.map(_call, tasks)))
    finally:
        _SHARED = None


# Python's third threshold: full collections only after this many second-generation ones.
NO_FULL_COLLECTIONS = 1_000_000_000


def _worker_start(full_collections: bool) -> None:
    """A worker's cycle collector: what it inherited frozen, and without
    ``full_collections`` none made. A language's pages build holds millions of long-lived
    objects (every page's source and key), and each full collection scanned them all to
    free almost nothing: at national scale a one-record pages build made five, about 6 of
    its 30 processor seconds. The young generations are still collected, which frees what
    a page's rendering leaves in cycles (of the demo's 78,000 such objects, 10,000 are left),
    and the worker ends with the build. Never in a process that lives on: the full
    collection put off then scans all it holds at once (done around the preview's pages
    build at national scale, the reload waited 8-10 s after the pages were built instead of
    1-2 s); nor in a leaflet worker: WeasyPrint's documents leave cycles, and with
    full collections paused a worker grew by about 25 MB per municipality's two posters
    at national scale."""
    gc.freeze()
    if not full_collections:
        thresholds = gc.get_threshold()
        gc.set_threshold(thresholds[0], thresholds[1], NO_FULL_COLLECTIONS)


def hold_long_lived() -> None:
    """Leave what this process holds now out of its cycle collector's scans
    (``gc.freeze``), in a process that goes on holding it: the model and what the preview
    keeps between saves. The model makes no reference cycles (a dataset dropped leaves
    none to collect), so a frozen object that is dropped later is still freed. At national
    scale every full collection in the process that forks the languages scanned it all,
    about 1.3 s, and a pages build made two or three of them before and after its
    languages' processes (most while it read what the privacy check knows)."""
    gc.freeze()


def collect_long_lived() -> None:
    """Scan once what ``hold_long_lived`` froze (``gc.collect``), then freeze it again: for
    a process that freezes at every save, at a quiet moment. What was frozen while part of
    a reference cycle that is garbage now (a failed build's traceback, which holds its
    dataset) is freed then, not kept for the rest of the session."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


@contextmanager
def long_lived_held() -> Iterator[None]:
    """``hold_long_lived`` for the length of a command (a build), then the collector as it
    was before (with nothing frozen: it must be the outermost freeze): what the process
    made meanwhile is scanned again."""
    hold_long_lived()
    try:
        yield
    finally:
        gc.unfreeze()


Argument = TypeVar("Argument")


def kept_for_last(function: Callable[[Argument], Result]) -> Callable[[Argument], Result]:
    """``function`` keeping its result for the last argument it was given (that very object,
    not an equal one): what every language's process asks of a dataset is computed once,
    in the process that forks them, and inherited; the preview's next save is a new
    dataset."""
    last: list[tuple[Argument, Result]] = []

    @functools.wraps(function)
    def kept(argument: Argument) -> Result:
        if not last or last[0][0] is not argument:
            last[:] = [(argument, function(argument))]
        return last[0][1]
    return kept


Context = TypeVar("Context")


def each_kept(function: Callable[[Context, Item], Result]
              ) -> Callable[[Context, Iterable[Item]], list[Result]]:
    """``function(context, item)`` for every item, where an item that is the very object of
    the last call's items, with an equal context, keeps its result. The preview makes a new
    model after a save only for the records that changed (the others stay the same
    objects), so at national scale what is worked out per record is worked out again only
    for those. The results are shared between calls: they must not be changed."""
    last: list[Context] = []
    kept: dict[int, tuple[Item, Result]] = {}

    def each(context: Context, items: Iterable[Item]) -> list[Result]:
        if last != [context]:
            last[:] = [context]
            kept.clear()
        now: dict[int, tuple[Item, Result]] = {}
        results = []
        for item in items:
            known = kept.get(id(item))
            if known is None or known[0] is not item:
                known = (item, function(context, item))
            now[id(item)] = known
            results.append(known[1])
        kept.clear()
        kept.update(now)
        return results
    return each
