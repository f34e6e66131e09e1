"""The village optimiser: which option each dwelling (group) takes and what the village builds.

``problem`` (inputs, settings, status) · ``build`` (the sparse model) · ``solvers`` (HiGHS and
CBC back ends, branch and bound over the collective binaries) · ``solve`` (solve, Pareto front,
duals) · ``plan`` (the result) · ``from_outcomes`` (from an evaluation to an option table and a
plan).
"""
