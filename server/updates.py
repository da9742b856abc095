"""The dataset of a SPARQL Update sent through the protocol.

SPARQL 1.1 Protocol §2.2.3 (https://www.w3.org/TR/sparql11-protocol/#update-dataset):
`using-graph-uri` and `using-named-graph-uri` act as USING and USING NAMED on every
operation of the request that has a WHERE clause, and a request that names a dataset both
ways (the parameters, and USING, USING NAMED or WITH in the text) is refused.

The stores take no dataset beside an update (Oxigraph's API has none), so the parameters
are written into the text as the clauses they stand for. Keywords are found with
`coopkg.sparqltext`'s lexer, so a "WHERE" in a string, an IRI or a comment is left alone.
A `DELETE WHERE { P }` (which may not carry USING) becomes the equivalent
`DELETE { P } USING … WHERE { P }`.
"""

from __future__ import annotations

from collections.abc import Sequence

from coopkg.errors import DatasetTwice
from coopkg.sparqltext import levels, spans

__all__ = ["with_dataset"]


def with_dataset(text: str, *, default: Sequence[str] = (), named: Sequence[str] = ()) -> str:
    """The update with USING <g> for each of `default` and USING NAMED <g> for each of
    `named` before the WHERE of every operation (DatasetTwice when the text names a
    dataset too). IRIs must already be checked absolute."""
    if not default and not named:
        return text
    toks = spans(text)
    for t in toks:
        if t.kind == "word" and t.value.upper() in ("USING", "WITH"):
            raise DatasetTwice(
                f"the update names its dataset with {t.value.upper()} and the request with "
                "using-graph-uri / using-named-graph-uri: give one or the other")
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
