"""A workspace analysed in increments: what each article gave is kept in the workspace, and so is
the fitted theme model, so adding, editing or removing articles re-analyses only those articles.

- **Per-article results** (sentences, tone, actors, voices, language, theme terms: what
  :func:`tonlage.analysis.per_article.parse` learns from one text) are stored in the workspace file under a
  key of the article's text as analysed (after recurring lines are taken out) and the engine
  (version, analysis format, theme stopwords). An article whose text is unchanged is not analysed
  again; a new or changed text is. Keys no article uses any more are dropped, so a removed
  article leaves nothing behind.
- **The actor list**: every kept row names the list it was made with. When the reader changes
  the list, only the articles that may name an alias that was added, removed or given to
  another actor are analysed again (:meth:`KeptResults.follow_actors`,
  :mod:`tonlage.analysis.actor_change`); the others' rows are carried over to the new list,
  and a kept batch that holds an article analysed again gets that article's rows patched in.
- **Batches**: what the per-article stage made of each batch of articles (the sentences'
  Parquet part, per-article tone, mentions, actor rows, what the themes read) is kept too. A
  batch whose articles are all still there, unchanged and in the same order, is taken whole,
  so an add reads back none of the articles before it (at 100,000 articles, reading each
  article's results back and writing their sentences again took 34 s of a 69 s add).
- **Duplicates**: each text's sketch (:data:`tonlage.duplicates.Sketch`) is kept, and the
  search's :class:`~tonlage.duplicates.DuplicateIndex` (band keys and near pairs), so an add
  normalises, sketches and bands only new texts and verifies them against the kept signatures
  of their candidates only. The other corpus-wide steps (recurring lines, tables) run over the
  whole corpus every time.
- **Themes** are kept: the model fitted last (vocabulary, IDF, NMF themes, labels) and each
  fitted article's shares. A new or changed article gets its shares from the kept themes
  (:meth:`tonlage.themes.model.ThemeModel.transform`), kept too until the themes are fitted again,
  so a later add does not place it again; the labels stay. The themes are fitted again
  when the reader asks (:func:`request_refit`) or when the new text since the last fit reaches
  :data:`tonlage.thresholds.THEME_REFIT_SHARE` of the corpus's words. A fit is exactly the fit
  of a from-scratch analysis, and the same sequence of changes always gives the same result.

What the reader is told goes into ``params["theme_fit"]`` (see :func:`theme_fit_note`).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import pickle
import sys
import zlib
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .. import __version__
from ..storage.workspace import WorkspaceError
from ..thresholds import THEME_REFIT_SHARE

__all__ = ["analyse_workspace", "request_refit", "theme_fit_note", "KeptResults"]

if TYPE_CHECKING:
    from ..corpus import RawArticle

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
    # the shares the kept fit (fit: its token, see KeptResults._load_fit) gave an article it was not
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
_ACTORS_KEY = "kept_actors"
_FIT_ACTORS_KEY = "kept_fit_actors|"
# Tables of the kept results before they followed the actor list (keyed by it whole): dropped.
_LEGACY_TABLES = ("parsed", "batches", "batch_parts")
# Marks the kept theme row of an article whose theme terms an actor-list change may have changed:
# placed again in the kept themes, but not new text (see KeptResults.themes).
_RELISTED = "relisted:"
# The kept batches made with one actor list: (id, members).
_BATCHES_OF_LIST = "SELECT b.id, b.members FROM kept_batch_rows b JOIN kept_batch_parts p ON p.id = b.id WHERE p.actors=? ORDER BY b.id"
# Article ids asked for in one query (SQLite builds before 3.32 take at most 999 parameters).
IDS_PER_QUERY = 500
_COPY_KEY_CHARS = 40  # a story's copy key (tonlage.reading.furniture.recurring_lines_of): a SHA-1 in hex


def _pack(obj) -> bytes:
    """A kept result as stored: pickled, LZ4-compressed (pyarrow's codec), after 8 bytes giving
    its pickled size. zlib at level 1 took 0.35 ms an article, a sixth of the first analysis's
    own work in the main process at 10,000 articles; LZ4 is 16 times faster, 25 % larger."""
    import pyarrow as pa

    raw = pickle.dumps(obj, protocol=5)
    return len(raw).to_bytes(8, "little") + pa.compress(raw, codec="lz4", asbytes=True)


def _unpack(data: bytes):
    import pyarrow as pa

    size = int.from_bytes(data[:8], "little")
    return pickle.loads(pa.decompress(memoryview(data)[8:], decompressed_size=size, codec="lz4", asbytes=True))


def _has_table(con, name: str) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def _has_tables(con) -> bool:
    return _has_table(con, "kept_result_lists")


def _signature(data: bytes | None):
    """A kept MinHash signature (datasketch's affine32 values are 32-bit, older schemes' 64)."""
    if data is None:
        return None
    return np.frombuffer(data, dtype=np.uint32 if len(data) == 4 * 128 else np.uint64)


def _plan(
    keys: list[str],
    starts: dict[int, tuple[int, int]],
    stored: set[str],
    size: int,
    patching: AbstractSet[int] = frozenset(),
):
    """The batches of :meth:`KeptResults.run_batches`: kept batches (``starts``: position ->
    (kept batch, its length)) taken whole, the rest in batches of at most ``size`` articles,
    each ending where a kept one starts. A kept batch among ``patching`` is a batch of its own
    whose articles are parsed as in a new one (those not stored).

    Returns:
        (steps, todos, later): per batch (first, end, kept batch or None); per batch the
        articles to parse (key -> position; an article is parsed in the first batch that has
        it and is not stored); the keys parsed in one batch that a later batch has too.
    """
    steps: list[tuple[int, int, int | None]] = []
    i = 0
    while i < len(keys):
        if i in starts:
            bid, n = starts[i]
            steps.append((i, i + n, bid))
            i += n
            continue
        j = i + 1
        while j < len(keys) and j - i < size and j not in starts:
            j += 1
        steps.append((i, j, None))
        i = j
    todos: list[dict[str, int]] = []
    planned: set[str] = set()
    for first, end, kept in steps:
        todo: dict[str, int] = {}
        if kept is None or kept in patching:
            for at in range(first, end):
                if keys[at] not in stored and keys[at] not in planned and keys[at] not in todo:
                    todo[keys[at]] = at
            planned.update(todo)
        todos.append(todo)
    later: set[str] = set()
    seen_after: set[str] = set()
    for (first, end, kept), todo in zip(reversed(steps), reversed(todos)):
        later.update(k for k in todo if k in seen_after)
        if kept is None or kept in patching:
            seen_after.update(keys[first:end])
    return steps, todos, later


def _members(data: str) -> list[tuple[str, str]]:
    """A kept batch's articles: (article id, key) in order."""
    return [(aid, key) for aid, key in json.loads(data)]


def _ensure(con) -> None:
    if _has_table(con, "parsed"):  # kept by a version whose keys named the actor list: never read again
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
    from ..themes.terms import THEME_STOPWORDS_FILE

    h = hashlib.blake2b(f"{__version__}|{analysis_format}|".encode(), digest_size=16)
    # The reader may edit the theme stopwords: they decide each article's theme terms.
    if Path(THEME_STOPWORDS_FILE).is_file():
        h.update(Path(THEME_STOPWORDS_FILE).read_bytes())
    return h.hexdigest()


def _store(ws, write) -> None:
    """``write(con)`` in a transaction; a write that fails (a read-only or full disk) costs speed
    next time, never this analysis."""
    try:
        with ws.transaction(bump=False) as con:
            _ensure(con)
            write(con)
    except WorkspaceError:
        log.warning("workspace %s: analysis results could not be kept", ws.path, exc_info=True)


class KeptResults:
    """The hooks :func:`tonlage.analysis.pipeline._analyse` calls for a workspace (``kept=``): which
    articles to parse, and the themes (kept or fitted again).

    Args:
        ws: The :class:`~tonlage.storage.workspace.Workspace`.
        engine: :func:`engine_key` of this analysis.
        scope: The theme settings the kept model belongs to (number of themes, seed).
        known_parts: The analysis cache's file of a sentence part, by its digest, or None
            (see :meth:`run_batches`).
    """

    def __init__(self, ws, *, engine: str, scope: str, known_parts: Callable[[str], Path | None] | None = None):
        self.ws = ws
        self.known_parts = known_parts
        self.engine = engine
        self.scope = scope
        self.actors = ""  # the actor list's signature (follow_actors); every kept row names its list
        self._list_changed = False  # since the last analysis (follow_actors)
        # After an actor-list change (follow_actors): the articles named again, and the kept
        # batches that hold any of them, still under the list before (self._patch_list), to be
        # patched rather than made again (run_batches).
        self._named_again: set[str] = set()
        self._patch_batches: set[int] = set()
        self._patch_list = ""
        self.parsed_count = 0  # articles analysed this time (the rest were kept)
        self.note: dict = {}
        self._raw_of: dict[int, str] = {}  # id of an article -> the key of its text as stored
        self._key_of: dict[str, str] = {}  # a text's digest -> its key
        self._released: set[int] = set()  # positions of the articles whose text was let go
        self._parsed_raw_keys: set[str] | None = None  # see _parsed_raw
        self._recurring_rows: dict[str, str] | None = None  # see _recurring
        self._early: tuple[dict[str, str], Iterator] | None = None  # see hand_over
        self._keys: list[str] = []
        # Kept batches whose articles' theme features are still packed: (first position, end,
        # the packed features), in order of position; see _with_features.
        self._packed: list[tuple[int, int, bytes]] = []
        # Read while the workers parse (read_ahead): (order, seed, groups) and the kept fit.
        self._early_duplicates: tuple | None = None
        self._loaded_fit: tuple | None = None

    def _key(self, digest: str) -> str:
        """The key of a text's results: of the engine and the text's
        :func:`~tonlage.corpus.text_digest` (a workspace keeps each stored text's, so telling new
        texts from known ones reads and hashes no text: 0.7 s of an add at 100,000 articles)."""
        key = self._key_of.get(digest)
        if key is None:  # asked three times for each article of an analysis
            key = self._key_of[digest] = hashlib.blake2b(
                f"{self.engine}\0{digest}".encode(), digest_size=16
            ).hexdigest()
        return key

    # --- texts read at once -------------------------------------------------------------------------
    def read_new_texts(self, raws) -> None:
        """Read at once the stored texts of the articles whose results or recurring lines are not
        kept (an add's new articles), for articles read without their texts
        (``Workspace.raw_articles(texts=False)``). The others are read only if something asks
        (one at a time) or at the table, a part at a time, when the cache has not kept it."""
        unread = [a for a in raws if a.unread()]
        if not unread:
            return
        parsed = self._parsed_raw()
        lined = self._recurring()
        need = [a for a, k in zip(unread, self._keys_of(unread)) if k not in parsed or k not in lined]
        for a, utf8 in zip(need, self.ws.texts_as_read([(a.article_id, a.digest()) for a in need])):
            a.fill(utf8)

    def _recurring(self) -> dict[str, str]:
        """The kept recurring lines of texts (key of the text as stored -> its row's data), read
        once an analysis for :meth:`read_new_texts` and :meth:`recurring_lines` (which takes them:
        each read of the 100,000 rows took 0.1-0.2 s of an add)."""
        if self._recurring_rows is None:
            with self.ws._connect(write=False) as con:
                self._recurring_rows = (
                    dict(con.execute("SELECT raw, data FROM recurring")) if _has_table(con, "recurring") else {}
                )
        return self._recurring_rows

    def _parsed_raw(self) -> set[str]:
        """The keys (of texts as stored) whose per-article results are kept, read once an
        analysis (nothing writes them before the per-article stage)."""
        if self._parsed_raw_keys is None:
            with self.ws._connect(write=False) as con:
                rows = (
                    con.execute("SELECT raw FROM kept_result_lists WHERE actors=?", (self.actors,))
                    if _has_tables(con)
                    else []
                )
                self._parsed_raw_keys = {r[0] for r in rows}
        return self._parsed_raw_keys

    # --- the actor list ---------------------------------------------------------------------------
    def follow_actors(self, actors) -> None:
        """Make the kept results follow ``actors``, the list this analysis uses. Call first.

        Every kept row (an article's results, a batch, a theme fit and what it placed) names
        the list it was made with (:func:`~tonlage.analysis.actor_change.list_signature`), and
        only rows of this list are used. When the list changed since the last analysis, the
        rows of the articles the change cannot touch are carried over to the new list, in one
        transaction: all but those whose stored text may name an alias that was added, dropped
        or given to another actor (:func:`~tonlage.analysis.actor_change.naming_test`). Only
        those are analysed again; the kept batches that hold them stay under the list before,
        and :meth:`run_batches` patches their rows (made again from all their articles' results,
        they took 60 s of an 82 s change at 100,000 articles). The kept themes stay and place
        them again, as after an edit. Before, adding one name to the list of a 100,000-article
        workspace analysed every article again (~3 minutes)."""
        from ..i18n import N_
        from . import jobs
        from .actor_change import alias_owners, changed_aliases, list_signature, naming_test

        owners = alias_owners(actors)
        self.actors = list_signature(owners)
        rows = self.ws._query("SELECT value FROM meta WHERE key=?", (_ACTORS_KEY,))
        before = json.loads(rows[0][0]) if rows else None
        if before is not None and before.get("sig") == self.actors:
            return
        listed = json.dumps({"sig": self.actors, "owners": sorted([a, list(o)] for a, o in owners.items())})
        with self.ws._connect(write=False) as con:
            kept = _has_tables(con)
        if before is None or not kept:  # nothing kept under a list yet
            _store(self.ws, lambda con: con.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (_ACTORS_KEY, listed)))
            return
        self._list_changed = True
        old = before["sig"]
        names = naming_test(changed_aliases({a: tuple(o) for a, o in before["owners"]}, owners))
        ids: set[str] = set()  # articles analysed again
        merged: set[str] = set()  # ... whose theme terms may change: placed again in the kept themes
        raws: set[str] = set()
        if names is not None:
            from ..corpus import text_digest

            with self.ws._connect(write=False) as con:
                total = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                jobs.stage(N_("Finding the articles that name the changed actors"), total=total)
                rows_read = con.execute("SELECT article_id, text_digest, CAST(text AS BLOB) FROM articles")
                for n, (aid, digest, utf8) in enumerate(rows_read, 1):
                    if utf8 is None:
                        continue
                    named, merges = names(utf8.decode("utf-8", "replace"))
                    if named:
                        ids.add(aid)
                        raws.add(self._key(digest or text_digest(utf8)))
                        if merges:
                            merged.add(aid)
                    if n % 1000 == 0:
                        jobs.advance(1000)
        with self.ws._connect(write=False) as con:
            batches = con.execute(_BATCHES_OF_LIST, (old,)).fetchall()
        touched = [bid for bid, data in batches if any(aid in ids for aid, _ in _members(data))]

        def carry_over(con) -> None:
            gone = [(r, old) for r in sorted(raws)]
            con.executemany(
                "DELETE FROM kept_results WHERE key IN (SELECT key FROM kept_result_lists WHERE raw=? AND actors=?)",
                gone,
            )
            con.executemany("DELETE FROM kept_result_lists WHERE raw=? AND actors=?", gone)
            con.execute("UPDATE kept_result_lists SET actors=? WHERE actors=?", (self.actors, old))
            # The batches that hold an article named again stay under the list before: this
            # analysis patches them (run_batches); the end of it drops them.
            con.execute("UPDATE kept_batch_parts SET actors=? WHERE actors=?", (self.actors, old))
            con.executemany("UPDATE kept_batch_parts SET actors=? WHERE id=?", [(old, b) for b in touched])
            # The themes: the fit stays; the articles whose theme terms may change are placed
            # again by it (an article's terms change only where an alias of several words merges).
            # Marked, not dropped: their text is not new, so it does not count towards a refit.
            # (By scope and article: the rows' key. By article alone, each statement read every
            # row: 6,000 articles took 77 s at 100,000.)
            scopes = [r[0] for r in con.execute("SELECT DISTINCT scope FROM theme_rows")]
            con.executemany(
                "UPDATE theme_rows SET key = ? || key WHERE scope=? AND article_id=? AND key NOT LIKE ?",
                [(_RELISTED, scope, a, _RELISTED + "%") for scope in scopes for a in sorted(merged)],
            )
            scopes = [r[0] for r in con.execute("SELECT DISTINCT scope FROM theme_placed")]
            con.executemany(
                "DELETE FROM theme_placed WHERE scope=? AND article_id=?",
                [(scope, a) for scope in scopes for a in sorted(merged)],
            )
            con.execute(
                "UPDATE theme_placed SET fit = substr(fit, 1, instr(fit, '|')) || ? WHERE substr(fit, instr(fit, '|') + 1) = ?",
                (self.actors, old),
            )
            con.execute(
                "UPDATE meta SET value=? WHERE key LIKE ? AND value=?", (self.actors, _FIT_ACTORS_KEY + "%", old)
            )
            con.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (_ACTORS_KEY, listed))

        _store(self.ws, carry_over)
        self._named_again, self._patch_batches, self._patch_list = ids, set(touched), old

    # --- the per-article stage ------------------------------------------------------------------
    def to_parse(self, files) -> int:
        """How many of ``files`` (articles as stored) look new: for the number of processes only."""
        known = self._parsed_raw()
        keys = self._keys_of(files)
        self._raw_of = dict(zip(map(id, files), keys))
        return len(keys) - sum(map(known.__contains__, keys))

    def new_texts_early(self, size: int) -> list | None:
        """Before the articles are read: the stored articles in no kept batch (an add's new ones)
        whose results are not kept, with their texts, to hand to the workers at once
        (:meth:`hand_over`); None when there are none or more than ``size`` (a first analysis),
        or the workspace keeps no batches or digests.

        Reading the articles takes ~1.5 s at 100,000 (every stored row, its metadata, the new
        texts), and the workers had nothing to do meanwhile. This asks only the kept batches'
        members and the articles' ids. A guess is enough: an article it misses is parsed when
        the articles are read (:meth:`parse_ahead`), a parse of a text that has changed since
        is not used."""
        from ..corpus import StoredArticle

        with self.ws._connect(write=False) as con:
            if not _has_tables(con) or not _has_table(con, "kept_batch_rows"):
                return None
            if "text_digest" not in self.ws._article_columns(con):
                return None
            members: set[str] = set()
            for _, data in con.execute(_BATCHES_OF_LIST, (self.actors,)):
                members.update(aid for aid, _ in _members(data))
            if not members:
                return None
            new = [r[0] for r in con.execute("SELECT article_id FROM articles") if r[0] not in members]
            if not new or len(new) > size:
                return None
            rows: list[tuple] = []
            for at in range(0, len(new), IDS_PER_QUERY):
                chunk = new[at : at + IDS_PER_QUERY]
                rows += con.execute(
                    "SELECT doc_id, seq, article_id, CAST(text AS BLOB), text_digest FROM articles "
                    f"WHERE article_id IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
        rows.sort(key=lambda r: (r[0], r[1]))  # in the order the articles came
        known = self._parsed_raw()
        return [
            StoredArticle.stored(utf8, digest, article_id=aid)
            for _, _, aid, utf8, digest in rows
            if digest and self._key(digest) not in known
        ]

    def hand_over(self, early: list, run_with_digests) -> None:
        """Hand ``early`` (:meth:`new_texts_early`) to the workers now: ``run_with_digests`` as
        :meth:`parse_ahead` takes it; :meth:`parse_ahead` then uses these parses."""
        digests = {self._key(a.digest()): a.digest() for a in early}
        self._early = (digests, run_with_digests(early))

    def parse_ahead(self, raws, run_with_digests, run, size: int):
        """Hand the new texts of an add to the workers now, as they are stored, while this
        process learns the recurring lines and plans the batches (~0.7 s at 100,000 articles in
        which the workers had nothing to do); ``run(articles)`` as :meth:`run_batches` takes it,
        ``run_with_digests`` the same giving (digest of the text parsed, result).

        Returns the ``run`` for :meth:`run_batches`: it takes the result made ahead for each
        article whose text is still the one handed over (same key), and hands the others (a
        text that lost a recurring line since) to ``run``. Nothing is handed ahead when the new
        texts are more than a batch of ``size`` (a first analysis: its batches bound memory).
        Call before the recurring lines are taken out."""
        if self._early is not None:  # handed over before the articles were read
            digests, handed = self._early
            self._early = None
        else:
            known = self._parsed_raw()
            ahead: dict[str, RawArticle] = {}
            for a, key in zip(raws, self._keys_of(raws)):  # of the texts as stored
                if key not in known and key not in ahead:
                    ahead[key] = a
            if not ahead or len(ahead) > size:
                return run
            digests = {key: a.digest() for key, a in ahead.items()}
            handed = run_with_digests(list(ahead.values()))
        got: dict[str, tuple] = {}

        def run_kept(articles):
            keys = [self._text_key(a) for a in articles]
            others = [a for a, k in zip(articles, keys) if k not in digests]
            rest = run(others) if others else iter(())

            def results():
                if not got and any(k in digests for k in keys):
                    got.update(zip(digests, handed))
                for a, key in zip(articles, keys):
                    if key not in digests:
                        yield next(rest)
                        continue
                    digest, parsed = got[key]
                    # The parse is of the text as it was when handed over: a text changed
                    # before the workers took it is parsed again (its key names the text now).
                    yield parsed if digest == digests[key] else next(run([a]))

            return results()

        return run_kept

    def recurring_lines(self, raws) -> list:
        """:func:`tonlage.reading.furniture.recurring_lines_of` of each article's text as stored, read back
        for texts seen before and kept for new ones; those of texts no article has any more are
        dropped. At 100,000 articles, going over every line of every text took 1.1-1.9 s of an
        add."""
        from ..reading.furniture import recurring_lines_of

        keys = self._keys_of(raws)  # recurring lines are not out yet: the text as stored
        stored, self._recurring_rows = self._recurring(), None
        out: list = []
        new: dict[str, tuple] = {}
        for a, key in zip(raws, keys):
            data = stored.get(key)
            if data is not None:
                if len(data) > _COPY_KEY_CHARS:
                    # Case-folded whole: folding maps each character on its own and never makes
                    # or takes a line break, so the lines split apart as they were written (one
                    # casefold a line took a third of this loop).
                    lines = data[_COPY_KEY_CHARS:]
                    out.append((data[:_COPY_KEY_CHARS], list(zip(lines.casefold().split("\n"), lines.split("\n")))))
                else:
                    out.append((data, []))
                continue
            if key not in new:
                new[key] = recurring_lines_of(a.text)
            out.append(new[key])
        stale = stored.keys() - set(keys)
        if new or stale:

            def write(con) -> None:
                con.executemany(
                    "INSERT OR REPLACE INTO recurring VALUES (?,?)",
                    [(k, copy + "\n".join(line for _, line in lines)) for k, (copy, lines) in new.items()],
                )
                con.executemany("DELETE FROM recurring WHERE raw=?", [(k,) for k in stale])

            _store(self.ws, write)
        return out

    def _text_key(self, a) -> str:
        """The key of an article's text as it is now (see :meth:`_keys_of`)."""
        return self._key(a.digest())

    def _keys_of(self, articles) -> list[str]:
        """The key of each article's text as it is now (a stored article keeps its digest until
        its text is changed, e.g. a recurring line taken out). Asked three times an analysis; a
        method call an article took 0.37 s of an add at 100,000 articles under the profiler."""
        known, key = self._key_of, self._key
        return [known.get(d) or key(d) for d in [a.digest() for a in articles]]

    def run_batches(self, raws, run, size: int, tables, collect, idle: Callable[[], object] | None = None) -> list:
        """The per-article stage of :func:`tonlage.analysis.pipeline._analyse` for a workspace: each
        article's cut-down :class:`~tonlage.analysis.per_article.Parsed`, its batch's tables added to
        ``tables`` (:class:`~tonlage.analysis.tables.BatchTables`).

        A batch kept from an earlier analysis whose articles are all still there, unchanged and
        in the same order, is taken as it is (its Parquet part and tables, no article read
        back). A kept batch that holds articles named again after an actor-list change
        (:meth:`follow_actors`) is patched: their new results replace their rows
        (:meth:`~tonlage.analysis.tables.BatchTables.add_patched`), and the others' are taken
        from it. The others are made in batches of at most ``size`` articles: stored results read
        back, the rest handed to the workers by ``run(articles)`` (read by ``collect``: the
        workers parse the next batch while this one is written) and stored; each such batch is
        kept. What no article or batch uses any more is dropped at the end.

        ``idle()``, if given, is called before this process waits for the workers when all
        there is to parse fits in one batch (an add: once the kept batches are taken, while the
        workers parse the new articles), for work of the analysis that needs no article's new
        results."""
        from ..i18n import N_
        from . import jobs

        keys = self._keys_of(raws)
        self._keys = keys
        self._packed = []
        members = [(a.article_id, k) for a, k in zip(raws, keys)]
        position = {m: i for i, m in enumerate(members)}
        stored, kept, part_digests, patch = self._kept_now()
        starts: dict[int, tuple[int, int]] = {}  # position -> (kept batch, its length)
        for bid, ms in sorted({**kept, **patch}.items()):
            i = position.get(ms[0]) if ms else None
            if i is not None and i not in starts and members[i : i + len(ms)] == ms:
                starts[i] = (bid, len(ms))
        jobs.stage(N_("Sentences, tone, actors and quotes"), total=sum(1 for k in set(keys) if k not in stored))
        steps, todos, later = _plan(keys, starts, stored, size, patch.keys())
        # Where this process waits for the workers with nothing to hand them any more: an add's
        # one batch of new texts. Not a first analysis: its read-ahead (the full duplicate
        # search) would run while the workers are still alive, and the peak memory of the
        # processes together went from 2.2 to 2.5 GB at 100,000 articles.
        planned = sum(map(len, todos))
        last_todo = max((i for i, todo in enumerate(todos) if todo), default=-1) if planned <= size else -1
        self.parsed_count = 0
        out: list = []
        used: set[int] = set()
        made: dict[str, object] = {}  # parsed this time and read again by a later batch
        ahead: dict[int, Iterator] = {}  # step -> its articles' results, handed to the workers

        def submit(step: int) -> None:
            if step < len(steps) and todos[step] and step not in ahead:
                ahead[step] = run([raws[at] for at in todos[step].values()])

        for step, (first, end, bid) in enumerate(steps):
            submit(step)
            # The workers parse the next batch that needs parsing while this one is written.
            submit(next((t for t in range(step + 1, len(steps)) if todos[t]), len(steps)))
            source = self._patch_source(bid) if bid in patch else None
            if bid is not None and bid not in patch:  # taken whole
                slim, features = self._kept_batch(tables, bid, *part_digests.get(bid, (None, -1)))
                out.extend(slim)
                if features:
                    self._packed.append((first, end, features))
                used.add(bid)
                continue
            # Patched (source) or made from its articles' results (a batch to patch that is gone
            # meanwhile, or kept whole by an older version, is made so too).
            if step == last_todo and idle is not None:
                idle()
            new = collect(ahead.pop(step)) if todos[step] else []
            if source is not None:
                at = [i for i in range(first, end) if raws[i].article_id in self._named_again]
                got = self._parsed(raws, [keys[i] for i in at], todos[step], new, stored, made, later)
                slim, features, (part, data) = self._patched(
                    tables, source, raws[first:end], [i - first for i in at], got
                )
                self._packed.append((first, end, features))
            else:
                got = self._parsed(raws, keys[first:end], todos[step], new, stored, made, later)
                filled = self._fill(raws[first:end])
                slim, batch, part = tables.add(raws[first:end], got, keep=True)
                for a in filled:  # read back again where needed: held, they were a corpus's texts
                    a.release()
                data = _pack(_features_apart(batch))
            out.extend(slim)
            kept_id = self._store_batch((json.dumps(members[first:end]), part, data))
            if kept_id is not None:
                used.add(kept_id)
        self._drop_unused(stored - set(keys), sorted(set(kept) - used))
        return out

    def _drop_unused(self, stale: set[str], gone: list[int]) -> None:
        """Drop the kept results of texts no article has any more (``stale``), the kept batches
        this analysis did not take (``gone``) and, after an actor-list change, what is kept
        under another list (the batches it patched among them)."""
        if not (stale or gone or self._list_changed):
            return

        def drop(con) -> None:
            con.executemany("DELETE FROM kept_results WHERE key=?", [(k,) for k in stale])
            con.executemany("DELETE FROM kept_result_lists WHERE key=?", [(k,) for k in stale])
            con.executemany("DELETE FROM kept_batch_rows WHERE id=?", [(b,) for b in gone])
            con.executemany("DELETE FROM kept_batch_parts WHERE id=?", [(b,) for b in gone])
            if not self._list_changed:
                return
            # Rows made with another actor list, unless with the one the workspace follows now
            # (an analysis of a later list that runs beside this one).
            now = con.execute("SELECT value FROM meta WHERE key=?", (_ACTORS_KEY,)).fetchone()
            lists = (self.actors, json.loads(now[0])["sig"] if now else self.actors)
            con.execute(
                "DELETE FROM kept_results WHERE key IN (SELECT key FROM kept_result_lists WHERE actors NOT IN (?,?))",
                lists,
            )
            con.execute("DELETE FROM kept_result_lists WHERE actors NOT IN (?,?)", lists)
            con.execute(
                "DELETE FROM kept_batch_rows WHERE id IN (SELECT id FROM kept_batch_parts WHERE actors NOT IN (?,?))",
                lists,
            )
            con.execute("DELETE FROM kept_batch_parts WHERE actors NOT IN (?,?)", lists)

        _store(self.ws, drop)

    def _kept_now(self):
        """What :meth:`run_batches` may take: the keys of the kept results, the kept batches
        (id -> members), their parts' (digest, size), and the batches to patch (id -> members)."""
        with self.ws._connect(write=False) as con:
            if not _has_tables(con):
                return set(), {}, {}, {}
            stored = {r[0] for r in con.execute("SELECT key FROM kept_result_lists WHERE actors=?", (self.actors,))}
            kept = {bid: _members(data) for bid, data in con.execute(_BATCHES_OF_LIST, (self.actors,))}
            part_digests = {
                bid: (digest, size)
                for bid, digest, size in con.execute(
                    "SELECT id, digest, size FROM kept_batch_parts WHERE actors=?", (self.actors,)
                )
            }
            return stored, kept, part_digests, self._patch_sources(con)

    def _kept_batch(self, tables, bid: int, digest: str | None, size: int) -> tuple[list, bytes]:
        """A kept batch taken whole into ``tables``: its articles' cut-down results and its packed
        theme features."""
        linked = self._linked(tables, bid, digest, size)
        if linked is not None:
            batch, slim = linked
            return slim, batch.features
        with self.ws._connect(write=False) as con:
            part, data = con.execute("SELECT part, data FROM kept_batch_rows WHERE id=?", (bid,)).fetchone()
        batch = _unpack(data)
        # (a row left by a version that did not keep digests is checked by its size)
        return tables.add_kept(batch, part, digest if size == len(part) else None), batch.features

    def _patched(self, tables, source, raws, at: list[int], got: list) -> tuple[list, bytes, tuple[bytes, bytes]]:
        """A kept batch ``source`` (:meth:`_patch_source`) of the articles ``raws`` whose articles
        at positions ``at`` have the new results ``got``, patched into ``tables``
        (:meth:`~tonlage.analysis.tables.BatchTables.add_patched`): its articles' cut-down
        results, its packed theme features and (part, data) to keep."""
        filled = self._fill([raws[i] for i in at])
        slim, batch, part = tables.add_patched(*source, raws, at, got)
        for a in filled:
            a.release()
        features = _unpack(batch.features)
        for i, parsed in zip(at, got):
            features[i] = ([sys.intern(f) for f in parsed.features], parsed.feature_sentences)
        batch = batch._replace(features=_pack(features))
        return slim, batch.features, (part, _pack(batch))

    def _patch_sources(self, con) -> dict[int, list[tuple[str, str]]]:
        """The kept batches to patch (see :meth:`follow_actors`): id -> members."""
        if not self._patch_batches:
            return {}
        return {
            bid: _members(data)
            for bid, data in con.execute(_BATCHES_OF_LIST, (self._patch_list,))
            if bid in self._patch_batches
        }

    def _patch_source(self, bid: int):
        """(The :class:`~tonlage.analysis.tables.KeptBatch`, its Parquet part's bytes) of a batch
        to patch; None when it is gone (an analysis of another list dropped it meanwhile) or
        kept whole by an older version."""
        with self.ws._connect(write=False) as con:
            row = con.execute(
                "SELECT b.part, b.data FROM kept_batch_rows b JOIN kept_batch_parts p ON p.id = b.id "
                "WHERE b.id=? AND p.actors=?",
                (bid, self._patch_list),
            ).fetchone()
        if row is None:
            return None
        batch = _unpack(row[1])
        return (batch, bytes(row[0])) if batch.languages is not None else None

    def _fill(self, articles) -> list:
        """Give the articles read without their texts (the kept ones of a batch made again, as
        after an actor-list change) their stored texts, read at once; those articles. One at a
        time, 9,000 of them took 3.5 s of a 15 s analysis."""
        unread = [a for a in articles if a.unread()]
        if unread:
            for a, utf8 in zip(unread, self.ws.texts_as_read([(a.article_id, a.digest()) for a in unread])):
                a.fill(utf8)
        return unread

    def _linked(self, tables, bid: int, digest: str | None, size: int):
        """A kept batch taken with the analysis cache's file of its part (``known_parts``: the
        cache keeps each part it was given, by digest) instead of its bytes kept here: reading
        the 148 MB of an add to a 100,000-article workspace's kept parts and writing them again
        took 0.3-0.5 s. Returns (the :class:`~tonlage.analysis.tables.KeptBatch`, its articles'
        results) once its tables are added to ``tables``; None when the cache has no file of
        that digest and size, or it cannot be taken (the part is then read here)."""
        if self.known_parts is None or not digest:
            return None
        path = self.known_parts(digest)
        try:
            if path is None or path.stat().st_size != size:
                return None
            with self.ws._connect(write=False) as con:
                (data,) = con.execute("SELECT data FROM kept_batch_rows WHERE id=?", (bid,)).fetchone()
            batch = _unpack(data)
            return batch, tables.add_kept(batch, path, digest)
        except OSError:  # the cache let it go meanwhile
            return None

    def _with_features(self, parsed: list, positions) -> None:
        """Unpack the theme features of the kept batches that hold any of ``positions`` into
        those batches' results in ``parsed`` (a refit reads every article's, a transform only
        the new ones')."""
        starts = [first for first, _, _ in self._packed]
        wanted = set()
        for at in positions:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < self._packed[i][1]:
                wanted.add(i)
        for i in sorted(wanted):
            first, end, packed = self._packed[i]
            for p, (features, sentences) in zip(parsed[first:end], _unpack(packed)):
                p.features, p.feature_sentences = features, sentences
        self._packed = [b for i, b in enumerate(self._packed) if i not in wanted]

    # --- texts ------------------------------------------------------------------------------------
    def release_texts(self, raws) -> None:
        """Let go of every decoded text that is the one stored until the articles' texts are
        made (:meth:`texts`): after the duplicates nothing else reads a text, and the themes and
        the tables are the analysis's largest moments. A decoded text takes about twice its
        bytes; a first analysis decodes every text (for the sentences), an add only its new
        ones. An article read without its text holds none (released too). A text changed by the
        analysis (a recurring line taken out) is kept."""
        self._released = {i for i, a in enumerate(raws) if a.release(decoded_only=True)}

    def texts(self, raws, positions) -> list[bytes]:
        """The UTF-8 of ``raws`` at ``positions``, for a part of the articles' texts
        (:func:`tonlage.analysis.text_parts.texts_in_parts`): those let go read back from the workspace at
        once, checked against their digests; the others taken from the articles, which then let
        go of them (each text is then held once, in the part)."""
        back = iter(
            self.ws.texts_as_read([(raws[i].article_id, raws[i].digest()) for i in positions if i in self._released])
        )
        out = []
        for i in positions:
            if i in self._released:
                out.append(next(back))
            else:
                out.append(raws[i].utf8())
                raws[i].release()
        return out

    # --- duplicates ---------------------------------------------------------------------------
    def duplicates(self, raws, order: list, random_state: int):
        """:func:`tonlage.duplicates.find_duplicates` of the articles' texts.

        With a kept :class:`~tonlage.duplicates.DuplicateIndex` for the seed,
        :func:`~tonlage.duplicates.update_duplicates` normalises, sketches and bands only the
        texts it does not know, and reads back only the kept signatures it verifies against
        (at 101,000 articles the full search of an add read all 101,000, banded them and walked
        every text: 1.2-1.55 s). Without one (a first analysis, a workspace kept before the
        index, another setting), the search is made over all texts with the kept sketches read
        back, and its index is kept. New sketches are kept, those no article has any more dropped.
        """
        from ..duplicates import CannotUpdate, DuplicateIndex, update_duplicates

        early, self._early_duplicates = self._early_duplicates, None
        if early is not None and early[0] == order and early[1] == random_state:
            return early[2]
        params = DuplicateIndex.params_for()
        with self.ws._connect(write=False) as con:
            rows = (
                con.execute("SELECT data FROM duplicate_index WHERE seed=? ORDER BY part", (random_state,)).fetchall()
                if _has_table(con, "duplicate_index")
                else []
            )
        index = DuplicateIndex.from_stored([r[0] for r in rows], params) if rows else None
        del rows
        if index is not None:
            try:
                groups, updated, new, stale = update_duplicates(
                    index, self._keys, lambda i: raws[i].text, order, partial(self._signatures, random_state)
                )
            except CannotUpdate as exc:
                log.warning("workspace %s: duplicate index not usable (%r); searching afresh", self.ws.path, exc)
            else:
                # An update adds parts of band keys to the kept ones; a compacted index is stored whole.
                kept = len(index.parts)
                added = all(a is b for a, b in zip(index.parts, updated.parts)) and len(updated.parts) >= kept
                self._keep_duplicates(random_state, new, stale, updated, first_part=kept + 1 if added else 1)
                return groups
        return self._duplicates_afresh(raws, order, random_state, params)

    def _duplicates_afresh(self, raws, order: list, random_state: int, params: tuple):
        """The full search of :meth:`duplicates`, with the kept sketches read back; keeps its index."""
        from ..duplicates import DuplicateIndex, find_duplicates

        with self.ws._connect(write=False) as con:
            rows = (
                con.execute("SELECT key, digest, sig FROM sketches WHERE seed=?", (random_state,)).fetchall()
                if _has_table(con, "sketches")
                else []
            )
        stored = {key: (bytes(digest), _signature(sig)) for key, digest, sig in rows}
        known = [stored.get(k) for k in self._keys]
        made: list = []
        kept: dict = {}
        # Only the texts without a kept sketch are read (a stored article decodes its text then).
        texts = [r.text if k is None else "" for r, k in zip(raws, known)]
        groups = find_duplicates(texts, order=order, random_state=random_state, known=known, sketches=made, kept=kept)
        new = {k: s for k, s, had in zip(self._keys, made, known) if had is None}
        stale = set(stored) - set(self._keys)
        self._keep_duplicates(random_state, new, stale, DuplicateIndex.of_search(self._keys, kept, params))
        return groups

    def _signatures(self, random_state: int, keys: list[str]) -> dict:
        """The kept signatures of ``keys`` (those that have one)."""
        out = {}
        with self.ws._connect(write=False) as con:
            for lo in range(0, len(keys), 500):
                chunk = keys[lo : lo + 500]
                marks = ",".join("?" * len(chunk))
                for key, sig in con.execute(
                    f"SELECT key, sig FROM sketches WHERE seed=? AND key IN ({marks})", (random_state, *chunk)
                ):
                    if sig is not None:
                        out[key] = _signature(sig)
        return out

    def _keep_duplicates(self, random_state: int, new: dict, stale, index, first_part: int = 1) -> None:
        """Keep the new sketches and the index (None: none to keep), drop the stale sketches. The
        index's band parts before ``first_part`` (counted from 1) are kept already."""

        def write(con) -> None:
            con.executemany(
                "INSERT OR REPLACE INTO sketches VALUES (?,?,?,?)",
                [(k, random_state, d, None if v is None else v.tobytes()) for k, (d, v) in new.items()],
            )
            con.executemany("DELETE FROM sketches WHERE key=? AND seed=?", [(k, random_state) for k in stale])
            if first_part <= 1:
                con.execute("DELETE FROM duplicate_index WHERE seed=?", (random_state,))
            if index is not None:
                rows = [(0, index.meta())]
                rows += [(i, index.part(*part)) for i, part in enumerate(index.parts, 1) if i >= first_part]
                con.executemany(
                    "INSERT OR REPLACE INTO duplicate_index VALUES (?,?,?)", [(random_state, i, d) for i, d in rows]
                )

        _store(self.ws, write)

    def _store_batch(self, row) -> int | None:
        """Keep a batch (members, Parquet part, :class:`~tonlage.analysis.tables.KeptBatch`); its id."""
        from ..storage.sentence_store import part_digest

        ids: list[int] = []
        digest = part_digest(row[1])

        def write(con) -> None:
            ids.append(con.execute("INSERT INTO kept_batch_rows VALUES (NULL,?,?,?)", row).lastrowid)
            con.execute(
                "INSERT OR REPLACE INTO kept_batch_parts VALUES (?,?,?,?)", (ids[-1], digest, len(row[1]), self.actors)
            )

        _store(self.ws, write)
        return ids[0] if ids else None

    def _parsed(self, raws, batch_keys: list[str], todo: dict[str, int], new: list, stored, made, later) -> list:
        """The :class:`~tonlage.analysis.per_article.Parsed` of a batch (its articles' ``batch_keys``):
        ``new`` for the keys of ``todo`` (key -> the article's position in ``raws``), stored now
        and kept in ``made`` when a later batch reads them (``later``); the others taken from
        ``made`` or read back."""
        found = {k: made[k] for k in set(batch_keys) & made.keys()}
        found.update(self._read((set(batch_keys) & stored) - found.keys()))
        self.parsed_count += len(new)
        for key, p in zip(todo, new):
            found[key] = p
            if key in later:
                made[key] = p
        if todo:
            rows = [(key, _pack(found[key])) for key in todo]
            lists = [(key, self.actors, self._raw_of.get(id(raws[at]), key)) for key, at in todo.items()]

            def write(con) -> None:
                con.executemany("INSERT OR REPLACE INTO kept_results VALUES (?,?)", rows)
                con.executemany("INSERT OR REPLACE INTO kept_result_lists VALUES (?,?,?)", lists)

            _store(self.ws, write)
            stored.update(todo)
        return [found[k] for k in batch_keys]

    def _read(self, keys: set[str]) -> dict[str, object]:
        """The stored results of ``keys``."""
        found: dict[str, object] = {}
        if not keys:
            return found
        order = sorted(keys)
        with self.ws._connect(write=False) as con:
            for at in range(0, len(order), 500):  # SQLite's limit on parameters
                chunk = order[at : at + 500]
                sql = f"SELECT key, data FROM kept_results WHERE key IN ({','.join('?' * len(chunk))})"
                for key, data in con.execute(sql, chunk):
                    found[key] = _unpack(data)
        return found

    # --- themes -----------------------------------------------------------------------------------
    def themes(self, raws, parsed, matcher, n_themes, random_state, story=None, embeddings=None, partition_map=map):
        """The themes for :func:`tonlage.analysis.pipeline._analyse`: the kept model with the new
        articles' shares, or a new fit (exactly a from-scratch analysis's)."""
        from ..model import THEME_LANGUAGES
        from .theme_step import fit_themes, theme_frames

        usable = [i for i, p in enumerate(parsed) if p.language in THEME_LANGUAGES]
        ids = [raws[i].article_id for i in usable]
        keys = [self._keys[i] for i in usable]
        words = np.array([sum(parsed[i].n_words) for i in usable], dtype="int64")
        requests = refit_requests(self.ws)
        fit, rows, kept_shares = self._loaded_fit or self._load_fit()
        self._loaded_fit = None
        new = []
        relisted: list[int] = []  # of new: articles an actor-list change may have given other theme terms
        reason = ""
        if fit is None:
            reason = "first"
        elif requests > fit["requests"]:
            reason = "asked"
        else:
            new = [j for j, (aid, key) in enumerate(zip(ids, keys)) if rows.get(aid, ("",))[0] != key]
            relisted = [j for j in new if rows.get(ids[j], ("",))[0] == _RELISTED + keys[j]]
            fresh = sorted(set(new) - set(relisted))  # new text: counts towards a refit
            if words.sum() and words[fresh].sum() >= THEME_REFIT_SHARE * words.sum():
                reason = "threshold"
        if reason:
            self._with_features(parsed, range(len(parsed)))
            model, themes_df, art_themes = fit_themes(
                raws,
                parsed,
                matcher,
                n_themes,
                random_state,
                story=story,
                embeddings=embeddings,
                partition_map=partition_map,
            )
            self._save_fit(model, ids, keys, requests, int(words.sum()))
            self.note = theme_fit_note(len(usable), 0, 0.0, refitted=reason)
            return model, themes_df, art_themes
        model = fit["model"]
        k = model.n_themes_
        W = np.zeros((len(usable), k), dtype=np.float32)  # a fit's precision: the same tables either way
        is_new = np.zeros(len(usable), dtype=bool)
        is_new[new] = True
        known = np.flatnonzero(~is_new)
        if len(known):  # the kept rows taken at once (a row at a time: 0.07 s at 100,000 articles)
            W[known] = kept_shares[[rows[ids[j]][1] for j in known]]
        if new or fit["placed"]:
            self._place(parsed, usable, ids, keys, new, model, fit, W)
        model.shares_ = W
        themes_df, art_themes = theme_frames(raws, usable, model)
        gone = set(rows) - {a.article_id for a in raws}
        if gone:  # a removed article leaves no row behind
            _store(
                self.ws,
                lambda con: con.executemany(
                    "DELETE FROM theme_rows WHERE scope=? AND article_id=?", [(self.scope, a) for a in sorted(gone)]
                ),
            )
        fresh = sorted(set(new) - set(relisted))
        share = float(words[fresh].sum() / words.sum()) if words.sum() else 0.0
        self.note = theme_fit_note(fit["n_articles"], len(fresh), share, relisted=len(relisted))
        return model, themes_df, art_themes

    def _place(self, parsed, usable: list[int], ids: list[str], keys: list[str], new: list[int], model, fit, W) -> None:
        """The rows of ``W`` (shares of the articles ``usable``) of the articles ``new`` since the
        fit: placed by the kept themes (:meth:`~tonlage.themes.model.ThemeModel.transform`, the same
        shares for a text whatever else is placed with it) or, for a text the same fit placed
        in an earlier analysis, read back. Every add placed every article added since the fit
        again (2,000 of them took 0.25-0.45 s, and up to a fifth of the corpus gets placed
        before the themes are fitted again). What the fit placed for an article no longer
        there, or no longer new, is dropped."""
        from .theme_step import theme_features

        token, k = fit["token"], W.shape[1]
        placed: dict[str, tuple[str, bytes]] = {}
        other = False  # rows placed by another fit (one that a version without this table replaced)
        with self.ws._connect(write=False) as con:
            kept = (
                con.execute("SELECT article_id, key, fit, shares FROM theme_placed WHERE scope=?", (self.scope,))
                if _has_table(con, "theme_placed")  # a workspace kept by a version before it has none
                else []
            )
            for aid, key, by, shares in kept:
                if by == token:
                    placed[aid] = (key, shares)
                else:
                    other = True
        back = [j for j in new if placed.get(ids[j], ("",))[0] == keys[j] and len(placed[ids[j]][1]) == 8 * k]
        if back:
            rows = b"".join(placed[ids[j]][1] for j in back)
            W[back] = np.frombuffer(rows, dtype="float64").reshape(len(back), k)
        todo = sorted(set(new) - set(back))
        got = np.zeros((0, k))
        if todo:
            self._with_features(parsed, [usable[j] for j in todo])
            got = model.transform([theme_features(parsed[usable[j]], model.boilerplate_) for j in todo])
            W[todo] = got
        stale = placed.keys() - {ids[j] for j in new}

        def write(con) -> None:
            con.executemany(
                "INSERT OR REPLACE INTO theme_placed VALUES (?,?,?,?,?)",
                [
                    (self.scope, ids[j], keys[j], token, np.asarray(row, dtype="float64").tobytes())
                    for j, row in zip(todo, got)
                ],
            )
            con.executemany(
                "DELETE FROM theme_placed WHERE scope=? AND article_id=?", [(self.scope, a) for a in sorted(stale)]
            )
            con.execute("DELETE FROM theme_placed WHERE scope=? AND fit<>?", (self.scope, token))

        if todo or stale or other:
            _store(self.ws, write)

    def read_ahead(self, raws, order: list, random_state: int) -> None:
        """What the corpus-wide steps read of the workspace and need of no new article's
        results, made while the workers parse (``idle`` of :meth:`run_batches`): the duplicate
        groups (:meth:`duplicates` is then answered from here), the kept theme fit and the
        solver that places articles under it."""
        self._early_duplicates = (order, random_state, self.duplicates(raws, order, random_state))
        self._loaded_fit = self._load_fit()
        if self._loaded_fit[0] is not None:
            # The solver that places the new articles under the kept themes (ThemeModel.transform):
            # importing it took 0.3 s of an add, with the workers' results already in.
            import scipy.linalg  # noqa: F401
            import scipy.optimize  # noqa: F401

    def _load_fit(self) -> tuple[dict | None, dict[str, tuple[str, int]], np.ndarray]:
        """The kept fit (None: none for this engine and scope; ``token`` names it, ``placed``
        says whether it placed any article), each fitted article's (key, row) and the rows: the
        kept shares, one row an article (an array a row took 0.18 s at 100,000 articles, one
        array of them all a fiftieth of it)."""
        none: tuple = (None, {}, np.zeros((0, 0)))
        with self.ws._connect(write=False) as con:
            if not _has_tables(con):
                return none
            row = con.execute("SELECT data FROM theme_fits WHERE scope=?", (self.scope,)).fetchone()
            if row is None:
                return none
            try:
                fit = pickle.loads(zlib.decompress(row[0]))
            except Exception:  # damaged, or pickled by an engine whose classes moved: fitted afresh
                log.warning("the kept themes of %s could not be read; they are fitted afresh", self.scope)
                return none
            if not isinstance(fit, dict) or fit.get("engine") != self.engine:
                return none
            # Fitted on the theme terms of another actor list (an analysis that ran beside one
            # of a later list): fitted again.
            stamp = con.execute("SELECT value FROM meta WHERE key=?", (_FIT_ACTORS_KEY + self.scope,)).fetchone()
            if stamp is None or stamp[0] != self.actors:
                return none
            # The articles it placed are placed again under another actor list (follow_actors
            # carries over those it cannot change).
            fit["token"] = f"{hashlib.blake2b(row[0], digest_size=16).hexdigest()}|{self.actors}"
            fit["placed"] = _has_table(con, "theme_placed") and (
                con.execute("SELECT 1 FROM theme_placed WHERE scope=? LIMIT 1", (self.scope,)).fetchone() is not None
            )
            got = con.execute("SELECT article_id, key, shares FROM theme_rows WHERE scope=?", (self.scope,)).fetchall()
        if not got:
            return fit, {}, np.zeros((0, 0))
        ids, keys, shares = zip(*got)
        del got
        if len(set(map(len, shares))) != 1:  # never written so (every row is of one fit): fit again
            return none
        matrix = np.frombuffer(b"".join(shares), dtype="float64").reshape(len(shares), -1)
        return fit, dict(zip(ids, zip(keys, range(len(ids))))), matrix

    def _save_fit(self, model, ids: list[str], keys: list[str], requests: int, words: int) -> None:
        import copy

        kept = copy.copy(model)
        kept.shares_ = None  # kept per article in theme_rows
        kept.nmf_ = None  # transform needs the components only
        data = {
            "engine": self.engine,
            "model": kept,
            "requests": requests,
            "n_articles": len(ids),
            "words": words,
        }
        shares = np.asarray(model.shares_, dtype="float64")

        def write(con) -> None:
            con.execute(
                "INSERT OR REPLACE INTO theme_fits VALUES (?, ?)",
                (self.scope, zlib.compress(pickle.dumps(data, protocol=5), 1)),
            )
            con.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (_FIT_ACTORS_KEY + self.scope, self.actors))
            con.execute("DELETE FROM theme_rows WHERE scope=?", (self.scope,))
            con.execute("DELETE FROM theme_placed WHERE scope=?", (self.scope,))  # placed by the fit before
            con.executemany(
                "INSERT INTO theme_rows VALUES (?,?,?,?)",
                [(self.scope, aid, key, shares[j].tobytes()) for j, (aid, key) in enumerate(zip(ids, keys))],
            )

        _store(self.ws, write)


