"""The `coopkg` command: build the graph from a guide, query it, export it, serve it.

Exit codes, as pySHACL's: 0 success (a proposal conforms); 1 a proposal has a violation
(validate, proposals import); 2 unusable input, a usage error or a runtime error (an
unreadable guide, a refused query, a missing store), said in one line, never a traceback.
Settings come from COOPKG_* variables (coopkg.server.settings), read once per command.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn

import click
import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from coopkg import __version__
from coopkg.clitext import (
    H_,
    SpeakingArgument,
    SpeakingCommand,
    SpeakingGroup,
    SpeakingPath,
    locale_lang,
)
from coopkg.errors import (
    CoopkgError,
    GuideFinding,
    GuideParseError,
    InputError,
    NotUtf8,
    QueryError,
)
from coopkg.i18n import LANGS, N_, _, render
from coopkg.server.settings import Settings, unknown_names

if TYPE_CHECKING:  # imported where they are used: `--help` stays fast
    from coopkg.graph.store import Store
    from coopkg.labels import Labels
    from coopkg.pipeline import GuideReport
    from coopkg.shapes.validate import Validator

__all__ = ["main"]

DEFAULT_STORE = ".coopkg/store"
_err = Console(stderr=True, highlight=False, soft_wrap=True)
_out = Console(highlight=False, soft_wrap=True)


def _settings() -> Settings:
    """The settings this command runs with (read once, by the group)."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    if root is None or not isinstance(root.obj, Settings):
        return Settings.from_env()
    return root.obj


_store_option = click.option(
    "--store", "store_dir", default=lambda: _settings().store or DEFAULT_STORE,
    show_default=H_(".coopkg/store，或 COOPKG_STORE"),
    help=H_("图存储：一个目录（嵌入式存储）或 SPARQL 1.1 服务器的 URL（环境变量 COOPKG_STORE）。"))
_locale_lang = locale_lang


def _lang() -> str:
    """The language of this command's messages: its --lang, the group's --lang, else the
    locale."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.params.get("lang"):
            return str(ctx.params["lang"])
        ctx = ctx.parent
    return _locale_lang()


def _t(msgid: str, **params: object) -> str:
    """A message of the catalogue in this command's language."""
    return _(msgid, _lang(), **params)


def _error_line(message: str) -> str:
    from rich.markup import escape

    label = _t("错误：")
    return f"[bold red]{escape(label)}[/]{escape(message)}"


def _fail(message: str) -> NoReturn:
    _err.print(_error_line(message), markup=True, highlight=False)
    sys.exit(2)


def _guarded(run: Callable[[], object]) -> object:
    """Run a command, turning every error into one line and exit code 2: the errors
    coopkg raises on purpose say what to do; anything else is a bug, whose traceback goes
    to a file the line names (a user never sees one)."""
    try:
        return run()
    except CoopkgError as e:  # unusable input: every problem on a line of its own
        problems = e.problems if isinstance(e, InputError) else [e]
        for p in problems[:-1]:
            _err.print(_error_line(p.message(_lang())), markup=True, highlight=False)
        _fail(problems[-1].message(_lang()))
    except FileNotFoundError as e:
        _fail(_t("没有这个文件：{name}", name=e.filename or e))
    except BrokenPipeError:  # the reader went away (`coopkg queries | head`): nothing wrong
        devnull = os.open(os.devnull, os.O_WRONLY)  # so the exit's flush does not fail too
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except (click.exceptions.Exit, click.ClickException, click.Abort):
        raise
    except Exception as e:  # a bug: said in one line, the traceback kept in a file
        with tempfile.NamedTemporaryFile("w", prefix="coopkg-error-", suffix=".txt",
                                         delete=False, encoding="utf-8") as log:
            traceback.print_exc(file=log)
        _fail(_t("内部错误（{kind}），这是 coopkg 的缺陷，请报告；详情见 {file}",
                 kind=type(e).__name__, file=log.name))


class _Command(SpeakingCommand):
    """A command whose errors are said by `_guarded`, in the command's own language."""

    def invoke(self, ctx: click.Context) -> object:
        return _guarded(lambda: super(_Command, self).invoke(ctx))


class _Group(SpeakingGroup):
    """The group, and its groups: their own errors (settings) said the same way."""

    command_class = _Command

    def invoke(self, ctx: click.Context) -> object:
        return _guarded(lambda: super(_Group, self).invoke(ctx))


_Group.group_class = _Group


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, help=H_(
    "中国政府间国际科技创新合作指南的知识图谱。\n\n"
    "\b\n常用：\n"
    "  coopkg build                      根据内置的 2021 年指南构建知识图谱\n"
    "  coopkg query totals               运行一个命名查询（见 coopkg queries）\n"
    "  coopkg query 'SELECT …'           运行任意 SPARQL 查询\n"
    "  coopkg export --format trig       导出整个数据集\n"
    "  coopkg validate proposal.json     按所申报方向的要求检查申报书\n"
    "  coopkg eligible consortium.json   一个联合体可以申报哪些方向\n"
    "  coopkg requirements               每条要求及其核查方式\n"
    "  coopkg serve                      在 http://127.0.0.1:8000 提供 SPARQL 端点和网页\n\n"
    "\b\n退出码：0 成功（符合要求），1 有申报书不符合要求，\n"
    "        2 输入无法使用、用法错误或运行错误。"))
