# The two commands of the README: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
# System libraries WeasyPrint needs (Pango), fonts with Spanish accents, pdftotext for tests.
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra poppler-utils
# The browser tests drive Debian's Chromium (no browser download) and inject npm's axe-core.
TEST_APT_PACKAGES := chromium nodejs npm

.PHONY: setup system-deps test-deps apt-install run demo test lint bench aid-samples clean

setup: system-deps $(VENV)/.installed

system-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

test-deps: setup node_modules/.package-lock.json
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)"

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || $(MAKE) --no-print-directory apt-install PACKAGES="nodejs npm"
	npm ci --no-audit --no-fund --silent

# Installs the named Debian packages that are missing (as root), or says which to install.
apt-install:
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

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Open http://127.0.0.1:8000/ and sign in with the demo login above. Ctrl-C stops both processes."
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/honcho start -f Procfile

# pytest exits 5 when a selection collects no test; that is reported, not treated as a failure.
test: test-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests for this selection"; exit 0; fi; \
	exit $$status

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Three decision aids for review, as PDFs and page images (one PNG per page), in
# var/aid-samples/: a multiply relapsed B-ALL after a transplant, a T-ALL, and an
# isolated CNS relapse, in English and Spanish.
aid-samples: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py print_aid_samples --out var/aid-samples

bench: setup
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/aids.py

clean:
	rm -rf $(VENV) var node_modules
