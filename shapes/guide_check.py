"""Guide shapes (shapes/guide-shapes.ttl) run on a loaded guide graph before it is stored."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH

__all__ = ["check_guide", "guide_shapes"]

_FILE = Path(__file__).resolve().parent / "guide-shapes.ttl"


@lru_cache(maxsize=1)
def guide_shapes() -> Graph:
    return Graph().parse(_FILE, format="turtle")


def check_guide(guide: Graph, vocabulary: Graph) -> list[str]:
    """Why the guide graph does not conform (empty when it does). `vocabulary` supplies the
    classes of the SKOS concepts the guide points to (modalities, kinds)."""
    data = Graph()
    for t in guide:
        data.add(t)
    for s, p, o in vocabulary.triples((None, RDF.type, None)):
        data.add((s, p, o))
    conforms, report, _ = pyshacl.validate(data, shacl_graph=guide_shapes(), inference="none",
                                           allow_infos=True, allow_warnings=True)
    if conforms:
        return []
    problems = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        messages = [m for m in report.objects(r, SH.resultMessage) if isinstance(m, Literal)]
        text = next((str(m) for m in messages if m.language == "en"),
                    str(messages[0]) if messages else "does not conform")
        problems.append(f"{focus} {path or ''}: {text}".replace("  ", " "))
    return sorted(problems)
