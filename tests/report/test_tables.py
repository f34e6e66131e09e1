"""Run outputs: the Excel workbook, CSV files and JSON summary."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from wupmodel.cli import main
from wupmodel.params import parameter_table


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    assert main(["run", "--out", str(out)]) == 0
    return out


def test_workbook_has_all_sheets(run_dir):
    sheets = pd.read_excel(run_dir / "results.xlsx", sheet_name=None)
    for name in ("summary", "per_type", "who_pays", "per_dwelling", "assumptions", "price_paths"):
        assert name in sheets
    assert len(sheets["per_dwelling"]) == 758 * len(sheets["summary"])


def test_assumptions_sheet_cites_every_parameter(run_dir):
    a = pd.read_csv(run_dir / "assumptions.csv")
    assert set(a["parameter"]) == set(parameter_table().index)
    assert a["source"].notna().all() and a["year"].notna().all()


def test_per_type_is_the_count_weighted_mean_of_per_dwelling(run_dir):
    d = pd.read_csv(run_dir / "per_dwelling.csv")
    t = pd.read_csv(run_dir / "per_type.csv")
    sel = d[(d.strategy == "hybrid") & (d.dwelling_type == "tussenwoning")]
    row = t[(t.strategy == "hybrid") & (t.dwelling_type == "tussenwoning")].iloc[0]
    assert row["dwellings"] == sel["count"].sum()
    assert row["avg_gas_m3"] == pytest.approx(np.average(sel["gas_m3"], weights=sel["count"]))
    # investment: only the dwellings that change count (as in the summary)
    changed = sel["capex_eur"].where(sel["changes"], 0.0)
    assert row["avg_capex_eur"] == pytest.approx(np.average(changed, weights=sel["count"]))
    ref = t[t.strategy == "reference"]
    assert (ref["avg_capex_eur"] == 0).all() and (ref["avg_subsidy_eur"] == 0).all()


def test_json_summary(run_dir):
    s = json.loads((run_dir / "summary.json").read_text())
    assert s["dwellings"] == 758
    names = [x["strategy"] for x in s["strategies"]]
    assert names[0] == "reference"
    ref = s["strategies"][0]
    assert ref["national_extra_eur_per_yr"] == pytest.approx(0.0, abs=1e-6)
    assert all(0.0 <= x["share_paying_more"] <= 1.0 for x in s["strategies"])
    assert {w["tenure"] for w in s["who_pays"]} <= {
        "koop",
        "huur_corporatie",
        "huur_particulier",
        "onbekend",
    }


def test_run_json_format_is_parseable(capsys):
    assert main(["run", "--format", "json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert "national_eur_per_t_co2" in s["strategies"][1]
