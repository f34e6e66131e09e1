"""Golden file: the default village's outcomes, strategy tables and optimised plan.

The golden file was written from commit ec0cd97 (before the package was laid out by stage,
issue 8) by ``scripts/make_golden.py``; the code must reproduce it to a relative 1e-9. A
change that moves these numbers on purpose regenerates the file in the same commit and says
why in its message.
"""

from __future__ import annotations

import json
import math

import pytest
from golden_figures import GOLDEN_PATH, golden_figures

REL = 1e-9
#: plan choices are LP shares: an absolute tolerance, since a share of 0 has no relative scale
SHARE_ABS = 1e-7


def _compare(expected, actual, path: str, problems: list[str]) -> None:
    if len(problems) > 20:
        return
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(expected) != set(actual):
            problems.append(
                f"{path}: keys {sorted(expected)[:8]} !="
                f" {sorted(actual)[:8] if isinstance(actual, dict) else actual!r}"
            )
            return
        for key in expected:
            _compare(expected[key], actual[key], f"{path}.{key}", problems)
    elif isinstance(expected, list):
        if not isinstance(actual, list | tuple) or len(expected) != len(actual):
            problems.append(
                f"{path}: length {len(expected)} !="
                f" {len(actual) if isinstance(actual, list | tuple) else actual!r}"
            )
            return
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            _compare(e, a, f"{path}[{i}]", problems)
    elif isinstance(expected, bool) or expected is None or isinstance(expected, str):
        if expected != actual:
            problems.append(f"{path}: {expected!r} != {actual!r}")
    elif isinstance(expected, int | float):
        e, a = float(expected), float(actual)
        if math.isnan(e) and math.isnan(a):
            return
        tol = SHARE_ABS if ".choices" in path else 0.0
        if not math.isclose(e, a, rel_tol=REL, abs_tol=max(tol, 1e-12)):
            problems.append(f"{path}: {e!r} != {a!r}")
    elif expected != actual:
        problems.append(f"{path}: {expected!r} != {actual!r}")


@pytest.fixture(scope="module")
def figures() -> dict:
    # a JSON round trip, so that both sides have the same types (tuples -> lists, ...)
    return json.loads(json.dumps(golden_figures(), allow_nan=True))


def test_golden_file_reproduced(figures):
    expected = json.loads(GOLDEN_PATH.read_text("utf-8"))
    problems: list[str] = []
    _compare(expected, figures, "golden", problems)
    assert not problems, "golden figures moved:\n" + "\n".join(problems[:20])


def test_golden_comparison_can_fail(figures):
    """The comparison itself notices a move of one part in 1e8."""
    moved = json.loads(json.dumps(figures))
    moved["summary"]["co2_t"][1] *= 1 + 1e-8
    problems: list[str] = []
    _compare(figures, moved, "golden", problems)
    assert problems and "co2_t" in problems[0]
