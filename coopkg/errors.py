"""The errors coopkg raises, each saying what went wrong and where, with the stable code
and HTTP status a client is answered with (`server.problems` maps every one of them to
application/problem+json in one place) and exit code 2 on the command line (0 and 1 are
the verdicts: conforms, has a violation).

    CoopkgError                            INTERNAL_ERROR 500: a bug (nothing of it is shown)
    ├── InputError                         UNREADABLE_BODY 400: input refused as it is (bad
    │   │                                  syntax, a DTD, a remote JSON-LD context, nesting)
    │   ├── NotUtf8                        NOT_UTF8 400: bytes that are not UTF-8
    │   ├── ProposalError                  UNUSABLE_PROPOSAL 400, at a key path (all its
    │   │   └── ConsortiumError            problems at once) / UNUSABLE_CONSORTIUM 400
    │   └── GuideError                     UNUSABLE_GUIDE 400: a guide text that cannot load
    │       └── GuideParseError            … at known lines (and blocks, and directions): every
    │                                      GuideFinding of one run, each with its own code
    ├── ProposalsRejected                  PROPOSAL_DOES_NOT_CONFORM 422: nothing stored
    ├── UnknownGuideError                  UNKNOWN_GUIDE 404: a guide the store does not hold
    ├── ReportError                        PDF_UNAVAILABLE 503 (no CJK font for a PDF)
    ├── NoSearchIndex                      NO_SEARCH_INDEX 503: a store built without one
    ├── StoreError                         STORE_FAILED 502: the store cannot answer
    │   ├── StoreUnavailable               STORE_UNAVAILABLE 503
    │   └── WriteFailed                    WRITE_FAILED 500: nothing was written
    ├── QueryError                         QUERY_FAILED 400: a query that cannot be run
    │   ├── MalformedQuery                 MALFORMED_QUERY 400 (also: nests too deeply)
    │   ├── QueryRefused                   QUERY_REFUSED 400: SERVICE / LOAD / FROM outside
    │   ├── QueryTooLong                   QUERY_TOO_LONG 413
    │   ├── UnknownQueryError              UNKNOWN_QUERY 400: no named query by that name
    │   ├── QueryTimeout                   QUERY_TIMEOUT 503: stopped at its deadline
    │   ├── Overloaded                     OVERLOADED 503: every worker busy, queue full
    │   ├── QueryCrashed                   QUERY_CRASHED 500: its worker died
    │   └── ClientGone                     CLIENT_GONE 499: the client left
    ├── UpdateError                        UPDATE_FAILED 400
    │   ├── MalformedUpdate                MALFORMED_UPDATE 400
    │   ├── UpdateRefused                  UPDATE_REFUSED 400: LOAD / SERVICE / outside graphs
    │   └── DatasetTwice                   DATASET_TWICE 400: using-graph-uri beside USING
    ├── SettingsError                      BAD_SETTING 500: a COOPKG_* value that is unusable
    └── RequestError                       HTTP_ERROR 400: a request the protocol does not allow
        ├── NotAcceptable                  NOT_ACCEPTABLE 406
        ├── UnsupportedMediaType           UNSUPPORTED_MEDIA_TYPE 415 (also another charset)
        ├── BodyTooLarge                   BODY_TOO_LARGE 413
        ├── EmptyBody                      EMPTY_BODY 400
        ├── MissingQuery / DoubledQuery    MISSING_QUERY / DOUBLED_QUERY 400
        ├── MissingUpdate / DoubledUpdate  MISSING_UPDATE / DOUBLED_UPDATE 400
        ├── UpdateViaGet                   UPDATE_VIA_GET 400
        ├── GraphParameter / BadGraphIri   GRAPH_PARAMETER / BAD_GRAPH_IRI 400
        ├── BadLang                        BAD_LANG 400
        ├── UpdatesDisabled                UPDATES_DISABLED 403
        ├── Unauthorised                   UNAUTHORISED 401 (WWW-Authenticate: Bearer)
        ├── NotFound / NoSuchResource      NOT_FOUND / NO_SUCH_RESOURCE 404
        ├── NoSuchGraph                    NO_SUCH_GRAPH 404
        ├── NoSuchView / NoSuchDirection   NO_SUCH_VIEW / NO_SUCH_DIRECTION 404
        ├── ViewTakesNoDirection           VIEW_TAKES_NO_DIRECTION 400
        ├── EmptySearch / SearchTooLong    EMPTY_SEARCH / SEARCH_TOO_LONG 400
        └── MethodNotAllowed               METHOD_NOT_ALLOWED 405

A code has one status and one meaning (`meaning`, said to a person); an instance adds
its own `detail`. Messages composed here are `coopkg.i18n.Message`s: `message(lang)`
says them in zh or en; `str()` is the English, for logs. Every message is one line a user
can act on; neither the CLI nor the server ever shows a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from coopkg.i18n import N_, Listing, Message, render

__all__ = [
    "BadGraphIri", "BadLang", "BodyTooLarge", "ClientGone", "ConsortiumError", "CoopkgError",
    "DatasetTwice", "DoubledQuery", "DoubledUpdate", "EmptyBody", "EmptySearch", "GraphParameter",
    "GuideError", "GuideFinding", "GuideParseError", "InputError", "MalformedQuery",
    "MalformedUpdate", "MethodNotAllowed", "MissingQuery", "MissingUpdate", "NoSearchIndex",
    "NoSuchDirection", "NoSuchGraph", "NoSuchResource", "NoSuchView", "NotAcceptable", "NotFound",
    "NotUtf8", "Overloaded", "ProposalError", "ProposalsRejected", "QueryCrashed", "QueryError",
    "QueryRefused", "QueryTimeout", "QueryTooLong", "ReportError", "RequestError",
    "SearchTooLong", "SettingsError", "StoreError", "StoreUnavailable", "Unauthorised",
    "UnknownGuideError", "UnknownQueryError", "UnsupportedMediaType", "UpdateError",
    "UpdateRefused", "UpdateViaGet", "UpdatesDisabled", "ViewTakesNoDirection", "WriteFailed",
    "codes",
]


class CoopkgError(Exception):
    """Base of every error this package raises on purpose."""

    code: ClassVar[str] = "INTERNAL_ERROR"
    status: ClassVar[int] = 500
    meaning: ClassVar[Message] = N_("服务器内部错误")

    def __init__(self, detail: str | Message | None = None, /, **extra: Any) -> None:
        self.text: str | Message = detail if detail is not None else self.meaning
        self.extra = extra  # more members of the problem (errors, results, offered, …)
        self.headers: dict[str, str] = {}
        super().__init__(str(self.text))

    @property
    def detail(self) -> str | Message:
        """What went wrong, as a message of the catalogue where one was composed."""
        return self.text

    def message(self, lang: str) -> str:
        return render(self.detail, lang)


def codes() -> dict[str, type[CoopkgError]]:
    """Every stable code and the error that carries it."""
    def walk(cls: type[CoopkgError]) -> Iterator[type[CoopkgError]]:
        yield cls
        for sub in cls.__subclasses__():
            yield from walk(sub)
    return {cls.code: cls for cls in walk(CoopkgError) if "code" in vars(cls)}


# -- input ----------------------------------------------------------------------------


class InputError(CoopkgError):
    """Input refused as it is, located by its source (a file) and a JSON path or line.

    `problems` lists every problem found in the input, each with its own path (a single
    problem lists itself), so a person can fix them all at once."""

    code, status, meaning = "UNREADABLE_BODY", 400, N_("请求内容无法读取")

    def __init__(self, message: str | Message, *, path: str | None = None,
                 source: str | None = None) -> None:
        self.path = path
        self.source = source
        self.reason = str(message)
        self.problems: list[InputError] = [self]
        super().__init__(message)
        self.args = (self.message("en"),)

    def message(self, lang: str) -> str:
        """The whole message in `lang`: where (file, JSON path), then what."""
        where = ": ".join(p for p in (self.source, self.path) if p)
        what = render(self.text, lang)
        return f"{where}: {what}" if where else what

    def __str__(self) -> str:
        return self.message("en")


class NotUtf8(InputError):
    """Bytes that are not UTF-8 (never read with replacement characters)."""

    code, status, meaning = "NOT_UTF8", 400, N_("内容不是 UTF-8")


class ProposalError(InputError):
    """Proposal input that is not usable: not JSON/RDF, or keys with unusable values."""

    code, status, meaning = "UNUSABLE_PROPOSAL", 400, N_("申报书无法使用")
    problems: list[ProposalError]  # type: ignore[assignment]  # each its own ProposalError

    @classmethod
    def of(cls, e: InputError) -> ProposalError:
        """The same problem, as a proposal's."""
        return e if isinstance(e, cls) else cls(e.text, path=e.path, source=e.source)

    @classmethod
    def several(cls, problems: list[ProposalError], *, source: str | None = None
                ) -> ProposalError:
        """One error for all the problems of an input (the first one's path is its path)."""
        if len(problems) == 1:
            return problems[0]
        listed = Listing(tuple(N_("{path}：{what}", path=p.path, what=p.text) if p.path
                               else p.text for p in problems))
        err = cls(N_("{n} 处问题：{listed}", n=len(problems), listed=listed),
                  path=problems[0].path, source=source)
        err.problems = list(problems)
        return err


