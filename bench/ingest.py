"""Ingest throughput: a generated folder of 10,000 mixed-format files into a fresh workspace.

Prints files/s, MB/s, articles and the peak memory of the ingesting process (measured in a
child process, so generating the files does not count), plus the share of each format.

    python bench/ingest.py [--files 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORDS = [
    "Regierung",
    "Verhandlung",
    "Waffenstillstand",
    "Gipfel",
    "Außenminister",
    "Einigung",
    "Kritik",
    "Sanktionen",
    "Frieden",
    "Krieg",
    "Gespräch",
    "Vorschlag",
    "Treffen",
    "Präsident",
    "Kreml",
    "Washington",
    "Moskau",
    "Kiew",
    "Europa",
    "Delegation",
    "Erklärung",
    "Zusage",
    "Bedingung",
    "Gebiet",
    "Front",
    "Hilfe",
    "Druck",
    "Lösung",
    "Vertrauen",
    "Streit",
]
# Share of each format in the generated folder (by file count).
MIX = {
    "txt": 0.35,
    "html": 0.2,
    "md": 0.08,
    "json": 0.08,
    "jsonl": 0.05,
    "csv": 0.08,
    "xlsx": 0.02,
    "docx": 0.05,
    "pdf": 0.04,
    "zip": 0.05,
}


def _text(rng: random.Random, n_sent: int = 18) -> str:
    sents = []
    for _ in range(n_sent):
        words = rng.choices(WORDS, k=rng.randint(8, 18))
        sents.append("Die " + " ".join(words).lower().capitalize() + " wurde am Montag diskutiert.")
    return " ".join(sents)


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}.{rng.randint(1, 10):02d}.2025"


def _docx(text: str, title: str) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = title
    for para in text.split(". ")[:12]:
        d.add_paragraph(para + ".")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf(text: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    page = w.add_blank_page(595, 842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})}
    )
    ascii_text = text.encode("ascii", "replace").decode()
    lines = " ".join(f"({ascii_text[i : i + 90]}) Tj T*" for i in range(0, min(len(ascii_text), 2700), 90))
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 10 Tf 12 TL 40 800 Td {lines} ET".encode("latin-1"))
    page[NameObject("/Contents")] = w._add_object(stream)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Titel", "Datum", "Quelle", "Text"])
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def generate(folder: Path, n_files: int, seed: int = 0) -> Counter:
    rng = random.Random(seed)
    kinds = rng.choices(list(MIX), weights=list(MIX.values()), k=n_files)
    made: Counter = Counter()
    for i, kind in enumerate(kinds):
        sub = folder / f"d{i % 50:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        title = f"Bericht {i}: " + " ".join(rng.choices(WORDS, k=3))
        text = _text(rng)
        path = sub / f"f{i:05d}.{kind}"
        if kind == "txt":
            path.write_text(f"{title} | Autor {i % 40}. {_date(rng)}.\n\n{text}", encoding="utf-8")
        elif kind == "md":
            path.write_text(f"# {title}\n\n{text}\n\n*{_date(rng)}*", encoding="utf-8")
        elif kind == "html":
            paras = "".join(f"<p>{p}.</p>" for p in text.split(". "))
            path.write_text(
                f"<html><head><title>{title}</title><meta name='author' content='Autor {i % 40}'>"
                f"<meta property='article:published_time' content='2025-{rng.randint(1, 10):02d}-"
                f"{rng.randint(1, 28):02d}'></head><body><nav>Menü Start Politik</nav><article>"
                f"<h1>{title}</h1>{paras}</article><footer>Impressum</footer></body></html>",
                encoding="utf-8",
            )
        elif kind == "json":
            path.write_text(
                json.dumps(
                    {
                        "articles": [
                            {"title": f"{title} ({k})", "date": _date(rng), "text": _text(rng)} for k in range(3)
                        ]
                    }
                ),
                encoding="utf-8",
            )
        elif kind == "jsonl":
            path.write_text(
                "\n".join(
                    json.dumps({"headline": f"{title} ({k})", "published": _date(rng), "body": _text(rng)})
                    for k in range(3)
                ),
                encoding="utf-8",
            )
        elif kind == "csv":
            rows = [f'"{title} ({k})";{_date(rng)};dpa;"{_text(rng)}"' for k in range(3)]
            path.write_text("Titel;Datum;Quelle;Text\n" + "\n".join(rows), encoding="utf-8")
        elif kind == "xlsx":
            path.write_bytes(_xlsx([[f"{title} ({k})", _date(rng), "dpa", _text(rng)] for k in range(3)]))
        elif kind == "docx":
            path.write_bytes(_docx(text, title))
        elif kind == "pdf":
            path.write_bytes(_pdf(text))
        elif kind == "zip":
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
                for k in range(3):
                    z.writestr(f"inner/{k}.txt", f"{title} ({k}) | Autor. {_date(rng)}.\n\n{_text(rng)}")
            path.write_bytes(buf.getvalue())
        made[kind] += 1
    return made


def _child(folder: str, data_dir: str, workers: int | None = None) -> None:
    """Runs in a fresh process: ingest and print one JSON line of figures."""
    from tonlage.ingest.run import SKIPPED, auto_workers, ingest_paths
    from tonlage.storage.workspace import Workspace

    ws = Workspace("bench", root=Path(data_dir))
    t0 = time.perf_counter()
    n_files = sum(1 for p in Path(folder).rglob("*") if p.is_file())
    report = ingest_paths(ws, [Path(folder)], workers=workers if workers is not None else auto_workers(n_files))
    wall = time.perf_counter() - t0
    skipped = Counter(r.reason[:70] for r in report.rows if r.status == SKIPPED)
    print(
        json.dumps(
            {
                "wall": wall,
                "workers": workers if workers is not None else auto_workers(n_files),
                "articles": report.n_articles,
                "rows": len(report.rows),
                "skipped": sum(skipped.values()),
                "skipped_reasons": skipped.most_common(5),
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                # largest reader process (ru_maxrss of children is the largest one's peak)
                "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "db_mb": ws.path.stat().st_size / 1e6,
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, default=None, help="generate into this folder and keep it")
    ap.add_argument("--workers", type=int, default=None, help="reader processes (default: automatic)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        folder, data, workers = args.child
        _child(folder, data, None if workers == "auto" else int(workers))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "corpus"
        t0 = time.perf_counter()
        made = generate(folder, args.files)
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(
            f"generated {args.files:,} files ({size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s: "
            + ", ".join(f"{k} {v}" for k, v in sorted(made.items()))
        )
        workers = "auto" if args.workers is None else str(args.workers)
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(folder), str(Path(tmp) / "data"), workers],
            capture_output=True,
            text=True,
            check=True,
        )
        fig = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"ingest ({fig['workers']} reader process{'es' if fig['workers'] > 1 else ''}): {fig['wall']:.1f} s wall → {args.files / fig['wall']:,.0f} files/s, "
            f"{size / 1e6 / fig['wall']:.2f} MB/s; {fig['articles']:,} articles; "
            f"{fig['rows']:,} report rows ({fig['skipped']} skipped); peak RSS {fig['peak_rss_mb']:,.0f} MB "
            f"(largest reader process {fig['worker_rss_mb']:,.0f} MB); "
            f"workspace file {fig['db_mb']:.0f} MB"
        )
        if fig["skipped_reasons"]:
            print("skipped:", fig["skipped_reasons"])


if __name__ == "__main__":
    main()
