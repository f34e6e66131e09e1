"""A cooperative's LT heat network (``network: lt``): its households pay the LT network's tariff
(the ACM maximum before the Wcw year, from 2027 the cost-based tariff of a reference network fed
by the LT source), compare their LT option with their alternatives, and the cooperative buys the
LT source's heat at the LT network's 8 % losses. An MT case is what it was."""

from __future__ import annotations

import numpy as np
import pytest

import wupmodel as wm
from wupmodel.params import packaged_table

KWH_PER_GJ = 1e9 / 3.6e6
YEARS = np.arange(2026, 2057)  # the case's years t = 0 .. 30 (the paths end in 2050, held)


def _series(name: str) -> np.ndarray:
    paths = packaged_table("price_paths")
    values = paths[paths["series"] == name].set_index("year")["value"]
    return values.reindex(YEARS).ffill().to_numpy()


def _lt_heat_cost_eur_gj(scop: float = 4.0) -> np.ndarray:
    """By hand (PBL Vesta, CE Delft 2024, as tests/money/test_lt_tariff.py): the aquathermal
    source covers 85 % with its water pumps' 0.017 GJe/GJ and the collective heat pump's 1/SCOP;
    gas peak boilers (efficiency 0.925, 31.65 MJ/m3) the rest; network pumps 0.0072 GJe/GJ; all
    over (1 - 0.08), the LT network's losses. Production prices, EUR per GJ delivered."""
    elec_gj = _series("elec_commodity_eur_kwh") * KWH_PER_GJ
    gas_gj = (_series("gas_commodity_eur_m3") + _series("green_gas_surcharge_eur_m3")) / 0.03165
    produced = 0.85 * (0.017 + 1 / scop) * elec_gj + 0.15 * gas_gj / 0.925 + 0.0072 * elec_gj
    return produced / (1 - 0.08)


def _reference_fixed_charge_eur() -> float:
    """By hand: the reference network's fixed charge per connection incl. VAT (the same pipes
    for MT and LT, tests/money/test_lt_tariff.py): 250 connections, 70 % of the zone, 6 kW."""
    n = 250
    main = 1046 * 1.25 * 10 * (n / 0.7)
    source = 120_000 + 90 * (0.62 + 0.38 / n) * n * 6.0
    service = 6509 * n
    om = 0.02 * source + 0.01 * (main + service)
    rate = 0.51 * 0.03 + 0.49 * 0.06
    crf = rate / (1 - (1 + rate) ** -30)
    deductions = n * (6000 + 4510 / 1.21)
    return 1.21 * (crf * (main + source + service - deductions) + om) / n


@pytest.fixture(scope="module")
def cases(village):
    scenario, stock, outcomes = village

    def case(network: str, **changes):
        return wm.business_case(stock, scenario, outcomes=outcomes, network=network, **changes)

    return case


def test_first_wcw_year_tariff_is_the_lt_reference_tariff_by_hand(cases):
    """2026 (t = 0) is the last ACM year: 828 EUR/yr and 40.97 EUR/GJ incl. VAT for both
    networks. 2027 (t = 1), the first Wcw year: the LT case's tariff path is the reference
    network's fixed charge (the same pipes as MT) and 1.21 x the LT source's heat cost; the MT
    case keeps the biomass source's far dearer heat."""
    lt = cases("lt", tariff_basis="acm", participation=0.85)
    mt = cases("mt", tariff_basis="acm", participation=0.85)
    assert lt.start_year == 2026
    assert lt.tariff_fixed_eur_per_yr[0] == pytest.approx(828.0)
    assert lt.tariff_eur_per_gj[0] == pytest.approx(40.97)
    heat_cost = _lt_heat_cost_eur_gj()
    assert lt.tariff_fixed_eur_per_yr[1] == pytest.approx(_reference_fixed_charge_eur(), rel=1e-9)
    assert lt.tariff_eur_per_gj[1] == pytest.approx(1.21 * heat_cost[1], rel=1e-9)
    np.testing.assert_allclose(lt.tariff_eur_per_gj[1:], 1.21 * heat_cost[1:], rtol=1e-9)
    assert lt.tariff_eur_per_gj[1] == pytest.approx(9.838, abs=5e-3)
    assert mt.tariff_eur_per_gj[1] > 2 * lt.tariff_eur_per_gj[1]  # biomass at 26 % loss: 23.54
    # the cooperative's own cost-based tariff (Wcw): the heat at its cost, the same LT price
    own = cases("lt", tariff_basis="cost_based", participation=0.85)
    np.testing.assert_allclose(own.tariff_eur_per_gj[1:], 1.21 * heat_cost[1:], rtol=1e-9)
    assert own.households["network_option"].str.split("+").str[1].eq("heat_network_lt").all()
    assert mt.households["network_option"].str.split("+").str[1].eq("heat_network_mt").all()


