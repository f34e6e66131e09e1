"""The options a dwelling can take: the catalogue, and the same options as a grid.

An option is one insulation level × one heating system × rooftop PV on/off × solar thermal
on/off. :class:`Catalogue` holds them as parallel index arrays so that outcomes broadcast as
(dwellings, options) without a loop.

The physics computes each quantity over only the option axes it depends on (gas over the
combination, the PV yield over PV alone). :class:`OptionGrid` keeps that structure for the
money layer: arrays shaped ``(G, P|1, C|1)`` (PV × combination of solar thermal × insulation
× heating), worked on small before anything is broadcast to the whole grid. Each catalogue
option is one cell of the grid; for the full default catalogue the option order *is* the
grid order, so no reordering is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

REFERENCE_HEATING = "gas_boiler"
REFERENCE_INSULATION = "current"


@dataclass(frozen=True)
class Catalogue:
    """Options as parallel arrays of length O.

    Attributes
    ----------
    insulation, heating
        Integer codes into :data:`INSULATION_LEVELS` and :data:`HEATING_SYSTEMS`.
    pv, solar_thermal
        Whether the option includes rooftop PV / a solar water heater.
    """

    insulation: np.ndarray
    heating: np.ndarray
    pv: np.ndarray
    solar_thermal: np.ndarray

    @property
    def size(self) -> int:
        return int(self.insulation.size)

    @property
    def option_ids(self) -> np.ndarray:
        """Readable ids such as ``standard+air_hp+pv``."""
        ins = np.asarray(INSULATION_LEVELS, dtype=object)[self.insulation]
        heat = np.asarray(HEATING_SYSTEMS, dtype=object)[self.heating]
        ids = ins + "+" + heat
        ids = np.where(self.pv, ids + "+pv", ids)
        ids = np.where(self.solar_thermal, ids + "+st", ids)
        return ids.astype(str)

    @property
    def reference_index(self) -> int:
        """Index of the reference option (gas boiler, current envelope, no solar)."""
        mask = (
            (self.insulation == INSULATION_LEVELS.index(REFERENCE_INSULATION))
            & (self.heating == HEATING_SYSTEMS.index(REFERENCE_HEATING))
            & ~self.pv
            & ~self.solar_thermal
        )
        return int(np.flatnonzero(mask)[0])

    def index_of(
        self, insulation: str, heating: str, pv: bool = False, solar_thermal: bool = False
    ) -> int:
        """Index of one option; ``KeyError`` if the catalogue does not hold it."""
        mask = (
            (self.insulation == INSULATION_LEVELS.index(insulation))
            & (self.heating == HEATING_SYSTEMS.index(heating))
            & (self.pv == pv)
            & (self.solar_thermal == solar_thermal)
        )
        hits = np.flatnonzero(mask)
        if hits.size == 0:
            raise KeyError(
                f"option {insulation}+{heating} pv={pv} st={solar_thermal} not in catalogue"
            )
        return int(hits[0])

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "option_id": self.option_ids,
                "insulation": np.asarray(INSULATION_LEVELS)[self.insulation],
                "heating": np.asarray(HEATING_SYSTEMS)[self.heating],
                "pv": self.pv,
                "solar_thermal": self.solar_thermal,
            }
        )


def build_catalogue(
    insulation: tuple[str, ...] = INSULATION_LEVELS,
    heating: tuple[str, ...] = HEATING_SYSTEMS,
    pv: tuple[bool, ...] = (False, True),
    solar_thermal: tuple[bool, ...] = (False, True),
) -> Catalogue:
    """The Cartesian product of the chosen levels, in a stable order.

    PV varies slowest, then solar thermal, insulation and heating: the order of the option grid
    (:mod:`wupmodel.options`), so that the full catalogue needs no reordering.
    """
    ins = np.array([INSULATION_LEVELS.index(x) for x in insulation])
    heat = np.array([HEATING_SYSTEMS.index(x) for x in heating])
    p, st, i, h = np.meshgrid(
        np.array(pv, bool), np.array(solar_thermal, bool), ins, heat, indexing="ij"
    )
    return Catalogue(i.ravel(), h.ravel(), p.ravel(), st.ravel())


@dataclass(frozen=True)
class OptionGrid:
    """Per-group arrays on the option grid and the cell of every catalogue option.

    Attributes
    ----------
    shape
        ``(P, C)``: PV off/on and the combinations of solar thermal (S = 1 or 2 levels),
        insulation (L) and heating (H), solar-thermal-major: ``C = S * L * H``.
    option_index
        (O,) flat (C-order) cell of each catalogue option.
    combo_heating
        (C,) heating-system code of each combination.
    n_solar_thermal
        S, the number of solar-thermal levels (1 or 2).
    arrays
        Name -> array of shape ``(G, P|1, C|1)`` (units in the names); ``capacity_kw`` is
        (G, L, H).
    treated_area_m2
        (G, L, 5) insulated area per level and envelope element (for the ISDE).
    """

    shape: tuple[int, int]
    option_index: np.ndarray
    combo_heating: np.ndarray
    n_solar_thermal: int
    arrays: dict[str, np.ndarray]
    treated_area_m2: np.ndarray

    @property
    def n_cells(self) -> int:
        return int(np.prod(self.shape))

    @property
    def is_identity(self) -> bool:
        """The catalogue holds every cell, in grid order."""
        return self.option_index.size == self.n_cells and bool(
            (self.option_index == np.arange(self.n_cells)).all()
        )

    def to_options(self, a: np.ndarray) -> np.ndarray:
        """(G, cells) -> (G, O) in catalogue order (the array itself when the orders agree)."""
        return a if self.is_identity else np.take(a, self.option_index, axis=1)
