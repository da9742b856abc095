"""Guide text → model → RDF: everything that reads a guide."""
