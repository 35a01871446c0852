"""A large analysed corpus of random but seeded values, built table by table (no text, no
analysis): for checking what every chart sends to the browser when the archive is large.

Shape (default): 60,000 articles over six years, 600,000 scored sentences, 12 themes, 40 actors.
Sentence counts are skewed the way a real archive's are: most articles are short, a few are
live blogs or protocols with a thousand sentences or more (they are what a per-sentence chart
of "any 30 articles" can meet).

Used by ``tests/charts/test_point_budget.py`` and ``bench/chart_budget.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tonlage.model import (
    ACTOR_ARTICLE_COLUMNS,
    ARTICLE_COLUMNS,
    ARTICLE_THEME_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    SKIPPED_COLUMNS,
    THEME_COLUMNS,
    AnalysedCorpus,
    message_column,
)
from tonlage.storage.article_texts import ArticleTexts

__all__ = ["large_corpus", "LONG_ARTICLES"]

LONG_ARTICLES = 60  # live blogs / protocols, 800–1,500 sentences each

_WORDS = ("Regierung", "Haushalt", "Gipfel", "Streit", "Erfolg", "Krise", "Einigung", "Kritik", "Reform", "Wahl")


def _sentence_counts(rng: np.random.Generator, n_articles: int, n_sentences: int) -> np.ndarray:
    n_long = min(LONG_ARTICLES, n_articles // 100)
    long = rng.integers(800, 1500, n_long)
    rest = max(n_articles - n_long, 1)
    left = max(n_sentences - int(long.sum()), rest)
    # short articles: 1 + multinomial spread of the remaining sentences (mean ≈ left / rest)
    short = 1 + rng.multinomial(left - rest, np.full(rest, 1.0 / rest))
    counts = np.concatenate([short, long])[:n_articles]
    rng.shuffle(counts)
    return counts


def large_corpus(
    n_articles: int = 60_000,
    n_sentences: int = 600_000,
    *,
    n_themes: int = 12,
    n_actors: int = 40,
    start: str = "2020-01-01",
    days: int = 6 * 365,
    seed: int = 13,
) -> AnalysedCorpus:
    """An :class:`AnalysedCorpus` whose tables follow :mod:`tonlage.model` (values random, seeded)."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"s{i:06d}" for i in range(n_articles)], dtype=object)
    dates = pd.Timestamp(start) + pd.to_timedelta(np.sort(rng.integers(0, days, n_articles)), unit="D")
    undated = rng.random(n_articles) < 0.01
    month = ~undated & (rng.random(n_articles) < 0.03)
    dates = pd.Series(dates)
    dates[month] = dates[month].dt.to_period("M").dt.start_time
    dates[undated] = pd.NaT
    labels = np.where(
        undated, "undated", np.where(month, dates.dt.strftime("%Y-%m"), dates.dt.strftime("%Y-%m-%d"))
    ).astype(object)
    counts = _sentence_counts(rng, n_articles, n_sentences)
    total = int(counts.sum())

    # sentences
    art_of = np.repeat(np.arange(n_articles), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    sent_idx = np.arange(total) - first
    tone = np.clip(rng.normal(0, 0.3, total) + rng.normal(0, 0.15, n_articles)[art_of], -1, 1)
    band = 0.1
    tone_label = np.where(tone < -band, "negative", np.where(tone > band, "positive", "neutral")).astype(object)
    voice = np.where(rng.random(total) < 0.25, "quoted", "author").astype(object)
    actor_names = np.array([f"Akteur {i}" for i in range(n_actors)], dtype=object)
    speaker_actor = np.where(
        (voice == "quoted") & (rng.random(total) < 0.4), actor_names[rng.integers(0, n_actors, total)], ""
    ).astype(object)
    words = rng.integers(5, 30, total)
    empty_spans = np.empty(total, dtype=object)
    empty_spans[:] = [()] * total
    text = np.array([f"{w} {v} Satz." for w in _WORDS for v in _WORDS], dtype=object)[rng.integers(0, 100, total)]
    sentences = pd.DataFrame(
        {
            "article_id": ids[art_of],
            "sent_idx": sent_idx,
            "start": 0,
            "end": 0,
            "text": text,
            "n_words": words,
            "tone": tone,
            "tone_label": tone_label,
            "evidence": message_column([""] * total),
            "voice": voice,
            "speaker": speaker_actor,
            "speaker_actor": speaker_actor,
            "quote_kind": np.where(voice == "quoted", "direct", "").astype(object),
            "quote_spans": empty_spans,
            "quote_share": np.where(voice == "quoted", 1.0, 0.0),
        },
        columns=list(SENTENCE_COLUMNS),
    )
    sentences, texts = texts_of_sentences(sentences)

    # articles: tone and shares from their sentences
    g = pd.DataFrame({"a": art_of, "tone": tone, "lab": tone_label}).groupby("a")
    a_tone = g["tone"].mean().reindex(range(n_articles)).to_numpy()
    shares = pd.crosstab(art_of, tone_label, normalize="index").reindex(range(n_articles)).fillna(0.0)
    theme_w = rng.dirichlet(np.full(n_themes, 0.3), n_articles)
    top = theme_w.argmax(axis=1)
    genre = rng.choice(np.array(["news report", "commentary", "other"], dtype=object), n_articles, p=[0.7, 0.2, 0.1])
    articles = pd.DataFrame(
        {
            "article_id": ids,
            "file": [f"{i}.txt" for i in ids],
            "title": [f"Artikel {i}: {_WORDS[i % 10]} und {_WORDS[(i // 10) % 10]}" for i in range(n_articles)],
            "author": "unknown",
            "date": dates.to_numpy(),
            "date_label": labels,
            "date_precision": np.where(undated, "none", np.where(month, "month", "day")).astype(object),
            "date_source": np.where(undated, "none", "header").astype(object),
            "date_note": message_column([""] * n_articles),
            "genre": genre,
            "source": "Synthetische Zeitung",
            "url": "",
            "language": "de",
            "n_sentences": counts,
            "n_words": counts * 15,
            "tone": a_tone,
            "share_negative": shares.get("negative", 0.0).to_numpy(),
            "share_neutral": shares.get("neutral", 0.0).to_numpy(),
            "share_positive": shares.get("positive", 0.0).to_numpy(),
            "top_theme": top,
            "top_theme_share": theme_w.max(axis=1),
            "duplicate_of": "",
            "duplicate_kind": "",
            "n_copies": 1,
            "note": message_column([""] * n_articles),
            "text": "",
            "title_source": "header",
            "title_confidence": "high",
            "author_source": "none",
            "author_confidence": "",
            "genre_source": "default",
            "genre_confidence": "low",
            "genre_evidence": "",
            "removed_lines": [()] * n_articles,
        },
        columns=list(ARTICLE_COLUMNS),
    )
    articles = articles.sort_values(["date", "article_id"], na_position="last").reset_index(drop=True)

    # themes: the three largest shares of every article, renormalised
    k = min(3, n_themes)
    idx = np.argsort(-theme_w, axis=1)[:, :k]
    w = np.take_along_axis(theme_w, idx, axis=1)
    w = w / w.sum(axis=1, keepdims=True)
    article_themes = pd.DataFrame(
        {"article_id": np.repeat(ids, k), "theme_id": idx.ravel(), "share": w.ravel()},
        columns=list(ARTICLE_THEME_COLUMNS),
    )
    themes = pd.DataFrame(
        {
            "theme_id": range(n_themes),
            "label": [f"{_WORDS[i % 10]} · {_WORDS[(i + 3) % 10]} · Thema {i}" for i in range(n_themes)],
            "terms": [tuple(f"wort{i}_{j}" for j in range(10)) for i in range(n_themes)],
            "weight": theme_w.mean(axis=0),
            "n_articles": np.bincount(top, minlength=n_themes),
            "tone": rng.normal(0, 0.1, n_themes),
            "term_weights": [tuple(float(10 - j) for j in range(10)) for _ in range(n_themes)],
            "stability": rng.uniform(0.5, 1.0, n_themes),
        },
        columns=list(THEME_COLUMNS),
    )

    # actors: about one and a half per article, popularity skewed
    n_aa = int(n_articles * 1.5)
    pop = 1.0 / np.arange(1, n_actors + 1)
    aa = pd.DataFrame(
        {
            "article_id": ids[rng.integers(0, n_articles, n_aa)],
            "actor": actor_names[rng.choice(n_actors, n_aa, p=pop / pop.sum())],
        }
    ).drop_duplicates(["article_id", "actor"])
    kinds = np.array(["person", "institution", "country"], dtype=object)
    aa["kind"] = aa["actor"].map(dict(zip(actor_names, kinds[np.arange(n_actors) % 3])))
    aa["mentions"] = rng.integers(1, 6, len(aa))
    aa["n_sentences"] = np.minimum(aa["mentions"], 4)
    aa["tone"] = rng.normal(0, 0.3, len(aa)).clip(-1, 1)
    actor_articles = aa[list(ACTOR_ARTICLE_COLUMNS)].reset_index(drop=True)

    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2020-03-15", "2021-09-26", "2022-02-24", "2024-06-09", "2025-02-23"]),
            "label": ["Lockdown", "Bundestagswahl", "Invasion", "Europawahl", "Bundestagswahl"],
            "description": ["", "", "", "", ""],
        },
        columns=list(EVENT_COLUMNS),
    )
    return AnalysedCorpus(
        articles=articles,
        texts=texts,
        sentences=sentences,
        themes=themes,
        article_themes=article_themes,
        mentions=pd.DataFrame(columns=list(MENTION_COLUMNS)),
        actor_articles=actor_articles,
        events=events,
        skipped=pd.DataFrame(columns=list(SKIPPED_COLUMNS)),
        params={"version": "synthetic"},
        fingerprint=f"synthetic-{n_articles}-{n_sentences}-{seed}",
    )


