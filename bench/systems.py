"""The systems the store benchmark compares, each behind the same small interface.

    System.prepare()   load the data and start the server; returns timings (seconds)
    System.ask(q)      send one query over the SPARQL 1.1 Protocol, return (status, body)
    System.restart()   stop and start the server on the data it has; seconds to first answer
    System.put(g, nt)  store a graph through the Graph Store protocol; (status, seconds)
    System.stop()      end every process this system started

Each server runs in its own session (process group) started here, and is ended through
that group only. A sampler thread reads the resident set size (RSS) of the server's whole
process tree (psutil, children recursively) every 0.2 s and keeps the peak per phase.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from coopkg.sparqltext import query_form

__all__ = ["Coopkg", "CoopkgOverOxigraph", "CoopkgOverVirtuoso", "OxigraphDisk",
           "OxigraphMemory", "RdflibEndpoint", "RssSampler", "System", "Virtuoso", "Workspace"]

PROBE = ("SELECT (COUNT(?d) AS ?n) WHERE { "
         "?d a <https://w3id.org/coopkg/ontology#Direction> }")
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


@dataclass
class Workspace:
    """Where one run keeps its data and stores, and the files every system loads."""

    root: Path
    guide: Path  # the guide, exported from a coopkg store as N-Quads
    proposals: Path  # the generated proposals, gzip N-Quads
    query_timeout_s: float = 300.0
    log_dir: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_dir = self.root / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RssSampler(threading.Thread):
    """Peak RSS, per phase, of a process and all its descendants."""

    def __init__(self, *, interval_s: float = 0.2, limit_bytes: int | None = None) -> None:
        super().__init__(daemon=True, name="rss-sampler")
        self.interval_s = interval_s
        self.limit_bytes = limit_bytes
        self.phase = "idle"
        self.peaks: dict[str, int] = {}
        self.over_limit: str | None = None
        self._pids: list[int] = []
        self._on_limit: Any = None
        self._stop_event = threading.Event()

    def watch(self, *pids: int, on_limit: Any = None) -> None:
        self._pids = list(pids)
        self._on_limit = on_limit

    def tree_rss(self) -> int:
        total = 0
        for pid in list(self._pids):
            try:
                root = psutil.Process(pid)
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                continue
            for p in procs:
                with contextlib.suppress(psutil.NoSuchProcess):
                    total += p.memory_info().rss
        return total

    def run(self) -> None:
        while not self._stop_event.wait(self.interval_s):
            rss = self.tree_rss()
            if rss > self.peaks.get(self.phase, 0):
                self.peaks[self.phase] = rss
            if self.limit_bytes and rss > self.limit_bytes and self._on_limit is not None:
                self.over_limit = (f"{rss / 2**30:.1f} GiB during {self.phase}, over the "
                                   f"{self.limit_bytes / 2**30:.0f} GiB limit: stopped")
                callback, self._on_limit = self._on_limit, None
                callback()

    def close(self) -> None:
        self._stop_event.set()


class Server:
    """A process started in its own session, with its output in a log file."""

    def __init__(self, args: list[str], *, log: Path, env: dict[str, str] | None = None) -> None:
        self.args = args
        self.log_path = log
        self._log = log.open("ab")
        self.proc = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT,
                                     env={**os.environ, **(env or {})}, start_new_session=True)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, *, grace_s: float = 15.0) -> None:
        """End the server's process group (the session started for it), TERM then KILL."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=grace_s)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=grace_s)
        # whatever the leader left behind in its group (query workers) goes too
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self._log.close()

    def tail(self, lines: int = 5) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class System:
    """One system under test. Subclasses set the URLs and how data gets in."""

    name = "system"
    label = "system"
    supports_put = False
    supports_restart = False

    def __init__(self, ws: Workspace, sampler: RssSampler) -> None:
        self.ws = ws
        self.sampler = sampler
        self.port = free_port()
        self.server: Server | None = None
        self.client = httpx.Client(timeout=httpx.Timeout(ws.query_timeout_s, connect=10.0))
        self.notes: list[str] = []

    # -- to provide ----------------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        raise NotImplementedError

    @property
    def store_url(self) -> str:
        raise NotImplementedError

    def prepare(self) -> dict[str, float]:
        raise NotImplementedError

    # -- shared --------------------------------------------------------------------------
    def _start(self, args: list[str], *, env: dict[str, str] | None = None, tag: str = "serve"
               ) -> None:
        self.server = Server(args, log=self.ws.log_dir / f"{self.name}-{tag}.log", env=env)
        self.sampler.watch(self.server.pid, on_limit=self.stop)

    def wait_ready(self, *, limit_s: float) -> float:
        """Seconds from now until the server answers the probe query correctly."""
        t0 = time.perf_counter()
        deadline = t0 + limit_s
        while time.perf_counter() < deadline:
            if self.server is not None and not self.server.alive():
                raise RuntimeError(f"{self.label} exited while starting: {self.server.tail()}")
            try:
                status, body, _ = self.ask(PROBE, "application/sparql-results+json", timeout=30)
                if status == 200 and b'"29"' in body:
                    return time.perf_counter() - t0
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"{self.label} did not answer within {limit_s:.0f} s")

    def query_request(self, text: str, accept: str) -> dict[str, Any]:
        """How this system is sent a query: POSTed as application/sparql-query."""
        return {"content": text.encode(), "headers": {"Content-Type": "application/sparql-query",
                                                       "Accept": accept}}

    def ask(self, text: str, accept: str, *, timeout: float | None = None
            ) -> tuple[int, bytes, str]:
        """Send one query; status, body and content type."""
        r = self.client.post(self.query_url, **self.query_request(text, accept),
                             timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT)
        return r.status_code, r.content, r.headers.get("content-type", "")

    def put(self, graph: str, body: bytes, *, timeout: float) -> tuple[int, float, str]:
        t0 = time.perf_counter()
        r = self.client.put(self.store_url, params={"graph": graph}, content=body,
                            headers={"Content-Type": "application/n-triples",
                                     **self.auth_headers()}, timeout=timeout)
        return r.status_code, time.perf_counter() - t0, r.text[:300]

    def auth_headers(self) -> dict[str, str]:
        return {}

    def restart(self, *, limit_s: float) -> float:
        raise NotImplementedError

    def pids(self) -> list[int]:
        return [self.server.pid] if self.server and self.server.alive() else []

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def close(self) -> None:
        self.stop()
        self.client.close()


