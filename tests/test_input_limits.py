"""Inputs with limits (issue 24): scenario YAML (aliases bounded, size, a key twice), every
error message bounded, and surveys and ``--fixed`` files checked like stock files (empty, only a
header, the wrong separator, a blank cell, a dwelling twice, an unknown option, answers from
outside the zone listed). Each CLI case: exit 2, one message, the inputs byte-identical, nothing
written."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.cli import main
from wupmodel.errors import MAX_MESSAGE_CHARS
from wupmodel.scenario import MAX_YAML_NODES

BOMB = """\
name: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _cli_fails(args, capsys, fragment: str, folder: Path) -> str:
    """The CLI in-process: exit 2, one bounded message with ``fragment``; nothing in
    ``folder`` changed (inputs byte-identical, no output written)."""
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert main([str(a) for a in args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and fragment in err, err
    assert len(err) <= MAX_MESSAGE_CHARS + 10 and "Traceback" not in err
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    return err


# ---------------------------------------------------------------------------------------------
# scenario YAML


def test_a_billion_laughs_is_refused_at_once():
    """Ten lines that expand to 9^9 strings: refused before anything is built. The bounds are
    the issue's (1 s, 200 MB); the check is linear in the text (~1 ms, < 1 MB), so neither the
    machine's load nor its speed comes near them (CPU time of this process, not wall time)."""
    tracemalloc.start()
    start = time.process_time()
    with pytest.raises(wm.WupInputError, match="anchors and aliases") as err:
        wio.scenario_from_text(BOMB, "bomb.yaml")
    seconds = time.process_time() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 1.0 and peak < 200e6
    assert len(str(err.value)) < 300


def test_the_bomb_through_the_cli_and_set(tmp_path, capsys):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB)
    _cli_fails(["validate", bomb], capsys, "expand to more than", tmp_path)
    levels = ["&l0 [" + ",".join(["x"] * 10) + "]"]
    for k in range(1, 7):  # --set with aliases nested six deep: 10^7 values
        levels.append(f"&l{k} [" + ",".join([f"*l{k - 1}"] * 10) + "]")
    setting = "name=[" + ", ".join(levels) + "]"
    default = Path(__file__).resolve().parents[1] / "scenarios" / "default.yaml"
    _cli_fails(["validate", default, "--set", setting], capsys, "expand to more than", tmp_path)


def test_aliases_within_bounds_are_welcome():
    text = (
        "name: aliases\n"
        "uncertainty:\n"
        "  parameters:\n"
        "    prices.gas_supply_eur_m3: &range {low: 0.6, high: 1.8}\n"
        "    prices.elec_supply_eur_kwh: *range\n"
    )
    scenario = wio.scenario_from_text(text, "aliases.yaml")
    ranges = scenario.uncertainty.parameters
    assert ranges["prices.gas_supply_eur_m3"] == ranges["prices.elec_supply_eur_kwh"]
    assert MAX_YAML_NODES >= 10_000  # room for every year of every price series


@pytest.mark.parametrize(
    "text, lines",
    [
        ("name: a\nyears:\n  start: 2026\nname: b\n", "lines 1 and 4"),
        (
            "name: a\nfinance:\n  financing: loan\n  # a comment\n  financing: own\n",
            "lines 3 and 5",
        ),
    ],
)
def test_a_key_given_twice_names_both_lines(text, lines):
    with pytest.raises(wm.WupInputError, match=f"given twice in one mapping \\({lines}\\)"):
        wio.scenario_from_text(text, "dup.yaml")


def test_a_merge_key_may_be_overridden():
    """``<<: *base`` then a key of the base: YAML's way of overriding, not a duplicate."""
    text = (
        "name: merge\n"
        "uncertainty:\n"
        "  parameters:\n"
        "    prices.gas_supply_eur_m3: &r {low: 0.6, high: 1.8}\n"
        "    prices.elec_supply_eur_kwh: {<<: *r, high: 1.6}\n"
    )
    ranges = wio.scenario_from_text(text, "merge.yaml").uncertainty.parameters
    assert ranges["prices.elec_supply_eur_kwh"].high == 1.6


def test_a_scenario_file_has_a_size_limit(tmp_path, capsys):
    big = tmp_path / "big.yaml"
    big.write_text("name: big\n" + "# padding\n" * 200_000)
    _cli_fails(["validate", big], capsys, "too large for a scenario", tmp_path)
    with pytest.raises(wm.WupInputError, match="too large"):
        wio.scenario_from_text(big.read_text(), "big.yaml")


def test_every_message_is_bounded():
    """A value of a million items, and a thousand wrong values: the message stays short."""
    huge = "name: x\nparameters:\n  cost.pv_eur_per_kwp: [" + ",".join(["1"] * 20_000) + "]\n"
    with pytest.raises(wm.WupInputError) as err:
        wio.scenario_from_text(huge, "huge.yaml")
    assert len(str(err.value)) < 1_000 and "a list of 20000 items" in str(err.value)
    many = "name: x\nuncertainty:\n  parameters:\n" + "".join(
        f"    prices.gas_supply_eur_m3.x{i}: {{low: 2, high: 1}}\n" for i in range(1_000)
    )
    with pytest.raises(wm.WupInputError) as err:
        wio.scenario_from_text(many, "many.yaml")
    assert len(str(err.value)) <= MAX_MESSAGE_CHARS
    assert wm.WupInputError("x" * 10**7).args[0].count("x") < MAX_MESSAGE_CHARS


# ---------------------------------------------------------------------------------------------
# surveys and --fixed files


@pytest.fixture(scope="module")
def small_stock() -> pd.DataFrame:
    return wm.synthesise_stock("BU01095059").iloc[::25].reset_index(drop=True)


@pytest.fixture
def folder(tmp_path, small_stock) -> Path:
    small_stock.to_csv(tmp_path / "stock.csv", index=False)
    return tmp_path


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"", "the file is empty"),
        (b"\n\n  \n", "the file is empty"),
        (b"dwelling_id,would_join\n", "has a header but no answers"),
        (b"dwelling_id\nBU01095059-0001\n", "columns found: 'dwelling_id'"),
        (
            b"dwelling_id|would_join\nBU01095059-0001|ja\n",
            "seems to use another separator",
        ),
        (b"dwelling_id,would_join\nBU01095059-0001,perhaps\n", "is not an answer"),
    ],
    ids=["empty", "blank-lines", "header-only", "one-column", "pipe-separated", "bad-answer"],
)
def test_a_bad_survey_file(folder, capsys, content, fragment):
    survey = folder / "survey.csv"
    survey.write_bytes(content)
    args = ["coop", "--stock", folder / "stock.csv", "--survey", survey, "--out", folder / "o"]
    _cli_fails(args, capsys, fragment, folder)
    args = ["optimise", "--stock", folder / "stock.csv", "--survey", survey]
    _cli_fails(args + ["--json", folder / "p.json"], capsys, fragment, folder)


