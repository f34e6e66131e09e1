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
            rows=wa.format_number(len(survey), L),
            yes=wa.format_number(survey["yes"].sum(), L),
            maybe=wa.format_number(survey["maybe"].sum(), L),
            no=wa.format_number(survey["no"].sum(), L),
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

c1, c2 = st.columns(2)
zone = c1.selectbox(
    ui.tr("coop_zone"),
    zones,
    index=zones.index(base.zone) if base.zone in zones else 0,
    format_func=lambda z: wa.zone_label(z, L),
    key="coop_zone",
)
networks = {"mt": ui.tr("coop_network_mt"), "lt": ui.tr("coop_network_lt")}
network = ui.choose(
    c2.radio,
    ui.tr("coop_network"),
    list(networks),
    "coop_network",
    fmt=networks.get,
    help=ui.tr("coop_network_help"),
)
if network != "mt":  # the LT network's own tariff path is the controls' starting point
    try:
        base = ui.cached(
            "coop_base",
            (text, network),
            lambda: wm.business_case(ui.stock(), scenario, outcomes=outcomes, network=network),
        )
    except wm.WupInputError as err:
        ui.fail(err)
        st.stop()
acm_fixed = float(base.tariff_fixed_eur_per_yr[1])
acm_gj = round(float(base.tariff_eur_per_gj[1]), 2)
above_acm = st.checkbox(ui.tr("coop_above_acm"), value=False, key="coop_above_acm")
c1, c2 = st.columns(2)
fixed = c1.slider(
    ui.tr("coop_tariff_fixed"),
    0,
    int(round(acm_fixed * (2.0 if above_acm else 1.0))),
    int(round(acm_fixed)),
    10,
    key=f"coop_fixed.{network}",
)
per_gj = c2.select_slider(  # euro with a decimal comma
    ui.tr("coop_tariff_gj"),
    sorted({round(0.5 * i, 2) for i in range(401)} | {acm_gj}),
    value=acm_gj,
    format_func=lambda v: wa.format_money(v, L, 2),
    key=f"coop_gj.{network}",
)
c1, c2 = st.columns(2)
fee = c1.number_input(
    ui.tr("coop_fee"),
    min_value=0,
    max_value=50_000,
    step=250,
    value=int(round(base.connection_fee_eur)),
    key="coop_fee",
)
c1.caption(f"= {wa.format_money(fee, L)}")  # the widget cannot write 4.510
capital = c2.number_input(
    ui.tr("coop_capital"),
    min_value=0,
    max_value=100_000_000,
    step=50_000,
    value=int(round(base.metrics["member_capital_offered_eur"], -3)),
    key="coop_capital",
)
c2.caption(f"= {wa.format_money(capital, L)}")
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
gj_unchanged = abs(per_gj - acm_gj) < 1e-9
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
        network=network,
    )
except wm.WupInputError as err:
    if survey is not None and str(getattr(err, "code", "")).startswith("survey"):
        survey_problem(err)
    else:
        ui.fail(err)
    st.stop()

m = case.metrics
st.info(wa.coop_opening(case, L, at_acm=fixed_unchanged and gj_unchanged))
if capital_from_survey and survey["invest_eur"].sum() > 0:
    st.caption(
        ui.tr("coop_survey_capital").format(eur=wa.format_money(m["member_capital_offered_eur"], L))
    )
root = case.break_even_participation
cols = st.columns(4)
cols[0].metric(
    ui.tr("coop_connections"),
    f"{wa.format_number(case.connections, L)} / {wa.format_number(case.zone_dwellings, L)}",
)
cols[1].metric(ui.tr("coop_project_irr"), wa.format_share(m.get("project_irr", math.nan), L, 1))
cols[2].metric(ui.tr("coop_member_irr"), wa.format_share(case.member_irr, L, 1))
cols[3].metric(
    ui.tr("coop_break_even"),
    wa.format_share(root.value, L, 1) if root.found else ui.tr("coop_never"),
)
if m.get("funding_gap_eur", 0.0) > 0.5:
    st.metric(ui.tr("coop_funding_gap"), wa.format_money(m["funding_gap_eur"], L))
if math.isfinite(m.get("household_network_cost_eur_per_month", math.nan)):
    st.write(
        ui.tr("coop_household").format(
            net=wa.format_money(m["household_network_cost_eur_per_month"], L),
            alt=wa.format_money(m["household_alternative_cost_eur_per_month"], L),
        )
    )

ui.chart(wa.coop_cash_flow_chart(case.cash_flow_frame(), L), wide=True)
st.subheader(ui.tr("coop_bank_title"))
st.write(wa.dscr_words(case, L))
if not case.dscr_by_year.empty:
    ui.chart(wa.coop_dscr_chart(case.dscr_by_year, float(case.inputs.min_dscr), L), wide=True)
left, right = ui.columns(2)
with left:
    st.markdown(f"**{ui.tr('coop_ratios_title')}**")
    ui.show(wa.coop_ratios(case, L))
with right:
    st.markdown(f"**{ui.tr('coop_sources_uses')}**")
    ui.show(wa.sources_and_uses(case, L))
with st.expander(ui.tr("coop_schedule_title")):
    ui.show(wa.debt_schedule(case, L))
provenance = wio.run_provenance(scenario, stock_source=ui.stock_source())
st.download_button(
    ui.tr("coop_download"),
    lambda: wio.business_case_bytes(case, provenance),
    file_name=ui.village().file_name(f"coop_{wa.VillageChoice(str(zone)).slug}", "xlsx"),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="dl_coop",
)
ui.chart(wa.participation_chart(case.curve, float(fixed), L), wide=True)
ui.sources("cooperatie")
