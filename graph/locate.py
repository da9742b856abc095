"""Which store a location names, and opening it: an http(s) URL is a SPARQL 1.1 server
(`graph.remote`), a directory the embedded store (`graph.embedded`), None a store in
memory; a reader in another process opens what `Store.reader_spec()` describes."""

from __future__ import annotations

from pathlib import Path

from coopkg.errors import StoreError

from .store import Mode, ReaderSpec, Store

__all__ = ["is_remote", "open_reader", "open_store"]


def is_remote(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def open_store(location: str | Path | None, *, mode: Mode = "write",
               must_exist: bool = False) -> Store:
    """The store at `location`: an http(s) URL (a SPARQL 1.1 server), a directory (the
    embedded store), or None (in memory). In "read" mode a directory is opened through its
    latest snapshot, so any number of readers run beside the process that writes it."""
    if is_remote(location):
        from .remote import RemoteStore

        return RemoteStore.from_url(str(location))
    from .embedded import EmbeddedStore, no_store_message

    if location is None:
        return EmbeddedStore(None)
    path = Path(location)
    if must_exist and not (path.is_dir() and any(path.iterdir())):
        raise StoreError(no_store_message(path))
    return EmbeddedStore.open_reader(path) if mode == "read" else EmbeddedStore(path)


def open_reader(spec: ReaderSpec) -> Store:
    """A read-only store from another process's `reader_spec()` (a query worker's)."""
    if spec.kind == "remote":
        from .remote import RemoteStore

        return RemoteStore.from_spec(spec)
    from .embedded import EmbeddedStore

    return EmbeddedStore.open_reader(Path(spec.location))
