# Two commands: `make site` builds the sample site into site/, `make test` runs every test.
# ENGINE=properdocs runs the same targets on ProperDocs (in its own .venv-properdocs).
# `make test-fast` runs the tests that neither build a site nor drive Chromium (markers set in tests/conftest.py).
PYTHON ?= python3
ENGINE ?= mkdocs
ifeq ($(ENGINE),properdocs)
VENV := .venv-properdocs
else ifeq ($(ENGINE),mkdocs)
VENV := .venv
else
$(error ENGINE must be mkdocs or properdocs, not '$(ENGINE)')
endif
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: site test test-fast serve validate new translations lint setup clean bench lock node-tools lighthouse cms
# Node tools the tests use (the Nu Html Checker; Lighthouse for `make lighthouse`), pinned by
# package-lock.json. npm ci needs the registry at install time only, never when tests run.
NODE_STAMP := node_modules/.installed


# Every dependency comes from requirements.lock (the whole tree, pinned); the project itself is
# installed without resolving anything else. On ProperDocs, MkDocs is removed from the venv, so
# a build that still reached the real mkdocs package would fail.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
ifeq ($(ENGINE),properdocs)
	$(PY) -m pip install --quiet -c requirements.lock -e '.[properdocs]'
	$(PY) -m pip uninstall --quiet --yes mkdocs
endif
	touch $(STAMP)

setup: $(STAMP)

# The bench extra (psutil): for `make bench`, and for `make test`, whose suite runs the benchmark at small scale.
# Only the extra's own pins: installing '.[bench]' would resolve the project again and bring MkDocs
# back into .venv-properdocs.
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c requirements.lock $$($(PY) -c "import tomllib; \
	  print(' '.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['bench']))")
	touch $(BENCH_STAMP)

# Commands for editors; they need no activated virtual environment.
#   make validate                      make validate ARGS="content/reports --format json"
#   make new ARGS="good-practice gp-br-online-claims --set country=BR"

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

node-tools: $(NODE_STAMP)

validate: $(STAMP)
	$(PY) -m build_tools validate $(ARGS)

new: $(STAMP)
	$(PY) -m build_tools new $(ARGS)

translations: $(STAMP)
	$(PY) -m build_tools translations $(ARGS)

site: $(STAMP)
	$(PY) -m build_tools validate
	$(PY) -m build_tools build

serve: $(STAMP)
	$(PY) -m build_tools serve $(if $(SERVE_LANG),--lang $(SERVE_LANG),)

# The web editor (Sveltia CMS, pinned in package-lock.json) at http://127.0.0.1:8090/admin/, on this
# repository's files (Chrome or Edge: "Work with Local Repository"). README.md, "Web editor".
cms: $(STAMP) $(NODE_STAMP)
	$(PY) -m build_tools cms $(if $(CMS_PORT),--port $(CMS_PORT),)

# -rs lists skipped tests with the reason (browser tests are skipped without /usr/bin/chromium).
test: $(BENCH_STAMP) $(NODE_STAMP)
	$(PY) -m pytest -q -rs

test-fast: $(BENCH_STAMP)
	$(PY) -m pytest -q -n auto -m "not slow and not browser"

lint: $(STAMP)
	$(PY) -m ruff check build_tools benchmarks tests
	$(PY) -m mypy

# Lighthouse (mobile, simulated slow 4G) on the home and deep pages of every language, served
# gzip-compressed; see benchmarks/lighthouse.py. Builds the site first.
lighthouse: site $(NODE_STAMP)
	$(PY) -m benchmarks.lighthouse --site site

bench: $(BENCH_STAMP)
	$(PY) -m benchmarks --scale portal --json BENCHMARKS.json

# Re-pin the whole tree after changing a pin in pyproject.toml: resolve it in a clean venv.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e '.[test]'
	{ echo "# The whole dependency tree of '.[test]', pinned. Regenerate with 'make lock' (pip freeze in a clean venv)."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf site .build content/guidelines content/self-assessment content/countries content/status
