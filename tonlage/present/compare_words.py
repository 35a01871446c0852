"""The words of a comparison, in one place: two periods change, two outlets differ.

The Compare page, its charts, their tables and the meeting pack read the same numbers either way
(:class:`~tonlage.compare.Comparison`); only what they call them differs. Each wording is a set
of message ids (English; German in the catalogue), picked by :func:`words_of`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_

__all__ = ["CompareWords", "PERIODS", "SOURCES", "words_of"]


@dataclass(frozen=True)
class CompareWords:
    """The message ids of one kind of comparison (periods or outlets)."""

    # the page
    page_title: str
    examples_caption: str
    # the summary's third figure
    metric: str
    metric_help: str
    metric_help_single: str
    metric_single: str
    # the tone chart
    tone_title: str
    difference_row: str
    tone_read: str
    difference_hover: str
    difference_hover_single: str
    # the themes' and the actors' charts of shares
    themes_title: str
    themes_axis: str
    themes_read: str
    actors_title: str
    actors_axis: str
    actors_read: str
    share_hover: str
    share_single: str
    alike: str
    # the actors' tone chart
    actor_tone_title: str
    actor_tone_axis: str
    actor_tone_hover: str
    actor_tone_read: str
    actor_tone_none: str
    # the tables
    side: str
    tone_a: str
    tone_b: str
    difference: str
    sentences_a: str
    sentences_b: str
    share_a: str
    share_b: str
    difference_points: str


PERIODS = CompareWords(
    page_title=N_("Compare two periods"),
    examples_caption=N_(
        "The most negative and most positive sentences of each period, so the numbers can be checked against the text."
    ),
    metric=N_("Change in tone"),
    metric_help=N_(
        "Second period minus first. The range {low} … {high} is a 95% interval over the periods' articles (each article counts once, however many sentences it has): if it includes 0, the change may be chance."
    ),
    metric_help_single=N_(
        "Second period minus first. A period of a single article has no 95% interval: how far one article's wording lies from its period's cannot be measured from it."
    ),
    metric_single=N_("No interval: a period of a single article"),
    tone_title=N_("Tone before and after, and the change"),
    difference_row=N_("Change (2nd − 1st)"),
    tone_read=N_(
        "the dots are the mean tone of each period's sentences; the diamond is the change, with a bar for its 95% interval. A bar that crosses 0 means the change may be chance."
    ),
    difference_hover=N_("change %{x:+.2f}<br>95% interval {low} … {high}"),
    difference_hover_single=N_("change %{x:+.2f}<br>no interval: a period of a single article"),
    themes_title=N_("Themes that grew or faded"),
    themes_axis=N_("Change in share of text (pp)"),
    themes_read=N_(
        "bars to the right: the theme fills more of the second period's text; to the left: less (pp = percentage points). The thin line is the change's 95% interval, wider where many themes are compared at once; a bar is pale where its line crosses 0: that change may be chance."
    ),
    actors_title=N_("Who gained or lost attention"),
    actors_axis=N_("Change in share of articles naming them (pp)"),
    actors_read=N_(
        "bars to the right: more of the second period's articles mention them; to the left: fewer. The thin line is the change's 95% interval, wider where many actors are compared at once; a bar is pale where its line crosses 0: that change may be chance."
    ),
    share_hover=N_("%{y}<br>%{customdata[0]}% → %{customdata[1]}% (%{x:+.1f} pp)"),
    share_single=N_("no interval: a period has fewer than two articles"),
    alike=N_("Here no change reaches 1 pp: on this measure the two periods look alike."),
    actor_tone_title=N_("How the tone around each actor changed"),
    actor_tone_axis=N_("Change in tone (2nd − 1st)"),
    actor_tone_hover=N_("%{y}<br>tone %{customdata[0]} → %{customdata[1]} (%{customdata[2]})"),
    actor_tone_read=N_(
        "bars to the right: the sentences naming the actor read more positive in the second period; to the left: more negative. Only actors named in at least {n} sentences and {articles} articles in each period whose tone moved by {shift} or more. The thin line is the change's 95% interval, wider where many actors are compared at once; a bar is pale where its line crosses 0: that change may be chance."
    ),
    actor_tone_none=N_(
        "How the tone around each actor changed: no actor is named in at least {n} sentences and {articles} articles in each period with a tone that moved by {shift} or more."
    ),
    side=N_("Period"),
    tone_a=N_("1st period tone"),
    tone_b=N_("2nd period tone"),
    difference=N_("Change"),
    sentences_a=N_("Sentences, 1st period"),
    sentences_b=N_("Sentences, 2nd period"),
    share_a=N_("1st period %"),
    share_b=N_("2nd period %"),
    difference_points=N_("Change (pp)"),
)

SOURCES = CompareWords(
    page_title=N_("Compare two sources"),
    examples_caption=N_(
        "The most negative and most positive sentences of each side, so the numbers can be checked against the text."
    ),
    metric=N_("Difference in tone"),
    metric_help=N_(
        "Second side minus first. The range {low} … {high} is a 95% interval over the two sides' articles (each article counts once, however many sentences it has): if it includes 0, the difference may be chance."
    ),
    metric_help_single=N_(
        "Second side minus first. A side of a single article has no 95% interval: how far one article's wording lies from the rest of its side cannot be measured from it."
    ),
    metric_single=N_("No interval: a side of a single article"),
    tone_title=N_("Tone of the two sides, and the difference"),
    difference_row=N_("Difference (2nd − 1st)"),
    tone_read=N_(
        "the dots are the mean tone of each side's sentences; the diamond is the difference, with a bar for its 95% interval. A bar that crosses 0 means the difference may be chance."
    ),
    difference_hover=N_("difference %{x:+.2f}<br>95% interval {low} … {high}"),
    difference_hover_single=N_("difference %{x:+.2f}<br>no interval: a side of a single article"),
    themes_title=N_("Themes one side gives more room"),
    themes_axis=N_("Difference in share of text (pp)"),
    themes_read=N_(
        "bars to the right: the theme fills more of the second side's text; to the left: less (pp = percentage points). The thin line is the difference's 95% interval, wider where many themes are compared at once; a bar is pale where its line crosses 0: that difference may be chance."
    ),
    actors_title=N_("Who is named more often on one side"),
    actors_axis=N_("Difference in share of articles naming them (pp)"),
    actors_read=N_(
        "bars to the right: more of the second side's articles mention them; to the left: fewer. The thin line is the difference's 95% interval, wider where many actors are compared at once; a bar is pale where its line crosses 0: that difference may be chance."
    ),
    share_hover=N_("%{y}<br>%{customdata[0]}% against %{customdata[1]}% (%{x:+.1f} pp)"),
    share_single=N_("no interval: a side has fewer than two articles"),
    alike=N_("Here no difference reaches 1 pp: on this measure the two sides look alike."),
    actor_tone_title=N_("How the tone around each actor differs"),
    actor_tone_axis=N_("Difference in tone (2nd − 1st)"),
    actor_tone_hover=N_("%{y}<br>tone %{customdata[0]} against %{customdata[1]} (%{customdata[2]})"),
    actor_tone_read=N_(
        "bars to the right: the sentences naming the actor read more positive on the second side; to the left: more negative. Only actors named in at least {n} sentences and {articles} articles on each side whose tone differs by {shift} or more. The thin line is the difference's 95% interval, wider where many actors are compared at once; a bar is pale where its line crosses 0: that difference may be chance."
    ),
    actor_tone_none=N_(
        "How the tone around each actor differs: no actor is named in at least {n} sentences and {articles} articles on each side with a tone that differs by {shift} or more."
    ),
    side=N_("Side"),
    tone_a=N_("1st side tone"),
    tone_b=N_("2nd side tone"),
    difference=N_("Difference"),
    sentences_a=N_("Sentences, 1st side"),
    sentences_b=N_("Sentences, 2nd side"),
    share_a=N_("1st side %"),
    share_b=N_("2nd side %"),
    difference_points=N_("Difference (pp)"),
)


def words_of(comparison) -> CompareWords:
    """The wording of ``comparison`` (a :class:`~tonlage.compare.Comparison`): :data:`SOURCES`
    when its sides are outlets, else :data:`PERIODS`."""
    return SOURCES if comparison.by_source else PERIODS