@click.version_option(__version__, prog_name="coopkg", message="%(prog)s %(version)s")
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help=H_("消息和帮助的语言：zh 或 en（默认取自 COOPKG_LANG、LC_ALL、LC_MESSAGES "
                      "或 LANG：en… 为英文，否则为中文）。"))
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    """The group: reads the settings once for every command (the help is `H_` above, in
    the catalogue)."""
    ctx.obj = Settings.from_env()
    for name in unknown_names():
        _err.print(_("警告：{name} 不是 coopkg 的设置，已忽略", lang or _locale_lang(), name=name),
                   markup=False)


_OPENED: list[Store] = []  # the stores this run opened: `run` closes them


def _open_store(location: str, *, write: bool = False) -> Store:
    """The store to read (through its latest snapshot, so any number of commands run beside
    a server) or to write (holding the database: one writer at a time)."""
    from coopkg.graph.locate import open_store

    store = open_store(location, mode="write" if write else "read", must_exist=not write)
    _OPENED.append(store)
    return store


def run() -> NoReturn:
    """The `coopkg` command as installed: `main`, then, if the command opened a store, the
    store closed and the process ended at once rather than by tearing the interpreter down,
    which frees object by object what a build or a load made (a third of a second after the
    bundled guide's build, every file long written and closed). The normal exit is kept
    while a thread or child process of the command is still running. Tests call `main`."""
    import multiprocessing
    import threading

    try:
        main()
        code = 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            code = e.code or 0
        else:  # as Python's own exit says it
            print(e.code, file=sys.stderr)
            code = 1
    others = [t for t in threading.enumerate()
              if t is not threading.main_thread() and not t.daemon and t.is_alive()]
    if not _OPENED or others or multiprocessing.active_children():
        sys.exit(code)
    for store in _OPENED:
        with contextlib.suppress(Exception):  # what could go wrong was said by the command
            store.close()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


@main.command(help=H_("构建知识图谱：本体、参考数据、指南和 OWL 2 RL 闭包。"))
@click.option("--guide", "guides", multiple=True,
              type=SpeakingPath(dir_okay=False, path_type=Path),
              help=H_("要载入的指南文本（可重复）。默认：内置的 2021 年第一批指南。"))
@_store_option
@click.option("--strict", is_flag=True, help=H_("把每条载入警告都当作错误。"))
@click.option("--keep-going", is_flag=True,
              help=H_("存储能读通的方向，并列出被略去的方向（编号、行、原因）；不加此项时，"
                      "有任何错误的指南都被拒绝，什么也不存储。"))
@click.option("--quiet", "-q", is_flag=True, help=H_("只显示警告和错误。"))
def build(guides: tuple[Path, ...], store_dir: str, strict: bool, keep_going: bool,
          quiet: bool) -> None:
    """Build the graph (the help is `H_` above, in the catalogue)."""
    from coopkg.pipeline import build as run_build

    store = _open_store(store_dir, write=True)
    try:
        with _err.status(_t("正在构建…")) as status:
            report = run_build(store, list(guides), strict=strict, keep_going=keep_going,
                               progress=lambda m: status.update(render(m, _lang())))
    except GuideParseError as e:
        for w in e.warnings:
            _say_finding(w)
        raise
    for g in report.guides:
        for n in g.notices:
            if n.level == "warning":
                _say_finding(n)
        if g.left_out:
            _say_left_out(g)
        if not quiet:
            _err.print(_t("指南 {guide}：{directions} 个方向，{triples} 个三元组（{source}）",
                          guide=g.guide_id, directions=g.directions, triples=g.triples,
                          source=g.source), markup=False)
    if not quiet:
        for name, size in report.graphs.items():
            _err.print(_t("  {graph}  {triples} 个三元组", graph=name, triples=size),
                       markup=False)
        _err.print(_t("存储 {store}：共 {triples} 个三元组", store=store.location,
                      triples=report.total), markup=False)


def _say_finding(finding: GuideFinding) -> None:
    """A loader finding on one line: its level, where and what (its code is for programs:
    `GuideParseError.findings`)."""
    label = _t("错误：") if finding.level == "error" else _t("警告：")
    _err.print(label + finding.render(_lang()), markup=False)


def _say_left_out(g: GuideReport) -> None:
    """The directions --keep-going left out, each with its errors, and what that does to
    the guide's totals: its stated figures count the directions left out, the store not."""
    for d in g.left_out:
        _err.print(_t("已略去方向 {code}（第 {line} 行，{title}）：", code=d.code, line=d.line,
                      title=d.title), markup=False)
        for e in d.errors:
            _err.print("  " + e.render(_lang()), markup=False)
    h = g.headline
    stated = _t("未写明") if h is None or h.directions is None else str(h.directions)
    _err.print(_t("指南 {guide}：{n} 个方向被略去，存储的是其余 {kept} 个；指南写明的总数"
                  "（{stated} 个方向、{projects} 个项目、{budget} 元）包括被略去的方向，"
                  "存储的方向合计 {kept_projects} 个项目、{kept_budget} 元",
                  guide=g.guide_id, n=len(g.left_out), kept=g.directions, stated=stated,
                  projects=_t("未写明") if h is None or h.projects is None else h.projects,
                  budget=_t("未写明") if h is None or h.budget is None else h.budget.value,
                  kept_projects=g.projects_max, kept_budget=g.budget_cny), markup=False)


@main.command(help=H_("运行 <查询>：SPARQL 文本、.rq 文件或内置查询的名称。"))
@click.argument("query", cls=SpeakingArgument, metavar=H_("<查询>"))
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True, help=H_("SELECT 结果的输出格式。"))
@click.option("--param", "params", multiple=True, metavar=H_("<名称>=<值>"),
              help=H_("绑定一个查询变量（可重复）：字符串，或以 <IRI> 表示 IRI。"))
