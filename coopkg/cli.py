"""The `coopkg` command: build the graph from a guide, query it, export it, serve it.

Exit codes: 0 success; 1 an error coopkg can name (unreadable guide, bad query, store
problem), printed as one line; 2 a usage error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click
import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from coopkg import __version__
from coopkg.errors import CoopkgError, QueryError, UnknownQueryError

__all__ = ["main"]

DEFAULT_STORE = Path(os.environ.get("COOPKG_STORE", ".coopkg/store"))
_err = Console(stderr=True, highlight=False, soft_wrap=True)
_out = Console(highlight=False, soft_wrap=True)

_store_option = click.option(
    "--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_STORE, show_default=True,
    help="Directory of the on-disk graph store (env COOPKG_STORE).")


def _locale_lang() -> str:
    """The language of messages where no --lang is given: English where the locale says
    so (COOPKG_LANG, LC_ALL, LC_MESSAGES, LANG), else Chinese."""
    for var in ("COOPKG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def _fail(message: str) -> None:
    _err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    sys.exit(1)


class _Group(click.Group):
    """Turns the errors coopkg raises on purpose into one line and exit code 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UnknownQueryError as e:
            _fail(e.message(_locale_lang()))
        except CoopkgError as e:
            _fail(str(e))
        except FileNotFoundError as e:
            _fail(f"no such file: {e.filename or e}")
        return None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coopkg")
def main() -> None:
    """China's intergovernmental S&T cooperation calls as a knowledge graph.

    \b
    Typical use:
      coopkg build                      build the graph from the bundled 2021 guide
      coopkg query totals               run a named query (see `coopkg queries`)
      coopkg query 'SELECT …'           run any SPARQL query
      coopkg export --format trig       write the whole dataset
      coopkg validate proposal.json     check a proposal against its direction's requirements
      coopkg eligible consortium.json   which directions a consortium may apply to
      coopkg requirements               every requirement and how it is enforced
      coopkg serve                      SPARQL endpoint and web pages on http://127.0.0.1:8000
    """


def _open_store(store_dir: Path, *, must_exist: bool = True):
    from coopkg.graph.store import GraphStore

    if must_exist and not (store_dir.is_dir() and any(store_dir.iterdir())):
        raise CoopkgError(f"no graph store at {store_dir}; run `coopkg build` first "
                          f"(or pass --store)")
    return GraphStore(store_dir)


@main.command()
@click.option("--guide", "guides", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Guide text to load (repeatable). Default: the bundled 2021 first-batch "
                   "guide.")
@_store_option
@click.option("--strict", is_flag=True, help="Treat every loader warning as an error.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
def build(guides: tuple[Path, ...], store_dir: Path, strict: bool, quiet: bool) -> None:
    """Build the graph: ontology, reference data, guide(s) and OWL 2 RL closure."""
    from coopkg.pipeline import build as run_build

    store = _open_store(store_dir, must_exist=False)
    with _err.status("building…") as status:
        report = run_build(store, list(guides), strict=strict,
                           progress=lambda m: status.update(m))
    for g in report.guides:
        for n in g.notices:
            if n.level == "warning":
                where = f"{g.source}:{n.line}" if n.line else g.source
                _err.print(f"[yellow]warning:[/] {where}: {n.message}", markup=True)
        if not quiet:
            _err.print(f"guide {g.guide_id}: {g.directions} directions, {g.triples} triples "
                       f"({g.source})")
    if not quiet:
        for name, size in report.graphs.items():
            _err.print(f"  {name}  {size} triples")
        _err.print(f"store {store_dir}: {report.total} triples")


@main.command()
@click.argument("query")
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True, help="Output format for SELECT results.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable (repeatable): a string, or <IRI> for an IRI.")
def query(query: str, store_dir: Path, fmt: str, params: tuple[str, ...]) -> None:
    """Run QUERY: SPARQL text, a .rq file, or the name of a bundled query."""
    from coopkg.queries import parameters, resolve
    from coopkg.results import plain, render, table

    label, text = resolve(query)
    bindings: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        term = (ox.NamedNode(value[1:-1]) if value.startswith("<") and value.endswith(">")
                else ox.Literal(value))
        bindings[ox.Variable(name)] = term
    declared = parameters(text)
    unknown = [v.value for v in bindings if declared and v.value not in declared]
    if unknown:
        raise click.UsageError(f"{label} has no parameter {unknown[0]!r} "
                               f"(it takes: {', '.join(declared)})")
    missing = [n for n, required in declared.items()
               if required and ox.Variable(n) not in bindings]
    if missing:
        raise click.UsageError(f"{label} needs --param {missing[0]}=VALUE")
    store = _open_store(store_dir)
    try:
        result = store.query(text, substitutions=bindings) if bindings else store.query(text)
    except QueryError as e:
        raise QueryError(f"{label}: {e}") from None
    if fmt == "table" and isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [[plain(row[n]) for n in names] for row in result]
        _out.print(table(names, rows, width=_out.width))
        _err.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
        return
    out = render(result, fmt)
    if isinstance(out, bytes):
        sys.stdout.buffer.write(out)
    else:
        click.echo(out)


