"""Synthesise a dwelling table for a Drenthe buurt from published buurt statistics.

When a village has no dwelling list of its own, :func:`synthesise_stock` builds one from the
PBL *Startanalyse aardgasvrije buurten 2020* input statistics of its CBS buurt (packaged as
``wupmodel/data/buurten_drenthe_2020.csv``: dwellings by type, by construction period and by
energy label). The result is deterministic for a given ``seed`` and passes
:func:`~wupmodel.stock.schema.validate_stock`.

Method
------
1. **Marginals.** The buurt gives counts by dwelling type (6 classes) and by construction period
   (7 classes); both add up to the number of dwellings. Energy labels are given as percentages
   of the dwellings that have a label record, split into registered (*afgemeld*) and
   provisional (*voorlopig*) labels. The two percentages per class are **added** (a dwelling
   has one or the other), renormalised to 100 % and applied to the number of dwellings with a
   label record; the counts are rounded by the largest-remainder method, so each label count
   is within 1 of the exact share and the counts add up. Dwellings without a label record
   get an unknown label (NaN).
2. **Type × period.** The joint distribution is not published per buurt. A Drenthe-wide
   *seed* P(type | period) (``stock_type_period_seed.csv``) is scaled by the buurt's period
   counts and fitted to both buurt marginals by **iterative proportional fitting** (IPF;
   Deming & Stephan 1940). The fractional table is then integerised by **controlled rounding**
   (Cox 1987): every cell is rounded down or up so that all row and column sums are kept
   exactly, choosing the rounding closest to the fractional table (a small transportation
   LP, solved with HiGHS; its vertices are integral). So the type counts and period counts
   equal the published ones **exactly**.
3. **Seed tables.** P(type | period) and P(label | period) for Drenthe were estimated from the
   marginals of all 651 inhabited Drenthe buurten in the same PBL table with a
   homogeneous-rates ecological inference model (one P(· | period) for the province, the
   idea of Goodman 1953): starting from independence, each buurt's table is fitted by IPF to
   its own marginals, the fitted tables are summed over buurten, and the row shares of the sum
   are the next estimate; this is repeated to a fixed point
   (:func:`derive_seed_tables`). Unlike plain least squares it stays inside the simplex
   without corner solutions. The result is what one expects for Drenthe: 77 % of pre-1930
   dwellings are detached (farmhouses), about half of those from 1965–1991 are terraced, and
   labels get worse with age (pre-1930 84 % G, 1975–1991 70 % C, 1992–2005 75 % B, 2006 and
   later 91 % A; the modal labels from 1965 on equal PBL Vesta's default labels). A small floor
   (``seed_floor``) is added to every seed cell so that IPF can always meet the marginals.
4. **Labels.** Within each type × period cell, labels are allocated with the seed
   P(label | period) (plus an *unknown* column for dwellings without a label record), fitted
   by IPF to the cell counts and the buurt's label counts, and integerised by controlled
   rounding; so label counts match the (rounded) published shares exactly.
5. **Construction year**: uniform within the period; ``pre1930`` starts at
   ``pre1930_first_year`` (1900, assumption) and ``2006_later`` ends at ``last_year`` (2019:
   the statistics describe BAG on 1 January 2020).
6. **Floor area** (usable area, m²): per type × period the mean from RVO Voorbeeldwoningen
   2022 (ground-bound types; their ``<1965``/``<1946`` classes serve the older periods,
   ``2006-2014`` serves ``2006_later``) and the CBS mean for multi-family dwellings
   (``stock_floor_area.csv``), times a lognormal factor with mean 1 and coefficient of
   variation ``floor_area_cv`` (0.25, assumption), clipped to ``floor_area_clip_low`` ..
   ``floor_area_clip_high`` times the mean and rounded to whole m² like BAG.
7. **Tenure**: per dwelling type a share of owner-occupied, housing-association and private
   rental dwellings (``stock_tenure_by_type.csv``: an assumed relative rental propensity by
   type — rental far more likely for terraced houses and apartments — scaled so that on the
   Drenthe type mix it reproduces CBS StatLine 82900NED for Drenthe on 1 Jan 2023: 66.2 %
   koop, 24.3 % corporatie, 9.5 % other landlords, of the dwellings with known ownership).
   Counts per type by largest remainder;
   which dwellings of a type get which tenure is random (seeded).
8. **Household income** (``household_income_eur``, CBS *besteedbaar* = disposable household
   income, € of 2021): lognormal per tenure. Means: the Dutch mean disposable household income
   in 2021 (CBS 83739NED, 48.5 k€) times the Drenthe/Netherlands ratio of mean standardised
   income (2017, Trendbureau Drenthe from CBS: 28.1/29.4), split over owners and tenants in the
   ratio of their mean standardised incomes (CBS 2021: 41.3 vs 23.3 k€) such that the Drenthe
   owner share (66.2 %) reproduces the Drenthe mean. The log-sd ``income_sigma`` is chosen so
   that the owner/tenant mixture has the Dutch Gini coefficient of 0.292 (CBS 83739NED, 2021).
9. **Roof area** is left NaN, so the physics uses archetype roof areas.
10. **Heat-network zone** ``"kern"`` (village core) for all terraced and multi-family dwellings
    and for a share of semi-detached (``kern_share_twee_onder_een_kap``, 0.5) and detached
    (``kern_share_vrijstaand``, 0.25) dwellings chosen at random; other dwellings NaN. An
    illustrative assumption: the buurt statistics carry no location.
11. **Grid zone**: ``grid_zones`` (3) low-voltage zones ``lv1``..``lv3`` of equal size (±1),
    dwellings assigned at random; illustrative, as no Enexis feeder data are used.
12. ``count`` = 1; ``dwelling_id`` = ``<buurt code>-0001`` ...; no ``gas_m3`` (no metered data).

Scalar assumptions live in ``stock_synthesis.csv``; every table row carries its source.

References: Deming, W.E. & Stephan, F.F. (1940) Ann. Math. Stat. 11(4):427–444 (IPF);
Cox, L.H. (1987) JASA 82(398):520–524 (controlled rounding); Goodman, L.A. (1953) Am. Sociol.
Rev. 18(6):663–664 (ecological regression).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.params import Params, packaged_table
from wupmodel.stock.schema import validate_stock
from wupmodel.vocabulary import CONSTRUCTION_PERIODS, DWELLING_TYPES, TENURES

__all__ = [
    "BUURT_TABLE",
    "PERIODS",
    "SEED_LABELS",
    "buurt_label_counts",
    "controlled_round",
    "derive_seed_tables",
    "income_means_eur",
    "ipf",
    "largest_remainder",
    "lognormal_gini",
    "pooled_ipf_shares",
    "synthesis_scalars",
    "synthesise_stock",
]

#: Packaged buurt statistics (file stem under ``wupmodel/data``).
BUURT_TABLE = "buurten_drenthe_2020"
#: Construction period names, in vocabulary order.
PERIODS: tuple[str, ...] = tuple(p[0] for p in CONSTRUCTION_PERIODS)
#: Label classes in the buurt statistics (the 2020 data know A..G only).
SEED_LABELS: tuple[str, ...] = ("A", "B", "C", "D", "E", "F", "G")

_TYPE_COLS = tuple(f"type_{t}" for t in DWELLING_TYPES)
_PERIOD_COLS = tuple(f"period_{p}" for p in PERIODS)
_KERN_TYPES = ("hoekwoning", "tussenwoning", "meergezins_laag", "meergezins_hoog")


# --------------------------------------------------------------------------------------------
# generic numerical building blocks


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Split the integer ``total`` in proportion to ``weights`` (Hamilton's method).

    Every part is the floor of its exact share or one more; the parts add up to ``total``;
    ties go to the lower index.

    Parameters
    ----------
    weights
        Non-negative weights (any scale), at least one positive if ``total > 0``.
    total
        Non-negative integer to split.

    Returns
    -------
    numpy.ndarray
        int64 parts, same shape as ``weights``.
    """
    w = np.asarray(weights, dtype=float)
    if total == 0 or w.sum() <= 0:
        return np.zeros(w.shape, dtype=np.int64)
    exact = w / w.sum() * total
    parts = np.floor(exact + 1e-9).astype(np.int64)
    short = int(total - parts.sum())
    order = np.argsort(-(exact - parts), kind="stable")
    parts[order[:short]] += 1
    return parts


