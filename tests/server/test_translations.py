"""The English pages show a requirement's unofficial translation, marked as such, with the
Chinese original beside it; the Chinese pages show the original alone."""

from __future__ import annotations

import httpx

HTML = {"Accept": "text/html"}


def _page(server: str, path: str, lang: str) -> str:
    r = httpx.get(f"{server}{path}", params={"lang": lang}, headers=HTML, timeout=60)
    assert r.status_code == 200, r.text[:300]
    return r.text


def test_english_pages_show_the_unofficial_translation_beside_the_original(server):
    en = _page(server, "/guide/2021-1/direction/1.3", "en")
    assert "The lead applicant must be an enterprise;" in en
    assert "unofficial translation" in en and "牵头申报单位必须为企业" in en
    one = _page(server, "/guide/2021-1/direction/1.3/requirement/1", "en")
    assert "The lead applicant must be an enterprise;" in one
    zh = _page(server, "/guide/2021-1/direction/1.3", "zh")
    assert "牵头申报单位必须为企业" in zh and "The lead applicant" not in zh


def test_a_sub_direction_page_shows_its_translated_texts(server):
    en = _page(server, "/guide/2021-1/direction/3.9/subdirection/4", "en")
    assert "This project encourages an enterprise as lead." in en
