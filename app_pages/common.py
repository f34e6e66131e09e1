"""Shared session state and caching for the pages (no model logic: every number is wm's).

Session state
-------------
``lang``           "nl" (default) or "en"
``stock_key``      ``"buurt:<code>:<seed>"`` or ``"upload:<sha256>"``
``upload_stock``   an uploaded stock (DataFrame), held in this session only, never on disk
``scenario_yaml``  the active scenario as YAML text (hashable: the cache key of every result)
``base_yaml``      the scenario the controls start from (the default, or an opened YAML file)
``kept``           up to four named scenarios: name -> YAML text
``plan``           the last plan made on the Plan page, with its key

Results of a packaged buurt are cached for every session (``st.cache_resource`` on the buurt
code and the scenario text); results of an uploaded stock only in its own session.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio

DEFAULT_BUURT = "BU01095059"
MAX_KEPT = 4
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False}
_SESSION_MEMO = 8
#: Seconds the first run of a session waits between the key figures and the charts (see
#: :func:`figures_first`); 0 switches it off (the AppTest tests do).
FIRST_PAINT_PAUSE_S = 0.5


# --------------------------------------------------------------------------------------------
# language


def lang() -> str:
    """The session's language."""
    return st.session_state.get("lang", "nl")


def tr(key: str) -> str:
    """The string ``key`` in the session's language."""
    return wa.t(key, lang())


def language_switch() -> None:
    """The sidebar switch between Dutch and English (its own label follows the language)."""
    current = lang()
    names = {"nl": "Nederlands", "en": "English"}
    choice = st.sidebar.radio(
        wa.t("language", current),
        wa.LANGUAGES,
        index=wa.LANGUAGES.index(current),
        format_func=names.get,
        horizontal=True,
    )
    if choice != current:
        st.session_state["lang"] = choice
        st.rerun()


def choose(
    widget: Callable[..., Any],
    label: str,
    options: list | tuple,
    key: str,
    fmt: Callable[[Any], str],
    default: Any = None,
    **kwargs: Any,
) -> Any:
    """A radio or selectbox whose words follow the language but whose choice survives a switch.

    The widget's key carries the language (``key.nl`` / ``key.en``); the chosen value is kept
    under ``key`` itself and starts the widget of the other language.
    """
    options = list(options)
    current = st.session_state.get(key, options[0] if default is None else default)
    index = options.index(current) if current in options else 0
    value = widget(label, options, index=index, format_func=fmt, key=f"{key}.{lang()}", **kwargs)
    st.session_state[key] = value
    return value


def chart(fig: Any) -> None:
    """Show a Plotly figure full width, without the mode bar."""
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, theme=None)  # our projector styling


def figures_first() -> None:
    """On a session's first page, let the title and key figures show before the charts.

    A browser that has not seen the app yet must still fetch and run Streamlit's chart library
    (4.6 MB of Plotly.js), and while it runs nothing sent with it is painted: the key figures
    of the Dorp page waited 1-2 s for it. A short pause between the figures and the charts,
    once per session, lets them show first (about 1.5 s after opening instead of 2.4-3.7 s on
    the test machine); the charts come no later, since the library loads in the meantime.
    """
    if not st.session_state.get("_figures_shown"):
        st.session_state["_figures_shown"] = True
        time.sleep(FIRST_PAINT_PAUSE_S)


def table(frame: pd.DataFrame) -> None:
    """Show a table for a resident: values in words, readable headers with units, whole numbers
    with thousands separators and shares in percent."""
    shown = wa.translate_frame(frame, lang())
    formats = {}
    for original, label in zip(
        frame.drop(columns=[c for c in ("label_nl", "label_en") if c in frame]).columns,
        shown.columns,
        strict=True,
    ):
        if pd.api.types.is_numeric_dtype(frame[original]) and not pd.api.types.is_bool_dtype(
            frame[original]
        ):
            formats[label] = (
                "{:.0%}" if "share" in str(original) or "reduction" in str(original) else "{:,.0f}"
            )
    styler = shown.style.format(
        formats, thousands="." if lang() == "nl" else ",", decimal="," if lang() == "nl" else "."
    )
    show(styler)


def show(frame: pd.DataFrame | Any) -> None:
    """A static table (a frame or its Styler) without the index: every column on the page and
    long text wrapped, as a projector needs (a scrolling grid would cut columns off)."""
    styler = frame.style if isinstance(frame, pd.DataFrame) else frame
    st.table(styler.hide(axis="index"))


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|~$:"})


def plain(text: object) -> str:
    """``text`` with Markdown escaped, so what a user typed or uploaded shows as typed (never as a
    link or markup)."""
    return str(text).translate(_MARKDOWN)


