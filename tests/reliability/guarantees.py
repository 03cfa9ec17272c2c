"""The table of guarantees in docs/reliability.md, generated from the tests that prove them.

A test states the guarantee it proves in the first line of its docstring: ``Guarantee (13.4): …``. This module
reads the test files (without importing them), builds the Markdown table, and either prints it, checks it against
the page (``test_guarantees_doc.py``) or writes it between the page's markers:

    python -m tests.reliability.guarantees --write
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reliability.md"
TEST_DIRS = ("tests/reliability", "tests/cli")
BEGIN = "<!-- guarantees: generated from the tests by `python -m tests.reliability.guarantees --write` -->"
END = "<!-- /guarantees -->"
_CLAIM = re.compile(r"Guarantee \((?P<point>[\w.]+)\):\s*(?P<text>.+)", re.S)


def _is_xfail(node: ast.FunctionDef) -> bool:
    return any("xfail" in ast.unparse(d) for d in node.decorator_list)


def collect() -> list[tuple[str, str, str, bool]]:
    """(point, guarantee, test id, pending) of every test that states a guarantee, in file and line order."""
    found = []
    for folder in TEST_DIRS:
        for path in sorted((ROOT / folder).glob("test_*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                    doc = ast.get_docstring(node) or ""
                    if m := _CLAIM.match(doc):
                        text = " ".join(m.group("text").split())
                        found.append((m.group("point"), text, f"{folder}/{path.name}::{node.name}", _is_xfail(node)))
    return found


def _order(point: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in point.split("."))


def table() -> str:
    """The Markdown table, one row per test, sorted by point."""
    rows = ["| Point | Guarantee | Proved by |", "|---|---|---|"]
    for point, text, test, pending in sorted(collect(), key=lambda r: _order(r[0])):
        status = " (strict xfail until the integrator wires it)" if pending else ""
        cell = text.replace("|", "\\|")
        rows.append(f"| {point} | {cell}{status} | `{test}` |")
    return "\n".join(rows)


def block() -> str:
    return f"{BEGIN}\n{table()}\n{END}"


def current() -> str | None:
    """The generated block as it stands in the page, or None when the page has no markers."""
    text = DOC.read_text(encoding="utf-8")
    start, end = text.find(BEGIN), text.find(END)
    return None if start < 0 or end < 0 else text[start : end + len(END)]


def write() -> None:
    text = DOC.read_text(encoding="utf-8")
    old = current()
    DOC.write_text(text.replace(old, block()) if old else text.rstrip("\n") + "\n\n" + block() + "\n", encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write()
    else:
        print(block())
