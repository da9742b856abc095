"""The coverage listing: for every clause of every requirement (and every implicit
requirement), how it is enforced — by a SHACL shape, by hand, not at all because it binds
nobody, or by another shape."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Coverage"]


@dataclass
class Coverage:
    """How one clause (or implicit requirement) is enforced."""

    code: str
    requirement_id: str
    kind: str
    modality: str
    method: str  # "SHACL Core", "SHACL-SPARQL", "manual", "informational", "covered"
    why: str
    text_zh: str = ""

    @property
    def checked(self) -> bool:
        return self.method.startswith("SHACL")
