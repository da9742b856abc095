"""Reading proposals: plain JSON (which is also JSON-LD through `shapes.context`), JSON-LD,
or any RDF syntax, into one RDF graph per proposal, refusing what cannot be validated.

A proposal that is not usable (not JSON or RDF, no direction, a negative or non-numeric
amount, an end before its start, an unknown type or country, no participants) raises
`ProposalError` naming the key; nothing is validated then. Remote JSON-LD contexts are
never fetched. Reading also adds what shapes compare directly: the duration in whole
months and the amounts in yuan.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD
from rdflib.plugins.parsers.jsonld import to_rdf

from coopkg.errors import InputError, ProposalError
from coopkg.i18n import N_
from coopkg.inputs import check_context, refuse_dtd, utf8_text
from coopkg.loaders.reference import partners
from coopkg.ontology import ontology_graph
from coopkg.vocab import BASE, CK, DOC_TYPE, ORG_TYPE, OWNERSHIP, ROLE

from .context import CONTEXT_IRI, context
from .fastjson import direct_graph

__all__ = ["Proposal", "months_between", "parse_proposals", "prepare_reading",
           "read_proposal_files"]

_RDF_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".n3": "n3",
                ".rdf": "xml", ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld",
                ".trig": "trig", ".nq": "nquads"}
_TOP_KEYS = {"id", "guide", "direction", "subdirection", "title", "fields", "researchAreas",
             "startDate", "endDate", "requestedFunding", "participants", "documents", "h2020",
             "clinical", "type"}
_PARTICIPANT_KEYS = {"id", "name", "country", "type", "sme", "ownership", "role",
                     "registeredOn", "legalEntity", "governmentFunding", "matchingFunds"}


@dataclass
class Proposal:
    """One proposal, read and normalised: its own graph, ready for the shapes."""

    node: URIRef | BNode
    graph: Graph
    guide_id: str
    direction: URIRef
    source: str
    # Each participant's place in the input ("participants[1]"), by its IRI.
    paths: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.node)

    @property
    def code(self) -> str | None:
        prefix = f"{BASE}guide/{self.guide_id}/direction/"
        d = str(self.direction)
        return d[len(prefix):] if d.startswith(prefix) else None


def months_between(start: date, end: date) -> int:
    """Whole months from start to end; an end on the day before the start's day of month
    completes that month (2021-07-01 → 2023-06-30 is 24 months, so is → 2023-07-01)."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    if after.day < start.day:
        months -= 1
    return months


def read_proposal_files(paths: list[str | Path], *, guide: str | None = None
                        ) -> list[Proposal]:
    """The proposals in files; `guide` as for `parse_proposals`."""
    out: list[Proposal] = []
    for p in paths:
        path = Path(p)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ProposalError(N_("没有这个文件"), source=str(path)) from None
        except IsADirectoryError:
            raise ProposalError(N_("这是一个目录，不是文件"), source=str(path)) from None
        out.extend(parse_proposals(data, source=str(path), suffix=path.suffix.lower(),
                                   guide=guide))
    return out


def _checked(check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A check of coopkg.inputs, its refusal said as a proposal's."""
    try:
        return check(*args, **kwargs)
    except InputError as e:
        raise ProposalError.of(e) from None


def parse_proposals(data: bytes | str, *, source: str = "<proposal>", suffix: str = "",
                    media_type: str = "", guide: str | None = None) -> list[Proposal]:
    """Proposals in `data`: JSON (one object or a list), JSON-LD, or RDF. `guide` is the
    guide a JSON proposal's direction code refers to when it names none (the caller's choice:
    the store's newest guide, or the one asked for; see coopkg.guides). A code with no
    guide to resolve it against is refused."""
    text = _checked(utf8_text, data, source) if isinstance(data, bytes) else data
    rdf_format = _rdf_format(suffix, media_type)
    stripped = text.lstrip()
    declared_json = suffix == ".json" or media_type.split(";")[0].strip() == "application/json"
    if rdf_format is None and (declared_json or stripped[:1] in ("{", "[")):
        return _from_json(text, source, guide)
    if rdf_format is None:
        if not stripped:
            raise ProposalError(N_("内容为空"), source=source)
        rdf_format = "turtle"
    if rdf_format == "json-ld":
        return _from_json(text, source, guide)
    if rdf_format == "xml":
        _checked(refuse_dtd, text, source)
    graph = Graph()
    try:
        graph.parse(data=text, format=rdf_format)
    except Exception as e:  # rdflib raises many parser-specific types for bad syntax
        raise ProposalError(N_("不是有效的 {syntax}：{why}", syntax=rdf_format, why=_first_line(e)),
                            source=source) from None
    return _split(graph, source)


def _rdf_format(suffix: str, media_type: str) -> str | None:
    mt = media_type.split(";")[0].strip().lower()
    by_media = {"text/turtle": "turtle", "application/n-triples": "nt",
                "application/rdf+xml": "xml", "application/ld+json": "json-ld",
                "application/trig": "trig", "application/n-quads": "nquads",
                "application/json": None}
    if mt in by_media:
        return by_media[mt]
    return _RDF_FORMATS.get(suffix)


def _first_line(e: Exception) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0][:200]


