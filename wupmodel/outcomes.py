"""What an evaluation returns: :class:`Outcomes` (dwelling groups × options), the factored arrays
behind it, and the table of quantities with their units (:data:`QUANTITIES`).

Money outputs are computed per chunk when first read, not when the chunks are joined, so a
large evaluation holds only the physical arrays until a money figure is asked for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.options import Catalogue
from wupmodel.physics import REASONS

#: Per dwelling x option, not summable: ``feasible`` (bool) and ``reason_code`` (int8 into
#: :data:`~wupmodel.physics.REASONS`, 0 = feasible); ``to_frame`` spells the code out as
#: ``infeasible_reason`` (empty where the option is feasible).
NOT_QUANTITIES: tuple[str, ...] = ("feasible", "reason_code")

QUANTITIES: dict[str, str] = {
    "gas_m3": "natural gas use, m3/yr",
    "electricity_demand_kwh": "electricity use incl. appliances, kWh/yr",
    "electricity_import_kwh": "electricity taken from the grid, kWh/yr",
    "electricity_export_kwh": "PV electricity fed into the grid, kWh/yr",
    "pv_kwh": "rooftop PV production, kWh/yr",
    "heat_gj": "heat bought from a heat network, GJ/yr",
    "peak_kw": "electric peak at -10 degC (heating + appliances), kW, before diversity",
    "co2_kg": "CO2 emissions in the first year, kg/yr",
    "co2_cum_kg": "CO2 emissions summed over the horizon (grid intensity path), kg",
    "capex_eur": "investment incl. VAT, before subsidy, EUR",
    "capex_insulation_eur": "investment in insulation incl. VAT, EUR",
    "capex_heating_eur": "investment in the heating system incl. VAT, EUR",
    "capex_pv_eur": "investment in rooftop PV incl. VAT, EUR",
    "capex_solar_thermal_eur": "investment in a solar water heater incl. VAT, EUR",
    "capex_battery_eur": "investment in a home battery incl. VAT, EUR",
    "space_heat_kwh": "useful space heat, kWh/yr",
    "hot_water_kwh": "useful hot-water heat, kWh/yr",
    "supply_temp_c": "supply temperature needed at design conditions, degC",
    "capacity_kw": "heat-pump thermal capacity, kW",
    "battery_kwh": "home-battery capacity, kWh (0 = none)",
    "appliance_kwh": "appliance and lighting electricity, kWh/yr",
    "heating_electricity_kwh": "electricity of the heating system incl. hot water and "
    "auxiliaries, kWh/yr",
    "design_heat_load_kw": "useful heat load at the design outdoor temperature (-10 degC), kW",
    "operating_supply_c": "design supply temperature the heating system runs at, after the "
    "emitter works it includes, degC",
}


class FactoredArrays(Mapping[str, np.ndarray]):
    """Per-option quantities held as compact bases plus a column index per option.

    Most quantities vary over fewer columns than the O options (the hot-water demand only with
    solar thermal, the insulation investment only with the insulation level...). Each is held
    as a base of shape (G, K) and an index of shape (O,) into its columns; indexing by name
    materialises the (G, O) array on first use and caches it. Totals per option and picks of one
    option per group work on the bases without materialising.
    """

    def __init__(
        self,
        bases: dict[str, np.ndarray | Callable[[], np.ndarray]],
        index: dict[str, np.ndarray],
        extra: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
    ) -> None:
        self._bases = bases
        self.index = index
        # Quantities that are a sum of two factored terms (e.g. import = demand - PV used):
        # name -> (second base (G, K2), its column index (O,)).
        self.extra = extra or {}
        self._cache: dict[str, np.ndarray] = {}
        self._computed: dict[str, np.ndarray] = {}  # deferred bases computed so far

    def base(self, name: str) -> np.ndarray:
        """The compact (G, K) base of ``name`` (computed now if it was deferred)."""
        value = self._bases[name]
        if callable(value):
            if name not in self._computed:
                self._computed[name] = value()
            return self._computed[name]
        return value

    def release(self) -> None:
        """Forget every array computed on read (money outputs, materialised quantities); they
        are computed again when next read. Keeps a streamed evaluation's memory flat."""
        self._cache.clear()
        self._computed.clear()
        for value in self._bases.values():
            if hasattr(value, "release"):
                value.release()

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._cache:
            base = self.base(name)
            identity = (
                base.shape[1] == self.index[name].size
                and (self.index[name] == np.arange(base.shape[1])).all()
            )
            value = base if identity else np.take(base, self.index[name], axis=1)
            if name in self.extra:
                base2, index2 = self.extra[name]
                value = value + np.take(base2, index2, axis=1)
            self._cache[name] = value
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._bases)

    def __contains__(self, name: object) -> bool:
        # Mapping's default would read (and so compute) the array
        return name in self._bases

    def __len__(self) -> int:
        return len(self._bases)

    def totals(self, name: str, weights: np.ndarray) -> np.ndarray:
        """Weighted sum over groups for every option, shape (O,)."""
        value = self._bases[name]
        if (
            hasattr(value, "totals") and name not in self._cache and name not in self._computed
        ):  # reduces without materialising
            return value.totals(weights)[self.index[name]]
        total = (weights @ self.base(name))[self.index[name]]
        if name in self.extra:
            base2, index2 = self.extra[name]
            total = total + (weights @ base2)[index2]
        return total

    def pick(self, name: str, choice: np.ndarray) -> np.ndarray:
        """The value of option ``choice[g]`` for every group g, shape (G,)."""
        base = self.base(name)
        rows = np.arange(base.shape[0])
        value = base[rows, self.index[name][choice]]
        if name in self.extra:
            base2, index2 = self.extra[name]
            value = value + base2[rows, index2[choice]]
        return value

    def with_options(self, full: Mapping[str, Any]) -> FactoredArrays:
        """A copy with more quantities: (G, O) arrays, callables returning one, or factored
        ``(base (G, K), index (O,))`` pairs."""
        n_opt = next(iter(self.index.values())).size
        identity = np.arange(n_opt)
        bases, index = dict(self._bases), dict(self.index)
        for name, value in full.items():
            if isinstance(value, tuple):
                bases[name], index[name] = value
            else:
                bases[name], index[name] = value, identity
        return FactoredArrays(bases, index, self.extra)

    def concat(
        self, other: FactoredArrays | ChunkedArrays, sizes: tuple[int, int]
    ) -> ChunkedArrays:
        """These groups followed by ``other``'s, joined lazily (``sizes``: groups of each)."""
        return ChunkedArrays([self], [sizes[0]]).concat(other, sizes)


