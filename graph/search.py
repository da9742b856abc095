"""Full-text search over what a guide prints, in Chinese and English, answered by the store.

The build derives an index from each guide's graph (`index_graph`) and writes it in the
same transaction as the guide, to `graph/search/<guide>`. Every entity whose words a reader
sees — direction titles, research fields with what the guide prints beside them (scope
notes, the full printed item), agreements, requirement texts and their English, GEO
sub-directions with their research content, assessment targets and notes — carries:

- `ck:searchTerm`: its normalised terms as plain literals. Text is NFKC-folded and
  lower-cased. A run of Chinese characters gives every character and every two-character
  sequence of the run, so any word is found inside longer text without a dictionary
  (氢能 inside 氢能燃料电池技术: a longer word is looked up by its pairs), and a guide of
  another year with words no dictionary knows is found the same way. Other scripts give
  words (food, science, 5g).
- `ck:inDirection`: the direction(s) that print it.

So `?x ck:searchTerm "氢能"` works in SPARQL on every kind of store. `search(store, text)`
asks the store for the entities holding every term of the text, then reads their texts and
keeps those where each Chinese run of the query appears whole and each word appears as a
word, ranked (a match in a title counts more than one in a body text) with a snippet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from coopkg.errors import EmptySearch, NoSearchIndex, SearchTooLong
from coopkg.i18n import N_
from coopkg.vocab import BASE, CK, GRAPHS

from .store import Store, plain_graph

__all__ = ["Hit", "Match", "highlight", "index_graph", "normalise", "search", "terms",
           "tokens"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Chinese characters, or a word of any other script (letters and digits).
_TOKEN = re.compile(rf"[{_CJK}]+|(?:(?![{_CJK}])[^\W_])+")
_IS_CJK = re.compile(rf"[{_CJK}]")

_TITLES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
# What the guide prints for each kind of entity (rdfs:label where the label is the printed
# title, not a descriptive name such as "方向3.5：其他要求第1条").
SEARCHED: dict[URIRef, tuple[URIRef, ...]] = {
    CK.Direction: (RDFS.label, CK.fieldNote),
    CK.Field: (SKOS.prefLabel, CK.text, SKOS.scopeNote),
    CK.Agreement: (RDFS.label, SKOS.altLabel),
    CK.Requirement: (CK.text, CK.textTranslation),
    CK.SubDirection: (RDFS.label, CK.researchContent, CK.indicatorText, CK.note,
                      CK.researchContentTranslation, CK.indicatorTextTranslation,
                      CK.noteTranslation),
}
_KIND_ORDER = {str(c): i for i, c in enumerate(SEARCHED)}
_OWNERS = {CK.Requirement: CK.requirement, CK.SubDirection: CK.subDirection,
           CK.Agreement: CK.agreement}
_TITLE_WEIGHT, _TEXT_WEIGHT = 3.0, 1.0
MAX_LENGTH = 200  # characters of a search: every term is a pattern of the store's query


# -- text --------------------------------------------------------------------------------


def normalise(text: str) -> tuple[str, list[int]]:
    """`text` NFKC-folded and lower-cased, whitespace runs as one space and none between
    two Chinese characters (a line broken inside a word); with, for each character, where
    it came from in `text` (so a match is shown in the original)."""
    chars: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).lower()
        if folded.isspace() or not folded:
            if chars and chars[-1][0] != " ":
                chars.append((" ", i))
            continue
        chars.extend((c, i) for c in folded)
    kept = [(c, i) for k, (c, i) in enumerate(chars)
            if c != " " or (0 < k < len(chars) - 1
                            and not (_IS_CJK.match(chars[k - 1][0])
                                     and _IS_CJK.match(chars[k + 1][0])))]
    return "".join(c for c, _ in kept), [i for _, i in kept]


def tokens(normalised: str) -> Iterator[re.Match[str]]:
    """The Chinese runs and words of a normalised text."""
    return _TOKEN.finditer(normalised)


def _terms_of(token: str) -> set[str]:
    """The terms a token is looked up by: a Chinese run's pairs (a lone character itself),
    a word itself."""
    if _IS_CJK.match(token) and len(token) > 1:
        return {token[i:i + 2] for i in range(len(token) - 1)}
    return {token}


def terms(text: str) -> set[str]:
    """The index terms of a text: every character and two-character sequence of its
    Chinese runs, its words."""
    norm, _ = normalise(text)
    out: set[str] = set()
    for m in tokens(norm):
        out |= _terms_of(m.group())
        if _IS_CJK.match(m.group()):
            out.update(m.group())  # a lone character is searched for too (水)
    return out


# -- the index ---------------------------------------------------------------------------


def index_graph(guide: Graph) -> Graph:
    """The search index of a guide's graph: `ck:searchTerm` and `ck:inDirection` of every
    entity whose text the guide prints."""
    out = plain_graph()
    out.bind("ck", CK)
    for cls, props in SEARCHED.items():
        for x in set(guide.subjects(RDF.type, cls)):
            found = {t for p in props for o in guide.objects(x, p) if isinstance(o, Literal)
                     for t in terms(str(o))}
            if not found or not isinstance(x, URIRef):
                continue
            for t in found:
                out.add((x, CK.searchTerm, Literal(t)))
            for d in _directions(guide, x, cls):
                out.add((x, CK.inDirection, d))
    return out


def _directions(guide: Graph, x: URIRef, cls: URIRef) -> Iterable[URIRef]:
    if cls == CK.Direction:
        return [x]
    if cls in _OWNERS:
        return [d for d in guide.subjects(_OWNERS[cls], x) if isinstance(d, URIRef)]
    top, seen = x, {x}  # a field: the direction that lists its top concept
    while isinstance(parent := guide.value(top, SKOS.broader), URIRef) and parent not in seen:
        top = parent
        seen.add(top)
    return [d for d in guide.subjects(CK.field, top)
            if isinstance(d, URIRef) and (d, RDF.type, CK.Direction) in guide]


# -- searching ---------------------------------------------------------------------------


@dataclass
class Match:
    """Where the query's parts are found in one text of an entity."""

    text: str
    lang: str
    weight: float
    spans: list[tuple[int, int]]  # in `text`
    parts: set[str]


