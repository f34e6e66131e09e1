"""The Wijkuitvoeringsplan as a document (issue 26), read from outside: the Word file opens
with python-docx, its headings are the chapters, its numbers are the run's (recomputed here
through the public API), a changed scenario changes numbers and not the structure, the text
is Dutch without identifiers, bad input leaves no document."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import numpy as np
import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio
from wupmodel.cli import main

CHAPTERS = [
    "Samenvatting",
    "1. Het dorp nu",
    "2. Wat het dorp wil",
    "3. De mogelijkheden vergeleken",
    "4. Het plan",
    "5. Het tijdpad",
    "6. Geld",
    "7. Risico's en onzekerheid",
    "Bijlage A. Aannames en bronnen",
    "Bijlage B. Herkomst",
]


def _report(out: Path, *extra: str) -> None:
    assert main(["report", "--out", str(out), "--figures", "matplotlib", *extra]) == 0


@pytest.fixture(scope="module")
def default_doc(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wup") / "aalden"
    _report(out)
    return out


@pytest.fixture(scope="module")
def dearer_gas_doc(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wup") / "aalden_gas"
    _report(out, "--set", "prices.gas_supply_eur_m3=0.95", "--format", "docx")
    return out


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph of the Word file, table cells included, in order."""
    document = docx.Document(str(path))
    out = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = docx.text.paragraph.Paragraph(child, document)
            out.append((p.style.name, p.text))
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            for row in table.rows:
                out.append(("cell", " | ".join(c.text for c in row.cells)))
    return out


def _text(path: Path) -> str:
    return "\n".join(text for _style, text in _paragraphs(path))


def test_the_files_and_the_headings_are_the_chapters(default_doc):
    names = {p.name for p in default_doc.iterdir()}
    assert {"wup.docx", "wup.html", "wup.json", "wup_tabellen.xlsx"} <= names
    if wio.find_browser():
        assert (default_doc / "wup.pdf").read_bytes()[:5] == b"%PDF-"
    heads = [t for s, t in _paragraphs(default_doc / "wup.docx") if s == "Heading 1"]
    assert heads == CHAPTERS
    html = (default_doc / "wup.html").read_text("utf-8")
    assert re.findall(r"<h1>(.*?)</h1>", html) == [h.replace("'", "&#x27;") for h in CHAPTERS]
    assert '<html lang="nl">' in html and "http" not in html.split("<body>")[1].split("nl)")[0]


def test_every_figure_has_alt_text(default_doc):
    with zipfile.ZipFile(default_doc / "wup.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
    descr = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    assert len(pictures) >= 6 and len(descr) == len(pictures)
    assert all(len(d) > 40 for d in descr)
    html = (default_doc / "wup.html").read_text("utf-8")
    alts = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]*)"', html)
    assert len(alts) == len(pictures) and all(len(a) > 40 for a in alts)


def _nl(value: float, decimals: int = 0) -> str:
    return wa.format_number(value, "nl", decimals)


def test_the_numbers_are_the_runs(default_doc):
    """Recomputed through the public API, independently of the document's code."""
    text = _text(default_doc / "wup.docx").replace("\u00a0", " ")
    data = json.loads((default_doc / "wup.json").read_text("utf-8"))
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    inputs = wm.model_inputs(scenario)
    outcomes = wm.evaluate(stock, inputs)
    run = wio.summary_json(wm.summarise(outcomes, inputs), scenario, outcomes.notices, {})
    dwellings = sum(s["dwellings"] for s in run["strategies"][:1]) if "strategies" in run else 758
    assert data["dwellings"] == dwellings == outcomes.counts.sum()
    assert f"telt {_nl(dwellings)} woningen" in text

    plan = wm.optimise(stock, inputs, outcomes=outcomes, co2_reduction=0.6).to_json_dict()
    national = plan["total_cost_eur"]["national"]
    assert data["plan"]["total_cost_eur"]["national"] == pytest.approx(national, rel=1e-9)
    assert f"Nationale kosten van het plan per jaar | € {_nl(national)}" in text
    extra = plan["extra_cost_vs_reference_eur_per_yr"]["national"]
    assert f"€ {_nl(extra)} per jaar meer" in text

    who = wa.plan_who_pays(
        wm.optimise(stock, inputs, outcomes=outcomes, co2_reduction=0.6), outcomes
    )
    share = who["households_paying_more"].sum() / who["dwellings"].sum()
    assert data["plan"]["figures"]["share_paying_more"] == pytest.approx(share, abs=1e-12)
    assert f"Huishoudens die meer gaan betalen | {_nl(100 * share)} %" in text

    case = wm.business_case(stock, inputs, outcomes=outcomes)
    if case.connections < 0.5:  # nobody would join: the document shows the whole zone's case
        case = wm.business_case(stock, inputs, outcomes=outcomes, participation=1.0)
    case = case.to_json_dict()
    gap = case["metrics"]["funding_gap_eur"]
    assert data["business_case"]["metrics"]["funding_gap_eur"] == pytest.approx(gap, rel=1e-9)
    assert f"Financieringstekort van de coöperatie | € {_nl(gap)}" in text

    if "phasing" in data:  # issue 22: the first year's installations

        def new(year: dict) -> float:  # new heating systems, the gas boiler not counted
            return sum(v for k, v in year["installations"].items() if k != "gas_boiler")

        first = next(y for y in data["phasing"]["years"] if new(y) > 0.5)
        n = new(first)
        assert f"Overstappen in het eerste jaar ({first['year']}) | {_nl(n)}" in text
    else:
        assert "Het tijdpad volgt wanneer" in text


