"""The type checker sees the installed namespace: a wrong type passed across packages
(a string where coopkg.graph.store.Store is expected, from code that imports the server,
the shapes and the loaders) is reported, not hidden behind an unresolved import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WRONG = '''\
from coopkg.graph.store import Store
from coopkg.loaders.guide import read_guide
from coopkg.server.settings import Settings
from coopkg.shapes import load_validator


def size(store: Store) -> int:
    return store.size()


size("not a store")
load_validator(Settings(), "2021-1")
read_guide(42)
'''


def test_mypy_catches_a_wrong_type_across_packages(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(WRONG, "utf-8")
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file",
                           str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache"),
                           str(wrong)], capture_output=True, text=True, cwd=tmp_path,
                          timeout=600)
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    errors = [line for line in said.splitlines() if ": error:" in line]
    assert [e.split(":")[1] for e in errors] == ["11", "12", "13"], said
    assert 'incompatible type "str"; expected "Store"' in errors[0]
    assert 'incompatible type "Settings"; expected "Store"' in errors[1]
    assert "Cannot find" not in said and "import-not-found" not in said
