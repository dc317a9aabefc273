# Two promises: `make serve` and `make test` work on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
# Material 9.7 prints a notice about MkDocs 2.0 on every run; this project pins MkDocs <2.
export NO_MKDOCS_2_WARNING = 1
# Run the core from this checkout even where .venv was installed from another one.
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build check test chromium schemas bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve -a $(HOST)

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

check: $(STAMP)
	$(PY) -m reviewkb check data

schemas: $(STAMP)
	$(PY) -m reviewkb schema schemas

# Browser tests need Debian's chromium; install it when missing and we are root.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); \
	else echo "请先安装 chromium：sudo apt-get install chromium" >&2; exit 1; fi

test: $(STAMP) chromium
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) tests/bench.py

clean:
	rm -rf site .pytest_cache
