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
    "THEME_TIME_LINES",
    "MEAN_TONE_NEUTRAL_BAND",
    "MIN_ARTICLE_SENTENCES",
    "MIN_POINT_ARTICLES",
    "MIN_ACTOR_POINT_SENTENCES",
    "MAIN_PERIOD_SHARE",
    "PERIOD_MIN_DATED",
    "OUTLIER_MIN_GAP_DAYS",
    "THEME_UNSTABLE_BELOW",
    "THEME_STABLE_FROM",
    "THEME_STABILITY_MIN_ARTICLES",
    "THEME_REFIT_SHARE",
    "THEME_MATRIX_MB",
    "MINIBATCH_PASSES",
    "AGREEMENT_NEWS",
    "AGREEMENT_POSTS",
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

# The corpus's main period (tonlage.period): the shortest stretch of days holding this share of
# the dated articles. 90 % leaves room for a tenth of stragglers without them moving the period;
# a judgement, not a fitted figure.
MAIN_PERIOD_SHARE = 0.9
# With fewer dated articles than this nothing is called an outlier (a tenth of nine articles is
# less than one article: there is no "main" period to speak of).
PERIOD_MIN_DATED = 10
# An article is outside the main period only when it lies further from that stretch than the
# stretch is long, and at least this many days: a piece from the week after a two-week corpus is
# not an outlier, one from a year earlier is. Two months: a monthly magazine's issue either side.
OUTLIER_MIN_GAP_DAYS = 60
# A theme's stability (tonlage.themes.model.ThemeModel) is the best-match Jaccard of its articles over
# refits with other seeds on resampled articles. Two groups of equal size sharing a fraction x of
# their articles have a Jaccard of x / (2 - x).
# Below 1/3 (x = 1/2) most of the theme's articles land elsewhere when the model is refitted:
# the theme is called unstable and the Themes page warns about it.
THEME_UNSTABLE_BELOW = 1 / 3
# From 2/3 (x = 4/5) four in five of its articles come back together: the theme is called stable;
# between the two, fairly stable.
THEME_STABLE_FROM = 2 / 3
# A theme that leads fewer articles of the corpus than this has no stability figure ("too few
# articles to tell"): a refit on 80 % of the articles keeps or drops its one or two articles
# whole, so the figure told of the sample, not of the theme (each of the bundled corpus's
# one-article themes was "stable (0.75)": its article was left out of one refit in four).
THEME_STABILITY_MIN_ARTICLES = 3
# No chart sends more marks than this to the browser. The figure is issue 13's target ("a chart
# never sends more than ~20,000 points"); for scale, the one chart over it before the cap (the
# per-sentence chart of the 30 longest of 60,000 synthetic articles: 40,200 points) was 5.2 MB
# of figure JSON and took ~1.2 s to build and serialise here (bench/chart_budget.py). Above it a
# chart aggregates or draws a seeded sample that keeps the extremes, and says so. Points are
# counted as in tests/charts/large_corpus.py (count_points: per trace its longest data array).
CHART_POINT_BUDGET = 20_000
# A workspace keeps its fitted themes as articles come and go (tonlage.analysis.incremental); they are
# fitted again once the new or changed text since the last fit reaches this share of the
# corpus's words. A judgement, with two checks behind it: the theme count a fit would choose
# grows as 1.5 * log2(articles) (tonlage.themes.terms.default_n_themes), and a fifth more text adds
# 1.5 * log2(1.25) = 0.48 < 0.5 of a theme, so up to here a refit picks the same count (when
# the new articles are a fifth of the words they are a quarter more); and the kept terms'
# document frequencies then still come at least 80 % from the text the themes were fitted on.
THEME_REFIT_SHARE = 0.2