@dataclass
class Hit:
    """An entity found, in one direction."""

    iri: str
    direction: str
    direction_iri: str
    kind: str
    labels: dict[str, str]
    score: float
    snippet: str = ""
    snippet_lang: str = "zh"
    matches: list[Match] = field(default_factory=list)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("zh") or next(
            iter(self.labels.values()), self.iri)

    def label_lang(self, lang: str) -> str:
        """The language of `label(lang)` (a page marks text in the other language)."""
        return lang if lang in self.labels else "zh" if "zh" in self.labels else ""

    def as_dict(self, lang: str) -> dict[str, object]:
        return {"iri": self.iri, "direction": self.direction, "label": self.label(lang),
                "snippet": self.snippet, "score": self.score}


def _parts(text: str) -> list[str]:
    norm, _ = normalise(text)
    return list(dict.fromkeys(m.group() for m in tokens(norm)))


def _find(parts: Sequence[str], text: str) -> tuple[list[tuple[int, int]], set[str]]:
    """Spans in `text` (original positions) where each part is found: a Chinese run as a
    substring, a word as a whole word."""
    norm, where = normalise(text)
    words = [(m.group(), m.start(), m.end()) for m in tokens(norm)]
    spans: list[tuple[int, int]] = []
    found: set[str] = set()
    for p in parts:
        if _IS_CJK.match(p):
            start = norm.find(p)
            while start >= 0:
                spans.append((start, start + len(p)))
                found.add(p)
                start = norm.find(p, start + 1)
        else:
            for w, s, e in words:
                if w == p:
                    spans.append((s, e))
                    found.add(p)
    return sorted((where[s], where[e - 1] + 1) for s, e in spans), found


def highlight(text: str, query: str) -> list[tuple[str, bool]]:
    """`text` cut into pieces, each saying whether it matches a part of `query` (for a
    page to mark)."""
    spans, _ = _find(_parts(query), text)
    pieces: list[tuple[str, bool]] = []
    at = 0
    for s, e in spans:
        if s < at:  # overlapping matches: extend the one already marked
            if e > at:
                pieces[-1] = (pieces[-1][0] + text[at:e], True)
                at = e
            continue
        if s > at:
            pieces.append((text[at:s], False))
        pieces.append((text[s:e], True))
        at = e
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def snippet(text: str, span: tuple[int, int], *, width: int = 36) -> str:
    """The passage of `text` around `span`, with … where it is cut."""
    if len(text) <= 2 * width + (span[1] - span[0]):
        return text
    cjk = bool(_IS_CJK.search(text[span[0]:span[1] + 1]))
    before, after = (width // 2, width) if cjk else (width, width * 2)
    start, end = max(0, span[0] - before), min(len(text), span[1] + after)
    if not cjk:  # whole words at the edges
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text)
                                                                   else "")


_SELECT = """PREFIX ck: <https://w3id.org/coopkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?type ?d ?code ?p ?text {bound} WHERE {{
  {terms}
  ?x ck:inDirection ?d ; a ?type ; ?p ?text .
  ?d ck:code ?code .
  FILTER(?type IN ({types}))
  FILTER(?p IN ({props}))
}}"""


