"""The survey in the optimiser: fixed choices and each zone's minimum heat-network participation.

A tiny stock worked by hand: zone ``kern`` holds rows d0 (4 dwellings), d1, d2 and d3 (1 each),
so 7 dwellings; d4 and d5 are outside any zone. A *yes* from d0 is 4 of 7 dwellings: a yes-share
of 4/7 = 57.1 %, above the packaged minimum participation of 50 %; a yes from d1 alone is 1/7 =
14.3 %, below it (the 50 % stays).
"""

from __future__ import annotations

import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.cli import main
from wupmodel.stock import validate_stock
from wupmodel.survey import survey_choices, survey_targets

ROWS = [
    ("tussenwoning", 1970, 105, 4),
    ("hoekwoning", 1968, 115, 1),
    ("twee_onder_een_kap", 1985, 130, 1),
    ("vrijstaand", 1930, 160, 1),
    ("vrijstaand", 2000, 170, 1),
    ("tussenwoning", 1995, 100, 1),
]
NETWORK = ("heat_network_mt", "heat_network_lt")
PUMPS = ("air_hp", "ground_hp", "hybrid_hp")


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "dwelling_id": f"d{i}",
                "dwelling_type": t,
                "construction_year": y,
                "floor_area_m2": a,
                "count": c,
                "tenure": "koop",
                "household_income_eur": 50_000,
                "heat_network_zone": "kern" if i < 4 else None,
            }
            for i, (t, y, a, c) in enumerate(ROWS)
        ]
    )


@pytest.fixture(scope="module")
def tiny():
    stock = validate_stock(_frame(), "x")
    scenario = wm.load_scenario()
    return stock, scenario, wm.evaluate(stock, scenario, irr=False)


def _survey(**columns) -> pd.DataFrame:
    return wio.load_survey(pd.DataFrame(columns))


def test_yes_share_per_zone_by_hand(tiny):
    _stock, _scenario, outcomes = tiny
    survey = _survey(dwelling_id=["d0", "d4"], would_join=["ja", ""], plans_heat_pump=["", "ja"])
    targets = survey_targets(survey, outcomes)
    assert targets.min_participation == {"kern": pytest.approx(4 / 7)}
    assert set(targets.choices) == {"d0", "d4"}
    assert targets.choices["d0"].split("+")[1] in NETWORK
    assert targets.choices["d4"].split("+")[1] in PUMPS


def test_plan_keeps_the_survey_choices_and_the_yes_share(tiny):
    stock, scenario, outcomes = tiny
    survey = _survey(dwelling_id=["d0", "d4"], would_join=["ja", ""], plans_heat_pump=["", "ja"])
    free = wm.optimise(stock, scenario, outcomes=outcomes)
    assert not free.heat_network_built["kern"]  # without the survey nobody is on the network
    plan = wm.optimise(stock, scenario, outcomes=outcomes, survey=survey)
    taken = plan.dwellings.set_index("dwelling_id")["option_id"]
    assert taken["d0"] == survey_targets(survey, outcomes).choices["d0"]
    assert taken["d0"].split("+")[1] in NETWORK and taken["d4"].split("+")[1] in PUMPS
    assert plan.heat_network_built["kern"]
    assert plan.heat_network_participation["kern"] >= 4 / 7 - 1e-9
    text = wio.plan_text(plan, "x")
    assert "2 choice(s) fixed by the survey: d0 -> " in text
    assert "minimum heat-network participation in zone 'kern' if built 57.1%" in text


def test_group_survey_raises_the_minimum_above_the_default(tiny):
    # d1 chose the network by hand, so it is built; the packaged minimum alone asks 50 % of 7 =
    # 3.5 dwellings, the survey's 4 yes of 7 ask 4.
    stock, scenario, outcomes = tiny
    fixed = {"d1": survey_choices(_survey(dwelling_id=["d1"], would_join=["ja"]), outcomes)["d1"]}
    survey = _survey(dwelling_id=["d0"], join_yes=["4"], join_maybe=["0"], join_no=["0"])
    without = wm.optimise(stock, scenario, outcomes=outcomes, fixed=fixed)
    plan = wm.optimise(stock, scenario, outcomes=outcomes, fixed=fixed, survey=survey)
    assert without.heat_network_participation["kern"] == pytest.approx(0.5, abs=1e-6)
    assert plan.heat_network_participation["kern"] == pytest.approx(4 / 7, abs=1e-6)


