"""The numbers below which Tonlage says a figure rests on too little text, and the band in
which a mean tone reads as neutral: one place, each with a name that says what it counts.

The sentence band (when one sentence counts as negative, neutral or positive) is not here:
it is fitted with the tone model and ships in ``tonlage/tone/data/tone_model.json``
(:attr:`tonlage.tone.ToneScorer.band_`). The findings' own thresholds (how large a change must
be to be worth a sentence) are in :mod:`tonlage.findings`.
"""

from __future__ import annotations

__all__ = [
    "CHART_POINT_BUDGET",
    "MEAN_TONE_NEUTRAL_BAND",
    "MIN_ARTICLE_SENTENCES",
    "MIN_POINT_ARTICLES",
    "MIN_ACTOR_POINT_SENTENCES",
]

# A mean of sentence tones (an article, a week, a theme, an actor) within ±this reads as
# neutral: means of many sentences are small numbers, so the band is narrow.
MEAN_TONE_NEUTRAL_BAND = 0.05
# An article's tone resting on fewer scored sentences is marked "little text".
MIN_ARTICLE_SENTENCES = 10
# A week, month or theme resting on fewer articles is marked "little text".
MIN_POINT_ARTICLES = 3
# Tone towards an actor in one article from fewer sentences is marked "little text".
MIN_ACTOR_POINT_SENTENCES = 3
# No chart sends more marks than this to the browser. The figure is issue 13's target ("a chart
# never sends more than ~20,000 points"); for scale, the one chart over it before the cap (the
# per-sentence chart of the 30 longest of 60,000 synthetic articles: 40,200 points) was 5.2 MB
# of figure JSON and took ~1.2 s to build and serialise here (bench/chart_budget.py). Above it a
# chart aggregates or draws a seeded sample that keeps the extremes, and says so. Points are
# counted as in tests/charts/large_corpus.py (count_points: per trace its longest data array).
CHART_POINT_BUDGET = 20_000
