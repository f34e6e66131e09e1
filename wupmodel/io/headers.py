"""Readable column headers with units, in English or Dutch, and their Excel number formats.

Files speak English by default (``lang="en"``); ``--lang nl`` gives Dutch headers. Every
numeric column gets a unit in its header ("Gas [m3/yr]"); columns without an entry here get
their name with spaces and a unit read from the name's suffix.
"""

from __future__ import annotations

import functools

from wupmodel.params import packaged_table

#: column -> (English, Dutch, unit, Excel number format)
COLUMNS: dict[str, tuple[str, str, str, str]] = {
    "strategy": ("Strategy", "Strategie", "", "@"),
    "label_nl": ("Label (Dutch)", "Omschrijving", "", "@"),
    "label_en": ("Label (English)", "Omschrijving (Engels)", "", "@"),
    "heating": ("Heating", "Verwarming", "", "@"),
    "insulation": ("Insulation", "Isolatie", "", "@"),
    "dwellings": ("Dwellings", "Woningen", "number", "#,##0"),
    "dwellings_feasible": ("Dwellings that change", "Woningen die overstappen", "number", "#,##0"),
    "gas_m3": ("Gas", "Gas", "m3/yr", "#,##0"),
    "electricity_mwh": ("Electricity imported", "Elektriciteit afgenomen", "MWh/yr", "#,##0"),
    "electricity_import_kwh": (
        "Electricity imported",
        "Elektriciteit afgenomen",
        "kWh/yr",
        "#,##0",
    ),
    "pv_mwh": ("PV yield", "Opbrengst zonnepanelen", "MWh/yr", "#,##0"),
    "heat_gj": ("Heat from a network", "Warmte uit een warmtenet", "GJ/yr", "#,##0"),
    "co2_t": ("CO2", "CO2", "t/yr", "#,##0"),
    "co2_kg": ("CO2", "CO2", "kg/yr", "#,##0"),
    "co2_reduction": ("CO2 below the reference", "CO2-reductie t.o.v. referentie", "%", "0.0%"),
    "investment_eur": ("Investment incl. VAT", "Investering incl. btw", "EUR", "#,##0"),
    "investment_per_dwelling_eur": (
        "Investment per dwelling that changes",
        "Investering per overstappende woning",
        "EUR",
        "#,##0",
    ),
    "peak_kw": ("Grid peak after simultaneity", "Netpiek na gelijktijdigheid", "kW", "#,##0"),
    # issue 9: where a strategy's system does not fit at its insulation level, and why
    "dwellings_deeper_insulation": (
        "Dwellings needing deeper insulation",
        "Woningen die verder moeten isoleren",
        "number",
        "#,##0",
    ),
    "share_deeper_insulation": (
        "Share needing deeper insulation",
        "Aandeel dat verder moet isoleren",
        "%",
        "0%",
    ),
    "dwellings_keep_gas": (
        "Dwellings keeping gas (not feasible)",
        "Woningen die op gas blijven (niet haalbaar)",
        "number",
        "#,##0",
    ),
    # issue 20: the gas network for those who keep gas ("last one pays")
    "gas_connections_kept": (
        "Dwellings keeping a gas connection",
        "Woningen die een gasaansluiting houden",
        "number",
        "#,##0",
    ),
    "gas_network_local_eur_per_yr": (
        "Gas network charge per remaining connection, shared in the village (incl. VAT)",
        "Netkosten gas per overblijvende aansluiting, gedeeld in het dorp (incl. btw)",
        "EUR/yr",
        "#,##0",
    ),
    "stayers_extra_eur_per_month": (
        "Extra for those who keep gas (incl. VAT)",
        "Extra voor wie op gas blijft (incl. btw)",
        "EUR/month",
        "#,##0.00",
    ),
    "carried_forward": (
        "Carried forward (not published for the year)",
        "Doorgetrokken (niet gepubliceerd voor het jaar)",
        "yes/no",
        "General",
    ),
    "published_year": (
        "Year of the published figure",
        "Jaar van het gepubliceerde cijfer",
        "year",
        "0",
    ),
    "not_feasible_reasons": (
        "Not feasible at the level: reason and dwellings",
        "Niet haalbaar op het niveau: reden en woningen",
        "",
        "@",
    ),
    "infeasible_reason": ("Why not feasible", "Waarom niet haalbaar", "", "@"),
    "not_feasible_reason": (
        "Why the system does not fit at the strategy's level",
        "Waarom het systeem niet past op het niveau van de strategie",
        "",
        "@",
    ),
    "subsidy_eur": ("Subsidy (ISDE)", "Subsidie (ISDE)", "EUR", "#,##0"),
    "national_extra_eur_per_yr": ("National extra cost", "Nationale meerkosten", "EUR/yr", "#,##0"),
    "collective_eur_per_yr": (
        "of which collective (sources, grid)",
        "waarvan collectief (bronnen, net)",
        "EUR/yr",
        "#,##0",
    ),
    "grid_zones_reinforced": ("Grid zones reinforced", "Netzones verzwaard", "number", "#,##0"),
    "grid_zones_battery": (
        "Grid zones with a neighbourhood battery",
        "Netzones met buurtbatterij",
        "number",
        "#,##0",
    ),
    "substations": ("Substations added", "Extra transformatorstations", "number", "#,##0"),
    "co2_avoided_t_per_yr": (
        "CO2 avoided (horizon average)",
        "Vermeden CO2 (gemiddeld)",
        "t/yr",
        "#,##0",
    ),
    "national_eur_per_t_co2": (
        "National cost per tonne CO2",
        "Nationale kosten per ton CO2",
        "EUR/t",
        "#,##0",
    ),
    "national_eur_per_weq_per_yr": (
        "National extra cost per dwelling",
        "Nationale meerkosten per woning",
        "EUR/WEQ/yr",
        "#,##0",
    ),
    "end_user_extra_eur_per_yr": (
        "End-user extra cost",
        "Meerkosten eindgebruiker",
        "EUR/yr",
        "#,##0",
    ),
    "monthly_cost_change_avg_eur": (
        "Monthly cost change (average)",
        "Verandering woonlasten (gemiddeld)",
        "EUR/month",
        "#,##0",
    ),
    "bill_change_avg_eur": (
        "of which energy bill",
        "waarvan energierekening",
        "EUR/month",
        "#,##0",
    ),
    "loan_avg_eur": ("of which loan repayment", "waarvan aflossing lening", "EUR/month", "#,##0"),
    "own_capital_avg_eur": (
        "of which own money (monthly equivalent)",
        "waarvan eigen geld (maandbedrag)",
        "EUR/month",
        "#,##0",
    ),
    "rent_avg_eur": ("of which rent increase", "waarvan huurverhoging", "EUR/month", "#,##0"),
    "households_paying_more": (
        "Households paying more",
        "Huishoudens die meer betalen",
        "number",
        "#,##0",
    ),
    "share_paying_more": ("Share paying more", "Aandeel dat meer betaalt", "%", "0%"),
    "dwelling_type": ("Dwelling type", "Woningtype", "", "@"),
    "dwelling_id": ("Dwelling id", "Woning-id", "", "@"),
    "count": ("Dwellings", "Woningen", "number", "#,##0"),
    "construction_year": ("Construction year", "Bouwjaar", "year", "0"),
    "floor_area_m2": ("Floor area", "Gebruiksoppervlak", "m2", "#,##0"),
    "energy_label": ("Energy label", "Energielabel", "", "@"),
    "tenure": ("Tenure", "Eigendom", "", "@"),
    "option_id": ("Option", "Optie", "", "@"),
    "capex_eur": ("Investment incl. VAT", "Investering incl. btw", "EUR", "#,##0"),
    "monthly_cost_year1_eur": ("Woonlasten year 1", "Woonlasten jaar 1", "EUR/month", "#,##0"),
    "monthly_cost_change_eur": (
        "Woonlasten change",
        "Verandering woonlasten",
        "EUR/month",
        "#,##0",
    ),
    "bill_year1_eur": ("Energy bill year 1", "Energierekening jaar 1", "EUR/yr", "#,##0"),
    "loan_payment_eur_per_month": ("Loan repayment", "Aflossing lening", "EUR/month", "#,##0"),
    "own_capital_eur_per_month": (
        "Own money, monthly equivalent",
        "Eigen geld, maandbedrag",
        "EUR/month",
        "#,##0",
    ),
    "rent_increase_eur_per_month": ("Rent increase", "Huurverhoging", "EUR/month", "#,##0"),
    "npv_end_user_eur": (
        "NPV for the occupant (+ = better)",
        "Netto contante waarde bewoner (+ = beter)",
        "EUR",
        "#,##0",
    ),
    "national_annual_cost_eur": ("National annual cost", "Nationale jaarkosten", "EUR/yr", "#,##0"),
    "end_user_extra_cost_eur_per_yr": (
        "End-user extra cost",
        "Meerkosten eindgebruiker",
        "EUR/yr",
        "#,##0",
    ),
    "monthly_cost_change_avg": (
        "Monthly cost change (average)",
        "Verandering woonlasten (gemiddeld)",
        "EUR/month",
        "#,##0",
    ),
    "energy_cost_share_of_income": (
        "Energy cost as share of income",
        "Energiekosten als deel van inkomen",
        "%",
        "0.0%",
    ),
    "parameter": ("Parameter", "Parameter", "", "@"),
    "value": ("Value", "Waarde", "see unit", "General"),
    "unit": ("Unit", "Eenheid", "", "@"),
    "default": ("Default", "Standaardwaarde", "see unit", "General"),
    "overridden": ("Overridden", "Aangepast", "yes/no", "General"),
    "origin": ("Set by", "Ingesteld door", "", "@"),
    "min": ("Allowed minimum", "Minimum", "see unit", "General"),
    "max": ("Allowed maximum", "Maximum", "see unit", "General"),
    "description": ("Description", "Omschrijving", "", "@"),
    "source": ("Source", "Bron", "", "@"),
    "year": ("Year", "Jaar", "year", "0"),
    "series": ("Series (name under prices:)", "Reeks (naam onder prices:)", "", "@"),
    "feeds": ("Feeds", "Gebruikt in", "", "@"),
    "built_from": ("Built from", "Opgebouwd uit", "", "@"),
    "key": ("Scenario key", "Scenariosleutel", "", "@"),
    "item": ("Item", "Onderdeel", "", "@"),
    # the criteria sheets (wupmodel.criteria, CriteriaResult.tables)
    "indicator": ("Indicator", "Indicator", "", "@"),
    "criterion": ("Criterion", "Criterium", "", "@"),
    "label": ("Label", "Omschrijving", "", "@"),
    "direction": ("Better when", "Beter als", "", "@"),
    "weighed": ("Weighed", "Meegewogen", "yes/no", "General"),
    "method": ("Method", "Methode", "", "@"),
    "rank": ("Rank", "Plaats", "", "0"),
    "score": ("Score", "Score", "0-1", "0.000"),
    "robustness": (
        "Share of weightings ranking it first",
        "Aandeel wegingen waarin dit eerst staat",
        "%",
        "0.0%",
    ),
    "weight_used": ("Weight used", "Gebruikt gewicht", "%", "0.0%"),
}

