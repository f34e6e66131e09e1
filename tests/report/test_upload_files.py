"""An uploaded stock in the app's downloads and its validation report: the files name the
uploaded file (name, SHA-256, rows, dwellings) and not the scenario's buurt; the report reads
in Dutch (and in English) with the user's file rows and the allowed values in words."""

from __future__ import annotations

import hashlib
import io
import zipfile

import openpyxl
import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio

UPLOAD = (
    b"dwelling_id,dwelling_type,construction_year,floor_area_m2,energy_label,count\n"
    b"a,tussenwoning,1975,110,D,3\n"
    b"b,vrijstaand,1930,160,F,1\n"
    b"c,hoekwoning,1968,95,,2\n"
)


@pytest.fixture(scope="module")
def uploaded():
    scenario = wm.load_scenario()  # the default: village Aalden, buurt BU01095059
    frame = wio.read_stock_bytes(UPLOAD, "mijn_dorp.csv")
    tables = wm.summarise(wm.evaluate(frame, scenario), scenario)
    sha = hashlib.sha256(UPLOAD).hexdigest()
    return scenario, frame, tables, sha


def _cells(book: openpyxl.Workbook) -> list[str]:
    return [
        str(c.value)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]


def test_uploaded_stock_source_counts_rows_and_dwellings(uploaded):
    _scenario, frame, _tables, sha = uploaded
    source = wio.uploaded_stock_source(frame, "mijn_dorp.csv", sha)
    assert source["file"] == "mijn_dorp.csv" and source["sha256"] == sha
    assert source["rows"] == 3 and source["dwellings"] == 6  # 3 + 1 + 2 in the count column


def test_workbook_after_an_upload_names_the_file_not_the_buurt(uploaded):
    scenario, frame, tables, sha = uploaded
    source = wio.uploaded_stock_source(frame, "mijn_dorp.csv", sha)
    book = openpyxl.load_workbook(
        io.BytesIO(wa.results_workbook_bytes(tables, scenario, "nl", stock_source=source))
    )
    prov = {row[0]: row[1] for row in book["provenance"].iter_rows(min_row=2, values_only=True)}
    assert prov["stock.file"] == "mijn_dorp.csv" and prov["stock.sha256"] == sha
    assert prov["stock.rows"] == "3" and prov["stock.dwellings"] == "6"
    assert prov["village"] == "mijn_dorp.csv"
    cells = _cells(book)
    readme = [str(v) for row in book["read_me"].iter_rows(values_only=True) for v in row]
    assert sha in cells and "mijn_dorp.csv" in readme and sha in readme
    # the read-me and provenance never claim the buurt; the scenario sheet still shows the
    # scenario as written, its village settings and description marked as not used for the stock
    told = [
        str(v)
        for name in ("read_me", "provenance")
        for row in book[name].iter_rows(values_only=True)
        for v in row
    ]
    assert not [c for c in told if "BU01095059" in c or "synthesised" in c or c == "Aalden"]
    scen = {row[0]: row[2] for row in book["scenario"].iter_rows(min_row=2, values_only=True)}
    for key in ("village.buurt_code", "village.name", "description"):
        assert scen[key].startswith(
            "not used for the stock: the dwellings are the file 'mijn_dorp.csv'"
        )
    z = zipfile.ZipFile(io.BytesIO(wa.csv_zip_bytes(tables, scenario, stock_source=source)))
    text = z.read("provenance.csv").decode("utf-8")
    assert (
        sha in text
        and "mijn_dorp.csv" in text
        and "BU01095059" not in text
        and "synthesised" not in text
    )
    assert "not used for the stock" in z.read("scenario.csv").decode("utf-8")


