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

UPLOAD = (b"dwelling_id,dwelling_type,construction_year,floor_area_m2,energy_label,count\n"
          b"a,tussenwoning,1975,110,D,3\n"
          b"b,vrijstaand,1930,160,F,1\n"
          b"c,hoekwoning,1968,95,,2\n")


@pytest.fixture(scope="module")
def uploaded():
    scenario = wm.load_scenario()  # the default: village Aalden, buurt BU01095059
    frame = wm.read_stock_bytes(UPLOAD, "mijn_dorp.csv")
    tables = wm.summarise(wm.evaluate(frame, scenario), scenario)
    sha = hashlib.sha256(UPLOAD).hexdigest()
    return scenario, frame, tables, sha


def _cells(book: openpyxl.Workbook) -> list[str]:
    return [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def test_uploaded_stock_source_counts_rows_and_dwellings(uploaded):
    _scenario, frame, _tables, sha = uploaded
    source = wm.uploaded_stock_source(frame, "mijn_dorp.csv", sha)
    assert source["file"] == "mijn_dorp.csv" and source["sha256"] == sha
    assert source["rows"] == 3 and source["dwellings"] == 6  # 3 + 1 + 2 in the count column


def test_workbook_after_an_upload_names_the_file_not_the_buurt(uploaded):
    scenario, frame, tables, sha = uploaded
    source = wm.uploaded_stock_source(frame, "mijn_dorp.csv", sha)
    book = openpyxl.load_workbook(io.BytesIO(wm.results_workbook_bytes(tables, scenario, "nl", stock_source=source)))
    prov = {row[0]: row[1] for row in book["provenance"].iter_rows(min_row=2, values_only=True)}
    assert prov["stock.file"] == "mijn_dorp.csv" and prov["stock.sha256"] == sha
    assert prov["stock.rows"] == "3" and prov["stock.dwellings"] == "6"
    assert prov["village"] == "mijn_dorp.csv"
    cells = _cells(book)
    readme = [str(v) for row in book["read_me"].iter_rows(values_only=True) for v in row]
    assert sha in cells and "mijn_dorp.csv" in readme and sha in readme
    # the read-me and provenance never claim the buurt; the scenario sheet still shows the
    # scenario as written, its village settings and description marked as not used for the stock
    told = [str(v) for name in ("read_me", "provenance") for row in book[name].iter_rows(values_only=True) for v in row]
    assert not [c for c in told if "BU01095059" in c or "synthesised" in c or c == "Aalden"]
    scen = {row[0]: row[2] for row in book["scenario"].iter_rows(min_row=2, values_only=True)}
    for key in ("village.buurt_code", "village.name", "description"):
        assert scen[key].startswith("not used for the stock: the dwellings are the file 'mijn_dorp.csv'")
    z = zipfile.ZipFile(io.BytesIO(wm.csv_zip_bytes(tables, scenario, stock_source=source)))
    text = z.read("provenance.csv").decode("utf-8")
    assert sha in text and "mijn_dorp.csv" in text and "BU01095059" not in text and "synthesised" not in text
    assert "not used for the stock" in z.read("scenario.csv").decode("utf-8")


def test_workbook_of_the_buurt_still_names_the_buurt(uploaded):
    scenario, _frame, tables, _sha = uploaded
    book = openpyxl.load_workbook(io.BytesIO(wm.results_workbook_bytes(tables, scenario)))
    prov = {row[0]: row[1] for row in book["provenance"].iter_rows(min_row=2, values_only=True)}
    assert prov["stock.buurt_code"] == "BU01095059" and prov["village"] == "Aalden"
    with pytest.raises(ValueError, match="not both"):
        wm.run_provenance(scenario, stock_file="x.csv", stock_source={"file": "y.csv"})


def test_provenance_table_of_an_upload_is_flat(uploaded):
    scenario, frame, _tables, sha = uploaded
    block = wm.run_provenance(scenario, stock_source=wm.uploaded_stock_source(frame, "f.xlsx", sha))
    assert block["stock"] == {"file": "f.xlsx", "sha256": sha, "rows": 3, "dwellings": 6,
                              "origin": "uploaded file (held in memory, not written to disk)"}
    assert "buurt_code" not in block["stock"] and pd.notna(block["created"])
