"""The app on a village evening (issue 23), page by page in this process (AppTest): the answer
for one house against the table the page shows, Dutch numbers on every page, every chart
against the result table it names (computed here through the public API), sources in words,
the plan in residents' terms, uncertainty in plain words, the cooperative for a bank and the
handouts."""

from __future__ import annotations

import io
import re

import numpy as np
import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio

from .test_journeys import (
    _download,
    served,  # noqa: F401 - the downloads' fixture
)
from .test_pages import APP, ROOT, charts, values

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _in_project(monkeypatch):
    monkeypatch.chdir(ROOT)


def on(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180).run()
    if page != "dorp":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _text(value: object) -> str:
    return str(value).replace(NBSP, " ")


def _euro(text: str) -> float:
    """The first euro amount in ``text`` as a number ("€ 7.697" -> 7697)."""
    m = re.search(r"€ ?([+-]?[\d.]+(?:,\d+)?)", _text(text))
    assert m, text
    return float(m.group(1).replace(".", "").replace(",", "."))


# --------------------------------------------------------------------------------------------
# Mijn huis: the answer in one sentence, checked against the table the page shows


def _answer_and_table(at: AppTest) -> tuple[str, pd.DataFrame]:
    answer = next(m.value for m in at.markdown if m.value.startswith("**Voor uw huis"))
    table = next(t.value for t in at.table if "Per maand" in t.value.columns)
    return _text(answer).replace("\\", ""), table


@pytest.mark.parametrize(
    ("year", "label", "gas", "best", "month", "instead", "invest", "subsidy"),
    [
        # the 1975 mid-terrace default (110 m², label D, gas unknown)
        (1975, "D", 0, "Hybride warmtepomp", 214, 231, 7342, 2459),
        # a 1930 terraced house, label E, 1 400 m³: the example sentence
        (1930, "E", 1400, "Hybride warmtepomp", 223, 264, 7697, 2629),
    ],
)
def test_mijn_huis_answers_in_one_sentence_what_its_table_shows(
    year, label, gas, best, month, instead, invest, subsidy
):
    at = on("mijn_huis")
    at.number_input(key="h_year").set_value(year).run()
    at.selectbox(key="h_label.nl").set_value(label).run()
    at.number_input(key="h_gas").set_value(gas).run()
    assert not at.exception, [e.message for e in at.exception]
    answer, table = _answer_and_table(at)
    rows = table[~table["Strategie"].str.contains("kan hier niet")]
    per_month = rows["Per maand"].map(_euro)
    order = per_month.sort_values(kind="stable").index
    cheapest, second = rows.loc[order[0]], rows.loc[order[1]]
    reference = table.iloc[0]
    # the sentence names the cheapest row of the table, with that row's figures
    assert cheapest["Strategie"] == best
    assert f"is de {best.lower()} het voordeligst" in answer
    assert f"€ {per_month[order[0]]:.0f} per maand in plaats van" in answer
    assert _euro(answer.split("in plaats van")[1]) == _euro(reference["Per maand"])
    assert _euro(answer.split("investering")[1]) == _euro(cheapest["Investering"])
    assert _euro(answer.split("subsidie")[1]) == _euro(cheapest["Subsidie"])
    assert _euro(answer.split("(")[1]) == _euro(cheapest["Betaald met"])  # the monthly loan
    assert _euro(answer.split("Op de tweede plaats")[1]) == _euro(second["Per maand"])
    # and the figures themselves (the model's, for these houses)
    assert (_euro(cheapest["Per maand"]), _euro(reference["Per maand"])) == (month, instead)
    assert (_euro(cheapest["Investering"]), _euro(cheapest["Subsidie"])) == (invest, subsidy)
    # what changes at the next boiler replacement, the loan behind "Aflossing", the glossary
    boiler = _text(" ".join(m.value for m in at.markdown))
    new_boiler = _euro(reference["Investering"])
    assert f"een nieuwe kost € {new_boiler:,.0f}".replace(",", ".") in boiler
    extra = _euro(boiler.split("kost dan")[1])
    assert extra == pytest.approx(invest - new_boiler, abs=1)  # both rounded to the euro
    assert "meer dan een nieuwe ketel" in boiler
    loans = next(t.value for t in at.table if "Looptijd" in t.value.columns)
    hybrid = loans[loans["Strategie"] == best].iloc[0]
    # what is left after subsidy (the three rounded to the euro apart)
    assert _euro(hybrid["Lening"]) == pytest.approx(invest - subsidy, abs=1)
    assert _text(hybrid["Rente per jaar"]) == "4,35 %" and hybrid["Looptijd"] == "15 jaar"
    glossary = " ".join(m.value for m in at.markdown)
    assert "Aanvoertemperatuur" in glossary and "MT en LT" in glossary and "Afleverset" in glossary


