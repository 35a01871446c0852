"""Every environment variable Tonlage reads, with its default and what it does: the one place.

Code asks this module (``settings.data_dir()``, ``settings.value(settings.CORPUS_DIR)``) and
never ``os.environ`` itself. The table in the README is :func:`markdown_table`; a test keeps
the two the same. Values are read when asked, so a test (or a server started by one) can set
them at any time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Setting",
    "SETTINGS",
    "value",
    "export",
    "data_dir",
    "cache_dir",
    "log_level",
    "markdown_table",
    "DATA_DIR",
    "CACHE_DIR",
    "CORPUS_DIR",
    "EVENTS_FILE",
    "ACTORS_FILE",
    "LOG_LEVEL",
    "BROWSER_PATH",
    "HEAVY_JOBS",
    "heavy_jobs",
    "DASK_SCHEDULER",
    "THEME_MATRIX_MB",
    "theme_matrix_budget",
    "LIMIT_PREFIX",
]


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, its default as a reader would say it, what it does."""

    name: str
    default: str
    doc: str
    group: str = "app"


def value(setting: Setting) -> str | None:
    """The variable's value, or None when it is unset or empty."""
    raw = os.environ.get(setting.name)
    return raw if raw not in (None, "") else None


DATA_DIR = Setting(
    "TONLAGE_DATA_DIR",
    "the per-user data folder (`~/.local/share/tonlage` on Linux)",
    "Where workspaces, uploads waiting to be added and the event edits of folder corpora are kept. "
    "Never inside the repository.",
)
CACHE_DIR = Setting(
    "TONLAGE_CACHE_DIR",
    "`$TONLAGE_DATA_DIR/cache` if that is set, else `~/.cache/tonlage`",
    "Where finished analyses are kept, so a restarted server opens a corpus it has seen at once; "
    "also the German lemma dictionary, decoded once (27 MB in `lexicons/`) so that analyses start "
    "faster. Safe to delete.",
)
XDG_CACHE_HOME = Setting(
    "XDG_CACHE_HOME", "`~/.cache`", "The usual base of per-user caches (used when no Tonlage folder is set)."
)
CORPUS_DIR = Setting(
    "TONLAGE_CORPUS_DIR",
    "the bundled example, `data/corpus`",
    "The folder of articles the app opens when no workspace is chosen.",
)
EVENTS_FILE = Setting(
    "TONLAGE_EVENTS_FILE",
    "`data/events.csv` for the bundled corpus, the folder's own `events.csv` for another",
    "Event markers (date, label, description) for that folder.",
)
ACTORS_FILE = Setting(
    "TONLAGE_ACTORS_FILE", "`data/actors.csv`", "The people, institutions and countries to track, with their aliases."
)
LOG_LEVEL = Setting(
    "TONLAGE_LOG_LEVEL",
    "`WARNING` (`make run`: `INFO`)",
    "How much the app and the command line log to the console (DEBUG, INFO, WARNING, ERROR).",
)
BROWSER_PATH = Setting(
    "BROWSER_PATH",
    "`/usr/bin/chromium` or the first Chromium on the `PATH`",
    "The Chromium that draws chart images for downloads and the meeting pack (nothing is downloaded).",
)
HEAVY_JOBS = Setting(
    "TONLAGE_HEAVY_JOBS",
    "2",
    "How many heavy steps (analyses, imports, meeting packs, chart images) the app runs at once; "
    "the others wait their turn and say so.",
)
DASK_SCHEDULER = Setting(
    "TONLAGE_DASK_SCHEDULER",
    "unset",
    "Command line only: the address of a Dask scheduler (`tcp://HOST:PORT`) on whose workers "
    "`analyse` reads and analyses the articles, as `--scheduler` does (see 'Analysing on a Dask cluster').",
)
THEME_MATRIX_MB = Setting(
    "TONLAGE_THEME_MATRIX_MB",
    "1024",
    "Megabytes the themes' TF-IDF matrix may take (its values and column indices). A larger corpus "
    "has its themes fitted in parts (MiniBatchNMF over partitions of articles) and the Themes page says so; "
    "the default keeps about a million average articles on the exact fit.",
)

