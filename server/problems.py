"""Errors as application/problem+json (RFC 9457) with stable codes; never a traceback.

Routers raise the errors of `coopkg.errors` (each with its code and status) and the app's
one handler answers them with `problem_for`; anything else a request raises is a bug,
answered 500 INTERNAL_ERROR with nothing of its text (the traceback goes to the log).

A problem is answered in the request's language (`?lang=`, then `Accept-Language`): its
`title` is the stable code, its `detail` a sentence from the catalogue. A browser (an
Accept that prefers text/html) gets the same as an HTML page with the site's navigation;
machines keep problem+json. The response decides both when it is sent, from the request
it answers, so every router (and the ASGI limits, which have no request object) just
calls `problem(status, code, detail)`.

`detail` is a `coopkg.i18n.Message` where the caller composed it, rendered in the
request's language; a plain string (the words of another component: a SPARQL parser, a
store) is kept as it is, after the code's own sentence in the request's language.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from fastapi.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from coopkg import i18n
from coopkg.errors import CoopkgError, InputError, ProposalError, codes
from coopkg.i18n import Message

from .negotiation import choose

__all__ = ["CODES", "Problem", "problem", "problem_for"]

# What each stable code means, said to a person.
CODES: dict[str, Message] = {code: cls.meaning for code, cls in codes().items()}

_BROWSER = ["application/problem+json", "application/json", "text/html"]


class Problem(JSONResponse):
    """A problem+json response that speaks the language of the request it answers, and
    HTML to a browser."""

    media_type = "application/problem+json"

    def __init__(self, status: int, code: str, detail: str | Message, *,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        self.code = code
        self.detail = detail
        self.extra = extra
        self.status_code = status
        super().__init__(self._body("en"), status_code=status, headers=headers,
                         media_type=self.media_type)

    def describe(self, lang: str) -> str:
        """The detail in `lang`: a composed message as such, another component's words
        after what the code means."""
        if isinstance(self.detail, Message):
            return self.detail.render(lang)
        meaning = CODES.get(self.code)
        if lang == "en" and self.detail:
            return self.detail  # written in English by the component that refused
        if meaning is None:
            return self.detail or self.code
        if not self.detail or self.detail == _phrase(self.status_code):
            return meaning.render(lang)
        return i18n._("{meaning}：{detail}", lang, meaning=meaning.render(lang),
                      detail=self.detail)

    def _body(self, lang: str) -> dict[str, Any]:
        extra = {k: ([{**e, "detail": i18n.render(e["detail"], lang)} if isinstance(e, dict)
                      and "detail" in e else e for e in v] if k == "errors" else v)
                 for k, v in self.extra.items()}
        return {"type": "about:blank", "title": self.code, "status": self.status_code,
                "detail": self.describe(lang), **extra}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        from .templating import lang_of_scope, render_page

        lang = lang_of_scope(scope) if scope.get("type") == "http" else i18n.DEFAULT_LANG
        accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
        html = "text/html" in accept and choose(accept, _BROWSER) == "text/html"
        if html:
            from starlette.requests import Request

            body = render_page("error.html", Request(scope), lang=lang, status=self.status_code,
                               code=self.code, detail=self.describe(lang),
                               meaning=i18n.render(CODES.get(self.code, self.code), lang),
                               errors=[{"path": e.get("path"), "detail":
                                        i18n.render(e.get("detail", ""), lang)}
                                       for e in self.extra.get("errors", [])
                                       if isinstance(e, dict)]).encode("utf-8")
            self.headers["content-type"] = "text/html; charset=utf-8"
        else:
            body = json.dumps(self._body(lang), ensure_ascii=False, allow_nan=False,
                              separators=(",", ":")).encode("utf-8")
        self.body = body
        self.headers["content-length"] = str(len(body))
        self.headers["content-language"] = "zh-CN" if lang == "zh" else "en"
        vary = self.headers.get("vary")
        self.headers["vary"] = ", ".join(v for v in (vary, "Accept, Accept-Language") if v)
        await super().__call__(scope, receive, send)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def problem(status: int, code: str, detail: str | Message, **extra: object) -> Problem:
    headers = {"Retry-After": "5"} if status == 503 else None
    return Problem(status, code, detail, headers=headers, **extra)


def problem_for(error: CoopkgError) -> Problem:
    """The answer to an error raised while serving a request: its code, its status, its
    detail and whatever else it carries (the problems at their paths, the results)."""
    extra = dict(error.extra)
    if isinstance(error, InputError) and error.path is not None:
        extra.setdefault("path", error.path)
    if (isinstance(error, InputError) and len(error.problems) > 1) or isinstance(
            error, ProposalError):
        extra.setdefault("errors", [{"path": p.path, "detail": p.text} for p in error.problems])
    response = problem(error.status, error.code, error.detail, **extra)
    response.headers.update(error.headers)
    return response
