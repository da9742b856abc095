"""Query workers: separate processes, each with a read-only view of the store (a private
link to its newest checkpoint, or a connection to the remote server) and no copy of the
data. A worker answers one query at a time, writing the result with the store's own
serialiser into a file the server then streams; a query past its deadline is stopped by
ending the process.

Messages from the server: ("open", ReaderSpec) when the store has a new generation, and
("query", request). Answers: ("ok", form) or ("error", code, message), the code one of
coopkg.errors' stable codes, the message a catalogue Message (said in the request's language)
or text.
"""

from __future__ import annotations

import contextlib
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from coopkg.errors import CoopkgError, QueryError, StoreError, StoreUnavailable
from coopkg.graph.locate import open_reader
from coopkg.graph.store import Dataset, ReaderSpec, Store
from coopkg.i18n import N_

__all__ = ["serve_forever"]


def _answer(store: Store, req: dict[str, Any]) -> tuple[Any, ...]:
    dataset = Dataset(default_graphs=req.get("default_graphs") or (),
                      named_graphs=req.get("named_graphs") or (),
                      in_query=bool(req.get("dataset_in_query")))
    # IRIs to bind (a named view's direction), sent as text: checked IRIs, never spliced
    bindings = {k: ox.NamedNode(v) for k, v in (req.get("iri_bindings") or {}).items()}
    try:
        with open(req["path"], "wb") as out:
            form = store.query_to(req["query"], out, req["media_type"], dataset=dataset,
                                  base_iri=req.get("base_iri"), bindings=bindings or None)
    except QueryError as e:
        # the message itself, said later in the language of the request it answers
        return ("error", e.code, e.detail)
    except (CoopkgError, OSError) as e:
        why = e.detail if isinstance(e, CoopkgError) else str(e)
        return ("error", StoreError.code, N_("存储无法作答：{why}", why=why))
    return ("ok", form)


def serve_forever(conn: Connection, spec: ReaderSpec) -> None:
    """The worker's loop (the target of each worker process)."""
    store: Store | None = None
    try:
        store = open_reader(spec)
        conn.send(("ready", store.generation()))
        while True:
            try:
                message = conn.recv()
            except (EOFError, KeyboardInterrupt):
                return
            if message[0] == "open":
                store.close()
                store = open_reader(message[1])
                conn.send(("ready", store.generation()))
            elif message[0] == "query":
                conn.send(_answer(store, message[1]))
            elif message[0] == "stop":
                return
    except CoopkgError as e:
        with contextlib.suppress(OSError):
            conn.send(("error", StoreUnavailable.code, e.detail))
    finally:
        if store is not None:
            store.close()
