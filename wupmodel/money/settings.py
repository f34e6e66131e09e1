"""What the money layer gets: the finance settings and context once per scenario, and the
inputs per dwelling x option.

:class:`FinanceSettings` (rates, horizon, financing), :class:`MoneyContext` (tariff paths +
settings + parameters): the evaluation builds the context from a scenario; the money layer
never sees the scenario itself. :class:`MoneyInputs` is what
:func:`~wupmodel.money.costs.money_outcomes` computes on: the energy
(:class:`~wupmodel.money.bills.EnergyQuantities`), the :class:`Investments` (each a
:class:`Component`), the :class:`Dwellings` and the CO2.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from wupmodel.errors import WupInputError
from wupmodel.money.bills import EnergyQuantities
from wupmodel.money.tariffs import TariffPaths
from wupmodel.params import Params
from wupmodel.vocabulary import TENURES

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


def as_component(name: str, value: Component | tuple) -> Component:
    """``value`` as a :class:`Component` (a tuple holds its fields in order)."""
    if isinstance(value, Component):
        return value
    if isinstance(value, tuple) and 2 <= len(value) <= 4:
        return Component(*value)
    raise WupInputError(
        f"component '{name}' must be a Component or a tuple (capex_eur, lifetime_years, "
        f"om_share[, vat_rate]); got {type(value).__name__}"
    )


@dataclass(frozen=True)
class Investments:
    """What the options cost up front, per dwelling x option.

    Attributes
    ----------
    components
        Name -> :class:`Component` or tuple ``(capex_eur incl. VAT, lifetime_years, om_share[,
        vat_rate])``; the caller chooses the components (insulation, heating system, PV, ...).
        The rent rule treats a component named ``insulation`` apart.
    subsidy_eur
        Subsidy per dwelling x option (EUR), received at ``t = 0``.
    national_components
        National-only investments per dwelling x option excl. VAT (heat-network share, grid
        reinforcement), as :class:`Component` or tuples; None = none. A negative one is a
        national credit (the LT network's heat cheaper than the national heat price path).
    """

    components: Mapping[str, Component | tuple]
    subsidy_eur: ArrayLike
    national_components: Mapping[str, Component | tuple] | None = None


@dataclass(frozen=True)
class Dwellings:
    """Per dwelling (the leading axes of the money inputs): what the money rules read.

    Attributes
    ----------
    reference_index
        Index of the reference option (gas boiler, current insulation, no PV) per dwelling;
        with several option axes the flat (C-order) index.
    tenure
        Tenure code per dwelling (index into :data:`~wupmodel.vocabulary.TENURES`); None = all
        owner-occupiers.
    household_income_eur
        Income per dwelling (EUR/yr) for the Warmtefonds rate and the energy cost share; NaN =
        unknown (scenario loan rate, no cost share); None = all unknown.
    gas_removal_eur
        National cost of removing a gas connection per dwelling (EUR); None =
        ``finance.gas_connection_removal_eur`` (ground-bound dwellings).
    """

    reference_index: ArrayLike
    tenure: ArrayLike | None = None
    household_income_eur: ArrayLike | None = None
    gas_removal_eur: ArrayLike | None = None


@dataclass(frozen=True)
class MoneyInputs:
    """What the money layer computes on, per dwelling x option.

    Arrays broadcast to one shape: the dwelling axes, then the option axes (the last
    ``option_axes``), each input over only the axes it depends on.

    Attributes
    ----------
    energy
        First-year energy (m3, kWh, GJ per year), held constant over the horizon.
    investments
        Components, subsidy and national-only components.
    dwellings
        Reference option, tenure, income and gas-removal cost per dwelling.
    co2_kg_per_yr
        CO2 per dwelling x option (kg/yr; the evaluation passes its horizon average on the grid
        intensity path), or a callable returning it (called only when a CO2 price or a CO2
        output needs it).
    option_axes
        Number of trailing axes that index the options (default 1). With more, the options
        form a grid (e.g. PV x solar thermal x insulation x heating) and the work on the small
        arrays is done before anything is broadcast to the whole grid; outputs then have one
        option axis (the grid in C order).
    """

    energy: EnergyQuantities
    investments: Investments
    dwellings: Dwellings
    co2_kg_per_yr: ArrayLike | Callable[[], ArrayLike]
    option_axes: int = 1


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
        Ceiling on any tenant's rent increase after the works (EUR/month).
    rent_saving_share_corporation, rent_saving_share_private
        A tenant's rent increase is at most this share of the tenant's first-year energy-bill
        saving, for a housing corporation's and a private landlord's tenants (fraction);
        besides the landlord's annuity of the extra investment and the ceiling.
    rent_insulation_share_corporation, rent_insulation_share_private
        Share of the extra insulation investment that enters the landlord's annuity the rent
        follows (fraction; a corporation asks no rent for insulation since the Nationale
        Prestatieafspraken 2022: 0); installations always enter it.
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
    rent_saving_share_corporation: float = 1.0
    rent_saving_share_private: float = 1.0
    rent_insulation_share_corporation: float = 1.0
    rent_insulation_share_private: float = 1.0
    national_co2_price_eur_t: float = 0.0
    compute_irr: bool = True

    def __post_init__(self) -> None:
        if self.financing not in ("own", "warmtefonds"):
            raise WupInputError(f"financing must be 'own' or 'warmtefonds', got {self.financing!r}")
        if int(self.horizon_years) != self.horizon_years or self.horizon_years < 1:
            raise WupInputError(
                f"horizon_years must be a positive whole number, got {self.horizon_years!r}"
            )
        for name in ("household_rate", "social_rate", "landlord_rate"):
            value = getattr(self, name)
            if not np.isfinite(value) or value <= -1.0:
                raise WupInputError(f"{name} must be a number above -1 (-100 %), got {value!r}")
        if (
            not np.isfinite(self.rent_increase_cap_eur_month)
            or self.rent_increase_cap_eur_month < 0
        ):
            raise WupInputError("rent_increase_cap_eur_month must be a number >= 0")
        for name in ("rent_saving_share_corporation", "rent_saving_share_private"):
            value = getattr(self, name)
            if not np.isfinite(value) or value < 0:
                raise WupInputError(
                    f"{name} must be a number >= 0 (a share of the bill saving), got {value!r}"
                )
        for name in ("rent_insulation_share_corporation", "rent_insulation_share_private"):
            value = getattr(self, name)
            if not np.isfinite(value) or not 0.0 <= value <= 1.0:
                raise WupInputError(
                    f"{name} must be a share from 0 to 1 of the insulation investment, "
                    f"got {value!r}"
                )
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
            rent_saving_share_corporation=params["finance.rent_saving_share_corporation"],
            rent_saving_share_private=params["finance.rent_saving_share_private"],
            rent_insulation_share_corporation=params["finance.rent_insulation_share_corporation"],
            rent_insulation_share_private=params["finance.rent_insulation_share_private"],
        )
        return replace(base, **changes) if changes else base


@dataclass(frozen=True)
class MoneyContext:
    """What the money layer needs once per scenario (not per chunk)."""

    tariffs: TariffPaths
    settings: FinanceSettings
    params: Params
    #: Yearly household income (EUR/yr) per tenure code, used where the stock has none (the
    #: energy-cost share of income); the evaluation fills it with the Drenthe means of CBS.
    default_income_eur: np.ndarray
    #: Tariff paths the rent rule reads (the expected saving when the rent is agreed); None =
    #: ``tariffs``.
    rent_tariffs: TariffPaths | None = None