def ipf(
    seed: np.ndarray,
    row_targets: np.ndarray,
    col_targets: np.ndarray,
    *,
    tol: float = 1e-9,
    max_iter: int = 2000,
) -> np.ndarray:
    """Iterative proportional fitting of ``seed`` to row and column sums.

    Works on a single table (2-D) or on a stack of tables (3-D, fitted independently along the
    first axis). Zero seed cells stay zero.

    Parameters
    ----------
    seed
        Non-negative table(s), shape ``(R, C)`` or ``(B, R, C)``.
    row_targets, col_targets
        Target sums, shape ``(R,)``/``(C,)`` or ``(B, R)``/``(B, C)``; per table they must have
        the same total.
    tol
        Stop when every row and column sum is within ``tol`` (relative to the table total) of
        its target.
    max_iter
        Maximum number of row+column sweeps.

    Returns
    -------
    numpy.ndarray
        The fitted table(s), same shape as ``seed``.
    """
    x = np.array(seed, dtype=float, copy=True)
    single = x.ndim == 2
    if single:
        x = x[None]
        row_targets = np.asarray(row_targets, dtype=float)[None]
        col_targets = np.asarray(col_targets, dtype=float)[None]
    rows = np.asarray(row_targets, dtype=float)
    cols = np.asarray(col_targets, dtype=float)
    scale = np.maximum(rows.sum(axis=1), 1.0)[:, None]
    for _ in range(max_iter):
        rs = x.sum(axis=2)
        x *= np.divide(rows, rs, out=np.zeros_like(rows), where=rs > 0)[:, :, None]
        cs = x.sum(axis=1)
        x *= np.divide(cols, cs, out=np.zeros_like(cols), where=cs > 0)[:, None, :]
        err = np.abs(x.sum(axis=2) - rows) / scale
        if err.max(initial=0.0) < tol:
            break
    return x[0] if single else x


