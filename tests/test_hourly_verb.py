"""``wm.hourly`` and ``wupmodel hourly``: per strategy the load curve, peaks, self-consumption and
a battery's effect, the monthly check, the Parquet of the curves, and bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import wupmodel as wm
from wupmodel.cli import main


@pytest.fixture(scope="module")
def report():
    scenario = wm.load_scenario()
    return wm.hourly(
        wm.stock_for(scenario), scenario, strategies=["reference", "all_electric_air", "hybrid"]
    )


def test_the_json_has_what_the_issue_asks(report):
    data = report.to_json_dict()
    assert data["design_weather_year"] == 2015 and data["energy_weather_year"] == 2015
    assert data["cold_check_weather_year"] == 1987
    for name, s in data["strategies"].items():
        assert s["peak_kw_per_dwelling"] > 0, name
        assert 0 < s["self_consumption_share"] < s["battery"]["self_consumption_share"] < 1
        assert set(s["monthly_check"]) == {"electricity_demand_kwh", "pv_kwh", "gas_m3", "heat_gj"}
        assert max(s["monthly_check"].values()) < 0.01  # the hours keep the monthly model
        # the evaluation's table agrees with the hours on PV used at home
        assert s["self_consumption_share_table"] == pytest.approx(
            s["self_consumption_share"], abs=0.01
        )
        assert s["load_duration_kw"][0] == pytest.approx(s["peak_kw"])
        assert set(s["zones"]) == {"lv1", "lv2", "lv3"}
        cold = s["cold_year_check"]
        assert set(cold["zones"]) == {"lv1", "lv2", "lv3"}
        assert cold["peak_kw_per_dwelling"] >= s["peak_kw_per_dwelling"] - 1e-9
    air = data["strategies"]["all_electric_air"]
    assert air["peak_kw_per_dwelling"] > data["strategies"]["reference"]["peak_kw_per_dwelling"]
    assert air["peak_time"].startswith("2015-01")
    assert air["cold_year_check"]["zones"]["lv1"]["peak_time"].startswith("1987-01")


def test_the_curves_sum_the_zones(report):
    curves = report.curves()
    assert set(curves.columns) == {"strategy", "zone", "hour", "load_kw", "time_utc"}
    air = curves[curves["strategy"] == "all_electric_air"].pivot(
        index="hour", columns="zone", values="load_kw"
    )
    pd.testing.assert_series_equal(
        air["village"], air[["lv1", "lv2", "lv3"]].sum(axis=1), check_names=False
    )
    assert air["village"].max() == pytest.approx(report.strategies["all_electric_air"].peak_kw)


def test_the_command_writes_json_and_parquet(tmp_path, capsys):
    assert (
        main(["hourly", "--strategy", "reference", "--format", "json", "--out", str(tmp_path)]) == 0
    )
    out = capsys.readouterr().out
    data = json.loads(out[: out.rindex("}") + 1])
    assert list(data["strategies"]) == ["reference"]
    frame = pd.read_parquet(tmp_path / "hourly_curves.parquet")
    assert len(frame) == 8760 * 4  # three zones and the village
    assert json.loads((tmp_path / "hourly.json").read_text())["battery_kwh"] == 5.0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--weather-year", "1990"], "weather year 1990 is not shipped"),
        (["--battery-kwh", "40"], "outside the catalogue's range"),
        (["--strategy", "solar_only"], "unknown strategy 'solar_only'"),
    ],
)
def test_bad_input_is_one_message_and_exit_2(args, words, capsys):
    assert main(["hourly", *args]) == 2
    assert words in capsys.readouterr().err


def test_a_battery_outside_the_catalogue_in_a_scenario_is_exit_2(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    path.write_text("name: big battery\ncatalogue:\n  battery_kwh: [40]\n")
    assert main(["run", str(path)]) == 2
    assert "battery size 40 kWh is outside" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("verb", "key"),
    [
        ("run", "hourly.design_weather_year"),
        ("hourly", "hourly.cold_check_weather_year"),
        ("optimise", "hourly.default_weather_year"),
    ],
)
def test_a_weather_year_between_the_shipped_ones_names_its_parameter(verb, key, capsys):
    """2000 lies within the parameters' range (1987-2015) but is not shipped: every verb that
    reads the year says which parameter holds it, exit 2."""
    assert main([verb, "--set", f"{key}=2000"]) == 2
    err = capsys.readouterr().err
    assert f"{key}: weather year 2000 is not shipped" in err
    assert "Traceback" not in err
