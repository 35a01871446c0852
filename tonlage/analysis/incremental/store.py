"""The workspace's tables of kept results (see :mod:`tonlage.analysis.incremental`): their schema,
how a result is packed into a row, and the one way rows are written (a write that fails costs
speed next time, never the analysis). Also the reader's requests to fit the themes again, and
the engine's key that every kept result is made under."""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from pathlib import Path

from ... import __version__
from ...storage.workspace import WorkspaceError

log = logging.getLogger(__name__)

# Created on the first analysis that stores anything (opening a workspace only reads).
KEPT_SCHEMA = (
    # key: the text as analysed and the engine; raw: the text as stored (before recurring lines
    # were taken out), to tell early how many articles need analysing; actors: the
    # actor_change.list_signature of the list it was made with (see KeptResults.follow_actors).
    # Apart from the results, so that carrying them over to another list rewrites small rows
    # only (with the results, 100,000 rows took 29 s).
    "CREATE TABLE IF NOT EXISTS kept_results (key TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS kept_result_lists (key TEXT PRIMARY KEY, actors TEXT NOT NULL, raw TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS kept_result_raws ON kept_result_lists(raw)",
    # scope: the number-of-themes setting and seed; data: the fitted model and what it was fitted on
    "CREATE TABLE IF NOT EXISTS theme_fits (scope TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS theme_rows (scope TEXT NOT NULL, article_id TEXT NOT NULL, key TEXT NOT NULL, "
    "shares BLOB NOT NULL, PRIMARY KEY (scope, article_id))",
    # the shares the kept fit (fit: its token, see KeptThemes._load_fit) gave an article it was not
    # fitted on (ThemeModel.transform of its text as key), so that the next add does not place it again
    "CREATE TABLE IF NOT EXISTS theme_placed (scope TEXT NOT NULL, article_id TEXT NOT NULL, key TEXT NOT NULL, "
    "fit TEXT NOT NULL, shares BLOB NOT NULL, PRIMARY KEY (scope, article_id))",
    # a batch of articles as the per-article stage left it: members (JSON: [article id, key] in
    # order), its sentences' Parquet part, and its tables (tonlage.analysis.tables.KeptBatch)
    "CREATE TABLE IF NOT EXISTS kept_batch_rows (id INTEGER PRIMARY KEY, members TEXT NOT NULL, part BLOB NOT NULL, "
    "data BLOB NOT NULL)",
    # a kept batch's part's digest (tonlage.storage.sentence_store.part_digest) and size, so that the
    # analysis cache need not hash it again at every add (148 MB at 100,000 articles)
    # and the actor list it was made with (as kept_result_lists)
    "CREATE TABLE IF NOT EXISTS kept_batch_parts (id INTEGER PRIMARY KEY, digest TEXT NOT NULL, size INTEGER NOT NULL, "
    "actors TEXT NOT NULL)",
    # what a stored text gives the recurring lines (tonlage.reading.furniture.recurring_lines_of): its
    # story's copy key, then its short lines, one a line (a line's key is its case-folded form)
    "CREATE TABLE IF NOT EXISTS recurring (raw TEXT PRIMARY KEY, data TEXT NOT NULL)",
    # the duplicate search's sketch of a text (tonlage.duplicates.Sketch) for a seed
    "CREATE TABLE IF NOT EXISTS sketches (key TEXT NOT NULL, seed INTEGER NOT NULL, digest BLOB NOT NULL, "
    "sig BLOB, PRIMARY KEY (key, seed))",
    # the duplicate search's index for a seed (tonlage.duplicates.DuplicateIndex.stored): part 0
    # each text key's distinct text, the digests, the near pairs; parts 1, 2 ... the band keys. It
    # carries its own format version. A workspace kept before it gets one from its next analysis's
    # full search.
    "CREATE TABLE IF NOT EXISTS duplicate_index (seed INTEGER NOT NULL, part INTEGER NOT NULL, "
    "data BLOB NOT NULL, PRIMARY KEY (seed, part))",
)
_REFIT_KEY = "theme_refit_requests"
# The actor list the kept results follow (JSON: its signature and alias owners), and the one a
# scope's kept theme fit was made with (its signature): see KeptResults.follow_actors.
ACTORS_KEY = "kept_actors"
FIT_ACTORS_KEY = "kept_fit_actors|"
# Tables of the kept results before they followed the actor list (keyed by it whole): dropped.
_LEGACY_TABLES = ("parsed", "batches", "batch_parts")
# Marks the kept theme row of an article whose theme terms an actor-list change may have changed:
# placed again in the kept themes, but not new text (see KeptResults.themes).
RELISTED = "relisted:"
# The kept batches made with one actor list: (id, members).
BATCHES_OF_LIST = "SELECT b.id, b.members FROM kept_batch_rows b JOIN kept_batch_parts p ON p.id = b.id WHERE p.actors=? ORDER BY b.id"


