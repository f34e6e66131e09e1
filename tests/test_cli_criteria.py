"""``wupmodel criteria`` and the criteria in ``run`` and ``optimise``: outputs, and every bad input
one message naming the key, exit 2."""

from __future__ import annotations

import json

import openpyxl
import pytest

from wupmodel.cli import main


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_criteria_table(capsys):
    assert main(["criteria"]) == 0
    out = capsys.readouterr().out
    assert "Summer overheating (TOjuli, with cooling) [K]" in out
    assert "Ranking (topsis, weights of 'equal')" in out
    for group in ("residents", "tenants", "corporation", "municipality"):
        assert group in out
    assert "no uncertainty sweep" in out  # why the chance of paying more is left out


def test_criteria_json_and_files(capsys, tmp_path):
    out_dir = tmp_path / "weighed"
    assert main(["criteria", "--format", "json", "--out", str(out_dir)]) == 0
    data = _json(capsys)
    assert set(data["strategies"]) == {
        "reference",
        "hybrid",
        "all_electric_air",
        "all_electric_ground",
        "heat_network_mt",
        "heat_network_lt",
    }
    assert sum(data["robustness"].values()) == pytest.approx(1.0)
    assert [r["rank"] for r in data["ranking"]] == sorted(r["rank"] for r in data["ranking"])
    assert data["provenance"]["command"].startswith("wupmodel criteria")
    book = openpyxl.load_workbook(out_dir / "criteria.xlsx", read_only=True)
    assert book.sheetnames[:4] == ["read_me", "criteria", "criteria_ranking", "criteria_weights"]
    assert json.loads((out_dir / "criteria.json").read_text("utf-8"))["method"] == "topsis"


def test_weights_file_group_and_method(capsys, tmp_path):
    path = tmp_path / "dorp.yaml"
    path.write_text("dorpsraad: {co2_t: 3, noise_excess_db: 1}\nhuurders: {mould_surface_rh: 1}\n")
    assert main(["criteria", "--weights", str(path), "--group", "dorpsraad", "--format", "json",
                 "--method", "weighted"]) == 0  # fmt: skip
    data = _json(capsys)
    assert data["method"] == "weighted"
    assert data["weights"]["co2_t"] == pytest.approx(0.75)
    assert set(data["groups"]) == {"dorpsraad", "huurders"}
    best_co2 = min(data["strategies"], key=lambda s: data["strategies"][s]["co2_t"])
    assert data["ranking"][0]["strategy"] == best_co2


def test_with_plan_under_limits(capsys):
    assert main(["criteria", "--with-plan", "--limit", "noise", "--format", "json"]) == 0
    data = _json(capsys)
    assert "plan" in data["strategies"]
    assert data["strategies"]["plan"]["needs_relocation"] == pytest.approx(0.0)
    assert sum(data["robustness"].values()) == pytest.approx(1.0)


def test_the_chance_of_paying_more_from_a_sweep(capsys):
    args = ["criteria", "--uncertainty", "scenarios/uncertainty.yaml", "--risk-samples", "8"]
    assert main([*args, "--format", "json"]) == 0
    data = _json(capsys)
    assert data["strategies"]["reference"]["chance_paying_more"] == 0.0
    assert "chance_paying_more" in data["weights"]


@pytest.mark.parametrize(
    ("text", "suffix", "message"),
    [
        ("criterion,weight\nco2_t,-1\n", ".csv", "the weight of 'co2_t' is -1; a weight must be"),
        ("criterion,weight\nco2_t,0\npeak_kw,0\n", ".csv", "are all 0"),
        ("criterion,weight\nco2,1\n", ".csv", "unknown criterion 'co2'; did you mean 'co2_t'"),
        ("criterium,weight\nco2_t,1\n", ".csv", "column 'criterion' is missing"),
        ("co2_t: [1\n", ".yaml", "not valid YAML"),
    ],
)
def test_bad_weights_exit_2_with_one_message(capsys, tmp_path, text, suffix, message):
    path = tmp_path / f"weights{suffix}"
    path.write_text(text)
    assert main(["criteria", "--weights", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["criteria", "--group", "tenant"], "unknown stakeholder group 'tenant' (did you mean"),
        (["criteria", "--limit", "noise"], "--limit needs --with-plan"),
        (["criteria", "--risk-samples", "-1"], "--risk-samples must be between 0"),
        (["criteria", "--weights", "missing.csv"], "does not exist"),
        (["optimise", "--limit", "nois"], "unknown limit 'nois' (did you mean 'noise'?)"),
        (["optimise", "--group", "tenant"], "unknown group 'tenant' (did you mean 'tenants'?)"),
    ],
)
def test_bad_arguments_exit_2(capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and message in err


def test_optimise_with_limits_says_what_they_removed(capsys):
    assert main(["optimise", "--co2-reduction", "0.6", "--limit", "noise",
                 "--limit", "overheating"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "limit noise:" in out and "limit overheating:" in out and "removed" in out


def test_run_carries_the_criteria(capsys, tmp_path):
    assert main(["run", "--format", "json", "--out", str(tmp_path)]) == 0
    data = _json(capsys)["criteria"]
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    assert data["ranking"][0]["rank"] == 1
    assert data["strategies"]["hybrid"]["overheating_tojuli_k"] > 0
    book = openpyxl.load_workbook(tmp_path / "results.xlsx", read_only=True)
    assert {"criteria", "criteria_ranking", "criteria_weights"} <= set(book.sheetnames)
    assert (tmp_path / "criteria_ranking.csv").exists()
    summary = json.loads((tmp_path / "summary.json").read_text("utf-8"))
    assert summary["criteria"]["method"] == "topsis"


def test_the_dutch_workbook_speaks_dutch_on_the_criteria_sheets(tmp_path):
    """``--lang nl``: the criteria sheets' headers, labels and directions in Dutch (the
    strategies by their Dutch names, the groups' columns by the group), the ids unchanged."""
    assert main(["criteria", "--out", str(tmp_path), "--lang", "nl"]) == 0
    book = openpyxl.load_workbook(tmp_path / "criteria.xlsx", read_only=True)
    heads = {name: [c.value for c in next(book[name].iter_rows(max_row=1))] for name in
             ("criteria", "criteria_ranking", "criteria_weights")}  # fmt: skip
    assert heads["criteria"][:5] == ["Indicator", "Omschrijving", "Eenheid", "Beter als",
                                     "Meegewogen [yes/no]"]  # fmt: skip
    assert "Hybride warmtepomp" in heads["criteria"] and "Warmtenet MT" in heads["criteria"]
    assert "Plaats: bewoners" in heads["criteria_ranking"]
    assert "Gewicht: gemeente [%]" in heads["criteria_weights"]
    rows = list(book["criteria"].iter_rows(min_row=2, values_only=True))
    first = {r[0]: r for r in rows}["overheating_tojuli_k"]
    assert first[1] == "Oververhitting in de zomer (TOjuli, met koeling)" and first[3] == "lager"
