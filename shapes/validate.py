"""Validate proposals against a guide's shapes: a proposal conforms exactly when SHACL
finds no sh:Violation in its graph.

Proposals are grouped by direction and each group is validated in one pySHACL run against
the common shapes plus its direction's shapes, so a batch costs one run per direction, not
one per proposal; cross-proposal rules (one application per Horizon 2020 project) see the
whole group. The shapes and guide graphs are never modified.
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from coopkg.errors import ProposalError
from coopkg.i18n import LANGS, N_, _
from coopkg.loaders.reference import partners
from coopkg.vocab import CK

from .generate import ShapeSet
from .proposals import Proposal

__all__ = ["Finding", "Result", "Validator", "report_all", "validate_all"]

_SEVERITY: dict[Any, str] = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_ORDER = {"violation": 0, "warning": 1, "info": 2}


@dataclass
class Finding:
    """One result: the requirement, its severity, its message in zh and en (naming the
    participant at fault, quoting the value at fault and the allowed values), and where."""

    requirement: str
    severity: str
    message_zh: str
    message_en: str
    focus: str
    path: str | None
    value: str | None = None
    participant: str | None = None  # the participant at fault, by its name
    participant_path: str | None = None  # … and its place in the input: participants[1]
    allowed: list[str] = field(default_factory=list)

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh


@dataclass
class Result:
    proposal: str
    direction: str | None
    findings: list[Finding] = field(default_factory=list)
    source: str = ""

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "violation" for f in self.findings)

    def as_dict(self) -> dict[str, Any]:
        return {"proposal": self.proposal, "direction": self.direction,
                "conforms": self.conforms, "source": self.source,
                "findings": [f.__dict__ for f in self.findings]}


def _term(t: Any) -> str | None:
    if t is None:
        return None
    if isinstance(t, BNode):
        return None
    return str(t)


class Validator:
    """A guide's shapes, ready to validate proposals to it."""

    def __init__(self, shapes: ShapeSet) -> None:
        self.shapes = shapes
        self._graphs: dict[str | None, Graph] = {}
        self._annotations: dict[Any, tuple[str, str, str, str]] = {}
        self._allowed: dict[Any, list[str]] = {}
        self._scopes: dict[Any, str] = {}
        for g in (shapes.common, *shapes.by_direction.values()):
            for node, scope in g.subject_objects(CK.scope):
                self._scopes[node] = str(scope)
            for node in set(g.subjects(CK.requirementId, None)):
                msgs = {m.language: str(m) for m in g.objects(node, SH.message)
                        if isinstance(m, Literal)}
                self._annotations[node] = (
                    str(g.value(node, CK.requirementId)),
                    _SEVERITY.get(g.value(node, SH.severity), "violation"),
                    msgs.get("zh", ""), msgs.get("en", ""))
                allowed = sorted(str(v) for v in g.objects(node, CK.allowedValue))
                if allowed:
                    self._allowed[node] = allowed

    @property
    def guide_id(self) -> str:
        return self.shapes.guide_id

    def _shapes_for(self, code: str | None) -> Graph:
        key = code if code in self.shapes.by_direction else None
        if key not in self._graphs:
            self._graphs[key] = self.shapes.for_direction(key)
        return self._graphs[key]

    def validate(self, proposals: Sequence[Proposal], *, filter_scope: str | None = None,
                 workers: int = 1) -> list[Result]:
        """Findings for each proposal, in input order; `filter_scope="consortium"` keeps
        only what the consortium alone decides (the eligibility finder). With `workers` > 1
        a large batch's direction groups are validated in forked worker processes."""
        items = self._groups(proposals)
        for code, _group in items:
            self._shapes_for(code)  # build before any fork, so workers share them
        if workers > 1 and len(items) > 1 and len(proposals) >= _PARALLEL_FROM:
            outcomes = _in_workers(self, items, filter_scope, workers)
        else:
            outcomes = [self._group(code, group, filter_scope) for code, group in items]
        results: dict[int, Result] = {}
        for (_code, group), by_focus in zip(items, outcomes, strict=True):
            for p in group:
                results[id(p)] = Result(proposal=p.id, direction=p.code, source=p.source,
                                        findings=by_focus.get(str(p.node), []))
        return [results[id(p)] for p in proposals]

    def _groups(self, proposals: Sequence[Proposal]) -> list[tuple[str | None, list[Proposal]]]:
        """The batch by direction (None: not a direction of this guide). A proposal id given
        twice would merge two proposals' graphs, so it is refused."""
        seen: dict[str, str] = {}
        groups: dict[str | None, list[Proposal]] = defaultdict(list)
        for p in proposals:
            if p.id in seen:
                raise ProposalError(N_("申报书 {id} 在同一批中出现了两次（另见 {other}）",
                                       id=p.id, other=seen[p.id]), path="id", source=p.source)
            seen[p.id] = p.source
            groups[p.code if p.code in self.shapes.by_direction else None].append(p)
        return list(groups.items())

    def _group(self, code: str | None, group: Sequence[Proposal], scope: str | None
               ) -> dict[str, list[Finding]]:
        data, renamed = _merge(group)
        report = self._run(data, self._shapes_for(code))
        paths = {p.id: p.paths for p in group}
        findings = {str(k): v for k, v in self._findings(report, scope, data).items()}
        for focus, fs in findings.items():
            for f in fs:
                if f.value:
                    f.value = renamed.get(f.value, f.value)
                if f.participant_path is not None:
                    node = f.participant_path
                    org = renamed.get(node, node)
                    f.participant_path = paths.get(focus, {}).get(org, org)
                    if f.participant == node:  # no name given: say where it is instead
                        f.participant = f.participant_path
                        f.message_zh = f.message_zh.replace(node, f.participant_path)
                        f.message_en = f.message_en.replace(node, f.participant_path)
        return findings

    def _run(self, data: Graph, shapes: Graph) -> Graph:
        _conforms, report, _text = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", abort_on_first=False,
            allow_infos=True, allow_warnings=True, advanced=False, meta_shacl=False)
        return report  # type: ignore[no-any-return]  # pySHACL is not annotated

    def report_into(self, proposals: Sequence[Proposal], out: Graph, report: Any) -> bool:
        """Add the batch's SHACL results to the report node `report` in `out`: every triple
        pySHACL reports (results with their source shapes, paths and values, blank nodes
        and lists included), each result also carrying its ck:requirementId. True when
        none is a violation."""
        conforms = True
        for code, group in self._groups(proposals):
            data, _order = _merge(group)
            g = self._run(data, self._shapes_for(code))
            own = set(g.subjects(RDF.type, SH.ValidationReport))
            for s, p, o in g:
                if s in own:
                    if p == SH.result:
                        out.add((report, SH.result, o))
                    continue  # one report node for the whole batch: its own type, conforms
                out.add((s, p, o))
            for r in g.subjects(RDF.type, SH.ValidationResult):
                if g.value(r, SH.resultSeverity) == SH.Violation:
                    conforms = False
                ann = self._annotations.get(g.value(r, SH.sourceShape))
                if ann:
                    out.add((r, CK.requirementId, Literal(ann[0])))
        return conforms

    def _findings(self, report: Graph, scope: str | None, data: Graph
                  ) -> dict[Any, list[Finding]]:
        out: dict[Any, list[Finding]] = defaultdict(list)
        for r in report.subjects(RDF.type, SH.ValidationResult):
            source = report.value(r, SH.sourceShape)
            ann = self._annotations.get(source)
            if ann is None:
                continue  # a nested shape's own result never carries a requirement
            if scope is not None and self._scopes.get(source) != scope:
                continue
            rid, severity, zh, en = ann
            focus = report.value(r, SH.focusNode)
            path = report.value(r, SH.resultPath)
            value = report.value(r, SH.value)
            finding = Finding(
                requirement=rid,
                severity=_SEVERITY.get(report.value(r, SH.resultSeverity), severity),
                message_zh=zh, message_en=en, focus=str(focus),
                path=_term(path) if isinstance(path, URIRef) else None,
                value=_term(value), allowed=list(self._allowed.get(source, [])))
            _explain(finding, value if value != focus else None, data)
            out[focus].append(finding)
        for findings in out.values():
            findings.sort(key=lambda f: (_ORDER[f.severity], _rid_key(f.requirement)))
        return out


