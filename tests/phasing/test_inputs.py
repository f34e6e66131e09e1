"""Bad input for the time path: one clear message naming the key and what is allowed, exit 2."""

from __future__ import annotations

import pandas as pd
import pytest

import wupmodel as wm
from wupmodel.cli import main
from wupmodel.phasing import boiler_cohorts


def _run(*args: str, capsys) -> tuple[int, str]:
    code = main(["phase", "--step", "5", *args])
    return code, capsys.readouterr().err


def test_a_milestone_outside_the_horizon(capsys):
    code, err = _run("--set", "targets.co2_path={2055: 0.5}", capsys=capsys)
    assert code == 2
    assert "co2_path 2055" in err and "outside the horizon 2026 to 2050" in err


def test_no_capacity_with_a_target(capsys):
    code, err = _run(
        "--set",
        "targets.co2_path={2040: 0.5}",
        "--set",
        "phasing.heat_pumps_per_year=0",
        capsys=capsys,
    )
    assert code == 2
    assert "phasing.heat_pumps_per_year" in err and "allowed: a capacity above 0" in err


def test_works_for_an_unknown_zone(capsys):
    code, err = _run("--set", "phasing.works={noord: 2030}", capsys=capsys)
    assert code == 2
    assert "zone 'noord' is not a zone of the stock" in err and "kern" in err


def test_works_outside_the_horizon(capsys):
    code, err = _run("--set", "phasing.works={kern: 2060}", capsys=capsys)
    assert code == 2 and "works of zone 'kern'" in err


def test_a_boiler_year_in_the_future(tmp_path, capsys):
    stock = tmp_path / "stock.csv"
    pd.DataFrame(
        {
            "dwelling_id": ["a", "b"],
            "dwelling_type": ["vrijstaand", "tussenwoning"],
            "construction_year": [1970, 1990],
            "floor_area_m2": [140, 100],
            "boiler_year": [2015, 2031],
        }
    ).to_csv(stock, index=False)
    code, err = _run("--stock", str(stock), capsys=capsys)
    assert code == 2
    assert "column 'boiler_year'" in err and "'2031' is in the future" in err


def test_a_boiler_after_the_plans_start(aalden):
    """A boiler installed after the plan's start year (not after today: the stock allows it)
    is named, with the dwelling."""
    _, stock = aalden
    stock = stock.iloc[:20].copy()
    stock.loc[3, "boiler_year"] = 2026.0
    with pytest.raises(wm.WupInputError, match="'BU01095059-0004' has boiler_year 2026, after"):
        boiler_cohorts(stock, 2025, 15.0, 4.0)


def test_both_capacity_forms_are_refused(capsys):
    code, err = _run(
        "--set",
        "phasing.heat_pumps_per_year=10",
        "--set",
        "phasing.heat_pumps_per_1000_dwellings=10",
        capsys=capsys,
    )
    assert code == 2 and "not both" in err
