"""The errors coopkg raises, each saying what went wrong and where.

    CoopkgError
    ├── GuideError                 a guide text that cannot be loaded as asked
    │   └── GuideParseError        … at a known line (and block, and direction)
    ├── ProposalError              a proposal that cannot be validated, at a key path
    │                              (all its problems at once, each at its own path)
    ├── StoreError                 the graph store cannot be opened or written
    └── QueryError                 a named or ad-hoc query that cannot be run
        └── UnknownQueryError      … named, but no bundled query has that name

Every message is one line a user can act on; the CLI prints it and exits non-zero,
never a traceback.
"""

from __future__ import annotations

__all__ = ["CoopkgError", "GuideError", "GuideParseError", "ProposalError", "QueryError",
           "StoreError", "UnknownQueryError"]


class CoopkgError(Exception):
    """Base of every error this package raises on purpose."""


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

    def __init__(self, message: str, *, path: str | None = None,
                 source: str | None = None) -> None:
        self.path = path
        self.source = source
        self.reason = message
        self.problems: list[ProposalError] = [self]
        where = ": ".join(p for p in (source, path) if p)
        super().__init__(f"{where}: {message}" if where else message)

    @classmethod
    def several(cls, problems: list[ProposalError], *, source: str | None = None
                ) -> ProposalError:
        """One error for all the problems of an input (the first one's path is its path)."""
        if len(problems) == 1:
            return problems[0]
        listed = "; ".join(f"{p.path}: {p.reason}" if p.path else p.reason for p in problems)
        err = cls(f"{len(problems)} problems: {listed}", path=problems[0].path, source=source)
        err.problems = list(problems)
        return err


class StoreError(CoopkgError):
    """The graph store cannot be opened, read or written."""


class QueryError(CoopkgError):
    """A query that cannot be parsed or run."""


class UnknownQueryError(QueryError):
    """A bare name that is no bundled query's (it cannot be SPARQL either)."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        if lang == "en":
            return (f"no named query {self.name!r}; the named queries are: "
                    f"{', '.join(self.known)} (see `coopkg queries`)")
        return (f"没有名为“{self.name}”的命名查询；可用的命名查询：{'、'.join(self.known)}"
                f"（见 `coopkg queries`）")