def test_a_one_column_survey_is_not_split_on_a_letter(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("dwelling_id\nd1\nd2\n")
    with pytest.raises(wm.WupInputError) as err:
        wio.load_survey(path)
    assert "columns found: 'dwelling_id'" in str(err.value)
    assert "unnamed" not in str(err.value).lower()


def test_answers_from_outside_the_zone_are_listed(small_stock):
    outside = small_stock.loc[small_stock["heat_network_zone"] != "kern", "dwelling_id"].astype(str)
    inside = small_stock.loc[small_stock["heat_network_zone"] == "kern", "dwelling_id"].astype(str)
    survey = wio.load_survey(
        pd.DataFrame(
            {
                "dwelling_id": [*inside[:3], *outside[:2]],
                "would_join": ["ja", "ja", "nee", "ja", "ja"],
            }
        )
    )
    case = wm.business_case(small_stock, wm.load_scenario(), survey=survey)
    notice = next(n for n in case.notices if "outside zone 'kern'" in n)
    assert "2 answer(s)" in notice
    assert all(d in notice for d in outside[:2])


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"", "the file is empty"),
        (b"dwelling_id,option_id\n", "has a header but no choices"),
        (b"dwelling_id option_id\nBU01095059-0001 current+air_hp\n", "another separator"),
        (b"dwelling_id,option_id\nBU01095059-0001,\n", "line 2: option_id is empty"),
        (
            b"dwelling_id,option_id\nBU01095059-0001,current+air_hp\n"
            b"BU01095059-0001,basic+air_hp\n",
            "given twice (lines 2 and 3)",
        ),
        (b"dwelling_id,option_id\nBU01095059-0001,curent+air_hp\n", "close matches: current+air"),
        (b"dwelling_id,option_id\nBU01095059-0001,district-heating\n", "no close match"),
        (b"dwelling_id,option_id\nnot-a-dwelling,current+air_hp\n", "not in the stock"),
    ],
    ids=[
        "empty",
        "header-only",
        "space-separated",
        "blank-cell",
        "twice",
        "typo",
        "unknown",
        "unknown-dwelling",
    ],
)
def test_a_bad_fixed_choices_file(folder, capsys, content, fragment):
    fixed = folder / "fixed.csv"
    fixed.write_bytes(content)
    args = ["optimise", "--stock", folder / "stock.csv", "--fixed", fixed]
    err = _cli_fails(args + ["--out", folder / "plan"], capsys, fragment, folder)
    assert "close: \n" not in err and not err.rstrip().endswith("close:")


def test_good_fixed_choices_are_kept(folder, capsys):
    fixed = folder / "fixed.xlsx"
    pd.DataFrame({"dwelling_id": ["BU01095059-0001"], "option_id": ["current+air_hp"]}).to_excel(
        fixed, index=False
    )
    assert wio.load_fixed_choices(fixed) == {"BU01095059-0001": "current+air_hp"}
