"""Climate adaptation at village level, per strategy: roofs, rain and heat.

* **Green roofs** need flat roof; PV on the same flat roof takes room from them. The room left
  is the flat share of each dwelling's roof (``criteria_roofs.csv``) less the part of the
  strategy's PV that lies on it (PV spread over flat and pitched roof in proportion). A sedum
  roof keeps a share of the yearly rain (SBRCURnet) and buffers ~10 l/m² in a downpour.
* **Rain to the sewer** from the roofs: roof area × rainfall × runoff share, less what green
  roofs keep; disconnecting downpipes keeps it out. Where a heat network opens the street, the
  separation of rainwater can go along with the trench works (werk met werk).
* **Heat waves**: dwellings whose option can cool (air or ground-source heat pump); a ground
  source cools passively through the borehole, without a compressor and without blowing heat
  into the street.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from wupmodel.criteria.choices import as_shares
from wupmodel.criteria.envelope import Envelope, group_envelope
from wupmodel.criteria.tables import RainSettings
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params
from wupmodel.vocabulary import DWELLING_TYPES, HEATING_SYSTEMS

__all__ = ["climate_adaptation", "green_roof_m2"]

_COOL = np.isin(np.array(HEATING_SYSTEMS), ["air_hp", "ground_hp"])
_PASSIVE = np.array(HEATING_SYSTEMS) == "ground_hp"
_NETWORK = np.isin(np.array(HEATING_SYSTEMS), ["heat_network_mt", "heat_network_lt"])


def _roofs(env: Envelope, params: Params) -> tuple[np.ndarray, np.ndarray]:
    """(roof area, flat roof area) per dwelling of each group [m²]."""
    share = params.table("criteria_roofs").set_index("dwelling_type")["flat_roof_share"]
    flat_share = share.reindex(list(DWELLING_TYPES)).to_numpy(dtype=float)[env.dwelling_type]
    return env.roof_area_m2, env.roof_area_m2 * flat_share


def climate_adaptation(
    outcomes: Outcomes,
    params: Params,
    choices: Mapping[str, np.ndarray],
    envelope: Envelope | None = None,
) -> pd.DataFrame:
    """Village climate-adaptation figures of each strategy's choice of options.

    Parameters
    ----------
    outcomes
        The evaluation (``pv_kwh``, the catalogue, the groups' counts).
    params
        Parameters (``criteria.*`` rain settings, ``pv.*``, ``criteria_roofs``).
    choices
        Strategy name -> (G,) option index per group, or (G, O) shares of a plan
        (:func:`~wupmodel.criteria.choices.as_shares`).
    envelope
        The groups' envelope, if already formed.

    Returns
    -------
    pandas.DataFrame
        Indexed by strategy: ``cooling_share``, ``passive_cooling_share``, ``green_roof_m2``,
        ``green_roof_retained_m3_per_yr``, ``green_roof_storm_buffer_m3``,
        ``roof_rain_to_sewer_m3_per_yr``, ``street_works_share``.
    """
    env = envelope if envelope is not None else group_envelope(outcomes.groups, params)
    rain = RainSettings.of(params)
    counts = outcomes.counts
    n = counts.sum()
    roof = env.roof_area_m2
    green_go = green_roof_m2(outcomes, params, env)  # (G, O) per dwelling
    heating = outcomes.catalogue.heating
    cool, passive, network = (m[heating].astype(float) for m in (_COOL, _PASSIVE, _NETWORK))
    rain_m = rain.rainfall_mm_per_yr / 1000.0
    runoff = float((counts * roof).sum()) * rain_m * rain.roof_runoff_share
    rows = {}
    for name, choice in choices.items():  # a few strategies, not dwellings
        shares = as_shares(choice, outcomes.n_groups, outcomes.catalogue.size)
        green = float((counts * (shares * green_go).sum(axis=1)).sum())
        retained = green * rain_m * rain.green_roof_retention_share
        rows[name] = {
            "cooling_share": float(counts @ (shares @ cool) / n),
            "passive_cooling_share": float(counts @ (shares @ passive) / n),
            "green_roof_m2": green,
            "green_roof_retained_m3_per_yr": retained,
            "green_roof_storm_buffer_m3": green * rain.green_roof_storm_buffer_l_m2 / 1000.0,
            "roof_rain_to_sewer_m3_per_yr": runoff - retained,
            "street_works_share": float(counts @ (shares @ network) / n),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def green_roof_m2(
    outcomes: Outcomes, params: Params, envelope: Envelope | None = None
) -> np.ndarray:
    """(G, O) flat roof left for a green roof per dwelling: the flat share of the roof less the
    part of the option's PV that lies on it (PV spread over flat and pitched roof in
    proportion)."""
    env = envelope if envelope is not None else group_envelope(outcomes.groups, params)
    roof, flat = _roofs(env, params)
    m2_per_kwh = 1.0 / (params["pv.specific_yield_kwh_per_kwp"] * params["pv.kwp_per_m2"])
    flat_share = np.divide(flat, roof, out=np.zeros_like(flat), where=roof > 0)
    pv_m2 = np.asarray(outcomes["pv_kwh"], dtype=float) * m2_per_kwh
    return np.maximum(flat[:, None] - pv_m2 * flat_share[:, None], 0.0)
