"""Localization (CLDR formatting) and the translation workflow (status, stamping)."""
