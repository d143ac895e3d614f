"""Links written in YAML text (country profiles, guidelines): one form, rewritten for each page (issue 23).

A YAML text is shown on several pages at different places (a profile's text on its page, in the
comparison, in the open data; a principle on its guideline page, its checklist and the front page),
so a link in it cannot be written relative to any one of them. Editors write it like a link in a
Markdown page: **relative to the file they are editing, naming the file linked to**:

- a page: ``../content/good-practices/gp-br-digital-enrolment.md`` (``#results`` for a heading);
- a country profile or guideline: ``de.yml``, ``../guidelines/good-governance.yml#gg-board-roles``;
- an image or attachment: ``../content/files/annual-report.pdf``.

:func:`resolve` turns such a target into the docs path of what it names; the generators then write
it in the form each output needs: relative to the generated Markdown page (:func:`markdown_form`;
MkDocs and the i18n plugin resolve it per language, like any link between pages), as a URL relative
to a page whose HTML is written by the generator (:func:`html_form`, the comparison's cells), or as
an absolute URL in the open data (:func:`absolute_form`). Site-absolute targets (``/good-practices/
x/``) are refused: they would lead to the English page from every language. Validation reports
every target that does not resolve once, at the YAML file and line (``output.link_check``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from build_tools.checks import md_links
from build_tools.checks.md_links import is_external
from build_tools.model import layout

#: YAML source folder -> the docs folder its generated pages are written to.
YAML_FOLDERS = {layout.PROFILES_DIR: "countries", layout.GUIDELINES_DIR: "guidelines"}
FORM_HINT = ("in YAML text, write the path of the file you link to, relative to this file: "
             "../content/good-practices/<id>.md, ../content/<page>.md#<heading>, <iso2>.yml (a country profile), "
             "../guidelines/<id>.yml#<principle-id>, ../content/files/<name>.pdf (see CONTENT.md, \"Linking\")")


_NOT_A_FILE = ("it is not the path of a page, country profile, guideline or file of this repository, relative to "
               "this YAML file (a page address such as ../../x/ depends on the page the text is shown on)")


@dataclass(frozen=True)
class Target:
    """What a link in YAML text names: a docs path (page or file) and a fragment."""

    key: str  # docs path: "good-practices/gp-x.md", "countries/de.md", "files/a.pdf"
    fragment: str
    page: bool
    query: str = ""

    def suffix(self) -> str:
        """``?query#fragment`` as written."""
        return (f"?{self.query}" if self.query else "") + (f"#{self.fragment}" if self.fragment else "")



def resolve(target: str, source_rel: str) -> Target | str | None:
    """The docs path a link written in the YAML file ``source_rel`` names.

    Returns None for targets that are not checked here (external URLs, empty), and a sentence
    saying what is wrong for targets that do not have the form above.
    """
    target = target.strip()
    if not target or is_external(target):
        return None
    parts = urlsplit(target)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return "a link to an anchor alone cannot be followed from every page this text is shown on"
    if path.startswith("/"):
        return "a site-absolute link does not follow the reader's language (it leads to the same page from every language)"
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), path))
    if joined == ".." or joined.startswith("../"):
        return _NOT_A_FILE
    folder, _, rest = joined.partition("/")
    last = joined.rsplit("/", 1)[-1]
    if folder == layout.CONTENT_DIR and rest:
        if last.endswith(".md"):
            name = layout.split_loose(last)
            stem = name.stem if name is not None and name.ext == "md" else last[:-3]
            directory = posixpath.dirname(rest)
            return Target(posixpath.join(directory, f"{stem}.md") if directory else f"{stem}.md",
                          fragment, True, parts.query)
        if "." in last:
            return Target(rest, fragment, False, parts.query)
        return _NOT_A_FILE
    if folder in YAML_FOLDERS and "/" not in rest and rest.endswith(".yml"):
        stem = rest.split(".", 1)[0]
        return Target(f"{YAML_FOLDERS[folder]}/{stem}.md", fragment, True, parts.query)
    return _NOT_A_FILE


