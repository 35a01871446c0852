"""The numbers below which Tonlage says a figure rests on too little text, and the band in
which a mean tone reads as neutral: one place, each with a name that says what it counts.

The sentence band (when one sentence counts as negative, neutral or positive) is not here:
it is fitted with the tone model and ships in ``tonlage/tone/data/tone_model.json``
(:attr:`tonlage.tone.ToneScorer.band_`). The findings' own thresholds (how large a change must
be to be worth a sentence) are in :mod:`tonlage.findings`.
"""

from __future__ import annotations

__all__ = [
    "MEAN_TONE_NEUTRAL_BAND",
    "MIN_ARTICLE_SENTENCES",
    "MIN_POINT_ARTICLES",
    "MIN_ACTOR_POINT_SENTENCES",
    "THEME_REFIT_SHARE",
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
# A workspace keeps its fitted themes as articles come and go (tonlage.incremental); they are
# fitted again once the new or changed text since the last fit reaches this share of the
# corpus's words. A judgement, with two checks behind it: the theme count a fit would choose
# grows as 1.5 * log2(articles) (tonlage.themes.default_n_themes), and a fifth more text adds
# 1.5 * log2(1.25) = 0.48 < 0.5 of a theme, so up to here a refit picks the same count (when
# the new articles are a fifth of the words they are a quarter more); and the kept terms'
# document frequencies then still come at least 80 % from the text the themes were fitted on.
THEME_REFIT_SHARE = 0.2
