# Two commands do the whole set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
DOVECOT ?= /usr/sbin/dovecot

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install install-test lint format worker chromium dovecot axe messages clean bench bench-peer bench-markdown

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Development server with the demo data and a task worker beside it.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo
	@echo "Demo logins (password: demo): root (root), staff and staff2 (staff), client and client2 (clients)"
	@echo "Open http://127.0.0.1:$(PORT)/"
	@echo
	@trap 'kill 0' INT TERM EXIT; \
	DEBUG=1 EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend $(BIN)/python manage.py db_worker & \
	DEBUG=1 $(BIN)/python manage.py helpdesk_maintenance --every 60 >/dev/null & \
	DEBUG=1 EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

worker: install
	$(BIN)/python manage.py db_worker

# The whole suite; with DATABASE_URL=postgres://... it runs on PostgreSQL. pytest spreads
# it over one worker a core (pytest-xdist, -n auto in pyproject.toml).
test: install-test chromium dovecot axe
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	env -u DATABASE_URL DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# Browser tests drive the system Chromium (Debian's package); never a downloaded browser.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium"; exit 1; \
	  fi; \
	fi

# The mail tests start their own Dovecot (IMAP, POP3) on loopback ports with a throwaway
# configuration; the package's own service is never started (and stopped if it was).
dovecot:
	@if [ ! -x "$(DOVECOT)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
	      apt-get install -y -qq dovecot-imapd dovecot-pop3d >/dev/null; \
	    if [ -f /run/dovecot/master.pid ]; then doveadm stop 2>/dev/null || true; fi; \
	  else \
	    echo "Mail tests need Dovecot at $(DOVECOT): sudo apt-get install dovecot-imapd dovecot-pop3d"; exit 1; \
	  fi; \
	fi
# axe-core (the accessibility checker the browser tests inject), pinned by package-lock.json.
AXE := node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else \
	    echo "Browser tests need npm for axe-core: sudo apt-get install npm"; exit 1; \
	  fi; }
	npm ci --no-audit --no-fund --silent
	touch $@

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmark on PostgreSQL at TICKETS tickets, then django-helpdesk beside us at PEER_TICKETS,
# measured interleaved (bench/peer/; see docs/performance.md).
TICKETS ?= 10000
PEER_TICKETS ?= 100000
bench: install
	bench/run.sh $(TICKETS)
	bench/run.sh $(PEER_TICKETS) peer

bench-peer: install
	bench/run.sh $(PEER_TICKETS) peer

# Pathological Markdown at the message size limit, one time per input (docs/performance.md).
bench-markdown: install
	$(BIN)/python -m bench.markdown_corpus --markdown

messages: install
	cd $(CURDIR) && DEBUG=1 $(BIN)/python manage.py makemessages -l es --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) staticfiles *.egg-info node_modules
