"""graph.updates: the protocol's update dataset written into the update as USING clauses."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coopkg.errors import DatasetTwice
from coopkg.graph.updates import with_dataset

A, B = "http://example.org/a", "http://example.org/b"


def test_using_goes_before_the_where_of_every_operation():
    text = ("INSERT DATA { <s> <p> 'WHERE' } ;\n"
            "INSERT { ?s a <x> } WHERE { ?s a <y> { SELECT ?s WHERE { ?s ?p ?o } } } ;\n"
            "DELETE { ?s a <y> } INSERT { ?s a <z> } WHERE { ?s a <x> } # WHERE in a comment")
    out = with_dataset(text, default=[A], named=[B])
    clause = f"USING <{A}> USING NAMED <{B}> WHERE"
    assert out.count(clause) == 2  # the sub-SELECT's WHERE and the literal are left alone
    assert "'WHERE'" in out and "SELECT ?s WHERE" in out
    ox.Store().update(out, base_iri="http://example.org/")  # still a valid update


def test_delete_where_becomes_delete_using_where():
    out = with_dataset("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", named=[A])
    assert out == (f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} USING NAMED <{A}> "
                   "WHERE { GRAPH ?g { ?s ?p ?o } }")
    ox.Store().update(out)


def test_without_parameters_the_text_is_unchanged():
    assert with_dataset("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }") == \
        "WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"


@pytest.mark.parametrize("text", [
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } USING <http://example.org/g> WHERE { ?s ?p ?o }",
    "insert { ?s ?p ?o } using named <http://example.org/g> where { ?s ?p ?o }",
])
def test_a_dataset_named_twice_is_refused(text):
    with pytest.raises(DatasetTwice, match="give one or the other") as e:
        with_dataset(text, default=[A])
    assert "二者只能给出其一" in e.value.message("zh")


def test_keywords_in_names_are_not_keywords():
    text = "PREFIX : <http://example.org/> INSERT { ?s :with ?o } WHERE { ?s :using ?o }"
    assert with_dataset(text, default=[A]).count(f"USING <{A}> WHERE") == 1


def test_a_single_operations_using_clauses_are_lifted_out() -> None:
    from coopkg.graph.updates import lift_using

    text = (f"PREFIX ex: <http://example.org/> DELETE {{ ?s ?p ?o }} USING <{A}> "
            f"USING NAMED <{B}> WHERE {{ ?s ?p ?o ; ex:q \"USING <x>\" }}")
    lifted = lift_using(text)
    assert lifted is not None
    rest, default, named = lifted
    assert (default, named) == ([A], [B])
    assert "USING" not in rest.replace('"USING <x>"', "") and '"USING <x>"' in rest


@pytest.mark.parametrize("text", [
    f"INSERT {{ ?s ?p 1 }} USING <{A}> WHERE {{ ?s ?p ?o }} ; INSERT DATA {{ <a:s> <a:p> 2 }}",
    f"WITH <{A}> DELETE {{ ?s ?p ?o }} USING <{B}> WHERE {{ ?s ?p ?o }}",
    "PREFIX ex: <http://example.org/> DELETE { ?s ?p ?o } USING ex:g WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } USING <relative> WHERE { ?s ?p ?o }",
    "INSERT DATA { <a:s> <a:p> 1 }",
])
def test_using_clauses_stay_where_lifting_would_change_the_update(text: str) -> None:
    from coopkg.graph.updates import lift_using

    assert lift_using(text) is None