@main.command("queries")
def list_queries() -> None:
    """List the bundled named queries and what each answers."""
    from coopkg.queries import describe, named

    for name, path in named().items():
        first = describe(path).splitlines()[0] if describe(path) else ""
        click.echo(f"{name:28} {first}")


@main.command()
@_store_option
@click.option("--format", "fmt", default="trig", show_default=True,
              type=click.Choice(["turtle", "trig", "ntriples", "nquads", "jsonld", "rdfxml"]),
              help="Serialisation. Triple formats merge the graphs.")
@click.option("--graph", "graph",
              help="One named graph: an IRI, or ontology | reference | inferred | "
                   "guide/<id> (e.g. guide/2021-1). Default: the whole dataset.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of standard output.")
def export(store_dir: Path, fmt: str, graph: str | None, output: Path | None) -> None:
    """Write the dataset, or one named graph, as RDF."""
    from coopkg.vocab import BASE

    store = _open_store(store_dir)
    name = None
    if graph:
        absolute = graph.startswith(("http://", "https://", "urn:"))
        name = graph if absolute else f"{BASE}graph/{graph}"
    data = store.dump(fmt, graph=name)
    if output:
        output.write_bytes(data)
        _err.print(f"wrote {len(data)} bytes to {output}")
    else:
        sys.stdout.buffer.write(data)


@main.command()
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(store_dir: Path, host: str, port: int) -> None:
    """Serve the graph over SPARQL (builds it from the bundled guide if the store is empty)."""
    import uvicorn

    from coopkg.pipeline import build as run_build
    from coopkg.server.app import create_app
    from coopkg.server.settings import Settings

    store = _open_store(store_dir, must_exist=False)
    if len(store) == 0:
        with _err.status("building the graph from the bundled guide…") as status:
            run_build(store, progress=lambda m: status.update(m))
    settings = Settings.from_env(host=host, port=port, store=store_dir)
    _err.print(f"serving {store_dir} on http://{host}:{port}/sparql")
    uvicorn.run(create_app(settings, store=store), host=host, port=port, log_level="info")


def _input_error(e: CoopkgError) -> NoReturn:
    """Unusable input: every problem on a line of its own (file: JSON path: what), exit 2."""
    from rich.markup import escape

    from coopkg.errors import ProposalError

    for p in e.problems if isinstance(e, ProposalError) else [e]:
        _err.print(f"[bold red]error:[/] {escape(str(p))}", markup=True)
    sys.exit(2)


_SEVERITIES = {"violation": ("不符合", "violation"), "warning": ("警告", "warning"),
               "info": ("提示", "info")}


def _severity(severity: str, lang: str) -> str:
    """A severity as a fixed-width word in the chosen language."""
    zh, en = _SEVERITIES.get(severity, (severity, severity))
    return f"{en:9}" if lang == "en" else f"{zh}{'　' * (3 - len(zh))}"


def _validators(store, guide_ids):
    from coopkg.shapes import load_validator

    return {gid: load_validator(store, gid) for gid in sorted(guide_ids)}


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@_store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text",
              show_default=True, help="text for people, json for programs, turtle for the "
                                      "standard SHACL validation report.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the messages in text output.")
def validate(files: tuple[Path, ...], store_dir: Path, fmt: str, lang: str) -> None:
    """Validate proposals (JSON, JSON-LD or RDF files) against their directions' requirements.

    \b
    Exit codes: 0 no proposal has a violation (warnings and infos are printed),
                1 a proposal has a violation, 2 the input is not usable.
    """
    import json

    from coopkg.errors import ProposalError
    from coopkg.shapes.proposals import read_proposal_files

    try:
        proposals = read_proposal_files(list(files))
    except ProposalError as e:
        _input_error(e)
    from coopkg.shapes.validate import report_all, validate_all

    store = _open_store(store_dir)
    validators = _validators(store, {p.guide_id for p in proposals})
    try:
        if fmt == "turtle":
            report, conforms = report_all(proposals, validators.__getitem__)
            click.echo(report.serialize(format="turtle"))
            sys.exit(0 if conforms else 1)
        results = validate_all(proposals, validators.__getitem__,
                               workers=os.cpu_count() or 1)
    except ProposalError as e:
        _input_error(e)
    if fmt == "json":
        click.echo(json.dumps({"results": [r.as_dict() for r in results]}, ensure_ascii=False,
                              indent=2))
    else:
        for r in results:
            mark = "✓" if r.conforms else "✗"
            verdict = ("conforms" if r.conforms else "does not conform") if lang == "en" else \
                ("符合要求" if r.conforms else "不符合要求")
            click.echo(f"{mark} {r.proposal}  [{r.direction or '?'}]  {verdict}  ({r.source})")
            for f in r.findings:
                click.echo(f"    {_severity(f.severity, lang)} {f.requirement:16} "
                           f"{f.message(lang)}")
    sys.exit(0 if all(r.conforms for r in results) else 1)


