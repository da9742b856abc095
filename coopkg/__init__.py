"""coopkg: China's intergovernmental S&T cooperation calls as a knowledge graph.

The distribution maps the top-level folders (`loaders/`, `graph/`, `shapes/`,
`server/`, `ontology/`, `queries/`, `data/`) onto subpackages of this one
namespace, so nothing generic such as `graph` lands on `sys.path`.
"""

from __future__ import annotations

__version__ = "0.1.0"

# In a source checkout, coopkg/loaders, coopkg/graph, … are links to the top-level
# folders: imported straight from the checkout (its root on sys.path, as with `python -c`
# there), or read by the type checker, this folder is the same namespace the wheel installs.
