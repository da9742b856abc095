"""Bindings for stores without SEP-0007 substitution: the query text with an inlined
`VALUES` block at the start of its outermost WHERE group.

Oxigraph binds variables before evaluation (`substitutions`); a SPARQL 1.1 server only
takes text. Placing `VALUES` first in the outermost group (SPARQL 1.1 §10.2.1 inline
data, https://www.w3.org/TR/sparql11-query/#inline-data) joins the bound values with the
whole group, so FILTERs in that group see them as they do under substitution. Terms are
written in their N-Triples form (`str(term)` of a pyoxigraph term), which is valid SPARQL;
no user text is ever formatted into a query.

Finding that group needs only a small tokenizer that knows what may hold a brace or a
keyword without being one: strings in all four quote styles, IRIs, comments, variables
and prefixed names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from coopkg.errors import MalformedQuery, QueryError
from coopkg.i18n import N_

from .store import Term

__all__ = ["dataset_clauses", "inline_values", "insert_data_as_template", "query_form"]

FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")

# SPARQL 1.1 §19.8 IRIREF, made lenient about characters a server would refuse anyway
# (braces, `|`): a `<` that reaches a space before its `>` is the less-than operator.
_NO_FORM = N_("查询有语法错误：找不到 SELECT、CONSTRUCT、ASK 或 DESCRIBE")
_IRI = re.compile(r'<[^<>"\x00-\x20]*>')
_VARNAME = re.compile(r"^[^\W][\w\u00B7\u0300-\u036F\u203F-\u2040]*$")
# A run of name characters: keywords, prefixed names (ex:where), numbers, variables.
_WORD = re.compile(r"[?$]?[\w\-.:%\\\u00B7\u00C0-\uFFFF]+")


@dataclass(frozen=True)
class _Token:
    kind: str  # "{", "}", "(", ")", "word", "other"
    text: str
    start: int
    end: int


def _tokens(query: str) -> Iterator[_Token]:
    """Braces, parentheses and bare words; strings, IRIs and comments are skipped."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
        elif c in "\"'":
            i = _string_end(query, i)
        elif c == "<":
            m = _IRI.match(query, i)
            j = m.end() if m else i + 1
            yield _Token("other", query[i:j], i, j)
            i = j
        elif c in "{}()":
            yield _Token(c, c, i, i + 1)
            i += 1
        else:
            m = _WORD.match(query, i)
            if m is None:
                yield _Token("other", c, i, i + 1)
                i += 1
            else:
                yield _Token("word", m.group(), i, m.end())
                i = m.end()


def _string_end(query: str, i: int) -> int:
    quote = query[i]
    if query.startswith(quote * 3, i):
        j = i + 3
        while j < len(query):
            if query[j] == "\\":
                j += 2
            elif query.startswith(quote * 3, j):
                # """a"""" ends at the last three quotes of a run
                while query.startswith(quote * 4, j):
                    j += 1
                return j + 3
            else:
                j += 1
        raise MalformedQuery(N_("查询有语法错误：第 {offset} 个字符处以 {quote} 开始的字符串"
                                "没有结束", quote=quote * 3, offset=i))
    j = i + 1
    while j < len(query):
        if query[j] == "\\":
            j += 2
        elif query[j] == quote:
            return j + 1
        elif query[j] in "\r\n":
            break
        else:
            j += 1
    raise MalformedQuery(N_("查询有语法错误：第 {offset} 个字符处以 {quote} 开始的字符串"
                            "在本行没有结束", quote=quote, offset=i))


def _keyword(tok: _Token) -> str | None:
    if tok.kind != "word" or tok.text[0] in "?$" or ":" in tok.text:
        return None
    return tok.text.upper()


