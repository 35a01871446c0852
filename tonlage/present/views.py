"""Pure derived tables for the pages (no Streamlit): filtering and small aggregates.

components/cached.py wraps each of these in ``st.cache_data`` keyed by the corpus key and
the filters. Inputs are treated as read-only: every function returns new frames.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from tonlage.i18n import N_, Translator
from tonlage.model import AnalysedCorpus
from tonlage.thresholds import (
    MEAN_TONE_NEUTRAL_BAND,
    THEME_STABILITY_MIN_ARTICLES,
    THEME_STABLE_FROM,
    THEME_UNSTABLE_BELOW,
)

from ..corpus_index import CorpusIndex
from ..frames import at_or_beyond_kth_text, distinct_per_key, first_of_each_text, isin, source_numbers
from ..search.word_index import busy
from ..storage.sentence_store import TEXT_KEY
from .types import Filters

__all__ = [
    "filter_rows",
    "filter_ids",
    "filter_options",
    "known_sources",
    "source_tone_periods",
    "source_themes",
    "side_periods",
    "source_tone",
    "sentence_band",
    "actor_source_tone",
    "view_articles",
    "theme_table",
    "theme_terms",
    "theme_tone_intervals",
    "theme_points",
    "stability_level",
    "stability_text",
    "too_few_for_stability",
    "unstable_themes",
    "actor_table",
    "actor_points",
    "latest_articles",
    "sentences_for",
    "latest_sentences",
    "strongest_sentences",
    "article_detail",
    "main_period",
    "summary",
    "workspace_table",
    "duplicate_groups",
    "localised_events",
]

LIGHT_ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "title",
    "author",
    "date",
    "date_label",
    "date_precision",
    "date_source",
    "date_note",
    "genre",
    "source",
    "language",
    "duplicate_of",
    "n_copies",
    "n_sentences",
    "n_words",
    "tone",
    "share_negative",
    "share_neutral",
    "share_positive",
    "top_theme",
    "top_theme_share",
]


# The article columns a time chart drawn as periods and a click on any Overview chart read: the
# view's light table without its text columns, which are most of its making (each a copy of the
# view's strings: ~15 of the ~20 ms a filter asked for the first time spent on the Overview's
# article rows at 100,000 articles).
NUMBER_ARTICLE_COLUMNS = ["article_id", "date", "date_precision", "tone", "n_sentences", "top_theme"]


def known_sources(articles: pd.DataFrame) -> list[str]:
    """The outlets the articles name (their ``source``), in alphabetical order; [] when no
    article has one (the bundled corpus): the sidebar then offers no source filter."""
    if "source" not in articles:
        return []
    return sorted(source_numbers(articles["source"])[1].tolist(), key=lambda x: (x.casefold(), x))


def filter_options(corpus: AnalysedCorpus) -> dict:
    """Choices for the sidebar filters."""
    a = corpus.articles
    dated = a["date"].dropna()
    actors = (
        corpus.actor_articles.groupby("actor")["mentions"].sum().sort_values(ascending=False)
        if len(corpus.actor_articles)
        else pd.Series(dtype="int64")
    )
    return {
        "n_articles": int(len(a)),
        "n_duplicates": int((a["duplicate_of"] != "").sum()) if "duplicate_of" in a else 0,
        "min_date": dated.min().date() if len(dated) else None,
        "max_date": dated.max().date() if len(dated) else None,
        "genres": sorted(a["genre"].dropna().unique().tolist()),
        "authors": sorted(a["author"].dropna().unique().tolist()),
        "sources": known_sources(a),
        "themes": [(int(r.theme_id), str(r.label)) for r in corpus.themes.itertuples(index=False)],
        "actors": [str(x) for x in actors.index],
    }


def filter_rows(corpus: AnalysedCorpus, f: Filters, index: CorpusIndex | None = None) -> np.ndarray:
    """The articles in view as a boolean mask over ``corpus.articles``' rows (what
    :func:`filter_ids` lists). ``index``: the corpus's :class:`~tonlage.corpus_index.CorpusIndex`,
    when the caller keeps one (the actor filter reads its positions).

    Undated articles stay in view unless a date bound is set. With ``count_once``, later copies
    of a story (the same agency report in several outlets) are left out. With ``words``, only
    the articles whose headline or text holds one of them (:meth:`CorpusIndex.word_rows`).
    """
    busy()  # a view is being computed: the word index's background work waits
    a = corpus.articles
    keep = np.ones(len(a), dtype=bool)
    if f.date_from:
        keep &= (a["date"] >= pd.Timestamp(f.date_from)).to_numpy(dtype=bool)
    if f.date_to:
        keep &= (a["date"] < pd.Timestamp(f.date_to) + pd.Timedelta(days=1)).to_numpy(dtype=bool)
    if f.genres:
        keep &= isin(a["genre"], f.genres).to_numpy(dtype=bool)
    if f.authors:
        keep &= isin(a["author"], f.authors).to_numpy(dtype=bool)
    if f.sources:  # by the corpus's numbered outlets, as the charts and findings read them
        keep &= (index or CorpusIndex(corpus)).source_rows(f.sources)
    if f.themes:
        keep &= a["top_theme"].isin(f.themes).to_numpy(dtype=bool)
    if f.count_once and "duplicate_of" in a:
        keep &= (a["duplicate_of"] == "").to_numpy(dtype=bool)
    if f.actors:
        index = index or CorpusIndex(corpus)
        aa = corpus.actor_articles
        named = index.actor_rows[isin(aa["actor"], f.actors).to_numpy(dtype=bool)]
        hit = np.zeros(len(a), dtype=bool)
        hit[named[named >= 0]] = True
        keep &= hit
    if f.words:
        keep &= (index or CorpusIndex(corpus)).word_rows(f.words)
    return keep


def filter_ids(corpus: AnalysedCorpus, f: Filters, index: CorpusIndex | None = None) -> tuple[str, ...]:
    """Article ids in view, in the corpus order (date, then id); see :func:`filter_rows`."""
    return tuple(corpus.articles.loc[filter_rows(corpus, f, index), "article_id"])


def view_articles(
    corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None, columns: list[str] | None = None
) -> pd.DataFrame:
    """Article rows in view without the full text (small enough to cache and pickle). ``ids``:
    the article ids, or a boolean mask over the article rows (:func:`filter_rows`); ``columns``:
    these of :data:`LIGHT_ARTICLE_COLUMNS` only (e.g. :data:`NUMBER_ARTICLE_COLUMNS`)."""
    columns = columns or LIGHT_ARTICLE_COLUMNS
    if index is None:  # no index kept: the rows taken from the article table itself
        rows = CorpusIndex(corpus).rows(ids)
        return corpus.articles.loc[rows, columns].reset_index(drop=True)
    light = index.article_columns(tuple(columns))
    return light.loc[index.rows(ids)].reset_index(drop=True)


def summary(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> dict:
    """Counts and period of the articles in view (ids or a mask, as :func:`view_articles`), from
    the few number columns only. The view's mean tone is :func:`view_tone`'s."""
    a = corpus.articles
    index = index or CorpusIndex(corpus)
    rows = index.rows(ids)
    # In numbers, not Series: a dozen small pandas steps were 5 ms of a first-time filter at
    # 100,000 articles.
    date = a["date"].to_numpy()[rows]
    dated = date[~pd.isna(date)]

    def total(column: str) -> int:
        return int(np.nansum(a[column].to_numpy(dtype="float64", na_value=np.nan)[rows]))

    return {
        "n_articles": int(rows.sum()),
        "n_total": int(len(a)),
        "n_undated": int(len(date) - len(dated)),
        "first": pd.Timestamp(dated.min()) if len(dated) else None,
        "last": pd.Timestamp(dated.max()) if len(dated) else None,
        "n_words": total("n_words"),
        "n_sentences": total("n_sentences"),
    }


def sentence_band(params: dict) -> float | None:
    """The band in force around 0 inside which a sentence's score counts as neutral: the one a
    reader fitted to their labels on the page "Check the tone", else the model's (``params`` of
    an :class:`~tonlage.model.AnalysedCorpus`); None for an analysis that recorded neither."""
    review = params.get("tone_review") or {}
    for band in (review.get("band"), params.get("neutral_band")):
        if band is not None and math.isfinite(float(band)) and float(band) > 0:
            return float(band)
    return None


def view_tone(
    corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None
) -> tuple[float | None, float | None, float | None]:
    """The view's mean tone as the findings state it, and its 95 % interval (ids or a mask, as
    :func:`view_articles`): the mean over its scored sentences, and
    :func:`tonlage.findings.overall_interval` (articles the units); None where there is none
    (no scored sentence; one scored sentence has a tone but no interval). The Overview showed
    the articles' mean here (0.00 for the 509 gnad-dev articles) above a finding of the
    sentences' (+0.01): two figures for one claim. Its interval is also what decides the word
    under the figure (:func:`tone_word`)."""
    from tonlage.findings import overall_interval  # after the first chart: not for the figures

    index = index or CorpusIndex(corpus)
    rows = index.rows(ids)
    counts, sums = index.sentence_totals
    n = int(counts[rows].sum())
    if not n:
        return None, None, None
    tone = float(sums[rows].sum() / n)
    low, high, _ = overall_interval(index, rows)
    return (tone, None, None) if math.isnan(low) else (tone, low, high)


def source_tone(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> pd.DataFrame:
    """The tone of each source's articles in view (ids or a mask, as :func:`view_articles`):
    :func:`tonlage.present.charts.source_tone_table`, measured as :func:`view_tone` measures
    the whole view."""
    from .charts.sources import source_tone_table

    index = index or CorpusIndex(corpus)
    rows = index.rows(ids)
    counts, sums = index.sentence_totals
    codes, names = index.source_codes
    return source_tone_table(codes[rows], counts[rows], sums[rows], names=names)


def source_tone_periods(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> tuple[pd.DataFrame, int, str]:
    """Each of the largest outlets' articles in view (ids or a mask) per week or month:
    :func:`tonlage.present.charts.source_periods` (the table, how many outlets have dated
    articles in view, the periods). The Tone page's chart of the outlets over time."""
    from .charts.sources import source_periods

    index = index or CorpusIndex(corpus)
    rows = index.rows(ids)
    a = corpus.articles
    codes, names = index.source_codes
    return source_periods(
        a["date"].to_numpy()[rows],
        a["tone"].to_numpy(dtype="float64", na_value=np.nan)[rows],
        a["n_sentences"].to_numpy()[rows],
        codes[rows],
        names,
    )


