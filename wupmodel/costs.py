"""Costs of every dwelling x option in two perspectives: the end user's and the nation's.

:func:`money_outcomes` takes per dwelling x option arrays (any broadcastable shape, options
on the last axis) of first-year quantities, investments by component, subsidies and CO2, and
returns :class:`MoneyOutcomes`. Quantities are assumed constant over the horizon (first-year
values); prices change per year (:class:`~wupmodel.tariffs.TariffPaths`). Because costs are
linear in the yearly quantities, every sum over the years is a quantity times a discounted
price sum computed once per call; no (dwelling x option x year) array is built except for the
IRR (computed in chunks, and optional).

Timing: investments at ``t = 0`` (start of the first price year); bills, O&M, loan payments
and rent at the end of years ``1..H``; replacements at ``t = L, 2L, ... < H``; linear residual
value at ``H`` (see :func:`wupmodel.finance.life_cycle_cost_factor`).

End-user perspective (owner-occupiers, tenure code 0)
    Investments incl. VAT, replaced within the horizon without subsidy, residual value at the
    horizon; O&M as a share of capex a year; the energy bill with taxes, VAT, tax credit, net
    metering in 2026 and feed-in (:mod:`wupmodel.bills`); ISDE subsidy at ``t = 0``; money
    either own (paid at ``t = 0``) or a Warmtefonds loan for the net investment (0 % below the
    income limit), discounted at the household rate (5.5 %).
End-user perspective (tenants, tenure codes 1 and 2: split incentive)
    The landlord invests (and pays O&M); the tenant pays the bill plus a rent increase equal to
    the landlord's annuity (landlord rate, horizon) of the extra net investment over the
    reference option, capped at ``rent_increase_cap_eur_month``. The landlord's net yearly
    cost (capital + O&M - rent) is reported separately.
National perspective
    No VAT, energy tax, tax credit or subsidy; social discount rate (2.25 %); investments
    excl. VAT (one VAT rate per component), with replacements and residual value; O&M;
    energy at production cost with export valued at that cost and no net metering; the network
    part of the standing charges per connection kept; a one-off gas-connection removal when an
    option leaves gas while the reference has gas; national-only components passed by the
    caller (heat-network pipes and source, grid reinforcement) excl. VAT; optionally a CO2
    price on the CO2 arrays. Not included: gas mains removal, the value of avoided gas-grid
    replacement, hourly value of exported PV power, the cost of public funds.

Performance
    Dwellings are processed in cache-sized chunks with reusable work buffers. Measured on the
    2-core development VM for 100 000 dwellings x 96 options (Warmtefonds, mixed tenure):
    about 0.6-1.3 s keeping the outputs an optimiser needs (``outputs=``), 0.8-2.4 s keeping
    all outputs; most of the rest is the first touch of the output memory (77 MB per array).
    The IRR builds yearly cash flows and finds roots: about 0.3 s per 1 000 dwellings x 96
    options; switch it off with ``FinanceSettings(compute_irr=False)`` for large runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from wupmodel.bills import end_user_unit_prices, resource_unit_costs
from wupmodel.errors import WupInputError
from wupmodel.finance import (
    capital_recovery_factor,
    discount_factors,
    irr,
    life_cycle_cost_factor,
    present_value_factor,
)
from wupmodel.params import Params
from wupmodel.subsidies import warmtefonds_terms
from wupmodel.tariffs import TariffPaths
from wupmodel.vocabulary import TENURES

__all__ = [
    "Component",
    "FinanceSettings",
    "MoneyOutcomes",
    "money_outcomes",
    "average_co2_kg_per_yr",
    "TENANT_CODES",
]

FloatArray = NDArray[np.float64]

#: Tenure codes (indices into :data:`wupmodel.vocabulary.TENURES`) that rent their dwelling.
TENANT_CODES: tuple[int, ...] = tuple(i for i, t in enumerate(TENURES) if t.startswith("huur"))


@dataclass(frozen=True)
class Component:
    """One investment of an option (insulation, heating system, PV, solar thermal, ...).

    Attributes
    ----------
    capex_eur
        Investment incl. VAT for end-user components, excl. VAT for national-only components
        (EUR); broadcastable to dwelling x option.
    lifetime_years
        Technical lifetime (yr); scalar or broadcastable (e.g. one per option).
    om_share
        Yearly O&M as a fraction of the capex (1/yr).
    vat_rate
        VAT included in ``capex_eur``, removed for the national view; ``None`` = the VAT of the
        first price year. Ignored for national-only components.
    """

    capex_eur: ArrayLike
    lifetime_years: ArrayLike
    om_share: ArrayLike = 0.0
    vat_rate: float | None = None


def _component(name: str, value: Component | tuple) -> Component:
    if isinstance(value, Component):
        return value
    if isinstance(value, tuple) and 2 <= len(value) <= 4:
        return Component(*value)
    raise WupInputError(
        f"component '{name}' must be a Component or a tuple (capex_eur, lifetime_years, "
        f"om_share[, vat_rate]); got {type(value).__name__}"
    )


@dataclass(frozen=True)
class FinanceSettings:
    """A scenario's finance settings (defaults from ``data/parameters/finance.csv``).

    Attributes
    ----------
    horizon_years
        Appraisal horizon (yr), at most the years of the price paths.
    household_rate
        End-user discount rate (fraction).
    social_rate
        National discount rate (fraction).
    landlord_rate
        Landlords' discount rate for the rent increase and their net cost (fraction).
    financing
        ``"own"`` (owner pays at ``t = 0``) or ``"warmtefonds"`` (Energiebespaarlening).
    loan_term_years
        Warmtefonds term (7, 10, 15 or 20 yr).
    warmtefonds_large_package
        Whether the packages qualify for the higher Warmtefonds maximum.
    rent_increase_cap_eur_month
        Maximum rent increase after the works (EUR/month).
    national_co2_price_eur_t
        CO2 price added to the national cost (EUR/t); 0 = none.
    compute_irr
        Whether to compute the IRR (the only part that builds yearly cash flows).
    """

    horizon_years: int
    household_rate: float
    social_rate: float
    landlord_rate: float
    financing: Literal["own", "warmtefonds"]
    loan_term_years: float
    warmtefonds_large_package: bool = False
    rent_increase_cap_eur_month: float = 0.0
    national_co2_price_eur_t: float = 0.0
    compute_irr: bool = True

    def __post_init__(self) -> None:
        if self.financing not in ("own", "warmtefonds"):
            raise WupInputError(
                f"financing must be 'own' or 'warmtefonds', got {self.financing!r}"
            )
        if int(self.horizon_years) != self.horizon_years or self.horizon_years < 1:
            raise WupInputError(f"horizon_years must be a positive whole number, got {self.horizon_years!r}")
        for name in ("household_rate", "social_rate", "landlord_rate"):
            value = getattr(self, name)
            if not np.isfinite(value) or value <= -1.0:
                raise WupInputError(f"{name} must be a number above -1 (-100 %), got {value!r}")
        if not np.isfinite(self.rent_increase_cap_eur_month) or self.rent_increase_cap_eur_month < 0:
            raise WupInputError("rent_increase_cap_eur_month must be a number >= 0")
        if not np.isfinite(self.national_co2_price_eur_t) or self.national_co2_price_eur_t < 0:
            raise WupInputError("national_co2_price_eur_t must be a number >= 0")

    @classmethod
    def from_params(cls, params: Params, **changes) -> FinanceSettings:
        """Settings from the packaged/scenario parameters, with ``changes`` applied."""
        base = cls(
            horizon_years=int(params["finance.horizon_years"]),
            household_rate=params["finance.household_discount_rate"],
            social_rate=params["finance.social_discount_rate"],
            landlord_rate=params["finance.landlord_discount_rate"],
            financing="own",
            loan_term_years=params["finance.warmtefonds_default_term_years"],
            rent_increase_cap_eur_month=params["finance.rent_increase_cap_eur_month"],
        )
        return replace(base, **changes) if changes else base


@dataclass(frozen=True)
class MoneyOutcomes:
    """Money results per dwelling x option (arrays of the broadcast input shape, options last).

    "vs reference" compares with the reference option of the same dwelling; the reference
    itself has 0 there. Money in real EUR of 2026. Stored fields are computed by
    :func:`money_outcomes`; the fields listed under *Derived* are computed from them on first
    access (then cached), which keeps large runs light. ``subsidy_eur`` and ``co2_kg_per_yr``
    are read-only views of the inputs.

    Attributes
    ----------
    subsidy_eur
        Subsidy received at ``t = 0`` (EUR).
    net_investment_eur
        Investment incl. VAT minus subsidy at ``t = 0`` (EUR), whoever pays it.
    lcc_end_user_eur
        Present value over the horizon, at the household rate, of the occupant's costs: owners
        capital (replacements, residual value, loan if any) + O&M + bills; tenants bills + rent
        increase (EUR).
    irr
        IRR of the owner's own-money cash-flow difference vs the reference (fraction/yr); NaN
        for tenants, the reference itself and where undefined; ``None`` if not computed.
    simple_payback_years
        Extra net investment / first-year savings (bill + O&M; tenants: bill + rent) vs the
        reference (yr), rules in :func:`wupmodel.finance.simple_payback`.
    bill_year1_eur
        Energy bill in the first price year (EUR/yr).
    monthly_cost_year1_eur
        Woonlasten in year 1: bill + loan payment (owners) or bill + rent increase (tenants),
        per month (EUR/month).
    monthly_cost_avg_eur
        The same averaged over the horizon (undiscounted, EUR/month).
    loan_principal_eur, loan_payment_eur_per_month
        The Warmtefonds loan (0 with own money and for tenants).
    rent_increase_eur_per_month
        Rent increase paid by tenants (EUR/month).
    landlord_annual_cost_eur
        Landlord's equivalent annual capital + O&M cost minus rent increase (landlord rate,
        EUR/yr); 0 for owner-occupiers.
    national_annual_cost_eur
        Equivalent annual national cost at the social rate (EUR/yr).
    co2_kg_per_yr
        The CO2 input (kg/yr).
    reference_index
        Reference option per dwelling (leading axes).
    household_crf
        Capital recovery factor at the household rate over the horizon (1/yr).
    loan_rate_by_dwelling
        Warmtefonds rate per dwelling (fraction; 0 with own money).
    household_income_eur
        Income per dwelling, or None.

    Derived (properties): ``end_user_annual_cost_eur`` (``lcc x household_crf``, EUR/yr),
    ``npv_end_user_eur`` (lcc of the reference minus lcc: positive = better than the
    reference), ``end_user_extra_cost_eur_per_yr``, ``monthly_cost_change_eur``,
    ``energy_cost_share_year1`` (year-1 bill / income; NaN where unknown), ``loan_rate``,
    ``national_extra_cost_eur_per_yr``, ``co2_avoided_kg_per_yr`` (reference minus option) and
    ``national_cost_eur_per_t_co2`` (national extra cost / CO2 avoided, EUR/t; NaN where
    nothing is avoided).
    """

    subsidy_eur: FloatArray
    net_investment_eur: FloatArray
    lcc_end_user_eur: FloatArray
    irr: FloatArray | None
    simple_payback_years: FloatArray
    bill_year1_eur: FloatArray
    monthly_cost_year1_eur: FloatArray
    monthly_cost_avg_eur: FloatArray
    loan_principal_eur: FloatArray
    loan_payment_eur_per_month: FloatArray
    rent_increase_eur_per_month: FloatArray
    landlord_annual_cost_eur: FloatArray
    national_annual_cost_eur: FloatArray
    co2_kg_per_yr: FloatArray
    reference_index: NDArray[np.intp]
    household_crf: float
    loan_rate_by_dwelling: FloatArray
    household_income_eur: FloatArray | None = None

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of the arrays (dwelling axes..., options)."""
        return self.lcc_end_user_eur.shape

    def at_reference(self, values: ArrayLike) -> FloatArray:
        """Value of each dwelling's reference option, shape ``lead + (1,)`` (broadcasts)."""
        full = np.broadcast_to(np.asarray(values), self.shape)
        return np.take_along_axis(full, self.reference_index[..., None], axis=-1)

    def vs_reference(self, values: ArrayLike) -> FloatArray:
        """``values`` minus the value of the same dwelling's reference option."""
        return np.asarray(values) - self.at_reference(values)

    def _base(self, derived: str, name: str) -> FloatArray:
        value = getattr(self, name)
        if value is None:
            raise WupInputError(
                f"{derived} is computed from {name}, which this run did not keep; "
                f"include '{name}' or '{derived}' in money_outcomes(outputs=...)"
            )
        return value

    @cached_property
    def end_user_annual_cost_eur(self) -> FloatArray:
        """Equivalent annual end-user cost, ``lcc x household_crf`` (EUR/yr)."""
        return self._base("end_user_annual_cost_eur", "lcc_end_user_eur") * self.household_crf

    @cached_property
    def npv_end_user_eur(self) -> FloatArray:
        """LCC of the reference minus LCC of the option: positive = better (EUR)."""
        return -self.vs_reference(self._base("npv_end_user_eur", "lcc_end_user_eur"))

    @cached_property
    def end_user_extra_cost_eur_per_yr(self) -> FloatArray:
        """End-user annual cost minus that of the reference (EUR/yr)."""
        return self.vs_reference(self.end_user_annual_cost_eur)

    @cached_property
    def monthly_cost_change_eur(self) -> FloatArray:
        """Year-1 woonlasten minus those of the reference (EUR/month)."""
        return self.vs_reference(self._base("monthly_cost_change_eur", "monthly_cost_year1_eur"))

    @cached_property
    def energy_cost_share_year1(self) -> FloatArray:
        """Year-1 bill / household income (fraction); NaN where income is unknown or <= 0."""
        if self.household_income_eur is None:
            return np.full(self.shape, np.nan)
        inc = np.asarray(self.household_income_eur, dtype=float)[..., None]
        with np.errstate(divide="ignore", invalid="ignore"):
            bill = self._base("energy_cost_share_year1", "bill_year1_eur")
            return np.where(inc > 0, bill / inc, np.nan)

    @cached_property
    def loan_rate(self) -> FloatArray:
        """Warmtefonds interest of the loan taken (fraction/yr; 0 without a loan)."""
        principal = self._base("loan_rate", "loan_principal_eur")
        return np.where(principal > 0, self.loan_rate_by_dwelling[..., None], 0.0)

    @cached_property
    def national_extra_cost_eur_per_yr(self) -> FloatArray:
        """National annual cost minus that of the reference (EUR/yr)."""
        return self.vs_reference(self._base("national_extra_cost_eur_per_yr", "national_annual_cost_eur"))

    @cached_property
    def co2_avoided_kg_per_yr(self) -> FloatArray:
        """CO2 of the reference minus CO2 of the option (kg/yr)."""
        return -self.vs_reference(self.co2_kg_per_yr)

    @cached_property
    def national_cost_eur_per_t_co2(self) -> FloatArray:
        """National extra cost per tonne of CO2 avoided (EUR/t); NaN where avoided <= 0."""
        avoided = self.co2_avoided_kg_per_yr
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(avoided > 0, self.national_extra_cost_eur_per_yr / (avoided / 1000.0), np.nan)

    def to_frame(self, option_names: list[str] | None = None) -> pd.DataFrame:
        """Long table: one row per dwelling x option, one column per output.

        The index has one level per leading axis (``dwelling`` for a 2-D result) and
        ``option`` (the option names if given, else the option index). Outputs the run did not
        keep are left out.
        """
        shape = self.shape
        lead = shape[:-1]
        n_opt = shape[-1]
        if option_names is not None and len(option_names) != n_opt:
            raise WupInputError(f"option_names has {len(option_names)} names for {n_opt} options")
        grids = np.indices(shape).reshape(len(shape), -1)
        names = ["dwelling"] if len(lead) == 1 else [f"axis{i}" for i in range(len(lead))]
        levels = [grids[i] for i in range(len(lead))]
        options = grids[-1] if option_names is None else np.asarray(option_names, dtype=object)[grids[-1]]
        index = pd.MultiIndex.from_arrays([*levels, options], names=[*names, "option"])
        data = {}
        for name in OUTPUT_FIELDS:
            try:
                value = getattr(self, name)
            except WupInputError:  # derived from an output this run did not keep
                continue
            if value is not None:
                data[name] = np.broadcast_to(value, shape).ravel()
        return pd.DataFrame(data, index=index)


