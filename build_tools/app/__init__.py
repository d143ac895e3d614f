"""The command line (``python -m build_tools``) and the commands it runs."""