def timed(args: list[str], *, log: Path, sampler: RssSampler | None = None,
           env: dict[str, str] | None = None) -> float:
    """Run a command to completion (its RSS sampled); seconds taken."""
    t0 = time.perf_counter()
    proc = Server(args, log=log, env=env)
    if sampler is not None:
        sampler.watch(proc.pid)
    try:
        rc = proc.proc.wait()
    finally:
        proc.stop()
    if rc != 0:
        raise RuntimeError(f"{' '.join(args[:3])} … failed ({rc}): {proc.tail()}")
    return time.perf_counter() - t0


# -- coopkg --------------------------------------------------------------------------------

class Coopkg(System):
    name = "coopkg"
    label = "coopkg serve"
    supports_put = True
    supports_restart = True

    def __init__(self, ws: Workspace, sampler: RssSampler) -> None:
        super().__init__(ws, sampler)
        self.store = ws.root / "coopkg-store"
        self.token = "bench-" + os.urandom(8).hex()

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def _env(self) -> dict[str, str]:
        return {"COOPKG_UPDATE_ENABLED": "true", "COOPKG_UPDATE_TOKEN": self.token,
                "COOPKG_LOG_REQUESTS": "false",
                "COOPKG_QUERY_TIMEOUT_S": str(self.ws.query_timeout_s)}

    def prepare(self) -> dict[str, float]:
        shutil.rmtree(self.store, ignore_errors=True)
        coopkg = str(BIN / "coopkg")
        self.sampler.phase = "build"
        build_s = timed([coopkg, "build", "--store", str(self.store), "--quiet"],
                         log=self.ws.log_dir / "coopkg-build.log", sampler=self.sampler)
        self.sampler.phase = "load"
        # N-Quads keep their graph names: one named graph per proposal.
        args = [coopkg, "load", str(self.ws.proposals), "--store", str(self.store)]
        load_s = timed(args, log=self.ws.log_dir / "coopkg-load.log", sampler=self.sampler)
        self.notes.append("proposals loaded with coopkg load")
        self.sampler.phase = "start"
        start_s = self._serve()
        return {"build_s": build_s, "load_s": load_s, "start_s": start_s}

    def _serve(self) -> float:
        t0 = time.perf_counter()
        self._start([str(BIN / "coopkg"), "serve", "--store", str(self.store),
                     "--port", str(self.port)], env=self._env())
        self.wait_ready(limit_s=3600)
        return time.perf_counter() - t0

    def restart(self, *, limit_s: float = 3600) -> float:
        self.stop()
        return self._serve()