#: Per dwelling x option outputs of :class:`MoneyOutcomes` (stored and derived), table order.
OUTPUT_FIELDS: tuple[str, ...] = (
    "subsidy_eur",
    "net_investment_eur",
    "end_user_annual_cost_eur",
    "lcc_end_user_eur",
    "npv_end_user_eur",
    "irr",
    "simple_payback_years",
    "bill_year1_eur",
    "monthly_cost_year1_eur",
    "monthly_cost_avg_eur",
    "monthly_cost_change_eur",
    "energy_cost_share_year1",
    "loan_principal_eur",
    "loan_rate",
    "loan_payment_eur_per_month",
    "rent_increase_eur_per_month",
    "landlord_annual_cost_eur",
    "end_user_extra_cost_eur_per_yr",
    "national_annual_cost_eur",
    "national_extra_cost_eur_per_yr",
    "co2_avoided_kg_per_yr",
    "national_cost_eur_per_t_co2",
)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def _arr(value: ArrayLike, name: str, *, nonneg: bool = False) -> FloatArray:
    """Float array with a clear error for NaN (and negatives when ``nonneg``), in one pass.

    ``min`` propagates NaN, so one reduction finds both NaN and the smallest value.
    """
    arr = np.asarray(value, dtype=float)
    if arr.size:
        low = float(arr.min())
        if np.isnan(low):
            raise WupInputError(f"{name} contains NaN; every dwelling x option needs a value")
        if nonneg and low < 0:
            raise WupInputError(f"{name} must not be negative (got {low:g})")
    return arr


