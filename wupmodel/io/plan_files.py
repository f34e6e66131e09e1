"""The optimised plan as files an adviser can hand over: ``plan.xlsx`` and ``plan.json``."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from wupmodel.io.atomic import atomic_write
from wupmodel.io.files import write_json
from wupmodel.optimise.plan import Plan


def plan_tables(plan: Plan) -> dict[str, pd.DataFrame]:
    """The plan's tables by sheet name: summary, per dwelling, per heating system, collective
    decisions, constraints with their shadow prices, and the Pareto front (when traced)."""
    summary = pd.DataFrame(
        [
            ("status", str(plan.status), ""),
            ("perspective", plan.perspective, ""),
            (
                "objective",
                "least CO2, then least cost" if plan.objective == "co2" else "least cost",
                "",
            ),
            ("cost", plan.objective_eur, "EUR/yr"),
            (
                "extra cost vs the reference (as in run)",
                plan.extra_cost_eur_per_yr.get(plan.perspective, float("nan")),
                "EUR/yr",
            ),
            ("investment", plan.capex_eur, "EUR"),
            ("subsidy", plan.subsidy_eur, "EUR"),
            ("CO2 first year", plan.co2_kg / 1e3, "t/yr"),
            ("CO2 reduction vs the reference", plan.co2_reduction, "fraction"),
            ("solar park", plan.solar_park_kwp, "kWp"),
        ],
        columns=["figure", "value", "unit"],
    )
    tables = {"summary": summary}
    if plan.dwellings is not None:
        tables["per_dwelling"] = plan.dwellings
    tables["per_heating"] = pd.DataFrame(
        {
            "heating": list(plan.dwellings_by_heating),
            "dwellings": list(plan.dwellings_by_heating.values()),
        }
    )
    collective = [
        ("heat network", zone, bool(built)) for zone, built in plan.heat_network_built.items()
    ]
    collective += [
        ("grid reinforcement", zone, bool(done)) for zone, done in plan.grid_reinforced.items()
    ]
    collective += [
        ("neighbourhood battery", zone, bool(done)) for zone, done in plan.grid_battery.items()
    ]
    tables["collective"] = pd.DataFrame(collective, columns=["decision", "zone", "yes"])
    tables["constraints"] = pd.DataFrame(
        [
            {
                "constraint": c.name,
                "binding": c.binding,
                "shadow_price": c.shadow_price,
                "unit": c.unit,
            }
            for c in plan.constraints
        ]
    )
    if plan.pareto_front:
        tables["pareto"] = pd.DataFrame(
            [
                {
                    "co2_t_per_yr": p.co2_kg / 1e3,
                    "co2_reduction": p.co2_reduction,
                    "objective_eur_per_yr": p.objective_eur,
                    "status": str(p.status),
                }
                for p in plan.pareto_front
            ]
        )
    return tables


def write_plan(out_dir: str | os.PathLike, plan: Plan) -> list[Path]:
    """Write ``plan.xlsx`` (the sheets of :func:`plan_tables`, header rows frozen) and
    ``plan.json`` into ``out_dir``, atomically. Returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = plan_tables(plan)

    def excel(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="xlsxwriter") as writer:
            for name, frame in tables.items():
                frame.to_excel(writer, sheet_name=name, index=False)
                sheet = writer.sheets[name]
                sheet.freeze_panes(1, 0)
                sheet.autofit()

    xlsx = out / "plan.xlsx"
    atomic_write(xlsx, excel)
    return [xlsx, write_json(out / "plan.json", plan.to_json_dict())]
