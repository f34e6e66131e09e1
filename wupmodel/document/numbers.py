"""Dutch numbers for the document: thousands with a dot, decimals with a comma, a unit after a
non-breaking space, a dash for a missing value.

The same conventions as the app's :func:`wupmodel.app.i18n.format_number` (a test checks that
both write every figure alike); kept here because the core never imports the app.
"""

from __future__ import annotations

import math

__all__ = ["NBSP", "num", "money", "share", "compact", "signed_money", "change", "year"]

#: between a number and its unit, and after the euro sign: never broken across lines
NBSP = "\u00a0"
MISSING = "–"


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(float(value))


def num(value: float | None, decimals: int = 0, unit: str = "", sign: bool = False) -> str:
    """``value`` as a Dutch reader writes it: ``1.234,5`` (``unit`` after a non-breaking space,
    ``+`` before a rise with ``sign``; a missing value is a dash)."""
    if not _finite(value):
        return MISSING
    value = float(value)
    if round(value, decimals) == 0:
        value = 0.0  # never "-0"
    text = f"{value:{'+' if sign and value else ''},.{decimals}f}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text}{NBSP}{unit}" if unit else text


def money(value: float | None, decimals: int = 0) -> str:
    """An amount in euro: ``€ 1.234``."""
    text = num(value, decimals)
    return text if text == MISSING else f"€{NBSP}{text}"


def signed_money(value: float | None, decimals: int = 0) -> str:
    """A change in euro with its sign: ``€ +12``, ``€ -3``."""
    text = num(value, decimals, sign=True)
    return text if text == MISSING else f"€{NBSP}{text}"


def change(value: float | None, subject: str = "de woonlasten", per: str = " per maand") -> str:
    """A change in euro in words: "de woonlasten dalen met € 33 per maand", "... stijgen met
    € 12 per maand", "... blijven vrijwel gelijk" (under half a euro either way)."""
    if not _finite(value):
        return f"{subject} veranderen met een onbekend bedrag"
    value = float(value)
    if abs(value) < 0.5:
        return f"{subject} blijven vrijwel gelijk"
    verb = "dalen" if value < 0 else "stijgen"
    return f"{subject} {verb} met {money(abs(value))}{per}"


def share(value: float | None, decimals: int = 0) -> str:
    """A share (0,6) as a percentage: ``60 %``."""
    if not _finite(value):
        return MISSING
    return num(100.0 * float(value), decimals, "%")


_LARGE = ((1e9, "miljard"), (1e6, "miljoen"))


def compact(value: float | None, unit: str = "", euro: bool = False) -> str:
    """A large figure for running text: ``1,08 miljoen m³`` from a million up (three
    significant digits), the whole number below it; with ``euro`` an amount (``€ 1,08
    miljoen``)."""
    if not _finite(value):
        return MISSING
    value = float(value)
    prefix = f"€{NBSP}" if euro else ""
    for size, word in _LARGE:
        if abs(value) >= size:
            scaled = value / size
            decimals = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
            return prefix + num(scaled, decimals, f"{word}{NBSP}{unit}".strip())
    return prefix + num(value, 0, unit)


def year(value: float | None) -> str:
    """A calendar year, without a thousands separator (``2030``)."""
    return str(int(value)) if _finite(value) else MISSING
