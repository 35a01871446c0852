"""Where analyses and corpora are kept between runs.

- :mod:`.store`: analyses on disk, keyed by the corpus's content (a restarted server reads them back);
- :mod:`.disk_cache`: the folder they are kept in, and small values worked out from them (word indexes);
- :mod:`.workspace`: a reader's own corpus, one SQLite file per workspace;
- :mod:`.sentence_store`: the sentence table in Parquet files, read by column and filter;
- :mod:`.article_texts`: the articles' texts, kept apart from the article table.
"""
