"""Identical dwellings collapsed into counted groups, and back.

:func:`group_stock` collapses identical dwellings into groups with a summed ``count`` (for the
optimiser), and returns the row -> group mapping to expand results again.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

# --------------------------------------------------------------------------------------------
# grouping


def group_stock(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Collapse identical dwellings into groups with a summed ``count``.

    Two rows are identical when every column except ``dwelling_id`` and ``count`` is equal
    (missing equals missing). Vectorised: each column is factorised to integer codes (missing
    gets its own code), the code columns are packed into one integer key per row
    (:func:`_row_keys`) and the keys are factorised in order of first appearance.

    Parameters
    ----------
    frame
        A validated stock (:func:`validate_stock`); a missing ``count`` column means 1 each.

    Returns
    -------
    groups, mapping
        ``groups``: one row per group in order of first appearance, with the attribute columns
        of its members, ``count`` = sum of the members' counts, ``group_id`` (0..G-1, first
        column) and ``dwelling_id`` ``"group-00001"``...; a valid stock itself.
        ``mapping``: int64 array, ``mapping[i]`` is the ``group_id`` of input row ``i``.
    """
    n = len(frame)
    counts = (
        frame["count"].to_numpy(dtype=np.int64)
        if "count" in frame.columns
        else np.ones(n, dtype=np.int64)
    )
    keys = [c for c in frame.columns if c not in ("dwelling_id", "count", "group_id")]
    if n == 0:
        empty = frame.iloc[:0].copy()
        empty.insert(0, "group_id", pd.Series(dtype=np.int64))
        return empty, np.zeros(0, dtype=np.int64)
    # factorize without sorting numbers the keys in order of first appearance: these are the
    # group ids, and a row starts a new group exactly where its id exceeds all earlier ids.
    mapping = pd.factorize(_row_keys(frame, keys), sort=False)[0].astype(np.int64, copy=False)
    is_first = np.empty(n, dtype=bool)
    is_first[0] = True
    np.greater(mapping[1:], np.maximum.accumulate(mapping)[:-1], out=is_first[1:])
    firsts = np.flatnonzero(is_first)
    n_groups = firsts.size
    groups = frame.iloc[firsts].reset_index(drop=True)  # take + reset_index copy the data
    groups["count"] = np.bincount(mapping, weights=counts, minlength=n_groups).astype(np.int64)
    groups["dwelling_id"] = _group_ids(n_groups)
    groups.insert(0, "group_id", np.arange(n_groups, dtype=np.int64))
    groups.attrs = dict(frame.attrs)
    return groups, mapping


def _row_keys(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """One int64 per row, equal for two rows exactly when all ``columns`` are equal.

    Each column's codes (missing = its own code) are packed into the key in mixed radix; when
    the next column would overflow int64, the key so far is re-factorised to 0..K-1 first
    (K <= rows), so any number of columns fits.
    """
    n = len(frame)
    key = np.zeros(n, dtype=np.int64)
    size = 1  # the key is in 0..size-1
    for col in columns:
        s = frame[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            codes = s.cat.codes.to_numpy(dtype=np.int64) + 1  # missing (-1) -> 0
            card = len(s.cat.categories) + 1
        else:
            codes, uniques = pd.factorize(s, use_na_sentinel=False)
            codes = codes.astype(np.int64, copy=False)
            card = max(len(uniques), 1)
        if size * card >= 2**62:
            key, uniques = pd.factorize(key, sort=False)
            key = key.astype(np.int64, copy=False)
            size = max(len(uniques), 1)
        key *= card
        key += codes
        size *= card
    return key


def _group_ids(n_groups: int) -> list[str]:
    """``"group-00001"``, ... (at least five digits), built without a Python loop over groups."""
    width = max(5, len(str(n_groups)))
    # ASCII text "group-00001\ngroup-00002\n..." as a (groups, line) byte table, split once.
    line = np.empty((n_groups, 7 + width), dtype=np.uint8)
    line[:, :6] = np.frombuffer(b"group-", dtype=np.uint8)
    line[:, -1] = ord("\n")
    rest = np.arange(1, n_groups + 1, dtype=np.int64)
    for j in range(5 + width, 5, -1):  # digits, least significant first
        line[:, j] = rest % 10 + ord("0")
        rest //= 10
    return line.tobytes().decode("ascii").split("\n")[:-1]
