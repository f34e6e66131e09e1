"""The business case through the sweep engine's design (one input at a time and LHS)."""

from __future__ import annotations

import numpy as np
import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.cli import main


@pytest.fixture(scope="module")
def scenario():
    base = wm.load_scenario()
    data = base.model_dump()
    # the ACM tariff (heat_networks.tariff: acm): with the Wet collectieve warmte's cost-based
    # tariff a set participation breaks even at any cost, and the NPV does not move
    data["heat_networks"] = {**data["heat_networks"], "tariff": "acm"}
    data["uncertainty"] = {
        "parameters": {
            "coop.debt.interest_rate": {"low": 0.05, "high": 0.09},
            "collective.heat_network.main_eur_per_m": {"low": 793, "high": 1300},
            "prices.heat_production_eur_gj": {"low": 0.5, "high": 1.5},
        }
    }
    return type(base)(**data)


def test_one_at_a_time(scenario):
    sens = wm.coop_sweep(
        None,
        scenario,
        method="oat",
        settings={"participation": 0.85},
        participation=(0.7, 1.0),
    )
    assert sens.factors[-1] == "participation" and len(sens.figures) == 1 + 2 * len(sens.factors)
    base = wm.business_case(None, scenario, participation=0.85)
    assert sens.figures["project_npv_eur"].iloc[0] == pytest.approx(
        base.metrics["project_npv_eur"], rel=1e-12
    )
    npv = sens.tornado("project_npv_eur").set_index("factor")
    # the bank's rate does not move the (unlevered) project NPV, a dearer main lowers it, and so do
    # a
    # dearer source and fewer connections
    assert npv.loc["coop.debt.interest_rate", "swing"] == pytest.approx(0.0, abs=1e-6)
    assert (
        npv.loc["collective.heat_network.main_eur_per_m", "output_high"]
        < npv.loc["collective.heat_network.main_eur_per_m", "output_low"]
    )
    assert (
        npv.loc["prices.heat_production_eur_gj", "output_high"]
        < npv.loc["prices.heat_production_eur_gj", "output_low"]
    )
    assert npv.loc["participation", "output_high"] > npv.loc["participation", "output_low"]
    equity = sens.tornado("equity_irr").set_index("factor")
    assert (
        equity.loc["coop.debt.interest_rate", "output_high"]
        < equity.loc["coop.debt.interest_rate", "output_low"]
    )


def test_lhs_samples_and_cli(scenario, tmp_path, capsys):
    sens = wm.coop_sweep(None, scenario, samples=6, settings={"participation": 0.85})
    assert len(sens.figures) == 6 and np.isfinite(sens.figures["min_dscr"]).all()
    with pytest.raises(wm.WupInputError, match="one-at-a-time"):
        sens.tornado()
    path = tmp_path / "unc.yaml"
    path.write_text(wio.dump_scenario(scenario), "utf-8")
    assert (
        main(
            [
                "coop",
                str(path),
                "--participation",
                "0.85",
                "--sensitivity",
                "oat",
                "--out",
                str(tmp_path / "o"),
            ]
        )
        == 0
    )
    assert "one input at a time" in capsys.readouterr().out
    assert (tmp_path / "o" / "coop_sensitivity.csv").exists()


def test_sensitivity_without_uncertainty_writes_nothing(tmp_path, capsys):
    assert main(["coop", "--sensitivity", "oat", "--out", str(tmp_path / "o")]) == 2
    assert "no uncertain parameters" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()
