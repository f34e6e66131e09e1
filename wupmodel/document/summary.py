"""The summary on one page: the village, the plan, its time path, its money and its
cooperative in a few sentences and one table of key figures."""

from __future__ import annotations

import math
from collections import defaultdict

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Chapter, Paragraph
from wupmodel.document.parts import dwellings, table
from wupmodel.document.plan import NO_ZONE, coop_zone_words, mix_sentence, plan_figures
from wupmodel.document.run import PAYS_MORE_EUR, DocumentRun
from wupmodel.document.timeline import first_year, installations

__all__ = ["summary_chapter"]


def _time_sentence(run: DocumentRun) -> str:
    if not run.phasing.available:
        return "Het tijdpad volgt wanneer de fasering van het plan in het model zit."
    phasing = run.phasing.result
    start = first_year(phasing.yearly) if phasing.has_plan else None
    if start is None:
        return "In het tijdpad stapt geen woning over."
    n = installations(start)
    return (
        f"Het tijdpad begint in {nl.year(start['year'])} met {dwellings(n)} die"
        " overstappen (hoofdstuk 5)."
    )


def _key_rows(run: DocumentRun) -> list[tuple[str, str, str]]:
    ref = run.strategy("reference")
    f = plan_figures(run) if run.plan.has_solution else defaultdict(lambda: math.nan)
    rows = [
        ("Woningen", nl.num(run.dwellings), "strategieën"),
        ("Gas nu per jaar", nl.num(ref["gas_m3"], unit="m³"), "strategieën"),
        ("CO₂ nu per jaar", nl.num(ref["co2_t"], unit="ton"), "strategieën"),
        ("CO₂ minder met het plan", nl.share(f["co2_reduction"]), "plan totalen"),
        (
            "Nationale kosten van het plan per jaar",
            nl.money(f["national_cost_eur_per_yr"]),
            "plan totalen",
        ),
        (
            "Waarvan meer dan alles laten zoals het is",
            nl.money(f["national_extra_eur_per_yr"]),
            "plan totalen",
        ),
        ("Investering van de huishoudens", nl.money(f["capex_eur"]), "plan totalen"),
        ("Subsidie", nl.money(f["subsidy_eur"]), "plan totalen"),
        ("Huishoudens die meer gaan betalen", nl.share(f["share_paying_more"]), "plan per woning"),
    ]
    if not run.plan.has_solution:
        rows = rows[:3]
    if run.case is not None:
        gap = nl.money(run.case.metrics["funding_gap_eur"])
        rows.append(("Financieringstekort van de coöperatie", gap, "coöperatie kerncijfers"))
    if run.phasing.available and run.phasing.result.has_plan:
        start = first_year(run.phasing.result.yearly)
        if start is not None:
            n = installations(start)
            rows.append(
                (
                    f"Overstappen in het eerste jaar ({nl.year(start['year'])})",
                    nl.num(n),
                    "tijdpad per jaar",
                )
            )
    return rows


def _worse_off(share: float) -> str:
    """Who pays more under the plan, in a sentence that does not start with a number."""
    if share < 0.005:
        return (
            "Geen huishouden gaat er in woonlasten op achteruit (meer dan"
            f" {nl.money(PAYS_MORE_EUR)} per maand)."
        )
    return (
        f"Van de huishoudens gaat {nl.share(share)} er in woonlasten op achteruit (meer dan"
        f" {nl.money(PAYS_MORE_EUR)} per maand)."
    )


def summary_chapter(run: DocumentRun) -> Chapter:
    """The one-page summary."""
    village = run.village
    ref = run.strategy("reference")
    blocks: list[Block] = [
        Paragraph(
            f"{village} wil van het aardgas af. Dit uitvoeringsplan zegt hoe: welke"
            " woningen op welke manier verwarmd gaan worden, wat het kost, wie wat betaalt en"
            " wat het dorp samen doet. Alle cijfers komen uit één doorrekening met het"
            " rekenmodel; bijlage B zegt welke.",
            "lead",
        ),
        Paragraph(
            f"Het dorp telt {dwellings(run.dwellings)}. Samen verbruiken ze nu"
            f" {nl.compact(ref['gas_m3'], 'm³')} aardgas per jaar; dat is"
            f" {nl.num(ref['co2_t'], unit='ton')} CO₂."
        ),
    ]
    if run.plan.has_solution:
        f = plan_figures(run)
        blocks.append(
            Paragraph(
                f"Het plan haalt {nl.share(f['co2_reduction'])} minder CO₂. {mix_sentence(run)}"
                f" Nederland betaalt er {nl.money(f['national_extra_eur_per_yr'])} per jaar meer"
                f" voor dan alles laten zoals het is. {_worse_off(f['share_paying_more'])}"
            )
        )
    else:
        blocks.append(Paragraph("Geen plan haalt alle doelen tegelijk (hoofdstuk 4)."))
    blocks += [
        Paragraph(_time_sentence(run)),
        Paragraph(
            f"Een coöperatief warmtenet in {coop_zone_words(run)}"
            f"{' (als de hele zone meedoet)' if run.case_origin == 'whole_zone' else ''} vraagt"
            f" {nl.money(run.case.metrics['investment_eur'])}; er ontbreekt"
            f" {nl.money(run.case.metrics['funding_gap_eur'])} aan eigen vermogen."
            if run.case is not None
            else NO_ZONE
        ),
        table(
            "key_figures",
            "Kerncijfers",
            ("Onderdeel", "Waarde", "Uit tabel"),
            _key_rows(run),
            "summary,plan_totals,coop_metrics",
        ),
    ]
    return Chapter("summary", "Samenvatting", tuple(blocks), "alle")
