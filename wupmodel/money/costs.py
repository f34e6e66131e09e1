"""Costs of every dwelling x option in two perspectives: the end user's and the nation's.

:func:`money_outcomes` takes :class:`~wupmodel.money.settings.MoneyInputs`: per dwelling x
option arrays (any broadcastable shape, options on the last axis, or on the last
``option_axes`` axes of an option grid) of first-year energy
(:class:`~wupmodel.money.bills.EnergyQuantities`), investments by component, subsidies and CO2,
and per-dwelling reference options, tenure and income; it returns :class:`MoneyOutcomes`. Quantities
are assumed constant over the horizon (first-year values); prices change per year
(:class:`~wupmodel.money.tariffs.TariffPaths`). Because costs are linear in the yearly quantities,
every sum over the years is a quantity times a discounted price sum computed once per call;
no (dwelling x option x year) array is built except for the IRR (computed in chunks, and
optional).

Timing: investments at ``t = 0`` (start of the first price year); bills, O&M, loan payments
and rent at the end of years ``1..H``; replacements at ``t = L, 2L, ... < H``; linear residual
value at ``H`` (see :func:`wupmodel.money.finance.life_cycle_cost_factor`).

End-user perspective (owner-occupiers, tenure code 0)
    Investments incl. VAT, replaced within the horizon without subsidy, residual value at the
    horizon; O&M as a share of capex a year; the energy bill with taxes, VAT, tax credit, net
    metering in 2026 and feed-in (:mod:`wupmodel.money.bills`); ISDE subsidy at ``t = 0``; money
    either own (paid at ``t = 0``) or a Warmtefonds loan for the net investment (0 % below the
    income limit), discounted at the household rate (5.5 %).
End-user perspective (tenants, tenure codes 1 and 2: split incentive)
    The landlord invests (and pays O&M); the tenant pays the bill plus a rent increase equal to
    the landlord's annuity (landlord rate, horizon) of the extra net investment over the
    reference option (of a component named ``insulation`` only the landlord type's
    ``rent_insulation_share_*``: a corporation asks no rent for insulation since the Nationale
    Prestatieafspraken 2022), at most ``rent_saving_share_corporation`` / ``_private`` x the
    tenant's first-year energy-bill saving (woonlastenneutraal, Sociaal Huurakkoord 2018) and
    at most ``rent_increase_cap_eur_month``. The landlord's net yearly cost (capital + O&M -
    rent) is reported separately.
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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel._arrays import FloatArray, float_array
from wupmodel.errors import WupInputError
from wupmodel.money.bills import EnergyQuantities, end_user_unit_prices, resource_unit_costs
from wupmodel.money.finance import discount_factors
from wupmodel.money.irr_chunk import irr_chunk, irr_unit_prices
from wupmodel.money.kernel import (
    ChunkContext,
    ChunkInputs,
    ComponentTerms,
    DwellingTerms,
    HorizonFactors,
    Layout,
    NationalComponentTerms,
    PriceWeights,
    Scratch,
    chunk_buffers,
    money_chunk,
    price_weights,
)
from wupmodel.money.results import OUTPUT_FIELDS, MoneyOutcomes, on_option_axis
from wupmodel.money.settings import (
    TENANT_CODES,
    Component,
    Dwellings,
    FinanceSettings,
    MoneyInputs,
    as_component,
)
from wupmodel.money.subsidies import WarmtefondsTerms, warmtefonds_scalar_terms
from wupmodel.money.tariffs import TariffPaths
from wupmodel.params import Params
from wupmodel.vocabulary import TENURES

#: Dwelling x option elements per chunk (work buffers of about 0.8 MB each; measured fastest).
_CHUNK_ELEMENTS = 100_000
#: ... times this many in reduce mode (money_totals), which forms few full-size arrays: fewer
#: chunks, less per-chunk overhead (measured on the 2-core VM: 2 and 8 no better than 4).
_REDUCE_CHUNK_FACTOR = 4
#: Outputs computed per chunk and stored (when requested); the others derive from these.
STORED_OUTPUTS = (
    "net_investment_eur",
    "lcc_end_user_eur",
    "simple_payback_years",
    "bill_year1_eur",
    "monthly_cost_year1_eur",
    "monthly_cost_avg_eur",
    "national_annual_cost_eur",
    "loan_principal_eur",
    "loan_payment_eur_per_month",
    "rent_increase_eur_per_month",
    "landlord_annual_cost_eur",
    "own_capital_eur_per_month",
)
#: Derived outputs computed in the chunks when asked for (``subsidy_eur``: the input on one
#: option axis, materialised there when it is given over fewer axes).
_CHUNK_DERIVED = (
    "end_user_annual_cost_eur",
    "npv_end_user_eur",
    "end_user_extra_cost_eur_per_yr",
    "monthly_cost_change_eur",
    "national_extra_cost_eur_per_yr",
    "subsidy_eur",
)
#: Outputs :func:`money_totals` can sum. Ratios cannot be summed meaningfully: EUR/t, the
#: energy cost share, the IRR and the payback time (years; infinite where nothing is saved).
SUMMABLE_OUTPUTS = frozenset(STORED_OUTPUTS + _CHUNK_DERIVED) - {"simple_payback_years"}
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


# --------------------------------------------------------------------------------------------
# main entries
# --------------------------------------------------------------------------------------------
def money_outcomes(
    inputs: MoneyInputs,
    tariffs: TariffPaths,
    settings: FinanceSettings,
    params: Params,
    *,
    rent_tariffs: TariffPaths | None = None,
    outputs: Iterable[str] | None = None,
) -> MoneyOutcomes:
    """Money outcomes of every dwelling x option in both perspectives.

    Parameters
    ----------
    inputs
        Energy, investments, dwellings and CO2 per dwelling x option (see
        :class:`~wupmodel.money.settings.MoneyInputs`).
    tariffs
        Price paths (first year = year 1 of the horizon).
    settings
        Finance settings.
    params
        Parameters (Warmtefonds rules, gas-connection removal cost).
    rent_tariffs
        Price paths of the first-year bill saving that caps a tenant's rent increase (the
        prices the rent is agreed on); default ``tariffs``.
    outputs
        Names from :data:`OUTPUT_FIELDS` to keep (default: all). Large runs that need only a
        few outputs (e.g. an optimiser: ``lcc_end_user_eur``, ``national_annual_cost_eur``,
        ``monthly_cost_change_eur``) save memory and time; outputs not kept are ``None`` and
        derived outputs whose base was not kept raise :class:`WupInputError`.

    Returns
    -------
    MoneyOutcomes
        Outputs with the dwelling axes and one option axis (an option grid in C order).
    """
    wanted, need = _outputs_asked(outputs)
    run = _prepare(inputs, _Prices(tariffs, rent_tariffs), settings, params, need)
    stored = _stored_outputs(run.context, need, wanted)
    layout = run.layout
    arrays = {name: np.empty((layout.n_dwellings,) + layout.option_shape) for name in stored}
    irr = (
        np.full((layout.n_dwellings, layout.n_options), np.nan) if run.context.compute_irr else None
    )
    _run_chunks(run, stored, arrays, irr=irr)
    return _money_outcomes(run, arrays, irr, need)


def money_totals(
    weights: ArrayLike,
    inputs: MoneyInputs,
    tariffs: TariffPaths,
    settings: FinanceSettings,
    params: Params,
    *,
    rent_tariffs: TariffPaths | None = None,
    outputs: Iterable[str] | None = None,
) -> dict[str, FloatArray]:
    """Weighted sums over the dwellings of the money outputs, per option.

    The same computation as :func:`money_outcomes` (same arguments), chunk by chunk, but each
    chunk's outputs are reduced to ``weights @ values`` (e.g. dwellings per group) and never
    kept: large or repeated runs (samples, many villages) that need village totals per option
    do not write dwelling x option arrays to memory.

    Parameters
    ----------
    weights
        Weight per dwelling (the leading axes), e.g. the number of dwellings in each group.
    inputs, tariffs, settings, params, rent_tariffs
        As for :func:`money_outcomes`.
    outputs
        Any of :data:`SUMMABLE_OUTPUTS` (default: all of them; sums of ratios such as EUR/t,
        the IRR or payback years are not meaningful and are not offered).

    Returns
    -------
    dict
        Output name -> (n_options,) weighted sum.
    """
    asked = set(OUTPUT_FIELDS) if outputs is None else set(outputs)
    not_summable = sorted(asked - SUMMABLE_OUTPUTS)
    if outputs is not None and not_summable:
        raise WupInputError(f"money_totals cannot sum {', '.join(not_summable)}")
    wanted, need = _outputs_asked(sorted(asked & SUMMABLE_OUTPUTS))
    prices = _Prices(tariffs, rent_tariffs)
    run = _prepare(inputs, prices, settings, params, need, weights=weights)
    stored = _stored_outputs(run.context, need, wanted)
    n_options = run.layout.n_options
    sums = {name: np.zeros(n_options) for name in stored}
    _run_chunks(run, stored, {}, totals=sums)
    totals = {name: sums.get(name, np.zeros(n_options)) for name in wanted | need}
    return {name: value for name, value in totals.items() if name in SUMMABLE_OUTPUTS}


# --------------------------------------------------------------------------------------------
# preparation: checked inputs, flat views, the chunks' shared context
# --------------------------------------------------------------------------------------------
def _outputs_asked(outputs: Iterable[str] | None) -> tuple[set[str], set[str]]:
    """The outputs asked for, and the stored outputs (and CO2) they need."""
    wanted = set(OUTPUT_FIELDS) if outputs is None else set(outputs)
    unknown = sorted(wanted - set(OUTPUT_FIELDS))
    if unknown:
        raise WupInputError(
            f"unknown output(s) {', '.join(unknown)}; allowed: {', '.join(OUTPUT_FIELDS)}"
        )
    return wanted, {_DERIVED_FROM.get(name, name) for name in wanted}


@dataclass(frozen=True)
class _Prices:
    """The price paths of a run, and those the rent rule reads (None = the same)."""

    tariffs: TariffPaths
    rent_tariffs: TariffPaths | None


@dataclass(frozen=True)
class _Checked:
    """The inputs as float and bool arrays of their own shapes (CO2 None while a callable)."""

    energy: EnergyQuantities
    subsidy_eur: FloatArray
    co2_kg_per_yr: FloatArray | None
    components: dict[str, Component]
    national_components: dict[str, Component]
    layout: Layout


@dataclass(frozen=True)
class _MoneyRun:
    """One call prepared: flat inputs of every dwelling, the chunks' context, what the result
    reports besides the chunk outputs."""

    layout: Layout
    inputs: ChunkInputs
    context: ChunkContext
    irr_prices: dict | None
    chunk_elements: int
    subsidy_eur: FloatArray
    co2_source: FloatArray | Callable[[], ArrayLike]
    loan_rate: FloatArray
    household_income_eur: FloatArray | None


def _checked(inputs: MoneyInputs, settings: FinanceSettings, tariffs: TariffPaths) -> _Checked:
    """The inputs checked, as arrays, and their layout; :class:`WupInputError` says what is
    wrong."""
    horizon = int(settings.horizon_years)
    if horizon > tariffs.n_years:
        raise WupInputError(
            f"horizon_years {horizon} is longer than the price paths "
            f"({int(tariffs.years[0])}-{int(tariffs.years[-1])}, {tariffs.n_years} years)"
        )
    investments = inputs.investments
    if not investments.components:
        raise WupInputError("components is empty; give at least one investment component")
    option_axes = int(inputs.option_axes)
    if option_axes < 1:
        raise WupInputError("option_axes must be at least 1")
    energy = inputs.energy.validated()
    subsidy = float_array(investments.subsidy_eur, "subsidy_eur", nonneg=True)
    co2 = inputs.co2_kg_per_yr
    co2 = None if callable(co2) else float_array(co2, "co2_kg_per_yr")
    components = _checked_components(investments.components, "component")
    national = _checked_components(
        investments.national_components or {}, "national component", nonneg=False
    )
    shapes = [a.shape for a in energy.arrays()] + [subsidy.shape]
    shapes += [np.shape(c.capex_eur) for c in (*components.values(), *national.values())]
    shapes += [co2.shape] if co2 is not None else []
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError as exc:
        raise WupInputError(
            f"the dwelling x option inputs do not broadcast to one shape: {exc}"
        ) from None
    if len(shape) < option_axes:
        raise WupInputError(f"money_outcomes needs {option_axes} option axis(es) (the last axes)")
    layout = Layout(shape[: len(shape) - option_axes], shape[len(shape) - option_axes :])
    return _Checked(energy, subsidy, co2, components, national, layout)


def _checked_components(
    given: Mapping[str, Component | tuple], kind: str, nonneg: bool = True
) -> dict[str, Component]:
    """Components with their capex as a checked float array (finite; not negative unless
    ``nonneg`` is False: a national-only credit)."""
    components = {name: as_component(name, value) for name, value in given.items()}
    return {
        name: replace(
            c, capex_eur=float_array(c.capex_eur, f"capex of {kind} '{name}'", nonneg=nonneg)
        )
        for name, c in components.items()
    }


def _reference_index(given: ArrayLike, layout: Layout) -> NDArray[np.intp]:
    """The reference option per dwelling, flat."""
    reference = np.asarray(given)
    if reference.dtype.kind not in "iu":
        raise WupInputError("reference_index must be whole numbers (option indices)")
    if reference.size and (reference.min() < 0 or reference.max() >= layout.n_options):
        raise WupInputError(f"reference_index must be between 0 and {layout.n_options - 1}")
    return layout.per_dwelling(reference, np.intp)


def _tenancy(
    tenure: ArrayLike | None, settings: FinanceSettings, layout: Layout
) -> tuple[NDArray[np.bool_], FloatArray, FloatArray]:
    """Per dwelling: rented or not, the share of the tenant's first-year bill saving the
    landlord may ask as rent (0 for owners), and the share of the extra insulation investment
    the landlord's annuity includes (a corporation asks none since the Nationale
    Prestatieafspraken)."""
    saving_share = np.zeros(len(TENURES))
    saving_share[TENURES.index("huur_corporatie")] = settings.rent_saving_share_corporation
    saving_share[TENURES.index("huur_particulier")] = settings.rent_saving_share_private
    insulation_share = np.ones(len(TENURES))
    insulation_share[TENURES.index("huur_corporatie")] = settings.rent_insulation_share_corporation
    insulation_share[TENURES.index("huur_particulier")] = settings.rent_insulation_share_private
    n_dwellings = layout.n_dwellings
    if tenure is None:
        return np.zeros(n_dwellings, dtype=bool), np.zeros(n_dwellings), np.ones(n_dwellings)
    codes = np.asarray(tenure)
    if codes.dtype.kind not in "iu" or (
        codes.size and (codes.min() < 0 or codes.max() >= len(TENURES))
    ):
        raise WupInputError(f"tenure codes must be 0..{len(TENURES) - 1} ({', '.join(TENURES)})")
    codes = layout.per_dwelling(codes, codes.dtype)
    return np.isin(codes, TENANT_CODES), saving_share[codes], insulation_share[codes]


def _dwelling_terms(
    dwellings: Dwellings,
    settings: FinanceSettings,
    params: Params,
    layout: Layout,
    low_income: NDArray[np.bool_] | None,
    weights: FloatArray | None,
) -> DwellingTerms:
    """The per-dwelling values of the money rules, flat (see
    :class:`~wupmodel.money.kernel.DwellingTerms`)."""
    reference = _reference_index(dwellings.reference_index, layout)
    is_tenant, saving_share, insulation_share = _tenancy(dwellings.tenure, settings, layout)
    removal = dwellings.gas_removal_eur
    if removal is None:
        removal = params["finance.gas_connection_removal_eur"]
    removal = layout.per_dwelling(float_array(removal, "gas_removal_eur", nonneg=True), float)
    return DwellingTerms(
        reference, is_tenant, saving_share, insulation_share, removal, low_income, weights
    )


def _component_terms(
    name: str, component: Component, layout: Layout, factors: HorizonFactors, first_vat: float
) -> ComponentTerms:
    """A component as views with its per-euro factors (the national one excl. VAT)."""
    om_share = float_array(component.om_share, f"om_share of component '{name}'", nonneg=True)
    vat = first_vat if component.vat_rate is None else float(component.vat_rate)
    life = component.lifetime_years
    national = factors.per_eur(life, om_share, "social") / (1.0 + vat)
    return ComponentTerms(
        capex_eur=layout.option_view(component.capex_eur),
        om_share=layout.option_view(om_share),
        pv_household=layout.option_view(factors.per_eur(life, om_share, "household")),
        pv_landlord=layout.option_view(factors.per_eur(life, om_share, "landlord")),
        pv_national=layout.option_view(national),
        lifetime_years=layout.option_view(np.asarray(life, dtype=float)),
    )


def _national_component_terms(
    name: str, component: Component, layout: Layout, factors: HorizonFactors
) -> NationalComponentTerms:
    """A national-only component (excl. VAT) as views with its per-euro factor."""
    om_share = float_array(
        component.om_share, f"om_share of national component '{name}'", nonneg=True
    )
    per_eur = factors.per_eur(component.lifetime_years, om_share, "social")
    return NationalComponentTerms(
        capex_eur=layout.option_view(component.capex_eur), pv_national=layout.option_view(per_eur)
    )


def _price_weights(prices: _Prices, settings: FinanceSettings) -> PriceWeights:
    """Prices summed over the years for every use (:class:`~wupmodel.money.kernel.PriceWeights`)."""
    horizon = int(settings.horizon_years)
    tariffs = prices.tariffs
    net_metering = np.asarray(tariffs.net_metering, dtype=bool)
    end_user = end_user_unit_prices(tariffs)
    first_year = np.zeros(horizon)
    first_year[0] = 1.0
    rent_prices = (
        end_user if prices.rent_tariffs is None else end_user_unit_prices(prices.rent_tariffs)
    )
    household = discount_factors(settings.household_rate, horizon)
    social = discount_factors(settings.social_rate, horizon)
    return PriceWeights(
        present_value=price_weights(end_user, household, net_metering, horizon),
        year1=price_weights(end_user, first_year, net_metering, horizon),
        # the first-year bill the rent rule reads (the same unless the caller fixes the rent's
        # price basis); net metering as in the run
        year1_rent=price_weights(rent_prices, first_year, net_metering, horizon),
        horizon_sum=price_weights(end_user, np.ones(horizon), net_metering, horizon),
        national=price_weights(
            resource_unit_costs(tariffs), social, np.zeros_like(net_metering), horizon
        ),
    )


def _export_blocks(export_kwh: NDArray, option_axes: int) -> tuple[slice, list[slice]] | None:
    """The block of the first option axis with export (PV) and the blocks without, if any.

    Options without any export (no PV) form blocks of the first option axis where the
    net-metered kWh equal the import and nothing is self-consumed: the nonlinear terms are
    then formed on the block with export only (half the grid for PV off/on).
    """
    if option_axes < 2 or export_kwh.shape[1] == 1:
        return None
    other_axes = tuple(i for i in range(export_kwh.ndim) if i != 1)
    exporting = np.flatnonzero((export_kwh != 0).any(axis=other_axes))
    size = export_kwh.shape[1]
    if not (0 < exporting.size < size and exporting[-1] - exporting[0] + 1 == exporting.size):
        return None
    active = slice(int(exporting[0]), int(exporting[-1]) + 1)
    rest = [slice(0, active.start), slice(active.stop, size)]
    return active, [block for block in rest if block.stop > block.start]


def _loan(
    settings: FinanceSettings, params: Params, income: FloatArray | None, n_dwellings: int
) -> tuple[WarmtefondsTerms | None, NDArray[np.bool_] | None, FloatArray]:
    """The Warmtefonds terms (None with own money), who borrows at 0 % and the rate per
    dwelling."""
    if settings.financing != "warmtefonds":
        return None, None, np.zeros(n_dwellings)
    loan = warmtefonds_scalar_terms(
        params,
        settings.loan_term_years,
        settings.warmtefonds_large_package,
        int(settings.horizon_years),
        settings.household_rate,
    )
    low_income = (
        np.zeros(n_dwellings, bool)
        if income is None
        else np.nan_to_num(income, nan=np.inf) < loan.income_limit_eur
    )
    return loan, low_income, np.where(low_income, 0.0, loan.rate)


def _prepare(
    inputs: MoneyInputs,
    prices: _Prices,
    settings: FinanceSettings,
    params: Params,
    need: set[str],
    weights: ArrayLike | None = None,
) -> _MoneyRun:
    """Check the inputs and lay them out for the chunks (``weights``: reduce mode)."""
    checked = _checked(inputs, settings, prices.tariffs)
    layout = checked.layout
    given_income = inputs.dwellings.household_income_eur
    income = None if given_income is None else layout.per_dwelling(given_income, float)
    loan, low_income, loan_rate = _loan(settings, params, income, layout.n_dwellings)
    if weights is not None:
        weights = layout.per_dwelling(float_array(weights, "weights"), float)
    dwellings = _dwelling_terms(inputs.dwellings, settings, params, layout, low_income, weights)
    co2_price = settings.national_co2_price_eur_t
    co2 = checked.co2_kg_per_yr
    if co2_price > 0 and co2 is None:
        co2 = float_array(inputs.co2_kg_per_yr(), "co2_kg_per_yr")
    horizon = int(settings.horizon_years)
    factors = HorizonFactors.of(settings, horizon)
    energy = checked.energy.map(layout.option_view)
    flat = ChunkInputs(
        energy=energy,
        subsidy_eur=layout.option_view(checked.subsidy_eur),
        co2_kg=layout.option_view(co2) if co2 is not None and co2_price > 0 else None,
        components=[
            _component_terms(name, c, layout, factors, float(prices.tariffs.vat[0]))
            for name, c in checked.components.items()
        ],
        national_components=[
            _national_component_terms(name, c, layout, factors)
            for name, c in checked.national_components.items()
        ],
        dwellings=dwellings,
    )
    net_metering = np.asarray(prices.tariffs.net_metering, dtype=bool)
    compute_irr = settings.compute_irr and "irr" in need and weights is None
    context = ChunkContext(
        option_shape=layout.option_shape,
        with_net_metering=bool(net_metering[:horizon].any()),
        price_weights=_price_weights(prices, settings),
        factors=factors,
        loan=loan,
        any_tenant=bool(dwellings.is_tenant.any()),
        needed=need,
        rent_cap_eur_per_yr=12.0 * settings.rent_increase_cap_eur_month,
        co2_price_eur_t=co2_price,
        compute_irr=compute_irr,
        rent_insulation_component=list(checked.components).index("insulation")
        if "insulation" in checked.components
        else None,
        one=np.ones((1,) * (len(layout.option_shape) + 1)),
        export_blocks=_export_blocks(energy.elec_export_kwh, len(layout.option_shape)),
        scratch=Scratch(),
    )
    end_user = end_user_unit_prices(prices.tariffs) if compute_irr else None
    return _MoneyRun(
        layout=layout,
        inputs=flat,
        context=context,
        irr_prices=None if end_user is None else irr_unit_prices(end_user, net_metering, horizon),
        # reduce mode keeps few full-size arrays: larger chunks, less per-chunk overhead
        chunk_elements=_CHUNK_ELEMENTS * (1 if weights is None else _REDUCE_CHUNK_FACTOR),
        subsidy_eur=checked.subsidy_eur,
        co2_source=co2 if co2 is not None else inputs.co2_kg_per_yr,
        loan_rate=loan_rate,
        household_income_eur=income,
    )


# --------------------------------------------------------------------------------------------
# the chunks and the result
# --------------------------------------------------------------------------------------------
def _stored_outputs(context: ChunkContext, need: set[str], wanted: set[str]) -> list[str]:
    """The outputs the chunks write: those needed (without the loan's with own money and the
    rent's without tenants), and the derived outputs asked for by name (computed in the
    chunks too, while the arrays they come from are in cache, rather than on access)."""
    stored = [name for name in STORED_OUTPUTS if name in need]
    if context.loan is None:
        stored = [
            x for x in stored if x not in ("loan_principal_eur", "loan_payment_eur_per_month")
        ]
    if not context.any_tenant:
        stored = [
            x
            for x in stored
            if x not in ("rent_increase_eur_per_month", "landlord_annual_cost_eur")
        ]
    return stored + [name for name in _CHUNK_DERIVED if name in wanted]


def _run_chunks(
    run: _MoneyRun,
    stored: list[str],
    arrays: dict[str, NDArray],
    totals: dict[str, FloatArray] | None = None,
    irr: FloatArray | None = None,
) -> None:
    """Every chunk of dwellings: outputs into ``arrays`` (or summed into ``totals``), the IRR
    into ``irr`` when given."""
    n_dwellings = run.layout.n_dwellings
    rows_per_chunk = max(1, min(n_dwellings, run.chunk_elements // run.layout.n_options))
    buffer_outputs = STORED_OUTPUTS + tuple(x for x in _CHUNK_DERIVED if x in stored)
    buffers = {}  # work arrays by chunk size (at most two sizes)
    for start in range(0, n_dwellings, rows_per_chunk):
        rows = slice(start, min(start + rows_per_chunk, n_dwellings))
        n_rows = rows.stop - rows.start
        chunk = run.inputs.rows(rows)
        if n_rows not in buffers:
            buffers[n_rows] = chunk_buffers(n_rows, run.context, buffer_outputs)
        work = buffers[n_rows].work
        outputs = {
            name: (arrays[name][rows] if name in arrays else work.get(name))
            for name in STORED_OUTPUTS + _CHUNK_DERIVED
        }
        money_chunk(run.context, chunk, outputs, buffers[n_rows], totals)
        if irr is not None and not chunk.dwellings.is_tenant.all():
            irr_chunk(irr[rows], chunk, work["extra_inv"], run.context, run.irr_prices)


def _money_outcomes(
    run: _MoneyRun, arrays: dict[str, NDArray], irr: FloatArray | None, need: set[str]
) -> MoneyOutcomes:
    """The chunks' arrays as :class:`MoneyOutcomes` (one option axis)."""
    lead, option_shape = run.layout.dwelling_shape, run.layout.option_shape
    full = lead + (run.layout.n_options,)
    zero = np.broadcast_to(np.float64(0.0), full)

    def result(name: str) -> FloatArray | None:
        if name in arrays:
            return arrays[name].reshape(full)
        return zero if name in need else None  # loan / tenant fields that are all 0

    money = MoneyOutcomes(
        subsidy_eur=result("subsidy_eur")
        if "subsidy_eur" in arrays
        else on_option_axis(run.subsidy_eur, lead, option_shape),
        net_investment_eur=result("net_investment_eur"),
        lcc_end_user_eur=result("lcc_end_user_eur"),
        irr=None if irr is None else irr.reshape(full),
        simple_payback_years=result("simple_payback_years"),
        bill_year1_eur=result("bill_year1_eur"),
        monthly_cost_year1_eur=result("monthly_cost_year1_eur"),
        monthly_cost_avg_eur=result("monthly_cost_avg_eur"),
        loan_principal_eur=result("loan_principal_eur"),
        loan_payment_eur_per_month=result("loan_payment_eur_per_month"),
        rent_increase_eur_per_month=result("rent_increase_eur_per_month"),
        own_capital_eur_per_month=result("own_capital_eur_per_month"),
        landlord_annual_cost_eur=result("landlord_annual_cost_eur"),
        national_annual_cost_eur=result("national_annual_cost_eur"),
        co2_source=run.co2_source,
        reference_index=run.inputs.dwellings.reference_index.reshape(lead),
        household_crf=run.context.factors.crf_household,
        loan_rate_by_dwelling=run.loan_rate.reshape(lead),
        household_income_eur=None
        if run.household_income_eur is None
        else run.household_income_eur.reshape(lead),
        option_grid=option_shape,
    )
    for name in _CHUNK_DERIVED:  # fill the caches of the derived properties computed above
        if name in arrays and name != "subsidy_eur":
            money.__dict__[name] = result(name)
    return money
