"""Mijn huis / My house: one dwelling, every strategy side by side, and what it means in the
house."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
from app_pages import common as ui

L = ui.lang()
ui.header()
st.title(ui.tr("huis_title"))
st.write(ui.tr("huis_intro"))


@st.cache_resource(show_spinner=False, max_entries=64)
def entered_outcomes(inputs: tuple, text: str) -> wm.Outcomes:
    """The entered house evaluated under the scenario: once for the money and the well-being."""
    dwelling_type, year, area, label, tenure, income_class, gas = inputs
    scenario = ui.scenario_of(text)
    house = wa.house_stock(
        dwelling_type,
        year,
        area,
        energy_label=label,
        tenure=tenure,
        income_class=income_class,
        gas_m3=gas or None,
        params=scenario.params(),
    )
    return wm.evaluate(house, scenario)


@st.cache_resource(show_spinner=False, max_entries=64)
def house_result(inputs: tuple, text: str) -> pd.DataFrame:
    scenario = ui.scenario_of(text)
    return wa.house_strategies(
        entered_outcomes(inputs, text), wm.default_strategies(), scenario.params()
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def income_classes(text: str) -> pd.DataFrame:  # cut at the scenario's Warmtefonds limit
    return wa.income_classes(ui.scenario_of(text).params())


def entered() -> tuple[pd.DataFrame | None, float | None, str]:
    c1, c2, c3 = st.columns(3)
    with c1:
        dwelling_type = ui.choose(
            st.selectbox,
            ui.tr("in_type"),
            wa.DWELLING_TYPES,
            "h_type",
            default="tussenwoning",
            fmt=lambda v: wa.value_label("dwelling_type", v, L),
        )
    year = c2.number_input(
        ui.tr("in_year"), min_value=1800, max_value=2026, value=1975, step=1, key="h_year"
    )
    area = c3.number_input(
        ui.tr("in_area"), min_value=15, max_value=1000, value=110, step=5, key="h_area"
    )
    c1, c2, c3 = st.columns(3)
    labels = ("", *wa.ENERGY_LABELS)
    with c1:
        label = ui.choose(
            st.selectbox,
            ui.tr("in_label"),
            labels,
            "h_label",
            default="D",
            fmt=lambda v: v or wa.t("label_unknown", L),
        )
    with c2:
        tenure = ui.choose(
            st.selectbox,
            ui.tr("in_tenure"),
            wa.TENURES,
            "h_tenure",
            fmt=lambda v: wa.value_label("tenure", v, L),
        )
    gas = c3.number_input(
        ui.tr("in_gas"), min_value=0, max_value=20000, value=0, step=50, key="h_gas"
    )
    classes = income_classes(ui.scenario_text())
    names = dict(zip(classes["income_class"], classes[f"label_{L}"], strict=True))
    income_class = ui.choose(
        st.selectbox,
        ui.tr("in_income"),
        list(names),
        "h_income",
        default="unknown",
        fmt=names.get,
        help=ui.tr("in_income_help"),
    )
    entered = (
        dwelling_type,
        int(year),
        float(area),
        label or None,
        tenure,
        income_class,
        float(gas),
    )
    st.session_state["h_entered"] = entered
    described = ", ".join(
        [
            wa.value_label("dwelling_type", dwelling_type, L),
            str(int(year)),
            wa.format_number(area, L, 0, "m²"),
            f"{ui.tr('in_label').lower()} {label or wa.t('label_unknown', L)}",
        ]
        + ([wa.format_number(gas, L, 0, "m³ gas")] if gas else [])
    )
    income = wa.income_of_class(income_class, ui.scenario().params())
    try:
        house = house_result(entered, ui.scenario_text())
    except wm.WupInputError as err:
        ui.fail(err)
        return None, None, described
    return house, income, described


@st.cache_resource(show_spinner=False, max_entries=64)
def entered_hours(inputs: tuple, text: str, strategy: str) -> tuple[pd.DataFrame, dict]:
    """The entered house's winter and summer day and a battery's worth under ``strategy``."""
    model = wm.model_inputs(ui.scenario_of(text))
    out = entered_outcomes(inputs, text)
    chosen = next(s for s in wm.default_strategies() if s.name == strategy)
    return wa.house_days(out, model, chosen), wa.battery_worth(out, model, chosen)


def picked_hours(dwelling_id: str, strategy: str) -> tuple[pd.DataFrame, dict]:
    """A village dwelling's winter and summer day and a battery's worth under ``strategy``."""
    text = ui.scenario_text()

    def compute() -> tuple[pd.DataFrame, dict]:
        model = wm.model_inputs(ui.scenario_of(text))
        out = ui.outcomes(text)
        chosen = next(s for s in wm.default_strategies() if s.name == strategy)
        return (
            wa.house_days(out, model, chosen, dwelling_id),
            wa.battery_worth(out, model, chosen, dwelling_id),
        )

    return ui.cached("house_hours", (text, dwelling_id, strategy), compute)


def picked() -> tuple[pd.DataFrame | None, float | None, str]:
    out = ui.outcomes()
    groups = out.groups
    rows = groups.iloc[out.dwelling_group]
    ids = [str(i) for i in out.dwelling_ids]
    names = {
        i: f"{i} · {wa.value_label('dwelling_type', t, L)} · {y} · {wa.format_number(a, L)} m²"
        for i, t, y, a in zip(
            ids,
            rows["dwelling_type"],
            rows["construction_year"],
            rows["floor_area_m2"],
            strict=True,
        )
    }
    chosen = ui.choose(st.selectbox, ui.tr("in_dwelling"), ids, "h_pick", fmt=names.get)
    st.session_state["h_picked"] = chosen
    house = wa.house_strategies(
        out, wm.default_strategies(), ui.scenario().params(), dwelling_id=chosen
    )
    row = rows.iloc[ids.index(chosen)] if chosen in ids else rows.iloc[0]
    income = row.get("household_income_eur")
    income = None if income is None or pd.isna(income) else float(income)
    return house, income, names.get(chosen, str(chosen))


mode = ui.choose(
    st.radio,
    ui.tr("huis_mode"),
    ["enter", "pick"],
    "h_mode",
    horizontal=True,
    fmt=lambda k: wa.t("huis_enter" if k == "enter" else "huis_pick", L),
)
house, income, described = entered() if mode == "enter" else picked()
if house is None:
    st.stop()
scenario = ui.scenario()
params = scenario.params()

st.header(ui.tr("answer_title"))
answer = wa.house_answer(house, L)
st.markdown(f"**{ui.plain(answer)}**")
costs = wa.house_costs_table(house, L)
st.subheader(ui.tr("costs_title"))
ui.show(costs)


def when_sentence() -> str:
    """In which year the picked home switches in the village's time path, and why."""
    if mode != "pick":
        return ui.tr("huis_when_pick")
    plan = ui.village_phasing()
    if not plan.has_plan:
        return ui.tr("tp_infeasible")
    year, _option, reason = plan.switch_year(st.session_state["h_pick"])
    if reason == "stays" or year != year:
        return ui.tr("huis_when_stays")
    row = plan.dwellings.set_index("dwelling_id").loc[str(st.session_state["h_pick"])]
    option = (
        f"{wa.value_label('heating', row['heating'], L)} "
        f"({wa.value_label('insulation', row['insulation'], L).lower()})"
    )
    return ui.tr("huis_when").format(year=int(year), option=option, why=ui.tr(f"reason_{reason}"))


