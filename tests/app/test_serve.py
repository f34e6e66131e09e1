"""serve.py's warm-up: the default village's first page is computed before anyone asks, into
the very caches the pages read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import wupmodel as wm

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _in_project(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))


def test_first_page_answers_from_the_warm_up(monkeypatch):
    from app_pages.common import warm_default

    st.cache_resource.clear()
    warm_default()

    def no_evaluation(*args, **kwargs):
        raise AssertionError(
            "the first page evaluated the village again instead of using the warm-up"
        )

    monkeypatch.setattr(wm, "evaluate", no_evaluation)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert [m.label for m in at.metric][:1] == ["Woningen"]
    assert at.metric[0].value == "758"


def test_without_the_warm_up_the_page_evaluates(monkeypatch):
    """The check above can fail: with cold caches the same page needs wm.evaluate."""
    st.cache_resource.clear()
    called = []
    real = wm.evaluate
    monkeypatch.setattr(wm, "evaluate", lambda *a, **k: called.append(1) or real(*a, **k))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception and called


def test_serve_runs_streamlit_on_app_py(monkeypatch):
    """serve.py hands its options to ``streamlit run app.py`` and starts the warm-up beside it."""
    import threading

    import serve

    monkeypatch.setattr(sys, "argv", list(sys.argv))  # serve.main sets it; restored after the test
    seen = {}
    warmed = threading.Event()
    monkeypatch.setattr(
        "streamlit.web.cli.main", lambda: seen.setdefault("argv", list(sys.argv)) and 0
    )
    monkeypatch.setattr(serve, "_warm", warmed.set)
    assert serve.main(["--server.port", "8599"]) == 0
    assert seen["argv"] == ["streamlit", "run", str(ROOT / "app.py"), "--server.port", "8599"]
    assert warmed.wait(10)
