"""Every page, and the main messages, in both languages: the Chinese pages carry no English
UI words and the English pages no untranslated Chinese ones.

What a page quotes is data and is skipped: text inside an element whose `lang` names the
other language (a guide title quoted in English on a Chinese page), `<code>`, `<script>`,
`<style>`, `<pre>`, `<textarea>` and elements marked `translate="no"` (IRIs, codes, values
as given). What remains is the page's own words, which must be the reader's language, but
for the proper nouns, formats and standards listed in ALLOWED."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import httpx
import pytest

# Names that stay as they are in either language: standards, formats, products, acronyms.
ALLOWED = {"coopkg", "SPARQL", "API", "OpenAPI", "JSON", "JSON-LD", "RDF", "Turtle",
           "N-Triples", "SHACL", "VoID", "DCAT", "IRI", "HTTP", "PDF", "CSV", "UTF",
           "YYYY-MM-DD", "GEO", "EU", "English", "Bearer", "ARAB", "ODRL", "JICA", "Crossref",
           "ROR", "OpenAlex", "Wikidata", "ISO", "CCCEV"}
SKIPPED = {"code", "script", "style", "pre", "textarea"}
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
CHINESE = re.compile(r"[\u4e00-\u9fff]+")

PAGES = ["/", "/directions", "/query", "/validate", "/eligible", "/dataset", "/proposal",
         "/proposal?direction=2.7", "/proposal?direction=3.9", "/eligible?p1.country=JP", "/ontology",
         "/guide/2021-1/direction/2.7/requirement/1",
         "/guide/2021-1", "/guide/2021-1/direction/3.4", "/guide/2021-1/direction/1.5",
         "/guide/2021-1/direction/3.4/requirement/2", "/partner/JP", "/partner/DE",
         "/vocab/modality/must", "/no/such/page", "/guide/2021-1/direction/9.9",
         "/search?q=氢能", "/search?q=hydrogen", "/search?q=zebrafish"]


class _Words(HTMLParser):
    """The page's own visible words (data skipped as the module docstring says)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.stack: list[bool] = []  # per open element: is it data?
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        inside = bool(self.stack and self.stack[-1])
        other = a.get("lang") not in (None, "", self.lang, "zh-CN" if self.lang == "zh" else "")
        data = inside or tag in SKIPPED or other or a.get("translate") == "no"
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        self.stack.append(data)

    def handle_endtag(self, tag):
        if tag not in ("br", "img", "input", "meta", "link", "hr") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and data.strip():
            self.words.append(data.strip())


def own_words(html: str, lang: str) -> str:
    parser = _Words(lang)
    parser.feed(html)
    return " ".join(parser.words)


def english_words(text: str) -> list[str]:
    """English words, but for ALLOWED names and paths, IRIs or JSON paths (participants[1])
    quoted in a sentence."""
    text = " ".join(t for t in text.split() if "/" not in t and "[" not in t)
    return [w for w in ENGLISH_WORD.findall(text) if w not in ALLOWED]


def get(server: str, path: str, lang: str) -> httpx.Response:
    return httpx.get(f"{server}{path}", params={"lang": lang},
                     headers={"Accept": "text/html"}, timeout=60)


@pytest.mark.parametrize("path", PAGES)
def test_chinese_pages_have_no_english_ui_words(server, path):
    r = get(server, path, "zh")
    assert r.headers["content-type"].startswith("text/html")
    words = own_words(r.text, "zh")
    assert CHINESE.search(words)
    assert english_words(words) == []


@pytest.mark.parametrize("path", PAGES)
def test_english_pages_have_no_untranslated_chinese(server, path):
    r = get(server, path, "en")
    words = own_words(r.text, "en")
    assert ENGLISH_WORD.search(words)
    assert CHINESE.findall(words) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_link_keeps_the_language(server, lang):
    for path in ("/", "/directions", "/guide/2021-1/direction/3.4", "/partner/JP"):
        html = get(server, path, lang).text
        for href, switch in re.findall(r'href="(/[^"]*)"( hreflang)?', html):
            if switch or href.startswith(("/static/", "/docs", "/store")) or "format=" in href:
                continue
            assert f"lang={lang}" in href, (path, href)