with st.spinner(ui.tr("tp_running")):
    st.info(when_sentence())

st.header(ui.tr("house_compare"))
ui.chart(wa.house_monthly_chart(house, L), wide=True)
st.caption(ui.tr("house_monthly_note"))
ui.chart(wa.house_money_chart(house, L), wide=True)

st.subheader(ui.tr("boiler_title"))
boiler = wa.boiler_answer(house, params, L)
st.write(boiler)

st.subheader(ui.tr("loan_title"))
term = float(scenario.finance.loan_term_years)
loans = wa.loan_terms(house, income, params, term, L)
if loans.empty:
    st.write(ui.tr("loan_none"))
else:
    st.write(ui.tr("loan_intro").format(term=wa.format_number(term, L)))
    ui.show(loans)

st.header(ui.tr("in_house"))
ui.show(wa.house_features_table(house, L))
# space and comfort in words: a table of their own, so that every column fits the screen
on = [h if p else "gas_boiler" for h, p in zip(house["heating"], house["possible"], strict=True)]
ui.show(
    pd.DataFrame(
        {
            wa.t("strategy", L): costs[wa.t("strategy", L)],
            ui.tr("mh_space"): [wa.value_label("space", h, L) for h in on],
            ui.tr("mh_comfort"): [wa.value_label("comfort", h, L) for h in on],
        }
    )
)
# -- well-being beside the money (issue 25): a section of its own -------------------------------


