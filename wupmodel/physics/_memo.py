"""Memoisation of quantities that depend on the parameters only (climate profiles, tables).

A result is kept per *the values it read*: the first call records which parameter ids and
tables the function reads (through :class:`_Reading`), and later calls with a Params whose values
of those ids are equal (the same tables) get the same result. A sweep over the PV yield thus
computes the heat-pump tables once, not once per sample. A function that reads a Params as a
whole (its ``values`` mapping) or reads nothing through it is kept per Params object, as before.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from wupmodel.params import Params

T = TypeVar("T")

_MAX_ENTRIES = 8  # a few parameter sets alive at a time (e.g. a sensitivity sample)


class _Reading:
    """A Params read through: which ids (``[key]``) and tables (``.table``) are read, and
    whether anything else was (``whole``). Reads pass on to the Params it wraps (itself perhaps
    a reading of an enclosing memoised function)."""

    __slots__ = ("_inner", "keys", "names", "whole")

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.keys: set[str] = set()
        self.names: set[str] = set()
        self.whole = False

    def __getitem__(self, key: str) -> float:
        self.keys.add(key)
        return self._inner[key]

    def table(self, name: str):
        self.names.add(name)
        return self._inner.table(name)

    def __getattr__(self, attr: str):
        self.whole = True
        if isinstance(self._inner, _Reading):
            self._inner.whole = True
        return getattr(self._inner, attr)


def _base(params: Any) -> Params:
    """The Params under any readings."""
    while isinstance(params, _Reading):
        params = params._inner
    return params


def per_params(fn: Callable[[Params], T]) -> Callable[[Params], T]:
    """Cache ``fn(params)`` per the values of the parameters it reads (module docstring).

    Packaged tables must not be mutated, so their mapping's identity pins them; the entry keeps
    it alive, so its id cannot be reused while cached. Results are shared: callers must not
    modify them (NumPy arrays in them should be made read-only by ``fn``).
    """
    memo: dict[tuple, tuple[object, T]] = {}
    signatures: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    lock = threading.Lock()

    def store(key: tuple, keep: object, result: T) -> None:
        with lock:
            if len(memo) >= _MAX_ENTRIES:
                memo.pop(next(iter(memo)))
            memo[key] = (keep, result)

    @functools.wraps(fn)
    def wrapper(params: Params) -> T:
        base = _base(params)
        tables = base.tables
        for sig in signatures:
            key = (sig, tuple(params[k] for k in sig[0]), id(tables))
            for name in sig[1]:
                params.table(name)  # an enclosing reading records the tables too
            hit = memo.get(key)
            if hit is not None and hit[0] is tables:
                return hit[1]
        by_object = ("object", id(base.values), id(tables))
        hit = memo.get(by_object)
        if hit is not None and hit[0][0] is base.values and hit[0][1] is tables:  # type: ignore[index]
            return hit[1]
        reading = _Reading(params)
        result = fn(reading)  # type: ignore[arg-type]
        if reading.whole or not (reading.keys or reading.names):
            if isinstance(params, _Reading):
                params.whole = True
            store(by_object, (base.values, tables), result)
            return result
        sig = (tuple(sorted(reading.keys)), tuple(sorted(reading.names)))
        with lock:
            if sig not in signatures:
                signatures.append(sig)
        store((sig, tuple(base[k] for k in sig[0]), id(tables)), tables, result)
        return result

    def cache_clear() -> None:
        memo.clear()
        signatures.clear()

    wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
    return wrapper
