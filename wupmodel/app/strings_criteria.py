"""The app's strings for weighing (issue 25): the page Afwegen and well-being on Mijn huis, Dutch
and English (data only; :data:`wupmodel.app.strings.APP_STRINGS` takes them in).

Sentences with ``{x}`` are filled by :mod:`wupmodel.app.criteria_view` and
:mod:`wupmodel.app.house_criteria` with Dutch or English number formats.
"""

from __future__ import annotations

CRITERIA_STRINGS: dict[str, dict[str, str]] = {
    # Afwegen
    "page_afwegen": {"nl": "Afwegen", "en": "Weigh"},
    "afw_title": {"nl": "Afwegen", "en": "Weigh the options"},
    "afw_intro": {
        "nl": (
            "Geld en CO2 zijn niet alles. Hoe zwaar wegen comfort, geluid bij de buren, hitte in"
            " de zomer, het gedoe van de verbouwing en ruimte voor groene daken? Zet de"
            " schuifjes zoals het dorp het ziet: de rangorde van de strategieën volgt direct."
        ),
        "en": (
            "Money and CO2 are not everything. How much do comfort, noise for the neighbours,"
            " summer heat, the upheaval of the works and room for green roofs weigh? Set the"
            " sliders as the village sees it: the ranking of the strategies follows at once."
        ),
    },
    "afw_preset": {"nl": "Begin met de weging van", "en": "Start from the weights of"},
    "afw_preset_help": {
        "nl": "Voorbeeldwegingen per groep, geen enquête: het dorp kiest zijn eigen.",
        "en": "Example weights per group, not a survey: the village chooses its own.",
    },
    "afw_method": {"nl": "Rekenwijze", "en": "Method"},
    "afw_topsis": {"nl": "TOPSIS (dichtst bij het ideaal)", "en": "TOPSIS (closest to ideal)"},
    "afw_weighted": {"nl": "Gewogen som", "en": "Weighted sum"},
    "afw_weights": {"nl": "Hoe zwaar weegt het?", "en": "How much does it weigh?"},
    "afw_weights_help": {
        "nl": "0 = telt niet mee, 5 = weegt heel zwaar. Alleen de verhouding telt.",
        "en": "0 = does not count, 5 = weighs very heavily. Only the ratios count.",
    },
    "afw_risk": {
        "nl": "Ook: kans op meer betalen",
        "en": "Also: chance of paying more",
    },
    "afw_risk_help": {
        "nl": (
            "Rekent eenmalig een onzekerheidsanalyse (64 trekkingen van de prijzen in"
            " scenarios/uncertainty.yaml): hoe vaak gaat een huishouden meer betalen?"
        ),
        "en": (
            "Runs an uncertainty analysis once (64 draws of the prices in"
            " scenarios/uncertainty.yaml): how often does a household end up paying more?"
        ),
    },
    "afw_ranking": {"nl": "Rangorde", "en": "Ranking"},
    "afw_place": {"nl": "Plaats", "en": "Place"},
    "afw_score": {"nl": "Score (0-1)", "en": "Score (0-1)"},
    "afw_first_in": {
        "nl": "Eerste bij % van alle wegingen",
        "en": "First in % of all weightings",
    },
    "afw_best": {
        "nl": "Met deze weging komt {x} als beste uit de bus.",
        "en": "With these weights {x} comes out best.",
    },
    "afw_radar": {
        "nl": "Score per punt (1 = beste, 0 = minste)",
        "en": "Score per criterion (1 = best, 0 = least)",
    },
    "afw_robust": {
        "nl": "Hoe vaak eerste bij willekeurige wegingen",
        "en": "How often first under random weights",
    },
    "afw_robust_note": {
        "nl": (
            "Stel dat we {n} keer willekeurig schuiven: zo vaak staat elke strategie bovenaan."
            " Staat één strategie bijna altijd bovenaan, dan hangt de keuze weinig af van de"
            " weging."
        ),
        "en": (
            "Suppose we moved the sliders at random {n} times: this is how often each strategy"
            " comes first. If one is nearly always first, the choice hardly depends on the"
            " weights."
        ),
    },
    "afw_share_first": {"nl": "Aandeel eerste plaatsen", "en": "Share of first places"},
    "afw_groups": {"nl": "Zo zien de groepen het", "en": "How the groups see it"},
    "afw_groups_note": {
        "nl": "Plaats per groep met de voorbeeldweging van die groep (1 = beste).",
        "en": "Place per group with that group's example weights (1 = best).",
    },
    "afw_yours": {"nl": "Uw weging", "en": "Your weights"},
    "afw_table": {"nl": "Alle indicatoren per strategie", "en": "Every indicator per strategy"},
    "afw_indicator": {"nl": "Indicator", "en": "Indicator"},
    "afw_notes": {"nl": "Opmerkingen", "en": "Notes"},
    "afw_no_risk": {
        "nl": (
            "De kans op hogere woonlasten telt nu niet mee: die vraagt een onzekerheidsanalyse"
            " (vink hierboven aan)."
        ),
        "en": (
            "The chance of higher housing costs does not count now: it needs an uncertainty"
            " analysis (tick the box above)."
        ),
    },
    "group_equal": {"nl": "Alles gelijk", "en": "All equal"},
    "group_residents": {"nl": "Bewoners", "en": "Residents"},
    "group_tenants": {"nl": "Huurders", "en": "Tenants"},
    "group_corporation": {"nl": "Corporatie", "en": "Corporation"},
    "group_municipality": {"nl": "Gemeente", "en": "Municipality"},
    # Mijn huis: well-being beside the money
    "mh_wellbeing": {
        "nl": "Comfort, geluid, zomer en verbouwing",
        "en": "Comfort, noise, summer and the works",
    },
    "mh_wellbeing_note": {
        "nl": (
            "Naast het geld: hoe het huis in de winter en de zomer aanvoelt, wat de buren van"
            " de buitenunit horen (de grens is 40 dB(A) 's nachts op de erfgrens), en hoeveel"
            " werk het in huis geeft. Schattingen voor een gemiddeld huis van dit type."
        ),
        "en": (
            "Beside the money: how the house feels in winter and summer, what the neighbours"
            " hear of the outdoor unit (the limit is 40 dB(A) at night at the plot boundary),"
            " and how much work it brings into the house. Estimates for an average house of"
            " this type."
        ),
    },
    "wb_winter": {"nl": "Winter", "en": "Winter"},
    "wb_noise": {"nl": "Geluid bij de buren", "en": "Noise for the neighbours"},
    "wb_summer": {"nl": "Zomer", "en": "Summer"},
    "wb_works": {"nl": "Verbouwing", "en": "The works"},
    "wb_winter_text": {
        "nl": "Wanden en ramen {x} °C kouder dan de kamer (nu {now} °C); tocht: {draught}",
        "en": "Walls and windows {x} °C colder than the room (now {now} °C); draught: {draught}",
    },
    "wb_draught_less": {"nl": "minder dan nu", "en": "less than now"},
    "wb_draught_same": {"nl": "zoals nu", "en": "as now"},
    "wb_damp": {"nl": "; let op vocht en schimmel", "en": "; watch out for damp and mould"},
    "wb_no_unit": {"nl": "Geen buitenunit", "en": "No outdoor unit"},
    "wb_noise_ok": {
        "nl": "Buitenunit: {x} dB(A) bij de buren, binnen de grens",
        "en": "Outdoor unit: {x} dB(A) at the neighbours, within the limit",
    },
    "wb_noise_screen": {
        "nl": "Buitenunit: {x} dB(A) bij de buren; met een geluidsscherm binnen de grens",
        "en": "Outdoor unit: {x} dB(A) at the neighbours; within the limit with a screen",
    },
    "wb_noise_move": {
        "nl": "Buitenunit: {x} dB(A) bij de buren; ook met scherm te luid: andere plek nodig",
        "en": "Outdoor unit: {x} dB(A) at the neighbours; too loud even with a screen: move it",
    },
    "wb_summer_cool": {
        "nl": "Kan koelen: ook bij hitte niet te warm",
        "en": "Can cool: not too warm even in a heat wave",
    },
    "wb_summer_warm": {
        "nl": "Warmer dan nu in de zomer (TOjuli {x}, nu {now}; grens {limit})",
        "en": "Warmer than now in summer (TOjuli {x}, now {now}; limit {limit})",
    },
    "wb_summer_same": {
        "nl": "Zoals nu in de zomer (TOjuli {x}; grens {limit})",
        "en": "As now in summer (TOjuli {x}; limit {limit})",
    },
    "wb_summer_cooler": {
        "nl": "Koeler dan nu in de zomer (TOjuli {x}, nu {now}; grens {limit})",
        "en": "Cooler than now in summer (TOjuli {x}, now {now}; limit {limit})",
    },
    "wb_works_none": {"nl": "Geen werk in huis", "en": "No work in the house"},
    "wb_works_stay": {
        "nl": "Ongeveer {x} {days} werk in huis; u kunt blijven wonen",
        "en": "About {x} {days} of work in the house; you can stay",
    },
    "wb_works_leave": {
        "nl": "Ongeveer {x} {days} werk in huis; een deel van de tijd elders wonen",
        "en": "About {x} {days} of work in the house; live elsewhere for part of it",
    },
    "wb_day": {"nl": "dag", "en": "day"},
    "wb_days": {"nl": "dagen", "en": "days"},
}
