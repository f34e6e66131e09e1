"""What the village app shows: controls, one house, the village at a glance, figures, the plan
for households, upload problems in words, downloads, and every string in Dutch and English.

Pure functions of the model's results (frames and figures in, frames, figures and bytes out);
the pages in ``app_pages/`` call these and the root API, and hold no model logic.

``strings``, ``strings_evening`` and ``value_labels`` (every label, Dutch and English) · ``i18n``
(translation, Dutch number formats, readable headers) · ``controls`` (the assumptions a village
evening moves) · ``house`` (one house) · ``overview`` (the village today) · ``plan_view`` (who pays
more under a plan) · ``figure_style`` (the figures' house style) · ``plots`` and ``coop_plots``
(Plotly figures) · ``problems`` (an upload's report in words) · ``downloads`` (files as bytes) ·
``village`` (which village: one state for its name, dwellings and exports; finding and combining
buurten) · ``answers`` (one house in words) · ``sources`` (sources and assumptions in words) ·
``coop_view`` and ``uncertainty_view`` (those pages in words) · ``handouts`` (pages to print) ·
``page_style`` (the style sheet for a projector) · ``phasing_plots`` (the time path's zones × years
and switches per year) · ``phasing_strings`` (the Tijdpad page's strings) · ``criteria_view`` (the
page Afwegen: the weighing's frames and figures) · ``house_criteria`` (one house's comfort, noise,
summer and works in words) · ``strings_criteria`` (the strings of weighing) · ``hours_view``,
``hourly_plots`` and ``strings_hours`` (a house's winter and summer day, a home battery's worth,
the village on the coldest day) · ``strings_document`` (the document's) · ``document_figures``
(the WUP document's figures as the app draws them, exported to PNG)."""

from wupmodel.app.answers import (
    GLOSSARY,
    boiler_answer,
    house_answer,
    house_costs_table,
    house_features_table,
    loan_terms,
    strategy_words,
)
from wupmodel.app.controls import (
    CONTROLS,
    apply_controls,
    control_options,
    control_sources,
    control_values,
)
from wupmodel.app.coop_plots import coop_cash_flow_chart, coop_dscr_chart, participation_chart
from wupmodel.app.coop_view import (
    coop_opening,
    coop_ratios,
    debt_schedule,
    dscr_words,
    sources_and_uses,
)
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
from wupmodel.app.figure_style import fit_title
from wupmodel.app.handouts import house_handout_html, village_handout_html, village_table
from wupmodel.app.hourly_plots import coldest_day_chart, house_days_chart
from wupmodel.app.hours_view import battery_worth, house_days, village_coldest_day
from wupmodel.app.house import house_stock, house_strategies, income_classes, income_of_class
from wupmodel.app.house_criteria import house_wellbeing, wellbeing_words
from wupmodel.app.i18n import (
    LANGUAGES,
    column_label,
    format_compact,
    format_money,
    format_number,
    format_share,
    limits_label,
    t,
    translate_frame,
    value_label,
)
from wupmodel.app.overview import stock_overview
from wupmodel.app.page_style import PRESENTATION_FIGURE_PX, page_css
from wupmodel.app.phasing_plots import gantt_chart, yearly_bars
from wupmodel.app.plan_view import plan_measures, plan_payers, plan_who_pays, shadow_price_words
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
from wupmodel.app.sources import (
    CONTROL_SOURCES,
    PAGE_SOURCES,
    assumptions_in_words,
    control_text,
    source_lines,
    transfer_note,
)
from wupmodel.app.uncertainty_view import UNCERTAIN_FIGURES, range_words, unmoved_inputs
from wupmodel.app.village import (
    DEFAULT_BUURT,
    VillageChoice,
    find_villages,
    village_stock,
    woonplaatsen,
    zone_label,
)
from wupmodel.compare import compare_tables
from wupmodel.summary import village_summary
from wupmodel.survey import survey_template
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, HEATING_SYSTEMS, TENURES

__all__ = [
    "limits_label",
    "fit_title",
    "strategy_words",
    "PRESENTATION_FIGURE_PX",
    "page_css",
    "GLOSSARY",
    "boiler_answer",
    "house_answer",
    "house_costs_table",
    "house_features_table",
    "loan_terms",
    "coop_opening",
    "coop_ratios",
    "debt_schedule",
    "dscr_words",
    "sources_and_uses",
    "house_handout_html",
    "village_handout_html",
    "village_table",
    "format_compact",
    "format_money",
    "format_share",
    "plan_measures",
    "plan_payers",
    "shadow_price_words",
    "CONTROL_SOURCES",
    "PAGE_SOURCES",
    "assumptions_in_words",
    "control_text",
    "source_lines",
    "transfer_note",
    "UNCERTAIN_FIGURES",
    "range_words",
    "unmoved_inputs",
    "CONTROLS",
    "DEFAULT_BUURT",
    "VillageChoice",
    "DWELLING_TYPES",
    "ENERGY_LABELS",
    "GROUPS",
    "HEATING_SYSTEMS",
    "LANGUAGES",
    "TENURES",
    "apply_controls",
    "battery_worth",
    "category_bars",
    "coldest_day_chart",
    "column_label",
    "compare_chart",
    "compare_tables",
    "control_options",
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
    "house_days",
    "house_days_chart",
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
    "village_coldest_day",
    "village_stock",
    "yearly_bars",
    "village_summary",
    "woonplaatsen",
    "zone_label",
    "find_villages",
    "weight_presets",
    "wellbeing_words",
]
