"""The criteria's packaged tables: sources, and the figures re-derived from their sources."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wupmodel.criteria import indicator_table, weighed_criteria
from wupmodel.params import default_params, parameter_table, table_names

ROOT = Path(__file__).resolve().parents[2]
HPLIB = next(
    (
        d / "shared" / "data" / "hplib" / "hplib_database.csv"
        for d in (ROOT.parent, ROOT.parent.parent)
        if (d / "shared" / "data" / "hplib" / "hplib_database.csv").is_file()
    ),
    None,
)
needs_hplib = pytest.mark.skipif(HPLIB is None, reason="hplib reference data not beside the repo")


def test_every_criteria_table_and_parameter_has_a_source_and_year():
    names = [n for n in table_names() if n.startswith("criteria_")]
    assert len(names) >= 7
    params = default_params()
    for name in names:
        t = params.table(name)
        assert t["source"].astype(str).str.len().gt(10).all(), name
        assert t["year"].between(1990, 2030).all(), name
    rows = parameter_table()
    rows = rows[rows["file"] == "criteria.csv"]
    assert len(rows) >= 20
    assert rows["source"].str.len().gt(20).all() and rows["year"].notna().all()
    assert ((rows["min"] <= rows["value"]) & (rows["value"] <= rows["max"])).all()


@needs_hplib
def test_sound_power_classes_re_derived_from_hplib():
    """The 10/50/90 % sound power per capacity class, from hplib's Keymark units."""
    d = pd.read_csv(HPLIB)
    units = d[(d["Group"] == 1) & (d["Manufacturer"] != "Generic")]
    units = units.dropna(subset=["SPL outdoor [dBA]", "P_th_h_ref [W]"])
    kw = units["P_th_h_ref [W]"] / 1000
    table = default_params().table("criteria_heatpump_sound")
    for row in table.itertuples():
        lw = units.loc[
            (kw > row.capacity_from_kw) & (kw <= row.capacity_to_kw), "SPL outdoor [dBA]"
        ]
        assert len(lw) == row.n_units
        np.testing.assert_allclose(
            np.percentile(lw, [10, 50, 90]),
            [row.lw_p10_db_a, row.lw_p50_db_a, row.lw_p90_db_a],
            atol=0.005,
        )
    assert table["n_units"].sum() == len(units)


def test_sound_power_within_the_ecodesign_maxima():
    """EU 206/2012 (Ecodesign): at most 65 dB(A) up to 6 kW and 70 dB(A) from 6 to 12 kW rated
    output (vakbladwarmtepompen.nl 2018). The classes here are by capacity at A-7/W52, below the
    rated output of the same unit, so the check covers the classes up to 10 kW (a unit of 10-12 kW
    at -7 C may be rated above 12 kW): even their loud (90 %) unit keeps to it."""
    t = default_params().table("criteria_heatpump_sound")
    assert (t.loc[t["capacity_to_kw"] <= 6, "lw_p90_db_a"] <= 65).all()
    six_ten = (t["capacity_from_kw"] >= 6) & (t["capacity_to_kw"] <= 10)
    assert six_ten.sum() == 2 and (t.loc[six_ten, "lw_p90_db_a"] <= 70).all()


@needs_hplib
def test_cooling_eer_fit_is_hplibs_generic_air_water_fit():
    d = pd.read_csv(HPLIB)
    generic = d[(d["Manufacturer"] == "Generic") & (d["Group"] == 1)].iloc[0]
    row = default_params().table("criteria_cooling_eer").set_index("heating").loc["air_hp"]
    for k in range(1, 5):
        assert row[f"p{k}_eer"] == pytest.approx(generic[f"p{k}_EER [-]"], rel=1e-6)


def test_july_irradiance_is_nta_8800_table_17_2():
    """NTA 8800:2025 table 17.2, De Bilt, July, vertical: S, SW, W, NW, N, NE, E, SE (W/m²). Their
    mean is the package's orientation-mean July irradiance; the worst is south-west."""
    july = [109.7, 117.1, 112.7, 88.5, 66.7, 81.2, 104.9, 113.2]
    params = default_params()
    monthly = params.table("physics_climate_monthly").set_index("month")
    assert monthly.loc[7, "irradiance_vertical_mean_w_m2"] == pytest.approx(np.mean(july), abs=0.01)
    assert params["criteria.july_irradiance_worst_w_m2"] == max(july)
    assert params["criteria.july_outdoor_temp_c"] == monthly.loc[7, "temp_nta8800_debilt_c"]


def test_indicator_definitions(village_indicators):
    table = indicator_table(default_params())
    dwelling = set(table.index[table["level"] == "dwelling"])
    assert dwelling == set(village_indicators.names)
    assert set(table["direction"]) <= {"lower", "higher"}
    assert (table["min_range"] > 0).all()
    weighed = weighed_criteria(default_params())
    assert {"monthly_cost_change_avg_eur", "co2_t", "overheating_tojuli_k"} <= set(weighed)
    weights = default_params().table("criteria_weights")
    assert set(weights["criterion"]) == set(weighed)
    assert set(weights["group"]) == {"equal", "residents", "tenants", "corporation", "municipality"}