def test_workbook_of_the_buurt_still_names_the_buurt(uploaded):
    scenario, _frame, tables, _sha = uploaded
    book = openpyxl.load_workbook(io.BytesIO(wa.results_workbook_bytes(tables, scenario)))
    prov = {row[0]: row[1] for row in book["provenance"].iter_rows(min_row=2, values_only=True)}
    assert prov["stock.buurt_code"] == "BU01095059" and prov["village"] == "Aalden"
    with pytest.raises(ValueError, match="not both"):
        wio.run_provenance(scenario, stock_file="x.csv", stock_source={"file": "y.csv"})


def test_provenance_table_of_an_upload_is_flat(uploaded):
    scenario, frame, _tables, sha = uploaded
    block = wio.run_provenance(
        scenario, stock_source=wio.uploaded_stock_source(frame, "f.xlsx", sha)
    )
    assert block["stock"] == {
        "file": "f.xlsx",
        "sha256": sha,
        "rows": 3,
        "dwellings": 6,
        "origin": "uploaded file (held in memory, not written to disk)",
    }
    assert "buurt_code" not in block["stock"] and pd.notna(block["created"])


# --------------------------------------------------------------------------------------------
# the validation report in words

BAD = (
    b"dwelling_id;woningtype;bouwjaar;floor_area_m2;gas_m3\n"
    b"a;tussenwoning;1975;110;1200\n"
    b"b;tussenwoning;1975;110;\n"
    b"c;kasteel;1975;110;1300\n"  # data row 3 = line 4 of the file
    b"a;hoekwoning;19x5;110;-3\n"
)


def _report(data: bytes, name: str, lang: str) -> pd.DataFrame:
    with pytest.raises(wm.WupInputError) as err:
        wio.read_stock_bytes(data, name)
    return wa.problem_report(err.value.problems, lang)


def test_report_in_dutch_names_the_line_the_problem_and_the_types_in_words():
    report = _report(BAD, "dorp.csv", "nl")
    assert list(report.columns) == [
        "Waar in het bestand",
        "Kolom",
        "Waarde",
        "Wat er mis is",
        "Wat mag",
    ]
    row = report[report["Waarde"] == "'kasteel'"].iloc[0]
    assert row["Waar in het bestand"] == "regel 4"  # header on line 1, a, b, then c
    assert row["Kolom"] == "Woningtype" and row["Wat er mis is"] == "Onbekend woningtype"
    assert (
        row["Wat mag"] == "vrijstaand, twee-onder-een-kap, hoekwoning, tussenwoning, "
        "appartement (laagbouw), appartement (hoogbouw)"
    )
    by_value = report.set_index("Waarde")
    assert (
        by_value.at["'19x5'", "Kolom"] == "Bouwjaar"
        and by_value.at["'19x5'", "Wat er mis is"] == "Dit is geen getal"
    )
    assert by_value.at["'-3'", "Wat mag"] == "0 tot en met 20.000 m³ per jaar, of leeg laten"
    assert (
        by_value.at["'-3'", "Kolom"] == "Gasverbruik"
    )  # the canonical header gas_m3 is not repeated
    dup = report[report["Wat er mis is"] == "Deze code staat bij meer dan één woning"]
    assert list(dup["Waar in het bestand"]) == ["regel 2", "regel 5"]  # id 'a' twice
    assert (
        len(report) == 5
    )  # kasteel, 19x5, -3 and the id 'a' on two lines; b's empty gas is allowed
    # no snake_case in the words
    assert (
        not report[["Kolom", "Wat er mis is", "Wat mag"]]
        .apply(lambda col: col.str.contains("_"))
        .any()
        .any()
    )


def test_report_in_english_after_the_switch():
    report = _report(BAD, "dorp.csv", "en")
    row = report[report["Value"] == "'kasteel'"].iloc[0]
    assert (
        row["Where in the file"] == "line 4"
        and row["Column"] == "Dwelling type (your column 'woningtype')"
    )
    assert row["What is wrong"] == "Unknown dwelling type"
    assert (
        row["What is allowed"]
        == "detached, semi-detached, end of terrace, mid-terrace, flat (low-rise), flat (high-rise)"
    )


