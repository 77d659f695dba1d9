# samvydat — everything a developer or operator runs. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
export DJANGO_SETTINGS_MODULE ?= samvydat.settings.dev

.PHONY: run test test-sqlite test-postgres lint format check messages translations setup db demo admin bench serve lock clean

## run: set up (venv, locked dependencies, translations, database with the demo content) and serve on 127.0.0.1:$(PORT)
run: setup db
	@echo "Serving on http://127.0.0.1:$(PORT)/ — create an editor account with 'make admin'."
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## serve: the production server — granian (deploy/serve) with production settings (SECRET_KEY etc. from the
## environment; docs/deployment.md). Collects the static files (hashed, compressed) first; run `manage.py migrate` yourself.
serve: setup
	DJANGO_SETTINGS_MODULE=samvydat.settings.production $(MANAGE) collectstatic --noinput --verbosity 0
	deploy/serve

## test: set up the same way and run the whole suite (SQLite; PostgreSQL and browser tests where available)
test: test-sqlite test-postgres

test-sqlite: setup
	@echo "== Test suite on SQLite =="
	DJANGO_SETTINGS_MODULE=samvydat.settings.test $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup
	scripts/test-postgres $(PYTEST_ARGS)

setup: $(VENV)/.installed translations

$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

## translations: compile the interface translations (.po → .mo)
translations: $(VENV)/.installed
	@if command -v msgfmt >/dev/null 2>&1; then \
		cd samvydat && ../$(BIN)/python ../manage.py compilemessages --verbosity 0; \
	else \
		$(BIN)/python -c "import pathlib, polib; [polib.pofile(str(p)).save_as_mofile(str(p.with_suffix('.mo'))) for p in pathlib.Path('samvydat/locale').rglob('*.po')]"; \
	fi

## db: migrate the SQLite database and load the demo content if it is empty
db: setup
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) load_demo

## admin: create an editor account (asks for a username, first and last name, e-mail and password; the first sign-in sets up two-factor authentication)
admin: setup
	$(MANAGE) create_editor

## messages: extract interface strings into the .po files
messages: setup
	cd samvydat && ../$(BIN)/python ../manage.py makemessages -l be -l ru --no-obsolete --ignore "*/migrations/*"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## check: Django's system checks and the missing-migration check
check: setup
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run --noinput

## bench: the benchmarks in bench/ (prints tables; see docs/benchmarks.md)
bench: setup
	$(BIN)/python bench/render.py
	$(BIN)/python bench/load_corpus.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/dashboard.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/newsletter.py
	$(BIN)/python bench/submissions.py
	$(BIN)/python bench/passwords.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/flood.py
	$(BIN)/python bench/mirror.py

## lock: re-resolve requirements.in into requirements.lock
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) var db.sqlite3*
