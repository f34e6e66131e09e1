"""Packaged default parameters, merged with a scenario's overrides.

Every default number lives in a CSV table inside the package (``wupmodel/data``), each row
with its ``source`` and ``year``:

* ``data/parameters/*.csv`` hold scalar parameters, one per row, with the columns
  ``parameter, value, unit, min, max, description, source, year``. ``min``/``max`` bound what
  a scenario may set (and what a sensitivity run may sample). Parameter ids are dotted
  (``gas.co2_kg_per_m3``) and unique across all files.
* other ``data/*.csv`` files are tables (archetypes, climate, price paths, ...); each row has
  ``source`` and ``year`` columns too.

:class:`Params` is what the computational core receives: plain floats and pandas/numpy
tables, never a pydantic object.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType

import pandas as pd

from wupmodel.errors import WupInputError

PARAMETER_COLUMNS = ("parameter", "value", "unit", "min", "max", "description", "source", "year")


@dataclass(frozen=True)
class Params:
    """Scalar parameters and tables used by the core.

    Attributes
    ----------
    values
        Parameter id -> value (units in :attr:`units`).
    units
        Parameter id -> unit string.
    tables
        Table name (file stem) -> DataFrame.
    overridden
        Parameter ids whose value came from the scenario rather than the packaged default.
    """

    values: Mapping[str, float]
    units: Mapping[str, str]
    tables: Mapping[str, pd.DataFrame]
    overridden: frozenset[str] = field(default_factory=frozenset)

    def __getitem__(self, key: str) -> float:
        try:
            return self.values[key]
        except KeyError:
            raise KeyError(_unknown_message(key, self.values)) from None

    def table(self, name: str) -> pd.DataFrame:
        """Return the packaged table ``name`` (file stem under ``wupmodel/data``)."""
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError(_unknown_message(name, self.tables, what="table")) from None

    def with_overrides(self, overrides: Mapping[str, float], source: str = "scenario") -> Params:
        """Return a copy with ``overrides`` applied, each checked against its allowed range."""
        table = parameter_table()
        values = dict(self.values)
        for key, value in overrides.items():
            if key not in values:
                raise WupInputError(f"{source}: {_unknown_message(key, values)}", source)
            row = table.loc[key]
            lo, hi = float(row["min"]), float(row["max"])
            if not (lo <= float(value) <= hi):
                raise WupInputError(
                    f"{source}: parameter '{key}' = {value} is outside the allowed range "
                    f"{lo:g} to {hi:g} {row['unit']}",
                    source,
                )
            values[key] = float(value)
        return Params(
            values=MappingProxyType(values),
            units=self.units,
            tables=self.tables,
            overridden=self.overridden | frozenset(overrides),
        )


def _unknown_message(key: str, known: Mapping[str, object], what: str = "parameter") -> str:
    close = difflib.get_close_matches(key, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"unknown {what} '{key}'{hint}"


def _data_dir():
    return resources.files("wupmodel") / "data"


@lru_cache(maxsize=1)
def parameter_table() -> pd.DataFrame:
    """All packaged scalar parameters, indexed by ``parameter``, with their sources."""
    frames = []
    for entry in sorted(_data_dir().joinpath("parameters").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".csv"):
            with entry.open("r", encoding="utf-8") as fh:
                frame = pd.read_csv(fh, comment=None)
            missing = set(PARAMETER_COLUMNS) - set(frame.columns)
            if missing:
                raise RuntimeError(f"packaged table {entry.name} lacks columns {sorted(missing)}")
            frame["file"] = entry.name
            frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    dupes = table["parameter"][table["parameter"].duplicated()].tolist()
    if dupes:
        raise RuntimeError(f"parameter ids defined twice in packaged tables: {dupes}")
    if table["source"].isna().any() or table["year"].isna().any():
        bad = table.loc[table["source"].isna() | table["year"].isna(), "parameter"].tolist()
        raise RuntimeError(f"packaged parameters without source or year: {bad}")
    return table.set_index("parameter")


@cache
def packaged_table(name: str) -> pd.DataFrame:
    """Read the packaged table ``data/<name>.csv`` (cached; do not mutate the result)."""
    path = _data_dir() / f"{name}.csv"
    with path.open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh)


def table_names() -> list[str]:
    """Stems of the packaged tables under ``wupmodel/data``."""
    return sorted(e.name[:-4] for e in _data_dir().iterdir() if e.name.endswith(".csv"))


@lru_cache(maxsize=1)
def default_params() -> Params:
    """The packaged defaults, no scenario overrides."""
    table = parameter_table()
    values = {k: float(v) for k, v in table["value"].items()}
    units = {k: str(v) for k, v in table["unit"].items()}
    tables = {name: packaged_table(name) for name in table_names()}
    return Params(
        values=MappingProxyType(values),
        units=MappingProxyType(units),
        tables=MappingProxyType(tables),
    )
