"""Scenario files: validation, clear line-numbered errors, the packaged default."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from wupmodel.errors import WupInputError
from wupmodel.scenario import dump_scenario, load_scenario, scenario_from_text

ROOT = Path(__file__).resolve().parents[1]


def test_default_scenario_is_aalden_2026():
    s = load_scenario()
    assert s.village.buurt_code == "BU01095059"
    assert (s.years.start, s.years.end) == (2026, 2050)
    assert s.years.horizon_years == 25


def test_scenarios_default_yaml_equals_packaged_default():
    # users copy scenarios/default.yaml; it must be the scenario `wupmodel run` uses
    assert load_scenario(ROOT / "scenarios" / "default.yaml") == load_scenario()


def test_dump_round_trips():
    s = load_scenario()
    assert scenario_from_text(dump_scenario(s)) == s


def test_scenario_is_frozen():
    s = load_scenario()
    with pytest.raises(ValidationError):
        s.name = "x"  # type: ignore[misc]


def test_misspelled_key_names_file_line_and_suggestion(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("name: test\nyears:\n  start: 2026\n  ned: 2050\n", encoding="utf-8")
    with pytest.raises(WupInputError) as exc:
        load_scenario(f)
    msg = str(exc.value)
    assert str(f) in msg and "line 4" in msg and "years.ned" in msg
    assert "did you mean 'end'" in msg


def test_out_of_range_value_names_range(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("targets:\n  co2_reduction: 1.5\n", encoding="utf-8")
    with pytest.raises(WupInputError) as exc:
        load_scenario(f)
    msg = str(exc.value)
    assert "line 2" in msg and "targets.co2_reduction" in msg and "less than or equal to 1" in msg


def test_unknown_parameter_override_suggests_close_match(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("parameters:\n  co2.gas_kg_per_m4: 1.8\n", encoding="utf-8")
    with pytest.raises(WupInputError) as exc:
        load_scenario(f)
    assert "co2.gas_kg_per_m3" in str(exc.value)


def test_parameter_override_outside_range(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("parameters:\n  co2.gas_kg_per_m3: 5\n", encoding="utf-8")
    with pytest.raises(WupInputError) as exc:
        load_scenario(f)
    assert "outside the allowed range 1.5 to 2.1" in str(exc.value)


def test_parameter_override_reaches_params(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("parameters:\n  co2.gas_kg_per_m3: 1.9\n", encoding="utf-8")
    p = load_scenario(f).params()
    assert p["co2.gas_kg_per_m3"] == 1.9
    assert "co2.gas_kg_per_m3" in p.overridden


def test_end_before_start(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("years: {start: 2030, end: 2030}\n", encoding="utf-8")
    with pytest.raises(WupInputError, match="end .* must be after start"):
        load_scenario(f)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("name: [unclosed\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        ("finance:\n  loan_term_years: 12\n", "finance.loan_term_years"),
        ("catalogue:\n  heating: [gas_boiler, fusion]\n", "catalogue.heating"),
        ("catalogue:\n  insulation: [basic]\n", "must keep the reference"),
        ("targets:\n  max_installations: {heat_pump: 3}\n", "unknown heating system 'heat_pump'"),
        ("years: {start: 2026, end: 2060}\n", "years.end"),
    ],
)
def test_bad_scenarios_give_one_clear_message(tmp_path, text, fragment):
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(WupInputError) as exc:
        load_scenario(f)
    assert fragment in str(exc.value) and str(f) in str(exc.value)


def test_binary_scenario_file(tmp_path):
    f = tmp_path / "bin.yaml"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(WupInputError, match="not a UTF-8 text file"):
        load_scenario(f)


def test_missing_scenario_file(tmp_path):
    with pytest.raises(WupInputError, match="not found"):
        load_scenario(tmp_path / "nope.yaml")


def test_relative_stock_file_resolved_against_scenario(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("village:\n  stock_file: dwellings.csv\n", encoding="utf-8")
    assert load_scenario(f).village.stock_file == str(tmp_path / "dwellings.csv")
