"""Afwegen / Weigh: the village sets how much each criterion weighs (sliders, starting from a
stakeholder group's example weights) and sees the ranking of the strategies, every strategy on
every criterion (a radar), how often each comes first under random weights, and how the groups
see it. The indicators are computed once per scenario (cached); a slider move only reweighs."""

from __future__ import annotations

import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
from app_pages import common as ui

L = ui.lang()
ui.header()
st.title(ui.tr("afw_title"))
st.write(ui.tr("afw_intro"))

STEP, TOP = 0.5, 5.0
WEIGHTS = [STEP * i for i in range(int(TOP / STEP) + 1)]  # 0, 0,5 ... 5


@st.fragment
def weigh_and_show() -> None:
    presets = wa.weight_presets()
    left, right = st.columns([1, 2])
    with left:
        preset = ui.choose(
            st.selectbox,
            ui.tr("afw_preset"),
            list(wa.GROUPS),
            "afw_preset",
            fmt=lambda g: wa.group_label(g, L),
            help=ui.tr("afw_preset_help"),
        )
        method = ui.choose(
            st.radio,
            ui.tr("afw_method"),
            ["topsis", "weighted"],
            "afw_method",
            fmt=lambda m: wa.t(f"afw_{m}", L),
            horizontal=True,
        )
        with_risk = st.checkbox(ui.tr("afw_risk"), key="afw_risk", help=ui.tr("afw_risk_help"))
        try:
            with st.spinner(ui.tr("plan_running")):
                base = ui.weighed(method, with_risk)
        except wm.WupInputError as err:
            ui.fail(err)
            return
        st.markdown(f"**{ui.tr('afw_weights')}**")
        st.caption(ui.tr("afw_weights_help"))
        labels = wa.criteria_labels(base, L)
        start = presets.get(preset, {})
        weights = {
            c: st.select_slider(  # a weight as the reader writes it: 0,5 in Dutch, not 0.5
                labels[c],
                WEIGHTS,
                value=min(WEIGHTS, key=lambda w, c=c: abs(w - min(start.get(c, 1.0), TOP))),
                format_func=lambda w: wa.format_number(w, L, 1),
                key=f"w:{c}:{preset}",  # a new preset starts its sliders afresh
            )
            for c in base.weights.criteria
        }
    try:
        result = base.reweigh(weights)
    except wm.WupInputError as err:
        with right:
            ui.fail(err)
        return
    ui.remember_weighing(method, with_risk, weights)  # the export's criteria sheets hold it
    with right:
        ranking(result)
    everything(result)


def ranking(result: wm.CriteriaResult) -> None:
    """Beside the sliders: the ranking, and how often each strategy comes first."""
    st.subheader(ui.tr("afw_ranking"))
    best = wa.strategy_label(result.ranking().index[0], L)
    st.markdown(ui.tr("afw_best").format(x=f"**{ui.plain(best)}**"))
    ui.show(wa.ranking_frame(result, L))
    ui.chart(wa.robustness_bars(result, L))
    st.caption(ui.tr("afw_robust_note").format(n=wa.format_number(result.n_samples, L)))


def everything(result: wm.CriteriaResult) -> None:
    """Below, full width: every strategy on every criterion, the groups, every indicator."""
    ui.chart(wa.criteria_radar(result, L))
    st.subheader(ui.tr("afw_groups"))
    st.caption(ui.tr("afw_groups_note"))
    ui.show(wa.groups_frame(result, L))
    if "chance_paying_more" not in result.weights.criteria:
        st.caption(ui.tr("afw_no_risk"))
    with st.expander(ui.tr("afw_table")):
        ui.show(wa.indicator_frame(result, L))


weigh_and_show()
ui.sources("afwegen")