def side_periods(corpus: AnalysedCorpus, ids, a, b, index: CorpusIndex | None = None) -> tuple[pd.DataFrame, int, str]:
    """The two outlet sides of a comparison (:class:`tonlage.compare.Window` s naming outlets)
    per week or month over the view (ids or a mask): :func:`tonlage.present.charts.source_periods`
    with each side as one "outlet" named by its label (an article on both sides counts on the
    first). The Compare page's two sources over time."""
    from ..compare import side_mask
    from .charts.sources import source_periods

    index = index or CorpusIndex(corpus)
    rows = index.rows(ids)
    arts = corpus.articles
    codes = np.full(len(arts), -1, dtype=np.int64)
    codes[rows & side_mask(b, index)] = 1
    codes[rows & side_mask(a, index)] = 0
    return source_periods(
        arts["date"].to_numpy(),
        arts["tone"].to_numpy(dtype="float64", na_value=np.nan),
        arts["n_sentences"].to_numpy(),
        codes,
        [a.label, b.label],
        top=2,
        in_order=True,
    )


def source_themes(
    corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None, keep: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, int]:
    """How much of each of the largest outlets' text in view (ids or a mask) each theme fills:
    :func:`tonlage.present.charts.source_theme_table` (``keep``: outlets drawn besides the
    largest, such as one a finding names), from one product of the article × theme shares with
    the outlets' masks (the Compare page's measure of a side's theme share); and the number of
    outlets with themed articles in view (those drawn may be fewer)."""
    from .charts import sources
    from .charts.sources import SOURCE_THEME_COLUMNS, source_theme_table

    th = corpus.themes
    if th.empty:
        return pd.DataFrame(columns=SOURCE_THEME_COLUMNS), 0
    index = index or CorpusIndex(corpus)
    m = index.themes
    rows = index.rows(ids) & m.themed
    codes, names = index.source_codes
    k = len(names)
    # one column per outlet, then the view: the articles of each, as 0/1 for one product
    masks = np.zeros((len(rows), k + 1), dtype="float64")
    at = np.flatnonzero(rows & (codes >= 0))
    masks[at, codes[at]] = 1.0
    masks[:, k] = rows
    sums = m.share_sums(masks)  # themes of the matrix × columns
    tids = th["theme_id"].to_numpy(dtype=np.int64)
    shares = np.stack([m.at_themes(sums[:, j], tids) for j in range(k + 1)], axis=1)
    themed = masks.sum(axis=0).astype(np.int64)
    table = source_theme_table(shares, themed, names, th, top=sources.SOURCE_LINES, keep=keep)
    return table, int(np.count_nonzero(themed[:k]))


