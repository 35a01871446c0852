"""Analyses kept on disk, keyed by the corpus's content, so a restarted server (or the next
CLI run) opens a corpus it has seen in a fraction of a second instead of re-analysing it.

This module is deliberately light: it imports neither scikit-learn nor the lemmatiser, so a
cache hit never pays for loading them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
import os
import pickle
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import __version__
from ..inputs import corpus_fingerprint, resolve_inputs, resolve_side_files
from .article_texts import TextPart
from .disk_cache import CACHE_BYTES, cache_dir
from .disk_cache import open_cache as _open_cache

__all__ = [
    "cache_dir",
    "cached_analysis",
    "cached_workspace_analysis",
    "still_valid",
    "derived_name",
    "CACHE_BYTES",
]

log = logging.getLogger(__name__)
# Part of every cache key: raise it whenever the analysis's tables change in content or columns,
# so an analysis kept by an older engine of the same version is not shown (2: themes with
# c-TF-IDF labels and a stability column; 3: evidence, notes, date notes and skipped reasons
# are messages that the app translates, not English text; 4: the sentences are a
# tonlage.storage.sentence_store.SentenceStore, pickled as Parquet; 5: a workspace's kept results are
# LZ4-compressed and kept by batch too, tonlage.analysis.incremental; 6: the page-reading modules moved to
# tonlage.reading, so pickles of the old module paths are not read; 7: 'dauern' is not evaluative
# in news, tonlage/tone/data/news_neutral.tsv, and the tone model refitted with it; 8: a theme's
# label names a fixed two-word phrase whole, "New York", not "New · York",
# tonlage.themes.labels.fixed_phrases; 9: roles of culture, media, business and faith and the
# feminine forms the role list lacked, tonlage/voices/data/roles.tsv; 10: two themes whose labels
# have the same words in another order are told apart, tonlage.themes.labels.dedupe_labels; 11: a
# surname with a capitalised particle ("Van der Bellen") and an actor's name of several words
# ("Weißes Haus") are one theme term each, tonlage.themes.terms.NAME_JOINER; 12: a word in
# capitals keeps its form as a theme term, and a paper's title in capitals ("dem STANDARD") is
# none, tonlage.text.theme_lemma and data/theme_stopwords.txt [capitals]; 13: a metadata.csv's
# source column names the articles' outlet, tonlage.corpus.apply_metadata; 14: 'Rat' (the council
# in news, not advice) is not evaluative, tonlage/tone/data/news_neutral.tsv, the model refitted;
# 15: nor are 'bitten' and 'erbitten' (a request) and twenty words read in a sense news rarely
# uses ('Weise', 'Spitze', 'Energie', 'einigen' ...), the same list, the model refitted, and roles
# of film, music, art and letters ("Produzent") are roles, tonlage/voices/data/roles.tsv; 16: nor
# are 'hart', 'schlicht', 'verteidigen' and 'interessiert', the same list, the model refitted; 17:
# a theme's name skips the words most themes' word lists share,
# tonlage.themes.labels.distinguishing_order; 18: nor are fourteen more words read in a sense
# news rarely uses ('freiheitlich', 'Elfmeter', 'vergeben' ...), 'Spannungen' (tensions) is
# negative, tonlage/tone/data/domain_lexicon.tsv, the model refitted; 19: nor are 23 more
# ('gestehen', 'Wetter', 'Abgang', 'die Blauen' ...), the model refitted; 20: nor are 24 more
# ('Komplex', 'Belgier', 'plädieren', 'Wahlkampf' ...), a noun of that list is neutral as a
# compound's head too, tonlage.tone.lookup.TokenTable, 'wirklich' strengthens the word after it,
# data/function_words.tsv, the model refitted; 21: a verb of saying in the present passive is
# no frame, "so sehr sie auch verteidigt wird", tonlage.voices.clauses.PASSIVE_AUXILIARIES; 22: a
# frame resumed after an aside in dashes keeps its subject, tonlage.voices.frames.through_parenthesis,
# and a Konjunktiv II continues a report only in the main clause, tonlage.voices.continuation; 23:
# "hielt an den Vorschlägen fest" is no report, tonlage.voices.clauses.holds_on_to, and "machte
# deutlich, dass" is, data/split_verbs.tsv; 24: "niemand", "keineswegs", "nirgends" negate,
# data/function_words.tsv, the "sondern" of "nicht nur … sondern auch" weighs nothing,
# tonlage.tone.rules.pass_contrast, 'real' and 'ernsthaft' are not evaluative, the model refitted;
# 25: nor "nicht mehr allein … sondern", 'allein' after "nicht" means 'only', 'Kapitulation' is
# negative, 'verdeutlichen' and 'handfest' are not evaluative, the model refitted; 26: nor are
# 'Bodenschatz' and 'Wortschatz', no 'Schatz' as their head; 27: a sentence that opens with a
# quote and ends with its frame is in the quoted voice, however short the quote,
# tonlage.voices.finder.opens_with_framed_quote; 28: "der US-Präsident" is a mention of the person
# the article gives that office, tonlage.analysis.role_mentions; 29: "Aus Washington hieß es, …"
# and "nach Kreml-Angaben" name their source as the speaker, "…, lässt er offen" frames nothing,
# tonlage.voices.frames; 30: speakers' names run through particles and initials ("Thomas de
# Maizière", "Marcel A. Müller"), "das Ministerium" is the one named before, a medium named
# after its noun is no person, a surname alone names its person for "er", tonlage.voices.people);
# 31: a noun after a possessor ("Trumps Fiasko") and a sentence's first word that is surely no
# given name ("Zwei Palästinenser", "Andere Tourengeher") are no names, "…, droht ein weiteres
# Fiasko" is no frame, "die Streitkräfte" an institution (tonlage.voices.people, .phrases); 32: a
# name after "und" is no inverted subject of the verb before it ("kritisiert und Russland als
# „Papiertiger“ bezeichnet"), and the speaker before is the one the merged quote shows; 33: role
# nouns the list lacked, adjectives before an institution's noun part of its name ("laut
# Süddeutscher Zeitung"), no name after it that cannot be one (tonlage.voices.phrases); 34: a
# post's addresses, links and retweet mark are no theme words and do not decide its language
# (tonlage.text.POST_MARKUP); 35: a short text with an address, a tag or a link is a "post", and
# so is a short entry of a table of mostly posts (tonlage.reading.genre.post_evidence); a title
# taken from a post's first sentence leaves out its opening addresses (tonlage.corpus); "Nato" is
# one theme term with "NATO" where the actor list spells one actor both ways (tonlage.analysis.
# theme_step).
ANALYSIS_FORMAT = 35


def cached_analysis(
    corpus_dir: str | Path,
    *,
    n_themes: int | None = None,
    events_file: str | Path | None = None,
    actors_file: str | Path | None = None,
    random_state: int = 0,
    fingerprint: str | None = None,
    use_cache: bool = True,
    theme_encoder: bool = False,
    scheduler: str | None = None,
):
    """:func:`tonlage.analysis.pipeline.analyse_folder`, remembered on disk.

    The key is the corpus fingerprint, the settings and the engine version; a result kept from
    an earlier day is used while its articles' dates still hold (see :func:`still_valid`).

    Args:
        fingerprint: The corpus fingerprint if the caller already has it (saves re-hashing).
        use_cache: ``False`` always analyses afresh (and stores nothing).
        theme_encoder: The themes' quality mode (see :func:`tonlage.analysis.pipeline.analyse_folder`).
        scheduler: A Dask scheduler's address for the per-article work (see
            :func:`tonlage.analysis.pipeline.analyse_folder`); not part of the key, since the results are
            the same, so a remembered analysis is not made again on the cluster.
    """
    corpus_dir, events_file, actors_file = resolve_inputs(corpus_dir, events_file, actors_file)
    fp = fingerprint or corpus_fingerprint(corpus_dir, events_file, actors_file)

    settings = _Settings(n_themes, events_file, actors_file, random_state, theme_encoder, scheduler)

    def compute(known_texts=None, known_parts=None):  # a folder's analysis keeps no parts to link
        from ..analysis.pipeline import analyse_folder  # heavy imports only on a cache miss

        return analyse_folder(corpus_dir, **settings.for_pipeline(), known_texts=known_texts)

    return _remembered(settings.key(fp), compute, use_cache)


def cached_workspace_analysis(
    ws,
    *,
    n_themes: int | None = None,
    events_file: str | Path | None = None,
    actors_file: str | Path | None = None,
    random_state: int = 0,
    use_cache: bool = True,
    theme_encoder: bool = False,
    scheduler: str | None = None,
):
    """The analysis of a :class:`~tonlage.storage.workspace.Workspace` (its articles with the reader's
    edits), remembered on disk by the workspace's revision: any change re-analyses, but only
    the articles it touched (:mod:`tonlage.analysis.incremental`; ``use_cache=False`` and the theme
    quality mode analyse everything afresh). Without ``actors_file`` the workspace's own actor
    list is used where its readers made one (:meth:`~tonlage.storage.workspace.Workspace.actors_file`)."""
    events_file, actors_file = resolve_side_files(events_file, actors_file or ws.actors_file())
    fp = ws.fingerprint()
    settings = _Settings(n_themes, events_file, actors_file, random_state, theme_encoder, scheduler)

    def compute(known_texts=None, known_parts=None):
        from ..analysis.pipeline import analyse_articles

        if use_cache and not theme_encoder:
            from ..analysis.incremental import analyse_workspace

            return analyse_workspace(
                ws,
                **settings.for_pipeline(incremental=True),
                fingerprint=fp,
                analysis_format=ANALYSIS_FORMAT,
                known_texts=known_texts,
                known_parts=known_parts,
            )

        return analyse_articles(
            ws.raw_articles(),
            fingerprint=fp,
            name=f"workspace: {ws.name}",
            **settings.for_pipeline(),
            known_texts=known_texts,
        )

    return _remembered(settings.key(fp), compute, use_cache)


@dataclass(frozen=True)
class _Settings:
    """What an analysis is asked for, as both kinds of corpus pass it on."""

    n_themes: int | None
    events_file: Path | None
    actors_file: Path | None
    random_state: int
    theme_encoder: bool
    scheduler: str | None  # not in the key: a cluster gives the same results

    def for_pipeline(self, *, incremental: bool = False) -> dict:
        """The pipeline's keyword arguments (without the themes' quality mode for the incremental
        analysis, which never runs in it)."""
        out = {
            "n_themes": self.n_themes,
            "events_file": self.events_file,
            "actors_file": self.actors_file,
            "random_state": self.random_state,
            "scheduler": self.scheduler,
        }
        return out if incremental else {**out, "theme_encoder": self.theme_encoder}

    def key(self, fingerprint: str) -> tuple:
        """The on-disk cache's key for a corpus of this fingerprint."""
        return (
            fingerprint,
            self.n_themes,
            self.random_state,
            str(self.events_file),
            str(self.actors_file),
            *_mode(self.theme_encoder),
        )


