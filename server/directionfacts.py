"""What a person needs to know about a direction before applying, read from the store:
its partners, research fields (as a tree), budget and number of projects, period, the
documents its requirements ask for, and its extra choices (GEO's sub-directions, the
research areas of 3.0, the Horizon 2020 project of 2.7, the clinical questions). The
direction page and the proposal form both show these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from coopkg.graph.store import Store
from coopkg.shapes.generate import code_key
from coopkg.vocab import BASE

__all__ = ["DirectionFacts", "direction_fields", "direction_money", "directions", "facts"]

_PREFIXES = """PREFIX ck: <https://w3id.org/coopkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# Each query selects the variable it binds: the store substitutes only projected ones.


@dataclass
class DirectionFacts:
    code: str
    iri: str
    title: dict[str, str]
    partners: list[dict[str, str]] = field(default_factory=list)  # code, zh, en
    money: dict[str, str] = field(default_factory=dict)  # amount, cap, min, max, stated
    period: dict[str, str] = field(default_factory=dict)  # min, max (years), modality
    fields: list[dict[str, Any]] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)  # type → one of _NEEDS
    subdirections: list[dict[str, str]] = field(default_factory=list)  # n, zh, en
    research_areas: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)

    @property
    def asks_h2020(self) -> bool:
        return any("h2020" in k for k in self.kinds)

    @property
    def asks_clinical(self) -> bool:
        return any("clinical" in k for k in self.kinds)


# What a direction asks of a document, strongest first.
_NEEDS = ("required", "expected", "manual", "accepted")
_VIOLATION = "http://www.w3.org/ns/shacl#Violation"


def _need(enforcement: str, severity: str) -> str:
    """How strongly a clause asking for a document binds, from how it is enforced."""
    if not enforcement.startswith("SHACL"):
        return "manual"
    return "required" if severity == _VIOLATION else "expected"


def _value(row: Any, name: str) -> str:
    term = row.get(name)
    return term.value if term is not None else ""


def _named(label: Any) -> tuple[str, str]:
    return (label.language or "zh", label.value) if isinstance(label, ox.Literal) else ("", "")


def directions(store: Store, guide: str) -> list[dict[str, str]]:
    """The guide's directions: code, zh and en title, in the guide's order."""
    q = _PREFIXES + """SELECT ?g ?code ?label WHERE { ?g ck:hasDirection ?d . ?d ck:code ?code .
      OPTIONAL { ?d rdfs:label ?label } }"""
    out: dict[str, dict[str, str]] = {}
    for row in store.select(q, bindings={"g": ox.NamedNode(f"{BASE}guide/{guide}")}):
        item = out.setdefault(_value(row, "code"), {"code": _value(row, "code")})
        lang, text = _named(row.get("label"))
        if lang:
            item.setdefault(lang, text)
    return [out[c] for c in sorted(out, key=code_key)]


def direction_fields(store: Store, iri: str) -> list[dict[str, Any]]:
    """The direction's research fields at every level, in the guide's order, each with its
    IRI, notation, zh and en name and depth (0 for a top-level field)."""
    q = _PREFIXES + """SELECT ?d ?f ?notation ?zh ?en WHERE {
      ?d ck:field ?top . ?top skos:narrower* ?f .
      ?f skos:notation ?notation ; skos:prefLabel ?zh . FILTER(LANG(?zh) = "zh")
      OPTIONAL { ?f skos:prefLabel ?en . FILTER(LANG(?en) = "en") } }"""
    rows: list[dict[str, Any]] = [
        {"iri": _value(r, "f"), "notation": _value(r, "notation"), "zh": _value(r, "zh"),
         "en": _value(r, "en")} for r in store.select(q, bindings={"d": ox.NamedNode(iri)})]
    unique = {r["iri"]: r for r in rows}.values()
    for r in unique:
        r["depth"] = r["notation"].split("/", 1)[1].count(".")
    return sorted(unique, key=lambda f: [int(x) for x in f["notation"].split("/", 1)[1]
                                         .split(".")])


def direction_money(store: Store, iri: str) -> dict[str, str]:
    """Budget (amount in yuan, whether a cap, the guide's words) and number of projects."""
    q = _PREFIXES + """SELECT ?d ?amount ?cap ?min ?max ?stated WHERE {
      ?d ck:budget ?b ; ck:projectCount ?c . ?b ck:amount ?amount ; ck:isCap ?cap ;
        ck:statedText ?stated .
      OPTIONAL { ?c ck:minCount ?min } OPTIONAL { ?c ck:maxCount ?max } }"""
    for r in store.select(q, bindings={"d": ox.NamedNode(iri)}):
        return {k: _value(r, k) for k in ("amount", "cap", "min", "max", "stated")}
    return {}


