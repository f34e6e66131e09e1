"""What households say: a survey per dwelling or per group of the stock (CSV or XLSX).

Two layouts, told apart by their columns:

* **per dwelling** -- ``dwelling_id``, ``would_join`` (yes / maybe / no; Dutch ja / misschien /
  nee too; empty = maybe), and optionally ``plans_heat_pump`` and ``already_insulated``
  (yes / no) and ``invest_eur`` (what the household would put in as a member, EUR). A household
  that plans a heat pump and gives no answer on joining counts as *no*.
* **per group** -- ``dwelling_id`` of a grouped stock row (with its ``count``) and the counts
  ``join_yes``, ``join_maybe``, ``join_no`` (they may not add up to more than the row's count),
  optionally ``invest_eur`` for the whole row.

:func:`validate_survey` checks it (one clear message per problem: which row, which value,
what is allowed; the files are read by :mod:`wupmodel.io`); :func:`survey_counts` maps it onto a
zone's groups for the business case;
:func:`survey_choices` turns it into the choices households already made, for the optimiser, and
:func:`survey_targets` adds a minimum heat-network participation per zone (the zone's share of
dwellings that said yes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.outcomes import Outcomes
from wupmodel.vocabulary import HEATING_SYSTEMS

ANSWERS = {
    "yes": "yes",
    "ja": "yes",
    "y": "yes",
    "j": "yes",
    "1": "yes",
    "true": "yes",
    "no": "no",
    "nee": "no",
    "n": "no",
    "0": "no",
    "false": "no",
    "maybe": "maybe",
    "misschien": "maybe",
    "m": "maybe",
    "?": "maybe",
    "": "maybe",
    "nan": "maybe",
}
GROUP_COLUMNS = ("join_yes", "join_maybe", "join_no")


def _stock_rows(survey: pd.DataFrame, outcomes) -> dict[str, int]:
    """Dwelling id -> its input row in ``outcomes``; a survey row naming a dwelling that is not in
    the stock is one clear error (the first such row, and how many there are)."""
    source = survey.attrs.get("source", "survey")
    where = {d: i for i, d in enumerate(outcomes.dwelling_ids.astype(str))}
    unknown = [
        (r, d) for r, d in zip(survey["row"], survey["dwelling_id"], strict=True) if d not in where
    ]
    if unknown:
        row, dwelling = unknown[0]
        raise WupInputError(
            f"{source}: row {row}: dwelling '{dwelling}' is not in the stock ({len(unknown)}"
            " unknown dwelling(s) in all); survey rows must name the stock's dwelling_id",
            source,
            code="survey_unknown_dwelling",
            details={"row": row, "dwelling": dwelling, "count": len(unknown)},
        )
    return where


def columns_found(columns: list[str]) -> str:
    """The columns a table has, in words; a single column holding what looks like separators
    is named as a file with another separator."""
    shown = ", ".join(repr(c[:40]) for c in columns[:12])
    more = f" and {len(columns) - 12} more" if len(columns) > 12 else ""
    text = f"columns found: {shown}{more}"
    if len(columns) == 1 and any(ch in columns[0] for ch in "|: /"):
        text += "; the file seems to use another separator: separate columns with , or ;"
    return text


def _answer(value: object, column: str, row: int, source: str) -> str:
    key = str(value).strip().lower() if value is not None else ""
    if key not in ANSWERS:
        raise WupInputError(
            f"{source}: row {row}: {column} = {str(value)[:40]!r} is not an answer; allowed: yes, "
            "maybe, no "
            "(ja, misschien, nee; empty = maybe)",
            source,
            code="survey_answer",
            details={"row": row, "column": column, "value": value},
        )
    return ANSWERS[key]


def validate_survey(
    raw: pd.DataFrame,
    *,
    source: str = "survey",
    row_numbers: np.ndarray | None = None,
) -> pd.DataFrame:
    """Check a survey table; returns one row per dwelling (or stock row) with ``dwelling_id``,
    ``yes``, ``maybe``, ``no`` (dwellings), ``plans_heat_pump``, ``already_insulated`` (dwellings
    or NaN) and ``invest_eur``.

    Row numbers in messages are ``row_numbers`` (one per row, e.g. the file's lines) or the
    table's rows counted as in a file with a header (first row = 2); ``source`` names the
    table in messages. Files are read by :func:`wupmodel.io.load_survey`.
    """
    raw = raw.copy()
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    if "dwelling_id" not in raw.columns:
        raise WupInputError(
            f"{source}: needs a dwelling_id column ({columns_found(list(raw.columns))})",
            source,
            code="survey_no_id",
            details={"columns": list(raw.columns)[:50]},
        )
    if raw.empty:
        raise WupInputError(
            f"{source}: has a header but no answers; give one row per dwelling (or stock row)",
            source,
            code="survey_no_rows",
        )
    raw = raw.fillna("").reset_index(drop=True)
    rows_in_file = (
        np.arange(2, len(raw) + 2)
        if row_numbers is None
        else np.asarray(row_numbers, dtype=np.int64)
    )
    ids = raw["dwelling_id"].astype(str).str.strip()
    dupes = ids[ids.duplicated()]
    if not dupes.empty:
        row = int(rows_in_file[dupes.index[0]])
        raise WupInputError(
            f"{source}: row {row}: dwelling '{dupes.iloc[0]}' appears twice",
            source,
            code="survey_duplicate",
            details={"row": row, "dwelling": dupes.iloc[0]},
        )
    per_group = all(c in raw.columns for c in GROUP_COLUMNS)
    if not per_group and "would_join" not in raw.columns:
        raise WupInputError(
            f"{source}: needs a would_join column (per dwelling) or join_yes, join_maybe, join_no "
            f"(per group); {columns_found(list(raw.columns))}",
            source,
            code="survey_no_answer",
        )
    rows = []
    for i, rec in enumerate(raw.to_dict(orient="records")):  # file checking, not a hot path
        n = int(rows_in_file[i])
        out = {"dwelling_id": ids.iloc[i], "row": n}
        if per_group:
            for col in GROUP_COLUMNS:
                out[col.split("_")[1]] = _number(rec[col], col, n, source, default=0.0)
        else:
            answer = _answer(rec["would_join"], "would_join", n, source)
            plans = _answer(rec.get("plans_heat_pump", ""), "plans_heat_pump", n, source)
            if plans == "yes" and str(rec["would_join"]).strip() == "":
                answer = "no"
            out.update({k: float(answer == k) for k in ("yes", "maybe", "no")})
            out["plans_heat_pump"] = {"yes": 1.0, "no": 0.0}.get(plans, np.nan)
            insulated = _answer(rec.get("already_insulated", ""), "already_insulated", n, source)
            out["already_insulated"] = {"yes": 1.0, "no": 0.0}.get(insulated, np.nan)
        out["invest_eur"] = _number(rec.get("invest_eur", ""), "invest_eur", n, source, default=0.0)
        rows.append(out)
    frame = pd.DataFrame(rows)
    frame.attrs["source"] = source
    frame.attrs["per_group"] = per_group
    return frame


#: the columns of a per-dwelling survey a household fills in, after the ones that identify it
SURVEY_ANSWER_COLUMNS = ("would_join", "plans_heat_pump", "already_insulated", "invest_eur")
_TEMPLATE_ID_COLUMNS = ("dwelling_id", "dwelling_type", "construction_year", "heat_network_zone")


def survey_template(stock: pd.DataFrame, zone: str | None = None) -> pd.DataFrame:
    """An empty per-dwelling survey for ``stock`` (or its heat-network ``zone``): one row per
    dwelling with what identifies it (id, type, construction year, zone) and empty answer
    columns (:data:`SURVEY_ANSWER_COLUMNS`) to fill in and upload again (:func:`load_survey`).

    Raises
    ------
    WupInputError
        For a zone the stock does not have.
    """
    rows = stock
    if zone is not None:
        zones = (
            stock.get("heat_network_zone", pd.Series("", index=stock.index)).fillna("").astype(str)
        )
        if zone not in set(zones):
            raise WupInputError(
                f"heat-network zone {zone!r} is not in the stock; zones: "
                f"{', '.join(sorted(z for z in set(zones) if z)) or '(none)'}"
            )
        rows = stock[zones == zone]
    out = pd.DataFrame({c: rows[c].to_numpy() if c in rows else "" for c in _TEMPLATE_ID_COLUMNS})
    out["dwelling_id"] = out["dwelling_id"].astype(str)
    for column in SURVEY_ANSWER_COLUMNS:
        out[column] = ""
    return out


def _number(value: object, column: str, row: int, source: str, default: float) -> float:
    text = str(value).strip().replace(",", ".")
    if text in ("", "nan"):
        return default
    try:
        number = float(text)
    except ValueError:
        raise WupInputError(
            f"{source}: row {row}: {column} = {value!r} is not a number",
            source,
            code="survey_number",
            details={"row": row, "column": column, "value": value},
        ) from None
    if not np.isfinite(number) or number < 0:
        raise WupInputError(
            f"{source}: row {row}: {column} = {value!r} must be a number >= 0",
            source,
            code="survey_number",
            details={"row": row, "column": column, "value": value},
        )
    return number


def survey_counts(
    survey: pd.DataFrame, outcomes: Outcomes, households
) -> tuple[np.ndarray, np.ndarray]:
    """Dwellings per group of the zone that said yes and no.

    Parameters
    ----------
    survey
        From :func:`load_survey`.
    outcomes
        The evaluated stock (its dwelling ids and groups).
    households
        The zone's :class:`~wupmodel.coop.participation.ZoneHouseholds`.

    Returns
    -------
    (yes, no), each (G,) over the zone's groups.
    """
    source = survey.attrs.get("source", "survey")
    where = _stock_rows(survey, outcomes)
    position = {int(g): k for k, g in enumerate(households.group_index)}
    yes = np.zeros(households.group_index.size)
    no = np.zeros(households.group_index.size)
    for rec in survey.to_dict(orient="records"):
        i = where[rec["dwelling_id"]]
        count = float(outcomes.dwelling_count[i])
        if survey.attrs.get("per_group") and rec["yes"] + rec["maybe"] + rec["no"] > count + 1e-9:
            raise WupInputError(
                f"{source}: row {rec['row']}: join_yes + join_maybe + join_no ="
                f" {rec['yes'] + rec['maybe'] + rec['no']:g} is more than the row's {count:g}"
                " dwellings",
                source,
            )
        scale = 1.0 if survey.attrs.get("per_group") else count
        k = position.get(int(outcomes.dwelling_group[i]))
        if k is None:  # a dwelling outside the zone: not part of this network
            continue
        yes[k] += scale * rec["yes"]
        no[k] += scale * rec["no"]
    return np.minimum(yes, households.counts), np.minimum(
        no, households.counts - np.minimum(yes, households.counts)
    )


def survey_outside_zone(survey: pd.DataFrame, outcomes: Outcomes, households) -> list[str]:
    """The survey's dwellings outside the zone of ``households`` (their answers cannot count for
    its network): listed for a notice, not dropped without a word."""
    where = _stock_rows(survey, outcomes)
    zone_groups = {int(g) for g in households.group_index}
    return [
        d
        for d in survey["dwelling_id"].astype(str)
        if int(outcomes.dwelling_group[where[d]]) not in zone_groups
    ]


def outside_zone_notice(outside: list[str], zone: str, source: str) -> str:
    """The notice that lists a survey's answers from outside a zone."""
    shown = ", ".join(d[:40] for d in outside[:10])
    more = f" and {len(outside) - 10} more" if len(outside) > 10 else ""
    return (
        f"{survey_label(source)}: {len(outside)} answer(s) from dwellings outside zone "
        f"'{zone}' do not count for its network: {shown}{more}"
    )


