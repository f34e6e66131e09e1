"""The residents' sources in words hold issue 20's figures and say what is carried forward.

A figure of ``data/policy_by_year.csv`` that was not published for its year is carried forward
and marked; the app's sources in words (``data/source_words.csv``) must say so, never silently.
"""

from __future__ import annotations

import pytest

import wupmodel.app as wa
from wupmodel.params import packaged_table

#: policy series (prefixes) -> the source in words that covers them
COVERS = {
    ("gas_tax_", "elec_tax_", "tax_credit_"): "energy_tax",
    ("isde_",): "isde",
    ("acm_heat_", "heat_connection_fee_"): "heat_tariff",
}
MARK = {"nl": "doorgetrokken", "en": "carried forward"}


def _line(key: str, lang: str) -> str:
    return wa.source_lines([key], lang)[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_carried_forward_policy_figure_is_marked_in_the_words(lang):
    policy = packaged_table("policy_by_year")
    carried = policy[policy["carried_forward"].astype(str).str.lower() == "true"]
    assert len(carried), "issue 20: the 2027 tax figures were not found and are carried forward"
    for series in sorted(set(carried["series"])):
        keys = [k for prefixes, k in COVERS.items() if str(series).startswith(prefixes)]
        assert keys, f"no source in words covers the carried-forward series {series}"
        assert MARK[lang] in _line(keys[0], lang), (series, keys[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_source_whose_figures_are_all_published_carries_no_mark(lang):
    for key in ("feed_in", "warmtefonds", "costs"):
        assert MARK[lang] not in _line(key, lang), key


def test_issue_20_sources_in_words():
    # the heat networks' CO2 is their own source's, not ISSO 82's forfait per GJ
    co2 = _line("co2_factors", "nl")
    assert "warmtebron" in co2 and "piekketels" in co2
    # the household's heat tariff is cost-based under the Wet collectieve warmte from 2027
    assert "Wet collectieve warmte" in _line("heat_tariff", "nl")
    # the feed-in floor of the Wet beeindiging salderingsregeling (Kamerstuk 36611): at least
    # half the bare supply price to 2030
    feed_in = _line("feed_in", "nl")
    assert "1 januari 2027" in feed_in and "helft" in feed_in and "2030" in feed_in
    # ETS2 from 2028 on the Commission's central path (60 EUR/t in 2030)
    assert "ETS2" in _line("co2_price", "nl") and "2028" in _line("co2_price", "nl")
    for page in ("mijn_huis", "scenarios"):
        assert "feed_in" in wa.PAGE_SOURCES[page]
    assert "co2_factors" in wa.PAGE_SOURCES["cooperatie"]


def test_the_co2_price_words_match_the_packaged_central_path():
    paths = packaged_table("price_paths")
    central = paths[paths["series"] == "co2_price_ets2_central_eur_t"].set_index("year")["value"]
    assert central.loc[2028] == pytest.approx(50.0) and central.loc[2030] == pytest.approx(60.0)
    line = _line("co2_price", "nl")
    assert "50 euro per ton in 2028" in line and "60 in 2030" in line
