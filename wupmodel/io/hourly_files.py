"""The hourly report's files and text: ``hourly.json``, ``hourly_curves.parquet`` and the table
``wupmodel hourly`` prints."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from wupmodel.hours import HourlyReport
from wupmodel.io.files import write_frame, write_json

__all__ = ["write_hourly", "hourly_text"]


def write_hourly(folder: str | os.PathLike, report: HourlyReport) -> list[Path]:
    """Write ``hourly.json`` (per strategy: peaks, zones, self-consumption, battery effect,
    monthly check) and ``hourly_curves.parquet`` (the design load per strategy, zone and hour)
    into ``folder`` (made if missing), atomically."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    return [
        write_json(out / "hourly.json", report.to_json_dict()),
        write_frame(report.curves(), out / "hourly_curves.parquet"),
    ]


def hourly_text(report: HourlyReport) -> str:
    """The report as the terminal shows it."""
    table = report.table()
    shown = pd.DataFrame(
        {
            "strategy": table["strategy"],
            "peak kW": table["peak_kw"].map(lambda v: f"{v:,.0f}".replace(",", " ")),
            "kW/dwelling": table["peak_kw_per_dwelling"].map(lambda v: f"{v:.2f}"),
            "peak (UTC)": table["peak_time"],
            "zones over": table["zones_over_capacity"],
            **(
                {}
                if report.cold_year is None
                else {
                    f"{report.cold_year}: kW/dw.": table["cold_peak_kw_per_dwelling"].map(
                        lambda v: f"{v:.2f}"
                    ),
                    f"{report.cold_year}: zones over": table["cold_zones_over_capacity"],
                }
            ),
            "self-use": table["self_consumption_share"].map(lambda v: f"{v:.0%}"),
            f"+{report.battery_kwh:g} kWh bat.": table["battery_self_consumption_share"].map(
                lambda v: f"{v:.0%}"
            ),
            "export MWh": table["export_mwh"].map(lambda v: f"{v:,.0f}".replace(",", " ")),
            "with bat.": table["battery_export_mwh"].map(lambda v: f"{v:,.0f}".replace(",", " ")),
            "monthly check": table["monthly_check_max"].map(lambda v: f"{v:.1e}"),
        }
    )
    head = (
        f"Hour by hour: load and peaks in weather year {report.design_year} (design), PV and "
        f"self-consumption in {report.energy_year}; PV on every roof that takes it, "
        f"a home battery of {report.battery_kwh:g} kWh with it"
    )
    if report.cold_year is not None:
        head += (
            f"; the cold-year check: the same zones in {report.cold_year}, a Dutch cold spell "
            "(reported, not used to size the grid)"
        )
    return head + "\n" + shown.to_string(index=False)