def texts_of_sentences(sentences: pd.DataFrame) -> tuple[pd.DataFrame, ArticleTexts]:
    """``sentences`` with ``start``/``end`` set, and the articles' texts: each its sentences one
    after the other in the table's order, every sentence at its offsets (as the analysis cuts
    them; the app reads a few sentences' text from the texts so)."""
    text = sentences["text"].fillna("").astype(str)
    step = text.str.len().astype("int64") + 1
    by = sentences["article_id"].astype(str)
    start = step.groupby(by, sort=False).cumsum() - step
    joined = text.groupby(by, sort=False).agg(" ".join)
    out = sentences.assign(start=start.to_numpy(), end=(start + step - 1).to_numpy())
    return out, ArticleTexts.of(joined.index.tolist(), joined.tolist())


# --- what the browser gets ---------------------------------------------------------------------
_DATA_KEYS = ("x", "y", "z", "values", "labels", "lat", "lon", "r", "theta")


def count_points(fig) -> int:
    """Marks a Plotly figure sends: per trace the longest of its data arrays (x, y, z, values, …),
    summed over traces. A legend-only trace (``x=[None]``) counts as one."""
    total = 0
    for trace in fig.data:
        longest = 0
        for k in _DATA_KEYS:
            v = getattr(trace, k, None) if k in trace else None
            if v is not None and not isinstance(v, str):
                longest = max(longest, len(v))
        total += longest
    return total


