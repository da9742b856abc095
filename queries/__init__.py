"""Named competency queries: `queries/<name>.rq`, each opening with a comment that says
what it answers and its columns. Two groups sit in folders of their own and are named
`<group>/<name>`: `views/` (CONSTRUCT queries giving the dataset in other vocabularies, see
`coopkg.views`) and `integration/` (queries joining a guide with data loaded beside it, the
CORDIS-shaped sample in `data/samples/`)."""

from __future__ import annotations

import re
from pathlib import Path

from coopkg.errors import UnknownQueryError

__all__ = ["GROUPS", "QUERIES_DIR", "describe", "named", "parameters", "resolve", "title"]

QUERIES_DIR = Path(__file__).resolve().parent
GROUPS = ("views", "integration")
_NAME = re.compile(r"^[A-Za-z][\w.-]*(/[A-Za-z][\w.-]*)?$")


def named(group: str | None = None) -> dict[str, Path]:
    """The named queries (of one of the GROUPS where given): name → file."""
    folder = QUERIES_DIR / group if group in GROUPS else QUERIES_DIR
    return {p.stem: p for p in sorted(folder.glob("*.rq"))}


def _bundled(spec: str) -> Path | None:
    group, _, name = spec.rpartition("/")
    return named(group or None).get(name) if group in ("", *GROUPS) else None


def describe(path: Path) -> str:
    """The header comment of a query file, without the comment marks."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return "\n".join(lines).strip()


def title(path: Path, lang: str) -> str:
    """What the query answers, in one sentence: the header's "中文：" line for zh, its
    first sentence for en."""
    header = describe(path).splitlines()
    if lang == "zh":
        at = next((i for i, line in enumerate(header) if line.startswith("中文：")), None)
        if at is not None:  # with the lines it wraps onto, up to the next header field
            zh = [header[at][3:]]
            for line in header[at + 1:]:
                if line.startswith(("Columns:", "Parameters:")) or not line:
                    break
                zh.append(line)
            return "".join(zh)
    sentence = []
    for line in header:
        if line.startswith(("Columns:", "Parameters:", "中文：")):
            break
        sentence.append(line)
        if line.endswith("."):
            break
    return " ".join(sentence)


def resolve(spec: str) -> tuple[str, str]:
    """A query given as SPARQL text, a file path, or the name of a bundled query:
    returns (label, SPARQL text)."""
    p = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 200 and "\n" not in spec and p.is_file()):
        if p.is_file():
            return str(p), p.read_text(encoding="utf-8")
        bundled = _bundled(spec.removesuffix(".rq")) or named().get(p.stem)
        if bundled is not None:
            return str(bundled), bundled.read_text(encoding="utf-8")
        raise FileNotFoundError(spec)
    bundled = _bundled(spec)
    if bundled is not None:
        return str(bundled), bundled.read_text(encoding="utf-8")
    if _NAME.match(spec):  # one word is never a SPARQL query: a mistyped name
        raise UnknownQueryError(spec, sorted(named()))
    return "<query>", spec


def parameters(text: str) -> dict[str, bool]:
    """Parameters a query's header declares ("# Parameters: keyword (required) — …"):
    name → required. They are bound as values, never spliced into the query text."""
    out: dict[str, bool] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.match(r"#\s*Parameters:\s*(.*)$", line)
        if m:
            for name, flag in re.findall(r"(\w+)\s*\((required|optional)\)", m.group(1)):
                out[name] = flag == "required"
    return out
