"""The analysed corpus: the one object every page, chart and CLI command reads.

Tables are long, tidy pandas DataFrames keyed by ``article_id`` so they scale to 100,000
articles and filter cheaply. Column contracts are listed here and checked in tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .storage.article_texts import ArticleTexts
from .storage.sentence_store import SentenceStore

__all__ = [
    "AnalysedCorpus",
    "ARTICLE_COLUMNS",
    "SENTENCE_COLUMNS",
    "THEME_COLUMNS",
    "ARTICLE_THEME_COLUMNS",
    "MENTION_COLUMNS",
    "ACTOR_ARTICLE_COLUMNS",
    "EVENT_COLUMNS",
    "SKIPPED_COLUMNS",
    "TONE_LABELS",
    "GERMAN_TONE_LANGUAGES",
    "THEME_LANGUAGES",
    "SCORED_LANGUAGES",
    "VOICES",
]

TONE_LABELS = ("negative", "neutral", "positive")
# Languages whose sentences the German tone scorer reads ("unknown": too short to tell).
GERMAN_TONE_LANGUAGES = frozenset({"de", "unknown"})
# Themes are fitted on German text only: a few English articles would otherwise form a
# "theme" of English function words. Articles too short to identify ("unknown") are kept.
# (Here rather than in tonlage.analysis.pipeline, so that the pages' language notes do not import the
# whole engine: 1.4 s on the first Tone page of a fresh server.)
THEME_LANGUAGES = frozenset({"de", "unknown"})
# German (our rules) and English (VADER); any other language is shown as "not scored", never
# scored wrongly with a lexicon of another language.
SCORED_LANGUAGES = GERMAN_TONE_LANGUAGES | {"en"}

ARTICLE_COLUMNS = (
    "article_id",  # str, stable: the file name without extension
    "file",  # str, file name relative to the corpus folder
    "title",  # str
    "author",  # str, "unknown" when not found
    "date",  # pandas Timestamp (day precision: that day; month: 1st of month); NaT if undated
    "date_label",  # str for display: "2025-08-15" or "2025-02" or "undated"
    "date_precision",  # "day" | "month" | "none"
    "date_source",  # "header" | "dateline" | "url" | "text" | "metadata" | "edited" | "none"
    "date_note",  # Message (str: English), explaining a correction/inference; "" otherwise
    "genre",  # "news report" | "commentary" | "post" | "other" (interview, letter to readers)
    "source",  # str, outlet / publication; "" when unknown
    "url",  # str, where it was published; "" when unknown
    "language",  # ISO 639-1 code or "unknown"
    "n_sentences",  # int
    "n_words",  # int
    "tone",  # float in [-1, 1]: mean of the article's sentence scores; NaN if not scored
    "share_negative",  # float: share of sentences labelled negative
    "share_neutral",  # float
    "share_positive",  # float
    "top_theme",  # int theme_id with the largest share, -1 if none
    "top_theme_share",  # float in [0, 1]
    "duplicate_of",  # str, article_id of the first copy of the same story; "" for a first copy / unique
    "duplicate_kind",  # "" | "exact" | "near" (same story, lightly edited)
    "n_copies",  # int, copies of this story in the corpus (1 = unique)
    "note",  # Message (str: English), how the file was read (encoding guessed, text repaired) and
    # metadata remarks (the reader's own, as written); "" when none
    # Where title, author and genre came from and how sure we are (confidence "high" | "medium"
    # | "low"; "" when unknown, e.g. an author that was not found or a workspace made before
    # these columns existed).
    "title_source",  # "metadata" | "html" | "heading" | "header" | "page" | "first sentence" | "edited" | ""
    "title_confidence",
    "author_source",  # "metadata" | "html" | "header" | "byline" | "date line" | "dateline" | "signature" |
    # "credit" | "agency" | "edited" | "none" | ""
    "author_confidence",
    "genre_source",  # "metadata" | "label" | "form" | "style" | "default" | ""
    "genre_confidence",
    "genre_evidence",  # str, the words that decided ("label 'Leitartikel'", "style 2.1 > 0: ich ×3, …")
    "removed_lines",  # tuple of (kind, line): what was left out of the text (tonlage.reading.furniture.KINDS)
)

SENTENCE_COLUMNS = (
    "article_id",  # str
    "sent_idx",  # int, 0-based position in the article
    "start",  # int, char offset into the article's text
    "end",  # int
    "text",  # str
    "n_words",  # int
    "tone",  # float in [-1, 1]
    "tone_label",  # "negative" | "neutral" | "positive"
    "evidence",  # Message (str: English): "Fiasko −1.00 · Erfolg −0.80 (negated by 'kein')"; SentenceTone.explain
    # Who speaks (tonlage.voices), German and undetermined-language articles only:
    "voice",  # "author" | "quoted" (quotes cover ≥ half the sentence, or it opens with a quote and ends
    # with its frame) | "not analysed" (other languages)
    "speaker",  # str, normalised speaker of the main quote ("Jens Spahn", "DWD"); "" when none/unknown
    "speaker_actor",  # str, the tracked actor that speaker is ("Putin"); "" otherwise
    "quote_kind",  # "direct" | "reported" | "" (no quote in the sentence)
    "quote_spans",  # tuple[tuple[int, int], ...], quoted parts as offsets into ``text`` (also when partial)
    "quote_share",  # float in [0, 1], share of the sentence's letters inside quotes
)

VOICES = ("author", "quoted")  # the values of ``voice`` for analysed sentences

THEME_COLUMNS = (
    "theme_id",  # int, 0..n-1, ordered by overall weight (0 = largest)
    "label",  # str, readable: two or three distinct top terms joined with " · "
    "terms",  # tuple[str, ...], top ten terms by class-based TF-IDF (what sets the theme apart)
    "weight",  # float, share of the corpus (mean article share)
    "n_articles",  # int, articles whose top theme this is
    "tone",  # float, share-weighted mean tone of articles
    "term_weights",  # tuple[float, ...], c-TF-IDF weights aligned with ``terms``
    "stability",  # float in [0, 1]: how much of its articles come back together when refitted on
    # resampled articles with other seeds (NaN: not measured, or a merged theme); below
    # thresholds.THEME_UNSTABLE_BELOW: unstable
)

ARTICLE_THEME_COLUMNS = ("article_id", "theme_id", "share")  # share in [0,1], rows sum to 1

MENTION_COLUMNS = (
    "article_id",
    "sent_idx",  # where
    "actor",  # canonical name, e.g. "Lawrow"
    "alias",  # surface form found, e.g. "Lavrovs"
    "start",
    "end",  # char offsets into the article text
)

ACTOR_ARTICLE_COLUMNS = (
    "article_id",
    "actor",
    "kind",  # kind: "person" | "institution" | "country"
    "mentions",  # int, number of mentions in the article
    "n_sentences",  # int, sentences that mention the actor
    "tone",  # float, mean tone of those sentences
)

EVENT_COLUMNS = ("date", "label", "description")  # date: Timestamp; optional label_de, description_de

SKIPPED_COLUMNS = ("file", "reason")  # files that could not be loaded, with the reason (a Message)


def message_column(values: Iterable[object]) -> pd.Series:
    """The values of a column of messages (date notes, notes, evidence, reasons) as an object
    series (index 0…n-1): pandas 3 turns strings, :class:`~tonlage.i18n.Message` s included, into
    a column of plain strings (even from an object array), and they could no longer be translated."""
    return pd.Series(list(values), dtype=object)


@dataclass(init=False)
class AnalysedCorpus:
    """Everything the app shows, computed once per corpus and settings.

    Attributes:
        articles: One row per article (``ARTICLE_COLUMNS``), sorted by date then id.
        sentence_store: One row per sentence (``SENTENCE_COLUMNS``), read in parts
            (:class:`tonlage.storage.sentence_store.SentenceStore`: on disk for an analysis, in memory
            for a table given as ``sentences=``).
        sentences: Every sentence as one DataFrame (``sentence_store.to_pandas()``): loads them
            all from disk on every access; readers of a part ask the store instead.
        themes: One row per theme (``THEME_COLUMNS``).
        article_themes: Long table article × theme share (``ARTICLE_THEME_COLUMNS``).
        mentions: One row per actor mention (``MENTION_COLUMNS``).
        actor_articles: One row per (article, actor) with mentions and tone.
        events: Event markers for time axes (``EVENT_COLUMNS``).
        skipped: Files that did not load, with a plain reason (``SKIPPED_COLUMNS``).
        params: Settings the analysis ran with (n_themes, neutral band, version, ...).
        fingerprint: Content hash of the corpus and settings; the cache key.
        texts: The articles' cleaned texts (sentence offsets point into them), by article id
            (:class:`tonlage.storage.article_texts.ArticleTexts`), apart from the table. Given a table
            with a ``text`` column instead, the texts are taken from it.
    """

    articles: pd.DataFrame
    sentence_store: SentenceStore
    themes: pd.DataFrame
    article_themes: pd.DataFrame
    mentions: pd.DataFrame
    actor_articles: pd.DataFrame
    events: pd.DataFrame
    skipped: pd.DataFrame
    params: dict = field(default_factory=dict)
    fingerprint: str = ""
    texts: ArticleTexts = field(default_factory=lambda: ArticleTexts([]))

    def __init__(
        self,
        articles: pd.DataFrame,
        sentences: pd.DataFrame | SentenceStore | None = None,
        themes: pd.DataFrame | None = None,
        article_themes: pd.DataFrame | None = None,
        mentions: pd.DataFrame | None = None,
        actor_articles: pd.DataFrame | None = None,
        events: pd.DataFrame | None = None,
        skipped: pd.DataFrame | None = None,
        params: dict | None = None,
        fingerprint: str = "",
        sentence_store: SentenceStore | None = None,
        texts: ArticleTexts | None = None,
    ):
        # ``sentences=`` (a table or a store) wins over ``sentence_store=``: dataclasses.replace
        # passes the current store along with a new table.
        store = sentences if sentences is not None else sentence_store
        if store is None:
            raise TypeError("AnalysedCorpus needs sentences")
        self.articles, self.texts = _texts_apart(articles, texts)
        self.sentence_store = store if isinstance(store, SentenceStore) else SentenceStore(store)
        for name, value in (
            ("themes", themes),
            ("article_themes", article_themes),
            ("mentions", mentions),
            ("actor_articles", actor_articles),
            ("events", events),
            ("skipped", skipped),
        ):
            if value is None:
                raise TypeError(f"AnalysedCorpus needs {name}")
            setattr(self, name, value)
        self.params = {} if params is None else params
        self.fingerprint = fingerprint

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        packed = _pack_shares(self.article_themes)
        if packed is not None:
            state["article_themes"] = packed
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if isinstance(self.article_themes, _PackedShares):
            self.article_themes = self.article_themes.frame()
        # kept before the texts were kept apart from the table: its text column moves out
        self.articles, self.texts = _texts_apart(self.articles, state.get("texts"))

    @property
    def sentences(self) -> pd.DataFrame:
        return self.sentence_store.to_pandas()

    @sentences.setter
    def sentences(self, value: pd.DataFrame | SentenceStore) -> None:
        self.sentence_store = value if isinstance(value, SentenceStore) else SentenceStore(value)

    def sentence_frame(
        self, columns: Sequence[str], *, article_ids: Iterable[str] | None = None, scored: bool = False
    ) -> pd.DataFrame:
        """:meth:`SentenceStore.frame <tonlage.storage.sentence_store.SentenceStore.frame>` of
        ``columns``, a ``text`` among them cut from the articles' texts at the sentences'
        offsets (:meth:`cut_texts`): for the few articles' sentences a page shows. A column the
        store does not have is left out, as the store leaves it out."""
        found = self.cut_texts(
            self.sentence_store.frame(self._read_cut(columns), article_ids=article_ids, scored=scored)
        )
        return found[[c for c in columns if c in found]]

    def sentences_by_ref(self, refs: Iterable[tuple[str, int]], columns: Sequence[str]) -> pd.DataFrame:
        """:meth:`SentenceStore.by_ref <tonlage.storage.sentence_store.SentenceStore.by_ref>`
        (``article_id``, ``sent_idx`` and ``columns``, in the order of ``refs``), a ``text``
        cut from the articles' texts as in :meth:`sentence_frame`."""
        found = self.cut_texts(self.sentence_store.by_ref(refs, self._read_cut(columns)))
        return found[[c for c in dict.fromkeys(["article_id", "sent_idx", *columns]) if c in found]]

    def _read_cut(self, columns: Sequence[str]) -> list[str]:
        """``columns`` to read from the store: its offsets instead of its ``text`` where it has them."""
        have = self.sentence_store.columns
        if "text" not in columns or not ("start" in have and "end" in have):
            return list(columns)
        return [c for c in columns if c != "text"] + [c for c in ("start", "end") if c not in columns]

    def cut_texts(self, rows: pd.DataFrame) -> pd.DataFrame:
        """``rows`` read with :meth:`_read_cut`'s columns, each sentence's ``text`` cut from its
        article's text at its offsets (the analysis cut it so, tests/engine/test_article_texts.py).
        The store's text column of a few articles is decoded for every row group they stand in:
        ~40-110 ms of a first-time filter on the Tone page at 100,000 articles, against ~1 ms."""
        if "text" in rows or "start" not in rows:
            return rows
        texts: dict[str, str] = {}
        cut = [
            (texts[a] if a in texts else texts.setdefault(a, self.texts.get(a)))[b:e]
            for a, b, e in zip(rows["article_id"].tolist(), rows["start"].tolist(), rows["end"].tolist())
        ]
        out = rows.copy(deep=False)
        out["text"] = pd.array(cut, dtype="str")
        return out


