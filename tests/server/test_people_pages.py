"""Pages for people, over HTTP against the real server: the ontology's documentation with
the site's navigation, the right heading and IRI and a way back; requirement pages in
words linked to their direction; partner pages with their directions, agreements and
budgets and a link that asks who may apply with them; nothing listed twice."""

from __future__ import annotations

import re

import httpx

HTML = {"Accept": "text/html"}


def _get(server: str, path: str, lang: str = "zh") -> str:
    r = httpx.get(f"{server}{path}", params={"lang": lang}, headers=HTML, timeout=60)
    assert r.status_code == 200, (path, r.text[:300])
    return r.text


def test_the_ontology_page_is_documentation_with_the_sites_navigation(server):
    page = _get(server, "/ontology")
    assert re.search(r"<h1>政府间国际科技合作指南本体</h1>", page)  # one title, not all run together
    assert "<code>https://w3id.org/coopkg/ontology</code>" in page
    assert 'href="/?lang=zh">← 回到首页' in page and 'href="/directions?lang=zh"' in page
    assert 'id="Country"' in page and 'id="partner"' in page  # /ontology#Country resolves
    assert len(re.findall(r"<h1", page)) == 1
    en = _get(server, "/ontology", "en")
    assert "<h1>coopkg ontology</h1>" in en and "Call direction" in en


def test_a_requirement_page_says_it_in_words_and_leads_back_to_its_direction(server):
    page = _get(server, "/guide/2021-1/direction/3.4/requirement/2", "en")
    assert 'href="/guide/2021-1/direction/3.4?lang=en">← Direction 3.4' in page
    clauses = page[page.index('id="clauses"'):page.index("</table>", page.index('id="clauses"'))]
    assert clauses.count("<tr>") == 5  # a heading and four clauses
    assert "2+2 consortium model" in clauses and "Enterprise matching funds" in clauses
    assert "in principle" in clauses and "checked by hand" in clauses
    assert "原则上企业应提供至少与政府资助等额的配套出资" in clauses  # the guide's own words
    direction = _get(server, "/guide/2021-1/direction/3.4", "en")
    assert 'href="/guide/2021-1/direction/3.4/requirement/2?lang=en"' in direction
    assert 'href="/proposal?direction=3.4&amp;lang=en"' in direction


def test_a_partner_page_lists_its_directions_agreements_and_who_may_apply(server):
    page = _get(server, "/partner/JP")
    table = page[page.index('id="partner-directions"'):]
    table = table[:table.index("</table>")]
    assert re.findall(r">(\d\.\d)</a>", table) == ["1.5", "1.6"]
    assert "9000万元人民币" in table
    assert "中华人民共和国政府和日本国政府科技合作协定" in page
    link = re.search(r'id="who-may-apply" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert "p1.country=JP" in link and "谁可以与日本合作申报" in page
    form = httpx.get(f"{server}{link}").text
    assert re.search(r'name="p1.country".*?<option value="JP" selected>', form, re.S)


def test_nothing_is_listed_twice(server):
    guide = _get(server, "/guide/2021-1", "en")
    links = re.findall(r'<dd><a href="(/guide/2021-1/direction/[\d.]+)\?', guide)
    assert len(links) == 29 and len(set(links)) == 29
    dataset = _get(server, "/dataset", "en")
    assert dataset.count('href="/graph/guide/2021-1?') == 1


def test_links_to_other_sites_are_left_as_they_are(server):
    page = _get(server, "/partner/JP", "en")
    assert 'href="http://www.wikidata.org/entity/Q17"' in page
    assert not re.search(r'href="http[^"]*[?&]lang=', page)
    assert 'href="/ontology?lang=en#Country"' in page  # the language before the fragment
