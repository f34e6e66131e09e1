"""Coöperatie / Cooperative: the business case arrives here once its API lands (issue pending)."""

from __future__ import annotations

import streamlit as st

from app_pages import common as ui

ui.header()
st.title(ui.tr("coop_title"))
st.info(ui.tr("coop_coming"))
