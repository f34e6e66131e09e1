"""The column contract of a dwelling stock, and its validation.

A *stock* is a pandas DataFrame with one row per dwelling, or one row per group of identical
dwellings with a ``count`` column. :func:`validate_stock` turns whatever a user supplies
(spreadsheet export, BAG extract, synthesised table) into the canonical form the rest of
wupmodel relies on, or raises one :class:`~wupmodel.errors.WupInputError` that says what is
wrong, where, and what is allowed.

Canonical columns (always all present in the output, in this order)
-------------------------------------------------------------------
============================  ==========================================  ======================
column                        meaning                                     dtype / allowed
============================  ==========================================  ======================
``dwelling_id`` (required)    unique id of the row                        str, unique, not empty
``dwelling_type`` (required)  one of ``DWELLING_TYPES``                   Categorical
``construction_year`` (req.)  year built                                  int64, 1500..this year
``floor_area_m2`` (required)  usable floor area (gebruiksoppervlak), m²    float64, 15..2000
``energy_label``              registered/provisional label A++++..G       Categorical, NaN = unknown
``gas_m3``                    metered natural gas use, m³/yr              float64, 0..20 000, NaN
``electricity_kwh``           metered electricity use, kWh/yr             float64, 0..50 000, NaN
``roof_area_m2``              roof area usable for PV, m²                 float64, 0..2000, NaN
``tenure``                    ``koop``/``huur_corporatie``/``huur_particulier``  Categorical, NaN
``household_income_eur``      household income, €/yr (see below)          float64, 0..1e6, NaN
``heat_network_zone``         zone name where a heat network may come     object: str or None
``grid_zone``                 low-voltage grid zone                       str, missing -> "default"
``count``                     dwellings the row stands for                int64 >= 1, default 1
============================  ==========================================  ======================

``household_income_eur`` is whatever income concept the user supplies; the synthesiser
(:mod:`wupmodel.stock.synth`) fills CBS *besteedbaar* (disposable) household income.

Input rules
-----------
* **Column names** are matched case-, space-, hyphen- and accent-insensitively against the
  canonical name and a list of Dutch and English aliases (:data:`COLUMN_ALIASES`, e.g.
  ``bouwjaar``, ``woningtype``, ``oppervlakte``, ``energielabel``, ``gasverbruik``, ``id``).
  Two columns meaning the same thing are an error.
* **Address-like columns** (street, house number, postcode, city, address, BAG ids such as
  ``nummeraanduiding``, coordinates, names, e-mail, ...; :data:`ADDRESS_COLUMNS`) are dropped
  and never stored. **Other unknown columns** are dropped without an error; the names of all
  dropped columns (never their values) are kept in ``frame.attrs["ignored_columns"]`` so a UI
  can mention them.
* **Rows** that are completely empty are skipped (spreadsheet exports often end with some).
* **Numbers** may be numeric cells or text. Text may use a decimal point or a decimal comma
  (``"120,5"``), thousands separators (``"1.234,5"`` / ``"1,234.5"``), spaces and a trailing
  unit (``"120 m2"``, ``"1500 m3"``, ``"€ 35000"``). A lone comma is read as a decimal comma.
  ``construction_year`` and ``count`` must be whole numbers.
* **Dwelling types**: the canonical names plus common spellings, see
  :data:`DWELLING_TYPE_SPELLINGS` (``2-onder-1-kap``, ``semi-detached``, ``rijtjeswoning``,
  ``appartement``, ``portiek``, ``hoogbouw``, ...). Decisions: ``rijwoning``/``terraced`` without
  a position means a mid-terrace dwelling (``tussenwoning``, the more common one); ``flat``,
  ``appartement``, ``portiek``, ``galerij``, ``meergezinswoning`` mean ``meergezins_laag``
  (low/mid-rise, the village case); only explicit high-rise spellings map to
  ``meergezins_hoog``; ``boerderij``/``farmhouse``/``villa`` mean ``vrijstaand``.
* **Tenure**: see :data:`TENURE_SPELLINGS`. A bare ``huur``/``huurwoning``/``rent``/``tenant``
  maps to ``huur_corporatie``, because 72 % of rented dwellings in Drenthe are owned by housing
  associations (CBS StatLine 82900NED, 1 Jan 2023: 55 285 of 76 973). ``particulier`` alone is
  ambiguous (private owner or private landlord) and is rejected.
* **Energy labels** are case-insensitive; blanks and ``onbekend``/``unknown``/``geen``/``-``
  are missing.

Errors name the source, the row (1-based data row; for files also the line or sheet row the
user sees), the column, the bad value and what is allowed. All bad values of a table are
reported in one message (at most five examples per problem, with the total count).

:func:`group_stock` collapses identical dwellings into groups with a summed ``count`` (for the
optimiser), and returns the row -> group mapping to expand results again.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, TENURES

__all__ = [
    "ADDRESS_COLUMNS",
    "COLUMN_ALIASES",
    "DWELLING_TYPE_SPELLINGS",
    "NUMERIC_RANGES",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "STOCK_COLUMNS",
    "TENURE_SPELLINGS",
    "group_stock",
    "normalise_key",
    "validate_stock",
]

REQUIRED_COLUMNS: tuple[str, ...] = (
    "dwelling_id",
    "dwelling_type",
    "construction_year",
    "floor_area_m2",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "energy_label",
    "gas_m3",
    "electricity_kwh",
    "roof_area_m2",
    "tenure",
    "household_income_eur",
    "heat_network_zone",
    "grid_zone",
    "count",
)
#: All canonical columns, in output order.
STOCK_COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

#: Allowed closed ranges of the numeric columns (construction_year's upper bound is this year).
NUMERIC_RANGES: dict[str, tuple[float, float]] = {
    "construction_year": (1500, np.inf),
    "floor_area_m2": (15.0, 2000.0),
    "gas_m3": (0.0, 20_000.0),
    "electricity_kwh": (0.0, 50_000.0),
    "roof_area_m2": (0.0, 2000.0),
    "household_income_eur": (0.0, 1_000_000.0),
}

_UNITS = {
    "construction_year": "",
    "floor_area_m2": " m²",
    "gas_m3": " m³/yr",
    "electricity_kwh": " kWh/yr",
    "roof_area_m2": " m²",
    "household_income_eur": " €/yr",
}


def normalise_key(text: object) -> str:
    """Lower-case ``text``, strip accents and drop everything but letters and digits.

    ``"2-onder-1-kap"`` -> ``"2onder1kap"``, ``"Twee-onder-één-kap"`` ->
    ``"tweeondereenkap"``, ``"Floor area (m²)"`` -> ``"flooraream2"``.
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in decomposed.lower() if ch.isascii() and ch.isalnum())