def _skeleton(path: Path) -> list[tuple[str, str]]:
    """The structure: every paragraph's style and its text with the figures masked; tables
    as their number of cells per row."""
    out = []
    for style, text in _paragraphs(path):
        if style == "cell":
            out.append((style, str(text.count(" | "))))
        elif style.startswith(("Heading", "Title")):
            out.append((style, text))
        else:
            out.append((style, ""))
    return out


def test_a_changed_scenario_changes_numbers_not_structure(default_doc, dearer_gas_doc):
    one, two = default_doc / "wup.docx", dearer_gas_doc / "wup.docx"
    assert _skeleton(one) == _skeleton(two)
    numbers = re.compile(r"-?\d[\d.]*(?:,\d+)?")
    a, b = numbers.findall(_text(one)), numbers.findall(_text(two))
    changed = set(b) - set(a)
    assert len(changed) > 20, len(changed)
    assert "Gas leveringsprijs" not in _text(two)  # an override is named in words only...
    assert "prices.gas_supply_eur_m3 (--set)" in _text(two)  # ... and verbatim in appendix B


ENGLISH = {"the", "and", "with", "which", "this", "that", "from", "are", "to", "not", "for"}
DUTCH = {"de", "het", "een", "van", "en", "op", "dat", "wat", "voor", "met"}


def _prose(doc: wm.WupDocument) -> str:
    return doc.text(kinds=("text", "lead", "missing"), letters=True)


@pytest.fixture(scope="module")
def model_doc() -> wm.WupDocument:
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    return wm.wup_document(stock, scenario, letters=list(stock["dwelling_id"][:3]))


def test_the_text_is_dutch(model_doc):
    words = re.findall(r"[a-zà-ÿ]+", _prose(model_doc).lower())
    english = [w for w in words if w in ENGLISH]
    dutch = [w for w in words if w in DUTCH]
    assert not english, sorted(set(english))
    assert len(dutch) > 0.08 * len(words)


def test_no_raw_identifiers(model_doc):
    text = _prose(model_doc)
    patterns = {
        "snake_case": r"\b[A-Za-z]+_[A-Za-z0-9_]+\b",
        "dotted name": r"\b[a-z]+\.[a-z_]{2,}\b",
        "camelCase": r"\b[a-z]{2,}[A-Z][a-z]+\b",
        "code": r"[{}<>=`]|\bNone\b|\bnan\b|\bTrue\b|\bFalse\b",
        "English number": r"\b[1-9]\d{0,2}(?:,\d{3}){2,}\b|\b\d+\.\d{1,2}\b(?!\.)",
    }
    for name, pattern in patterns.items():
        found = re.findall(pattern, text)
        assert not found, f"{name}: {found[:5]}"


def test_numbers_and_words_are_the_apps():
    from wupmodel.document import numbers as nl
    from wupmodel.document.words import word

    for v in (0, 0.4, 1234.5, -1234567.891, 1e9, 12.3456, -2.75):
        for d in (0, 1, 2):
            assert nl.num(v, d) == wa.format_number(v, "nl", d)
    for kind, values in (
        ("dwelling_type", wa.DWELLING_TYPES),
        ("tenure", wa.TENURES),
        ("heating", wa.HEATING_SYSTEMS),
    ):
        for v in values:
            assert word(kind, v) == wa.value_label(kind, v, "nl")


