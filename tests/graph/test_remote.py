"""What only a store on a SPARQL server has: finding its endpoints, credentials, the union
check, deadlines, one-line errors for every HTTP failure, readers in other processes,
streaming in bounded memory, and each server's quirks (tests/graph/conftest.py starts
the real servers)."""

from __future__ import annotations

import http.server
import io
import pickle
import re
import socket
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib import Literal as RLiteral

from coopkg.errors import MalformedUpdate, QueryError, StoreError
from coopkg.graph.locate import open_store
from coopkg.graph.remote import RemoteStore
from coopkg.graph.store import FORMATS
from coopkg.queries import named

from .conftest import VIRTUOSO_USER, Server, _stop, free_port, isql, start_oxigraph

EX = "https://example.org/"
SD_UNION = (b"@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
            b"[] a sd:Service ; sd:endpoint <> ; sd:supportedLanguage sd:SPARQL11Query ;"
            b" sd:feature sd:UnionDefaultGraph .\n")


def _emptied(server: Server) -> Iterator[RemoteStore]:
    """The server's store with every graph dropped, closed after the test."""
    store = RemoteStore.from_url(server.url)
    for name in store.graph_names():
        store.drop_graph(name)
    yield store
    store.close()


@pytest.fixture
def oxigraph(oxigraph_server: Server) -> Iterator[RemoteStore]:
    yield from _emptied(oxigraph_server)


@pytest.fixture
def virtuoso(virtuoso_server: Server) -> Iterator[RemoteStore]:
    yield from _emptied(virtuoso_server)


def one_line(e: pytest.ExceptionInfo[BaseException]) -> str:
    text = str(e.value)
    assert text and "\n" not in text and "Traceback" not in text
    return text


# -- a scripted HTTP server for failures real servers do not show on demand -------------
class Scripted(http.server.BaseHTTPRequestHandler):
    """Answers GET with `get` and POST with `post`: (status, headers, body)."""

    get: tuple[int, dict[str, str], bytes] = (404, {}, b"not here")
    post: tuple[int, dict[str, str], bytes] = (404, {}, b"not here")

    def _answer(self, answer: tuple[int, dict[str, str], bytes]) -> None:
        status, headers, body = answer
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._answer(self.get)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._answer(self.post)

    def log_message(self, *args: object) -> None:
        pass


def scripted(get: tuple[int, dict[str, str], bytes] | None = None,
             post: tuple[int, dict[str, str], bytes] | None = None) -> Iterator[str]:
    handler = type("Handler", (Scripted,), {k: v for k, v in (("get", get), ("post", post))
                                            if v is not None})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# -- finding the endpoints --------------------------------------------------------------
def test_oxigraph_by_its_base_url_or_any_endpoint(oxigraph_server: Server) -> None:
    for url in (oxigraph_server.url, oxigraph_server.url + "/", oxigraph_server.url + "/query"):
        with RemoteStore.from_url(url) as store:
            e = store.endpoints  # type: ignore[attr-defined]
            assert (e.query, e.update, e.gsp) == (
                f"{oxigraph_server.base}/query", f"{oxigraph_server.base}/update",
                f"{oxigraph_server.base}/store")


def test_open_store_dispatches_a_url(oxigraph_server: Server) -> None:
    with open_store(oxigraph_server.url) as store:
        assert isinstance(store, RemoteStore)


