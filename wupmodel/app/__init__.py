"""What the village app shows: controls, one house, the village at a glance, figures, the plan
for households, upload problems in words, downloads, and every string in Dutch and English.

Pure functions of the model's results (frames and figures in, frames, figures and bytes out);
the pages in ``app_pages/`` call these and the root API, and hold no model logic.

``strings`` (every label, Dutch and English) · ``i18n`` (translation, Dutch number formats,
readable headers) · ``controls`` (the assumptions a village evening moves) · ``house`` (one
house) · ``overview`` (the village today) · ``plan_view`` (who pays more under a plan) ·
``figure_style`` (the figures' house style) · ``plots``, ``coop_plots`` and ``phasing_plots``
(Plotly figures; the time path's zones × years and switches per year) ·
``phasing_strings`` (the Tijdpad page's strings) ·
``problems`` (an upload's report in words) · ``downloads`` (files as bytes) ·
``criteria_view`` (the page Afwegen: the weighing's frames and figures) ·
``house_criteria`` (one house's comfort, noise, summer and works in words) ·
``strings_criteria`` (the strings of weighing) · ``strings_document`` (the document's) ·
``document_figures`` (the WUP document's figures as the app draws them, exported to PNG).
"""

from wupmodel.app.controls import CONTROLS, apply_controls, control_sources, control_values
from wupmodel.app.coop_plots import coop_cash_flow_chart, coop_dscr_chart, participation_chart
from wupmodel.app.criteria_view import (
    GROUPS,
    criteria_labels,
    criteria_radar,
    group_label,
    groups_frame,
    indicator_frame,
    ranking_frame,
    robustness_bars,
    strategy_label,
    weight_presets,
)
from wupmodel.app.document_figures import document_images, document_plotly
from wupmodel.app.downloads import (
    csv_zip_bytes,
    plan_json_bytes,
    plan_workbook_bytes,
    results_workbook_bytes,
    table_xlsx_bytes,
)
from wupmodel.app.house import house_stock, house_strategies, income_classes, income_of_class
from wupmodel.app.house_criteria import house_wellbeing, wellbeing_words
from wupmodel.app.i18n import (
    LANGUAGES,
    column_label,
    format_number,
    t,
    translate_frame,
    value_label,
)
from wupmodel.app.overview import stock_overview
from wupmodel.app.phasing_plots import gantt_chart, yearly_bars
from wupmodel.app.plan_view import plan_who_pays
from wupmodel.app.plots import (
    category_bars,
    compare_chart,
    distribution_chart,
    histogram_bars,
    house_money_chart,
    house_monthly_chart,
    mix_chart,
    pareto_chart,
    risk_chart,
    strategy_bars,
    tornado_chart,
)
from wupmodel.app.problems import problem_report, upload_message
from wupmodel.compare import compare_tables
from wupmodel.summary import village_summary
from wupmodel.survey import survey_template
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, HEATING_SYSTEMS, TENURES

__all__ = [
    "CONTROLS",
    "DWELLING_TYPES",
    "ENERGY_LABELS",
    "GROUPS",
    "HEATING_SYSTEMS",
    "LANGUAGES",
    "TENURES",
    "apply_controls",
    "category_bars",
    "column_label",
    "compare_chart",
    "compare_tables",
    "criteria_labels",
    "criteria_radar",
    "control_sources",
    "control_values",
    "coop_cash_flow_chart",
    "coop_dscr_chart",
    "csv_zip_bytes",
    "distribution_chart",
    "document_images",
    "document_plotly",
    "format_number",
    "gantt_chart",
    "group_label",
    "groups_frame",
    "histogram_bars",
    "house_money_chart",
    "house_monthly_chart",
    "house_stock",
    "house_strategies",
    "house_wellbeing",
    "income_classes",
    "income_of_class",
    "indicator_frame",
    "mix_chart",
    "pareto_chart",
    "participation_chart",
    "plan_json_bytes",
    "plan_who_pays",
    "plan_workbook_bytes",
    "problem_report",
    "ranking_frame",
    "results_workbook_bytes",
    "risk_chart",
    "robustness_bars",
    "stock_overview",
    "strategy_label",
    "strategy_bars",
    "survey_template",
    "t",
    "table_xlsx_bytes",
    "tornado_chart",
    "translate_frame",
    "upload_message",
    "value_label",
    "yearly_bars",
    "village_summary",
    "weight_presets",
    "wellbeing_words",
]
