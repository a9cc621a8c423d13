# CamKet — developer commands. GNU make; `make` alone lists the targets.
#
# Everything runs from the virtualenv in .venv, which `make venv` creates and keeps in step
# with pyproject.toml. On Debian-like systems `make sysdeps` installs the system libraries
# Qt needs (DESIGN.md §11), with apt-get when run as root, else it prints the sudo line.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LINT_PATHS := $(wildcard desktop tests scripts bench freeze)
PYTEST_ARGS ?=
BENCH_ARGS ?=
ARGS ?=

# Qt offscreen (tests, --screenshot) on a minimal Debian 12.
QT_LIBS := libgl1 libegl1 libxkbcommon0 libx11-6 libglib2.0-0 libfreetype6 libfontconfig1 \
	libdbus-1-3
# A real X display (xcb platform plugin) for `make run`.
XCB_LIBS := libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
	libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0

# Qt Linguist catalogs: the .qm files are built from the .ts files, never committed.
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

SMOKE_DB := build/smoke.sqlite3
SMOKE_PNG := build/smoke.png
# Households of the demo whose bundle the frozen build merges through the merge's helper
# process (10,000: ~71,600 lines, over services/merge_helper.py's HELPED_ROWS).
SMOKE_MERGE_HOUSEHOLDS := 10000
define SMOKE_HELPS
import sys
from pathlib import Path
from desktop.exchange.bundle_file import open_bundle
from desktop.services.merge_helper import helps
bundle = open_bundle(Path(sys.argv[1]), whole=False)
sys.exit(0 if helps(bundle) else 1)
endef
export SMOKE_HELPS
SHOTS_DB := build/screenshots.sqlite3
SHOTS_DIR := docs/screenshots

.PHONY: help sysdeps sysdeps-x venv venv-dev lint format test run bench build screenshots \
	translations qm clean distclean

help: ## list the targets
	@echo "CamKet — make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'
	@echo "Options: PYTHON=python3.11  PYTEST_ARGS='-k search'  ARGS='--db FILE' (for run)" \
		" BENCH_ARGS=--province (bench at province size)"

# --- system libraries --------------------------------------------------------------------

# $(call apt_ensure,PACKAGES): install the missing ones of PACKAGES on a Debian-like system.
# Nothing at all happens (no apt-get update) when every package is installed already.
# Ubuntu 24.04 renamed some libraries with a t64 suffix; those count as installed.
define apt_ensure
@if ! command -v dpkg-query >/dev/null 2>&1; then \
		echo "sysdeps: no dpkg here (not Debian-like), so not checking for: $(strip $(1))." \
			"Install their equivalents if Qt fails to start."; \
		exit 0; \
	fi; \
	missing=""; \
	for pkg in $(1); do \
		status=$$(dpkg-query -W -f='$${db:Status-Status}\n' "$$pkg" "$${pkg}t64" 2>/dev/null \
			|| true); \
		grep -qx installed <<<"$$status" || missing="$$missing $$pkg"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then \
		echo "sysdeps: installing$$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq; \
		apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "sysdeps: missing system packages. Install them, then run make again:"; \
		echo "  sudo apt-get install -y --no-install-recommends$$missing"; \
		exit 1; \
	fi
endef

sysdeps: ## install the system libraries Qt needs offscreen (Debian: apt-get)
	$(call apt_ensure,$(QT_LIBS))

sysdeps-x: ## the same plus the xcb libraries of a real X display
	$(call apt_ensure,$(QT_LIBS) $(XCB_LIBS))

# --- virtualenv --------------------------------------------------------------------------

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "venv: CamKet needs Python 3.11 or newer; $(PYTHON) is" \
			"$$($(PYTHON) --version 2>&1). Try: make PYTHON=python3.11 ..."; exit 1; }
	$(if $(shell $(PYTHON) -c 'import ensurepip' 2>/dev/null || echo no),$(call apt_ensure,python3-venv))
	$(PYTHON) -m venv $(VENV)

# The stamps are newer than pyproject.toml once its dependencies are installed.
$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed-test

venv: $(VENV)/.installed-test ## create .venv and install camket with the test tools

venv-dev: $(VENV)/.installed-dev ## the same with the dev extra (PyInstaller, mypy, ...)

# --- translations ------------------------------------------------------------------------

resources/translations/%.qm: resources/translations/%.ts | $(VENV)/.installed-test
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

qm: $(QM_FILES) ## compile the translations (.ts -> .qm); test, run and build do it first

translations: venv ## add new tr() strings to camket_vi.ts (keeps translations), compile
	$(PY) scripts/translations.py update
	@$(MAKE) --no-print-directory qm
	@grep -c 'type="unfinished"' resources/translations/camket_vi.ts \
		| xargs -I{} echo "translations: {} string(s) of camket_vi.ts await Vietnamese" \
			"(pyside6-linguist, or edit the file and drop type=\"unfinished\")" || true

# --- checks and tests --------------------------------------------------------------------

