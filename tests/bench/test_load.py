"""bench/load.py, short: a real `coopkg serve` driven by 4 clients for 3 s answers every
request of every kind (named queries, ad-hoc SPARQL, validations, pages) without an error.
No timing is checked: the benchmark reports, it does not assert."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LOAD = Path(__file__).parents[2] / "bench" / "load.py"


def test_a_short_load_run_exercises_every_kind_without_errors(
        built_store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    done = subprocess.run([sys.executable, str(LOAD), "--duration-s", "3", "--clients", "4",
                           "--store", str(built_store_dir), "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert out.exists(), done.stderr[-3000:]
    report = json.loads(out.read_text("utf-8"))
    assert report["errors"] == []
    assert done.returncode == 0, done.stderr[-3000:]
    kinds = report["kinds"]
    assert set(kinds) == {"named", "sparql", "validate", "page"}
    for kind, row in kinds.items():
        assert row["requests"] > 0 and row["errors"] == 0, kind
        assert row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
    assert report["overall"]["requests"] == sum(r["requests"] for r in kinds.values())
    assert report["peak_rss_bytes"] > 0
    assert "| overall |" in out.with_suffix(".md").read_text("utf-8")
