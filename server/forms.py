"""HTML forms ⇄ the JSON the APIs take: participant rows named `p<i>.<key>` (the
eligibility form and the proposal form), and the proposal form's other fields.

The conversion is literal: a value that is not a number or a date is passed on as typed,
so the proposal reader (`coopkg.shapes.proposals`) reports it at its JSON path, exactly
as for a JSON file. A field left empty stays out (a fact not given is never a "no")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = [
    "DOCUMENT_TYPES",
    "PARTICIPANT_KEYS",
    "filled",
    "form_rows",
    "participant",
    "proposal",
    "proposal_fields",
    "rows_of",
]

PARTICIPANT_KEYS = ("name", "country", "type", "role", "ownership", "sme", "legalEntity",
                    "registeredOn", "governmentFunding", "matchingFunds")
_BOOLEANS = {"true": True, "false": False}
_AMOUNTS = ("governmentFunding", "matchingFunds")
DOCUMENT_TYPES = ("partner_submission", "cooperation_agreement", "ip_agreement",
                  "government_endorsement", "joint_lab_plan", "english_application",
                  "partner_application_form")


def form_rows(items: Iterable[tuple[str, Any]], keys: Iterable[str] = PARTICIPANT_KEYS
              ) -> list[dict[str, str]]:
    """The participant rows of a form (fields named p<i>.<key>), in row order."""
    wanted = set(keys)
    found: dict[int, dict[str, str]] = {}
    for name, value in items:
        head, _, key = str(name).partition(".")
        if head.startswith("p") and head[1:].isdigit() and key in wanted:
            found.setdefault(int(head[1:]), {})[key] = str(value).strip()
    return [found[i] for i in sorted(found)]


def _number(text: str) -> Any:
    """A number typed in a form as JSON would carry it; anything else as typed."""
    try:
        value = Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return text
    return int(value) if value == value.to_integral_value() else float(value)


def _amount(text: str) -> dict[str, Any]:
    return {"amount": _number(text), "currency": "CNY"}


def participant(row: Mapping[str, str], keys: Iterable[str] = PARTICIPANT_KEYS
                ) -> dict[str, Any]:
    """A form row as a participant: what is not given stays out."""
    out: dict[str, Any] = {}
    for key in keys:
        value = row.get(key, "")
        if not value:
            continue
        if key in ("sme", "legalEntity"):
            out[key] = _BOOLEANS.get(value, value)
        elif key in _AMOUNTS:
            out[key] = _amount(value)
        else:
            out[key] = value
    return out


def filled(row: Mapping[str, str]) -> bool:
    """Whether a row says anything beyond the defaults a new row shows."""
    return any(row.get(k) for k in ("name", "type")) or row.get("country", "") not in ("",
                                                                                     "CN")


def proposal(form: Any) -> dict[str, Any]:
    """The proposal JSON of the proposal form (a Starlette FormData or a MultiDict)."""
    def get(key: str) -> str:
        return str(form.get(key) or "").strip()

    out: dict[str, Any] = {}
    for key in ("guide", "direction", "title", "startDate", "endDate"):
        if get(key):
            out[key] = get(key)
    if get("subdirection"):
        out["subdirection"] = _number(get("subdirection"))
    for key in ("fields", "researchAreas"):
        values = [str(v).strip() for v in form.getlist(key) if str(v).strip()]
        if values:
            out[key] = values
    if get("requestedFunding"):
        out["requestedFunding"] = _amount(get("requestedFunding"))
    out["participants"] = [participant(r) for r in form_rows(form.multi_items()) if filled(r)]
    documents = []
    for kind in DOCUMENT_TYPES:
        if get(f"doc.{kind}"):
            doc: dict[str, Any] = {"type": kind}
            if get(f"doc.{kind}.date"):
                doc["date"] = get(f"doc.{kind}.date")
            documents.append(doc)
    if documents:
        out["documents"] = documents
    h2020 = {k: v for k, v in (("callYear", _number(get("h2020.callYear")) if get(
        "h2020.callYear") else None), ("projectId", get("h2020.projectId") or None),
        ("chineseParticipantListed", _BOOLEANS.get(get("h2020.chineseParticipantListed"))))
        if v is not None}
    if h2020:
        out["h2020"] = h2020
    clinical = {k: _BOOLEANS[get(f"clinical.{k}")] for k in
                ("newPatientRecruitment", "preclinicalOrClinical")
                if get(f"clinical.{k}") in _BOOLEANS}
    if clinical:
        out["clinical"] = clinical
    return out


def proposal_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The proposal form's values for a proposal JSON object (an uploaded file): the
    inverse of `proposal`, for the keys the form has."""
    text = _text
    values: dict[str, Any] = {k: text(data.get(k)) for k in
                              ("guide", "direction", "title", "startDate", "endDate",
                               "subdirection", "requestedFunding")}
    values["fields"] = [text(v) for v in data.get("fields") or []]
    values["researchAreas"] = [text(v) for v in data.get("researchAreas") or []]
    for doc in data.get("documents") or []:
        if isinstance(doc, dict) and doc.get("type") in DOCUMENT_TYPES:
            values[f"doc.{doc['type']}"] = "on"
            values[f"doc.{doc['type']}.date"] = text(doc.get("date"))
    for group, keys in (("h2020", ("callYear", "projectId", "chineseParticipantListed")),
                        ("clinical", ("newPatientRecruitment", "preclinicalOrClinical"))):
        part = data.get(group)
        if isinstance(part, dict):
            for k in keys:
                values[f"{group}.{k}"] = text(part.get(k))
    values["rows"] = rows_of(data.get("participants") or [])
    return values


def rows_of(participants: Iterable[Any]) -> list[dict[str, str]]:
    """Participant rows for a form, from participants as JSON."""
    rows = []
    for p in participants:
        if isinstance(p, dict):
            rows.append({k: _text(p[k]) for k in PARTICIPANT_KEYS if k in p})
    return rows


def _text(v: Any) -> str:
    """A JSON value as a form field shows it (an amount by its number)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        return _text(v.get("amount", ""))
    return "" if v is None else str(v)
