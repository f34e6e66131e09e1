"""The document's Dutch words for the model's vocabulary, its tables and its chapters.

The words for dwelling types, tenures, heating systems, insulation levels and construction
periods are the app's (:data:`wupmodel.app.strings.VALUE_LABELS`, a test checks they agree);
they live here as well because the core never imports the app.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = [
    "DWELLING_TYPE",
    "TENURE",
    "HEATING",
    "HEATING_SHORT",
    "INSULATION",
    "PERIOD",
    "SOURCE_TABLES",
    "word",
    "option_words",
    "zone_words",
]

DWELLING_TYPE = {
    "vrijstaand": "Vrijstaand",
    "twee_onder_een_kap": "Twee-onder-een-kap",
    "hoekwoning": "Hoekwoning",
    "tussenwoning": "Tussenwoning",
    "meergezins_laag": "Appartement (laagbouw)",
    "meergezins_hoog": "Appartement (hoogbouw)",
}
TENURE = {
    "koop": "Koop",
    "huur_corporatie": "Huur (corporatie)",
    "huur_particulier": "Huur (particulier)",
    "unknown": "Onbekend",
}
HEATING = {
    "gas_boiler": "Cv-ketel op gas",
    "hybrid_hp": "Hybride warmtepomp",
    "air_hp": "Luchtwarmtepomp",
    "ground_hp": "Bodemwarmtepomp",
    "heat_network_mt": "Warmtenet (midden\u00adtemperatuur)",
    "heat_network_lt": "Warmtenet (lage temperatuur)",
}
#: lower-case, for running text ("… kiezen een hybride warmtepomp")
HEATING_SHORT = {
    "gas_boiler": "cv-ketel op gas",
    "hybrid_hp": "hybride warmtepomp",
    "air_hp": "luchtwarmtepomp",
    "ground_hp": "bodemwarmtepomp",
    "heat_network_mt": "warmtenet (middentemperatuur)",
    "heat_network_lt": "warmtenet (lage temperatuur)",
}
INSULATION = {
    "current": "Zoals nu",
    "basic": "Basis (kieren, vloer)",
    "standard": "Standaard (dak, vloer, spouw, HR++)",
    "deep": "Diep (gevel, triple glas, ventilatie)",
}
PERIOD = {
    "pre1930": "voor 1930",
    "1930_1945": "1930–1945",
    "1946_1964": "1946–1964",
    "1965_1974": "1965–1974",
    "1975_1991": "1975–1991",
    "1992_2005": "1992–2005",
    "2006_later": "2006 en later",
}

#: The run's tables the document reads, by their key, with the name under which the
#: document's workbook holds them (a reader traces every table and chart to one of these).
SOURCE_TABLES = {
    "summary": "strategieën",
    "per_type": "per woningtype",
    "who_pays": "wie betaalt",
    "per_dwelling": "per woning",
    "plan": "plan per woning",
    "plan_totals": "plan totalen",
    "coop": "coöperatie kasstroom",
    "coop_metrics": "coöperatie kerncijfers",
    "coop_financing": "coöperatie financiering",
    "phasing_years": "tijdpad per jaar",
    "phasing_zones": "tijdpad per zone",
    "phasing_dwellings": "tijdpad per woning",
    "risk": "onzekerheid",
    "survey": "enquête",
    "assumptions": "aannames",
    "price_paths": "prijspaden",
    "policy": "beleid per jaar",
    "criteria": "afweging",
    "hourly": "uurberekening",
}

_KINDS = {
    "dwelling_type": DWELLING_TYPE,
    "tenure": TENURE,
    "heating": HEATING,
    "insulation": INSULATION,
    "period": PERIOD,
}


def word(kind: str, value: object) -> str:
    """The Dutch word for ``value`` of vocabulary ``kind``; a missing value is "Onbekend", an
    unknown one is shown with spaces for underscores (never as an identifier)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        value = "unknown"
    table = _KINDS.get(kind, {})
    if str(value) in table:
        return table[str(value)]
    if str(value) == "unknown":
        return "Onbekend"
    return str(value).replace("_", " ")


def option_words(option_id: str) -> str:
    """An option (``standard+air_hp+pv``) in words: "luchtwarmtepomp, isolatie standaard,
    zonnepanelen"."""
    parts = str(option_id).split("+")
    level, heating, extras = parts[0], parts[1] if len(parts) > 1 else "", parts[2:]
    out = [HEATING_SHORT.get(heating, heating.replace("_", " "))]
    if level != "current":
        out.append("isolatie " + INSULATION.get(level, level).split(" (")[0].lower())
    names = {"pv": "zonnepanelen", "st": "zonneboiler"}
    out += [names.get(e, e.replace("_", " ")) for e in extras]
    return ", ".join(out)


_ZONE_CLEAN = re.compile(r"[_\-]+")


def zone_words(zone: object) -> str:
    """A zone's name for a reader: "kern", "lv1" -> "laagspanningszone 1", "default" -> "het
    hele dorp"."""
    name = str(zone)
    if name in ("", "default", "nan", "None"):
        return "het hele dorp"
    m = re.fullmatch(r"lv[_\-]?(\d+)", name, flags=re.I)
    if m:
        return f"laagspanningszone {m.group(1)}"
    return _ZONE_CLEAN.sub(" ", name)
