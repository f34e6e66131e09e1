"""The village today (chapter 1) and what the village wants (chapter 2)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.hours import hourly_blocks
from wupmodel.document.model import Block, Chapter, Paragraph, Subheading
from wupmodel.document.parts import dwellings, figure, missing, period_of, table
from wupmodel.document.run import DocumentRun, main_strategy
from wupmodel.document.wishes import criteria_blocks
from wupmodel.document.words import word, zone_words
from wupmodel.vocabulary import CONSTRUCTION_PERIODS, DWELLING_TYPES, ENERGY_LABELS, TENURES

__all__ = ["village_today", "village_wants"]


def _reference_rows(run: DocumentRun) -> pd.DataFrame:
    """The per-dwelling table's rows of the reference (every dwelling keeps its boiler)."""
    rows = run.tables["per_dwelling"]
    return rows[rows["strategy"] == "reference"]


def _counts(values: pd.Series, weights: pd.Series, order: tuple[str, ...]) -> pd.Series:
    keys = values.astype(object).where(values.notna(), "unknown").astype(str)
    totals = weights.groupby(keys.to_numpy()).sum()
    present = [k for k in order if k in totals.index] + [k for k in totals.index if k not in order]
    return totals.reindex(present)


def _stock_tables(run: DocumentRun) -> list[Block]:
    ref = _reference_rows(run)
    weight = ref["count"].astype(float)
    total = float(weight.sum())
    parts = (
        ("type", "Woningtype", "dwelling_type", ref["dwelling_type"], DWELLING_TYPES),
        (
            "period",
            "Bouwperiode",
            "period",
            pd.Series(period_of(ref["construction_year"].to_numpy()), index=ref.index),
            tuple(p for p, _a, _b in CONSTRUCTION_PERIODS),
        ),
        ("label", "Energielabel", "label", ref["energy_label"], ENERGY_LABELS),
        ("tenure", "Eigendom", "tenure", ref["tenure"], TENURES),
    )
    blocks: list[Block] = []
    for key, title, kind, values, order in parts:
        counts = _counts(values, weight, order)
        names = [word(kind, v) if kind != "label" else _label(v) for v in counts.index]
        blocks.append(
            table(
                f"stock_{key}",
                f"Woningen naar {title.lower()}",
                (title, "Woningen", "Aandeel"),
                [
                    (n, nl.num(c), nl.share(c / total))
                    for n, c in zip(names, counts.to_numpy(), strict=True)
                ],
                "per_dwelling",
            )
        )
        if key == "type":
            blocks.append(
                figure(
                    "fig_types",
                    "Woningen naar type",
                    "Staafdiagram van het aantal woningen per woningtype: "
                    + "; ".join(
                        f"{n} {nl.num(c)}" for n, c in zip(names, counts.to_numpy(), strict=True)
                    )
                    + ".",
                    "per_dwelling",
                    "bar",
                    names,
                    {"Woningen": counts.to_numpy()},
                    axis="aantal woningen",
                    chart="category_bars",
                )
            )
    return blocks


def _label(value: str) -> str:
    return "Onbekend" if value in ("unknown", "", "nan", "None") else str(value)


