# Two commands for a fresh Debian 12 machine (as root): `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
DANVAN := $(VENV)/bin/danvan
export DANVAN_VAR_DIR ?= $(CURDIR)/var

.PHONY: demo test deps lint serve lock bench clean

demo: deps
	@mkdir -p var
	$(DANVAN) migrate --noinput
	$(DANVAN) load-demo
	$(DANVAN) runserver 127.0.0.1:8000

test: deps
	scripts/install-system-deps.sh test
	scripts/test.sh

deps: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements/base.txt requirements/dev.txt pyproject.toml
	scripts/install-system-deps.sh base
	test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements/base.txt -r requirements/dev.txt
	$(VENV)/bin/pip install -q --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

lint: deps
	scripts/test.sh lint

serve: deps
	$(DANVAN) runserver 127.0.0.1:8000

# Re-pin the dependencies after editing requirements/*.in.
lock:
	$(VENV)/bin/pip install -q pip-tools
	cd requirements && ../$(VENV)/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links base.in -o base.txt
	cd requirements && ../$(VENV)/bin/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links dev.in -o dev.txt

bench: deps
	benchmarks/run.sh

clean:
	rm -rf $(VENV) node_modules var
