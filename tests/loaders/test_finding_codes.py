"""Every finding code the loader gives is documented in docs/loading.md, and the table there
lists no code the loader does not give."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
SOURCES = [*sorted((ROOT / "loaders").glob("*.py")), ROOT / "coopkg" / "errors.py"]


def _given() -> set[str]:
    """Codes passed to a finding: Notice(level, line, message, direction, code, …),
    code=…, finding=…, and the (code, message) pairs a loader keeps in a table."""
    found: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                args = node.args[4:5] if name == "Notice" else []
                args += [k.value for k in node.keywords if k.arg in ("code", "finding")]
                found |= {a.value for a in args if isinstance(a, ast.Constant)
                          and isinstance(a.value, str)}
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(
                    node.elts[1], ast.Call) and getattr(node.elts[1].func, "id", "") == "N_":
                first = node.elts[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
            elif isinstance(node, ast.FunctionDef) and node.name == "__init__":
                found |= {d.value for d in node.args.kw_defaults if isinstance(d, ast.Constant)
                          and isinstance(d.value, str) and d.value.isupper()}
    return {c for c in found if re.fullmatch(r"[A-Z][A-Z0-9_]+", c)}


def test_the_documented_codes_are_the_codes_given():
    table = (ROOT / "docs" / "loading.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", table, flags=re.M))
    assert _given() == documented
