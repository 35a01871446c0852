"""Sentence tone for English articles with VADER.

The German scorer (:mod:`tonlage.tone`) only knows German words, so English articles are
scored with VADER (Hutto & Gilbert 2014), a rule-based model over an English valence
lexicon, from the PyPI package ``vaderSentiment`` (MIT). Its lexicon files
(``vader_lexicon.txt``, ``emoji_utf8_lexicon.txt``) ship inside the package and are read
from there; nothing is downloaded.

* **Score**: VADER's *compound* score in [-1, 1], unchanged.
* **Label**: neutral when ``|score| < neutral_band``; the default 0.05 is the cut-off the
  VADER authors recommend.
* **Explanation**: in the format of :meth:`tonlage.tone.SentenceTone.explain`, the
  sentence's lexicon words with their final valence after VADER's rules (negation,
  boosters, capitals, "but"), divided by 4 (the lexicon's scale is -4..+4) and clipped to
  [-1, 1], e.g. "good −0.36 (negated by 'not')". The per-word valences come from running
  VADER's own word rules, and the compound score is computed from them with VADER's own
  aggregation, so explanation and score always agree.
"""

from __future__ import annotations

from ..i18n import Message, message
from .scorer import Cue, SentenceTone

__all__ = ["EnglishToneScorer"]

_LABELS = ("negative", "neutral", "positive")


class EnglishToneScorer:
    """Rule-based tone of English sentences (VADER).

    Args:
        neutral_band: A sentence whose compound score has an absolute value below this is
            "neutral".
        max_cues: At most this many words are listed in an explanation (the strongest,
            shown in sentence order).

    Example:
        >>> scorer = EnglishToneScorer().fit()
        >>> scorer.score_sentence("The talks were a great success.")[1]
        'positive'
    """

    def __init__(self, neutral_band: float = 0.05, max_cues: int = 6):
        self.neutral_band = neutral_band
        self.max_cues = max_cues

    def fit(self) -> EnglishToneScorer:
        """Build the VADER analyzer (reads the lexicon files shipped in the package).

        Returns:
            self.
        """
        # Imported here so that importing tonlage does not read VADER's 7,500-word lexicon
        # when no English article is scored.
        from vaderSentiment import vaderSentiment as vader

        self._vader = vader
        self.analyzer_ = vader.SentimentIntensityAnalyzer()
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "analyzer_"):
            raise RuntimeError("EnglishToneScorer is not fitted; call fit() first")

    def _demojize(self, text: str) -> str:
        """Emojis replaced by their lexicon descriptions, exactly as VADER does first."""
        emojis = self.analyzer_.emojis
        if not any(ch in emojis for ch in text):
            return text.strip()
        out: list[str] = []
        prev_space = True
        for ch in text:
            if ch in emojis:
                if not prev_space:
                    out.append(" ")
                out.append(emojis[ch])
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out).strip()

    def _word_valences(self, text: str) -> tuple[list[str], list[float]]:
        """VADER's tokens of ``text`` and each token's final valence.

        This is the word loop of ``SentimentIntensityAnalyzer.polarity_scores``, kept here
        so that the valence of each word is visible for the explanation.
        """
        vader = self._vader
        analyzer = self.analyzer_
        senti_text = vader.SentiText(text)
        words = senti_text.words_and_emoticons
        sentiments: list[float] = []
        for i, item in enumerate(words):
            low = item.lower()
            # Boosters ("very") and "kind of" modify the next word; they carry no tone.
            if low in vader.BOOSTER_DICT or (low == "kind" and i + 1 < len(words) and words[i + 1].lower() == "of"):
                sentiments.append(0.0)
                continue
            sentiments = analyzer.sentiment_valence(0.0, senti_text, item, i, sentiments)
        sentiments = analyzer._but_check(words, sentiments)
        return words, sentiments

    def _negator_before(self, words: list[str], i: int) -> str | None:
        """The nearest of the three words before ``words[i]`` that VADER reads as a negation."""
        for j in range(i - 1, max(i - 4, -1), -1):
            low = words[j].lower()
            if low in ("no", "least") or self._vader.negated([low]):
                return words[j]
        return None

    def score(self, sentence: str) -> SentenceTone:
        """Score one sentence.

        Args:
            sentence: An English sentence (a longer text works too, as one unit).

        Returns:
            The score (VADER compound), label and the lexicon words that moved it.

        Raises:
            RuntimeError: If the scorer is not fitted.
        """
        self._check_fitted()
        text = self._demojize(sentence or "")
        words, sentiments = self._word_valences(text)
        score = float(self.analyzer_.score_valence(sentiments, text)["compound"])
        if score <= -self.neutral_band:
            label = "negative"
        elif score >= self.neutral_band:
            label = "positive"
        else:
            label = "neutral"

        lexicon = self.analyzer_.lexicon
        cues: list[tuple[int, Cue]] = []
        for i, (word, valence) in enumerate(zip(words, sentiments)):
            base = lexicon.get(word.lower())
            if base is None or valence == 0:
                continue
            note: Message | str = ""
            if (valence > 0) != (base > 0):
                negator = self._negator_before(words, i)
                if negator is not None:
                    note = message("negated by '{word}'", word=negator)
            weight = max(-1.0, min(1.0, valence / 4.0))
            cues.append((i, Cue(word, round(weight, 2), note)))
        if len(cues) > self.max_cues:
            # Keep the strongest words (earlier first on ties), then restore sentence order.
            cues = sorted(cues, key=lambda c: (-abs(c[1].weight), c[0]))[: self.max_cues]
            cues.sort(key=lambda c: c[0])
        return SentenceTone(score, label, tuple(c for _, c in cues))

    def score_sentence(self, sentence: str) -> tuple[float, str, str]:
        """Score one sentence for storage next to the German sentence tones.

        Args:
            sentence: An English sentence.

        Returns:
            ``(score, label, explanation)``: score in [-1, 1], label "negative", "neutral"
            or "positive", and the evidence message of :meth:`tonlage.tone.SentenceTone.explain`
            ("" when the sentence has no lexicon words).

        Raises:
            RuntimeError: If the scorer is not fitted.
        """
        tone = self.score(sentence)
        return tone.score, tone.label, tone.explain() if tone.cues else ""
