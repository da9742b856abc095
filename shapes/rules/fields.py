"""Research fields and areas: the names a declared field may take (every name of the
direction's fields and of those below them, see `FieldNames`), and the research areas a
three-party call asks for (3.0)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.namespace import SKOS

from coopkg.i18n import N_
from coopkg.vocab import CK

from .base import Builder, Context, Outcome, Rule

__all__ = ["RULES", "FieldNames", "field_names", "matches"]


@dataclass
class FieldNames:
    """The ways a declared field may name one of a direction's fields: its Chinese label
    (食品科学), the text as the guide prints it with its parenthetical or 包括 part
    (生物技术（重点支持抗击新冠肺炎疫情相关领域科研合作）), its English label in any case
    ("food science"), or its IRI."""

    names: set[str] = field(default_factory=set)
    shown: list[str] = field(default_factory=list)  # the Chinese labels, for messages
    open_ended: bool = False  # a list 包括但不限于: a field outside it is a warning
    unrestricted: bool = False  # 领域不限: any field

    def pattern(self) -> Literal:
        """One regular expression (matched with flag "i") accepting exactly these names:
        SHACL Core's sh:pattern is the only Core constraint that can ignore case."""
        ordered = sorted(self.names, key=lambda n: (-len(n), n))  # longest first
        alternatives = "|".join(re.escape(n) for n in ordered)
        return Literal(f"^\\s*(?:{alternatives})\\s*$")


def field_names(kg: Graph, tops: list[Any]) -> FieldNames:
    """Every name of these fields and the fields below them (see `FieldNames`)."""
    out = FieldNames()
    todo, seen = list(tops), set()
    while todo:
        f = todo.pop(0)
        if f in seen:
            continue
        seen.add(f)
        out.names.add(str(f))
        for o in kg.objects(f, SKOS.prefLabel):
            out.names.add(str(o))
            if isinstance(o, Literal) and o.language == "zh":
                out.shown.append(str(o))
            if str(o) == "领域不限":
                out.unrestricted = True
        for o in kg.objects(f, CK.text):
            out.names.add(str(o))
        if kg.value(f, CK.openEnded) is not None:
            out.open_ended = True
        todo.extend(sorted(kg.objects(f, SKOS.narrower), key=str))
    return out


def matches(b: Builder, names: FieldNames) -> BNode:
    """A node shape over one ck:fieldName value: it is one of `names`."""
    return b.node(pattern=names.pattern(), flags=Literal("i"))


def research_areas(ctx: Context, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = ctx.kg, Builder(g)
    areas = sorted(str(a) for a in kg.objects(c, CK.researchArea))
    n = kg.value(c, CK.minCount)
    if not areas or n is None:
        return None
    prop = b.prop(CK.researchArea, qualifiedValueShape=b.node(
        in_=[Literal(a) for a in sorted(areas)]), qualifiedMinCount=int(n))
    return ([prop], "SHACL Core", N_("研究领域 {areas} 中至少 {n} 个", n=n,
                                             areas=", ".join(areas)), "proposal",
            (f"研究领域须至少包括{'、'.join(areas)}中的{n}个。",
             f"the research areas must include at least {n} of {', '.join(areas)}."))
RULES: dict[str, Rule] = {"research-area-count": research_areas}
