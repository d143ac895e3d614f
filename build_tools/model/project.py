"""Load a whole site project: every content file, its translations and cross-references.

``load_project`` never raises on content: problems become diagnostics, and items with
errors are left out of the model so that later stages only see valid data.
"""

from __future__ import annotations

import copy
import difflib
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale

from build_tools.checks import schema_check
from build_tools.checks.diagnostics import Diagnostic, Severity, make
from build_tools.checks.reading import MAX_ASSET_BYTES, Located, parse_yaml_mapping, read_text, relative_path
from build_tools.model import country_profiles, kinds, layout, publishable, taxonomy
from build_tools.model.base import IN_PROGRESS, SourceFile, TranslationReport, Withheld
from build_tools.model.country_profiles import CountryProfile
from build_tools.model.documents import Document
from build_tools.model.guidelines import Guideline, Principle
from build_tools.model.site_config import SiteConfig, SiteConfigError, load_site_config
from build_tools.model.ui_strings import Catalog, load_catalog

ISO_COUNTRIES: frozenset[str] = frozenset(
    str(code) for code in Locale("en").territories if isinstance(code, str) and len(code) == 2 and code.isalpha()
)


_SERIALS = itertools.count(1)


@dataclass
class Project:
    """Everything the site is built from, validated."""

    config: SiteConfig
    catalog: Catalog
    guidelines: dict[str, Guideline] = field(default_factory=dict)
    good_practices: dict[str, Document] = field(default_factory=dict)
    reports: dict[str, Document] = field(default_factory=dict)
    pages: dict[str, Document] = field(default_factory=dict)  # keyed by path relative to docs_dir
    profiles: dict[str, CountryProfile] = field(default_factory=dict)  # keyed by lowercase ISO2
    taxonomy: dict[str, list[str]] = field(default_factory=lambda: {"topics": [], "organizations": []})
    # content/taxonomy.yml with positions (errors about the taxonomy are reported at its lines).
    taxonomy_source: Located | None = field(default=None, compare=False, repr=False)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Source files that exist but could not be loaded because of their own errors: (kind, stem) -> path.
    broken: dict[tuple[str, str], str] = field(default_factory=dict)
    # Files whose references could not be checked because a file they refer to is broken: rel -> those files.
    waiting_on: dict[str, set[str]] = field(default_factory=dict)
    # Translation files that exist but are not published (errors of their own, or in progress), by
    # path relative to the root: readers get the English with the usual notice.
    withheld: dict[str, Withheld] = field(default_factory=dict)
    # Items of registered kinds that have no attribute of their own (see build_tools.model.kinds).
    collections: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Counts front-matter changes made in place (live preview reloads): what is computed from
    # metadata only (listings, feeds, facets) is unchanged while it stays the same.
    meta_generation: int = field(default=0, compare=False)
    # Unique per loaded project in this process (unlike id(), never reused by a later project).
    serial: int = field(default_factory=lambda: next(_SERIALS), compare=False)
    # Files of docs_dir other than pages that may be published (docs-relative paths of linked images
    # and attachments; see build_tools.model.publishable). Nothing else of docs_dir is published.
    assets: set[str] = field(default_factory=set)
    # Derived indexes, computed once: generators ask for them once per page (O(n²) otherwise).
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def root(self) -> Path:
        """Project root folder."""
        return self.config.root

    @property
    def languages(self) -> list[str]:
        """Language codes, default first."""
        return self.config.codes

    def items(self, kind: kinds.ContentKind | str) -> dict[str, Any]:
        """The loaded items of a content kind (the same dict as its attribute, e.g. ``good_practices``)."""
        spec = kinds.get(kind) if isinstance(kind, str) else kind
        if spec is None:
            raise KeyError(f"unknown content kind '{kind}'")
        if spec.attribute is not None:
            coll: dict[str, Any] = getattr(self, spec.attribute)
            return coll
        return self.collections.setdefault(spec.name, {})

    def principles(self) -> dict[str, tuple[Guideline, Principle]]:
        """Every principle by ID, with its guideline (computed once; do not modify)."""
        if "principles" not in self._derived:
            self._derived["principles"] = {p.id: (g, p) for g in self.guidelines.values() for p in g.principles()}
        return dict(self._derived["principles"])

    def good_practices_by_principle(self) -> dict[str, list[Document]]:
        """Good practices tagged with each principle ID (computed once; do not modify)."""
        return self._good_practices_by("principles")

    def good_practices_by_country(self) -> dict[str, list[Document]]:
        """Good practices for each ISO2 country code (computed once; do not modify)."""
        return self._good_practices_by("countries")

    def _good_practices_by(self, field_name: str) -> dict[str, list[Document]]:
        """Good practices grouped by each value of a list field of their front matter, sorted by ID."""
        key = f"by_{field_name}"
        if key not in self._derived:
            out: dict[str, list[Document]] = {}
            for gp in sorted(self.good_practices.values(), key=lambda d: d.id):
                for value in gp.meta.get(field_name, []):
                    out.setdefault(value, []).append(gp)
            self._derived[key] = out
        return dict(self._derived[key])

    def translation_reports(self, lang: str) -> list[TranslationReport]:
        """Translation state of every item in ``lang``.

        A withheld translation (not published) is reported on what it holds, with ``withheld``
        saying why: a file with errors or in progress is not "missing".
        """
        withheld = {(w.kind, w.key): (rel, w) for rel, w in self.withheld.items() if w.lang == lang}
        out = []
        for kind in kinds.kinds():
            for key, item in self.items(kind).items():
                found = withheld.get((kind.name, key)) if withheld else None
                if found is not None:
                    out.append(self._withheld_report(kind.translation_report, item, lang, found[0], found[1]))
                else:
                    out.append(kind.translation_report(item, lang))
        if self.catalog.strings.get(self.config.default_language):
            rel = f"{layout.LOCALES_DIR}/{lang}.yml"
            report = self.catalog.translation_report(lang, rel)
            if rel in self.withheld:
                report.withheld = self.withheld[rel].reason
                if report.withheld == IN_PROGRESS:
                    report.state = IN_PROGRESS
            out.append(report)
        return sorted(out, key=lambda r: (r.kind, r.item_id))

    @staticmethod
    def _withheld_report(make_report: Any, item: Any, lang: str, rel: str, w: Withheld) -> TranslationReport:
        probe = item
        if w.translation is not None:
            probe = copy.copy(item)
            probe.translations = {**item.translations, lang: w.translation}
        report: TranslationReport = make_report(probe, lang)
        report.path = rel
        report.withheld = w.reason
        if w.reason == IN_PROGRESS:
            report.state = IN_PROGRESS
        return report

    def withhold(self, rel: str) -> bool:
        """Stop publishing the translation file ``rel`` (an error found after loading); False if it is none."""
        if rel in self.withheld:
            return True
        for kind in kinds.kinds():
            for key, item in self.items(kind).items():
                for lang, tr in list(item.translations.items()):
                    if tr.source.rel == rel:
                        del item.translations[lang]
                        self.withheld[rel] = Withheld(kind.name, key, lang, "errors", tr)
                        self._derived.clear()
                        return True
        return False

    def contained(self, diag: Diagnostic) -> bool:
        """True for an error that stops only its own translation from being published, not the build.

        Errors in a translation file (any language but the default) make that text fall back to
        English; ``validate`` still reports them and exits 1.
        """
        return diag.path in self.withheld or diag.path in self.catalog.contained

    def blocking(self, diags: list[Diagnostic] | None = None) -> list[Diagnostic]:
        """The errors that stop a build: every error except those :meth:`contained` in a translation."""
        return [d for d in (self.diagnostics if diags is None else diags)
                if d.severity is Severity.ERROR and not self.contained(d)]



