"""Reading what users write: column aliases, address columns, spellings and cell values.

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
  is ambiguous (a housing corporation gets no ISDE and has other rent rules than a private
  landlord) and is an error that lists the allowed values; so is ``particulier`` alone
  (private owner or private landlord).
* **Energy labels** are case-insensitive; blanks and ``onbekend``/``unknown``/``geen``/``-``
  are missing.

:mod:`wupmodel.stock.schema` uses :func:`map_columns` and :func:`missing_columns_message` for
the header, :func:`blank_mask` for empty rows and the ``parse_*`` functions (vectorised over
the rows: each distinct cell is read once) for the cells.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.vocabulary import ENERGY_LABELS

__all__ = [
    "ADDRESS_COLUMNS",
    "COLUMN_ALIASES",
    "DWELLING_TYPE_SPELLINGS",
    "TENURE_LOOKUP",
    "TENURE_SPELLINGS",
    "TYPE_LOOKUP",
    "blank_mask",
    "map_columns",
    "missing_columns_message",
    "normalise_key",
    "parse_category",
    "parse_ids",
    "parse_labels",
    "parse_numbers",
    "parse_text",
]


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
        "dwelling_id",
        "id",
        "woning_id",
        "woningid",
        "dwelling",
        "object_id",
        "objectid",
        "house_id",
        "building_id",
        "record_id",
        "nr_woning",
    ),
    "dwelling_type": (
        "dwelling_type",
        "type",
        "woningtype",
        "woning_type",
        "house_type",
        "housetype",
        "building_type",
        "typology",
        "woningtypologie",
        "typewoning",
        "type_woning",
        "soort_woning",
        "woningsoort",
    ),
    "construction_year": (
        "construction_year",
        "bouwjaar",
        "year_built",
        "yearbuilt",
        "build_year",
        "year_of_construction",
        "oorspronkelijk_bouwjaar",
        "bouwjaar_woning",
        "construction year",
    ),
    "boiler_year": (
        "boiler_year",
        "boiler_installed",
        "ketel_jaar",
        "jaar_ketel",
        "bouwjaar_ketel",
        "installatiejaar_ketel",
        "cv_ketel_jaar",
        "plaatsingsjaar_ketel",
    ),
    "floor_area_m2": (
        "floor_area_m2",
        "floor_area",
        "floorarea",
        "area",
        "area_m2",
        "oppervlakte",
        "oppervlak",
        "gebruiksoppervlakte",
        "gebruiksoppervlak",
        "gebruiksoppervlakte_m2",
        "gbo",
        "woonoppervlakte",
        "woonoppervlak",
        "usable_area",
        "living_area",
        "opp",
        "oppervlakte_m2",
        "vloeroppervlakte",
    ),
    "energy_label": (
        "energy_label",
        "label",
        "energielabel",
        "energie_label",
        "energieklasse",
        "labelklasse",
        "epa_label",
        "energy_class",
        "ep_label",
    ),
    "gas_m3": (
        "gas_m3",
        "gas",
        "gasverbruik",
        "gasverbruik_m3",
        "gas_use",
        "gas_consumption",
        "aardgas",
        "aardgasverbruik",
        "gas_m3_per_year",
        "gas_use_m3",
    ),
    "electricity_kwh": (
        "electricity_kwh",
        "electricity",
        "elektriciteit",
        "elektriciteitsverbruik",
        "stroomverbruik",
        "stroom",
        "elec_kwh",
        "electricity_use",
        "elektra",
        "electricity_consumption",
        "elektriciteit_kwh",
    ),
    "roof_area_m2": (
        "roof_area_m2",
        "roof_area",
        "dakoppervlak",
        "dakoppervlakte",
        "dak_m2",
        "roof_m2",
        "dakoppervlak_m2",
    ),
    "tenure": (
        "tenure",
        "eigendom",
        "eigendomssituatie",
        "eigendomsvorm",
        "ownership",
        "koop_huur",
        "koophuur",
        "woningeigendom",
        "huur_koop",
        "eigenaar_type",
    ),
    "household_income_eur": (
        "household_income_eur",
        "household_income",
        "income",
        "income_eur",
        "inkomen",
        "huishoudinkomen",
        "huishoudensinkomen",
        "besteedbaar_inkomen",
        "inkomen_eur",
    ),
    "heat_network_zone": (
        "heat_network_zone",
        "warmtenet_zone",
        "warmtenetzone",
        "warmtenet",
        "heat_zone",
        "district_heating_zone",
        "heatnet_zone",
        "heat_network",
    ),
    "grid_zone": (
        "grid_zone",
        "netzone",
        "net_zone",
        "lv_zone",
        "ls_zone",
        "lsnet",
        "ls_net",
        "trafo",
        "trafogebied",
        "transformer",
        "feeder",
        "grid",
    ),
    "count": ("count", "aantal", "n", "number", "aantal_woningen", "dwellings", "n_dwellings"),
}

#: Column names treated as address / personal data: dropped on import, never written.
ADDRESS_COLUMNS: tuple[str, ...] = (
    "street",
    "straat",
    "straatnaam",
    "openbare_ruimte",
    "openbareruimte",
    "openbare_ruimte_naam",
    "huisnummer",
    "house_number",
    "housenumber",
    "huisnr",
    "huis_nr",
    "nummer",
    "number_house",
    "huisletter",
    "toevoeging",
    "huisnummertoevoeging",
    "huisnummer_toevoeging",
    "addition",
    "postcode",
    "zip",
    "zipcode",
    "zip_code",
    "postal_code",
    "postalcode",
    "woonplaats",
    "city",
    "plaats",
    "town",
    "place",
    "address",
    "adres",
    "adresregel",
    "address_line",
    "full_address",
    "nummeraanduiding",
    "nummeraanduiding_id",
    "nummeraanduidingid",
    "bag_id",
    "vbo_id",
    "verblijfsobject",
    "verblijfsobject_id",
    "pand_id",
    "identificatie",
    "lat",
    "lon",
    "lng",
    "latitude",
    "longitude",
    "x",
    "y",
    "xcoord",
    "ycoord",
    "geometry",
    "geom",
    "coordinates",
    "naam",
    "name",
    "bewoner",
    "eigenaar",
    "owner_name",
    "email",
    "e_mail",
    "telefoon",
    "phone",
    "telephone",
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
        "vrijstaand",
        "vrijstaande",
        "vrijstaande woning",
        "vrijstaand huis",
        "vrijstaande woningen",
        "vrijstaandewoning",
        "detached",
        "detached house",
        "single family detached",
        "villa",
        "boerderij",
        "woonboerderij",
        "farmhouse",
        "free-standing",
        "freestanding",
    ),
    "twee_onder_een_kap": (
        "twee_onder_een_kap",
        "twee onder een kap",
        "twee-onder-één-kap",
        "2-onder-1-kap",
        "2 onder 1 kap",
        "2 onder een kap",
        "twee onder 1 kap",
        "2o1k",
        "2/1 kap",
        "2/1-kap",
        "21kap",
        "twee onder een kapwoning",
        "2-onder-1-kapwoning",
        "semi-detached",
        "semi detached",
        "semidetached house",
        "semi-detached house",
        "halfvrijstaand",
        "half vrijstaand",
        "dubbel woonhuis",
        "helft dubbel woonhuis",
        "duplex",
    ),
    "hoekwoning": (
        "hoekwoning",
        "hoek",
        "hoekhuis",
        "eindwoning",
        "kopwoning",
        "rijwoning hoek",
        "rij hoek",
        "hoek rijwoning",
        "end-terrace",
        "end terrace",
        "end of terrace",
        "end-of-terrace",
        "end terraced",
        "end-terraced house",
        "end-terrace house",
        "corner house",
        "end of row",
    ),
    "tussenwoning": (
        "tussenwoning",
        "tussen",
        "tussenhuis",
        "rijwoning",
        "rijtjeswoning",
        "rijtjeshuis",
        "rijhuis",
        "rijwoning tussen",
        "rij tussen",
        "tussen rijwoning",
        "mid-terrace",
        "mid terrace",
        "mid-terrace house",
        "mid-terraced",
        "terraced",
        "terraced house",
        "terrace",
        "row house",
        "rowhouse",
        "townhouse",
        "eengezins rijwoning",
    ),
    "meergezins_laag": (
        "meergezins_laag",
        "meergezins laag",
        "meergezins laag-midden",
        "meergezins laagbouw",
        "meergezins midden",
        "meergezinswoning",
        "meergezins",
        "appartement",
        "apartment",
        "flat",
        "portiek",
        "portiekwoning",
        "portiekflat",
        "galerij",
        "galerijwoning",
        "galerijflat",
        "bovenwoning",
        "benedenwoning",
        "maisonnette",
        "maisonette",
        "etagewoning",
        "multi-family",
        "multifamily",
        "multi family",
        "apartment low-rise",
        "low-rise apartment",
        "low rise apartment",
        "apartment block",
        "studio",
    ),
    "meergezins_hoog": (
        "meergezins_hoog",
        "meergezins hoog",
        "meergezins hoogbouw",
        "hoogbouw",
        "hoogbouwflat",
        "hoogbouw appartement",
        "high-rise",
        "highrise",
        "high rise",
        "apartment high-rise",
        "high-rise apartment",
        "high rise apartment",
        "tower block",
        "flat hoogbouw",
    ),
}
#: Canonical dwelling type per spelling key (:func:`normalise_key` of a spelling).
TYPE_LOOKUP: dict[str, str] = {}
for _canon, _spellings in DWELLING_TYPE_SPELLINGS.items():
    for _sp in _spellings:
        TYPE_LOOKUP[normalise_key(_sp)] = _canon

#: Spellings accepted per tenure class (compared after :func:`normalise_key`).
TENURE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "koop": (
        "koop",
        "koopwoning",
        "eigen woning",
        "eigenwoning",
        "eigenaar",
        "eigenaar-bewoner",
        "eigenaarbewoner",
        "eigenaar bewoner",
        "owner",
        "owner-occupied",
        "owner occupied",
        "owner-occupier",
        "owned",
        "own",
        "koophuis",
        "eigen bezit",
        "particulier eigendom",
    ),
    "huur_corporatie": (
        "huur_corporatie",
        "huur corporatie",
        "corporatie",
        "woningcorporatie",
        "corporatiewoning",
        "corporatie huur",
        "sociale huur",
        "sociale huurwoning",
        "social rent",
        "social rented",
        "social housing",
        "social",
        "sociaal",
        "housing association",
        "woningbouwvereniging",
        "woningstichting",
        "toegelaten instelling",
    ),
    "huur_particulier": (
        "huur_particulier",
        "huur particulier",
        "particuliere huur",
        "particuliere huurwoning",
        "particuliere verhuurder",
        "private rent",
        "private rental",
        "private rented",
        "private landlord",
        "vrije sector",
        "vrije sector huur",
        "vrijesectorhuur",
        "commerciele huur",
        "commercial rent",
        "belegger",
        "overige verhuurder",
        "overige verhuurders",
    ),
}
#: Canonical tenure per spelling key (:func:`normalise_key` of a spelling).
TENURE_LOOKUP: dict[str, str] = {}
for _canon, _spellings in TENURE_SPELLINGS.items():
    for _sp in _spellings:
        TENURE_LOOKUP[normalise_key(_sp)] = _canon

_MISSING_TOKENS = frozenset(
    normalise_key(t)
    for t in (
        "",
        "onbekend",
        "unknown",
        "geen",
        "none",
        "n/a",
        "na",
        "nan",
        "-",
        "?",
        "null",
        "nvt",
    )
)
_LABEL_LOOKUP: dict[str, str] = {lab.upper(): lab for lab in ENERGY_LABELS}


# --------------------------------------------------------------------------------------------
# column mapping


def map_columns(names: Sequence[str], source: str) -> tuple[dict[str, str], list[str]]:
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
                "keep one of them",
                source,
                code="columns_same_meaning",
                details={"columns": (mapping[canon], name), "field": canon},
            )
        mapping[canon] = name
    return mapping, ignored


def missing_columns_message(
    source: str, missing: Sequence[str], found: Sequence[str], unused: Sequence[str]
) -> str:
    """Name the missing required columns, their aliases, a close unused column, all found."""
    parts = []
    found_keys = {normalise_key(f): f for f in unused}
    for canon in missing:
        aliases = [a for a in COLUMN_ALIASES[canon] if a != canon][:4]
        hint = ""
        close = difflib.get_close_matches(normalise_key(canon), list(found_keys), n=1, cutoff=0.75)
        for alias in COLUMN_ALIASES[canon]:
            close = close or difflib.get_close_matches(
                normalise_key(alias), list(found_keys), n=1, cutoff=0.8
            )
        if close:
            hint = f"; did you mean {found_keys[close[0]]!r}?"
        parts.append(f"{canon!r} (also accepted: {', '.join(map(repr, aliases))}{hint})")
    word = "column is" if len(missing) == 1 else "columns are"
    shown = ", ".join(map(repr, found[:30])) + (" ..." if len(found) > 30 else "")
    return f"{source}: required {word} missing: {'; '.join(parts)}. Columns found: {shown}"


# --------------------------------------------------------------------------------------------
# value parsing (vectorised over rows)


def _factorize(series: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Integer code per cell (-1 = missing) and the distinct values.

    Parsing works on the distinct values only (a village has a handful of spellings and
    years), then spreads the result back with the codes: vectorised over the rows.
    """
    codes, uniques = pd.factorize(series.reset_index(drop=True), use_na_sentinel=True)
    return codes, list(uniques)


