"""Chapter 1's grid section from the hourly pass (issue 21), when the run has one.

The builder reads the hourly report as plain data: the mapping of its ``to_json_dict()``
(``design_weather_year``, ``energy_weather_year``, ``battery_kwh`` and per strategy
``peak_kw``, ``peak_kw_per_dwelling``, ``peak_time``, ``load_duration_kw`` at
``load_duration_hours``, ``zones`` with each zone's ``dwellings``, ``peak_kw``, ``capacity_kw``
and ``excess_kw``, ``pv_mwh``, ``self_consumption_share``, ``battery`` and, when the report
has one, the ``cold_year_check`` with ``cold_check_weather_year``). The run gets it
through ``given={"hourly": ...}`` of :func:`wupmodel.wup_document` or from the model's hourly
verb in :mod:`wupmodel.document.run`; without it the section says that it is not there yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.model import Block, Paragraph
from wupmodel.document.parts import figure, table
from wupmodel.document.words import zone_words

__all__ = ["hourly_blocks", "hourly_frame", "dutch_time"]

_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_time(label: str, short: bool = False) -> str:
    """``'1987-01-11 18:00 UTC'`` as a Dutch reader says it, in Dutch time (the hours are whole):
    "11 januari, 19 uur" (``short``: "11 jan 19 uur", for a table); a dash when there is no
    time."""
    if not label:
        return nl.MISSING
    when = pd.Timestamp(label).tz_convert("Europe/Amsterdam")
    month = _MONTHS[when.month - 1]
    if short:
        return f"{when.day}{nl.NBSP}{month[:3]} {when.hour}{nl.NBSP}uur"
    return f"{when.day} {month}, {when.hour} uur"


def hourly_frame(hours: Mapping[str, Any]) -> pd.DataFrame:
    """One row per strategy of the hourly report's JSON (the document's source table
    ``uurberekening``): the village's peak, per dwelling, its time, the zones above capacity,
    PV, self-consumption without and with a home battery."""
    rows = []
    for name, s in hours.get("strategies", {}).items():
        zones = s.get("zones", {})
        battery = s.get("battery", {})
        rows.append(
            {
                "strategy": name,
                "peak_kw": s.get("peak_kw"),
                "peak_kw_per_dwelling": s.get("peak_kw_per_dwelling"),
                "peak_time": s.get("peak_time", ""),
                "zones_over_capacity": sum(
                    1 for z in zones.values() if (z.get("excess_kw") or 0) > 0
                ),
                "pv_mwh": s.get("pv_mwh"),
                "self_consumption_share": s.get("self_consumption_share"),
                "battery_self_consumption_share": battery.get("self_consumption_share"),
            }
        )
    return pd.DataFrame(rows)


def _zone_table(name: str, label: str, strategy: Mapping[str, Any]) -> Block:
    rows = [
        (
            zone_words(z).capitalize(),
            nl.num(v.get("dwellings")),
            nl.num(v.get("peak_kw"), unit="kW"),
            nl.num(v.get("capacity_kw"), unit="kW"),
            nl.num(v.get("excess_kw"), unit="kW") if (v.get("excess_kw") or 0) > 0 else "geen",
        )
        for z, v in strategy.get("zones", {}).items()
    ]
    return table(
        f"hours_zones_{name}",
        f"Piek per laagspanningszone bij {label.lower()}",
        ("Zone", "Woningen", "Piek", "Capaciteit", "Tekort"),
        rows,
        "hourly",
    )


def _duration_figure(hours: Mapping[str, Any], labels: Mapping[str, str]) -> Block:
    strategies = hours["strategies"]
    first = next(iter(strategies.values()))
    points = [int(h) + 1 for h in first.get("load_duration_hours", ())]
    series = {labels.get(n, n): s.get("load_duration_kw", ()) for n, s in strategies.items()}
    return figure(
        "fig_load_duration",
        "Belasting van het net, van het drukste uur af (kW)",
        "Lijndiagram van de belasting van het laagspanningsnet van het hele dorp per strategie,"
        " gesorteerd van het drukste uur af: "
        + "; ".join(f"{k} {nl.num(v[0], unit='kW')} in het drukste uur" for k, v in series.items())
        + ".",
        "hourly",
        "line",
        [f"{nl.num(p)}e uur" for p in points],
        series,
        axis="kW",
    )


def _cold_paragraph(
    hours: Mapping[str, Any], label: str, cold: Mapping[str, Any] | None
) -> Paragraph | None:
    """What a severe winter would ask of the same zones (the cold-year check), or ``None``."""
    if not cold:
        return None
    over = int(cold.get("zones_over_capacity", 0))
    zones = (
        "komt geen zone"
        if over == 0
        else ("komt één zone" if over == 1 else f"komen {nl.num(over)} zones")
    )
    return Paragraph(
        f"Het net is berekend op een gewone winter ({nl.year(hours.get('design_weather_year'))}),"
        " zoals metingen bij warmtepompen laten zien. In een strenge winter zoals die van"
        f" {nl.year(cold.get('weather_year'))} vraagt {label.lower()} gemiddeld"
        f" {nl.num(cold.get('peak_kw_per_dwelling'), 2, 'kW')} per woning in het drukste uur;"
        f" dan {zones} boven wat het net nu aankan. Zo'n winter komt eens in de tientallen"
        " jaren; de netbeheerder kan er toch op verzwaren, of een buurtbatterij vangt de piek op."
    )


def hourly_blocks(
    hours: Mapping[str, Any], labels: Mapping[str, str], main: str, dwellings: float
) -> list[Block]:
    """The grid section's blocks from the hourly report's JSON (see the module docstring).

    ``labels``: strategy -> its Dutch name; ``main``: the strategy whose zones are shown (the
    plan's main one, see :func:`wupmodel.document.run.main_strategy`); ``dwellings``: the
    village's dwellings, where the report does not give its own."""
    strategies = hours.get("strategies", {})
    if not strategies:
        return []
    frame = hourly_frame(hours)
    chosen = main if main in strategies else next(iter(strategies))
    top = strategies[chosen]
    label = labels.get(chosen, chosen)
    blocks: list[Block] = [
        Paragraph(
            "De uurberekening rekent elk uur van een jaar door, met het weer van"
            f" {nl.year(hours.get('design_weather_year'))} voor de piek. Bij"
            f" {label.lower()} is het drukste uur van het dorp"
            f" {dutch_time(top.get('peak_time', ''))}: samen"
            f" {nl.num(top.get('peak_kw'), unit='kW')}, gemiddeld"
            f" {nl.num(top.get('peak_kw_per_dwelling'), 2, 'kW')} per woning over"
            f" {nl.num(top.get('dwellings', dwellings))} woningen."
        ),
        table(
            "hours_strategies",
            "Het net per uur: piek en zonnestroom per strategie",
            (
                "Strategie",
                "Piek dorp",
                "Piek per woning",
                "Drukste uur",
                "Zones te vol",
                "Eigen gebruik zonnestroom",
                "Met thuisbatterij",
            ),
            [
                (
                    labels.get(r.strategy, r.strategy),
                    nl.num(r.peak_kw, unit="kW"),
                    nl.num(r.peak_kw_per_dwelling, 2, "kW"),
                    dutch_time(r.peak_time, short=True),
                    nl.num(r.zones_over_capacity),
                    nl.share(r.self_consumption_share),
                    nl.share(r.battery_self_consumption_share),
                )
                for r in frame.itertuples()
            ],
            "hourly",
            note=f"Eigen gebruik: het deel van de zonnestroom dat de huishoudens zelf gebruiken op"
            f" het moment dat het wordt opgewekt (weer van"
            f" {nl.year(hours.get('energy_weather_year'))}); met een thuisbatterij van"
            f" {nl.num(hours.get('battery_kwh'), 1, 'kWh')} in elk huis met zonnepanelen.",
        ),
        _zone_table(chosen, label, top),
    ]
    cold = _cold_paragraph(hours, label, top.get("cold_year_check"))
    if cold is not None:
        blocks.append(cold)
    if all(s.get("load_duration_kw") for s in strategies.values()):
        blocks.append(_duration_figure(hours, labels))
    return blocks
