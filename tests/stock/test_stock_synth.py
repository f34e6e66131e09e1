"""Synthesis of a buurt's dwelling table (wupmodel.stock.synth)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.errors import WupInputError
from wupmodel.params import packaged_table
from wupmodel.stock import (
    PERIODS,
    SEED_LABELS,
    STOCK_COLUMNS,
    buurt_label_counts,
    controlled_round,
    income_means_eur,
    ipf,
    largest_remainder,
    lognormal_gini,
    pooled_ipf_shares,
    synthesise_stock,
    validate_stock,
)
from wupmodel.vocabulary import CONSTRUCTION_PERIODS, DWELLING_TYPES, TENURES

AALDEN = "BU01095059"


@pytest.fixture(scope="module")
def aalden() -> pd.DataFrame:
    return synthesise_stock(AALDEN, seed=0)


def periods_of(years: pd.Series) -> pd.Series:
    edges = [p[1] for p in CONSTRUCTION_PERIODS[1:]]
    return pd.Series(np.asarray(PERIODS)[np.searchsorted(edges, years.to_numpy(), side="right")])


# ------------------------------------------------------------------------------------------
# Aalden: the published marginals, reproduced exactly


def test_aalden_type_and_period_counts_exact(aalden: pd.DataFrame) -> None:
    # PBL Startanalyse 2020 row for BU01095059 (shared data README and buurten.csv):
    # 758 dwellings; 313 vrijstaand, 189 twee onder een kap, 84 hoek, 125 tussen,
    # 47 meergezins laag, 0 meergezins hoog; periods 47/12/107/187/211/147/47.
    assert len(aalden) == 758
    by_type = aalden["dwelling_type"].value_counts().reindex(DWELLING_TYPES).tolist()
    assert by_type == [313, 189, 84, 125, 47, 0]
    by_period = periods_of(aalden["construction_year"]).value_counts().reindex(PERIODS)
    assert by_period.tolist() == [47, 12, 107, 187, 211, 147, 47]


def test_aalden_label_counts_match_hand_calculation(aalden: pd.DataFrame) -> None:
    # Aalden label % registered + provisional (CSV row): A 7+5=12, B 7+13=20, C 16+19=35,
    # D 3+13=16, E 1+0=1, F 1+8=9, G 1+6=7 -> sum 100; all 758 dwellings have a label record.
    # 758 x share = 90.96, 151.6, 265.3, 121.28, 7.58, 68.22, 53.06 -> floors 90 151 265 121 7
    # 68 53 (sum 755); the 3 largest remainders (.96 A, .60 B, .58 E) get +1.
    expected = {"A": 91, "B": 152, "C": 265, "D": 121, "E": 8, "F": 68, "G": 53}
    got = aalden["energy_label"].value_counts()
    assert {k: int(got[k]) for k in expected} == expected
    assert aalden["energy_label"].notna().all()
    assert int(got[["A++++", "A+++", "A++", "A+"]].sum()) == 0


def test_aalden_other_columns(aalden: pd.DataFrame) -> None:
    assert tuple(aalden.columns) == STOCK_COLUMNS
    assert aalden["dwelling_id"].iloc[0] == "BU01095059-0001"
    assert aalden["dwelling_id"].iloc[-1] == "BU01095059-0758"
    assert (aalden["count"] == 1).all()
    assert aalden["gas_m3"].isna().all() and aalden["roof_area_m2"].isna().all()
    years = aalden["construction_year"]
    assert years.min() >= 1900 and years.max() <= 2019
    assert aalden["tenure"].notna().all() and aalden["household_income_eur"].notna().all()
    # grid zones: 758 = 253 + 253 + 252
    assert sorted(aalden["grid_zone"].value_counts().tolist()) == [252, 253, 253]


def test_aalden_tenure_counts_follow_the_table(aalden: pd.DataFrame) -> None:
    # vrijstaand: 313 x (0.9042, 0.0400, 0.0558) = 283.01, 12.52, 17.47 -> 283, 12, 17 (312);
    # the largest remainder (.52) gives huur_corporatie the last one -> 283, 13, 17.
    vrij = aalden.loc[aalden["dwelling_type"] == "vrijstaand", "tenure"].value_counts()
    assert [int(vrij[t]) for t in TENURES] == [283, 13, 17]
    # rental is more likely in terraced houses and apartments than in detached houses
    rent = (aalden["tenure"] != "koop").groupby(aalden["dwelling_type"], observed=True).mean()
    assert rent["vrijstaand"] < rent["twee_onder_een_kap"] < rent["tussenwoning"]
    assert rent["tussenwoning"] < rent["meergezins_laag"]


def test_aalden_heat_network_zone(aalden: pd.DataFrame) -> None:
    kern = aalden["heat_network_zone"] == "kern"
    by_type = kern.groupby(aalden["dwelling_type"], observed=True).sum()
    # all 84 + 125 + 47 terraced/multi-family; 0.25 x 313 = 78.25 -> 78; 0.5 x 189 = 94.5 -> 94
    # (round half to even)
    assert by_type.to_dict() == {
        "vrijstaand": 78,
        "twee_onder_een_kap": 94,
        "hoekwoning": 84,
        "tussenwoning": 125,
        "meergezins_laag": 47,
    }
    assert (aalden.loc[~kern, "heat_network_zone"] == "").all()  # not in a zone


def test_aalden_floor_areas(aalden: pd.DataFrame) -> None:
    means = packaged_table("stock_floor_area").set_index(["dwelling_type", "period"])
    cell_mean = means.loc[
        list(
            zip(
                aalden["dwelling_type"].astype(str),
                periods_of(aalden["construction_year"]),
                strict=True,
            )
        ),
        "floor_area_m2",
    ].to_numpy()
    ratio = aalden["floor_area_m2"].to_numpy() / cell_mean
    # lognormal factor with mean 1 and cv 0.25: the mean of 758 draws is 1 within 3 standard
    # errors (3 x 0.25 / sqrt(758) = 0.027; clipping and rounding to whole m2 add < 0.005)
    assert abs(ratio.mean() - 1.0) < 0.03
    assert ratio.min() >= 0.5 - 0.01 and ratio.max() <= 2.0 + 0.01  # clip, then whole m2
    assert np.all(aalden["floor_area_m2"] == np.rint(aalden["floor_area_m2"]))


def test_deterministic_and_seed_dependent(aalden: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(synthesise_stock(AALDEN, seed=0), aalden)
    other = synthesise_stock(AALDEN, seed=1)
    assert not other["floor_area_m2"].equals(aalden["floor_area_m2"])
    assert not other["construction_year"].equals(aalden["construction_year"])
    # the published counts do not depend on the seed
    assert other["dwelling_type"].value_counts().equals(aalden["dwelling_type"].value_counts())
    assert other["energy_label"].value_counts().equals(aalden["energy_label"].value_counts())


def test_result_is_a_valid_stock(aalden: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(validate_stock(aalden), aalden)


# ------------------------------------------------------------------------------------------
# other buurten


def test_many_buurten_reproduce_their_marginals() -> None:
    buurten = packaged_table("buurten_drenthe_2020")
    inhabited = buurten.loc[buurten["dwellings"] > 0]
    sample = pd.concat(
        [
            inhabited.iloc[::80],
            inhabited.nlargest(1, "dwellings"),
            inhabited.loc[inhabited["type_meergezins_hoog"] > 0].head(2),
        ]
    )
    for _, row in sample.iterrows():
        out = synthesise_stock(row["buurt_code"], seed=3)
        assert len(out) == row["dwellings"]
        types = out["dwelling_type"].value_counts().reindex(DWELLING_TYPES).to_numpy()
        assert (types == row[[f"type_{t}" for t in DWELLING_TYPES]].to_numpy()).all()
        periods = periods_of(out["construction_year"]).value_counts().reindex(PERIODS, fill_value=0)
        assert (periods.to_numpy() == row[[f"period_{p}" for p in PERIODS]].to_numpy()).all()
        labels, unknown = buurt_label_counts(row)
        got = out["energy_label"].value_counts().reindex(SEED_LABELS).to_numpy()
        assert (got == labels).all() and out["energy_label"].isna().sum() == unknown


def test_buurt_with_unlabelled_dwellings() -> None:
    buurten = packaged_table("buurten_drenthe_2020")
    row = buurten.loc[buurten["pct_with_label"] < 70].iloc[0]
    out = synthesise_stock(row["buurt_code"])
    unknown = int(row["dwellings"] - row["dwellings_with_label_record"])
    assert unknown > 0 and out["energy_label"].isna().sum() == unknown


def test_unknown_buurt_suggests_close_codes() -> None:
    with pytest.raises(WupInputError, match=r"did you mean .*BU01095059 \(Aalden, Coevorden\)"):
        synthesise_stock("BU0109505")  # a digit short
    with pytest.raises(WupInputError, match=r"BU01095059 \(Aalden"):
        synthesise_stock("Aalden")
    with pytest.raises(WupInputError, match="unknown buurt code 'XYZ'"):
        synthesise_stock("XYZ")


def test_buurt_without_dwellings() -> None:
    with pytest.raises(WupInputError, match="no dwellings"):
        synthesise_stock("BU01060505")  # Lauwers, Assen: 0 dwellings in the PBL table


def test_code_is_case_insensitive() -> None:
    assert synthesise_stock("bu01095059").attrs["synthesised_from"]["buurt_name"] == "Aalden"


# ------------------------------------------------------------------------------------------
# packaged seed tables and assumptions, checked against outside figures


def test_seed_tables_are_the_fixed_point_of_the_documented_estimator() -> None:
    # One more pooled-IPF step from the packaged (4-decimal) P(type | period) must return it:
    # the table is what derive_seed_tables computes. Tolerance 2e-3: 4-decimal rounding moves
    # each share by <= 5e-5, one step moves a near-fixed point by about as much.
    buurten = packaged_table("buurten_drenthe_2020")
    b = buurten.loc[buurten["dwellings"] > 0]
    periods = b[[f"period_{p}" for p in PERIODS]].to_numpy(float)
    types = b[[f"type_{t}" for t in DWELLING_TYPES]].to_numpy(float)
    seed = (
        packaged_table("stock_type_period_seed")
        .pivot(index="period", columns="dwelling_type", values="share")
        .loc[list(PERIODS), list(DWELLING_TYPES)]
    )
    step = pooled_ipf_shares(periods, types, max_iter=1, initial=seed.to_numpy())
    assert np.abs(step - seed.to_numpy()).max() < 2e-3
    # the seed reproduces the Drenthe type totals of the PBL table (221,897 dwellings) to 0.5 %
    implied = periods.sum(axis=0) @ seed.to_numpy()
    assert np.allclose(implied, types.sum(axis=0), rtol=0.005)


def test_label_seed_gets_worse_with_age_and_matches_vesta_defaults() -> None:
    phi = (
        packaged_table("stock_label_period_seed")
        .pivot(index="period", columns="energy_label", values="share")
        .loc[list(PERIODS), list(SEED_LABELS)]
    )
    assert np.allclose(phi.sum(axis=1), 1.0, atol=2e-4)
    mean_index = phi.to_numpy() @ np.arange(len(SEED_LABELS))  # 0 = A ... 6 = G
    assert np.all(np.diff(mean_index) < 0)  # every newer period has better labels
    # PBL Vesta MAIS ASA2025, 20241112_Woningen_BAG.csv, column Default_label for vrijstaand:
    # 1965-1974 D, 1975-1991 C, 1992-2005 B, 2006 and later A (independent of the 2020 labels)
    modal = phi.idxmax(axis=1)
    assert modal[["1965_1974", "1975_1991", "1992_2005", "2006_later"]].tolist() == [
        "D",
        "C",
        "B",
        "A",
    ]
    assert set(modal[["pre1930", "1930_1945"]]) <= {"F", "G"}


def test_tenure_table_reproduces_cbs_drenthe_shares() -> None:
    # CBS StatLine 82900NED, Drenthe 1-1-2023: 150,708 koop, 55,285 corporatie, 21,688 other
    # landlords of 227,907 (226 unknown). Applied to the Drenthe type mix of the PBL table.
    buurten = packaged_table("buurten_drenthe_2020")
    mix = buurten[[f"type_{t}" for t in DWELLING_TYPES]].sum().to_numpy(float)
    mix /= mix.sum()
    shares = (
        packaged_table("stock_tenure_by_type")
        .pivot(index="dwelling_type", columns="tenure", values="share")
        .loc[list(DWELLING_TYPES), list(TENURES)]
    )
    assert np.allclose(shares.sum(axis=1), 1.0, atol=2e-4)
    known = 227_907 - 226
    target = np.array([150_708, 55_285, 21_688]) / known
    assert np.allclose(mix @ shares.to_numpy(), target, atol=1e-3)  # 4-decimal table rounding


def test_income_means_hand_calculation() -> None:
    s = packaged_table("stock_synthesis").set_index("parameter")["value"].to_dict()
    owner, corp, private = income_means_eur(s)
    # Drenthe mean 48,500 x 28.1/29.4 = 46,355.8; r = 41.3/23.3 = 1.772532;
    # owner = 46,355.8 x r / (0.6619 r + 0.3381) = 54,367; tenant = owner / r = 30,672
    drenthe = 48_500 * 28.1 / 29.4
    r = 41.3 / 23.3
    assert owner == pytest.approx(drenthe * r / (0.6619 * r + 0.3381), rel=1e-3)
    assert owner == pytest.approx(54_367, abs=30)
    assert corp == private == pytest.approx(30_672, abs=30)
    # the Drenthe owner share weights the two means back to the Drenthe mean
    assert 0.6619 * owner + 0.3381 * corp == pytest.approx(drenthe, rel=1e-3)


def test_income_sigma_reproduces_cbs_gini() -> None:
    # CBS 83739NED 2021: Gini of standardised household income 0.292. A Monte Carlo sample of
    # the owner/tenant mixture (owner share 0.5712, mean ratio 41.3/23.3) with the packaged
    # log-sd must have that Gini; 2 x 200,000 draws give a standard error of about 0.001.
    sigma = float(
        packaged_table("stock_synthesis").set_index("parameter").loc["income_sigma", "value"]
    )
    rng = np.random.default_rng(42)
    share, ratio, n = 0.5712, 41.3 / 23.3, 200_000
    owners = ratio * rng.lognormal(-(sigma**2) / 2, sigma, int(n * share / (1 - share)))
    tenants = rng.lognormal(-(sigma**2) / 2, sigma, n)
    x = np.sort(np.concatenate([owners, tenants]))
    k = np.arange(1, x.size + 1)
    gini = (2 * np.sum(k * x) / (x.size * x.sum())) - (x.size + 1) / x.size
    assert gini == pytest.approx(0.292, abs=0.004)


def test_floor_area_table_uses_rvo_voorbeeldwoningen() -> None:
    t = packaged_table("stock_floor_area").set_index(["dwelling_type", "period"])["floor_area_m2"]
    # RVO Voorbeeldwoningen 2022, gebruiksoppervlak (m2) of the median variants:
    assert t["vrijstaand", "1975_1991"] == 161.0
    assert t["vrijstaand", "pre1930"] == 153.28  # class <1965
    assert t["tussenwoning", "1965_1974"] == 114.9
    assert t["hoekwoning", "1946_1964"] == 100.9
    assert t["twee_onder_een_kap", "2006_later"] == 152.35  # class 2006-2014
    assert t["meergezins_laag", "1965_1974"] == 80.0  # CBS mean of multi-family dwellings


def test_every_packaged_stock_table_row_has_source_and_year() -> None:
    for name in (
        "stock_type_period_seed",
        "stock_label_period_seed",
        "stock_floor_area",
        "stock_tenure_by_type",
        "stock_synthesis",
        "buurten_drenthe_2020",
    ):
        t = packaged_table(name)
        assert t["source"].notna().all() and (t["source"].str.len() > 20).all(), name
        assert t["year"].between(2000, 2030).all(), name


# ------------------------------------------------------------------------------------------
# building blocks


def test_largest_remainder_hand_example() -> None:
    # 10 x (0.47, 0.33, 0.20) = 4.7, 3.3, 2.0 -> floors 4, 3, 2 (9); the largest remainder (.7)
    # gets the last one -> 5, 3, 2
    assert largest_remainder(np.array([47, 33, 20]), 10).tolist() == [5, 3, 2]
    assert largest_remainder(np.array([1, 1, 1]), 2).tolist() == [1, 1, 0]  # ties: lower index
    assert largest_remainder(np.array([0, 0]), 0).tolist() == [0, 0]


def test_ipf_independence_hand_example() -> None:
    # a uniform seed fitted to rows (30, 70) and columns (40, 60) gives the independence table
    # r_i c_j / N: 12, 18 / 28, 42
    fitted = ipf(np.ones((2, 2)), np.array([30.0, 70.0]), np.array([40.0, 60.0]))
    assert np.allclose(fitted, [[12, 18], [28, 42]])


def test_lognormal_gini_closed_form() -> None:
    # Gini of a lognormal = 2 Phi(sigma / sqrt 2) - 1 (Aitchison & Brown); checked against a
    # sorted Monte Carlo sample (2e5 draws: standard error < 0.002)
    rng = np.random.default_rng(7)
    for sigma in (0.2, 0.5, 1.0):
        x = np.sort(rng.lognormal(0.0, sigma, 200_000))
        k = np.arange(1, x.size + 1)
        sample = 2 * np.sum(k * x) / (x.size * x.sum()) - (x.size + 1) / x.size
        assert lognormal_gini(sigma) == pytest.approx(sample, abs=0.006)
    assert lognormal_gini(1.0) == pytest.approx(0.5205, abs=1e-4)  # erf(0.5), tabulated


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 6), st.integers(2, 7), st.integers(0, 2**32 - 1))
def test_controlled_round_keeps_margins(n_rows: int, n_cols: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 12, size=(n_rows, n_cols))
    rows, cols = truth.sum(axis=1), truth.sum(axis=0)
    fractional = ipf(rng.uniform(0.05, 1.0, size=(n_rows, n_cols)), rows, cols)
    rounded = controlled_round(fractional, rows, cols)
    assert (rounded.sum(axis=1) == rows).all() and (rounded.sum(axis=0) == cols).all()
    assert np.all(rounded >= np.floor(fractional - 1e-6))
    assert np.all(rounded <= np.ceil(fractional + 1e-6))
