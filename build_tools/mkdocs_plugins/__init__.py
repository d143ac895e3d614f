"""MkDocs adapters: the only part of build_tools that imports mkdocs.

They translate MkDocs events into calls on the domain core, so the core can move to
another engine (Material for MkDocs reaches end of life on 2027-05-05).
"""
