"""One finding: the thresholds that decide what is worth a sentence, the chart that shows each
kind, the sentences' wording in English (German in the catalogue), and how a finding writes its
numbers (the rules: :mod:`tonlage.findings`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from numbers import Integral, Real

from ..i18n import N_, NC_, Translator, translator
from ..intervals import (
    ALPHA,
)

__all__ = [
    "MIN_THEME_CHANGE",
    "MIN_ATTENTION_CHANGE",
    "MIN_SIDE_ARTICLES",
    "MIN_PERIOD_SENTENCES",
    "THIN_ARTICLES",
    "THIN_SENTENCES",
    "MAX_EVIDENCE_ARTICLES",
    "MAX_EVIDENCE_SENTENCES",
    "THIN_WEIGHT",
    "SOURCES_COMPARED",
    "RECENT_WINDOWS",
    "CHARTS",
    "TEMPLATES",
    "CAUTION_CAVEATS",
    "COUNT_NOUNS",
    "format_tone",
    "format_share",
    "Finding",
    "format_points",
    "widened",
    "ordered",
    "direction_of",
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


def ordered(thin: Finding | None, others: list[Finding], limit: int) -> list[Finding]:
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


def direction_of(tone_a: float, tone_b: float) -> str:
    """How the tone moved, in words that stay true on either side of 0: +0.56 → +0.17 is
    "less positive", not "more negative"."""
    end = round(float(tone_b), 2)
    if tone_b < tone_a:
        return "less_positive" if end >= 0 else "more_negative"
    return "less_negative" if end <= 0 else "more_positive"