def _choice_key(choice: np.ndarray) -> bytes:
    """A short key of an option choice per group (equal choices, equal keys)."""
    choice = np.ascontiguousarray(choice, dtype=np.int64)
    return hashlib.blake2b(choice.tobytes(), digest_size=16).digest()


class ChunkedArrays(Mapping[str, np.ndarray]):
    """The arrays of consecutive chunks of groups, joined only when a whole array is read.

    Totals per option and picks work chunk by chunk (money totals without any (G, O) array);
    reading a whole array joins the chunks' arrays (money computed per chunk on first read).
    """

    def __init__(self, parts: list[FactoredArrays], sizes: list[int]) -> None:
        self.parts = parts
        self.sizes = sizes
        self.bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
        self._cache: dict[str, np.ndarray] = {}
        self._picked: dict[tuple[str, bytes], np.ndarray] = {}  # see prefetch

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self._cache:
            self._cache[name] = np.concatenate([part[name] for part in self.parts])
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.parts[0])

    def __contains__(self, name: object) -> bool:
        return name in self.parts[0]

    def __len__(self) -> int:
        return len(self.parts[0])

    def _slices(self) -> Iterator[tuple[FactoredArrays, slice]]:
        for part, start, stop in zip(self.parts, self.bounds[:-1], self.bounds[1:], strict=True):
            yield part, slice(int(start), int(stop))

    def totals(self, name: str, weights: np.ndarray) -> np.ndarray:
        """Weighted sum over groups for every option, shape (O,), chunk by chunk."""
        if name in self._cache:
            return weights @ self._cache[name]
        return sum(part.totals(name, weights[rows]) for part, rows in self._slices())

    def pick(self, name: str, choice: np.ndarray) -> np.ndarray:
        """The value of option ``choice[g]`` for every group g, shape (G,)."""
        picked = self._picked.get((name, _choice_key(choice)))
        if picked is not None:
            return picked
        return np.concatenate([part.pick(name, choice[rows]) for part, rows in self._slices()])

    def prefetch(self, names: list[str], choices: list[np.ndarray]) -> None:
        """Pick every name under every choice in one pass over the chunks, each chunk's money
        computed once and released after it: a summary of many strategies then holds one
        chunk's money arrays at a time, not every chunk's. Later :meth:`pick` calls with the
        same name and choice are answered from here."""
        distinct = {_choice_key(c): c for c in choices}  # strategies may share a choice
        found: dict[tuple[str, bytes], list[np.ndarray]] = {
            (n, k): [] for n in names for k in distinct
        }
        for part, rows in self._slices():
            for name in names:
                for key, choice in distinct.items():
                    found[(name, key)].append(part.pick(name, choice[rows]))
            part.release()
        self._picked.update({key: np.concatenate(values) for key, values in found.items()})

    def release(self) -> None:
        """Forget every array computed on read, in every chunk."""
        self._cache.clear()
        self._picked.clear()
        for part in self.parts:
            part.release()

    def concat(
        self, other: FactoredArrays | ChunkedArrays, sizes: tuple[int, int]
    ) -> ChunkedArrays:
        """These groups followed by ``other``'s (``sizes``: groups of each)."""
        if isinstance(other, ChunkedArrays):
            return ChunkedArrays(self.parts + other.parts, self.sizes + other.sizes)
        return ChunkedArrays(self.parts + [other], self.sizes + [sizes[1]])