def test_any_server_by_explicit_endpoints_from_the_environment(
        oxigraph_server: Server, oxigraph: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = oxigraph_server.base
    monkeypatch.setenv("COOPKG_STORE_QUERY_URL", f"{base}/query")
    monkeypatch.setenv("COOPKG_STORE_UPDATE_URL", f"{base}/update")
    monkeypatch.setenv("COOPKG_STORE_GSP_URL", f"{base}/store")
    # As any SPARQL server: the union and the update language read from its description.
    with RemoteStore.from_url("http://example.invalid/not-used", server="sparql") as store:
        e = store.endpoints
        assert (e.query, e.update, e.gsp) == (f"{base}/query", f"{base}/update", f"{base}/store")
        store.replace_graphs({EX + "g": Graph().parse(data=f"<{EX}a> <{EX}p> \"1\" .", format="nt")})
        assert store.graph_names() == [EX + "g"]
        store.drop_graph(EX + "g")


def test_a_server_without_a_description_needs_its_endpoints() -> None:
    for url in scripted():
        with pytest.raises(StoreError) as e:
            RemoteStore.from_url(url)
        assert "COOPKG_STORE_QUERY_URL" in one_line(e)


def test_nothing_listening(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError) as e:
        RemoteStore.from_url(url)
    assert url in one_line(e)


def test_a_server_without_the_union_default_graph_is_refused(tmp_path: Path) -> None:
    proc, server = start_oxigraph(tmp_path, union=False, memory=True)
    try:
        with pytest.raises(StoreError) as e:
            RemoteStore.from_url(server.url)
        assert "--union-default-graph" in one_line(e)
    finally:
        _stop(proc)


def test_a_generic_server_without_the_feature_is_refused() -> None:
    sd = SD_UNION.replace(b" ;\n sd:feature sd:UnionDefaultGraph", b"").replace(
        b" sd:feature sd:UnionDefaultGraph", b" sd:feature sd:EmptyGraphs")
    for url in scripted(get=(200, {"Content-Type": "text/turtle"}, sd)):
        with pytest.raises(StoreError) as e:
            RemoteStore.from_url(url)
        assert "union of its named graphs" in one_line(e)


# -- credentials and HTTP failures ------------------------------------------------------
def test_virtuoso_credentials_from_the_environment(virtuoso_server: Server,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    user, password = VIRTUOSO_USER
    monkeypatch.setenv("COOPKG_STORE_USER", user)
    monkeypatch.setenv("COOPKG_STORE_PASSWORD", password)
    with RemoteStore.from_url(virtuoso_server.base) as store:
        assert store.endpoints.query == f"{virtuoso_server.base}/sparql-auth"
        store.add_graph(EX + "env", Graph().parse(data=f"<{EX}a> <{EX}p> \"1\" .", format="nt"))
        assert store.graph_size(EX + "env") == 1
        store.drop_graph(EX + "env")


def test_a_wrong_password_says_so(virtuoso_server: Server) -> None:
    url = virtuoso_server.url.replace(VIRTUOSO_USER[1], "wrong")
    with pytest.raises(StoreError) as e:
        RemoteStore.from_url(url)
    message = one_line(e)
    assert "401" in message and "COOPKG_STORE_PASSWORD" in message
    assert VIRTUOSO_USER[1] not in message and "wrong" not in message


def test_virtuoso_anonymous_endpoint_after_the_grant(virtuoso_server: Server) -> None:
    g = Graph().parse(data=f"<{EX}a> <{EX}p> \"匿名\"@zh .", format="nt")
    with RemoteStore.from_url(f"{virtuoso_server.base}/sparql") as store:
        with pytest.raises(StoreError) as e:
            store.add_graph(EX + "anon", g)
        assert "403" in one_line(e) and "No permission" in one_line(e)
    isql(virtuoso_server.port, 'GRANT SPARQL_UPDATE TO "SPARQL";')
    try:
        # A grant reaches new connections only: a new store.
        with RemoteStore.from_url(f"{virtuoso_server.base}/sparql") as store:
            assert store.add_graph(EX + "anon", g) == 1
            assert store.ask('ASK { ?s ?p "匿名"@zh }')
            store.drop_graph(EX + "anon")
    finally:
        isql(virtuoso_server.port, 'REVOKE SPARQL_UPDATE FROM "SPARQL";')


def test_server_errors_are_one_line_naming_the_endpoint() -> None:
    html = b"<html><body><h1>Internal error</h1>\n<p>disk\nfull</p></body></html>"
    for url in scripted(get=(200, {"Content-Type": "text/turtle"}, SD_UNION),
                        post=(500, {"Content-Type": "text/html"}, html)):
        with RemoteStore.from_url(url, check_union=False) as store:
            with pytest.raises(QueryError) as e:
                store.select("SELECT * WHERE { ?s ?p ?o }")
            message = one_line(e)
            assert url in message and "500" in message and "disk full" in message
            with pytest.raises(StoreError):
                store.update("CLEAR ALL")  # no update endpoint declared


def test_a_result_cut_by_the_server_is_an_error() -> None:
    body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
    headers = {"Content-Type": "application/sparql-results+json", "X-SPARQL-MaxRows": "10000"}
    for url in scripted(get=(200, {"Content-Type": "text/turtle"}, SD_UNION),
                        post=(200, headers, body)):
        with RemoteStore.from_url(url) as store, pytest.raises(QueryError) as e:
            store.select("SELECT ?s WHERE { ?s ?p ?o }")
        assert "ResultSetMaxRows" in one_line(e)


def test_every_request_has_a_deadline() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections, never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    try:
        with pytest.raises((QueryError, StoreError)) as e:
            RemoteStore(url, query_url=f"{url}/q", update_url=f"{url}/u", gsp_url=f"{url}/g",
                        timeout_s=0.5)
        assert "did not answer within 0.5 s" in one_line(e)
    finally:
        listener.close()


# -- readers and generations ------------------------------------------------------------
@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_reader_spec_opens_the_same_store_elsewhere(kind: str,
                                                    request: pytest.FixtureRequest) -> None:
    store: RemoteStore = request.getfixturevalue(kind)
    store.add_graph(EX + "r", Graph().parse(data=f"<{EX}a> <{EX}p> \"读\"@zh .", format="nt"))
    spec = pickle.loads(pickle.dumps(store.reader_spec()))
    assert spec.kind == "remote" and spec.generation == store.generation()
    if kind == "virtuoso":
        assert spec.options["user"] == VIRTUOSO_USER[0]
    with RemoteStore.from_spec(spec) as reader:
        assert reader.graph_names() == [EX + "r"]
        assert reader.ask('ASK { ?s ?p "读"@zh }')


def test_generations_of_two_objects_are_their_own(oxigraph_server: Server) -> None:
    with RemoteStore.from_url(oxigraph_server.url) as a, \
            RemoteStore.from_url(oxigraph_server.url) as b:
        before = a.generation()
        b.drop_graph(EX + "none")
        # A write by another client is not seen: documented in docs/stores.md.
        assert a.generation() == before


# -- atomicity --------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "kept"), [("oxigraph", False), ("virtuoso", True)])
def test_an_update_that_fails_half_way(kind: str, kept: bool,
                                       request: pytest.FixtureRequest) -> None:
    """Oxigraph applies an update request as one transaction; Virtuoso keeps what the
    operations before the failing one did (docs/stores.md)."""
    store: RemoteStore = request.getfixturevalue(kind)
    with pytest.raises((QueryError, StoreError)):
        store.update(f'INSERT DATA {{ GRAPH <{EX}half> {{ <{EX}a> <{EX}p> "x" }} }} ;\n'
                     f"DROP GRAPH <{EX}never-created>")
    assert store.graph_names() == ([EX + "half"] if kept else [])


# -- bounded memory ---------------------------------------------------------------------
def _peak(fn: object) -> int:
    tracemalloc.start()
    try:
        fn()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_load_and_query_to_stream(kind: str, request: pytest.FixtureRequest,
                                  tmp_path: Path) -> None:
    store: RemoteStore = request.getfixturevalue(kind)
    n = 60_000
    big = tmp_path / "big.nt"
    with big.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(f'<{EX}s{i}> <{EX}label> "第{i}个方向 direction {i}"@zh .\n')
    assert big.stat().st_size > 5_000_000
    assert _peak(lambda: store.load(big, ox.RdfFormat.N_TRIPLES, graph=EX + "big")) < 2_000_000
    assert store.graph_size(EX + "big") == n
    for media_type in ("text/turtle", "application/sparql-results+json"):
        query = ("CONSTRUCT WHERE { ?s ?p ?o }" if media_type == "text/turtle"
                 else "SELECT * WHERE { ?s ?p ?o }")
        out = tmp_path / "out"
        with out.open("wb") as f:
            assert _peak(lambda f=f, q=query, m=media_type: store.query_to(q, f, m)) < 3_000_000
        assert out.stat().st_size > 3_000_000
    store.drop_graph(EX + "big")


# -- the bundled guide on a server ------------------------------------------------------
def _value(term: object) -> object:
    """A result term compared by value: servers may write 8.2E8 or 820000000.0; lists of
    codes made by GROUP_CONCAT, whose order SPARQL leaves open, compared as sorted."""
    if isinstance(term, ox.Literal) and re.fullmatch(r"[\d.]+( [\d.]+)+", term.value):
        return " ".join(sorted(term.value.split()))
    if isinstance(term, ox.Literal) and term.datatype is not None and term.datatype.value in {
            "http://www.w3.org/2001/XMLSchema#" + t for t in ("integer", "decimal", "double",
                                                              "float", "long", "int")}:
        return Decimal(term.value)
    return str(term) if term is not None else None


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_the_built_guide_answers_every_named_query_alike(
        kind: str, request: pytest.FixtureRequest, built_store: object) -> None:
    store: RemoteStore = request.getfixturevalue(kind)
    names = built_store.graph_names()  # type: ignore[attr-defined]
    read = getattr(built_store, "read_graph", None) or built_store.rdflib_graph  # type: ignore[attr-defined]
    store.replace_graphs({name: read(name) for name in names})
    assert store.graph_names() == names
    for name in names:
        assert store.graph_size(name) == built_store.graph_size(name), name  # type: ignore[attr-defined]
    for query, path in sorted(named().items()):
        text = path.read_text(encoding="utf-8")
        if kind == "virtuoso" and "STR(?keyword)" in text:
            continue  # Virtuoso's STR() breaks non-ASCII text: see the test below
        # fields-by-keyword and search-term have a required parameter
        bindings = ({"keyword": ox.Literal("能源")} if "?keyword" in text else
                    {"term": ox.Literal("氢能")} if "?term" in text else {})
        got = store.select(text, bindings=bindings)
        if hasattr(built_store, "select"):
            expected = built_store.select(text, bindings=bindings)  # type: ignore[attr-defined]
            rows, variables = expected.rows, expected.variables
        else:
            subs = {ox.Variable(k): v for k, v in bindings.items()}
            result = built_store.query(text, substitutions=subs)  # type: ignore[attr-defined]
            variables = [v.value for v in result.variables]
            rows = [{v: t for v in variables if (t := s[v]) is not None} for s in result]
        assert got.variables == variables, query
        as_values = [[_value(r.get(v)) for v in variables] for r in rows]
        got_values = [[_value(r.get(v)) for v in variables] for r in got.rows]
        if kind == "oxigraph":
            assert got_values == as_values, query
        else:
            # Virtuoso orders stored strings longer than its inline limit by a prefix, so
            # rows tied on their first sort keys may come in another order.
            assert sorted(map(repr, got_values)) == sorted(map(repr, as_values)), query
        assert len(got) > 0, query


def test_rdflib_terms_that_are_not_rdf_are_refused_before_sending(
        oxigraph: RemoteStore) -> None:
    g = Graph()
    g.add((URIRef(EX + "a"), URIRef(EX + "p"), RLiteral("x")))
    g.add((URIRef(EX + "a b"), URIRef(EX + "p"), RLiteral("y")))
    before = oxigraph.generation()
    with pytest.raises(StoreError) as e:
        oxigraph.add_graph(EX + "bad", g)
    assert EX + "bad" in one_line(e)
    assert oxigraph.generation() == before  # nothing was sent
    assert oxigraph.graph_names() == []


def test_dump_to_a_stream(oxigraph: RemoteStore) -> None:
    oxigraph.add_graph(EX + "d", Graph().parse(data=f"<{EX}a> <{EX}p> \"导出\"@zh .",
                                               format="nt"))
    out = io.BytesIO()
    oxigraph.dump(out, "nquads")
    assert out.getvalue().decode("utf-8") == f'<{EX}a> <{EX}p> "导出"@zh <{EX}d> .\n'


def test_virtuoso_str_of_non_ascii_query_text_is_broken(virtuoso: RemoteStore) -> None:
    """Virtuoso 7.2.5 turns STR() of a literal written in the query (a constant, a VALUES
    binding, a BIND) into question marks when it is not ASCII, so a FILTER such as
    CONTAINS(LCASE(STR(?label)), LCASE(STR(?keyword))) never matches 能源 there; LCASE(?k)
    without STR works (fields-by-keyword is written so). When this test fails, Virtuoso has
    been fixed: drop the skip above."""
    got = virtuoso.select("SELECT ?k (STR(?k) AS ?s) (LCASE(?k) AS ?l) WHERE { }",
                          bindings={"k": ox.Literal("能源")})
    assert got.rows == [{"k": ox.Literal("能源"), "s": ox.Literal("??"),
                         "l": ox.Literal("能源")}]


# -- docs/stores.md: moving from the embedded store to a server, through the CLI --------
def _coopkg(*args: str, env: dict[str, str] | None = None) -> str:
    import os
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "coopkg"
    done = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_moving_from_the_embedded_store_to_a_server(
        kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    server: Server = request.getfixturevalue(f"{kind}_server")
    request.getfixturevalue(kind)  # an empty store
    local = str(tmp_path / "store")
    _coopkg("build", "--store", local, "--quiet")
    dump = tmp_path / "coopkg.nq"
    _coopkg("export", "--format", "nquads", "-o", str(dump), "--store", local)
    _coopkg("load", str(dump), "--store", server.url)
    expected = _coopkg("query", "totals", "--format", "csv", "--store", local)
    assert _coopkg("query", "totals", "--format", "csv", "--store", server.url) == expected
    assert expected.splitlines()[1].startswith("29,19,266,822500000")


@pytest.mark.parametrize("size", [1, 7, 64, 4096])
def test_virtuoso_blank_node_ids_are_made_readable_across_chunks(size: int) -> None:
    from coopkg.graph.remote import _plain_bnode_ids

    row = ('{ "s": { "type": "bnode", "value": "nodeID://b10003" }\t, '
           '"o": { "type": "literal", "value": "{ \\"type\\": \\"bnode\\", \\"value\\": '
           '\\"nodeID://x\\" } 合作" }}')
    doc = ('{ "head": { "vars": ["s", "o"] }, "results": { "bindings": [ '
           + ", ".join([row] * 50) + " ] } }").encode()
    chunks = [doc[i:i + size] for i in range(0, len(doc), size)]
    got = ox.parse_query_results(b"".join(_plain_bnode_ids(iter(chunks))),
                                 format=ox.QueryResultsFormat.JSON)
    rows = list(got)  # type: ignore[arg-type]
    assert len(rows) == 50
    assert {r["s"] for r in rows} == {ox.BlankNode("nodeID___b10003")}
    # a literal that only looks like a blank node keeps every character
    assert rows[0]["o"].value == '{ "type": "bnode", "value": "nodeID://x" } 合作'


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("0", False)])
def test_an_ask_answered_as_a_table_is_read_as_its_boolean(value: str, expected: bool) -> None:
    """Virtuoso without CaseMode = 2 answers every ASK as a one-column table."""
    from coopkg.graph.remote import _ask_as_boolean

    table = ('{ "head": { "link": [], "vars": ["__ASK_RETVAL"] }, "results": { "bindings": '
             '[ { "__ASK_RETVAL": { "type": "typed-literal", "datatype": '
             '"http://www.w3.org/2001/XMLSchema#integer", "value": "' + value + '" }} ] } }')
    got = _ask_as_boolean(ox.parse_query_results(table.encode(),
                                                 format=ox.QueryResultsFormat.JSON))
    assert isinstance(got, ox.QueryBoolean) and bool(got) is expected
    other = ox.parse_query_results(b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}',
                                   format=ox.QueryResultsFormat.JSON)
    assert _ask_as_boolean(other) is other  # any other table is left as it is


