"""The plan (chapter 4): the measures per zone and per group of dwellings, what the village
builds together, who pays more, the organisation that carries it and its business case."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Bullets, Chapter, Paragraph, Subheading
from wupmodel.document.parts import and_list, dwellings, figure, table, weighted_mean
from wupmodel.document.run import PAYS_MORE_EUR, DocumentRun
from wupmodel.document.words import HEATING, HEATING_SHORT, INSULATION, word, zone_words
from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

__all__ = ["the_plan", "plan_figures", "mix_sentence", "paying_more_share", "coop_zone_words"]


def paying_more_share(run: DocumentRun) -> float:
    """Share of the households whose woonlasten rise by more than € 1 a month under the plan."""
    rows = run.plan_rows
    if rows.empty:
        return float("nan")
    weight = rows["dwellings"].to_numpy(dtype=float)
    more = rows["monthly_cost_change_eur"].to_numpy(dtype=float) > PAYS_MORE_EUR
    return float((weight * more).sum() / weight.sum())


def plan_figures(run: DocumentRun) -> dict[str, float]:
    """The plan's key figures, as the document's text and its data file give them."""
    plan = run.plan
    return {
        "co2_reduction": float(plan.co2_reduction),
        "national_cost_eur_per_yr": float(plan.total_cost_eur.get("national", math.nan)),
        "national_extra_eur_per_yr": float(plan.extra_cost_eur_per_yr.get("national", math.nan)),
        "capex_eur": float(plan.capex_eur),
        "subsidy_eur": float(plan.subsidy_eur),
        "share_paying_more": paying_more_share(run),
        "households_paying_more": float(
            (
                run.plan_rows["dwellings"]
                * (run.plan_rows["monthly_cost_change_eur"] > PAYS_MORE_EUR)
            ).sum()
        )
        if not run.plan_rows.empty
        else math.nan,
    }


def mix_sentence(run: DocumentRun) -> str:
    """``In het plan krijgen 412 woningen een hybride warmtepomp, … en houden 226 woningen hun
    cv-ketel.``"""
    by = run.plan.dwellings_by_heating
    switch = [
        f"{dwellings(by[h])} een {HEATING_SHORT[h]}"
        for h in HEATING_SYSTEMS[1:]
        if by.get(h, 0) >= 0.5
    ]
    stay = by.get("gas_boiler", 0.0)
    keep = f"{dwellings(stay)} hun cv-ketel" if stay >= 0.5 else ""
    if switch and keep:
        return f"In het plan krijgen {and_list(switch)}; {keep} houden."
    if switch:
        return f"In het plan krijgen {and_list(switch)}."
    return f"In het plan houden alle {dwellings(stay)} hun cv-ketel."


def _measures_by(rows: pd.DataFrame, column: str, kind: str, title: str) -> list[tuple[str, ...]]:
    present = [h for h in HEATING_SYSTEMS if (rows["heating"] == h).any()]
    pivot = rows.pivot_table(
        index=rows[column].astype(object).where(rows[column].notna(), "unknown").astype(str),
        columns="heating",
        values="dwellings",
        aggfunc="sum",
        fill_value=0.0,
        sort=False,
    )
    out = [(title, *(HEATING[h] for h in present), "Samen")]
    for idx in pivot.index:
        name = zone_words(idx).capitalize() if kind == "zone" else word(kind, idx)
        values = [float(pivot.at[idx, h]) if h in pivot.columns else 0.0 for h in present]
        out.append((name, *(nl.num(v) for v in values), nl.num(sum(values))))
    return out


def _measure_tables(run: DocumentRun) -> list[Block]:
    rows = run.plan_rows
    blocks: list[Block] = []
    for key, column, kind, title, caption in (
        ("plan_by_type", "dwelling_type", "dwelling_type", "Woningtype", "per woningtype"),
        ("plan_by_zone", "heat_network_zone", "zone", "Zone", "per warmtezone"),
        ("plan_by_grid", "grid_zone", "zone", "Zone", "per laagspanningszone"),
    ):
        if column not in rows:
            continue
        head, *body = _measures_by(rows, column, kind, title)
        blocks.append(
            table(key, f"Verwarming in het plan {caption} (woningen)", head, body, "plan")
        )
    levels = rows.groupby("insulation")["dwellings"].sum()
    blocks.append(
        table(
            "plan_insulation",
            "Isolatie in het plan (woningen)",
            ("Isolatie", "Woningen"),
            [(INSULATION[lv], nl.num(levels[lv])) for lv in INSULATION_LEVELS if lv in levels],
            "plan",
        )
    )
    return blocks


def _collective(run: DocumentRun) -> Block:
    plan = run.plan
    items = []
    for zone, built in plan.heat_network_built.items():
        share = plan.heat_network_participation.get(zone, math.nan)
        items.append(
            f"Warmtenet in zone {zone_words(zone)}: "
            + (f"ja, met {nl.share(share)} van de woningen aangesloten" if built else "nee")
        )
    for zone, done in plan.grid_reinforced.items():
        items.append(f"Verzwaring van het net in {zone_words(zone)}: {'ja' if done else 'nee'}")
    if plan.solar_park_kwp > 0:
        items.append(f"Zonnepark van {nl.num(plan.solar_park_kwp, unit='kWp')}")
    return Bullets(tuple(items) or ("Het dorp bouwt in dit plan niets samen.",))


def _who_pays(run: DocumentRun) -> list[Block]:
    rows = run.plan_rows
    frame = pd.DataFrame(
        {
            "tenure": rows["tenure"].astype(object).where(rows["tenure"].notna(), "unknown"),
            "w": rows["dwellings"].astype(float),
            "total": rows["monthly_cost_change_eur"] * rows["dwellings"],
            "more": rows["dwellings"] * (rows["monthly_cost_change_eur"] > PAYS_MORE_EUR),
        }
    )
    per = frame.groupby("tenure", sort=False)[["w", "total", "more"]].sum()
    body = [
        (
            word("tenure", t),
            nl.num(r.w),
            nl.signed_money(r.total / r.w),
            nl.num(r.more),
            nl.share(r.more / r.w),
        )
        for t, r in per.iterrows()
    ]
    return [
        Paragraph(
            f"Onder het plan gaan {nl.num(per['more'].sum())} van de"
            f" {nl.num(per['w'].sum())} huishoudens ({nl.share(paying_more_share(run))}) er in"
            f" woonlasten meer dan {nl.money(PAYS_MORE_EUR)} per maand op achteruit in het eerste"
            " jaar."
        ),
        table(
            "plan_who_pays",
            "Wie betaalt meer onder het plan (eerste jaar)",
            ("Eigendom", "Huishoudens", "Woonlasten per maand", "Betaalt meer", "Aandeel"),
            body,
            "plan",
        ),
    ]


def coop_zone_words(run: DocumentRun) -> str:
    return f"zone {zone_words(run.case.zone)}" if run.case is not None else ""


NO_ZONE = (
    "Geen woning ligt in een zone waar een warmtenet kan komen; een coöperatief warmtenet is"
    " daarom niet doorgerekend."
)


def _organisation(run: DocumentRun) -> list[Block]:
    built = [z for z, b in run.plan.heat_network_built.items() if b]
    individual = run.plan_rows.loc[~run.plan_rows["heating"].isin(["gas_boiler"])]
    n_individual = float(
        individual.loc[~individual["heating"].str.startswith("heat_network"), "dwellings"].sum()
    )
    text = [
        "De gemeente heeft de regie: zij stelt het uitvoeringsplan vast, stemt het af met de"
        " netbeheerder en zorgt voor het energieloket.",
    ]
    if n_individual:
        text.append(
            f"{dwellings(n_individual).capitalize()} stappen zelf over op een warmtepomp; zij"
            " kunnen lenen bij het Nationaal Warmtefonds en subsidie (ISDE) aanvragen."
        )
    if built:
        text.append(
            f"Het warmtenet in {and_list([zone_words(z) for z in built])} wordt gedragen door"
            " een energiecoöperatie van de bewoners, als warmtegemeenschap onder de Wet"
            " collectieve warmte: van en voor de leden, zonder winstoogmerk."
        )
    elif run.case is None:
        text.append("Het plan legt geen warmtenet aan. " + NO_ZONE)
    else:
        text.append(
            "Het plan legt geen warmtenet aan. Hieronder staat wat een coöperatief warmtenet in"
            f" {coop_zone_words(run)} zou vragen, als het dorp die weg toch wil onderzoeken."
        )
    return [Paragraph(" ".join(text))]


def _coop_metrics(run: DocumentRun) -> list[tuple[str, str]]:
    case = run.case
    m = case.metrics
    irr = m.get("project_irr")
    dscr = m.get("min_dscr")
    return [
        ("Woningen in de zone", nl.num(case.zone_dwellings)),
        ("Aansluitingen", f"{nl.num(case.connections)} ({nl.share(case.participation)})"),
        ("Vast tarief per aansluiting, eerste jaar", nl.money(case.tariff_fixed_eur_per_yr[0])),
        ("Prijs per gigajoule, eerste jaar", nl.money(case.tariff_eur_per_gj[0], 2)),
        ("Aansluitbijdrage", nl.money(case.connection_fee_eur)),
        ("Investering", nl.money(m["investment_eur"])),
        ("Lening van de bank", nl.money(m["bank_debt_eur"])),
        ("Eigen vermogen nodig van de leden", nl.money(m["member_capital_eur"])),
        ("Eigen vermogen dat de leden inbrengen", nl.money(m["member_capital_offered_eur"])),
        ("Financieringstekort", nl.money(m["funding_gap_eur"])),
        ("Rendement van het project per jaar", nl.share(irr, 1) if irr is not None else "–"),
        (
            "Laagste dekking van de rente en aflossing (DSCR)",
            nl.num(dscr, 2) if dscr is not None and math.isfinite(dscr) else "–",
        ),
        ("Netto contante waarde van het project", nl.money(m["project_npv_eur"])),
    ]


def _business_case(run: DocumentRun) -> list[Block]:
    case = run.case
    if case is None:
        return [Paragraph(NO_ZONE)]
    m = case.metrics
    origin = {
        "plan": "de deelname die het plan aanneemt",
        "given": "de deelname die bij deze berekening is opgegeven",
        "survey": "wat de huishoudens in de enquête zeggen en wat voor hen het goedkoopst is",
        "alternatives": "wat voor elk huishouden het goedkoopst is",
        "whole_zone": "de hele zone als deelnemer, omdat voor geen enkel huishouden het"
        " warmtenet de goedkoopste keuze is; zo laat de businesscase zien wat een warmtenet hier"
        " op zijn best kan",
    }[run.case_origin]
    be = case.break_even_participation
    be_text = (
        f"Het project verdient zich terug vanaf {nl.share(be.value)} deelname."
        if be.value is not None and math.isfinite(be.value)
        else "Ook als iedereen in de zone meedoet, verdient het project zich niet terug."
    )
    cash = case.cash_flow_frame()
    blocks: list[Block] = [
        Paragraph(
            f"De businesscase rekent 30 jaar vooruit voor het warmtenet in"
            f" {coop_zone_words(run)}, met {origin}: {nl.num(case.connections)} van de"
            f" {nl.num(case.zone_dwellings)} woningen sluiten aan. {be_text} Er ontbreekt"
            f" {nl.money(m['funding_gap_eur'])} aan eigen vermogen (het financieringstekort)."
        ),
        table(
            "coop_metrics",
            "De coöperatie in cijfers",
            ("Onderdeel", "Waarde"),
            _coop_metrics(run),
            "coop_metrics",
        ),
        figure(
            "fig_coop_cash",
            "Kasstroom van de coöperatie per jaar (duizend euro)",
            "Staafdiagram van de kasstroom van het project per jaar in duizenden euro's: de"
            f" investering van {nl.money(m['investment_eur'])} in het eerste jaar, daarna"
            " de jaarlijkse kasstroom.",
            "coop",
            "grouped",
            [str(int(y)) for y in cash["year"]],
            {
                "Project": cash["project_cash_flow_eur"].to_numpy() / 1e3,
                "Leden, na rente en aflossing": cash["equity_cash_flow_eur"].to_numpy() / 1e3,
            },
            axis="duizend euro",
            chart="coop_cash_flow_chart",
        ),
    ]
    return blocks


def _constraints(run: DocumentRun) -> Paragraph:
    price = run.plan.co2_shadow_price_eur_per_t
    if price is not None and math.isfinite(price) and price > 0.005:
        return Paragraph(
            f"Het CO₂-doel bepaalt het plan: de laatste ton CO₂ die het plan per jaar vermijdt,"
            f" kost Nederland {nl.money(price)} per jaar."
        )
    return Paragraph("Het CO₂-doel kost niets extra: de goedkoopste mix haalt het al.")


def the_plan(run: DocumentRun) -> Chapter:
    """Chapter 4: the optimised plan, its organisation and the cooperative's business case."""
    plan = run.plan
    if not plan.has_solution:
        return Chapter(
            "plan",
            "4. Het plan",
            (
                Paragraph(
                    "Geen plan haalt alle doelen tegelijk. Versoepel een doel (CO₂, budget, net of"
                    " woonlasten) en maak het document opnieuw.",
                    "lead",
                ),
            ),
            "optimalisatie",
        )
    figures = plan_figures(run)
    by = {h: v for h, v in plan.dwellings_by_heating.items() if v >= 0.5}
    blocks: list[Block] = [
        Paragraph(
            f"Het plan is de goedkoopste mix die {nl.share(run.co2_target)} minder CO₂ haalt dan"
            f" nu. Het haalt {nl.share(figures['co2_reduction'])} en kost Nederland"
            f" {nl.money(figures['national_cost_eur_per_yr'])} per jaar, dat is"
            f" {nl.money(figures['national_extra_eur_per_yr'])} per jaar meer dan alles laten"
            f" zoals het is. {mix_sentence(run)}",
            "lead",
        ),
        _constraints(run),
        figure(
            "fig_mix",
            "Welke verwarming, hoeveel woningen",
            "Liggende staven van het aantal woningen per verwarming in het plan: "
            + "; ".join(f"{HEATING[h]} {nl.num(v)}" for h, v in by.items())
            + ".",
            "plan",
            "hbar",
            [HEATING[h] for h in by],
            {"Woningen": np.array(list(by.values()))},
            axis="aantal woningen",
            chart="mix_chart",
        ),
        Subheading("Maatregelen per zone en per groep woningen"),
        *_measure_tables(run),
        Subheading("Wat het dorp samen doet"),
        _collective(run),
        Subheading("Wie betaalt meer"),
        *_who_pays(run),
        Subheading("Wie voert het uit"),
        *_organisation(run),
        Subheading("De businesscase van de coöperatie"),
        *_business_case(run),
    ]
    return Chapter("plan", "4. Het plan", tuple(blocks), "optimalisatie")


def mean_change(run: DocumentRun) -> float:
    rows = run.plan_rows
    return weighted_mean(rows["monthly_cost_change_eur"], rows["dwellings"])
