"""The village optimiser on evaluated outcomes, through the public wrapper and the CLI."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.cli import main
from wupmodel.optimise import optimise, option_table
from wupmodel.stock import validate_stock


@pytest.fixture(scope="module")
def small():
    rows = [
        {
            "dwelling_id": f"d{i}",
            "dwelling_type": t,
            "construction_year": y,
            "floor_area_m2": a,
            "tenure": "koop",
            "household_income_eur": 50_000,
            "heat_network_zone": "kern" if i < 4 else None,
            "grid_zone": "lv1" if i % 2 else "lv2",
        }
        for i, (t, y, a) in enumerate(
            [
                ("tussenwoning", 1970, 105),
                ("hoekwoning", 1968, 115),
                ("twee_onder_een_kap", 1985, 130),
                ("vrijstaand", 1930, 160),
                ("vrijstaand", 2000, 170),
                ("tussenwoning", 1995, 100),
            ]
        )
    ]
    stock = validate_stock(pd.DataFrame(rows), "small")
    scenario = wm.load_scenario()
    return stock, scenario, wm.evaluate(stock, scenario, irr=False)


def test_plan_meets_target_and_prices_co2(small):
    stock, scenario, outcomes = small
    plan = optimise(stock, scenario, outcomes=outcomes, co2_reduction=0.4)
    assert plan.status == "optimal"
    assert plan.co2_reduction >= 0.4 - 1e-6
    assert plan.co2_shadow_price_eur_per_t > 0
    d = plan.to_json_dict()
    for key in ("status", "objective_eur", "co2_kg", "co2_reduction", "choices", "shadow_prices"):
        assert key in d


def test_without_collective_options_the_lp_is_the_cheapest_feasible_option_per_dwelling(small):
    # With no CO2 target, no networks worth building and no binding grid, the optimum is each
    # dwelling's cheapest feasible option: check the objective against an independent LP
    # (scipy/HiGHS) over the same national costs, with the collective options switched off.
    stock, scenario, outcomes = small
    table = option_table(outcomes, scenario.years.horizon_years)
    heating = table.heating
    allowed = table.feasible & ~np.isin(heating, ["heat_network_mt", "heat_network_lt"])[None, :]
    plan = optimise(
        stock,
        scenario,
        outcomes=outcomes,
        max_installations={"heat_network_mt": 0, "heat_network_lt": 0},
        grid_capacity_kw_per_dwelling=1e6,
    )
    cost = table.annual_cost_eur["national"]
    g, o = cost.shape
    c = np.where(allowed, cost * table.count[:, None], 0.0).ravel()
    a_eq = np.kron(np.eye(g), np.ones(o))
    bounds = [(0, 1) if ok else (0, 0) for ok in allowed.ravel()]
    res = linprog(c, A_eq=a_eq, b_eq=np.ones(g), bounds=bounds, method="highs")
    assert plan.status == "optimal"
    assert plan.objective_eur == pytest.approx(res.fun, rel=1e-6)


def test_tighter_target_never_cheaper(small):
    stock, scenario, outcomes = small
    costs = [
        optimise(stock, scenario, outcomes=outcomes, co2_reduction=r).objective_eur
        for r in (0.0, 0.3, 0.5)
    ]
    assert costs[0] <= costs[1] + 1e-6 <= costs[2] + 2e-6


def test_per_dwelling_and_cbc_agree(small):
    stock, scenario, outcomes = small
    highs = optimise(stock, scenario, outcomes=outcomes, co2_reduction=0.3, per_dwelling=True)
    cbc = optimise(
        stock, scenario, outcomes=outcomes, co2_reduction=0.3, per_dwelling=True, solver="cbc"
    )
    assert highs.status == cbc.status == "optimal"
    assert highs.objective_eur == pytest.approx(cbc.objective_eur, rel=1e-6)
    assert all(isinstance(v, str) for v in highs.choices.values())


def test_pareto_front_is_ordered_and_non_dominated(small):
    stock, scenario, outcomes = small
    front = optimise(stock, scenario, outcomes=outcomes, pareto=5).pareto_front
    co2 = [p.co2_kg for p in front]
    cost = [p.objective_eur for p in front]
    assert co2 == sorted(co2)
    assert all(cost[i] >= cost[i + 1] - 1e-6 for i in range(len(cost) - 1))


def test_cli_infeasible_target_exits_non_zero_with_best_reduction(capsys):
    assert main(["optimise", "--co2-reduction", "0.99"]) == 3
    captured = capsys.readouterr()
    assert "best reduction" in captured.out and "Traceback" not in captured.err


def test_cli_optimise_json(tmp_path, capsys):
    out = tmp_path / "plan.json"
    assert main(["optimise", "--co2-reduction", "0.5", "--json", str(out)]) == 0
    plan = json.loads(out.read_text())
    assert plan["status"] == "optimal" and plan["co2_reduction"] >= 0.5 - 1e-6
    assert plan["shadow_prices"]


def test_cli_rejects_bad_fraction(capsys):
    assert main(["optimise", "--co2-reduction", "1.5"]) == 2
    assert "between 0 and 1" in capsys.readouterr().err


@pytest.mark.parametrize(
    "kw",
    [
        {"co2_reduction": 0.4},
        {"co2_reduction": 0.3, "perspective": "end_user"},
        {"co2_reduction": 0.3, "budget_eur": 60_000},
        {"co2_reduction": 0.2, "max_monthly_increase_eur": 20.0},
        {"energy_neutral_share": 0.3},
        {"objective": "co2", "budget_eur": 80_000},
        {"co2_reduction": 0.4, "max_installations": {"air_hp": 1, "hybrid_hp": 2}},
        {"co2_reduction": 0.4, "per_dwelling": True},
        {"co2_reduction": 0.4, "co2_basis": "cumulative"},
    ],
)
def test_pruning_dominated_options_keeps_the_optimum(small, kw):
    stock, scenario, outcomes = small
    kw = dict(kw)
    per_dwelling = kw.pop("per_dwelling", False)
    pruned = optimise(
        stock, scenario, outcomes=outcomes, prune=True, per_dwelling=per_dwelling, **kw
    )
    full = optimise(
        stock, scenario, outcomes=outcomes, prune=False, per_dwelling=per_dwelling, **kw
    )
    assert pruned.status == full.status
    if full.status == "optimal":
        assert pruned.objective_eur == pytest.approx(full.objective_eur, rel=1e-7, abs=1e-6)
        assert pruned.co2_kg == pytest.approx(full.co2_kg, rel=1e-7) or kw.get("objective") != "co2"


def test_pruning_removes_options(small):
    from wupmodel.optimise import prune_dominated, settings_for

    stock, scenario, outcomes = small
    table = option_table(outcomes, scenario.years.horizon_years)
    pruned, n = prune_dominated(table, settings_for(wm.model_inputs(scenario)))
    assert n > 0 and n == table.feasible.sum() - pruned.feasible.sum()
    assert pruned.feasible.any(axis=1).all()  # every dwelling keeps an option


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {
            "budget_eur": 60_000,
            "max_monthly_increase_eur": 20.0,
            "energy_neutral_share": 0.3,
            "co2_basis": "cumulative",
        },
        {"max_installations": {"air_hp": 1}, "perspective": "end_user"},
    ],
)
def test_pruning_equals_the_dominance_rule_written_as_loops(small, kw):
    """The vectorised pruning drops exactly what the documented rule drops, checked pair by pair."""
    from wupmodel.optimise import prune_dominated, settings_for

    stock, scenario, outcomes = small
    table = option_table(outcomes, scenario.years.horizon_years)
    s = settings_for(wm.model_inputs(scenario), **kw)
    pruned, _ = prune_dominated(table, s)
    figures = [
        table.annual_cost_eur[s.perspective],
        table.co2_kg if s.co2_basis == "first_year" else table.co2_cum_kg,
        table.peak_kw,
    ]
    if s.budget_eur is not None:
        figures.append(table.capex_eur - table.subsidy_eur)
    if s.max_monthly_increase_eur is not None:
        figures.append(table.monthly_cost_change_eur)
    if s.energy_neutral_share is not None:
        figures += [table.electricity_kwh, -table.pv_kwh]
    alone = set(s.max_installations) | {"heat_network_mt", "heat_network_lt"}
    cls = [h if h in alone else "individual" for h in table.heating]
    G, O = table.feasible.shape  # noqa: E741 - O is the option count
    for g in range(G):
        for j in range(O):
            keep = bool(table.feasible[g, j])
            if keep and j != table.reference_option[g]:
                for k in range(O):
                    if k == j or cls[k] != cls[j] or not table.feasible[g, k]:
                        continue
                    le = all(f[g, k] <= f[g, j] for f in figures)
                    lt = any(f[g, k] < f[g, j] for f in figures)
                    if le and (lt or k < j):
                        keep = False
                        break
            assert pruned.feasible[g, j] == keep, (g, j)


def test_households_that_already_chose_keep_their_option(small):
    stock, scenario, outcomes = small
    plan = optimise(
        stock,
        scenario,
        outcomes=outcomes,
        fixed={"d0": "standard+air_hp", "d3": "current+gas_boiler"},
        co2_reduction=0.3,
    )
    assert plan.status == "optimal"
    assert plan.choices["d0"] == {"standard+air_hp": pytest.approx(1.0)}
    assert plan.choices["d3"] == {"current+gas_boiler": pytest.approx(1.0)}


def test_fixed_choices_by_option_number_equal_those_by_id(small):
    """``--fixed`` takes an option's number in the catalogue as well as its id: the same plan."""
    stock, scenario, outcomes = small
    ids = list(outcomes.catalogue.option_ids)
    by_id = optimise(
        stock, scenario, outcomes=outcomes, fixed={"d0": "standard+air_hp"}, co2_reduction=0.3
    )
    by_number = optimise(
        stock,
        scenario,
        outcomes=outcomes,
        fixed={"d0": str(ids.index("standard+air_hp"))},
        co2_reduction=0.3,
    )
    assert by_number.choices["d0"] == by_id.choices["d0"] == {"standard+air_hp": pytest.approx(1.0)}
    assert by_number.objective_eur == pytest.approx(by_id.objective_eur, rel=1e-9)