def query(query: str, store_dir: str, fmt: str, params: tuple[str, ...]) -> None:
    """Run QUERY: SPARQL text, a .rq file, or the name of a bundled query."""
    from coopkg.queries import parameters, resolve
    from coopkg.results import plain, render, table

    try:
        label, text = resolve(query)
    except UnicodeDecodeError as e:
        raise NotUtf8(N_("不是 UTF-8 文本：第 {offset} 个字节无法读取", offset=e.start),
                      source=query) from None
    bindings: dict[str, ox.NamedNode | ox.Literal] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise click.BadParameter(_t("{item} 不是 NAME=VALUE 的形式", item=repr(item)),
                                     param_hint="--param")
        term = (ox.NamedNode(value[1:-1]) if value.startswith("<") and value.endswith(">")
                else ox.Literal(value))
        bindings[name] = term
    declared = parameters(text)
    unknown = [v for v in bindings if declared and v not in declared]
    if unknown:
        raise click.UsageError(_t("{query} 没有参数 {name}（它的参数：{known}）", query=label,
                                  name=repr(unknown[0]), known=", ".join(declared)))
    missing = [n for n, required in declared.items()
               if required and n not in bindings]
    if missing:
        raise click.UsageError(_t("{query} 需要 --param {name}=VALUE", query=label,
                                  name=missing[0]))
    from coopkg.server.policy import check_query
    from coopkg.sparqltext import check_nesting, query_form

    check_nesting(text)  # before any parser sees it, as the server does
    store = _open_store(store_dir)
    # The server's policy: nothing outside the store is fetched (SERVICE, LOAD, FROM).
    check_query(text, has_graph=store.has_graph, services=_settings().service_allowlist)
    form = query_form(text)
    try:
        if fmt != "table" and form == "SELECT":
            media = {"csv": "text/csv", "tsv": "text/tab-separated-values",
                     "json": "application/sparql-results+json"}[fmt]
            store.query_to(text, sys.stdout.buffer, media, bindings=bindings)
            sys.stdout.buffer.flush()
            return
        result = store.query(text, bindings=bindings)
    except QueryError as e:
        raise type(e)(f"{label}: {e}") from None
    if isinstance(result, (bool, list)):
        out = render(result, fmt)
        if isinstance(out, bytes):
            sys.stdout.buffer.write(out)
        else:
            click.echo(out)
        return
    rows = [[plain(row.get(n)) for n in result.variables] for row in result]
    _out.print(table(result.variables, rows, width=_out.width))
    _err.print(_t("{n} 行", n=len(rows)) if len(rows) != 1 else _t("1 行"))


@main.command("queries", help=H_("列出内置的命名查询（集成查询也在内，按组）及各自回答的问题。"))
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help=H_("消息的语言（默认：命令组的 --lang，否则取自区域设置）。"))
def list_queries(lang: str | None) -> None:
    """List the bundled named queries, by group (the help is `H_` above)."""
    from coopkg.queries import GROUPS, named, title

    lang = _lang()
    order = sorted(GROUPS, key=lambda g: g != "integration")  # what joins data first
    groups = [(None, named()), *((g, named(g)) for g in order)]
    width = max(len(f"{g}/{n}" if g else n) for g, queries in groups for n in queries)
    for i, (group, queries) in enumerate(groups):
        heading = _QUERY_GROUPS.get(group or "")
        click.echo(("\n" if i else "") + (heading.render(lang) if heading else str(group)))
        for name, path in queries.items():
            spec = f"{group}/{name}" if group else name
            click.echo(f"  {spec:{width}}  {title(path, lang)}")


@main.command("search", help=H_(
    "全文检索（中文和英文）指南所印的内容：方向标题、研究领域及其说明、合作协议、"
    "申报要求（及其英文）、GEO 子方向。最佳匹配在前，每条附所匹配的段落。中文可在更长的文字中"
    "找到（氢能 见于 氢能燃料电池技术）；英文按整词、不分大小写。每个词都须找到。"
    "索引随指南一起构建：见 docs/search.md。"))
@click.argument("text", cls=SpeakingArgument)
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help=H_("table 供人阅读，json 供程序使用。"))
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help=H_("名称、摘录和消息的语言（默认：命令组的 --lang，否则取自区域设置）。"
                      "检索本身同时覆盖中文和英文。"))
@click.option("--guide", "guide_id", default=None, help=H_("只检索这份指南的方向。"))
def search_command(text: str, store_dir: str, fmt: str, lang: str | None,
                   guide_id: str | None) -> None:
    """Search the guides' texts (the help is `H_` above, in the catalogue)."""
    import json

    from coopkg.graph.search import search

    lang = _lang()
    store = _open_store(store_dir)
    hits = search(store, text, lang=lang, guide=guide_id)
    if fmt == "json":
        click.echo(json.dumps({"results": [h.as_dict(lang) for h in hits]},
                              ensure_ascii=False, indent=2))
        return
    if not hits:
        _err.print(_t("没有找到“{text}”", text=text), markup=False)
        return
    from coopkg.results import table

    _out.print(table([_t("方向"), _t("名称"), _t("摘录"), _t("得分")],
                     [[h.direction, h.label(lang), h.snippet, f"{h.score:g}"] for h in hits],
                     width=_out.width))
    _err.print(_t("共 {n} 条结果", n=len(hits)), markup=False)