#: Accepted column names per canonical column (compared after :func:`normalise_key`).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "dwelling_id": (
        "dwelling_id", "id", "woning_id", "woningid", "dwelling", "object_id", "objectid",
        "house_id", "building_id", "record_id", "nr_woning",
    ),
    "dwelling_type": (
        "dwelling_type", "type", "woningtype", "woning_type", "house_type", "housetype",
        "building_type", "typology", "woningtypologie", "typewoning", "type_woning",
        "soort_woning", "woningsoort",
    ),
    "construction_year": (
        "construction_year", "bouwjaar", "year_built", "yearbuilt", "build_year",
        "year_of_construction", "oorspronkelijk_bouwjaar", "bouwjaar_woning", "construction year",
    ),
    "floor_area_m2": (
        "floor_area_m2", "floor_area", "floorarea", "area", "area_m2", "oppervlakte",
        "oppervlak", "gebruiksoppervlakte", "gebruiksoppervlak", "gebruiksoppervlakte_m2",
        "gbo", "woonoppervlakte", "woonoppervlak", "usable_area", "living_area", "opp",
        "oppervlakte_m2", "vloeroppervlakte",
    ),
    "energy_label": (
        "energy_label", "label", "energielabel", "energie_label", "energieklasse",
        "labelklasse", "epa_label", "energy_class", "ep_label",
    ),
    "gas_m3": (
        "gas_m3", "gas", "gasverbruik", "gasverbruik_m3", "gas_use", "gas_consumption",
        "aardgas", "aardgasverbruik", "gas_m3_per_year", "gas_use_m3",
    ),
    "electricity_kwh": (
        "electricity_kwh", "electricity", "elektriciteit", "elektriciteitsverbruik",
        "stroomverbruik", "stroom", "elec_kwh", "electricity_use", "elektra",
        "electricity_consumption", "elektriciteit_kwh",
    ),
    "roof_area_m2": (
        "roof_area_m2", "roof_area", "dakoppervlak", "dakoppervlakte", "dak_m2", "roof_m2",
        "dakoppervlak_m2",
    ),
    "tenure": (
        "tenure", "eigendom", "eigendomssituatie", "eigendomsvorm", "ownership", "koop_huur",
        "koophuur", "woningeigendom", "huur_koop", "eigenaar_type",
    ),
    "household_income_eur": (
        "household_income_eur", "household_income", "income", "income_eur", "inkomen",
        "huishoudinkomen", "huishoudensinkomen", "besteedbaar_inkomen", "inkomen_eur",
    ),
    "heat_network_zone": (
        "heat_network_zone", "warmtenet_zone", "warmtenetzone", "warmtenet", "heat_zone",
        "district_heating_zone", "heatnet_zone", "heat_network",
    ),
    "grid_zone": (
        "grid_zone", "netzone", "net_zone", "lv_zone", "ls_zone", "lsnet", "ls_net",
        "trafo", "trafogebied", "transformer", "feeder", "grid",
    ),
    "count": ("count", "aantal", "n", "number", "aantal_woningen", "dwellings", "n_dwellings"),
}

#: Column names treated as address / personal data: dropped on import, never written.
ADDRESS_COLUMNS: tuple[str, ...] = (
    "street", "straat", "straatnaam", "openbare_ruimte", "openbareruimte",
    "openbare_ruimte_naam", "huisnummer", "house_number", "housenumber", "huisnr",
    "huis_nr", "nummer", "number_house", "huisletter", "toevoeging", "huisnummertoevoeging",
    "huisnummer_toevoeging", "addition", "postcode", "zip", "zipcode", "zip_code",
    "postal_code", "postalcode", "woonplaats", "city", "plaats", "town", "place",
    "address", "adres", "adresregel", "address_line", "full_address", "nummeraanduiding",
    "nummeraanduiding_id", "nummeraanduidingid", "bag_id", "vbo_id", "verblijfsobject",
    "verblijfsobject_id", "pand_id", "identificatie", "lat", "lon", "lng", "latitude",
    "longitude", "x", "y", "xcoord", "ycoord", "geometry", "geom", "coordinates",
    "naam", "name", "bewoner", "eigenaar", "owner_name", "email", "e_mail",
    "telefoon", "phone", "telephone",
)

