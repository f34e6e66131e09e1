"""Export: the adviser's workbook, the CSV files, the scenario YAML and the plan, as downloads
(built in memory; nothing is written to disk)."""

from __future__ import annotations

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
scenario = ui.scenario()
slug = "".join(ch if ch.isalnum() else "_" for ch in ui.village_name()).strip("_").lower() or "dorp"

# the provenance names the stock the files describe: an uploaded file (name, SHA-256, rows and
# dwellings), never the scenario's buurt when the stock is an upload
key = ui.stock_key()
if key.startswith("upload:"):
    source = wio.uploaded_stock_source(
        ui.stock(), st.session_state.get("upload_name", "upload"), key.removeprefix("upload:")
    )
    st.caption(
        f"{ui.tr('exp_stock_upload')} {ui.plain(source['file'])} · SHA-256 {source['sha256'][:12]}…"
        f" · {source['rows']} {ui.tr('rows')} · {source['dwellings']} {ui.tr('dwellings')}"
    )
else:
    source = None
    st.caption(
        f"{ui.tr('exp_stock_buurt')} {ui.plain(scenario.village.name)}"
        f" ({scenario.village.buurt_code}, PBL Startanalyse 2020)"
    )

c1, c2, c3 = st.columns(3)
c1.download_button(
    ui.tr("exp_xlsx"),
    lambda: wa.results_workbook_bytes(tables(), scenario, head_lang, stock_source=source),
    file_name=f"{slug}_results.xlsx",
    key="dl_xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
c2.download_button(
    ui.tr("exp_csv"),
    lambda: wa.csv_zip_bytes(tables(), scenario, stock_source=source),
    file_name=f"{slug}_csv.zip",
    mime="application/zip",
    key="dl_csv",
)
c3.download_button(
    ui.tr("exp_yaml"),
    ui.scenario_text().encode("utf-8"),
    file_name=f"{slug}_scenario.yaml",
    mime="application/x-yaml",
    key="dl_yaml",
)

saved = st.session_state.get("plan")
if saved and saved["plan"].has_solution:
    c1, c2, _ = st.columns(3)
    c1.download_button(
        ui.tr("exp_plan"),
        wa.plan_workbook_bytes(saved["plan"]),
        file_name=f"{slug}_plan.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_plan",
    )
    c2.download_button(
        ui.tr("exp_plan_json"),
        wa.plan_json_bytes(saved["plan"]),
        file_name=f"{slug}_plan.json",
        mime="application/json",
        key="dl_plan_json",
    )
else:
    st.info(ui.tr("exp_no_plan"))


# the Wijkuitvoeringsplan of the village on screen: this scenario, and the plan made on the Plan
# page when there is one for this village (built once per stock, scenario and plan)
st.subheader(ui.tr("exp_wup_title"))
st.write(ui.tr("exp_wup_intro"))
plan = saved["plan"] if saved and saved["plan"].has_solution else None


def wup_files() -> tuple[bytes, bytes]:
    def make() -> tuple[bytes, bytes]:
        given = {"outcomes": ui.outcomes()} | ({"plan": plan} if plan is not None else {})
        provenance = wio.run_provenance(scenario, stock_source=source)
        doc = wm.wup_document(ui.stock(), scenario, given=given, provenance=provenance)
        images, _note = wa.document_images(doc, "matplotlib")
        return wio.wup_docx_bytes(doc, images), wio.wup_html(doc, images).encode("utf-8")

    mark = None if plan is None else (plan.objective_eur, plan.co2_reduction, plan.perspective)
    return ui.cached("wup_document", (ui.scenario_text(), mark), make)


c1, c2, _ = st.columns(3)
c1.download_button(
    ui.tr("exp_wup_docx"),
    lambda: wup_files()[0],
    file_name=f"{slug}_wijkuitvoeringsplan.docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    key="dl_wup_docx",
)
c2.download_button(
    ui.tr("exp_wup_html"),
    lambda: wup_files()[1],
    file_name=f"{slug}_wijkuitvoeringsplan.html",
    mime="text/html",
    key="dl_wup_html",
)
