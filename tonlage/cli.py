"""Command line.

- ``python -m tonlage analyse DIR [--themes N] [--format csv|table]`` (or ``--workspace NAME``):
  the same analysis the app shows, one row per article, for scripts and reports.
- ``python -m tonlage ingest PATH... --workspace NAME [--report FILE.csv]``: add files, folders
  and zip archives to a workspace the app opens, with a progress bar and a report line per file.
- ``python -m tonlage pack DIR --out deck.pptx [--pdf] [--from DATE --to DATE] [--event NAME]``:
  the meeting pack (PowerPoint, optionally PDF) without the app, for a weekly report. It is
  built by the app's own pack code (:mod:`tonlage.present.pack`), so deck and app agree.
- ``python -m tonlage tone FILE [--format csv|jsonl] [--out FILE]``: the tone of each sentence
  of a file (plain text, one sentence per line; or JSON lines with ``text`` and optional
  ``target``, ``target_from``, ``target_to``), scored by exactly the shipped scorer.
- ``python -m tonlage validate (DIR | --workspace NAME) [--export FILE | --import FILE]``: the
  reader's tone labels of a corpus to or from CSV; without either, how far the tone agrees with
  them (:mod:`tonlage.review.command`).

Every command applies the reader's edits kept for that folder or workspace, as the app does:
tone corrections (:mod:`tonlage.review`) and merged, renamed and hidden themes
(:mod:`tonlage.themes.edits`).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from .review import command as validate

__all__ = ["main", "article_rows", "exit_now", "CLI_COLUMNS"]

CLI_COLUMNS = (
    "file",
    "title",
    "author",
    "date",
    "date_precision",
    "date_source",
    "genre",
    "language",
    "tone",
    "top_theme",
    "top_theme_share",
)


def article_rows(result) -> pd.DataFrame:
    """One row per article with the CLI's columns; the top theme is given by its label."""
    a = result.articles
    labels = dict(zip(result.themes["theme_id"], result.themes["label"]))
    return pd.DataFrame(
        {
            "file": a["file"],
            "title": a["title"],
            "author": a["author"],
            "date": a["date_label"].where(a["date_precision"] != "none", ""),
            "date_precision": a["date_precision"],
            "date_source": a["date_source"],
            "genre": a["genre"],
            "language": a["language"],
            "tone": a["tone"].round(3),
            "top_theme": a["top_theme"].map(labels).astype(object).fillna(""),
            "top_theme_share": a["top_theme_share"].round(3),
        },
        columns=list(CLI_COLUMNS),
    )


@contextlib.contextmanager
def _stdout_in_blocks():
    """``sys.stdout`` written in blocks of 1 MB.

    pandas writes a CSV a row at a time. With an unbuffered stdout (``PYTHONUNBUFFERED=1`` or
    ``python -u``, usual in containers) each row became a system call of its own: the 102,000
    rows of an analysed workspace took 1.0 s into a pipe, 0.36 s in blocks."""
    stdout = sys.stdout
    raw = getattr(stdout, "buffer", None)
    if raw is None or not getattr(stdout, "write_through", False):
        yield stdout  # already buffered, or not a file (a test's capture)
        return
    stdout.flush()
    blocks = io.BufferedWriter(raw, buffer_size=1 << 20) if isinstance(raw, io.RawIOBase) else raw
    out = io.TextIOWrapper(blocks, encoding=stdout.encoding, errors=stdout.errors, newline="")
    try:
        yield out
    finally:
        out.flush()
        # Detached, not closed: the streams underneath are the process's stdout.
        out.detach()
        if blocks is not raw:
            blocks.detach()


def _print_table(df: pd.DataFrame, out) -> None:
    from .export import terminal_table

    shown = terminal_table(df)
    shown = shown.assign(title=shown["title"].str.slice(0, 40), top_theme=shown["top_theme"].str.slice(0, 40))
    out.write(shown.to_string(index=False) + "\n")


