"""Settings in one typed object, read once and passed on (to the app factory, and to every
command of the CLI), never mutated.

Every field can be set from the environment as COOPKG_<FIELD> (upper case); lists are
comma-separated. A value that cannot be used stops the program with SettingsError naming
the variable; a COOPKG_* name that is no setting is reported by `unknown_names` (a typo
would otherwise be silently ignored). Writes (SPARQL Update, Graph Store writes) are off
unless `update_enabled` is true, and then need `update_token` as a bearer token.
"""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from coopkg.errors import SettingsError
from coopkg.i18n import N_

__all__ = ["OTHER_NAMES", "Settings", "unknown_names"]

# COOPKG_* variables that are not fields here: read where they are used.
OTHER_NAMES = frozenset({
    "COOPKG_LANG",  # the CLI's language (coopkg.cli)
    "COOPKG_CJK_FONT",  # the font of PDF reports (coopkg.reports.fonts)
    "COOPKG_SCREENSHOTS",  # where the browser tests keep their screenshots
})
# Options of a remote store (coopkg.graph.remote): COOPKG_STORE_QUERY_URL, …
OTHER_PREFIXES = ("COOPKG_STORE_",)


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    store: str | None = None  # a directory, or the URL of a SPARQL 1.1 server
    guide: str | None = None  # the default guide; None: the newest the store holds
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

    def __post_init__(self) -> None:
        for name in ("port", "query_workers", "max_query_bytes", "max_body_bytes"):
            if getattr(self, name) < 1:
                raise _bad(name, getattr(self, name), N_("须是正整数"))
        if self.query_queue < 0:
            raise _bad("query_queue", self.query_queue, N_("不能为负数"))
        if not self.query_timeout_s > 0:
            raise _bad("query_timeout_s", self.query_timeout_s, N_("须是正数"))
        if "*" in self.cors_origins and len(self.cors_origins) > 1:
            raise _bad("cors_origins", ",".join(self.cors_origins),
                       N_("“*”只能单独使用（允许任何来源，且从不带凭据）"))
        if self.update_enabled and not self.update_token:
            raise _bad("update_token", "", N_("开启写入（update_enabled）时必须设置令牌"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object
                 ) -> Settings:
        """Defaults, then COOPKG_* environment variables, then `overrides` (None: not
        given)."""
        env = os.environ if environ is None else environ
        hints = typing.get_type_hints(cls)
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"COOPKG_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f.name, hints[f.name], raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]  # each value coerced to its field's type


def unknown_names(environ: Mapping[str, str] | None = None) -> list[str]:
    """COOPKG_* variables set in the environment that no part of coopkg reads."""
    env = os.environ if environ is None else environ
    known = {f"COOPKG_{f.name.upper()}" for f in fields(Settings)} | OTHER_NAMES
    return sorted(n for n in env if n.startswith("COOPKG_") and n not in known
                  and not n.startswith(OTHER_PREFIXES))


def _bad(name: str, value: object, why: object) -> SettingsError:
    return SettingsError(N_("设置 COOPKG_{name}={value} 无法使用：{why}", name=name.upper(),
                            value=repr(value), why=why))


def _coerce(name: str, kind: object, raw: str) -> object:
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if isinstance(kind, types.UnionType) and len(args) == 1:
        kind = args[0]  # X | None
    if kind is bool:
        value = raw.strip().lower()
        if value not in ("1", "true", "yes", "on", "0", "false", "no", "off", ""):
            raise _bad(name, raw, N_("须是 true 或 false"))
        return value in ("1", "true", "yes", "on")
    if typing.get_origin(kind) is tuple:
        return tuple(x.strip() for x in raw.split(",") if x.strip())
    if kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            raise _bad(name, raw, N_("须是数字")) from None
    return raw
