# Two entry points: `make run` (set up, then start the Streamlit app) and `make test`
# (set up, then run the whole suite). Set-up is stamp-based so a second run is instant.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.stamp-install
APT_STAMP := $(VENV)/.stamp-apt
DEBIAN_PACKAGES := tesseract-ocr tesseract-ocr-eng chromium
PORT ?= 8501

.PHONY: run test setup lint typecheck eval bench models samples clean

setup: $(STAMP) $(APT_STAMP)

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "python3.11 is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# CPU torch must come first: a bare `torch` requirement would pull the multi-GB CUDA build.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

$(APT_STAMP): Makefile
	@bash scripts/ensure-debian-packages.sh $(DEBIAN_PACKAGES)
	@mkdir -p $(VENV) && touch $@

run: setup
	$(BIN)/streamlit run app.py --server.headless true --server.port $(PORT)

test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

eval: setup
	$(BIN)/contract-analyzer eval samples/eval

bench: setup
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_analyze.py

models: setup
	$(BIN)/python models/train_clause_classifier.py

samples: setup
	$(BIN)/python samples/generate.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
