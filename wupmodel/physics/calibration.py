"""Calibration of the theoretical demand to observed use: the energy label's ratio and the
practice factor.

* A known energy label scales the archetype's current demand by PBL Vesta's space-heat ratio of
  that label to the archetype's default label (``physics_label_factors.csv``).
* The practice factor turns the theoretical space heat into what households use (the prebound
  effect of PBL Referentieverbruik II): from metered gas where the stock has it, else a power
  law of the theoretical intensity.
"""

from __future__ import annotations

import numpy as np

from wupmodel.params import Params
from wupmodel.physics._memo import per_params
from wupmodel.vocabulary import ENERGY_LABELS


def practice_factor_default(intensity_kwh_m2: np.ndarray, params: Params) -> np.ndarray:
    """Default practice factor from the theoretical space-heat intensity [kWh/m²·yr].

    pf = (q / q_ref)^(−β), clipped to [``physics.practice_min``, ``physics.practice_max``]:
    poorly insulated dwellings use far less than the norm calculation (prebound), very good
    ones somewhat more (rebound).
    """
    q = np.maximum(np.asarray(intensity_kwh_m2, dtype=float), 1e-9)
    pf = (q / params["physics.practice_ref_intensity_kwh_m2"]) ** (-params["physics.practice_exponent"])
    return np.clip(pf, params["physics.practice_min"], params["physics.practice_max"])


def _label_factor(archetype: np.ndarray, label: np.ndarray, params: Params) -> np.ndarray:
    """Vesta space-heat ratio of the dwelling's label to the archetype default (1 if unknown)."""
    grid = _label_factor_grid(params)
    known = (label >= 0) & (label < len(ENERGY_LABELS))
    r = np.where(known, grid[archetype, np.clip(label, 0, len(ENERGY_LABELS) - 1)], 1.0)
    return np.clip(r, params["physics.label_factor_min"], params["physics.label_factor_max"])


@per_params
def _label_factor_grid(params: Params) -> np.ndarray:
    """(archetype, label) -> Vesta space-heat ratio to the archetype's default label; 1 where none."""
    t = params.table("physics_label_factors")
    n_arch = int(params.table("archetypes")["archetype_id"].max()) + 1
    grid = np.ones((n_arch, len(ENERGY_LABELS)))
    codes = t["label"].map({lab: i for i, lab in enumerate(ENERGY_LABELS)}).to_numpy()
    grid[t["archetype_id"].to_numpy(), codes] = t["factor"].to_numpy(dtype=float)
    grid.setflags(write=False)
    return grid


def _practice_factor(q_current_kwh: np.ndarray, area: np.ndarray, hot_water_kwh: np.ndarray,
                     gas_m3: np.ndarray, params: Params) -> np.ndarray:
    """Practice factor: from metered gas where known, else the default curve."""
    default = practice_factor_default(q_current_kwh / area, params)
    kwh_per_m3 = params["physics.gas_lhv_mj_m3"] / 3.6
    with np.errstate(divide="ignore", invalid="ignore"):
        space_gas_kwh = gas_m3 * kwh_per_m3 - hot_water_kwh / params["physics.boiler_efficiency_dhw"]
        calibrated = space_gas_kwh * params["physics.boiler_efficiency_space"] / q_current_kwh
    calibrated = np.clip(calibrated, params["physics.practice_calibrated_min"], params["physics.practice_calibrated_max"])
    use = np.isfinite(gas_m3) & (q_current_kwh > 0)
    return np.where(use, calibrated, default)
