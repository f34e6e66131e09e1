"""Subsidies and public loans for owner-occupiers: ISDE 2026 and the Nationaal Warmtefonds.

Amounts and rules come from ``data/parameters/finance.csv`` (rows ``finance.isde_*`` and
``finance.warmtefonds_*``, each with its source). Functions take ``params``; when it is
omitted the packaged defaults are used.

ISDE heat pumps (2026): ``start + per_kW x max(capacity - offset, 0) + A+++ bonus`` for a
capacity between the minimum and maximum (1-70 kW); 0 outside. In 2026 the per-kW amount
counts from the first kW (offset 0): 1 025 + 225 x P. The 2025 rule, 1 250 + 225 x (P - 1),
gives the same total, so the 2025 example 5 kW A+++ = 1 250 + 4 x 225 + 200 = 2 350 EUR
equals the 2026 rule 1 025 + 5 x 225 + 200. A hybrid heat pump counts as an air/water heat
pump. Ground-source amounts are derived (see the parameter sources) and flagged to verify.

ISDE heat pumps, the three-year rule (2026): a dwelling may get the ISDE for one heat pump per
``finance.isde_hp_repeat_years`` (3) years, so a hybrid now and an all-electric heat pump three
years later both qualify; the second gets the per-kW amount without the start amount
(``finance.isde_hp_second_start_eur``) and without the A+++ bonus
(:func:`isde_hybrid_then_all_electric_eur`).

ISDE ventilation (from 2026): ``finance.isde_ventilation_eur`` (400 EUR) for a C4c, D or E
ventilation system with at least one insulation measure: the deep level's balanced ventilation.

Lokale Aanpak Isolatie (scenario ``subsidies.lokale_aanpak_isolatie``): a municipal grant of
``subsidy.lai_eur_per_dwelling`` for owner-occupiers of a poorly insulated dwelling (label D-G,
``subsidy.lai_worst_good_label``) below ``subsidy.lai_income_max_eur`` where the income is
known, at most the insulation investment (:func:`lai_eligible`).

ISDE insulation (2026): a per-m2 amount per measure for the area between the measure's
minimum (below it: nothing) and maximum (above it: capped); the amounts double when at least
two measures are taken within 24 months -- a heat pump, solar water heater or heat-network
connection counts as the second measure. A subsidy never exceeds the investment when the
investment is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from wupmodel._arrays import FloatArray, float_array
from wupmodel.errors import WupInputError
from wupmodel.money.finance import capital_recovery_factor, loan_payment, present_value_factor
from wupmodel.params import Params, default_params
from wupmodel.physics.insulation import ELEMENTS
from wupmodel.vocabulary import ENERGY_LABELS, HEATING_SYSTEMS, INSULATION_LEVELS, TENURES

__all__ = [
    "HEAT_PUMP_KINDS",
    "INSULATION_MEASURES",
    "isde_heat_pump_eur",
    "isde_insulation_eur",
    "isde_insulation_package_eur",
    "isde_heat_network_eur",
    "isde_hybrid_then_all_electric_eur",
    "lai_eligible",
    "WarmtefondsLoan",
    "warmtefonds_loan",
    "warmtefonds_terms",
    "WarmtefondsTerms",
    "warmtefonds_scalar_terms",
    "HEAT_NETWORK_SYSTEMS",
]

#: Heat-pump kinds -> parameter prefix. Accepts the vocabulary names too.
HEAT_PUMP_KINDS: dict[str, str] = {
    "air": "air",
    "air_hp": "air",
    "hybrid": "air",
    "hybrid_hp": "air",
    "ground": "ground",
    "ground_hp": "ground",
}

#: Insulation measures -> (amount, min area, max area) parameter ids.
INSULATION_MEASURES: dict[str, tuple[str, str, str]] = {
    "roof": ("finance.isde_roof_eur_m2", "finance.isde_roof_min_m2", "finance.isde_roof_max_m2"),
    "facade": (
        "finance.isde_facade_eur_m2",
        "finance.isde_facade_min_m2",
        "finance.isde_facade_max_m2",
    ),
    "cavity_wall": (
        "finance.isde_cavity_wall_eur_m2",
        "finance.isde_cavity_wall_min_m2",
        "finance.isde_cavity_wall_max_m2",
    ),
    "floor": (
        "finance.isde_floor_eur_m2",
        "finance.isde_floor_min_m2",
        "finance.isde_floor_max_m2",
    ),
    "soil": ("finance.isde_soil_eur_m2", "finance.isde_soil_min_m2", "finance.isde_soil_max_m2"),
    "hr_glass": (
        "finance.isde_hr_glass_eur_m2",
        "finance.isde_glass_min_m2",
        "finance.isde_glass_max_m2",
    ),
    "triple_glass": (
        "finance.isde_triple_glass_eur_m2",
        "finance.isde_glass_min_m2",
        "finance.isde_glass_max_m2",
    ),
}


def _cap(amount: FloatArray, investment_eur: ArrayLike | None) -> FloatArray:
    if investment_eur is None:
        return amount
    return np.minimum(amount, float_array(investment_eur, "investment_eur", nonneg=True))


def _out(arr: FloatArray) -> FloatArray:
    return arr[()] if arr.ndim == 0 else arr


def isde_heat_pump_eur(
    kind: str,
    capacity_kw: ArrayLike,
    *,
    a3plus: ArrayLike | None = None,
    investment_eur: ArrayLike | None = None,
    params: Params | None = None,
) -> FloatArray:
    """ISDE 2026 subsidy for a heat pump (EUR).

    Parameters
    ----------
    kind
        ``"air"`` / ``"air_hp"``, ``"hybrid"`` / ``"hybrid_hp"`` (an air/water heat pump for
        ISDE) or ``"ground"`` / ``"ground_hp"``.
    capacity_kw
        Thermal capacity as listed by RVO (kW).
    a3plus
        Whether the unit has label A+++ (bonus); default ``finance.isde_hp_a3plus_assumed``.
    investment_eur
        If given, the subsidy is capped at the investment.
    params
        Parameters (default: packaged defaults).

    Returns
    -------
    Subsidy (EUR); 0 below the minimum or above the maximum capacity.
    """
    p = params if params is not None else default_params()
    try:
        prefix = HEAT_PUMP_KINDS[kind]
    except KeyError:
        raise WupInputError(
            f"unknown heat-pump kind {kind!r}; allowed: {', '.join(HEAT_PUMP_KINDS)}"
        ) from None
    cap = float_array(capacity_kw, "capacity_kw", nonneg=True)
    bonus_flag = (
        p["finance.isde_hp_a3plus_assumed"] if a3plus is None else np.asarray(a3plus, dtype=float)
    )
    amount = (
        p[f"finance.isde_hp_{prefix}_start_eur"]
        + p[f"finance.isde_hp_{prefix}_per_kw_eur"]
        * np.maximum(cap - p[f"finance.isde_hp_{prefix}_kw_offset"], 0.0)
        + p["finance.isde_hp_a3plus_bonus_eur"] * bonus_flag
    )
    eligible = (cap >= p["finance.isde_hp_min_kw"]) & (cap <= p["finance.isde_hp_max_kw"])
    return _out(_cap(np.where(eligible, amount, 0.0), investment_eur))


def isde_hybrid_then_all_electric_eur(
    hybrid_kw: ArrayLike,
    air_kw: ArrayLike,
    years_between: ArrayLike,
    *,
    params: Params | None = None,
) -> tuple[FloatArray, FloatArray]:
    """ISDE of a hybrid heat pump now and an all-electric air/water heat pump later (EUR).

    Under the 2026 three-year rule the second heat pump qualifies again once
    ``finance.isde_hp_repeat_years`` have passed, with the per-kW amount but without the start
    amount (``finance.isde_hp_second_start_eur``) and the A+++ bonus.

    Parameters
    ----------
    hybrid_kw, air_kw
        Thermal capacity of the hybrid and of the later all-electric heat pump (kW).
    years_between
        Years from the hybrid's to the all-electric heat pump's installation.
    params
        Parameters (default: packaged defaults).

    Returns
    -------
    (first, second)
        ISDE of the hybrid and of the all-electric heat pump (0 within the repeat period).

    Examples
    --------
    >>> first, second = isde_hybrid_then_all_electric_eur(4.0, 8.0, 5)
    >>> float(first), float(second)
    (2125.0, 1800.0)
    """
    p = params if params is not None else default_params()
    first = isde_heat_pump_eur("hybrid", hybrid_kw, params=p)
    cap = float_array(air_kw, "air_kw", nonneg=True)
    later = float_array(years_between, "years_between", nonneg=True)
    second = p["finance.isde_hp_second_start_eur"] + p[
        "finance.isde_hp_air_per_kw_eur"
    ] * np.maximum(cap - p["finance.isde_hp_air_kw_offset"], 0.0)
    eligible = (
        (later >= p["finance.isde_hp_repeat_years"])
        & (cap >= p["finance.isde_hp_min_kw"])
        & (cap <= p["finance.isde_hp_max_kw"])
    )
    return first, _out(np.where(eligible, second, 0.0))


def lai_eligible(
    tenure_code: np.ndarray,
    label_code: np.ndarray,
    income_eur: np.ndarray,
    params: Params,
) -> np.ndarray:
    """Whether each dwelling gets the Lokale Aanpak Isolatie grant (bool, (n,)).

    Owner-occupied (``koop``), a poorly insulated label (worse than
    ``subsidy.lai_worst_good_label``; an unknown label does not qualify), an income at most
    ``subsidy.lai_income_max_eur`` where it is known; none unless ``subsidy.lai_enabled``.
    """
    if params["subsidy.lai_enabled"] < 0.5:
        return np.zeros(np.shape(tenure_code), dtype=bool)
    letters = np.array([lab[0] for lab in ENERGY_LABELS])
    rank = np.array(["ABCDEFG".index(x) + 1 for x in letters])  # A+++ ... A = 1, G = 7
    code = np.asarray(label_code, dtype=np.int64)
    known = (code >= 0) & (code < rank.size)
    worse = known & (rank[np.clip(code, 0, rank.size - 1)] > params["subsidy.lai_worst_good_label"])
    income = np.asarray(income_eur, dtype=float)
    low_income = ~(np.isfinite(income) & (income > params["subsidy.lai_income_max_eur"]))
    owner = np.asarray(tenure_code) == TENURES.index("koop")
    return owner & worse & low_income


def isde_insulation_eur(
    measure: str,
    area_m2: ArrayLike,
    n_measures: ArrayLike,
    *,
    investment_eur: ArrayLike | None = None,
    params: Params | None = None,
) -> FloatArray:
    """ISDE 2026 subsidy for one insulation measure (EUR).

    Parameters
    ----------
    measure
        One of :data:`INSULATION_MEASURES` (roof, facade, cavity_wall, floor, soil, hr_glass,
        triple_glass).
    area_m2
        Insulated area (m2). Below the measure's minimum area: 0; above the maximum: capped.
    n_measures
        Number of ISDE measures within 24 months, including this one (an installation such as
        a heat pump or heat-network connection counts); >= 2 doubles the per-m2 amount.
    investment_eur
        If given, the subsidy is capped at the investment.
    params
        Parameters (default: packaged defaults).

    Returns
    -------
    Subsidy (EUR).
    """
    p = params if params is not None else default_params()
    try:
        amount_id, min_id, max_id = INSULATION_MEASURES[measure]
    except KeyError:
        raise WupInputError(
            f"unknown insulation measure {measure!r}; allowed: {', '.join(INSULATION_MEASURES)}"
        ) from None
    area = float_array(area_m2, "area_m2", nonneg=True)
    n = float_array(n_measures, "n_measures", nonneg=True)
    factor = np.where(n >= 2, p["finance.isde_multi_measure_factor"], 1.0)
    eligible_area = np.where(area >= p[min_id], np.minimum(area, p[max_id]), 0.0)
    return _out(_cap(eligible_area * p[amount_id] * factor, investment_eur))


def isde_insulation_package_eur(
    areas_m2: Mapping[str, ArrayLike],
    *,
    n_other_measures: ArrayLike = 0,
    params: Params | None = None,
) -> FloatArray:
    """ISDE 2026 subsidy for a package of insulation measures taken together (EUR).

    Every measure whose area reaches its minimum counts; the doubling applies to all of them
    when the number of counted measures plus ``n_other_measures`` (heat pump, solar water
    heater, heat-network connection within 24 months) is at least 2.

    Parameters
    ----------
    areas_m2
        Measure name -> area (m2), broadcastable arrays.
    n_other_measures
        Number of other ISDE measures within 24 months.
    params
        Parameters (default: packaged defaults).

    Returns
    -------
    Total insulation subsidy (EUR).
    """
    p = params if params is not None else default_params()
    unknown = [m for m in areas_m2 if m not in INSULATION_MEASURES]
    if unknown:
        raise WupInputError(
            f"unknown insulation measure(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(INSULATION_MEASURES)}"
        )
    areas = {m: float_array(a, f"area of {m}", nonneg=True) for m, a in areas_m2.items()}
    counted = float_array(n_other_measures, "n_other_measures", nonneg=True)
    base = np.zeros(np.broadcast_shapes(*(a.shape for a in areas.values())))
    for m, a in areas.items():
        amount_id, min_id, max_id = INSULATION_MEASURES[m]
        counts = a >= p[min_id]
        counted = counted + counts
        # isde_insulation_eur without the doubling, which is the same for every measure
        base += np.where(counts, np.minimum(a, p[max_id]), 0.0) * p[amount_id]
    factor = np.where(counted >= 2, p["finance.isde_multi_measure_factor"], 1.0)
    return _out(np.asarray(base * factor, dtype=float))


def isde_heat_network_eur(
    *, investment_eur: ArrayLike | None = None, params: Params | None = None
) -> FloatArray:
    """ISDE fixed subsidy for connecting a dwelling to a heat network (EUR)."""
    p = params if params is not None else default_params()
    return _out(_cap(np.asarray(p["finance.isde_heat_network_eur"], dtype=float), investment_eur))


# --------------------------------------------------------------------------------------------
# Nationaal Warmtefonds
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WarmtefondsLoan:
    """An Energiebespaarlening (arrays broadcast over households).

    Attributes
    ----------
    principal_eur
        Amount lent (EUR); 0 where no loan is possible.
    rate
        Effective yearly interest (fraction).
    term_years
        Term (yr).
    monthly_payment_eur
        Annuity payment per month (EUR).
    annual_payment_eur
        Twelve monthly payments (EUR/yr).
    """

    principal_eur: FloatArray
    rate: FloatArray
    term_years: FloatArray
    monthly_payment_eur: FloatArray
    annual_payment_eur: FloatArray


def warmtefonds_terms(params: Params | None = None) -> tuple[float, ...]:
    """The loan terms the Warmtefonds offers (yr), shortest first."""
    p = params if params is not None else default_params()
    return tuple(sorted(p[f"finance.warmtefonds_term{i}_years"] for i in range(1, 5)))


@dataclass(frozen=True)
class WarmtefondsTerms:
    """The Warmtefonds rules of one run as scalars (what the money kernel applies per chunk).

    Attributes
    ----------
    min_eur, max_eur
        Smallest and largest loan (EUR).
    long_term_min_eur
        Loans below this run over the shorter term (EUR; 0 unless the longest term is chosen).
    income_limit_eur
        Below this household income the rate is 0 % (EUR/yr).
    rate
        Yearly interest above the income limit (fraction).
    payment_per_eur
        ``[(income_class, term_class)]``: yearly payment per euro borrowed (1/yr); income class
        0 = below the income limit (0 %), 1 = above; term class 0 = the chosen term, 1 = the
        shorter one.
    years
        Years of payments within the horizon, per term class.
    pv_factor
        Present value factor of a yearly payment over the term at the household rate (yr), per
        term class.
    """

    min_eur: float
    max_eur: float
    long_term_min_eur: float
    income_limit_eur: float
    rate: float
    payment_per_eur: dict[tuple[int, int], float]
    years: tuple[float, float]
    pv_factor: tuple[float, float]


def warmtefonds_scalar_terms(
    params: Params,
    loan_term_years: float,
    large_package: bool,
    horizon_years: int,
    household_rate: float,
) -> WarmtefondsTerms:
    """The Warmtefonds rules for a chosen term as scalars (see :class:`WarmtefondsTerms`)."""
    terms = warmtefonds_terms(params)
    term = float(loan_term_years)
    if term not in terms:
        raise WupInputError(
            f"loan_term_years {loan_term_years!r} is not a Warmtefonds term "
            f"({', '.join(f'{t:g}' for t in terms)})"
        )
    short = terms[-2] if term == terms[-1] else term
    rate_above_limit = params["finance.warmtefonds_rate"]

    def per_eur(rate: float, years: float) -> float:  # 12 monthly annuity payments per euro
        monthly = float(np.expm1(np.log1p(rate) / 12.0))
        return 12.0 * float(capital_recovery_factor(monthly, 12.0 * years))

    key_max = (
        "finance.warmtefonds_max_large_eur" if large_package else "finance.warmtefonds_max_eur"
    )
    return WarmtefondsTerms(
        min_eur=params["finance.warmtefonds_min_eur"],
        max_eur=params[key_max],
        # loans below long_min fall back to the shorter term (only when the longest is chosen)
        long_term_min_eur=params["finance.warmtefonds_long_term_min_eur"]
        if term == terms[-1]
        else 0.0,
        income_limit_eur=params["finance.warmtefonds_income_limit_eur"],
        rate=rate_above_limit,
        payment_per_eur={
            (0, 0): per_eur(0.0, term),
            (0, 1): per_eur(0.0, short),
            (1, 0): per_eur(rate_above_limit, term),
            (1, 1): per_eur(rate_above_limit, short),
        },
        years=(min(term, horizon_years), min(short, horizon_years)),
        pv_factor=(
            float(present_value_factor(household_rate, term)),
            float(present_value_factor(household_rate, short)),
        ),
    )


def warmtefonds_loan(
    principal: ArrayLike,
    income_eur: ArrayLike | None,
    term_years: float,
    params: Params | None = None,
    *,
    large_package: bool = False,
    strict: bool = True,
) -> WarmtefondsLoan:
    """Terms and payments of a Nationaal Warmtefonds Energiebespaarlening.

    Parameters
    ----------
    principal
        Amount to borrow (EUR).
    income_eur
        Household verzamelinkomen (EUR/yr). Below ``finance.warmtefonds_income_limit_eur``
        the interest is 0 %, otherwise ``finance.warmtefonds_rate``. ``None`` or NaN (unknown)
        gets the scenario rate.
    term_years
        One of the offered terms (7, 10, 15, 20); the longest only from
        ``finance.warmtefonds_long_term_min_eur``.
    params
        Parameters (default: packaged defaults).
    large_package
        Whether the package qualifies for the higher maximum (very efficient / nul-op-de-meter).
    strict
        If True, a principal outside the loan limits, or the longest term for a smaller loan,
        raises :class:`WupInputError`. If False (for whole villages): a principal below the
        minimum gets no loan (0), one above the maximum is capped, and the longest term falls
        back to the next shorter one where the amount is too small.

    Returns
    -------
    WarmtefondsLoan
    """
    p = params if params is not None else default_params()
    terms = warmtefonds_terms(p)
    if float(term_years) not in terms:
        raise WupInputError(
            f"the Warmtefonds offers terms of {', '.join(f'{t:g}' for t in terms)} years; "
            f"got {term_years!r}"
        )
    amount = float_array(principal, "principal", nonneg=True)
    lo = p["finance.warmtefonds_min_eur"]
    hi = p["finance.warmtefonds_max_large_eur" if large_package else "finance.warmtefonds_max_eur"]
    long_min = p["finance.warmtefonds_long_term_min_eur"]
    term = np.full(amount.shape, float(term_years))
    if strict:
        if ((amount < lo) | (amount > hi)).any():
            raise WupInputError(
                f"a Warmtefonds loan must be between {lo:,.0f} and {hi:,.0f} EUR"
                f"{' (large package)' if large_package else ''}; got "
                f"{float(amount.min()):,.0f} to {float(amount.max()):,.0f} EUR"
            )
        if float(term_years) == terms[-1] and (amount < long_min).any():
            raise WupInputError(
                f"a {terms[-1]:g}-year Warmtefonds loan needs at least {long_min:,.0f} EUR; "
                f"got {float(amount.min()):,.0f} EUR "
                f"(choose {', '.join(f'{t:g}' for t in terms[:-1])} years)"
            )
    else:
        amount = np.where(amount < lo, 0.0, np.minimum(amount, hi))
        if float(term_years) == terms[-1]:
            term = np.where(amount < long_min, terms[-2], term)
    if income_eur is None:
        low_income = np.zeros(amount.shape, dtype=bool)
    else:
        inc = np.asarray(income_eur, dtype=float)
        low_income = np.nan_to_num(inc, nan=np.inf) < p["finance.warmtefonds_income_limit_eur"]
    rate = np.where(low_income, 0.0, p["finance.warmtefonds_rate"])
    amount, rate, term = np.broadcast_arrays(amount, rate, term)
    monthly = loan_payment(amount, rate, term, periods_per_year=12)
    monthly = np.asarray(monthly, dtype=float)
    return WarmtefondsLoan(
        principal_eur=_out(np.asarray(amount, dtype=float)),
        rate=_out(np.asarray(rate, dtype=float)),
        term_years=_out(np.asarray(term, dtype=float)),
        monthly_payment_eur=_out(monthly),
        annual_payment_eur=_out(12.0 * monthly),
    )


#: Heat-pump kinds per heating system and the insulation measures of each level (for ISDE).
_HEAT_PUMPS = {"hybrid_hp": "hybrid", "air_hp": "air", "ground_hp": "ground"}
#: The heating systems that are a heat-network connection.
HEAT_NETWORK_SYSTEMS = ("heat_network_mt", "heat_network_lt")
_GLASS = {"standard": "hr_glass", "deep": "triple_glass"}
#: the levels with a ventilation system the ISDE subsidises with insulation (balanced, deep)
_VENTILATION = ("deep",)
_FACADE = {"basic": "cavity_wall", "standard": "cavity_wall", "deep": "facade"}


def isde_subsidy_eur(
    treated_area_m2: np.ndarray,
    capacity_kw: np.ndarray,
    capex_eur: np.ndarray,
    eligible: np.ndarray,
    params: Params,
) -> np.ndarray:
    """ISDE subsidy per group on the option grid without PV, (G, S, L, H) (EUR).

    Capped at the investment in the subsidised measures (ISDE never pays more than the
    measure costs; PV gets no ISDE).

    Parameters
    ----------
    treated_area_m2
        (G, L, 5) insulated area per level and element (:data:`ELEMENTS` order).
    capacity_kw
        (G, L, H) heat-pump thermal capacity.
    capex_eur
        (G, S, L, H) investment incl. VAT in insulation, heating and the solar water heater
        (S = 1 without, 2 with the solar water heater option).
    eligible
        (G,) bool, the household can apply (not a housing corporation).
    """
    n_g, n_st, n_l, n_h = capex_eur.shape
    heating = np.asarray(HEATING_SYSTEMS)
    hp = np.zeros((n_g, n_l, n_h))
    for system, kind in _HEAT_PUMPS.items():
        h = HEATING_SYSTEMS.index(system)
        hp[:, :, h] = isde_heat_pump_eur(kind, capacity_kw[:, :, h], params=params)
    network = np.isin(heating, HEAT_NETWORK_SYSTEMS)
    # Other measures for the doubling rule: a heat pump or network connection, a solar water
    # heater; (S, H) counts 0..2.
    other_measures = (
        np.isin(heating, list(_HEAT_PUMPS)).astype(int) + network + (np.arange(n_st) == 1)[:, None]
    )
    # Insulation: the amount depends on the level and, through the doubling rule, on how many
    # other measures the option has. Compute it per level for every count at once.
    area = {name: treated_area_m2[:, :, i] for i, name in enumerate(ELEMENTS)}
    n_other_max = 2
    per_level = np.zeros((n_g, n_l, n_other_max + 1))
    for li, name in enumerate(INSULATION_LEVELS):
        if name == "current":
            continue
        measures = {
            "floor": area["floor"][:, li],
            "roof": area["roof"][:, li],
            _FACADE[name]: area["facade"][:, li],
        }
        if name in _GLASS:
            measures[_GLASS[name]] = area["window"][:, li]
        # areas (G, 1) x counts (3,)
        per_level[:, li, :] = isde_insulation_package_eur(
            {m: a[:, None] for m, a in measures.items()},
            n_other_measures=np.arange(n_other_max + 1),
            params=params,
        )
        if name in _VENTILATION:  # balanced ventilation with an insulation measure (2026)
            insulated = sum(a > 0 for a in measures.values())
            per_level[:, li, :] += np.where(
                insulated > 0, params["finance.isde_ventilation_eur"], 0.0
            )[:, None]
    # Who may apply, on the small arrays; the network connection joins the heat-pump part.
    per_level *= eligible[:, None, None]
    hp += np.where(network, isde_heat_network_eur(params=params), 0.0)
    hp *= eligible[:, None, None]
    # ins[g, s, l, h] = per_level[g, l, other_measures[s, h]], gathered in one go (contiguous)
    cells = (
        np.arange(n_l)[None, :, None] * (n_other_max + 1) + other_measures[:, None, :]
    )  # (S, L, H)
    total = np.take(per_level.reshape(n_g, -1), cells.ravel(), axis=1).reshape(n_g, n_st, n_l, n_h)
    total += hp[:, None]
    return np.minimum(total, capex_eur, out=total)