# -- Oxigraph server -----------------------------------------------------------------------

class _Oxigraph(System):
    supports_put = True

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    def _serve(self, location: Path | None) -> float:
        args = [str(BIN / "oxigraph"), "serve", "--bind", f"127.0.0.1:{self.port}",
                "--union-default-graph", "--timeout-s", str(int(self.ws.query_timeout_s))]
        if location is not None:
            args[2:2] = ["--location", str(location)]
        t0 = time.perf_counter()
        self._start(args)
        self.wait_ready(limit_s=600) if location is not None else self._wait_listening()
        return time.perf_counter() - t0

    def _wait_listening(self) -> None:
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            try:
                self.ask("ASK {}", "application/sparql-results+json", timeout=5)
                return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise TimeoutError("the Oxigraph server did not start")


class OxigraphDisk(_Oxigraph):
    name = "oxigraph-disk"
    label = "Oxigraph server, on disk"
    supports_restart = True

    def __init__(self, ws: Workspace, sampler: RssSampler) -> None:
        super().__init__(ws, sampler)
        self.location = ws.root / "oxigraph-store"

    def prepare(self) -> dict[str, float]:
        shutil.rmtree(self.location, ignore_errors=True)
        self.sampler.phase = "load"
        load_s = timed([str(BIN / "oxigraph"), "load", "--location", str(self.location),
                         "--file", str(self.ws.guide), "--file", str(self.ws.proposals)],
                        log=self.ws.log_dir / "oxigraph-load.log", sampler=self.sampler)
        # The loader's own advice for a read-heavy workload: compact the store first.
        optimize_s = timed([str(BIN / "oxigraph"), "optimize", "--location", str(self.location)],
                            log=self.ws.log_dir / "oxigraph-load.log", sampler=self.sampler)
        self.sampler.phase = "start"
        return {"load_s": load_s, "optimize_s": optimize_s, "start_s": self._serve(self.location)}

    def restart(self, *, limit_s: float = 600) -> float:
        self.stop()
        return self._serve(self.location)


class OxigraphMemory(_Oxigraph):
    name = "oxigraph-mem"
    label = "Oxigraph server, in memory"

    def prepare(self) -> dict[str, float]:
        self.sampler.phase = "start"
        start_s = self._serve(None)
        self.sampler.phase = "load"
        t0 = time.perf_counter()
        for path in (self.ws.guide, self.ws.proposals):
            r = self.client.post(self.store_url, content=_chunks(path),
                                 headers={"Content-Type": "application/n-quads"},
                                 timeout=httpx.Timeout(3600.0, connect=10.0))
            if r.status_code >= 300:
                raise RuntimeError(f"loading {path.name} into Oxigraph: {r.status_code} "
                                   f"{r.text[:200]}")
        load_s = time.perf_counter() - t0
        self.wait_ready(limit_s=60)
        return {"load_s": load_s, "start_s": start_s}


def _chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        while chunk := f.read(size):
            yield chunk


# -- rdflib-endpoint -----------------------------------------------------------------------

