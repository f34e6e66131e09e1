# Two commands for a fresh machine with Python 3.11+:
#   make run   -- set up and run the main job on the embedded default village (Aalden)
#   make test  -- set up and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint setup clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/wupmodel run

test: $(STAMP)
	$(BIN)/ruff check wupmodel tests benchmarks scripts app.py
	$(BIN)/python -m pytest

bench: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
	$(BIN)/python -m pytest benchmarks -o python_files="bench_*.py" -s --benchmark-only --benchmark-columns=min,median,max --benchmark-group-by=func

lint: $(STAMP)
	$(BIN)/ruff check wupmodel tests benchmarks scripts app.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .benchmarks
