# Two commands for a fresh machine with Python 3.11+:
#   make run   -- set up and run the main job on the embedded default village (Aalden)
#   make test  -- set up and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint setup clean app browser-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/wupmodel run

test: $(STAMP) browser-deps
	$(BIN)/ruff check wupmodel tests benchmarks scripts app.py serve.py app_pages
	$(BIN)/ruff format --check --quiet wupmodel tests benchmarks scripts app.py serve.py app_pages
	$(BIN)/python -m pytest

# the village app on the default village (Aalden), at http://localhost:8501
app: $(STAMP)
	$(BIN)/python serve.py

# the browser tests drive Debian's chromium (Playwright's own browser download is not used):
# installed here when missing and we are root (as in CI); otherwise we say what to install
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the browser tests (apt-get)"; \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "note: the browser tests need Debian's chromium (sudo apt-get install chromium); they are skipped without it (never in CI)"; \
	fi

bench: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
	$(BIN)/python -m pytest benchmarks -o python_files="bench_*.py" -s --benchmark-only --benchmark-columns=min,median,max --benchmark-group-by=func

lint: $(STAMP)
	$(BIN)/ruff check wupmodel tests benchmarks scripts app.py serve.py app_pages
	$(BIN)/ruff format --check wupmodel tests benchmarks scripts app.py serve.py app_pages

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .benchmarks