# The safety limits of tonlage.ingest.Limits: TONLAGE_ + the field name in capitals.
LIMIT_PREFIX = "TONLAGE_"
_LIMITS = (
    ("max_upload_bytes", "200 MB", "Largest .zip archive (as uploaded or found in a folder)."),
    ("max_file_bytes", "50 MB", "Largest single file, or archive member after unpacking."),
    ("max_archive_members", "20,000", "Most files read from one archive, nested ones included."),
    ("max_total_bytes", "1 GB", "Most bytes unpacked from one archive in all."),
    ("max_ratio", "200", "Largest unpacked/packed ratio of an archive member (zip bombs are refused)."),
    ("max_depth", "3", "How deep archives may nest."),
    ("max_records_per_file", "200,000", "Most articles read from one table or JSON file."),
    (
        "max_batch_bytes",
        "400 MB",
        "Most bytes in one batch of uploads; a larger batch is refused before anything is read.",
    ),
)
LIMITS = tuple(Setting(LIMIT_PREFIX + name.upper(), default, doc, "limits") for name, default, doc in _LIMITS)

REQUIRE_BROWSER = Setting(
    "TONLAGE_REQUIRE_BROWSER",
    "unset",
    "Tests only: a missing Chromium fails the browser tests instead of skipping them (CI sets it).",
    "tests",
)
SCREENSHOT_DIR = Setting(
    "TONLAGE_SCREENSHOT_DIR", "unset", "Tests only: also copy the browser tests' screenshots here.", "tests"
)
CHART_ERRORS = Setting(
    "TONLAGE_CHART_ERRORS",
    "unset",
    "Tests only: a chart that cannot be drawn stops its page with the error, instead of a note in "
    "its place, and Plotly checks every part of every chart as it is made, which the app skips "
    "(the tests set it, so no broken chart passes unseen).",
    "tests",
)

SETTINGS: tuple[Setting, ...] = (
    DATA_DIR,
    CACHE_DIR,
    XDG_CACHE_HOME,
    CORPUS_DIR,
    EVENTS_FILE,
    ACTORS_FILE,
    LOG_LEVEL,
    BROWSER_PATH,
    HEAVY_JOBS,
    DASK_SCHEDULER,
    THEME_MATRIX_MB,
    *LIMITS,
    REQUIRE_BROWSER,
    SCREENSHOT_DIR,
    CHART_ERRORS,
)


def export(setting: Setting, chosen: str) -> None:
    """Set a variable for libraries that read it themselves (kaleido reads ``BROWSER_PATH``)."""
    os.environ[setting.name] = chosen


def data_dir() -> Path:
    """Where workspaces live: ``TONLAGE_DATA_DIR``, else the per-user data folder
    (``~/.local/share/tonlage`` on Linux). Never inside the repository."""
    chosen = value(DATA_DIR)
    if chosen:
        return Path(chosen)
    from platformdirs import user_data_dir

    return Path(user_data_dir("tonlage", appauthor=False))


def cache_dir() -> Path:
    """Where analyses are kept: ``TONLAGE_CACHE_DIR``, else ``$TONLAGE_DATA_DIR/cache``, else
    ``~/.cache/tonlage`` (``$XDG_CACHE_HOME`` honoured)."""
    chosen = value(CACHE_DIR)
    if chosen:
        return Path(chosen)
    data = value(DATA_DIR)
    if data:
        return Path(data) / "cache"
    return Path(value(XDG_CACHE_HOME) or Path.home() / ".cache") / "tonlage"


def log_level(default: str = "WARNING") -> str:
    """The console log level (an unknown name gives ``default``)."""
    level = (value(LOG_LEVEL) or default).upper()
    return level if level in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL") else default


def heavy_jobs(default: int = 2) -> int:
    """Slots of the queue for heavy work (see :mod:`tonlage.analysis.jobs`); at least 1."""
    raw = (value(HEAVY_JOBS) or "").strip()
    return max(1, int(raw)) if raw.isdigit() else default


def theme_matrix_budget() -> int:
    """Bytes the themes' TF-IDF matrix may take before they are fitted in partitions
    (``TONLAGE_THEME_MATRIX_MB``; the default and where it comes from:
    :data:`tonlage.thresholds.THEME_MATRIX_MB`). A value that is not a whole number of
    megabytes gives the default."""
    from .thresholds import THEME_MATRIX_MB as default

    raw = (value(THEME_MATRIX_MB) or "").strip()
    return (int(raw) if raw.isdigit() else default) * 1024 * 1024


def limit_values(environ=None) -> dict[str, int]:
    """The safety limits set in the environment, by field name (positive whole numbers only)."""
    environ = os.environ if environ is None else environ
    out = {}
    for s in LIMITS:
        raw = environ.get(s.name)
        if raw and raw.strip().isdigit() and int(raw) > 0:
            out[s.name.removeprefix(LIMIT_PREFIX).lower()] = int(raw)
    return out


def markdown_table() -> str:
    """The README's table of every variable (kept the same by a test)."""
    rows = ["| variable | default | what it does |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {s.default} | {s.doc} |" for s in SETTINGS]
    return "\n".join(rows)
