"""Coöperatie / Cooperative: the business case of a village-owned heat network for one zone.

The village sets the tariff, the connection fee, the member capital and the participation it
expects (or lets each household pick what is cheapest for it) and sees the cash flow, the debt
cover per year, the members' return and the participation at which it breaks even. Every number
is :func:`wupmodel.business_case`'s.
"""

from __future__ import annotations

import math

import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio
from app_pages import common as ui

L = ui.lang()
ui.header()
st.title(ui.tr("coop_title"))
st.write(ui.tr("coop_intro"))


def _num(v: float, decimals: int = 0) -> str:
    return wa.format_number(v, L, decimals)


def _pct(v: float) -> str:
    return "-" if v is None or not math.isfinite(v) else f"{_num(100 * v, 1)} %"


def survey_problem(err: wm.WupInputError) -> None:
    """A survey that cannot be used: the problem in the resident's language, the model's own
    message for the adviser."""
    st.error(f"{ui.tr('coop_survey_bad')} {ui.plain(wa.upload_message(err, L))}")
    if getattr(err, "code", ""):
        with st.expander(ui.tr("upload_details")):
            st.text(str(err))


def survey_upload(zone: str):
    """The survey of the zone's households: an empty one to download, a filled one to upload
    (held in the session only, never written to disk); None until a usable one is uploaded."""
    template = ui.cached(
        "survey_template",
        (zone,),
        lambda: wa.table_xlsx_bytes(wa.survey_template(ui.stock(), zone), "enquete"),
    )
    st.write(ui.tr("coop_survey_how"))
    st.download_button(
        ui.tr("coop_survey_template"),
        template,
        file_name=f"enquete_{zone}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="coop_template",
    )
    up = st.file_uploader(ui.tr("coop_survey_file"), type=["csv", "xlsx"], key="coop_survey_upload")
    if up is None:
        return None
    try:
        survey = wio.load_survey_bytes(up.getvalue(), up.name)
    except wm.WupInputError as err:
        survey_problem(err)
        return None
    except Exception:  # a damaged file must never show a traceback
        st.error(ui.tr("coop_survey_bad"))
        return None
    st.success(
        ui.tr("coop_survey_read").format(
            rows=_num(len(survey)),
            yes=_num(survey["yes"].sum()),
            maybe=_num(survey["maybe"].sum()),
            no=_num(survey["no"].sum()),
        )
    )
    return survey


text = ui.scenario_text()
scenario = ui.scenario()
outcomes = ui.outcomes()
zones = sorted({z for z in ui.stock().get("heat_network_zone", []) if isinstance(z, str) and z})
if not zones:
    st.info(ui.tr("coop_no_zone"))
    st.stop()

try:
    # the ACM maximum and the households' own choice: the starting point of every control
    base = ui.cached(
        "coop_base", (text,), lambda: wm.business_case(ui.stock(), scenario, outcomes=outcomes)
    )
except wm.WupInputError as err:
    ui.fail(err)
    st.stop()

acm_fixed = float(base.tariff_fixed_eur_per_yr[1])
c1, c2 = st.columns(2)
zone = c1.selectbox(
    ui.tr("coop_zone"),
    zones,
    index=zones.index(base.zone) if base.zone in zones else 0,
    key="coop_zone",
)
above_acm = c2.checkbox(ui.tr("coop_above_acm"), value=False, key="coop_above_acm")
c1, c2, c3, c4 = st.columns(4)
fixed = c1.slider(
    ui.tr("coop_tariff_fixed"),
    0,
    int(round(acm_fixed * (2.0 if above_acm else 1.0))),
    int(round(acm_fixed)),
    10,
    key="coop_fixed",
)
per_gj = c2.number_input(
    ui.tr("coop_tariff_gj"),
    min_value=0.0,
    max_value=200.0,
    step=1.0,
    value=round(float(base.tariff_eur_per_gj[1]), 2),
    key="coop_gj",
)
fee = c3.number_input(
    ui.tr("coop_fee"),
    min_value=0.0,
    max_value=50_000.0,
    step=250.0,
    value=float(round(base.connection_fee_eur)),
    key="coop_fee",
)
capital = c4.number_input(
    ui.tr("coop_capital"),
    min_value=0.0,
    max_value=1e8,
    step=50_000.0,
    value=float(round(base.metrics["member_capital_offered_eur"], -3)),
    key="coop_capital",
)
modes = {
    "own": ui.tr("coop_own_choice"),
    "survey": ui.tr("coop_from_survey"),
    "set": ui.tr("coop_set_share"),
}
mode = ui.choose(
    st.radio, ui.tr("coop_who_joins"), list(modes), "coop_mode", fmt=modes.get, horizontal=True
)
share = None
survey = None
if mode == "set":
    share = st.slider(ui.tr("coop_share"), 10, 100, 85, 5, key="coop_share") / 100.0
