"""The command line's own words in the reader's language: click's texts and the commands' help.

Two kinds of text make up `coopkg --help` and a usage error:

- the commands' and options' help, written in Chinese where each command is declared,
  marked `H_("…")` so Babel extracts it into the one catalogue (`coopkg/i18n.py`), and put
  in the reader's language when help is printed: a command added later needs nothing but
  its help text declared this way (a test checks every command and option);
- click's own texts ("Usage:", "Options", "Show this message and exit.", "No such option …"),
  which click composes with gettext bound in its modules at import. `CLICK` gives each its
  Chinese message of the catalogue, whose English is click's own text (a test keeps them
  equal); for a run in Chinese, `speaking` lends click those words for the length of the run,
  and the names of its number types ("integer"). Arguments are `SpeakingArgument`s named
  `metavar=H_("<文件>...")` and paths `SpeakingPath`s, so usage, help and errors name them
  in the reader's language too.

Chinese help is wrapped, and its option column aligned, by terminal columns (`columns`: a
CJK character takes two), where click counts characters.

The language of a run is the last `--lang` on its command line (the group's or the
command's), else the locale (`locale_lang`), as the CLI decides for its messages.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from typing import Any

import click

from coopkg.i18n import LANGS, N_, Message, _

__all__ = ["CLICK", "H_", "SpeakingArgument", "SpeakingCommand", "SpeakingGroup", "SpeakingPath",
           "columns", "locale_lang", "run_lang", "say", "speaking"]


def H_(msgid: str, /) -> str:
    """A help text of the command line: its Chinese, extracted into the catalogue and
    shown in the reader's language when help is printed."""
    return msgid


