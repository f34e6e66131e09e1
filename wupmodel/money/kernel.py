"""The chunk engine of the money layer: the typed pieces a chunk of dwellings is computed from,
sums of small terms, and the steps of one chunk (investment, loan, rent, woonlasten, payback,
national cost).

Used by :func:`wupmodel.money.costs.money_outcomes`; see its module docstring for the
conventions (timing, perspectives) and the performance notes. Arrays of a chunk are
``(rows, *option dims)`` views, each dim 1 or full (:meth:`Layout.option_view`); per-dwelling
values are ``(rows,)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel._arrays import FloatArray
from wupmodel.money.bills import EnergyCostTerms, EnergyQuantities, Term
from wupmodel.money.finance import (
    capital_recovery_factor,
    life_cycle_cost_factor,
    present_value_factor,
)
from wupmodel.money.reduce import Reducer, value_at_reference, value_at_reference_cell
from wupmodel.money.settings import FinanceSettings
from wupmodel.money.subsidies import WarmtefondsTerms


# --------------------------------------------------------------------------------------------
# layout
# --------------------------------------------------------------------------------------------
def chunk_rows(a: NDArray, rows: slice) -> NDArray:
    """The rows of a ``(1 | n, ...)`` array for a chunk (an array the same for all stays)."""
    return a if a.shape[0] == 1 else a[rows]


@dataclass(frozen=True)
class Layout:
    """How the money inputs are laid out: the dwelling axes, then the option axes."""

    dwelling_shape: tuple[int, ...]
    option_shape: tuple[int, ...]

    @property
    def n_dwellings(self) -> int:
        """Number of dwellings (the product of the dwelling axes)."""
        return int(np.prod(self.dwelling_shape)) if self.dwelling_shape else 1

    @property
    def n_options(self) -> int:
        """Number of options (the product of the option axes)."""
        return int(np.prod(self.option_shape))

    def option_view(self, a: ArrayLike) -> NDArray:
        """View ``(rows, *option dims)`` of an array broadcastable to the full shape.

        ``rows`` is 1 (same for every dwelling) or the number of dwellings; each option dim is
        1 or full. Broadcast inputs are not materialised.
        """
        a = np.asarray(a)
        n_axes = len(self.dwelling_shape) + len(self.option_shape)
        if a.ndim < n_axes:
            a = a.reshape((1,) * (n_axes - a.ndim) + a.shape)
        head = a.shape[: a.ndim - len(self.option_shape)]
        option_dims = a.shape[a.ndim - len(self.option_shape) :]
        if all(d == 1 for d in head):
            return a.reshape((1,) + option_dims)
        if head == self.dwelling_shape:
            return a.reshape((-1,) + option_dims)
        return np.broadcast_to(a, self.dwelling_shape + option_dims).reshape((-1,) + option_dims)

    def per_dwelling(self, a: ArrayLike, dtype: type | np.dtype) -> NDArray:
        """1-D array of per-dwelling values, broadcast to the dwelling axes and flattened."""
        return np.broadcast_to(np.asarray(a, dtype=dtype), self.dwelling_shape).reshape(-1)


# --------------------------------------------------------------------------------------------
# sums of small terms
# --------------------------------------------------------------------------------------------
class Scratch:
    """Reusable work arrays by shape (the same few shapes recur in every chunk)."""

    def __init__(self) -> None:
        self._free: dict[tuple[int, ...], list[NDArray]] = {}
        self._taken: list[NDArray] = []

    def get(self, shape: tuple[int, ...]) -> NDArray:
        free = self._free.setdefault(shape, [])
        a = free.pop() if free else np.empty(shape)
        self._taken.append(a)
        return a

    def release(self) -> None:
        for a in self._taken:
            self._free[a.shape].append(a)
        self._taken.clear()


def _joined(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The broadcast shape of two option-view shapes (each dim 1 or full)."""
    return tuple(max(x, y) for x, y in zip(a, b, strict=True))


def _partial_sums(
    terms: list[Term], out_shape: tuple[int, ...], scratch: Scratch
) -> tuple[list[NDArray], list[Term]]:
    """The sums of the terms smaller than ``out_shape``, one per shape; and the full-size terms."""
    small: dict[tuple[int, ...], NDArray] = {}
    owned: set[int] = set()  # ids of the partial sums that are scratch arrays (may be added to)
    big = []
    for coef, a in (t for t in terms if len(t) == 2):
        if a.shape == out_shape:
            big.append((coef, a))
            continue
        shape = np.broadcast_shapes(a.shape, np.shape(coef))
        if shape == out_shape:
            big.append((coef, a))
            continue
        if np.ndim(coef) == 0 and coef == 1.0 and a.dtype == float:
            product = a
        else:
            product = np.multiply(a, coef, out=scratch.get(shape))
            owned.add(id(product))
        if shape not in small:
            small[shape] = product
        elif id(small[shape]) in owned:
            small[shape] += product
        else:
            small[shape] = np.add(small[shape], product, out=scratch.get(shape))
            owned.add(id(small[shape]))
    return list(small.values()), big


