# fachakte-compiler: `make run` compiles the shipped catalogue, `make test` runs the tests.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= build
# Official xdomea 3.0.0 XSDs, when present next to the checkout: the xdomea output is validated.
XSD_DIR ?= $(wildcard ../shared/xdomea/3.0.0)

.PHONY: run test lint typecheck bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(STAMP)
	$(BIN)/fachakte validate definitions/
	$(BIN)/fachakte compile definitions/ --out $(OUT) $(if $(XSD_DIR),--xsd-dir $(XSD_DIR))

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 tests

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(OUT) .fachakte-cache
