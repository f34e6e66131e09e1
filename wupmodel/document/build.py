"""``wup_document``: one run of the model made into the village's Wijkuitvoeringsplan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from wupmodel.document.appendix import assumptions_appendix, provenance_appendix
from wupmodel.document.hours import hourly_frame
from wupmodel.document.letters import letters as make_letters
from wupmodel.document.model import WupDocument
from wupmodel.document.money import money_chapter
from wupmodel.document.options import options_compared
from wupmodel.document.plan import plan_figures, the_plan
from wupmodel.document.risks import risks
from wupmodel.document.run import DocumentRun, run_for_document
from wupmodel.document.summary import summary_chapter
from wupmodel.document.timeline import time_path
from wupmodel.document.today import village_today, village_wants
from wupmodel.inputs import ModelInputs
from wupmodel.scenario import Scenario

__all__ = ["wup_document", "document_from_run"]

_MISSING_WORDS = {
    "phasing": "het tijdpad (wie wanneer overstapt)",
    "criteria": "de afweging met de gewichten van het dorp",
    "hourly": "de uurberekening van het net",
    "policy": "de belastingen en subsidies per jaar na 2026",
}


def _source_tables(run: DocumentRun) -> dict[str, pd.DataFrame]:
    """The run's tables the document reads, by key of ``SOURCE_TABLES``."""
    case = run.case
    tables = {k: run.tables[k] for k in ("summary", "per_type", "who_pays", "per_dwelling")}
    if not run.plan_rows.empty:
        tables["plan"] = run.plan_rows
        tables["plan_totals"] = pd.DataFrame(
            [{"figure": k, "value": v} for k, v in plan_figures(run).items()]
        )
    if case is not None:
        tables["coop"] = case.cash_flow_frame()
        tables["coop_metrics"] = pd.DataFrame(
            [{"figure": k, "value": v} for k, v in case.metrics.items()]
        )
        tables["coop_financing"] = case.financing_frame()
    if run.criteria.available:
        tables["criteria"] = run.criteria.result.ranking().reset_index(names="strategy")
    if run.phasing.available and run.phasing.result.has_plan:
        tables["phasing_years"] = run.phasing.result.yearly
        tables["phasing_zones"] = run.phasing.result.zones
        tables["phasing_dwellings"] = run.phasing.result.dwellings
    if run.hourly.available:
        tables["hourly"] = hourly_frame(run.hourly.result)
    if run.risk is not None:
        tables["risk"] = run.risk["national"]
    if run.survey is not None:
        tables["survey"] = run.survey
    tables["assumptions"] = run.tables["assumptions"]
    tables["price_paths"] = run.tables["price_paths"]
    if "policy" in run.tables:  # taxes and support per year, where the run has them
        tables["policy"] = run.tables["policy"]
    return tables


def _data(run: DocumentRun) -> dict[str, Any]:
    """The run's key results as JSON values."""
    summary = run.summary.drop(columns=["label_en"], errors="ignore")
    data: dict[str, Any] = {
        "dwellings": run.dwellings,
        "summary": summary.to_dict(orient="records"),
        "plan": {**run.plan.to_json_dict(), "figures": plan_figures(run)}
        if run.plan.has_solution
        else run.plan.to_json_dict(),
        "business_case": run.case.to_json_dict() if run.case is not None else None,
    }
    if run.phasing.available:
        data["phasing"] = run.phasing.result.to_json_dict()
    if run.hourly.available:
        data["hourly"] = dict(run.hourly.result)
    return data


def document_from_run(
    run: DocumentRun,
    provenance: Mapping[str, Any] | None = None,
    letters: bool | Sequence[str] = False,
    addresses: Mapping[str, str] | None = None,
) -> WupDocument:
    """The document of a computed run (see :func:`wup_document`)."""
    provenance = dict(provenance or {})
    if provenance.get("village") and not run.village_name:
        run.village_name = str(provenance["village"])
    chapters = (
        summary_chapter(run),
        village_today(run),
        village_wants(run),
        options_compared(run),
        the_plan(run),
        time_path(run),
        money_chapter(run),
        risks(run),
        assumptions_appendix(run),
        provenance_appendix(run, provenance),
    )
    chosen = None if letters is True else list(letters) if letters else []
    made = make_letters(run, chosen, addresses) if letters else ()
    missing = tuple(
        _MISSING_WORDS[c.name] for c in (run.phasing, run.criteria, run.hourly) if not c.available
    ) + (() if "policy" in run.tables else (_MISSING_WORDS["policy"],))
    when = str(provenance.get("created", ""))[:10] or date.today().isoformat()
    village = run.village
    return WupDocument(
        title=f"Wijkuitvoeringsplan {village}",
        subtitle=f"Van het aardgas af: het plan van het dorp · uitgangspunten van scenario"
        f" ‘{run.scenario.name}’ · {when}",
        chapters=chapters,
        letters=made,
        tables=_source_tables(run),
        data=_data(run),
        provenance=provenance,
        missing=missing,
    )


def wup_document(  # long because the document's inputs are the run's, each optional
    stock: pd.DataFrame,
    scenario: Scenario | ModelInputs | None = None,
    *,
    survey: pd.DataFrame | None = None,
    co2_reduction: float | None = None,
    coop: Mapping[str, Any] | None = None,
    ranges: Scenario | None = None,
    letters: bool | Sequence[str] = False,
    addresses: Mapping[str, str] | None = None,
    provenance: Mapping[str, Any] | None = None,
    given: Mapping[str, Any] | None = None,
) -> WupDocument:
    """The village's Wijkuitvoeringsplan, from one run of the model.

    Parameters
    ----------
    stock
        The village's dwellings (validated).
    scenario
        The scenario, or its :class:`~wupmodel.inputs.ModelInputs` (default: the packaged one).
    survey
        What households say (:func:`wupmodel.io.load_survey`); it must name the stock's
        dwellings (one clear message otherwise). Used by the plan, the cooperative, chapter 2
        and the letters.
    co2_reduction
        The plan's CO2 target (default: the scenario's, else 60 % as in the app).
    coop
        Settings of the cooperative's business case (:func:`wupmodel.coop_settings` keys,
        e.g. ``participation``, ``zone``).
    ranges
        A scenario whose uncertainty ranges the risks chapter uses when ``scenario`` has none.
    letters
        ``True``: one letter per household (the survey's, or every dwelling); a list of
        dwelling ids: those.
    addresses
        Dwelling id -> an address line for the letters (only when the user's own stock file has
        them and the user asks; never read from the stock, which drops them).
    provenance
        What ran (:func:`wupmodel.io.run_provenance`), for appendix B.
    given
        Results already computed (``outcomes``, ``plan``, ``phasing``, ``criteria``), e.g. the
        app's plan on screen; ``hourly``: the hourly grid pass (its report, or the mapping of
        its ``to_json_dict()``), which fills chapter 1's grid section.

    Returns
    -------
    WupDocument
        Chapters of paragraphs, tables and figures with the run's numbers, ready for the
        writers of :mod:`wupmodel.io` (:func:`wupmodel.io.write_wup_document`).

    Examples
    --------
    >>> import wupmodel as wm
    >>> scenario = wm.load_scenario()
    >>> doc = wm.wup_document(wm.stock_for(scenario), scenario)
    >>> doc.headings()[:2]
    ['Samenvatting', '1. Het dorp nu']
    """
    run = run_for_document(
        stock,
        scenario,
        survey=survey,
        co2_reduction=co2_reduction,
        coop=coop,
        ranges=ranges,
        given=given,
    )
    return document_from_run(run, provenance, letters, addresses)
