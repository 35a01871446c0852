"""Command line: ``python -m tonlage analyse DIR [--themes N] [--format csv|table]``.

Runs the same analysis the app shows and prints one row per article, for scripts and reports.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

__all__ = ["main", "article_rows", "CLI_COLUMNS"]

CLI_COLUMNS = ("file", "title", "author", "date", "date_precision", "date_source", "genre",
               "language", "tone", "top_theme", "top_theme_share")


def article_rows(result) -> pd.DataFrame:
    """One row per article with the CLI's columns; the top theme is given by its label."""
    a = result.articles
    labels = dict(zip(result.themes["theme_id"], result.themes["label"]))
    return pd.DataFrame({
        "file": a["file"],
        "title": a["title"],
        "author": a["author"],
        "date": a["date_label"].where(a["date_precision"] != "none", ""),
        "date_precision": a["date_precision"],
        "date_source": a["date_source"],
        "genre": a["genre"],
        "language": a["language"],
        "tone": a["tone"].round(3),
        "top_theme": a["top_theme"].map(labels).fillna(""),
        "top_theme_share": a["top_theme_share"].round(3),
    }, columns=list(CLI_COLUMNS))


def _print_table(df: pd.DataFrame, out) -> None:
    shown = df.assign(title=df["title"].str.slice(0, 40), top_theme=df["top_theme"].str.slice(0, 40))
    out.write(shown.to_string(index=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tonlage",
                                     description="Analyse a folder of German news texts.")
    sub = parser.add_subparsers(dest="command", required=True)
    an = sub.add_parser("analyse", help="print one row per article: date, genre, language, tone, top theme")
    an.add_argument("folder", type=Path, help="folder of .txt/.md files (optionally with metadata.csv)")
    an.add_argument("--themes", type=int, default=None, metavar="N",
                    help="number of themes (default: chosen for the corpus size)")
    an.add_argument("--format", choices=("csv", "table"), default="table")
    an.add_argument("--events", type=Path, default=None, metavar="FILE",
                    help="event markers (CSV: date,label,description); default: events.csv in the folder")
    an.add_argument("--actors", type=Path, default=None, metavar="FILE",
                    help="actor list (CSV: actor,kind,aliases); default: the bundled data/actors.csv")
    an.add_argument("--no-cache", action="store_true",
                    help="analyse afresh and keep nothing on disk (default: reuse and keep analyses "
                         "under ~/.cache/tonlage, or TONLAGE_CACHE_DIR)")
    args = parser.parse_args(argv)

    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    if args.themes is not None and args.themes < 1:
        print("error: --themes must be 1 or more", file=sys.stderr)
        return 2
    from .store import cached_analysis

    result = cached_analysis(args.folder, n_themes=args.themes, events_file=args.events,
                             actors_file=args.actors, use_cache=not args.no_cache)
    for file, reason in result.skipped.itertuples(index=False):
        print(f"skipped {file}: {reason}", file=sys.stderr)
    rows = article_rows(result)
    if args.format == "csv":
        rows.to_csv(sys.stdout, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    else:
        _print_table(rows, sys.stdout)
    return 0 if len(rows) else 1