lint: venv ## ruff (lint + format check), mypy and the import-linter contracts
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)
	$(VENV)/bin/mypy desktop bench
	$(VENV)/bin/lint-imports

format: venv ## rewrite the code with ruff format and ruff's safe fixes
	$(VENV)/bin/ruff format $(LINT_PATHS)
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)

test: sysdeps venv qm lint ## lint, then the whole test suite offscreen (what CI runs)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

# --- the app -----------------------------------------------------------------------------

run: sysdeps-x venv qm ## open the app (with no register yet, the set-up wizard first)
	$(VENV)/bin/camket $(ARGS)

bench: venv qm ## district-size benchmark beside the raw cost of the same work
	$(PY) -m bench.run $(BENCH_ARGS)

build: sysdeps venv-dev ## one-folder app in dist/camket/ (PyInstaller), then a smoke test
	$(VENV)/bin/pyinstaller --noconfirm build.spec
	rm -f $(SMOKE_DB) $(SMOKE_DB)-wal $(SMOKE_DB)-shm $(SMOKE_PNG)
	CAMKET_DATA_DIR=build/smoke-data dist/camket/camket demo --db $(SMOKE_DB) \
		--households 50 --seed 1
	CAMKET_DATA_DIR=build/smoke-data QT_QPA_PLATFORM=offscreen \
		dist/camket/camket --db $(SMOKE_DB) --screenshot $(SMOKE_PNG)
	@test -s $(SMOKE_PNG) || { echo "build: smoke test failed, $(SMOKE_PNG) is missing or empty"; \
		exit 1; }
	@! grep -E "translation .*(missing|not compiled|could not be loaded)" \
		build/smoke-data/logs/camket.log || { echo "build: the bundle lacks its translations"; \
		exit 1; }
	@# Pledge sheets drawn by the frozen app and from source, over copies of one register,
	@# must be the same bytes (reportlab writes invariant PDFs: no dates, fixed ids).
	cp $(SMOKE_DB) build/smoke-source.sqlite3
	CAMKET_DATA_DIR=build/smoke-data dist/camket/camket print pledges --db $(SMOKE_DB) \
		--out build/smoke-frozen.pdf
	CAMKET_DATA_DIR=build/smoke-data $(VENV)/bin/camket print pledges \
		--db build/smoke-source.sqlite3 --out build/smoke-source.pdf
	@cmp -s build/smoke-frozen.pdf build/smoke-source.pdf || { echo "build: the frozen app's" \
		"pledge sheets differ from the source's (build/smoke-frozen.pdf, smoke-source.pdf)"; \
		exit 1; }
	@# SQLCipher in the bundle: an encrypted register made, checked and searched frozen.
	rm -rf build/smoke-encrypted build/smoke-encrypted-data && mkdir -p build/smoke-encrypted
	cp $(SMOKE_DB) build/smoke-encrypted/r.sqlite3
	CAMKET_DATA_DIR=build/smoke-encrypted-data CAMKET_PASSPHRASE=smoke-passphrase \
		dist/camket/camket encrypt --db build/smoke-encrypted/r.sqlite3 >/dev/null
	@! head -c 16 build/smoke-encrypted/r.sqlite3 | grep -q "SQLite format" \
		|| { echo "build: the frozen app left the register plain"; exit 1; }
	CAMKET_DATA_DIR=build/smoke-encrypted-data CAMKET_PASSPHRASE=smoke-passphrase \
		dist/camket/camket check --db build/smoke-encrypted/r.sqlite3
	CAMKET_DATA_DIR=build/smoke-encrypted-data CAMKET_PASSPHRASE=smoke-passphrase \
		dist/camket/camket search --db build/smoke-encrypted/r.sqlite3 --limit 3 nguyen
	CAMKET_DATA_DIR=build/smoke-encrypted-data CAMKET_PASSPHRASE=smoke-passphrase \
		QT_QPA_PLATFORM=offscreen dist/camket/camket --db build/smoke-encrypted/r.sqlite3 \
		--screenshot build/smoke-encrypted.png
	@test -s build/smoke-encrypted.png || { echo "build: the frozen window did not open the" \
		"encrypted register"; exit 1; }
	@# A merge's helper process (services/merge_helper.py: a bundle of 60,000 lines or more)
	@# is this executable started again (spawn + freeze_support in freeze/camket_entry.py):
	@# a bundle that big, made and merged frozen into an empty upper register. A helper that
	@# did not start or died leaves its warning in the log (the merge is done again without).
	rm -rf build/smoke-merge build/smoke-merge-data && mkdir -p build/smoke-merge
	CAMKET_DATA_DIR=build/smoke-merge-data dist/camket/camket demo \
		--db build/smoke-merge/big.sqlite3 --households $(SMOKE_MERGE_HOUSEHOLDS) --seed 2 >/dev/null
	CAMKET_DATA_DIR=build/smoke-merge-data dist/camket/camket export \
		--db build/smoke-merge/big.sqlite3 --out build/smoke-merge/big.camket 2>/dev/null
	@$(PY) -c "$$SMOKE_HELPS" build/smoke-merge/big.camket || { echo "build: the smoke bundle" \
		"is too small for the merge's helper process: raise SMOKE_MERGE_HOUSEHOLDS"; exit 1; }
	CAMKET_DATA_DIR=build/smoke-merge-data dist/camket/camket init \
		--db build/smoke-merge/upper.sqlite3 --upper >/dev/null
	CAMKET_DATA_DIR=build/smoke-merge-data dist/camket/camket merge \
		--db build/smoke-merge/upper.sqlite3 build/smoke-merge/big.camket 2>/dev/null
	@! grep -E "merge helper process not started|read again in this process" \
		build/smoke-merge-data/logs/camket.log || { echo "build: the frozen merge's helper" \
		"process did not do its work (build/smoke-merge-data/logs/camket.log)"; exit 1; }
	@echo "build: dist/camket/ is ready; smoke screenshot $(SMOKE_PNG)" \
		"($$(stat -c %s $(SMOKE_PNG)) bytes)" \
		"; pledge sheets identical to the source's; an encrypted register opens" \
		"; a big bundle merged frozen through the helper process"