def _merged(parts: list[NDArray], out_shape: tuple[int, ...], scratch: Scratch) -> list[NDArray]:
    """Partial sums merged pairwise, smallest result first, until one or two make ``out``."""
    while len(parts) > 2 or (
        len(parts) == 2 and _joined(parts[0].shape, parts[1].shape) != out_shape
    ):
        i, j = min(
            ((i, j) for i in range(len(parts)) for j in range(i + 1, len(parts))),
            key=lambda ij: math.prod(_joined(parts[ij[0]].shape, parts[ij[1]].shape)),
        )
        merged = np.add(
            parts[i], parts[j], out=scratch.get(_joined(parts[i].shape, parts[j].shape))
        )
        parts = [p for m, p in enumerate(parts) if m not in (i, j)] + [merged]
    return parts


def lincomb(
    terms: list[Term], out: NDArray, tmp: NDArray, scratch: Scratch | None = None
) -> NDArray:
    """``out[...] = sum(coef * array)`` over broadcastable terms, small arrays first.

    Most money figures are linear combinations of arrays that depend on only some of the option
    axes (gas on the combination of insulation, heating and solar thermal; PV yield on PV
    alone). Products of the same shape are summed at that shape and the partial sums merged
    pairwise, smallest result first, so that only the last step touches the full-size
    ``out``. Full-size terms are added at the end through ``tmp``. A term ``(coef, array,
    block)`` adds to ``out[:, block]`` only (a block of the first option axis).
    """
    scratch = scratch or Scratch()
    parts, big = _partial_sums(terms, out.shape, scratch)
    parts = _merged(parts, out.shape, scratch)
    if len(parts) == 2:
        np.add(parts[0], parts[1], out=out)
    elif parts:
        np.copyto(out, parts[0])
    elif big:
        coef, a = big.pop(0)
        np.multiply(a, coef, out=out)
    else:
        out.fill(0.0)
    for coef, a in big:
        if np.ndim(coef) == 0 and coef == 1.0:
            out += a
        else:
            np.multiply(a, coef, out=tmp)
            out += tmp
    for coef, a, block in (t for t in terms if len(t) == 3):
        part, work = out[:, block], tmp[:, block]
        np.multiply(a, coef, out=work)
        part += work
    scratch.release()
    return out


# --------------------------------------------------------------------------------------------
# what a chunk is computed from
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ComponentTerms:
    """One investment component as ``(rows, *option dims)`` views, with its per-euro factors.

    ``pv_household``, ``pv_landlord`` and ``pv_national`` are the present value over the
    horizon of owning one euro of it (replacements, residual value, O&M) at the household,
    landlord and social rate; the national one excl. VAT.
    """

    capex_eur: NDArray
    om_share: NDArray
    pv_household: NDArray
    pv_landlord: NDArray
    pv_national: NDArray
    lifetime_years: NDArray

    def rows(self, rows: slice) -> ComponentTerms:
        """The component for the dwellings in ``rows``."""
        return ComponentTerms(*(chunk_rows(getattr(self, f.name), rows) for f in fields(self)))


@dataclass(frozen=True)
class NationalComponentTerms:
    """A national-only investment (excl. VAT) and its present value per euro at the social rate."""

    capex_eur: NDArray
    pv_national: NDArray

    def rows(self, rows: slice) -> NationalComponentTerms:
        """The component for the dwellings in ``rows``."""
        return NationalComponentTerms(
            chunk_rows(self.capex_eur, rows), chunk_rows(self.pv_national, rows)
        )


@dataclass(frozen=True)
class DwellingTerms:
    """Per-dwelling values of the money rules, ``(rows,)``.

    Attributes
    ----------
    reference_index
        Flat index of the dwelling's reference option.
    is_tenant
        Whether the dwelling is rented (the landlord invests; the tenant pays rent).
    rent_saving_share
        Share of the tenant's first-year bill saving the rent increase may take (0 for owners).
    rent_insulation_share
        Share of the extra insulation investment in the landlord's annuity (1 for owners).
    gas_removal_eur
        National one-off cost of removing the gas connection (EUR).
    low_income
        Below the Warmtefonds income limit (a 0 % loan); None with own money.
    weights
        Weight per dwelling in reduce mode (village totals); None = keep the arrays.
    """

    reference_index: NDArray[np.intp]
    is_tenant: NDArray[np.bool_]
    rent_saving_share: FloatArray
    rent_insulation_share: FloatArray
    gas_removal_eur: FloatArray
    low_income: NDArray[np.bool_] | None = None
    weights: FloatArray | None = None

    def rows(self, rows: slice) -> DwellingTerms:
        """The values of the dwellings in ``rows``."""
        return DwellingTerms(
            *(None if (v := getattr(self, f.name)) is None else v[rows] for f in fields(self))
        )


