"""Schemathesis against the running server's OpenAPI description: every operation, with
generated parameters and bodies, and never a 5xx (a short run; `bench/fuzz.py` sends a few
thousand requests, writes included)."""

from __future__ import annotations

import pytest

from tests.fuzzing import fuzz_api


def test_no_operation_answers_a_server_error(server: str, request: pytest.FixtureRequest
                                             ) -> None:
    if request.node.callspec.params.get("server") != "embedded":
        pytest.skip("the API's answers to nonsense do not depend on the store")
    report = fuzz_api(server, examples=6)
    assert report.operations >= 15 and report.requests > 60, report
    assert report.failures == [], report.failures[:5]