def test_accept_language_chooses_when_lang_is_not_given(server):
    en = httpx.get(f"{server}/directions", headers={"Accept-Language": "en-GB,en;q=0.9"})
    zh = httpx.get(f"{server}/directions", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert '<html lang="en">' in en.text and "Directions" in en.text
    assert '<html lang="zh-CN">' in zh.text and "指南方向" in zh.text
    # ?lang= wins over the header
    r = httpx.get(f"{server}/directions?lang=zh", headers={"Accept-Language": "en"})
    assert '<html lang="zh-CN">' in r.text


def _reports(server: str, lang: str) -> list[str]:
    proposal = {"id": "urn:example:proposal:t", "direction": "1.5",
                "startDate": "2021-07-01", "endDate": "2024-06-30",
                "requestedFunding": {"amount": 90000000, "currency": "CNY"},
                "participants": [{"name": "某大学", "country": "CN", "type": "university",
                                  "role": "lead"},
                                 {"name": "RIKEN", "country": "JP",
                                  "type": "research_institute"}]}
    report = httpx.post(f"{server}/validate", params={"lang": lang}, json=proposal,
                        headers={"Accept": "text/html"}, timeout=60)
    eligible = httpx.post(f"{server}/eligible", params={"lang": lang},
                          data={"p0.country": "CN", "p0.type": "university", "p0.role": "lead",
                                "p1.name": "RIKEN", "p1.country": "JP",
                                "p1.type": "research_institute", "action": "check"},
                          headers={"Accept": "text/html"}, timeout=120)
    unusable = httpx.post(f"{server}/validate", params={"lang": lang},
                          content=b'{"direction": 3.4, "participants": []}',
                          headers={"Content-Type": "application/json", "Accept": "text/html"})
    assert report.status_code == 200 and eligible.status_code == 200
    assert unusable.status_code == 400
    return [report.text, eligible.text, unusable.text]


def test_reports_and_input_errors_in_chinese(server):
    for html in _reports(server, "zh"):
        words = own_words(html, "zh")
        # the participants' names are data the report quotes
        assert [w for w in english_words(words) if w != "RIKEN"] == [], words[:500]


def test_reports_and_input_errors_in_english(server):
    for html in _reports(server, "en"):
        assert CHINESE.findall(own_words(html, "en")) == []


@pytest.mark.parametrize(("lang", "expected"), [("zh", "至少需要一家参与单位"),
                                                ("en", "at least one participant is needed")])
def test_api_errors_speak_the_language_of_the_request(server, lang, expected):
    body = b'{"direction": "3.4", "participants": []}'
    by_param = httpx.post(f"{server}/validate?lang={lang}", content=body,
                          headers={"Content-Type": "application/json"})
    by_header = httpx.post(f"{server}/validate", content=body,
                           headers={"Content-Type": "application/json",
                                    "Accept-Language": "en" if lang == "en" else "zh-CN"})
    for r in (by_param, by_header):
        assert r.status_code == 400
        assert r.headers["content-type"].startswith("application/problem+json")
        problem = r.json()
        assert problem["title"] == "UNUSABLE_PROPOSAL"
        assert expected in problem["detail"]
        assert expected in json.dumps(problem["errors"], ensure_ascii=False)


def test_a_browser_gets_an_error_page_and_a_machine_problem_json(server):
    page = httpx.get(f"{server}/partner/XX?lang=en", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "does not describe" in page.text and 'href="/?lang=en"' in page.text
    machine = httpx.get(f"{server}/partner/XX", headers={"Accept": "application/json"})
    assert machine.status_code == 404
    assert machine.headers["content-type"].startswith("application/problem+json")
    assert machine.json()["title"] == "NO_SUCH_RESOURCE"