def pack(obj) -> bytes:
    """A kept result as stored: pickled, LZ4-compressed (pyarrow's codec), after 8 bytes giving
    its pickled size. zlib at level 1 took 0.35 ms an article, a sixth of the first analysis's
    own work in the main process at 10,000 articles; LZ4 is 16 times faster, 25 % larger."""
    import pyarrow as pa

    raw = pickle.dumps(obj, protocol=5)
    return len(raw).to_bytes(8, "little") + pa.compress(raw, codec="lz4", asbytes=True)


def unpack(data: bytes):
    import pyarrow as pa

    size = int.from_bytes(data[:8], "little")
    return pickle.loads(pa.decompress(memoryview(data)[8:], decompressed_size=size, codec="lz4", asbytes=True))


def has_table(con, name: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def has_tables(con) -> bool:
    return has_table(con, "kept_result_lists")


def batch_members(data: str) -> list[tuple[str, str]]:
    """A kept batch's articles: (article id, key) in order."""
    return [(aid, key) for aid, key in json.loads(data)]


def _ensure(con) -> None:
    if has_table(con, "parsed"):  # kept by a version whose keys named the actor list: never read again
        for name in _LEGACY_TABLES:
            con.execute(f"DROP TABLE IF EXISTS {name}")
    for sql in KEPT_SCHEMA:
        con.execute(sql)


def refit_requests(ws) -> int:
    """How many times the reader asked for the themes to be fitted again."""
    rows = ws._query("SELECT value FROM meta WHERE key=?", (_REFIT_KEY,))
    return int(rows[0][0]) if rows else 0


def request_refit(ws) -> None:
    """Ask for the themes to be fitted again on the next analysis (raises the workspace's
    revision, so the analysis is not taken from the cache)."""
    with ws.transaction() as con:
        con.execute("INSERT OR IGNORE INTO meta VALUES (?, '0')", (_REFIT_KEY,))
        con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key=?", (_REFIT_KEY,))


def engine_key(analysis_format: int = 0) -> str:
    """What besides the text and the actor list decides an article's results: the engine
    (version and :data:`tonlage.storage.store.ANALYSIS_FORMAT`, passed in) and the theme
    stopwords. (The actor list is followed apart: :meth:`KeptResults.follow_actors`.)"""
    from ...themes.terms import THEME_STOPWORDS_FILE

    h = hashlib.blake2b(f"{__version__}|{analysis_format}|".encode(), digest_size=16)
    # The reader may edit the theme stopwords: they decide each article's theme terms.
    if Path(THEME_STOPWORDS_FILE).is_file():
        h.update(Path(THEME_STOPWORDS_FILE).read_bytes())
    return h.hexdigest()


def write_kept(ws, write) -> None:
    """``write(con)`` in a transaction; a write that fails (a read-only or full disk) costs speed
    next time, never this analysis."""
    try:
        with ws.transaction(bump=False) as con:
            _ensure(con)
            write(con)
    except WorkspaceError:
        log.warning("workspace %s: analysis results could not be kept", ws.path, exc_info=True)
