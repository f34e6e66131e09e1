"""Dorp / Village: which dwellings (a Drenthe buurt or an uploaded file), and the village today."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio
from app_pages.common import (
    chart,
    choose,
    fail,
    figures_first,
    header,
    lang,
    outcomes,
    plain,
    show,
    stock_key,
    tr,
    use_buurt,
    use_upload,
    village_name,
)

L = lang()
header()
st.title(tr("dorp_title"))
st.write(tr("dorp_intro"))


@st.cache_resource(show_spinner=False)
def buurten() -> pd.DataFrame:
    table = wio.packaged_table("buurten_drenthe_2020")
    table = table[table["dwellings"] > 0]
    return table[["buurt_code", "buurt_name", "gemeente_name", "dwellings"]].reset_index(drop=True)


def choose_buurt() -> None:
    table = buurten()
    query = st.text_input(tr("search_buurt"), key="buurt_query").strip().lower()
    if query:
        hit = (
            table["buurt_name"].str.lower().str.contains(query, regex=False)
            | table["buurt_code"].str.lower().str.contains(query, regex=False)
            | table["gemeente_name"].str.lower().str.contains(query, regex=False)
        )
        table = table[hit]
    if table.empty:
        st.warning(f"{tr('no_buurt_found')} '{query}'")
        return
    current = stock_key().split(":")[1] if stock_key().startswith("buurt:") else None
    codes = table["buurt_code"].tolist()
    names = {
        r.buurt_code: (
            f"{r.buurt_name} ({r.gemeente_name}) · {r.buurt_code} · {r.dwellings}"
            f" {wa.t('dwellings', L)}"
        )
        for r in table.itertuples()
    }
    index = codes.index(current) if current in codes else 0
    code = st.selectbox(
        tr("pick_buurt"), codes, index=index, format_func=names.get, key=f"buurt_pick.{L}"
    )
    if code != current and st.button(tr("use_buurt"), type="primary"):
        row = table[table["buurt_code"] == code].iloc[0]
        try:
            use_buurt(code, str(row["buurt_name"]))
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
    if not stock_key().endswith(hashlib.sha256(data).hexdigest()):
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
fmt = (lambda v: f"{v:,.0f}".replace(",", ".")) if L == "nl" else (lambda v: f"{v:,.0f}")
cols[0].metric(tr("n_dwellings"), fmt(totals["dwellings"]))
cols[1].metric(tr("kpi_gas"), f"{fmt(totals['gas_m3'])} m³")
cols[2].metric(tr("kpi_co2"), f"{fmt(totals['co2_t'])} {tr('tonnes')}")
cols[3].metric(tr("kpi_bill"), f"€ {fmt(totals['bill_eur_per_month_avg'])}")
if stock_key().startswith("buurt:"):
    st.caption(tr("synthesised_note"))

figures_first()
left, right = st.columns(2)
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
    )
)
