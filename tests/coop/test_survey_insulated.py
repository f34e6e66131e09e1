"""'Already insulated: yes' in a survey: the dwelling's current state is the standard level.

Worked by hand on one dwelling built in 1980 (cavity wall) with U = floor 2.0, facade 1.5,
roof 2.0, window 2.8, door 3.0 W/m2K over 50, 80, 60, 15 and 2 m2, qv10 = 2.0 dm3/s.m2, with the
packaged parameters: standard = floor 0.266, cavity-filled facade 0.535, roof 0.272, HR++ 1.4,
door 1.4, draught-proofed qv10 2.0 x 0.5 = 1.0. From there deep insulates the facade to 0.27
(80 m2 x 180 EUR), puts in triple glass 1.0 (15 m2 x 740 EUR) and better doors 1.0 (2 m2 x 600
EUR) and balanced ventilation (6000 EUR): 14 400 + 11 100 + 1 200 + 6 000 = 32 700 EUR, two
ISDE measures (facade; glazing and doors), qv10 min(1.0, 0.7) = 0.7; no draught-proofing again.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.params import default_params
from wupmodel.physics import already_standard, insulation_levels
from wupmodel.stock import validate_stock
from wupmodel.survey import survey_stock

STANDARD_U = [0.266, 0.535, 0.272, 1.4, 1.4]


def test_already_standard_by_hand():
    params = default_params()
    u0, area, year = (
        np.array([[2.0, 1.5, 2.0, 2.8, 3.0]]),
        np.array([[50.0, 80.0, 60.0, 15.0, 2.0]]),
        np.array([1980]),
    )
    env = insulation_levels(u0, area, np.array([2.0]), year, params)
    assert env.u_w_m2k[0, 2] == pytest.approx(
        STANDARD_U
    )  # the hand figures are the model's standard
    done = already_standard(env, area, year, params)
    for level in range(
        3
    ):  # current, basic, standard: the standard envelope, nothing to pay or subsidise
        assert done.u_w_m2k[0, level] == pytest.approx(STANDARD_U)
        assert done.qv10_dm3s_m2[0, level] == pytest.approx(1.0)
        assert done.capex_eur[0, level] == 0.0 and done.n_measures[0, level] == 0
        assert done.insulated_area_m2[0, level] == 0.0
    assert done.u_w_m2k[0, 3] == pytest.approx([0.266, 0.27, 0.272, 1.0, 1.0])
    assert done.capex_eur[0, 3] == pytest.approx(32_700.0)
    assert done.n_measures[0, 3] == 2
    assert done.insulated_area_m2[0, 3] == pytest.approx(80 + 15 + 2)
    assert done.qv10_dm3s_m2[0, 3] == pytest.approx(0.7)
    assert env.capex_eur[0, 3] > done.capex_eur[0, 3]  # from the state on record deep costs more


def _twins() -> pd.DataFrame:
    rows = [
        {
            "dwelling_id": f"d{i}",
            "dwelling_type": "tussenwoning",
            "construction_year": 1970,
            "floor_area_m2": 105,
            "tenure": "koop",
            "household_income_eur": 50_000,
        }
        for i in range(2)
    ]
    return validate_stock(pd.DataFrame(rows), "x")


def test_the_evaluation_starts_the_insulated_twin_at_standard():
    stock, scenario = _twins(), wm.load_scenario()
    survey = wio.load_survey(
        pd.DataFrame({"dwelling_id": ["d1"], "would_join": [""], "already_insulated": ["ja"]})
    )
    outcomes = wm.evaluate(survey_stock(stock, survey), scenario, irr=False)
    assert outcomes.n_groups == 2  # the answer splits the identical twins
    twin, done = outcomes.dwelling_group  # d0 as on record, d1 already insulated
    cat = outcomes.catalogue
    boiler = {lev: cat.index_of(lev, "gas_boiler") for lev in ("current", "basic", "standard")}
    gas, capex, subsidy = outcomes["gas_m3"], outcomes["capex_eur"], outcomes["subsidy_eur"]
    for j in (
        boiler.values()
    ):  # its current, basic and standard: the twin's standard envelope, boiler cost only
        assert gas[done, j] == pytest.approx(gas[twin, boiler["standard"]])
        assert capex[done, j] == pytest.approx(capex[twin, boiler["current"]])
        assert subsidy[done, j] == 0.0
    assert gas[twin, boiler["current"]] > gas[done, boiler["current"]]


def test_survey_stock_keeps_the_stock_without_answers_and_names_unknown_dwellings():
    stock = _twins()
    assert (
        survey_stock(
            stock, wio.load_survey(pd.DataFrame({"dwelling_id": ["d0"], "would_join": ["ja"]}))
        )
        is stock
    )
    with pytest.raises(wm.WupInputError, match="row 2: dwelling 'zz' is not in the stock"):
        survey_stock(
            stock,
            wio.load_survey(
                pd.DataFrame(
                    {"dwelling_id": ["zz"], "would_join": [""], "already_insulated": ["ja"]}
                )
            ),
        )


def test_optimise_with_the_survey_evaluates_the_answer():
    stock, scenario = _twins(), wm.load_scenario()
    survey = wio.load_survey(
        pd.DataFrame({"dwelling_id": ["d1"], "would_join": [""], "already_insulated": ["ja"]})
    )
    with_answer = wm.optimise(stock, scenario, survey=survey)
    without = wm.optimise(stock, scenario)
    assert with_answer.objective_eur < without.objective_eur  # d1's insulation is done and paid for
    outcomes = wm.evaluate(stock, scenario, irr=False)
    late = wm.optimise(stock, scenario, outcomes=outcomes, survey=survey)
    assert any("evaluate wupmodel.survey.survey_stock" in n for n in late.notices)
