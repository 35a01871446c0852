"""What a reader's tone correction costs on a large workspace: the engine's time to apply it,
the store laid over (sentences set by hand) against every part written again, in one run.

A workspace already analysed (``bench.scale --keep DIR`` builds the 100,000-article one; its
``DIR/data`` and ``DIR/cache`` are given here) is opened and corrected in memory only (the
workspace's own notes are not touched):

- one sentence set by hand (the first scored sentence of the first article);
- the sentence with the most copies set for every copy (``copies`` in the notes);
- a word list of one word, "Krise" (in one article in eight) and "gut" (in one in three);
- for each, :func:`tonlage.review.apply_tone_corrections` with ``link_untouched`` (the default:
  the parts linked, the changed rows laid over) and without (every touched part written again,
  as before), best of ``--repeat``; then what reading costs while a patch exists (the tone of
  every scored sentence, and a :class:`tonlage.corpus_index.CorpusIndex` with its text keys), and
  the index's sentence pieces read afresh against taken over from the index before.

    python -m bench.corrections --data-dir DIR/data --cache-dir DIR/cache [--workspace scale-bench] [--repeat 2]
    python -m bench.corrections --data-dir DIR/data --cache-dir DIR/cache --app 4   # the app's own time

With ``--app N`` it times instead what the app's server spends on a reader's correction: the
Tone page through Streamlit's AppTest (no browser), N tones set in turn for the first of the
strongest sentences with copies, and its copies (:func:`app_corrections`).

Issue 13, 2026-12-04, main at 16393bb, the 100,000-article workspace of ``bench.scale`` (+1,000
added: 101,000 articles, 2.2 million sentences in 51 parts), quiet machine, two runs, best of 2
each:

    correction                                linked+patch   every part written
    one sentence set by hand                   0.69-0.95 s      7.8-8.6 s
    the sentence with the most copies (1,594)  1.38-1.49 s      8.7-9.0 s
    a word list of one word                        -           12.4-13.3 s (every part either way)
    read the tone of every scored sentence     0.14-0.16 s      0.04-0.05 s (no patch)
    CorpusIndex, scored sentences, text keys   0.27 s           0.24 s (no patch)

The app, click to page idle in a headless browser, setting a sentence for its 189 copies on the
Tone page: 10.3-12.5 s with the 49 parts holding a copy written again, 4.8-5.9 s laid over (the
rest is the Tone page drawn again for the corrected corpus).

Main at 01c8487 plus word lists laid over, 2026-12-04, the same workspace, quiet machine, two
runs, best of 2 each (the word lists now find their articles where the texts are stored and
score again only those articles' sentences; most of what is left is that scoring):

    correction                                linked+patch   every part written
    one sentence set by hand                   0.52-0.72 s      9.3-9.4 s
    the sentence with the most copies (1,594)  1.29-1.47 s      8.3-8.5 s
    word list: Krise (13,423 scored again)     2.85-4.06 s     11.5-12.7 s
    word list: gut (47,340 scored again)       5.48-5.65 s     14.9-15.2 s

and, after the index change (main at e2b218e), the sentence pieces of the app's index of a
corrected corpus (scored tones, text keys, voices, speakers, voice totals, mentions): 0.93 s
read from disk, 0.04 s taken over from the index before the correction (one run, best of 2).

``--app 4`` on the same workspace (a sentence set for its 189 copies), the start of the day
(01c8487, this file copied in) and main at 920c206 (word lists laid over, theme tone by
counting, the index taken over, theme rows kept), four runs each, alternated, seconds per
click: first click 3.8-5.5 before, 2.8-3.6 after; the clicks after it 2.0-4.0 (median 3.3)
before, 1.4-2.7 (median 1.95) after. In a browser the same click took 2.3-4.8 s to idle either
way: Chromium drawing the page on the same two cores hides the difference there.

Issue 13's seventy-eighth stop, 2026-12-07, main at 10f0e7c, the 101,000-article workspace of
the scale bench, ``--app 3``: the first of the strongest sentences with copies is the fourth
(194 copies in other articles); each click's run 2.55, 1.75, 1.43 s and, again, 2.01, 1.15,
1.35 s. (The last stop's run, on the third strongest sentence, which had no copies by then:
1.73, 0.78, 0.83 s.)
"""

