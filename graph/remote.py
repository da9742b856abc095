"""A store on any SPARQL 1.1 server: Query, Update and (where it has one) the Graph Store
HTTP Protocol, over HTTP with httpx.

    RemoteStore.from_url("http://127.0.0.1:7878")                       Oxigraph by its base URL
    RemoteStore.from_url("http://dba:secret@127.0.0.1:8890/sparql-auth")  Virtuoso, digest auth
    RemoteStore("http://host/ds", query_url=…, update_url=…, gsp_url=…)    anything else

Endpoints come from explicit options first (keywords, or COOPKG_STORE_QUERY_URL,
COOPKG_STORE_UPDATE_URL, COOPKG_STORE_GSP_URL), then from what the server is: Oxigraph
(`/query`, `/update`, `/store`) and Virtuoso (`/sparql`, `/sparql-graph-crud`, or their
`-auth` twins when credentials are given) are known by their `Server` header; any other
server by its SPARQL Service Description (SPARQL 1.1 Service Description §3: an endpoint
describes itself when dereferenced without a query), read at the URL itself or at its
`/query` or `/sparql`. Credentials come from the URL's userinfo or COOPKG_STORE_USER /
COOPKG_STORE_PASSWORD; basic or digest, as the server asks (COOPKG_STORE_AUTH forces one);
a bearer token (another `coopkg serve`'s update token) from COOPKG_STORE_TOKEN.

coopkg's queries read the union of the named graphs as the default graph: the server must
say so (sd:feature sd:UnionDefaultGraph) or, without a description, show it on its data;
otherwise opening fails with one line saying what to change.

Every request has a deadline (COOPKG_STORE_TIMEOUT_S, 60 s by default). Every HTTP or
protocol failure is one line naming the endpoint and what the server said: `QueryError`
for a query or update the server refused or could not finish, `StoreError` for the rest.

Server quirks handled here, each checked by the tests on a real server (docs/stores.md):
- Virtuoso lists its own system graphs (virtrdf#, ldp#, its service description) among
  the named graphs: they are left out, and every query is sent with the store's graphs as
  its dataset (its `define input:*-graph-exclude` pragmas would make `GRAPH <iri>` empty).
- Virtuoso ignores a chunked request body (it answers 200 and does nothing), so every
  body is sent with its length: files are streamed from disk, never held in memory.
- Virtuoso cuts results at `ResultSetMaxRows` and says so only in a header
  (`X-SPARQL-MaxRows`); a cut result is an error here, never a silent partial answer.
- Virtuoso applies the operations of one update request one by one, and its parser runs
  out of memory on a large INSERT DATA: graphs are checked first, then put whole through
  the Graph Store protocol, one by one.
- Virtuoso writes xsd:boolean as 1/0 and some formats wrongly: its answers are read as
  JSON or N-Triples and written again here. It refuses blank nodes in INSERT DATA (sent
  as INSERT … WHERE { }) and finds nothing for DESCRIBE without its CBD mode.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import itertools
import json
import os
import re
import tempfile
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, BinaryIO
from urllib.parse import unquote, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import Graph

from coopkg.errors import MalformedQuery, MalformedUpdate, QueryError, StoreError
from coopkg.i18n import N_, Message

try:
    import httpx
except ImportError:  # pragma: no cover - httpx is a dependency; this says so if it is missing
    raise StoreError(N_("SPARQL 服务器上的存储需要 httpx：pip install httpx")) from None

from coopkg.sparqltext import spans

from .bindings import dataset_clauses, inline_values, insert_data_as_template, query_form
from .store import (
    FORMATS,
    MEDIA_TYPES,
    UNREADABLE,
    Dataset,
    ReaderSpec,
    Solutions,
    Store,
    Term,
    ox_term,
    rdflib_graph,
    unreadable,
)
from .updates import check_dataset, lift_using, with_dataset

__all__ = ["Endpoints", "RemoteStore"]

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SD_ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.8"
_RESULTS = ox.QueryResultsFormat.JSON
_RESULTS_TYPE = "application/sparql-results+json"
_XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
_TRUE = ox.Literal("true", datatype=_XSD_BOOLEAN)
_FALSE = ox.Literal("false", datatype=_XSD_BOOLEAN)
_CHUNK = 1 << 16

# Virtuoso's own graphs, present in every database it creates.
VIRTUOSO_SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://www.w3.org/2002/07/owl#",
)

_GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")

# What a request was for, said inside the messages about it (in the reader's language). What
# the server or the network said is quoted as it is: in Chinese between “ ”.
_QUERY = N_("查询")
_UPDATE = N_("更新")
_GSP_READ = N_("图存储协议读取")
_GSP_WRITE = N_("图存储协议写入")
_GRAPH_NAME = N_("图名")
_BASE_IRI = N_("基准 IRI")


@dataclass(frozen=True)
class Endpoints:
    """Where a server takes each protocol. `gsp` None: loads go through SPARQL Update."""

    query: str
    update: str | None
    gsp: str | None
    server: str = "sparql"  # "oxigraph", "virtuoso" or "sparql"
    hidden_graphs: tuple[str, ...] = ()
    # The sd:feature IRIs of its service description (None: it has none).
    features: frozenset[str] | None = None
    # Media types the server is known to write wrongly (converted from JSON instead).
    distrusted: frozenset[str] = field(default_factory=frozenset)
    # It writes xsd:boolean as 1 and 0 (Virtuoso keeps values, not lexical forms).
    numeric_booleans: bool = False


def _env(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None


def _one_line(text: str, limit: int = 300) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.split("SPARQL query:")[0]  # Virtuoso echoes the whole query after this
    text = " ".join(text.split())
    return text[:limit] + ("…" if len(text) > limit else "")


def _iri(name: str, what: Message = _GRAPH_NAME) -> ox.NamedNode:
    try:
        return ox.NamedNode(name)
    except ValueError as e:
        raise StoreError(N_("{what} {name} 不是 IRI：“{why}”", what=what, name=repr(name),
                            why=str(e))) from None


def _unreadable_answer(url: str, why: str) -> QueryError:
    return QueryError(N_("查询（{url}）：无法读取服务器的答复：“{why}”", url=url, why=why))


def _not_in_format(url: str, fmt: ox.QueryResultsFormat | ox.RdfFormat, why: object
                   ) -> QueryError:
    return QueryError(N_("查询（{url}）：服务器的答复不是 {format}：“{why}”", url=url,
                         format=fmt.media_type, why=str(why)))


class _AnyAuth(httpx.Auth):
    """Basic or digest, whichever the server's first challenge asks for."""

    def __init__(self, user: str, password: str, scheme: str | None = None) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self.scheme = scheme

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response,
                                                             None]:
        if self.scheme is None:
            response = yield request
            if response.status_code != 401:
                return
            challenge = response.headers.get("www-authenticate", "").lower()
            self.scheme = "digest" if challenge.startswith("digest") else "basic"
        chosen = self._digest if self.scheme == "digest" else self._basic
        yield from chosen.auth_flow(request)