class _Bars:
    """Progress of long steps on stderr, one tqdm bar per step (see :mod:`tonlage.analysis.jobs`); off
    when stderr is not a terminal, or with ``quiet``."""

    def __init__(self, quiet: bool = False) -> None:
        from .analysis.jobs import Reporter

        outer = self

        class TqdmReporter(Reporter):
            def on_change(self, new_stage: bool) -> None:
                outer.show(self, new_stage)

        self.reporter = TqdmReporter()
        self.quiet = quiet
        self.bar: Any = None

    def show(self, reporter, new_stage: bool) -> None:
        from tqdm import tqdm

        stage, _params, done, total, _left = reporter.snapshot()
        if new_stage or self.bar is None:
            self.close()
            # disable=None: only on a terminal, so scripts and pipes see no bar.
            self.bar = tqdm(total=total or None, desc=stage, unit=" items", file=sys.stderr, disable=self.quiet or None)
        bar = self.bar
        bar.update(done - bar.n)  # tqdm redraws at most every 0.1 s

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self):
        from .analysis.jobs import reporting

        self._ctx = reporting(self.reporter)
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.close()
        self._ctx.__exit__(*exc)


def _count(n: int, noun: str) -> str:
    """``n`` and ``noun`` in the singular or plural ("1 file", "1,234 files")."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _say(message: str) -> None:
    """A message on stderr, with any text from files (names, titles, reasons) made printable."""
    from .export import terminal_text

    print(terminal_text(message), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run a command; Ctrl-C ends it with one line and exit status 130 (what shells expect)."""
    import logging

    from . import settings

    logging.basicConfig(level=settings.log_level(), stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    try:
        return _main(argv)
    except KeyboardInterrupt:
        # Whatever was being written is rolled back or left out of the workspace already.
        print(
            "\ninterrupted: stopped before finishing; the workspace is as it was before this command.", file=sys.stderr
        )
        return 130
    except BrokenPipeError:  # `… | head`: the reader went away; not an error of ours
        return 0


def exit_now(code: int) -> None:
    """End the process with ``code`` once its output is flushed and its exit handlers have run
    (logging, multiprocessing, temporary folders), without the interpreter's teardown of every
    module and object: 0.3 s of ``analyse`` after an add to a 100,000-article workspace, with
    nothing left to do. Only for a process that ends here (``python -m tonlage``); falls back to
    :func:`sys.exit` when the output cannot be flushed (a reader that went away)."""
    import atexit
    import os
    import threading

    for thread in threading.enumerate():  # as the interpreter would: its threads finish first
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    atexit._run_exitfuncs()
    os._exit(code)


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tonlage", description="Analyse a folder of German news texts.")
    sub = parser.add_subparsers(dest="command", required=True)
    an = sub.add_parser("analyse", help="print one row per article: date, genre, language, tone, top theme")
    an.add_argument(
        "folder",
        type=Path,
        nargs="?",
        default=None,
        help="folder of article files (.txt, .md, .html, .csv, .xlsx, .json, .docx, .pdf, .zip; "
        "optionally with metadata.csv)",
    )
    an.add_argument(
        "--themes", type=int, default=None, metavar="N", help="number of themes (default: chosen for the corpus size)"
    )
    an.add_argument("--format", choices=("csv", "table"), default="table")
    an.add_argument(
        "--events",
        type=Path,
        default=None,
        metavar="FILE",
        help="event markers (CSV: date,label,description); default: events.csv in the folder",
    )
    an.add_argument(
        "--actors",
        type=Path,
        default=None,
        metavar="FILE",
        help="actor list (CSV: actor,kind,aliases); default: a workspace's own list, else the bundled data/actors.csv",
    )
    an.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse afresh and keep nothing on disk (default: reuse and keep analyses "
        "under ~/.cache/tonlage, or TONLAGE_CACHE_DIR)",
    )
    an.add_argument(
        "--workspace",
        default=None,
        metavar="NAME",
        help="analyse a workspace (see 'ingest') instead of a folder; give '-' as the folder",
    )
    an.add_argument(
        "--refit-themes",
        action="store_true",
        help="with --workspace: fit the themes again on all its articles (a workspace keeps its themes as "
        "articles are added, until new text reaches a fifth of its words)",
    )
    an.add_argument(
        "--theme-encoder",
        action="store_true",
        help="themes' quality mode: a sentence encoder groups articles that say the same in other "
        "words (slower: about 16-40 s more per 1,000 articles)",
    )
    an.add_argument(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="read and analyse the articles on the workers of this Dask scheduler (default: "
        "TONLAGE_DASK_SCHEDULER if set, else this machine); the workers must see the folder at the same path",
    )
    an.add_argument(
        "--from",
        dest="date_from",
        type=_date,
        default=None,
        metavar="DATE",
        help="print only articles from this day on (YYYY-MM-DD; undated ones are left out); the analysis "
        "still covers every article, as the app's date filter does",
    )
    an.add_argument(
        "--to", dest="date_to", type=_date, default=None, metavar="DATE", help="print only articles up to this day"
    )
    _add_ingest_parser(sub)
    _add_pack_parser(sub)
    _add_tone_parser(sub)
    validate.add_parser(sub)
    args = parser.parse_args(argv)
    if args.command in ("analyse", "ingest") and args.scheduler is None:
        from . import settings

        args.scheduler = settings.value(settings.DASK_SCHEDULER)
    if args.command == "tone":
        return _tone(args)
    if args.command == "validate":
        return validate.run(args)
    if args.command == "ingest":
        return _ingest(args)
    if args.command == "pack":
        return _pack(args)
    if args.date_from and args.date_to and args.date_to < args.date_from:
        _say("error: --to is before --from")
        return 2
    if args.workspace:
        return _analyse_workspace(args)
    if args.folder is None or not args.folder.is_dir():
        _say(f"error: {args.folder} is not a folder")
        return 2
    if args.themes is not None and args.themes < 1:
        _say("error: --themes must be 1 or more")
        return 2
    from .review import ReaderEdits
    from .storage.store import cached_analysis

    with _cluster_errors(args.scheduler) as failed, _Bars():
        result = cached_analysis(
            args.folder,
            n_themes=args.themes,
            events_file=args.events,
            actors_file=args.actors,
            use_cache=not args.no_cache,
            theme_encoder=args.theme_encoder,
            scheduler=args.scheduler,
        )
    if failed:
        return 1
    # The reader's tone corrections and merged, renamed and hidden themes (made in the app), as
    # the app shows them.
    return _print_result(ReaderEdits.for_folder(args.folder).apply(result), args)


@contextlib.contextmanager
def _cluster_errors(scheduler: str | None):
    """With a Dask scheduler: a cluster that cannot be used is one line on stderr, not a
    traceback; the yielded list is non-empty then (the command exits with 1)."""
    failed: list[str] = []
    if not scheduler:
        yield failed
        return
    from .analysis.cluster import ClusterError

    try:
        yield failed
    except ClusterError as exc:
        failed.append(str(exc))
        _say(f"error: {exc}")


def _analyse_workspace(args) -> int:
    from .storage.store import cached_workspace_analysis
    from .storage.workspace import Workspace, WorkspaceError

    try:
        ws = Workspace(args.workspace, create=False)
    except WorkspaceError as exc:
        _say(f"error: {exc}")
        return 2
    from .review import ReaderEdits

    if args.refit_themes:
        from .analysis.incremental import request_refit

        try:
            request_refit(ws)
        except WorkspaceError as exc:
            _say(f"error: {exc}")
            return 2
    with _cluster_errors(args.scheduler) as failed, _Bars():
        result = cached_workspace_analysis(
            ws,
            n_themes=args.themes,
            events_file=args.events,
            actors_file=args.actors,
            use_cache=not args.no_cache,
            theme_encoder=args.theme_encoder,
            scheduler=args.scheduler,
        )
    if failed:
        return 1
    fit = result.params.get("theme_fit")
    if fit:
        print(
            f"note: themes fitted on {fit['n_fitted']:,} articles; {fit['n_added']:,} added or changed since "
            f"({fit['added_share']:.1%} of the text; refitted by themselves at {fit['threshold']:.0%}, "
            "or now with --refit-themes)",
            file=sys.stderr,
        )
    return _print_result(ReaderEdits.for_workspace(ws).apply(result), args)


def _print_result(result, args) -> int:
    from .export import neutralise_formulas

    for file, reason in result.skipped.itertuples(index=False):
        _say(f"skipped {file}: {reason}")
    _print_theme_notes(result)
    _print_period_note(result)
    rows = article_rows(result)
    dates = result.articles["date"]
    keep = pd.Series(True, index=rows.index)
    if args.date_from:
        keep &= dates >= pd.Timestamp(args.date_from)
    if args.date_to:
        keep &= dates < pd.Timestamp(args.date_to) + pd.Timedelta(days=1)
    rows = rows[keep.to_numpy()].reset_index(drop=True)
    if args.format == "csv":
        # The README tells readers to redirect this into a .csv file: no cell may run as a formula.
        with _stdout_in_blocks() as out:
            neutralise_formulas(rows).to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    else:
        _print_table(rows, sys.stdout)
    return 0 if len(rows) else 1


def _print_period_note(result) -> None:
    """A note on stderr when articles lie far outside the corpus's main period (tonlage.period)."""
    from .period import main_period

    a = result.articles
    p = main_period(a["date"])
    if p is None or not p.outliers:
        return
    files = ", ".join(str(f) for f in a.loc[list(p.outliers), "file"][:5]) + (", …" if len(p.outliers) > 5 else "")
    _say(
        f"note: {len(p.outliers)} article(s) lie far outside the main period {p.start:%Y-%m-%d} to {p.end:%Y-%m-%d} "
        f"({files}); they are included; --from {p.start:%Y-%m-%d} --to {p.end:%Y-%m-%d} prints only the main period"
    )


def _print_theme_notes(result) -> None:
    from .themes.edits import EditNote

    for note in result.params.get("theme_edit_notes", []):
        print(f"note: {EditNote(note['code'], note['params']).text()}", file=sys.stderr)
    if result.params.get("theme_method") == "partitions":
        parts = int(result.params.get("theme_parts", 0))
        print(
            f"note: the themes were fitted in {parts:,} part{'' if parts == 1 else 's'} because the corpus is "
            "large (MiniBatchNMF; the TF-IDF matrix is over TONLAGE_THEME_MATRIX_MB): an approximation of the exact fit",
            file=sys.stderr,
        )


_LIMIT_FLAGS = (
    ("max_upload_mb", "max_upload_bytes", 1024 * 1024, "largest .zip archive, in MB"),
    ("max_file_mb", "max_file_bytes", 1024 * 1024, "largest file or archive member, in MB"),
    ("max_archive_members", "max_archive_members", 1, "most files read from one archive"),
    ("max_total_mb", "max_total_bytes", 1024 * 1024, "most MB unpacked from one archive"),
    ("max_ratio", "max_ratio", 1, "largest unpacked/packed size ratio (zip bombs)"),
)


def _add_ingest_parser(sub) -> None:
    ing = sub.add_parser("ingest", help="add files, folders and .zip archives to a workspace")
    ing.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders (read recursively)")
    ing.add_argument(
        "--workspace",
        required=True,
        metavar="NAME",
        help="the workspace to add to (created if new); the app lists it under 'Corpus'",
    )
    ing.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="FILE.csv",
        help="write the report (file, status, reason, articles) to this CSV file",
    )
    ing.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where workspaces live (default: TONLAGE_DATA_DIR or the per-user data folder)",
    )
    ing.add_argument("--quiet", action="store_true", help="no progress bar")
    ing.add_argument(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="turn the files into articles on the workers of this Dask scheduler (default: "
        "TONLAGE_DASK_SCHEDULER if set, else this machine)",
    )
    for flag, _, _, text in _LIMIT_FLAGS:
        ing.add_argument("--" + flag.replace("_", "-"), type=int, default=None, metavar="N", help=text)