def _mode(theme_encoder: bool) -> tuple:
    # Only the quality mode adds to the key, so analyses cached before it existed still match;
    # so does a theme matrix budget other than the default (TONLAGE_THEME_MATRIX_MB): it may
    # decide whether the themes are fitted exactly or in partitions.
    from ..settings import theme_matrix_budget
    from ..thresholds import THEME_MATRIX_MB

    budget = theme_matrix_budget()
    return (("theme-encoder",) if theme_encoder else ()) + (
        ("theme-matrix-bytes", budget) if budget != THEME_MATRIX_MB * 2**20 else ()
    )


def _remembered(parts: tuple, compute, use_cache: bool):
    """``compute(known_texts, known_parts)``, or its result kept on disk under a key made of
    ``parts`` and the engine version, while it is :func:`still_valid` (date plausibility depends
    on the day: a result from an earlier day is made again only when a date it set aside as in
    the future has come). ``known_texts(key)`` gives the cache's part of articles' texts of that
    name (:mod:`tonlage.storage.article_texts`), or None; ``known_parts(digest)`` the file of its
    sentence part of that digest, or None. A cache that cannot be read or written is ignored:
    the analysis then simply runs, and the reader never sees a cache error."""
    if not use_cache:
        return compute()
    key_parts = (*parts, __version__, ANALYSIS_FORMAT)
    key = hashlib.sha256(repr(key_parts).encode()).hexdigest()[:24]
    cache = _open_cache()
    if cache is not None:
        try:
            result = _unpickled(lambda: _read(cache.get(key, default=None, read=True, retry=True), cache))
            if result is not None and still_valid(result.params, date.today()):
                return result
        except Exception:  # a damaged or foreign entry: analyse afresh below
            log.warning("analysis cache %s could not be read; analysing afresh", cache.directory, exc_info=True)
    from ..analysis import jobs

    # Analysing is heavy: it takes its turn in the process's queue (many readers of a server
    # must not start many analyses at once); a result found on disk above never waits.
    with jobs.queue().slot("analysis"):
        if cache is None:
            result = compute()
        else:
            result = compute(functools.partial(_text_part, cache), functools.partial(_part_file, cache))
    if cache is not None:
        try:
            _put(cache, key, result)
        except Exception:  # a full disk costs speed, not correctness
            log.warning("analysis cache %s could not be written", cache.directory, exc_info=True)
    return result