@pytest.mark.parametrize(
    "fixed, fragment",
    [
        ({"nobody": "standard+air_hp"}, "not in the stock"),
        ({"d0": "standard+air_pump"}, "not an option"),
    ],
)
def test_bad_fixed_choices(small, fixed, fragment):
    stock, scenario, outcomes = small
    with pytest.raises(wm.WupInputError, match=fragment):
        optimise(stock, scenario, outcomes=outcomes, fixed=fixed)


def test_cli_fixed_file(tmp_path, capsys):
    stock = tmp_path / "s.csv"
    assert main(["stock", "--buurt", "BU01095059", "--out", str(stock)]) == 0
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(
        "dwelling_id,option_id\nBU01095059-0001,current+gas_boiler\n", encoding="utf-8"
    )
    out = tmp_path / "plan.json"
    assert (
        main(
            [
                "optimise",
                "--stock",
                str(stock),
                "--fixed",
                str(fixed),
                "--co2-reduction",
                "0.3",
                "--json",
                str(out),
            ]
        )
        == 0
    )
    plan = json.loads(out.read_text())
    assert plan["choices"]["BU01095059-0001"] == {"current+gas_boiler": pytest.approx(1.0)}


def test_settings_for_annualises_collective_costs_with_the_scenarios_rate_and_horizon():
    # A scenario with its own social rate and horizon: the optimiser's collective costs follow
    # them, as the dwellings' national costs and the village summary do.
    import numpy_financial as npf

    from wupmodel.optimise import settings_for
    from wupmodel.scenario import scenario_from_text

    scenario = scenario_from_text(
        "years:\n  start: 2026\n  end: 2045\nfinance:\n  social_discount_rate: 0.04\n", "rate.yaml"
    )
    p = scenario.params()
    s = settings_for(wm.model_inputs(scenario))
    assert scenario.years.horizon_years == 20
    assert p["finance.grid_asset_lifetime_years"] == 50
    # By hand: a 50-year substation over a 20-year horizon at 4 %: bought at t = 0, 30/50 of it
    # credited at year 20, the rest spread with numpy-financial's annuity.
    per_eur = (1.0 - 30 / 50 * 1.04**-20) * float(npf.pmt(0.04, 20, -1.0))
    want = p["finance.mv_lv_substation_eur"] * per_eur
    assert s.reinforcement_default.annual_cost_eur == pytest.approx(want, rel=1e-12)