class _FileBody:
    """A request body read from a file in chunks; iterable again when auth resends it."""

    def __init__(self, path: Path, prefix: bytes = b"", suffix: bytes = b"") -> None:
        self.path, self.prefix, self.suffix = path, prefix, suffix
        self.length = len(prefix) + path.stat().st_size + len(suffix)

    def __iter__(self) -> Iterator[bytes]:
        if self.prefix:
            yield self.prefix
        with self.path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                yield chunk
        if self.suffix:
            yield self.suffix


class _StreamReader(io.RawIOBase):
    """A binary file over an iterator of chunks (an HTTP response read as it arrives)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buf = chunk
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


class _Counted(io.RawIOBase):
    """A file that tells `progress` how many bytes were read from it so far."""

    def __init__(self, raw: IO[bytes], progress: Callable[[int], None]) -> None:
        self._raw, self._progress, self._read = raw, progress, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self._raw.read(len(b))
        b[:len(data)] = data
        self._read += len(data)
        self._progress(self._read)
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open_rdf(source: Path, progress: Callable[[int], None] | None = None) -> IO[bytes]:
    """The file, decompressed as it is read when it is gzip (by its magic number)."""
    f = source.open("rb")
    gz = f.peek(2)[:2] == b"\x1f\x8b"
    counted: IO[bytes] = io.BufferedReader(_Counted(f, progress)) if progress else f
    if gz:
        return gzip.GzipFile(fileobj=counted, mode="rb")  # type: ignore[return-value]
    return counted


class RemoteStore(Store):
    """Named graphs on a SPARQL 1.1 server whose default graph is their union."""

    def __init__(self, url: str, *, query_url: str | None = None,
                 update_url: str | None = None, gsp_url: str | None = None,
                 user: str | None = None, password: str | None = None,
                 auth: str | None = None, timeout_s: float = 60.0,
                 hidden_graphs: Sequence[str] | None = None, server: str | None = None,
                 check_union: bool = True, token: str | None = None) -> None:
        self.location = url.rstrip("/") or url
        self.timeout_s = timeout_s
        self._user, self._password = user, password
        self._auth_scheme = auth
        if auth not in (None, "basic", "digest"):
            raise StoreError(N_("{url} 的认证方式 {auth} 未知：请用 basic 或 digest", url=url,
                                auth=repr(auth)))
        self._token = token
        headers = {"User-Agent": "coopkg"}
        if token:  # a bearer token, as `coopkg serve` asks of writers
            headers["Authorization"] = f"Bearer {token}"
        self._client = httpx.Client(
            auth=_AnyAuth(user, password or "", auth) if user is not None else None,
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
            follow_redirects=True, headers=headers)
        self._generation = 0
        try:
            self.endpoints = self._discover(query_url, update_url, gsp_url, hidden_graphs,
                                            server)
            if check_union:
                self._check_union()
        except BaseException:
            self._client.close()
            raise

    # -- opening -----------------------------------------------------------------------
    @classmethod
    def from_url(cls, url: str, **options: Any) -> RemoteStore:
        """The store at `url`, with options from keywords, the URL's userinfo and the
        environment (COOPKG_STORE_*), in that order."""
        parts = urlsplit(url)
        user = unquote(parts.username) if parts.username else _env("COOPKG_STORE_USER")
        password = (unquote(parts.password) if parts.password is not None
                    else _env("COOPKG_STORE_PASSWORD"))
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        plain = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        timeout = _env("COOPKG_STORE_TIMEOUT_S")
        hidden = _env("COOPKG_STORE_HIDDEN_GRAPHS")
        defaults: dict[str, Any] = {
            "query_url": _env("COOPKG_STORE_QUERY_URL"),
            "update_url": _env("COOPKG_STORE_UPDATE_URL"),
            "gsp_url": _env("COOPKG_STORE_GSP_URL"),
            "user": user, "password": password,
            "auth": _env("COOPKG_STORE_AUTH"),
            "token": _env("COOPKG_STORE_TOKEN"),
            "hidden_graphs": hidden.split() if hidden is not None else None,
        }
        if timeout is not None:
            try:
                defaults["timeout_s"] = float(timeout)
            except ValueError:
                raise StoreError(N_("COOPKG_STORE_TIMEOUT_S={value} 不是秒数",
                                    value=repr(timeout))) from None
        return cls(plain, **{**defaults, **options})

    @classmethod
    def from_spec(cls, spec: ReaderSpec) -> RemoteStore:
        """The store another process described with `reader_spec()`; no discovery."""
        o = spec.options
        return cls(spec.location, query_url=o["query_url"],
                   update_url=o.get("update_url") or None, gsp_url=o.get("gsp_url") or None,
                   user=o.get("user") or None, password=o.get("password"),
                   auth=o.get("auth") or None, timeout_s=float(o.get("timeout_s", "60")),
                   hidden_graphs=o.get("hidden_graphs", "").split(),
                   server=o.get("server") or None, check_union=False,
                   token=o.get("token") or None)

    def reader_spec(self) -> ReaderSpec:
        e = self.endpoints
        options = {"query_url": e.query, "update_url": e.update or "", "gsp_url": e.gsp or "",
                   "timeout_s": str(self.timeout_s), "hidden_graphs": " ".join(e.hidden_graphs),
                   "server": e.server}
        if self._token:
            options["token"] = self._token
        if self._user is not None:
            options.update(user=self._user, password=self._password or "",
                           auth=self._auth_scheme or self._negotiated_scheme() or "")
        return ReaderSpec(kind="remote", generation=self._generation, location=self.location,
                          options=options)

    def _negotiated_scheme(self) -> str | None:
        auth = self._client.auth
        return auth.scheme if isinstance(auth, _AnyAuth) else None

    def close(self) -> None:
        self._client.close()

    def _discover(self, query_url: str | None, update_url: str | None, gsp_url: str | None,
                  hidden: Sequence[str] | None, known: str | None) -> Endpoints:
        """Explicit endpoints win; the rest follow from the kind of server (`known`, or
        told by its Server header): Oxigraph's and Virtuoso's layouts, or for any other
        server its service description."""
        if known not in (None, "oxigraph", "virtuoso", "sparql"):
            raise StoreError(N_("{url} 的 SPARQL 服务器种类 {kind} 未知：可用 oxigraph、virtuoso "
                                "或 sparql", url=self.location, kind=repr(known)))
        server = known or self._server_kind(query_url or self.location)
        base = self.location
        credentials = self._user is not None
        if server == "oxigraph":
            root = re.sub(r"/(query|update|store|sparql)$", "", base)
            found = Endpoints(query=f"{root}/query", update=f"{root}/update",
                              gsp=f"{root}/store", server=server)
        elif server == "virtuoso":
            parts = urlsplit(base)
            path = parts.path if parts.path in ("/sparql", "/sparql-auth") else (
                "/sparql-auth" if credentials else "/sparql")
            suffix = "-auth" if path.endswith("-auth") else ""
            origin = f"{parts.scheme}://{parts.netloc}"
            found = Endpoints(query=origin + path, update=origin + path,
                              gsp=f"{origin}/sparql-graph-crud{suffix}", server=server,
                              # Checked by the tests: TSV with quoted headers, integral
                              # decimals written as integers in Turtle, xsd:boolean as 1
                              # everywhere: every answer is read and written again.
                              distrusted=frozenset(MEDIA_TYPES), numeric_booleans=True)
        else:
            found = self._from_description(query_url)
        found = replace(found, query=query_url or found.query,
                        update=update_url or found.update, gsp=gsp_url or found.gsp)
        if server == "virtuoso":
            found = replace(found, hidden_graphs=tuple(
                hidden if hidden is not None else self._virtuoso_system_graphs(found)))
        elif hidden:
            raise StoreError(N_("{url}：只有 Virtuoso 能隐藏图", url=self.location))
        return found

    def _server_kind(self, url: str) -> str:
        try:
            r = self._client.get(url, headers={"Accept": _SD_ACCEPT})
        except httpx.TimeoutException:
            raise StoreError(N_("{url} 的 SPARQL 服务器在 {seconds} 秒内没有应答", url=url,
                                seconds=format(self.timeout_s, "g"))) from None
        except httpx.HTTPError as e:
            raise StoreError(N_("无法连接 {url} 的 SPARQL 服务器：“{reason}”", url=url,
                                reason=_reason(e))) from None
        server = r.headers.get("server", "")
        if server.startswith("Oxigraph"):
            return "oxigraph"
        if server.startswith("Virtuoso"):
            return "virtuoso"
        return "sparql"

    def _describe(self, url: str) -> tuple[set[str], set[str]] | None:
        """The languages and features a service description at `url` declares, or None
        when `url` does not describe a SPARQL service."""
        try:
            r = self._client.get(url, headers={"Accept": _SD_ACCEPT})
        except httpx.HTTPError:
            return None
        ctype = r.headers.get("content-type", "").split(";")[0].strip()
        fmt = ox.RdfFormat.from_media_type(ctype) if ctype else None
        if r.status_code != 200 or fmt is None:
            return None
        try:
            triples = list(ox.parse(r.content, format=fmt, base_iri=url))
        except (SyntaxError, ValueError):
            return None
        services = {t.subject for t in triples if t.predicate.value == RDF_TYPE
                    and t.object == ox.NamedNode(SD + "Service")}
        if not services:
            return None
        langs = {t.object.value for t in triples if t.subject in services
                 and t.predicate.value == SD + "supportedLanguage"}
        features = {t.object.value for t in triples if t.subject in services
                    and t.predicate.value == SD + "feature"}
        return langs, features

    def _from_description(self, query_url: str | None) -> Endpoints:
        candidates = [query_url] if query_url else [
            self.location, f"{self.location}/query", f"{self.location}/sparql"]
        for url in candidates:
            assert url is not None
            described = self._describe(url)
            if described is None:
                continue
            langs, features = described
            update = url if SD + "SPARQL11Update" in langs else None
            return Endpoints(query=url, update=update, gsp=None, features=frozenset(features))
        if query_url:
            return Endpoints(query=query_url, update=None, gsp=None)
        raise StoreError(N_(
            "{urls} 处没有 SPARQL 服务描述；请用 COOPKG_STORE_QUERY_URL、COOPKG_STORE_UPDATE_URL"
            "（及 COOPKG_STORE_GSP_URL）给出端点", urls=", ".join(c for c in candidates if c)))

    def _virtuoso_system_graphs(self, e: Endpoints) -> list[str]:
        # Its service description lives in a graph named like its endpoint, under the
        # host of [URIQA] DefaultHost, which the client cannot know: find it by shape.
        q = (f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{SD}Service> }} }}")
        rows = self._select_raw(q, endpoints=e)
        return list(VIRTUOSO_SYSTEM_GRAPHS) + _iris(rows, "g")

    def _check_union(self) -> None:
        e = self.endpoints
        refused = {
            "oxigraph": N_("{url} 的 SPARQL 服务器没有把各命名图的并集用作默认图，而 coopkg 的查询"
                           "需要这样：请用 `oxigraph serve --union-default-graph` 启动它",
                           url=e.query),
            "sparql": N_("{url} 的 SPARQL 服务器没有把各命名图的并集用作默认图，而 coopkg 的查询"
                         "需要这样：请打开它的并集默认图（Fuseki：tdb2:unionDefaultGraph true；"
                         "GraphDB 和 Virtuoso 默认如此）", url=e.query)}
        features = e.features
        if e.server == "oxigraph":
            described = self._describe(e.query)
            features = frozenset(described[1]) if described else frozenset()
        elif e.server == "virtuoso":
            return  # every graph is in its default graph (sd:UnionDefaultGraph)
        if features is not None:
            if SD + "UnionDefaultGraph" not in features:
                raise StoreError(refused.get(e.server, refused["sparql"]))
            return
        # No description: look at the data (an empty store cannot tell).
        rows = self._select_raw("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1")
        if rows and not self.ask("ASK { ?s ?p ?o }", bindings=rows[0]):
            raise StoreError(refused["sparql"])

    # -- HTTP --------------------------------------------------------------------------
    def _send(self, method: str, url: str, *, what: Message,
              error: type[StoreError | QueryError] = StoreError, **kwargs: Any
              ) -> httpx.Response:
        try:
            r = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise self._late(what, url, error) from None
        except httpx.HTTPError as e:
            raise _failed(what, url, e) from None
        self._raise_for(r, url, what, error)
        return r

    @contextlib.contextmanager
    def _stream(self, method: str, url: str, *, what: Message,
                error: type[StoreError | QueryError],
                allow: tuple[int, ...] = (), **kwargs: Any) -> Iterator[httpx.Response]:
        try:
            with self._client.stream(method, url, **kwargs) as r:
                if r.status_code not in allow:
                    if r.status_code >= 400:
                        r.read()
                    self._raise_for(r, url, what, error)
                yield r
        except httpx.TimeoutException:
            raise self._late(what, url, error) from None
        except httpx.HTTPError as e:
            raise _failed(what, url, e) from None

    def _late(self, what: Message, url: str, error: type[StoreError | QueryError]
              ) -> StoreError | QueryError:
        return error(N_("{what}（{url}）在 {seconds} 秒内没有应答", what=what, url=url,
                        seconds=format(self.timeout_s, "g")))

    @staticmethod
    def _raise_for(r: httpx.Response, url: str, what: Message,
                   error: type[StoreError | QueryError]) -> None:
        said = "" if r.status_code < 400 else _one_line(r.text) or r.reason_phrase
        if r.status_code in (401, 403):
            raise StoreError(N_(
                "{what}（{url}）被拒绝（{status}）：请检查用户名和密码（COOPKG_STORE_USER / "
                "COOPKG_STORE_PASSWORD，或 URL 中的“用户:密码@”）及其权限；服务器答复：“{said}”",
                what=what, url=url, status=r.status_code, said=said))
        # A 400 to a query or update: the server refused the text itself, said as the
        # embedded store says it.
        if r.status_code == 400 and error is QueryError and what == _QUERY:
            raise MalformedQuery(N_("查询有语法错误（{url} 的服务器拒绝了它）：“{said}”",
                                    url=url, said=said))
        if r.status_code == 400 and what == _UPDATE:
            raise MalformedUpdate(N_("更新有语法错误（{url} 的服务器拒绝了它）：“{said}”",
                                     url=url, said=said))
        if r.status_code >= 400:
            raise error(N_("{what}（{url}）失败（{status}）：“{said}”", what=what, url=url,
                           status=r.status_code, said=said))
        cut = r.headers.get("x-sparql-maxrows")
        if cut:
            raise QueryError(N_("{what}（{url}）：服务器在 {rows} 行处截断了结果（Virtuoso 的 "
                                "[SPARQL] ResultSetMaxRows）；请调高这个上限", what=what,
                                url=url, rows=cut))

    def _authenticate(self, url: str) -> None:
        """Answer the server's challenge for `url` with a request without a body, so a
        large body goes once, authenticated: a server that refuses it unread (Virtuoso
        answers 401 at once) would leave the client sending into a closed socket. Digest
        challenges are per path there, so this is done before every large body."""
        if self._client.auth is None:
            return
        with contextlib.suppress(httpx.HTTPError):
            self._client.head(url)

    def _prepare(self, query: str, e: Endpoints, *, base_iri: str | None = None) -> str:
        head = []
        if e.server == "virtuoso" and query_form(query) == "DESCRIBE":
            # Virtuoso's default DESCRIBE finds nothing without FROM; CBD is what Oxigraph
            # does (Virtuoso adds the triples pointing at the resource, as SPARQL allows).
            head.append('define sql:describe-mode "CBD"')
        if base_iri is not None and not _has_base(query):
            head.append(f"BASE {_iri(base_iri, _BASE_IRI)}")
        return "\n".join([*head, query]) if head else query

    def _dataset_params(self, query: str, dataset: Dataset | None) -> dict[str, list[str]]:
        if dataset is not None and dataset.in_query:
            default, named = dataset_clauses(query)
            if default or named:
                return {"default-graph-uri": default, "named-graph-uri": named}
        if dataset is None or not (dataset.default_graphs or dataset.named_graphs):
            return {}
        default = list(dataset.default_graphs)
        named = list(dataset.named_graphs)
        # Empty lists mean the store's own: the union, every named graph.
        if not default or not named:
            every = self.graph_names()
            default = default or every
            named = named or every
        for g in (*default, *named):
            _iri(g)
        return {"default-graph-uri": default, "named-graph-uri": named}

    def _query_request(self, query: str, accept: str, *, dataset: Dataset | None = None,
                       base_iri: str | None = None,
                       endpoints: Endpoints | None = None) -> dict[str, Any]:
        e = endpoints or self.endpoints
        data: dict[str, Any] = {"query": self._prepare(query, e, base_iri=base_iri),
                                **self._dataset_params(query, dataset)}
        return {"method": "POST", "url": e.query, "data": data,
                "headers": {"Accept": accept}}

    def _run_query(self, query: str, accept: str, **kw: Any) -> httpx.Response:
        req = self._query_request(query, accept, **kw)
        return self._send(req.pop("method"), req.pop("url"), what=_QUERY,
                          error=QueryError, **req)

    def _select_raw(self, query: str, *, endpoints: Endpoints | None = None
                    ) -> list[dict[str, Term]]:
        r = self._run_query(query, _RESULTS_TYPE, endpoints=endpoints)
        return self._parse_solutions(r, endpoints or self.endpoints).rows

    def _parse_results(self, r: httpx.Response, e: Endpoints
                       ) -> ox.QuerySolutions | ox.QueryBoolean:
        fmt = _results_format(r)
        content = r.content
        if fmt == ox.QueryResultsFormat.JSON and b'"bnode"' in content:
            content = b"".join(_plain_bnode_ids(iter([content])))
        try:
            return _ask_as_boolean(ox.parse_query_results(content, format=fmt))
        except (SyntaxError, ValueError) as err:
            raise _not_in_format(e.query, fmt, err) from None

    def _parse_solutions(self, r: httpx.Response, e: Endpoints) -> Solutions:
        results = self._parse_results(r, e)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError(N_("查询（{url}）：应得到一组解答，却得到一个布尔值", url=e.query))
        variables = [v.value for v in results.variables]
        try:
            fix = _mend if e.numeric_booleans else _same
            rows = [{v: fix(t) for v in variables if (t := s[v]) is not None}
                    for s in results]
        except (SyntaxError, ValueError) as err:
            raise _unreadable_answer(e.query, str(err)) from None
        return Solutions(variables=variables, rows=rows)

    def _fix(self, term: Any) -> Any:
        """A term as the store was given it, where the server wrote it otherwise."""
        return _mend(term) if self.endpoints.numeric_booleans else term

    def _fix_triple(self, t: ox.Triple | ox.Quad) -> ox.Triple:
        return ox.Triple(t.subject, t.predicate, self._fix(t.object))

    # -- reading -----------------------------------------------------------------------
    def generation(self) -> int:
        return self._generation

    def graph_names(self) -> list[str]:
        hidden = set(self.endpoints.hidden_graphs)
        # GROUP BY, not DISTINCT: Virtuoso answers it from an index (ms, not seconds).
        rows = self._select_raw("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return [g for g in _iris(rows, "g") if g not in hidden]

    def is_empty(self) -> bool:
        if not self.endpoints.hidden_graphs:
            return super().is_empty()
        # SELECT, not ASK: Virtuoso answers this ASK as a SELECT of `__ASK_RETVAL` once
        # it holds data.
        return not self._select_raw(
            f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._not_hidden('g')} }} LIMIT 1")

    def _not_hidden(self, var: str) -> str:
        """A FILTER leaving the server's own graphs out of a listing, count or dump. Queries
        are not rewritten: naming every graph as each query's dataset does not scale to a
        graph per proposal, and Virtuoso 7.2's `input:*-graph-exclude` pragmas lose the
        matches of `GRAPH <iri> { … }`."""
        hidden = self.endpoints.hidden_graphs
        if not hidden:
            return ""
        return f"FILTER (?{var} NOT IN ({', '.join(str(_iri(g)) for g in hidden)}))"

    def graph_size(self, name: str) -> int:
        # Grouped, and COUNT(?s) not COUNT(*): Virtuoso counts one row for a graph
        # outside the dataset's named graphs under COUNT(*).
        return self._count("SELECT ?g (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                           "GROUP BY ?g", {"g": _iri(name)})

    def size(self) -> int:
        named = self._count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                            f"{self._not_hidden('g')} }}")
        return named + self._default_graph_size()

    def _count(self, query: str, bindings: Mapping[str, Term] | None = None) -> int:
        rows = self.select(query, bindings=bindings).rows
        if not rows:
            return 0
        n = rows[0].get("n")
        if not isinstance(n, ox.Literal):
            raise QueryError(N_("查询（{url}）：答复中没有计数", url=self.endpoints.query))
        return int(float(n.value))

    def _default_graph_size(self) -> int:
        return sum(1 for _ in self._default_graph_terms())

    def _default_graph_terms(self) -> Iterator[tuple[Any, Any, Any, ox.DefaultGraph]]:
        """The triples of the server's own default graph, which the union hides from
        queries, read through the Graph Store protocol (Virtuoso has none)."""
        e = self.endpoints
        if e.gsp is None or e.server == "virtuoso":
            return
        with self._stream("GET", e.gsp, what=_GSP_READ, error=StoreError,
                          params={"default": ""},
                          headers={"Accept": "application/n-triples"}) as r:
            reader = io.BufferedReader(_StreamReader(r.iter_bytes(_CHUNK)))
            for t in ox.parse(reader, format=_rdf_format(r) or ox.RdfFormat.N_TRIPLES):
                yield t.subject, t.predicate, self._fix(t.object), ox.DefaultGraph()

    def select(self, query: str, *, bindings: Mapping[str, Term] | None = None,
               dataset: Dataset | None = None) -> Solutions:
        r = self._run_query(inline_values(query, bindings), _RESULTS_TYPE, dataset=dataset)
        return self._parse_solutions(r, self.endpoints)

    def ask(self, query: str, *, bindings: Mapping[str, Term] | None = None,
            dataset: Dataset | None = None) -> bool:
        r = self._run_query(inline_values(query, bindings), _RESULTS_TYPE, dataset=dataset)
        result = self._parse_results(r, self.endpoints)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError(N_("查询（{url}）：应得到一个布尔值", url=self.endpoints.query))
        return bool(result)

    def construct(self, query: str, *, bindings: Mapping[str, Term] | None = None,
                  dataset: Dataset | None = None) -> list[ox.Triple]:
        r = self._run_query(inline_values(query, bindings), "application/n-triples",
                            dataset=dataset)
        return list(self._parse_triples(r))

    def _parse_triples(self, r: httpx.Response) -> Iterator[ox.Triple]:
        fmt = _rdf_format(r) or ox.RdfFormat.N_TRIPLES
        try:
            for t in ox.parse(r.content, format=fmt):
                yield self._fix_triple(t)
        except (SyntaxError, ValueError) as err:
            raise _not_in_format(self.endpoints.query, fmt, err) from None

    def query_to(self, query: str, out: BinaryIO, media_type: str, *,
                 bindings: Mapping[str, Term] | None = None, dataset: Dataset | None = None,
                 base_iri: str | None = None) -> str:
        form = query_form(query)
        query = inline_values(query, bindings)
        target = MEDIA_TYPES.get(media_type)
        graph = form in _GRAPH_FORMS
        if target is None or isinstance(target, ox.RdfFormat) != graph:
            raise QueryError(N_("{media_type} 无法容纳 {form} 查询的结果", media_type=media_type,
                                form=form))
        e = self.endpoints
        canonical = "application/n-triples" if graph else _RESULTS_TYPE
        ask_for = canonical if media_type in e.distrusted else media_type
        req = self._query_request(query, ask_for, dataset=dataset, base_iri=base_iri)
        method, url = req.pop("method"), req.pop("url")
        with self._stream(method, url, what=_QUERY, error=QueryError, allow=(406,),
                          **req) as r:
            if r.status_code == 406 or (r.status_code == 200 and _media(r) != ask_for
                                        and ask_for != canonical):
                pass  # the server cannot write it: ask for what we can convert, below
            elif _media(r) == media_type and media_type not in e.distrusted:
                for chunk in r.iter_bytes(_CHUNK):
                    out.write(chunk)
                return form
            else:
                self._convert(r, out, target)
                return form
        req = self._query_request(query, canonical, dataset=dataset, base_iri=base_iri)
        with self._stream(req.pop("method"), req.pop("url"), what=_QUERY, error=QueryError,
                          **req) as r:
            self._convert(r, out, target)
        return form

    def _convert(self, r: httpx.Response, out: BinaryIO,
                 target: ox.QueryResultsFormat | ox.RdfFormat) -> None:
        """Re-serialise a streamed answer with pyoxigraph, as it arrives."""
        def write(reader: IO[bytes]) -> None:
            if isinstance(target, ox.RdfFormat):
                fmt = _rdf_format(r) or ox.RdfFormat.N_TRIPLES
                triples = (self._fix_triple(t) for t in ox.parse(reader, format=fmt))
                ox.serialize(triples, output=out, format=target)
                return
            results = _ask_as_boolean(ox.parse_query_results(reader,
                                                             format=_results_format(r)))
            if not self.endpoints.numeric_booleans:
                results.serialize(output=out, format=target)
            elif isinstance(results, ox.QueryBoolean):
                _write_boolean(bool(results), out, target)
            else:
                variables = [v.value for v in results.variables]
                _write_solutions(variables, ({v: self._fix(t) for v in variables
                                              if (t := s[v]) is not None} for s in results),
                                 out, target)

        self._reread(r, write)

    def _reread(self, r: httpx.Response, write: Callable[[IO[bytes]], None]) -> None:
        """`write` given the answer as a file, read as it arrives (blank node ids made
        readable); a failure to read it becomes a QueryError that holds none of
        pyoxigraph's result objects: they are bound to this thread, and the server hands
        errors to another."""
        chunks = r.iter_bytes(_CHUNK)
        if _media(r) == _RESULTS_TYPE:
            chunks = _plain_bnode_ids(chunks)
        failure = None
        try:
            write(io.BufferedReader(_StreamReader(chunks)))
        except (SyntaxError, ValueError, TypeError) as err:
            failure = str(err)
        if failure is not None:
            raise _unreadable_answer(self.endpoints.query, failure)

    def read_graph(self, *names: str) -> Graph:
        def triples(name: str) -> Iterator[ox.Quad]:
            buf = io.BytesIO()
            self._graph_to(buf, _iri(name))
            # fresh blank nodes per graph: two answers may use the same labels
            yield from ox.parse(buf.getvalue(), format=ox.RdfFormat.N_TRIPLES,
                                rename_blank_nodes=True)

        return rdflib_graph(itertools.chain.from_iterable(triples(n) for n in names))

    def _graph_to(self, out: BinaryIO, name: ox.NamedNode,
                  fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES, as_graph: bool = False) -> None:
        """One named graph written to `out`, streamed (triples; quads in `name` if
        `as_graph`)."""
        q = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
        req = self._query_request(inline_values(q, {"g": name}), "application/n-triples")
        with self._stream(req.pop("method"), req.pop("url"), what=_QUERY, error=QueryError,
                          **req) as r:
            def write(reader: IO[bytes]) -> None:
                triples = ox.parse(reader, format=_rdf_format(r) or ox.RdfFormat.N_TRIPLES)
                fixed = (self._fix_triple(t) for t in triples)
                if as_graph:
                    ox.serialize((ox.Quad(t.subject, t.predicate, t.object, name)
                                  for t in fixed), output=out, format=fmt)
                else:
                    ox.serialize(fixed, output=out, format=fmt)

            self._reread(r, write)

    def dump(self, out: BinaryIO, fmt: str, *, graph: str | None = None) -> None:
        if fmt not in FORMATS:
            raise StoreError(N_("未知的格式 {fmt}；可用：{known}", fmt=repr(fmt),
                                known=", ".join(FORMATS)))
        rdf_format, quads = FORMATS[fmt]
        if graph is not None:
            target = _iri(graph)
            if graph not in self.graph_names():
                raise StoreError(N_("{url} 的存储中没有名为 {graph} 的图", url=self.location,
                                    graph=graph))
            self._graph_to(out, target, rdf_format, as_graph=quads and fmt != "jsonld")
            return
        where = f"WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._not_hidden('g')} }}"
        q = f"SELECT ?s ?p ?o ?g {where}" if quads else f"SELECT DISTINCT ?s ?p ?o {where}"
        req = self._query_request(q, _RESULTS_TYPE)
        with self._stream(req.pop("method"), req.pop("url"), what=_QUERY, error=QueryError,
                          **req) as r:
            def write(reader: IO[bytes]) -> None:
                rows = ox.parse_query_results(reader, format=_results_format(r))
                if not isinstance(rows, ox.QuerySolutions):
                    raise ValueError("expected solutions, got a boolean")
                fix = self._fix
                named = ((s["s"], s["p"], fix(s["o"]), s["g"]) for s in rows)
                every = itertools.chain(named, self._default_graph_terms())
                if quads:
                    ox.serialize((ox.Quad(*t) for t in every), output=out, format=rdf_format)
                else:
                    ox.serialize((ox.Triple(*t[:3]) for t in every), output=out,
                                 format=rdf_format)

            self._reread(r, write)

    # -- writing -----------------------------------------------------------------------
    def _update_url(self) -> str:
        if self.endpoints.update is None:
            raise StoreError(N_("{url} 的 SPARQL 服务器没有声明 SPARQL 更新端点；请用 "
                                "COOPKG_STORE_UPDATE_URL 给出", url=self.location))
        return self.endpoints.update

    def _post_update(self, body: bytes | _FileBody,
                     params: Mapping[str, list[str]] | None = None) -> None:
        url = self._update_url()
        length = len(body) if isinstance(body, bytes) else body.length
        headers = {"Content-Type": "application/sparql-update; charset=utf-8",
                   "Content-Length": str(length)}
        if length > _CHUNK:
            self._authenticate(url)
        self._generation += 1  # even on failure: the server may have applied part
        self._send("POST", url, what=_UPDATE, error=StoreError, headers=headers,
                   content=body, params={k: v for k, v in (params or {}).items() if v})

    def update(self, text: str, *, base_iri: str | None = None, using: Sequence[str] = (),
               using_named: Sequence[str] = ()) -> None:
        params: dict[str, list[str]] = {}
        if self.endpoints.server == "virtuoso":  # written into the text, which it takes
            text = with_dataset(text, default=using, named=using_named)
        else:
            check_dataset(text, default=using, named=using_named)
            lifted = None if using or using_named else lift_using(text)
            if lifted is not None:
                text, using, using_named = lifted
            params = {"using-graph-uri": [_iri(g).value for g in using],
                      "using-named-graph-uri": [_iri(g).value for g in using_named]}
        prefix = f"BASE {_iri(base_iri, _BASE_IRI)}\n" if base_iri is not None \
            and not _has_base(text) else ""
        self._post_update((prefix + self._as_server_takes(text)).encode("utf-8"),
                          params=params)

    def _as_server_takes(self, update: str) -> str:
        if self.endpoints.server == "virtuoso":
            return insert_data_as_template(update)
        return update

    @staticmethod
    def _ntriples(name: str, graph: Graph) -> tuple[bytes, int]:
        """The graph as checked N-Triples: a term Oxigraph would refuse (an IRI with a
        space, a malformed language tag) fails here, before a request is sent."""
        try:
            triples = [ox.Triple(ox_term(s), ox_term(p), ox_term(o))  # type: ignore[arg-type]
                       for s, p, o in graph]
        except (ValueError, TypeError) as e:
            raise StoreError(N_("图 {name} 无法写入：“{why}”", name=name, why=str(e))) from None
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", len(triples)

    def _default_graph_unsupported(self) -> None:
        if self.endpoints.server == "virtuoso":
            raise StoreError(N_("{url} 的 Virtuoso 没有自己的默认图（它的默认图是各命名图的并集）："
                                "请指明一个图", url=self.location))

    def replace_graphs(self, graphs: Mapping[str, Graph], *, drop: Sequence[str] = (),
                       then: str = "") -> dict[str, int]:
        targets = {name: str(_iri(name)) for name in (*drop, *graphs)}
        checked = {name: self._ntriples(name, graph) for name, graph in graphs.items()}
        sizes = {name: n for name, (_, n) in checked.items()}
        if self.endpoints.server == "virtuoso":
            # Its SPARQL parser runs out of memory on an INSERT DATA of some thousands of
            # triples, and it would not apply the request as one transaction anyway: every
            # graph is checked first, then the dropped graphs go, then each graph is put
            # in place whole through the Graph Store protocol (docs/stores.md).
            gone = [name for name in drop if name not in graphs]
            if gone:
                self._post_update(" ;\n".join(f"DROP SILENT GRAPH {targets[name]}"
                                              for name in gone).encode())
            for name, (data, _) in checked.items():
                self._put_graph(name, data)
            if then.strip():
                self._post_update(self._as_server_takes(then).encode("utf-8"))
            return sizes
        ops = [f"DROP SILENT GRAPH {targets[name]}".encode()
               for name in dict.fromkeys((*drop, *graphs))]
        if graphs:
            body = [b"INSERT DATA {\n"]
            for name, (data, _) in checked.items():
                body += [f"GRAPH {targets[name]} {{\n".encode(), data, b"}\n"]
            ops.append(b"".join([*body, b"}"]))
        if then.strip():
            ops.append(then.encode("utf-8"))
        if ops:
            self._post_update(b" ;\n".join(ops))
        return sizes

    def _put_graph(self, name: str, data: bytes, *, method: str = "PUT") -> None:
        e = self.endpoints
        if e.gsp is None:
            raise StoreError(N_("{url} 没有图存储协议端点；请用 COOPKG_STORE_GSP_URL 给出",
                                url=self.location))
        self._generation += 1
        self._authenticate(e.gsp)
        self._send(method, e.gsp, what=_GSP_WRITE, params={"graph": name},
                   content=data, headers={"Content-Type": "application/n-triples"})

    def add_graph(self, name: str | None, graph: Graph) -> int:
        data, n = self._ntriples(name or "default", graph)
        if name is None:
            self._default_graph_unsupported()
            self._post_update(b"INSERT DATA {\n" + data + b"}\n")
        elif self.endpoints.server == "virtuoso":
            self._put_graph(name, data, method="POST")  # see replace_graphs
        else:
            self._post_update(f"INSERT DATA {{ GRAPH {_iri(name)} {{\n".encode() + data
                              + b"} }\n")
        return n

    def drop_graph(self, name: str | None) -> None:
        if name is None:
            self._default_graph_unsupported()
            self._post_update(b"DROP SILENT DEFAULT")
        else:
            self._post_update(f"DROP SILENT GRAPH {_iri(name)}".encode())

    def load(self, source: Path, fmt: ox.RdfFormat, *, graph: str | None = None,
             base_iri: str | None = None, progress: Callable[[int], None] | None = None
             ) -> int:
        """The file is read and checked whole (into N-Triples files on disk) before
        anything is sent, so a file that cannot be read changes nothing; each graph then
        goes in one request. Returns the quads the store gained."""
        target = _iri(graph) if graph is not None else None
        if target is None and not fmt.supports_datasets:
            self._default_graph_unsupported()
        with tempfile.TemporaryDirectory(prefix="coopkg-load-") as tmp:
            files = self._spool(source, fmt, target, base_iri, Path(tmp), progress)
            before = self.size()
            for name, path in files.items():
                self._send_graph(name, path)
        return self.size() - before

    def _spool(self, source: Path, fmt: ox.RdfFormat, target: ox.NamedNode | None,
               base_iri: str | None, tmp: Path, progress: Callable[[int], None] | None
               ) -> dict[str | None, Path]:
        """Parse `source` as it is read into N-Triples files on disk, one per graph (None:
        the default graph): checked, absolute, and of known length for the request."""
        files: dict[str | None, Path] = {}
        handles: dict[str | None, IO[bytes]] = {}
        try:
            with _open_rdf(source, progress) as f:
                for item in ox.parse(f, format=fmt, base_iri=base_iri):
                    if target is not None:
                        name: str | None = target.value
                    elif isinstance(item, ox.Quad) and isinstance(item.graph_name,
                                                                  ox.NamedNode):
                        name = item.graph_name.value
                    else:
                        name = None
                    out = handles.get(name)
                    if out is None:
                        files[name] = tmp / f"{len(files)}.nt"
                        out = handles[name] = files[name].open("wb")
                    out.write(str(ox.Triple(item.subject, item.predicate, item.object))
                              .encode("utf-8") + b" .\n")
        except UNREADABLE as e:
            raise unreadable(source, fmt, e) from None
        except OSError as e:
            raise StoreError(N_("无法读取 {file}：“{why}”", file=str(source), why=str(e))
                             ) from None
        finally:
            for h in handles.values():
                h.close()
        if None in files:
            self._default_graph_unsupported()
        return files

    def _send_graph(self, name: str | None, path: Path) -> None:
        e = self.endpoints
        if e.gsp is None:
            target = f"GRAPH {_iri(name)} {{\n" if name is not None else ""
            self._post_update(_FileBody(path, f"INSERT DATA {{ {target}".encode(),
                                        b"}" + (b" }" if name is not None else b"")))
            return
        body = _FileBody(path)
        params = {"graph": name} if name is not None else {"default": ""}
        self._generation += 1
        self._authenticate(e.gsp)
        self._send("POST", e.gsp, what=_GSP_WRITE, params=params, content=body,
                   headers={"Content-Type": "application/n-triples",
                            "Content-Length": str(body.length)})


def _same(term: Any) -> Any:
    return term


def _mend(term: Any) -> Any:
    """xsd:boolean as written: Virtuoso answers 1 and 0 for true and false."""
    if (isinstance(term, ox.Literal) and term.datatype == _XSD_BOOLEAN
            and term.value in ("0", "1")):
        return _TRUE if term.value == "1" else _FALSE
    return term


_TRIPLE_TERM = N_("这个转换器无法写出 RDF-star 的三元组项")


def _json_term(t: Term) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype != _XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    raise QueryError(_TRIPLE_TERM)


def _xml_term(t: Term) -> str:
    from xml.sax.saxutils import escape, quoteattr

    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype != _XSD_STRING:
            return (f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}"
                    "</literal>")
        return f"<literal>{escape(t.value)}</literal>"
    raise QueryError(_TRIPLE_TERM)


def _write_solutions(variables: list[str], rows: Iterator[dict[str, Term]], out: BinaryIO,
                     fmt: ox.QueryResultsFormat | ox.RdfFormat) -> None:
    """SPARQL 1.1 results written row by row (for answers whose terms had to be mended
    on the way, which pyoxigraph's writers cannot take)."""
    import csv
    from xml.sax.saxutils import quoteattr

    if fmt == ox.QueryResultsFormat.JSON:
        out.write(json.dumps({"head": {"vars": variables}})[:-1].encode()
                  + b',"results":{"bindings":[')
        for i, row in enumerate(rows):
            out.write((b"," if i else b"") + json.dumps(
                {k: _json_term(v) for k, v in row.items()}, ensure_ascii=False).encode())
        out.write(b"]}}")
    elif fmt == ox.QueryResultsFormat.XML:
        out.write(b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                  b"<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
                  .encode() + b"</head><results>")
        for row in rows:
            out.write(("<result>" + "".join(
                f"<binding name={quoteattr(k)}>{_xml_term(v)}</binding>"
                for k, v in row.items()) + "</result>").encode())
        out.write(b"</results></sparql>")
    elif fmt == ox.QueryResultsFormat.TSV:
        out.write(("\t".join(f"?{v}" for v in variables) + "\n").encode())
        for row in rows:
            out.write(("\t".join(str(row[v]) if v in row else "" for v in variables)
                       + "\n").encode())
    elif fmt == ox.QueryResultsFormat.CSV:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_csv_value(row[v]) if v in row else "" for v in variables])
        text.detach()
    else:
        raise QueryError(N_("{format} 无法容纳查询解答", format=fmt.media_type))