def derived_name(kind: str, *made_from: object) -> str:
    """The analysis cache's name for a table worked out from an analysis and kept beside it (the
    people a corpus names, the quoted speakers no list follows, the check queue): ``kind``, then
    a digest of what it was made from (``made_from``: text, bytes or numbers, each marked off
    from the next) and of the engine's version and :data:`ANALYSIS_FORMAT`, so that a table kept
    by another engine is never read."""
    h = hashlib.blake2b(f"{kind} {__version__} {ANALYSIS_FORMAT}".encode(), digest_size=16)
    for part in made_from:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little") + data)
    return f"{kind}:{h.hexdigest()}"


def still_valid(params: dict, today: date) -> bool:
    """Whether an analysis whose articles' dates were read on ``params["dates_as_of"]`` gives
    the same dates read ``today``: no later than that day, no date set aside then as in the
    future (``params["dates_valid_before"]``) has come. An analysis whose dates were fixed before
    it ran (a workspace's) is valid on any day.

    A folder of news from 2025 read on 30 November 2026 holds on every later day, unless some
    article names a date after 30 November 2026; it is read again on that date (the article may
    now be dated by it). Keyed by the day instead, every corpus was analysed again by the first
    reader after midnight: 17 s for a 101,000-article workspace, a full analysis for a folder."""
    as_of = params.get("dates_as_of")
    if as_of is None:
        return True
    before = params.get("dates_valid_before")
    day = today.isoformat()
    return as_of <= day and (before is None or day < before)


