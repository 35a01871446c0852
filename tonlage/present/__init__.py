"""Presentation without Streamlit: what the app and the command line show, built as data.

Figure builders (:mod:`.charts`) return Plotly figures, :mod:`.views` the tables a page shows
for the reader's filters, :mod:`.pack` the meeting pack's plan, :mod:`.safe` escapes untrusted
text for Markdown, HTML and Plotly, and :mod:`.types` holds the small value types (the
reader's filters, the corpus key) that both sides pass around. Nothing here imports
Streamlit, so tests assert on these directly and ``tonlage pack`` uses the same code as the app.
"""
