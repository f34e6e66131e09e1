"""The business case over the scenario's uncertain inputs (the sweep engine's design).

The samples are the uncertainty issue's design (:func:`wupmodel.uncertainty.sampling.design`:
LHS with correlated groups, or one-at-a-time): parameters (e.g. ``coop.debt.interest_rate``,
``collective.heat_network.main_eur_per_m``, ``coop.heat_network.source_eur_per_kw``) and price
paths (e.g. ``prices.heat_production_eur_gj``, the source's cost). Each sample is applied as the
sweep applies it, the village is evaluated again (the households' alternatives move with the
prices) and the business case is computed. Participation can be swept too (a range of the
share that connects). Samples run one after another in this process.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.coop.business import business_case
from wupmodel.coop.inputs import CoopSettings, coop_settings
from wupmodel.errors import WupInputError
from wupmodel.evaluate import evaluate
from wupmodel.inputs import model_inputs
from wupmodel.scenario import Scenario
from wupmodel.stock import stock_for
from wupmodel.uncertainty.analyses import oat_effects
from wupmodel.uncertainty.samples import (
    is_linear_price,
    price_overrides,
    sample_nonlinear_inputs,
)
from wupmodel.uncertainty.sampling import Design, design

#: Figures recorded per sample.
FIGURES = (
    "participation",
    "project_irr",
    "project_npv_eur",
    "equity_irr",
    "min_dscr",
    "bank_debt_eur",
    "member_capital_eur",
    "funding_gap_eur",
    "break_even_tariff_eur_per_yr",
    "break_even_participation",
)


@dataclass(frozen=True)
class CoopSweep:
    """Business-case figures per sample.

    Attributes
    ----------
    design
        The scenario's sample design.
    figures
        One row per sample: the inputs, then :data:`FIGURES`.
    method
        ``"lhs"`` or ``"oat"``.
    factors
        Factor names (the design's, plus ``participation`` when swept).
    """

    design: Design
    figures: pd.DataFrame
    method: str
    factors: tuple[str, ...]

    def tornado(self, figure: str = "project_npv_eur") -> pd.DataFrame:
        """Swing of ``figure`` per factor (one-at-a-time designs only)."""
        if self.method != "oat":
            raise WupInputError("a tornado needs the one-at-a-time design (method 'oat')")
        return oat_effects(self.figures[figure].to_numpy(), self.factors)


def coop_sweep(
    stock: pd.DataFrame | None,
    scenario: Scenario,
    *,
    settings: CoopSettings | Mapping[str, Any] | None = None,
    samples: int = 32,
    method: str = "lhs",
    seed: int | None = 0,
    participation: tuple[float, float] | None = None,
    survey: pd.DataFrame | None = None,
) -> CoopSweep:
    """Sweep the business case over the scenario's ``uncertainty:`` inputs.

    Parameters
    ----------
    stock
        The dwellings (None: the scenario's village).
    scenario
        A scenario with an ``uncertainty:`` section (and any ``coop.*`` parameters in it).
    settings
        Business-case settings (as for :func:`wupmodel.coop.business.business_case`).
    samples, method, seed
        As for :func:`wupmodel.sweep` (``"lhs"`` or ``"oat"``).
    participation
        (low, high) share that connects, swept as one more factor (uniform for LHS).
    survey
        As for :func:`~wupmodel.coop.business.business_case`.
    """
    if method not in ("lhs", "oat"):
        raise WupInputError(f"coop sweep: method must be 'lhs' or 'oat', got '{method}'")
    base = coop_settings(settings)
    stock = stock_for(scenario) if stock is None else stock
    d = design(scenario, samples, method, seed)
    rows = d.values
    factors = list(d.factors)
    shares: list[float | None] = [base.participation] * rows.shape[0]
    if participation is not None:
        lo, hi = (float(v) for v in participation)
        if not 0.0 <= lo <= hi <= 1.0:
            raise WupInputError(
                "coop sweep: participation range must lie within 0 to 1 (100 %), low <= high; "
                f"got {lo:g} to {hi:g}"
            )
        mid = 0.5 * (lo + hi)
        if method == "oat":
            rows = np.vstack([rows, rows[:1], rows[:1]])
            shares = [mid] * d.n_samples + [lo, hi]
        else:
            u = (
                np.arange(rows.shape[0]) + np.random.default_rng(seed).random(rows.shape[0])
            ) / rows.shape[0]
            shares = list(
                lo
                + (hi - lo)
                * np.random.default_rng(None if seed is None else seed + 1).permutation(u)
            )
        factors.append("participation")
    records = []
    central = model_inputs(scenario)
    for row, share in zip(rows, shares, strict=True):
        inputs = sample_nonlinear_inputs(central, d.inputs, row)
        pairs = [(x, v) for x, v in zip(d.inputs, row, strict=True) if is_linear_price(x)]
        if pairs:  # the households' rents follow the sampled prices here (as before issue 19)
            inputs = inputs.with_prices(
                price_overrides(inputs.tariffs, pairs), rent_agreed_before=False
            )
        outcomes = evaluate(stock, inputs, irr=False)
        case = business_case(
            stock,
            inputs,
            outcomes=outcomes,
            settings=base,
            survey=survey,
            curve_points=2,
            participation=share,
        )
        m = case.metrics
        records.append(
            {
                **{x.path: float(v) for x, v in zip(d.inputs, row, strict=True)},
                "participation": case.participation,
                "project_irr": m["project_irr"],
                "project_npv_eur": m["project_npv_eur"],
                "equity_irr": m["equity_irr"],
                "min_dscr": m["min_dscr"],
                "bank_debt_eur": m["bank_debt_eur"],
                "member_capital_eur": m["member_capital_eur"],
                "funding_gap_eur": m["funding_gap_eur"],
                "break_even_tariff_eur_per_yr": case.break_even_tariff.value,
                "break_even_participation": case.break_even_participation.value,
            }
        )
    frame = pd.DataFrame(records)
    frame.insert(0, "sample", np.arange(len(frame)))
    return CoopSweep(design=d, figures=frame, method=method, factors=tuple(factors))
