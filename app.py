"""wupmodel Streamlit front end (Dutch by default, English as a switch).

Run with:  .venv/bin/streamlit run app.py
A thin layer over the public API: no computation here.
"""

from __future__ import annotations

import streamlit as st

import wupmodel as wm
from wupmodel import LANGUAGES, strategy_bars, t


@st.cache_data(show_spinner=False)
def village_summary():
    scenario = wm.load_scenario()
    outcomes = wm.evaluate(wm.stock_for(scenario), scenario)
    summary = wm.summarise(outcomes, scenario)["summary"]
    return scenario.village.name, int(outcomes.counts.sum()), summary


st.set_page_config(page_title="wupmodel", layout="wide")
lang = st.sidebar.radio(t("language"), LANGUAGES, format_func=str.upper, horizontal=True)
st.title(t("title", lang))
st.write(t("intro", lang))

name, n_dwellings, summary = village_summary()
st.subheader(f"{t('village', lang)}: {name} ({n_dwellings} {t('dwellings', lang)})")
left, right = st.columns(2)
left.plotly_chart(strategy_bars(summary, "co2_t", t("co2_chart", lang), lang), use_container_width=True)
right.plotly_chart(
    strategy_bars(summary, "investment_per_dwelling_eur", t("invest_chart", lang), lang),
    use_container_width=True,
)
left, right = st.columns(2)
left.plotly_chart(
    strategy_bars(summary, "monthly_cost_change_avg_eur", t("monthly_chart", lang), lang),
    use_container_width=True,
)
right.plotly_chart(
    strategy_bars(summary.fillna({"national_eur_per_t_co2": 0.0}), "national_eur_per_t_co2", t("national_chart", lang), lang),
    use_container_width=True,
)
with st.expander(t("table", lang)):
    st.dataframe(summary, hide_index=True)
st.caption(t("note", lang))
