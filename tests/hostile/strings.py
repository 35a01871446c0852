"""Hostile strings and a workspace full of them, for the app and browser tests.

Every string that comes from outside has a hostile twin here: titles, authors, sources, URLs,
notes, file names, table column names, event labels and the workspace's own name. Each
carries Markdown images and links (absolute, scheme-only ``http:host`` and bare), raw HTML,
Streamlit directives and shortcodes, maths and a bidi override. None may make a browser ask
``tracker.example`` for anything, and none may show up as anything but its own characters.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

TRACKER = "tracker.example"
IMG = f"![pixel](http://{TRACKER}/img.png)"
IMG_NO_SLASH = f"![pixel](http:{TRACKER})"  # browsers read http:host as http://host/
LINK = f"[klick](https://{TRACKER}/link)"
BARE = f"https://{TRACKER}/bare"
WWW = f"www.{TRACKER}"
MAIL = f"spion@{TRACKER}"
HTML = f'<img src="http://{TRACKER}/html.png">'
DIRECTIVES = ":red[rot] :material/home: :smile:"
MATH = "$x^2$"
BIDI = "\u202etxt.exe\u202c"
ALL = (IMG, LINK, BARE, WWW, MAIL, HTML, DIRECTIVES, MATH, BIDI)

# What must never appear raw in anything Streamlit renders as Markdown or HTML (each would
# make a link, an image, markup or an icon).
RAW_MARKERS = (
    "](http",
    f"http://{TRACKER}",
    f"https://{TRACKER}",
    f"http:{TRACKER}",
    f"www.{TRACKER}",
    f"@{TRACKER}",
    "<img",
    ":red[",
    ":material/home:",
    ":smile:",
    "$x^2$",
    "\u202e",
)

WORKSPACE = f"Mappe {IMG_NO_SLASH}"
SENTENCES = (
    "Die Außenminister trafen sich am Rande der Generalversammlung in New York.",
    "Über einen Waffenstillstand wurde lange gesprochen, eine Einigung gab es nicht.",
    "Putin und Trump telefonierten danach und lobten den konstruktiven Austausch.",
    "Beobachter zeigten sich enttäuscht über den Verlauf der Gespräche.",
    "In Budapest sollte ein Gipfel stattfinden, doch er wurde verschoben.",
    "Selenskyj warnte vor einem Diktatfrieden und forderte Sicherheitsgarantien.",
    "Rubio und Lawrow vereinbarten ein weiteres Treffen im Herbst.",
    "Die Börsen reagierten erleichtert auf die Nachricht aus Anchorage.",
    "Kritiker sprachen von einem Fiasko für die europäische Diplomatie.",
)


def body(i: int) -> str:
    """A different text for each article (so none is grouped with another as a reprint)."""
    order = [SENTENCES[(i * 4 + k * 7) % len(SENTENCES)] for k in range(6)]
    return " ".join(order) + f" Das ist Bericht Nummer {i} über die Woche {i + 10}."


BODY = body(0)


def _csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode()


def hostile_folder(folder: Path) -> Path:
    """A folder of articles whose every field is hostile; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, payload in enumerate(ALL):
        rows.append(
            {
                "title": f"Gipfel {i} {payload} {IMG}",
                "text": f"{body(i)} Quelle: {payload} und {BARE} sowie {WWW}. Kontakt {MAIL}.",
                "date": f"2025-0{1 + i % 9}-1{i % 9}",
                "author": f"Eva {LINK}",
                # two outlets: the sidebar's Source list, the Tone and Actors pages' charts by source
                "source": f"Blatt {HTML}" if i % 2 else f"Zeitung {IMG_NO_SLASH}",
                "url": f"http://{TRACKER}/a{i}\n![x](http://{TRACKER}/nl.png)",
            }
        )
    # A table file whose name and column names are hostile: its name is shown in the
    # Corpus page's "Columns of …" label, its columns in the role choices.
    (folder / f"tabelle {IMG_NO_SLASH}.csv").write_bytes(
        _csv(
            [
                {
                    "title": r["title"],
                    f"text {IMG}": r["text"],
                    "date": r["date"],
                    "author": r["author"],
                    "source": r["source"],
                    "url": r["url"],
                }
                for r in rows
            ]
        )
    )
    # Plain text files with a note each (metadata.csv), shown in the reader's "Note on this file".
    meta = []
    for i, payload in enumerate(ALL[:4]):
        name = f"notiz{i}.txt"
        (folder / name).write_text(f"{body(20 + i)} Notiz {payload}.", encoding="utf-8")
        # with a date the note explains it ("Corrected from …"), without one it is a remark
        meta.append(
            {
                "file": name,
                "title": f"Notiz {i} {payload}",
                "author": "",
                "date": f"2025-10-0{i + 1}" if i % 2 else "",
                "genre": "",
                "note": f"Hinweis {IMG} {payload}",
            }
        )
    (folder / "metadata.csv").write_bytes(_csv(meta))
    return folder


def hostile_events():
    import pandas as pd

    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-03-01", "2025-06-01"]),
            "label": [f"Gipfel {IMG}", f"Treffen {BARE}"],
            "description": [f"Beschreibung {HTML}", f"{LINK} {DIRECTIVES}"],
            "label_de": [f"Gipfel {WWW}", ""],
            "description_de": ["", ""],
        }
    )


def hostile_workspace(data_dir: Path, tmp: Path) -> str:
    """Ingest :func:`hostile_folder` into a workspace under ``data_dir``; returns its name."""
    import os

    from tonlage.events import EventBook
    from tonlage.ingest.run import ingest_paths
    from tonlage.storage.workspace import Workspace

    before = os.environ.get("TONLAGE_DATA_DIR")
    os.environ["TONLAGE_DATA_DIR"] = str(data_dir)
    try:
        ws = Workspace(WORKSPACE)
        ingest_paths(ws, [hostile_folder(tmp / "hostile")])
        EventBook.for_workspace(ws).replace_all(hostile_events())
        assert ws.article_count() >= len(ALL)
        return ws.name
    finally:
        if before is None:
            os.environ.pop("TONLAGE_DATA_DIR", None)
        else:
            os.environ["TONLAGE_DATA_DIR"] = before
