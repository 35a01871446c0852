"""Command line.

- ``python -m tonlage analyse DIR [--themes N] [--format csv|table]`` (or ``--workspace NAME``):
  the same analysis the app shows, one row per article, for scripts and reports.
- ``python -m tonlage ingest PATH... --workspace NAME [--report FILE.csv]``: add files, folders
  and zip archives to a workspace the app opens, with a progress bar and a report line per file.
- ``python -m tonlage pack DIR --out deck.pptx [--pdf] [--from DATE --to DATE] [--event NAME]``:
  the meeting pack (PowerPoint, optionally PDF) without the app, for a weekly report. It is
  built by the app's own pack code (``components/pack.py``), so deck and app agree.

Every command applies the reader's theme edits (merged, renamed, hidden themes;
:mod:`tonlage.theme_edits`) kept for that folder or workspace, as the app does.
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
    an.add_argument("folder", type=Path, nargs="?", default=None,
                    help="folder of article files (.txt, .md, .html, .csv, .xlsx, .json, .docx, .pdf, .zip; "
                         "optionally with metadata.csv)")
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
    an.add_argument("--workspace", default=None, metavar="NAME",
                    help="analyse a workspace (see 'ingest') instead of a folder; give '-' as the folder")
    an.add_argument("--theme-encoder", action="store_true",
                    help="themes' quality mode: a sentence encoder groups articles that say the same in other "
                         "words (slower: about 16-40 s more per 1,000 articles)")
    _add_ingest_parser(sub)
    _add_pack_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "ingest":
        return _ingest(args)
    if args.command == "pack":
        return _pack(args)
    if args.workspace:
        return _analyse_workspace(args)
    if args.folder is None or not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    if args.themes is not None and args.themes < 1:
        print("error: --themes must be 1 or more", file=sys.stderr)
        return 2
    from .store import cached_analysis

    from .theme_edits import ThemeEditBook

    result = cached_analysis(args.folder, n_themes=args.themes, events_file=args.events,
                             actors_file=args.actors, use_cache=not args.no_cache, theme_encoder=args.theme_encoder)
    # The reader's merged, renamed and hidden themes (made in the app), as the app shows them.
    return _print_result(ThemeEditBook.for_folder(args.folder).apply(result), args.format)


def _analyse_workspace(args) -> int:
    from .store import cached_workspace_analysis
    from .workspace import Workspace, WorkspaceError

    try:
        ws = Workspace(args.workspace, create=False)
    except WorkspaceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from .theme_edits import ThemeEditBook

    result = cached_workspace_analysis(ws, n_themes=args.themes, events_file=args.events,
                                       actors_file=args.actors, use_cache=not args.no_cache,
                                       theme_encoder=args.theme_encoder)
    return _print_result(ThemeEditBook.for_workspace(ws).apply(result), args.format)


def _print_result(result, fmt: str) -> int:
    for file, reason in result.skipped.itertuples(index=False):
        print(f"skipped {file}: {reason}", file=sys.stderr)
    _print_theme_notes(result)
    rows = article_rows(result)
    if fmt == "csv":
        rows.to_csv(sys.stdout, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    else:
        _print_table(rows, sys.stdout)
    return 0 if len(rows) else 1


def _print_theme_notes(result) -> None:
    from .theme_edits import EditNote

    for note in result.params.get("theme_edit_notes", []):
        print(f"note: {EditNote(note['code'], note['params']).text()}", file=sys.stderr)


_LIMIT_FLAGS = (("max_upload_mb", "max_upload_bytes", 1024 * 1024, "largest .zip archive, in MB"),
                ("max_file_mb", "max_file_bytes", 1024 * 1024, "largest file or archive member, in MB"),
                ("max_archive_members", "max_archive_members", 1, "most files read from one archive"),
                ("max_total_mb", "max_total_bytes", 1024 * 1024, "most MB unpacked from one archive"),
                ("max_ratio", "max_ratio", 1, "largest unpacked/packed size ratio (zip bombs)"))


def _add_ingest_parser(sub) -> None:
    ing = sub.add_parser("ingest", help="add files, folders and .zip archives to a workspace")
    ing.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (read recursively)")
    ing.add_argument("--workspace", required=True, metavar="NAME",
                     help="the workspace to add to (created if new); the app lists it under 'Corpus'")
    ing.add_argument("--report", type=Path, default=None, metavar="FILE.csv",
                     help="write the report (file, status, reason, articles) to this CSV file")
    ing.add_argument("--data-dir", type=Path, default=None, metavar="DIR",
                     help="where workspaces live (default: TONLAGE_DATA_DIR or the per-user data folder)")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")
    for flag, _, _, text in _LIMIT_FLAGS:
        ing.add_argument("--" + flag.replace("_", "-"), type=int, default=None, metavar="N", help=text)


def _ingest(args) -> int:
    from tqdm import tqdm

    from .export import csv_bytes
    from .ingest import Limits
    from .ingest.run import SKIPPED, auto_workers, documents_from_paths, folder_metadata, ingest
    from .workspace import Workspace, WorkspaceError

    overrides = {field: getattr(args, flag) * scale for flag, field, scale, _ in _LIMIT_FLAGS
                 if getattr(args, flag) is not None}
    limits = Limits.from_env(**overrides)
    try:
        ws = Workspace(args.workspace, root=args.data_dir)
    except WorkspaceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    total = sum(1 for p in args.paths for _ in ([p] if p.is_file() else (q for q in p.rglob("*") if q.is_file())))
    with tqdm(total=total, unit="file", disable=args.quiet, file=sys.stderr, desc="ingest") as bar:
        report = ingest(ws, documents_from_paths(args.paths, limits), limits=limits,
                        metadata=folder_metadata(args.paths), progress=lambda _name: bar.update(1),
                        workers=auto_workers(total))
    frame = report.frame()
    if args.report:
        args.report.write_bytes(csv_bytes(frame))
    for row in report.rows:
        if row.status == SKIPPED:
            print(f"skipped {row.file}: {row.reason}", file=sys.stderr)
    print(f"{ws.name}: {report.n_loaded:,} files added ({report.n_articles:,} articles), "
          f"{report.n_already:,} already there, "
          f"{sum(1 for r in report.rows if r.status == SKIPPED) - report.n_already:,} skipped; "
          f"{ws.article_count():,} articles in the workspace.", file=sys.stderr)
    return 0 if (report.n_loaded or report.n_already) else 1


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-08-15") from None


def _add_pack_parser(sub) -> None:
    pk = sub.add_parser("pack", help="build the meeting pack (PowerPoint, optionally PDF) for a folder or workspace")
    pk.add_argument("folder", type=Path, nargs="?", default=None, help="folder of article files (as for 'analyse')")
    pk.add_argument("--workspace", default=None, metavar="NAME", help="a workspace instead of a folder")
    pk.add_argument("--out", type=Path, required=True, metavar="DECK.pptx", help="where to write the deck")
    pk.add_argument("--pdf", action="store_true", help="also write a PDF beside the deck (same name, .pdf)")
    pk.add_argument("--from", dest="date_from", type=_date, default=None, metavar="DATE",
                    help="first day of the period (YYYY-MM-DD)")
    pk.add_argument("--to", dest="date_to", type=_date, default=None, metavar="DATE",
                    help="last day of the period (YYYY-MM-DD)")
    pk.add_argument("--event", default=None, metavar="NAME",
                    help="compare before and after this event (its label, or part of it)")
    pk.add_argument("--lang", choices=("en", "de"), default="en", help="language of the slides")
    pk.add_argument("--themes", type=int, default=None, metavar="N", help="number of themes")
    pk.add_argument("--events", type=Path, default=None, metavar="FILE",
                    help="event markers (CSV); default: the folder's events, with the edits made in the app")
    pk.add_argument("--no-images", action="store_true",
                    help="put each chart's data table on its slide instead of a picture (no Chromium needed)")


def _pack(args) -> int:
    # The app's presentation code lives beside the engine in the repository (components/).
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from components.i18n import translator
    from components.pack import auto_pack

    from . import DEFAULT_CORPUS_DIR
    from .events import EventBook
    from .report.deck import pack_pdf, pack_pptx, slide_count
    from .store import cached_analysis, cached_workspace_analysis, resolve_inputs
    from .theme_edits import ThemeEditBook
    from .workspace import Workspace, WorkspaceError

    tr = translator(args.lang)
    if args.date_from and args.date_to and args.date_to < args.date_from:
        print("error: --to is before --from", file=sys.stderr)
        return 2
    if args.workspace:
        try:
            ws = Workspace(args.workspace, create=False)
        except WorkspaceError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        corpus = cached_workspace_analysis(ws, n_themes=args.themes, random_state=0)
        corpus = ThemeEditBook.for_workspace(ws).apply(corpus)
        name, book = ws.name, EventBook.for_workspace(ws)
    else:
        if args.folder is None or not args.folder.is_dir():
            print(f"error: {args.folder} is not a folder", file=sys.stderr)
            return 2
        folder, events_file, _ = resolve_inputs(args.folder, args.events)
        if events_file is None and folder == DEFAULT_CORPUS_DIR.resolve() and Path(DEFAULT_CORPUS_DIR.parent / "events.csv").is_file():
            events_file = (DEFAULT_CORPUS_DIR.parent / "events.csv").resolve()  # the bundled corpus's events
        corpus = ThemeEditBook.for_folder(folder).apply(
            cached_analysis(folder, n_themes=args.themes, events_file=events_file, random_state=0))
        name = tr("cap_bundled") if folder == DEFAULT_CORPUS_DIR.resolve() else folder.name
        book = EventBook.for_folder(folder, events_file)
    events = corpus.events if args.events else book.table()
    try:
        made = auto_pack(corpus, name=name, lang=args.lang, date_from=args.date_from, date_to=args.date_to,
                         event=args.event, events=events, render=not args.no_images)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = args.out if args.out.suffix.lower() == ".pptx" else args.out.with_suffix(".pptx")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pack_pptx(made.pack))
    written = [out]
    if args.pdf:
        written.append(out.with_suffix(".pdf"))
        written[-1].write_bytes(pack_pdf(made.pack))
    images = sum(1 for c in made.pack.charts if c.image is not None)
    print(f"{', '.join(str(p) for p in written)}: {slide_count(made.pack)} slides, {len(made.pack.charts)} charts "
          f"({images} drawn), {len(made.findings)} findings, {made.n_articles} articles.", file=sys.stderr)
    for text in made.findings:  # the findings on stdout, for a report's body text
        print(text)
    return 0