def _files(folder: Path, root: Path | None = None, diags: list[Diagnostic] | None = None,
           assets: bool = False) -> list[Path]:
    """Content files under ``folder``, sorted; with ``root``, refuse links leaving it and oversized files.

    A symlink (file or folder) that resolves outside ``root`` is reported (E105) and never read:
    the build would otherwise publish any file of the build machine. With ``assets``, other files
    (images, attachments) are checked too, against their own size limit.
    """
    if not folder.is_dir():
        return []
    out: list[Path] = []
    top = root.resolve() if root is not None else None

    def leaves(path: Path) -> bool:
        if top is None or not path.is_symlink():
            return False
        if _inside(path, top):
            return False
        if diags is not None:
            diags.append(make(Path(os.path.relpath(path.absolute(), top)).as_posix(), 1, 1, "E105",
                              f"'{path.name}' is a link to {os.readlink(path)}, outside the repository: "
                              "it is not read or published"))
        return True

    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")) and not leaves(here / d))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            if leaves(path):
                continue
            if (assets and diags is not None and top is not None and path.suffix not in _TEXT_SUFFIXES
                    and not kinds.is_generated(path.relative_to(folder).as_posix())):
                try:
                    size = path.stat().st_size
                except OSError:
                    continue
                if size > MAX_ASSET_BYTES:
                    diags.append(make(relative_path(path, top), 1, 1, "E104",
                                      f"file is {size:,} bytes, limit {MAX_ASSET_BYTES:,} for images and attachments"))
            out.append(path)
    return out


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


