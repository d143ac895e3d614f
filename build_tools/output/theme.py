"""The theme contract: everything the site assumes about Material for MkDocs' markup, files and scripts.

Material ends on 2027-05-05 (see ENGINE.md). Every place that relies on how Material renders a
page reads its anchor from this module, and ``tests/test_theme_contract.py`` renders a page with
the installed Material and checks each anchor, naming the one that moved. Copies of upstream
files are recorded with the hash of the upstream file they were made from, so an upgrade that
changes the original fails a test until the copy is merged again.

Python (post-processing of the built HTML, engine-free; the pipeline runs it through
``output/finish.py`` on the built tree, not from MkDocs events):

- ``output/table_wrap.py`` writes Material's table scroll box (:data:`TABLE_SCROLL_WRAP`,
  :data:`TABLE_WRAP`) at build time, as Material's bundle would after load;
- ``output/html_validity.py`` drops ``autocomplete`` from Material's checkbox toggles
  (:data:`TOGGLE_IDS`), which HTML allows only on text inputs;
- ``output/css_subset.py`` reads Material's stylesheet (:data:`THEME_CSS`) and keeps the rules of
  classes used by the pages, counting Material's own classes (prefix :data:`CLASS_PREFIX`) only
  if their block is on some page;
- ``output/link_check.py`` reads a page's content from Material's :data:`CONTENT_CLASS` article;
- ``mkdocs_plugins/site.py`` edits ``extra.alternate`` (Material's language selector) after
  mkdocs-static-i18n has set it for the page.

Templates and scripts (``overrides/``):

- ``main.html`` inserts the site search before Material's :data:`HEADER_OPTION` in the header;
- ``assets/js/md-helpers.js`` defines Material's head helpers (:data:`HEAD_HELPERS`) from a file
  instead of Material's inline script (strict CSP), ``assets/js/md-tabs.js`` does what Material's
  inline content script does for tabs (:data:`TABBED_PREFIX`);
- ``assets/js/alternates.js`` adds a token to ``rel`` so that Material's
  :data:`ALTERNATE_SELECTOR` no longer matches (Material would fetch sitemaps);
- :data:`COPIED`: partials and templates that replace an upstream file.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Material's stylesheet in the built site (a glob: the name carries a content hash).
THEME_CSS = "assets/stylesheets/main.*.min.css"
#: The prefix of Material's own class names.
CLASS_PREFIX = "md-"
#: The class of the ``<article>`` that holds a page's rendered Markdown.
CONTENT_CLASS = "md-content__inner"
#: Material's table scroll box: ``div.md-typeset__scrollwrap > div.md-typeset__table > table``.
TABLE_SCROLL_WRAP = "md-typeset__scrollwrap"
TABLE_WRAP = "md-typeset__table"
#: The ids of the hidden checkbox toggles Material writes into ``base.html``.
TOGGLE_IDS = ("__drawer", "__search")
#: The element of Material's header before which the site search is inserted (``overrides/main.html``).
HEADER_OPTION = '<div class="md-header__option">'
#: The helpers Material's bundle expects in ``window`` before it runs.
HEAD_HELPERS = ("__md_scope", "__md_get", "__md_set", "__md_hash")
#: The prefix of the ids of content-tab inputs (pymdownx.tabbed), opened from the URL fragment.
TABBED_PREFIX = "__tabbed_"
#: The selector Material's bundle uses to find language alternates (and fetch their sitemaps).
ALTERNATE_SELECTOR = "link[rel=alternate]"
#: The title the toc extension gives heading permalinks (one global setting, in English);
#: ``output/finish.py`` replaces it with the page language's.
PERMALINK_TITLE = "Permanent link"


@dataclass(frozen=True)
class Copy:
    """A file of ours that replaces an upstream file, and the upstream version it was made from."""

    ours: str  # path in the repository
    package: str  # the distribution's import package
    upstream: str  # path inside that package
    sha256: str  # of the upstream file when ours was made from it (mkdocs-material 9.8.1, static-i18n 1.3.1)
    why: str


COPIED = (
    Copy("overrides/partials/toc.html", "material", "templates/partials/toc.html",
         "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
         "modified copy: the title is plain text on pages outside the navigation (valid HTML)"),
    Copy("overrides/partials/javascripts/base.html", "material", "templates/partials/javascripts/base.html",
         "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
         "replaces the inline head script by assets/js/md-helpers.js (strict CSP)"),
    Copy("overrides/partials/javascripts/content.html", "material", "templates/partials/javascripts/content.html",
         "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
         "replaces the inline content script by assets/js/md-tabs.js (strict CSP)"),
    Copy("overrides/partials/alternate.html", "material", "templates/partials/alternate.html",
         "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
         "modified copy: the current language marked (aria-current), each name in its own lang and dir"),
    Copy("overrides/partials/language.html", "material", "templates/partials/language.html",
         "3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3",
         "modified copy: the strings the site translates itself come from locales/<lang>.yml"),
    Copy("overrides/partials/search.html", "material", "templates/partials/search.html",
         "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
         "the site's own search UI instead of Material's"),
    Copy("overrides/404.html", "material", "templates/404.html",
         "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
         "the not-found page in each build's language, from locales/<lang>.yml (issue 25)"),
    Copy("overrides/sitemap.xml", "mkdocs_static_i18n", "custom_i18n_sitemap/sitemap.xml",
         "538e71a0c68befdae40bb4e0451150b1ca424ef5b1c4f0e0e7d806640d17e5e7",
         "one <url> per page and language with every alternate and x-default"),
)
