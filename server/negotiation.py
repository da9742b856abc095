"""Content negotiation by Accept (with q-values), overridable by a `format` parameter."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["ALIASES", "choose", "parse_accept"]

# `format=` values browsers and scripts can use instead of an Accept header.
ALIASES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "ttl": "text/turtle", "nt": "application/n-triples", "ntriples": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml", "xml-rdf": "application/rdf+xml",
    "trig": "application/trig", "nquads": "application/n-quads", "html": "text/html",
    "pdf": "application/pdf",
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values, best first (ties keep header order, specific
    before wildcard)."""
    if not header:
        return [("*/*", 1.0)]
    out = []
    for i, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        out.append((media, q, -specificity, i))
    out.sort(key=lambda t: (-t[1], t[2], t[3]))
    return [(m, q) for m, q, _, _ in out]


def choose(accept: str | None, offered: Sequence[str], *, fmt: str | None = None
           ) -> str | None:
    """The offered media type the client rates highest; ties go to the earlier offer.
    None when nothing offered is acceptable (406)."""
    if fmt:
        wanted = ALIASES.get(fmt.lower(), fmt.lower())
        return wanted if wanted in offered else None
    ranges = parse_accept(accept)
    best_q, best = 0.0, None
    for media in offered:
        q = _quality(media, ranges)
        if q > best_q:
            best_q, best = q, media
    return best


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range that matches `media` (RFC 9110 §12.5.1)."""
    main = media.split("/")[0]
    for candidate in (media, f"{main}/*", "*/*"):
        for rng, q in ranges:
            if rng == candidate:
                return q
    return 0.0
