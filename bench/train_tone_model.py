"""Train the tone model that ships in tonlage/tone/data/tone_model.json.

Reads the labelled GerNTSA sentences at run time (never copied into the repository) and writes
ONLY the fitted numbers and lexicon words: the learned news-neutral lexicon forms, the
coefficients of the sentence and target layers, and their bands. Deterministic: lbfgs logistic
regression with ``random_state=0``, folds by md5 of the text; the same data gives the same file.

Usage::

    .venv/bin/python bench/train_tone_model.py [--eval-dir DIR] [--out FILE]

How well the model does on sentences it never saw is measured by bench/tone_quality.py (5-fold
cross-validation, every choice refitted per fold).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from tonlage.tone.model import MODEL_PATH  # noqa: E402
from tonlage.tone.training import fit_tone_model  # noqa: E402

DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    path = args.eval_dir / "gerntsa-dev.jsonl"
    if not path.is_file():
        print(f"no training data at {path}", file=sys.stderr)
        return 1
    raw = path.read_bytes()
    rows = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    labels = [r["label"] for r in rows]
    spans = [(int(r["target_from"]), int(r["target_to"])) for r in rows]
    meta = {
        "trained_on": f"{path.name} (GerNTSA dev half, CC BY 4.0), {len(rows)} sentences",
        "data_md5": hashlib.md5(raw).hexdigest(),
        "script": "bench/train_tone_model.py",
        "score": "P(positive) - P(negative)",
        "classes": ["negative", "neutral", "positive"],
    }
    model = fit_tone_model(texts, labels, spans=spans, random_state=0, meta=meta)
    model.save(args.out)
    print(
        f"wrote {args.out}: {len(model.news_neutral)} news-neutral words, "
        f"sentence band {model.sentence.band:.2f}, target band {model.target.band:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
