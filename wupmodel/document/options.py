"""The options compared (chapter 3): every strategy in both perspectives, the woonlasten per
dwelling type and per tenure, the national cost per tonne of CO2."""

from __future__ import annotations

import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Chapter, Paragraph, Subheading
from wupmodel.document.parts import figure, table
from wupmodel.document.run import PAYS_MORE_EUR, DocumentRun
from wupmodel.document.words import word

__all__ = ["options_compared", "strategy_names"]


def strategy_names(summary: pd.DataFrame) -> dict[str, str]:
    """Strategy -> its Dutch name (the summary's ``label_nl``)."""
    return dict(zip(summary["strategy"], summary["label_nl"], strict=True))


def _energy_table(summary: pd.DataFrame) -> Block:
    rows = [
        (
            r.label_nl,
            f"{nl.num(r.dwellings_feasible)} van {nl.num(r.dwellings)}",
            nl.num(r.gas_m3),
            nl.num(r.co2_t),
            nl.share(r.co2_reduction),
            nl.num(r.peak_kw),
        )
        for r in summary.itertuples()
    ]
    return table(
        "strategy_energy",
        "Energie en CO₂ per strategie (eerste jaar, het hele dorp)",
        (
            "Strategie",
            "Woningen waar het kan",
            "Gas [m³/jaar]",
            "CO₂ [ton/jaar]",
            "CO₂ minder dan nu",
            "Netpiek [kW]",
        ),
        rows,
        "summary",
        "Woningen waar een systeem niet kan, houden hun cv-ketel.",
    )


def _money_table(summary: pd.DataFrame) -> Block:
    rows = [
        (
            r.label_nl,
            nl.money(r.investment_per_dwelling_eur),
            nl.money(r.subsidy_eur),
            nl.money(r.national_extra_eur_per_yr),
            nl.money(r.national_eur_per_t_co2) if r.strategy != "reference" else "–",
            nl.money(r.national_eur_per_weq_per_yr),
        )
        for r in summary.itertuples()
    ]
    return table(
        "strategy_money",
        "Kosten per strategie: investering en de nationale kosten",
        (
            "Strategie",
            "Investering per woning",
            "Subsidie samen",
            "Nationale meerkosten per jaar",
            "Per vermeden ton CO₂",
            "Per woning per jaar",
        ),
        rows,
        "summary",
        "Investering inclusief btw, vóór subsidie, voor de woningen die overstappen. Nationale"
        " kosten: wat Nederland als geheel betaalt, zonder belastingen en subsidies, met 2,25 %"
        " maatschappelijke rente, inclusief netverzwaring en warmtebronnen.",
    )


def _woonlasten_table(summary: pd.DataFrame) -> Block:
    rows = [
        (
            r.label_nl,
            nl.signed_money(r.monthly_cost_change_avg_eur),
            nl.signed_money(r.bill_change_avg_eur),
            nl.signed_money(r.loan_avg_eur),
            nl.signed_money(r.own_capital_avg_eur),
            nl.signed_money(r.rent_avg_eur),
            nl.share(r.share_paying_more),
        )
        for r in summary.itertuples()
    ]
    return table(
        "strategy_woonlasten",
        "Woonlasten per strategie: verandering per maand, gemiddeld per huishouden (eerste jaar)",
        (
            "Strategie",
            "Woonlasten",
            "Energierekening",
            "Lening",
            "Eigen geld",
            "Huur",
            "Betaalt meer",
        ),
        rows,
        "summary",
        "Ten opzichte van de cv-ketel houden. ‘Betaalt meer’: het deel van de huishoudens"
        f" waarvan de woonlasten met meer dan {nl.money(PAYS_MORE_EUR)} per maand stijgen.",
    )