_ALIAS_LOOKUP: dict[str, str] = {}
for _canon, _aliases in COLUMN_ALIASES.items():
    for _alias in _aliases:
        _ALIAS_LOOKUP[normalise_key(_alias)] = _canon
_ADDRESS_KEYS = frozenset(normalise_key(a) for a in ADDRESS_COLUMNS)
if _ADDRESS_KEYS & set(_ALIAS_LOOKUP):  # pragma: no cover - guards the tables above
    raise RuntimeError(f"address columns used as aliases: {_ADDRESS_KEYS & set(_ALIAS_LOOKUP)}")

#: Spellings accepted per dwelling type (compared after :func:`normalise_key`).
DWELLING_TYPE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "vrijstaand": (
        "vrijstaand", "vrijstaande", "vrijstaande woning", "vrijstaand huis", "vrijstaande woningen",
        "vrijstaandewoning", "detached", "detached house", "single family detached", "villa",
        "boerderij", "woonboerderij", "farmhouse", "free-standing", "freestanding",
    ),
    "twee_onder_een_kap": (
        "twee_onder_een_kap", "twee onder een kap", "twee-onder-één-kap", "2-onder-1-kap",
        "2 onder 1 kap", "2 onder een kap", "twee onder 1 kap", "2o1k", "2/1 kap", "2/1-kap",
        "21kap", "twee onder een kapwoning", "2-onder-1-kapwoning", "semi-detached",
        "semi detached", "semidetached house", "semi-detached house", "halfvrijstaand",
        "half vrijstaand", "dubbel woonhuis", "helft dubbel woonhuis", "duplex",
    ),
    "hoekwoning": (
        "hoekwoning", "hoek", "hoekhuis", "eindwoning", "kopwoning", "rijwoning hoek",
        "rij hoek", "hoek rijwoning", "end-terrace", "end terrace", "end of terrace",
        "end-of-terrace", "end terraced", "end-terraced house", "end-terrace house",
        "corner house", "end of row",
    ),
    "tussenwoning": (
        "tussenwoning", "tussen", "tussenhuis", "rijwoning", "rijtjeswoning", "rijtjeshuis",
        "rijhuis", "rijwoning tussen", "rij tussen", "tussen rijwoning", "mid-terrace",
        "mid terrace", "mid-terrace house", "mid-terraced", "terraced", "terraced house",
        "terrace", "row house", "rowhouse", "townhouse", "eengezins rijwoning",
    ),
    "meergezins_laag": (
        "meergezins_laag", "meergezins laag", "meergezins laag-midden", "meergezins laagbouw",
        "meergezins midden", "meergezinswoning", "meergezins", "appartement", "apartment",
        "flat", "portiek", "portiekwoning", "portiekflat", "galerij", "galerijwoning",
        "galerijflat", "bovenwoning", "benedenwoning", "maisonnette", "maisonette",
        "etagewoning", "multi-family", "multifamily", "multi family", "apartment low-rise",
        "low-rise apartment", "low rise apartment", "apartment block", "studio",
    ),
    "meergezins_hoog": (
        "meergezins_hoog", "meergezins hoog", "meergezins hoogbouw", "hoogbouw",
        "hoogbouwflat", "hoogbouw appartement", "high-rise", "highrise", "high rise",
        "apartment high-rise", "high-rise apartment", "high rise apartment", "tower block",
        "flat hoogbouw",
    ),
}
_TYPE_LOOKUP: dict[str, str] = {}
for _canon, _spellings in DWELLING_TYPE_SPELLINGS.items():
    for _sp in _spellings:
        _TYPE_LOOKUP[normalise_key(_sp)] = _canon

#: Spellings accepted per tenure class (compared after :func:`normalise_key`).
TENURE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "koop": (
        "koop", "koopwoning", "eigen woning", "eigenwoning", "eigenaar", "eigenaar-bewoner",
        "eigenaarbewoner", "eigenaar bewoner", "owner", "owner-occupied", "owner occupied",
        "owner-occupier", "owned", "own", "koophuis", "eigen bezit", "particulier eigendom",
    ),
    "huur_corporatie": (
        "huur_corporatie", "huur corporatie", "corporatie", "woningcorporatie",
        "corporatiewoning", "corporatie huur", "sociale huur", "sociale huurwoning",
        "social rent", "social rented", "social housing", "social", "sociaal",
        "housing association", "woningbouwvereniging", "woningstichting",
        "toegelaten instelling", "huur", "huurwoning", "huurder", "rent", "rental", "rented",
        "tenant",
    ),
    "huur_particulier": (
        "huur_particulier", "huur particulier", "particuliere huur", "particuliere huurwoning",
        "particuliere verhuurder", "private rent", "private rental", "private rented",
        "private landlord", "vrije sector", "vrije sector huur", "vrijesectorhuur",
        "commerciele huur", "commercial rent", "belegger", "overige verhuurder",
        "overige verhuurders",
    ),
}
_TENURE_LOOKUP: dict[str, str] = {}
for _canon, _spellings in TENURE_SPELLINGS.items():
    for _sp in _spellings:
        _TENURE_LOOKUP[normalise_key(_sp)] = _canon