@dataclass(frozen=True)
class Outcomes:
    """Outcomes of every dwelling group × option, per dwelling of the group.

    Attributes
    ----------
    groups
        One row per group of identical dwellings (validated stock columns, ``count``,
        ``group_id``).
    dwelling_ids
        Input dwelling ids, shape (n_rows,).
    dwelling_group
        Group index of each input row, shape (n_rows,).
    dwelling_count
        ``count`` of each input row (1 for a one-dwelling row), shape (n_rows,).
    catalogue
        The options (length O).
    arrays
        Quantity name -> (G, O) array (materialised on first use); see :data:`QUANTITIES` for
        meaning and unit. ``feasible`` is among them: the option is technically possible for
        the dwelling and allowed by its zones; ``reason_code`` says why not (code into
        :data:`~wupmodel.physics.REASONS`, 0 where feasible).
    year
        First year of the horizon (the year of first-year energy and CO2).
    notices
        Remarks for the user (e.g. assumptions applied to the stock).
    """

    groups: pd.DataFrame
    dwelling_ids: np.ndarray
    dwelling_group: np.ndarray
    dwelling_count: np.ndarray
    catalogue: Catalogue
    arrays: FactoredArrays | ChunkedArrays
    year: int
    notices: tuple[str, ...] = field(default=())

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    @property
    def feasible(self) -> np.ndarray:
        """(G, O) bool: the option is possible for the dwelling and allowed by its zones."""
        return self.arrays["feasible"]

    @property
    def quantities(self) -> list[str]:
        """Names of the numeric quantities (everything but ``feasible`` and ``reason_code``)."""
        return [k for k in self.arrays if k not in NOT_QUANTITIES]

    @property
    def n_groups(self) -> int:
        return len(self.groups)

    @property
    def counts(self) -> np.ndarray:
        """Dwellings per group, shape (G,)."""
        return self.groups["count"].to_numpy(dtype=float)

    def totals(self, name: str) -> np.ndarray:
        """Village total of ``name`` for every option taken by every dwelling, shape (O,)."""
        return self.arrays.totals(name, self.counts)

    def pick(self, name: str, choice: np.ndarray) -> np.ndarray:
        """Per dwelling value of ``name`` under option ``choice[g]`` for each group, shape (G,)."""
        return self.arrays.pick(name, choice)

    def prefetch(self, names: list[str], choices: list[np.ndarray]) -> None:
        """Prepare :meth:`pick` of ``names`` under ``choices`` in one pass over the evaluated
        chunks (a no-op for a single chunk), so that money is computed once per chunk and only
        one chunk's money arrays are held at a time."""
        if isinstance(self.arrays, ChunkedArrays):
            self.arrays.prefetch([n for n in names if n in self.arrays], choices)

    def to_frame(self, per: str = "dwelling") -> pd.DataFrame:
        """Long table: one row per dwelling (or group) × option.

        For a large stock, :meth:`iter_frames` gives the same rows chunk by chunk (and
        :func:`wupmodel.write_outcomes` writes them) without the whole table in memory.

        Parameters
        ----------
        per
            ``"dwelling"`` (one row per input row; a grouped input row keeps its ``count``)
            or ``"group"`` (one row per group of identical dwellings, with ``count``).
        """
        options = self.catalogue.to_frame()
        n_opt = len(options)
        if per == "group":
            rows = np.arange(self.n_groups)
            ids = self.groups["group_id"].to_numpy()
            counts = self.counts
            id_col = "group_id"
        elif per == "dwelling":
            rows = self.dwelling_group
            ids = self.dwelling_ids
            counts = self.dwelling_count
            id_col = "dwelling_id"
        else:
            raise ValueError("per must be 'dwelling' or 'group'")
        data: dict[str, np.ndarray] = {
            id_col: np.repeat(ids, n_opt),
            "count": np.repeat(counts, n_opt),
        }
        for col in options.columns:
            data[col] = np.tile(options[col].to_numpy(), rows.size)
        data["feasible"] = self.feasible[rows].ravel()
        if "reason_code" in self.arrays:
            data["infeasible_reason"] = pd.Categorical.from_codes(
                self.arrays["reason_code"][rows].ravel().astype(np.int64), categories=list(REASONS)
            )
        for name in self.quantities:
            data[name] = self.arrays[name][rows].ravel()
        return pd.DataFrame(data)

    def concat(self, other: Outcomes) -> Outcomes:
        """Join the outcomes of two chunks of the same stock (groups appended)."""
        offset = self.n_groups
        return replace(
            self,
            groups=pd.concat([self.groups, other.groups], ignore_index=True),
            dwelling_ids=np.concatenate([self.dwelling_ids, other.dwelling_ids]),
            dwelling_group=np.concatenate([self.dwelling_group, other.dwelling_group + offset]),
            dwelling_count=np.concatenate([self.dwelling_count, other.dwelling_count]),
            arrays=self.arrays.concat(other.arrays, (self.n_groups, other.n_groups)),
            notices=tuple(dict.fromkeys(self.notices + other.notices)),
        )

    def parts(self) -> Iterator[Outcomes]:
        """The evaluated chunks of groups, each as its own :class:`Outcomes` (rows follow)."""
        if not isinstance(self.arrays, ChunkedArrays):
            yield self
            return
        order = np.argsort(self.dwelling_group, kind="stable")
        row_bounds = np.searchsorted(self.dwelling_group[order], self.arrays.bounds)
        for k, (part, groups) in enumerate(self.arrays._slices()):
            rows = order[row_bounds[k] : row_bounds[k + 1]]
            yield replace(
                self,
                groups=self.groups.iloc[groups].reset_index(drop=True),
                dwelling_ids=self.dwelling_ids[rows],
                dwelling_group=self.dwelling_group[rows] - groups.start,
                dwelling_count=self.dwelling_count[rows],
                arrays=part,
            )

    def iter_frames(self, per: str = "dwelling") -> Iterator[pd.DataFrame]:
        """The rows of :meth:`to_frame`, one frame per evaluated chunk; each chunk's arrays are
        released after its frame, so memory stays at one chunk."""
        for part in self.parts():
            frame = part.to_frame(per=per)
            part.arrays.release()
            yield frame
