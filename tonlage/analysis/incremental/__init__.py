"""A workspace analysed in increments: what each article gave is kept in the workspace, and so is
the fitted theme model, so adding, editing or removing articles re-analyses only those articles.

- **Per-article results** (sentences, tone, actors, voices, language, theme terms: what
  :func:`tonlage.analysis.per_article.parse` learns from one text) are stored in the workspace file under a
  key of the article's text as analysed (after recurring lines are taken out) and the engine
  (version, analysis format, theme stopwords). An article whose text is unchanged is not analysed
  again; a new or changed text is. Keys no article uses any more are dropped, so a removed
  article leaves nothing behind.
- **The actor list**: every kept row names the list it was made with. When the reader changes
  the list, only the articles that may name an alias that was added, removed or given to
  another actor are analysed again (:meth:`KeptResults.follow_actors`,
  :mod:`tonlage.analysis.actor_change`); the others' rows are carried over to the new list,
  and a kept batch that holds an article analysed again gets that article's rows patched in.
- **Batches**: what the per-article stage made of each batch of articles (the sentences'
  Parquet part, per-article tone, mentions, actor rows, what the themes read) is kept too. A
  batch whose articles are all still there, unchanged and in the same order, is taken whole,
  so an add reads back none of the articles before it (at 100,000 articles, reading each
  article's results back and writing their sentences again took 34 s of a 69 s add).
- **Duplicates**: each text's sketch (:data:`tonlage.duplicates.Sketch`) is kept, and the
  search's :class:`~tonlage.duplicates.DuplicateIndex` (band keys and near pairs), so an add
  normalises, sketches and bands only new texts and verifies them against the kept signatures
  of their candidates only. The other corpus-wide steps (recurring lines, tables) run over the
  whole corpus every time.
- **Themes** are kept: the model fitted last (vocabulary, IDF, NMF themes, labels) and each
  fitted article's shares. A new or changed article gets its shares from the kept themes
  (:meth:`tonlage.themes.model.ThemeModel.transform`), kept too until the themes are fitted again,
  so a later add does not place it again; the labels stay. The themes are fitted again
  when the reader asks (:func:`request_refit`) or when the new text since the last fit reaches
  :data:`tonlage.thresholds.THEME_REFIT_SHARE` of the corpus's words. A fit is exactly the fit
  of a from-scratch analysis, and the same sequence of changes always gives the same result.

What the reader is told goes into ``params["theme_fit"]`` (see :func:`theme_fit_note`).

The package, by part (:class:`KeptResults` is one object made of them, over the state in
:mod:`.base`):

* :mod:`.store` — the workspace's tables of kept results, how a row is packed and written, the
  refit requests and :func:`engine_key`;
* :mod:`.results` — :class:`KeptResults` and the per-article stage: which articles to parse,
  kept batches taken whole or patched, the texts read back;
* :mod:`.actors` — following a change of the actor list;
* :mod:`.duplicates` — the duplicate search over the kept sketches and index;
* :mod:`.themes` — the kept theme fit, new articles placed by it, :func:`theme_fit_note`;
* this module — :func:`analyse_workspace`, which hands a :class:`KeptResults` to the pipeline.
"""

from __future__ import annotations

from pathlib import Path

from .results import KeptResults
from .store import engine_key, refit_requests, request_refit
from .themes import theme_fit_note

__all__ = ["analyse_workspace", "engine_key", "refit_requests", "request_refit", "theme_fit_note", "KeptResults"]


def analyse_workspace(
    ws,
    *,
    n_themes: int | None = None,
    events_file: str | Path | None = None,
    actors_file: str | Path | None = None,
    random_state: int = 0,
    workers: int | None = None,
    fingerprint: str | None = None,
    analysis_format: int = 0,
    scheduler: str | None = None,
    known_texts=None,
    known_parts=None,
):
    """The analysis of a workspace, re-analysing only new and changed articles and keeping the
    themes (see the module's docstring). Same arguments as
    :func:`tonlage.analysis.pipeline.analyse_articles`; the theme quality mode is not incremental.
    ``analysis_format``: :data:`tonlage.storage.store.ANALYSIS_FORMAT` (kept results of another format
    are not used).

    Returns:
        The :class:`~tonlage.model.AnalysedCorpus`; ``params["theme_fit"]`` says how the themes
        were made, ``params["articles_analysed"]`` how many articles went through the
        per-article stage.
    """
    from ...inputs import resolve_side_files
    from ..pipeline import analyse_articles

    events_file, actors_file = resolve_side_files(events_file, actors_file)
    kept = KeptResults(
        ws,
        engine=engine_key(analysis_format),
        scope=f"{n_themes or 'auto'}|{random_state}",
        known_parts=known_parts,
    )

    def read() -> list:
        raws = ws.raw_articles(texts=False)
        kept.read_new_texts(raws)
        return raws

    result = analyse_articles(
        read,
        fingerprint=fingerprint or ws.fingerprint(),
        name=f"workspace: {ws.name}",
        n_themes=n_themes,
        events_file=events_file,
        actors_file=actors_file,
        random_state=random_state,
        workers=workers,
        kept=kept,
        scheduler=scheduler,
        known_texts=known_texts,
    )
    result.params["theme_fit"] = kept.note
    result.params["articles_analysed"] = kept.parsed_count
    return result
