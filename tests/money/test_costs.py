"""Costs in two perspectives: money_outcomes against explicit yearly cash flows.

The reference implementation below loops over dwellings, options and years in plain Python,
builds every yearly cash flow (bills from wupmodel.money.bills, tested by hand in test_bills.py;
investments, replacements, residual values, O&M, loans, rent) and discounts them with
numpy-financial. money_outcomes computes the same with discounted price sums and must agree.
"""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pytest
from money_cases import money_inputs

import wupmodel.money.costs as costs_module
from wupmodel.errors import WupInputError
from wupmodel.money import (
    Component,
    FinanceSettings,
    annual_bill_eur,
    annual_energy_resource_cost_eur,
    money_outcomes,
    tariff_paths,
    warmtefonds_loan,
)
from wupmodel.params import default_params

P = default_params()
T = tariff_paths(P)
H = 25


def make_case(n=6, n_opt=4, seed=3):
    """A small village: option 0 is the gas-boiler reference; option 3 is a heat network."""
    rng = np.random.default_rng(seed)
    gas = rng.uniform(300, 2000, (n, n_opt))
    gas[:, 2:] = 0.0
    imp = rng.uniform(1500, 7000, (n, n_opt))
    exp = np.zeros((n, n_opt))
    exp[:, 1:3] = rng.uniform(500, 4000, (n, 2))  # PV on options 1 and 2 (net metering 2026)
    gj = np.zeros((n, n_opt))
    gj[:, 3] = rng.uniform(20, 40, n)
    has_gas = gas > 0
    on_hn = np.zeros((n, n_opt), bool)
    on_hn[:, 3] = True
    comps = {
        "heating": Component(
            rng.uniform(2000, 16000, (n, n_opt)),
            np.array([15, 18, 20, 30]),
            np.array([0.05, 0.04, 0.02, 0.01]),
        ),
        "insulation": (np.array([0.0, 8000.0, 15000.0, 4000.0]), 40, 0.0),
        "pv": Component(np.array([0.0, 4500.0, 4500.0, 0.0]), 25, 0.01, 0.0),  # no VAT on PV
    }
    subsidy = rng.uniform(0, 4000, (n, n_opt))
    subsidy[:, 0] = 0.0
    # CO2 is an input here: gas 1.78 kg/m3, grid 0.3 kg/kWh net of export, heat 50.6 kg/GJ
    co2 = gas * 1.78 + (imp - exp) * 0.3 + gj * 50.6
    ncomps = {"heat_network": (np.array([0.0, 0.0, 0.0, 9000.0]), 30, 0.01)}
    return dict(
        gas_m3=gas,
        elec_import_kwh=imp,
        elec_export_kwh=exp,
        heat_gj=gj,
        has_gas_connection=has_gas,
        on_heat_network=on_hn,
        components=comps,
        subsidy_eur=subsidy,
        co2_kg_per_yr=co2,
        reference_index=np.zeros(n, dtype=int),
        household_income_eur=rng.choice([40000.0, 80000.0, np.nan], n),
        tenure=np.array([0, 1, 0, 2, 0, 0])[:n],
        national_components=ncomps,
    )


def _component_flows(capex, life, om, years):
    """Investment, replacements, O&M and residual value over years 0..H (positive = cost)."""
    flows = np.zeros(years + 1)
    flows[0] = capex
    t = life
    while t < years:
        flows[t] += capex
        t += life
    last = t - life
    flows[years] -= capex * (last + life - years) / life
    flows[1:] += om * capex
    return flows


def _capex(component):
    return component.capex_eur if isinstance(component, Component) else component[0]


