"""Tijdpad / Time path: the plan year by year — who switches when, each zone's heat network,
grid reinforcement and gas disconnection — under the installer capacity, a yearly budget and
CO2 milestones the village moves."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
from app_pages import common as ui

L = ui.lang()
ui.header()
st.title(ui.tr("tp_title"))
st.write(ui.tr("tp_intro"))


def _num(v: float, decimals: int = 0) -> str:
    return wa.format_number(v, L, decimals)


default_capacity, path_default = ui.phasing_defaults()
source = wm.parameter_table().loc["phasing.heat_pumps_per_1000_dwellings", "source"]

c1, c2 = st.columns(2)
capacity = c1.slider(
    ui.tr("tp_capacity"),
    0,
    max(60, 3 * default_capacity),
    default_capacity,
    1,
    key="tp_cap",
    help=f"{ui.tr('source')}: {source}",
)
budget = c2.slider(ui.tr("tp_budget"), 0, 2000, 0, 50, key="tp_budget")
columns = st.columns(len(path_default))
path = tuple(
    (year, col.slider(f"{ui.tr('tp_co2')} {year} (%)", 0, 100, value, 1, key=f"tp_co2_{year}"))
    for col, (year, value) in zip(columns, sorted(path_default.items()), strict=True)
)
yearly = st.checkbox(ui.tr("tp_step"), value=False, key="tp_yearly")

try:
    with st.spinner(ui.tr("tp_running")):
        plan = ui.phasing(capacity, budget, path, yearly)
except wm.WupInputError as err:
    ui.fail(err)
    st.stop()

if not plan.has_plan:
    st.error(ui.tr("tp_infeasible"))
    reached = ", ".join(f"{y}: {_num(100 * r)} %" for y, r in plan.best_path.items())
    why = "; ".join(ui.tr(f"limit_{k}") for k in plan.limiting) or ui.tr("limit_none")
    st.write(ui.tr("tp_best").format(path=reached, why=why))

c1, c2, c3 = st.columns(3)
c1.metric(ui.tr("tp_cost"), f"€ {_num(plan.objective_eur / 1e6, 1)} mln")
c2.metric(ui.tr("tp_extra"), f"€ {_num(-plan.saving_eur / 1e6, 1)} mln")
last = plan.yearly["co2_reduction"].iloc[-1] if not plan.yearly.empty else 0.0
c3.metric(ui.tr("tp_co2_2050"), f"{_num(100 * last)} %")

st.subheader(ui.tr("tp_gantt"))
ui.chart(wa.gantt_chart(plan.zones, plan.years, L))
st.subheader(ui.tr("tp_bars"))
ui.chart(wa.yearly_bars(plan.yearly, L))

st.subheader(ui.tr("tp_table"))
y = plan.yearly
shown = pd.DataFrame(
    {
        wa.t("axis_year", L): y["year"].astype(str),
        wa.t("axis_switches", L): [wa.format_number(v, L) for v in y["switches"]],
        ui.tr("tp_col_co2"): [wa.format_number(100 * v, L) for v in y["co2_reduction"]],
        ui.tr("tp_col_capex"): [wa.format_number(v / 1e3, L) for v in y["capex_eur"]],
        ui.tr("tp_binds"): [wa.limits_label(b, L) for b in y["binding"]],
    }
)
ui.show(shown[y["switches"] > 0.5].reset_index(drop=True))
ui.sources("tijdpad")