def actor_source_tone(
    corpus: AnalysedCorpus, ids, actor: str, index: CorpusIndex | None = None
) -> tuple[pd.DataFrame, float]:
    """How each outlet talks about ``actor``: :func:`source_tone` over the scored sentences of
    the view's articles (ids or a mask) that name the actor, and the actor's tone over all of
    them (NaN when none is scored). The Actors page's chart by source."""
    from .charts.sources import source_tone_table

    index = index or CorpusIndex(corpus)
    rows = index.rows(ids)
    codes, names = index.actor_codes
    hit = np.flatnonzero(names == actor)
    if not len(hit):
        return source_tone_table([], [], []), float("nan")
    keep = (codes == hit[0]) & index.in_view(index.actor_rows, rows)
    n, w = index.actor_tone_weights
    at_rows = index.actor_rows[keep]
    counts, sums = n[keep], w[keep]
    source_codes, source_names = index.source_codes
    total = float(counts.sum())
    overall = float(sums.sum() / total) if total else float("nan")
    return source_tone_table(source_codes[at_rows], counts, sums, names=source_names), overall


def tone_word(tone: float | None, low: float | None, high: float | None) -> str:
    """The word under a mean tone (an English message id): "rather negative" / "rather positive"
    beyond ±``MEAN_TONE_NEUTRAL_BAND`` when its 95 % interval (``low`` … ``high``) excludes 0,
    "not clearly negative" / "not clearly positive" when it includes 0, "mostly neutral"
    within the band. Without an interval (one scored sentence) the band alone decides."""
    if tone is None or math.isnan(tone) or abs(round(tone, 2)) < MEAN_TONE_NEUTRAL_BAND:
        return N_("mostly neutral")
    if low is not None and high is not None and low <= 0.0 <= high:
        return N_("not clearly positive") if tone > 0 else N_("not clearly negative")
    return N_("rather positive") if tone > 0 else N_("rather negative")


