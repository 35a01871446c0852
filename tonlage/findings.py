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
  finding are dated only to the month and counted on its 1st).
- Evidence: the articles (at most ``MAX_EVIDENCE_ARTICLES``) and sentences (at most
  ``MAX_EVIDENCE_SENTENCES``) behind a finding, strongest in the finding's direction first.
  Themes are measured per article, so theme findings list articles only. ``view_findings(...,
  evidence=False)`` leaves it out (the Overview gathers it when a reader opens a finding's box);
  nothing else about the findings changes.
- Order: thin data first, then by weight (larger first), ties by kind and name. Same input,
  same output; nothing raises on an empty view or comparison.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from numbers import Integral, Real

import numpy as np
import pandas as pd

from .compare import (
    FEW_ARTICLES,
    MIN_ACTOR_ARTICLES,
    MIN_ACTOR_SENTENCES,
    MIN_ACTOR_SHIFT,
    Comparison,
    Window,
    actor_sentences,
    side_mask,
    tone_shifts,
)
from .frames import CorpusIndex, at_or_above_kth, isin, sentence_score
from .i18n import N_, NC_, Translator, translator
from .intervals import (
    ALPHA,
    SHARE_DIGITS,
    excludes_zero,
    family_alpha,
    gap_interval,
    mean_interval,
    p_values,
    paired_gap_interval,
    share_intervals,
    shift_interval,
    shift_interval_of_articles,
)
from .model import AnalysedCorpus
from .thresholds import MEAN_TONE_NEUTRAL_BAND

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
]

MIN_THEME_CHANGE = 0.10  # 10 percentage points of the mean theme share
MIN_ATTENTION_CHANGE = 0.15  # 15 percentage points of the articles naming an actor
MIN_SIDE_ARTICLES = 3  # articles per period for share changes (and below: caveat "thin")
MIN_PERIOD_SENTENCES = 30  # scored sentences per period below which a tone shift is "thin"
THIN_ARTICLES = 10  # fewer articles in view (or per period): thin-data finding
THIN_SENTENCES = 100  # fewer scored sentences in view (or per period): thin-data finding
MAX_EVIDENCE_ARTICLES = 50
MAX_EVIDENCE_SENTENCES = 20
THIN_WEIGHT = 100.0  # above every other weight: the thin-data finding comes first
#: At most this many sources (those with the most articles in view) are compared with the rest:
#: each one's interval is a pass over the view's other articles.
SOURCES_COMPARED = 50
_CANDIDATES = 4000  # strongest sentences sorted to find the evidence
#: The view's latest weeks against the weeks before them: ``(form, days of the view's dated
#: span at least, days of the latest period, days of the period before it)``, the first that fits.
#: A quarter of the time against the three quarters before: four weeks against twelve on a view
#: of four months or more, one week against three on a view of four weeks or more.
RECENT_WINDOWS = (("4w", 112, 28, 84), ("1w", 28, 7, 21))

# The chart that shows each kind of finding (keys of the app's charts).
CHARTS = {
    "thin_data": "overview_tone_timeline",
    "overall_tone": "overview_tone_timeline",
    "actor_tone": "actors_tone_time",
    "theme_top": "overview_themes",
    "tone_shift": "compare_tone",
    "actor_tone_shift": "compare_actor_tone",
    "theme_change": "compare_themes",
    "actor_attention": "compare_actors",
    "words_tone": "overview_tone_timeline",
    "words_tone_shift": "compare_tone",
    "source_tone": "tone_sources",
    "source_theme": "themes_sources",
    "recent_tone": "overview_tone_timeline",
}
_KIND_ORDER = (
    "thin_data",
    "tone_shift",
    "overall_tone",
    "recent_tone",
    "words_tone",
    "words_tone_shift",
    "source_tone",
    "source_theme",
    "actor_tone_shift",
    "actor_tone",
    "theme_change",
    "actor_attention",
    "theme_top",
)