def _pivot_table(
    frame: pd.DataFrame,
    key: str,
    caption: str,
    row_kind: str,
    row_col: str,
    value_col: str,
    names: dict[str, str],
    source: str,
) -> Block:
    pivot = frame.pivot_table(index=row_col, columns="strategy", values=value_col, sort=False)
    strategies = [s for s in names if s in pivot.columns and s != "reference"]
    rows = [
        (word(row_kind, idx), *(nl.signed_money(pivot.at[idx, s]) for s in strategies))
        for idx in pivot.index
    ]
    head = (row_kind == "tenure" and "Eigendom") or "Woningtype"
    return table(key, caption, (head, *(names[s] for s in strategies)), rows, source)


def _per_tonne_figure(others: pd.DataFrame) -> Block:
    return figure(
        "fig_eur_per_t",
        "Nationale kosten per vermeden ton CO₂ (euro)",
        "Liggende staven van de nationale kosten per vermeden ton CO₂ per strategie: "
        + "; ".join(
            f"{r.label_nl} {nl.money(r.national_eur_per_t_co2)}" for r in others.itertuples()
        )
        + ".",
        "summary",
        "hbar",
        list(others["label_nl"]),
        {"Euro per ton": others["national_eur_per_t_co2"].to_numpy()},
        axis="euro per ton CO₂",
        chart="strategy_bars",
    )


def _monthly_figure(others: pd.DataFrame) -> Block:
    return figure(
        "fig_monthly",
        "Verandering woonlasten per maand, gemiddeld (euro)",
        "Liggende staven van de gemiddelde verandering van de woonlasten per maand per"
        " strategie: "
        + "; ".join(
            f"{r.label_nl} {nl.signed_money(r.monthly_cost_change_avg_eur)}"
            for r in others.itertuples()
        )
        + ".",
        "summary",
        "hbar",
        list(others["label_nl"]),
        {"Euro per maand": others["monthly_cost_change_avg_eur"].to_numpy()},
        axis="euro per maand",
        chart="strategy_bars",
    )


def options_compared(run: DocumentRun) -> Chapter:
    """Chapter 3: the strategies side by side in both perspectives."""
    summary = run.summary
    names = strategy_names(summary)
    others = summary[summary["strategy"] != "reference"]
    cheapest = others.loc[others["national_eur_per_t_co2"].idxmin()]
    kindest = others.loc[others["monthly_cost_change_avg_eur"].idxmin()]
    blocks: list[Block] = [
        Paragraph(
            "Voor elke manier van verwarmen rekent het model uit wat er gebeurt als alle woningen"
            " die het kunnen, overstappen, op het isolatieniveau dat bij dat systeem past (de"
            " strategieën van de Startanalyse aardgasvrije buurten van het PBL). Het kijkt op"
            " twee manieren: wat het Nederland als geheel kost (nationale kosten) en wat het de"
            " huishoudens zelf kost (woonlasten, met belastingen, subsidies en leningen).",
            "lead",
        ),
        Paragraph(
            f"Per vermeden ton CO₂ is {cheapest['label_nl'].lower()} voor Nederland het"
            f" goedkoopst ({nl.money(cheapest['national_eur_per_t_co2'])} per ton). Voor de"
            f" huishoudens is {kindest['label_nl'].lower()} het gunstigst:"
            f" {nl.change(kindest['monthly_cost_change_avg_eur'])} (gemiddeld)."
        ),
        Subheading("Energie en CO₂"),
        _energy_table(summary),
        Subheading("Nationale kosten"),
        _money_table(summary),
        _per_tonne_figure(others),
        Subheading("Woonlasten"),
        _woonlasten_table(summary),
        _monthly_figure(others),
        _pivot_table(
            run.tables["per_type"],
            "woonlasten_type",
            "Verandering woonlasten per maand per woningtype, gemiddeld (eerste jaar)",
            "dwelling_type",
            "dwelling_type",
            "avg_monthly_cost_change_eur",
            names,
            "per_type",
        ),
        _pivot_table(
            run.tables["who_pays"],
            "woonlasten_tenure",
            "Verandering woonlasten per maand voor kopers en huurders, gemiddeld (eerste jaar)",
            "tenure",
            "tenure",
            "monthly_cost_change_avg_eur",
            names,
            "who_pays",
        ),
    ]
    return Chapter("options", "3. De mogelijkheden vergeleken", tuple(blocks), "evaluatie")
