"""The `coopkg` command, run as a user runs it: a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

GUIDES = Path(__file__).parent / "data" / "guides"


def coopkg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("coopkg", path=str(Path(sys.executable).parent)) or "coopkg"
    return subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    done = coopkg("build", "--store", str(path))
    assert done.returncode == 0, done.stderr
    assert "guide 2021-1: 29 directions" in done.stderr
    return path


def test_query_totals_by_file_reproduces_the_headline(store):
    queries = Path(__file__).parents[1] / "queries" / "totals.rq"
    done = coopkg("query", str(queries), "--store", str(store), "--format", "csv")
    assert done.returncode == 0, done.stderr
    (row,) = list(csv.DictReader(io.StringIO(done.stdout)))
    assert (row["directions"], row["partners"], row["projects_max_sum"]) == ("29", "19", "266")
    assert row["stated_budget_cny"] == "820000000"
    assert row["budget_cny_sum"] == "822500000"


@pytest.mark.parametrize("fmt", ["table", "tsv", "json"])
def test_query_formats(store, fmt):
    done = coopkg("query", "direction-partners", "--store", str(store), "--format", fmt)
    assert done.returncode == 0, done.stderr
    if fmt == "json":
        data = json.loads(done.stdout)
        assert data["head"]["vars"] == ["code", "partner", "partner_name_en"]
        assert len(data["results"]["bindings"]) == 30
    else:
        assert "3.0" in done.stdout and "GEO" in done.stdout


def test_ad_hoc_sparql(store):
    done = coopkg("query", "ASK { ?d <https://w3id.org/coopkg/ontology#code> \"2.0\" }",
                  "--store", str(store))
    assert done.stdout.strip() == "true"


def test_export_one_graph_as_turtle(store, tmp_path):
    out = tmp_path / "guide.ttl"
    done = coopkg("export", "--store", str(store), "--graph", "guide/2021-1", "--format", "turtle",
                  "-o", str(out))
    assert done.returncode == 0, done.stderr
    from rdflib import Graph

    assert len(Graph().parse(out)) > 5000


def test_errors_are_one_line_and_exit_1(store, tmp_path):
    bad = coopkg("build", "--store", str(tmp_path / "s"), "--guide", str(GUIDES / "bad-number.txt"))
    assert bad.returncode == 1
    assert bad.stderr.strip().count("\n") == 0
    assert "3.1" in bad.stderr and "745" in bad.stderr and "Traceback" not in bad.stderr
    missing = coopkg("build", "--store", str(tmp_path / "s"), "--guide", "no/such/guide.txt")
    assert missing.returncode == 1 and "no such file" in missing.stderr
    query = coopkg("query", "SELECT WHERE {", "--store", str(store))
    assert query.returncode == 1 and "malformed query" in query.stderr
    nostore = coopkg("query", "totals", "--store", str(tmp_path / "empty"))
    assert nostore.returncode == 1 and "coopkg build" in nostore.stderr


def test_strict_build_fails_on_unplaced_text(tmp_path):
    done = coopkg("build", "--strict", "--store", str(tmp_path / "s"),
                  "--guide", str(GUIDES / "unplaced-text.txt"))
    assert done.returncode == 1 and "324" in done.stderr
    lenient = coopkg("build", "--store", str(tmp_path / "s"),
                     "--guide", str(GUIDES / "unplaced-text.txt"))
    assert lenient.returncode == 0 and "warning" in lenient.stderr and "324" in lenient.stderr


def test_usage_error_exits_2():
    assert coopkg("query").returncode == 2


def test_named_query_parameters_are_bindings(store):
    done = coopkg("query", "fields-by-keyword", "--param", "keyword=\" } ; DROP ALL #",
                  "--store", str(store), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == ["code,field,field_zh,field_en,keyword"]
    missing = coopkg("query", "fields-by-keyword", "--store", str(store))
    assert missing.returncode == 2 and "--param keyword" in missing.stderr
    unknown = coopkg("query", "fields-by-keyword", "--param", "colour=red", "--store", str(store))
    assert unknown.returncode == 2 and "colour" in unknown.stderr
