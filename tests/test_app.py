"""The Streamlit app renders (Dutch by default, English on the switch) without exceptions."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from wupmodel.params import default_params, packaged_table
from wupmodel.report.plots import strategy_bars
from wupmodel.village import strategies_from_table

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_app_renders_in_dutch_and_english():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "Dorpsenergieplan" in at.title[0].value
    at.sidebar.radio[0].set_value("en").run()
    assert not at.exception
    assert "Village energy plan" in at.title[0].value


def test_strategy_bars_figure():
    import pandas as pd

    strategies = strategies_from_table(packaged_table("strategies"))
    summary = pd.DataFrame(
        {"label_nl": [s.label_nl for s in strategies], "label_en": [s.label_en for s in strategies],
         "co2_t": range(len(strategies))}
    )
    fig = strategy_bars(summary, "co2_t", "CO2", "en")
    assert list(fig.data[0].y) == [s.label_en for s in strategies]
    assert list(fig.data[0].x) == list(range(len(strategies)))
    assert default_params()  # the app's parameters load
