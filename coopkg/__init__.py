"""coopkg: China's intergovernmental S&T cooperation calls as a knowledge graph.

The distribution maps the top-level folders (`loaders/`, `graph/`, `shapes/`,
`server/`, `ontology/`, `queries/`, `data/`) onto subpackages of this one
namespace, so nothing generic such as `graph` lands on `sys.path`.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

# Imported straight from a source checkout (the checkout root on sys.path, as with
# `python -c` there), this folder shadows the installed mapping; let the sibling
# folders serve as the subpackages so both ways import the same files.
_root = Path(__file__).resolve().parent.parent
if (_root / "pyproject.toml").is_file() and (_root / "loaders" / "__init__.py").is_file():
    __path__.append(str(_root))
