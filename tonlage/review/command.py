"""``python -m tonlage validate``: a corpus's tone labels to and from CSV, and how far the tone
agrees with them.

- ``validate --workspace NAME --export labels.csv`` (or a folder instead of ``--workspace``)
  writes the reader's labels with their sentences;
- ``validate --workspace NAME --import labels.csv`` adds labels from such a file (only for
  sentences of this corpus; every other row is listed with its reason);
- without either, it prints the agreement (accuracy, macro-F1, Cohen's κ with 95 % bootstrap
  intervals) and the confusion table.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    va = sub.add_parser(
        "validate", help="export or import a corpus's tone labels (CSV), or print how far the tone agrees with them"
    )
    va.add_argument("folder", type=Path, nargs="?", default=None, help="a folder corpus (or use --workspace)")
    va.add_argument("--workspace", default=None, metavar="NAME", help="a workspace made in the app or with ingest")
    what = va.add_mutually_exclusive_group()
    what.add_argument("--export", type=Path, default=None, metavar="FILE", help="write the labels to this CSV file")
    what.add_argument("--import", dest="import_", type=Path, default=None, metavar="FILE", help="read labels from CSV")


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def run(args) -> int:
    from ..export import terminal_text
    from ..i18n import translator
    from ..storage.store import cached_analysis, cached_workspace_analysis
    from ..storage.workspace import Workspace, WorkspaceError
    from . import ReaderEdits, agreement
    from .agreement import labelled_sentences

    if args.workspace:
        try:
            ws = Workspace(args.workspace, create=False)
        except WorkspaceError as exc:
            _say(f"error: {exc}")
            return 2
        edits = ReaderEdits.for_workspace(ws)
        corpus = cached_workspace_analysis(ws, random_state=0)
    else:
        if args.folder is None or not args.folder.is_dir():
            _say("error: give a folder or --workspace NAME")
            return 2
        edits = ReaderEdits.for_folder(args.folder)
        corpus = cached_analysis(args.folder, random_state=0)
    corpus = edits.apply(corpus)
    notes = edits.tone
    if args.export is not None:
        labels = notes.labels()
        args.export.write_bytes(notes.export_labels(labelled_sentences(corpus, labels)))
        _say(f"{args.export}: {len(labels)} labels")
        return 0
    tr = translator("en")
    if args.import_ is not None:
        if not args.import_.is_file():
            _say(f"error: {args.import_} is not a file")
            return 2
        store = corpus.sentence_store
        taken, problems = notes.import_labels(
            args.import_.read_bytes(), lambda ids: store.frame(["article_id", "sent_idx", "text"], article_ids=ids)
        )
        for p in problems:
            _say("skipped: " + terminal_text(tr.message(p)))
        _say(f"{taken} labels imported, {len(problems)} rows skipped")
        return 0 if taken or not problems else 1
    labels = notes.labels()
    result = agreement(labelled_sentences(corpus, labels), labels)
    if result.n == 0:
        _say("no labels yet: label sentences on the app's 'Check the tone' page, or --import a CSV file")
        return 1
    lo = {k: v[0] for k, v in result.intervals.items()}
    hi = {k: v[1] for k, v in result.intervals.items()}
    print(f"checked sentences: {result.n}" + (f" ({result.n_stale} stale labels left out)" if result.n_stale else ""))
    for name, value in (("accuracy", result.accuracy), ("macro_f1", result.macro_f1), ("kappa", result.kappa)):
        print(f"{name}: {value:.3f} (95% interval {lo[name]:.3f} to {hi[name]:.3f})")
    print("confusion (rows: reader, columns: Tonlage):")
    print(result.confusion.to_string())
    return 0
