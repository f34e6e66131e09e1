"""The pages' style sheet for a projector: key figures and tables that fit a 1 024-1 280 px
wide screen, columns of figures that go one below the other where a figure would get less than
320 px, and the presentation mode (larger type, no sidebar, one figure per screen).

Streamlit draws the pages; these rules only resize and wrap what it draws (by its
``data-testid`` names), so a figure or table never runs off the screen.
"""

from __future__ import annotations

import json

from wupmodel.app.i18n import t

__all__ = ["page_css", "PRESENTATION_FIGURE_PX"]

#: a figure's height in the presentation mode: one per screen of a 768-800 px high projector
PRESENTATION_FIGURE_PX = 600

_FIT = """
[data-testid="stMetricValue"] { font-size: clamp(1.2rem, 1.95vw, 2.1rem); }
[data-testid="stMetricValue"] > div { overflow: visible; text-overflow: clip; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stTable"] { overflow-x: hidden; }
[data-testid="stTable"] table { width: 100%; table-layout: auto; }
[data-testid="stTable"] th, [data-testid="stTable"] td {
  white-space: normal; overflow-wrap: break-word; hyphens: auto; padding: 0.3rem 0.45rem;
}
[data-testid="stTable"] th { vertical-align: bottom; }
[data-testid="stCaptionContainer"] { overflow-wrap: break-word; }
[data-testid="stHorizontalBlock"]:has(.js-plotly-plot) { flex-wrap: wrap; }
[data-testid="stColumn"]:has(.js-plotly-plot) { min-width: 320px; }
"""

_PRESENT = """
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"], header[data-testid="stHeader"] {
  display: none !important;
}
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 1rem 2.5rem 3rem 2.5rem; }
[data-testid="stMetricValue"] { font-size: clamp(1.6rem, 3vw, 2.6rem); }
"""


def _uploader(lang: str) -> str:
    """Streamlit writes its file uploader's button ("Upload") and its size line ("10MB per
    file") in English whatever the page's language: in Dutch the button gets the Dutch word and
    the size line goes (each uploader's label names the file types and the 10 MB)."""
    if lang == "en":
        return ""
    word = json.dumps(t("upload_button", lang))  # a CSS string, quoted and escaped
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    return (
        f"{button} {{ font-size: 0; }}\n"
        f"{button}::after {{ content: {word}; font-size: 1rem; }}\n"
        '[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }\n'
    )


def page_css(presenting: bool = False, lang: str = "nl") -> str:
    """The ``<style>`` element of every page (with the presentation mode's rules when on) in
    the page's language ``lang``."""
    return f"<style>{_FIT}{_uploader(lang)}{_PRESENT if presenting else ''}</style>"