@dataclass(frozen=True)
class ChunkInputs:
    """What the money of some dwellings is computed from: the whole village, or one chunk's rows.

    ``energy``, ``subsidy_eur`` (EUR), ``co2_kg`` (kg/yr; None when no CO2 price needs it) and
    the components are ``(rows, *option dims)`` views; ``dwellings`` are ``(rows,)``.
    """

    energy: EnergyQuantities
    subsidy_eur: NDArray
    co2_kg: NDArray | None
    components: list[ComponentTerms]
    national_components: list[NationalComponentTerms]
    dwellings: DwellingTerms

    def rows(self, rows: slice) -> ChunkInputs:
        """The inputs of the dwellings in ``rows``."""
        return ChunkInputs(
            energy=self.energy.map(lambda a: chunk_rows(a, rows)),
            subsidy_eur=chunk_rows(self.subsidy_eur, rows),
            co2_kg=None if self.co2_kg is None else chunk_rows(self.co2_kg, rows),
            components=[c.rows(rows) for c in self.components],
            national_components=[c.rows(rows) for c in self.national_components],
            dwellings=self.dwellings.rows(rows),
        )


@dataclass(frozen=True)
class HorizonFactors:
    """Discounting over the horizon at the household, landlord and social rate.

    ``pvf_*``: present value of 1 EUR a year over the horizon (yr); ``crf_*``: capital recovery
    factor, the yearly annuity of 1 EUR (1/yr).
    """

    horizon_years: int
    household_rate: float
    landlord_rate: float
    social_rate: float
    pvf_household: float
    pvf_landlord: float
    pvf_social: float
    crf_household: float
    crf_landlord: float
    crf_social: float

    @classmethod
    def of(cls, settings: FinanceSettings, horizon_years: int) -> HorizonFactors:
        """The factors of a run's settings over ``horizon_years``."""
        rates = (settings.household_rate, settings.landlord_rate, settings.social_rate)
        return cls(
            horizon_years,
            *rates,
            *(float(present_value_factor(rate, horizon_years)) for rate in rates),
            *(float(capital_recovery_factor(rate, horizon_years)) for rate in rates),
        )

    def per_eur(
        self,
        lifetime_years: ArrayLike,
        om_share: ArrayLike,
        perspective: Literal["household", "landlord", "social"],
    ) -> NDArray:
        """Present value over the horizon of owning one euro of a component: replacements,
        residual value and O&M at the ``"household"``, ``"landlord"`` or ``"social"`` rate."""
        rate, pvf = {
            "household": (self.household_rate, self.pvf_household),
            "landlord": (self.landlord_rate, self.pvf_landlord),
            "social": (self.social_rate, self.pvf_social),
        }[perspective]
        return life_cycle_cost_factor(lifetime_years, self.horizon_years, rate) + om_share * pvf


@dataclass(frozen=True)
class PriceWeights:
    """End-user prices and national unit costs summed over the years with a weight per year.

    Each is a dict unit key -> EUR per unit over the horizon (see :func:`price_weights`):
    ``present_value`` discounted at the household rate, ``year1`` the first year,
    ``year1_rent`` the first year on the prices the rent rule reads, ``horizon_sum``
    undiscounted, ``national`` resource costs discounted at the social rate.
    """

    present_value: dict[str, float]
    year1: dict[str, float]
    year1_rent: dict[str, float]
    horizon_sum: dict[str, float]
    national: dict[str, float]


def price_weights(
    unit_prices: dict[str, FloatArray],
    year_weights: FloatArray,
    net_metering: NDArray[np.bool_],
    horizon_years: int,
) -> dict[str, float]:
    """Weighted sums of the unit prices over the first years, import/export split by net
    metering (keys ``elec_import_eur_kwh_nm`` and ``elec_export_eur_kwh_nm`` for the years with
    it)."""
    year_weights = np.asarray(year_weights, dtype=float)
    netting = net_metering[:horizon_years].astype(float)
    out = {k: float(np.dot(year_weights, v[:horizon_years])) for k, v in unit_prices.items()}
    for k in ("elec_import_eur_kwh", "elec_export_eur_kwh"):
        out[k + "_nm"] = float(np.dot(year_weights * netting, unit_prices[k][:horizon_years]))
        out[k] = float(np.dot(year_weights * (1.0 - netting), unit_prices[k][:horizon_years]))
    return out


