"""Write the packaged home-battery self-consumption table (wupmodel/data/hourly/battery_table.npz).

The table (:func:`wupmodel.physics.selfuse.stored_table`) dispatches a few thousand batteries
over a year, a few seconds of work; the packaged copy, for the default energy weather year
(``hourly.default_weather_year``) and the catalogue's batteries (round trip 0.9, power 0.5 kW per
kWh), spares every process that. It is used only where it was made for the same weather year,
battery and space-heating shape (the default COP model); anything else is computed when needed.
``tests/hourly`` checks it against a fresh computation. Run from the repo root after a change
to the curves, the battery catalogue or the COP model.
"""

from __future__ import annotations

from pathlib import Path

from wupmodel.params import default_params
from wupmodel.physics.battery import battery_catalogue
from wupmodel.physics.selfuse import write_packaged_stored

OUT = Path(__file__).resolve().parents[1] / "wupmodel" / "data" / "hourly" / "battery_table.npz"


def main() -> None:
    params = default_params()
    table = battery_catalogue(params)
    eta = table["round_trip_efficiency"].unique()
    ratio = (table["power_kw"] / table["capacity_kwh"]).unique()
    if eta.size != 1 or ratio.size != 1:
        raise SystemExit("the catalogue's batteries differ in efficiency or power per kWh")
    year = int(params["hourly.default_weather_year"])
    write_packaged_stored(OUT, year, params, (float(eta[0]), float(ratio[0])))
    print(f"wrote {OUT.relative_to(OUT.parents[3])} (weather year {year})")


if __name__ == "__main__":
    main()
