"""Shared session state and caching for the pages (no model logic: every number is wm's).

Session state
-------------
``lang``           "nl" (default) or "en"
``village``        the village shown (``wa.VillageChoice``): its name, buurt code(s) or uploaded
                   file; the results' cache key, the scenario's village and the exports'
                   provenance and file names are all read from it
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
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio

DEFAULT_BUURT = wa.DEFAULT_BUURT
MAX_KEPT = 4
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False}
_SESSION_MEMO = 8
#: title characters on a line of a figure across the page (500 px at 1 024 x 768 with the sidebar)
WIDE_TITLE_CHARS = 44
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


def presenting() -> bool:
    """The presentation mode (projector): larger type, no sidebar, one figure per screen."""
    return bool(st.session_state.get("present", False))


def style() -> None:
    """The pages' style sheet (and the presentation mode's switch: in the sidebar, and at the
    top of the page while the sidebar is hidden)."""
    st.sidebar.toggle(tr("presentation"), key="present", help=tr("presentation_help"))
    st.html(wa.page_css(presenting(), lang()))
    if presenting():
        st.button(tr("presentation_off"), key="present_off", on_click=_presentation_off)


def _presentation_off() -> None:
    st.session_state["present"] = False  # before the run: the sidebar's switch follows


def columns(n: int) -> list[Any]:
    """``n`` side-by-side columns; in the presentation mode one below the other."""
    if presenting():
        box = st.container()
        return [box] * n
    return list(st.columns(n))


def chart(fig: Any, wide: bool = False) -> None:
    """Show a Plotly figure full width, without the mode bar: ``wide`` (across the page, or
    presenting) with its title on fewer lines; a screen high when presenting."""
    if wide or presenting():
        wa.fit_title(fig, WIDE_TITLE_CHARS)
    if presenting():  # a screen high, the type a size larger
        fig.update_layout(
            height=max(int(fig.layout.height or 0), wa.PRESENTATION_FIGURE_PX),
            font_size=int(fig.layout.font.size or 18) + 4,
        )
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, theme=None)  # our projector styling


def sources(page: str) -> None:
    """The page's sources in words (publisher, publication, year) behind a "Bron" expander; the
    exact files and tables are in the adviser's workbook."""
    with st.expander(tr("source_title")):
        st.write(tr("source_intro"))
        st.markdown(
            "\n".join(f"- {plain(line)}" for line in wa.source_lines(wa.PAGE_SOURCES[page], lang()))
        )
        st.caption(tr("source_adviser"))


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
    with thousands separators and shares in percent, the way the language writes them (as text:
    what the page sends is what the reader sees)."""
    shown = wa.translate_frame(frame, lang())
    original = frame.drop(columns=[c for c in ("label_nl", "label_en") if c in frame]).columns
    for column, label in zip(original, list(shown.columns), strict=True):
        data = frame[column]
        if pd.api.types.is_numeric_dtype(data) and not pd.api.types.is_bool_dtype(data):
            share = "share" in str(column) or "reduction" in str(column)
            shown[label] = [
                wa.format_share(v, lang()) if share else wa.format_number(v, lang()) for v in data
            ]
    show(shown)


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
# the village and the scenario: one state (wa.VillageChoice) for which dwellings, their name and
# what the exports say; the scenario's village fields always follow it (VillageChoice.stamp)


def village() -> wa.VillageChoice:
    """The village the pages show (default: Aalden)."""
    choice = st.session_state.get("village")
    if choice is None:
        choice = wa.VillageChoice.of_buurten([DEFAULT_BUURT], "Aalden")
        st.session_state["village"] = choice
    return choice


@st.cache_resource(show_spinner=False)
def _default_text() -> str:
    return wio.dump_scenario(wm.load_scenario())


@st.cache_resource(show_spinner=False, max_entries=64)
def scenario_of(text: str) -> wm.Scenario:
    """The scenario of a YAML text (parsed once per text)."""
    return wio.scenario_from_text(text, "app")


def _stamped(text: str) -> str:
    """``text`` with the scenario's village fields set to the village shown."""
    scenario = scenario_of(text)
    stamped = village().stamp(scenario)
    return text if stamped is scenario else wio.dump_scenario(stamped)


def scenario_text() -> str:
    """The active scenario's YAML text (the defaults until something moves, for the village
    shown)."""
    if "scenario_yaml" not in st.session_state:
        st.session_state["scenario_yaml"] = _stamped(_default_text())
    return st.session_state["scenario_yaml"]


def base_text() -> str:
    """The YAML text the controls start from."""
    return st.session_state.get("base_yaml") or scenario_text()


def scenario() -> wm.Scenario:
    return scenario_of(scenario_text())


def set_scenario(new: wm.Scenario, base: bool = False) -> None:
    """Make ``new`` the active scenario (and the controls' starting point with ``base``), for
    the village shown: a scenario brings assumptions, never another village."""
    text = wio.dump_scenario(village().stamp(new))
    st.session_state["scenario_yaml"] = text
    if base:
        st.session_state["base_yaml"] = text


def reset_scenario() -> None:
    """Back to the default assumptions, for the village shown."""
    for k in [k for k in st.session_state if str(k).startswith("ctl:")]:
        del st.session_state[k]
    st.session_state.pop("base_yaml", None)
    st.session_state.pop("scenario_yaml", None)


