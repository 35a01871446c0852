# The two set-up commands of the README (make run, make test). Both create .venv on first use
# and install the project (pip install -e .) with the versions CI tested (constraints.txt).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# make test runs the suite on this many processes (pytest-xdist); `make test WORKERS=0` runs it in one.
# One more than the cores: a browser test's worker mostly waits for its own Chromium and server
# processes, and with one worker per core the 2-core CI machine was a third idle. Measured on it
# (2026-12-03, same tree, one run after the other): 803 s with 2 workers, 716 s with 3.
# The suite is CPU-bound on 2 cores: on 2026-12-07 the machine was busy 1,877 CPU-s in a 952 s run
# (197 %), though `time` counted 1,377: it misses processes nobody waits for (by a serial run of six
# browser tests, Chromium's renderers). Dealing the long tests to every worker first made it slower
# (19:20 against 16:13): browser tests beside each other slow down. Sampled from /proc over a whole
# run (2026-12-07, 2,190 CPU-s): pytest, its workers and the commands they start 1,263, Chromium 656 (its
# renderers 413), app servers 195, Playwright's driver 48. A new page costs Chromium ~7 CPU-s (the
# app's scripts compiled again); one browser shared by a worker's tests would save ~2 a test (it
# compiles again for every address), Debian's chromium-headless-shell and V8 flags nothing.
WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
# PIP_FLAGS: more options for pip; CI passes --no-compile (see .ci/run).
PIP_FLAGS ?=
PIP    := $(PY) -m pip install --quiet -c constraints.txt $(PIP_FLAGS)

.PHONY: run test check lint types bench constraints catalogue clean

run: $(VENV)/.runtime-installed
	@# Analyse the bundled corpus once before the server starts (kept on disk by content), so the
	@# first page opens without waiting for the analysis.
	$(PY) -m tonlage analyse data/corpus --events data/events.csv --format csv > /dev/null
	@# Compiled once here: a server started with PYTHONDONTWRITEBYTECODE would compile ~60 modules
	@# on every start (~0.1 s before the first chart).
	$(PY) -m compileall -q app.py components app_pages tonlage
	@# `streamlit run app.py`, with the first page's modules loaded while the server waits for
	@# its first reader (components/server.py).
	TONLAGE_LOG_LEVEL=$${TONLAGE_LOG_LEVEL:-INFO} $(PY) -m components.server --server.port $(PORT)

test: lint
	@# Hypothesis keeps a small cache; keep it out of the working tree. worksteal hands a
	@# finished worker the tests still queued on another, so one long browser test at the end
	@# does not leave a core idle.
	@# The type check (one process, 36 CPU-s from a fresh clone) runs beside the suite instead
	@# of before it, where it left the second core idle; its report follows the suite's, and
	@# either failing fails the target. `make check` gives the quick answer alone.
	@types_out=$$(mktemp); $(PY) -m mypy > $$types_out 2>&1 & types=$$!; \
	HYPOTHESIS_STORAGE_DIRECTORY=$${TMPDIR:-/tmp}/tonlage-hypothesis $(PY) -m pytest -n $(WORKERS) --dist worksteal; \
	tests=$$?; wait $$types; typed=$$?; echo "mypy:"; cat $$types_out; rm -f $$types_out; \
	test $$tests -eq 0 -a $$typed -eq 0

check: lint types

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

types: $(VENV)/.dev-installed
	$(PY) -m mypy

bench: $(VENV)/.dev-installed
	$(PY) -m bench.tone_quality
	$(PY) -m bench.quotes_quality
	$(PY) -m bench.real_pages
	$(PY) -m bench.themes_quality
	$(PY) -m bench.engine_throughput
	$(PY) -m bench.app_latency
	$(PY) -m bench.ingest
	$(PY) -m bench.pack
	$(PY) -m bench.upload_memory

# After changing requirements*.txt: install, test, then pin what was tested.
constraints: $(VENV)/.dev-installed
	{ sed -n '1,2p' constraints.txt; $(PY) -m pip freeze --exclude-editable | grep -v '^tonlage'; } > constraints.new
	mv constraints.new constraints.txt

# The translation catalogues after strings changed in the code (then translate the new German).
# Only the shipped code is extracted (not tests/), as tests/engine/test_catalogue.py does; the
# catalogues are wrapped at 100 columns, as they are kept.
catalogue: $(VENV)/.dev-installed
	$(PY) -m babel.messages.frontend extract -F babel.cfg -o tonlage/locale/tonlage.pot --no-location --sort-output \
		components app_pages app.py tonlage
	$(PY) -m babel.messages.frontend update -i tonlage/locale/tonlage.pot -d tonlage/locale -D tonlage --no-fuzzy-matching \
		-w 100

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt constraints.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) -r requirements.txt -e .
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt constraints.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) -r requirements-dev.txt -e .
	touch $(VENV)/.runtime-installed $@

clean:
	rm -rf $(VENV) .pytest_cache *.egg-info