@dataclass(frozen=True)
class ChunkContext:
    """What every chunk of a :func:`~wupmodel.money.costs.money_outcomes` call shares.

    Attributes
    ----------
    option_shape
        Sizes of the option axes.
    with_net_metering
        Whether any year of the horizon nets PV export against import.
    price_weights
        Prices summed over the years (:class:`PriceWeights`).
    factors
        Rates, horizon and their present-value and capital-recovery factors.
    loan
        The Warmtefonds terms, or None with own money.
    any_tenant
        Whether any dwelling is rented.
    needed
        The stored outputs the caller needs.
    rent_cap_eur_per_yr, co2_price_eur_t
        The rent-increase cap and the national CO2 price.
    compute_irr
        Whether the IRR is computed.
    rent_insulation_component
        Index in the components of the insulation, whose extra investment enters a tenant's
        rent only for the dwelling's share (``rent_insulation_share``); None = no such component.
    one
        A ones array that broadcasts over the option axes (the standing charge term).
    export_blocks
        The block of the first option axis that exports (PV) and the blocks that do not, or None.
    scratch
        Reusable work arrays.
    """

    option_shape: tuple[int, ...]
    with_net_metering: bool
    price_weights: PriceWeights
    factors: HorizonFactors
    loan: WarmtefondsTerms | None
    any_tenant: bool
    needed: set[str]
    rent_cap_eur_per_yr: float
    co2_price_eur_t: float
    compute_irr: bool
    rent_insulation_component: int | None
    one: NDArray
    export_blocks: tuple[slice, list[slice]] | None
    scratch: Scratch

    @property
    def option_axes(self) -> int:
        """Number of option axes."""
        return len(self.option_shape)

    @property
    def horizon_years(self) -> int:
        """Appraisal horizon (yr)."""
        return self.factors.horizon_years


@dataclass(frozen=True)
class ChunkBuffers:
    """Reusable arrays of one chunk size: float work arrays and bool flags, by name."""

    work: dict[str, NDArray]
    flags: dict[str, NDArray[np.bool_]]


#: Float work arrays of a chunk (besides the outputs).
_FLOAT_BUFFERS = (
    "tmp",
    "billed",
    "self",
    "extra_inv",
    "rent_y",
    "bill_y1",
    "cost1",
    "sav",
    "inv",
    "p_long",
    "p_short",
)


def chunk_buffers(n_rows: int, ctx: ChunkContext, outputs: tuple[str, ...]) -> ChunkBuffers:
    """Work arrays for chunks of ``n_rows`` dwellings, and one per output in ``outputs``."""
    full = (n_rows,) + ctx.option_shape
    names = _FLOAT_BUFFERS + outputs
    blocks = ctx.export_blocks
    if blocks is not None:  # billed kWh and self-consumption only on the exporting block
        names = tuple(x for x in names if x not in ("billed", "self"))
    work = {name: np.empty(full) for name in names}
    if blocks is not None:
        part = (n_rows, blocks[0].stop - blocks[0].start) + ctx.option_shape[1:]
        work.update(self_block=np.empty(part), billed_block=np.empty(part))
    return ChunkBuffers(work, {name: np.empty(full, dtype=bool) for name in ("b1", "b2")})


# --------------------------------------------------------------------------------------------
# one chunk
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChunkFrame:
    """A chunk's dwellings and their reference options.

    ``rows`` = 0..n-1; ``reference_index`` the flat reference option per row and
    ``reference_cell`` its index on each option axis; ``full`` = ``(n, *option_shape)`` and
    ``column`` = ``(n, 1, ...)``, the shape of a per-dwelling value that broadcasts over the
    options.
    """

    rows: NDArray[np.intp]
    reference_index: NDArray[np.intp]
    reference_cell: tuple[NDArray[np.intp], ...]
    full: tuple[int, ...]
    column: tuple[int, ...]

    @classmethod
    def of(cls, reference_index: NDArray[np.intp], option_shape: tuple[int, ...]) -> ChunkFrame:
        n_rows = reference_index.size
        return cls(
            rows=np.arange(n_rows),
            reference_index=reference_index,
            reference_cell=np.unravel_index(reference_index, option_shape),
            full=(n_rows,) + option_shape,
            column=(n_rows,) + (1,) * len(option_shape),
        )

    def at_reference(self, a: NDArray) -> NDArray:
        """Each row's value of a full-size array at its reference option, shape ``column``."""
        return value_at_reference(a, self.rows, self.reference_index, self.column)

    def at_reference_cell(self, a: NDArray) -> NDArray:
        """Each row's value of a ``(rows, *option dims)`` view at its reference cell, ``(n,)``."""
        return value_at_reference_cell(a, self.rows, self.reference_cell)


