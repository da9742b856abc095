"""Errors as application/problem+json (RFC 9457) with stable codes; never a traceback."""

from __future__ import annotations

from fastapi.responses import JSONResponse

__all__ = ["problem", "unauthorised"]


def problem(status: int, code: str, detail: str, **extra: object) -> JSONResponse:
    body = {"type": "about:blank", "title": code, "status": status, "detail": detail, **extra}
    headers = {"Retry-After": "5"} if status == 503 else None
    return JSONResponse(body, status_code=status, media_type="application/problem+json",
                        headers=headers)


def unauthorised() -> JSONResponse:
    """A write without the right bearer token."""
    response = problem(401, "UNAUTHORISED", "a bearer token is needed to write")
    response.headers["WWW-Authenticate"] = "Bearer"
    return response
