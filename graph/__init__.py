"""The dataset: store, build, inference."""
