"""Issue 9 acceptance, physics part: the insulated mid-terrace peak, savings after insulation,
apartments against observed gas use. Every expected number is written out here with its source."""

from __future__ import annotations

import numpy as np
import pytest

from wupmodel.params import default_params
from wupmodel.physics import BuildingInputs, building_response, dwelling_peak_kw, heating_systems
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, HEATING_SYSTEMS, INSULATION_LEVELS

P = default_params()
AIR = HEATING_SYSTEMS.index("air_hp")
BOILER = HEATING_SYSTEMS.index("gas_boiler")
CURRENT, STANDARD, DEEP = (INSULATION_LEVELS.index(x) for x in ("current", "standard", "deep"))


def inputs(types, years, areas, labels=None, gas=None) -> BuildingInputs:
    n = len(types)
    return BuildingInputs(
        dwelling_type=np.array([DWELLING_TYPES.index(t) for t in types]),
        construction_year=np.array(years),
        floor_area_m2=np.array(areas, dtype=float),
        energy_label=np.full(n, -1)
        if labels is None
        else np.array([ENERGY_LABELS.index(x) for x in labels]),
        gas_m3=np.full(n, np.nan) if gas is None else np.array(gas, dtype=float),
        roof_area_m2=np.full(n, np.nan),
    )


def _gas_m3(b: object, level: int) -> np.ndarray:
    """HR-boiler gas written out: (space / 1.04 + hot water / 0.72) / (31.65 MJ/m3 / 3.6)."""
    return (b.space_heat_kwh[:, level] / 1.04 + b.hot_water_kwh / 0.72) / (31.65 / 3.6)


# ---------------------------------------------------------------------------------------------
# 1. Electric peak at -10 C of an insulated mid-terrace dwelling


def test_insulated_mid_terrace_peak_between_2_5_and_4_5_kw():
    """Mid-terrace (tussenwoning) built 1970, RVO Voorbeeldwoningen 2022 row 'rijwoning tussen
    1965-1974' (114.9 m2), `standard` insulation, air/water heat pump, before diversity.

    Design heat load, ISSO 51 style at 20 / -10 C (30 K), by hand:
      transmission with RVO's package-1 U-values (Standaard voor woningisolatie level):
        floor 48.3 m2 x 0.266 x b 0.7 = 9.0; facade 37.67 x 0.535 = 20.2; roof 55.6 x 0.272 = 15.1;
        windows 24.98 x 1.4 = 35.0; doors 4.6 x 1.4 = 6.4;  H_T = 85.7 W/K
      ventilation, NTA 8800 table 11.8: f_tau 0.8 x 0.5 dm3/s.m2 x 114.9 m2 = 46.0 dm3/s;
        infiltration of a draught-proofed 1970s house about 0.38 dm3/s.m2 (qv10 1.25 dm3/s.m2)
        = 43.5 dm3/s;
        H_V = 1.2 J/(dm3.K) x 89.5 = 107 W/K
      load = (85.7 + 107) x 30 / 1000 = 5.8 kW at 114.9 m2, i.e. 5.5 kW at 110 m2
        (the issue: "about 5 kW").
    COP at the design point: emitter works bring the supply to 50 C; Carnot model with the
      packaged Keymark fit (eta = 0.682063 + 0.0105235 x (-10) - 0.003501 x 50 = 0.4018;
      T_h = 50 + 273.15 + 5 = 328.15 K, T_c = -10 + 273.15 - 5 = 258.15 K):
      COP = 0.4018 x 328.15 / 70.0 = 1.88 (lab COP at full load; the Keymark median at -7/52
      is 2.02).
    Backup share: the heat pump covers 100 % of the design load at -10 C (ISSO 98), so no backup
      heater runs at the design point.
    Appliances coinciding with the heating peak: 1.0 kW (grid.appliance_at_heating_peak_kw).
    Peak = 5.5 / 1.88 + 0 + 1.0 = 3.9 kW, inside the 2.5-4.5 kW of issue 9."""
    b = building_response(inputs(["tussenwoning"], [1970], [110.0]), P)
    s = heating_systems(b, np.array([DWELLING_TYPES.index("tussenwoning")]), P)
    load = float(b.design_heat_load_kw[0, STANDARD])
    assert load == pytest.approx(5.8 * 110.0 / 114.9, rel=0.15)
    assert float(s.operating_supply_c[0, STANDARD, AIR]) == pytest.approx(50.0)
    cop = 0.401778 * 328.15 / 70.0
    heating_peak = load / cop + 0.0
    assert float(s.peak_kw[0, STANDARD, AIR]) == pytest.approx(heating_peak, rel=2e-3)
    peak = float(dwelling_peak_kw(s.peak_kw[:, STANDARD, AIR], P)[0])
    assert peak == pytest.approx(heating_peak + 1.0, rel=2e-3)
    assert 2.5 <= peak <= 4.5, peak


