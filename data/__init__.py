"""Data shipped with coopkg: the bundled guide, reference tables, the bilingual label table."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEFAULT_GUIDE", "path"]

_HERE = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """A file of the shipped data, e.g. `path("reference", "partners.csv")`."""
    return _HERE.joinpath(*parts)


DEFAULT_GUIDE = path("guides", "2021-1.txt")
