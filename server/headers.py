"""Security headers, as plain ASGI middleware: every answer says `X-Content-Type-Options:
nosniff`; an HTML page also gets a Content-Security-Policy that it satisfies, and may not
be framed by another site (`frame-ancestors 'none'`, and `X-Frame-Options` for browsers
that predate it).

The pages' own scripts are inline; rather than allowing every inline script
('unsafe-inline', which would let an injected one run), the policy lists the SHA-256 of
each inline script of the page it is sent with, so exactly those run. Styles may be
inline (the pages indent trees with style attributes; the query editor sets styles as it
draws). Everything else comes from this server: nothing is loaded from another origin.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["SecurityHeaders", "policy_for"]

_SCRIPT = re.compile(rb"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
# A type that is not a script's (JSON data for the page): never run, so not listed.
_DATA = re.compile(rb"""\btype\s*=\s*["']?(?!(text|application)/(java|ecma)script|module)""",
                   re.I)
_SRC = re.compile(rb"\bsrc\s*=", re.I)
_FIXED = ("default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
          "font-src 'self' data:", "connect-src 'self'", "object-src 'none'",
          "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'")


def policy_for(html: bytes) -> str:
    """The Content-Security-Policy of a page: its inline scripts by their hashes."""
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group("body")).digest()).decode() + "'"
        for m in _SCRIPT.finditer(html)
        if not _SRC.search(m.group("attrs")) and not _DATA.search(m.group("attrs"))})
    script = " ".join(["script-src 'self'", *hashes])
    return "; ".join([_FIXED[0], script, *_FIXED[1:]])


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: list[Message] = []  # an HTML page is held until its last part: then hashed

        async def headed(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
                if _is_html(headers):
                    held.append(message)
                    return
            elif held:
                held.append(message)
                if message.get("more_body", False):
                    return
                await _send_page(held, send)
                return
            await send(message)

        await self.app(scope, receive, headed)


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and v.lower().startswith(b"text/html")
               for k, v in headers)


async def _send_page(held: list[Message], send: Send) -> None:
    start, *parts = held
    body = b"".join(p.get("body", b"") for p in parts)
    headers = [*start["headers"], (b"content-security-policy", policy_for(body).encode()),
               (b"x-frame-options", b"DENY"), (b"referrer-policy", b"same-origin")]
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})