def test_small_heating_peaks_sit_on_the_appliance_evening_peak_of_3_kw():
    """Why many dwellings in the golden sample rows have a peak of exactly 3.0 kW: a dwelling's peak
    is the larger of the appliance evening peak, grid.appliance_peak_kw = 3.0 kW (PBL Vesta
    20250120_Vermogens.csv ASW_Eapp_wl_asl, 2.4-3.6 kW per dwelling, midpoint), and the heating
    peak at -10 C plus 1.0 kW of coinciding appliances. The gas boiler (heating peak 0) and every
    heat pump whose heating peak is below 2.0 kW therefore show 3.0 kW: a floor from the appliances,
    not a connection minimum. Deep-insulated mid-terrace with an air heat pump: about 1.6 kW of
    heating + 1.0 = 2.6 kW < 3.0, so 3.0; its uninsulated state: well above."""
    b = building_response(inputs(["tussenwoning"], [1970], [110.0]), P)
    s = heating_systems(b, np.array([DWELLING_TYPES.index("tussenwoning")]), P)
    peaks = dwelling_peak_kw(s.peak_kw[0], P)  # (L, H)
    assert np.all(peaks[:, BOILER] == 3.0)
    assert float(s.peak_kw[0, DEEP, AIR]) + 1.0 < 3.0 and float(peaks[DEEP, AIR]) == 3.0
    assert float(peaks[CURRENT, AIR]) > 3.0


# ---------------------------------------------------------------------------------------------
# 2. Savings after insulation


# Drenthe dwellings per construction period
# (PBL Startanalyse 2020 input, /shared/data/drenthe-buurten-2020):
# 1946-1964 32 679, 1965-1974 44 941, 1975-1991 54 745; one year per period.
YEARS_1950_1990 = [1955, 1970, 1983]
COUNTS_1950_1990 = np.array([32679, 44941, 54745], dtype=float)
GROUND_BOUND = {
    "tussenwoning": 110,
    "hoekwoning": 115,
    "twee_onder_een_kap": 130,
    "vrijstaand": 150,
}


@pytest.mark.parametrize("dwelling_type", list(GROUND_BOUND))
def test_standard_insulation_keeps_0_62_to_0_82_of_the_gas(dwelling_type):
    """`standard` insulation keeps 0.62-0.82 of the current gas use of typical 1950-1990
    ground-bound dwellings at label D (the Drenthe mix of the three construction periods).

    Observed savings: PBL Startanalyse 2020 keeps 0.74 of Aalden's gas at label B (issue 9);
    TNO/CPB 2023 find -25 % gas (0.75) for the full envelope of pre-1992 dwellings (ANP, 2023-04;
    parameters-nl.md section 2.1). The band is issue 9's. The practice-factor curve is fitted on
    gas *levels* only (scripts/fit_practice.py), so this saving is an independent check.
    Individually the 1975-1991 dwellings keep 0.81-0.84: they already have cavity insulation
    (PBL Vesta's own kentallen keep 0.91 of the space heat of a 1975-1991 vrijstaand going
    C -> B)."""
    area = GROUND_BOUND[dwelling_type]
    b = building_response(
        inputs([dwelling_type] * 3, YEARS_1950_1990, [area] * 3, labels=["D"] * 3), P
    )
    kept = _gas_m3(b, STANDARD) / _gas_m3(b, CURRENT)
    s = heating_systems(b, np.full(3, DWELLING_TYPES.index(dwelling_type)), P)
    np.testing.assert_allclose(
        s.gas_m3[:, STANDARD, BOILER] / s.gas_m3[:, CURRENT, BOILER], kept, rtol=1e-9
    )
    mean = float(kept @ COUNTS_1950_1990 / COUNTS_1950_1990.sum())
    assert 0.62 <= mean <= 0.82, (dwelling_type, np.round(kept, 3), mean)
    assert np.all(kept < 0.86), np.round(kept, 3)


