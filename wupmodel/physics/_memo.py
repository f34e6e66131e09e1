"""Memoisation of quantities that depend on the parameters only (climate profiles, tables)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from wupmodel.params import Params

T = TypeVar("T")

_MAX_ENTRIES = 8  # a few Params objects alive at a time (e.g. a sensitivity sample)


def per_params(fn: Callable[[Params], T]) -> Callable[[Params], T]:
    """Cache ``fn(params)`` per Params object (by the identity of its values and tables).

    A Params is immutable and its packaged tables must not be mutated, so the identity of
    ``params.values`` and ``params.tables`` pins the result. The entry keeps both alive, so
    their ids cannot be reused by other objects while cached. Results are shared: callers
    must not modify them (NumPy arrays in them should be made read-only by ``fn``).
    """
    memo: dict[tuple[int, int], tuple[object, object, T]] = {}
    lock = threading.Lock()

    @functools.wraps(fn)
    def wrapper(params: Params) -> T:
        key = (id(params.values), id(params.tables))
        hit = memo.get(key)
        if hit is not None and hit[0] is params.values and hit[1] is params.tables:
            return hit[2]
        result = fn(params)
        with lock:
            if len(memo) >= _MAX_ENTRIES:
                memo.pop(next(iter(memo)))
            memo[key] = (params.values, params.tables, result)
        return result

    wrapper.cache_clear = memo.clear  # type: ignore[attr-defined]
    return wrapper


def per_values(*prefixes: str) -> Callable[[Callable[[Params], T]], Callable[[Params], T]]:
    """Cache ``fn(params)`` per the values of the parameters whose ids start with ``prefixes``
    (and the identity of the packaged tables).

    For results that a few parameters decide but that are asked for with many Params objects
    (each scenario, each sample of a sweep builds its own): two Params with the same values of
    those parameters share the result. ``fn`` must read no other parameter.
    """

    def decorate(fn: Callable[[Params], T]) -> Callable[[Params], T]:
        memo: dict[tuple, tuple[object, T]] = {}
        lock = threading.Lock()

        @functools.wraps(fn)
        def wrapper(params: Params) -> T:
            values = tuple(
                (k, v) for k, v in sorted(params.values.items()) if k.startswith(prefixes)
            )
            key = (id(params.tables), values)
            hit = memo.get(key)
            if hit is not None and hit[0] is params.tables:
                return hit[1]
            result = fn(params)
            with lock:
                if len(memo) >= _MAX_ENTRIES:
                    memo.pop(next(iter(memo)))
                memo[key] = (params.tables, result)
            return result

        wrapper.cache_clear = memo.clear  # type: ignore[attr-defined]
        return wrapper

    return decorate
