"""``wupmodel coop``: exit codes, files written, one clear message for bad input, inputs
unchanged."""

from __future__ import annotations

import hashlib
import json

import openpyxl
import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.cli import main


def _zone_ids(n: int) -> list[str]:
    stock = wm.stock_for(wm.load_scenario())
    return stock.loc[stock["heat_network_zone"] == "kern", "dwelling_id"].astype(str).tolist()[:n]


def test_coop_prints_a_summary_and_writes_the_workbook_and_json(tmp_path, capsys):
    out = tmp_path / "coop"
    assert main(["coop", "--participation", "85%", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "zone 'kern'" in text and "minimum DSCR" in text and "break-even participation" in text
    book = openpyxl.load_workbook(out / "coop.xlsx")
    assert {
        "read_me",
        "ratios",
        "assumptions",
        "cash_flow",
        "financing",
        "participation",
        "households",
        "provenance",
    } <= set(book.sheetnames)
    assert book["cash_flow"].max_row == 32  # header + t = 0 .. 30
    sources = [row[5].value for row in book["assumptions"].iter_rows(min_row=2)]
    assert all(sources)  # every assumption has its source
    data = json.loads((out / "coop.json").read_text("utf-8"))
    assert data["participation"] == pytest.approx(0.85)
    assert data["metrics"]["min_dscr"] == pytest.approx(1.3)
    assert len(data["cash_flow"]) == 31


def test_coop_default_reports_the_loop(capsys):
    assert main(["coop"]) == 0
    text = capsys.readouterr().out
    assert "tariff <-> uptake loop" in text and "round(s)" in text


def test_coop_json_and_solar_park(capsys):
    assert main(["coop", "--asset", "solar_park", "--park-kwp", "1500", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["asset"] == "solar_park" and data["break_even_tariff"]["value"] > 0


def test_coop_lt_network_from_the_shell(capsys):
    """``--network lt``: the LT households' tariff path, 9.84 EUR/GJ in 2027 against the MT
    network's 23.54 (tests/coop/test_lt_network.py derives both by hand); a bad value exits 2."""
    assert main(["coop", "--network", "lt", "--participation", "85%"]) == 0
    assert "EUR/yr + 9.84 EUR/GJ" in capsys.readouterr().out
    assert main(["coop", "--participation", "85%"]) == 0
    assert "EUR/yr + 23.54 EUR/GJ" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["coop", "--network", "ht"])
    assert stop.value.code == 2


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--participation", "1.2"], "'participation' = 1.2"),
        (["--participation", "120%"], "'participation' = 1.2"),
        (["--min-dscr", "0.8"], "'min_dscr' = 0.8"),
        (["--debt-share", "1.5"], "'max_debt_share' = 1.5"),
        (["--tariff-fixed", "1000"], "above the ACM maximum 828"),
        (["--zone", "nowhere"], "zone 'nowhere' is not in the stock"),
    ],
)
def test_bad_input_one_message_exit_2(argv, fragment, capsys):
    assert main(["coop", *argv]) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_survey_for_an_unknown_dwelling_names_the_row_and_leaves_the_file(tmp_path, capsys):
    survey = tmp_path / "survey.csv"
    ids = _zone_ids(3)
    pd.DataFrame(
        {"dwelling_id": ids + ["nobody"], "would_join": ["ja", "nee", "misschien", "ja"]}
    ).to_csv(survey, index=False)
    before = hashlib.sha256(survey.read_bytes()).hexdigest()
    assert main(["coop", "--survey", str(survey), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "row 5: dwelling 'nobody' is not in the stock" in err
    assert hashlib.sha256(survey.read_bytes()).hexdigest() == before
    assert not (tmp_path / "o" / "coop.xlsx").exists()


def test_survey_with_a_bad_answer(tmp_path, capsys):
    survey = tmp_path / "survey.csv"
    pd.DataFrame({"dwelling_id": _zone_ids(2), "would_join": ["ja", "perhaps"]}).to_csv(
        survey, index=False
    )
    assert main(["coop", "--survey", str(survey)]) == 2
    assert "row 3: would_join = 'perhaps' is not an answer" in capsys.readouterr().err


def test_survey_per_group_and_xlsx(tmp_path, capsys):
    survey = tmp_path / "survey.xlsx"
    pd.DataFrame(
        {
            "dwelling_id": _zone_ids(300),
            "join_yes": [1] * 300,
            "join_maybe": [0] * 300,
            "join_no": [0] * 300,
        }
    ).to_excel(survey, index=False)
    assert main(["coop", "--survey", str(survey), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["participation"] >= 300 / 428 and "survey" in data["participation_source"]


def test_out_that_is_a_file_is_refused(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    assert main(["coop", "--out", str(target)]) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert target.read_text() == "keep me"


def test_text_that_looks_like_a_formula_is_escaped(tmp_path):
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario).copy()
    stock["heat_network_zone"] = stock["heat_network_zone"].replace({"kern": "=1+1"})
    case = wm.business_case(stock, scenario, participation=0.9)
    wio.write_business_case(tmp_path, case)
    book = openpyxl.load_workbook(tmp_path / "coop.xlsx")
    values = [row[1].value for row in book["ratios"].iter_rows(min_row=2) if row[0].value == "zone"]
    assert values == ["'=1+1"]
    assert json.loads((tmp_path / "coop.json").read_text("utf-8"))["zone"] == "=1+1"


def test_json_is_strict_even_when_nobody_joins(capsys):
    """No NaN in the JSON (figures that do not exist are null)."""
    assert main(["coop", "--json"]) == 0

    def refuse(constant):
        raise ValueError(f"non-standard JSON constant {constant}")

    data = json.loads(capsys.readouterr().out, parse_constant=refuse)
    assert data["metrics"]["project_irr"] is None and data["loop"]["iterations"] >= 1
