"""The plan over the years: which dwellings switch when, each zone's heat network and LV
reinforcement year, and what it costs and saves year by year.

:func:`phase` (from a stock and a scenario to a :class:`Phasing`) and the pieces below it:
``settings`` (:class:`PhasingSettings`: capacity, budget, CO2 path, notice, works) ·
``moments`` (when boilers are due, their remaining value, the steps) · ``table`` (the
optimiser's option table per switch year, collective assets per build year) · ``problem``
(figures per cohort × option × step) · ``model`` (the time-indexed model's rows and
columns) · ``master`` (the restricted model in HiGHS, prices of missing columns) ·
``search`` (column generation, branch and price) · ``tables`` (the plan's tables from the
solved model) · ``result`` (:class:`Phasing`) · ``solve`` (:func:`phase`).
"""

from wupmodel.phasing.moments import boiler_cohorts, period_starts, remaining_value_share
from wupmodel.phasing.result import REASONS, Phasing
from wupmodel.phasing.settings import PhasingSettings, phasing_settings, validate_settings
from wupmodel.phasing.solve import phase

__all__ = [
    "REASONS",
    "Phasing",
    "PhasingSettings",
    "boiler_cohorts",
    "period_starts",
    "phase",
    "phasing_settings",
    "remaining_value_share",
    "validate_settings",
]
