"""A reader's tone corrections applied to an analysed corpus, without re-analysing it.

Three kinds, applied in this order:

1. **Words.** The reader's word list (a word is not evaluative in this corpus, or carries a tone
   the lexicon lacks). Only the sentences that contain one of the words (its form or its lemma,
   also inside a compound) are scored again, with exactly the shipped scorer plus the list.
2. **The band.** A neutral band fitted to the reader's labels
   (:func:`~tonlage.review.agreement.calibrate_band`) relabels the German sentences by their
   score.
3. **Sentences.** A sentence whose tone the reader set by hand takes that label; its score is
   kept when it already points that way, else it becomes :data:`OVERRIDE_SCORES`' value. A tone
   set for every copy of a sentence applies to each sentence with its text (found by the text's
   key, then checked against the text's hash) unless that copy has a tone of its own.

Then every figure built from the sentences is rebuilt from them (articles' tone and shares,
themes' tone, actors' tone, :mod:`tonlage.aggregates`); themes, actors, duplicates and the rest
are the analysis' own. The sentence table gains ``scorer_tone``/``scorer_label`` (what the
scorer says with the word list and band, before any sentence set by hand: the agreement report
compares the reader with these), ``tone_before`` (the analysis' score) and ``corrected``
("words", "sentence" or "").
"""

from __future__ import annotations

import re
import weakref
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from ..aggregates import actor_tone, article_tone, theme_tone
from ..frames import isin, positions, row_text_keys
from ..i18n import Message, message_json
from ..model import GERMAN_TONE_LANGUAGES, TONE_LABELS, AnalysedCorpus, message_column
from ..storage.sentence_store import (
    TEXT_KEY,
    UNCORRECTED,
    SentenceStore,
    SentenceWriter,
    from_arrow,
    sentence_schema,
    text_keys,
)
from .notes import text_hash

if TYPE_CHECKING:
    from ..tone import ToneScorer

__all__ = [
    "apply_tone_corrections",
    "OVERRIDE_SCORES",
    "CORRECTION_COLUMNS",
    "affected_sentences",
    "sentence_cues",
    "words_in",
]

# The score of a sentence set by hand to a label its score does not point to: the middle of
# the polar range, so one override moves an article's mean as much as a clearly toned sentence.
OVERRIDE_SCORES = {"negative": -0.5, "neutral": 0.0, "positive": 0.5}
CORRECTION_COLUMNS = ("scorer_tone", "scorer_label", "tone_before", "corrected")


@lru_cache(maxsize=8)
def _scorer(words: tuple[tuple[str, float], ...]) -> ToneScorer:
    # The scorer and the lemmatiser are imported where a reader's word list needs them: every
    # app run applies the reader's edits, and most corpora have no word list (0.05 s of imports
    # before a fresh server's first chart).
    from ..tone import ToneScorer

    return ToneScorer(reader_words=dict(words)).fit()


def sentence_cues(text: str, words: dict[str, float] | None = None) -> list[tuple[str, float, str]]:
    """The words that move ``text``'s score, as ``(word, weight, note)``, with the reader's word
    list in force (what a reader may want to correct)."""
    tone = _scorer(tuple(sorted((words or {}).items()))).score(text)
    return [(c.word, c.weight, c.note) for c in tone.cues]


def _forms(words) -> list[str]:
    from ..text import lemmatize

    forms = set()
    for word in words:
        for form in (word, lemmatize(word)):
            if form and len(form) >= 2:
                forms.add(form.lower())
    return sorted(forms, key=len, reverse=True)


def words_in(text: str, words) -> list[str]:
    """Which of ``words`` (a reader's word list) a word list correction applies to in ``text``:
    those whose form or lemma it contains (case-insensitive, also inside a longer word), as
    :func:`affected_sentences` finds the sentences."""
    low = text.lower()
    return [w for w in words if any(form in low for form in _forms([w]))]


