"""Village totals without dwelling × option arrays: weighted sums of sums of terms, per chunk.

Used by the money kernel in reduce mode (:func:`wupmodel.money.costs.money_totals`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from wupmodel._arrays import FloatArray


def value_at_reference(
    a: NDArray, rows: NDArray, reference_index: NDArray, column: tuple[int, ...]
) -> NDArray:
    """Each row's value at its reference option of a full-size ``(n, *option_shape)`` array.

    ``reference_index`` is the flat option index per row; the result has shape ``column``
    (``(n, 1, ...)``, so that it broadcasts over the options).
    """
    return a.reshape(rows.size, -1)[rows, reference_index].reshape(column)


def value_at_reference_cell(
    a: NDArray, rows: NDArray, reference_cell: tuple[NDArray, ...]
) -> NDArray:
    """Each row's value at its reference cell of an array broadcastable over the option axes.

    ``a`` is ``(1 | n, *option dims of 1 or full)``; ``reference_cell`` the reference's index
    on each option axis. Returns ``(n,)``.
    """
    idx = [rows if a.shape[0] > 1 else 0]
    idx += [cell if a.shape[1 + i] > 1 else 0 for i, cell in enumerate(reference_cell)]
    return np.broadcast_to(a[tuple(idx)], rows.shape)


class Reducer:
    """Weighted sums over the dwellings of one chunk, per option, of sums of terms.

    ``w @ sum(coef * array)`` is computed term by term without forming the sum; the weighted
    sum of each array (and each array's value at the reference option) is computed once per
    chunk and reused by every output that contains it (the same gas use enters the bill, the
    life-cycle cost and the national cost with different prices).
    """

    def __init__(
        self, w: NDArray, rows: NDArray, ref: NDArray, ref_cell: tuple, full: tuple[int, ...]
    ) -> None:
        self.w, self.rows, self.ref, self.ref_cell, self.full = w, rows, ref, ref_cell, full
        self.opt = full[1:]
        # one reference option for every dwelling (the usual case): plain slices, no gathers
        self.one_ref = (
            tuple(int(cell[0]) for cell in ref_cell)
            if ref.size and ref.min() == ref.max()
            else None
        )
        self._sums: dict[tuple[int, int], tuple] = {}
        self._products: dict[tuple[int, int], tuple] = {}
        self._lists: dict[tuple[str, int], tuple] = {}  # keep each list alive: its id is the key
        self._refs: dict[int, tuple] = {}

    def _sum(self, a: NDArray, col: NDArray | None) -> NDArray:
        """``(w * col) @ a`` over the dwellings, shaped like ``a`` without its first axis."""
        key = (id(a), id(col))
        if key not in self._sums:
            ww = self.w if col is None else self.w * col.reshape(-1)
            if a.shape[0] > 1:
                t = (ww @ a.reshape(a.shape[0], -1)).reshape(a.shape[1:])
            else:
                t = a.reshape(a.shape[1:]) * ww.sum()
            self._sums[key] = (t, a, col)  # keep a and col alive: their ids are the key
        return self._sums[key][0]

    def totals(self, terms: list[tuple]) -> FloatArray:
        """``w @ sum(coef * array)`` per option, (n_options,) (cached per list of terms)."""
        key = ("totals", id(terms))
        if key not in self._lists:
            self._lists[key] = (self._totals(terms), terms)
        return self._lists[key][0]

    def _totals(self, terms: list[tuple]) -> FloatArray:
        total = np.zeros(self.opt)
        for term in terms:
            coef, a = term[0], term[1]
            part = total if len(term) == 2 else total[term[2]]  # a block of the first option axis
            c = coef if isinstance(coef, np.ndarray) else np.asarray(coef, dtype=float)
            if (
                c.ndim == 0 or c.shape[0] == 1
            ):  # the same for every dwelling: sum(w c a) = c sum(w a)
                part += c.reshape(c.shape[1:] if c.ndim else ()) * self._sum(a, None)
            elif all(d == 1 for d in c.shape[1:]):  # per dwelling: joins the weights
                part += self._sum(a, c)
            else:  # per dwelling and option: multiply into the (small) array first
                key = (id(a), id(c))
                if key not in self._products:
                    self._products[key] = (self._sum(a * c, None), a, c)
                part += self._products[key][0]
        return total.ravel()

    def _at_ref(self, a: NDArray) -> NDArray:
        """Each dwelling's value of ``a`` at its reference option, (n,) (or a scalar)."""
        key = id(a)
        if key not in self._refs:
            original, a = a, np.asarray(a)
            a = a.reshape(a.shape + (1,) * (len(self.full) - a.ndim))
            if self.one_ref is not None:
                value = a[
                    (slice(None),)
                    + tuple(
                        i if d > 1 else 0 for i, d in zip(self.one_ref, a.shape[1:], strict=True)
                    )
                ]
            elif a.shape == self.full:
                value = value_at_reference(
                    a, self.rows, self.ref, (self.rows.size,) + (1,) * len(self.opt)
                ).reshape(-1)
            else:
                value = value_at_reference_cell(a, self.rows, self.ref_cell)
            self._refs[key] = (value, original)  # keep the array alive: its id is the key
        return self._refs[key][0]

    def at_reference(self, terms: list[tuple]) -> float:
        """``w @`` each dwelling's value of ``sum(coef * array)`` at its reference option.

        Cached per list of terms.
        """
        key = ("at_reference", id(terms))
        if key not in self._lists:
            self._lists[key] = (self._at_reference(terms), terms)
        return self._lists[key][0]

    def _at_reference(self, terms: list[tuple]) -> float:
        value = np.zeros(self.rows.size)
        for term in terms:
            coef, a = term[0], term[1]
            c = coef if np.ndim(coef) == 0 else self._at_ref(coef)
            if len(term) == 2:
                value += c * self._at_ref(a)
                continue
            sl = term[2]  # the term covers a block of the first option axis only
            if self.one_ref is not None:
                r0 = self.one_ref[0]
                if sl.start <= r0 < sl.stop:
                    local = (r0 - sl.start,) + self.one_ref[1:]
                    index = tuple(
                        i if d > 1 else 0 for i, d in zip(local, a.shape[1:], strict=True)
                    )
                    value += c * a[(slice(None),) + index]
                continue
            first = self.ref_cell[0]
            inside = (first >= sl.start) & (first < sl.stop)
            if not inside.any():
                continue
            local = (np.clip(first - sl.start, 0, sl.stop - sl.start - 1),) + tuple(
                self.ref_cell[1:]
            )
            a_ref = value_at_reference_cell(
                a,
                self.rows,
                tuple(i if d > 1 else 0 for i, d in zip(local, a.shape[1:], strict=True)),
            )
            value += np.where(inside, c * a_ref, 0.0)
        return float(self.w @ value)
