"""Tone by voice: the author's sentences next to the quoted ones, and what an actor says next to
how the actor is talked about.

Reads the sentence table's ``voice``, ``speaker_actor`` and ``quote_kind`` columns (see
:mod:`tonlage.voices`) and the existing per-sentence ``tone``. Only scored sentences (tone not NaN)
of analysed languages count; every figure comes with the number of sentences behind it so a page
can warn when it rests on few.

Definitions:

- author voice: sentences whose ``voice`` is "author"; quoted voices: "quoted" (quotes cover at
  least half of the sentence, or it opens with a quote and ends with that quote's frame).
- what X says: quoted sentences whose speaker is the tracked actor X.
- how X is talked about: sentences that mention X (the mentions table) and carry none of X's own
  words, so X's quotes never colour how X is described. A quote of someone else about X counts
  here: it is part of how X is talked about.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from .corpus_index import CorpusIndex
from .frames import distinct_per_key, positions
from .intervals import weighted_mean_intervals
from .model import AnalysedCorpus

__all__ = [
    "voice_tone_by_article",
    "voice_tone_by_period",
    "actor_voices",
    "VOICE_TONE_COLUMNS",
    "ACTOR_VOICE_COLUMNS",
    "MIN_SENTENCES",
]

log = logging.getLogger(__name__)

VOICE_TONE_COLUMNS = (
    "n_author",  # int, scored sentences in the author's voice
    "tone_author",  # float, their mean tone (NaN without any)
    "n_quoted",  # int, scored sentences in quoted voices
    "tone_quoted",  # float, their mean tone (NaN without any)
    "share_quoted",  # float, n_quoted / (n_author + n_quoted)
    "tone_gap",  # float, tone_quoted − tone_author (NaN unless both exist)
)
ACTOR_VOICE_COLUMNS = (
    "actor",
    "kind",
    "n_says",  # int, scored quoted sentences spoken by the actor
    "tone_says",  # float, their mean tone
    "articles_says",  # int, articles those sentences come from
    "n_about",  # int, scored sentences naming the actor, the actor's own words left out
    "tone_about",  # float, their mean tone
    "articles_about",  # int
    "thin_says",  # bool, n_says < min_sentences: show with a warning
    "thin_about",  # bool, n_about < min_sentences
)
# Below this many sentences a mean tone is an indication, not a finding (as elsewhere in the app).
MIN_SENTENCES = 10


_SCORED_COLUMNS = ["article_id", "sent_idx", "tone", "voice", "speaker_actor", "quote_kind"]


def _scored(corpus: AnalysedCorpus, article_ids, columns: list[str] = _SCORED_COLUMNS) -> pd.DataFrame:
    """The scored sentences of the author's and quoted voices (``columns``, "voice" among them)
    of ``article_ids`` (None: all)."""
    store = corpus.sentence_store
    if "voice" not in store.columns:
        raise ValueError("the analysis has no voice columns; re-run it with this engine version")
    s = store.frame(columns, article_ids=article_ids, scored=True)
    return s[s["voice"].isin(("author", "quoted")).to_numpy()]


def _wide(groups: pd.core.groupby.DataFrameGroupBy) -> pd.DataFrame:
    """Counts and mean tone per voice, one row per group, in ``VOICE_TONE_COLUMNS``."""
    agg = groups["tone"].agg(["size", "mean"]).unstack("voice")
    out = pd.DataFrame(index=agg.index)
    for voice in ("author", "quoted"):
        n = agg[("size", voice)] if ("size", voice) in agg.columns else pd.Series(0, index=agg.index)
        m = agg[("mean", voice)] if ("mean", voice) in agg.columns else pd.Series(np.nan, index=agg.index)
        out[f"n_{voice}"] = n.fillna(0).astype("int64")
        out[f"tone_{voice}"] = m.astype("float64")
    total = out["n_author"] + out["n_quoted"]
    out["share_quoted"] = (out["n_quoted"] / total.where(total > 0)).astype("float64")
    out["tone_gap"] = out["tone_quoted"] - out["tone_author"]
    return out[list(VOICE_TONE_COLUMNS)]


def voice_tone_by_article(
    corpus: AnalysedCorpus, article_ids=None, *, index: CorpusIndex | None = None
) -> pd.DataFrame:
    """Author's voice vs quoted voices per article.

    Args:
        corpus: The analysed corpus.
        article_ids: Restrict to these articles (the view); ``None`` for all.
        index: The corpus's :class:`~tonlage.corpus_index.CorpusIndex`: the articles' sentences are
            then counted from its scored sentences, with no read of the store (the Tone page's
            30 articles: 100-120 ms of reading at 100,000 articles).

    Returns:
        One row per article with scored sentences, in the order of their ids: ``article_id`` and
        ``VOICE_TONE_COLUMNS``.
    """
    if index is not None and article_ids is not None:
        return _by_article_from_index(corpus, index, index.rows(article_ids))
    s = _scored(corpus, article_ids)
    if s.empty:
        return _no_articles()
    out = _wide(s.groupby(["article_id", "voice"], sort=True))
    return out.rename_axis("article_id").reset_index()


def _no_articles() -> pd.DataFrame:
    return pd.DataFrame(
        {"article_id": pd.Series(dtype="object"), **{c: pd.Series(dtype="float64") for c in VOICE_TONE_COLUMNS}}
    )


def _by_article_from_index(corpus: AnalysedCorpus, index: CorpusIndex, rows: np.ndarray) -> pd.DataFrame:
    """:func:`voice_tone_by_article` of the articles ``rows`` (a mask), summed in NumPy from the
    index's scored sentences; the means agree with pandas' to the last bits of a float."""
    n, total = index.voice_totals  # each article's own sums: the rows of the view's articles
    have = np.flatnonzero(rows & (n.sum(axis=1) > 0))
    if not len(have):
        return _no_articles()
    ids = corpus.articles["article_id"].iloc[have].reset_index(drop=True)
    like = corpus.sentence_store.frame(["article_id"], article_ids=[])["article_id"].dtype  # the store's, as grouped
    out = _voice_columns(n[have], total[have]).assign(article_id=ids.astype(like))
    return out.sort_values("article_id", kind="stable").reset_index(drop=True)[["article_id", *VOICE_TONE_COLUMNS]]


def _voice_columns(n: np.ndarray, total: np.ndarray) -> pd.DataFrame:
    """``VOICE_TONE_COLUMNS`` from sentences (``n``) and their summed tone (``total``) per
    group and voice (k x 2 arrays: the author's, quoted), one row per group."""
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, total / np.maximum(n, 1), np.nan)
    out = pd.DataFrame(
        {
            "n_author": n[:, 0].astype(np.int64),
            "tone_author": mean[:, 0],
            "n_quoted": n[:, 1].astype(np.int64),
            "tone_quoted": mean[:, 1],
        }
    )
    both = out["n_author"] + out["n_quoted"]
    out["share_quoted"] = (out["n_quoted"] / both.where(both > 0)).astype("float64")
    out["tone_gap"] = out["tone_quoted"] - out["tone_author"]
    return out


