"""Which village the app shows: one state for its name, where its dwellings come from and what
the exports say about them.

:class:`VillageChoice` is that state: a name and either one or more CBS buurten (synthesised,
together when there are several) or an uploaded file (its name and SHA-256). Everything the
pages show and export about the village is read from it: the cache key of the results
(:attr:`VillageChoice.key`), the scenario's village fields (:meth:`VillageChoice.stamp`, so a
reset or an opened scenario file never changes the village behind the user's back), the
provenance of an export (:meth:`VillageChoice.stock_source`) and its file names
(:meth:`VillageChoice.file_name`).

:func:`village_stock` synthesises the dwellings of one or more buurten as one village;
:func:`find_villages` searches the packaged buurt table the way people spell their village
(see :func:`woonplaatsen`); :func:`zone_label` names a heat-network or grid zone in words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from wupmodel.io.provenance import uploaded_stock_source
from wupmodel.overrides import apply_settings
from wupmodel.params import packaged_table
from wupmodel.scenario import Scenario
from wupmodel.stock import synthesise_stock, validate_stock

__all__ = [
    "DEFAULT_BUURT",
    "VillageChoice",
    "village_stock",
    "woonplaatsen",
    "find_villages",
    "zone_label",
]

#: the default village: Aalden (gemeente Coevorden), PBL Startanalyse 2020
DEFAULT_BUURT = "BU01095059"
BUURT_TABLE = "buurten_drenthe_2020"
_SYNTHESISED = "PBL Startanalyse 2020 buurt statistics"


@dataclass(frozen=True)
class VillageChoice:
    """The village the app shows.

    Attributes
    ----------
    name
        The village's name as the user knows it (a buurt's name, the name given to buurten
        taken together, or an uploaded file's name).
    codes
        The CBS buurt codes (2020) synthesised; empty for an uploaded file.
    seed
        The seed of the synthesis.
    file
        An uploaded file's name (None for buurten).
    sha256
        The uploaded bytes' SHA-256 (hex).
    """

    name: str
    codes: tuple[str, ...] = ()
    seed: int = 0
    file: str | None = None
    sha256: str | None = None

    @classmethod
    def of_buurten(cls, codes: Sequence[str], name: str, seed: int = 0) -> VillageChoice:
        """One or more packaged buurten, in the order given (duplicates dropped)."""
        unique = tuple(dict.fromkeys(str(c).upper() for c in codes))
        if not unique:
            raise ValueError("a village needs at least one buurt")
        return cls(name=str(name).strip() or unique[0], codes=unique, seed=int(seed))

    @classmethod
    def of_upload(cls, file: str, sha256: str) -> VillageChoice:
        """An uploaded dwelling file (named after the file)."""
        return cls(name=str(file), file=str(file), sha256=str(sha256))

    @classmethod
    def of_scenario(cls, scenario: Scenario) -> VillageChoice:
        """The village a scenario names (its buurt and seed)."""
        return cls.of_buurten(
            [scenario.village.buurt_code], scenario.village.name, scenario.village.seed
        )

    @property
    def is_upload(self) -> bool:
        return self.file is not None

    @property
    def key(self) -> str:
        """The cache key of the village's dwellings: ``buurt:<codes joined by +>:<seed>`` or
        ``upload:<sha256>``."""
        if self.is_upload:
            return f"upload:{self.sha256}"
        return f"buurt:{'+'.join(self.codes)}:{self.seed}"

    @property
    def slug(self) -> str:
        """The name in lower case letters, digits and underscores (for file names)."""
        text = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode()
        return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_") or "dorp"

    def file_name(self, what: str, extension: str) -> str:
        """An export's file name, e.g. ``diever_results.xlsx``."""
        return f"{self.slug}_{what}.{extension}"

    def stamp(self, scenario: Scenario) -> Scenario:
        """``scenario`` with its village fields set to this village (the same object when they
        already are): the name, the first buurt and the seed; no stock file (the app's
        dwellings are this village's). An upload keeps the scenario's buurt, which the
        provenance then marks as not used."""
        village = scenario.village
        settings: dict[str, Any] = {}
        if village.name != self.name:
            settings["village.name"] = self.name
        if village.stock_file is not None:
            settings["village.stock_file"] = None
        if not self.is_upload:
            if village.buurt_code != self.codes[0]:
                settings["village.buurt_code"] = self.codes[0]
            if village.seed != self.seed:
                settings["village.seed"] = self.seed
        return apply_settings(scenario, settings, origin="app") if settings else scenario

    def stock_source(self, stock: pd.DataFrame) -> dict[str, Any] | None:
        """What the provenance records as the stock when it is not the scenario's one buurt:
        an uploaded file (name, SHA-256, rows, dwellings) or several buurten synthesised
        together (their codes, the seed, the dwellings); None for one buurt (the scenario's
        village fields, stamped, say it)."""
        if self.is_upload:
            return uploaded_stock_source(stock, str(self.file), str(self.sha256))
        if len(self.codes) == 1:
            return None
        return {
            "buurt_codes": " + ".join(self.codes),
            "seed": self.seed,
            "synthesised": _SYNTHESISED + ", the buurten taken together as one village",
            "dwellings": int(pd.to_numeric(stock["count"]).sum()),
        }


