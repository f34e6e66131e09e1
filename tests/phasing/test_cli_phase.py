"""``wupmodel phase``: the files it writes, what the JSON holds, and exit 3 when the CO2 path
is out of reach."""

from __future__ import annotations

import json

import openpyxl

from wupmodel.cli import main


def test_phase_writes_the_workbook_and_the_json(tmp_path, capsys):
    out, js = tmp_path / "plan", tmp_path / "phasing.json"
    code = main(["phase", "--step", "5", "--out", str(out), "--json", str(js)])
    text = capsys.readouterr().out
    assert code == 0
    assert "Plan over the years" in text and "optimal" in text
    book = openpyxl.load_workbook(out / "phasing.xlsx", read_only=True)
    assert book.sheetnames == [
        "read_me",
        "per_year",
        "per_zone",
        "per_dwelling",
        "binding",
        "assumptions",
        "provenance",
    ]
    data = json.loads(js.read_text())
    assert data["status"] == "optimal"
    assert isinstance(data["objective_eur"], float)
    first = data["years"][0]
    assert {"year", "co2_kg", "capex_eur", "installations"} <= set(first)
    assert first["year"] == 2026 and len(data["years"]) == 25
    assert set(first["installations"]) >= {"air_hp", "hybrid_hp", "heat_network_lt"}
    assert len(data["dwellings"]) == 758
    one = next(iter(data["dwellings"].values()))
    assert {"year", "option_id"} <= set(one)
    # both files written through temporary names: none left behind
    assert sorted(p.name for p in out.iterdir()) == ["phasing.json", "phasing.xlsx"]
    assert json.loads((out / "phasing.json").read_text())["provenance"]["command"].startswith(
        "wupmodel phase"
    )


def test_an_unreachable_path_exits_3_with_the_best_reachable(capsys):
    code = main(["phase", "--step", "5", "--set", "targets.co2_path={2030: 0.95}"])
    captured = capsys.readouterr()
    assert code == 3
    assert "No plan meets the CO2 path (2030: 95%" in captured.out
    assert "The best reachable path is 2030:" in captured.out
    assert "no plan meets the CO2 path" in captured.err
