"""From a folder of files to an :class:`~tonlage.model.AnalysedCorpus`, in one pass.

Per-article work (loading, sentences, tokens, language, tone, actors, theme terms) is
independent and runs in worker processes for large corpora; the
corpus-wide steps (grouping duplicates, genitive folding, the theme model, the tables) run in the
calling process, the theme model's NMF on two threads (tonlage.themes._coordinate_descent).
"""

from __future__ import annotations

import csv
import gc
import logging
import math
import os
import sys
import tempfile
import threading
import time
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import filterfalse
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .. import __version__
from ..actors import ActorMatcher, read_actors
from ..aggregates import actor_tone, article_tone, theme_tone
from ..corpus import RawArticle, attach_metadata, list_files, text_digest
from ..duplicates import DuplicateSketches
from ..i18n import N_, Message, join, message
from ..ingest.run import articles_from_path
from ..inputs import corpus_fingerprint, resolve_inputs, resolve_side_files
from ..model import (
    ARTICLE_COLUMNS,
    ARTICLE_THEME_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SCORED_LANGUAGES,
    SENTENCE_COLUMNS,
    SKIPPED_COLUMNS,
    THEME_LANGUAGES,
    AnalysedCorpus,
    message_column,
)
from ..reading.furniture import learn_recurring, recurring_candidate, source_key
from ..reading.language import detect_language
from ..storage.article_texts import TEXT_PART_ROWS, ArticleTexts, TextPart, part_key, text_array
from ..storage.sentence_store import SentenceWriter
from ..text import LemmaTable, LemmaTermTable, genitive_folds, lemmatize, split_sentences, tokenize
from ..themes import (
    TermTable,
    ThemeModel,
    credit_markers,
    default_n_themes,
    german_stopwords,
    is_credit_line,
    merge_phrases,
    sentence_features,
)
from ..thresholds import BATCH_ARTICLES, EVIDENCE_CACHE
from ..tone import ToneScorer
from ..tone.scorer import SentenceTone, packed_evidence
from ..tone.tokens import NON_WORD_TOKENS, tokenize_with_punctuation
from ..voices import VoiceFinder
from . import jobs
from .lexicon_cache import load_german_dictionary
from .runtime import paused_gc, return_free_memory
from .workers import PARALLEL_FROM, process_pool

__all__ = [
    "analyse_folder",
    "analyse_articles",
    "load_articles",
    "strip_recurring_lines",
    "neutral_band",
    "default_n_themes",
    "read_events",
    "THEME_LANGUAGES",
    "SCORED_LANGUAGES",
]

log = logging.getLogger(__name__)

# THEME_LANGUAGES, SCORED_LANGUAGES: see tonlage.model (imported above).
# Quotes and speakers are found with German rules (verbs of saying, Konjunktiv I).
VOICE_LANGUAGES = frozenset({"de", "unknown"})
_NOT_ANALYSED = ("not analysed", "", "", "", (), 0.0)
# The evidence of a sentence in a language without a tone word list.
_NOT_SCORED = message("tone not scored for this language")


def read_events(path: str | Path | None) -> pd.DataFrame:
    """Event markers from a CSV with columns ``date,label,description``; rows with a bad date are
    dropped. A missing file gives an empty table."""
    if path is None or not Path(path).is_file():
        return pd.DataFrame({c: pd.Series(dtype="object") for c in EVENT_COLUMNS})
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["date"] = pd.to_datetime(df.get("date"), errors="coerce", format="%Y-%m-%d")
    df = df.dropna(subset=["date"])
    for col in ("label", "description"):
        if col not in df:
            df[col] = ""
    # Optional translations (label_de, description_de, ...) travel along for the UI.
    extra = [c for c in df.columns if c.startswith(("label_", "description_"))]
    return df[list(EVENT_COLUMNS) + extra].sort_values("date").reset_index(drop=True)


class _Clock:
    """Wall-clock seconds per pipeline stage, kept in ``params["timings"]`` for benchmarks."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        # Resident memory of this process after each stage and its peak so far, in MB (Linux;
        # empty elsewhere): where the memory of an analysis goes (bench.memory prints it).
        self.memory: dict[str, tuple[int, int]] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 4)
        self._last = now
        rss = _resident_mb()
        if rss is not None:
            self.memory[name] = rss


def _resident_mb() -> tuple[int, int] | None:
    """(resident, peak resident) MB of this process from /proc, None where there is none."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            status = dict(line.split(":", 1) for line in f if line.startswith(("VmRSS", "VmHWM")))
    except OSError:
        return None
    return int(status["VmRSS"].split()[0]) // 1024, int(status["VmHWM"].split()[0]) // 1024


@dataclass
class _Parsed:
    """What one worker learns about one article (everything that needs no other article)."""

    # Sequences, not lists: a kept article's result (_BatchTables.add_kept) shares empty tuples.
    spans: Sequence[tuple[int, int]]
    n_words: list[int]  # per sentence
    language: str
    tones: Sequence[tuple[float, str, str]]  # per sentence: score, label, explanation
    mentions: Sequence[tuple[str, str, int, int, int]]  # actor, alias, start, end, sentence index
    features: Sequence[str]  # theme terms and bigrams of the article
    voices: Sequence[tuple]  # per sentence: voice, speaker, actor, kind, spans, share
    # Per sentence that gave features, three numbers: key of its text, first feature, end. Lets
    # the theme step drop sentences that many stories repeat word for word (_boilerplate_keys).
    # A flat int64 array: 24 bytes a sentence instead of ~130 for a tuple of three ints, which
    # is ~100 MB less at 10,000 articles (they travel from the worker processes, too).
    feature_sentences: array = field(default_factory=lambda: array("q"))


# The feature sentences of kept articles whose features are not read (_BatchTables.add_kept):
# one array shared by all of them, never extended (the analysis replaces it when it reads them).
_NO_FEATURE_SENTENCES = array("q")

# Built once per process (workers and the main process alike), not once per file.
_WORKER: dict = {}
# One analysis at a time per process: the app may ask from several sessions' threads at once,
# and _WORKER and the garbage-collector switch are process-wide.
_ANALYSIS_LOCK = threading.Lock()


def _init_worker(actors) -> None:
    load_german_dictionary()  # a worker forked from the forkserver has it already
    # The per-file work creates millions of small, acyclic objects (tokens, tuples) that
    # reference counting frees; the cyclic collector only re-scans them, costing ~20 %.
    gc.disable()
    matcher = ActorMatcher(actors).fit()
    phrases = _actor_phrases(matcher)
    lemmas, terms, starts = LemmaTable(), TermTable(german_stopwords()), frozenset(k[0] for k in phrases)
    _WORKER.update(
        scorer=ToneScorer().fit(),
        matcher=matcher,
        lemmas=lemmas,
        terms=terms,
        lemma_terms=LemmaTermTable(lemmas, terms, starts),
        phrases=phrases,
        starts=starts,
        voices=VoiceFinder(actors).fit(),
        credits=credit_markers(),
    )


def _actor_phrases(matcher: ActorMatcher) -> dict[tuple[str, ...], str]:
    """Multi-word actor aliases as lemma tuples → canonical name, so themes count "Marco Rubio"
    and "Vereinigten Staaten" as "Rubio" and "USA" rather than as their parts."""
    phrases: dict[tuple[str, ...], str] = {}
    for alias, actor in matcher.alias_to_actor_.items():
        toks = tokenize(alias)
        if 2 <= len(toks) <= 3:
            phrases.setdefault(tuple(lemmatize(t) for t in toks), actor.name)
    return phrases


