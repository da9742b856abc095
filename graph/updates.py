"""The dataset of a SPARQL Update sent through the protocol.

SPARQL 1.1 Protocol §2.2.3 (https://www.w3.org/TR/sparql11-protocol/#update-dataset):
`using-graph-uri` and `using-named-graph-uri` act as USING and USING NAMED on every
operation of the request that has a WHERE clause, and a request that names a dataset both
ways (the parameters, and USING, USING NAMED or WITH in the text) is refused.

pyoxigraph's API takes no dataset beside an update, so for the embedded store the
parameters are written into the text as the clauses they stand for (`with_dataset`); a
remote store sends them as the protocol's parameters, and may lift a single operation's
own USING clauses into them (`lift_using`: `oxigraph serve --union-default-graph`
refuses USING in the text but takes the parameters). Keywords are found with
`coopkg.sparqltext`'s lexer, so a "WHERE" in a string, an IRI or a comment is left alone.
A `DELETE WHERE { P }` (which may not carry USING) becomes the equivalent
`DELETE { P } USING … WHERE { P }`.
"""

from __future__ import annotations

from collections.abc import Sequence

from coopkg.errors import DatasetTwice
from coopkg.i18n import N_
from coopkg.sparqltext import Token, levels, spans

__all__ = ["check_dataset", "lift_using", "with_dataset"]


def check_dataset(text: str, *, default: Sequence[str] = (), named: Sequence[str] = ()
                  ) -> list[Token]:
    """The update's tokens, once it is clear it does not name its dataset twice."""
    toks = spans(text)
    if default or named:
        for t in toks:
            if t.kind == "word" and t.value.upper() in ("USING", "WITH"):
                raise DatasetTwice(N_(
                    "更新以 {keyword} 指明了数据集，请求又以 using-graph-uri / "
                    "using-named-graph-uri 指明：二者只能给出其一", keyword=t.value.upper()))
    return toks


def lift_using(text: str) -> tuple[str, list[str], list[str]] | None:
    """A one-operation update's own `USING <iri>` / `USING NAMED <iri>` clauses taken out
    of the text, as (text, default, named); None when there are none, or when taking
    them out would change what the update means (several operations, WITH, an IRI
    written as a prefixed or relative name)."""
    toks = spans(text)
    level = levels(toks)
    if any(level[i] == 0 and t.value == ";" for i, t in enumerate(toks)) or \
            any(t.kind == "word" and t.value.upper() == "WITH" for t in toks):
        return None
    default: list[str] = []
    named: list[str] = []
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "word" and t.value.upper() == "USING":
            is_named = i + 1 < len(toks) and toks[i + 1].value.upper() == "NAMED"
            j = i + 2 if is_named else i + 1
            if j >= len(toks) or toks[j].kind != "iri" or ":" not in toks[j].value:
                return None
            (named if is_named else default).append(toks[j].value[1:-1])
            cuts.append((t.start, toks[j].start + len(toks[j].value)))
            i = j
        i += 1
    if not cuts:
        return None
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text, default, named


def with_dataset(text: str, *, default: Sequence[str] = (), named: Sequence[str] = ()) -> str:
    """The update with USING <g> for each of `default` and USING NAMED <g> for each of
    `named` before the WHERE of every operation. IRIs must already be checked absolute."""
    toks = check_dataset(text, default=default, named=named)
    if not default and not named:
        return text
    using = " ".join([*(f"USING <{g}>" for g in default),
                      *(f"USING NAMED <{g}>" for g in named)]) + " "
    level = levels(toks)
    inserts: list[tuple[int, str]] = []  # (offset, text), in text order
    for i, t in enumerate(toks):
        if level[i] or t.kind != "word" or t.value.upper() != "WHERE":
            continue
        clause = using
        after = i + 1
        if i and toks[i - 1].value.upper() == "DELETE" and after < len(toks) \
                and toks[after].value == "{":
            # DELETE WHERE { P } → DELETE { P } USING … WHERE { P }: the same quads as
            # template and pattern (DELETE WHERE allows no blank nodes, so this is exact).
            close = next((j for j in range(after + 1, len(toks))
                          if level[j] == 0 and toks[j].value == "}"), None)
            if close is not None:
                pattern = text[toks[after].start:toks[close].start + 1]
                clause = f"{pattern} {using}"
        inserts.append((t.start, clause))
    for offset, clause in reversed(inserts):
        text = text[:offset] + clause + text[offset:]
    return text
