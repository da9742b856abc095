"""Views: the dataset in the vocabularies other datasets use, each a named CONSTRUCT query in
`queries/views/` (schema-org, eurio, dcat). The server answers them at `/views/<name>`, the
CLI writes them with `coopkg export --view NAME`, and a direction's page embeds its
schema.org view as JSON-LD. A view reads whatever the store holds; one that takes a
direction gets its IRI as a binding, never spliced into the text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from coopkg.errors import UnknownQueryError
from coopkg.graph.store import Store, rdflib_graph
from coopkg.queries import named, parameters

__all__ = ["PREFIXES", "VIEW_FORMATS", "construct", "embedded_jsonld", "names", "path",
           "serialise", "takes_direction"]

PREFIXES = {
    "schema": "https://schema.org/",
    "eurio": "http://data.europa.eu/s66#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "void": "http://rdfs.org/ns/void#",
    "prov": "http://www.w3.org/ns/prov#",
    "ck": "https://w3id.org/coopkg/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# export format → rdflib serialiser: a view is one graph, so the triple syntaxes
VIEW_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def names() -> list[str]:
    return sorted(named("views"))


def path(name: str) -> Path:
    views = named("views")
    if name not in views:
        raise UnknownQueryError(name, sorted(views))
    return views[name]


def takes_direction(name: str) -> bool:
    return "direction" in parameters(path(name).read_text(encoding="utf-8"))


def construct(store: Store, name: str, *, direction: str | None = None) -> Graph:
    """The view `name` of what `store` holds, for one direction (its IRI) where given."""
    text = path(name).read_text(encoding="utf-8")
    bindings = {"direction": ox.NamedNode(direction)} if direction else None
    g = rdflib_graph(iter(store.construct(text, bindings=bindings)))
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def serialise(graph: Graph, fmt: str) -> bytes:
    """A view as `fmt` (a key of VIEW_FORMATS); JSON-LD compacted with the prefixes."""
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=PREFIXES, auto_compact=True,
                               encoding="utf-8")
    return graph.serialize(format=VIEW_FORMATS[fmt], encoding="utf-8")


def embedded_jsonld(store: Store, direction: str) -> str:
    """A direction's schema.org view as JSON-LD for a page's <script type=
    "application/ld+json">: schema.org as the default vocabulary, and "</" written "<\\/"
    so the text cannot end the script element."""
    g = construct(store, "schema-org", direction=direction)
    context = {"@vocab": PREFIXES["schema"], "schema": PREFIXES["schema"]}
    doc = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
    return json.dumps(doc, ensure_ascii=False, indent=1).replace("</", "<\\/")