def affected_sentences(sentences: pd.DataFrame, german: np.ndarray, words) -> np.ndarray:
    """Positions of German sentences that may contain one of ``words`` (case-insensitive,
    also inside a longer word): a superset, the scorer decides."""
    forms = _forms(words)
    if not forms:
        return np.zeros(0, dtype="int64")
    pattern = "|".join(re.escape(f) for f in forms)
    hit = sentences["text"].str.contains(pattern, case=False, regex=True, na=False).to_numpy()
    return np.flatnonzero(hit & german)


def apply_tone_corrections(
    corpus: AnalysedCorpus,
    *,
    words: dict[str, float] | None = None,
    overrides: pd.DataFrame | None = None,
    band: float | None = None,
    revision: str = "",
    link_untouched: bool = True,
) -> AnalysedCorpus:
    """``corpus`` with the reader's tone corrections (see the module's docstring).

    Args:
        corpus: The analysed corpus (not changed).
        words: Word → polarity (0 = not evaluative here).
        overrides: Sentences set by hand (``article_id``, ``sent_idx``, ``text_hash``,
            ``label``; ``copies`` and ``text_key`` for a tone set for every copy, as
            :meth:`~tonlage.review.notes.ToneNotes.overrides` gives them); one whose text
            changed since is ignored.
        band: A neutral band for the German sentences, None for the model's own.
        revision: The notes' revision, kept in ``params``.
        link_untouched: Without a band (sentences set by hand, a word list), a store on disk
            is linked as it is and the changed rows laid over it, not written again; False
            writes every part (the same tables: the reference the tests compare with).

    Returns:
        The same corpus when there is nothing to apply, else a new one.
    """
    words = dict(words or {})
    overrides = (
        overrides if overrides is not None else pd.DataFrame(columns=["article_id", "sent_idx", "text_hash", "label"])
    )
    if not words and overrides.empty and band is None:
        return corpus
    language = corpus.articles.set_index("article_id")["language"]
    scorer = _scorer(tuple(sorted(words.items()))) if words else None
    kinds = (
        corpus.actor_articles.drop_duplicates("actor").set_index("actor")["kind"] if len(corpus.actor_articles) else {}
    )
    store = corpus.sentence_store
    wanted = _Wanted.of(overrides)
    frames: list[pd.DataFrame] = []
    tones: list[pd.DataFrame] = []
    actors: list[pd.DataFrame] = []
    counts = np.zeros(3, dtype="int64")  # sentences set by hand, rescored, changed by words
    kept_ids = pd.Index([], dtype=corpus.articles["article_id"].dtype)  # figures kept as analysed
    if not store.in_memory and link_untouched and band is None:
        # Sentences set by hand and a word list change few rows, but those rows may be in every
        # part (copies of one sentence, a word used everywhere): the parts are linked as they
        # are and the changed rows laid over them. At 100,000 articles one sentence set by hand
        # took 8.4 s to apply with every part written again, one set for its 189 copies
        # 9.5-11 s, a word list of one word 11-15 s (bench.corrections: 4-8 s laid over, most
        # of it scoring the sentences with the word again). A band relabels every sentence.
        sentences, chunk, c = _laid_over(store, wanted, language, words, scorer)
        counts += c.counts
        ids = _figures_of(corpus, kinds, chunk, c, tones, actors)
        kept_ids = pd.Index(corpus.articles["article_id"]).difference(ids)
    else:
        # A part of the sentences at a time (each holds whole articles), written to a new
        # store: at 100,000 articles every sentence at once is millions of rows of Python
        # objects. Only the columns a correction reads are converted; the rest of a part is
        # copied as it is.
        writer = None if store.in_memory else SentenceWriter([*store.columns, *_ADDED])
        for part in [store.to_pandas()] if writer is None else store.arrow_parts():
            chunk = part if writer is None else from_arrow(part, [*_READ, *wanted.columns()])
            c = _correct(chunk, language, words, scorer, band, wanted)
            counts += c.counts
            _figures_of(corpus, kinds, chunk, c, tones, actors)
            if writer is None:
                frames.append(_corrected_frame(part, c))
            else:
                writer.write_arrow(_corrected_table(part, c, writer.columns))
        sentences = writer.close() if writer is not None else SentenceStore(frames[0])
    n_overrides, n_rescored, n_changed = (int(x) for x in counts)

    arts = corpus.articles.copy(deep=False)
    all_ids = pd.Index(arts["article_id"])
    none = sentences.frame(article_ids=[])  # no rows, every column
    # the articles without sentences
    silent = all_ids.difference(pd.Index([i for t in tones for i in t.index])).difference(kept_ids)
    figures = article_tone(none, silent)
    as_analysed = arts.set_index("article_id").loc[kept_ids, list(figures.columns)]
    figures = pd.concat([*tones, figures, as_analysed]).reindex(all_ids)
    for col in figures.columns:
        arts[col] = figures[col].to_numpy()
    if len(kept_ids):
        actors.append(corpus.actor_articles[isin(corpus.actor_articles["article_id"], kept_ids)])
    actor_rows = (
        pd.concat(actors).sort_values(["article_id", "actor"]).reset_index(drop=True)
        if actors
        else actor_tone(corpus.mentions.iloc[:0], none, kinds)
    )
    params = dict(corpus.params)
    params["tone_review"] = {
        "revision": revision,
        "words": len(words),
        "sentences_set": n_overrides,
        "rescored": n_rescored,
        "changed_by_words": n_changed,
        "band": band,
        "model_band": corpus.params.get("neutral_band"),
    }
    return replace(
        corpus,
        sentence_store=sentences,
        articles=arts,
        themes=theme_tone(corpus.themes, corpus.article_themes, arts, rows=_theme_rows(corpus)),
        actor_articles=actor_rows,
        params=params,
    )


