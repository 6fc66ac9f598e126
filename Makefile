# Two commands matter (see README):  `make run`  and  `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
# Pinned versions of every dependency (see the file's header).
CONSTRAINTS := scripts/constraints.txt

.PHONY: install run chat test lint services eval bench

# Serving needs only the runtime dependencies (bundled 4-bit model, no PyTorch);
# `make test` and EMBEDDER=sentence-transformers add PyTorch (CPU build) and the extras.
$(VENV)/.installed-run: pyproject.toml $(CONSTRAINTS)
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e . -c $(CONSTRAINTS)
	touch $@

# CPU build of torch lies on this machine's disk; a plain `torch` would pull CUDA.
$(VENV)/.installed: pyproject.toml $(CONSTRAINTS)
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]' -c $(CONSTRAINTS)
	touch $@ $(VENV)/.installed-run

$(VENV)/.installed-st: pyproject.toml $(CONSTRAINTS)
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[st]' -c $(CONSTRAINTS)
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed

# `make run` (default embedder) installs only what serving needs.
SERVE_INSTALL := $(if $(filter sentence-transformers,$(EMBEDDER)),$(VENV)/.installed-st,$(VENV)/.installed-run)
ifdef EMBEDDER
export JARJESTOBOTTI_EMBEDDER ?= $(EMBEDDER)
endif

## The main job on embedded defaults: bundled model, SQLite, sample knowledge.
run: $(SERVE_INSTALL)
	$(BIN)/jarjestobotti index build
	$(BIN)/jarjestobotti serve

chat: $(SERVE_INSTALL)
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