def _flat(a: ArrayLike, lead: tuple[int, ...]) -> NDArray:
    """2-D view ``(rows, cols)`` of an array broadcastable to ``lead + (n_opt,)``.

    ``rows`` is 1 (same for every dwelling) or the number of dwellings; ``cols`` is 1 or the
    number of options. Broadcast inputs are not materialised.
    """
    a = np.asarray(a)
    nd = len(lead) + 1
    if a.ndim < nd:
        a = a.reshape((1,) * (nd - a.ndim) + a.shape)
    cols = a.shape[-1]
    if all(d == 1 for d in a.shape[:-1]):
        return a.reshape(1, cols)
    if a.shape[:-1] == lead:
        return a.reshape(-1, cols)
    return np.broadcast_to(a, lead + (cols,)).reshape(-1, cols)


def _rows(a: NDArray, sl: slice) -> NDArray:
    return a if a.shape[0] == 1 else a[sl]


def _dwelling_flat(a: ArrayLike, lead: tuple[int, ...], dtype) -> NDArray:
    """1-D array of per-dwelling values, broadcast to the leading axes and flattened."""
    return np.broadcast_to(np.asarray(a, dtype=dtype), lead).reshape(-1)


def _weights(units: dict[str, FloatArray], w: FloatArray, nm: NDArray[np.bool_], h: int) -> dict[str, float]:
    """Weighted sums of the unit prices over the first ``h`` years, import/export split by NM."""
    w = np.asarray(w, dtype=float)
    nmf = nm[:h].astype(float)
    out = {k: float(np.dot(w, v[:h])) for k, v in units.items()}
    for k in ("elec_import_eur_kwh", "elec_export_eur_kwh"):
        out[k + "_nm"] = float(np.dot(w * nmf, units[k][:h]))
        out[k] = float(np.dot(w * (1.0 - nmf), units[k][:h]))
    return out


