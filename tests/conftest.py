"""Shared fixtures: the bundled guide loaded once, and a store built from it once."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.data import DEFAULT_GUIDE
from coopkg.graph.locate import open_store
from coopkg.graph.store import Store
from coopkg.loaders.guide import LoadResult, read_guide
from coopkg.pipeline import build
from coopkg.queries import named

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def guide_result() -> LoadResult:
    return read_guide(DEFAULT_GUIDE)


@pytest.fixture(scope="session")
def built_store() -> Store:
    store = open_store(None)
    build(store)
    return store


@pytest.fixture(scope="session")
def built_store_dir(built_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built store on disk, closed: copy it before writing (the quads of the one build,
    not a second build)."""
    quads = tmp_path_factory.mktemp("built") / "built.nq"
    with quads.open("wb") as out:
        built_store.dump(out, "nquads")
    path = quads.parent / "store"
    store = open_store(path)
    store.load(quads, ox.RdfFormat.N_QUADS)
    store.close()
    return path


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((DATA / "expected" / "guide-2021-1.json").read_text(encoding="utf-8"))


def py(term: object) -> object:
    """A SPARQL result term as a Python value (numbers as int/Decimal, booleans as bool)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith(("#integer", "#int", "#long")):
            return int(term.value)
        if dt.endswith("#decimal"):
            d = Decimal(term.value)
            return int(d) if d == d.to_integral_value() else d
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


@pytest.fixture(scope="session")
def named_rows(built_store):
    """Run a bundled query on the built guide: (columns, rows as dicts of Python values)."""
    return lambda name, **params: run_named(built_store, name, **params)


def run_named(store: Store, name: str, **params: str
              ) -> tuple[list[str], list[dict[str, object]]]:
    text = named()[name].read_text(encoding="utf-8")
    result = store.select(text, bindings={k: ox.Literal(v) for k, v in params.items()})
    columns = result.variables
    return columns, [{c: py(row.get(c)) for c in columns} for row in result]


def printed_directions(guide: Path = DEFAULT_GUIDE) -> dict[str, str]:
    """An independent reading of what the guide prints for each direction, for checking
    search results: code → the direction's text from its title line to the next one, all
    whitespace removed (lines broken inside a word are joined). Codes are those of the
    expected reading."""
    import re

    codes = {d["code"] for d in json.loads(
        (DATA / "expected" / "guide-2021-1.json").read_text(encoding="utf-8"))["directions"]}
    blocks: dict[str, list[str]] = {}
    current = None
    for line in guide.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*([1-9]\.\d)\s*(?=[^\d\s.])", line)
        if m and m.group(1) in codes and m.group(1) not in blocks:
            current = m.group(1)
            blocks[current] = []
        if current:
            blocks[current].append(line)
    return {code: re.sub(r"\s+", "", "".join(lines)) for code, lines in blocks.items()}


def printed_fields(block: str) -> str:
    """The 领域方向 part of a direction's printed text (up to 拟支持项目数)."""
    start = block.find("领域方向")
    return block[start:block.find("拟支持项目数", start)] if start >= 0 else ""


@pytest.fixture(scope="session")
def printed() -> dict[str, str]:
    return printed_directions()