def voice_tone_by_period(
    corpus: AnalysedCorpus, freq: str = "M", article_ids=None, *, index: CorpusIndex | None = None
) -> pd.DataFrame:
    """Author's voice vs quoted voices per calendar period.

    Args:
        corpus: The analysed corpus.
        freq: A pandas period frequency: "D", "W", "M" (default), "Q" or "Y".
        article_ids: Restrict to these articles; ``None`` for all. With ``index``, also a
            boolean mask over the article rows.
        index: The corpus's :class:`~tonlage.corpus_index.CorpusIndex` (the app keeps one): the
            sentences are then taken from its scored sentences by article row, instead of a
            read of the store filtered on every id in view (0.4 s per filter over 2.2 million
            sentences at 100,000 articles).

    Returns:
        One row per period that has scored sentences, oldest first: ``period`` (the first day, a
        Timestamp), ``label`` (e.g. "2025-08"), ``n_articles``, ``VOICE_TONE_COLUMNS`` and each
        voice's 95 % interval over the period's articles (``low_author``, ``high_author``,
        ``low_quoted``, ``high_quoted``; NaN under two articles with that voice). Undated
        articles belong to no period; articles dated only to a month count in it.
    """
    if index is not None:
        return _by_period_from_index(index, index.rows(article_ids) if article_ids is not None else None, freq)
    s = _scored(corpus, article_ids, ["article_id", "tone", "voice"])
    # By position, not Series.map over millions of Arrow-text ids (bench/scale.py)
    pos = positions(s["article_id"], corpus.articles["article_id"])
    dates = corpus.articles["date"].to_numpy()
    s = s.assign(date=pd.Series(dates[pos], index=s.index).where(pos >= 0)).dropna(subset=["date"])
    if s.empty:
        return _no_periods()
    periods = pd.DatetimeIndex(s["date"]).to_period(freq)
    s = s.assign(_p=periods)
    out = _wide(s.groupby(["_p", "voice"], sort=True))
    out["n_articles"] = s.groupby("_p")["article_id"].nunique()
    # Each voice's interval over the period's articles: their sums and counts of that voice.
    per_article = s.groupby(["_p", "voice", "article_id"], sort=True, observed=True)["tone"].agg(["sum", "size"])
    for voice in ("author", "quoted"):
        low, high = np.full(len(out), np.nan), np.full(len(out), np.nan)
        if voice in per_article.index.get_level_values("voice"):
            part = per_article.xs(voice, level="voice")
            code = out.index.get_indexer(part.index.get_level_values("_p"))
            low, high = weighted_mean_intervals(code, part["sum"].to_numpy(), part["size"].to_numpy(), len(out))
        out[f"low_{voice}"], out[f"high_{voice}"] = low, high
    out = out.reset_index()
    out["period"] = out["_p"].dt.start_time
    out["label"] = out["_p"].astype(str)
    return out[list(_PERIOD_COLUMNS)].sort_values("period").reset_index(drop=True)


