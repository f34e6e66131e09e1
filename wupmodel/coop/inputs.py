"""Settings of a cooperative's business case: validated input, then plain numbers for the kernel.

:class:`CoopSettings` is what a village sets (frozen pydantic, ``extra="forbid"``); every field
left ``None`` takes its packaged default (``data/parameters/cooperative.csv`` and the shared
``collective.*`` / ``cost.*`` rows; ``wupmodel params --grep coop`` lists them with sources).
:func:`coop_settings` builds one from keyword arguments or a mapping and turns a validation error
into one :class:`~wupmodel.errors.WupInputError` naming the key and what is allowed.
:meth:`CoopSettings.resolve` gives :class:`CoopInputs`, the plain floats the kernel takes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wupmodel.errors import WupInputError
from wupmodel.params import Params

Asset = Literal["heat_network", "solar_park"]
TariffBasis = Literal["acm", "cost_based"]
NetworkKind = Literal["mt", "lt"]

#: What each setting means and allows (for messages and the workbook).
SETTING_HELP: dict[str, str] = {
    "participation": (
        "a share of the zone's dwellings from 0 to 1 (100 %), or empty for each household's own"
        " choice"
    ),
    "min_dscr": "at least 1 (a DSCR below 1 means the debt is not covered) and at most 3",
    "max_debt_share": "a share of the investment from 0 to 1 (100 %)",
    "build_phasing": "one to five shares per construction year, each >= 0, adding up to 1",
    "network": (
        "'mt' (a medium-temperature network, heat_network_mt) or 'lt' (a low-temperature"
        " network with a booster heat pump per home, heat_network_lt)"
    ),
}


class CoopSettings(BaseModel):
    """What a village sets for its cooperative's business case (``None`` = packaged default).

    Attributes
    ----------
    asset
        ``"heat_network"`` (one zone) or ``"solar_park"``.
    zone
        Heat-network zone (``None`` = the zone with most dwellings).
    network
        The network's temperature: ``"mt"`` (its households on ``heat_network_mt``, the MT
        tariff series and the MT source's heat cost) or ``"lt"`` (``heat_network_lt``: the LT
        tariff series ``heat_lt_fixed_eur``, ``heat_lt_variable_eur_gj`` and the LT source's heat
        cost per GJ delivered at ``heatnet.lt_loss_share``).
    tariff_fixed_eur_per_yr, tariff_eur_per_gj
        Heat tariff incl. VAT: fixed charge per connection and price per GJ (``None`` = the
        ACM maximum of the scenario's first year).
    tariff_basis
        ``"acm"``: the tariff as set (the niet-meer-dan-anders maximum by default);
        ``"cost_based"`` (Wcw): the fixed charge from the tariff <-> uptake loop; ``None`` =
        the scenario's ``heat_networks.tariff`` (cost-based under the Wet collectieve warmte),
        or ``"acm"`` when a tariff is set by hand (it is used as set).
    acm_cap
        Whether the ACM maximum binds (a tariff above it is an input error).
    connection_fee_eur
        One-off connection fee incl. VAT (``None`` = ``cost.heatnet_connection_fee_eur``).
    participation
        Share of the zone's dwellings that connect (``None`` = from each household's alternative
        and the survey).
    member_capital_eur, member_loan_eur, public_loan_eur
        Member equity (``None`` = ``coop.member.capital_share`` of the net investment),
        subordinated member loans and a public (fund) loan.
    build_phasing
        Shares of the investment per construction year (``None`` = even over
        ``coop.build_years``).
    repayment
        Bank debt ``"annuity"`` or ``"linear"``.
    park_kwp, park_price_eur_per_kwh
        Solar park size (kWp, required for a park) and its revenue per kWh excl. VAT (SDE++
        base amount, feed-in or member supply price; ``None`` = the scenario's wholesale value
        of electricity, ``elec_production_eur_kwh``).
    park_member_share, park_member_price_eur_per_kwh
        Share of the park's yield supplied to members (0-1; 0 = all sold at the park price) and
        the price per kWh excl. VAT and energy tax the cooperative receives for it (``None`` =
        the scenario's retail supply price, ``elec_supply_eur_kwh``: members pay for the park's
        power what they would pay a supplier for theirs).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    asset: Asset = "heat_network"
    zone: str | None = None
    network: NetworkKind = "mt"
    tariff_fixed_eur_per_yr: float | None = Field(default=None, ge=0, le=5000)
    tariff_eur_per_gj: float | None = Field(default=None, ge=0, le=300)
    tariff_basis: TariffBasis | None = None
    acm_cap: bool = True
    connection_fee_eur: float | None = Field(default=None, ge=0, le=8000)
    participation: float | None = Field(default=None, ge=0, le=1)
    member_capital_eur: float | None = Field(default=None, ge=0)
    member_loan_eur: float = Field(default=0.0, ge=0)
    public_loan_eur: float = Field(default=0.0, ge=0)
    wis_eur_per_connection: float | None = Field(default=None, ge=0, le=6000)
    provincial_grant_eur: float | None = Field(default=None, ge=0)
    horizon_years: int | None = Field(default=None, ge=10, le=50)
    build_phasing: tuple[float, ...] | None = None
    discount_rate: float | None = Field(default=None, ge=0, le=0.15)
    debt_interest_rate: float | None = Field(default=None, ge=0, le=0.2)
    debt_term_years: int | None = Field(default=None, ge=1, le=30)
    min_dscr: float | None = Field(default=None, ge=1, le=3)
    max_debt_share: float | None = Field(default=None, ge=0, le=1)
    repayment: Literal["annuity", "linear"] = "annuity"
    tax_rate: float | None = Field(default=None, ge=0, le=0.3)
    stickiness: float | None = Field(default=None, ge=0, le=0.5)
    park_kwp: float | None = Field(default=None, gt=0, le=100_000)
    park_price_eur_per_kwh: float | None = Field(default=None, ge=0, le=1)
    park_member_share: float = Field(default=0.0, ge=0, le=1)
    park_member_price_eur_per_kwh: float | None = Field(default=None, ge=0, le=1)

    @field_validator("build_phasing")
    @classmethod
    def _phasing(cls, value: tuple[float, ...] | None) -> tuple[float, ...] | None:
        if value is None:
            return value
        if not value or any(v < 0 for v in value) or abs(sum(value) - 1.0) > 1e-9 or len(value) > 5:
            raise ValueError("must be one to five shares, each >= 0, adding up to 1")
        return tuple(float(v) for v in value)

    def resolve(self, params: Params) -> CoopInputs:
        """Plain numbers for the kernel: every ``None`` replaced by its packaged default."""
        p = params

        def pick(value: float | None, key: str) -> float:
            return float(p[key]) if value is None else float(value)

        build = int(p["coop.build_years"])
        phasing = self.build_phasing or tuple([1.0 / build] * build)
        return CoopInputs(
            horizon_years=int(pick(self.horizon_years, "coop.horizon_yr")),
            build_phasing=phasing,
            discount_rate=pick(self.discount_rate, "coop.discount_rate"),
            debt_rate=pick(self.debt_interest_rate, "coop.debt.interest_rate"),
            debt_term_years=int(pick(self.debt_term_years, "coop.debt.term_yr")),
            min_dscr=pick(self.min_dscr, "coop.debt.min_dscr"),
            max_debt_share=pick(self.max_debt_share, "coop.debt.max_share"),
            debt_fee_share=float(p["coop.debt.fee_share"]),
            debt_reserve_months=float(p["coop.debt.reserve_months"]),
            repayment=self.repayment,
            member_capital_eur=self.member_capital_eur,
            member_capital_share=float(p["coop.member.capital_share"]),
            member_loan_eur=self.member_loan_eur,
            member_loan_rate=float(p["coop.member_debt.rate"]),
            member_loan_term_years=int(p["coop.member_debt.term_yr"]),
            public_loan_eur=self.public_loan_eur,
            public_loan_rate=float(p["coop.public_debt.rate"]),
            public_loan_term_years=int(p["coop.public_debt.term_yr"]),
            tax_rate=pick(self.tax_rate, "coop.tax.corporate_rate"),
            wis_eur_per_connection=pick(
                self.wis_eur_per_connection, "coop.subsidy.wis_eur_per_connection"
            ),
            provincial_grant_eur=pick(self.provincial_grant_eur, "coop.subsidy.provincial_eur"),
            solvency_min=float(p["coop.member.solvency_min"]),
        )


