"""What the examples under "mostly neutral" show: the shares of negative, neutral and positive
sentences among the first eight a reader sees, against the view's own shares.

The Overview's first finding is nearly always the view's mean tone, and on news it is nearly
always "mostly neutral". Its examples used to be the view's most charged sentences either way
(the evidence of a direction), which read as the opposite of the claim. They are now a
cross-section (:func:`tonlage.findings.view_findings`, ``examples == "cross_section"``). The 509
articles of ``../shared/eval/gnad-dev`` (never copied into the repository), analysed as a
folder; ``--trials`` random views of 30, 100 and all 509 articles. Nothing is fitted.

    python -m bench.example_mix [--trials 100] [--seed 0] [--data ../shared/eval/gnad-dev]

Figures (2026-12-05, seed 0, 100 random views a row, those called "mostly neutral" counted;
shares of sentence labels; before: main at d65b18b, after: this change):

    articles  neutral views  the views' sentences  first 8 shown: before  after            mean |tone| shown
              neg/neu/pos                          neg/neu/pos            neg/neu/pos      before  after
    30        73             0.10/0.79/0.11        0.52/0.00/0.48         0.12/0.75/0.12   0.93    0.24
    100       92             0.10/0.78/0.12        0.44/0.00/0.56         0.12/0.75/0.12   0.96    0.24
    509       1              0.10/0.78/0.12        0.62/0.00/0.38         0.12/0.75/0.12   0.98    0.25

So the eight sentences under "mostly neutral" held no neutral sentence and averaged a tone of
±0.93-0.98; they now hold neutral, negative and positive sentences about as the views do.
"""

from __future__ import annotations

import numpy as np

from bench.null_comparisons import dated_corpus, trial_args

SHOWN = 8  # the examples the Findings box shows (components/findings_view.py)


def main() -> int:
    args = trial_args(__doc__.splitlines()[0], 100)
    corpus = dated_corpus(args.data)
    if corpus is None:
        return 2
    from tonlage.corpus_index import CorpusIndex
    from tonlage.findings import view_findings

    index = CorpusIndex(corpus)
    s = corpus.sentences.dropna(subset=["tone"])
    tone = dict(zip(zip(s["article_id"], s["sent_idx"].astype(int)), s["tone"]))
    label = dict(zip(zip(s["article_id"], s["sent_idx"].astype(int)), s["tone_label"]))
    ids = corpus.articles["article_id"].to_numpy()
    rng = np.random.default_rng(args.seed)
    print(
        f"{'articles':>8} {'neutral views':>13} {'view neg/neu/pos':>20} {'shown neg/neu/pos':>20} {'mean |tone| shown':>18}"
    )
    for size in (30, 100, None):
        n = args.trials if size else 1
        views, in_view, shown, strength = 0, np.zeros(3), np.zeros(3), []
        for _ in range(n):
            pick = ids if size is None else rng.choice(ids, size, replace=False)
            (overall,) = [f for f in view_findings(corpus, list(pick), index=index) if f.kind == "overall_tone"]
            if overall.values.get("word") != "neutral":
                continue
            views += 1
            mine = s[s["article_id"].isin(set(pick))]["tone_label"].value_counts()
            in_view += [mine.get(k, 0) for k in ("negative", "neutral", "positive")]
            refs = overall.sentences[:SHOWN]
            shown += [sum(label[r] == k for r in refs) for k in ("negative", "neutral", "positive")]
            strength += [abs(tone[r]) for r in refs]
        fmt = lambda v: "/".join(f"{x:.2f}" for x in v / max(1, v.sum()))  # noqa: E731
        print(
            f"{size or len(ids):>8} {views:>13} {fmt(in_view):>20} {fmt(shown):>20} {np.mean(strength) if strength else float('nan'):>18.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
