"""Terminal text of a run and of a plan (what ``wupmodel run`` and ``wupmodel optimise`` print).

Pure: tables and plans in, text out; the CLI only prints it.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import pandas as pd

from wupmodel.optimise.plan import Plan
from wupmodel.scenario import Scenario


def _fmt_int(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def _money(x: float) -> str:
    return "-" if x != x else _fmt_int(x)


def _pct(rate: float | None) -> str:
    return "social discount rate of the run" if rate is None else f"{100 * rate:.4g} %"


def _assumed(
    tables: Mapping[str, pd.DataFrame], parameter: str, fallback: float | None
) -> float | None:
    """The value the run used for ``parameter`` (from its assumptions table)."""
    a = tables.get("assumptions")
    if a is not None and parameter in set(a["parameter"]):
        return float(a.loc[a["parameter"] == parameter, "value"].iloc[0])
    return fallback


def run_text(
    tables: Mapping[str, pd.DataFrame],
    scenario: Scenario,
    n_dwellings: int,
    notices: tuple[str, ...] = (),
) -> str:
    """The strategy comparison as terminal tables: energy and CO2, then money."""
    summary = tables["summary"]
    lines = [
        (
            f"{scenario.name}: {n_dwellings} dwellings; first year {scenario.years.start}, "
            f"horizon to {scenario.years.end}"
        ),
        "",
        "Energy and CO2 (first year, village totals)",
    ]
    energy = _energy_table(summary)
    rate = _assumed(tables, "finance.social_discount_rate", scenario.finance.social_discount_rate)
    lines += [energy.to_string(index=False), ""]
    lines += _level_fit_lines(summary)
    lines += [f"Money (EUR of the price year; national: no taxes or subsidies, {_pct(rate)})"]
    money = _money_table(summary)
    monthly = _woonlasten_table(summary)
    lines += [
        money.to_string(index=False),
        "",
        (
            "Woonlasten (year 1, EUR/month per dwelling vs the gas boiler;"
            f" {scenario.finance.financing})"
        ),
        monthly.to_string(index=False),
        "",
        *textwrap.wrap(
            "Investment incl. VAT before subsidy, for the dwellings that change; a dwelling where"
            " a system is not feasible keeps its gas boiler. National extra cost vs the reference"
            " includes heat-network sources and LV-grid reinforcement. Woonlasten = energy bill +"
            " loan repayment + own money as a monthly annuity at the household discount rate of"
            f" {_pct(_assumed(tables, 'finance.household_discount_rate', None))} over the horizon +"
            " rent increase, averaged over all dwellings.",
            100,
        ),
    ]
    lines += _stayers_lines(summary)
    lines += [f"Note: {note}" for note in notices]
    return "\n".join(lines)


def _stayers_lines(summary: pd.DataFrame) -> list[str]:
    """The "last one pays" lines: where a strategy leaves some dwellings on gas, what their gas
    network charge would be if the village's network were shared by them alone."""
    if "stayers_extra_eur_per_month" not in summary:
        return []
    some = summary[
        (summary["stayers_extra_eur_per_month"] > 0.005)
        & (summary["gas_connections_kept"] < summary["dwellings"])
    ]
    if some.empty:
        return []
    lines = [
        "",
        "Those who keep gas (if the village's gas network were shared by them alone, incl. VAT)",
    ]
    for r in some.itertuples():
        lines.append(
            f"  {r.strategy}: {int(r.gas_connections_kept)} dwellings keep gas; network charge"
            f" {_fmt_int(r.gas_network_local_eur_per_yr)} EUR/yr each,"
            f" +{r.stayers_extra_eur_per_month:.0f} EUR/month"
        )
    return lines


def _energy_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Energy and CO2 per strategy, formatted for the terminal."""
    return pd.DataFrame(
        {
            "strategy": summary["strategy"],
            "insulation": summary["insulation"],
            "feasible": [
                f"{int(a)}/{int(b)}"
                for a, b in zip(summary["dwellings_feasible"], summary["dwellings"], strict=True)
            ],
            "gas m3/yr": summary["gas_m3"].map(_fmt_int),
            "elec MWh/yr": summary["electricity_mwh"].map(_fmt_int),
            "heat GJ/yr": summary["heat_gj"].map(_fmt_int),
            "CO2 t/yr": summary["co2_t"].map(_fmt_int),
            "CO2 vs ref": summary["co2_reduction"].map(lambda x: f"{-x:+.0%}"),
            "grid peak kW": summary["peak_kw"].map(_fmt_int),
        }
    )


def _money_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Investment, subsidy and the national extra cost per strategy, formatted."""
    return pd.DataFrame(
        {
            "strategy": summary["strategy"],
            "invest. k EUR": (summary["investment_eur"] / 1e3).map(_fmt_int),
            "per dwelling": summary["investment_per_dwelling_eur"].map(_fmt_int),
            "subsidy k EUR": (summary["subsidy_eur"] / 1e3).map(_fmt_int),
            "national extra k EUR/yr": (summary["national_extra_eur_per_yr"] / 1e3).map(_money),
            "EUR/t CO2": summary["national_eur_per_t_co2"].map(_money),
            "EUR/WEQ/yr": summary["national_eur_per_weq_per_yr"].map(_money),
        }
    )