# The article row of each article-theme row, per analysis: every correction of it needs them
# (2.5 million rows at 100,000 articles: 0.06 s on a quiet machine, 0.3 s in a busy server),
# and they never change. Keyed by the tables' ids, each entry dropped with its table.
_THEME_ROWS: dict[tuple[int, int], np.ndarray] = {}


def _theme_rows(corpus: AnalysedCorpus) -> np.ndarray:
    at, articles = corpus.article_themes, corpus.articles
    key = (id(at), id(articles))
    rows = _THEME_ROWS.get(key)
    if rows is None:
        rows = positions(at["article_id"], articles["article_id"])
        rows.setflags(write=False)
        _THEME_ROWS[key] = rows
        for table in (at, articles):
            weakref.finalize(table, _THEME_ROWS.pop, key, None)
    return rows


# What a correction reads of each sentence, and the columns it adds (in this order).
_READ = ["article_id", "sent_idx", "text", "tone", "tone_label"]
_ADDED = list(UNCORRECTED)  # tone_before, scorer_tone, scorer_label, corrected


def _figures_of(corpus: AnalysedCorpus, kinds, chunk: pd.DataFrame, c, tones: list, actors: list) -> pd.Index:
    """Add to ``tones`` and ``actors`` the figures of the articles whose sentences ``chunk``
    holds (all of them), made from their corrected sentences ``c``; their ids."""
    s = chunk[["article_id", "sent_idx"]].assign(tone=c.tone, tone_label=c.label)
    ids = pd.Index(s["article_id"].unique(), name="article_id")
    tones.append(article_tone(s, ids))
    mentions = corpus.mentions[isin(corpus.mentions["article_id"], ids)]
    if len(mentions):
        actors.append(actor_tone(mentions, s, kinds))
    return ids


class _Wanted(NamedTuple):
    """The sentences a reader set by hand: their own (``own``) and those set for every copy of
    a text (``shared``, one row per text: the latest, and ``keys`` their text keys)."""

    own: pd.DataFrame
    shared: pd.DataFrame
    keys: np.ndarray  # the text keys of those set for every copy

    @classmethod
    def of(cls, overrides: pd.DataFrame) -> _Wanted:
        copies = (
            overrides["copies"].astype(bool).to_numpy() if "copies" in overrides else np.zeros(len(overrides), bool)
        )
        own, shared = overrides[~copies], overrides[copies].drop_duplicates("text_hash", keep="last")
        keys = shared["text_key"].to_numpy(dtype=np.uint64) if len(shared) else np.zeros(0, dtype=np.uint64)
        return cls(own, shared, keys)

    def columns(self) -> list[str]:
        """What a part is read for besides :data:`_READ` to find them."""
        return [TEXT_KEY] if len(self.keys) else []