# -- the errors in both languages -------------------------------------------------------
# Names a Chinese message keeps as they are: standards, products, settings, choices.
NAMES = {"SPARQL", "IRI", "URL", "Virtuoso", "ResultSetMaxRows", "basic", "digest",
         "oxigraph", "virtuoso", "sparql", *FORMATS}


def ui_words(text: str) -> set[str]:
    """The Latin words of a Chinese message that are its own: what the server or the
    network said (quoted “…”), URLs, media types, setting names (COOPKG_*), values as given
    ('…') and the NAMES left out."""
    text = re.sub(r"“[^”]*”", " ", text)
    text = re.sub(r"https?://[^\s（）：；，“”]+|\b[a-z]+/[\w.+-]+", " ", text)
    text = re.sub(r"\bCOOPKG_\w+|'[^']*'|`[^`]*`", " ", text)
    return set(re.findall(r"[A-Za-z]{2,}", text)) - NAMES


def _raised(call: Callable[[], object]) -> BaseException:
    with pytest.raises((QueryError, StoreError, MalformedUpdate)) as e:
        call()
    return e.value


def _failure(answer: tuple[int, dict[str, str], bytes],
             call: Callable[[RemoteStore], object]) -> BaseException:
    """What `call` raises on a store whose server answers every POST with `answer`."""
    for url in scripted(get=(200, {"Content-Type": "text/turtle"}, SD_UNION), post=answer):
        with RemoteStore(url, query_url=url, update_url=url, check_union=False) as store:
            return _raised(partial(call, store))
    raise AssertionError("no server")


