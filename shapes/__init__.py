"""SHACL shapes: guide shapes the loaded graph must conform to (guide-shapes.ttl), and
requirement shapes generated from a guide's Requirement nodes to validate proposals.

    load_validator(store, guide_id) → Validator.validate(proposals) → [Result]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coopkg.graph.store import Store

    from .validate import Validator

__all__ = ["load_validator"]


def load_validator(store: Store, guide_id: str) -> Validator:
    """A validator for proposals to guide `guide_id`, with the shapes stored in `store`."""
    from .stored import shape_set
    from .validate import Validator

    return Validator(shape_set(store, guide_id))
