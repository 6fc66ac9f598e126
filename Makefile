# Two commands matter (see README):  `make run`  and  `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: install run chat test lint services eval bench

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# CPU build of torch lies on this machine's disk; a plain `torch` would pull CUDA.
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

## The main job on embedded defaults: bundled model, SQLite, sample knowledge.
run: install
	$(BIN)/jarjestobotti index build
	$(BIN)/jarjestobotti serve

chat: install
	$(BIN)/jarjestobotti index build
	$(BIN)/jarjestobotti chat

## The whole test suite, with the real servers it needs (PostgreSQL, Chromium).
test: install
	bash scripts/test-services.sh
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(PY) scripts/check_architecture.py
	$(BIN)/pytest

eval: install
	$(BIN)/jarjestobotti eval ../shared/eval/dev-questions.jsonl

bench: install
	$(PY) -m bench.bench_ask --questions ../shared/eval/dev-questions.jsonl --build
	$(PY) -m bench.bench_serve --questions ../shared/eval/dev-questions.jsonl