def survey_pledged_eur(survey: pd.DataFrame, outcomes: Outcomes, households) -> float:
    """Member capital the zone's households say they would invest (EUR, ``invest_eur`` summed;
    a per-dwelling answer counts once per dwelling of its stock row)."""
    ids = outcomes.dwelling_ids.astype(str)
    where = {d: i for i, d in enumerate(ids)}
    zone_groups = {int(g) for g in households.group_index}
    total = 0.0
    for rec in survey.to_dict(orient="records"):
        i = where.get(rec["dwelling_id"])
        if i is None or int(outcomes.dwelling_group[i]) not in zone_groups:
            continue
        scale = 1.0 if survey.attrs.get("per_group") else float(outcomes.dwelling_count[i])
        total += scale * rec["invest_eur"]
    return total


def survey_choices(survey: pd.DataFrame, outcomes: Outcomes) -> dict[str, str]:
    """Choices households already made, for :func:`wupmodel.optimise` (``fixed=``).

    A *yes* to the heat network fixes the dwelling's cheapest feasible heat-network option; a
    household that plans a heat pump (and did not say yes) its cheapest feasible heat-pump option
    (all-electric or hybrid), both by the occupant's equivalent annual cost. Needs a per-dwelling
    survey.

    Returns
    -------
    dict
        dwelling_id -> option id.
    """
    source = survey.attrs.get("source", "survey")
    if survey.attrs.get("per_group"):
        raise WupInputError(
            f"{source}: a survey per group cannot fix choices per dwelling; give one row per"
            " dwelling",
            source,
        )
    ids = outcomes.dwelling_ids.astype(str)
    where = {d: i for i, d in enumerate(ids)}
    heating = np.asarray(HEATING_SYSTEMS)[outcomes.catalogue.heating]
    networks = np.isin(heating, ["heat_network_mt", "heat_network_lt"])
    pumps = np.isin(heating, ["air_hp", "ground_hp", "hybrid_hp"])
    cost = outcomes["end_user_annual_cost_eur"]
    option_ids = outcomes.catalogue.option_ids
    out: dict[str, str] = {}
    for rec in survey.to_dict(orient="records"):
        dwelling = rec["dwelling_id"]
        if dwelling not in where:
            raise WupInputError(
                f"{source}: row {rec['row']}: dwelling '{dwelling}' is not in the stock", source
            )
        if rec["yes"] > 0:
            kind, what = networks, "a heat-network option (is it in a heat_network_zone?)"
        elif rec.get("plans_heat_pump") == 1.0:
            kind, what = pumps, "a heat-pump option"
        else:
            continue
        g = int(outcomes.dwelling_group[where[dwelling]])
        allowed = outcomes.feasible[g] & kind
        if not allowed.any():
            raise WupInputError(
                f"{source}: row {rec['row']}: dwelling '{dwelling}' has no feasible {what}", source
            )
        out[dwelling] = str(option_ids[np.flatnonzero(allowed)[np.argmin(cost[g, allowed])]])
    return out


