"""The line every tone figure carries (tonlage.present.stamp)."""

from __future__ import annotations

from tonlage.i18n import translator
from tonlage.present.stamp import tone_stamp

UNCHECKED = "Tone unchecked on this corpus: no sentence has been checked against a reader yet."


def test_the_stamp_says_what_a_reader_corrected():
    en, de = translator("en"), translator("de")
    assert tone_stamp({}, en) == UNCHECKED
    nothing = {"tone_review": {"words": 0, "sentences_set": 0, "band": None}}
    assert tone_stamp(nothing, en) == UNCHECKED  # a review with nothing in it says nothing
    one = {"tone_review": {"words": 1, "sentences_set": 0, "band": None}}
    assert tone_stamp(one, en) == f"{UNCHECKED} Corrected by a reader: 1 word of its word list."
    every = {
        "tone_check": {"n": 60, "accuracy": 0.71, "kappa": 0.52},
        "tone_review": {"words": 3, "sentences_set": 2, "band": 0.2},
    }
    assert tone_stamp(every, en) == (
        "Tone agrees with a reader on 71% of 60 checked sentences (κ 0.52). Corrected by a reader: 3 words of"
        " its word list, 2 sentences set by hand, a neutral band fitted to their labels."
    )
    german = tone_stamp(every, de)
    assert "korrigiert" in german and "3 Wörter" in german and "2 Sätze" in german


def test_a_corpus_of_mostly_posts_says_its_tone_is_less_sure_until_a_reader_checks_it():
    from tonlage.present.stamp import tone_stamp_lines

    en, de = translator("en"), translator("de")
    posts = {"post_share": 0.93}
    lines = tone_stamp_lines(posts, en)
    assert lines == [
        UNCHECKED,
        "This corpus is mostly social-media posts; on posts the tone agrees less with people (macro-F1 0.40; "
        "on news about 0.50).",
    ]
    assert "Makro-F1 0,40" in tone_stamp(posts, de)
    # Half of the corpus or less: not said; checked by a reader: the reader's figure says it.
    assert tone_stamp_lines({"post_share": 0.5}, en) == [UNCHECKED]
    checked = {**posts, "tone_check": {"n": 60, "accuracy": 0.71, "kappa": 0.52}}
    assert len(tone_stamp_lines(checked, en)) == 1 and "posts" not in tone_stamp(checked, en)
    # Before the corrections, which stay last.
    corrected = {**posts, "tone_review": {"words": 1, "sentences_set": 0, "band": None}}
    assert tone_stamp_lines(corrected, en)[1:] == [lines[1], "Corrected by a reader: 1 word of its word list."]


def test_the_method_slide_of_a_corpus_of_posts_says_so():
    from tonlage.present.pack import method_lines
    from tonlage.present.stamp import tone_stamp_lines

    en = translator("en")
    posts = {"post_share": 0.93, "n_themes": 4}
    said = tone_stamp_lines(posts, en)[1]
    assert said in method_lines(posts, en)
    assert said not in method_lines({"n_themes": 4}, en)
    # With a reader's words and sentences too (nine bullets), the German slide shows every one whole.
    from tests.engine.test_report import make_pack
    from tonlage.present.pack import limits_lines
    from tonlage.report.deck.plan import TextBox, plan_slides

    de = translator("de")
    review = {"word_list": [("Krise", "neutral")], "sentences_set": 2, "band": None, "model_band": 0.1}
    method = method_lines({**posts, "tone_review": review}, de)
    assert len(method) == 9 and tone_stamp_lines(posts, de)[1] in method
    slide = plan_slides(make_pack(method=method, limits=limits_lines(de, 5)))[-1]
    assert [i.paragraphs for i in slide.items if isinstance(i, TextBox) and i.bullets][0] == method
    # Ten, with a neutral band fitted to the reader's labels: whole too, their bullets closer.
    method = method_lines({**posts, "tone_review": {**review, "band": 0.15}}, de)
    assert len(method) == 10
    slide = plan_slides(make_pack(method=method, limits=limits_lines(de, 5)))[-1]
    shown, limits = [i for i in slide.items if isinstance(i, TextBox) and i.bullets]
    assert shown.paragraphs == method and shown.size == limits.size == 11.0 and shown.gap < limits.gap


def test_a_view_of_mostly_posts_says_so_where_the_corpus_is_not():
    from tonlage.present.stamp import tone_stamp_lines

    en = translator("en")
    view = {"post_share": 0.3, "view_post_share": 0.8}
    assert tone_stamp_lines(view, en)[1] == (
        "Most articles in view are social-media posts; on posts the tone agrees less with people (macro-F1 0.40; "
        "on news about 0.50)."
    )
    assert tone_stamp_lines({"post_share": 0.3, "view_post_share": 0.5}, en) == [UNCHECKED]
    # A corpus of mostly posts says it of the corpus, whatever the view.
    assert tone_stamp_lines({"post_share": 0.9, "view_post_share": 0.0}, en)[1].startswith("This corpus is mostly")
    checked = {**view, "tone_check": {"n": 60, "accuracy": 0.71, "kappa": 0.52}}
    assert len(tone_stamp_lines(checked, en)) == 1
