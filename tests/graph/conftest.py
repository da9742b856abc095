"""Real SPARQL servers for the store tests, each started once per session on free ports
with a temporary database: `oxigraph serve --union-default-graph` (the PyPI package
`oxigraph`, in the test extra) and Virtuoso 7 from Debian (scripts/ensure-virtuoso.sh),
reached through its digest-authenticated endpoint as a user holding SPARQL_UPDATE, the
recipe docs/stores.md gives. Without Virtuoso its tests are skipped on a developer's
machine and fail under CI (CI=true), where the script has installed it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

VIRTUOSO_USER = ("coopkg", "s3cret-test")


@dataclass(frozen=True)
class Server:
    url: str  # what a user gives as --store
    base: str  # the server's origin
    port: int
    workdir: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(proc: subprocess.Popen[bytes], url: str, log: Path, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    pytest.fail(f"server did not start ({url}):\n{log.read_text(errors='replace')[-3000:]}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def oxigraph_exe() -> str:
    exe = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph")
    if exe is None:
        pytest.fail("the oxigraph server binary is missing: pip install oxigraph "
                    "(it is in the test extra; scripts/ensure-oxigraph.sh)")
    return exe


def start_oxigraph(workdir: Path, *, union: bool = True, memory: bool = False
                   ) -> tuple[subprocess.Popen[bytes], Server]:
    port = free_port()
    args = [oxigraph_exe(), "serve", "--bind", f"127.0.0.1:{port}"]
    if not memory:
        args += ["--location", str(workdir / "data")]
    if union:
        args.append("--union-default-graph")
    log = workdir / "oxigraph.log"
    proc = subprocess.Popen(args, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _wait(proc, f"{base}/query", log)
    return proc, Server(url=base, base=base, port=port, workdir=workdir)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    proc, server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    _stop(proc)


VIRTUOSO_INI = Path(__file__).parents[2] / "scripts" / "virtuoso.ini"  # a template


def virtuoso_missing() -> str | None:
    missing = [exe for exe in ("virtuoso-t", "isql-vt") if shutil.which(exe) is None]
    return f"{', '.join(missing)} not installed (scripts/ensure-virtuoso.sh)" if missing else None


def isql(port: int, sql: str) -> str:
    """Run SQL as dba through Virtuoso's isql-vt; fails the test on an error."""
    done = subprocess.run(["isql-vt", str(port), "dba", "dba", f"exec={sql}"],
                          capture_output=True, text=True, timeout=60)
    out = done.stdout + done.stderr
    if done.returncode != 0 or "*** Error" in out:
        pytest.fail(f"isql-vt failed on {sql!r}:\n{out[-2000:]}")
    return out


def start_virtuoso(workdir: Path) -> tuple[subprocess.Popen[bytes], Server]:
    reason = virtuoso_missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    sql_port, http_port = free_port(), free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.read_text(encoding="utf-8").format(
        d=workdir, dirs=workdir, sql_port=sql_port, http_port=http_port, buffers=10000,
        dirty_buffers=6000, max_rows=1000000, timeout=60))
    log = workdir / "virtuoso.log"
    proc = subprocess.Popen(["virtuoso-t", "+configfile", str(ini), "+foreground"],
                            cwd=workdir, stdout=(workdir / "stdout.log").open("wb"),
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    _wait(proc, f"{base}/sparql?query=ASK%7B%7D", log, seconds=120)
    user, password = VIRTUOSO_USER
    isql(sql_port, f"DB.DBA.USER_CREATE('{user}', '{password}'); "
                   f"GRANT SPARQL_UPDATE TO \"{user}\";")
    return proc, Server(url=f"http://{user}:{password}@127.0.0.1:{http_port}/sparql-auth",
                        base=base, port=sql_port, workdir=workdir)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    proc, server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    _stop(proc)
