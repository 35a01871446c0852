"""Tonlage engine: load a corpus of German news, find themes, score tone, track actors.

No Streamlit here: the engine runs from the app, the CLI (``python -m tonlage``), notebooks
and benchmarks alike.
"""

from pathlib import Path

__version__ = "0.3.0"  # 0.3: sentences gain voices; 0.2: articles gain title/author/genre sources, removed lines

# The bundled corpus, actor list and events live beside the package in the repository.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DEFAULT_CORPUS_DIR = DEFAULT_DATA_DIR / "corpus"