def _energy_blocks(run: DocumentRun) -> list[Block]:
    ref = run.strategy("reference")
    per_type = run.tables["per_type"]
    per_type = per_type[per_type["strategy"] == "reference"]
    lead = Paragraph(
        f"Samen verbruiken de woningen nu {nl.num(ref['gas_m3'], unit='m³')} aardgas en"
        f" {nl.num(ref['electricity_mwh'], unit='MWh')} elektriciteit per jaar. Dat geeft"
        f" {nl.num(ref['co2_t'], unit='ton')} CO₂ per jaar, gemiddeld"
        f" {nl.num(1000 * ref['co2_t'] / run.dwellings, unit='kg')} per woning."
    )
    rows = [
        (
            word("dwelling_type", r.dwelling_type),
            nl.num(r.dwellings),
            nl.num(r.avg_gas_m3),
            nl.num(r.avg_co2_kg * r.dwellings / 1000.0, 1),
            nl.money(r.avg_bill_year1_eur / 12.0),
        )
        for r in per_type.itertuples()
    ]
    co2 = per_type["avg_co2_kg"].to_numpy() * per_type["dwellings"].to_numpy() / 1000.0
    names = [word("dwelling_type", v) for v in per_type["dwelling_type"]]
    return [
        lead,
        table(
            "energy_by_type",
            "Energie en CO₂ nu, per woningtype (iedereen houdt de cv-ketel)",
            (
                "Woningtype",
                "Woningen",
                "Gas per woning [m³/jaar]",
                "CO₂ samen [ton/jaar]",
                "Energierekening per woning [per maand]",
            ),
            rows,
            "per_type",
        ),
        figure(
            "fig_co2_type",
            "CO₂-uitstoot nu per woningtype (ton per jaar)",
            "Staafdiagram van de CO₂-uitstoot per jaar per woningtype nu: "
            + "; ".join(f"{n} {nl.num(v, 1)} ton" for n, v in zip(names, co2, strict=True))
            + ".",
            "per_type",
            "bar",
            names,
            {"CO₂": co2},
            axis="ton CO₂ per jaar",
            decimals=1,
            chart="category_bars",
        ),
    ]


def _grid_blocks(run: DocumentRun) -> list[Block]:
    ref = run.strategy("reference")
    zones = run.stock["grid_zone"] if "grid_zone" in run.stock else pd.Series(dtype=object)
    count = run.stock["count"] if "count" in run.stock else pd.Series(1, index=run.stock.index)
    per_zone = count.groupby(zones.astype(str).to_numpy()).sum() if len(zones) else pd.Series()
    capacity = run.plan.grid_capacity_kw if run.plan.has_solution else {}
    rows = [
        (
            zone_words(z).capitalize(),
            nl.num(n),
            nl.num(capacity.get(z), unit="kW") if z in capacity else "onbekend",
        )
        for z, n in per_zone.items()
    ]
    blocks: list[Block] = [
        Paragraph(
            f"Het dorp vraagt nu op het drukste moment ongeveer {nl.num(ref['peak_kw'], unit='kW')}"
            " van het laagspanningsnet (alle woningen samen, na gelijktijdigheid)."
            f" Het net is verdeeld in {nl.num(len(per_zone))}"
            f" {'zone' if len(per_zone) == 1 else 'zones'}."
        )
    ]
    if rows:
        blocks.append(
            table(
                "grid_zones",
                "Laagspanningszones: woningen en ruimte op het net",
                ("Zone", "Woningen", "Capaciteit met het plan"),
                rows,
                "per_dwelling,plan_totals",
                "Capaciteit na gelijktijdigheid, met de verzwaring die het plan kiest"
                " (hoofdstuk 4).",
            )
        )
    if run.hourly.available:
        labels = dict(zip(run.summary["strategy"], run.summary["label_nl"], strict=True))
        main = main_strategy(run.plan, run.summary)
        blocks += hourly_blocks(run.hourly.result, labels, main, run.dwellings)
    else:
        blocks.append(
            missing(
                "De belasting van het net per uur, de piek per zone en het eigen gebruik van"
                " zonnestroom uit de uurberekening",
                "de uurberekening in het model zit",
            )
        )
    return blocks


def village_today(run: DocumentRun) -> Chapter:
    """Chapter 1: the dwellings by type, period, label and tenure; energy and CO2; the grid."""
    village = run.village
    blocks: list[Block] = [
        Paragraph(
            f"{village} telt {dwellings(run.dwellings)}. Dit hoofdstuk beschrijft de"
            " woningen, wat ze nu aan energie gebruiken en het elektriciteitsnet waar ze op"
            " aangesloten zijn.",
            "lead",
        ),
        Subheading("De woningen"),
        *_stock_tables(run),
        Subheading("Energie en CO₂"),
        *_energy_blocks(run),
        Subheading("Het elektriciteitsnet"),
        *_grid_blocks(run),
    ]
    return Chapter("today", "1. Het dorp nu", tuple(blocks), "evaluatie")


