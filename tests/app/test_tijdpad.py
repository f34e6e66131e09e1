"""The Tijdpad page (AppTest through the router): it renders in Dutch and English with the
zones × years chart and the switches per year, the installer capacity moves the plan, and
Mijn huis says in which year a picked home switches."""

from __future__ import annotations

import pytest

from .test_pages import charts, on, snake_case

TITLE = {"nl": "Tijdpad: wie stapt wanneer over", "en": "Time path: who switches when"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tijdpad_renders_in_both_languages(lang):
    at = on("tijdpad", lang)
    assert at.title[0].value == TITLE[lang]
    figs = charts(at)
    titles = [f["layout"]["meta"]["title"] for f in figs]  # as written, before wrapping
    expected = (
        ("Zones en jaren", "Overstappen per jaar")
        if lang == "nl"
        else (
            "Zones and years",
            "Switches per year",
        )
    )
    assert list(expected) == titles
    assert not snake_case(at), snake_case(at)
    # the heat network of 'kern' and the LV zones are rows of the zones x years chart, named as
    # the village knows them (the village core, a part of the grid)
    rows = {y for trace in figs[0]["data"] for y in trace.get("y", [])}
    assert ("Dorpskern" if lang == "nl" else "Village core") in rows


def test_tijdpad_capacity_moves_the_plan():
    at = on("tijdpad")
    before = [m.value for m in at.metric]
    at.slider(key="tp_cap").set_value(25).run()
    assert not at.exception
    after = [m.value for m in at.metric]
    assert before[0] != after[0]  # the plan's cost moves with what installers can do


def test_mijn_huis_says_when_a_picked_home_switches():
    at = on("mijn_huis")
    at.radio(key="h_mode.nl").set_value("pick").run()
    assert not at.exception
    said = [i.value for i in at.info]
    assert any("Volgens het tijdpad van het dorp" in s for s in said), said
