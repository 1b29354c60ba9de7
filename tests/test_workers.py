"""What forked workers inherit, computed once: results kept for the same objects; and the
cycle collector's setting during a build."""
import gc
import weakref

from digituki.workers import (NO_FULL_COLLECTIONS, collect_long_lived, each_kept, fork_map,
                              kept_for_last, long_lived_held)


def test_a_result_is_kept_for_the_very_object_of_the_last_call_only():
    calls = []
    square = kept_for_last(lambda numbers: calls.append(numbers) or sum(n * n for n in numbers))
    first = [1, 2]
    assert (square(first), square(first)) == (5, 5)
    assert square([1, 2]) == 5            # equal, not the same: worked out again
    assert square(first) == 5             # no longer the last one
    assert len(calls) == 3


def test_each_item_keeps_its_result_while_it_is_the_same_object_and_the_context_equal():
    calls = []
    scaled = each_kept(lambda factor, item: calls.append(item["n"]) or item["n"] * factor)
    a, b, c = {"n": 1}, {"n": 2}, {"n": 3}
    assert scaled(10, [a, b, c]) == [10, 20, 30]
    assert scaled(10, [a, {"n": 2}, c, a]) == [10, 20, 30, 10]   # b made anew, a listed twice
    assert calls == [1, 2, 3, 2]
    assert scaled(100, [a]) == [100]      # another context: worked out again
    assert scaled(100, [c]) == [300]      # c was not among the last call's items
    assert calls == [1, 2, 3, 2, 1, 3]


def _third_threshold(_shared: None, _item: int) -> int:
    return gc.get_threshold()[2]


def _frozen(_shared: None, _item: int) -> int:
    return gc.get_freeze_count()


def test_a_worker_never_scans_what_it_inherited_for_cycles():
    assert gc.get_freeze_count() == 0
    assert all(count > 1000 for count in fork_map(_frozen, None, [1, 2], 2))
    assert gc.get_freeze_count() == 0   # this process's collector is as it was


def test_workers_without_full_collections_make_none_and_this_process_is_left_as_it_was():
    before = gc.get_threshold()
    assert fork_map(_third_threshold, None, [1, 2], 2, full_collections=False) \
        == [NO_FULL_COLLECTIONS] * 2
    assert fork_map(_third_threshold, None, [1, 2], 2) == [before[2]] * 2
    # in this process (one worker) nothing changes: it may live on (the preview)
    assert fork_map(_third_threshold, None, [1], 1, full_collections=False) == [before[2]]
    assert gc.get_threshold() == before


def test_a_build_command_holds_what_it_has_out_of_the_collector_then_leaves_it_as_it_was():
    assert gc.get_freeze_count() == 0
    with long_lived_held():
        assert gc.get_freeze_count() > 1000
    assert gc.get_freeze_count() == 0


class _Node:
    """An object that can be part of a reference cycle."""
    other: object = None


def test_a_cycle_that_was_frozen_and_is_garbage_now_is_freed_at_a_quiet_moment():
    cycle = _Node()
    cycle.other = cycle
    gone = weakref.ref(cycle)
    with long_lived_held():
        del cycle
        gc.collect()
        assert gone() is not None   # frozen: never scanned
        collect_long_lived()
        assert gone() is None
        assert gc.get_freeze_count() > 1000   # what lives on is frozen again
