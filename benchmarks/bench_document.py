"""The default village's Wijkuitvoeringsplan (issue 26): ``wupmodel report`` end to end in a
fresh process (target <= 20 s: the model run, the figures, wup.docx, wup.html, wup.pdf where a
Chromium prints it, wup.json and wup_tabellen.xlsx), and its stages in this process.

Run: ``make bench`` (or ``.venv/bin/python -m pytest benchmarks/bench_document.py
--benchmark-only -o python_files="bench_*.py" -s``).
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio


@pytest.mark.parametrize("figures", ["auto", "matplotlib"])
def test_report_end_to_end(benchmark, tmp_path, figures):
    """``wupmodel report`` in a fresh process, imports included (what a user waits for)."""
    out = tmp_path / "wup"

    def run() -> float:
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "wupmodel.cli",
                "report",
                "--out",
                str(out),
                "--figures",
                figures,
            ],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start

    seconds = benchmark.pedantic(run, rounds=2, iterations=1)
    print(f"\nwupmodel report --figures {figures}: {seconds:.1f} s (target <= 20 s)")


@pytest.fixture(scope="module")
def village():
    scenario = wm.load_scenario()
    return wm.stock_for(scenario), scenario


def test_document_model(benchmark, village):
    """The run and the chapters: evaluation, strategies, plan, cooperative, weighing."""
    stock, scenario = village
    doc = benchmark.pedantic(wm.wup_document, (stock, scenario), rounds=3, iterations=1)
    assert len(doc.chapters) == 10


@pytest.mark.parametrize("engine", ["plotly", "matplotlib"])
def test_figures(benchmark, village, engine):
    """The figures as PNG: the app's Plotly figures through kaleido, or matplotlib."""
    if engine == "plotly" and wio.find_browser() is None:
        pytest.skip("no Chromium")
    doc = wm.wup_document(*village)
    images, _note = benchmark.pedantic(wa.document_images, (doc, engine), rounds=2, iterations=1)
    assert len(images) == len(doc.figures())


def test_writers(benchmark, village, tmp_path):
    """wup.docx, wup.html, wup.json, wup_tabellen.xlsx and wup.pdf (where a Chromium is)."""
    doc = wm.wup_document(*village)
    images = wio.draw_figures(doc.figures())
    benchmark.pedantic(
        wio.write_wup_document, (tmp_path / "wup", doc, images), rounds=2, iterations=1
    )
