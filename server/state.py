"""What the routers share: settings, the store, the query executor, the validators.

One object per app, created by the app factory; nothing here is module-global."""

from __future__ import annotations

import contextlib
import hmac
import re
import threading
from dataclasses import dataclass, field

import pyoxigraph as ox
from fastapi import Request
from rdflib.namespace import PROV

from coopkg.errors import CoopkgError, Unauthorised, UnknownGuideError, UpdatesDisabled
from coopkg.graph.store import Store
from coopkg.guides import StoredGuide, choose_guide, stored_guides
from coopkg.i18n import N_
from coopkg.shapes import load_validator
from coopkg.shapes.proposals import prepare_reading
from coopkg.shapes.validate import Validator
from coopkg.vocab import GRAPHS

from .executor import QueryExecutor
from .settings import Settings

__all__ = ["AppState", "state_of"]

_GUIDE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")


@dataclass
class AppState:
    settings: Settings
    store: Store
    executor: QueryExecutor
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    # One reader of shapes at a time: a request arriving while `warm` reads them waits for
    # that read instead of doing the same second of work beside it.
    _loading: threading.Lock = field(default_factory=threading.Lock)
    _validators: dict[str, Validator] = field(default_factory=dict)
    _size: tuple[int, int] = (-1, 0)
    _stored: tuple[int, list[StoredGuide]] = (-1, [])

    def validator(self, guide_id: str) -> Validator:
        """The guide's validator, with the shapes as stored now: read again only when the
        guide's shapes graph was rewritten (its provenance record changed), not on every
        write, so storing proposals one by one stays fast."""
        if not _GUIDE_ID.fullmatch(guide_id):  # it names a graph: no IRI can be made of it
            raise UnknownGuideError(guide_id, self.store.location, self.guides())
        key = f"{guide_id}@{self._shapes_version(guide_id)}"
        found = self._validators.get(key)
        if found is not None:
            return found
        with self._loading:
            if key not in self._validators:
                loaded = load_validator(self.store, guide_id)
                self._validators = {**{k: v for k, v in self._validators.items()
                                       if not k.startswith(f"{guide_id}@")}, key: loaded}
            return self._validators[key]

    def guide(self, requested: str | None = None) -> str:
        """The guide a request names (it must be in the store), else the settings' guide,
        else the newest guide the store holds (read once per store generation)."""
        if requested or self.settings.guide:
            name = str(requested or self.settings.guide)
            if not _GUIDE_ID.fullmatch(name):
                raise UnknownGuideError(name, self.store.location, self.guides())
            return choose_guide(self.store, name, guides=self._stored_guides())
        return choose_guide(self.store, guides=self._stored_guides())

    def _stored_guides(self) -> list[StoredGuide]:
        """The store's guides, read once per store generation (every page asks)."""
        generation = self.store.generation()
        if self._stored[0] != generation:
            self._stored = (generation, stored_guides(self.store))
        return self._stored[1]

    def guides(self) -> list[str]:
        """The guides whose shapes the store holds."""
        prefix = str(GRAPHS.shapes(""))
        return sorted(n[len(prefix):] for n in self.store.graph_names() if n.startswith(prefix))

    def warm(self) -> None:
        """Load the validator of every guide in the store, and what reading a proposal
        needs, so that the first proposal stored after a start does not pay for them (best
        effort: a guide that cannot be read now says so when it is asked for)."""
        prepare_reading()
        for guide_id in self.guides():
            with contextlib.suppress(CoopkgError):
                self.validator(guide_id)

    def _shapes_version(self, guide_id: str) -> str:
        # Each write of the graph records a new activity node: its identity is the version.
        rows = self.store.select(
            f"SELECT ?g ?a WHERE {{ GRAPH <{GRAPHS.PROVENANCE}> {{ ?g <{PROV.wasGeneratedBy}> "
            "?a } }", bindings={"g": ox.NamedNode(str(GRAPHS.shapes(guide_id)))})
        return ",".join(sorted(str(r["a"]) for r in rows if "a" in r)) or \
            str(self.store.generation())

    def graphs(self) -> list[str]:
        return self.store.graph_names()

    def authorised(self, request: Request) -> bool:
        """Writes need updates enabled and the bearer token (compared in constant time)."""
        token = self.settings.update_token
        if not self.settings.update_enabled or not token:
            return False
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(),
                                                                  token.encode())

    def check_write(self, request: Request) -> None:
        """Refuse a write: UpdatesDisabled (403) when writes are off, Unauthorised (401)
        without the token."""
        if not self.settings.update_enabled:
            raise UpdatesDisabled(N_("此服务器未开启写入（设置：update_enabled）"))
        if not self.authorised(request):
            raise Unauthorised()

    def has_graph(self, name: str) -> bool:
        return self.store.has_graph(name)

    def size(self) -> int:
        """The store's size, counted once per generation (counting is linear)."""
        generation = self.store.generation()
        if self._size[0] != generation:
            self._size = (generation, self.store.size())
        return self._size[1]


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.coopkg
    return state