def _woonlasten_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The change of the woonlasten and its parts per strategy, formatted."""
    return pd.DataFrame(
        {
            "strategy": summary["strategy"],
            "change EUR/month": summary["monthly_cost_change_avg_eur"].map(lambda x: f"{x:+.0f}"),
            **(
                {
                    "bill": summary["bill_change_avg_eur"].map(lambda x: f"{x:+.0f}"),
                    "loan": summary["loan_avg_eur"].map(lambda x: f"{x:+.0f}"),
                    "own money": summary["own_capital_avg_eur"].map(lambda x: f"{x:+.0f}"),
                    "rent": summary["rent_avg_eur"].map(lambda x: f"{x:+.0f}"),
                }
                if "own_capital_avg_eur" in summary
                else {}
            ),
            "paying more": summary["share_paying_more"].map(lambda x: f"{x:.0%}"),
        }
    )


def _fmt_price(value: float) -> str:
    """A shadow price: one decimal from 10 up, three significant digits below (t per EUR)."""
    return f"{value:,.1f}" if abs(value) >= 10 or value == 0 else f"{value:.3g}"


def _level_fit_lines(summary: pd.DataFrame) -> list[str]:
    """Per strategy: dwellings that need a deeper insulation level, dwellings that keep gas, and
    why the system does not fit at the strategy's level (reason codes with counts)."""
    if "dwellings_deeper_insulation" not in summary:
        return []
    rows = summary[summary["heating"] != "gas_boiler"]
    fit = pd.DataFrame(
        {
            "strategy": rows["strategy"],
            "deeper insulation": [
                f"{_fmt_int(n)} ({s:.0%})"
                for n, s in zip(
                    rows["dwellings_deeper_insulation"],
                    rows["share_deeper_insulation"],
                    strict=True,
                )
            ],
            "keep gas": rows["dwellings_keep_gas"].map(_fmt_int),
            "why not at the level (dwellings)": rows["not_feasible_reasons"].replace("", "-"),
        }
    )
    return [
        "Where the system does not fit at the strategy's insulation level (dwellings)",
        fit.to_string(index=False),
        "",
    ]


def plan_text(plan: Plan, title: str) -> str:
    """A plan in a few lines: status, objective, CO2, investment, collective decisions, mix,
    binding constraints with their shadow prices, and the Pareto front when traced."""
    gap = f" (proven gap {plan.gap:.2g})" if math.isfinite(plan.gap) and plan.gap > 0 else ""
    lines = [f"{title}: status {plan.status}{gap}"]
    if plan.message:
        lines.append(plan.message)
    lines += [f"Note: {note}" for note in plan.notices]
    if not plan.has_solution:
        return "\n".join(lines)
    objective = "least CO2, then least cost" if plan.objective == "co2" else "least cost"
    extra = plan.extra_cost_eur_per_yr.get(plan.perspective, math.nan)
    lines.append(
        f"objective: {objective}, {plan.perspective} perspective; cost "
        f"{_fmt_int(plan.objective_eur)} EUR/yr, of which extra vs the reference "
        f"(every dwelling keeps its gas boiler, as in `run`): {_fmt_int(extra)} EUR/yr"
    )
    lines.append(
        f"CO2 first year: {_fmt_int(plan.co2_kg / 1e3)} t "
        f"({plan.co2_reduction:.0%} below the reference)"
    )
    lines.append(
        f"investment {_fmt_int(plan.capex_eur)} EUR, subsidy {_fmt_int(plan.subsidy_eur)} EUR"
    )
    built = [z for z, b in plan.heat_network_built.items() if b]
    reinforced = [z for z, b in plan.grid_reinforced.items() if b]
    battery = [z for z, b in plan.grid_battery.items() if b]
    lines.append(
        f"heat networks built: {', '.join(built) or 'none'}; grid zones reinforced: "
        f"{', '.join(reinforced) or 'none'}; neighbourhood batteries: "
        f"{', '.join(battery) or 'none'}; solar park {_fmt_int(plan.solar_park_kwp)} kWp"
    )
    lines.append(
        "dwellings by heating system: "
        + ", ".join(f"{k} {_fmt_int(v)}" for k, v in plan.dwellings_by_heating.items() if v > 0.005)
    )
    binding = plan.binding_constraints
    if binding:
        lines.append("binding constraints (shadow price):")
        lines += [f"  {c.name}: {_fmt_price(c.shadow_price)} {c.unit}" for c in binding]
    if plan.pareto_front:
        lines += ["", "Pareto front (cost vs CO2):"]
        lines += [
            f"  CO2 {_fmt_int(p.co2_kg / 1e3):>8} t ({p.co2_reduction:4.0%})  cost"
            f" {_fmt_int(p.objective_eur):>12} EUR/yr"
            for p in plan.pareto_front
        ]
    return "\n".join(lines)