def _explain(f: Finding, value: Any, data: Graph) -> None:
    """Say who and what: the participant at fault by its name (and its country by name),
    the value at fault and the allowed values, added to both messages."""
    said: dict[str, list[str]] = {lang: [] for lang in LANGS}
    if value is not None and (value, RDF.type, CK.Participant) in data:
        name = data.value(value, RDFS.label)
        f.participant = str(name) if name is not None else str(value)
        f.participant_path = str(value)
        country = data.value(value, CK.country)
        for lang in LANGS:
            said[lang].append(
                _("参与单位：{name}（{country}）", lang, name=f.participant,
                  country=_country(country, lang)) if country is not None
                else _("参与单位：{name}", lang, name=f.participant))
    elif isinstance(value, (Literal, URIRef)):
        shown = str(value) if isinstance(value, Literal) else _short(value)
        for lang in LANGS:
            said[lang].append(_("填写值：{value}", lang, value=shown))
    if f.allowed:  # a long list is quoted in part; `allowed` keeps all of it
        shown_, more = f.allowed[:_QUOTED], len(f.allowed) - _QUOTED
        said["zh"].append(_("允许值：{values}", "zh", values="、".join(shown_))
                          + (_("等{n}项", "zh", n=len(f.allowed)) if more > 0 else ""))
        said["en"].append(_("允许值：{values}", "en", values=", ".join(shown_))
                          + (_("等{n}项", "en", n=more) if more > 0 else ""))
    if said["zh"]:
        f.message_zh = f"{f.message_zh}（{'；'.join(said['zh'])}）"
        f.message_en = f"{f.message_en} ({'; '.join(said['en'])})"


