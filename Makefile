# matchmaker — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export PORT  # the app builds its development links from it (config.dev_public_url)
WORKERS ?= 2
PO     := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO     := $(PO:.po=.mo)

.PHONY: run serve test test-fast test-pg lint bench lighthouse install lock translations translations-update migrate seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Dependencies come from the lock files (exact versions with hashes, the ones CI tested);
# the project itself is installed on top without resolving anything again. uv installs the
# same lock in parallel (a fresh clone's first page in seconds instead of a minute); when uv
# cannot be had, or with USE_PIP=1, pip does it.
USE_PIP ?=
define install_lock
	if [ -z "$(USE_PIP)" ] && { [ -x $(BIN)/uv ] || $(BIN)/python -m pip install -q uv >/dev/null 2>&1; }; then \
	  $(BIN)/uv pip install -q --python $(BIN)/python --require-hashes -r $(1); \
	else \
	  $(BIN)/python -m pip install -q --require-hashes -r $(1); \
	fi
endef

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	@$(call install_lock,requirements.lock)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e . 2>/dev/null || $(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock $(VENV)/.installed
	@$(call install_lock,requirements-test.lock)
	touch $@

## Re-resolve the lock files after changing dependencies in pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --extra test -o requirements-test.lock pyproject.toml

install: $(VENV)/.installed

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile -f -i $< -o $@

translations: $(MO)

## Extract every message from code and templates (.py, .html, .txt) and update the catalogues.
translations-update: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_:1,2 -w 100 -o translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -w 100 -i translations/messages.pot -d translations

migrate: install translations
	$(BIN)/matchmaker migrate

seed: migrate
	$(BIN)/matchmaker seed-demo --if-empty

## Development server on http://127.0.0.1:$(PORT) with demo data, and the task queue's worker.
run: seed
	@$(BIN)/matchmaker worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/matchmaker run --host 127.0.0.1 --port $(PORT)

# Workers must share login rate limits: use the local Redis when it answers.
REDIS_URL ?= redis://127.0.0.1:6379/0
SHARED_LIMITS = $(shell $(BIN)/python -c "import redis; redis.Redis.from_url('$(REDIS_URL)', socket_connect_timeout=0.5).ping(); print('$(REDIS_URL)')" 2>/dev/null || echo memory://)

## Production-style server (gunicorn, $(WORKERS) workers) on the same database.
serve: seed
	@limits="$${MATCHMAKER_RATELIMIT_STORAGE_URI:-$(SHARED_LIMITS)}"; \
	if [ "$$limits" = "memory://" ]; then echo "warning: no Redis at $(REDIS_URL); login limits are counted per worker" >&2; fi; \
	echo "rate limits stored in $$limits"; \
	$(BIN)/matchmaker worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	MATCHMAKER_RATELIMIT_STORAGE_URI="$$limits" $(BIN)/gunicorn --config gunicorn.conf.py --workers $(WORKERS) --bind 127.0.0.1:$(PORT) 'matchmaker:create_app()'

## The whole test suite (SQLite; set MATCHMAKER_TEST_DATABASE_URL for PostgreSQL).
# Both cores (pytest-xdist): each worker has its own in-memory SQLite, or its own PostgreSQL
# database (test_gw0, …), and its own live server for the Chromium journeys.
PYTEST_ARGS ?=
test: $(VENV)/.installed-test translations
	$(BIN)/pytest -n auto --dist loadfile $(PYTEST_ARGS)

## The suite without the Chromium journeys (quicker while working).
test-fast: $(VENV)/.installed-test translations
	$(BIN)/pytest --ignore=tests/browser

test-pg: $(VENV)/.installed-test translations
	MATCHMAKER_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test $(BIN)/pytest -n auto --dist loadfile

## Benchmarks: match rounds against `matching`; speed at 10,000 practices × 3,000 candidates
## against issue 12's targets; a load test (BENCH_LOAD_SECONDS, default 30). SQLite and
## PostgreSQL (when it answers); prints tables.
# Lighthouse (npm) for the phone benchmark, kept inside the virtualenv; never a page's asset.
LIGHTHOUSE_VERSION = 12.8.2
$(VENV)/lighthouse/node_modules/.bin/lighthouse:
	npm install --prefix $(VENV)/lighthouse --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION)

lighthouse: $(VENV)/lighthouse/node_modules/.bin/lighthouse

bench: $(VENV)/.installed-test translations
	$(BIN)/python benchmarks/bench_rounds.py
	$(BIN)/python benchmarks/bench_speed.py
	$(BIN)/python benchmarks/bench_load.py
	-$(MAKE) lighthouse  # without npm the phone benchmark still measures long tasks
	$(BIN)/python benchmarks/bench_browser.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check matchmaker tests migrations/env.py
	$(BIN)/mypy matchmaker

clean:
	rm -rf $(VENV) instance .pytest_cache
