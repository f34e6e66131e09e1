"""Provenance as an invariant: whatever a user does (choose a village, reset the assumptions,
upload a dwelling file, open a scenario file, switch back), the village the pages show, the
adviser's export file name, the provenance in it and the dwellings in it agree.

The pages run in this process (AppTest); the downloads are read the way a browser gets them:
the bytes Streamlit's media file manager would serve for the button, its file name included.
"""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import wupmodel as wm
import wupmodel.io as wio

from .test_pages import APP, ROOT

#: a small dwelling file as a village adviser would upload it
UPLOAD = (
    b"dwelling_id,dwelling_type,construction_year,floor_area_m2,count\n"
    b"a,tussenwoning,1975,110,2\nb,vrijstaand,1930,160,1\nc,hoekwoning,1962,95,4\n"
)


@pytest.fixture(autouse=True)
def _in_project(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture
def served(monkeypatch):
    """What each download button would serve: file id -> (file name, a function giving the
    bytes), recorded where Streamlit registers them."""
    files: dict[str, tuple[str | None, object]] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record_add(self, path_or_data, mimetype, coordinates, file_name=None, **kw):
        file_id = add(self, path_or_data, mimetype, coordinates, file_name=file_name, **kw)
        files[file_id] = (file_name, lambda: path_or_data)
        return file_id

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        file_id = add_deferred(self, data_callable, mimetype, coordinates, file_name, **kw)
        files[file_id] = (file_name, data_callable)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add", record_add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files


def _download(at: AppTest, served: dict, key: str) -> tuple[str, bytes]:
    button = next(b for b in at.get("download_button") if b.key == key)
    proto = button.proto
    if proto.HasField("deferred_file_id"):
        name, data = served[proto.deferred_file_id]
    else:
        file_id = proto.url.rsplit("/", 1)[-1].split(".")[0]
        name, data = served[file_id]
    return str(name), data()


def _shown(at: AppTest) -> tuple[str, int]:
    """The village the Dorp page shows: its name (the header 'Dorp: <name>') and dwellings."""
    at.switch_page("app_pages/dorp.py").run()
    assert not at.exception, [e.message for e in at.exception]
    header = next(h.value for h in at.header if h.value.startswith("Dorp: "))
    dwellings = int(at.metric[0].value.replace(".", ""))
    return header.removeprefix("Dorp: "), dwellings


def _slug(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def _export(at: AppTest, served: dict) -> dict:
    """The adviser's workbook as the Export page serves it: file name, provenance, dwellings."""
    at.switch_page("app_pages/export.py").run()
    assert not at.exception, [e.message for e in at.exception]
    name, data = _download(at, served, "dl_xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    provenance = {r[0]: r[1] for r in book["provenance"].iter_rows(min_row=2, values_only=True)}
    rows = list(book["per_dwelling"].iter_rows(min_row=2, values_only=True))
    first = rows[0][0]
    per_dwelling = [r for r in rows if r[0] == first]  # one strategy: every dwelling once
    return {
        "file": name,
        "provenance": provenance,
        "dwellings": int(sum(r[2] for r in per_dwelling)),
        "ids": [str(r[1]) for r in per_dwelling],
    }


def _agree(
    at: AppTest, served: dict, village: str, dwellings: int, stock: str | tuple[str, ...]
) -> dict:
    """The page, the file name, the provenance and the dwellings of the export all name
    ``village`` with ``dwellings`` dwellings from ``stock`` (a buurt code, several taken
    together, or a file name)."""
    shown = _shown(at)
    assert shown == (village, dwellings), f"the Dorp page shows {shown}"
    assert village in at.sidebar.markdown[-1].value  # the sidebar's note of the village
    out = _export(at, served)
    assert out["file"] == f"{_slug(village)}_results.xlsx", out["file"]
    prov = out["provenance"]
    assert prov["village"] == village, prov
    assert out["dwellings"] == dwellings, (out["dwellings"], dwellings)
    if isinstance(stock, tuple):
        assert prov["stock.buurt_codes"] == " + ".join(stock), prov
        assert {i[:10] for i in out["ids"]} == set(stock)  # dwellings of every buurt, no other
    elif stock.startswith("BU"):
        assert prov["stock.buurt_code"] == stock, prov
        assert all(i.startswith(stock) for i in out["ids"])
    else:
        assert prov["stock.file"] == stock and "stock.buurt_code" not in prov, prov
    return out


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _choose_buurt(at: AppTest, query: str, code: str) -> None:
    at.switch_page("app_pages/dorp.py").run()
    at.radio(key="dorp_source.nl").set_value("buurt").run()
    at.text_input(key="buurt_query").set_value(query).run()
    at.selectbox(key="buurt_pick.nl").set_value(code).run()
    _button(at, "Gebruik dit dorp").click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_choose_reset_open_a_scenario_upload_and_switch_back(served):
    at = AppTest.from_file(APP, default_timeout=180).run()
    _agree(at, served, "Aalden", 758, "BU01095059")

    # choose Diever, then move an assumption and go back to the defaults on Scenario's
    _choose_buurt(at, "Diever", "BU17010000")
    _agree(at, served, "Diever", 1054, "BU17010000")
    at.switch_page("app_pages/scenarios.py").run()
    _button(at, "Terug naar standaard").click().run()
    assert not at.exception, [e.message for e in at.exception]
    _agree(at, served, "Diever", 1054, "BU17010000")

    # a scenario file made for another village changes the assumptions, not the dwellings
    other = wm.apply_settings(
        wm.load_scenario(),
        {"village.name": "Brinkkwartier", "village.buurt_code": "BU01060000"},
        origin="app",
    )
    at.switch_page("app_pages/scenarios.py").run()
    at.file_uploader(key="yaml_upload").set_value(
        ("brink.yaml", wio.dump_scenario(other).encode(), "application/x-yaml")
    ).run()
    assert not at.exception, [e.message for e in at.exception]
    _agree(at, served, "Diever", 1054, "BU17010000")

    # an uploaded dwelling file: 7 dwellings in 3 rows
    at.switch_page("app_pages/dorp.py").run()
    at.radio(key="dorp_source.nl").set_value("upload").run()
    at.file_uploader(key="stock_upload").set_value(("ons_dorp.csv", UPLOAD, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    _agree(at, served, "ons_dorp.csv", 7, "ons_dorp.csv")

    # and back to a packaged village
    _choose_buurt(at, "Aalden", "BU01095059")
    _agree(at, served, "Aalden", 758, "BU01095059")


def test_a_village_of_several_buurten_is_one_village_everywhere(served):
    """Dwingeloo as its residents spell it: the whole village (five CBS buurten, the core
    spelled 'Dwingelo') synthesised together; then two buurten combined under a name of the
    user's. Every page and export names the village and holds all its dwellings."""
    at = AppTest.from_file(APP, default_timeout=180).run()
    _choose_buurt(at, "Dwingeloo", "BU170103")
    whole = ("BU17010300", "BU17010301", "BU17010302", "BU17010303", "BU17010309")
    _agree(at, served, "Dwingeloo", 1155 + 48 + 16 + 15 + 50, whole)
    for page in ("mijn_huis", "scenarios", "plan", "onzekerheid", "cooperatie"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, [e.message for e in at.exception])
        assert "Dwingeloo" in at.sidebar.markdown[-1].value

    at.switch_page("app_pages/dorp.py").run()
    at.multiselect(key="combine_pick.nl").set_value(["BU17010000", "BU17010009"]).run()
    at.text_input(key="combine_name").set_value("Diever e.o.").run()
    at.button(key="combine_use").click().run()
    assert not at.exception, [e.message for e in at.exception]
    _agree(at, served, "Diever e.o.", 1054 + 159, ("BU17010000", "BU17010009"))


def test_the_export_holds_the_weighing_the_village_set(served):
    """Issue 25, item 6: the adviser's workbook carries the indicators and the ranking with the
    weights used: equal weights before Afwegen is visited, the village's own after it."""
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("app_pages/export.py").run()
    _, data = _download(at, served, "dl_xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert {"criteria", "criteria_ranking", "criteria_weights"} <= set(book.sheetnames)
    rows = list(book["criteria_weights"].iter_rows(min_row=1, values_only=True))
    used = {r[0]: r[2] for r in rows[1:]}  # criterion, label, the weight used
    weighed = [w for w in used.values() if w > 0]
    assert weighed and max(weighed) == pytest.approx(min(weighed))  # equal weights

    at.switch_page("app_pages/afwegen.py").run()
    [slider] = [s for s in at.get("select_slider") if s.label.startswith("Woonlasten")]
    slider.set_value(5.0).run()  # the monthly costs five times as heavy as each of the others
    assert not at.exception, [e.message for e in at.exception]
    first = str(at.table[0].value.iloc[0, 1])
    at.switch_page("app_pages/export.py").run()
    _, data = _download(at, served, "dl_xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    rows = list(book["criteria_weights"].iter_rows(min_row=1, values_only=True))
    used = {r[0]: r[2] for r in rows[1:]}  # criterion, label, the weight used
    others = [w for c, w in used.items() if c != "monthly_cost_change_avg_eur" and w > 0]
    n = len(others) + 1
    assert used["monthly_cost_change_avg_eur"] == pytest.approx(5 / (5 + n - 1))  # 5 against 1 each
    assert all(w == pytest.approx(1 / (5 + n - 1)) for w in others)
    ranking = list(book["criteria_ranking"].iter_rows(min_row=2, values_only=True))
    assert first == "Hybride warmtepomp"  # the page's first under these weights ...
    assert ranking[0][0] == "hybrid"  # ... is the workbook's first


def test_the_wijkuitvoeringsplan_is_of_the_village_on_screen(served):
    """The Export page's document (issue 26) names the village shown, holds its dwellings and
    never carries a plan made on the Plan page for another village."""
    import docx

    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("app_pages/plan.py").run()
    at.button[0].click().run()  # a plan for Aalden
    assert not at.exception, [e.message for e in at.exception]
    _choose_buurt(at, "Diever", "BU17010000")
    at.switch_page("app_pages/export.py").run()
    assert not at.exception, [e.message for e in at.exception]
    name, data = _download(at, served, "dl_wup_docx")
    assert name == "diever_wijkuitvoeringsplan.docx"
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ")
    assert document.paragraphs[0].text == "Wijkuitvoeringsplan Diever"
    assert "Diever telt 1.054 woningen" in text
    assert not re.search(r"\b758 woningen", text)  # nothing of Aalden's plan
