"""Appendix A's taxes and support per year, when the run has them (issue 20: the run's table
``policy``, one row per series and year with ``value``, ``unit``, ``carried_forward`` and
``published_year``); a figure not yet published for its year is marked, never shown as if it
were. Without that table the section says that the model holds today's rules."""

from __future__ import annotations

from typing import Any

import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block
from wupmodel.document.parts import missing, table
from wupmodel.document.words import zone_words

__all__ = ["policy_blocks", "heat_network_rows", "POLICY_WORDS", "POLICY_YEARS"]

POLICY_YEARS = (2026, 2027, 2028, 2030)

#: the policy series in words (a series not named here is shown as "andere regel")
POLICY_WORDS = {
    "gas_tax_0_1000_eur_m3": "Energiebelasting op gas (tot 1.000 m³)",
    "gas_tax_1000_170000_eur_m3": "Energiebelasting op gas (1.000 tot 170.000 m³)",
    "elec_tax_0_10000_eur_kwh": "Energiebelasting op stroom (tot 10.000 kWh)",
    "tax_credit_eur": "Belastingvermindering per aansluiting",
    "acm_heat_fixed_eur": "Hoogste vaste warmtetarief (ACM)",
    "acm_heat_variable_eur_gj": "Hoogste warmteprijs per gigajoule (ACM)",
    "heat_connection_fee_eur": "Aansluitbijdrage warmtenet",
    "feed_in_min_share_of_supply": "Terugleververgoeding: minimaal deel van de leveringsprijs",
    "isde_hp_air_start_eur": "ISDE luchtwarmtepomp: vast bedrag",
    "isde_hp_air_per_kw_eur": "ISDE luchtwarmtepomp: per kW",
    "isde_hp_a3plus_bonus_eur": "ISDE: extra voor de zuinigste warmtepompen",
    "isde_hp_second_start_eur": "ISDE tweede warmtepomp: vast bedrag",
    "isde_hp_repeat_years": "ISDE: jaren tot een tweede warmtepomp",
    "isde_ventilation_eur": "ISDE: ventilatie bij isolatie",
    "isde_heat_network_eur": "ISDE: aansluiting op een warmtenet",
}

_UNITS = {
    "EUR": "euro",
    "EUR/yr": "euro/jaar",
    "EUR/GJ": "euro/GJ",
    "EUR/kWh": "euro/kWh",
    "EUR/m3": "euro/m³",
    "EUR/kW": "euro/kW",
    "fraction": "deel",
    "yr": "jaar",
}


def _cell(value: float, carried: bool, decimals: int) -> str:
    text = nl.num(value, decimals)
    return f"{text}*" if carried and text != nl.MISSING else text


def policy_blocks(policy: pd.DataFrame | None) -> list[Block]:
    """The policy table (values per year, carried-forward figures marked with an asterisk and
    the year they were published), or a note that the model holds today's rules."""
    if policy is None or policy.empty:
        return [
            missing(
                "Een tabel van belastingen, subsidies en tarieven per jaar na 2026 (met"
                " gemarkeerd wat voor een jaar nog niet gepubliceerd is)",
                "het beleid per jaar in het model zit; tot dan houdt het model de regels van"
                " 2026 aan voor alle jaren",
            )
        ]
    years = [y for y in POLICY_YEARS if y in set(policy["year"])]
    shown = policy[policy["year"].isin(years)]
    rows = []
    for series, part in shown.groupby("series", sort=False):
        by_year = part.set_index("year")
        values = by_year["value"].astype(float)
        decimals = 3 if values.abs().max() < 10 and (values % 1 != 0).any() else 0
        unit = str(part["unit"].iloc[0])
        rows.append(
            (
                POLICY_WORDS.get(str(series), "Andere regel"),
                _UNITS.get(unit, unit),
                *(
                    _cell(
                        values.get(y, float("nan")),
                        bool(by_year["carried_forward"].get(y)),
                        decimals,
                    )
                    for y in years
                ),
            )
        )
    return [
        table(
            "policy",
            "Belastingen, subsidies en tarieven per jaar",
            ("Regel", "Eenheid", *(str(y) for y in years)),
            rows,
            "policy",
            note="* Nog niet gepubliceerd voor dat jaar: het model houdt de laatst gepubliceerde"
            " waarde aan. Elke waarde met bron en jaar staat in het werkboek bij dit document.",
        )
    ]


def heat_network_rows(networks: Any, sources: pd.DataFrame) -> list[tuple[str, str]]:
    """The scenario's heat networks under the Wet collectieve warmte in words: each network
    type's heat source (``sources``: the heat-source table with ``heat_source`` and
    ``label_nl``), a zone's own source, the tariff, the owners and the investment subsidy."""
    names = dict(
        zip(sources["heat_source"].astype(str), sources["label_nl"].astype(str), strict=True)
    )
    rows = [
        ("Warmtebron van een warmtenet (middentemperatuur)", names.get(networks.mt_source, "–")),
        ("Warmtebron van een warmtenet (lage temperatuur)", names.get(networks.lt_source, "–")),
    ]
    rows += [
        (f"Warmtebron in zone {zone_words(z)}", names.get(v, "–"))
        for z, v in networks.zone_sources.items()
    ]
    rows += [
        (
            "Warmtetarief voor huishoudens",
            "op basis van de kosten (Wet collectieve warmte)"
            if networks.tariff == "cost_based"
            else "het maximum van de ACM, gekoppeld aan de gasprijs",
        ),
        (
            "Eigenaar van het warmtenet",
            "meerderheid in publieke handen"
            if networks.ownership == "public_majority"
            else "een particulier bedrijf",
        ),
        ("Investeringssubsidie warmtenetten (WIS)", "ja" if networks.wis else "nee"),
    ]
    return rows
