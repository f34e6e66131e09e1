"""Money (chapter 6): the investment, subsidies and loans, who pays what, the collective costs
and the cooperative's funding gap."""

from __future__ import annotations

import math

import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Chapter, Paragraph, Subheading
from wupmodel.document.parts import figure, households, table, weighted_mean
from wupmodel.document.plan import NO_ZONE, coop_zone_words
from wupmodel.document.run import DocumentRun
from wupmodel.document.words import word

__all__ = ["money_chapter"]

_FINANCING_WORDS = {
    "investment": "Investering",
    "bank fee": "Afsluitkosten bank",
    "debt service reserve": "Reserve voor rente en aflossing",
    "connection fees": "Aansluitbijdragen",
    "subsidies": "Subsidies",
    "bank debt (senior)": "Lening van de bank",
    "public loan": "Publieke lening",
    "member loans (subordinated)": "Ledenleningen (achtergesteld)",
    "member capital (equity)": "Eigen vermogen van de leden",
}


def _per_tenure(run: DocumentRun) -> pd.DataFrame:
    rows = run.plan_rows.copy()
    rows["tenure"] = rows["tenure"].astype(object).where(rows["tenure"].notna(), "unknown")
    w = rows["dwellings"].astype(float)
    agg = pd.DataFrame(
        {
            "tenure": rows["tenure"],
            "w": w,
            "capex": rows["capex_eur"] * w,
            "subsidy": rows["subsidy_eur"] * w,
            "loan": rows["loan_payment_eur_per_month"] * w,
            "change": rows["monthly_cost_change_eur"] * w,
        }
    ).groupby("tenure", sort=False)
    return agg.sum()


def _who_pays_what(run: DocumentRun) -> Block:
    per = _per_tenure(run)
    body = [
        (
            word("tenure", t),
            nl.num(r.w),
            nl.money(r.capex / r.w),
            nl.money(r.subsidy / r.w),
            nl.money(r.loan / r.w),
            nl.signed_money(r.change / r.w),
        )
        for t, r in per.iterrows()
    ]
    return table(
        "money_tenure",
        "Wie betaalt wat onder het plan, gemiddeld per huishouden",
        (
            "Eigendom",
            "Huishoudens",
            "Investering",
            "Subsidie",
            "Lening per maand",
            "Woonlasten per maand",
        ),
        body,
        "plan",
        "Bij huurwoningen investeert de verhuurder; de huurder betaalt via de huur en de"
        " energierekening.",
    )


def _financing(run: DocumentRun) -> list[Block]:
    if run.case is None:
        return [Paragraph(NO_ZONE)]
    frame = run.case.financing_frame()
    rows = [
        (
            "Besteding" if r.side == "uses" else "Bron",
            _FINANCING_WORDS.get(r.item, str(r.item)),
            nl.money(r.amount_eur),
        )
        for r in frame.itertuples()
    ]
    gap = run.case.metrics["funding_gap_eur"]
    offered = run.case.metrics["member_capital_offered_eur"]
    return [
        Paragraph(
            f"Voor het warmtenet in {coop_zone_words(run)} is"
            f" {nl.money(run.case.metrics['member_capital_eur'])} eigen vermogen van de leden"
            f" nodig. De leden brengen naar verwachting {nl.money(offered)} in; het"
            f" financieringstekort is {nl.money(gap)}. Dat tekort moet uit subsidie, een"
            " publieke lening of meer inbreng van de leden komen voordat een bank meedoet."
        ),
        table(
            "coop_financing",
            "Bestedingen en bronnen van de coöperatie",
            ("Soort", "Onderdeel", "Bedrag"),
            rows,
            "coop_financing",
            text_columns=2,
        ),
    ]


def money_chapter(run: DocumentRun) -> Chapter:
    """Chapter 6: what the plan costs and who pays it."""
    plan = run.plan
    if not plan.has_solution:
        return Chapter(
            "money",
            "6. Geld",
            (Paragraph("Zonder plan is er geen rekening.", "lead"),),
            "optimalisatie",
        )
    rows = run.plan_rows
    lends = rows["loan_payment_eur_per_month"].fillna(0.0) > 0.5
    borrowers = float(rows.loc[lends, "dwellings"].sum())
    loan = weighted_mean(
        rows.loc[lends, "loan_payment_eur_per_month"], rows.loc[lends, "dwellings"]
    )
    loan_text = (
        f"{households(borrowers)} {'leent' if round(borrowers) == 1 else 'lenen'} bij het"
        f" Nationaal Warmtefonds en {'lost' if round(borrowers) == 1 else 'lossen'} gemiddeld"
        f" {nl.money(loan)} per maand af."
        if borrowers >= 0.5
        else "Niemand hoeft bij het Nationaal Warmtefonds te lenen."
    )
    collective = plan.collective_cost_eur.get("national", math.nan)
    per = _per_tenure(run)
    names = [word("tenure", t) for t in per.index]
    blocks: list[Block] = [
        Paragraph(
            f"Huishoudens en verhuurders investeren samen {nl.money(plan.capex_eur)} (inclusief"
            f" btw), waarvan {nl.money(plan.subsidy_eur)} subsidie (ISDE) terugkomt. {loan_text}"
            " Wat het dorp samen bouwt (warmtenet, netverzwaring, zonnepark) kost"
            f" {nl.money(collective)} per jaar aan nationale kosten.",
            "lead",
        ),
        Subheading("Wie betaalt wat"),
        _who_pays_what(run),
        figure(
            "fig_money_tenure",
            "Verandering woonlasten per maand onder het plan, per eigendom (euro)",
            "Staafdiagram van de gemiddelde verandering van de woonlasten per maand onder het"
            " plan: "
            + "; ".join(
                f"{n} {nl.signed_money(r.change / r.w)}"
                for n, (_t, r) in zip(names, per.iterrows(), strict=True)
            )
            + ".",
            "plan",
            "bar",
            names,
            {"Euro per maand": (per["change"] / per["w"]).to_numpy()},
            axis="euro per maand",
            chart="category_bars",
        ),
        Subheading("De coöperatie en het financieringstekort"),
        *_financing(run),
    ]
    return Chapter("money", "6. Geld", tuple(blocks), "optimalisatie, coöperatie")
