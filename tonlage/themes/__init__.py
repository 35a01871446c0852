"""Themes: TF-IDF over lemmas factorised by NMF, named by class-based TF-IDF.

- **Features.** Every article gives its nouns and names (lemmas; see :func:`content_terms`)
  and the pairs of them that stood side by side (bigrams). Stopwords include page furniture,
  agency names and calendar words from ``data/theme_stopwords.txt`` (:func:`.terms.theme_stopwords`);
  short credit lines ("Foto: Imago/Name") add nothing.
- **Fit.** Sublinear term frequency, IDF and document-frequency limits that adapt to the corpus
  size (:meth:`.model.ThemeModel._limits`), over single terms only: bigrams repeat their words and
  pull articles that share one name together (on the tuning half of the desk-labelled
  articles single terms scored NMI 0.49 against 0.47 with bigrams). NMF then splits the
  articles into themes; an article's share of a theme is that theme's part of its weights.
- **Labels.** Class-based TF-IDF (c-TF-IDF) over the articles of each theme (weighted by their
  share), bigrams included: the words that set a theme apart from the others, not the words
  that are merely frequent everywhere. Two to three terms, no term repeating another
  ("Putin · Putins", "EU · EU-Kommission").
- **Stability.** The model is refitted on subsamples with other seeds; a theme's stability is
  how much of its articles come back together (best-match Jaccard, averaged over the refits).
- **Quality mode** (optional): with document embeddings from :mod:`tonlage.themes.encoder`, each
  article borrows half its weights from its nearest neighbours before NMF
  (:func:`.model.neighbour_smoothing`).
- **Large corpora.** When the TF-IDF matrix would take more than its budget
  (``TONLAGE_THEME_MATRIX_MB``, :func:`tonlage.settings.theme_matrix_budget`), it is never made
  whole: scikit-learn's ``MiniBatchNMF`` learns the themes partition by partition, each
  partition's rows made from the corpus's vocabulary and IDF and let go
  (:func:`.partitions.fit_partitions`); labels, stability and :meth:`.model.ThemeModel.transform` work from the
  partitions alike. An approximation of the exact fit; ``fit_method_`` says which was used.

The document-term settings adapt to the corpus size so the same code works for five
articles and for a hundred thousand.

The modules:

- :mod:`.terms`: what counts as a theme word (content terms, stop words, credit lines, actor phrases);
- :mod:`.model`: :class:`~.model.ThemeModel`, the fit, placing new articles, stability;
- :mod:`.factorise`: the NMF, on two threads for large corpora (the same W and H as sklearn's);
- :mod:`.partitions`: counts, TF-IDF and MiniBatchNMF partition by partition, for corpora whose
  matrix does not fit its budget (also on a Dask cluster);
- :mod:`.labels`: naming a theme (c-TF-IDF, distinct terms);
- :mod:`.encoder`: the optional sentence encoder of the quality mode;
- :mod:`.edits`: the reader's merges, renames and hidden themes, applied without refitting.

Nothing is imported here: a page that needs the encoder's figures does not load the model.
"""