def _ingest(args) -> int:
    from tqdm import tqdm

    from .export import csv_bytes
    from .ingest import Limits
    from .ingest.run import SKIPPED, auto_workers, documents_from_paths, folder_metadata, ingest
    from .storage.workspace import Workspace, WorkspaceError

    overrides = {
        field: getattr(args, flag) * scale for flag, field, scale, _ in _LIMIT_FLAGS if getattr(args, flag) is not None
    }
    limits = Limits.from_env(**overrides)
    try:
        new = not Workspace.exists(args.workspace, root=args.data_dir)
        ws = Workspace(args.workspace, root=args.data_dir)
    except WorkspaceError as exc:
        _say(f"error: {exc}")
        return 2
    total = sum(1 for p in args.paths for _ in ([p] if p.is_file() else (q for q in p.rglob("*") if q.is_file())))
    with (
        _cluster_errors(args.scheduler) as failed,
        tqdm(total=total, unit="file", disable=args.quiet, file=sys.stderr, desc="ingest") as bar,
    ):
        try:
            report = ingest(
                ws,
                documents_from_paths(args.paths, limits),
                limits=limits,
                metadata=folder_metadata(args.paths),
                progress=lambda _name: bar.update(1),
                workers=auto_workers(total),
                total=total,
                on_wait=_waiting_note(bar),
                drop_if_empty=new,
                scheduler=args.scheduler,
            )
        except WorkspaceError as exc:
            bar.close()
            _say(f"error: {exc}")
            return 1
    if failed:
        return 1
    frame = report.frame()
    if args.report:
        args.report.write_bytes(csv_bytes(frame))
    for row in report.rows:
        if row.status == SKIPPED:
            _say(f"skipped {row.file}: {row.reason}")
    _say(
        f"{ws.name}: {_count(report.n_loaded, 'file')} added ({_count(report.n_articles, 'article')}), "
        f"{report.n_already:,} already there, "
        f"{sum(1 for r in report.rows if r.status == SKIPPED) - report.n_already:,} skipped; "
        + (
            f"{_count(ws.article_count(), 'article')} in the workspace."
            if ws.path.is_file()
            else "nothing loaded, so no workspace was made."
        )
    )
    return 0 if (report.n_loaded or report.n_already) else 1