def fail(err: Exception) -> None:
    """A user error as one message (never a traceback); the message is shown as plain text."""
    st.error(f"{tr('error')}: {plain(err)}")


# --------------------------------------------------------------------------------------------
# scenario


@st.cache_resource(show_spinner=False)
def _default_text() -> str:
    return wio.dump_scenario(wm.load_scenario())


@st.cache_resource(show_spinner=False, max_entries=64)
def scenario_of(text: str) -> wm.Scenario:
    """The scenario of a YAML text (parsed once per text)."""
    return wio.scenario_from_text(text, "app")


def scenario_text() -> str:
    """The active scenario's YAML text."""
    if "scenario_yaml" not in st.session_state:
        st.session_state["scenario_yaml"] = _default_text()
    return st.session_state["scenario_yaml"]


def base_text() -> str:
    """The YAML text the controls start from."""
    return st.session_state.get("base_yaml") or scenario_text()


def scenario() -> wm.Scenario:
    return scenario_of(scenario_text())


def set_scenario(new: wm.Scenario, base: bool = False) -> None:
    """Make ``new`` the active scenario (and the controls' starting point with ``base``)."""
    text = wio.dump_scenario(new)
    st.session_state["scenario_yaml"] = text
    if base:
        st.session_state["base_yaml"] = text


# --------------------------------------------------------------------------------------------
# stock


def stock_key() -> str:
    return st.session_state.get("stock_key", f"buurt:{DEFAULT_BUURT}:0")


@st.cache_resource(show_spinner=False, max_entries=32)
def buurt_stock(code: str, seed: int = 0) -> pd.DataFrame:
    """A packaged buurt's synthesised stock (shared by every session)."""
    return wm.synthesise_stock(code, seed=seed)


def stock() -> pd.DataFrame:
    """The active stock."""
    key = stock_key()
    if key.startswith("upload:"):
        return st.session_state["upload_stock"]
    _kind, code, seed = key.split(":")
    return buurt_stock(code, int(seed))


def use_buurt(code: str, name: str) -> None:
    """Switch to a packaged buurt (the scenario's village follows)."""
    st.session_state["stock_key"] = f"buurt:{code}:0"
    st.session_state.pop("upload_stock", None)
    settings = {"village.buurt_code": code, "village.name": name}
    # the assumptions moved so far stay: the controls start from the scenario as it is now
    set_scenario(
        wm.apply_settings(scenario(), settings, origin="app"), base="base_yaml" in st.session_state
    )


def use_upload(frame: pd.DataFrame, data: bytes, name: str) -> None:
    """Switch to an uploaded stock (kept in this session only)."""
    st.session_state["upload_stock"] = frame
    st.session_state["stock_key"] = "upload:" + hashlib.sha256(data).hexdigest()
    st.session_state["upload_name"] = name
    st.session_state.pop("_memo", None)


def village_name() -> str:
    if stock_key().startswith("upload:"):
        return st.session_state.get("upload_name", "upload")
    return scenario().village.name


# --------------------------------------------------------------------------------------------
# cached results


def _session_memo(name: str, key: tuple, compute: Callable[[], Any]) -> Any:
    memo: OrderedDict = st.session_state.setdefault("_memo", OrderedDict())
    full = (name, *key)
    if full not in memo:
        memo[full] = compute()
        while len(memo) > _SESSION_MEMO:
            memo.popitem(last=False)
    return memo[full]


@st.cache_resource(show_spinner=False, max_entries=16)
def _shared(name: str, key: tuple, _compute: Callable[[], Any]) -> Any:
    return _compute()


def cached(name: str, key: tuple, compute: Callable[[], Any]) -> Any:
    """``compute()`` cached under ``name`` and ``key`` for the active stock: shared by every
    session for a packaged buurt, in this session only for an uploaded stock."""
    full = (stock_key(), *key)
    if stock_key().startswith("upload:"):
        return _session_memo(name, full, compute)
    return _shared(name, full, compute)


@st.cache_resource(show_spinner=False, max_entries=24)
def _buurt_outcomes(key: str, text: str) -> wm.Outcomes:
    _kind, code, seed = key.split(":")
    return wm.evaluate(buurt_stock(code, int(seed)), scenario_of(text))


@st.cache_resource(show_spinner=False, max_entries=24)
def _buurt_summary(key: str, text: str) -> pd.DataFrame:
    return wa.village_summary(_buurt_outcomes(key, text), scenario_of(text))