@lru_cache(maxsize=1)
def _buurten() -> pd.DataFrame:
    table = packaged_table(BUURT_TABLE)
    return table[table["dwellings"] > 0].reset_index(drop=True)


def village_stock(codes: Sequence[str], seed: int = 0) -> pd.DataFrame:
    """The synthesised dwellings of one or more packaged buurten as one village.

    One buurt is :func:`wupmodel.synthesise_stock`'s stock as it is. Several are synthesised
    each with ``seed`` and put together; dwelling ids stay unique (they start with the buurt
    code) and each buurt's zones keep their own name with the buurt's name after it (the core
    of one buurt is not the core of the other: ``kern Dwingelo``, ``lv1 Dwingelo``).

    Raises
    ------
    WupInputError
        For an unknown buurt code or a buurt without dwellings.
    """
    codes = list(dict.fromkeys(str(c).upper() for c in codes))
    if len(codes) == 1:
        return synthesise_stock(codes[0], seed=seed)
    names = _buurten().set_index("buurt_code")["buurt_name"]
    parts = []
    for code in codes:
        part = synthesise_stock(code, seed=seed).copy()
        suffix = f" {names.get(code, code)}"
        zone = part["heat_network_zone"]
        named = zone.notna() & (zone.astype(str).str.strip() != "")
        part["heat_network_zone"] = zone.where(~named, zone.astype(str) + suffix)
        part["grid_zone"] = part["grid_zone"].astype(str) + suffix
        parts.append(part)
    return validate_stock(pd.concat(parts, ignore_index=True), source="buurten")


