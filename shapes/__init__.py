"""SHACL shapes: guide shapes that the loaded graph must conform to, and requirement shapes
generated from a guide's Requirement nodes to validate proposals."""