_MISSING_TOKENS = frozenset(
    normalise_key(t)
    for t in ("", "onbekend", "unknown", "geen", "none", "n/a", "na", "nan", "-", "?", "null", "nvt")
)
_LABEL_LOOKUP: dict[str, str] = {lab.upper(): lab for lab in ENERGY_LABELS}


@dataclass
class _Issue:
    """Bad values of one kind in one column."""

    column: str  # display label, e.g. "column 'woningtype' (dwelling_type)"
    rows: np.ndarray  # 0-based positions into the (non-empty) data
    values: list[object] | None  # first few bad values; None: do not show values
    problem: str  # "is not a known dwelling type"
    allowed: str
    short: str  # "unknown dwelling type"


class _Problems:
    """Collects issues and formats them as one user-facing message."""

    def __init__(self, source: str, row_numbers: np.ndarray, line_numbers: np.ndarray | None,
                 line_word: str) -> None:
        self.source = source
        self.row_numbers = row_numbers  # 1-based data-row number per data position
        self.line_numbers = line_numbers  # file line / sheet row per data position, or None
        self.line_word = line_word
        self.issues: list[_Issue] = []
        self.extra: list[str] = []  # whole sentences (duplicates), without the source prefix

    def add(self, column: str, mask: np.ndarray, values: Sequence[object] | None,
            problem: str, allowed: str, short: str) -> None:
        """Record the rows in ``mask`` as bad (``problem`` for one row, ``short`` for a list)."""
        positions = np.flatnonzero(mask)
        if positions.size:
            shown = None if values is None else [values[i] for i in positions[:5]]
            self.issues.append(_Issue(column, positions, shown, problem, allowed, short))

    def where(self, position: int) -> str:
        row = int(self.row_numbers[position])
        if self.line_numbers is None:
            return f"row {row}"
        return f"row {row} ({self.line_word} {int(self.line_numbers[position])})"

    def raise_if_any(self) -> None:
        if not self.issues and not self.extra:
            return
        if not self.extra and len(self.issues) == 1 and self.issues[0].rows.size == 1:
            issue = self.issues[0]
            what = "the value" if issue.values is None else _show(issue.values[0])
            msg = (f"{self.source}, {self.where(int(issue.rows[0]))}, {issue.column}: "
                   f"{what} {issue.problem}; allowed: {issue.allowed}")
            raise WupInputError(msg, self.source)
        if not self.issues and len(self.extra) == 1:
            raise WupInputError(f"{self.source}, {self.extra[0]}", self.source)
        total = sum(i.rows.size for i in self.issues)
        rows = np.unique(np.concatenate([i.rows for i in self.issues])) if self.issues else []
        head = (f"{self.source}: {total} bad value{_s(total)} in {len(rows)} row{_s(len(rows))}"
                if self.issues else f"{self.source}: problems")
        lines = [head + ":"]
        for issue in self.issues:
            n = issue.rows.size
            if issue.values is None:
                examples = ", ".join(self.where(int(r)) for r in issue.rows[:5])
            else:
                examples = ", ".join(f"{self.where(int(r))}: {_show(v)}"
                                     for r, v in zip(issue.rows[:5], issue.values, strict=False))
            more = f", and {n - 5} more" if n > 5 else ""
            lines.append(f"  {issue.column}: {issue.short} in {n} row{_s(n)} ({examples}{more}); "
                         f"allowed: {issue.allowed}")
        lines.extend(f"  {sentence}" for sentence in self.extra)
        raise WupInputError("\n".join(lines), self.source)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _show(value: object) -> str:
    """Show a bad value the way the user typed it."""
    if value is None or (isinstance(value, float | np.floating) and np.isnan(value)):
        return "(empty)"
    if isinstance(value, str) and not value.strip():
        return "(empty)"
    if isinstance(value, float | np.floating) and np.isfinite(value) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, int | np.integer | float | np.floating):
        return str(value)
    return repr(str(value)) if isinstance(value, str) else repr(value)


def validate_stock(frame: pd.DataFrame, source: str = "<stock>") -> pd.DataFrame:
    """Check a dwelling table against the stock contract and return its canonical form.

    Parameters
    ----------
    frame
        One row per dwelling (or per group of identical dwellings with a ``count`` column).
        Column names may be aliases (see the module docstring); unknown and address-like
        columns are dropped.
    source
        Name of the input used in error messages (usually the file name).

    Returns
    -------
    pandas.DataFrame
        A new frame with exactly the columns :data:`STOCK_COLUMNS`, canonical dtypes and a
        fresh ``RangeIndex``. ``attrs["ignored_columns"]`` lists the dropped column names.

    Raises
    ------
    WupInputError
        With one message naming ``source``, the rows, columns, bad values and what is allowed.
    """
    return _validate(frame, source)


