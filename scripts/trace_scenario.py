"""Follow a scenario through a call: which files it enters and where the code climbs back up
to it for numbers.

The scenario is what the user wrote; :func:`wupmodel.model_inputs` translates it once into the
numbers the model computes with. This script runs one call of the public API (``evaluate`` or
``business_case`` on the default village) and records

* **files entered**: the package's files whose functions are handed the scenario object (it is
  one of the frame's arguments when the function is called);
* **climbs back up**: the functions below the entry point that read the scenario's fields
  themselves (``scenario.finance``, ``scenario.params()``, ...), i.e. that go back to the
  scenario for numbers instead of being handed them. The scenario's own methods
  (``scenario.py``) do not count.

Usage: ``python scripts/trace_scenario.py [evaluate|business_case]`` (default: both).
``tests/test_api.py`` asserts the counts for ``evaluate``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Trace:
    """What following the scenario through one call found."""

    entry: str
    files_entered: set[str] = field(default_factory=set)
    readers: set[str] = field(default_factory=set)  # "file:function" that read its fields

    @property
    def climbs(self) -> set[str]:
        return {r for r in self.readers if not r.endswith(f":{self.entry}")}


def _package_file(filename: str, root: Path) -> str | None:
    path = Path(filename)
    if not path.is_relative_to(root):
        return None
    return str(path.relative_to(root.parent))


def trace(entry: str, call: Callable[[object], object], scenario) -> Trace:
    """Run ``call(scenario)`` and follow ``scenario`` through it."""
    import wupmodel
    from wupmodel.scenario import Scenario

    root = Path(wupmodel.__file__).resolve().parent
    own = str(root / "scenario.py")
    result = Trace(entry)
    fields = set(Scenario.model_fields) | {"params", "parameter_overrides", "origins", "origin_of"}
    original = Scenario.__getattribute__

    def reading(self, name):
        if self is scenario and name in fields:
            frame = sys._getframe(1)
            if frame.f_code.co_filename != own:
                where = _package_file(frame.f_code.co_filename, root)
                if where:
                    result.readers.add(f"{where}:{frame.f_code.co_name}")
        return original(self, name)

    def profile(frame, event, _arg):
        if event != "call":
            return
        where = _package_file(frame.f_code.co_filename, root)
        if where is None or frame.f_code.co_filename == own:
            return
        n_args = frame.f_code.co_argcount + frame.f_code.co_kwonlyargcount
        names = frame.f_code.co_varnames[:n_args]
        if any(frame.f_locals.get(n) is scenario for n in names):
            result.files_entered.add(where)

    Scenario.__getattribute__ = reading
    sys.setprofile(profile)
    try:
        call(scenario)
    finally:
        sys.setprofile(None)
        Scenario.__getattribute__ = original
    return result


def trace_evaluate() -> Trace:
    import wupmodel as wm

    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    return trace("evaluate", lambda s: wm.evaluate(stock, s).totals("npv_end_user_eur"), scenario)


def trace_business_case() -> Trace:
    import wupmodel as wm

    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    return trace(
        "business_case",
        lambda s: wm.business_case(stock, s, connection_fee_eur=3000.0, participation=0.8),
        scenario,
    )


#: Where reading the scenario's fields is the job: the translation itself, and the edges that
#: show or write what the user set (provenance, assumptions, terminal text, the app's controls).
EDGES = ("wupmodel/inputs.py", "wupmodel/scenario.py", "wupmodel/overrides.py")
EDGE_FOLDERS = ("wupmodel/io/", "wupmodel/app/", "wupmodel/cli/")


def static_reads(root: Path | None = None) -> dict[str, int]:
    """Reads of a scenario's fields written in the package's code, per file: ``scenario.<field>``
    and ``<...>.scenario.<field>`` for the fields of :class:`~wupmodel.scenario.Scenario`."""
    import ast

    import wupmodel
    from wupmodel.scenario import Scenario

    root = root or Path(wupmodel.__file__).resolve().parent
    fields = set(Scenario.model_fields) | {"params", "parameter_overrides"}
    out: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        n = 0
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Attribute) or node.attr not in fields:
                continue
            value = node.value
            name = value.id if isinstance(value, ast.Name) else getattr(value, "attr", "")
            n += name in ("scenario", "sc")
        if n:
            out[str(path.relative_to(root.parent))] = n
    return out


def core_reads(reads: dict[str, int]) -> dict[str, int]:
    """The reads outside the translation and the edges."""
    return {f: n for f, n in reads.items() if f not in EDGES and not f.startswith(EDGE_FOLDERS)}


def main(argv: list[str]) -> int:
    runs = {"evaluate": trace_evaluate, "business_case": trace_business_case}
    reads = static_reads()
    core = core_reads(reads)
    print(
        f"scenario fields read in {len(reads)} files ({sum(reads.values())} reads); in the core "
        f"outside inputs.py: {len(core)} files ({sum(core.values())} reads)"
    )
    for f, n in sorted(core.items()):
        print(f"  core    {f}: {n}")
    for name in argv or list(runs):
        t = runs[name]()
        print(
            f"{name}: {len(t.files_entered)} files entered, {len(t.climbs)} climbs back up "
            "(functions below the entry that read the scenario's fields)"
        )
        for f in sorted(t.files_entered):
            print(f"  enters  {f}")
        for c in sorted(t.climbs):
            print(f"  climbs  {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