def test_metered_dwelling_keeps_its_ratio_to_the_curve_after_insulation():
    """A dwelling calibrated to metered gas keeps its own ratio to the default practice curve at
    every insulation level (PBL Referentieverbruik II: the household's deviation stays, the
    prebound effect of the state goes). Written out: metered 1 500 m3 for a 1970 semi-detached;
    its current space heat = (1 500 x 8.7917 kWh/m3 - hot water / 0.72) x 1.04; k = that / the
    uncalibrated current space heat; then space heat at each level = k x the uncalibrated one."""
    b0 = building_response(inputs(["twee_onder_een_kap"], [1970], [130.0]), P)
    b1 = building_response(inputs(["twee_onder_een_kap"], [1970], [130.0], gas=[1500.0]), P)
    space_metered = (1500.0 * 31.65 / 3.6 - b1.hot_water_kwh[0] / 0.72) * 1.04
    assert float(b1.space_heat_kwh[0, CURRENT]) == pytest.approx(space_metered, rel=1e-9)
    k = space_metered / float(b0.space_heat_kwh[0, CURRENT])
    assert k != pytest.approx(1.0, abs=0.02)  # a real deviation from the curve
    np.testing.assert_allclose(b1.space_heat_kwh[0], k * b0.space_heat_kwh[0], rtol=1e-9)
    np.testing.assert_allclose(b1.practice_factor[0] / b0.practice_factor[0], k, rtol=1e-9)


# ---------------------------------------------------------------------------------------------
# 3. Apartments against observed gas use and the Vesta kentallen

# Drenthe construction-period mix of all dwellings (as tests/physics/test_demand.py)
PERIOD_YEARS = [1920, 1938, 1955, 1970, 1983, 1998, 2012]
PERIOD_COUNTS = np.array([17659, 12508, 32679, 44941, 54745, 38182, 21183], dtype=float)
#: CBS StatLine "Energieverbruik particuliere woningen; woningtype, wijken en buurten", average gas
#: use of apartments [m3/yr] in villages (kernen) of rural municipalities: Aalten 810 (2019,
#: 84837NED, parameters-nl.md section 1.4), Heesch kern 740, Liempde 870, Wintelre-kom 960 (2018,
#: 84585NED), Wormerveer wijk 51 860 (2020, 85126NED).
CBS_VILLAGE_APARTMENTS_M3 = [810, 740, 870, 960, 860]


def _apartment_gas_m3() -> float:
    b = building_response(inputs(["meergezins_laag"] * 7, PERIOD_YEARS, [75.0] * 7), P)
    return float(_gas_m3(b, CURRENT) @ (PERIOD_COUNTS / PERIOD_COUNTS.sum()))


def test_apartments_within_15_percent_of_cbs_observed_gas():
    """Low-rise apartments (75 m2, the Drenthe period mix) against the median of the CBS village
    figures above (860 m3) and PBL Referentieverbruik II's national average for apartments of at
    most 4 storeys with PV (735 m3): within 15 % of each. Before the practice curve was refitted
    (issue 9) the model gave 860 m3, 17 % above PBL's figure."""
    gas = _apartment_gas_m3()
    assert gas == pytest.approx(float(np.median(CBS_VILLAGE_APARTMENTS_M3)), rel=0.15)
    assert gas == pytest.approx(735.0, rel=0.15)


def test_apartment_to_mid_terrace_ratio_against_vesta_kentallen():
    """PBL Vesta ASA2025 kentallen (20241112_Woningen_BAG.csv), 1965-1974: meergezins laag/midden at
    its default label D, 75 m2: space heat 13.357 + 0.16741 x 75 = 25.91 GJ, hot water 7.3 GJ;
    rijwoning tussen at its default label C, 110 m2: 11.037 + 0.19693 x 110 = 32.70 GJ, hot water
    7.7 GJ. As HR-boiler gas (1.04 / 0.72, 31.65 MJ/m3): 1 107 and 1 331 m3, ratio 0.83. Vesta's
    levels are its functional demand before the local practice factor (they lie above the observed
    use, PBL RV II: 735 / 1 016 m3), so the comparison is the apartment-to-mid-terrace ratio:
    within 15 %. CBS's village figures give 0.60-0.81 (Heesch 740/1 230, Aalten 810/1 150,
    Liempde 870/1 200, Wintelre 960/1 180, Wormerveer 860/1 130)."""
    vesta_apartment = (25.91 / 1.04 + 7.3 / 0.72) / 0.03165
    vesta_mid_terrace = (32.70 / 1.04 + 7.7 / 0.72) / 0.03165
    b = building_response(
        inputs(["meergezins_laag", "tussenwoning"], [1970, 1970], [75.0, 110.0], labels=["D", "C"]),
        P,
    )
    gas = _gas_m3(b, CURRENT)
    assert gas[0] / gas[1] == pytest.approx(vesta_apartment / vesta_mid_terrace, rel=0.15)
    assert 0.60 <= gas[0] / gas[1] <= 0.81