# -- JSON ------------------------------------------------------------------------------

_NO_GUIDE = N_("缺少：方向编号所属的指南，例如 \"2021-1\"（或在校验时选定指南）")


def _from_json(text: str, source: str, guide: str | None) -> list[Proposal]:
    try:
        doc = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as e:
        raise ProposalError(N_("不是 JSON：第 {line} 行第 {column} 列：{why}", line=e.lineno,
                               column=e.colno, why=e.msg), source=source) from None
    except RecursionError:  # the JSON reader recurses once per level of nesting
        raise ProposalError(N_("JSON 嵌套过深，无法读取"), source=source) from None
    items = doc if isinstance(doc, list) else [doc]
    if not items:
        raise ProposalError(N_("空列表：没有需要校验的申报书"), source=source)
    out = []
    for i, item in enumerate(items):
        label = f"{source}[{i}]" if isinstance(doc, list) else source
        if not isinstance(item, dict):
            raise ProposalError(N_("申报书须是一个 JSON 对象"), source=label)
        if "@context" in item:  # never fetched, so a remote one is refused, not ignored
            _checked(check_context, item["@context"], label, own=CONTEXT_IRI)
        if "@graph" in item:
            graph = _jsonld_graph(item, label, guide)
            out.extend(_split(graph, label))
            continue
        out.append(_from_object(item, label, guide))
    return out


def _jsonld_graph(doc: dict[str, Any], source: str, chosen: str | None = None) -> Graph:
    doc = dict(doc)
    guide = doc.get("guide") or chosen
    if not isinstance(guide, str) or not guide:
        raise ProposalError(_NO_GUIDE, path="guide", source=source)
    user = _checked(check_context, doc.pop("@context", None), source, own=CONTEXT_IRI)
    ctx: list[Any] = [context(guide)]
    if user:
        ctx.extend(user if isinstance(user, list) else [user])
    doc["@context"] = ctx if len(ctx) > 1 else ctx[0]
    graph = Graph(bind_namespaces="none")
    try:
        to_rdf(_plain(doc), graph)
    except Exception as e:  # the JSON-LD processor's own errors
        raise ProposalError(N_("不是有效的 JSON-LD：{why}", why=_first_line(e)),
                            source=source) from None
    return graph


