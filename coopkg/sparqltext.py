"""Reading SPARQL text without parsing it: a small lexer that finds keywords outside
strings, IRIs and comments (so "SERVICE" inside a literal does not count, and a keyword
in lower case does), and the form of a query."""

from __future__ import annotations

import re

__all__ = ["query_form", "tokens"]

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<string>"{3}.*?"{3}|'{3}.*?'{3}|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*:?[A-Za-z0-9_\-.]*)
  | (?P<var>[?$][A-Za-z0-9_]+)
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every token but comments; kinds: iri, string, word, var, other."""
    return [(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(text)
            if m.lastgroup != "comment"]


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first such keyword after the prologue)."""
    for kind, value in tokens(text):
        if kind == "word" and value.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return value.upper()
    return None


MAX_DEPTH = 256


def nesting_depth(text: str) -> int:
    """How deeply brackets nest in the text, outside strings, IRIs and comments."""
    depth = deepest = 0
    for kind, value in tokens(text):
        if kind != "other":
            continue
        if value in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif value in ")}]":
            depth -= 1
    return deepest


def check_nesting(text: str, *, what: str = "query") -> None:
    """Refuse text that nests brackets beyond MAX_DEPTH: the SPARQL parser recurses once
    per level, and a deep enough nest overflows its stack and ends the process."""
    from coopkg.errors import QueryError

    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise QueryError(f"malformed {what}: brackets nest {depth} levels deep; at most "
                         f"{MAX_DEPTH} are accepted")
