"""From a folder of files (or a workspace's articles) to an :class:`~tonlage.model.AnalysedCorpus`, in one pass.

The steps, and where each lives:

1. read the files (:mod:`tonlage.ingest`), attach the metadata, take out each source's
   recurring lines (:func:`strip_recurring_lines`);
2. the per-article work (sentences, language, tone, actors, theme terms, voices) in worker
   processes or on a Dask cluster (:mod:`.per_article`, handed out by :mod:`.parallel`), batch
   by batch, each batch's tables written as it comes (:mod:`.tables`) and its texts put in
   their part of the texts' column (:mod:`.text_parts`);
3. the corpus-wide steps in this process: duplicate stories (:mod:`tonlage.duplicates`), the
   themes (:mod:`.theme_step`, the model's NMF on two threads), the article table.

A workspace passes its kept results (:mod:`.incremental`): only new or changed articles go
through step 2.
"""

from __future__ import annotations

import csv
import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from .. import __version__
from ..actors import ActorMatcher, read_actors
from ..aggregates import theme_tone
from ..corpus import RawArticle, attach_metadata, list_files
from ..duplicates import DuplicateSketches
from ..i18n import N_, message
from ..ingest.run import articles_from_path
from ..inputs import corpus_fingerprint, resolve_inputs, resolve_side_files
from ..model import (
    EVENT_COLUMNS,
    SKIPPED_COLUMNS,
    AnalysedCorpus,
    message_column,
)
from ..reading.furniture import learn_recurring, recurring_candidate, source_key
from ..storage.article_texts import TextPart
from ..thresholds import BATCH_ARTICLES
from . import jobs, parallel, per_article
from .per_article import Parsed
from .runtime import paused_gc, return_free_memory
from .tables import BatchTables, article_meta, article_table
from .text_parts import TextParts, texts_in_parts
from .theme_step import fit_themes, theme_embeddings, theme_partition_map
from .workers import PARALLEL_FROM

__all__ = [
    "analyse_folder",
    "analyse_articles",
    "load_articles",
    "strip_recurring_lines",
    "neutral_band",
    "read_events",
]

log = logging.getLogger(__name__)


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


# One analysis at a time per process: the app may ask from several sessions' threads at once,
# and _WORKER and the garbage-collector switch are process-wide.
_ANALYSIS_LOCK = threading.Lock()


