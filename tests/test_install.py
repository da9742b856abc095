"""What users install: the built wheel in a fresh virtual environment (not this checkout),
running the main job — build, query, validate, serve every page — from there."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import start_server, stop_server

ROOT = Path(__file__).parents[1]
PROPOSAL = ROOT / "tests" / "data" / "proposals" / "1.3" / "ok.json"


def _run(*args: str | Path, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, env=env)
    assert done.returncode == 0, f"{args}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv with only the wheel built from this tree (and its dependencies)."""
    work = tmp_path_factory.mktemp("install")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", work / "dist", ROOT, cwd=work)
    (wheel,) = (work / "dist").glob("coopkg-*.whl")
    venv.create(work / "env", with_pip=True)
    _run(work / "env" / "bin" / "python", "-m", "pip", "install", "-q", wheel, cwd=work)
    return work


def test_the_installed_package_builds_queries_validates_and_serves(installed):
    bin_ = installed / "env" / "bin"
    away = installed / "elsewhere"  # not the checkout: nothing can come from the source tree
    away.mkdir()
    store = away / "store"
    _run(bin_ / "coopkg", "build", "--store", store, "-q", cwd=away)
    totals = _run(bin_ / "coopkg", "query", "totals", "--store", store, "--format", "csv",
                  cwd=away)
    assert "822500000" in totals.stdout
    checked = _run(bin_ / "coopkg", "validate", PROPOSAL, "--store", store, cwd=away)
    assert "1.3" in checked.stdout
    where = _run(bin_ / "python", "-c", "import coopkg.server.app as a; print(a.__file__)",
                 cwd=away)
    assert str(installed / "env") in where.stdout
    proc, base = start_server(store, exe=bin_ / "coopkg", cwd=away)
    try:
        for path in ("/", "/directions", "/query", "/validate", "/eligible", "/ontology",
                     "/dataset", "/guide/2021-1/direction/3.4", "/partner/JP",
                     "/static/vendor/yasgui/yasgui.min.js"):
            r = httpx.get(base + path, headers={"Accept": "text/html"}, timeout=60)
            assert r.status_code == 200, (path, r.text[:300])
        r = httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                      headers={"Accept": "application/sparql-results+json"})
        assert r.json()["boolean"] is True
        r = httpx.post(f"{base}/validate", content=PROPOSAL.read_bytes(),
                       headers={"Content-Type": "application/json"}, timeout=60)
        assert r.status_code == 200 and r.json()["results"][0]["direction"] == "1.3"
    finally:
        stop_server(proc)
