"""Dorp / Village: which dwellings (a Drenthe buurt or an uploaded file), and the village today."""

from __future__ import annotations

import hashlib

import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio
from app_pages import common as ui
from app_pages.common import (
    cached,
    chart,
    choose,
    fail,
    figures_first,
    header,
    lang,
    outcomes,
    plain,
    scenario_of,
    scenario_text,
    show,
    stock_key,
    tr,
    use_buurt,
    use_buurten,
    use_upload,
    village,
    village_name,
)

L = lang()
header()
st.title(tr("dorp_title"))
st.write(tr("dorp_intro"))


def _buurt_names(table) -> dict[str, str]:
    return {
        r.buurt_code: (
            f"{r.buurt_name} ({r.gemeente_name}) · {r.buurt_code} ·"
            f" {wa.format_number(r.dwellings, L)} {wa.t('dwellings', L)}"
        )
        for r in table.itertuples()
    }


def choose_buurt() -> None:
    """Search a village or buurt as people spell it; a village of several buurten is offered
    whole (its buurten synthesised together) beside its buurten."""
    query = st.text_input(tr("search_buurt"), key="buurt_query")
    found, villages = wa.find_villages(query)
    if found.empty and villages.empty:
        st.warning(f"{tr('no_buurt_found')} '{plain(query)}'")
        return
    names = _buurt_names(found)
    whole = {}
    for r in villages.itertuples():
        whole[r.wijk_code] = r
        names[r.wijk_code] = tr("whole_village").format(
            name=r.name,
            n=len(r.buurt_codes),
            dwellings=wa.format_number(r.dwellings, L),
            gemeente=r.gemeente_name,
        )
    # a buurt of that very name first, then the whole village, then the rest
    exact = found["exact"].to_numpy(dtype=bool)
    options = (
        found["buurt_code"][exact].tolist() + list(whole) + found["buurt_code"][~exact].tolist()
    )
    current = ui_current()
    index = options.index(current) if current in options else 0
    code = st.selectbox(
        tr("pick_buurt"), options, index=index, format_func=names.get, key=f"buurt_pick.{L}"
    )
    if code == current or not st.button(tr("use_buurt"), type="primary", key="use_buurt"):
        return
    try:
        if code in whole:
            use_buurten(list(whole[code].buurt_codes), str(whole[code].name))
        else:
            row = found[found["buurt_code"] == code].iloc[0]
            use_buurt(code, str(row["buurt_name"]))
    except wm.WupInputError as err:
        fail(err)
        return
    st.rerun()


def ui_current() -> str | None:
    """The option of the village shown: its buurt code, its wijk for a whole village."""
    choice = village()
    if choice.is_upload:
        return None
    if len(choice.codes) == 1:
        return choice.codes[0]
    wijken = {c[:8] for c in choice.codes}
    return wijken.pop() if len(wijken) == 1 else None


def combine_buurten() -> None:
    """Several buurten taken together as one village, under a name the user gives."""
    with st.expander(tr("combine_title")):
        st.write(tr("combine_intro"))
        table, _ = wa.find_villages("")
        picked = st.multiselect(
            tr("combine_pick"),
            table["buurt_code"].tolist(),
            format_func=_buurt_names(table).get,
            key=f"combine_pick.{L}",
        )
        name = st.text_input(tr("combine_name"), key="combine_name")
        ready = len(picked) >= 2 and name.strip()
        if st.button(tr("combine_use"), disabled=not ready, key="combine_use"):
            try:
                use_buurten(picked, name.strip())
            except wm.WupInputError as err:
                fail(err)
                return
            st.rerun()


def upload_stock() -> None:
    up = st.file_uploader(
        tr("upload_file"), type=["csv", "xlsx"], accept_multiple_files=False, key="stock_upload"
    )
    if up is None:
        return
    data = up.getvalue()
    try:
        frame = wio.read_stock_bytes(data, up.name)
    except wm.WupInputError as err:
        st.error(tr("upload_problems"))
        st.subheader(tr("upload_report"))
        if err.problems:
            # the problems in words, the rows as the file shows them (never the English messages)
            report = wa.problem_report(err.problems, L)
            st.write(f"{len(report)} {tr('rep_count')}")
            show(report)
        else:
            st.text(wa.upload_message(err, L))
            if getattr(err, "code", ""):
                with st.expander(tr("upload_details")):
                    st.text(str(err))
        return
    except Exception:  # a damaged file must never show a traceback
        st.error(tr("upload_problems"))
        return
    if stock_key() != f"upload:{hashlib.sha256(data).hexdigest()}":
        use_upload(frame, data, up.name)
    st.success(
        f"{tr('upload_ok')}: {plain(up.name)} · {int(frame['count'].sum())} {wa.t('dwellings', L)}"
    )
    dropped = frame.attrs.get("ignored_columns") or []
    if dropped:
        st.text(f"{tr('dropped_columns')}: {', '.join(map(str, dropped))}")


