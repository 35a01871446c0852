"""The theme step of an analysis: the articles' theme terms in, a fitted theme model and its tables out.

Before the fit, sentences that many stories repeat word for word (an agency's note, a
newsletter box) are dropped as boilerplate, and proper-noun genitives are folded ("Trumps Plan"
→ "Trump Plan"). The model itself (TF-IDF, NMF, the labels) is :mod:`tonlage.themes`; the
quality mode's sentence encoder is :mod:`tonlage.themes.encoder`.
"""

from __future__ import annotations

import logging
import math
from array import array
from collections.abc import Sequence
from contextlib import contextmanager

import numpy as np
import pandas as pd

from ..actors import ActorMatcher
from ..model import ARTICLE_THEME_COLUMNS, THEME_LANGUAGES
from ..text import genitive_folds
from ..themes.model import ThemeModel
from .per_article import Parsed

log = logging.getLogger(__name__)


#: A capitalised word this short whose capitals-only form is a theme term of the corpus too is
#: that acronym written small: "#csu" in a post, made "Csu" by the dictionary beside "CSU". Longer
#: words in capitals are more often shouted ("GELD") than acronyms, and are left apart, unless
#: the actor list gives both as spellings of one actor ("NATO|Nato"): one term, the capitals'.
ACRONYM_MAX_LETTERS = 3


def _feature_renamer(matcher: ActorMatcher):
    """Feature names → names with proper-noun genitives folded ("Trumps Plan" → "Trump Plan")
    when the stem is itself a theme term of the corpus or an actor name, and short acronyms
    written small folded onto their capitals ("Csu" → "CSU", :data:`ACRONYM_MAX_LETTERS`; longer
    ones where the actor list spells one actor both ways, "Nato" → "NATO"); a
    bigram whose two words fold together ("Trump Trumps") is dropped. Runs once per feature,
    not per token."""

    def rename(names: list[str]) -> list[str | None]:
        singles = frozenset(n for n in names if " " not in n)
        known = singles.union(matcher.stems())
        acronyms = {
            n: n.upper()
            for n in singles
            if n[0].isupper()
            and n[1:].islower()
            and n.upper() in singles
            and (len(n) <= ACRONYM_MAX_LETTERS or matcher.same_actor(n, n.upper()))
        }
        # a genitive folds through to the acronym ("Csus" -> "Csu" -> "CSU")
        genitives = genitive_folds([w for n in names for w in n.split(" ")], known)
        folds = {w: acronyms.get(stem, stem) for w, stem in genitives.items()} | acronyms
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


def _boilerplate_keys(parsed: list[Parsed], story: list[int]) -> set[int]:
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


def theme_features(p: Parsed, boilerplate: set[int]) -> Sequence[str]:
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


def theme_embeddings(raws, parsed, wanted: bool):
    """Embeddings of the themed articles for the quality mode, and what ``params["theme_quality"]``
    says: "standard", "encoder" or "encoder unavailable" (asked for, not installed)."""
    if not wanted:
        return None, "standard"
    from ..themes.encoder import embed_articles, encoder_available

    if not encoder_available():
        log.warning("theme quality mode asked for, but the sentence encoder is not installed")
        return None, "encoder unavailable"
    usable = [i for i, p in enumerate(parsed) if p.language in THEME_LANGUAGES]
    return embed_articles([raws[i].text for i in usable]), "encoder"


@contextmanager
def theme_partition_map(scheduler: str | None):
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


def fit_themes(raws, parsed, matcher, n_themes, random_state, story=None, embeddings=None, partition_map=map):
    usable = [i for i, p in enumerate(parsed) if p.language in THEME_LANGUAGES]
    story = list(range(len(parsed))) if story is None else story
    boilerplate = _boilerplate_keys([parsed[i] for i in usable], [story[i] for i in usable])
    model = ThemeModel(n_themes, random_state=random_state).fit(
        [theme_features(parsed[i], boilerplate) for i in usable],
        rename=_feature_renamer(matcher),
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
