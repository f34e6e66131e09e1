"""The money stage: prices and taxes over the years, bills, subsidies, finance and both cost
perspectives per dwelling × option.

``finance`` (annuities, NPV, IRR, loans) · ``tariffs`` (price and tax paths) · ``bills``
(energy quantities, household bills, resource costs) · ``subsidies`` (ISDE, Warmtefonds) ·
``settings`` (finance settings, the money context, the inputs per dwelling × option) ·
``costs`` (money outcomes and village totals) · ``kernel`` (the chunk engine) · ``reduce``
(sums without dwelling × option arrays) · ``irr_chunk`` (the IRR) · ``results``
(MoneyOutcomes) · ``collective`` (collective annual costs) · ``appraise`` (which investments,
subsidies and national costs an option has). The money stage never sees a scenario: the
evaluation hands it a :class:`~wupmodel.money.settings.MoneyContext`.
"""