def _country(term: Any, lang: str) -> str:
    """A country IRI as its name in `lang` (the reference table's), else its code."""
    code = _short(term)
    partner = partners().get(code)
    if partner is None:
        return code
    return (partner.name_zh if lang == "zh" else partner.name_en) or code


_QUOTED = 12


def _short(term: Any) -> str:
    return str(term).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _merge(group: Sequence[Proposal]) -> tuple[Graph, dict[str, str]]:
    """The group's proposals in one data graph. An organisation taking part in several
    proposals keeps one description per proposal (its role and funding belong to that
    proposal), so where its IRI recurs it is renamed per proposal; the map gives the
    original IRI back for the findings."""
    seen: dict[Any, Any] = {}
    shared = set()
    for p in group:
        for org in p.graph.objects(p.node, CK.participant):
            if org in seen and seen[org] != p.node:
                shared.add(org)
            seen[org] = p.node
    data = Graph()
    renamed: dict[str, str] = {}
    for p in group:
        local: dict[Any, Any] = {}
        for org in p.graph.objects(p.node, CK.participant):
            if org in shared:
                local[org] = URIRef(f"{p.node}#participant:{org}")
                renamed[str(local[org])] = str(org)
        for s_, p_, o_ in p.graph:
            data.add((local.get(s_, s_), p_, local.get(o_, o_)))
    return data, renamed


_PARALLEL_FROM = 64
_Items = list[tuple[str | None, list[Proposal]]]
_WORK: tuple[Validator, _Items, str | None] | None = None


def _work(index: int) -> dict[str, list[Finding]]:
    assert _WORK is not None
    validator, items, scope = _WORK
    code, group = items[index]
    return validator._group(code, group, scope)


def _in_workers(validator: Validator, items: _Items, scope: str | None, workers: int
                ) -> list[dict[str, list[Finding]]]:
    """Validate direction groups in forked processes: they inherit the shapes and the
    proposals' graphs, and send back only the findings. Largest groups go first."""
    global _WORK
    _WORK = (validator, items, scope)
    # Costliest first (shapes × proposals), so no worker is left with a big group at the end.
    order = sorted(range(len(items)),
                   key=lambda i: -len(items[i][1]) * len(validator._shapes_for(items[i][0])))
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = dict(zip(order, pool.imap(_work, order, chunksize=1), strict=True))
    finally:
        _WORK = None
    return [done[i] for i in range(len(items))]


def _rid_key(rid: str) -> tuple[str, tuple[int, int, str]]:
    head, _sep, tail = rid.rpartition("/")
    return (head, (0, int(tail), "") if tail.isdigit() else (1, 0, tail))


def _by_guide(proposals: Sequence[Proposal]) -> list[tuple[str, list[Proposal]]]:
    guides = sorted({p.guide_id for p in proposals})
    return [(gid, [p for p in proposals if p.guide_id == gid]) for gid in guides]


def validate_all(proposals: Sequence[Proposal], validator_for: Callable[[str], Validator], *,
                 workers: int = 1) -> list[Result]:
    """Results for proposals to any guides (each to its own guide's validator), in input
    order."""
    results: list[Result] = []
    for gid, batch in _by_guide(proposals):
        results.extend(validator_for(gid).validate(batch, workers=workers))
    order = {p.id: i for i, p in enumerate(proposals)}
    return sorted(results, key=lambda r: order.get(r.proposal, 0))


def report_all(proposals: Sequence[Proposal], validator_for: Callable[[str], Validator]
               ) -> tuple[Graph, bool]:
    """One SHACL validation report for proposals to any guides, and whether it conforms."""
    out = Graph()
    out.bind("sh", SH)
    out.bind("ck", CK)
    report = BNode()
    out.add((report, RDF.type, SH.ValidationReport))
    conforms = True
    for gid, batch in _by_guide(proposals):
        conforms = validator_for(gid).report_into(batch, out, report) and conforms
    out.add((report, SH.conforms, Literal(conforms)))
    return out, conforms