def reference(case, settings):
    """Explicit loops: yearly cash flows per dwelling x option, discounted with numpy-financial."""
    s = settings
    n, n_opt = case["gas_m3"].shape
    comps = {
        k: (v if isinstance(v, Component) else Component(*v)) for k, v in case["components"].items()
    }
    out = {
        k: np.zeros((n, n_opt))
        for k in ("lcc", "nat", "bill1", "m1", "mavg", "inv", "om1", "rent", "loan", "own")
    }
    flows_owner = np.zeros((n, n_opt, H + 1))
    for d in range(n):
        tenant = case["tenure"][d] in (1, 2)
        for o in range(n_opt):
            q = [
                case[k][d, o]
                for k in (
                    "gas_m3",
                    "elec_import_kwh",
                    "elec_export_kwh",
                    "heat_gj",
                    "has_gas_connection",
                    "on_heat_network",
                )
            ]
            bills = np.array([annual_bill_eur(*q, T, year_index=y) for y in range(H)])
            res = np.array([annual_energy_resource_cost_eur(*q, T, year_index=y) for y in range(H)])
            cap = np.zeros(H + 1)
            cap_nat = np.zeros(H + 1)
            upfront = om1 = 0.0
            for c in comps.values():
                cx = float(np.broadcast_to(c.capex_eur, (n, n_opt))[d, o])
                life = int(np.broadcast_to(c.lifetime_years, (n_opt,))[o])
                om = float(np.broadcast_to(c.om_share, (n_opt,))[o])
                vat = T.vat[0] if c.vat_rate is None else c.vat_rate
                cap += _component_flows(cx, life, om, H)
                cap_nat += _component_flows(cx / (1 + vat), life, om, H)
                upfront += cx
                om1 += om * cx
            for cx_arr, life, om in case["national_components"].values():
                cap_nat += _component_flows(float(cx_arr[o]), life, om, H)
            sub = case["subsidy_eur"][d, o]
            net = upfront - sub
            # national: no taxes, no subsidy, gas-connection removal, social rate
            nat = cap_nat.copy()
            nat[1:] += res
            if case["has_gas_connection"][d, 0] and not case["has_gas_connection"][d, o]:
                nat[0] += P["finance.gas_connection_removal_eur"]
            nat[1:] += case["co2_kg_per_yr"][d, o] / 1000 * s.national_co2_price_eur_t
            out["nat"][d, o] = npf.npv(s.social_rate, nat) * float(
                s.social_rate / (1 - (1 + s.social_rate) ** -H)
            )
            own = cap.copy()
            own[0] -= sub
            own[1:] += bills
            flows_owner[d, o] = own
            out["bill1"][d, o] = bills[0]
            out["inv"][d, o] = net
            out["om1"][d, o] = om1
            if tenant:
                continue
            pay, term = 0.0, 0
            if s.financing == "warmtefonds":
                loan = warmtefonds_loan(
                    max(net, 0.0),
                    case["household_income_eur"][d],
                    s.loan_term_years,
                    P,
                    strict=False,
                )
                principal, pay, term = (
                    float(loan.principal_eur),
                    float(loan.annual_payment_eur),
                    int(loan.term_years),
                )
                own = np.concatenate([own, np.zeros(max(term - H, 0))])
                own[0] -= principal
                own[1 : term + 1] += pay
                out["loan"][d, o] = pay
            out["lcc"][d, o] = npf.npv(s.household_rate, own)
            # own money (net investment not borrowed) as a yearly annuity at the household rate
            # over the horizon (numpy-financial's pmt), one twelfth per month
            borrowed = principal if s.financing == "warmtefonds" else 0.0
            own_year = -npf.pmt(s.household_rate, H, net - borrowed)
            out["own"][d, o] = own_year / 12
            out["m1"][d, o] = (bills[0] + pay + own_year) / 12
            out["mavg"][d, o] = (bills.sum() + pay * min(term, H) + own_year * H) / (12 * H)
    # tenants: bill + rent increase = the landlord's annuity of the extra net investment (of
    # the extra insulation only the landlord type's share: none for a corporation by default,
    # Nationale Prestatieafspraken 2022), at most the ceiling and at most the landlord type's
    # share of the tenant's first-year saving
    crf_l = s.landlord_rate / (1 - (1 + s.landlord_rate) ** -H)
    keys = (
        "gas_m3",
        "elec_import_kwh",
        "elec_export_kwh",
        "heat_gj",
        "has_gas_connection",
        "on_heat_network",
    )
    for d in range(n):
        if case["tenure"][d] not in (1, 2):
            continue
        share = (
            s.rent_saving_share_corporation
            if case["tenure"][d] == 1
            else s.rent_saving_share_private
        )
        ins_share = (
            s.rent_insulation_share_corporation
            if case["tenure"][d] == 1
            else s.rent_insulation_share_private
        )
        insulation = np.broadcast_to(_capex(case["components"]["insulation"]), (n, n_opt))[d]
        bill_ref1 = annual_bill_eur(*[case[k][d, 0] for k in keys], T, year_index=0)
        for o in range(n_opt):
            extra = out["inv"][d, o] - out["inv"][d, 0]
            extra -= (1.0 - ins_share) * max(insulation[o] - insulation[0], 0.0)
            q = [case[k][d, o] for k in keys]
            bills = np.array([annual_bill_eur(*q, T, year_index=y) for y in range(H)])
            rent = min(
                12 * s.rent_increase_cap_eur_month,
                max(extra, 0.0) * crf_l,
                share * max(bill_ref1 - bills[0], 0.0),
            )
            out["lcc"][d, o] = npf.npv(s.household_rate, np.concatenate([[0.0], bills + rent]))
            out["m1"][d, o] = (bills[0] + rent) / 12
            out["mavg"][d, o] = (bills.sum() + rent * H) / (12 * H)
            out["rent"][d, o] = rent
    return out, flows_owner


