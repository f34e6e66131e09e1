"""A cooperative's business case as files a bank can read (``coop.xlsx``, ``coop.json``) and as a
short terminal summary.

The workbook: a read-me sheet (what each sheet holds and the headline figures), the ratios, the
assumptions with their sources, the yearly cash flow, the financing (sources and uses, loan
terms), the participation curve and the tariff <-> uptake loop, and the provenance. Text cells
that start with ``= + - @`` are written with a leading apostrophe (no formula injection);
numbers keep full precision. Both files are written atomically.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.coop.business import BusinessCase
from wupmodel.io.atomic import atomic_write
from wupmodel.io.files import write_json
from wupmodel.io.headers import header
from wupmodel.io.provenance import provenance_table

SHEETS: dict[str, str] = {
    "ratios": (
        "Headline figures: investment, project IRR and NPV (after tax, unlevered), members' equity"
        " IRR and NPV, minimum DSCR and LLCR of the bank debt, the debt and member capital,"
        " solvency, and the household's monthly cost on the network against its own cheapest"
        " alternative."
    ),
    "assumptions": (
        "Every parameter and setting used, with its unit, where it came from and its source."
    ),
    "cash_flow": (
        "Year by year (EUR excl. VAT, real euros of the price year): investment, connection fees,"
        " subsidies, revenue, operating costs, EBITDA, tax, CFADS, bank"
        " draw/interest/principal/balance, junior debt service, DSCR, project and equity cash"
        " flows."
    ),
    "financing": "Sources and uses of the construction, and the terms of each loan.",
    "participation": (
        "Participation curve: per fixed charge (incl. VAT) the share of the zone's dwellings "
        "that join (each household against its own cheapest non-network option), connections, "
        "project NPV and the fixed cost per connection."
    ),
    "uptake_loop": "The tariff -> uptake -> cost per connection -> tariff loop, round by round.",
    "households": (
        "Per group of identical dwellings of the zone: its cheapest heat-network and non-network"
        " options, heat bought, design load, the occupant's yearly cost on the network at the"
        " tariff and of its alternative (equivalent annual cost), the first-year heat bill against"
        " its niet-meer-dan-anders maximum (its gas boiler's cost of heat), and how many of its"
        " dwellings join."
    ),
    "provenance": "What ran: model version, time, stock, command line, overrides.",
}

_UNITS = {
    "investment_eur": "EUR",
    "investment_per_connection_eur": "EUR",
    "net_investment_eur": "EUR",
    "project_irr": "1/yr",
    "project_npv_eur": "EUR",
    "equity_irr": "1/yr",
    "equity_npv_eur": "EUR",
    "min_dscr": "-",
    "llcr": "-",
    "bank_debt_eur": "EUR",
    "bank_debt_by_dscr_eur": "EUR",
    "debt_reserve_eur": "EUR",
    "member_capital_eur": "EUR",
    "member_capital_offered_eur": "EUR",
    "solvency": "share",
    "solvency_required": "share",
    "funding_gap_eur": "EUR",
    "household_network_cost_eur_per_month": "EUR/month",
    "household_alternative_cost_eur_per_month": "EUR/month",
    "share_joining_above_nmda": "share",
    "yield_mwh_per_yr": "MWh/yr",
    "price_eur_per_kwh_first_year": "EUR/kWh",
}


def _safe(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and len(value) > 1 and value[0] in "=+-@":
        return "'" + value
    return value


def _escaped(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(_safe)
    return out


def business_case_tables(case: BusinessCase) -> dict[str, pd.DataFrame]:
    """The workbook's sheets (without read-me and provenance) by name."""
    ratios = pd.DataFrame(
        {
            "figure": list(case.metrics),
            "value": [float(v) for v in case.metrics.values()],
            "unit": [_UNITS.get(k, "") for k in case.metrics],
        }
    )
    extra = [
        ("asset", case.asset, ""),
        ("zone", case.zone or "", ""),
        ("zone dwellings", case.zone_dwellings, "number"),
        ("connections", case.connections, "number"),
        ("participation", case.participation, "share"),
        ("participation from", case.participation_source, ""),
        ("fixed charge, first year (incl. VAT)", float(case.tariff_fixed_eur_per_yr[1]), "EUR/yr"),
        ("price per GJ, first year (incl. VAT)", float(case.tariff_eur_per_gj[1]), "EUR/GJ"),
        ("connection fee (incl. VAT)", case.connection_fee_eur, "EUR"),
        ("break-even fixed charge", case.break_even_tariff.value, "EUR/yr"),
        ("break-even fixed charge: why none", case.break_even_tariff.reason, ""),
        ("break-even participation", case.break_even_participation.value, "share"),
        ("break-even participation: why none", case.break_even_participation.reason, ""),
    ]
    if case.loop is not None:
        extra += [
            ("uptake loop stable", str(case.loop.converged), ""),
            ("uptake loop rounds", case.loop.iterations, ""),
            ("uptake loop: why no stable point", case.loop.reason, ""),
        ]
    head = pd.DataFrame(extra, columns=["figure", "value", "unit"])
    ratios = pd.concat(
        [head.astype({"value": object}), ratios.astype({"value": object})], ignore_index=True
    )
    i = case.inputs
    terms = pd.DataFrame(
        [
            ("terms", "bank debt: interest", i.debt_rate, ""),
            ("terms", "bank debt: term (yr)", i.debt_term_years, ""),
            ("terms", "bank debt: repayment", i.repayment, ""),
            ("terms", "bank debt: minimum DSCR", i.min_dscr, ""),
            ("terms", "bank debt: largest share of the investment", i.max_debt_share, ""),
            ("terms", "bank debt: up-front fee (share)", i.debt_fee_share, ""),
            ("terms", "bank debt: service reserve (months)", i.debt_reserve_months, ""),
            ("terms", "member loans: interest", i.member_loan_rate, ""),
            ("terms", "member loans: term (yr)", i.member_loan_term_years, ""),
            ("terms", "public loan: interest", i.public_loan_rate, ""),
            ("terms", "public loan: term (yr)", i.public_loan_term_years, ""),
            ("terms", "discount rate (NPV, break-even)", i.discount_rate, ""),
            ("terms", "corporate tax rate", i.tax_rate, ""),
        ],
        columns=["side", "item", "amount_eur", "note"],
    )
    financing = pd.concat(
        [
            case.financing_frame().assign(note="").astype({"amount_eur": object}),
            terms.astype({"amount_eur": object}),
        ],
        ignore_index=True,
    )
    tables = {
        "ratios": ratios,
        "assumptions": case.assumptions,
        "cash_flow": case.cash_flow_frame(),
        "financing": financing,
        "participation": case.curve,
    }
    if not case.households.empty:
        tables["households"] = case.households
    if case.loop is not None:
        tables["uptake_loop"] = pd.DataFrame(
            [
                {"round": k + 1, "participation": p, "break_even_fixed_eur_per_yr": f}
                for k, (f, p) in enumerate(case.loop.path)
            ]
        )
    return tables