# Articles parsed together in an analysis (tonlage.analysis.pipeline): each batch's sentences are written
# to a Parquet part and let go before the next batch, so the memory of the per-sentence results
# grows with this number, not with the corpus. Measured with bench.memory (20,000 gnad
# articles, 2 workers, 2026-12-01): peak memory hardly changes between 500 and 5,000, and below a
# few hundred the pool's start and end of each batch start to cost time; see the branch report.
BATCH_ARTICLES = 2000
# Tone evidence kept per worker process for sentences whose cues carry no rule note (pipeline.
# _evidence): a few hundred bytes each, so at most ~10 MB. Distinct ones counted on 2026-12-01:
# 3,200 in the 43,600 sentences of 2,000 gnad-built articles, 3,400 in the 11,200 sentences of
# the 510 real gnad-dev articles (the others reuse one: "no tone words", one or two cues).
EVIDENCE_CACHE = 20_000
# The themes-over-time chart draws this many lines (the themes with the largest mean share) and
# lists the others in its legend, hidden until clicked. From the 100,000-article screenshot
# (bench/scale.py, 25 themes): 25 lines in twelve colours were one band in which no theme
# could be followed, and colours repeat after the palette's first lines (THEME_COLOURS).
THEME_TIME_LINES = 8

# Sentences from which the app says it is applying a reader's tone corrections (a word list or a
# fitted band) while it does: 2.2 million sentences (101,000 articles) took 15-19 s on the
# 2-core machine; 200,000 take about 1.5 s.
CORRECTION_NOTE_SENTENCES = 200_000

# Megabytes the themes' TF-IDF matrix may take (float32 values and int32 column indices, 8 bytes
# a stored entry) before the themes are fitted in partitions with MiniBatchNMF
# (tonlage.themes.partitions.fit_partitions; TONLAGE_THEME_MATRIX_MB overrides it). Figures
# (bench/theme_partitions.py, 2026-12-01, 2 shared cores): the 509 gnad-dev articles hold 51
# entries an article, generated documents made of two gnad articles' features 88; a million
# such documents make a matrix of 0.36-0.67 GB, so a million average articles stay on the exact
# fit with room to spare. The exact fit needs several times its matrix besides (the counts with
# bigrams, the matrix's transpose for the NMF's bands, W, scikit-learn's import): on 100,000
# generated documents +563 MB of peak memory for a 67.5 MB matrix, about 7.5 times it (the
# fit in partitions: +248 MB). At this budget the exact theme fit may take ~8 GB, which leaves
# room in 24 GB for the features of a million articles and the analysis's other tables; a
# larger matrix is given up for an approximation.
THEME_MATRIX_MB = 1024
# Passes of MiniBatchNMF.partial_fit over the partitions when the themes are fitted in
# partitions: a fixed number, so the same corpus and seed give the same themes. On gnad-dev
# (509 articles, k = 9, seed 0) forced into partitions of 50 articles, NMI of the top theme
# against the desks went 0.24 / 0.32 / 0.39 after 3 / 10 / 20 passes (partitions of 128: 0.38 /
# 0.39 / 0.43; exact NMF 0.45); 20 passes took 75 s against the exact fit's 28-46 s on 100,000
# generated documents. Chosen on the whole labelled set (no held-out half), so the partitioned
# fit's NMI there is in-sample; a seeded shuffle of the partitions' order each pass changed it
# by 0.002 and was left out.
MINIBATCH_PASSES = 20

# Panels of the theme words chart on a slide image and in the meeting pack (the page shows
# every theme): two rows of three. Twelve themes on a 960 x 540 slide were four rows whose words
# overlapped the panel titles below them.
SLIDE_THEME_PANELS = 6

# How often the shipped scorer agrees with people (3-class macro-F1), on text it was never
# fitted on (bench/tone_quality.py): news sentences (GerNTSA, 5-fold cross-validation) and 768
# labelled political tweets (PotTS; everything fitted on GerNTSA only). A corpus of mostly posts
# says so beside every tone figure (tonlage.present.stamp).
AGREEMENT_NEWS = 0.50
AGREEMENT_POSTS = 0.40