def _put(cache, key: str, value) -> None:
    """Keep ``value`` in ``cache`` as a file of its pickled bytes, written as they are made.

    Handed over as a file: for a pickled value diskcache writes its bytes a line at a time (1.75
    million writes, 2.1 s of an add at 100,000 articles). Pickled into a pipe that diskcache
    reads from, not into one bytes object first: at 100,000 articles that object was 553 MB on
    top of the analysis, at the moment the analysis is largest. A pickling that fails leaves no
    entry behind."""
    import threading

    read_end, write_end = os.pipe()
    failed: list[BaseException] = []

    def write() -> None:
        try:
            with open(write_end, "wb", buffering=1 << 20) as pipe:
                _Pickler(pipe, cache).dump(value)
        except BaseException as exc:  # reported below, in the caller's thread
            failed.append(exc)

    writer = threading.Thread(target=write, name="tonlage-cache-write", daemon=True)
    writer.start()
    try:
        with open(read_end, "rb") as pipe:
            cache.set(key, pipe, read=True, retry=True)
    finally:
        writer.join()
    if failed:
        cache.delete(key, retry=True)
        raise failed[0]


# A sentence part's cache entry: this prefix and the BLAKE2b of its bytes.
_PART = "sentence-part:"
# A part of the articles' texts: this prefix and its name (tonlage.storage.article_texts.part_key).
_TEXT_PART = "text-part:"


class _Pickler(pickle.Pickler):
    """Pickles an analysis for the cache with each Parquet part of its sentences
    (:class:`~tonlage.storage.sentence_store.SentenceStore`) and each part of its articles' texts
    (:class:`~tonlage.storage.article_texts.TextPart`) as a cache entry of its own, named by its content
    and written only when the cache does not have it yet. An add to a workspace leaves most
    parts as they were (kept batches, :mod:`tonlage.analysis.incremental`; texts in the order the
    articles came): at 100,000 articles the 146 MB of sentence parts and the 274 MB of texts
    were written again at every add. An entry whose part was evicted since cannot be read and
    is analysed afresh (:func:`_remembered`)."""

    def __init__(self, file, cache):
        from .sentence_store import SentenceStore

        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.cache = cache
        self._store_type = SentenceStore

    def persistent_id(self, obj):
        # Asked of every object pickled (400,000 at 100,000 articles): kept to two type checks
        # (an import statement here took 0.64 s of an add's 0.73 s of pickling).
        kind = type(obj)
        if kind is TextPart:
            self._keep_text_part(obj)
            return ("text-part", obj.key, len(obj))
        if kind is not self._store_type or obj.in_memory:
            return None
        return (
            "sentence-parts",
            len(obj),
            obj.columns,
            [self._part(path, obj.digest_of(path)) for path in obj.part_files()],
        )

    def _keep_text_part(self, part: TextPart) -> None:
        import pyarrow as pa

        key = _TEXT_PART + part.key
        kept = self.cache.get(key, default=None, read=True, retry=True)  # marks it used (LRU)
        if kept is not None:
            kept.close()
            return
        sink = io.BytesIO()
        table = pa.table({"text": part.array})
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        sink.seek(0)
        self.cache.set(key, sink, read=True, retry=True)

    def _part(self, path: Path, digest: str) -> str:
        key = _PART + digest
        kept = self.cache.get(key, default=None, read=True, retry=True)  # marks it used (LRU)
        if kept is not None:
            kept.close()
        else:
            with open(path, "rb") as f:
                self.cache.set(key, f, read=True, retry=True)
        return key