# The headings of `coopkg queries`: the groups of coopkg.queries.GROUPS, and the rest.
_QUERY_GROUPS = {
    "": N_("关于指南的查询（coopkg query <名称>）"),
    "integration": N_("集成查询：指南与并列载入的数据（coopkg query integration/<名称>）"),
    "views": N_("视图：以其他词表表示的数据集（coopkg export --view <名称>）"),
}


@main.command(help=H_("以 RDF 导出数据集、一个命名图或数据集的一个视图。"))
@_store_option
@click.option("--format", "fmt", default=None,
              type=click.Choice(["turtle", "trig", "ntriples", "nquads", "jsonld", "rdfxml"]),
              help=H_("序列化格式（默认 trig；视图默认 turtle）。三元组格式会合并各图。"))
@click.option("--graph", "graph",
              help=H_("一个命名图：IRI，或 ontology | reference | inferred | guide/<id>"
                      "（如 guide/2021-1）。默认：整个数据集。"))
@click.option("--view", "view", help=H_("改为导出一个命名视图：schema-org、eurio 或 dcat"
              "（queries/views），格式可用 turtle、ntriples、jsonld 或 rdfxml。"))
@click.option("--output", "-o", type=SpeakingPath(dir_okay=False, path_type=Path),
              help=H_("写入此文件，而不是标准输出。"))
def export(store_dir: str, fmt: str | None, graph: str | None, view: str | None,
           output: Path | None) -> None:
    """Write the dataset, one named graph, or a view of the dataset, as RDF."""
    from coopkg import views

    if view and (graph or fmt not in (None, *views.VIEW_FORMATS)):
        raise click.UsageError(_t("视图是一个图：不能与 --graph 同用，格式可用 {formats}",
                                  formats=", ".join(views.VIEW_FORMATS)))
    store = _open_store(store_dir)
    name = _graph_name(graph) if graph else None

    def write(out: BinaryIO) -> None:
        if view:
            out.write(views.serialise(views.construct(store, view), fmt or "turtle"))
        else:
            store.dump(out, fmt or "trig", graph=name)

    if output:
        with output.open("wb") as out:
            write(out)
        _err.print(_t("已写入 {n} 字节到 {file}", n=output.stat().st_size, file=output),
                   markup=False)
    else:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()


def _graph_name(graph: str) -> str:
    """A graph named by its IRI, or by its path under the dataset (guide/2021-1)."""
    from coopkg.vocab import BASE

    absolute = graph.startswith(("http://", "https://", "urn:"))
    return graph if absolute else f"{BASE}graph/{graph.strip('/')}"


@main.command(help=H_("通过 SPARQL 和网页提供知识图谱（存储为空时先根据内置指南构建）。"))
@_store_option
@click.option("--host", default=lambda: _settings().host, show_default="127.0.0.1",
              help=H_("监听的地址（环境变量 COOPKG_HOST）。"))
@click.option("--port", default=lambda: _settings().port, show_default="8000", type=int,
              help=H_("监听的端口（环境变量 COOPKG_PORT）。"))
def serve(store_dir: str, host: str, port: int) -> None:
    """Serve the graph over SPARQL (builds it from the bundled guide if the store is empty)."""
    import uvicorn

    from coopkg.pipeline import build as run_build
    from coopkg.server.app import create_app

    store = _open_store(store_dir, write=True)
    if store.is_empty():
        with _err.status(_t("正在根据内置指南构建知识图谱…")) as status:
            run_build(store, progress=lambda m: status.update(render(m, _lang())))
    settings = dataclasses.replace(_settings(), host=host, port=port, store=store_dir)
    _err.print(_t("正在提供 {store}：http://{host}:{port}/sparql", store=store.location, host=host,
                  port=port), markup=False)
    with _serving(store_dir, f"http://{host}:{port}"):
        uvicorn.run(create_app(settings, store=store), host=host, port=port, log_level="info")


@contextlib.contextmanager
def _serving(store_dir: str, url: str) -> Iterator[None]:
    """Tell other coopkg commands who serves this store (so a write refused because the
    server holds the store can say where to send it instead)."""
    import json

    marker = Path(store_dir) / "serving.json"
    local = not store_dir.startswith(("http://", "https://"))
    if local:
        marker.write_text(json.dumps({"pid": os.getpid(), "url": url}), "utf-8")
    try:
        yield
    finally:
        if local:
            marker.unlink(missing_ok=True)


def _severity(severity: str, lang: str, labels: Labels) -> str:
    """A severity as a fixed-width word in the chosen language: the graph's label."""
    word = labels.severity(severity, lang)
    return f"{word:9}" if lang == "en" else f"{word}{'　' * (3 - len(word))}"


def _labels(store: Store) -> Labels:
    from coopkg.labels import Labels

    return Labels.read(store)


_guide_option = click.option(
    "--guide", "guide_id", default=None,
    help=H_("指南，以其在存储中的编号指明（如 2021-1；`coopkg graphs` 列出 guide/<编号> 各图）。"
            "默认：存储中最新的指南。"))


def _guide(store: Store, guide_id: str | None) -> str:
    """The guide asked for (it must be in the store), else the store's newest."""
    from coopkg.guides import choose_guide

    return choose_guide(store, guide_id)


def _validators(store: Store, guide_ids: set[str]) -> dict[str, Validator]:
    from coopkg.shapes import load_validator

    return {gid: load_validator(store, gid) for gid in sorted(guide_ids)}


_REPORTS = ("csv", "csv-summary", "pdf")


