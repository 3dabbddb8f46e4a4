# council-minutes archive: `make help` lists the targets.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
ARCHIVE ?= archive.db
HOST ?= 127.0.0.1
PORT ?= 8001
GOLD ?= ../shared/gold
SEEDS ?= ../shared/seeds

.PHONY: help install system-deps demo serve smoke test score bench lint clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

system-deps: ## Install Debian packages (Tesseract OCR, poppler) when missing
	@if ! command -v tesseract >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && $$SUDO apt-get install -y -q tesseract-ocr tesseract-ocr-eng poppler-utils; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: system-deps $(VENV)/.installed ## Set up everything: Debian packages, virtualenv, Python packages

$(ARCHIVE): $(VENV)/.installed $(shell find fixtures/documents -type f 2>/dev/null) $(wildcard extract/*.py schema/*.py schema/*.sql ingest/*.py)
	rm -f $(ARCHIVE) $(ARCHIVE)-wal $(ARCHIVE)-shm
	$(BIN)/minutes-archive ingest $(ARCHIVE) fixtures/documents --council "Demo fixtures" -s || true
	@$(PY) -c "import sqlite3; c=sqlite3.connect('$(ARCHIVE)'); print('archive:', c.execute('select count(*) from documents').fetchone()[0], 'documents,', c.execute('select count(*) from questions').fetchone()[0], 'questions,', c.execute('select count(*) from ingest_failures').fetchone()[0], 'refused')"

demo: install $(ARCHIVE) ## Build the demo archive from fixtures/ and serve it on 127.0.0.1
	$(BIN)/datasette serve $(ARCHIVE) -m datasette_metadata.yml -h $(HOST) -p $(PORT) --setting suggest_facets off

smoke: install $(ARCHIVE) ## Check the served archive answers a search
	$(BIN)/datasette $(ARCHIVE) -m datasette_metadata.yml --get "/archive/search.json?q=foster"

test: install ## Run the test suite
	$(BIN)/pytest -q

score: install ## Score extraction of the shared seeds against the shared gold
	rm -f /tmp/score-archive.db*
	$(BIN)/minutes-archive ingest /tmp/score-archive.db $(SEEDS) -s --cache-dir /tmp/score-archive.cache
	$(PY) ../shared/eval/score.py $(GOLD) /tmp/score-archive.db

bench: install ## Run the benchmarks and write results under benchmarks/
	$(PY) benchmarks/run.py $(BENCH)

lint: install ## Static checks (pyflakes) and README/CLI agreement
	$(BIN)/python -m pyflakes ingest extract schema tests benchmarks
	$(BIN)/pytest -q tests/test_docs.py

clean: ## Remove the built archive and caches
	rm -rf $(ARCHIVE) $(ARCHIVE)-wal $(ARCHIVE)-shm $(ARCHIVE).cache .pytest_cache