def app_figures(corpus: AnalysedCorpus, *, lang: str = "en", compare: bool = True) -> dict:
    """Every chart of the app, built from ``corpus`` with no filter, the way its page builds it
    (same view tables, same arguments), plus the worst case a filter can bring to the per-article
    charts of the Tone page: the 30 articles with the most sentences. Keys name page and chart;
    values build the figure (the view tables are computed here, so a call times the figure only)."""
    from datetime import date

    from tonlage import voice_tone
    from tonlage.compare import Window, compare_periods
    from tonlage.i18n import translator
    from tonlage.present import charts, views

    MAX_ARTICLES = 30  # app_pages/tone.py
    tr = translator(lang)
    ids = tuple(corpus.articles["article_id"])
    arts = views.view_articles(corpus, ids)
    ev = corpus.events
    th = views.theme_table(corpus, ids)
    at = views.actor_table(corpus, ids)
    shown, sents = views.sentences_for(corpus, ids, MAX_ARTICLES)
    longest = tuple(arts.nlargest(MAX_ARTICLES, "n_sentences")["article_id"])
    long_shown, long_sents = views.sentences_for(corpus, longest, MAX_ARTICLES)
    by_article = voice_tone.voice_tone_by_article(corpus, ids)
    by_month = voice_tone.voice_tone_by_period(corpus, "M", ids)
    tp = views.theme_points(corpus, ids)
    ap = views.actor_points(corpus, ids, tuple(at["actor"].head(8)))  # the page allows 8
    voices = voice_tone.actor_voices(corpus, ids)
    out = {
        "overview/tone_timeline": lambda: charts.tone_timeline_figure(arts, events=ev, tr=tr),
        "overview/themes": lambda: charts.theme_weight_figure(th, tr=tr),
        "overview/actors": lambda: charts.actor_mentions_figure(at, tr=tr, top=10),
        "tone/sentences (30 most recent)": lambda: charts.sentence_tone_figure(sents, shown, tr=tr),
        "tone/sentences (30 longest)": lambda: charts.sentence_tone_figure(long_sents, long_shown, tr=tr),
        "tone/shares": lambda: charts.tone_shares_figure(shown, tr=tr),
        "tone/voices": lambda: charts.voice_tone_figure(by_article, shown, tr=tr),
        "tone/voices over time": lambda: charts.voice_tone_time_figure(by_month, events=ev, tr=tr),
        "themes/time": lambda: charts.theme_time_figure(tp, th, events=ev, tr=tr),
        "themes/terms": lambda: charts.theme_terms_figure(th, tr=tr),
        "themes/tone": lambda: charts.theme_tone_figure(th, tr=tr),
        "actors/mentions": lambda: charts.actor_mentions_figure(at, tr=tr),
        "actors/tone over time (8 actors)": lambda: charts.actor_tone_time_figure(ap, events=ev, tr=tr),
        "actors/voices": lambda: charts.actor_voice_figure(voices, tr=tr),
    }
    if compare:
        d = arts["date"].dropna()
        mid = d.min() + (d.max() - d.min()) / 2
        a = Window(d.min().date(), (mid - pd.Timedelta(days=1)).date(), "first half")
        b = Window(mid.date(), d.max().date(), "second half")
        assert isinstance(a.start, date)
        cmp = compare_periods(corpus, ids, a, b)
        out["compare/tone"] = lambda: charts.compare_tone_figure(cmp, tr=tr)
        out["compare/themes"] = lambda: charts.compare_change_figure(
            cmp.themes, name_col="label", title="Themes", x_title="pp", tr=tr
        )
        out["compare/actors"] = lambda: charts.compare_change_figure(
            cmp.actors, name_col="actor", title="Actors", x_title="pp", tr=tr
        )
    return out
