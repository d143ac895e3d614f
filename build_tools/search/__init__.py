"""Site search: per-language analysis, index files and the query logic the browser mirrors."""