def _features_apart(batch):
    """``batch`` (a :class:`~tonlage.analysis.tables.KeptBatch`) as kept: compact, its articles' theme
    features packed on their own. Reading 51 kept batches back (100,000 articles) took 3.3 s of
    CPU on a loaded machine, 2.1 s of it unpickling 100,000 cut-down results; the features are
    needed only when the themes are fitted again or for articles the kept themes have not seen."""
    return batch._replace(
        slim=[],
        languages=[p.language for p in batch.slim],
        features=_pack([(p.features, p.feature_sentences) for p in batch.slim]),
    )


def theme_fit_note(n_fitted: int, n_added: int, share: float, *, refitted: str = "", relisted: int = 0) -> dict:
    """What the reader is told about the kept themes (``params["theme_fit"]``): fitted on
    ``n_fitted`` articles, ``n_added`` new or changed since, ``share`` of the words; ``refitted``
    says why they were fitted in this analysis ("first", "asked", "threshold"; "" when kept);
    ``relisted``: articles placed again because an actor-list change may have changed their theme
    terms (their text is not new: they do not count towards a refit)."""
    return {
        "n_fitted": int(n_fitted),
        "n_added": int(n_added),
        "n_relisted": int(relisted),
        "added_share": round(float(share), 4),
        "threshold": THEME_REFIT_SHARE,
        "refitted": refitted,
    }


