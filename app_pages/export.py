"""Export: the adviser's workbook, the CSV files, the scenario YAML, the plan and the village's
Wijkuitvoeringsplan (Word, HTML), as downloads (built in memory; nothing is written to disk)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio
from app_pages import common as ui

L = ui.lang()
ui.header()
st.title(ui.tr("exp_title"))
st.write(ui.tr("exp_intro"))

head_lang = ui.choose(
    st.radio,
    ui.tr("exp_lang"),
    wa.LANGUAGES,
    "exp_lang",
    default=L,
    horizontal=True,
    fmt={"nl": "Nederlands", "en": "English"}.get,
)
tables = ui.tables_later()  # built when a button is clicked, not on every visit
weighing = ui.weighing_later()  # the village's weights from Afwegen, in the files too
scenario = ui.scenario()
village = ui.village()

# the provenance names the stock the files describe, from the one state the pages show: an
# uploaded file (name, SHA-256, rows and dwellings), several buurten, or the scenario's buurt
source = ui.stock_source()
if village.is_upload:
    st.caption(
        f"{ui.tr('exp_stock_upload')} {ui.plain(source['file'])} · SHA-256 {source['sha256'][:12]}…"
        f" · {source['rows']} {ui.tr('rows')} · {source['dwellings']} {ui.tr('dwellings')}"
    )
else:
    st.caption(
        f"{ui.tr('exp_stock_buurt')} {ui.plain(village.name)}"
        f" ({', '.join(village.codes)}, PBL Startanalyse 2020)"
    )

c1, c2, c3 = st.columns(3)
c1.download_button(
    ui.tr("exp_xlsx"),
    lambda: wa.results_workbook_bytes(
        tables(), scenario, head_lang, stock_source=source, criteria=weighing()
    ),
    file_name=village.file_name("results", "xlsx"),
    key="dl_xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
c2.download_button(
    ui.tr("exp_csv"),
    lambda: wa.csv_zip_bytes(tables(), scenario, stock_source=source, criteria=weighing()),
    file_name=village.file_name("csv", "zip"),
    mime="application/zip",
    key="dl_csv",
)
c3.download_button(
    ui.tr("exp_yaml"),
    ui.scenario_text().encode("utf-8"),
    file_name=village.file_name("scenario", "yaml"),
    mime="application/x-yaml",
    key="dl_yaml",
)

saved = st.session_state.get("plan")
if saved and saved["plan"].has_solution and saved["key"] == ui.stock_key():
    c1, c2, _ = st.columns(3)
    c1.download_button(
        ui.tr("exp_plan"),
        wa.plan_workbook_bytes(saved["plan"]),
        file_name=village.file_name("plan", "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_plan",
    )
    c2.download_button(
        ui.tr("exp_plan_json"),
        wa.plan_json_bytes(saved["plan"]),
        file_name=village.file_name("plan", "json"),
        mime="application/json",
        key="dl_plan_json",
    )
else:
    st.info(ui.tr("exp_no_plan"))


# the Wijkuitvoeringsplan of the village on screen: this scenario, the weights set on Afwegen and
# the plan made on the Plan page for this village (never another village's plan); built once per
# village, scenario, weighing and plan
st.subheader(ui.tr("exp_wup_title"))
st.write(ui.tr("exp_wup_intro"))
plan = (
    saved["plan"]
    if saved and saved["plan"].has_solution and saved["key"] == ui.stock_key()
    else None
)


@st.cache_resource(show_spinner=False, max_entries=4)
def wup_files(  # noqa: PLR0913 - the cache's keys, then what it is built from
    key: str, text: str, mark: tuple | None, weights: tuple, _frame, _plan, _source, _weighing
) -> tuple[bytes, bytes]:
    """The document's Word and HTML bytes for one village (``key``), scenario text, plan and
    the weighing the village set on Afwegen (``weights``); everything it needs is passed in,
    for a deferred download runs without the session."""
    scenario_ = ui.scenario_of(text)
    given = {"criteria": _weighing()} | ({"plan": _plan} if _plan is not None else {})
    provenance = wio.run_provenance(scenario_, stock_source=_source)
    doc = wm.wup_document(_frame, scenario_, given=given, provenance=provenance)
    images, _note = wa.document_images(doc, "matplotlib")
    return wio.wup_docx_bytes(doc, images), wio.wup_html(doc, images).encode("utf-8")


def wup_later() -> Callable[[], tuple[bytes, bytes]]:
    """:func:`wup_files` of the village on screen, with its values taken now."""
    method, risk, weights = st.session_state.get("afw_choice", ("topsis", False, None))
    args = (
        ui.stock_key(),
        ui.scenario_text(),
        None if plan is None else (plan.objective_eur, plan.co2_reduction, plan.perspective),
        (method, risk, tuple(sorted((weights or {}).items()))),
        ui.stock(),
        plan,
        source,
        weighing,
    )
    return lambda: wup_files(*args)


later = wup_later()


c1, c2, _ = st.columns(3)
c1.download_button(
    ui.tr("exp_wup_docx"),
    lambda: later()[0],
    file_name=village.file_name("wijkuitvoeringsplan", "docx"),
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    key="dl_wup_docx",
)
c2.download_button(
    ui.tr("exp_wup_html"),
    lambda: later()[1],
    file_name=village.file_name("wijkuitvoeringsplan", "html"),
    mime="text/html",
    key="dl_wup_html",
)
ui.sources("export")
