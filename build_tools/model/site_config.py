"""Site settings read from ``mkdocs.yml`` without importing mkdocs, exactly as the engine reads them.

The language list lives in ``mkdocs.yml`` only (the i18n plugin's ``languages``), so that
adding a language needs nothing but config, a locale file and translated content.

The engine (MkDocs or ProperDocs) resolves ``!ENV`` with the ``pyyaml_env_tag`` library and
``INHERIT`` by a deep merge with ``mergedeep``; this module uses the same two libraries the same
way, so the core and the engine see one configuration (``tests/test_site_config.py`` loads the
same files with both and compares the values). Other engine tags (``!relative``, Python objects)
are kept as data, never run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mergedeep  # type: ignore[import-untyped]
import yaml
import yaml_env_tag  # type: ignore[import-untyped]

from build_tools.checks.reading import relative_path

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv"})
# The BCP 47 tag pages declare for a site language whose code leaves the script implicit: the
# site's Chinese is Simplified (CLDR's "zh" is zh-Hans), and readers' tools (screen readers,
# fonts, hyphenation, translation platforms) should be told so. Used for <html lang> only.
HTML_LANG_TAGS = {"zh": "zh-Hans"}


def html_lang(code: str) -> str:
    """The ``lang`` of a page's ``<html>`` element for site language ``code`` (``zh`` → ``zh-Hans``)."""
    return HTML_LANG_TAGS.get(code, code.replace("_", "-"))


class SiteConfigError(ValueError):
    """The configuration cannot be used: one line of text, at the file (relative to the project) and line."""

    def __init__(self, path: Path, message: str, root: Path, line: int = 1, column: int = 1,
                 hint: str | None = None) -> None:
        self.rel = relative_path(path, root)
        self.line, self.column, self.hint = line, column, hint
        self.message = " ".join(message.split())  # one line: the editor's terminal, GitHub annotations
        super().__init__(f"{self.rel}: {self.message}")


def _yaml_error(path: Path, root: Path, exc: yaml.YAMLError) -> SiteConfigError:
    """A YAML syntax error at the line the parser stopped on, in words (no parser dump)."""
    mark = getattr(exc, "problem_mark", None)
    opened = getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    words = f"{context}: {problem}" if context else str(problem)
    if opened is not None and mark is not None and opened.line != mark.line:
        # An unclosed bracket or quote: the editor's mistake is where it opened, not where the file ends.
        words += f" (the parser stopped at line {line})"
        line, column = opened.line + 1, opened.column + 1
    return SiteConfigError(path, f"cannot read the configuration (YAML): {words}", root, line, column,
                           hint="check the indentation, brackets and quotes on this line and the one before it")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: ``!ENV`` as the engine resolves it, other engine-specific tags kept as data."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        seq = loader.construct_sequence(node)
        return seq[-1] if seq else None
    return loader.construct_mapping(node)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PythonCall:
    """A ``!!python/object/apply:NAME {kwds: ...}`` value of mkdocs.yml, kept as data (never run here)."""

    name: str
    kwds: tuple[tuple[str, Any], ...] = ()


def _python_apply(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    kwds: dict[str, Any] = {}
    if isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
        kwds = dict(value.get("kwds") or {})
    return PythonCall(suffix, tuple(sorted(kwds.items())))


_TolerantLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _python_apply)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class Language:
    """One site language."""

    code: str
    name: str
    default: bool = False

    @property
    def rtl(self) -> bool:
        """True for right-to-left scripts."""
        return self.code.split("_")[0] in RTL_LANGUAGES

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr``."""
        return "rtl" if self.rtl else "ltr"


@dataclass(frozen=True)
class PluginOption:
    """One option of the ``ssa-site`` plugin, as ``mkdocs.yml`` writes it under the plugin's name."""

    name: str
    kind: type
    default: Any
    help: str


#: The ``ssa-site`` plugin's options (``plugins: [{ssa-site: {cms: {...}}}]`` in ``mkdocs.yml``),
#: declared once: the plugin's ``Config`` class is made from this list
#: (:class:`build_tools.mkdocs_plugins.site.SitePlugin`) and the core reads the same values here.
SITE_PLUGIN = "ssa-site"
SITE_PLUGIN_OPTIONS = (
    PluginOption("cms", dict, {}, "the web editor's git host: backend (github, gitlab or gitea), repo, branch, and "
                                  "base_url, api_root, app_id, auth_type when the host needs them (README, Web editor)"),
    PluginOption("compare_page_countries", int, 35, "the country comparison is one page up to this many countries; "
                                                    "beyond, one page per region (a whole number, at least 1)"),
    PluginOption("source_url", str, "", "the repository's web address for files (e.g. https://github.com/org/repo/"
                                        "blob/main): the translation status page links each unit to its source line"),
)

_KIND_WORDS = {dict: "a mapping (name: value lines)", str: "a text", int: "a whole number of at least 1"}
SITE_PLUGIN_DEFAULTS = {option.name: option.default for option in SITE_PLUGIN_OPTIONS}