# lang -> template key -> template. A finding's key is its kind, or "kind.variant" when its
# values have a "variant". "period.*" and "between.*" name the two periods inside a sentence;
# "noun.*" are the singular/plural forms used after a count (German: dative, as every German
# template uses them after "auf", "von" or "aus").
# Finding kind (or "kind.variant") → the sentence's message id (English; German in the catalogue).
# "period.*" and "between.*" name the two periods inside a sentence.
TEMPLATES: dict[str, str] = {
    "thin_data.view": N_(
        "These figures rest on {articles} {articles_word} and {sentences} scored {sentences_word}; treat them as indications, not trends."
    ),
    "thin_data.periods": N_(
        "The comparison rests on {articles_a} and {articles_b} articles ({sentences_a} and {sentences_b} scored sentences); treat the differences as indications, not trends."
    ),
    "tone_shift.change": N_(
        "The wording is {direction} {in_b} {than_a}: tone {tone_a} → {tone_b} ({sentences_a} vs {sentences_b} sentences; 95% interval of the change {low} … {high})."
    ),
    "tone_shift.no_clear_change": N_(
        "No clear change in tone {between}: {tone_a} → {tone_b} ({sentences_a} vs {sentences_b} sentences); the 95% interval of the change, {low} … {high}, includes 0."
    ),
    "tone_shift.one_article": N_(
        "Tone {between}: {tone_a} → {tone_b} ({sentences_a} vs {sentences_b} sentences). A period of a single article has no interval: how far one article's wording lies from its period's cannot be measured from it, so whether the tone changed is left open."
    ),
    "tone_shift.negligible": N_(
        "No change in tone {between} that shows at two decimals: {tone_a} → {tone_b} ({sentences_a} vs {sentences_b} sentences); the 95% interval of the change, {low} … {high}, stays under a hundredth either way."
    ),
    "actor_tone_shift.change": N_(
        "Sentences naming {actor} are {direction} {in_b} {than_a}: {tone_a} → {tone_b} ({sentences_a} vs {sentences_b} sentences; 95% interval of the change {low} … {high})."
    ),
    "actor_tone_shift.uncertain": N_(
        "Sentences naming {actor}: {tone_a} → {tone_b} {between} ({sentences_a} vs {sentences_b} sentences); the 95% interval of the change, {low} … {high}, includes 0, so this is no clear change."
    ),
    "theme_change.larger": N_(
        "The theme “{theme}” takes a larger share of the text {in_b} {than_a}: {share_a} → {share_b} ({articles_a} vs {articles_b} articles with themes; 95% interval of the change {points_low} … {points_high} percentage points)."
    ),
    "theme_change.smaller": N_(
        "The theme “{theme}” takes a smaller share of the text {in_b} {than_a}: {share_a} → {share_b} ({articles_a} vs {articles_b} articles with themes; 95% interval of the change {points_low} … {points_high} percentage points)."
    ),
    "theme_change.uncertain": N_(
        "The theme “{theme}” fills {share_a} → {share_b} of the text {between} ({articles_a} vs {articles_b} articles with themes); the change may be chance: its 95% interval, {points_low} … {points_high} percentage points, includes 0."
    ),
    "actor_attention.uncertain": N_(
        "{actor} is named in {share_a} → {share_b} of the articles {between} ({articles_a} of {n_articles_a} vs {articles_b} of {n_articles_b} articles); the change may be chance: its 95% interval, {points_low} … {points_high} percentage points, includes 0."
    ),
    "actor_attention.more": N_(
        "{actor} is named in a larger share of the articles {in_b} {than_a}: {share_a} → {share_b} ({articles_a} of {n_articles_a} vs {articles_b} of {n_articles_b} articles; 95% interval of the change {points_low} … {points_high} percentage points)."
    ),
    "actor_attention.less": N_(
        "{actor} is named in a smaller share of the articles {in_b} {than_a}: {share_a} → {share_b} ({articles_a} of {n_articles_a} vs {articles_b} of {n_articles_b} articles; 95% interval of the change {points_low} … {points_high} percentage points)."
    ),
    "overall_tone": N_(
        "The wording of the articles in view is {word}: tone {tone} on average over {sentences} scored {sentences_word} in {articles} {articles_word} (95% interval {low} … {high})."
    ),
    "overall_tone.uncertain_positive": N_(
        "The wording of the articles in view leans positive, tone {tone} on average over {sentences} scored {sentences_word} in {articles} {articles_word}, but that may be chance: its 95% interval, {low} … {high}, includes 0."
    ),
    "overall_tone.uncertain_negative": N_(
        "The wording of the articles in view leans negative, tone {tone} on average over {sentences} scored {sentences_word} in {articles} {articles_word}, but that may be chance: its 95% interval, {low} … {high}, includes 0."
    ),
    "overall_tone.no_interval": N_(
        "The articles in view have a tone of {tone} from {sentences} scored {sentences_word}: too little text to tell a direction."
    ),
    "actor_tone.highest": N_(
        "Sentences naming {actor} have the highest tone of all actors named in at least {min_sentences} sentences and {min_articles} articles: {tone} ({sentences} sentences)."
    ),
    "actor_tone.lowest": N_(
        "Sentences naming {actor} have the lowest tone of all actors named in at least {min_sentences} sentences and {min_articles} articles: {tone} ({sentences} sentences)."
    ),
    "actor_tone.highest_close": N_(
        "Of the actors named in at least {min_sentences} sentences and {min_articles} articles, {actor} has the highest tone, {tone} ({sentences} sentences), but the gap to {next}, {next_tone} ({next_sentences} sentences), may be chance: its 95% interval, {low} … {high}, includes 0."
    ),
    "actor_tone.lowest_close": N_(
        "Of the actors named in at least {min_sentences} sentences and {min_articles} articles, {actor} has the lowest tone, {tone} ({sentences} sentences), but the gap to {next}, {next_tone} ({next_sentences} sentences), may be chance: its 95% interval, {low} … {high}, includes 0."
    ),
    "words_tone.gap": N_(
        "Sentences with the words you searched for ({words}) are {direction} than the other sentences of the same articles: {tone} against {tone_rest}, article by article over {articles} {articles_word} ({sentences} vs {sentences_rest} sentences; 95% interval of the gap {low} … {high})."
    ),
    "words_tone.uncertain": N_(
        "Sentences with the words you searched for ({words}) have a tone of {tone}, the other sentences of the same articles {tone_rest}, article by article over {articles} {articles_word} ({sentences} vs {sentences_rest} sentences); the gap may be chance: its 95% interval, {low} … {high}, includes 0."
    ),
    "words_tone.few": N_(
        "Only {sentences} scored {sentences_word} in {articles} {articles_word} hold the words you searched for ({words}): tone {tone}, too little text to set against the rest."
    ),
    "words_tone_shift.change": N_(
        "Sentences with the words you searched for ({words}) are {direction} {in_b} {than_a}: {tone_a} → {tone_b} ({sentences_a} vs {sentences_b} sentences; 95% interval of the change {low} … {high})."
    ),
    "words_tone_shift.uncertain": N_(
        "Sentences with the words you searched for ({words}): {tone_a} → {tone_b} {between} ({sentences_a} vs {sentences_b} sentences); the 95% interval of the change, {low} … {high}, includes 0, so this is no clear change."
    ),
    "words_tone_shift.few": N_(
        "The words you searched for ({words}) stand in {sentences_a} and {sentences_b} scored sentences {between}, in {articles_a} and {articles_b} articles: comparing their tone needs at least {min_sentences} sentences in {min_articles} articles on each side."
    ),
    # Two outlets compared (values "sides": "outlets"): a difference over the same days, not a
    # change; the second side first, as the direction and the interval (second − first) read.
    "thin_data.periods.outlets": N_(
        "The comparison of “{a}” and “{b}” rests on {articles_a} and {articles_b} articles ({sentences_a} and {sentences_b} scored sentences); treat the differences as indications."
    ),
    "tone_shift.change.outlets": N_(
        "The wording of “{b}” is {direction} than that of “{a}”: tone {tone_b} against {tone_a} ({sentences_b} vs {sentences_a} sentences; 95% interval of the difference {low} … {high})."
    ),
    "tone_shift.no_clear_change.outlets": N_(
        "No clear difference in tone between “{a}” ({tone_a}) and “{b}” ({tone_b}) ({sentences_a} vs {sentences_b} sentences); the 95% interval of the difference, {low} … {high}, includes 0."
    ),
    "tone_shift.one_article.outlets": N_(
        "Tone of “{a}” {tone_a}, of “{b}” {tone_b} ({sentences_a} vs {sentences_b} sentences). A side of a single article has no interval: how far one article's wording lies from the rest of its side cannot be measured from it, so whether the tone differs is left open."
    ),
    "tone_shift.negligible.outlets": N_(
        "No difference in tone between “{a}” ({tone_a}) and “{b}” ({tone_b}) that shows at two decimals ({sentences_a} vs {sentences_b} sentences); the 95% interval of the difference, {low} … {high}, stays under a hundredth either way."
    ),
    "actor_tone_shift.change.outlets": N_(
        "Sentences naming {actor} are {direction} in “{b}” than in “{a}”: {tone_b} against {tone_a} ({sentences_b} vs {sentences_a} sentences; 95% interval of the difference {low} … {high})."
    ),
    "actor_tone_shift.uncertain.outlets": N_(
        "Sentences naming {actor}: {tone_a} in “{a}”, {tone_b} in “{b}” ({sentences_a} vs {sentences_b} sentences); the 95% interval of the difference, {low} … {high}, includes 0, so this is no clear difference."
    ),
    "theme_change.larger.outlets": N_(
        "The theme “{theme}” takes a larger share of the text in “{b}” than in “{a}”: {share_b} against {share_a} ({articles_b} vs {articles_a} articles with themes; 95% interval of the difference {points_low} … {points_high} percentage points)."
    ),
    "theme_change.smaller.outlets": N_(
        "The theme “{theme}” takes a smaller share of the text in “{b}” than in “{a}”: {share_b} against {share_a} ({articles_b} vs {articles_a} articles with themes; 95% interval of the difference {points_low} … {points_high} percentage points)."
    ),
    "theme_change.uncertain.outlets": N_(
        "The theme “{theme}” fills {share_a} of the text in “{a}” and {share_b} in “{b}” ({articles_a} vs {articles_b} articles with themes); the difference may be chance: its 95% interval, {points_low} … {points_high} percentage points, includes 0."
    ),
    "actor_attention.uncertain.outlets": N_(
        "{actor} is named in {share_a} of the articles in “{a}” and {share_b} in “{b}” ({articles_a} of {n_articles_a} vs {articles_b} of {n_articles_b} articles); the difference may be chance: its 95% interval, {points_low} … {points_high} percentage points, includes 0."
    ),
    "actor_attention.more.outlets": N_(
        "{actor} is named in a larger share of the articles in “{b}” than in “{a}”: {share_b} against {share_a} ({articles_b} of {n_articles_b} vs {articles_a} of {n_articles_a} articles; 95% interval of the difference {points_low} … {points_high} percentage points)."
    ),
    "actor_attention.less.outlets": N_(
        "{actor} is named in a smaller share of the articles in “{b}” than in “{a}”: {share_b} against {share_a} ({articles_b} of {n_articles_b} vs {articles_a} of {n_articles_a} articles; 95% interval of the difference {points_low} … {points_high} percentage points)."
    ),
    "words_tone_shift.change.outlets": N_(
        "Sentences with the words you searched for ({words}) are {direction} in “{b}” than in “{a}”: {tone_b} against {tone_a} ({sentences_b} vs {sentences_a} sentences; 95% interval of the difference {low} … {high})."
    ),
    "words_tone_shift.uncertain.outlets": N_(
        "Sentences with the words you searched for ({words}): {tone_a} in “{a}”, {tone_b} in “{b}” ({sentences_a} vs {sentences_b} sentences); the 95% interval of the difference, {low} … {high}, includes 0, so this is no clear difference."
    ),
    "words_tone_shift.few.outlets": N_(
        "The words you searched for ({words}) stand in {sentences_a} scored sentences of “{a}” and {sentences_b} of “{b}”, in {articles_a} and {articles_b} articles: comparing their tone needs at least {min_sentences} sentences in {min_articles} articles on each side."
    ),
    "source_tone.gap": N_(
        "Articles from {source} are {direction} in tone than those of the other sources: {tone} against {tone_rest} ({articles} vs {articles_rest} articles; 95% interval of the gap {low} … {high})."
    ),
    "source_tone.uncertain": N_(
        "Of the {compared} sources with at least {min_articles} articles and {min_sentences} scored sentences in view, none differs clearly in tone from the rest: the largest gap, {source} at {tone} against {tone_rest} for the others ({articles} vs {articles_rest} articles), may be chance: its 95% interval, {low} … {high}, includes 0."
    ),
    # Which outlet gives a theme more (or less) room than the other outlets in view.
    "source_theme.more": N_(
        "{source} gives the theme “{theme}” more room than the other sources: {share} of its text against {share_rest} ({articles} vs {articles_rest} articles with themes; 95% interval of the gap {points_low} … {points_high} percentage points)."
    ),
    "source_theme.less": N_(
        "{source} gives the theme “{theme}” less room than the other sources: {share} of its text against {share_rest} ({articles} vs {articles_rest} articles with themes; 95% interval of the gap {points_low} … {points_high} percentage points)."
    ),
    "source_theme.uncertain": N_(
        "Of the {compared} sources with at least {min_articles} articles with themes in view, none gives a theme clearly more or less room than the others: the largest gap, “{theme}” at {share} of the text of {source} against {share_rest} for the others ({articles} vs {articles_rest} articles), may be chance: its 95% interval, {points_low} … {points_high} percentage points, includes 0."
    ),
    # The latest weeks of the view against the weeks before them ("window": RECENT_WINDOWS).
    "recent_tone.change.4w": N_(
        "In the last four weeks in view ({b}) the wording is {direction} than in the twelve weeks before ({a}): tone {tone_b} in these weeks against {tone_a} before ({sentences_b} against {sentences_a} sentences; 95% interval of the change {low} … {high})."
    ),
    "recent_tone.no_clear_change.4w": N_(
        "No clear change in tone in the last four weeks in view ({b}) against the twelve weeks before ({a}): {tone_b} in these weeks against {tone_a} before ({sentences_b} against {sentences_a} sentences); the 95% interval of the change, {low} … {high}, includes 0."
    ),
    "recent_tone.negligible.4w": N_(
        "No change in tone in the last four weeks in view ({b}) against the twelve weeks before ({a}) that shows at two decimals: {tone_b} in these weeks against {tone_a} before ({sentences_b} against {sentences_a} sentences; 95% interval of the change {low} … {high})."
    ),
    "recent_tone.change.1w": N_(
        "In the last week in view ({b}) the wording is {direction} than in the three weeks before ({a}): tone {tone_b} in this week against {tone_a} before ({sentences_b} against {sentences_a} sentences; 95% interval of the change {low} … {high})."
    ),
    "recent_tone.no_clear_change.1w": N_(
        "No clear change in tone in the last week in view ({b}) against the three weeks before ({a}): {tone_b} in this week against {tone_a} before ({sentences_b} against {sentences_a} sentences); the 95% interval of the change, {low} … {high}, includes 0."
    ),
    "recent_tone.negligible.1w": N_(
        "No change in tone in the last week in view ({b}) against the three weeks before ({a}) that shows at two decimals: {tone_b} in this week against {tone_a} before ({sentences_b} against {sentences_a} sentences; 95% interval of the change {low} … {high})."
    ),
    "theme_top": N_(
        "The largest theme is “{theme}”: {share} of the text; it is the main theme of {articles} of {n_articles} articles."
    ),
    "period.b.event": N_("after “{event}”"),
    "period.a.event": N_("than before"),
    "period.b.range": N_("in “{b}”"),
    "period.a.range": N_("than in “{a}”"),
    "period.b.plain": N_("in the second period"),
    "period.a.plain": N_("than in the first"),
    "between.event": N_("before and after “{event}”"),
    "between.range": N_("between “{a}” and “{b}”"),
    "between.plain": N_("between the two periods"),
    "direction.more_negative": N_("more negative"),
    "direction.less_positive": N_("less positive"),
    "direction.more_positive": N_("more positive"),
    "direction.less_negative": N_("less negative"),
    "word.negative": N_("rather negative"),
    "word.neutral": N_("mostly neutral"),
    "word.positive": N_("rather positive"),
    "caveat.thin": N_("Few data: read it as a hint."),
    # After the sentence of a change whose interval was widened for the others compared with it
    # (intervals.family_alpha): read alone, it would look narrower than 95 % needs.
    "family.themes": N_("The interval is wider because {family} themes were compared at once."),
    "family.actors": N_("The interval is wider because {family} actors were compared at once."),
    "family.sources": N_("The interval is wider because {family} sources were compared at once."),
    "family.source_themes": N_(
        "The interval is wider because {family} pairs of source and theme were compared at once."
    ),
    "caveat.uncertain": "",
    "caveat.month_dates": N_("Among these articles are some dated only to the month; they count on its 1st."),
    "caveat.copies_one": N_(
        "Only 1 of these sentences is different; the others repeat it word for word in other articles: read it as a hint."
    ),
    "caveat.copies": N_(
        "Only {different} of these sentences differ; the others repeat them word for word in other articles: read it as a hint."
    ),
}
#: Caveats that mark a finding ⚠: it may be chance, rests on few data, or on few different
#: sentences. A month-dated article behind a comparison is a note, not a warning.
CAUTION_CAVEATS = frozenset({"thin", "uncertain", "copies"})

# Nouns after a count: German puts them in the dative after "auf", "von", "aus", so they are
# their own messages with a context (singular, plural) rather than ngettext of whole sentences.
COUNT_NOUNS = {
    "article": (NC_("after a count", "article"), NC_("after a count", "articles")),
    "sentence": (NC_("after a count", "sentence"), NC_("after a count", "sentences")),
}

_SHARE_KEYS = frozenset({"share", "share_rest", "share_a", "share_b", "change"})
#: The ends of two stretches of days (ISO dates), first and last day of "a", then of "b".
_RANGE_KEYS = ("start_a", "end_a", "start_b", "end_b")
# Window labels of an event comparison: "before X" / "after X" (English) or "vor X" / "nach X".
_EVENT_PREFIXES = (("before ", "after "), ("vor ", "nach "))
_PLAIN_LABELS = frozenset({"", "before", "after", "vor", "nach"})


def format_tone(value: float, lang: str = "en") -> str:
    """A tone with sign, two decimals and a real minus sign: "+0.12", "−0.31" ("−0,31" in
    German); a value that rounds to zero is "0.00"."""
    return translator(lang).signed(value)


def format_share(value: float, lang: str = "en") -> str:
    """A share (0..1) as a whole percentage in the language's style: "31%" / "31 %"."""
    return translator(lang).percent(value)


