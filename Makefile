# Everything a newcomer needs: `make run` and `make test`. The venv is created and filled here.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PLANS  ?= plans

.PHONY: run test lint schema reference-docx site-screenshot bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)  ## install and show the status of the plans
	$(BIN)/plan status -p $(PLANS)

test: $(STAMP)  ## lint and run the test suite
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

schema: $(STAMP)  ## regenerate the committed JSON Schemas
	$(BIN)/plan schema plan -o schema/plan.schema.json
	$(BIN)/plan schema shared -o schema/shared.schema.json

reference-docx: $(STAMP)  ## rebuild templates/reference.docx from pandoc's default
	$(BIN)/python tools/reference_docx.py templates/reference.docx

site-screenshot: $(STAMP)  ## the README's picture of the site's front page (needs Chromium)
	$(BIN)/python tools/site_screenshot.py docs/site-etusivu.png --plans $(PLANS)

bench: $(STAMP)  ## benchmarks: figures and ratios (needs check-jsonschema, installed here)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