elif mode == "survey":
    survey = survey_upload(zone)

# Left at the ACM maximum, the tariff follows the ACM's yearly path (the price per GJ moves with
# the gas price); a value the village sets holds for every year.
gj_unchanged = abs(per_gj - round(float(base.tariff_eur_per_gj[1]), 2)) < 1e-9
fixed_unchanged = abs(fixed - round(acm_fixed)) < 1e-9
# Left as it was, the member capital is what the survey's households say they would put in.
capital_from_survey = (
    survey is not None
    and abs(capital - round(base.metrics["member_capital_offered_eur"], -3)) < 0.5
)
try:
    case = wm.business_case(
        ui.stock(),
        scenario,
        outcomes=outcomes,
        zone=zone,
        tariff_fixed_eur_per_yr=None if fixed_unchanged else float(fixed),
        tariff_eur_per_gj=None if gj_unchanged else float(per_gj),
        connection_fee_eur=float(fee),
        member_capital_eur=None if capital_from_survey else float(capital),
        participation=share,
        acm_cap=not above_acm,
        survey=survey,
    )
except wm.WupInputError as err:
    if survey is not None and str(getattr(err, "code", "")).startswith("survey"):
        survey_problem(err)
    else:
        ui.fail(err)
    st.stop()

m = case.metrics
if capital_from_survey and survey["invest_eur"].sum() > 0:
    st.caption(
        ui.tr("coop_survey_capital").format(eur=f"€ {_num(m['member_capital_offered_eur'])}")
    )
root = case.break_even_participation
cols = st.columns(5)
cols[0].metric(ui.tr("coop_connections"), f"{_num(case.connections)} / {_num(case.zone_dwellings)}")
cols[1].metric(ui.tr("coop_project_irr"), _pct(m.get("project_irr", math.nan)))
cols[2].metric(ui.tr("coop_member_irr"), _pct(case.member_irr))
dscr = m.get("min_dscr", math.nan)
cols[3].metric(ui.tr("coop_min_dscr"), "-" if not math.isfinite(dscr) else _num(dscr, 2))
cols[4].metric(ui.tr("coop_break_even"), _pct(root.value) if root.found else ui.tr("coop_never"))
if m.get("funding_gap_eur", 0.0) > 0.5:
    st.metric(ui.tr("coop_funding_gap"), _num(m["funding_gap_eur"]))
if math.isfinite(m.get("household_network_cost_eur_per_month", math.nan)):
    st.write(
        ui.tr("coop_household").format(
            net=f"€ {_num(m['household_network_cost_eur_per_month'])}",
            alt=f"€ {_num(m['household_alternative_cost_eur_per_month'])}",
        )
    )

ui.chart(wa.coop_cash_flow_chart(case.cash_flow_frame(), L))
if not case.dscr_by_year.empty:
    ui.chart(wa.coop_dscr_chart(case.dscr_by_year, float(case.inputs.min_dscr), L))
ui.chart(wa.participation_chart(case.curve, float(fixed), L))