def _texts_apart(articles: pd.DataFrame, texts: ArticleTexts | None) -> tuple[pd.DataFrame, ArticleTexts]:
    """The article table without a ``text`` column, and the texts: ``texts``, else those of
    that column (a table made by hand, or an analysis kept before the texts were apart)."""
    if "text" in articles:
        if texts is None:
            texts = ArticleTexts.of(articles["article_id"].tolist(), articles["text"].tolist())
        articles = articles.drop(columns="text")
    return articles, ArticleTexts([]) if texts is None else texts


@dataclass(frozen=True)
class _PackedShares:
    """An article × theme table with a row for every article and theme (as the analysis makes
    it), pickled as its articles' ids and the matrix of shares: 21 MB instead of 78 MB at
    100,000 articles and 25 themes, written to the cache at every add to a workspace."""

    ids: object  # pyarrow array of the article ids, one per article
    shares: object  # numpy array, articles × themes
    id_dtype: object
    share_dtype: object

    def frame(self) -> pd.DataFrame:
        import numpy as np
        import pyarrow as pa

        n, k = self.shares.shape  # type: ignore[attr-defined]
        rows = pa.array(np.repeat(np.arange(n), k))
        return pd.DataFrame(
            {
                "article_id": pd.Series(self.ids.take(rows), dtype=self.id_dtype),  # type: ignore[attr-defined]
                "theme_id": np.tile(np.arange(k, dtype="int64"), n),
                "share": self.shares.reshape(-1).astype(self.share_dtype),  # type: ignore[attr-defined]
            },
            columns=list(ARTICLE_THEME_COLUMNS),
        )


