"""Server settings in one typed object, passed to the app factory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings"]


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    store: Path | None = None
    query_timeout_s: float = 30.0
    max_body_bytes: int = 1_000_000
