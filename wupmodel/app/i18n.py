"""Dutch and English strings for the front ends (Dutch is the default).

:func:`t` gives a sentence or label by key (the app's own strings live in
:mod:`wupmodel.app.strings`); :func:`value_label` gives the resident's word for a value
of the model's vocabulary (a dwelling type, tenure, heating system ...); :func:`column_label`
gives a readable table header with its unit (:mod:`wupmodel.io.headers`);
:func:`translate_frame` applies both to a table before a resident sees it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.app.phasing_strings import PHASING_STRINGS
from wupmodel.app.strings import APP_STRINGS
from wupmodel.app.strings_document import DOCUMENT_STRINGS
from wupmodel.app.value_labels import VALUE_LABELS
from wupmodel.io.headers import header

LANGUAGES = ("nl", "en")

STRINGS: dict[str, dict[str, str]] = {
    "title": {
        "nl": "Dorpsenergieplan: van het aardgas af",
        "en": "Village energy plan: off natural gas",
    },
    "intro": {
        "nl": (
            "Wat betekent all-electric, een warmtenet of eerst isoleren voor het dorp? Per"
            " strategie: hoeveel woningen kunnen meedoen, hoeveel gas, stroom en CO₂, en wat het"
            " kost."
        ),
        "en": (
            "What do all-electric, a heat network or insulating first mean for the village? Per"
            " strategy: how many homes can take part, how much gas, electricity and CO₂, and the"
            " cost."
        ),
    },
    "language": {"nl": "Taal", "en": "Language"},
    "village": {"nl": "Dorp", "en": "Village"},
    "dwellings": {"nl": "woningen", "en": "dwellings"},
    "strategy": {"nl": "Strategie", "en": "Strategy"},
    "co2_chart": {"nl": "CO₂-uitstoot per jaar (ton)", "en": "CO₂ emissions per year (tonnes)"},
    "invest_chart": {"nl": "Investering per woning (euro)", "en": "Investment per dwelling (euro)"},
    "monthly_chart": {
        "nl": "Verandering woonlasten per maand, gemiddeld (euro)",
        "en": "Change in monthly housing costs, average (euro)",
    },
    "national_chart": {
        "nl": "Nationale kosten per vermeden ton CO₂ (euro)",
        "en": "National cost per tonne of CO₂ avoided (euro)",
    },
    "feasible": {"nl": "Woningen waar het kan", "en": "Dwellings where it works"},
    "table": {"nl": "Alle cijfers", "en": "All figures"},
    "note": {
        "nl": (
            "Investering inclusief btw, vóór subsidie. Woningen waar een systeem niet kan, houden"
            " de cv-ketel."
        ),
        "en": (
            "Investment incl. VAT, before subsidy. Dwellings where a system does not work keep the"
            " gas boiler."
        ),
    },
    **APP_STRINGS,
    **PHASING_STRINGS,
    **DOCUMENT_STRINGS,
}


def t(key: str, lang: str = "nl") -> str:
    """The string ``key`` in ``lang`` (falls back to Dutch, then to the key itself)."""
    entry = STRINGS.get(key, {})
    return entry.get(lang) or entry.get("nl") or key


def format_number(
    value: float | None,
    lang: str = "nl",
    decimals: int = 0,
    unit: str = "",
    sign: bool = False,
) -> str:
    """``value`` as a reader of ``lang`` writes it: thousands separated and the decimal mark of
    the language (1.234,5 in Dutch, 1,234.5 in English), a unit after a space
    (``format_number(1234.5, "nl", 1, "m³")`` is ``"1.234,5 m³"``), ``+`` before a rise with
    ``sign``; a missing value is a dash. The one formatter of the app's text, tables, value
    labels and downloads for residents."""
    if value is None or not np.isfinite(value):
        return "–"
    value = float(value)
    if round(value, decimals) == 0:
        value = 0.0  # never "-0"
    text = f"{value:{'+' if sign and value else ''},.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text}\u00a0{unit}" if unit else text  # never broken between number and unit


def format_money(
    value: float | None, lang: str = "nl", decimals: int = 0, sign: bool = False
) -> str:
    """An amount in euro: ``€ 1.234`` (Dutch) or ``€ 1,234`` (English); ``€ +12`` with ``sign``."""
    text = format_number(value, lang, decimals, sign=sign)
    return text if text == "–" else f"€\u00a0{text}"


def format_share(share: float | None, lang: str = "nl", decimals: int = 0) -> str:
    """A share (0.6) as a percentage with a space before the sign: ``60 %``."""
    if share is None or not np.isfinite(share):
        return "–"
    return format_number(100.0 * share, lang, decimals, "%")


_LARGE = ((1e9, {"nl": "mld", "en": "billion"}), (1e6, {"nl": "mln", "en": "million"}))


def format_compact(
    value: float | None, lang: str = "nl", unit: str = "", euro: bool = False
) -> str:
    """A large figure short enough for a key figure on a projector: ``1,08 mln m³`` from a
    million up (three significant digits), the whole number below it (``758``, ``12.345``);
    with ``euro`` an amount: ``€ 1,08 mln``, ``€ 380.313``."""
    if value is None or not np.isfinite(value):
        return "–"
    prefix = "€\u00a0" if euro else ""
    for size, word in _LARGE:
        if abs(value) >= size:
            scaled = value / size
            decimals = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
            return prefix + format_number(
                scaled, lang, decimals, f"{word[lang]}\u00a0{unit}".strip()
            )
    return prefix + format_number(value, lang, 0, unit)


def limits_label(text: object, lang: str = "nl") -> str:
    """What limits a year of the time path ("installer capacity (heat pumps); CO2 path") in
    words of ``lang``; a phrase without words stays as it is."""
    from wupmodel.app.strings_evening import LIMIT_WORDS

    parts = [p for p in str(text or "").split("; ") if p]
    return "; ".join(LIMIT_WORDS.get(p, {}).get(lang, p) for p in parts)


def value_label(kind: str, value: object, lang: str = "nl") -> str:
    """The resident's word for ``value`` of vocabulary ``kind`` (``"dwelling_type"``,
    ``"tenure"``, ``"heating"``, ``"insulation"``, ``"period"``, ``"figure"``).

    Missing values read "Onbekend"/"Unknown"; an unknown value is shown with spaces for
    underscores (never as snake_case).
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        value = "unknown"
    entry = VALUE_LABELS.get(kind, {}).get(str(value))
    if entry:
        return entry.get(lang) or entry["nl"]
    if str(value) == "unknown":
        return t("label_unknown", lang).capitalize() if kind != "tenure" else "?"
    return str(value).replace("_", " ")