def query_form(query: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first form keyword after the prologue."""
    for tok in _tokens(query):
        kw = _keyword(tok)
        if kw in FORMS:
            return kw
    raise MalformedQuery(_NO_FORM)


def dataset_clauses(query: str) -> tuple[list[str], list[str]]:
    """The IRIs of the query's FROM and FROM NAMED clauses (prefixed names expanded), to
    send as the protocol's default-graph-uri and named-graph-uri: some servers with a
    union default graph (Oxigraph's --union-default-graph) let it override FROM."""
    tokens = list(_tokens(query))
    prefixes: dict[str, str] = {}
    default: list[str] = []
    named: list[str] = []
    form_seen = False
    for k, t in enumerate(tokens):
        kw = _keyword(t)
        if kw == "PREFIX" and not form_seen and k + 2 < len(tokens):
            prefixes[tokens[k + 1].text.lower().rstrip(":")] = tokens[k + 2].text[1:-1]
        elif kw in FORMS:
            form_seen = True
        elif kw == "FROM" and form_seen:
            j = k + 2 if _keyword(tokens[k + 1]) == "NAMED" else k + 1
            target = tokens[j].text
            if target.startswith("<") and target.endswith(">"):
                iri = target[1:-1]
            elif ":" in target:
                prefix, local = target.split(":", 1)
                if prefix.lower() not in prefixes:
                    raise MalformedQuery(N_("查询有语法错误：FROM 中的前缀 {prefix}: 未声明",
                                        prefix=prefix))
                iri = prefixes[prefix.lower()] + local
            else:
                raise MalformedQuery(N_("查询有语法错误：FROM 之后须是 IRI，而不是 {target}",
                                    target=repr(target)))
            (named if j == k + 2 else default).append(iri)
        elif t.kind == "{" and form_seen:
            break
    return default, named


def _sparql_term(name: str, term: object) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term)
    kind = type(term).__name__
    raise QueryError(N_("无法把 ?{name} 绑定为 {kind}：VALUES 中只能写 IRI 和字面量",
                        name=name, kind=kind))


def _values_block(bindings: Mapping[str, object]) -> str:
    names = []
    for name in bindings:
        if not _VARNAME.match(name):
            raise QueryError(N_("无法绑定 {name}：不是 SPARQL 变量名", name=repr(name)))
        names.append(name)
    terms = " ".join(_sparql_term(n, bindings[n]) for n in names)
    variables = " ".join(f"?{n}" for n in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def _matching(tokens: list[_Token], k: int) -> int:
    """Index of the `}` closing the `{` at tokens[k]."""
    depth = 0
    for j in range(k, len(tokens)):
        if tokens[j].kind == "{":
            depth += 1
        elif tokens[j].kind == "}":
            depth -= 1
            if depth == 0:
                return j
    raise MalformedQuery(N_("查询有语法错误：有一个 {brace} 没有闭合", brace="`{`"))


def _where_group(tokens: list[_Token]) -> tuple[str, int | None]:
    """The query form and the index of the `{` opening the outermost WHERE group (None:
    a DESCRIBE without one)."""
    k = next((j for j, t in enumerate(tokens) if _keyword(t) in FORMS), None)
    if k is None:
        raise MalformedQuery(_NO_FORM)
    form = _keyword(tokens[k])
    assert form is not None
    j = k + 1
    if form == "CONSTRUCT" and j < len(tokens) and tokens[j].kind == "{":
        j = _matching(tokens, j) + 1  # the template, not the WHERE group
    parens = 0
    for m in range(j, len(tokens)):
        t = tokens[m]
        if t.kind == "(":
            parens += 1
        elif t.kind == ")":
            parens -= 1
        elif t.kind == "{" and parens == 0:
            return form, m
        elif form == "DESCRIBE" and parens == 0 and _keyword(t) in (
                "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP", "HAVING"):
            break
    if form == "DESCRIBE":
        return form, None
    raise MalformedQuery(N_("查询有语法错误：这个 {form} 查询没有 WHERE 部分", form=form))


def _projection(tokens: list[_Token], group: int | None, form: str) -> set[str] | None:
    """The variables the outermost SELECT projects or DESCRIBE describes (None: *)."""
    start = next(j for j, t in enumerate(tokens) if _keyword(t) == form)
    names: set[str] = set()
    parens = 0
    after_as = False
    for t in tokens[start + 1:group]:
        if t.kind == "(":
            parens += 1
        elif t.kind == ")":
            parens -= 1
        elif t.text == "*" and parens == 0:
            return None
        elif t.kind == "word" and t.text[0] in "?$" and (parens == 0 or after_as):
            names.add(t.text[1:])
        after_as = _keyword(t) == "AS"
    return names


def inline_values(query: str, bindings: Mapping[str, Term] | None
                  ) -> str:
    """`query` with `bindings` (variable name → IRI or literal) as one row of a VALUES block
    at the start of its outermost WHERE group. No bindings: the query as it is."""
    if not bindings:
        return query
    values = _values_block(bindings)
    tokens = list(_tokens(query))
    form, k = _where_group(tokens)
    if form in ("SELECT", "DESCRIBE"):
        shown = _projection(tokens, k, form)
        hidden = [n for n in bindings if shown is not None and n not in shown]
        if hidden:
            # The Store interface's rule (Oxigraph's for substitutions): one behaviour
            # whichever store answers.
            raise QueryError(N_("?{name} 已绑定，但 SELECT 子句没有列出它；请把它加入 SELECT 子句",
                                name=hidden[0]) if form == "SELECT" else
                             N_("?{name} 已绑定，但 {form} 子句没有列出它；请把它加入 {form} 子句",
                                name=hidden[0], form=form))
    if k is None:
        # DESCRIBE ?x with no WHERE: give it one that binds ?x.
        tail = next((t.start for t in tokens if _keyword(t) in (
            "ORDER", "LIMIT", "OFFSET", "VALUES")), len(query))
        return f"{query[:tail].rstrip()} WHERE {{ {values} }} {query[tail:]}".rstrip()
    brace = tokens[k]
    _matching(tokens, k)  # the group is closed
    if form == "CONSTRUCT" and _keyword(tokens[k - 1]) == "WHERE" and _keyword(
            tokens[k - 2]) == "CONSTRUCT":
        # CONSTRUCT WHERE { T } allows only triples in T: spell out its template.
        close = tokens[_matching(tokens, k)]
        template = query[brace.end:close.start]
        return (f"{query[:tokens[k - 1].start]}{{{template}}} WHERE {{ {values}{template}}}"
                f"{query[close.end:]}")
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if nxt is not None and _keyword(nxt) == "SELECT":
        # `{ SELECT … }` is a subquery standing for the whole group: VALUES cannot precede
        # it inside the same braces, so the subquery becomes a group of its own.
        close = tokens[_matching(tokens, k)]
        return (f"{query[:brace.end]} {values} {{{query[brace.end:close.start]}}} "
                f"{query[close.start:]}")
    return f"{query[:brace.end]} {values}{query[brace.end:]}"


def insert_data_as_template(update: str) -> str:
    """Every `INSERT DATA { … }` holding a blank node written as `INSERT { … } WHERE { }`:
    the same triples with fresh blank nodes (SPARQL 1.1 Update §3.1.1 and §3.1.3), for
    servers that refuse blank nodes in INSERT DATA (Virtuoso: "not allowed in a constant
    clause")."""
    tokens = list(_tokens(update))
    edits: list[tuple[int, int, str]] = []
    for k in range(len(tokens) - 2):
        if (_keyword(tokens[k]) == "INSERT" and _keyword(tokens[k + 1]) == "DATA"
                and tokens[k + 2].kind == "{"):
            close = _matching(tokens, k + 2)
            if any(t.kind == "word" and t.text.startswith("_:")
                   for t in tokens[k + 3:close]):
                edits.append((tokens[close].end, tokens[close].end, " WHERE { }"))
                edits.append((tokens[k + 1].start, tokens[k + 1].end, ""))
    for start, end, text in sorted(edits, reverse=True):
        update = update[:start] + text + update[end:]
    return update