def _plain(value: Any) -> Any:
    """Exact decimals as their text: the context types amounts as xsd:decimal, and a JSON
    number never passes through a binary float."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Problems(list[ProposalError]):
    """The problems of one proposal, gathered so all of them are reported at once."""

    def check(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ProposalError as e:
            self.extend(e.problems)
            return None

    def raise_all(self, source: str) -> None:
        if self:
            raise ProposalError.several(list(self), source=source)


def _from_object(item: dict[str, Any], source: str, chosen: str | None) -> Proposal:
    problems = _Problems()
    doc = dict(item)
    for key in sorted(k for k in item if not k.startswith("@") and k not in _TOP_KEYS):
        problems.append(ProposalError(N_("未知的键（可用的键：{known}）",
                                         known=", ".join(sorted(_TOP_KEYS))),
                                      path=key, source=source))
        del doc[key]
    if "direction" not in item or item["direction"] in (None, ""):
        problems.append(ProposalError(N_("缺少：指南方向的编号，例如 \"3.4\""),
                                      path="direction", source=source))
    elif not isinstance(item["direction"], str):
        problems.append(ProposalError(N_("须是字符串，例如 \"3.4\"（加引号：2.0 和 3.0 是编号）"),
                                      path="direction", source=source))
    parts = item.get("participants")
    if not isinstance(parts, list) or not parts:
        problems.append(ProposalError(N_("至少需要一家参与单位"),
                                      path="participants", source=source))
        parts = []
    doc.setdefault("@type", "Proposal")
    if "id" not in doc:
        digest = hashlib.sha1(json.dumps(item, sort_keys=True, default=str).encode()).hexdigest()
        doc["id"] = f"urn:coopkg:proposal:{digest[:16]}"
    participants = []
    for i, p in enumerate(parts, start=1):
        if not isinstance(p, dict):
            problems.append(ProposalError(N_("须是一个对象"), path=f"participants[{i - 1}]",
                                          source=source))
            continue
        p = dict(p)
        for key in sorted(k for k in p if not k.startswith("@") and k not in _PARTICIPANT_KEYS):
            problems.append(ProposalError(
                N_("未知的键（可用的键：{known}）", known=", ".join(sorted(_PARTICIPANT_KEYS))),
                path=f"participants[{i - 1}].{key}", source=source))
            del p[key]
        p.setdefault("id", f"{doc['id']}#participant-{i}")
        for key in ("governmentFunding", "matchingFunds"):
            if problems.check(_check_money, p.get(key), f"participants[{i - 1}].{key}",
                              source) is None:
                p.pop(key, None)
        participants.append(p)
    doc["participants"] = participants
    if problems.check(_check_money, doc.get("requestedFunding"), "requestedFunding",
                      source) is None:
        doc.pop("requestedFunding", None)
    if any(p.path in ("direction", "participants") for p in problems) or not participants:
        problems.raise_all(source)  # nothing more can be read without these
    guide = doc.get("guide") or _guide_of(URIRef(str(doc["direction"]))) or chosen
    if not guide:
        problems.append(ProposalError(_NO_GUIDE, path="guide", source=source))
        problems.raise_all(source)
    guide = str(guide)
    graph = direct_graph(doc, guide) if "@context" not in doc else None
    if graph is None:
        graph = problems.check(_jsonld_graph, doc, source, guide)
        if graph is None:
            problems.raise_all(source)
    order = {str(p["id"]): i for i, p in enumerate(participants)}
    # One JSON object is one proposal: its graph needs no splitting.
    nodes = set(graph.subjects(CK.direction, None))
    if len(nodes) != 1:
        return _split(graph, source, order, problems)[0]
    return _normalise(graph, nodes.pop(), source, order, problems)


def _check_money(value: Any, path: str, source: str) -> bool:
    """JSON amounts must be JSON numbers (a string "8000000" is refused, not coerced)."""
    if value is None:
        return True
    if not isinstance(value, dict):
        raise ProposalError(N_('须是一个对象，例如 {example}',
                               example='{"amount": 8000000, "currency": "CNY"}'),
                            path=path, source=source)
    amount = value.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, (int, Decimal)):
        shown = json.dumps(amount, default=str, ensure_ascii=False)  # as typed: 八百万
        raise ProposalError(N_("须是数字，而不是 {value}", value=shown),
                            path=f"{path}.amount", source=source)
    return True


# -- RDF: split, check, normalise ------------------------------------------------------

def _split(graph: Graph, source: str, order: dict[str, int] | None = None,
           problems: _Problems | None = None) -> list[Proposal]:
    """One graph per proposal: each node with ck:direction (or typed ck:Proposal) and
    everything reachable from it."""
    nodes = set(graph.subjects(RDF.type, CK.Proposal)) | set(graph.subjects(CK.direction, None))
    if not nodes:
        raise ProposalError(N_("没有找到申报书（带 ck:direction 的节点）"), path="direction",
                            source=source)
    out = []
    for node in sorted(nodes, key=str):
        sub = Graph(bind_namespaces="none")
        _copy_reachable(graph, node, sub, stop=nodes - {node})
        label = source if len(nodes) == 1 else f"{source} <{node}>"
        out.append(_normalise(sub, node, label, order, problems))
    return out


def _copy_reachable(src: Graph, node: Any, dst: Graph, *, stop: set[Any]) -> None:
    todo, seen = [node], set()
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        for s, p, o in src.triples((n, None, None)):
            dst.add((s, p, o))
            if not isinstance(o, Literal) and o not in stop:
                todo.append(o)


def prepare_reading() -> None:
    """Read the ontology's vocabularies now (a quarter of a second), not while the first
    proposal waits for them."""
    _vocabulary()


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, frozenset[URIRef]]:
    onto = ontology_graph()

    def scheme(ns: Any) -> frozenset[URIRef]:
        return frozenset(c for c in onto.subjects(RDF.type, SKOS.Concept)
                         if isinstance(c, URIRef) and str(c).startswith(str(ns)))

    countries = frozenset(URIRef(f"{BASE}partner/{code}") for code in partners())
    return {"type": scheme(ORG_TYPE), "role": scheme(ROLE), "ownership": scheme(OWNERSHIP),
            "document": scheme(DOC_TYPE), "country": countries}


def _local(term: Any) -> str:
    s = str(term)
    return s.rsplit("/", 1)[-1] if "/" in s else s


def _participant_path(node: Any, proposal: Any, i: int, order: dict[str, int]) -> str:
    """A JSON path (0-based, as JSONPath counts) for the participant, or its IRI."""
    s = str(node)
    if s in order:
        return f"participants[{order[s]}]"
    marker = f"{proposal}#participant-"
    if s.startswith(marker) and s[len(marker):].isdigit():
        return f"participants[{int(s[len(marker):]) - 1}]"
    return f"participants[<{s}>]"


def _one(g: Graph, s: Any, p: URIRef, path: str, source: str) -> Any:
    values = list(g.objects(s, p))
    if len(values) > 1:
        raise ProposalError(N_("给出了不止一次"), path=path, source=source)
    return values[0] if values else None


def _date(g: Graph, s: Any, p: URIRef, path: str, source: str) -> date | None:
    v = _one(g, s, p, path, source)
    if v is None:
        return None
    value = v.toPython() if isinstance(v, Literal) else None
    if not isinstance(value, date):
        raise ProposalError(N_("不是日期（YYYY-MM-DD）：{value}", value=str(v)), path=path,
                            source=source)
    return value


def _amount(g: Graph, s: Any, p: URIRef, path: str, source: str) -> Decimal | None:
    node = _one(g, s, p, path, source)
    if node is None:
        return None
    raw = _one(g, node, CK.amount, f"{path}.amount", source)
    if raw is None:
        raise ProposalError(N_("缺少"), path=f"{path}.amount", source=source)
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise ProposalError(N_("不是数字：{value}", value=str(raw)), path=f"{path}.amount",
                            source=source) from None
    if not value.is_finite() or value < 0:
        raise ProposalError(N_("须是不小于 0 的数字，而不是 {value}", value=str(raw)),
                            path=f"{path}.amount",
                            source=source)
    if value == value.to_integral_value():
        value = value.to_integral_value()
    currency = _one(g, node, CK.currency, f"{path}.currency", source)
    if currency is not None and str(currency) != "CNY":
        raise ProposalError(N_("只有人民币（CNY）金额能与指南对照，而不是 {currency}",
                               currency=str(currency)), path=f"{path}.currency", source=source)
    return value


def _member(g: Graph, s: Any, p: URIRef, allowed: frozenset[URIRef], path: str,
            source: str, *, required: bool = False) -> Any:
    v = _one(g, s, p, path, source)
    if v is None:
        if required:
            raise ProposalError(N_("缺少"), path=path, source=source)
        return None
    if v not in allowed:
        known = ", ".join(sorted(_local(a) for a in allowed)) if len(allowed) < 20 else \
            "ISO 3166-1 alpha-2 codes"
        raise ProposalError(N_("未知的值 {value}（可用的值：{known}）", value=repr(_local(v)),
                               known=known), path=path,
                            source=source)
    return v


def _normalise(g: Graph, node: Any, source: str, order: dict[str, int] | None = None,
               problems: _Problems | None = None) -> Proposal:
    """Check one proposal's graph, gathering every problem (raised together at the end),
    and add the derived values."""
    vocab = _vocabulary()
    order = order or {}
    problems = _Problems(problems or [])
    directions = list(g.objects(node, CK.direction))
    if not directions:
        problems.append(ProposalError(N_("缺少"), path="direction", source=source))
    elif len(directions) > 1 or not isinstance(directions[0], URIRef):
        problems.append(ProposalError(N_("须有且只有一个方向（编号或方向的 IRI）"),
                                      path="direction", source=source))
    direction = directions[0] if directions and isinstance(directions[0], URIRef) else \
        URIRef(f"{BASE}guide/")
    # Derived values are computed here, never taken from the input.
    for prop in (CK.durationMonths, CK.requestedCNY, CK.governmentFundingCNY,
                 CK.matchingFundsCNY):
        g.remove((None, prop, None))
    guide_node = problems.check(_one, g, node, CK.guideOf, "guide", source)
    guide_id = _local(guide_node) if guide_node is not None else _guide_of(direction)
    if not guide_id and directions:
        problems.append(ProposalError(N_("不是任何指南的方向：须是指南方向的 IRI（…/guide/<指南>/"
                                         "direction/<编号>）"), path="direction", source=source))
    g.add((node, RDF.type, CK.Proposal))

    start = problems.check(_date, g, node, CK.startDate, "startDate", source)
    end = problems.check(_date, g, node, CK.endDate, "endDate", source)
    if start and end:
        if end < start:
            problems.append(ProposalError(N_("{end} 早于开始日期 startDate {start}", end=end,
                                             start=start),
                                          path="endDate",
                                          source=source))
        else:
            g.add((node, CK.durationMonths, Literal(months_between(start, end),
                                                    datatype=XSD.integer)))
    requested = problems.check(_amount, g, node, CK.requestedFunding, "requestedFunding",
                               source)
    if requested is not None:
        g.add((node, CK.requestedCNY, Literal(requested, datatype=XSD.decimal)))
    sub = problems.check(_one, g, node, CK.subDirectionNumber, "subdirection", source)
    if sub is not None and not isinstance(sub.toPython(), int):
        problems.append(ProposalError(N_("须是整数，而不是 {value}", value=str(sub)),
                                      path="subdirection", source=source))

    participants = sorted(g.objects(node, CK.participant), key=str)
    paths: dict[str, str] = {}
    if not participants:
        problems.append(ProposalError(N_("至少需要一家参与单位"),
                                      path="participants", source=source))
    for i, p in enumerate(participants, start=1):
        path = _participant_path(p, node, i, order)
        paths[str(p)] = path
        g.add((p, RDF.type, CK.Participant))
        problems.check(_member, g, p, CK.organisationType, vocab["type"], f"{path}.type",
                       source, required=True)
        problems.check(_member, g, p, CK.country, vocab["country"], f"{path}.country", source,
                       required=True)
        problems.check(_member, g, p, CK.role, vocab["role"], f"{path}.role", source)
        problems.check(_member, g, p, CK.ownership, vocab["ownership"], f"{path}.ownership",
                       source)
        problems.check(_date, g, p, CK.registeredOn, f"{path}.registeredOn", source)
        for prop, key, flat in ((CK.governmentFunding, "governmentFunding",
                                 CK.governmentFundingCNY),
                                (CK.matchingFunds, "matchingFunds", CK.matchingFundsCNY)):
            value = problems.check(_amount, g, p, prop, f"{path}.{key}", source)
            if value is not None:
                g.add((p, flat, Literal(value, datatype=XSD.decimal)))
        for prop, key in ((CK.sme, "sme"), (CK.legalEntity, "legalEntity")):
            v = problems.check(_one, g, p, prop, f"{path}.{key}", source)
            if v is not None and not isinstance(v.toPython(), bool):
                problems.append(ProposalError(N_("须是 true 或 false，而不是 {value}",
                                                 value=str(v)),
                                              path=f"{path}.{key}", source=source))
    for i, d in enumerate(sorted(g.objects(node, CK.document), key=str), start=1):
        problems.check(_member, g, d, CK.documentType, vocab["document"],
                       f"documents[{i}].type", source, required=True)
        problems.check(_date, g, d, CK.date, f"documents[{i}].date", source)
    h2020 = problems.check(_one, g, node, CK.h2020Project, "h2020", source)
    if h2020 is not None:
        year = problems.check(_one, g, h2020, CK.callYear, "h2020.callYear", source)
        if year is not None and not str(year).isdigit():
            problems.append(ProposalError(N_("不是年份：{value}", value=str(year)),
                                          path="h2020.callYear",
                                          source=source))
    problems.raise_all(source)
    return Proposal(node=node, graph=g, guide_id=guide_id, direction=direction, source=source,
                    paths=paths)


def _guide_of(direction: URIRef) -> str:
    s = str(direction)
    prefix = f"{BASE}guide/"
    if s.startswith(prefix) and "/direction/" in s:
        return s[len(prefix):].split("/direction/")[0]
    return ""