def average_co2_kg_per_yr(
    gas_m3: ArrayLike,
    elec_import_kwh: ArrayLike,
    elec_export_kwh: ArrayLike,
    heat_gj: ArrayLike,
    tariffs: TariffPaths,
    horizon_years: int | None = None,
    *,
    credit_export: bool = True,
) -> FloatArray:
    """Average yearly CO2 over the horizon (kg/yr) of constant yearly quantities.

    ``gas x gas factor + (import - export) x mean grid intensity + heat x heat factor``; with
    ``credit_export=False`` exported kWh are not credited. Grid intensity: the tariffs'
    ``grid_co2_kg_kwh`` path (PBL Vesta); gas 1.78 kg/m3 and heat 50.6 kg/GJ (ISSO 82).
    """
    h = tariffs.n_years if horizon_years is None else int(horizon_years)
    grid = float(np.mean(tariffs.grid_co2_kg_kwh[:h]))
    gas = _arr(gas_m3, "gas_m3", nonneg=True)
    imp = _arr(elec_import_kwh, "elec_import_kwh", nonneg=True)
    exp = _arr(elec_export_kwh, "elec_export_kwh", nonneg=True)
    gj = _arr(heat_gj, "heat_gj", nonneg=True)
    net = imp - exp if credit_export else imp
    return gas * tariffs.gas_co2_kg_m3 + net * grid + gj * tariffs.heat_co2_kg_gj


def _payback_into(inv: NDArray, sav: NDArray, out: NDArray, b1, b2, b3, b4) -> None:
    """:func:`wupmodel.finance.simple_payback` written into ``out`` with bool work buffers."""
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(inv, sav, out=out)
    np.greater(inv, 0.0, out=b1)  # investment > 0
    np.greater(sav, 0.0, out=b2)  # savings > 0
    np.logical_not(b2, out=b3)  # savings <= 0
    np.logical_and(b1, b3, out=b4)
    np.copyto(out, np.inf, where=b4)
    np.logical_not(b1, out=b1)  # investment <= 0
    np.logical_and(b1, b3, out=b4)
    np.copyto(out, np.nan, where=b4)
    np.logical_and(b1, b2, out=b4)
    np.copyto(out, 0.0, where=b4)