def test_mijn_huis_handout_is_one_printable_page_with_the_answer(served):  # noqa: F811
    at = on("mijn_huis")
    answer, table = _answer_and_table(at)
    name, data = _download(at, served, "dl_house_handout")
    text = _text(data)
    assert name == "aalden_uw_huis.html"
    assert "@page { size: A4" in text and "<script" not in text
    assert answer.strip("*") in text.replace("&#x27;", "'")
    for cell in table["Per maand"]:
        assert _text(cell) in text


def test_dorp_handout_summarises_the_village(served):  # noqa: F811
    at = on("dorp")
    name, data = _download(at, served, "dl_village_handout")
    text = _text(data)
    assert name == "aalden_samenvatting.html"
    assert "Aalden: van het aardgas af" in text and "758" in text
    assert "Hybride warmtepomp" in text and "Warmtenet LT" in text


# --------------------------------------------------------------------------------------------
# Dutch numbers and words on every page

#: an English thousands separator in a number above 999 ("1,078"), a decimal point ("0.51")
ENGLISH_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.])\d+\.\d{1,2}(?!\d)")
#: technical sources and identifiers a resident never reads
TECHNICAL = re.compile(r"github|commit|branch|NOT FOUND|\.csv\b|pbl-nl|parameters-nl|§")


