"""Weights: validation with one clear message, files (read by :mod:`wupmodel.io`), and the
stakeholder defaults."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wupmodel.criteria import (
    stakeholder_weights,
    validate_weights,
    weighed_criteria,
    weights_from_mapping,
    weights_from_table,
)
from wupmodel.errors import WupInputError
from wupmodel.io import read_weights
from wupmodel.params import default_params

CRITERIA = weighed_criteria(default_params())


def test_weights_are_normalised_and_missing_criteria_weigh_zero():
    w = validate_weights({"co2_t": 3, "monthly_cost_change_avg_eur": 1}, CRITERIA)
    d = w.as_dict()
    assert d["co2_t"] == 0.75 and d["monthly_cost_change_avg_eur"] == 0.25
    assert sum(d.values()) == pytest.approx(1.0) and d["peak_kw"] == 0.0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"co2_t": -1}, "the weight of 'co2_t' is -1; a weight must be 0 or more"),
        ({"co2_t": 0, "peak_kw": 0}, "the weights are all 0"),
        ({}, "the weights are all 0"),
        ({"co2": 1}, "unknown criterion 'co2'; did you mean 'co2_t'"),
        ({"monthly_cost": 1}, "did you mean 'monthly_cost_change_avg_eur'"),
        ({"co2_t": "veel"}, "the weight of 'co2_t' is 'veel', not a number"),
        ({"co2_t": float("nan")}, "not a number"),
    ],
)
def test_bad_weights_give_one_clear_message(raw, message):
    with pytest.raises(WupInputError, match=message.replace("(", r"\(")):
        validate_weights(raw, CRITERIA, source="weights.csv")


def test_csv_file_per_group(tmp_path):
    path = tmp_path / "weights.csv"
    path.write_text(
        "group,criterion,weight\n"
        "bewoners,monthly_cost_change_avg_eur,3\n"
        "bewoners,co2_t,1\n"
        "gemeente,co2_t,2\n"
        "gemeente,peak_kw,2\n",
        encoding="utf-8",
    )
    groups = read_weights(path, CRITERIA)
    assert list(groups) == ["bewoners", "gemeente"]
    assert groups["gemeente"].as_dict()["peak_kw"] == 0.5
    assert groups["bewoners"].group == "bewoners"


def test_csv_file_with_a_typo_names_it(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("criterion,wieght\nco2_t,1\n", encoding="utf-8")
    with pytest.raises(WupInputError, match="column 'weight' is missing.*'wieght'"):
        read_weights(path, CRITERIA)
    path.write_text("criterion,weight\nco2_tt,1\n", encoding="utf-8")
    with pytest.raises(
        WupInputError, match="w.csv: unknown criterion 'co2_tt'; did you mean 'co2_t'"
    ):
        read_weights(path, CRITERIA)
    path.write_text("criterion,weight\nco2_t,1\nco2_t,2\n", encoding="utf-8")
    with pytest.raises(WupInputError, match="'co2_t' is weighed twice"):
        read_weights(path, CRITERIA)
    with pytest.raises(WupInputError, match="does not exist"):
        read_weights(tmp_path / "missing.csv", CRITERIA)


def test_yaml_file(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("co2_t: 1\npeak_kw: 1\n", encoding="utf-8")
    assert read_weights(path, CRITERIA)["custom"].as_dict()["co2_t"] == 0.5
    path.write_text("huurders:\n  mould_surface_rh: 2\ngemeente:\n  co2_t: 1\n", encoding="utf-8")
    assert set(read_weights(path, CRITERIA)) == {"huurders", "gemeente"}
    path.write_text("huurders:\n  mould_surface_rh: 2\nco2_t: 1\n", encoding="utf-8")
    with pytest.raises(WupInputError, match="mix of groups"):
        read_weights(path, CRITERIA)
    with pytest.raises(WupInputError, match="expected criterion: weight"):
        weights_from_mapping([1, 2], CRITERIA, "w.yaml")


def test_packaged_stakeholder_groups():
    groups = stakeholder_weights(default_params(), CRITERIA)
    assert set(groups) == {"equal", "residents", "tenants", "corporation", "municipality"}
    for w in groups.values():
        assert w.values.sum() == pytest.approx(1.0) and (w.values >= 0).all()
    np.testing.assert_allclose(groups["equal"].values, 1 / len(CRITERIA))
    # contrasting: tenants weigh their monthly costs more, the municipality the grid and CO2 more
    t, m = groups["tenants"].as_dict(), groups["municipality"].as_dict()
    assert t["monthly_cost_change_avg_eur"] > m["monthly_cost_change_avg_eur"]
    assert m["peak_kw"] > t["peak_kw"] and m["co2_t"] > t["co2_t"]


def test_table_without_group_column():
    table = pd.DataFrame({"criterion": ["co2_t"], "weight": [1.0], "note": ["x"]})
    assert list(weights_from_table(table, CRITERIA)) == ["custom"]
