"""What a query may reach: SERVICE, LOAD and FROM / FROM NAMED are refused unless they name
the store's own graphs (or, for SERVICE, an allow-listed endpoint).

Keywords are found by `coopkg.sparqltext`'s lexer, outside strings, IRIs and comments.
The server applies it to every query and update, and `coopkg query` to its queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from coopkg.errors import QueryRefused
from coopkg.i18n import N_
from coopkg.sparqltext import query_form
from coopkg.sparqltext import tokens as _tokens

__all__ = ["check_query", "query_form"]


def check_query(text: str, *, has_graph: Callable[[str], bool], services: Iterable[str] = ()
                ) -> list[str]:
    """Raise QueryRefused for SERVICE / LOAD / FROM that leave the store (`has_graph`
    says which graphs it holds); return the IRIs of the FROM and FROM NAMED clauses."""
    allowed = set(services)
    toks = _tokens(text)
    used: list[str] = []
    for i, (kind, value) in enumerate(toks):
        if kind != "word":
            continue
        word = value.upper()
        nxt = toks[i + 1] if i + 1 < len(toks) else ("", "")
        if word == "SERVICE":
            target = toks[i + 2] if nxt[1].upper() == "SILENT" and i + 2 < len(toks) else nxt
            iri = target[1][1:-1] if target[0] == "iri" else None
            if iri is None or iri not in allowed:
                raise QueryRefused(
                    N_("SERVICE {target} 被拒绝：联邦查询已关闭（没有允许的端点）",
                       target=target[1]) if not allowed else
                    N_("SERVICE {target} 被拒绝：允许列表以外的端点不可联邦查询（{allowed}）",
                       target=target[1], allowed=", ".join(sorted(allowed))))
        elif word == "LOAD":
            raise QueryRefused(N_("LOAD 被拒绝：服务器不获取远程数据"))
        elif word == "FROM":
            target = toks[i + 2] if nxt[1].upper() == "NAMED" and i + 2 < len(toks) else nxt
            iri = target[1][1:-1] if target[0] == "iri" else target[1]
            if not has_graph(iri):
                raise QueryRefused(N_("FROM <{iri}> 被拒绝：只能指明存储自己的图（见服务描述）",
                                      iri=iri))
            used.append(iri)
    return used
