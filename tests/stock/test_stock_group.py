"""Property tests: random valid frames validate; grouping and ungrouping round-trip."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.stock import (
    DWELLING_TYPE_SPELLINGS,
    TENURE_SPELLINGS,
    group_stock,
    synthesise_stock,
    validate_stock,
)
from wupmodel.vocabulary import DWELLING_TYPES

ATTRIBUTES = [
    "dwelling_type",
    "construction_year",
    "floor_area_m2",
    "energy_label",
    "gas_m3",
    "electricity_kwh",
    "roof_area_m2",
    "tenure",
    "household_income_eur",
    "heat_network_zone",
    "grid_zone",
]

# few distinct values per column, so that identical dwellings (groups) are common
type_spelling = st.sampled_from([s for v in DWELLING_TYPE_SPELLINGS.values() for s in v[:4]])
tenure_spelling = st.sampled_from(
    [None, "", *[s for v in TENURE_SPELLINGS.values() for s in v[:3]]]
)
row = st.fixed_dictionaries(
    {
        "type": type_spelling,
        "bouwjaar": st.sampled_from([1500, 1905, 1975, 2019]),
        "oppervlakte": st.sampled_from([15, 80, 120.5, 2000, "95,5"]),
        "label": st.sampled_from([None, "", "a", "C", "g", "A++++"]),
        "gas": st.sampled_from([None, 0, 1250.0, 20000]),
        "elektriciteit": st.sampled_from([None, 2500]),
        "dakoppervlak": st.sampled_from([None, 40.0]),
        "eigendom": tenure_spelling,
        "inkomen": st.sampled_from([None, 0, 35000.0]),
        "warmtenet": st.sampled_from([None, "", "kern"]),
        "netzone": st.sampled_from([None, "lv1", "lv2"]),
        "aantal": st.sampled_from([None, 1, 3]),
    }
)


def to_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", [f"w{i}" for i in range(len(rows))])
    return frame


def same_attributes(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """Row-wise equality of the attribute columns with missing == missing."""
    equal = np.ones(len(a), dtype=bool)
    for col in ATTRIBUTES:
        x = a[col].astype(object).to_numpy()
        y = b[col].astype(object).to_numpy()
        both_missing = pd.isna(x) & pd.isna(y)
        equal &= both_missing | (x == y)
    return equal


@settings(max_examples=25, deadline=None)  # ~4 validations per example; keeps it ~1-2 s
@given(st.lists(row, min_size=1, max_size=40))
def test_random_valid_frames_validate_and_group_round_trips(rows: list[dict[str, object]]) -> None:
    stock = validate_stock(to_frame(rows))
    assert len(stock) == len(rows)
    assert set(stock["dwelling_type"].astype(str)) <= set(DWELLING_TYPES)
    expected_counts = [1 if r["aantal"] is None else r["aantal"] for r in rows]
    assert stock["count"].tolist() == expected_counts
    pd.testing.assert_frame_equal(validate_stock(stock), stock)  # idempotent

    groups, mapping = group_stock(stock)
    assert mapping.shape == (len(stock),) and mapping.dtype == np.int64
    assert groups["group_id"].tolist() == list(range(len(groups)))
    # sum of counts preserved, per group and in total
    assert groups["count"].sum() == stock["count"].sum()
    per_group = np.bincount(mapping, weights=stock["count"].to_numpy(), minlength=len(groups))
    assert (per_group == groups["count"].to_numpy()).all()
    # every row maps to a group with identical attributes (ungroup = take groups by mapping)
    expanded = groups.iloc[mapping].reset_index(drop=True)
    assert same_attributes(stock, expanded).all()
    # groups are distinct: no two groups have identical attributes
    ids_again = group_stock(groups.drop(columns="group_id"))[1]
    assert (ids_again == np.arange(len(groups))).all()
    # the groups frame is itself a valid stock
    regrouped = validate_stock(groups.drop(columns="group_id"))
    assert regrouped["count"].sum() == stock["count"].sum()


def test_grouping_treats_missing_as_equal_and_keeps_first_appearance_order() -> None:
    frame = validate_stock(
        pd.DataFrame(
            {
                "dwelling_id": ["a", "b", "c", "d", "e"],
                "dwelling_type": ["hoek", "vrijstaand", "hoek", "hoek", "vrijstaand"],
                "construction_year": [1975, 1930, 1975, 1975, 1930],
                "floor_area_m2": [110, 150, 110, 110, 151],
                "energy_label": [None, "G", None, "C", "G"],
                "count": [1, 2, 4, 1, 1],
            }
        )
    )
    groups, mapping = group_stock(frame)
    # a and c are identical (label missing in both); b and e differ in floor area
    assert mapping.tolist() == [0, 1, 0, 2, 3]
    assert groups["count"].tolist() == [5, 2, 1, 1]
    assert groups["dwelling_id"].tolist() == [
        "group-00001",
        "group-00002",
        "group-00003",
        "group-00004",
    ]


@pytest.mark.parametrize(
    "drop", [[], ["construction_year", "floor_area_m2", "household_income_eur"]]
)
def test_grouping_a_synthesised_village(drop: list[str]) -> None:
    stock = synthesise_stock("BU01095059", seed=2)
    if drop:  # make dwellings coarser, as an optimisation run would
        stock = stock.assign(
            construction_year=2000, floor_area_m2=100.0, household_income_eur=np.nan
        )
    groups, mapping = group_stock(stock)
    assert groups["count"].sum() == 758
    assert same_attributes(stock, groups.iloc[mapping].reset_index(drop=True)).all()
    if drop:
        assert len(groups) < 758 / 2
