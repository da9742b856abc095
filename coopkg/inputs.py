"""Input from outside, checked before any parser sees it, the same way at every door (the
server's bodies, the proposal reader, `coopkg load`):

- XML never brings a DTD: an external entity would be fetched or read from disk, an
  internal one silently changes the data (or multiplies it: "billion laughs");
- JSON-LD never names a context to fetch (our own proposal context excepted);
- text is UTF-8, never read with replacement characters.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from coopkg.errors import InputError, NotUtf8
from coopkg.i18n import N_

__all__ = ["check_context", "refuse_dtd", "refuse_dtd_in", "utf8_text"]

_DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD_BYTES = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1 << 20


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _dtd_refused(kind: str, line: int, source: str) -> InputError:
    return InputError(N_("第 {line} 行：含有 <!{kind} …> 声明的 XML 被拒绝（实体从不展开）；"
                         "请发送不含 DTD 的 RDF/XML", line=line, kind=kind.upper()),
                      source=source)


def refuse_dtd(text: str, source: str) -> None:
    """Refuse XML with a document type or entity declarations."""
    m = _DTD.search(text)
    if m:
        raise _dtd_refused(m.group(1), text.count("\n", 0, m.start()) + 1, source)


def refuse_dtd_in(stream: _Readable, source: str) -> None:
    """The same for a file of any size, read in chunks (a declaration split across two
    chunks is still found)."""
    tail, lines = b"", 0
    while chunk := stream.read(_CHUNK):
        data = tail + chunk
        m = _DTD_BYTES.search(data)
        if m:
            raise _dtd_refused(m.group(1).decode(), lines + data.count(b"\n", 0, m.start()) + 1,
                               source)
        keep = len(data) - 8  # shorter than "<!ENTITY": a declaration cut at the boundary
        lines += data.count(b"\n", 0, keep)
        tail = data[keep:]


def check_context(value: Any, source: str, *, own: str | None = None) -> Any:
    """A JSON-LD @context without what would be fetched: inline contexts are kept, `own`
    (a context we serve ourselves) is dropped (the caller supplies it), any other IRI,
    at any depth or through @import, is refused."""
    if isinstance(value, str):
        if own is not None and value == own:
            return None
        raise InputError(N_("不会获取远程 @context {value}；请使用 {ours} 或内嵌的 context",
                            value=repr(value), ours=own or "—"),
                         path="@context", source=source)
    if isinstance(value, list):
        return [v for v in (check_context(v, source, own=own) for v in value) if v is not None]
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "@import" or (isinstance(v, dict) and "@context" in v):
                check_context(v if k == "@import" else v["@context"], source, own=own)
    return value


def utf8_text(data: bytes, source: str) -> str:
    """Bytes as UTF-8 text (a byte order mark dropped), or NotUtf8 saying where."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise NotUtf8(N_("不是 UTF-8 文本：第 {offset} 个字节无法读取", offset=e.start),
                      source=source) from None