def _read(found, cache=None):
    """An entry of the cache: a file of pickled bytes (as :func:`_remembered` writes them, its
    sentence parts read from ``cache``), a value diskcache unpickled itself (written before), or
    None."""
    if found is None or not hasattr(found, "read"):
        return found
    with found:
        unpickler = pickle.Unpickler(found)
        unpickler.persistent_load = lambda pid: _load_parts(cache, pid)
        return unpickler.load()


def _text_part(cache, key: str) -> TextPart | None:
    """The part of articles' texts named ``key`` that ``cache`` keeps; None when it has none
    (or one that cannot be read).

    The entry's file is memory-mapped, not read: the texts are then pages of the file that the
    system shares between the processes that read it and can drop and read again, not memory
    of each process (reading the 274 MB of 100,000 articles took 0.36 s; mapping them 0.01 s).
    A file the cache deletes while mapped stays readable until it is unmapped (Linux, macOS).
    A part small enough to be kept inside the cache's database is read."""
    import pyarrow as pa

    try:
        found = cache.get(_TEXT_PART + key, default=None, read=True, retry=True)
        if found is None:
            return None
        with found:
            name = getattr(found, "name", None)
            source = pa.memory_map(name) if isinstance(name, str) else pa.py_buffer(found.read())
        column = pa.ipc.open_stream(source).read_all().column(0)
        return TextPart(key, column.chunk(0) if column.num_chunks == 1 else column.combine_chunks())
    except Exception:  # a damaged entry costs the part's making (it is made again), not the analysis
        log.warning("text part %s in %s could not be read", key, cache.directory, exc_info=True)
        with contextlib.suppress(Exception):  # a read-only cache: the part is made, just not kept
            cache.delete(_TEXT_PART + key, retry=True)
        return None


def _part_file(cache, digest: str) -> Path | None:
    """The file in which ``cache`` keeps the sentence part of ``digest`` (:class:`_Pickler`),
    for a workspace's kept batch to link instead of writing its part again; None when it has
    none kept as a file. The cache never writes into a kept file (a new value is a new file)."""
    try:
        found = cache.get(_PART + digest, default=None, read=True, retry=True)  # marks it used (LRU)
    except Exception:  # a damaged cache: the part is taken from the workspace
        return None
    if found is None:
        return None
    with found:
        name = getattr(found, "name", None)
    return Path(name) if isinstance(name, str) else None


def _load_parts(cache, pid):
    """The sentence store or the part of texts :class:`_Pickler` left a reference to; KeyError
    when a part is gone."""
    from .sentence_store import SentenceStore

    if pid[0] == "text-part" and cache is not None:
        part = _text_part(cache, pid[1])
        if part is None or len(part) != pid[2]:
            raise KeyError(f"text part {pid[1]} is no longer in the cache")
        return part
    kind, rows, columns, keys = pid
    if kind != "sentence-parts" or cache is None:
        raise pickle.UnpicklingError(f"unknown reference {kind!r}")
    files = []
    try:
        for key in keys:
            f = cache.get(key, default=None, read=True, retry=True)
            if f is None:
                raise KeyError(f"sentence part {key} is no longer in the cache")
            files.append(f)
        return SentenceStore.from_parts(files, rows, columns, [key[len(_PART) :] for key in keys])
    finally:
        for f in files:
            f.close()


def _unpickled(read):
    """``read()`` with the cyclic garbage collector paused: an analysis unpickles into millions of
    small objects (the sentences' evidence messages among them), all of them reachable, and the
    collector would otherwise run over the growing heap again and again while they are made
    (about ten times the time of the unpickling itself)."""
    from ..analysis.runtime import paused_gc

    with paused_gc():
        return read()