source = choose(
    st.radio,
    tr("choose_source"),
    ["buurt", "upload"],
    "dorp_source",
    horizontal=True,
    fmt=lambda k: wa.t("source_buurt" if k == "buurt" else "source_upload", L),
)
if source == "buurt":
    choose_buurt()
    combine_buurten()
else:
    upload_stock()

try:
    view = wa.stock_overview(outcomes())
except wm.WupInputError as err:
    fail(err)
    st.stop()

totals = view["totals"]
st.header(f"{tr('village')}: {village_name()}")
cols = st.columns(4)
cols[0].metric(tr("n_dwellings"), wa.format_number(totals["dwellings"], L))
cols[1].metric(
    tr("kpi_gas"),
    wa.format_compact(totals["gas_m3"], L, "m³"),
    help=tr("kpi_gas_help").format(value=wa.format_number(totals["gas_m3"], L, 0, "m³")),
)
cols[2].metric(tr("kpi_co2"), wa.format_number(totals["co2_t"], L, 0, tr("tonnes")))
cols[3].metric(
    tr("kpi_bill_short"),
    wa.format_money(totals["bill_eur_per_month_avg"], L),
    help=tr("kpi_bill_help"),
)
if stock_key().startswith("buurt:"):
    st.caption(tr("synthesised_note"))

figures_first()
left, right = ui.columns(2)
with left:
    chart(wa.category_bars(view["types"], "dwelling_type", tr("fig_types"), L))
    chart(wa.category_bars(view["labels"], "energy_label", tr("fig_labels"), L))
    per = view["per_dwelling"]
    chart(wa.histogram_bars(per["gas_m3"], per["count"], tr("fig_gas"), tr("axis_m3"), L))
with right:
    chart(wa.category_bars(view["periods"], "period", tr("fig_periods"), L))
    chart(wa.category_bars(view["tenure"], "tenure", tr("fig_tenure"), L))
    chart(
        wa.histogram_bars(
            per["bill_eur_per_month"], per["count"], tr("fig_monthly"), tr("axis_eur_month"), L
        )
    )
chart(
    wa.category_bars(
        view["co2_by_type"],
        "dwelling_type",
        tr("fig_co2_type"),
        L,
        column="co2_t",
        axis=tr("axis_tonnes"),
    ),
    wide=True,
)


def coldest_day_section() -> None:
    """The village's load on the coldest day against its grid (issue 21): of the design year
    the grid is sized on, or of the cold-year check's severe winter."""
    text = scenario_text()
    model = wm.model_inputs(scenario_of(text))
    st.header(tr("coldest_title"))
    design = int(model.params["hourly.design_weather_year"])
    cold = int(model.params["hourly.cold_check_weather_year"])
    year = design
    if cold != design:
        year = choose(
            st.radio,
            tr("coldest_winter"),
            [design, cold],
            "coldest_year",
            horizontal=True,
            fmt=lambda y: wa.t("coldest_design" if y == design else "coldest_cold", L).format(
                year=y
            ),
        )
    frame = cached(
        "coldest_day",
        (text, year),
        lambda: wa.village_coldest_day(outcomes(text), model, weather_year=year),
    )
    tmin = float(frame["t_air_c"].min())
    if year == design:
        st.write(tr("coldest_intro").format(year=year, tmin=tmin))
    else:
        st.write(tr("coldest_intro_cold").format(year=year, tmin=tmin, design=design))
    chart(wa.coldest_day_chart(frame, L))


coldest_day_section()

handout = {  # read now: the download is built on another thread, without the session
    "village": village_name(),
    "scenario": ui.scenario().name,
    "totals": totals,
    "summary": ui.summary(),
    "sources": wa.source_lines(wa.PAGE_SOURCES["dorp"], L),
    "lang": L,
}
st.download_button(
    tr("handout_village_button"),
    lambda: wa.village_handout_html(**handout),
    file_name=village().file_name("samenvatting" if L == "nl" else "summary", "html"),
    mime="text/html",
    key="dl_village_handout",
)
ui.sources("dorp")
