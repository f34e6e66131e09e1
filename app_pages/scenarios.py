"""Scenario's: the main assumptions as controls (their values in the reader's language, their
sources in words), up to four kept scenarios side by side with the assumptions that differ in
words, and a scenario as YAML to download or open."""

from __future__ import annotations

import hashlib

import streamlit as st

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio
from app_pages import common as ui

L = ui.lang()
ui.header()
st.title(ui.tr("scen_title"))
st.write(ui.tr("scen_intro"))


@st.cache_resource(show_spinner=False, max_entries=32)
def start_values(text: str) -> dict:
    return wa.control_values(ui.scenario_of(text))


@st.cache_resource(show_spinner=False, max_entries=64)
def options(key: str, start: float, lang: str) -> dict[float, str]:
    """A control's values and how each is written (formatted once, not on every move)."""
    control = next(c for c in wa.CONTROLS if c.key == key)
    return {v: wa.control_text(control, v, lang) for v in wa.control_options(control, start)}


def source_help(key: str) -> str:
    line = wa.source_lines([wa.CONTROL_SOURCES[key]], L)[0]
    return f"{ui.tr('source')}: {line}"


def control(c, start: dict, tag: str) -> float | str:  # c: one of wa.CONTROLS
    key = f"ctl:{c.key}:{tag}"
    if c.kind == "choice":
        return ui.choose(
            st.radio,
            ui.tr(c.label),
            c.choices,
            key,
            default=start[c.key],
            horizontal=True,
            fmt=lambda v: wa.t(f"fin_{v}", L),
            help=source_help(c.key),
        )
    # a select slider shows each value as the reader writes it (0,51 in Dutch, not 0.51)
    words = options(c.key, float(start[c.key]), L)
    return st.select_slider(
        ui.tr(c.label),
        list(words),
        value=float(start[c.key]),
        format_func=words.get,
        key=key,
        help=source_help(c.key),
    )


@st.fragment
def controls_and_result() -> None:
    if "base_yaml" not in st.session_state:
        st.session_state["base_yaml"] = ui.scenario_text()
    base = ui.base_text()
    tag = hashlib.sha256(base.encode("utf-8")).hexdigest()[:12]
    start = start_values(base)
    left, right = st.columns([2, 3]) if not ui.presenting() else ui.columns(2)
    with left:
        values = {c.key: control(c, start, tag) for c in wa.CONTROLS}
    try:
        new = wa.apply_controls(ui.scenario_of(base), values)
    except wm.WupInputError as err:
        ui.fail(err)
        return
    ui.set_scenario(new)
    summary = ui.summary()
    with right:
        st.subheader(ui.tr("result_village"))
        ui.chart(
            wa.strategy_bars(summary, "monthly_cost_change_avg_eur", wa.t("monthly_chart", L), L)
        )
        ui.chart(wa.strategy_bars(summary, "national_eur_per_t_co2", wa.t("national_chart", L), L))
        note = wa.transfer_note(ui.summary(base), summary, L)
        if note:
            st.info(note)
        ui.chart(wa.strategy_bars(summary, "co2_t", wa.t("co2_chart", L), L))


controls_and_result()

st.divider()
kept: dict = st.session_state.setdefault("kept", {})
c1, c2 = st.columns([3, 1])
name = c1.text_input(  # a new field after each kept scenario: it offers the next number
    ui.tr("keep_as"),
    value=f"{ui.tr('current_scenario')} {len(kept) + 1}",
    key=f"keep_name:{len(kept)}",
)
if c2.button(ui.tr("keep"), type="primary", key="keep"):
    if name not in kept and len(kept) >= ui.MAX_KEPT:
        kept.pop(next(iter(kept)))
        st.info(ui.tr("max_four"))
    kept[name] = ui.scenario_text()
    st.rerun()

st.header(ui.tr("compare_title"))
if len(kept) < 2:
    st.info(ui.tr("compare_need_two"))
else:
    st.write(f"{ui.tr('kept')}: " + ", ".join(ui.plain(k) for k in kept))
    summaries = {n: ui.summary(text) for n, text in kept.items()}
    left, right = ui.columns(2)
    with left:
        st.subheader(ui.tr("perspective_end_user"))
        ui.chart(wa.compare_chart(summaries, "monthly_cost_change_avg_eur", L))
    with right:
        st.subheader(ui.tr("perspective_national"))
        ui.chart(wa.compare_chart(summaries, "national_extra_eur_per_yr", L))
        first, *others = summaries.values()
        notes = [wa.transfer_note(first, other, L) for other in others]
        if all(notes):  # residents pay differently, the Netherlands does not
            st.info(notes[0])
    compared = wa.compare_tables([ui.tables(text) for text in kept.values()], list(kept))
    st.subheader(ui.tr("differing"))
    ui.show(
        wa.assumptions_in_words(
            {n: ui.scenario_of(text) for n, text in kept.items()},
            compared["assumptions_differing"],
            L,
        )
    )

st.divider()
c1, c2, c3 = st.columns(3)
c1.download_button(
    ui.tr("download_yaml"),
    ui.scenario_text().encode("utf-8"),
    file_name=ui.village().file_name("scenario", "yaml"),
    mime="application/x-yaml",
)
if c3.button(ui.tr("reset"), key="reset"):
    ui.reset_scenario()  # the default assumptions, for the village shown
    st.rerun()
up = c2.file_uploader(ui.tr("upload_yaml"), type=["yaml", "yml"], key="yaml_upload")
if up is not None:
    data = up.getvalue()
    try:
        if len(data) > 1_000_000:
            raise wm.WupInputError(f"{up.name}: a scenario file is at most 1 MB")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise wm.WupInputError(f"{up.name}: not UTF-8 text") from None
        opened = wio.scenario_from_text(text, up.name)
    except wm.WupInputError as err:
        ui.fail(err)
    else:
        if st.session_state.get("opened_yaml") != data:
            st.session_state["opened_yaml"] = data
            ui.set_scenario(opened, base=True)  # its assumptions, for the village shown
            st.rerun()
        st.success(f"{ui.tr('yaml_loaded')}: {ui.plain(opened.name)}")
        theirs = wa.VillageChoice.of_scenario(opened)
        if theirs.key != ui.village().key and not opened.village.stock_file:
            st.info(
                ui.tr("yaml_other_village").format(
                    other=ui.plain(theirs.name), here=ui.plain(ui.village_name())
                )
            )
            if st.button(ui.tr("yaml_use_village").format(other=theirs.name), key="yaml_village"):
                try:
                    ui.set_village(theirs)
                except wm.WupInputError as err:
                    ui.fail(err)
                else:
                    st.rerun()
ui.sources("scenarios")
