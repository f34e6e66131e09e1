"""The survey: reading it, and the choices it fixes for the optimiser."""

from __future__ import annotations

import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.survey import survey_choices


def test_answers_in_dutch_and_english_and_heat_pump_plans():
    survey = wio.load_survey(
        pd.DataFrame(
            {
                "dwelling_id": ["a", "b", "c", "d"],
                "would_join": ["Ja", "nee", "", ""],
                "plans_heat_pump": ["", "", "ja", "nee"],
                "invest_eur": ["1000", "", "250,5", ""],
            }
        )
    )
    assert survey[["yes", "maybe", "no"]].to_numpy().tolist() == [
        [1, 0, 0],
        [0, 0, 1],
        [0, 0, 1],
        [0, 1, 0],
    ]
    assert survey["invest_eur"].tolist() == [1000.0, 0.0, 250.5, 0.0]


@pytest.mark.parametrize(
    "frame, fragment",
    [
        (pd.DataFrame({"id": ["a"], "would_join": ["ja"]}), "needs a dwelling_id column"),
        (
            pd.DataFrame({"dwelling_id": ["a", "a"], "would_join": ["ja", "nee"]}),
            "row 3: dwelling 'a' appears twice",
        ),
        (
            pd.DataFrame({"dwelling_id": ["a"], "would_join": ["ja"], "invest_eur": ["-5"]}),
            "row 2: invest_eur = '-5'",
        ),
        (pd.DataFrame({"dwelling_id": ["a"]}), "needs a would_join column"),
    ],
)
def test_bad_surveys(frame, fragment):
    with pytest.raises(wm.WupInputError, match=fragment):
        wio.load_survey(frame)


def test_survey_fixes_choices_for_the_optimiser(village):
    scenario, stock, outcomes = village
    zone = stock.loc[stock["heat_network_zone"] == "kern", "dwelling_id"].astype(str).tolist()
    survey = wio.load_survey(
        pd.DataFrame(
            {
                "dwelling_id": zone[:3],
                "would_join": ["ja", "ja", "nee"],
                "plans_heat_pump": ["", "", "ja"],
            }
        )
    )
    choices = survey_choices(survey, outcomes)
    assert set(choices) == set(zone[:3])
    assert "heat_network" in choices[zone[0]] and "heat_network" in choices[zone[1]]
    assert "_hp" in choices[zone[2]]
    plan = wm.optimise(stock, scenario, outcomes=outcomes, fixed=choices)
    taken = plan.dwellings.set_index("dwelling_id").loc[list(choices), "option_id"].to_dict()
    assert taken == choices


def test_group_survey_cannot_fix_dwellings(village):
    _scenario, stock, outcomes = village
    survey = wio.load_survey(
        pd.DataFrame(
            {
                "dwelling_id": [str(stock["dwelling_id"].iloc[0])],
                "join_yes": [1],
                "join_maybe": [0],
                "join_no": [0],
            }
        )
    )
    with pytest.raises(wm.WupInputError, match="per group cannot fix choices"):
        survey_choices(survey, outcomes)


def test_pledges_become_the_member_capital_offered(village):
    scenario, stock, outcomes = village
    zone = stock.loc[stock["heat_network_zone"] == "kern", "dwelling_id"].astype(str).tolist()
    outside = stock.loc[stock["heat_network_zone"] != "kern", "dwelling_id"].astype(str).tolist()
    survey = wio.load_survey(
        pd.DataFrame(
            {"dwelling_id": zone[:200] + outside[:5], "would_join": "ja", "invest_eur": "1000"}
        )
    )
    case = wm.business_case(None, scenario, outcomes=outcomes, survey=survey)
    assert case.metrics["member_capital_offered_eur"] == pytest.approx(
        200 * 1000.0
    )  # the zone's pledges only
    assert any("would invest" in n for n in case.notices)
    set_by_hand = wm.business_case(
        None, scenario, outcomes=outcomes, survey=survey, member_capital_eur=5e5
    )
    assert set_by_hand.metrics["member_capital_offered_eur"] == 5e5
