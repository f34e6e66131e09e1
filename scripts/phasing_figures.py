"""The README's time-path figures: the default village's plan with the packaged settings (their
CO2 path: 27/56/84 % less CO2 than keeping gas in 2030/2040/2050), its zones × years chart and
its switches per year, as PNG files in ``docs/img/``.

Plotly draws them in Debian's chromium (through Playwright, offline: the figure's HTML carries
plotly.js), the same browser the app's browser tests use. Also writes the plan's yearly table
and zones as CSV beside them, for ``docs/phasing.md``.

Usage: ``python scripts/phasing_figures.py`` (about a minute).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import wupmodel as wm
import wupmodel.app as wa

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"


def main() -> None:
    from playwright.sync_api import sync_playwright

    scenario = wm.load_scenario()
    plan = wm.phase(wm.stock_for(scenario), scenario)
    OUT.mkdir(parents=True, exist_ok=True)
    plan.yearly.to_csv(OUT / "phasing_yearly.csv", index=False)
    plan.zones.to_csv(OUT / "phasing_zones.csv", index=False)
    plan.binding.to_csv(OUT / "phasing_binding.csv", index=False)
    figures = {
        "phasing_gantt": wa.gantt_chart(plan.zones, plan.years, "en"),
        "phasing_years": wa.yearly_bars(plan.yearly, "en"),
    }
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1000, "height": 600})
        for name, fig in figures.items():
            html = Path(tmp) / f"{name}.html"
            fig.update_layout(width=980)
            html.write_text(fig.to_html(include_plotlyjs=True, full_html=True), "utf-8")
            page.goto(html.as_uri())
            page.locator(".js-plotly-plot").first.wait_for()
            page.locator(".js-plotly-plot").first.screenshot(path=str(OUT / f"{name}.png"))
        browser.close()
    print(plan.status, plan.objective_eur, plan.gap)


if __name__ == "__main__":
    main()
