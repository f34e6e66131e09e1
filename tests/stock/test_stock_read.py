"""Reading and writing stock files (wupmodel.stock.read)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wupmodel.errors import WupInputError
from wupmodel.stock import STOCK_COLUMNS, load_stock, validate_stock, write_stock

DATA = Path(__file__).parent / "data"

HEADER = "id,type,bouwjaar,oppervlakte\n"
GOOD_ROWS = "a1,hoek,1975,110\na2,tussen,1976,105\n"


def snapshot(path: Path) -> tuple[bytes, int] | None:
    if path.is_file():
        return path.read_bytes(), path.stat().st_mtime_ns
    return None


def assert_rejected(path: Path, *fragments: str) -> str:
    """load_stock(path) raises WupInputError naming the file; the file is left untouched."""
    before = snapshot(path)
    with pytest.raises(WupInputError) as info:
        load_stock(path)
    msg = str(info.value)
    assert path.name in msg
    for fragment in fragments:
        assert fragment in msg, (fragment, msg)
    assert snapshot(path) == before  # same bytes, same mtime
    return msg


def write_text(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------
# good files


def test_dutch_csv_semicolon_decimal_comma_bom_crlf_and_addresses() -> None:
    path = DATA / "aalden_excerpt_nl.csv"
    before = snapshot(path)
    out = load_stock(path)
    assert snapshot(path) == before
    assert tuple(out.columns) == STOCK_COLUMNS
    assert out["dwelling_id"].tolist() == ["0001", "0002", "0003", "0004", "0005"]
    assert out["dwelling_type"].tolist() == [
        "vrijstaand",
        "twee_onder_een_kap",
        "tussenwoning",
        "hoekwoning",
        "meergezins_laag",
    ]
    # values typed in the file, written out here: decimal comma, dot as thousands separator
    assert out["floor_area_m2"].tolist() == [165.5, 128.0, 104.25, 112.0, 78.0]
    assert out["gas_m3"].tolist() == [2150.0, 1480.5, 1120.0, 1305.0, 640.0]
    assert out["household_income_eur"].tolist() == [41500.0, 38200.0, 24900.0, 26300.0, 31000.0]
    assert out["energy_label"].tolist() == ["F", "D", "C", "C", "A"]
    assert out["tenure"].tolist() == [
        "koop",
        "koop",
        "huur_corporatie",
        "huur_corporatie",
        "huur_particulier",
    ]
    text = out.to_csv()
    for secret in ("Hoofdstraat", "Brink", "7854", "Aalden", "2A"):
        assert secret not in text


def test_english_csv() -> None:
    out = load_stock(DATA / "stock_en.csv")
    assert out["dwelling_type"].tolist() == [
        "vrijstaand",
        "twee_onder_een_kap",
        "tussenwoning",
        "meergezins_laag",
    ]
    assert out["floor_area_m2"].tolist() == [152.5, 131.0, 108.4, 74.0]
    assert out["energy_label"].tolist() == ["G", "D", "C", "A+"]
    assert out["heat_network_zone"].tolist() == [
        "",
        "kern",
        "kern",
        "kern",
    ]  # empty = not in a zone
    assert out["count"].tolist() == [1, 2, 1, 1]


def test_windows_1252_csv_falls_back() -> None:
    out = load_stock(DATA / "stock_cp1252.csv")
    assert out["dwelling_type"].tolist() == ["twee_onder_een_kap", "vrijstaand"]
    assert out["household_income_eur"].tolist() == [39000.0, 52000.0]
    assert "Adres" in out.attrs["ignored_columns"]


def test_bad_row_in_csv_names_row_and_file_line(tmp_path: Path) -> None:
    path = write_text(tmp_path, "aalden.csv", HEADER + "a1,hoek,1975,110\na2,bungalow,1976,105\n")
    msg = assert_rejected(path, "row 2 (line 3)", "column 'type' (dwelling_type)", "'bungalow'")
    assert msg.startswith("aalden.csv, row 2 (line 3)")


# ------------------------------------------------------------------------------------------
# every bad input: one WupInputError naming the file (and row/column), input unchanged


def test_missing_required_column(tmp_path: Path) -> None:
    path = write_text(tmp_path, "s.csv", "id,type,bouwjaar\na,hoek,1975\n")
    assert_rejected(path, "'floor_area_m2'", "missing", "'id'", "'type'", "'bouwjaar'")


@pytest.mark.parametrize("area", ["-20", "0", "99999"])
def test_negative_and_absurd_floor_area(tmp_path: Path, area: str) -> None:
    path = write_text(tmp_path, "s.csv", HEADER + f"a1,hoek,1975,{area}\n")
    assert_rejected(path, "row 1 (line 2)", "'oppervlakte' (floor_area_m2)", area, "15 to 2000")


def test_future_construction_year(tmp_path: Path) -> None:
    year = dt.date.today().year + 3
    path = write_text(tmp_path, "s.csv", HEADER + GOOD_ROWS + f"a3,hoek,{year},110\n")
    assert_rejected(
        path, "row 3 (line 4)", "'bouwjaar' (construction_year)", str(year), "in the future"
    )


def test_text_in_number_column(tmp_path: Path) -> None:
    path = write_text(tmp_path, "s.csv", HEADER + "a1,hoek,zeventig,110\n")
    assert_rejected(path, "row 1 (line 2)", "construction_year", "'zeventig'", "not a number")


def test_duplicate_ids(tmp_path: Path) -> None:
    path = write_text(tmp_path, "s.csv", HEADER + GOOD_ROWS + "a1,hoek,1977,100\n")
    assert_rejected(path, "'a1' in row 1 (line 2) and row 3 (line 4)", "more than once")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert_rejected(path, "empty")


def test_blank_lines_only(tmp_path: Path) -> None:
    path = write_text(tmp_path, "blank.csv", "\n\n  \n")
    assert_rejected(path, "empty")


def test_header_only(tmp_path: Path) -> None:
    path = write_text(tmp_path, "header.csv", HEADER)
    assert_rejected(path, "no data rows")


def test_random_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 4096, dtype=np.uint8).tobytes())
    assert_rejected(path, "not a text (CSV) file")


def test_png_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "picture.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_rejected(path, "not a text (CSV) file")


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes((HEADER + GOOD_ROWS).encode("utf-16"))
    assert_rejected(path, "UTF-16")


def test_latin1_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(0xA0, 0x100)) * 40)  # decodes as Latin-1, but is no text
    assert_rejected(path, "not readable text")


def test_unknown_extension(tmp_path: Path) -> None:
    path = write_text(tmp_path, "stock.json", "{}")
    assert_rejected(path, "'.json'", ".csv", ".xlsx", ".parquet")


def test_missing_file(tmp_path: Path) -> None:
    assert_rejected(tmp_path / "nope.csv", "not found")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert_rejected(folder, "folder")


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet"])
def test_png_with_binary_extension(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"picture{suffix}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert_rejected(path, "not a readable")


def test_malformed_csv_row(tmp_path: Path) -> None:
    path = write_text(tmp_path, "ragged.csv", HEADER + "a1,hoek,1975,110,extra,more\n")
    assert_rejected(path, "malformed")


# ------------------------------------------------------------------------------------------
# writing and round trips


def sample_stock() -> pd.DataFrame:
    return validate_stock(
        pd.DataFrame(
            {
                "dwelling_id": ["007", "b", "c", "d"],
                "dwelling_type": ["hoek", "vrijstaand", "portiek", "hoogbouw"],
                "construction_year": [1931, 1975, 1992, 2015],
                "floor_area_m2": [101.25, 180.0, 66.5, 72.0],
                "energy_label": ["G", None, "A+++", "B"],
                "gas_m3": [1800.5, np.nan, 700.0, 0.0],
                "electricity_kwh": [2500.0, 3100.0, np.nan, 1800.0],
                "roof_area_m2": [np.nan, 80.0, np.nan, np.nan],
                "tenure": ["koop", None, "huur_corporatie", "huur_particulier"],
                "household_income_eur": [41000.0, np.nan, 19500.0, 0.1 + 0.2],
                "heat_network_zone": ["kern", None, "kern", None],
                "grid_zone": ["lv1", "lv1", "lv2", "default"],
                "count": [1, 3, 1, 2],
            }
        )
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    stock = sample_stock()
    path = write_stock(stock, tmp_path / f"stock{suffix}")
    back = load_stock(path)
    pd.testing.assert_frame_equal(back, stock)
    assert sorted(os.listdir(tmp_path)) == [f"stock{suffix}"]  # no temporary files left


def test_xlsx_with_dutch_headers_and_sheet_row_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "Woning": ["a", "b"],
            "Straat": ["Brink 1", "Brink 2"],
            "Woningtype": ["hoek", "villa2"],
            "Bouwjaar": [1975, 1980],
            "Oppervlakte": [110, 95],
        }
    ).rename(columns={"Woning": "ID"})
    path = tmp_path / "aalden.xlsx"
    frame.to_excel(path, index=False, engine="openpyxl")
    assert_rejected(path, "row 2 (sheet row 3)", "'villa2'")
    frame.loc[1, "Woningtype"] = "tussen"
    frame.to_excel(path, index=False, engine="openpyxl")
    out = load_stock(path)
    assert out["dwelling_type"].tolist() == ["hoekwoning", "tussenwoning"]
    assert "Straat" in out.attrs["ignored_columns"]


def test_write_drops_address_columns(tmp_path: Path) -> None:
    frame = sample_stock().assign(Straat="Hoofdstraat", postcode="7854AA")
    path = write_stock(frame, tmp_path / "out.csv")
    text = path.read_text(encoding="utf-8")
    assert "Hoofdstraat" not in text and "7854AA" not in text
    assert text.splitlines()[0] == ",".join(STOCK_COLUMNS)


def test_write_keeps_group_id(tmp_path: Path) -> None:
    frame = sample_stock()
    frame.insert(0, "group_id", np.arange(len(frame)))
    path = write_stock(frame, tmp_path / "groups.csv")
    assert path.read_text(encoding="utf-8").startswith("group_id,dwelling_id")


def test_failed_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "stock.parquet"
    target.write_bytes(b"old contents")

    def broken(self: pd.DataFrame, path: os.PathLike[str], *args: object, **kw: object) -> None:
        Path(path).write_bytes(b"half a parquet file")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken)
    with pytest.raises(OSError, match="disk full"):
        write_stock(sample_stock(), target)
    assert target.read_bytes() == b"old contents"
    assert sorted(os.listdir(tmp_path)) == ["stock.parquet"]


def test_write_errors(tmp_path: Path) -> None:
    with pytest.raises(WupInputError, match="cannot write files of type '.json'"):
        write_stock(sample_stock(), tmp_path / "x.json")
    with pytest.raises(WupInputError, match="does not exist"):
        write_stock(sample_stock(), tmp_path / "no" / "such" / "x.csv")


def test_fixture_files_are_not_modified(tmp_path: Path) -> None:
    # load every fixture from a copy and from the original: identical results, same bytes
    for name in ("aalden_excerpt_nl.csv", "stock_en.csv", "stock_cp1252.csv"):
        copy = tmp_path / name
        shutil.copy2(DATA / name, copy)
        before = snapshot(DATA / name)
        pd.testing.assert_frame_equal(load_stock(DATA / name), load_stock(copy))
        assert snapshot(DATA / name) == before