def controlled_round(
    table: np.ndarray, row_targets: np.ndarray, col_targets: np.ndarray
) -> np.ndarray:
    """Round a non-negative table to integers keeping integer row and column sums exactly.

    Every cell becomes the floor or the ceiling of its value (cells that are exactly zero stay
    zero), with the given row and column sums, and with the least total absolute rounding
    change (Cox 1987). Solved as a transportation LP with HiGHS; its optimal vertices are
    integral, and a tiny deterministic perturbation of the costs makes the optimum unique.

    Parameters
    ----------
    table
        Fractional table, shape ``(R, C)``, whose sums are (close to) the targets.
    row_targets, col_targets
        Integer target sums.

    Returns
    -------
    numpy.ndarray
        int64 table.

    Raises
    ------
    RuntimeError
        If no such rounding exists (the targets do not fit the table).
    """
    from scipy.optimize import linprog  # noqa: PLC0415 - heavy import, only needed here

    f = np.asarray(table, dtype=float)
    rows = np.asarray(np.rint(row_targets), dtype=np.int64)
    cols = np.asarray(np.rint(col_targets), dtype=np.int64)
    base = np.floor(f + 1e-9)
    frac = np.clip(f - base, 0.0, 1.0)
    need_r = rows - base.sum(axis=1).astype(np.int64)
    need_c = cols - base.sum(axis=0).astype(np.int64)
    if not need_r.any() and not need_c.any():
        return base.astype(np.int64)
    free = f > 0
    idx = np.flatnonzero(free.ravel())
    n_r, n_c = f.shape
    r_of, c_of = np.divmod(idx, n_c)
    cost = 1.0 - 2.0 * frac.ravel()[idx] + 1e-7 * np.arange(idx.size) / max(idx.size, 1)
    a_eq = np.zeros((n_r + n_c, idx.size))
    a_eq[r_of, np.arange(idx.size)] = 1.0
    a_eq[n_r + c_of, np.arange(idx.size)] = 1.0
    b_eq = np.concatenate([need_r, need_c]).astype(float)
    res = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0.0, 1.0), method="highs-ds")
    if res.status != 0:
        raise RuntimeError(f"controlled rounding impossible: {res.message}")
    step = np.rint(res.x)
    if np.abs(res.x - step).max(initial=0.0) > 1e-6:  # pragma: no cover - LP theory
        raise RuntimeError("controlled rounding returned a fractional vertex")
    out = base.ravel().copy()
    out[idx] += step
    out = out.reshape(f.shape).astype(np.int64)
    if not ((out.sum(axis=1) == rows).all() and (out.sum(axis=0) == cols).all()):
        raise RuntimeError("controlled rounding failed to keep the margins")  # pragma: no cover
    return out


