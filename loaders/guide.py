"""Read one guide text into the model: the entry point of the loader.

    text ─ clean_lines ─ segment ─┬─ parse_front            (title, headline)
                                  └─ per direction: agreements, commitment, fields,
                                     sub-directions, count/budget (or parts), requirements

Every defect is a finding (`coopkg.errors.GuideFinding`) with its code, line and
direction, and one run collects them all: an `error` where text cannot be read as the
layout says, a `warning` for text the loader cannot place. A guide with errors is refused
as a whole (`GuideParseError` listing every finding), unless `keep_going`: then the
directions with errors are left out (`LoadResult.left_out`) and the rest load. An error
outside any direction (no title, no directions), or no direction that reads cleanly,
refuses the guide either way. With
`strict=True` every warning is an error.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from coopkg.errors import GuideParseError
from coopkg.i18n import N_

from .agreements import parse_agreements, parse_commitment
from .fields import parse_fields
from .front import parse_front
from .model import Direction, Guide, Headline
from .quantities import parse_budget, parse_count, parse_parts
from .reference import agencies, country_codes, home, partners
from .requirements import parse_requirements
from .structure import RawDirection, segment
from .subdirections import parse_subdirections
from .text import Notice, clean_lines, normalise_spaces

__all__ = ["LeftOut", "LoadResult", "load_guide", "read_guide"]


@dataclass
class LeftOut:
    """A direction left out of a guide loaded with `keep_going`, and why."""

    code: str
    title: str
    line: int
    errors: list[Notice]


@dataclass
class LoadResult:
    guide: Guide
    notices: list[Notice] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)

    @property
    def warnings(self) -> list[Notice]:
        return [n for n in self.notices if n.level == "warning"]

    @property
    def errors(self) -> list[Notice]:
        """The errors of the directions left out (a guide with others is refused)."""
        return [n for n in self.notices if n.level == "error"]


def read_guide(file: str | Path, *, strict: bool = False, keep_going: bool = False
               ) -> LoadResult:
    """Load a guide from a file (UTF-8, any line endings)."""
    p = Path(file)
    try:
        raw = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise GuideParseError(N_("没有这个文件"), source=str(p), finding="NO_SUCH_FILE") from None
    except UnicodeDecodeError as e:
        raise GuideParseError(N_("不是 UTF-8 文本：第 {offset} 个字节无法读取", offset=e.start),
                              source=str(p), finding="NOT_UTF8") from None
    return load_guide(raw, source=str(p), strict=strict, keep_going=keep_going)


def load_guide(text: str, *, source: str = "<guide>", strict: bool = False,
               keep_going: bool = False) -> LoadResult:
    """Parse guide text into a `Guide`; raises `GuideParseError` naming every error (and
    warning) found, unless `keep_going`, every error lies inside a direction and some
    direction reads cleanly."""
    cleaned = clean_lines(text)
    if not cleaned.lines:
        raise GuideParseError(N_("指南是空的"), source=source, finding="EMPTY_GUIDE")
    seg = segment(cleaned.lines, source=source)
    if not seg.directions:
        raise GuideParseError(N_("没有找到指南方向（应有“1.1 中国和…项目”这样的一行，其后是"
                                 "“合作协议：”）"), source=source, line=cleaned.lines[0].no,
                              finding="NO_DIRECTIONS")
    notices = cleaned.notices + seg.notices
    try:
        meta, headline, front_notices = parse_front(seg.front, source=source)
        notices.extend(front_notices)
    except GuideParseError as e:  # no title: said with the directions' findings, then refused
        meta, headline = None, Headline()
        notices.append(e.finding)
    if headline.directions is not None and headline.directions != len(seg.directions):
        notices.append(Notice("warning", headline.line,
                              N_("指南写明 {stated} 个方向，找到了 {found} 个",
                                 stated=headline.directions, found=len(seg.directions)),
                              code="DIRECTION_COUNT"))
    notices = [_strictly(n) for n in notices] if strict else notices
    directions: list[Direction] = []
    left_out: list[LeftOut] = []
    for raw in seg.directions:
        d, found = _direction(raw, source=source)
        found = [_strictly(n) for n in found] if strict else found
        found = [dataclasses.replace(n, source=source) for n in found]
        notices.extend(found)
        errors = [n for n in found if n.level == "error"]
        if errors:
            left_out.append(LeftOut(raw.code, raw.title, raw.line, errors))
        else:
            directions.append(d)
    notices = sorted((dataclasses.replace(n, source=source) for n in notices),
                     key=lambda n: (n.line is None, n.line or 0))  # in the order of the text
    outside = [n for n in notices if n.level == "error" and n.direction is None]
    if meta is None or outside or (left_out and not (keep_going and directions)):
        raise GuideParseError.of(notices)
    # A call's draft for comments and its final text are two guides side by side; the
    # draft keeps the plain <year>-<batch> its IRIs were first published under.
    guide_id = f"{meta['year']}-{meta['batch']}" + ("" if meta["draft"] else "-final")
    guide = Guide(guide_id=guide_id, title=meta["title"], programme=meta["programme"],
                  year=meta["year"], batch=meta["batch"], draft=meta["draft"],
                  headline=headline, directions=directions, source_name=Path(source).name)
    return LoadResult(guide=guide, notices=notices, left_out=left_out)


def _strictly(n: Notice) -> Notice:
    """A warning as `--strict` reads it: an error, with the same code and place."""
    if n.level != "warning":
        return n
    return dataclasses.replace(n, level="error", message=N_("{what}（严格模式：警告视为错误）",
                                                           what=n.message))


def _direction(raw: RawDirection, *, source: str) -> tuple[Direction, list[Notice]]:
    """One direction, and every finding about its text (a block that cannot be read is an
    error of the direction; the other blocks are still read, to find their defects too)."""
    notices: list[Notice] = list(raw.findings)
    d = Direction(code=raw.code, title=raw.title, line=raw.line)
    b = raw.blocks
    d.partners = _partners(raw.title) or _partners("".join(ln.text for ln in b.get(
        "agreements", [])))
    if not d.partners:
        notices.append(Notice("warning", raw.line, N_("标题中没有识别出合作方"), raw.code,
                              "NO_PARTNER"))
    if "agreements" in b:
        d.agreements, d.agreements_text = parse_agreements(b["agreements"])
    if "commitment" in b:
        d.commitment = parse_commitment(b["commitment"])
    d.agencies = _agencies(raw.title + d.agreements_text + "".join(
        ln.text for ln in b.get("requirements", [])))
    if "fields" in b:
        d.fields, d.field_note, roots = parse_fields(b["fields"])
        d.fields_text = "".join(ln.text for ln in b["fields"])
        d.subdirections = parse_subdirections(roots)
    else:
        notices.append(Notice("warning", raw.line,
                              N_("没有研究领域栏目（{label}）", label="领域方向"),
                              raw.code, "NO_FIELDS", "领域方向"))
    try:
        if "budget_and_count" in b:
            d.parts = parse_parts(b["budget_and_count"], direction=raw.code, source=source)
    except GuideParseError as e:
        notices.append(e.finding)
    if "budget_and_count" not in b:
        missing = {"count": ("NO_COUNT", N_("没有项目数一行（{label}）", label="拟支持项目数")),
                   "budget": ("NO_BUDGET", N_("没有经费一行（{label}）", label="拟支持经费"))}
        for block, (code, what) in missing.items():
            if block not in b:
                notices.append(Notice("error", raw.line, what, raw.code, code,
                                      what.params["label"]))
        try:
            if "count" in b:
                d.count = parse_count(b["count"], direction=raw.code, source=source)
        except GuideParseError as e:
            notices.append(e.finding)
        try:
            if "budget" in b:
                d.budget = parse_budget(b["budget"], direction=raw.code, source=source)
        except GuideParseError as e:
            notices.append(e.finding)
    if "requirements" in b:
        d.requirements, rn = parse_requirements(
            b["requirements"], direction=raw.code, country_codes=country_codes(),
            partners=[partners()[c] for c in d.partners])
        notices.extend(rn)
    for req in d.requirements:
        for clause in req.clauses:
            if clause.kind == "duration" and d.duration_max is None and d.duration_min is None:
                d.duration_min = clause.params.get("minYears")
                d.duration_max = clause.params.get("maxYears")
                d.duration_modality = clause.modality
    return d, notices


@lru_cache(maxsize=1)
def _partner_aliases() -> list[tuple[str, str]]:
    """Every name of a partner, with the partner's code, longest first. The home country is
    no partner, nor is a place its name nests under (中国香港 under 中国)."""
    own = home()
    out: list[tuple[str, str]] = []
    for p in partners().values():
        if p.code == own.code or p.name_zh.startswith(own.name_zh):
            continue
        out.extend((name, p.code) for name in (p.name_zh, *p.aliases_zh) if len(name) >= 2)
        # The usual two-character abbreviation of a bilateral pair: 中美, 中德, 中韩 (the
        # home's first character, then an X国's).
        if p.kind == "country" and len(p.name_zh) == 2 and p.name_zh.endswith("国"):
            out.append((own.name_zh[0] + p.name_zh[0], p.code))
    return sorted(out, key=lambda a: -len(a[0]))


def _occurrences(text: str, needle: str, *, not_followed_by: str = "") -> list[int]:
    """Where `needle` starts in `text` (a plain search: the alias tables hold hundreds of
    names, more than the regex cache keeps compiled)."""
    out, i = [], text.find(needle)
    while i >= 0 and needle:
        after = text[i + len(needle): i + len(needle) + 1]
        if not (not_followed_by and after == not_followed_by):
            out.append(i)
        i = text.find(needle, i + len(needle))  # non-overlapping, as re.finditer
    return out


def _partners(text: str) -> list[str]:
    """Partners named in `text`, in order of appearance."""
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for alias, code in _partner_aliases():
        for start in _occurrences(text, alias):
            end = start + len(alias)
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            hits.append((start, code))
    seen: list[str] = []
    for _, code in sorted(hits):
        if code not in seen:
            seen.append(code)
    return seen


def _agencies(text: str) -> list[str]:
    """Bodies named in `text`, in order of first mention."""
    text = normalise_spaces(text)
    found: list[tuple[int, str]] = []
    for a in agencies().values():
        # "科技部门" is any S&T department, not 科技部 (MOST).
        pos = [i for n in a.names_zh for i in _occurrences(text, n, not_followed_by="门")]
        if pos:
            found.append((min(pos), a.id))
    return [aid for _, aid in sorted(found)]