def _plain(text: str) -> str:
    """Lower case, no accents or punctuation, a doubled vowel as one (Dwingeloo = Dwingelo)."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    return re.sub(r"([aeiou])\1", r"\1", text)


_SCATTERED = "verspreide huizen "


@lru_cache(maxsize=1)
def _villages() -> pd.DataFrame:
    return _woonplaatsen()


def woonplaatsen() -> pd.DataFrame:
    """The villages of the packaged buurt table, each with its buurten (a copy; see
    :func:`_woonplaatsen` for how a village is found and named)."""
    return _villages().copy()


def _woonplaatsen() -> pd.DataFrame:
    """The villages of the packaged buurt table, each with its buurten.

    CBS codes a buurt as gemeente (4 digits), wijk (2) and buurt (2) (CBS, Toelichting Wijk- en
    buurtkaart 2020); in rural Drenthe a wijk is a village with its hamlets and scattered
    houses. A village here is such a wijk with a buurt "Verspreide huizen <woonplaats>" (the
    scattered houses of a village; a town's wijken have none), named as its residents spell it:
    the name in that buurt (CBS takes it from the BAG woonplaats, e.g. Dwingeloo, while the
    core buurt is spelled Dwingelo).

    Returns
    -------
    pandas.DataFrame
        ``wijk_code``, ``name``, ``gemeente_name``, ``buurt_codes`` (tuple), ``buurt_names``
        (tuple), ``dwellings``; only villages of two or more buurten with dwellings.
    """
    table = _buurten()
    rows = []
    for wijk, part in table.groupby(table["buurt_code"].str[:8], sort=True):
        if len(part) < 2:
            continue
        names = part["buurt_name"].astype(str).tolist()
        scattered = [n[len(_SCATTERED) :] for n in names if n.lower().startswith(_SCATTERED)]
        if not scattered:  # a town's wijk (a quarter of Assen, Emmen ...), not a village
            continue
        rows.append(
            {
                "wijk_code": wijk,
                "name": scattered[0],
                "gemeente_name": str(part["gemeente_name"].iloc[0]),
                "buurt_codes": tuple(part["buurt_code"]),
                "buurt_names": tuple(names),
                "dwellings": int(part["dwellings"].sum()),
            }
        )
    return pd.DataFrame(rows)


def find_villages(query: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Buurten and villages matching ``query`` as people spell it.

    A match ignores case, accents and punctuation and reads a doubled vowel as one
    ("dwingeloo" finds the buurt Dwingelo); it looks in the buurt's name, its code and its
    gemeente, and in the village's name (:func:`woonplaatsen`).

    Returns
    -------
    (buurten, villages)
        The buurten (``buurt_code``, ``buurt_name``, ``gemeente_name``, ``dwellings``) and the
        villages of :func:`woonplaatsen` whose name matches, each with ``exact`` (the name is
        the query) and the exact ones first.
    """
    table = _buurten()[["buurt_code", "buurt_name", "gemeente_name", "dwellings"]].copy()
    villages = _villages()
    q = _plain(query)
    if not q:
        return table.assign(exact=False), villages.iloc[0:0].assign(exact=False)
    names = table["buurt_name"].map(_plain)
    hit = (
        names.str.contains(q, regex=False)
        | table["buurt_code"].str.lower().str.contains(q.replace(" ", ""), regex=False)
        | table["gemeente_name"].map(_plain).str.contains(q, regex=False)
    )
    found = table[hit].assign(exact=(names[hit] == q))
    found = found.sort_values(["exact", "buurt_name"], ascending=[False, True], kind="stable")
    v_names = villages["name"].map(_plain)
    chosen = villages[v_names.str.contains(q, regex=False)]
    chosen = chosen.assign(exact=(v_names[chosen.index] == q))
    chosen = chosen.sort_values(["exact", "name"], ascending=[False, True], kind="stable")
    return found.reset_index(drop=True), chosen.reset_index(drop=True)


#: the synthesised stock's zone names in words (:func:`wupmodel.synthesise_stock`)
_ZONE_WORDS = {
    "kern": {"nl": "dorpskern", "en": "village core"},
    "default": {"nl": "het hele dorp", "en": "the whole village"},
}
_GRID = re.compile(r"^lv(\d+)$")


def zone_label(zone: object, lang: str = "nl") -> str:
    """A zone as the village knows it: ``kern`` is the village core, ``lv2`` part 2 of the
    low-voltage grid; a zone the user named in their own file stays as they named it. The
    buurt's name after a zone of several buurten taken together stays."""
    text = str(zone)
    head, _, rest = text.partition(" ")
    if head in _ZONE_WORDS:
        word = _ZONE_WORDS[head].get(lang, _ZONE_WORDS[head]["nl"])
    elif _GRID.match(head):
        number = _GRID.match(head).group(1)  # type: ignore[union-attr]
        word = f"{'stroomnet deel' if lang == 'nl' else 'grid part'} {number}"
    else:
        return text
    word = word[0].upper() + word[1:]
    return f"{word} {rest}".strip()
