"""A real `coopkg serve` process on a free port, built from the bundled guide, with updates
enabled behind a token and a short query deadline, shared by the server tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import sync_playwright

TOKEN = "test-token-8f2c"
TIMEOUT_S = 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path | str, *, exe: Path | None = None, cwd: Path | None = None,
                 **env: str) -> tuple[subprocess.Popen, str]:
    """`coopkg serve` (this environment's, or `exe`) on a free port, once it answers."""
    port = _free_port()
    command = str(exe) if exe else (
        shutil.which("coopkg", path=str(Path(sys.executable).parent)) or "coopkg")
    # The log goes to a file: a pipe nobody reads fills up and stops the server mid-test.
    log = tempfile.NamedTemporaryFile(prefix="coopkg-serve-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen([command, "serve", "--store", str(store), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, cwd=cwd,
                            env={**os.environ, **env})
    log.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    out = Path(log.name).read_text(encoding="utf-8", errors="replace")
    pytest.fail(f"server did not start:\n{out[-3000:]}")
    raise AssertionError


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session", params=["embedded", "oxigraph-server"])
def server(request, tmp_path_factory) -> str:
    """Every server test runs twice: on the embedded store, and on a real Oxigraph server
    (`oxigraph serve`) that `coopkg serve` reaches as a remote SPARQL 1.1 store."""
    backing = None
    if request.param == "embedded":
        store: Path | str = tmp_path_factory.mktemp("serve") / "store"
    else:
        from tests.graph.conftest import _stop, start_oxigraph

        backing, remote = start_oxigraph(tmp_path_factory.mktemp("oxigraph-serve"))
        store = remote.url
    proc, base = start_server(store, COOPKG_UPDATE_ENABLED="true", COOPKG_UPDATE_TOKEN=TOKEN,
                              COOPKG_QUERY_TIMEOUT_S=str(TIMEOUT_S), COOPKG_MAX_BODY_BYTES="200000")
    yield base
    stop_server(proc)
    if backing is not None:
        _stop(backing)


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


# The browser tests: Debian's Chromium driven by Playwright (no browser download).
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(server, tmp_path_factory):
    assert CHROMIUM, "chromium is not installed: `make test` installs it (scripts/ensure-chromium.sh)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    target = os.environ.get("COOPKG_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
