"""Costs of every dwelling x option in two perspectives: the end user's and the nation's.

:func:`money_outcomes` takes per dwelling x option arrays (any broadcastable shape, options on
the last axis, or on the last ``option_axes`` axes of an option grid) of first-year quantities,
investments by component, subsidies and CO2, and returns :class:`MoneyOutcomes`. Quantities
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
    Prestatieafspraken 2022), at most ``rent_saving_share_corporation`` / ``_private`` x the tenant's
    first-year energy-bill saving (woonlastenneutraal, Sociaal Huurakkoord 2018) and at most
    ``rent_increase_cap_eur_month``. The landlord's net yearly
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

from collections.abc import Callable, Iterable, Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel._arrays import FloatArray, float_array
from wupmodel.errors import WupInputError
from wupmodel.money.bills import end_user_unit_prices, resource_unit_costs
from wupmodel.money.finance import (
    capital_recovery_factor,
    discount_factors,
    life_cycle_cost_factor,
    present_value_factor,
)
from wupmodel.money.irr_chunk import _irr_chunk, _irr_units
from wupmodel.money.kernel import (
    _FLOAT_BUFFERS,
    ChunkContext,
    ChunkInputs,
    ComponentTerms,
    NationalComponentTerms,
    _dwelling_flat,
    _flat,
    _loan_constants,
    _money_chunk,
    _Scratch,
    _weights,
)
from wupmodel.money.results import OUTPUT_FIELDS, MoneyOutcomes, _on_option_axis
from wupmodel.money.settings import TENANT_CODES, Component, FinanceSettings, _component
from wupmodel.money.tariffs import TariffPaths
from wupmodel.params import Params
from wupmodel.vocabulary import TENURES

#: Dwelling x option elements per chunk (work buffers of about 0.8 MB each; measured fastest).
_CHUNK_ELEMENTS = 100_000
#: ... times this many in reduce mode (money_totals), which forms few full-size arrays: fewer
#: chunks, less per-chunk overhead (measured on the 2-core VM: 2 and 8 no better than 4).
_REDUCE_CHUNK_FACTOR = 4
#: Outputs computed per chunk and stored (when requested); the others derive from these.
_STORED = (
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
    rent_tariffs: TariffPaths | None = None,
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
    rent_tariffs
        Price paths of the first-year bill saving that caps a tenant's rent increase (the
        prices the rent is agreed on); default ``tariffs``.
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
    gas = float_array(gas_m3, "gas_m3", nonneg=True)
    imp = float_array(elec_import_kwh, "elec_import_kwh", nonneg=True)
    exp = float_array(elec_export_kwh, "elec_export_kwh", nonneg=True)
    gj = float_array(heat_gj, "heat_gj", nonneg=True)
    self_kwh = (
        None
        if self_consumed_kwh is None
        else float_array(self_consumed_kwh, "self_consumed_kwh", nonneg=True)
    )
    has_gas = np.asarray(has_gas_connection, dtype=bool)
    on_hn = np.asarray(on_heat_network, dtype=bool)
    subsidy = float_array(subsidy_eur, "subsidy_eur", nonneg=True)
    co2_price = s.national_co2_price_eur_t
    co2 = None if callable(co2_kg_per_yr) else float_array(co2_kg_per_yr, "co2_kg_per_yr")
    comps = {name: _component(name, v) for name, v in components.items()}
    ncomps = {name: _component(name, v) for name, v in (national_components or {}).items()}
    capex = {
        name: float_array(c.capex_eur, f"capex of component '{name}'", nonneg=True)
        for name, c in comps.items()
    }
    ncapex = {
        name: float_array(c.capex_eur, f"capex of national component '{name}'", nonneg=True)
        for name, c in ncomps.items()
    }
    shapes = [gas.shape, imp.shape, exp.shape, gj.shape, has_gas.shape, on_hn.shape, subsidy.shape]
    shapes += [a.shape for a in (*capex.values(), *ncapex.values())]
    shapes += [a.shape for a in (co2, self_kwh) if a is not None]
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError as exc:
        raise WupInputError(
            f"the dwelling x option inputs do not broadcast to one shape: {exc}"
        ) from None
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
    # The share of the tenant's first-year bill saving a landlord may ask as rent, per dwelling
    # (0 for owners, who pay no rent increase).
    saving_share = np.zeros(len(TENURES))
    saving_share[TENURES.index("huur_corporatie")] = s.rent_saving_share_corporation
    saving_share[TENURES.index("huur_particulier")] = s.rent_saving_share_private
    # The share of the extra insulation investment the landlord's annuity (and so the rent)
    # includes, per dwelling (a corporation asks none since the Nationale Prestatieafspraken).
    insulation_share = np.ones(len(TENURES))
    insulation_share[TENURES.index("huur_corporatie")] = s.rent_insulation_share_corporation
    insulation_share[TENURES.index("huur_particulier")] = s.rent_insulation_share_private
    if tenure is None:
        tenant_f = np.zeros(n_lead, dtype=bool)
        share_f = np.zeros(n_lead)
        insulation_f = np.ones(n_lead)
    else:
        ten = np.asarray(tenure)
        if ten.dtype.kind not in "iu" or (
            ten.size and (ten.min() < 0 or ten.max() >= len(TENURES))
        ):
            raise WupInputError(
                f"tenure codes must be 0..{len(TENURES) - 1} ({', '.join(TENURES)})"
            )
        ten_f = _dwelling_flat(ten, lead, ten.dtype)
        tenant_f = np.isin(ten_f, TENANT_CODES)
        share_f = saving_share[ten_f]
        insulation_f = insulation_share[ten_f]
    any_tenant = bool(tenant_f.any())
    income_f = (
        None if household_income_eur is None else _dwelling_flat(household_income_eur, lead, float)
    )
    removal = (
        params["finance.gas_connection_removal_eur"] if gas_removal_eur is None else gas_removal_eur
    )
    removal_f = _dwelling_flat(float_array(removal, "gas_removal_eur", nonneg=True), lead, float)
    if co2_price > 0 and co2 is None:
        co2 = float_array(co2_kg_per_yr(), "co2_kg_per_yr")

    # ---------------- per-scenario constants ----------------
    rh, rs, rl = s.household_rate, s.social_rate, s.landlord_rate
    nm = np.asarray(tariffs.net_metering, dtype=bool)
    eu = end_user_unit_prices(tariffs)
    first = np.zeros(h)
    first[0] = 1.0
    forms = {
        "pv": _weights(eu, discount_factors(rh, h), nm, h),
        "y1": _weights(eu, first, nm, h),
        # the first-year bill the rent rule reads (the same unless the caller fixes the rent's
        # price basis); net metering as in the run
        "y1_rent": _weights(
            eu if rent_tariffs is None else end_user_unit_prices(rent_tariffs), first, nm, h
        ),
        "sum": _weights(eu, np.ones(h), nm, h),
        "nat": _weights(
            resource_unit_costs(tariffs), discount_factors(rs, h), np.zeros_like(nm), h
        ),
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
        om = float_array(c.om_share, f"om_share of component '{name}'", nonneg=True)
        vat = vat0 if c.vat_rate is None else float(c.vat_rate)
        f_h = life_cycle_cost_factor(c.lifetime_years, h, rh) + om * pvf_h
        f_l = life_cycle_cost_factor(c.lifetime_years, h, rl) + om * pvf_l
        f_s = (life_cycle_cost_factor(c.lifetime_years, h, rs) + om * pvf_s) / (1.0 + vat)
        comp_terms.append(
            ComponentTerms(
                capex_eur=_flat(capex[name], lead, k),
                om_share=_flat(om, lead, k),
                pv_household=_flat(f_h, lead, k),
                pv_landlord=_flat(f_l, lead, k),
                pv_national=_flat(f_s, lead, k),
                lifetime_years=_flat(np.asarray(c.lifetime_years, dtype=float), lead, k),
            )
        )
    ncomp_terms = []
    for name, c in ncomps.items():
        om = float_array(c.om_share, f"om_share of national component '{name}'", nonneg=True)
        f_s = life_cycle_cost_factor(c.lifetime_years, h, rs) + om * pvf_s
        ncomp_terms.append(
            NationalComponentTerms(
                capex_eur=_flat(ncapex[name], lead, k), pv_national=_flat(f_s, lead, k)
            )
        )

    loan = None
    loan_rate_f = np.zeros(n_lead)
    if s.financing == "warmtefonds":
        loan = _loan_constants(params, s, h, rh)
        low = (
            np.zeros(n_lead, bool)
            if income_f is None
            else np.nan_to_num(income_f, nan=np.inf) < loan.income_limit_eur
        )
        loan.low_income = low
        loan_rate_f = np.where(low, 0.0, loan.rate)

    flat_in = ChunkInputs(
        gas_m3=_flat(gas, lead, k),
        import_kwh=_flat(imp, lead, k),
        export_kwh=_flat(exp, lead, k),
        heat_gj=_flat(gj, lead, k),
        has_gas=_flat(has_gas, lead, k),
        on_heat_network=_flat(on_hn, lead, k),
        subsidy_eur=_flat(subsidy, lead, k),
        self_consumed_kwh=None if self_kwh is None else _flat(self_kwh, lead, k),
        co2_kg=_flat(co2, lead, k) if co2 is not None and co2_price > 0 else None,
    )
    # Options without any export (no PV) form blocks of the first option axis where the
    # net-metered kWh equal the import and nothing is self-consumed: the nonlinear terms are
    # then formed on the block with export only (half the grid for PV off/on).
    blocks = None
    ex = flat_in.export_kwh
    if k >= 2 and ex.shape[1] > 1:
        exporting = np.flatnonzero((ex != 0).any(axis=tuple(i for i in range(ex.ndim) if i != 1)))
        if 0 < exporting.size < ex.shape[1] and exporting[-1] - exporting[0] + 1 == exporting.size:
            active = slice(int(exporting[0]), int(exporting[-1]) + 1)
            rest = [slice(0, active.start), slice(active.stop, ex.shape[1])]
            blocks = (active, [sl for sl in rest if sl.stop > sl.start])
    stored = [name for name in _STORED if name in need]
    if loan is None:
        stored = [
            x for x in stored if x not in ("loan_principal_eur", "loan_payment_eur_per_month")
        ]
    if not any_tenant:
        stored = [
            x
            for x in stored
            if x not in ("rent_increase_eur_per_month", "landlord_annual_cost_eur")
        ]
    # Derived outputs that were asked for by name (or all, by default) are computed in the
    # chunks too, while the arrays they come from are in cache, rather than on access.
    stored += [name for name in _CHUNK_DERIVED if name in wanted]
    reduce_w = None
    if _totals_weights is not None:  # money_totals: weighted sums per option, no big arrays
        reduce_w = _dwelling_flat(float_array(_totals_weights, "weights"), lead, float)
        out: dict[str, NDArray] = {}
        sums = {name: np.zeros(n_opt) for name in stored}
    else:
        out = {name: np.empty((n_lead,) + opt) for name in stored}
    irr_out = (
        np.full((n_lead, n_opt), np.nan)
        if (s.compute_irr and "irr" in need and reduce_w is None)
        else None
    )
    irr_units = _irr_units(eu, nm, h) if irr_out is not None else None

    # Reduce mode keeps few full-size arrays: larger chunks, less per-chunk overhead.
    chunk_elements = _CHUNK_ELEMENTS * (_REDUCE_CHUNK_FACTOR if _totals_weights is not None else 1)
    rows_per_chunk = max(1, min(n_lead, chunk_elements // n_opt))
    buffers: dict[int, tuple[dict, dict]] = {}  # work buffers by chunk size (at most two sizes)
    ctx = ChunkContext(
        option_axes=k,
        option_shape=opt,
        horizon_years=h,
        with_net_metering=bool(nm[:h].any()),
        price_weights=forms,
        components=comp_terms,
        national_components=ncomp_terms,
        loan=loan,
        any_tenant=any_tenant,
        needed=need,
        rent_cap_eur_per_yr=12.0 * s.rent_increase_cap_eur_month,
        co2_price_eur_t=co2_price,
        pvf_household=pvf_h,
        pvf_social=pvf_s,
        crf_social=crf_s,
        crf_landlord=crf_l,
        crf_household=crf_h,
        compute_irr=irr_out is not None,
        rent_insulation_component=list(comps).index("insulation")
        if "insulation" in comps
        else None,
        one=np.ones((1,) * (k + 1)),
        weights=reduce_w,
        export_blocks=blocks,
        scratch=_Scratch(),
    )
    for start in range(0, n_lead, rows_per_chunk):
        sl = slice(start, min(start + rows_per_chunk, n_lead))
        n = sl.stop - sl.start
        g = flat_in.rows(sl)
        if n not in buffers:
            names = _FLOAT_BUFFERS + _STORED + tuple(x for x in _CHUNK_DERIVED if x in stored)
            if blocks is not None:  # billed kWh and self-consumption only on the exporting block
                names = tuple(x for x in names if x not in ("billed", "self"))
            buffers[n] = (
                {name: np.empty((n,) + opt) for name in names},
                {name: np.empty((n,) + opt, dtype=bool) for name in ("b1", "b2")},
            )
            if blocks is not None:
                part = (n, blocks[0].stop - blocks[0].start) + opt[1:]
                buffers[n][0].update(self_block=np.empty(part), billed_block=np.empty(part))
        b, bb = buffers[n]
        o = {
            name: (out[name][sl] if name in out else b.get(name))
            for name in _STORED + _CHUNK_DERIVED
        }
        _money_chunk(
            ctx,
            rows=sl,
            inputs=g,
            reference_index=ref_f[sl],
            is_tenant=tenant_f[sl],
            rent_saving_share=share_f[sl],
            rent_insulation_share=insulation_f[sl],
            gas_removal_eur=removal_f[sl],
            outputs=o,
            work=b,
            flags=bb,
            totals=None if reduce_w is None else sums,
        )
        if irr_out is not None and not tenant_f[sl].all():
            _irr_chunk(
                irr_out[sl],
                inputs=g,
                reference_index=ref_f[sl],
                is_tenant=tenant_f[sl],
                extra_investment_eur=b["extra_inv"],
                ctx=ctx,
                rows=sl,
                prices=irr_units,
            )

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
        subsidy_eur=result("subsidy_eur")
        if "subsidy_eur" in out
        else _on_option_axis(subsidy, lead, opt),
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
        own_capital_eur_per_month=result("own_capital_eur_per_month"),
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
