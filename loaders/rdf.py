"""From the loader's model to RDF: one graph per guide, one for the reference tables.

Terms are those of `ontology/coopkg.ttl`; IRIs come from `coopkg.vocab`. Every entity
gets rdfs:label in zh and en (en from the curated label table where the guide gives
a name, otherwise a descriptive one built from its code and number).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from coopkg.i18n import N_
from coopkg.vocab import (
    AGREEMENT_KIND,
    BASE,
    CK,
    COMPARATOR,
    DOC_TYPE,
    KIND,
    MODALITY,
    ORG_TYPE,
    OWNERSHIP,
    agency_iri,
    agreement_iri,
    direction_iri,
    guide_iri,
    partner_iri,
)

from .model import Agreement, Clause, Count, Direction, Field, Guide, Requirement, SubDirection
from .numbers import Amount
from .reference import (
    FUNDING_PROGRAMME,
    ISSUER,
    JOINT_RESEARCH_CENTRE,
    Agency,
    Labels,
    agencies,
    labels,
    member_lists,
    memberships,
    partners,
)
from .text import Notice
from .translations import translations

__all__ = ["agency_identifiers", "bind_prefixes", "guide_graph", "reference_graph"]

SIDE = BASE + "vocab/side/"
STATUS = BASE + "vocab/status/"
_ISSUER = ISSUER  # the body issuing the genre's guides
# A requirement that sends applicants to a body: submit to it, obtain its recognition.
_CONTACT = re.compile(r"提交|认可|联系|咨询")
_COMPARATORS = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "=": "eq"}
_PARTNER_CLASS = {"country": CK.Country, "supranational_union": CK.SupranationalUnion,
                  "international_organization": CK.InternationalOrganization,
                  "mechanism": CK.CooperationMechanism}


def bind_prefixes(g: Graph) -> Graph:
    g.bind("ck", CK)
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    g.bind("prov", PROV)
    g.bind("kind", KIND)
    g.bind("modality", MODALITY)
    return g


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _dec(value: Decimal | int) -> Literal:
    return Literal(Decimal(value), datatype=XSD.decimal)


def _int(value: int) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


def _gyear(value: int) -> Literal:
    return Literal(f"{int(value):04d}", datatype=XSD.gYear)


class _Emitter:
    def __init__(self, guide: Guide, table: Labels) -> None:
        self.guide = guide
        self.labels = table
        self.g = bind_prefixes(Graph())
        self.missing: list[str] = []
        self.gid = guide.guide_id
        self.giri = guide_iri(self.gid)
        self.source = URIRef(f"{BASE}guide/{self.gid}/source")
        self.translations = translations(self.gid)
        self.untranslated: list[str] = []
        self.translated = 0

    def add(self, s: URIRef | BNode, p: URIRef, o: URIRef | BNode | Literal | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def label(self, node: URIRef, zh: str, en: str | None, *, kind: str | None = None) -> None:
        self.add(node, RDFS.label, _zh(zh))
        if en is None and kind is not None:
            en = self.labels.en(kind, zh)
            if en is None:
                self.missing.append(f"{kind}: {zh}")
        if en is not None:
            self.add(node, RDFS.label, _en(en))

    # -- money, counts, durations -------------------------------------------------
    def amount(self, node: URIRef, amount: Amount, zh: str, en: str) -> URIRef:
        self.add(node, RDF.type, CK.MonetaryAmount)
        self.label(node, zh, en)
        self.add(node, CK.amount, _dec(amount.value))
        self.add(node, CK.currency, Literal(amount.currency))
        self.add(node, CK.isCap, Literal(amount.is_cap))
        self.add(node, CK.isMinimum, Literal(amount.qualifier == "min"))
        self.add(node, CK.statedText, _zh(amount.text))
        return node

    def count(self, node: URIRef, count: Count, code: str, direction: URIRef) -> URIRef:
        self.add(node, RDF.type, CK.ProjectCount)
        self.label(node, f"方向{code}：拟支持项目数", f"Number of projects, direction {code}")
        if count.min is not None:
            self.add(node, CK.minCount, _int(count.min))
        if count.max is not None:
            self.add(node, CK.maxCount, _int(count.max))
        self.add(node, CK.statedText, _zh(count.text))
        for i, (scope, lo, hi) in enumerate(count.breakdown, start=1):
            quota = URIRef(f"{node}/quota/{i}")
            self.add(node, CK.quota, quota)
            self.add(quota, RDF.type, CK.ProjectCount)
            self.label(quota, f"方向{code}：项目数：{scope}",
                       f"Number of projects, direction {code}, quota {i}")
            self.add(quota, CK.scopeText, _zh(scope))
            if lo is not None:
                self.add(quota, CK.minCount, _int(lo))
            if hi is not None:
                self.add(quota, CK.maxCount, _int(hi))
            for f in self._fields_named(direction, scope):
                self.add(quota, CK.field, f)
        return node

    def duration(self, node: URIRef, lo: Decimal | None, hi: Decimal | None,
                 modality: str | None, zh: str, en: str) -> URIRef:
        self.add(node, RDF.type, CK.Duration)
        self.label(node, zh, en)
        if lo is not None:
            self.add(node, CK.minYears, _dec(lo))
        if hi is not None:
            self.add(node, CK.maxYears, _dec(hi))
        if modality:
            self.add(node, CK.modality, MODALITY[modality])
        return node

    # -- the guide ----------------------------------------------------------------
    def emit(self) -> Graph:
        g, giri, guide = self.g, self.giri, self.guide
        h = guide.headline
        self.add(giri, RDF.type, CK.Guide)
        programme_en = (self.labels.en("programme", guide.programme)
                        or "Intergovernmental International S&T Innovation Cooperation")
        self.label(giri, guide.title,
                   f"{programme_en} key special project: {guide.year} call guide, "
                   f"batch {guide.batch}" + (" (draft for comments)" if guide.draft else ""))
        self.add(giri, DCTERMS.title, _zh(guide.title))
        self.add(giri, CK.guideId, Literal(self.gid))
        programme = URIRef(f"{BASE}programme/{agreement_iri(guide.programme).rsplit('/', 1)[1]}")
        self.add(giri, CK.programme, programme)
        self.add(programme, RDF.type, CK.Programme)
        self.label(programme, guide.programme, programme_en)
        self.add(programme, CK.partOf, agency_iri("NKRDP"))
        self.add(giri, CK.issuer, agency_iri(_ISSUER))
        self.add(giri, CK.year, _gyear(guide.year))
        self.add(giri, CK.batch, _int(guide.batch))
        self.add(giri, CK.status, URIRef(STATUS + ("draft-for-comments" if guide.draft
                                                    else "final")))
        self.add(giri, PROV.wasDerivedFrom, self.source)
        self.add(self.source, RDF.type, PROV.Entity)
        self.add(self.source, RDFS.label, _zh(f"{guide.title}（文本）"))
        self.add(self.source, RDFS.label, _en(f"Text of guide {self.gid}"))
        self.add(self.source, DCTERMS.identifier, Literal(guide.source_name))
        if h.directions is not None:
            self.add(giri, CK.statedDirectionCount, _int(h.directions))
        if h.partners is not None:
            self.add(giri, CK.statedPartnerCount, _int(h.partners))
        if h.projects is not None:
            self.add(giri, CK.statedProjectCount, _int(h.projects))
            self.add(giri, CK.statedProjectCountApproximate, Literal(h.projects_approximate))
        if h.budget is not None:
            self.add(giri, CK.statedBudget, self.amount(
                URIRef(f"{giri}/budget"), h.budget, "国拨经费总概算",
                f"Total central government budget stated by guide {self.gid}"))
        if h.duration_max is not None:
            self.add(giri, CK.typicalDuration, self.duration(
                URIRef(f"{giri}/duration"), h.duration_min, h.duration_max,
                h.duration_modality, "每个项目实施周期",
                f"Typical project period, guide {self.gid}"))
        if h.text:
            self.add(giri, CK.headlineText, _zh(h.text))
        scheme = URIRef(f"{giri}/fields")
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.label(scheme, f"{guide.year}年度第{guide.batch}批指南领域方向",
                   f"Research fields of guide {self.gid}")
        self.add(giri, CK.fieldScheme, scheme)
        for d in guide.directions:
            self.direction(d, scheme)
        if self.translated:
            self.translation_set()
        return g

    def translate(self, node: URIRef, prop: URIRef, code: str, item: str, zh: str) -> None:
        """The shipped unofficial English of a text, where the table has it for this text."""
        en = self.translations.en(code, item, zh)
        if en is None:
            self.untranslated.append(f"{code} {item}")
            return
        self.translated += 1
        self.add(node, prop, _en(en))

    def translation_set(self) -> None:
        node = URIRef(f"{self.giri}/translation/en")
        self.add(self.giri, CK.translation, node)
        self.add(node, RDF.type, CK.Translation)
        self.label(node, f"{self.guide.title}：其他要求与子方向文本的英文译文（非官方）",
                   f"Unofficial English translation of the requirement and sub-direction "
                   f"texts of guide {self.gid}")
        self.add(node, DCTERMS.language, Literal("en"))
        self.add(node, DCTERMS.source, Literal(self.translations.source))
        self.add(node, PROV.wasDerivedFrom, self.source)
        self.add(node, RDFS.comment, _en(
            "Curated by coopkg from the guide text, translated literally; not issued by the "
            "Ministry of Science and Technology. Only the Chinese text is authoritative."))
        self.add(node, RDFS.comment, _zh("由coopkg依据指南原文直译整理，并非科技部发布；"
                                         "以中文原文为准。"))

    def direction(self, d: Direction, scheme: URIRef) -> None:
        node = direction_iri(self.gid, d.code)
        self.fields_by_label: dict[str, URIRef] = {}
        self.add(self.giri, CK.hasDirection, node)
        self.add(node, RDF.type, CK.Direction)
        self.add(node, CK.guide, self.giri)
        self.add(node, CK.code, Literal(d.code))
        en = self.labels.en("direction", d.title)
        if en is None:
            self.missing.append(f"direction: {d.title}")
        self.label(node, d.title, en or f"Direction {d.code}")
        self.add(node, CK.sourceLine, _int(d.line))
        self.add(node, PROV.wasDerivedFrom, self.source)
        for code in d.partners:
            self.add(node, CK.partner, partner_iri(code))
        self.agencies(node, d)
        for a in d.agreements:
            self.agreement(node, a, d)
        if d.commitment:
            c = URIRef(f"{node}/commitment")
            self.add(node, CK.diplomaticCommitment, c)
            self.add(c, RDF.type, CK.DiplomaticCommitment)
            self.label(c, d.commitment.initiative or d.commitment.text, None, kind="commitment")
            self.add(c, CK.text, _zh(d.commitment.text))
            if d.commitment.initiative:
                self.add(c, CK.initiative, _zh(d.commitment.initiative))
        if d.field_note:
            self.add(node, CK.fieldNote, _zh(d.field_note))
        for f in d.fields:
            self.field(node, f, scheme, d.code, top=True)
        for sd in d.subdirections:
            self.subdirection(node, sd, d.code)
        if d.parts:
            total_min = None if any(p.count.min is None for p in d.parts) else sum(
                p.count.min or 0 for p in d.parts)
            total_max = None if any(p.count.max is None for p in d.parts) else sum(
                p.count.max or 0 for p in d.parts)
            total = Count(min=total_min, max=total_max, text="；".join(p.text for p in d.parts))
            self.add(node, CK.projectCount, self.count(URIRef(f"{node}/projects"), total,
                                                       d.code, node))
            money = Amount(value=sum((p.budget.value for p in d.parts), Decimal(0)),
                           currency=d.parts[0].budget.currency,
                           qualifier="max" if all(p.budget.is_cap for p in d.parts) else None,
                           text="；".join(p.budget.text for p in d.parts))
            self.add(node, CK.budget, self.amount(URIRef(f"{node}/budget"), money,
                                                  f"方向{d.code}：拟支持经费（合计）",
                                                  f"Budget of direction {d.code} (total of parts)"))
            for p in d.parts:
                part = URIRef(f"{node}/part/{p.number}")
                self.add(node, CK.part, part)
                self.add(part, RDF.type, CK.DirectionPart)
                self.label(part, f"方向{d.code}：第{p.number}部分：{p.fields_text}",
                           f"Direction {d.code}, part {p.number}")
                self.add(part, CK.number, _int(p.number))
                self.add(part, CK.statedText, _zh(p.text))
                self.add(part, CK.projectCount, self.count(URIRef(f"{part}/projects"), p.count,
                                                           d.code, node))
                self.add(part, CK.budget, self.amount(
                    URIRef(f"{part}/budget"), p.budget, f"方向{d.code}：第{p.number}部分经费",
                    f"Budget of direction {d.code}, part {p.number}"))
                for label in p.field_labels:
                    for iri in self._fields_named(node, label):
                        self.add(part, CK.field, iri)
        else:
            assert d.count is not None and d.budget is not None
            self.add(node, CK.projectCount, self.count(URIRef(f"{node}/projects"), d.count,
                                                       d.code, node))
            self.add(node, CK.budget, self.amount(URIRef(f"{node}/budget"), d.budget,
                                                  f"方向{d.code}：拟支持经费",
                                                  f"Budget of direction {d.code}"))
        if d.duration_min is not None or d.duration_max is not None:
            self.add(node, CK.duration, self.duration(
                URIRef(f"{node}/duration"), d.duration_min, d.duration_max, d.duration_modality,
                f"方向{d.code}：项目实施周期", f"Project period, direction {d.code}"))
        for r in d.requirements:
            self.requirement(node, r, d.code)

    def _fields_named(self, direction: URIRef, scope: str) -> Iterable[URIRef]:
        """Fields a quota or part names ("生物科技领域", "可持续制造领域" → 可持续制造领域)."""
        want = scope.removesuffix("领域")
        for label, iri in self.fields_by_label.items():
            if label.removesuffix("领域") == want or (want and label.startswith(want)):
                yield iri
                return

    def agencies(self, node: URIRef, d: Direction) -> None:
        """The bodies a direction names, each with its role where the guide shows it: the
        guide's issuer funds every direction (and a body named beside it in the title
        co-funds a joint programme); a body named in the title of an agreement signed it,
        unless its organisation type cannot sign (a joint research centre is the direction's
        centre, which the agreements set up); one a requirement names as the body to submit
        to or obtain recognition from is a contact. Programmes (Horizon 2020) are co-funding
        programmes, not agencies."""
        table = agencies()
        issuer = agency_iri(_ISSUER)
        self.add(node, CK.agency, issuer)
        self.add(node, CK.funder, issuer)
        title_names = _ISSUER in d.agencies and any(
            n in d.title for n in table[_ISSUER].names_zh)
        for aid in d.agencies:
            a, iri = table[aid], agency_iri(aid)
            if a.entity_type == FUNDING_PROGRAMME:
                self.add(node, CK.fundingProgramme, iri)
                continue
            self.add(node, CK.agency, iri)
            if a.entity_type == JOINT_RESEARCH_CENTRE:
                self.add(node, CK.jointResearchCentre, iri)
            if a.signs_agreements and any(any(n in ag.title for n in a.names_zh)
                                          for ag in d.agreements):
                self.add(node, CK.agreementSignatory, iri)
            if aid == _ISSUER:  # the funder of every direction; applicants submit to it
                continue
            if title_names and any(n in d.title for n in a.names_zh):
                self.add(node, CK.funder, iri)
            if any(_CONTACT.search(r.text) and any(n in r.text.replace(" ", "")
                                                   for n in a.names_zh)
                   for r in d.requirements):
                self.add(node, CK.contactAgency, iri)

    def agreement(self, direction: URIRef, a: Agreement, d: Direction) -> None:
        node = agreement_iri(a.title)
        self.add(direction, CK.agreement, node)
        self.add(node, RDF.type, CK.Agreement)
        self.label(node, a.title, None, kind="agreement")
        self.add(node, CK.agreementKind, AGREEMENT_KIND[a.kind])
        if a.year is not None:
            self.add(node, CK.year, _gyear(a.year))
        for s in a.short_names:
            self.add(node, SKOS.altLabel, _zh(s))
        for code in d.partners:
            self.add(node, CK.party, partner_iri(code))
        for aid in d.agencies:
            body = agencies()[aid]
            if body.signs_agreements and any(n in a.title for n in body.names_zh):
                self.add(node, CK.signatory, agency_iri(aid))

    def field(self, direction: URIRef, f: Field, scheme: URIRef, code: str, *,
              top: bool, parent: URIRef | None = None) -> URIRef:
        path = ".".join(map(str, f.path))
        node = URIRef(f"{direction}/field/{path.replace('.', '/')}")
        self.fields_by_label.setdefault(f.label, node)
        self.add(node, RDF.type, CK.Field)
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.inScheme, scheme)
        self.add(node, SKOS.notation, Literal(f"{code}/{path}"))
        self.add(node, SKOS.prefLabel, _zh(f.label))
        en = self.labels.en("field", f.label)
        if en:
            self.add(node, SKOS.prefLabel, _en(en))
        else:
            self.missing.append(f"field: {f.label}")
        self.label(node, f.label, en)
        if f.text != f.label:
            self.add(node, CK.text, _zh(f.text))
        if f.note:
            self.add(node, SKOS.scopeNote, _zh(f.note))
        if f.note and f.note.startswith("包括但不限于"):
            self.add(node, CK.openEnded, Literal(True))
        if f.line:
            self.add(node, CK.sourceLine, _int(f.line))
        if top:
            self.add(direction, CK.field, node)
            self.add(node, SKOS.topConceptOf, scheme)
            self.add(scheme, SKOS.hasTopConcept, node)
        if parent is not None:
            self.add(node, SKOS.broader, parent)
            self.add(parent, SKOS.narrower, node)
            if f.path and parent and f.label and self._is_example(parent):
                self.add(node, CK.isExample, Literal(True))
        for child in f.children:
            self.field(direction, child, scheme, code, top=False, parent=node)
        if f.examples:
            self.g.add((node, CK.hasExamples, Literal(True)))
        return node

    def _is_example(self, parent: URIRef) -> bool:
        return (parent, CK.hasExamples, Literal(True)) in self.g

    def subdirection(self, direction: URIRef, sd: SubDirection, code: str) -> None:
        node = URIRef(f"{direction}/subdirection/{sd.number}")
        self.add(direction, CK.subDirection, node)
        self.add(node, RDF.type, CK.SubDirection)
        self.add(node, CK.number, _int(sd.number))
        self.label(node, sd.title, None, kind="subdirection")
        if sd.area is not None:
            self.add(node, CK.area, URIRef(f"{direction}/field/{sd.area[0]}"))
        self.add(node, CK.researchContent, _zh(sd.content))
        self.add(node, CK.indicatorText, _zh(sd.indicators_text))
        item = f"subdirection/{sd.number}"
        self.translate(node, CK.researchContentTranslation, code, f"{item}/content", sd.content)
        self.translate(node, CK.indicatorTextTranslation, code, f"{item}/indicators",
                       sd.indicators_text)
        for i, note in enumerate(sd.notes, start=1):
            self.add(node, CK.note, _zh(note))
            self.translate(node, CK.noteTranslation, code, f"{item}/note/{i}", note)
        if sd.line:
            self.add(node, CK.sourceLine, _int(sd.line))
        for i, ind in enumerate(sd.indicators, start=1):
            inode = URIRef(f"{node}/indicator/{i}")
            self.add(node, CK.indicator, inode)
            self.add(inode, RDF.type, CK.AssessmentIndicator)
            self.add(inode, CK.number, _int(i))
            self.label(inode, ind.text, f"Assessment indicator {i} of sub-direction {sd.number}"
                       f" (direction {code})")
            self.add(inode, CK.text, _zh(ind.text))
            if ind.measure:
                self.add(inode, CK.measure, _zh(ind.measure))
            if ind.comparator:
                self.add(inode, CK.comparator, COMPARATOR[_COMPARATORS[ind.comparator]])
            if ind.value is not None:
                self.add(inode, CK.value, _dec(ind.value))
            if ind.unit:
                self.add(inode, CK.unit, _zh(ind.unit))

    def requirement(self, direction: URIRef, r: Requirement, code: str) -> None:
        node = URIRef(f"{direction}/requirement/{r.number}")
        self.add(direction, CK.requirement, node)
        self.add(node, RDF.type, CK.Requirement)
        self.add(node, CK.number, _int(r.number))
        self.add(node, CK.text, _zh(r.text))
        self.translate(node, CK.textTranslation, code, f"requirement/{r.number}", r.text)
        self.label(node, f"方向{code}：其他要求第{r.number}条",
                   f"Direction {code}, requirement {r.number}")
        self.add(node, CK.modality, MODALITY[r.modality])
        self.add(node, CK.numbered, Literal(r.numbered))
        self.add(node, CK.primaryKind, KIND[r.clauses[0].kind])
        self.add(node, CK.sourceLine, _int(r.line) if r.line else None)
        self.add(node, PROV.wasDerivedFrom, self.source)
        for clause in r.clauses:
            self.add(node, CK.kind, KIND[clause.kind])
            self.clause(node, clause, code, r.number)

    def clause(self, requirement: URIRef, c: Clause, code: str, n: int) -> None:
        node = URIRef(f"{requirement}/clause/{c.kind}")
        self.add(requirement, CK.clause, node)
        self.add(node, RDF.type, CK.Clause)
        # The zh label quotes the clause's own words (the kind's name is the vocabulary's).
        words = _zh(c.text)
        quoted = words[:24] + ("…" if len(words) > 24 else "")
        self.label(node, f"方向{code}：其他要求第{n}条：{quoted}",
                   f"Direction {code}, requirement {n}: {c.kind.replace('-', ' ')}")
        self.add(node, CK.kind, KIND[c.kind])
        self.add(node, CK.modality, MODALITY[c.modality])
        self.add(node, CK.text, _zh(c.text))
        p = c.params
        for key in ("minYears", "maxYears", "minRatio"):
            if key in p:
                self.add(node, CK[key], _dec(p[key]))
        for key in ("periodStart", "periodEnd"):
            if key in p:
                self.add(node, CK[key], _gyear(p[key]))
        for key in ("deadlineDays", "minCount", "minPerCountry", "minPerSide", "sides",
                    "minResearchInstitutesPerSide", "minEnterprisesPerSide"):
            if key in p:
                self.add(node, CK[key], _int(p[key]))
        if p.get("preApplicationExempt"):
            self.add(node, CK.preApplicationExempt, Literal(True))
        if "side" in p:
            self.add(node, CK.side, URIRef(SIDE + str(p["side"])))
        for key, prop in (("requiredDocument", CK.requiredDocument),
                          ("acceptedDocument", CK.acceptedDocument)):
            if key in p:
                self.add(node, prop, DOC_TYPE[str(p[key])])
        if "appliesTo" in p:
            self.add(node, CK.appliesToType, ORG_TYPE[str(p["appliesTo"])])
        for key, prop, ns in (("allowedTypes", CK.allowedType, ORG_TYPE),
                              ("excludedTypes", CK.excludedType, ORG_TYPE),
                              ("allowedOwnership", CK.allowedOwnership, OWNERSHIP)):
            for v in p.get(key, []):
                self.add(node, prop, ns[str(v)])
        for code_ in p.get("countries", []):
            self.add(node, CK.country, partner_iri(str(code_)))
        if "registeredIn" in p:
            self.add(node, CK.registeredIn, partner_iri(str(p["registeredIn"])))
        for y in p.get("callYears", []):
            self.add(node, CK.callYear, _gyear(int(y)))
        for area in p.get("researchAreas", []):
            self.add(node, CK.researchArea, _zh(str(area)))
        if isinstance(p.get("amount"), Amount):
            amount = p["amount"]
            self.add(node, CK.committedAmount, self.amount(
                URIRef(f"{node}/amount"), amount, f"方向{code}：其他要求第{n}条所述金额",
                f"Amount stated in direction {code}, requirement {n}"))
            if "各自" in c.text:
                self.add(URIRef(f"{node}/amount"), CK.perGovernment, Literal(True))


def guide_graph(guide: Guide, *, table: Labels | None = None) -> tuple[Graph, list[Notice]]:
    """The guide as RDF, and notices for names the label table has no English for."""
    em = _Emitter(guide, table or labels())
    g = em.emit()
    _members(g, guide)
    notices = [Notice("info", None, N_("标签表中没有“{name}”的英文名称", name=m),
                      code="NO_ENGLISH_LABEL") for m in dict.fromkeys(em.missing)]
    if em.untranslated:
        shown = ", ".join(em.untranslated[:5]) + (" …" if len(em.untranslated) > 5 else "")
        notices.append(Notice("info", None, N_(
            "{n} 条要求和子方向的文字在 data/translations/{guide}.tsv 中没有英文译文：{shown}",
            n=len(em.untranslated), guide=em.gid, shown=shown), code="UNTRANSLATED"))
    return g, notices


def _members(g: Graph, guide: Guide) -> None:
    """A cooperation mechanism's members are the countries its direction lists."""
    for d in guide.directions:
        mechanisms = [c for c in d.partners if partners().get(c) and
                      partners()[c].kind == "mechanism"]
        for r in d.requirements:
            for clause in r.clauses:
                if clause.kind == "partner-country-list":
                    for m in mechanisms:
                        for code in clause.params.get("countries", []):
                            g.add((partner_iri(m), CK.memberCountry, partner_iri(str(code))))


