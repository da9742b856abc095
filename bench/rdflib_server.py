"""rdflib-endpoint over an rdflib Dataset whose default graph is the union of its graphs.

    python bench/rdflib_server.py --port 8123 guide.nq proposals.nq.gz

Parses every file (N-Quads, gzip or not; graph names kept) into one in-memory
`rdflib.Dataset(default_union=True)`, then serves it with rdflib-endpoint's
`SparqlEndpoint` at /sparql under uvicorn. The benchmark's baseline: the plain-Python way
to put an RDF dataset behind the SPARQL protocol.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8123)
    args = ap.parse_args()
    dataset = Dataset(default_union=True)
    t0 = time.perf_counter()
    for path in args.files:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as f:
            dataset.parse(f, format="nquads")
        print(f"loaded {path}: {len(dataset)} triples in the union so far, "
              f"{time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    app = SparqlEndpoint(graph=dataset, path="/sparql", title="coopkg benchmark (rdflib)")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
