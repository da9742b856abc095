"""What the loader reads out of a guide, before it becomes RDF.

Plain dataclasses: the parsing stages fill them, `loaders.rdf` turns them into
triples. Each carries the source line it came from, for provenance and errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .numbers import Amount

__all__ = [
    "MODALITIES",
    "Agreement", "Clause", "Commitment", "Count", "Direction", "Field", "Guide", "Headline",
    "Indicator", "Part", "Requirement", "SubDirection",
]


# Strongest first; the order SHACL severities follow (must → Violation, in principle and
# generally → Warning, encouraged → Info, informational → no check).
MODALITIES = ("must", "in_principle", "generally", "encouraged", "informational")


@dataclass
class Headline:
    """The figures the guide states for itself in its 领域和方向 paragraph."""

    directions: int | None = None
    partners: int | None = None
    projects: int | None = None
    projects_approximate: bool = False
    budget: Amount | None = None
    duration_min: Decimal | None = None
    duration_max: Decimal | None = None
    duration_modality: str | None = None
    text: str = ""
    line: int | None = None


@dataclass
class Agreement:
    title: str
    year: int | None
    kind: str
    short_names: list[str] = field(default_factory=list)
    bracketed: bool = True
    line: int | None = None


@dataclass
class Commitment:
    text: str
    initiative: str | None
    line: int | None = None


@dataclass
class Field:
    """A research field as the guide nests it; `path` is its position, e.g. (1, 2, 3)."""

    path: tuple[int, ...]
    label: str
    text: str
    note: str | None = None
    children: list[Field] = field(default_factory=list)
    examples: bool = False  # children listed after a colon, as examples of this field
    line: int | None = None


@dataclass
class Indicator:
    text: str
    measure: str | None
    comparator: str | None
    value: Decimal | None
    unit: str | None


@dataclass
class SubDirection:
    number: int
    title: str
    area: tuple[int, ...] | None
    content: str
    indicators_text: str
    indicators: list[Indicator] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    line: int | None = None


@dataclass
class Count:
    """A number of projects: exact when min == max, a cap when only max is set."""

    min: int | None
    max: int | None
    text: str
    breakdown: list[tuple[str, int | None, int | None]] = field(default_factory=list)


@dataclass
class Part:
    """One separately funded part of a direction (3.3 states two)."""

    number: int
    fields_text: str
    field_labels: list[str]
    count: Count
    budget: Amount
    text: str


@dataclass
class Clause:
    """One distinct obligation inside a requirement item, with its own strength."""

    kind: str
    modality: str
    text: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Requirement:
    number: int
    text: str
    clauses: list[Clause]
    numbered: bool
    line: int | None = None

    @property
    def modality(self) -> str:
        """The strongest of its clauses: the item binds as much as its firmest part."""
        return min((c.modality for c in self.clauses), key=MODALITIES.index)


@dataclass
class Direction:
    code: str
    title: str
    line: int
    partners: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    agreements_text: str = ""
    commitment: Commitment | None = None
    fields: list[Field] = field(default_factory=list)
    fields_text: str = ""
    field_note: str | None = None
    fields_open: bool = False
    subdirections: list[SubDirection] = field(default_factory=list)
    count: Count | None = None
    budget: Amount | None = None
    parts: list[Part] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    duration_min: Decimal | None = None
    duration_max: Decimal | None = None
    duration_modality: str | None = None


@dataclass
class Guide:
    guide_id: str
    title: str
    programme: str
    year: int
    batch: int
    draft: bool
    headline: Headline
    directions: list[Direction]
    source_name: str = ""
    preamble: str = ""
