"""The plan as a deliverable: per dwelling, in Excel, summing to the plan's own totals."""

from __future__ import annotations

import json

import numpy as np
import openpyxl
import pytest

import wupmodel as wm
import wupmodel.io as wio


@pytest.fixture(scope="module")
def plan_and_stock():
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    return wm.optimise(stock, scenario, co2_reduction=0.6, pareto=2), stock


def test_per_dwelling_rows_cover_the_stock_and_sum_to_the_plan(plan_and_stock):
    plan, stock = plan_and_stock
    d = plan.dwellings
    # every dwelling of the stock, its shares summing to 1
    shares = d.groupby("dwelling_id")["share"].sum()
    assert set(shares.index) == set(stock["dwelling_id"])
    np.testing.assert_allclose(shares.to_numpy(), 1.0, atol=1e-7)
    # dwellings per heating system equal the plan's own count
    per_heating = d.groupby("heating")["dwellings"].sum()
    for heating, n in plan.dwellings_by_heating.items():
        assert per_heating.get(heating, 0.0) == pytest.approx(n, abs=1e-6), heating
    # the option spelled out is the option id's parts
    parts = d["option_id"].str.split("+")
    assert (parts.str[0] == d["insulation"]).all() and (parts.str[1] == d["heating"]).all()
    assert (parts.map(lambda p: "pv" in p[2:]) == d["pv"]).all()
    assert (parts.map(lambda p: "st" in p[2:]) == d["solar_water_heater"]).all()


def test_plan_workbook_and_json(plan_and_stock, tmp_path):
    plan, stock = plan_and_stock
    written = wio.write_plan(tmp_path, plan)
    assert sorted(p.name for p in written) == ["plan.json", "plan.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "plan.json",
        "plan.xlsx",
    ]  # no temporaries
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx", read_only=False)
    assert {"summary", "per_dwelling", "per_heating", "collective", "constraints", "pareto"} <= set(
        book.sheetnames
    )
    sheet = book["per_dwelling"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    col = header.index("dwellings")
    total = sum(row[col] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert total == pytest.approx(float(stock["count"].sum()), rel=1e-9)
    payload = json.loads((tmp_path / "plan.json").read_text("utf-8"))
    assert set(payload["choices_by_dwelling"]) == set(stock["dwelling_id"])
    assert len(payload["pareto"]) == len(plan.pareto_front) == 2
