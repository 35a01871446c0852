"""Would the strongest sentences shown as evidence be truer to readers if long ones counted less?

A sentence's tone is a squashed sum of its cues, so the strongest sentences of a view are often
long. This bench ranks sentences by ``tone / (words / median words) ** a`` and asks how many of
the 4 most negative (most positive) sentences of a random pool of 100 readers labelled negative
(positive), 3,000 pools per figure:

- GerNTSA (``gerntsa-dev.jsonl``): each sentence scored by a tone model fitted on the other four
  md5 folds (as ``bench/tone_quality.py`` does), so no sentence is scored by a model that saw
  it; the sentences are split again in two halves (the md5 of the sentence, its second bit),
  one to choose ``a`` on, the other to report;
- PotTS politics tweets: the shipped model, which never saw them.

    python -m bench.evidence_length [--eval-dir ../shared/eval]

Issue 13's fifty-first stop, 2026-12-05 (share of the 4 strongest that readers labelled the
same way, negative / positive):

    a      GerNTSA half 0   GerNTSA half 1   PotTS
    0      0.484 / 0.539    0.355 / 0.511    0.639 / 0.817   (as shipped)
    0.25   0.541 / 0.556    0.331 / 0.465    0.632 / 0.811
    0.5    0.577 / 0.523    0.299 / 0.441    0.664 / 0.792
    0.75   0.596 / 0.468    0.292 / 0.416    0.665 / 0.779
    1      0.582 / 0.433    0.290 / 0.404    0.635 / 0.793

Half 0 would choose a = 0.25-0.75 for the negative side. On half 1, the half that did not
choose, every ``a`` above 0 is worse on both sides, and on PotTS the positive side is worse
too. So the ranking stays as it is (``a`` = 0): the gain an in-sample look suggested does not
hold on sentences that were not used to choose ``a``.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import numpy as np

from bench.tone_quality import K, load_gerntsa, load_tsv, model_scores
from tonlage.tone.model import default_model
from tonlage.tone.training import fit_tone_model, md5_folds

ROOT = Path(__file__).resolve().parents[1]

POWERS = (0.0, 0.25, 0.5, 0.75, 1.0)


def precision(score, y, words, a, mask, pool=100, top=4, trials=3000, seed=0) -> tuple[float, float]:
    """Share of the ``top`` most negative / most positive of random pools labelled so."""
    rng = np.random.default_rng(seed)
    idx = np.flatnonzero(mask)
    ranked = score / (words / np.median(words)) ** a
    neg = pos = 0.0
    for _ in range(trials):
        s = rng.choice(idx, size=min(pool, len(idx)), replace=False)
        order = s[np.argsort(ranked[s], kind="stable")]
        neg += float(np.mean(y[order[:top]] == 0))
        pos += float(np.mean(y[order[-top:]] == 2))
    return neg / trials, pos / trials


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    args = ap.parse_args(argv)
    g_path, p_path = args.eval_dir / "gerntsa-dev.jsonl", args.eval_dir / "potts-politics.tsv"
    if not g_path.is_file() or not p_path.is_file():
        print(f"no labelled data in {args.eval_dir}; nothing measured")
        return 0
    g = load_gerntsa(g_path)
    p, _ = load_tsv(p_path)
    texts, labels = g["texts"], g["labels"]
    folds = md5_folds(texts, K)
    out_of_fold = np.zeros(len(texts))
    for k in range(K):
        train, test = folds != k, folds == k
        model = fit_tone_model(
            [t for t, m in zip(texts, train) if m],
            [lab for lab, m in zip(labels, train) if m],
            spans=[s for s, m in zip(g["spans"], train) if m],
            random_state=0,
        )
        out_of_fold[test] = model_scores(model, [t for t, m in zip(texts, test) if m])
    potts = model_scores(default_model(), p["texts"])

    def words(ts: list[str]) -> np.ndarray:
        return np.array([max(1, len(t.split())) for t in ts], dtype=float)

    g_words, p_words = words(texts), words(p["texts"])
    # GerNTSA's dev half is the sentences whose md5 is even: split on the next bit.
    half = np.array([int(hashlib.md5(t.encode()).hexdigest(), 16) // 2 % 2 for t in texts])
    print(f"GerNTSA {len(texts):,} sentences (halves {np.bincount(half).tolist()}), PotTS {len(p_words):,} tweets")
    print(f"{'a':<6}{'GerNTSA half 0':<18}{'GerNTSA half 1':<18}PotTS   (negative / positive)")
    for a in POWERS:
        cells = [
            precision(out_of_fold, g["y"], g_words, a, half == 0),
            precision(out_of_fold, g["y"], g_words, a, half == 1),
            precision(potts, p["y"], p_words, a, np.ones(len(p_words), dtype=bool)),
        ]
        print(f"{a:<6}" + "".join(f"{n:.3f} / {q:.3f}    " for n, q in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
