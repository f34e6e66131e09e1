"""The optimisation model's building blocks: sparse rows, the dwelling cells and the columns.

Shared by :mod:`wupmodel.optimise.build` and :mod:`wupmodel.optimise.build_grid`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

__all__ = ["Rows", "Cells", "Columns", "zone_codes", "positions", "INF"]

INF = np.inf


@dataclass
class Rows:
    """Accumulates COO triplets and row metadata."""

    rows: list[np.ndarray] = field(default_factory=list)
    cols: list[np.ndarray] = field(default_factory=list)
    vals: list[np.ndarray] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    def add(
        self,
        cols: np.ndarray,
        vals: np.ndarray,
        lower: float,
        upper: float,
        name: str,
        kind: str,
    ) -> int:
        """Append one row; returns its index."""
        i = len(self.names)
        cols = np.asarray(cols, dtype=np.int64)
        self.rows.append(np.full(cols.size, i, dtype=np.int64))
        self.cols.append(cols)
        self.vals.append(np.asarray(vals, dtype=float))
        self.lower.append(lower)
        self.upper.append(upper)
        self.names.append(name)
        self.kinds.append(kind)
        return i

    def add_block(
        self,
        row_of: np.ndarray,
        cols: np.ndarray,
        vals: np.ndarray,
        n_new: int,
        lower: np.ndarray,
        upper: np.ndarray,
        names: list[str],
        kind: str,
    ) -> int:
        """Append ``n_new`` rows at once; ``row_of`` gives each triplet's row within the block."""
        first = len(self.names)
        self.rows.append(first + np.asarray(row_of, dtype=np.int64))
        self.cols.append(np.asarray(cols, dtype=np.int64))
        self.vals.append(np.asarray(vals, dtype=float))
        self.lower.extend(np.broadcast_to(lower, (n_new,)).tolist())
        self.upper.extend(np.broadcast_to(upper, (n_new,)).tolist())
        self.names.extend(names)
        self.kinds.extend([kind] * n_new)
        return first

    def matrix(self, n_cols: int) -> sp.csr_matrix:
        """The rows as a CSR matrix with explicit zeros dropped."""
        n_rows = len(self.names)
        if self.rows:
            r = np.concatenate(self.rows)
            c = np.concatenate(self.cols)
            v = np.concatenate(self.vals)
        else:
            r = c = np.zeros(0, dtype=np.int64)
            v = np.zeros(0)
        keep = v != 0.0
        A = sp.csr_matrix((v[keep], (r[keep], c[keep])), shape=(n_rows, n_cols))
        A.sum_duplicates()
        A.sort_indices()
        return A


def zone_codes(zones: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique non-empty zone names and each group's code (-1 = no zone)."""
    names, codes = np.unique(zones, return_inverse=True)
    codes = codes.astype(np.int64)
    if names.size and names[0] == "":
        codes = codes - 1
        names = names[1:]
    return names, codes


def positions(codes: np.ndarray, chosen: np.ndarray, n_names: int) -> np.ndarray:
    """Position of each zone code (-1 = no zone) among the ``chosen`` codes; -1 if not chosen."""
    pos = np.full(n_names + 1, -1, dtype=np.int64)  # the last slot answers code -1
    pos[np.asarray(chosen, dtype=np.int64)] = np.arange(len(chosen))
    return pos[codes]


@dataclass(frozen=True)
class Cells:
    """The ``x`` columns: one per allowed (group, option) pair, ordered by group."""

    group: np.ndarray  #: (n_x,) group index of each column
    option: np.ndarray  #: (n_x,) option index of each column
    upper_open: np.ndarray  #: (n_x,) dwellings in the column's group: its bound without limits
    fixed_closed: np.ndarray  #: (n_x,) bool, closed: the group already chose another option

    @property
    def n(self) -> int:
        """Number of ``x`` columns."""
        return int(self.group.size)

    def of(self, figure: np.ndarray) -> np.ndarray:
        """A (G, O) figure per ``x`` column."""
        return np.asarray(figure, dtype=float)[self.group, self.option]


@dataclass(frozen=True)
class Columns:
    """Column layout ``[x | built | reinforced | park]`` with bounds and integrality."""

    n_x: int
    hn_col0: int  #: first ``built`` column
    gr_col0: int  #: first ``reinforced`` column
    gb_col0: int  #: first ``battery`` column
    park_col: int | None
    lower: np.ndarray
    upper: np.ndarray
    integrality: np.ndarray  #: (n_cols,) bool

    @property
    def n(self) -> int:
        """Number of columns."""
        return int(self.lower.size)
