"""Tone figures built from the sentences: an article's mean tone and label shares, a theme's
share-weighted tone, an actor's tone per article. The analysis computes them once; a reader's
tone corrections recompute them from the corrected sentences (:mod:`tonlage.review`) without
re-running anything else.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import positions
from .model import ACTOR_ARTICLE_COLUMNS, THEME_COLUMNS, TONE_LABELS

__all__ = ["article_tone", "theme_tone", "actor_tone"]


def article_tone(sentences: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """Per article (index ``ids``): ``tone`` (mean sentence tone; NaN when no sentence was
    scored) and ``share_negative``/``share_neutral``/``share_positive`` (shares of its
    sentences, "not scored" ones included in the total)."""
    tone = sentences.groupby("article_id", sort=False)["tone"].mean().reindex(ids)
    counts = (
        sentences.groupby(["article_id", "tone_label"], sort=False)
        .size()
        .unstack(fill_value=0)
        .reindex(ids, fill_value=0)
    )
    totals = counts.sum(axis=1).where(lambda x: x > 0)
    out = pd.DataFrame({"tone": tone.astype("float64")}, index=ids)
    for lab in TONE_LABELS:
        out[f"share_{lab}"] = (counts[lab] / totals).fillna(0.0) if lab in counts else 0.0
    return out


def theme_tone(
    themes: pd.DataFrame, art_themes: pd.DataFrame, articles: pd.DataFrame, rows: np.ndarray | None = None
) -> pd.DataFrame:
    """``themes`` with ``tone``: the mean of its articles' tone weighted by their theme share.
    ``rows``: the article row of each of ``art_themes`` (:func:`~tonlage.frames.positions`),
    where the caller keeps them."""
    if themes.empty:
        return themes.assign(tone=pd.Series(dtype="float64"))[list(THEME_COLUMNS)]
    # Each share's article tone looked up by position (a merge of the article x theme rows
    # with the articles took 0.8 s at 100,000 articles), and summed per theme by counting: a
    # frame of the 2.5 million rows grouped by theme took 0.14-1.2 s of every tone correction
    # there, these sums 0.08-0.09 s.
    at = positions(art_themes["article_id"], articles["article_id"]) if rows is None else rows
    tone = np.append(articles["tone"].to_numpy(dtype="float64"), np.nan)[at]  # -1: no article
    scored = ~np.isnan(tone)
    share = np.where(scored, art_themes["share"].to_numpy(dtype="float64"), 0.0)
    tone[~scored] = 0.0
    theme = art_themes["theme_id"].to_numpy()
    if theme.dtype.kind in "iu" and (not len(theme) or 0 <= theme.min() <= theme.max() < 4 * len(themes) + 64):
        codes, ids = theme, np.arange(int(theme.max()) + 1 if len(theme) else 0)  # the ids are 0…n-1
    else:  # factorizing 2.5 million ids took 0.18 s
        codes, ids = pd.factorize(art_themes["theme_id"], sort=True)
    weighted = np.bincount(codes, weights=share * tone, minlength=len(ids))
    shares = np.bincount(codes, weights=share, minlength=len(ids))
    mean = np.divide(weighted, shares, out=np.full(len(ids), np.nan), where=shares > 0)
    per_theme = pd.Series(mean, index=pd.Index(ids, name="theme_id"), name="tone")
    out = themes.drop(columns=["tone"], errors="ignore").merge(
        per_theme, left_on="theme_id", right_index=True, how="left"
    )
    return out[list(THEME_COLUMNS)]


def actor_tone(mentions: pd.DataFrame, sentences: pd.DataFrame, kinds) -> pd.DataFrame:
    """One row per (article, actor): mentions, sentences that mention the actor and their mean
    tone (``ACTOR_ARTICLE_COLUMNS``).

    Args:
        mentions: The mention table.
        sentences: The sentence table (``article_id``, ``sent_idx``, ``tone``).
        kinds: Actor → kind (a mapping or a function); "person" where it has none.
    """
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in ACTOR_ARTICLE_COLUMNS})
    counts = mentions.groupby(["article_id", "actor"]).size().rename("mentions")
    sent_keys = mentions[["article_id", "actor", "sent_idx"]].drop_duplicates()
    toned = sent_keys.merge(sentences[["article_id", "sent_idx", "tone"]], on=["article_id", "sent_idx"])
    agg = toned.groupby(["article_id", "actor"]).agg(n_sentences=("sent_idx", "size"), tone=("tone", "mean"))
    out = agg.join(counts).reset_index()
    out["kind"] = out["actor"].map(kinds).fillna("person")
    return out[list(ACTOR_ARTICLE_COLUMNS)].sort_values(["article_id", "actor"]).reset_index(drop=True)
