"""Plan: targets and limits in, the optimiser's mix, collective decisions, Pareto chart, who pays
more and the shadow price of CO2 out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
from app_pages import common as ui

L = ui.lang()
ui.header()
st.title(ui.tr("plan_title"))
st.write(ui.tr("plan_intro"))


PARETO_POINTS = 6


def make_plan(key: str, text: str, inputs: tuple, pareto: int = 0) -> wm.Plan:
    """The plan for these inputs, with a Pareto front of ``pareto`` points (kept per session:
    the last few inputs)."""
    memo = st.session_state.setdefault("_plans", {})
    full = (key, text, inputs, pareto)
    if full not in memo:
        co2, budget, grid, participation, limit, perspective = inputs
        settings = {
            "targets.co2_reduction": co2 / 100.0,
            "targets.perspective": perspective,
            "targets.budget_eur": budget * 1e6 if budget else None,
            "targets.heat_network_min_participation": participation / 100.0,
            "targets.max_monthly_cost_increase_eur": limit or None,
        }
        scenario = wm.apply_settings(ui.scenario_of(text), settings, origin="app")
        if len(memo) > 6:
            memo.pop(next(iter(memo)))
        memo[full] = wm.optimise(
            scenario=scenario,
            outcomes=ui.outcomes(text),
            pareto=pareto,
            grid_capacity_kw_per_dwelling=grid,
        )
    return memo[full]


params = wm.parameter_table()
targets = ui.scenario().targets


with st.form("plan_inputs"):
    c1, c2, c3 = st.columns(3)
    co2 = c1.slider(
        ui.tr("in_co2_target"),
        0,
        95,
        int(round(100 * (targets.co2_reduction or 0.6))),
        5,
        key="p_co2",
    )
    budget = c2.number_input(
        ui.tr("in_budget"),
        min_value=0,
        max_value=500,
        step=1,
        key="p_budget",
        value=int(round((targets.budget_eur or 0.0) / 1e6)),
    )
    grid_id = "collective.grid.capacity_kw_per_dwelling"
    grid_default = float(params.loc[grid_id, "value"])
    grid = c3.select_slider(  # kW with a decimal comma
        ui.tr("in_grid"),
        sorted({round(0.5 + 0.1 * i, 1) for i in range(96)} | {grid_default}),
        value=grid_default,
        format_func=lambda v: wa.format_number(v, L, 2, "kW"),
        key="p_grid",
        help=f"{ui.tr('source')}: {wa.source_lines(['grid'], L)[0]}",
    )
    c1, c2, c3 = st.columns(3)
    part_id = "collective.heat_network.min_participation"
    participation = c1.slider(
        ui.tr("in_participation"),
        0,
        100,
        key="p_part",
        step=5,
        value=int(
            round(100 * (targets.heat_network_min_participation or params.loc[part_id, "value"]))
        ),
        help=f"{ui.tr('source')}: {wa.source_lines(['participation'], L)[0]}",
    )
    limit = c2.number_input(
        ui.tr("in_monthly_limit"),
        min_value=0,
        max_value=1000,
        step=5,
        key="p_limit",
        value=int(round(targets.max_monthly_cost_increase_eur or 0)),
    )
    with c3:
        perspective = ui.choose(
            st.radio,
            ui.tr("in_perspective"),
            ["national", "end_user"],
            "p_persp",
            fmt=lambda v: wa.t(f"perspective_{v}", L),
        )
    pareto = st.checkbox(ui.tr("in_pareto"), value=True, key="p_pareto")
    go = st.form_submit_button(ui.tr("run_plan"), type="primary")

inputs = (co2, budget, grid, participation, limit, perspective)
if go:
    try:
        with st.spinner(ui.tr("plan_running")):
            plan = make_plan(ui.stock_key(), ui.scenario_text(), inputs)
    except wm.WupInputError as err:
        ui.fail(err)
        st.stop()
    st.session_state["plan"] = {
        "plan": plan,
        "key": ui.stock_key(),
        "text": ui.scenario_text(),
        "inputs": inputs,
        "pareto": pareto,
    }

saved = st.session_state.get("plan")
if saved and saved["key"] != ui.stock_key():
    st.info(ui.tr("plan_other_village"))  # a plan is for the dwellings it was made for
    saved = None
if not saved:
    ui.sources("plan")
    st.stop()
plan: wm.Plan = saved["plan"]
if not plan.has_solution:
    st.error(ui.tr("plan_infeasible"))
    st.write(plan.message)
    ui.sources("plan")
    st.stop()

outcomes = ui.outcomes(saved["text"])
dwellings = float(outcomes.counts.sum())
extra = plan.extra_cost_eur_per_yr
c1, c2, c3 = st.columns(3)
c1.metric(
    f"{ui.tr('plan_cost_national')} ({ui.tr('per_year')})",
    wa.format_compact(extra.get("national", float("nan")), L, euro=True),
    help=ui.tr("payer_national_note"),
)
c2.metric(ui.tr("plan_co2"), wa.format_share(plan.co2_reduction, L))
rise = plan.max_monthly_increase_eur
c3.metric(
    f"{ui.tr('plan_max_rise')} ({ui.tr('per_month')})",
    wa.format_money(rise, L) if rise > 0.5 else ui.tr("nobody_pays_more"),
)  # a fall is no "largest rise"
st.markdown(f"**{ui.plain(wa.shadow_price_words(plan, L))}**")

left, right = ui.columns(2)
with left:
    ui.chart(wa.mix_chart(plan.dwellings_by_heating, L))
with right:
    st.subheader(ui.tr("plan_measures_title"))
    ui.show(wa.plan_measures(plan, L))

st.subheader(ui.tr("plan_payers_title"))
ui.show(wa.plan_payers(plan, dwellings, L))
st.caption(ui.tr("payers_note"))

st.subheader(ui.tr("collective"))
yes, no = ui.tr("yes"), ui.tr("no")
rows = [
    (ui.tr("heat_network_built"), wa.zone_label(z, L), yes if b else no)
    for z, b in plan.heat_network_built.items()
]
rows += [
    (ui.tr("grid_reinforced"), wa.zone_label(z, L), yes if b else no)
    for z, b in plan.grid_reinforced.items()
]
rows.append((ui.tr("solar_park"), "–", wa.format_number(plan.solar_park_kwp, L, 0, "kWp")))
heads = ("Besluit", "Gebied", "Uitkomst") if L == "nl" else ("Decision", "Area", "Outcome")
ui.show(pd.DataFrame(rows, columns=list(heads)))

st.subheader(ui.tr("who_pays_more"))
ui.table(wa.plan_who_pays(plan, outcomes))

if saved.get("pareto"):
    with st.spinner(ui.tr("plan_running")):
        front = make_plan(saved["key"], saved["text"], saved["inputs"], PARETO_POINTS).pareto_front
        points = pd.DataFrame(
            {
                "co2_reduction": [p.co2_reduction for p in front],
                "objective_eur": [p.objective_eur for p in front],
            }
        )
        ui.chart(
            wa.pareto_chart(
                points.dropna(),
                L,
                chosen=(plan.co2_reduction, plan.objective_eur),
                axis=ui.tr(f"axis_cost_{saved['inputs'][-1]}"),
            ),
            wide=True,
        )
ui.sources("plan")