@main.command()
@_store_option
@click.option("--guide", "guide_id", default="2021-1", show_default=True)
@click.option("--coverage", is_flag=True,
              help="Instead of the list, the coverage summary: per direction, how many "
                   "requirements are machine-checked, checked by hand, covered by another "
                   "shape or informational, with totals that add up.")
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json"]), default="table",
              show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the totals line (default: from the locale, else zh).")
def requirements(store_dir: Path, guide_id: str, coverage: bool, fmt: str,
                 lang: str | None) -> None:
    """List every requirement of every direction and how it is enforced (shape or manual).

    \b
    Each row is one clause (or implicit requirement) and says how it is enforced:
    SHACL Core / SHACL-SPARQL (machine-checked), manual (checked by hand: a reminder on
    every proposal), covered (another shape enforces it), informational (binds nobody).
    The table ends with totals; --coverage prints the totals per direction instead.
    """
    import json

    from coopkg.shapes.coverage import by_direction, totals

    lang = lang or _locale_lang()
    store = _open_store(store_dir)
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
        lines.append(["total", *(str(v) for v in overall.as_dict().values())])
        if fmt == "tsv":
            click.echo("\n".join("\t".join(r) for r in [heads, *lines]))
        else:
            from coopkg.results import table

            _out.print(table(heads, lines, width=_out.width))
        return
    if fmt == "json":
        click.echo(json.dumps({
            "guide": guide_id, "machine_checked": overall.machine_checked,
            "total": overall.total, "totals": overall.as_dict(),
            "requirements": [c.__dict__ | {"checked": c.checked} for c in rows]},
            ensure_ascii=False, indent=2))
        return
    if fmt == "tsv":
        click.echo("code\trequirement\tkind\tmodality\tenforced_by\twhy")
        for c in rows:
            click.echo(f"{c.code}\t{c.requirement_id}\t{c.kind}\t{c.modality}\t{c.method}\t{c.why}")
        _err.print(overall.sentence(lang))  # the rows stay machine-readable
        return
    table_ = Table("requirement", "kind", "modality", "enforced by", "why")
    for c in rows:
        table_.add_row(c.requirement_id, c.kind, c.modality, c.method, c.why)
    _out.print(table_)
    click.echo(overall.sentence(lang))


@main.command()
@click.argument("consortium", type=click.Path(dir_okay=False, path_type=Path))
@_store_option
@click.option("--guide", "guide_id", default="2021-1", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the text output (default: from the locale, else zh).")
def eligible(consortium: Path, store_dir: Path, guide_id: str, fmt: str,
             lang: str | None) -> None:
    """For every direction: may this consortium apply?

    \b
    CONSORTIUM is a JSON file with "participants" (same keys as a proposal's).
    Each direction is eligible, not_eligible (with the requirements it fails) or
    needs_information (with the facts to supply: a fact not given is never a "no").
    Open directions come first. Exit codes: 0 done, 2 the input is not usable.
    """
    import json

    from coopkg.errors import ProposalError
    from coopkg.shapes.eligibility import eligibility, summary

    lang = lang or _locale_lang()
    try:
        data = json.loads(consortium.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _err.print(f"[bold red]error:[/] {consortium}: no such file", markup=True)
        sys.exit(2)
    except json.JSONDecodeError as e:
        _err.print(f"[bold red]error:[/] {consortium}: not JSON: {e.msg} at line {e.lineno}",
                   markup=True)
        sys.exit(2)
    store = _open_store(store_dir)
    (validator,) = _validators(store, {guide_id}).values()
    try:
        rows = eligibility(validator, data, source=str(consortium))
    except ProposalError as e:
        _input_error(e)
    if fmt == "json":
        click.echo(json.dumps({"guide": guide_id, "results": [r.as_dict() for r in rows]},
                              ensure_ascii=False, indent=2))
        return
    marks = {"eligible": "✓", "needs_information": "?", "not_eligible": "✗"}
    for r in rows:
        click.echo(f"{marks[r.status]} {r.code:5} {r.title(lang)}  [{r.status_label(lang)}]")
        for m in r.missing:
            click.echo(f"      {'待补充' if lang == 'zh' else 'to give':9} {m.message(lang)}")
        for f in r.findings:  # each said once
            click.echo(f"      {_severity(f.severity, lang)} {f.requirement:14} "
                       f"{f.message(lang)}")
    click.echo(summary(rows, lang))
