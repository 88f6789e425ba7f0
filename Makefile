# The two commands of the README: `make run` and `make test`.
# Both create .venv when it is missing; they need only Python 3.11+ and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGIN_DIRS := $(patsubst %/pyproject.toml,%,$(wildcard plugins/*/pyproject.toml))
PLUGIN_TESTS := $(wildcard plugins/*/tests)
PROJECT_FILES := pyproject.toml $(wildcard plugins/*/pyproject.toml)
PYTEST_ARGS ?=

.PHONY: run test lint bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jaartaak heeft Python 3.11 of nieuwer nodig (gevonden: " + sys.version.split()[0] + "); zet PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

# The core and every plugin, editable, so a change in the source is live at once.
$(VENV)/.installed-run: $(BIN)/python $(PROJECT_FILES)
	$(BIN)/python -m pip install --quiet -e . $(foreach dir,$(PLUGIN_DIRS),-e ./$(dir))
	@touch $@

$(VENV)/.installed-dev: $(BIN)/python $(PROJECT_FILES)
	$(BIN)/python -m pip install --quiet -e '.[dev]' $(foreach dir,$(PLUGIN_DIRS),-e ./$(dir))
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/jaartaak demo

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest $(PYTEST_ARGS) tests $(PLUGIN_TESTS)

# Benchmarks print one line per figure with its target; they are not tests (machines here
# are noisy). docs/performance.md has the results. bench_board.py builds the synthetic board
# in SQLite, or in PostgreSQL with JAARTAAK_BENCH_DATABASE_URL=postgresql+psycopg://...
bench: $(VENV)/.installed-run
	$(BIN)/python bench/bench_caovo.py
	$(BIN)/python bench/bench_board.py
	$(BIN)/python bench/bench_overview.py
	$(BIN)/python bench/bench_taakbrief.py
	$(BIN)/python bench/bench_http.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist test-results
