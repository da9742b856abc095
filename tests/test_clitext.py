"""The command line's help and click's own texts in zh and en, from the one catalogue."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from coopkg import i18n
from coopkg.cli import main
from coopkg.clitext import CLICK, columns, run_lang

CJK = re.compile(r"[\u4e00-\u9fff]")


def _commands(group: click.Group = main, path: tuple[str, ...] = ()
              ) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, group
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*path, name))
        else:
            yield (*path, name), cmd


COMMANDS = [path for path, _cmd in _commands()]


def _run(*args: str, lang: str) -> str:
    result = CliRunner().invoke(main, list(args), prog_name="coopkg", env={
        "COOPKG_LANG": lang, "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""})
    return result.output


def _names() -> set[str]:
    """What the command line names and a help text may show as it is, in any language:
    command names, option names, choices, and the Latin words the Chinese texts themselves
    keep (SPARQL, JSON-LD, coopkg …). Not the arguments' names (FILES…) nor click's type
    words (integer, File): the Chinese says them in Chinese."""
    names: set[str] = set()
    for path, cmd in _commands():
        names.update(path)
        for p in cmd.params:
            names.update(p.opts)
            names.update(p.secondary_opts)
            if isinstance(p.type, click.Choice):
                names.update(str(c) for c in p.type.choices)
    chinese = [cmd.help or "" for _path, cmd in _commands()]
    chinese += [getattr(p, "help", None) or "" for _path, cmd in _commands() for p in cmd.params]
    chinese += [str(getattr(p, "show_default", "") or "") for _path, cmd in _commands()
                for p in cmd.params]
    chinese += [m.msgid for m in CLICK.values()]
    for text in chinese:
        names.update(re.findall(r"[A-Za-z][\w.\-/]*", text))
    return names


def _latin_words(text: str) -> set[str]:
    """The Latin words of `text`, less option names (-h, --store) and a word cut short (…)."""
    text = re.sub(r"(?<![\w/])--?[A-Za-z][\w-]*", " ", text)
    text = re.sub(r"[\w.]+…", " ", text)
    return set(re.findall(r"[A-Za-z][\w.\-/]*", text))


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "coopkg")
def test_help_in_chinese_keeps_no_english_word(path):
    out = _run(*path, "--help", lang="zh")
    assert "用法" in out and "选项" in out and "显示本帮助并退出" in out, out
    stray = _latin_words(out) - _names()
    assert not stray, out


@pytest.mark.parametrize("args", [
    ("validate", "--nope"),                # no such option
    ("query",),                            # missing argument
    ("drop",),                             # missing option
    ("validate", "--format", "表格", "p.json"),  # not a choice
    ("查询",),                             # no such command
    ("serve", "--port", "八千"),           # not an integer
    ("load", "/没有/这个文件"),            # no such file
    ("proposals", "import", "/没有/这个文件夹"),  # no such folder
])
def test_usage_errors_in_chinese_keep_no_english_word(args):
    out = _run(*args, lang="zh")
    assert "错误：" in out and "用法" in out and "查看帮助" in out, out
    stray = _latin_words(out) - _names()
    assert not stray, out
    assert not re.search(r"\b(Usage|Error|Try|Missing|such|Invalid)\b", out)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "coopkg")
def test_chinese_help_is_aligned_and_wrapped_by_terminal_columns(path):
    """A Chinese character takes two columns: every option's help starts in one column
    and no line of it is wider than the terminal (but for a word that cannot be broken)."""
    out = _run(*path, "--help", lang="zh")
    options = out.split("选项：\n", 1)[1].split("\n\n", 1)[0].splitlines()
    starts = {columns(m.group(1)) for line in options
              if (m := re.match(r"(\s+-\S.*?\s{2,})\S", line))}
    assert len(starts) == 1, out
    # the lines that go on an option's help start in that column too
    start = starts.pop()
    for line in options:
        if not line.lstrip().startswith("-"):
            assert len(line) - len(line.lstrip()) == start, out
    for line in options:  # 80: the width click's test runner gives
        assert columns(line) <= 80 or " " not in line.strip(), line


def test_columns_count_a_chinese_character_twice():
    assert columns("选项") == 4 and columns("--store <文本>") == 14 and columns("a\u0301") == 1


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "coopkg")
def test_help_in_english_has_no_chinese(path):
    out = _run("--lang", "en", *path, "--help", lang="zh")
    assert "Usage:" in out and "Show this message and exit." in out
    assert not CJK.search(out), out


def test_every_command_and_option_declares_its_help_for_the_catalogue():
    """A command added later needs only this: its help, and its options', in Chinese in the
    catalogue (H_), with an English translation."""
    english = i18n.catalogue("en")
    for path, cmd in _commands():
        assert cmd.help in english, path
        for p in cmd.params:
            help_ = getattr(p, "help", None)
            if help_ and help_ not in {k for k in CLICK}:  # --version, --help: click's
                assert help_ in english, (path, p.name)


def test_clicks_english_is_the_catalogues_english():
    for theirs, ours in CLICK.items():
        assert ours.render("en") == theirs
        assert CJK.search(ours.render("zh")), theirs


def test_the_last_lang_on_the_command_line_wins_else_the_locale(monkeypatch):
    monkeypatch.setenv("COOPKG_LANG", "")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert run_lang(["validate", "p.json"]) == "en"
    assert run_lang(["--lang", "zh", "validate"]) == "zh"
    assert run_lang(["--lang", "zh", "validate", "--lang=en"]) == "en"
    assert run_lang(["query", "--", "--lang", "zh"]) == "en"
    monkeypatch.setenv("COOPKG_LANG", "zh")
    assert run_lang([]) == "zh"


def test_the_command_given_lang_chooses_the_help_language():
    out = _run("validate", "--lang", "en", "--help", lang="zh")
    assert "Usage:" in out and not CJK.search(out)


def test_click_speaks_english_again_after_a_chinese_run():
    _run("--help", lang="zh")
    import click.core
    import click.exceptions

    assert click.core._("Options") == "Options"
    assert click.exceptions._("Missing argument") == "Missing argument"