# --------------------------------------------------------------------------------------------
# main entry
# --------------------------------------------------------------------------------------------
def money_outcomes(
    *,
    gas_m3: ArrayLike,
    elec_import_kwh: ArrayLike,
    elec_export_kwh: ArrayLike,
    heat_gj: ArrayLike,
    has_gas_connection: ArrayLike,
    on_heat_network: ArrayLike,
    components: Mapping[str, Component | tuple],
    subsidy_eur: ArrayLike,
    co2_kg_per_yr: ArrayLike,
    reference_index: ArrayLike,
    tariffs: TariffPaths,
    settings: FinanceSettings,
    params: Params,
    household_income_eur: ArrayLike | None = None,
    tenure: ArrayLike | None = None,
    national_components: Mapping[str, Component | tuple] | None = None,
    gas_removal_eur: ArrayLike | None = None,
    outputs: Iterable[str] | None = None,
) -> MoneyOutcomes:
    """Money outcomes of every dwelling x option in both perspectives.

    Parameters
    ----------
    gas_m3, elec_import_kwh, elec_export_kwh, heat_gj
        First-year quantities per dwelling x option (m3, kWh, kWh, GJ), held constant over the
        horizon; options on the last axis.
    has_gas_connection, on_heat_network
        Bool per dwelling x option.
    components
        Name -> :class:`Component` or tuple ``(capex_eur incl. VAT, lifetime_years, om_share[,
        vat_rate])``; the caller chooses the components (insulation, heating system, PV, ...).
    subsidy_eur
        Subsidy per dwelling x option (EUR), received at ``t = 0``.
    co2_kg_per_yr
        CO2 per dwelling x option (kg/yr), e.g. from :func:`average_co2_kg_per_yr`.
    reference_index
        Index of the reference option (gas boiler, current insulation, no PV) per dwelling,
        shape = the leading (dwelling) axes.
    tariffs
        Price paths (first year = year 1 of the horizon).
    settings
        Finance settings.
    params
        Parameters (Warmtefonds rules, gas-connection removal cost).
    household_income_eur
        Income per dwelling (EUR/yr) for the Warmtefonds rate and the energy cost share; NaN =
        unknown (scenario loan rate, no cost share).
    tenure
        Tenure code per dwelling (index into ``TENURES``; default all owner-occupiers).
    national_components
        National-only investments per dwelling x option excl. VAT (heat-network share, grid
        reinforcement), as :class:`Component` or tuples.
    gas_removal_eur
        National cost of removing a gas connection per dwelling (default
        ``finance.gas_connection_removal_eur``, ground-bound dwellings).
    outputs
        Names from :data:`OUTPUT_FIELDS` to keep (default: all). Large runs that need only a
        few outputs (e.g. an optimiser: ``lcc_end_user_eur``, ``national_annual_cost_eur``,
        ``monthly_cost_change_eur``) save memory and time; outputs not kept are ``None`` and
        derived outputs whose base was not kept raise :class:`WupInputError`.

    Returns
    -------
    MoneyOutcomes
    """
    s = settings
    wanted = set(OUTPUT_FIELDS) if outputs is None else set(outputs)
    unknown_out = sorted(wanted - set(OUTPUT_FIELDS))
    if unknown_out:
        raise WupInputError(
            f"unknown output(s) {', '.join(unknown_out)}; allowed: {', '.join(OUTPUT_FIELDS)}"
        )
    need = {_DERIVED_FROM.get(name, name) for name in wanted}
    h = int(s.horizon_years)
    if h > tariffs.n_years:
        raise WupInputError(
            f"horizon_years {h} is longer than the price paths "
            f"({int(tariffs.years[0])}-{int(tariffs.years[-1])}, {tariffs.n_years} years)"
        )
    if not components:
        raise WupInputError("components is empty; give at least one investment component")

    # ---------------- inputs ----------------
    gas = _arr(gas_m3, "gas_m3", nonneg=True)
    imp = _arr(elec_import_kwh, "elec_import_kwh", nonneg=True)
    exp = _arr(elec_export_kwh, "elec_export_kwh", nonneg=True)
    gj = _arr(heat_gj, "heat_gj", nonneg=True)
    has_gas = np.asarray(has_gas_connection, dtype=bool)
    on_hn = np.asarray(on_heat_network, dtype=bool)
    subsidy = _arr(subsidy_eur, "subsidy_eur", nonneg=True)
    co2 = _arr(co2_kg_per_yr, "co2_kg_per_yr")
    comps = {k: _component(k, v) for k, v in components.items()}
    ncomps = {k: _component(k, v) for k, v in (national_components or {}).items()}
    capex = {k: _arr(c.capex_eur, f"capex of component '{k}'", nonneg=True) for k, c in comps.items()}
    ncapex = {
        k: _arr(c.capex_eur, f"capex of national component '{k}'", nonneg=True) for k, c in ncomps.items()
    }
    shape = np.broadcast_shapes(
        gas.shape, imp.shape, exp.shape, gj.shape, has_gas.shape, on_hn.shape, subsidy.shape,
        co2.shape, *(a.shape for a in capex.values()), *(a.shape for a in ncapex.values()),
    )
    if len(shape) == 0:
        raise WupInputError("money_outcomes needs an option axis (the last axis)")
    lead, n_opt = shape[:-1], shape[-1]
    n_lead = int(np.prod(lead)) if lead else 1

    ref = np.asarray(reference_index)
    if ref.dtype.kind not in "iu":
        raise WupInputError("reference_index must be whole numbers (option indices)")
    if ref.size and (ref.min() < 0 or ref.max() >= n_opt):
        raise WupInputError(f"reference_index must be between 0 and {n_opt - 1}")
    ref_f = _dwelling_flat(ref, lead, np.intp)
    if tenure is None:
        tenant_f = np.zeros(n_lead, dtype=bool)
    else:
        ten = np.asarray(tenure)
        if ten.dtype.kind not in "iu" or (ten.size and (ten.min() < 0 or ten.max() >= len(TENURES))):
            raise WupInputError(f"tenure codes must be 0..{len(TENURES) - 1} ({', '.join(TENURES)})")
        tenant_f = np.isin(_dwelling_flat(ten, lead, ten.dtype), TENANT_CODES)
    any_tenant = bool(tenant_f.any())
    income_f = None if household_income_eur is None else _dwelling_flat(household_income_eur, lead, float)
    removal = params["finance.gas_connection_removal_eur"] if gas_removal_eur is None else gas_removal_eur
    removal_f = _dwelling_flat(_arr(removal, "gas_removal_eur", nonneg=True), lead, float)

    # ---------------- per-scenario constants ----------------
    rh, rs, rl = s.household_rate, s.social_rate, s.landlord_rate
    nm = np.asarray(tariffs.net_metering, dtype=bool)
    with_nm = bool(nm[:h].any())
    eu = end_user_unit_prices(tariffs)
    first = np.zeros(h)
    first[0] = 1.0
    forms = {
        "pv": _weights(eu, discount_factors(rh, h), nm, h),
        "y1": _weights(eu, first, nm, h),
        "sum": _weights(eu, np.ones(h), nm, h),
        "nat": _weights(resource_unit_costs(tariffs), discount_factors(rs, h), np.zeros_like(nm), h),
    }
    pvf_h = float(present_value_factor(rh, h))
    pvf_s = float(present_value_factor(rs, h))
    pvf_l = float(present_value_factor(rl, h))
    crf_h = float(capital_recovery_factor(rh, h))
    crf_s = float(capital_recovery_factor(rs, h))
    crf_l = float(capital_recovery_factor(rl, h))
    vat0 = float(tariffs.vat[0])

    # components: (capex, om, PV factor household, PV factor landlord, national PV factor, life)
    # as 2-D views; the ones equal for all dwellings are summed once here.
    const = {k: np.zeros((1, n_opt)) for k in ("upfront", "om", "cap_h", "cap_l", "nat")}
    per_dwelling = []
    all_terms = []
    for k, c in comps.items():
        om = _arr(c.om_share, f"om_share of component '{k}'", nonneg=True)
        vat = vat0 if c.vat_rate is None else float(c.vat_rate)
        f_h = life_cycle_cost_factor(c.lifetime_years, h, rh) + om * pvf_h
        f_l = life_cycle_cost_factor(c.lifetime_years, h, rl) + om * pvf_l
        f_s = (life_cycle_cost_factor(c.lifetime_years, h, rs) + om * pvf_s) / (1.0 + vat)
        term = tuple(_flat(a, lead) for a in (capex[k], om, f_h, f_l, f_s, c.lifetime_years))
        all_terms.append(term)
        if all(t.shape[0] == 1 for t in term[:5]):
            cx = term[0]
            const["upfront"] = const["upfront"] + cx
            const["om"] = const["om"] + cx * term[1]
            const["cap_h"] = const["cap_h"] + cx * term[2]
            const["cap_l"] = const["cap_l"] + cx * term[3]
            const["nat"] = const["nat"] + cx * term[4]
        else:
            per_dwelling.append(term)
    nat_per_dwelling = []
    for k, c in ncomps.items():
        om = _arr(c.om_share, f"om_share of national component '{k}'", nonneg=True)
        f_s = life_cycle_cost_factor(c.lifetime_years, h, rs) + om * pvf_s
        cx, fs = _flat(ncapex[k], lead), _flat(f_s, lead)
        if cx.shape[0] == 1 and fs.shape[0] == 1:
            const["nat"] = const["nat"] + cx * fs
        else:
            nat_per_dwelling.append((cx, fs))

    loan = None
    loan_rate_f = np.zeros(n_lead)
    if s.financing == "warmtefonds":
        loan = _loan_constants(params, s, h, rh)
        low = np.zeros(n_lead, bool) if income_f is None else np.nan_to_num(income_f, nan=np.inf) < loan["limit"]
        loan["low"] = low
        loan_rate_f = np.where(low, 0.0, loan["rate"])

    flat_in = {
        "gas": _flat(gas, lead), "imp": _flat(imp, lead), "exp": _flat(exp, lead), "gj": _flat(gj, lead),
        "has_gas": _flat(has_gas, lead), "on_hn": _flat(on_hn, lead), "subsidy": _flat(subsidy, lead),
        "co2": _flat(co2, lead),
    }
    stored = [name for name in _STORED if name in need]
    if loan is None:
        stored = [x for x in stored if x not in ("loan_principal_eur", "loan_payment_eur_per_month")]
    if not any_tenant:
        stored = [x for x in stored if x not in ("rent_increase_eur_per_month", "landlord_annual_cost_eur")]
    out = {name: np.empty((n_lead, n_opt)) for name in stored}
    irr_out = np.full((n_lead, n_opt), np.nan) if (s.compute_irr and "irr" in need) else None
    irr_units = _irr_units(eu, nm, h) if s.compute_irr else None

    rows_per_chunk = max(1, min(n_lead, _CHUNK_ELEMENTS // n_opt))
    buf = {name: np.empty((rows_per_chunk, n_opt)) for name in _FLOAT_BUFFERS + _STORED}
    bbuf = {name: np.empty((rows_per_chunk, n_opt), dtype=bool) for name in ("b1", "b2", "b3", "b4")}
    ctx = {
        "h": h, "with_nm": with_nm, "forms": forms, "const": const, "per_dwelling": per_dwelling,
        "nat_per_dwelling": nat_per_dwelling, "loan": loan, "any_tenant": any_tenant,
        "rent_cap_year": 12.0 * s.rent_increase_cap_eur_month, "co2_price": s.national_co2_price_eur_t,
        "pvf_h": pvf_h, "pvf_s": pvf_s, "crf_s": crf_s, "crf_l": crf_l, "need": need,
    }
    for start in range(0, n_lead, rows_per_chunk):
        sl = slice(start, min(start + rows_per_chunk, n_lead))
        n = sl.stop - sl.start
        _money_chunk(
            ctx, sl, {k: _rows(v, sl) for k, v in flat_in.items()}, ref_f[sl], tenant_f[sl],
            removal_f[sl], {k: (out[k][sl] if k in out else buf[k][:n]) for k in _STORED},
            {k: v[:n] for k, v in buf.items()}, {k: v[:n] for k, v in bbuf.items()},
        )
        if irr_out is not None and not tenant_f[sl].all():
            _irr_chunk(
                irr_out[sl], {k: _rows(v, sl) for k, v in flat_in.items()}, ref_f[sl], tenant_f[sl],
                buf["extra_inv"][:n], all_terms, sl, irr_units, h,
            )

    zero = np.broadcast_to(np.float64(0.0), shape)

    def result(name: str) -> FloatArray | None:
        if name in out:
            return out[name].reshape(shape)
        return zero if name in need else None  # loan / tenant fields that are all 0

    return MoneyOutcomes(
        subsidy_eur=np.broadcast_to(subsidy, shape),
        net_investment_eur=result("net_investment_eur"),
        lcc_end_user_eur=result("lcc_end_user_eur"),
        irr=None if irr_out is None else irr_out.reshape(shape),
        simple_payback_years=result("simple_payback_years"),
        bill_year1_eur=result("bill_year1_eur"),
        monthly_cost_year1_eur=result("monthly_cost_year1_eur"),
        monthly_cost_avg_eur=result("monthly_cost_avg_eur"),
        loan_principal_eur=result("loan_principal_eur"),
        loan_payment_eur_per_month=result("loan_payment_eur_per_month"),
        rent_increase_eur_per_month=result("rent_increase_eur_per_month"),
        landlord_annual_cost_eur=result("landlord_annual_cost_eur"),
        national_annual_cost_eur=result("national_annual_cost_eur"),
        co2_kg_per_yr=np.broadcast_to(co2, shape),
        reference_index=ref_f.reshape(lead),
        household_crf=crf_h,
        loan_rate_by_dwelling=loan_rate_f.reshape(lead),
        household_income_eur=None if income_f is None else income_f.reshape(lead),
    )


#: Dwelling x option elements per chunk (work buffers of about 0.4 MB each; measured fastest).
_CHUNK_ELEMENTS = 50_000
#: Outputs computed per chunk and stored (when requested); the others derive from these.
_STORED = (
    "net_investment_eur", "lcc_end_user_eur", "simple_payback_years", "bill_year1_eur",
    "monthly_cost_year1_eur", "monthly_cost_avg_eur", "national_annual_cost_eur",
    "loan_principal_eur", "loan_payment_eur_per_month", "rent_increase_eur_per_month",
    "landlord_annual_cost_eur",
)
#: Derived output -> the stored output it is computed from.
_DERIVED_FROM = {
    "end_user_annual_cost_eur": "lcc_end_user_eur",
    "npv_end_user_eur": "lcc_end_user_eur",
    "end_user_extra_cost_eur_per_yr": "lcc_end_user_eur",
    "monthly_cost_change_eur": "monthly_cost_year1_eur",
    "energy_cost_share_year1": "bill_year1_eur",
    "loan_rate": "loan_principal_eur",
    "national_extra_cost_eur_per_yr": "national_annual_cost_eur",
    "national_cost_eur_per_t_co2": "national_annual_cost_eur",
    "co2_avoided_kg_per_yr": "co2_kg_per_yr",
}
#: Dwelling x option x year elements per IRR sub-chunk.
_IRR_CHUNK_ELEMENTS = 250_000
_FLOAT_BUFFERS = (
    "tmp", "diff", "billed", "surplus", "hg", "hn", "gjhn", "bill_pv", "bill_sum", "nat",
    "upfront", "om", "cap_h", "cap_l", "extra_inv", "pay_year", "loan_pv", "paid_h", "rent_y",
    "cost1", "sav", "factor",
)


def _loan_constants(params: Params, s: FinanceSettings, h: int, rh: float) -> dict:
    """Warmtefonds rules as scalars: payment per euro by (income class, term class), etc."""
    terms = warmtefonds_terms(params)
    term = float(s.loan_term_years)
    if term not in terms:
        raise WupInputError(
            f"loan_term_years {s.loan_term_years!r} is not a Warmtefonds term "
            f"({', '.join(f'{t:g}' for t in terms)})"
        )
    short = terms[-2] if term == terms[-1] else term
    r_hi = params["finance.warmtefonds_rate"]

    def per_eur(rate: float, years: float) -> float:  # 12 monthly annuity payments per euro
        monthly = float(np.expm1(np.log1p(rate) / 12.0))
        return 12.0 * float(capital_recovery_factor(monthly, 12.0 * years))

    key_max = "finance.warmtefonds_max_large_eur" if s.warmtefonds_large_package else "finance.warmtefonds_max_eur"
    return {
        "lo": params["finance.warmtefonds_min_eur"],
        "hi": params[key_max],
        # loans below long_min fall back to the shorter term (only when the longest is chosen)
        "long_min": params["finance.warmtefonds_long_term_min_eur"] if term == terms[-1] else 0.0,
        "limit": params["finance.warmtefonds_income_limit_eur"],
        "rate": r_hi,
        "pay": {(0, 0): per_eur(0.0, term), (0, 1): per_eur(0.0, short),
                (1, 0): per_eur(r_hi, term), (1, 1): per_eur(r_hi, short)},
        "years": (min(term, h), min(short, h)),
        "pvf": (float(present_value_factor(rh, term)), float(present_value_factor(rh, short))),
    }


def _money_chunk(ctx, sl, g, ref, tenant, removal, o, b, bb) -> None:
    """Compute the stored outputs for the dwellings in ``sl`` into ``o`` using work buffers ``b``."""
    n = sl.stop - sl.start
    rows = np.arange(n)
    h = ctx["h"]
    tmp = b["tmp"]
    gas, imp, exp = g["gas"], g["imp"], g["exp"]

    # ---- quantities ----
    hg = b["hg"]
    np.copyto(hg, g["has_gas"], casting="unsafe")
    heat = bool(g["on_hn"].any())
    if heat:
        np.copyto(b["hn"], g["on_hn"], casting="unsafe")
        np.multiply(g["gj"], b["hn"], out=b["gjhn"])
    if ctx["with_nm"]:
        np.subtract(imp, exp, out=b["diff"])
        np.maximum(b["diff"], 0.0, out=b["billed"])
        np.subtract(b["billed"], b["diff"], out=b["surplus"])

    def linear(w: dict[str, float], use_nm: bool, out: NDArray) -> NDArray:
        np.multiply(gas, w["gas_eur_m3"], out=out)
        np.multiply(hg, w["gas_fixed_eur"], out=tmp)
        out += tmp
        np.multiply(imp, w["elec_import_eur_kwh"], out=tmp)
        out += tmp
        np.multiply(exp, w["elec_export_eur_kwh"], out=tmp)
        out -= tmp
        out += w["elec_fixed_eur"]
        if heat:
            np.multiply(b["hn"], w["heat_fixed_eur"], out=tmp)
            out += tmp
            np.multiply(b["gjhn"], w["heat_eur_gj"], out=tmp)
            out += tmp
        if use_nm:
            np.multiply(b["billed"], w["elec_import_eur_kwh_nm"], out=tmp)
            out += tmp
            np.multiply(b["surplus"], w["elec_export_eur_kwh_nm"], out=tmp)
            out -= tmp
        return out

    forms, nm = ctx["forms"], ctx["with_nm"]
    bill_pv = linear(forms["pv"], nm, b["bill_pv"])
    bill_y1 = linear(forms["y1"], nm, o["bill_year1_eur"])
    need = ctx["need"]
    bill_sum = linear(forms["sum"], nm, b["bill_sum"]) if "monthly_cost_avg_eur" in need else None
    national = "national_annual_cost_eur" in need
    nat = linear(forms["nat"], False, b["nat"]) if national else b["nat"]

    # ---- capital ----
    const = ctx["const"]
    any_tenant = ctx["any_tenant"]
    upfront, om_year, cap_h, cap_l = b["upfront"], b["om"], b["cap_h"], b["cap_l"]
    np.copyto(upfront, const["upfront"])
    np.copyto(om_year, const["om"])
    np.copyto(cap_h, const["cap_h"])
    if any_tenant:
        np.copyto(cap_l, const["cap_l"])
    if national:
        nat += const["nat"]
    for capex2, om2, fh2, fl2, fs2, _life in ctx["per_dwelling"]:
        cx = _rows(capex2, sl)
        upfront += cx
        np.multiply(cx, _rows(om2, sl), out=tmp)
        om_year += tmp
        np.multiply(cx, _rows(fh2, sl), out=tmp)
        cap_h += tmp
        if national:
            np.multiply(cx, _rows(fs2, sl), out=tmp)
            nat += tmp
        if any_tenant:
            np.multiply(cx, _rows(fl2, sl), out=tmp)
            cap_l += tmp
    for capex2, fs2 in ctx["nat_per_dwelling"]:
        np.multiply(_rows(capex2, sl), _rows(fs2, sl), out=tmp)
        nat += tmp
    subsidy = g["subsidy"]
    net_inv = o["net_investment_eur"]
    np.subtract(upfront, subsidy, out=net_inv)
    extra_inv = b["extra_inv"]
    np.subtract(net_inv, net_inv[rows, ref][:, None], out=extra_inv)

    # ---- end-user LCC (owners; loan if any) ----
    lcc = o["lcc_end_user_eur"]
    np.subtract(cap_h, subsidy, out=lcc)
    lcc += bill_pv
    loan = ctx["loan"]
    ten = tenant[:, None]
    if loan is not None:
        principal = o["loan_principal_eur"]
        np.maximum(net_inv, 0.0, out=principal)
        np.minimum(principal, loan["hi"], out=principal)
        np.less(principal, loan["lo"], out=bb["b1"])
        np.copyto(principal, 0.0, where=bb["b1"])
        if any_tenant:
            np.copyto(principal, 0.0, where=ten)
        cls = (~loan["low"][sl]).astype(np.intp)  # 0 = 0 % rate, 1 = scenario rate
        pay = loan["pay"]
        f_long = np.where(cls == 0, pay[(0, 0)], pay[(1, 0)])[:, None]
        f_short = np.where(cls == 0, pay[(0, 1)], pay[(1, 1)])[:, None]
        pay_year, loan_pv, paid_h, factor = b["pay_year"], b["loan_pv"], b["paid_h"], b["factor"]
        if loan["long_min"] > 0:
            long_ok = bb["b2"]
            np.greater_equal(principal, loan["long_min"], out=long_ok)
            np.copyto(factor, f_short)
            np.copyto(factor, f_long, where=long_ok)
            np.multiply(principal, factor, out=pay_year)
            np.copyto(factor, loan["pvf"][1])
            np.copyto(factor, loan["pvf"][0], where=long_ok)
            np.multiply(pay_year, factor, out=loan_pv)
            np.copyto(factor, loan["years"][1])
            np.copyto(factor, loan["years"][0], where=long_ok)
            np.multiply(pay_year, factor, out=paid_h)
        else:
            np.multiply(principal, f_long, out=pay_year)
            np.multiply(pay_year, loan["pvf"][0], out=loan_pv)
            np.multiply(pay_year, loan["years"][0], out=paid_h)
        np.divide(pay_year, 12.0, out=o["loan_payment_eur_per_month"])
        lcc -= principal
        lcc += loan_pv

    # ---- tenants: rent increase instead of capital ----
    if any_tenant:
        rent_y = b["rent_y"]
        np.maximum(extra_inv, 0.0, out=rent_y)
        rent_y *= ctx["crf_l"]
        np.minimum(rent_y, ctx["rent_cap_year"], out=rent_y)
        rent_y *= ten
        np.divide(rent_y, 12.0, out=o["rent_increase_eur_per_month"])
        np.multiply(rent_y, ctx["pvf_h"], out=tmp)
        tmp += bill_pv
        np.copyto(lcc, tmp, where=ten)
        landlord = o["landlord_annual_cost_eur"]
        np.subtract(cap_l, subsidy, out=landlord)
        landlord *= ctx["crf_l"]
        landlord -= rent_y
        landlord *= ten

    # ---- monthly costs (loan is 0 for tenants, rent 0 for owners) ----
    m1 = o["monthly_cost_year1_eur"]
    np.copyto(m1, bill_y1)
    if loan is not None:
        m1 += pay_year
    if any_tenant:
        m1 += rent_y
    m1 /= 12.0
    if bill_sum is not None:
        mavg = o["monthly_cost_avg_eur"]
        np.copyto(mavg, bill_sum)
        if loan is not None:
            mavg += paid_h
        if any_tenant:
            np.multiply(rent_y, h, out=tmp)
            mavg += tmp
        mavg /= 12.0 * h
    if "simple_payback_years" in need:
        _chunk_payback(bill_y1, om_year, extra_inv, rent_y if any_tenant else None, ten, ref, rows, b, bb, o)
    if national:
        _chunk_national(ctx, g, hg, ref, rows, removal, nat, tmp, o)


def _chunk_payback(bill_y1, om_year, extra_inv, rent_y, ten, ref, rows, b, bb, o) -> None:
    """Simple payback (first-year bill + O&M; tenants bill + rent) into ``o``."""
    tmp = b["tmp"]

    cost1 = b["cost1"]
    np.copyto(cost1, bill_y1)
    if rent_y is not None:
        np.multiply(om_year, ~ten, out=tmp)
        cost1 += tmp
        cost1 += rent_y
        np.multiply(extra_inv, ~ten, out=tmp)
        inv = tmp
    else:
        cost1 += om_year
        inv = extra_inv
    sav = b["sav"]
    np.subtract(cost1[rows, ref][:, None], cost1, out=sav)
    _payback_into(inv, sav, o["simple_payback_years"], bb["b1"], bb["b2"], bb["b3"], bb["b4"])


def _chunk_national(ctx, g, hg, ref, rows, removal, nat, tmp, o) -> None:
    """Add gas-connection removal and CO2 cost to the national PV, annualise into ``o``."""
    hg_ref = hg[rows, ref][:, None]
    np.subtract(1.0, hg, out=tmp)  # 1 where the option has no gas connection
    tmp *= hg_ref  # ... and the reference has one
    tmp *= removal[:, None]
    nat += tmp
    if ctx["co2_price"] > 0:
        np.multiply(g["co2"], ctx["co2_price"] / 1000.0 * ctx["pvf_s"], out=tmp)
        nat += tmp
    np.multiply(nat, ctx["crf_s"], out=o["national_annual_cost_eur"])


def _replacement_counts(lifetime: ArrayLike, h: int) -> tuple[FloatArray, FloatArray]:
    """Replacements paid at the end of each year 1..h and the residual share at h.

    A replacement at ``t = kL`` (``kL < h``) is paid at the end of year ``ceil(kL)`` (exact for
    whole-year lifetimes). Returns arrays of shape ``lifetime.shape + (h,)`` and
    ``lifetime.shape``.
    """
    life = np.asarray(lifetime, dtype=float)[..., None]
    t = np.arange(0, h + 1, dtype=float)
    n_before = np.floor(t / life + 1e-9)  # k >= 1 with kL <= t: paid by the end of year t
    n_total = np.ceil(h / life - 1e-9) - 1.0  # k >= 1 with kL < h
    counts = np.diff(np.minimum(n_before, n_total), axis=-1)
    m = n_total[..., 0]
    life0 = life[..., 0]
    residual = (m * life0 + life0 - h) / life0
    return counts, residual


def _irr_units(eu: dict[str, FloatArray], nm: NDArray, h: int) -> dict:
    """Yearly end-user unit prices over the horizon, import/export split by net metering."""
    nmf = nm[:h].astype(float)
    u = {k: np.asarray(v[:h], dtype=float) for k, v in eu.items()}
    u["imp_x"] = (1.0 - nmf) * u["elec_import_eur_kwh"]
    u["exp_x"] = (1.0 - nmf) * u["elec_export_eur_kwh"]
    u["imp_nm"] = nmf * u["elec_import_eur_kwh"]
    u["exp_nm"] = nmf * u["elec_export_eur_kwh"]
    u["with_nm"] = bool(nmf.any())
    return u


def _irr_chunk(out, g, ref, tenant, extra_inv, terms, sl, u, h) -> None:
    """IRR of the owner's own-money cash-flow difference vs the reference, into ``out``.

    Cash flows of an option vs its reference: ``-extra net investment`` at ``t = 0``; in years
    ``1..h`` the reference's bill + O&M + replacements minus the option's; at ``h`` also the
    option's residual value minus the reference's. Works in sub-chunks of dwellings.
    """
    n, n_opt = out.shape
    step = max(1, _IRR_CHUNK_ELEMENTS // (n_opt * (h + 1)))
    counts_res = [_replacement_counts(_rows(t[5], sl), h) for t in terms]
    for a in range(0, n, step):
        sub = slice(a, min(a + step, n))
        m = sub.stop - sub.start
        full = (m, n_opt)

        def q(name: str, sub: slice = sub, full: tuple[int, int] = full) -> NDArray:
            return np.broadcast_to(_rows(g[name], sub), full)[..., None]

        gas, imp, exp = q("gas"), q("imp"), q("exp")
        cost = gas * u["gas_eur_m3"] + q("has_gas") * u["gas_fixed_eur"] + u["elec_fixed_eur"]
        cost += imp * u["imp_x"]
        cost -= exp * u["exp_x"]
        if u["with_nm"]:
            diff = imp - exp
            billed = np.maximum(diff, 0.0)
            cost += billed * u["imp_nm"]
            cost -= (billed - diff) * u["exp_nm"]
        on_hn = q("on_hn")
        if on_hn.any():
            cost += on_hn * (u["heat_fixed_eur"] + q("gj") * u["heat_eur_gj"])
        for (capex2, om2, *_rest), (counts, resid) in zip(terms, counts_res, strict=True):
            cx = np.broadcast_to(_rows(_rows(capex2, sl), sub), full)
            cnt = counts if counts.shape[0] == 1 else counts[sub]
            cost += cx[..., None] * (np.broadcast_to(_rows(_rows(om2, sl), sub), full)[..., None] + cnt)
            res = resid if np.ndim(resid) == 0 or resid.shape[0] == 1 else resid[sub]
            cost[..., -1] -= cx * res
        rows = np.arange(m)
        flows = np.empty(full + (h + 1,))
        flows[..., 0] = -extra_inv[sub]
        np.subtract(cost[rows, ref[sub]][:, None, :], cost, out=flows[..., 1:])
        result = np.asarray(irr(flows), dtype=float)
        result[tenant[sub]] = np.nan
        out[sub] = result
