"""Tone by voice: the author's sentences next to the quoted ones, and what an actor says next to
how the actor is talked about.

Reads the sentence table's ``voice``, ``speaker_actor`` and ``quote_kind`` columns (see
:mod:`tonlage.voices`) and the existing per-sentence ``tone``. Only scored sentences (tone not NaN)
of analysed languages count; every figure comes with the number of sentences behind it so a page
can warn when it rests on few.

Definitions:

- author voice: sentences whose ``voice`` is "author"; quoted voices: "quoted" (quotes cover at
  least half of the sentence).
- what X says: quoted sentences whose speaker is the tracked actor X.
- how X is talked about: sentences that mention X (the mentions table) and carry none of X's own
  words, so X's quotes never colour how X is described. A quote of someone else about X counts
  here: it is part of how X is talked about.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from .frames import CorpusIndex, positions
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


def voice_tone_by_article(corpus: AnalysedCorpus, article_ids=None) -> pd.DataFrame:
    """Author's voice vs quoted voices per article.

    Args:
        corpus: The analysed corpus.
        article_ids: Restrict to these articles (the view); ``None`` for all.

    Returns:
        One row per article with scored sentences: ``article_id`` and ``VOICE_TONE_COLUMNS``.
    """
    s = _scored(corpus, article_ids)
    if s.empty:
        return pd.DataFrame(
            {"article_id": pd.Series(dtype="object"), **{c: pd.Series(dtype="float64") for c in VOICE_TONE_COLUMNS}}
        )
    out = _wide(s.groupby(["article_id", "voice"], sort=True))
    return out.rename_axis("article_id").reset_index()


def voice_tone_by_period(
    corpus: AnalysedCorpus, freq: str = "M", article_ids=None, *, index: CorpusIndex | None = None
) -> pd.DataFrame:
    """Author's voice vs quoted voices per calendar period.

    Args:
        corpus: The analysed corpus.
        freq: A pandas period frequency: "D", "W", "M" (default), "Q" or "Y".
        article_ids: Restrict to these articles; ``None`` for all. With ``index``, also a
            boolean mask over the article rows.
        index: The corpus's :class:`~tonlage.frames.CorpusIndex` (the app keeps one): the
            sentences are then taken from its scored sentences by article row, instead of a
            read of the store filtered on every id in view (0.4 s per filter over 2.2 million
            sentences at 100,000 articles).

    Returns:
        One row per period that has scored sentences, oldest first: ``period`` (the first day, a
        Timestamp), ``label`` (e.g. "2025-08"), ``n_articles`` and ``VOICE_TONE_COLUMNS``.
        Undated articles belong to no period; articles dated only to a month count in it.
    """
    if index is not None:
        # "article_id" holds the article row here: it is only counted (n_articles).
        s, pos = _voiced_in_view(index, index.rows(article_ids) if article_ids is not None else None)
    else:
        s = _scored(corpus, article_ids, ["article_id", "tone", "voice"])
        # By position, not Series.map over millions of Arrow-text ids (bench/scale.py)
        pos = positions(s["article_id"], corpus.articles["article_id"])
    dates = corpus.articles["date"].to_numpy()
    s = s.assign(date=pd.Series(dates[pos], index=s.index).where(pos >= 0)).dropna(subset=["date"])
    columns = ["period", "label", "n_articles", *VOICE_TONE_COLUMNS]
    if s.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    periods = pd.DatetimeIndex(s["date"]).to_period(freq)
    s = s.assign(_p=periods)
    out = _wide(s.groupby(["_p", "voice"], sort=True))
    out["n_articles"] = s.groupby("_p")["article_id"].nunique()
    out = out.reset_index()
    out["period"] = out["_p"].dt.start_time
    out["label"] = out["_p"].astype(str)
    return out[columns].sort_values("period").reset_index(drop=True)


_VOICE_NAMES = np.array(["", "author", "quoted"], dtype=object)


def _voiced_in_view(index: CorpusIndex, rows: np.ndarray | None) -> tuple[pd.DataFrame, np.ndarray]:
    """The scored sentences of the author's and quoted voices of the articles ``rows`` (a mask;
    None: every sentence, also of rows not in the corpus, as the store would give them) from
    ``index``: ``article_id`` (the article row), ``tone``, ``voice``; and their article rows."""
    sc = index.scored
    code = index.voices
    row = sc["row"].to_numpy()
    keep = code > 0
    if rows is not None:
        keep &= index.in_view(row, rows)
    r = row[keep]
    s = pd.DataFrame({"article_id": r, "tone": sc["tone"].to_numpy()[keep], "voice": _VOICE_NAMES[code[keep]]})
    return s, r


def _speakers_in_view(index: CorpusIndex, rows: np.ndarray) -> pd.DataFrame:
    """:func:`_scored`'s columns for the articles ``rows`` (a mask), from ``index``, in the
    store's order; ``article_id`` is the article row and ``quote_kind`` only says whether there
    is one ("" or "quote")."""
    sc = index.scored
    code = index.voices
    speaker, names, quoted = index.speakers
    keep = (code > 0) & index.in_view(sc["row"].to_numpy(), rows)
    return pd.DataFrame(
        {
            "article_id": sc["row"].to_numpy()[keep].astype(np.int64),
            "sent_idx": sc["sent_idx"].to_numpy()[keep].astype(np.int64),
            "tone": sc["tone"].to_numpy()[keep],
            "voice": _VOICE_NAMES[code[keep]],
            "speaker_actor": names[speaker[keep]] if len(names) else np.zeros(int(keep.sum()), dtype=object),
            "quote_kind": np.where(quoted[keep], "quote", ""),
        }
    )


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
        index: The corpus's :class:`~tonlage.frames.CorpusIndex`: the sentences of a view are
            then taken from its scored sentences by article row (no read of the store filtered
            on every id in view); every article (``None``) is read from the store as before.

    Returns:
        One row per actor that speaks or is named in a scored sentence, in ``ACTOR_VOICE_COLUMNS``,
        the most discussed first. Tones are NaN where a side has no sentence.
    """
    m = corpus.mentions[["article_id", "sent_idx", "actor"]].drop_duplicates()
    if index is not None and article_ids is not None:
        # "article_id" holds the article row here (it is only counted); the mentions are matched
        # by (article row, sentence) instead of (id, sentence).
        s = _speakers_in_view(index, index.rows(article_ids))
        m = m.assign(article_id=positions(m["article_id"], corpus.articles["article_id"]))
    else:
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
    kinds = (
        dict(zip(corpus.actor_articles["actor"], corpus.actor_articles["kind"]))
        if not corpus.actor_articles.empty
        else {}
    )
    out = out.rename_axis("actor").reset_index()
    out["kind"] = out["actor"].map(kinds).fillna("person")
    out = out.sort_values(["n_about", "n_says", "actor"], ascending=[False, False, True])
    return out[list(ACTOR_VOICE_COLUMNS)].reset_index(drop=True)
