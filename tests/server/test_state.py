"""What the routers share: the validators, read once however many requests ask at once."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from coopkg.graph.store import Store
from coopkg.server import state as state_module
from coopkg.server.executor import QueryExecutor
from coopkg.server.settings import Settings
from coopkg.server.state import AppState


def test_requests_arriving_while_shapes_are_read_wait_for_that_read(
        built_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    real = state_module.load_validator

    def slow(store: Store, guide_id: str) -> Any:
        loads.append(guide_id)
        time.sleep(0.2)  # long enough for every thread below to ask meanwhile
        return real(store, guide_id)

    monkeypatch.setattr(state_module, "load_validator", slow)
    app = AppState(settings=Settings(), store=built_store,
                   executor=QueryExecutor(built_store, workers=1, timeout_s=5, queue=1))
    got: list[Any] = []
    threads = [threading.Thread(target=lambda: got.append(app.validator("2021-1")))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert loads == ["2021-1"]
    assert len(got) == 4 and all(v is got[0] for v in got)