def _readme(
    case: BusinessCase, sheets: list[str], provenance: Mapping[str, Any] | None
) -> pd.DataFrame:
    rows = [
        {
            "item": "wupmodel cooperative business case",
            "value": (
                f"{case.asset.replace('_', ' ')}{' of zone ' + case.zone if case.zone else ''},"
                f" {case.inputs.horizon_years} operating years from {case.start_year + 1}; EUR"
                " excl. VAT unless stated, real euros of the price year. Pro forma: check every"
                " assumption before use."
            ),
        }
    ]
    rows += [{"item": f"sheet {s}", "value": SHEETS.get(s, "")} for s in sheets]
    rows += [{"item": "notice", "value": n} for n in case.notices]
    if provenance:
        rows += provenance_table(provenance).to_dict(orient="records")
    return pd.DataFrame(rows, columns=["item", "value"])


def _write_workbook(
    target: Path | io.BytesIO, readme: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> None:
    """The workbook's sheets into ``target`` (a file path or a buffer)."""
    with pd.ExcelWriter(
        target, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False}}
    ) as writer:
        book = writer.book
        head_fmt = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        _escaped(readme).to_excel(writer, sheet_name="read_me", index=False)
        ws = writer.sheets["read_me"]
        ws.set_column(0, 0, 30, wrap)
        ws.set_column(1, 1, 110, wrap)
        ws.freeze_panes(1, 0)
        for name, frame in tables.items():
            frame = _escaped(frame)
            frame.to_excel(writer, sheet_name=name[:31], index=False, header=False, startrow=1)
            ws = writer.sheets[name[:31]]
            for j, col in enumerate(frame.columns):
                ws.write_string(0, j, header(str(col)), head_fmt)
                ws.set_column(j, j, 18 if j else 28)
            ws.set_row(0, 45)
            ws.freeze_panes(1, 1)


def _sheets(
    case: BusinessCase, provenance: Mapping[str, Any] | None
) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    tables = business_case_tables(case)
    if provenance:
        tables["provenance"] = provenance_table(provenance)
    return _readme(case, list(tables), provenance), tables