def _read_file(job) -> tuple[list[RawArticle], list[tuple[str, str]]]:
    """One file of a folder (path, name, today) → its articles and what could not be read."""
    path, rel, today = job
    return articles_from_path(path, rel, today=today)


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
        n_themes: Number of themes; ``None`` picks :func:`tonlage.themes.terms.default_n_themes` for the corpus size.
        events_file: CSV of event markers; defaults to ``events.csv`` in the folder, if present.
        actors_file: CSV actor list; defaults to the bundled ``data/actors.csv``.
        random_state: Seed for everything random (NMF); same input and seed, same output.
        today: Reference day for date plausibility (defaults to today).
        workers: Processes for the per-article work; ``None`` uses all cores for large corpora
            and one process for small ones. Results do not depend on it.
        theme_encoder: Quality mode for themes: embed each article with the sentence encoder
            (:mod:`tonlage.themes.encoder`) and let similar articles share words before NMF. Costs
            time (see :func:`tonlage.themes.encoder.encoder_cost`); without the encoder installed the
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
    """One analysis at a time per process, with the cyclic GC paused (see per_article.init_worker)."""
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
        return files, early, parallel.auto_workers(len(early))
    if kept is not None and workers is None:
        todo = kept.to_parse(files)
        workers = parallel.auto_workers(todo) if todo else 0  # 0: nothing to parse, no set-up
    return files, None, parallel.auto_workers(len(files)) if workers is None else workers


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
    if kept is not None:
        kept.follow_actors(actors)  # what an actor-list change leaves kept
    files, early, workers = _plan_workers(files, kept, workers, scheduler)
    with parallel.worker_pool(actors, workers, scheduler) as pool:
        workers = getattr(pool, "workers", workers)  # a Dask cluster's threads
        if early is not None:
            if pool is not None:
                kept.hand_over(
                    early, partial(parallel.submit_soon, pool, per_article.parse_with_digest, workers=workers)
                )
            files = files()
            kept.to_parse(files)  # each article's key as stored, read when its batch is made
        # Articles read here are this analysis's own: their texts may be let go (see below).
        own = bool(files) and not isinstance(files[0], RawArticle)
        if own:
            jobs.stage(N_("Reading the files"), total=len(files))
            raws = []
            for found, not_read in parallel.map_all(pool, _read_file, files, workers):
                raws.extend(found)
                skipped.extend(not_read)
            files.clear()  # the files' paths, held to the end, were ~0.5 KB an article
        else:
            raws = list(files)
        if metadata_dir is not None:
            attach_metadata(raws, metadata_dir, skipped)
        dated = _dates_valid(raws, dates_as_of)
        if kept is not None:
            run = partial(parallel.submit_kept, pool, workers=workers, actors=actors)
            if pool is not None:  # the new texts go to the workers now, as stored (most keep every line)
                run = kept.parse_ahead(raws, partial(run, fn=per_article.parse_with_digest), run, BATCH_ARTICLES)
        # A line that recurs across a source's articles is that source's furniture; it is only
        # known once every article is read, so it is taken out before the per-article analysis.
        strip_recurring_lines(raws, None if kept is None else kept.recurring_lines(raws))
        order = [(r.date or date.max, r.article_id) for r in raws]  # of the duplicate search
        meta: list[dict] = []  # the article table's metadata columns, when made ahead

        def read_ahead() -> None:
            # What needs no new result, made while this process would wait for the workers:
            # the duplicates, the kept theme fit, the article table's metadata columns.
            kept.read_ahead(raws, order, random_state)
            meta.append(article_meta(raws))

        clock.lap(f"load ({workers} process{'es' if workers > 1 else ''})")
        jobs.stage(N_("Sentences, tone, actors and quotes"), total=len(raws))
        matcher = ActorMatcher(actors).fit()
        tables = BatchTables(matcher.kinds_)
        if kept is None:
            # What the corpus-wide steps need of a text is made with its batch: its duplicate
            # sketch and its part of the texts' column. The texts of articles read here are then
            # let go (the quality mode reads them again for the themes): held to the end, they
            # were ~5 KB an article (most German texts are two bytes a character as strings).
            sketches = DuplicateSketches(random_state=random_state)
            text_parts = TextParts(known_texts, to_file=True)
            parsed = _parse_batches(pool, workers, raws, tables, sketches, text_parts, own and not theme_encoder)
        else:  # a workspace's kept results: only new or changed texts are parsed
            parsed = kept.run_batches(
                raws,
                run,
                BATCH_ARTICLES,
                tables,
                collect=parallel.collect,
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
    embeddings, quality = theme_embeddings(raws, parsed, theme_encoder)
    if embeddings is not None:
        clock.lap("theme encoder")
    with theme_partition_map(scheduler) as partition_map:
        theme_model, themes_df, art_themes = (fit_themes if kept is None else kept.themes)(
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
    articles = article_table(raws, parsed, tone, tables, theme_model, dups, meta[0] if meta else None)
    texts = text_parts.close(raws) if kept is None else texts_in_parts(raws, kept.texts, known_texts)
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
        # How much of the corpus is social-media posts, on which the tone is less sure
        # (tonlage.present.stamp).
        "post_share": round(float((articles["genre"] == "post").mean()) if len(articles) else 0.0, 4),
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


def _mean_or_nan(values) -> float:
    values = np.asarray(values, dtype="float64")
    return float(np.nanmean(values)) if values.size and not np.isnan(values).all() else float("nan")


def _parse_batches(
    pool, workers: int, raws: list[RawArticle], tables, sketches: DuplicateSketches, text_parts, release: bool
) -> list[Parsed]:
    """The per-article stage of a folder's analysis, :data:`BATCH_ARTICLES` articles at a time:
    each batch parsed, its tables written (``tables``), its texts sketched for the duplicate
    search and put in their part of the texts' column (``text_parts``), and with ``release``
    let go. Returns each article's cut-down parse (see :func:`slim`)."""
    batches = [raws[i : i + BATCH_ARTICLES] for i in range(0, len(raws), BATCH_ARTICLES)]
    parsed: list[Parsed] = []
    ahead = parallel.submit(pool, per_article.parse_article, batches[0], workers) if batches else iter(())
    for k, batch in enumerate(batches):
        got = parallel.collect(ahead)
        # The workers parse the next batch while this process writes this one's tables.
        ahead = (
            parallel.submit(pool, per_article.parse_article, batches[k + 1], workers)
            if k + 1 < len(batches)
            else iter(())
        )
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
