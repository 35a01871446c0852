"""Whether a text is all there (tonlage.reading.ending): the signs, their order, and the
corpus-wide table made from the texts' last characters."""

from __future__ import annotations

import pytest

from tonlage.reading.ending import ENDING_CHARS, SIGNS, cut_off, cut_off_all
from tonlage.storage.article_texts import ArticleTexts


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Das Kabinett beschloss am Mittwoch ein Paket.", ""),
        ("Wer zahlt am Ende?", ""),
        ("Das ist ein Fiasko!\n\n", ""),
        ("Er sagte: „Wir bleiben dabei.“", ""),
        ('Sie sagte: "Wir bleiben."', ""),
        ("»Nie wieder.«", ""),
        ("Die Zahl stieg deutlich. (dpa)", ""),
        ("Siehe Tabelle [1]", ""),
        ("Die Probleme sind ihm b", "mid_sentence"),
        ("Die Wahl ergab, dass die Union,", "mid_sentence"),
        ("Ein Auszug:", "mid_sentence"),
        ("Die Antwort darauf droht jedoch ebenfalls die ...", "ellipsis"),
        ("Er brachte die Mannschaft zurück in die Spur br...", "ellipsis"),
        ("Und dann kam alles anders …", "ellipsis"),
        ("So weit der Bericht. […]", "ellipsis"),
        ("So weit der Bericht (...)", "ellipsis"),
        ("", ""),
        ("   \n", ""),
        (None, ""),
    ],
)
def test_the_sign_of_a_text_s_end(text, sign):
    assert cut_off(text) == sign


def test_a_subscription_notice_on_the_page_comes_first():
    # Even a text that ends on a full stop is probably only the free part of its page.
    assert cut_off("Das Kabinett beschloss ein Paket.", ["credit", "paywall"]) == "paywall"
    assert cut_off("Die Probleme sind ihm b", ("paywall",)) == "paywall"
    assert cut_off("Das Kabinett beschloss ein Paket.", ["credit", "newsletter"]) == ""
    assert SIGNS == ("paywall", "ellipsis", "mid_sentence")


def test_many_texts_from_their_endings_give_what_the_whole_texts_give():
    texts = [
        "Der Stadtrat stimmte ab. Gebaut wird im Frühjahr.",
        "Am Ende blieb die Frage, ob die Stadt das Geld für die neue Brü",
        "Die Antwort darauf droht jedoch ebenfalls [ ... ]",
        "Ein kurzer Text.",
        "",
    ]
    removed = [None, [], [("credit", "Foto: dpa")], [("paywall", "Nur mit Abo")], None]
    store = ArticleTexts.of([f"a{i}" for i in range(len(texts))], texts)
    endings = store.endings(ENDING_CHARS)
    assert all(len(e) <= ENDING_CHARS for e in endings)
    assert endings[1] == texts[1][-ENDING_CHARS:]
    got = cut_off_all(endings, removed)
    assert got == [cut_off(t, [k for k, _ in r or ()]) for t, r in zip(texts, removed)]
    assert got == ["", "mid_sentence", "ellipsis", "paywall", ""]
    with pytest.raises(ValueError):
        cut_off_all(endings, removed[:-1])  # one sign per text, never a silent shift


def test_endings_take_trailing_white_space_off_and_count_letters_not_bytes():
    store = ArticleTexts.of(["a", "b"], ["Größe äöü…“  \n\n", None])
    assert store.endings(5) == ["äöü…“", ""]


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(alphabet="ab .…!?“»)]:[(\n", max_size=40), st.booleans())
def test_the_fast_path_over_many_texts_says_what_the_rule_says(text, paywall):
    removed = [("paywall", "Nur mit Abo")] if paywall else None
    ending = text.rstrip()[-ENDING_CHARS:]
    assert cut_off_all([ending], [removed]) == [cut_off(text, ["paywall"] if paywall else [])]