def test_the_lt_case_buys_the_lt_sources_heat(cases):
    """Heat sold at its cost per GJ (cost-based tariff): the cooperative's revenue per GJ,
    excl. VAT, equals what it pays for a GJ delivered, 1 x the LT source's cost by hand."""
    case = cases("lt", tariff_basis="cost_based", participation=0.85)
    hh = case.households
    heat = 0.85 * float(hh["dwellings"] @ hh["heat_gj"])
    y = case.financials.years
    n = case.connections
    per_gj_excl_vat = (y.revenue_eur[1:] * 1.21 - n * case.tariff_fixed_eur_per_yr[1:]) / 1.21
    np.testing.assert_allclose(per_gj_excl_vat / heat, _lt_heat_cost_eur_gj()[1:], rtol=1e-9)
    assert "heatnet.lt_loss_share" in set(case.assumptions["key"])
    assert "heatnet.lt_loss_share" not in set(cases("mt").assumptions["key"])


def test_the_default_mt_case_is_unchanged(cases):
    """Regression pin, measured on main at dee4b55 before the LT network existed (to 1e-9)."""
    assert cases("mt").settings.network == "mt"
    case = cases("mt", tariff_basis="acm", participation=0.85)
    assert case.tariff_fixed_eur_per_yr[1] == pytest.approx(1529.2804115954727, rel=1e-9)
    assert case.tariff_eur_per_gj[1] == pytest.approx(23.544034774270873, rel=1e-9)
    assert case.metrics["project_npv_eur"] == pytest.approx(1002153.3619526227, rel=1e-9)
    assert case.metrics["project_irr"] == pytest.approx(0.0566019183366373, rel=1e-9)
    assert case.break_even_tariff.value == pytest.approx(1291.3084550689894, rel=1e-9)
    assert case.break_even_participation.value == pytest.approx(0.7267265864486361, rel=1e-9)
    assert case.metrics["household_network_cost_eur_per_month"] == pytest.approx(
        277.3809420859687, rel=1e-9
    )
    own = cases("mt", participation=0.85)
    assert own.tariff_fixed_eur_per_yr[1] == pytest.approx(1291.3084550689894, rel=1e-9)
    assert own.metrics["equity_irr"] == pytest.approx(0.030102141036807195, rel=1e-9)


def _case(village, network: str, scop: float, mt_source: str = "biomass"):
    scenario, stock, _ = village
    nets = scenario.heat_networks.model_copy(update={"mt_source": mt_source})
    inputs = wm.model_inputs(scenario.model_copy(update={"heat_networks": nets}))
    inputs = inputs.with_params(inputs.params.with_overrides({"heatnet.lt_source_scop": scop}))
    outcomes = wm.evaluate(stock, inputs, irr=False)
    return wm.business_case(
        stock, inputs, outcomes=outcomes, network=network, tariff_basis="acm", participation=0.85
    )


