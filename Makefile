# Two commands do all set-up on a fresh machine with Python 3.10+:
#   make run   create .venv, install, build the graph from the bundled guide, serve it
#   make test  create .venv, install with test extras, run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  ?= .coopkg/store
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test build clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/coopkg build --store $(STORE)

run: build
	$(BIN)/coopkg serve --store $(STORE) --host $(HOST) --port $(PORT)

test: $(STAMP)
	scripts/ensure-chromium.sh
	scripts/ensure-virtuoso.sh
	VENV=$(VENV) scripts/ensure-oxigraph.sh
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .coopkg *.egg-info .pytest_cache