_TEXT_SUFFIXES = (".md", ".yml", ".yaml")
# Markdown extensions MkDocs also publishes; the site only validates ``.md``.
_OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")


class _Loader:
    def __init__(self, config: SiteConfig, catalog: Catalog, diags: list[Diagnostic]) -> None:
        self.project = Project(config, catalog, diagnostics=diags)
        self.diags = diags
        self.languages = set(config.codes)
        self.default = config.default_language
        self.pending: list[tuple[str, SourceFile]] = []

    def source(self, path: Path, kind: str, ext: str, stem_pattern: str | None = None) -> SourceFile | None:
        rel = relative_path(path, self.project.root)
        name = layout.split_name(path.name)
        if name is None or name.ext != ext:
            loose = layout.split_loose(path.name)
            if loose and loose.ext == ext and loose.lang and layout.split_name(f"{loose.stem}.{loose.ext}"):
                self.diags.append(make(rel, 1, 1, "E141",
                                       f"'{loose.lang}' is not a site language ({', '.join(sorted(self.languages))})"))
            else:
                self.diags.append(make(rel, 1, 1, "E140", f"'{path.name}' is not a valid {kind} file name"))
            return None
        if stem_pattern == "iso2" and (len(name.stem) != 2 or not name.stem.isalpha()):
            self.diags.append(make(rel, 1, 1, "E140", f"country profiles are named <iso2>.yml, not '{path.name}'"))
            return None
        if name.lang is not None and name.lang not in self.languages:
            self.diags.append(make(rel, 1, 1, "E141",
                                   f"'{name.lang}' is not a site language ({', '.join(sorted(self.languages))})"))
            return None
        lang = None if name.lang in (None, self.default) else name.lang
        base, dash, suffix = name.stem.rpartition("-")
        if dash and suffix in self.languages and name.lang is None and path.with_name(f"{base}.{ext}").exists():
            self.diags.append(make(rel, 1, 1, "E142",
                                   f"'{path.name}' looks like the {suffix} translation of {base}.{ext}, but it would "
                                   f"be published as a separate {self.default} page",
                                   hint=f"rename it to {base}.{suffix}.{ext}"))
            return None
        spec = kinds.get(kind)
        own = spec.folder.strip("/") if spec is not None and spec.in_docs else ""
        if own and path.parent.name != own.split("/")[-1]:  # (checked by name: ``new`` validates a copy elsewhere)
            folder = relative_path(self.project.config.docs_dir / own, self.project.root)
            self.diags.append(make(rel, 1, 1, "E140",
                                   f"{kind.replace('-', ' ')}s are kept directly in {folder}/ (their address is "
                                   f"/{spec.url_folder if spec and spec.url_folder else own}/<id>/), not in a subfolder",
                                   hint=f"move it to {folder}/{path.name}"))
            return None
        if name.lang == self.default:
            self.diags.append(make(rel, 1, 1, "E140",
                                   f"the {self.default} source is named without a language suffix: {name.stem}.{ext}"))
            return None
        return SourceFile(path, rel, name.stem, lang)

    def add(self, kind: str, path: Path) -> None:
        """Load the source (or queue the translation) at ``path`` as content of ``kind``."""
        spec = kinds.get(kind)
        if spec is None:
            raise ValueError(f"unknown content kind '{kind}'")
        src = self.source(path, kind, spec.ext, spec.stem_rule)
        if src is None:
            return
        if src.lang is not None:
            self.pending.append((kind, src))
            return
        loaded, d = spec.load(src)
        if loaded:
            self.project.items(spec)[self.docs_key(src) if spec.keyed_by_path else loaded.id] = loaded
        self.diags.extend(d)
        if loaded is None:
            self.project.broken[(kind, src.stem)] = src.rel

    def docs_key(self, src: SourceFile) -> str:
        docs = self.project.config.docs_dir
        try:
            parent = src.path.parent.resolve().relative_to(docs.resolve()).as_posix()
        except ValueError:
            parent = src.path.parent.name
        return f"{parent}/{src.stem}.md" if parent not in ("", ".") else f"{src.stem}.md"

    def resolve_translations(self) -> None:
        p = self.project
        for kind, src in self.pending:
            spec = kinds.get(kind)
            assert spec is not None  # add() only queues registered kinds
            target: Any = p.items(spec).get(self.docs_key(src) if spec.keyed_by_path else src.stem)
            if target is None:
                source_path = src.path.with_name(f"{src.stem}{src.path.suffix}")
                if source_path.exists():
                    continue  # the source has errors of its own, already reported
                self.diags.append(make(src.rel, 1, 1, "W150",
                                       f"no source file {relative_path(source_path, p.root)}: this translation is "
                                       "not published. If the English was renamed, `python -m build_tools "
                                       "translations` names the command that moves it (translations mv OLD NEW); "
                                       f"if it was retired, `python -m build_tools translations prune {src.rel}` "
                                       "deletes it"))
                continue
            tr, d = spec.load_translation(src, target)
            self.diags.extend(d)
            if src.lang is None:
                continue
            key = self.docs_key(src) if spec.keyed_by_path else src.stem
            p.withheld.pop(src.rel, None)
            errors = any(diag.severity is Severity.ERROR for diag in d)
            if errors or tr is None or tr.in_progress:
                # Not published: the English is shown with the notice, and the build goes on.
                target.translations.pop(src.lang, None)
                p.withheld[src.rel] = Withheld(kind, key, src.lang, "errors" if errors or tr is None else IN_PROGRESS,
                                               tr)
                continue
            target.translations[src.lang] = tr


