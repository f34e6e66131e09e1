"""The old one-page app's figure, kept as a unit test of strategy_bars (the pages are tested in
tests/app/)."""

from __future__ import annotations

import pandas as pd

from wupmodel.app import strategy_bars
from wupmodel.params import default_params, packaged_table
from wupmodel.village import strategies_from_table


def test_strategy_bars_figure():
    strategies = strategies_from_table(packaged_table("strategies"))
    summary = pd.DataFrame(
        {
            "label_nl": [s.label_nl for s in strategies],
            "label_en": [s.label_en for s in strategies],
            "co2_t": range(len(strategies)),
        }
    )
    fig = strategy_bars(summary, "co2_t", "CO2", "en")
    assert list(fig.data[0].y) == [s.label_en for s in strategies]
    assert list(fig.data[0].x) == list(range(len(strategies)))
    assert list(fig.data[0].text) == [
        str(i) for i in range(len(strategies))
    ]  # a value label on every bar
    assert default_params()  # the app's parameters load