def analyse_workspace(
    ws,
    *,
    n_themes: int | None = None,
    events_file: str | Path | None = None,
    actors_file: str | Path | None = None,
    random_state: int = 0,
    workers: int | None = None,
    fingerprint: str | None = None,
    analysis_format: int = 0,
    scheduler: str | None = None,
    known_texts=None,
    known_parts=None,
):
    """The analysis of a workspace, re-analysing only new and changed articles and keeping the
    themes (see the module's docstring). Same arguments as
    :func:`tonlage.analysis.pipeline.analyse_articles`; the theme quality mode is not incremental.
    ``analysis_format``: :data:`tonlage.storage.store.ANALYSIS_FORMAT` (kept results of another format
    are not used).

    Returns:
        The :class:`~tonlage.model.AnalysedCorpus`; ``params["theme_fit"]`` says how the themes
        were made, ``params["articles_analysed"]`` how many articles went through the
        per-article stage.
    """
    from ..inputs import resolve_side_files
    from .pipeline import analyse_articles

    events_file, actors_file = resolve_side_files(events_file, actors_file)
    kept = KeptResults(
        ws,
        engine=engine_key(analysis_format),
        scope=f"{n_themes or 'auto'}|{random_state}",
        known_parts=known_parts,
    )

    def read() -> list:
        raws = ws.raw_articles(texts=False)
        kept.read_new_texts(raws)
        return raws

    result = analyse_articles(
        read,
        fingerprint=fingerprint or ws.fingerprint(),
        name=f"workspace: {ws.name}",
        n_themes=n_themes,
        events_file=events_file,
        actors_file=actors_file,
        random_state=random_state,
        workers=workers,
        kept=kept,
        scheduler=scheduler,
        known_texts=known_texts,
    )
    result.params["theme_fit"] = kept.note
    result.params["articles_analysed"] = kept.parsed_count
    return result
