"""The app's strings of the hours (issue 21), Dutch and English (data only): one house's winter
and summer day, a home battery's worth, the village on the coldest day. Read through
:data:`wupmodel.app.strings.APP_STRINGS`."""

from __future__ import annotations

HOURS_STRINGS: dict[str, dict[str, str]] = {
    "hours_title": {"nl": "Een winterdag en een zomerdag", "en": "A winter day and a summer day"},
    "hours_intro": {
        "nl": (
            "Uur voor uur op de koudste en de zonnigste dag van het jaar: wat het huis"
            " gebruikt, wat de zonnepanelen opwekken, wat de thuisbatterij opslaat of teruggeeft"
            " en wat het net levert (positief) of terugkrijgt (negatief)."
        ),
        "en": (
            "Hour by hour on the coldest and the sunniest day of the year: what the house uses,"
            " what the solar panels make, what the home battery stores or gives back, and what"
            " the grid delivers (positive) or takes back (negative)."
        ),
    },
    "hours_strategy": {"nl": "Bij welke keuze", "en": "Under which choice"},
    "day_winter": {"nl": "winter", "en": "winter"},
    "day_summer": {"nl": "zomer", "en": "summer"},
    "hours_demand": {"nl": "Verbruik", "en": "Use"},
    "hours_pv": {"nl": "Zonnepanelen", "en": "Solar panels"},
    "hours_grid": {"nl": "Net (+ afname, − teruglevering)", "en": "Grid (+ import, − export)"},
    "hours_battery": {
        "nl": "Thuisbatterij (+ geeft, − laadt)",
        "en": "Battery (+ gives, − charges)",
    },
    "hours_capacity": {"nl": "Capaciteit van het net", "en": "Grid capacity"},
    "axis_hour_utc": {"nl": "uur (UTC)", "en": "hour (UTC)"},
    "fig_house_days": {
        "nl": "Dit huis op een winterdag en een zomerdag",
        "en": "This house on a winter day and a summer day",
    },
    "battery_title": {
        "nl": "Wat is een thuisbatterij waard?",
        "en": "What is a home battery worth?",
    },
    "battery_cost": {"nl": "Batterij", "en": "Battery"},
    "battery_before": {"nl": "Besparing nu, per jaar", "en": "Saving now, per year"},
    "battery_after": {"nl": "Besparing vanaf", "en": "Saving from"},
    "battery_per_year": {"nl": "per jaar", "en": "per year"},
    "battery_saving_note": {
        "nl": (
            "Besparing: de energierekening met zonnepanelen min die met zonnepanelen én"
            " batterij, in het eerste jaar van het scenario en in het eerste jaar zonder"
            " salderen."
        ),
        "en": (
            "Saving: the energy bill with solar panels minus the bill with panels and the"
            " battery, in the scenario's first year and in the first year without net metering."
        ),
    },
    "battery_payback": {"nl": "Terugverdientijd", "en": "Payback time"},
    "battery_years": {"nl": "jaar", "en": "years"},
    "battery_never": {"nl": "nooit", "en": "never"},
    "battery_note": {
        "nl": (
            "Met salderen is een kWh die u teruglevert evenveel waard als een kWh die u afneemt;"
            " een batterij levert dan niets op (alleen verlies). Vanaf 2027 krijgt u voor"
            " teruglevering alleen de terugleververgoeding, en is elke kWh die u zelf gebruikt"
            " het stroomtarief waard. Een batterij gaat ongeveer {life:.0f} jaar mee."
        ),
        "en": (
            "With net metering a kWh you export is worth as much as a kWh you import; a battery"
            " then earns nothing (only its losses). From 2027 export earns only the feed-in"
            " compensation, and every kWh you use yourself is worth the electricity price. A"
            " battery lasts about {life:.0f} years."
        ),
    },
    "battery_no_roof": {
        "nl": (
            "Dit huis heeft geen dak voor zonnepanelen in het model; een batterij heeft dan geen"
            " zin."
        ),
        "en": (
            "This house has no roof for solar panels in the model; a battery makes no sense then."
        ),
    },
    "coldest_title": {
        "nl": "De koudste dag en het stroomnet",
        "en": "The coldest day and the grid",
    },
    "coldest_intro": {
        "nl": (
            "Het stroomgebruik van het hele dorp, uur voor uur, op de koudste dag van het"
            " ontwerpjaar {year} (tot {tmin:.0f} °C), bij elke keuze; de stippellijn is wat het"
            " net nu aankan. Waar de lijn erboven komt, moet het net verzwaard worden of komt er"
            " een buurtbatterij."
        ),
        "en": (
            "The whole village's electricity use, hour by hour, on the coldest day of the design"
            " year {year} (down to {tmin:.0f} °C), under each choice; the dashed line is what the"
            " grid carries now. Where a line goes above it, the grid must be reinforced or a"
            " neighbourhood battery placed."
        ),
    },
    "coldest_winter": {"nl": "Welke winter?", "en": "Which winter?"},
    "coldest_design": {
        "nl": "Een gewone winter ({year})",
        "en": "An ordinary winter ({year})",
    },
    "coldest_cold": {
        "nl": "Een strenge winter ({year})",
        "en": "A severe winter ({year})",
    },
    "coldest_intro_cold": {
        "nl": (
            "Het stroomgebruik van het hele dorp, uur voor uur, op de koudste dag van de strenge"
            " winter van {year} (tot {tmin:.0f} °C), bij elke keuze; de stippellijn is wat het"
            " net nu aankan. Het model ontwerpt het net op een gewone winter ({design}), zoals"
            " metingen bij warmtepompen laten zien; zo'n strenge winter komt eens in de tientallen"
            " jaren. Waar een lijn hier boven de stippellijn komt, kan de netbeheerder toch"
            " verzwaren, of helpt een buurtbatterij."
        ),
        "en": (
            "The whole village's electricity use, hour by hour, on the coldest day of the severe"
            " winter of {year} (down to {tmin:.0f} °C), under each choice; the dashed line is what"
            " the grid carries now. The model sizes the grid on an ordinary winter ({design}), as"
            " measurements of heat pumps show it; such a severe winter comes once in decades."
            " Where a line goes above the dashed line here, the grid operator may still"
            " reinforce, or a neighbourhood battery helps."
        ),
    },
    "fig_coldest_day": {"nl": "Het dorp op de koudste dag", "en": "The village on the coldest day"},
}
