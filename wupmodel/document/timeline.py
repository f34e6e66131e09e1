"""The time path (chapter 5): who switches when, each zone's years, the milestones 2030, 2040
and 2050, and what the municipality, the grid operator and the households do when."""

from __future__ import annotations

import math

import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Bullets, Chapter, Paragraph, Subheading
from wupmodel.document.parts import and_list, dwellings, figure, missing, table
from wupmodel.document.run import DocumentRun
from wupmodel.document.words import HEATING, zone_words
from wupmodel.vocabulary import HEATING_SYSTEMS

__all__ = ["time_path", "first_year", "installations", "MILESTONES", "NOTICE_YEARS"]

MILESTONES = (2030, 2040, 2050)
#: years of notice before the gas supply of a zone ends (aanwijsbevoegdheid, about 8 years)
NOTICE_YEARS = 8


def installations(row: pd.Series) -> float:
    """New heating systems of a year of the time path (every system but the gas boiler)."""
    return float(sum(row.get(f"installations_{h}", 0.0) for h in HEATING_SYSTEMS[1:]))


def first_year(yearly: pd.DataFrame) -> pd.Series | None:
    """The first year in which a new heating system is installed (None when none is)."""
    for _, row in yearly.iterrows():
        if installations(row) > 0.5:
            return row
    return None


def _yearly_table(yearly: pd.DataFrame) -> Block:
    present = [h for h in HEATING_SYSTEMS[1:] if yearly[f"installations_{h}"].sum() > 0.5]
    rows = []
    for _, r in yearly.iterrows():
        if r["switches"] <= 0.5 and int(r["year"]) not in MILESTONES:
            continue
        rows.append(
            (
                nl.year(r["year"]),
                *(nl.num(r[f"installations_{h}"]) for h in present),
                nl.money(r["capex_eur"]),
                nl.share(r["co2_reduction"]),
                nl.num(r["dwellings_on_gas"]),
            )
        )
    return table(
        "phasing_years",
        "Het tijdpad per jaar: nieuwe installaties, investering, CO₂ en woningen nog op gas",
        (
            "Jaar",
            *(HEATING[h] for h in present),
            "Investering",
            "CO₂ minder dan nu",
            "Nog op gas",
        ),
        rows,
        "phasing_years",
        "Alleen de jaren waarin woningen overstappen, en de mijlpalen.",
    )


def _milestones(yearly: pd.DataFrame) -> Block:
    by_year = yearly.set_index("year")
    parts = [
        f"in {y} {nl.share(by_year.at[y, 'co2_reduction'])} minder CO₂ en"
        f" {dwellings(by_year.at[y, 'dwellings_on_gas'])} nog op gas"
        for y in MILESTONES
        if y in by_year.index
    ]
    return Paragraph(f"De mijlpalen: {and_list(parts)}.")


def _zone_rows(zones: pd.DataFrame) -> list[tuple[str, ...]]:
    rows = []
    for r in zones.itertuples():
        rows.append(
            (
                zone_words(r.zone).capitalize(),
                "warmtenet" if r.kind == "heat_network" else "laagspanningsnet",
                nl.num(r.dwellings),
                nl.year(getattr(r, "heat_network_year", math.nan)),
                nl.year(getattr(r, "reinforcement_year", math.nan)),
                nl.year(getattr(r, "gas_disconnection_year", math.nan)),
            )
        )
    return rows


