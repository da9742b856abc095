"""Curated English for a guide's texts that have no English of their own:
`data/translations/<guide id>.tsv`, one row per text, keyed by direction code and item
(`requirement/2`, `subdirection/4/content`, `subdirection/4/indicators`,
`subdirection/4/note/1`), with the Chinese it translates beside it. The translations are
coopkg's, not the issuing ministry's: the graph says so (ck:unofficialTranslation). A row
whose Chinese is not the guide's text as loaded is not used, so an edited guide never shows
a stale translation.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from coopkg.data import path

__all__ = ["Translations", "translations"]


@dataclass(frozen=True)
class Translations:
    source: str  # the file's name under data/, for provenance; "" when there is none
    rows: dict[tuple[str, str], tuple[str, str]]  # (direction, item) → (zh, en)

    def en(self, direction: str, item: str, zh: str) -> str | None:
        """The English of `zh`, the text of `item` of `direction`, where the table has it
        for exactly that text."""
        row = self.rows.get((direction, item))
        return row[1] if row is not None and row[0] == zh else None


@lru_cache(maxsize=8)
def translations(guide_id: str) -> Translations:
    """The shipped translations of guide `guide_id` (none for a guide without a table)."""
    file = path("translations", f"{guide_id}.tsv")
    if not file.is_file():
        return Translations("", {})
    with file.open(encoding="utf-8", newline="") as f:
        rows = {(r["direction"], r["item"]): (r["zh"], r["en"])
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}
    return Translations(f"translations/{file.name}", rows)