def _parse(text: str) -> _Parsed:
    w = _WORKER
    scorer, lemmas, terms, phrases, starts = w["scorer"], w["lemmas"], w["terms"], w["phrases"], w["starts"]
    spans = split_sentences(text)
    language = detect_language(text)
    sentence_marks: list[list[str]] | None = None  # each sentence's tone tokens, where made
    if language == "en":
        if "english" not in w:
            from ..tone.english import EnglishToneScorer

            w["english"] = EnglishToneScorer().fit()
        tones = [w["english"].score_sentence(text[s:e]) for s, e in spans]
        tokens = [tokenize(text[s:e]) for s, e in spans]
    elif language in SCORED_LANGUAGES:
        tones = []
        tokens = []
        # The sentence's tokens with punctuation, not its words alone: the tone rules read
        # punctuation (clauses, quotes, a particle at a clause's end). Its words are taken from
        # the same tokens rather than tokenising the sentence a second time, and so are the
        # voices' words where they are the same.
        sentence_marks = []
        for s, e in spans:
            marks = tokenize_with_punctuation(text[s:e])
            t = scorer.score_tokens(marks)
            tones.append((t.score, t.label, _evidence(t)))
            tokens.append(sentence_words(marks, text, s, e))
            sentence_marks.append(marks)
    else:
        tones = [(float("nan"), "not scored", _NOT_SCORED)] * len(spans)
        tokens = [tokenize(text[s:e]) for s, e in spans]
    features: list[str] = []
    feature_sentences = array("q")
    if language in THEME_LANGUAGES:
        credits = w["credits"]
        # dict lookups by map (the tables fill themselves on a miss: __missing__)
        lemma_of, term_of = lemmas.__getitem__, terms.__getitem__
        lemma_terms = w["lemma_terms"]
        term_of_token, phrase_tokens = lemma_terms.__getitem__, lemma_terms.watched_tokens
        for (s, e), toks in zip(spans, tokens):
            if is_credit_line(toks, credits):
                continue  # "Foto: Imago/Max Muster": a name that names no theme
            # Each token's term in one lookup; a sentence with a token whose lemma opens an
            # actor's phrase (known once its term was looked up) merges its lemmas first.
            sentence_terms = list(map(term_of_token, toks))
            if not phrase_tokens.isdisjoint(toks):
                sentence_terms = list(map(term_of, merge_phrases(list(map(lemma_of, toks)), phrases, starts)))
            first = len(features)
            features.extend(sentence_features(sentence_terms))
            if len(features) > first:
                feature_sentences.extend((_sentence_key(text[s:e]), first, len(features)))
    starts_at = [s for s, _ in spans]
    mentions = [
        (actor, alias, s, e, max(0, bisect_right(starts_at, s) - 1)) for actor, alias, s, e in w["matcher"].find(text)
    ]
    if language in VOICE_LANGUAGES:
        voices = [
            (v.voice, v.speaker, v.speaker_actor, v.quote_kind, v.quote_spans, v.quote_share)
            for v in w["voices"].sentence_voices(text, spans, marks=sentence_marks)
        ]
    else:
        voices = [_NOT_ANALYSED] * len(spans)
    return _Parsed(spans, [len(t) for t in tokens], language, tones, mentions, features, voices, feature_sentences)


def _evidence(tone: SentenceTone) -> Message:
    """``tone.explain()``, packed as a pickle brings it (its English text and JSON form:
    :func:`~tonlage.tone.scorer.packed_evidence`), shared by the sentences whose cues carry no
    rule note: their evidence is their words and weights alone ("Erfolg +0.56 · Krise −0.80"),
    and most sentences' are one of a few thousand. A packed message pickles as it is (an
    unpacked one is turned into JSON again for each sentence on its way out of a worker
    process)."""
    cues = tone.cues
    if not cues or all(not c.note for c in cues):
        key = tuple((c.word, c.weight) for c in cues) if cues else ()  # (most sentences: no cue)
        found = _EVIDENCE.get(key)
        if found is None:
            found = packed_evidence(tone)
            if len(_EVIDENCE) < EVIDENCE_CACHE:
                _EVIDENCE[key] = found
        return found
    return packed_evidence(tone)


# The evidence of cues without rule notes (see _evidence); bounded, per process.
_EVIDENCE: dict[tuple[tuple[str, float], ...], Message] = {}


def sentence_words(marks: list[str], text: str, start: int, end: int) -> list[str]:
    """``tokenize(text[start:end])`` from the sentence's tokens with punctuation (``marks``, of
    :func:`tonlage.tone.tokens.tokenize_with_punctuation`).

    Both patterns match words and numbers alike, and the punctuation pattern's other tokens
    (marks, a spaced dash) never hold a letter or digit, so the words are the tokens that start
    with one; except after an emoticon that took a letter or digit (":D", "<3"): then the
    sentence is tokenised again.
    """
    words = list(filterfalse(NON_WORD_TOKENS.__contains__, marks))  # (those that start with one)
    # Such an emoticon holds ":", ";" or "<": a sentence without them (most) is not scanned.
    if (
        len(words) < len(marks)
        and (text.find(":", start, end) >= 0 or text.find(";", start, end) >= 0 or text.find("<", start, end) >= 0)
        and any(len(m) > 1 and m[0] in ":;<" for m in marks)
    ):
        return tokenize(text[start:end])
    return words


def _sentence_key(sentence: str) -> int:
    """A stable key of a sentence's exact wording: its length and CRC-32 (the same in every
    worker process, unlike ``hash``; a third of the cost of a cryptographic hash, and a rare
    collision only makes two sentences count as one when finding boilerplate)."""
    return (len(sentence) << 32) | zlib.crc32(sentence.encode())


def _read_file(job) -> tuple[list[RawArticle], list[tuple[str, str]]]:
    """One file of a folder (path, name, today) → its articles and what could not be read."""
    path, rel, today = job
    return articles_from_path(path, rel, today=today)


def _parse_article(raw: RawArticle) -> _Parsed:
    return _parse(raw.text)


def _parse_with_digest(raw: RawArticle) -> tuple[str, _Parsed]:
    """The article's text digest and :func:`_parse` of that text (a parse handed over before
    the text could still change: the digest says which text it is of)."""
    return raw.digest(), _parse_article(raw)


def _submit_kept(pool, todo: list[RawArticle], workers: int, actors, fn=None) -> Iterator:
    if not workers:  # none looked new, but a text changed with its source's recurring lines
        _init_worker(actors)
    return _submit(pool, fn or _parse_article, todo, workers)


