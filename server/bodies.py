"""Request text: what a body or a query string says, in UTF-8 only.

SPARQL 1.1 Protocol §2.1.2–2.2.2: query and update bodies, and the parameters of a form,
are UTF-8. A body declared in another charset is refused (415) and bytes that are not
UTF-8 are refused where they are (400), instead of being read with replacement characters
that would change the query, or the data stored, without a word.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.requests import Request

from coopkg.errors import NotUtf8, UnsupportedMediaType
from coopkg.i18n import N_, Message

__all__ = ["content_type", "form_pairs", "query_pairs", "utf8"]


def content_type(request: Request) -> tuple[str, str | None]:
    """The request's media type (lower case, no parameters) and its charset, if given."""
    media, *params = request.headers.get("content-type", "").split(";")
    charset = None
    for param in params:
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


BODY, FORM, URL = N_("请求内容"), N_("表单"), N_("URL 参数")


def utf8(body: bytes, *, charset: str | None = None, what: Message = BODY) -> str:
    """The body as text; UnsupportedMediaType when it is declared in another charset,
    NotUtf8 when its bytes are not UTF-8."""
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaType(N_("{what}须以 UTF-8 编码（收到的是 {charset}）", what=what,
                                      charset=charset))
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NotUtf8(N_("{what}不是 UTF-8：第 {offset} 个字节无法读取", what=what,
                         offset=e.start)) from None


def _pairs(text: str, what: Message) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as e:
        raise NotUtf8(N_("{what}中有不是 UTF-8 的百分号编码：{bytes}", what=what,
                         bytes=repr(e.object[e.start:e.end]))) from None


def query_pairs(request: Request) -> dict[str, list[str]]:
    """The parameters of the request's URL."""
    return _pairs(request.url.query, URL)


def form_pairs(body: bytes, charset: str | None = None) -> dict[str, list[str]]:
    """The parameters of an application/x-www-form-urlencoded body."""
    return _pairs(utf8(body, charset=charset, what=FORM), FORM)
