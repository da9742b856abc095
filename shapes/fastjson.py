"""A fast path for the plain proposal JSON: the triples the JSON-LD processor would make
through `shapes.context`, written directly.

JSON-LD expansion with property-scoped contexts costs milliseconds per proposal; batches
of thousands are read mostly here instead. The @context stays the contract: anything
outside the plain form (a JSON-LD keyword, a relative or odd IRI, a value of an
unexpected JSON type) returns None and goes through the JSON-LD processor, and the test
suite checks that both paths give the same graph for every fixture.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from coopkg.vocab import BASE, CK, DOC_TYPE, ORG_TYPE, OWNERSHIP, ROLE

__all__ = ["direct_graph"]

_TOKEN = re.compile(r"^[A-Za-z0-9_.\-]+$")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")


class _NotPlain(Exception):
    """The document uses more than the plain form: let the JSON-LD processor read it."""


def _token(value: Any) -> str:
    if not isinstance(value, str) or not _TOKEN.match(value):
        raise _NotPlain
    return value


def _iri(value: Any) -> URIRef:
    if not isinstance(value, str) or not _ABSOLUTE.match(value):
        raise _NotPlain
    return URIRef(value)


def _many(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> Literal:
    if not isinstance(value, str):
        raise _NotPlain
    return Literal(value)


def _typed(value: Any, datatype: URIRef, *kinds: type) -> Literal:
    if isinstance(value, bool) and bool not in kinds:
        raise _NotPlain
    if not isinstance(value, kinds):
        raise _NotPlain
    if isinstance(value, bool):
        return Literal(value)
    return Literal(str(value), datatype=datatype)


def _money(g: Graph, subject: Any, prop: URIRef, value: Any) -> None:
    if not isinstance(value, dict) or set(value) - {"amount", "currency"}:
        raise _NotPlain
    node = BNode()
    g.add((subject, prop, node))
    if "amount" in value:
        g.add((node, CK.amount, _typed(value["amount"], XSD.decimal, int, Decimal, str)))
    if "currency" in value:
        g.add((node, CK.currency, _text(value["currency"])))


_PARTICIPANT_VOCAB = {"country": (CK.country, BASE + "partner/"),
                      "type": (CK.organisationType, str(ORG_TYPE)),
                      "ownership": (CK.ownership, str(OWNERSHIP)),
                      "role": (CK.role, str(ROLE))}


def _participant(g: Graph, proposal: URIRef, p: Any) -> None:
    if not isinstance(p, dict) or "id" not in p:
        raise _NotPlain
    node = _iri(p["id"])
    g.add((proposal, CK.participant, node))
    for key, value in p.items():
        if key == "id":
            continue
        if key == "name":
            g.add((node, RDFS.label, _text(value)))
        elif key in _PARTICIPANT_VOCAB:
            prop, vocab = _PARTICIPANT_VOCAB[key]
            g.add((node, prop, URIRef(vocab + _token(value))))
        elif key in ("sme", "legalEntity"):
            g.add((node, CK[key], _typed(value, XSD.boolean, bool)))
        elif key == "registeredOn":
            g.add((node, CK.registeredOn, _typed(value, XSD.date, str)))
        elif key in ("governmentFunding", "matchingFunds"):
            _money(g, node, CK[key], value)
        else:
            raise _NotPlain


def _object(g: Graph, subject: Any, prop: URIRef, value: Any,
            fields: dict[str, tuple[URIRef, Any]]) -> None:
    if not isinstance(value, dict) or set(value) - set(fields):
        raise _NotPlain
    node = BNode()
    g.add((subject, prop, node))
    for key, v in value.items():
        target, make = fields[key]
        g.add((node, target, make(v)))


def direct_graph(doc: dict[str, Any], guide: str) -> Graph | None:
    """The proposal's triples, or None when the JSON-LD processor must read it."""
    g = Graph(bind_namespaces="none")
    try:
        if any(k.startswith("@") and k != "@type" for k in doc) or doc.get("@type") != "Proposal":
            raise _NotPlain
        node = _iri(doc["id"])
        g.add((node, RDF.type, CK.Proposal))
        for key, value in doc.items():
            if key in ("id", "@type"):
                continue
            if key == "guide":
                g.add((node, CK.guideOf, URIRef(f"{BASE}guide/{_token(value)}")))
            elif key == "direction":
                ref = (URIRef(value) if isinstance(value, str) and "://" in value
                       else URIRef(f"{BASE}guide/{guide}/direction/{_token(value)}"))
                g.add((node, CK.direction, ref))
            elif key == "subdirection":
                g.add((node, CK.subDirectionNumber, _typed(value, XSD.integer, int)))
            elif key == "title":
                g.add((node, CK.title, _text(value)))
            elif key in ("fields", "researchAreas"):
                prop = CK.fieldName if key == "fields" else CK.researchArea
                for v in _many(value):
                    g.add((node, prop, _text(v)))
            elif key in ("startDate", "endDate"):
                g.add((node, CK[key], _typed(value, XSD.date, str)))
            elif key == "requestedFunding":
                _money(g, node, CK.requestedFunding, value)
            elif key == "participants":
                for p in _many(value):
                    _participant(g, node, p)
            elif key == "documents":
                for d in _many(value):
                    _object(g, node, CK.document, d, {
                        "type": (CK.documentType, lambda v: URIRef(str(DOC_TYPE) + _token(v))),
                        "date": (CK.date, lambda v: _typed(v, XSD.date, str))})
            elif key == "h2020":
                _object(g, node, CK.h2020Project, value, {
                    "callYear": (CK.callYear, lambda v: _typed(v, XSD.gYear, int, str)),
                    "projectId": (CK.projectId, _text),
                    "chineseParticipantListed": (CK.chineseParticipantListed,
                                                 lambda v: _typed(v, XSD.boolean, bool))})
            elif key == "clinical":
                _object(g, node, CK.clinical, value, {
                    k: (CK[k], lambda v: _typed(v, XSD.boolean, bool))
                    for k in ("newPatientRecruitment", "preclinicalOrClinical")})
            else:
                raise _NotPlain
    except _NotPlain:
        return None
    return g