class ConsortiumError(ProposalError):
    """A consortium description (for the eligibility finder) that is not usable."""

    code, status, meaning = "UNUSABLE_CONSORTIUM", 400, N_("合作团队信息无法使用")


class GuideError(InputError):
    """A guide text that cannot be loaded as asked."""

    code, status, meaning = "UNUSABLE_GUIDE", 400, N_("指南无法载入")

    def __init__(self, message: str | Message, *, source: str | None = None) -> None:
        super().__init__(message, source=source)


@dataclass(frozen=True)
class GuideFinding:
    """One thing the loader found in a guide text: an `error` (the text cannot be read as
    the genre's layout says), a `warning` (text it cannot place) or an `info` (an
    extraction artifact removed). `code` is stable (the list is in docs/loading.md); the
    message is the catalogue's, so it is said in zh or en."""

    level: str
    line: int | None
    message: str | Message
    direction: str | None = None
    code: str = ""
    block: str | None = None
    source: str | None = None

    def where(self, lang: str) -> str:
        """File and line, direction, block: as far as they are known."""
        parts = []
        if self.source:
            parts.append(self.source if self.line is None else f"{self.source}:{self.line}")
        elif self.line is not None:
            parts.append(render(N_("第 {line} 行", line=self.line), lang))
        if self.direction:
            parts.append(render(N_("方向 {code}", code=self.direction), lang))
        if self.block:
            parts.append(self.block)
        return ("，" if lang == "zh" else ", ").join(parts)

    def render(self, lang: str) -> str:
        """Where, then what, in `lang`."""
        where, what = self.where(lang), render(self.message, lang)
        return f"{where}{'：' if lang == 'zh' else ': '}{what}" if where else what

    def __str__(self) -> str:
        return self.render("en")


