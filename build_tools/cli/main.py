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
                     jobs=args.jobs, strict=args.strict, caches=not args.no_cache, admin=not args.no_admin)


def _cmd_cms(args: argparse.Namespace) -> int:
    from build_tools.app.cms import run_cms

    return run_cms(Path(args.root or ".").resolve(), port=args.port, print_config=args.print_config)


def _cmd_serve(args: argparse.Namespace) -> int:
    from build_tools.cli.serve import run_serve

    return run_serve(Path(args.root or ".").resolve(), lang=args.lang, addr=args.addr)


def _cmd_new(args: argparse.Namespace) -> int:
    from build_tools.app.scaffold import scaffold

    return scaffold(Path(args.root or ".").resolve(), args.type, args.id, args.force, args.options)


def _cmd_translations(args: argparse.Namespace) -> int:
    from build_tools.i18n.translation_status import run_stamp, run_status

    root = Path(args.root or ".").resolve()
    files = [Path(f) for f in args.files]
    if args.action == "stamp" and args.all_languages:
        from build_tools.i18n.stamp_all import run_stamp_all_languages

        return run_stamp_all_languages(root, files + [Path(f) for f in args.all_languages])
    if args.action == "stamp":
        return run_stamp(root, files)
    if args.action == "diff":
        from build_tools.i18n.diff import run_diff

        return run_diff(root, files, args.format or "text")
    if args.action == "mv":
        from build_tools.i18n.renames import run_mv

        return run_mv(root, files)
    if args.action == "prune":
        from build_tools.i18n.start import run_prune

        return run_prune(root, files)
    if args.action == "start":
        from build_tools.i18n.start import run_start

        return run_start(root, files, args.lang, empty=args.empty, force=args.force)
    if args.action == "export":
        from build_tools.i18n.catalog_export import run_export

        # The format comes from --format, else from the name of -o (x.xlf is XLIFF), else PO.
        return run_export(root, args.lang, args.format, args.only, Path(args.output) if args.output else None)
    if args.action == "import":
        from build_tools.i18n.catalog_import import run_import

        if not files:
            print("usage: python -m build_tools translations import FILE.po|FILE.xlf [FILE...] [--lang xx]",
                  file=sys.stderr)
            return 2
        if args.lang and len(args.lang) != 1:
            print("error: import --lang takes one language (the one the files were exported for)", file=sys.stderr)
            return 2
        return run_import(root, files, args.lang[0] if args.lang else None)
    if files:
        print(f"error: 'status' takes no files (did you mean `translations diff {files[0]}`?)", file=sys.stderr)
        return 2
    if args.format not in (None, "text", "json"):
        print("error: status --format is text or json", file=sys.stderr)
        return 2
    return run_status(root, args.lang, args.format or "text")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all commands."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument("--root", help="project folder (default: the one holding mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check content and report every problem with its location")
    p.add_argument("paths", nargs="*", help="files or folders to report on (default: everything)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text",
                   help="github: GitHub Actions workflow commands, shown on a pull request's diff")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("build", help="validate, generate pages and build the site atomically")
    p.add_argument("--site-dir", default="site")
    p.add_argument("--lang", action="append", help="build only these languages (repeatable)")
    p.add_argument("--jobs", type=int, default=0, help="parallel language builds (default: CPU count)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--no-cache", action="store_true",
                   help="render every page of every language anew (slower; the output must not change)")
    p.add_argument("--no-admin", action="store_true", help="leave the web editor (/admin/) out of the site")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("cms", help="serve the web editor locally (Chrome or Edge: work on this repository's files)")
    p.add_argument("--port", type=int, default=8090)
    p.add_argument("--print-config", action="store_true", help="print the generated editor configuration (YAML)")
    p.set_defaults(func=_cmd_cms)

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

    p = sub.add_parser("translations", help="translation status, what changed, and the translator workflow",
                       description="status: what is missing or outdated; stamp FILE: record a reviewed translation; "
                                   "diff FILE: what changed in English, word by word; prune FILE: remove texts the "
                                   "English no longer has; mv OLD NEW: rename an English file with its "
                                   "translations; start FILE --lang xx: begin a translation; "
                                   "export --lang xx --format po|xliff -o FILE / import FILE...: work in a "
                                   "translation platform (Weblate, Crowdin, Poedit, Trados, memoQ)")
    p.add_argument("action", nargs="?", choices=["status", "stamp", "diff", "prune", "mv", "start", "export", "import"],
                   default="status")
    p.add_argument("files", nargs="*", help="translation files (stamp, diff, prune), English sources (start; mv OLD NEW), "
                                             "or the PO/XLIFF files (import)")
    p.add_argument("--lang", action="append", help="languages: --lang fr,de or repeated (default: all)")
    p.add_argument("--format", choices=["text", "json", "po", "xliff"], default=None,
                   help="status/diff: text or json; export: po or xliff (default: from the name of -o)")
    p.add_argument("--only", help="export only units in these states: missing,outdated,translated")
    p.add_argument("-o", "--output", help="export: the file to write (default: standard output)")
    p.add_argument("--empty", action="store_true", help="start: leave the text empty instead of English")
    p.add_argument("--force", action="store_true", help="start: overwrite an existing translation")
    p.add_argument("--all-languages", nargs="+", metavar="ENGLISH_FILE", default=None,
                   help="stamp --all-languages ENGLISH_FILE: after a trivial fix (a typo), re-stamp in every "
                        "language the texts that were up to date before it")
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