def compare_text(tables: Mapping[str, pd.DataFrame]) -> str:
    """The comparison of :func:`wupmodel.compare` as terminal text: per strategy the main
    figures of each scenario and the differences, then the assumptions that differ."""
    comp = tables["comparison"]
    shown = {
        "co2_reduction": ("CO2 vs ref", lambda x: f"{-x:+.0%}"),
        "investment_eur": ("invest. k EUR", lambda x: _money(x / 1e3)),
        "national_extra_eur_per_yr": ("national k EUR/yr", lambda x: _money(x / 1e3)),
        "national_eur_per_t_co2": ("EUR/t CO2", _money),
        "end_user_extra_eur_per_yr": ("end user k EUR/yr", lambda x: _money(x / 1e3)),
        "monthly_cost_change_avg_eur": (
            "monthly change EUR",
            lambda x: "-" if x != x else f"{x:+.0f}",
        ),
        "share_paying_more": ("paying more", lambda x: "-" if x != x else f"{x:.0%}"),
    }
    value_cols = [c for c in comp.columns if c not in ("strategy", "figure", "perspective")]
    lines = []
    for fig, (label, fmt) in shown.items():
        part = comp[comp["figure"] == fig]
        if part.empty:
            continue
        table = pd.DataFrame({"strategy": part["strategy"]})
        for col in value_cols:
            table[col] = part[col].map(fmt)
        lines += [f"{label} ({part['perspective'].iloc[0]})", table.to_string(index=False), ""]
    diff = tables["assumptions_differing"]
    if diff.empty:
        lines.append("Assumptions that differ: none")
    else:
        lines.append("Assumptions that differ:")
        for row in diff.to_dict(orient="records"):
            vals = "; ".join(f"{k}: {row[k]}" for k in diff.columns[3:])
            lines.append(
                f"  {row['key']} [{row['unit']}]: {vals}"
                if row["unit"]
                else f"  {row['key']}: {vals}"
            )
    return "\n".join(lines)


def _fmt(x: float) -> str:
    """A figure in 4 significant digits (thousands spaced), '-' where missing."""
    if x != x:
        return "-"
    return f"{x:,.0f}".replace(",", " ") if abs(x) >= 100 else f"{x:.4g}"


def check_model_text(table: pd.DataFrame) -> str:
    """:func:`wupmodel.check_model`'s table as terminal text: one line per check, then the
    sources."""
    shown = pd.DataFrame(
        {
            "check": table["check"],
            "modelled": table["modelled"].map(_fmt),
            "published": table["published"].map(_fmt),
            "band": [
                f"{_fmt(lo)} .. {_fmt(hi)}"
                for lo, hi in zip(table["low"], table["high"], strict=True)
            ],
            "unit": table["unit"],
            "result": table["passed"].map({True: "ok", False: "FAIL"}),
            "before (issue 9 or 20)": table["before"].map(_fmt),
        }
    )
    n_ok = int(table["passed"].sum())
    lines = [
        f"Model checks against published figures: {n_ok} of {len(table)} within their band",
        "",
        shown.to_string(index=False),
        "",
        "Comparisons and sources:",
    ]
    for row in table.itertuples():
        lines.append(f"  {row.check}: {row.comparison}; tolerance {row.tolerance}.")
        lines.append(f"      {row.source} ({row.year})")
    return "\n".join(lines)