@dataclass(frozen=True)
class SurveyTargets:
    """What a survey asks of the optimiser (:func:`survey_targets`).

    Attributes
    ----------
    choices
        dwelling_id -> option id the household already chose (:func:`survey_choices`; empty for
        a survey per group).
    min_participation
        Heat-network zone -> share of the zone's dwellings that said *yes* [-] (dwellings of
        the stock, ``count`` included; a zone nobody answered for is absent).
    notices
        Lines for the plan text: which choices and which minima came from the survey.
    """

    choices: dict[str, str]
    min_participation: dict[str, float]
    notices: list[str] = field(default_factory=list)


def survey_targets(
    survey: pd.DataFrame,
    outcomes: Outcomes,
    fixed: Mapping[str, str] | None = None,
    no_zone: str = "village",
) -> SurveyTargets:
    """The survey as optimiser input: fixed choices and a minimum participation per zone.

    Parameters
    ----------
    survey
        From :func:`load_survey` (per dwelling or per group).
    outcomes
        The evaluated stock (with money).
    fixed
        Choices given by hand (``--fixed``); a dwelling in both with a different option is a
        :class:`~wupmodel.errors.WupInputError`.
    no_zone
        Zone name the optimiser uses when the stock has no heat-network zones at all.

    Returns
    -------
    SurveyTargets
        ``choices`` as :func:`survey_choices` (per-dwelling survey only); ``min_participation``
        per zone = dwellings that said yes / the zone's dwellings. The optimiser
        (:func:`wupmodel.optimise` with ``survey=``) raises the zone's minimum participation to
        it (a higher minimum from the scenario or the parameters stays).
    """
    source = survey.attrs.get("source", "survey")
    where = _stock_rows(survey, outcomes)
    per_group = bool(survey.attrs.get("per_group"))
    choices = {} if per_group else survey_choices(survey, outcomes)
    clashes = sorted(
        d for d, o in (fixed or {}).items() if d in choices and str(o).strip() != choices[d]
    )
    if clashes:
        d = clashes[0]
        raise WupInputError(
            f"{source}: dwelling '{d}': the survey fixes '{choices[d]}' but the fixed choices say "
            f"'{str(fixed[d]).strip()}' ({len(clashes)} such dwelling(s)); drop one of the two",
            source,
        )
    zone_col = outcomes.groups["heat_network_zone"]
    zone_of_group = zone_col.astype(object).where(zone_col.notna(), "").astype(str).to_numpy()
    if (zone_of_group == "").all():
        zone_of_group = np.full(zone_of_group.shape, no_zone)
    zone = zone_of_group[outcomes.dwelling_group]
    count = outcomes.dwelling_count.astype(float)
    row = np.array([where[d] for d in survey["dwelling_id"]], dtype=np.int64)
    yes = survey["yes"].to_numpy(dtype=float) * (1.0 if per_group else count[row])
    zones, zone_code = np.unique(zone, return_inverse=True)
    zone_total = np.bincount(zone_code, weights=count, minlength=zones.size)
    zone_yes = np.bincount(zone_code[row], weights=yes, minlength=zones.size)
    share = np.minimum(zone_yes / zone_total, 1.0)
    minimum = {
        str(z): float(s)
        for z, s, y in zip(zones, share, zone_yes, strict=True)
        if z != "" and y > 0
    }
    notices = []
    label = survey_label(source)
    if choices:
        shown = ", ".join(f"{d} -> {o}" for d, o in list(choices.items())[:10])
        more = f" and {len(choices) - 10} more" if len(choices) > 10 else ""
        notices.append(f"{label}: {len(choices)} choice(s) fixed by the survey: {shown}{more}")
    outside = [
        d for d, z, y in zip(survey["dwelling_id"], zone[row], yes, strict=True) if y and z == ""
    ]
    if outside:
        shown = ", ".join(str(d)[:40] for d in outside[:10])
        more = f" and {len(outside) - 10} more" if len(outside) > 10 else ""
        notices.append(
            f"{label}: {len(outside)} yes-answer(s) outside any heat-network zone do not count "
            f"for a zone: {shown}{more}"
        )
    return SurveyTargets(choices=choices, min_participation=minimum, notices=notices)