@dataclass(frozen=True)
class Finding:
    """One plain sentence on what stands out, with the evidence behind it.

    Attributes:
        kind: "thin_data", "overall_tone", "actor_tone", "theme_top" (view) or "tone_shift",
            "actor_tone_shift", "theme_change", "actor_attention" (comparison).
        values: The numbers and names that fill the sentence (raw floats; :meth:`text` rounds).
            A "variant" value picks the wording (e.g. "change", "no_clear_change"); a
            "direction" value ("more_negative", "less_positive", ...) says which way it moved.
        chart: The chart that shows it (see ``CHARTS``).
        article_ids: The articles behind it, strongest first (at most 50).
        sentences: ``(article_id, sent_idx)`` of the sentences behind it, strongest first (at
            most 20).
        weight: For ordering; larger is more notable.
        caveat: "" or "thin", "uncertain", "month_dates", "copies" (fewer different sentences
            than the finding's minimum: the rest are copies of them in other articles).
    """

    kind: str
    values: Mapping[str, object]
    chart: str
    article_ids: tuple[str, ...]
    sentences: tuple[tuple[str, int], ...]
    weight: float
    caveat: str = ""

    @property
    def template_key(self) -> str:
        """The key of this finding's wording in ``TEMPLATES``."""
        variant = self.values.get("variant")
        key = f"{self.kind}.{variant}" if variant else self.kind
        # Two outlets compared: the wording of a difference ("against"), not of a change ("→");
        # the latest weeks: the lengths of their two periods ("window").
        form = "outlets" if self.values.get("sides") == "outlets" else self.values.get("window")
        return f"{key}.{form}" if form and f"{key}.{form}" in TEMPLATES else key

    @property
    def cautious(self) -> bool:
        """Whether the finding should be read with care (``CAUTION_CAVEATS``): marked ⚠ wherever
        it is shown, on a slide as on the page."""
        return self.caveat in CAUTION_CAVEATS

    def marked(self, lang: str = "en") -> str:
        """:meth:`text`, with "⚠ " before it when the finding is :attr:`cautious`."""
        return ("⚠ " if self.cautious else "") + self.text(lang)

    def text(self, lang: str = "en") -> str:
        """The plain sentence in "en" or "de" (any other language gives English)."""
        tr = translator(lang)
        fields = _fields(self.values, tr)
        low, high, tone = (self.values.get(k) for k in ("low", "high", "tone"))
        if self.kind == "overall_tone" and all(isinstance(v, Real) for v in (low, high, tone)):
            # The mean in the decimals of its own interval: over 2.2 million sentences "tone 0.00
            # on average (95% interval −0.003 … −0.002)" read as a mean outside its interval.
            fields["tone"] = tr.signed(float(tone), tr.interval_digits(float(low), float(high)))  # type: ignore[arg-type]
        out = _fill(tr(TEMPLATES[self.template_key]), fields)
        family, of = self.values.get("family"), f"family.{self.values.get('family_of')}"
        if isinstance(family, int) and not isinstance(family, bool) and family > 1 and of in TEMPLATES:
            out = f"{out} {_fill(tr(TEMPLATES[of]), fields)}"
        key = f"caveat.{self.caveat}"
        if self.caveat == "copies" and self.values.get("different") == 1:
            key += "_one"  # "Only 1 of these sentences differ" read wrong
        caveat = TEMPLATES.get(key, "") if self.caveat else ""
        return f"{out} {_fill(tr(caveat), fields)}" if caveat else out


def _fill(template: str, fields: Mapping[str, str]) -> str:
    for name, value in fields.items():
        template = template.replace("{" + name + "}", value)
    return template


def format_points(low: float, high: float, lang: str = "en") -> tuple[str, str]:
    """The ends of the interval of a change of share (fractions) in percentage points, as
    :meth:`~tonlage.i18n.Translator.points` writes them: "−40", "−13"."""
    return translator(lang).points(low, high)


def widened(tests: int, alpha: float) -> int:
    """A finding's "family" value: the changes its interval was drawn together with when that
    widened it (an error below 5 %: :func:`~tonlage.intervals.family_alpha`), else 1 (no note)."""
    return int(tests) if tests > 1 and alpha < ALPHA * (1 - 1e-9) else 1


def _fields(values: Mapping[str, object], tr: Translator) -> dict[str, str]:
    """The values as the text shows them, plus the derived words (periods, nouns, tone word)."""
    out: dict[str, str] = {}
    for key, v in values.items():
        if isinstance(v, bool) or not isinstance(v, Real):
            out[key] = str(v)
        elif isinstance(v, Integral):
            out[key] = tr.integer(int(v))
        else:
            out[key] = tr.percent(float(v)) if key in _SHARE_KEYS else tr.signed(float(v))
    if isinstance(values.get("low"), Real) and isinstance(values.get("high"), Real):
        # The decimals that tell the interval's ends apart: over 2.2 million sentences the
        # view's tone read "+0.01 on average (95% interval +0.01 … +0.01)".
        out["low"], out["high"] = tr.interval(float(values["low"]), float(values["high"]))  # type: ignore[arg-type]
    tone, rest = values.get("tone"), values.get("tone_rest")
    if isinstance(tone, Real) and isinstance(rest, Real) and not isinstance(tone, Integral):
        # Two tones set against each other, in the decimals that tell them apart: an outlet of
        # 2,747 articles at 100,000 read "+0.01 against +0.01 for the others".
        out["tone"], out["tone_rest"] = tr.interval(float(tone), float(rest))
    p_low, p_high = values.get("points_low"), values.get("points_high")
    if isinstance(p_low, Real) and isinstance(p_high, Real):
        out["points_low"], out["points_high"] = tr.points(float(p_low), float(p_high))
    for name in ("word", "direction"):
        if name in values:
            out[name] = tr(TEMPLATES[f"{name}.{values[name]}"])
    for count, noun in (("articles", "article"), ("sentences", "sentence")):
        if isinstance(values.get(count), Integral):
            one, other = COUNT_NOUNS[noun]
            out[f"{count}_word"] = tr.pgettext("after a count", one if values[count] == 1 else other)
    if all(isinstance(values.get(k), str) for k in _RANGE_KEYS):
        # Two stretches of days given by their ends (the latest weeks' finding): written as the
        # language writes days ("01.12.2025 – 28.12.2025" in German), not as stored (ISO).
        days = [date.fromisoformat(str(values[k])) for k in _RANGE_KEYS]
        out["a"], out["b"] = tr.days(days[0], days[1]), tr.days(days[2], days[3])
    if "a" in values and "b" in values:
        a, b, event = str(values["a"]), str(values["b"]), str(values.get("event", ""))
        form = "event" if event else "plain" if {a.lower(), b.lower()} <= _PLAIN_LABELS else "range"
        for name, key in (("in_b", "period.b"), ("than_a", "period.a"), ("between", "between")):
            out[name] = _fill(tr(TEMPLATES[f"{key}.{form}"]), {"a": a, "b": b, "event": event})
    return out


# --- shared pieces ----------------------------------------------------------------------------


def _ordered(thin: Finding | None, others: list[Finding], limit: int) -> list[Finding]:
    """Thin data first, then by weight (larger first), ties by kind and name."""
    if limit <= 0:
        return []
    rank = {k: i for i, k in enumerate(_KIND_ORDER)}
    others = sorted(
        others,
        key=lambda f: (
            -f.weight,
            rank.get(f.kind, len(rank)),
            str(f.values.get("actor", f.values.get("theme", ""))),
            str(f.values.get("variant", "")),
        ),
    )
    head = [thin] if thin is not None else []
    return (head + others)[:limit]


# --- the view ---------------------------------------------------------------------------------

#: Whether the findings being made gather their evidence (their sentences and articles): off
#: within ``view_findings(..., evidence=False)``, per thread (Streamlit's sessions).
_WITH_EVIDENCE: ContextVar[bool] = ContextVar("tonlage_findings_evidence", default=True)


def view_findings(
    corpus: AnalysedCorpus,
    ids: Iterable[str] | np.ndarray,
    *,
    limit: int = 6,
    index: CorpusIndex | None = None,
    words: str = "",
    evidence: bool = True,
) -> list[Finding]:
    """What stands out in the articles in view: overall tone, the tone of the sentences holding
    the ``words`` a reader searched for (the sidebar's "Containing words"), the actors with the
    highest and lowest tone, the largest theme, and a thin-data warning first when the view is
    small.

    Args:
        corpus: The analysed corpus.
        ids: Article ids in view (e.g. from ``filter_ids``; unknown ids are ignored), or the
            view as a boolean mask over the article rows (``filter_rows``).
        limit: At most this many findings.
        index: The corpus's :class:`~tonlage.frames.CorpusIndex` when the caller keeps one (the
            app does: a view is then masks and sums over numbers, not ids matched as text).
        words: The words the view was narrowed to (:mod:`tonlage.search`); "" for none.
        evidence: False: the findings without their sentences and articles (``sentences`` and
            ``article_ids`` empty, but for the thin-data finding's), their text, values and
            order the same. The Overview shows the examples only when the reader opens them:
            gathering them was ~15 ms of every new filter's findings at 100,000 articles.

    Returns:
        The findings, thin data first, then by weight; [] for an empty view.
    """
    token = _WITH_EVIDENCE.set(evidence)
    try:
        return _view_findings(corpus, ids, limit=limit, index=index, words=words)
    finally:
        _WITH_EVIDENCE.reset(token)


def _view_findings(corpus: AnalysedCorpus, ids, *, limit: int, index: CorpusIndex | None, words: str) -> list[Finding]:
    index = index or CorpusIndex(corpus)
    rows = index.rows(ids)
    n_art = int(rows.sum())
    if not n_art or limit <= 0:
        return []
    whole = n_art == index.n  # the whole corpus: nothing to filter
    # The view's sentences and their tone as sums over its articles (kept per article by the
    # index), not over its sentences.
    counts, sums = index.sentence_totals
    n_sent = int(counts[rows].sum())
    view_rows = np.flatnonzero(rows)

    thin = None
    if n_art < THIN_ARTICLES or n_sent < THIN_SENTENCES:
        thin = Finding(
            "thin_data",
            {"variant": "view", "articles": n_art, "sentences": n_sent},
            CHARTS["thin_data"],
            tuple(index.ids[view_rows[:MAX_EVIDENCE_ARTICLES]]),
            (),
            THIN_WEIGHT,
        )

    found: list[Finding] = []
    overall = float(sums[rows].sum() / n_sent) if n_sent else float("nan")
    if n_sent:
        found.append(_overall_at(index, rows, overall, n_sent))
    said = _words_tone_at(index, rows, words) if words and n_sent else None
    if said is not None:
        found.append(said)
    recent = _recent_tone_at(index, rows) if n_sent else None
    if recent is not None:
        found.append(recent)
    found += _actor_extremes_at(index, rows, None if whole else rows, overall)
    found += _source_tone_at(index, rows)
    by_source = _source_theme_at(index, rows)
    if by_source is not None:
        found.append(by_source)
    top = _top_theme_at(index, rows, whole)
    if top:
        found.append(top)
    return _ordered(thin, found, limit)


def _evidence_at(
    index: CorpusIndex,
    at: np.ndarray,
    score: np.ndarray,
    *,
    direction_only: bool,
    more: np.ndarray | None = None,
) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """The evidence of a pool of sentences: the scored sentences ``at`` (positions in
    ``index.scored``) with their ``score``, highest score first, ties by article id and sentence.
    ``direction_only`` keeps only sentences with a positive score (those pointing the finding's
    way). Articles follow their best sentence; those of ``more`` (a mask over the article rows)
    without a sentence in the pool come last, by id. In numbers: no table of ids for every
    sentence in view (the comparison findings made one for each period's 0.8 million sentences
    at 100,000 articles, ~0.25 s of every comparison)."""
    if not _WITH_EVIDENCE.get():
        return (), ()  # asked for later (view_findings' ``evidence``)
    all_rows = index.scored["row"].to_numpy()
    n = len(score)
    if not n:
        return _evidence_of(index, at, score, 0, None, direction_only=direction_only, more=more)
    order = _strongest_order(index, at, score)

    def best() -> tuple[np.ndarray, np.ndarray]:
        per_article = pd.Series(score).groupby(all_rows[at], sort=False).max()
        return per_article.index.to_numpy(), per_article.to_numpy()

    return _evidence_of(index, at[order], score[order], n, best, direction_only=direction_only, more=more)


