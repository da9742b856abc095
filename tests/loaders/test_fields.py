from coopkg.loaders.fields import label_of, parse_fields
from coopkg.loaders.text import Line


def _lines(*texts: str) -> list[Line]:
    return [Line(i, t) for i, t in enumerate(texts, start=1)]


def test_inline_list_splits_on_enumeration_comma_and_drops_trailing_deng():
    fields, note, _ = parse_fields(_lines("现代农业、信息通信、人口健康、先", "进制造等领域。"))
    assert [f.label for f in fields] == ["现代农业", "信息通信", "人口健康", "先进制造"]
    assert note is None


def test_inline_list_with_a_shared_head_noun_is_one_field():
    fields, _, _ = parse_fields(_lines("生物多样性、气候变化和卫生的相互影响。"))
    assert [f.label for f in fields] == ["生物多样性、气候变化和卫生的相互影响"]


def test_later_sentences_are_a_note():
    fields, note, _ = parse_fields(_lines("领域不限。鼓励应对新冠疫情疫苗研发。"))
    assert [f.label for f in fields] == ["领域不限"]
    assert note == "鼓励应对新冠疫情疫苗研发。"


def test_numbered_items_with_examples_after_a_colon():
    fields, _, _ = parse_fields(_lines(
        "1. 交通。", "2. 新一代信息网络：5G 通讯技术、光通讯技术、处理器", "（CPU）技术。"))
    assert [f.label for f in fields] == ["交通", "新一代信息网络"]
    assert [c.label for c in fields[1].children] == ["5G通讯技术", "光通讯技术", "处理器（CPU）技术"]
    assert fields[1].examples


def test_emphasis_parenthetical_is_a_note_and_baokuo_clause_too():
    assert label_of("生物技术（重点支持抗击新冠肺炎疫情相关领域科研合作）；") == (
        "生物技术", "重点支持抗击新冠肺炎疫情相关领域科研合作", [])
    assert label_of("生产技术，包括智能制造；") == ("生产技术", "包括智能制造", [])


def test_outline_levels_and_a_wrapped_line_starting_with_a_digit():
    fields, _, _ = parse_fields(_lines(
        "（一）能源领域", "包括但不限于：", "1. 智能电网", "（1）灵活的电力系统；",
        "（2）热电联产技术；", "2. 能源清洁生产技术", "（二）健康领域", "1. 数据与分析",
        "3 个子项"))
    assert [f.label for f in fields] == ["能源领域", "健康领域"]
    energy = fields[0]
    assert energy.note == "包括但不限于"
    assert [c.label for c in energy.children] == ["智能电网", "能源清洁生产技术"]
    assert [c.label for c in energy.children[0].children] == ["灵活的电力系统", "热电联产技术"]
    # "3 个子项" does not continue the numbering (1 → 3), so it stays text of item 1.
    assert fields[1].children[0].text.endswith("3个子项")
