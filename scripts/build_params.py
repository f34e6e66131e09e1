"""Rebuild packaged physics tables from the shared reference data (run from the repo root).

Kept for reproducibility of wupmodel/data tables; not part of the package or the tests.

The packaged ``parameters/physics.csv`` holds infiltration values fitted to the RVO example
dwellings; pass them to reproduce it byte for byte: ``python scripts/build_params.py 0.31 0.055``
(without arguments the script writes the unfitted defaults 0.3 and 0.1).
"""

import csv
import sys
from pathlib import Path as _Path

_ROOT = _Path(__file__).resolve().parents[1]
_SHARED = str(_ROOT.parent / "shared") + "/"
_DATA = str(_ROOT / "wupmodel" / "data") + "/"
D = _DATA + "parameters/"
NTA = (
    "NTA 8800:2022/2025 (ISSO/NEN), as transcribed in GitHub OpenAEC-Foundation/open-energy-studio"
    " crates/nta8800-core/src/"
)
VESTA = (
    "PBL Vesta MAIS ASA2025 (GitHub pbl-nl/model-vesta-public, branch ActualisatieStartanalyse2025)"
)
FIT = sys.argv[1:] if len(sys.argv) > 1 else None
P = []


def add(pid, value, unit, lo, hi, desc, src, year):
    P.append([pid, value, unit, lo, hi, desc, src, year])