def _strongest_order(index: CorpusIndex, at: np.ndarray, score: np.ndarray) -> np.ndarray:
    """The places in ``at`` (positions in ``index.scored``) of its :data:`_CANDIDATES` highest
    ``score``, high to low, ties by article id and sentence."""
    all_rows, all_sent = index.scored["row"].to_numpy(), index.scored["sent_idx"].to_numpy()
    pick = at_or_above_kth(score, _CANDIDATES) if len(score) > _CANDIDATES else np.arange(len(score))
    # lexsort: the last key sorts first (score high to low, then id, then sentence)
    order = np.lexsort((all_sent[at[pick]], index.id_rank[all_rows[at[pick]]], -score[pick]))[:_CANDIDATES]
    return pick[order]


def _view_evidence(
    index: CorpusIndex, rows: np.ndarray, sign: float, n_sent: int
) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """:func:`_evidence_at` of the view ``rows`` (a mask over the article rows; its scored
    sentences ``n_sent``) for the score :func:`~tonlage.frames.sentence_score` of ``sign``, its
    articles last. The strongest sentences are taken from the corpus's ranked ones
    (:meth:`~tonlage.frames.CorpusIndex.ranked`) when enough of them are in view, else sorted
    from the view's own: the same evidence either way."""
    if not _WITH_EVIDENCE.get():
        return (), ()  # asked for later (view_findings' ``evidence``)
    srow, tone_all = index.scored["row"].to_numpy(), index.scored["tone"].to_numpy()
    top = _ranked_in_view(index, rows, sign, n_sent)
    if top is None:  # a small view: its own sentences, sorted
        at = np.flatnonzero(index.in_view(srow, rows))
        return _evidence_at(index, at, sentence_score(tone_all[at], sign), direction_only=True, more=rows)

    def best() -> tuple[np.ndarray, np.ndarray]:
        have = np.flatnonzero(rows & (index.sentence_totals[0] > 0))
        return have, index.best_scores(sign)[have]

    return _evidence_of(index, top, sentence_score(tone_all[top], sign), n_sent, best, direction_only=True, more=rows)


def _ranked_in_view(index: CorpusIndex, rows: np.ndarray, sign: float, n_sent: int) -> np.ndarray | None:
    """The view's strongest :data:`_CANDIDATES` sentences for ``sign`` (of its ``n_sent``) from
    the corpus's ranked head, in order; None when too few of the head are in view (a small
    view, whose own sentences are then sorted)."""
    head = index.ranked(sign)
    hits = head[index.in_view(index.scored["row"].to_numpy()[head], rows)]
    return None if len(hits) < min(_CANDIDATES, n_sent) else hits[:_CANDIDATES]


def _evidence_of(
    index: CorpusIndex,
    top: np.ndarray,
    top_score: np.ndarray,
    n: int,
    best,
    *,
    direction_only: bool,
    more: np.ndarray | None,
) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """The evidence of a pool of ``n`` scored sentences whose strongest (at most
    ``_CANDIDATES``, in order) are ``top`` (positions in ``index.scored``) with their scores
    ``top_score``: their articles in order, filled up, when they are too few, with the pool's
    articles by their strongest sentence (``best()``: article rows and that score), then with the
    articles of ``more``; and the first sentences (only those that speak for the direction when
    ``direction_only``), each text once: a sentence printed in several articles counts at its
    first place."""
    ids, rank = index.ids, index.id_rank
    all_rows, all_sent = index.scored["row"].to_numpy(), index.scored["sent_idx"].to_numpy()
    picked: np.ndarray = np.zeros(0, dtype=np.int64)
    pairs: tuple[tuple[str, int], ...] = ()
    if n:
        top_rows, top_sent = all_rows[top], all_sent[top]
        _, first = np.unique(top_rows, return_index=True)
        picked = top_rows[np.sort(first)]
        if len(picked) < MAX_EVIDENCE_ARTICLES and n > len(top):
            rows_, scores_ = best()
            picked = rows_[np.lexsort((rank[rows_], -scores_))][:MAX_EVIDENCE_ARTICLES]
        keep = np.flatnonzero(top_score > 0 if direction_only else np.ones(len(top), dtype=bool))
        # Each text once (its first place): at 100,000 articles a finding's eight examples were
        # one sentence eight times, printed in as many articles.
        _, first = np.unique(index.text_keys[top[keep]], return_index=True)
        sents = keep[np.sort(first)][:MAX_EVIDENCE_SENTENCES]
        pairs = tuple((str(ids[r]), int(i)) for r, i in zip(top_rows[sents], top_sent[sents]))
    if len(picked) < MAX_EVIDENCE_ARTICLES and more is not None:
        rest = more.copy()
        rest[picked] = False
        extra = np.flatnonzero(rest)
        extra = extra[np.argsort(rank[extra], kind="stable")][: MAX_EVIDENCE_ARTICLES - len(picked)]
        picked = np.concatenate([picked, extra])
    return tuple(str(x) for x in ids[picked[:MAX_EVIDENCE_ARTICLES]]), pairs


def _ids_by_value(index: CorpusIndex, rows: np.ndarray, values: np.ndarray) -> tuple[str, ...]:
    """The ids of the articles ``rows`` (article rows, one per value) by ``values``, highest
    first (missing last), then by id: at most ``MAX_EVIDENCE_ARTICLES``. Only those at or above
    the last one's value are sorted (a theme's articles at 100,000 articles are ~76,000)."""
    if not _WITH_EVIDENCE.get():
        return ()  # asked for later (view_findings' ``evidence``)
    if len(rows) > MAX_EVIDENCE_ARTICLES and not np.isnan(values).any():
        kth = np.partition(values, len(rows) - MAX_EVIDENCE_ARTICLES)[len(rows) - MAX_EVIDENCE_ARTICLES]
        rows, values = rows[values >= kth], values[values >= kth]
    order = np.lexsort((index.id_rank[rows], -values))[:MAX_EVIDENCE_ARTICLES]
    return tuple(str(x) for x in index.ids[rows[order]])


def _tone_word(tone: float) -> str:
    shown = round(tone, 2)
    return (
        "negative" if shown <= -MEAN_TONE_NEUTRAL_BAND else "positive" if shown >= MEAN_TONE_NEUTRAL_BAND else "neutral"
    )


def overall_interval(index: CorpusIndex, rows: np.ndarray) -> tuple[float, float, int]:
    """The 95 % interval of the view's sentence-weighted mean tone, articles as the units
    (:func:`~tonlage.intervals.mean_interval`), and the number of articles with a scored sentence
    (NaN, NaN with one scored sentence). The Overview's word under its mean tone follows it too
    (:func:`tonlage.present.views.summary`), so the page makes one claim, not two.
    With fewer than ``FEW_ARTICLES`` such articles the interval over sentences is kept where it
    is wider: two articles cannot show the spread."""
    counts, sums = index.sentence_totals
    low, high = mean_interval(sums[rows], counts[rows])
    k = int(np.count_nonzero(counts[rows]))
    if k < FEW_ARTICLES:
        tone, srow = index.scored["tone"].to_numpy(), index.scored["row"].to_numpy()
        s_low, s_high = mean_interval(tone[index.in_view(srow, rows)])
        if not math.isnan(s_low):
            low, high = (s_low, s_high) if math.isnan(low) else (min(low, s_low), max(high, s_high))
    return low, high, k


def _overall_at(index: CorpusIndex, rows: np.ndarray, overall: float, n_sent: int) -> Finding:
    word = _tone_word(overall)
    low, high, n_art = overall_interval(index, rows)
    values: dict[str, object] = {"word": word, "tone": overall, "sentences": n_sent, "articles": n_art}
    caveat = ""
    if math.isnan(low):
        # One scored sentence: no spread to draw an interval from, so no word for a direction.
        values["variant"], caveat, word = "no_interval", "thin", "neutral"
    else:
        values.update(low=low, high=high)
        if word != "neutral" and low <= 0.0 <= high:
            # The wording leans one way, but not beyond what chance gives: "rather positive"
            # at +0.06 over the 60 web pages was a direction the Findings box promises to
            # claim only when its interval rules out none.
            values["variant"], caveat = f"uncertain_{word}", "uncertain"
    arts, sents = _view_evidence(index, rows, {"negative": -1.0, "positive": 1.0}.get(word, 0.0), n_sent)
    if word == "neutral" and "variant" not in values:
        # The most charged sentences either way, as before, read as the opposite of "neutral".
        sents = _cross_section(index, rows, n_sent)
        values["examples"] = "cross_section"
    return Finding("overall_tone", values, CHARTS["overall_tone"], arts, sents, 10.0, caveat)


#: A neutral sentence shown as an example has at least this many words: a dateline or a photo
#: credit scores 0 and says nothing about the wording.
MIN_EXAMPLE_WORDS = 8
#: The articles (in id order) whose neutral sentences are candidates for a cross-section.
_NEUTRAL_ARTICLES = 60


def _cross_section(index: CorpusIndex, rows: np.ndarray, n_sent: int) -> tuple[tuple[str, int], ...]:
    """The example sentences of a view whose wording is neutral on average: its strongest
    negative sentences, neutral ones (tone 0, :data:`MIN_EXAMPLE_WORDS` words or more, one an
    article, articles in id order) and its strongest positive ones, taken in turn in the shares
    the view's sentences are labelled negative, neutral and positive (each side that has any at
    least once), so that the first few shown are a cross-section of the view."""
    if not _WITH_EVIDENCE.get():
        return ()  # asked for later (view_findings' ``evidence``)
    counts, _ = index.sentence_totals
    a = index.corpus.articles
    w = counts[rows].astype("float64")
    total = float(w.sum())
    share = {
        side: float(np.nansum(a[column].to_numpy(dtype="float64", na_value=np.nan)[rows] * w)) / total
        for side, column in (("negative", "share_negative"), ("positive", "share_positive"))
    }
    share["neutral"] = max(0.0, 1.0 - share["negative"] - share["positive"])
    negative, positive = _strongest_each_way(index, rows, n_sent)
    if not negative and share["negative"] > 0:  # none among the strongest either way
        negative = list(_view_evidence(index, rows, -1.0, n_sent)[1])
    if not positive and share["positive"] > 0:
        positive = list(_view_evidence(index, rows, 1.0, n_sent)[1])
    pools = {"negative": negative, "neutral": _neutral_examples(index, rows), "positive": positive}
    taken = dict.fromkeys(pools, 0)
    out: list[tuple[str, int]] = []
    while len(out) < MAX_EVIDENCE_SENTENCES:
        # The side furthest below its share of what is taken so far (ties: negative, neutral,
        # positive); a side with sentences but a share rounding to nothing still comes once.
        open_ = [k for k in pools if taken[k] < len(pools[k])]
        if not open_:
            break
        side = max(open_, key=lambda k: (max(share[k], 1e-9) * (len(out) + 1) - taken[k], -list(pools).index(k)))
        out.append(pools[side][taken[side]])
        taken[side] += 1
    return tuple(dict.fromkeys(out))


