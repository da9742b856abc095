"""A real `coopkg serve` process on a free port, built from the bundled guide, with updates
enabled behind a token and a short query deadline, shared by the server tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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


STORES = ["embedded", "oxigraph-server", "virtuoso"]
# The W3C suites start every test with DROP ALL and write the default graph, which
# Virtuoso does not have (docs/stores.md): they run on the other two.
SCRATCH_STORES = ["embedded", "oxigraph-server"]


@contextlib.contextmanager
def serving(kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with writes enabled on a new store of `kind`: the embedded store, or a
    real Oxigraph server (`oxigraph serve`) or Virtuoso that `coopkg serve` reaches as a
    remote SPARQL 1.1 store."""
    from tests.graph.conftest import _stop, start_oxigraph, start_virtuoso

    backing = None
    if kind == "embedded":
        store: Path | str = tmp_path_factory.mktemp("serve") / "store"
    else:
        start = start_oxigraph if kind == "oxigraph-server" else start_virtuoso
        backing, remote = start(tmp_path_factory.mktemp(kind))
        store = remote.url
    proc, base = start_server(store, COOPKG_UPDATE_ENABLED="true", COOPKG_UPDATE_TOKEN=TOKEN,
                              COOPKG_QUERY_TIMEOUT_S=str(TIMEOUT_S), COOPKG_MAX_BODY_BYTES="200000")
    try:
        yield base
    finally:
        stop_server(proc)
        if backing is not None:
            _stop(backing)


@pytest.fixture(scope="session", params=STORES)
def server(request, tmp_path_factory) -> Iterator[str]:
    """Every server test runs three times: on the embedded store, a real Oxigraph server
    and a real Virtuoso."""
    with serving(request.param, tmp_path_factory) as base:
        yield base


@pytest.fixture(scope="session", params=SCRATCH_STORES)
def scratch_server(request, tmp_path_factory) -> Iterator[str]:
    """A server of its own, for tests that empty the whole store (the W3C suites' DROP ALL)
    and so cannot share one with the others."""
    with serving(request.param, tmp_path_factory) as base:
        yield base


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