@st.cache_resource(show_spinner=False, max_entries=12)
def _buurt_tables(key: str, text: str) -> dict[str, pd.DataFrame]:
    return wm.summarise(_buurt_outcomes(key, text), scenario_of(text))


def outcomes(text: str | None = None) -> wm.Outcomes:
    """The active stock evaluated under a scenario text (default the active one)."""
    text = text or scenario_text()
    key = stock_key()
    if key.startswith("upload:"):
        return _session_memo(
            "outcomes", (key, text), lambda: wm.evaluate(stock(), scenario_of(text))
        )
    return _buurt_outcomes(key, text)


def summary(text: str | None = None) -> pd.DataFrame:
    """The village strategy summary under a scenario text (default the active one)."""
    text = text or scenario_text()
    key = stock_key()
    if key.startswith("upload:"):
        return _session_memo(
            "summary", (key, text), lambda: wa.village_summary(outcomes(text), scenario_of(text))
        )
    return _buurt_summary(key, text)


def tables(text: str | None = None) -> dict[str, pd.DataFrame]:
    """All result tables (:func:`wupmodel.summarise`) under a scenario text."""
    text = text or scenario_text()
    key = stock_key()
    if key.startswith("upload:"):
        return _session_memo(
            "tables", (key, text), lambda: wm.summarise(outcomes(text), scenario_of(text))
        )
    return _buurt_tables(key, text)


def tables_later(text: str | None = None) -> Callable[[], dict[str, pd.DataFrame]]:
    """A function giving :func:`tables` of the active stock, callable outside the script run
    (a deferred download runs on another thread, without the session)."""
    text = text or scenario_text()
    key = stock_key()
    if not key.startswith("upload:"):
        return lambda: _buurt_tables(key, text)
    frame = stock()
    return lambda: wm.summarise(wm.evaluate(frame, scenario_of(text)), scenario_of(text))


def warm_default() -> None:
    """Compute what the first page of the default village needs, into the caches the pages
    read: run by ``serve.py`` beside the starting server, outside any session."""
    text = _default_text()
    key = f"buurt:{DEFAULT_BUURT}:0"
    view = wa.stock_overview(_buurt_outcomes(key, text))
    wa.category_bars(
        view["types"], "dwelling_type", "", "nl"
    )  # Plotly's first figure loads its validators
    wio.packaged_table("buurten_drenthe_2020")
    _buurt_summary(key, text)


def header() -> None:
    """The sidebar's note of which village and scenario the pages show."""
    st.sidebar.markdown(
        f"**{tr('current_village')}:** {village_name()}  \n"
        f"**{tr('current_scenario')}:** {scenario().name}"
    )


# --------------------------------------------------------------------------------------------
# the time path (Tijdpad page and the sentence on Mijn huis)

#: CO2 milestones the Tijdpad page offers when the scenario has no path (reduction in %).
SUGGESTED_PATH = {2030: 30, 2040: 60, 2050: 80}


def phasing_defaults() -> tuple[int, dict[int, int]]:
    """The installer capacity (heat pumps a year) and CO2 milestones (%) the page starts from:
    the scenario's, else the packaged capacity per 1 000 dwellings and a suggested path."""
    current = scenario()
    per_1000 = current.params()["phasing.heat_pumps_per_1000_dwellings"]
    dwellings = float(stock()["count"].sum())
    capacity = int(round(current.phasing.heat_pumps_per_year or per_1000 * dwellings / 1e3))
    path = {y: int(round(100 * r)) for y, r in current.targets.co2_path.items()}
    return capacity, path or dict(SUGGESTED_PATH)


def phasing(capacity: int, budget_k: int, path: tuple, yearly: bool) -> wm.Phasing:
    """The village's time path for these settings (cached like every result of the village)."""
    text = scenario_text()

    def compute() -> wm.Phasing:
        return wm.phase(
            stock(),
            scenario_of(text),
            step=1 if yearly else 5,
            heat_pumps_per_year=float(capacity),
            budget_eur_per_year=budget_k * 1e3 if budget_k else None,
            co2_path={y: r / 100 for y, r in path if r > 0},
        )

    return cached("phasing", (text, capacity, budget_k, path, yearly), compute)


def village_phasing() -> wm.Phasing:
    """The time path as the Tijdpad page last set it (its defaults before a visit)."""
    capacity, path = phasing_defaults()
    state = st.session_state
    chosen = tuple((y, int(state.get(f"tp_co2_{y}", r))) for y, r in sorted(path.items()))
    return phasing(
        int(state.get("tp_cap", capacity)),
        int(state.get("tp_budget", 0)),
        chosen,
        bool(state.get("tp_yearly", False)),
    )
