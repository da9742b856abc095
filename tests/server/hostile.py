"""The hostile-input corpus (tests/data/hostile/cases.json): one case a row, naming the
door (store, sparql, update, validate, cli-load, cli-validate, cli-query), the input (a
file of the corpus, or a body generated to a size), the status or exit code expected and
a phrase the message must hold. `{HOOK}` in an input is the URL of a local server that
records every request: nothing may reach it. A row with `known` is a failure this branch
cannot fix, with why; it runs as a strict expected failure.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

__all__ = ["HOSTILE", "Hook", "body_of", "cases", "hook_server"]

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def cases(*doors: str) -> list[Any]:
    """The rows for these doors, as pytest params named by their id."""
    rows = json.loads((HOSTILE / "cases.json").read_text("utf-8"))
    return [pytest.param(r, id=r["id"], marks=[pytest.mark.xfail(strict=True, reason=r["known"])]
                         if r.get("known") else [])
            for r in rows if r["door"] in doors]


def body_of(case: dict[str, Any], hook: str) -> bytes:
    """The case's input, with {HOOK} replaced by the recording server's URL."""
    if "file" in case:
        return (HOSTILE / case["file"]).read_bytes().replace(b"{HOOK}", hook.encode())
    spec = case.get("body")
    if spec is None:
        return b""
    return (spec["head"] + spec["fill"] * spec["times"] + spec["tail"]).encode("utf-8")


class Hook:
    """A local HTTP server that records every request it gets (and answers 404)."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                hits.append(f"{self.command} {self.path}")
                self.send_response(404)
                self.end_headers()

            do_GET = do_POST = do_HEAD = _record  # the names http.server calls

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="session")
def hook_server() -> Iterator[Hook]:
    hook = Hook()
    yield hook
    hook.server.shutdown()
