"""Write the golden file of the default village: outcomes, strategy summary and optimised plan.

Run from the project root:  .venv/bin/python scripts/make_golden.py

The golden test (``tests/test_golden.py``) recomputes the same figures through the public API
and compares them to a relative 1e-9. Regenerate this file only in a commit that moves the
numbers on purpose (a validity fix), and say why in that commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from golden_figures import GOLDEN_PATH, golden_figures  # noqa: E402


def main() -> None:
    figures = golden_figures()
    GOLDEN_PATH.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN_PATH.write_text(
        json.dumps(figures, separators=(",", ":"), sort_keys=True, allow_nan=True) + "\n", "utf-8"
    )
    print(f"wrote {GOLDEN_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
