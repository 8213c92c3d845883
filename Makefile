# The single entry point for routine work. `make run` and `make test` do all set-up themselves.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
KD := $(BIN)/kompetencedialog
VENDOR := src/kompetencedialog/core/static/vendor
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

# Debian packages the app needs (WeasyPrint's fonts and text shaping, gettext for translations),
# and those the tests need on top (Chromium for the browser tests, poppler for pdftotext).
RUN_DEBS := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 xmlsec1
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils

.PHONY: run test setup setup-test debs debs-test lint format messages makemessages migrate demo serve clean

run: setup
	$(KD) migrate --no-input
	$(KD) demo
	$(KD) collectstatic --no-input --verbosity 0
	@echo
	@echo "Kompetencedialog: http://127.0.0.1:8000/  (log in as leder@eksempel.test, password demo-kompetence;"
	@echo "see README.md for the other demo accounts)"
	@# The worker (queued e-mails and reminders) runs beside the server and stops with it.
	$(KD) worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  $(KD) serve --host 127.0.0.1 --port 8000

test: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(KD) makemigrations --check --dry-run
	$(BIN)/python scripts/check-translations
	$(BIN)/pytest --ds=tests.settings -m "not browser" -p no:playwright -n 2
	$(BIN)/pytest --ds=tests.settings -m browser

setup: debs $(VENV)/.run-installed $(VENDOR)/.built messages
setup-test: debs-test $(VENV)/.test-installed $(VENDOR)/.built messages

$(BIN)/python:
	python=$$(scripts/find-python) && "$$python" -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.8

$(VENV)/.run-installed: $(BIN)/python pyproject.toml uv.lock
	$(UV) sync --frozen --no-dev --inexact -p $(BIN)/python
	touch $@

$(VENV)/.test-installed: $(BIN)/python pyproject.toml uv.lock
	$(UV) sync --frozen -p $(BIN)/python
	touch $@ $(VENV)/.run-installed

$(VENDOR)/.built: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	rm -rf $(VENDOR)/dkfds && mkdir -p $(VENDOR)/dkfds
	cp -r node_modules/dkfds/dist/{css,js,fonts,img} $(VENDOR)/dkfds/
	touch $@

debs:
	@scripts/ensure-debs $(RUN_DEBS)
debs-test:
	@scripts/ensure-debs $(TEST_DEBS)

messages: $(BIN)/python
	cd src/kompetencedialog && ../../$(KD) compilemessages --verbosity 0

makemessages:
	for app in src/kompetencedialog/*/locale; do \
	  (cd $$app/.. && ../../../$(KD) makemessages -l da -l en --no-obsolete --add-location file); \
	done

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: setup
	$(KD) migrate --no-input
demo: migrate
	$(KD) demo
serve: setup
	$(KD) serve

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var/static
