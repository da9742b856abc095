"""From PDF-extracted guide text to clean, numbered lines.

The shipped guide is text as a PDF extractor left it: a blank line after every
line, a leading space on the first line of each page, page numbers such as
"— 23 —", stray spaces around numbers ("不超过 10个"), and link annotations
dumped as lines of bare URLs at page ends. This module removes exactly those
artifacts, says what it removed, and keeps every other line with its number so
later stages can report where they are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from coopkg.errors import GuideFinding
from coopkg.i18n import N_

__all__ = ["Line", "Notice", "clean_lines", "is_cjk", "join", "normalise_spaces"]

_PAGE_NUMBER = re.compile(r"^[—–\-－─]{1,2}\s*\d{1,4}\s*[—–\-－─]{1,2}$")
_URL_ONLY = re.compile(r"^(https?://[!-~]+?)[，,；;。]?$")
_INTRO_END = ("：", ":")
# A CJK ideograph or a full-width/CJK punctuation mark: spaces next to these are
# never meaningful in Chinese typesetting.
_CJKISH = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef—“”‘’…《》]")
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")


@dataclass(frozen=True)
class Line:
    """One line of the guide, cleaned, with its 1-based number in the source file."""

    no: int
    text: str


# What the loader noticed: `info` for an artifact removed, `warning` for text it could not
# place, `error` for text it cannot read; each with its stable code and line.
Notice = GuideFinding


@dataclass
class Cleaned:
    lines: list[Line] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def is_cjk(ch: str) -> bool:
    return bool(_CJKISH.match(ch))


def normalise_spaces(text: str) -> str:
    """Drop whitespace next to CJK text; collapse other runs to one space."""
    text = unicodedata.normalize("NFC", text)

    def repl(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if not before or not after or is_cjk(before) or is_cjk(after):
            return ""
        return " "

    return _SPACE_RUN.sub(repl, text).strip()


def join(lines: list[Line]) -> str:
    """Lines of one paragraph as one string: a PDF line break is not a space in Chinese text,
    and a URL broken across lines is rejoined whole."""
    return normalise_spaces("".join(line.text for line in lines))


def clean_lines(raw: str) -> Cleaned:
    """Split raw guide text into meaningful lines, removing PDF artifacts with a notice each."""
    out = Cleaned()
    previous = ""  # last kept line's text
    last_url = None
    for no, original in enumerate(raw.splitlines(), start=1):
        text = normalise_spaces(original)
        if not text:
            continue
        if _PAGE_NUMBER.match(text):
            out.notices.append(Notice("info", no, N_("已删除页码 {text}", text=text),
                                      code="PAGE_NUMBER"))
            continue
        url = _URL_ONLY.match(text)
        if url:
            # A bare URL line belongs to the text only where the text introduces it ("…：");
            # otherwise it is a link annotation the extractor dumped at a page end.
            if previous.endswith(_INTRO_END) and url.group(1) != last_url:
                last_url = url.group(1)
                out.lines.append(Line(no, text))
                previous = text
                continue
            out.notices.append(Notice("info", no, N_("已删除游离的网址行 {url}", url=url.group(1)),
                                      code="STRAY_URL"))
            continue
        last_url = None
        out.lines.append(Line(no, text))
        previous = text
    return out
