"""The build of a damaged guide: refused with every finding listed and the previous dataset
kept, or, with `keep_going`, stored without the directions that cannot be read."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from coopkg.errors import GuideParseError
from coopkg.graph.locate import open_store
from coopkg.graph.store import Store
from coopkg.pipeline import build
from coopkg.queries import named
from coopkg.vocab import GRAPHS
from tests.damage import Damaged, Planted


def _damaged() -> Damaged:
    return (Damaged().garble_budget("3.1").drop_count("2.9").relabel("2.4", "2.3")
            .stray_paragraph(after="2.1", before="2.2"))


def _codes(store: Store) -> Counter[str]:
    rows = store.select("PREFIX ck: <https://w3id.org/coopkg/ontology#> SELECT ?code WHERE { "
                        f"GRAPH <{GRAPHS.guide('2021-1')}> {{ ?d a ck:Direction ; ck:code ?code }} }}")
    return Counter(str(r["code"].value) for r in rows)


def _sizes(store: Store) -> dict[str, int]:
    return {name: store.graph_size(name) for name in store.graph_names()}


@pytest.fixture
def store(tmp_path) -> Store:
    store = open_store(tmp_path / "store")
    build(store)
    return store


def test_a_damaged_guide_is_refused_with_every_finding_and_nothing_stored(store, tmp_path):
    before = _sizes(store)
    damaged = _damaged()
    other = Damaged().garble_budget("1.2")
    with pytest.raises(GuideParseError) as e:
        build(store, [damaged.write(tmp_path / "a.txt"), other.write(tmp_path / "b.txt")])
    said = Counter((f.source, Planted(f.code, f.level, f.line or 0, f.direction))
                   for f in e.value.findings)
    assert said == Counter([(str(tmp_path / "a.txt"), p) for p in damaged.planted]
                           + [(str(tmp_path / "b.txt"), p) for p in other.planted])
    assert _sizes(store) == before


def test_keep_going_stores_exactly_the_clean_directions(store, tmp_path):
    bundled = _codes(store)
    damaged = _damaged()
    report = build(store, [damaged.write(tmp_path / "a.txt")], keep_going=True)
    (guide,) = report.guides
    assert [(d.code, d.line) for d in guide.left_out] == [
        ("2.3", damaged.planted[2].line), ("2.9", damaged.heading("2.9")),
        ("3.1", damaged.heading("3.1"))]
    stored = _codes(store)
    assert stored == bundled - Counter(["2.4", "2.9", "3.1"])
    assert guide.directions == sum(stored.values()) == 26
    title = store.select(
        "PREFIX ck: <https://w3id.org/coopkg/ontology#> SELECT ?t WHERE { ?d ck:code \"2.3\" ; "
        "ck:partner ?p . ?p ck:isoAlpha2 ?t }")
    assert [str(r["t"].value) for r in title] == ["ZA"]  # the first 2.3, not the relabelled
    (totals,) = store.select(named()["totals"].read_text(encoding="utf-8"))
    assert (int(totals["projects_max_sum"].value), Decimal(totals["budget_cny_sum"].value)) == (
        guide.projects_max, guide.budget_cny)
    assert int(totals["stated_directions"].value) == 29  # what the guide says, left-outs too
    assert guide.headline is not None and guide.headline.directions == 29