@main.command(help=H_(
    "按所申报方向的要求验证申报书（JSON、JSON-LD 或 RDF 文件）。\n\n"
    "\b\n"
    "退出码：0 没有申报书不符合要求（警告和提示照常列出），\n"
    "        1 有申报书不符合要求，2 输入（或存储）无法使用。"))
@click.argument("files", nargs=-1, required=True, cls=SpeakingArgument, metavar=H_("<文件>..."),
                type=SpeakingPath(dir_okay=False, path_type=Path))
@_store_option
@_guide_option
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json", "turtle", *_REPORTS]),
              help=H_("text 供人阅读，json 供程序使用，turtle 为标准的 SHACL 验证报告；"
                      "csv（每条发现一行）、csv-summary（每份申报书一行）和 pdf 为与服务器"
                      "提供的相同的报告文件。"))
@click.option("--output", "-o", type=SpeakingPath(dir_okay=False, path_type=Path),
              help=H_("写入此文件，而不是标准输出（pdf 不写到终端）。"))
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help=H_("消息和报告的语言（默认：命令组的 --lang，否则取自区域设置）。"))
def validate(files: tuple[Path, ...], store_dir: str, guide_id: str | None, fmt: str,
             output: Path | None, lang: str) -> None:
    """Validate proposals (the help is `H_` above, in the catalogue)."""
    import json

    from coopkg.shapes.proposals import read_proposal_files

    lang = _lang()
    if fmt == "pdf" and output is None and sys.stdout.isatty():
        raise click.UsageError(_t("PDF 报告不能显示在终端上：请用 --output 文件名 写入文件，"
                                  "或把标准输出重定向到文件"))
    store = _open_store(store_dir)
    # A direction code in a proposal that names no guide is one of the chosen guide's.
    proposals = read_proposal_files(list(files), guide=_guide(store, guide_id))
    from coopkg.shapes.validate import report_all, validate_all

    validators = _validators(store, {p.guide_id for p in proposals})
    if fmt == "turtle":
        report, conforms = report_all(proposals, validators.__getitem__)
        _write_out(report.serialize(format="turtle") + "\n", output)
        sys.exit(0 if conforms else 1)
    results = validate_all(proposals, validators.__getitem__, workers=os.cpu_count() or 1)
    if fmt == "json":
        _write_out(json.dumps({"results": [r.as_dict() for r in results]},
                              ensure_ascii=False, indent=2) + "\n", output)
    elif fmt in _REPORTS:
        from coopkg.reports import detailed_csv, pdf_report, summary_csv

        labels = _labels(store)

        def severity(s: str) -> str:
            return labels.severity(s, lang)

        guide = ", ".join(sorted({p.guide_id for p in proposals}))
        _write_out(pdf_report(results, lang=lang, severity=severity, guide=guide)
                   if fmt == "pdf" else
                   (summary_csv if fmt == "csv-summary" else detailed_csv)(
                       results, lang=lang, severity=severity), output)
    else:
        labels = _labels(store)
        lines = []
        for r in results:
            mark = "✓" if r.conforms else "✗"
            verdict = _t("符合要求") if r.conforms else _t("不符合要求")
            lines.append(f"{mark} {r.proposal}  [{r.direction or '?'}]  {verdict}  "
                         f"({r.source})")
            lines.extend(f"    {_severity(f.severity, lang, labels)} {f.requirement:16} "
                         f"{f.message(lang)}" for f in r.findings)
        _write_out("".join(f"{line}\n" for line in lines), output)
    sys.exit(0 if all(r.conforms for r in results) else 1)