#: Column prefix of the criteria sheets' per-group columns -> (English, Dutch).
_GROUP_PREFIXES = {"rank_": ("Rank", "Plaats"), "weight_": ("Weight", "Gewicht")}
_GROUP_UNITS = {"rank_": ("", "0"), "weight_": ("%", "0.0%")}
#: The packaged stakeholder groups (criteria_weights.csv) in Dutch; others keep their name.
_GROUPS_NL = {
    "equal": "alles gelijk",
    "residents": "bewoners",
    "tenants": "huurders",
    "corporation": "corporatie",
    "municipality": "gemeente",
}

_SUFFIX_UNITS = (
    ("_eur_per_yr", "EUR/yr"),
    ("_eur_per_month", "EUR/month"),
    ("_eur_month", "EUR/month"),
    ("_eur_per_t", "EUR/t"),
    ("_eur", "EUR"),
    ("_kwh", "kWh/yr"),
    ("_mwh", "MWh/yr"),
    ("_m3", "m3/yr"),
    ("_gj", "GJ/yr"),
    ("_kg", "kg/yr"),
    ("_t", "t"),
    ("_kw", "kW"),
    ("_kwp", "kWp"),
    ("_share", "%"),
    ("_years", "yr"),
)


@functools.cache
def _strategy_labels() -> dict[str, tuple[str, str]]:
    """Packaged strategy id -> (English, Dutch) label (``strategies.csv``)."""
    table = packaged_table("strategies")
    return {
        str(row.strategy): (str(row.label_en), str(row.label_nl))
        for row in table.itertuples(index=False)
    }


