"""Checking machinery shared by every content type: diagnostics, safe reading, JSON Schema, Markdown safety."""