def facts(store: Store, guide: str, code: str) -> DirectionFacts | None:
    """Everything the proposal form shows for direction `code`; None for no such one."""
    titles = {d["code"]: d for d in directions(store, guide)}
    if code not in titles:
        return None
    iri = f"{BASE}guide/{guide}/direction/{code}"
    d = ox.NamedNode(iri)
    out = DirectionFacts(code, iri, {k: v for k, v in titles[code].items() if k != "code"},
                         money=direction_money(store, iri), fields=direction_fields(store, iri))
    q = _PREFIXES + """SELECT ?d ?pcode ?label WHERE { ?d ck:partner ?p .
      ?p skos:notation ?pcode ; rdfs:label ?label }"""
    partners: dict[str, dict[str, str]] = {}
    for r in store.select(q, bindings={"d": d}):
        lang, text = _named(r.get("label"))
        partners.setdefault(_value(r, "pcode"), {"code": _value(r, "pcode")})[lang] = text
    out.partners = [partners[k] for k in sorted(partners)]
    # The direction's own period, else the guide's typical one (一般为2～3年).
    q = _PREFIXES + """SELECT ?d ?min ?max ?modality ?own WHERE {
      { ?d ck:duration ?u BIND(true AS ?own) }
      UNION { ?d ck:guide/ck:typicalDuration ?u BIND(false AS ?own) }
      OPTIONAL { ?u ck:minYears ?min } OPTIONAL { ?u ck:maxYears ?max }
      OPTIONAL { ?u ck:modality/skos:notation ?modality } } ORDER BY DESC(?own)"""
    for r in store.select(q, bindings={"d": d}):
        out.period = {k: _value(r, k) for k in ("min", "max", "modality")}
        break
    # A document a clause asks for is "required" only where a shape enforces that clause
    # as a must (its absence a violation); "expected" where a shape enforces a weaker one;
    # "manual" where a person checks the clause (the guide asks for it at another stage,
    # or the data cannot show it). How each clause is enforced is its coverage entry,
    # joined here by requirement id and kind (a FILTER inside OPTIONAL over outer
    # variables is not read alike by every store).
    q = _PREFIXES + """SELECT ?d ?rid ?kind ?enforcement WHERE { ?e a ck:CoverageEntry ;
      ck:appliesTo ?d ; ck:requirementId ?rid ; ck:kind/skos:notation ?kind ;
      ck:enforcement ?enforcement }"""
    enforced = {(_value(r, "rid"), _value(r, "kind")): _value(r, "enforcement")
                for r in store.select(q, bindings={"d": d})}
    q = _PREFIXES + """SELECT ?d ?n ?kind ?required ?accepted ?area ?severity WHERE {
      ?d ck:requirement ?r . ?r ck:clause ?c . ?c ck:kind/skos:notation ?kind .
      OPTIONAL { ?r ck:number ?n }
      OPTIONAL { ?c ck:requiredDocument/skos:notation ?required }
      OPTIONAL { ?c ck:acceptedDocument/skos:notation ?accepted }
      OPTIONAL { ?c ck:researchArea ?area }
      OPTIONAL { ?c ck:modality/ck:shaclSeverity ?severity } }"""
    for r in store.select(q, bindings={"d": d}):
        out.kinds.add(_value(r, "kind"))
        if _value(r, "accepted"):
            out.documents.setdefault(_value(r, "accepted"), "accepted")
        if _value(r, "required"):
            how = enforced.get((f"{code}/{_value(r, 'n')}", _value(r, "kind")), "")
            doc, need = _value(r, "required"), _need(how, _value(r, "severity"))
            if _NEEDS.index(need) < _NEEDS.index(out.documents.get(doc, "accepted")):
                out.documents[doc] = need
        if _value(r, "area") and _value(r, "area") not in out.research_areas:
            out.research_areas.append(_value(r, "area"))
    q = _PREFIXES + """SELECT ?d ?n ?label WHERE { ?d ck:subDirection ?s . ?s ck:number ?n .
      OPTIONAL { ?s rdfs:label ?label } }"""
    subs: dict[int, dict[str, str]] = {}
    for r in store.select(q, bindings={"d": d}):
        n = int(_value(r, "n"))
        lang, text = _named(r.get("label"))
        subs.setdefault(n, {"n": str(n)})[lang or "zh"] = text
    out.subdirections = [subs[n] for n in sorted(subs)]
    return out
