"""Requirement shapes, generated from a guide's Requirement nodes.

For each clause of each 其他要求 item the generator asks what its kind and parameters let
a proposal show, and writes a SHACL shape for it (SHACL Core where Core can say it,
SHACL-SPARQL where it cannot), or a manual-check shape that reports it as sh:Info. Implicit
requirements (the direction exists, a Chinese lead, a participant from the partner, the
budget, the duration, the fields, the GEO sub-direction) get shapes of their own. A
different guide therefore yields its own shapes; nothing here names a direction.

Severity comes from the clause's modality through the vocabulary (ck:shaclSeverity).
Every shape carries ck:requirementId ("3.4/2", "3.4/lead", "guide/duration"), the clause
it enforces, its Chinese text and sh:message in zh and en.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeAlias

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD

from coopkg.data import path as data_path
from coopkg.vocab import BASE, CK, MODALITY, ORG_TYPE, ROLE

__all__ = ["Coverage", "ShapeSet", "generate_shapes"]

CN = URIRef(f"{BASE}partner/CN")
_SHACL = "http://www.w3.org/ns/shacl#"
RESEARCH = (ORG_TYPE.university, ORG_TYPE.research_institute)
_SIDE = BASE + "vocab/side/"


@dataclass
class Coverage:
    """How one clause (or implicit requirement) is enforced."""

    code: str
    requirement_id: str
    kind: str
    modality: str
    method: str  # "SHACL Core", "SHACL-SPARQL", "manual", "informational", "covered"
    why: str
    text_zh: str = ""

    @property
    def checked(self) -> bool:
        return self.method.startswith("SHACL")


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
        out = Graph()
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


class _Builder:
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
        self._constraints(node, constraints)
        return node

    def node(self, *props: BNode, **constraints: Any) -> BNode:
        node = BNode()
        for p in props:
            self.g.add((node, SH.property, p))
        self._constraints(node, constraints)
        return node

    def path(self, *steps: Any) -> BNode:
        return self.list(steps)

    def _constraints(self, node: Any, constraints: dict[str, Any]) -> None:
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

    def every(self, condition: BNode, path: URIRef = CK.participant) -> BNode:
        return self.prop(path, node=condition)


def _labels(kg: Graph, node: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in (SKOS.prefLabel, RDFS.label):
        for o in kg.objects(node, p):
            if isinstance(o, Literal) and o.language and o.language not in out:
                out[o.language] = str(o)
    return out


def _memberships() -> tuple[dict[str, list[str]], set[str]]:
    """Member countries per group, and the groups whose shipped list is known incomplete
    (a country missing from those may still be a member: findings are warnings)."""
    out: dict[str, list[str]] = {}
    incomplete: set[str] = set()
    p = data_path("reference", "memberships.csv")
    if p.exists():
        with p.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                out.setdefault(row["group"], []).append(row["member"])
    q = data_path("reference", "membership-lists.csv")
    if q.exists():
        with q.open(encoding="utf-8", newline="") as f:
            incomplete = {r["group"] for r in csv.DictReader(f) if r["complete"] != "true"}
    return out, incomplete


def _local(term: Any) -> str:
    return str(term).rsplit("/", 1)[-1]


class _Generator:
    def __init__(self, kg: Graph, guide: URIRef) -> None:
        self.kg = kg
        self.guide = guide
        self.guide_id = str(kg.value(guide, CK.guideId))
        year = kg.value(guide, CK.year)
        self.year = int(str(year)) if year is not None else date.today().year
        self.memberships, self.incomplete = _memberships()
        self.coverage: list[Coverage] = []
        self.common = Graph()
        self.by_direction: dict[str, Graph] = {}
        self.directions: dict[str, Any] = {}

    # -- annotation ------------------------------------------------------------------
    def shape(self, g: Graph, iri: URIRef, props: Sequence[BNode], *, rid: str,
              severity: URIRef, zh: str, en: str, enforces: Any = None,
              scope: str = "proposal", text_zh: str = "", node_constraints: dict | None = None
              ) -> URIRef:
        b = _Builder(g)
        g.add((iri, RDF.type, SH.NodeShape))
        g.add((iri, SH.targetClass, CK.Proposal))
        for p in props:
            # A SPARQL-based constraint belongs to the shape itself; the rest are property shapes.
            kind = SH.sparql if (p, RDF.type, SH.SPARQLConstraint) in g else SH.property
            g.add((iri, kind, p))
        props = [p for p in props if (p, RDF.type, SH.SPARQLConstraint) not in g]
        if node_constraints:
            b._constraints(iri, node_constraints)
        for node in (iri, *props):
            g.add((node, CK.requirementId, Literal(rid)))
            g.add((node, SH.severity, severity))
            g.add((node, SH.message, Literal(zh, lang="zh")))
            g.add((node, SH.message, Literal(en, lang="en")))
            g.add((node, CK.scope, Literal(scope)))
            if enforces is not None:
                g.add((node, CK.enforces, enforces))
        g.add((iri, RDFS.label, Literal(f"{rid} 核查规则", lang="zh")))
        g.add((iri, RDFS.label, Literal(f"Shape for requirement {rid}", lang="en")))
        if text_zh:
            g.add((iri, RDFS.comment, Literal(text_zh, lang="zh")))
        return iri

    def severity(self, modality: Any) -> Any:
        return self.kg.value(modality, CK.shaclSeverity)

    # -- the walk --------------------------------------------------------------------
    def run(self) -> ShapeSet:
        codes = {}
        for d in self.kg.objects(self.guide, CK.hasDirection):
            codes[str(self.kg.value(d, CK.code))] = d
        self.directions = dict(sorted(codes.items(), key=lambda kv: _code_key(kv[0])))
        self._guide_direction()
        for code, d in self.directions.items():
            g = Graph()
            self.by_direction[code] = g
            self._implicit(code, d, g)
            for r in sorted(self.kg.objects(d, CK.requirement),
                            key=lambda r: int(str(self.kg.value(r, CK.number)))):
                self._requirement(code, d, r, g)
        titles = {d: _labels(self.kg, d) for d in self.directions.values()}
        return ShapeSet(self.guide_id, self.common, self.by_direction, self.directions,
                        self.coverage, titles)

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(f"{BASE}shapes/{self.guide_id}/" + "/".join(parts))

    def _guide_direction(self) -> None:
        b = _Builder(self.common)
        prop = b.prop(CK.direction, minCount=1, maxCount=1, in_=list(self.directions.values()))
        self.shape(self.common, self._iri("guide", "direction"), [prop], rid="guide/direction",
                   severity=SH.Violation,
                   zh="申报方向须为本指南所列方向之一（如“3.4”）。",
                   en="The direction must be one of this guide's directions (e.g. \"3.4\").")
        self.coverage.append(Coverage("guide", "guide/direction", "direction-exists", "must",
                                      "SHACL Core", "ck:direction must be one of the guide's "
                                      "direction IRIs"))

    # -- implicit requirements -----------------------------------------------------------
    def _implicit(self, code: str, d: Any, g: Graph) -> None:
        b = _Builder(g)
        kg = self.kg
        # A Chinese lead applicant.
        lead = b.at_least(1, b.has(CK.role, ROLE.lead), b.has(CK.country, CN))
        self.shape(g, self._iri(code, "lead"), [lead], rid=f"{code}/lead", severity=SH.Violation,
                   zh=f"方向{code}：须有一家中方牵头申报单位（role 为 lead，国家为 CN）。",
                   en=f"Direction {code}: a Chinese lead applicant is required (a participant "
                      "with role lead and country CN).", scope="consortium")
        self._cover(code, f"{code}/lead", "chinese-lead", "must", "SHACL Core",
                    "≥1 participant with role lead and country CN")
        # A participant from the direction's partner(s).
        partners = sorted(kg.objects(d, CK.partner), key=str)
        props, names, missing = [], [], []
        for p in partners:
            countries = self._partner_countries(p)
            names.append(_local(p))
            if countries is None:
                missing.append(_local(p))
                continue
            cond = b.has(CK.country, countries[0]) if len(countries) == 1 else \
                b.among(CK.country, countries)
            props.append(b.at_least(1, cond))
        label = "、".join(names)
        partial = [n for n in names if n in self.incomplete]
        if props:
            note_zh = f"（{'、'.join(partial)}成员名单不完整，请人工核实）" if partial else ""
            note_en = (f" (the shipped {', '.join(partial)} member list is incomplete: "
                       "check by hand)") if partial else ""
            self.shape(g, self._iri(code, "partner"), props, rid=f"{code}/partner",
                       severity=SH.Warning if partial else SH.Violation,
                       zh=f"方向{code}：须有来自合作方（{label}）的参与单位{note_zh}。",
                       en=f"Direction {code}: a participant from the partner ({label}) is "
                          "required" + (" (a member state of the group)" if any(
                              len(self._partner_countries(p) or []) > 1 for p in partners)
                              else "") + note_en + ".", scope="consortium")
            self._cover(code, f"{code}/partner", "partner-participant", "must", "SHACL Core",
                        f"≥1 participant from {label}"
                        + (" (warning only: member list incomplete)" if partial else ""))
        if missing:
            self._manual(g, code, f"{code}/partner", "partner-participant", MODALITY.must,
                         None, f"no member list is shipped for {', '.join(missing)}",
                         zh=f"方向{code}：合作方成员资格需人工核查（{'、'.join(missing)}）。",
                         en=f"Direction {code}: membership of {', '.join(missing)} is checked "
                            "by hand (no member list is shipped).")
        # Budget.
        budget = kg.value(d, CK.budget)
        amount = kg.value(budget, CK.amount) if budget is not None else None
        if amount is not None and str(kg.value(budget, CK.currency)) == "CNY":
            prop = b.prop(CK.requestedCNY, maxInclusive=Literal(Decimal(str(amount)),
                                                              datatype=XSD.decimal))
            self.shape(g, self._iri(code, "budget"), [prop], rid=f"{code}/budget",
                       severity=SH.Violation,
                       zh=f"方向{code}：申请经费不得超过该方向拟支持经费 {Decimal(str(amount)):,} 元。",
                       en=f"Direction {code}: requested funding may not exceed the direction's "
                          f"budget of CNY {Decimal(str(amount)):,}.")
            self._cover(code, f"{code}/budget", "budget", "must", "SHACL Core",
                        "requestedFunding ≤ the direction's budget")
        # Separately funded parts: a proposal in a part's fields stays within that part.
        for part in sorted(kg.objects(d, CK.part), key=str):
            pb = kg.value(part, CK.budget)
            cap = kg.value(pb, CK.amount) if pb is not None else None
            labels_, _, _ = self._field_names_under(list(kg.objects(part, CK.field)))
            if cap is None or not labels_:
                continue
            n = int(str(kg.value(part, CK.number)))
            in_part = b.node(b.prop(CK.fieldName, qualifiedValueShape=b.node(
                in_=[Literal(x) for x in sorted(labels_)]), qualifiedMinCount=1))
            within = b.node(b.prop(CK.requestedCNY, maxInclusive=Literal(
                Decimal(str(cap)), datatype=XSD.decimal)))
            amount_ = f"{Decimal(str(cap)):,}"
            self.shape(g, self._iri(code, "budget", "part", str(n)), [], rid=f"{code}/budget",
                       severity=SH.Violation,
                       zh=f"方向{code}：第{n}部分领域的项目申请经费不得超过该部分经费 {amount_} 元。",
                       en=f"Direction {code}: a proposal in the fields of part {n} may not "
                          f"request more than that part's budget of CNY {amount_}.",
                       node_constraints={"or_": [b.node(not_=in_part), within]})
            self._cover(code, f"{code}/budget", "budget", "must", "SHACL Core",
                        f"requestedFunding ≤ part {n}'s budget for proposals in its fields")
        # Fields.
        labels, open_ended, unrestricted = self._field_names(d)
        if labels and not unrestricted:
            prop = b.prop(CK.fieldName, in_=[Literal(x) for x in sorted(labels)])
            sev = SH.Warning if open_ended else SH.Violation
            self.shape(g, self._iri(code, "field"), [prop], rid=f"{code}/field", severity=sev,
                       zh=f"方向{code}：所选领域须为该方向所列领域方向之一。",
                       en=f"Direction {code}: each declared field must be one the direction "
                          "lists (its zh or en name).")
            self._cover(code, f"{code}/field", "field", "must" if not open_ended else
                        "in_principle", "SHACL Core", "declared fields ∈ the direction's fields"
                        + (" (open-ended list: warning)" if open_ended else ""))
        # GEO sub-directions.
        subs = [int(str(kg.value(s, CK.number))) for s in kg.objects(d, CK.subDirection)]
        if subs:
            prop = b.prop(CK.subDirectionNumber, minCount=1, maxCount=1,
                          in_=[Literal(n) for n in sorted(subs)])
            self.shape(g, self._iri(code, "subdirection"), [prop], rid=f"{code}/subdirection",
                       severity=SH.Violation,
                       zh=f"方向{code}：须选择且只选择一个子方向（1–{max(subs)}）。",
                       en=f"Direction {code}: exactly one sub-direction (1–{max(subs)}) must be "
                          "chosen.")
            self._cover(code, f"{code}/subdirection", "single-subdirection", "must",
                        "SHACL Core", "exactly one subdirection among the direction's")
        # The general project period, where the direction has no clause of its own.
        if kg.value(d, CK.duration) is None:
            typical = kg.value(self.guide, CK.typicalDuration)
            if typical is not None:
                lo, hi = kg.value(typical, CK.minYears), kg.value(typical, CK.maxYears)
                prop = b.prop(CK.durationMonths,
                              minInclusive=Literal(int(Decimal(str(lo)) * 12)) if lo else None,
                              maxInclusive=Literal(int(Decimal(str(hi)) * 12)) if hi else None)
                self.shape(g, self._iri(code, "duration"), [prop], rid="guide/duration",
                           severity=SH.Warning,
                           zh=f"项目实施周期一般为{lo}～{hi}年（指南总体要求）。",
                           en=f"Projects generally run {lo} to {hi} years (the guide's general "
                              "period).")
                self._cover(code, "guide/duration", "duration", "generally", "SHACL Core",
                            f"{lo}–{hi} years from the guide's general clause")

    def _partner_countries(self, partner: Any) -> list[Any] | None:
        """The countries a participant may come from to count for `partner` (never China:
        the Chinese side does not make up the partner side, even where China is a member)."""
        code = _local(partner)
        members = list(self.kg.objects(partner, CK.memberCountry))
        if not members and code in self.memberships:
            members = [URIRef(f"{BASE}partner/{m}") for m in self.memberships[code]]
        if members:
            return sorted((m for m in members if m != CN), key=str)
        kinds = set(self.kg.objects(partner, RDF.type))
        if CK.Country in kinds or not kinds:
            return [partner]
        return None

    def partner_side(self, d: Any, b: _Builder) -> BNode:
        """A participant of the partner side: from the direction's partner countries where
        their list is known and complete, else any participant outside China."""
        countries: list[Any] = []
        for p in self.kg.objects(d, CK.partner):
            listed = self._partner_countries(p)
            if listed is None or _local(p) in self.incomplete:
                return b.lacks(CK.country, CN)
            countries.extend(listed)
        if not countries:
            return b.lacks(CK.country, CN)
        return b.among(CK.country, sorted(set(countries), key=str))

    def _field_names(self, d: Any) -> tuple[set[str], bool, bool]:
        return self._field_names_under(list(self.kg.objects(d, CK.field)))

    def _field_names_under(self, tops: list[Any]) -> tuple[set[str], bool, bool]:
        """Every zh and en name of these fields and the fields below them; whether any list
        is open-ended (包括但不限于); whether any says 领域不限."""
        labels: set[str] = set()
        open_ended = unrestricted = False
        todo = list(tops)
        while todo:
            f = todo.pop()
            for o in self.kg.objects(f, SKOS.prefLabel):
                labels.add(str(o))
                if str(o) == "领域不限":
                    unrestricted = True
            if self.kg.value(f, CK.openEnded) is not None:
                open_ended = True
            todo.extend(self.kg.objects(f, SKOS.narrower))
        return labels, open_ended, unrestricted

    def _cover(self, code: str, rid: str, kind: str, modality: str, method: str, why: str,
               text: str = "") -> None:
        self.coverage.append(Coverage(code, rid, kind, modality, method, why, text))

    def _manual(self, g: Graph, code: str, rid: str, kind: str, modality: Any,
                clause: Any, why: str, *, zh: str, en: str, text: str = "") -> None:
        b = _Builder(g)
        iri = self._iri(code, *rid.split("/")[1:], "manual", kind)
        # Always reports one result per proposal: a reminder a person must check.
        self.shape(g, iri, [], rid=rid, severity=SH.Info, zh=zh, en=en, enforces=clause,
                   text_zh=text, node_constraints={"not_": b.node(**{"class": CK.Proposal})})
        g.add((iri, CK.enforcement, Literal("manual")))
        self._cover(code, rid, kind, _local(modality), "manual", why, text)

    # -- requirement clauses --------------------------------------------------------------
    def _requirement(self, code: str, d: Any, r: Any, g: Graph) -> None:
        kg = self.kg
        n = int(str(kg.value(r, CK.number)))
        rid = f"{code}/{n}"
        for c in sorted(kg.objects(r, CK.clause), key=str):
            kind = kg.value(c, CK.kind)
            modality = kg.value(c, CK.modality)
            text = str(kg.value(c, CK.text) or kg.value(r, CK.text))
            kind_labels = _labels(kg, kind)
            slug = _local(kind)
            severity = self.severity(modality)
            if severity is None:
                self._cover(code, rid, slug, _local(modality), "informational",
                            "states information or purpose; binds nobody", text)
                continue
            built = _RULES.get(slug)
            outcome = built(self, c, d, g) if built else None
            if isinstance(outcome, tuple):
                props, method, why, scope, extra = outcome
                detail_zh, detail_en = extra
                self.shape(g, self._iri(code, str(n), slug), props, rid=rid, severity=severity,
                           zh=f"方向{code}其他要求第{n}条（{kind_labels.get('zh', slug)}）：{detail_zh}"
                              f"原文：{text}",
                           en=f"Direction {code}, requirement {n} "
                              f"({kind_labels.get('en', slug)}): {detail_en}",
                           enforces=c, scope=scope, text_zh=text)
                self._cover(code, rid, slug, _local(modality), method, why, text)
            elif isinstance(outcome, str) and outcome.startswith("covered:"):
                self._cover(code, rid, slug, _local(modality), "covered",
                            outcome.removeprefix("covered:").strip(), text)
            else:
                why = outcome if isinstance(outcome, str) else _why_manual(kg, kind)
                self._manual(g, code, rid, slug, modality, c, why,
                             zh=f"方向{code}其他要求第{n}条（{kind_labels.get('zh', slug)}）需人工核查：{text}",
                             en=f"Direction {code}, requirement {n} "
                                f"({kind_labels.get('en', slug)}) is checked by hand: {why}.",
                             text=text)


def _why_manual(kg: Graph, kind: Any) -> str:
    note = next((str(o) for o in kg.objects(kind, SKOS.scopeNote)
                 if isinstance(o, Literal) and o.language == "en"), None)
    return note.rstrip(".") if note else "a proposal's data cannot show it"


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(x) for x in code.split(".") if x.isdigit())


# -- one rule per checkable kind ---------------------------------------------------------
# Each returns (property shapes, method, why, scope, (detail zh, detail en)), or a string:
# "covered: …" when another shape enforces it, else the reason it is checked by hand.

Outcome: TypeAlias = "tuple[list[BNode], str, str, str, tuple[str, str]] | str | None"


def _values(kg: Graph, c: Any, p: URIRef) -> list[Any]:
    return sorted(kg.objects(c, p), key=str)


def _foreign(b: _Builder, condition: BNode) -> BNode:
    """Every participant outside China meets `condition`."""
    return b.every(b.node(or_=[b.has(CK.country, CN), condition]))


def _side_roles(kg: Graph, c: Any) -> list[URIRef]:
    side = _local(kg.value(c, CK.side) or "china")
    return {"china": [ROLE.lead], "partner": [ROLE.partner_lead]}.get(
        side, [ROLE.lead, ROLE.partner_lead])


def _leads_are(gen: _Generator, c: Any, g: Graph, types: Sequence[URIRef], *,
               negate: bool = False) -> list[BNode]:
    """For each lead role the clause concerns: every participant in that role is (or, with
    `negate`, is not) of one of `types`."""
    b = _Builder(g)
    props = []
    for role in _side_roles(gen.kg, c) if not negate else [ROLE.lead, ROLE.partner_lead]:
        if negate:
            ok = b.node(not_=b.among(CK.organisationType, types))
        else:
            ok = b.among(CK.organisationType, types)
        props.append(b.every(b.node(or_=[b.lacks(CK.role, role), ok])))
    return props


def _document(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    kg = gen.kg
    if kg.value(c, CK.preApplicationExempt) is not None:
        return "not required at pre-application; the partner submits once a project is chosen"
    docs = _values(kg, c, CK.requiredDocument) + _values(kg, c, CK.acceptedDocument)
    if not docs:
        return None
    b = _Builder(g)
    prop = b.at_least(1, b.among(CK.documentType, docs), path=CK.document)
    names = " 或 ".join(_local(x) for x in docs)
    return ([prop], "SHACL Core", f"a document of type {', '.join(_local(x) for x in docs)}",
            "proposal", (f"须附文件（{names}）。", f"a document of type "
                                                 f"{' or '.join(_local(x) for x in docs)} is "
                                                 "required."))


def _lead_enterprise(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    roles = ", ".join(_local(r) for r in _side_roles(gen.kg, c))
    return (_leads_are(gen, c, g, [ORG_TYPE.enterprise]), "SHACL Core",
            f"participants with role {roles} are enterprises", "consortium",
            ("牵头单位须为企业。", f"the participant with role {roles} must be an enterprise."))


def _lead_research(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    types = _values(gen.kg, c, CK.allowedType) or list(RESEARCH)
    roles = ", ".join(_local(r) for r in _side_roles(gen.kg, c))
    return (_leads_are(gen, c, g, types), "SHACL Core",
            f"participants with role {roles} are universities or research institutes",
            "consortium", ("牵头单位须为科研机构或高校。",
                           f"the participant with role {roles} must be a university or "
                           "research institute."))


def _not_lead(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    return (_leads_are(gen, c, g, [ORG_TYPE.enterprise], negate=True), "SHACL Core",
            "no lead or partner lead is an enterprise", "consortium",
            ("企业仅可作为参与单位，不得牵头。", "an enterprise may only participate, not lead."))


def _partner_type(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = gen.kg, _Builder(g)
    props = []
    types = _values(kg, c, CK.allowedType)
    own = _values(kg, c, CK.allowedOwnership)
    excluded = _values(kg, c, CK.excludedType)
    registered = kg.value(c, CK.registeredIn)
    parts, zh, en = [], [], []
    if types:
        parts.append(b.prop(CK.organisationType, minCount=1, in_=types))
        zh.append("类型限" + "、".join(_local(t) for t in types))
        en.append("of type " + " or ".join(_local(t) for t in types))
    if own:
        parts.append(b.prop(CK.ownership, minCount=1, in_=own))
        zh.append("所有制限" + "、".join(_local(o) for o in own))
        en.append("with " + " or ".join(_local(o) for o in own) + " ownership")
    for t in excluded:
        parts.append(b.prop(CK.organisationType, not_=b.node(in_=[t])))
    if registered is not None:
        parts.append(b.prop(CK.country, hasValue=registered))
        zh.append(f"须在{_local(registered)}注册")
        en.append(f"registered in {_local(registered)}")
    if not parts:
        return None
    props.append(_foreign(b, b.node(*parts)))
    return (props, "SHACL Core", "every non-Chinese participant " + ", ".join(en),
            "consortium", ("外方合作单位" + "，".join(zh) + "。",
                           "every foreign participant must be " + ", ".join(en) + "."))


def _chinese_enterprise(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    b = _Builder(g)
    prop = b.at_least(1, b.has(CK.country, CN), b.has(CK.organisationType, ORG_TYPE.enterprise))
    return ([prop], "SHACL Core", "≥1 Chinese enterprise participant", "consortium",
            ("中方团队中须至少有一家企业。", "the Chinese team must include an enterprise."))


def _partner_enterprise(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    b = _Builder(g)
    prop = b.at_least(1, gen.partner_side(d, b),
                      b.has(CK.organisationType, ORG_TYPE.enterprise))
    return ([prop], "SHACL Core", "≥1 foreign enterprise participant", "consortium",
            ("外方须至少包括一家企业。", "the foreign side must include an enterprise."))


def _composition(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = gen.kg, _Builder(g)
    countries = _values(kg, c, CK.country)
    props = []
    if countries:
        n = int(kg.value(c, CK.minPerCountry) or 1)
        props = [b.at_least(n, b.has(CK.country, x)) for x in countries]
        names = "、".join(_local(x) for x in countries)
        return (props, "SHACL Core", f"≥{n} participant from each of {names}", "consortium",
                (f"须由{names}各至少{n}家单位共同申报。",
                 f"at least {n} participant from each of {', '.join(_local(x) for x in countries)}."))
    if kg.value(c, CK.minPerSide) is not None:
        props = [b.at_least(1, b.has(CK.country, CN)), b.at_least(1, gen.partner_side(d, b))]
        return (props, "SHACL Core", "≥1 Chinese and ≥1 foreign participant", "consortium",
                ("须至少包括一家中方单位和一家外方单位。",
                 "at least one Chinese and one foreign participant."))
    return None


def _two_plus_two(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    b = _Builder(g)
    props = []
    for side in (b.has(CK.country, CN), gen.partner_side(d, b)):
        props.append(b.at_least(1, side, b.among(CK.organisationType, list(RESEARCH))))
        props.append(b.at_least(1, side, b.has(CK.organisationType, ORG_TYPE.enterprise)))
    return (props, "SHACL Core",
            "each side has ≥1 research institute or university and ≥1 enterprise",
            "consortium", ("中外双方须各至少有一个科研机构和一个企业（“2+2”）。",
                           "each side needs at least one research institute or university and "
                           "one enterprise (the \"2+2\" model)."))


def _duration(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = gen.kg, _Builder(g)
    lo, hi = kg.value(c, CK.minYears), kg.value(c, CK.maxYears)
    if lo is None and hi is None:
        return None
    props = [b.prop(
        CK.durationMonths,
        minInclusive=Literal(int(Decimal(str(lo)) * 12)) if lo is not None else None,
        maxInclusive=Literal(int(Decimal(str(hi)) * 12)) if hi is not None else None)]
    span = f"{lo}–{hi} years"
    if lo is not None and lo == hi:
        span = f"exactly {lo} years"
    elif lo is None:
        span = f"at most {hi} years"
    elif hi is None:
        span = f"at least {lo} years"
    return (props, "SHACL Core", f"duration {span} (whole months from the dates)",
            "proposal", (f"项目周期须符合要求（{span}）。", f"the project period must be {span}."))


def _period(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = gen.kg, _Builder(g)
    start, end = kg.value(c, CK.periodStart), kg.value(c, CK.periodEnd)
    if start is None:
        return None
    props = [b.prop(CK.startDate, minCount=1,
                    minInclusive=Literal(date(int(str(start)), 1, 1))),
             b.prop(CK.endDate, minCount=1, maxInclusive=Literal(date(int(str(end)), 12, 31)))]
    return (props, "SHACL Core", f"start and end within {start}–{end}", "proposal",
            (f"项目须在{start}–{end}年间执行。", f"the project must run within {start}–{end}."))


def _country_list(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    b = _Builder(g)
    countries = _values(gen.kg, c, CK.country)
    if not countries:
        return None
    return ([_foreign(b, b.among(CK.country, countries))], "SHACL Core",
            f"every foreign participant from the {len(countries)} listed countries",
            "consortium", ("外方合作单位须来自所列国家。",
                           f"every foreign participant must come from the {len(countries)} "
                           "listed countries."))


def _registration(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = gen.kg, _Builder(g)
    years = kg.value(c, CK.minYears)
    if years is None:
        return None
    cutoff = date(gen.year - int(Decimal(str(years))), 1, 1)
    cond = b.node(b.prop(CK.registeredOn, minCount=1, maxInclusive=Literal(cutoff)))
    return ([_foreign(b, cond)], "SHACL Core",
            f"every foreign participant registered on or before {cutoff}", "consortium",
            (f"外方合作单位须于{cutoff}前注册（{years}年以上）。",
             f"every foreign participant must have been registered by {cutoff} "
             f"({years} years before 1 January {gen.year})."))


def _legal_entity(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    b = _Builder(g)
    return ([_foreign(b, b.has(CK.legalEntity, Literal(True)))], "SHACL Core",
            "every foreign participant is a legal entity", "consortium",
            ("外方合作单位须具有独立法人资格。", "every foreign participant must be an "
                                                "independent legal entity."))


def _matching(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = gen.kg, _Builder(g)
    ratio = kg.value(c, CK.minRatio)
    if ratio is None or Decimal(str(ratio)) != 1:
        return "only matching at least equal to the government funding is checked"
    side = _local(kg.value(c, CK.side) or f"{_SIDE}any")
    skip = [b.lacks(CK.organisationType, ORG_TYPE.enterprise),
            b.node(b.prop(CK.governmentFundingCNY, maxCount=0))]
    if side == "china":
        skip.append(b.lacks(CK.country, CN))
    elif side == "partner":
        skip.append(b.has(CK.country, CN))
    ok = b.node(b.prop(CK.matchingFundsCNY, minCount=1),
                b.prop(CK.governmentFundingCNY, lessThanOrEquals=CK.matchingFundsCNY))
    where = {"china": "Chinese ", "partner": "foreign "}.get(side, "")
    return ([b.every(b.node(or_=[*skip, ok]))], "SHACL Core",
            f"every {where}enterprise's matchingFunds ≥ its governmentFunding", "proposal",
            ("参与企业的配套出资须不少于其获得的政府资助。",
             f"every {where}enterprise must bring matching funds at least equal to its "
             "government funding."))


def _h2020_years(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    b = _Builder(g)
    years = _values(gen.kg, c, CK.callYear)
    if not years:
        return None
    prop = b.prop(b.path(CK.h2020Project, CK.callYear), minCount=1,
                  in_=[Literal(str(y), datatype=XSD.gYear) for y in years])
    ys = ", ".join(str(y) for y in years)
    return ([prop], "SHACL Core", f"h2020.callYear ∈ {{{ys}}}", "proposal",
            (f"须为与欧方共同申请的地平线2020项目（{ys}年度指南）。",
             f"the proposal must co-apply to a Horizon 2020 call of {ys}."))


def _h2020_listed(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    b = _Builder(g)
    prop = b.prop(b.path(CK.h2020Project, CK.chineseParticipantListed), minCount=1,
                  hasValue=Literal(True))
    return ([prop], "SHACL Core", "h2020.chineseParticipantListed is true", "proposal",
            ("中方单位须列入地平线2020项目participants名单。",
             "the Chinese applicant must be listed among the Horizon 2020 project's "
             "participants."))


def _h2020_single(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    b = _Builder(g)
    has_id = b.prop(b.path(CK.h2020Project, CK.projectId), minCount=1)
    # The proposals that share this proposal's Horizon 2020 project id (itself included),
    # reached by walking to the id and back: SHACL Core can count them.
    back_to_id, back_to_project = BNode(), BNode()
    g.add((back_to_id, SH.inversePath, CK.projectId))
    g.add((back_to_project, SH.inversePath, CK.h2020Project))
    sharing = b.prop(b.path(CK.h2020Project, CK.projectId, back_to_id, back_to_project),
                     maxCount=1)
    return ([has_id, sharing], "SHACL Core",
            "one Chinese application per Horizon 2020 project, across the proposals "
            "validated together (a batch, or the store)", "proposal",
            ("同一地平线2020项目只支持一份中方申请。",
             "only one Chinese application per Horizon 2020 project."))


def _research_areas(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    kg, b = gen.kg, _Builder(g)
    areas = [str(a) for a in kg.objects(c, CK.researchArea)]
    n = kg.value(c, CK.minCount)
    if not areas or n is None:
        return None
    values = [Literal(a) for a in sorted(areas)]
    prop = b.prop(CK.researchArea, qualifiedValueShape=b.node(in_=values),
                  qualifiedMinCount=int(n))
    return ([prop], "SHACL Core", f"≥{n} of the research areas {', '.join(areas)}", "proposal",
            (f"研究领域须至少包括{'、'.join(areas)}中的{n}个。",
             f"the research areas must include at least {n} of {', '.join(areas)}."))


def _clinical(prop: URIRef, zh: str, en: str):
    def rule(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
        b = _Builder(g)
        shape = b.prop(b.path(CK.clinical, prop), in_=[Literal(False)])
        return ([shape], "SHACL Core", f"clinical.{_local(prop).split('#')[-1]} is not true",
                "proposal", (zh, en))
    return rule


def _geo_members(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
    members = gen.memberships.get("GEO")
    if not members:
        return "no GEO member list is shipped"
    if "GEO" in gen.incomplete:
        return ("the shipped GEO member list is incomplete, so a country missing from it may "
                "still be a member; 3.9/partner warns instead")
    b = _Builder(g)
    countries = [URIRef(f"{BASE}partner/{m}") for m in members]
    return ([_foreign(b, b.among(CK.country, countries))], "SHACL Core",
            "every foreign participant from a GEO member", "consortium",
            ("国际合作团队须来自GEO成员国或参加组织。",
             "every foreign participant must come from a GEO member."))


def _encouraged(*conditions_fn, why: str, zh: str, en: str):
    def rule(gen: _Generator, c: Any, d: Any, g: Graph) -> Outcome:
        b = _Builder(g)
        props = [fn(b) for fn in conditions_fn]
        return (props, "SHACL Core", why, "consortium", (zh, en))
    return rule


_RULES = {
    "bilateral-submission": _document,
    "ip-agreement": _document,
    "cooperation-agreement": _document,
    "government-endorsement": _document,
    "joint-lab-plan": _document,
    "english-application": _document,
    "lead-enterprise": _lead_enterprise,
    "lead-research-institution": _lead_research,
    "enterprise-not-lead": _not_lead,
    "partner-type": _partner_type,
    "chinese-team-enterprise": _chinese_enterprise,
    "partner-side-enterprise": _partner_enterprise,
    "consortium-composition": _composition,
    "consortium-2plus2": _two_plus_two,
    "duration": _duration,
    "project-period": _period,
    "partner-country-list": _country_list,
    "registration-age": _registration,
    "legal-entity": _legal_entity,
    "matching-funds": _matching,
    "h2020-coapplication": _h2020_years,
    "h2020-participant": _h2020_listed,
    "h2020-single-application": _h2020_single,
    "research-area-count": _research_areas,
    "no-new-patients": _clinical(CK.newPatientRecruitment, "不得新招募患者。",
                                 "the research may not recruit new patients."),
    "no-clinical-research": _clinical(CK.preclinicalOrClinical, "临床前和临床研究不予支持。",
                                      "preclinical and clinical research is not funded."),
    "geo-membership": _geo_members,
    "single-subdirection": lambda gen, c, d, g: "covered: by the implicit sub-direction shape",
    "industry-academia": _encouraged(
        lambda b: b.at_least(1, b.has(CK.organisationType, ORG_TYPE.enterprise)),
        lambda b: b.at_least(1, b.among(CK.organisationType, list(RESEARCH))),
        why="≥1 enterprise and ≥1 university or research institute",
        zh="鼓励产学研结合（企业与高校或科研机构共同参与）。",
        en="industry–academia cooperation is encouraged (an enterprise with a university or "
           "research institute)."),
    "sme": _encouraged(lambda b: b.at_least(1, b.has(CK.sme, Literal(True))),
                       why="≥1 SME participant", zh="鼓励中小企业参与。",
                       en="SME participation is encouraged."),
    "enterprise-participation": _encouraged(
        lambda b: b.at_least(1, b.has(CK.organisationType, ORG_TYPE.enterprise)),
        why="≥1 enterprise participant", zh="鼓励企业参与。",
        en="enterprise participation is encouraged."),
    "multi-team": _encouraged(lambda b: b.at_least(2, b.has(CK.country, CN)),
                              why="≥2 Chinese participants", zh="鼓励多个团队联合申报。",
                              en="joint applications by several teams are encouraged."),
}


def generate_shapes(kg: Graph, guide: URIRef) -> ShapeSet:
    """Shapes for the proposals to `guide`, from the guide graph `kg` (which must also hold
    the ontology's vocabularies and the reference data)."""
    return _Generator(kg, guide).run()