#: Each voice's 95 % interval of a period's tone over its articles (NaN under two articles that
#: have sentences in that voice; :func:`tonlage.intervals.weighted_mean_intervals`).
_INTERVAL_COLUMNS = ("low_author", "high_author", "low_quoted", "high_quoted")
_PERIOD_COLUMNS = ("period", "label", "n_articles", *VOICE_TONE_COLUMNS, *_INTERVAL_COLUMNS)


def _no_periods() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in _PERIOD_COLUMNS})


def _by_period_from_index(index: CorpusIndex, rows: np.ndarray | None, freq: str) -> pd.DataFrame:
    """:func:`voice_tone_by_period` from the index, counted in NumPy: every article's period is
    numbered once per corpus (:meth:`CorpusIndex.voice_periods`) and its voices' sentences and
    tones summed once (:attr:`CorpusIndex.voice_totals`); a view's are summed per period with
    ``bincount`` (0.5-1 s of pandas grouping once, at 100,000 articles). The means agree with
    pandas' to the last bits of a float."""
    article_period, has, found = index.voice_periods(freq)
    present = has if rows is None else has & rows  # articles with a voiced sentence in a period
    if not present.any():
        return _no_periods()
    k = len(found)
    # Each article's sums (CorpusIndex.voice_totals) summed per period: the view's articles,
    # not its 2.2 million sentences at 100,000 articles (~20 ms of every filter the Tone page
    # had not seen).
    at = np.flatnonzero(present)
    period = article_period[at]
    art_n, art_total = index.voice_totals
    n = np.stack([np.bincount(period, weights=art_n[at, v], minlength=k) for v in (0, 1)], axis=1)
    total = np.stack([np.bincount(period, weights=art_total[at, v], minlength=k) for v in (0, 1)], axis=1)
    articles = np.bincount(period, minlength=k)
    have = n.sum(axis=1) > 0
    found = found[have]
    ends = {}
    for v, voice in enumerate(("author", "quoted")):
        low, high = weighted_mean_intervals(period, art_total[at, v], art_n[at, v], k)
        ends[f"low_{voice}"], ends[f"high_{voice}"] = low[have], high[have]
    out = _voice_columns(n[have], total[have]).assign(
        period=found.start_time, label=found.astype(str), n_articles=articles[have].astype(np.int64), **ends
    )
    return out[list(_PERIOD_COLUMNS)]


def _side(keys: np.ndarray, names: np.ndarray, rows: np.ndarray, tone: np.ndarray, name: str) -> pd.DataFrame:
    """Sentences counted per key (a number into ``names``): how many, their mean tone, and from
    how many articles (``rows``), one row per key that has any, indexed by its name."""
    k = len(names)
    n = np.bincount(keys, minlength=k)
    total = np.bincount(keys, weights=tone, minlength=k)
    articles = distinct_per_key(keys, rows, k)
    have = n > 0
    return pd.DataFrame(
        {
            f"n_{name}": n[have].astype(np.int64),
            f"tone_{name}": total[have] / n[have],
            f"articles_{name}": articles[have].astype(np.int64),
        },
        index=pd.Index(names[have], dtype=object),
    )