def _write_out(body: str | bytes, output: Path | None) -> None:
    """A command's result, to standard output or to the file --output names (said on
    standard error)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    output.write_bytes(data)
    _err.print(_t("已写入 {n} 字节到 {file}", n=len(data), file=output), markup=False)


_METHODS = {"manual": N_("人工核查"), "informational": N_("仅为说明"),
            "covered": N_("由其他规则覆盖")}


@main.command(help=H_(
    "列出每个方向的每条要求及其核查方式（规则或人工）。\n\n"
    "\b\n"
    "每行是一个条款（或隐含的要求），并说明如何核查：\n"
    "SHACL Core / SHACL-SPARQL（机器核查）、人工核查（每份申报书都会提醒）、\n"
    "由其他规则覆盖、仅为说明（不约束任何人）。要求的原文为中文，英文为非官方译文。\n"
    "表格最后是合计；--coverage 改为按方向列出合计。"))
@_store_option
@_guide_option
@click.option("--coverage", is_flag=True,
              help=H_("改为列出覆盖情况汇总：每个方向有多少条要求由机器核查、人工核查、由其他"
                      "规则覆盖或仅为说明，合计前后一致。"))
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default="table",
              show_default=True, help=H_("输出格式：table 供人阅读，tsv 和 json 供程序使用。"))
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help=H_("消息的语言（默认：命令组的 --lang，否则取自区域设置）。"))
def requirements(store_dir: str, guide_id: str | None, coverage: bool, fmt: str,
                 lang: str | None) -> None:
    """List every requirement and how it is enforced (the help is `H_` above)."""
    import json

    from coopkg.shapes.coverage import by_direction, totals

    lang = _lang()
    store = _open_store(store_dir)
    guide_id = _guide(store, guide_id)
    (validator,) = _validators(store, {guide_id}).values()
    rows = validator.shapes.coverage
    overall = totals(rows)
    if coverage:
        per = by_direction(rows)
        if fmt == "json":
            click.echo(json.dumps({
                "guide": guide_id, "totals": overall.as_dict(),
                "directions": [{"direction": code, **t.as_dict()} for code, t in per.items()]},
                ensure_ascii=False, indent=2))
            return
        heads = ["direction", "machine_checked", "manual", "covered", "informational", "total"]
        lines = [[code, *(str(v) for v in t.as_dict().values())] for code, t in per.items()]
        lines.append([_t("合计"), *(str(v) for v in overall.as_dict().values())])
        if fmt == "tsv":
            click.echo("\n".join("\t".join(r) for r in [heads, *lines]))
        else:
            from coopkg.results import table

            said = [_t("方向"), _t("机器核查"), _t("人工核查"), _t("由其他规则覆盖"),
                    _t("仅为说明"), _t("合计")]
            _out.print(table(said, lines, width=_out.width))
        return
    english = _requirement_translations(store, guide_id)
    if fmt == "json":
        click.echo(json.dumps({
            "guide": guide_id, "machine_checked": overall.machine_checked,
            "total": overall.total, "totals": overall.as_dict(),
            "requirements": [c.__dict__ | {"why": c.why_in(lang),
                                           "text_en": english.get(c.requirement_id, ""),
                                           "checked": c.checked} for c in rows]},
            ensure_ascii=False, indent=2))
        return
    if fmt == "tsv":  # the text last: the columns before it stay where they were
        click.echo("code\trequirement\tkind\tmodality\tenforced_by\twhy\ttext")
        for c in rows:
            text = english.get(c.requirement_id, "") if lang == "en" else c.text_zh
            click.echo(f"{c.code}\t{c.requirement_id}\t{c.kind}\t{c.modality}\t{c.method}"
                       f"\t{c.why_in(lang)}\t{' '.join(text.split())}")
        _err.print(overall.sentence(lang))  # the rows stay machine-readable
        return
    labels = _labels(store)
    table_ = Table(_t("要求"), _t("原文") if lang == "zh" else _t("要求原文（非官方译文）"),
                   _t("类别"), _t("约束强度"), _t("核查方式"), _t("原因"))
    for c in rows:
        method = _METHODS[c.method].render(lang) if c.method in _METHODS else c.method
        table_.add_row(c.requirement_id,
                       english.get(c.requirement_id, "") if lang == "en" else c.text_zh,
                       labels.notation("requirement-kind", c.kind, lang),
                       labels.notation("modality", c.modality, lang), method, c.why_in(lang))
    _out.print(table_)
    click.echo(overall.sentence(lang))


def _requirement_translations(store: Store, guide_id: str) -> dict[str, str]:
    """requirement id (3.4/2) → the English of its text: the guide's unofficial translation
    as the store holds it (ck:textTranslation, from data/translations)."""
    from coopkg.vocab import BASE, CK, GRAPHS

    prefix = f"{BASE}guide/{guide_id}/direction/"
    rows = store.select(f"""
        SELECT ?r ?en WHERE {{ GRAPH <{GRAPHS.guide(guide_id)}> {{
          ?r <{CK.textTranslation}> ?en . FILTER(LANGMATCHES(LANG(?en), "en"))
          FILTER(STRSTARTS(STR(?r), "{prefix}")) }} }}""")
    from coopkg.results import plain

    return {plain(r["r"]).removeprefix(prefix).replace("/requirement/", "/"): plain(r["en"])
            for r in rows if "/requirement/" in plain(r["r"])}


@main.command(help=H_(
    "逐个方向判断：这个联合体能否申报？\n\n"
    "\b\n"
    "<联合体> 是含 \"participants\" 的 JSON 文件（键与申报书的相同）。\n"
    "每个方向为 eligible（符合）、not_eligible（不符合，列出未满足的要求）或\n"
    "needs_information（需补充信息，列出应补充的事实：未给出的事实从不算作“否”）。\n"
    "开放的方向排在前面。退出码：0 完成，2 输入无法使用。"))
@click.argument("consortium", cls=SpeakingArgument, metavar=H_("<联合体>"),
                type=SpeakingPath(dir_okay=False, path_type=Path))
@_store_option
@_guide_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=H_("输出格式：text 供人阅读，json 供程序使用。"))
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help=H_("消息的语言（默认：命令组的 --lang，否则取自区域设置）。"))
def eligible(consortium: Path, store_dir: str, guide_id: str | None, fmt: str,
             lang: str | None) -> None:
    """For every direction: may this consortium apply? (The help is `H_` above.)"""
    import json

    from coopkg.shapes.eligibility import eligibility, summary

    lang = _lang()
    try:
        data = json.loads(consortium.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _err.print(_error_line(_t("{file}：没有这个文件", file=consortium)), markup=True)
        sys.exit(2)
    except json.JSONDecodeError as e:
        _err.print(_error_line(_t("{file}：不是 JSON：第 {line} 行第 {column} 列：{why}",
                                  file=consortium, line=e.lineno, column=e.colno,
                                  why=e.msg)), markup=True)
        sys.exit(2)
    store = _open_store(store_dir)
    named = data.get("guide") if isinstance(data, dict) else None
    guide_id = _guide(store, guide_id or (named if isinstance(named, str) else None))
    (validator,) = _validators(store, {guide_id}).values()
    rows = eligibility(validator, data, source=str(consortium))
    if fmt == "json":
        click.echo(json.dumps({"guide": guide_id, "results": [r.as_dict() for r in rows]},
                              ensure_ascii=False, indent=2))
        return
    marks = {"eligible": "✓", "needs_information": "?", "not_eligible": "✗"}
    labels = _labels(store)
    to_give = _t("待补充")
    for r in rows:
        click.echo(f"{marks[r.status]} {r.code:5} {r.title(lang)}  [{r.status_label(lang)}]")
        for m in r.missing:
            click.echo(f"      {to_give if lang == 'zh' else f'{to_give:9}'} {m.message(lang)}")
        for f in r.findings:  # each said once
            click.echo(f"      {_severity(f.severity, lang, labels)} {f.requirement:14} "
                       f"{f.message(lang)}")
    click.echo(summary(rows, lang))


@main.command("diff", help=H_(
    "从 <指南A> 到 <指南B> 有何变化：删去、新增和对应的方向。每份指南可以是指南文本文件，"
    "也可以是存储中指南的编号（如 2021-1）。方向按内容（标题、合作方、合作协议）而不是按编号"
    "对应，所以重新编号的方向仍是一项对应；每项对应列出所有不同之处（标题、合作方、合作协议、"
    "领域、项目数、经费、执行期、申报要求）。退出码：0 完成（无论有何差异），2 指南无法读取。"))
@click.argument("guide_a", cls=SpeakingArgument, metavar=H_("<指南A>"))
@click.argument("guide_b", cls=SpeakingArgument, metavar=H_("<指南B>"))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "turtle"]), default="table",
              show_default=True, help=H_("table 供人阅读，json 供程序使用，turtle 为 SPARQL "
                                         "可读的变更集（ck:GuideDiff）。"))
@_store_option
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help=H_("消息的语言（默认：命令组的 --lang，否则取自区域设置）。"))
def diff_guides(guide_a: str, guide_b: str, fmt: str, store_dir: str, lang: str | None) -> None:
    """Compare two guides (the help is `H_` above, in the catalogue)."""
    import json

    from coopkg.diff import aspect_name, diff, guide_from
    from coopkg.i18n import render

    opened: list[Store] = []

    def store() -> Store:
        if not opened:
            opened.append(_open_store(store_dir))
        return opened[0]

    a_iri, a = guide_from(guide_a, store)
    b_iri, b = guide_from(guide_b, store)
    result = diff(a, b, a_iri=a_iri, b_iri=b_iri)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    if fmt == "turtle":
        click.echo(result.as_graph().serialize(format="turtle"))
        return
    lang = _lang()
    kinds = {"removed": _t("删除"), "added": _t("新增"), "renumbered": _t("改编号"),
             "changed": _t("变更")}

    def shown(value: object) -> str:
        if value is None:
            return "—"
        if isinstance(value, list):
            return ("、" if lang == "zh" else ", ").join(value)
        return str(value)

    table_ = Table(_t("类别"), Path(guide_a).name, Path(guide_b).name, _t("变更项"), _t("原值"),
                   _t("新值"))
    for kind, code_a, code_b, what, old, new in result.rows():
        table_.add_row(kinds[kind], code_a, code_b, render(aspect_name(what), lang) if what
                       else "", shown(old), shown(new))
    _out.print(table_)
    click.echo(_t("删除 {removed} 个方向，新增 {added} 个，对应 {matched} 个"
                  "（其中 {changed} 个有变更）", removed=len(result.removed),
                  added=len(result.added), matched=len(result.matched),
                  changed=sum(1 for m in result.matched if m.changes)))


_LOAD_FORMATS = {".nt": "N_TRIPLES", ".nq": "N_QUADS", ".ttl": "TURTLE", ".trig": "TRIG",
                 ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML", ".jsonld": "JSON_LD",
                 ".json": "JSON_LD"}


def _rdf_format(path: Path) -> ox.RdfFormat:
    suffix = Path(path.name.removesuffix(".gz")).suffix.lower()
    if suffix not in _LOAD_FORMATS:
        raise click.UsageError(_t("{file}：无法从扩展名 {suffix} 判断 RDF 语法（可识别：{known}，"
                                  "也可加 .gz）", file=path, suffix=suffix or "—",
                                  known=", ".join(sorted(_LOAD_FORMATS))))
    fmt: ox.RdfFormat = getattr(ox.RdfFormat, _LOAD_FORMATS[suffix])
    return fmt


@main.command(help=H_("把 RDF 文件（N-Triples、N-Quads、Turtle、TriG、RDF/XML、JSON-LD，"
                      "也可为 .gz）流式载入存储，内存占用有上限。"))
@click.argument("files", nargs=-1, required=True, cls=SpeakingArgument, metavar=H_("<文件>..."),
                type=SpeakingPath(dir_okay=False, exists=True, path_type=Path))
@click.option("--graph", "graph", help=H_("三元组放入的命名图：IRI，或数据集下的路径"
              "（如 samples/cordis）。未指定时，四元组文件（N-Quads、TriG）保留其中指明的图。"))
@_store_option
def load(files: tuple[Path, ...], graph: str | None, store_dir: str) -> None:
    """Stream RDF files (N-Triples, N-Quads, Turtle, TriG, RDF/XML, JSON-LD; .gz too) into
    the store, in bounded memory."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TimeElapsedColumn

    from coopkg.graph import provenance

    formats = {f: _rdf_format(f) for f in files}
    name = _graph_name(graph) if graph else None
    for f, fmt in formats.items():
        if name is None and fmt not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            raise click.UsageError(_t("{file} 含有三元组：请用 --graph 指明放入哪个命名图",
                                      file=f))
    for f, fmt in formats.items():
        if fmt == ox.RdfFormat.RDF_XML:  # refused as the server refuses it: no DTD
            _refuse_dtd_in(f)
    store = _open_store(store_dir, write=True)
    total = 0
    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                  TimeElapsedColumn(), console=_err, transient=True) as bar:
        for f, fmt in formats.items():
            task = bar.add_task(f.name, total=f.stat().st_size)
            def advanced(n: int, task: TaskID = task) -> None:
                bar.update(task, completed=n)

            added = store.load(f, fmt, graph=name, progress=advanced)
            total += added
            if name is not None:
                store.update(provenance.record("load", {name: store.graph_size(name)},
                                               source=f.name))
            _err.print(_t("{file}：{n} 个四元组", file=f, n=added), markup=False)
    _err.print(_t("已载入 {n} 个四元组到 {store}（命名图 {graph}）", n=total, store=store.location,
                  graph=name) if name else
               _t("已载入 {n} 个四元组到 {store}", n=total, store=store.location), markup=False)


