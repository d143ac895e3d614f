"""Command-line interface: ``python -m build_tools <command>``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_tools.checks.diagnostics import format_report
from build_tools.model import kinds


def _cmd_validate(args: argparse.Namespace) -> int:
    from build_tools.app.validate import exit_code, find_root, validate

    root = Path(args.root) if args.root else find_root(Path.cwd())
    _project, diags = validate(root, [Path(p) for p in args.paths])
    print(format_report(diags, args.format))
    return exit_code(diags)


def _cmd_build(args: argparse.Namespace) -> int:
    from build_tools.app.pipeline import run_build
    from build_tools.mkdocs_plugins.build_step import build_languages  # the engine step, injected

    return run_build(Path(args.root or ".").resolve(), build_languages, site_dir=args.site_dir, languages=args.lang,
                     jobs=args.jobs, strict=args.strict, caches=not args.no_cache)


def _cmd_serve(args: argparse.Namespace) -> int:
    from build_tools.app.serve import run_serve

    return run_serve(Path(args.root or ".").resolve(), lang=args.lang, addr=args.addr)


def _cmd_new(args: argparse.Namespace) -> int:
    from build_tools.app.scaffold import scaffold

    return scaffold(Path(args.root or ".").resolve(), args.type, args.id, args.force, args.options)


def _cmd_translations(args: argparse.Namespace) -> int:
    from build_tools.i18n.translation_status import run_stamp, run_status

    root = Path(args.root or ".").resolve()
    if args.action == "stamp":
        return run_stamp(root, [Path(f) for f in args.files])
    return run_status(root, args.lang, args.format)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all commands."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument("--root", help="project folder (default: the one holding mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check content and report every problem with its location")
    p.add_argument("paths", nargs="*", help="files or folders to report on (default: everything)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("build", help="validate, generate pages and build the site atomically")
    p.add_argument("--site-dir", default="site")
    p.add_argument("--lang", action="append", help="build only these languages (repeatable)")
    p.add_argument("--jobs", type=int, default=0, help="parallel language builds (default: CPU count)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--no-cache", action="store_true",
                   help="render every page of every language anew (slower; the output must not change)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("serve", help="live preview of one language")
    p.add_argument("--lang", default=None, help="language to preview (default: the default language)")
    p.add_argument("--addr", default="127.0.0.1:8000")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("new", help="scaffold new content")
    p.add_argument("type", choices=[k.name for k in kinds.kinds() if k.scaffold_template])
    p.add_argument("id", help="ID of the new item (ISO2 code for a country profile)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument("--set", dest="options", action="append", default=[], metavar="KEY=VALUE",
                   help="fill a field, e.g. --set country=FR --set guideline=ict")
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("translations", help="translation status, or stamp a finished translation")
    p.add_argument("action", nargs="?", choices=["status", "stamp"], default="status")
    p.add_argument("files", nargs="*", help="translation files to stamp")
    p.add_argument("--lang", action="append", help="only these languages")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=_cmd_translations)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the process exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