def _actor_sides_from_index(index: CorpusIndex, rows: np.ndarray) -> pd.DataFrame:
    """What each actor says and how each is talked about in the articles ``rows`` (a mask), from
    the index's scored sentences in NumPy: the mentions are matched to the sentences by (article
    row, sentence) through the index's sorted keys and counted with ``bincount``, where a merge
    of 2.2 million sentences by text ids and pandas' grouping took 0.9-1.5 s at 100,000
    articles. The same counts as the store's way; the means agree to the last bits of a float."""
    sc = index.scored
    code = index.voices
    speaker, names, quoted = index.speakers
    row = sc["row"].to_numpy()
    tone = sc["tone"].to_numpy()
    # The view's sentences from each article's run (a few weeks cost their own sentences, not
    # three passes over 2.2 million), in the store's order, so the sums add up as before.
    pos = index.scored_of_rows(rows)
    pos = pos[code[pos] > 0]
    # a speaker's name: a text other than "" (a missing one is nobody's, as in pandas' grouping)
    named = np.array([isinstance(x, str) and x != "" for x in names], dtype=bool)
    says = pos[(code[pos] == 2) & named[speaker[pos]]] if len(names) else pos[:0]
    said = _side(speaker[says], names, row[says], tone[says], "says")

    keep = np.zeros(len(code), dtype=bool)
    keep[pos] = True
    mrow, _, at, acode, anames = index.mention_at
    hit = at >= 0
    hit[hit] = keep[at[hit]]
    at, mrow, acode = at[hit], mrow[hit], acode[hit]
    # the actor's own words (a whole quote or part of a sentence) never count as talk about the
    # actor: a speaker's name as the actor's number (-1: no actor's name)
    if len(names):
        spoken_by = positions(pd.Series(names, dtype=object), pd.Series(anames, dtype=object))
        own = quoted[at] & (acode >= 0) & (spoken_by[speaker[at]] == acode)
    else:
        own = np.zeros(len(at), dtype=bool)
    at, mrow, acode = at[~own], mrow[~own], acode[~own]
    named_actor = acode >= 0  # a missing actor is no one's, as in pandas' grouping
    about = _side(acode[named_actor], anames, mrow[named_actor], tone[at][named_actor], "about")
    return said.join(about, how="outer")


def actor_voices(
    corpus: AnalysedCorpus,
    article_ids=None,
    *,
    min_sentences: int = MIN_SENTENCES,
    index: CorpusIndex | None = None,
) -> pd.DataFrame:
    """Per tracked actor: what the actor says next to how the actor is talked about.

    Args:
        corpus: The analysed corpus.
        article_ids: Restrict to these articles; ``None`` for all. With ``index``, also a
            boolean mask over the article rows.
        min_sentences: Below this many sentences a side is flagged ``thin``.
        index: The corpus's :class:`~tonlage.corpus_index.CorpusIndex`: the sentences of a view are
            then taken from its scored sentences by article row (no read of the store filtered
            on every id in view); every article (``None``) is read from the store as before.

    Returns:
        One row per actor that speaks or is named in a scored sentence, in ``ACTOR_VOICE_COLUMNS``,
        the most discussed first. Tones are NaN where a side has no sentence.
    """
    if index is not None and article_ids is not None:
        out = _actor_sides_from_index(index, index.rows(article_ids))
    else:
        m = corpus.mentions[["article_id", "sent_idx", "actor"]].drop_duplicates()
        s = _scored(corpus, article_ids)
        says = s[(s["voice"] == "quoted") & (s["speaker_actor"] != "")]
        about = m.merge(s, on=["article_id", "sent_idx"], how="inner")
        # the actor's own words (a whole quote or part of a sentence) never count as talk about the actor
        own = (about["speaker_actor"] == about["actor"]) & (about["quote_kind"] != "")
        about = about[~own]

        def side(df: pd.DataFrame, key: str, name: str) -> pd.DataFrame:
            g = df.groupby(key)
            return pd.DataFrame(
                {f"n_{name}": g.size(), f"tone_{name}": g["tone"].mean(), f"articles_{name}": g["article_id"].nunique()}
            )

        out = side(says, "speaker_actor", "says").join(side(about, "actor", "about"), how="outer")
    if out.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in ACTOR_VOICE_COLUMNS})
    for col in ("n_says", "articles_says", "n_about", "articles_about"):
        out[col] = out[col].fillna(0).astype("int64")
    out["thin_says"] = out["n_says"] < min_sentences
    out["thin_about"] = out["n_about"] < min_sentences
    # Each actor's kind, the last row's as a dict over every row would keep it, from one row per
    # actor: not a walk over the rows (86,000 at 100,000 articles, 0.3 s of Arrow text).
    kinds = {}
    if not corpus.actor_articles.empty:
        last = corpus.actor_articles[["actor", "kind"]].drop_duplicates("actor", keep="last")
        kinds = dict(zip(last["actor"], last["kind"]))
    out = out.rename_axis("actor").reset_index()
    out["kind"] = out["actor"].map(kinds).fillna("person")
    out = out.sort_values(["n_about", "n_says", "actor"], ascending=[False, False, True])
    return out[list(ACTOR_VOICE_COLUMNS)].reset_index(drop=True)
