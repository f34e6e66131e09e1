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
def house_result(inputs: tuple, text: str) -> pd.DataFrame:
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
    return wa.house_strategies(
        wm.evaluate(house, scenario), wm.default_strategies(), scenario.params()
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def income_classes(text: str) -> pd.DataFrame:  # cut at the scenario's Warmtefonds limit
    return wa.income_classes(ui.scenario_of(text).params())


def entered() -> pd.DataFrame | None:
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
    try:
        return house_result(
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
    except wm.WupInputError as err:
        ui.fail(err)
        return None


def picked() -> pd.DataFrame | None:
    out = ui.outcomes()
    groups = out.groups
    rows = groups.iloc[out.dwelling_group]
    ids = [str(i) for i in out.dwelling_ids]
    names = {
        i: f"{i} · {wa.value_label('dwelling_type', t, L)} · {y} · {a:.0f} m²"
        for i, t, y, a in zip(
            ids,
            rows["dwelling_type"],
            rows["construction_year"],
            rows["floor_area_m2"],
            strict=True,
        )
    }
    chosen = ui.choose(st.selectbox, ui.tr("in_dwelling"), ids, "h_pick", fmt=names.get)
    return wa.house_strategies(
        out, wm.default_strategies(), ui.scenario().params(), dwelling_id=chosen
    )


mode = ui.choose(
    st.radio,
    ui.tr("huis_mode"),
    ["enter", "pick"],
    "h_mode",
    horizontal=True,
    fmt=lambda k: wa.t("huis_enter" if k == "enter" else "huis_pick", L),
)
house = entered() if mode == "enter" else picked()
if house is None:
    st.stop()


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
ui.chart(wa.house_monthly_chart(house, L))
st.caption(ui.tr("house_monthly_note"))
ui.chart(wa.house_money_chart(house, L))

st.header(ui.tr("in_house"))
yes, no = ui.tr("yes"), ui.tr("no")
words = [
    ui.tr(k)
    for k in (
        "mh_supply_temp",
        "mh_lt_emitters",
        "mh_capacity",
        "mh_outdoor_unit",
        "mh_borehole",
        "mh_delivery_set",
        "mh_keeps_gas",
        "mh_insulation",
        "mh_co2",
        "mh_monthly_change",
        "mh_space",
        "mh_comfort",
    )
]
strategy_col = wa.t("strategy", L)
meaning = pd.DataFrame(
    {
        strategy_col: [
            f"{n}" if p else f"{n} ({ui.tr('not_possible')})"
            for n, p in zip(
                house["label_nl" if L == "nl" else "label_en"], house["possible"], strict=True
            )
        ],
        words[7]: [wa.value_label("insulation", v, L) for v in house["insulation"]],
        words[0]: [f"{v:.0f} °C" for v in house["supply_temp_c"]],
        words[1]: [yes if v else no for v in house["lt_emitters"]],
        words[2]: [f"{v:.1f} kW" if v else "–" for v in house["capacity_kw"]],
        words[3]: [yes if v else no for v in house["outdoor_unit"]],
        words[4]: [yes if v else no for v in house["boreholes"]],
        words[5]: [yes if v else no for v in house["delivery_set"]],
        words[6]: [yes if v else no for v in house["keeps_gas"]],
        words[8]: [f"{v:,.0f}" for v in house["co2_kg"]],
        words[9]: [f"€ {v:+,.0f}" for v in house["monthly_change_eur"]],
    }
)
ui.show(meaning)
# space and comfort in words: a table of their own, so that every column fits the screen
on = [h if p else "gas_boiler" for h, p in zip(house["heating"], house["possible"], strict=True)]
ui.show(
    pd.DataFrame(
        {
            strategy_col: meaning[strategy_col],
            words[10]: [wa.value_label("space", h, L) for h in on],
            words[11]: [wa.value_label("comfort", h, L) for h in on],
        }
    )
)


# -- well-being beside the money (issue 25): a section of its own -------------------------------


@st.cache_resource(show_spinner=False, max_entries=64)
def entered_wellbeing(inputs: tuple, text: str) -> pd.DataFrame:
    """The entered house's comfort, noise, summer and works under every strategy."""
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
    return wa.house_wellbeing(
        wm.evaluate(house, scenario), wm.default_strategies(), scenario.params()
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


wellbeing_section(meaning[strategy_col])
