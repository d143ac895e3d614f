"""``python -m benchmarks.compare_weight``: the weight of the country comparison at portal scale.

The full benchmark (``make bench``) takes about 30 minutes; the comparison depends only on the
country profiles. This measurement writes the portal's 180 synthetic country profiles (the same
generator and seed as ``make bench``, with a token guideline, few good practices and reports),
runs the project's real build, and reports for every language:

- every page of the comparison (``countries/compare/`` and the pages below it): raw and gzip bytes
  (gzip level 6, what a web server sends);
- whether every country of the corpus has a column in that language's comparison pages, as HTML
  written at build time (readable without JavaScript).

Goal (issue 25): at most 300 KB gzip for any one comparison page, every country reachable.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks import bench, corpus

GOAL_GZ_BYTES = 300_000
# The portal's countries; the rest of the corpus kept small (it does not change the comparison).
SCALE = replace(corpus.SCALES["portal"], name="countries", guidelines=1, parts=2, sections=1, principles=(2, 2),
                good_practices=12, reports=2)
# A country's column header (attributes in any order: the site's HTML sanitizer sorts them).
_HEAD_COUNTRY = re.compile(r'<th\b[^>]*\bdata-country="([a-z0-9-]+)"')


def compare_pages(site: Path, lang: str, default: str) -> list[Path]:
    """The HTML files of one language's comparison: ``countries/compare/`` and its region pages
    ``countries/compare-<region>/`` (siblings, so that relative links stay the same)."""
    root = site / ("" if lang == default else lang) / "countries"
    return sorted(root.glob("compare*/index.html")) if root.is_dir() else []


def measure(site: Path, codes: list[str], default: str, countries: set[str]) -> dict[str, Any]:
    """Bytes per comparison page and the countries each language's pages hold, per language."""
    out: dict[str, Any] = {}
    for lang in codes:
        pages = compare_pages(site, lang, default)
        found: set[str] = set()
        rows: list[dict[str, Any]] = []
        for path in pages:
            data = path.read_bytes()
            found |= set(_HEAD_COUNTRY.findall(data.decode("utf-8")))
            rows.append({"page": str(path.parent.relative_to(site)) + "/", "bytes": len(data),
                         "gz_bytes": bench.gz_size(data)})
        out[lang] = {
            "pages": rows,
            "largest_gz_bytes": max((r["gz_bytes"] for r in rows), default=0),
            "largest_bytes": max((r["bytes"] for r in rows), default=0),
            "countries_in_html": len(found & countries),
            "missing": sorted(countries - found),
        }
    return out


def table(result: dict[str, Any]) -> str:
    """A Markdown table of the per-language figures."""
    lines = ["| language | pages | largest page (raw) | largest page (gzip) | countries in the HTML | goal |",
             "|---|---|---|---|---|---|"]
    for lang, r in result["languages"].items():
        ok = r["largest_gz_bytes"] <= GOAL_GZ_BYTES and not r["missing"]
        lines.append(f"| {lang} | {len(r['pages'])} | {r['largest_bytes']:,} B | {r['largest_gz_bytes']:,} B | "
                     f"{r['countries_in_html']} of {result['countries']} | {'**met**' if ok else 'not met'} |")
    return "\n".join(lines)


def run(workdir: Path, seed: int = 1, keep: bool = False, json_path: str | None = None) -> int:
    """Write the corpus, build it, measure; returns an exit code (1 if the build fails or a goal is missed)."""
    from build_tools.app.validate import find_root

    repo = find_root(Path.cwd())
    project = workdir / "project"
    corpus.SCALES[SCALE.name] = SCALE
    bench.log(f"writing {SCALE.profiles} country profiles into {project}")
    corpus.generate(repo, project, SCALE.name, seed)
    bench.log("the project's full build")
    built = bench.run_measured([sys.executable, "-m", "build_tools", "--root", str(project), "build"], project,
                               bench._show_build)
    if built.returncode != 0:
        print("\n".join(built.tail), file=sys.stderr)
        return 1
    cfg = bench._mkdocs_yaml(project)
    languages = bench._languages(cfg)
    codes = [str(lang["locale"]) for lang in languages]
    default = next((str(lang["locale"]) for lang in languages if lang.get("default")), codes[0])
    countries = {p.stem for p in (project / "country_profiles").glob("*.yml") if "." not in p.stem}
    result: dict[str, Any] = {"scale": SCALE.name, "countries": len(countries), "build_s": round(built.seconds, 1),
              "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
              "goal_gz_bytes": GOAL_GZ_BYTES, "languages": measure(project / "site", codes, default, countries)}
    print(table(result), flush=True)
    if json_path:
        Path(json_path).write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    if not keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return report(result)


def report(result: dict[str, Any]) -> int:
    """Exit code of a measurement: 0 when every language meets the goal."""
    met = all(r["largest_gz_bytes"] <= GOAL_GZ_BYTES and not r["missing"] for r in result["languages"].values())
    return 0 if met else 1


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m benchmarks.compare_weight [--json FILE] [--keep] [--dir DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare_weight", description=__doc__)
    parser.add_argument("--json", help="write the figures as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus and site")
    parser.add_argument("--dir", default=".bench/compare", help="working folder (default .bench/compare)")
    args = parser.parse_args(argv)
    return run(Path(args.dir).resolve(), keep=args.keep, json_path=args.json)


if __name__ == "__main__":
    sys.exit(main())
