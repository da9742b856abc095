"""The OWL 2 RL closure of ontology, reference data and a guide, computed with owlrl.

Only what the rules add is stored (in its own named graph), so asserted and inferred
triples stay apart and a rebuild can drop the inference without touching the data.
External vocabularies are not part of the closure: their axioms (FRAPO's functional
properties, EURIO's cardinalities) would merge distinct nodes; see ontology/alignments.ttl.

owlrl's cost grows with every triple it is given, so it is given only triples an OWL 2 RL
rule can use as a premise (`premises`): schema statements, class memberships, and triples
whose property some axiom mentions. A triple of any other property (a label, a text, an
amount) matches no rule body, so leaving it out changes nothing the rules add. A triple
whose property only has a domain or a range can only type its subject or object, so it is
given as those types instead. owlrl also states the disjointness of the datatypes the data's
literals use, so one triple with a literal of each datatype is always kept. The tests check
all this against the closure of everything.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import Any

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, DefinedNamespace

from .store import plain_graph

__all__ = ["Reasoner", "closure", "premises"]

# Axioms that make a property take part in rules (as subject of these predicates) …
_AXIOM_SUBJECT = {RDFS.domain, RDFS.range, RDFS.subPropertyOf, OWL.equivalentProperty,
                  OWL.inverseOf, OWL.propertyDisjointWith, OWL.propertyChainAxiom}
# … or as their object (restrictions, chains and keys reach properties through lists) …
_AXIOM_OBJECT = {RDFS.subPropertyOf, OWL.equivalentProperty, OWL.inverseOf, OWL.onProperty,
                 RDF.first}
# … or by being a property of one of these kinds.
_PROPERTY_KINDS = {OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
                   OWL.SymmetricProperty, OWL.AsymmetricProperty, OWL.TransitiveProperty,
                   OWL.IrreflexiveProperty, OWL.ReflexiveProperty}
_SCHEMA_NS = (str(RDF), str(RDFS), str(OWL))
_ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo,
                OWL.deprecated, OWL.priorVersion}


def premises(asserted: Graph) -> Graph:
    """The triples of `asserted` that some OWL 2 RL rule can use; those of a property that
    only has a domain or a range replaced by the class memberships they imply."""
    active: set[URIRef] = set()
    involved: set[URIRef] = set()  # in an axiom other than domain, range or a superproperty
    domains: dict[Any, set[Any]] = {}
    ranges: dict[Any, set[Any]] = {}
    for s, p, o in asserted:
        if p in _AXIOM_SUBJECT and isinstance(s, URIRef):
            active.add(s)
            if p == RDFS.domain:
                domains.setdefault(s, set()).add(o)
            elif p == RDFS.range:
                ranges.setdefault(s, set()).add(o)
            elif s != o:  # p subPropertyOf p, p equivalentProperty p: no news
                involved.add(s)
        if p in _AXIOM_OBJECT and isinstance(o, URIRef):
            active.add(o)
            if p != RDFS.subPropertyOf and s != o:
                involved.add(o)
        if p == RDF.type and o in _PROPERTY_KINDS and isinstance(s, URIRef):
            active.add(s)
            involved.add(s)
        if p == OWL.sameAs:
            involved.update(t for t in (s, o) if isinstance(t, URIRef))
    typing_only = active - involved
    out = plain_graph()  # no contexts to keep: owlrl runs a third faster
    datatypes: dict[Any, tuple[Any, Any, Any]] = {}  # a left-out triple per literal datatype
    for t in asserted:
        s, p, o = t
        if str(p).startswith(_SCHEMA_NS):
            if p not in _ANNOTATIONS:
                out.add(t)
                continue
        elif (p in active and p not in typing_only) or p == OWL.sameAs:
            out.add(t)
            continue
        elif p in typing_only:
            for c in domains.get(p, set()):
                out.add((s, RDF.type, c))
            if not isinstance(o, Literal):  # a literal is never a member of a class here
                for c in ranges.get(p, set()):
                    out.add((o, RDF.type, c))
        if isinstance(o, Literal) and o.datatype is not None:
            datatypes.setdefault(o.datatype, t)
    kept = {o.datatype for o in out.objects() if isinstance(o, Literal)}
    for datatype, t in datatypes.items():
        if datatype not in kept:
            out.add(t)
    return out


def closure(*asserted: Graph) -> Graph:
    """Triples the OWL 2 RL rules add to the union of `asserted` (axiomatic noise left
    out)."""
    union = asserted[0] if len(asserted) == 1 else _graph(
        [t for g in asserted for t in g])
    given = set(union)
    work = premises(union)
    with _constant_vocabulary():
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                               datatype_axioms=False).expand(work)
    added = Graph()
    for s, p, o in work:
        if (s, p, o) in given:
            continue
        # owlrl restates literals as typed copies and asserts x sameAs x; neither is news.
        if isinstance(s, Literal) or (p == OWL.sameAs and s == o):
            continue
        added.add((s, p, o))
    return added


class _Constants:
    """A vocabulary namespace whose terms are plain attributes. owlrl names OWL, RDF and
    RDFS terms inside its innermost loops, and rdflib resolves each such name through a
    checking lookup; constants give owlrl the same terms for a third of its time."""

    def __init__(self, namespace: type[DefinedNamespace]) -> None:
        self._namespace = namespace
        for name in getattr(namespace, "__annotations__", {}):
            with contextlib.suppress(AttributeError, ValueError):
                setattr(self, name, getattr(namespace, name))

    def __getitem__(self, name: str) -> URIRef:
        return self._namespace[name]

    def __getattr__(self, name: str) -> Any:  # names that are not terms: as the namespace
        return getattr(self._namespace, name)


_OWLRL_MODULES: list[ModuleType] = [owlrl.OWLRL, owlrl.Closure]
_CONSTANTS = {"OWL": _Constants(OWL), "RDF": _Constants(RDF), "RDFS": _Constants(RDFS)}


@contextlib.contextmanager
def _constant_vocabulary() -> Iterator[None]:
    saved = [(m, name, getattr(m, name)) for m in _OWLRL_MODULES for name in _CONSTANTS
             if hasattr(m, name)]
    for module, name, _ in saved:
        setattr(module, name, _CONSTANTS[name])
    try:
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)


Triples = list[tuple[Any, Any, Any]]
Closures = tuple[Graph, list[Graph]]


class Reasoner:
    """OWL 2 RL closures computed in a process of their own while the caller goes on:
    owlrl is pure Python and holds the interpreter for a second or more, which a build
    spends checking the guide and generating its shapes instead. The process (this
    module, run by the same interpreter) starts, and imports owlrl, as soon as the
    reasoner is made; `prepare` hands it the ontology, whose closure it then computes
    while the caller reads its guides. Triples cross as pickled rdflib terms, which keep
    their blank node ids (N-Triples read back would not). With one CPU, or if the process
    cannot start or fails, the closures are computed here when asked for: the same
    result, later."""

    def __init__(self, *, parallel: bool = True) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._working: subprocess.Popen[bytes] | None = None  # given work, not yet read
        self._ontology: Graph | None = None  # what `prepare` sent
        self._sending: threading.Thread | None = None
        if parallel and (os.cpu_count() or 1) > 1:
            with contextlib.suppress(OSError):
                self._proc = subprocess.Popen(
                    [sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def prepare(self, ontology: Graph) -> None:
        """Start on the ontology's closure now; `closures` must then be given this same
        ontology."""
        if self._proc is not None and self._ontology is None:
            self._ontology = ontology
            self._send(self._proc, pickle.dumps(list(ontology)))

    def closures(self, ontology: Graph, extras: Sequence[Graph]) -> Callable[[], Closures]:
        """The ontology's closure and, for each of `extras` (a guide with what it uses),
        what its closure together with the ontology's adds beyond it."""
        proc, self._proc = self._proc, None  # one piece of work per process
        # the same object, not an equal one: rdflib graphs compare by their identifier
        other = self._ontology is not None and self._ontology is not ontology
        if proc is None or proc.stdout is None or other:
            if proc is not None:
                self._working = proc  # `close` ends it
            return lambda: _closures(ontology, extras)
        self._working = proc
        if self._ontology is None:
            self._send(proc, pickle.dumps(list(ontology)))
        self._send(proc, pickle.dumps([list(e) for e in extras]), last=True)
        stdout = proc.stdout

        def result() -> Closures:
            try:
                tbox, added = pickle.load(stdout)
                proc.wait()
                return _graph(tbox), [_graph(a) for a in added]
            except (OSError, EOFError, pickle.UnpicklingError, ValueError):
                proc.kill()
                return _closures(ontology, extras)
            finally:
                if self._sending is not None:
                    self._sending.join()
                stdout.close()
                self._working = None

        return result

    def _send(self, proc: subprocess.Popen[bytes], data: bytes, *, last: bool = False
              ) -> None:
        """Write to the process without waiting for it (it may still be importing), after
        what was sent before."""
        stdin, before = proc.stdin, self._sending
        if stdin is None:
            return

        def send() -> None:
            if before is not None:
                before.join()
            with contextlib.suppress(OSError, ValueError):
                stdin.write(data)
                stdin.flush()
                if last:
                    stdin.close()

        self._sending = threading.Thread(target=send, daemon=True)
        self._sending.start()

    def close(self) -> None:
        """End the process, whether it waits for work or its result was never asked for
        (a build that stopped on an error): it would otherwise wait to write it."""
        for proc in (self._proc, self._working):
            if proc is not None:
                proc.kill()
                proc.wait()
        self._proc = self._working = None

    def __enter__(self) -> Reasoner:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _closures(ontology: Graph, extras: Sequence[Graph]) -> Closures:
    tbox = closure(ontology)
    return tbox, [closure(ontology, extra, tbox) for extra in extras]


def _graph(triples: Triples) -> Graph:
    g = plain_graph()
    for t in triples:
        g.add(t)
    return g


def _serve() -> None:
    """The reasoner's process: the ontology from stdin, then the extras; their closures
    to stdout. The ontology's closure is computed as soon as the ontology arrives. A
    process for one piece of work: the cycle collector stays off (owlrl makes millions of
    short-lived objects), and once the answer is written the process ends without freeing
    them, which would keep the waiting build a few tenths of a second longer."""
    gc.disable()
    ontology = _graph(pickle.load(sys.stdin.buffer))
    tbox = closure(ontology)
    extras = pickle.load(sys.stdin.buffer)
    added = [closure(ontology, _graph(e), tbox) for e in extras]
    pickle.dump((list(tbox), [list(a) for a in added]), sys.stdout.buffer)
    sys.stdout.buffer.flush()
    os._exit(0)


if __name__ == "__main__":
    _serve()
