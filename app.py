"""wupmodel Streamlit front end (Dutch by default, English as a switch).

Run with:  .venv/bin/streamlit run app.py
A thin layer over the public API: no computation here.
"""

from __future__ import annotations

import streamlit as st

import wupmodel as wm
from wupmodel.params import packaged_table
from wupmodel.report.i18n import LANGUAGES, t
from wupmodel.report.plots import strategy_bars
from wupmodel.village import strategies_from_table, strategy_summary


@st.cache_data(show_spinner=False)
def village_summary():
    scenario = wm.load_scenario()
    stock = wm.synthesise_stock(scenario.village.buurt_code, seed=scenario.village.seed)
    outcomes = wm.evaluate(stock, scenario)
    summary = strategy_summary(
        outcomes,
        strategies_from_table(packaged_table("strategies")),
        scenario.params(),
        scenario.years.horizon_years,
        scenario.finance.social_discount_rate,
    )
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
