# Two commands: `make site` builds the sample site into site/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test serve validate new translations lint setup clean bench

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# Commands for editors; they need no activated virtual environment.
#   make validate                      make validate ARGS="content/reports --format json"
#   make new ARGS="good-practice gp-br-online-claims --set country=BR"
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

# -rs lists skipped tests with the reason (browser tests are skipped without /usr/bin/chromium).
test: $(STAMP)
	$(PY) -m pytest -q -rs

lint: $(STAMP)
	$(PY) -m ruff check build_tools benchmarks tests
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) -m benchmarks --scale portal --json BENCHMARKS.json

clean:
	rm -rf site .build content/guidelines content/self-assessment content/countries content/status