SETTINGS = [
    FinanceSettings.from_params(P),
    FinanceSettings.from_params(
        P,
        financing="warmtefonds",
        loan_term_years=20.0,
        rent_increase_cap_eur_month=25.0,
        rent_saving_share_corporation=0.5,
        rent_saving_share_private=2.0,
        national_co2_price_eur_t=100.0,
    ),
    FinanceSettings.from_params(
        P, financing="warmtefonds", loan_term_years=10.0, household_rate=0.0
    ),
]


@pytest.mark.parametrize("settings", SETTINGS, ids=["own", "warmtefonds20", "warmtefonds10_rate0"])
def test_money_outcomes_equal_explicit_cash_flows(settings, monkeypatch):
    case = make_case()
    ref, flows = reference(case, settings)
    # several chunks (2 dwellings each) must give the same answer as one
    monkeypatch.setattr(costs_module, "_CHUNK_ELEMENTS", 8)
    o = money_outcomes(money_inputs(case), T, settings, P)
    # Tolerance rel 1e-9: same arithmetic in a different order (sums of ~25 discounted terms).
    np.testing.assert_allclose(o.lcc_end_user_eur, ref["lcc"], rtol=1e-9)
    np.testing.assert_allclose(o.national_annual_cost_eur, ref["nat"], rtol=1e-9)
    np.testing.assert_allclose(o.bill_year1_eur, ref["bill1"], rtol=1e-9)
    np.testing.assert_allclose(o.monthly_cost_year1_eur, ref["m1"], rtol=1e-9)
    np.testing.assert_allclose(o.monthly_cost_avg_eur, ref["mavg"], rtol=1e-9)
    np.testing.assert_allclose(o.own_capital_eur_per_month, ref["own"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(o.net_investment_eur, ref["inv"], rtol=1e-9)
    np.testing.assert_allclose(
        o.rent_increase_eur_per_month * 12, ref["rent"], rtol=1e-9, atol=1e-9
    )
    np.testing.assert_allclose(o.loan_payment_eur_per_month * 12, ref["loan"], rtol=1e-9, atol=1e-9)
    # NPV vs the reference equals the NPV of the yearly cash-flow difference (owners, own money)
    if settings.financing == "own":
        owners = ~np.isin(case["tenure"], (1, 2))
        diff = flows[:, :1, :] - flows  # reference costs minus option costs = savings
        want = np.array(
            [[npf.npv(settings.household_rate, diff[d, k]) for k in range(4)] for d in range(6)]
        )
        np.testing.assert_allclose(o.npv_end_user_eur[owners], want[owners], rtol=1e-9, atol=1e-6)
        # IRR of the same difference, as numpy-financial finds it
        for d in np.flatnonzero(owners):
            for k in range(1, 4):
                expected = npf.irr(diff[d, k])
                if np.isfinite(expected) and -0.99 < expected < 10:
                    assert o.irr[d, k] == pytest.approx(expected, rel=1e-7, abs=1e-9)
        assert np.isnan(o.irr[~owners]).all()
    # EAC = LCC x CRF; the reference option has zero extra cost in both perspectives
    crf = (
        settings.household_rate / (1 - (1 + settings.household_rate) ** -H)
        if settings.household_rate
        else 1 / H
    )
    np.testing.assert_allclose(o.end_user_annual_cost_eur, o.lcc_end_user_eur * crf, rtol=1e-12)
    assert np.all(o.npv_end_user_eur[:, 0] == 0.0)
    assert np.all(o.end_user_extra_cost_eur_per_yr[:, 0] == 0.0)
    assert np.all(o.national_extra_cost_eur_per_yr[:, 0] == 0.0)
    assert np.all(o.monthly_cost_change_eur[:, 0] == 0.0)
    assert np.all(o.co2_avoided_kg_per_yr[:, 0] == 0.0)
    assert np.isnan(o.national_cost_eur_per_t_co2[:, 0]).all()


def test_payback_without_discounting_or_replacement():
    # REopt identity: with no discounting and no replacement, payback = extra net investment /
    # first-year savings (bill + O&M) vs the reference.
    case = make_case()
    case["components"] = {"heating": (case["components"]["heating"].capex_eur, 25, 0.02)}
    case["tenure"] = np.zeros(6, dtype=int)
    s = FinanceSettings.from_params(P, household_rate=0.0)
    o = money_outcomes(money_inputs(case), T, s, P)
    capex = case["components"]["heating"][0]
    inv = capex - case["subsidy_eur"]
    bill1 = np.array(
        [
            [
                annual_bill_eur(
                    *(
                        case[k][d, j]
                        for k in (
                            "gas_m3",
                            "elec_import_kwh",
                            "elec_export_kwh",
                            "heat_gj",
                            "has_gas_connection",
                            "on_heat_network",
                        )
                    ),
                    T,
                    0,
                )
                for j in range(4)
            ]
            for d in range(6)
        ]
    )
    cost1 = bill1 + 0.02 * capex
    extra = inv - inv[:, :1]
    savings = cost1[:, :1] - cost1
    pos = (extra > 0) & (savings > 0)
    assert pos.any()
    np.testing.assert_allclose(o.simple_payback_years[pos], extra[pos] / savings[pos], rtol=1e-12)
    assert np.all(np.isinf(o.simple_payback_years[(extra > 0) & (savings <= 0)]))


def test_national_cost_ignores_taxes_vat_on_energy_and_subsidies():
    case = make_case()
    # explicit VAT rate on every component, so that changing the energy VAT cannot matter
    case["components"] = {
        k: Component(c.capex_eur, c.lifetime_years, c.om_share, 0.21)
        for k, c in (
            (k, v if isinstance(v, Component) else Component(*v))
            for k, v in case["components"].items()
        )
    }
    s = FinanceSettings.from_params(P)
    base = money_outcomes(money_inputs(case), T, s, P)
    taxed = tariff_paths(
        P,
        overrides={
            "gas_tax_eur_m3": 1.5,
            "elec_tax_eur_kwh": 0.3,
            "vat": 0.09,
            "tax_credit_eur": 0.0,
            "feed_in_eur_kwh": 0.08,
        },
    )
    case2 = dict(case, subsidy_eur=case["subsidy_eur"] * 3.0)
    other = money_outcomes(money_inputs(case2), taxed, s, P)
    np.testing.assert_array_equal(other.national_annual_cost_eur, base.national_annual_cost_eur)
    assert not np.allclose(other.lcc_end_user_eur, base.lcc_end_user_eur)


def _rent_base(net_investment, case, settings):
    """The investment a tenant's rent follows, by hand: the extra net investment against the
    reference, less the extra insulation a corporation (Nationale Prestatieafspraken 2022) or a
    private landlord does not put into the rent (1 - its insulation share)."""
    extra = net_investment - net_investment[:, :1]
    insulation = np.broadcast_to(_capex(case["components"]["insulation"]), extra.shape)
    ins_extra = np.maximum(insulation - insulation[:, :1], 0.0)
    free = np.select(
        [case["tenure"] == 1, case["tenure"] == 2],
        [
            1.0 - settings.rent_insulation_share_corporation,
            1.0 - settings.rent_insulation_share_private,
        ],
        0.0,
    )
    return np.maximum(extra - free[:, None] * ins_extra, 0.0)


def test_tenants_pay_rent_not_capital():
    case = make_case()
    case["tenure"] = np.array([1, 1, 2, 2, 1, 2])
    s0 = FinanceSettings.from_params(
        P, rent_increase_cap_eur_month=0.0
    )  # a scenario's ceiling of 0
    o0 = money_outcomes(money_inputs(case), T, s0, P)
    assert np.all(o0.rent_increase_eur_per_month == 0.0)
    # with no rent increase the tenant's cost is the bill only, and the landlord carries it all
    pv = (1 - 1.055**-25) / 0.055
    bills = np.array(
        [
            [
                sum(
                    annual_bill_eur(
                        *(
                            case[k][d, j]
                            for k in (
                                "gas_m3",
                                "elec_import_kwh",
                                "elec_export_kwh",
                                "heat_gj",
                                "has_gas_connection",
                                "on_heat_network",
                            )
                        ),
                        T,
                        y,
                    )
                    * 1.055 ** -(y + 1)
                    for y in range(25)
                )
                for j in range(4)
            ]
            for d in range(6)
        ]
    )
    np.testing.assert_allclose(o0.lcc_end_user_eur, bills, rtol=1e-9)
    assert pv > 0 and np.all(o0.landlord_annual_cost_eur > 0)
    assert np.isnan(o0.irr).all() and np.all(o0.loan_principal_eur == 0.0)
    # a generous cap and share: the rent increase is the landlord's annuity of the extra
    # investment wherever the tenant saves at all (no rent where the bill rises)
    big = FinanceSettings.from_params(
        P,
        rent_increase_cap_eur_month=10000.0,
        rent_saving_share_corporation=1e9,
        rent_saving_share_private=1e9,
    )
    o1 = money_outcomes(money_inputs(case), T, big, P)
    crf = 0.055 / (1 - 1.055**-25)
    extra = _rent_base(o1.net_investment_eur, case, big)
    keys = (
        "gas_m3",
        "elec_import_kwh",
        "elec_export_kwh",
        "heat_gj",
        "has_gas_connection",
        "on_heat_network",
    )
    bill1 = np.array(
        [
            [annual_bill_eur(*(case[k][d, j] for k in keys), T, year_index=0) for j in range(4)]
            for d in range(6)
        ]
    )
    saves = bill1 < bill1[:, :1]
    np.testing.assert_allclose(
        o1.rent_increase_eur_per_month, np.where(saves, extra * crf / 12, 0.0), rtol=1e-12
    )
    assert saves.sum() >= 6 and (~saves[:, 1:]).any()  # both cases occur


def test_packaged_rent_rule_keeps_tenants_woonlasten_neutral():
    """Packaged defaults (Sociaal Huurakkoord 2018 for corporations, the same test assumed for
    private landlords): the rent increase is the smaller of the landlord's annuity of the extra
    investment and the tenant's first-year bill saving, so a tenant's first-year woonlasten
    never rise through the rent; they rise only where the bill itself rises (and then no rent)."""
    case = make_case()
    case["tenure"] = np.array([1, 1, 2, 2, 1, 2])
    case["subsidy_eur"] = case["subsidy_eur"].copy()
    case["subsidy_eur"][0] = 0.0  # a corporation dwelling gets no ISDE
    packaged = FinanceSettings.from_params(P)
    assert (
        packaged.rent_insulation_share_corporation == 0.0
        and packaged.rent_insulation_share_private == 1.0
    )
    o = money_outcomes(money_inputs(case), T, packaged, P)
    keys = (
        "gas_m3",
        "elec_import_kwh",
        "elec_export_kwh",
        "heat_gj",
        "has_gas_connection",
        "on_heat_network",
    )
    bill1 = np.array(
        [
            [annual_bill_eur(*(case[k][d, j] for k in keys), T, year_index=0) for j in range(4)]
            for d in range(6)
        ]
    )
    saving = np.maximum(bill1[:, :1] - bill1, 0.0)
    crf = 0.055 / (1 - 1.055**-25)
    annuity = _rent_base(o.net_investment_eur, case, packaged) * crf
    # a corporation tenant's rent leaves the insulation out: by hand for dwelling 0 (no subsidy
    # there, so net = gross), option 2: heating and the rest only
    gross = {k: np.broadcast_to(_capex(v), (6, 4)) for k, v in case["components"].items()}
    others = sum(g for k, g in gross.items() if k != "insulation")
    assert annuity[0, 2] == pytest.approx(max(others[0, 2] - others[0, 0], 0.0) * crf, rel=1e-12)
    assert (
        annuity[0, 2] < (others[0, 2] + 15000.0 - others[0, 0]) * crf
    )  # the 15 000 EUR insulation is out
    np.testing.assert_allclose(
        o.rent_increase_eur_per_month * 12, np.minimum(annuity, saving), rtol=1e-9, atol=1e-9
    )
    assert (o.rent_increase_eur_per_month > 1.0).any()  # the rule is not a zero cap
    change = o.monthly_cost_year1_eur - o.monthly_cost_year1_eur[:, :1]
    bill_change = (bill1 - bill1[:, :1]) / 12
    assert np.all(change <= np.maximum(bill_change, 0.0) + 1e-9)


def test_warmtefonds_zero_rate_lowers_cost_by_hand():
    # one owner, one option besides the reference: a 0 % loan of P EUR over 15 years replaces P
    # EUR paid at t = 0 by P/15 a year; at 5.5 % that saves P - P/15 x PVF(5.5 %, 15).
    case = dict(
        gas_m3=np.array([[1200.0, 0.0]]),
        elec_import_kwh=np.array([[2500.0, 6000.0]]),
        elec_export_kwh=np.zeros((1, 2)),
        heat_gj=np.zeros((1, 2)),
        has_gas_connection=np.array([[True, False]]),
        on_heat_network=np.zeros((1, 2), bool),
        components={"heating": (np.array([[3000.0, 15000.0]]), 20, 0.0)},
        subsidy_eur=np.zeros((1, 2)),
        co2_kg_per_yr=np.array([[2136.0, 600.0]]),
        reference_index=np.array([0]),
        household_income_eur=np.array([30000.0]),
        tenure=np.array([0]),
    )
    own = money_outcomes(money_inputs(case), T, FinanceSettings.from_params(P), P)
    wf = money_outcomes(
        money_inputs(case), T, FinanceSettings.from_params(P, financing="warmtefonds"), P
    )
    pvf15 = (1 - 1.055**-15) / 0.055
    for j, principal in enumerate((3000.0, 15000.0)):
        saving = principal - principal / 15 * pvf15
        assert own.lcc_end_user_eur[0, j] - wf.lcc_end_user_eur[0, j] == pytest.approx(
            saving, rel=1e-9
        )
        assert wf.loan_payment_eur_per_month[0, j] == pytest.approx(principal / 180, rel=1e-12)
    assert np.all(wf.loan_rate == 0.0)


def test_outputs_selection_and_derived_errors():
    case = make_case()
    s = FinanceSettings.from_params(P, compute_irr=False)
    o = money_outcomes(
        money_inputs(case), T, s, P, outputs=["npv_end_user_eur", "co2_avoided_kg_per_yr"]
    )
    assert o.lcc_end_user_eur is not None and o.national_annual_cost_eur is None and o.irr is None
    assert o.npv_end_user_eur.shape == (6, 4)
    with pytest.raises(WupInputError, match="national_annual_cost_eur"):
        _ = o.national_extra_cost_eur_per_yr
    frame = o.to_frame(option_names=["ref", "hp_pv", "hp_pv_ins", "heatnet"])
    assert (
        len(frame) == 24 and "npv_end_user_eur" in frame and "national_annual_cost_eur" not in frame
    )
    full = money_outcomes(money_inputs(case), T, s, P).to_frame()
    assert full.shape == (24, 22)  # all outputs except the IRR (not computed)
    with pytest.raises(WupInputError, match="unknown output"):
        money_outcomes(money_inputs(case), T, s, P, outputs=["npv"])


@pytest.mark.parametrize(
    "change, match",
    [
        (dict(gas_m3=np.full((6, 4), np.nan)), "gas_m3 contains NaN"),
        (dict(elec_import_kwh=-np.ones((6, 4))), "must not be negative"),
        (dict(reference_index=np.full(6, 4)), "reference_index"),
        (dict(tenure=np.full(6, 3)), "tenure codes"),
        (dict(components={}), "components is empty"),
        (dict(components={"x": (1.0, 0, 0.0)}), "lifetime_years"),
        (dict(components={"x": "free"}), "Component or a tuple"),
    ],
)
def test_bad_inputs(change, match):
    case = dict(make_case(), **change)
    with pytest.raises(WupInputError, match=match):
        money_outcomes(money_inputs(case), T, FinanceSettings.from_params(P), P)


def test_bad_settings():
    with pytest.raises(WupInputError, match="financing"):
        FinanceSettings.from_params(P, financing="bank")
    with pytest.raises(WupInputError, match="household_rate"):
        FinanceSettings.from_params(P, household_rate=-1.0)
    with pytest.raises(WupInputError, match="horizon_years"):
        FinanceSettings.from_params(P, horizon_years=0)
    with pytest.raises(WupInputError, match="not a Warmtefonds term"):
        money_outcomes(
            money_inputs(make_case()),
            T,
            FinanceSettings.from_params(P, financing="warmtefonds", loan_term_years=12),
            P,
        )
    with pytest.raises(WupInputError, match="longer than the price paths"):
        money_outcomes(
            money_inputs(make_case()), T, FinanceSettings.from_params(P, horizon_years=30), P
        )
