"""The composition root: the command line (``python -m build_tools``).

It sits above every other layer: it wires the engine-free application (``app``: pipeline,
session, validation, scaffolding) to the engine adapters (``mkdocs_plugins``), so that neither of
those two imports the other's upper half and no import runs back up the layers.
"""
