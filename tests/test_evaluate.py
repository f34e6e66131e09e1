"""Evaluation of every dwelling × option: shape, identities, grouping, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.options import build_catalogue
from wupmodel.outcomes import QUANTITIES
from wupmodel.params import packaged_table
from wupmodel.physics import REASONS
from wupmodel.stock import validate_stock
from wupmodel.village import level_fit, strategies_from_table, strategy_choice
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, HEATING_SYSTEMS, INSULATION_LEVELS

REQUIRED_COLUMNS = [
    "dwelling_id",
    "option_id",
    "insulation",
    "heating",
    "pv",
    "solar_thermal",
    "feasible",
    "gas_m3",
    "electricity_import_kwh",
    "electricity_export_kwh",
    "heat_gj",
    "peak_kw",
    "co2_kg",
    "capex_eur",
]

# Published CO2 factors the default scenario must use (first year 2026):
GAS_CO2_KG_PER_M3 = 1.78  # ISSO 82 / NTA 8800 forfaitary factor for natural gas
ELEC_CO2_KG_PER_KWH_2026 = 0.195  # PBL Vesta ASA2025 RAT_CO2_KWH, 2026


def _stock(rows: list[dict]) -> pd.DataFrame:
    return validate_stock(pd.DataFrame(rows), "test")


@pytest.fixture(scope="module")
def aalden():
    scenario = wm.load_scenario()
    stock = wm.synthesise_stock(scenario.village.buurt_code, seed=scenario.village.seed)
    return scenario, stock, wm.evaluate(stock, scenario)


def test_long_table_has_the_contract_columns(aalden):
    _, stock, out = aalden
    frame = out.to_frame()
    for col in REQUIRED_COLUMNS:
        assert col in frame.columns
    # insulation x heating x PV x solar thermal, and the PV options again with the default
    # catalogue's one home battery (5 kWh), after all the others
    n_opt = len(INSULATION_LEVELS) * len(HEATING_SYSTEMS) * 2 * 3
    assert len(frame) == len(stock) * n_opt == 758 * 144
    assert set(frame["dwelling_id"]) == set(stock["dwelling_id"])


def test_no_address_columns_leak(aalden):
    frame = aalden[2].to_frame()
    assert not any(c in frame.columns for c in ("street", "straat", "postcode", "huisnummer"))


def test_reference_is_always_feasible(aalden):
    out = aalden[2]
    assert out.feasible[:, out.catalogue.reference_index].all()


def test_co2_identity_uses_published_factors(aalden):
    out = aalden[2]
    heating = np.asarray(HEATING_SYSTEMS)[out.catalogue.heating]
    no_network = ~np.isin(heating, ["heat_network_mt", "heat_network_lt"])
    expected = (
        out["gas_m3"] * GAS_CO2_KG_PER_M3 + out["electricity_import_kwh"] * ELEC_CO2_KG_PER_KWH_2026
    )
    np.testing.assert_allclose(out["co2_kg"][:, no_network], expected[:, no_network], rtol=1e-12)


def test_energy_balance_of_pv(aalden):
    out = aalden[2]
    self_used = out["pv_kwh"] - out["electricity_export_kwh"]
    np.testing.assert_allclose(
        out["electricity_import_kwh"] + self_used, out["electricity_demand_kwh"], rtol=1e-9
    )
    assert (self_used >= -1e-9).all() and (out["electricity_export_kwh"] >= -1e-9).all()


def test_heat_pumps_and_networks_use_no_gas(aalden):
    out = aalden[2]
    heating = np.asarray(HEATING_SYSTEMS)[out.catalogue.heating]
    gas_free = np.isin(heating, ["air_hp", "ground_hp", "heat_network_mt", "heat_network_lt"])
    assert (out["gas_m3"][:, gas_free] == 0).all()
    assert (out["gas_m3"][:, heating == "gas_boiler"] > 0).all()


def test_capex_is_sum_of_components(aalden):
    out = aalden[2]
    parts = sum(
        out[k]
        for k in (
            "capex_insulation_eur",
            "capex_heating_eur",
            "capex_pv_eur",
            "capex_solar_thermal_eur",
            "capex_battery_eur",
        )
    )
    np.testing.assert_allclose(out["capex_eur"], parts)


def test_metered_gas_is_reproduced_by_the_reference_option():
    stock = _stock(
        [
            {
                "dwelling_id": "a",
                "dwelling_type": "tussenwoning",
                "construction_year": 1970,
                "floor_area_m2": 110,
                "gas_m3": 1234.0,
            },
            {
                "dwelling_id": "b",
                "dwelling_type": "vrijstaand",
                "construction_year": 1930,
                "floor_area_m2": 160,
                "gas_m3": 2100.0,
            },
        ]
    )
    out = wm.evaluate(stock)
    ref = out.catalogue.reference_index
    got = dict(zip(out.dwelling_ids, out["gas_m3"][out.dwelling_group, ref], strict=True))
    np.testing.assert_allclose([got["a"], got["b"]], [1234.0, 2100.0], rtol=1e-6)


def test_groups_equal_their_members():
    base = {
        "dwelling_type": "hoekwoning",
        "construction_year": 1968,
        "floor_area_m2": 115.0,
        "energy_label": "D",
        "heat_network_zone": "kern",
    }
    grouped = _stock([{**base, "dwelling_id": "g", "count": 3}])
    single = _stock([{**base, "dwelling_id": f"s{i}"} for i in range(3)])
    og, os_ = wm.evaluate(grouped), wm.evaluate(single)
    assert og.n_groups == 1 and os_.n_groups == 1
    assert og.counts.sum() == os_.counts.sum() == 3
    for name in og.arrays:
        np.testing.assert_allclose(og[name], os_[name], err_msg=name)


def test_chunked_equals_whole(aalden):
    scenario, stock, out = aalden
    parts = list(wm.iter_evaluate(stock, scenario, chunk_size=100))
    assert len(parts) > 1
    chunked = parts[0]
    for p in parts[1:]:
        chunked = chunked.concat(p)
    for name in out.arrays:
        np.testing.assert_allclose(chunked[name], out[name], err_msg=name)


def test_heat_network_only_in_zone():
    stock = _stock(
        [
            {
                "dwelling_id": "in",
                "dwelling_type": "tussenwoning",
                "construction_year": 1980,
                "floor_area_m2": 100,
                "heat_network_zone": "kern",
            },
            {
                "dwelling_id": "out",
                "dwelling_type": "tussenwoning",
                "construction_year": 1981,
                "floor_area_m2": 100,
            },
        ]
    )
    out = wm.evaluate(stock)
    heating = np.asarray(HEATING_SYSTEMS)[out.catalogue.heating]
    net = heating == "heat_network_mt"
    row = {d: g for d, g in zip(out.dwelling_ids, out.dwelling_group, strict=True)}
    assert out.feasible[row["in"], net].any()
    assert not out.feasible[row["out"], net].any()


def test_catalogue_has_at_least_96_options():
    c = build_catalogue()
    assert c.size == 96 and len(set(c.option_ids)) == 96
    assert c.option_ids[c.reference_index] == "current+gas_boiler"
    # grid order: PV slowest, then solar thermal, insulation, heating (no reordering needed)
    assert c.reference_index == 0 and c.option_ids[1] == "current+hybrid_hp"
    assert c.option_ids[6] == "basic+gas_boiler" and c.option_ids[24] == "current+gas_boiler+st"
    assert (
        c.option_ids[48] == "current+gas_boiler+pv"
        and c.option_ids[95] == "deep+heat_network_lt+pv+st"
    )


dwelling = st.fixed_dictionaries(
    {
        "dwelling_type": st.sampled_from(DWELLING_TYPES),
        "construction_year": st.integers(1850, 2024),
        "floor_area_m2": st.floats(30, 400),
        "energy_label": st.sampled_from(ENERGY_LABELS[4:] + ("",)),
        "gas_m3": st.one_of(st.just(float("nan")), st.floats(200, 5000)),
        "heat_network_zone": st.sampled_from(["kern", ""]),
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(dwelling, min_size=1, max_size=12))
def test_every_outcome_is_finite_and_non_negative(rows):
    stock = _stock([{**r, "dwelling_id": f"d{i}"} for i, r in enumerate(rows)])
    out = wm.evaluate(stock)
    for name in QUANTITIES:  # physical quantities: finite and non-negative
        arr = out[name]
        assert np.isfinite(arr).all(), name
        assert (arr >= -1e-9).all(), name
    # money: costs finite (changes and NPVs may be negative; IRR, payback and EUR/t may be NaN/inf)
    for name in (
        "subsidy_eur",
        "end_user_annual_cost_eur",
        "national_annual_cost_eur",
        "bill_year1_eur",
        "monthly_cost_year1_eur",
        "monthly_cost_change_eur",
        "npv_end_user_eur",
    ):
        assert np.isfinite(out[name]).all(), name
    assert (out["subsidy_eur"] >= 0).all() and (out["subsidy_eur"] <= out["capex_eur"] + 1e-9).all()


def test_a_smaller_catalogue_gives_the_same_numbers_for_its_options(aalden):
    scenario, stock, full = aalden
    small = wio.scenario_from_text(
        "catalogue:\n  insulation: [current, deep]\n  heating: [gas_boiler, ground_hp]\n"
        "  pv: [false, true]\n  solar_thermal: [false]\n",
        "small",
    )
    part = wm.evaluate(stock.iloc[:50], small)
    assert part.catalogue.size == 2 * 2 * 2 + 2 * 2  # the PV options again with a battery
    rows = {d: g for d, g in zip(full.dwelling_ids, full.dwelling_group, strict=True)}
    idx = [rows[d] for d in part.dwelling_ids]
    cols = [
        full.catalogue.index_of(*o)
        for o in zip(
            part.catalogue.to_frame()["insulation"],
            part.catalogue.to_frame()["heating"],
            part.catalogue.pv,
            part.catalogue.solar_thermal,
            part.catalogue.battery_kwh,
            strict=True,
        )
    ]
    for name in (
        "gas_m3",
        "electricity_import_kwh",
        "co2_kg",
        "capex_eur",
        "peak_kw",
        "feasible",
        "national_annual_cost_eur",
    ):
        np.testing.assert_allclose(
            part[name][part.dwelling_group], full[name][np.ix_(idx, cols)], err_msg=name
        )


def test_lazy_join_reads_like_the_whole(aalden):
    """evaluate() in chunks: totals and picks go chunk by chunk (money without any (G, O) array)
    and equal the single-chunk arrays reduced by hand."""
    scenario, stock, out = aalden
    lazy = wm.evaluate(stock, scenario, chunk_size=97)
    assert len(list(lazy.parts())) == -(-out.n_groups // 97)
    counts = out.counts
    rng = np.random.default_rng(3)
    choice = rng.integers(0, out.catalogue.size, out.n_groups)
    rows = np.arange(out.n_groups)
    for name in (
        "gas_m3",
        "national_annual_cost_eur",
        "monthly_cost_change_eur",
        "npv_end_user_eur",
        "subsidy_eur",
    ):
        np.testing.assert_allclose(lazy.totals(name), counts @ out[name], rtol=1e-9, err_msg=name)
        np.testing.assert_allclose(
            lazy.pick(name, choice), out[name][rows, choice], rtol=1e-12, err_msg=name
        )
    np.testing.assert_allclose(lazy["irr"], out["irr"], rtol=1e-12, equal_nan=True)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_streamed_outcomes_equal_the_long_table(aalden, tmp_path, suffix):
    """write_outcomes writes chunk by chunk (Parquet row groups, CSV appended) the rows of
    to_frame(), in order, and leaves no temporary file."""
    import pyarrow.parquet as pq

    scenario, stock, out = aalden
    path = tmp_path / f"outcomes{suffix}"
    rows, n_options = wio.write_outcomes(wm.iter_evaluate(stock, scenario, chunk_size=200), path)
    expected = out.to_frame()
    assert (rows, n_options) == (len(expected), out.catalogue.size)
    if suffix == ".parquet":
        assert pq.ParquetFile(path).num_row_groups == -(-out.n_groups // 200)
        written = pd.read_parquet(path)
    else:
        written = pd.read_csv(path, dtype={"dwelling_id": str})
    assert list(written.columns) == list(expected.columns)
    assert (written["dwelling_id"].to_numpy() == expected["dwelling_id"].to_numpy()).all()
    for col in ("gas_m3", "monthly_cost_change_eur", "irr", "co2_kg"):
        np.testing.assert_allclose(
            written[col].to_numpy(float), expected[col].to_numpy(float), rtol=1e-12, equal_nan=True
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_iter_frames_releases_each_chunk(aalden):
    scenario, stock, out = aalden
    lazy = wm.evaluate(stock, scenario, chunk_size=300)
    frames = list(lazy.iter_frames())
    assert sum(len(f) for f in frames) == len(out.to_frame())
    assert all(not part._cache and not part._computed for part in lazy.arrays.parts)


def test_summary_of_chunks_equals_the_whole(aalden):
    """summarise() of an evaluation in many chunks (money prefetched chunk by chunk, released
    after each) gives the single-chunk tables."""
    scenario, stock, out = aalden
    whole = wm.summarise(out, scenario)
    chunked = wm.summarise(wm.evaluate(stock, scenario, chunk_size=150), scenario)
    for name in ("summary", "who_pays", "per_type", "per_dwelling"):
        pd.testing.assert_frame_equal(
            chunked[name], whole[name], rtol=1e-12, check_exact=False, obj=name
        )


def test_asking_for_a_quantity_does_not_compute_it():
    """``name in outcomes.arrays`` answers from the names: the deferred money is not computed."""
    from wupmodel.outcomes import FactoredArrays

    def never():
        raise AssertionError("computed")

    arrays = FactoredArrays({"money": never}, {"money": np.arange(3)})
    joined = arrays.concat(FactoredArrays({"money": never}, {"money": np.arange(3)}), (2, 2))
    assert "money" in arrays and "money" in joined and "gas" not in joined


# ---------------------------------------------------------------------------------------------
# Issue 9: why an option is infeasible, per dwelling x option, and in the village summary


def test_reason_codes_in_the_outcome_table():
    """Each rule of the catalogue gives its readable reason, and only where the option is
    infeasible: a high-rise flat has no room for boreholes (ground_hp); a dwelling outside every
    heat-network zone cannot join one; a dwelling with no roof area gets no PV; a 2005 detached
    house with label G (far more heat loss than its as-built radiators were sized for) stays
    above 55 C after the LT emitter works until it is insulated."""
    stock = _stock(
        [
            {
                "dwelling_id": "flat",
                "dwelling_type": "meergezins_hoog",
                "construction_year": 1975,
                "floor_area_m2": 70,
                "heat_network_zone": "kern",
            },
            {
                "dwelling_id": "farm",
                "dwelling_type": "vrijstaand",
                "construction_year": 2005,
                "floor_area_m2": 114,
                "roof_area_m2": 0.0,
                "energy_label": "G",
            },
        ]
    )
    frame = wm.evaluate(stock, money=False).to_frame()
    assert (frame["feasible"] == (frame["infeasible_reason"] == "")).all()
    row = frame.set_index(["dwelling_id", "option_id"])["infeasible_reason"]
    assert row[("flat", "standard+ground_hp")] == "no_room_for_boreholes"
    assert row[("flat", "standard+heat_network_mt")] == ""
    assert row[("farm", "standard+heat_network_mt")] == "outside_heat_network_zone"
    assert row[("farm", "standard+gas_boiler+pv")] == "no_roof_for_pv"
    assert row[("farm", "current+air_hp")] == "supply_above_limit_after_lt_emitters"
    assert row[("farm", "standard+air_hp")] == ""
    assert row[("flat", "standard+air_hp")] == ""


def test_village_summary_reports_deeper_insulation_and_reasons(aalden):
    """Issue 9 acceptance: for all-electric air at most 20 % of the default village needs `deep`.
    And the counts are those of the outcome table: with the heat-pump limit lowered to 45 C, the
    dwellings whose standard+air_hp is infeasible (counted here from to_frame) either take `deep`
    or keep gas, and the summary names their reason with that count."""
    scenario, stock, out = aalden
    summary = wm.summarise(out, scenario)["summary"].set_index("strategy")
    assert summary.loc["all_electric_air", "share_deeper_insulation"] <= 0.20
    assert summary.loc["reference", "not_feasible_reasons"] == ""

    params = scenario.params().with_overrides({"hp.max_supply_temp_c": 45.0})
    tight = wm.evaluate(stock, wm.model_inputs(scenario, params=params), money=False)
    frame = tight.to_frame()
    at_standard = frame[frame["option_id"] == "standard+air_hp"]
    n_infeasible = int((~at_standard["feasible"]).sum())
    at_deep = frame[frame["option_id"] == "deep+air_hp"].set_index("dwelling_id")["feasible"]
    bad = at_standard.loc[~at_standard["feasible"], "dwelling_id"]
    n_deep = int(at_deep[bad].sum())
    assert n_infeasible > 0 and set(
        at_standard.loc[~at_standard["feasible"], "infeasible_reason"]
    ) == {"supply_above_limit_after_lt_emitters"}
    air = next(
        s
        for s in strategies_from_table(packaged_table("strategies"))
        if s.name == "all_electric_air"
    )
    fit = level_fit(tight, air, strategy_choice(tight, air))
    assert fit["dwellings_deeper_insulation"] == n_deep
    assert fit["dwellings_keep_gas"] == n_infeasible - n_deep
    assert fit["not_feasible_reasons"] == f"supply_above_limit_after_lt_emitters {n_infeasible}"
    assert fit["share_deeper_insulation"] == pytest.approx(n_deep / 758)


def test_per_dwelling_sheet_names_the_reason_at_the_strategy_level(aalden):
    """The per-dwelling table says, per dwelling and strategy, why its system does not fit at the
    strategy's level; counted, that is the summary's not_feasible_reasons (default village: the
    330 dwellings outside the heat-network zone for both networks, nothing else)."""
    scenario, _, out = aalden
    tables = wm.summarise(out, scenario)
    d, summary = tables["per_dwelling"], tables["summary"].set_index("strategy")
    for strategy, part in d.groupby("strategy"):
        counts = part.loc[part["not_feasible_reason"] != "", "not_feasible_reason"].value_counts()
        text = "; ".join(f"{k} {counts[k]}" for k in REASONS if k in counts)
        assert text == summary.loc[strategy, "not_feasible_reasons"], strategy
    assert summary.loc["heat_network_mt", "not_feasible_reasons"] == "outside_heat_network_zone 330"