def _up(page: str) -> str:
    """``../`` from the folder of the docs page ``page`` up to the docs folder."""
    return "../" * page.count("/")


def markdown_form(text: str, source_rel: str, page: str) -> str:
    """``text`` with each link rewritten relative to the generated Markdown page ``page`` (a docs path)."""
    return _markdown_form(text, source_rel, page) if "](" in text or "]:" in text else text


@lru_cache(maxsize=20_000)
def _markdown_form(text: str, source_rel: str, page: str) -> str:
    up = _up(page)

    def replace(target: str) -> str | None:
        found = resolve(target, source_rel)
        return f"{up}{found.key}{found.suffix()}" if isinstance(found, Target) else None

    return md_links.rewrite_links(text, replace)


def _url(key: str, page: bool) -> str:
    """The URL path (below a language root) of a docs page or file."""
    if not page:
        return key
    stem = key[:-3]
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else f"{stem}/"


def html_form(text: str, page: str) -> str:
    """``text`` (in :func:`markdown_form` for ``page``) with links to ``.md`` pages written as URLs.

    For Markdown a generator renders to HTML itself (the comparison's cells): MkDocs does not
    rewrite links in HTML, so ``../good-practices/x.md#results`` becomes
    ``../../good-practices/x/#results`` (relative to the page's URL).
    """
    return _html_form(text, page) if ".md" in text else text


@lru_cache(maxsize=20_000)
def _html_form(text: str, page: str) -> str:
    base = posixpath.dirname(page)
    up = "../" * (_url(page, True).count("/"))

    def replace(target: str) -> str | None:
        if is_external(target) or target.startswith(("/", "#")):
            return None
        parts = urlsplit(target)
        path = unquote(parts.path)
        if not path.endswith(".md"):
            return None
        key = posixpath.normpath(posixpath.join(base, path))
        if key.startswith("../"):
            return None
        return f"{up}{_url(key, True)}" + (f"#{parts.fragment}" if parts.fragment else "")

    return md_links.rewrite_links(text, replace)


def absolute_form(text: str, source_rel: str, site_url: str, lang_prefix: str) -> str:
    """``text`` with each link as an absolute URL (open data files are read away from the site).

    Pages get the language's URL (``https://host/fr/good-practices/x/``); files the site root's.
    Without a ``site_url`` the URLs are site-absolute.
    """
    if "](" not in text and "]:" not in text:
        return text
    return _absolute_form(text, source_rel, site_url.rstrip("/") + "/", lang_prefix)


@lru_cache(maxsize=20_000)
def _absolute_form(text: str, source_rel: str, root: str, lang_prefix: str) -> str:
    def replace(target: str) -> str | None:
        found = resolve(target, source_rel)
        if not isinstance(found, Target):
            return None
        prefix = lang_prefix if found.page else ""
        return f"{root}{prefix}{_url(found.key, found.page)}{found.suffix()}"

    return md_links.rewrite_links(text, replace)


def markdown_fields(texts: dict[str, tuple[str, str]], source_rel: str, page: str) -> dict[str, tuple[str, str]]:
    """:func:`markdown_form` on every (text, language) of a field dictionary."""
    return {path: (markdown_form(text, source_rel, page), lang) for path, (text, lang) in texts.items()}


def absolute_fields(texts: dict[str, tuple[str, str]], source_rel: str, site_url: str,
                    lang_prefix: str) -> dict[str, tuple[str, str]]:
    """:func:`absolute_form` on every (text, language) of a field dictionary."""
    return {path: (absolute_form(text, source_rel, site_url, lang_prefix), lang) for path, (text, lang) in texts.items()}


@dataclass(frozen=True)
class LinkBase:
    """Where the open data of one language link to: the site's URL and the language's prefix (``fr/``)."""

    site_url: str = ""
    lang_prefix: str = ""

    def fields(self, texts: dict[str, tuple[str, str]], source_rel: str) -> dict[str, tuple[str, str]]:
        """:func:`absolute_form` on every (text, language) of a field dictionary."""
        return absolute_fields(texts, source_rel, self.site_url, self.lang_prefix)
