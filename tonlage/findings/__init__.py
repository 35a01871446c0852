"""Findings: a few plain sentences on what stands out, never claiming more than the data carries.

Readers take these sentences into meetings, so each one gives its numbers (and the counts they
rest on), names the chart that shows it, and carries the articles and sentences behind it. The
rules:

- Tone is the mean sentence tone in [-1, 1] (scored sentences only), written with a sign and
  two decimals and a real minus sign ("−0.31"; German "−0,31"); a value that rounds to zero
  is written "0.00". Shares are written as whole percentages ("31 %").
- The numbers in a sentence are exactly the numbers in :attr:`Finding.values`, rounded as
  above: tone-like values (``tone*``, ``low``, ``high``, ``shift``) to two decimals, shares
  (``share*``, fractions 0..1 in ``values``) to whole percent, counts as they are.
- Thin data first: when the view has fewer than ``THIN_ARTICLES`` articles or fewer than
  ``THIN_SENTENCES`` scored sentences (for a comparison: either period), a "thin_data"
  finding comes first and says the figures are indications, not trends.
- Tone shift between two periods: a direction is stated only when the 95 % interval
  of the shift (``Comparison.shift_low/high``) excludes 0, also after rounding to two
  decimals; otherwise the sentence says "no clear change" and gives the interval, or, when both
  its ends round to 0.00, that no change shows at two decimals, with the interval's ends in the
  decimals that tell them apart (up to four; the one exception to two decimals, with the view's
  mean tone written in its interval's decimals too). A period of
  a single article has no interval (:func:`~tonlage.intervals.shift_interval`): the sentence
  gives both tones and says whether the tone changed is left open (caveat "uncertain"). Both
  tones and both sentence counts are always given. The direction word stays true on either side of
  0: "more negative" / "more positive" when the second value is past 0 in that direction,
  else "less positive" / "less negative" (+0.56 → +0.17 is "less positive").
- Actor tone shift: only actors named in at least ``MIN_ACTOR_SENTENCES`` sentences and
  ``MIN_ACTOR_ARTICLES`` articles in both periods, and only when the tone moved by at least ``MIN_ACTOR_SHIFT``, with the comparison's
  interval of the shift (``tone_low``/``tone_high`` of its actor table: the way
  :mod:`tonlage.compare` takes the whole view's, :func:`~tonlage.intervals.shift_interval` of
  the actor's sentence tones over articles, drawn together with the other actors': below; its
  chart draws them): a direction is stated only when it excludes 0; otherwise the
  finding says "no clear change" and carries the caveat "uncertain". A stated change whose
  sentences come from fewer than ``MIN_SIDE_ARTICLES`` articles in a period carries the caveat
  "thin" (one or two articles a side leave the interval little to tell from).
- Words' tone shift (with words searched for): the sentences holding them in each period, with
  :func:`~tonlage.intervals.shift_interval` over articles on its own (the reader chose the
  words: no family); fewer than ``MIN_ACTOR_SENTENCES`` sentences or ``MIN_ACTOR_ARTICLES``
  articles on a side give the counts and no comparison (caveat "thin").
- Theme and actor-attention changes: only when both periods have at least
  ``MIN_SIDE_ARTICLES`` articles and the share moved by at least ``MIN_THEME_CHANGE``
  (mean theme share of the text) or ``MIN_ATTENTION_CHANGE`` (share of articles naming the
  actor). A direction ("larger", "more") is stated only when the 95 % interval of the change
  excludes 0: Newcombe's score interval for both, over the periods' themed articles with their
  effective number for a theme's share (:func:`~tonlage.intervals.share_interval`; Welch's t
  claimed changes that were not there when one side had few articles), over the articles for
  a share of articles (:func:`~tonlage.intervals.newcombe_interval`); both are the comparison's
  own (its chart draws them), judged at :data:`~tonlage.intervals.SHARE_DIGITS`. Otherwise the
  finding gives both shares and the interval, says the change may be chance and carries the
  caveat "uncertain".
- Many changes at once: a comparison's themes, its actors' attention and its actors' tone
  shifts are three families, and the intervals of each are drawn together
  (:func:`~tonlage.intervals.family_alpha`, Benjamini and Hochberg): each at an error of
  R × 5 % / K, so that among the changes claimed no more than 5 % are chance on average. The
  finding keeps the error in ``alpha`` and, where it widened the interval, the number compared
  in ``family`` (its text then says why the interval is wider); 1 where it did not.
- View (no comparison): the overall tone with a plain word (negative / neutral / positive;
  neutral within ±``MEAN_TONE_NEUTRAL_BAND`` after rounding) and its 95 % interval over the
  articles with a scored sentence (:func:`~tonlage.intervals.mean_interval`; with fewer than
  ``FEW_ARTICLES`` of them, at least the interval over sentences). "Negative" or "positive" is
  stated only when that interval excludes 0; otherwise the finding says the wording leans
  that way but may be chance (caveat "uncertain"), and with one scored sentence it names no
  direction (caveat "thin"). Then the actors with the highest and lowest
  tone among those named in at least ``MIN_ACTOR_SENTENCES`` scored sentences and
  ``MIN_ACTOR_ARTICLES`` articles (only when at least two actors qualify), and the largest theme with its share. "Highest" and "lowest" are
  claims against the runner-up: stated plainly only when the 95 % interval of the gap between
  the two (:func:`~tonlage.intervals.gap_interval`, articles as the sampled units, from sums:
  every view's findings need it, and a bootstrap took 90 ms at 100,000 articles) excludes
  0, with the caveat "thin" when the actor's sentences come from fewer than
  ``MIN_SIDE_ARTICLES`` articles; otherwise the finding names the runner-up, gives the
  interval, says the gap may be chance and carries the caveat "uncertain" (with two actors,
  one such finding, not two). With words searched for (the sidebar's "Containing words"), the
  sentences holding them against the other sentences of the same articles, compared inside
  each article and averaged over the articles (:func:`~tonlage.intervals.paired_gap_interval`;
  a gap claimed only when its interval excludes 0).
- Outlets (view, where the articles name their source): each outlet with at least
  ``MIN_ACTOR_ARTICLES`` articles and ``MIN_ACTOR_SENTENCES`` scored sentences (at most
  ``SOURCES_COMPARED``, the largest) against the articles of all the other outlets in view
  (:func:`~tonlage.intervals.group_gaps`: each side's jackknife over its articles, Hsu's degrees
  of freedom, Welch over sentences as the floor), the outlets drawn together as one family. The
  most negative and the most positive outlet whose interval excludes 0 are named (one finding
  when the view has two outlets); none: the largest gap, said to be within chance ("uncertain").
  Made-up outlets on real news claimed a gap in 2.0-3.8 % of views (bench/source_tone.py).
- Outlets' themes (view): each outlet with at least ``MIN_ACTOR_ARTICLES`` articles with themes
  against all the others, theme by theme, the theme's mean share of their themed articles (the
  Themes page's chart by source, the Compare page's measure) with the Compare page's share
  interval (:func:`~tonlage.intervals.share_intervals`), every pair of outlet and theme drawn
  together as one family. The largest gap of at least ``MIN_THEME_CHANGE`` whose interval
  excludes 0 is named ("more" room first, else "less"); none such but a gap that large: said to
  be within chance. Made-up outlets on real news: 0.3-1.3 % of views (bench/source_theme.py).
- The latest weeks (view): four weeks against the twelve before them on a view whose main
  period spans four months or more, one week against the three before on one of four weeks or
  more (:data:`RECENT_WINDOWS`, ending on the last day of the view's main period); the tone
  shift between them as between two periods on the Compare page (the same articles, tones and
  interval), a direction claimed only when its interval excludes 0. Nothing is said when either
  period has fewer than ``MIN_SIDE_ARTICLES`` scored articles or ``MIN_PERIOD_SENTENCES`` scored
  sentences; with fewer than ``THIN_ARTICLES`` or ``THIN_SENTENCES`` the finding carries the
  caveat "thin", as the Compare page flags the same periods. One claim per view at 95 %: real
  articles with dates that say nothing of their text claimed a change in 3.0-4.5 % of views
  (bench/recent_tone.py).
- Caveats (one per finding, in this order of precedence; the text ends with a short note):
  "thin" (a period rests on fewer than ``MIN_SIDE_ARTICLES`` articles or
  ``MIN_PERIOD_SENTENCES`` scored sentences; for an actor, see above), "uncertain" (see
  above; the sentence already says it), "month_dates" (some articles behind a comparison
  finding are dated only to a month, counted on its 1st, that runs past their period's end:
  :func:`tonlage.compare.month_past_end`).
- Evidence: the articles (at most ``MAX_EVIDENCE_ARTICLES``) and sentences (at most
  ``MAX_EVIDENCE_SENTENCES``) behind a finding, strongest in the finding's direction first.
  Themes are measured per article, so theme findings list articles only. ``view_findings(...,
  evidence=False)`` leaves it out (the Overview gathers it when a reader opens a finding's box);
  nothing else about the findings changes.
- Order: thin data first, then by weight (larger first), ties by kind and name. Same input,
  same output; nothing raises on an empty view or comparison.

Where each part lives: :mod:`.finding` (one finding: thresholds, charts, wording, numbers),
:mod:`.evidence` (the articles and sentences behind it), :mod:`.view` (the view's findings),
:mod:`.sources` (outlets against each other), :mod:`.recent` (the latest weeks) and
:mod:`.comparison` (two periods or two outlets).
"""

