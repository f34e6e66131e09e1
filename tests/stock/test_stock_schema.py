"""Validation of the stock column contract (wupmodel.stock.schema)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from wupmodel.errors import WupInputError
from wupmodel.stock import STOCK_COLUMNS, validate_stock
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, TENURES


def base_frame(**overrides: object) -> pd.DataFrame:
    data: dict[str, object] = {
        "dwelling_id": ["d1", "d2", "d3"],
        "dwelling_type": ["vrijstaand", "tussenwoning", "meergezins_laag"],
        "construction_year": [1930, 1975, 2010],
        "floor_area_m2": [150.0, 110.0, 80.0],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def error_text(frame: pd.DataFrame, source: str = "aalden.csv") -> str:
    with pytest.raises(WupInputError) as info:
        validate_stock(frame, source)
    return str(info.value)


# ------------------------------------------------------------------------------------------
# canonical output


def test_output_has_all_columns_and_canonical_dtypes() -> None:
    out = validate_stock(base_frame())
    assert tuple(out.columns) == STOCK_COLUMNS
    assert isinstance(out.index, pd.RangeIndex)
    assert out["dwelling_id"].tolist() == ["d1", "d2", "d3"]
    assert list(out["dwelling_type"].cat.categories) == list(DWELLING_TYPES)
    assert list(out["energy_label"].cat.categories) == list(ENERGY_LABELS)
    assert list(out["tenure"].cat.categories) == list(TENURES)
    assert out["construction_year"].dtype == np.int64
    assert out["count"].dtype == np.int64
    for col in (
        "floor_area_m2",
        "gas_m3",
        "electricity_kwh",
        "roof_area_m2",
        "household_income_eur",
    ):
        assert out[col].dtype == np.float64
    assert out["gas_m3"].isna().all()  # optional and absent -> NaN
    assert out["energy_label"].isna().all()
    assert out["heat_network_zone"].isna().all()
    assert out["grid_zone"].tolist() == ["default"] * 3
    assert out["count"].tolist() == [1, 1, 1]


def test_validation_is_idempotent() -> None:
    frame = base_frame(
        energielabel=["c", "", "A+"],
        eigendom=["corporatie", "koop", ""],
        warmtenet=["kern", None, " "],
        netzone=["lv1", "", "lv2"],
        aantal=[2, "", 1],
    )
    once = validate_stock(frame)
    twice = validate_stock(once)
    pd.testing.assert_frame_equal(once, twice)
    assert once["energy_label"].tolist()[0] == "C"
    assert once["energy_label"].tolist()[2] == "A+"
    assert once["tenure"].tolist()[:2] == ["huur_corporatie", "koop"]
    assert once["heat_network_zone"].tolist() == ["kern", "", ""]
    assert once["grid_zone"].tolist() == ["lv1", "default", "lv2"]
    assert once["count"].tolist() == [2, 1, 1]


# ------------------------------------------------------------------------------------------
# column aliases and value spellings


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("ID", "dwelling_id"),
        ("Woning ID", "dwelling_id"),
        ("Woningtype", "dwelling_type"),
        ("TYPE", "dwelling_type"),
        ("house type", "dwelling_type"),
        ("Bouwjaar", "construction_year"),
        ("year built", "construction_year"),
        ("Oppervlakte", "floor_area_m2"),
        ("Gebruiksoppervlakte", "floor_area_m2"),
        ("Floor area (m²)", "floor_area_m2"),
        ("GBO", "floor_area_m2"),
        ("Energielabel", "energy_label"),
        ("label", "energy_label"),
        ("Gasverbruik", "gas_m3"),
        ("gas_m3", "gas_m3"),
        ("Elektriciteitsverbruik", "electricity_kwh"),
        ("Dakoppervlak", "roof_area_m2"),
        ("Eigendom", "tenure"),
        ("Huishoudinkomen", "household_income_eur"),
        ("Inkomen", "household_income_eur"),
        ("Warmtenet-zone", "heat_network_zone"),
        ("LS-zone", "grid_zone"),
        ("Aantal", "count"),
    ],
)
def test_column_aliases(header: str, canonical: str) -> None:
    values = {
        "dwelling_id": ["x1", "x2", "x3"],
        "dwelling_type": ["hoekwoning", "hoekwoning", "hoekwoning"],
        "construction_year": [1980, 1981, 1982],
        "floor_area_m2": [100, 101, 102],
        "energy_label": ["B", "C", "D"],
        "gas_m3": [900, 1000, 1100],
        "electricity_kwh": [2500, 2600, 2700],
        "roof_area_m2": [40, 50, 60],
        "tenure": ["koop", "koop", "koop"],
        "household_income_eur": [30000, 40000, 50000],
        "heat_network_zone": ["kern", "kern", "kern"],
        "grid_zone": ["a", "b", "c"],
        "count": [1, 2, 3],
    }
    frame = base_frame().drop(columns=[canonical], errors="ignore")
    frame[header] = values[canonical]
    out = validate_stock(frame)
    expected = values[canonical]
    got = out[canonical].tolist()
    if canonical == "floor_area_m2":
        expected = [float(v) for v in expected]
    assert got == expected


@pytest.mark.parametrize("spelling", ["huur", "huurwoning", "rent", "tenant"])
def test_ambiguous_tenure_is_an_error_listing_the_allowed_values(spelling: str) -> None:
    with pytest.raises(WupInputError, match=r"(?s)tenure.*huur_corporatie, huur_particulier"):
        validate_stock(base_frame(tenure=[spelling, None, ""]))


def test_empty_heat_network_zone_means_not_in_a_zone() -> None:
    out = validate_stock(base_frame(heat_network_zone=["kern", "", None]))
    assert out["heat_network_zone"].tolist() == ["kern", "", ""]
    missing = validate_stock(base_frame())
    assert missing["heat_network_zone"].isna().all()  # no column: evaluate's notice, all may join


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("vrijstaand", "vrijstaand"),
        ("Vrijstaande woning", "vrijstaand"),
        ("detached", "vrijstaand"),
        ("2-onder-1-kap", "twee_onder_een_kap"),
        ("twee onder een kap", "twee_onder_een_kap"),
        ("Twee-onder-één-kap", "twee_onder_een_kap"),
        ("semi-detached", "twee_onder_een_kap"),
        ("2 onder 1 kap", "twee_onder_een_kap"),
        ("hoek", "hoekwoning"),
        ("Hoekwoning", "hoekwoning"),
        ("end-terrace", "hoekwoning"),
        ("tussen", "tussenwoning"),
        ("rijtjeswoning", "tussenwoning"),
        ("mid-terrace", "tussenwoning"),
        ("terraced", "tussenwoning"),
        ("RIJWONING", "tussenwoning"),
        ("appartement", "meergezins_laag"),
        ("apartment", "meergezins_laag"),
        ("flat", "meergezins_laag"),
        ("portiek", "meergezins_laag"),
        ("galerij", "meergezins_laag"),
        ("meergezinswoning", "meergezins_laag"),
        ("hoogbouw", "meergezins_hoog"),
        ("high-rise", "meergezins_hoog"),
        ("meergezins_hoog", "meergezins_hoog"),
    ],
)
def test_dwelling_type_spellings(spelling: str, canonical: str) -> None:
    out = validate_stock(base_frame(dwelling_type=[spelling, "hoek", "hoek"]))
    assert out["dwelling_type"].iloc[0] == canonical


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("koop", "koop"),
        ("Eigenaar", "koop"),
        ("owner", "koop"),
        ("koopwoning", "koop"),
        ("corporatie", "huur_corporatie"),
        ("Sociale huur", "huur_corporatie"),
        ("social rent", "huur_corporatie"),
        ("particuliere huur", "huur_particulier"),
        ("private rent", "huur_particulier"),
        ("huur_particulier", "huur_particulier"),
    ],
)
def test_tenure_spellings(spelling: str, canonical: str) -> None:
    out = validate_stock(base_frame(tenure=[spelling, None, ""]))
    assert out["tenure"].iloc[0] == canonical
    assert out["tenure"].iloc[1:].isna().all()


def test_labels_case_insensitive_and_blanks_missing() -> None:
    out = validate_stock(base_frame(energy_label=["a++", " g ", "onbekend"]))
    assert out["energy_label"].iloc[0] == "A++"
    assert out["energy_label"].iloc[1] == "G"
    assert pd.isna(out["energy_label"].iloc[2])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120,5", 120.5),
        ("120.5", 120.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1,234", 1234.0),
        ("80 m2", 80.0),
        (" 95 ", 95.0),
    ],
)
def test_number_text_formats(text: str, value: float) -> None:
    out = validate_stock(base_frame(floor_area_m2=[text, 100, 100]))
    assert out["floor_area_m2"].iloc[0] == value


def test_address_and_unknown_columns_are_dropped() -> None:
    frame = base_frame(
        Straat=["Brink 1", "Brink 2", "Brink 3"],
        Huisnummer=[1, 2, 3],
        Postcode=["7854AA", "7854AB", "7854AC"],
        Woonplaats=["Aalden"] * 3,
        nummeraanduiding=["0109200000000001"] * 3,
        notes=["x", "y", "z"],
    )
    out = validate_stock(frame)
    assert tuple(out.columns) == STOCK_COLUMNS
    text = out.to_csv()
    for secret in ("Brink", "7854", "Aalden", "0109200000000001"):
        assert secret not in text
    assert set(out.attrs["ignored_columns"]) == {
        "Straat",
        "Huisnummer",
        "Postcode",
        "Woonplaats",
        "nummeraanduiding",
        "notes",
    }


def test_ids_keep_text_and_integral_floats_lose_decimals() -> None:
    out = validate_stock(base_frame(dwelling_id=[1.0, 2.0, 3.0]))
    assert out["dwelling_id"].tolist() == ["1", "2", "3"]
    out = validate_stock(base_frame(dwelling_id=["007", "008", "009"]))
    assert out["dwelling_id"].tolist() == ["007", "008", "009"]


def test_fully_empty_rows_are_skipped_but_rows_keep_their_numbers() -> None:
    frame = base_frame(
        dwelling_id=["d1", None, "d3"],
        dwelling_type=["hoek", None, "x"],
        construction_year=[1980, None, 1980],
        floor_area_m2=[90, None, 90],
    )
    msg = error_text(frame)
    assert "row 3" in msg  # the bad 'x' is the third data row, although row 2 is skipped
    ok = validate_stock(frame.assign(dwelling_type=["hoek", None, "tussen"]))
    assert ok["dwelling_id"].tolist() == ["d1", "d3"]


# ------------------------------------------------------------------------------------------
# errors: one message naming the source, row, column, value and what is allowed


def test_unknown_type_message() -> None:
    frame = base_frame(dwelling_type=["vrijstaand", "bungalow", "hoek"])
    msg = error_text(frame.rename(columns={"dwelling_type": "woningtype"}))
    assert msg.startswith("aalden.csv, row 2, column 'woningtype' (dwelling_type): 'bungalow'")
    assert "is not a known dwelling type" in msg
    for t in DWELLING_TYPES:
        assert t in msg
    assert "semi-detached" in msg


def test_missing_required_column_lists_found_columns() -> None:
    msg = error_text(base_frame().drop(columns=["floor_area_m2"]).assign(opp_woning=1))
    assert "aalden.csv" in msg and "'floor_area_m2'" in msg and "missing" in msg
    for col in ("dwelling_id", "dwelling_type", "construction_year", "opp_woning"):
        assert repr(col) in msg


@pytest.mark.parametrize("area", [-5, 0, 5, 14.9, 2000.5, 1e9])
def test_negative_or_absurd_floor_area(area: float) -> None:
    msg = error_text(base_frame(floor_area_m2=[100, area, 100]))
    assert "row 2" in msg and "floor_area_m2" in msg
    assert "15 to 2000 m²" in msg


def test_future_construction_year() -> None:
    next_year = dt.date.today().year + 1
    msg = error_text(base_frame(construction_year=[1980, 1990, next_year]))
    assert "row 3" in msg and "construction_year" in msg and str(next_year) in msg
    assert "in the future" in msg


def test_construction_year_not_whole_and_too_old() -> None:
    msg = error_text(base_frame(construction_year=[1980.5, 1400, 1990]))
    assert "row 1: 1980.5" in msg and "row 2: 1400" in msg


def test_text_in_number_column() -> None:
    msg = error_text(base_frame(floor_area_m2=[100, "groot", 100]))
    assert "row 2" in msg and "'groot'" in msg and "not a number" in msg


def test_text_in_optional_number_column() -> None:
    msg = error_text(base_frame(gasverbruik=["1200", "veel", ""]))
    assert "row 2" in msg and "'gasverbruik' (gas_m3)" in msg and "'veel'" in msg


def test_duplicate_ids() -> None:
    msg = error_text(base_frame(dwelling_id=["a", "b", "a"]))
    assert "'a' in row 1 and row 3" in msg and "more than once" in msg and "aalden.csv" in msg


def test_empty_frame_and_header_only() -> None:
    assert "no data rows" in error_text(base_frame().iloc[:0])
    assert "no columns" in error_text(pd.DataFrame())


def test_several_bad_rows_reported_with_count_and_first_five() -> None:
    types = ["hoek"] * 3 + ["kasteel"] * 8
    frame = pd.DataFrame(
        {
            "id": [f"x{i}" for i in range(11)],
            "type": types,
            "bouwjaar": [1980] * 11,
            "oppervlakte": [100] * 11,
        }
    )
    msg = error_text(frame)
    assert "unknown dwelling type in 8 rows" in msg
    assert "row 4: 'kasteel'" in msg and "row 8: 'kasteel'" in msg
    assert "row 9" not in msg and "and 3 more" in msg


def test_two_columns_with_the_same_meaning() -> None:
    msg = error_text(base_frame(woningtype=["hoek"] * 3))
    assert "'dwelling_type' and 'woningtype' both mean 'dwelling_type'" in msg


def test_count_must_be_whole_and_positive() -> None:
    msg = error_text(base_frame(count=[1, 0, 2.5]))
    assert "row 2: 0" in msg and "row 3: 2.5" in msg


@pytest.mark.parametrize(
    ("column", "bad"),
    [
        ("gas_m3", 20001),
        ("electricity_kwh", -1),
        ("roof_area_m2", 2500),
        ("household_income_eur", 2e6),
        ("energy_label", "H"),
        ("tenure", "particulier"),
    ],
)
def test_optional_columns_out_of_range(column: str, bad: object) -> None:
    msg = error_text(base_frame(**{column: [None, bad, None]}))
    assert "row 2" in msg and column in msg and "allowed" in msg
