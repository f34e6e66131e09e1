"""The Tijdpad (time path) page's strings, Dutch and English (data; merged into the app's
strings by :mod:`wupmodel.app.i18n`; :mod:`wupmodel.app.strings` is at its size limit)."""

from __future__ import annotations

PHASING_STRINGS: dict[str, dict[str, str]] = {
    "page_tijdpad": {"nl": "Tijdpad", "en": "Time path"},
    "tp_title": {"nl": "Tijdpad: wie stapt wanneer over", "en": "Time path: who switches when"},
    "tp_intro": {
        "nl": "Het plan jaar voor jaar, 2026 tot 2050: welke woningen wanneer van het gas "
        "afgaan (bij voorkeur als de cv-ketel toch aan vervanging toe is), wanneer een "
        "warmtenet komt en het elektriciteitsnet wordt verzwaard, binnen wat installateurs "
        "per jaar aankunnen en op weg naar de CO2-doelen. Schuif en zie de jaren verschuiven.",
        "en": "The plan year by year, 2026 to 2050: which homes leave gas when (preferably "
        "when their boiler is due anyway), when a heat network comes and the grid is "
        "reinforced, within what installers can do a year and on the way to the CO2 "
        "milestones. Move the sliders and see the years shift.",
    },
    "tp_capacity": {
        "nl": "Installateurs: warmtepompen per jaar",
        "en": "Installers: heat pumps a year",
    },
    "tp_budget": {
        "nl": "Jaarbudget dorpsfonds (k€ per jaar, 0 = geen grens)",
        "en": "Yearly village budget (k€ a year, 0 = no limit)",
    },
    "tp_co2": {"nl": "CO₂ minder dan nu in", "en": "Less CO₂ than now by"},
    "tp_step": {
        "nl": "Per jaar rekenen (preciezer, langzamer)",
        "en": "Every year (finer, slower)",
    },
    "tp_running": {"nl": "Het tijdpad wordt berekend …", "en": "Working out the time path …"},
    "tp_cost": {"nl": "Kosten plan (contant)", "en": "Plan's cost (discounted)"},
    "tp_extra": {"nl": "Meer dan gas houden", "en": "Above keeping gas"},
    "tp_co2_2050": {"nl": "CO₂ minder in 2050", "en": "Less CO₂ in 2050"},
    "tp_infeasible": {
        "nl": "Zo lukt het niet: geen plan haalt dit CO2-pad.",
        "en": "Not like this: no plan reaches this CO2 path.",
    },
    "tp_best": {
        "nl": "Wat wel lukt: {path}. Wat knelt: {why}",
        "en": "What can be reached: {path}. What binds: {why}",
    },
    "tp_gantt": {"nl": "Per zone: warmtenet, verzwaring, van het gas", "en": "Per zone"},
    "tp_bars": {"nl": "Overstappen per jaar", "en": "Switches per year"},
    "tp_table": {"nl": "Jaar voor jaar", "en": "Year by year"},
    "tp_col_co2": {"nl": "CO₂ minder dan nu (%)", "en": "Less CO₂ than now (%)"},
    "tp_col_capex": {"nl": "Investering (k€)", "en": "Investment (k€)"},
    "tp_binds": {"nl": "Wat knelt", "en": "What binds"},
    "gantt_network": {"nl": "Warmtenet", "en": "Heat network"},
    "gantt_reinforced": {"nl": "Net verzwaard", "en": "Grid reinforced"},
    "gantt_gas_off": {"nl": "Gas eraf", "en": "Gas off"},
    "gantt_works": {"nl": "Werk in de straat", "en": "Street works"},
    "axis_year": {"nl": "jaar", "en": "year"},
    "axis_switches": {"nl": "woningen", "en": "homes"},
    "fig_gantt": {"nl": "Zones en jaren", "en": "Zones and years"},
    "fig_years": {"nl": "Overstappen per jaar", "en": "Switches per year"},
    "insulation_only": {"nl": "Alleen isoleren / zonnepanelen", "en": "Insulation / PV only"},
    "huis_when": {
        "nl": "Volgens het tijdpad van het dorp stapt deze woning in {year} over op {option}: "
        "{why}.",
        "en": "In the village's time path this home switches in {year} to {option}: {why}.",
    },
    "huis_when_stays": {
        "nl": "Volgens het tijdpad van het dorp houdt deze woning voorlopig een cv-ketel "
        "(vervangen als die aan de beurt is).",
        "en": "In the village's time path this home keeps a gas boiler for now (replaced "
        "when it is due).",
    },
    "huis_when_pick": {
        "nl": "Kies een woning uit het dorp om te zien in welk jaar die overstapt.",
        "en": "Pick a home of the village to see the year it switches.",
    },
    "reason_boiler_due": {
        "nl": "de cv-ketel is dan aan vervanging toe",
        "en": "its boiler is due that year",
    },
    "reason_heat_network": {
        "nl": "dan komt het warmtenet in de buurt",
        "en": "the heat network comes to its zone that year",
    },
    "reason_pays_for_itself": {
        "nl": "dan verdient de overstap zichzelf terug",
        "en": "the switch pays for itself from then",
    },
    "reason_co2_path": {
        "nl": "het dorp heeft het dan nodig voor het CO2-doel",
        "en": "the village needs it by then for its CO2 path",
    },
    "reason_stays": {"nl": "houdt gas", "en": "keeps gas"},
    "limit_heat_pumps": {
        "nl": "wat installateurs per jaar aan warmtepompen kunnen plaatsen",
        "en": "the heat pumps installers can fit a year",
    },
    "limit_insulation": {
        "nl": "wat isoleerders per jaar kunnen doen",
        "en": "the insulation jobs installers can do a year",
    },
    "limit_budget": {"nl": "het jaarbudget", "en": "the yearly budget"},
    "limit_grid": {"nl": "het elektriciteitsnet", "en": "the electricity grid"},
    "limit_notice": {
        "nl": "de aankondigingstermijn voordat het gas uit een buurt gaat",
        "en": "the notice before gas leaves a zone",
    },
    "limit_none": {
        "nl": "geen enkele grens alleen: met de keuzes die er zijn haalt het dorp dit niet op tijd",
        "en": "no single limit: with the options there are the village cannot get there in time",
    },
}
