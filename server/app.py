"""The app factory: SPARQL protocol, Graph Store protocol, validation API, linked data and
web pages over one store.

    create_app(settings, store=…) → FastAPI app (served by uvicorn)

Queries run in worker processes with a deadline (server.executor); everything that touches
the store from a request runs off the event loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from coopkg import __version__
from coopkg.errors import CoopkgError, RequestError, codes
from coopkg.graph.locate import open_store
from coopkg.graph.store import Store

from .executor import QueryExecutor
from .headers import SecurityHeaders
from .limits import RequestLimits
from .problems import problem, problem_for
from .routers import eligibility as eligibility_routes
from .routers import graphstore, linked, pages, proposal, search, sparql, validation, views
from .settings import Settings
from .state import AppState

__all__ = ["create_app"]

log = logging.getLogger("coopkg.server")


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """An app serving `store` (opened from settings.store when not given)."""
    store = store if store is not None else open_store(settings.store)
    executor = QueryExecutor(store, workers=settings.query_workers,
                             timeout_s=settings.query_timeout_s, queue=settings.query_queue)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await executor.start()
        # Read each guide's shapes while the first requests are already answered, so the
        # first validation does not wait for them.
        warming = asyncio.create_task(asyncio.to_thread(app.state.coopkg.warm))
        try:
            yield
        finally:
            warming.cancel()
            await executor.stop()

    app = FastAPI(
        title="coopkg", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        description="SPARQL access to China's intergovernmental S&T cooperation calls: the "
                    "SPARQL 1.1 Protocol at /sparql, the Graph Store Protocol at /store, "
                    "proposal validation at /validate, and linked data for every IRI under "
                    "https://w3id.org/coopkg/.")
    app.state.coopkg = AppState(settings=settings, store=store, executor=executor)

    if settings.cors_origins:  # off unless origins are named; never with credentials
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_credentials=False,
                           allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
                           allow_headers=["Accept", "Content-Type", "Authorization"])

    app.add_middleware(RequestLimits, max_body_bytes=settings.max_body_bytes,
                       log_requests=settings.log_requests)
    app.add_middleware(SecurityHeaders)  # outermost: on every answer, the limits' too

    # The one place errors become answers: coopkg's own by their code and status,
    # Starlette's (404, 405, 413 from the limits) by theirs, anything else as a bug.
    by_status = {cls.status: cls for cls in codes().values() if issubclass(cls, RequestError)
                 and cls.code in ("NOT_FOUND", "METHOD_NOT_ALLOWED", "BODY_TOO_LARGE")}

    @app.exception_handler(StarletteHTTPException)
    async def http_errors(request: Request, exc: StarletteHTTPException) -> Response:
        cls = by_status.get(exc.status_code)
        response = (problem_for(cls(str(exc.detail))) if cls is not None else
                    problem(exc.status_code, RequestError.code, str(exc.detail)))
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return response

    @app.exception_handler(CoopkgError)
    async def coopkg_errors(request: Request, exc: CoopkgError) -> Response:
        return problem_for(exc)

    @app.exception_handler(Exception)
    async def bugs(request: Request, exc: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return problem_for(CoopkgError())  # 500 INTERNAL_ERROR, nothing of the bug's text

    @app.get("/health", tags=["operations"], summary="Liveness and store readiness")
    def health() -> dict[str, object]:
        return {"status": "ok", "version": __version__, "generation": store.generation(),
                "triples": app.state.coopkg.size()}

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """The API documentation, with Swagger UI served from this server (no CDN)."""
        return get_swagger_ui_html(openapi_url="/openapi.json", title="coopkg API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    app.mount("/static", StaticFiles(directory=str(pages.STATIC)), name="static")
    app.include_router(sparql.router)
    app.include_router(graphstore.router)
    app.include_router(validation.router)
    app.include_router(eligibility_routes.router)
    app.include_router(proposal.router)
    app.include_router(pages.router)
    app.include_router(views.router)
    app.include_router(search.router)
    app.include_router(linked.router)  # last: its /{path} dereferences minted IRIs
    return app