# click's English → the catalogue's Chinese for it (English again in messages.po).
CLICK: dict[str, Message] = {
    "Usage:": N_("用法："),
    "Options": N_("选项"),
    "Commands": N_("命令"),
    "Positional arguments": N_("位置参数"),
    "Show this message and exit.": N_("显示本帮助并退出。"),
    "Show the version and exit.": N_("显示版本并退出。"),
    "default: {default}": N_("默认：{default}"),
    "required": N_("必填"),
    "env var: {var}": N_("环境变量：{var}"),
    "(dynamic)": N_("（动态）"),
    "deprecated": N_("已弃用"),
    "Aborted!": N_("已中止！"),
    "Error: {message}": N_("错误：{message}"),
    "Try '{command} {option}' for help.": N_("运行 '{command} {option}' 查看帮助。"),
    "No such option {name!r}.": N_("没有选项 {name!r}。"),
    "No such command {name!r}.": N_("没有命令 {name!r}。"),
    "Did you mean {possibility}?": N_("是否想用 {possibility}？"),
    "(Did you mean one of: {possibilities}?)": N_("（是否想用其中之一：{possibilities}？）"),
    "Missing command.": N_("缺少命令。"),
    "Missing argument": N_("缺少参数"),
    "Missing option": N_("缺少选项"),
    "Missing parameter": N_("缺少参数或选项"),
    "Missing {param_type}": N_("缺少{param_type}"),
    "Missing parameter: {param_name}": N_("缺少参数或选项：{param_name}"),
    "Got unexpected extra argument ({args})": N_("多余的参数（{args}）"),
    "Got unexpected extra arguments ({args})": N_("多余的参数（共多个：{args}）"),
    "Invalid value: {message}": N_("无效的值：{message}"),
    "Invalid value for {param_hint}: {message}": N_("{param_hint} 的值无效：{message}"),
    "Option {name!r} does not take a value.": N_("选项 {name!r} 不接受值。"),
    "Option {name!r} requires an argument.": N_("选项 {name!r} 需要一个值。"),
    "Option {name!r} requires {nargs} arguments.": N_("选项 {name!r} 需要 {nargs} 个值。"),
    "Argument {name!r} takes {nargs} values.": N_("参数 {name!r} 需要 {nargs} 个值。"),
    "Takes {nargs} values but 1 was given.": N_("需要 {nargs} 个值，只给出了 1 个。"),
    "Takes {nargs} values but {len} were given.": N_("需要 {nargs} 个值，给出了 {len} 个。"),
    "Value must be an iterable.": N_("值必须是一组值。"),
    "Could not open file {filename!r}: {message}": N_("无法打开文件 {filename!r}：{message}"),
    "unknown error": N_("未知错误"),
    "Choose from:\n\t{choices}": N_("可选：\n\t{choices}"),
    "{value!r} is not {choice}.": N_("{value!r} 不是 {choice}。"),
    "{value!r} is not one of {choices}.": N_("{value!r} 不是 {choices} 之一。"),
    "{value!r} is not a valid {number_type}.": N_("{value!r} 不是有效的{number_type}。"),
    "{value} is not in the range {range}.": N_("{value} 不在范围 {range} 内。"),
    "{value!r} is not a valid boolean. Recognized values: {states}":
        N_("{value!r} 不是有效的布尔值。可用的值：{states}"),
    "file": N_("文件"),
    "directory": N_("文件夹"),
    "path": N_("路径"),
    # The names of click's number types, said in the message above.
    "integer": N_("整数"),
    "float": N_("小数"),
    "integer range": N_("范围内的整数"),
    "float range": N_("范围内的小数"),
    "{name} {filename!r} does not exist.": N_("{name} {filename!r} 不存在。"),
    "{name} {filename!r} is a file.": N_("{name} {filename!r} 是文件。"),
    "{name} {filename!r} is a directory.": N_("{name} {filename!r} 是文件夹。"),
    "{name} {filename!r} is not readable.": N_("{name} {filename!r} 不可读。"),
    "{name} {filename!r} is not writable.": N_("{name} {filename!r} 不可写。"),
    "{name} {filename!r} is not executable.": N_("{name} {filename!r} 不可执行。"),
    # The words of a usage line: click writes them, not through gettext.
    "[OPTIONS]": N_("[选项]"),
    "COMMAND [ARGS]...": N_("<命令> [参数]..."),
    "TEXT": N_("<文本>"),
    "PATH": N_("<路径>"),
    "FILE": N_("<文件>"),
    "DIRECTORY": N_("<文件夹>"),
    "FILENAME": N_("<文件名>"),
    "INTEGER": N_("<整数>"),
    "FLOAT": N_("<小数>"),
    "BOOLEAN": N_("<布尔值>"),
}

_RUN_LANG: ContextVar[str | None] = ContextVar("coopkg_cli_lang", default=None)
# click's number types, whose `name` click says in "… is not a valid integer".
_NUMBER_TYPES = ("IntParamType", "FloatParamType", "IntRange", "FloatRange")
# The click modules that compose texts with gettext (`_`, `ngettext` bound at import).
_CLICK_MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting",
                  "click.parser", "click.types", "click.termui")


