"""Sources and assumptions in words, for a resident: who published what, and when.

The technical source of every default (repository, commit, file, column) stays in the
adviser's workbook (the ``source`` column of the packaged tables); a resident reads
:func:`source_lines`, from ``data/source_words.csv``: publisher, publication and year, in
Dutch or English. :data:`PAGE_SOURCES` says which of them each page rests on and
:data:`CONTROL_SOURCES` which one each control of Scenario's does.

:func:`control_text` writes a control's value with its unit (``€ 0,51 per m³``);
:func:`assumptions_in_words` lays the controls of several scenarios side by side where they
differ; :func:`transfer_note` says when a move only shifted who pays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from wupmodel.app.controls import CONTROLS, ISDE_AMOUNTS, Control, control_values
from wupmodel.app.i18n import format_money, format_number, t
from wupmodel.assumptions import price_paths
from wupmodel.inputs import model_inputs
from wupmodel.params import packaged_table
from wupmodel.scenario import Scenario

__all__ = [
    "PAGE_SOURCES",
    "CONTROL_SOURCES",
    "source_lines",
    "control_text",
    "assumptions_in_words",
    "transfer_note",
]

#: the sources each page rests on (keys of ``data/source_words.csv``)
PAGE_SOURCES: dict[str, tuple[str, ...]] = {
    "dorp": ("stock", "stock_cbs", "demand", "energy_prices", "energy_tax", "co2_factors"),
    "mijn_huis": (
        "wellbeing_summer",
        "wellbeing_noise",
        "demand",
        "heat_pumps",
        "costs",
        "energy_prices",
        "energy_tax",
        "feed_in",
        "isde",
        "warmtefonds",
        "heat_tariff",
        "income",
        "co2_factors",
    ),
    "scenarios": (
        "energy_prices",
        "energy_tax",
        "feed_in",
        "co2_price",
        "isde",
        "warmtefonds",
        "discount_rates",
        "heat_tariff",
        "costs",
    ),
    "plan": ("costs", "grid", "participation", "discount_rates", "co2_factors", "isde"),
    "tijdpad": ("phasing_boilers", "phasing_installers", "phasing_rules", "isde", "costs"),
    "afwegen": (
        "weights",
        "wellbeing_summer",
        "wellbeing_noise",
        "wellbeing_damp",
        "costs",
        "co2_factors",
        "uncertainty",
    ),
    "onzekerheid": ("uncertainty", "energy_prices", "co2_price"),
    "cooperatie": ("coop_finance", "heat_tariff", "co2_factors", "costs", "participation", "isde"),
    "export": ("stock", "energy_prices", "costs", "discount_rates"),
}

#: the source of each control's default
CONTROL_SOURCES: dict[str, str] = {
    "prices.gas_supply_eur_m3": "energy_prices",
    "prices.elec_supply_eur_kwh": "energy_prices",
    "prices.co2_price_eur_t": "co2_price",
    "isde_percent": "isde",
    "finance.financing": "warmtefonds",
    "finance.loan_rate": "warmtefonds",
    "finance.household_discount_rate": "discount_rates",
    "finance.social_discount_rate": "discount_rates",
    "finance.heat_fixed_eur": "heat_tariff",
    "finance.heat_variable_eur_gj": "heat_tariff",
}


@lru_cache(maxsize=2)
def _lines(lang: str) -> dict[str, str]:
    table = packaged_table("source_words")
    column = f"publication_{lang}" if f"publication_{lang}" in table else "publication_nl"
    return {
        str(r["key"]): f"{r['publisher']}, {r[column]} ({int(r['year'])})"
        for _, r in table.iterrows()
    }


def source_lines(keys: Sequence[str], lang: str = "nl") -> list[str]:
    """Each source as one line: ``PBL, Startanalyse aardgasvrije buurten 2020 ... (2020)``."""
    lines = _lines(lang)
    return [lines[key] for key in keys]


#: how a control's value is written: decimals, unit (nl, en), in euro
_FORMATS: dict[str, tuple[int, str, str, bool]] = {
    "prices.gas_supply_eur_m3": (2, "per m³", "per m³", True),
    "prices.elec_supply_eur_kwh": (2, "per kWh", "per kWh", True),
    "prices.co2_price_eur_t": (0, "per ton", "per tonne", True),
    "isde_percent": (0, "% van nu", "% of today", False),
    "finance.loan_rate": (2, "% per jaar", "% a year", False),
    "finance.household_discount_rate": (2, "% per jaar", "% a year", False),
    "finance.social_discount_rate": (2, "% per jaar", "% a year", False),
    "finance.heat_fixed_eur": (0, "per jaar", "a year", True),
    "finance.heat_variable_eur_gj": (2, "per GJ", "per GJ", True),
}


def control_text(control: Control | str, value: float | str, lang: str = "nl") -> str:
    """A control's value in words with its unit: ``€ 0,51 per m³``, ``4,35 % per jaar``,
    ``Lening (Warmtefonds)``."""
    key = control if isinstance(control, str) else control.key
    if key not in _FORMATS:
        return t(f"fin_{value}", lang)
    decimals, unit_nl, unit_en, euro = _FORMATS[key]
    unit = unit_nl if lang == "nl" else unit_en
    number = float(value)  # type: ignore[arg-type]
    if euro:
        return f"{format_money(number, lang, decimals)} {unit}"
    return f"{format_number(number, lang, decimals)} {unit}"


def assumptions_in_words(
    scenarios: Mapping[str, Scenario], differing: pd.DataFrame | None = None, lang: str = "nl"
) -> pd.DataFrame:
    """The assumptions that differ between ``scenarios`` (name -> scenario), in words: one row
    per control of Scenario's that differs, its name and its value with the unit in each
    scenario; the heat price per GJ where it followed the gas price (the ACM maximum); and a
    count of the other differing assumptions of ``differing`` (the ``assumptions_differing``
    table of :func:`wupmodel.compare`'s tables), which the adviser's workbook names.

    Returns
    -------
    pandas.DataFrame
        A column ``t("assumption")`` and one column per scenario name.
    """
    values = {name: control_values(s) for name, s in scenarios.items()}
    names = list(scenarios)
    rows = []
    moved = set()
    for c in CONTROLS:
        seen = [values[n][c.key] for n in names]
        if c.kind == "choice":
            differ = len(set(seen)) > 1
        else:
            differ = not np.allclose(np.asarray(seen, dtype=float), float(seen[0]), rtol=1e-9)
        if differ:
            moved.add(c.key)
            rows.append([t(c.label, lang)] + [control_text(c, v, lang) for v in seen])
    heat = [_first_year(s, "heat_variable_eur_gj") for s in scenarios.values()]
    if "finance.heat_variable_eur_gj" not in moved and not np.allclose(heat, heat[0]):
        rows.append(
            [t("heat_price_follows_gas", lang)]
            + [control_text("finance.heat_variable_eur_gj", v, lang) for v in heat]
        )
        moved.add("prices.heat_variable_eur_gj")
    if differing is not None and len(differing):
        explained = moved | set(ISDE_AMOUNTS) | {c.source_of for c in CONTROLS if c.key in moved}
        other = sum(str(k) not in explained for k in differing["key"])
        if other:
            rows.append(
                [t("other_assumptions", lang).format(n=format_number(other, lang))]
                + ["" for _ in names]
            )
    return pd.DataFrame(rows, columns=[t("assumption", lang), *names])


def _first_year(scenario: Scenario, series: str) -> float:
    paths = price_paths(model_inputs(scenario))
    part = paths[paths["series"] == series].sort_values("year")
    return float(part["value"].iloc[0]) if len(part) else float("nan")


def transfer_note(
    before: pd.DataFrame, after: pd.DataFrame, lang: str = "nl", tolerance_eur: float = 1.0
) -> str:
    """When a move changed what residents pay but not the national cost (a price that goes
    from one Dutch pocket to another, such as a retail price or a tax), the sentence that says
    so; else an empty string.

    Parameters
    ----------
    before, after
        Two village summaries (:func:`wupmodel.summarise`'s ``summary``) of the same
        strategies, before and after the move.
    tolerance_eur
        Changes below this (EUR/yr national, EUR/month per household) count as none.
    """
    national = np.abs(
        after["national_extra_eur_per_yr"].to_numpy(float)
        - before["national_extra_eur_per_yr"].to_numpy(float)
    )
    household = np.abs(
        after["monthly_cost_change_avg_eur"].to_numpy(float)
        - before["monthly_cost_change_avg_eur"].to_numpy(float)
    )
    if (
        np.nanmax(household, initial=0.0) > tolerance_eur
        and np.nanmax(national, initial=0.0) <= tolerance_eur * 12
    ):
        return t("transfer_note", lang)
    return ""
