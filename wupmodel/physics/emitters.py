"""Low-temperature emitter works: the supply temperature a heat pump or LT network needs after them.

The works (larger or extra radiators, LT convectors; PBL Vesta *LT-afgiftesysteem*, cost
Arcadis 2023) multiply the emitter output at the design regime by
``physics.lt_emitter_capacity_factor``. The supply temperature the dwelling then needs follows
from the same radiator equation (EN 442, :func:`~wupmodel.physics.insulation.emitter_supply_temp_c`)
with the larger emitter capacity.

An option that includes the works (all-electric heat pumps, the LT heat network) does them
where the existing emitters need more than the option's target temperature; the new emitters
are sized for that target, so the temperature the system runs at is
min(existing need, max(need with the works, target)). It is never above the need with the
existing emitters, and it is non-increasing in the insulation level. Where even the works leave
the need above the system's limit the option is infeasible and says so (a reason code).
"""

from __future__ import annotations

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.insulation import emitter_supply_temp_c

__all__ = ["supply_with_lt_emitters_c", "lt_emitter_works"]


def supply_with_lt_emitters_c(
    load_kw: np.ndarray,
    rated_kw: np.ndarray,
    supply_design_c: np.ndarray,
    return_design_c: np.ndarray,
    params: Params,
) -> np.ndarray:
    """Supply temperature needed at design conditions after the LT emitter works [°C].

    The radiator equation with the emitter output at the design regime ×
    ``physics.lt_emitter_capacity_factor``.
    """
    factor = params["physics.lt_emitter_capacity_factor"]
    return emitter_supply_temp_c(
        load_kw,
        np.asarray(rated_kw, dtype=float) * factor,
        supply_design_c,
        return_design_c,
        params,
    )


def lt_emitter_works(
    supply_c: np.ndarray, supply_works_c: np.ndarray, target_c: float, limit_c: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Emitter works an option does, the supply temperature it runs at, and whether that is
    feasible.

    Parameters
    ----------
    supply_c
        Supply temperature the existing emitters need [°C].
    supply_works_c
        Supply temperature needed with the LT emitters [°C].
    target_c
        Temperature the option aims at; works are done where ``supply_c`` exceeds it.
    limit_c
        Highest supply temperature the system can deliver.

    Returns
    -------
    tuple of np.ndarray
        (works done (bool), operating supply temperature [°C], feasible (bool)).
    """
    supply = np.asarray(supply_c, dtype=float)
    works = supply > target_c
    operating = np.minimum(supply, np.maximum(np.asarray(supply_works_c, dtype=float), target_c))
    return works, operating, operating <= limit_c
