"""Requirement shapes, generated from a guide's Requirement nodes.

For each clause of each 其他要求 item the generator looks up the rule for its kind
(`shapes.rules`, one module per family of kinds) and writes a SHACL shape for it (SHACL
Core where Core can say it, SHACL-SPARQL where it cannot), or a manual-check shape that
reports it as sh:Info. Implicit requirements (`shapes.implicit`) get shapes of their own.
A different guide therefore yields its own shapes; nothing here names a direction.

Severity comes from the clause's modality through the vocabulary (ck:shaclSeverity).
Every shape carries ck:requirementId ("3.4/2", "3.4/lead", "guide/duration"), the clause
it enforces, its Chinese text and sh:message in zh and en; `ShapeSet.coverage` lists how
every requirement is enforced (`shapes.coverage`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from coopkg.graph.store import plain_graph
from coopkg.i18n import N_, Message
from coopkg.vocab import CK

from .coverage import Coverage
from .implicit import direction_exists, implicit_shapes
from .rules import RULES
from .rules.base import Context, Covered, labels, local
from .rules.manual import manual_check, why_manual

__all__ = ["Coverage", "ShapeSet", "code_key", "generate_shapes"]


@dataclass
class ShapeSet:
    """A guide's shapes: common ones, and per direction (each targeting ck:Proposal, to be
    applied to that direction's proposals), plus the coverage listing."""

    guide_id: str
    common: Graph
    by_direction: dict[str, Graph]
    directions: dict[str, Any]
    coverage: list[Coverage] = field(default_factory=list)
    titles: dict[URIRef, dict[str, str]] = field(default_factory=dict)

    def for_direction(self, code: str | None) -> Graph:
        g = Graph()
        for t in self.common:
            g.add(t)
        if code in self.by_direction:
            for t in self.by_direction[code]:
                g.add(t)
        return g

    def standalone(self) -> Graph:
        """All shapes in one graph, each direction's shapes targeted by a SPARQL target
        (SHACL Advanced Features) at the proposals of its direction."""
        out = plain_graph()
        out.bind("sh", SH)
        out.bind("ck", CK)
        for t in self.common:
            out.add(t)
        for code, g in self.by_direction.items():
            direction = self.directions[code]
            for s, p, o in g:
                if p == SH.targetClass and o == CK.Proposal:
                    target = BNode()
                    out.add((s, SH.target, target))
                    out.add((target, RDF.type, SH.SPARQLTarget))
                    out.add((target, SH.select, Literal(
                        f"SELECT ?this WHERE {{ ?this <{CK.direction}> <{direction}> }}")))
                else:
                    out.add((s, p, o))
        return out


def generate_shapes(kg: Graph, guide: URIRef) -> ShapeSet:
    """Shapes for the proposals to `guide`, from the guide graph `kg` (which must also hold
    the ontology's vocabularies and the reference data)."""
    ctx = Context.of(kg, guide)
    codes: dict[str, Any] = {str(kg.value(d, CK.code)): d
                             for d in kg.objects(guide, CK.hasDirection)}
    directions = dict(sorted(codes.items(), key=lambda kv: code_key(kv[0])))
    common = Graph()
    direction_exists(ctx, common, list(directions.values()))
    by_direction: dict[str, Graph] = {}
    for code, d in directions.items():
        g = by_direction[code] = Graph()
        implicit_shapes(ctx, code, d, g)
        for r in sorted(kg.objects(d, CK.requirement),
                        key=lambda r: int(str(kg.value(r, CK.number)))):
            _requirement(ctx, code, d, r, g)
    titles = {d: labels(kg, d) for d in directions.values()}
    return ShapeSet(ctx.guide_id, common, by_direction, directions, ctx.coverage, titles)


def _requirement(ctx: Context, code: str, d: Any, r: Any, g: Graph) -> None:
    """The shapes of one 其他要求 item: one per clause."""
    kg = ctx.kg
    n = int(str(kg.value(r, CK.number)))
    rid = f"{code}/{n}"
    for c in sorted(kg.objects(r, CK.clause), key=str):
        kind = kg.value(c, CK.kind)
        modality = kg.value(c, CK.modality)
        text = str(kg.value(c, CK.text) or kg.value(r, CK.text))
        # The item's unofficial English, quoted in English messages as the Chinese is in
        # Chinese ones (the clause has none of its own: the item's is the nearest).
        text_en = next((f" Requirement (unofficial translation): {o}" for o in
                        kg.objects(r, CK.textTranslation) if getattr(o, "language", "") == "en"),
                       "")
        kind_labels = labels(kg, kind)
        slug = local(kind)
        severity = ctx.severity(modality)
        if severity is None:
            ctx.cover(code, rid, slug, local(modality), "informational",
                      N_("只陈述信息或目的，不约束任何人"), text)
            continue
        rule = RULES.get(slug)
        outcome = rule(ctx, c, d, g) if rule else None
        if isinstance(outcome, tuple):
            items, method, why, scope, detail = outcome
            name_zh, name_en = kind_labels.get("zh", slug), kind_labels.get("en", slug)

            def say(zh: str, en: str) -> tuple[str, str]:
                return (f"方向{code}其他要求第{n}条（{name_zh}）：{zh}原文：{text}",  # noqa: B023
                        f"Direction {code}, requirement {n} ({name_en}): {en}"  # noqa: B023
                        f"{text_en}")  # noqa: B023

            props = [p if isinstance(p, BNode) else p[0] for p in items]
            details = {p[0]: say(p[1], p[2]) for p in items if isinstance(p, tuple)}
            zh, en = say(*detail)
            ctx.shape(g, ctx.iri(code, str(n), slug), props, rid=rid, severity=severity,
                      zh=zh, en=en, enforces=c, scope=scope, text_zh=text, details=details)
            ctx.cover(code, rid, slug, local(modality), method, why, text)
        elif isinstance(outcome, Covered):
            ctx.cover(code, rid, slug, local(modality), "covered", outcome.why, text)
        else:
            said = outcome if isinstance(outcome, Message) else why_manual(kg, kind)
            manual_check(ctx, g, code, rid, slug, modality, c, said,
                         zh=f"方向{code}其他要求第{n}条（{kind_labels.get('zh', slug)}）需人工核查："
                            f"{text}",
                         en=f"Direction {code}, requirement {n} "
                            f"({kind_labels.get('en', slug)}) is checked by hand: {said}."
                            f"{text_en}",
                         text=text)


def code_key(code: str) -> tuple[int, ...]:
    return tuple(int(x) for x in code.split(".") if x.isdigit())