def business_case_bytes(case: BusinessCase, provenance: Mapping[str, Any] | None = None) -> bytes:
    """``coop.xlsx`` of :func:`write_business_case` as bytes, built in memory (the app's
    download for a bank)."""
    buffer = io.BytesIO()
    _write_workbook(buffer, *_sheets(case, provenance))
    return buffer.getvalue()


def write_business_case(
    out_dir: str | os.PathLike, case: BusinessCase, provenance: Mapping[str, Any] | None = None
) -> list[Path]:
    """Write ``coop.xlsx`` and ``coop.json`` into ``out_dir`` (created if missing), atomically.

    Returns the paths written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    readme, tables = _sheets(case, provenance)
    xlsx = out / "coop.xlsx"
    atomic_write(xlsx, lambda tmp: _write_workbook(tmp, readme, tables))
    payload = case.to_json_dict()
    if provenance:
        payload["provenance"] = dict(provenance)
    return [xlsx, write_json(out / "coop.json", payload)]


def _pct(x: float) -> str:
    return f"{x:.1%}" if np.isfinite(x) else "n/a"


def _eur(x: float) -> str:
    return f"{x:,.0f} EUR" if np.isfinite(x) else "n/a"


def coop_text(case: BusinessCase) -> str:
    """A short summary of a business case for the terminal."""
    m = case.metrics
    lines = []
    if case.asset == "heat_network":
        lines.append(
            f"Heat network, zone '{case.zone}': {case.zone_dwellings:,.0f} dwellings,"
            f" {case.connections:,.0f} connections ({_pct(case.participation)}, from"
            f" {case.participation_source})"
        )
        lines.append(
            f"  tariff (incl. VAT, first year): {case.tariff_fixed_eur_per_yr[1]:,.0f} EUR/yr +"
            f" {case.tariff_eur_per_gj[1]:.2f} EUR/GJ; connection fee"
            f" {case.connection_fee_eur:,.0f} EUR"
        )
    else:
        lines.append(
            f"Solar park: {case.settings.park_kwp:,.0f} kWp, {m['yield_mwh_per_yr']:,.0f} MWh/yr at"
            f" {m['price_eur_per_kwh_first_year']:.3f} EUR/kWh in the first year"
        )
    lines.append(
        f"  investment {_eur(m['investment_eur'])}; bank debt {_eur(m['bank_debt_eur'])}; "
        f"member capital {_eur(m['member_capital_eur'])} (solvency {_pct(m['solvency'])})"
    )
    if m["funding_gap_eur"] > 0.5:
        lines.append(
            f"  funding gap: members offer {_eur(m['member_capital_offered_eur'])}, the bank's DSCR"
            f" and share limits leave {_eur(m['funding_gap_eur'])} more to find"
        )
    lines.append(
        f"  project IRR {_pct(m['project_irr'])}, NPV at {case.inputs.discount_rate:.1%} "
        f"{_eur(m['project_npv_eur'])}; member (equity) IRR {_pct(m['equity_irr'])}"
    )
    dscr = f"{m['min_dscr']:.2f}" if np.isfinite(m["min_dscr"]) else "n/a"
    llcr = f"{m['llcr']:.2f}" if np.isfinite(m["llcr"]) else "n/a"
    lines.append(f"  minimum DSCR {dscr} (bank asks {case.inputs.min_dscr:.2f}); LLCR {llcr}")
    be = case.break_even_tariff
    unit = "EUR/kWh" if case.asset == "solar_park" else "EUR/yr fixed charge"
    lines.append(
        f"  break-even {'price' if case.asset == 'solar_park' else 'tariff'}: "
        + (
            f"{be.value:,.3f} {unit}"
            if case.asset == "solar_park" and be.found
            else f"{be.value:,.0f} {unit}"
            if be.found
            else f"none ({be.reason})"
        )
    )
    if case.asset == "heat_network":
        bp = case.break_even_participation
        lines.append(
            "  break-even participation: " + (_pct(bp.value) if bp.found else f"none ({bp.reason})")
        )
        if "household_network_cost_eur_per_month" in m:
            lines.append(
                f"  household: {m['household_network_cost_eur_per_month']:,.0f} EUR/month on the"
                f" network vs {m['household_alternative_cost_eur_per_month']:,.0f} EUR/month for"
                " its own alternative"
            )
    if case.loop is not None:
        loop = case.loop
        lines.append(
            f"  tariff <-> uptake loop: {'stable' if loop.converged else 'no stable point'} after "
            f"{loop.iterations} round(s)"
            + (
                f" at {loop.tariff_fixed_eur_per_yr:,.0f} EUR/yr, {_pct(loop.participation)}"
                if loop.converged
                else f": {loop.reason}"
            )
        )
    lines += [f"  note: {n}" for n in case.notices]
    return "\n".join(lines)
