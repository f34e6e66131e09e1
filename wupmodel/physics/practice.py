"""Practice factor (prebound and rebound effect): actual / theoretical space heat per insulation
state.

PBL *Referentieverbruik warmte woningen II* (2025) relates the gap between metered and
theoretical use to the theoretical intensity of the state a dwelling is in: poorly insulated
dwellings use far less than the norm calculation (prebound), very good ones somewhat more
(rebound). The factor therefore follows the theoretical intensity of *each* insulation state,
not only the current one: after insulation the prebound effect largely vanishes and real
savings are smaller than theoretical ones.

Default curve: pf(q) = (q / q_ref)^(−β), clipped to [``physics.practice_min``,
``physics.practice_max``], q the theoretical space-heat intensity [kWh/m²·yr].

A dwelling with metered gas keeps its own ratio to that curve: pf_L = k · pf(q_L) with
k = pf_metered / pf(q_current), clipped to the calibrated range. Both keep the real space heat
q_L · pf_L non-decreasing in q_L (q·pf(q) ∝ q^(1−β), β < 1), so deeper insulation never raises
demand.
"""

from __future__ import annotations

import numpy as np

from wupmodel.params import Params

__all__ = ["practice_factor_default", "metered_practice_factor", "practice_factors"]


def practice_factor_default(intensity_kwh_m2: np.ndarray, params: Params) -> np.ndarray:
    """Default practice factor from the theoretical space-heat intensity [kWh/m²·yr].

    pf = (q / q_ref)^(−β), clipped to [``physics.practice_min``, ``physics.practice_max``].
    """
    q = np.maximum(np.asarray(intensity_kwh_m2, dtype=float), 1e-9)
    pf = (q / params["physics.practice_ref_intensity_kwh_m2"]) ** (
        -params["physics.practice_exponent"]
    )
    return np.clip(pf, params["physics.practice_min"], params["physics.practice_max"])


def metered_practice_factor(
    q_current_kwh: np.ndarray, hot_water_kwh: np.ndarray, gas_m3: np.ndarray, params: Params
) -> np.ndarray:
    """Practice factor of the current state from metered gas (NaN where no metered gas) [-].

    Space heat from gas = (gas · LHV − hot water / η_dhw) · η_space, divided by the theoretical
    current space heat; clipped to [``physics.practice_calibrated_min``, ``…_max``].
    """
    kwh_per_m3 = params["physics.gas_lhv_mj_m3"] / 3.6
    gas = np.asarray(gas_m3, dtype=float)
    q = np.asarray(q_current_kwh, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        space_gas_kwh = gas * kwh_per_m3 - hot_water_kwh / params["physics.boiler_efficiency_dhw"]
        calibrated = space_gas_kwh * params["physics.boiler_efficiency_space"] / q
    calibrated = np.clip(
        calibrated,
        params["physics.practice_calibrated_min"],
        params["physics.practice_calibrated_max"],
    )
    return np.where(np.isfinite(gas) & (q > 0), calibrated, np.nan)


def practice_factors(
    q_theoretical_kwh: np.ndarray,
    floor_area_m2: np.ndarray,
    hot_water_kwh: np.ndarray,
    gas_m3: np.ndarray,
    params: Params,
) -> np.ndarray:
    """Practice factor of every dwelling at every insulation level, shape (n, L).

    Parameters
    ----------
    q_theoretical_kwh
        Theoretical space heat per level [kWh/yr], shape (n, L); column 0 is the current state.
    floor_area_m2
        Usable floor area [m²], shape (n,).
    hot_water_kwh
        Useful hot-water heat [kWh/yr], shape (n,).
    gas_m3
        Metered gas [m³/yr], NaN where unknown, shape (n,).
    params
        ``physics.practice_*``, ``physics.gas_lhv_mj_m3``, boiler efficiencies.
    """
    q = np.asarray(q_theoretical_kwh, dtype=float)
    area = np.asarray(floor_area_m2, dtype=float)[:, None]
    curve = practice_factor_default(q / area, params)  # (n, L)
    metered = metered_practice_factor(q[:, 0], hot_water_kwh, gas_m3, params)
    calibrated = np.clip(
        curve * (metered / curve[:, 0])[:, None],
        params["physics.practice_calibrated_min"],
        params["physics.practice_calibrated_max"],
    )
    return np.where(np.isfinite(metered)[:, None], calibrated, curve)
