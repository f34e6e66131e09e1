"""Issue 20: ISDE 2026 (exact amounts, the three-year rule, the ventilation bonus), the Lokale
Aanpak Isolatie and the WIS."""

from __future__ import annotations

import numpy as np
import pytest

import wupmodel as wm
from wupmodel.money import (
    isde_heat_pump_eur,
    isde_hybrid_then_all_electric_eur,
    lai_eligible,
    policy_value,
)
from wupmodel.params import default_params
from wupmodel.vocabulary import ENERGY_LABELS, TENURES

P = default_params()


def test_isde_2026_hybrid_4kw_and_air_8kw_exact():
    # rvo.nl 'ISDE: wat wijzigt er in 2026' (slimgeldbeheer.nl, eco2all.nl, 2026): air/water and
    # hybrid heat pumps 1 025 EUR start + 225 EUR per kW + 200 EUR for label A+++.
    assert isde_heat_pump_eur("hybrid", 4.0, a3plus=True, params=P) == 2125.0
    assert isde_heat_pump_eur("air", 8.0, a3plus=True, params=P) == 3025.0
    assert isde_heat_pump_eur("hybrid", 4.0, a3plus=False, params=P) == 1925.0
    assert isde_heat_pump_eur("air", 8.0, a3plus=False, params=P) == 2825.0
    # the scalar parameters are the policy table's 2026 rows
    assert P["finance.isde_hp_air_start_eur"] == policy_value(P, "isde_hp_air_start_eur", 2026)
    assert P["finance.isde_hp_air_per_kw_eur"] == policy_value(P, "isde_hp_air_per_kw_eur", 2026)
    assert P["finance.isde_hp_a3plus_bonus_eur"] == policy_value(
        P, "isde_hp_a3plus_bonus_eur", 2026
    )
    assert P["finance.isde_ventilation_eur"] == policy_value(P, "isde_ventilation_eur", 2026)


def test_three_year_rule_hybrid_now_all_electric_later():
    # eco2all.nl 'ISDE regeling 2026': one heat-pump subsidy per three years per dwelling; the
    # second heat pump without start amount or bonus (slimgeldbeheer.nl 2026).
    first, second = isde_hybrid_then_all_electric_eur(4.0, 8.0, np.array([1, 2, 3, 10]))
    assert float(first) == 2125.0
    assert second.tolist() == [0.0, 0.0, 8 * 225.0, 8 * 225.0]


def test_ventilation_bonus_with_insulation_at_deep():
    # ISDE 2026: 400 EUR for balanced (D) ventilation with an insulation measure; the deep level
    # has balanced ventilation, so its subsidy is 400 EUR above the same measures without it.
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario).head(60)
    low = wm.apply_settings(scenario, {"finance.isde_ventilation_eur": 0.0})
    a = wm.evaluate(stock, scenario)
    b = wm.evaluate(stock, low)
    cat = a.catalogue
    deep = cat.index_of("deep", "gas_boiler")
    std = cat.index_of("standard", "gas_boiler")
    owner = (a.groups["tenure"] != "huur_corporatie").to_numpy()
    diff = a["subsidy_eur"][:, deep] - b["subsidy_eur"][:, deep]
    cap = a["capex_eur"][:, deep] - b["subsidy_eur"][:, deep]
    np.testing.assert_allclose(diff[owner], np.minimum(400.0, cap[owner]), atol=1e-9)
    assert (diff[~owner] == 0).all()
    np.testing.assert_allclose(a["subsidy_eur"][:, std], b["subsidy_eur"][:, std])


def test_lai_eligibility_rules():
    # SpUk Lokale Aanpak Isolatie (Stcrt. 2023, 3877): owner-occupied, label D-G
    on = P.with_overrides({"subsidy.lai_enabled": 1.0})
    labels = np.array([ENERGY_LABELS.index(x) for x in ("A", "C", "D", "G", "G", "G")] + [-1])
    tenure = np.array([TENURES.index("koop")] * 4 + [TENURES.index("huur_corporatie")] * 1 + [0, 0])
    income = np.array([30e3, 30e3, 30e3, 30e3, 30e3, 90e3, 30e3])
    assert lai_eligible(tenure, labels, income, on).tolist() == [
        False,
        False,
        True,
        True,
        False,  # a corporation's dwelling
        False,  # above the income limit
        False,  # label unknown
    ]
    assert not lai_eligible(tenure, labels, income, P).any()  # off unless the scenario says so


def test_lai_grant_reaches_the_subsidy_of_insulating_options():
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    on = wm.apply_settings(scenario, {"subsidies.lokale_aanpak_isolatie": True})
    a, b = wm.evaluate(stock, scenario), wm.evaluate(stock, on)
    cat = a.catalogue
    std = cat.index_of("standard", "gas_boiler")
    ref = cat.reference_index
    extra = b["subsidy_eur"][:, std] - a["subsidy_eur"][:, std]
    # volkshuisvestingnederland.nl: about 2 000 EUR per dwelling (1.5 bn EUR, 750 000 homes)
    assert extra.max() <= 2000.0 + 1e-9 and extra.max() > 0
    poor = a.groups["energy_label"].isin(["D", "E", "F", "G"]).to_numpy()
    koop = (a.groups["tenure"] == "koop").to_numpy()
    assert (extra[~(poor & koop)] == 0).all()
    np.testing.assert_allclose(b["subsidy_eur"][:, ref], a["subsidy_eur"][:, ref])


def test_wis_defaults_to_the_coop_case():
    assert P["coop.subsidy.wis_eur_per_connection"] == 6000.0  # Warm Westerkwartier, up to 6 000
    assert P["subsidy.wis_min_connections"] == 250  # RVO WIS 2025 round
    with pytest.raises(KeyError):
        P["coop.subsidy.wis"]
