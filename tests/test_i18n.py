"""The message catalogue: every message in the sources has an English translation with the
same placeholders; languages are negotiated as documented; errors speak both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from coopkg import i18n
from coopkg.errors import ProposalError
from coopkg.shapes.proposals import parse_proposals

ROOT = Path(__file__).resolve().parents[1]
METHODS = [("**/.venv/**", "ignore"), ("tests/**", "ignore"), ("bench/**", "ignore"),
           ("build/**", "ignore"), ("**.py", "python"), ("server/templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "N_": None, "_t": None, "H_": None}


def _messages() -> dict[str, str]:
    """msgid → where it is used, as Babel extracts them (the same as `pybabel extract`)."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), METHODS, keywords=KEYWORDS):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found.setdefault(msgid, f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def messages() -> dict[str, str]:
    return _messages()


def test_the_sources_have_messages_to_translate(messages):
    assert len(messages) > 150
    assert "申报资格查询" in messages  # a template
    assert "至少需要一家参与单位" in messages  # shapes/proposals.py


def test_every_message_has_an_english_translation(messages):
    english = i18n.catalogue("en")
    untranslated = {m: where for m, where in messages.items() if not english.get(m)}
    assert untranslated == {}


def test_translations_keep_the_placeholders(messages):
    english = i18n.catalogue("en")
    fields = re.compile(r"\{(\w*)\}")
    for msgid in messages:
        assert sorted(fields.findall(msgid)) == sorted(fields.findall(english[msgid])), msgid


def test_english_translations_are_english():
    for msgid, text in i18n.catalogue("en").items():
        assert not re.search(r"[\u4e00-\u9fff]", text), (msgid, text)


@pytest.mark.parametrize(("header", "lang"), [
    ("en-GB,en;q=0.9", "en"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh"), ("fr-FR,en;q=0.5", "en"),
    ("en;q=0.2,zh;q=0.8", "zh"), ("fr", None), ("", None), ("en;q=0", None),
    ("zh-Hant-TW", "zh"), ("EN_us", "en")])
def test_accept_language_picks_the_best_of_zh_and_en(header, lang):
    assert i18n.from_accept_language(header) == lang


def test_a_message_renders_in_either_language_later():
    m = i18n.N_("不是年份：{value}", value="20x1")
    assert m.render("zh") == "不是年份：20x1"
    assert m.render("en") == "not a year: 20x1"
    assert str(m) == "not a year: 20x1"


def test_every_problem_of_a_proposal_is_said_in_both_languages():
    with pytest.raises(ProposalError) as e:
        parse_proposals('{"direction": 3.4, "participants": [], "colour": "red"}',
                        source="p.json")
    zh, en = e.value.message("zh"), e.value.message("en")
    assert zh.startswith("p.json: ") and "3 处问题" in zh and "至少需要一家参与单位" in zh
    assert "unknown key" not in zh and "participant" not in zh.replace("participants", "")
    assert "3 problems" in en and "at least one participant is needed" in en
    assert [p.path for p in e.value.problems] == ["colour", "direction", "participants"]


def test_a_text_the_data_gives_in_both_languages_is_shown_in_the_readers():
    said = i18n.Texts((("zh", "每个方向须有一项拟支持经费。"), ("en", "Every direction has one budget.")))
    m = i18n.N_("{focus}：{what}", focus="d/2.4", what=said)
    assert m.render("zh") == "d/2.4：每个方向须有一项拟支持经费。"
    assert m.render("en") == "d/2.4: Every direction has one budget."
    assert i18n.Texts((("zh", "只有中文"),)).render("en") == "只有中文"
