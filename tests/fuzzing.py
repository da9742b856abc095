"""Schemathesis over a running server's OpenAPI description, operation by operation,
shared by the short run in the tests and the long one in bench/fuzz.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

__all__ = ["Report", "fuzz_api"]


@dataclass
class Report:
    operations: int = 0
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def fuzz_api(base: str, *, examples: int, headers: dict[str, str] | None = None) -> Report:
    """Send up to `examples` generated requests to every operation; each 5xx is a failure
    (recorded with the request that caused it)."""
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    report = Report()
    for result in schema.get_all_operations():
        report.operations += 1
        _fuzz(result.ok(), base, examples, headers, report)
    return report


def _fuzz(operation: Any, base: str, examples: int, headers: dict[str, str] | None,
          report: Report) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        response = case.call(base_url=base, headers=headers, timeout=60)
        report.requests += 1
        report.statuses[response.status_code] = report.statuses.get(response.status_code, 0) + 1
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except BaseException as e:  # a failed check, recorded; the run goes on
            if not isinstance(e, Exception):
                raise
            report.failures.append(f"{operation.label}: {response.status_code} "
                                   f"{case.as_curl_command()[:300]}")

    run()
