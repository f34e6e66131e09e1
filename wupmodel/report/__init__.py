"""Reports: result tables, files (workbook, CSV, JSON), terminal text, plots and translations.

``tables`` (pure: outcomes in, frames out) · ``files`` (atomic writes) · ``text`` (terminal
tables) · ``plots`` (Plotly figures) · ``i18n`` (Dutch and English strings).
"""
