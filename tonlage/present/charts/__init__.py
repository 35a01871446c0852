"""Pure Plotly figure builders: DataFrames in, ``go.Figure`` out, no ``st.*`` inside; one module
per subject over a small shared base.

Conventions every builder follows (tests check them on ``fig.to_dict()``):

- a plain title and labelled axes with units;
- hover text that says what a point is (title, date, number of sentences);
- ``customdata`` whose first two fields say what is behind a mark, so a chart selection
  can find the articles: ``["article", article_id, ...]``, ``["bucket", start, end, ...]``
  (half-open ISO dates), ``["theme", theme_id, ...]`` or ``["actor", name, ...]``;
- event markers (dashed vertical lines with a label) on every time axis;
- marks resting on little text are hollow (points) or hatched (bars) and the legend says so
  (the thresholds are in :mod:`tonlage.thresholds`);
- many articles are aggregated to week/month buckets (a theme's share to months where the weeks
  hold few articles); beyond 1,000 points WebGL is used;
  no figure sends more than ``POINT_BUDGET`` marks (:data:`tonlage.thresholds.CHART_POINT_BUDGET`):
  above it a per-sentence chart draws a seeded sample that keeps each article's extremes, and
  its subtitle and ``layout.meta["sampled"]`` say so.

All strings come from a translator (:func:`tonlage.i18n.translator`); untrusted corpus text goes
through :mod:`tonlage.present.safe` before it becomes a label. Semantic colours live in
:mod:`.base` and only there; Plotly's global defaults are never touched.
"""

from .actors import actor_mentions_figure, actor_period_table, actor_tone_time_figure, actor_tone_time_periods
from .base import (
    AGGREGATE_OVER,
    KIND_COLOURS,
    NEGATIVE,
    NEUTRAL,
    POINT_BUDGET,
    POSITIVE,
    THEME_COLOURS,
    TONE_COLOURS,
    WEBGL_OVER,
    failed_figure,
    tone_colour,
)
from .compare import compare_actor_tone_figure, compare_change_figure, compare_tone_figure
from .periods import aggregate_articles, bucket_frequency, draws_periods
from .sources import (
    ACTOR_SOURCE_TONE_READ,
    SOURCE_BARS,
    SOURCE_LINES,
    SOURCE_THEME_NAMES,
    SOURCE_THEMES_READ,
    SOURCE_TIME_READ,
    SOURCE_TONE_NAMES,
    SOURCE_TONE_READ,
    source_periods,
    source_theme_figure,
    source_theme_rows,
    source_theme_table,
    source_tone_figure,
    source_tone_rows,
    source_tone_table,
    source_tone_time_figure,
)
from .themes import (
    THEME_DOT_SHARE,
    THEME_WEEK_ARTICLES,
    ThemePeriods,
    drawn_lines_only,
    legend_only_lines,
    theme_periods_of,
    theme_rows,
    theme_terms_figure,
    theme_time_dots,
    theme_time_figure,
    theme_time_periods,
    theme_time_table,
    theme_tone_figure,
    theme_weight_figure,
)
from .tone import (
    TONE_SPREAD_NAMES,
    TONE_SPREAD_READ,
    sentence_tone_figure,
    tone_shares_figure,
    tone_spread_figure,
    tone_spread_rows,
    tone_spread_table,
    tone_timeline_figure,
    tone_timeline_periods,
)
from .voices import actor_voice_figure, voice_tone_figure, voice_tone_time_figure
from .words import (
    WORDS_SHARE_COLUMNS,
    WORDS_SHARE_NAMES,
    WORDS_SHARE_READ,
    words_share_figure,
    words_share_rows,
    words_share_table,
)

__all__ = [
    "NEGATIVE",
    "NEUTRAL",
    "POSITIVE",
    "TONE_COLOURS",
    "THEME_COLOURS",
    "KIND_COLOURS",
    "AGGREGATE_OVER",
    "WEBGL_OVER",
    "POINT_BUDGET",
    "tone_colour",
    "bucket_frequency",
    "aggregate_articles",
    "draws_periods",
    "failed_figure",
    "tone_timeline_periods",
    "ThemePeriods",
    "THEME_DOT_SHARE",
    "THEME_WEEK_ARTICLES",
    "theme_periods_of",
    "theme_rows",
    "theme_time_dots",
    "theme_time_periods",
    "theme_time_table",
    "tone_timeline_figure",
    "sentence_tone_figure",
    "tone_shares_figure",
    "tone_spread_figure",
    "tone_spread_table",
    "tone_spread_rows",
    "TONE_SPREAD_NAMES",
    "TONE_SPREAD_READ",
    "theme_time_figure",
    "drawn_lines_only",
    "legend_only_lines",
    "theme_terms_figure",
    "theme_tone_figure",
    "theme_weight_figure",
    "actor_mentions_figure",
    "actor_period_table",
    "actor_tone_time_figure",
    "actor_tone_time_periods",
    "compare_tone_figure",
    "compare_change_figure",
    "compare_actor_tone_figure",
    "voice_tone_figure",
    "voice_tone_time_figure",
    "actor_voice_figure",
    "WORDS_SHARE_COLUMNS",
    "WORDS_SHARE_NAMES",
    "WORDS_SHARE_READ",
    "words_share_rows",
    "words_share_figure",
    "words_share_table",
    "SOURCE_BARS",
    "SOURCE_LINES",
    "SOURCE_TIME_READ",
    "SOURCE_THEMES_READ",
    "ACTOR_SOURCE_TONE_READ",
    "SOURCE_TONE_NAMES",
    "SOURCE_TONE_READ",
    "source_tone_figure",
    "source_tone_rows",
    "source_tone_table",
    "source_periods",
    "source_tone_time_figure",
    "source_theme_table",
    "source_theme_figure",
    "source_theme_rows",
    "SOURCE_THEME_NAMES",
]