class ChunkOutputs:
    """Where a chunk's outputs go: arrays (store mode) or village totals (reduce mode).

    ``arrays`` maps every output name to the array it is written into (``None`` = not asked
    for); in reduce mode (``totals`` given) the arrays are work buffers and each output adds
    ``weights @ output`` to ``totals`` instead, formed term by term where it can be.
    """

    def __init__(
        self,
        arrays: dict[str, NDArray | None],
        totals: dict[str, FloatArray] | None,
        weights: FloatArray | None,
        frame: ChunkFrame,
        tmp: NDArray,
        scratch: Scratch,
    ) -> None:
        self.arrays, self.totals, self.weights = arrays, totals, weights
        self.frame, self.tmp, self.scratch = frame, tmp, scratch
        self.reducer = (
            None
            if totals is None
            else Reducer(
                weights, frame.rows, frame.reference_index, frame.reference_cell, frame.full
            )
        )

    @property
    def storing(self) -> bool:
        """Store mode: every output is written into its array."""
        return self.weights is None

    def reduce(self, name: str, values: NDArray) -> None:
        """Reduce mode: add the totals of an output that had to be formed anyway."""
        if self.weights is not None and name in self.totals:
            self.totals[name] += self.weights @ values.reshape(values.shape[0], -1)

    def produce(self, name: str, terms: list[Term], keep: bool = False) -> NDArray | None:
        """Store mode or ``keep``: the output array (into its array); else only its totals."""
        if self.weights is None or keep:
            values = lincomb(terms, self.arrays[name], self.tmp, self.scratch)
            self.reduce(name, values)
            return values
        if name in self.totals:
            self.totals[name] += self.reducer.totals(terms)
        return None

    def versus_reference(self, name: str, base: str, terms: list[Term], scale: float = 1.0) -> None:
        """``scale x (output - its value at the dwelling's reference)`` (``base`` as computed)."""
        if self.weights is not None:
            if name in self.totals:
                reducer = self.reducer
                self.totals[name] += scale * (reducer.totals(terms) - reducer.at_reference(terms))
        elif self.arrays[name] is not None:
            base_values = self.arrays[base]
            np.subtract(base_values, self.frame.at_reference(base_values), out=self.arrays[name])
            if scale != 1.0:
                self.arrays[name] *= scale


@dataclass(frozen=True)
class _Chunk:
    """One chunk in the making: what its steps read, and where they write.

    ``owner`` is 1 for an owner-occupier and 0 for a tenant (a column; 1.0 when nobody rents),
    ``tenant`` the bool column (None when nobody rents).
    """

    ctx: ChunkContext
    inputs: ChunkInputs
    frame: ChunkFrame
    energy: EnergyCostTerms
    out: ChunkOutputs
    buffers: ChunkBuffers
    owner: NDArray | float
    tenant: NDArray[np.bool_] | None

    def terms(self, weights: dict[str, float], scale: float = 1.0) -> list[Term]:
        """End-user energy cost terms (net metering as in the run)."""
        return self.energy.cost_terms(weights, self.ctx.with_net_metering, scale)


@dataclass(frozen=True)
class _CostsOverTime:
    """A cost as terms: per month in year 1, its present value, and its horizon average per
    month (empty lists when the cost does not apply)."""

    monthly: list[Term]
    present_value: list[Term]
    average_monthly: list[Term]


def _investment(chunk: _Chunk) -> tuple[NDArray, NDArray | None]:
    """Net investment (capex - subsidy, kept) and the extra over the reference (when needed)."""
    components, out = chunk.inputs.components, chunk.out
    net_eur = out.produce(
        "net_investment_eur",
        [(1.0, c.capex_eur) for c in components] + [(-1.0, chunk.inputs.subsidy_eur)],
        keep=True,
    )
    ctx = chunk.ctx
    extra_eur = None
    if ctx.any_tenant or ctx.compute_irr or "simple_payback_years" in ctx.needed:
        extra_eur = chunk.buffers.work["extra_inv"]
        np.subtract(net_eur, chunk.frame.at_reference(net_eur), out=extra_eur)
    return net_eur, extra_eur


def _loan_principal(chunk: _Chunk, net_investment_eur: NDArray) -> NDArray:
    """The Warmtefonds loan: the net investment within the limits, owners only (kept)."""
    loan, flags = chunk.ctx.loan, chunk.buffers.flags
    principal_eur = chunk.out.arrays["loan_principal_eur"]
    np.clip(net_investment_eur, 0.0, loan.max_eur, out=principal_eur)
    np.greater_equal(principal_eur, loan.min_eur, out=flags["b1"])
    if chunk.tenant is not None:
        np.logical_and(flags["b1"], ~chunk.tenant, out=flags["b1"])
    np.multiply(principal_eur, flags["b1"], out=principal_eur)
    chunk.out.reduce("loan_principal_eur", principal_eur)
    return principal_eur


