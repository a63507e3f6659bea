# Every target bootstraps what it needs, so a fresh machine runs `make run` or `make test` and nothing else.
# Python packages go into .venv; Debian's chromium (for the browser tests) is installed with apt-get when
# missing; axe-core (accessibility checks) comes from npm into node_modules/.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8866
QUICK ?=

.PHONY: install run test test-fast lint bench check chromium node-deps slides handouts notebooks site site-run clean

install: $(STAMP) chromium node-deps

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "Installing Debian chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

NODE_STAMPS := node_modules/axe-core/axe.min.js node_modules/reveal.js/dist/reveal.js \
  node_modules/pyodide/pyodide.asm.wasm node_modules/@jupyter-widgets/html-manager/dist/embed-amd.js

node-deps: $(NODE_STAMPS)

$(NODE_STAMPS) &: package.json
	npm install --no-audit --no-fund --silent
	@touch $(NODE_STAMPS)

check: $(STAMP)
	$(PY) -m legcramps check

# Serves every page (the config is notebooks/voila.json); the dashboard is the page to open.
run: $(STAMP)
	$(PY) -m legcramps check
	@echo ""
	@echo "  Home:       http://127.0.0.1:$(PORT)/"
	@echo "  Dashboard:  http://127.0.0.1:$(PORT)/voila/render/dashboard.ipynb"
	@echo ""
	cd notebooks && ../$(PY) -m legcramps.voila --port=$(PORT) --Voila.ip=127.0.0.1 --no-browser

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# The inner loop (< 60 s): lint, content check and tests/unit (pure Python: no server, no browser), on every
# core (pytest-xdist): unit tests share nothing but read-only content. The npm packages are there for the
# site's build test (Pyodide compiles the browser's bundle), installed once.
test-fast: $(STAMP) node-deps
	$(VENV)/bin/ruff check .
	$(PY) -m legcramps check
	$(VENV)/bin/pytest -q -n auto tests/unit $(PYTEST_ARGS)

# Everything: tests/unit (on every core), then tests/integration (real Voilà, real Chromium) and tests/ops one
# at a time (their timings and memory figures must not compete with other tests), then the notebooks.
test: install
	$(VENV)/bin/ruff check .
	$(PY) -m legcramps check
	$(VENV)/bin/pytest -q -n auto tests/unit $(PYTEST_ARGS)
	$(VENV)/bin/pytest -q tests/integration tests/ops $(PYTEST_ARGS)
	$(VENV)/bin/pytest -q -p no:cacheprovider --nbval-lax --nbval-current-env notebooks/

bench: install
	$(PY) benchmarks/bench.py $(if $(QUICK),--quick,)

# Classroom material, built from content/ (see docs/teacher-guide.md).
slides: install
	$(PY) -m legcramps slides --out build/slides

# The in-browser edition: static files any host serves, Python running in the reader's browser (docs/deploy.md).
site: install
	$(PY) -m legcramps site --out build/site

# Serve the built site as a classroom laptop would (any static file server does).
site-run: site
	@echo ""
	@echo "  Home:       http://127.0.0.1:$(PORT)/"
	@echo "  Dashboard:  http://127.0.0.1:$(PORT)/dashboard.html"
	@echo ""
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory build/site

handouts: $(STAMP)
	$(PY) -m legcramps handouts --out build/handouts

# Regenerate notebooks/*.ipynb and the README table after editing content/pages.yaml.
notebooks: $(STAMP)
	$(PY) -m legcramps notebooks

clean:
	rm -rf $(VENV) node_modules build .pytest_cache .ruff_cache .hypothesis
