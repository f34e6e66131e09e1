"""The command line: outputs, exit codes, and clear errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from wupmodel.cli import main


def test_run_prints_strategy_comparison(capsys):
    assert main(["run"]) == 0
    out = capsys.readouterr().out
    assert "758 dwellings" in out
    for name in (
        "reference",
        "hybrid",
        "all_electric_air",
        "all_electric_ground",
        "heat_network_mt",
        "heat_network_lt",
    ):
        assert name in out


def test_run_json(capsys):
    assert main(["run", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["dwellings"] == 758
    ref = next(s for s in payload["strategies"] if s["strategy"] == "reference")
    assert ref["co2_reduction"] == pytest.approx(0.0)
    assert all(
        s["co2_reduction"] > 0 for s in payload["strategies"] if s["strategy"] != "reference"
    )


def test_stock_then_evaluate_round_trip(tmp_path, capsys):
    stock = tmp_path / "aalden.csv"
    assert main(["stock", "--buurt", "BU01095059", "--out", str(stock)]) == 0
    before = stock.read_bytes()
    out = tmp_path / "outcomes.parquet"
    assert main(["evaluate", "--stock", str(stock), "--out", str(out)]) == 0
    assert stock.read_bytes() == before
    frame = pd.read_parquet(out)
    assert len(frame) == 758 * 144  # 96 options, and the 48 with PV again with a battery
    csv_out = tmp_path / "outcomes.csv"
    assert main(["evaluate", "--stock", str(stock), "--out", str(csv_out), "--per", "group"]) == 0
    assert "group_id" in pd.read_csv(csv_out, nrows=1).columns


def test_unknown_buurt_is_a_clear_error(tmp_path, capsys):
    assert main(["stock", "--buurt", "BU99999999", "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "BU99999999" in err


def test_bad_output_extension(tmp_path, capsys):
    assert main(["evaluate", "--out", str(tmp_path / "x.txt")]) == 2
    assert ".csv or .parquet" in capsys.readouterr().err


def test_params_lists_sources(capsys):
    assert main(["params", "--grep", "co2.gas", "--full"]) == 0
    out = capsys.readouterr().out
    assert "1.78" in out and "ISSO 82" in out


def test_params_fits_100_columns_and_says_when_nothing_matches(capsys):
    assert main(["params"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert main(["params", "--grep", "loan"]) == 0
    assert capsys.readouterr().out.strip() == "no parameter matches 'loan'"


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"dwelling_id,dwelling_type,construction_year\n1,tussenwoning,1970\n", "floor_area_m2"),
        (
            b"dwelling_id,dwelling_type,construction_year,floor_area_m2\n1,bungalow,1970,100\n",
            "bungalow",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "stock.csv"),
        (b"", "stock.csv"),
    ],
)
def test_bad_stock_via_subprocess_has_no_traceback(tmp_path, content, fragment):
    stock = tmp_path / "stock.csv"
    stock.write_bytes(content)
    mtime = os.stat(stock).st_mtime_ns
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "wupmodel.cli",
            "evaluate",
            "--stock",
            str(stock),
            "--out",
            str(tmp_path / "o.csv"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert fragment in proc.stderr
    assert stock.read_bytes() == content and os.stat(stock).st_mtime_ns == mtime
    assert not (tmp_path / "o.csv").exists()


def test_bad_scenario_via_cli(tmp_path, capsys):
    bad = tmp_path / "s.yaml"
    bad.write_text("years:\n  strat: 2026\n", encoding="utf-8")
    assert main(["run", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "years.strat" in err and "start" in err


def test_scenario_with_stock_file(tmp_path, capsys):
    stock = tmp_path / "village.csv"
    stock.write_text(
        "id;woningtype;bouwjaar;oppervlakte;straat\n"
        "1;2-onder-1-kap;1975;120,5;Hoofdstraat\n2;appartement;1990;70;Brink\n",
        encoding="utf-8",
    )
    scen = tmp_path / "s.yaml"
    scen.write_text("name: tiny\nvillage:\n  stock_file: village.csv\n", encoding="utf-8")
    assert main(["run", str(scen)]) == 0
    assert "tiny: 2 dwellings" in capsys.readouterr().out


def test_help_for_every_command():
    for cmd in ("run", "evaluate", "stock", "params", "validate"):
        with pytest.raises(SystemExit) as exc:
            main([cmd, "--help"])
        assert exc.value.code == 0


def test_repo_scenarios_are_valid(capsys):
    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "scenarios").glob("*.yaml")):
        assert main(["validate", str(path)]) == 0, path


@pytest.mark.parametrize(
    "text, fragment",
    [
        (
            "prices:\n  gas_supply_eur_m3: {2025: 0.5, 2030: 0.6}\n",
            "2025, before the price year 2026",
        ),
        ("prices:\n  no_such_series: 0.3\n", "no_such_series"),
        ("finance:\n  household_discount_rate: -1.5\n", "finance.household_discount_rate"),
        ("finance:\n  social_discount_rate: .nan\n", "finance.social_discount_rate"),
        ("finance:\n  loan_term_years: 12\n", "finance.loan_term_years"),
        ("parameters:\n  finance.vat: .nan\n", "finance.vat"),
        ("years: {start: 2026, end: 2026}\n", "end"),
    ],
)
def test_bad_money_input_exits_cleanly(tmp_path, capsys, text, fragment):
    bad = tmp_path / "s.yaml"
    bad.write_text(text, encoding="utf-8")
    assert main(["run", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and fragment in err and "Traceback" not in err
    assert str(bad) in err
