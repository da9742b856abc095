"""Namespaces and IRI minting shared by every layer.

IRIs are stable and readable: a direction is `<base>guide/2021-1/direction/3.4`,
its second requirement `…/direction/3.4/requirement/2`. Things that outlive one
guide (partners, agencies, agreements) sit directly under the base.
"""

from __future__ import annotations

import hashlib

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "AGREEMENT_KIND",
    "BASE",
    "CK",
    "COMPARATOR",
    "DCAT",
    "DCTERMS",
    "DOC_TYPE",
    "GRAPHS",
    "KIND",
    "MODALITY",
    "ORG_TYPE",
    "OWL",
    "OWNERSHIP",
    "PROV",
    "RDF",
    "RDFS",
    "ROLE",
    "SCHEMA",
    "SKOS",
    "XSD",
    "agency_iri",
    "agreement_iri",
    "direction_iri",
    "guide_iri",
    "partner_iri",
]

BASE = "https://w3id.org/coopkg/"
CK = Namespace(BASE + "ontology#")
SCHEMA = Namespace("https://schema.org/")

VOCAB = BASE + "vocab/"
KIND = Namespace(VOCAB + "requirement-kind/")
MODALITY = Namespace(VOCAB + "modality/")
AGREEMENT_KIND = Namespace(VOCAB + "agreement-kind/")
ORG_TYPE = Namespace(VOCAB + "organisation-type/")
OWNERSHIP = Namespace(VOCAB + "ownership/")
ROLE = Namespace(VOCAB + "role/")
DOC_TYPE = Namespace(VOCAB + "document-type/")
COMPARATOR = Namespace(VOCAB + "comparator/")


class GRAPHS:
    """Named graphs of the dataset: one per source, so a rebuild replaces exactly its own."""

    ONTOLOGY = URIRef(BASE + "graph/ontology")
    REFERENCE = URIRef(BASE + "graph/reference")
    PROVENANCE = URIRef(BASE + "graph/provenance")
    PROPOSALS = BASE + "graph/proposal/"  # + the proposal's id: one graph per proposal
    POSTED = BASE + "graph/posted/"  # + a UUID: graphs POSTed to the Graph Store itself

    @staticmethod
    def inferred(guide_id: str) -> URIRef:
        """What the OWL 2 RL closure adds to one guide (with the ontology and the reference
        entries it uses), kept apart from what is asserted."""
        return URIRef(f"{BASE}graph/inferred/{guide_id}")

    @staticmethod
    def guide(guide_id: str) -> URIRef:
        return URIRef(f"{BASE}graph/guide/{guide_id}")

    @staticmethod
    def shapes(guide_id: str) -> URIRef:
        return URIRef(f"{BASE}graph/shapes/{guide_id}")

    @staticmethod
    def search(guide_id: str) -> URIRef:
        """The full-text search index of a guide's printed texts (coopkg.graph.search)."""
        return URIRef(f"{BASE}graph/search/{guide_id}")


def guide_iri(guide_id: str) -> URIRef:
    return URIRef(f"{BASE}guide/{guide_id}")


def direction_iri(guide_id: str, code: str) -> URIRef:
    return URIRef(f"{BASE}guide/{guide_id}/direction/{code}")


def partner_iri(code: str) -> URIRef:
    return URIRef(f"{BASE}partner/{code}")


def agency_iri(agency_id: str) -> URIRef:
    return URIRef(f"{BASE}agency/{agency_id}")


def agreement_iri(title_zh: str) -> URIRef:
    """One IRI per document title, shared by every direction and guide that cites it."""
    digest = hashlib.sha1(title_zh.encode("utf-8")).hexdigest()[:12]
    return URIRef(f"{BASE}agreement/{digest}")
