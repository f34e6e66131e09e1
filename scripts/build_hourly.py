"""Rebuild the packaged hourly curves (wupmodel/data/hourly/) from the shared ETM extract.

Source: ``../shared/data/etm-nl-hourly-curves/`` (Quintel ETM etsource, MIT; De Bilt temperature
from KNMI, CC BY 4.0; see its README). Written: ``curves.npz`` (De Bilt temperature in tenths of
a degree as int16, exactly the KNMI T/10 values; every profile as float32, within 6e-8 of the
source's 5-7 significant digits), ``hourly_curves.csv`` (name, array, unit, source and year of
every curve) and the licence next to them; ``README.md`` there is written by hand. Run from the
repo root; kept for reproducibility, not part of the package or the tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "data" / "etm-nl-hourly-curves"
OUT = ROOT / "wupmodel" / "data" / "hourly"
YEARS = (1987, 1997, 2004, 2015)
HOUSES = (
    "terraced_houses",
    "corner_houses",
    "semi_detached_houses",
    "detached_houses",
    "apartments",
)
LEVELS = ("low", "medium", "high")
ETSOURCE = (
    "Quintel Intelligence, Energy Transition Model etsource (MIT), commit "
    "54775b3d37feeef95a827e0182485489e4f5fe1e, datasets/nl/curves/"
)
PROFILES = (
    "households_appliances_nedu_e1a",
    "households_hot_water_jordan2001",
    "solar_pv_on_roof_households_2015",
    "solar_thermal_2015",
)


def main() -> None:
    temp = pd.read_csv(SRC / "debilt_air_temperature_hourly.csv")
    t_dc = np.rint(temp[[f"t_air_c_{y}" for y in YEARS]].to_numpy().T * 10).astype(np.int16)
    prof = pd.read_csv(SRC / "household_profiles_hourly.csv")
    profiles = prof[list(PROFILES)].to_numpy().T.astype(np.float32)
    space = np.empty((len(YEARS), len(HOUSES), len(LEVELS), 8760), dtype=np.float32)
    for i, year in enumerate(YEARS):
        frame = pd.read_csv(SRC / f"space_heat_demand_profiles_{year}.csv.gz")
        for j, house in enumerate(HOUSES):
            for k, level in enumerate(LEVELS):
                space[i, j, k] = frame[f"{house}_{level}"].to_numpy()
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT / "curves.npz",
        weather_years=np.array(YEARS, dtype=np.int16),
        t_air_decidegc=t_dc,
        profiles=profiles,
        space_heat=space,
    )
    _metadata().to_csv(OUT / "hourly_curves.csv", index=False)
    shutil.copyfile(SRC / "LICENSE-etsource-MIT.txt", OUT / "LICENSE-etsource-MIT.txt")


def _metadata() -> pd.DataFrame:
    """One row per packaged curve: name, array and index in curves.npz, unit, source, year."""
    rows = []
    for i, year in enumerate(YEARS):
        rows.append(
            {
                "curve": f"t_air_c_{year}",
                "array": f"t_air_decidegc[{i}]",
                "unit": "0.1 degC",
                "description": f"hourly air temperature at 1.5 m, De Bilt, {year} (UTC hours)",
                "source": "KNMI station 260 De Bilt hourly T (CC BY 4.0), via " + ETSOURCE,
                "year": year,
            }
        )
    described = {
        PROFILES[0]: ("NEDU standard profile E1A (<=3x25 A, single register), hourly", 2019),
        PROFILES[1]: ("Jordan (2001) domestic hot-water distribution curve", 2001),
        PROFILES[2]: ("rooftop PV of households, weather year 2015", 2015),
        PROFILES[3]: ("solar thermal collectors, weather year 2015", 2015),
    }
    for i, name in enumerate(PROFILES):
        text, year = described[name]
        rows.append(
            {
                "curve": name,
                "array": f"profiles[{i}]",
                "unit": "share of the yearly total",
                "description": text,
                "source": ETSOURCE,
                "year": year,
            }
        )
    for i, year in enumerate(YEARS):
        for j, house in enumerate(HOUSES):
            for k, level in enumerate(LEVELS):
                rows.append(
                    {
                        "curve": f"space_heat_{house}_{level}_{year}",
                        "array": f"space_heat[{i},{j},{k}]",
                        "unit": "share of the yearly total",
                        "description": (
                            f"space heat of {house.replace('_', ' ')}, ETM insulation {level}, "
                            f"weather year {year}, smoothed over a cluster of houses (ECN "
                            "warmtevraagprofielen regenerated from temperature and irradiance)"
                        ),
                        "source": ETSOURCE,
                        "year": year,
                    }
                )
    return pd.DataFrame(rows)


if __name__ == "__main__":
    main()