def test_chapters_say_what_the_model_does_not_have_yet(model_doc):
    by_key = {c.key: c for c in model_doc.chapters}
    for chapter in model_doc.chapters:
        notes = [b for b in chapter.blocks if getattr(b, "kind", "") == "missing"]
        if not chapter.filled:
            assert notes, chapter.title
    if not by_key["time"].filled:
        assert any("volgt wanneer" in b.text for b in by_key["time"].blocks)


def test_letters_one_page_each_without_addresses(tmp_path, model_doc):
    assert len(model_doc.letters) == 3
    images = wio.draw_figures(model_doc.figures())
    written, _notes = wio.write_wup_document(tmp_path / "out", model_doc, images, ("docx",))
    assert {p.name for p in written} >= {"brieven.docx", "brieven.html"}
    paragraphs = _paragraphs(tmp_path / "out" / "brieven.docx")
    assert sum(s == "Heading 1" for s, _ in paragraphs) == 3
    with zipfile.ZipFile(tmp_path / "out" / "brieven.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert xml.count('w:type="page"') == 2
    text = "\n".join(t for _s, t in paragraphs).lower()
    assert not re.search(r"straat|postcode|huisnummer|weg \d", text)


def test_bad_input_exit_2_and_no_document(tmp_path, capsys):
    target = tmp_path / "wup"
    target.write_text("a file, not a folder")
    assert main(["report", "--out", str(target), "--figures", "matplotlib"]) == 2
    err = capsys.readouterr().err
    assert "exists and is not a folder" in err and err.count("\n") == 1
    assert target.read_text() == "a file, not a folder"

    survey = tmp_path / "survey.csv"
    survey.write_text("dwelling_id,would_join\nNOT-A-DWELLING,yes\nBU01095059-0001,no\n")
    out = tmp_path / "out"
    assert main(["report", "--out", str(out), "--survey", str(survey)]) == 2
    err = capsys.readouterr().err
    assert "NOT-A-DWELLING" in err and "does not match" in err and err.count("\n") == 1
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing staged left


def test_a_survey_fills_chapter_2_and_the_letters(tmp_path):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "dwelling_id,would_join,plans_heat_pump\n"
        "BU01095059-0001,yes,no\nBU01095059-0002,no,yes\nBU01095059-0003,maybe,\n"
    )
    out = tmp_path / "out"
    assert (
        main(
            ["report", "--out", str(out), "--survey", str(survey), "--letters", "--format", "html"]
        )
        == 0
    )
    html = (out / "wup.html").read_text("utf-8")
    assert "In de enquête gaven 3 woningen antwoord" in html
    letters = (out / "brieven.html").read_text("utf-8")
    assert letters.count('class="letter"') == 3
    assert not (out / "wup.docx").exists()


@pytest.mark.skipif(wio.find_browser() is None, reason="needs a Chromium (Debian's chromium)")
def test_the_app_figures_export_and_the_page_renders(tmp_path, model_doc, default_doc):
    images, note = wa.document_images(model_doc, "plotly")
    assert note == "" and set(images) == {f.key for f in model_doc.figures()}
    assert all(png[:8] == b"\x89PNG\r\n\x1a\n" for png in images.values())
    shot = tmp_path / "page.png"
    assert wio.html_to_png(default_doc / "wup.html", shot) == ""
    assert shot.stat().st_size > 10_000


def test_the_data_file_is_json_without_nan(default_doc):
    text = (default_doc / "wup.json").read_text("utf-8")
    data = json.loads(text)
    assert "NaN" not in text and "Infinity" not in text
    assert [c["title"] for c in data["chapters"]] == CHAPTERS
    assert data["provenance"]["command"].startswith("wupmodel report")
    assert np.isfinite(data["dwellings"])