def classify(path: Path, config: SiteConfig) -> str | None:
    """The content kind of a file, from where it lives (None if it is not content)."""
    if path.name == "taxonomy.yml":
        return "taxonomy"
    if "locales" in path.resolve().parts[:-1]:
        return "locale"
    inside = path.resolve().is_relative_to(config.root.resolve())
    kind = kinds.for_file(path, config.root, config.docs_dir) if inside else kinds.for_outside_file(path)
    return kind.name if kind is not None else None


def _load_taxonomy(loader: _Loader, path: Path) -> None:
    rel = relative_path(path, loader.project.root)
    text, d = read_text(path, rel)
    loader.diags.extend(d)
    if text is None:
        return
    located, d = parse_yaml_mapping(text, rel)
    loader.diags.extend(d)
    if located is None:
        return
    d = schema_check.check("taxonomy", located, rel)
    loader.diags.extend(d)
    if not d:
        loader.project.taxonomy = {k: list(v) for k, v in located.data.items()}
        loader.project.taxonomy_source = located


def load_project(root: Path, extra_paths: list[Path] | None = None) -> Project:
    """Load and validate every content file under ``root`` (plus ``extra_paths``)."""
    diags: list[Diagnostic] = []
    try:
        config = load_site_config(root)
    except SiteConfigError as exc:
        # Nothing else can be judged without the configuration (the languages, the folders): report the
        # root cause alone rather than every translation as "not a site language".
        project = Project(SiteConfig(root, root / "content", tuple(load_site_config_fallback())), Catalog("en"))
        project.diagnostics = [make(exc.rel, exc.line, exc.column, "E190", exc.message, hint=exc.hint)]
        return project
    catalog, cat_diags = load_catalog(root / layout.LOCALES_DIR, config.codes, config.default_language, root)
    diags.extend(cat_diags)
    withheld_locales = dict(catalog.withheld)
    # Theme files are published as they are: a link leaving the repository is refused there too.
    _files(root / "overrides", root, diags, assets=True)
    loader = _Loader(config, catalog, diags)
    loader.project.withheld.update(withheld_locales)
    taxonomy_path = root / layout.TAXONOMY_FILE
    if taxonomy_path.exists():
        _load_taxonomy(loader, taxonomy_path)
    docs = config.docs_dir
    for folder in kinds.source_folders(root, docs):
        in_docs = folder.resolve() == docs.resolve()
        for path in _files(folder, root, diags, assets=in_docs):
            spec = kinds.for_file(path, root, docs)
            if spec is None and in_docs and path.suffix.lower() in _OTHER_MARKDOWN + (".md",) \
                    and path.suffix != ".md" and not kinds.is_generated(relative_path(path, docs)):
                diags.append(make(relative_path(path, root), 1, 1, "E140",
                                  f"'{path.name}': only .md files are checked and translated; this one would be "
                                  "published unchecked in every language",
                                  hint=f"rename it to {path.stem}.md"))
                continue
            if spec is not None:
                loader.add(spec.name, path)
    for path in extra_paths or []:
        kind = classify(path, config)
        if kind is None or kind == "locale":
            continue
        if kind == "taxonomy":
            _load_taxonomy(loader, path)
        else:
            loader.add(kind, path)
    loader.resolve_translations()
    project = loader.project
    surveyed = _survey(project)
    project.assets = surveyed.assets
    diags.extend(surveyed.diagnostics)
    diags.extend(_cross_checks(project))
    diags.extend(country_profiles.agreement_diagnostics(project.profiles))
    project.diagnostics = sorted(set(taxonomy.drop_false_unused(diags, project.taxonomy)))
    return project


