"""The coverage listing: for every clause of every requirement (and every implicit
requirement), how it is enforced — by a SHACL shape, by hand, not at all because it binds
nobody, or by another shape."""

from __future__ import annotations

from dataclasses import dataclass

from coopkg.i18n import Texts, _

__all__ = ["Coverage", "Totals", "by_direction", "totals"]


@dataclass
class Coverage:
    """How one clause (or implicit requirement) is enforced."""

    code: str
    requirement_id: str
    kind: str
    modality: str
    method: str  # "SHACL Core", "SHACL-SPARQL", "manual", "informational", "covered"
    why: Texts  # how it is checked, or why it is not, in zh and en
    text_zh: str = ""

    def why_in(self, lang: str) -> str:
        return self.why.render(lang)

    @property
    def checked(self) -> bool:
        return self.method.startswith("SHACL")


@dataclass
class Totals:
    """How many requirements are enforced each way; the four add up to `total`."""

    machine_checked: int = 0
    manual: int = 0
    covered: int = 0
    informational: int = 0

    @property
    def total(self) -> int:
        return self.machine_checked + self.manual + self.covered + self.informational

    def add(self, row: Coverage) -> None:
        if row.checked:
            self.machine_checked += 1
        elif row.method == "manual":
            self.manual += 1
        elif row.method == "covered":
            self.covered += 1
        else:
            self.informational += 1

    def as_dict(self) -> dict[str, int]:
        return {"machine_checked": self.machine_checked, "manual": self.manual,
                "covered": self.covered, "informational": self.informational,
                "total": self.total}

    def sentence(self, lang: str) -> str:
        return _("共 {total} 条：机器核查 {machine} 条，人工核查 {manual} 条，由其他规则覆盖 "
                 "{covered} 条，仅为说明（无需核查）{info} 条", lang, total=self.total,
                 machine=self.machine_checked, manual=self.manual, covered=self.covered,
                 info=self.informational)


def totals(rows: list[Coverage]) -> Totals:
    out = Totals()
    for row in rows:
        out.add(row)
    return out


def by_direction(rows: list[Coverage]) -> dict[str, Totals]:
    """Totals per direction code ("guide" for the guide-wide requirements), in listing order."""
    out: dict[str, Totals] = {}
    for row in rows:
        out.setdefault(row.code, Totals()).add(row)
    return out
