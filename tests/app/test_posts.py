"""Social-media posts in a corpus of news: narrowed to them, the tone figures say they are less sure."""

from __future__ import annotations

from components import state
from tests.corpora import write_sourced_corpus
from tests.engine.test_genre import POSTS
from tonlage.present.safe import escape_text

SAID = "Most articles in view are social-media posts"


def _stamps(at) -> list[str]:
    return [c.value for c in at.caption if "Tone unchecked on this corpus" in c.value]


def test_a_view_narrowed_to_posts_says_its_tone_is_less_sure(app, tmp_path, monkeypatch):
    """Four posts among 13 news articles: the corpus is no corpus of posts, and its tone figures
    say nothing of them; the view of its posts alone says, under its tone charts, that the tone
    agrees less with people on posts."""
    rows = ["id,text", *(f'{i},"{t}"' for i, t in enumerate(POSTS))]
    (tmp_path / "posts.csv").write_text("\n".join(rows), encoding="utf-8")
    write_sourced_corpus(tmp_path)
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    at = app()
    assert not at.exception, [e.value for e in at.exception]
    assert _stamps(at) and not [s for s in _stamps(at) if escape_text(SAID) in s]
    at.multiselect(key=state.GENRES).set_value(["post"]).run()
    assert not at.exception, [e.value for e in at.exception]
    stamps = [s for s in _stamps(at) if escape_text(SAID) in s]  # under the tone charts
    assert stamps, _stamps(at)
    said = f"{SAID}; on posts the tone agrees less with people (macro-F1 0.40; on news about 0.50)."
    assert escape_text(said) in stamps[0]
