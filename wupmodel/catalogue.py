"""The catalogue: every option a dwelling can take, and the village strategies.

An option is one insulation level × one heating system × rooftop PV on/off × solar thermal
on/off. Options are held as parallel index arrays so that outcomes broadcast as
(dwellings, options) without a loop.
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

    def index_of(self, insulation: str, heating: str, pv: bool = False, solar_thermal: bool = False) -> int:
        """Index of one option; ``KeyError`` if the catalogue does not hold it."""
        mask = (
            (self.insulation == INSULATION_LEVELS.index(insulation))
            & (self.heating == HEATING_SYSTEMS.index(heating))
            & (self.pv == pv)
            & (self.solar_thermal == solar_thermal)
        )
        hits = np.flatnonzero(mask)
        if hits.size == 0:
            raise KeyError(f"option {insulation}+{heating} pv={pv} st={solar_thermal} not in catalogue")
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
    (:mod:`wupmodel.option_grid`), so that the full catalogue needs no reordering.
    """
    ins = np.array([INSULATION_LEVELS.index(x) for x in insulation])
    heat = np.array([HEATING_SYSTEMS.index(x) for x in heating])
    p, st, i, h = np.meshgrid(np.array(pv, bool), np.array(solar_thermal, bool), ins, heat, indexing="ij")
    return Catalogue(i.ravel(), h.ravel(), p.ravel(), st.ravel())
