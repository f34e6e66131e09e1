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
    # sources and assumptions in words
    "source_title": {"nl": "Bron", "en": "Source"},
    "source_intro": {
        "nl": "Deze pagina rekent met cijfers van:",
        "en": "This page computes with figures from:",
    },
    "source_adviser": {
        "nl": (
            "Elk getal met zijn precieze bron (bestand, tabel, jaar) staat in de Excel-werkmap"
            " voor de adviseur (pagina Export)."
        ),
        "en": (
            "Every figure with its exact source (file, table, year) is in the adviser's Excel"
            " workbook (Export page)."
        ),
    },
    "assumption": {"nl": "Aanname", "en": "Assumption"},
    "other_assumptions": {
        "nl": "{n} andere aannames verschillen (zie de werkmap voor de adviseur)",
        "en": "{n} other assumptions differ (see the adviser's workbook)",
    },
    # Coöperatie: which heat network the cooperative builds (wm.business_case network=)
    "coop_network": {"nl": "Soort warmtenet", "en": "Kind of heat network"},
    "coop_network_mt": {"nl": "Middentemperatuur (MT)", "en": "Medium temperature (MT)"},
    "coop_network_lt": {"nl": "Lage temperatuur (LT)", "en": "Low temperature (LT)"},
    "coop_network_help": {
        "nl": (
            "MT: de huizen houden hun radiatoren, de warmte komt uit de bron van het dorp. LT:"
            " de huizen worden geïsoleerd tot de standaard en krijgen een kleine warmtepomp voor"
            " warm water; de warmte komt uit oppervlaktewater met een grote warmtepomp en is"
            " goedkoper per GJ."
        ),
        "en": (
            "MT: homes keep their radiators, the heat comes from the village's source. LT: homes"
            " are insulated to the standard and get a small heat pump for hot water; the heat"
            " comes from surface water with a large heat pump and costs less per GJ."
        ),
    },
    # Streamlit's file uploader button, in the page's language (page_style.py)
    "upload_button": {"nl": "Bestand kiezen", "en": "Upload"},
    "heat_price_follows_gas": {
        "nl": "Warmtetarief per GJ in 2026 (volgt de gasprijs: ACM-maximum)",
        "en": "Heat tariff per GJ in 2026 (follows the gas price: ACM maximum)",
    },
    "transfer_note": {
        "nl": (
            "Deze aanname verschuift alleen wie betaalt: wat bewoners meer of minder betalen,"
            " krijgt een leverancier of de Staat meer of minder. Voor Nederland als geheel"
            " verandert er niets, daarom blijven de nationale kosten gelijk."
        ),
        "en": (
            "This assumption only shifts who pays: what residents pay more or less, a supplier"
            " or the State receives more or less. For the Netherlands as a whole nothing changes,"
            " so the national cost stays the same."
        ),
    },
    # Mijn huis: the answer in words, the table it is read from, the loan, the glossary
    "answer_title": {"nl": "Het antwoord voor uw huis", "en": "The answer for your house"},
    "answer_best": {
        "nl": (
            "Voor uw huis is {name} het voordeligst: {month} per maand in plaats van {ref} als u"
            " de cv-ketel houdt; investering {invest}, subsidie {subsidy}, {pay}."
        ),
        "en": (
            "For your house {name} is the cheapest: {month} a month instead of {ref} if you keep"
            " the gas boiler; investment {invest}, subsidy {subsidy}, {pay}."
        ),
    },
    "answer_keep": {
        "nl": (
            "Voor uw huis is {name} nu het voordeligst: {month} per maand, met een nieuwe"
            " cv-ketel van {invest} als de oude op is."
        ),
        "en": (
            "For your house {name} is the cheapest now: {month} a month, with a new boiler of"
            " {invest} when the old one is worn out."
        ),
    },
    "answer_next": {
        "nl": "Op de tweede plaats: {name}, {month} per maand.",
        "en": "Second: {name}, {month} a month.",
    },
    "pay_loan": {
        "nl": "de rest geleend bij het Warmtefonds ({eur} aflossing per maand)",
        "en": "the rest borrowed from the Warmtefonds ({eur} repayment a month)",
    },
    "pay_rent": {
        "nl": "betaald door de verhuurder ({eur} huurverhoging per maand)",
        "en": "paid by the landlord ({eur} rent increase a month)",
    },
    "pay_own": {"nl": "de rest uit eigen geld", "en": "the rest from own money"},
    "same": {"nl": "gelijk", "en": "the same"},
    "more": {"nl": "meer", "en": "more"},
    "less": {"nl": "minder", "en": "less"},
    "col_per_month": {"nl": "Per maand", "en": "Per month"},
    "col_vs_boiler": {"nl": "Tegenover cv-ketel houden", "en": "Against keeping the boiler"},
    "col_invest": {"nl": "Investering", "en": "Investment"},
    "col_subsidy": {"nl": "Subsidie", "en": "Subsidy"},
    "col_pay_with": {"nl": "Betaald met", "en": "Paid with"},
    "costs_title": {"nl": "Wat elke keuze kost", "en": "What each choice costs"},
    "mh_what": {"nl": "In huis", "en": "In the house"},
    "boiler_title": {
        "nl": "Bij de volgende vervanging van de cv-ketel",
        "en": "At the next boiler replacement",
    },
    "boiler_now": {
        "nl": (
            "Een cv-ketel gaat ongeveer {years} jaar mee; een nieuwe kost {eur}. Die prijs zit al"
            " in 'cv-ketel houden'."
        ),
        "en": (
            "A gas boiler lasts about {years} years; a new one costs {eur}. That price is already"
            " in 'keep the gas boiler'."
        ),
    },
    "boiler_then": {
        "nl": (
            "Stapt u over op het moment dat de ketel op is, dan koopt u geen nieuwe ketel: {name}"
            " ({invest}) kost dan {extra} meer dan een nieuwe ketel."
        ),
        "en": (
            "Switch when the boiler is worn out and you buy no new boiler: {name} ({invest})"
            " then costs {extra} more than a new boiler."
        ),
    },
    "loan_title": {"nl": "De lening achter 'Aflossing'", "en": "The loan behind 'Repayment'"},
    "loan_intro": {
        "nl": (
            "De Energiebespaarlening van het Nationaal Warmtefonds: wat na subsidie overblijft,"
            " geleend over {term} jaar. Onder de inkomensgrens is de rente 0 %."
        ),
        "en": (
            "The Nationaal Warmtefonds' Energiebespaarlening: what is left after subsidy,"
            " borrowed over {term} years. Below the income limit the interest is 0 %."
        ),
    },
    "loan_none": {
        "nl": "Geen lening: u betaalt met eigen geld, of de verhuurder betaalt.",
        "en": "No loan: you pay with your own money, or the landlord pays.",
    },
    "loan_amount": {"nl": "Lening", "en": "Loan"},
    "loan_rate": {"nl": "Rente per jaar", "en": "Interest a year"},
    "loan_term": {"nl": "Looptijd", "en": "Term"},
    "loan_month": {"nl": "Aflossing per maand", "en": "Repayment a month"},
    "years": {"nl": "jaar", "en": "years"},
    "glossary_title": {"nl": "Wat betekent ...?", "en": "What does ... mean?"},
    "gloss_aanvoertemperatuur": {
        "nl": (
            "**Aanvoertemperatuur**: hoe warm het water is dat naar de radiatoren gaat. Een"
            " cv-ketel stookt tot 70-80 °C; een warmtepomp werkt het zuinigst onder 55 °C. Hoe"
            " beter het huis geïsoleerd is, hoe lager die kan."
        ),
        "en": (
            "**Supply temperature**: how warm the water going to the radiators is. A gas boiler"
            " heats to 70-80 °C; a heat pump works best below 55 °C. The better the house is"
            " insulated, the lower it can be."
        ),
    },
    "gloss_mt_lt": {
        "nl": (
            "**MT en LT**: een warmtenet op middentemperatuur (MT, 70 °C) verwarmt het huis zoals"
            " nu; een net op lage temperatuur (LT, 40-55 °C) vraagt een goed geïsoleerd huis,"
            " grotere radiatoren en een kleine warmtepomp voor warm water."
        ),
        "en": (
            "**MT and LT**: a medium-temperature heat network (MT, 70 °C) heats the house as"
            " today; a low-temperature one (LT, 40-55 °C) needs a well insulated house, larger"
            " radiators and a small heat pump for hot water."
        ),
    },
    "gloss_afleverset": {
        "nl": (
            "**Afleverset**: het kastje aan de muur, waar nu de cv-ketel hangt, dat de warmte van"
            " het warmtenet aan de radiatoren en de kraan geeft. Het meet ook wat u gebruikt."
        ),
        "en": (
            "**Delivery set**: the box on the wall, where the boiler hangs today, that passes the"
            " heat network's heat to the radiators and the tap. It also meters what you use."
        ),
    },
    "gloss_hybride": {
        "nl": (
            "**Hybride warmtepomp**: een kleine warmtepomp naast de cv-ketel; de warmtepomp doet"
            " het meeste werk, de ketel helpt op koude dagen en maakt warm water."
        ),
        "en": (
            "**Hybrid heat pump**: a small heat pump beside the gas boiler; the heat pump does most"
            " of the work, the boiler helps on cold days and makes hot water."
        ),
    },
    "gloss_isde": {
        "nl": (
            "**ISDE**: de subsidie van het Rijk (via RVO) voor warmtepompen, isolatie en een"
            " aansluiting op een warmtenet."
        ),
        "en": (
            "**ISDE**: the national subsidy (through RVO) for heat pumps, insulation and a"
            " heat-network connection."
        ),
    },
    "pay_loan_short": {"nl": "lening: {eur} per maand", "en": "loan: {eur} a month"},
    "pay_rent_short": {"nl": "huur: {eur} per maand meer", "en": "rent: {eur} a month more"},
    "pay_own_short": {"nl": "eigen geld", "en": "own money"},
    "phrase_reference": {"nl": "de cv-ketel houden", "en": "keeping the gas boiler"},
    "phrase_hybrid": {"nl": "de hybride warmtepomp", "en": "the hybrid heat pump"},
    "phrase_all_electric_air": {
        "nl": "een luchtwarmtepomp (all-electric)",
        "en": "an air-source heat pump (all-electric)",
    },
    "phrase_all_electric_ground": {
        "nl": "een bodemwarmtepomp (all-electric)",
        "en": "a ground-source heat pump (all-electric)",
    },
    "phrase_heat_network_mt": {
        "nl": "het warmtenet op middentemperatuur",
        "en": "the medium-temperature heat network",
    },
    "phrase_heat_network_lt": {
        "nl": "het warmtenet op lage temperatuur",
        "en": "the low-temperature heat network",
    },
    "and_own": {"nl": "en de rest uit eigen geld", "en": "and the rest from own money"},
    "pay_landlord": {
        "nl": "betaald door de verhuurder, zonder huurverhoging",
        "en": "paid by the landlord, without a rent increase",
    },
    "pay_landlord_short": {"nl": "verhuurder", "en": "landlord"},
    # Plan: every measure and who pays what
    "measure": {"nl": "Maatregel", "en": "Measure"},
    "dwellings_col": {"nl": "Woningen", "en": "Dwellings"},
    "insulation_word": {"nl": "Isolatie", "en": "Insulation"},
    "measure_pv": {"nl": "Zonnepanelen", "en": "Solar panels"},
    "measure_solar_water": {"nl": "Zonneboiler", "en": "Solar water heater"},
    "plan_measures_title": {
        "nl": "Alle maatregelen in het plan",
        "en": "Every measure of the plan",
    },
    "plan_payers_title": {"nl": "Wie betaalt wat", "en": "Who pays what"},
    "payer": {"nl": "Wie", "en": "Who"},
    "payer_amount": {"nl": "Per jaar", "en": "A year"},
    "payer_what": {"nl": "Toelichting", "en": "Note"},
    "payer_households": {"nl": "Huishoudens samen", "en": "Households together"},
    "per_household_month": {
        "nl": "gemiddeld {eur} per huishouden per maand (met belastingen, na subsidie)",
        "en": "on average {eur} per household a month (with taxes, after subsidy)",
    },
    "payer_national": {"nl": "Nederland als geheel", "en": "The Netherlands as a whole"},
    "payer_national_note": {
        "nl": "zonder belastingen en subsidies (die gaan van de ene Nederlander naar de andere)",
        "en": "without taxes and subsidies (they pass from one Dutch pocket to another)",
    },
    "payer_collective": {"nl": "Waarvan gezamenlijk", "en": "Of which collective"},
    "payer_collective_note": {
        "nl": "warmtenet, verzwaring van het stroomnet en zonnepark",
        "en": "heat network, grid reinforcement and solar park",
    },
    "payer_investment": {"nl": "Investering huishoudens", "en": "Households' investment"},
    "payer_subsidy": {
        "nl": "eenmalig, waarvan {eur} subsidie",
        "en": "once, of which {eur} subsidy",
    },
    "payers_note": {
        "nl": (
            "Per jaar: het verschil met een dorp waar iedereen de cv-ketel houdt. Een min is"
            " minder kosten."
        ),
        "en": (
            "A year: the difference with a village where everyone keeps the gas boiler. A minus"
            " is lower cost."
        ),
    },
    "shadow_words": {
        "nl": (
            "Het CO₂-doel bepaalt het plan. Elke ton CO₂ die het dorp per jaar méér wil besparen,"
            " kost Nederland {eur} per jaar extra."
        ),
        "en": (
            "The CO₂ target shapes the plan. Every tonne of CO₂ the village wants to save more"
            " each year costs the Netherlands {eur} a year extra."
        ),
    },
    "plan_cost_national": {"nl": "Meerkosten Nederland", "en": "Extra cost, Netherlands"},
    "plan_cost_households": {"nl": "Huishoudens per maand", "en": "Households a month"},
    "plan_other_village": {
        "nl": "Het laatste plan hoort bij een ander dorp; maak een nieuw plan.",
        "en": "The last plan belongs to another village; make a new plan.",
    },
    # Coöperatie in a banker's words
    "coop_nobody_costs": {
        "nl": (
            "Bij {tariff} kiest geen enkel huishouden in de zone het warmtenet. Op het net zou"
            " een huishouden {net} per maand betalen, tegen {alt} voor zijn eigen goedkoopste"
            " oplossing (meestal een warmtepomp). Zonder deelnemers is er geen project: kies"
            " hieronder een verwachte deelname of de enquête, of een lager tarief, en zie wanneer"
            " het rond komt."
        ),
        "en": (
            "At {tariff} no household in the zone chooses the heat network. On the network a"
            " household would pay {net} a month, against {alt} for its own cheapest option"
            " (mostly a heat pump). Without members there is no project: choose an expected"
            " participation or the survey below, or a lower tariff, and see when it breaks even."
        ),
    },
    "coop_nobody": {
        "nl": (
            "Bij dit tarief kiest geen enkel huishouden het warmtenet: er is geen project. Kies"
            " hieronder een verwachte deelname of een lager tarief."
        ),
        "en": (
            "At this tariff no household chooses the heat network: there is no project. Choose an"
            " expected participation or a lower tariff below."
        ),
    },
    "coop_joining_now": {
        "nl": "{n} van de {zone} woningen in de zone doen mee ({share}).",
        "en": "{n} of the zone's {zone} dwellings join ({share}).",
    },
    "dscr_requirement": {
        "nl": (
            "De bank leent tegen {rate} rente over {years} jaar en eist dat de kasstroom elk jaar"
            " ten minste {dscr} keer de rente en aflossing dekt (DSCR)."
        ),
        "en": (
            "The bank lends at {rate} interest over {years} years and requires the cash flow to"
            " cover interest and repayment at least {dscr} times every year (DSCR)."
        ),
    },
    "dscr_sizes": {
        "nl": (
            "Die eis bepaalt hoeveel de bank leent ({debt}): daarom is de laagste dekking precies"
            " de eis. Het is een voorwaarde, geen uitkomst."
        ),
        "en": (
            "That requirement sets how much the bank lends ({debt}): so the lowest cover equals"
            " it. It is a condition, not a result."
        ),
    },
    "dscr_above": {
        "nl": "De lening is kleiner dan de eis toelaat: de laagste dekking is {dscr}.",
        "en": "The loan is smaller than the requirement allows: the lowest cover is {dscr}.",
    },
    "dscr_no_loan": {
        "nl": "Er is nu geen banklening.",
        "en": "There is no bank loan now.",
    },
    "coop_bank_title": {"nl": "Voor de bank", "en": "For the bank"},
    "coop_sources_uses": {"nl": "Herkomst en besteding", "en": "Sources and uses"},
    "coop_ratios_title": {"nl": "Kerncijfers", "en": "Key figures"},
    "coop_schedule_title": {
        "nl": "Aflosschema van de banklening",
        "en": "The bank loan's schedule",
    },
    "coop_download": {
        "nl": "Businesscase voor de bank (Excel)",
        "en": "Business case for the bank (Excel)",
    },
    "fin_side": {"nl": "Kant", "en": "Side"},
    "fin_item": {"nl": "Post", "en": "Item"},
    "fin_amount": {"nl": "Bedrag (zonder btw)", "en": "Amount (excl. VAT)"},
    "side_uses": {"nl": "Besteding", "en": "Uses"},
    "side_sources": {"nl": "Herkomst", "en": "Sources"},
    "total": {"nl": "Totaal", "en": "Total"},
    "fin_investment": {"nl": "Aanleg warmtenet en bron", "en": "Building the network and source"},
    "fin_bank_fee": {"nl": "Afsluitkosten bank", "en": "Bank arrangement fee"},
    "fin_reserve": {"nl": "Reserve voor rente en aflossing", "en": "Debt service reserve"},
    "fin_connection_fees": {"nl": "Aansluitbijdragen", "en": "Connection fees"},
    "fin_subsidies": {"nl": "Subsidies", "en": "Subsidies"},
    "fin_bank_debt": {"nl": "Banklening", "en": "Bank loan"},
    "fin_public_loan": {"nl": "Publieke lening", "en": "Public loan"},
    "fin_member_loans": {"nl": "Ledenleningen (achtergesteld)", "en": "Member loans (junior)"},
    "fin_member_capital": {"nl": "Ledenkapitaal", "en": "Member capital"},
    "r_figure": {"nl": "Kengetal", "en": "Figure"},
    "r_value": {"nl": "Waarde", "en": "Value"},
    "r_investment": {"nl": "Investering (zonder btw)", "en": "Investment (excl. VAT)"},
    "r_npv": {
        "nl": "Netto contante waarde bij {rate} rekenrente",
        "en": "Net present value at {rate} discount rate",
    },
    "r_dscr": {"nl": "Laagste DSCR", "en": "Lowest DSCR"},
    "r_required": {"nl": "eis", "en": "required"},
    "r_llcr": {
        "nl": "LLCR (dekking over de hele looptijd)",
        "en": "LLCR (cover over the loan's life)",
    },
    "ds_draw": {"nl": "Opgenomen", "en": "Drawn"},
    "ds_interest": {"nl": "Rente", "en": "Interest"},
    "ds_principal": {"nl": "Aflossing", "en": "Repayment"},
    "ds_balance": {"nl": "Restschuld", "en": "Balance"},
    "tariff_acm": {"nl": "het ACM-maximumtarief", "en": "the ACM maximum tariff"},
    "tariff_set": {"nl": "het gekozen tarief", "en": "the tariff chosen"},
    # Onzekerheid in plain words
    "unc_figure": {"nl": "Welk getal?", "en": "Which figure?"},
    "unc_fig_monthly_cost_change_avg_eur": {
        "nl": "Woonlasten per huishouden per maand",
        "en": "Housing costs per household a month",
    },
    "unc_fig_national_extra_eur_per_yr": {
        "nl": "Nationale meerkosten per jaar",
        "en": "National extra cost a year",
    },
    "per_month_hh": {"nl": "per maand", "en": "a month"},
    "per_year_nl": {"nl": "per jaar", "en": "a year"},
    "range_one_side": {
        "nl": "tussen {low} en {high} {unit} {word}",
        "en": "between {low} and {high} {unit} {word}",
    },
    "range_both_sides": {
        "nl": "tussen {low} minder en {high} meer {unit}",
        "en": "between {low} less and {high} more {unit}",
    },
    "range_sentence_monthly": {
        "nl": (
            "Met {name} betaalt een huishouden gemiddeld in 9 van de 10 gevallen {span} dan met"
            " de cv-ketel; de middelste uitkomst is {mid}."
        ),
        "en": (
            "With {name} a household pays on average, in 9 cases out of 10, {span} than with the"
            " gas boiler; the middle outcome is {mid}."
        ),
    },
    "range_sentence_national": {
        "nl": (
            "Met {name} kost het dorp Nederland in 9 van de 10 gevallen {span} dan met de"
            " cv-ketel; de middelste uitkomst is {mid}."
        ),
        "en": (
            "With {name} the village costs the Netherlands, in 9 cases out of 10, {span} than with"
            " the gas boiler; the middle outcome is {mid}."
        ),
    },
    "unmoved": {
        "nl": "Deze aannames veranderen dit getal bij deze keuze niet: {names}.",
        "en": "These assumptions do not change this figure for this choice: {names}.",
    },
    "unmoved_national_only": {
        "nl": (
            "Groothandelsprijzen en de kosten van een warmtebron tellen alleen in de nationale"
            " kosten; wat een huishouden betaalt, volgt de leveringsprijzen en belastingen."
        ),
        "en": (
            "Wholesale prices and the cost of a heat source count only in the national cost; what"
            " a household pays follows the supply prices and taxes."
        ),
    },
    "axis_monthly_change": {
        "nl": "verandering woonlasten (euro per maand)",
        "en": "change in housing costs (euro a month)",
    },
    "fig_distribution_monthly": {
        "nl": "Bandbreedte van de woonlasten per huishouden",
        "en": "Range of the housing costs per household",
    },
    # handouts, the projector mode, key figures
    "handout_print": {
        "nl": "Afdrukken: Ctrl+P (of Cmd+P), één A4-pagina.",
        "en": "Print: Ctrl+P (or Cmd+P), one A4 page.",
    },
    "handout_house_title": {"nl": "Uw huis", "en": "Your house"},
    "handout_house_note": {
        "nl": (
            "Bedragen per maand: energierekening plus aflossing, huurverhoging of eigen geld, in"
            " het"
            " eerste jaar, met belastingen en na subsidie. Een berekening met gemiddelde cijfers,"
            " geen offerte."
        ),
        "en": (
            "Amounts a month: energy bill plus repayment, rent increase or own money, in the first"
            " year, with taxes and after subsidy. A calculation with average figures, not a quote."
        ),
    },
    "handout_village_title": {"nl": "{name}: van het aardgas af", "en": "{name}: off natural gas"},
    "handout_today": {"nl": "Het dorp nu", "en": "The village today"},
    "handout_choices": {"nl": "De keuzes naast elkaar", "en": "The choices side by side"},
    "handout_village_note": {
        "nl": (
            "Woonlasten per maand: gemiddeld per huishouden, tegenover de cv-ketel houden."
            " Investering: alle woningen die overstappen samen, vóór subsidie."
        ),
        "en": (
            "Housing costs a month: the average household's, against keeping the gas boiler."
            " Investment: every dwelling that changes together, before subsidy."
        ),
    },
    "vt_dwellings": {"nl": "Woningen", "en": "Dwellings"},
    "vt_monthly": {"nl": "Per maand", "en": "A month"},
    "vt_paying_more": {"nl": "Betaalt meer", "en": "Pays more"},
    "vt_investment": {"nl": "Investering", "en": "Investment"},
    "vt_co2": {"nl": "CO₂ per jaar", "en": "CO₂ a year"},
    "handout_house_button": {
        "nl": "Blad 'Uw huis' om af te drukken (HTML)",
        "en": "'Your house' sheet to print (HTML)",
    },
    "handout_village_button": {
        "nl": "Samenvatting van het dorp om af te drukken (HTML)",
        "en": "Village summary to print (HTML)",
    },
    "presentation": {"nl": "Presentatie (beamer)", "en": "Presentation (projector)"},
    "presentation_help": {
        "nl": "Grotere letters, zonder zijbalk, één figuur per scherm.",
        "en": "Larger type, no sidebar, one figure per screen.",
    },
    "presentation_off": {"nl": "Presentatie uit", "en": "Presentation off"},
    "kpi_bill_short": {"nl": "Rekening per maand", "en": "Bill a month"},
    "kpi_bill_help": {
        "nl": "De gemiddelde energierekening per woning per maand, nu (gas en stroom).",
        "en": "The average energy bill per dwelling a month, today (gas and electricity).",
    },
    "kpi_gas_help": {"nl": "Precies: {value} per jaar.", "en": "Exactly: {value} a year."},
    "axis_cost_national": {
        "nl": "nationale kosten (euro per jaar)",
        "en": "national cost (euro a year)",
    },
    "axis_cost_end_user": {
        "nl": "kosten bewoners (euro per jaar)",
        "en": "residents' cost (euro a year)",
    },
    # the time path's limits in words (wupmodel.phasing.tables.LIMITS)
}

#: what limits a year of the time path, in the resident's words (by the English phrase the
#: phasing tables write)
LIMIT_WORDS: dict[str, dict[str, str]] = {
    "installer capacity (heat pumps)": {
        "nl": "installateurs (warmtepompen)",
        "en": "installers (heat pumps)",
    },
    "installer capacity (insulation)": {"nl": "isoleerders", "en": "insulation installers"},
    "yearly budget": {"nl": "jaarbudget", "en": "yearly budget"},
    "LV grid capacity": {"nl": "ruimte op het stroomnet", "en": "room on the grid"},
    "CO2 path": {"nl": "CO₂-doel van dat jaar", "en": "that year's CO₂ target"},
    "notice before gas leaves": {
        "nl": "aankondiging voor het gas eruit gaat",
        "en": "notice before the gas goes",
    },
    "most installations of a system": {
        "nl": "hoogste aantal van één systeem",
        "en": "most installations of one system",
    },
}
