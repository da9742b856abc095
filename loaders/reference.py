"""Partner, agency and membership reference tables, and the curated bilingual label table.

All are shipped data (`data/reference/*.csv`, `data/labels/en.csv`): nothing is fetched at
run time.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from coopkg.data import path

__all__ = ["FUNDING_PROGRAMME", "ISSUER", "JOINT_RESEARCH_CENTRE", "NOT_PARTIES", "Agency",
           "Labels", "MemberList", "Membership", "Partner", "agencies", "country_codes", "home",
           "labels", "member_lists", "memberships", "partners"]

ISSUER = "MOST-CN"  # the body issuing the genre's guides (the agencies table's id)


@dataclass(frozen=True)
class Partner:
    code: str
    iso3: str
    name_en: str
    name_zh: str
    kind: str  # country | supranational_union | international_organization | mechanism
    wikidata: str
    aliases_zh: tuple[str, ...] = ()
    numeric: str = ""  # ISO 3166-1 numeric, with leading zeros; empty where none is assigned
    iso2: str = ""  # ISO 3166-1 alpha-2 where the code is an assigned one (not EU, ARAB, GEO)


FUNDING_PROGRAMME = "funding_programme"
JOINT_RESEARCH_CENTRE = "joint_research_centre"
# Organisation types (agencies*.csv `entity_type`) of bodies that are never a party to an
# agreement, whatever the agreement's title names.
NOT_PARTIES = frozenset({FUNDING_PROGRAMME, JOINT_RESEARCH_CENTRE})


@dataclass(frozen=True)
class Agency:
    id: str
    entity_type: str
    name_en: str
    name_zh: str
    name_zh_in_guide: str
    country: str
    ror: str
    crossref_funder_id: str
    wikidata: str
    openalex: str
    parent: str = ""
    aliases_zh: tuple[str, ...] = ()

    @property
    def signs_agreements(self) -> bool:
        """Whether the body can be a party to an agreement. A programme cannot, nor can a joint
        research centre: the governments' agreements set the centre up, so its name in an
        agreement's title says what the agreement is about, not who signed it."""
        return self.entity_type not in NOT_PARTIES

    @property
    def names_zh(self) -> tuple[str, ...]:
        """Every Chinese wording of the body, longest first."""
        names = {n for n in (self.name_zh_in_guide, self.name_zh, *self.aliases_zh) if n}
        names |= {re.sub(r"（[^（）]*）", "", n) for n in names}
        return tuple(sorted((n for n in names if len(n) >= 3), key=len, reverse=True))


@dataclass(frozen=True)
class Membership:
    """One member of a group partner (memberships.csv): `member` is an ISO code, or EU."""

    group: str
    member: str
    since: str
    source: str


@dataclass(frozen=True)
class MemberList:
    """Whether the shipped member list of a group is complete (membership-lists.csv)."""

    group: str
    complete: bool
    as_of: str
    note: str


def _rows(*parts: str) -> list[dict[str, str]]:
    with path(*parts).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def partners() -> dict[str, Partner]:
    """The guide's partners (partners.csv, with Wikidata ids) and every other ISO 3166-1
    country (countries.csv), so guides naming new partners load too."""
    countries = {r["code"]: r for r in _rows("reference", "countries.csv")}
    out: dict[str, Partner] = {}
    for r in _rows("reference", "partners.csv"):
        iso = countries.get(r["code"], {})
        out[r["code"]] = Partner(code=r["code"], iso3=r["iso3"], name_en=r["name_en"],
                                 name_zh=r["name_zh"], kind=r["kind"], wikidata=r["wikidata"],
                                 aliases_zh=tuple(a for a in iso.get("aliases_zh", "").split("|")
                                                  if a),
                                 numeric=iso.get("numeric", ""), iso2=iso.get("code", ""))
    for code, r in countries.items():
        if code not in out:
            out[code] = Partner(code=code, iso3=r["iso3"], name_en=r["name_en"],
                                name_zh=r["name_zh"], kind="country", wikidata="",
                                aliases_zh=tuple(a for a in r["aliases_zh"].split("|") if a),
                                numeric=r["numeric"], iso2=code)
    return out


def home() -> Partner:
    """The country whose programme the guides are: the issuer's (agencies.csv), the side a
    guide calls 中方, and never a partner."""
    return partners()[agencies()[ISSUER].country]


def country_codes() -> dict[str, str]:
    """Chinese name or alias → code, for reading lists of countries."""
    out: dict[str, str] = {}
    for p in partners().values():
        for name in (p.name_zh, *p.aliases_zh):
            out.setdefault(name, p.code)
    return out


@lru_cache(maxsize=1)
def agencies() -> dict[str, Agency]:
    """Agencies of the shared reference table plus the curated extras, with their aliases;
    an identifier withheld-ids.csv lists (its source does not verify it) is left out."""
    aliases: dict[str, list[str]] = {}
    for r in _rows("reference", "agency-aliases.csv"):
        aliases.setdefault(r["id"], []).append(r["alias_zh"])
    withheld = {(r["id"], r["column"]) for r in _rows("reference", "withheld-ids.csv")}
    out: dict[str, Agency] = {}
    for table in ("agencies.csv", "agencies-extra.csv"):
        for r in _rows("reference", table):
            fields = {k: "" if (r.get("id"), k) in withheld else r.get(k, "")
                      for k in Agency.__dataclass_fields__ if k != "aliases_zh"}
            out[r["id"]] = Agency(**fields, aliases_zh=tuple(aliases.get(r["id"], ())))
    return out


@lru_cache(maxsize=1)
def memberships() -> tuple[Membership, ...]:
    """The members of the EU and of GEO, each with the source it rests on."""
    return tuple(Membership(group=r["group"], member=r["member"], since=r["since"],
                            source=r["source"]) for r in _rows("reference", "memberships.csv"))


@lru_cache(maxsize=1)
def member_lists() -> dict[str, MemberList]:
    """Per group, whether its shipped member list is complete."""
    return {r["group"]: MemberList(group=r["group"], complete=r["complete"] == "true",
                                   as_of=r["as_of"], note=r["note"])
            for r in _rows("reference", "membership-lists.csv")}


class Labels:
    """English for the guide's Chinese names, by kind (direction, field, agreement, …)."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self._by_kind: dict[tuple[str, str], str] = {}
        self._any: dict[str, str] = {}
        for r in rows:
            self._by_kind[(r["kind"], r["zh"])] = r["en"]
            self._any.setdefault(r["zh"], r["en"])

    def en(self, kind: str, zh: str) -> str | None:
        return self._by_kind.get((kind, zh)) or self._any.get(zh)


@lru_cache(maxsize=1)
def labels() -> Labels:
    return Labels(_rows("labels", "en.csv"))
