# council-minutes archive: `make help` lists the targets.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
ARCHIVE ?= archive.db
HOST ?= 127.0.0.1
PORT ?= 8001
GOLD ?= ../shared/gold
SEEDS ?= ../shared/seeds

.PHONY: help install system-deps demo serve smoke publish test score bench lint clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

system-deps: ## Install Debian packages (Tesseract OCR, poppler, Chromium for browser tests) when missing
	@if ! command -v tesseract >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q tesseract-ocr tesseract-ocr-eng poppler-utils; \
	fi
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: system-deps $(VENV)/.installed ## Set up everything: Debian packages, virtualenv, Python packages

$(ARCHIVE): $(VENV)/.installed $(shell find fixtures/documents -type f 2>/dev/null) $(wildcard extract/*.py extract/*.txt schema/*.py schema/*.sql ingest/*.py)
	rm -f $(ARCHIVE) $(ARCHIVE)-wal $(ARCHIVE)-shm
	@grep -v '^#' fixtures/councils.tsv | while IFS='	' read -r folder council; do \
		echo "ingesting fixtures/documents/$$folder ($$council)"; \
		$(BIN)/minutes-archive ingest $(ARCHIVE) "fixtures/documents/$$folder" --council "$$council" -s || true; \
	done
	@$(PY) -c "import sqlite3; c=sqlite3.connect('$(ARCHIVE)'); print('archive:', c.execute('select count(*) from documents').fetchone()[0], 'documents,', c.execute('select count(*) from questions').fetchone()[0], 'questions,', c.execute('select count(*) from ingest_failures').fetchone()[0], 'refused')"

demo: install $(ARCHIVE) ## Build the demo archive from fixtures/ and serve it on 127.0.0.1
	$(BIN)/datasette serve -i $(ARCHIVE) $(SERVE_ARGS) -h $(HOST) -p $(PORT)

# Datasette names a database after its file: the metadata and canned-query links expect "archive",
# so ARCHIVE must be a file called archive.db (any directory). plugins/ provides fts_query() and the Atom feed.
SERVE_ARGS := -m datasette_metadata.yml --plugins-dir plugins --setting sql_time_limit_ms 3000 --setting suggest_facets off
SMOKE_ID = $(shell $(PY) -c "import sqlite3; print((sqlite3.connect('$(ARCHIVE)').execute('select id from $(1) limit 1').fetchone() or ['none'])[0])" 2>/dev/null)

smoke: install $(ARCHIVE) ## Ask the served archive every canned query, the Atom feed and a table search; fail on any non-200
	@for path in "/archive/search.json?q=foster" "/archive/search.json?q=%22" "/archive/search.atom?q=foster" \
		"/archive/question.json?id=$(call SMOKE_ID,questions)" "/archive/resolutions.json?q=resolved" \
		"/archive/open_actions.json" "/archive/meeting.json?id=$(call SMOKE_ID,meetings)" "/archive/coverage.json" \
		"/archive/failures.json" "/archive/questions.json?_search=foster" "/archive/citations.json"; do \
		$(BIN)/datasette -i $(ARCHIVE) $(SERVE_ARGS) --get "$$path" >/dev/null || { echo "smoke: FAILED $$path"; exit 1; }; \
		echo "smoke: ok $$path"; \
	done

PUBLISH_DIR ?= build/publish

publish: install $(ARCHIVE) ## Write a ready-to-deploy folder (archive, metadata, plugins, run.sh) to build/publish; no Docker
	rm -rf $(PUBLISH_DIR) && mkdir -p $(PUBLISH_DIR)
	$(PY) -c "import sqlite3; sqlite3.connect('$(ARCHIVE)').execute(\"vacuum into '$(PUBLISH_DIR)/archive.db'\"); c = sqlite3.connect('$(PUBLISH_DIR)/archive.db'); c.execute('pragma journal_mode = delete'); c.close()"
	cp datasette_metadata.yml $(PUBLISH_DIR)/metadata.yml
	cp -r plugins $(PUBLISH_DIR)/plugins && rm -rf $(PUBLISH_DIR)/plugins/__pycache__
	$(BIN)/datasette inspect $(PUBLISH_DIR)/archive.db --inspect-file $(PUBLISH_DIR)/inspect-data.json
	$(PY) -c "import datasette.version as v; print('datasette==' + v.__version__)" > $(PUBLISH_DIR)/requirements.txt
	printf '%s\n' '#!/bin/sh' \
		'# Serve the archive read-only: immutable file, no arbitrary SQL, stable URLs. pip install -r requirements.txt first.' \
		'cd "$$(dirname "$$0")"' \
		'exec datasette serve -i archive.db --inspect-file inspect-data.json -m metadata.yml --plugins-dir plugins \' \
		'  --setting sql_time_limit_ms 3000 --setting suggest_facets off --setting default_page_size 50 \' \
		'  -h "$${HOST:-0.0.0.0}" -p "$${PORT:-8001}"' > $(PUBLISH_DIR)/run.sh
	chmod +x $(PUBLISH_DIR)/run.sh
	cd $(PUBLISH_DIR) && $(abspath $(BIN))/datasette -i archive.db --inspect-file inspect-data.json -m metadata.yml --plugins-dir plugins --get "/archive/search.json?q=council" >/dev/null
	@echo "publish: $(PUBLISH_DIR) is ready: copy it to a host and run ./run.sh (HOST, PORT from the environment)"

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