def _strongest_each_way(
    index: CorpusIndex, rows: np.ndarray, n_sent: int
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The view's strongest negative and strongest positive sentences (each text once, at most
    :data:`MAX_EVIDENCE_SENTENCES` a side), in the order :func:`_view_evidence` gives each side:
    taken from its strongest sentences either way (|tone|, then id, then sentence: on one side
    the same order), whose ranking the finding has made already. Ranking each side on its own
    cost ~0.1 s more of an archive's first view at 100,000 articles."""
    srow, tone_all = index.scored["row"].to_numpy(), index.scored["tone"].to_numpy()
    top = _ranked_in_view(index, rows, 0.0, n_sent)
    if top is None:  # a small view: its own sentences, sorted
        at = np.flatnonzero(index.in_view(srow, rows))
        top = at[_strongest_order(index, at, np.abs(tone_all[at]))]
    out = []
    for side in (top[tone_all[top] < 0], top[tone_all[top] > 0]):
        _, first = np.unique(index.text_keys[side], return_index=True)  # each text once
        side = side[np.sort(first)][:MAX_EVIDENCE_SENTENCES]
        out.append([(str(index.ids[r]), int(i)) for r, i in zip(srow[side], index.scored["sent_idx"].to_numpy()[side])])
    return out[0], out[1]


def _neutral_examples(index: CorpusIndex, rows: np.ndarray) -> list[tuple[str, int]]:
    """Sentences of the view ``rows`` scored 0 with :data:`MIN_EXAMPLE_WORDS` words or more, the
    first of each article, from the first :data:`_NEUTRAL_ARTICLES` articles in id order that
    have one (as many as :data:`MAX_EVIDENCE_SENTENCES`). Those articles' sentences only
    (:meth:`~tonlage.frames.CorpusIndex.scored_of_rows`: a pass over all 2.2 million scored
    sentences took 8 ms of every new view at 100,000 articles)."""
    s = index.scored
    srow, tone, words, sidx = (s[c].to_numpy() for c in ("row", "tone", "n_words", "sent_idx"))
    view = np.flatnonzero(rows)
    if len(view) > _NEUTRAL_ARTICLES:
        rank = index.id_rank[view]
        view = view[rank <= np.partition(rank, _NEUTRAL_ARTICLES - 1)[_NEUTRAL_ARTICLES - 1]]
    mark = np.zeros(index.n, dtype=bool)
    mark[view] = True
    at = index.scored_of_rows(mark)
    at = at[(tone[at] == 0.0) & (words[at] >= MIN_EXAMPLE_WORDS)]
    if not len(at):
        return []
    at = at[np.lexsort((sidx[at], index.id_rank[srow[at]]))]
    first = np.r_[True, srow[at][1:] != srow[at][:-1]]
    at = at[first][:MAX_EVIDENCE_SENTENCES]
    return [(str(index.ids[r]), int(i)) for r, i in zip(srow[at], sidx[at])]


def _actor_extremes_at(index: CorpusIndex, rows: np.ndarray, view: np.ndarray | None, overall: float) -> list[Finding]:
    """The actors with the highest and lowest tone of the sentences naming them (``rows``: the
    view's mask; ``view``: the same, None for every article)."""
    aa = index.corpus.actor_articles
    if aa.empty:
        return []
    codes, names = index.actor_codes
    keep = codes >= 0 if view is None else index.in_view(index.actor_rows, view) & (codes >= 0)
    if not keep.any():
        return []
    # Per actor from the per-article table (as the Actors page): sentence-weighted tone over
    # the scored sentences; an article of an unscored language has no tone and counts no sentence.
    n, w = index.actor_tone_weights
    code = codes[keep]
    sums_n = np.bincount(code, weights=n[keep], minlength=len(names))
    sums_w = np.bincount(code, weights=w[keep], minlength=len(names))
    counts = np.bincount(code, minlength=len(names))
    # Named in MIN_ACTOR_ARTICLES articles too: the gap's interval is taken over articles, and an
    # actor of one article has no spread to measure (real articles split one against ten
    # claimed a gap in a third of splits; three against ten in 5.5 %; bench/gap_intervals.py).
    enough = np.flatnonzero((counts >= MIN_ACTOR_ARTICLES) & (sums_n >= MIN_ACTOR_SENTENCES))
    if len(enough) < 2:
        return []  # "highest of one" says nothing
    # Highest mean first, ties by name; the lowest is the last in that order (a handful of
    # actors sorted in Python: a table and its sort cost more than the sums above).
    means = sums_w[enough] / sums_n[enough]
    order = sorted(range(len(enough)), key=lambda i: (-means[i], str(names[enough[i]])))
    out = []
    tone_all, srow = index.scored["tone"].to_numpy(), index.scored["row"].to_numpy()

    def sentences_of(actor: str) -> np.ndarray:
        at = index.mentioned(actor)["at"].to_numpy()
        at = at[at >= 0]
        return at[index.in_view(srow[at], rows)]

    for variant, i, nxt, sign in (("highest", order[0], order[1], 1.0), ("lowest", order[-1], order[-2], -1.0)):
        c, c_next = enough[i], enough[nxt]
        actor, runner_up = str(names[c]), str(names[c_next])
        at = sentences_of(actor)
        # "Highest of all" is a claim against the runner-up: stated only when the 95 % interval
        # of the gap between the two excludes 0 (as a change between periods). Otherwise the
        # finding names the runner-up and says the order may be chance: two actors of a folder
        # of web pages, −0.05 and −0.07 over 13 and 8 sentences, were "highest" and "lowest".
        other = sentences_of(runner_up)
        low, high = gap_interval(tone_all[at], srow[at], tone_all[other], srow[other])
        clear = excludes_zero(low, high)  # (NaN: nothing to tell, no direction)
        if not clear and variant == "lowest" and len(enough) == 2:
            break  # the same two actors as the "highest" finding, which already says it
        arts, sents = _evidence_at(index, at, tone_all[at] * sign, direction_only=False)
        mean = float(means[i])
        weight = 5.0 + abs(mean - overall) if not math.isnan(overall) else 5.0
        # Sentences repeated word for word in other articles (agency copy) count as often as
        # they are printed; the reader is told when fewer than the minimum are different (at
        # 100,000 articles the highest tone, 209 sentences, was 3 sentences and their copies).
        different = len(np.unique(index.text_keys[at]))
        values: dict[str, object] = {
            "variant": variant if clear else f"{variant}_close",
            "actor": actor,
            "tone": mean,
            "sentences": int(sums_n[c]),
            "min_sentences": MIN_ACTOR_SENTENCES,
            "min_articles": MIN_ACTOR_ARTICLES,
            "articles": int(counts[c]),
            "different": different,
        }
        if not clear:
            values.update(
                next=runner_up, next_tone=float(means[nxt]), next_sentences=int(sums_n[c_next]), low=low, high=high
            )
        # Sentences of one or two articles are not independent: the interval is too narrow.
        few = len(np.unique(srow[at])) < MIN_SIDE_ARTICLES
        caveat = "copies" if different < MIN_ACTOR_SENTENCES else ("thin" if few else "") if clear else "uncertain"
        out.append(
            Finding("actor_tone", values, CHARTS["actor_tone"], arts, sents, weight * (1.0 if clear else 0.3), caveat)
        )
    return out


def _words_tone_at(index: CorpusIndex, rows: np.ndarray, words: str) -> Finding | None:
    """The tone of the view's sentences that hold ``words`` against the other sentences of the
    same articles (None when no scored sentence holds them: a headline's words only).

    The comparison is made inside each article that has sentences of both kinds (the mean tone
    of its sentences with the words less that of its others), then averaged over those articles
    with each counted once: pooled over the view, short articles that are all about the words
    would weigh more on one side than on the other, and random sentences marked in real news
    claimed a gap in 6.1 % of 300-article views (bench/words_tone.py). A gap is claimed only
    when the 95 % interval of that average excludes 0
    (:func:`~tonlage.intervals.paired_gap_interval`). Fewer than ``MIN_ACTOR_SENTENCES`` such
    sentences or ``MIN_ACTOR_ARTICLES`` articles to compare give their tone with no comparison
    (caveat "thin")."""
    at = index.word_sentences(words, rows)
    if not len(at):
        return None
    tone_all, srow = index.scored["tone"].to_numpy(), index.scored["row"].to_numpy()
    # Each article's sentences of both kinds, counted and summed by its row: those with the
    # words from their list, the others as all of the article's (kept by the index) less those.
    # No pass over the view's sentences (set operations on them took ~45 ms of a new search
    # at 100,000 articles, 1.7 million sentences in a large view).
    n, at_rows = index.n, srow[at]
    n_words = np.bincount(at_rows, minlength=n)
    sum_words = np.bincount(at_rows, weights=tone_all[at], minlength=n)
    counts, sums = index.sentence_totals
    n_rest, sum_rest = counts - n_words, sums - sum_words
    both = np.flatnonzero((n_words > 0) & (n_rest > 0))  # the articles holding sentences of both kinds
    paired = at[n_rest[at_rows] > 0]
    if len(paired) < MIN_ACTOR_SENTENCES or len(both) < MIN_ACTOR_ARTICLES:
        tone_w = tone_all[at]
        values: dict[str, object] = {
            "words": words,
            "tone": float(tone_w.mean()),
            "sentences": len(at),
            "articles": len(np.unique(srow[at])),
            "variant": "few",
        }
        arts, sents = _evidence_at(index, at, np.abs(tone_w), direction_only=False)
        return Finding("words_tone", values, CHARTS["words_tone"], arts, sents, 4.0, "thin")
    k = len(both)
    mean_w, mean_r = sum_words[both] / n_words[both], sum_rest[both] / n_rest[both]
    tone, tone_rest = float(mean_w.mean()), float(mean_r.mean())
    low, high = paired_gap_interval(mean_w - mean_r)
    clear = excludes_zero(low, high)
    values = {
        "words": words,
        "tone": tone,
        "tone_rest": tone_rest,
        "sentences": len(paired),
        "sentences_rest": int(n_rest[both].sum()),
        "articles": k,
        "low": low,
        "high": high,
    }
    sign = -1.0 if tone < tone_rest else 1.0
    if clear:
        values["variant"], values["direction"] = "gap", _direction(tone_rest, tone)
    else:
        values["variant"] = "uncertain"
    # The sentences that pull the gap its way first: the most negative of a lower tone.
    arts, sents = _evidence_at(index, paired, tone_all[paired] * sign, direction_only=False)
    different = values["different"] = len(np.unique(index.text_keys[paired]))
    caveat = ("copies" if different < MIN_ACTOR_SENTENCES else "") if clear else "uncertain"
    weight = (9.0 if clear else 4.0) + abs(tone - tone_rest)
    return Finding("words_tone", values, CHARTS["words_tone"], arts, sents, weight, caveat)


