"""Entry point for ``python -m build_tools``."""

import sys

from build_tools.cli.main import main

sys.exit(main())
