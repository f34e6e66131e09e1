"""What the money layer returns: :class:`MoneyOutcomes` per dwelling × option, with the outputs
derived on first read, and the list of outputs (:data:`OUTPUT_FIELDS`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from wupmodel._arrays import FloatArray, float_array
from wupmodel.errors import WupInputError


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
        reference (yr), rules in :func:`wupmodel.money.finance.simple_payback`.
    bill_year1_eur
        Energy bill in the first price year (EUR/yr).
    monthly_cost_year1_eur
        Woonlasten in year 1 (EUR/month), defined once: energy bill / 12 + loan repayment +
        ``own_capital_eur_per_month`` (owners) + rent increase (tenants).
    monthly_cost_avg_eur
        The same averaged over the horizon (undiscounted, EUR/month).
    loan_principal_eur, loan_payment_eur_per_month
        The Warmtefonds loan (0 with own money and for tenants).
    rent_increase_eur_per_month
        Rent increase paid by tenants (EUR/month).
    own_capital_eur_per_month
        Monthly equivalent of the own money an owner spends at ``t = 0`` (net investment minus
        the loan): that amount x capital recovery factor at the household rate over the
        horizon / 12 (EUR/month); 0 for tenants.
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
    own_capital_eur_per_month: FloatArray
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
        co2 = float_array(co2, "co2_kg_per_yr")
        lead = self.shape[:-1]
        return on_option_axis(co2, lead, self.option_grid or self.shape[-1:])

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
        return self.vs_reference(
            self._base("national_extra_cost_eur_per_yr", "national_annual_cost_eur")
        )

    @cached_property
    def co2_avoided_kg_per_yr(self) -> FloatArray:
        """CO2 of the reference minus CO2 of the option (kg/yr)."""
        return -self.vs_reference(self.co2_kg_per_yr)

    @cached_property
    def national_cost_eur_per_t_co2(self) -> FloatArray:
        """National extra cost per tonne of CO2 avoided (EUR/t); NaN where avoided <= 0."""
        avoided = self.co2_avoided_kg_per_yr
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(
                avoided > 0, self.national_extra_cost_eur_per_yr / (avoided / 1000.0), np.nan
            )

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
        options = (
            grids[-1] if option_names is None else np.asarray(option_names, dtype=object)[grids[-1]]
        )
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
    "own_capital_eur_per_month",
    "landlord_annual_cost_eur",
    "end_user_extra_cost_eur_per_yr",
    "national_annual_cost_eur",
    "national_extra_cost_eur_per_yr",
    "co2_avoided_kg_per_yr",
    "national_cost_eur_per_t_co2",
)


def on_option_axis(a: NDArray, lead: tuple[int, ...], opt: tuple[int, ...]) -> FloatArray:
    """``a`` broadcast to ``lead + opt`` with one option axis (a view when ``opt`` is one axis)."""
    if len(opt) == 1:
        return np.broadcast_to(a, lead + opt)
    return np.broadcast_to(a, lead + opt).reshape(lead + (int(np.prod(opt)),))