def _source_tone_at(index: CorpusIndex, rows: np.ndarray) -> list[Finding]:
    """Whether an outlet words the subject otherwise than the others: each source with at least
    ``MIN_ACTOR_ARTICLES`` articles and ``MIN_ACTOR_SENTENCES`` scored sentences in view against
    the articles of every other source in view (:func:`~tonlage.intervals.group_gaps`, articles
    the units), the sources drawn together as a family (:func:`~tonlage.intervals.family_alpha`:
    with twenty outlets, one would stand out by chance in most views at 5 % each).

    A gap is claimed where its interval excludes 0: the most negative and the most positive
    such source, one finding each (one in all when the view has two sources: the same gap seen
    from each side). None claimed: the largest gap, said to be within chance (caveat
    "uncertain"). [] when fewer than two sources qualify."""
    from .intervals import group_gaps

    codes, names = index.source_codes
    known = rows & (codes >= 0)
    if len(names) < 2 or not known.any():
        return []
    counts, sums = index.sentence_totals
    code, c, sm, sq = codes[known], counts[known], sums[known], index.sentence_squares[known]
    k = len(names)
    scored = c > 0
    n_articles = np.bincount(code[scored], minlength=k)
    n_sentences = np.bincount(code, weights=c, minlength=k)
    enough = (n_articles >= MIN_ACTOR_ARTICLES) & (n_sentences >= MIN_ACTOR_SENTENCES)
    if enough.sum() > SOURCES_COMPARED:  # the largest outlets of a very varied archive
        enough &= n_articles >= np.sort(n_articles[enough])[-SOURCES_COMPARED]
    gaps = group_gaps(code, sm, c, sq, k, tested=enough, family=True)
    tested = np.flatnonzero(enough & ~np.isnan(gaps.p))
    if len(tested) < 2:
        return []
    alpha = gaps.alpha
    clear = [i for i in tested.tolist() if excludes_zero(float(gaps.low[i]), float(gaps.high[i]))]
    n_sources = len(np.unique(code))
    if clear:
        low_end = min(clear, key=lambda i: (float(gaps.gap[i]), str(names[i])))
        high_end = max(clear, key=lambda i: (float(gaps.gap[i]), str(names[i])))
        picked = [i for i, ok in ((low_end, gaps.gap[low_end] < 0), (high_end, gaps.gap[high_end] > 0)) if ok]
        if n_sources == 2 and len(picked) == 2:  # one gap, seen from each side
            picked = [max(picked, key=lambda i: abs(float(gaps.gap[i])))]
    else:
        picked = [max(tested.tolist(), key=lambda i: (abs(float(gaps.gap[i])), str(names[i])))]
    tone_all = index.scored["tone"].to_numpy()
    total_articles = int(np.count_nonzero(c > 0))
    out = []
    for i in picked:
        gap = float(gaps.gap[i])
        values: dict[str, object] = {
            "source": str(names[i]),
            "tone": float(gaps.tone[i]),
            "tone_rest": float(gaps.tone_rest[i]),
            "articles": int(gaps.articles[i]),
            "articles_rest": total_articles - int(gaps.articles[i]),
            "sentences": int(gaps.sentences[i]),
            "low": float(gaps.low[i]),
            "high": float(gaps.high[i]),
            "compared": len(tested),
            "min_articles": MIN_ACTOR_ARTICLES,
            "min_sentences": MIN_ACTOR_SENTENCES,
            "family": widened(len(tested), alpha),
            "family_of": "sources",
            "alpha": alpha,
        }
        arts: tuple[str, ...] = ()
        sents: tuple[tuple[str, int], ...] = ()
        if clear or _WITH_EVIDENCE.get():  # its sentences: for the evidence and the copies
            mine = np.zeros(index.n, dtype=bool)
            mine[np.flatnonzero(known)[code == i]] = True
            at = index.scored_of_rows(mine)  # its articles' runs, not a pass over every sentence
            sign = -1.0 if gap < 0 else 1.0
            arts, sents = _evidence_at(index, at, tone_all[at] * sign, direction_only=False)
        if clear:
            values["variant"], values["direction"] = "gap", _direction(float(gaps.tone_rest[i]), float(gaps.tone[i]))
            different = values["different"] = len(np.unique(index.text_keys[at]))
            caveat = "copies" if different < MIN_ACTOR_SENTENCES else ""
            weight = 7.0 + abs(gap)
        else:
            values["variant"], caveat, weight = "uncertain", "uncertain", 3.0
        out.append(Finding("source_tone", values, CHARTS["source_tone"], arts, sents, weight, caveat))
    return out


