"""wupmodel's village app: a thin router over the pages in ``app_pages/``.

Run with:  .venv/bin/streamlit run app.py   (or: make app)
Dutch by default, English on the sidebar switch. No computation here: every number comes from
the public API (``import wupmodel as wm``) through the pages.
"""

from __future__ import annotations

import streamlit as st

from app_pages.common import language_switch, style, tr

st.set_page_config(page_title="wupmodel", layout="wide", initial_sidebar_state="expanded")
language_switch()
style()

PAGES = (
    ("app_pages/dorp.py", "page_dorp", "dorp", True),
    ("app_pages/mijn_huis.py", "page_huis", "mijn-huis", False),
    ("app_pages/scenarios.py", "page_scenarios", "scenarios", False),
    ("app_pages/plan.py", "page_plan", "plan", False),
    ("app_pages/tijdpad.py", "page_tijdpad", "tijdpad", False),
    ("app_pages/afwegen.py", "page_afwegen", "afwegen", False),
    ("app_pages/onzekerheid.py", "page_onzekerheid", "onzekerheid", False),
    ("app_pages/cooperatie.py", "page_cooperatie", "cooperatie", False),
    ("app_pages/export.py", "page_export", "export", False),
)
page = st.navigation(
    [
        st.Page(path, title=tr(key), url_path=url, default=default)
        for path, key, url, default in PAGES
    ]
)
page.run()
