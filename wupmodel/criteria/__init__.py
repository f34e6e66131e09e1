"""Beyond kWh and m³: well-being, comfort and climate adaptation, weighed with a village's weights.

The verb :func:`criteria` (``assess`` module; ``wm.criteria``): every strategy (and an optimised
plan) scored on every indicator, weighed with the village's weights (TOPSIS or the weighted
sum), ranked, the robustness of the ranking over all weightings, each stakeholder group's ranking
side by side; its result :class:`CriteriaResult` (``result``: ``reweigh``, ``to_dict``,
``tables``).

Per dwelling group × option, vectorised beside the energy outcomes (``indicators`` module,
:func:`indicators`):

* ``summer``: overheating, NTA 8800 TOjuli from the July cooling balance, with and without the
  option's cooling (air and ground-source heat pumps), and the cooling electricity;
* ``noise``: outdoor-unit sound at the neighbour against the 40 dB(A) rule (tonal penalty, a
  screen, another place);
* ``comfort``: cold surfaces, draught, and the NEN-EN-ISO 13788 surface humidity behind damp
  and mould;
* ``works``: days of works, moving out, indoor and outdoor space; the grid peak from the outcomes;
* ``envelope``: the U-values, air leakage and heat transfer those need, per insulation level;
* ``tables``: what each indicator means, its unit and direction (:func:`indicator_table`), and
  the kernels' settings.

Per strategy (``scoring``: :func:`strategy_indicators`): those as dwelling-weighted means and
shares of a choice (``choices``: a strategy's option per group or a plan's shares), the money,
CO2 and grid figures of the strategy summary, village climate adaptation (``climate``: green
roofs against PV, roof rain to the sewer, cooling in heat waves), and the household's chance of
paying more from an uncertainty sweep (``assess``: :func:`paying_more_chance`).

Weighing (``weighing``; :func:`weigh`, :func:`score_strategies`): min-max normalisation, weighted
sum or TOPSIS, ranks, and robustness: the share of weightings uniform over the weight simplex in
which each strategy comes first. ``weights``: validated weights (:func:`validate_weights`;
:func:`wupmodel.io.read_weights` reads files) per stakeholder group (:func:`stakeholder_weights`:
illustrative packaged defaults).

For the optimiser: ``limits`` (the options a noise or overheating limit rules out,
:func:`limit_masks`) and ``objective`` (the weights as an objective: cost plus the weighed
criteria per dwelling × option, :func:`objective_terms`).

Every default number lives in ``data/parameters/criteria.csv`` or ``data/criteria_*.csv`` with
its source and year.
"""

from wupmodel.criteria.assess import (
    CHANCE,
    chance_column,
    criteria,
    paying_more_chance,
    plan_figures,
)
from wupmodel.criteria.choices import as_shares, plan_shares
from wupmodel.criteria.climate import climate_adaptation, green_roof_m2
from wupmodel.criteria.comfort import cold_surface_k, saturation_pressure_pa, surface_rh
from wupmodel.criteria.envelope import Envelope, group_envelope
from wupmodel.criteria.indicators import Indicators, indicators
from wupmodel.criteria.limits import LimitMasks, check_limits, limit_masks
from wupmodel.criteria.noise import (
    NoiseAssessment,
    assess_noise,
    screened_level_db_a,
    sound_power_db_a,
    sound_pressure_db_a,
)
from wupmodel.criteria.objective import (
    COST_CRITERION,
    ObjectiveTerms,
    dwelling_figures,
    objective_terms,
)
from wupmodel.criteria.result import CriteriaResult, weigh_table
from wupmodel.criteria.scoring import (
    group_rankings,
    score_strategies,
    strategy_indicators,
    weigh,
)
from wupmodel.criteria.summer import (
    GainSettings,
    Month,
    SummerDwelling,
    cooling_need_kwh,
    occupants,
    tojuli_k,
)
from wupmodel.criteria.tables import (
    DampSettings,
    NoiseSettings,
    RainSettings,
    SummerSettings,
    indicator_table,
    weighed_criteria,
)
from wupmodel.criteria.weighing import (
    METHODS,
    NORMALISATIONS,
    first_place_shares,
    normalise,
    ranks,
    robustness,
    scores,
    simplex_grid,
    simplex_weights,
    topsis,
    weighted_sum,
)
from wupmodel.criteria.weights import (
    Weights,
    stakeholder_weights,
    validate_weights,
    weights_from_mapping,
    weights_from_table,
)

__all__ = [
    "criteria",
    "plan_figures",
    "as_shares",
    "plan_shares",
    "green_roof_m2",
    "check_limits",
    "limit_masks",
    "LimitMasks",
    "COST_CRITERION",
    "ObjectiveTerms",
    "dwelling_figures",
    "objective_terms",
    "weigh_table",
    "CHANCE",
    "chance_column",
    "paying_more_chance",
    "indicators",
    "Indicators",
    "indicator_table",
    "strategy_indicators",
    "climate_adaptation",
    "weigh",
    "score_strategies",
    "group_rankings",
    "weighed_criteria",
    "CriteriaResult",
    "Weights",
    "validate_weights",
    "stakeholder_weights",
    "weights_from_table",
    "weights_from_mapping",
    "normalise",
    "weighted_sum",
    "topsis",
    "scores",
    "ranks",
    "first_place_shares",
    "robustness",
    "simplex_weights",
    "simplex_grid",
    "METHODS",
    "NORMALISATIONS",
    "group_envelope",
    "Envelope",
    "cooling_need_kwh",
    "tojuli_k",
    "occupants",
    "SummerDwelling",
    "Month",
    "GainSettings",
    "sound_pressure_db_a",
    "sound_power_db_a",
    "screened_level_db_a",
    "assess_noise",
    "NoiseAssessment",
    "cold_surface_k",
    "saturation_pressure_pa",
    "surface_rh",
    "SummerSettings",
    "NoiseSettings",
    "DampSettings",
    "RainSettings",
]