def _at_a_server(call: Callable[[str], object]) -> BaseException:
    """What `call` raises given the URL of a server that describes nothing."""
    for url in scripted():
        return _raised(partial(call, url))
    raise AssertionError("no server")


SOLUTIONS = (200, {"Content-Type": "application/sparql-results+json"},
             b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')
SELECT = "SELECT * WHERE { ?s ?p ?o }"
FAILURES: dict[str, Callable[[], BaseException]] = {
    "server error": lambda: _failure(
        (500, {"Content-Type": "text/html"}, b"<h1>Internal error</h1> disk full"),
        lambda s: s.select(SELECT)),
    "malformed query": lambda: _failure((400, {}, b"Parse error near WHERE"),
                                        lambda s: s.select(SELECT)),
    "malformed update": lambda: _failure((400, {}, b"Parse error near CLEAR"),
                                         lambda s: s.update("CLEAR ALL")),
    "refused": lambda: _failure((401, {}, b"Unauthorized"), lambda s: s.select(SELECT)),
    "cut": lambda: _failure((200, {**SOLUTIONS[1], "X-SPARQL-MaxRows": "10"}, SOLUTIONS[2]),
                            lambda s: s.select(SELECT)),
    "not the format": lambda: _failure((200, SOLUTIONS[1], b"{not json"),
                                       lambda s: s.select(SELECT)),
    "not a boolean": lambda: _failure(SOLUTIONS, lambda s: s.ask("ASK { ?s ?p ?o }")),
    "unknown format": lambda: _failure(SOLUTIONS, lambda s: s.dump(io.BytesIO(), "yaml")),
    "not an IRI": lambda: _failure(SOLUTIONS, lambda s: s.add_graph(EX + "x y", Graph())),
    "no description": lambda: _at_a_server(RemoteStore.from_url),
    "no update endpoint": lambda: _at_a_server(lambda url: RemoteStore(
        url, query_url=url, check_union=False).update("CLEAR ALL")),
    "nothing listening": lambda: _raised(
        lambda: RemoteStore.from_url(f"http://127.0.0.1:{free_port()}")),
    "unknown auth": lambda: _raised(lambda: RemoteStore("http://127.0.0.1:9", auth="kerberos")),
    "unknown server": lambda: _raised(
        lambda: RemoteStore("http://127.0.0.1:9", query_url="http://127.0.0.1:9/q",
                            server="fuseki")),
}


@pytest.mark.parametrize("case", FAILURES)
def test_remote_errors_are_said_in_chinese_and_english(case: str) -> None:
    """Every message of the remote store is the catalogue's: the Chinese has no English
    words of its own (only what the server said, quoted, and names), the English no
    Chinese."""
    error = FAILURES[case]()
    assert isinstance(error, (QueryError, StoreError, MalformedUpdate))
    zh, en = error.message("zh"), error.message("en")
    assert re.search(r"[\u4e00-\u9fff]", zh), zh
    assert ui_words(zh) == set(), zh
    assert not re.search(r"[\u4e00-\u9fff]", en), en
    assert str(error) == en


def test_the_kind_of_request_is_said_in_the_reader_language() -> None:
    error = FAILURES["server error"]()
    assert isinstance(error, QueryError)
    assert error.message("zh").startswith("查询（http://") and "500" in error.message("zh")
    assert error.message("en").startswith("query at http://")
    assert isinstance(FAILURES["malformed update"](), MalformedUpdate)
