"""Research fields and areas: the names a declared field may take (every zh and en name
of the direction's fields and those below them), and the research areas a three-party
call asks for (3.0)."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from coopkg.vocab import CK

from .base import Builder, Context, Outcome, Rule

__all__ = ["RULES", "field_names"]


def field_names(kg: Graph, tops: list[Any]) -> tuple[set[str], bool, bool]:
    """Every zh and en name of these fields and the fields below them; whether any list
    is open-ended (包括但不限于); whether any says 领域不限."""
    names: set[str] = set()
    open_ended = unrestricted = False
    todo = list(tops)
    while todo:
        f = todo.pop()
        for o in kg.objects(f, SKOS.prefLabel):
            names.add(str(o))
            if str(o) == "领域不限":
                unrestricted = True
        if kg.value(f, CK.openEnded) is not None:
            open_ended = True
        todo.extend(kg.objects(f, SKOS.narrower))
    return names, open_ended, unrestricted


def research_areas(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = ctx.kg, Builder(g)
    areas = sorted(str(a) for a in kg.objects(c, CK.researchArea))
    n = kg.value(c, CK.minCount)
    if not areas or n is None:
        return None
    prop = b.prop(CK.researchArea, qualifiedValueShape=b.node(
        in_=[Literal(a) for a in sorted(areas)]), qualifiedMinCount=int(n))
    return ([prop], "SHACL Core", f"≥{n} of the research areas {', '.join(areas)}", "proposal",
            (f"研究领域须至少包括{'、'.join(areas)}中的{n}个。",
             f"the research areas must include at least {n} of {', '.join(areas)}."))
RULES: dict[str, Rule] = {"research-area-count": research_areas}