def lognormal_gini(sigma: float) -> float:
    """Gini coefficient of a lognormal distribution with log-sd ``sigma``.

    G = 2Φ(σ/√2) − 1 = erf(σ/2) (Aitchison & Brown 1957).
    """
    return math.erf(sigma / 2.0)


# --------------------------------------------------------------------------------------------
# packaged tables


def _table(name: str, params: Params | None) -> pd.DataFrame:
    return params.table(name) if params is not None else packaged_table(name)


def _scalars(params: Params | None) -> dict[str, float]:
    t = _table("stock_synthesis", params)
    return {str(k): float(v) for k, v in zip(t["parameter"], t["value"], strict=True)}


def _matrix(
    table: pd.DataFrame,
    row_key: str,
    rows: tuple[str, ...],
    col_key: str,
    cols: tuple[str, ...],
    value: str,
) -> np.ndarray:
    """Pivot a long packaged table into a (rows × cols) array; every cell must be present."""
    wide = table.pivot(index=row_key, columns=col_key, values=value)
    missing_r = set(rows) - set(wide.index)
    missing_c = set(cols) - set(wide.columns)
    if missing_r or missing_c:
        raise RuntimeError(
            f"packaged table lacks rows {sorted(missing_r)} / columns {sorted(missing_c)}"
        )
    out = wide.loc[list(rows), list(cols)].to_numpy(dtype=float)
    if np.isnan(out).any():
        raise RuntimeError("packaged table has empty cells")
    return out


def _type_period_seed(params: Params | None) -> np.ndarray:
    """P(type | period), shape (periods, types), rows summing to 1."""
    m = _matrix(
        _table("stock_type_period_seed", params),
        "period",
        PERIODS,
        "dwelling_type",
        DWELLING_TYPES,
        "share",
    )
    return m / m.sum(axis=1, keepdims=True)


def _label_period_seed(params: Params | None) -> np.ndarray:
    """P(label | period), shape (periods, labels A..G), rows summing to 1."""
    m = _matrix(
        _table("stock_label_period_seed", params),
        "period",
        PERIODS,
        "energy_label",
        SEED_LABELS,
        "share",
    )
    return m / m.sum(axis=1, keepdims=True)


def _floor_area_means(params: Params | None) -> np.ndarray:
    """Mean usable floor area, m², shape (types, periods)."""
    return _matrix(
        _table("stock_floor_area", params),
        "dwelling_type",
        DWELLING_TYPES,
        "period",
        PERIODS,
        "floor_area_m2",
    )


def _tenure_shares(params: Params | None) -> np.ndarray:
    """P(tenure | type), shape (types, tenures), rows summing to 1."""
    m = _matrix(
        _table("stock_tenure_by_type", params),
        "dwelling_type",
        DWELLING_TYPES,
        "tenure",
        TENURES,
        "share",
    )
    return m / m.sum(axis=1, keepdims=True)


def synthesis_scalars(params: Params | None = None) -> dict[str, float]:
    """The scalar assumptions of the synthesis (``stock_synthesis.csv``), by name."""
    return _scalars(params)


def income_means_eur(scalars: Mapping[str, float]) -> np.ndarray:
    """Mean disposable household income per tenure (koop, huur_corporatie, huur_particulier).

    ``drenthe_mean = nl_mean × drenthe_ratio``; owners and tenants keep the CBS ratio of their
    mean standardised incomes, and the Drenthe owner share weights them back to the Drenthe
    mean: ``owner = drenthe_mean × r / (s·r + 1 − s)``, ``tenant = owner / r``.
    """
    drenthe_mean = scalars["income_nl_mean_disposable_eur"] * scalars["income_drenthe_nl_ratio"]
    ratio = scalars["income_owner_std_eur"] / scalars["income_tenant_std_eur"]
    share = scalars["drenthe_owner_share"]
    owner = drenthe_mean * ratio / (share * ratio + 1.0 - share)
    tenant = owner / ratio
    return np.array([owner, tenant, tenant])


