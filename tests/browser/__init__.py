"""Browser tests (a package, so their module names may repeat unit-test names)."""
