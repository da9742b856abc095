"""The dataset's home: an embedded Oxigraph store, on disk or in memory.

Oxigraph gives a persistent, transactional quad store with a fast SPARQL 1.1 engine,
so a restart does not re-parse the guide and queries do not go through rdflib's
slower in-Python evaluator. Everything above this module talks to `GraphStore`
only: named graphs in, SPARQL and serialisations out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from coopkg.errors import QueryError, StoreError

__all__ = ["FORMATS", "GraphStore"]

# Export formats: name → (Oxigraph format, quads?)
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "rdfxml": (ox.RdfFormat.RDF_XML, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}


class GraphStore:
    """A set of named graphs whose union is the default graph for queries."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from None

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def replace_graph(self, name: str, graph: Graph) -> int:
        """Put `graph` in place of the named graph `name`; returns its size.

        The new content is serialised before anything is removed, so a graph that
        cannot be written leaves the old one in place.
        """
        data = graph.serialize(format="nt", encoding="utf-8")
        target = ox.NamedNode(name)
        quads = [ox.Quad(t.subject, t.predicate, t.object, target)
                 for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        self._store.remove_graph(target) if self._has_graph(target) else None
        self._store.extend(quads)
        return len(quads)

    def _has_graph(self, target: ox.NamedNode) -> bool:
        return any(g == target for g in self._store.named_graphs())

    def remove_graph(self, name: str) -> None:
        target = ox.NamedNode(name)
        if self._has_graph(target):
            self._store.remove_graph(target)

    def graph_names(self) -> list[str]:
        """Named graphs that hold triples (a cleared graph is no longer listed)."""
        return sorted(g.value for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode)
                      and next(iter(self._store.quads_for_pattern(None, None, None, g)), None)
                      is not None)

    def graph_size(self, name: str) -> int:
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name)))

    def __len__(self) -> int:
        return len(self._store)

    def rdflib_graph(self, *names: str) -> Graph:
        """Named graphs merged into one rdflib Graph (for reasoning and validation)."""
        g = Graph()
        for name in names:
            buf = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
            if buf:
                g.parse(data=buf.decode("utf-8"), format="nt")
        return g

    def query(self, sparql: str, **kwargs: object) -> object:
        """Run SPARQL over the union of all graphs (unless a dataset is given)."""
        kwargs.setdefault("use_default_graph_as_union", True)
        try:
            return self._store.query(sparql, **kwargs)  # type: ignore[arg-type]
        except SyntaxError as e:
            raise QueryError(f"malformed query: {e}") from None
        except (OSError, RuntimeError, ValueError) as e:
            raise QueryError(f"query failed: {e}") from None

    def dump(self, fmt: str, *, graph: str | None = None) -> bytes:
        """The dataset (or one named graph) serialised as `fmt` (see FORMATS)."""
        if fmt not in FORMATS:
            raise StoreError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        rdf_format, quads = FORMATS[fmt]
        if graph is not None:
            target = ox.NamedNode(graph)
            if not self._has_graph(target):
                raise StoreError(f"no graph named {graph} in the store")
            if quads and fmt != "jsonld":
                data = [ox.Quad(q.subject, q.predicate, q.object, target)
                        for q in self._store.quads_for_pattern(None, None, None, target)]
                return ox.serialize(data, format=rdf_format) or b""
            return self._store.dump(format=rdf_format, from_graph=target) or b""
        if not quads:
            triples = (ox.Triple(q.subject, q.predicate, q.object)
                       for q in self._store.quads_for_pattern(None, None, None, None))
            return ox.serialize(list(dict.fromkeys(triples)), format=rdf_format) or b""
        return self._store.dump(format=rdf_format) or b""

    def iter_quads(self) -> Iterator[ox.Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def flush(self) -> None:
        self._store.flush()