@dataclass(frozen=True)
class SiteConfig:
    """The subset of ``mkdocs.yml`` the domain core needs."""

    root: Path
    docs_dir: Path
    languages: tuple[Language, ...]
    site_url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: The ``toc`` extension's ``slugify`` (None: Python-Markdown's default, ASCII only).
    slugify: PythonCall | None = None
    #: The ``ssa-site`` plugin's options, every one of :data:`SITE_PLUGIN_OPTIONS` (defaults filled in).
    options: dict[str, Any] = field(default_factory=lambda: dict(SITE_PLUGIN_DEFAULTS))

    @property
    def default_language(self) -> str:
        """Code of the authoritative language."""
        for lang in self.languages:
            if lang.default:
                return lang.code
        return self.languages[0].code

    @property
    def codes(self) -> list[str]:
        """All language codes, default first."""
        default = self.default_language
        return [default] + [lang.code for lang in self.languages if lang.code != default]

    def language(self, code: str) -> Language:
        """Look up a language by code."""
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)


def load_site_config(root: Path, config_file: str = "mkdocs.yml") -> SiteConfig:
    """Read ``mkdocs.yml`` under ``root``; raises :class:`SiteConfigError` (a ``ValueError``) if unusable."""
    data = _read(root / config_file, root, ())
    languages: list[Language] = []
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for entry in (plugin["i18n"] or {}).get("languages") or []:
                code = str(entry.get("locale", ""))
                languages.append(Language(code, str(entry.get("name") or code), bool(entry.get("default"))))
    if not languages:
        languages = [Language("en", "English", True)]
    docs_dir = root / str(data.get("docs_dir", "docs"))
    return SiteConfig(root, docs_dir, tuple(languages), str(data.get("site_url") or ""), data.get("extra") or {},
                      _toc_slugify(data.get("markdown_extensions")), _site_options(data.get("plugins"), root))


def _site_options(plugins: Any, root: Path) -> dict[str, Any]:
    """The ``ssa-site`` plugin's options with defaults; a wrong one is refused as the engine refuses it."""
    given: dict[str, Any] = {}
    for plugin in plugins or []:
        if isinstance(plugin, dict) and SITE_PLUGIN in plugin:
            given = plugin[SITE_PLUGIN] or {}
    if not isinstance(given, dict):
        raise SiteConfigError(root / "mkdocs.yml", f"the options of {SITE_PLUGIN} must be a mapping (name: value)",
                              root)
    options: dict[str, Any] = {}
    for option in SITE_PLUGIN_OPTIONS:
        value: Any = given.get(option.name, option.default)
        if value is None:
            value = option.default
        wrong_kind = not isinstance(value, option.kind) or (isinstance(value, bool) and option.kind is not bool)
        if wrong_kind or (option.kind is int and value < 1):
            raise SiteConfigError(root / "mkdocs.yml", f"{SITE_PLUGIN} option '{option.name}' must be "
                                  f"{_KIND_WORDS.get(option.kind, option.kind.__name__)}, not {value!r} "
                                  f"({option.help})", root)
        options[option.name] = value
    unknown = sorted(set(given) - set(options))
    if unknown:
        names = ", ".join(o.name for o in SITE_PLUGIN_OPTIONS)
        raise SiteConfigError(root / "mkdocs.yml", f"{SITE_PLUGIN} has no option {', '.join(unknown)} (it has: {names})",
                              root)
    return options


def _read(path: Path, root: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    """One configuration file, with the files it ``INHERIT``s merged under it (as the engine does)."""
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_TolerantLoader) or {}
    except yaml.YAMLError as exc:
        raise _yaml_error(path, root, exc) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(path, f"cannot read the configuration: {exc.__class__.__name__}", root) from exc
    if not isinstance(data, dict):
        raise SiteConfigError(path, "the configuration must be a mapping of `key: value` lines", root)
    inherit = data.pop("INHERIT", None)
    if inherit is None:
        return data
    parent = (path.parent / str(inherit)).resolve()
    if not parent.is_relative_to(root.resolve()):
        raise SiteConfigError(path, f"INHERIT names {inherit}, which is outside the repository (nothing outside it "
                              "is read)", root)
    if parent in seen:
        raise SiteConfigError(path, f"INHERIT loops back to {parent.name}", root)
    if not parent.is_file():
        raise SiteConfigError(path, f"INHERIT names {inherit}, which does not exist", root)
    merged: dict[str, Any] = mergedeep.merge(_read(parent, root, (*seen, path.resolve())), data)
    return merged


def _toc_slugify(extensions: Any) -> PythonCall | None:
    for entry in extensions or []:
        if isinstance(entry, dict) and isinstance(entry.get("toc"), dict):
            value = entry["toc"].get("slugify")
            return value if isinstance(value, PythonCall) else None
    return None
