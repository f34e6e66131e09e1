"""Costs of every dwelling x option in two perspectives: the end user's and the nation's.

:func:`money_outcomes` takes per dwelling x option arrays (any broadcastable shape, options on
the last axis, or on the last ``option_axes`` axes of an option grid) of first-year quantities,
investments by component, subsidies and CO2, and returns :class:`MoneyOutcomes`. Quantities
are assumed constant over the horizon (first-year values); prices change per year
(:class:`~wupmodel.tariffs.TariffPaths`). Because costs are linear in the yearly quantities,
every sum over the years is a quantity times a discounted price sum computed once per call;
no (dwelling x option x year) array is built except for the IRR (computed in chunks, and
optional).

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
    Dwellings are processed in cache-sized chunks with reusable work buffers. Every output is a
    sum of terms ``coefficient x array`` where most arrays depend on only some of the option
    axes (``option_axes > 1``: gas on the combination of insulation, heating and solar thermal,
    the PV yield on PV alone): those are summed at their own size and broadcast once, and the
    nonlinear pieces (net-metered kWh, self-consumption, the Warmtefonds loan, the capped rent,
    the payback) are formed only where they apply. :func:`money_totals` returns village totals
    per option without writing any (dwellings x options) array: each chunk's sums are reduced
    term by term. Measured figures are in the README (``benchmarks/bench_money.py`` and
    ``bench_evaluate.py``). The IRR builds yearly cash flows and finds roots: about 0.3 s per
    1 000 dwellings x 96 options; switch it off with ``FinanceSettings(compute_irr=False)`` for
    large runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
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
    "money_totals",
    "SUMMABLE_OUTPUTS",
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
    co2_source
        The CO2 input (kg/yr) as given (an array or a callable); read ``co2_kg_per_yr``.
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
    co2_source: ArrayLike | Callable[[], ArrayLike]
    reference_index: NDArray[np.intp]
    household_crf: float
    loan_rate_by_dwelling: FloatArray
    household_income_eur: FloatArray | None = None
    option_grid: tuple[int, ...] | None = None

    @cached_property
    def co2_kg_per_yr(self) -> FloatArray:
        """The CO2 input (kg/yr), one option axis (computed now if it was given as a callable)."""
        co2 = self.co2_source() if callable(self.co2_source) else self.co2_source
        co2 = _arr(co2, "co2_kg_per_yr")
        lead = self.shape[:-1]
        return _on_option_axis(co2, lead, self.option_grid or self.shape[-1:])

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


def _flat(a: ArrayLike, lead: tuple[int, ...], k: int = 1) -> NDArray:
    """View ``(rows, *option_dims)`` of an array broadcastable to ``lead + option_shape``.

    ``rows`` is 1 (same for every dwelling) or the number of dwellings; each of the ``k``
    option dims is 1 or full. Broadcast inputs are not materialised.
    """
    a = np.asarray(a)
    nd = len(lead) + k
    if a.ndim < nd:
        a = a.reshape((1,) * (nd - a.ndim) + a.shape)
    head, opt = a.shape[: a.ndim - k], a.shape[a.ndim - k :]
    if all(d == 1 for d in head):
        return a.reshape((1,) + opt)
    if head == lead:
        return a.reshape((-1,) + opt)
    return np.broadcast_to(a, lead + opt).reshape((-1,) + opt)


def _rows(a: NDArray, sl: slice) -> NDArray:
    return a if a.shape[0] == 1 else a[sl]


def _dwelling_flat(a: ArrayLike, lead: tuple[int, ...], dtype) -> NDArray:
    """1-D array of per-dwelling values, broadcast to the leading axes and flattened."""
    return np.broadcast_to(np.asarray(a, dtype=dtype), lead).reshape(-1)


class _Scratch:
    """Reusable work arrays by shape (the same few shapes recur in every chunk)."""

    def __init__(self) -> None:
        self._free: dict[tuple[int, ...], list[NDArray]] = {}
        self._taken: list[NDArray] = []

    def get(self, shape: tuple[int, ...]) -> NDArray:
        free = self._free.setdefault(shape, [])
        a = free.pop() if free else np.empty(shape)
        self._taken.append(a)
        return a

    def release(self) -> None:
        for a in self._taken:
            self._free[a.shape].append(a)
        self._taken.clear()


def _lincomb(terms: list[tuple], out: NDArray, tmp: NDArray, scratch: _Scratch | None = None) -> NDArray:
    """``out[...] = sum(coef * array)`` over broadcastable terms, small arrays first.

    Most money figures are linear combinations of arrays that depend on only some of the option
    axes (gas on the combination of insulation, heating and solar thermal; PV yield on PV
    alone). Products of the same shape are summed at that shape and the partial sums merged
    pairwise, smallest result first, so that only the last step touches the full-size
    ``out``. Full-size terms are added at the end through ``tmp``. A term ``(coef, array,
    slice)`` adds to ``out[:, slice]`` only (a block of the first option axis).
    """
    scratch = scratch or _Scratch()
    small: dict[tuple[int, ...], NDArray] = {}
    owned: set[int] = set()  # ids of the partial sums that are scratch arrays (may be added to)
    big = []
    sliced = [t for t in terms if len(t) == 3]
    for coef, a in (t for t in terms if len(t) == 2):
        if a.shape == out.shape:
            big.append((coef, a))
            continue
        shape = np.broadcast_shapes(a.shape, np.shape(coef))
        if shape == out.shape:
            big.append((coef, a))
            continue
        if np.ndim(coef) == 0 and coef == 1.0 and a.dtype == float:
            p = a
        else:
            p = np.multiply(a, coef, out=scratch.get(shape))
            owned.add(id(p))
        if shape not in small:
            small[shape] = p
        elif id(small[shape]) in owned:
            small[shape] += p
        else:
            small[shape] = np.add(small[shape], p, out=scratch.get(shape))
            owned.add(id(small[shape]))
    parts = list(small.values())

    def joined(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(max(x, y) for x, y in zip(a, b, strict=True))  # dims are 1 or full

    while len(parts) > 2 or (len(parts) == 2 and joined(parts[0].shape, parts[1].shape) != out.shape):
        i, j = min(
            ((i, j) for i in range(len(parts)) for j in range(i + 1, len(parts))),
            key=lambda ij: math.prod(joined(parts[ij[0]].shape, parts[ij[1]].shape)),
        )
        merged = np.add(parts[i], parts[j], out=scratch.get(joined(parts[i].shape, parts[j].shape)))
        parts = [p for m, p in enumerate(parts) if m not in (i, j)] + [merged]
    if len(parts) == 2:
        np.add(parts[0], parts[1], out=out)
    elif parts:
        np.copyto(out, parts[0])
    elif big:
        coef, a = big.pop(0)
        np.multiply(a, coef, out=out)
    else:
        out.fill(0.0)
    for coef, a in big:
        if np.ndim(coef) == 0 and coef == 1.0:
            out += a
        else:
            np.multiply(a, coef, out=tmp)
            out += tmp
    for coef, a, sl in sliced:
        part, work = out[:, sl], tmp[:, sl]
        np.multiply(a, coef, out=work)
        part += work
    scratch.release()
    return out


def _at_reference(a: NDArray, rows: NDArray, ref: NDArray, col: tuple[int, ...]) -> NDArray:
    """Value of each row's reference cell of a full-size ``(n, *option_shape)`` array, shape ``col``."""
    return a.reshape(rows.size, -1)[rows, ref].reshape(col)