def _refuse_dtd_in(path: Path) -> None:
    import gzip

    from coopkg.inputs import refuse_dtd_in

    with (gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")) as stream:
        refuse_dtd_in(stream, str(path))


@main.command(help=H_("列出命名图及其大小和来源记录（来源、活动、时间）。"))
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help=H_("输出格式：table 供人阅读，json 供程序使用。"))
def graphs(store_dir: str, fmt: str) -> None:
    """List the named graphs with their size and provenance (source, activity, time)."""
    import json

    from coopkg.graph import provenance

    store = _open_store(store_dir)
    records = provenance.read_records(store)
    rows: list[dict[str, str | int | None]] = []
    for name in store.graph_names():
        r = records.get(name)
        rows.append({"graph": name, "triples": store.graph_size(name),
                     "source": r.source if r else None, "activity": r.activity if r else None,
                     "time": r.time if r else None})
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(_t("命名图"), _t("三元组"), _t("来源"), _t("写入者"), _t("时间"))
    for row in rows:
        table.add_row(*(str(row[k] or "") for k in ("graph", "triples", "source", "activity",
                                                     "time")))
    _out.print(table)


@main.command(help=H_("删除一个命名图（及其来源记录）。"))
@click.option("--graph", "graph", required=True,
              help=H_("要删除的图：IRI，或数据集下的路径。"))
