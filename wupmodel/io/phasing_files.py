"""The plan over the years as files an adviser can put in the WUP: ``phasing.xlsx`` and
``phasing.json``, and the terminal summary of ``wupmodel phase``.

The workbook: a read-me sheet (what each sheet holds, the plan's status, cost and CO2 path),
the plan per year, per zone, per dwelling, the limits that bind with their shadow prices,
the assumptions with their sources, and the provenance. Text cells that start with
``= + - @`` are written with a leading apostrophe (no formula injection). Both files are
written atomically.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.io.atomic import atomic_write
from wupmodel.io.files import write_json
from wupmodel.io.provenance import provenance_table
from wupmodel.io.workbook import XLSX_OPTIONS, safe_text
from wupmodel.phasing import REASONS, Phasing

SHEETS: dict[str, str] = {
    "per_year": "Per year: dwellings switching by heating system (installations_*) and insulation "
    "level (insulated_*), investment incl. VAT and subsidy of that year's switches (EUR), the "
    "village's CO2 (kg/yr) and its reduction vs keeping gas, the grid peak after diversity (kW), "
    "installer hours, dwellings still on gas, and what binds the plan that year.",
    "per_zone": "Per heat-network zone and LV grid zone: the year its heat network is built, "
    "its grid reinforced, its last dwelling leaves gas (gas disconnection), and planned works.",
    "per_dwelling": "Per dwelling (stock row): the year it switches and to which option "
    "(empty year: it keeps a gas boiler), the share of the row's dwellings on that choice, "
    "the year its boiler is due, and why then.",
    "binding": "Limits that bind the plan, by year and zone, with their shadow price: what the "
    "plan's discounted cost falls (EUR) when the limit is relaxed by one unit (installation, "
    "EUR, kW, kg/yr of CO2).",
    "assumptions": "The time path's settings as used, with where they came from and sources.",
    "provenance": "What ran: model version, time, stock, command line, overrides.",
}


def phasing_tables(phasing: Phasing) -> dict[str, pd.DataFrame]:
    """The plan's tables by sheet name (without the read-me and the provenance)."""
    dwellings = phasing.dwellings.copy()
    if "reason" in dwellings:
        dwellings["why"] = dwellings["reason"].map(REASONS).fillna("")
    return {
        "per_year": phasing.yearly,
        "per_zone": phasing.zones,
        "per_dwelling": dwellings,
        "binding": phasing.binding,
        "assumptions": phasing.assumptions,
    }


def _readme(phasing: Phasing, sheets: list[str]) -> pd.DataFrame:
    """What the workbook holds and the plan's headline figures."""
    rows = [
        ("wupmodel phasing", "The village's plan over the years (wupmodel phase)."),
        ("status", phasing.status),
        ("message", phasing.message),
        ("perspective", phasing.perspective),
        ("years per step", str(phasing.step)),
        ("discounted cost of the plan (EUR)", f"{phasing.objective_eur:,.0f}"),
        ("discounted cost of keeping gas (EUR)", f"{phasing.reference_eur:,.0f}"),
        ("within (of the least possible cost)", f"{phasing.gap:.2%}"),
        ("CO2 path asked", ", ".join(f"{y}: {r:.0%}" for y, r in phasing.co2_path.items())),
        ("CO2 path reached", ", ".join(f"{y}: {r:.0%}" for y, r in phasing.best_path.items())),
    ]
    rows += [(f"sheet {s}", SHEETS.get(s, "")) for s in sheets]
    rows += [("notice", n) for n in phasing.notices]
    return pd.DataFrame(rows, columns=["item", "value"])


def _write(target: Any, readme: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> None:
    """The workbook: read-me first, header rows frozen, columns sized."""
    with pd.ExcelWriter(
        target, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}
    ) as writer:
        wrap = writer.book.add_format({"text_wrap": True, "valign": "top"})
        safe_text(readme).to_excel(writer, sheet_name="read_me", index=False)
        ws = writer.sheets["read_me"]
        ws.set_column(0, 0, 34, wrap)
        ws.set_column(1, 1, 110, wrap)
        ws.freeze_panes(1, 0)
        for name, frame in tables.items():
            safe_text(frame).to_excel(writer, sheet_name=name[:31], index=False)
            ws = writer.sheets[name[:31]]
            ws.freeze_panes(1, 1)
            ws.autofit()


def write_phasing(
    out_dir: str | os.PathLike, phasing: Phasing, provenance: Mapping[str, Any] | None = None
) -> list[Path]:
    """Write ``phasing.xlsx`` and ``phasing.json`` into ``out_dir`` (created if missing),
    atomically. Returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = phasing_tables(phasing)
    if provenance:
        tables["provenance"] = provenance_table(provenance)
    readme = _readme(phasing, list(tables))
    xlsx = out / "phasing.xlsx"
    atomic_write(xlsx, lambda tmp: _write(tmp, readme, tables))
    payload = phasing.to_json_dict()
    if provenance:
        payload["provenance"] = dict(provenance)
    return [xlsx, write_json(out / "phasing.json", payload)]


def _fmt(value: float, digits: int = 0) -> str:
    return "" if not np.isfinite(value) else f"{value:,.{digits}f}".replace(",", " ")


def phasing_text(phasing: Phasing, name: str = "") -> str:
    """What ``wupmodel phase`` prints: status, cost, the years with switches, the zones."""
    lines = [f"Plan over the years{f' ({name})' if name else ''}: {phasing.status}"]
    if phasing.message:
        lines.append(phasing.message)
    if phasing.yearly.empty:
        return "\n".join(lines)
    lines.append(
        f"Discounted cost {phasing.perspective}: EUR {_fmt(phasing.objective_eur)} "
        f"(keeping gas: EUR {_fmt(phasing.reference_eur)}), within {phasing.gap:.2%} of the "
        "least possible"
    )
    y = phasing.yearly
    hp = y[[c for c in y if c.startswith("installations_") and "hp" in c]].sum(axis=1)
    net = y[[c for c in y if c.startswith("installations_heat_network")]].sum(axis=1)
    ins = y[[c for c in y if c.startswith("insulated_")]].sum(axis=1)
    shown = pd.DataFrame(
        {
            "year": y["year"],
            "switches": y["switches"].map(_fmt),
            "heat pumps": hp.map(_fmt),
            "heat network": net.map(_fmt),
            "insulated": ins.map(_fmt),
            "invest. k EUR": (y["capex_eur"] / 1e3).map(_fmt),
            "CO2 t/yr": (y["co2_kg"] / 1e3).map(_fmt),
            "CO2 vs ref": y["co2_reduction"].map(lambda r: f"-{r:.0%}"),
            "on gas": y["dwellings_on_gas"].map(_fmt),
            "binds": y["binding"],
        }
    )
    lines += ["", shown.to_string(index=False), ""]
    zones = phasing.zones.copy()
    for col in ("heat_network_year", "reinforcement_year", "gas_disconnection_year"):
        zones[col] = zones[col].map(lambda v: "-" if pd.isna(v) else str(int(v)))
    lines.append(
        zones[
            ["zone", "kind", "heat_network_year", "reinforcement_year", "gas_disconnection_year"]
        ].to_string(index=False)
    )
    lines += [f"note: {n}" for n in phasing.notices]
    return "\n".join(lines)