def _figures(case) -> np.ndarray:
    y = case.financials.years
    hh = case.households
    return np.concatenate(
        [
            case.tariff_fixed_eur_per_yr,
            case.tariff_eur_per_gj,
            y.revenue_eur,
            y.opex_eur,
            hh["network_cost_eur_per_yr"].to_numpy(),
            hh["alternative_cost_eur_per_yr"].to_numpy(),
        ]
    )


@pytest.mark.parametrize("scop", [2.5, 3.0, 5.5])
def test_lt_case_moves_with_the_lt_sources_cost_only(village, scop):
    """Sweep the LT source's heat pump (SCOP): the LT price per GJ from 2027 moves by exactly
    1.21 x 0.85 x (1/SCOP - 1/4) x electricity per GJ / 0.92 (by hand), its revenue per GJ sold
    with it, every household's network cost in the direction of the source's cost, their
    alternatives not at all; the MT case does not move. Changing the MT source (biomass ->
    geothermal) leaves the LT case exactly where it was."""
    base_lt, base_mt = _case(village, "lt", 4.0), _case(village, "mt", 4.0)
    lt, mt = _case(village, "lt", scop), _case(village, "mt", scop)
    np.testing.assert_array_equal(_figures(mt), _figures(base_mt))
    elec_gj = _series("elec_commodity_eur_kwh") * KWH_PER_GJ
    shift = 1.21 * 0.85 * (1 / scop - 1 / 4.0) * elec_gj / 0.92
    moved = lt.tariff_eur_per_gj - base_lt.tariff_eur_per_gj
    assert moved[0] == 0.0  # 2026: the ACM maximum
    np.testing.assert_allclose(moved[1:], shift[1:], rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(lt.tariff_fixed_eur_per_yr, base_lt.tariff_fixed_eur_per_yr)

    def per_gj_sold(case):
        hh, y = case.households, case.financials.years
        heat = 0.85 * float(hh["dwellings"] @ hh["heat_gj"])
        fixed = case.connections * case.tariff_fixed_eur_per_yr[1:]
        return (y.revenue_eur[1:] * 1.21 - fixed) / heat

    np.testing.assert_allclose(per_gj_sold(lt) - per_gj_sold(base_lt), shift[1:], atol=1e-9)
    cost = lt.households["network_cost_eur_per_yr"] - base_lt.households["network_cost_eur_per_yr"]
    sign = np.sign(1 / scop - 1 / 4.0)
    assert (sign * cost > 0).all()
    np.testing.assert_array_equal(
        lt.households["alternative_cost_eur_per_yr"],
        base_lt.households["alternative_cost_eur_per_yr"],
    )
    other_mt = _case(village, "lt", 4.0, mt_source="geothermal")
    np.testing.assert_allclose(_figures(other_mt), _figures(base_lt), rtol=1e-12, atol=1e-9)
    assert not np.allclose(
        _case(village, "mt", 4.0, mt_source="geothermal").tariff_eur_per_gj[1:],
        base_mt.tariff_eur_per_gj[1:],
    )


def test_a_bad_network_says_what_is_allowed():
    with pytest.raises(wm.WupInputError, match=r"'network' = 'ht' is not allowed.*'mt'.*'lt'"):
        wm.coop_settings(network="ht")


def test_participation_curve_of_an_lt_network(village):
    """The curve on the LT network: its households' LT option at the LT tariff; fewer join as
    the fixed charge rises; a bad network is an input error."""
    scenario, stock, outcomes = village
    lt = wm.participation_curve(stock, scenario, outcomes=outcomes, network="lt")
    mt = wm.participation_curve(stock, scenario, outcomes=outcomes)
    assert (np.diff(lt["participation"]) <= 1e-12).all()
    assert lt["tariff_fixed_eur_per_yr"].iloc[-1] == pytest.approx(1.5 * 828.0)  # 2026 ACM cap
    assert not np.array_equal(lt["participation"], mt["participation"])
    with pytest.raises(wm.WupInputError, match="'network' = 'ht'"):
        wm.participation_curve(stock, scenario, outcomes=outcomes, network="ht")
