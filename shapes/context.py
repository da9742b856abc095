"""The JSON-LD @context that makes the plain proposal JSON also JSON-LD.

One mapping serves both: `shapes.proposals` reads JSON proposals through it, and the
server publishes it, so the keys of docs/proposals.md mean exactly the RDF terms below.
Enumerated values (type, role, ownership, document type, country) expand against
property-scoped vocabularies (JSON-LD 1.1), and `direction` codes resolve against the
guide's direction base, so "3.4" is `…/guide/2021-1/direction/3.4`.
"""

from __future__ import annotations

import copy
from typing import Any

from coopkg.vocab import BASE, CK, DOC_TYPE, ORG_TYPE, OWNERSHIP, ROLE

__all__ = ["CONTEXT_IRI", "context"]

CONTEXT_IRI = BASE + "context/proposal.jsonld"
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _vocab(prop: str, vocab: str) -> dict[str, Any]:
    return {"@id": f"ck:{prop}", "@type": "@vocab", "@context": {"@vocab": vocab}}


def _money(prop: str) -> dict[str, Any]:
    return {"@id": f"ck:{prop}", "@context": {
        "amount": {"@id": "ck:amount", "@type": f"{_XSD}decimal"},
        "currency": {"@id": "ck:currency"}}}


_CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    "ck": str(CK),
    "xsd": _XSD,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "id": "@id",
    "Proposal": "ck:Proposal",
    "guide": _vocab("guideOf", BASE + "guide/"),
    "direction": {"@id": "ck:direction", "@type": "@id"},
    "subdirection": {"@id": "ck:subDirectionNumber", "@type": f"{_XSD}integer"},
    "title": {"@id": "ck:title"},
    "fields": {"@id": "ck:fieldName", "@container": "@set"},
    "researchAreas": {"@id": "ck:researchArea", "@container": "@set"},
    "startDate": {"@id": "ck:startDate", "@type": f"{_XSD}date"},
    "endDate": {"@id": "ck:endDate", "@type": f"{_XSD}date"},
    "requestedFunding": _money("requestedFunding"),
    "participants": {"@id": "ck:participant", "@container": "@set", "@context": {
        "name": {"@id": "rdfs:label"},
        "country": _vocab("country", BASE + "partner/"),
        "type": _vocab("organisationType", str(ORG_TYPE)),
        "sme": {"@id": "ck:sme", "@type": f"{_XSD}boolean"},
        "ownership": _vocab("ownership", str(OWNERSHIP)),
        "role": _vocab("role", str(ROLE)),
        "registeredOn": {"@id": "ck:registeredOn", "@type": f"{_XSD}date"},
        "legalEntity": {"@id": "ck:legalEntity", "@type": f"{_XSD}boolean"},
        "governmentFunding": _money("governmentFunding"),
        "matchingFunds": _money("matchingFunds"),
    }},
    "documents": {"@id": "ck:document", "@container": "@set", "@context": {
        "type": _vocab("documentType", str(DOC_TYPE)),
        "date": {"@id": "ck:date", "@type": f"{_XSD}date"},
    }},
    "h2020": {"@id": "ck:h2020Project", "@context": {
        "callYear": {"@id": "ck:callYear", "@type": f"{_XSD}gYear"},
        "projectId": {"@id": "ck:projectId"},
        "chineseParticipantListed": {"@id": "ck:chineseParticipantListed",
                                     "@type": f"{_XSD}boolean"},
    }},
    "clinical": {"@id": "ck:clinical", "@context": {
        "newPatientRecruitment": {"@id": "ck:newPatientRecruitment", "@type": f"{_XSD}boolean"},
        "preclinicalOrClinical": {"@id": "ck:preclinicalOrClinical", "@type": f"{_XSD}boolean"},
    }},
}


def context(guide_id: str) -> dict[str, Any]:
    """The @context for proposals to directions of guide `guide_id`."""
    ctx = copy.deepcopy(_CONTEXT)
    ctx["@base"] = f"{BASE}guide/{guide_id}/direction/"
    return ctx