def _loan(chunk: _Chunk, principal_eur: NDArray) -> _CostsOverTime:
    """Loan payments as full-size terms ``principal x (coefficient per dwelling)``."""
    loan = chunk.ctx.loan
    horizon = chunk.ctx.horizon_years
    by_term = [(principal_eur, 0)]
    if loan.long_term_min_eur > 0:  # loans below long_min run over the shorter term
        long_eur, short_eur = chunk.buffers.work["p_long"], chunk.buffers.work["p_short"]
        np.greater_equal(principal_eur, loan.long_term_min_eur, out=chunk.buffers.flags["b2"])
        np.multiply(principal_eur, chunk.buffers.flags["b2"], out=long_eur)
        np.subtract(principal_eur, long_eur, out=short_eur)
        by_term = [(long_eur, 0), (short_eur, 1)]
    low_income = chunk.inputs.dwellings.low_income
    costs = _CostsOverTime([], [], [])
    pay = loan.payment_per_eur
    for part_eur, term in by_term:
        # yearly payment per euro borrowed (1/yr), per dwelling
        per_eur = np.where(low_income, pay[(0, term)], pay[(1, term)]).reshape(chunk.frame.column)
        costs.monthly.append((per_eur / 12.0, part_eur))
        costs.present_value.append((per_eur * loan.pv_factor[term] - 1.0, part_eur))
        costs.average_monthly.append((per_eur * loan.years[term] / (12.0 * horizon), part_eur))
    chunk.out.produce("loan_payment_eur_per_month", costs.monthly)
    return costs


def _rent_eur_per_yr(chunk: _Chunk, extra_investment_eur: NDArray) -> NDArray:
    """A tenant's rent increase (EUR/yr; 0 for owners): the landlord's annuity of the extra
    investment (insulation only for the landlord type's share), at most the cap and the
    landlord type's share of the tenant's first-year bill saving."""
    ctx, frame, dwellings = chunk.ctx, chunk.frame, chunk.inputs.dwellings
    rent = chunk.buffers.work["rent_y"]
    insulation = ctx.rent_insulation_component
    if insulation is not None and (dwellings.rent_insulation_share < 1.0).any():
        # the landlord asks rent for the installations, and for insulation only this share
        capex = chunk.inputs.components[insulation].capex_eur
        extra = np.maximum(capex - frame.at_reference_cell(capex).reshape(frame.column), 0.0)
        free_share = (1.0 - dwellings.rent_insulation_share).reshape(frame.column)
        np.subtract(extra_investment_eur, free_share * extra, out=rent)
        np.maximum(rent, 0.0, out=rent)
    else:
        np.maximum(extra_investment_eur, 0.0, out=rent)
    rent *= ctx.factors.crf_landlord
    np.minimum(rent, ctx.rent_cap_eur_per_yr, out=rent)
    # woonlastenneutraal: at most a share of the first-year bill saving
    bill_terms = chunk.terms(ctx.price_weights.year1_rent)
    bill = lincomb(bill_terms, chunk.buffers.work["bill_y1"], chunk.out.tmp, ctx.scratch)
    saving = np.subtract(frame.at_reference(bill), bill, out=bill)
    np.maximum(saving, 0.0, out=saving)
    saving *= dwellings.rent_saving_share.reshape(frame.column)
    np.minimum(rent, saving, out=rent)
    rent *= chunk.tenant
    return rent


def _rent(chunk: _Chunk, rent_eur_per_yr: NDArray) -> _CostsOverTime:
    """The tenant's rent increase as terms; the landlord's net yearly cost (output)."""
    ctx, out = chunk.ctx, chunk.out
    costs = _CostsOverTime(
        [(1.0 / 12.0, rent_eur_per_yr)],
        [(ctx.factors.pvf_household, rent_eur_per_yr)],
        [(1.0 / 12.0, rent_eur_per_yr)],
    )
    out.produce("rent_increase_eur_per_month", costs.monthly)
    landlord = ctx.factors.crf_landlord * chunk.tenant
    out.produce(
        "landlord_annual_cost_eur",
        [(c.pv_landlord * landlord, c.capex_eur) for c in chunk.inputs.components]
        + [(-landlord, chunk.inputs.subsidy_eur), (-1.0, rent_eur_per_yr)],
    )
    return costs


