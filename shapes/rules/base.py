"""What every rule module shares: the shape builder, the generation context that annotates
shapes and records coverage, and small helpers over the guide graph.

A rule is `rule(ctx, clause, direction, g) -> Outcome`: it writes property shapes into `g`
and returns them with how they check the clause, or a message saying why a person must
check it instead (`Covered` when another shape already enforces it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeAlias

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS

from coopkg.i18n import Message, Texts
from coopkg.vocab import BASE, CK, ORG_TYPE

from ..coverage import Coverage

__all__ = ["CN", "RESEARCH", "SIDE", "Builder", "Context", "Covered", "Outcome", "Prop", "Rule",
           "foreign", "labels", "local", "values"]

CN = URIRef(f"{BASE}partner/CN")
RESEARCH = (ORG_TYPE.university, ORG_TYPE.research_institute)
SIDE = BASE + "vocab/side/"
_SHACL = "http://www.w3.org/ns/shacl#"

# (property shapes, method, why, scope, (detail zh, detail en)), or `Covered(why)` when
# another shape enforces the clause, else the reason it is checked by hand. A property
# shape may come as (shape, detail zh, detail en) where it fails for a reason of its own
# (the "2+2" model: which side lacks what).
Prop: TypeAlias = "BNode | tuple[BNode, str, str]"
Outcome: TypeAlias = ("tuple[Sequence[Prop], str, Message, str, tuple[str, str]] | Covered"
                      " | Message | None")
Rule: TypeAlias = "Callable[[Context, Any, Any, Graph], Outcome]"


@dataclass(frozen=True)
class Covered:
    """A clause another shape already enforces, and which one (said in zh and en)."""

    why: Message


class Builder:
    """Writes shapes into one graph; small helpers keep each rule a few lines."""

    def __init__(self, g: Graph) -> None:
        self.g = g

    def list(self, items: Iterable[Any]) -> BNode:
        head = BNode()
        Collection(self.g, head, list(items))
        return head

    def prop(self, path: Any, **constraints: Any) -> BNode:
        node = BNode()
        self.g.add((node, SH.path, path))
        self.constraints(node, constraints)
        return node

    def node(self, *props: BNode, **constraints: Any) -> BNode:
        node = BNode()
        for p in props:
            self.g.add((node, SH.property, p))
        self.constraints(node, constraints)
        return node

    def path(self, *steps: Any) -> BNode:
        return self.list(steps)

    def constraints(self, node: Any, constraints: dict[str, Any]) -> None:
        for key, value in constraints.items():
            if value is None:
                continue
            # sh:in, sh:or, sh:and, sh:not are Python keywords: written with a trailing _.
            pred = URIRef(f"{_SHACL}{key.rstrip('_')}")
            if key in ("in_", "or_", "and_"):
                value = self.list(value)
            if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and key in (
                    "minCount", "maxCount", "qualifiedMinCount", "qualifiedMaxCount"):
                value = Literal(int(value))
            self.g.add((node, pred, value))

    # Participant conditions (each a node shape over one participant).
    def has(self, prop: URIRef, value: Any) -> BNode:
        return self.node(self.prop(prop, hasValue=value))

    def among(self, prop: URIRef, values: Sequence[Any]) -> BNode:
        if len(values) == 1:  # sh:hasValue is cheaper to check than a one-item sh:in
            return self.has(prop, values[0])
        return self.node(self.prop(prop, minCount=1, in_=values))

    def lacks(self, prop: URIRef, value: Any) -> BNode:
        return self.node(not_=self.has(prop, value))

    def at_least(self, n: int, *conditions: BNode, path: URIRef = CK.participant) -> BNode:
        cond = conditions[0] if len(conditions) == 1 else self.node(and_=conditions)
        return self.prop(path, qualifiedValueShape=cond, qualifiedMinCount=n)

    def at_most(self, n: int, *conditions: BNode, path: URIRef = CK.participant) -> BNode:
        cond = conditions[0] if len(conditions) == 1 else self.node(and_=conditions)
        return self.prop(path, qualifiedValueShape=cond, qualifiedMaxCount=n)

    def every(self, condition: BNode, path: URIRef = CK.participant) -> BNode:
        return self.prop(path, node=condition)


@dataclass
class Context:
    """One guide's shape generation: the guide graph it reads, the coverage it records,
    and the one place shapes get their annotations."""

    kg: Graph
    guide: URIRef
    guide_id: str
    year: int
    coverage: list[Coverage]

    @classmethod
    def of(cls, kg: Graph, guide: URIRef) -> Context:
        year = kg.value(guide, CK.year)
        return cls(kg, guide, str(kg.value(guide, CK.guideId)),
                   int(str(year)) if year is not None else date.today().year, [])

    def iri(self, *parts: str) -> URIRef:
        return URIRef(f"{BASE}shapes/{self.guide_id}/" + "/".join(parts))

    def severity(self, modality: Any) -> Any:
        return self.kg.value(modality, CK.shaclSeverity)

    def cover(self, code: str, rid: str, kind: str, modality: str, method: str,
              why: Message | Texts, text: str = "") -> None:
        self.coverage.append(Coverage(code, rid, kind, modality, method, Texts.of(why), text))

    def shape(self, g: Graph, iri: URIRef, props: Sequence[BNode], *, rid: str,
              severity: URIRef, zh: str, en: str, enforces: Any = None,
              scope: str = "proposal", text_zh: str = "",
              node_constraints: dict[str, Any] | None = None,
              allowed: Sequence[str] = (),
              details: dict[Any, tuple[str, str]] | None = None) -> URIRef:
        """A node shape over proposals with its property shapes, each annotated with the
        requirement id, severity, bilingual message, scope, the clause it enforces and,
        where a value is chosen from a list, the allowed values as a person reads them.
        `details` gives a property shape a message of its own."""
        b = Builder(g)
        g.add((iri, RDF.type, SH.NodeShape))
        g.add((iri, SH.targetClass, CK.Proposal))
        for p in props:
            # A SPARQL-based constraint belongs to the shape itself; the rest are property shapes.
            kind = SH.sparql if (p, RDF.type, SH.SPARQLConstraint) in g else SH.property
            g.add((iri, kind, p))
        props = [p for p in props if (p, RDF.type, SH.SPARQLConstraint) not in g]
        if node_constraints:
            b.constraints(iri, node_constraints)
        for node in (iri, *props):
            g.add((node, CK.requirementId, Literal(rid)))
            g.add((node, SH.severity, severity))
            own_zh, own_en = (details or {}).get(node, (zh, en))
            g.add((node, SH.message, Literal(own_zh, lang="zh")))
            g.add((node, SH.message, Literal(own_en, lang="en")))
            g.add((node, CK.scope, Literal(scope)))
            if enforces is not None:
                g.add((node, CK.enforces, enforces))
            for v in allowed:
                g.add((node, CK.allowedValue, Literal(v)))
        g.add((iri, RDFS.label, Literal(f"{rid} 核查规则", lang="zh")))
        g.add((iri, RDFS.label, Literal(f"Shape for requirement {rid}", lang="en")))
        if text_zh:
            g.add((iri, RDFS.comment, Literal(text_zh, lang="zh")))
        return iri


def labels(kg: Graph, node: Any) -> dict[str, str]:
    """A node's zh and en label (skos:prefLabel first, then rdfs:label)."""
    out: dict[str, str] = {}
    for p in (SKOS.prefLabel, RDFS.label):
        for o in kg.objects(node, p):
            if isinstance(o, Literal) and o.language and o.language not in out:
                out[o.language] = str(o)
    return out


def local(term: Any) -> str:
    return str(term).rsplit("/", 1)[-1]


def named(kg: Graph, term: Any, lang: str) -> str:
    """A vocabulary term as the graph names it in `lang` (its notation where unnamed)."""
    return labels(kg, term).get(lang) or local(term)


def values(kg: Graph, c: Any, p: URIRef) -> list[Any]:
    return sorted(kg.objects(c, p), key=str)


def foreign(b: Builder, condition: BNode) -> BNode:
    """Every participant outside China meets `condition`."""
    return b.every(b.node(or_=[b.has(CK.country, CN), condition]))
