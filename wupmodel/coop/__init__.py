"""A village cooperative's business case: heat network per zone or solar park (issue 12).

Modules: ``inputs`` (settings), ``schedule`` (loans, DSCR sizing), ``cashflow`` (the yearly
kernel), ``metrics`` (IRR, NPV, break-even roots), ``asset`` (heat network and solar park from
the model's outcomes and parameters), ``participation`` (who joins at a tariff, the tariff <->
uptake loop), ``survey`` (what households say), ``business`` (:func:`business_case`).
"""
