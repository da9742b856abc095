"""What the OpenAPI description says of operations that read their request themselves
(the protocols take parameters and bodies FastAPI cannot declare from a signature): their
query parameters and the media types of their bodies, for clients and for the fuzzer."""

from __future__ import annotations

from typing import Any

__all__ = ["describe"]

_ARRAYS = {"default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"}


def _param(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = ({"type": "array", "items": {"type": "string"}}
                              if name in _ARRAYS else {"type": "string"})
    return {"name": name, "in": "query", "required": False, "schema": schema,
            **({"allowEmptyValue": True} if name == "default" else {})}


def describe(*params: str, text: tuple[str, ...] = (), form: tuple[str, ...] = (),
             json: dict[str, Any] | None = None) -> dict[str, Any]:
    """`openapi_extra` for a route: its query `params`, bodies of the media types in
    `text` (as text), a form with the fields `form`, a JSON body of the schema `json`."""
    content: dict[str, Any] = {t: {"schema": {"type": "string"}} for t in text}
    if form:
        content["application/x-www-form-urlencoded"] = {"schema": {
            "type": "object", "properties": {f: {"type": "string"} for f in form}}}
    if json is not None:
        content["application/json"] = {"schema": json}
    extra: dict[str, Any] = {"parameters": [_param(p) for p in params]}
    if content:
        extra["requestBody"] = {"required": False, "content": content}
    return extra