@dataclass(frozen=True)
class CoopInputs:
    """The financing and appraisal numbers of a business case, every default filled in.

    Rates are fractions per year, amounts EUR (excl. VAT), terms whole years.
    """

    horizon_years: int
    build_phasing: tuple[float, ...]
    discount_rate: float
    debt_rate: float
    debt_term_years: int
    min_dscr: float
    max_debt_share: float
    debt_fee_share: float
    debt_reserve_months: float
    repayment: Literal["annuity", "linear"]
    member_capital_eur: float | None
    member_capital_share: float
    member_loan_eur: float
    member_loan_rate: float
    member_loan_term_years: int
    public_loan_eur: float
    public_loan_rate: float
    public_loan_term_years: int
    tax_rate: float
    wis_eur_per_connection: float
    provincial_grant_eur: float
    solvency_min: float


def _message(err: ValidationError, source: str) -> str:
    first = err.errors()[0]
    key = ".".join(str(x) for x in first["loc"]) or "settings"
    value = first.get("input")
    allowed = SETTING_HELP.get(key)
    if first["type"] == "extra_forbidden":
        known = ", ".join(CoopSettings.model_fields)
        return f"{source}: unknown setting '{key}'; allowed: {known}"
    ctx = first.get("ctx") or {}
    bounds = []
    for name, word in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
        if name in ctx:
            bounds.append(f"{word} {ctx[name]}")
    what = allowed or (" and ".join(bounds) if bounds else first["msg"])
    return f"{source}: '{key}' = {value!r} is not allowed; it must be {what}"


def coop_settings(
    values: Mapping[str, Any] | CoopSettings | None = None,
    *,
    source: str = "coop settings",
    **changes: Any,
) -> CoopSettings:
    """Validated :class:`CoopSettings` from a mapping and/or keyword arguments.

    ``None`` values in ``changes`` are ignored (the default stays). A bad value raises
    :class:`~wupmodel.errors.WupInputError` naming the key and what is allowed.

    Examples
    --------
    >>> coop_settings(participation=0.7).participation
    0.7
    """
    base = values.model_dump() if isinstance(values, CoopSettings) else dict(values or {})
    base.update({k: v for k, v in changes.items() if v is not None})
    try:
        return CoopSettings(**base)
    except ValidationError as err:
        raise WupInputError(_message(err, source), source) from None
