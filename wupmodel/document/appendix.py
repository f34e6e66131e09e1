"""The appendices: the run's assumptions with their sources (A) and where every figure comes
from: the model, the scenario, the dwellings, the date and the command (B)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Bullets, Chapter, Paragraph, Subheading
from wupmodel.document.parts import table
from wupmodel.document.policy import heat_network_rows, policy_blocks
from wupmodel.document.risks import SERIES_WORDS
from wupmodel.document.run import DocumentRun
from wupmodel.document.words import SOURCE_TABLES

__all__ = ["assumptions_appendix", "provenance_appendix", "STRUCTURE_SOURCES", "short_source"]

PRICE_YEARS = (2026, 2030, 2040, 2050)

#: parameter families in words
_TOPICS = {
    "physics": "Bouwfysica en warmtevraag",
    "finance": "Financiering, subsidies en rentes",
    "cost": "Kosten van maatregelen",
    "criteria": "Comfort, geluid en gezondheid",
    "coop": "De coöperatie",
    "hp": "Warmtepompen",
    "collective": "Collectieve voorzieningen",
    "life": "Levensduur",
    "om": "Onderhoud",
    "pv": "Zonnepanelen",
    "hourly": "Uurberekening",
    "grid": "Elektriciteitsnet",
    "solar_thermal": "Zonneboilers",
    "co2": "CO₂",
    "heatnet": "Warmtenetten",
    "phasing": "Tijdpad",
    "subsidy": "Subsidies van gemeente en Rijk",
}

_UNITS = {
    "EUR/m3": "euro/m³",
    "EUR/kWh": "euro/kWh",
    "EUR/yr": "euro/jaar",
    "EUR/GJ": "euro/GJ",
    "EUR/t CO2": "euro/ton",
    "kg CO2/kWh": "kg/kWh",
    "fraction": "deel",
    "1 = yes": "1 is ja, 0 is nee",
}

#: the structure this document follows, as the national programme describes a WUP
STRUCTURE_SOURCES = (
    "Nationaal Programma Lokale Warmtetransitie (NPLW), Inhoudelijke kenmerken van een"
    " uitvoeringsplan (nplw.nl)",
    "NPLW, Handreiking opbouw uitvoeringsplan (november 2023)",
    "NPLW, Proces totstandkoming uitvoeringsplan warmtetransitie (mei 2024), een actualisatie"
    " van het Stappenplan Uitvoeringsplan van het Programma Aardgasvrije Wijken",
    "Programma Aardgasvrije Wijken, Wat is een uitvoeringsplan? (17 februari 2021)",
)

_DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)*\.(nl|eu|com|org|be|de)")
_STOP = re.compile(r"\d+\.\d{2,}|\w/\w|\.dms$|^(EUR|Dutch|MvT)$")
_CONNECT = {"/", "&", "-", "van", "de", "der", "voor", "en", "via"}


def short_source(text: str) -> str:
    """A source's name as a reader cites it: its leading words up to the first word in lower
    case (the organisation and its publication, e.g. "PBL Vesta MAIS ASA2025", "NTA
    8800:2025", "ISDE"), or a web address; empty when nothing like a name leads the text (a
    reference to another parameter, a derivation, a sentence)."""
    words = str(text).strip().split()
    if words and _DOMAIN.fullmatch(words[0]):
        return words[0]
    kept: list[str] = []
    for w in words:
        bare = w.strip(",;:()'\"")
        if not bare or bare != w.rstrip(",;:") and kept or _STOP.search(bare):
            break
        if bare[0].isupper() or bare[0].isdigit() or (bare in _CONNECT and kept):
            kept.append(bare)
            continue
        break
    while kept and kept[-1] in _CONNECT:
        kept.pop()
    name = " ".join(kept)
    acronym = any(sum(c.isupper() for c in w) >= 2 for w in kept)
    if not kept or (len(kept) == 1 and not acronym) or len(name) <= 2 or "_" in name:
        return ""
    return name


def _price_table(paths: pd.DataFrame) -> Block:
    wide = paths[paths["year"].isin(PRICE_YEARS)].pivot_table(
        index="series", columns="year", values="value", sort=False
    )
    units = paths.drop_duplicates("series").set_index("series")["unit"]
    rows = []
    for series in wide.index:
        words = SERIES_WORDS.get(series, ("", "andere prijs"))[1]
        decimals = 3 if wide.loc[series].abs().max() < 10 else 0
        rows.append(
            (
                words[0].upper() + words[1:],
                _UNITS.get(units.get(series, ""), units.get(series, "")),
                *(nl.num(wide.at[series, y], decimals) for y in PRICE_YEARS if y in wide.columns),
            )
        )
    return table(
        "price_paths",
        "Prijzen en belastingen per jaar zoals gebruikt",
        ("Prijs", "Eenheid", *(str(y) for y in PRICE_YEARS if y in wide.columns)),
        rows,
        "price_paths",
    )


def _finance_rows(run: DocumentRun) -> list[tuple[str, str]]:
    f = run.inputs.finance
    return [
        ("Jaren vooruit", f"{nl.num(f.horizon_years)} jaar, vanaf {run.scenario.years.start}"),
        ("Rente voor huishoudens (eigen kosten)", nl.share(f.household_rate, 2)),
        ("Maatschappelijke rente (nationale kosten)", nl.share(f.social_rate, 2)),
        ("Rente voor verhuurders", nl.share(f.landlord_rate, 2)),
        (
            "Financiering van de huishoudens",
            "lening van het Nationaal Warmtefonds"
            if f.financing == "warmtefonds"
            else "eigen geld",
        ),
        ("Looptijd van de lening", f"{nl.num(f.loan_term_years)} jaar"),
    ]


def _topics(assumptions: pd.DataFrame) -> tuple[Block, Block]:
    family = assumptions["parameter"].str.split(".").str[0]
    topic = family.map(lambda k: _TOPICS.get(k, "Overige"))  # one row per topic
    grouped = (
        assumptions.assign(topic=topic.to_numpy(), n=1)
        .groupby("topic")[["n", "overridden"]]
        .sum()
        .sort_values("n", ascending=False, kind="stable")
    )
    rows = [
        (k, nl.num(r.n), nl.num(int(r.overridden)))
        for k, r in zip(grouped.index, grouped.itertuples(), strict=True)
    ]
    sources = sorted({s for s in (short_source(t) for t in assumptions["source"]) if s})
    return (
        table(
            "parameter_topics",
            "Rekenwaarden per onderwerp",
            ("Onderwerp", "Rekenwaarden", "Waarvan aangepast"),
            rows,
            "assumptions",
            "Elke rekenwaarde met waarde, eenheid, bron en jaar staat in het werkboek bij dit"
            f" document (tabblad ‘{SOURCE_TABLES['assumptions']}’).",
        ),
        Bullets(tuple(sources), "citation"),
    )


def assumptions_appendix(run: DocumentRun) -> Chapter:
    """Appendix A: prices per year, financial settings, parameters per topic and sources."""
    topics, sources = _topics(run.tables["assumptions"])
    blocks: list[Block] = [
        Paragraph(
            "Elk getal in dit document volgt uit deze aannames. Wie een aanname verandert en het"
            " document opnieuw maakt, ziet alleen de getallen veranderen die ervan afhangen.",
            "lead",
        ),
        Subheading("Rekenregels voor geld"),
        table(
            "finance",
            "Rentes, jaren en financiering",
            ("Onderdeel", "Waarde"),
            _finance_rows(run),
            "assumptions",
        ),
        table(
            "heat_networks",
            "Warmtenetten",
            ("Onderdeel", "Waarde"),
            heat_network_rows(run.scenario.heat_networks, run.inputs.params.table("heat_sources")),
            "assumptions",
        ),
        Subheading("Prijzen"),
        _price_table(run.tables["price_paths"]),
        Subheading("Belastingen, subsidies en tarieven per jaar"),
        *policy_blocks(run.tables.get("policy")),
        Subheading("Rekenwaarden en hun bronnen"),
        topics,
        Paragraph("De bronnen van de rekenwaarden:"),
        sources,
    ]
    return Chapter(
        "assumptions", "Bijlage A. Aannames en bronnen", tuple(blocks), "aannames", appendix=True
    )


def _provenance_rows(block: Mapping[str, Any]) -> list[tuple[str, str]]:
    stock = block.get("stock") or {}
    if "sha256" in stock:
        dwellings = f"{stock.get('file', '')} (SHA-256 {stock['sha256']})"
    else:
        dwellings = (
            f"buurt {stock.get('buurt_code', '')}, samengesteld uit buurtcijfers van het PBL"
            f" (startgetal {stock.get('seed', '')})"
        )
    overrides = block.get("overrides") or {}
    return [
        ("Rekenmodel", f"{block.get('model', 'wupmodel')} versie {block.get('version', '')}"),
        ("Scenario", str(block.get("scenario", ""))),
        ("Dorp", str(block.get("village", ""))),
        ("Woningen", dwellings),
        ("Gemaakt op", str(block.get("created", ""))),
        ("Opdracht", str(block.get("command") or "vanuit de app of een script")),
        (
            "Aangepast",
            "; ".join(f"{k} ({v})" for k, v in overrides.items()) or "niets: de standaardwaarden",
        ),
    ]


def provenance_appendix(run: DocumentRun, provenance: Mapping[str, Any]) -> Chapter:
    """Appendix B: what ran, and the structure this document follows."""
    rows = _provenance_rows(provenance)
    blocks: list[Block] = [
        Paragraph(
            "Met deze gegevens maakt iedereen hetzelfde document opnieuw. De tabellen waar elk"
            " getal uit komt, staan in het werkboek en het gegevensbestand bij dit document.",
            "lead",
        ),
        table(
            "provenance",
            "Herkomst van deze berekening",
            ("Onderdeel", "Waarde"),
            rows,
            "",
            kind="verbatim",
        ),
        Subheading("Over de opbouw"),
        Paragraph(
            "De hoofdstukken volgen de onderwerpen die het Nationaal Programma Lokale"
            " Warmtetransitie voor een uitvoeringsplan noemt: het gebied en zijn gebouwen"
            " (hoofdstuk 1), hoe het plan tot stand kwam en wie meedoet (hoofdstuk 2), de gekozen"
            " warmteoplossing en de afweging van de alternatieven (hoofdstukken 3 en 4), het plan"
            " van aanpak met de rollen van gemeente, netbeheerder, warmtebedrijf of coöperatie en"
            " bewoners (hoofdstukken 4 en 5), de kosten en de betaalbaarheid (hoofdstuk 6) en de"
            " risico's (hoofdstuk 7)."
        ),
        Bullets(STRUCTURE_SOURCES, "citation"),
    ]
    return Chapter("provenance", "Bijlage B. Herkomst", tuple(blocks), "herkomst", appendix=True)
