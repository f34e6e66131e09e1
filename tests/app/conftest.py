"""The app's tests run the pages in this process (AppTest): no first-paint pause there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_first_paint_pause(monkeypatch):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from app_pages import common

    monkeypatch.setattr(common, "FIRST_PAINT_PAUSE_S", 0.0)
