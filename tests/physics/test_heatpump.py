"""Heat-pump COP and seasonal performance against hplib's published table and Vesta / field data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.params import default_params
from wupmodel.physics import (
    BuildingInputs,
    building_response,
    carnot_cop,
    carnot_fit,
    cop,
    heating_curve_flow_c,
    heating_systems,
    heatpump_fit,
    seasonal_tables,
    temperature_bins,
)

PARAMS = default_params()
TABLES = seasonal_tables(PARAMS)


def test_fit_rows_are_hplib_generic():
    """hplib 1.9 hplib_database.csv Generic rows, p1_COP..p4_COP as printed in the database
    (rounded in parameters-nl.md section 3.2 to (46.3746, -0.0875667, 7.04544, -46.2206) and
    (0.0985646, -0.0985646, 8.12241, -0.000109))."""
    air, brine = heatpump_fit(PARAMS, 1), heatpump_fit(PARAMS, 2)
    np.testing.assert_allclose(
        [air.p1, air.p2, air.p3, air.p4],
        [46.37462900126993, -0.08756667775339223, 7.0454352113504, -46.22057938564581],
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        [brine.p1, brine.p2, brine.p3, brine.p4],
        [0.09856460505867312, -0.09856460590283955, 8.12241287944408, -0.00010931425657465474],
        rtol=1e-12,
    )


# parameters-nl.md section 3.2, "own evaluation of the Generic rows", 2 decimals
AIR_TABLE = {
    35: [2.90, 4.29, 5.06, 5.83],
    45: [2.03, 3.41, 4.18, 4.95],
    55: [1.15, 2.54, 3.31, 4.08],
}
BRINE_TABLE = {35: [4.67, 5.17, 5.66], 45: [3.69, 4.18, 4.67], 55: [2.70, 3.19, 3.69]}


@pytest.mark.parametrize("flow", [35, 45, 55])
def test_cop_table(flow):
    # tolerance 0.006: the published table is rounded to 2 decimals
    air, brine = heatpump_fit(PARAMS, 1), heatpump_fit(PARAMS, 2)
    t_air = np.array([-7.0, 2.0, 7.0, 12.0])
    np.testing.assert_allclose(cop(air, t_air, flow, t_air), AIR_TABLE[flow], atol=0.006)
    t_brine = np.array([0.0, 5.0, 10.0])
    np.testing.assert_allclose(cop(brine, t_brine, flow, 0.0), BRINE_TABLE[flow], atol=0.006)


@settings(max_examples=100, deadline=None)
@given(t_out=st.floats(-20, 20), flow=st.floats(25, 85), rise=st.floats(0.1, 30))
def test_cop_falls_as_supply_temperature_rises(t_out, flow, rise):
    for group, t_src in ((1, t_out), (2, 5.0)):
        fit = heatpump_fit(PARAMS, group)
        assert cop(fit, t_src, flow + rise, t_out) < cop(fit, t_src, flow, t_out)
        model = carnot_fit(PARAMS, group)
        assert carnot_cop(model, t_src, flow + rise) < carnot_cop(model, t_src, flow)


@settings(max_examples=100, deadline=None)
@given(t_src=st.floats(-25, 15), flow=st.floats(25, 90), rise=st.floats(0.1, 20))
def test_cop_rises_with_source_temperature(t_src, flow, rise):
    for group in (1, 2):
        model = carnot_fit(PARAMS, group)
        assert carnot_cop(model, t_src + rise, flow) > carnot_cop(model, t_src, flow)


def _keymark_units(group: int) -> pd.DataFrame | None:
    path = Path(__file__).resolve().parents[3] / "shared" / "data" / "hplib" / "hplib_database.csv"
    if not path.exists():
        path = (
            Path(__file__).resolve().parents[4] / "shared" / "data" / "hplib" / "hplib_database.csv"
        )
    if not path.exists():
        return None
    d = pd.read_csv(path)
    return d[(d["Group"] == group) & (d["Manufacturer"] != "Generic")]


# Heat Pump Keymark test points of the regulated outdoor air/water units in hplib 1.9
# (../shared/data/hplib, 366 units): 10-90 % band of COP_ref at A-7/W52 (measured) and of each
# unit's own Keymark fit at A-7/W35, A2/W35, A7/W35. Recomputed here from the database where it
# is present; otherwise the packaged band table, which scripts/fit_heatpump.py writes from it.
AIR_POINTS = [(-7.0, 35.0), (2.0, 35.0), (7.0, 35.0), (-7.0, 52.0)]


@pytest.mark.parametrize(("t_src", "t_flow"), AIR_POINTS)
def test_air_cop_within_keymark_band(t_src, t_flow):
    units = _keymark_units(1)
    if units is not None:
        if t_flow == 52.0:
            values = units["COP_ref"].to_numpy()
        else:
            values = (
                units["p1_COP [-]"] * t_src
                + units["p2_COP [-]"] * t_flow
                + units["p3_COP [-]"]
                + units["p4_COP [-]"] * t_src
            ).to_numpy()
        lo, hi = np.percentile(values, [10, 90])
    else:
        t = PARAMS.table("heatpump_keymark")
        row = t[
            (t["group"] == 1)
            & (t["quantity"] == "cop")
            & (t["t_source_c"] == t_src)
            & (t["t_flow_c"] == t_flow)
        ]
        lo, hi = float(row["p10"].iloc[0]), float(row["p90"].iloc[0])
    got = float(carnot_cop(carnot_fit(PARAMS, 1), t_src, t_flow))
    assert lo <= got <= hi, (got, lo, hi)


def test_air_cop_at_minus7_52_against_published_median():
    """The issue's own reading of the packaged data: COP_ref of the 366 regulated air/water
    units has a median of 2.02 (10-90 %: 1.80-2.27); hplib's generic linear fit gives 1.41
    there (parameters-nl.md section 3.2 table: 1.15 at -7/55, 2.03 at -7/45)."""
    assert float(carnot_cop(carnot_fit(PARAMS, 1), -7.0, 52.0)) == pytest.approx(2.02, rel=0.05)
    air = heatpump_fit(PARAMS, 1)
    assert float(cop(air, -7.0, 52.0, -7.0)) < 1.5


# EN 14825:2018 average climate (Strasbourg), bins -10..15 C with their hours, and the variable
# outlet temperatures of test points A..D (-7, 2, 7, 12 C): low temperature 34/30/27/24 C,
# medium 52/42/36/30 C (EN 14825 tables for the average climate).
EN_TJ = np.arange(-10, 16, dtype=float)
EN_HOURS = np.array(
    [
        1,
        25,
        23,
        24,
        27,
        68,
        91,
        89,
        165,
        173,
        240,
        280,
        320,
        357,
        356,
        303,
        330,
        326,
        348,
        335,
        315,
        215,
        169,
        151,
        105,
        74,
    ],
    dtype=float,
)
EN_FLOW = {35: (34.0, 30.0, 27.0, 24.0), 55: (52.0, 42.0, 36.0, 30.0)}


@pytest.mark.parametrize("supply", [35, 55])
def test_scop_en14825_within_10_percent_of_keymark_median(supply):
    """SCOP of the model over the EN 14825 average climate (part load (16 - Tj)/26, outlet
    temperature linear between the test points, as the standard) against the median SCOP of
    the packaged Keymark units computed the same way from their own test points (COP_ref at
    A-7/W52, their fits elsewhere): within 10 %."""
    flow = np.interp(
        EN_TJ, [-10.0, -7.0, 2.0, 7.0, 12.0, 15.0], [supply, *EN_FLOW[supply], EN_FLOW[supply][-1]]
    )
    load = (16.0 - EN_TJ) / 26.0 * EN_HOURS
    model = load.sum() / (load / carnot_cop(carnot_fit(PARAMS, 1), EN_TJ, flow)).sum()
    units = _keymark_units(1)
    if units is not None:
        cops = np.stack(
            [
                (
                    units["p1_COP [-]"] * t
                    + units["p2_COP [-]"] * f
                    + units["p3_COP [-]"]
                    + units["p4_COP [-]"] * t
                ).to_numpy()
                for t, f in zip((-7.0, 2.0, 7.0, 12.0), EN_FLOW[supply], strict=True)
            ],
            axis=1,
        )
        if supply == 55:
            cops[:, 0] = units["COP_ref"].to_numpy()
        per_bin = np.stack([np.interp(EN_TJ, [-7.0, 2.0, 7.0, 12.0], c) for c in cops])
        median = float(np.median(load.sum() / (load / per_bin).sum(axis=1)))
    else:
        t = PARAMS.table("heatpump_keymark")
        median = float(t[(t["quantity"] == "scop") & (t["t_flow_c"] == supply)]["p50"].iloc[0])
    assert model == pytest.approx(median, rel=0.10)
    # and both in the range of the EU energy label
    # (ecodesign 811/2013: A++ 35 C >= 3.8, 55 C >= 3.0)
    assert model > {35: 3.8, 55: 3.0}[supply]


@pytest.mark.parametrize(("t_src", "t_flow"), [(0.0, 35.0), (0.0, 52.0)])
def test_ground_cop_within_keymark_band(t_src, t_flow):
    """Brine/water regulated units (53): COP_ref at B0/W52 (measured) and their fits at B0/W35."""
    units = _keymark_units(2)
    if units is None:
        pytest.skip("shared hplib database not present")
    values = (
        units["COP_ref"].to_numpy()
        if t_flow == 52.0
        else (
            units["p1_COP [-]"] * t_src + units["p2_COP [-]"] * t_flow + units["p3_COP [-]"]
        ).to_numpy()
    )
    lo, hi = np.percentile(values, [10, 90])
    assert lo <= float(carnot_cop(carnot_fit(PARAMS, 2), t_src, t_flow)) <= hi


def test_seasonal_tables_fall_with_supply_temperature():
    for arr in (
        TABLES.scop_air,
        TABLES.scop_ground,
        TABLES.cop_air_design,
        TABLES.cop_ground_design,
    ):
        assert np.all(np.diff(arr) <= 1e-12)
    assert np.all(np.diff(TABLES.scop_air) < 0)


def test_scop_is_the_bin_weighted_harmonic_mean():
    """SCOP at 45 C computed here directly from the bins: load ∝ hours × (15 − T)/(15 + 10),
    flow = 20 + 25 × x^(1/1.3) (≥ 30), COP = η·T_h/(T_h − T_c) with the packaged coefficients
    × the field factor 0.9 (≥ 1); the heat pump covers 100 % of the design load at -10 C and
    2 %/K less below it, a backup heater (COP 1) the rest."""
    bins = temperature_bins(PARAMS)
    x = np.maximum((15.0 - bins.temp_c) / 25.0, 0.0)
    q = bins.hours * x
    flow = np.maximum(20.0 + (45.0 - 20.0) * x ** (1 / 1.3), 30.0)
    c = carnot_fit(PARAMS, 1)
    t_h = flow + 273.15 + 5.0
    t_c = bins.temp_c + 273.15 - 5.0
    lab = (c.eta0 + c.eta_s * bins.temp_c + c.eta_f * flow) * t_h / np.maximum(t_h - t_c, 1.0)
    cop_bins = np.maximum(0.9 * lab, 1.0)  # field factor 0.9
    cap = 1.0 * np.maximum(1.0 - 0.02 * np.maximum(-10.0 - bins.temp_c, 0.0), 0.0)
    elec = bins.hours * (np.minimum(x, cap) / cop_bins + np.maximum(x - cap, 0.0))
    expected = q.sum() / elec.sum()
    i = int(np.flatnonzero(TABLES.supply_c == 45.0)[0])
    assert TABLES.scop_air[i] == pytest.approx(expected, rel=1e-6)
    assert TABLES.backup_share_air[i] == pytest.approx(
        (bins.hours * np.maximum(x - cap, 0.0)).sum() / q.sum()
    )
    assert heating_curve_flow_c(-10.0, 45.0, PARAMS) == pytest.approx(45.0)
    assert heating_curve_flow_c(15.0, 45.0, PARAMS) == pytest.approx(30.0)


def test_undersized_heat_pump_needs_backup_in_the_peak():
    """With the heat pump covering 70 % of the design load, the peak per kW of design load is
    0.7 / COP(-10, 45) + 0.3 (backup at COP 1), written out."""
    params = PARAMS.with_overrides({"hp.design_cover_share": 0.7})
    tables = seasonal_tables(params)
    i = int(np.flatnonzero(tables.supply_c == 45.0)[0])
    cop_d = float(carnot_cop(carnot_fit(PARAMS, 1), -10.0, 45.0))
    assert tables.peak_frac_air[i] == pytest.approx(0.7 / cop_d + 0.3)
    assert tables.backup_share_air[i] > TABLES.backup_share_air[i]
    assert tables.scop_air[i] < TABLES.scop_air[i]


@pytest.mark.parametrize(
    ("supply", "vesta_air", "vesta_ground", "tol_ground"),
    [
        (35.0, 4.5, 5.5, 0.10),  # label A (floor heating / LT emitters)
        (40.0, 4.25, 5.0, 0.10),  # label B
        (45.0, 4.0, 4.5, 0.20),  # label C
        (55.0, 3.5, None, None),  # 'other' labels, emitters at the LT limit
    ],
)
def test_scop_against_vesta(supply, vesta_air, vesta_ground, tol_ground):
    """PBL Vesta Performance.csv SPF for space heating, all-electric air/water (eWP_lw) label
    A 4.5, B 4.25, C 4.0, other 3.5; ground-source (eWP_bw) A 5.5, B 5.0, C 4.5. Labels are
    mapped to design supply temperatures as stated above. Tolerance +-10 % for air (our SCOP
    is for Drenthe, Vesta's national); +-20 % for ground at 45 C because our constant 5 C brine
    (an assumption) flatters ground-source heat pumps in older dwellings. Note: ``hp.field_factor``
    is calibrated on the air/water figures at 35-45 C, so for air those three rows check the shape
    only; 55 C and the ground-source rows are independent checks."""
    i = int(np.flatnonzero(TABLES.supply_c == supply)[0])
    assert TABLES.scop_air[i] == pytest.approx(vesta_air, rel=0.10)
    if vesta_ground is not None:
        assert TABLES.scop_ground[i] == pytest.approx(vesta_ground, rel=tol_ground)


def test_hybrid_share_against_vesta_and_field():
    """Share of space heat from the hybrid heat pump in existing (current-level) dwellings of the
    Drenthe mix: Vesta assumes 78 % (Performance.csv BasisHWP_w P_vol), the Installatiemonitor
    field data 68 % (n-tra.nl). The model must land between 68 - 8 and 78 + 8 %."""
    years = [1920, 1938, 1955, 1970, 1983, 1998, 2012]
    counts = np.array([17659, 12508, 32679, 44941, 54745, 38182, 21183], dtype=float)
    types = np.repeat(np.arange(5), 7)
    inp = BuildingInputs(
        types,
        np.tile(years, 5),
        np.repeat([150.0, 130, 115, 110, 75], 7),
        np.full(35, -1),
        np.full(35, np.nan),
        np.full(35, np.nan),
    )
    b = building_response(inp, PARAMS)
    s = heating_systems(b, inp.dwelling_type, PARAMS)
    w = np.tile(counts, 5) * b.space_heat_kwh[:, 0]
    share = float((s.heat_pump_share[:, 0, 1] * w).sum() / w.sum())
    assert 0.60 <= share <= 0.86, share
