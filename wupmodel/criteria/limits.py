"""Limits on the criteria that a plan must respect: which options they rule out.

* ``noise``: no outdoor unit above the noise limit at the neighbour without a screen. An option
  whose unit is too loud even with a screen (``needs_relocation``: another place, a quieter
  unit or a ground source) is ruled out; one that a screen brings within the limit
  (``needs_screen``) stays, with the screen's cost (the optimiser adds it).
* ``overheating``: no worse summer overheating than today: ``overheating_tojuli_k[g, o] <=
  overheating_tojuli_k[g, reference]`` (the dwelling as it is, with its gas boiler).

:func:`limit_masks` gives the (G, O) masks; the optimiser marks the options the limits rule out
infeasible before the solve (:func:`wupmodel.optimise.from_outcomes.apply_limits`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from wupmodel.criteria.indicators import Indicators
from wupmodel.errors import WupInputError
from wupmodel.vocabulary import CRITERIA_LIMITS

__all__ = ["LimitMasks", "check_limits", "limit_masks", "TOJULI_TOLERANCE_K"]

#: TOjuli differences below this count as equal (rounding of the July balance) [K].
TOJULI_TOLERANCE_K = 1e-9


def check_limits(names: Iterable[str], source: str = "limits") -> tuple[str, ...]:
    """The limits named, checked and without repeats (in the order of :data:`CRITERIA_LIMITS`).

    Raises
    ------
    WupInputError
        An unknown limit, with a did-you-mean.
    """
    given = [str(n).strip() for n in names]
    for name in given:
        if name not in CRITERIA_LIMITS:
            close = difflib.get_close_matches(name, CRITERIA_LIMITS, n=1, cutoff=0.5)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise WupInputError(
                f"{source}: unknown limit '{name}'{hint}; allowed: {', '.join(CRITERIA_LIMITS)}",
                source,
            )
    return tuple(n for n in CRITERIA_LIMITS if n in given)


@dataclass(frozen=True)
class LimitMasks:
    """What the limits do to every group × option.

    Attributes
    ----------
    allowed
        (G, O) bool: options the limits leave.
    screen
        (G, O) bool: options that stay only with a screen around the outdoor unit (noise).
    removed
        Limit -> (G, O) bool: the options it rules out.
    """

    allowed: np.ndarray
    screen: np.ndarray
    removed: dict[str, np.ndarray]


def limit_masks(ind: Indicators, reference_option: int, limits: Iterable[str]) -> LimitMasks:
    """The options ``limits`` rule out, and those that need a screen.

    Parameters
    ----------
    ind
        The indicators of every group × option (:func:`~wupmodel.criteria.indicators`).
    reference_option
        The catalogue's reference option (today's dwelling: current insulation, gas boiler).
    limits
        Names from :data:`~wupmodel.vocabulary.CRITERIA_LIMITS`.
    """
    active = check_limits(limits)
    shape = ind["overheating_tojuli_k"].shape
    removed: dict[str, np.ndarray] = {}
    screen = np.zeros(shape, dtype=bool)
    if "noise" in active:
        removed["noise"] = np.asarray(ind["needs_relocation"]) > 0.5
        screen = np.asarray(ind["needs_screen"]) > 0.5
    if "overheating" in active:
        tojuli = np.asarray(ind["overheating_tojuli_k"], dtype=float)
        today = tojuli[:, reference_option : reference_option + 1]
        removed["overheating"] = tojuli > today + TOJULI_TOLERANCE_K
    allowed = np.ones(shape, dtype=bool)
    for mask in removed.values():
        allowed &= ~mask
    return LimitMasks(allowed=allowed, screen=screen & allowed, removed=removed)
