"""Hostile and broken input through the command line (`coopkg load`, `validate`, `query`):
each case of tests/data/hostile/cases.json for these doors ends with exit code 2 and a
line saying what was wrong, never a traceback, and fetches nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.server.hostile import Hook, body_of, cases, hook_server

__all__ = ["hook_server"]

COOPKG = str(Path(sys.executable).parent / "coopkg")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("hostile") / "store"
    subprocess.run([COOPKG, "build", "--store", str(store)], check=True, capture_output=True)
    return store


@pytest.mark.parametrize("case", cases("cli-load", "cli-validate", "cli-query"))
def test_hostile_input_on_the_command_line(built: Path, hook_server: Hook, tmp_path: Path,
                                           case: dict[str, Any]) -> None:
    hook_server.hits.clear()
    given = tmp_path / case["file"]
    given.write_bytes(body_of(case, hook_server.url))
    command = case["door"].removeprefix("cli-")
    args = {"load": ["load", str(given), "--graph", "http://example.org/hostile"],
            "validate": ["validate", str(given)], "query": ["query", str(given)]}[command]
    done = subprocess.run([COOPKG, *args, "--store", str(built)], capture_output=True,
                          text=True, env={**os.environ, "LANG": "en_US.UTF-8"}, timeout=120)
    said = done.stderr + done.stdout
    assert done.returncode == case["exit"], said[-800:]
    assert case["says"] in said, said[-800:]
    assert "Traceback" not in said
    assert hook_server.hits == []
