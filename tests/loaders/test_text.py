from coopkg.loaders.text import clean_lines, join, normalise_spaces


def test_spaces_next_to_chinese_text_go_ascii_spaces_stay():
    assert normalise_spaces("不超过 10个") == "不超过10个"
    assert normalise_spaces("中韩科技合作联委会第 14次会议纪要") == "中韩科技合作联委会第14次会议纪要"
    assert normalise_spaces("亚大对地观测数据枢纽（AOData HUB）平台") == "亚大对地观测数据枢纽（AOData HUB）平台"
    assert normalise_spaces(" 和多边机制 ") == "和多边机制"


def test_page_numbers_and_blank_lines_are_removed_with_a_notice():
    cleaned = clean_lines("第一行\n\n\n— 23 —\n\n第二行\n")
    assert [ln.text for ln in cleaned.lines] == ["第一行", "第二行"]
    assert [ln.no for ln in cleaned.lines] == [1, 6]
    assert any(n.code == "PAGE_NUMBER" and "page number" in str(n.message) and n.line == 4
               for n in cleaned.notices)


def test_url_lines_dumped_at_a_page_end_are_dropped_but_introduced_ones_kept():
    text = "\n".join([
        "工作方案：", "https://example.org/a/what-work-program", "me；",
        "关于重点领", "https://example.org/stray", "https://example.org/stray", " 域科技创新",
    ])
    cleaned = clean_lines(text)
    assert join(cleaned.lines[:3]) == "工作方案：https://example.org/a/what-work-programme；"
    assert join(cleaned.lines[3:]) == "关于重点领域科技创新"
    assert sum(n.code == "STRAY_URL" and "stray URL" in str(n.message)
               for n in cleaned.notices) == 2


def test_crlf_line_endings_read_like_lf():
    assert [ln.text for ln in clean_lines("甲\r\n\r\n乙\r\n").lines] == ["甲", "乙"]
