# Two promises: `make serve` and `make test` work on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
# npm ci writes this file; it is newer than package-lock.json once the libraries are installed.
NODE_STAMP := node_modules/.package-lock.json
HOST ?= 127.0.0.1:8000
# Material 9.7 prints a notice about MkDocs 2.0 on every run; this project pins MkDocs <2.
export NO_MKDOCS_2_WARNING = 1
# Run the core from this checkout even where .venv was installed from another one.
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build offline check test test-js debs chromium schemas bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $(STAMP)

# Front-end libraries (package.json / package-lock.json) are copied into the site by the build.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null); \
	else echo "需要 Node.js 和 npm（18 以上）：sudo apt-get install nodejs npm" >&2; exit 1; fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

serve: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/mkdocs serve -a $(HOST)

build: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/mkdocs build --strict

# The offline copy (file://, no server): built with the site, copied to dist/ under its Chinese name.
offline: build
	mkdir -p dist
	cp site/downloads/offline.zip "dist/对照检查材料写作指南-离线版-$$(date +%Y%m%d).zip"
	@ls -l dist/*.zip

check: $(STAMP)
	$(PY) -m reviewkb check data

schemas: $(STAMP)
	$(PY) -m reviewkb schema schemas

# Debian packages the tests need: chromium and firefox-esr (browser tests; Firefox opens the offline
# copy), LibreOffice Writer, CJK fonts and poppler (rendering the .docx templates to PDF and reading it
# back). Installed when missing and we are root, with one apt-get update.
DEBS := chromium firefox-esr libreoffice-writer-nogui fonts-noto-cjk poppler-utils
debs:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ "$$missing" = " chromium" ] && [ -x /usr/bin/chromium ]; then missing=""; fi; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  echo "安装测试所需的 Debian 软件包：$$missing"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null); \
	else echo "测试需要以下 Debian 软件包，请先安装：sudo apt-get install$$missing" >&2; exit 1; fi

chromium: debs

test-js: $(NODE_STAMP)
	node --test tests/js/

test: $(STAMP) $(NODE_STAMP) debs test-js
	$(PY) -m pytest

bench: $(STAMP) $(NODE_STAMP) chromium
	$(PIP) install --quiet -e '.[test,bench]'
	@status=0; $(PY) tests/bench.py || status=$$?; \
	$(VENV)/bin/mkdocs build --strict --quiet && node tests/bench_selfcheck.mjs --site site || status=1; \
	exit $$status

clean:
	rm -rf site dist .pytest_cache
