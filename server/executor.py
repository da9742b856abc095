"""Running queries with a deadline, off the event loop, in killable worker processes.

Oxigraph cannot cancel a running query, so each query runs in a worker process that can
be ended. A worker holds no copy of the dataset: it opens the store read-only through the
checkpoint the writer publishes after every write (or, for a remote store, the same
server), and reopens it when the store's generation moves, so a write is visible to the
next query. Results are written by the store's own serialisers to a file that the server
streams and then removes: memory stays constant whatever the result's size.

A query past its deadline ends its worker (its CPU is freed at once) and the client gets
QUERY_TIMEOUT; a worker that dies (a query that crashes the engine) is replaced and the
client gets QUERY_CRASHED; a client that disconnects has its query stopped the same way;
either way the next query is answered. At most `workers`
queries run at once and at most `queue` wait; past that, clients are told to retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from coopkg.errors import (
    ClientGone,
    CoopkgError,
    Overloaded,
    QueryCrashed,
    QueryTimeout,
    StoreUnavailable,
    codes,
)
from coopkg.graph.store import ReaderSpec, Store
from coopkg.i18n import N_

from .worker import serve_forever

__all__ = ["Answer", "QueryExecutor"]

_CTX = multiprocessing.get_context("spawn")


def _failed(reply: tuple[Any, ...]) -> CoopkgError:
    """The error a worker's ("error", code, message) stands for."""
    return codes()[reply[1]](reply[2])


@dataclass
class Answer:
    media_type: str
    path: str
    form: str


class _Worker:
    def __init__(self, spec: ReaderSpec) -> None:
        self.conn, child = _CTX.Pipe()
        self.proc = _CTX.Process(target=serve_forever, args=(child, spec), daemon=True,
                                 name="coopkg-query")
        self.proc.start()
        child.close()
        self.generation = self._ready()

    def _ready(self) -> int:
        try:
            reply = self.conn.recv()
        except EOFError:
            raise StoreUnavailable(N_("查询进程无法打开存储")) from None
        if reply[0] != "ready":
            raise _failed(reply)
        return int(reply[1])

    def reopen(self, spec: ReaderSpec) -> None:
        try:
            self.conn.send(("open", spec))
        except (OSError, ValueError):
            raise _Gone from None
        self.generation = self._ready()

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