def survey_label(source: str) -> str:
    """How plan notices name the survey: ``survey`` or ``survey <file>``."""
    return "survey" if source == "survey" else f"survey {source}"


def survey_stock(stock: pd.DataFrame, survey: pd.DataFrame) -> pd.DataFrame:
    """The stock with the survey's *already insulated* answers, for :func:`wupmodel.evaluate`.

    A dwelling whose household answered ``already_insulated: yes`` gets ``already_insulated =
    True``: the evaluation then takes its current state to be the ``standard`` insulation level
    (:func:`wupmodel.physics.insulation.already_standard`: current, basic and standard are the
    standard envelope at no cost and no subsidy; deep costs only what it adds). Its energy label
    and metered gas use stay as the stock gives them. Without such an answer the stock is
    returned unchanged (same numbers).

    Parameters
    ----------
    stock
        A validated stock.
    survey
        From :func:`load_survey`.

    Returns
    -------
    pd.DataFrame
        A copy with a boolean ``already_insulated`` column, or ``stock`` itself.
    """
    source = survey.attrs.get("source", "survey")
    if "already_insulated" not in survey or not (survey["already_insulated"] == 1.0).any():
        return stock
    ids = stock["dwelling_id"].astype(str)
    said = survey.loc[survey["already_insulated"] == 1.0]
    unknown = said.loc[~said["dwelling_id"].isin(ids)]
    if not unknown.empty:
        raise WupInputError(
            f"{source}: row {int(unknown['row'].iloc[0])}: dwelling"
            f" '{unknown['dwelling_id'].iloc[0]}' is not in the stock",
            source,
        )
    out = stock.copy()
    out["already_insulated"] = ids.isin(said["dwelling_id"]).to_numpy()
    out.attrs = dict(stock.attrs)
    return out
