"""Query results for people: plain terms for tables, ASK answers, graphs as Turtle."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import pyoxigraph as ox
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

__all__ = ["plain", "render", "table"]

_TEXT_MIN = 8
_NUMBER = re.compile(r"^[-+]?(\d[\d,]*)(\.\d+)?([eE][-+]?\d+)?$")


def plain(term: object) -> str:
    """A term as a person reads it: IRIs and literals without quotes or datatypes."""
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term.value
    return str(term)


def table(names: Sequence[str], rows: Sequence[Sequence[str]], *, width: int) -> RenderableType:
    """Rows for a person at `width` columns: a table whose text may fold but whose numbers
    are never cut; where even the numbers do not fit side by side, one block per row with
    a line per column."""
    numeric = [bool(rows) and all(_NUMBER.match(r[i]) or not r[i] for r in rows)
               for i in range(len(names))]
    # A number column is as wide as its longest number; a text column gets at least a few
    # characters (it folds). Each column costs 3 more (padding and rule), plus the edge.
    widths = [max((cell_len(r[i]) for r in rows), default=1) if numeric[i] else
              min(max((cell_len(r[i]) for r in rows), default=1), _TEXT_MIN)
              for i in range(len(names))]
    if sum(w + 3 for w in widths) + 1 > width:
        blocks: list[RenderableType] = []
        label = max((cell_len(n) for n in names), default=0)
        for k, row in enumerate(rows):
            if k:
                blocks.append(Text(""))
            for name, value in zip(names, row, strict=True):
                blocks.append(Text(f"{name}{' ' * (label - cell_len(name))}  {value}"))
        return Group(*blocks)
    out = Table(show_lines=False)
    for i, name in enumerate(names):
        # min_width keeps every number whole; headers and text may fold.
        out.add_column(name, justify="right" if numeric[i] else "left", overflow="fold",
                       min_width=widths[i])
    for row in rows:
        out.add_row(*row)
    return out


def render(result: bool | list[ox.Triple], fmt: str) -> str | bytes:
    """An ASK answer (true/false, or SPARQL JSON) or a graph (Turtle) for the CLI.
    SELECT results are written by the store's own serialisers."""
    if isinstance(result, bool):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result})
        return "true" if result else "false"
    return ox.serialize(result, format=ox.RdfFormat.TURTLE) or b""