def _laid_over(store: SentenceStore, wanted: _Wanted, language: pd.Series, words, scorer):
    """Sentences set by hand and a word list, on a store on disk: the store with the changed
    rows laid over its parts (:meth:`~tonlage.storage.sentence_store.SentenceStore.patched`),
    the sentences of every article that may hold one (read whole: its figures are made again)
    and their corrections."""
    ids = {str(a) for a in wanted.own["article_id"]}
    ids |= set(store.articles_with_texts(wanted.keys))  # the articles with a copy
    if words:
        ids |= set(store.articles_containing(_forms(words)))  # those a word may score again
    chunk = store.frame([*_READ, TEXT_KEY], article_ids=ids)
    c = _correct(chunk, language, words, scorer, None, wanted)
    # the rows a correction changed, and those scored again (their explanation names the word)
    changed = c.corrected != ""
    changed[list(c.evidence)] = True
    patch = {
        "article_id": chunk["article_id"].to_numpy(dtype=object)[changed],
        "sent_idx": chunk["sent_idx"].to_numpy()[changed],
        "tone": c.tone[changed],
        "tone_label": c.label[changed],
        "tone_before": chunk["tone"].to_numpy(dtype="float64")[changed],
        "scorer_tone": c.scorer_tone[changed],
        "scorer_label": c.scorer_label[changed],
        "corrected": c.corrected[changed],
    }
    if words:
        # The new explanations of those scored again; the rest keep theirs (read for those rows
        # alone: the explanations of every sentence of the articles read took 1 of 5 s).
        evidence = np.full(len(chunk), None, dtype=object)
        for i, e in c.evidence.items():
            evidence[i] = e
        kept = np.flatnonzero(changed & (evidence == None))  # noqa: E711 (elementwise)
        if len(kept):
            refs = list(zip(chunk["article_id"].to_numpy(dtype=object)[kept], chunk["sent_idx"].to_numpy()[kept]))
            evidence[kept] = store.by_ref(refs, ["evidence"])["evidence"].to_numpy(dtype=object)
        patch["evidence"] = evidence[changed]
    return store.patched(pd.DataFrame(patch), [*store.columns, *_ADDED]), chunk, c


class _Corrected(NamedTuple):
    tone: np.ndarray
    label: np.ndarray
    scorer_tone: np.ndarray
    scorer_label: np.ndarray
    corrected: np.ndarray
    evidence: dict  # row -> the new explanation of a sentence scored again
    counts: tuple[int, int, int]  # sentences set by hand, rescored, changed by the words


def _corrected_frame(chunk: pd.DataFrame, c: _Corrected) -> pd.DataFrame:
    """``chunk`` (every column) with the corrections and the columns they add."""
    s = chunk.copy(deep=False)
    evidence = s["evidence"].to_numpy(dtype=object).copy()
    for i, e in c.evidence.items():
        evidence[i] = e
    s["tone_before"] = s["tone"]
    s["tone"], s["tone_label"] = c.tone, c.label
    s["evidence"] = message_column(evidence).set_axis(s.index)  # Messages stay translatable
    s["scorer_tone"], s["scorer_label"], s["corrected"] = c.scorer_tone, c.scorer_label, c.corrected
    return s


