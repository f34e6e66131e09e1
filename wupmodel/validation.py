"""The model against published figures: what ``wupmodel check-model`` prints (issue 9).

Each comparison of the packaged table ``data/validation_targets.csv`` (published figure, the
band the model must fall in, source and year, and the model's figure before issue 9 or 20 where the
issue measured it) is computed here from the public physics and the village summary. Pure: a
scenario (and optionally its stock and parameters) in, a table out; nothing is read or written
but the packaged tables.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from wupmodel.evaluate import evaluate
from wupmodel.gridpeak import zone_peaks
from wupmodel.inputs import ModelInputs, as_inputs
from wupmodel.money.subsidies import isde_heat_pump_eur
from wupmodel.money.tariffs import TariffPaths
from wupmodel.params import Params, packaged_table
from wupmodel.physics import BuildingInputs, building_response, dwelling_peak_kw, heating_systems
from wupmodel.physics.heatpump import carnot_cop, carnot_fit
from wupmodel.scenario import Scenario
from wupmodel.stock import synthesise_stock
from wupmodel.village import default_strategies, strategy_choice, strategy_summary
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, HEATING_SYSTEMS, INSULATION_LEVELS

__all__ = ["check_model", "CHECK_COLUMNS", "scop_en14825", "drenthe_ranking", "DRENTHE_CHECKS"]

#: The checks of how the all-electric EUR/t ranks across the Drenthe buurten (``drenthe=True``).
DRENTHE_CHECKS = (
    "drenthe_rank_pre1945",
    "drenthe_rank_post1992",
    "drenthe_rank_label_efg",
    "drenthe_rank_gas",
)

#: Columns of :func:`check_model`'s table.
CHECK_COLUMNS = (
    "check",
    "comparison",
    "unit",
    "modelled",
    "published",
    "low",
    "high",
    "tolerance",
    "passed",
    "before",
    "source",
    "year",
)

#: EN 14825:2018 average climate (Strasbourg): bin temperatures -10..15 C and their hours.
EN14825_TJ_C = np.arange(-10, 16, dtype=float)
EN14825_HOURS = np.array(
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
# : EN 14825 variable outlet temperature at test points A..D (-7, 2, 7, 12 C), low / medium
# temperature.
EN14825_FLOW_C = {35: (34.0, 30.0, 27.0, 24.0), 55: (52.0, 42.0, 36.0, 30.0)}

_STANDARD = INSULATION_LEVELS.index("standard")
_CURRENT = INSULATION_LEVELS.index("current")
_AIR = HEATING_SYSTEMS.index("air_hp")
_BOILER = HEATING_SYSTEMS.index("gas_boiler")
#: Drenthe dwellings per construction period (PBL Startanalyse 2020 input), one year per period.
_PERIOD_YEARS = np.array([1920, 1938, 1955, 1970, 1983, 1998, 2012])
_PERIOD_COUNTS = np.array([17659, 12508, 32679, 44941, 54745, 38182, 21183], dtype=float)
#: Typical usable floor areas [m2] (parameters-nl.md section 1.3 examples).
_GROUND_BOUND_AREAS = {
    "tussenwoning": 110.0,
    "hoekwoning": 115.0,
    "twee_onder_een_kap": 130.0,
    "vrijstaand": 150.0,
}


def _inputs(
    types: list[str], years: np.ndarray, areas: list[float], label: str | None = None
) -> BuildingInputs:
    n = len(types)
    return BuildingInputs(
        dwelling_type=np.array([DWELLING_TYPES.index(t) for t in types]),
        construction_year=np.asarray(years, dtype=np.int64),
        floor_area_m2=np.asarray(areas, dtype=float),
        energy_label=np.full(n, -1 if label is None else ENERGY_LABELS.index(label)),
        gas_m3=np.full(n, np.nan),
        roof_area_m2=np.full(n, np.nan),
    )


def scop_en14825(params: Params, supply_c: int) -> float:
    """SCOP of the air/water heat pump (Carnot model, lab COP) over the EN 14825 average climate.

    Part load (16 − Tj)/26, outlet temperature linear between the standard's test points
    (``supply_c`` = 35 or 55 at the design temperature −10 °C), no backup: what the Keymark
    SCOP of the packaged units measures.
    """
    flow = np.interp(
        EN14825_TJ_C,
        [-10.0, -7.0, 2.0, 7.0, 12.0, 15.0],
        [float(supply_c), *EN14825_FLOW_C[supply_c], EN14825_FLOW_C[supply_c][-1]],
    )
    load = (16.0 - EN14825_TJ_C) / 26.0 * EN14825_HOURS
    return float(load.sum() / (load / carnot_cop(carnot_fit(params, 1), EN14825_TJ_C, flow)).sum())


def _mid_terrace_peak_kw(params: Params) -> float:
    b = building_response(_inputs(["tussenwoning"], [1970], [110.0]), params)
    s = heating_systems(b, np.array([DWELLING_TYPES.index("tussenwoning")]), params)
    return float(dwelling_peak_kw(s.peak_kw[:, _STANDARD, _AIR], params)[0])


def _savings_1950_1990(params: Params) -> float:
    years = _PERIOD_YEARS[2:5]
    weights = _PERIOD_COUNTS[2:5] / _PERIOD_COUNTS[2:5].sum()
    types = [t for t in _GROUND_BOUND_AREAS for _ in years]
    areas = [a for a in _GROUND_BOUND_AREAS.values() for _ in years]
    inp = _inputs(types, np.tile(years, len(_GROUND_BOUND_AREAS)), areas, label="D")
    s = heating_systems(building_response(inp, params), inp.dwelling_type, params)
    kept = (s.gas_m3[:, _STANDARD, _BOILER] / s.gas_m3[:, _CURRENT, _BOILER]).reshape(
        len(_GROUND_BOUND_AREAS), -1
    )
    return float((kept @ weights).mean())


def _apartment_gas_m3(params: Params) -> float:
    inp = _inputs(
        ["meergezins_laag"] * _PERIOD_YEARS.size, _PERIOD_YEARS, [75.0] * _PERIOD_YEARS.size
    )
    s = heating_systems(building_response(inp, params), inp.dwelling_type, params)
    return float(s.gas_m3[:, _CURRENT, _BOILER] @ (_PERIOD_COUNTS / _PERIOD_COUNTS.sum()))


def _village_figures(stock: pd.DataFrame, inputs: ModelInputs) -> dict[str, float]:
    outcomes = evaluate(stock, inputs, irr=False)
    summary = strategy_summary(
        outcomes, default_strategies(), inputs.params, inputs.horizon_years, inputs.social_rate
    ).set_index("strategy")
    cat = outcomes.catalogue
    gas = outcomes.totals("gas_m3")
    n = float(outcomes.counts.sum())
    return {
        "savings_standard_village": float(
            gas[cat.index_of("standard", "gas_boiler")] / gas[cat.index_of("current", "gas_boiler")]
        ),
        "national_eur_per_t_all_electric_air": float(
            summary.loc["all_electric_air", "national_eur_per_t_co2"]
        ),
        "share_deep_all_electric_air": float(
            summary.loc["all_electric_air", "share_deeper_insulation"]
        ),
        "grid_peak_all_electric_air_kw": float(summary.loc["all_electric_air", "peak_kw"]) / n,
        "grid_peak_all_electric_ground_kw": (
            float(summary.loc["all_electric_ground", "peak_kw"]) / n
        ),
        **_peaks_by_year(outcomes, inputs, n),
    }


def _peaks_by_year(outcomes, inputs: ModelInputs, n: float) -> dict[str, float]:
    """The all-electric air village's peak per dwelling in the other shipped weather years
    (the design year is the summary's)."""
    air = next(s for s in default_strategies() if s.name == "all_electric_air")
    choice = strategy_choice(outcomes, air)
    return {
        f"grid_peak_all_electric_air_{year}_kw": zone_peaks(
            outcomes, choice, inputs.params, weather_year=year
        ).village_peak_kw
        / n
        for year in (1987, 1997, 2004)
    }


def _physics_figures(params: Params) -> dict[str, Callable[[], float]]:
    air, ground = carnot_fit(params, 1), carnot_fit(params, 2)
    apartments = _apartment_gas_m3(params)
    return {
        "cop_air_a-7w35": lambda: float(carnot_cop(air, -7.0, 35.0)),
        "cop_air_a2w35": lambda: float(carnot_cop(air, 2.0, 35.0)),
        "cop_air_a7w35": lambda: float(carnot_cop(air, 7.0, 35.0)),
        "cop_air_a-7w52": lambda: float(carnot_cop(air, -7.0, 52.0)),
        "cop_ground_b0w35": lambda: float(carnot_cop(ground, 0.0, 35.0)),
        "cop_ground_b0w52": lambda: float(carnot_cop(ground, 0.0, 52.0)),
        "scop_air_35": lambda: scop_en14825(params, 35),
        "scop_air_55": lambda: scop_en14825(params, 55),
        "peak_mid_terrace_kw": lambda: _mid_terrace_peak_kw(params),
        "savings_standard_1950_1990": lambda: _savings_1950_1990(params),
        "apartments_cbs_m3": lambda: apartments,
        "apartments_pbl_m3": lambda: apartments,
    }


def _year(t: TariffPaths, series: str, year: int) -> float:
    return float(getattr(t, series)[int(np.flatnonzero(t.years == year)[0])])


def _policy_figures(inputs: ModelInputs) -> dict[str, float]:
    """Taxes, ISDE, feed-in, heat tariff, ETS2, green gas and the MT network's CO2 as the run
    uses them (issue 20)."""
    t, p = inputs.tariffs, inputs.params
    vat = 1.0 + _year(t, "vat", 2026)
    return {
        "gas_tax_2026_incl_vat": _year(t, "gas_tax_eur_m3", 2026) * vat,
        "elec_tax_2026_incl_vat": _year(t, "elec_tax_eur_kwh", 2026) * vat,
        "tax_credit_2026_incl_vat": _year(t, "tax_credit_eur", 2026) * vat,
        "tax_credit_2027_carried": float(
            t.carried_forward.get("tax_credit_eur", np.zeros(t.n_years, bool))[t.years == 2027][0]
        ),
        "isde_air_5kw_a3plus": float(isde_heat_pump_eur("air", 5.0, a3plus=1, params=p)),
        "isde_hybrid_4kw_2026": float(isde_heat_pump_eur("hybrid", 4.0, a3plus=1, params=p)),
        "isde_air_8kw_2026": float(isde_heat_pump_eur("air", 8.0, a3plus=1, params=p)),
        "feed_in_2027_floor": _year(t, "feed_in_eur_kwh", 2027),
        "acm_heat_variable_2026": _year(t, "heat_variable_eur_gj", 2026),
        "ets2_central_2030": float(
            packaged_table("price_paths")
            .query("series == 'co2_price_ets2_central_eur_t' and year == 2030")["value"]
            .iloc[0]
        ),
        "green_gas_surcharge_2030": _year(t, "green_gas_surcharge_eur_m3", 2030),
        "heat_mt_co2_biomass": float(t.heat.mt.co2_kg_per_gj_delivered[0]),
    }


def drenthe_ranking(
    scenario: Scenario | None = None,
    buurten: str | pd.DataFrame = "drenthe",
    executor=None,
    min_dwellings: int = 20,
) -> pd.DataFrame:
    """How the all-electric national EUR/t moves across the buurten of a buurt table.

    Every buurt is synthesised and evaluated (:func:`wupmodel.uncertainty.batch`, the reference
    and ``all_electric_air`` only); for the buurten with at least ``min_dwellings`` dwellings the
    EUR/t is set against the share of dwellings built before 1945, the share built from 1992,
    the share of labels E-G (registered and provisional, of the labelled dwellings) and the
    reference gas use per dwelling.

    Returns
    -------
    pandas.DataFrame
        One row per driver: ``driver``, ``spearman`` (rank correlation), ``slope`` (least
        squares, EUR/t per unit of the driver), ``buurten``.
    """
    from scipy import stats

    from wupmodel.uncertainty.batch import batch, read_buurten
    from wupmodel.village import default_strategies

    strategies = [s for s in default_strategies() if s.name in ("reference", "all_electric_air")]
    scenarios = None if scenario is None else [scenario]
    res = batch(buurten, scenarios, executor, strategies=strategies)
    ok = res[(res["status"] == "ok") & (res["strategy"] == "all_electric_air")]
    table = read_buurten(buurten).set_index("buurt_code").loc[ok["buurt_code"]]
    n = table["dwellings"].to_numpy(dtype=float)
    labelled = sum(
        table[f"pct_label_{x}_{k}"].fillna(0.0)
        for x in "ABCDEFG"
        for k in ("registered", "provisional")
    )
    poor = sum(
        table[f"pct_label_{x}_{k}"].fillna(0.0)
        for x in "EFG"
        for k in ("registered", "provisional")
    )
    drivers = {
        "share_pre1945": ((table["period_pre1930"] + table["period_1930_1945"]) / n).to_numpy(),
        "share_post1992": ((table["period_1992_2005"] + table["period_2006_later"]) / n).to_numpy(),
        "share_label_efg": (poor / labelled.where(labelled > 0)).to_numpy(dtype=float),
        "gas_m3_per_dwelling": ok["reference_gas_m3"].to_numpy() / ok["dwellings"].to_numpy(),
    }
    y = ok["national_eur_per_t_co2"].to_numpy(dtype=float)
    rows = []
    for name, x in drivers.items():
        keep = (n >= min_dwellings) & np.isfinite(y) & np.isfinite(x)
        rows.append(
            {
                "driver": name,
                "spearman": float(stats.spearmanr(x[keep], y[keep]).statistic),
                "slope": float(stats.linregress(x[keep], y[keep]).slope),
                "buurten": int(keep.sum()),
            }
        )
    return pd.DataFrame(rows)


def _drenthe_figures(inputs: ModelInputs, executor=None) -> dict[str, float]:
    ranking = drenthe_ranking(inputs.scenario, executor=executor).set_index("driver")
    names = dict(zip(DRENTHE_CHECKS, ranking.index, strict=True))
    return {check: float(ranking.at[driver, "spearman"]) for check, driver in names.items()}


def check_model(
    stock: pd.DataFrame | None = None,
    scenario: Scenario | ModelInputs | None = None,
    *,
    drenthe: bool = False,
    executor=None,
) -> pd.DataFrame:
    """Every comparison of the model with a published figure, modelled vs published.

    Parameters
    ----------
    stock
        The dwellings of the village figures (default: the scenario's buurt synthesised, as
        ``wupmodel stock``).
    scenario
        The scenario whose village figures are compared (default: the packaged Aalden
        scenario; the village rows cite Aalden's Startanalyse figures), or its
        :class:`~wupmodel.inputs.ModelInputs` (other parameters, e.g. to see a check fail).
    drenthe
        Also rank the all-electric EUR/t across the Drenthe buurten against PBL's direction
        (:func:`drenthe_ranking`; every buurt is evaluated, about a minute on two cores).
    executor
        Where the Drenthe buurten run (as for :func:`wupmodel.batch`).

    Returns
    -------
    pandas.DataFrame
        One row per check (:data:`CHECK_COLUMNS`): ``modelled``, ``published``, the band
        ``low``..``high`` it must fall in, ``tolerance`` in words, ``passed``, ``before`` (the
        model's figure before issue 9 or 20 where the issue measured it), ``source`` and ``year``.

    Examples
    --------
    >>> import wupmodel as wm
    >>> table = wm.check_model()
    >>> sorted(table.loc[~table["passed"], "check"])
    []
    """
    inputs = as_inputs(scenario)
    params = inputs.params
    if stock is None:
        village = inputs.scenario.village
        stock = synthesise_stock(village.buurt_code, seed=village.seed)
    targets = params.table("validation_targets")
    if not drenthe:
        targets = targets[~targets["check"].isin(DRENTHE_CHECKS)]
    figures = {k: f() for k, f in _physics_figures(params).items()}
    figures.update(_village_figures(stock, inputs))
    figures.update(_policy_figures(inputs))
    if drenthe:
        figures.update(_drenthe_figures(inputs, executor))
    unknown = set(targets["check"]) - set(figures)
    if unknown:
        raise KeyError(
            f"validation_targets.csv names checks the model does not compute: {sorted(unknown)}"
        )
    table = targets.copy()
    table["modelled"] = table["check"].map(figures).astype(float)
    table["passed"] = (table["modelled"] >= table["low"]) & (table["modelled"] <= table["high"])
    return table[list(CHECK_COLUMNS)].reset_index(drop=True)
