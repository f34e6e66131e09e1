"""Rebuild packaged physics tables from the shared reference data (run from the repo root).

Kept for reproducibility of wupmodel/data tables; not part of the package or the tests.
"""

import csv
from pathlib import Path as _Path

_ROOT = _Path(__file__).resolve().parents[1]
_SHARED = str(_ROOT.parent / "shared") + "/"
_DATA = str(_ROOT / "wupmodel" / "data") + "/"
D = _DATA + "parameters/"
V = "PBL Vesta MAIS ASA2025 (GitHub pbl-nl/model-vesta-public, branch ActualisatieStartanalyse2025)"
VAT = 1.21
NOTE = (
    " x 1.21 VAT (Vesta cost figures are national costs excl. VAT; check: Milieu Centraal reference"
    " cases incl. VAT, see tests/physics/test_systems.py)"
)
P = []


def add(pid, value, unit, lo, hi, desc, src, year):
    P.append(
        [pid, round(value, 2) if isinstance(value, float) else value, unit, lo, hi, desc, src, year]
    )


def mid(a, b):
    return (a + b) / 2


# heating systems
add(
    "cost.gas_boiler_eur",
    mid(2098.354025, 2305.822224) * VAT,
    "EUR",
    1500,
    5000,
    "New HR combi boiler incl. installation, incl. VAT",
    V
    + ", installaties/Installatie.csv, row HR, Ki_asl_min_w 2 098 / Ki_asl_max_w 2 306, midpoint"
    + NOTE,
    2025,
)
add(
    "cost.hybrid_hp_fixed_eur",
    3520 * VAT,
    "EUR",
    2000,
    7000,
    "Hybrid heat pump (existing boiler kept): fixed part incl. installation and VAT",
    V + ", installaties/Installatie.csv, row BasisHWP_w, Ki_asl 3 520" + NOTE,
    2025,
)
add(
    "cost.hybrid_hp_per_kw_eur",
    mid(250, 380) * VAT,
    "EUR/kW",
    200,
    700,
    "Hybrid heat pump: part per kW heat-pump capacity, incl. VAT",
    V + ", installaties/Installatie.csv, row BasisHWP_w, Ki_cap 250-380 EUR/kW, midpoint" + NOTE,
    2025,
)
add(
    "cost.air_hp_fixed_eur",
    mid(4652, 6843) * VAT,
    "EUR",
    3000,
    12000,
    "All-electric air/water heat pump incl. hot-water tank and installation: fixed part, incl. VAT",
    V
    + ", installaties/Installatie.csv, row eWP_lw, Ki_asl_min_w 4 652 / max 6 843, midpoint"
    + NOTE,
    2025,
)
add(
    "cost.air_hp_per_kw_eur",
    mid(430, 644) * VAT,
    "EUR/kW",
    300,
    1000,
    "All-electric air/water heat pump: part per kW, incl. VAT",
    V + ", installaties/Installatie.csv, row eWP_lw, Ki_cap_min_w 430 / max 644, midpoint" + NOTE,
    2025,
)
add(
    "cost.ground_hp_fixed_eur",
    mid(8760, 12475) * VAT,
    "EUR",
    6000,
    20000,
    "Ground-source heat pump incl. borehole and installation: fixed part, incl. VAT",
    V
    + ", installaties/Installatie.csv, row eWP_bw, Ki_asl_min_w 8 760 / max 12 475, midpoint"
    + NOTE,
    2025,
)
add(
    "cost.ground_hp_per_kw_eur",
    mid(1105, 1575) * VAT,
    "EUR/kW",
    800,
    2500,
    "Ground-source heat pump: part per kW (borehole length scales with capacity), incl. VAT",
    V
    + ", installaties/Installatie.csv, row eWP_bw, Ki_cap_min_w 1 105 / max 1 575, midpoint"
    + NOTE,
    2025,
)
add(
    "cost.meter_cupboard_low_rise_eur",
    1200 * VAT,
    "EUR",
    0,
    3000,
    "Meter-cupboard upgrade for an all-electric ground-bound dwelling, incl. VAT",
    V + ", data/Kentallen/20250120_BC_Kentallen.csv, Ki_Meterkast_wl_S1 = 1 200 (Validatiesessie"
    " 2024)" + NOTE,
    2025,
)
add(
    "cost.meter_cupboard_high_rise_eur",
    850 * VAT,
    "EUR",
    0,
    3000,
    "Meter-cupboard upgrade for an all-electric apartment, incl. VAT",
    V
    + ", data/Kentallen/20250120_BC_Kentallen.csv, Ki_Meterkast_wh_S1 = 850 (Validatiesessie 2024)"
    + NOTE,
    2025,
)
add(
    "cost.lt_emitters_low_rise_eur",
    mid(1288, 3199) * VAT,
    "EUR",
    500,
    8000,
    "Low-temperature emitter works (larger radiators, fan convectors) in a ground-bound dwelling,"
    " incl. VAT",
    V
    + ", data/Kentallen/20250120_BC_Kentallen.csv, Ki_LTAS_wl_min 1 288 / max 3 199 (Arcadis 2023),"
    " midpoint" + NOTE,
    2025,
)
add(
    "cost.lt_emitters_high_rise_eur",
    mid(1117, 1855) * VAT,
    "EUR",
    500,
    6000,
    "Low-temperature emitter works in an apartment, incl. VAT",
    V
    + ", data/Kentallen/20250120_BC_Kentallen.csv, Ki_LTAS_wh_min 1 117 / max 1 855 (Arcadis 2023),"
    " midpoint" + NOTE,
    2025,
)
add(
    "cost.heatnet_delivery_set_eur",
    1800 * VAT,
    "EUR",
    1000,
    4000,
    "Heat-network delivery set incl. installation and removal of the boiler, incl. VAT",
    V + ", data/Kentallen/20250120_LT_warmtenetten.csv and _MT_, Ki_afleverset_i = 1 800"
    " (Validatiesessies 2024)" + NOTE,
    2025,
)
add(
    "cost.heatnet_inhouse_low_rise_eur",
    2700 * VAT,
    "EUR",
    1000,
    6000,
    "In-house piping for a heat-network connection, ground-bound dwelling, incl. VAT",
    V + ", data/Kentallen/20250120_MT_warmtenetten.csv, Ki_id_grondgeb_i = 2 700 (Validatiesessies"
    " 2024, Atriensis)" + NOTE,
    2025,
)
add(
    "cost.heatnet_inhouse_high_rise_eur",
    3000 * VAT,
    "EUR",
    1000,
    6000,
    "In-house piping for a heat-network connection, apartment without block heating, incl. VAT",
    V + ", data/Kentallen/20250120_MT_warmtenetten.csv, Ki_id_geenBlok_i = 3 000 (Validatiesessies"
    " 2024, Atriensis)" + NOTE,
    2025,
)
add(
    "cost.heatnet_connection_fee_eur",
    4510,
    "EUR",
    0,
    8000,
    "One-off heat-network connection fee charged to the household (ACM maximum), incl. VAT",
    "ACM maximum aansluitbijdrage 4 510 EUR incl. VAT from 2020 (Vereniging Eigen Huis press"
    " release 2019-12, parameters-nl.md section 4.1); Vesta uses 4 381 EUR2023 excl. VAT"
    " (20250120_NMDA_Prijzen.csv)",
    2020,
)
add(
    "cost.heatnet_booster_eur",
    mid(2400, 3600) * VAT,
    "EUR",
    1500,
    6000,
    "Booster heat pump for tap water on an LT heat network incl. buffer and installation,"
    " incl. VAT",
    V + ", data/Kentallen/20250120_LT_warmtenetten.csv, Ki_booster_min_i 2 400 / max 3 600"
    " (Validatiesessies 2024), midpoint" + NOTE,
    2025,
)
# PV, solar thermal
add(
    "cost.pv_eur_per_wp",
    0.96,
    "EUR/Wp",
    0.6,
    2.0,
    "Residential rooftop PV on a pitched roof incl. inverter and installation (0 % VAT since 2023)",
    "RVO kostenkentallen (Nov 2024) via Consumentenbond 2026-01-14: schuin dak 0.94-0.98 EUR/Wp,"
    " midpoint (parameters-nl.md section 5)",
    2024,
)
add(
    "cost.solar_thermal_eur_per_m2",
    mid(1344.525869, 1486.046287) * VAT,
    "EUR/m2",
    800,
    2500,
    "Solar water heater per m2 collector incl. storage and installation, incl. VAT",
    V
    + ", data/Kentallen/20250120_BC_Kentallen.csv, Ki_ZonB_min/max 1 345-1 486 EUR/m2 (EUR2018, CE"
    " Delft 2013), midpoint"
    + NOTE
    + "; check: 2.8 m2 = 4 800 EUR vs 4 500-6 000 EUR incl. VAT for a complete system"
    " (test-aankoop.be)",
    2025,
)
# insulation (consumer prices incl. VAT)
MC = "Consumentenbond 'huis isoleren' quoting Milieu Centraal (about 2022-23 prices, incl. VAT): "
add(
    "cost.insulation_floor_eur_m2",
    29,
    "EUR/m2",
    15,
    80,
    "Floor insulation from the crawl space to Rc 3.5, incl. VAT",
    "derived: "
    + MC
    + "floor tussen 1 400 / hoek 1 600 / vrijstaand 2 800 EUR over the RVO 1965-74 floor areas 48.3"
    " / 50.0 / 112.9 m2 = 29 / 32 / 25 EUR/m2, mean (parameters-nl.md section 2.1)",
    2023,
)
add(
    "cost.insulation_roof_eur_m2",
    72,
    "EUR/m2",
    40,
    150,
    "Pitched-roof insulation to Rc 3.5, incl. VAT",
    "derived: "
    + MC
    + "roof tussen 4 000 / hoek 4 600 / vrijstaand 8 300 EUR over the RVO 1965-74 roof areas 55.6 /"
    " 56.5 / 119.1 m2 = 72 / 81 / 70 EUR/m2",
    2023,
)
add(
    "cost.insulation_cavity_wall_eur_m2",
    22,
    "EUR/m2",
    10,
    50,
    "Cavity-wall fill, incl. VAT, per m2 opaque facade",
    "derived: "
    + MC
    + "cavity wall tussen 800 / hoek 2 100 EUR over the RVO 1965-74 opaque facade 37.7 / 87.4 m2 ="
    " 21 / 24 EUR/m2",
    2023,
)
add(
    "cost.insulation_facade_eur_m2",
    180,
    "EUR/m2",
    100,
    300,
    "External or internal facade insulation to Rc 3.5 incl. finish, incl. VAT",
    "assumption: no sourced Dutch consumer price found; 180 EUR/m2 within the common 120-250 EUR/m2"
    " range for ETICS/voorzetwand",
    2024,
)
add(
    "cost.glazing_hrpp_eur_m2",
    167,
    "EUR/m2",
    100,
    300,
    "HR++ glass in existing frames, incl. VAT",
    "derived: ISDE 2025 HR++ subsidy 25 EUR/m2 (rvo.nl) is about 15 % of the cost for a single"
    " measure (rvo.nl / duurzaambouwloket.nl, parameters-nl.md section 8.1): 25 / 0.15",
    2025,
)
add(
    "cost.glazing_triple_eur_m2",
    740,
    "EUR/m2",
    400,
    1200,
    "Triple glass in new frames, incl. VAT",
    "derived: ISDE 2025 triple-glass subsidy 111 EUR/m2 (rvo.nl) / 0.15 (single-measure share of"
    " cost, parameters-nl.md section 8.1)",
    2025,
)
add(
    "cost.door_insulated_eur_m2",
    600,
    "EUR/m2",
    300,
    1200,
    "Insulated replacement door, incl. VAT, per m2 door",
    "assumption: about 1 200-1 500 EUR per 2-2.5 m2 door incl. fitting; no sourced figure found",
    2024,
)
add(
    "cost.draught_proofing_eur",
    500,
    "EUR",
    100,
    2000,
    "Draught-proofing (kierdichting) of a dwelling, incl. VAT",
    "assumption: materials 100-300 EUR DIY, professional sealing 500-1 000 EUR; no sourced figure"
    " found",
    2024,
)
add(
    "cost.radiator_foil_eur",
    50,
    "EUR",
    0,
    300,
    "Radiator foil behind the radiators on outer walls, incl. VAT",
    "assumption: foil 10-20 EUR per roll, 2-4 rolls per dwelling",
    2024,
)
add(
    "cost.balanced_ventilation_eur",
    6000,
    "EUR",
    3000,
    12000,
    "Balanced ventilation with heat recovery retrofitted in an existing dwelling, incl. VAT",
    "decentral heat-recovery ventilation in a single-family house 5 000-8 000 EUR"
    " (vochtbestrijdingsnel.be / kostentracker); lower end of central retrofit systems",
    2023,
)
# lifetimes (finance layer)
LIFE = {
    "gas_boiler": (
        15,
        V
        + " Runs/DefaultSettings (CalculationSchemes): building installations annualised over 15 yr"
        " (parameters-nl.md section 3.3)",
    ),
    "hybrid_hp": (
        15,
        V + ' building installations 15 yr; VEH quotes "roughly 20 years" for hybrids (nu.nl 2022)',
    ),
    "air_hp": (
        18,
        (
            "air/water heat pump technical life 17-20 yr (warmtepomp-panel.nl, parameters-nl.md"
            " section 3.3), lower middle"
        ),
    ),
    "ground_hp": (
        20,
        V + " building installations 15/20/30 yr; ground loops last longer than the unit, 20 yr for"
        " the system",
    ),
    "heat_network_mt": (
        30,
        V
        + " heat-network assets annualised over 30 yr (parameters-nl.md section 3.3); delivery set"
        " and in-house piping",
    ),
    "heat_network_lt": (30, V + " heat-network assets 30 yr; LT emitters 30 yr"),
    "insulation": (
        30,
        V
        + " LT emitters and building shell measures annualised over 30 yr (parameters-nl.md section"
        " 3.3); glass and insulation last longer",
    ),
    "pv": (25, "PV life 25 yr, warranty typically 80 % after 25 yr (parameters-nl.md section 5)"),
    "solar_thermal": (20, V + " building installations 20 yr"),
}
for k, (v, s) in LIFE.items():
    add(f"life.{k}_years", v, "yr", 5, 60, f"Technical lifetime of {k.replace('_', ' ')}", s, 2025)