class GuideParseError(GuideError):
    """Text the loader cannot read, located by line, block and direction.

    `findings` holds every error and warning of the run that refused the guide, errors
    first, and `problems` one error per finding of level `error`, so a person
    sees every defect of a damaged guide at once."""

    def __init__(
        self,
        message: str | Message,
        *,
        line: int | None = None,
        block: str | None = None,
        direction: str | None = None,
        source: str | None = None,
        finding: str = "GUIDE_UNREADABLE",
    ) -> None:
        self.line = line
        self.block = block
        self.direction = direction
        self.finding = GuideFinding("error", line, message, direction, finding, block, source)
        self.findings: list[GuideFinding] = [self.finding]
        super().__init__(message, source=source)
        self.reason = str(message)

    @classmethod
    def of(cls, findings: list[GuideFinding]) -> GuideParseError:
        """One error for all the findings of a run (at least one of them an error)."""
        errors = [f for f in findings if f.level == "error"]
        if not errors:
            raise ValueError("a GuideParseError needs an error among its findings")
        singles = [cls(f.message, line=f.line, block=f.block, direction=f.direction,
                       source=f.source, finding=f.code) for f in errors]
        first = errors[0]
        err = cls(first.message, line=first.line, block=first.block,
                  direction=first.direction, source=first.source, finding=first.code)
        err.findings = errors + [f for f in findings if f.level == "warning"]
        err.problems = [*singles]
        err.args = (err.message("en"),)
        return err

    @property
    def warnings(self) -> list[GuideFinding]:
        return [f for f in self.findings if f.level == "warning"]

    def message(self, lang: str) -> str:
        if len(self.problems) > 1:
            return render(N_("{n} 处错误：{listed}", n=len(self.problems), listed=Listing(
                tuple(p.message(lang) for p in self.problems))), lang)
        return self.finding.render(lang)