def source_theme_finding(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> Finding | None:
    """The finding "source_theme" of :func:`view_findings` alone (without its evidence), for
    the articles ``ids`` (or a mask over the article rows): the Themes page says it under its
    chart by source, and draws the outlet it names, which the chart otherwise may leave out."""
    index = index or CorpusIndex(corpus)
    return _without_evidence(_source_theme_at, index, index.rows(ids))


def source_tone_findings(corpus: AnalysedCorpus, ids, index: CorpusIndex | None = None) -> list[Finding]:
    """The findings "source_tone" of :func:`view_findings` alone (without their evidence), for
    the articles ``ids`` (or a mask): the Tone page says them under its chart by source."""
    index = index or CorpusIndex(corpus)
    return _without_evidence(_source_tone_at, index, index.rows(ids))


def _without_evidence(make, *args):
    """``make(*args)``, the findings made without gathering their evidence."""
    token = _WITH_EVIDENCE.set(False)
    try:
        return make(*args)
    finally:
        _WITH_EVIDENCE.reset(token)


def _source_theme_at(index: CorpusIndex, rows: np.ndarray) -> Finding | None:
    """Whether an outlet gives a theme more (or less) room than the other outlets in view: for
    each source with at least ``MIN_ACTOR_ARTICLES`` articles with themes (the
    ``SOURCES_COMPARED`` largest) and each theme in view, the theme's mean share of the
    source's themed articles against that of every other source's (the Themes page's chart by
    source and the Compare page measure a side's share so), with
    :func:`~tonlage.intervals.share_intervals`' interval (articles the units). Every pair of
    source and theme is a chance to see a gap that is not there, so the intervals are drawn
    together (:func:`~tonlage.intervals.family_alpha`).

    A gap is claimed where its interval excludes 0 and it is at least ``MIN_THEME_CHANGE``
    (as the Compare page states a theme's change): the largest "more room", else the largest
    "less room". None claimed but a gap that large: that gap, said to be within chance (caveat
    "uncertain"). None when fewer than two sources have themed articles in view, or no gap
    reaches ``MIN_THEME_CHANGE``."""
    corpus = index.corpus
    th = corpus.themes
    names = index.source_codes[1]
    if th.empty or len(names) < 2:
        return None
    m = index.themes
    by_source, starts = index.source_runs
    keep = (rows & m.themed)[by_source]
    at = by_source[keep]  # the view's themed articles with a source, each source's together
    bounds = np.concatenate([[0], np.cumsum(keep)])[starts]  # each source's run in ``at``
    k = len(names)
    n_src = np.diff(bounds)
    total = len(at)
    enough = (n_src >= MIN_ACTOR_ARTICLES) & (total - n_src >= MIN_ACTOR_ARTICLES)
    if enough.sum() > SOURCES_COMPARED:  # the largest outlets of a very varied archive
        enough &= n_src >= np.sort(n_src[enough])[-SOURCES_COMPARED]
    tested = np.flatnonzero(enough)
    if not len(tested) or np.count_nonzero(n_src) < 2:
        return None
    x = m.shares_of(at)  # themes × those articles
    sums, squares = np.zeros((len(x), k)), np.zeros((len(x), k))  # themes × sources
    for j in tested.tolist():
        run = x[:, bounds[j] : bounds[j + 1]]
        sums[:, j], squares[:, j] = run.sum(axis=1), np.einsum("ij,ij->i", run, run)
    all_sums, all_squares = x.sum(axis=1), np.einsum("ij,ij->i", x, x)
    present = np.flatnonzero(all_sums > 0)  # a theme nobody in view writes about cannot differ
    if not len(present):
        return None
    t_of, s_of = (a.ravel() for a in np.meshgrid(present, tested, indexing="ij"))  # the pairs
    n_b = n_src[s_of].astype("float64")
    n_a = total - n_b
    sum_b, sq_b = sums[t_of, s_of], squares[t_of, s_of]
    sum_a, sq_a = all_sums[t_of] - sum_b, all_squares[t_of] - sq_b

    def interval_at(alpha, sel=slice(None)):  # side a: the other sources, side b: the source
        return share_intervals(n_a[sel], sum_a[sel], sq_a[sel], n_b[sel], sum_b[sel], sq_b[sel], alpha=alpha)

    # The family's error from the p-values of the pairs that 5 % alone would claim: the others'
    # exact p-values (above 5 %) change nothing in it (family_alpha claims none of them), and
    # their bisection was most of this finding's time at 100,000 articles.
    low, high = interval_at(ALPHA)
    p = np.where(np.isnan(low), np.nan, 1.0)
    near = np.flatnonzero((low > 0) | (high < 0))
    if len(near):
        p[near] = p_values(lambda a: interval_at(a, near), len(near))
    alpha = family_alpha(p)
    low, high = interval_at(alpha)
    gap = sum_b / n_b - sum_a / n_a
    large = np.abs(gap) >= MIN_THEME_CHANGE
    if not large.any():
        return None
    clear = large.copy()
    for pair in np.flatnonzero(large).tolist():  # the rule of every claimed direction, as shown
        clear[pair] = excludes_zero(float(low[pair]), float(high[pair]), SHARE_DIGITS)
    tids = m.theme_ids.astype("int64")

    def largest(mask: np.ndarray, value: np.ndarray) -> int:
        """The pair of ``mask`` with the largest ``value``; ties by theme id, then by source name
        (the same pick on every run)."""
        cand = np.flatnonzero(mask).tolist()
        return min(cand, key=lambda c: (-float(value[c]), int(tids[t_of[c]]), str(names[s_of[c]])))

    if (clear & (gap > 0)).any():
        i, variant = largest(clear & (gap > 0), gap), "more"
    elif clear.any():
        i, variant = largest(clear, -gap), "less"
    else:
        i, variant = largest(large, np.abs(gap)), "uncertain"
    t, j = int(t_of[i]), int(s_of[i])
    labels = dict(zip(th["theme_id"].tolist(), th["label"]))
    has, share_of = m.column(t)
    mine = np.zeros(len(at), dtype=bool)
    mine[bounds[j] : bounds[j + 1]] = True
    # The articles where the room shows: the source's, by the theme's share (for "less room":
    # the other sources', where the theme has the room the source does not give it).
    own = at[(mine if variant != "less" else ~mine) & has[at]]
    values: dict[str, object] = {
        "variant": variant,
        "source": str(names[j]),
        "theme": str(labels.get(int(tids[t]), int(tids[t]))),
        "theme_id": int(tids[t]),
        "share": float(sum_b[i] / n_b[i]),
        "share_rest": float(sum_a[i] / n_a[i]),
        "change": float(gap[i]),
        "articles": int(n_b[i]),
        "articles_rest": int(n_a[i]),
        "points_low": float(low[i]),
        "points_high": float(high[i]),
        "compared": len(tested),
        "min_articles": MIN_ACTOR_ARTICLES,
        "family": widened(int((~np.isnan(p)).sum()), alpha),
        "family_of": "source_themes",
        "alpha": alpha,
    }
    clear_one = variant != "uncertain"
    return Finding(
        "source_theme",
        values,
        CHARTS["source_theme"],
        _ids_by_value(index, own, share_of[own]),
        (),
        (6.0 + abs(float(gap[i]))) if clear_one else 2.0,
        "" if clear_one else "uncertain",
    )


def recent_windows(dates) -> tuple[str, Window, Window] | None:
    """The view's latest weeks and the weeks before them (:data:`RECENT_WINDOWS`), from the
    dates of its articles (NaT: undated): the latest period ends on the last day of the view's
    main period (:func:`tonlage.period.main_period`: an article dated years ahead by a typo does
    not make its own "latest weeks"), the one before ends the day before it starts. Returns
    ``(form, before, latest)``; None when the view's dated span is shorter than every form's."""
    from .period import main_period

    main = main_period(np.asarray(dates, dtype="datetime64[ns]"))
    if main is None:
        return None
    end, span = main.end.date(), (main.end - main.start).days
    for form, at_least, latest_days, before_days in RECENT_WINDOWS:
        if span >= at_least:
            start = end - timedelta(days=latest_days - 1)
            before = Window(start - timedelta(days=before_days), start - timedelta(days=1), "")
            latest = Window(start, end, "")
            return form, before, latest
    return None


def _recent_tone_at(index: CorpusIndex, rows: np.ndarray) -> Finding | None:
    """Whether the wording of the view's latest weeks differs from that of the weeks before them
    (:func:`recent_windows`): the Compare page's tone shift between the two periods (the same
    articles, tones and :func:`~tonlage.intervals.shift_interval` over articles), so the button
    that opens them there shows the same numbers. A direction is claimed only when the interval
    excludes 0. None when the view is too short, or either period has fewer than
    ``MIN_SIDE_ARTICLES`` scored articles or ``MIN_PERIOD_SENTENCES`` scored sentences: the
    Overview says nothing rather than flag a thin comparison nobody asked for."""
    arts = index.corpus.articles
    order, days = index.day_order
    windows = recent_windows(days[rows[order]])  # the view's dates, in order
    if windows is None:
        return None
    form, before, latest = windows
    side_rows = (rows & side_mask(before, index), rows & side_mask(latest, index))  # the Compare page's
    counts, sums = index.sentence_totals
    squares = index.sentence_squares
    # Each period's scored articles: their sums, from which its tone and interval come (the
    # Compare page's shift_interval over the same articles, without gathering their sentences).
    sides = [np.flatnonzero(r & (counts > 0)) for r in side_rows]
    n_articles = tuple(len(r) for r in sides)
    n_sents = tuple(int(counts[r].sum()) for r in sides)
    if min(n_articles) < MIN_SIDE_ARTICLES or min(n_sents) < MIN_PERIOD_SENTENCES:
        return None  # a thin view's latest weeks: not worth a sentence nobody asked for
    parts = [(sums[r], counts[r], squares[r]) for r in sides]
    low, high = shift_interval_of_articles(parts[0], parts[1])
    if math.isnan(low):
        return None
    tone_a, tone_b = (float(p[0].sum()) / n for p, n in zip(parts, n_sents))
    clear = excludes_zero(low, high)
    negligible = not clear and round(low, 2) == 0 and round(high, 2) == 0
    variant = "change" if clear else "negligible" if negligible else "no_clear_change"
    direction = float(np.sign(tone_b - tone_a)) if clear else 0.0
    arts_ev, sents = _shift_evidence(
        index, side_rows, direction, direction_only=bool(direction), more=side_rows[0] | side_rows[1]
    )
    month = (
        (arts["date_precision"] == "month").to_numpy(dtype=bool) & (side_rows[0] | side_rows[1])
        if "date_precision" in arts
        else np.zeros(index.n, dtype=bool)
    )
    # As the Compare page warns of the same two periods (its thin-data finding): few data, a hint.
    thin = min(n_articles) < THIN_ARTICLES or min(n_sents) < THIN_SENTENCES
    caveat = "thin" if thin else "month_dates" if month.any() else ""
    return Finding(
        "recent_tone",
        {
            "variant": variant,
            "window": form,
            "direction": _direction(tone_a, tone_b),
            "a": f"{before.start:%Y-%m-%d} – {before.end:%Y-%m-%d}",
            "b": f"{latest.start:%Y-%m-%d} – {latest.end:%Y-%m-%d}",
            "start_a": before.start.isoformat(),
            "end_a": before.end.isoformat(),
            "start_b": latest.start.isoformat(),
            "end_b": latest.end.isoformat(),
            "tone_a": tone_a,
            "tone_b": tone_b,
            "shift": tone_b - tone_a,
            "low": float(low),
            "high": float(high),
            "sentences_a": n_sents[0],
            "sentences_b": n_sents[1],
            "articles_a": int(side_rows[0].sum()),
            "articles_b": int(side_rows[1].sum()),
        },
        CHARTS["recent_tone"],
        arts_ev,
        sents,
        (8.0 + abs(tone_b - tone_a)) if clear else 3.5,
        caveat,
    )


def _top_theme_at(index: CorpusIndex, rows: np.ndarray, whole: bool) -> Finding | None:
    corpus = index.corpus
    th, at = corpus.themes, corpus.article_themes
    if th.empty or at.empty:
        return None
    m = index.themes
    view = np.ones(index.n, dtype=bool) if whole else rows
    n_themed = int((view & m.themed).sum())
    if not n_themed:
        return None
    sums, counts, _ = m.sums(view)
    present = counts > 0
    # Mean share over the view's themed articles (a missing row counts as 0), as compare.py; the
    # largest first, ties by theme id (the first row of the table sorted so, without the table).
    tids, shares = m.theme_ids[present].astype("int64"), sums[present] / n_themed
    first = int(np.lexsort((tids, -shares))[0])
    tid, top_share = int(tids[first]), float(shares[first])
    if top_share <= 0:
        return None
    labels = dict(zip(th["theme_id"].tolist(), th["label"]))
    col = int(np.flatnonzero(m.theme_ids == tid)[0])
    has, shares_of = m.column(col)
    own = np.flatnonzero(view & has)
    a = corpus.articles
    n_main = int(np.count_nonzero((a["top_theme"].to_numpy() == tid) & rows)) if "top_theme" in a else 0
    return Finding(
        "theme_top",
        {
            "theme": str(labels.get(tid, tid)),
            "theme_id": tid,
            "share": top_share,
            "articles": n_main,
            "n_articles": int(rows.sum()),
        },
        CHARTS["theme_top"],
        _ids_by_value(index, own, shares_of[own]),
        (),
        4.0 + top_share,
    )


# --- two periods ------------------------------------------------------------------------------


@dataclass
class _Sides:
    """What the comparison findings share: the periods as masks over the article rows, their
    scored sentences as positions in the index's (``at``), and the month-dated articles."""

    index: CorpusIndex
    rows: tuple[np.ndarray, np.ndarray]
    at: tuple[np.ndarray, np.ndarray]
    month: np.ndarray
    names: dict[str, object]

    def first_ids(self, n: int) -> tuple[str, ...]:
        """The first ``n`` articles of the first period, then of the second, in table order."""
        rows = np.concatenate([np.flatnonzero(self.rows[0])[:n], np.flatnonzero(self.rows[1])[:n]])[:n]
        return tuple(str(x) for x in self.index.ids[rows])

    def month_caveat(self, caveat: str, article_ids: Iterable[str] | None = None) -> str:
        """``caveat``, else "month_dates" when one of ``article_ids`` (None: any article of either
        period) is dated only to a month."""
        if caveat:
            return caveat
        month = self.month & (self.rows[0] | self.rows[1])
        if not month.any():
            return ""
        if article_ids is None:
            return "month_dates"
        return "month_dates" if isin(pd.Series(list(article_ids), dtype=object), self.index.ids[month]).any() else ""

    def actor_at(self, actor: str, k: int) -> np.ndarray:
        """The scored sentences of period ``k`` that name ``actor`` (positions in the index's),
        in the order the actor is first mentioned."""
        return actor_sentences(self.index, actor, self.rows[k])


def comparison_findings(
    corpus: AnalysedCorpus,
    ids: Iterable[str] | np.ndarray,
    comparison: Comparison,
    *,
    limit: int = 5,
    index: CorpusIndex | None = None,
    words: str = "",
) -> list[Finding]:
    """What changed between the two periods of ``comparison`` (from :func:`compare_periods`
    over the same ``ids``): the tone shift, clear actor tone shifts, and large changes in the
    themes and in how often actors are named; a thin-data warning first when a period is small.
    With ``words`` (the sidebar's "Containing words"), also how the tone of the sentences holding
    them moved.

    Args:
        corpus: The analysed corpus.
        ids: Article ids in view, the same the comparison was made over, or the view as a
            boolean mask over the article rows (``filter_rows``).
        comparison: The comparison of the two periods.
        limit: At most this many findings.
        index: The corpus's :class:`~tonlage.frames.CorpusIndex` when the caller keeps one (the
            app does): the periods' scored sentences are then taken from it, not read again
            from the sentence store.
        words: The words searched for, as :func:`tonlage.search.canonical_words` keeps them.

    Returns:
        The findings, thin data first, then by weight; [] when both periods are empty.
    """
    c = comparison
    if limit <= 0 or (c.n_articles[0] == 0 and c.n_articles[1] == 0):
        return []
    sides = _sides(corpus, ids, c, index or CorpusIndex(corpus))
    thin = None
    if min(c.n_articles) < THIN_ARTICLES or min(c.n_sentences) < THIN_SENTENCES:
        thin = Finding(
            "thin_data",
            {
                "variant": "periods",
                **sides.names,
                "articles_a": int(c.n_articles[0]),
                "articles_b": int(c.n_articles[1]),
                "sentences_a": int(c.n_sentences[0]),
                "sentences_b": int(c.n_sentences[1]),
            },
            CHARTS["tone_shift"],
            sides.first_ids(MAX_EVIDENCE_ARTICLES),
            (),
            THIN_WEIGHT,
        )
    found = [f for f in [_tone_shift(c, sides), _words_tone_shift(sides, words) if words else None] if f]
    found += _actor_shifts(corpus, c, sides)
    found += _theme_changes(corpus, c, sides)
    found += _attention_changes(corpus, c, sides)
    return _ordered(thin, found, limit)


def _event_name(a: str, b: str) -> str:
    for before, after in _EVENT_PREFIXES:
        if a.lower().startswith(before) and b.lower().startswith(after):
            name = a[len(before) :].strip()
            if name and name == b[len(after) :].strip():
                return name
    return ""


def _sides(corpus: AnalysedCorpus, view, c: Comparison, index: CorpusIndex) -> _Sides:
    arts = corpus.articles[[col for col in ("date", "date_precision") if col in corpus.articles]]
    rows = index.rows(view if isinstance(view, np.ndarray) else [str(i) for i in view])
    side_rows = (rows & side_mask(c.a, index), rows & side_mask(c.b, index))
    srow = index.scored["row"].to_numpy()
    month = (
        (arts["date_precision"] == "month").to_numpy(dtype=bool)
        if "date_precision" in arts and not c.by_source  # two outlets: their dates do not matter
        else np.zeros(index.n, dtype=bool)
    )
    a, b = c.a.name, c.b.name
    return _Sides(
        index=index,
        rows=side_rows,
        at=(np.flatnonzero(index.in_view(srow, side_rows[0])), np.flatnonzero(index.in_view(srow, side_rows[1]))),
        month=month,
        names={"a": a, "b": b, "sides": "outlets"} if c.by_source else {"a": a, "b": b, "event": _event_name(a, b)},
    )


def _direction(tone_a: float, tone_b: float) -> str:
    """How the tone moved, in words that stay true on either side of 0: +0.56 → +0.17 is
    "less positive", not "more negative"."""
    end = round(float(tone_b), 2)
    if tone_b < tone_a:
        return "less_positive" if end >= 0 else "more_negative"
    return "less_negative" if end <= 0 else "more_positive"


def _shift_evidence(
    index: CorpusIndex, side_rows, direction: float, *, direction_only: bool, more: np.ndarray | None = None
) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """:func:`_evidence_at` of :func:`_shift_pool` over the scored sentences of two periods
    (``side_rows``: masks over the article rows), their sentences read only when evidence is
    gathered (see :func:`view_findings`)."""
    if not _WITH_EVIDENCE.get():
        return (), ()
    a, b = (index.scored_of_rows(r) for r in side_rows)
    return _evidence_at(index, *_shift_pool(index, a, b, direction), direction_only=direction_only, more=more)


def _shift_pool(index: CorpusIndex, a: np.ndarray, b: np.ndarray, direction: float) -> tuple[np.ndarray, np.ndarray]:
    """Scored sentences of both periods (positions ``a`` and ``b`` in the index's) and their
    score for how much they push the shift its way: in the second period the tone in its
    direction, in the first the opposite; |tone| without a direction."""
    tone = index.scored["tone"].to_numpy()
    at = np.concatenate([a, b])
    if direction:
        return at, np.concatenate([-direction * tone[a], direction * tone[b]])
    return at, np.abs(tone[at])


def _tone_shift(c: Comparison, s: _Sides) -> Finding | None:
    values = [c.tone[0], c.tone[1], c.shift_low, c.shift_high]
    if min(c.n_sentences) == 0 or any(v is None or math.isnan(v) for v in values[:2]):
        return None
    ends: dict[str, float] = {}
    if any(v is None or math.isnan(v) for v in values[2:]):
        # A period of one article: no interval (tonlage.intervals.shift_interval), no claim;
        # both tones and the reason.
        if min(c.n_articles) != 1:
            return None
        variant, direction, caveat, weight = "one_article", 0.0, "uncertain", 10.0
    else:
        clear = excludes_zero(c.shift_low, c.shift_high)
        # Over a million sentences the interval is thousandths wide: "0.00 … 0.00, includes 0"
        # read as broken, and with three decimals "includes 0" may not hold (+0.001 … +0.004).
        negligible = not clear and round(c.shift_low, 2) == 0 and round(c.shift_high, 2) == 0
        variant = "change" if clear else "negligible" if negligible else "no_clear_change"
        direction = float(np.sign(c.shift)) if clear else 0.0
        thin = min(c.n_articles) < MIN_SIDE_ARTICLES or min(c.n_sentences) < MIN_PERIOD_SENTENCES
        caveat, weight = s.month_caveat("thin" if thin else ""), 10.0 + abs(c.shift)
        ends = {"low": float(c.shift_low), "high": float(c.shift_high)}
    arts, sents = _evidence_at(
        s.index, *_shift_pool(s.index, *s.at, direction), direction_only=bool(direction), more=s.rows[0] | s.rows[1]
    )
    return Finding(
        "tone_shift",
        {
            "variant": variant,
            "direction": _direction(c.tone[0], c.tone[1]),
            **s.names,
            "tone_a": float(c.tone[0]),
            "tone_b": float(c.tone[1]),
            "shift": float(c.shift),
            **ends,
            "sentences_a": int(c.n_sentences[0]),
            "sentences_b": int(c.n_sentences[1]),
            "articles_a": int(c.n_articles[0]),
            "articles_b": int(c.n_articles[1]),
        },
        CHARTS["tone_shift"],
        arts,
        sents,
        weight,
        caveat,
    )


def _words_tone_shift(s: _Sides, words: str) -> Finding | None:
    """How the tone of the sentences holding ``words`` moved from the first period to the second
    (None when no scored sentence of either holds them). The interval is the one of an actor's
    shift (:func:`~tonlage.intervals.shift_interval`, articles as the sampled units), for one
    test: the reader asked about these words, no family is searched. Fewer than
    ``MIN_ACTOR_SENTENCES`` sentences or ``MIN_ACTOR_ARTICLES`` articles in a period: their
    counts and no comparison (caveat "thin")."""
    index = s.index
    at = index.word_sentences(words, s.rows[0] | s.rows[1])
    if not len(at):
        return None
    tone, srow = index.scored["tone"].to_numpy(), index.scored["row"].to_numpy()
    a, b = (at[index.in_view(srow[at], rows)] for rows in s.rows)
    n_arts = [len(np.unique(srow[x])) for x in (a, b)]
    values: dict[str, object] = {
        "words": words,
        **s.names,
        "sentences_a": len(a),
        "sentences_b": len(b),
        "articles_a": n_arts[0],
        "articles_b": n_arts[1],
    }
    enough = min(len(a), len(b)) >= MIN_ACTOR_SENTENCES and min(n_arts) >= MIN_ACTOR_ARTICLES
    low, high = shift_interval(tone[a], tone[b], (srow[a], srow[b])) if enough else (math.nan, math.nan)
    if math.isnan(low) or math.isnan(high):
        values.update(variant="few", min_sentences=MIN_ACTOR_SENTENCES, min_articles=MIN_ACTOR_ARTICLES)
        arts, sents = _evidence_at(index, *_shift_pool(index, a, b, 0.0), direction_only=False)
        return Finding("words_tone_shift", values, CHARTS["words_tone_shift"], arts, sents, 4.0, "thin")
    tone_a, tone_b = float(tone[a].mean()), float(tone[b].mean())
    clear = excludes_zero(low, high)
    direction = float(np.sign(tone_b - tone_a)) if clear else 0.0
    values.update(
        variant="change" if clear else "uncertain",
        direction=_direction(tone_a, tone_b),
        tone_a=tone_a,
        tone_b=tone_b,
        shift=tone_b - tone_a,
        low=low,
        high=high,
    )
    arts, sents = _evidence_at(index, *_shift_pool(index, a, b, direction), direction_only=bool(direction))
    caveat = s.month_caveat("" if clear else "uncertain", arts)
    # Asked for by the reader: next to the view's own tone shift when clear.
    weight = (9.0 if clear else 4.0) + abs(tone_b - tone_a)
    return Finding("words_tone_shift", values, CHARTS["words_tone_shift"], arts, sents, weight, caveat)


def _actor_shifts(corpus: AnalysedCorpus, c: Comparison, s: _Sides) -> list[Finding]:
    # The comparison's own shifts and intervals (its chart draws them): drawn together over
    # every actor named often enough in both periods (compare.tone_shift_candidates).
    srow = s.index.scored["row"].to_numpy()
    out = []
    for row in tone_shifts(c.actors).itertuples(index=False):
        actor = str(row.actor)
        low, high = float(row.tone_low), float(row.tone_high)
        clear = excludes_zero(low, high)
        delta = float(row.tone_b) - float(row.tone_a)
        direction = float(np.sign(delta))
        own = (s.actor_at(actor, 0), s.actor_at(actor, 1))
        arts, sents = _evidence_at(s.index, *_shift_pool(s.index, *own, direction), direction_only=True)
        # Sentences of one or two articles are not independent: the interval is too narrow.
        few = min(len(np.unique(srow[o])) for o in own) < MIN_SIDE_ARTICLES
        caveat = s.month_caveat(("thin" if few else "") if clear else "uncertain", arts)
        weight = abs(delta) / MIN_ACTOR_SHIFT * (1.0 if clear else 0.3)
        out.append(
            Finding(
                "actor_tone_shift",
                {
                    "variant": "change" if clear else "uncertain",
                    "direction": _direction(row.tone_a, row.tone_b),
                    "actor": actor,
                    **s.names,
                    "tone_a": float(row.tone_a),
                    "tone_b": float(row.tone_b),
                    "shift": delta,
                    "low": low,
                    "high": high,
                    "sentences_a": int(row.sentences_a),
                    "sentences_b": int(row.sentences_b),
                    "family": widened(c.tone_tests, c.tone_alpha),
                    "alpha": float(c.tone_alpha),
                    "family_of": "actors",
                },
                CHARTS["actor_tone_shift"],
                arts,
                sents,
                weight,
                caveat,
            )
        )
    return out


def _theme_changes(corpus: AnalysedCorpus, c: Comparison, s: _Sides) -> list[Finding]:
    table = c.themes
    if table.empty or min(c.n_articles) < MIN_SIDE_ARTICLES:
        return []
    table = table.dropna(subset=["change"])
    table = table[table["change"].astype("float64").abs() >= MIN_THEME_CHANGE]
    if table.empty:
        return []
    index = s.index
    theme, rows = corpus.article_themes["theme_id"].to_numpy(), index.theme_rows
    shares = corpus.article_themes["share"].to_numpy(dtype="float64", na_value=np.nan)
    out = []
    for row in table.itertuples(index=False):
        tid, change = int(row.theme_id), float(row.change)
        # The theme's rows in the period, by share, then by id.
        own = np.flatnonzero((theme == tid) & index.in_view(rows, s.rows[1 if change > 0 else 0]))
        arts = _ids_by_value(index, rows[own], shares[own])
        # The share is a mean over the period's themed articles (0 where the theme has no row):
        # its change is a direction only when the 95 % interval over those articles excludes 0
        # (the comparison's, as its chart draws it).
        low, high = float(row.change_low), float(row.change_high)
        if low != low:
            continue  # fewer than two themed articles in a period: nothing to tell
        clear = excludes_zero(low, high, SHARE_DIGITS)
        out.append(
            Finding(
                "theme_change",
                {
                    "variant": ("larger" if change > 0 else "smaller") if clear else "uncertain",
                    "theme": str(row.label),
                    "theme_id": tid,
                    **s.names,
                    "share_a": float(row.share_a),
                    "share_b": float(row.share_b),
                    "change": change,
                    "articles_a": int(row.articles_a),
                    "articles_b": int(row.articles_b),
                    "points_low": low,
                    "points_high": high,
                    "family": widened(c.theme_tests, c.theme_alpha),
                    "alpha": float(c.theme_alpha),
                    "family_of": "themes",
                },
                CHARTS["theme_change"],
                arts,
                (),
                abs(change) / MIN_THEME_CHANGE * (1.0 if clear else 0.3),
                s.month_caveat("" if clear else "uncertain", arts),
            )
        )
    return out


def _attention_changes(corpus: AnalysedCorpus, c: Comparison, s: _Sides) -> list[Finding]:
    table = c.actors
    if table.empty or min(c.n_articles) < MIN_SIDE_ARTICLES:
        return []
    table = table.dropna(subset=["change"])
    table = table[table["change"].astype("float64").abs() >= MIN_ATTENTION_CHANGE]
    index = s.index
    codes, names = index.actor_codes
    mentions = corpus.actor_articles["mentions"].to_numpy(dtype="float64", na_value=np.nan)
    tone = index.scored["tone"].to_numpy()
    out = []
    for row in table.itertuples(index=False):
        actor, change = str(row.actor), float(row.change)
        k = 1 if change > 0 else 0
        # The actor's rows in the period, by mentions, then by id.
        own = np.flatnonzero(np.asarray(names == actor, dtype=bool)[codes] & (codes >= 0))
        own = own[index.in_view(index.actor_rows[own], s.rows[k])]
        arts = _ids_by_value(index, index.actor_rows[own], mentions[own])
        at = s.actor_at(actor, k)
        _, pairs = _evidence_at(index, at, np.abs(tone[at]), direction_only=False)
        n = c.n_articles
        # Shares of articles: a direction only when the 95 % interval of their difference
        # excludes 0 (the comparison's, as its chart draws it).
        low, high = float(row.change_low), float(row.change_high)
        clear = excludes_zero(low, high, SHARE_DIGITS)  # (NaN: nothing to tell, no direction)
        out.append(
            Finding(
                "actor_attention",
                {
                    "variant": ("more" if change > 0 else "less") if clear else "uncertain",
                    "actor": actor,
                    **s.names,
                    "share_a": float(row.share_a),
                    "share_b": float(row.share_b),
                    "change": change,
                    "articles_a": int(row.articles_a),
                    "articles_b": int(row.articles_b),
                    "n_articles_a": int(n[0]),
                    "n_articles_b": int(n[1]),
                    "points_low": low,
                    "points_high": high,
                    "family": widened(c.actor_tests, c.actor_alpha),
                    "alpha": float(c.actor_alpha),
                    "family_of": "actors",
                },
                CHARTS["actor_attention"],
                arts,
                pairs,
                abs(change) / MIN_ATTENTION_CHANGE * (1.0 if clear else 0.3),
                s.month_caveat("" if clear else "uncertain", arts),
            )
        )
    return out
