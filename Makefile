# The two set-up commands of the README. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test bench clean

run: $(VENV)/.runtime-installed
	@# Analyse the bundled corpus once before the server starts (kept on disk by content), so the
	@# first page opens without waiting for the analysis.
	$(PY) -m tonlage analyse data/corpus --events data/events.csv --format csv > /dev/null
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev-installed
	@# Hypothesis keeps a small cache; keep it out of the working tree.
	HYPOTHESIS_STORAGE_DIRECTORY=$${TMPDIR:-/tmp}/tonlage-hypothesis $(PY) -m pytest

bench: $(VENV)/.dev-installed
	$(PY) bench/tone_quality.py
	$(PY) bench/themes_quality.py
	$(PY) bench/engine_throughput.py
	$(PY) bench/app_latency.py
	$(PY) bench/ingest.py
	$(PY) bench/pack.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

clean:
	rm -rf $(VENV) .pytest_cache