def _waiting_note(bar):
    """``on_wait`` for an import: a line when the wait starts, then one every 10 seconds."""
    import time

    last = [0.0]

    def note(w) -> None:
        if last[0] and time.monotonic() - last[0] < 10:
            return
        last[0] = time.monotonic()
        done = (
            f" ({w.import_done:,} of {w.import_total:,} files done)"
            if w.import_total
            else (f" ({w.import_done:,} files done)" if w.import_done else "")
        )
        bar.write(f"waiting for another import into this workspace{done} …", file=sys.stderr)

    return note


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
    pk.add_argument(
        "--from",
        dest="date_from",
        type=_date,
        default=None,
        metavar="DATE",
        help="first day of the period (YYYY-MM-DD)",
    )
    pk.add_argument(
        "--to", dest="date_to", type=_date, default=None, metavar="DATE", help="last day of the period (YYYY-MM-DD)"
    )
    pk.add_argument(
        "--event", default=None, metavar="NAME", help="compare before and after this event (its label, or part of it)"
    )
    pk.add_argument(
        "--words",
        default="",
        metavar="WORDS",
        help='only articles whose headline or text holds one of these words, as the app\'s "Containing words" box '
        "takes them: separated by commas, a phrase without commas, a + between words an article must all "
        'hold, a * at the end for longer words (e.g. "Waffenruhe, Sanktion*" or "Trump + Putin")',
    )
    pk.add_argument(
        "--source",
        action="append",
        default=None,
        metavar="NAME",
        help="only articles of this outlet, as the app's Source filter names it (repeatable: any of them)",
    )
    pk.add_argument(
        "--versus",
        action="append",
        default=None,
        metavar="NAME",
        help="compare the articles of --source with those of this outlet over the period, as the app's "
        "Compare page does with two sources (repeatable: a group of outlets as one side)",
    )
    pk.add_argument("--lang", choices=("en", "de"), default="en", help="language of the slides")
    pk.add_argument("--themes", type=int, default=None, metavar="N", help="number of themes")
    pk.add_argument(
        "--events",
        type=Path,
        default=None,
        metavar="FILE",
        help="event markers (CSV); default: the folder's events, with the edits made in the app",
    )
    pk.add_argument(
        "--no-images",
        action="store_true",
        help="put each chart's data table on its slide instead of a picture (no Chromium needed)",
    )


