"""The errors coopkg raises, each saying what went wrong and where.

    CoopkgError
    ├── GuideError                 a guide text that cannot be loaded as asked
    │   └── GuideParseError        … at a known line (and block, and direction)
    ├── ProposalError              a proposal that cannot be validated, at a key path
    │                              (all its problems at once, each at its own path)
    ├── UnknownGuideError          a guide the store does not hold
    ├── StoreError                 the graph store cannot be opened or written
    ├── ReportError                a report that cannot be produced (no CJK font for a PDF)
    └── QueryError                 a named or ad-hoc query that cannot be run
        └── UnknownQueryError      … named, but no bundled query has that name

Every message is one line a user can act on; the CLI prints it and exits non-zero,
never a traceback. Messages composed here are `coopkg.i18n.Message`s: `message(lang)` says
them in zh or en; `str()` is the English, for logs.
"""

from __future__ import annotations

from coopkg.i18n import N_, Listing, Message, render

__all__ = ["CoopkgError", "GuideError", "GuideParseError", "ProposalError", "QueryError",
           "ReportError", "StoreError", "UnknownGuideError", "UnknownQueryError"]


class CoopkgError(Exception):
    """Base of every error this package raises on purpose."""

    @property
    def detail(self) -> str | Message:
        """What went wrong, as a message of the catalogue where one was composed."""
        text = self.__dict__.get("text")
        return text if text is not None else str(self)

    def message(self, lang: str) -> str:
        return render(self.detail, lang)


class GuideError(CoopkgError):
    """A guide text that cannot be loaded as asked."""


class GuideParseError(GuideError):
    """Text the loader cannot read, located by line, block and direction."""

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        block: str | None = None,
        direction: str | None = None,
        source: str | None = None,
    ) -> None:
        self.line = line
        self.block = block
        self.direction = direction
        self.source = source
        self.reason = message
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.source:
            where.append(self.source if self.line is None else f"{self.source}:{self.line}")
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.direction:
            where.append(f"direction {self.direction}")
        if self.block:
            where.append(self.block)
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


class ProposalError(CoopkgError):
    """Proposal input that is not usable: not JSON/RDF, or keys with unusable values.

    `problems` lists every problem found in the input, each with its own JSON path (a
    single problem lists itself), so a person can fix them all at once."""

    def __init__(self, message: str | Message, *, path: str | None = None,
                 source: str | None = None) -> None:
        self.path = path
        self.source = source
        self.text = message
        self.reason = str(message)
        self.problems: list[ProposalError] = [self]
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """The whole message in `lang`: where (file, JSON path), then what."""
        where = ": ".join(p for p in (self.source, self.path) if p)
        what = render(self.text, lang)
        return f"{where}: {what}" if where else what

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


class UnknownGuideError(CoopkgError):
    """A guide the store does not hold."""

    def __init__(self, guide_id: str, location: str, have: list[str]) -> None:
        self.guide_id = guide_id
        self.text = N_("存储 {store} 中没有指南 {guide}（已有：{have}）；请先构建",
                       guide=guide_id, store=location, have=", ".join(have) or "—")
        super().__init__(str(self.text))


class StoreError(CoopkgError):
    """The graph store cannot be opened, read or written."""


class ReportError(CoopkgError):
    """A report that cannot be produced as asked (a PDF without a font for Chinese)."""

    def __init__(self, message: Message) -> None:
        self.text = message
        super().__init__(str(message))


class QueryError(CoopkgError):
    """A query that cannot be parsed or run."""


class UnknownQueryError(QueryError):
    """A bare name that is no bundled query's (it cannot be SPARQL either)."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        known = ("、" if lang == "zh" else ", ").join(self.known)
        return render(N_("没有名为“{name}”的命名查询；可用的命名查询：{known}"
                         "（见 `coopkg queries`）", name=self.name, known=known), lang)