@st.cache_resource(show_spinner=False, max_entries=64)
def entered_wellbeing(inputs: tuple, text: str) -> pd.DataFrame:
    """The entered house's comfort, noise, summer and works under every strategy."""
    scenario = ui.scenario_of(text)
    return wa.house_wellbeing(
        entered_outcomes(inputs, text), wm.default_strategies(), scenario.params()
    )


def wellbeing_section(names: pd.Series) -> None:
    """What each strategy means for comfort, the neighbours, summer and the works, in words."""
    state = st.session_state
    if mode == "enter":
        inputs = tuple(
            state.get(k)
            for k in ("h_type", "h_year", "h_area", "h_label", "h_tenure", "h_income", "h_gas")
        )
        dwelling_type, year, area, label, tenure, income_class, gas = inputs
        frame = entered_wellbeing(
            (
                dwelling_type,
                int(year),
                float(area),
                label or None,
                tenure,
                income_class,
                float(gas),
            ),
            ui.scenario_text(),
        )
    else:
        frame = wa.house_wellbeing(
            ui.outcomes(), wm.default_strategies(), ui.scenario().params(), state.get("h_pick")
        )
    st.header(ui.tr("mh_wellbeing"))
    st.caption(ui.tr("mh_wellbeing_note"))
    words = wa.wellbeing_words(frame, L)
    words.insert(0, wa.t("strategy", L), names.to_numpy())
    ui.show(words)


wellbeing_section(costs[wa.t("strategy", L)])


def hours_section(house: pd.DataFrame) -> None:
    """A winter day and a summer day of this house, and what a home battery is worth after
    saldering ends (issue 21)."""
    st.header(ui.tr("hours_title"))
    st.write(ui.tr("hours_intro"))
    possible = house[house["possible"]]
    labels = dict(zip(possible["strategy"], possible[f"label_{L}"], strict=True))
    strategy = ui.choose(
        st.selectbox, ui.tr("hours_strategy"), list(labels), "h_hours_strategy", fmt=labels.get
    )
    if mode == "enter":
        days, worth = entered_hours(st.session_state["h_entered"], ui.scenario_text(), strategy)
    else:
        days, worth = picked_hours(st.session_state["h_picked"], strategy)
    ui.chart(wa.house_days_chart(days, L))
    st.subheader(ui.tr("battery_title"))
    if days["pv_kw"].sum() <= 0:
        st.write(ui.tr("battery_no_roof"))
        return

    def euro(v: float) -> str:
        text = f"€ {round(v) + 0:,.0f}"  # no "-0"
        return text.replace(",", ".") if L == "nl" else text

    cols = st.columns(4)
    cols[0].metric(
        f"{ui.tr('battery_cost')} ({worth['battery_kwh']:g} kWh)", euro(worth["cost_eur"])
    )
    cols[1].metric(ui.tr("battery_before"), euro(worth["saving_before_eur"]))
    cols[2].metric(
        f"{ui.tr('battery_after')} {worth['after_year']}", euro(worth["saving_after_eur"])
    )
    years = worth["payback_years"]
    cols[3].metric(
        ui.tr("battery_payback"),
        f"{years:.0f} {ui.tr('battery_years')}" if years < 100 else ui.tr("battery_never"),
    )
    st.caption(ui.tr("battery_note").format(life=worth["lifetime_years"]))
    st.caption(ui.tr("battery_saving_note"))


hours_section(house)

glossary = [ui.tr(f"gloss_{w}") for w in wa.GLOSSARY]
with st.expander(ui.tr("glossary_title")):
    for text in glossary:
        st.markdown(text)

handout = {  # read now: the download is built on another thread, without the session
    "village": ui.village_name(),
    "scenario": scenario.name,
    "house": described,
    "answer": answer,
    "boiler": boiler,
    "costs": costs,
    "sources": wa.source_lines(wa.PAGE_SOURCES["mijn_huis"], L),
    "glossary": glossary[:3],
    "lang": L,
}
st.download_button(
    ui.tr("handout_house_button"),
    lambda: wa.house_handout_html(**handout),
    file_name=ui.village().file_name("uw_huis" if L == "nl" else "your_house", "html"),
    mime="text/html",
    key="dl_house_handout",
)
ui.sources("mijn_huis")
