# The README's commands: `make run`, `make test` and `make serve`; `make help` lists
# every target. Everything else is a step of theirs.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
# The web server's port: `make run PORT=8001` (also `make serve`).
PORT ?= 8000
PYTEST_ARGS ?=
# Runtime files (SQLite, media, the private Redis of `make run`, beat's schedule).
VAR_DIR := $(abspath $(or $(AYA_VAR_DIR),var))
export AYA_VAR_DIR := $(VAR_DIR)
# System packages: WeasyPrint's libraries (Pango), fonts with Spanish accents,
# pdftotext for tests, the Redis server that `make run` and `make test` start, and
# pg_dump/pg_restore for `make backup` and `make restore` on PostgreSQL.
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra poppler-utils redis-server postgresql-client
# The browser tests drive Debian's Chromium (no browser download) and inject npm's axe-core.
TEST_APT_PACKAGES := chromium nodejs npm
# The screenshots the README shows, made by the browser tests (`make screenshots`).
SCREENSHOT_NAMES := worklist case-detail aid-job
SCREENSHOT_TESTS := test_sign_in_find_a_case_and_read_its_recommendations or test_generate_a_decision_aid_wait_for_it_and_mark_it_given
# Set when an existing Redis is configured: `make run` then starts none of its own.
EXTERNAL_BROKER := $(strip $(CELERY_BROKER_URL)$(REDIS_URL))
RUN_PATH := PATH="$(abspath $(BIN)):$$PATH"

# Where `make backup` writes its archives.
BACKUP_DIR ?= $(VAR_DIR)/backups

.PHONY: help setup system-deps test-deps apt-install run demo serve test lint bench bench-scale aid-samples screenshots backup restore clean

help: ## list every target with what it does
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: system-deps $(VENV)/.installed ## create .venv with the locked Python packages and the system packages

system-deps: ## install the missing system packages with apt-get (WeasyPrint libraries, fonts, poppler, Redis)
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

test-deps: setup node_modules/.package-lock.json ## also install Chromium, Node.js and axe-core for the browser tests
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)"

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES="nodejs npm"
	npm ci --no-audit --no-fund --silent

apt-install: ## install PACKAGES="..." that are missing (as root), or say which to install
	@missing=""; for p in $(PACKAGES); do \
	  case $$p in nodejs|npm) command -v $$p >/dev/null 2>&1 && continue;; esac; \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Please install these system packages first:$$missing"; exit 1; \
	  fi; \
	fi

$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	touch $@

demo: setup ## migrate and load the demo program (30 fictional cases, demo login)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: demo ## development server, Celery worker and a private Redis on http://127.0.0.1:PORT/ (PORT=8000)
ifeq ($(EXTERNAL_BROKER),)
	@sock="$(VAR_DIR)/redis.sock"; if [ $${#sock} -gt 100 ]; then \
	  echo "The Redis socket path $$sock is too long for a unix socket; set AYA_VAR_DIR to a shorter folder." >&2; exit 2; fi
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with the demo login above. Ctrl-C stops the web server, the worker and Redis."
	$(RUN_PATH) $(BIN)/honcho start -f Procfile -p $(PORT)
else
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with the demo login above. Ctrl-C stops the web server and the worker (Redis: the one configured)."
	$(RUN_PATH) $(BIN)/honcho start -f Procfile -p $(PORT) web worker
endif

serve: setup ## production: gunicorn, Celery worker and beat on 127.0.0.1:PORT (docs/deploy.md)
	@missing=""; for v in DATABASE_URL REDIS_URL DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS; do \
	  [ -n "$$(printenv $$v)" ] || missing="$$missing $$v"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make serve: set$$missing first (docs/deploy.md, 'Environment variables')," >&2; \
	  echo "  e.g. DATABASE_URL=postgres://aya@127.0.0.1:5432/aya REDIS_URL=redis://127.0.0.1:6379/0" >&2; \
	  exit 2; fi
	mkdir -p "$(VAR_DIR)"
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py check --deploy
	DJANGO_SETTINGS_MODULE=config.settings.production $(RUN_PATH) $(BIN)/honcho start -f Procfile.serve -p $(PORT)

backup: setup ## the database and the media (PDFs) in one archive in BACKUP_DIR (docs/deploy.md)
	$(BIN)/python manage.py backup --out "$(BACKUP_DIR)"

restore: setup ## restore BACKUP=path into an empty database and media folder (FORCE=1 replaces)
	@[ -n "$(BACKUP)" ] || { echo "make restore: name the archive, e.g. make restore BACKUP=$(BACKUP_DIR)/aya-backup-….tar" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)" $(if $(FORCE),--force)

# pytest exits 5 when a selection collects no test; that is reported, not treated as a failure.
test: test-deps ## run the whole test suite (installs Chromium and Node.js first); PYTEST_ARGS="tests/api -x"
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests for this selection"; exit 0; fi; \
	exit $$status

lint: setup ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Three decision aids for review in var/aid-samples/: a multiply relapsed B-ALL after
# a transplant, a T-ALL, and an isolated CNS relapse, in English and Spanish.
aid-samples: setup ## three decision aids for review, as PDFs and page images (var/aid-samples/)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py print_aid_samples --out $(VAR_DIR)/aid-samples

bench: setup ## benchmarks (figures, not tests): engine cases/s, decision-aid renders
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/aids.py

# BENCH_SCALE_ARGS="--cases 2000" for a quick run; the database and Redis are
# BENCH_DATABASE_URL and BENCH_REDIS_URL (default: aya_scale and Redis db 7 on 127.0.0.1).
bench-scale: setup ## scale benchmark on PostgreSQL: 50,000 cases, gunicorn, report in bench/reports/scale.md
	$(BIN)/python bench/scale.py $(BENCH_SCALE_ARGS)

screenshots: test-deps ## refresh the README's screenshots in docs/screenshots/ from the browser tests
	$(BIN)/python -m pytest tests/browser -q -k "$(SCREENSHOT_TESTS)"
	mkdir -p docs/screenshots
	for name in $(SCREENSHOT_NAMES); do cp "screenshots/$$name-desktop.png" docs/screenshots/; done

clean: ## remove .venv, var/ (database, media, Redis files) and node_modules
	rm -rf $(VENV) var node_modules