def theme_table(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> pd.DataFrame:
    """Per theme, over the articles in view (ids or a mask, as :func:`view_articles`): mean
    share, articles whose main theme it is, share-weighted tone, and its top terms/weights."""
    th = corpus.themes
    cols = ["theme_id", "label", "terms", "term_weights", "share", "n_articles", "tone", "stability"]
    if th.empty:
        return pd.DataFrame(columns=cols)
    index = index or CorpusIndex(corpus)
    rows = index.rows(ids)
    # Sums over the view's rows of the article × theme matrices: no row of the long table is
    # matched, copied or grouped per view.
    m = index.themes
    share, count, w = m.sums(rows)
    # Each theme of the table looked up among the matrices' themes, in numbers: the frames, the
    # merge and the count of main themes this replaced took as long as the sums themselves at
    # 100,000 articles.
    tids = th["theme_id"].to_numpy(dtype=np.int64)
    share, count, w = (m.at_themes(x, tids) for x in (share, count, w))
    present = count > 0  # themes with a row in view (the others get no share and no tone)
    # An article without a scored sentence has no tone: its share is text of the theme, but no
    # weight of its tone (counted as 0 it pulled the theme's tone towards 0, unlike the analysis's
    # theme tone, aggregates.theme_tone).
    untoned = rows & index.untoned
    toned_share = m.at_themes(m.share_sums(rows & ~index.untoned), tids) if untoned.any() else share
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_share = np.where(present, share / np.where(present, count, 1.0), 0.0)
        tone = np.where(present & (toned_share > 0), w / np.where(toned_share > 0, toned_share, 1.0), np.nan)
    # The view's main themes counted (the one column, not the rows' every column).
    top = np.asarray(corpus.articles["top_theme"].to_numpy()[rows], dtype=np.int64)
    n_main = np.bincount(top[top >= 0], minlength=int(tids.max(initial=-1)) + 1)
    out = th.drop(columns=[c for c in ("tone", "n_articles", "weight") if c in th]).assign(
        share=mean_share, tone=tone, n_articles=n_main[tids].astype(int)
    )
    if "term_weights" not in out:
        out["term_weights"] = [()] * len(out)
    if "stability" not in out:  # analyses made before it was measured
        out["stability"] = float("nan")
    return out[cols].reset_index(drop=True)


def theme_terms(corpus: AnalysedCorpus) -> pd.DataFrame:
    """Each theme's ``theme_id``, ``label``, ``terms`` and ``term_weights`` (empty where the
    analysis has none), in the order and with the values of :func:`theme_table`: what does not
    change with the view."""
    cols = ["theme_id", "label", "terms", "term_weights"]
    th = corpus.themes
    if th.empty:
        return pd.DataFrame(columns=cols)
    out = th.assign(term_weights=th["term_weights"] if "term_weights" in th else [()] * len(th))
    return out[cols].reset_index(drop=True)


def theme_tone_intervals(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> pd.DataFrame:
    """The 95 % interval of each theme's tone in :func:`theme_table` over the articles in view
    (ids or a mask): ``theme_id, tone_low, tone_high`` (NaN under two effective articles), from
    the share of the theme in each article with a tone and that tone
    (:func:`tonlage.intervals.share_weighted_intervals`), and ``n_effective``, the number of
    articles the tone rests on with the shares as weights
    (:func:`tonlage.intervals.effective_counts`; 0 for a theme without a share in view)."""
    from ..intervals import effective_counts, share_weighted_intervals

    th = corpus.themes
    cols = ["theme_id", "tone_low", "tone_high", "n_effective"]
    if th.empty:
        return pd.DataFrame(columns=cols)
    index = index or CorpusIndex(corpus)
    m = index.themes
    at = np.flatnonzero(index.rows(ids) & ~index.untoned)
    tone = corpus.articles["tone"].to_numpy(dtype="float64", na_value=np.nan)[at]
    shares = m.shares_of(at)
    low, high = share_weighted_intervals(shares, tone)
    ends = pd.DataFrame(
        {"tone_low": low, "tone_high": high, "n_effective": effective_counts(shares)}, index=pd.Index(m.theme_ids)
    )
    out = ends.reindex(th["theme_id"].to_numpy()).rename_axis("theme_id").reset_index()[cols]
    return out.fillna({"n_effective": 0.0})


def stability_level(value: float | None) -> str:
    """ "stable", "fairly stable", "unstable" or "not measured" for a theme's stability (the
    thresholds and where they come from: :mod:`tonlage.thresholds`)."""
    if value is None or pd.isna(value):
        return "not measured"
    if value < THEME_UNSTABLE_BELOW:
        return "unstable"
    return "stable" if value >= THEME_STABLE_FROM else "fairly stable"


def stability_text(value: float | None, tr: Translator, *, merged: bool = False, few: bool = False) -> str:
    """A theme's stability in plain words with the figure: "stable (0.75)", "instabil (0,20)";
    a merged theme's was not measured (it was never fitted as one); a theme of too few
    articles (``few``, see :func:`too_few_for_stability`) has none to tell."""
    if merged and stability_level(value) == "not measured":
        return tr("not measured: merged by you")
    if few:
        return tr("too few articles to tell")
    level = stability_level(value)
    if level == "not measured":
        return tr("not measured")
    return tr(_STABILITY_WORDS[level], value=tr.decimal(float(value or 0.0)))


def too_few_for_stability(themes: pd.DataFrame) -> set[int]:
    """The ids of the corpus's themes (``AnalysedCorpus.themes``) that lead fewer than
    :data:`~tonlage.thresholds.THEME_STABILITY_MIN_ARTICLES` articles: their stability figure
    tells of the refits' samples, not of the theme."""
    if themes.empty or "n_articles" not in themes:
        return set()
    few = themes["n_articles"].to_numpy() < THEME_STABILITY_MIN_ARTICLES
    return {int(i) for i in themes["theme_id"].to_numpy()[few]}


_STABILITY_WORDS = {
    "stable": N_("stable ({value})"),
    "fairly stable": N_("fairly stable ({value})"),
    "unstable": N_("unstable ({value})"),
}


def unstable_themes(table: pd.DataFrame, few: set[int] | frozenset[int] = frozenset()) -> pd.DataFrame:
    """The rows of a theme table whose stability is measured and below the threshold (not the
    themes of too few articles, ``few``: see :func:`too_few_for_stability`)."""
    if "stability" not in table:
        return table.iloc[0:0]
    shaky = table["stability"].map(stability_level) == "unstable"
    return table[shaky & ~table["theme_id"].isin(list(few))]


_POINT_COLUMNS = ["title", "date", "date_label", "date_precision", "date_note"]


def theme_points(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None, *, text: bool = True) -> pd.DataFrame:
    """Long table article × theme share with the article's date fields (dated articles only),
    sorted by date, article id and theme id; the index numbers the rows in the order of
    ``article_themes`` (as ``sort_values`` leaves them). ``ids``: the article ids, or a mask over
    the article rows (:func:`filter_rows`). ``text=False``: the article's date only, without its
    title, date label, precision, note and sentence count (a chart drawn as periods reads none
    of them; at 100,000 articles they are most of the table's 400 MB).

    The rows in view are picked by their article row (``index.theme_rows``) in the index's
    sorted order (``index.theme_order``), and every column is taken once, already in that order:
    no article id of the 2.5 million rows (at 100,000 articles) is matched, merged or sorted as
    text (sorting the finished frame took 0.9 s there, mostly moving its text columns)."""
    index = index or CorpusIndex(corpus)
    a = corpus.articles
    keep = index.rows(ids) & a["date"].notna().to_numpy(dtype=bool)
    at = corpus.article_themes
    sel = index.in_view(index.theme_rows, keep)
    order = index.theme_order
    pos = order[sel[order]]  # the rows in view, sorted
    label = pd.Index((np.cumsum(sel, dtype=np.int64) - 1)[pos])  # their place among the rows in view
    out = at.take(pos).set_axis(label)
    fields = a[[*_POINT_COLUMNS, "n_sentences"] if text else ["date"]].take(index.theme_rows[pos]).set_axis(label)
    return pd.concat([out, fields.drop(columns=[c for c in fields if c in out])], axis=1)


def theme_periods(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None):
    """What the theme time chart draws as periods for the view (ids or a mask, as
    :func:`theme_points`), from the index's theme matrix
    (:class:`tonlage.present.charts.ThemePeriods`): the same periods, shares and counts as
    :func:`theme_points` grouped, without its rows (2.5 million at 100,000 articles). For a
    corpus with a row without a share (which the matrix leaves out, and the long table counts
    as an article), :func:`theme_points` without text fields instead: the chart takes both."""
    from .charts import theme_periods_of

    index = index or CorpusIndex(corpus)
    m = index.themes
    if m.left_out:
        return theme_points(corpus, ids, index, text=False)
    keep = index.rows(ids) & corpus.articles["date"].notna().to_numpy(dtype=bool) & m.themed
    at = np.flatnonzero(keep)
    counts, shares = m.of_articles(at)
    return theme_periods_of(corpus.articles["date"].iloc[at], list(m.theme_ids), counts, shares)


def actor_table(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> pd.DataFrame:
    """Per actor over the articles in view (ids or a mask, as :func:`view_articles`): mentions,
    articles, sentences, sentence-weighted tone."""
    aa = corpus.actor_articles
    cols = ["actor", "kind", "mentions", "n_articles", "n_sentences", "tone"]
    index = index or CorpusIndex(corpus)
    codes, pairs = index.actor_kinds
    sel = index.in_view(index.actor_rows, index.rows(ids)) & (codes >= 0)
    if not sel.any():
        return pd.DataFrame(columns=cols)
    # Summed by the (actor, kind) pair's number (bincount) and counted by article row: no text
    # column is grouped or copied for the rows in view.
    pair = codes[sel]
    k = len(pairs)
    n_sent = aa["n_sentences"].to_numpy()[sel]
    tone = aa["tone"].to_numpy(dtype="float64", na_value=np.nan)[sel]
    w = tone * n_sent
    row = index.actor_rows[sel]
    n_articles = np.bincount(pair, minlength=k) if index.actor_rows_distinct else distinct_per_key(pair, row, k)
    have = np.flatnonzero(np.bincount(pair, minlength=k))
    mentions = np.bincount(pair, weights=aa["mentions"].to_numpy(dtype="float64")[sel], minlength=k)[have]
    n_sentences = np.bincount(pair, weights=n_sent.astype("float64"), minlength=k)[have].astype("int64")
    scored = ~np.isnan(w)
    with np.errstate(invalid="ignore", divide="ignore"):
        tone = np.bincount(pair[scored], weights=w[scored], minlength=k)[have] / np.where(
            n_sentences > 0, n_sentences, np.nan
        )
    # Most mentioned first, ties by name (a stable sort: pairs of one name keep their order). The
    # numbers are sorted and the table made once: a frame filled column by column and then
    # sorted took most of the table's time at 100,000 articles.
    names = pairs["actor"].to_numpy()[have]
    order = sorted(range(len(have)), key=lambda i: (-mentions[i], str(names[i])))
    out = pairs.iloc[have[order]].reset_index(drop=True)
    out["mentions"] = mentions[order].astype("int64")
    out["n_articles"] = n_articles[have][order].astype("int64")
    out["n_sentences"] = n_sentences[order]
    out["tone"] = tone[order]
    return out[cols]


def actor_points(
    corpus: AnalysedCorpus, ids, actors: tuple[str, ...], index: CorpusIndex | None = None
) -> pd.DataFrame:
    """One row per (chosen actor, dated article in view) with the tone of the mentioning
    sentences. ``ids``: the article ids, or a mask over the article rows (:func:`filter_rows`);
    the actor rows in view are picked by their article row (``index.actor_rows``)."""
    index = index or CorpusIndex(corpus)
    a = corpus.articles
    keep = index.rows(ids) & a["date"].notna().to_numpy(dtype=bool)
    aa = corpus.actor_articles
    sel = index.in_view(index.actor_rows, keep) & isin(aa["actor"], actors).to_numpy(dtype=bool)
    out = aa[sel].reset_index(drop=True)
    fields = a[_POINT_COLUMNS].iloc[index.actor_rows[sel]].reset_index(drop=True)
    out = pd.concat([out, fields.drop(columns=[c for c in fields if c in out])], axis=1)
    # By the actors' order, then date and id: on the index's date rank (the place in the order
    # (date, id)), not a sort of the ids as text (~50 ms per view at 100,000 articles).
    order = {name: i for i, name in enumerate(actors)}
    chosen = out["actor"].map(order).to_numpy(dtype=np.int64)
    return out.take(np.lexsort((index.date_rank[index.actor_rows[sel]], chosen))).reset_index(drop=True)


def _corrected(s: pd.DataFrame) -> pd.DataFrame:
    """``s`` with the ``corrected`` column ("words", "sentence" or ""), which only a corpus the
    reader corrected has (:mod:`tonlage.review.corrections`)."""
    return s if "corrected" in s else s.assign(corrected="")


def latest_articles(corpus: AnalysedCorpus, ids, max_articles: int, index: CorpusIndex | None = None) -> pd.DataFrame:
    """The most recent ``max_articles`` articles in view (ids or a mask, as
    :func:`view_articles`), oldest first, undated last."""
    if index is None:
        a = view_articles(corpus, ids)
        a = a.sort_values(["date", "article_id"], na_position="first").tail(max_articles)
        return a.sort_values(["date", "article_id"], na_position="last").reset_index(drop=True)
    # the same rows, ranked in numbers: only the few shown are taken from the table
    latest = index.latest(index.rows(ids), max_articles)
    return index.article_columns(tuple(LIGHT_ARTICLE_COLUMNS)).iloc[latest].reset_index(drop=True)


def sentences_for(
    corpus: AnalysedCorpus, ids, max_articles: int, index: CorpusIndex | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The most recent ``max_articles`` articles in view (ids or a mask, as
    :func:`view_articles`) and their scored sentences."""
    a = latest_articles(corpus, ids, max_articles, index)
    return a, latest_sentences(corpus, a, index)


def latest_sentences(corpus: AnalysedCorpus, articles: pd.DataFrame, index: CorpusIndex | None = None) -> pd.DataFrame:
    """The scored sentences of ``articles`` (:func:`latest_articles`), in the store's order:
    with ``index``, taken from what it keeps of every scored sentence
    (:meth:`CorpusIndex.scored_sentences`) where it can, else read from the store."""
    cols = ["article_id", "sent_idx", "text", "tone", "tone_label", "evidence", "corrected"]
    kept = None if index is None else index.scored_sentences(index.rows(articles["article_id"]))
    if kept is None:
        # (the text of these few articles' sentences cut from their texts: AnalysedCorpus.sentence_frame)
        s = corpus.sentence_frame(cols, article_ids=articles["article_id"], scored=True)
    else:
        s = corpus.cut_texts(kept)
    return _corrected(s)[cols].reset_index(drop=True)


def strongest_sentences(
    corpus: AnalysedCorpus, ids, n: int = 5, index: CorpusIndex | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` most negative and ``n`` most positive different sentences in view (``ids``;
    None: every article; a mask over the article rows with ``index``: the scored sentences of
    the corpus's index, no id matched), with article titles. A sentence printed in several
    articles (agency copy) is shown once, where it comes first (ties in the store's order), with
    ``copies``: how many more times it is in view with that tone."""
    cols = ["article_id", "title", "date_label", "sent_idx", "text", "tone", "tone_label", "evidence", "corrected"]
    # The tone and text key of every sentence in view first, then the text of only the ones
    # shown. With the index, also for every article: its ranked head gives them (the store's
    # tone column, read for all 2.2 million sentences at 100,000 articles, was ~100 ms of the
    # Tone page's first visit and of any view that keeps every article).
    if isinstance(ids, np.ndarray) and ids.dtype == bool and index is None and ids.all():
        ids = None
    if ids is not None and isinstance(ids, np.ndarray):
        s = _scored_in_view(corpus, index or CorpusIndex(corpus), ids, extremes=n)
    else:
        s = corpus.sentence_store.frame(["article_id", "sent_idx", "tone", TEXT_KEY], article_ids=ids, scored=True)
    # Every sentence at or beyond the tone of the n-th different text, strongest first (ties in
    # the store's order), then the first of each text.
    picked = []
    for side, sign in ((s[s["tone"] < 0], -1), (s[s["tone"] > 0], 1)):
        side = side.iloc[at_or_beyond_kth_text(sign * side["tone"].to_numpy(), side[TEXT_KEY].to_numpy(), n)]
        picked.append(first_of_each_text(side.sort_values("tone", ascending=sign < 0, kind="mergesort"), n))
    # The texts of both sides in one read of the store (each read scans every part on disk).
    both = _with_text(corpus, pd.concat(picked, ignore_index=True), index)
    # Titles and dates of the few articles shown: not the whole article table indexed by id
    # (a copy of 100,000 rows and a uniqueness check of their ids, ~40 ms, on every filter).
    mine = isin(corpus.articles["article_id"], tuple(both["article_id"].unique())).to_numpy(dtype=bool)
    a = corpus.articles.loc[mine, ["article_id", "title", "date_label"]].set_index("article_id")

    def pick(part: pd.DataFrame) -> pd.DataFrame:
        # the table's own types, also for a view with no sentence (a map from no rows is float)
        part = part.assign(
            title=part["article_id"].map(a["title"]).astype(a["title"].dtype),
            date_label=part["article_id"].map(a["date_label"]).astype(a["date_label"].dtype),
        )
        return part[[*cols, "copies"]].reset_index(drop=True)

    return pick(both.iloc[: len(picked[0])]), pick(both.iloc[len(picked[0]) :])


def _scored_in_view(corpus: AnalysedCorpus, index: CorpusIndex, rows: np.ndarray, extremes: int) -> pd.DataFrame:
    """The scored sentences of the articles ``rows`` (a mask) that can be among the ``extremes``
    most negative or most positive different sentences (every one at or beyond the tone of
    the ``extremes``-th different text on its side, ties included,
    :meth:`CorpusIndex.strongest_in_view`), in the store's order, as ``article_id``,
    ``sent_idx``, ``tone`` and the text's key: what the store reads with a filter on their ids
    (at 100,000 articles 0.4 s over 2.2 million sentences for every filter), from the index's
    scored sentences (read once per corpus). Only these few are given their id: the ids of a
    view's 1.6 million sentences were ~0.1 s of text copied for ten rows. ``sent_idx`` in the
    store's own type."""
    s = index.scored
    neg, pos = (index.strongest_in_view(rows, sign, extremes) for sign in (-1.0, 1.0))
    at: np.ndarray
    if neg is not None and pos is not None:
        at = np.sort(np.concatenate([neg, pos]))
    else:
        at = np.flatnonzero(index.in_view(s["row"].to_numpy(), rows))
        tone, keys = s["tone"].to_numpy()[at], index.text_keys[at]
        near = np.zeros(len(at), dtype=bool)
        for side in (tone < 0, tone > 0):
            near[np.flatnonzero(side)[at_or_beyond_kth_text(np.abs(tone[side]), keys[side], extremes)]] = True
        at = at[near]
    ids = corpus.articles["article_id"].iloc[s["row"].to_numpy()[at]].reset_index(drop=True)
    like = corpus.sentence_store.frame(["sent_idx"], article_ids=[])
    sent_idx = s["sent_idx"].to_numpy()[at].astype(like["sent_idx"].dtype)
    return pd.DataFrame(
        {"article_id": ids, "sent_idx": sent_idx, "tone": s["tone"].to_numpy()[at], TEXT_KEY: index.text_keys[at]}
    )


def _with_text(corpus: AnalysedCorpus, rows: pd.DataFrame, index: CorpusIndex | None = None) -> pd.DataFrame:
    """``rows`` (article_id, sent_idx, ...) with the sentences' text, label, evidence and
    ``corrected``, in the same order (with ``index``, from what it keeps where it can:
    :meth:`CorpusIndex.sentences_by_ref`)."""
    read = corpus.sentences_by_ref if index is None else index.sentences_by_ref
    found = read(zip(rows["article_id"], rows["sent_idx"]), ["text", "tone_label", "evidence", "corrected"])
    return _corrected(rows.merge(found, on=["article_id", "sent_idx"], how="left"))


def article_detail(corpus: AnalysedCorpus, article_id: str, index: CorpusIndex | None = None) -> dict | None:
    """Everything the reader shows for one article. With ``index`` (the corpus's), its theme and
    actor rows are found by the article's row number (at 100,000 articles the 2.5 million theme
    rows compared by id took 10-15 ms of each new article shown), the same rows in the same order."""
    a = corpus.articles
    if index is None:
        row = a[a["article_id"] == article_id]
        at = corpus.article_themes[corpus.article_themes["article_id"] == article_id]
        actors = corpus.actor_articles[corpus.actor_articles["article_id"] == article_id]
    else:
        found = np.flatnonzero(index.rows([article_id]))
        if not len(found):
            return None
        row = a.iloc[found[:1]]
        at = corpus.article_themes.iloc[np.flatnonzero(index.theme_rows == found[0])]
        actors = corpus.actor_articles.iloc[np.flatnonzero(index.actor_rows == found[0])]
    if row.empty:
        return None
    r = row.iloc[0].to_dict()
    r["text"] = corpus.texts.get(article_id)
    cols = ["sent_idx", "start", "end", "text", "tone", "tone_label", "evidence", "voice", "speaker", "corrected"]
    sents = _corrected(corpus.sentence_store.of_article(article_id, ["article_id", *cols]))
    themes = at.merge(corpus.themes[["theme_id", "label"]], on="theme_id").sort_values("share", ascending=False)
    actors = actors.sort_values(["mentions", "actor"], ascending=[False, True])
    copies = pd.DataFrame(columns=["article_id", "title", "source", "date_label"])
    if "duplicate_of" in a:
        group = r["duplicate_of"] or r["article_id"]
        same = a[((a["duplicate_of"] == group) | (a["article_id"] == group)) & (a["article_id"] != article_id)]
        copies = same[["article_id", "title", "source", "date_label"]].reset_index(drop=True)
    return {
        "copies": copies,
        "article": r,
        "sentences": sents[cols].reset_index(drop=True),
        "themes": themes[["theme_id", "label", "share"]].reset_index(drop=True),
        "actors": actors[["actor", "kind", "mentions", "n_sentences", "tone"]].reset_index(drop=True),
    }


def cut_off_articles(corpus: AnalysedCorpus) -> pd.DataFrame:
    """The articles whose text does not look whole (:mod:`tonlage.reading.ending`): article_id,
    title, date_label, source and ``sign`` ("paywall", "ellipsis", "mid_sentence"), in the
    corpus's order. From the texts' last characters, cut from their Arrow arrays: at 100,000
    articles the whole texts would be 274 MB of Python strings."""
    from tonlage.reading.ending import ENDING_CHARS, cut_off_all

    a = corpus.articles
    cols = ["article_id", "title", "date_label", "source", "sign"]
    if a.empty:
        return pd.DataFrame(columns=cols)
    # Each article's ending by its id (the texts keep the order the articles came in).
    at = pd.Index(corpus.texts.ids).get_indexer(a["article_id"])
    endings = np.append(np.array(corpus.texts.endings(ENDING_CHARS), dtype=object), "")[at]
    removed = a["removed_lines"] if "removed_lines" in a else [None] * len(a)
    sign = np.array(cut_off_all(endings, list(removed)), dtype=object)
    cut = sign != ""
    out = a.loc[cut, [c for c in cols if c in a]].assign(sign=sign[cut]).reset_index(drop=True)
    return out.reindex(columns=cols, fill_value="")


def unfollowed_speakers(corpus: AnalysedCorpus, limit: int = 12, min_sentences: int = 2) -> pd.DataFrame:
    """The people and bodies quoted in the corpus (its sentences' ``speaker``, found by
    :mod:`tonlage.voices`) that no actor of its list names: speaker, kind ("person" or
    "institution"), short (a person's name without the role before it, else the speaker),
    n_sentences, n_articles; most articles first, then most sentences, then by name; only
    those quoted in at least ``min_sentences`` sentences, at most ``limit``. What a reader may
    want to follow next. Groups and sources ("Forscher", "Angaben") are no one to follow and
    are left out (:func:`tonlage.voices.names.name_kind`)."""
    from tonlage.storage.disk_cache import keep_frame, kept_frame
    from tonlage.storage.store import derived_name

    # Kept in the analysis cache under the sentences' content (their parts' digests), as the
    # people named (named_people): at 100,000 articles ~0.65 s of the Corpus page's first visit.
    content = corpus.sentence_store.content_key()
    name = None if content is None else derived_name("unfollowed-speakers", NAMED_FORMAT, limit, min_sentences, content)
    kept = None if name is None else kept_frame(name)
    if kept is not None:
        return kept
    found = _unfollowed(corpus.sentence_store.unfollowed_speakers(), limit, min_sentences)
    if name is not None:
        keep_frame(name, found)
    return found


def _unfollowed(s: pd.DataFrame, limit: int, min_sentences: int) -> pd.DataFrame:
    """:func:`unfollowed_speakers` of the store's sentences with a speaker no actor names."""
    from tonlage.voices.names import name_kind, person_name

    cols = ["speaker", "kind", "short", "n_sentences", "n_articles"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    # One person under one name: "Guy Parmelin" and, later in the text, "Parmelin" are counted
    # together (by the last word), shown by the longest form; a body by its whole name. Worked
    # out once per distinct name, then counted in numbers: at 100,000 articles the quoted
    # sentences are ~300,000.
    codes, names = pd.factorize(s["speaker"].astype(str))
    tidy = [" ".join(n.split()) for n in names]
    kinds = [name_kind(n) for n in tidy]
    grouped = [n.rsplit(" ", 1)[-1] if k == "person" else f"{k}:{n}" for n, k in zip(tidy, kinds)]
    keys, key_of = np.unique(grouped, return_inverse=True)
    row_key = key_of[codes]
    n_sentences = np.bincount(row_key, minlength=len(keys))
    arts, _ = pd.factorize(s["article_id"].astype(str))
    pairs = np.unique(row_key.astype(np.int64) * (int(arts.max()) + 1) + arts)
    n_articles = np.bincount(pairs // (int(arts.max()) + 1), minlength=len(keys))
    shown: dict[int, str] = {}
    kind_of: dict[int, str] = {}
    for name, k, kind in sorted(zip(tidy, key_of, kinds), key=lambda x: (-x[0].count(" "), x[0])):
        shown.setdefault(int(k), name)  # the longest form, then the first by name
        kind_of.setdefault(int(k), kind)
    g = pd.DataFrame(
        {
            "speaker": [shown[k] for k in range(len(keys))],
            "kind": [kind_of[k] for k in range(len(keys))],
            "n_sentences": n_sentences,
            "n_articles": n_articles,
        }
    )
    g = g[(g["n_sentences"] >= min_sentences) & g["kind"].isin(["person", "institution"])]
    g = g.sort_values(["n_articles", "n_sentences", "speaker"], ascending=[False, False, True], kind="stable")
    g = g.head(limit).reset_index(drop=True)
    g["short"] = [person_name(n) if k == "person" else n for n, k in zip(g["speaker"], g["kind"])]
    return g[cols]


#: Below this share of its articles naming anyone on the list, the Actors page says whom the
#: articles name instead (:func:`suggested_actors`).
FEW_FOLLOWED = 0.5

#: The articles read for the people a corpus names (:func:`named_people`), spread evenly over
#: its rows: 0.5-3.5 ms an article (bench.named_people), about a second or two for any corpus.
NAMED_SAMPLE = 1_000
#: The version of the counts :func:`named_people` keeps in the analysis cache: raise it when
#: what they count changes (tonlage.voices.named), so that none kept before is read.
NAMED_FORMAT = 3


def named_people(corpus: AnalysedCorpus, actors: list, limit: int = 12, sample: int = NAMED_SAMPLE) -> pd.DataFrame:
    """The people the corpus names most often with evidence (:mod:`tonlage.voices.named`) whom no
    actor of ``actors`` (the list the corpus was analysed with) names: name (the form used most),
    surname, spellings (the other forms), n_articles, n_read (articles read) and n_total. With more
    than ``sample`` articles an even spread of ``sample`` of them is read and ``n_articles`` is
    the estimate for the whole corpus (rounded to two significant digits). Most articles first,
    then by name; at most ``limit``.

    Kept in the analysis cache under the texts read and the list: a server started later reads
    them at once. Counted, at 100,000 articles it took ~1 s of the Corpus page's first visit,
    and as much again to load the lemmatiser's German dictionary the way simplemma does."""
    from tonlage.actors import ActorMatcher
    from tonlage.storage.disk_cache import keep_frame, kept_frame
    from tonlage.storage.store import derived_name
    from tonlage.voices.named import count_named_people

    cols = ["name", "surname", "spellings", "n_articles", "n_read", "n_total"]
    ids = corpus.articles["article_id"].astype(str).tolist()
    n_total = len(ids)
    if n_total > sample:
        ids = [ids[i] for i in np.linspace(0, n_total - 1, sample).round().astype(int)]
    # Named by the texts (their parts' digests, in the order of their ids), the ids read and the list.
    name = derived_name(
        "named-people",
        NAMED_FORMAT,
        limit,
        n_total,
        "\n".join(part.key for part in corpus.texts.parts),
        "\x1f".join(corpus.texts.ids),
        "\x1f".join(ids),
        json.dumps(sorted([a.name, a.kind, sorted(a.aliases)] for a in actors)),
    )
    kept = kept_frame(name)
    if kept is not None:
        return kept
    found = count_named_people(corpus.texts.texts(ids), ActorMatcher(actors).fit())
    rows = []
    for p in sorted(found.values(), key=lambda p: (-p.articles, p.forms.most_common(1)[0][0]))[:limit]:
        forms = [f for f, _ in sorted(p.forms.items(), key=lambda kv: (-kv[1], kv[0]))]
        n = p.articles if len(ids) == n_total else float(f"{p.articles * n_total / len(ids):.2g}")
        rows.append((forms[0], p.surname, " | ".join(forms[1:]), int(n), len(ids), n_total))
    out = pd.DataFrame(rows, columns=cols)
    keep_frame(name, out)
    return out


def suggested_actors(corpus: AnalysedCorpus, actors: list, limit: int = 15) -> pd.DataFrame:
    """Whom a reader may want to follow next: the people the corpus names most often
    (:func:`named_people`) and the people and bodies it quotes (:func:`unfollowed_speakers`),
    none of them named by ``actors``; one row each: name, kind, surname, spellings (for
    :func:`tonlage.actors.suggested_row`), n_articles, estimated (True where ``n_articles`` is an
    estimate from a sample). A quoted person also named is the named one. A news agency
    ("berichtete Anadolu") carries reports and is left out (:func:`tonlage.themes.terms.agency_names`).
    Most articles first (ties: named before quoted, then by name); at most ``limit``."""
    from tonlage.themes.terms import agency_names

    cols = ["name", "kind", "surname", "spellings", "n_articles", "estimated"]
    agencies = agency_names()
    # asked for a few more, as agencies may be among them
    named = named_people(corpus, actors, limit=limit + 5)
    quoted = unfollowed_speakers(corpus, limit=limit + 5)
    known = {n.casefold() for n in named["surname"]} | {n.casefold() for n in named["name"]}
    rows = [
        (r.name, "person", r.surname, r.spellings, int(r.n_articles), bool(r.n_read < r.n_total), 0)
        for r in named.itertuples(index=False)
    ]
    for r in quoted.itertuples(index=False):
        last = str(r.speaker).rsplit(" ", 1)[-1].casefold()
        if r.kind == "person" and (last in known or str(r.speaker).casefold() in known):
            continue
        # A person shown without the role before the name ("Peter Zeidler", not "Trainer Peter
        # Zeidler"), which stays a spelling.
        name, spellings = (str(r.short), str(r.speaker)) if r.kind == "person" else (str(r.speaker), "")
        rows.append((name, str(r.kind), "", spellings if spellings != name else "", int(r.n_articles), False, 1))
    # every word an agency's ("Anadolu", "Getty Images"); "Michael Bloomberg" stays
    rows = [r for r in rows if not all(w.casefold() in agencies for w in str(r[0]).split())]
    rows.sort(key=lambda r: (-r[4], r[6], r[0]))
    return pd.DataFrame([r[:6] for r in rows[:limit]], columns=cols)


def main_period(corpus: AnalysedCorpus) -> dict | None:
    """The corpus's main period (tonlage.period) over all its articles, whatever the filters:
    ``start``, ``end`` (dates) and ``outside`` (ids of the articles far outside it, date order);
    None when no article is dated."""
    from tonlage.period import main_period as find

    a = corpus.articles
    p = find(a["date"])
    if p is None:
        return None
    return {
        "start": p.start.date(),
        "end": p.end.date(),
        "outside": tuple(str(x) for x in a.loc[list(p.outliers), "article_id"]),
        "n_dated": p.n_dated,
    }


def localised_events(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Event markers with German labels and descriptions on German pages, where the table has them."""
    if lang != "de":
        return events
    for col in ("label", "description"):
        local = events.get(f"{col}_de")
        if local is not None:
            events = events.assign(**{col: local.where(local.astype(str).str.strip() != "", events[col])})
    return events


def workspace_table(ws) -> pd.DataFrame:
    """One row per workspace article with the fields a reader may edit (edits applied)."""
    return ws.article_table()


def duplicate_groups(corpus: AnalysedCorpus) -> pd.DataFrame:
    """Every story with more than one copy: its first copy, then the later ones, group by group."""
    a = corpus.articles
    if "n_copies" not in a or not (a["n_copies"] > 1).any():
        return pd.DataFrame(columns=["group", "role", "kind", "date_label", "title", "source", "article_id"])
    d = a.loc[a["n_copies"] > 1, ["article_id", "duplicate_of", "duplicate_kind", "date_label", "title", "source"]]
    d = d.assign(
        group_id=d["duplicate_of"].where(d["duplicate_of"] != "", d["article_id"]),
        role=(d["duplicate_of"] != "").map({True: "copy", False: "first"}),
    )
    order = {g: i + 1 for i, g in enumerate(dict.fromkeys(d.loc[d["role"] == "first", "article_id"]))}
    d = d.assign(group=d["group_id"].map(order), kind=d["duplicate_kind"].where(d["role"] == "copy", "first"))
    d = d.sort_values(["group", "role"], ascending=[True, False], kind="stable")
    return d[["group", "role", "kind", "date_label", "title", "source", "article_id"]].reset_index(drop=True)


def words_share(
    corpus: AnalysedCorpus, without_words, ids, index: CorpusIndex | None = None, periods=None
) -> pd.DataFrame:
    """The Overview's chart of the words over time as a table
    (:func:`tonlage.present.charts.words_share_table`): per week or month, the articles of the
    view without its words (``without_words``) and how many of them are in the view with them
    (``ids``); each ids or a mask, as :func:`view_articles`. ``periods``: :func:`share_periods`
    of ``without_words``, kept by the caller for the searches that follow."""
    from .charts import words_share_table

    index = index or CorpusIndex(corpus)
    base, rows = index.rows(without_words), index.rows(ids)
    return words_share_table(index.article_columns(("date",)).loc[base], rows[base], periods=periods)


def share_periods(corpus: AnalysedCorpus, without_words, index: CorpusIndex | None = None):
    """The weeks or months of :func:`words_share` for the view without its words
    (:func:`tonlage.present.charts.share_periods`; None: no article in it is dated)."""
    from .charts.words import share_periods as periods_of

    index = index or CorpusIndex(corpus)
    return periods_of(index.article_columns(("date",)).loc[index.rows(without_words)])


#: Sentences the Articles page lists with the words searched for (newest articles first).
WORD_SENTENCES_SHOWN = 500


def word_sentences(
    corpus: AnalysedCorpus, rows: np.ndarray, words: str, index: CorpusIndex, limit: int = WORD_SENTENCES_SHOWN
) -> tuple[pd.DataFrame, int]:
    """The scored sentences of the view ``rows`` that hold ``words`` (as the findings find them,
    :meth:`~tonlage.corpus_index.CorpusIndex.word_sentences`): the newest articles first, undated
    ones last, each article's sentences in their order; at most ``limit``, and how many there
    are. Columns ``article_id, date, date_precision, title, sent_idx, text, tone``."""
    columns = ["article_id", "date", "date_precision", "title", "sent_idx", "text", "tone"]
    at = index.word_sentences(words, rows) if words else np.zeros(0, np.int64)
    if not len(at):
        return pd.DataFrame(columns=columns), 0
    scored = index.scored
    srow, sidx = scored["row"].to_numpy()[at], scored["sent_idx"].to_numpy()[at]
    light = index.article_columns(("article_id", "date", "date_precision", "title"))
    day = light["date"].to_numpy(dtype="datetime64[ns]")[srow].astype("datetime64[D]")
    undated = np.isnat(day)
    days = np.where(undated, 0, day.astype("int64"))
    pick = np.lexsort((sidx, srow, -days, undated))[:limit]
    arts = light.iloc[srow[pick]].reset_index(drop=True)
    # Each sentence is its article's text at its offsets (the analysis cut them so): read from
    # the few texts, not from the sentence store (1.8 s for 500 sentences at 100,000 articles).
    starts, ends = index.scored_spans
    texts = corpus.texts
    text = [
        texts.get(aid)[a:b] for aid, a, b in zip(arts["article_id"], starts[at][pick].tolist(), ends[at][pick].tolist())
    ]
    out = arts.assign(sent_idx=sidx[pick], text=text, tone=scored["tone"].to_numpy()[at][pick])
    return out[columns], len(at)
