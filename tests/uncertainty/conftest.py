from __future__ import annotations

import pytest

import wupmodel as wm


@pytest.fixture(scope="session")
def aalden_stock():
    return wm.synthesise_stock("BU01095059")


@pytest.fixture(scope="session")
def small_stock(aalden_stock):
    """A small village: 60 dwellings of Aalden (every type, some tenants)."""
    return aalden_stock.iloc[::13].reset_index(drop=True)