def _survey(project: Project) -> publishable.Survey:
    """:func:`publishable.survey` of the project's docs_dir."""
    return publishable.survey(project.config.docs_dir, project.root, project.languages,
                              [(doc.source.path, doc.meta.get("file")) for doc in project.reports.values()])


def load_site_config_fallback() -> list[Any]:
    """Languages to assume when mkdocs.yml cannot be read."""
    from build_tools.model.site_config import Language

    return [Language("en", "English", True)]


def did_you_mean(value: str, known: Any, listing: str, only: list[str] | None = None) -> str | None:
    """'did you mean X?' for a typo (difflib), else ``listing`` followed by the known values (at most 20)."""
    import difflib

    names = sorted(str(k) for k in known)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.75)
    if close:
        return f"did you mean {close[0]}?"
    shown = sorted(only) if only is not None else names
    if not shown:
        return None
    return listing + ", ".join(shown[:20]) + (f" and {len(shown) - 20} more" if len(shown) > 20 else "")


# Codes people write for a country that are not its ISO 3166-1 alpha-2 code.
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "EN": "GB", "SP": "ES", "KO": "KR", "JA": "JP", "SW": "SE"}


def country_hint(code: str) -> str | None:
    """'did you mean GB?' for a common non-ISO country code, else None."""
    upper = code.upper()
    if upper in COUNTRY_ALIASES and COUNTRY_ALIASES[upper] != upper:
        return f"did you mean {COUNTRY_ALIASES[upper]}? (ISO 3166-1 alpha-2 codes, upper case)"
    if upper != code and upper in ISO_COUNTRIES:
        return f"did you mean {upper}? (country codes are upper case)"
    return None


def partner_hint(partner: str, orgs: set[str]) -> str:
    """How to write an agreement partner: the code it probably means, else the two forms allowed."""
    known = country_hint(partner)
    if known:
        return known
    upper = partner.upper().strip()
    if upper in orgs:
        return f"did you mean {upper}? (organization codes are upper case, as in content/taxonomy.yml)"
    close = difflib.get_close_matches(upper, sorted(orgs), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]}? (an organization in content/taxonomy.yml)"
    listed = ", ".join(sorted(orgs)) or "none yet"
    return (f"write the partner country's ISO 3166-1 alpha-2 code (e.g. FR), or an organization listed under "
            f"organizations: in content/taxonomy.yml ({listed}); a new organization is added there first")


