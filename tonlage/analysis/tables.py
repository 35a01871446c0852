"""The tables of an analysis, made batch by batch as the per-article results come in.

Each batch's sentences are written to Parquet (:mod:`tonlage.storage.sentence_store`) and its
mentions, article tone and actor tone kept as small tables (:class:`BatchTables`); a workspace
keeps a batch's tables (:class:`KeptBatch`) to take them back whole when its articles are
unchanged. After an actor-list change, a kept batch gets the rows of its articles named again patched in
(:meth:`BatchTables.add_patched`). The article table is made at the end, when the duplicates and
themes are known.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..aggregates import actor_tone, article_tone
from ..corpus import RawArticle
from ..i18n import join
from ..model import ARTICLE_COLUMNS, MENTION_COLUMNS, SENTENCE_COLUMNS, THEME_LANGUAGES, message_column
from ..storage.sentence_store import SentenceWriter
from .per_article import NO_FEATURE_SENTENCES, Parsed, slim


def _date_label(article: RawArticle) -> str:
    if article.date is None:
        return "undated"
    return article.date.strftime("%Y-%m") if article.date_precision == "month" else article.date.isoformat()


def sentence_table(raws: list[RawArticle], parsed: list[Parsed]) -> pd.DataFrame:
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
    """What one batch of articles added to :class:`BatchTables` besides its sentences' Parquet
    part: kept by a workspace (:mod:`tonlage.analysis.incremental`) so that a later analysis takes the
    batch as it is when none of its articles changed."""

    rows: int  # sentences
    tone: pd.DataFrame  # per-article tone (article_tone)
    mentions: pd.DataFrame | None  # None: no actor mentioned in the batch
    actors: pd.DataFrame | None
    n_sentences: list[int]
    n_words: list[int]
    slim: list[Parsed]
    # Kept compact (tonlage.analysis.incremental): ``slim`` empty, each article's language here, its
    # number of words in ``n_words`` and its theme features packed on their own, so that an add
    # that keeps the themes unpickles none of them (b"" and None: ``slim`` is whole).
    features: bytes = b""
    languages: list[str] | None = None


class BatchTables:
    """The tables made from a batch of parsed articles as it comes: its sentences written out
    (:class:`~tonlage.storage.sentence_store.SentenceWriter`), its mentions, its articles' tone and
    counts and its (article, actor) rows kept; each article's :class:`Parsed` is then cut down
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

    def add(self, raws: list[RawArticle], parsed: list[Parsed], *, keep: bool = False):
        """The batch's tables made and its articles cut down (a list of :func:`slim` results);
        with ``keep``, (that list, a :class:`KeptBatch` of everything the batch added, the bytes
        of its sentences' Parquet part), which :meth:`add_kept` takes back in a later analysis
        without the batch's parsed results."""
        sentences = sentence_table(raws, parsed)
        part = self.writer.write(sentences)
        mentions = _mention_table(raws, parsed)
        tone = article_tone(sentences, pd.Index([r.article_id for r in raws], name="article_id"))
        actors = actor_tone(mentions, sentences, self.kinds) if not mentions.empty else None
        n_sentences = [len(p.spans) for p in parsed]
        n_words = [sum(p.n_words) for p in parsed]
        cut = [slim(p) for p in parsed]
        batch = KeptBatch(
            len(sentences), tone, mentions if actors is not None else None, actors, n_sentences, n_words, cut
        )
        self._take(batch)
        return (cut, batch, part.read_bytes()) if keep else cut

    def add_kept(self, batch: KeptBatch, part: bytes | Path, digest: str | None = None) -> list[Parsed]:
        """A batch :meth:`add` made in an earlier analysis (``keep``), its sentences' Parquet part
        ``part`` (its bytes, or a file of them: see SentenceWriter.add_part; ``digest``: its
        part_digest, where kept): taken as it is. Raises OSError (nothing taken) when a file
        cannot be."""
        self.writer.add_part(part, batch.rows, digest)
        self._take(batch)
        if batch.languages is None:
            return batch.slim
        return _cut_down(batch.languages, batch.n_words)

    def add_patched(
        self, batch: KeptBatch, part: bytes | Path, raws: list[RawArticle], at: list[int], parsed: list[Parsed]
    ) -> tuple[list[Parsed], KeptBatch, bytes]:
        """A kept, compact batch (``languages`` given) whose articles at positions ``at`` of
        ``raws`` (the batch's articles, in order) have new results ``parsed``: its sentences'
        rows of those articles replaced in its Parquet part ``part`` and their tone, mention and
        actor rows made again (:meth:`add` would make the same batch from every article's
        results), and the batch added as :meth:`add` adds it. Returns (the batch's cut-down results as
        :meth:`add_kept` gives them, the new :class:`KeptBatch`, its part's bytes); the batch's
        theme features are left as they were (kept apart: the caller replaces them).

        After an actor-list change, rebuilding every batch that held one of the articles named
        again took 60 s of an 82 s change at 100,000 articles (reading back 80,000 results,
        their sentence tables, their Parquet)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        from ..storage.sentence_store import to_arrow

        old = pq.read_table(part if isinstance(part, Path) else pa.BufferReader(part))
        named = [raws[i] for i in at]
        new_sentences = sentence_table(named, parsed)
        new = to_arrow(new_sentences).cast(old.schema)
        n_sentences, n_words, languages = list(batch.n_sentences), list(batch.n_words), list(batch.languages or [])
        old_starts = np.concatenate([[0], np.cumsum(n_sentences)]).astype(np.int64)
        # The part as slices of the old rows and the new ones, in the articles' order (taking
        # rows by index copied every column: 1.7 s over 51 batches at 100,000 articles).
        replaced = dict(zip(at, parsed))
        pieces, run, new_start = [], 0, 0
        for i in range(len(raws) + 1):
            p = replaced.get(i)
            if (i == len(raws) or p is not None) and old_starts[i] > old_starts[run]:
                pieces.append(old.slice(old_starts[run], old_starts[i] - old_starts[run]))  # the kept rows before
            if p is not None:
                run = i + 1
                n_sentences[i], n_words[i], languages[i] = len(p.spans), sum(p.n_words), p.language
                pieces.append(new.slice(new_start, len(p.spans)))
                new_start += len(p.spans)
        table = pa.concat_tables(pieces) if pieces else old.slice(0, 0)
        written = self.writer.write_arrow(table)
        # Tone and actor rows: an article's are made from its own sentences and mentions only,
        # so those of the others are taken as they were.
        ids = pd.Index([r.article_id for r in raws], name="article_id")
        again = pd.Index([r.article_id for r in named], name="article_id")
        tone = pd.concat([batch.tone.drop(again, errors="ignore"), article_tone(new_sentences, again)]).reindex(ids)
        mentions = _mention_table(named, parsed)
        actors = actor_tone(mentions, new_sentences, self.kinds) if not mentions.empty else None
        if batch.mentions is not None:
            kept = batch.mentions[~batch.mentions["article_id"].isin(again)]
            mentions = pd.concat([kept, mentions], ignore_index=True) if not mentions.empty else kept
            order = pd.Series(np.arange(len(ids)), index=ids).reindex(mentions["article_id"]).to_numpy()
            mentions = mentions.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)
            others = batch.actors[~batch.actors["article_id"].isin(again)] if batch.actors is not None else None
            if actors is None:
                actors = others
            elif others is not None and len(others):
                actors = pd.concat([others, actors], ignore_index=True)
            if actors is not None:
                actors = actors.sort_values(["article_id", "actor"]).reset_index(drop=True)
        if mentions.empty:
            actors = None
        patched = KeptBatch(
            len(table),
            tone,
            mentions if actors is not None else None,
            actors,
            n_sentences,
            n_words,
            [],
            batch.features,
            languages,
        )
        self._take(patched)
        return _cut_down(languages, n_words), patched, written.read_bytes()

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
            actors = actor_tone(mentions, sentence_table([], []), self.kinds)
        ids = pd.Index([r.article_id for r in raws], name="article_id")
        tone = pd.concat(self.tone) if self.tone else article_tone(sentence_table([], []), ids)
        self.mentions, self.actors, self.tone = [], [], []  # not held twice
        return store, mentions, tone.reindex(ids), actors


def _cut_down(languages: list[str], n_words) -> list[Parsed]:
    """The cut-down results of a compact kept batch's articles (their language and number of
    words; their theme features are filled in where they are read). Unpickling 2,000 slim
    results took 42 ms a batch (2 s at 100,000 articles); making them takes 2 ms, and a third of
    that with nothing made for their empty fields (shared tuples and one empty array: every
    reader only reads them)."""
    none, no_keys = (), NO_FEATURE_SENTENCES
    return [Parsed(none, [n], lang, none, none, none, none, no_keys) for lang, n in zip(languages, n_words)]


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


def article_meta(raws) -> dict[str, object]:
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


def article_table(raws, parsed, tone, counts: BatchTables, theme_model, dups, meta=None) -> pd.DataFrame:
    """The article table (``ARTICLE_COLUMNS``), sorted by date then id; ``meta``: the
    :func:`article_meta` of ``raws`` if made before."""
    meta = article_meta(raws) if meta is None else meta
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
