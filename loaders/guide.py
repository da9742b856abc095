"""Read one guide text into the model: the entry point of the loader.

    text ─ clean_lines ─ segment ─┬─ parse_front            (title, headline)
                                  └─ per direction: agreements, commitment, fields,
                                     sub-directions, count/budget (or parts), requirements

Problems the loader can name are `GuideParseError`s; text it cannot place is a
warning `Notice` with its line number. With `strict=True` every warning is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from coopkg.errors import GuideParseError

from .agreements import parse_agreements, parse_commitment
from .fields import parse_fields
from .front import parse_front
from .model import Direction, Guide
from .quantities import parse_budget, parse_count, parse_parts
from .reference import agencies, country_codes, partners
from .requirements import parse_requirements
from .structure import RawDirection, segment
from .subdirections import parse_subdirections
from .text import Notice, clean_lines, normalise_spaces

__all__ = ["LoadResult", "load_guide", "read_guide"]


@dataclass
class LoadResult:
    guide: Guide
    notices: list[Notice] = field(default_factory=list)

    @property
    def warnings(self) -> list[Notice]:
        return [n for n in self.notices if n.level == "warning"]


def read_guide(file: str | Path, *, strict: bool = False) -> LoadResult:
    """Load a guide from a file (UTF-8, any line endings)."""
    p = Path(file)
    try:
        raw = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise GuideParseError("no such file", source=str(p)) from None
    except UnicodeDecodeError as e:
        raise GuideParseError(f"not UTF-8 text (byte {e.start})", source=str(p)) from None
    return load_guide(raw, source=str(p), strict=strict)


def load_guide(text: str, *, source: str = "<guide>", strict: bool = False) -> LoadResult:
    """Parse guide text into a `Guide`; raises `GuideParseError` for what cannot be read."""
    cleaned = clean_lines(text)
    if not cleaned.lines:
        raise GuideParseError("the guide is empty", source=source)
    seg = segment(cleaned.lines, source=source)
    if not seg.directions:
        raise GuideParseError("no call directions found (expected lines such as "
                              "'1.1 中国和…项目' followed by '合作协议：')", source=source,
                              line=cleaned.lines[0].no)
    meta, headline, notices = parse_front(seg.front, source=source)
    notices = cleaned.notices + seg.notices + notices
    directions = []
    for raw in seg.directions:
        d, dn = _direction(raw, source=source)
        directions.append(d)
        notices.extend(dn)
    # A call's draft for comments and its final text are two guides side by side; the
    # draft keeps the plain <year>-<batch> its IRIs were first published under.
    guide_id = f"{meta['year']}-{meta['batch']}" + ("" if meta["draft"] else "-final")
    guide = Guide(guide_id=guide_id, title=meta["title"], programme=meta["programme"],
                  year=meta["year"], batch=meta["batch"], draft=meta["draft"],
                  headline=headline, directions=directions, source_name=Path(source).name)
    if headline.directions is not None and headline.directions != len(directions):
        notices.append(Notice("warning", headline.line,
                              f"the guide states {headline.directions} directions but "
                              f"{len(directions)} were found"))
    if strict:
        for n in notices:
            if n.level == "warning":
                raise GuideParseError(f"{n.message} (strict)", line=n.line,
                                      direction=n.direction, source=source)
    return LoadResult(guide=guide, notices=notices)


def _direction(raw: RawDirection, *, source: str) -> tuple[Direction, list[Notice]]:
    notices: list[Notice] = []
    d = Direction(code=raw.code, title=raw.title, line=raw.line)
    b = raw.blocks
    d.partners = _partners(raw.title) or _partners("".join(ln.text for ln in b.get(
        "agreements", [])))
    if not d.partners:
        notices.append(Notice("warning", raw.line, "no partner recognised in the title",
                              raw.code))
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
        notices.append(Notice("warning", raw.line, "no 领域方向 block", raw.code))
    if "budget_and_count" in b:
        d.parts = parse_parts(b["budget_and_count"], direction=raw.code, source=source)
    else:
        for block, label in (("count", "拟支持项目数"), ("budget", "拟支持经费")):
            if block not in b:
                raise GuideParseError(f"no {label} line", line=raw.line, direction=raw.code,
                                      block=label, source=source)
        d.count = parse_count(b["count"], direction=raw.code, source=source)
        d.budget = parse_budget(b["budget"], direction=raw.code, source=source)
    if "requirements" in b:
        d.requirements, rn = parse_requirements(b["requirements"], direction=raw.code,
                                                country_codes=country_codes())
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
    out: list[tuple[str, str]] = []
    for p in partners().values():
        if p.code in ("CN", "HK", "MO", "TW"):
            continue
        out.extend((name, p.code) for name in (p.name_zh, *p.aliases_zh) if len(name) >= 2)
        # The usual two-character abbreviation of a bilateral pair: 中美, 中德, 中韩.
        if p.kind == "country" and len(p.name_zh) == 2 and p.name_zh.endswith("国"):
            out.append(("中" + p.name_zh[0], p.code))
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
