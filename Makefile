# Two commands: `make site` builds the sample site into site/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Node tools the tests use (the Nu Html Checker; Lighthouse for `make lighthouse`), pinned by
# package-lock.json. npm ci needs the registry at install time only, never when tests run.
NODE_STAMP := node_modules/.installed

.PHONY: site test serve validate lint setup clean bench node-tools lighthouse

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

node-tools: $(NODE_STAMP)

validate: $(STAMP)
	$(PY) -m build_tools validate

site: $(STAMP)
	$(PY) -m build_tools validate
	$(PY) -m build_tools build

serve: $(STAMP)
	$(PY) -m build_tools serve $(if $(SERVE_LANG),--lang $(SERVE_LANG),)

test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check build_tools benchmarks tests
	$(PY) -m mypy

# Lighthouse (mobile, simulated slow 4G) on the home and deep pages of every language, served
# gzip-compressed; see benchmarks/lighthouse.py. Builds the site first.
lighthouse: site $(NODE_STAMP)
	$(PY) -m benchmarks.lighthouse --site site

bench: $(STAMP)
	$(PY) -m benchmarks --scale portal --json BENCHMARKS.json

clean:
	rm -rf site .build content/guidelines content/self-assessment content/countries content/status
