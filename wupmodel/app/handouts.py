"""Printable handouts for the evening's table: one A4 page per house ("Uw huis") and one for the
village, as self-contained HTML (no scripts, no external files) that any browser prints.

Pure functions of tables and sentences the pages already show; every text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

import pandas as pd

from wupmodel.app.i18n import format_compact, format_money, format_number, format_share, t

__all__ = ["house_handout_html", "village_handout_html", "village_table"]

_STYLE = """
@page { size: A4; margin: 15mm; }
body { font-family: "Source Sans Pro", Arial, sans-serif; font-size: 10.5pt; color: #111;
       max-width: 180mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 2mm; color: #1b5e4a; }
h2 { font-size: 12pt; margin: 5mm 0 1.5mm; color: #1b5e4a; }
p { margin: 1mm 0; line-height: 1.35; }
.answer { font-size: 12.5pt; border-left: 3pt solid #1b5e4a; padding: 1mm 3mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0; }
th, td { border-bottom: 0.5pt solid #bbb; padding: 1mm 1.5mm; text-align: left;
         vertical-align: top; }
th { background: #eef3f1; }
.small { font-size: 8.5pt; color: #444; }
.kpi { display: inline-block; width: 23%; margin-right: 1.5%; }
.kpi b { display: block; font-size: 15pt; }
@media print { .noprint { display: none; } }
"""


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _page(title: str, parts: Sequence[str], lang: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f'<p class="noprint small">{html.escape(t("handout_print", lang))}</p>'
        + "".join(parts)
        + "</body></html>"
    )


def _sources(lines: Sequence[str], lang: str) -> str:
    text = "; ".join(html.escape(s) for s in lines)
    return f'<p class="small">{html.escape(t("source_title", lang))}: {text}.</p>'


# long because a handout is one page of several parts, each given by the page that shows it
def house_handout_html(
    *,
    village: str,
    scenario: str,
    house: str,
    answer: str,
    boiler: str,
    costs: pd.DataFrame,
    sources: Sequence[str],
    glossary: Sequence[str] = (),
    lang: str = "nl",
    day: date | None = None,
) -> str:
    """One page "Uw huis": the house as entered, the answer in one sentence, what each choice
    costs a month (the page's table), what changes at the next boiler replacement, a short
    glossary and the sources.

    Parameters
    ----------
    house
        The house in words (type, year, floor area, label, gas use).
    answer, boiler
        The sentences of :func:`~wupmodel.app.answers.house_answer` and
        :func:`~wupmodel.app.answers.boiler_answer`.
    costs
        :func:`~wupmodel.app.answers.house_costs_table`.
    glossary
        Explanations (plain text; ``**`` marks are dropped).
    """
    day = day or date.today()
    gloss = "".join(f"<p>{html.escape(g.replace('**', ''))}</p>" for g in glossary)
    parts = [
        f"<h1>{html.escape(t('handout_house_title', lang))}</h1>",
        f'<p class="small">{html.escape(house)} · {html.escape(village)} · '
        f"{html.escape(scenario)} · {day.isoformat()}</p>",
        f'<p class="answer">{html.escape(answer)}</p>',
        f"<h2>{html.escape(t('costs_title', lang))}</h2>",
        _table(costs),
        f"<h2>{html.escape(t('boiler_title', lang))}</h2>",
        f"<p>{html.escape(boiler)}</p>",
    ]
    if gloss:
        parts += [f"<h2>{html.escape(t('glossary_title', lang))}</h2>", gloss]
    parts += [f'<p class="small">{html.escape(t("handout_house_note", lang))}</p>']
    parts += [_sources(sources, lang)]
    return _page(t("handout_house_title", lang), parts, lang)


def village_table(summary: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """The strategies of a village summary in words, a row each: dwellings that change, the
    average change of the monthly costs, the share paying more, the investment and CO2."""
    label = "label_nl" if lang == "nl" else "label_en"
    return pd.DataFrame(
        {
            t("strategy", lang): summary[label].astype(str),
            t("vt_dwellings", lang): [
                format_number(v, lang) for v in summary["dwellings_feasible"]
            ],
            t("vt_monthly", lang): [
                format_money(v, lang, sign=True) for v in summary["monthly_cost_change_avg_eur"]
            ],
            t("vt_paying_more", lang): [
                format_share(v, lang) for v in summary["share_paying_more"]
            ],
            t("vt_investment", lang): [
                format_compact(v, lang, "euro") for v in summary["investment_eur"]
            ],
            t("vt_co2", lang): [format_number(v, lang, 0, "ton") for v in summary["co2_t"]],
        }
    )


# long because a handout is one page of several parts, each given by the page that shows it
def village_handout_html(
    *,
    village: str,
    scenario: str,
    totals: dict[str, float],
    summary: pd.DataFrame,
    sources: Sequence[str],
    lang: str = "nl",
    day: date | None = None,
) -> str:
    """One page for the village: its key figures today (``stock_overview``'s totals) and every
    strategy in a table (:func:`village_table`), with the sources."""
    day = day or date.today()
    kpis = [
        (t("n_dwellings", lang), format_number(totals["dwellings"], lang)),
        (t("kpi_gas", lang), format_compact(totals["gas_m3"], lang, "m³")),
        (t("kpi_co2", lang), format_number(totals["co2_t"], lang, 0, "ton")),
        (t("kpi_bill", lang), format_money(totals["bill_eur_per_month_avg"], lang)),
    ]
    kpi_html = "".join(
        f'<span class="kpi">{html.escape(k)}<b>{html.escape(v)}</b></span>' for k, v in kpis
    )
    parts = [
        f"<h1>{html.escape(t('handout_village_title', lang).format(name=village))}</h1>",
        f'<p class="small">{html.escape(scenario)} · {day.isoformat()}</p>',
        f"<h2>{html.escape(t('handout_today', lang))}</h2>",
        f"<p>{kpi_html}</p>",
        f"<h2>{html.escape(t('handout_choices', lang))}</h2>",
        _table(village_table(summary, lang)),
        f'<p class="small">{html.escape(t("handout_village_note", lang))}</p>',
        _sources(sources, lang),
    ]
    return _page(t("handout_village_title", lang).format(name=village), parts, lang)
