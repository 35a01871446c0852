"""Running an analysis: from a folder or a workspace to an :class:`~tonlage.model.AnalysedCorpus`.

- :mod:`.pipeline`: the whole analysis in one pass, step by step (start reading here);
- :mod:`.per_article`: what a worker learns from one text (sentences, language, tone, actors,
  theme terms, voices);
- :mod:`.parallel`: handing that work to worker processes, a Dask cluster or this process;
  :mod:`.workers`, :mod:`.preload`, :mod:`.runtime`, :mod:`.lexicon_cache` set up the processes;
  :mod:`.cluster` is the Dask side;
- :mod:`.tables`: the sentence, mention and tone tables, made batch by batch, and the article table;
- :mod:`.text_parts`: the articles' texts column, in parts named by their digests;
- :mod:`.theme_step`: boilerplate dropped, genitives folded, the theme model fitted;
- :mod:`.incremental`: a workspace analysed in increments, only new or changed articles again;
- :mod:`.jobs`: heavy work takes turns (one bounded queue per process, shared jobs, progress,
  cancelling), for the app's readers as for the command line.

Where results are kept between runs is :mod:`tonlage.storage`.
"""
