"""Disruption and space: the days of works in the home, moving out, and the room equipment takes.

Each option is a sum of items of ``criteria_works.csv``: its insulation level (only where the
level changes something in that dwelling), its heating system, LT emitter works where the
existing emitters are too cold for the system, rooftop PV and a solar water heater. An option's
``must_leave`` is the largest must-leave share of its items.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.options import Catalogue
from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

__all__ = ["WORKS_COLUMNS", "works_indicators"]

#: The quantities of an item of ``criteria_works.csv``.
WORKS_COLUMNS: tuple[str, ...] = ("works_days", "must_leave_share", "indoor_m2", "outdoor_m2")


def _items(table: pd.DataFrame, names: tuple[str, ...], what: str) -> dict[str, np.ndarray]:
    """Each quantity of the items ``names``, in that order."""
    rows = table.set_index("item")
    missing = [n for n in names if n not in rows.index]
    if missing:
        raise RuntimeError(f"criteria_works.csv has no row for {what} {missing}")
    return {c: rows.loc[list(names), c].to_numpy(dtype=float) for c in WORKS_COLUMNS}


def works_indicators(
    catalogue: Catalogue,
    insulation_done: np.ndarray,
    emitter_works: np.ndarray,
    table: pd.DataFrame,
) -> dict[str, np.ndarray]:
    """Days of works, moving out and space of every dwelling group × option.

    Parameters
    ----------
    catalogue
        The options (O).
    insulation_done
        (G, O) bool: the option's insulation level changes something in the dwelling.
    emitter_works
        (G, O) bool: the option includes LT emitter works.
    table
        ``criteria_works.csv``.

    Returns
    -------
    dict
        ``works_days``, ``must_leave``, ``indoor_space_m2``, ``outdoor_space_m2``, ``space_m2``,
        each (G, O).
    """
    ins = _items(table, INSULATION_LEVELS, "insulation level")
    heat = _items(table, HEATING_SYSTEMS, "heating system")
    extra = _items(table, ("lt_emitters", "pv", "solar_thermal"), "item")
    done = np.asarray(insulation_done, dtype=bool)
    emit = np.asarray(emitter_works, dtype=bool)
    pv = catalogue.pv.astype(bool)[None, :]
    st = catalogue.solar_thermal.astype(bool)[None, :]

    def add(column: str) -> np.ndarray:
        return (
            np.where(done, ins[column][catalogue.insulation], 0.0)
            + heat[column][catalogue.heating]
            + np.where(emit, extra[column][0], 0.0)
            + np.where(pv, extra[column][1], 0.0)
            + np.where(st, extra[column][2], 0.0)
        )

    leave = np.maximum.reduce(
        [
            np.where(done, ins["must_leave_share"][catalogue.insulation], 0.0),
            np.broadcast_to(heat["must_leave_share"][catalogue.heating], done.shape),
            np.where(emit, extra["must_leave_share"][0], 0.0),
        ]
    )
    indoor, outdoor = add("indoor_m2"), add("outdoor_m2")
    return {
        "works_days": add("works_days"),
        "must_leave": leave,
        "indoor_space_m2": indoor,
        "outdoor_space_m2": outdoor,
        "space_m2": indoor + outdoor,
    }