# -- validation, guides, reports ------------------------------------------------------


class ProposalsRejected(CoopkgError):
    """Proposals sent to be stored that do not conform: nothing was stored."""

    code, status, meaning = "PROPOSAL_DOES_NOT_CONFORM", 422, N_("申报书不符合要求")


class UnknownGuideError(CoopkgError):
    """A guide the store does not hold."""

    code, status, meaning = "UNKNOWN_GUIDE", 404, N_("没有这份指南")

    def __init__(self, guide_id: str, location: str, have: list[str]) -> None:
        self.guide_id = guide_id
        super().__init__(N_("存储 {store} 中没有指南 {guide}（已有：{have}）；请先构建",
                            guide=guide_id, store=location, have=", ".join(have) or "—"))


class ReportError(CoopkgError):
    """A report that cannot be produced as asked (a PDF without a font for Chinese)."""

    code, status, meaning = "PDF_UNAVAILABLE", 503, N_("无法生成 PDF")


# -- the store and queries ------------------------------------------------------------


class NoSearchIndex(CoopkgError):
    """A store built before the search index existed: a build writes one."""

    code, status, meaning = "NO_SEARCH_INDEX", 503, N_("存储中没有搜索索引")


class StoreError(CoopkgError):
    """The graph store cannot be opened, read or written."""

    code, status, meaning = "STORE_FAILED", 502, N_("数据存储无法作答")


class StoreUnavailable(StoreError):
    """The store cannot be reached now (a reader could not open it)."""

    code, status, meaning = "STORE_UNAVAILABLE", 503, N_("数据存储暂时不可用")


class WriteFailed(StoreError):
    """A write the store did not take: nothing was written."""

    code, status, meaning = "WRITE_FAILED", 500, N_("写入失败")


class QueryError(CoopkgError):
    """A query that cannot be parsed or run."""

    code, status, meaning = "QUERY_FAILED", 400, N_("查询无法执行")


class MalformedQuery(QueryError):
    """SPARQL that does not parse, or nests too deeply to be parsed safely."""

    code, status, meaning = "MALFORMED_QUERY", 400, N_("SPARQL 查询有语法错误")


class QueryRefused(QueryError):
    """A query that reaches outside the store (SERVICE, LOAD, FROM another graph)."""

    code, status, meaning = "QUERY_REFUSED", 400, N_("查询被拒绝")


class QueryTooLong(QueryError):
    code, status, meaning = "QUERY_TOO_LONG", 413, N_("查询过长")


class UnknownQueryError(QueryError):
    """A bare name that is no bundled query's (it cannot be SPARQL either)."""

    code, status, meaning = "UNKNOWN_QUERY", 400, N_("没有这个命名查询")

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__()
        self.args = (self.message("en"),)

    def message(self, lang: str) -> str:
        known = ("、" if lang == "zh" else ", ").join(self.known)
        return render(N_("没有名为“{name}”的命名查询；可用的命名查询：{known}"
                         "（见 `coopkg queries`）", name=self.name, known=known), lang)

    @property
    def detail(self) -> str:
        return self.message("en")


class QueryTimeout(QueryError):
    code, status, meaning = "QUERY_TIMEOUT", 503, N_("查询超时")


class Overloaded(QueryError):
    code, status, meaning = "OVERLOADED", 503, N_("服务器繁忙，请稍后再试")


class QueryCrashed(QueryError):
    code, status, meaning = "QUERY_CRASHED", 500, N_("查询进程意外退出")


class ClientGone(QueryError):
    code, status, meaning = "CLIENT_GONE", 499, N_("客户端已断开")


class UpdateError(CoopkgError):
    """A SPARQL Update the store could not apply."""

    code, status, meaning = "UPDATE_FAILED", 400, N_("更新失败")