def locale_lang() -> str:
    """The language where no --lang is given: English where the locale says so
    (COOPKG_LANG, LC_ALL, LC_MESSAGES, LANG), else Chinese."""
    for var in ("COOPKG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def run_lang(args: Sequence[str]) -> str:
    """The language of a run: the last `--lang` on its command line (`--lang en` or
    `--lang=en`, the group's or the command's), else the locale."""
    lang: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = (args[i + 1] if arg == "--lang" and i + 1 < len(args)
                 else arg.partition("=")[2] if arg.startswith("--lang=") else None)
        if value in LANGS:
            lang = value
    return lang or locale_lang()


def current_lang() -> str:
    """The language of the run under way (outside one, the locale's)."""
    return _RUN_LANG.get() or locale_lang()


def say(text: str, lang: str) -> str:
    """A text of the command line in `lang`: click's words through `CLICK`, a help text
    through the catalogue, anything else (a name, a value) as it is."""
    known = CLICK.get(text)
    if known is not None:
        return known.msgid if lang == "zh" else text
    return _(text, lang)


def _gettext(message: str) -> str:
    return say(message, "zh")


def _ngettext(singular: str, plural: str, n: int) -> str:
    return say(singular if n == 1 else plural, "zh")


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Run the command line in `lang`: help and click's texts in that language. For
    Chinese, click's modules are given the catalogue's gettext until the run ends (English
    is click's own text, left as it is)."""
    token = _RUN_LANG.set(lang)
    saved: list[tuple[object, str, Callable[..., str]]] = []
    if lang == "zh":
        for name in _CLICK_MODULES:
            module = sys.modules.get(name)
            for attr, ours in (("_", _gettext), ("ngettext", _ngettext)):
                if module is not None and callable(getattr(module, attr, None)):
                    saved.append((module, attr, getattr(module, attr)))
                    setattr(module, attr, ours)
        for name in _NUMBER_TYPES:
            kind = getattr(click.types, name)
            if isinstance(vars(kind).get("name"), str):
                saved.append((kind, "name", kind.name))
                kind.name = say(kind.name, "zh")
    try:
        yield
    finally:
        for module, attr, theirs in reversed(saved):
            setattr(module, attr, theirs)
        _RUN_LANG.reset(token)


class SpeakingArgument(click.Argument):
    """An argument whose name (its metavar: `<文件>...` / FILES...) is said in the run's
    language in usage, help and errors. Declare it `metavar=H_("<…>")`, or leave click's
    type word (TEXT, DIRECTORY), which `CLICK` says."""

    def make_metavar(self, ctx: click.Context) -> str:
        return say(super().make_metavar(ctx), current_lang())

    @property
    def human_readable_name(self) -> str:
        return say(super().human_readable_name, current_lang())


class SpeakingPath(click.Path):
    """A path whose kind (file, directory, path) its errors say in the run's language:
    click names it once, in English, when the command is declared."""

    @property
    def name(self) -> str:
        return say(self._kind, current_lang())

    @name.setter
    def name(self, value: str) -> None:
        self._kind = value

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        return say(self._kind.upper(), current_lang())  # FILE, DIRECTORY, PATH


def _said_param(param: click.Parameter, ctx: click.Context, lang: str) -> click.Parameter:
    """A copy of `param` whose help, metavar and shown default are in `lang`."""
    said = copy.copy(param)
    help_ = getattr(param, "help", None)
    if help_:
        said.help = say(help_, lang)
    metavar = param.make_metavar(ctx)
    said.metavar = say(metavar, lang)
    shown = getattr(param, "show_default", None)
    if isinstance(shown, str):
        said.show_default = say(shown, lang)  # type: ignore[attr-defined]
    return said


# A CJK character (or full-width punctuation), a run of spaces, or a run of anything else
# (a Latin word, an option name, a path): the pieces a Chinese line may break between.
_PIECE = re.compile(r"\s+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
                    r"\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|.")
_NO_LINE_START = frozenset("，。、；：？！）》」』”’…】")


def columns(text: str) -> int:
    """How many terminal columns `text` takes: two for a wide (CJK) character, none for a
    combining one, else one. click counts characters, which misaligns Chinese."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in text)


def _joined(lines: Sequence[str]) -> str:
    """The lines of a paragraph as one: joined by a space, but not between two CJK pieces."""
    out = ""
    for line in (ln.strip() for ln in lines):
        wide = out and line and columns(out[-1]) == 2 and columns(line[0]) == 2
        out += line if not out or wide else " " + line
    return out


def _fill(text: str, width: int, indent: str) -> list[str]:
    """`text` in lines of at most `width` columns, `indent` included: broken at spaces or
    between CJK characters, never before closing punctuation (the character before it goes
    to the next line with it), never inside a Latin word (a longer word overflows)."""
    lines: list[str] = []
    line: list[str] = []
    room = width - columns(indent)
    for piece in _PIECE.findall(text):
        if piece.isspace():
            if line:  # as written (click puts two before "[default: …]")
                line.append(piece.replace("\n", " "))
            continue
        if line and columns("".join(line) + piece) > room:
            carry: list[str] = []
            if piece[0] in _NO_LINE_START:
                while line and line[-1][0] in _NO_LINE_START:
                    carry.insert(0, line.pop())
                if len(line) > 1 and not line[-1].isspace():
                    carry.insert(0, line.pop())
            if line:
                lines.append(indent + "".join(line).rstrip())
            line = carry
        line.append(piece)
    lines.append(indent + "".join(line).rstrip())
    return lines


def _wrap(text: str, width: int, indent: str = "") -> str:
    """click's `wrap_text` with paragraphs kept, measured in columns: paragraphs split at
    empty lines, each indented as its first line, and one opening with a `\\b` line left
    as written."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text.expandtabs()):
        lines = block.split("\n")
        if lines and lines[0].strip() == "\b":
            paragraphs.append("\n".join(indent + ln for ln in lines[1:]))
        elif any(ln.strip() for ln in lines):
            first = next(ln for ln in lines if ln.strip())
            pad = indent + " " * (len(first) - len(first.lstrip()))
            paragraphs.append("\n".join(_fill(_joined(lines), width, pad)))
    return "\n\n".join(paragraphs)


class _Formatter(click.HelpFormatter):
    """Chinese headings and usage end in a full-width colon, with no space after it; Chinese
    text is wrapped and the option column aligned by terminal columns, not characters."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and current_lang() == "zh":
            prefix = say("Usage:", "zh")
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if current_lang() != "zh":
            return super().write_heading(heading)
        self.write(f"{'':>{self.current_indent}}{heading}：\n")
        return None

    def write_text(self, text: str) -> None:
        if current_lang() != "zh":
            return super().write_text(text)
        self.write(_wrap(text, self.width, " " * self.current_indent) + "\n")
        return None

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        """click's definition list (options, commands), measured in columns."""
        if current_lang() != "zh":
            return super().write_dl(rows, col_max, col_spacing)
        rows = list(rows)
        first_col = min(max((columns(r[0]) for r in rows), default=0), col_max) + col_spacing
        pad = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if columns(first) <= first_col - col_spacing:
                self.write(" " * (first_col - columns(first)))
            else:
                self.write("\n" + pad)
            lines = _wrap(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write((pad + line if line else "") + "\n")
        return None


class _Context(click.Context):
    formatter_class = _Formatter


class _Speaking(click.Command):
    """Help, usage and short help in the run's language."""

    context_class = _Context

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = current_lang()
        said = copy.copy(self)
        said.help = say(self.help, lang) if self.help else self.help
        said.short_help = say(self.short_help, lang) if self.short_help else self.short_help
        said.epilog = say(self.epilog, lang) if self.epilog else self.epilog
        said.params = [_said_param(p, ctx, lang) for p in self.get_params(ctx)]
        said.get_params = lambda ctx: said.params  # type: ignore[method-assign]
        super(_Speaking, said).format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        lang = current_lang()
        said = copy.copy(self)
        said.help = say(self.help, lang) if self.help else self.help
        said.short_help = say(self.short_help, lang) if self.short_help else self.short_help
        if lang == "en" or said.short_help or not said.help:
            return super(_Speaking, said).get_short_help_str(limit)
        # click shortens at spaces, which Chinese has few of: the first sentence, cut
        # at the limit where it is longer
        first = " ".join(said.help.split("\n\n", 1)[0].split())
        sentence = first.split("。", 1)[0] + ("。" if "。" in first else "")
        return sentence if len(sentence) <= limit else sentence[:limit - 1] + "…"

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        lang = current_lang()
        return [say(piece, lang) for piece in super().collect_usage_pieces(ctx)]


class SpeakingCommand(_Speaking):
    """A command whose help and usage speak the run's language."""


class SpeakingGroup(_Speaking, click.Group):
    """A group whose help and usage speak the run's language; as the entry point, it sets
    the language of the whole run."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        with speaking(run_lang(sys.argv[1:] if args is None else list(args))):
            return super().main(args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=standalone_mode, **extra)