def test_plan_text_numbers_are_the_plans(small):
    """Every number of the terminal summary of a plan is read back and compared with the plan:
    cost, extra cost vs the reference (= cost minus every dwelling on its gas boiler), CO2 and
    its reduction, investment, subsidy, dwellings per heating system, shadow price."""
    import re

    stock, scenario, outcomes = small
    plan = optimise(stock, scenario, outcomes=outcomes, co2_reduction=0.4)
    text = wio.plan_text(plan, "small")

    def number(pattern: str) -> float:
        match = re.search(pattern, text)
        assert match, (pattern, text)
        return float(match.group(1).replace(" ", "").replace(",", ""))

    assert number(r"cost (-?[\d ]+) EUR/yr, of which") == pytest.approx(plan.objective_eur, abs=0.5)
    extra = plan.total_cost_eur["national"] - plan.reference_cost_eur["national"]
    assert number(
        r"reference \(every dwelling keeps its gas boiler, as in `run`\): (-?[\d ]+) EUR/yr"
    ) == pytest.approx(extra, abs=0.5)
    ref = outcomes.to_frame()
    ref = ref[
        (ref["insulation"] == "current")
        & (ref["heating"] == "gas_boiler")
        & ~ref["pv"]
        & ~ref["solar_thermal"]
    ]
    assert plan.reference_cost_eur["national"] == pytest.approx(
        float((ref["national_annual_cost_eur"] * ref["count"]).sum()), rel=1e-9
    )
    assert number(r"CO2 first year: ([\d,]+) t") == pytest.approx(plan.co2_kg / 1e3, abs=0.5)
    assert number(r"t \((\d+)% below") == pytest.approx(100 * plan.co2_reduction, abs=0.5)
    assert number(r"investment ([\d ]+) EUR") == pytest.approx(plan.capex_eur, abs=0.5)
    assert number(r"subsidy ([\d ]+) EUR") == pytest.approx(plan.subsidy_eur, abs=0.5)
    shown = dict(
        re.findall(
            r"(\w+_hp|gas_boiler|heat_network_\w+) ([\d,.]+)",
            text.split("dwellings by heating system:")[1].splitlines()[0],
        )
    )
    assert sum(float(v.replace(",", "")) for v in shown.values()) == pytest.approx(6, abs=0.01)
    assert number(r"co2: ([\d,.]+) EUR/t") == pytest.approx(
        plan.co2_shadow_price_eur_per_t, abs=0.05
    )
