"""What the village wants, weighed (chapter 2's criteria): every strategy and the plan scored
on comfort, health, noise, works, money and climate (:func:`wupmodel.criteria`), ranked with
the village's weights, and how often each comes first under other weights."""

from __future__ import annotations

import math

from wupmodel.criteria import CriteriaResult
from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Paragraph
from wupmodel.document.parts import table
from wupmodel.document.run import DocumentRun

__all__ = ["criteria_blocks"]

_GROUPS = {
    "equal": "Alles even zwaar",
    "residents": "Bewoners",
    "tenants": "Huurders",
    "corporation": "Corporatie",
    "municipality": "Gemeente",
}


def _names(run: DocumentRun) -> dict[str, str]:
    names = dict(zip(run.summary["strategy"], run.summary["label_nl"], strict=True))
    names["plan"] = "Het plan"
    return names


def _label(result: CriteriaResult, criterion: str) -> str:
    meta = result.meta
    if meta is not None and criterion in meta.index and "label_nl" in meta:
        text = str(meta.at[criterion, "label_nl"]).replace("CO2", "CO₂")
        return text[0].upper() + text[1:]
    return "Een criterium"


def criteria_blocks(run: DocumentRun) -> list[Block]:
    """The weights, the ranking and its robustness, and the stakeholder groups' rankings."""
    result: CriteriaResult = run.criteria.result
    names = _names(run)
    weights = [
        (_label(result, c), nl.share(w))
        for c, w in zip(result.weights.criteria, result.weights.values, strict=True)
    ]
    ranking = result.ranking()
    rows = [
        (names.get(s, s), nl.num(r["rank"]), nl.num(r["score"], 2), nl.share(r["robustness"]))
        for s, r in ranking.iterrows()
    ]
    best = names.get(ranking.index[0], ranking.index[0])
    values = [float(w) for w in result.weights.values if float(w) > 0]
    equal = bool(values) and max(values) - min(values) < 1e-9
    blocks: list[Block] = [
        Paragraph(
            f"Het model zet elke strategie{' en het plan' if 'plan' in ranking.index else ''}"
            f" naast elkaar op {nl.num(len(weights))} criteria: comfort in winter en zomer,"
            " geluid bij de buren, vocht, hoe lang de werkzaamheden duren, ruimte, de"
            " woonlasten, de nationale kosten, CO₂, het net en groene daken."
            f" {'Alle criteria wegen even zwaar; zo' if equal else 'Met de gewichten hieronder'}"
            f" komt {best.lower()} als eerste uit de afweging."
        ),
        table("criteria_weights", "De gewichten", ("Criterium", "Gewicht"), weights, "criteria"),
        table(
            "criteria_ranking",
            "De afweging: rangorde, score en hoe vaak een keuze bovenaan staat",
            ("Keuze", "Plaats", "Score", "Vaakst eerste"),
            rows,
            "criteria",
            f"‘Vaakst eerste’: in hoeveel van {nl.num(result.n_samples)} willekeurige"
            " verdelingen van de gewichten de keuze bovenaan staat.",
        ),
    ]
    groups = result.group_ranks
    if groups is not None and not groups.empty:
        head = ("Keuze", *(_GROUPS.get(g, str(g).capitalize()) for g in groups.columns))
        body = [(names.get(s, s), *(nl.num(v) for v in r.to_numpy())) for s, r in groups.iterrows()]
        blocks.append(
            table(
                "criteria_groups",
                "Plaats in de afweging met de gewichten van verschillende groepen (voorbeelden)",
                head,
                body,
                "criteria",
            )
        )
    if any(not math.isfinite(float(v)) for v in result.scores):
        blocks.append(Paragraph("Niet elke keuze heeft een score op elk criterium."))
    return blocks
