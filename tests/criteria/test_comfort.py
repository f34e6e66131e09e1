"""Winter comfort and health: cold surfaces, draught, and the NEN-EN-ISO 13788 surface humidity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.criteria import DampSettings, cold_surface_k, group_envelope, saturation_pressure_pa
from wupmodel.criteria.comfort import R_VAPOUR_J_KG_K, indoor_vapour_pressure_pa, surface_rh
from wupmodel.params import default_params
from wupmodel.vocabulary import DWELLING_TYPES

P = default_params()
DAMP = DampSettings.of(P)


def test_saturation_pressure_matches_tables():
    """Saturation vapour pressure over water / ice (NEN-EN-ISO 13788; steam tables: 2339 Pa at
    20 °C, 1228 Pa at 10 °C, 611 Pa at 0 °C, 260 Pa over ice at -10 °C)."""
    np.testing.assert_allclose(
        saturation_pressure_pa([20.0, 10.0, 0.0, -10.0]), [2339, 1228, 611, 260], atol=3
    )


def test_cold_surface_by_hand():
    """R_si·U·Δθ averaged over the areas, the floor with its b factor."""
    u = np.array([[[0.5, 1.0, 2.0, 3.0, 4.0]]])  # one dwelling, one level
    area = np.array([[50.0, 100.0, 50.0, 20.0, 2.0]])
    got = cold_surface_k(u, area, np.array([0.7]), 0.13, 30.0)
    drop = 0.13 * 30 * np.array([0.5 * 0.7, 1.0, 2.0, 3.0, 4.0])
    assert float(got[0, 0]) == pytest.approx((drop * area[0]).sum() / area.sum())


def test_surface_humidity_by_hand():
    """10 kg of moisture a day in 30 dm³/s of air: Δν = 3.86 g/m³, Δp = Δν·R_v·T_i."""
    p_i = float(indoor_vapour_pressure_pa(30.0, 20.0, 2.4, DAMP))
    excess = 10 / 86400 / 0.030 * R_VAPOUR_J_KG_K * 293.15
    assert p_i == pytest.approx(0.88 * float(saturation_pressure_pa(2.4)) + excess)
    assert float(surface_rh(p_i, 20.0)) == pytest.approx(p_i / float(saturation_pressure_pa(20.0)))
    assert (
        0.4 < p_i / float(saturation_pressure_pa(20.0)) < 0.6
    )  # 40-60 % indoors (Milieu Centraal)


def _stock(types, years, areas, insulated) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "dwelling_type": types,
            "construction_year": years,
            "floor_area_m2": areas,
            "already_insulated": insulated,
        }
    )


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(DWELLING_TYPES),
            st.integers(1900, 2020),
            st.floats(30, 300),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_insulation_never_raises_winter_discomfort(rows):
    """Each deeper insulation level: surfaces no colder and no more draught."""
    env = group_envelope(_stock(*zip(*rows, strict=True)), P)
    cold = cold_surface_k(env.u_w_m2k, env.element_area_m2, env.floor_b_factor, 0.13, 30.0)
    assert (np.diff(cold, axis=1) <= 1e-12).all()
    assert (np.diff(env.qv10_dm3s_m2, axis=1) <= 1e-12).all()


def test_insulation_without_ventilation_raises_the_damp_risk(village):
    """A pre-war house: draught-proofing without ventilation (basic) raises the humidity at the
    coldest wall; balanced ventilation and insulated walls (deep) lower it again."""
    import wupmodel as wm
    from wupmodel.criteria import indicators

    scenario, params, _ = village
    stock = wm.stock_for(scenario).iloc[[0]].copy()
    stock["dwelling_type"] = stock["dwelling_type"].cat.set_categories(DWELLING_TYPES)
    stock.loc[:, ["dwelling_type", "construction_year", "floor_area_m2"]] = [
        ["tussenwoning", 1925, 95.0]
    ]
    stock["gas_m3"] = np.nan
    outcomes = wm.evaluate(stock, scenario)
    rh = indicators(outcomes, params)["mould_surface_rh"][0]
    cat = outcomes.catalogue
    level = {name: rh[cat.index_of(name, "gas_boiler")] for name in ("current", "basic", "deep")}
    assert level["basic"] > level["current"]
    assert level["deep"] < level["basic"]
