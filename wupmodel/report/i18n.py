"""Dutch and English strings for the front ends (Dutch is the default)."""

from __future__ import annotations

LANGUAGES = ("nl", "en")

STRINGS: dict[str, dict[str, str]] = {
    "title": {"nl": "Dorpsenergieplan: van het aardgas af", "en": "Village energy plan: off natural gas"},
    "intro": {
        "nl": "Wat betekent all-electric, een warmtenet of eerst isoleren voor het dorp? "
        "Per strategie: hoeveel woningen kunnen meedoen, hoeveel gas, stroom en CO2, en wat het kost.",
        "en": "What do all-electric, a heat network or insulating first mean for the village? "
        "Per strategy: how many homes can take part, how much gas, electricity and CO2, and the cost.",
    },
    "language": {"nl": "Taal", "en": "Language"},
    "village": {"nl": "Dorp", "en": "Village"},
    "dwellings": {"nl": "woningen", "en": "dwellings"},
    "strategy": {"nl": "Strategie", "en": "Strategy"},
    "co2_chart": {"nl": "CO2-uitstoot per jaar (ton)", "en": "CO2 emissions per year (tonnes)"},
    "invest_chart": {"nl": "Investering per woning (euro)", "en": "Investment per dwelling (euro)"},
    "monthly_chart": {
        "nl": "Verandering woonlasten per maand, gemiddeld (euro)",
        "en": "Change in monthly housing costs, average (euro)",
    },
    "national_chart": {
        "nl": "Nationale kosten per vermeden ton CO2 (euro)",
        "en": "National cost per tonne of CO2 avoided (euro)",
    },
    "feasible": {"nl": "Woningen waar het kan", "en": "Dwellings where it works"},
    "table": {"nl": "Alle cijfers", "en": "All figures"},
    "note": {
        "nl": "Investering inclusief btw, vóór subsidie. Woningen waar een systeem niet kan, houden de cv-ketel.",
        "en": "Investment incl. VAT, before subsidy. Dwellings where a system does not work keep the gas boiler.",
    },
}


def t(key: str, lang: str = "nl") -> str:
    """The string ``key`` in ``lang`` (falls back to Dutch, then to the key itself)."""
    entry = STRINGS.get(key, {})
    return entry.get(lang) or entry.get("nl") or key
