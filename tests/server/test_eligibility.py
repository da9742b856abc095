"""Eligibility over HTTP against the real server: the form works without JavaScript,
POST /eligible answers JSON or HTML by Accept, three values per direction."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

CONSORTIA = Path(__file__).parents[1] / "data" / "consortia"
RIKEN = json.loads((CONSORTIA / "riken.json").read_text(encoding="utf-8"))


def test_the_form_needs_no_javascript_and_speaks_both_languages(server):
    zh = httpx.get(f"{server}/eligible", params={"lang": "zh"})
    assert zh.status_code == 200 and zh.headers["content-type"].startswith("text/html")
    assert "<script" not in zh.text
    assert 'method="post"' in zh.text and 'name="p0.country"' in zh.text
    assert ">日本</option>" in zh.text and "科研机构" in zh.text and "申报资格查询" in zh.text
    en = httpx.get(f"{server}/eligible", params={"lang": "en", "rows": "6"})
    assert ">Japan</option>" in en.text and "Research institute" in en.text
    assert 'name="p5.name"' in en.text and 'name="p6.name"' not in en.text


def test_json_in_json_out_open_directions_first(server):
    r = httpx.post(f"{server}/eligible", json=RIKEN, headers={"Accept": "application/json"})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    order = {"eligible": 0, "needs_information": 1, "not_eligible": 2}
    assert [order[x["status"]] for x in results] == sorted(order[x["status"]] for x in results)
    by_code = {x["direction"]: x for x in results}
    assert by_code["1.5"]["status"] == "needs_information"
    assert [m["path"] for m in by_code["1.5"]["missing"]] == ["participants[1].ownership"]
    assert by_code["3.9"]["status"] == "eligible"
    assert by_code["1.2"]["status"] == "not_eligible"
    assert "1.2/partner" in {f["requirement"] for f in by_code["1.2"]["findings"]}


def test_a_browser_form_post_gets_the_page_with_the_answer(server):
    form = {"lang": "zh", "p0.name": "江淮大学", "p0.country": "CN", "p0.type": "university",
            "p0.role": "lead", "p1.name": "RIKEN", "p1.country": "JP",
            "p1.type": "research_institute", "p1.role": "partner_lead", "p1.ownership": "",
            "p2.name": "", "p2.country": "", "p2.type": "", "action": "check"}
    r = httpx.post(f"{server}/eligible", data=form,
                   headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and "<script" not in r.text
    assert "需补充信息" in r.text and "RIKEN" in r.text and "participants[1].ownership" in r.text
    assert "共 29 个方向：可以申报 " in r.text
    assert 'value="RIKEN"' in r.text  # the form comes back filled in
    more = httpx.post(f"{server}/eligible", data={**form, "action": "add"},
                      headers={"Accept": "text/html"})
    assert 'name="p3.name"' in more.text and 'id="results"' not in more.text


def test_unusable_consortia_say_what_and_where(server):
    bad = {"participants": [{"name": "X", "country": "XX", "type": "college"}]}
    r = httpx.post(f"{server}/eligible", json=bad)
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    assert sorted(e["path"] for e in r.json()["errors"]) == ["participants[0].country",
                                                            "participants[0].type"]
    html = httpx.post(f"{server}/eligible", data={"lang": "en", "p0.name": "X",
                                                  "p0.country": "JP", "action": "check"},
                      headers={"Accept": "text/html"})
    assert html.status_code == 400 and "participants[0].type" in html.text
    assert "Traceback" not in html.text
    broken = httpx.post(f"{server}/eligible", content=b"{not json",
                        headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and "第 1 行" in broken.json()["detail"]
    broken = httpx.post(f"{server}/eligible?lang=en", content=b"{not json",
                        headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and "line 1" in broken.json()["detail"]
