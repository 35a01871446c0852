"""Numbers in a table too long to style (above i18n.LOCAL_NUMBERS_MAX_CELLS cells) are written by
the browser: in German with a decimal comma where the browser's language has one ("0,16", as on
the rest of the page), not Streamlit's printf point ("0.16"), and as ever in English."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from components import i18n
from tests.app.conftest import APP, TIMEOUT


@pytest.mark.parametrize(
    ("lang", "browser", "localized"),
    [
        ("de", "de-DE", True),
        ("de", "de-AT", True),
        ("de", "en-US", False),  # the browser would write a point: Streamlit's printf format stays
        ("de", "de-CH", False),  # Swiss German writes a decimal point
        ("en", "de-DE", False),  # English as ever, whatever the browser's language
    ],
)
def test_a_long_articles_list_writes_its_numbers_with_the_readers_decimal_sign(lang, browser, localized, monkeypatch):
    monkeypatch.setattr(i18n, "LOCAL_NUMBERS_MAX_CELLS", 0)  # as a long list: not styled
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context["locale"] = browser
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/articles.py").run()
    assert not at.exception
    frame = at.dataframe[0]
    assert not frame.proto.arrow_data.HasField("styler")  # plain numbers: sorting sees numbers
    config = json.loads(frame.proto.columns)
    tone = config["Tone" if lang == "en" else "Tonlage"]["type_config"]
    sentences = config["Sentences" if lang == "en" else "Sätze"]["type_config"]
    if localized:
        assert (tone["format"], tone["step"]) == ("localized", 0.01)  # two decimals, the browser's comma
        assert (sentences["format"], sentences["step"]) == ("localized", 1)
    else:
        assert (tone["format"], sentences["format"]) == ("%+.2f", "%d")


def test_the_numbers_the_browser_writes_are_rounded_first_as_it_cuts_them_off(monkeypatch):
    """Streamlit cuts a number off at its column's decimals (0.159 showed as "0,15"): the data
    sent is rounded to them, and the frame given is not changed."""
    import pandas as pd

    monkeypatch.setattr(i18n, "LOCAL_NUMBERS_MAX_CELLS", 0)
    monkeypatch.setattr(i18n, "current_language", lambda: "de")
    monkeypatch.setattr(i18n, "_browser_decimal_sign_is_the_readers", lambda: True)
    df = pd.DataFrame({"tone": [0.159, -0.0151, 0.125], "n": [3, 28626, 1], "title": ["a", "b", "c"]})
    sent, formats = i18n.local_numbers(df, {"tone": "%+.2f", "n": "%d"})
    assert formats == {"tone": "localized:2", "n": "localized:0"}
    assert sent["tone"].tolist() == [0.16, -0.02, 0.12]  # as Python writes them on the rest of the page
    assert [format(v, "+.2f") for v in df["tone"]] == ["+0.16", "-0.02", "+0.12"]
    assert sent["n"].tolist() == [3, 28626, 1] and df["tone"].tolist() == [0.159, -0.0151, 0.125]
    config = i18n.number_column(format=formats["tone"])["type_config"]
    assert (config["format"], config["step"]) == ("localized", 0.01)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_readers_sentence_table_writes_each_tone_in_the_readers_language(lang):
    """The Articles page's "Why each sentence got its score" table showed "0.42" and "-0.8" in
    German, beside "+0,42" in the text above it: its tones and numbers are now written as the
    reader's language writes them, while its cells stay numbers (the column sorts by tone)."""
    import pyarrow as pa

    from tonlage.i18n import translator

    x = translator(lang)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context["locale"] = {"en": "en-US", "de": "de-DE"}[lang]
    at.run()
    at.switch_page("app_pages/articles.py").run()
    assert not at.exception
    words = x("Words that moved the score")
    (frame,) = [f for f in at.dataframe if words in json.loads(f.proto.columns) or words in f.value.columns]
    tones = frame.value[x("Tone")]
    assert tones.dtype.kind == "f"  # numbers, not text
    if lang == "en":  # Streamlit writes them: a printf format with the sign
        assert not frame.proto.arrow_data.HasField("styler")
        assert json.loads(frame.proto.columns)[x("Tone")]["type_config"]["format"] == "%+.2f"
        return
    shown = pa.ipc.open_stream(frame.proto.arrow_data.styler.display_values).read_pandas()[x("Tone")]
    assert len(shown) == len(tones) > 3
    for value, text in zip(tones, shown):
        assert text == format(value, "+.2f").replace(".", ",").replace("-", "\u2212"), (value, text)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_tone_that_rounds_to_zero_is_not_written_with_a_minus(lang, monkeypatch):
    """printf wrote −0.004 as "−0.00" in the Articles list, a negative tone where the article's
    own page said 0.00: a signed column's values that round to 0 are sent as 0.0, in English
    (Streamlit's printf) as in German (styled), and the frame given is not changed."""
    import numpy as np
    import pandas as pd

    monkeypatch.setattr(i18n, "current_language", lambda: lang)
    df = pd.DataFrame({"tone": [-0.004, -0.0, 0.003, -0.006, np.nan], "n": [1, 2, 3, 4, 5]})
    sent, formats = i18n.local_numbers(df, {"tone": "%+.2f", "n": "%d"})
    frame = sent if lang == "en" else sent.data
    assert np.signbit(frame["tone"].to_numpy()[:3]).tolist() == [False, False, False]
    assert frame["tone"].tolist()[2:4] == [0.003, -0.006]  # kept: not zero, or not rounding to it
    assert np.isnan(frame["tone"].iloc[4])
    assert df["tone"].tolist()[:2] == [-0.004, -0.0] and np.signbit(df["tone"].iloc[1])
    if lang == "de":
        shown = sent.to_html()
        assert "+0,00" in shown and "\u22120,01" in shown and "\u22120,00" not in shown
    else:
        assert formats["tone"] == "%+.2f"
        assert [f"{v:+.2f}" for v in frame["tone"].iloc[:4]] == ["+0.00", "+0.00", "+0.00", "-0.01"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_styled_table_of_days_only_writes_its_dates_as_the_reader_does(monkeypatch, lang):
    """A German table is styled for its decimal commas, and a styled table shows its Styler's
    text: a date column of days only (no month-only date that forced the dates to be written)
    showed "2025-08-15 00:00:00" in the Tone page's strongest sentences."""
    import pandas as pd

    monkeypatch.setattr(i18n, "current_language", lambda: lang)
    days = pd.to_datetime(pd.Series(["2025-08-15", "2025-10-21", None]))
    df = pd.DataFrame({"date": days, "tone": [0.5, -0.25, 0.0]})
    precision = pd.Series(["day", "day", "none"])
    for given in (precision, None):
        sent, formats = i18n.local_numbers(df, {"tone": "%+.2f"}, dates={"date": given})
        if lang == "en":  # Streamlit's own formats write English: sent as it is
            assert sent is df and formats["date"] == "YYYY-MM-DD"
            continue
        shown = sent.to_string()  # the Styler's text of every cell
        assert "15.08.2025" in shown and "21.10.2025" in shown and "00:00" not in shown
        assert formats == {"tone": None, "date": None}