def _at_reference_small(a: NDArray, rows: NDArray, ref_cell: tuple[NDArray, ...]) -> NDArray:
    """Value at each row's reference cell of an array broadcastable over the option axes, (n,)."""
    idx = [rows if a.shape[0] > 1 else 0]
    idx += [cell if a.shape[1 + i] > 1 else 0 for i, cell in enumerate(ref_cell)]
    return np.broadcast_to(a[tuple(idx)], rows.shape)


def _weights(units: dict[str, FloatArray], w: FloatArray, nm: NDArray[np.bool_], h: int) -> dict[str, float]:
    """Weighted sums of the unit prices over the first ``h`` years, import/export split by NM."""
    w = np.asarray(w, dtype=float)
    nmf = nm[:h].astype(float)
    out = {k: float(np.dot(w, v[:h])) for k, v in units.items()}
    for k in ("elec_import_eur_kwh", "elec_export_eur_kwh"):
        out[k + "_nm"] = float(np.dot(w * nmf, units[k][:h]))
        out[k] = float(np.dot(w * (1.0 - nmf), units[k][:h]))
    return out


def _payback_into(inv: NDArray, sav: NDArray, out: NDArray, b1: NDArray, b2: NDArray) -> None:
    """:func:`wupmodel.finance.simple_payback` written into ``out`` with bool work buffers.

    ``max(inv, 0) / sav`` where there are savings (0 when nothing extra is invested); without
    savings ``inf`` if there is an extra investment, else NaN.
    """
    np.maximum(inv, 0.0, out=out)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(out, sav, out=out)
    np.less_equal(sav, 0.0, out=b1)  # no savings
    if b1.any():
        np.copyto(out, np.nan, where=b1)
        np.greater(inv, 0.0, out=b2)
        np.logical_and(b1, b2, out=b2)
        np.copyto(out, np.inf, where=b2)


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
    co2_kg_per_yr: ArrayLike | Callable[[], ArrayLike],
    reference_index: ArrayLike,
    tariffs: TariffPaths,
    settings: FinanceSettings,
    params: Params,
    household_income_eur: ArrayLike | None = None,
    tenure: ArrayLike | None = None,
    national_components: Mapping[str, Component | tuple] | None = None,
    gas_removal_eur: ArrayLike | None = None,
    outputs: Iterable[str] | None = None,
    self_consumed_kwh: ArrayLike | None = None,
    option_axes: int = 1,
    _totals_weights: ArrayLike | None = None,
) -> MoneyOutcomes:
    """Money outcomes of every dwelling x option in both perspectives.

    Parameters
    ----------
    gas_m3, elec_import_kwh, elec_export_kwh, heat_gj
        First-year quantities per dwelling x option (m3, kWh, kWh, GJ), held constant over the
        horizon; options on the last axis (or the last ``option_axes`` axes).
    has_gas_connection, on_heat_network
        Bool per dwelling x option.
    components
        Name -> :class:`Component` or tuple ``(capex_eur incl. VAT, lifetime_years, om_share[,
        vat_rate])``; the caller chooses the components (insulation, heating system, PV, ...).
    subsidy_eur
        Subsidy per dwelling x option (EUR), received at ``t = 0``.
    co2_kg_per_yr
        CO2 per dwelling x option (kg/yr; the evaluation passes its horizon average on the grid
        intensity path), or a callable returning it (called only when a CO2 price or a CO2
        output needs it).
    reference_index
        Index of the reference option (gas boiler, current insulation, no PV) per dwelling,
        shape = the leading (dwelling) axes; with several option axes the flat (C-order) index.
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
    self_consumed_kwh
        PV electricity used at home (kWh/yr). When given, ``elec_import_kwh`` and
        ``elec_export_kwh`` are the amounts before self-consumption (demand and PV yield) and
        the household imports and exports this much less of each; it is capped per option at
        both (so one array can serve the options with and without PV). Lets a caller pass
        demand and yield over only the option axes they depend on.
    option_axes
        Number of trailing axes that index the options (default 1). With more, the options
        form a grid (e.g. PV x solar thermal x insulation x heating) and each input needs only
        the axes it depends on; the work on the small arrays is done before anything is
        broadcast to the whole grid. Outputs then have one option axis (the grid in C order).

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
    k = int(option_axes)
    if k < 1:
        raise WupInputError("option_axes must be at least 1")

    # ---------------- inputs ----------------
    gas = _arr(gas_m3, "gas_m3", nonneg=True)
    imp = _arr(elec_import_kwh, "elec_import_kwh", nonneg=True)
    exp = _arr(elec_export_kwh, "elec_export_kwh", nonneg=True)
    gj = _arr(heat_gj, "heat_gj", nonneg=True)
    self_kwh = None if self_consumed_kwh is None else _arr(self_consumed_kwh, "self_consumed_kwh", nonneg=True)
    has_gas = np.asarray(has_gas_connection, dtype=bool)
    on_hn = np.asarray(on_heat_network, dtype=bool)
    subsidy = _arr(subsidy_eur, "subsidy_eur", nonneg=True)
    co2_price = s.national_co2_price_eur_t
    co2 = None if callable(co2_kg_per_yr) else _arr(co2_kg_per_yr, "co2_kg_per_yr")
    comps = {name: _component(name, v) for name, v in components.items()}
    ncomps = {name: _component(name, v) for name, v in (national_components or {}).items()}
    capex = {name: _arr(c.capex_eur, f"capex of component '{name}'", nonneg=True) for name, c in comps.items()}
    ncapex = {
        name: _arr(c.capex_eur, f"capex of national component '{name}'", nonneg=True) for name, c in ncomps.items()
    }
    shapes = [gas.shape, imp.shape, exp.shape, gj.shape, has_gas.shape, on_hn.shape, subsidy.shape]
    shapes += [a.shape for a in (*capex.values(), *ncapex.values())]
    shapes += [a.shape for a in (co2, self_kwh) if a is not None]
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError as exc:
        raise WupInputError(f"the dwelling x option inputs do not broadcast to one shape: {exc}") from None
    if len(shape) < k:
        raise WupInputError(f"money_outcomes needs {k} option axis(es) (the last axes)")
    lead, opt = shape[: len(shape) - k], shape[len(shape) - k :]
    n_opt = int(np.prod(opt))
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
    if co2_price > 0 and co2 is None:
        co2 = _arr(co2_kg_per_yr(), "co2_kg_per_yr")

    # ---------------- per-scenario constants ----------------
    rh, rs, rl = s.household_rate, s.social_rate, s.landlord_rate
    nm = np.asarray(tariffs.net_metering, dtype=bool)
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

    # Components as (rows, *option dims) views with their per-euro factors: O&M share, present
    # value of owning one euro of capital at the household, landlord and social rate (the
    # national one excl. VAT), and the lifetime (for the IRR).
    comp_terms = []
    for name, c in comps.items():
        om = _arr(c.om_share, f"om_share of component '{name}'", nonneg=True)
        vat = vat0 if c.vat_rate is None else float(c.vat_rate)
        f_h = life_cycle_cost_factor(c.lifetime_years, h, rh) + om * pvf_h
        f_l = life_cycle_cost_factor(c.lifetime_years, h, rl) + om * pvf_l
        f_s = (life_cycle_cost_factor(c.lifetime_years, h, rs) + om * pvf_s) / (1.0 + vat)
        comp_terms.append({
            key: _flat(a, lead, k)
            for key, a in (("cx", capex[name]), ("om", om), ("fh", f_h), ("fl", f_l), ("fs", f_s),
                           ("life", np.asarray(c.lifetime_years, dtype=float)))
        })
    ncomp_terms = []
    for name, c in ncomps.items():
        om = _arr(c.om_share, f"om_share of national component '{name}'", nonneg=True)
        f_s = life_cycle_cost_factor(c.lifetime_years, h, rs) + om * pvf_s
        ncomp_terms.append({"cx": _flat(ncapex[name], lead, k), "fs": _flat(f_s, lead, k)})

    loan = None
    loan_rate_f = np.zeros(n_lead)
    if s.financing == "warmtefonds":
        loan = _loan_constants(params, s, h, rh)
        low = np.zeros(n_lead, bool) if income_f is None else np.nan_to_num(income_f, nan=np.inf) < loan["limit"]
        loan["low"] = low
        loan_rate_f = np.where(low, 0.0, loan["rate"])

    inputs = {"gas": gas, "imp": imp, "exp": exp, "gj": gj, "has_gas": has_gas, "on_hn": on_hn, "subsidy": subsidy}
    if self_kwh is not None:
        inputs["self"] = self_kwh
    if co2 is not None and co2_price > 0:
        inputs["co2"] = co2
    flat_in = {name: _flat(a, lead, k) for name, a in inputs.items()}
    # Options without any export (no PV) form blocks of the first option axis where the
    # net-metered kWh equal the import and nothing is self-consumed: the nonlinear terms are
    # then formed on the block with export only (half the grid for PV off/on).
    blocks = None
    ex = flat_in["exp"]
    if k >= 2 and ex.shape[1] > 1:
        exporting = np.flatnonzero((ex != 0).any(axis=tuple(i for i in range(ex.ndim) if i != 1)))
        if 0 < exporting.size < ex.shape[1] and exporting[-1] - exporting[0] + 1 == exporting.size:
            active = slice(int(exporting[0]), int(exporting[-1]) + 1)
            rest = [slice(0, active.start), slice(active.stop, ex.shape[1])]
            blocks = (active, [sl for sl in rest if sl.stop > sl.start])
    stored = [name for name in _STORED if name in need]
    if loan is None:
        stored = [x for x in stored if x not in ("loan_principal_eur", "loan_payment_eur_per_month")]
    if not any_tenant:
        stored = [x for x in stored if x not in ("rent_increase_eur_per_month", "landlord_annual_cost_eur")]
    # Derived outputs that were asked for by name (or all, by default) are computed in the
    # chunks too, while the arrays they come from are in cache, rather than on access.
    stored += [name for name in _CHUNK_DERIVED if name in wanted]
    reduce_w = None
    if _totals_weights is not None:  # money_totals: weighted sums per option, no big arrays
        reduce_w = _dwelling_flat(_arr(_totals_weights, "weights"), lead, float)
        out: dict[str, NDArray] = {}
        sums = {name: np.zeros(n_opt) for name in stored}
    else:
        out = {name: np.empty((n_lead,) + opt) for name in stored}
    irr_out = np.full((n_lead, n_opt), np.nan) if (s.compute_irr and "irr" in need and reduce_w is None) else None
    irr_units = _irr_units(eu, nm, h) if irr_out is not None else None

    # Reduce mode keeps few full-size arrays: larger chunks, less per-chunk overhead.
    chunk_elements = _CHUNK_ELEMENTS * (_REDUCE_CHUNK_FACTOR if _totals_weights is not None else 1)
    rows_per_chunk = max(1, min(n_lead, chunk_elements // n_opt))
    buffers: dict[int, tuple[dict, dict]] = {}  # work buffers by chunk size (at most two sizes)
    ctx = {
        "k": k, "opt": opt, "h": h, "with_nm": bool(nm[:h].any()), "forms": forms, "comps": comp_terms,
        "ncomps": ncomp_terms, "loan": loan, "any_tenant": any_tenant, "need": need,
        "rent_cap_year": 12.0 * s.rent_increase_cap_eur_month, "co2_price": co2_price,
        "pvf_h": pvf_h, "pvf_s": pvf_s, "crf_s": crf_s, "crf_l": crf_l, "crf_h": crf_h,
        "irr": irr_out is not None, "one": np.ones((1,) * (k + 1)), "weights": reduce_w, "blocks": blocks,
        "scratch": _Scratch(),
    }
    for start in range(0, n_lead, rows_per_chunk):
        sl = slice(start, min(start + rows_per_chunk, n_lead))
        n = sl.stop - sl.start
        g = {name: _rows(v, sl) for name, v in flat_in.items()}
        if n not in buffers:
            names = _FLOAT_BUFFERS + _STORED + tuple(x for x in _CHUNK_DERIVED if x in stored)
            if blocks is not None:  # billed kWh and self-consumption only on the exporting block
                names = tuple(x for x in names if x not in ("billed", "self"))
            buffers[n] = ({name: np.empty((n,) + opt) for name in names},
                          {name: np.empty((n,) + opt, dtype=bool) for name in ("b1", "b2")})
            if blocks is not None:
                part = (n, blocks[0].stop - blocks[0].start) + opt[1:]
                buffers[n][0].update(self_block=np.empty(part), billed_block=np.empty(part))
        b, bb = buffers[n]
        o = {name: (out[name][sl] if name in out else b.get(name)) for name in _STORED + _CHUNK_DERIVED}
        _money_chunk(ctx, sl, g, ref_f[sl], tenant_f[sl], removal_f[sl], o, b, bb,
                     None if reduce_w is None else sums)
        if irr_out is not None and not tenant_f[sl].all():
            _irr_chunk(irr_out[sl], g, ref_f[sl], tenant_f[sl], b["extra_inv"], ctx, sl, irr_units)

    if reduce_w is not None:
        totals = {name: sums.get(name, np.zeros(n_opt)) for name in wanted | need}
        return {name: value for name, value in totals.items() if name in SUMMABLE_OUTPUTS}

    full = lead + (n_opt,)
    zero = np.broadcast_to(np.float64(0.0), full)

    def result(name: str) -> FloatArray | None:
        if name in out:
            return out[name].reshape(full)
        return zero if name in need else None  # loan / tenant fields that are all 0

    money = MoneyOutcomes(
        subsidy_eur=result("subsidy_eur") if "subsidy_eur" in out else _on_option_axis(subsidy, lead, opt),
        net_investment_eur=result("net_investment_eur"),
        lcc_end_user_eur=result("lcc_end_user_eur"),
        irr=None if irr_out is None else irr_out.reshape(full),
        simple_payback_years=result("simple_payback_years"),
        bill_year1_eur=result("bill_year1_eur"),
        monthly_cost_year1_eur=result("monthly_cost_year1_eur"),
        monthly_cost_avg_eur=result("monthly_cost_avg_eur"),
        loan_principal_eur=result("loan_principal_eur"),
        loan_payment_eur_per_month=result("loan_payment_eur_per_month"),
        rent_increase_eur_per_month=result("rent_increase_eur_per_month"),
        landlord_annual_cost_eur=result("landlord_annual_cost_eur"),
        national_annual_cost_eur=result("national_annual_cost_eur"),
        co2_source=co2 if co2 is not None else co2_kg_per_yr,
        reference_index=ref_f.reshape(lead),
        household_crf=crf_h,
        loan_rate_by_dwelling=loan_rate_f.reshape(lead),
        household_income_eur=None if income_f is None else income_f.reshape(lead),
        option_grid=opt,
    )
    for name in _CHUNK_DERIVED:  # fill the caches of the derived properties computed above
        if name in out and name != "subsidy_eur":
            money.__dict__[name] = result(name)
    return money


def money_totals(weights: ArrayLike, **inputs) -> dict[str, FloatArray]:
    """Weighted sums over the dwellings of the money outputs, per option.

    The same computation as :func:`money_outcomes` (same keyword arguments), chunk by chunk,
    but each chunk's outputs are reduced to ``weights @ values`` (e.g. dwellings per group)
    and never kept: large or repeated runs (samples, many villages) that need village totals
    per option do not write dwelling x option arrays to memory.

    Parameters
    ----------
    weights
        Weight per dwelling (the leading axes), e.g. the number of dwellings in each group.
    **inputs
        As for :func:`money_outcomes`; ``outputs`` may name any of
        :data:`SUMMABLE_OUTPUTS` (sums of ratios such as EUR/t, the IRR or payback years are
        not meaningful and are not offered).

    Returns
    -------
    dict
        Output name -> (n_options,) weighted sum.
    """
    wanted = set(OUTPUT_FIELDS) if inputs.get("outputs") is None else set(inputs["outputs"])
    not_summable = sorted(wanted - SUMMABLE_OUTPUTS)
    if inputs.get("outputs") is not None and not_summable:
        raise WupInputError(f"money_totals cannot sum {', '.join(not_summable)}")
    inputs["outputs"] = sorted(wanted & SUMMABLE_OUTPUTS)
    return money_outcomes(**inputs, _totals_weights=weights)


def _on_option_axis(a: NDArray, lead: tuple[int, ...], opt: tuple[int, ...]) -> FloatArray:
    """``a`` broadcast to ``lead + opt`` with one option axis (a view when ``opt`` is one axis)."""
    if len(opt) == 1:
        return np.broadcast_to(a, lead + opt)
    return np.broadcast_to(a, lead + opt).reshape(lead + (int(np.prod(opt)),))


#: Dwelling x option elements per chunk (work buffers of about 0.8 MB each; measured fastest).
_CHUNK_ELEMENTS = 100_000
#: ... times this many in reduce mode (money_totals), which forms few full-size arrays: fewer
#: chunks, less per-chunk overhead (measured on the 2-core VM: 2 and 8 no better than 4).
_REDUCE_CHUNK_FACTOR = 4
#: Outputs computed per chunk and stored (when requested); the others derive from these.
_STORED = (
    "net_investment_eur", "lcc_end_user_eur", "simple_payback_years", "bill_year1_eur",
    "monthly_cost_year1_eur", "monthly_cost_avg_eur", "national_annual_cost_eur",
    "loan_principal_eur", "loan_payment_eur_per_month", "rent_increase_eur_per_month",
    "landlord_annual_cost_eur",
)
#: Derived outputs computed in the chunks when asked for (``subsidy_eur``: the input on one
#: option axis, materialised there when it is given over fewer axes).
_CHUNK_DERIVED = (
    "end_user_annual_cost_eur", "npv_end_user_eur", "end_user_extra_cost_eur_per_yr",
    "monthly_cost_change_eur", "national_extra_cost_eur_per_yr", "subsidy_eur",
)
#: Outputs :func:`money_totals` can sum. Ratios cannot be summed meaningfully: EUR/t, the
#: energy cost share, the IRR and the payback time (years; infinite where nothing is saved).
SUMMABLE_OUTPUTS = frozenset(_STORED + _CHUNK_DERIVED) - {"simple_payback_years"}
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
_FLOAT_BUFFERS = ("tmp", "billed", "self", "extra_inv", "rent_y", "cost1", "sav", "inv", "p_long", "p_short")


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


class _Reducer:
    """Weighted sums over the dwellings of one chunk, per option, of sums of terms.

    ``w @ sum(coef * array)`` is computed term by term without forming the sum; the weighted
    sum of each array (and each array's value at the reference option) is computed once per
    chunk and reused by every output that contains it (the same gas use enters the bill, the
    life-cycle cost and the national cost with different prices).
    """

    def __init__(self, w: NDArray, rows: NDArray, ref: NDArray, ref_cell: tuple, full: tuple[int, ...]) -> None:
        self.w, self.rows, self.ref, self.ref_cell, self.full = w, rows, ref, ref_cell, full
        self.opt = full[1:]
        # one reference option for every dwelling (the usual case): plain slices, no gathers
        self.one_ref = tuple(int(cell[0]) for cell in ref_cell) if ref.size and ref.min() == ref.max() else None
        self._sums: dict[tuple[int, int], tuple] = {}
        self._products: dict[tuple[int, int], tuple] = {}
        self._lists: dict[tuple[str, int], tuple] = {}  # keep each list alive: its id is the key
        self._refs: dict[int, tuple] = {}

    def _sum(self, a: NDArray, col: NDArray | None) -> NDArray:
        """``(w * col) @ a`` over the dwellings, shaped like ``a`` without its first axis."""
        key = (id(a), id(col))
        if key not in self._sums:
            ww = self.w if col is None else self.w * col.reshape(-1)
            if a.shape[0] > 1:
                t = (ww @ a.reshape(a.shape[0], -1)).reshape(a.shape[1:])
            else:
                t = a.reshape(a.shape[1:]) * ww.sum()
            self._sums[key] = (t, a, col)  # keep a and col alive: their ids are the key
        return self._sums[key][0]

    def totals(self, terms: list[tuple]) -> FloatArray:
        """``w @ sum(coef * array)`` per option, (n_options,) (cached per list of terms)."""
        key = ("totals", id(terms))
        if key not in self._lists:
            self._lists[key] = (self._totals(terms), terms)
        return self._lists[key][0]

    def _totals(self, terms: list[tuple]) -> FloatArray:
        total = np.zeros(self.opt)
        for term in terms:
            coef, a = term[0], term[1]
            part = total if len(term) == 2 else total[term[2]]  # a block of the first option axis
            c = coef if isinstance(coef, np.ndarray) else np.asarray(coef, dtype=float)
            if c.ndim == 0 or c.shape[0] == 1:  # the same for every dwelling: sum(w c a) = c sum(w a)
                part += c.reshape(c.shape[1:] if c.ndim else ()) * self._sum(a, None)
            elif all(d == 1 for d in c.shape[1:]):  # per dwelling: joins the weights
                part += self._sum(a, c)
            else:  # per dwelling and option: multiply into the (small) array first
                key = (id(a), id(c))
                if key not in self._products:
                    self._products[key] = (self._sum(a * c, None), a, c)
                part += self._products[key][0]
        return total.ravel()

    def _at_ref(self, a: NDArray) -> NDArray:
        """Each dwelling's value of ``a`` at its reference option, (n,) (or a scalar)."""
        key = id(a)
        if key not in self._refs:
            original, a = a, np.asarray(a)
            a = a.reshape(a.shape + (1,) * (len(self.full) - a.ndim))
            if self.one_ref is not None:
                value = a[(slice(None),) + tuple(i if d > 1 else 0 for i, d in zip(self.one_ref, a.shape[1:], strict=True))]
            elif a.shape == self.full:
                value = _at_reference(a, self.rows, self.ref, (self.rows.size,) + (1,) * len(self.opt)).reshape(-1)
            else:
                value = _at_reference_small(a, self.rows, self.ref_cell)
            self._refs[key] = (value, original)  # keep the array alive: its id is the key
        return self._refs[key][0]

    def at_reference(self, terms: list[tuple]) -> float:
        """``w @`` each dwelling's value of ``sum(coef * array)`` at its reference option (cached)."""
        key = ("at_reference", id(terms))
        if key not in self._lists:
            self._lists[key] = (self._at_reference(terms), terms)
        return self._lists[key][0]

    def _at_reference(self, terms: list[tuple]) -> float:
        value = np.zeros(self.rows.size)
        for term in terms:
            coef, a = term[0], term[1]
            c = coef if np.ndim(coef) == 0 else self._at_ref(coef)
            if len(term) == 2:
                value += c * self._at_ref(a)
                continue
            sl = term[2]  # the term covers a block of the first option axis only
            if self.one_ref is not None:
                r0 = self.one_ref[0]
                if sl.start <= r0 < sl.stop:
                    local = (r0 - sl.start,) + self.one_ref[1:]
                    index = tuple(i if d > 1 else 0 for i, d in zip(local, a.shape[1:], strict=True))
                    value += c * a[(slice(None),) + index]
                continue
            first = self.ref_cell[0]
            inside = (first >= sl.start) & (first < sl.stop)
            if not inside.any():
                continue
            local = (np.clip(first - sl.start, 0, sl.stop - sl.start - 1),) + tuple(self.ref_cell[1:])
            a_ref = _at_reference_small(a, self.rows, tuple(i if d > 1 else 0 for i, d in zip(local, a.shape[1:], strict=True)))
            value += np.where(inside, c * a_ref, 0.0)
        return float(self.w @ value)


def _money_chunk(ctx, sl, g, ref, tenant, removal, o, b, bb, acc=None) -> None:
    """The outputs for the dwellings in ``sl``, into ``o`` (or their totals into ``acc``).

    Every output is a sum of terms ``coef x array`` (:func:`_lincomb`): mostly small arrays,
    plus a few full-size ones (self-consumption, the net-metered kWh, the loan, the rent).
    Store mode (``acc`` None) writes each output into ``o``; reduce mode adds ``weights @
    output`` to ``acc`` and forms only the arrays that a nonlinear step needs (the net
    investment for the loan, the first-year costs for the payback).
    """
    n = ref.size
    full = (n,) + ctx["opt"]
    col = (n,) + (1,) * ctx["k"]  # per-dwelling values, broadcast over the options
    rows = np.arange(n)
    ref_cell = np.unravel_index(ref, ctx["opt"])
    tmp = b["tmp"]
    need = ctx["need"]
    h = ctx["h"]
    w = None if acc is None else ctx["weights"][sl]
    red = None if acc is None else _Reducer(w, rows, ref, ref_cell, full)
    gas, imp, exp, hg, hn = g["gas"], g["imp"], g["exp"], g["has_gas"], g["on_hn"]
    selfc = g.get("self")
    blocks = ctx["blocks"]
    act = None if blocks is None else blocks[0]

    def block(a: NDArray, sl: slice) -> NDArray:
        return a if a.shape[1] == 1 else a[:, sl]

    if selfc is not None:  # at most the demand and the PV yield of each option
        if act is None:
            selfc = np.minimum(np.minimum(selfc, imp), exp, out=b["self"])
        else:  # 0 where nothing is exported
            selfc = np.minimum(np.minimum(block(selfc, act), block(imp, act)), exp[:, act], out=b["self_block"])
    heat = bool(hn.any())
    gjhn = g["gj"] * hn if heat else None
    use_nm = ctx["with_nm"]
    billed = None
    if use_nm:  # net-metered kWh: import minus export, not below zero (self-consumption cancels)
        if act is None:
            billed = np.subtract(imp, exp, out=b["billed"])
        else:  # equal to the import where nothing is exported
            billed = np.subtract(block(imp, act), exp[:, act], out=b["billed_block"])
        np.maximum(billed, 0.0, out=billed)
    forms = ctx["forms"]

    def energy(wt: dict[str, float], nm: bool, scale: float = 1.0) -> list[tuple]:
        """Terms of ``scale x`` the bill weighted by ``wt`` (see :func:`_weights`).

        Net metering: ``w_i billed - w_e surplus`` with ``surplus = billed - (imp - exp)``, so
        only ``billed`` is nonlinear and the rest joins the import/export coefficients.
        """
        wi, we = wt["elec_import_eur_kwh"], wt["elec_export_eur_kwh"]
        a_imp, a_exp = wi, we
        if nm:
            a_imp, a_exp = wi + wt["elec_export_eur_kwh_nm"], we + wt["elec_export_eur_kwh_nm"]
        t = [(scale * wt["gas_eur_m3"], gas), (scale * wt["gas_fixed_eur"], hg), (scale * a_imp, imp),
             (-scale * a_exp, exp), (scale * wt["elec_fixed_eur"], ctx["one"])]
        if heat:
            t += [(scale * wt["heat_fixed_eur"], hn), (scale * wt["heat_eur_gj"], gjhn)]
        if selfc is not None:
            t.append((-scale * (wi - we), selfc) if act is None else (-scale * (wi - we), selfc, act))
        if nm:
            cb = scale * (wt["elec_import_eur_kwh_nm"] - wt["elec_export_eur_kwh_nm"])
            if act is None:
                t.append((cb, billed))
            else:
                t.append((cb, billed, act))
                t += [(cb, block(imp, sl), sl) for sl in blocks[1]]
        return t

    def reduce(name: str, arr: NDArray) -> None:
        """Reduce mode: add the totals of an output that had to be formed anyway."""
        if w is not None and name in acc:
            acc[name] += w @ arr.reshape(n, -1)

    def produce(name: str, terms: list[tuple], keep: bool = False) -> NDArray | None:
        """Store mode or ``keep``: the output array (into ``o[name]``); else only its totals."""
        if w is None or keep:
            arr = _lincomb(terms, o[name], tmp, ctx["scratch"])
            reduce(name, arr)
            return arr
        if name in acc:
            acc[name] += red.totals(terms)
        return None

    def versus_reference(name: str, base: str, terms: list[tuple], scale: float = 1.0) -> None:
        """``scale x (output - its value at the dwelling's reference)`` (``base`` as computed)."""
        if w is not None:
            if name in acc:
                acc[name] += scale * (red.totals(terms) - red.at_reference(terms))
        elif o[name] is not None:
            np.subtract(o[base], _at_reference(o[base], rows, ref, col), out=o[name])
            if scale != 1.0:
                o[name] *= scale

    comps = [{key: _rows(v, sl) for key, v in c.items()} for c in ctx["comps"]]
    any_tenant = ctx["any_tenant"]
    subsidy = g["subsidy"]
    own = (~tenant).reshape(col).astype(float) if any_tenant else 1.0
    ten = tenant.reshape(col) if any_tenant else None
    payback = "simple_payback_years" in need

    # ---- investment ----
    net_inv = produce("net_investment_eur", [(1.0, c["cx"]) for c in comps] + [(-1.0, subsidy)], keep=True)
    extra_inv = None
    if any_tenant or ctx["irr"] or payback:
        extra_inv = b["extra_inv"]
        np.subtract(net_inv, _at_reference(net_inv, rows, ref, col), out=extra_inv)

    # ---- Warmtefonds loan: full-size terms P x (coefficient per dwelling) ----
    loan = ctx["loan"]
    loan_lcc, loan_avg, month = [], [], []
    if loan is not None:
        principal = o["loan_principal_eur"]
        np.clip(net_inv, 0.0, loan["hi"], out=principal)
        np.greater_equal(principal, loan["lo"], out=bb["b1"])
        if any_tenant:
            np.logical_and(bb["b1"], ~ten, out=bb["b1"])
        np.multiply(principal, bb["b1"], out=principal)
        reduce("loan_principal_eur", principal)
        low = loan["low"][sl]
        pay = loan["pay"]
        parts = [(principal, 0)]
        if loan["long_min"] > 0:  # loans below long_min run over the shorter term
            p_long, p_short = b["p_long"], b["p_short"]
            np.greater_equal(principal, loan["long_min"], out=bb["b2"])
            np.multiply(principal, bb["b2"], out=p_long)
            np.subtract(principal, p_long, out=p_short)
            parts = [(p_long, 0), (p_short, 1)]
        for p, term in parts:
            per_eur = np.where(low, pay[(0, term)], pay[(1, term)]).reshape(col)  # EUR/yr per EUR
            month.append((per_eur / 12.0, p))
            loan_lcc.append((per_eur * loan["pvf"][term] - 1.0, p))
            loan_avg.append((per_eur * loan["years"][term] / (12.0 * h), p))
        produce("loan_payment_eur_per_month", month)

    # ---- tenants: the landlord invests, the tenant pays a capped rent increase ----
    rent_lcc, rent_month = [], []
    if any_tenant:
        rent_y = b["rent_y"]
        np.maximum(extra_inv, 0.0, out=rent_y)
        rent_y *= ctx["crf_l"]
        np.minimum(rent_y, ctx["rent_cap_year"], out=rent_y)
        rent_y *= ten
        rent_month.append((1.0 / 12.0, rent_y))
        rent_lcc.append((ctx["pvf_h"], rent_y))
        produce("rent_increase_eur_per_month", rent_month)
        landlord = ctx["crf_l"] * ten
        produce("landlord_annual_cost_eur",
                [(c["fl"] * landlord, c["cx"]) for c in comps] + [(-landlord, subsidy), (-1.0, rent_y)])

    # ---- end-user life-cycle cost, bills and woonlasten ----
    capital = [(c["fh"] * own if any_tenant else c["fh"], c["cx"]) for c in comps] + [(-own, subsidy)]
    lcc_terms = energy(forms["pv"], use_nm) + capital + loan_lcc + rent_lcc
    if "lcc_end_user_eur" in need or ctx["irr"]:
        produce("lcc_end_user_eur", lcc_terms)
    bill_terms = energy(forms["y1"], use_nm)
    produce("bill_year1_eur", bill_terms)
    m1_terms = [(t[0] / 12.0,) + tuple(t[1:]) for t in bill_terms] + month + rent_month
    produce("monthly_cost_year1_eur", m1_terms)
    if "monthly_cost_avg_eur" in need:
        produce("monthly_cost_avg_eur", energy(forms["sum"], use_nm, 1.0 / (12.0 * h)) + loan_avg + rent_month)

    # ---- simple payback: extra net investment / first-year savings (bill + O&M or rent) ----
    if payback:
        cost1 = _lincomb(bill_terms + [(c["om"] * own, c["cx"]) for c in comps]
                         + ([(1.0, rent_y)] if any_tenant else []), b["cost1"], tmp, ctx["scratch"])
        sav = b["sav"]
        np.subtract(_at_reference(cost1, rows, ref, col), cost1, out=sav)
        inv = extra_inv
        if any_tenant:  # tenants invest nothing
            inv = np.multiply(extra_inv, own, out=b["inv"])
        _payback_into(inv, sav, o["simple_payback_years"], bb["b1"], bb["b2"])
        reduce("simple_payback_years", o["simple_payback_years"])

    # ---- national: no taxes or subsidies, social rate, gas-connection removal ----
    nat_terms = []
    if "national_annual_cost_eur" in need:
        crf_s = ctx["crf_s"]
        removal_col = (crf_s * removal * _at_reference_small(hg, rows, ref_cell)).reshape(col)
        nat_terms = energy(forms["nat"], False, crf_s)
        nat_terms += [(c["fs"] * crf_s, c["cx"]) for c in comps]
        nat_terms += [(_rows(c["fs"], sl) * crf_s, _rows(c["cx"], sl)) for c in ctx["ncomps"]]
        nat_terms.append((removal_col, ~hg))  # the option has no gas connection, the reference has
        if ctx["co2_price"] > 0:
            nat_terms.append((ctx["co2_price"] / 1000.0 * ctx["pvf_s"] * crf_s, g["co2"]))
        produce("national_annual_cost_eur", nat_terms)

    # ---- derived outputs asked for ----
    crf_h = ctx["crf_h"]
    if w is None:
        if o["npv_end_user_eur"] is not None:
            lcc = o["lcc_end_user_eur"]
            np.subtract(_at_reference(lcc, rows, ref, col), lcc, out=o["npv_end_user_eur"])
        if o["end_user_annual_cost_eur"] is not None:
            np.multiply(o["lcc_end_user_eur"], crf_h, out=o["end_user_annual_cost_eur"])
        if o["subsidy_eur"] is not None:
            np.copyto(o["subsidy_eur"], subsidy)
    else:
        if "end_user_annual_cost_eur" in acc:
            acc["end_user_annual_cost_eur"] += crf_h * red.totals(lcc_terms)
        if "subsidy_eur" in acc:
            acc["subsidy_eur"] += red.totals([(1.0, subsidy)])
    versus_reference("npv_end_user_eur", "lcc_end_user_eur", lcc_terms, -1.0)
    versus_reference("end_user_extra_cost_eur_per_yr", "lcc_end_user_eur", lcc_terms, crf_h)
    versus_reference("monthly_cost_change_eur", "monthly_cost_year1_eur", m1_terms)
    versus_reference("national_extra_cost_eur_per_yr", "national_annual_cost_eur", nat_terms)


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


def _flat2(a: NDArray, opt: tuple[int, ...]) -> NDArray:
    """``(rows, *option dims)`` -> ``(rows, n_options)`` (a copy where it broadcasts)."""
    return np.broadcast_to(a, (a.shape[0],) + opt).reshape(a.shape[0], -1)


def _irr_chunk(out, g, ref, tenant, extra_inv, ctx, sl, u) -> None:
    """IRR of the owner's own-money cash-flow difference vs the reference, into ``out``.

    Cash flows of an option vs its reference: ``-extra net investment`` at ``t = 0``; in years
    ``1..h`` the reference's bill + O&M + replacements minus the option's; at ``h`` also the
    option's residual value minus the reference's. Works in sub-chunks of dwellings.
    """
    h, opt = ctx["h"], ctx["opt"]
    n, n_opt = out.shape
    g2 = {name: _flat2(g[name], opt) for name in ("gas", "has_gas", "on_hn", "gj")}
    g2["imp"], g2["exp"] = _flat2(g["imp"], opt), _flat2(g["exp"], opt)
    if "self" in g:  # net import and export (self-consumption at most the yield and the demand)
        self2 = np.minimum(np.minimum(_flat2(g["self"], opt), g2["exp"]), g2["imp"])
        g2["imp"], g2["exp"] = g2["imp"] - self2, g2["exp"] - self2
    extra2 = extra_inv.reshape(n, n_opt)
    terms = [(_flat2(_rows(c["cx"], sl), opt), _flat2(_rows(c["om"], sl), opt), _flat2(_rows(c["life"], sl), opt))
             for c in ctx["comps"]]
    step = max(1, _IRR_CHUNK_ELEMENTS // (n_opt * (h + 1)))
    counts_res = [_replacement_counts(life, h) for _cx, _om, life in terms]
    for a in range(0, n, step):
        sub = slice(a, min(a + step, n))
        m = sub.stop - sub.start
        full = (m, n_opt)

        def q(name: str, sub: slice = sub, full: tuple[int, int] = full) -> NDArray:
            return np.broadcast_to(_rows(g2[name], sub), full)[..., None]

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
        for (capex2, om2, _life), (counts, resid) in zip(terms, counts_res, strict=True):
            cx = np.broadcast_to(_rows(capex2, sub), full)
            cnt = counts if counts.shape[0] == 1 else counts[sub]
            cost += cx[..., None] * (np.broadcast_to(_rows(om2, sub), full)[..., None] + cnt)
            res = resid if np.ndim(resid) == 0 or resid.shape[0] == 1 else resid[sub]
            cost[..., -1] -= cx * res
        rows = np.arange(m)
        flows = np.empty(full + (h + 1,))
        flows[..., 0] = -extra2[sub]
        np.subtract(cost[rows, ref[sub]][:, None, :], cost, out=flows[..., 1:])
        result = np.asarray(irr(flows), dtype=float)
        result[tenant[sub]] = np.nan
        out[sub] = result
