"""``business_case()``: a village cooperative's 30-year business case from the model's outcomes.

For a heat network the zone's households come from the evaluated outcomes
(:func:`wupmodel.coop.participation.zone_households`), the network's costs from the model's
parameters (:class:`wupmodel.coop.asset.HeatNetworkAsset`), the yearly cash flow and financing
from the kernel (:func:`wupmodel.coop.cashflow.finance`). The result, :class:`BusinessCase`,
holds the cash flow, the ratios, the break-even tariff and participation, the participation
curve and the tariff <-> uptake loop.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.coop.asset import HeatNetworkAsset, SolarParkAsset, year_path
from wupmodel.coop.cashflow import Financials, finance, project_cash_flow
from wupmodel.coop.inputs import CoopInputs, CoopSettings, coop_settings
from wupmodel.coop.metrics import Root, break_even, equity_irr, project_irr, project_npv_eur
from wupmodel.coop.participation import (
    UptakeLoop,
    ZoneHouseholds,
    network_tariff_paths,
    nmda_heat_cost_eur_per_yr,
    solve_uptake_loop,
    zone_households,
    zone_names,
)
from wupmodel.errors import WupInputError
from wupmodel.evaluate import evaluate
from wupmodel.inputs import ModelInputs, as_inputs
from wupmodel.money.finance import discount_factors, npv
from wupmodel.money.settings import MoneyContext
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params, parameter_table
from wupmodel.scenario import Scenario
from wupmodel.stock import stock_for
from wupmodel.survey import (
    outside_zone_notice,
    survey_counts,
    survey_outside_zone,
    survey_pledged_eur,
    survey_stock,
)

#: Parameter ids a heat-network business case uses (listed with sources in its assumptions).
HEAT_NETWORK_PARAMETERS = (
    "collective.heat_network.main_eur_per_m",
    "collective.heat_network.detour_factor",
    "collective.heat_network.main_m_per_dwelling",
    "collective.heat_network.source_fixed_eur",
    "collective.heat_network.source_om_share",
    "collective.heat_network.main_om_share",
    "collective.heat_network.lifetime_yr",
    "collective.heat_network.min_participation",
    "cost.heatnet_connection_fee_eur",
    "heatnet.loss_share",
    "heatnet.peak_efficiency",
    "collective.heat_network.wcw_from_year",
    "coop.subsidy.wis_eur_per_connection",
    "subsidy.wis_min_connections",
    "finance.heat_fixed_eur",
    "finance.heat_variable_eur_gj",
)
#: What an LT network's case uses besides (its losses; the LT source's cost and tariff series).
LT_NETWORK_PARAMETERS = ("heatnet.lt_loss_share",)
SOLAR_PARAMETERS = (
    "collective.solar_park.capex_eur_per_kwp",
    "collective.solar_park.yield_kwh_per_kwp",
    "collective.solar_park.om_share",
    "collective.solar_park.lifetime_yr",
)


@dataclass(frozen=True)
class BusinessCase:
    """A cooperative asset's business case (see :func:`business_case`).

    Attributes
    ----------
    asset, zone
        ``heat_network`` (with its zone) or ``solar_park``.
    settings, inputs
        What was set, and the numbers used (defaults filled in).
    start_year
        Calendar year of t = 0 (construction).
    zone_dwellings, connections, participation, participation_source
        The zone's dwellings, the connections, their share and where it came from.
    tariff_fixed_eur_per_yr, tariff_eur_per_gj, connection_fee_eur
        Tariff per year t = 0 .. H (incl. VAT) and the one-off fee.
    financials
        The kernel's cash flows and financing.
    metrics
        Headline figures (IRRs, NPVs, DSCR, LLCR, debt, equity, solvency, per-household costs).
    break_even_tariff, break_even_participation
        Roots of the project NPV in the fixed charge and in participation.
    loop
        The tariff <-> uptake loop (None when participation was set by hand or for a park).
    curve
        Participation curve: per fixed charge, the share joining, connections, NPV, cost per
        connection.
    assumptions
        Every parameter and setting used, with unit and source.
    notices
        Remarks for the reader.
    households
        Per group of the zone's dwellings: its network and alternative options, heat, yearly
        costs at the tariff, its niet-meer-dan-anders maximum and how many join (heat network).
    """

    asset: str
    zone: str | None
    settings: CoopSettings
    inputs: CoopInputs
    start_year: int
    zone_dwellings: float
    connections: float
    participation: float
    participation_source: str
    tariff_fixed_eur_per_yr: np.ndarray
    tariff_eur_per_gj: np.ndarray
    connection_fee_eur: float
    financials: Financials
    metrics: dict[str, float]
    break_even_tariff: Root
    break_even_participation: Root
    loop: UptakeLoop | None
    curve: pd.DataFrame
    assumptions: pd.DataFrame
    notices: tuple[str, ...] = field(default=())
    households: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def years(self) -> np.ndarray:
        """Calendar year of each t."""
        return self.start_year + np.arange(self.financials.years.n_years + 1)

    @property
    def dscr_by_year(self) -> pd.Series:
        """Senior DSCR per calendar year (years with debt service)."""
        d = pd.Series(self.financials.dscr, index=self.years, name="dscr")
        return d.dropna()

    @property
    def member_irr(self) -> float:
        """The members' equity IRR."""
        return self.metrics["equity_irr"]

    def cash_flow_frame(self) -> pd.DataFrame:
        """The yearly cash flow a bank reads: one row per year (EUR excl. VAT)."""
        f = self.financials
        y = f.years
        return pd.DataFrame(
            {
                "year": self.years,
                "t": np.arange(y.n_years + 1),
                "investment_eur": y.capex_eur,
                "connection_fees_eur": y.connection_fees_eur,
                "subsidies_eur": y.grants_eur,
                "revenue_eur": y.revenue_eur,
                "operating_costs_eur": y.opex_eur,
                "ebitda_eur": f.ebitda_eur,
                "tax_eur": f.tax_eur,
                "cfads_eur": f.cfads_eur,
                "bank_draw_eur": f.bank.draw_eur,
                "bank_interest_eur": f.bank.interest_eur,
                "bank_principal_eur": f.bank.principal_eur,
                "bank_balance_eur": f.bank.balance_eur,
                "member_loan_service_eur": f.member_loan.service_eur,
                "public_loan_service_eur": f.public_loan.service_eur,
                "dscr": f.dscr,
                "project_cash_flow_eur": f.project_cash_flow_eur,
                "equity_cash_flow_eur": f.equity_cash_flow_eur,
            }
        )

    def financing_frame(self) -> pd.DataFrame:
        """Sources and uses of the construction (EUR)."""
        f = self.financials
        b = len(self.inputs.build_phasing)
        y = f.years
        rows = [
            ("uses", "investment", float(y.capex_eur[:b].sum())),
            ("uses", "bank fee", f.debt_fee_eur),
            ("uses", "debt service reserve", f.debt_reserve_eur),
            ("sources", "connection fees", float(y.connection_fees_eur[:b].sum())),
            ("sources", "subsidies", float(y.grants_eur[:b].sum())),
            ("sources", "bank debt (senior)", f.bank_debt_eur),
            ("sources", "public loan", float(f.public_loan.draw_eur.sum())),
            ("sources", "member loans (subordinated)", float(f.member_loan.draw_eur.sum())),
            ("sources", "member capital (equity)", f.equity_eur),
        ]
        return pd.DataFrame(rows, columns=["side", "item", "amount_eur"])

    def ratios_frame(self) -> pd.DataFrame:
        """The headline figures as a two-column table."""
        return pd.DataFrame({"figure": list(self.metrics), "value": list(self.metrics.values())})

    def to_json_dict(self) -> dict[str, Any]:
        """Everything as JSON-ready values (NaN -> None)."""

        def clean(v: Any) -> Any:
            if isinstance(v, float | np.floating):
                return float(v) if np.isfinite(v) else None
            if isinstance(v, np.integer):
                return int(v)
            return v

        def frame(df: pd.DataFrame) -> list[dict[str, Any]]:
            return [{k: clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]

        return {
            "asset": self.asset,
            "zone": self.zone,
            "start_year": self.start_year,
            "zone_dwellings": clean(self.zone_dwellings),
            "connections": clean(self.connections),
            "participation": clean(self.participation),
            "participation_source": self.participation_source,
            "tariff_fixed_eur_per_yr_first_year": clean(self.tariff_fixed_eur_per_yr[1]),
            "tariff_eur_per_gj_first_year": clean(self.tariff_eur_per_gj[1]),
            "connection_fee_eur": clean(self.connection_fee_eur),
            "metrics": {k: clean(v) for k, v in self.metrics.items()},
            "break_even_tariff": {
                "value": clean(self.break_even_tariff.value),
                "npv_eur": clean(self.break_even_tariff.residual),
                "reason": self.break_even_tariff.reason,
            },
            "break_even_participation": {
                "value": clean(self.break_even_participation.value),
                "npv_eur": clean(self.break_even_participation.residual),
                "reason": self.break_even_participation.reason,
            },
            "loop": (
                None
                if self.loop is None
                else {
                    "converged": self.loop.converged,
                    "iterations": self.loop.iterations,
                    "tariff_fixed_eur_per_yr": clean(self.loop.tariff_fixed_eur_per_yr),
                    "participation": clean(self.loop.participation),
                    "reason": self.loop.reason,
                    "path": [[clean(a), clean(b)] for a, b in self.loop.path],
                }
            ),
            "settings": self.settings.model_dump(mode="json"),
            "cash_flow": frame(self.cash_flow_frame()),
            "financing": frame(self.financing_frame()),
            "participation_curve": frame(self.curve),
            "assumptions": frame(self.assumptions),
            "households": frame(self.households),
            "notices": list(self.notices),
        }


@dataclass(frozen=True)
class _Network:
    """What the heat-network case is computed from (built once, reused by every root)."""

    asset: HeatNetworkAsset
    households: ZoneHouseholds
    inputs: CoopInputs
    ctx: MoneyContext
    fee_eur: float
    per_gj_path: np.ndarray

    def years(
        self, joined: np.ndarray | None, fixed: np.ndarray | float, share: float | None = None
    ):
        hh = self.households
        if share is not None:  # a share of the zone's dwellings with the zone's average household
            n = share * hh.dwellings
            heat = share * float(hh.counts @ hh.heat_gj)
            load = share * float(hh.counts @ hh.design_load_kw)
        else:
            n = float(joined.sum())
            heat = float(joined @ hh.heat_gj)
            load = float(joined @ hh.design_load_kw)
        return self.asset.years(
            connections=n,
            heat_gj=heat,
            design_load_kw=load,
            tariff_fixed_eur_per_yr=fixed,
            tariff_eur_per_gj=self.per_gj_path,
            connection_fee_eur=self.fee_eur,
            inputs=self.inputs,
        )

    def npv(
        self, joined: np.ndarray | None, fixed: np.ndarray | float, share: float | None = None
    ) -> float:
        cf = project_cash_flow(self.years(joined, fixed, share), self.inputs.tax_rate)
        return float(npv(self.inputs.discount_rate, cf))

    def break_even_fixed(self, joined: np.ndarray | None, share: float | None = None) -> Root:
        return break_even(
            lambda f: self.npv(joined, f, share), -20_000.0, 50_000.0, what="fixed charge (EUR/yr)"
        )


def _stock_of(outcomes: Outcomes, stock: pd.DataFrame | None, inputs: ModelInputs) -> pd.DataFrame:
    """The stock the outcomes were evaluated from (to evaluate it again at another fee)."""
    stock = stock_for(inputs.scenario) if stock is None else stock
    ids = stock["dwelling_id"].astype(str).to_numpy()
    if ids.size != outcomes.dwelling_ids.size or not np.array_equal(
        np.sort(ids), np.sort(outcomes.dwelling_ids.astype(str))
    ):
        raise WupInputError(
            "business_case: another connection fee needs the stock the outcomes came from; "
            "pass it as stock="
        )
    return stock


def _assumptions(params: Params, ids: tuple[str, ...], settings: CoopSettings) -> pd.DataFrame:
    table = parameter_table()
    rows = []
    for key in [k for k in table.index if k.startswith("coop.")] + list(ids):
        row = table.loc[key]
        origin = "scenario" if key in params.overridden else "default"
        rows.append(
            {
                "key": key,
                "value": float(params[key]),
                "unit": row["unit"],
                "origin": origin,
                "description": row["description"],
                "source": row["source"],
                "year": row["year"],
            }
        )
    for key, value in settings.model_dump(exclude_defaults=True).items():
        rows.append(
            {
                "key": f"setting.{key}",
                "value": value if not isinstance(value, tuple) else str(value),
                "unit": "",
                "origin": "set",
                "description": "set for this business case",
                "source": "user",
                "year": "",
            }
        )
    return pd.DataFrame(rows)


def _check_cap(settings: CoopSettings, cap_fixed: float, cap_gj: float, cap_fee: float) -> None:
    if not settings.acm_cap:
        return
    checks = (
        ("tariff_fixed_eur_per_yr", settings.tariff_fixed_eur_per_yr, cap_fixed, "EUR/yr"),
        ("tariff_eur_per_gj", settings.tariff_eur_per_gj, cap_gj, "EUR/GJ"),
        ("connection_fee_eur", settings.connection_fee_eur, cap_fee, "EUR"),
    )
    for key, value, cap, unit in checks:
        if value is not None and value > cap + 1e-9:
            raise WupInputError(
                f"coop settings: '{key}' = {value:g} {unit} is above the ACM maximum {cap:g}"
                f" {unit}; it must be at most that while the ACM cap is on (acm_cap false, or"
                " --no-acm-cap, lifts it)"
            )


def business_case(
    stock: pd.DataFrame | None = None,
    scenario: Scenario | ModelInputs | None = None,
    *,
    outcomes: Outcomes | None = None,
    settings: CoopSettings | Mapping[str, Any] | None = None,
    survey: pd.DataFrame | None = None,
    curve_points: int = 41,
    **changes: Any,
) -> BusinessCase:
    """The 30-year business case of a cooperative's heat network (one zone) or solar park.

    Parameters
    ----------
    stock
        The dwelling table (default the scenario's village), evaluated here when ``outcomes``
        is None, and again at another connection fee.
    scenario
        The scenario or its :class:`~wupmodel.inputs.ModelInputs` (packaged default when
        None): prices, parameters (``coop.*`` overrides).
    outcomes
        Evaluated outcomes with money (evaluated here when None). Pass them to make repeated
        calls fast.
    settings
        :class:`~wupmodel.coop.inputs.CoopSettings` or a mapping of its fields.
    survey
        What households say (:func:`wupmodel.io.load_survey`): yes / no override the cost
        comparison of each household; when the stock is evaluated here, *already insulated:
        yes* starts the dwelling at the standard insulation level
        (:func:`wupmodel.survey.survey_stock`), which moves its own alternative.
    curve_points
        Points of the participation curve.
    **changes
        Any settings field, e.g. ``tariff_fixed_eur_per_yr=700``, ``connection_fee_eur=2000``,
        ``member_capital_eur=5e5``, ``participation=0.8`` (``None`` values ignored).

    Returns
    -------
    BusinessCase

    Examples
    --------
    >>> import wupmodel as wm
    >>> case = wm.business_case(participation=0.85)
    >>> case.zone, round(case.participation, 2)
    ('kern', 0.85)
    """
    inputs = as_inputs(scenario)
    s = coop_settings(settings, **changes)
    coop = s.resolve(inputs.params)
    if s.asset == "solar_park":
        return _solar_case(s, coop, inputs)
    if outcomes is None:
        stock = stock_for(inputs.scenario) if stock is None else stock
        if survey is not None:  # "already insulated: yes" -> the current state is standard
            stock = survey_stock(stock, survey)
        outcomes = evaluate(stock, inputs, irr=False)
    case = _NetworkCase(stock, inputs, outcomes, s, coop, survey)
    return case.result(curve_points)


@dataclass
class _Uptake:
    """Who joins at which tariff: the participation, the tariff paths and where they came from."""

    share: float
    joined: np.ndarray | None  # dwellings joining per group (None: a share of the average)
    source: str
    fixed: np.ndarray  # fixed charge per year t = 0 .. H, EUR/yr incl. VAT
    per_gj: np.ndarray  # price per GJ per year t = 0 .. H, EUR/GJ incl. VAT
    net: _Network
    v_avg: float  # the price per GJ averaged at the household rate, for the curve
    loop: UptakeLoop | None = None


class _NetworkCase:
    """A heat network's business case, step by step (one instance per call)."""

    def __init__(
        self,
        stock: pd.DataFrame | None,
        inputs: ModelInputs,
        outcomes: Outcomes,
        settings: CoopSettings,
        coop: CoopInputs,
        survey: pd.DataFrame | None,
    ) -> None:
        heat = inputs.options
        if settings.tariff_basis is None:  # a tariff set by hand holds; else the scenario's rule
            by_hand = (
                settings.tariff_fixed_eur_per_yr is not None
                or settings.tariff_eur_per_gj is not None
            )
            basis = "acm" if by_hand else heat.heat_tariff
            settings = settings.model_copy(update={"tariff_basis": basis})
        if not heat.wis and settings.wis_eur_per_connection is None:
            coop = replace(coop, wis_eur_per_connection=0.0)
        self.inputs, self.outcomes, self.s, self.coop = inputs, outcomes, settings, coop
        self.survey = survey
        self.notices: list[str] = []
        zones = zone_names(outcomes)
        if not zones:
            raise WupInputError(
                "the stock has no heat_network_zone: give each dwelling of the network's zone one"
            )
        self.zone = settings.zone or zones[0]
        self.network = f"heat_network_{settings.network}"
        self.tariff_series = network_tariff_paths(inputs.tariffs, self.network)
        self.cap_fixed = float(self.tariff_series[0][0])
        cap_gj = float(self.tariff_series[1][0])
        cap_fee = float(inputs.params["cost.heatnet_connection_fee_eur"])
        _check_cap(settings, self.cap_fixed, cap_gj, cap_fee)
        self.fee = cap_fee if settings.connection_fee_eur is None else settings.connection_fee_eur
        self.hh, self.ctx = self._households(stock, abs(self.fee - cap_fee) > 1e-9)
        if survey is not None:
            self._apply_survey()
        self.d = discount_factors(self.ctx.settings.household_rate, self.ctx.settings.horizon_years)
        self.min_share = float(inputs.params["collective.heat_network.min_participation"])

    def _households(self, stock: pd.DataFrame | None, other_fee: bool):
        """The zone's households; at another fee than the ACM maximum their costs are the
        model's own at the cooperative's fee (the stock evaluated again)."""
        inputs, fee_outcomes = self.inputs, None
        if other_fee:
            fee_params = inputs.params.with_overrides(
                {"cost.heatnet_connection_fee_eur": self.fee}, source="coop settings"
            )
            inputs = inputs.with_params(fee_params)
            fee_outcomes = evaluate(
                _stock_of(self.outcomes, stock, self.inputs),
                inputs,
                irr=False,
                money_outputs=["end_user_annual_cost_eur"],
            )
        ctx = inputs.money
        hh = zone_households(self.outcomes, ctx, self.zone, self.network, fee_outcomes=fee_outcomes)
        return hh, ctx

    def _apply_survey(self) -> None:
        survey, outcomes = self.survey, self.outcomes
        self.hh = self.hh.with_survey(*survey_counts(survey, outcomes, self.hh))
        outside = survey_outside_zone(survey, outcomes, self.hh)
        if outside:
            source = survey.attrs.get("source", "survey")
            self.notices.append(outside_zone_notice(outside, self.hh.zone, source))
        pledged = survey_pledged_eur(survey, outcomes, self.hh)
        if self.s.member_capital_eur is None and pledged > 0:  # what households would put in
            self.coop = replace(self.coop, member_capital_eur=pledged)
            self.notices.append(
                f"member capital: the {pledged:,.0f} EUR the survey's households would invest"
            )

    def hh_avg(self, path: np.ndarray) -> float:
        """The household-rate average of a tariff path over the households' horizon."""
        return float(self.d @ path[: self.d.size] / self.d.sum())

    def _tariff_paths(self) -> tuple[np.ndarray, np.ndarray]:
        """Fixed charge and price per GJ per year: as set, else the network type's tariff path
        (the ACM maximum, from the Wcw year the cost-based tariff)."""
        s, h = self.s, self.coop.horizon_years
        fixed_path, per_gj_path = self.tariff_series
        fixed = (
            year_path(fixed_path, h)
            if s.tariff_fixed_eur_per_yr is None
            else np.full(h + 1, s.tariff_fixed_eur_per_yr)
        )
        per_gj = (
            year_path(per_gj_path, h)
            if s.tariff_eur_per_gj is None
            else np.full(h + 1, s.tariff_eur_per_gj)
        )
        return fixed, per_gj

    def _network(self, asset: HeatNetworkAsset, per_gj: np.ndarray) -> _Network:
        return _Network(asset, self.hh, self.coop, self.ctx, self.fee, per_gj)

    def _cost_based_per_gj(self, asset: HeatNetworkAsset, per_gj: np.ndarray) -> np.ndarray:
        """Heat at its cost per GJ (Wcw) unless a price per GJ was set."""
        if self.s.tariff_eur_per_gj is None:
            return (1.0 + asset.vat) * asset.heat_cost_eur_per_gj
        return per_gj

    def _uptake_set(self, asset: HeatNetworkAsset, fixed, per_gj) -> _Uptake:
        """Participation set by hand; a cost-based tariff's fixed charge breaks even at it."""
        share, net = float(self.s.participation), self._network(asset, per_gj)
        v_avg = self.hh_avg(per_gj)  # the curve keeps the price per GJ set (as before)
        if self.survey is not None:
            self.notices.append(
                "participation was set, so the survey's answers were not used for it"
            )
        if self.s.tariff_basis == "cost_based":
            per_gj = self._cost_based_per_gj(asset, per_gj)
            if self.s.tariff_eur_per_gj is None:
                net = self._network(asset, per_gj)
            root = net.break_even_fixed(None, share)
            if root.found:
                fixed = np.full(self.coop.horizon_years + 1, root.value)
            else:
                self.notices.append(
                    f"cost-based tariff: {root.reason}; the case is shown at the fixed charge set"
                )
        return _Uptake(share, None, "set", fixed, per_gj, net, v_avg)

    def _uptake_loop(self, asset: HeatNetworkAsset, fixed, per_gj) -> _Uptake:
        """Each household joins when the network is cheaper for it; the tariff <-> uptake loop
        starts from every household joining. Under the ACM rules the price per GJ stays as set
        and the fixed charge is capped; a cost-based tariff (Wcw) charges the heat at its cost
        per GJ and the rest as the fixed charge."""
        hh, net = self.hh, self._network(asset, per_gj)
        f_avg, v_avg = self.hh_avg(fixed), self.hh_avg(per_gj)
        joined = hh.joining(f_avg, v_avg)
        source = "households' own alternatives" + (
            " and the survey" if self.survey is not None else ""
        )
        cost_based = self.s.tariff_basis == "cost_based"
        if cost_based and self.s.tariff_eur_per_gj is None:
            per_gj = self._cost_based_per_gj(asset, per_gj)
            v_avg = self.hh_avg(per_gj)
            net = self._network(asset, per_gj)
        loop = solve_uptake_loop(
            hh,
            lambda j: net.break_even_fixed(j).value,
            v_avg,
            self.cap_fixed if self.s.acm_cap and not cost_based else None,
            self.min_share,
        )
        if cost_based:
            if loop.converged:
                fixed = np.full(self.coop.horizon_years + 1, loop.tariff_fixed_eur_per_yr)
                joined = hh.joining(loop.tariff_fixed_eur_per_yr, v_avg)
            else:
                self.notices.append(
                    f"cost-based tariff: no stable point ({loop.reason}); the case is shown at "
                    "the tariff set"
                )
        share = float(joined.sum() / hh.dwellings)
        return _Uptake(share, joined, source, fixed, per_gj, net, v_avg, loop)

    def _break_evens(self, up: _Uptake, n_conn: float) -> tuple[Root, Root]:
        """The fixed charge and the participation at which the project NPV is zero."""
        net, hh = up.net, self.hh
        be_tariff = (
            net.break_even_fixed(up.joined, up.share if up.joined is None else None)
            if n_conn > 0
            else Root(float("nan"), float("nan"), "no household joins at the tariff set")
        )
        be_share = break_even(
            lambda p: net.npv(None, up.fixed, p), 1.0 / hh.dwellings, 1.0, what="participation"
        )
        if not be_share.found and be_share.reason.startswith("the NPV is negative"):
            be_share = Root(
                float("nan"),
                float("nan"),
                "the network does not break even even if every dwelling joins",
            )
        return be_tariff, be_share

    def _household_figures(self, up: _Uptake, metrics: dict[str, float]) -> pd.DataFrame:
        """Per group: options, heat, costs at the tariff and who joins; averages in ``metrics``."""
        hh, outcomes = self.hh, self.outcomes
        weights = up.joined if up.joined is not None else hh.counts * up.share
        cost = hh.network_cost_at(self.hh_avg(up.fixed), self.hh_avg(up.per_gj))
        nmda = nmda_heat_cost_eur_per_yr(outcomes, self.ctx)[hh.group_index]
        heat_bill = up.fixed[1] + up.per_gj[1] * hh.heat_gj
        if weights.sum() > 0:
            total = weights.sum()
            metrics["household_network_cost_eur_per_month"] = float(weights @ cost / total / 12)
            metrics["household_alternative_cost_eur_per_month"] = float(
                weights @ hh.alternative_cost_eur_per_yr / total / 12
            )
            metrics["share_joining_above_nmda"] = float(weights @ (heat_bill > nmda + 1e-9) / total)
        option_ids = outcomes.catalogue.option_ids
        return pd.DataFrame(
            {
                "group_id": outcomes.groups["group_id"].to_numpy()[hh.group_index],
                "dwellings": hh.counts,
                "network_option": option_ids[hh.network_option],
                "alternative_option": option_ids[hh.alternative_option],
                "heat_gj": hh.heat_gj,
                "design_load_kw": hh.design_load_kw,
                "network_cost_eur_per_yr": cost,
                "alternative_cost_eur_per_yr": hh.alternative_cost_eur_per_yr,
                "heat_bill_year1_eur": heat_bill,
                "nmda_heat_cost_eur_per_yr": nmda,
                "joining": weights,
            }
        )

    def _parameter_ids(self) -> tuple[str, ...]:
        lt = self.network == "heat_network_lt"
        return HEAT_NETWORK_PARAMETERS + (LT_NETWORK_PARAMETERS if lt else ())

    def result(self, curve_points: int) -> BusinessCase:
        """The business case: uptake, cash flow and financing, ratios, roots and the curve."""
        fixed, per_gj = self._tariff_paths()
        h, params = self.coop.horizon_years, self.inputs.params
        asset = HeatNetworkAsset.from_params(
            self.zone, self.hh.dwellings, params, self.inputs.tariffs, h, self.network
        )
        if self.s.participation is not None:
            up = self._uptake_set(asset, fixed, per_gj)
        else:
            up = self._uptake_loop(asset, fixed, per_gj)
        if up.share < self.min_share:
            self.notices.append(
                f"participation {up.share:.0%} is below the {self.min_share:.0%} a network needs "
                "(collective.heat_network.min_participation)"
            )
        years = up.net.years(up.joined, up.fixed, up.share if up.joined is None else None)
        n_conn = up.share * self.hh.dwellings if up.joined is None else float(up.joined.sum())
        fin = finance(years, self.coop)
        be_tariff, be_share = self._break_evens(up, n_conn)
        metrics = _metrics(fin, self.coop, n_conn)
        households = self._household_figures(up, metrics)
        return BusinessCase(
            asset="heat_network",
            zone=self.zone,
            settings=self.s,
            inputs=self.coop,
            start_year=self.inputs.start_year,
            zone_dwellings=self.hh.dwellings,
            connections=n_conn,
            participation=up.share,
            participation_source=up.source,
            tariff_fixed_eur_per_yr=up.fixed,
            tariff_eur_per_gj=up.per_gj,
            connection_fee_eur=float(self.fee),
            financials=fin,
            metrics=metrics,
            break_even_tariff=be_tariff,
            break_even_participation=be_share,
            loop=up.loop,
            curve=_curve(up.net, self.hh, self.cap_fixed, up.v_avg, curve_points, self.coop),
            assumptions=_assumptions(params, self._parameter_ids(), self.s),
            notices=tuple(self.notices),
            households=households,
        )


def _metrics(fin: Financials, inputs: CoopInputs, connections: float) -> dict[str, float]:
    net = fin.net_investment_eur
    capex = float(fin.years.capex_eur[: len(inputs.build_phasing)].sum())
    return {
        "investment_eur": capex,
        "investment_per_connection_eur": capex / connections if connections > 0 else float("nan"),
        "net_investment_eur": net,
        "project_irr": project_irr(fin),
        "project_npv_eur": project_npv_eur(fin, inputs.discount_rate),
        "equity_irr": equity_irr(fin),
        "equity_npv_eur": float(npv(inputs.discount_rate, fin.equity_cash_flow_eur)),
        "min_dscr": fin.min_dscr,
        "llcr": fin.llcr(inputs.debt_rate),
        "bank_debt_eur": fin.bank_debt_eur,
        "bank_debt_by_dscr_eur": fin.bank_debt_by_dscr_eur,
        "debt_reserve_eur": fin.debt_reserve_eur,
        "member_capital_eur": fin.equity_eur,
        "solvency": fin.equity_eur / capex if capex > 0 else float("nan"),
        "solvency_required": inputs.solvency_min,
        "member_capital_offered_eur": fin.member_capital_offered_eur,
        "funding_gap_eur": max(fin.equity_eur - fin.member_capital_offered_eur, 0.0),
    }


def _curve(
    net: _Network,
    hh: ZoneHouseholds,
    cap_fixed: float,
    v_avg: float,
    points: int,
    inputs: CoopInputs,
) -> pd.DataFrame:
    """Share joining and NPV per fixed charge from 0 to 1.5 x the ACM maximum."""
    grid = np.linspace(0.0, 1.5 * cap_fixed, max(int(points), 2))
    joined = hh.joining(grid, v_avg)  # (K, G), vectorised over the tariffs
    rows = []
    for f, j in zip(grid, joined, strict=True):
        n = float(j.sum())
        rows.append(
            {
                "tariff_fixed_eur_per_yr": float(f),
                "participation": n / hh.dwellings,
                "connections": n,
                "project_npv_eur": net.npv(j, f) if n > 0 else float("nan"),
                "cost_per_connection_eur_per_yr": net.asset.cost_per_connection_eur_per_yr(
                    n, float(j @ hh.design_load_kw), inputs.discount_rate, inputs.horizon_years
                ),
            }
        )
    return pd.DataFrame(rows)


def _solar_case(s: CoopSettings, inputs: CoopInputs, model: ModelInputs) -> BusinessCase:
    if s.park_kwp is None:
        raise WupInputError(
            "coop settings: a solar park needs its size, park_kwp (kWp, e.g. --park-kwp 2000)"
        )
    h = inputs.horizon_years
    market = (
        year_path(model.tariffs.elec_production_eur_kwh, h)
        if s.park_price_eur_per_kwh is None
        else np.full(h + 1, s.park_price_eur_per_kwh)
    )
    member = (
        year_path(model.tariffs.elec_supply_eur_kwh, h)
        if s.park_member_price_eur_per_kwh is None
        else np.full(h + 1, s.park_member_price_eur_per_kwh)
    )
    # member supply: that share of the yield earns the members' price, the rest the park price
    price = (1.0 - s.park_member_share) * market + s.park_member_share * member
    park = SolarParkAsset.from_params(s.park_kwp, price, model.params)
    fin = finance(park.years(inputs), inputs)

    def npv_at(price: float) -> float:
        return float(
            npv(inputs.discount_rate, project_cash_flow(park.years(inputs, price), inputs.tax_rate))
        )

    be = break_even(npv_at, 0.0, 2.0, what="price (EUR/kWh)")
    metrics = _metrics(fin, inputs, 0.0)
    metrics["yield_mwh_per_yr"] = park.kwp * park.yield_kwh_per_kwp / 1e3
    metrics["price_eur_per_kwh_first_year"] = float(price[1])
    metrics["member_supply_mwh_per_yr"] = s.park_member_share * metrics["yield_mwh_per_yr"]
    none = Root(float("nan"), float("nan"), "not applicable to a solar park")
    return BusinessCase(
        asset="solar_park",
        zone=None,
        settings=s,
        inputs=inputs,
        start_year=model.start_year,
        zone_dwellings=0.0,
        connections=0.0,
        participation=float("nan"),
        participation_source="not applicable",
        tariff_fixed_eur_per_yr=np.zeros(h + 1),
        tariff_eur_per_gj=np.zeros(h + 1),
        connection_fee_eur=0.0,
        financials=fin,
        metrics=metrics,
        break_even_tariff=be,
        break_even_participation=none,
        loop=None,
        curve=pd.DataFrame(
            columns=[
                "tariff_fixed_eur_per_yr",
                "participation",
                "connections",
                "project_npv_eur",
                "cost_per_connection_eur_per_yr",
            ]
        ),
        assumptions=_assumptions(model.params, SOLAR_PARAMETERS, s),
        notices=(
            f"solar park of {park.kwp:g} kWp sold at "
            + (
                "the scenario's wholesale value of electricity (elec_production_eur_kwh)"
                if s.park_price_eur_per_kwh is None
                else f"{s.park_price_eur_per_kwh:g} EUR/kWh"
            )
            + (
                f", {s.park_member_share:.0%} of the yield supplied to members at "
                + (
                    "the scenario's retail supply price (elec_supply_eur_kwh)"
                    if s.park_member_price_eur_per_kwh is None
                    else f"{s.park_member_price_eur_per_kwh:g} EUR/kWh"
                )
                if s.park_member_share > 0
                else ""
            )
            + "; the break-even tariff is a constant price per kWh",
        ),
    )


def participation_curve(
    stock: pd.DataFrame | None = None,
    scenario: Scenario | ModelInputs | None = None,
    *,
    outcomes: Outcomes | None = None,
    zone: str | None = None,
    tariffs_fixed_eur_per_yr: np.ndarray | None = None,
    tariff_eur_per_gj: float | None = None,
    survey: pd.DataFrame | None = None,
    network: str = "mt",
) -> pd.DataFrame:
    """Share of a zone's dwellings that join at each fixed charge (vectorised, no cash flow).

    Parameters
    ----------
    stock, scenario, outcomes, survey
        As for :func:`business_case`.
    zone
        Heat-network zone (default the largest).
    tariffs_fixed_eur_per_yr
        Fixed charges to try, EUR/yr incl. VAT (default 0 to 1.5 x the ACM maximum, 41 points).
    tariff_eur_per_gj
        Price per GJ incl. VAT (default the network type's tariff path).
    network
        ``"mt"`` or ``"lt"``, as :class:`~wupmodel.coop.inputs.CoopSettings` ``network``.

    Returns
    -------
    pandas.DataFrame
        ``tariff_fixed_eur_per_yr``, ``participation``, ``connections``.
    """
    kind = f"heat_network_{coop_settings(network=network, source='participation_curve').network}"
    inputs = as_inputs(scenario)
    if outcomes is None:
        stock = stock_for(inputs.scenario) if stock is None else stock
        outcomes = evaluate(stock, inputs, irr=False)
    ctx = inputs.money
    zones = zone_names(outcomes)
    if not zones:
        raise WupInputError(
            "the stock has no heat_network_zone: give each dwelling of the network's zone one"
        )
    hh = zone_households(outcomes, ctx, zone or zones[0], kind)
    if survey is not None:
        hh = hh.with_survey(*survey_counts(survey, outcomes, hh))
    grid = (
        np.linspace(0.0, 1.5 * float(network_tariff_paths(ctx.tariffs, kind)[0][0]), 41)
        if tariffs_fixed_eur_per_yr is None
        else np.asarray(tariffs_fixed_eur_per_yr, dtype=float)
    )
    v = hh.acm_per_gj_avg_eur if tariff_eur_per_gj is None else float(tariff_eur_per_gj)
    joined = hh.joining(grid, v).sum(axis=-1)
    return pd.DataFrame(
        {
            "tariff_fixed_eur_per_yr": grid,
            "participation": joined / hh.dwellings,
            "connections": joined,
        }
    )
