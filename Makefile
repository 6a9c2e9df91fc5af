# Kilde: `make run` analyses the demo corpus and serves the dashboard; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
DB     ?= kilde.duckdb
PORT   ?= 8000

.PHONY: all setup browser run test bench model lint clean

all: test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/kilde ingest kilde/data/demo --db $(DB)
	$(VENV)/bin/kilde serve --db $(DB) --host 127.0.0.1 --port $(PORT)

# Debian's Chromium for the end-to-end dashboard tests (they skip with a reason without it);
# apt waits for another apt (two checkouts tested at once) instead of failing on its lock.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed and no root/apt: browser tests will skip"; fi; }

test: setup browser
	$(PY) -m pytest -q

bench: setup
	$(PY) -m kilde.bench

model: setup
	$(PY) scripts/train_model.py

clean:
	rm -rf $(VENV) build $(DB) .pytest_cache
