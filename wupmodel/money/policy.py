"""Policy by year: energy tax, tax credit, ACM heat tariffs, the heat connection fee, the feed-in
floor after net metering and the ISDE rules, per calendar year (``data/policy_by_year.csv``).

The table holds one row per published figure (``series``, ``year``, ``value``, ``unit``,
``source``, ``source_year``) and, where a figure for a year was searched for and not found, a
row that carries the previous year's value forward with ``carried_forward = True`` and the
search in its ``source``. Years after the table's last row of a series are filled the same way
here: the last value is held and **marked** as carried forward, so every figure the model uses
says whether it was published for its year. The marks reach ``wupmodel params``, the workbook's
``policy_by_year`` and ``price_paths`` sheets and the app's sources.

Pure: the packaged table (or a scenario's copy of it in :class:`~wupmodel.params.Params`) in,
arrays out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from wupmodel.errors import WupInputError
from wupmodel.params import Params

__all__ = ["POLICY_TABLE", "PolicyPath", "policy_path", "policy_value", "policy_table"]

#: The packaged table of policy figures per year.
POLICY_TABLE = "policy_by_year"


class PolicyPath:
    """One policy series over a range of years, with the carried-forward marks.

    Attributes
    ----------
    series
        Series name in ``policy_by_year.csv``.
    years
        Calendar years, (Y,).
    values
        The value in force in each year, (Y,) float.
    carried_forward
        True where the value was not published for that year but held from an earlier one, (Y,).
    published_year
        The year of the published figure each value rests on, (Y,) int.
    """

    def __init__(
        self,
        series: str,
        years: NDArray[np.int64],
        values: NDArray[np.float64],
        carried_forward: NDArray[np.bool_],
        published_year: NDArray[np.int64],
    ) -> None:
        self.series = series
        self.years = years
        self.values = values
        self.carried_forward = carried_forward
        self.published_year = published_year


_CACHE: dict[int, tuple[pd.DataFrame, dict[str, dict]]] = {}
_CACHE_SIZE = 8


def _index(params: Params) -> dict[str, dict]:
    """Per series: its rows' years, values, marks, published years, unit and sources, as
    arrays (cached per table object: the tariffs are rebuilt on every slider move)."""
    table = params.table(POLICY_TABLE)
    hit = _CACHE.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    out: dict[str, dict] = {}
    for series, rows in table.groupby("series", sort=True):
        rows = rows.sort_values("year", kind="stable")
        years = rows["year"].to_numpy(dtype=np.int64)
        marked = rows["carried_forward"].astype(str).str.lower().eq("true").to_numpy()
        published = years.copy()
        for i in range(1, years.size):  # walk back over carried-forward rows
            if marked[i]:
                published[i] = published[i - 1]
        out[str(series)] = {
            "years": years,
            "values": rows["value"].to_numpy(dtype=float),
            "marked": marked,
            "published": published,
            "unit": str(rows["unit"].iloc[0]),
            "source": rows["source"].to_numpy(),
        }
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(table)] = (table, out)
    return out


def _rows(params: Params, series: str) -> dict:
    index = _index(params)
    if series not in index:
        known = ", ".join(sorted(index))
        raise WupInputError(f"policy_by_year.csv has no series '{series}'; known: {known}")
    return index[series]


def policy_path(params: Params, series: str, years: NDArray[np.int64]) -> PolicyPath:
    """The series ``series`` in each of ``years``: the row of that year, else the last row
    before it (carried forward, marked); a year before the first row is an error.

    Parameters
    ----------
    params
        Parameters holding the ``policy_by_year`` table.
    series
        Series name, e.g. ``"gas_tax_0_1000_eur_m3"``.
    years
        Calendar years, (Y,).

    Returns
    -------
    PolicyPath

    Examples
    --------
    >>> from wupmodel.params import default_params
    >>> p = policy_path(default_params(), "tax_credit_eur", np.array([2026, 2027, 2030]))
    >>> p.values.tolist(), p.carried_forward.tolist()
    ([519.8, 519.8, 519.8], [False, True, True])
    """
    rows = _rows(params, series)
    have = rows["years"]
    years = np.asarray(years, dtype=np.int64)
    if (years < have[0]).any():
        raise WupInputError(
            f"policy_by_year.csv: series '{series}' starts in {have[0]}; no value for "
            f"{int(years.min())}"
        )
    at = np.searchsorted(have, years, side="right") - 1
    exact = have[at] == years
    carried = np.where(exact, rows["marked"][at], True)
    return PolicyPath(
        series, years, rows["values"][at], carried.astype(bool), rows["published"][at]
    )


def policy_value(params: Params, series: str, year: int) -> float:
    """The value of ``series`` in force in ``year`` (see :func:`policy_path`)."""
    return float(policy_path(params, series, np.array([int(year)])).values[0])


def policy_table(params: Params, years: NDArray[np.int64]) -> pd.DataFrame:
    """Every policy series over ``years`` as a long table: ``series``, ``year``, ``value``,
    ``unit``, ``carried_forward``, ``published_year`` and the ``source`` of the row used."""
    frames = []
    for series, rows in _index(params).items():
        first = int(rows["years"][0])
        ys = np.asarray([y for y in years if y >= first], dtype=np.int64)
        if ys.size == 0:
            continue
        path = policy_path(params, series, ys)
        at = np.searchsorted(rows["years"], ys, side="right") - 1
        source = rows["source"][at]
        beyond = ys > rows["years"][at]
        frames.append(
            pd.DataFrame(
                {
                    "series": series,
                    "year": ys,
                    "value": path.values,
                    "unit": rows["unit"],
                    "carried_forward": path.carried_forward,
                    "published_year": path.published_year,
                    "source": np.where(
                        beyond,
                        [
                            f"CARRIED FORWARD from {p}: no later figure in the table"
                            for p in path.published_year
                        ],
                        source,
                    ),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
