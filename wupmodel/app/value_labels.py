"""The resident's words for the model's vocabulary, Dutch and English (data only; read by
:func:`wupmodel.app.i18n.value_label`): dwelling types, tenures, heating systems, insulation levels,
construction periods, factors, comfort words and the stock's columns, so no snake_case name
reaches a screen."""

from __future__ import annotations

VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "dwelling_type": {
        "vrijstaand": {"nl": "Vrijstaand", "en": "Detached"},
        "twee_onder_een_kap": {"nl": "Twee-onder-een-kap", "en": "Semi-detached"},
        "hoekwoning": {"nl": "Hoekwoning", "en": "End of terrace"},
        "tussenwoning": {"nl": "Tussenwoning", "en": "Mid-terrace"},
        "meergezins_laag": {"nl": "Appartement (laagbouw)", "en": "Flat (low-rise)"},
        "meergezins_hoog": {"nl": "Appartement (hoogbouw)", "en": "Flat (high-rise)"},
    },
    "tenure": {
        "koop": {"nl": "Koop", "en": "Owner-occupied"},
        "huur_corporatie": {"nl": "Huur (corporatie)", "en": "Rent (housing association)"},
        "huur_particulier": {"nl": "Huur (particulier)", "en": "Rent (private landlord)"},
        "unknown": {"nl": "Onbekend", "en": "Unknown"},
    },
    "heating": {
        "gas_boiler": {"nl": "Cv-ketel op gas", "en": "Gas boiler"},
        "hybrid_hp": {"nl": "Hybride warmtepomp", "en": "Hybrid heat pump"},
        "air_hp": {"nl": "Luchtwarmtepomp", "en": "Air-source heat pump"},
        "ground_hp": {"nl": "Bodemwarmtepomp", "en": "Ground-source heat pump"},
        "heat_network_mt": {
            "nl": "Warmtenet (midden­temperatuur)",
            "en": "Heat network (medium temperature)",
        },
        "heat_network_lt": {
            "nl": "Warmtenet (lage temperatuur)",
            "en": "Heat network (low temperature)",
        },
    },
    "insulation": {
        "current": {"nl": "Zoals nu", "en": "As it is"},
        "basic": {"nl": "Basis (kieren, vloer)", "en": "Basic (draughts, floor)"},
        "standard": {
            "nl": "Standaard (dak, vloer, spouw, HR++)",
            "en": "Standard (roof, floor, cavity, HR++)",
        },
        "deep": {
            "nl": "Diep (gevel, triple glas, ventilatie)",
            "en": "Deep (facade, triple glass, ventilation)",
        },
    },
    "period": {
        "pre1930": {"nl": "voor 1930", "en": "before 1930"},
        "1930_1945": {"nl": "1930–1945", "en": "1930–1945"},
        "1946_1964": {"nl": "1946–1964", "en": "1946–1964"},
        "1965_1974": {"nl": "1965–1974", "en": "1965–1974"},
        "1975_1991": {"nl": "1975–1991", "en": "1975–1991"},
        "1992_2005": {"nl": "1992–2005", "en": "1992–2005"},
        "2006_later": {"nl": "2006 en later", "en": "2006 and later"},
    },
    "energy_label": {"unknown": {"nl": "Onbekend", "en": "Unknown"}},
    "figure": {
        "dwellings_feasible": {"nl": "Woningen die overstappen", "en": "Dwellings that change"},
        "co2_t": {"nl": "CO₂ (ton per jaar)", "en": "CO₂ (tonnes per year)"},
        "co2_reduction": {"nl": "CO₂-reductie", "en": "CO₂ reduction"},
        "investment_eur": {"nl": "Investering (euro)", "en": "Investment (euro)"},
        "subsidy_eur": {"nl": "Subsidie (euro)", "en": "Subsidy (euro)"},
        "national_extra_eur_per_yr": {
            "nl": "Nationale meerkosten (euro per jaar)",
            "en": "National extra cost (euro per year)",
        },
        "national_eur_per_t_co2": {
            "nl": "Nationale kosten per ton CO₂ (euro)",
            "en": "National cost per tonne CO₂ (euro)",
        },
        "monthly_cost_change_avg_eur": {
            "nl": "Verandering woonlasten (euro per maand)",
            "en": "Change in housing costs (euro per month)",
        },
        "share_paying_more": {"nl": "Aandeel dat meer betaalt", "en": "Share paying more"},
        "end_user_extra_eur_per_yr": {
            "nl": "Meerkosten bewoners (euro per jaar)",
            "en": "Residents' extra cost (euro per year)",
        },
    },
}

