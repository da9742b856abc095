"""The model's own names for its terms, in zh and en: vocabulary concepts (modality,
requirement kind, organisation type, role, ownership, document type, side, …), partners,
and the SHACL severities, read from the store (rdfs:label / skos:prefLabel), so a badge
on a page or a word in the CLI is the label the graph gives, never an English slug.

    labels = Labels.read(store)
    labels.notation("modality", "must", "zh")   → 必须
    labels.iri("http://www.w3.org/ns/shacl#Violation", "en")   → violation
    labels.choices("organisation-type", "zh")   → [("enterprise", "企业"), …]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coopkg.vocab import BASE

__all__ = ["SEVERITIES", "Labels"]

SH = "http://www.w3.org/ns/shacl#"
SEVERITIES = {"violation": SH + "Violation", "warning": SH + "Warning", "info": SH + "Info"}

_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?scheme ?notation ?label ?rank WHERE {
  { ?x skos:inScheme ?scheme . OPTIONAL { ?x skos:notation ?notation }
    OPTIONAL { ?x <https://w3id.org/coopkg/ontology#rank> ?rank }
    { ?x skos:prefLabel ?label } }
  UNION { ?x a <https://w3id.org/coopkg/ontology#Partner> ; skos:notation ?notation ;
          rdfs:label ?label . BIND("partner" AS ?scheme) }
  UNION { VALUES ?x { <http://www.w3.org/ns/shacl#Violation>
                      <http://www.w3.org/ns/shacl#Warning> <http://www.w3.org/ns/shacl#Info> }
          ?x rdfs:label ?label . BIND("severity" AS ?scheme) }
}"""


@dataclass
class Labels:
    by_iri: dict[str, dict[str, str]] = field(default_factory=dict)
    by_notation: dict[tuple[str, str], str] = field(default_factory=dict)
    order: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Any) -> Labels:
        out = cls()
        ranked: dict[str, dict[str, Any]] = {}
        for row in store.select(_QUERY):
            iri = row["x"].value
            label = row["label"]
            lang = getattr(label, "language", None) or "zh"
            out.by_iri.setdefault(iri, {}).setdefault(lang, label.value)
            scheme = row["scheme"].value
            scheme = scheme[len(BASE + "vocab/"):] if scheme.startswith(BASE) else scheme
            notation = row["notation"].value if row.get("notation") is not None else \
                iri.rsplit("#", 1)[-1].lower()
            out.by_notation[(scheme, notation)] = iri
            rank = row.get("rank")
            ranked.setdefault(scheme, {})[notation] = int(rank.value) if rank is not None \
                else 0
        for scheme, notations in ranked.items():
            out.order[scheme] = sorted(((r, n) for n, r in notations.items()),
                                       key=lambda rn: (rn[0], rn[1]))
        return out

    def iri(self, iri: str, lang: str, default: str | None = None) -> str:
        names = self.by_iri.get(iri, {})
        return names.get(lang) or names.get("zh") or (default if default is not None else iri)

    def notation(self, scheme: str, notation: str, lang: str) -> str:
        """The label of the concept with `notation` in `scheme` (the notation itself where
        the graph has no such concept: it is then data, shown as given)."""
        iri = self.by_notation.get((scheme, notation))
        return self.iri(iri, lang) if iri else notation

    def severity(self, severity: str, lang: str) -> str:
        return self.iri(SEVERITIES.get(severity, severity), lang, severity)

    def choices(self, scheme: str, lang: str, order: list[str] | None = None
                ) -> list[tuple[str, str]]:
        """(notation, label) of the concepts of `scheme`: those of `order` in that order,
        else every concept by rank, then notation."""
        notations = order if order is not None else [n for _r, n in self.order.get(scheme, [])]
        return [(n, self.notation(scheme, n, lang)) for n in notations]