# --- climate / design
add(
    "physics.design_outdoor_temp_c",
    -10,
    "degC",
    -15,
    -5,
    "Design outdoor temperature for heat loads and peaks",
    "NEN-EN 12831 Dutch national annex / ISSO 51: theta_e = -10 C for the Netherlands",
    2017,
)
add(
    "physics.design_indoor_temp_c",
    20,
    "degC",
    18,
    22,
    "Indoor temperature for the design heat load and the emitter regime",
    "ISSO 51 design indoor temperature of living rooms 20 C; NTA 8800 table 7.13 heating setpoint"
    " 20 C for dwellings",
    2017,
)
add(
    "physics.climate_hourly_sd_k",
    4.5,
    "K",
    3.0,
    6.0,
    "Standard deviation of hourly temperatures around the monthly mean (used to build"
    " climate_drenthe.csv)",
    "assumption: 4.5 K, because day-to-day variation of daily means in NL winters is about 3.5-4 K"
    " and the diurnal swing adds 2-3 K; check: the resulting Eelde bin table gives 3 264 heating"
    " degree days (base 18 C), vs CBS 80182NED De Bilt 1981-2010 = 2 884 plus about 0.8 K colder"
    " Eelde (see tests/physics/test_climate.py)",
    2024,
)
add(
    "physics.heating_limit_temp_c",
    15,
    "degC",
    12,
    18,
    "Outdoor temperature above which no space heating is needed (load line of the bin method,"
    " heating curve end point)",
    "assumption: heating limit 15 C as in VDI 2067 / DIN V 4108-6 (Heizgrenztemperatur); between"
    " the NTA 8800 balance of well-insulated (~12 C) and poorly insulated (~16 C) dwellings",
    2024,
)
# --- NTA 8800 monthly balance
add(
    "physics.heating_setpoint_c",
    20,
    "degC",
    18,
    22,
    "Heating setpoint of the monthly balance",
    NTA + "monthly_demand.rs: table 7.13 residential 20 C",
    2022,
)
add(
    "physics.setback_temp_c",
    16,
    "degC",
    12,
    20,
    "Reduced setpoint during the night setback",
    NTA + "monthly_demand.rs: table 7.14 reduced setpoint 16 C",
    2022,
)
add(
    "physics.setback_hours_per_day",
    10,
    "h/day",
    0,
    16,
    "Hours of setback per day (no weekend setback for dwellings)",
    NTA + "monthly_demand.rs: table 7.15 residential t_H;red;day = 10 h",
    2022,
)
add(
    "physics.level_spatial_fraction_house",
    0.6,
    "fraction",
    0.3,
    1.0,
    "Temperature levelling f_mod;sp for ground-bound dwellings",
    NTA + "monthly_demand.rs: eq. 7.78 f_mod;sp = 0.6 (other dwellings)",
    2022,
)
add(
    "physics.level_spatial_fraction_apartment",
    0.5,
    "fraction",
    0.3,
    1.0,
    "Temperature levelling f_mod;sp for dwellings in apartment buildings",
    NTA + "monthly_demand.rs: eq. 7.78 f_mod;sp = 0.5 (woongebouwen)",
    2022,
)
add(
    "physics.level_time_fraction",
    0.8,
    "fraction",
    0.5,
    1.0,
    "Temperature levelling time fraction F_mod;t",
    NTA + "monthly_demand.rs: eq. 7.78 F_MOD_T = 0.8",
    2022,
)
add(
    "physics.level_internal_conductance_w_m2k",
    2.0,
    "W/(m2K)",
    1.0,
    4.0,
    "Internal specific heat-transfer coefficient of the levelling formula",
    NTA + "monthly_demand.rs: eq. 7.78 H_int;spec = 2.0",
    2022,
)
add(
    "physics.internal_gain_per_person_w",
    180,
    "W",
    100,
    250,
    "Internal heat gain per occupant (persons, appliances, lighting); occupants from eq. 7.22-7.24",
    NTA + "monthly_demand.rs: eq. 7.21 180 W per occupant",
    2022,
)
add(
    "physics.occupancy_area_low_m2",
    30,
    "m2",
    30,
    30,
    "Usable area up to which a dwelling counts one occupant (internal gains)",
    NTA + "monthly_demand.rs: eq. 7.22-7.24 occupants_per_dwelling",
    2022,
)
add(
    "physics.occupancy_area_high_m2",
    100,
    "m2",
    100,
    100,
    "Usable area at which the occupancy reaches occupants_at_area_high",
    NTA + "monthly_demand.rs: eq. 7.22-7.24",
    2022,
)
add(
    "physics.occupants_at_area_low",
    1.0,
    "persons",
    1.0,
    1.0,
    "Occupants of a dwelling of occupancy_area_low_m2 or less",
    NTA + "monthly_demand.rs: eq. 7.22",
    2022,
)
add(
    "physics.occupants_at_area_high",
    2.28,
    "persons",
    2.28,
    2.28,
    "Occupants at occupancy_area_high_m2 (linear in between)",
    NTA + "monthly_demand.rs: eq. 7.23 2.28 - 1.28/70 (100 - A)",
    2022,
)
add(
    "physics.occupants_per_m2_above_high",
    0.01,
    "persons/m2",
    0.01,
    0.01,
    "Extra occupants per m2 above occupancy_area_high_m2",
    NTA + "monthly_demand.rs: eq. 7.24 1.28 + 0.01 A",
    2022,
)
add(
    "physics.heat_capacity_kj_m2k",
    180,
    "kJ/(m2K)",
    55,
    450,
    "Effective internal heat capacity per m2 usable area (time constant of the balance)",
    NTA
    + "monthly_demand.rs: table 7.10, heavy floor + heavy walls with closed ceiling (or light/heavy"
    " with open ceiling) = 180",
    2022,
)
add(
    "physics.utilisation_a0",
    1.0,
    "-",
    0.5,
    2.0,
    "Gain utilisation reference parameter a_0",
    NTA + "monthly_demand.rs: eq. 7.51 a_0 = 1",
    2022,
)
add(
    "physics.utilisation_tau0_h",
    15,
    "h",
    10,
    30,
    "Gain utilisation reference time constant tau_0",
    NTA + "monthly_demand.rs: eq. 7.51 tau_0;H = 15 h",
    2022,
)
add(
    "physics.gamma_max",
    2.0,
    "-",
    1.0,
    5.0,
    "Heat-balance ratio above which the monthly heating need is zero",
    NTA + "monthly_demand.rs: eq. 7.2 gamma_H > 2 gives no heating need",
    2022,
)
add(
    "physics.solar_angle_factor",
    0.9,
    "-",
    0.8,
    1.0,
    "Time-averaged angle-of-incidence correction F_W on the glazing g",
    NTA + "monthly_demand.rs: eq. 7.40 F_W = 0.90",
    2022,
)
add(
    "physics.window_frame_fraction",
    0.25,
    "fraction",
    0.1,
    0.4,
    "Frame share of the window area",
    "NTA 8800 default frame fraction 0.25 as used for the RVO Voorbeeldwoningen typification"
    " (OpenAEC-Foundation/open-energy-studio training-data/nta8800-rvo-voorbeeldwoningen-*.json,"
    " frameFraction)",
    2022,
)
add(
    "physics.sky_view_factor_vertical",
    0.5,
    "-",
    0.0,
    1.0,
    "Sky view factor of vertical windows (radiation loss to the sky)",
    NTA + "monthly_demand.rs: 7.6.6.4 F_r = 0.5 for tilt 75-90 deg",
    2022,
)
add(
    "physics.external_surface_resistance_m2k_w",
    0.04,
    "m2K/W",
    0.02,
    0.06,
    "External surface resistance R_se",
    NTA + "monthly_demand.rs: annex C.2 R_se = 0.04",
    2022,
)
add(
    "physics.sky_radiation_coefficient_w_m2k",
    4.14,
    "W/(m2K)",
    3.0,
    6.0,
    "External long-wave radiation coefficient h_r",
    NTA + "monthly_demand.rs: eq. 7.39 h_r;e = 4.14",
    2022,
)
add(
    "physics.sky_temperature_difference_k",
    11,
    "K",
    5,
    15,
    "Mean difference between outdoor air and sky temperature",
    NTA + "monthly_demand.rs: eq. 7.39 delta theta_sky = 11 K",
    2022,
)
add(
    "physics.g_single",
    0.85,
    "-",
    0.7,
    0.9,
    "Solar transmittance g of single glazing",
    "NTA 8800 typical g values as quoted in parameters-nl.md section 1.2 (anonymate-nl/anonymate):"
    " single 0.85",
    2022,
)
add(
    "physics.g_double",
    0.75,
    "-",
    0.6,
    0.8,
    "g of double / HR / HR+ glazing",
    "parameters-nl.md section 1.2 (anonymate-nl/anonymate): double/HR 0.75; RVO typification"
    " gPerpendicular 0.75 for double glass (open-energy-studio fixtures)",
    2022,
)
add(
    "physics.g_hrpp",
    0.6,
    "-",
    0.4,
    0.75,
    "g of HR++ glazing",
    "parameters-nl.md section 1.2 (anonymate-nl/anonymate): HR++ 0.6",
    2022,
)
add(
    "physics.g_triple",
    0.5,
    "-",
    0.3,
    0.65,
    "g of triple glazing",
    "assumption: 0.5 typical for triple glazing (parameters-nl.md quotes 0.4 for >=2021 new-build"
    " triple; 0.5 taken because renovation triple units are mostly standard argon units)",
    2024,
)
add(
    "physics.u_class_single_w_m2k",
    4.0,
    "W/(m2K)",
    3.0,
    5.0,
    "Window U at or above which the glazing counts as single (g class)",
    "glass U-values single 5.1-5.8, double 2.8-2.9, HR 1.7-2.0, HR++ <=1.2-1.4, triple <=0.7-1.0"
    " (RVO Voorbeeldwoningen 2022; ISDE limits, parameters-nl.md section 1.2); class limits chosen"
    " between them",
    2022,
)
add(
    "physics.u_class_double_w_m2k",
    1.5,
    "W/(m2K)",
    1.2,
    2.5,
    "Window U at or above which the glazing counts as double/HR",
    "see physics.u_class_single_w_m2k",
    2022,
)
add(
    "physics.u_class_hrpp_w_m2k",
    1.05,
    "W/(m2K)",
    0.8,
    1.3,
    "Window U at or above which the glazing counts as HR++ (below: triple)",
    "see physics.u_class_single_w_m2k",
    2022,
)
# --- air
add(
    "physics.air_volumetric_heat_capacity_j_m3k",
    1211,
    "J/(m3K)",
    1150,
    1250,
    "rho_a * c_a of air for H_ve",
    NTA + "ventilation.rs: rho_a 1.205 kg/m3 x c_a 1005 J/(kgK) (eq. 7.19, 11.1)",
    2022,
)
add(
    "physics.vent_spec_dm3s_m2",
    0.5,
    "dm3/(s m2)",
    0.3,
    0.9,
    "Specific ventilation requirement q_usi;spec for dwellings",
    NTA + "ventilation.rs: table 11.8 residential q_usi;spec = 0.50",
    2022,
)
add(
    "physics.vent_ftau_a",
    0.38,
    "-",
    0.2,
    0.6,
    "f_tau = a + b * A (max) of table 11.8 for dwellings: a",
    NTA + "ventilation.rs: table 11.8 f_tau = 0.38 + 0.006 A, max 0.8",
    2022,
)
add(
    "physics.vent_ftau_b_per_m2",
    0.006,
    "1/m2",
    0.0,
    0.01,
    "f_tau slope b",
    NTA + "ventilation.rs: table 11.8",
    2022,
)
add(
    "physics.vent_ftau_max",
    0.8,
    "-",
    0.5,
    1.0,
    "f_tau maximum",
    NTA + "ventilation.rs: table 11.8",
    2022,
)
ib, iq = (FIT[0], FIT[1]) if FIT else (0.3, 0.1)
add(
    "physics.infiltration_base_dm3s_m2",
    ib,
    "dm3/(s m2)",
    0.0,
    1.0,
    "Infiltration and other uncontrolled air exchange independent of qv10 (per m2 usable area)",
    "fitted: least squares on log(model/RVO) of Q_H,nd over the 26 RVO Voorbeeldwoningen 2022"
    " archetypes x (huidig, pakket1, pakket3) with the NTA 8800 De Bilt climate"
    " (tests/physics/test_demand.py checks the fit); assumption, because the NTA 8800 chapter 11"
    " pressure-balance infiltration cannot be reproduced in closed form",
    2024,
)
add(
    "physics.infiltration_qv10_coeff",
    iq,
    "-",
    0.0,
    0.5,
    "Infiltration flow per unit of qv10 (air leakage at 10 Pa)",
    "fitted together with physics.infiltration_base_dm3s_m2 (see there); for comparison (1 Pa / 10"
    " Pa)^0.67 = 0.21 is the NTA 8800 reference-pressure conversion",
    2024,
)
add(
    "physics.draught_proofing_qv10_factor",
    0.5,
    "fraction",
    0.3,
    1.0,
    "qv10 after draught-proofing (kierdichting) as a fraction of the forfaitary qv10",
    "assumption: draught-proofing halves the leakage of an unsealed existing dwelling (the"
    " maatwerkadvies infiltration correction of 0.5, Van den Brom et al. 2022 / RVO,"
    " parameters-nl.md section 1.2, is of the same size); fits RVO pakket1 (see test_demand.py)",
    2024,
)
add(
    "physics.deep_qv10_max_dm3s_m2",
    0.7,
    "dm3/(s m2)",
    0.2,
    1.5,
    "qv10 after an airtight deep renovation",
    "Streefwaarde kierdichting qv10 = 0.7 dm3/s per m2 (energiesamenfoodvalley.nl, Standaard en"
    " streefwaarden voor woningisolatie)",
    2023,
)
add(
    "physics.heat_recovery_efficiency",
    0.8,
    "fraction",
    0.5,
    0.95,
    "Heat-recovery efficiency of balanced ventilation (deep level)",
    NTA + "ventilation.rs: table 11.18 counter-flow plastic exchanger 0.80 (ISDE requires >= 90 %"
    " declared efficiency)",
    2022,
)
# --- insulation levels
add(
    "physics.u_floor_insulated_w_m2k",
    0.266,
    "W/(m2K)",
    0.15,
    0.4,
    "Floor U after insulation (Rc 3.5)",
    "RVO Voorbeeldwoningen 2022 pakket1/pakket3 vloer U = 0.266 (Standaard voor woningisolatie,"
    " floor Rc 3.5)",
    2022,
)
add(
    "physics.u_roof_insulated_w_m2k",
    0.272,
    "W/(m2K)",
    0.1,
    0.4,
    "Roof U after insulation (Rc 3.5)",
    "RVO Voorbeeldwoningen 2022 pakket1/pakket3 dak U = 0.272 (roof Rc 3.5)",
    2022,
)
add(
    "physics.u_facade_cavity_w_m2k",
    0.535,
    "W/(m2K)",
    0.3,
    0.8,
    "Facade U after cavity fill (Rc 1.7)",
    "RVO Voorbeeldwoningen 2022 pakket1 gevel U = 0.535; Standaard voor woningisolatie facade Rc"
    " 1.7 for post-war dwellings (energiesamenfoodvalley.nl)",
    2022,
)
add(
    "physics.u_facade_deep_w_m2k",
    0.27,
    "W/(m2K)",
    0.1,
    0.5,
    "Facade U after external/internal facade insulation (Rc 3.5)",
    "ISDE facade insulation Rd >= 3.5 (parameters-nl.md section 2.2); U = 1/(3.5 + 0.17) m2K/W"
    " surface resistances",
    2024,
)
add(
    "physics.u_window_hrpp_w_m2k",
    1.4,
    "W/(m2K)",
    1.0,
    1.8,
    "Window U with HR++ glass",
    "RVO Voorbeeldwoningen 2022 pakket raam U = 1.4; Standaard voor woningisolatie U 1.4 (HR++)",
    2022,
)
add(
    "physics.u_window_triple_w_m2k",
    1.0,
    "W/(m2K)",
    0.6,
    1.4,
    "Window U with triple glass in new frames",
    "Streefwaarde ramen en kozijnen Uw = 1.0 (triple glass in new frames),"
    " energiesamenfoodvalley.nl",
    2023,
)
add(
    "physics.u_door_insulated_w_m2k",
    1.4,
    "W/(m2K)",
    0.8,
    2.0,
    "Door U after replacement by an insulated door",
    "RVO Voorbeeldwoningen 2022 pakket deur U = 1.4; Standaard voordeur 1.4",
    2022,
)
add(
    "physics.u_door_deep_w_m2k",
    1.0,
    "W/(m2K)",
    0.6,
    1.4,
    "Door U in the deep level",
    "ISDE insulating door with new frame Ud <= 1.0 (parameters-nl.md section 2.2)",
    2024,
)
add(
    "physics.cavity_wall_from_year",
    1946,
    "year",
    1920,
    1975,
    "Cavity fill (standard level) only for dwellings built from this year",
    "Standaard voor woningisolatie: facade Rc 1.7 requirement only for post-war dwellings"
    " (energiesamenfoodvalley.nl, ecoheemskerk.nl)",
    2021,
)
add(
    "physics.floor_uninsulated_u_w_m2k",
    1.0,
    "W/(m2K)",
    0.5,
    2.0,
    "Floor U above which the basic level insulates the floor",
    "assumption: uninsulated ground floors have U 2.3-2.4 and lightly insulated 1.3 (RVO"
    " Voorbeeldwoningen 2022 huidig); the threshold separates them from insulated floors (<= 0.64)",
    2024,
)
add(
    "physics.facade_uninsulated_u_w_m2k",
    1.0,
    "W/(m2K)",
    0.5,
    2.0,
    "Facade U above which radiator foil is applied (basic level)",
    "assumption: uninsulated facades U 1.67-2.78, insulated <= 0.68 (RVO Voorbeeldwoningen 2022)",
    2024,
)
add(
    "physics.radiator_foil_facade_factor",
    0.97,
    "fraction",
    0.9,
    1.0,
    "Multiplier on the transmission of an uninsulated facade with radiator foil",
    "assumption: radiators cover about 10 % of an outer wall and foil removes about a third of the"
    " extra loss behind them",
    2024,
)
# --- emitters
add(
    "physics.radiator_exponent",
    1.3,
    "-",
    1.1,
    1.5,
    "Radiator exponent n of Q/Q_n = (dT_lm/dT_lm,n)^n",
    "NEN-EN 442: radiator exponent n = 1.3 for panel radiators",
    2014,
)
add(
    "physics.emitter_oversize_factor",
    1.2,
    "-",
    1.0,
    1.6,
    "Emitter output at the design regime / as-built design heat load",
    "assumption: radiators are chosen from catalogue sizes at or above the calculated room load,"
    " typically 10-30 % oversized",
    2024,
)
add(
    "physics.supply_temp_min_c",
    35,
    "degC",
    25,
    40,
    "Lowest supply temperature reported",
    "brief of the physics module (clip range 35-90 C)",
    2024,
)
add(
    "physics.supply_temp_max_c",
    90,
    "degC",
    70,
    95,
    "Highest supply temperature reported",
    "brief of the physics module (clip range 35-90 C)",
    2024,
)
# --- label and practice factor
add(
    "physics.label_factor_min",
    0.5,
    "-",
    0.3,
    1.0,
    "Lower clip of the label adjustment factor",
    "assumption: keeps the fading label adjustment monotone (requires factor >= 0.5)",
    2024,
)
add(
    "physics.label_factor_max",
    2.0,
    "-",
    1.0,
    3.0,
    "Upper clip of the label adjustment factor",
    "assumption: Vesta ratios above 2 only occur for new apartments labelled F/G, rare and mostly"
    " label errors",
    2024,
)
PR, PE = 50, 0.66
add(
    "physics.practice_ref_intensity_kwh_m2",
    PR,
    "kWh/(m2 yr)",
    30,
    150,
    "Theoretical space-heat intensity at which actual use equals the norm calculation (practice"
    " factor 1)",
    "chosen so that pf = 1 at about the Standaard voor woningisolatie level (~50 kWh/m2; Cozza et"
    " al. 2020, Energy and Buildings 224:110235, find a +2 % gap after retrofit) and pf = 0.40-0.48"
    " at label-G intensities of 200-250 kWh/m2 (Majcen, Itard & Visscher 2016, A+BE 6(4), table 6:"
    " Qdif label G 1 816 m3 on about 1 650 m3 actual use, i.e. actual/theoretical 0.48;"
    " Sunikka-Blank & Galvin 2012, Building Research & Information 40(3): prebound 30 % on average,"
    " growing with the calculated rating); checked against PBL Referentieverbruik warmte woningen"
    " II observed gas use by type and label (tests/physics/test_demand.py)",
    2024,
)
add(
    "physics.practice_exponent",
    PE,
    "-",
    0.0,
    1.5,
    "Exponent beta of the default practice factor pf = (q/q_ref)^-beta",
    "chosen so that pf = 1 at about the Standaard voor woningisolatie level (~50 kWh/m2; Cozza et"
    " al. 2020, Energy and Buildings 224:110235, find a +2 % gap after retrofit) and pf = 0.40-0.48"
    " at label-G intensities of 200-250 kWh/m2 (Majcen, Itard & Visscher 2016, A+BE 6(4), table 6:"
    " Qdif label G 1 816 m3 on about 1 650 m3 actual use, i.e. actual/theoretical 0.48;"
    " Sunikka-Blank & Galvin 2012, Building Research & Information 40(3): prebound 30 % on average,"
    " growing with the calculated rating); checked against PBL Referentieverbruik warmte woningen"
    " II observed gas use by type and label (tests/physics/test_demand.py)",
    2024,
)
add(
    "physics.practice_min",
    0.3,
    "-",
    0.1,
    1.0,
    "Lower clip of the default practice factor",
    "assumption: protects against extreme extrapolation for very high theoretical intensities",
    2024,
)
add(
    "physics.practice_max",
    1.3,
    "-",
    1.0,
    2.0,
    "Upper clip of the default practice factor",
    "Majcen et al. 2013 / 2016: A-label dwellings use up to about 30 % more than calculated (Qdif"
    " label A -232 m3 on ~1 000 m3)",
    2016,
)
add(
    "physics.practice_calibrated_min",
    0.1,
    "-",
    0.0,
    1.0,
    "Lower clip of the practice factor calibrated on metered gas",
    "assumption: metered gas below hot water alone (vacant or partly used dwellings) is not used to"
    " scale space heat below 10 %",
    2024,
)
add(
    "physics.practice_calibrated_max",
    2.5,
    "-",
    1.0,
    5.0,
    "Upper clip of the practice factor calibrated on metered gas",
    "assumption: metered gas above 2.5x the norm space heat points to other gas use (workshop,"
    " greenhouse) rather than space heat",
    2024,
)
# --- fuel conversion
add(
    "physics.gas_lhv_mj_m3",
    31.65,
    "MJ/m3",
    31.0,
    35.2,
    "Lower heating value of natural gas (Groningen quality)",
    VESTA + "; PBL Referentieverbruik warmte woningen II (2025): 31.65 MJ/m3",
    2025,
)
add(
    "physics.boiler_efficiency_space",
    1.04,
    "-",
    0.8,
    1.1,
    "Seasonal efficiency of an HR boiler for space heating (on LHV)",
    VESTA + ", installaties/Performance.csv, row HR;x;RV: SPF 1.04",
    2025,
)
add(
    "physics.boiler_efficiency_dhw",
    0.72,
    "-",
    0.5,
    0.95,
    "Seasonal efficiency of an HR combi boiler for hot water",
    VESTA + ", installaties/Performance.csv, row HR;x;TW: SPF 0.72",
    2025,
)
add(
    "physics.boiler_aux_kwh",
    100,
    "kWh/yr",
    0,
    300,
    "Auxiliary electricity of a gas boiler (pump, fan, controls)",
    "assumption: modern class-A circulator pump 40-60 kWh/yr plus fan and controls; Vesta"
    " (Performance.csv eEffect_cap 0.01 for HR) gives no yearly figure",
    2024,
)
# --- heat pumps
add(
    "hp.hybrid_capacity_share",
    0.4,
    "fraction",
    0.2,
    1.0,
    "Hybrid heat-pump capacity as a share of the design heat load",
    VESTA + ", installaties/Performance.csv, row BasisHWP_w: P_cap = 0.4",
    2025,
)
add(
    "hp.hybrid_min_kw",
    3.0,
    "kW",
    1.0,
    6.0,
    "Smallest hybrid heat pump installed",
    "assumption: smallest common hybrid air/water units are 3-4 kW (Milieu Centraal reference case"
    " 4 kW, via Vereniging Eigen Huis kennisbank)",
    2024,
)
add(
    "hp.hybrid_switch_cop",
    2.0,
    "-",
    1.0,
    4.0,
    "COP below which a hybrid hands over to the boiler",
    "assumption: controllers switch on the price ratio; at ~0.30 EUR/kWh electricity and ~1.40"
    " EUR/m3 gas (10.2 kWh useful heat per m3 at 104 %) the break-even COP is about 2.1",
    2025,
)
add(
    "hp.min_flow_temp_c",
    30,
    "degC",
    20,
    35,
    "Lowest flow temperature used in the COP fit (heating curve floor)",
    "assumption: the lowest Keymark test point is 35 C; the linear hplib fit is extrapolated by at"
    " most 5 K",
    2024,
)
add(
    "hp.max_supply_temp_c",
    55,
    "degC",
    45,
    70,
    "Highest design supply temperature at which an all-electric heat pump is feasible",
    "Vesta individual heat pumps require LT emitters (<= 55 C class, model/Kengetallen.dms SPF rows"
    " <=35 / <=55 C); Standaard voor woningisolatie aims at <= 50-55 C for post-war dwellings",
    2025,
)
add(
    "hp.lt_ready_supply_temp_c",
    50,
    "degC",
    40,
    55,
    "Supply temperature after LT-emitter works; emitters are upgraded where the need is above it",
    "A post-war dwelling meeting the Standaard voor woningisolatie is ready for a 50 C supply"
    " (ecoheemskerk.nl on the Kamerbrief Standaard; ecwijdemeren.nl aansluittemperatuur 50 C after"
    " 1945)",
    2021,
)
add(
    "hp.ground_brine_temp_c",
    5,
    "degC",
    0,
    10,
    "Mean brine temperature of a ground-source heat pump over the heating season",
    "assumption: EN 14511 rating point B0 (0 C) at the end of winter, undisturbed ground at 50-100"
    " m about 10-12 C in NL; heating-season mean about 5 C",
    2024,
)
add(
    "hp.ground_brine_design_temp_c",
    0,
    "degC",
    -5,
    5,
    "Brine temperature at the design outdoor temperature",
    "EN 14511 / Keymark rating point B0/W35 (brine 0 C)",
    2018,
)
add(
    "hp.air_dhw_spf",
    1.85,
    "-",
    1.2,
    3.5,
    "Seasonal performance of an air/water heat pump for hot water (incl. storage losses)",
    VESTA + ", installaties/Performance.csv, row eWP_lw;x;TW: SPF 1.85",
    2025,
)
add(
    "hp.ground_dhw_spf",
    2.1,
    "-",
    1.2,
    3.5,
    "Seasonal performance of a ground-source heat pump for hot water",
    VESTA + ", installaties/Performance.csv, row eWP_bw;x;TW: SPF 2.1",
    2025,
)
add(
    "hp.cop_floor",
    1.0,
    "-",
    1.0,
    1.5,
    "Lowest effective COP (an electric backup heater takes over below it)",
    "assumption: below COP 1 the built-in electric backup element (COP 1) is used",
    2024,
)
# --- heat networks (building side)
add(
    "physics.heatnet_delivery_efficiency",
    1.0,
    "fraction",
    0.9,
    1.0,
    "Heat metered at the delivery set per unit of useful heat",
    "assumption: the heat meter sits at the delivery set; losses after it are part of the dwelling"
    " (not modelled)",
    2024,
)
add(
    "physics.heatnet_lt_supply_temp_c",
    55,
    "degC",
    35,
    70,
    "Supply temperature of an LT heat network at the dwelling; space heating is feasible where the"
    " dwelling needs no more",
    "LT class 40-55 C of Dutch heat networks (PBL Vesta LT_warmtenetten with booster heat pump for"
    " tap water; Vesta Kengetallen LT rows <=55 C)",
    2025,
)
add(
    "physics.heatnet_booster_cop",
    2.4,
    "-",
    1.5,
    4.0,
    "COP of the booster heat pump for tap water on an LT network",
    VESTA + ", model/Kengetallen.dms: individual HP on LT network, tap water 2.4 (parameters-nl.md"
    " section 3.2)",
    2025,
)
add(
    "physics.heatnet_booster_peak_kw",
    1.0,
    "kW",
    0.3,
    3.0,
    "Electric power of the tap-water booster heat pump",
    "assumption: small booster units of 0.5-1.5 kWe with a buffer tank (Vesta LT_warmtenetten"
    " includes a reinforced electricity connection in the booster cost)",
    2024,
)
# --- PV, solar thermal, grid
add(
    "pv.specific_yield_kwh_per_kwp",
    870,
    "kWh/kWp/yr",
    700,
    1000,
    "Annual PV yield per kWp",
    "derived from Milieu Centraal sets of 435 Wp panels: 6 panels 2 300 kWh, 8: 3 000, 10: 3 800"
    " kWh/yr = 860-880 kWh/kWp (parameters-nl.md section 5); Drenthe-specific yield not found",
    2025,
)
add(
    "pv.kwp_per_m2",
    0.22,
    "kWp/m2",
    0.15,
    0.25,
    "Panel power per m2 of roof covered",
    "derived: RVO kostenkentallen via Consumentenbond 2026-01: 211-247 EUR/m2 at 0.94-0.98 EUR/Wp ="
    " 0.22-0.25 kWp/m2 (435 Wp panels); lower end for spacing",
    2025,
)
add(
    "pv.usable_roof_share",
    0.4,
    "fraction",
    0.1,
    0.8,
    "Share of the roof area usable for PV",
    "assumption: one slope of a pitched roof (half the roof) minus edges, chimneys and dormers;"
    " flat roofs of apartment buildings similar after spacing rows",
    2024,
)
add(
    "pv.max_kwp",
    4.35,
    "kWp",
    1.0,
    10.0,
    "Largest residential PV system modelled",
    "Milieu Centraal largest standard set: 10 panels of 435 Wp (parameters-nl.md section 5)",
    2025,
)
add(
    "pv.within_month_simultaneity",
    0.41,
    "fraction",
    0.1,
    1.0,
    "Share of the monthly overlap min(PV, demand) that is simultaneous within the month"
    " (self-consumption)",
    "calibrated: gives 30 % self-consumption of PV for a household with 2 700 kWh/yr and 8 panels"
    " (3 000 kWh/yr), the Milieu Centraal figure without battery (parameters-nl.md section 5);"
    " checked in tests/physics/test_solar.py",
    2025,
)
add(
    "pv.heating_flat_share",
    0.2,
    "fraction",
    0.0,
    1.0,
    "Share of heating-system electricity that is not seasonal (hot water, pumps)",
    "assumption: hot water is 15-25 % of heat-pump electricity (Vesta hot water 7-10 GJ vs space"
    " heat 25-60 GJ at SPF 1.85 vs 3.5-4.5)",
    2024,
)
add(
    "solar_thermal.collector_m2",
    2.8,
    "m2",
    1.5,
    6.0,
    "Collector area of a solar water heater",
    "assumption: typical Dutch single-family zonneboiler of 2.5-3 m2 collector (Belgian"
    " test-aankoop reference system 4 m2)",
    2024,
)
add(
    "solar_thermal.yield_gj_per_m2",
    1.5,
    "GJ/m2/yr",
    1.0,
    2.5,
    "Heat yield per m2 collector",
    VESTA + " solar water heater 1.5 GJ/m2 collector per year (parameters-nl.md section 5)",
    2025,
)
add(
    "solar_thermal.max_solar_fraction",
    0.5,
    "fraction",
    0.2,
    0.8,
    "Largest share of hot-water demand a solar water heater covers",
    "a zonneboiler cuts hot-water costs by about 50 % (offerteadviseur.nl, zonneboiler"
    " terugverdientijd)",
    2024,
)
add(
    "grid.simultaneity_asymptote",
    0.5,
    "fraction",
    0.2,
    1.0,
    "Simultaneity of dwelling peaks on the LV grid for many dwellings (asymptote of f(n) = a + (1 -"
    " a)/n)",
    VESTA + ", data/Kentallen/20250120_Vermogens.csv, GTF_w_Enet = 0.5 (notitie aanpassingen E- en"
    " G-infra); functional form f(n) = a + (1 - a)/n from THERMOS (0.62 + 0.38/n)",
    2025,
)
add(
    "grid.appliance_peak_kw",
    3.0,
    "kW",
    1.0,
    5.0,
    "Appliance contribution of a dwelling at the evening winter peak, before simultaneity",
    VESTA
    + ", data/Kentallen/20250120_Vermogens.csv, ASW_Eapp_wl_asl 2.4-3.6 kW per dwelling (midpoint)",
    2025,
)
with open(D + "physics.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["parameter", "value", "unit", "min", "max", "description", "source", "year"])
    for row in P:
        w.writerow(row)
print(len(P))