WIKIDATA = "http://www.wikidata.org/entity/"
EU_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
FUNDER_DOI = "https://doi.org/10.13039/"


def reference_graph() -> Graph:
    """Partners, agencies, programmes and group memberships from the vendored reference
    tables. Outside identities are skos:exactMatch to the identifier's own IRI (Wikidata,
    the EU country authority, ROR, the Crossref Funder Registry DOI, OpenAlex), and only
    where the tables verify the id; never owl:sameAs (see the ontology's description)."""
    g = bind_prefixes(Graph())
    for p in partners().values():
        node = partner_iri(p.code)
        g.add((node, RDF.type, _PARTNER_CLASS[p.kind]))
        g.add((node, SKOS.notation, Literal(p.code)))
        g.add((node, RDFS.label, _zh(p.name_zh)))
        g.add((node, RDFS.label, _en(p.name_en)))
        if p.iso2:  # an assigned ISO 3166-1 code: the three forms, each its own datatype
            g.add((node, CK.isoAlpha2, Literal(p.iso2, datatype=CK.ISOAlpha2)))
            g.add((node, CK.isoAlpha3, Literal(p.iso3, datatype=CK.ISOAlpha3)))
            if p.numeric:
                g.add((node, CK.isoNumeric, Literal(p.numeric, datatype=CK.ISONumeric)))
            g.add((node, SKOS.exactMatch, URIRef(EU_COUNTRY + p.iso3)))
        if p.wikidata:
            # The Arab States of a cooperation mechanism are not the League of Arab States.
            match = SKOS.closeMatch if p.kind == "mechanism" else SKOS.exactMatch
            g.add((node, match, URIRef(WIKIDATA + p.wikidata)))
    for a in agencies().values():
        node = agency_iri(a.id)
        g.add((node, SKOS.notation, Literal(a.id)))
        if a.entity_type == FUNDING_PROGRAMME:  # a programme the table lists for its ids
            g.add((node, RDF.type, CK.Programme))
        else:
            g.add((node, RDF.type, CK.Agency))
            g.add((node, CK.agencyType, Literal(a.entity_type)))
        if a.name_zh:
            g.add((node, RDFS.label, _zh(a.name_zh)))
        elif a.name_zh_in_guide:
            g.add((node, RDFS.label, _zh(a.name_zh_in_guide)))
        else:
            g.add((node, RDFS.label, _zh(f"{a.country}合作机构（未核实）")))
        g.add((node, RDFS.label, _en(a.name_en)))
        if a.name_zh_in_guide:
            g.add((node, CK.nameInGuide, _zh(a.name_zh_in_guide)))
        if a.country:
            g.add((node, CK.country, partner_iri(a.country)))
        if a.parent:
            g.add((node, ORG.subOrganizationOf, agency_iri(a.parent)))
        for iri in agency_identifiers(a):
            g.add((node, SKOS.exactMatch, URIRef(iri)))
    _memberships(g)
    return g