#: units in Dutch headers
_UNITS_NL = {
    "EUR/month": "euro/maand",
    "EUR/yr": "euro/jaar",
    "EUR/t": "euro/ton",
    "EUR/WEQ/yr": "euro/woning/jaar",
    "EUR": "euro",
    "number": "aantal",
    "m3/yr": "m³/jaar",
    "MWh/yr": "MWh/jaar",
    "kWh/yr": "kWh/jaar",
    "GJ/yr": "GJ/jaar",
    "t/yr": "ton/jaar",
    "kg/yr": "kg/jaar",
    "year": "jaar",
    "yes/no": "ja/nee",
    "see unit": "zie eenheid",
    "m2": "m²",
}


def column_label(column: str, lang: str = "nl") -> str:
    """A readable table header with its unit, e.g. ``"Gas [m³/jaar]"`` (never snake_case)."""
    text = header(column, lang).replace("CO2", "CO₂")
    if lang == "nl" and text.endswith("]") and "[" in text:
        name, _, unit = text[:-1].rpartition(" [")
        text = f"{name} [{_UNITS_NL.get(unit, unit)}]"
    return text


#: columns whose values are vocabulary, and the kind of each
_VALUE_COLUMNS = {
    "dwelling_type": "dwelling_type",
    "tenure": "tenure",
    "heating": "heating",
    "insulation": "insulation",
}


def translate_frame(frame: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """A copy of ``frame`` for a resident's eyes: vocabulary values in words, headers readable.

    A ``strategy`` column is replaced by the strategy's label (``label_nl``/``label_en``) when
    the frame has those; the label columns themselves are dropped.
    """
    out = frame.copy()
    if "strategy" in out and {"label_nl", "label_en"} <= set(out.columns):
        out["strategy"] = out["label_nl" if lang == "nl" else "label_en"]
    out = out.drop(columns=[c for c in ("label_nl", "label_en") if c in out])
    for col, kind in _VALUE_COLUMNS.items():
        if col in out:
            out[col] = [value_label(kind, v, lang) for v in out[col]]
    out.columns = [column_label(str(c), lang) for c in out.columns]
    return out
