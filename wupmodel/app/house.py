"""One house: a one-dwelling stock from what a resident knows, and every strategy for it.

:func:`house_stock` builds (and validates) the stock of one dwelling, with the household's
income given as a number or as one of the :func:`income_classes` (a resident names a class, not
an amount); :func:`house_strategies`
reads, for one dwelling of an evaluation, each village strategy side by side: investment,
subsidy, what is left to pay, the monthly housing costs today and after with their parts, CO2
and what the strategy means in the house (supply temperature, emitter works, outdoor unit,
boreholes, delivery set, gas connection).

"Today" (``now_*``) is the household's energy bill as it is: the reference option's first-year
bill and no loan, rent increase or own money, because nothing has been bought yet. The
reference strategy (keep the gas boiler, which must be replaced in time and is paid like any
other investment) is a strategy of its own; ``monthly_change_eur`` compares each strategy with
it, ``monthly_change_today_eur`` with today.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params, default_params, packaged_table
from wupmodel.stock import validate_stock
from wupmodel.village import Strategy, strategy_choice
from wupmodel.vocabulary import INSULATION_LEVELS

__all__ = ["house_stock", "house_strategies", "income_classes", "income_of_class", "HOUSE_PARTS"]

#: the monthly parts of the woonlasten (EUR/month) and the output each comes from
HOUSE_PARTS: dict[str, str] = {
    "bill": "bill_year1_eur",  # EUR/yr, divided by 12
    "loan": "loan_payment_eur_per_month",
    "rent": "rent_increase_eur_per_month",
    "own": "own_capital_eur_per_month",
}

_LT_SYSTEMS = ("air_hp", "ground_hp", "heat_network_lt")
_OUTDOOR_UNIT = ("air_hp", "hybrid_hp")
_KEEPS_GAS = ("gas_boiler", "hybrid_hp")
_NETWORKS = ("heat_network_mt", "heat_network_lt")


def income_classes(params: Params | None = None) -> pd.DataFrame:
    """The household income classes a resident can choose from (``data/income_classes.csv``).

    Income enters the money in two places: the Warmtefonds loan (0 % interest below
    ``finance.warmtefonds_income_limit_eur``, the packaged 60 000 EUR/yr verzamelinkomen) and
    the energy bill as a share of income. The classes are cut at the limit of ``params``, so a
    class gives exactly the loan rate of every income in it, also when a scenario moves the
    limit; ``unknown`` ("weet ik niet / zeg ik liever niet") gives no income, as a stock
    without one: the tenure class's default income for the share and the Warmtefonds rate
    above the limit.

    Each class's representative income is the mean income of the Drenthe households in it
    under the synthetic stock's income model (lognormal per tenure, ``stock_synthesis.csv``:
    CBS means and owner share, log-sd ``income_sigma``), computed for the limit:
    ``E[X | X < L]`` of a lognormal with mean ``m`` and log-sd ``s`` is
    ``m Φ((ln L − μ − s²)/s) / Φ((ln L − μ)/s)`` with ``μ = ln m − s²/2``.

    Parameters
    ----------
    params
        The parameters (default: the packaged ones).

    Returns
    -------
    pandas.DataFrame
        One row per class, in the order to offer them: ``income_class`` (key), ``label_nl``,
        ``label_en`` (with the limit written out), ``low_eur`` and ``high_eur`` (EUR/yr,
        ``low <= income < high``; empty for unknown), ``income_eur`` (EUR/yr, the representative
        income, rounded to 100 EUR inside the class), ``share_drenthe`` (share of Drenthe
        households in the class), ``source``, ``year``. A class no household falls in (a limit
        of 0) is left out.
    """
    from scipy.special import ndtr  # here: scipy is imported on first use, not with the package

    from wupmodel.app.i18n import format_number
    from wupmodel.stock.synth import income_means_eur, synthesis_scalars

    params = params if params is not None else default_params()
    limit = float(params["finance.warmtefonds_income_limit_eur"])
    table = packaged_table("income_classes").copy()
    scalars = synthesis_scalars(params)
    owner_share = scalars["drenthe_owner_share"]
    weights = np.array([owner_share, 1.0 - owner_share])
    means = income_means_eur(scalars)[:2]  # owners, tenants (both rent classes share a mean)
    sigma = scalars["income_sigma"]
    z = (np.log(max(limit, 1e-9)) - (np.log(means) - sigma**2 / 2)) / sigma
    share_below = float(weights @ ndtr(z))
    income_below = float(weights @ (means * ndtr(z - sigma)))  # E[X; X < limit], summed
    income_above = float(weights @ means) - income_below
    below = income_below / share_below if share_below > 0 else np.nan
    above = income_above / (1.0 - share_below) if share_below < 1 else np.nan
    rounded_below, rounded_above = round(below, -2), round(above, -2)
    values = {
        "below_limit": (
            0.0,
            limit,
            rounded_below if rounded_below < limit else np.floor(below),
            share_below,
        ),
        "above_limit": (
            limit,
            1_000_000.0,
            rounded_above if rounded_above >= limit else np.ceil(above),
            1.0 - share_below,
        ),
    }
    for key, (low, high, income, share) in values.items():
        at = table["income_class"] == key
        table.loc[at, ["low_eur", "high_eur", "income_eur", "share_drenthe"]] = [
            low,
            high,
            income,
            share,
        ]
    for lang in ("nl", "en"):
        column = f"label_{lang}"
        table[column] = [label.format(limit=format_number(limit, lang)) for label in table[column]]
    keep = table["share_drenthe"].isna() | (table["share_drenthe"] > 0)
    return table[keep].reset_index(drop=True)


def income_of_class(income_class: str | None, params: Params | None = None) -> float | None:
    """The representative household income (EUR/yr) of an income class under ``params``
    (default: the packaged parameters); ``None`` for ``"unknown"`` or ``None`` (the model's
    default then applies).

    Raises
    ------
    WupInputError
        For a class that is not one of :func:`income_classes`.
    """
    if income_class is None:
        return None
    table = income_classes(params).set_index("income_class")
    if income_class not in table.index:
        raise WupInputError(
            f"income_class {income_class!r} is not an income class; "
            f"allowed: {', '.join(table.index)}"
        )
    value = table.at[income_class, "income_eur"]
    return None if pd.isna(value) else float(value)


# long because each argument is one answer a resident gives on the page (keywords, defaults)
def house_stock(
    dwelling_type: str,
    construction_year: int,
    floor_area_m2: float,
    *,
    energy_label: str | None = None,
    tenure: str = "koop",
    household_income_eur: float | None = None,
    income_class: str | None = None,
    gas_m3: float | None = None,
    dwelling_id: str = "mijn-huis",
    params: Params | None = None,
) -> pd.DataFrame:
    """The validated stock of one dwelling (``gas_m3`` 0 or None = not metered).

    Parameters
    ----------
    household_income_eur
        The household's income (EUR/yr), or None for unknown.
    income_class
        Instead of an amount: a key of :func:`income_classes` (its representative
        ``income_eur``; ``"unknown"`` = no income). Give one of the two, not both.
    params
        The parameters the classes are cut by (the scenario's, for its Warmtefonds limit;
        default: the packaged ones).

    Raises
    ------
    WupInputError
        For a value the stock contract does not allow (naming the field and what is allowed),
        an unknown income class, or both an income and an income class.
    """
    if income_class is not None:
        if household_income_eur is not None:
            raise WupInputError("give household_income_eur or income_class, not both")
        household_income_eur = income_of_class(income_class, params)
    row = {
        "dwelling_id": dwelling_id,
        "dwelling_type": dwelling_type,
        "construction_year": int(construction_year),
        "floor_area_m2": float(floor_area_m2),
        "energy_label": energy_label or None,
        "tenure": tenure,
        "household_income_eur": household_income_eur,
        "gas_m3": gas_m3 if gas_m3 else None,
    }
    return validate_stock(pd.DataFrame([row]), source="mijn huis")


def house_strategies(
    outcomes: Outcomes, strategies: list[Strategy], params: Params, dwelling_id: str | None = None
) -> pd.DataFrame:
    """Every strategy for one dwelling, side by side.

    Parameters
    ----------
    outcomes
        An evaluation with money.
    strategies
        The strategies (e.g. :func:`wupmodel.default_strategies`); the first is the reference.
    params
        The parameters of the evaluation (the LT-emitter threshold ``hp.lt_ready_supply_temp_c``).
    dwelling_id
        Which dwelling (default the first).

    Returns
    -------
    pandas.DataFrame
        One row per strategy: ``strategy``, ``label_nl``, ``label_en``, ``heating``,
        ``insulation``, ``possible`` (the strategy's system works here; else the dwelling keeps
        the reference), ``capex_eur``, ``subsidy_eur``, ``net_investment_eur`` (after
        subsidy), the monthly parts today (``now_<part>_eur``: the reference option's
        first-year energy bill; loan, rent increase and own money 0) and after
        (``<part>_eur``) for each part of :data:`HOUSE_PARTS`, ``monthly_now_eur`` (today),
        ``monthly_eur`` (after), ``monthly_reference_eur`` (the reference strategy: keeping a
        gas boiler, with its replacement), ``monthly_change_eur`` (``monthly_eur`` minus
        ``monthly_reference_eur``: the change against keeping the gas boiler, as the village
        summary's ``monthly_cost_change_avg_eur``), ``monthly_change_today_eur``
        (``monthly_eur`` minus ``monthly_now_eur``), all EUR/month; ``co2_now_kg``,
        ``co2_kg`` (kg/yr, first year),
        ``supply_temp_c`` (what the radiators need at this insulation level, °C),
        ``lt_emitters`` (larger radiators or convectors needed), ``capacity_kw`` (heat-pump
        capacity), ``outdoor_unit``, ``boreholes``, ``delivery_set``, ``keeps_gas``.
    """
    ids = np.asarray(outcomes.dwelling_ids).astype(str)
    row = 0 if dwelling_id is None else np.flatnonzero(ids == str(dwelling_id))
    if not isinstance(row, int):
        if row.size == 0:
            raise KeyError(f"no dwelling {dwelling_id!r}")
        row = int(row[0])
    g = int(outcomes.dwelling_group[row])
    cat = outcomes.catalogue
    ref = np.full(outcomes.n_groups, cat.reference_index)

    def value(name: str, choice: np.ndarray) -> float:
        return float(outcomes.pick(name, choice)[g]) if name in outcomes.arrays else 0.0

    def parts(choice: np.ndarray) -> dict[str, float]:
        out = {k: value(v, choice) for k, v in HOUSE_PARTS.items()}
        out["bill"] /= 12.0
        return out

    reference = parts(ref)
    # today: the bill of the house as it is; no loan, rent increase or own money yet
    now = {k: reference["bill"] if k == "bill" else 0.0 for k in HOUSE_PARTS}
    threshold = params["hp.lt_ready_supply_temp_c"]
    rows = []
    for s in strategies:
        choice = strategy_choice(outcomes, s)
        chosen = int(choice[g])
        after = parts(choice)
        supply = value("supply_temp_c", choice)
        possible = chosen != cat.reference_index or s.heating == "gas_boiler"
        r = {
            "strategy": s.name,
            "label_nl": s.label_nl,
            "label_en": s.label_en,
            "heating": s.heating,
            "insulation": INSULATION_LEVELS[int(cat.insulation[chosen])],
            "possible": bool(possible),
            "capex_eur": value("capex_eur", choice),
            "subsidy_eur": value("subsidy_eur", choice),
            "net_investment_eur": value("net_investment_eur", choice),
        }
        r.update({f"now_{k}_eur": v for k, v in now.items()})
        r.update({f"{k}_eur": v for k, v in after.items()})
        r["monthly_now_eur"] = sum(now.values())
        r["monthly_eur"] = sum(after.values())
        r["monthly_reference_eur"] = sum(reference.values())
        r["monthly_change_eur"] = r["monthly_eur"] - r["monthly_reference_eur"]
        r["monthly_change_today_eur"] = r["monthly_eur"] - r["monthly_now_eur"]
        r["co2_now_kg"] = value("co2_kg", ref)
        r["co2_kg"] = value("co2_kg", choice)
        r["supply_temp_c"] = supply
        on = s.heating if possible else "gas_boiler"
        r["lt_emitters"] = bool(on in _LT_SYSTEMS and supply > threshold)
        r["capacity_kw"] = (
            value("capacity_kw", choice) if on in ("air_hp", "ground_hp", "hybrid_hp") else 0.0
        )
        r["outdoor_unit"] = on in _OUTDOOR_UNIT
        r["boreholes"] = on == "ground_hp"
        r["delivery_set"] = on in _NETWORKS
        r["keeps_gas"] = on in _KEEPS_GAS
        rows.append(r)
    return pd.DataFrame(rows)
