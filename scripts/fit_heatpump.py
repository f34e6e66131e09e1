"""Fit the Carnot heat-pump model to the Heat Pump Keymark data in hplib (run from the repo root).

Reads ``../shared/data/hplib/hplib_database.csv`` (hplib 1.9, MIT; Heat Pump Keymark based) and
writes two packaged tables:

``wupmodel/data/heatpump_keymark.csv``
    Per group (1 = outdoor air/water regulated, 2 = brine/water regulated) and test point the
    10 / 50 / 90 % quantiles over the units of the COP (the measured ``COP_ref`` at the reference
    point −7/52 for air and 0/52 for brine; elsewhere each unit's own hplib fit, which hplib
    fitted to that unit's Keymark EN 14825 points), and the SCOP of each unit over the EN 14825
    *average* climate at 35 and 55 °C (bin method of EN 14825 with the COP interpolated between
    the test points A, B, C, D of the standard, as EN 14825 does; no backup below −10 °C).
``wupmodel/data/heatpump_carnot.csv``
    The fitted coefficients of COP = η · T_h / (T_h − T_c), T_h = T_flow + ΔT_c, T_c = T_source
    − ΔT_e (kelvin), with a second-law efficiency η = η0 + η_s · T_source + η_f · T_flow (°C),
    least squares on log COP against the medians of the test points.

Usage: ``python scripts/fit_heatpump.py [path/to/hplib_database.csv]``. Kept for
reproducibility; the package never runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import least_squares

ROOT = Path(__file__).resolve().parents[1]
#: ``../shared`` beside the project root (or beside the worktree folder).
DEFAULT = next(
    (
        d / "shared" / "data" / "hplib" / "hplib_database.csv"
        for d in (ROOT.parent, ROOT.parent.parent)
        if (d / "shared").is_dir()
    ),
    ROOT.parent / "shared" / "data" / "hplib" / "hplib_database.csv",
)
DATA = ROOT / "wupmodel" / "data"
SOURCE = (
    "hplib 1.9 (FZJ-IEK3-VSA/hplib, MIT, see hplib_LICENSE.md), hplib/hplib_database.csv: {n} "
    "{kind} units (Manufacturer != Generic), Heat Pump Keymark; {what}; scripts/fit_heatpump.py"
)
#: EN 14825:2018 average climate (Strasbourg): bin temperature [°C] and hours, Tdesign −10 °C.
EN14825_AVERAGE_TJ = np.arange(-10, 16)
EN14825_AVERAGE_HOURS = np.array(
    [
        1,
        25,
        23,
        24,
        27,
        68,
        91,
        89,
        165,
        173,
        240,
        280,
        320,
        357,
        356,
        303,
        330,
        326,
        348,
        335,
        315,
        215,
        169,
        151,
        105,
        74,
    ],
    dtype=float,
)
#: EN 14825 variable-outlet test points A (−7), B (2), C (7), D (12) of the average climate [°C].
EN14825_POINTS_C = np.array([-7.0, 2.0, 7.0, 12.0])
EN14825_FLOW_C = {35: np.array([34.0, 30.0, 27.0, 24.0]), 55: np.array([52.0, 42.0, 36.0, 30.0])}


def unit_fit_cop(d: pd.DataFrame, t_source_c: float, t_flow_c: float) -> np.ndarray:
    """COP of every unit from its own hplib fit (T_amb = T_source for air; ~0 weight for brine)."""
    return (
        d["p1_COP [-]"] * t_source_c
        + d["p2_COP [-]"] * t_flow_c
        + d["p3_COP [-]"]
        + d["p4_COP [-]"] * t_source_c
    ).to_numpy()


def unit_scop_air(d: pd.DataFrame, supply: int) -> np.ndarray:
    """EN 14825 average-climate SCOP of every air/water unit (part load (Tj − 16)/(−26))."""
    flows = EN14825_FLOW_C[supply]
    cops = np.stack(
        [unit_fit_cop(d, t, f) for t, f in zip(EN14825_POINTS_C, flows, strict=True)], axis=1
    )
    if supply == 55:
        cops[:, 0] = d["COP_ref"].to_numpy()  # the measured −7/52 point
    load = (16.0 - EN14825_AVERAGE_TJ) / 26.0 * EN14825_AVERAGE_HOURS
    # COP per bin: linear between the test points, constant beyond them (EN 14825 interpolation).
    cop_bins = np.stack([np.interp(EN14825_AVERAGE_TJ, EN14825_POINTS_C, row) for row in cops])
    return load.sum() / (load / cop_bins).sum(axis=1)


def carnot_cop(x: np.ndarray, t_source_c: np.ndarray, t_flow_c: np.ndarray) -> np.ndarray:
    """COP of the Carnot model with coefficients x = (η0, η_s, η_f, ΔT) (ΔT both sides)."""
    eta0, eta_s, eta_f, dt = x
    t_h = t_flow_c + 273.15 + dt
    t_c = t_source_c + 273.15 - dt
    return (eta0 + eta_s * t_source_c + eta_f * t_flow_c) * t_h / (t_h - t_c)


def fit(points: pd.DataFrame) -> np.ndarray:
    """Least squares on log COP against the median of each test point; ΔT fixed at 5 K."""
    ts, tf, med = (points[c].to_numpy(dtype=float) for c in ("t_source_c", "t_flow_c", "p50"))

    def resid(y: np.ndarray) -> np.ndarray:
        return np.log(carnot_cop(np.append(y, 5.0), ts, tf)) - np.log(med)

    res = least_squares(resid, x0=[0.5, 0.0, 0.0])
    return np.append(res.x, 5.0)


def main(path: Path) -> None:
    db = pd.read_csv(path)
    units = db[db["Manufacturer"] != "Generic"]
    air = units[units["Group"] == 1]
    brine = units[units["Group"] == 2]
    rows = []

    def add(
        group: int,
        quantity: str,
        ts: float,
        tf: float,
        values: np.ndarray,
        what: str,
        fitted: bool,
        n: int,
        kind: str,
    ) -> None:
        q = np.percentile(values, [10, 50, 90])
        rows.append(
            {
                "group": group,
                "quantity": quantity,
                "t_source_c": ts,
                "t_flow_c": tf,
                "p10": round(q[0], 4),
                "p50": round(q[1], 4),
                "p90": round(q[2], 4),
                "n_units": n,
                "used_in_fit": fitted,
                "source": SOURCE.format(n=n, kind=kind, what=what),
                "year": 2022,
            }
        )

    kind_a, kind_b = "outdoor air/water regulated (Group 1)", "brine/water regulated (Group 2)"
    for ts, tf in [(-7, 35), (2, 35), (7, 35), (2, 42), (7, 36)]:
        add(
            1,
            "cop",
            ts,
            tf,
            unit_fit_cop(air, ts, tf),
            f"COP at A{ts}/W{tf} from each unit's hplib fit",
            True,
            len(air),
            kind_a,
        )
    add(
        1,
        "cop",
        -7,
        52,
        air["COP_ref"].to_numpy(),
        "measured COP_ref at A-7/W52",
        True,
        len(air),
        kind_a,
    )
    for supply in (35, 55):
        add(
            1,
            "scop",
            np.nan,
            supply,
            unit_scop_air(air, supply),
            f"SCOP EN 14825 average climate, {supply} C variable outlet, from each unit's points "
            "(COP_ref at A-7/W52 for 55 C, hplib fits elsewhere)",
            False,
            len(air),
            kind_a,
        )
    for ts, tf in [(0, 35), (0, 45), (-5, 35), (5, 35)]:
        add(
            2,
            "cop",
            ts,
            tf,
            unit_fit_cop(brine, ts, tf),
            f"COP at B{ts}/W{tf} from each unit's hplib fit",
            True,
            len(brine),
            kind_b,
        )
    add(
        2,
        "cop",
        0,
        52,
        brine["COP_ref"].to_numpy(),
        "measured COP_ref at B0/W52",
        True,
        len(brine),
        kind_b,
    )
    points = pd.DataFrame(rows)
    points.to_csv(DATA / "heatpump_keymark.csv", index=False)

    out = []
    for group, kind in ((1, kind_a), (2, kind_b)):
        mine = points[
            (points["group"] == group) & (points["quantity"] == "cop") & points["used_in_fit"]
        ]
        x = fit(mine)
        model = carnot_cop(x, mine["t_source_c"].to_numpy(float), mine["t_flow_c"].to_numpy(float))
        print(f"group {group}: eta0={x[0]:.5f} eta_s={x[1]:.6f} eta_f={x[2]:.6f} dT={x[3]}")
        for (_, r), m in zip(mine.iterrows(), model, strict=True):
            print(
                f"  {r.t_source_c:+.0f}/{r.t_flow_c:.0f}: model {m:.2f}  Keymark p10-p90"
                f" {r.p10:.2f}-{r.p90:.2f} median {r.p50:.2f}"
            )
        out.append(
            {
                "group": group,
                "eta0": round(x[0], 6),
                "eta_per_k_source": round(x[1], 7),
                "eta_per_k_flow": round(x[2], 7),
                "dt_condenser_k": x[3],
                "dt_evaporator_k": x[3],
                "source": SOURCE.format(
                    n=int(mine["n_units"].iloc[0]),
                    kind=kind,
                    what=(
                        "Carnot model with a second-law efficiency linear in source and "
                        "flow temperature, fitted (log least squares, heat-exchanger "
                        "approach 5 K each side by assumption) to the medians of "
                        "heatpump_keymark.csv"
                    ),
                ),
                "year": 2022,
            }
        )
    pd.DataFrame(out).to_csv(DATA / "heatpump_carnot.csv", index=False)
    print(points[["group", "quantity", "t_source_c", "t_flow_c", "p10", "p50", "p90"]])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