def _roles(yearly: pd.DataFrame, zones: pd.DataFrame) -> Block:
    items = []
    for r in zones.itertuples():
        gas_off = float(getattr(r, "gas_disconnection_year", math.nan))
        if math.isfinite(gas_off):
            items.append(
                f"De gemeente: uiterlijk in {nl.year(gas_off - NOTICE_YEARS)} het besluit dat het"
                f" gas in {zone_words(r.zone)} stopt (ongeveer {NOTICE_YEARS} jaar vooraf), in"
                f" {nl.year(gas_off)} gaat het gas eruit."
            )
        if math.isfinite(float(getattr(r, "heat_network_year", math.nan))):
            items.append(
                f"De coöperatie of het warmtebedrijf: het warmtenet in {zone_words(r.zone)} ligt"
                f" er in {nl.year(r.heat_network_year)}."
            )
        if math.isfinite(float(getattr(r, "reinforcement_year", math.nan))):
            items.append(
                f"De netbeheerder: het net in {zone_words(r.zone)} is verzwaard in"
                f" {nl.year(r.reinforcement_year)}."
            )
    said = " ".join(items)
    if "De gemeente" not in said:
        items.insert(
            0,
            "De gemeente: in dit tijdpad stopt het gas in geen enkele zone op een vast jaar, dus"
            " een besluit daarover is nog niet nodig; zij stelt het plan vast en houdt het"
            " energieloket open.",
        )
    if "De netbeheerder" not in said:
        items.append(
            "De netbeheerder: dit tijdpad plant geen verzwaring van het laagspanningsnet; hij"
            " volgt de piek per zone (hoofdstuk 1) en de overstappen per jaar."
        )
    start = first_year(yearly)
    if start is not None:
        items.append(
            f"De huishoudens: de eersten stappen over in {nl.year(start['year'])}, de meesten op"
            " het moment dat hun cv-ketel aan vervanging toe is."
        )
    return Bullets(tuple(items) or ("Er zijn geen zones met een vast jaar.",))


def time_path(run: DocumentRun) -> Chapter:
    """Chapter 5: the time path from :func:`wupmodel.phase`, or the note that it is not there."""
    if not run.phasing.available:
        blocks: tuple[Block, ...] = (
            missing(
                "Het tijdpad (wie wanneer overstapt, per jaar en per zone, de mijlpalen 2030, 2040"
                " en 2050 en wat de gemeente, de netbeheerder en de huishoudens wanneer doen)",
                "de fasering van het plan over de jaren in het model zit",
            ),
        )
        return Chapter("time", "5. Het tijdpad", blocks, "fasering", filled=False)
    phasing = run.phasing.result
    if not phasing.has_plan:
        return Chapter(
            "time",
            "5. Het tijdpad",
            (Paragraph("Geen tijdpad haalt het CO₂-pad met de grenzen van dit scenario.", "lead"),),
            "fasering",
        )
    yearly = phasing.yearly
    start = first_year(yearly)
    lead = (
        (
            f"In {nl.year(start['year'])} stappen de eerste {dwellings(installations(start))} over."
            if round(installations(start)) != 1
            else f"In {nl.year(start['year'])} stapt de eerste woning over."
        )
        if start is not None
        else "In het tijdpad stapt geen woning over."
    )
    blocks = (
        Paragraph(
            f"Het tijdpad plant elke overstap in een jaar: als de cv-ketel aan vervanging toe is,"
            f" binnen wat installateurs per jaar kunnen en met genoeg tijd voor elke zone. {lead}",
            "lead",
        ),
        Paragraph(
            (
                "Het tijdpad zoekt zelf de goedkoopste volgorde die het CO₂-pad van het scenario"
                " volgt."
                if run.scenario.targets.co2_path
                else "Het tijdpad zoekt zelf de goedkoopste volgorde die in"
                f" {nl.year(yearly['year'].iloc[-1])} hetzelfde CO₂-doel haalt als het plan."
            )
            + " Omdat het"
            " elk jaar meeweegt (wanneer ketels op zijn, de prijzen van later), kan het andere"
            " keuzes maken dan het plan van hoofdstuk 4, dat naar één jaar kijkt."
        ),
        _milestones(yearly),
        _yearly_table(yearly),
        figure(
            "fig_phasing",
            "Woningen nog op gas per jaar",
            "Lijn van het aantal woningen dat nog op gas zit, per jaar van"
            f" {nl.year(yearly['year'].iloc[0])} tot {nl.year(yearly['year'].iloc[-1])}.",
            "phasing_years",
            "line",
            [str(int(y)) for y in yearly["year"]],
            {"Nog op gas": yearly["dwellings_on_gas"].to_numpy()},
            axis="woningen",
        ),
        Subheading("Per zone"),
        table(
            "phasing_zones",
            "De jaren van elke zone",
            ("Zone", "Soort", "Woningen", "Warmtenet", "Netverzwaring", "Gas eruit"),
            _zone_rows(phasing.zones),
            "phasing_zones",
            text_columns=2,
        ),
        Subheading("Wie doet wat wanneer"),
        _roles(yearly, phasing.zones),
    )
    return Chapter("time", "5. Het tijdpad", blocks, "fasering")
