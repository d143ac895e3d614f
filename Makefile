# Two commands: `make site` builds the sample site into site/, `make test` runs every test.
# `make test-fast` runs the tests that neither build a site nor drive Chromium (markers set in tests/conftest.py).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test test-fast serve validate lint setup clean bench

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

validate: $(STAMP)
	$(PY) -m build_tools validate

site: $(STAMP)
	$(PY) -m build_tools validate
	$(PY) -m build_tools build

serve: $(STAMP)
	$(PY) -m build_tools serve $(if $(SERVE_LANG),--lang $(SERVE_LANG),)

test: $(STAMP)
	$(PY) -m pytest -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -n auto -m "not slow and not browser"

lint: $(STAMP)
	$(PY) -m ruff check build_tools benchmarks tests
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) -m benchmarks --scale portal --json BENCHMARKS.json

clean:
	rm -rf site .build content/guidelines content/self-assessment content/countries content/status
