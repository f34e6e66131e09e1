"""What a strategy or a plan chooses, as shares of each dwelling group over the options.

A strategy gives every dwelling group one option, (G,) option indices; an optimised plan may
split a group of identical dwellings over options (the LP's shares) or choose per dwelling. Both
become a (G, O) matrix of shares (each row sums to 1), so every aggregate of the criteria is one
weighted sum over the groups and options.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.outcomes import Outcomes

__all__ = ["as_shares", "plan_shares"]


def as_shares(choice: np.ndarray, n_groups: int, n_options: int) -> np.ndarray:
    """(G, O) shares of a choice: one-hot rows for (G,) option indices, or (G, O) shares as
    given (checked for shape, sign and rows summing to 1)."""
    c = np.asarray(choice)
    if c.ndim == 1:
        if c.shape != (n_groups,):
            raise ValueError(f"a choice per group needs {n_groups} options, got {c.shape}")
        out = np.zeros((n_groups, n_options))
        out[np.arange(n_groups), c.astype(np.int64)] = 1.0
        return out
    if c.shape != (n_groups, n_options):
        raise ValueError(f"shares need shape {(n_groups, n_options)}, got {c.shape}")
    s = c.astype(float)
    if (s < -1e-9).any() or not np.allclose(s.sum(axis=1), 1.0, atol=1e-6):
        raise ValueError("shares must be 0 or more and sum to 1 per group")
    return np.clip(s, 0.0, None)


def plan_shares(outcomes: Outcomes, dwellings: pd.DataFrame) -> np.ndarray:
    """(G, O) shares of the outcomes' groups from a plan's per-dwelling table.

    Parameters
    ----------
    outcomes
        The evaluation the plan was made from (its dwellings, groups and catalogue).
    dwellings
        A plan's ``dwellings`` table: ``dwelling_id``, ``option_id`` and ``dwellings`` (the
        input row's count × the share it takes of the option).

    Raises
    ------
    WupInputError
        A dwelling or option the outcomes do not have (a plan made for another stock).
    """
    row_of = pd.Index(outcomes.dwelling_ids.astype(str))
    rows = row_of.get_indexer(dwellings["dwelling_id"].astype(str))
    option_of = pd.Index(outcomes.catalogue.option_ids.astype(str))
    options = option_of.get_indexer(dwellings["option_id"].astype(str))
    if (rows < 0).any() or (options < 0).any():
        raise WupInputError(
            "plan: its dwellings or options are not those of the outcomes (a plan of another "
            "village or catalogue?)",
            "plan",
        )
    total = np.zeros((outcomes.n_groups, outcomes.catalogue.size))
    np.add.at(
        total,
        (outcomes.dwelling_group[rows], options),
        dwellings["dwellings"].to_numpy(dtype=float),
    )
    covered = total.sum(axis=1)
    if not np.allclose(covered, outcomes.counts, rtol=1e-6, atol=1e-6):
        raise WupInputError("plan: it does not place every dwelling of the outcomes", "plan")
    return total / outcomes.counts[:, None]