def test_a_lower_yes_share_keeps_the_default_minimum(tiny):
    stock, scenario, outcomes = tiny
    plan = wm.optimise(
        stock, scenario, outcomes=outcomes, survey=_survey(dwelling_id=["d1"], would_join=["ja"])
    )
    assert plan.heat_network_participation["kern"] == pytest.approx(
        0.5, abs=1e-6
    )  # 3.5 of 7, not 1 of 7
    assert any("yes-share 14.3%; the minimum 50% already set is higher" in n for n in plan.notices)


def test_survey_and_fixed_disagree(tiny):
    stock, scenario, outcomes = tiny
    survey = _survey(dwelling_id=["d0"], would_join=["ja"])
    with pytest.raises(wm.WupInputError, match="dwelling 'd0': the survey fixes"):
        wm.optimise(
            stock, scenario, outcomes=outcomes, survey=survey, fixed={"d0": "current+gas_boiler"}
        )
    same = survey_targets(survey, outcomes).choices
    assert wm.optimise(stock, scenario, outcomes=outcomes, survey=survey, fixed=same).has_solution


def test_cli_optimise_with_a_survey(tmp_path, capsys):
    stock_file, survey_file = tmp_path / "stock.csv", tmp_path / "survey.csv"
    _frame().to_csv(stock_file, index=False)
    survey_file.write_text("dwelling_id,would_join,plans_heat_pump\nd0,ja,\nd4,,ja\n", "utf-8")
    assert main(["optimise", "--stock", str(stock_file), "--survey", str(survey_file)]) == 0
    text = capsys.readouterr().out
    assert "heat networks built: kern" in text
    assert f"survey {survey_file}: 2 choice(s) fixed by the survey" in text
    assert "if built 57.1% (the survey's yes-share 57.1%)" in text


@pytest.mark.parametrize(
    "survey, fixed, fragment",
    [
        (
            "dwelling_id,would_join\nd0,ja\nnobody,ja\n",
            None,
            "row 3: dwelling 'nobody' is not in the stock",
        ),
        ("dwelling_id,would_join\nd0,wel\n", None, "row 2: would_join = 'wel' is not an answer"),
        (
            "dwelling_id,would_join\nd0,ja\n",
            "dwelling_id,option_id\nd0,current+gas_boiler\n",
            "the survey fixes",
        ),
    ],
)
def test_cli_bad_survey_exits_2(tmp_path, capsys, survey, fixed, fragment):
    stock_file, survey_file = tmp_path / "stock.csv", tmp_path / "survey.csv"
    _frame().to_csv(stock_file, index=False)
    survey_file.write_text(survey, "utf-8")
    argv = ["optimise", "--stock", str(stock_file), "--survey", str(survey_file)]
    if fixed:
        (tmp_path / "fixed.csv").write_text(fixed, "utf-8")
        argv += ["--fixed", str(tmp_path / "fixed.csv")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err
    assert err.count("\n") <= 2


def test_business_case_evaluates_the_already_insulated_answer():
    # d3 (detached, 1930) says it has insulated: its own alternative and its heat both fall, the
    # other households of the zone stay as they were.
    stock, scenario = validate_stock(_frame(), "x"), wm.load_scenario()
    survey = _survey(dwelling_id=["d3"], would_join=[""], already_insulated=["ja"])
    before = wm.business_case(stock, scenario).households.set_index("group_id")
    after = wm.business_case(stock, scenario, survey=survey).households.set_index("group_id")
    cols = ["alternative_cost_eur_per_yr", "heat_gj"]
    pd.testing.assert_frame_equal(after.loc[[0, 1, 2], cols], before.loc[[0, 1, 2], cols])
    assert (after.loc[3, cols] < before.loc[3, cols] - 1e-6).all()