# --------------------------------------------------------------------------------------------
# buurt statistics


def _buurten(params: Params | None) -> pd.DataFrame:
    return _table(BUURT_TABLE, params)


def _find_buurt(buurt_code: str, buurten: pd.DataFrame) -> pd.Series:
    code = str(buurt_code).strip().upper()
    hit = buurten.loc[buurten["buurt_code"].str.upper() == code]
    if len(hit) == 1:
        return hit.iloc[0]
    codes = buurten["buurt_code"].tolist()
    close = difflib.get_close_matches(code, codes, n=4, cutoff=0.7)
    by_name = buurten.loc[buurten["buurt_name"].str.lower() == str(buurt_code).strip().lower()]
    close = list(dict.fromkeys(by_name["buurt_code"].tolist() + close))[:5]
    if close:
        named = buurten.set_index("buurt_code").loc[close]
        shown = ", ".join(f"{c} ({r.buurt_name}, {r.gemeente_name})" for c, r in named.iterrows())
        hint = f"; did you mean {shown}?"
    else:
        hint = " (codes look like 'BU01095059')"
    raise WupInputError(
        f"unknown buurt code {buurt_code!r}: the packaged table "
        f"{BUURT_TABLE}.csv holds the {len(buurten)} Drenthe buurten of 2020"
        f"{hint}",
        BUURT_TABLE,
    )


def buurt_label_counts(row: Mapping[str, object]) -> tuple[np.ndarray, int]:
    """Label counts A..G of a buurt and the number of dwellings without a label record.

    Registered and provisional percentages are added per class and renormalised; the
    dwellings with a label record (at most all dwellings) are split by largest remainder.

    Returns
    -------
    counts, unknown
        int64 array of 7 counts (A..G) and the int number of dwellings without a label.
    """
    n = int(row["dwellings"])
    pct = np.array(
        [
            float(row[f"pct_label_{lab}_registered"])  # type: ignore[arg-type]
            + float(row[f"pct_label_{lab}_provisional"])  # type: ignore[arg-type]
            for lab in SEED_LABELS
        ]
    )
    with_record = row["dwellings_with_label_record"]
    labelled = min(int(with_record), n) if pd.notna(with_record) else 0  # type: ignore[call-overload]
    if not np.isfinite(pct).all() or pct.sum() <= 0:
        return np.zeros(len(SEED_LABELS), dtype=np.int64), n
    return largest_remainder(pct, labelled), n - labelled


# --------------------------------------------------------------------------------------------
# seed derivation (how the packaged seed tables were made)


def pooled_ipf_shares(
    period_counts: np.ndarray,
    target_counts: np.ndarray,
    *,
    tol: float = 1e-7,
    max_iter: int = 500,
    inner_iter: int = 50,
    initial: np.ndarray | None = None,
) -> np.ndarray:
    """Fixed point of the pooled-IPF estimator of P(target | period) (see module docstring).

    Starts from independence (every period row = the overall target shares) unless
    ``initial`` is given.
    """
    totals = target_counts.sum(axis=0)
    shares = (
        np.tile(totals / totals.sum(), (period_counts.shape[1], 1))
        if initial is None
        else np.asarray(initial, dtype=float)
    )
    for _ in range(max_iter):
        joint = ipf(
            period_counts[:, :, None] * shares[None],
            period_counts,
            target_counts,
            tol=1e-10,
            max_iter=inner_iter,
        )
        pooled = joint.sum(axis=0)
        new = pooled / np.maximum(pooled.sum(axis=1, keepdims=True), 1e-300)
        done = np.abs(new - shares).max() < tol
        shares = new
        if done:
            break
    return shares


