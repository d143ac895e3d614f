"""Entry point for ``python -m build_tools``."""

import sys

from build_tools.app.cli import main

sys.exit(main())
