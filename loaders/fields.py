"""The 领域方向 block: research fields, nested as the guide nests them.

Three layouts occur: an inline list ("食品科学、健康和生物医学、环境科学。"), numbered
items ("1. 医疗器械；"), and outlines with areas (（一）), items (1.), sub-items ((1))
and dash bullets (——). Items followed by 研究内容/考核指标 are sub-directions (GEO);
`loaders.subdirections` reads those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Field
from .text import Line, join

__all__ = ["Item", "label_of", "outline", "parse_fields", "split_top"]

_AREA = re.compile(r"^（([一二三四五六七八九十]+)）\s*(.*)$")
_NUM = re.compile(r"^(\d{1,2})[.．、](?!\d)\s*(.*)$")
_SUB = re.compile(r"^（(\d{1,2})）\s*(.*)$")
_DASH = re.compile(r"^——\s*(.*)$")
_OPEN_LIST = re.compile(r"^包括但不限于[：:]$")
_CN = "一二三四五六七八九十"
_END = "。；;，,"
_RANK = {"area": 0, "num": 1, "sub": 2, "dash": 3}


@dataclass
class Item:
    """One marked item of an outline, its text joined across line breaks."""

    kind: str
    number: int
    line: int
    lines: list[Line] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    open_list: bool = False

    @property
    def text(self) -> str:
        return join(self.lines)


def _marker(text: str) -> tuple[str, int, str] | None:
    for kind, rx in (("area", _AREA), ("sub", _SUB), ("dash", _DASH), ("num", _NUM)):
        m = rx.match(text)
        if m:
            if kind == "dash":
                return kind, 0, m.group(1)
            if kind == "area":
                return kind, _CN.index(m.group(1)[-1]) + 1 if len(m.group(1)) == 1 else 10, \
                    m.group(2)
            return kind, int(m.group(1)), m.group(2)
    return None


def outline(lines: list[Line]) -> tuple[list[Line], list[Item]]:
    """Intro lines before the first marker, and the item tree.

    A line-initial marker only counts when its number follows on (1 after a parent, or the
    previous number + 1 at its level), so a wrapped line that happens to start with a digit
    stays text.
    """
    intro: list[Line] = []
    roots: list[Item] = []
    stack: list[Item] = []
    last: dict[str, int] = {}
    last_any: dict[str, int] = {}  # GEO numbers its sub-directions on across areas
    for line in lines:
        mk = _marker(line.text)
        if mk:
            kind, number, rest = mk
            while stack and _RANK[stack[-1].kind] >= _RANK[kind]:
                stack.pop()
            follows = (last.get(kind, 0) + 1, last_any.get(kind, 0) + 1)
            if kind == "dash" or number == 1 or number in follows:
                item = Item(kind=kind, number=number, line=line.no)
                if rest:
                    item.lines.append(Line(line.no, rest))
                (stack[-1].children if stack else roots).append(item)
                stack.append(item)
                last[kind] = last_any[kind] = number
                # A new parent restarts the numbering of the levels below it.
                for k, r in _RANK.items():
                    if r > _RANK[kind]:
                        last.pop(k, None)
                continue
        if stack and _OPEN_LIST.match(line.text) and not stack[-1].children:
            stack[-1].open_list = True
            continue
        if stack:
            stack[-1].lines.append(line)
        else:
            intro.append(line)
    return intro, roots


def split_top(text: str, seps: str) -> list[str]:
    """Split on any of `seps` outside brackets and quotes."""
    parts: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch in "（(《“[":
            depth += 1
        elif ch in "）)》”]" and depth:
            depth -= 1
        if ch in seps and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return [p.strip() for p in parts if p.strip()]


def _strip_list_item(text: str) -> str:
    text = re.sub(r"^(以及|及|和)", "", text.strip())
    return re.sub(r"(等领域|等方面|等)$", "", text).strip()


def label_of(text: str) -> tuple[str, str | None, list[str]]:
    """Label, note and example list of one item's text.

    "X：a、b、c" and "X，包括：a、b" name field X with examples a, b, c; "X，包括Y" names X
    with the note "包括Y"; a trailing "（重点支持…）" is a note, not part of the name.
    """
    text = text.rstrip(_END)
    note = None
    m = re.search(r"（(重点支持[^（）]*)）$", text)
    if m:
        note, text = m.group(1), text[: m.start()]
    head, rest, listed = text, None, False
    colon = split_top(text, "：:")
    if len(colon) > 1 and len(colon[0]) <= 40:
        head, rest, listed = colon[0], text[len(colon[0]) + 1:], True
    else:
        comma = re.search(r"，(包括|含)", text)
        if comma:
            head, rest = text[: comma.start()], text[comma.start() + 1:]
    head = re.sub(r"，?(包括|含)$", "", head).strip()
    examples: list[str] = []
    if rest is not None and not listed:
        note = rest if note is None else f"{rest}；{note}"
    elif rest is not None:
        pieces = split_top(rest.rstrip(_END), "、")
        if len(pieces) > 1 and not any(split_top(p, "，,；;。") != [p] for p in pieces):
            examples = [_strip_list_item(p) for p in pieces]
        else:
            note = rest if note is None else f"{rest}；{note}"
    return head, note, examples


def _to_field(item: Item, path: tuple[int, ...]) -> Field:
    label, note, examples = label_of(item.text)
    f = Field(path=path, label=label, text=item.text.rstrip(_END), note=note, line=item.line)
    if item.open_list:
        f.note = "包括但不限于" if f.note is None else f"包括但不限于；{f.note}"
    children = item.children
    for i, child in enumerate(children, start=1):
        f.children.append(_to_field(child, (*path, i)))
    if examples and not children:
        f.examples = True
        for i, ex in enumerate(examples, start=1):
            f.children.append(Field(path=(*path, i), label=ex, text=ex, line=item.line))
    return f


def inline_fields(text: str, line: int | None) -> tuple[list[Field], str | None]:
    """An inline list: its first sentence names the fields, later sentences are notes."""
    sentences = [s for s in re.split(r"(?<=。)", text) if s.strip()]
    first = sentences[0].rstrip(_END) if sentences else ""
    note = "".join(sentences[1:]) or None
    items = split_top(first, "、")
    # "A、B和C的D" and "X的A、B、C联合研发" name one field: the head noun follows the list.
    if len(items) > 1 and (
        ("的" in items[-1] and not any("的" in i for i in items[:-1]))
        or ("的" in items[0] and re.search(r"(研发|研究|合作)$", items[-1]))
    ):
        items = [first]
    if len(items) > 1 and "的" not in items[-1]:
        # "A、B和C" lists three: 和 joins the final item to the list.
        last = split_top(items[-1], "和")
        if len(last) == 2:
            items = [*items[:-1], *last]
    labels = [_strip_list_item(i) for i in items] if len(items) > 1 else [first]
    fields = []
    for i, lab in enumerate(labels, start=1):
        label, fnote, examples = label_of(lab)
        f = Field(path=(i,), label=label, text=lab, note=fnote, line=line)
        for j, ex in enumerate(examples, start=1):
            f.children.append(Field(path=(i, j), label=ex, text=ex, line=line))
        f.examples = bool(examples)
        fields.append(f)
    return fields, note


def parse_fields(lines: list[Line]) -> tuple[list[Field], str | None, list[Item]]:
    """Top-level fields with their nesting, the block's note, and the raw outline.

    Items that carry 研究内容/考核指标 are left to `loaders.subdirections`; their areas are
    still fields.
    """
    intro, roots = outline(lines)
    if not roots:
        return (*inline_fields(join(lines), lines[0].no if lines else None), [])
    note = join(intro) or None
    fields: list[Field] = []
    for i, item in enumerate(roots, start=1):
        if item.kind == "area" and any(_is_subdirection(c) for c in item.children):
            label, anote, _ = label_of(item.text)
            fields.append(Field(path=(i,), label=label, text=item.text, note=anote,
                                line=item.line))
        else:
            fields.append(_to_field(item, (i,)))
    return fields, note, roots


def _is_subdirection(item: Item) -> bool:
    return any(ln.text.startswith(("研究内容", "考核指标")) for ln in item.lines)