def _own_money(
    chunk: _Chunk, net_investment_eur: NDArray, principal_eur: NDArray | None
) -> list[Term]:
    """The part of the net investment an owner pays without a loan, as a monthly annuity at the
    household rate over the horizon (crf / 12 per euro)."""
    per_eur_month = chunk.ctx.factors.crf_household / 12.0
    terms = [(per_eur_month * chunk.owner, net_investment_eur)]
    if principal_eur is not None:
        terms.append((-per_eur_month, principal_eur))
    chunk.out.produce("own_capital_eur_per_month", terms)
    return terms


def _life_cycle_cost(chunk: _Chunk, loan: _CostsOverTime, rent: _CostsOverTime) -> list[Term]:
    """The occupant's life-cycle cost (terms; the output when needed)."""
    ctx, inputs = chunk.ctx, chunk.inputs
    capital = [
        (c.pv_household * chunk.owner if ctx.any_tenant else c.pv_household, c.capex_eur)
        for c in inputs.components
    ] + [(-chunk.owner, inputs.subsidy_eur)]
    terms = chunk.terms(ctx.price_weights.present_value) + capital
    terms += loan.present_value + rent.present_value
    if "lcc_end_user_eur" in ctx.needed or ctx.compute_irr:
        chunk.out.produce("lcc_end_user_eur", terms)
    return terms


def _woonlasten(
    chunk: _Chunk, loan: _CostsOverTime, rent: _CostsOverTime, own_money: list[Term]
) -> tuple[list[Term], list[Term]]:
    """The first-year bill and woonlasten (bill + loan + own money + rent), and their horizon
    average; returns the bill's and the first-year woonlasten's terms."""
    ctx = chunk.ctx
    bill_terms = chunk.terms(ctx.price_weights.year1)
    chunk.out.produce("bill_year1_eur", bill_terms)
    monthly_terms = [(t[0] / 12.0,) + tuple(t[1:]) for t in bill_terms]
    monthly_terms += loan.monthly + own_money + rent.monthly
    chunk.out.produce("monthly_cost_year1_eur", monthly_terms)
    if "monthly_cost_avg_eur" in ctx.needed:
        per_month = 1.0 / (12.0 * ctx.horizon_years)
        chunk.out.produce(
            "monthly_cost_avg_eur",
            chunk.terms(ctx.price_weights.horizon_sum, per_month)
            + loan.average_monthly
            + own_money
            + rent.average_monthly,
        )
    return bill_terms, monthly_terms


def _payback_into(inv: NDArray, sav: NDArray, out: NDArray, b1: NDArray, b2: NDArray) -> None:
    """:func:`wupmodel.money.finance.simple_payback` written into ``out`` with bool work buffers.

    ``max(inv, 0) / sav`` where there are savings (0 when nothing extra is invested); without
    savings ``inf`` if there is an extra investment, else NaN.
    """
    np.maximum(inv, 0.0, out=out)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(out, sav, out=out)
    np.less_equal(sav, 0.0, out=b1)  # no savings
    if b1.any():
        np.copyto(out, np.nan, where=b1)
        np.greater(inv, 0.0, out=b2)
        np.logical_and(b1, b2, out=b2)
        np.copyto(out, np.inf, where=b2)


def _payback(
    chunk: _Chunk,
    bill_terms: list[Term],
    rent_eur_per_yr: NDArray | None,
    extra_investment_eur: NDArray,
) -> None:
    """Simple payback: extra net investment / first-year savings (bill + O&M or rent)."""
    ctx, work = chunk.ctx, chunk.buffers.work
    cost_terms = bill_terms + [
        (c.om_share * chunk.owner, c.capex_eur) for c in chunk.inputs.components
    ]
    if ctx.any_tenant:
        cost_terms += [(1.0, rent_eur_per_yr)]
    cost_eur = lincomb(cost_terms, work["cost1"], chunk.out.tmp, ctx.scratch)
    saving_eur = work["sav"]
    np.subtract(chunk.frame.at_reference(cost_eur), cost_eur, out=saving_eur)
    invested_eur = extra_investment_eur
    if ctx.any_tenant:  # tenants invest nothing
        invested_eur = np.multiply(extra_investment_eur, chunk.owner, out=work["inv"])
    payback = chunk.out.arrays["simple_payback_years"]
    flags = chunk.buffers.flags
    _payback_into(invested_eur, saving_eur, payback, flags["b1"], flags["b2"])
    chunk.out.reduce("simple_payback_years", payback)


