"""Every error coopkg raises says itself in zh and in en, from the one catalogue: each
class of the tree as its code means it, and the messages composed where errors are raised
(the store held or missing, a query of the wrong form, XML with a DTD)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coopkg import errors
from coopkg.errors import CoopkgError, InputError, StoreError
from coopkg.graph.embedded import EmbeddedStore, StoreBusy, _busy
from coopkg.graph.locate import open_store
from coopkg.shapes.proposals import parse_proposals

CJK = re.compile(r"[\u4e00-\u9fff]")


def _instance(cls: type[CoopkgError]) -> CoopkgError:
    """An error of `cls` as code raising it makes one, with its own arguments."""
    if cls is errors.UnknownGuideError:
        return cls("2099-1", "/tmp/store", ["2021-1"])  # type: ignore[call-arg]
    if cls is errors.UnknownQueryError:
        return cls("totalz", ["totals"])  # type: ignore[call-arg]
    if issubclass(cls, InputError):
        return cls(cls.meaning, source="p.json")
    return cls()


def _says_both(e: CoopkgError) -> None:
    zh, en = e.message("zh"), e.message("en")
    assert CJK.search(zh), (type(e).__name__, zh)
    assert en and not CJK.search(en), (type(e).__name__, en)


@pytest.mark.parametrize("code", sorted(errors.codes()))
def test_every_error_class_says_itself_in_both_languages(code):
    cls = errors.codes()[code]
    _says_both(_instance(cls))
    assert cls.meaning.render("en") != cls.meaning.render("zh")


def test_a_held_store_says_who_holds_it_in_both_languages(tmp_path: Path):
    busy = _busy(tmp_path)
    assert isinstance(busy, StoreBusy)
    _says_both(busy)
    assert str(tmp_path) in busy.message("zh") and "另一个 coopkg 进程" in busy.message("zh")
    assert "in use by another coopkg process" in busy.message("en")


def test_a_missing_store_says_what_to_run_in_both_languages(tmp_path: Path):
    with pytest.raises(StoreError) as e:
        open_store(str(tmp_path / "nothing"), mode="read", must_exist=True)
    _says_both(e.value)
    assert "coopkg build --store" in e.value.message("zh")


def test_a_query_of_the_wrong_form_says_so_in_both_languages():
    store = EmbeddedStore(None)
    with pytest.raises(errors.QueryError) as e:
        store.select("ASK { ?s ?p ?o }")
    _says_both(e.value)
    assert "SELECT" in e.value.message("zh") and e.value.message("en") == "not a SELECT query"
    with pytest.raises(errors.QueryError) as e:
        store.select("SELECT * WHERE { ?s ?p ")
    _says_both(e.value)
    assert e.value.message("en").startswith("malformed query: ")


def test_xml_with_a_dtd_is_refused_in_both_languages():
    xml = ('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    with pytest.raises(errors.ProposalError) as e:
        parse_proposals(xml, source="p.rdf", suffix=".rdf")
    _says_both(e.value)
    assert "第 2 行" in e.value.message("zh") and "DTD" in e.value.message("zh")
    assert "line 2" in e.value.message("en")
