"""The message catalogue: every sentence coopkg composes for a person, in zh and en.

Chinese is the source language: a message is written in Chinese where it is used,
`_("共 {n} 个方向", lang, n=29)` or, where the language is not known yet, `N_("…", n=29)`
(a `Message` rendered later with `.render(lang)`); the command line's help texts are
`H_("…")` (`coopkg.clitext`). The English translations are a gettext
catalogue, `coopkg/locale/en/LC_MESSAGES/messages.po`, kept with Babel:

    pybabel extract -F babel.cfg -k _t -k H_ -o coopkg/locale/messages.pot .
    pybabel update -i coopkg/locale/messages.pot -d coopkg/locale -l en

The `.po` file is read directly (Babel's reader) from the installed package, so a built
wheel needs no compile step. Placeholders are `{name}` (str.format); a test extracts every
message from the sources and checks the catalogue translates each one.

Labels of the model (modalities, severities, kinds, organisation types, partners…) are not
here: they are the graph's own rdfs:label / skos:prefLabel in zh and en.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "LOCALE_DIR",
    "N_",
    "Listing",
    "Message",
    "Texts",
    "_",
    "catalogue",
    "from_accept_language",
    "lang_or_default",
    "render",
]

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid (Chinese) → translation in `lang`; empty for Chinese, the source language."""
    if lang == DEFAULT_LANG:
        return {}
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        cat = read_po(f, locale=lang)
    return {str(m.id): str(m.string) for m in cat if m.id and m.string and not m.fuzzy}


def _(msgid: str, lang: str, /, **params: Any) -> str:
    """`msgid` in `lang` (the Chinese itself where no translation exists), with `{name}`
    placeholders filled from `params`."""
    text = catalogue(lang).get(msgid, msgid) if lang != DEFAULT_LANG else msgid
    return text.format(**params) if params else text


@dataclass(frozen=True)
class Message:
    """A message whose language is chosen when it is shown (errors raised deep down, shown
    by the CLI in the locale's language and by the server in the request's)."""

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        params = {k: v.render(lang) if isinstance(v, (Message, Listing, Texts)) else v
                  for k, v in self.params.items()}
        return _(self.msgid, lang, **params)

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class Listing:
    """Several messages on one line, separated as each language separates them."""

    items: tuple[str | Message, ...]

    def render(self, lang: str) -> str:
        return ("；" if lang == "zh" else "; ").join(render(i, lang) for i in self.items)

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class Texts:
    """A text the data itself gives in several languages (a shape's sh:message in zh and
    en): shown in the reader's language, else in the first one given."""

    by_lang: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, text: str | Message | Listing | Texts) -> Texts:
        """`text` as said in each language of the catalogue (to store, or to compare)."""
        return cls(tuple((lang, render(text, lang)) for lang in LANGS))

    def render(self, lang: str) -> str:
        texts = dict(self.by_lang)
        return texts.get(lang) or (self.by_lang[0][1] if self.by_lang else "")

    def __str__(self) -> str:
        return self.render("en")


def N_(msgid: str, /, **params: Any) -> Message:
    """A message to render later, in the language of whoever reads it."""
    return Message(msgid, params)


def render(text: str | Message | Listing | Texts, lang: str) -> str:
    """A message in `lang`; a plain string (data, or text from elsewhere) as it is."""
    return text.render(lang) if isinstance(text, (Message, Listing, Texts)) else text


def lang_or_default(value: object) -> str | None:
    """`value` if it names a language of the catalogue (zh, en, zh-CN, en-GB…), else None."""
    if not isinstance(value, str) or not value:
        return None
    head = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return head if head in LANGS else None


def from_accept_language(header: str | None) -> str | None:
    """The language of the catalogue an Accept-Language header prefers (q-values honoured;
    None where it names neither zh nor en)."""
    if not header:
        return None
    best: tuple[float, int, str] | None = None
    for i, part in enumerate(header.split(",")):
        tag, _sep, rest = part.strip().partition(";")
        q = 1.0
        for param in rest.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        lang = lang_or_default(tag)
        if lang is None or q <= 0:
            continue
        if best is None or (q, -i) > (best[0], best[1]):
            best = (q, -i, lang)
    return best[2] if best else None
