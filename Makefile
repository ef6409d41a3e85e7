# Lotse: `make run` serves the app, `make test` runs every check. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOTSE := $(BIN)/lotse
UV_VERSION := 0.13.9
export LOTSE_BASE_DIR := $(CURDIR)

.PHONY: run test setup install syslibs db demo lint format messages compilemessages lock bench bench-casework bench-reports clean browser test-sqlite test-postgres check-arch

run: setup
	LOTSE_DEBUG=1 LOTSE_DEMO=1 LOTSE_TASKS_INLINE=1 $(LOTSE) runserver 127.0.0.1:8000

setup: install compilemessages syslibs
	LOTSE_DEBUG=1 LOTSE_DEMO=1 $(LOTSE) migrate --no-input
	LOTSE_DEBUG=1 LOTSE_DEMO=1 $(LOTSE) load_reference_data
	LOTSE_DEBUG=1 LOTSE_DEMO=1 $(LOTSE) load_directory_data
	LOTSE_DEBUG=1 LOTSE_DEMO=1 $(LOTSE) load_quality_catalogue
	LOTSE_DEBUG=1 LOTSE_DEMO=1 $(LOTSE) load_demo_data

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

compilemessages: install
	cd src/lotse && LOTSE_DEBUG=1 ../../$(LOTSE) compilemessages --ignore=.venv -v 0

# PDFs (WeasyPrint) need Pango and fonts from the system.
syslibs:
	$(PYTHON) scripts/ensure_system_libs.py

# Browser tests need Chromium: Debian's package where apt is available, else Playwright's build.
browser: install
	$(BIN)/python scripts/ensure_browser.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check-arch: install
	$(BIN)/lint-imports

test: install compilemessages syslibs browser lint
	LOTSE_TESTING=1 $(BIN)/python scripts/run_tests.py

test-sqlite: install compilemessages
	LOTSE_TESTING=1 $(BIN)/python scripts/run_tests.py --only sqlite

test-postgres: install compilemessages
	LOTSE_TESTING=1 $(BIN)/python scripts/run_tests.py --only postgres

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	cd src/lotse && LOTSE_DEBUG=1 ../../$(LOTSE) makemessages --no-obsolete --no-location --ignore=static/* -l de -l en -l ar -l tr -l uk -l ru -l fa

bench: setup
	$(BIN)/python bench/match.py
	$(BIN)/python bench/guide.py
	$(BIN)/python bench/casework.py --clients 10000

# Case management at 10^4 and 10^6 clients on PostgreSQL (the 10^6 seed takes minutes).
bench-casework: install compilemessages
	$(BIN)/python bench/casework.py --clients 10000,1000000

# Statistics dashboards at 10^6 clients / 5 million sessions on PostgreSQL (seeding takes minutes).
bench-reports: install compilemessages
	$(BIN)/python bench/reports.py --clients 1000000

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --universal -o requirements.lock

clean:
	rm -rf $(VENV) var
