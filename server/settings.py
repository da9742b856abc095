"""Server settings in one typed object, passed to the app factory.

Every field can be set from the environment as COOPKG_<FIELD> (upper case); lists are
comma-separated. Writes (SPARQL Update, Graph Store writes) are off unless
`update_enabled` is true, and then need `update_token` as a bearer token.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

__all__ = ["Settings"]


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    store: str | None = None  # a directory, or the URL of a SPARQL 1.1 server
    guide: str = "2021-1"
    query_timeout_s: float = 30.0
    query_workers: int = 2
    query_queue: int = 16
    max_query_bytes: int = 100_000  # longer query texts are refused (413); updates: body limit
    max_body_bytes: int = 5_000_000
    cors_origins: tuple[str, ...] = ()
    update_enabled: bool = False
    update_token: str | None = field(default=None, repr=False)
    service_allowlist: tuple[str, ...] = ()
    log_requests: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then COOPKG_* environment variables, then `overrides`."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"COOPKG_{f.name.upper()}")
            if raw is None:
                continue
            values[f.name] = _coerce(f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]  # types checked by _coerce


def _coerce(kind: object, raw: str) -> object:
    kind = str(kind)
    if "tuple" in kind:
        return tuple(x.strip() for x in raw.split(",") if x.strip())
    if "bool" in kind:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if "int" in kind and "Path" not in kind:
        return int(raw)
    if "float" in kind:
        return float(raw)
    if "Path" in kind:
        return Path(raw)
    return raw
