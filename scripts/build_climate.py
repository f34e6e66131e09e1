"""Rebuild packaged physics tables from the shared reference data (run from the repo root).

Kept for reproducibility of wupmodel/data tables; not part of the package or the tests.
"""

import sys
from pathlib import Path as _Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))
from wupmodel.physics.climate import MONTHS, build_temperature_bins

_ROOT = _Path(__file__).resolve().parents[1]
_SHARED = str(_ROOT.parent / "shared") + "/"
_DATA = str(_ROOT / "wupmodel" / "data") + "/"
D = _DATA
days = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31.0])
hours = days * 24
eelde = np.array([2.4, 2.4, 5.2, 8.4, 12.3, 14.9, 17.1, 16.9, 13.8, 10.0, 6.0, 2.9])
debilt = np.array([2.61, 4.82, 5.91, 9.32, 14.73, 16.12, 18.05, 18.48, 15.63, 10.40, 7.99, 4.00])
I90 = np.array(
    [
        [60.1, 66.7, 101.8, 135.1, 124.9, 112.7, 109.7, 128.5, 122.3, 96.2, 59.5, 46.2],
        [48.1, 52.2, 82.1, 121.9, 122.1, 127.8, 117.1, 137.1, 112.2, 76.3, 45.6, 34.9],
        [23.4, 32.8, 57.3, 96.2, 107.3, 125.7, 112.7, 120.0, 83.9, 46.7, 22.7, 15.2],
        [11.4, 20.9, 38.5, 64.1, 78.9, 97.8, 88.5, 83.1, 53.6, 28.7, 13.8, 8.9],
        [11.1, 19.5, 34.8, 49.4, 61.9, 73.0, 66.7, 55.9, 41.4, 26.4, 13.6, 8.9],
        [11.1, 21.5, 44.2, 72.9, 82.9, 92.0, 81.2, 63.9, 47.9, 29.1, 14.0, 8.9],
        [20.2, 36.5, 70.7, 112.2, 114.6, 114.8, 104.9, 89.0, 73.7, 49.8, 23.9, 15.9],
        [43.9, 56.8, 95.4, 135.8, 128.4, 118.0, 113.2, 112.4, 103.6, 80.3, 47.1, 35.8],
    ]
).mean(0)
I45 = np.array(
    [
        [57.9, 74.1, 126.6, 189.7, 202.7, 197.3, 185.0, 193.5, 157.6, 109.4, 61.0, 44.1],  # S
        [49.4, 63.2, 109.1, 171.0, 191.1, 199.3, 182.5, 194.9, 147.0, 94.2, 51.1, 36.1],  # SW
        [46.3, 66.5, 120.2, 183.5, 197.3, 190.7, 179.1, 171.0, 139.2, 97.2, 52.2, 36.7],
    ]
).mean(0)  # SE
src_t = (
    "KNMI station Groningen Airport Eelde (280), monthly mean temperature normals 1981-2010 (daily"
    " mean row of the climate table 'Climate data for Groningen (1981-2010)', Wikipedia via"
    " primidi.com/groningen/climate); 1991-2020 monthly normals not found in the stored sources"
    " (annual 9.4 vs 9.3 C, OOG TV 2021-01)"
)
src_nta = (
    "NTA 8800:2022/2025 table 17.1 (reference climate De Bilt, theta_e;avg;mi) and table 17.2 (mean"
    " total irradiance, ground reflection 0.2): vertical = mean of the 8 orientations at 90 deg;"
    " 45deg_south = mean of S, SE, SW at 45 deg; as transcribed in GitHub"
    " OpenAEC-Foundation/open-energy-studio crates/nta8800-core/src/climate.rs"
)
m = pd.DataFrame(
    dict(
        month=np.arange(1, 13),
        days=days.astype(int),
        hours=hours.astype(int),
        temp_eelde_c=eelde,
        temp_nta8800_debilt_c=debilt,
        irradiance_vertical_mean_w_m2=I90.round(3),
        irradiance_45deg_south_w_m2=I45.round(3),
        source=f"temp_eelde_c: {src_t}; other columns: {src_nta}",
        year=2022,
    )
)
m.to_csv(D + "physics_climate_monthly.csv", index=False)
sd = 4.5
b = build_temperature_bins(eelde, hours, sd)
t = pd.DataFrame({"temp_c": b.temp_c.astype(int), "hours": b.hours.round(6)})
for i, mm in enumerate(MONTHS):
    t[f"hours_{mm}"] = b.hours_by_month[i].round(6)
t["source"] = (
    "built by wupmodel.physics.climate.build_temperature_bins from the KNMI Eelde (280) 1981-2010"
    " monthly mean temperatures in physics_climate_monthly.csv, hourly temperatures normal around"
    " the monthly mean with sd physics.climate_hourly_sd_k = 4.5 K (assumption, see physics.csv)"
)
t["year"] = 2010
t.to_csv(D + "climate_drenthe.csv", index=False)
print(t.hours.sum(), (t.hours * t.temp_c).sum() / 8760)
