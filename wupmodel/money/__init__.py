"""The money stage: prices and taxes over the years, bills, subsidies, finance and both cost
perspectives per dwelling × option.

``finance`` (annuities, NPV, IRR, loans) · ``tariffs`` (price and tax paths) · ``bills``
(household bills, resource costs) · ``subsidies`` (ISDE, Warmtefonds) · ``settings`` (finance
settings, components, the money context) · ``costs`` (money outcomes and village totals) ·
``kernel`` (the chunk engine) · ``collective`` (collective annual costs) · ``appraise`` (which
investments, subsidies and national costs an option has) · ``results`` (the money outcomes and
what is derived from them) · ``reduce`` (village totals) · ``irr_chunk`` (the IRR). The money stage never sees a
scenario: the evaluation hands it a :class:`~wupmodel.money.settings.MoneyContext`.
"""
