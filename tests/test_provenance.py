"""Issue 13: outputs state what ran; overrides reach the files; compare; woonlasten; workbook."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import openpyxl
import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.cli import main

BASE = wm.load_scenario()


@pytest.fixture(scope="module")
def stock():
    return wm.stock_for(BASE)


def _tables(scenario, stock):
    inputs = wm.model_inputs(scenario)
    return wm.summarise(wm.evaluate(stock, inputs), inputs)


@pytest.fixture(scope="module")
def base_tables(stock):
    return _tables(BASE, stock)


def _value(tables, parameter):
    a = tables["assumptions"].set_index("parameter")
    return a.at[parameter, "value"], bool(a.at[parameter, "overridden"]), a.at[parameter, "origin"]


@pytest.mark.parametrize(
    "text",
    [
        "name: t\nfinance: {social_discount_rate: 0.04}\n",
        "name: t\nparameters: {finance.social_discount_rate: 0.04}\n",
    ],
)
def test_social_rate_override_reaches_assumptions_and_results(tmp_path, stock, base_tables, text):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = wm.load_scenario(path)
    tables = _tables(scenario, stock)
    value, overridden, origin = _value(tables, "finance.social_discount_rate")
    assert value == 0.04 and overridden and origin == f"scenario file {path}"
    s0, s1 = base_tables["summary"].set_index("strategy"), tables["summary"].set_index("strategy")
    # national EUR/t moves (annuities at 4 % instead of 2.25 %), physics and the bills do not
    assert (
        s1.at["hybrid", "national_eur_per_t_co2"] > s0.at["hybrid", "national_eur_per_t_co2"] * 1.1
    )
    for col in (
        "co2_t",
        "gas_m3",
        "peak_kw",
        "monthly_cost_change_avg_eur",
        "end_user_extra_eur_per_yr",
    ):
        np.testing.assert_allclose(s1[col], s0[col], rtol=1e-12)
    assert "4 %" in wio.run_text(tables, scenario, 758) and "2.25 %" not in wio.run_text(
        tables, scenario, 758
    )
    assert "2.25 %" in wio.run_text(base_tables, BASE, 758)


def test_price_override_by_set_reaches_price_paths_and_bills(stock, base_tables):
    scenario = wm.apply_settings(
        BASE, wm.parse_settings(["prices.gas_supply_eur_m3={2026: 0.50, 2030: 0.70}"])
    )
    tables = _tables(scenario, stock)
    p = tables["price_paths"]
    gas = p[p.series == "gas_supply_eur_m3"].set_index("year")
    assert gas.at[2026, "value"] == pytest.approx(0.50)
    assert gas.at[2028, "value"] == pytest.approx(0.60)  # halfway 2026-2030, by hand
    assert gas.at[2050, "value"] == pytest.approx(0.70)  # held after the last year
    assert gas["overridden"].all() and (gas["origin"] == "--set").all()
    assert "interpolated linearly" in gas["built_from"].iloc[0]
    # the national view prices gas at its production cost: untouched
    nat0 = base_tables["price_paths"].query("series == 'gas_production_eur_m3'")["value"].to_numpy()
    np.testing.assert_array_equal(
        p.query("series == 'gas_production_eur_m3'")["value"].to_numpy(), nat0
    )
    s0, s1 = base_tables["summary"].set_index("strategy"), tables["summary"].set_index("strategy")
    assert (
        abs(
            s1.at["all_electric_air", "bill_change_avg_eur"]
            - s0.at["all_electric_air", "bill_change_avg_eur"]
        )
        > 1
    )
    np.testing.assert_allclose(
        s1["national_extra_eur_per_yr"], s0["national_extra_eur_per_yr"], rtol=1e-12
    )


def test_set_parameter_shows_origin(stock):
    scenario = wm.apply_settings(BASE, {"hp.max_supply_temp_c": 60.0}, origin="app")
    value, overridden, origin = _value(_tables(scenario, stock), "hp.max_supply_temp_c")
    assert (value, overridden, origin) == (60.0, True, "app")


@pytest.mark.parametrize(
    "item, fragment",
    [
        ("finance.social_discont_rate=0.04", "closest key is 'finance.social_discount_rate'"),
        ("finance.social_discount_rate", "write key=value"),
        ("prices.gas_supply_eur_m3={2025: 0.4, 2030: 0.5}", "before the price year 2026"),
    ],
)
def test_bad_set_is_one_clear_error(capsys, item, fragment):
    assert main(["run", "--set", item]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and fragment in err and "Traceback" not in err


def test_empty_scenario_file_says_so(tmp_path, capsys):
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing\n", encoding="utf-8")
    assert main(["run", str(path)]) == 2
    assert "is empty" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "# nothing\n"


def test_validate_prints_resolved_scenario(capsys):
    assert main(["validate", "scenarios/default.yaml"]) == 0
    out = capsys.readouterr().out
    assert "social_discount_rate: 0.0225" in out and "household_discount_rate: 0.055" in out


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert wm.__version__ in capsys.readouterr().out


@pytest.fixture(scope="module")
def run_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("run13")
    stock_file = out / "stock.csv"
    wio.write_stock(wm.stock_for(BASE), stock_file)
    assert (
        main(
            [
                "run",
                "--stock",
                str(stock_file),
                "--set",
                "finance.social_discount_rate=0.03",
                "--out",
                str(out / "res"),
            ]
        )
        == 0
    )
    return out, stock_file


def test_provenance_in_every_output_file(run_out):
    out, stock_file = run_out
    sha = hashlib.sha256(stock_file.read_bytes()).hexdigest()
    res = out / "res"
    summary = json.loads((res / "summary.json").read_text())
    prov = summary["provenance"]
    assert prov["version"] == wm.__version__ and prov["stock"]["sha256"] == sha
    assert prov["stock"]["file"] == "stock.csv" and "--set" in prov["command"] and prov["created"]
    assert prov["overrides"]["finance.social_discount_rate"] == "--set"
    assert summary["scenario_resolved"]["finance"]["household_discount_rate"] == 0.055
    csv = pd.read_csv(res / "provenance.csv").set_index("item")["value"]
    assert csv["stock.sha256"] == sha and csv["version"] == wm.__version__
    yaml_text = (res / "scenario_used.yaml").read_text()
    assert sha in yaml_text and "social_discount_rate: 0.03" in yaml_text
    assert "household_discount_rate: null" not in yaml_text
    book = openpyxl.load_workbook(res / "results.xlsx")
    readme = {r[0]: r[1] for r in book["read_me"].iter_rows(min_row=2, values_only=True)}
    assert readme["stock.sha256"] == sha and "sheet summary" in readme


def test_a_stock_file_marks_the_scenario_buurt_as_not_used(run_out, tmp_path):
    """With --stock the scenario sheet does not claim that the scenario's buurt (code, seed,
    description) made the dwellings; what --stock set (the name) keeps its origin. Without
    --stock nothing is marked."""
    res = run_out[0] / "res"
    table = pd.read_csv(res / "scenario.csv").set_index("key")["origin"]
    for key in ("village.buurt_code", "village.seed", "village.stock_file", "description"):
        assert (
            table[key]
            == "not used for the stock: the dwellings are the file 'stock.csv' (see provenance)"
        ), key
    assert table["village.name"] == "--stock" and table["name"] == "--stock"
    sheet = openpyxl.load_workbook(res / "results.xlsx")["scenario"]
    rows = {r[0]: r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["village.buurt_code"].startswith("not used for the stock")
    assert main(["run", "--out", str(tmp_path / "own")]) == 0
    own = pd.read_csv(tmp_path / "own" / "scenario.csv").set_index("key")["origin"]
    assert not own.fillna("").str.startswith("not used").any()


def test_workbook_is_readable_and_matches_the_tables(run_out):
    res = run_out[0] / "res"
    book = openpyxl.load_workbook(res / "results.xlsx")
    for name in (
        "summary",
        "per_type",
        "who_pays",
        "per_dwelling",
        "assumptions",
        "price_paths",
        "scenario",
    ):
        ws = book[name]
        frame = pd.read_csv(res / f"{name}.csv")
        assert ws.freeze_panes in ("A2", "B2")
        assert ws.max_row == len(frame) + 1 and ws.max_row > 1
        heads = [c.value for c in ws[1]]
        for col, head in zip(frame.columns, heads, strict=True):
            if (
                pd.api.types.is_numeric_dtype(frame[col])
                and not pd.api.types.is_bool_dtype(frame[col])
                and frame[col].notna().any()
            ):
                assert "[" in head and "]" in head, f"{name}.{col}: no unit in header {head!r}"
        # every cell equals the CSV (full precision kept), numbers formatted
        for j, col in enumerate(frame.columns, start=1):
            cells = [ws.cell(row=i, column=j) for i in range(2, min(ws.max_row, 40) + 1)]
            for cell, expected in zip(cells, frame[col].head(39), strict=True):
                if isinstance(expected, float) and np.isfinite(expected):
                    assert cell.value == pytest.approx(expected, rel=1e-12, abs=1e-12)
            finite = [
                c
                for c in cells
                if isinstance(c.value, int | float) and not isinstance(c.value, bool)
            ]
            if (
                frame[col].dtype.kind == "f"
                and finite
                and name in ("summary", "per_type", "per_dwelling", "who_pays")
            ):
                assert finite[0].number_format != "General", f"{name}.{col}"
    s = book["summary"]
    assert "[EUR/t]" in " ".join(str(c.value) for c in s[1])


def test_dutch_headers(tmp_path, capsys):
    assert main(["run", "--lang", "nl", "--out", str(tmp_path)]) == 0
    book = openpyxl.load_workbook(tmp_path / "results.xlsx")
    heads = [c.value for c in book["summary"][1]]
    assert "Nationale kosten per ton CO2 [EUR/t]" in heads


def test_compare_with_itself_and_with_one_change(stock):
    same = wm.compare(stock, [BASE, BASE])
    assert same["assumptions_differing"].empty
    diff_cols = [c for c in same["comparison"].columns if " - " in c]
    assert np.nanmax(np.abs(same["comparison"][diff_cols].to_numpy(float))) == 0.0
    changed = wm.apply_settings(BASE, {"finance.social_discount_rate": 0.04})
    out = wm.compare(stock, [BASE, changed], labels=["a", "b"])
    assert out["assumptions_differing"]["key"].tolist() == ["finance.social_discount_rate"]
    c = out["comparison"].set_index(["strategy", "figure"])
    s0 = _tables(BASE, stock)["summary"].set_index("strategy")
    s1 = _tables(changed, stock)["summary"].set_index("strategy")
    assert c.at[("hybrid", "national_eur_per_t_co2"), "b - a"] == pytest.approx(
        s1.at["hybrid", "national_eur_per_t_co2"] - s0.at["hybrid", "national_eur_per_t_co2"]
    )
    assert c.at[("hybrid", "co2_t"), "b - a"] == 0.0


def test_compare_cli(tmp_path, capsys):
    a = tmp_path / "a.yaml"
    a.write_text("name: a\n", encoding="utf-8")
    b = tmp_path / "b.yaml"
    b.write_text("name: b\nfinance: {financing: own}\n", encoding="utf-8")
    assert main(["compare", str(a), str(b), "--out", str(tmp_path / "cmp")]) == 0
    out = capsys.readouterr().out
    assert "finance.financing: a: warmtefonds; b: own" in out
    assert (tmp_path / "cmp" / "comparison.xlsx").exists()
    assert "version" in pd.read_csv(tmp_path / "cmp" / "provenance.csv")["item"].tolist()


def test_woonlasten_agree_with_npv_and_yearly_cost_across_financing(stock):
    """An owner-occupied dwelling with all-electric air (BU01095059-0001): the monthly change,
    -NPV and the yearly end-user extra cost point the same way in both financing modes, and
    own money ranks against the Warmtefonds the same way in all three. Village-wide, own money
    is no longer the cheapest per month while it is the dearest per year (issue 13).

    Since issue 20 prices move after the first year (gas network charges per remaining
    connection, the green-gas surcharge, the central ETS2 path, the feed-in floor), so for a
    dwelling near break-even the first year and the horizon can point different ways (0003, the
    dwelling of issue 13, pays 11 EUR/month more in 2026 but gains over the horizon); 0001 is
    not near it."""
    figures, summaries = {}, {}
    for financing in ("own", "warmtefonds"):
        scenario = wm.apply_settings(BASE, {"finance.financing": financing})
        o = wm.evaluate(stock, scenario)
        frame = o.to_frame()
        figures[financing] = frame[frame.option_id == "standard+air_hp"].set_index("dwelling_id")
        summaries[financing] = (
            wm.summarise(o, scenario)["summary"].set_index("strategy").loc["all_electric_air"]
        )
    owner = "BU01095059-0001"
    assert stock.set_index("dwelling_id").at[owner, "tenure"] == "koop"
    own, wf = figures["own"].loc[owner], figures["warmtefonds"].loc[owner]
    for row in (own, wf):
        assert (
            np.sign(row.monthly_cost_change_eur)
            == np.sign(-row.npv_end_user_eur)
            == np.sign(row.end_user_extra_cost_eur_per_yr)
        )
    d_month = own.monthly_cost_change_eur - wf.monthly_cost_change_eur
    d_year = own.end_user_extra_cost_eur_per_yr - wf.end_user_extra_cost_eur_per_yr
    d_npv = wf.npv_end_user_eur - own.npv_end_user_eur
    assert np.sign(d_month) == np.sign(d_year) == np.sign(d_npv) != 0
    # own money is the annuity of the net investment (household rate 5.5 %, 25 years, by hand)
    crf = 0.055 / (1 - 1.055**-25)
    assert own.own_capital_eur_per_month == pytest.approx(
        own.net_investment_eur * crf / 12, rel=1e-9
    )
    assert own.monthly_cost_year1_eur == pytest.approx(
        own.bill_year1_eur / 12 + own.own_capital_eur_per_month, rel=1e-9
    )
    so, sw = summaries["own"], summaries["warmtefonds"]
    assert so.end_user_extra_eur_per_yr > sw.end_user_extra_eur_per_yr
    assert so.monthly_cost_change_avg_eur > sw.monthly_cost_change_avg_eur
    assert so.share_paying_more > 0.3


def test_summary_woonlasten_parts_add_up(base_tables):
    s = base_tables["summary"]
    total = (
        s["bill_change_avg_eur"] + s["loan_avg_eur"] + s["own_capital_avg_eur"] + s["rent_avg_eur"]
    )
    np.testing.assert_allclose(total, s["monthly_cost_change_avg_eur"], atol=1e-9)
