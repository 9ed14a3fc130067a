# claim-kg — `make demo` and `make test` set everything up on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out
SHARED := ../shared
POLNEAR_DEV := $(SHARED)/polnear/dev
POLNEAR_TRAIN := $(SHARED)/polnear/train

.DEFAULT_GOAL := help
.PHONY: help install demo test lint eval bench clean

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*?## "}{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install claim-kg with its dev extras and the spaCy model

demo: $(STAMP) ## Build the seed articles into out/ (Turtle, TriG, JSONL, HTML)
	$(BIN)/kg build seeds -o $(OUT)
	$(BIN)/kg validate $(OUT)/claims.ttl
	@echo "open $(OUT)/graph.html in a browser; query with: $(BIN)/kg query $(OUT)/claims.ttl -e 'SELECT ...'"

test: $(STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest -q

lint: $(STAMP) ## ruff + mypy (fail on any error)
	$(BIN)/ruff check kg tests bench
	$(BIN)/ruff format --check kg tests bench
	$(BIN)/mypy

eval: $(STAMP) ## Score the extractor on PolNeAR dev (skipped when ../shared/polnear is absent)
	@if [ -d $(POLNEAR_DEV) ]; then \
	  $(BIN)/kg eval --gold $(POLNEAR_DEV) ; \
	else echo "skip: $(POLNEAR_DEV) not found"; fi

bench: $(STAMP) ## Speed and quality on PolNeAR dev (results in bench/RESULTS.md)
	@if [ -d $(POLNEAR_DEV) ]; then $(BIN)/python bench/extract_speed.py $(POLNEAR_DEV)/text && \
	  $(BIN)/python bench/quality.py $(POLNEAR_DEV) && \
	  $(BIN)/python bench/error_anatomy.py $(POLNEAR_DEV) ; \
	else echo "skip: $(POLNEAR_DEV) not found"; fi

bench-train: $(STAMP) ## Build, RDF and view speed on PolNeAR train (long; results in bench/RESULTS.md)
	@if [ -d $(POLNEAR_TRAIN) ]; then \
	  $(BIN)/python bench/build_speed.py $(POLNEAR_TRAIN) --rounds 3 --results bench/RESULTS.md && \
	  $(BIN)/python bench/rdf_speed.py $(POLNEAR_TRAIN) && \
	  $(BIN)/python bench/view_speed.py $(POLNEAR_TRAIN) ; \
	else echo "skip: $(POLNEAR_TRAIN) not found"; fi

clean: ## Remove build outputs and caches (keeps .venv)
	rm -rf $(OUT) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
