"""The options as a grid: PV × combination (solar thermal × insulation × heating).

The physics computes each quantity over only the option axes it depends on (gas over the
combination, the PV yield over PV alone). The money layer keeps that structure: it takes
arrays shaped ``(G, P|1, C|1)`` and works on the small ones before anything is broadcast to
the whole grid. Each catalogue option is one cell of the grid; for the full default catalogue
the option order *is* the grid order, so no reordering is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class OptionGrid:
    """Per-group arrays on the option grid and the cell of every catalogue option.

    Attributes
    ----------
    shape
        ``(P, C)``: PV off/on and the combinations of solar thermal (S = 1 or 2 levels),
        insulation (L) and heating (H), solar-thermal-major: ``C = S * L * H``.
    option_index
        (O,) flat (C-order) cell of each catalogue option.
    combo_heating
        (C,) heating-system code of each combination.
    n_solar_thermal
        S, the number of solar-thermal levels (1 or 2).
    arrays
        Name -> array of shape ``(G, P|1, C|1)`` (units in the names); ``capacity_kw`` is
        (G, L, H).
    treated_area_m2
        (G, L, 5) insulated area per level and envelope element (for the ISDE).
    """

    shape: tuple[int, int]
    option_index: np.ndarray
    combo_heating: np.ndarray
    n_solar_thermal: int
    arrays: dict[str, np.ndarray]
    treated_area_m2: np.ndarray

    @property
    def n_cells(self) -> int:
        return int(np.prod(self.shape))

    @property
    def is_identity(self) -> bool:
        """The catalogue holds every cell, in grid order."""
        return self.option_index.size == self.n_cells and bool((self.option_index == np.arange(self.n_cells)).all())

    def to_options(self, a: np.ndarray) -> np.ndarray:
        """(G, cells) -> (G, O) in catalogue order (the array itself when the orders agree)."""
        return a if self.is_identity else np.take(a, self.option_index, axis=1)
