"""Risks and uncertainty in plain words (chapter 7): what the sweep over the scenario's ranges
says about prices and costs, and the risks the run itself shows (participation, the bank's
cover, the grid)."""

from __future__ import annotations

import math

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Bullets, Chapter, Paragraph, Subheading
from wupmodel.document.options import strategy_names
from wupmodel.document.parts import table
from wupmodel.document.plan import coop_zone_words
from wupmodel.document.run import RISK_SAMPLES, DocumentRun, main_strategy

__all__ = ["risks", "SERIES_WORDS", "factor_words"]

#: the price paths in words: (article, noun)
SERIES_WORDS = {
    "gas_supply_eur_m3": ("de", "leveringsprijs van gas"),
    "gas_tax_eur_m3": ("de", "energiebelasting op gas"),
    "elec_supply_eur_kwh": ("de", "leveringsprijs van stroom"),
    "elec_tax_eur_kwh": ("de", "energiebelasting op stroom"),
    "tax_credit_eur": ("de", "belastingvermindering"),
    "vat": ("de", "btw"),
    "gas_standing_eur": ("het", "vastrecht voor gas"),
    "elec_standing_eur": ("het", "vastrecht voor stroom"),
    "heat_fixed_eur": ("het", "vaste warmtetarief van het middentemperatuurnet"),
    "heat_variable_eur_gj": ("de", "warmteprijs per gigajoule van het middentemperatuurnet"),
    "heat_lt_fixed_eur": ("het", "vaste warmtetarief van het lagetemperatuurnet"),
    "heat_lt_variable_eur_gj": ("de", "warmteprijs per gigajoule van het lagetemperatuurnet"),
    "feed_in_eur_kwh": ("de", "terugleververgoeding"),
    "net_metering": ("de", "salderingsregeling"),
    "co2_price_eur_t": ("de", "CO₂-prijs op gas"),
    "grid_co2_kg_kwh": ("de", "CO₂ van een kilowattuur stroom"),
    "gas_production_eur_m3": ("de", "kostprijs van gas"),
    "elec_production_eur_kwh": ("de", "kostprijs van stroom"),
    "heat_production_eur_gj": ("de", "kostprijs van warmte"),
    "gas_network_standing_eur": ("de", "netkosten van gas"),
    "elec_network_standing_eur": ("de", "netkosten van stroom"),
    "green_gas_surcharge_eur_m3": ("de", "toeslag voor groen gas in het aardgas"),
    "gas_connections_remaining_share": ("het", "deel van de gasaansluitingen dat overblijft"),
}


def factor_words(factor: str) -> str:
    """An uncertain input in words (``prices.gas_supply_eur_m3`` -> "de leveringsprijs van
    gas"; a trend: "… op termijn")."""
    name = factor.removeprefix("prices.")
    trend = name.endswith(".trend")
    name = name.removesuffix(".trend")
    if name not in SERIES_WORDS:
        return "een kostenpost of rekenwaarde van het model"
    text = " ".join(SERIES_WORDS[name])
    return f"{text} op termijn" if trend else text


def _sweep_blocks(run: DocumentRun) -> list[Block]:
    risk = run.risk
    names = strategy_names(run.summary)
    national = risk["national"].set_index("strategy")
    household = risk["household"]
    likely = (
        household.assign(w=household["count"] * (household["p_rise"] > 0.5))
        .groupby("strategy")[["w", "count"]]
        .sum()
    )
    rows = []
    for s in names:
        if s == "reference" or s not in national.index:
            continue
        share = likely.at[s, "w"] / likely.at[s, "count"] if s in likely.index else math.nan
        rows.append(
            (
                names[s],
                nl.money(national.at[s, "p10"]),
                nl.money(national.at[s, "p50"]),
                nl.money(national.at[s, "p90"]),
                nl.share(share),
            )
        )
    origin = (
        "de bandbreedtes van het scenario"
        if run.risk_origin == "scenario"
        else "voorbeeldbandbreedtes voor prijzen en kosten (geen prognose: kies uw eigen)"
    )
    samples = int(national["samples"].iloc[0]) if "samples" in national else 0
    top = risk["tornado"].sort_values("swing", ascending=False)
    top = top[top["swing"] > 0].head(3)
    strategy = names.get(main_strategy(run.plan, run.summary), "")
    drivers = [factor_words(f) for f in top["factor"]]
    blocks: list[Block] = [
        Paragraph(
            f"Het model heeft elke strategie {nl.num(samples)} keer doorgerekend met {origin}."
            " Tussen de laagste en de hoogste tiende van de uitkomsten liggen de nationale"
            " meerkosten zoals in de tabel. De laatste kolom zegt hoeveel huishoudens in meer dan"
            " de helft van de toekomstbeelden er in woonlasten op achteruitgaan."
        ),
        table(
            "risk",
            "Nationale meerkosten per jaar bij onzekere prijzen en kosten",
            (
                "Strategie",
                "Laag (1 op 10)",
                "Midden",
                "Hoog (1 op 10)",
                "Huishoudens die waarschijnlijk meer betalen",
            ),
            rows,
            "risk",
        ),
    ]
    if drivers:
        blocks.append(
            Paragraph(
                f"Voor {strategy.lower()} maakt vooral {drivers[0]} verschil"
                + (f", daarna {' en '.join(drivers[1:])}." if len(drivers) > 1 else ".")
            )
        )
    return blocks


