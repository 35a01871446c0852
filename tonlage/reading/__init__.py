"""Reading one article as a journalist would, before any analysis.

Each module answers one question about a text we did not write:

- :mod:`.encoding`: which bytes make which letters (encodings detected, mojibake repaired);
- :mod:`.language`: which language it is in;
- :mod:`.page`: where the article starts on a saved web page, and its headline;
- :mod:`.furniture`: which lines are the page around the article (credits, buttons, teasers);
- :mod:`.bylines`: who wrote it;
- :mod:`.dates`: when it was published, and which of the candidate dates to believe;
- :mod:`.genre`: whether it is a news report, a commentary or something else;
- :mod:`.ending`: whether the text is all there (cut off by a paywall, an excerpt, a length).

Plain rules over strings: no model, no network, deterministic.
"""