def _page_texts(at: AppTest) -> list[str]:
    """Every text a resident reads on the page: titles, prose, captions, key figures, table
    headers and cells, the values the widgets show, chart titles, axes and value labels."""
    texts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption")
        for e in getattr(at, kind)
    ]
    texts += [e.value for kind in ("info", "success", "warning") for e in getattr(at, kind)]
    texts += [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    for frame in at.table:
        texts += [str(c) for c in frame.value.columns]
        texts += [str(v) for col in frame.value.columns for v in frame.value[col]]
    for widget in at.get("select_slider"):
        texts += [widget.label, *map(str, widget.options)]
    for spec in charts(at):
        layout = spec.get("layout", {})
        texts.append(str(layout.get("title", {}).get("text", "")))
        for axis in ("xaxis", "yaxis"):
            texts.append(str(layout.get(axis, {}).get("title", {}).get("text", "")))
        for trace in spec["data"]:
            texts += [str(v) for v in trace.get("text") or [] if isinstance(v, str)]
    return [_text(t) for t in texts]


def _used(page: str) -> AppTest:
    """A page as it opens, or once used where that shows more (two kept scenarios, a plan)."""
    at = on(page)
    if page == "scenarios":
        at.button(key="keep").click().run()
        at.select_slider(key=_control_key(at, "prices.gas_supply_eur_m3")).set_value(1.2).run()
        at.button(key="keep").click().run()
    elif page == "plan":
        at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _control_key(at: AppTest, prefix: str) -> str:
    return next(s.key for s in at.get("select_slider") if str(s.key).startswith(f"ctl:{prefix}"))


PAGES = (
    "dorp",
    "mijn_huis",
    "scenarios",
    "plan",
    "tijdpad",
    "afwegen",
    "onzekerheid",
    "cooperatie",
    "export",
)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_writes_numbers_the_dutch_way_and_sources_in_words(page):
    at = _used(page)
    texts = _page_texts(at)
    english = sorted({m for t in texts for m in ENGLISH_NUMBER.findall(t)})
    assert not english, english
    technical = sorted({m for t in texts for m in TECHNICAL.findall(t)})
    assert not technical, technical
    # the sources in words, behind "Bron", on every page
    boxes = [e for e in at.expander if e.label == "Bron"]
    assert boxes, page
    sources = " ".join(m.value for m in boxes[0].markdown).replace("\\", "")
    for line in wa.source_lines(wa.PAGE_SOURCES[page], "nl"):
        assert line.split(",")[0] in sources


def test_scenarios_compare_assumptions_in_words_and_say_when_only_who_pays_moves():
    at = on("scenarios")
    at.select_slider(key=_control_key(at, "prices.gas_supply_eur_m3")).set_value(1.2).run()
    notes = " ".join(i.value for i in at.info)
    assert "verschuift alleen wie betaalt" in notes  # a retail price: national cost unchanged
    # the national bars did not move: the same as the page's summary at the default gas price
    national = values(charts(at)[1]["data"][0]["x"])
    default = wm.load_scenario()
    base = wm.summarise(wm.evaluate(wm.stock_for(default), default), default)
    expected = base["summary"]["national_eur_per_t_co2"].fillna(0.0).to_numpy()
    assert national == pytest.approx(expected)
    at.select_slider(key=_control_key(at, "finance.social_discount_rate")).set_value(4.0).run()
    assert not any("verschuift" in i.value for i in at.info)  # national cost moved
    at.button(key="keep").click().run()
    at.select_slider(key=_control_key(at, "prices.gas_supply_eur_m3")).set_value(0.8).run()
    at.button(key="keep").click().run()
    # the comparison's charts plot each kept scenario's summary column they name
    kept = at.session_state["kept"]
    figs = _titles(at)
    for title, column in (
        ("Verandering woonlasten (euro per maand)", "monthly_cost_change_avg_eur"),
        ("Nationale meerkosten (euro per jaar)", "national_extra_eur_per_yr"),
    ):
        for trace, text in zip(figs[title]["data"], kept.values(), strict=True):
            scenario = wio.scenario_from_text(text, "kept")
            outcomes = wm.evaluate(wm.stock_for(scenario), scenario)
            summary = wm.summarise(outcomes, scenario)["summary"]
            assert _first(values(trace["x"])) == pytest.approx(summary[column].to_numpy()), title
    table = next(t.value for t in at.table if "Aanname" in t.value.columns)
    rows = dict(zip(table["Aanname"], table.iloc[:, 2], strict=True))
    assert rows["Gasprijs 2026, levering zonder belasting (euro per m³)"] == f"€{NBSP}0,80 per m³"
    assert "prices.gas_supply_eur_m3" not in table.to_string()


# --------------------------------------------------------------------------------------------
# every chart plots what its title and axis say


def _first(values_: list[float]) -> np.ndarray:
    return np.asarray(values_, dtype=float)


@pytest.fixture(scope="module")
def aalden():
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    outcomes = wm.evaluate(stock, scenario)
    return scenario, stock, outcomes, wm.summarise(outcomes, scenario)


def _titles(at: AppTest) -> dict[str, dict]:
    return {spec["layout"]["meta"]["title"]: spec for spec in charts(at)}


def test_dorp_charts_plot_the_stock_they_name(aalden):
    _scenario, stock, _outcomes, tables = aalden
    figs = _titles(on("dorp"))
    counts = stock.groupby("dwelling_type", observed=True)["count"].sum()
    bars = figs["Woningtypes"]["data"][0]
    shown = dict(zip(bars["x"], _first(values(bars["y"])), strict=True))
    assert shown["Tussenwoning"] == counts["tussenwoning"]
    assert shown["Vrijstaand"] == counts["vrijstaand"]
    labels = stock.groupby(stock["energy_label"].astype(object).fillna("?"))["count"].sum()
    bars = figs["Energielabels"]["data"][0]
    assert dict(zip(bars["x"], _first(values(bars["y"])), strict=True))["C"] == labels["C"]
    per = tables["per_dwelling"]
    ref = per[per["strategy"] == "reference"]
    co2 = (ref["co2_kg"] * ref["count"]).groupby(ref["dwelling_type"]).sum() / 1e3
    bars = figs["CO₂-uitstoot nu per woningtype (ton per jaar)"]["data"][0]
    assert dict(zip(bars["x"], _first(values(bars["y"])), strict=True))[
        "Vrijstaand"
    ] == pytest.approx(co2["vrijstaand"])
    for title in (
        "Gasverbruik nu per woning (m³ per jaar)",
        "Energierekening nu per woning (euro per maand)",
    ):
        assert _first(values(figs[title]["data"][0]["y"])).sum() == stock["count"].sum()


def test_scenario_charts_plot_the_summary_columns_they_name(aalden):
    _scenario, _stock, _outcomes, tables = aalden
    summary = tables["summary"]
    figs = _titles(on("scenarios"))
    for title, column in (
        ("Verandering woonlasten per maand, gemiddeld (euro)", "monthly_cost_change_avg_eur"),
        ("Nationale kosten per vermeden ton CO₂ (euro)", "national_eur_per_t_co2"),
        ("CO₂-uitstoot per jaar (ton)", "co2_t"),
    ):
        plotted = _first(values(figs[title]["data"][0]["x"]))
        assert plotted == pytest.approx(summary[column].fillna(0.0).to_numpy()), title


def test_mijn_huis_charts_plot_the_house_table(aalden):
    scenario = aalden[0]
    at = on("mijn_huis")
    _answer, table = _answer_and_table(at)
    figs = _titles(at)
    monthly = figs["Woonlasten per maand: nu en daarna"]["data"]
    stacked = sum(_first(values(tr["x"])) for tr in monthly if tr.get("type") == "bar")
    assert stacked[1:] == pytest.approx(table["Per maand"].map(_euro).to_numpy(), abs=0.5)
    money = {
        tr["name"]: _first(values(tr["x"])) for tr in figs["Investering en subsidie (euro)"]["data"]
    }
    assert money["Investering"] == pytest.approx(table["Investering"].map(_euro), abs=0.5)
    assert money["Subsidie"] == pytest.approx(table["Subsidie"].map(_euro), abs=0.5)
    house = wa.house_strategies(
        wm.evaluate(wa.house_stock("tussenwoning", 1975, 110, energy_label="D"), scenario),
        wm.default_strategies(),
        scenario.params(),
    )
    assert stacked[0] == pytest.approx(house["monthly_now_eur"].iloc[0])  # today: the bill


def test_uncertainty_charts_plot_the_sweep_they_name():
    at = on("onzekerheid")
    figs = _titles(at)
    scenario = wm.load_scenario()
    scenario = scenario.model_copy(
        update={
            "uncertainty": wm.load_scenario(ROOT / "scenarios" / "uncertainty.yaml").uncertainty
        }
    )
    stock = wm.stock_for(scenario)
    oat = wm.sweep(stock, scenario, method="oat")
    tornado = wm.tornado(oat, figure="monthly_cost_change_avg_eur", strategy="hybrid")
    moving = tornado[(tornado["effect_high"] - tornado["effect_low"]).abs() >= 0.005]
    bars = figs["Welke aanname maakt het meest uit?"]["data"]
    assert _first(values(bars[1]["x"])) == pytest.approx(moving["effect_high"].to_numpy())
    mc = wm.sweep(stock, scenario, samples=200, method="lhs", per_household=True)
    dist = wm.distributions(mc, figure="monthly_cost_change_avg_eur")
    ranges = figs["Bandbreedte van de woonlasten per huishouden"]["data"]
    assert _first(values(ranges[1]["x"])) == pytest.approx(dist["p50"].to_numpy())
    assert _first(values(ranges[0]["base"])) == pytest.approx(dist["p05"].to_numpy())
    risk = wm.household_risk(mc, 1.0)
    chance = (risk["p_rise"] * risk["count"]).groupby(risk["strategy"], sort=False).sum() / risk[
        "count"
    ].groupby(risk["strategy"], sort=False).sum()
    bars = figs["Kans dat een huishouden meer gaat betalen"]["data"][0]
    assert _first(values(bars["x"])) == pytest.approx(100 * chance.to_numpy())  # percent


def test_cooperative_charts_plot_the_business_case(aalden):
    scenario, stock, outcomes, _tables = aalden
    at = on("cooperatie")
    at.radio(key="coop_mode.nl").set_value("set").run()
    figs = _titles(at)
    case = wm.business_case(stock, scenario, outcomes=outcomes, participation=0.85)
    flow = figs["Kasstroom per jaar (duizend euro)"]["data"][0]
    assert _first(values(flow["y"])) == pytest.approx(
        case.cash_flow_frame()["project_cash_flow_eur"].to_numpy() / 1e3
    )
    dscr = figs["Dekking van rente en aflossing per jaar (DSCR)"]["data"][0]
    assert _first(values(dscr["y"])) == pytest.approx(case.dscr_by_year.to_numpy())
    curve = figs["Wie doet mee bij welk vast tarief"]["data"][0]
    assert _first(values(curve["y"])) == pytest.approx(100 * case.curve["participation"])


# --------------------------------------------------------------------------------------------
# Plan, Onzekerheid and Coöperatie in residents' and bankers' terms


def test_plan_shows_every_measure_and_who_pays_what(aalden):
    scenario, _stock, outcomes, _tables = aalden
    at = on("plan")
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    plan = wm.optimise(
        scenario=wm.apply_settings(scenario, {"targets.co2_reduction": 0.6}, origin="app"),
        outcomes=outcomes,
    )
    measures = next(t.value for t in at.table if "Maatregel" in t.value.columns)
    shown = dict(zip(measures["Maatregel"], measures["Woningen"], strict=True))
    d = plan.dwellings
    for name, column in (("Zonnepanelen", "pv"), ("Zonneboiler", "solar_water_heater")):
        count = d.loc[d[column], "dwellings"].sum()  # a measure no dwelling takes is not listed
        assert shown.get(name) == (wa.format_number(count) if count > 0.5 else None), name
    for heating, count in plan.dwellings_by_heating.items():
        if count > 0.5:
            assert shown[wa.value_label("heating", heating)] == wa.format_number(count)
    mix = _titles(at)["Welke verwarming, hoeveel woningen"]["data"][0]
    shown_mix = dict(zip(mix["y"], _first(values(mix["x"])), strict=True))
    for heating, count in plan.dwellings_by_heating.items():
        if count > 1e-9:
            assert shown_mix[wa.value_label("heating", heating)] == pytest.approx(count)
    # the cost-CO2 front: the plan's own front at six points, national cost a year
    front = wm.optimise(
        scenario=wm.apply_settings(scenario, {"targets.co2_reduction": 0.6}, origin="app"),
        outcomes=outcomes,
        pareto=6,
    ).pareto_front
    line = _titles(at)["Kosten tegen CO₂-reductie"]["data"][0]
    assert _first(values(line["x"])) == pytest.approx([100 * p.co2_reduction for p in front])
    assert _first(values(line["y"])) == pytest.approx([p.objective_eur for p in front])
    payers = next(t.value for t in at.table if "Wie" in t.value.columns)
    assert list(payers["Wie"]) == [
        "Huishoudens samen",
        "Nederland als geheel",
        "Waarvan gezamenlijk",
        "Investering huishoudens",
    ]
    assert _euro(payers["Per jaar"][1]) == pytest.approx(
        plan.extra_cost_eur_per_yr["national"], abs=1
    )
    words = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Elke ton CO₂ die het dorp per jaar méér wil besparen" in _text(words)
    collective = next(t.value for t in at.table if "Gebied" in t.value.columns)
    assert {"Dorpskern", "Stroomnet deel 1"} <= set(collective["Gebied"])
    assert not any(z in set(collective["Gebied"]) for z in ("kern", "lv1"))


def test_onzekerheid_per_household_a_month_in_plain_words():
    at = on("onzekerheid")
    words = next(m.value for m in at.markdown if "9 van de 10 gevallen" in m.value)
    assert "de hybride warmtepomp" in words and "per maand" in words
    note = " ".join(c.value for c in at.caption)
    assert "veranderen dit getal bij deze keuze niet" in note
    assert "Gasprijs (groothandel)" in note  # a wholesale price moves only the national cost
    at.radio(key="unc_figure.nl").set_value("national_extra_eur_per_yr").run()
    assert any("kost het dorp Nederland" in m.value for m in at.markdown)


def test_cooperatie_explains_its_opening_and_speaks_to_the_bank(served):  # noqa: F811
    at = on("cooperatie")
    assert any("kiest geen enkel huishouden" in i.value for i in at.info)
    at.radio(key="coop_mode.nl").set_value("set").run()
    text = _text(" ".join(m.value for m in at.markdown))
    assert "ten minste 1,30 keer" in text and "Die eis bepaalt hoeveel de bank leent" in text
    ratios = next(t.value for t in at.table if "Kengetal" in t.value.columns)
    figures = dict(zip(ratios["Kengetal"], ratios["Waarde"], strict=True))
    assert "Netto contante waarde bij 4,0 % rekenrente" in [k.replace(NBSP, " ") for k in figures]
    assert _text(figures["Laagste DSCR"]) == "1,30 (eis 1,30)"
    uses = next(t.value for t in at.table if "Post" in t.value.columns)
    totals = uses[uses["Post"] == "Totaal"]["Bedrag (zonder btw)"].map(_euro).tolist()
    assert totals[0] == pytest.approx(totals[1], abs=1)  # sources and uses balance
    schedule = next(t.value for t in at.table if "Restschuld" in t.value.columns)
    assert len(schedule) >= 10
    name, data = _download(at, served, "dl_coop")
    assert name == "aalden_coop_kern.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert {"ratios", "cash_flow", "financing", "provenance"} <= set(book.sheetnames)
    provenance = {r[0]: r[1] for r in book["provenance"].iter_rows(min_row=2, values_only=True)}
    assert provenance["village"] == "Aalden"


# --------------------------------------------------------------------------------------------
# finding a village as people spell it


def test_find_a_village_as_people_spell_it():
    buurten, villages = wa.find_villages("Dwingeloo")
    assert "BU17010300" in set(buurten["buurt_code"])  # the core buurt, spelled 'Dwingelo'
    whole = villages.set_index("wijk_code").loc["BU170103"]
    assert whole["name"] == "Dwingeloo" and len(whole["buurt_codes"]) == 5
    buurten, _ = wa.find_villages("diever")
    assert buurten["buurt_name"].iloc[0] == "Diever"  # the exact name first
    assert wa.zone_label("kern") == "Dorpskern" and wa.zone_label("lv2") == "Stroomnet deel 2"
    assert wa.zone_label("Noordkant") == "Noordkant"  # the user's own zone names stay


def test_a_village_of_several_buurten_keeps_every_dwelling_and_its_own_zones():
    stock = wa.village_stock(["BU17010300", "BU17010309"])
    table = wm.synthesise_stock("BU17010300")
    assert len(stock) == len(table) + len(wm.synthesise_stock("BU17010309"))
    assert stock["dwelling_id"].is_unique
    zones = set(stock["heat_network_zone"].dropna()) - {""}
    assert zones == {"kern Dwingelo", "kern Verspreide huizen Dwingeloo"}
    choice = wa.VillageChoice.of_buurten(["BU17010300", "BU17010309"], "Dwingeloo")
    assert choice.key == "buurt:BU17010300+BU17010309:0"
    assert choice.file_name("results", "xlsx") == "dwingeloo_results.xlsx"
    source = choice.stock_source(stock)
    assert source["buurt_codes"] == "BU17010300 + BU17010309"
    assert source["dwellings"] == len(stock)
    stamped = choice.stamp(wm.load_scenario())
    assert (stamped.village.name, stamped.village.buurt_code) == ("Dwingeloo", "BU17010300")
    assert choice.stamp(stamped) is stamped  # already stamped: the same scenario
