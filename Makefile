# Every target sets up what it needs on a fresh machine: a pinned uv in .bootstrap/, then the locked
# environment in .venv/ (or $UV_PROJECT_ENVIRONMENT). Only the machine's python3 is required.

PYTHON ?= python3
UV_VERSION := 0.13.9
BOOTSTRAP ?= .bootstrap
UV := $(BOOTSTRAP)/bin/uv
VENV := $(or $(UV_PROJECT_ENVIRONMENT),.venv)
BIN := $(VENV)/bin
STAMP := $(VENV)/.detectify-synced

export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
# Installed packages come with their bytecode, as pip installs them: uv leaves it out by default, and where
# PYTHONDONTWRITEBYTECODE is set every process would compile them again (about 0.3 s at each `detectify` start).
export UV_COMPILE_BYTECODE := 1

.PHONY: help setup demo bench test lint typecheck validate-spec check-generated pytest generate update-spec clean

help:
	@echo "make demo      set up, then pull a whole attack surface from the bundled fake Detectify server"
	@echo "make test      set up, then run every check (lint, types, spec, generated drift, tests)"
	@echo "make bench     set up, then measure the SDK against a raw httpx loop (see docs/benchmarks.md)"
	@echo "make generate  regenerate generated/ from openapi.yaml with the pinned generator"
	@echo "make update-spec SPEC=<url-or-file>  swap in a downloaded spec, regenerate, report changes (fails if any break)"

$(UV):
	$(PYTHON) -m venv $(BOOTSTRAP)
	$(BOOTSTRAP)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(STAMP): $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

# The project's own modules (an editable install) are compiled here, at every run: only what changed is.
setup: $(STAMP)
	@$(BIN)/python -m compileall -q src generated

demo: setup
	$(BIN)/python scripts/demo.py

bench: setup
	$(BIN)/python scripts/bench.py

test: lint typecheck validate-spec check-generated pytest

lint: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: setup
	$(BIN)/mypy

validate-spec: setup
	$(BIN)/openapi-spec-validator openapi.yaml
	$(BIN)/python scripts/update_spec.py --check-normalised openapi.yaml
	$(BIN)/openapi-spec-validator openapi-v2.yaml
	$(BIN)/python scripts/update_spec.py --check-normalised openapi-v2.yaml

check-generated: setup
	$(BIN)/python scripts/generate.py --check

pytest: setup
	$(BIN)/pytest

generate: setup
	$(BIN)/python scripts/generate.py

update-spec: setup
	@test -n "$(SPEC)" || { echo "usage: make update-spec SPEC=<url-or-file>" >&2; exit 2; }
	$(BIN)/python scripts/update_spec.py "$(SPEC)"

clean:
	rm -rf $(BOOTSTRAP) .venv .pytest_cache .mypy_cache .ruff_cache
