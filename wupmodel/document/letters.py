"""One letter per household: its options, its monthly costs, its year in the time path and
where to get help. Address-like details only when the caller passes them (the user's stock
file has them and the user asks)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Bullets, Letter, Paragraph
from wupmodel.document.options import strategy_names
from wupmodel.document.parts import table
from wupmodel.document.run import DocumentRun
from wupmodel.document.words import option_words, word

__all__ = ["letters", "HELP"]

#: where a household gets help (names, not addresses)
HELP = (
    "Het energieloket van uw gemeente: gratis advies over isoleren en een warmtepomp.",
    "Het Nationaal Warmtefonds: de Energiebespaarlening, tot een inkomen van € 60.000 zonder"
    " rente.",
    "De ISDE-subsidie van de Rijksdienst voor Ondernemend Nederland voor een warmtepomp,"
    " isolatie of een aansluiting op een warmtenet.",
    "De energiecoöperatie of het dorpsenergieteam: zij organiseren het plan in het dorp.",
)


def _options_table(rows: pd.DataFrame, names: dict[str, str]) -> Block:
    body = [
        (
            names.get(r.strategy, r.strategy),
            option_words(r.option_id).capitalize() if r.changes else "Blijft zoals het is",
            nl.money(r.capex_eur if r.changes else 0.0),
            nl.money(r.subsidy_eur if r.changes else 0.0),
            nl.signed_money(r.monthly_cost_change_eur),
        )
        for r in rows.itertuples()
    ]
    return table(
        "letter_options",
        "Uw mogelijkheden",
        ("Strategie", "Wat er gebeurt", "Investering", "Subsidie", "Woonlasten per maand"),
        body,
        "per_dwelling",
        text_columns=2,
    )


def _plan_sentence(plan_rows: pd.DataFrame) -> str:
    if plan_rows.empty:
        return "Zonder plan is er nog geen keuze voor uw woning."
    best = plan_rows.sort_values("share", ascending=False).iloc[0]
    change = float(best["monthly_cost_change_eur"])
    return (
        f"In het plan van het dorp krijgt uw woning: {option_words(best['option_id'])}."
        f" {nl.change(change, 'Uw woonlasten', ' per maand in het eerste jaar')}."
    )


def _year_sentence(run: DocumentRun, dwelling_id: str) -> Paragraph:
    if not run.phasing.available:
        return Paragraph(
            "Het jaar waarin uw woning in het tijdpad overstapt, volgt wanneer de fasering van"
            " het plan in het model zit.",
            "missing",
        )
    rows = run.phasing.result.dwellings
    mine = rows[rows["dwelling_id"].astype(str) == dwelling_id]
    year = float(mine["year"].iloc[0]) if len(mine) else math.nan
    if not math.isfinite(year):
        return Paragraph("In het tijdpad houdt uw woning voorlopig de cv-ketel.")
    return Paragraph(f"In het tijdpad stapt uw woning over in {nl.year(year)}.")


def letters(
    run: DocumentRun,
    dwelling_ids: list[str] | None = None,
    addresses: Mapping[str, str] | None = None,
) -> tuple[Letter, ...]:
    """One letter per dwelling of ``dwelling_ids`` (default: the survey's households, or all)."""
    per = run.tables["per_dwelling"]
    per = per.assign(dwelling_id=per["dwelling_id"].astype(str))
    by_dwelling = dict(tuple(per.groupby("dwelling_id", sort=False)))
    plan = run.plan_rows.assign(dwelling_id=run.plan_rows["dwelling_id"].astype(str))
    plan_by = dict(tuple(plan.groupby("dwelling_id", sort=False))) if len(plan) else {}
    if dwelling_ids is None:
        source = run.survey if run.survey is not None else run.stock
        dwelling_ids = list(source["dwelling_id"].astype(str))
    names = strategy_names(run.summary)
    village = run.village
    out = []
    for did in dwelling_ids:
        rows = by_dwelling.get(did)
        if rows is None:
            continue
        first = rows.iloc[0]
        where = (addresses or {}).get(did)
        describe = (
            f"{word('dwelling_type', first['dwelling_type']).lower()}, bouwjaar"
            f" {nl.year(first['construction_year'])}, {nl.num(first['floor_area_m2'], unit='m²')}"
        )
        blocks: list[Block] = [
            Paragraph("Beste bewoner,"),
            Paragraph(
                f"{village} maakt een plan om van het aardgas af te gaan. In deze brief staat wat"
                f" dat betekent voor uw woning ({describe}). De bedragen zijn gemiddelden voor"
                " een woning als de uwe; uw eigen situatie kan anders zijn."
            ),
            _options_table(rows, names),
            Paragraph(_plan_sentence(plan_by.get(did, pd.DataFrame()))),
            _year_sentence(run, did),
            Paragraph("Waar krijgt u hulp?"),
            Bullets(HELP),
        ]
        title = f"Uw woning: {where}" if where else f"Uw woning (nummer {did})"
        out.append(Letter(did, title, tuple(blocks)))
    return tuple(out)