class QueryExecutor:
    """A bounded pool of query workers over one store."""

    def __init__(self, store: Store, *, workers: int = 2, timeout_s: float = 30.0,
                 queue: int = 16) -> None:
        self.store = store
        self.timeout_s = timeout_s
        self._size = max(1, workers)
        self._queue = max(0, queue)
        self._waiting = 0
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._results = tempfile.mkdtemp(prefix="coopkg-results-")
        self._local = store.reader_spec() is None  # a store in memory: no other process
        self._renewing: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        if self._local:
            return
        spec = self.store.reader_spec()
        assert spec is not None
        for _ in range(self._size):
            w = await asyncio.to_thread(_Worker, spec)
            self._all.append(w)
            self._idle.put_nowait(w)

    async def stop(self) -> None:
        for task in self._renewing:
            task.cancel()
        for w in self._all:
            await asyncio.to_thread(w.stop)
        self._all.clear()
        shutil.rmtree(self._results, ignore_errors=True)

    def result_path(self) -> str:
        return os.path.join(self._results, uuid.uuid4().hex)

    async def run(self, request: dict[str, Any], *, timeout_s: float | None = None,
                  gone: Callable[[], Awaitable[bool]] | None = None) -> Answer:
        """Answer a query into a result file (the caller streams and removes it). `gone`
        says whether the client has left: then its query is stopped (ClientGone)."""
        assert self._idle is not None, "executor not started"
        deadline = timeout_s if timeout_s is not None else self.timeout_s
        request = {**request, "path": self.result_path()}
        if self._local:
            return await asyncio.to_thread(self._run_here, request)
        if self._idle.empty() and self._waiting >= self._queue:
            raise Overloaded(N_("{workers} 个查询进程都在忙，另有 {waiting} 个查询在等待；"
                                "请稍后重试", workers=self._size, waiting=self._waiting))
        self._waiting += 1
        try:
            worker = await self._idle.get()
        finally:
            self._waiting -= 1
        returned: _Worker | None = worker  # back to the pool when done (unless renewed)
        try:
            if not worker.proc.is_alive():  # ended by something else since its last query
                worker = returned = await asyncio.to_thread(self._replace, worker)
            try:
                return await self._asked(worker, request, deadline, gone)
            except _Gone:  # it ended between that check and the query: once more, afresh
                worker = returned = await asyncio.to_thread(self._replace, worker)
                return await self._asked(worker, request, deadline, gone)
        except (QueryTimeout, _Crashed, ClientGone) as e:
            _discard(request["path"])
            # Answered at the deadline: the worker is ended now (its CPU freed) and a fresh
            # one takes its place in the background (starting one takes seconds).
            worker.proc.kill()
            task = asyncio.create_task(self._renew(worker))
            self._renewing.add(task)
            task.add_done_callback(self._renewing.discard)
            returned = None
            if isinstance(e, _Crashed):
                raise QueryCrashed(N_("这个查询使回答它的进程停止了；其他一切未受影响，下一个查询"
                                      "照常回答")) from None
            raise
        except CoopkgError:
            _discard(request["path"])
            raise
        finally:
            if returned is not None:
                self._idle.put_nowait(returned)

    async def _asked(self, worker: _Worker, request: dict[str, Any], deadline: float,
                     gone: Callable[[], Awaitable[bool]] | None) -> Answer:
        spec = self.store.reader_spec()
        if spec is not None and worker.generation != spec.generation:
            await asyncio.to_thread(worker.reopen, spec)
        asked = asyncio.ensure_future(asyncio.to_thread(self._ask, worker, request, deadline))
        while gone is not None and not asked.done():
            await asyncio.wait([asked], timeout=0.25)
            if not asked.done() and await gone():
                worker.proc.kill()  # the thread's wait ends at once: the pipe closes
                with contextlib.suppress(_Crashed):
                    await asked
                raise ClientGone(N_("客户端已离开；它的查询已停止"))
        return await asked

    async def _renew(self, worker: _Worker) -> None:
        """Put a fresh worker in the pool in place of an ended one (the ended one itself if
        none can start now: the next query to take it tries again, and says why not)."""
        assert self._idle is not None
        try:
            worker = await asyncio.to_thread(self._replace, worker)
        finally:
            self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        if worker in self._all:  # not when a renewal before failed to start its successor
            self._all.remove(worker)
        spec = self.store.reader_spec()
        assert spec is not None
        fresh = _Worker(spec)
        self._all.append(fresh)
        return fresh

    def _run_here(self, request: dict[str, Any]) -> Answer:
        from .worker import _answer

        reply = _answer(self.store, request)
        if reply[0] == "error":
            _discard(request["path"])
            raise _failed(reply)
        return Answer(media_type=request["media_type"], path=request["path"], form=reply[1])

    @staticmethod
    def _ask(worker: _Worker, request: dict[str, Any], deadline: float) -> Answer:
        conn = worker.conn
        try:
            conn.send(("query", request))
        except (OSError, ValueError):
            raise _Gone from None
        start = time.monotonic()
        try:
            if not conn.poll(deadline):
                raise QueryTimeout(N_("查询超过了 {deadline} 秒的时限，在 {after} 秒后被停止",
                                      deadline=format(deadline, "g"),
                                      after=format(time.monotonic() - start, ".1f")))
            reply = conn.recv()
        except (EOFError, ConnectionError, OSError):
            raise _Crashed from None
        if reply[0] == "error":
            raise _failed(reply)
        return Answer(media_type=request["media_type"], path=request["path"], form=reply[1])


class _Crashed(Exception):
    """The worker process died while answering."""


class _Gone(_Crashed):
    """The worker process had ended before it was given the query."""


def _discard(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
