"""Entry point for ``python -m benchmarks``: generate a corpus, build it both ways, measure."""

import argparse
import sys

from benchmarks.bench import run_bench


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the benchmark; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--scale", choices=["small", "portal"], default="small")
    parser.add_argument("--json", help="write results as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    args = parser.parse_args(argv)
    return run_bench(args.scale, args.json, keep=args.keep)


sys.exit(main())