def _submit(pool, fn, items: list, workers: int) -> Iterator:
    """``fn`` of each item, in order: with a pool, handed to its workers at once (so they work
    on them while this process writes the batch before), and computed as they are asked for
    without one. Read it with :func:`_collect`."""
    if pool is None:
        return (fn(x) for x in items)
    return pool.map(fn, items, chunksize=max(8, len(items) // (workers * 8)))


def _submit_soon(pool, fn, items: list, workers: int) -> Iterator:
    """:func:`_submit` from a thread, so that this process goes on at once: handing work to a
    pool waits until its processes have started, and they wait for the forkserver's imports
    (an add's new texts are handed over before its articles are read, and reading them took the
    0.7 s it waited). The results are read as from :func:`_submit`."""
    box: list = []

    def submit() -> None:
        try:
            box.append(_submit(pool, fn, items, workers))
        except BaseException as exc:  # raised where the results are read
            box.append(exc)

    thread = threading.Thread(target=submit, name="tonlage-hand-over", daemon=True)
    thread.start()

    def results() -> Iterator:
        thread.join()
        if isinstance(box[0], BaseException):
            raise box[0]
        yield from box[0]

    return results()


def _collect(results: Iterator) -> list:
    # One item at a time for the progress bar (jobs.advance also stops a cancelled analysis).
    out = []
    for result in results:
        out.append(result)
        jobs.advance()
    return out


def _map(pool, fn, items: list, workers: int) -> list:
    return _collect(_submit(pool, fn, items, workers))


@contextmanager
def _workers(actors, workers: int, scheduler: str | None = None):
    """A pool of worker processes (None for one process), each set up once for both steps; with
    ``scheduler`` (a Dask scheduler's address), the workers of that cluster (tonlage.analysis.cluster)."""
    if scheduler and workers:
        from .cluster import cluster_pool  # imports Dask: only when asked for

        with cluster_pool(scheduler, initializer=_init_worker, initargs=(actors,)) as cluster:
            yield cluster
        return
    if workers <= 1:
        if workers:  # 0: a workspace with nothing new to parse (tonlage.analysis.incremental)
            _init_worker(actors)  # disables the cyclic GC; analyse_folder restores it
        yield None
        return
    with process_pool(workers, initializer=_init_worker, initargs=(actors,)) as pool:
        yield pool


def _auto_workers(n_files: int) -> int:
    # Starting worker processes costs ~2 s; it pays off from a few hundred articles.
    return 1 if n_files < PARALLEL_FROM else max(1, min(4, os.cpu_count() or 1))


def strip_recurring_lines(raws: list[RawArticle], lines: list | None = None) -> dict[str, dict[str, str]]:
    """Learn each source's recurring lines over the corpus (see
    :func:`tonlage.reading.furniture.learn_recurring`) and take them out of the articles' text, kept in
    their ``removed_lines`` as kind "recurring". A source is the article's outlet, else its web
    domain, else its folder. ``lines``: each article's
    :func:`tonlage.reading.furniture.recurring_lines_of`, when they are known (a workspace keeps them).

    Returns:
        What was learned: source → {key: line} (see :func:`tonlage.reading.furniture.learn_recurring`).
    """
    sources = [source_key(a.source, a.url, a.file) for a in raws]  # asked once an article
    if lines is None:
        learned = learn_recurring(zip(sources, (a.text for a in raws)))
    else:
        learned = learn_recurring(zip(sources, range(len(raws))), lines_of=lines.__getitem__)
    if not learned:
        return learned
    for i, a in enumerate(raws):
        recurring = learned.get(sources[i])
        if not recurring:
            continue
        # A text none of whose short lines recur is left as it is, unread (a stored article's
        # text is decoded only when read).
        if lines is not None and not any(key in recurring for key, _ in lines[i][1]):
            continue
        kept, removed = [], []
        for line in a.text.split("\n"):
            if line.strip() and recurring_candidate(line) in recurring:
                removed.append(("recurring", line.strip()))
            else:
                kept.append(line)
        if removed and any(x.strip() for x in kept):  # never empty an article
            text = "\n".join(kept)
            while "\n\n\n" in text:
                text = text.replace("\n\n\n", "\n\n")
            a.text = text.strip()
            a.removed_lines = list(a.removed_lines) + removed
    return learned


def _date_label(article: RawArticle) -> str:
    if article.date is None:
        return "undated"
    return article.date.strftime("%Y-%m") if article.date_precision == "month" else article.date.isoformat()


def analyse_folder(
    corpus_dir: str | Path,
    *,
    n_themes: int | None = None,
    events_file: str | Path | None = None,
    actors_file: str | Path | None = None,
    random_state: int = 0,
    today: date | None = None,
    workers: int | None = None,
    theme_encoder: bool = False,
    scheduler: str | None = None,
    known_texts: Callable[[str], TextPart | None] | None = None,
) -> AnalysedCorpus:
    """Load and analyse every article file in ``corpus_dir``.

    Args:
        corpus_dir: Folder of article files in any format :mod:`tonlage.ingest` reads (zip
            archives are opened), optionally with a ``metadata.csv``.
        n_themes: Number of themes; ``None`` picks :func:`default_n_themes` for the corpus size.
        events_file: CSV of event markers; defaults to ``events.csv`` in the folder, if present.
        actors_file: CSV actor list; defaults to the bundled ``data/actors.csv``.
        random_state: Seed for everything random (NMF); same input and seed, same output.
        today: Reference day for date plausibility (defaults to today).
        workers: Processes for the per-article work; ``None`` uses all cores for large corpora
            and one process for small ones. Results do not depend on it.
        theme_encoder: Quality mode for themes: embed each article with the sentence encoder
            (:mod:`tonlage.encoder`) and let similar articles share words before NMF. Costs
            time (see :func:`tonlage.encoder.encoder_cost`); without the encoder installed the
            standard themes are made and ``params["theme_quality"]`` says so.
        scheduler: Address of a Dask scheduler (``tcp://HOST:PORT``): the files are read and
            the articles analysed on its workers (:mod:`tonlage.analysis.cluster`), with the same
            results; ``workers`` is then ignored. Raises :class:`tonlage.analysis.cluster.ClusterError`
            when the cluster cannot be used.
        known_texts: Parts of the articles' texts made before, by name (the analysis cache:
            :mod:`tonlage.storage.article_texts`); a part found is taken, not made again.
    """
    corpus_dir, events_file, actors_file = resolve_inputs(corpus_dir, events_file, actors_file)
    problems: list[tuple[str, str]] = []
    actors, events = _side_files(actors_file, events_file, problems)
    files, skipped = list_files(corpus_dir)
    today = today or date.today()  # one day for every file, even across midnight
    to_read = [(path, rel, today) for path, rel in files]
    del files  # (the analysis empties to_read once the files are read: see _analyse)
    return _locked(
        _analyse,
        to_read,
        problems + skipped,
        actors,
        events,
        n_themes,
        random_state,
        workers,
        metadata_dir=corpus_dir,
        corpus_name=str(corpus_dir),
        fingerprint=corpus_fingerprint(corpus_dir, events_file, actors_file),
        theme_encoder=theme_encoder,
        scheduler=scheduler,
        known_texts=known_texts,
        dates_as_of=today,
    )


def load_articles(
    corpus_dir: str | Path, *, today: date | None = None
) -> tuple[list[RawArticle], list[tuple[str, str]]]:
    """The loading step of :func:`analyse_folder` on its own: every file of ``corpus_dir`` read
    as the analysis reads it, ``metadata.csv`` applied, recurring lines taken out (see
    :func:`strip_recurring_lines`).

    Returns:
        (articles, skipped) where ``skipped`` holds (file, reason) pairs.
    """
    files, skipped = list_files(corpus_dir)
    raws: list[RawArticle] = []
    for path, rel in files:
        found, not_read = articles_from_path(path, rel, today=today)
        raws.extend(found)
        skipped.extend(not_read)
    attach_metadata(raws, corpus_dir, skipped)
    strip_recurring_lines(raws)
    return raws, skipped


def analyse_articles(
    articles: list[RawArticle] | Callable[[], list[RawArticle]],
    *,
    fingerprint: str,
    name: str = "",
    n_themes: int | None = None,
    events_file: str | Path | None = None,
    actors_file: str | Path | None = None,
    random_state: int = 0,
    workers: int | None = None,
    theme_encoder: bool = False,
    kept=None,
    scheduler: str | None = None,
    known_texts: Callable[[str], TextPart | None] | None = None,
) -> AnalysedCorpus:
    """Analyse articles already read (a workspace's, with the reader's edits applied).

    Args:
        articles: The articles; their ids must be unique. Or a function that reads them, called
            once: a workspace's, whose new texts may go to the workers before it is called.
        fingerprint: What identifies this corpus state (the cache key), e.g. a workspace's.
        name: Shown as the corpus's name in the analysis parameters.
        kept: A workspace's stored results (:class:`tonlage.analysis.incremental.KeptResults`): only new
            and changed articles are analysed, and the themes are kept.
        Others: as :func:`analyse_folder`.
    """
    events_file, actors_file = resolve_side_files(events_file, actors_file)
    problems: list[tuple[str, str]] = []
    actors, events = _side_files(actors_file, events_file, problems)
    return _locked(
        _analyse,
        articles if callable(articles) else list(articles),
        problems,
        actors,
        events,
        n_themes,
        random_state,
        workers,
        metadata_dir=None,
        corpus_name=name,
        fingerprint=fingerprint,
        theme_encoder=theme_encoder,
        kept=kept,
        scheduler=scheduler,
        known_texts=known_texts,
    )


def _side_files(actors_file, events_file, problems: list) -> tuple[list, pd.DataFrame]:
    actors = _read_or_report(
        read_actors,
        actors_file,
        problems,
        [],
        N_(
            "The actor list could not be read ({error}); no actors are tracked. It must be a "
            "UTF-8 CSV with the columns actor,kind,aliases."
        ),
    )
    events = _read_or_report(
        read_events,
        events_file,
        problems,
        read_events(None),
        N_(
            "The events file could not be read ({error}); no event markers are shown. It must "
            "be a UTF-8 CSV with the columns date,label,description."
        ),
    )
    return actors, events


def _locked(analyse, *args, **kwargs) -> AnalysedCorpus:
    """One analysis at a time per process, with the cyclic GC paused (see _init_worker)."""
    with _ANALYSIS_LOCK, paused_gc():
        return analyse(*args, _Clock(), **kwargs)


def _read_or_report(reader, path, problems: list, fallback, reason: str):
    """``reader(path)``, or ``fallback`` with a plain reason in ``problems`` when the file is
    malformed: a bad side file never stops the corpus from loading."""
    if not path:
        return fallback
    try:
        return reader(path)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, csv.Error, pd.errors.ParserError) as exc:
        problems.append((Path(path).name, message(reason, error=exc.__class__.__name__)))
        return fallback


def _plan_workers(files, kept, workers: int | None, scheduler: str | None) -> tuple:
    """(the articles or the function that reads them, the new texts to hand over before they are
    read or None, the number of worker processes) of :func:`_analyse`.

    A workspace's articles come as a function that reads them (analyse_workspace): an add's new
    texts go to the workers before they are read (tonlage.analysis.incremental.new_texts_early)."""
    early = None
    if callable(files):
        if kept is not None and workers is None and scheduler is None:
            early = kept.new_texts_early(BATCH_ARTICLES)
            if early is not None and len(early) < PARALLEL_FROM:
                early = None  # analysed in this process (no workers to hand them to)
        if early is None:
            files = files()
    if early is not None:
        return files, early, _auto_workers(len(early))
    if kept is not None and workers is None:
        todo = kept.to_parse(files)
        workers = _auto_workers(todo) if todo else 0  # 0: nothing to parse, no set-up
    return files, None, _auto_workers(len(files)) if workers is None else workers


def _analyse(
    files,
    skipped,
    actors,
    events,
    n_themes,
    random_state,
    workers,
    clock,
    *,
    metadata_dir,
    corpus_name,
    fingerprint,
    theme_encoder=False,
    kept=None,
    scheduler=None,
    known_texts=None,
    dates_as_of=None,
) -> AnalysedCorpus:
    files, early, workers = _plan_workers(files, kept, workers, scheduler)
    with _workers(actors, workers, scheduler) as pool:
        workers = getattr(pool, "workers", workers)  # a Dask cluster's threads
        if early is not None:
            if pool is not None:
                kept.hand_over(early, partial(_submit_soon, pool, _parse_with_digest, workers=workers))
            files = files()
            kept.to_parse(files)  # each article's key as stored, read when its batch is made
        # Articles read here are this analysis's own: their texts may be let go (see below).
        own = bool(files) and not isinstance(files[0], RawArticle)
        if own:
            jobs.stage(N_("Reading the files"), total=len(files))
            raws = []
            for found, not_read in _map(pool, _read_file, files, workers):
                raws.extend(found)
                skipped.extend(not_read)
            files.clear()  # the files' paths, held to the end, were ~0.5 KB an article
        else:
            raws = list(files)
        if metadata_dir is not None:
            attach_metadata(raws, metadata_dir, skipped)
        dated = _dates_valid(raws, dates_as_of)
        if kept is not None:
            run = partial(_submit_kept, pool, workers=workers, actors=actors)
            if pool is not None:  # the new texts go to the workers now, as stored (most keep every line)
                run = kept.parse_ahead(raws, partial(run, fn=_parse_with_digest), run, BATCH_ARTICLES)
        # A line that recurs across a source's articles is that source's furniture; it is only
        # known once every article is read, so it is taken out before the per-article analysis.
        strip_recurring_lines(raws, None if kept is None else kept.recurring_lines(raws))
        order = [(r.date or date.max, r.article_id) for r in raws]  # of the duplicate search
        meta: list[dict] = []  # the article table's metadata columns, when made ahead

        def read_ahead() -> None:
            # What needs no new result, made while this process would wait for the workers:
            # the duplicates, the kept theme fit, the article table's metadata columns.
            kept.read_ahead(raws, order, random_state)
            meta.append(_article_meta(raws))

        clock.lap(f"load ({workers} process{'es' if workers > 1 else ''})")
        jobs.stage(N_("Sentences, tone, actors and quotes"), total=len(raws))
        matcher = ActorMatcher(actors).fit()
        tables = _BatchTables(matcher.kinds_)
        if kept is None:
            # What the corpus-wide steps need of a text is made with its batch: its duplicate
            # sketch and its part of the texts' column. The texts of articles read here are then
            # let go (the quality mode reads them again for the themes): held to the end, they
            # were ~5 KB an article (most German texts are two bytes a character as strings).
            sketches = DuplicateSketches(random_state=random_state)
            text_parts = _TextParts(known_texts, to_file=True)
            parsed = _parse_batches(pool, workers, raws, tables, sketches, text_parts, own and not theme_encoder)
        else:  # a workspace's kept results: only new or changed texts are parsed
            parsed = kept.run_batches(
                raws,
                run,
                BATCH_ARTICLES,
                tables,
                collect=_collect,
                idle=read_ahead,
            )
    clock.lap(f"sentences, language, tone, actors, voices ({workers} process{'es' if workers > 1 else ''})")
    jobs.stage(N_("Finding stories printed more than once"))
    if kept is None:
        dups = sketches.find(order=order)
    else:  # the sketches of texts seen before are kept
        dups = kept.duplicates(raws, order, random_state)
    clock.lap("duplicates")
    if kept is not None and not theme_encoder:  # the quality mode reads the texts for the themes
        kept.release_texts(raws)
    return_free_memory()  # what the per-article stage, the duplicates and the texts let go

    jobs.stage(N_("Finding the themes"))
    embeddings, quality = _theme_embeddings(raws, parsed, theme_encoder)
    if embeddings is not None:
        clock.lap("theme encoder")
    with _theme_partition_map(scheduler) as partition_map:
        theme_model, themes_df, art_themes = (_themes if kept is None else kept.themes)(
            raws,
            parsed,
            matcher,
            n_themes,
            random_state,
            story=list(dups.representative),
            embeddings=embeddings,
            partition_map=partition_map,
        )
    if getattr(theme_model, "smoothing_skipped_", False) and quality == "encoder":
        quality = "encoder skipped"  # fitted in partitions: no neighbour smoothing (ThemeModel.fit)
    clock.lap("themes")
    jobs.stage(N_("Building the tables"))
    sentences, mentions, tone, actor_articles = tables.close(raws)
    articles = _article_table(raws, parsed, tone, tables, theme_model, dups, meta[0] if meta else None)
    texts = text_parts.close(raws) if kept is None else _article_texts(raws, kept.texts, known_texts)
    themes_df = theme_tone(themes_df, art_themes, articles)
    clock.lap("tables")

    params = {
        "version": __version__,
        "n_themes": int(theme_model.n_themes_),
        "n_themes_requested": n_themes,
        "theme_stability": _mean_or_nan(theme_model.stability_),
        "theme_stability_runs": int(theme_model.stability_runs_),
        "theme_stability_seconds": round(float(theme_model.stability_seconds_), 4),
        "theme_boilerplate_sentences": int(theme_model.boilerplate_sentences_),
        "theme_quality": quality,
        # How the themes were fitted: "exact" (NMF of the whole TF-IDF matrix) or "partitions"
        # (MiniBatchNMF over fit_parts partitions, the matrix over TONLAGE_THEME_MATRIX_MB).
        "theme_method": str(getattr(theme_model, "fit_method_", "exact")),
        "theme_parts": int(getattr(theme_model, "fit_parts_", 1)),
        "theme_matrix_bytes": int(getattr(theme_model, "matrix_bytes_", 0)),
        "random_state": random_state,
        "neutral_band": neutral_band(),
        "n_actors": len(actors),
        "corpus_dir": corpus_name,
        "workers": workers,
        "timings": clock.laps,
        "memory_mb": clock.memory,
        **dated,
    }
    return AnalysedCorpus(
        articles=articles,
        sentences=sentences,
        themes=themes_df,
        article_themes=art_themes,
        mentions=mentions,
        actor_articles=actor_articles,
        events=events,
        skipped=pd.DataFrame(
            {"file": [f for f, _ in skipped], "reason": message_column(r for _, r in skipped)},
            columns=list(SKIPPED_COLUMNS),
        ),
        params=params,
        fingerprint=fingerprint,
        texts=texts,
    )


def neutral_band() -> float:
    """The sentence band of the shipped scorer, ``ToneScorer().fit().band_``, without fitting one:
    a fit loads the German lemma dictionary, 0.45 s of an add to a 100,000-article workspace,
    whose main process scores no sentence (the workers do)."""
    from ..tone.model import default_model
    from ..tone.thresholds import RULE_SENTENCE_BAND

    model = default_model()
    layer = model.sentence if model is not None else None
    return float(layer.band) if layer is not None else float(RULE_SENTENCE_BAND)


def _dates_valid(raws: list[RawArticle], as_of: date | None) -> dict:
    """How long the articles' dates, read with ``as_of`` as today, stay as they are:
    ``params["dates_as_of"]`` and ``params["dates_valid_before"]`` (ISO; None when no date weighed
    lay in the future), for :func:`tonlage.storage.store.still_valid`. Nothing for articles whose dates
    were fixed before (a workspace's, read when they were added)."""
    if as_of is None:
        return {}
    future = min([d for d in (r.date_future for r in raws) if d is not None], default=None)
    return {"dates_as_of": as_of.isoformat(), "dates_valid_before": future.isoformat() if future else None}


def _sentence_table(raws: list[RawArticle], parsed: list[_Parsed]) -> pd.DataFrame:
    n = [len(p.spans) for p in parsed]
    spans = [sp for p in parsed for sp in p.spans]
    tones = [t for p in parsed for t in p.tones]
    voices = [v for p in parsed for v in p.voices]
    texts = [raw.text[s:e] for raw, p in zip(raws, parsed) for s, e in p.spans]
    df = pd.DataFrame(
        {
            "article_id": np.repeat(np.array([r.article_id for r in raws], dtype=object), n),
            "sent_idx": np.concatenate([np.arange(k, dtype="int32") for k in n]) if n else np.zeros(0, "int32"),
            "start": np.array([s for s, _ in spans], dtype="int64"),
            "end": np.array([e for _, e in spans], dtype="int64"),
            "text": texts,
            "n_words": np.array([n for p in parsed for n in p.n_words], dtype="int32"),
            "tone": np.array([t[0] for t in tones], dtype="float64"),
            "tone_label": [t[1] for t in tones],
            "evidence": message_column(t[2] for t in tones),
            "voice": [v[0] for v in voices],
            "speaker": [v[1] for v in voices],
            "speaker_actor": [v[2] for v in voices],
            "quote_kind": [v[3] for v in voices],
            "quote_spans": [v[4] for v in voices],
            "quote_share": np.array([v[5] for v in voices], dtype="float64"),
        },
        columns=list(SENTENCE_COLUMNS),
    )
    return df


class KeptBatch(NamedTuple):
    """What one batch of articles added to :class:`_BatchTables` besides its sentences' Parquet
    part: kept by a workspace (:mod:`tonlage.analysis.incremental`) so that a later analysis takes the
    batch as it is when none of its articles changed."""

    rows: int  # sentences
    tone: pd.DataFrame  # per-article tone (article_tone)
    mentions: pd.DataFrame | None  # None: no actor mentioned in the batch
    actors: pd.DataFrame | None
    n_sentences: list[int]
    n_words: list[int]
    slim: list[_Parsed]
    # Kept compact (tonlage.analysis.incremental): ``slim`` empty, each article's language here, its
    # number of words in ``n_words`` and its theme features packed on their own, so that an add
    # that keeps the themes unpickles none of them (b"" and None: ``slim`` is whole).
    features: bytes = b""
    languages: list[str] | None = None


class _BatchTables:
    """The tables made from a batch of parsed articles as it comes: its sentences written out
    (:class:`~tonlage.storage.sentence_store.SentenceWriter`), its mentions, its articles' tone and
    counts and its (article, actor) rows kept; each article's :class:`_Parsed` is then cut down
    to what the corpus-wide steps read (language, theme features, number of words), so that
    the per-sentence results of only one batch are held at a time."""

    def __init__(self, kinds):
        self.kinds = kinds
        self.writer = SentenceWriter(SENTENCE_COLUMNS)
        self.mentions: list[pd.DataFrame] = []
        self.tone: list[pd.DataFrame] = []
        self.actors: list[pd.DataFrame] = []
        self.n_sentences = array("q")
        self.n_words = array("q")

    def add(self, raws: list[RawArticle], parsed: list[_Parsed], *, keep: bool = False):
        """The batch's tables made and its articles cut down (a list of :func:`_slim` results);
        with ``keep``, (that list, a :class:`KeptBatch` of everything the batch added, the bytes
        of its sentences' Parquet part), which :meth:`add_kept` takes back in a later analysis
        without the batch's parsed results."""
        sentences = _sentence_table(raws, parsed)
        part = self.writer.write(sentences)
        mentions = _mention_table(raws, parsed)
        tone = article_tone(sentences, pd.Index([r.article_id for r in raws], name="article_id"))
        actors = actor_tone(mentions, sentences, self.kinds) if not mentions.empty else None
        n_sentences = [len(p.spans) for p in parsed]
        n_words = [sum(p.n_words) for p in parsed]
        slim = [_slim(p) for p in parsed]
        batch = KeptBatch(
            len(sentences), tone, mentions if actors is not None else None, actors, n_sentences, n_words, slim
        )
        self._take(batch)
        return (slim, batch, part.read_bytes()) if keep else slim

    def add_kept(self, batch: KeptBatch, part: bytes | Path, digest: str | None = None) -> list[_Parsed]:
        """A batch :meth:`add` made in an earlier analysis (``keep``), its sentences' Parquet part
        ``part`` (its bytes, or a file of them: see SentenceWriter.add_part; ``digest``: its
        part_digest, where kept): taken as it is. Raises OSError (nothing taken) when a file
        cannot be."""
        self.writer.add_part(part, batch.rows, digest)
        self._take(batch)
        if batch.languages is None:
            return batch.slim
        # Unpickling 2,000 slim results took 42 ms a batch (2 s at 100,000 articles); making them
        # takes 2 ms, and a third of that with nothing made for their empty fields (shared
        # tuples and one empty array: every reader only reads them). Their theme features are
        # filled in where they are read.
        none, no_keys = (), _NO_FEATURE_SENTENCES
        return [
            _Parsed(none, [n], lang, none, none, none, none, no_keys) for lang, n in zip(batch.languages, batch.n_words)
        ]

    def _take(self, b: KeptBatch) -> None:
        self.tone.append(b.tone)
        if b.actors is not None:  # an empty table's columns have no types: concatenated, they
            self.mentions.append(b.mentions)  # would turn the others' text columns into objects
            self.actors.append(b.actors)
        self.n_sentences.extend(b.n_sentences)
        self.n_words.extend(b.n_words)

    def close(self, raws: list[RawArticle]):
        """(sentence store, mention table, per-article tone, actor_articles) of all batches."""
        store = self.writer.close()
        if self.mentions:
            mentions = pd.concat(self.mentions, ignore_index=True)
            actors = pd.concat(self.actors, ignore_index=True)
            actors = actors.sort_values(["article_id", "actor"]).reset_index(drop=True)
        else:
            mentions = _mention_table([], [])
            actors = actor_tone(mentions, _sentence_table([], []), self.kinds)
        ids = pd.Index([r.article_id for r in raws], name="article_id")
        tone = pd.concat(self.tone) if self.tone else article_tone(_sentence_table([], []), ids)
        self.mentions, self.actors, self.tone = [], [], []  # not held twice
        return store, mentions, tone.reindex(ids), actors


def _slim(p: _Parsed) -> _Parsed:
    """``p`` once its sentences are written: what the themes, the duplicates and the article
    table still read (the number of words as one total). Its theme terms are interned: a term
    (a bigram above all) comes from a worker as a string of its own at every occurrence, and
    held for every article until the themes are fitted, the copies took ~8 KB an article."""
    features = [sys.intern(f) for f in p.features]
    return _Parsed([], [sum(p.n_words)], p.language, [], [], features, [], p.feature_sentences)


def _genitive_renamer(matcher: ActorMatcher):
    """Feature names → names with proper-noun genitives folded ("Trumps Plan" → "Trump Plan")
    when the stem is itself a theme term of the corpus or an actor name; a bigram whose two
    words fold together ("Trump Trumps") is dropped. Runs once per feature, not per token."""

    def rename(names: list[str]) -> list[str | None]:
        known = frozenset(n for n in names if " " not in n).union(matcher.stems())
        folds = genitive_folds([w for n in names for w in n.split(" ")], known)
        if not folds:
            return list(names)
        out: list[str | None] = []
        for name in names:
            parts = [folds.get(w, w) for w in name.split(" ")]
            out.append(None if len(parts) == 2 and parts[0] == parts[1] else " ".join(parts))
        return out

    return rename


# A sentence repeated word for word in at least 1 % of the stories (and in 3 or more) is
# boilerplate, e.g. a note that an agency item is shown without its full text: its words say
# how the text was published, and made a "theme" of its own out of such short agency items. The share, not a fixed count, keeps agency sentences that a few
# outlets' versions of one event share: in a large corpus those are content, not furniture.
BOILERPLATE_MIN_STORIES = 3
BOILERPLATE_MIN_SHARE = 0.01
BOILERPLATE_MAX_SHARE = 0.3  # of all theme features: above it, repetition is the corpus itself


def _boilerplate_keys(parsed: list[_Parsed], story: list[int]) -> set[int]:
    """Keys of sentences found in at least max(BOILERPLATE_MIN_STORIES, BOILERPLATE_MIN_SHARE of
    the stories) different stories (copies of one story, as found by the duplicate detection,
    count once)."""
    seen: dict[int, int] = {}
    count: dict[int, int] = {}
    for p, st in zip(parsed, story):
        for key in p.feature_sentences[::3]:
            if seen.get(key, -1) != st:
                count[key] = count.get(key, 0) + 1
                seen[key] = st
    need = max(BOILERPLATE_MIN_STORIES, math.ceil(BOILERPLATE_MIN_SHARE * len(set(story))))
    keys = {k for k, c in count.items() if c >= need}
    if keys:
        dropped = sum(e - f for p in parsed for k, f, e in _triples(p.feature_sentences) if k in keys)
        total = sum(len(p.features) for p in parsed)
        if dropped > BOILERPLATE_MAX_SHARE * total:
            # Furniture is a small part of any real corpus; a corpus made of repeated text (a
            # collection of copies, a generated test corpus) keeps its words.
            log.info("repeated sentences carry %d of %d theme features: not treated as boilerplate", dropped, total)
            return set()
    return keys


def _triples(flat: array):
    it = iter(flat)
    return zip(it, it, it)


def _theme_features(p: _Parsed, boilerplate: set[int]) -> Sequence[str]:
    if not boilerplate or boilerplate.isdisjoint(p.feature_sentences[::3]):
        return p.features
    out: list[str] = []
    done = 0
    for key, first, end in _triples(p.feature_sentences):
        if key in boilerplate:
            out.extend(p.features[done:first])
            done = end
    out.extend(p.features[done:])
    return out


def _theme_embeddings(raws, parsed, wanted: bool):
    """Embeddings of the themed articles for the quality mode, and what ``params["theme_quality"]``
    says: "standard", "encoder" or "encoder unavailable" (asked for, not installed)."""
    if not wanted:
        return None, "standard"
    from ..encoder import embed_articles, encoder_available

    if not encoder_available():
        log.warning("theme quality mode asked for, but the sentence encoder is not installed")
        return None, "encoder unavailable"
    usable = [i for i, p in enumerate(parsed) if p.language in THEME_LANGUAGES]
    return embed_articles([raws[i].text for i in usable]), "encoder"


@contextmanager
def _theme_partition_map(scheduler: str | None):
    """How the theme step maps over partitions of articles: here (``map``), or with a Dask
    scheduler on its workers (the shares of themes fitted in partitions; see ThemeModel.fit).
    The cluster is connected to only when the theme step first asks: an exact fit never does."""
    if not scheduler:
        yield map
        return
    from contextlib import ExitStack

    with ExitStack() as stack:
        pools: list = []

        def cluster_map(fn, items):
            if not pools:
                from .cluster import cluster_pool

                pools.append(stack.enter_context(cluster_pool(scheduler)))
            return pools[0].map(fn, list(items), chunksize=1)

        yield cluster_map


def _themes(raws, parsed, matcher, n_themes, random_state, story=None, embeddings=None, partition_map=map):
    usable = [i for i, p in enumerate(parsed) if p.language in THEME_LANGUAGES]
    story = list(range(len(parsed))) if story is None else story
    boilerplate = _boilerplate_keys([parsed[i] for i in usable], [story[i] for i in usable])
    model = ThemeModel(n_themes, random_state=random_state).fit(
        [_theme_features(parsed[i], boilerplate) for i in usable],
        rename=_genitive_renamer(matcher),
        embeddings=embeddings,
        partition_map=partition_map,
    )
    model.boilerplate_sentences_ = len(boilerplate)
    model.boilerplate_ = boilerplate  # kept with a workspace's themes (tonlage.analysis.incremental)
    themes, art_themes = theme_frames(raws, usable, model)
    return model, themes, art_themes


def theme_frames(raws, usable: list[int], model) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The themes table and the article × theme shares of ``model`` (its ``shares_`` are the
    rows of ``raws[usable]``)."""
    k = model.n_themes_
    themes = pd.DataFrame(
        {
            "theme_id": np.arange(k, dtype="int64"),
            "label": model.labels_,
            "terms": model.terms_,
            "term_weights": model.term_weights_,
            "weight": model.shares_.mean(axis=0) if len(usable) else np.zeros(k),
            "n_articles": np.bincount(model.shares_.argmax(axis=1)[model.shares_.sum(axis=1) > 0], minlength=k)
            if k
            else np.zeros(0, dtype=int),
            "stability": np.asarray(model.stability_, dtype="float64"),
        }
    )
    ids = np.array([raws[i].article_id for i in usable], dtype=object)
    # Each id made a column value once and then repeated: the table's constructor turned all
    # k x n Python strings into the string column one by one (0.2-0.5 s at 100,000 articles).
    at = np.repeat(np.arange(len(usable)), k)
    art_themes = pd.DataFrame(
        {
            "article_id": pd.Series(ids).array.take(at) if len(at) else np.repeat(ids, k),
            "theme_id": np.tile(np.arange(k), len(usable)),
            "share": model.shares_.reshape(-1).astype("float64"),
        },
        columns=list(ARTICLE_THEME_COLUMNS),
    )
    return themes, art_themes


def fit_themes(raws, parsed, matcher, n_themes, random_state, story=None, embeddings=None, partition_map=map):
    """The theme step of the analysis on its own (for :mod:`tonlage.analysis.incremental`): the fitted
    model, the themes table and the article × theme shares."""
    return _themes(
        raws, parsed, matcher, n_themes, random_state, story=story, embeddings=embeddings, partition_map=partition_map
    )


def theme_features(p: _Parsed, boilerplate: set[int]) -> Sequence[str]:
    """An article's theme features without its boilerplate sentences (see _boilerplate_keys)."""
    return _theme_features(p, boilerplate)


def _mean_or_nan(values) -> float:
    values = np.asarray(values, dtype="float64")
    return float(np.nanmean(values)) if values.size and not np.isnan(values).all() else float("nan")


def _mention_table(raws, parsed) -> pd.DataFrame:
    n = [len(p.mentions) for p in parsed]
    flat = [m for p in parsed for m in p.mentions]
    actor, alias, start, end, sent = zip(*flat) if flat else ((),) * 5
    return pd.DataFrame(
        {
            "article_id": np.repeat(np.array([r.article_id for r in raws], dtype=object), n),
            "sent_idx": np.array(sent, dtype="int64"),
            "actor": list(actor),
            "alias": list(alias),
            "start": np.array(start, dtype="int64"),
            "end": np.array(end, dtype="int64"),
        },
        columns=list(MENTION_COLUMNS),
    )


def _article_meta(raws) -> dict[str, object]:
    """The article table's columns that come from the articles as read (metadata, notes), by
    column name, each made a column already (turning 100,000 Python strings into a string
    column is most of the table's making): made while the workers parse an add's new articles
    (they need no result)."""
    columns = {
        "article_id": pd.Index([r.article_id for r in raws], name="article_id"),
        "file": [r.file for r in raws],
        "title": [r.title for r in raws],
        "author": [r.author for r in raws],
        "date": pd.to_datetime([r.date for r in raws]),
        "date_label": [_date_label(r) for r in raws],
        "date_precision": [r.date_precision for r in raws],
        "date_source": [r.date_source for r in raws],
        "date_note": message_column(r.date_note for r in raws),
        "genre": [r.genre for r in raws],
        "source": [r.source for r in raws],
        "url": [r.url for r in raws],
        "note": message_column(join(r.notes) if r.notes else "" for r in raws),
        "title_source": [r.title_source for r in raws],
        "title_confidence": [r.title_confidence for r in raws],
        "author_source": [r.author_source for r in raws],
        "author_confidence": [r.author_confidence for r in raws],
        "genre_source": [r.genre_source for r in raws],
        "genre_confidence": [r.genre_confidence for r in raws],
        "genre_evidence": [r.genre_evidence for r in raws],
        "removed_lines": pd.Series([tuple(tuple(x) for x in r.removed_lines) for r in raws], dtype=object),
    }
    return {name: pd.Series(c) if isinstance(c, list) else c for name, c in columns.items()}


def _article_table(raws, parsed, tone, counts: _BatchTables, theme_model, dups, meta=None) -> pd.DataFrame:
    """The article table (``ARTICLE_COLUMNS``), sorted by date then id; ``meta``: the
    :func:`_article_meta` of ``raws`` if made before."""
    meta = _article_meta(raws) if meta is None else meta
    top_id = np.full(len(raws), -1, dtype="int64")
    top_share = np.zeros(len(raws))
    usable = [i for i, p in enumerate(parsed) if p.language in THEME_LANGUAGES]  # the rows of W, by position
    W = theme_model.shares_
    if W.size:
        has = W.sum(axis=1) > 0
        top_id[usable] = np.where(has, W.argmax(axis=1), -1)
        top_share[usable] = np.where(has, W.max(axis=1), 0.0)
    df = pd.DataFrame(
        {
            **meta,
            "language": [p.language for p in parsed],
            "n_sentences": np.frombuffer(counts.n_sentences, dtype="int64").copy(),
            "n_words": np.frombuffer(counts.n_words, dtype="int64").copy(),
            "tone": tone["tone"].to_numpy(dtype="float64"),
            "share_negative": tone["share_negative"].to_numpy(),
            "share_neutral": tone["share_neutral"].to_numpy(),
            "share_positive": tone["share_positive"].to_numpy(),
            "top_theme": top_id,
            "top_theme_share": top_share,
            "duplicate_of": [raws[rep].article_id if rep != i else "" for i, rep in enumerate(dups.representative)],
            "duplicate_kind": [k if rep != i else "" for i, (k, rep) in enumerate(zip(dups.kind, dups.representative))],
            "n_copies": np.bincount(dups.representative, minlength=len(raws))[dups.representative].astype("int64")
            if raws
            else np.zeros(0, dtype="int64"),
        },
        columns=list(ARTICLE_COLUMNS),
    )
    return df.sort_values(["date", "article_id"], na_position="last").reset_index(drop=True)


def _parse_batches(
    pool, workers: int, raws: list[RawArticle], tables, sketches: DuplicateSketches, text_parts, release: bool
) -> list[_Parsed]:
    """The per-article stage of a folder's analysis, :data:`BATCH_ARTICLES` articles at a time:
    each batch parsed, its tables written (``tables``), its texts sketched for the duplicate
    search and put in their part of the texts' column (``text_parts``), and with ``release``
    let go. Returns each article's cut-down parse (see :func:`_slim`)."""
    batches = [raws[i : i + BATCH_ARTICLES] for i in range(0, len(raws), BATCH_ARTICLES)]
    parsed: list[_Parsed] = []
    ahead = _submit(pool, _parse_article, batches[0], workers) if batches else iter(())
    for k, batch in enumerate(batches):
        got = _collect(ahead)
        # The workers parse the next batch while this process writes this one's tables.
        ahead = _submit(pool, _parse_article, batches[k + 1], workers) if k + 1 < len(batches) else iter(())
        parsed.extend(tables.add(batch, got))
        del got
        sketches.add([r.text for r in batch])
        text_parts.add(batch)
        if release:
            release_texts(batch)
            # A text of a few KB is freed into the C heap, where it stays resident until
            # something of its size is made again: the next batch's texts are made already.
            return_free_memory()
    return parsed


def release_texts(raws: Sequence[RawArticle]) -> None:
    """Let go of the texts of articles this analysis read itself (nowhere to read them back
    from, unlike a workspace's): reading one afterwards raises AttributeError, so a step that
    still needed it fails loudly rather than reading an empty text."""
    for r in raws:
        vars(r).pop("text", None)


class _TextParts:
    """The articles' texts in parts (:func:`_article_texts`), made as the batches come: a part's
    texts are held as UTF-8 until it has :data:`~tonlage.storage.article_texts.TEXT_PART_ROWS` of them.
    ``known``: as :func:`_article_texts`; ``to_file``: each part made is written to a file and
    read back memory-mapped (:func:`_file_backed`)."""

    def __init__(self, known: Callable[[str], TextPart | None] | None, *, to_file: bool = False):
        self.known = known
        self.to_file = to_file
        self.parts: list[TextPart] = []
        self._raws: list[RawArticle] = []
        self._digests: list[str] = []
        self._utf8: list[bytes] = []

    def add(self, raws: Sequence[RawArticle]) -> None:
        for r in raws:
            utf8 = r.utf8()
            self._raws.append(r)
            # (a workspace's article knows its digest: its text is not hashed again)
            self._digests.append(text_digest(utf8) if type(r) is RawArticle else r.digest())
            self._utf8.append(utf8)
            if len(self._raws) == TEXT_PART_ROWS:
                self._close_part()

    def _close_part(self) -> None:
        held, self._utf8 = [self._utf8], []  # handed over once: not held beside the array it becomes
        self.parts.append(_text_part(part_key(self._digests), self._raws, held.pop, self.known, to_file=self.to_file))
        self._raws, self._digests = [], []

    def close(self, raws: Sequence[RawArticle]) -> ArticleTexts:
        """The texts of ``raws`` (the articles added, in order)."""
        if self._raws:
            self._close_part()
        return ArticleTexts([a.article_id for a in raws], self.parts)


def _file_backed(array):
    """``array`` (Arrow) written to a temporary file and read back memory-mapped, as the analysis
    cache reads its parts (tonlage.storage.store): the texts are then pages of a file, which the system
    reads when a text is shown and can drop again, not memory of the process (2.8 KB an article
    of generated news, 274 MB at 100,000). The file's name is removed at once: the mapping stays
    readable until the array goes (Linux, macOS), and nothing is left behind. Where a file cannot
    be written or mapped, the array is kept as it is."""
    import pyarrow as pa

    try:
        fd, name = tempfile.mkstemp(prefix="tonlage-texts-", suffix=".arrows")
    except OSError:
        log.warning("no temporary file for the articles' texts; they are held in memory", exc_info=True)
        return array
    try:
        with os.fdopen(fd, "wb") as f:
            table = pa.table({"text": array})
            with pa.ipc.new_stream(f, table.schema) as writer:
                writer.write_table(table)
        column = pa.ipc.open_stream(pa.memory_map(name)).read_all().column(0)
        return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    except (OSError, pa.ArrowException):
        log.warning("the articles' texts could not be written to %s; they are held in memory", name, exc_info=True)
        return array
    finally:
        with suppress(OSError):  # (a system that cannot remove a mapped file's name keeps it)
            os.unlink(name)


def _article_texts(raws, texts=None, known=None) -> ArticleTexts:
    """The articles' texts in parts, in the articles' order (:mod:`tonlage.storage.article_texts`).

    ``known(key)``: a part made before (the analysis cache), taken as it is when found; the
    texts of a part found are not read. ``texts(raws, positions)``: the UTF-8 of the articles
    at ``positions`` (a workspace reads back the texts it let go); by default the articles'
    own."""
    parts = []
    for at in range(0, len(raws), TEXT_PART_ROWS):
        positions = range(at, min(at + TEXT_PART_ROWS, len(raws)))
        key = part_key(raws[i].digest() for i in positions)
        utf8 = partial(texts, raws, positions) if texts else (lambda p=positions: [raws[i].utf8() for i in p])
        parts.append(_text_part(key, [raws[i] for i in positions], utf8, known))
    return ArticleTexts([a.article_id for a in raws], parts)


def _text_part(key: str, raws: Sequence, utf8: Callable[[], list[bytes]], known, *, to_file: bool = False) -> TextPart:
    """One part of the texts' column: the part ``known(key)`` gives when it has these articles
    (their texts are then let go where they can be read back), else one made of ``utf8()``,
    with ``to_file`` held as pages of a file (:func:`_file_backed`)."""
    found = known(key) if known is not None else None
    if found is not None and len(found) == len(raws):
        for r in raws:
            r.release()  # its text is in the part found
        return found
    array = text_array(utf8())
    return TextPart(key, _file_backed(array) if to_file else array)