def _hours_json() -> dict:
    """An hourly report as plain data, in the shape of the hourly pass's JSON (issue 21), with
    round figures written here: two strategies, three zones."""

    def zones(peaks):
        return {
            z: {
                "dwellings": 250.0,
                "peak_kw": p,
                "capacity_kw": 400.0,
                "excess_kw": max(p - 400, 0),
            }
            for z, p in zip(("lv1", "lv2", "lv3"), peaks, strict=True)
        }

    def strategy(peak, peaks, own, battery):
        return {
            "dwellings": 750.0,
            "peak_kw": peak,
            "peak_kw_per_dwelling": peak / 750.0,
            "peak_time": "1987-01-11 18:00 UTC",
            "load_duration_kw": [peak, 0.9 * peak, 0.6 * peak, 0.3 * peak],
            "load_duration_hours": [0, 9, 99, 8759],
            "zones": zones(peaks),
            "pv_mwh": 900.0,
            "self_consumption_share": own,
            "battery": {"self_consumption_share": battery},
        }

    return {
        "design_weather_year": 1987,
        "energy_weather_year": 2015,
        "battery_kwh": 5.0,
        "strategies": {
            "reference": strategy(750.0, (250.0, 250.0, 250.0), 0.3, 0.55),
            "all_electric_air": strategy(1500.0, (450.0, 500.0, 550.0), 0.35, 0.6),
        },
    }


def test_an_hourly_pass_fills_the_grid_section():
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    doc = wm.wup_document(stock, scenario, given={"hourly": _hours_json()})
    today = next(c for c in doc.chapters if c.key == "today")
    assert not [b for b in today.blocks if getattr(b, "kind", "") == "missing"]
    assert "de uurberekening van het net" not in doc.missing
    lead = next(b.text for b in today.blocks if "De uurberekening" in getattr(b, "text", ""))
    assert "11 januari, 19 uur: samen 1.500\u00a0kW" in lead
    assert "2,00\u00a0kW per woning over 750 woningen" in lead
    tables = {b.key: b for b in today.blocks if hasattr(b, "rows")}
    rows = {r[0]: r for r in tables["hours_strategies"].rows}
    # 1 500 kW over 750 dwellings = 2,00 kW each; 18:00 UTC in January is 19 uur Dutch time
    assert rows["All-electric (lucht)"][1:5] == (
        "1.500\u00a0kW",
        "2,00\u00a0kW",
        "11\u00a0jan 19\u00a0uur",
        "3",
    )
    assert rows["Referentie: cv-ketel"][4:] == ("0", "30\u00a0%", "55\u00a0%")
    zones = tables["hours_zones_all_electric_air"].rows  # the plan's main strategy (air heat pump)
    assert [z[-1] for z in zones] == ["50\u00a0kW", "100\u00a0kW", "150\u00a0kW"]
    assert doc.tables["hourly"]["peak_kw"].tolist() == [750.0, 1500.0]
    assert any(f.key == "fig_load_duration" for f in doc.figures())
    assert doc.data["hourly"]["design_weather_year"] == 1987
    assert not any("strenge winter" in getattr(b, "text", "") for b in today.blocks)


@pytest.mark.parametrize(
    ("over", "words"),
    [
        (3, "dan komen 3 zones boven"),
        (1, "dan komt één zone boven"),
        (0, "dan komt geen zone boven"),
    ],
)
def test_the_grid_section_says_what_a_severe_winter_asks(over, words):
    """With the cold-year check in the report: its year, the main strategy's peak per dwelling
    (2 700 kW / 750 = 3,60 kW) and the zones over capacity, in words."""
    hours = _hours_json()
    hours["design_weather_year"] = 2015
    hours["cold_check_weather_year"] = 1987
    air = hours["strategies"]["all_electric_air"]
    air["cold_year_check"] = {
        "weather_year": 1987,
        "peak_kw": 2700.0,
        "peak_kw_per_dwelling": 2700.0 / 750.0,
        "zones_over_capacity": over,
        "zones": {},
    }
    scenario = wm.load_scenario()
    doc = wm.wup_document(wm.stock_for(scenario), scenario, given={"hourly": hours})
    today = next(c for c in doc.chapters if c.key == "today")
    cold = next(b.text for b in today.blocks if "strenge winter" in getattr(b, "text", ""))
    assert "gewone winter (2015)" in cold and "die van 1987" in cold
    assert "3,60\u00a0kW per woning" in cold and words in cold


