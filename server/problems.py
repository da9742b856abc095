"""Errors as application/problem+json (RFC 9457) with stable codes; never a traceback.

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
from coopkg.i18n import N_, Message

from .negotiation import choose

__all__ = ["CODES", "Problem", "Refused", "problem", "unauthorised"]

# What each stable code means, said to a person.
CODES: dict[str, Message] = {
    "NOT_ACCEPTABLE": N_("无法以所请求的格式作答"),
    "MALFORMED_QUERY": N_("SPARQL 查询有语法错误"),
    "QUERY_REFUSED": N_("查询被拒绝"),
    "QUERY_FAILED": N_("查询无法执行"),
    "DATASET_TWICE": N_("数据集被指定了两次"),
    "UNKNOWN_GRAPH": N_("没有这个命名图"),
    "QUERY_TIMEOUT": N_("查询超时"),
    "OVERLOADED": N_("服务器繁忙，请稍后再试"),
    "CLIENT_GONE": N_("客户端已断开"),
    "QUERY_CRASHED": N_("查询进程意外退出"),
    "STORE_UNAVAILABLE": N_("数据存储暂时不可用"),
    "STORE_FAILED": N_("数据存储无法作答"),
    "DOUBLED_QUERY": N_("查询被给出了不止一次"),
    "UPDATE_VIA_GET": N_("更新须用 POST 发送"),
    "MISSING_QUERY": N_("缺少查询"),
    "DOUBLED_UPDATE": N_("更新被给出了不止一次"),
    "MISSING_UPDATE": N_("缺少更新"),
    "UNSUPPORTED_MEDIA_TYPE": N_("不支持这种内容类型"),
    "UPDATE_REFUSED": N_("更新被拒绝"),
    "MALFORMED_UPDATE": N_("SPARQL 更新有语法错误"),
    "UPDATE_FAILED": N_("更新失败"),
    "GRAPH_PARAMETER": N_("graph 参数有误"),
    "NO_SUCH_GRAPH": N_("没有这个命名图"),
    "UNREADABLE_BODY": N_("请求内容无法读取"),
    "WRITE_FAILED": N_("写入失败"),
    "UNUSABLE_PROPOSAL": N_("申报书无法使用"),
    "UNUSABLE_CONSORTIUM": N_("合作团队信息无法使用"),
    "PROPOSAL_DOES_NOT_CONFORM": N_("申报书不符合要求"),
    "UNKNOWN_GUIDE": N_("没有这份指南"),
    "BAD_LANG": N_("语言只能是 zh 或 en"),
    "EMPTY_BODY": N_("请求内容为空"),
    "UPDATES_DISABLED": N_("本服务器不接受写入"),
    "UNAUTHORISED": N_("写入需要授权"),
    "NOT_FOUND": N_("找不到这个页面"),
    "NO_SUCH_RESOURCE": N_("本数据集没有描述这个标识"),
    "NO_SUCH_VIEW": N_("没有这个视图"),
    "NO_SUCH_DIRECTION": N_("没有这个方向"),
    "VIEW_TAKES_NO_DIRECTION": N_("此视图不能按方向选取"),
    "METHOD_NOT_ALLOWED": N_("不支持这种请求方法"),
    "BODY_TOO_LARGE": N_("请求内容过大"),
    "QUERY_TOO_LONG": N_("查询过长"),
    "BAD_GRAPH_IRI": N_("图的 IRI 有误"),
    "HTTP_ERROR": N_("请求无法处理"),
    "NOT_UTF8": N_("内容不是 UTF-8"),
    "PDF_UNAVAILABLE": N_("无法生成 PDF"),
}

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


class Refused(Exception):
    """A request refused with a stable code: raised where the reason is found, answered as
    a problem by the app's one handler."""

    def __init__(self, status: int, code: str, detail: str | Message, **extra: object) -> None:
        super().__init__(str(detail))
        self.status, self.code, self.detail, self.extra = status, code, detail, extra

    def response(self) -> Problem:
        return problem(self.status, self.code, self.detail, **self.extra)


def problem(status: int, code: str, detail: str | Message, **extra: object) -> Problem:
    headers = {"Retry-After": "5"} if status == 503 else None
    return Problem(status, code, detail, headers=headers, **extra)


def unauthorised() -> Problem:
    """A write without the right bearer token."""
    response = problem(401, "UNAUTHORISED", N_("写入需要持有令牌（Authorization: Bearer …）"))
    response.headers["WWW-Authenticate"] = "Bearer"
    return response