def _pack(args) -> int:
    from .i18n import translator

    tr = translator(args.lang)
    if args.date_from and args.date_to and args.date_to < args.date_from:
        _say("error: --to is before --from")
        return 2
    bars = _Bars()
    with bars:
        return _build_pack(args, tr, bars)


def _build_pack(args, tr, bars) -> int:
    from . import DEFAULT_CORPUS_DIR
    from .events import EventBook
    from .inputs import resolve_inputs
    from .present.pack import auto_pack
    from .report.deck import pack_pdf, pack_pptx, slide_count
    from .review import ReaderEdits
    from .storage.store import cached_analysis, cached_workspace_analysis
    from .storage.workspace import Workspace, WorkspaceError

    if args.workspace:
        try:
            ws = Workspace(args.workspace, create=False)
        except WorkspaceError as exc:
            _say(f"error: {exc}")
            return 2
        corpus = cached_workspace_analysis(ws, n_themes=args.themes, random_state=0)
        corpus = ReaderEdits.for_workspace(ws).apply(corpus)
        name, book = ws.name, EventBook.for_workspace(ws)
    else:
        if args.folder is None or not args.folder.is_dir():
            _say(f"error: {args.folder} is not a folder")
            return 2
        folder, events_file, _ = resolve_inputs(args.folder, args.events)
        if (
            events_file is None
            and folder == DEFAULT_CORPUS_DIR.resolve()
            and Path(DEFAULT_CORPUS_DIR.parent / "events.csv").is_file()
        ):
            events_file = (DEFAULT_CORPUS_DIR.parent / "events.csv").resolve()  # the bundled corpus's events
        corpus = ReaderEdits.for_folder(folder).apply(
            cached_analysis(folder, n_themes=args.themes, events_file=events_file, random_state=0)
        )
        name = tr("Bundled example corpus") if folder == DEFAULT_CORPUS_DIR.resolve() else folder.name
        book = EventBook.for_folder(folder, events_file)
    events = corpus.events if args.events else book.table()
    try:
        made = auto_pack(
            corpus,
            name=name,
            lang=args.lang,
            date_from=args.date_from,
            date_to=args.date_to,
            event=args.event,
            events=events,
            render=not args.no_images,
            words=args.words,
            sources=tuple(args.source or ()),
            versus=tuple(args.versus or ()),
        )
    except ValueError as exc:
        _say(f"error: {exc}")
        return 1
    bars.close()
    out = args.out if args.out.suffix.lower() == ".pptx" else args.out.with_suffix(".pptx")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pack_pptx(made.pack))
    written = [out]
    if args.pdf:
        written.append(out.with_suffix(".pdf"))
        written[-1].write_bytes(pack_pdf(made.pack))
    images = sum(1 for c in made.pack.charts if c.image is not None)
    _say(
        f"{', '.join(str(p) for p in written)}: {slide_count(made.pack)} slides, {len(made.pack.charts)} charts "
        f"({images} drawn), {len(made.findings)} findings, {made.n_articles} articles."
    )
    from .export import terminal_text

    for text in made.findings:  # the findings on stdout, for a report's body text
        print(terminal_text(text))
    return 0


