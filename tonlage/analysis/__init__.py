"""Running an analysis: from a folder or a workspace to an :class:`~tonlage.model.AnalysedCorpus`.

- :mod:`.pipeline`: the whole analysis in one pass (per-article work, then the corpus-wide steps:
  duplicates, themes, tables);
- :mod:`.incremental`: a workspace analysed in increments, only new or changed articles again;
- :mod:`.workers`, :mod:`.preload`, :mod:`.runtime`, :mod:`.lexicon_cache`: the worker processes,
  what they load once, and the process switches flipped for a block of work;
- :mod:`.cluster`: the per-article work on a Dask cluster instead;
- :mod:`.jobs`: heavy work takes turns (one bounded queue per process, shared jobs, progress,
  cancelling), for the app's readers as for the command line.

Where results are kept between runs is :mod:`tonlage.storage`.
"""