def derive_seed_tables(buurten: pd.DataFrame, **kwargs: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Estimate Drenthe P(type | period) and P(label | period) from buurt marginals.

    This is how ``stock_type_period_seed.csv`` and ``stock_label_period_seed.csv`` were made
    (rounded to 4 decimals): a homogeneous-rates ecological inference fitted by pooled IPF over
    all buurten with dwellings (module docstring, step 3). Label counts per buurt are the
    combined label shares times all dwellings of the buurt.

    Parameters
    ----------
    buurten
        The packaged buurt table (``buurten_drenthe_2020``).
    **kwargs
        Passed to the fixed-point iteration (``tol``, ``max_iter``, ``inner_iter``).

    Returns
    -------
    type_given_period, label_given_period
        DataFrames indexed by period with columns DWELLING_TYPES and A..G; rows sum to 1.
    """
    b = buurten.loc[buurten["dwellings"] > 0]
    periods = b[list(_PERIOD_COLS)].to_numpy(dtype=float)
    types = b[list(_TYPE_COLS)].to_numpy(dtype=float)
    pct = np.stack(
        [
            b[f"pct_label_{lab}_registered"].to_numpy(float)
            + b[f"pct_label_{lab}_provisional"].to_numpy(float)
            for lab in SEED_LABELS
        ],
        axis=1,
    )
    ok = np.isfinite(pct).all(axis=1) & (pct.sum(axis=1) > 0)
    labels = pct[ok] / pct[ok].sum(axis=1, keepdims=True) * periods[ok].sum(axis=1, keepdims=True)
    theta = pooled_ipf_shares(periods, types, **kwargs)  # type: ignore[arg-type]
    phi = pooled_ipf_shares(periods[ok], labels, **kwargs)  # type: ignore[arg-type]
    return (
        pd.DataFrame(theta, index=list(PERIODS), columns=list(DWELLING_TYPES)),
        pd.DataFrame(phi, index=list(PERIODS), columns=list(SEED_LABELS)),
    )


# --------------------------------------------------------------------------------------------
# synthesis


def synthesise_stock(
    buurt_code: str, seed: int = 0, *, params: Params | None = None
) -> pd.DataFrame:
    """Build a validated dwelling table for a Drenthe buurt (method: module docstring).

    Parameters
    ----------
    buurt_code
        CBS buurt code of 2020, e.g. ``"BU01095059"`` (Aalden); case-insensitive.
    seed
        Seed of the random parts (years, floor areas, which dwellings get which tenure,
        incomes, heat-network and grid zones). Counts by type, period, label and tenure do not
        depend on it.
    params
        Take the packaged tables from these Params instead of the package defaults.

    Returns
    -------
    pandas.DataFrame
        A validated stock, one row per dwelling (``count`` = 1).

    Raises
    ------
    WupInputError
        For an unknown buurt code (with close matches) or a buurt without dwellings.
    """
    buurten = _buurten(params)
    row = _find_buurt(buurt_code, buurten)
    counts = _buurt_counts(row)
    scalars = _scalars(params)
    rng = np.random.default_rng(seed)  # drawn from in the order of the steps below

    joint = _type_period_counts(counts, params, scalars["seed_floor"])
    dwellings = _dwelling_classes(joint, counts, params, scalars["seed_floor"])
    years = _construction_years(dwellings.period_code, scalars, rng)
    area_m2 = _floor_areas_m2(dwellings, params, scalars, rng)
    tenure = _tenure_codes(dwellings, params, rng)
    income_eur = _incomes_eur(tenure, scalars, rng)
    heat_network_zone = _heat_network_zones(dwellings, scalars, rng)
    grid_zone = _grid_zones(dwellings.n, scalars, rng)

    n = counts.dwellings
    width = max(4, len(str(n)))
    label_names = np.array([*SEED_LABELS, None], dtype=object)
    frame = pd.DataFrame(
        {
            "dwelling_id": [f"{counts.code}-{i:0{width}d}" for i in range(1, n + 1)],
            "dwelling_type": np.asarray(DWELLING_TYPES, dtype=object)[dwellings.type_code],
            "construction_year": years,
            "floor_area_m2": area_m2,
            "energy_label": label_names[dwellings.label_code],
            "tenure": np.asarray(TENURES, dtype=object)[tenure],
            "household_income_eur": income_eur,
            "heat_network_zone": heat_network_zone,
            "grid_zone": grid_zone,
            "count": np.ones(n, dtype=np.int64),
        }
    )
    out = validate_stock(frame, source=f"synthesised stock {counts.code}")
    out.attrs["synthesised_from"] = {
        "buurt_code": counts.code,
        "buurt_name": str(row["buurt_name"]),
        "gemeente_name": str(row["gemeente_name"]),
        "seed": seed,
    }
    return out


@dataclass(frozen=True)
class _BuurtCounts:
    """The published counts of one buurt."""

    code: str  # CBS buurt code
    dwellings: int
    per_period: np.ndarray  # int64, (periods,), adds up to ``dwellings``
    per_type: np.ndarray  # int64, (types,), adds up to ``dwellings``
    per_label: np.ndarray  # int64, (labels A..G,): the dwellings with a label record
    unknown_label: int  # dwellings without a label record


@dataclass(frozen=True)
class _DwellingClasses:
    """Type, construction period and label of every synthesised dwelling: int codes, (n,)."""

    type_code: np.ndarray  # into DWELLING_TYPES, type-major order
    period_code: np.ndarray  # into PERIODS
    label_code: np.ndarray  # into SEED_LABELS; len(SEED_LABELS) = unknown

    @property
    def n(self) -> int:
        return self.type_code.size

    @property
    def per_type(self) -> np.ndarray:
        """Dwellings per type, (types,)."""
        return np.bincount(self.type_code, minlength=len(DWELLING_TYPES))


def _buurt_counts(row: pd.Series) -> _BuurtCounts:
    """The counts of a buurt's row; raised: a buurt without dwellings."""
    code = str(row["buurt_code"])
    n = int(row["dwellings"])
    if n <= 0:
        raise WupInputError(
            f"buurt {code} ({row['buurt_name']}) has no dwellings in "
            f"{BUURT_TABLE}.csv; nothing to synthesise",
            BUURT_TABLE,
        )
    period_counts = row[list(_PERIOD_COLS)].to_numpy(dtype=np.int64)
    type_counts = row[list(_TYPE_COLS)].to_numpy(dtype=np.int64)
    if period_counts.sum() != n or type_counts.sum() != n:  # pragma: no cover - data check
        raise RuntimeError(f"{BUURT_TABLE}: buurt {code} counts do not add up to {n}")
    label_counts, unknown = buurt_label_counts(row)
    return _BuurtCounts(code, n, period_counts, type_counts, label_counts, unknown)


def _type_period_counts(
    counts: _BuurtCounts, params: Params | None, seed_floor: float
) -> np.ndarray:
    """Step 2: dwellings per period × type (int64, periods as rows), both margins exact."""
    theta = _type_period_seed(params) + seed_floor
    seed_tp = counts.per_period[:, None] * theta / theta.sum(axis=1, keepdims=True)
    return controlled_round(
        ipf(seed_tp, counts.per_period, counts.per_type), counts.per_period, counts.per_type
    )


def _dwelling_classes(
    joint: np.ndarray, counts: _BuurtCounts, params: Params | None, seed_floor: float
) -> _DwellingClasses:
    """Step 4: labels within each non-empty (type, period) cell, then one row per dwelling."""
    jt = joint.T  # (types, periods); cells in type-major order
    cell_t, cell_p = np.nonzero(jt)
    cell_n = jt[cell_t, cell_p]
    phi = _label_period_seed(params) + seed_floor
    phi = phi / phi.sum(axis=1, keepdims=True)
    unknown_share = counts.unknown_label / counts.dwellings
    seed_lab = np.concatenate(
        [
            phi[cell_p] * (1.0 - unknown_share),
            np.full((cell_n.size, 1), max(unknown_share, seed_floor)),
        ],
        axis=1,
    )
    seed_lab *= cell_n[:, None]
    label_targets = np.append(counts.per_label, counts.unknown_label)
    seed_lab[:, label_targets == 0] = 0.0
    alloc = controlled_round(ipf(seed_lab, cell_n, label_targets), cell_n, label_targets)

    dwellings_per_class = alloc.ravel()  # (cells × labels)
    n_classes = alloc.shape[1]
    return _DwellingClasses(
        type_code=np.repeat(np.repeat(cell_t, n_classes), dwellings_per_class),
        period_code=np.repeat(np.repeat(cell_p, n_classes), dwellings_per_class),
        label_code=np.repeat(np.tile(np.arange(n_classes), cell_n.size), dwellings_per_class),
    )


def _construction_years(
    period_code: np.ndarray, scalars: Mapping[str, float], rng: np.random.Generator
) -> np.ndarray:
    """Step 5: construction year, uniform within the period."""
    first = np.array([p[1] for p in CONSTRUCTION_PERIODS], dtype=np.int64)
    last = np.array([p[2] for p in CONSTRUCTION_PERIODS], dtype=np.int64)
    first[0] = int(scalars["pre1930_first_year"])
    last[-1] = int(scalars["last_year"])
    return rng.integers(first[period_code], last[period_code] + 1)


def _floor_areas_m2(
    dwellings: _DwellingClasses,
    params: Params | None,
    scalars: Mapping[str, float],
    rng: np.random.Generator,
) -> np.ndarray:
    """Step 6: usable floor area [m²], lognormal around the type × period mean, whole m²."""
    mean_m2 = _floor_area_means(params)[dwellings.type_code, dwellings.period_code]
    sig = np.sqrt(np.log1p(scalars["floor_area_cv"] ** 2))
    area_m2 = mean_m2 * np.exp(sig * rng.standard_normal(dwellings.n) - 0.5 * sig**2)
    area_m2 = np.clip(
        area_m2,
        scalars["floor_area_clip_low"] * mean_m2,
        scalars["floor_area_clip_high"] * mean_m2,
    )
    return np.clip(np.rint(area_m2), 15.0, 2000.0)


def _tenure_codes(
    dwellings: _DwellingClasses, params: Params | None, rng: np.random.Generator
) -> np.ndarray:
    """Step 7: tenure codes (into TENURES); counts per type by largest remainder, randomly
    placed within the type."""
    shares = _tenure_shares(params)
    per_type = dwellings.per_type
    order = np.lexsort((rng.random(dwellings.n), dwellings.type_code))  # random within type
    tenure_seq = np.concatenate(
        [
            np.repeat(np.arange(len(TENURES)), largest_remainder(shares[t], int(per_type[t])))
            for t in range(len(DWELLING_TYPES))
        ]
    )
    tenure = np.empty(dwellings.n, dtype=np.int64)
    tenure[order] = tenure_seq
    return tenure


def _incomes_eur(
    tenure: np.ndarray, scalars: Mapping[str, float], rng: np.random.Generator
) -> np.ndarray:
    """Step 8: disposable household income [€/yr], lognormal per tenure, whole hundreds."""
    means_eur = income_means_eur(scalars)[tenure]
    sig = scalars["income_sigma"]
    income_eur = means_eur * np.exp(sig * rng.standard_normal(tenure.size) - 0.5 * sig**2)
    return np.clip(np.round(income_eur, -2), 0.0, 1_000_000.0)


def _heat_network_zones(
    dwellings: _DwellingClasses, scalars: Mapping[str, float], rng: np.random.Generator
) -> np.ndarray:
    """Step 10: ``"kern"`` for all terraced and multi-family dwellings and a random share of the
    others, None elsewhere (object array)."""
    kern_share = np.array(
        [
            scalars["kern_share_vrijstaand"],
            scalars["kern_share_twee_onder_een_kap"],
            *[1.0 for _ in _KERN_TYPES],
        ]
    )
    n, per_type = dwellings.n, dwellings.per_type
    kern_n = np.rint(kern_share * per_type).astype(np.int64)
    order = np.lexsort((rng.random(n), dwellings.type_code))  # type-major, random within type
    block_start = np.concatenate([[0], np.cumsum(per_type)[:-1]])
    rank_in_type = np.empty(n, dtype=np.int64)
    rank_in_type[order] = np.arange(n) - np.repeat(block_start, per_type)
    in_kern = rank_in_type < kern_n[dwellings.type_code]
    return np.where(in_kern, "kern", None).astype(object)


def _grid_zones(n: int, scalars: Mapping[str, float], rng: np.random.Generator) -> np.ndarray:
    """Step 11: LV zones ``lv1`` .. of (almost) equal size, random membership (object array)."""
    n_zones = int(scalars["grid_zones"])
    rank = np.empty(n, dtype=np.int64)
    rank[rng.permutation(n)] = np.arange(n)
    return np.array([f"lv{k + 1}" for k in range(n_zones)], dtype=object)[rank * n_zones // n]