from __future__ import annotations

import argparse
import os
import time


def _best(run, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", required=True, help="the workspace's data folder (TONLAGE_DATA_DIR)")
    ap.add_argument("--cache-dir", required=True, help="its analysis cache (TONLAGE_CACHE_DIR)")
    ap.add_argument("--workspace", default="scale-bench")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument(
        "--app",
        type=int,
        default=0,
        metavar="N",
        help="instead: N corrections on the Tone page through Streamlit's AppTest (server time, no browser)",
    )
    args = ap.parse_args(argv)
    if args.app:
        return app_corrections(args)
    os.environ["TONLAGE_DATA_DIR"], os.environ["TONLAGE_CACHE_DIR"] = args.data_dir, args.cache_dir

    import numpy as np
    import pandas as pd

    from tonlage.corpus_index import CorpusIndex
    from tonlage.review import apply_tone_corrections, text_hash
    from tonlage.storage.sentence_store import TEXT_KEY
    from tonlage.storage.store import cached_workspace_analysis
    from tonlage.storage.workspace import Workspace

    t = time.perf_counter()
    corpus = cached_workspace_analysis(Workspace(args.workspace, create=False), random_state=0)
    store = corpus.sentence_store
    print(f"{len(corpus.articles):,} articles, {len(store):,} sentences in {len(store.part_files())} parts")
    print(f"  opened in {time.perf_counter() - t:.1f} s")

    first = str(corpus.articles["article_id"].iloc[0])
    one = store.frame(["article_id", "sent_idx", "text", "tone"], article_ids=[first], scored=True).iloc[0]
    keys = store.frame([TEXT_KEY], scored=True)[TEXT_KEY].to_numpy(dtype=np.uint64)
    values, counts = np.unique(keys, return_counts=True)
    most = values[np.argmax(counts)]
    where = store.articles_with_texts(np.array([most], dtype=np.uint64))
    rows = store.frame(["article_id", "sent_idx", "text", TEXT_KEY], article_ids=where[:1])
    copy = rows[rows[TEXT_KEY].to_numpy(dtype=np.uint64) == most].iloc[0]

    def override(r, copies: bool) -> dict:
        return {
            "article_id": r.article_id,
            "sent_idx": int(r.sent_idx),
            "text_hash": text_hash(r.text),
            "label": "positive",
            "edited": "",
            "copies": copies,
            "text_key": most if copies else np.uint64(0),
        }

    cases = {
        "one sentence set by hand": pd.DataFrame([override(one, False)]),
        f"one sentence for its {counts.max() - 1} copies": pd.DataFrame([override(copy, True)]),
    }
    print(f"  {'correction':<40} {'linked+patch':>13} {'every part':>11}")
    patched = None
    for name, ov in cases.items():
        ov["text_key"] = ov["text_key"].astype(np.uint64)
        linked = _best(lambda ov=ov: apply_tone_corrections(corpus, overrides=ov), args.repeat)
        written = _best(lambda ov=ov: apply_tone_corrections(corpus, overrides=ov, link_untouched=False), args.repeat)
        print(f"  {name:<40} {linked:11.2f} s {written:9.2f} s")
        patched = apply_tone_corrections(corpus, overrides=ov)
    assert patched is not None
    for word in ("Krise", "gut"):  # a word in one article in eight, and one in every third
        words = {word: 0.0}
        linked = _best(lambda words=words: apply_tone_corrections(corpus, words=words), args.repeat)
        written = _best(
            lambda words=words: apply_tone_corrections(corpus, words=words, link_untouched=False), args.repeat
        )
        review = apply_tone_corrections(corpus, words=words).params["tone_review"]
        name = f"word list: {word} ({review['rescored']:,} scored again)"
        print(f"  {name:<40} {linked:11.2f} s {written:9.2f} s")

    read_patched = _best(lambda: patched.sentence_store.frame(["tone"], scored=True), args.repeat)
    read_plain = _best(lambda: store.frame(["tone"], scored=True), args.repeat)
    print(f"  read the tone of every scored sentence: {read_patched:.2f} s patched, {read_plain:.2f} s not")

    def index(c) -> None:
        ix = CorpusIndex(c)
        ix.scored, ix.text_keys  # noqa: B018 (what every page's first visit reads)

    index_patched = _best(lambda: index(patched), args.repeat)
    index_plain = _best(lambda: index(corpus), args.repeat)
    print(f"  CorpusIndex, its scored sentences and text keys: {index_patched:.2f} s patched, {index_plain:.2f} s not")

    # What the app's index of a corrected corpus reads: from disk, or taken over from the index
    # before the correction (its keys, voices and speakers; its tones with the patch laid over).
    def pieces(ix) -> None:
        ix.scored, ix.text_keys, ix.voices, ix.speakers, ix.voice_totals, ix.mention_at  # noqa: B018

    before = CorpusIndex(corpus)
    pieces(before)
    fresh = _best(lambda: pieces(CorpusIndex(patched)), args.repeat)
    carried = _best(lambda: pieces(CorpusIndex(patched, like=before)), args.repeat)
    print(f"  the index's sentence pieces after a correction: {fresh:.2f} s read, {carried:.2f} s taken over")
    return 0


def app_corrections(args) -> int:
    """The app's own time for a reader's correction: the Tone page of the workspace opened
    through AppTest, its correction box on the first of the ten strongest sentences that has
    copies (else the tenth), and ``--app`` tones set for it and its copies in turn
    (positive, negative, ...), each click's run timed. The workspace's notes are those of a
    copy of its database in a temporary data folder: the workspace itself is not touched."""
    import shutil
    import tempfile
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from bench.engine_throughput import ROOT

    data = Path(tempfile.mkdtemp(prefix="tonlage-bench-app-"))
    try:
        shutil.copytree(
            Path(args.data_dir) / "workspaces", data / "workspaces", ignore=shutil.ignore_patterns("*.lock")
        )
        os.environ["TONLAGE_DATA_DIR"], os.environ["TONLAGE_CACHE_DIR"] = str(data), args.cache_dir
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
        at.query_params["corpus"] = args.workspace
        t = time.perf_counter()
        at.run()
        print(f"Overview opened in {time.perf_counter() - t:.2f} s (no browser)")
        at.switch_page("app_pages/tone.py")
        at.session_state["tone_part"] = "Strongest sentences"  # the part that holds the correction box
        t = time.perf_counter()
        at.run()
        print(f"Tone page in {time.perf_counter() - t:.2f} s")
        at.session_state["tone_correct_open"] = True
        at.run()
        # The first of the strongest sentences that has copies elsewhere (which of them do
        # changes with the corpus): its correction is offered for every copy at once.
        pick = at.selectbox(key="tone_correct_pick")
        copies = []
        for k in range(min(len(pick.options), 10)):
            at.selectbox(key="tone_correct_pick").select_index(k).run()
            copies = [c for c in at.checkbox if c.key == "review_override_copies_strongest"]
            if copies:
                break
        times = []
        for i in range(args.app):
            at.radio(key="review_override_strongest").set_value("positive" if i % 2 == 0 else "negative").run()
            t = time.perf_counter()
            at.button(key="review_override_apply_strongest").click().run()
            times.append(time.perf_counter() - t)
            if at.exception:
                raise SystemExit(str([e.value for e in at.exception]))
        what = f"strongest sentence no. {k + 1}: " + (copies[0].label if copies else "no copies")
        print(f"set by hand ({what}), each click's run: " + " ".join(f"{x:.2f}" for x in times) + " s")
    finally:
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
