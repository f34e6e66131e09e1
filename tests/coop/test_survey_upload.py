"""A survey as the app gets it: an empty one to download for a zone, a filled one uploaded as
bytes (CSV or XLSX), its problems with a code, the line and the value, in Dutch."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio


def test_template_of_a_zone_round_trips_through_excel(village):
    scenario, stock, outcomes = village
    template = wa.survey_template(stock, "kern")
    in_zone = stock["heat_network_zone"] == "kern"
    assert len(template) == int(in_zone.sum()) == 428
    assert (
        template["dwelling_id"].tolist() == stock.loc[in_zone, "dwelling_id"].astype(str).tolist()
    )
    assert list(template.columns[-4:]) == [
        "would_join",
        "plans_heat_pump",
        "already_insulated",
        "invest_eur",
    ]
    assert (template[["would_join", "invest_eur"]] == "").all().all()
    # a village fills it in: 7 of every 10 households say yes, the rest no, each pledges 500 EUR
    filled = template.copy()
    filled["would_join"] = ["ja" if i % 10 < 7 else "nee" for i in range(len(filled))]
    filled["invest_eur"] = "500"
    data = wa.table_xlsx_bytes(filled, "enquete")
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["enquete"]
    survey = wio.load_survey_bytes(data, "enquete.xlsx")
    yes = sum(1 for i in range(428) if i % 10 < 7)  # 301
    assert (survey["yes"].sum(), survey["no"].sum(), survey["maybe"].sum()) == (yes, 428 - yes, 0)
    assert survey.attrs["source"] == "enquete.xlsx"
    case = wm.business_case(stock, scenario, outcomes=outcomes, zone="kern", survey=survey)
    assert case.connections == pytest.approx(yes)  # yes joins and no stays out, whatever is cheaper
    assert case.metrics["member_capital_offered_eur"] == pytest.approx(428 * 500.0)
    # the whole village: every dwelling, also those outside a zone
    assert len(wa.survey_template(stock)) == len(stock)
    with pytest.raises(wm.WupInputError, match="'nergens' is not in the stock; zones: kern"):
        wa.survey_template(stock, "nergens")


def test_csv_problems_name_the_file_line_and_value_in_dutch():
    text = (  # a blank line: b is line 4
        "dwelling_id;would_join;invest_eur\na;ja;100\n\nb;misschien niet;0\n"
    )
    with pytest.raises(wm.WupInputError) as err:
        wio.load_survey_bytes(text.encode(), "enquete.csv")
    assert err.value.code == "survey_answer"
    assert str(err.value).startswith("enquete.csv: row 4: would_join = 'misschien niet'")
    assert (
        wa.upload_message(err.value, "nl")
        == "Regel 4: 'misschien niet' in kolom would_join is geen antwoord. "
        "Mogelijk: ja, misschien, nee (leeg = misschien)."
    )
    with pytest.raises(wm.WupInputError) as err:
        wio.load_survey_bytes(b"dwelling_id,would_join,invest_eur\na,ja,-5\n", "e.csv")
    assert (
        err.value.code == "survey_number"
        and "Regel 2: '-5' in kolom invest_eur" in wa.upload_message(err.value)
    )
    with pytest.raises(wm.WupInputError) as err:
        wio.load_survey_bytes(b"id,would_join\na,ja\n", "e.csv")
    assert err.value.code == "survey_no_id" and "gevonden: 'id', 'would_join'" in wa.upload_message(
        err.value
    )
    with pytest.raises(wm.WupInputError) as err:
        wio.load_survey_bytes(b"dwelling_id,would_join\na,ja\na,nee\n", "e.csv")
    assert wa.upload_message(err.value) == "Regel 3: woning 'a' staat er twee keer in."
    with pytest.raises(wm.WupInputError) as err:  # only the header (issue 24)
        wio.load_survey_bytes(b"dwelling_id,would_join\n", "e.csv")
    assert err.value.code == "survey_no_rows"
    assert wa.upload_message(err.value).startswith("De enquête heeft een kopregel maar geen")


def test_hostile_uploads_get_one_message(village):
    scenario, stock, outcomes = village
    for data, name, code in (
        (b"x" * (11 * 1024 * 1024), "groot.csv", "file_too_large"),
        (b"\x00\x01\xff" * 100, "binair.csv", "file_binary"),
        (b"dwelling_id,would_join\n", "e.pdf", "file_type"),
        (b"PK\x03\x04 not a workbook", "kapot.xlsx", "file_not_xlsx"),
    ):
        with pytest.raises(wm.WupInputError) as err:
            wio.load_survey_bytes(data, name)
        assert err.value.code == code, name
    # a formula cell is read as text (no formula runs) and is not an answer
    with pytest.raises(wm.WupInputError, match="survey_answer|is not an answer"):
        wio.load_survey_bytes(
            b'dwelling_id,would_join\na,"=HYPERLINK(""http://x"",""ja"")"\n', "f.csv"
        )
    # a dwelling that is not in the village: found when the survey meets the stock
    survey = wio.load_survey_bytes(b"dwelling_id,would_join\nBU-elders,ja\n", "e.csv")
    with pytest.raises(wm.WupInputError) as err:
        wm.business_case(stock, scenario, outcomes=outcomes, zone="kern", survey=survey)
    assert err.value.code == "survey_unknown_dwelling"
    assert wa.upload_message(err.value).startswith(
        "Regel 2: woning 'BU-elders' hoort niet bij dit dorp (1 onbekende"
    )


def test_template_download_escapes_formula_text():
    frame = pd.DataFrame(
        {"dwelling_id": ['=HYPERLINK("http://x")', "+31", "a"], "would_join": ["", "", ""]}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(wa.table_xlsx_bytes(frame, "enquete")))["enquete"]
    cells = [sheet.cell(row=r, column=1).value for r in (2, 3, 4)]
    assert cells == ['\'=HYPERLINK("http://x")', "'+31", "a"]
    assert sheet.cell(row=2, column=1).data_type == "s"  # text, not a formula
