"""The options a dwelling can take: the catalogue, and the same options as a grid.

An option is one insulation level × one heating system × rooftop PV on/off × solar thermal
on/off, and, with PV only, a home battery of one of the catalogue's sizes. :class:`Catalogue`
holds them as parallel index arrays so that outcomes broadcast as (dwellings, options) without
a loop. The options with a battery come after all the others, so an option keeps its number
whether batteries are in the catalogue or not.

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
    battery_kwh
        Home-battery capacity of the option [kWh], 0 without one (only options with PV have
        one); all zeros when not given.
    """

    insulation: np.ndarray
    heating: np.ndarray
    pv: np.ndarray
    solar_thermal: np.ndarray
    battery_kwh: np.ndarray | None = None

    def __post_init__(self) -> None:
        size = np.asarray(self.insulation).size
        battery = np.zeros(size) if self.battery_kwh is None else self.battery_kwh
        object.__setattr__(self, "battery_kwh", np.asarray(battery, dtype=float))
        if self.battery_kwh.shape != (size,) or (self.battery_kwh[~self.pv] > 0).any():
            raise ValueError("battery_kwh: one value per option, 0 where there is no PV")

    @property
    def battery_sizes(self) -> tuple[float, ...]:
        """The home-battery sizes of the catalogue [kWh], smallest first (empty: none)."""
        return tuple(float(b) for b in np.unique(self.battery_kwh[self.battery_kwh > 0]))

    @property
    def solar(self) -> np.ndarray:
        """(O,) solar level of each option: 0 no PV, 1 PV, 1 + k PV with battery size k."""
        level = self.pv.astype(np.intp)
        for k, size in enumerate(self.battery_sizes):
            level = np.where(self.battery_kwh == size, 2 + k, level)
        return level

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
        battery = np.array([f"+bat{b:g}" if b > 0 else "" for b in self.battery_kwh], dtype=object)
        return (ids + battery).astype(str)

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
        self,
        insulation: str,
        heating: str,
        pv: bool = False,
        solar_thermal: bool = False,
        battery_kwh: float = 0.0,
    ) -> int:
        """Index of one option; ``KeyError`` if the catalogue does not hold it."""
        mask = (
            (self.insulation == INSULATION_LEVELS.index(insulation))
            & (self.heating == HEATING_SYSTEMS.index(heating))
            & (self.pv == pv)
            & (self.solar_thermal == solar_thermal)
            & (self.battery_kwh == battery_kwh)
        )
        hits = np.flatnonzero(mask)
        if hits.size == 0:
            raise KeyError(
                f"option {insulation}+{heating} pv={pv} st={solar_thermal} "
                f"battery={battery_kwh:g} kWh not in catalogue"
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
                "battery_kwh": self.battery_kwh,
            }
        )


def build_catalogue(
    insulation: tuple[str, ...] = INSULATION_LEVELS,
    heating: tuple[str, ...] = HEATING_SYSTEMS,
    pv: tuple[bool, ...] = (False, True),
    solar_thermal: tuple[bool, ...] = (False, True),
    battery_kwh: tuple[float, ...] = (),
) -> Catalogue:
    """The Cartesian product of the chosen levels, in a stable order.

    PV varies slowest, then solar thermal, insulation and heating: the order of the option grid
    (:mod:`wupmodel.options`), so that the full catalogue needs no reordering. Each battery
    size adds a copy of the options with PV, after all of them (only with PV in ``pv``).
    """
    ins = np.array([INSULATION_LEVELS.index(x) for x in insulation])
    heat = np.array([HEATING_SYSTEMS.index(x) for x in heating])
    sizes = sorted({float(b) for b in battery_kwh}) if True in pv else []
    levels = [(bool(p), 0.0) for p in pv] + [(True, b) for b in sizes]
    parts = []
    for with_pv, size in levels:  # the solar levels: no PV, PV, PV with each battery
        st, i, h = np.meshgrid(np.array(solar_thermal, bool), ins, heat, indexing="ij")
        parts.append((i.ravel(), h.ravel(), np.full(i.size, with_pv), st.ravel(), size))
    return Catalogue(
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
        np.concatenate([p[3] for p in parts]),
        np.concatenate([np.full(p[0].size, p[4]) for p in parts]),
    )


@dataclass(frozen=True)
class OptionGrid:
    """Per-group arrays on the option grid and the cell of every catalogue option.

    Attributes
    ----------
    shape
        ``(P, C)``: the solar levels (no PV, PV, PV with each battery size of the catalogue)
        and the combinations of solar thermal (S = 1 or 2 levels), insulation (L) and heating
        (H), solar-thermal-major: ``C = S * L * H``.
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
