"""The proposal reader under random input: any JSON value, a valid proposal with any key
given any value, or any bytes, is read or refused with a ProposalError naming where;
never another exception."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coopkg.errors import ProposalError
from coopkg.shapes.proposals import parse_proposals

EXAMPLE = json.loads((Path(__file__).resolve().parents[1] / "data" / "proposals" / "examples"
                      / "1.3-enterprise-lead.json").read_text("utf-8"))

_SCALARS = (st.none() | st.booleans() | st.integers(-10**12, 10**12)
            | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20)
            | st.sampled_from(["2021-07-01", "2099-13-40", "CN", "DE", "3.4", "lead", "八百万",
                               "-1", "1e400", "https://w3id.org/coopkg/guide/2021-1"]))
JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def _read(data: str | bytes, **kwargs: Any) -> None:
    try:
        parse_proposals(data, source="fuzz", **kwargs, guide="2021-1")
    except ProposalError as e:
        assert e.message("en") and e.message("zh")


@settings(max_examples=80, deadline=None)
@given(JSON)
def test_any_json_is_read_or_refused(value: Any) -> None:
    _read(json.dumps(value))


def _paths(doc: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [at]
    if isinstance(doc, dict):
        out += [p for k, v in doc.items() for p in _paths(v, (*at, k))]
    elif isinstance(doc, list):
        out += [p for i, v in enumerate(doc) for p in _paths(v, (*at, i))]
    return out


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(_paths(EXAMPLE)[1:]), JSON)
def test_a_proposal_with_any_key_given_any_value(path: tuple[Any, ...], value: Any) -> None:
    doc = json.loads(json.dumps(EXAMPLE))
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    _read(json.dumps(doc, ensure_ascii=False).encode("utf-8"), suffix=".json")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["", ".json", ".ttl", ".rdf", ".jsonld", ".nt"]))
def test_any_bytes_are_read_or_refused(data: bytes, suffix: str) -> None:
    _read(data, suffix=suffix)
