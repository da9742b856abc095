"""Request limits and the access log, as plain ASGI middleware.

Body size is counted as the bytes arrive, so a chunked upload with no Content-Length is
stopped too (413), and nothing is buffered here. Being plain ASGI (not Starlette's
BaseHTTPMiddleware), it passes the client's disconnect through, so a query whose client
left is stopped (see server.executor).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coopkg.errors import BodyTooLarge
from coopkg.i18n import N_

from .problems import problem_for

__all__ = ["RequestLimits"]

log = logging.getLogger("coopkg.server")


class RequestLimits:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, log_requests: bool) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.log_requests = log_requests

    def _too_large(self) -> BodyTooLarge:
        return BodyTooLarge(N_("请求内容以 {limit} 字节为限", limit=self.max_body_bytes))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        state: dict[str, Any] = {"status": 0, "received": 0}
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body_bytes:
            await problem_for(self._too_large())(scope, receive, send)
            state["status"] = 413
        else:
            async def counted() -> Message:
                message = await receive()
                if message["type"] == "http.request":
                    state["received"] += len(message.get("body", b""))
                    if state["received"] > self.max_body_bytes:
                        raise self._too_large()
                return message

            async def seen(message: Message) -> None:
                if message["type"] == "http.response.start":
                    state["status"] = message["status"]
                await send(message)

            await self.app(scope, counted, seen)
        if self.log_requests:
            log.info("%s %s %s %.1f ms", scope.get("method"), scope.get("path"),
                     state["status"], (time.perf_counter() - start) * 1000)