def _pack_shares(table: pd.DataFrame) -> _PackedShares | None:
    """``table`` (``ARTICLE_THEME_COLUMNS``) packed when it is an article × theme table with a
    row for every article and theme 0..k-1 in that order, by position, and Arrow ids; else None
    (it is pickled as it is)."""
    import numpy as np
    import pyarrow as pa

    n = len(table)
    if (
        n == 0
        or tuple(table.columns) != ARTICLE_THEME_COLUMNS
        or not isinstance(table.index, pd.RangeIndex)
        or table.index.start != 0
        or table.index.step != 1
        or table["theme_id"].dtype != np.dtype("int64")
        or not hasattr(table["article_id"].array, "__arrow_array__")
    ):
        return None
    theme = table["theme_id"].to_numpy()
    k = int(theme.max()) + 1
    if k < 1 or n % k or not np.array_equal(theme, np.tile(np.arange(k), n // k)):
        return None
    ids_col = pa.chunked_array(pa.array(table["article_id"].array))
    if ids_col.null_count:
        return None
    ids = ids_col.take(pa.array(np.arange(0, n, k))).combine_chunks()
    if not ids_col.equals(pa.chunked_array([ids.take(pa.array(np.repeat(np.arange(n // k), k)))])):
        return None
    shares = table["share"].to_numpy()
    return _PackedShares(ids, shares.reshape(n // k, k), table["article_id"].dtype, shares.dtype)