def _target_rows(run: DocumentRun) -> list[tuple[str, str]]:
    targets = run.scenario.targets
    origin = {
        "scenario": "uit het scenario",
        "given": "bij deze berekening opgegeven",
        "default": "standaarddoel van het model; het scenario noemt geen doel",
    }[run.co2_target_origin]
    rows = [("CO₂-reductie ten opzichte van nu", f"{nl.share(run.co2_target)} ({origin})")]
    if targets.budget_eur is not None:
        rows.append(("Budget voor investeringen", nl.money(targets.budget_eur)))
    if targets.max_monthly_cost_increase_eur is not None:
        rows.append(
            (
                "Grootste stijging van de woonlasten die een huishouden mag dragen",
                f"{nl.money(targets.max_monthly_cost_increase_eur)} per maand",
            )
        )
    if targets.heat_network_min_participation is not None:
        rows.append(
            ("Deelname nodig voor een warmtenet", nl.share(targets.heat_network_min_participation))
        )
    if targets.energy_neutral_share is not None:
        rows.append(
            ("Eigen opwek als deel van het gebruik", nl.share(targets.energy_neutral_share))
        )
    perspective = "nationale kosten" if targets.perspective == "national" else "eigen kosten"
    rows.append(("Het plan zoekt de laagste", perspective))
    return rows


def _survey_blocks(run: DocumentRun) -> list[Block]:
    survey = run.survey
    if survey is None:
        return [
            Paragraph(
                "Bij deze berekening is geen enquête onder de bewoners meegegeven. Met een"
                " enquête (wie wil meedoen met een warmtenet, wie een warmtepomp plant, wie al"
                " geïsoleerd heeft) rekent het plan met wat de huishoudens zelf zeggen."
            )
        ]
    yes, maybe, no = (float(survey[c].sum()) for c in ("yes", "maybe", "no"))
    answered = yes + maybe + no
    rows = [
        ("Ja, wil meedoen met een warmtenet", nl.num(yes), nl.share(yes / answered)),
        ("Misschien", nl.num(maybe), nl.share(maybe / answered)),
        ("Nee", nl.num(no), nl.share(no / answered)),
    ]
    for col, label in (
        ("plans_heat_pump", "Plant een warmtepomp"),
        ("already_insulated", "Heeft al geïsoleerd"),
    ):
        if col in survey and survey[col].notna().any():
            n = float(np.nansum(survey[col].to_numpy(dtype=float)))
            rows.append((label, nl.num(n), nl.share(n / answered)))
    blocks: list[Block] = [
        Paragraph(
            f"In de enquête gaven {dwellings(answered)} antwoord"
            f" ({nl.share(answered / run.dwellings)} van het dorp)."
        ),
        table(
            "survey",
            "Wat de huishoudens in de enquête zeggen",
            ("Antwoord", "Woningen", "Aandeel"),
            rows,
            "survey",
        ),
    ]
    if "invest_eur" in survey and float(np.nansum(survey["invest_eur"])) > 0:
        blocks.append(
            Paragraph(
                "Samen willen de huishoudens"
                f" {nl.money(float(np.nansum(survey['invest_eur'])))} als lid in een"
                " coöperatie steken."
            )
        )
    return blocks


def village_wants(run: DocumentRun) -> Chapter:
    """Chapter 2: the targets, the criteria and the village's weights, the survey."""
    blocks: list[Block] = [
        Paragraph(
            "Een uitvoeringsplan is van het dorp zelf: het dorp kiest zijn doelen, weegt wat het"
            " belangrijk vindt en zegt wie mee wil doen.",
            "lead",
        ),
        Subheading("Doelen"),
        table(
            "targets",
            "De doelen waarmee het plan is gemaakt",
            ("Doel", "Waarde"),
            _target_rows(run),
            "assumptions",
        ),
        Subheading("Wat het dorp belangrijk vindt"),
    ]
    if run.criteria.available:
        blocks += criteria_blocks(run)
    else:
        blocks.append(
            missing(
                "De afweging van comfort, gezondheid, geluid, hinder en klimaat met de gewichten"
                " van het dorp",
                "de afweging naar wat het dorp belangrijk vindt in het model zit",
            )
        )
    blocks += [Subheading("Wie wil meedoen"), *_survey_blocks(run)]
    filled = run.criteria.available
    return Chapter("wants", "2. Wat het dorp wil", tuple(blocks), "afweging", filled)
