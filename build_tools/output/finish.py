"""The pipeline's pass over the built HTML: what every page needs once the engine has rendered it.

The engine step (MkDocs or ProperDocs with Material, see ENGINE.md) only renders Markdown with the
theme. Everything that can work on the built files alone is done here, on the HTML tree, so that
it stays as it is whichever engine renders the pages. The build pipeline runs it on each language
folder a build process wrote, the live preview on the pages each rebuild wrote:

* ``<html>`` gets the language's BCP 47 tag (``zh-Hans``) and ``dir`` (Material sets ``dir`` on
  ``<body>`` only, so the page's own ``<html>`` would read left to right);
* the theme's checkbox toggles become valid HTML (:mod:`build_tools.output.html_validity`);
* content tables get Material's scroll box in advance (:mod:`build_tools.output.table_wrap`);
* the table-of-contents permalinks get the language's title instead of the toc extension's English
  default (:data:`build_tools.output.theme.PERMALINK_TITLE`);
* the ids and content links of each page are recorded for the link check
  (:class:`build_tools.output.link_check.BuiltSite`).

Every step is idempotent: finishing a finished page changes nothing, so the preview may finish a
page twice and a file is only rewritten when a step changed it.
"""

from __future__ import annotations

import html as html_escape
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from build_tools.model.site_config import RTL_LANGUAGES, SiteConfig, html_lang
from build_tools.output import html_validity, table_wrap
from build_tools.output.link_check import BuiltPage, BuiltSite
from build_tools.output.theme import PERMALINK_TITLE

_HTML_TAG = re.compile(r"<html\b([^>]*)>")
_DIR_ATTR = re.compile(r'\sdir="[^"]*"')
_LANG_ATTR = re.compile(r'\slang="[^"]*"')


@dataclass(frozen=True)
class PageLanguage:
    """What the pass needs to know about the language of a page."""

    code: str  # the site's language code (``zh``), which is also the folder of its pages
    tag: str  # the ``lang`` of ``<html>`` (``zh-Hans``)
    direction: str  # ``ltr`` or ``rtl``
    permalink_title: str  # the title of a heading's permalink, in this language (plain text)


def finish_page(page: str, lang: PageLanguage) -> str:
    """``page`` (a whole built HTML page) with the language on ``<html>``, valid toggles, wrapped tables
    and permalinks titled in its language."""

    def language(match: re.Match[str]) -> str:
        attrs = _DIR_ATTR.sub("", match.group(1))
        if _LANG_ATTR.search(attrs):
            attrs = _LANG_ATTR.sub(f' lang="{lang.tag}"', attrs, count=1)
        else:
            attrs += f' lang="{lang.tag}"'
        return f'<html{attrs} dir="{lang.direction}">'

    page = _HTML_TAG.sub(language, page, count=1)
    page = html_validity.fix_theme_markup(page)
    page = table_wrap.prewrap_tables(page)
    title = html_escape.escape(lang.permalink_title, quote=True)
    return page.replace(f'title="{PERMALINK_TITLE}"', f'title="{title}"')


def page_languages(site: SiteConfig, title: Callable[[str], str]) -> dict[str, PageLanguage]:
    """Every language of ``site`` as the pass needs it; ``title(code)`` is the permalink title in ``code``."""
    return {code: PageLanguage(code, html_lang(code), "rtl" if code.split("_")[0] in RTL_LANGUAGES else "ltr",
                               title(code))
            for code in site.codes}


def page_language(rel: str, languages: Mapping[str, PageLanguage], default: str) -> PageLanguage:
    """The language of the built file ``rel`` (relative to the site folder): its first folder, or the default."""
    first = rel.split("/", 1)[0]
    return languages[first] if first in languages and "/" in rel else languages[default]


def finish_site(site_dir: Path, languages: Mapping[str, PageLanguage], default: str, *,
                only: Iterable[str] | None = None, since: float | None = None,
                sources: Mapping[str, BuiltPage] | None = None, built: BuiltSite | None = None) -> int:
    """Finish the HTML pages of ``site_dir`` in place; returns how many files were rewritten.

    ``only`` limits the pass to some languages (a build process finishes the ones it built);
    ``since`` to files written at or after that time (a dirty rebuild of the live preview). With
    ``built``, each finished file listed in ``sources`` (built file → where it came from) is recorded
    there for the link check.
    """
    wanted = set(only) if only is not None else set(languages)
    rewritten = 0
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        lang = page_language(rel, languages, default)
        if lang.code not in wanted:
            continue
        try:
            if since is not None and path.stat().st_mtime < since:
                continue
            before = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not a page the engine wrote as UTF-8 HTML: leave it as it is
        after = finish_page(before, lang)
        if after != before:
            path.write_text(after, "utf-8")
            rewritten += 1
        if built is not None and sources is not None and rel in sources:
            built.add_page(rel, after, sources[rel])
    return rewritten
