"""The Overview's finding on the latest weeks: said for a corpus of several weeks, with a
button that opens the same two date ranges on the Compare page, which shows the same numbers."""

from __future__ import annotations

import html
import re

import pytest

from components import state
from tests.corpora import write_weekly_corpus
from tonlage.i18n import translator

EN = translator("en")


@pytest.fixture
def weekly(tmp_path, monkeypatch):
    write_weekly_corpus(tmp_path)
    monkeypatch.setenv("TONLAGE_CORPUS_DIR", str(tmp_path))
    return tmp_path


def test_the_latest_week_is_set_against_the_three_before_and_opens_on_the_compare_page(app, weekly):
    at = app()
    assert not at.exception, [e.value for e in at.exception]
    said = [html.unescape(m.value) for m in at.markdown if "In the last week in view" in m.value]
    assert len(said) == 1 and "more negative than in the three weeks before" in said[0]
    assert "(2025-04-05 – 2025-04-11)" in said[0] and "(2025-03-15 – 2025-04-04)" in said[0]
    assert said[0].startswith("⚠") and EN("Few data: read it as a hint.") in said[0]  # 3 articles
    button = next(b for b in at.button if (b.key or "").startswith("overview_f_recent_"))
    assert button.label == EN("Compare these weeks on the Compare page")
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert EN("Compare two periods") in [t.value for t in at.title]
    first, second = (at.date_input(key=k).value for k in state.COMPARE_RANGES)
    assert [d.isoformat() for d in (*first, *second)] == ["2025-03-15", "2025-04-04", "2025-04-05", "2025-04-11"]
    # the Compare page's figures are the finding's: nine articles against three, the same tones
    counts = [c.value for c in at.caption if "sentences" in c.value and "·" in c.value]
    assert counts[:2] == ["9 articles · 99 sentences", "3 articles · 33 sentences"]
    # the same tones as the finding's "tone −0.20 in this week against +0.26 before" (the page
    # may show a third decimal, where two would make its change disagree with its two tones)
    tones = [float(m.value.replace("−", "-")) for m in at.metric][:2]
    found = re.search(r"tone ([+−]\d\.\d\d) in this week against ([+−]\d\.\d\d) before", said[0])
    assert found is not None
    latest, before = (float(v.replace("−", "-")) for v in found.groups())
    assert [round(x, 2) for x in tones] == [before, latest]
    # and the sentences in the same order as the tones: the latest week's 33 first
    assert "(33 against 99 sentences" in said[0]