@_store_option
def drop(graph: str, store_dir: str) -> None:
    """Remove one named graph (and its provenance record)."""
    from coopkg.graph import provenance

    name = _graph_name(graph)
    store = _open_store(store_dir, write=True)
    if not store.has_graph(name):
        raise CoopkgError(_t("存储 {store} 中没有命名图 {graph}", store=store.location, graph=name))
    store.drop_graph(name)
    store.update(provenance.forget([name]))
    _err.print(_t("已删除 {graph}", graph=name), markup=False)



@main.group(help=H_("已存储的申报书：一次验证并存储多份。"))
def proposals() -> None:
    """Stored proposals: validate and store many at once."""


@proposals.command("import", help=H_(
    "验证 <文件夹> 中的每个申报书文件（JSON、JSON-LD 或 RDF），连同已存储的申报书一起验证，"
    "把没有不符合项的存储起来，每份一个命名图；列出被拒收的申报书及原因。\n\n"
    "\b\n"
    "退出码：0 每份申报书都已存储，1 有申报书被拒收（不符合要求），\n"
    "        2 有文件无法读取。"))
@click.argument("directory", cls=SpeakingArgument,
                type=SpeakingPath(file_okay=False, exists=True, path_type=Path))
@_store_option
@_guide_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help=H_("输出格式：text 供人阅读，json 供程序使用。"))
@click.option("--lang", type=click.Choice(LANGS), default=None,
              help=H_("消息的语言（默认：命令组的 --lang，否则取自区域设置）。"))
def import_(directory: Path, store_dir: str, guide_id: str | None, fmt: str, lang: str
            ) -> None:
    """Validate and store the proposals of a directory. (The help is `H_` above.)"""
    import json

    from coopkg.pipeline import import_proposals

    suffixes = {".json", ".jsonld", ".ttl", ".nt", ".rdf", ".xml", ".trig", ".nq"}
    files = sorted(f for f in directory.rglob("*") if f.is_file() and f.suffix in suffixes)
    if not files:
        raise CoopkgError(_t("{dir} 中没有申报书文件（*.json、*.jsonld、*.ttl 等）",
                             dir=directory))
    lang = _lang()
    store = _open_store(store_dir, write=True)
    with _err.status(_t("正在导入…")) as status:
        report = import_proposals(store, files, workers=os.cpu_count() or 1, guide=guide_id,
                                  progress=lambda m: status.update(render(m, _lang())))
    if fmt == "json":
        click.echo(json.dumps({
            "stored": [{"proposal": p, "graph": g} for p, g in report.stored],
            "rejected": [r.as_dict() for r in report.rejected],
            "unreadable": [{"file": f, "error": e} for f, e in report.unreadable]},
            ensure_ascii=False, indent=2))
    else:
        for p, g in report.stored:
            click.echo(f"✓ {p}  → {g}")
        for r in report.rejected:
            click.echo(f"✗ {r.proposal}  [{r.direction or '?'}]  ({r.source})")
            for f in r.findings:
                if f.severity == "violation":
                    click.echo(f"    {f.requirement:16} {f.message(lang)}")
        for file, error in report.unreadable:
            click.echo(f"✗ {file}: {error}")
        _err.print(_t("已存储 {stored} 份，拒收 {rejected} 份，无法读取 {unreadable} 份",
                      stored=len(report.stored), rejected=len(report.rejected),
                      unreadable=len(report.unreadable)), markup=False)
    sys.exit(2 if report.unreadable else 1 if report.rejected else 0)


if __name__ == "__main__":
    main()
