"""Content types: one module per type, each with its model, loader and checks."""