def _spread(
    per_unique: Sequence[object] | np.ndarray,
    codes: np.ndarray,
    missing: object,
    dtype: object = object,
) -> np.ndarray:
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


def blank_mask(frame: pd.DataFrame) -> pd.DataFrame:
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


def parse_ids(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Dwelling ids as stripped text (object array, "" where missing) and the empty mask."""
    return _parse_text_cells(series)


def parse_category(
    series: pd.Series, lookup: dict[str, str], *, required: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Map spellings to canonical names; return (values with None for missing, bad mask)."""
    codes, uniques = _factorize(series)
    keys = [normalise_key(u) for u in uniques]
    values = _spread([lookup.get(k) for k in keys], codes, None)
    is_missing = _spread([k in _MISSING_TOKENS for k in keys], codes, True, dtype=bool)
    unknown = np.equal(values, None) & ~is_missing
    bad = unknown | (is_missing if required else False)
    return values, bad


def parse_labels(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Energy labels (case-insensitive, ``label``/``energielabel`` prefixes dropped); return
    (canonical labels with None for missing, mask of text that is no label)."""
    codes, uniques = _factorize(series)
    keys = [re.sub(r"^(ENERGIE)?LABEL", "", re.sub(r"\s+", "", str(u).upper())) for u in uniques]
    values = _spread([_LABEL_LOOKUP.get(k) for k in keys], codes, None)
    is_missing = _spread(
        [normalise_key(u) in _MISSING_TOKENS for u in uniques], codes, True, dtype=bool
    )
    bad = np.equal(values, None) & ~is_missing
    return values, bad


_UNIT_RE = r"(?i)(m2|m²|m\^2|m3|m³|kwh|eur|euro|€|/yr|/jaar|perjaar|jaar)+$"


def parse_numbers(series: pd.Series, decimal: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


def _parse_number_values(
    as_obj: pd.Series, decimal: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`parse_numbers` for an object Series of distinct, non-missing cells."""
    is_bool = as_obj.map(lambda v: isinstance(v, bool | np.bool_)).to_numpy(bool)
    is_str = as_obj.map(lambda v: isinstance(v, str)).to_numpy(bool)
    # Fast path: numbers and plain number text. In a decimal-comma table a '.' is a thousands
    # separator ("1.234" = 1234), so such text goes through the full parser below.
    quick = pd.to_numeric(as_obj.where(~is_bool), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
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
            dtype=float, na_value=np.nan
        )
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


def parse_text(series: pd.Series, default: str | None) -> np.ndarray:
    """Cells as stripped text (object array), ``default`` where empty."""
    values, empty = _parse_text_cells(series)
    values[empty] = default
    return values