def _corrected_table(table, c: _Corrected, columns: list[str]):
    """A Parquet part (Arrow table) with the corrections and the columns they add, as the
    writer of ``columns`` writes it; the columns a correction does not touch are copied."""
    import pyarrow as pa

    cols = {name: table.column(name) for name in table.column_names}
    if c.evidence:
        text, data = cols["evidence"].to_pylist(), cols["evidence_json"].to_pylist()
        for i, e in c.evidence.items():
            text[i], data[i] = str(e), message_json(e) if isinstance(e, Message) else None
        cols["evidence"], cols["evidence_json"] = pa.array(text, pa.string()), pa.array(data, pa.string())
    cols["tone_before"] = cols["tone"]
    cols["tone"] = pa.array(c.tone, pa.float64())
    cols["tone_label"] = pa.array(c.label.tolist(), pa.string())
    cols["scorer_tone"] = pa.array(c.scorer_tone, pa.float64())
    cols["scorer_label"] = pa.array(c.scorer_label.tolist(), pa.string())
    cols["corrected"] = pa.array(c.corrected.tolist(), pa.string())
    schema = sentence_schema(columns)
    if TEXT_KEY in schema.names and TEXT_KEY not in cols:  # a part written before the key
        cols[TEXT_KEY] = pa.array(text_keys(cols["text"].to_pylist()), pa.uint64())
    return pa.table([cols[name] for name in schema.names], schema=schema)


def _correct(chunk: pd.DataFrame, language: pd.Series, words, scorer, band, wanted: _Wanted) -> _Corrected:
    """The corrections of ``chunk`` (the :data:`_READ` columns of whole articles' sentences,
    with their text key when a tone was set for every copy of a text)."""
    s = chunk
    german = s["article_id"].map(language).isin(GERMAN_TONE_LANGUAGES).to_numpy()
    tone = s["tone"].to_numpy(dtype="float64").copy()
    label = s["tone_label"].to_numpy(dtype=object).copy()
    evidence: dict = {}
    corrected = np.full(len(s), "", dtype=object)

    rescored = np.zeros(0, dtype="int64")
    if words:
        rescored = affected_sentences(s, german, words)
        # the texts of those alone: every text of a part as Python strings took 0.6 s of 9
        for i, text in zip(rescored, s["text"].iloc[rescored].tolist()):
            t = scorer.score(text)
            if t.score != tone[i] or t.label != label[i]:
                corrected[i] = "words"
            tone[i], label[i], evidence[int(i)] = t.score, t.label, t.explain()
    if band is not None:
        scored = german & np.isin(label, TONE_LABELS)
        label[scored] = np.where(
            np.abs(tone[scored]) < band, "neutral", np.where(tone[scored] > 0, "positive", "negative")
        )
        label[scored & (tone == 0)] = "neutral"
    scorer_tone, scorer_label = tone.copy(), label.copy()

    n_overrides = 0
    text_of = s["text"]

    def set_by_hand(i: int, h: str, lab: str) -> int:
        # from the scorer's own score and label (a copy's own tone may follow one for every copy)
        if lab not in TONE_LABELS or scorer_label[i] not in TONE_LABELS or text_hash(text_of.iat[i]) != h:
            return 0
        base = scorer_tone[i]
        points = "neutral" if base == 0 else ("positive" if base > 0 else "negative")
        tone[i] = base if points == lab else OVERRIDE_SCORES[lab]
        label[i] = lab
        corrected[i] = "sentence"
        return 1

    # For every copy first, then a copy's own tone over it.
    if len(wanted.keys):
        keys = row_text_keys(s)
        by_key = dict(zip(wanted.shared["text_key"].to_numpy(dtype=np.uint64).tolist(), wanted.shared.itertuples()))
        for i in np.flatnonzero(np.isin(keys, wanted.keys)):
            o = by_key[int(keys[i])]
            n_overrides += set_by_hand(int(i), o.text_hash, o.label)
    own = wanted.own
    mine = own[isin(own["article_id"].astype(str), s["article_id"])] if len(own) else own
    if not mine.empty:
        pos = pd.Series(np.arange(len(s)), index=pd.MultiIndex.from_arrays([s["article_id"], s["sent_idx"]]))
        for aid, idx, h, lab in mine[["article_id", "sent_idx", "text_hash", "label"]].itertuples(index=False):
            i = pos.get((aid, int(idx)))
            if i is not None:
                was = corrected[i] == "sentence"  # set for every copy, now by its own tone
                done = set_by_hand(int(i), h, lab)
                n_overrides += done if not was else 0
    counts = (n_overrides, len(rescored), int((corrected == "words").sum()))
    return _Corrected(tone, label, scorer_tone, scorer_label, corrected, evidence, counts)
