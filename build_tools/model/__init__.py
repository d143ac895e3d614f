"""The content model: one module per content type, the project that loads and cross-checks them, site layout."""
