"""The site works under the strict Content-Security-Policy shipped in overrides/_headers.

The built site is served by a local server that adds the headers of ``_headers`` (read from the
built site, so the tested policy is the shipped one). Every page type is loaded; the test fails
on any CSP violation (``securitypolicyviolation`` events and console reports) and checks that
the interactive features still run: search, checklist, comparison, facets.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = {
    "home": "",
    "guideline": "guidelines/good-governance/",
    "checklist": "self-assessment/good-governance/",
    "country-profile": "countries/fr/",
    "comparison": "countries/compare/",
    "good-practice-listing": "good-practices/",
    "good-practice": "good-practices/gp-ke-mobile-contributions/",
    "report": "reports/rp-digital-inclusion-2025/",
    "status": "status/",
    "not-found": "no-such-page/",
}
LANGUAGES = ["en", "ar", "zh"]


def parse_headers(text: str) -> dict[str, str]:
    """Headers of the ``/*`` block of a ``_headers`` file."""
    headers: dict[str, str] = {}
    in_block = False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            in_block = line.strip() == "/*"
            continue
        if in_block and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
    return headers


class _HeaderHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404 and (Path(self.directory) / "404.html").is_file():  # type: ignore[attr-defined]
            body = (Path(self.directory) / "404.html").read_bytes()  # type: ignore[attr-defined]
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def csp_headers(built_site: Path) -> dict[str, str]:
    headers = parse_headers((built_site / "_headers").read_text("utf-8"))
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "style-src 'self'" in policy
    return headers


@pytest.fixture(scope="module")
def csp_url(built_site: Path, csp_headers: dict[str, str]) -> Iterator[str]:
    handler = type("Handler", (_HeaderHandler,), {"extra_headers": csp_headers})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture()
def csp_page(browser: Any, csp_url: str) -> Iterator[Any]:
    """A page that records CSP violations (events and console reports) and requests leaving localhost."""
    context = browser.new_context()
    external: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script("""
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(
            e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
    """)
    pg = context.new_page()
    console: list[str] = []
    errors: list[str] = []
    pg.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.csp_console = console
    pg.js_errors = errors
    yield pg
    context.close()
    assert not external, f"requests left localhost: {external}"


def _violations(page: Any) -> list[str]:
    return list(page.evaluate("window.__csp || []")) + list(page.csp_console)


def _url(base: str, lang: str, path: str) -> str:
    return f"{base}/{path}" if lang == "en" else f"{base}/{lang}/{path}"


def test_headers_are_served(csp_page: Any, csp_url: str, csp_headers: dict[str, str]) -> None:
    response = csp_page.goto(csp_url + "/")
    assert response.headers["content-security-policy"] == csp_headers["Content-Security-Policy"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_has_no_csp_violation(csp_page: Any, csp_url: str, kind: str, lang: str) -> None:
    csp_page.goto(_url(csp_url, lang, PAGES[kind]))
    csp_page.wait_for_load_state("networkidle")
    # Material's bundle ran (it builds the navigation and marks the document as ready).
    assert csp_page.evaluate("typeof window.__md_get === 'function' && typeof document$ !== 'undefined'")
    assert not _violations(csp_page), _violations(csp_page)
    assert not csp_page.js_errors


def test_search_works_under_csp(csp_page: Any, csp_url: str) -> None:
    csp_page.goto(csp_url + "/zh/")
    csp_page.wait_for_selector(".ssa-search__open")
    csp_page.keyboard.press("/")
    csp_page.locator("#ssa-search-input").fill("养老保险")
    csp_page.wait_for_selector("#ssa-search-results [role=option]")
    assert not _violations(csp_page), _violations(csp_page)
    assert not csp_page.js_errors


def test_checklist_works_under_csp(csp_page: Any, csp_url: str) -> None:
    csp_page.goto(csp_url + "/self-assessment/good-governance/")
    csp_page.wait_for_load_state("networkidle")
    radio = csp_page.locator("main input[type=radio]").first
    radio.check()
    name = radio.get_attribute("name")
    stored = csp_page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ssa-checklist:')).length")
    assert csp_page.locator(f"input[name='{name}']:checked").count() == 1 and stored >= 1
    assert not _violations(csp_page), _violations(csp_page)
    assert not csp_page.js_errors


def test_comparison_works_under_csp(csp_page: Any, csp_url: str) -> None:
    csp_page.goto(csp_url + "/countries/compare/")
    csp_page.wait_for_load_state("networkidle")
    shown = "[data-compare-table] section[data-group=indicators] thead th[data-country]:not([hidden])"
    before = csp_page.locator(shown).count()
    csp_page.click('button[data-compare-none="country"]')
    csp_page.check('input[name="country"][value="fr"]')
    assert csp_page.locator(shown).count() == 1 != before
    assert "countries=fr" in csp_page.url
    assert not _violations(csp_page), _violations(csp_page)
    assert not csp_page.js_errors


def test_facets_work_under_csp(csp_page: Any, csp_url: str) -> None:
    csp_page.goto(csp_url + "/good-practices/")
    csp_page.wait_for_selector("[data-facet-results]")
    total = csp_page.locator("[data-facet-results] li[data-case]:not([hidden])").count()
    csp_page.locator("fieldset[data-facet] li[data-value] label").first.click()
    assert csp_page.locator("[data-facet-results] li[data-case]:not([hidden])").count() <= total
    assert "?" in csp_page.url
    assert not _violations(csp_page), _violations(csp_page)
    assert not csp_page.js_errors


def test_an_inline_script_would_be_blocked(csp_page: Any, csp_url: str) -> None:
    """The policy really is enforced: a script injected into the page is refused."""
    csp_page.goto(csp_url + "/")
    csp_page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true'; document.body.appendChild(s); }""")
    assert csp_page.evaluate("window.__inlineRan === undefined")
    assert _violations(csp_page)