def _run_risks(run: DocumentRun) -> Block:
    case = run.case
    items = []
    be = case.break_even_participation if case is not None else None
    if case is None:
        pass
    elif be.value is not None and math.isfinite(be.value):
        items.append(
            f"Deelname: het warmtenet in {coop_zone_words(run)} verdient zich pas terug als"
            f" {nl.share(be.value)} van de woningen meedoet; nu is dat"
            f" {nl.share(case.participation)}."
        )
    else:
        items.append(
            f"Deelname: het warmtenet in {coop_zone_words(run)} verdient zich met de huidige"
            " tarieven niet terug, ook niet als iedereen meedoet."
        )
    dscr = case.metrics.get("min_dscr") if case is not None else None
    required = getattr(case.settings, "min_dscr", None) if case is not None else None
    if dscr is not None and math.isfinite(dscr):
        items.append(
            f"De bank: in het slechtste jaar dekt de kasstroom de rente en aflossing"
            f" {nl.num(dscr, 2)} keer"
            + (f"; de bank vraagt ten minste {nl.num(required, 2)}." if required else ".")
        )
    reinforced = [z for z, r in run.plan.grid_reinforced.items() if r]
    items.append(
        "Het net: het plan vraagt verzwaring van het laagspanningsnet; de netbeheerder moet dat"
        " op tijd kunnen doen."
        if reinforced
        else "Het net: het plan past op het huidige laagspanningsnet; meer elektrisch verwarmen"
        " dan in het plan vraagt opnieuw rekenen."
    )
    items.append(
        "Prijzen: de woonlasten hangen af van de prijzen van gas en stroom; de tabellen van"
        " hoofdstuk 3 gaan uit van de prijspaden in bijlage A."
    )
    return Bullets(tuple(items))


def risks(run: DocumentRun) -> Chapter:
    """Chapter 7: the uncertainty sweep (where the scenario has ranges) and the run's risks."""
    blocks: list[Block] = [
        Paragraph(
            "Geen plan is zeker: prijzen, kosten en de deelname van bewoners kunnen anders"
            " uitvallen. Dit hoofdstuk zegt in gewone woorden wat dat betekent.",
            "lead",
        ),
        Subheading("Wat het plan kwetsbaar maakt"),
        _run_risks(run),
        Subheading("Onzekere prijzen en kosten"),
    ]
    if run.risk is not None:
        blocks += _sweep_blocks(run)
    else:
        blocks.append(
            Paragraph(
                "Dit scenario geeft geen bandbreedtes voor prijzen en kosten. Met bandbreedtes"
                " (het onderdeel onzekerheid van het scenariobestand, of de voorbeeldbandbreedtes"
                " die bij het model horen) rekent het model elke strategie"
                f" {nl.num(RISK_SAMPLES)} keer door met andere prijzen en kosten, zegt het hier"
                " tussen welke grenzen de nationale meerkosten liggen, hoeveel huishoudens"
                " waarschijnlijk meer gaan betalen en welke onzekerheid het meeste verschil"
                " maakt."
            )
        )
    return Chapter("risks", "7. Risico's en onzekerheid", tuple(blocks), "onzekerheid")
