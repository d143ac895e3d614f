"""``python -m build_tools new <type> <id>``: write a valid skeleton for editors to fill in."""

from __future__ import annotations

import datetime as _dt
import sys
from importlib import resources
from pathlib import Path

import jinja2

from build_tools.app.validate import validate
from build_tools.checks.diagnostics import format_report, has_errors
from build_tools.model import kinds, layout
from build_tools.model.country_profiles import BRANCHES
from build_tools.model.project import load_project

_SLUG_HELP = "IDs are lowercase letters, digits and single hyphens, e.g. gp-fr-online-claims"


def _template(name: str) -> jinja2.Template:
    text = (resources.files("build_tools") / "data" / "scaffold" / name).read_text("utf-8")
    return jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True).from_string(text)


def _options(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        out[key.strip()] = value.strip()
    return out


def scaffold(root: Path, kind: str, item_id: str, force: bool = False, options: list[str] | None = None) -> int:
    """Write a skeleton of ``kind`` named ``item_id``, check it validates, and print its path."""
    opts = _options(options or [])
    today = opts.get("date", _dt.date.today().isoformat())
    project = load_project(root)
    first_guideline = next(iter(sorted(project.guidelines.values(), key=lambda g: g.id)), None)
    guideline = opts.get("guideline") or (first_guideline.id if first_guideline else "")
    principle = opts.get("principle", "")
    if not principle and guideline in project.guidelines:
        principle = project.guidelines[guideline].principles()[0].id
    topic = opts.get("topic") or next(iter(project.taxonomy.get("topics", [])), "governance")
    spec = kinds.get(kind)
    if spec is None or spec.scaffold_template is None:
        print(f"error: there is no skeleton for '{kind}'", file=sys.stderr)
        return 2
    docs_dir = project.config.docs_dir
    if spec.stem_rule == "iso2":
        iso2 = item_id.upper()
        if len(iso2) != 2 or not iso2.isalpha():
            print(f"error: a country profile is named by its ISO 3166-1 alpha-2 code, not '{item_id}'", file=sys.stderr)
            return 2
        target = kinds.source_path(spec, root, docs_dir, iso2.lower())
        text = _template(spec.scaffold_template).render(iso2=iso2, region=opts.get("region", "europe"),
                                                       today=today, branches=BRANCHES)
    else:
        if layout.split_name(f"{item_id}.md") is None:
            print(f"error: '{item_id}' is not a valid ID ({_SLUG_HELP})", file=sys.stderr)
            return 2
        title = opts.get("title", item_id.replace("-", " ").capitalize())
        values = {"id": item_id, "title": title, "today": today, "year": today[:4], "guideline": guideline,
                  "principle": principle, "topic": topic, "country": opts.get("country", "FR")}
        prefix = opts.get("prefix", item_id.split("-")[0][:6])  # principle-ID prefix and code of a guideline
        values.update(code=opts.get("code", prefix.upper()[:6]), prefix=prefix)
        target = kinds.source_path(spec, root, docs_dir, item_id)
        text = _template(spec.scaffold_template).render(**values)
    if target.exists() and not force:
        print(f"error: {target.relative_to(root)} already exists (use --force to overwrite)", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _project, diags = validate(root, [target])
    rel = target.relative_to(root).as_posix()
    if has_errors(diags):
        print(format_report(diags), file=sys.stderr)
        print(f"wrote {rel}, but it does not validate yet: fix the errors above", file=sys.stderr)
        return 1
    print(f"wrote {rel}: fill in the fields, then run `python -m build_tools validate {rel}`")
    return 0