def set_village(choice: wa.VillageChoice, frame: pd.DataFrame | None = None) -> None:
    """Show ``choice`` on every page: the active scenario, the controls' starting point and
    the kept scenarios follow it (the assumptions moved so far stay). ``frame`` is an uploaded
    file's stock, held in this session only."""
    if frame is not None:
        st.session_state["upload_stock"] = frame
    st.session_state["village"] = choice
    st.session_state.pop("_memo", None)
    if st.session_state.get("scenario_yaml"):
        st.session_state["scenario_yaml"] = _stamped(st.session_state["scenario_yaml"])
        if "base_yaml" in st.session_state:  # the controls start from the assumptions as they are
            st.session_state["base_yaml"] = st.session_state["scenario_yaml"]
    kept = st.session_state.get("kept") or {}
    for name, text in list(kept.items()):
        kept[name] = _stamped(text)


def use_buurt(code: str, name: str) -> None:
    """Switch to a packaged buurt."""
    set_village(wa.VillageChoice.of_buurten([code], name))


def use_buurten(codes: list[str], name: str) -> None:
    """Switch to several packaged buurten taken together as one village named ``name``."""
    set_village(wa.VillageChoice.of_buurten(codes, name))


def use_upload(frame: pd.DataFrame, data: bytes, name: str) -> None:
    """Switch to an uploaded stock (kept in this session only)."""
    set_village(wa.VillageChoice.of_upload(name, hashlib.sha256(data).hexdigest()), frame)


def village_name() -> str:
    return village().name


def stock_key() -> str:
    return village().key


@st.cache_resource(show_spinner=False, max_entries=32)
def buurt_stock(codes: str, seed: int = 0) -> pd.DataFrame:
    """The synthesised stock of one or more packaged buurten (codes joined by ``+``), shared by
    every session."""
    return wa.village_stock(codes.split("+"), seed=seed)


def stock() -> pd.DataFrame:
    """The active stock."""
    choice = village()
    if choice.is_upload:
        return st.session_state["upload_stock"]
    return buurt_stock("+".join(choice.codes), choice.seed)


def stock_source() -> dict | None:
    """The provenance's stock for the village shown, when the scenario's buurt does not say it
    (an upload, several buurten)."""
    return village().stock_source(stock())


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
    wa.find_villages("")  # the search and the villages of several buurten
    wa.source_lines(wa.PAGE_SOURCES["dorp"], "nl")
    _buurt_summary(key, text)
    # last, as the Plan page comes later: the optimiser keeps the village's hourly loads with
    # its outcomes (about 0.5 s to fit), so the page's first plan only solves
    wm.optimise(scenario=scenario_of(text), outcomes=_buurt_outcomes(key, text))


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
    the scenario's, else the packaged capacity per 1 000 dwellings and the packaged path."""
    current = scenario()
    per_1000 = current.params()["phasing.heat_pumps_per_1000_dwellings"]
    dwellings = float(stock()["count"].sum())
    capacity = int(round(current.phasing.heat_pumps_per_year or per_1000 * dwellings / 1e3))
    given = current.targets.co2_path
    if given is None:  # the packaged path (phasing.co2_reduction_<year>, each with its source)
        params = current.params()
        given = {
            y: params[f"phasing.co2_reduction_{y}"]
            for y in (2030, 2040, 2050)
            if current.years.start <= y <= current.years.end
        }
    path = {y: int(round(100 * r)) for y, r in given.items()}
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


# --- the village's weighing (Afwegen), also what the adviser's export holds --------------------

RISK_EXAMPLE = Path(__file__).resolve().parents[1] / "scenarios" / "uncertainty.yaml"
RISK_SAMPLES = 64  # as wupmodel criteria: a criterion, not a study (the Onzekerheid page)
N_WEIGHTINGS = 20_000  # random weightings behind the robustness shares on the page


def _risk_sweep(scenario: wm.Scenario, frame: pd.DataFrame) -> wm.SweepResult | None:
    if not scenario.uncertainty.parameters and RISK_EXAMPLE.exists():
        scenario = scenario.model_copy(
            update={"uncertainty": wm.load_scenario(RISK_EXAMPLE).uncertainty}
        )
    if not scenario.uncertainty.parameters:
        return None
    return wm.sweep(frame, scenario, samples=RISK_SAMPLES, method="lhs", per_household=True)


def _weighing(
    frame: pd.DataFrame, text: str, done: wm.Outcomes, method: str, with_risk: bool
) -> wm.CriteriaResult:
    chosen = scenario_of(text)
    return wm.criteria(
        frame,
        chosen,
        outcomes=done,
        method=method,
        risk=_risk_sweep(chosen, frame) if with_risk else None,
        n_samples=N_WEIGHTINGS,
    )


def weighed(method: str, with_risk: bool) -> wm.CriteriaResult:
    """The strategies scored on every criterion, equal weights: once per scenario and method."""
    text = scenario_text()
    return cached(
        "criteria",
        (text, method, with_risk),
        lambda: _weighing(stock(), text, outcomes(text), method, with_risk),
    )


def remember_weighing(method: str, with_risk: bool, weights: dict[str, float]) -> None:
    """Keep the weighing the village set on Afwegen for the adviser's export."""
    st.session_state["afw_choice"] = (method, with_risk, dict(weights))


def weighing_later() -> Callable[[], wm.CriteriaResult]:
    """A function giving the weighing as the village last set it on Afwegen (method, the chance
    of paying more, the sliders' weights; before a visit there, equal weights by TOPSIS),
    callable outside the script run as :func:`tables_later` is."""
    method, with_risk, weights = st.session_state.get("afw_choice", ("topsis", False, None))
    text, key, frame = scenario_text(), stock_key(), stock()

    def compute() -> wm.CriteriaResult:
        if key.startswith("upload:"):
            done = wm.evaluate(frame, scenario_of(text))
            base = _weighing(frame, text, done, method, with_risk)
        else:  # the cache Afwegen fills
            base = _shared(
                "criteria",
                (key, text, method, with_risk),
                lambda: _weighing(frame, text, _buurt_outcomes(key, text), method, with_risk),
            )
        return base.reweigh(weights) if weights else base

    return compute
