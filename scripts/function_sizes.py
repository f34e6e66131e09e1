"""Functions of the package over the house's size: more than 80 lines or more than 8 arguments.

Lines are counted from the ``def`` to the function's last line as ``ruff format`` writes them,
without the docstring; arguments without ``self``/``cls``. A function may stay longer when a
comment ``# long because <reason>`` sits on its ``def`` line or in the lines just above it.
``tests/test_api.py`` runs the same check over the core.

Usage: ``python scripts/function_sizes.py [folder ...]`` (default: ``wupmodel``).
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

MAX_FUNCTION_LINES = 80
MAX_ARGUMENTS = 8
REASON = "# long because"


@dataclass(frozen=True)
class FunctionSize:
    path: Path
    name: str
    line: int
    lines: int
    arguments: int
    reason: str

    @property
    def too_big(self) -> bool:
        return (
            self.lines > MAX_FUNCTION_LINES or self.arguments > MAX_ARGUMENTS
        ) and not self.reason


def _reason(source_lines: list[str], node: ast.AST) -> str:
    """The ``# long because`` comment on the def line or in the comment lines just above it."""
    first = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
    start = first
    while start > 0 and source_lines[start - 1].strip().startswith("#"):
        start -= 1
    for text in source_lines[start : node.lineno]:
        if REASON in text:
            return text.split(REASON, 1)[1].strip()
    return ""


def function_sizes(path: Path) -> list[FunctionSize]:
    """Size of every function and method in a file."""
    text = path.read_text("utf-8")
    source_lines = text.splitlines()
    out = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        lines = node.end_lineno - node.lineno + 1
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            if isinstance(body[0].value.value, str):
                lines -= body[0].end_lineno - body[0].lineno + 1
        a = node.args
        names = [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs]
        if names and names[0] in ("self", "cls"):
            names = names[1:]
        out.append(
            FunctionSize(
                path, node.name, node.lineno, lines, len(names), _reason(source_lines, node)
            )
        )
    return out


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [Path("wupmodel")]
    rows = [
        f
        for folder in folders
        for p in sorted(folder.rglob("*.py") if folder.is_dir() else [folder])
        for f in function_sizes(p)
    ]
    big = sorted((f for f in rows if f.too_big), key=lambda f: -f.lines)
    for f in big:
        print(f"{f.path}:{f.line} {f.name}: {f.lines} lines, {f.arguments} arguments")
    kept = [f for f in rows if f.reason]
    print(f"{len(big)} over the size; {len(kept)} kept long with a reason")
    return 1 if big else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
