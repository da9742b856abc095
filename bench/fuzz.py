"""Fuzzing the HTTP API: Schemathesis sends generated requests to every operation of the
server's OpenAPI description, writes included (with the token), and counts the answers.

    python bench/fuzz.py [--examples 150] [--url http://127.0.0.1:8000]

Without --url it starts `coopkg serve` over a scratch store. Any 5xx is a failure: the
run lists them (with a curl command that reproduces each) and exits 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's tests/

import serving

from tests.fuzzing import fuzz_api


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=150, help="requests per operation")
    ap.add_argument("--url", help="a running server (default: start one)")
    args = ap.parse_args()
    proc = None
    base = args.url
    if base is None:
        proc, base = serving.start(Path(tempfile.mkdtemp(prefix="coopkg-fuzz-")) / "store")
    try:
        start = time.monotonic()
        report = fuzz_api(base, examples=args.examples,
                          headers={"Authorization": f"Bearer {serving.TOKEN}"})
        took = time.monotonic() - start
    finally:
        if proc is not None:
            serving.stop(proc)
    print(f"{report.operations} operations, {report.requests} requests in {took:.0f} s")
    print("statuses:", dict(sorted(report.statuses.items())))
    print(f"server errors: {len(report.failures)}")
    for failure in report.failures:
        print("  ", failure)
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
