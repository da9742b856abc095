"""The one interface to the dataset: named graphs in and out, SPARQL with bindings, updates,
a transactional replace of several graphs, and a generation number that changes on every
write. Nothing outside `coopkg.graph` touches a store object itself.

    Store (this module)
    ├── EmbeddedStore   (graph.embedded) Oxigraph on disk (the default) or in memory (tests)
    └── RemoteStore     (graph.remote)   any SPARQL 1.1 Query + Update + Graph Store server

`coopkg.graph.locate.open_store(location)` picks the implementation: an http(s) URL is a
remote store, a directory the embedded one, None a store in memory. Results are typed:
`Solutions` (rows of pyoxigraph terms), `bool`, or a list of `ox.Triple`, whatever store
answered.

User input enters queries only as `bindings` (SEP-0007 substitution on Oxigraph, an inlined
VALUES block elsewhere), never by string formatting. A bound variable of a SELECT must be
one it projects (Oxigraph's rule for substitutions).
"""

from __future__ import annotations

import abc
import gzip
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RLiteral
from rdflib.term import Node

from coopkg.errors import InputError, StoreError
from coopkg.i18n import N_

__all__ = ["FORMATS", "MEDIA_TYPES", "UNREADABLE", "Dataset", "ReaderSpec", "Solutions",
           "Store", "Term", "ox_term", "plain_graph", "rdflib_graph", "unreadable"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Mode = Literal["read", "write"]

# Export formats: name → (Oxigraph format, holds quads?)
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "rdfxml": (ox.RdfFormat.RDF_XML, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}

# What reading an RDF file raises when the file itself is at fault (its syntax, its
# encoding, a damaged gzip stream), as opposed to the disk or the store.
UNREADABLE = (SyntaxError, ValueError, EOFError, gzip.BadGzipFile, zlib.error)


def unreadable(source: Path, fmt: ox.RdfFormat, error: BaseException) -> InputError:
    """The input error for a file `Store.load` cannot read as `fmt`: it names the file
    and, in the parser's words, the place."""
    why = str(error).splitlines()[0][:300] if str(error) else type(error).__name__
    return InputError(N_("不是有效的 {syntax}：{why}", syntax=fmt.name, why=why),
                      source=str(source))


# Media types of query results, by what a query returns.
MEDIA_TYPES: dict[str, ox.QueryResultsFormat | ox.RdfFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}


@dataclass(frozen=True)
class Solutions:
    """The rows of a SELECT, read to the end (so no iterator outlives its thread)."""

    variables: list[str]
    rows: list[dict[str, Term]]

    def __iter__(self) -> Iterator[dict[str, Term]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, name: str) -> list[Term]:
        return [r[name] for r in self.rows if name in r]


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset of a query (SPARQL 1.1 Protocol's default-graph-uri and
    named-graph-uri). Empty lists mean the store's own: the union of its graphs as the
    default graph, every named graph for GRAPH."""

    default_graphs: Sequence[str] = ()
    named_graphs: Sequence[str] = ()
    in_query: bool = False  # FROM / FROM NAMED in the query itself decide


@dataclass(frozen=True)
class ReaderSpec:
    """What another process needs to open a read-only view of this store at one
    generation (see `graph.readers`): picklable, holding no data."""

    kind: str  # "snapshot" or "remote"
    generation: int
    location: str
    options: dict[str, str] = field(default_factory=dict)


class Store(abc.ABC):
    """A set of named graphs whose union is the default graph for queries."""

    location: str

    # -- reading -----------------------------------------------------------------------
    @abc.abstractmethod
    def generation(self) -> int:
        """A number that changes on every write this store makes or sees."""

    @abc.abstractmethod
    def graph_names(self) -> list[str]:
        """Named graphs that hold triples, sorted."""

    def has_graph(self, name: str) -> bool:
        """Whether a named graph with triples is in the store."""
        return name in self.graph_names()

    @abc.abstractmethod
    def graph_size(self, name: str) -> int: ...

    @abc.abstractmethod
    def size(self) -> int:
        """Quads in every graph (counting them may take a while on a large store)."""

    def is_empty(self) -> bool:
        return not self.ask("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")

    @abc.abstractmethod
    def select(self, query: str, *, bindings: Mapping[str, Term] | None = None,
               dataset: Dataset | None = None) -> Solutions: ...

    @abc.abstractmethod
    def ask(self, query: str, *, bindings: Mapping[str, Term] | None = None,
            dataset: Dataset | None = None) -> bool: ...

    @abc.abstractmethod
    def construct(self, query: str, *, bindings: Mapping[str, Term] | None = None,
                  dataset: Dataset | None = None) -> list[ox.Triple]:
        """CONSTRUCT or DESCRIBE."""

    def query(self, query: str, *, bindings: Mapping[str, Term] | None = None,
              dataset: Dataset | None = None) -> Solutions | bool | list[ox.Triple]:
        """Any query, answered by its form."""
        from coopkg.sparqltext import query_form

        form = query_form(query)
        if form == "ASK":
            return self.ask(query, bindings=bindings, dataset=dataset)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return self.construct(query, bindings=bindings, dataset=dataset)
        return self.select(query, bindings=bindings, dataset=dataset)

    @abc.abstractmethod
    def query_to(self, query: str, out: BinaryIO, media_type: str, *,
                 bindings: Mapping[str, Term] | None = None, dataset: Dataset | None = None,
                 base_iri: str | None = None) -> str:
        """Run any query and write its result to `out` as `media_type` (a key of
        MEDIA_TYPES that fits the query form), with the store's own serialisers, in
        constant memory. Returns the query form: SELECT, ASK, CONSTRUCT or DESCRIBE."""

    @abc.abstractmethod
    def read_graph(self, *names: str) -> Graph:
        """Named graphs merged into one rdflib Graph (for reasoning and validation)."""

    @abc.abstractmethod
    def dump(self, out: BinaryIO, fmt: str, *, graph: str | None = None) -> None:
        """The dataset (or one named graph) serialised as `fmt` (a key of FORMATS)."""

    def dumps(self, fmt: str, *, graph: str | None = None) -> bytes:
        import io

        buf = io.BytesIO()
        self.dump(buf, fmt, graph=graph)
        return buf.getvalue()

    # -- writing -----------------------------------------------------------------------
    @abc.abstractmethod
    def update(self, text: str, *, base_iri: str | None = None, using: Sequence[str] = (),
               using_named: Sequence[str] = ()) -> None:
        """A SPARQL 1.1 Update request, applied as one transaction. `using` and
        `using_named` are the protocol's `using-graph-uri` / `using-named-graph-uri`: USING
        and USING NAMED for every operation with a WHERE (DatasetTwice if the text
        names its dataset too)."""

    @abc.abstractmethod
    def replace_graphs(self, graphs: Mapping[str, Graph], *, drop: Sequence[str] = (),
                       then: str = "") -> dict[str, int]:
        """Put each graph in place of the named graph of its name, drop the graphs in
        `drop`, and run the SPARQL Update operations `then` (e.g. provenance records), all
        in one transaction: a failure leaves every graph as it was. Returns the size of
        each graph written."""

    @abc.abstractmethod
    def add_graph(self, name: str | None, graph: Graph) -> int:
        """Add triples to a named graph (None: the default graph), in one transaction."""

    @abc.abstractmethod
    def drop_graph(self, name: str | None) -> None:
        """Remove a named graph (None: clear the default graph)."""

    @abc.abstractmethod
    def load(self, source: Path, fmt: ox.RdfFormat, *, graph: str | None = None,
             base_iri: str | None = None, progress: Callable[[int], None] | None = None
             ) -> int:
        """Stream an RDF file into the store in bounded memory: into `graph`, or for quad
        formats into the graphs the file names; `progress` hears the bytes read so far.
        Returns the quads added. A file that cannot be read as `fmt` is an InputError
        (`unreadable`) and leaves the store as it was."""

    # -- readers in other processes ----------------------------------------------------
    def reader_spec(self) -> ReaderSpec | None:
        """How another process opens this store read-only at the current generation, or
        None when it cannot (a store in memory)."""
        return None

    def close(self) -> None:  # noqa: B027 - optional for implementations
        """Release the store (its lock, its connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def ox_term(term: object) -> Term:
    """An rdflib term as a pyoxigraph one (a blank node keeps its label); ValueError when it
    is not valid RDF, TypeError when it is no RDF term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"{term!r} is not an RDF term")


def plain_graph() -> Graph:
    """An rdflib graph for triples that need no contexts: rdflib's context-free store takes
    a triple three times faster, and a build or a validator's start makes tens of thousands
    (the search index, the shapes)."""
    return Graph(store="SimpleMemory")


def rdflib_graph(triples: Iterator[ox.Triple] | Iterator[ox.Quad]) -> Graph:
    """pyoxigraph triples as an rdflib Graph, term by term: twice as fast as writing
    N-Triples and parsing them again."""
    iris: dict[str, URIRef] = {}

    def iri(t: ox.NamedNode) -> URIRef:
        found = iris.get(t.value)
        if found is None:
            found = iris[t.value] = URIRef(t.value)
        return found

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph
             ) -> Node:
        if isinstance(t, ox.NamedNode):
            return iri(t)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        if isinstance(t, ox.Literal):
            if t.language:
                return RLiteral(t.value, lang=t.language)
            if t.datatype.value == _XSD_STRING:  # rdflib keeps simple literals untyped
                return RLiteral(t.value)
            return RLiteral(t.value, datatype=iri(t.datatype))
        raise StoreError(N_("{term} 无法用 rdflib 表示", term=str(t)))

    g = Graph()
    g.addN((term(t.subject), term(t.predicate), term(t.object), g) for t in triples)
    return g
