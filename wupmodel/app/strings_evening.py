"""The village evening's strings, Dutch and English (data only; merged into
:data:`wupmodel.app.strings.APP_STRINGS`): finding and combining a village, the answer per house
in words, the sources in words, the projector mode and the handouts."""

from __future__ import annotations

EVENING_STRINGS: dict[str, dict[str, str]] = {
    # finding and combining a village; a scenario opened for another village
    "whole_village": {
        "nl": "{name} en omgeving ({gemeente}) · hele dorp: {n} buurten · {dwellings} woningen",
        "en": "{name} and surroundings ({gemeente}) · whole village: {n} buurten · {dwellings}"
        " dwellings",
    },
    "combine_title": {
        "nl": "Meerdere buurten samen als één dorp",
        "en": "Several buurten together as one village",
    },
    "combine_intro": {
        "nl": (
            "Kies twee of meer buurten en geef het dorp een naam. De woningen van elke buurt"
            " worden samengesteld en samen doorgerekend, op elke pagina en in elke export."
        ),
        "en": (
            "Pick two or more buurten and name the village. Each buurt's dwellings are put"
            " together and computed as one village, on every page and in every export."
        ),
    },
    "combine_pick": {"nl": "Buurten", "en": "Buurten"},
    "combine_name": {"nl": "Naam van het dorp", "en": "Name of the village"},
    "combine_use": {"nl": "Gebruik deze buurten samen", "en": "Use these buurten together"},
    "yaml_other_village": {
        "nl": (
            "Dit scenario is gemaakt voor {other}. De aannames gelden nu voor {here}, het dorp dat"
            " u op de pagina Dorp koos."
        ),
        "en": (
            "This scenario was made for {other}. Its assumptions now apply to {here}, the village"
            " chosen on the Village page."
        ),
    },
    "yaml_use_village": {"nl": "Kies ook {other} als dorp", "en": "Also choose {other} as village"},
}
