"""``python -m build_tools new <type> <id>``: write a skeleton for editors to fill in.

The skeleton is checked before it is written: apart from its placeholders (error E126 until the
editor replaces them), it must validate, or nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import re
import sys
import tempfile
from importlib import resources
from pathlib import Path

import jinja2
import yaml

from build_tools.app.validate import validate
from build_tools.checks.diagnostics import Diagnostic, Severity, format_report
from build_tools.model import kinds, layout, profile_fields
from build_tools.model.country_profiles import BRANCHES
from build_tools.model.project import ISO_COUNTRIES, country_hint, load_project

_SLUG_HELP = "IDs are lowercase letters, digits and single hyphens, e.g. gp-fr-online-claims"
# The --set keys each type uses (anything else is refused, so that a typo is never ignored).
KEYS = {
    "good-practice": ("title", "country", "countries", "guideline", "principle", "topic", "topics", "year", "date"),
    "report": ("title", "type", "guideline", "topic", "topics", "date"),
    "guideline": ("title", "code", "prefix", "year", "date"),
    "country-profile": ("region", "date"),
}
REPORT_TYPES = ("research-report", "policy-brief", "technical-report", "survey")
# Keys editors try that a type names otherwise: (type, key) -> (the key to use, or None, and what it sets).
ALIASES = {
    ("good-practice", "years"): ("year", "the year of the case"),
    ("guideline", "edition"): ("year", "the edition (a year)"),
    ("report", "year"): (None, "a report has a date, not a year: --set date=YYYY-MM-DD"),
    ("country-profile", "year"): (None, "a country profile has dates (laws_as_of, updated), not a year: "
                                        "--set date=YYYY-MM-DD"),
}
# What a value `new` had to guess means, written after it as `# placeholder: ...` (an error E126,
# see checks/editorial.py, until the editor writes the real value and deletes the comment).
GUESSES = {
    "countries": "the country or countries of the case, e.g. [KE] (or --set country=KE)",
    "guidelines": "the guideline(s) this relates to, IDs of guidelines/*.yml (or --set guideline=...)",
    "principles": "the principle(s) this case illustrates, IDs from the guideline (or --set principle=...)",
    "topics": "the topic(s), IDs from content/taxonomy.yml (or --set topics=...)",
    "year": "the year the case started or was awarded (or --set year=YYYY)",
    "date": "the publication date, YYYY-MM-DD (or --set date=...)",
    "type": f"one of {', '.join(REPORT_TYPES)} (or --set type=...)",
    "edition": "the edition, a year in quotes (or --set year=YYYY)",
    "edition_date": "the date this edition was adopted, YYYY-MM-DD (or --set date=...)",
}
_PREFIX = re.compile(r"^(?:gp|rp)-(?:[a-z]{2}-)?")


def _template(name: str) -> jinja2.Template:
    text = (resources.files("build_tools") / "data" / "scaffold" / name).read_text("utf-8")
    return jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True).from_string(text)


def regions() -> dict[str, str]:
    """Region of every ISO country code (build_tools/data/regions.json)."""
    data: dict[str, str] = json.loads((resources.files("build_tools") / "data" / "regions.json").read_text("utf-8"))
    return data


def readable_title(item_id: str) -> str:
    """A title to start from: ``gp-br-digital-enrolment`` -> ``Digital enrolment``."""
    words = _PREFIX.sub("", item_id).replace("-", " ").strip() or item_id.replace("-", " ")
    return words[:1].upper() + words[1:]


def _options(kind: str, pairs: list[str]) -> tuple[dict[str, str], str | None]:
    """Parse ``KEY=VALUE`` pairs; an unknown key or a pair without '=' is an error message."""
    out: dict[str, str] = {}
    allowed = KEYS.get(kind, ())
    for pair in pairs:
        key, eq, value = pair.partition("=")
        key = key.strip()
        if not eq:
            return out, f"--set takes KEY=VALUE, not '{pair}'"
        alias = ALIASES.get((kind, key))
        if alias is not None and alias[0] is None:
            return out, f"--set {key}: {alias[1]}"
        if alias is not None and alias[0] is not None:
            key = alias[0]
        if key not in allowed:
            return out, f"--set {key}: a {kind} has no such setting; it accepts: {', '.join(allowed)}"
        out[key] = value.strip()
    return out, None


def _marks(given: set[str], fields: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """`  # placeholder: ...` after each field whose value `new` guessed (none of its --set keys given)."""
    return {name: "" if given & set(keys) else f"  # placeholder: {GUESSES[name]}" for name, keys in fields.items()}


def _list(value: str, upper: bool = False) -> str:
    """``a,b`` (or ``a b``) as the inside of a YAML flow list: ``a, b``."""
    items = [v.strip() for v in value.replace(",", " ").split() if v.strip()]
    return ", ".join(v.upper() if upper else v for v in items)


def _fail(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def scaffold(root: Path, kind: str, item_id: str, force: bool = False, options: list[str] | None = None) -> int:
    """Write a skeleton of ``kind`` named ``item_id`` (after checking it), and print its path."""
    spec = kinds.get(kind)
    if spec is None or spec.scaffold_template is None:
        return _fail(f"there is no skeleton for '{kind}'")
    opts, problem = _options(kind, options or [])
    if problem:
        return _fail(problem)
    today = opts.get("date", _dt.date.today().isoformat())
    project = load_project(root)
    first_guideline = next(iter(sorted(project.guidelines.values(), key=lambda g: g.id)), None)
    guideline = opts.get("guideline") or (first_guideline.id if first_guideline else "")
    principle = opts.get("principle", "")
    if not principle and guideline in project.guidelines:
        principle = project.guidelines[guideline].principles()[0].id
    topic = opts.get("topic") or next(iter(project.taxonomy.get("topics", [])), "governance")
    docs_dir = project.config.docs_dir
    if spec.stem_rule == "iso2":
        iso2 = item_id.upper()
        hint = country_hint(iso2)
        if len(iso2) != 2 or not iso2.isalpha() or iso2 not in ISO_COUNTRIES:
            extra = f"; {hint}" if hint else ""
            return _fail(f"a country profile is named by its ISO 3166-1 alpha-2 code; '{item_id}' is not one{extra}")
        region = opts.get("region") or regions().get(iso2)
        if region is None:
            return _fail(f"no region is known for {iso2}: add --set region=<africa|americas|asia-pacific|europe>")
        target = kinds.source_path(spec, root, docs_dir, iso2.lower())
        text = _template(spec.scaffold_template).render(iso2=iso2, region=region, today=today, branches=BRANCHES,
                                                            text_fields=profile_fields.text_fields())
    else:
        if layout.split_name(f"{item_id}.md") is None:
            return _fail(f"'{item_id}' is not a valid ID ({_SLUG_HELP})")
        # Quoted when YAML needs it (--set title="Mobile money: a case" must not break the front matter).
        title = yaml.safe_dump(opts.get("title", readable_title(item_id)), allow_unicode=True,
                               width=10**6).removesuffix("\n...\n").strip()
        report_type = opts.get("type", REPORT_TYPES[0])
        if report_type not in REPORT_TYPES:
            return _fail(f"--set type={report_type}: a report type is one of {', '.join(REPORT_TYPES)}")
        countries = _list(opts.get("countries") or opts.get("country") or "FR", upper=True)
        year = opts.get("year", today[:4])
        given = set(opts)
        marks = _marks(given, {"countries": ("country", "countries"), "guidelines": ("guideline",),
                               "principles": ("principle",), "topics": ("topic", "topics"),
                               "year": ("year", "date"), "date": ("date",), "type": ("type",),
                               "edition": ("year", "date"), "edition_date": ("date",)})
        values = {"id": item_id, "title": title, "today": today, "year": year, "marks": marks, "guideline": guideline,
                  "principle": principle, "topics": _list(opts.get("topics") or topic), "countries": countries,
                  "type": report_type, "topic": topic, "country": countries.split(",")[0]}
        prefix = opts.get("prefix", item_id.split("-")[0][:6])  # principle-ID prefix and code of a guideline
        values.update(code=opts.get("code", prefix.upper()[:6]), prefix=prefix)
        target = kinds.source_path(spec, root, docs_dir, item_id)
        text = _template(spec.scaffold_template).render(**values)
    rel = target.relative_to(root).as_posix()
    if target.exists() and not force:
        return _fail(f"{rel} already exists (use --force to overwrite)", 1)
    diags = _check(root, rel, text, replacing=target.exists())
    errors = [d for d in diags if d.severity is Severity.ERROR and d.code != "E126"]
    if errors:
        print(format_report(errors), file=sys.stderr)
        return _fail(f"nothing written: {rel} would not validate (fix the --set values above)", 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    todo = sum(1 for d in diags if d.code == "E126")
    print(f"wrote {rel}: replace its {todo} placeholder(s), then run `make validate` "
          "(validation lists each placeholder until it is replaced)")
    return 0


def _check(root: Path, rel: str, text: str, replacing: bool) -> list[Diagnostic]:
    """Validate ``text`` as if it were ``rel`` in the project, without writing into the project."""
    with tempfile.TemporaryDirectory(prefix="ssa-new-") as tmp:
        probe = Path(tmp) / rel
        probe.parent.mkdir(parents=True)
        probe.write_text(text, encoding="utf-8")
        _project, diags = validate(root, [probe])
    shown = []
    for d in diags:
        if replacing and d.code in ("E130", "E150") and rel in d.message:
            continue  # the file being overwritten is the other occurrence
        shown.append(dataclasses.replace(d, path=rel))
    return shown
