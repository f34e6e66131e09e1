"""Scenario files: frozen pydantic models read from YAML, with clear, line-numbered errors.

A scenario holds only what the user chooses or overrides: which village, which years, which
options, targets, finance settings, and overrides of packaged default parameters and price
paths. Every number it does not set comes from the packaged, sourced tables
(:mod:`wupmodel.params`). Unknown keys are errors (``extra="forbid"``): a misspelled key is
never silently ignored.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from wupmodel.errors import WupInputError
from wupmodel.params import Params, default_params, parameter_table
from wupmodel.vocabulary import CRITERIA_LIMITS, HEATING_SYSTEMS, INSULATION_LEVELS

_FROZEN = ConfigDict(extra="forbid", frozen=True)

Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
Rate = Annotated[float, Field(gt=-0.99, le=0.5)]


class Village(BaseModel):
    """Which dwellings: a CBS buurt to synthesise, or a stock file (path relative to the
    scenario)."""

    model_config = _FROZEN
    name: str = "Aalden"
    buurt_code: str = Field("BU01095059", pattern=r"^BU\d{8}$")
    stock_file: str | None = None
    seed: int = Field(0, ge=0, le=2**31 - 1)


class Years(BaseModel):
    """Price year and horizon: costs are in real euros of ``start``; the horizon runs to ``end``."""

    model_config = _FROZEN
    start: int = Field(2026, ge=2024, le=2035)
    end: int = Field(2050, ge=2025, le=2050)  # the packaged price paths end in 2050

    @model_validator(mode="after")
    def _ordered(self) -> Years:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be after start ({self.start})")
        return self

    @property
    def horizon_years(self) -> int:
        """Number of years from ``start`` to ``end`` inclusive."""
        return self.end - self.start + 1


class CatalogueChoice(BaseModel):
    """Which options each dwelling may take (the full catalogue by default)."""

    model_config = _FROZEN
    insulation: tuple[Literal["current", "basic", "standard", "deep"], ...] = INSULATION_LEVELS
    heating: tuple[
        Literal[
            "gas_boiler", "hybrid_hp", "air_hp", "ground_hp", "heat_network_mt", "heat_network_lt"
        ],
        ...,
    ] = HEATING_SYSTEMS
    pv: tuple[bool, ...] = (False, True)
    solar_thermal: tuple[bool, ...] = (False, True)

    @model_validator(mode="after")
    def _reference_present(self) -> CatalogueChoice:
        if "current" not in self.insulation or "gas_boiler" not in self.heating:
            raise ValueError(
                "the catalogue must keep the reference: insulation 'current' and heating"
                " 'gas_boiler'"
            )
        if False not in self.pv or False not in self.solar_thermal:
            raise ValueError(
                "the catalogue must keep pv: false and solar_thermal: false (the reference)"
            )
        for name in ("insulation", "heating", "pv", "solar_thermal"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name} lists a value twice")
        return self


class Finance(BaseModel):
    """Money settings. ``None`` means: use the packaged default (see the assumptions sheet)."""

    model_config = _FROZEN
    household_discount_rate: Rate | None = None
    social_discount_rate: Rate | None = None
    financing: Literal["own", "warmtefonds"] = "warmtefonds"
    loan_term_years: Literal[7, 10, 15, 20] = 15
    loan_rate: Rate | None = None
    rent_increase_cap_eur_month: Annotated[float, Field(ge=0, le=500)] | None = None
    ets2_start_year: Annotated[int, Field(ge=2026, le=2050)] | None = 2028
    ets2_path: Literal["low", "central", "high"] = "central"


class HeatNetworks(BaseModel):
    """Heat networks under the Wet collectieve warmte: each network type's source, a source per
    zone (the cooperative's case), the household tariff and the owners' financing."""

    model_config = _FROZEN
    mt_source: str = "biomass"
    lt_source: str = "aquathermal_hp"
    zone_sources: dict[str, str] = Field(default_factory=dict)
    tariff: Literal["cost_based", "acm"] = "cost_based"
    ownership: Literal["public_majority", "private"] = "public_majority"
    wis: bool = True

    @model_validator(mode="after")
    def _known_sources(self) -> HeatNetworks:
        known = list(default_params().table("heat_sources")["heat_source"].astype(str))
        named = {"mt_source": self.mt_source, "lt_source": self.lt_source}
        named.update({f"zone_sources.{z}": v for z, v in self.zone_sources.items()})
        for key, name in named.items():
            if name not in known:
                close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise ValueError(
                    f"{key}: unknown heat source '{name}'{hint}; allowed: {', '.join(known)}"
                )
        return self


class Subsidies(BaseModel):
    """Support besides the ISDE and the Warmtefonds that a village may count on."""

    model_config = _FROZEN
    lokale_aanpak_isolatie: bool = False


class Targets(BaseModel):
    """What the optimiser must reach or respect; ``None`` = no constraint."""

    model_config = _FROZEN
    perspective: Literal["national", "end_user"] = "national"
    co2_reduction: Fraction | None = None
    co2_basis: Literal["first_year", "cumulative"] = "first_year"
    budget_eur: Annotated[float, Field(ge=0)] | None = None
    max_monthly_cost_increase_eur: Annotated[float, Field(ge=0, le=1000)] | None = None
    energy_neutral_share: Fraction | None = None
    heat_network_min_participation: Fraction | None = None
    max_installations: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    #: CO2 reduction vs the reference to reach by each milestone year (``wupmodel phase``);
    #: ``None`` = the packaged path (``phasing.co2_reduction_*``), ``{}`` = no path
    co2_path: dict[int, Fraction] | None = None
    #: well-being limits the optimiser respects: ``noise``, ``overheating`` (CRITERIA_LIMITS)
    limits: tuple[str, ...] = ()

    @field_validator("limits")
    @classmethod
    def _known_limits(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for key in value:
            if key not in CRITERIA_LIMITS:
                close = difflib.get_close_matches(key, CRITERIA_LIMITS, n=1, cutoff=0.5)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise ValueError(
                    f"unknown limit '{key}'{hint}; allowed: {', '.join(CRITERIA_LIMITS)}"
                )
        return tuple(dict.fromkeys(value))

    @field_validator("max_installations")
    @classmethod
    def _known_systems(cls, value: dict[str, int]) -> dict[str, int]:
        for key in value:
            if key not in HEATING_SYSTEMS:
                raise ValueError(
                    f"unknown heating system '{key}'; allowed: {', '.join(HEATING_SYSTEMS)}"
                )
        return value


NonNegative = Annotated[float, Field(ge=0)]


class PhasingChoice(BaseModel):
    """The time path (``wupmodel phase``): step, installer capacity, budget, notice, works.

    ``None`` means: use the packaged default (the ``phasing.*`` parameters, with sources).
    Capacity is a number a year, or per 1 000 dwellings of the village (not both).
    """

    model_config = _FROZEN
    step: Literal[1, 5] = 1
    collective_step: Literal[1, 5] = 5
    heat_pumps_per_year: NonNegative | None = None
    heat_pumps_per_1000_dwellings: NonNegative | None = None
    insulation_jobs_per_year: NonNegative | None = None
    insulation_jobs_per_1000_dwellings: NonNegative | None = None
    budget_eur_per_year: NonNegative | None = None
    budget_basis: Literal["end_user_net", "subsidy"] = "end_user_net"
    notice_years: Annotated[int, Field(ge=0, le=20)] | None = None
    reinforcement_lead_years: Annotated[int, Field(ge=0, le=15)] | None = None
    works: dict[str, int] = Field(default_factory=dict)
    works_discount: Annotated[float, Field(ge=0.0, le=0.6)] | None = None

    @model_validator(mode="after")
    def _one_capacity_each(self) -> PhasingChoice:
        for what in ("heat_pumps", "insulation_jobs"):
            per_year = getattr(self, f"{what}_per_year")
            per_1000 = getattr(self, f"{what}_per_1000_dwellings")
            if per_year is not None and per_1000 is not None:
                raise PydanticCustomError(
                    "plain_message", f"give {what}_per_year or {what}_per_1000_dwellings, not both"
                )
        return self


class UncertainRange(BaseModel):
    """The distribution of one uncertain parameter or price path (see :mod:`wupmodel.uncertainty`).

    ``low``/``high`` bound the distribution (uniform, triangular; truncation for normal and
    lognormal) and are the one-at-a-time (tornado) values; without them a normal or lognormal
    uses its 5th and 95th percentiles for the tornado and is truncated to the allowed range.
    ``mode`` is the triangular peak (default: the midpoint); ``mean``/``sd`` describe a normal
    or lognormal (of the value itself, not of its logarithm). ``group`` names a correlation
    group of :class:`Uncertainty`.
    """

    model_config = _FROZEN
    distribution: Literal["uniform", "triangular", "normal", "lognormal"] = "uniform"
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean: float | None = None
    sd: float | None = None
    group: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> UncertainRange:
        d = self.distribution
        if self.low is not None and self.high is not None and not self.low <= self.high:
            raise ValueError(f"low ({self.low}) must not exceed high ({self.high})")
        if self.sd is not None and not self.sd >= 0:
            raise ValueError(f"sd ({self.sd}) must not be negative")
        if d in ("uniform", "triangular") and (self.low is None or self.high is None):
            raise ValueError(f"a {d} distribution needs low and high")
        if d in ("normal", "lognormal") and (self.mean is None or self.sd is None):
            raise ValueError(f"a {d} distribution needs mean and sd")
        if d == "lognormal" and not self.mean > 0:
            raise ValueError(f"a lognormal distribution needs mean > 0 (got {self.mean})")
        if self.mode is not None:
            if d != "triangular":
                raise ValueError("mode applies to a triangular distribution only")
            if not self.low <= self.mode <= self.high:
                raise ValueError(
                    f"mode ({self.mode}) must lie between low ({self.low}) and high ({self.high})"
                )
        if d in ("normal", "lognormal") and self.mean is not None:
            if (self.low is not None and self.mean < self.low) or (
                self.high is not None and self.mean > self.high
            ):
                raise ValueError(f"mean ({self.mean}) must lie between low and high")
        return self


class CorrelationGroup(BaseModel):
    """Parameters that move together (e.g. all energy prices): one correlation between members."""

    model_config = _FROZEN
    correlation: Annotated[float, Field(gt=-1.0, le=1.0)] = 1.0
    description: str = ""


class Uncertainty(BaseModel):
    """The scenario's uncertain inputs.

    ``parameters`` maps a parameter id (as in ``parameters:``), ``prices.<series>`` (a factor
    on the whole price path, 1 = as given) or ``prices.<series>.trend`` (a relative change
    reached in the last year, growing linearly from 0 in the first year) to its distribution.
    ``groups`` holds the correlation groups the parameters name. The older flat form
    (``uncertainty: {param: {low, high}}``) is read as ``parameters``.
    """

    model_config = _FROZEN
    parameters: dict[str, UncertainRange] = Field(default_factory=dict)
    groups: dict[str, CorrelationGroup] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _flat_form(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and data and not set(data) <= {"parameters", "groups"}:
            return {"parameters": dict(data)}
        return data

    @field_validator("parameters")
    @classmethod
    def _known_uncertain(cls, value: dict[str, UncertainRange]) -> dict[str, UncertainRange]:
        from wupmodel.money.tariffs import SERIES

        table = parameter_table()
        known = (
            list(table.index)
            + [f"prices.{s}" for s in SERIES]
            + [f"prices.{s}.trend" for s in SERIES]
        )
        for key, rng in value.items():
            if key not in known:
                close = difflib.get_close_matches(key, known, n=3, cutoff=0.6)
                hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
                raise ValueError(f"unknown parameter path '{key}' in uncertainty{hint}")
            if key.startswith("prices."):
                if key.endswith(".trend"):
                    lo, hi = -1.0, 10.0
                else:
                    lo, hi = 0.0, 10.0
                what = "a price-path trend" if key.endswith(".trend") else "a price-path factor"
            else:
                lo, hi = float(table.at[key, "min"]), float(table.at[key, "max"])
                what = f"'{key}' ({table.at[key, 'unit']})"
            for name in ("low", "high", "mode", "mean"):
                number = getattr(rng, name)
                if number is not None and not lo <= number <= hi:
                    raise ValueError(
                        f"uncertainty of '{key}': {name} {number:g} is outside the range "
                        f"{lo:g} to {hi:g} allowed for {what}"
                    )
        return value

    @model_validator(mode="after")
    def _groups_named(self) -> Uncertainty:
        for key, rng in self.parameters.items():
            if rng.group is not None and rng.group not in self.groups:
                raise ValueError(
                    f"uncertainty of '{key}' names group '{rng.group}', which is not under "
                    f"uncertainty.groups (known: {', '.join(self.groups) or 'none'})"
                )
        for name, grp in self.groups.items():
            n = sum(1 for r in self.parameters.values() if r.group == name)
            if n > 1 and grp.correlation <= -1.0 / (n - 1):
                raise ValueError(
                    f"group '{name}': a correlation of {grp.correlation:g} among {n} "
                    f"parameters is impossible; it must exceed {-1.0 / (n - 1):g}"
                )
        return self


#: Finance-block keys that are packaged parameters too: the block's value becomes the
#: parameter's value in the run (and is shown as overridden in the assumptions).
FINANCE_PARAMETERS: dict[str, str] = {
    "household_discount_rate": "finance.household_discount_rate",
    "social_discount_rate": "finance.social_discount_rate",
    "loan_rate": "finance.warmtefonds_rate",
    "rent_increase_cap_eur_month": "finance.rent_increase_cap_eur_month",
}

#: Phasing-block keys that are packaged parameters too (as :data:`FINANCE_PARAMETERS`).
PHASING_PARAMETERS: dict[str, str] = {
    "heat_pumps_per_1000_dwellings": "phasing.heat_pumps_per_1000_dwellings",
    "insulation_jobs_per_1000_dwellings": "phasing.insulation_jobs_per_1000_dwellings",
    "notice_years": "phasing.gas_notice_years",
    "reinforcement_lead_years": "phasing.reinforcement_lead_years",
    "works_discount": "phasing.works_discount",
}

#: Block -> its keys that are packaged parameters.
BLOCK_PARAMETERS: dict[str, dict[str, str]] = {
    "finance": FINANCE_PARAMETERS,
    "phasing": PHASING_PARAMETERS,
}


#: ``subsidies:`` switches that are packaged parameters (flags) too.
SUBSIDY_PARAMETERS: dict[str, str] = {"lokale_aanpak_isolatie": "subsidy.lai_enabled"}


class Scenario(BaseModel):
    """A wupmodel scenario (see ``scenarios/default.yaml`` for an annotated example)."""

    model_config = _FROZEN
    #: where each override came from: parameter id or ``prices.<series>`` or a dotted scenario
    #: key -> "scenario file X", "--set", "app", ... (see :func:`wupmodel.settings.apply_settings`)
    _origins: dict[str, str] = PrivateAttr(default_factory=dict)
    name: str = "Aalden 2026"
    description: str = ""
    village: Village = Village()
    years: Years = Years()
    catalogue: CatalogueChoice = CatalogueChoice()
    finance: Finance = Finance()
    heat_networks: HeatNetworks = HeatNetworks()
    subsidies: Subsidies = Subsidies()
    targets: Targets = Targets()
    phasing: PhasingChoice = PhasingChoice()
    parameters: dict[str, float] = Field(default_factory=dict)
    prices: dict[str, float | dict[int, float]] = Field(default_factory=dict)
    uncertainty: Uncertainty = Uncertainty()

    @field_validator("parameters")
    @classmethod
    def _known_parameters(cls, value: dict[str, float]) -> dict[str, float]:
        table = parameter_table()
        for key, number in value.items():
            if key not in table.index:
                close = difflib.get_close_matches(key, list(table.index), n=3, cutoff=0.6)
                hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
                raise ValueError(f"unknown parameter '{key}'{hint}")
            lo, hi = float(table.at[key, "min"]), float(table.at[key, "max"])
            if not lo <= number <= hi:
                raise ValueError(
                    f"parameter '{key}' = {number} is outside the allowed range {lo:g} to {hi:g} "
                    f"{table.at[key, 'unit']}"
                )
        return value

    @field_validator("targets", "phasing")
    @classmethod
    def _years_in_horizon(cls, value: Any, info: ValidationInfo) -> Any:
        years = info.data.get("years")
        if years is None:
            return value
        if isinstance(value, Targets):
            named = {f"co2_path {y}": y for y in value.co2_path or {}}
        else:
            named = {f"works of zone '{z}'": y for z, y in value.works.items()}
        for what, year in named.items():
            if not years.start <= year <= years.end:
                raise PydanticCustomError(
                    "plain_message",
                    f"{what}: the year {year} is outside the horizon {years.start} to "
                    f"{years.end}; allowed: a year from {years.start} to {years.end}",
                )
        return value

    # -- derived -------------------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        """Equal content (where overrides came from is not part of a scenario's identity)."""
        return isinstance(other, Scenario) and self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash(self.model_dump_json())

    def parameter_overrides(self) -> dict[str, float]:
        """Parameter id -> value this scenario sets: ``parameters:`` plus the finance block's
        rates and caps (:data:`FINANCE_PARAMETERS`); the same key in both with different
        values is an error."""
        out = dict(self.parameters)
        for pid, value in self.subsidy_overrides().items():
            if value != float(parameter_table().at[pid, "value"]) and pid not in out:
                out[pid] = value
        for block, keys in BLOCK_PARAMETERS.items():
            for key, pid in keys.items():
                value = getattr(getattr(self, block), key)
                if value is None:
                    continue
                if pid in out and float(out[pid]) != float(value):
                    raise WupInputError(
                        f"{self.name}: '{block}.{key}' = {value} and 'parameters.{pid}' = "
                        f"{out[pid]} set the same number twice; keep one",
                        self.name,
                    )
                out[pid] = float(value)
        return out

    def subsidy_overrides(self) -> dict[str, float]:
        """Parameter id -> value set by the ``subsidies:`` block (switches as 0/1 flags)."""
        return {pid: float(getattr(self.subsidies, key)) for key, pid in SUBSIDY_PARAMETERS.items()}

    def params(self) -> Params:
        """Packaged defaults merged with this scenario's overrides (parameters and finance)."""
        return default_params().with_overrides(self.parameter_overrides(), source=self.name)

    @property
    def origins(self) -> dict[str, str]:
        """Where each override came from, by key (parameter id, ``prices.<series>``, or a
        dotted scenario key such as ``finance.financing``)."""
        return dict(self._origins)

    def origin_of(self, key: str) -> str:
        """Where the override ``key`` came from ("scenario file ...", "--set", ...); "" if
        unknown."""
        return self._origins.get(key, "")

    def with_origins(self, origins: Mapping[str, str]) -> Scenario:
        """A copy whose origins are updated with ``origins``."""
        copy = self.model_copy()
        copy._origins = {**self._origins, **dict(origins)}
        return copy


# ---------------------------------------------------------------------------------------
# YAML I/O with line numbers
# ---------------------------------------------------------------------------------------


#: libyaml's safe loader where PyYAML has it (about 8x faster than the pure-Python one: the app
#: parses a scenario text on every slider move); same YAML 1.1 safe subset and error marks.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The largest scenario file [bytes]: the annotated default is ~10 kB; price paths for every
#: year of every series and a full uncertainty section stay far below.
MAX_SCENARIO_BYTES = 1_000_000

#: The most YAML nodes a scenario may hold once its aliases are expanded (a "billion laughs"
#: file of ten lines expands to 10^9): anchors and aliases are welcome up to this size.
MAX_YAML_NODES = 100_000


class _DuplicateKey(yaml.YAMLError):
    """A key given twice in one mapping (the YAML loader would keep the last silently)."""

    def __init__(self, key: str, first: int, second: int) -> None:
        super().__init__(f"key '{key[:80]}' appears twice in one mapping")
        self.key, self.first, self.second = key, first, second


class _StrictLoader(_SAFE_LOADER):  # type: ignore[valid-type, misc]
    """The safe loader, refusing a key given twice in one mapping."""

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML's hook
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], int] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                    continue
                key = (key_node.tag, key_node.value)
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise _DuplicateKey(key_node.value, seen[key], line)
                seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _expanded_nodes(text: str, limit: int) -> int:
    """The number of nodes of ``text`` with every alias expanded, counted from the parser's
    events (linear in the text, whatever the aliases expand to); stops above ``limit``.

    Raises
    ------
    OverflowError
        More than ``limit`` nodes.
    yaml.YAMLError
        Not YAML (the loader reports it with its line).
    """
    sizes: dict[str, int] = {}
    stack: list[list] = [[None, 0]]  # open collections: [anchor, nodes so far]
    total = 0
    for event in yaml.parse(text, Loader=_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            added = sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            added = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append([event.anchor, 0])
            added = 1
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, n = stack.pop()
            if anchor:
                sizes[anchor] = n + 1
            stack[-1][1] += n + 1
            continue
        else:
            continue
        stack[-1][1] += added if not isinstance(event, yaml.CollectionStartEvent) else 0
        total += added
        if total > limit:
            raise OverflowError(limit)
    return total


def load_yaml_text(text: str, source: str, max_bytes: int = MAX_SCENARIO_BYTES) -> Any:
    """YAML ``text`` as Python data, within limits: at most ``max_bytes``, at most
    :data:`MAX_YAML_NODES` nodes with the aliases expanded, no key twice in a mapping.

    Raises
    ------
    WupInputError
        Naming ``source``, the line and what is allowed.
    """
    size = len(text.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise WupInputError(
            f"{source}: too large for a scenario ({size / 1e6:.1f} MB; at most "
            f"{max_bytes / 1e6:g} MB of YAML text)",
            source,
        )
    try:
        _expanded_nodes(text, MAX_YAML_NODES)
        return yaml.load(text, Loader=_StrictLoader)
    except OverflowError:
        raise WupInputError(
            f"{source}: its anchors and aliases (&name, *name) expand to more than "
            f"{MAX_YAML_NODES:,} values; a scenario needs far fewer: write the values out or "
            "use fewer aliases",
            source,
        ) from None
    except _DuplicateKey as dup:
        raise WupInputError(
            f"{source}, line {dup.second}: key '{dup.key[:80]}' is given twice in one mapping "
            f"(lines {dup.first} and {dup.second}); keep one (YAML would silently use the last)",
            source,
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise WupInputError(f"{source}{where}: not valid YAML: {problem[:200]}", source) from None


def _yaml_line(text: str, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at ``loc`` (or of its deepest existing parent)."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for key in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k_node, v_node in node.value:
                if str(k_node.value) == str(key):
                    line = k_node.start_mark.line + 1
                    nxt = v_node
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return line


#: Validation errors listed one per line at most; the rest are counted.
MAX_ERROR_LINES = 20


def _format_errors(err: ValidationError, text: str, source: str) -> str:
    lines = []
    errors = err.errors()
    for item in errors[:MAX_ERROR_LINES]:
        loc = tuple(
            p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-"))
        )
        where = ".".join(str(p) for p in loc) or "(top level)"
        line = _yaml_line(text, loc)
        at = f"{source}, line {line}" if line else source
        msg = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            parent = _allowed_keys(loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), parent, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            msg = f"unknown key{hint}; allowed here: {', '.join(parent)}"
        elif "input" in item and item["type"] not in ("missing", "plain_message"):
            msg = f"{msg} (got {_short_repr(item['input'])})"
        lines.append(f"{at}: '{where[:120]}': {msg}")
    if len(errors) > MAX_ERROR_LINES:
        lines.append(f"{source}: ... and {len(errors) - MAX_ERROR_LINES} more problems")
    return "\n".join(lines)


def _short_repr(value: Any, limit: int = 120) -> str:
    """``repr(value)`` cut to ``limit`` characters (a list of a million items prints as its
    start); never builds the whole text of a huge container."""
    if isinstance(value, list | tuple | dict | set) and len(value) > 20:
        kind = type(value).__name__
        return f"a {kind} of {len(value)} items"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    model: Any = Scenario
    for key in loc:
        field = getattr(model, "model_fields", {}).get(str(key))
        if field is None:
            return []
        model = field.annotation
    return list(getattr(model, "model_fields", {}))


def scenario_from_text(text: str, source: str = "<scenario>") -> Scenario:
    """Parse and validate scenario YAML ``text``; errors name ``source`` and the line."""
    data = load_yaml_text(text, source)
    if data is None or data == {}:
        raise WupInputError(
            f"{source}: the scenario file is empty (no keys); give at least 'name:' and what "
            "differs from the default, or run without a scenario file for the packaged default "
            "(wupmodel validate prints it)",
            source,
        )
    if not isinstance(data, Mapping):
        raise WupInputError(f"{source}: a scenario must be a mapping of keys to values", source)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as err:
        raise WupInputError(_format_errors(err, text, source), source) from None
    _check_prices(scenario, text, source)
    return scenario.with_origins({key: f"scenario file {source}" for key in set_keys(data)})


def set_keys(data: Mapping[str, Any]) -> list[str]:
    """The override keys a scenario mapping sets: parameter ids, ``prices.<series>`` and the
    dotted keys of the blocks (``finance.financing``, ``targets.co2_reduction``, ...)."""
    keys: list[str] = []
    for top, value in data.items():
        if top == "parameters" and isinstance(value, Mapping):
            keys += [str(k) for k in value]
        elif top == "prices" and isinstance(value, Mapping):
            keys += [f"prices.{k}" for k in value]
        elif top == "uncertainty":
            keys += [f"uncertainty.{k}" for k in value or {}]
        elif isinstance(value, Mapping):
            for k, v in value.items():
                if v is None:
                    continue
                keys.append(f"{top}.{k}")
                if k in BLOCK_PARAMETERS.get(top, {}):
                    keys.append(BLOCK_PARAMETERS[top][k])
        elif value is not None:
            keys.append(str(top))
    return keys


def _check_prices(scenario: Scenario, text: str, source: str) -> None:
    """Price-path overrides must cover the horizon and stay plausible: check them at load."""
    if not scenario.prices:
        return
    from wupmodel.money.tariffs import tariff_paths

    try:
        tariff_paths(
            scenario.params(),
            start_year=scenario.years.start,
            end_year=scenario.years.end,
            overrides=scenario.prices,
            ets2_start_year=scenario.finance.ets2_start_year,
        )
    except WupInputError as err:
        line = _yaml_line(text, ("prices",))
        at = f"{source}, line {line}" if line else source
        raise WupInputError(f"{at}: 'prices': {err}", source) from None


def load_scenario(path: str | os.PathLike | None = None) -> Scenario:
    """Read a scenario YAML file (the packaged default when ``path`` is None).

    Relative ``village.stock_file`` paths are resolved against the scenario's folder.
    """
    if path is None:
        text = default_scenario_text()
        return scenario_from_text(text, "default scenario")
    p = Path(path)
    source = str(path)
    if not p.is_file():
        raise WupInputError(f"{source}: scenario file not found", source)
    size = p.stat().st_size
    if size > MAX_SCENARIO_BYTES:  # before reading it into memory
        raise WupInputError(
            f"{source}: too large for a scenario ({size / 1e6:.1f} MB; at most "
            f"{MAX_SCENARIO_BYTES / 1e6:g} MB of YAML text)",
            source,
        )
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise WupInputError(
            f"{source}: not a UTF-8 text file (a scenario is YAML text)", source
        ) from None
    scenario = scenario_from_text(text, source)
    stock = scenario.village.stock_file
    if stock and not Path(stock).is_absolute():
        village = scenario.village.model_copy(update={"stock_file": str(p.parent / stock)})
        scenario = scenario.model_copy(update={"village": village})
    return scenario


def default_scenario_text() -> str:
    """The packaged default scenario (Aalden, 2026 figures) as YAML text."""
    from importlib import resources

    return (resources.files("wupmodel") / "data" / "default_scenario.yaml").read_text("utf-8")


def dump_scenario(scenario: Scenario, resolved: bool = False) -> str:
    """The scenario as YAML text (round-trips through :func:`scenario_from_text`).

    With ``resolved`` every ``null`` of the finance block is replaced by the value the run
    uses (the packaged default), so the file states every number.
    """
    data = scenario.model_dump(mode="json")
    if resolved:
        params = scenario.params()
        for key, pid in FINANCE_PARAMETERS.items():
            if data["finance"].get(key) is None:
                data["finance"][key] = float(params[pid])
        for key, pid in PHASING_PARAMETERS.items():
            if data["phasing"].get(key) is None and not key.endswith("_per_1000_dwellings"):
                value = params[pid]
                data["phasing"][key] = int(value) if key.endswith("_years") else value
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
