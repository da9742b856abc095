"""What changed from one guide to another: directions removed, added and matched, each
match with every fact that differs.

Guides are renumbered from one year (or one draft) to the next, so directions are matched
by what they are, never by their code: first those whose title, partners and agreements
are all the same; then, among the rest, the most alike pairs (title text, shared partners,
shared agreements) that are alike enough, the same code winning a tie. A guide is compared
as RDF, whether it comes from the store (`guide/<id>`) or straight from its text (read by
the loaders), so both sources give one answer.

    d = diff(graph_a, graph_b)
    d.as_dict()  → {"removed": ["2.3"], "added": ["4.0"],
                    "matched": [{"a": "1.3", "b": "1.2", "changes": [{"what": "budget_cny",
                                                                       "a": 3000000, …}]}]}
    d.as_graph() → the same as a change set of ck:GuideDiff, ck:DirectionMatch, ck:Change
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from coopkg.i18n import N_, Message
from coopkg.vocab import CK, GRAPHS, PROV, RDF, RDFS, SKOS

if TYPE_CHECKING:
    from coopkg.graph.store import Store

__all__ = ["ASPECTS", "Change", "DirectionFacts", "GuideDiff", "Match", "aspect_name", "diff",
           "directions", "guide_from"]

# The facts compared, in the order changes are listed (requirement items come last).
ASPECTS = ("title", "partners", "agreements", "fields", "projects_min", "projects_max",
           "budget_cny", "budget_is_cap", "duration_min_years", "duration_max_years")
_ASPECT_NAMES = {
    "title": N_("标题"), "partners": N_("合作方"), "agreements": N_("合作协议"),
    "fields": N_("领域方向"), "projects_min": N_("拟支持项目数（下限）"),
    "projects_max": N_("拟支持项目数（上限）"), "budget_cny": N_("经费（元）"),
    "budget_is_cap": N_("经费为上限"), "duration_min_years": N_("实施周期下限（年）"),
    "duration_max_years": N_("实施周期上限（年）"),
}
# How alike two directions must be to be one call: weights of title, partners, agreements.
_WEIGHTS = (0.4, 0.3, 0.3)
_ALIKE = 0.6

Value = str | int | float | bool | list[str] | None


@dataclass(frozen=True)
class DirectionFacts:
    """The facts of one direction that a comparison looks at."""

    iri: str
    code: str
    order: int
    title: str
    partners: tuple[str, ...]
    agreements: tuple[str, ...]
    fields: tuple[str, ...]
    projects_min: int | None
    projects_max: int | None
    budget_cny: int | float | None
    budget_is_cap: bool | None
    duration_min_years: int | float | None
    duration_max_years: int | float | None
    requirements: tuple[str, ...] = ()

    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """What a direction is, whatever its code: title, partners, agreements."""
        return (self.title, self.partners, self.agreements)


@dataclass(frozen=True)
class Change:
    what: str
    a: Value
    b: Value

    def as_dict(self) -> dict[str, Value]:
        return {"what": self.what, "a": self.a, "b": self.b}


@dataclass(frozen=True)
class Match:
    a: DirectionFacts
    b: DirectionFacts
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"a": self.a.code, "b": self.b.code,
                "changes": [c.as_dict() for c in self.changes]}


@dataclass
class GuideDiff:
    """The comparison of guide A (`a_iri`) with guide B (`b_iri`)."""

    a_iri: str
    b_iri: str
    removed: list[DirectionFacts]
    added: list[DirectionFacts]
    matched: list[Match]

    def as_dict(self) -> dict[str, Any]:
        return {"removed": [d.code for d in self.removed], "added": [d.code for d in self.added],
                "matched": [m.as_dict() for m in self.matched]}

    def as_graph(self) -> Graph:
        """The comparison as a change set SPARQL can read (ck: change terms, PROV's
        wasRevisionOf from each later direction to the earlier one it continues)."""
        g = Graph()
        g.bind("ck", CK)
        g.bind("prov", PROV)
        node = BNode()
        g.add((node, RDF.type, CK.GuideDiff))
        g.add((node, CK.fromGuide, URIRef(self.a_iri)))
        g.add((node, CK.toGuide, URIRef(self.b_iri)))
        for d in self.removed:
            g.add((node, CK.removedDirection, URIRef(d.iri)))
        for d in self.added:
            g.add((node, CK.addedDirection, URIRef(d.iri)))
        for m in self.matched:
            match = BNode()
            g.add((node, CK.directionMatch, match))
            g.add((match, RDF.type, CK.DirectionMatch))
            g.add((match, CK.fromDirection, URIRef(m.a.iri)))
            g.add((match, CK.toDirection, URIRef(m.b.iri)))
            g.add((match, CK.fromCode, Literal(m.a.code)))
            g.add((match, CK.toCode, Literal(m.b.code)))
            if m.a.iri != m.b.iri:
                g.add((URIRef(m.b.iri), PROV.wasRevisionOf, URIRef(m.a.iri)))
            for c in m.changes:
                change = BNode()
                g.add((match, CK.change, change))
                g.add((change, RDF.type, CK.Change))
                g.add((change, CK.aspect, Literal(c.what)))
                for prop, value in ((CK.valueBefore, c.a), (CK.valueAfter, c.b)):
                    if value is not None:
                        g.add((change, prop, Literal(" | ".join(value) if isinstance(value, list)
                                                     else value)))
        return g

    def rows(self) -> Iterator[tuple[str, str, str, str, Value, Value]]:
        """(kind, code in A, code in B, what, value in A, value in B) for a table: every
        removed and added direction, every renumbering and every change."""
        for d in self.removed:
            yield ("removed", d.code, "", "", d.title, None)
        for d in self.added:
            yield ("added", "", d.code, "", None, d.title)
        for m in self.matched:
            if m.a.code != m.b.code and not m.changes:
                yield ("renumbered", m.a.code, m.b.code, "", None, None)
            for c in m.changes:
                yield ("changed", m.a.code, m.b.code, c.what, c.a, c.b)


def aspect_name(what: str) -> str | Message:
    """A compared fact as people call it (`requirement/2`: the second other requirement)."""
    if what.startswith("requirement/"):
        return N_("其他要求第 {n} 条", n=what.split("/", 1)[1])
    return _ASPECT_NAMES.get(what) or what


def guide_from(spec: str, store: Callable[[], Store]) -> tuple[str, Graph]:
    """A guide named on the command line: a guide text file (read by the loaders), else a
    guide id in the store (`store()` opens it only then). Returns (guide IRI, its graph)."""
    path = Path(spec)
    if path.is_file():
        from coopkg.loaders.guide import read_guide
        from coopkg.loaders.rdf import guide_graph
        from coopkg.vocab import guide_iri

        result = read_guide(path)
        graph, _notices = guide_graph(result.guide)
        return str(guide_iri(result.guide.guide_id)), graph
    from coopkg.guides import choose_guide
    from coopkg.vocab import guide_iri

    opened = store()
    gid = choose_guide(opened, spec)
    return str(guide_iri(gid)), opened.read_graph(str(GRAPHS.guide(gid)))


def _number(value: Node | None) -> int | float | None:
    if not isinstance(value, Literal):
        return None
    v = value.toPython()
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, Decimal, float)):
        return int(v) if v == int(v) else float(v)
    return None


def _zh(g: Graph, node: Node, prop: URIRef = RDFS.label) -> str:
    values = [o for o in g.objects(node, prop) if isinstance(o, Literal)]
    zh = [str(o) for o in values if o.language == "zh"]
    return (zh or [str(o) for o in values] or [""])[0]


def _sort_key(notation: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in notation.replace("/", ".").split("."))


def directions(g: Graph, guide: str) -> list[DirectionFacts]:
    """The facts of every direction of guide `guide` (its IRI) in graph `g`, in code
    order."""
    giri = URIRef(guide)
    typical = g.value(giri, CK.typicalDuration)
    out = []
    for d in g.objects(giri, CK.hasDirection):
        code = str(g.value(d, CK.code) or "")
        count = g.value(d, CK.projectCount)
        budget = g.value(d, CK.budget)
        period = g.value(d, CK.duration) or typical
        cap = g.value(budget, CK.isCap) if budget is not None else None
        top = sorted(g.objects(d, CK.field), key=lambda f: _sort_key(str(g.value(f, SKOS.notation)
                                                                         or "")))
        items = sorted(g.objects(d, CK.requirement),
                       key=lambda r: _number(g.value(r, CK.number)) or 0)
        out.append(DirectionFacts(
            iri=str(d), code=code, order=0, title=_zh(g, d),
            partners=tuple(sorted(str(p).rsplit("/", 1)[-1] for p in g.objects(d, CK.partner))),
            agreements=tuple(sorted(_zh(g, a) for a in g.objects(d, CK.agreement))),
            fields=tuple(_zh(g, f, SKOS.prefLabel) for f in top),
            projects_min=_int(g.value(count, CK.minCount)) if count is not None else None,
            projects_max=_int(g.value(count, CK.maxCount)) if count is not None else None,
            budget_cny=_number(g.value(budget, CK.amount)) if budget is not None else None,
            budget_is_cap=bool(cap.toPython()) if isinstance(cap, Literal) else None,
            duration_min_years=_number(g.value(period, CK.minYears)) if period else None,
            duration_max_years=_number(g.value(period, CK.maxYears)) if period else None,
            requirements=tuple(str(g.value(r, CK.text) or "") for r in items)))
    out.sort(key=lambda f: _sort_key(f.code))
    return [replace(f, order=i) for i, f in enumerate(out)]


def _int(value: Node | None) -> int | None:
    n = _number(value)
    return int(n) if n is not None else None


def _jaccard(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a and not b:
        return 1.0
    return len(set(a) & set(b)) / len(set(a) | set(b))


def _alike(a: DirectionFacts, b: DirectionFacts) -> float:
    """How alike two directions are, 0 to 1, by title text, partners and agreements."""
    title = SequenceMatcher(None, a.title, b.title, autojunk=False).ratio()
    wt, wp, wa = _WEIGHTS
    return wt * title + wp * _jaccard(a.partners, b.partners) + \
        wa * _jaccard(a.agreements, b.agreements)


def _plain(value: object) -> Value:
    if isinstance(value, tuple):
        return list(value)
    return value  # type: ignore[return-value]  # the facts' own scalar types


def _changes(a: DirectionFacts, b: DirectionFacts) -> list[Change]:
    out = [Change(what, _plain(getattr(a, what)), _plain(getattr(b, what)))
           for what in ASPECTS if getattr(a, what) != getattr(b, what)]
    for n in range(1, max(len(a.requirements), len(b.requirements)) + 1):
        old = a.requirements[n - 1] if n <= len(a.requirements) else None
        new = b.requirements[n - 1] if n <= len(b.requirements) else None
        if old != new:
            out.append(Change(f"requirement/{n}", old, new))
    return out


def diff(a: Graph, b: Graph, *, a_iri: str, b_iri: str) -> GuideDiff:
    """Compare guide `a_iri` in graph `a` with guide `b_iri` in graph `b`."""
    left, right = directions(a, a_iri), directions(b, b_iri)
    pairs: list[tuple[DirectionFacts, DirectionFacts]] = []
    # Same title, partners and agreements: the same call (codes decide only among twins).
    free = list(right)
    for d in left:
        twin = next((r for r in free if r.key() == d.key() and r.code == d.code), None) or \
            next((r for r in free if r.key() == d.key()), None)
        if twin is not None:
            pairs.append((d, twin))
            free.remove(twin)
    taken_a = {p[0].iri for p in pairs}
    rest_a = [d for d in left if d.iri not in taken_a]
    candidates = sorted(((_alike(x, y), x, y) for x in rest_a for y in free),
                        key=lambda t: (-t[0], t[1].code != t[2].code, t[1].order, t[2].order))
    used_a: set[str] = set()
    used_b: set[str] = set()
    for score, x, y in candidates:
        if score < _ALIKE:
            break
        if x.iri in used_a or y.iri in used_b:
            continue
        pairs.append((x, y))
        used_a.add(x.iri)
        used_b.add(y.iri)
    matched_a = {p[0].iri for p in pairs}
    matched_b = {p[1].iri for p in pairs}
    pairs.sort(key=lambda p: p[0].order)
    return GuideDiff(
        a_iri=a_iri, b_iri=b_iri,
        removed=[d for d in left if d.iri not in matched_a],
        added=[d for d in right if d.iri not in matched_b],
        matched=[Match(x, y, _changes(x, y)) for x, y in pairs])