def _validate(frame: pd.DataFrame, source: str, *, line_numbers: np.ndarray | None = None,
              line_word: str = "line", decimal: str = ".") -> pd.DataFrame:
    """:func:`validate_stock` with file context.

    ``line_numbers`` gives the file line (or sheet row, named by ``line_word``) of every row of
    ``frame``; ``decimal`` is the decimal mark of number text (``"."`` or ``","``).
    """
    if not isinstance(frame, pd.DataFrame):
        raise WupInputError(f"{source}: expected a table (pandas DataFrame), got "
                            f"{type(frame).__name__}", source)
    if frame.shape[1] == 0:
        raise WupInputError(f"{source}: the stock table has no columns; required: "
                            f"{', '.join(REQUIRED_COLUMNS)}", source)
    original_names = [str(c) for c in frame.columns]
    frame = frame.set_axis(original_names, axis=1)
    dupes = sorted({n for n in original_names if original_names.count(n) > 1})
    if dupes:
        raise WupInputError(f"{source}: column name(s) {', '.join(map(repr, dupes))} appear more "
                            "than once; keep one of each", source)

    mapping, ignored = _map_columns(original_names, source)
    missing = [c for c in REQUIRED_COLUMNS if c not in mapping]
    if missing:
        raise WupInputError(_missing_message(source, missing, original_names, ignored), source)

    # Skip rows that are entirely empty (trailing spreadsheet rows); keep user row numbers.
    used = frame[[mapping[c] for c in mapping]]
    empty = _blank_mask(used).all(axis=1).to_numpy()
    row_numbers = np.arange(1, len(frame) + 1)[~empty]
    kept_lines = None if line_numbers is None else np.asarray(line_numbers)[~empty]
    data = used.loc[~empty].reset_index(drop=True)
    if len(data) == 0:
        raise WupInputError(f"{source}: the stock table has no data rows (only a header?); "
                            "add one row per dwelling", source)

    problems = _Problems(source, row_numbers, kept_lines, line_word)

    def label(canon: str) -> str:
        name = mapping[canon]
        return f"column {name!r}" + (f" ({canon})" if name != canon else "")

    out: dict[str, object] = {}
    n = len(data)

    # dwelling_id
    ids, id_missing = _parse_ids(data[mapping["dwelling_id"]])
    problems.add(label("dwelling_id"), id_missing, None, "is empty",
                 "a non-empty, unique id per row", "empty id")
    out["dwelling_id"] = ids

    # dwelling type
    types, bad_t = _parse_category(data[mapping["dwelling_type"]], _TYPE_LOOKUP, required=True)
    problems.add(label("dwelling_type"), bad_t, data[mapping["dwelling_type"]].tolist(),
                 "is not a known dwelling type",
                 f"{', '.join(DWELLING_TYPES)} (or spellings such as 'semi-detached', "
                 "'2-onder-1-kap', 'rijtjeswoning', 'appartement')", "unknown dwelling type")
    out["dwelling_type"] = pd.Categorical(types, categories=DWELLING_TYPES)

    # numbers
    this_year = _dt.date.today().year
    for canon in ("construction_year", "floor_area_m2", "gas_m3", "electricity_kwh",
                  "roof_area_m2", "household_income_eur"):
        if canon not in mapping:
            out[canon] = np.full(n, np.nan)
            continue
        raw = data[mapping[canon]]
        values, is_missing, is_text = _parse_numbers(raw, decimal)
        lo, hi = NUMERIC_RANGES[canon]
        if canon == "construction_year":
            hi = float(this_year)
        allowed = f"{lo:g} to {hi:g}{_UNITS[canon]}"
        if canon not in REQUIRED_COLUMNS:
            allowed += ", or empty"
        rawlist = raw.tolist()
        col = label(canon)
        problems.add(col, is_text, rawlist, "is not a number", allowed, "not a number")
        ok = ~is_text & ~is_missing
        if canon in REQUIRED_COLUMNS:
            problems.add(col, is_missing, None, "is missing", allowed, "missing value")
        checked = np.where(ok, values, lo)
        if canon == "construction_year":
            frac = ok & (np.mod(checked, 1.0) != 0)
            problems.add(col, frac, rawlist, "is not a whole year", allowed, "not a whole year")
            future = ok & ~frac & (checked > this_year)
            problems.add(col, future, rawlist, "is in the future", allowed, "year in the future")
            low = ok & ~frac & (checked < lo)
            problems.add(col, low, rawlist, "is outside the allowed range", allowed,
                         "year outside the allowed range")
        else:
            outside = ok & ((checked < lo) | (checked > hi))
            problems.add(col, outside, rawlist, "is outside the allowed range", allowed,
                         "value outside the allowed range")
        out[canon] = values

    # energy label
    if "energy_label" in mapping:
        raw = data[mapping["energy_label"]]
        labels, bad_l = _parse_labels(raw)
        problems.add(label("energy_label"), bad_l, raw.tolist(), "is not an energy label",
                     f"{', '.join(ENERGY_LABELS)}, or empty for unknown", "unknown energy label")
    else:
        labels = np.full(n, None, dtype=object)
    out["energy_label"] = pd.Categorical(labels, categories=ENERGY_LABELS)

    # tenure
    if "tenure" in mapping:
        raw = data[mapping["tenure"]]
        tenure, bad_ten = _parse_category(raw, _TENURE_LOOKUP, required=False)
        problems.add(label("tenure"), bad_ten, raw.tolist(), "is not a known tenure",
                     f"{', '.join(TENURES)} (or spellings such as 'koopwoning', 'eigenaar', "
                     "'corporatie', 'sociale huur', 'particuliere huur', 'private rent'), "
                     "or empty", "unknown tenure")
    else:
        tenure = np.full(n, None, dtype=object)
    out["tenure"] = pd.Categorical(tenure, categories=TENURES)

    # zones
    if "heat_network_zone" in mapping:
        out["heat_network_zone"] = _parse_text(data[mapping["heat_network_zone"]], None)
    else:
        out["heat_network_zone"] = np.full(n, None, dtype=object)
    if "grid_zone" in mapping:
        out["grid_zone"] = _parse_text(data[mapping["grid_zone"]], "default")
    else:
        out["grid_zone"] = np.full(n, "default", dtype=object)

    # count
    if "count" in mapping:
        raw = data[mapping["count"]]
        cnt, c_missing, c_text = _parse_numbers(raw, decimal)
        cnt = np.where(c_missing, 1.0, cnt)
        allowed = "a whole number of at least 1 (empty means 1)"
        problems.add(label("count"), c_text, raw.tolist(), "is not a number", allowed,
                     "not a number")
        checked = np.where(c_text, 1.0, cnt)
        bad_c = ~c_text & ((np.mod(checked, 1.0) != 0) | (checked < 1))
        problems.add(label("count"), bad_c, raw.tolist(), "is not a whole number of at least 1",
                     allowed, "not a whole number of at least 1")
        out["count"] = np.where(c_text | bad_c, 1.0, cnt)
    else:
        out["count"] = np.ones(n)

    # duplicated ids (an error path: the loop runs over duplicated rows only)
    dup = pd.Series(ids).duplicated(keep=False).to_numpy() & ~id_missing
    if dup.any():
        where_by_id: dict[str, list[str]] = {}
        for pos in np.flatnonzero(dup):
            where_by_id.setdefault(str(ids[pos]), []).append(problems.where(int(pos)))
        shown = list(where_by_id.items())[:5]
        detail = "; ".join(f"{k!r} in {' and '.join(v[:3])}" for k, v in shown)
        more = f"; and {len(where_by_id) - 5} more" if len(where_by_id) > 5 else ""
        k = len(where_by_id)
        problems.extra.append(
            f"{label('dwelling_id')}: {k} id{' is' if k == 1 else 's are'} used more than once "
            f"({detail}{more}); allowed: a unique dwelling_id per row")

    problems.raise_if_any()

    result = pd.DataFrame({
        "dwelling_id": pd.Series(ids, dtype=object),
        "dwelling_type": out["dwelling_type"],
        "construction_year": np.asarray(out["construction_year"]).astype(np.int64),
        "floor_area_m2": np.asarray(out["floor_area_m2"], dtype=np.float64),
        "energy_label": out["energy_label"],
        "gas_m3": np.asarray(out["gas_m3"], dtype=np.float64),
        "electricity_kwh": np.asarray(out["electricity_kwh"], dtype=np.float64),
        "roof_area_m2": np.asarray(out["roof_area_m2"], dtype=np.float64),
        "tenure": out["tenure"],
        "household_income_eur": np.asarray(out["household_income_eur"], dtype=np.float64),
        "heat_network_zone": pd.Series(out["heat_network_zone"], dtype=object),
        "grid_zone": pd.Series(out["grid_zone"], dtype=object),
        "count": np.asarray(out["count"]).astype(np.int64),
    })
    result.attrs["ignored_columns"] = ignored
    return result


