"""The house: one public API, no import cycles, modules of one size.

The CLI, the app and its pages import nothing from ``wupmodel`` but its public API; the
package's modules import each other without a cycle; no module grows past ~600 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import wupmodel as wm

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "wupmodel"
MAX_LINES = 900  # formatted lines (ruff format at 100 columns)


def _module_name(path: Path) -> str:
    parts = (
        (path.relative_to(ROOT) if path.is_relative_to(ROOT) else Path(path.name))
        .with_suffix("")
        .parts
    )
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, names, line) of every import in a file, relative imports resolved."""
    tree = ast.parse(path.read_text("utf-8"))
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([mod] if mod else []))
            out.append((mod, [a.name for a in node.names], node.lineno))
    return out


def _front_end_files() -> list[Path]:
    files = [PKG / "cli.py", ROOT / "app.py"]
    pages = ROOT / "app_pages"
    if pages.exists():
        files += sorted(pages.rglob("*.py"))
    return files


@pytest.mark.parametrize("path", _front_end_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_front_ends_use_only_the_public_api(path):
    public = set(wm.__all__)
    bad = []
    for mod, names, line in _imports(path):
        if mod == "wupmodel":
            bad += [f"line {line}: {n}" for n in names if n not in public]
        elif mod.startswith("wupmodel."):
            bad.append(f"line {line}: {mod}")
    assert not bad, f"{path.name} reaches around the public API: {bad}"


def _wm_attributes(path: Path) -> list[tuple[str, int]]:
    """(name, line) of every ``wm.<name>`` a file reads (``import wupmodel as wm``)."""
    tree = ast.parse(path.read_text("utf-8"))
    return [
        (node.attr, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "wm"
    ]


@pytest.mark.parametrize("path", _front_end_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_front_ends_read_only_public_names_of_wm(path):
    public = set(wm.__all__)
    bad = [f"line {line}: wm.{name}" for name, line in _wm_attributes(path) if name not in public]
    assert not bad, f"{path.name} uses names outside wupmodel.__all__: {bad}"


def test_the_wm_attribute_check_can_fail(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("import wupmodel as wm\nwm.evaluate\nwm.village.strategy_summary\n")
    assert [n for n, _ in _wm_attributes(page) if n not in wm.__all__] == ["village"]


def test_the_pages_are_checked():
    names = {p.name for p in _front_end_files()}
    assert {
        "app.py",
        "dorp.py",
        "mijn_huis.py",
        "scenarios.py",
        "plan.py",
        "onzekerheid.py",
        "cooperatie.py",
        "export.py",
        "common.py",
    } <= names


def test_the_public_api_check_can_fail(tmp_path):
    page = tmp_path / "page.py"
    page.write_text(
        "import wupmodel as wm\nfrom wupmodel.village import strategy_summary\nfrom wupmodel import evaluate\n"
    )
    found = [mod for mod, _names, _line in _imports(page) if mod.startswith("wupmodel.")]
    assert found == ["wupmodel.village"]


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PKG.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for mod, names, _line in _imports(path):
            if not mod.startswith("wupmodel"):
                continue
            # `from wupmodel.money import finance` imports the module wupmodel.money.finance
            targets = [f"{mod}.{n}" for n in names if f"{mod}.{n}" in modules] or [mod]
            deps.update(t for t in targets if t in modules and t != name)
        graph[name] = deps
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph (depth-first search with colours), or None."""
    colour = dict.fromkeys(graph, 0)
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if colour[dep] == 1:
                return stack[stack.index(dep) :] + [dep]
            if colour[dep] == 0 and (found := visit(dep)):
                return found
        stack.pop()
        colour[node] = 2
        return None

    for node in sorted(graph):
        if colour[node] == 0 and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_inside_the_package():
    graph = _graph()
    # the package root only re-exports; everything may be reached from it, it from nothing
    graph = {k: v - {"wupmodel"} for k, v in graph.items()}
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_package_root_is_only_the_api():
    """``wupmodel/__init__.py`` holds imports, ``__version__`` and ``__all__``, nothing else."""
    tree = ast.parse((PKG / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, ast.ImportFrom | ast.Import):
            continue
        assert isinstance(node, ast.Assign) and node.targets[0].id in ("__version__", "__all__"), (
            ast.dump(node)
        )
    assert sorted(wm.__all__) == sorted(set(wm.__all__))
    for name in wm.__all__:
        assert hasattr(wm, name), name


@pytest.mark.parametrize("path", sorted(PKG.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path):
    n = len(path.read_text("utf-8").splitlines())
    assert n <= MAX_LINES, (
        f"{path.relative_to(ROOT)} has {n} lines (limit {MAX_LINES}): split it by job"
    )


def test_readme_layout_maps_every_module():
    """The README's Layout section names every module of the package (by file name, under its
    folder), and no module that is gone."""
    readme = (ROOT / "README.md").read_text("utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
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
        if word.endswith(".py"):
            named.add(f"{folder}{word}" if depth == 4 else word)
    modules = {str(p.relative_to(PKG)) for p in PKG.rglob("*.py") if p.name != "__init__.py"}
    assert modules - named == set(), (
        f"modules missing from the README layout: {sorted(modules - named)}"
    )
    stale = (
        {m for m in named if "/" in m or m in {p.name for p in PKG.glob("*.py")}}
        - modules
        - {"__init__.py", "app.py"}
    )
    assert not stale, f"the README layout names modules that do not exist: {sorted(stale)}"
