"""A real `coopkg serve` for the benchmarks: on a free port, over a store of its own
(built from the bundled guide on first start), with writes enabled behind a token."""

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

TOKEN = "bench-token"


def start(store: Path, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """The server's process and its base URL, once /health answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = shutil.which("coopkg", path=str(Path(sys.executable).parent)) or "coopkg"
    log = tempfile.NamedTemporaryFile(prefix="coopkg-bench-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen([exe, "serve", "--store", str(store), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "COOPKG_UPDATE_ENABLED": "true",
                                 "COOPKG_UPDATE_TOKEN": TOKEN, "COOPKG_LOG_REQUESTS": "false",
                                 **env})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"the server did not start; its log: {log.name}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