def _newer(a: tuple[str, int], b: tuple[str, int], root: Path) -> bool:
    """True if occurrence ``a`` (file, line) was introduced after ``b``.

    In one file the later line is the newer; across files, the file changed last in git
    (uncommitted changes count as newest), else the one modified last on disk.
    """
    if a[0] == b[0]:
        return a[1] > b[1]
    ta, tb = _change_time(root, a[0]), _change_time(root, b[0])
    return ta > tb if ta != tb else a > b


def _history_available(root: Path) -> bool:
    """True if ``root`` is in a git work tree with its full history (not a shallow clone)."""
    import subprocess

    try:
        probe = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root, capture_output=True,
                               text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0 and probe.stdout.strip() == "false"


def _change_time(root: Path, rel: str) -> float:
    """When ``rel`` last changed: now if it is uncommitted, else its last commit, else its mtime."""
    import subprocess

    try:
        status = subprocess.run(["git", "status", "--porcelain", "--", rel], cwd=root, capture_output=True,
                                text=True, timeout=10)
        if status.returncode == 0:
            if status.stdout.strip():
                return float("inf")
            log = subprocess.run(["git", "log", "-1", "--format=%ct", "--", rel], cwd=root, capture_output=True,
                                 text=True, timeout=10)
            if log.returncode == 0 and log.stdout.strip():
                return float(log.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return (root / rel).stat().st_mtime
    except OSError:
        return 0.0


def _regions() -> dict[str, str]:
    """The region of each ISO country code, as the site groups countries (build_tools/data/regions.json)."""
    import json
    from importlib import resources

    data: dict[str, str] = json.loads((resources.files("build_tools") / "data" / "regions.json").read_text("utf-8"))
    return data


def _cross_checks(p: Project) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    seen: dict[str, tuple[str, int, int]] = {}
    duplicates: list[tuple[str, tuple[str, int, int], tuple[str, int, int]]] = []

    def claim(id_: str, rel: str, line: int, col: int) -> None:
        if id_ in seen and seen[id_][:2] != (rel, line):
            duplicates.append((id_, seen[id_], (rel, line, col)))
        else:
            seen[id_] = (rel, line, col)

    for g in p.guidelines.values():
        for id_, line, col in g.structural_ids():
            claim(id_, g.source.rel, line, col)
    tagged: list[Document] = [doc for kind in kinds.kinds() if kind.tagged for doc in p.items(kind).values()]
    for kind in kinds.kinds():
        if kind.claims_ids:
            for doc in p.items(kind).values():
                claim(doc.id, doc.source.rel, *doc.located.pos(("id",)))
    for prof in p.profiles.values():
        for i, inst in enumerate(prof.data.get("institutions") or []):
            claim(inst["id"], prof.source.rel, *prof.located.pos(("institutions", i, "id")))
    for id_, first, second in duplicates:
        # Report where the ID was introduced (the newer occurrence), naming the established one.
        new, old = (first, second) if _newer(first[:2], second[:2], p.root) else (second, first)
        unknown = new[0] != old[0] and not _history_available(p.root)
        diags.append(make(new[0], new[1], new[2], "E130", f"ID '{id_}' is already used in {old[0]}:{old[1]}"
                          + (" (which of the two was added last is not known: git history is not available here, "
                             "e.g. in a shallow clone)" if unknown else ""),
                          hint="IDs must be unique across the whole site; choose another for this one"
                          + (" (or for the other)" if unknown else "")))
    # Guideline IDs share the URL space with each other only; they are checked by file name.
    principles = p.principles()
    topics = set(p.taxonomy.get("topics", []))
    orgs = set(p.taxonomy.get("organizations", []))
    broken_guidelines = {stem: rel for (kind, stem), rel in p.broken.items() if kind == "guideline"}
    dependents: dict[str, set[str]] = {}
    unlisted = taxonomy.TopicUse()
    for doc in tagged:
        rel, loc = doc.source.rel, doc.located
        listed = doc.meta.get("guidelines", [])
        waiting = [gid for gid in listed if gid in broken_guidelines]
        for gid in waiting:
            dependents.setdefault(gid, set()).add(rel)
            p.waiting_on.setdefault(rel, set()).add(broken_guidelines[gid])
        for i, gid in enumerate(listed):
            if gid not in p.guidelines and gid not in broken_guidelines:
                diags.append(make(rel, *loc.pos(("guidelines", i)), "E132", f"unknown guideline '{gid}'",
                                  hint=did_you_mean(gid, p.guidelines, "use one of: ")))
        for i, pid in enumerate(doc.meta.get("principles", [])):
            if pid not in principles:
                if waiting:
                    continue  # it may be in the guideline that does not load; checked once that is fixed
                diags.append(make(rel, *loc.pos(("principles", i)), "E133", f"unknown principle '{pid}'",
                                  hint=did_you_mean(pid, principles, "use a principle of the guidelines listed: ",
                                                    only=[q for q, (g, *_r) in principles.items() if g.id in listed])))
            elif principles[pid][0].id not in listed:
                owner = principles[pid][0].id
                diags.append(make(rel, *loc.pos(("principles", i)), "E133",
                                  f"principle '{pid}' belongs to guideline '{owner}', "
                                  "which is not listed under guidelines",
                                  hint=f"add {owner} to guidelines: [{', '.join([*listed, owner])}]"))
        for i, iso in enumerate(doc.meta.get("countries", [])):
            if iso not in ISO_COUNTRIES:
                diags.append(make(rel, *loc.pos(("countries", i)), "E134", f"'{iso}' is not an ISO 3166-1 country code",
                                  hint=country_hint(iso)))
        for i, topic in enumerate(doc.meta.get("topics", [])):
            if topics and topic not in topics:
                unlisted.add(topic, rel, *loc.pos(("topics", i)))
    english = p.catalog.strings.get(p.config.default_language, {})
    if p.taxonomy_source is not None:
        diags += taxonomy.missing_labels(p.taxonomy_source, p.taxonomy, english)
    # A topic removed from the taxonomy: one error there, naming its users (root cause first).
    removed, covered = taxonomy.removed_topics(p.taxonomy_source, sorted(topics), unlisted, english,
                                               "with one of the topics listed in content/taxonomy.yml")
    diags += removed
    for topic, places in sorted(unlisted.uses.items()):
        for rel, line, col in places:
            if topic in covered:
                p.waiting_on.setdefault(rel, set()).add(layout.TAXONOMY_FILE)
                continue
            diags.append(make(rel, line, col, "E135", f"unknown topic '{topic}'",
                              hint=did_you_mean(topic, topics, "use one of the topics in content/taxonomy.yml: ")))
    for gid, rels in sorted(dependents.items()):
        names = sorted(rels)
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        diags.append(make(broken_guidelines[gid], 1, 1, "W136",
                          f"{len(names)} file(s) refer to guideline '{gid}', which does not load because of the "
                          f"errors in this file: {shown}"))
    known_regions = _regions()
    for prof in p.profiles.values():
        expected = known_regions.get(prof.iso2)
        if expected and prof.region != expected:
            diags.append(make(prof.source.rel, *prof.located.pos(("region",)), "E122",
                              f"region: {prof.iso2} is in '{expected}', not '{prof.region}'",
                              hint=f"write region: {expected}"))
        if prof.iso2 not in ISO_COUNTRIES:
            diags.append(make(prof.source.rel, *prof.located.pos(("country",)), "E134",
                              f"'{prof.iso2}' is not an ISO 3166-1 country code", hint=country_hint(prof.iso2)))
        for i, agr in enumerate(prof.data.get("agreements") or []):
            partner = agr["partner"]
            if partner not in ISO_COUNTRIES and partner not in orgs:
                diags.append(make(prof.source.rel, *prof.located.pos(("agreements", i, "partner")), "E134",
                                  f"'{partner}' is neither an ISO country code nor an organization in taxonomy.yml",
                                  hint=partner_hint(str(partner), orgs)))
    return diags
