"""One translation of a scenario: :class:`ModelInputs`, what every stage computes with.

A :class:`~wupmodel.scenario.Scenario` is what the user wrote (YAML, ``--set``, the app's
controls). :func:`model_inputs` turns it, once, into plain numbers: the packaged parameters
with every override applied (``parameters:`` and the finance block's rates), the price and
tax paths per year, the finance settings, the catalogue of options and the households'
default incomes. ``evaluate``, the money stage, ``optimise``, ``business_case``, the sweeps
and the summary tables take these; none of them reads the scenario's fields again.

The inputs do not depend on a stock, so one :class:`ModelInputs` serves a batch of hundreds
of buurten; what depends on the dwellings (their zones, their own incomes) stays with the
stock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from wupmodel.money.settings import FinanceSettings, MoneyContext
from wupmodel.money.tariffs import PathOptions, TariffPaths, tariff_paths
from wupmodel.options import Catalogue, build_catalogue
from wupmodel.params import Params
from wupmodel.scenario import PhasingChoice, Scenario, Targets
from wupmodel.stock.synth import income_means_eur, synthesis_scalars

__all__ = ["ModelInputs", "as_inputs", "model_inputs"]


@dataclass(frozen=True)
class ModelInputs:
    """A scenario translated into what the model computes with (built by :func:`model_inputs`).

    Attributes
    ----------
    scenario
        The scenario it was built from: its name, targets and the origins of its overrides
        (for the provenance and the assumptions tables); its numbers are already below.
    params
        Packaged defaults with every override of the scenario applied once.
    catalogue
        The options every dwelling is evaluated against.
    tariffs
        Price, tax and CO2-intensity paths per year of the horizon.
    finance
        Rates, horizon, financing and rent rules.
    default_income_eur
        Yearly disposable household income per tenure (EUR/yr), for dwellings whose stock row
        has none (the Drenthe means of CBS, as in the synthetic stock).
    price_overrides
        The price-path overrides ``tariffs`` were built with (the scenario's ``prices:``, or a
        sample's).
    rent_tariffs, rent_price_overrides
        The paths on which a landlord sets the rent (the expected saving when the rent is
        agreed) and their overrides; ``None`` = ``tariffs``.
    options
        The scenario's choices the paths were built with: the ETS2 path, the heat networks'
        sources, the household heat tariff (Wcw cost-based or the ACM cap), the owners'
        financing and the WIS (:class:`~wupmodel.money.tariffs.PathOptions`).
    """

    scenario: Scenario
    params: Params
    catalogue: Catalogue
    tariffs: TariffPaths
    finance: FinanceSettings
    default_income_eur: np.ndarray
    price_overrides: Mapping[str, object]
    rent_tariffs: TariffPaths | None = None
    rent_price_overrides: Mapping[str, object] | None = None
    options: PathOptions = PathOptions()

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.scenario.name

    @property
    def start_year(self) -> int:
        """Price year and first year of the horizon."""
        return int(self.tariffs.years[0])

    @property
    def end_year(self) -> int:
        """Last year of the horizon."""
        return int(self.tariffs.years[-1])

    @property
    def horizon_years(self) -> int:
        """Years from the first to the last year, both included."""
        return self.finance.horizon_years

    @property
    def social_rate(self) -> float:
        """The national (social) discount rate (fraction)."""
        return self.finance.social_rate

    @property
    def targets(self) -> Targets:
        """What the optimiser must reach or respect."""
        return self.scenario.targets

    @property
    def phasing(self) -> PhasingChoice:
        """The time path's settings as the scenario gives them (``wupmodel phase``)."""
        return self.scenario.phasing

    @property
    def money(self) -> MoneyContext:
        """What the money stage needs (tariffs, finance settings, parameters, incomes)."""
        return MoneyContext(
            self.tariffs,
            self.finance,
            self.params,
            self.default_income_eur,
            rent_tariffs=self.rent_tariffs,
        )

    def with_params(self, params: Params) -> ModelInputs:
        """The same scenario and prices with other parameters (a sensitivity sample)."""
        return model_inputs(
            self.scenario,
            params=params,
            prices=self.price_overrides,
            rent_prices=self.rent_price_overrides,
        )

    def with_prices(
        self, prices: Mapping[str, object], *, rent_agreed_before: bool = True
    ) -> ModelInputs:
        """These inputs with more price-path overrides (a sensitivity sample's prices).

        With ``rent_agreed_before`` the rent stays agreed on the paths it was agreed on before
        them (a landlord does not change the rent when the gas price moves); otherwise the rent
        follows the new paths."""
        agreed = self.rent_price_overrides
        if rent_agreed_before and agreed is None:
            agreed = self.price_overrides
        return model_inputs(
            self.scenario,
            params=self.params,
            prices={**self.price_overrides, **prices},
            rent_prices=agreed if rent_agreed_before else None,
        )


def model_inputs(
    scenario: Scenario | None = None,
    *,
    params: Params | None = None,
    prices: Mapping | None = None,
    rent_prices: Mapping | None = None,
) -> ModelInputs:
    """Translate a scenario once into :class:`ModelInputs`.

    Parameters
    ----------
    scenario
        The scenario (the packaged default when None).
    params
        Parameters to use instead of ``scenario.params()`` (a sensitivity sample); they must
        already hold the scenario's own overrides (``scenario.params().with_overrides(...)``).
    prices
        Price-path overrides to use instead of the scenario's ``prices:`` (a sample's).
    rent_prices
        Price overrides (as under ``prices:``) on which tenants' rent increases are set (the
        saving rule of ``finance.rent_saving_share_*``); default the scenario's own prices. A
        sensitivity run passes the central prices, so the agreed rent does not move with a
        sampled gas price.

    Returns
    -------
    ModelInputs
    """
    scenario = Scenario() if scenario is None else scenario
    params = scenario.params() if params is None else params
    years, finance, heat = scenario.years, scenario.finance, scenario.heat_networks
    options = PathOptions(
        ets2_path=finance.ets2_path,
        mt_source=heat.mt_source,
        lt_source=heat.lt_source,
        zone_sources=dict(heat.zone_sources),
        heat_tariff=heat.tariff,
        ownership=heat.ownership,
        wis=heat.wis,
    )
    settings = FinanceSettings.from_params(
        params,
        horizon_years=years.horizon_years,
        financing=finance.financing,
        loan_term_years=finance.loan_term_years,
    )

    def paths(prices: Mapping) -> TariffPaths:
        return tariff_paths(
            params,
            start_year=years.start,
            end_year=years.end,
            overrides=prices,
            ets2_start_year=finance.ets2_start_year,
            options=options,
        )

    prices = dict(scenario.prices if prices is None else prices)
    choice = scenario.catalogue
    return ModelInputs(
        scenario=scenario,
        params=params,
        catalogue=build_catalogue(
            choice.insulation, choice.heating, choice.pv, choice.solar_thermal
        ),
        tariffs=paths(prices),
        finance=settings,
        default_income_eur=income_means_eur(synthesis_scalars(params)),
        price_overrides=prices,
        rent_tariffs=None if rent_prices is None else paths(rent_prices),
        rent_price_overrides=None if rent_prices is None else dict(rent_prices),
        options=options,
    )


def as_inputs(scenario: Scenario | ModelInputs | None) -> ModelInputs:
    """``scenario`` as :class:`ModelInputs` (translated when it is a scenario or None)."""
    return scenario if isinstance(scenario, ModelInputs) else model_inputs(scenario)