# --------------------------------------------------------------------------------------------
# column mapping


def _map_columns(names: Sequence[str], source: str) -> tuple[dict[str, str], list[str]]:
    """Return canonical -> original column name, and the names of dropped columns."""
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    for name in names:
        key = normalise_key(name)
        canon = _ALIAS_LOOKUP.get(key)
        if canon is None:  # address-like or unknown: dropped, only the name is kept
            ignored.append(name)
            continue
        if canon in mapping:
            raise WupInputError(
                f"{source}: columns {mapping[canon]!r} and {name!r} both mean {canon!r}; "
                "keep one of them", source)
        mapping[canon] = name
    return mapping, ignored


def _missing_message(source: str, missing: Sequence[str], found: Sequence[str],
                     unused: Sequence[str]) -> str:
    """Name the missing required columns, their aliases, a close unused column, all found."""
    parts = []
    found_keys = {normalise_key(f): f for f in unused}
    for canon in missing:
        aliases = [a for a in COLUMN_ALIASES[canon] if a != canon][:4]
        hint = ""
        close = difflib.get_close_matches(
            normalise_key(canon), list(found_keys), n=1, cutoff=0.75)
        for alias in COLUMN_ALIASES[canon]:
            close = close or difflib.get_close_matches(normalise_key(alias), list(found_keys),
                                                       n=1, cutoff=0.8)
        if close:
            hint = f"; did you mean {found_keys[close[0]]!r}?"
        parts.append(f"{canon!r} (also accepted: {', '.join(map(repr, aliases))}{hint})")
    word = "column is" if len(missing) == 1 else "columns are"
    shown = ", ".join(map(repr, found[:30])) + (" ..." if len(found) > 30 else "")
    return (f"{source}: required {word} missing: {'; '.join(parts)}. Columns found: {shown}")


# --------------------------------------------------------------------------------------------
# value parsing (vectorised over rows)


