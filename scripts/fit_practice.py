"""Choose the default practice-factor curve pf(q) = (q / q_ref)^(−β) (run from the repo root).

Grid search over β (0.40–0.75, step 0.05) and q_ref (30–70 kWh/m², step 5; the parameter range
starts at 30) for the least sum of
squared log errors of the modelled current gas use (HR boiler, no metered gas) against PBL
*Referentieverbruik warmte woningen II* (2025) observed gas use of dwellings with PV (annex
tables; ``../shared/reference/parameters-nl.md`` section 1.3b): by type vrijstaand 1 724,
2-onder-1-kap 1 342, hoek 1 201, tussen 1 016, apartment 735 m³/yr; by label A 983, B 1 169,
C 1 214, D 1 385, E 1 483, F 1 605, G 1 650 m³/yr. The dwellings are those of
``tests/physics/test_demand.py`` (the Drenthe construction-period mix, one typical floor area
per type; a label on the type mix in the period where it is typical).

Only the *levels* enter the fit. The saving after insulation (``standard`` keeps 0.62–0.82 of
the gas, ``tests/physics/test_practice.py``) is printed as a check, not fitted.

Usage: ``python scripts/fit_practice.py``; prints the table and the best pair. Kept for
reproducibility; the package never runs it.
"""

from __future__ import annotations

import numpy as np

from wupmodel.params import default_params
from wupmodel.physics import BuildingInputs, building_response
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS

PERIOD_YEARS = [1920, 1938, 1955, 1970, 1983, 1998, 2012]
PERIOD_COUNTS = np.array([17659, 12508, 32679, 44941, 54745, 38182, 21183], dtype=float)
TYPE_AREAS = {
    "vrijstaand": 150,
    "twee_onder_een_kap": 130,
    "hoekwoning": 115,
    "tussenwoning": 110,
    "meergezins_laag": 75,
}
BY_TYPE = {
    "vrijstaand": 1724,
    "twee_onder_een_kap": 1342,
    "hoekwoning": 1201,
    "tussenwoning": 1016,
    "meergezins_laag": 735,
}
BY_LABEL = {
    "A": (2012, 983),
    "B": (1998, 1169),
    "C": (1983, 1214),
    "D": (1970, 1385),
    "E": (1955, 1483),
    "F": (1938, 1605),
    "G": (1920, 1650),
}
TYPE_WEIGHTS = np.array([65141, 40227, 28045, 49064, 27723 + 11697], dtype=float)


def _inputs(
    types: list[str], years: list[int], areas: list[float], label: int = -1
) -> BuildingInputs:
    n = len(types)
    return BuildingInputs(
        np.array([DWELLING_TYPES.index(t) for t in types]),
        np.array(years),
        np.array(areas, dtype=float),
        np.full(n, label),
        np.full(n, np.nan),
        np.full(n, np.nan),
    )


def _gas_m3(b, params, level: int = 0) -> np.ndarray:
    kwh_per_m3 = params["physics.gas_lhv_mj_m3"] / 3.6
    return (
        b.space_heat_kwh[:, level] / params["physics.boiler_efficiency_space"]
        + b.hot_water_kwh / params["physics.boiler_efficiency_dhw"]
    ) / kwh_per_m3


def errors(beta: float, q_ref: float) -> tuple[np.ndarray, float]:
    """Log errors (by type, then by label) and the mean gas ratio standard/current of 1950-1990
    ground-bound dwellings at label D."""
    params = default_params().with_overrides(
        {"physics.practice_exponent": beta, "physics.practice_ref_intensity_kwh_m2": q_ref}
    )
    w = PERIOD_COUNTS / PERIOD_COUNTS.sum()
    out = []
    for t, area in TYPE_AREAS.items():
        b = building_response(_inputs([t] * 7, PERIOD_YEARS, [area] * 7), params)
        out.append(np.log(float(_gas_m3(b, params) @ w) / BY_TYPE[t]))
    tw = TYPE_WEIGHTS / TYPE_WEIGHTS.sum()
    for label, (year, observed) in BY_LABEL.items():
        b = building_response(
            _inputs(
                list(TYPE_AREAS), [year] * 5, list(TYPE_AREAS.values()), ENERGY_LABELS.index(label)
            ),
            params,
        )
        out.append(np.log(float(_gas_m3(b, params) @ tw) / observed))
    types = ["tussenwoning", "hoekwoning", "twee_onder_een_kap", "vrijstaand"] * 3
    years = [1955] * 4 + [1970] * 4 + [1983] * 4
    b = building_response(
        _inputs(types, years, [110, 115, 130, 150] * 3, ENERGY_LABELS.index("D")), params
    )
    ratio = float(np.mean(_gas_m3(b, params, 2) / _gas_m3(b, params, 0)))
    return np.array(out), ratio


def main() -> None:
    best = None
    for beta in np.arange(0.40, 0.751, 0.05):
        for q_ref in np.arange(30.0, 70.1, 5.0):
            err, ratio = errors(float(beta), float(q_ref))
            sse = float((err**2).sum())
            print(
                f"beta {beta:.2f} q_ref {q_ref:4.0f}  sse {sse:.4f}  max |err|"
                f" {np.abs(err).max():.3f}  standard/current 1950-1990 {ratio:.3f}"
            )
            if best is None or sse < best[0]:
                best = (sse, float(beta), float(q_ref), ratio)
    print(
        f"best: beta {best[1]:.2f}, q_ref {best[2]:.0f} kWh/m2 (sse {best[0]:.4f}, standard keeps"
        f" {best[3]:.3f})"
    )


if __name__ == "__main__":
    main()