class RdflibEndpoint(System):
    name = "rdflib-endpoint"
    label = "rdflib-endpoint (rdflib Dataset)"

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    def prepare(self) -> dict[str, float]:
        self.sampler.phase = "load"
        return {"load_s": self._serve()}

    def _serve(self) -> float:
        t0 = time.perf_counter()
        self._start([sys.executable, str(HERE / "rdflib_server.py"), "--port", str(self.port),
                     str(self.ws.guide), str(self.ws.proposals)])
        self.wait_ready(limit_s=7200)
        return time.perf_counter() - t0

    def restart(self, *, limit_s: float = 7200) -> float:
        """A restart reloads everything: rdflib keeps nothing on disk."""
        self.stop()
        self.port = free_port()
        return self._serve()


# -- Virtuoso, and coopkg in front of a remote store ---------------------------------------

VIRTUOSO_USER = ("coopkg", "bench-" + os.urandom(4).hex())
VIRTUOSO_INI = HERE.parent / "scripts" / "virtuoso.ini"  # a template, shared with the tests


class VirtuosoServer:
    """A Virtuoso 7 (Debian's virtuoso-opensource) of the benchmark's own, bulk-loaded with
    the same files, with a user that may write (digest authentication on /sparql-auth)."""

    def __init__(self, ws: Workspace, tag: str) -> None:
        self.ws = ws
        self.dir = ws.root / f"{tag}-db"
        self.tag = tag
        self.sql_port, self.http_port = free_port(), free_port()
        self.server: Server | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def isql(self, sql: str) -> None:
        done = subprocess.run(["isql-vt", str(self.sql_port), "dba", "dba", f"exec={sql}"],
                              capture_output=True, text=True, timeout=7200)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql-vt {sql[:60]!r}: {(done.stdout + done.stderr)[-500:]}")

    def start(self) -> None:
        ini = self.dir / "virtuoso.ini"
        # about 1 GiB of buffers for the benchmark's data
        ini.write_text(VIRTUOSO_INI.read_text(encoding="utf-8").format(
            d=self.dir, dirs=f"{self.dir}, {self.ws.root}", sql_port=self.sql_port,
            http_port=self.http_port, buffers=120000, dirty_buffers=90000, max_rows=10000000,
            timeout=int(self.ws.query_timeout_s)))
        self.server = Server(["virtuoso-t", "+configfile", str(ini), "+foreground"],
                             log=self.ws.log_dir / f"{self.tag}.log")
        deadline = time.perf_counter() + 600
        while time.perf_counter() < deadline:
            if not self.server.alive():
                raise RuntimeError(f"Virtuoso exited while starting: {self.server.tail()}")
            try:
                if httpx.get(f"{self.base}/sparql", params={"query": "ASK {}"},
                             timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise TimeoutError("Virtuoso did not start")

    def create(self) -> float:
        """A fresh database holding the guide and the proposals; seconds to load them."""
        if shutil.which("virtuoso-t") is None:
            raise RuntimeError("virtuoso-t not installed (scripts/ensure-virtuoso.sh)")
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.start()
        user, password = VIRTUOSO_USER
        self.isql(f"DB.DBA.USER_CREATE('{user}', '{password}'); "
                  f"GRANT SPARQL_UPDATE TO \"{user}\";")
        t0 = time.perf_counter()
        for path in (self.ws.guide, self.ws.proposals):  # N-Quads: graphs from the file
            self.isql(f"ld_dir('{path.parent}', '{path.name}', 'urn:coopkg:bench:none');")
        self.isql("rdf_loader_run(); checkpoint;")
        return time.perf_counter() - t0

    def pid(self) -> int:
        assert self.server is not None
        return self.server.pid

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop(grace_s=60)
            self.server = None


class Virtuoso(System):
    name = "virtuoso"
    label = "Virtuoso 7 server"
    supports_put = True
    supports_restart = True

    def __init__(self, ws: Workspace, sampler: RssSampler) -> None:
        super().__init__(ws, sampler)
        self.db = VirtuosoServer(ws, "virtuoso")
        self.notes.append('queries POSTed form-encoded; DESCRIBE sent with define '
                          'sql:describe-mode "CBD" (as coopkg does)')

    @property
    def base(self) -> str:
        return self.db.base

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def store_url(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    def prepare(self) -> dict[str, float]:
        self.sampler.phase = "load"
        load_s = self.db.create()
        self.sampler.watch(self.db.pid(), on_limit=self.stop)
        self.sampler.phase = "start"
        return {"load_s": load_s, "start_s": self.restart()}

    def query_request(self, text: str, accept: str) -> dict[str, Any]:
        """Form-encoded: Virtuoso 7.2 does not answer a query POSTed directly as
        application/sparql-query (the protocol's other POST form)."""
        if query_form(text) == "DESCRIBE":
            text = 'define sql:describe-mode "CBD"\n' + text
        return {"data": {"query": text}, "headers": {"Accept": accept}}

    def put(self, graph: str, body: bytes, *, timeout: float) -> tuple[int, float, str]:
        t0 = time.perf_counter()
        r = self.client.put(self.store_url, params={"graph": graph}, content=body,
                            headers={"Content-Type": "application/n-triples"},
                            auth=httpx.DigestAuth(*VIRTUOSO_USER), timeout=timeout)
        return r.status_code, time.perf_counter() - t0, r.text[:300]

    def restart(self, *, limit_s: float = 600) -> float:
        self.db.stop()
        t0 = time.perf_counter()
        self.db.start()
        self.sampler.watch(self.db.pid(), on_limit=self.stop)
        self.wait_ready(limit_s=limit_s)
        return time.perf_counter() - t0

    def stop(self) -> None:
        self.db.stop()


class _CoopkgRemote(Coopkg):
    """`coopkg serve --store URL` in front of a server of the benchmark's own, loaded with
    the same files (the guide export holds everything `coopkg build` writes). RSS is that
    of coopkg's process tree and of the backing server together."""

    supports_restart = True

    def backing_url(self) -> str:
        raise NotImplementedError

    def start_backing(self) -> dict[str, float]:
        raise NotImplementedError

    def backing_pids(self) -> list[int]:
        raise NotImplementedError

    def prepare(self) -> dict[str, float]:
        self.sampler.phase = "load"
        timings = self.start_backing()
        self.sampler.phase = "start"
        timings["start_s"] = self._serve()
        return timings

    def _serve(self) -> float:
        t0 = time.perf_counter()
        self._start([str(BIN / "coopkg"), "serve", "--store", self.backing_url(),
                     "--port", str(self.port)], env=self._env())
        assert self.server is not None
        self.sampler.watch(self.server.pid, *self.backing_pids(), on_limit=self.stop)
        self.wait_ready(limit_s=3600)
        return time.perf_counter() - t0

    def restart(self, *, limit_s: float = 3600) -> float:
        """coopkg restarted; the backing server keeps running, as it would."""
        Coopkg.stop(self)
        return self._serve()


class CoopkgOverOxigraph(_CoopkgRemote):
    name = "coopkg-oxigraph"
    label = "coopkg serve → Oxigraph server on disk"

    def __init__(self, ws: Workspace, sampler: RssSampler) -> None:
        super().__init__(ws, sampler)
        self.backing = OxigraphDisk(ws, sampler)
        self.backing.location = ws.root / "oxigraph-store-behind-coopkg"

    def backing_url(self) -> str:
        return self.backing.base

    def start_backing(self) -> dict[str, float]:
        t = self.backing.prepare()
        return {"backing_load_s": t["load_s"] + t["optimize_s"]}

    def backing_pids(self) -> list[int]:
        return self.backing.pids()

    def stop(self) -> None:
        super().stop()
        self.backing.stop()


class CoopkgOverVirtuoso(_CoopkgRemote):
    name = "coopkg-virtuoso"
    label = "coopkg serve → Virtuoso 7 server"

    def __init__(self, ws: Workspace, sampler: RssSampler) -> None:
        super().__init__(ws, sampler)
        self.db = VirtuosoServer(ws, "virtuoso-behind-coopkg")

    def backing_url(self) -> str:
        user, password = VIRTUOSO_USER
        return f"http://{user}:{password}@127.0.0.1:{self.db.http_port}"

    def start_backing(self) -> dict[str, float]:
        return {"backing_load_s": self.db.create()}

    def backing_pids(self) -> list[int]:
        return [self.db.pid()] if self.db.server is not None else []

    def stop(self) -> None:
        super().stop()
        self.db.stop()