def _query(parts: Sequence[str]) -> tuple[str, dict[str, ox.Literal]]:
    """The store's query for the entities holding every term of the parts: the values
    bound, never written into the text."""
    patterns, bindings = [], {}
    for i, t in enumerate(sorted({t for p in parts for t in _terms_of(p)})):
        bindings[f"t{i}"] = ox.Literal(t)
        patterns.append(f"?x ck:searchTerm ?t{i} .")
    props = {p for ps in SEARCHED.values() for p in ps} | {RDFS.label}
    # (the embedded store binds only variables of the projection)
    text = _SELECT.format(terms="\n  ".join(patterns), bound=" ".join(f"?{v}" for v in bindings),
                          types=", ".join(f"<{c}>" for c in SEARCHED),
                          props=", ".join(f"<{p}>" for p in sorted(props)))
    return text, bindings


def search(store: Store, text: str, *, lang: str = "zh", guide: str | None = None
           ) -> list[Hit]:
    """The entities whose printed text holds every Chinese run and word of `text`, best
    first, each with a snippet in `lang` where the match is in that language. `guide`
    (an id) keeps one guide's directions."""
    if len(text) > MAX_LENGTH:
        raise SearchTooLong(N_("搜索词有 {n} 个字符，最多 {max} 个", n=len(text), max=MAX_LENGTH))
    parts = _parts(text)
    if not parts:
        raise EmptySearch(N_("搜索词“{text}”中没有可搜索的文字或词", text=text.strip()))
    prefix = str(GRAPHS.search(""))
    if not any(g.startswith(prefix) for g in store.graph_names()):
        raise NoSearchIndex(N_("存储中没有搜索索引：请用 coopkg build 重新构建"))
    query, bindings = _query(parts)
    rows: dict[tuple[str, str], Hit] = {}
    texts: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    for row in store.select(query, bindings=bindings):
        x, d, code, p, t, kind = (row.get(n) for n in ("x", "d", "code", "p", "text", "type"))
        if not (isinstance(x, ox.NamedNode) and isinstance(d, ox.NamedNode)
                and isinstance(t, ox.Literal) and isinstance(p, ox.NamedNode)
                and isinstance(code, ox.Literal) and isinstance(kind, ox.NamedNode)):
            continue
        if guide is not None and not d.value.startswith(f"{BASE}guide/{guide}/"):
            continue
        key = (x.value, d.value)
        hit = rows.setdefault(key, Hit(x.value, code.value, d.value, kind.value, {}, 0.0))
        if p.value in (str(RDFS.label), str(SKOS.prefLabel)) and t.language:
            hit.labels.setdefault(t.language.split("-")[0], t.value)
        if URIRef(p.value) in SEARCHED[URIRef(kind.value)]:
            texts.setdefault(key, set()).add((p.value, t.value, t.language or ""))
    hits = []
    for key, hit in rows.items():
        if _rank(hit, parts, texts.get(key, set()), lang):
            hits.append(hit)
    hits.sort(key=lambda h: (-h.score, _code_key(h.direction), _KIND_ORDER.get(h.kind, 9),
                             h.iri))
    return hits


def _rank(hit: Hit, parts: Sequence[str], texts: Iterable[tuple[str, str, str]],
          lang: str) -> bool:
    """Score `hit` and choose its snippet; False where some part is not in its text (the
    terms matched, but not next to each other)."""
    best: dict[str, float] = {}
    occurrences = 0
    for p, t, tag in sorted(texts):
        spans, found = _find(parts, t)
        if not found:
            continue
        weight = _TITLE_WEIGHT if p in {str(x) for x in _TITLES} else _TEXT_WEIGHT
        hit.matches.append(Match(t, tag.split("-")[0] or "zh", weight, spans, found))
        occurrences += len(spans)
        for part in found:
            best[part] = max(best.get(part, 0.0), weight)
    if len(best) < len(parts):
        return False
    whole = " ".join(parts)
    phrase = any(whole in normalise(m.text)[0] for m in hit.matches) if len(parts) > 1 else 0
    hit.score = round(sum(best.values()) + 0.5 * bool(phrase) + 0.1 * min(occurrences, 5), 2)
    shown = max(hit.matches, key=lambda m: (len(m.parts), m.lang == lang, m.weight,
                                            -len(m.text)))
    hit.snippet, hit.snippet_lang = snippet(shown.text, shown.spans[0]), shown.lang
    return True


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(n) if n.isdigit() else 0 for n in code.split("."))