def _csv_value(t: Term) -> str:
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value if isinstance(t, ox.NamedNode | ox.Literal) else str(t)


def _write_boolean(value: bool, out: BinaryIO, fmt: ox.QueryResultsFormat | ox.RdfFormat
                   ) -> None:
    word = "true" if value else "false"
    if fmt == ox.QueryResultsFormat.JSON:
        out.write(f'{{"head":{{}},"boolean":{word}}}'.encode())
    elif fmt == ox.QueryResultsFormat.XML:
        out.write(f'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                  f"<head></head><boolean>{word}</boolean></sparql>".encode())
    else:
        out.write(f"{word}\n".encode())


def _iris(rows: list[dict[str, Term]], name: str) -> list[str]:
    return sorted(t.value for r in rows if isinstance(t := r.get(name), ox.NamedNode))


def _reason(e: httpx.HTTPError) -> str:
    return _one_line(str(e)) or type(e).__name__


def _failed(what: Message, url: str, e: httpx.HTTPError) -> StoreError:
    return StoreError(N_("{what}（{url}）失败：“{reason}”", what=what, url=url, reason=_reason(e)))


def _media(r: httpx.Response) -> str:
    media: str = r.headers.get("content-type", "")
    return media.split(";")[0].strip().lower()


_BNODE_VALUE = re.compile(rb'("type"[ \t]{0,8}:[ \t]{0,8}"bnode"[ \t]{0,8},[ \t]{0,8}'
                          rb'"value"[ \t]{0,8}:[ \t]{0,8}")([^"\\]{0,200})"')
_BNODE_TAIL = 300  # longer than any match of _BNODE_VALUE


def _has_base(text: str) -> bool:
    """Whether the text declares its own BASE, which wins over the one coopkg would put
    before it (and a second BASE is refused by Virtuoso)."""
    return any(t.kind == "word" and t.value.upper() == "BASE" for t in spans(text))


def _ask_as_boolean(results: ox.QuerySolutions | ox.QueryBoolean
                    ) -> ox.QuerySolutions | ox.QueryBoolean:
    """The answer to an ASK that Virtuoso sent as a table of one `__ASK_RETVAL` column (as
    it does unless its [Parameters] CaseMode is 2), made the boolean it stands for."""
    if not isinstance(results, ox.QuerySolutions) or \
            [v.value for v in results.variables] != [_ASK_COLUMN]:
        return results
    value = any(isinstance(t := s[_ASK_COLUMN], ox.Literal) and t.value not in ("0", "false")
                for s in results)
    doc = b'{"head": {}, "boolean": ' + (b"true" if value else b"false") + b"}"
    return ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON)


_ASK_COLUMN = "__ASK_RETVAL"


def _plain_bnode_ids(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """SPARQL JSON results, as they arrive, with blank node ids pyoxigraph reads: Virtuoso
    writes them as `nodeID://b10021`, which is not a blank node label. Only the value of a
    `"type": "bnode"` member is touched (quotes inside a string are escaped, so text that
    merely looks like one is not)."""
    def plain(m: re.Match[bytes]) -> bytes:
        return m[1] + (re.sub(rb"[^A-Za-z0-9_]", b"_", m[2]) or b"b") + b'"'

    held = b""
    for chunk in chunks:
        held = _BNODE_VALUE.sub(plain, held + chunk)
        if len(held) > _BNODE_TAIL:
            yield held[:-_BNODE_TAIL]
            held = held[-_BNODE_TAIL:]
    if held:
        yield _BNODE_VALUE.sub(plain, held)


def _results_format(r: httpx.Response) -> ox.QueryResultsFormat:
    fmt = ox.QueryResultsFormat.from_media_type(_media(r)) if _media(r) else None
    return fmt or _RESULTS


def _rdf_format(r: httpx.Response) -> ox.RdfFormat | None:
    return ox.RdfFormat.from_media_type(_media(r)) if _media(r) else None

