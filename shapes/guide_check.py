"""Guide shapes (shapes/guide-shapes.ttl) run on a loaded guide graph before it is stored."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH

from coopkg.i18n import N_, Message, Texts

__all__ = ["check_guide", "guide_shapes"]

_FILE = Path(__file__).resolve().parent / "guide-shapes.ttl"


@lru_cache(maxsize=1)
def guide_shapes() -> Graph:
    return Graph().parse(_FILE, format="turtle")


def check_guide(guide: Graph, vocabulary: Graph) -> list[Message]:
    """Why the guide graph does not conform (empty when it does), each in the words of the
    shape's own sh:message in zh and en. `vocabulary` supplies the classes of the SKOS
    concepts the guide points to (modalities, kinds)."""
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
        said: Texts | Message = Texts(tuple((m.language or "", str(m)) for m in messages)) \
            if messages else N_("不符合指南的形状")
        problems.append(N_("{focus} {path}：{what}", focus=str(focus), path=str(path), what=said)
                        if path is not None else N_("{focus}：{what}", focus=str(focus),
                                                   what=said))
    return sorted(problems, key=str)
