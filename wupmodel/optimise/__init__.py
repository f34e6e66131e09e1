"""The village optimiser: which option each dwelling (group) takes and what the village builds.

:func:`optimise` (from a stock or outcomes and a scenario to a :class:`Plan`), the option
table and settings it solves (:class:`OptionTable`, :class:`OptimiseSettings`), and the
pieces below it for those who build their own problem.

``problem`` (inputs, settings, status) · ``build`` (the sparse model) · ``solvers`` (HiGHS and
CBC back ends, branch and bound over the collective binaries) · ``dwellings`` (the exact
per-dwelling plan: that branch and bound, a reduced-cost core per leaf, a proven gap) ·
``solve`` (solve, duals) ·
``pareto`` (the cost–CO2 front) · ``plan`` (the result) · ``from_outcomes`` (from an
evaluation to an option table and a plan) · ``limits`` (the well-being limits as infeasible
options, a screen's cost, the village's weights as the objective).
"""

from wupmodel.optimise.build import MatrixModel, build_model
from wupmodel.optimise.dwellings import PER_DWELLING_REL_GAP, SearchProgress
from wupmodel.optimise.from_outcomes import (
    VILLAGE_ZONE,
    optimise,
    option_table,
    plan_per_dwelling,
    prune_dominated,
    settings_for,
)
from wupmodel.optimise.limits import apply_limits, screen_costs, weighted_objective
from wupmodel.optimise.pareto import pareto_front
from wupmodel.optimise.plan import ConstraintReport, Plan
from wupmodel.optimise.problem import (
    HEAT_NETWORK_SYSTEMS,
    PERSPECTIVES,
    GridReinforcement,
    HeatNetwork,
    OptimiseSettings,
    OptionTable,
    SolarPark,
    SolveStatus,
    collective_defaults,
    validate_table,
)
from wupmodel.optimise.solve import solve
from wupmodel.optimise.solvers import (
    HighsSession,
    PulpSession,
    RawResult,
    SolveRequest,
    branch_collective,
    cbc_available,
    highs_available,
)

__all__ = [
    "HighsSession",
    "PulpSession",
    "RawResult",
    "SolveRequest",
    "branch_collective",
    "HEAT_NETWORK_SYSTEMS",
    "PERSPECTIVES",
    "PER_DWELLING_REL_GAP",
    "VILLAGE_ZONE",
    "ConstraintReport",
    "GridReinforcement",
    "HeatNetwork",
    "MatrixModel",
    "OptimiseSettings",
    "OptionTable",
    "Plan",
    "SearchProgress",
    "SolarPark",
    "SolveStatus",
    "apply_limits",
    "build_model",
    "cbc_available",
    "collective_defaults",
    "highs_available",
    "option_table",
    "optimise",
    "pareto_front",
    "plan_per_dwelling",
    "prune_dominated",
    "screen_costs",
    "settings_for",
    "solve",
    "validate_table",
    "weighted_objective",
]