def test_report_of_a_sheet_names_the_sheet_row():
    frame = pd.read_csv(io.BytesIO(BAD), sep=";", dtype=str)
    buf = io.BytesIO()
    frame.to_excel(buf, index=False)
    report = _report(buf.getvalue(), "dorp.xlsx", "nl")
    assert report.loc[report["Waarde"] == "'kasteel'", "Waar in het bestand"].iloc[0] == "rij 4"


def test_the_cli_message_stays_english():
    with pytest.raises(wm.WupInputError) as err:
        wio.read_stock_bytes(BAD, "dorp.csv")
    message = str(err.value)
    assert (
        "column 'woningtype' (dwelling_type): unknown dwelling type in 1 row (row 3 (line 4):"
        " 'kasteel')" in message
    )
    assert "allowed: vrijstaand, twee_onder_een_kap" in message
    codes = {p["code"] for p in err.value.problems}
    assert codes == {"unknown_dwelling_type", "not_a_number", "value_out_of_range", "duplicate_id"}
    assert codes <= set(wio.PROBLEM_CODES)


@pytest.mark.parametrize(
    "code",
    [
        "empty_id",
        "duplicate_id",
        "unknown_dwelling_type",
        "not_a_number",
        "missing_value",
        "not_a_whole_year",
        "year_in_future",
        "year_out_of_range",
        "value_out_of_range",
        "unknown_energy_label",
        "unknown_tenure",
        "count_not_a_number",
        "count_not_whole",
    ],
)
def test_every_problem_code_has_dutch_and_english_words(code):
    assert code in wio.PROBLEM_CODES
    nl, en = wa.t(f"problem_{code}", "nl"), wa.t(f"problem_{code}", "en")
    assert nl != f"problem_{code}" and en != nl and "_" not in nl + en


@pytest.mark.parametrize(
    "data, name, dutch, english",
    [
        (
            b"MZ\x90\x00\x03",
            "virus.exe",
            "Dit soort bestand (.exe) kan het model niet lezen",
            "cannot read this kind of file (.exe)",
        ),
        (
            b"x" * (50 * 1024 * 1024),
            "groot.csv",
            "Het bestand is 52,4 MB; er kan ten hoogste 10 MB in.",
            "The file is 52.4 MB; at most 10 MB is accepted.",
        ),  # 52 428 800 bytes = 52.4 MB
        (
            b"\x00\x01\x02binary\xff",
            "dorp.csv",
            "er staan binaire gegevens in",
            "it contains binary data",
        ),
        (
            "dwelling_id,dwelling_type\n".encode("utf-16"),
            "dorp.csv",
            "als UTF-16 opgeslagen",
            "saved as UTF-16",
        ),
        (
            b"PK\x03\x04 not really",
            "dorp.xlsx",
            "Deze Excel-werkmap is niet te lezen",
            "workbook cannot be read",
        ),
        (b"", "dorp.csv", "Het bestand is leeg", "The file is empty"),
        (
            b"dwelling_id;woningtype\na;tussenwoning\n",
            "dorp.csv",
            "nodig maar ontbreken: Bouwjaar, Gebruiksoppervlak.",
            "needed but missing: Construction year, Floor area.",
        ),
        (
            b"dwelling_id,dwelling_type,construction_year,floor_area_m2\na,b,1,2,3\n",
            "dorp.csv",
            "Regel 2 heeft 5 velden, de kopregel 4",
            "Line 2 has 5 fields, the header 4",
        ),
    ],
)
def test_a_problem_with_the_whole_file_in_dutch_and_english(data, name, dutch, english):
    with pytest.raises(wm.WupInputError) as err:
        wio.read_stock_bytes(data, name)
    assert dutch in wa.upload_message(err.value, "nl")
    assert english in wa.upload_message(err.value, "en")
    assert not err.value.problems and err.value.code  # the file as a whole, with a code


def test_an_error_without_a_code_keeps_its_message():
    assert (
        wa.upload_message(wm.WupInputError("x.csv: something else"), "nl")
        == "x.csv: something else"
    )
