# `make run` and `make test` work on a fresh machine with Python 3.11+; each sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(BIN)/docgen serve

test: $(STAMP)
	scripts/install-system-deps.sh
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/calc.py

clean:
	rm -rf $(VENV) var
