"""The OWL 2 RL closure of ontology, reference data and a guide, computed with owlrl.

Only what the rules add is stored (in its own named graph), so asserted and inferred
triples stay apart and a rebuild can drop the inference without touching the data.
External vocabularies are not part of the closure: their axioms (FRAPO's functional
properties, EURIO's cardinalities) would merge distinct nodes; see ontology/alignments.ttl.

owlrl's cost grows with every triple it is given, so it is given only triples an OWL 2 RL
rule can use as a premise (`premises`): schema statements, class memberships, and triples
whose property some axiom mentions. A triple of any other property (a label, a text, an
amount) matches no rule body, so leaving it out changes nothing the rules add; the tests
check this against the closure of everything.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

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
    """The triples of `asserted` that some OWL 2 RL rule can use."""
    active: set[URIRef] = set()
    for s, p, o in asserted:
        if p in _AXIOM_SUBJECT and isinstance(s, URIRef):
            active.add(s)
        if p in _AXIOM_OBJECT and isinstance(o, URIRef):
            active.add(o)
        if p == RDF.type and o in _PROPERTY_KINDS and isinstance(s, URIRef):
            active.add(s)
    out = Graph(store="SimpleMemory")  # no contexts to keep: owlrl runs a third faster
    for t in asserted:
        p = t[1]
        if p in active or (str(p).startswith(_SCHEMA_NS) and p not in _ANNOTATIONS) \
                or p == OWL.sameAs:
            out.add(t)
    return out


def closure(*asserted: Graph) -> Graph:
    """Triples the OWL 2 RL rules add to the union of `asserted` (axiomatic noise left
    out)."""
    union = asserted[0] if len(asserted) == 1 else _graph(
        [t for g in asserted for t in g])
    given = set(union)
    work = premises(union)
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


Triples = list[tuple]
Closures = tuple[Graph, list[Graph]]


class Reasoner:
    """OWL 2 RL closures computed in a process of their own while the caller goes on:
    owlrl is pure Python and holds the interpreter for a second or more, which a build
    spends checking the guide and generating its shapes instead. The process (this
    module, run by the same interpreter) starts, and imports owlrl, as soon as the
    reasoner is made. Triples cross as pickled rdflib terms, which keep their blank node
    ids (N-Triples read back would not). With one CPU, or if the process cannot start or
    fails, the closures are computed here when asked for: the same result, later."""

    def __init__(self, *, parallel: bool = True) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._working: subprocess.Popen[bytes] | None = None  # given work, not yet read
        if parallel and (os.cpu_count() or 1) > 1:
            with contextlib.suppress(OSError):
                self._proc = subprocess.Popen(
                    [sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def closures(self, ontology: Graph, extras: Sequence[Graph]) -> Callable[[], Closures]:
        """The ontology's closure and, for each of `extras` (a guide with what it uses),
        what its closure together with the ontology's adds beyond it."""
        proc, self._proc = self._proc, None  # one piece of work per process
        if proc is None or proc.stdin is None or proc.stdout is None:
            return lambda: _closures(ontology, extras)
        self._working = proc
        data = pickle.dumps((list(ontology), [list(e) for e in extras]))
        stdin, stdout = proc.stdin, proc.stdout

        def send() -> None:  # the process may still be importing: do not wait for it
            with contextlib.suppress(OSError):
                stdin.write(data)
                stdin.close()

        sender = threading.Thread(target=send, daemon=True)
        sender.start()

        def result() -> Closures:
            try:
                tbox, added = pickle.load(stdout)
                proc.wait()
                return _graph(tbox), [_graph(a) for a in added]
            except (OSError, EOFError, pickle.UnpicklingError, ValueError):
                proc.kill()
                return _closures(ontology, extras)
            finally:
                sender.join()
                stdout.close()
                self._working = None

        return result

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
    g = Graph(store="SimpleMemory")
    for t in triples:
        g.add(t)
    return g


def _serve() -> None:
    """The reasoner's process: one piece of work from stdin, its closures to stdout."""
    ontology, extras = pickle.load(sys.stdin.buffer)
    tbox, added = _closures(_graph(ontology), [_graph(e) for e in extras])
    pickle.dump((list(tbox), [list(a) for a in added]), sys.stdout.buffer)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _serve()
