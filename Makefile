# fachakte-compiler: `make run` compiles the shipped catalogue, `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= build
# Official xdomea 3.0.0 XSDs next to the checkout (CI); without them compile uses the copy that
# `fachakte xdomea-schemas fetch` keeps in the user cache, or says in one line how to fetch it.
XSD_DIR ?= $(wildcard ../shared/xdomea/3.0.0)

.PHONY: run test test-setup lint typecheck bench fuzz clean messages
# The Doxis4 script tests run Groovy (Debian package `groovy`; it brings a Java runtime). As root
# on Debian, `make test` installs it when it is missing; elsewhere those tests print the hint.
GROOVY_APT := $(if $(shell command -v groovy),,$(if $(shell command -v apt-get),$(filter 0,$(shell id -u))))

# The venv is filled by uv (from PyPI): it downloads in parallel and links from its cache, about
# 12 s instead of pip's 25 s on a fresh machine. Where uv cannot be had (no pip >= 22.3 beside
# $(PYTHON), or uv fails), pip does the same. The build backend of pyproject.toml
# ([build-system] requires) and editables go into the venv too: tests build a wheel without build
# isolation. --no-compile leaves the .pyc files to the first import (`make test` writes them),
# which compiles only the modules used instead of every installed one (seconds of CPU less).
BUILD_REQUIRES = $$($(BIN)/python -c \
  'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"])')
PIP_INSTALL := $(BIN)/python -m pip install --quiet --no-compile
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	  || { echo "error: Python 3.11 or newer is needed ($(PYTHON)); set PYTHON=..."; exit 2; }
	$(PYTHON) -m venv --clear --without-pip $(VENV)
	{ $(PYTHON) -m pip --python $(BIN)/python install --quiet --no-compile uv \
	  && $(BIN)/uv pip install --quiet --python $(BIN)/python \
	     pip editables $(BUILD_REQUIRES) -e '.[dev]'; } \
	|| { echo "note: uv not available; installing with pip" \
	  && $(PYTHON) -m venv --clear $(VENV) \
	  && $(PIP_INSTALL) editables $(BUILD_REQUIRES) \
	  && $(PIP_INSTALL) --no-build-isolation -e '.[dev]'; }
	@touch $@

run: $(STAMP)
	$(BIN)/fachakte validate definitions/
	$(BIN)/fachakte compile definitions/ -o $(OUT) $(if $(XSD_DIR),--xsd-dir $(XSD_DIR))

# The accessibility check of the docs (tests/test_docs_browser.py) runs axe-core from npm, pinned
# in tests/browser/package-lock.json; `make test` installs it where npm is present. Without it
# that check skips with a hint (and fails under CI).
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error >/dev/null && touch $@ \
	  || echo "warning: npm ci failed; the accessibility check of the docs is skipped"

# The venv and axe-core (npm ci, which mostly waits on the network) are made side by side.
test-setup: $(STAMP) $(if $(shell command -v npm),$(AXE))
	@:

test:
	@$(MAKE) --no-print-directory -j2 test-setup
ifeq ($(GROOVY_APT),0)
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq groovy >/dev/null \
	  || echo "warning: could not install groovy; the Doxis4 script tests fail under CI, skip elsewhere"
endif
# PYTHONDONTWRITEBYTECODE= : the package is installed editable, so without .pyc files every
# `fachakte` subprocess and every test worker compiles its modules from source again (about
# 0.3 s each); __pycache__/ is git-ignored.
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 2 tests

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# The catalogue property over N mutated catalogues (tests/catalogue_property.py); prints counts.
# Then VERIFY_N seeded mutations of a signed release, as folder and as ZIP (tests/test_verify.py),
# and DIFF_N random edits whose output bytes must differ exactly when `diff` reports a change
# (tests/test_diff_property.py), and STRUCTURE_N rounds of damaged structure
# (tests/test_fuzz_structure.py). `make test` runs a small fixed-seed sample of each.
N ?= 1000
SEED ?= 15
VERIFY_N ?= 200
DIFF_N ?= 500
STRUCTURE_N ?= 400
fuzz: $(STAMP)
	$(BIN)/python tests/catalogue_property.py $(N) $(SEED)
	FACHAKTE_FUZZ_VERIFY=$(VERIFY_N) $(BIN)/python -m pytest -q tests/test_verify.py -k mutated
	FACHAKTE_FUZZ_DIFF=$(DIFF_N) $(BIN)/python -m pytest -q tests/test_diff_property.py
	FACHAKTE_FUZZ_STRUCTURE=$(STRUCTURE_N) $(BIN)/python -m pytest -q tests/test_fuzz_structure.py

# Extract the texts of the sources into the German catalogue
# (src/fachakte_compiler/locale/de/LC_MESSAGES/fachakte.po; new ones empty, changed ones fuzzy)
# and compile it; translate what it reports as open (tests/test_i18n.py fails on any).
messages: $(STAMP)
	$(BIN)/python -m fachakte_compiler.i18n.extract

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(OUT) .fachakte-cache