def _group_column(column: str) -> tuple[str, str] | None:
    """The prefix and group of a criteria sheet's per-group column (``rank_residents``)."""
    for prefix in _GROUP_PREFIXES:
        if column.startswith(prefix) and column not in COLUMNS:
            return prefix, column[len(prefix) :]
    return None


def unit_of(column: str) -> str:
    """The unit of ``column`` ("" for text columns)."""
    if column in COLUMNS:
        return COLUMNS[column][2]
    if (group := _group_column(column)) is not None:
        return _GROUP_UNITS[group[0]][0]
    for suffix, unit in _SUFFIX_UNITS:
        if column.endswith(suffix):
            return unit
    return ""


def header(column: str, lang: str = "en") -> str:
    """The readable header of ``column`` with its unit, e.g. ``"Gas [m3/yr]"``."""
    if column in COLUMNS:
        en, nl, unit, _ = COLUMNS[column]
        text = nl if lang == "nl" else en
    elif (group := _group_column(column)) is not None:
        prefix, name = group
        en, nl = _GROUP_PREFIXES[prefix]
        name_nl = _GROUPS_NL.get(name, name.replace("_", " "))
        text = f"{nl}: {name_nl}" if lang == "nl" else f"{en}: {name.replace('_', ' ')}"
        unit = _GROUP_UNITS[prefix][0]
    elif column in _strategy_labels():
        en, nl = _strategy_labels()[column]
        return nl if lang == "nl" else en
    else:
        text, unit = column.replace("_", " ").capitalize(), unit_of(column)
    return f"{text} [{unit}]" if unit else text


def number_format(column: str, numeric: bool) -> str:
    """The Excel number format of ``column`` (thousands separators, percentages, ...)."""
    if column in COLUMNS:
        return COLUMNS[column][3]
    if (group := _group_column(column)) is not None:
        return _GROUP_UNITS[group[0]][1]
    if column in _strategy_labels():  # the criteria sheet: one indicator per row, mixed units
        return "#,##0.00"
    unit = unit_of(column)
    if unit == "%":
        return "0.0%"
    return "#,##0" if numeric else "@"
