"""Running queries with a deadline, off the event loop, in killable worker processes.

Each worker holds an in-memory copy of the dataset (the store is small, and a copy makes
workers independent of the on-disk store, which Oxigraph does not let another process
read while this one writes). A query past the deadline is stopped by terminating its
worker, which is replaced; the other workers keep answering. After every write the
main process sends the new snapshot to all workers.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from coopkg.graph.store import GraphStore

from .worker import serve_forever

__all__ = ["Answer", "QueryExecutor", "QueryFailed", "QueryTimeout"]

_CTX = multiprocessing.get_context("spawn")


class QueryTimeout(Exception):
    """The query ran past its deadline and was stopped."""


class QueryFailed(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Answer:
    media_type: str
    body: bytes
    truncated: bool


class _Worker:
    def __init__(self, snapshot: bytes) -> None:
        self.conn, child = _CTX.Pipe()
        self.proc = _CTX.Process(target=serve_forever, args=(child,), daemon=True,
                                 name="coopkg-query")
        self.proc.start()
        child.close()
        self.version = -1
        self.load(snapshot, 0)

    def load(self, snapshot: bytes, version: int) -> None:
        self.conn.send(("load", snapshot))
        self.conn.recv()
        self.version = version

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.terminate()
        self.proc.join(timeout=5)
        self.conn.close()


class QueryExecutor:
    """A pool of query workers over one store's snapshot."""

    def __init__(self, store: GraphStore, *, workers: int = 2, timeout_s: float = 30.0,
                 max_rows: int = 100_000) -> None:
        self.store = store
        self.timeout_s = timeout_s
        self.max_rows = max_rows
        self._size = max(1, workers)
        self._version = 0
        self._snapshot = store.dump("nquads")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        for _ in range(self._size):
            w = await asyncio.to_thread(_Worker, self._snapshot)
            self._all.append(w)
            self._idle.put_nowait(w)

    async def stop(self) -> None:
        for w in self._all:
            await asyncio.to_thread(w.stop)
        self._all.clear()

    def refresh(self) -> None:
        """The store changed: workers reload the new snapshot before their next query."""
        self._snapshot = self.store.dump("nquads")
        self._version += 1

    async def run(self, request: dict[str, Any], *, timeout_s: float | None = None) -> Answer:
        assert self._idle is not None, "executor not started"
        deadline = timeout_s if timeout_s is not None else self.timeout_s
        worker = await self._idle.get()
        try:
            if worker.version != self._version:
                await asyncio.to_thread(worker.load, self._snapshot, self._version)
            request = {**request, "max_rows": request.get("max_rows", self.max_rows)}
            answer = await asyncio.to_thread(self._ask, worker, request, deadline)
        except QueryTimeout:
            await asyncio.to_thread(worker.stop)
            self._all.remove(worker)
            worker = await asyncio.to_thread(_Worker, self._snapshot)
            worker.version = self._version
            self._all.append(worker)
            raise
        finally:
            self._idle.put_nowait(worker)
        return answer

    @staticmethod
    def _ask(worker: _Worker, request: dict[str, Any], deadline: float) -> Answer:
        conn: Connection = worker.conn
        conn.send(("query", request))
        start = time.monotonic()
        if not conn.poll(deadline):
            raise QueryTimeout(f"the query ran past its {deadline:g} s deadline and was stopped "
                               f"after {time.monotonic() - start:.1f} s")
        reply = conn.recv()
        if reply[0] == "error":
            raise QueryFailed(reply[1], reply[2])
        return Answer(media_type=reply[1], body=reply[2], truncated=reply[3])