def _national(chunk: _Chunk) -> list[Term]:
    """Equivalent annual national cost: no taxes or subsidies, social rate, national-only
    components, gas-connection removal, CO2 price (terms; the output)."""
    ctx, inputs, frame = chunk.ctx, chunk.inputs, chunk.frame
    crf = ctx.factors.crf_social
    has_gas = inputs.energy.has_gas_connection
    # a one-off removal where the option has no gas connection and the reference has
    removal_eur = crf * inputs.dwellings.gas_removal_eur * frame.at_reference_cell(has_gas)
    terms = chunk.energy.cost_terms(ctx.price_weights.national, False, crf)
    terms += [(c.pv_national * crf, c.capex_eur) for c in inputs.components]
    terms += [(c.pv_national * crf, c.capex_eur) for c in inputs.national_components]
    terms.append((removal_eur.reshape(frame.column), ~has_gas))
    if ctx.co2_price_eur_t > 0:
        terms.append((ctx.co2_price_eur_t / 1000.0 * ctx.factors.pvf_social * crf, inputs.co2_kg))
    chunk.out.produce("national_annual_cost_eur", terms)
    return terms


def _derived(
    chunk: _Chunk, life_cycle: list[Term], monthly: list[Term], national: list[Term]
) -> None:
    """The outputs derived from others, while those are in cache (or as totals)."""
    out, crf = chunk.out, chunk.ctx.factors.crf_household
    subsidy = chunk.inputs.subsidy_eur
    if out.storing:
        if out.arrays["end_user_annual_cost_eur"] is not None:
            np.multiply(
                out.arrays["lcc_end_user_eur"], crf, out=out.arrays["end_user_annual_cost_eur"]
            )
        if out.arrays["subsidy_eur"] is not None:
            np.copyto(out.arrays["subsidy_eur"], subsidy)
    else:
        if "end_user_annual_cost_eur" in out.totals:
            out.totals["end_user_annual_cost_eur"] += crf * out.reducer.totals(life_cycle)
        if "subsidy_eur" in out.totals:
            out.totals["subsidy_eur"] += out.reducer.totals([(1.0, subsidy)])
    out.versus_reference("npv_end_user_eur", "lcc_end_user_eur", life_cycle, -1.0)
    out.versus_reference("end_user_extra_cost_eur_per_yr", "lcc_end_user_eur", life_cycle, crf)
    out.versus_reference("monthly_cost_change_eur", "monthly_cost_year1_eur", monthly)
    out.versus_reference("national_extra_cost_eur_per_yr", "national_annual_cost_eur", national)


def money_chunk(
    ctx: ChunkContext,
    inputs: ChunkInputs,
    outputs: dict[str, NDArray | None],
    buffers: ChunkBuffers,
    totals: dict[str, FloatArray] | None = None,
) -> None:
    """The outputs of one chunk's dwellings, into ``outputs`` (or their totals into ``totals``).

    ``outputs`` maps each output name to the array it is written into (``None`` = not asked
    for); ``buffers`` are reusable arrays of the chunk's shape. Every output is a sum of terms
    ``coef x array`` (:func:`lincomb`): mostly small arrays, plus a few full-size ones
    (self-consumption, the net-metered kWh, the loan, the rent). Store mode (``totals`` None)
    writes each output into ``outputs``; reduce mode adds ``weights @ output`` to ``totals``
    and forms only the arrays that a nonlinear step needs (the net investment for the loan,
    the first-year costs for the payback).
    """
    frame = ChunkFrame.of(inputs.dwellings.reference_index, ctx.option_shape)
    tenant = inputs.dwellings.is_tenant
    chunk = _Chunk(
        ctx=ctx,
        inputs=inputs,
        frame=frame,
        energy=EnergyCostTerms.of(
            inputs.energy, ctx.with_net_metering, ctx.export_blocks, ctx.one, buffers.work
        ),
        out=ChunkOutputs(
            outputs, totals, inputs.dwellings.weights, frame, buffers.work["tmp"], ctx.scratch
        ),
        buffers=buffers,
        owner=(~tenant).reshape(frame.column).astype(float) if ctx.any_tenant else 1.0,
        tenant=tenant.reshape(frame.column) if ctx.any_tenant else None,
    )
    net_eur, extra_eur = _investment(chunk)
    principal_eur = None if ctx.loan is None else _loan_principal(chunk, net_eur)
    loan = _CostsOverTime([], [], []) if ctx.loan is None else _loan(chunk, principal_eur)
    rent_eur = _rent_eur_per_yr(chunk, extra_eur) if ctx.any_tenant else None
    rent = _CostsOverTime([], [], []) if rent_eur is None else _rent(chunk, rent_eur)
    own_money = _own_money(chunk, net_eur, principal_eur)
    life_cycle = _life_cycle_cost(chunk, loan, rent)
    bill, monthly = _woonlasten(chunk, loan, rent, own_money)
    if "simple_payback_years" in ctx.needed:
        _payback(chunk, bill, rent_eur, extra_eur)
    national = _national(chunk) if "national_annual_cost_eur" in ctx.needed else []
    _derived(chunk, life_cycle, monthly, national)
