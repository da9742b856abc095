"""Small named edits of a guide text, for copies of the bundled guide that differ from it
in known ways only (the PDF-extraction layout kept: a direction's block runs from its code
line to the next code line)."""

from __future__ import annotations

import re
from collections.abc import Callable

from coopkg.data import DEFAULT_GUIDE

Edit = Callable[[str], str]
_HEADING = re.compile(r"^ ?(\d\.\d)(?=\s*\S)", re.M)


def bundled() -> str:
    return DEFAULT_GUIDE.read_text(encoding="utf-8")


def _block(text: str, code: str) -> tuple[int, int]:
    """Where direction `code`'s block starts and ends in `text`."""
    heads = list(_HEADING.finditer(text))
    for i, m in enumerate(heads):
        if m.group(1) == code:
            return m.start(), heads[i + 1].start() if i + 1 < len(heads) else len(text)
    raise KeyError(code)


def _in_block(code: str, old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        start, end = _block(text, code)
        block = text[start:end]
        assert old in block, (code, old)
        return text[:start] + block.replace(old, new, 1) + text[end:]
    return edit


def renumber(code: str, new: str) -> Edit:
    """Direction `code` gets the code `new` (nothing else changes)."""
    def edit(text: str) -> str:
        start, _ = _block(text, code)
        return text[:start] + text[start:].replace(code, new, 1)
    return edit


def remove(code: str) -> Edit:
    """Direction `code` deleted whole."""
    def edit(text: str) -> str:
        start, end = _block(text, code)
        return text[:start] + text[end:]
    return edit


def add_copy(code: str, new: str, partner: str, other: str) -> Edit:
    """A new direction `new` at the end: a copy of `code` with partner name `partner`
    replaced by `other` throughout (title and agreements)."""
    def edit(text: str) -> str:
        start, end = _block(text, code)
        block = text[start:end].replace(code, new, 1).replace(partner, other)
        return text.rstrip("\n ") + "\n\n" + block.rstrip("\n ") + "\n\n"
    return edit


def budget(code: str, old: str, new: str) -> Edit:
    """Direction `code`'s budget figure `old` becomes `new` (e.g. "500 万元" → "800 万元")."""
    return _in_block(code, old, new)


def count(code: str, old: str, new: str) -> Edit:
    """Direction `code`'s project count text `old` becomes `new`."""
    return _in_block(code, old, new)


def retitle(code: str, old: str, new: str) -> Edit:
    """Words of direction `code`'s title changed."""
    return _in_block(code, old, new)


def year(old: str, new: str) -> Edit:
    """The guide's year relabelled (title and headline), e.g. 2021年度 → 2022年度."""
    return lambda text: text.replace(old, new)


def final() -> Edit:
    """The final text: the draft's （征求意见稿） line removed."""
    return lambda text: text.replace("（征求意见稿）\n", "", 1)


def apply(*edits: Edit, text: str | None = None) -> str:
    out = bundled() if text is None else text
    for e in edits:
        out = e(out)
    return out