OM = {
    "gas_boiler": (0.05, V + ", installaties/Installatie.csv, row HR: R_OH = 0.05"),
    "hybrid_hp": (0.04, V + ", installaties/Installatie.csv, row BasisHWP_w: R_OH = 0.04"),
    "air_hp": (0.02, V + ", installaties/Installatie.csv, row eWP_lw: R_OH = 0.02"),
    "ground_hp": (0.01, V + ", installaties/Installatie.csv, row eWP_bw: R_OH = 0.01"),
    "heat_network_mt": (
        0.025,
        V
        + ", data/Kentallen/20250120_Onderhoud.csv, R_id_onderhoud = 0.025 (in-house distribution)",
    ),
    "heat_network_lt": (
        0.025,
        V
        + ", data/Kentallen/20250120_Onderhoud.csv, R_id_onderhoud = 0.025; booster maintenance not"
        " separated",
    ),
    "insulation": (0.0, "assumption: insulation needs no maintenance"),
    "pv": (
        0.0,
        V + ", installaties/Installatie.csv, row ZonPV_l: R_OH = 0 (inverter replacement of about 1"
        " 000 EUR after 10-15 yr not included)",
    ),
    "solar_thermal": (0.02, V + ", installaties/Installatie.csv, row ZonB: R_OH = 0.02"),
}
for k, (v, s) in OM.items():
    add(
        f"om.{k}_share",
        v,
        "fraction/yr",
        0.0,
        0.1,
        f"Yearly operation and maintenance of {k.replace('_', ' ')} as a share of its investment",
        s,
        2025,
    )
with open(D + "technology.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["parameter", "value", "unit", "min", "max", "description", "source", "year"])
    for row in P:
        w.writerow(row)
print(len(P))
