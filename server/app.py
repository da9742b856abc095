"""The HTTP face of the graph: a SPARQL endpoint over the store (FastAPI).

GET /sparql?query=… and POST /sparql (form-encoded or application/sparql-query):
SELECT and ASK answer in SPARQL JSON results, CONSTRUCT and DESCRIBE in Turtle.
Queries run in the worker thread pool, never on the event loop.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from coopkg import __version__
from coopkg.errors import QueryError
from coopkg.graph.store import GraphStore

from .settings import Settings

__all__ = ["create_app"]

_JSON = "application/sparql-results+json"
_TURTLE = "text/turtle"


def _problem(status: int, code: str, detail: str) -> JSONResponse:
    return JSONResponse({"type": "about:blank", "title": code, "status": status,
                         "detail": detail}, status_code=status,
                        media_type="application/problem+json")


def create_app(settings: Settings, *, store: GraphStore | None = None) -> FastAPI:
    """An app serving `store` (opened from settings.store when not given)."""
    store = store if store is not None else GraphStore(settings.store)
    app = FastAPI(title="coopkg", version=__version__,
                  description="SPARQL access to China's intergovernmental S&T cooperation "
                              "calls.")

    def run(query: str) -> Response:
        try:
            result = store.query(query)
        except QueryError as e:
            return _problem(400, "MALFORMED_QUERY", str(e))
        if isinstance(result, ox.QueryTriples):
            body = ox.serialize(list(result), format=ox.RdfFormat.TURTLE) or b""
            return Response(body, media_type=_TURTLE)
        if isinstance(result, ox.QueryBoolean):
            return JSONResponse({"head": {}, "boolean": bool(result)}, media_type=_JSON)
        body = result.serialize(format=ox.QueryResultsFormat.JSON) or b""
        return Response(body, media_type=_JSON)

    @app.get("/sparql", summary="SPARQL query (GET)")
    def sparql_get(query: Annotated[str | None, Query()] = None) -> Response:
        if not query:
            return _problem(400, "MISSING_QUERY", "pass the SPARQL query as ?query=…")
        return run(query)

    @app.post("/sparql", summary="SPARQL query (POST)")
    async def sparql_post(request: Request) -> Response:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if len(body) > settings.max_body_bytes:
            return _problem(413, "BODY_TOO_LARGE", f"body over {settings.max_body_bytes} bytes")
        if ctype == "application/sparql-query":
            query = body.decode("utf-8", errors="replace")
        elif ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", errors="replace"))
            query = (form.get("query") or [""])[0]
        else:
            return _problem(415, "UNSUPPORTED_MEDIA_TYPE",
                            "send application/sparql-query or a form with `query`")
        if not query:
            return _problem(400, "MISSING_QUERY", "no query in the request")
        return await run_in_threadpool(run, query)

    @app.get("/health", summary="Liveness and store readiness")
    def health() -> dict[str, object]:
        return {"status": "ok", "triples": len(store)}

    return app