def _add_tone_parser(sub) -> None:
    tn = sub.add_parser("tone", help="score the tone of each sentence in a file (one per line, or JSON lines)")
    tn.add_argument(
        "file",
        type=Path,
        help="plain text (one sentence per line) or JSON lines with 'text' and "
        "optional 'target', 'target_from', 'target_to'; '-' reads standard input",
    )
    tn.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    tn.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="write here instead of standard output (CSV files get a UTF-8 BOM for spreadsheets)",
    )


def _tone(args) -> int:
    import json

    from .export import csv_bytes, neutralise_formulas
    from .tone.batch import read_sentences, score_sentences

    if str(args.file) == "-":
        raw = sys.stdin.read()
    else:
        if not args.file.is_file():
            print(f"error: {args.file} is not a file", file=sys.stderr)
            return 2
        try:
            raw = args.file.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            print(f"error: {args.file} is not UTF-8 text; save it as UTF-8 and try again", file=sys.stderr)
            return 2
    rows, messages, _ = read_sentences(raw)
    for msg in messages:
        print(f"warning: {msg.text()}", file=sys.stderr)
    table = score_sentences(rows)
    if args.format == "jsonl":
        lines = [
            json.dumps(
                {k: (None if isinstance(v, float) and v != v else v) for k, v in rec.items()}, ensure_ascii=False
            )
            for rec in table.to_dict(orient="records")
        ]
        text = "\n".join(lines) + ("\n" if lines else "")
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    elif args.out:
        args.out.write_bytes(csv_bytes(table))
    else:
        with _stdout_in_blocks() as out:
            neutralise_formulas(table).to_csv(out, index=False, lineterminator="\n")
    return 0 if len(table) else 1