from __future__ import annotations

from ..compare import MIN_ACTOR_ARTICLES, MIN_ACTOR_SENTENCES, MIN_ACTOR_SHIFT
from .comparison import comparison_findings
from .finding import (
    CAUTION_CAVEATS,
    CHARTS,
    COUNT_NOUNS,
    MAX_EVIDENCE_ARTICLES,
    MAX_EVIDENCE_SENTENCES,
    MIN_ATTENTION_CHANGE,
    MIN_PERIOD_SENTENCES,
    MIN_SIDE_ARTICLES,
    MIN_THEME_CHANGE,
    RECENT_WINDOWS,
    SOURCES_COMPARED,
    TEMPLATES,
    THIN_ARTICLES,
    THIN_SENTENCES,
    Finding,
    format_points,
    format_share,
    format_tone,
)
from .recent import recent_windows
from .sources import source_theme_finding, source_tone_findings
from .view import MIN_EXAMPLE_WORDS, overall_interval, view_findings

__all__ = [
    "Finding",
    "view_findings",
    "source_theme_finding",
    "source_tone_findings",
    "comparison_findings",
    "recent_windows",
    "RECENT_WINDOWS",
    "format_tone",
    "format_share",
    "format_points",
    "TEMPLATES",
    "CHARTS",
    "MIN_ACTOR_SENTENCES",
    "MIN_ACTOR_ARTICLES",
    "MIN_ACTOR_SHIFT",
    "MIN_THEME_CHANGE",
    "MIN_ATTENTION_CHANGE",
    "MIN_SIDE_ARTICLES",
    "MIN_PERIOD_SENTENCES",
    "THIN_ARTICLES",
    "THIN_SENTENCES",
    "SOURCES_COMPARED",
    "MAX_EVIDENCE_ARTICLES",
    "MAX_EVIDENCE_SENTENCES",
    "COUNT_NOUNS",
    "CAUTION_CAVEATS",
    "MIN_EXAMPLE_WORDS",
    "overall_interval",
]