def agency_identifiers(a: Agency) -> list[str]:
    """The IRIs of a body's verified outside identifiers, one form for every registry."""
    out = [a.ror] if a.ror else []
    if a.crossref_funder_id:
        out.append(FUNDER_DOI + a.crossref_funder_id)
    if a.wikidata:
        out.append(WIKIDATA + a.wikidata)
    if a.openalex:
        out.append(f"https://openalex.org/{a.openalex}")
    return out


def _memberships(g: Graph) -> None:
    """Who belongs to the EU and to GEO, as W3C ORG memberships (with the org:memberOf
    shortcut), and on each group whether its list is complete: validation reads both."""
    names = partners()
    for m in memberships():
        group, member = partner_iri(m.group), partner_iri(m.member)
        node = URIRef(f"{group}/member/{m.member}")
        g.add((member, ORG.memberOf, group))
        g.add((node, RDF.type, ORG.Membership))
        g.add((node, ORG.member, member))
        g.add((node, ORG.organization, group))
        who, of = names.get(m.member), names.get(m.group)
        if who and of:
            g.add((node, RDFS.label, _zh(f"{who.name_zh}：{of.name_zh}成员")))
            g.add((node, RDFS.label, _en(f"{who.name_en}: member of {of.name_en}")))
        if m.since:
            g.add((node, CK.memberSince, _gyear(int(m.since))))
        g.add((node, DCTERMS.source, _en(m.source)))
    for lst in member_lists().values():
        group = partner_iri(lst.group)
        g.add((group, CK.memberListComplete, Literal(lst.complete)))
        if lst.as_of:
            g.add((group, CK.memberListAsOf, _gyear(int(lst.as_of))))
        g.add((group, CK.memberListNote, _en(lst.note)))
        g.add((group, CK.memberListNote, _zh(
            "名单完整。" if lst.complete else "名单不完整：未列出的国家仍可能是成员。")))
