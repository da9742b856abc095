"""HTTP access to the graph (FastAPI)."""
