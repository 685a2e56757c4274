# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint install worker messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	DEFDAYS_MODE=development $(BIN)/defdays migrate --verbosity 0
	DEFDAYS_MODE=development $(BIN)/defdays demo
	@echo "Serving on http://$(HOST):$(PORT)/ with a task worker (Ctrl-C stops both)."
	DEFDAYS_MODE=development $(BIN)/defdays worker & trap 'kill $$!' EXIT INT TERM; \
	  DEFDAYS_MODE=development $(BIN)/defdays runserver --noreload $(HOST):$(PORT)

test: install
	scripts/test-all

lint: install
	scripts/lint

worker: install
	DEFDAYS_MODE=development $(BIN)/defdays worker

messages: install
	cd src/defdays && ../../$(BIN)/defdays makemessages -l sv --no-obsolete && ../../$(BIN)/defdays compilemessages -l sv

clean:
	rm -rf $(VENV) var