def _factorize(series: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Integer code per cell (-1 = missing) and the distinct values.

    Parsing works on the distinct values only (a village has a handful of spellings and
    years), then spreads the result back with the codes: vectorised over the rows.
    """
    codes, uniques = pd.factorize(series.reset_index(drop=True), use_na_sentinel=True)
    return codes, list(uniques)


def _spread(per_unique: Sequence[object] | np.ndarray, codes: np.ndarray, missing: object,
            dtype: object = object) -> np.ndarray:
    """``per_unique[codes]`` with ``missing`` where the code is -1."""
    table = np.empty(len(per_unique) + 1, dtype=dtype)  # type: ignore[call-overload]
    table[:-1] = per_unique
    table[-1] = missing
    return table[codes]


def _cell_text(value: object) -> str:
    """A cell as the user typed it: stripped text; integral floats without ``.0``."""
    if isinstance(value, float | np.floating) and np.isfinite(value) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def _blank_mask(frame: pd.DataFrame) -> pd.DataFrame:
    """True where a cell is missing or only whitespace."""
    blank = frame.isna()
    for col in frame.columns:
        s = frame[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            codes, uniques = _factorize(s)
            is_blank = [isinstance(u, str) and not u.strip() for u in uniques]
            blank[col] = _spread(is_blank, codes, True, dtype=bool)
    return blank


def _parse_text_cells(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Cells as stripped text (object array, "" where missing) and the empty mask."""
    codes, uniques = _factorize(series)
    text = _spread([_cell_text(u) for u in uniques], codes, "")
    return text, text == ""


def _parse_ids(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    return _parse_text_cells(series)


def _parse_category(series: pd.Series, lookup: dict[str, str], *, required: bool
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Map spellings to canonical names; return (values with None for missing, bad mask)."""
    codes, uniques = _factorize(series)
    keys = [normalise_key(u) for u in uniques]
    values = _spread([lookup.get(k) for k in keys], codes, None)
    is_missing = _spread([k in _MISSING_TOKENS for k in keys], codes, True, dtype=bool)
    unknown = np.equal(values, None) & ~is_missing
    bad = unknown | (is_missing if required else False)
    return values, bad


def _parse_labels(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = _factorize(series)
    keys = [re.sub(r"^(ENERGIE)?LABEL", "", re.sub(r"\s+", "", str(u).upper()))
            for u in uniques]
    values = _spread([_LABEL_LOOKUP.get(k) for k in keys], codes, None)
    is_missing = _spread([normalise_key(u) in _MISSING_TOKENS for u in uniques], codes, True,
                         dtype=bool)
    bad = np.equal(values, None) & ~is_missing
    return values, bad


_UNIT_RE = r"(?i)(m2|m²|m\^2|m3|m³|kwh|eur|euro|€|/yr|/jaar|perjaar|jaar)+$"


def _parse_numbers(series: pd.Series, decimal: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parse a column of numbers or number-like text.

    Returns
    -------
    values, missing, text
        ``values`` float64 with NaN where missing or unparsable; ``missing`` marks empty
        cells; ``text`` marks cells that hold something that is not a number.
    """
    n = len(series)
    if pd.api.types.is_bool_dtype(series):
        missing = series.isna().to_numpy(bool)
        return np.full(n, np.nan), missing, ~missing
    if pd.api.types.is_numeric_dtype(series):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        missing = np.isnan(values)
        text = np.isinf(values)
        return np.where(text, np.nan, values), missing, text
    codes, uniques = _factorize(series)
    u_values, u_missing, u_text = _parse_number_values(pd.Series(uniques, dtype=object), decimal)
    values = _spread(u_values, codes, np.nan, dtype=float)
    missing = _spread(u_missing, codes, True, dtype=bool)
    text = _spread(u_text, codes, False, dtype=bool)
    return values, missing, text


def _parse_number_values(as_obj: pd.Series, decimal: str
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_parse_numbers` for an object Series of distinct, non-missing cells."""
    is_bool = as_obj.map(lambda v: isinstance(v, bool | np.bool_)).to_numpy(bool)
    is_str = as_obj.map(lambda v: isinstance(v, str)).to_numpy(bool)
    # Fast path: numbers and plain number text. In a decimal-comma table a '.' is a thousands
    # separator ("1.234" = 1234), so such text goes through the full parser below.
    quick = pd.to_numeric(as_obj.where(~is_bool), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan)
    if decimal == ",":
        dotted = is_str & as_obj.map(lambda v: isinstance(v, str) and "." in v).to_numpy(bool)
        quick[dotted] = np.nan
    values = np.where(np.isfinite(quick), quick, np.nan)
    missing = as_obj.isna().to_numpy(bool)
    slow = ~np.isfinite(quick) & ~missing & ~is_bool
    if slow.any():
        txt = as_obj[slow].astype(str).str.strip()
        txt = txt.str.replace(r"[\s\u00a0\u202f']", "", regex=True)
        txt = txt.str.replace(r"^(€|eur)", "", regex=True, case=False)
        txt = txt.str.replace(_UNIT_RE, "", regex=True)
        empty = txt.eq("").to_numpy(bool)
        txt = _normalise_separators(txt, decimal)
        parsed = pd.to_numeric(txt.where(~empty), errors="coerce").to_numpy(
            dtype=float, na_value=np.nan)
        slow_idx = np.flatnonzero(slow)
        missing[slow_idx[empty]] = True
        values[slow_idx] = np.where(np.isfinite(parsed), parsed, np.nan)
    text = (~missing & np.isnan(values)) | is_bool
    values = np.where(text | missing, np.nan, values)
    return values, missing & ~is_bool, text


def _normalise_separators(txt: pd.Series, decimal: str) -> pd.Series:
    """Rewrite number text to use ``.`` as decimal point and no thousands separators.

    With both ``.`` and ``,`` present, the last one is the decimal mark (``1.234,5``,
    ``1,234.5``). With one kind only, it is a thousands separator if it groups digits by three
    and is not the file's decimal mark (``decimal``), else it is the decimal mark; so in a
    decimal-point table ``1,234`` is 1234 but ``120,5`` is 120.5.
    """
    dutch_full = txt.str.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+,\d*").fillna(False)
    english_full = txt.str.fullmatch(r"[+-]?\d{1,3}(,\d{3})+\.\d*").fillna(False)
    comma_groups = txt.str.fullmatch(r"[+-]?\d{1,3}(,\d{3})+").fillna(False)
    dot_groups = txt.str.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+").fillna(False)
    no_dots = txt.str.replace(".", "", regex=False)
    no_commas = txt.str.replace(",", "", regex=False)
    if decimal == ",":
        drop_dots = dutch_full | dot_groups
        drop_commas = english_full
    else:
        drop_dots = dutch_full
        drop_commas = english_full | comma_groups
    out = txt.where(~drop_dots, no_dots)
    out = out.where(~drop_commas, no_commas)
    return out.str.replace(",", ".", regex=False)


def _parse_text(series: pd.Series, default: str | None) -> np.ndarray:
    values, empty = _parse_text_cells(series)
    values[empty] = default
    return values


# --------------------------------------------------------------------------------------------
# grouping


def group_stock(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Collapse identical dwellings into groups with a summed ``count``.

    Two rows are identical when every column except ``dwelling_id`` and ``count`` is equal
    (missing equals missing). Vectorised: each column is factorised to integer codes (missing
    gets its own code), the code columns are packed into one integer key per row
    (:func:`_row_keys`) and the keys are factorised in order of first appearance.

    Parameters
    ----------
    frame
        A validated stock (:func:`validate_stock`); a missing ``count`` column means 1 each.

    Returns
    -------
    groups, mapping
        ``groups``: one row per group in order of first appearance, with the attribute columns
        of its members, ``count`` = sum of the members' counts, ``group_id`` (0..G-1, first
        column) and ``dwelling_id`` ``"group-00001"``...; a valid stock itself.
        ``mapping``: int64 array, ``mapping[i]`` is the ``group_id`` of input row ``i``.
    """
    n = len(frame)
    counts = (frame["count"].to_numpy(dtype=np.int64) if "count" in frame.columns
              else np.ones(n, dtype=np.int64))
    keys = [c for c in frame.columns if c not in ("dwelling_id", "count", "group_id")]
    if n == 0:
        empty = frame.iloc[:0].copy()
        empty.insert(0, "group_id", pd.Series(dtype=np.int64))
        return empty, np.zeros(0, dtype=np.int64)
    # factorize without sorting numbers the keys in order of first appearance: these are the
    # group ids, and a row starts a new group exactly where its id exceeds all earlier ids.
    mapping = pd.factorize(_row_keys(frame, keys), sort=False)[0].astype(np.int64, copy=False)
    is_first = np.empty(n, dtype=bool)
    is_first[0] = True
    np.greater(mapping[1:], np.maximum.accumulate(mapping)[:-1], out=is_first[1:])
    firsts = np.flatnonzero(is_first)
    n_groups = firsts.size
    groups = frame.iloc[firsts].reset_index(drop=True)  # take + reset_index copy the data
    groups["count"] = np.bincount(mapping, weights=counts, minlength=n_groups).astype(np.int64)
    groups["dwelling_id"] = _group_ids(n_groups)
    groups.insert(0, "group_id", np.arange(n_groups, dtype=np.int64))
    groups.attrs = dict(frame.attrs)
    return groups, mapping


def _row_keys(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """One int64 per row, equal for two rows exactly when all ``columns`` are equal.

    Each column's codes (missing = its own code) are packed into the key in mixed radix; when
    the next column would overflow int64, the key so far is re-factorised to 0..K-1 first
    (K <= rows), so any number of columns fits.
    """
    n = len(frame)
    key = np.zeros(n, dtype=np.int64)
    size = 1  # the key is in 0..size-1
    for col in columns:
        s = frame[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            codes = s.cat.codes.to_numpy(dtype=np.int64) + 1  # missing (-1) -> 0
            card = len(s.cat.categories) + 1
        else:
            codes, uniques = pd.factorize(s, use_na_sentinel=False)
            codes = codes.astype(np.int64, copy=False)
            card = max(len(uniques), 1)
        if size * card >= 2**62:
            key, uniques = pd.factorize(key, sort=False)
            key = key.astype(np.int64, copy=False)
            size = max(len(uniques), 1)
        key *= card
        key += codes
        size *= card
    return key


def _group_ids(n_groups: int) -> list[str]:
    """``"group-00001"``, ... (at least five digits), built without a Python loop over groups."""
    width = max(5, len(str(n_groups)))
    # ASCII text "group-00001\ngroup-00002\n..." as a (groups, line) byte table, split once.
    line = np.empty((n_groups, 7 + width), dtype=np.uint8)
    line[:, :6] = np.frombuffer(b"group-", dtype=np.uint8)
    line[:, -1] = ord("\n")
    rest = np.arange(1, n_groups + 1, dtype=np.int64)
    for j in range(5 + width, 5, -1):  # digits, least significant first
        line[:, j] = rest % 10 + ord("0")
        rest //= 10
    return line.tobytes().decode("ascii").split("\n")[:-1]
