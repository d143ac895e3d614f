"""Entry point for ``python -m build_tools``.

Run with a Python that lacks the pinned dependencies (``python3 -m build_tools`` outside the
project's virtual environment), it prints one line saying how to run it, not a traceback.
Output read only in part (``validate | head``) ends the command quietly, as other command-line
tools do, instead of a ``BrokenPipeError`` traceback.
"""

import os
import sys

try:
    from build_tools.cli.main import main
except ModuleNotFoundError as exc:  # a dependency is missing: this Python is not the project's venv
    sys.stderr.write(
        f"error: this Python ({sys.executable}) lacks the site's dependencies (no module '{exc.name}'): "
        "run `make validate` (or `make setup` once, then `.venv/bin/python -m build_tools ...`)\n")
    sys.exit(2)

try:
    code = main()
    sys.stdout.flush()  # a closed pipe shows here, inside the try, not at interpreter exit
except BrokenPipeError:
    # The reader stopped reading: send what is left to /dev/null so the final flush cannot fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)
sys.exit(code)
