"""Onzekerheid / Uncertainty: tornado, distributions and the chance a household pays more."""

from __future__ import annotations

import streamlit as st

from app_pages import common as ui

ui.header()
st.title(ui.tr("unc_title"))
st.write(ui.tr("unc_intro"))
