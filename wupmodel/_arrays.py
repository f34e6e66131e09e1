"""Array types and the one check of numeric input arrays, shared by every stage."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel.errors import WupInputError

#: A float64 array (any shape).
FloatArray = NDArray[np.float64]


def float_array(value: ArrayLike, name: str, *, nonneg: bool = False) -> FloatArray:
    """``value`` as a float array, with one clear error for non-numbers, NaN and (with
    ``nonneg``) negative values.

    ``min`` propagates NaN, so one reduction finds both NaN and the smallest value.

    Parameters
    ----------
    value
        A number or an array of numbers.
    name
        What the value is, for the error message.
    nonneg
        Reject negative values too.

    Raises
    ------
    WupInputError
        Naming ``name`` and what is wrong.
    """
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise WupInputError(
            f"{name} must be a number or an array of numbers, got {value!r}"
        ) from None
    if arr.size:
        low = float(arr.min())
        if np.isnan(low):
            raise WupInputError(f"{name} contains NaN; give a number for every element")
        if nonneg and low < 0:
            raise WupInputError(f"{name} must not be negative (got {low:g})")
    return arr
