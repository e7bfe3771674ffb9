# Two commands do everything on a fresh Debian machine (root, Python 3.11):
#   make run    set up (apt + .venv + pinned pip packages) and run the demo
#   make test   set up, then ruff, mypy and pytest
.PHONY: run test setup lint bench clean

VENV := .venv
PY := $(VENV)/bin/python

setup:
	@bash scripts/setup.sh

run: setup
	$(PY) main.py demo

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

bench: setup
	$(PY) bench/bench_store.py
	$(PY) bench/bench_print.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_display.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
