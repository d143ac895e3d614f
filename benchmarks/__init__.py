"""Benchmark of the site generator against the plain MkDocs stack (``python -m benchmarks``).

Kept outside the product package so that ``import build_tools`` never imports playwright or psutil.
"""
