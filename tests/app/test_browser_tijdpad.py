"""The Tijdpad page in a real browser (as ``test_browser.py``: Debian's chromium through
Playwright, skipped without it except in CI): moving the installer capacity changes the zones ×
years chart; screenshots at 1280 × 800 go to ``tests/app/artifacts/``."""

from __future__ import annotations

import time

import pytest

from .test_browser import ARTIFACTS, TIMINGS, _chart_text, _wait_change, browser, server  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def small_page(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    p = context.new_page()
    p.set_default_timeout(180_000)
    yield p
    context.close()


def test_capacity_slider_moves_the_gantt(small_page, server):  # noqa: F811
    url, _ = server
    page = small_page
    t0 = time.perf_counter()
    page.goto(f"{url}/tijdpad")
    page.get_by_role("heading", name="Tijdpad: wie stapt wanneer over").wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    TIMINGS["tijdpad_first_plan_s"] = [time.perf_counter() - t0]
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "tijdpad_1280x800.png"))
    gantt = page.locator(".js-plotly-plot").first
    gantt.scroll_into_view_if_needed()
    gantt.screenshot(path=str(ARTIFACTS / "tijdpad_gantt.png"))
    page.locator(".js-plotly-plot").nth(1).screenshot(path=str(ARTIFACTS / "tijdpad_years.png"))
    before = _chart_text(page, 0)
    assert "kern" in before
    thumb = page.get_by_role("slider").first  # installers: heat pumps a year
    thumb.focus()
    t1 = time.perf_counter()
    thumb.press("End")
    _wait_change(page, 0, before, timeout_s=180)
    TIMINGS["tijdpad_capacity_move_s"] = [time.perf_counter() - t1]
    assert _chart_text(page, 0) != before
    page.wait_for_timeout(500)
    gantt.screenshot(path=str(ARTIFACTS / "tijdpad_gantt_capacity_max.png"))
