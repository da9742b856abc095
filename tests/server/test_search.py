"""/search over HTTP on every store: the page in zh and en with the matches marked, its JSON
form, the search box in every page's header, and a search without words refused."""

from __future__ import annotations

import re
from html import unescape

import httpx
import pytest

HYDROGEN = {"1.9", "2.0", "2.7", "3.5"}


def _json(server: str, q: str, **params: str) -> httpx.Response:
    return httpx.get(f"{server}/search", params={"q": q, "format": "json", **params},
                     timeout=60)


def test_json_finds_every_direction_printing_a_word(server, printed):
    r = _json(server, "氢能")
    assert r.status_code == 200, r.text[:300]
    results = r.json()["results"]
    assert {x["direction"] for x in results} == {c for c, t in printed.items() if "氢能" in t}
    assert {x["direction"] for x in results} == HYDROGEN
    assert set(results[0]) >= {"iri", "direction", "label", "snippet"}
    assert all("氢能" in x["snippet"] for x in results)
    assert [x["score"] for x in results] == sorted((x["score"] for x in results), reverse=True)


def test_json_by_accept_and_labels_in_the_requested_language(server):
    r = httpx.get(f"{server}/search", params={"q": "Food Science", "lang": "en"},
                  headers={"Accept": "application/json"}, timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    (first, *_) = r.json()["results"]
    assert first["label"] == "Food science" and first["direction"] == "1.2"
    zh = _json(server, "food science", lang="zh").json()["results"][0]
    assert zh["iri"] == first["iri"] and zh["label"] == "食品科学"


@pytest.mark.parametrize("lang,word", [("zh", "搜索"), ("en", "Search")])
def test_the_page_marks_the_matches_and_keeps_the_language(server, lang, word):
    r = httpx.get(f"{server}/search", params={"q": "氢能", "lang": lang}, timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert f"<h1>{word}</h1>" in page
    assert len(re.findall(r"<mark>氢能</mark>", page)) >= len(HYDROGEN)
    links = re.findall(r'href="(/guide/[^"]+)"', page)
    assert links and all(f"lang={lang}" in unescape(link) for link in links)
    shown = set(re.findall(r'class="badge code">([\d.]+)<', page))
    assert shown == HYDROGEN


def test_every_page_has_the_search_box(server):
    for path in ("/", "/directions", "/query"):
        page = httpx.get(f"{server}{path}", params={"lang": "en"}, timeout=60).text
        form = re.search(r'<form class="search" action="/search".*?</form>', page, re.S)
        assert form, path
        assert 'name="q"' in form.group() and 'name="lang" value="en"' in form.group()


def test_the_empty_page_and_a_search_without_words(server):
    empty = httpx.get(f"{server}/search", params={"lang": "en"}, timeout=60)
    assert empty.status_code == 200 and "<mark>" not in empty.text
    r = _json(server, "，。", lang="en")
    assert r.status_code == 400 and r.json()["title"] == "EMPTY_SEARCH"
    page = httpx.get(f"{server}/search", params={"q": "，。", "lang": "en"}, timeout=60)
    assert page.status_code == 400 and "no characters or words" in page.text


def test_nothing_found_is_said(server):
    r = httpx.get(f"{server}/search", params={"q": "zebrafish", "lang": "en"}, timeout=60)
    assert r.status_code == 200 and "Nothing found for" in r.text
    assert _json(server, "zebrafish").json() == {"results": []}


def test_a_single_character_is_found_inside_words(server, printed):
    r = _json(server, "氢")
    assert r.status_code == 200, r.text[:300]
    assert {x["direction"] for x in r.json()["results"]} == {
        c for c, t in printed.items() if "氢" in t}


def test_a_search_too_long_is_refused(server):
    r = _json(server, "氢能" * 200, lang="en")
    assert r.status_code == 400 and r.json()["title"] == "SEARCH_TOO_LONG"
