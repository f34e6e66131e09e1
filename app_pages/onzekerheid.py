"""Onzekerheid / Uncertainty: which assumption matters most (tornado), how wide the outcome is
(distributions, per household a month by default, in plain words: "in 9 van de 10 gevallen ...")
and the chance that a household pays more, over the example ranges of
``scenarios/uncertainty.yaml`` (or the active scenario's own ``uncertainty:`` section)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio
from app_pages import common as ui

L = ui.lang()
ui.header()
st.title(ui.tr("unc_title"))
st.write(ui.tr("unc_intro"))

EXAMPLE = Path(__file__).resolve().parents[1] / "scenarios" / "uncertainty.yaml"
PAYS_MORE_EUR = 1.0  # as the village summary: a rise of more than 1 EUR a month


@st.cache_resource(show_spinner=False)
def example_ranges():
    return wm.load_scenario(EXAMPLE).uncertainty if EXAMPLE.exists() else None


def uncertain_scenario() -> wm.Scenario:
    scenario = ui.scenario()
    if scenario.uncertainty.parameters:
        return scenario
    st.caption(ui.tr("unc_example"))
    return scenario.model_copy(update={"uncertainty": example_ranges()})


scenario = uncertain_scenario()
if not scenario.uncertainty or not scenario.uncertainty.parameters:
    st.info(ui.tr("unc_example"))
    st.stop()
text = wio.dump_scenario(scenario)
samples = ui.choose(
    st.radio,
    ui.tr("unc_samples"),
    [200, 500, 1000],
    "unc_samples",
    fmt=lambda n: wa.format_number(n, L),
    horizontal=True,
)
summary = ui.summary()
strategies = [s for s in summary["strategy"] if s != "reference"]
labels = dict(
    zip(summary["strategy"], summary["label_nl" if L == "nl" else "label_en"], strict=True)
)

try:
    with st.spinner(ui.tr("plan_running")):
        oat = ui.cached("sweep_oat", (text,), lambda: wm.sweep(ui.stock(), scenario, method="oat"))
        mc = ui.cached(
            "sweep_lhs",
            (text, samples),
            lambda: wm.sweep(
                ui.stock(), scenario, samples=samples, method="lhs", per_household=True
            ),
        )
except wm.WupInputError as err:
    ui.fail(err)
    st.stop()

c1, c2 = ui.columns(2)
with c1:
    strategy = ui.choose(
        st.selectbox, ui.tr("unc_strategy"), strategies, "unc_strategy", fmt=labels.get
    )
with c2:
    figure = ui.choose(
        st.radio,
        ui.tr("unc_figure"),
        wa.UNCERTAIN_FIGURES,
        "unc_figure",
        fmt=lambda f: ui.tr(f"unc_fig_{f}"),
    )
monthly = figure == "monthly_cost_change_avg_eur"
dist = wm.distributions(mc, figure=figure)
words = wa.range_words(dist, strategy, wa.strategy_words(strategy, labels[strategy], L), figure, L)
st.markdown(f"**{ui.plain(words)}**")
table = wm.tornado(oat, figure=figure, strategy=strategy)
axis = ui.tr("axis_monthly_change") if monthly else ui.tr("axis_national_change")
ui.chart(wa.tornado_chart(table, L, axis=axis), wide=True)
note = wa.unmoved_inputs(table, figure, L)
if note:
    st.caption(note)
ui.chart(
    wa.distribution_chart(
        dist,
        summary,
        L,
        title=ui.tr("fig_distribution_monthly") if monthly else ui.tr("fig_distribution"),
        axis=ui.tr("axis_monthly_change") if monthly else ui.tr("axis_national"),
    ),
    wide=True,
)
ui.chart(wa.risk_chart(wm.household_risk(mc, PAYS_MORE_EUR), summary, L), wide=True)
ui.sources("onzekerheid")
