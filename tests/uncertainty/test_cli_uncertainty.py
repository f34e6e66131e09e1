"""The sweep and batch commands: files written atomically, bad input -> one message, exit 2."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wupmodel.cli import main

EXAMPLE = Path(__file__).parents[2] / "scenarios" / "uncertainty.yaml"


def test_sweep_writes_table_and_report(tmp_path, capsys):
    out = tmp_path / "s.parquet"
    rc = main(
        [
            "sweep",
            str(EXAMPLE),
            "--samples",
            "50",
            "--method",
            "lhs",
            "--out",
            str(out),
            "--report",
            str(tmp_path / "rep"),
        ]
    )
    assert rc == 0
    table = pd.read_parquet(out)
    assert len(table) == 50 * 6 and "prices.gas_supply_eur_m3" in table
    assert (tmp_path / "rep" / "sweep.xlsx").is_file()
    assert not list(tmp_path.glob(".*.tmp"))


def test_sweep_bad_input_exit_2(tmp_path, capsys):
    assert (
        main(["sweep", str(EXAMPLE), "--samples", "0", "--out", str(tmp_path / "x.parquet")]) == 2
    )
    assert "samples must be" in capsys.readouterr().err
    assert (
        main(
            [
                "sweep",
                str(EXAMPLE),
                "--method",
                "sobol",
                "--samples",
                "100",
                "--out",
                str(tmp_path / "x.parquet"),
            ]
        )
        == 2
    )
    assert "power of two" in capsys.readouterr().err
    assert not (tmp_path / "x.parquet").exists()


def test_batch_writes_parquet_and_workbook(tmp_path):
    codes = tmp_path / "codes.csv"
    codes.write_text("buurt_code\nBU01095059\nBU01060505\n")
    out = tmp_path / "b.parquet"
    assert main(["batch", "--buurten", str(codes), "--out", str(out)]) == 0
    table = pd.read_parquet(out)
    assert set(table["buurt_code"]) == {"BU01095059", "BU01060505"}
    assert (tmp_path / "b.xlsx").is_file()
    assert main(["batch", "--buurten", str(tmp_path / "nope.csv"), "--out", str(out)]) == 2
