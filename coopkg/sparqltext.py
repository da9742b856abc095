"""Reading SPARQL text without parsing it: a small lexer that finds keywords outside
strings, IRIs and comments (so "SERVICE" inside a literal does not count, and a keyword
in lower case does), and the form of a query."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Token", "levels", "nesting_depth", "query_form", "spans", "tokens"]

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<string>"{3}.*?"{3}|'{3}.*?'{3}|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*:?[A-Za-z0-9_\-.]*|:[A-Za-z0-9_\-.]*)
  | (?P<var>[?$][A-Za-z0-9_]+)
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)


class Token(NamedTuple):
    kind: str  # iri, string, word, var, other
    value: str
    start: int  # offset in the text, so a caller can insert text beside a token


def spans(text: str) -> list[Token]:
    """Every token but comments, with where it starts."""
    return [Token(m.lastgroup or "", m.group(), m.start()) for m in _TOKEN.finditer(text)
            if m.lastgroup != "comment"]


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every token but comments; kinds: iri, string, word, var, other."""
    return [(t.kind, t.value) for t in spans(text)]


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first such keyword after the prologue)."""
    for kind, value in tokens(text):
        if kind == "word" and value.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return value.upper()
    return None


MAX_DEPTH = 256


def levels(toks: list[Token]) -> list[int]:
    """The bracket level of each token: 0 outside every bracket; a bracket has the level
    of the text around it, so a pair of matching brackets share theirs."""
    out, level = [], 0
    for t in toks:
        closing = t.kind == "other" and t.value in ")}]"
        if closing:
            level -= 1
        out.append(level)
        if t.kind == "other" and t.value in "({[":
            level += 1
    return out


def nesting_depth(text: str) -> int:
    """How deeply brackets nest in the text, outside strings, IRIs and comments."""
    toks = spans(text)
    return max((lv + 1 for t, lv in zip(toks, levels(toks), strict=True)
                if t.kind == "other" and t.value in "({["), default=0)


def check_nesting(text: str, *, what: str = "query") -> None:
    """Refuse text that nests brackets beyond MAX_DEPTH: the SPARQL parser recurses once
    per level, and a deep enough nest overflows its stack and ends the process."""
    from coopkg.errors import MalformedQuery, MalformedUpdate
    from coopkg.i18n import N_

    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        error = MalformedUpdate if what == "update" else MalformedQuery
        raise error(N_("更新有语法错误：括号嵌套 {depth} 层；最多接受 {limit} 层", depth=depth,
                       limit=MAX_DEPTH) if what == "update" else
                    N_("查询有语法错误：括号嵌套 {depth} 层；最多接受 {limit} 层", depth=depth,
                       limit=MAX_DEPTH))
