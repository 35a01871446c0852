"""The reader's theme edits: merge, rename and hide themes, without refitting.

Two layers:

- :class:`ThemeEdits` says what to do in terms of the theme ids of one analysis (groups of ids
  to merge, new labels, hidden ids). :func:`apply_theme_edits` applies it to an analysed corpus
  and returns a new one whose theme tables (``themes``, ``article_themes`` and the articles'
  ``top_theme``/``top_theme_share``) already carry the edits, so every chart, finding, export
  and pack that reads those tables shows them. Nothing is refitted: merging sums shares,
  hiding drops a theme and spreads each article over its remaining themes.
- :class:`ThemeEditBook` keeps edits with the corpus they belong to, following
  :mod:`tonlage.events`: a workspace in its SQLite file (table ``theme_edits``, meta key
  ``themes_revision``, never the analysis ``revision``: edits cost no re-analysis); a folder
  corpus in an overlay file in the per-user data folder,
  ``data_dir()/theme_edits/<first 16 hex digits of sha256(resolved corpus path)>.json``.

Stored edits are keyed by the theme's **signature**, its top terms, not by its id: ids are
only positions and change when a re-analysis finds themes in another order. When the corpus is
analysed again, each stored signature is matched to the current theme whose top terms overlap
it most (Jaccard of the term sets at least :data:`MATCH_AT_LEAST`, each theme matched once).
An edit whose theme no longer exists is left out, with a note (:class:`EditNote`). Edits are
kept per number-of-themes setting ("auto" or the number): themes of another setting are other
themes.

Semantics, in this order: merges (a merged theme keeps the smallest id of its group, its
shares are the sum of its members' shares, its top terms combine theirs weighted by theme
weight, its stability is not measured: NaN), then renames (of any member of a merged group),
then hiding (of a theme or any member of a merged group). Ids that remain keep their numbers,
so a filter, a pinned chart or a colour that names theme 3 still means theme 3.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..i18n import N_, Message, message
from ..model import ARTICLE_THEME_COLUMNS, THEME_COLUMNS, AnalysedCorpus

try:  # POSIX; elsewhere a process-wide lock guards the overlay instead
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    import sqlite3

    from ..storage.workspace import Workspace

__all__ = [
    "MATCH_AT_LEAST",
    "MAX_LABEL",
    "EditNote",
    "ThemeEditBook",
    "ThemeEditError",
    "ThemeEdits",
    "apply_theme_edits",
    "changes",
    "edit_scope",
    "match_signatures",
    "resolve",
]

log = logging.getLogger(__name__)

# Six of ten top terms shared (6 / 14 = 0.43) still name the same theme; five (0.33) do not.
MATCH_AT_LEAST = 0.4
MAX_LABEL = 80  # characters of a label the reader gives
KINDS = ("merge", "rename", "hide")


_PROCESS_LOCK = threading.Lock()


class ThemeEditError(ValueError):
    """A theme edit that cannot be made. Raised with a :class:`~tonlage.i18n.Message`: ``str(exc)``
    is the English sentence, ``message_of(exc)`` the message to show."""


@dataclass(frozen=True)
class ThemeEdits:
    """Edits in terms of one analysis's theme ids.

    Attributes:
        merges: Groups of theme ids to merge (each at least two ids; an id in one group only).
        renames: Theme id → the reader's label.
        hidden: Theme ids to hide.
    """

    merges: tuple[frozenset[int], ...] = ()
    renames: tuple[tuple[int, str], ...] = ()
    hidden: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.merges or self.renames or self.hidden)

    def key(self) -> str:
        """A short stable text naming these edits (part of the edited corpus's fingerprint)."""
        text = json.dumps([sorted(sorted(g) for g in self.merges), sorted(self.renames), sorted(self.hidden)])
        return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class EditNote:
    """Something the reader should know about their edits, as a message code and parameters.

    Codes: ``theme_edit_dropped`` (``kind``, ``label``: the theme it was made on no longer
    exists), ``theme_merge_partial`` (``labels``: only some themes of a merge were found; the
    others are merged), ``theme_edits_unreadable`` (``reason``: the overlay file could not be
    read; no edits are applied until the next change replaces it, keeping a ``.bak`` copy).
    """

    code: str
    params: dict = field(default_factory=dict)

    def message(self) -> Message | str:
        """The note as a :class:`~tonlage.i18n.Message` (its text is English); an unknown code as it is."""
        if self.code == "theme_edit_dropped":
            return message(_DROPPED.get(self.params.get("kind", ""), _DROPPED[""]), label=self.params.get("label", ""))
        if self.code == "theme_merge_partial":
            return message(
                "Some themes of a merge no longer exist ({labels}); the others are still merged.",
                labels=", ".join(self.params.get("labels", [])),
            )
        if self.code == "theme_edits_unreadable":
            return message("Your theme edits could not be read ({reason}).", reason=self.params.get("reason", ""))
        return self.code

    def text(self) -> str:
        """The note in English (see :meth:`message`)."""
        return self.message()


# An edit whose theme no longer exists, one sentence per kind of edit.
_DROPPED = {
    "merge": N_(
        "Your merge of the theme “{label}” no longer applies: that theme is not among the themes of this analysis."
    ),
    "rename": N_(
        "Your new name of the theme “{label}” no longer applies: that theme is not among the themes of this analysis."
    ),
    "hide": N_(
        "Your hiding of the theme “{label}” no longer applies: that theme is not among the themes of this analysis."
    ),
    "": N_("Your edit of the theme “{label}” no longer applies: that theme is not among the themes of this analysis."),
}


def edit_scope(n_themes: int | None) -> str:
    """The storage scope of a number-of-themes setting: ``"auto"`` or the number."""
    return "auto" if not n_themes else str(int(n_themes))


# --- applying -----------------------------------------------------------------------------------


def _combined_terms(rows: pd.DataFrame, n: int) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Top terms of merged themes: each member's term weights scaled by its corpus weight."""
    score: dict[str, float] = {}
    for r in rows.itertuples(index=False):
        for term, w in zip(r.terms, r.term_weights):
            score[term] = score.get(term, 0.0) + float(w) * float(r.weight)
    from .labels import distinct_terms

    ranked = sorted(score, key=lambda t: (-score[t], t))
    terms = distinct_terms(ranked)[:n]
    total = float(rows["weight"].sum()) or 1.0
    return tuple(terms), tuple(score[t] / total for t in terms)


def apply_theme_edits(corpus: AnalysedCorpus, edits: ThemeEdits, notes: Iterable[EditNote] = ()) -> AnalysedCorpus:
    """A new analysed corpus with ``edits`` applied to its theme tables; ``corpus`` is not changed.

    Args:
        corpus: The analysed corpus (as the pipeline made it, without edits).
        edits: What to merge, rename and hide, by the corpus's theme ids. Ids it does not
            know are ignored.
        notes: Notes from resolving stored edits; kept in ``params["theme_edit_notes"]``.

    Returns:
        The edited corpus. ``params["theme_edits"]`` lists what was applied (merged groups,
        renamed and hidden ids); ``fingerprint`` gains the edits' key.
    """
    notes = list(notes)
    th = corpus.themes
    if th.empty or not edits:
        if not notes:
            return corpus
        return dataclasses.replace(
            corpus, params={**corpus.params, "theme_edit_notes": [dataclasses.asdict(n) for n in notes]}
        )
    known = {int(i) for i in th["theme_id"]}
    target = {i: i for i in known}
    groups = []
    for group in edits.merges:
        members = sorted(set(group) & known)
        if len(members) >= 2:
            groups.append(members)
            for m in members:
                target[m] = members[0]
    renames: dict[int, str] = {}
    for tid, label in sorted(edits.renames):  # a representative's own name wins over a member's
        if tid in known and tid == target[tid]:
            renames[tid] = label
    for tid, label in sorted(edits.renames):
        if tid in known:
            renames.setdefault(target[tid], label)
    hidden = {target[i] for i in edits.hidden if i in known}

    # Article × theme as a dense matrix (articles × themes): moving shares to a representative
    # and dropping hidden themes is one matrix product; pandas group-bys over 2.5 million rows
    # (100,000 articles × 25 themes) took seconds where this takes a fraction of one.
    at = corpus.article_themes
    codes, article_ids = pd.factorize(at["article_id"], sort=False)
    old_ids = np.array(sorted(known), dtype=np.int64)
    column = pd.Series(np.arange(len(old_ids)), index=old_ids)
    S = np.zeros((len(article_ids), len(old_ids)))
    S[codes, column.reindex(at["theme_id"].to_numpy()).to_numpy()] = at["share"].to_numpy(dtype="float64")
    kept = np.array(sorted(set(target.values()) - hidden), dtype=np.int64)
    where = {int(t): i for i, t in enumerate(kept)}
    M = np.zeros((len(old_ids), len(kept)))
    for i, t in enumerate(old_ids):
        if target[int(t)] in where:
            M[i, where[target[int(t)]]] = 1.0
    S = S @ M
    totals = S.sum(axis=1, keepdims=True)
    S = np.divide(S, totals, out=np.zeros_like(S), where=totals > 0)
    new_at = pd.DataFrame(
        {
            "article_id": np.repeat(np.asarray(article_ids, dtype=object), len(kept)),
            "theme_id": np.tile(kept, len(article_ids)),
            "share": S.reshape(-1),
        },
        columns=list(ARTICLE_THEME_COLUMNS),
    )

    # Articles: the top theme among what is left (-1 when nothing is).
    arts = corpus.articles
    has = S.sum(axis=1) > 0
    best = S.argmax(axis=1) if len(kept) else np.zeros(len(article_ids), dtype=np.int64)
    top = pd.Series(np.where(has, kept[best] if len(kept) else -1, -1), index=article_ids)
    top_share = pd.Series(np.where(has, S.max(axis=1) if len(kept) else 0.0, 0.0), index=article_ids)
    new_arts = arts.copy()
    new_arts["top_theme"] = arts["article_id"].map(top).fillna(-1).astype("int64").to_numpy()
    new_arts["top_theme_share"] = arts["article_id"].map(top_share).fillna(0.0).astype("float64").to_numpy()

    # Themes: one row per representative that is not hidden.
    rows = []
    n_terms = max((len(t) for t in th["terms"]), default=10) or 10
    from .labels import readable_label

    for tid in kept:
        members = th[th["theme_id"].map(target) == tid]
        own = th[th["theme_id"] == tid].iloc[0]
        if len(members) > 1:
            terms, weights = _combined_terms(members, n_terms)
            label, stability = readable_label(list(terms), weights=list(weights)), float("nan")
        else:
            terms, weights, label = own["terms"], own["term_weights"], own["label"]
            stability = own.get("stability", float("nan"))  # absent in analyses made before it existed
        rows.append(
            {
                "theme_id": int(tid),
                "label": renames.get(int(tid), label),
                "terms": terms,
                "term_weights": weights,
                "stability": stability,
            }
        )
    new_th = pd.DataFrame(rows, columns=["theme_id", "label", "terms", "term_weights", "stability"])
    new_th["weight"] = S.sum(axis=0) / max(len(article_ids), 1)
    new_th["n_articles"] = np.bincount(best[has], minlength=len(kept)).astype("int64") if len(kept) else []
    tone = arts.set_index("article_id")["tone"].reindex(article_ids).to_numpy(dtype="float64")
    scored = ~np.isnan(tone)
    mass = S[scored].sum(axis=0)
    new_th["tone"] = np.divide(S[scored].T @ tone[scored], mass, out=np.full(len(kept), np.nan), where=mass > 0)
    new_th["theme_id"] = new_th["theme_id"].astype("int64")
    new_th = new_th[list(THEME_COLUMNS)]

    applied = {
        "merged": groups,
        "renamed": {int(k): v for k, v in sorted(renames.items())},
        "hidden": sorted(int(i) for i in hidden),
    }
    params = {**corpus.params, "theme_edits": applied, "theme_edit_notes": [dataclasses.asdict(n) for n in notes]}
    return dataclasses.replace(
        corpus,
        themes=new_th,
        article_themes=new_at,
        articles=new_arts,
        params=params,
        fingerprint=f"{corpus.fingerprint}+themes-{edits.key()}",
    )


# --- matching stored signatures ---------------------------------------------------------------


def match_signatures(signatures: list[tuple[str, ...]], themes: pd.DataFrame) -> dict[tuple[str, ...], int]:
    """Stored signatures → current theme ids, best overlap first, each theme used once, only
    where the Jaccard of the term sets is at least :data:`MATCH_AT_LEAST`."""
    pairs = []
    current = [(int(r.theme_id), set(r.terms)) for r in themes.itertuples(index=False)]
    for sig in dict.fromkeys(signatures):
        s = set(sig)
        for tid, terms in current:
            union = s | terms
            j = len(s & terms) / len(union) if union else 0.0
            if j >= MATCH_AT_LEAST:
                pairs.append((-j, tid, sig))
    out: dict[tuple[str, ...], int] = {}
    used: set[int] = set()
    for _neg, tid, sig in sorted(pairs, key=lambda p: (p[0], p[1], p[2])):
        if sig not in out and tid not in used:
            out[sig] = tid
            used.add(tid)
    return out


def resolve(records: list[dict], themes: pd.DataFrame) -> tuple[ThemeEdits, list[EditNote]]:
    """Stored records (signature-keyed) → :class:`ThemeEdits` for ``themes``, with notes for
    edits whose theme is gone."""
    found = match_signatures([tuple(r["signature"]) for r in records], themes)
    notes: list[EditNote] = []
    groups: dict[str, list[dict]] = {}
    renames, hidden = [], set()
    for r in records:
        tid = found.get(tuple(r["signature"]))
        if r["kind"] == "merge":
            groups.setdefault(r["value"], []).append({**r, "tid": tid})
            continue
        if tid is None:
            notes.append(EditNote("theme_edit_dropped", {"kind": r["kind"], "label": r["was"]}))
        elif r["kind"] == "rename":
            renames.append((tid, r["value"]))
        elif r["kind"] == "hide":
            hidden.add(tid)
    merges = []
    for _gid, members in sorted(groups.items()):
        ids = frozenset(m["tid"] for m in members if m["tid"] is not None)
        lost = [m["was"] for m in members if m["tid"] is None]
        if len(ids) >= 2:
            merges.append(ids)
            if lost:
                notes.append(EditNote("theme_merge_partial", {"labels": lost}))
        else:
            notes.append(
                EditNote("theme_edit_dropped", {"kind": "merge", "label": " + ".join(m["was"] for m in members)})
            )
    return ThemeEdits(tuple(merges), tuple(sorted(renames)), frozenset(hidden)), notes


def changes(records: list[dict]) -> list[dict]:
    """Stored records as the reader's changes, oldest first: a merge is one change.

    Each is a dict with ``kind`` ("merge", "rename", "hide"), ``labels`` (the automatic names
    of the themes it was made on, as they were then), ``value`` (the new name of a rename),
    ``signatures`` (what :meth:`ThemeEditBook.undo` takes back) and ``group`` (a merge's id).
    """
    out: list[dict] = []
    merges: dict[str, dict] = {}
    for r in records:
        if r["kind"] == "merge":
            group = merges.get(r["value"])
            if group is None:
                group = merges[r["value"]] = {
                    "kind": "merge",
                    "labels": [],
                    "value": "",
                    "signatures": [],
                    "group": r["value"],
                    "edited": r["edited"],
                }
                out.append(group)
            group["labels"].append(r["was"])
            group["signatures"].append(list(r["signature"]))
            group["edited"] = max(group["edited"], r["edited"])
        else:
            out.append(
                {
                    "kind": r["kind"],
                    "labels": [r["was"]],
                    "value": r["value"] if r["kind"] == "rename" else "",
                    "signatures": [list(r["signature"])],
                    "group": None,
                    "edited": r["edited"],
                }
            )
    return sorted(out, key=lambda c: c["edited"])  # stable: same-second changes keep their order


# --- storage ------------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _clean_label(label: str) -> str:
    from ..events import clean_text

    text = clean_text(label)
    if not text:
        raise ThemeEditError(message("A theme name needs at least one character."))
    if len(text) > MAX_LABEL:
        raise ThemeEditError(
            message("A theme name is {length} characters long; at most {limit} fit.", length=len(text), limit=MAX_LABEL)
        )
    return text


class ThemeEditBook:
    """The theme edits of one corpus: a folder's overlay file or a workspace's table. Use
    :meth:`for_folder` or :meth:`for_workspace`. Changes take the theme table the reader sees
    the ids of: the corpus as analysed, without edits (``AnalysedCorpus.themes``)."""

    def __init__(self, *, overlay: Path | None = None, workspace: Workspace | None = None):
        self.overlay = overlay
        self.workspace = workspace
        self.problem = ""

    @classmethod
    def for_folder(cls, corpus_dir: str | Path, *, root: Path | None = None) -> ThemeEditBook:
        """The edits of a folder corpus (kept in the per-user data folder, never in the corpus)."""
        if root is None:
            from ..storage.workspace import data_dir

            root = data_dir()
        key = hashlib.sha256(str(Path(corpus_dir).resolve()).encode()).hexdigest()[:16]
        return cls(overlay=Path(root) / "theme_edits" / f"{key}.json")

    @classmethod
    def for_workspace(cls, ws: Workspace) -> ThemeEditBook:
        """The edits kept in a workspace's file."""
        return cls(workspace=ws)

    @property
    def _file(self) -> Path:
        """The overlay file of a folder corpus (only called on the folder path)."""
        if self.overlay is None:
            raise RuntimeError("these theme edits are kept in a workspace, not in a file")
        return self.overlay

    # --- reading ------------------------------------------------------------------------------
    def revision(self, con: sqlite3.Connection | None = None) -> str:
        """A key that changes with every change of the edits (for the app's caches); ``con``: a
        read connection to the workspace to use (``Workspace.reading``)."""
        if self.workspace is not None:
            rows = dict(
                self.workspace._query("SELECT key, value FROM meta WHERE key IN ('uid', 'themes_revision')", con=con)
            )
            return f"ws-{rows.get('uid', '')[:12]}-themes-{rows.get('themes_revision', '0')}"
        try:
            st = self._file.stat()
        except OSError:
            return "none"
        return f"overlay:{st.st_ino}:{st.st_mtime_ns}:{st.st_size}"

    def records(self, scope: str) -> list[dict]:
        """Stored edits of one scope: dicts with ``kind``, ``signature`` (list of terms),
        ``value``, ``was``, ``edited``."""
        if self.workspace is not None:
            with self.workspace._connect(write=False) as con:
                if not con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='theme_edits'").fetchone():
                    return []
                return self._ws_records(con, scope)
        return self._overlay_data().get(scope, [])

    def resolve(self, themes: pd.DataFrame, scope: str) -> tuple[ThemeEdits, list[EditNote]]:
        """The stored edits of ``scope`` as ids of ``themes``, and notes for those that no
        longer apply."""
        return resolve(self.records(scope), themes)

    def apply(self, corpus: AnalysedCorpus) -> AnalysedCorpus:
        """``corpus`` with its stored edits applied (scope from its number-of-themes setting)."""
        edits, notes = self.resolve(corpus.themes, edit_scope(corpus.params.get("n_themes_requested")))
        if self.problem:
            notes.append(EditNote("theme_edits_unreadable", {"reason": self.problem}))
        return apply_theme_edits(corpus, edits, notes)

    # --- changing -----------------------------------------------------------------------------
    def merge(self, themes: pd.DataFrame, theme_ids: Iterable[int], scope: str) -> None:
        """Merge the themes ``theme_ids`` (two or more), joining any merge they are already in."""
        ids = sorted({int(i) for i in theme_ids})
        rows = self._rows(themes, ids)
        if len(rows) < 2:
            raise ThemeEditError(message("Choose at least two themes to merge."))

        def change(records: list[dict]) -> list[dict]:
            sigs = {tuple(r["signature"]) for r in rows}
            old = {r["value"] for r in records if r["kind"] == "merge" and tuple(r["signature"]) in sigs}
            group = min(old) if old else hashlib.sha256(json.dumps(sorted(sigs)).encode()).hexdigest()[:12]
            out = [dict(r, value=group) if r["kind"] == "merge" and r["value"] in old else r for r in records]
            have = {tuple(r["signature"]) for r in out if r["kind"] == "merge"}
            out += [self._record("merge", r, group) for r in rows if tuple(r["signature"]) not in have]
            return out

        self._change(scope, change)

    def unmerge(self, themes: pd.DataFrame, theme_id: int, scope: str) -> None:
        """Undo the merge that ``theme_id`` is part of."""
        (row,) = self._rows(themes, [theme_id])

        def change(records: list[dict]) -> list[dict]:
            groups = {r["value"] for r in records if r["kind"] == "merge" and r["signature"] == row["signature"]}
            return [r for r in records if not (r["kind"] == "merge" and r["value"] in groups)]

        self._change(scope, change)

    def rename(self, themes: pd.DataFrame, theme_id: int, label: str, scope: str) -> None:
        """Give a theme the reader's name; an empty name goes back to the automatic one."""
        (row,) = self._rows(themes, [theme_id])
        text = label.strip() and _clean_label(label)
        self._set(scope, "rename", row, text or None)

    def hide(self, themes: pd.DataFrame, theme_id: int, scope: str, hidden: bool = True) -> None:
        """Hide a theme (``hidden=False`` shows it again)."""
        (row,) = self._rows(themes, [theme_id])
        self._set(scope, "hide", row, "1" if hidden else None)

    def undo(self, change: dict, scope: str) -> None:
        """Take back one change of :func:`changes` (a merge as a whole), also one whose theme no
        longer exists; the other changes stay."""
        kind, signatures = change["kind"], {tuple(s) for s in change["signatures"]}
        group = change.get("group")

        def take_back(records: list[dict]) -> list[dict]:
            if kind == "merge":
                return [r for r in records if not (r["kind"] == "merge" and r["value"] == group)]
            return [r for r in records if not (r["kind"] == kind and tuple(r["signature"]) in signatures)]

        self._change(scope, take_back)

    def reset(self, scope: str | None = None) -> None:
        """Remove the edits of one scope (``None``: of every scope)."""
        self._change(scope, lambda _records: [], all_scopes=scope is None)

    # --- internals ----------------------------------------------------------------------------
    @staticmethod
    def _rows(themes: pd.DataFrame, ids: list[int]) -> list[dict]:
        by_id = {int(r.theme_id): r for r in themes.itertuples(index=False)}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise ThemeEditError(message("There is no theme {number} in this analysis.", number=missing[0] + 1))
        return [{"signature": list(by_id[i].terms), "label": str(by_id[i].label)} for i in ids]

    @staticmethod
    def _record(kind: str, row: dict, value: str) -> dict:
        return {
            "kind": kind,
            "signature": list(row["signature"]),
            "value": value,
            "was": row["label"],
            "edited": _now(),
        }

    def _set(self, scope: str, kind: str, row: dict, value: str | None) -> None:
        def change(records: list[dict]) -> list[dict]:
            out = [r for r in records if not (r["kind"] == kind and r["signature"] == row["signature"])]
            return out + ([self._record(kind, row, value)] if value is not None else [])

        self._change(scope, change)

    def _change(self, scope: str | None, change, *, all_scopes: bool = False) -> None:
        if self.workspace is not None:
            self._ws_change(scope, change, all_scopes)
            return
        with self._lock():
            data = self._overlay_data()
            if self.problem and self._file.is_file():
                backup = self._file.with_name(f"{self._file.name}.bak-{time.strftime('%Y%m%d-%H%M%S')}")
                os.replace(self._file, backup)  # keep what could not be read
            if all_scopes:
                data = {}
            elif scope is not None:
                data[scope] = change([dict(r) for r in data.get(scope, [])])
                if not data[scope]:
                    del data[scope]
            self._write_overlay(data)
            self.problem = ""

    def _overlay_data(self) -> dict[str, list[dict]]:
        self.problem = ""
        if self.overlay is None or not self.overlay.is_file():
            return {}
        try:
            raw = json.loads(self.overlay.read_text(encoding="utf-8"))
            scopes = raw["scopes"]
            return {str(s): [_checked_record(r) for r in recs] for s, recs in scopes.items()}
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("theme edits in %s cannot be read: %s", self.overlay, exc)
            self.problem = message("the saved theme edits could not be read; they are not applied")
            return {}

    def _write_overlay(self, data: dict) -> None:
        path = self._file
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"version": 1, "scopes": data}, fh, ensure_ascii=False, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            before = path.stat().st_mtime_ns if path.exists() else None
            os.replace(tmp, path)
            tmp = ""
            after = path.stat().st_mtime_ns
            if before is not None and after <= before:  # same clock tick: keep revision() moving
                os.utime(path, ns=(time.time_ns(), before + 1))
        finally:
            if tmp:
                Path(tmp).unlink(missing_ok=True)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        self._file.parent.mkdir(parents=True, exist_ok=True)
        if fcntl is None:  # pragma: no cover - Windows
            with _PROCESS_LOCK:
                yield
            return
        with open(self._file.with_suffix(".lock"), "a+b") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    @staticmethod
    def _ws_records(con, scope: str) -> list[dict]:
        out = []
        for kind, sig, value, was, edited in con.execute(
            "SELECT kind, signature, value, was, edited FROM theme_edits WHERE scope=? ORDER BY rowid", (scope,)
        ):
            try:
                out.append(
                    _checked_record(
                        {"kind": kind, "signature": json.loads(sig), "value": value, "was": was, "edited": edited}
                    )
                )
            except (ValueError, TypeError, KeyError):
                continue  # a row written by something else: ignored
        return out

    def _ws_change(self, scope: str | None, change, all_scopes: bool) -> None:
        from ..storage.workspace import THEME_EDITS_SCHEMA

        # Theme edits do not change the analysis: the analysis revision stays (bump=False).
        if self.workspace is None:
            raise RuntimeError("these theme edits are kept in a file, not in a workspace")
        with self.workspace.transaction(bump=False) as con:
            con.execute(THEME_EDITS_SCHEMA)
            if all_scopes:
                con.execute("DELETE FROM theme_edits")
            elif scope is not None:
                new = change(self._ws_records(con, scope))
                con.execute("DELETE FROM theme_edits WHERE scope=?", (scope,))
                con.executemany(
                    "INSERT OR REPLACE INTO theme_edits (scope, kind, signature, value, was, edited) VALUES (?,?,?,?,?,?)",
                    [
                        (
                            scope,
                            r["kind"],
                            json.dumps(r["signature"], ensure_ascii=False),
                            r["value"],
                            r["was"],
                            r["edited"],
                        )
                        for r in new
                    ],
                )
            con.execute(
                "INSERT INTO meta VALUES ('themes_revision', '1') ON CONFLICT(key) "
                "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )


def _checked_record(r: dict) -> dict:
    """A stored record with the right fields and types (raises ValueError otherwise)."""
    if r.get("kind") not in KINDS:
        raise ValueError(f"unknown edit kind {r.get('kind')!r}")
    sig = r.get("signature")
    if not isinstance(sig, list) or not sig or not all(isinstance(t, str) for t in sig):
        raise ValueError("a signature must be a list of terms")
    return {
        "kind": r["kind"],
        "signature": sig,
        "value": str(r.get("value", "")),
        "was": str(r.get("was", "")),
        "edited": str(r.get("edited", "")),
    }