def test_taxes_per_year_mark_what_is_carried_forward():
    from wupmodel.document.policy import policy_blocks

    rows = [  # a policy table as the run gives it: the 2027 tax not yet published
        ("gas_tax_0_1000_eur_m3", 2026, 0.60066, "EUR/m3", False, 2026),
        ("gas_tax_0_1000_eur_m3", 2027, 0.60066, "EUR/m3", True, 2026),
        ("isde_hp_air_start_eur", 2026, 1025.0, "EUR", False, 2026),
        ("isde_hp_air_start_eur", 2027, 1025.0, "EUR", False, 2027),
        ("a_rule_not_named_yet", 2026, 1.0, "EUR", False, 2026),
    ]
    columns = ("series", "year", "value", "unit", "carried_forward", "published_year")
    (block,) = policy_blocks(pd.DataFrame(rows, columns=columns))
    assert block.columns == ("Regel", "Eenheid", "2026", "2027")
    assert block.rows[0] == ("Energiebelasting op gas (tot 1.000 m³)", "euro/m³", "0,601", "0,601*")
    assert block.rows[1] == ("ISDE luchtwarmtepomp: vast bedrag", "euro", "1.025", "1.025")
    assert block.rows[2][0] == "Andere regel"  # never the identifier
    (note,) = policy_blocks(None)
    assert note.kind == "missing" and "2026" in note.text


def test_the_document_never_lands_on_an_input(tmp_path, capsys):
    """A survey kept in the output folder under a name the document writes is refused, as
    every command's outputs are (issue 24): exit 2, one message, the survey unchanged."""
    out = tmp_path / "wup"
    out.mkdir()
    survey = out / "wup_tabellen.xlsx"
    pd.DataFrame({"dwelling_id": ["BU01095059-0001"], "would_join": ["yes"]}).to_excel(
        survey, index=False
    )
    before = survey.read_bytes()
    args = ["report", "--out", str(out), "--survey", str(survey), "--format", "html"]
    assert main([*args, "--figures", "matplotlib"]) == 2
    err = capsys.readouterr().err
    assert "would overwrite an input" in err and err.count("\n") == 1
    assert survey.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["wup_tabellen.xlsx"]
    assert not [p for p in tmp_path.rglob(".*")]  # nothing staged left


def test_addresses_only_when_the_stock_has_them_and_they_are_asked(tmp_path, capsys):
    stock = tmp_path / "ons_dorp.csv"
    stock.write_text(
        "dwelling_id,dwelling_type,construction_year,floor_area_m2,straat\n"
        "a,tussenwoning,1975,110,Brink 1\nb,vrijstaand,1930,160,Dorpsstraat 12\n"
    )
    base = ["report", "--stock", str(stock), "--letters", "--format", "html"]
    assert main([*base, "--out", str(tmp_path / "plain"), "--figures", "matplotlib"]) == 0
    plain = (tmp_path / "plain" / "brieven.html").read_text("utf-8")
    assert "Brink 1" not in plain and "Dorpsstraat" not in plain
    asked = [*base, "--out", str(tmp_path / "asked"), "--address-column", "straat"]
    assert main([*asked, "--figures", "matplotlib"]) == 0
    letters = (tmp_path / "asked" / "brieven.html").read_text("utf-8")
    assert "Brink 1" in letters and "Dorpsstraat 12" in letters
    assert "Brink 1" not in (tmp_path / "asked" / "wup.html").read_text("utf-8")
    capsys.readouterr()
    wrong = [*base, "--out", str(tmp_path / "x"), "--address-column", "adres"]
    assert main([*wrong, "--figures", "matplotlib"]) == 2
    err = capsys.readouterr().err
    assert "'adres' is not a column" in err and "straat" in err and err.count("\n") == 1
    assert not (tmp_path / "x").exists()


def test_appendix_a_names_the_heat_networks_and_the_rules_per_year(model_doc):
    """Issue 20 on main: the heat networks' sources and tariff, and the policy table."""
    appendix = next(c for c in model_doc.chapters if c.title.startswith("Bijlage A"))
    tables = {b.key: b for b in appendix.blocks if hasattr(b, "rows")}
    rows = dict(tables["heat_networks"].rows)
    networks = wm.load_scenario().heat_networks
    sources = wio.packaged_table("heat_sources").set_index("heat_source")["label_nl"]
    assert rows["Warmtebron van een warmtenet (middentemperatuur)"] == sources[networks.mt_source]
    assert rows["Warmtebron van een warmtenet (lage temperatuur)"] == sources[networks.lt_source]
    assert "policy" in tables and "policy" in model_doc.tables
    assert any(c.endswith("*") for r in tables["policy"].rows for c in r[2:])  # carried forward