VALUE_LABELS["factor"] = {
    "prices.gas_supply_eur_m3": {"nl": "Gasprijs (levering)", "en": "Gas price (supply)"},
    "prices.elec_supply_eur_kwh": {
        "nl": "Stroomprijs (levering)",
        "en": "Electricity price (supply)",
    },
    "prices.gas_production_eur_m3": {"nl": "Gasprijs (groothandel)", "en": "Gas price (wholesale)"},
    "prices.elec_production_eur_kwh": {
        "nl": "Stroomprijs (groothandel)",
        "en": "Electricity price (wholesale)",
    },
    "prices.gas_tax_eur_m3.trend": {
        "nl": "Energiebelasting op gas (trend)",
        "en": "Energy tax on gas (trend)",
    },
    "prices.heat_production_eur_gj": {"nl": "Kosten warmtebron", "en": "Heat source cost"},
    "prices.co2_price_eur_t": {"nl": "CO₂-prijs", "en": "CO₂ price"},
    "prices.feed_in_eur_kwh": {"nl": "Terugleververgoeding", "en": "Feed-in tariff"},
    "end_user_prices": {
        "nl": "Gas- en stroomprijs (levering)",
        "en": "Gas and electricity price (supply)",
    },
    "production_prices": {
        "nl": "Gas- en stroomprijs (groothandel)",
        "en": "Gas and electricity price (wholesale)",
    },
}

# What each heating system asks of the house and how it feels, in words for Mijn huis (after
# nplw.nl "Wat is een all-electric warmtepomp?": outdoor unit, indoor unit and a hot-water
# storage vessel, heating water of at most 45-55 C; Milieu Centraal on hybrids and heat networks).
VALUE_LABELS["space"] = {
    "gas_boiler": {"nl": "Niets nieuws", "en": "Nothing new"},
    "hybrid_hp": {
        "nl": "Buitenunit; kleine binnenunit naast de cv-ketel",
        "en": "Outdoor unit; small indoor unit beside the boiler",
    },
    "air_hp": {
        "nl": "Buitenunit; binnenunit met warmwatervat (ruimte van een kast)",
        "en": "Outdoor unit; indoor unit with a hot-water vessel (the space of a cupboard)",
    },
    "ground_hp": {
        "nl": "Bodemlus in de tuin; binnenunit met warmwatervat (ruimte van een kast)",
        "en": (
            "Ground loop in the garden; indoor unit with a hot-water vessel (the space of a"
            " cupboard)"
        ),
    },
    "heat_network_mt": {
        "nl": "Afleverset aan de muur, waar nu de cv-ketel hangt",
        "en": "Delivery set on the wall where the boiler hangs",
    },
    "heat_network_lt": {
        "nl": "Afleverset en een kleine warmtepomp voor warm water",
        "en": "Delivery set and a small heat pump for hot water",
    },
}
VALUE_LABELS["comfort"] = {
    "gas_boiler": {"nl": "Zoals nu", "en": "As now"},
    "hybrid_hp": {
        "nl": "Zoals nu; de ketel helpt op koude dagen en maakt warm water",
        "en": "As now; the boiler helps on cold days and makes hot water",
    },
    "air_hp": {
        "nl": (
            "Gelijkmatig warm met lauwe radiatoren; warm water uit het vat; buitenunit is hoorbaar"
        ),
        "en": (
            "Evenly warm with lukewarm radiators; hot water from the vessel; the outdoor unit can"
            " be heard"
        ),
    },
    "ground_hp": {
        "nl": (
            "Gelijkmatig warm met lauwe radiatoren; warm water uit het vat; stil, kan 's zomers"
            " koelen"
        ),
        "en": (
            "Evenly warm with lukewarm radiators; hot water from the vessel; quiet, can cool in"
            " summer"
        ),
    },
    "heat_network_mt": {
        "nl": "Zoals nu: warme radiatoren en direct warm water",
        "en": "As now: warm radiators and instant hot water",
    },
    "heat_network_lt": {
        "nl": "Gelijkmatig warm met lauwe radiatoren",
        "en": "Evenly warm with lukewarm radiators",
    },
}

# the columns of a stock file as a resident calls them (the upload report)
VALUE_LABELS["stock_column"] = {
    "dwelling_id": {"nl": "Woningcode", "en": "Dwelling code"},
    "dwelling_type": {"nl": "Woningtype", "en": "Dwelling type"},
    "construction_year": {"nl": "Bouwjaar", "en": "Construction year"},
    "floor_area_m2": {"nl": "Gebruiksoppervlak", "en": "Floor area"},
    "energy_label": {"nl": "Energielabel", "en": "Energy label"},
    "gas_m3": {"nl": "Gasverbruik", "en": "Gas use"},
    "electricity_kwh": {"nl": "Stroomverbruik", "en": "Electricity use"},
    "roof_area_m2": {"nl": "Dakoppervlak", "en": "Roof area"},
    "tenure": {"nl": "Eigendom", "en": "Tenure"},
    "household_income_eur": {"nl": "Huishoudinkomen", "en": "Household income"},
    "heat_network_zone": {"nl": "Warmtenetgebied", "en": "Heat-network zone"},
    "grid_zone": {"nl": "Netgebied", "en": "Grid zone"},
    "count": {"nl": "Aantal woningen", "en": "Number of dwellings"},
}
