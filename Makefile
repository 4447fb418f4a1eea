# The README's two commands: `make run` and `make test`. Each installs what it needs itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.stamp-run
TEST_STAMP := $(VENV)/.stamp-test
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint typecheck pytest debs translations bundle install-desktop clean benchmark

run: $(RUN_STAMP) translations
	$(BIN)/python -m coetracker $(ARGS)

# Every test runs, the real-process ones (marker e2e) included. A quicker run while working:
# make pytest PYTEST_ARGS="-m 'not e2e and not bundle'" (the last -m given wins over addopts).
test: $(TEST_STAMP) debs translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

pytest: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit("COE Tracker needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(RUN_STAMP)

# Debian packages the tests need (CJK font, pdftotext, Qt's runtime libraries).
debs:
	bash scripts/ensure-debs.sh

# Compiled translations (.qm) are built from the committed .ts files, never committed.
translations: | $(VENV)/bin/python
	@if ls resources/translations/*.ts >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory $(RUN_STAMP) && $(BIN)/python scripts/build_translations.py; fi

# One-folder desktop bundle in dist/coetracker (packaging/README.md); PyInstaller is installed
# into the virtual environment on first use (the `bundle` extra).
BUNDLE_STAMP := $(VENV)/.stamp-bundle

$(BUNDLE_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[bundle]'
	touch $@ $(RUN_STAMP)

bundle: $(BUNDLE_STAMP) translations
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/coetracker.spec
	@du -sh dist/coetracker

# The bundle's launcher and icons in the user's menu ($$XDG_DATA_HOME, default ~/.local/share).
install-desktop:
	@test -x dist/coetracker/coetracker || $(MAKE) --no-print-directory bundle
	bash packaging/linux/install-desktop.sh dist/coetracker

benchmark: $(TEST_STAMP)
	for f in benchmarks/bench_*.py; do \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.$$(basename $$f .py) || exit 1; \
	done

clean:
	rm -rf build dist .mypy_cache .pytest_cache .ruff_cache
