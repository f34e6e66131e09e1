"""Canonical names shared by the stock, the physics and the catalogue.

Arrays in the core carry integer codes that index these tuples.
"""

from __future__ import annotations

#: Dwelling types (PBL / BAG classes). Index = integer code used in the core.
DWELLING_TYPES: tuple[str, ...] = (
    "vrijstaand",
    "twee_onder_een_kap",
    "hoekwoning",
    "tussenwoning",
    "meergezins_laag",
    "meergezins_hoog",
)

#: Energy labels, best first (NTA 8800 classes since 2021). Code -1 means "unknown".
ENERGY_LABELS: tuple[str, ...] = (
    "A++++",
    "A+++",
    "A++",
    "A+",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
)

#: Tenure classes.
TENURES: tuple[str, ...] = ("koop", "huur_corporatie", "huur_particulier")

#: Insulation levels, from least to most; index = code.
INSULATION_LEVELS: tuple[str, ...] = ("current", "basic", "standard", "deep")

#: Heating systems; ``gas_boiler`` is the reference.
HEATING_SYSTEMS: tuple[str, ...] = (
    "gas_boiler",
    "hybrid_hp",
    "air_hp",
    "ground_hp",
    "heat_network_mt",
    "heat_network_lt",
)

#: Construction periods used by the archetype tables: (label, first year, last year).
CONSTRUCTION_PERIODS: tuple[tuple[str, int, int], ...] = (
    ("pre1930", 0, 1929),
    ("1930_1945", 1930, 1945),
    ("1946_1964", 1946, 1964),
    ("1965_1974", 1965, 1974),
    ("1975_1991", 1975, 1991),
    ("1992_2005", 1992, 2005),
    ("2006_later", 2006, 9999),
)

#: Limits on the well-being criteria an optimised plan can be asked to respect
#: (``targets.limits``, ``wupmodel optimise --limit``): no outdoor unit above the noise limit
#: without a screen; no worse summer overheating than today.
CRITERIA_LIMITS: tuple[str, ...] = ("noise", "overheating")
