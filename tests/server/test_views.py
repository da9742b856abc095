"""The views over HTTP: /views lists them, /views/{name} answers each in Turtle, JSON-LD and
N-Triples by Accept (one direction with ?direction=), and a direction's page embeds its
schema.org view as JSON-LD."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from rdflib import Graph, URIRef

SCHEMA = "https://schema.org/"
D34 = "https://w3id.org/coopkg/guide/2021-1/direction/3.4"


def test_the_views_are_listed(server):
    r = httpx.get(f"{server}/views", params={"lang": "en"}, timeout=60)
    assert r.status_code == 200
    assert [v["name"] for v in r.json()["views"]] == ["dcat", "eurio", "schema-org"]


@pytest.mark.parametrize("name", ["schema-org", "eurio", "dcat"])
@pytest.mark.parametrize("media,parser", [("text/turtle", "turtle"),
                                          ("application/ld+json", "json-ld"),
                                          ("application/n-triples", "nt")])
def test_each_view_in_each_format(server, name, media, parser):
    r = httpx.get(f"{server}/views/{name}", headers={"Accept": media}, timeout=60)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith(media)
    assert len(Graph().parse(data=r.content, format=parser)) > 20


def test_one_direction_by_code_or_iri(server):
    for params in ({"direction": "3.4"}, {"direction": D34}):
        r = httpx.get(f"{server}/views/schema-org", params=params,
                      headers={"Accept": "text/turtle"}, timeout=60)
        assert r.status_code == 200, r.text[:300]
        g = Graph().parse(data=r.content, format="turtle")
        schemes = set(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                 URIRef(SCHEMA + "FundingScheme")))
        assert URIRef(D34) in schemes
        assert not any("/direction/" in str(s) and str(s) != D34 for s in schemes)


def test_refusals(server):
    assert httpx.get(f"{server}/views/nosuch", timeout=60).json()["title"] == "NO_SUCH_VIEW"
    r = httpx.get(f"{server}/views/eurio", params={"direction": "9.9"}, timeout=60)
    assert (r.status_code, r.json()["title"]) == (404, "NO_SUCH_DIRECTION")
    r = httpx.get(f"{server}/views/dcat", params={"direction": "3.4"}, timeout=60)
    assert (r.status_code, r.json()["title"]) == (400, "VIEW_TAKES_NO_DIRECTION")
    r = httpx.get(f"{server}/views/dcat", headers={"Accept": "image/png"}, timeout=60)
    assert r.status_code == 406


def test_a_direction_page_embeds_its_schema_org_view(server):
    r = httpx.get(f"{server}/guide/2021-1/direction/3.4", headers={"Accept": "text/html"},
                  params={"lang": "en"}, timeout=60)
    assert r.status_code == 200
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', r.text, re.S)
    doc = json.loads(script)
    assert doc["@context"]["@vocab"] == SCHEMA
    g = Graph().parse(data=script, format="json-ld")
    assert (URIRef(D34), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef(SCHEMA + "FundingScheme")) in g
    assert "/views/eurio?direction=" in r.text