class MalformedUpdate(UpdateError):
    code, status, meaning = "MALFORMED_UPDATE", 400, N_("SPARQL 更新有语法错误")


class UpdateRefused(UpdateError):
    code, status, meaning = "UPDATE_REFUSED", 400, N_("更新被拒绝")


class DatasetTwice(UpdateError):
    code, status, meaning = "DATASET_TWICE", 400, N_("数据集被指定了两次")


class SettingsError(CoopkgError):
    """A setting (a COOPKG_* variable) whose value cannot be used."""

    code, status, meaning = "BAD_SETTING", 500, N_("设置有误")


# -- requests the protocol does not allow ---------------------------------------------


class RequestError(CoopkgError):
    """A request refused before anything is read or run."""

    code, status, meaning = "HTTP_ERROR", 400, N_("请求无法处理")


class NotAcceptable(RequestError):
    code, status, meaning = "NOT_ACCEPTABLE", 406, N_("无法以所请求的格式作答")


class UnsupportedMediaType(RequestError):
    code, status, meaning = "UNSUPPORTED_MEDIA_TYPE", 415, N_("不支持这种内容类型")


class BodyTooLarge(RequestError):
    code, status, meaning = "BODY_TOO_LARGE", 413, N_("请求内容过大")


class EmptyBody(RequestError):
    code, status, meaning = "EMPTY_BODY", 400, N_("请求内容为空")


class MissingQuery(RequestError):
    code, status, meaning = "MISSING_QUERY", 400, N_("缺少查询")


class DoubledQuery(RequestError):
    code, status, meaning = "DOUBLED_QUERY", 400, N_("查询被给出了不止一次")


class MissingUpdate(RequestError):
    code, status, meaning = "MISSING_UPDATE", 400, N_("缺少更新")


class DoubledUpdate(RequestError):
    code, status, meaning = "DOUBLED_UPDATE", 400, N_("更新被给出了不止一次")


class UpdateViaGet(RequestError):
    code, status, meaning = "UPDATE_VIA_GET", 400, N_("更新须用 POST 发送")


class GraphParameter(RequestError):
    code, status, meaning = "GRAPH_PARAMETER", 400, N_("graph 参数有误")


class BadGraphIri(RequestError):
    code, status, meaning = "BAD_GRAPH_IRI", 400, N_("图的 IRI 有误")


class BadLang(RequestError):
    code, status, meaning = "BAD_LANG", 400, N_("语言只能是 zh 或 en")


class UpdatesDisabled(RequestError):
    code, status, meaning = "UPDATES_DISABLED", 403, N_("本服务器不接受写入")


class Unauthorised(RequestError):
    code, status, meaning = "UNAUTHORISED", 401, N_("写入需要授权")

    def __init__(self) -> None:
        super().__init__(N_("写入需要持有令牌（Authorization: Bearer …）"))
        self.headers["WWW-Authenticate"] = "Bearer"


class NotFound(RequestError):
    code, status, meaning = "NOT_FOUND", 404, N_("找不到这个页面")


class NoSuchResource(RequestError):
    code, status, meaning = "NO_SUCH_RESOURCE", 404, N_("本数据集没有描述这个标识")


class NoSuchGraph(RequestError):
    code, status, meaning = "NO_SUCH_GRAPH", 404, N_("没有这个命名图")


class NoSuchView(RequestError):
    code, status, meaning = "NO_SUCH_VIEW", 404, N_("没有这个视图")


class NoSuchDirection(RequestError):
    code, status, meaning = "NO_SUCH_DIRECTION", 404, N_("没有这个方向")


class ViewTakesNoDirection(RequestError):
    code, status, meaning = "VIEW_TAKES_NO_DIRECTION", 400, N_("此视图不能按方向选取")


class EmptySearch(RequestError):
    code, status, meaning = "EMPTY_SEARCH", 400, N_("没有可搜索的词")


class SearchTooLong(RequestError):
    code, status, meaning = "SEARCH_TOO_LONG", 400, N_("搜索词过长")


class MethodNotAllowed(RequestError):
    code, status, meaning = "METHOD_NOT_ALLOWED", 405, N_("不支持这种请求方法")
