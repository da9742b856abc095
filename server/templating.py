"""Pages in the reader's language: the Jinja2 environment, the language of a request, and
links that keep it.

The language is `?lang=` (zh or en), else the best of `Accept-Language`, else Chinese.
Templates write their words as `{{ _("中文") }}` (the catalogue, `coopkg.i18n`), their links
as `{{ url("/directions") }}` (the language added), and the language switch as
`{{ switch("en") }}` (this page, other parameters kept).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import HTTPConnection

from coopkg import i18n
from coopkg.vocab import BASE

__all__ = ["TEMPLATES", "environment", "lang_of", "lang_of_scope", "local", "render_page"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


def local(iri: object) -> str:
    """A minted IRI as a link on this server (so browsing works offline and locally)."""
    s = str(iri)
    if s.startswith(BASE):
        rest = s[len(BASE):]
        return "/" + rest if not rest.startswith("ontology#") else "/ontology#" + rest[9:]
    return s


def lang_of(request: HTTPConnection, form: Mapping[str, Any] | None = None) -> str:
    """The request's language: a form's `lang`, `?lang=`, `Accept-Language`, else zh."""
    for value in ((form or {}).get("lang"), request.query_params.get("lang")):
        lang = i18n.lang_or_default(value)
        if lang:
            return lang
    return i18n.from_accept_language(request.headers.get("accept-language")) \
        or i18n.DEFAULT_LANG


def lang_of_scope(scope: Mapping[str, Any]) -> str:
    """`lang_of` for a raw ASGI scope (responses that localise themselves when sent)."""
    return lang_of(HTTPConnection(dict(scope)))


def with_lang(path: str, lang: str, **params: object) -> str:
    """`path` with `lang` and `params` added to its query string (None values left out),
    before any #fragment. A link to another site is left as it is: the language is ours."""
    if not path.startswith("/"):
        return path
    path, hash_, fragment = path.partition("#")
    query = urlencode({k: v for k, v in {**params, "lang": lang}.items() if v is not None})
    return f"{path}{'&' if '?' in path else '?'}{query}{hash_}{fragment}"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(["html"]))
    env.filters["local"] = local
    return env


_ENV = _environment()


def environment() -> Environment:
    return _ENV


def render_page(name: str, request: HTTPConnection, *, lang: str | None = None,
                **context: Any) -> str:
    """Template `name` in the request's language (or `lang`), with `_`, `url` and `switch`."""
    lang = i18n.lang_or_default(lang) or lang_of(request)

    def translate(msgid: str, **params: Any) -> str:
        return i18n._(msgid, lang, **params)

    def url(path: str, **params: object) -> str:
        return with_lang(local(path), lang, **params)

    def switch(to: str) -> str:
        query = {k: v for k, v in request.query_params.multi_items() if k != "lang"}
        return with_lang(request.url.path + ("?" + urlencode(query) if query else ""), to)

    return _ENV.get_template(name).render(request=request, lang=lang, _=translate, url=url,
                                          switch=switch, msg=lambda m: i18n.render(m, lang),
                                          **context)
