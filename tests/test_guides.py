"""Several guides side by side in one store: a draft, its final text and a later year's
guide, each under its own IRI; the defaults are the newest guide the store holds, and
queries, validation, eligibility, requirements, diff and pages take the guide asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from coopkg.cli import main
from coopkg.data import DEFAULT_GUIDE
from coopkg.diff import diff, guide_from
from coopkg.errors import UnknownGuideError
from coopkg.graph.locate import open_store
from coopkg.graph.store import Store
from coopkg.guides import choose_guide, stored_guides
from coopkg.loaders.guide import read_guide
from coopkg.pipeline import build
from coopkg.server.app import create_app
from coopkg.server.settings import Settings
from coopkg.vocab import GRAPHS
from tests import edits
from tests.conftest import DATA, run_named

DRAFT, FINAL, NEXT = "2021-1", "2021-1-final", "2022-1"
TEXTS = {
    FINAL: [edits.final(), edits.budget("1.2", "500 万元", "800 万元")],
    NEXT: [edits.year("2021年度第一批", "2022年度第一批"), edits.renumber("1.3", "4.1"),
           edits.remove("2.3")],
}
PROPOSAL_13 = DATA / "proposals" / "1.3" / "ok.json"


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> tuple[Path, Store]:
    folder = tmp_path_factory.mktemp("guides")
    files = [DEFAULT_GUIDE]
    for gid, made in TEXTS.items():
        files.append(folder / f"{gid}.txt")
        files[-1].write_text(edits.apply(*made), encoding="utf-8")
    location = folder / "store"
    store = open_store(str(location))
    build(store, files)
    return location, store


def _cli(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["--lang", "en", *args], catch_exceptions=False)
    return done.exit_code, done.output


def test_a_final_text_is_a_guide_of_its_own_beside_its_draft(tmp_path):
    text = tmp_path / "final.txt"
    text.write_text(edits.apply(edits.final()), encoding="utf-8")
    guide = read_guide(text).guide
    assert (guide.guide_id, guide.draft) == (FINAL, False)
    assert read_guide(DEFAULT_GUIDE).guide.guide_id == DRAFT


def test_every_guide_has_its_own_graphs_and_the_newest_is_the_default(stored):
    _, store = stored
    guides = stored_guides(store)
    assert [(g.guide_id, g.year, g.batch, g.final) for g in guides] == [
        (DRAFT, 2021, 1, False), (FINAL, 2021, 1, True), (NEXT, 2022, 1, False)]
    for g in guides:
        assert store.has_graph(str(GRAPHS.guide(g.guide_id)))
        assert store.has_graph(str(GRAPHS.shapes(g.guide_id)))
    assert choose_guide(store) == NEXT
    assert choose_guide(store, FINAL) == FINAL
    with pytest.raises(UnknownGuideError):
        choose_guide(store, "1999-9")


def test_the_only_guide_is_the_default(built_store):
    assert choose_guide(built_store) == DRAFT


def test_queries_take_a_guide_and_say_which_guide_each_row_is_of(stored):
    _, store = stored
    _, rows = run_named(store, "directions")
    assert {r["guide"] for r in rows} == {DRAFT, FINAL, NEXT}
    assert len(rows) == 29 + 29 + 28
    budgets = {}
    for gid in (DRAFT, FINAL, NEXT):
        _, rows = run_named(store, "directions", guide=gid)
        assert {r["guide"] for r in rows} == {gid}
        budgets[gid] = {r["code"]: r["budget_cny"] for r in rows}
    assert (budgets[DRAFT]["1.2"], budgets[FINAL]["1.2"]) == (5_000_000, 8_000_000)
    assert "4.1" in budgets[NEXT] and "1.3" not in budgets[NEXT] and "2.3" not in budgets[NEXT]
    _, totals = run_named(store, "totals")
    assert sorted((r["guide"], r["directions"]) for r in totals) == [
        (DRAFT, 29), (FINAL, 29), (NEXT, 28)]


def test_a_direction_code_is_resolved_against_the_chosen_guide(stored, tmp_path):
    location, _ = stored
    renumbered = tmp_path / "renumbered.json"
    renumbered.write_text(json.dumps(dict(json.loads(PROPOSAL_13.read_text("utf-8")),
                                          direction="4.1")), encoding="utf-8")
    # 1.3 is 4.1 in the newest guide, the default.
    code, out = _cli("validate", str(renumbered), "--store", str(location), "--format", "json")
    assert code == 0, out
    (result,) = json.loads(out)["results"]
    assert result["direction"] == "4.1" and result["conforms"]
    code, out = _cli("validate", str(PROPOSAL_13), "--store", str(location), "--guide", DRAFT,
                     "--format", "json")
    assert code == 0, out
    assert json.loads(out)["results"][0]["conforms"]
    code, out = _cli("validate", str(PROPOSAL_13), "--store", str(location), "--format",
                     "json")  # the newest guide has no 1.3
    assert code == 1
    assert not json.loads(out)["results"][0]["conforms"]
    code, out = _cli("validate", str(PROPOSAL_13), "--store", str(location), "--guide",
                     "1999-9")
    assert code == 2 and "1999-9" in out


def test_eligibility_and_requirements_choose_the_guide(stored):
    location, _ = stored
    consortium = str(DATA / "consortia" / "riken.json")
    code, out = _cli("eligible", consortium, "--store", str(location), "--format", "json")
    assert code == 0, out
    got = json.loads(out)
    assert got["guide"] == NEXT
    assert "4.1" in {r["direction"] for r in got["results"]}
    code, out = _cli("eligible", consortium, "--store", str(location), "--guide", DRAFT,
                     "--format", "json")
    assert json.loads(out)["guide"] == DRAFT
    assert "2.3" in {r["direction"] for r in json.loads(out)["results"]}
    code, out = _cli("requirements", "--store", str(location), "--guide", FINAL, "--format",
                     "json")
    assert code == 0 and json.loads(out)["guide"] == FINAL


def test_diff_of_guides_in_the_store(stored):
    location, store = stored
    a_iri, a = guide_from(DRAFT, lambda: store)
    b_iri, b = guide_from(FINAL, lambda: store)
    changed = [m for m in diff(a, b, a_iri=a_iri, b_iri=b_iri).as_dict()["matched"]
               if m["changes"] or m["a"] != m["b"]]
    assert changed == [{"a": "1.2", "b": "1.2", "changes": [
        {"what": "budget_cny", "a": 5_000_000, "b": 8_000_000}]}]
    code, out = _cli("diff", DRAFT, NEXT, "--store", str(location), "--format", "json")
    assert code == 0, out
    got = json.loads(out)
    assert (got["removed"], got["added"]) == (["2.3"], [])
    assert [m for m in got["matched"] if m["changes"] or m["a"] != m["b"]] == [
        {"a": "1.3", "b": "4.1", "changes": []}]


def test_pages_and_apis_pick_the_guide(stored):
    _, store = stored
    with TestClient(create_app(Settings(), store=store)) as client:
        newest = client.get("/directions", params={"lang": "en"}).text
        assert "/guide/2022-1/direction/4.1" in newest
        assert "/guide/2021-1/direction/" not in newest
        assert 'href="/directions?guide=2021-1&amp;lang=en"' in newest  # the other guides
        draft = client.get("/directions", params={"guide": DRAFT}).text
        assert "/guide/2021-1/direction/1.3" in draft and "/guide/2022-1/" not in draft
        missing = client.get("/directions", params={"guide": "1999-9"})
        assert missing.status_code == 404
        body = PROPOSAL_13.read_text("utf-8")
        headers = {"content-type": "application/json", "accept": "application/json"}
        default = client.post("/validate", content=body, headers=headers).json()
        assert not default["results"][0]["conforms"]  # 1.3 is no direction of 2022-1
        chosen = client.post("/validate", params={"guide": DRAFT}, content=body,
                             headers=headers).json()
        assert chosen["results"][0]["conforms"]
        consortium = (DATA / "consortia" / "riken.json").read_text("utf-8")
        eligible = client.post("/eligible", params={"guide": FINAL}, content=consortium,
                               headers=headers).json()
        assert eligible["guide"] == FINAL
    with TestClient(create_app(Settings(guide=DRAFT), store=store)) as client:
        assert "/guide/2021-1/direction/1.3" in client.get("/directions").text


def test_a_store_with_no_guide_yet_shows_empty_pages_and_refuses_a_guide_named():
    with TestClient(create_app(Settings(), store=open_store(None))) as client:
        assert client.get("/").status_code == 200
        assert client.get("/directions").status_code == 200
        missing = client.get("/directions", params={"guide": DRAFT},
                             headers={"accept": "application/json"})
        assert missing.status_code == 404
        assert missing.json()["title"] == "UNKNOWN_GUIDE"
