"""The documents say what the code is: the README's layout, the packages' docstrings and the
design's names are checked against the modules that exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import wupmodel as wm

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "wupmodel"
README = ROOT / "README.md"
DESIGN = ROOT.parent / "shared" / "DESIGN.md"

#: Root verbs the design names that later issues add (removed from here as they land).
NOT_YET_BUILT: set[str] = set()


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def _layout_modules(layout: str) -> set[str]:
    """Module paths (relative to ``wupmodel/``) a layout tree names: files at depth 2 under
    ``wupmodel/``, files at depth 4 under a folder at depth 2."""
    named = set()
    folder = ""
    for line in layout.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("```"):
            continue
        word = stripped.split()[0]
        depth = len(line) - len(line.lstrip())
        if word.endswith("/"):
            folder = word if depth == 2 else folder
            continue
        if word.endswith(".py") and depth in (2, 4) and word != "__init__.py":
            named.add(f"{folder}{word}" if depth == 4 else word)
    return named


def _modules() -> set[str]:
    return {str(p.relative_to(PKG)) for p in PKG.rglob("*.py") if p.name != "__init__.py"}


def test_the_full_layout_maps_every_module():
    """docs/layout.md names every module of the package (by file name, under its folder), and no
    module that is gone."""
    named = _layout_modules((ROOT / "docs" / "layout.md").read_text("utf-8"))
    assert _modules() - named == set(), f"missing from docs/layout.md: {sorted(_modules() - named)}"
    assert named - _modules() == set(), (
        f"docs/layout.md names modules that are gone: {sorted(named - _modules())}"
    )


def test_readme_layout_names_every_package_and_top_module():
    """The README's Layout names every top-level module and every package, and nothing else
    of ``wupmodel/``."""
    layout = _section(README.read_text("utf-8"), "Layout")
    tree = layout.split("```", 2)[1]
    named = {
        line.split()[0].rstrip(",")
        for line in tree.splitlines()
        if line.startswith("  ") and not line.startswith("    ") and line.strip()
    }
    packages = {f"{p.name}/" for p in PKG.iterdir() if p.is_dir() and not p.name.startswith("__")}
    modules = {p.name for p in PKG.glob("*.py")}
    missing, gone = (packages | modules) - named, named - packages - modules
    assert not missing and not gone, f"missing: {sorted(missing)}; gone: {sorted(gone)}"


def test_the_layout_check_can_fail():
    layout = "```\nwupmodel/\n  a.py   x\n  pkg/   y\n    b.py  z\napp.py  w\n```"
    assert _layout_modules(layout) == {"a.py", "pkg/b.py"}


def test_readme_reads_to_the_end():
    """Short enough to read, the output explained before the app, files it names exist."""
    text = README.read_text("utf-8")
    assert len(text.splitlines()) <= 400
    heads = [h.strip() for h in re.findall(r"^## (.+)$", text, flags=re.M)]
    assert heads.index("What `make run` shows") < heads.index("The village app")
    assert "woningequivalent" in text  # WEQ spelled out
    for path in set(
        re.findall(r"\b((?:scenarios|docs|benchmarks|scripts)/[\w./-]+\.(?:yaml|md|py))", text)
    ):
        assert (ROOT / path).exists(), f"the README names {path}, which does not exist"
    assert "my_scenario.yaml" not in text


@pytest.mark.parametrize(
    "package",
    sorted(p.parent for p in PKG.rglob("__init__.py") if p.parent != PKG),
    ids=lambda p: p.name,
)
def test_each_package_says_what_it_offers(package: Path):
    """A package's docstring names each of its modules, and its ``__init__`` re-exports an API
    (``__all__``) where the package has one to offer."""
    init = package / "__init__.py"
    tree = ast.parse(init.read_text("utf-8"))
    doc = ast.get_docstring(tree) or ""
    assert doc, f"{package.name}/__init__.py has no docstring"
    modules = {p.stem for p in package.glob("*.py") if not p.stem.startswith("__")}
    unnamed = {m for m in modules if not re.search(rf"\b{re.escape(m)}\b", doc)}
    assert not unnamed, f"{package.name}'s docstring does not name {sorted(unnamed)}"
    exported = [n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "__all__"]
    assert exported or package.name == "cli", f"{package.name}/__init__.py has no __all__"


@pytest.mark.skipif(
    not DESIGN.exists(), reason="../shared/DESIGN.md is beside the project, not in it"
)
def test_design_names_are_the_code_names():
    """The verbs DESIGN.md lists for the root are the root's (or a later issue's), and each
    module its layout names for a package that exists is a module of that package."""
    text = DESIGN.read_text("utf-8")
    root = text.split("The root API (`wupmodel/__init__.py`) holds the modelling verbs", 1)[1]
    verbs = set(re.findall(r"`(\w+)`", root.split("the finance helpers", 1)[0]))
    missing = verbs - set(wm.__all__) - NOT_YET_BUILT - {"wupmodel"}
    assert not missing, f"DESIGN.md names root verbs the code does not have: {sorted(missing)}"
    layout = _section(text, "Layout")
    for line in layout.splitlines():
        m = re.match(r"^  (\w+)/\s+(.*)$", line)
        if not m or not list((PKG / m.group(1)).glob("*.py")):
            continue
        package, words = m.group(1), m.group(2)
        modules = {p.stem for p in (PKG / package).glob("*.py")}
        named = {w for w in re.findall(r"\b([a-z_]+)\b", words.split("--")[0]) if w in modules}
        assert named, f"DESIGN.md's {package}/ names none of its modules ({sorted(modules)})"
