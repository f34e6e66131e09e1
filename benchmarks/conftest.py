"""Shared helpers for the benchmark suites (run with `make bench`, never in `make test`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS


def synthetic_stock(n: int, seed: int = 1) -> pd.DataFrame:
    """``n`` distinct validated-looking dwellings (continuous floor areas make them distinct)."""
    rng = np.random.default_rng(seed)
    types = pd.Categorical.from_codes(
        rng.integers(0, len(DWELLING_TYPES), n), categories=DWELLING_TYPES
    )
    labels = pd.Categorical.from_codes(
        rng.integers(4, len(ENERGY_LABELS), n), categories=ENERGY_LABELS
    )
    return pd.DataFrame(
        {
            "dwelling_id": np.char.add("d", np.arange(n).astype(str)),
            "dwelling_type": types,
            "construction_year": rng.integers(1900, 2021, n),
            "floor_area_m2": np.round(rng.lognormal(np.log(110), 0.3, n), 3),
            "energy_label": labels,
            "gas_m3": np.nan,
            "electricity_kwh": np.nan,
            "roof_area_m2": np.nan,
            "tenure": pd.Categorical(
                [None] * n, categories=["koop", "huur_corporatie", "huur_particulier"]
            ),
            "household_income_eur": np.nan,
            "heat_network_zone": "kern",
            "grid_zone": "default",
            "count": 1,
        }
    )