screenshots: sysdeps venv qm ## regenerate the README screenshots in docs/screenshots/
	mkdir -p build $(SHOTS_DIR)
	rm -f $(SHOTS_DB) $(SHOTS_DB)-wal $(SHOTS_DB)-shm
	CAMKET_DATA_DIR=build/screenshots-data $(VENV)/bin/camket demo --db $(SHOTS_DB) \
		--households 1000 --seed 1
	CAMKET_DATA_DIR=build/screenshots-data QT_QPA_PLATFORM=offscreen $(VENV)/bin/camket \
		--db $(SHOTS_DB) --screenshot $(SHOTS_DIR)/main-window.png --size 1366x768
	CAMKET_DATA_DIR=build/screenshots-data QT_QPA_PLATFORM=offscreen $(VENV)/bin/camket \
		--db $(SHOTS_DB) --screenshot $(SHOTS_DIR)/households.png --size 1366x768 --page 2
	CAMKET_DATA_DIR=build/screenshots-data QT_QPA_PLATFORM=offscreen $(VENV)/bin/camket \
		--db $(SHOTS_DB) --screenshot $(SHOTS_DIR)/pledges.png --size 1366x768 --page 3
	CAMKET_DATA_DIR=build/screenshots-data QT_QPA_PLATFORM=offscreen $(VENV)/bin/camket \
		--db $(SHOTS_DB) --screenshot $(SHOTS_DIR)/movements.png --size 1366x768 --page 4
	CAMKET_DATA_DIR=build/screenshots-data QT_QPA_PLATFORM=offscreen $(VENV)/bin/camket \
		--db $(SHOTS_DB) --screenshot $(SHOTS_DIR)/exchange.png --size 1366x768 --page 5
	# An upper register (a Border Guard post's) over two communes' bundles: its communes.
	rm -f build/shots-*.camket build/shots-*.sqlite3 build/shots-*.sqlite3-wal \
		build/shots-*.sqlite3-shm
	CAMKET_DATA_DIR=build/screenshots-data $(VENV)/bin/camket demo \
		--db build/shots-binh-lu.sqlite3 --households 400 --seed 2 --commune 03390
	CAMKET_DATA_DIR=build/screenshots-data $(VENV)/bin/camket export \
		--db build/shots-binh-lu.sqlite3 --out build/shots-binh-lu.camket
	CAMKET_DATA_DIR=build/screenshots-data $(VENV)/bin/camket export \
		--db $(SHOTS_DB) --out build/shots-sin-ho.camket
	CAMKET_DATA_DIR=build/screenshots-data $(VENV)/bin/camket init \
		--db build/shots-upper.sqlite3 --upper --province 12 --name "Đồn Biên phòng Sìn Hồ"
	CAMKET_DATA_DIR=build/screenshots-data $(VENV)/bin/camket merge \
		--db build/shots-upper.sqlite3 build/shots-sin-ho.camket build/shots-binh-lu.camket
	CAMKET_DATA_DIR=build/screenshots-data $(VENV)/bin/camket campaign use \
		--db build/shots-upper.sqlite3 bien-gioi
	CAMKET_DATA_DIR=build/screenshots-data QT_QPA_PLATFORM=offscreen $(VENV)/bin/camket \
		--db build/shots-upper.sqlite3 --screenshot $(SHOTS_DIR)/upper-register.png \
		--size 1366x768
	@test -s $(SHOTS_DIR)/main-window.png && test -s $(SHOTS_DIR)/pledges.png \
		&& test -s $(SHOTS_DIR)/households.png && test -s $(SHOTS_DIR)/upper-register.png \
		&& test -s $(SHOTS_DIR)/movements.png && test -s $(SHOTS_DIR)/exchange.png

clean: ## remove build output and caches (keeps .venv)
	rm -rf build dist .pytest_cache .ruff_cache .mypy_cache .import_linter_cache *.egg-info
	rm -f $(QM_FILES)
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV)
