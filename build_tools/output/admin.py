"""Write the web editor into the built site: ``<site>/admin/`` (or any folder, for ``make cms``).

What is written, and only that:

- ``index.html``, ``setup.js``, ``admin.js``, ``stamp.js`` from ``build_tools/data/admin/``;
- ``config.json``, generated from the content model (``generate/cms_config``);
- ``sveltia-cms.js`` and its licence, copied from ``node_modules/@sveltia/cms/`` (pinned by
  package-lock.json), with the addresses it would load from CDNs (its fonts from jsDelivr, the
  ``immutable`` module from unpkg, GitHub's status page) pointed at copies served from /admin/ itself
  (``vendor/``, from the pinned npm packages). This is the one place that knows the bundle's internals,
  so it checks them: the package must be the pinned version, every address must occur in the bundle
  exactly as often as expected and every vendored file must be the version the bundle asks for.
  Otherwise nothing of /admin/ is written and the reason is returned.

The page carries its own Content-Security-Policy (a ``<meta>`` tag, so it holds on any host, plus the
``/admin/*`` block of ``_headers``): scripts only from the site itself, connections only to the site and
the configured git host's API. Nothing is loaded from a CDN.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from build_tools.generate import cms_config
from build_tools.model.project import Project
from build_tools.output import theme

PACKAGE = "@sveltia/cms"
BUNDLE = "dist/sveltia-cms.js"
LICENSE = "LICENSE.txt"
SOURCES = ("index.html", "setup.js", "admin.js", "stamp.js")
#: API origins of the git hosts the editor may talk to (connect-src), by backend name.
API_ORIGINS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com", "gitea": ""}


#: (address in the bundle, times it occurs, local path under /admin/ or "" to leave it unanswered,
#:  npm package and file the local copy comes from, version the bundle asks for).
REWRITES: tuple[tuple[str, int, str, str, str, str], ...] = (
    ("https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2", 1,
     "vendor/fonts/source-sans-3-latin-wght-normal.woff2", "@fontsource-variable/source-sans-3",
     "files/source-sans-3-latin-wght-normal.woff2", "5.3.0"),
    ("https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2", 1,
     "vendor/fonts/noto-mono-latin-400-normal.woff2", "@fontsource/noto-mono",
     "files/noto-mono-latin-400-normal.woff2", "5.3.0"),
    ("https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2", 1,
     "vendor/fonts/material-symbols-outlined-latin-wght-normal.woff2",
     "@fontsource-variable/material-symbols-outlined", "files/material-symbols-outlined-latin-wght-normal.woff2",
     "5.3.7"),
    # Modules the bundle imports at run time from unpkg as `${base}${name}@${version}/${file}`: only
    # immutable (the event API used by admin.js) is served; the others (code highlighting, maps) stay
    # unanswered on the site's own origin instead of reaching a third party.
    ("https://unpkg.com/", 4, "vendor/", "immutable", "dist/immutable.es.js", "5.1.9"),
    ("https://www.githubstatus.com/api/v2/status.json", 1, "vendor/githubstatus-unavailable.json", "", "", ""),
)


@dataclass(frozen=True)
class AdminResult:
    """What :func:`write_admin` did: the folder written, or why nothing was written."""

    written: Path | None
    reason: str = ""


def bundle_version(root: Path) -> tuple[str | None, str | None]:
    """(version package-lock.json pins, version installed in node_modules) of the CMS package."""
    locked = installed = None
    lock = root / "package-lock.json"
    if lock.is_file():
        data = json.loads(lock.read_text("utf-8"))
        locked = data.get("packages", {}).get(f"node_modules/{PACKAGE}", {}).get("version")
    pkg = root / "node_modules" / PACKAGE / "package.json"
    if pkg.is_file():
        installed = json.loads(pkg.read_text("utf-8")).get("version")
    return locked, installed


def _origin(url: str) -> str:
    parts = url.split("/")
    return "/".join(parts[:3]) if len(parts) >= 3 and parts[0] in ("https:", "http:") else ""


def content_security_policy(config: dict[str, Any]) -> str:
    """The editor's own policy: like the site's, plus what the CMS needs (inline styles, blobs, the git API)."""
    backend = config.get("backend", {})
    connect = ["'self'"]
    api = _origin(str(backend.get("api_root", ""))) or API_ORIGINS.get(str(backend.get("name")), "")
    if api:
        connect.append(api)
    auth = _origin(str(backend.get("base_url", "")))
    if auth and auth not in connect:
        connect.append(auth)
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:", "media-src 'self' blob:", "font-src 'self' data:",
        f"connect-src {' '.join(connect)} data: blob:", "worker-src 'self' blob:", "frame-src 'self' blob:",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'",
    ])


def preview_styles(site: Path) -> list[str]:
    """The site's own stylesheets (relative to /admin/) for the editor's preview pane."""
    out = sorted(str(p.relative_to(site)) for p in site.glob(theme.THEME_CSS))
    out += [f"assets/css/{name}" for name in ("site.css",) if (site / "assets" / "css" / name).is_file()]
    return [f"../{rel}" for rel in out]


def write_admin(project: Project, site: Path, folder: str = "admin") -> AdminResult:
    """Write the editor into ``site/folder``; nothing when the pinned bundle is missing (reason given)."""
    try:
        return _write_admin(project, site, folder)
    except (OSError, UnicodeError, ValueError) as exc:  # a broken node_modules never stops the site build
        shutil.rmtree(site / folder, ignore_errors=True)
        return AdminResult(None, f"{exc.__class__.__name__}: {exc}")


def _write_admin(project: Project, site: Path, folder: str) -> AdminResult:
    root = project.root
    locked, installed = bundle_version(root)
    bundle = root / "node_modules" / PACKAGE / BUNDLE
    if locked is None:
        return AdminResult(None, f"package-lock.json does not pin {PACKAGE}")
    if installed != locked or not bundle.is_file():
        state = f"version {installed} is installed" if installed else "it is not installed"
        return AdminResult(None, f"{PACKAGE} {locked} is pinned but {state}: run `make node-tools`")
    code = bundle.read_text("utf-8")
    copies: dict[str, Path] = {}
    for address, count, local, package, file, version in REWRITES:
        found = code.count(address)
        if found != count:
            return AdminResult(None, f"{PACKAGE} {installed}: expected {address} {count} time(s) in {BUNDLE}, "
                                     f"found {found}; check the CMS's third-party requests before upgrading")
        code = code.replace(address, "./" + local)
        if not package:
            continue
        pkg_json = root / "node_modules" / package / "package.json"
        have = json.loads(pkg_json.read_text("utf-8")).get("version") if pkg_json.is_file() else None
        if have != version or not (root / "node_modules" / package / file).is_file():
            return AdminResult(None, f"{PACKAGE} {installed} loads {package} {version}, but "
                                     f"{'version ' + str(have) if have else 'nothing'} is installed: "
                                     "pin that version in package.json")
        dest = f"vendor/{package}@{version}/{file}" if local == "vendor/" else local
        copies[dest] = root / "node_modules" / package / file
    config = json.loads(cms_config.config_json(project))
    config["x-ssa-preview-styles"] = preview_styles(site)
    target = site / folder
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    src = resources.files("build_tools") / "data" / "admin"
    for name in SOURCES:
        text = (src / name).read_text("utf-8")
        if name == "index.html":
            text = text.replace("@CSP@", content_security_policy(config))
        (target / name).write_text(text, "utf-8")
    (target / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", "utf-8")
    (target / "sveltia-cms.js").write_text(code, "utf-8")
    for dest, source in copies.items():
        (target / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / dest)
    shutil.copyfile(root / "node_modules" / PACKAGE / LICENSE, target / "LICENSE-sveltia-cms.txt")
    headers = site / "_headers"
    if headers.is_file() and folder == "admin":
        text = headers.read_text("utf-8")
        if HEADERS_MARK not in text:
            headers.write_text(text.rstrip("\n") + "\n" + headers_block(config), "utf-8")
    return AdminResult(target)


HEADERS_MARK = "# The web editor (written by build_tools/output/admin.py)"


def headers_block(config: dict[str, Any]) -> str:
    """The ``/admin/*`` block of ``_headers``: the editor's own policy in place of the site's."""
    return "\n".join([
        HEADERS_MARK + ": its own Content-Security-Policy (also in a <meta> of",
        "# admin/index.html). `! Content-Security-Policy` drops the site-wide policy for /admin/ (Cloudflare Pages);",
        "# on hosts that apply every matching block, give /admin/ this policy alone, or build with --no-admin.",
        "/admin/*",
        "  ! Content-Security-Policy",
        f"  Content-Security-Policy: {content_security_policy(config)}; frame-ancestors 'none'",
        "  X-Robots-Tag: noindex, nofollow",
        "  Cache-Control: no-cache",
        "",
    ])
