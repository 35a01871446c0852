"""The Articles page's list of the articles in view: the table a reader clicks and the titles
of the picker under it, made once per view and language and shared by every reader.

At 100,000 articles, making them on every run of the page (each click on a row, each article
opened) took 1.2-1.7 s: a translated kind, author and theme for every row, the table made
safe, and a title with its date for every article.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from components import cached
from components.i18n import local_date_labels, shown_table, t, tr
from tonlage.frames import isin
from tonlage.present.types import CorpusKey, Filters

#: Articles the picker under the table offers (the first of the table's order, and the one
#: open): Streamlit writes every option of a select box into every run of the page.
PICKER_MAX = 2_000


@dataclass(frozen=True)
class ArticleList:
    """What the page shows of the listed articles (read-only, shared)."""

    ids: list[str]  # in the table's order
    table: pd.DataFrame  # the columns as the reader reads them, made safe (shown_table)
    precision: pd.Series  # each row's date precision ("day", "month", "none")
    titles: dict[str, str]  # id -> "title (date)", for the picker

    def label(self, article_id: str) -> str:
        """The picker's line for an article: its title and date (the id itself if not listed)."""
        return self.titles.get(article_id, article_id)


def article_list(key: CorpusKey, f: Filters, chosen: tuple[str, ...] | None) -> ArticleList:
    """The articles in view (those of ``chosen`` only, when a chart picked some) as listed."""
    return _article_list(key, f, chosen, tr().lang)


@st.cache_resource(max_entries=32, ttl=3600, show_spinner=False)
def _article_list(key: CorpusKey, f: Filters, chosen: tuple[str, ...] | None, lang: str) -> ArticleList:
    # ``lang`` keys the entry: the texts below are written in the language of the run that
    # makes it, which is ``lang``.
    arts = cached.articles_in_view(key, f)
    listed = arts[isin(arts["article_id"], chosen)] if chosen else arts
    themes = dict(cached.options(key)["themes"])
    x = tr()
    genres = {g: x.genre(g) for g in listed["genre"].unique()}  # a handful of kinds, not a call a row
    unknown = t("unknown")
    columns = ["title", "date", "author", "genre", "tone", "n_sentences", "theme"]
    if cached.options(key)["sources"]:  # the outlet beside the date, where the articles name one
        columns.insert(columns.index("date") + 1, "source")
    # A text that does not look whole says so in its row, in a column only corpora that have
    # one get (a folder of web-page copies: half of them; the bundled articles: none), beside
    # its sentences (the last column was out of sight in a window 1,400 pixels wide).
    cut = cached.cut_off_articles(key)
    if len(cut):
        columns.insert(columns.index("n_sentences") + 1, "whole")
    table = listed.assign(
        theme=listed["top_theme"].map(lambda i: themes.get(i, "–")),
        genre=listed["genre"].map(genres),
        author=listed["author"].where(listed["author"] != "unknown", unknown),
        # Each row says which: a column of blanks under "Text" read as text that had not loaded.
        whole=np.where(isin(listed["article_id"], cut["article_id"].to_numpy()).to_numpy(), t("cut off"), t("whole"))
        if len(cut)
        else "",
    )[columns].rename(
        columns={
            "title": t("Title"),
            "date": t("Date"),
            "source": t("Source"),
            "author": t("Author"),
            "genre": t("Kind"),
            "tone": t("Tone"),
            "n_sentences": t("Sentences"),
            "theme": t("Main theme"),
            "whole": t("Text"),
        }
    )

    precision = listed["date_precision"]
    labels = listed["title"] + " (" + local_date_labels(listed["date"], precision) + ")"
    return ArticleList(
        ids=list(listed["article_id"]),
        table=shown_table(table),
        precision=precision,
        titles=dict(zip(listed["article_id"], labels)),
    )
