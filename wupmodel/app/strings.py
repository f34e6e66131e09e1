"""The village app's strings, Dutch and English (data only; :func:`wupmodel.t` reads them).

``APP_STRINGS`` holds sentences, titles and labels by key; the resident's words for the model's
vocabulary (``VALUE_LABELS``) live in :mod:`wupmodel.app.value_labels`. The strings of weighing
(Afwegen, well-being on Mijn huis) live in :mod:`wupmodel.app.strings_criteria`, the hours' (a
house's winter and summer day, a battery's worth, the coldest day) in ``strings_hours``.
"""

from __future__ import annotations

from wupmodel.app.strings_criteria import CRITERIA_STRINGS
from wupmodel.app.strings_evening import EVENING_STRINGS
from wupmodel.app.strings_hours import HOURS_STRINGS

APP_STRINGS: dict[str, dict[str, str]] = {
    # navigation and shell
    "page_dorp": {"nl": "Dorp", "en": "Village"},
    "page_huis": {"nl": "Mijn huis", "en": "My house"},
    "page_scenarios": {"nl": "Scenario's", "en": "Scenarios"},
    "page_plan": {"nl": "Plan", "en": "Plan"},
    "page_onzekerheid": {"nl": "Onzekerheid", "en": "Uncertainty"},
    "page_cooperatie": {"nl": "Coöperatie", "en": "Cooperative"},
    "page_export": {"nl": "Export", "en": "Export"},
    "english": {"nl": "English", "en": "English"},
    "current_village": {"nl": "Dorp", "en": "Village"},
    "current_scenario": {"nl": "Scenario", "en": "Scenario"},
    "error": {"nl": "Dat lukte niet", "en": "That did not work"},
    # Dorp
    "dorp_title": {"nl": "Ons dorp", "en": "Our village"},
    "dorp_intro": {
        "nl": (
            "Kies het dorp of de buurt. Standaard is dat Aalden; elke Drentse buurt kan, of een"
            " eigen woningbestand."
        ),
        "en": (
            "Choose the village or neighbourhood. Aalden is the default; any Drenthe buurt works,"
            " or your own dwelling file."
        ),
    },
    "source_buurt": {"nl": "Een Drentse buurt", "en": "A Drenthe buurt"},
    "source_upload": {
        "nl": "Eigen woningbestand (CSV of Excel)",
        "en": "Own dwelling file (CSV or Excel)",
    },
    "choose_source": {
        "nl": "Waar komen de woningen vandaan?",
        "en": "Where do the dwellings come from?",
    },
    "search_buurt": {"nl": "Zoek op naam of code", "en": "Search by name or code"},
    "pick_buurt": {"nl": "Buurt", "en": "Buurt"},
    "no_buurt_found": {"nl": "Geen buurt gevonden met", "en": "No buurt found matching"},
    "use_buurt": {"nl": "Gebruik dit dorp", "en": "Use this village"},
    "upload_file": {
        "nl": "Woningbestand (CSV of XLSX, max. 10 MB)",
        "en": "Dwelling file (CSV or XLSX, max 10 MB)",
    },
    "upload_ok": {"nl": "Bestand gelezen", "en": "File read"},
    # the upload's validation report (wupmodel.app.problems), one text per problem code
    "rep_where": {"nl": "Waar in het bestand", "en": "Where in the file"},
    "rep_column": {"nl": "Kolom", "en": "Column"},
    "rep_value": {"nl": "Waarde", "en": "Value"},
    "rep_problem": {"nl": "Wat er mis is", "en": "What is wrong"},
    "rep_allowed": {"nl": "Wat mag", "en": "What is allowed"},
    "rep_line": {"nl": "regel", "en": "line"},
    "rep_sheet_row": {"nl": "rij", "en": "row"},
    "rep_row": {"nl": "woning nr.", "en": "dwelling no."},
    "rep_your_column": {"nl": "uw kolom", "en": "your column"},
    "rep_empty": {"nl": "(leeg)", "en": "(empty)"},
    "rep_or_empty": {"nl": "of leeg laten", "en": "or leave it empty"},
    "rep_or_empty_unknown": {
        "nl": "of leeg als u het niet weet",
        "en": "or empty if you don't know",
    },
    "rep_to": {"nl": "tot en met", "en": "to"},
    "rep_allowed_id": {
        "nl": "een eigen, niet-lege code voor elke woning",
        "en": "a code of its own for every dwelling, not empty",
    },
    "rep_allowed_count": {
        "nl": "een heel getal, 1 of meer (leeg telt als 1)",
        "en": "a whole number, 1 or more (empty counts as 1)",
    },
    "rep_count": {"nl": "problemen in het bestand", "en": "problems in the file"},
    # a problem with the whole file, by WupInputError.code (figures from its details)
    "upload_file_type": {
        "nl": (
            "Dit soort bestand ({suffix}) kan het model niet lezen. Kies een CSV-bestand (.csv) "
            "of een Excel-werkmap (.xlsx)."
        ),
        "en": (
            "The model cannot read this kind of file ({suffix}). Choose a CSV file (.csv) or an "
            "Excel workbook (.xlsx)."
        ),
    },
    "upload_file_too_large": {
        "nl": "Het bestand is {size_mb} MB; er kan ten hoogste {max_mb} MB in.",
        "en": "The file is {size_mb} MB; at most {max_mb} MB is accepted.",
    },
    "upload_file_empty": {
        "nl": "Het bestand is leeg. Nodig: een kopregel en een regel per woning.",
        "en": "The file is empty. Needed: a header row and one row per dwelling.",
    },
    "upload_file_xlsx_as_csv": {
        "nl": "Dit is een Excel- of zipbestand, geen CSV. Bewaar het als .xlsx of als 'CSV UTF-8'.",
        "en": "This is an Excel or zip file, not a CSV. Save it as .xlsx or as 'CSV UTF-8'.",
    },
    "upload_file_not_xlsx": {
        "nl": (
            "Deze Excel-werkmap is niet te lezen. Bewaar hem opnieuw vanuit Excel als .xlsx, "
            "of als 'CSV UTF-8'."
        ),
        "en": (
            "This Excel workbook cannot be read. Save it again from Excel as .xlsx, or as "
            "'CSV UTF-8'."
        ),
    },
    "upload_file_utf16": {
        "nl": "Het bestand is als UTF-16 opgeslagen. Bewaar het als 'CSV UTF-8'.",
        "en": "The file is saved as UTF-16. Save it as 'CSV UTF-8'.",
    },
    "upload_file_binary": {
        "nl": (
            "Dit is geen tekstbestand (CSV): er staan binaire gegevens in. Kies een CSV-bestand "
            "of een Excel-werkmap (.xlsx)."
        ),
        "en": (
            "This is not a text (CSV) file: it contains binary data. Choose a CSV file or an "
            "Excel workbook (.xlsx)."
        ),
    },
    "upload_file_encoding": {
        "nl": "De tekst in het bestand is niet te lezen (geen UTF-8). Bewaar het als 'CSV UTF-8'.",
        "en": "The text in the file cannot be read (not UTF-8). Save it as 'CSV UTF-8'.",
    },
    "upload_csv_malformed": {
        "nl": "Het CSV-bestand klopt niet rond regel {line}. Bewaar het opnieuw als 'CSV UTF-8'.",
        "en": "The CSV file is malformed near line {line}. Save it again as 'CSV UTF-8'.",
    },
    "upload_csv_ragged_line": {
        "nl": (
            "Regel {line} heeft {n_fields} velden, de kopregel {width}. Kijk het scheidingsteken "
            "({sep}) en de aanhalingstekens na."
        ),
        "en": (
            "Line {line} has {n_fields} fields, the header {width}. Check the separator ({sep}) "
            "and the quotes."
        ),
    },
    "upload_columns_same_meaning": {
        "nl": "De kolommen {columns} betekenen allebei '{field}'. Houd er één over.",
        "en": "The columns {columns} both mean '{field}'. Keep one of them.",
    },
    "upload_columns_twice": {
        "nl": "Deze kolomnamen staan er meer dan één keer in: {columns}. Houd er van elk één over.",
        "en": "These column names appear more than once: {columns}. Keep one of each.",
    },
    "upload_columns_missing": {
        "nl": "Deze kolommen zijn nodig maar ontbreken: {fields}.",
        "en": "These columns are needed but missing: {fields}.",
    },
    "upload_no_rows": {
        "nl": "Het bestand heeft alleen een kopregel. Voeg een regel per woning toe.",
        "en": "The file has only a header row. Add one row per dwelling.",
    },
    "upload_details": {
        "nl": "In het Engels, voor de adviseur",
        "en": "The model's own message, for the adviser",
    },
    "problem_empty_id": {"nl": "De woning heeft geen code", "en": "The dwelling has no code"},
    "problem_duplicate_id": {
        "nl": "Deze code staat bij meer dan één woning",
        "en": "This code is used for more than one dwelling",
    },
    "problem_unknown_dwelling_type": {"nl": "Onbekend woningtype", "en": "Unknown dwelling type"},
    "problem_not_a_number": {"nl": "Dit is geen getal", "en": "This is not a number"},
    "problem_missing_value": {"nl": "Hier moet iets staan", "en": "This must be filled in"},
    "problem_not_a_whole_year": {"nl": "Geen heel jaartal", "en": "Not a whole year"},
    "problem_year_in_future": {
        "nl": "Dit jaar ligt in de toekomst",
        "en": "This year is in the future",
    },
    "problem_year_out_of_range": {
        "nl": "Dit bouwjaar is te vroeg",
        "en": "This construction year is too early",
    },
    "problem_value_out_of_range": {
        "nl": "Buiten het toegestane bereik",
        "en": "Outside the allowed range",
    },
    "problem_unknown_energy_label": {"nl": "Onbekend energielabel", "en": "Unknown energy label"},
    "problem_unknown_tenure": {"nl": "Onbekend soort eigendom", "en": "Unknown tenure"},
    "problem_count_not_a_number": {
        "nl": "Het aantal woningen is geen getal",
        "en": "The number of dwellings is not a number",
    },
    "problem_count_not_whole": {
        "nl": "Het aantal woningen is geen heel getal van 1 of meer",
        "en": "The number of dwellings is not a whole number of 1 or more",
    },
    "upload_report": {"nl": "Controle van het bestand", "en": "File check"},
    "upload_problems": {
        "nl": "Het bestand heeft problemen; het dorp is niet veranderd.",
        "en": "The file has problems; the village did not change.",
    },
    "dropped_columns": {
        "nl": "Weggelaten kolommen (adressen en onbekende kolommen, nergens bewaard)",
        "en": "Dropped columns (addresses and unknown columns, kept nowhere)",
    },
    "synthesised_note": {
        "nl": (
            "Woningen samengesteld uit de buurtcijfers van PBL (Startanalyse 2020): aantallen per"
            " type, bouwjaar en label kloppen, de woningen zelf zijn verzonnen."
        ),
        "en": (
            "Dwellings synthesised from PBL's buurt statistics (Startanalyse 2020): counts by type,"
            " age and label match, the dwellings themselves are invented."
        ),
    },
    "fig_types": {"nl": "Woningtypes", "en": "Dwelling types"},
    "fig_periods": {"nl": "Bouwjaren", "en": "Construction years"},
    "fig_labels": {"nl": "Energielabels", "en": "Energy labels"},
    "fig_tenure": {"nl": "Eigendom", "en": "Tenure"},
    "fig_gas": {
        "nl": "Gasverbruik nu per woning (m³ per jaar)",
        "en": "Gas use today per dwelling (m³ per year)",
    },
    "fig_co2_type": {
        "nl": "CO₂-uitstoot nu per woningtype (ton per jaar)",
        "en": "CO₂ emissions today per dwelling type (tonnes per year)",
    },
    "fig_monthly": {
        "nl": "Energierekening nu per woning (euro per maand)",
        "en": "Energy bill today per dwelling (euro per month)",
    },
    "n_dwellings": {"nl": "Woningen", "en": "Dwellings"},
    "axis_dwellings": {"nl": "aantal woningen", "en": "number of dwellings"},
    "axis_tonnes": {"nl": "ton CO₂ per jaar", "en": "tonnes CO₂ per year"},
    "axis_eur_month": {"nl": "euro per maand", "en": "euro per month"},
    "axis_m3": {"nl": "m³ gas per jaar", "en": "m³ gas per year"},
    "kpi_gas": {"nl": "Gas per jaar", "en": "Gas per year"},
    "kpi_co2": {"nl": "CO₂ per jaar", "en": "CO₂ per year"},
    "kpi_bill": {"nl": "Energierekening per maand", "en": "Energy bill per month"},
    "per_month": {"nl": "per maand", "en": "per month"},
    "tonnes": {"nl": "ton", "en": "tonnes"},
    # Mijn huis
    "huis_title": {"nl": "Mijn huis", "en": "My house"},
    "huis_intro": {
        "nl": (
            "Vul uw woning in, of kies een woning uit het dorp. Daaronder staat wat elke keuze kost"
            " en wat er in huis verandert."
        ),
        "en": (
            "Enter your house, or pick a dwelling of the village. Below: what each choice costs and"
            " what changes in the house."
        ),
    },
    "huis_mode": {
        "nl": "Hoe wilt u de woning opgeven?",
        "en": "How do you want to give the house?",
    },
    "huis_enter": {"nl": "Zelf invullen", "en": "Enter it"},
    "huis_pick": {"nl": "Kies een woning uit het dorp", "en": "Pick a dwelling of the village"},
    "in_type": {"nl": "Woningtype", "en": "Dwelling type"},
    "in_year": {"nl": "Bouwjaar", "en": "Construction year"},
    "in_area": {"nl": "Woonoppervlak (m²)", "en": "Floor area (m²)"},
    "in_label": {"nl": "Energielabel", "en": "Energy label"},
    "label_unknown": {"nl": "weet ik niet", "en": "don't know"},
    "in_tenure": {"nl": "Eigendom", "en": "Tenure"},
    "in_income": {"nl": "Huishoudinkomen", "en": "Household income"},
    "in_income_help": {
        "nl": (
            "Onder de inkomensgrens van het Warmtefonds (verzamelinkomen) leent u tegen 0 % rente."
            " Elke klasse rekent met het gemiddelde inkomen van de Drentse huishoudens in die"
            " klasse (CBS). Weet u het niet of zegt u het liever niet: dan geldt de gewone"
            " Warmtefondsrente en het gemiddelde inkomen in Drenthe voor koop of huur (CBS)."
        ),
        "en": (
            "Below the Warmtefonds income limit (taxable household income) you borrow at 0 %"
            " interest. Each class counts with the mean income of the Drenthe households in it"
            " (CBS). If you don't know or would rather not say: the ordinary Warmtefonds rate and"
            " the mean income in Drenthe for owners or tenants (CBS)."
        ),
    },
    "in_gas": {
        "nl": "Gasverbruik volgens de meter (m³ per jaar, 0 = onbekend)",
        "en": "Metered gas use (m³ per year, 0 = unknown)",
    },
    "in_dwelling": {"nl": "Woning", "en": "Dwelling"},
    "house_compare": {"nl": "Alle keuzes naast elkaar", "en": "Every choice side by side"},
    "fig_house_monthly": {
        "nl": "Woonlasten per maand: nu en daarna",
        "en": "Monthly housing costs: now and after",
    },
    "fig_house_invest": {
        "nl": "Investering en subsidie (euro)",
        "en": "Investment and subsidy (euro)",
    },
    "fig_house_co2": {"nl": "CO₂-uitstoot (kg per jaar)", "en": "CO₂ emissions (kg per year)"},
    # Mijn huis: what each strategy means in the house (table headers)
    "mh_supply_temp": {"nl": "Aanvoertemperatuur nodig", "en": "Supply temperature needed"},
    "mh_lt_emitters": {
        "nl": "Grotere radiatoren of convectoren",
        "en": "Larger radiators or convectors",
    },
    "mh_capacity": {"nl": "Vermogen warmtepomp", "en": "Heat-pump capacity"},
    "mh_outdoor_unit": {"nl": "Buitenunit", "en": "Outdoor unit"},
    "mh_borehole": {"nl": "Bodemlus (boring)", "en": "Ground loop (borehole)"},
    "mh_delivery_set": {"nl": "Afleverset warmtenet", "en": "Heat-network delivery set"},
    "mh_keeps_gas": {"nl": "Blijft op gas", "en": "Stays on gas"},
    "mh_insulation": {"nl": "Isolatie", "en": "Insulation"},
    "mh_co2": {"nl": "CO₂ (kg per jaar)", "en": "CO₂ (kg per year)"},
    "mh_monthly_change": {
        "nl": "Woonlasten per maand, verschil met cv-ketel houden",
        "en": "Monthly housing costs, change against keeping the gas boiler",
    },
    "mh_space": {"nl": "Ruimte nodig", "en": "Space needed"},
    "mh_comfort": {"nl": "Comfort", "en": "Comfort"},
    "now": {"nl": "Nu (energierekening)", "en": "Today (energy bill)"},
    "house_monthly_note": {
        "nl": (
            "Nu: uw energierekening van vandaag, zonder lening of huurverhoging. 'Referentie:"
            " cv-ketel' is de cv-ketel houden en op tijd vervangen; het verschil per maand in de"
            " tabel is ten opzichte daarvan."
        ),
        "en": (
            "Today: your energy bill as it is, without a loan or rent increase. 'Reference: gas"
            " boiler' is keeping the gas boiler and replacing it in time; the monthly change in the"
            " table is against that."
        ),
    },
    "part_bill": {"nl": "Energierekening", "en": "Energy bill"},
    "part_loan": {"nl": "Aflossing lening", "en": "Loan repayment"},
    "part_rent": {"nl": "Huurverhoging", "en": "Rent increase"},
    "part_own": {"nl": "Eigen geld (per maand)", "en": "Own money (per month)"},
    "part_invest": {"nl": "Investering", "en": "Investment"},
    "part_subsidy": {"nl": "Subsidie", "en": "Subsidy"},
    "part_loaned": {
        "nl": "Na subsidie (te lenen of zelf te betalen)",
        "en": "After subsidy (to borrow or pay)",
    },
    "in_house": {"nl": "Wat het betekent in huis", "en": "What it means in the house"},
    "not_possible": {"nl": "kan hier niet", "en": "not possible here"},
    # Scenario's
    "scen_title": {"nl": "Scenario's", "en": "Scenarios"},
    "scen_intro": {
        "nl": (
            "Verschuif de belangrijkste aannames en zie meteen wat het dorp betaalt. Bewaar tot"
            " vier scenario's en vergelijk ze."
        ),
        "en": (
            "Move the main assumptions and see at once what the village pays. Keep up to four"
            " scenarios and compare them."
        ),
    },
    "source": {"nl": "Bron", "en": "Source"},
    "ctl_gas": {
        "nl": "Gasprijs 2026, levering zonder belasting (euro per m³)",
        "en": "Gas price 2026, supply excl. taxes (euro per m³)",
    },
    "ctl_elec": {
        "nl": "Stroomprijs 2026, levering zonder belasting (euro per kWh)",
        "en": "Electricity price 2026, supply excl. taxes (euro per kWh)",
    },
    "ctl_co2": {"nl": "CO₂-prijs 2030 (euro per ton)", "en": "CO₂ price 2030 (euro per tonne)"},
    "ctl_isde": {"nl": "ISDE-subsidie (procent van nu)", "en": "ISDE subsidy (percent of today)"},
    "ctl_loan_rate": {
        "nl": "Rente Warmtefonds (procent per jaar)",
        "en": "Warmtefonds interest rate (percent per year)",
    },
    "ctl_financing": {"nl": "Betalen met", "en": "Pay with"},
    "fin_warmtefonds": {"nl": "Lening (Warmtefonds)", "en": "Loan (Warmtefonds)"},
    "fin_own": {"nl": "Eigen geld", "en": "Own money"},
    "ctl_household_rate": {
        "nl": "Rekenrente huishoudens (procent per jaar)",
        "en": "Household discount rate (percent per year)",
    },
    "ctl_social_rate": {
        "nl": "Maatschappelijke rekenrente (procent per jaar)",
        "en": "Social discount rate (percent per year)",
    },
    "ctl_heat_fixed": {
        "nl": "Warmtetarief vast (euro per jaar)",
        "en": "Heat tariff, fixed (euro per year)",
    },
    "ctl_heat_var": {"nl": "Warmtetarief per GJ (euro)", "en": "Heat tariff per GJ (euro)"},
    "result_village": {"nl": "Het dorp in dit scenario", "en": "The village in this scenario"},
    "keep_as": {"nl": "Bewaar als", "en": "Keep as"},
    "keep": {"nl": "Bewaar scenario", "en": "Keep scenario"},
    "kept": {"nl": "Bewaarde scenario's", "en": "Kept scenarios"},
    "max_four": {
        "nl": "Er passen vier scenario's; de oudste is vervangen.",
        "en": "Four scenarios fit; the oldest was replaced.",
    },
    "compare_title": {"nl": "Scenario's naast elkaar", "en": "Scenarios side by side"},
    "compare_figure": {"nl": "Welk getal vergelijken?", "en": "Which figure to compare?"},
    "compare_need_two": {
        "nl": "Bewaar twee of meer scenario's om te vergelijken.",
        "en": "Keep two or more scenarios to compare.",
    },
    "differing": {"nl": "Aannames die verschillen", "en": "Assumptions that differ"},
    "download_yaml": {"nl": "Download scenario (YAML)", "en": "Download scenario (YAML)"},
    "upload_yaml": {
        "nl": "Scenario openen (YAML, max. 10 MB)",
        "en": "Open scenario (YAML, max 10 MB)",
    },
    "yaml_loaded": {"nl": "Scenario geladen", "en": "Scenario loaded"},
    "reset": {"nl": "Terug naar standaard", "en": "Back to default"},
    "perspective_end_user": {"nl": "Bewoner", "en": "Resident"},
    "perspective_national": {"nl": "Nederland als geheel", "en": "The Netherlands as a whole"},
    # Plan
    "plan_title": {"nl": "Plan voor het dorp", "en": "Plan for the village"},
    "plan_intro": {
        "nl": "Stel doelen en grenzen; het rekenmodel zoekt de goedkoopste mix die eraan voldoet.",
        "en": "Set targets and limits; the model finds the cheapest mix that meets them.",
    },
    "in_co2_target": {
        "nl": "CO₂-reductie (procent minder dan nu)",
        "en": "CO₂ reduction (percent below today)",
    },
    "in_budget": {
        "nl": "Budget voor investeringen (miljoen euro, 0 = geen grens)",
        "en": "Investment budget (million euro, 0 = no limit)",
    },
    "in_grid": {"nl": "Netcapaciteit per woning (kW)", "en": "Grid capacity per dwelling (kW)"},
    "in_participation": {
        "nl": "Minimale deelname warmtenet (procent)",
        "en": "Minimum heat-network participation (percent)",
    },
    "in_monthly_limit": {
        "nl": "Niemand gaat per maand meer dan dit betalen (euro, 0 = geen grens)",
        "en": "Nobody pays more per month than this (euro, 0 = no limit)",
    },
    "in_perspective": {"nl": "Goedkoopst voor", "en": "Cheapest for"},
    "in_pareto": {
        "nl": "Toon ook de afweging kosten tegen CO₂",
        "en": "Also show the cost against CO₂ trade-off",
    },
    "run_plan": {"nl": "Maak het plan", "en": "Make the plan"},
    "plan_running": {"nl": "Het model rekent…", "en": "The model is calculating…"},
    "plan_infeasible": {
        "nl": "Met deze doelen en grenzen bestaat geen plan.",
        "en": "No plan meets these targets and limits.",
    },
    "fig_mix": {
        "nl": "Welke verwarming, hoeveel woningen",
        "en": "Which heating, how many dwellings",
    },
    "fig_pareto": {"nl": "Kosten tegen CO₂-reductie", "en": "Cost against CO₂ reduction"},
    "axis_reduction": {"nl": "CO₂-reductie (procent)", "en": "CO₂ reduction (percent)"},
    "axis_cost_year": {"nl": "kosten (euro per jaar)", "en": "cost (euro per year)"},
    "collective": {"nl": "Wat het dorp samen doet", "en": "What the village does together"},
    "heat_network_built": {"nl": "Warmtenet aangelegd", "en": "Heat network built"},
    "grid_reinforced": {"nl": "Stroomnet verzwaard", "en": "Grid reinforced"},
    "solar_park": {"nl": "Zonnepark (kWp)", "en": "Solar park (kWp)"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "zone": {"nl": "zone", "en": "zone"},
    "shadow_price": {
        "nl": "De laatste ton CO₂ kost € {value} per jaar.",
        "en": "The last tonne of CO₂ costs € {value} per year.",
    },
    "shadow_none": {
        "nl": "Het CO₂-doel kost niets extra: de goedkoopste mix haalt het al.",
        "en": "The CO₂ target costs nothing extra: the cheapest mix already meets it.",
    },
    "plan_cost": {"nl": "Kosten van het plan", "en": "Cost of the plan"},
    "plan_co2": {"nl": "CO₂-reductie", "en": "CO₂ reduction"},
    "plan_max_rise": {"nl": "Grootste stijging woonlasten", "en": "Largest rise in housing costs"},
    "who_pays_more": {"nl": "Wie betaalt meer?", "en": "Who pays more?"},
    "per_year": {"nl": "per jaar", "en": "per year"},
    # Onzekerheid
    "unc_title": {"nl": "Onzekerheid", "en": "Uncertainty"},
    "unc_intro": {
        "nl": (
            "Prijzen en kosten liggen niet vast. Hier: welke aanname het meest uitmaakt, hoe breed"
            " de uitkomst is en hoe groot de kans is dat een huishouden meer gaat betalen."
        ),
        "en": (
            "Prices and costs are not fixed. Here: which assumption matters most, how wide the"
            " outcome is, and the chance that a household pays more."
        ),
    },
    "unc_example": {
        "nl": (
            "De bandbreedtes zijn een voorbeeld (scenario 'onzekere prijzen'), geen voorspelling."
        ),
        "en": "The ranges are an example (scenario 'uncertain prices'), not a forecast.",
    },
    "unc_samples": {"nl": "Aantal trekkingen", "en": "Number of samples"},
    "unc_strategy": {"nl": "Strategie", "en": "Strategy"},
    "fig_tornado": {
        "nl": "Welke aanname maakt het meest uit?",
        "en": "Which assumption matters most?",
    },
    "fig_distribution": {
        "nl": "Bandbreedte van de nationale meerkosten",
        "en": "Range of the national extra cost",
    },
    "axis_national_change": {
        "nl": "verandering nationale meerkosten (euro per jaar)",
        "en": "change in national extra cost (euro per year)",
    },
    "axis_national": {
        "nl": "nationale meerkosten (euro per jaar)",
        "en": "national extra cost (euro per year)",
    },
    "fig_risk": {
        "nl": "Kans dat een huishouden meer gaat betalen",
        "en": "Chance that a household pays more",
    },
    "axis_chance": {"nl": "kans (procent)", "en": "chance (percent)"},
    "low": {"nl": "laag", "en": "low"},
    "high": {"nl": "hoog", "en": "high"},
    "unc_run": {"nl": "Reken de onzekerheid door", "en": "Run the uncertainty"},
    # Coöperatie
    "nobody_pays_more": {"nl": "geen", "en": "none"},
    "coop_title": {"nl": "Coöperatie", "en": "Cooperative"},
    "coop_intro": {
        "nl": (
            "De businesscase van een warmtenet dat het dorp zelf bezit (een coöperatie): kies het"
            " tarief, de aansluitbijdrage, het ledenkapitaal en hoeveel huishoudens meedoen, en zie"
            " de kasstroom, de dekking van de bankrente per jaar, het rendement voor de leden en"
            " bij hoeveel deelname het rond is."
        ),
        "en": (
            "The business case of a heat network the village owns (a cooperative): choose the"
            " tariff, the connection fee, the member capital and how many households join, and see"
            " the cash flow, the debt cover per year, the members' return and the participation at"
            " which it breaks even."
        ),
    },
    "coop_no_zone": {
        "nl": (
            "Dit dorp heeft geen warmtenetzone: een businesscase voor een warmtenet is hier niet te"
            " maken."
        ),
        "en": (
            "This village has no heat-network zone: there is no heat-network business case to make"
            " here."
        ),
    },
    "coop_zone": {"nl": "Warmtenetzone", "en": "Heat-network zone"},
    "coop_tariff_fixed": {
        "nl": "Vast tarief (euro per jaar, incl. btw)",
        "en": "Fixed charge (euro per year, incl. VAT)",
    },
    "coop_tariff_gj": {
        "nl": "Prijs per GJ warmte (euro, incl. btw)",
        "en": "Price per GJ of heat (euro, incl. VAT)",
    },
    "coop_fee": {"nl": "Aansluitbijdrage (euro, eenmalig)", "en": "Connection fee (euro, one-off)"},
    "coop_capital": {"nl": "Ledenkapitaal (euro)", "en": "Member capital (euro)"},
    "coop_above_acm": {
        "nl": "Tarief mag boven het ACM-maximum (kostprijs, Wcw)",
        "en": "Tariff may exceed the ACM maximum (cost-based, Wcw)",
    },
    "coop_who_joins": {"nl": "Wie doet mee?", "en": "Who joins?"},
    "coop_own_choice": {
        "nl": "Ieder huishouden kiest wat voor hem het goedkoopst is",
        "en": "Each household picks what is cheapest for it",
    },
    "coop_set_share": {"nl": "Ik verwacht een deelname van", "en": "I expect a participation of"},
    "coop_share": {
        "nl": "Deelname (procent van de zone)",
        "en": "Participation (percent of the zone)",
    },
    "coop_from_survey": {
        "nl": "Wat de huishoudens in de enquête zeiden",
        "en": "What the households said in the survey",
    },
    "coop_survey_file": {
        "nl": "Enquête (CSV of XLSX, max. 10 MB)",
        "en": "Survey (CSV or XLSX, max 10 MB)",
    },
    "coop_survey_template": {
        "nl": "Lege enquête voor deze zone (Excel)",
        "en": "Empty survey for this zone (Excel)",
    },
    "coop_survey_how": {
        "nl": (
            "Download de lege enquête: een regel per woning van de zone. Vul per woning in:"
            " `would_join` (ja, misschien of nee), `plans_heat_pump` (ja of nee: wil zelf een"
            " warmtepomp), `already_insulated` (ja of nee) en `invest_eur` (wat het huishouden"
            " als lid wil inleggen, in euro). Laad het bestand hier weer in. Tot dan rekent de"
            " pagina met de eigen keuze van ieder huishouden."
        ),
        "en": (
            "Download the empty survey: one row per dwelling of the zone. Fill in per dwelling:"
            " `would_join` (yes, maybe or no), `plans_heat_pump` (yes or no: wants a heat pump of"
            " its own), `already_insulated` (yes or no) and `invest_eur` (what the household"
            " would put in as a member, in euro). Upload the file here again. Until then the"
            " page counts with each household's own choice."
        ),
    },
    "coop_survey_read": {
        "nl": "Enquête gelezen: {rows} woningen, {yes} ja, {maybe} misschien, {no} nee.",
        "en": "Survey read: {rows} dwellings, {yes} yes, {maybe} maybe, {no} no.",
    },
    "coop_survey_capital": {
        "nl": "Ledenkapitaal: de {eur} die de huishoudens in de enquête willen inleggen.",
        "en": "Member capital: the {eur} the households in the survey would put in.",
    },
    "coop_survey_bad": {"nl": "De enquête is niet gebruikt.", "en": "The survey was not used."},
    "upload_survey_answer": {
        "nl": (
            "Regel {row}: '{value}' in kolom {column} is geen antwoord. Mogelijk: ja, misschien, "
            "nee (leeg = misschien)."
        ),
        "en": (
            "Row {row}: '{value}' in column {column} is not an answer. Possible: yes, maybe, no "
            "(empty = maybe)."
        ),
    },
    "upload_survey_number": {
        "nl": "Regel {row}: '{value}' in kolom {column} is geen bedrag van 0 of meer.",
        "en": "Row {row}: '{value}' in column {column} is not an amount of 0 or more.",
    },
    "upload_survey_no_id": {
        "nl": "De enquête heeft geen kolom dwelling_id (gevonden: {columns}).",
        "en": "The survey has no dwelling_id column (found: {columns}).",
    },
    "upload_survey_no_rows": {
        "nl": "De enquête heeft een kopregel maar geen antwoorden: één regel per woning.",
        "en": "The survey has a header but no answers: one row per dwelling.",
    },
    "upload_survey_no_answer": {
        "nl": (
            "De enquête heeft geen kolom would_join (per woning) of join_yes, join_maybe en "
            "join_no (per groep)."
        ),
        "en": (
            "The survey has no would_join column (per dwelling) or join_yes, join_maybe and "
            "join_no (per group)."
        ),
    },
    "upload_survey_duplicate": {
        "nl": "Regel {row}: woning '{dwelling}' staat er twee keer in.",
        "en": "Row {row}: dwelling '{dwelling}' is in it twice.",
    },
    "upload_survey_unknown_dwelling": {
        "nl": (
            "Regel {row}: woning '{dwelling}' hoort niet bij dit dorp ({count} onbekende woningen"
            " in het bestand). Gebruik de woningnummers van de lege enquête."
        ),
        "en": (
            "Row {row}: dwelling '{dwelling}' is not in this village ({count} unknown dwellings in"
            " the file). Use the dwelling ids of the empty survey."
        ),
    },
    "coop_connections": {"nl": "Aansluitingen", "en": "Connections"},
    "coop_project_irr": {"nl": "Rendement project", "en": "Project return"},
    "coop_member_irr": {"nl": "Rendement leden", "en": "Members' return"},
    "coop_min_dscr": {"nl": "Laagste dekking bankrente", "en": "Lowest debt cover"},
    "coop_break_even": {"nl": "Rond bij deelname", "en": "Breaks even at"},
    "coop_never": {"nl": "nooit", "en": "never"},
    "coop_funding_gap": {"nl": "Nog te vinden (euro)", "en": "Still to find (euro)"},
    "coop_household": {
        "nl": (
            "Een huishouden op het warmtenet betaalt {net} per maand, tegen {alt} voor zijn eigen"
            " goedkoopste alternatief."
        ),
        "en": (
            "A household on the network pays {net} a month, against {alt} for its own cheapest"
            " alternative."
        ),
    },
    "coop_project_cf": {"nl": "kasstroom project", "en": "project cash flow"},
    "coop_member_cf": {"nl": "voor de leden na de bank", "en": "for the members after the bank"},
    "coop_dscr": {"nl": "dekking", "en": "cover"},
    "coop_dscr_required": {"nl": "minimum van de bank", "en": "the bank's minimum"},
    "coop_joining": {"nl": "doet mee", "en": "joins"},
    "coop_charge_set": {"nl": "gekozen vast tarief", "en": "fixed charge chosen"},
    "fig_coop_cash_flow": {
        "nl": "Kasstroom per jaar (duizend euro)",
        "en": "Cash flow per year (thousand euro)",
    },
    "fig_coop_dscr": {
        "nl": "Dekking van rente en aflossing per jaar (DSCR)",
        "en": "Cover of interest and repayment per year (DSCR)",
    },
    "fig_coop_participation": {
        "nl": "Wie doet mee bij welk vast tarief",
        "en": "Who joins at which fixed charge",
    },
    "axis_year": {"nl": "jaar", "en": "year"},
    "axis_k_eur": {"nl": "duizend euro", "en": "thousand euro"},
    "axis_dscr": {"nl": "keer gedekt", "en": "times covered"},
    "axis_fixed_charge": {
        "nl": "vast tarief (euro per jaar)",
        "en": "fixed charge (euro per year)",
    },
    "axis_share_joining": {"nl": "deel van de zone", "en": "share of the zone"},
    # Export
    "exp_title": {"nl": "Export voor de adviseur", "en": "Export for the adviser"},
    "exp_intro": {
        "nl": "Alle cijfers van het huidige dorp en scenario om mee te nemen.",
        "en": "Every figure of the current village and scenario to take home.",
    },
    "exp_lang": {"nl": "Taal van de kolomkoppen", "en": "Language of the column headers"},
    "exp_xlsx": {"nl": "Excel-werkmap (alle tabellen)", "en": "Excel workbook (all tables)"},
    "exp_stock_upload": {
        "nl": "De woningen komen uit het bestand",
        "en": "The dwellings come from the file",
    },
    "exp_stock_buurt": {
        "nl": "De woningen zijn samengesteld uit de buurtcijfers van",
        "en": "The dwellings are put together from the buurt statistics of",
    },
    "rows": {"nl": "rijen", "en": "rows"},
    "exp_csv": {"nl": "CSV-bestanden (zip)", "en": "CSV files (zip)"},
    "exp_yaml": {"nl": "Scenario (YAML)", "en": "Scenario (YAML)"},
    "exp_plan": {"nl": "Het plan (Excel)", "en": "The plan (Excel)"},
    "exp_plan_json": {"nl": "Het plan (JSON)", "en": "The plan (JSON)"},
    "exp_no_plan": {
        "nl": "Nog geen plan: maak er een op de pagina Plan.",
        "en": "No plan yet: make one on the Plan page.",
    },
}
APP_STRINGS.update(CRITERIA_STRINGS | HOURS_STRINGS)  # weighing (issue 25), hours (issue 21)

APP_STRINGS.update(EVENING_STRINGS)  # the village evening's (issue 23)
