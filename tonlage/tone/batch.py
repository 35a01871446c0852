"""Scoring a file of sentences with the shipped scorer (``python -m tonlage tone FILE``).

Input is either plain text, one sentence per line, or JSON lines with ``text`` and optionally
``target`` (plus ``target_from``/``target_to`` character offsets into ``text`` where known).
Blank lines are skipped; every other line gives one output row, in input order, with its
1-based line number.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

import pandas as pd

from .scorer import ToneScorer

log = logging.getLogger(__name__)

__all__ = ["TONE_FILE_COLUMNS", "TARGET_COLUMNS", "BatchMessage", "read_sentences", "score_sentences"]

#: Columns of every output row.
TONE_FILE_COLUMNS = ("line", "text", "label", "score", "evidence")
#: Columns added when any input row has a target.
TARGET_COLUMNS = ("target", "target_label", "target_score")


@dataclass(frozen=True)
class BatchMessage:
    """A problem with one input line, for the reader.

    Attributes:
        code: ``"bad_json"``, ``"no_text"``, ``"bad_offsets"`` or ``"target_not_found"``.
        line: The 1-based input line.
        detail: The offending value, shortened.
    """

    code: str
    line: int
    detail: str = ""

    def text(self) -> str:
        """A plain English sentence for the command line."""
        what = {
            "bad_json": "is not a JSON object with a 'text' field",
            "no_text": "has no text",
            "bad_offsets": "has target_from/target_to outside the text; the target was searched instead",
            "target_not_found": "names a target that does not occur in the text; no target tone",
        }[self.code]
        return f"line {self.line} {what}" + (f" ({self.detail})" if self.detail else "")


def read_sentences(raw: str) -> tuple[list[dict], list[BatchMessage], bool]:
    """Parse the input.

    Args:
        raw: The whole file as text.

    Returns:
        ``(rows, messages, is_jsonl)``: one dict per input (``line``, ``text`` and maybe
        ``target``, ``span``); the file is JSON lines when its first non-blank line starts
        with ``{``.
    """
    lines = raw.splitlines()
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    is_jsonl = first.startswith("{")
    rows: list[dict] = []
    messages: list[BatchMessage] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if not is_jsonl:
            rows.append({"line": n, "text": line.strip()})
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            obj = None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            messages.append(BatchMessage("bad_json", n, line.strip()[:40]))
            rows.append({"line": n, "text": ""})
            continue
        row = {"line": n, "text": obj["text"]}
        target = obj.get("target")
        if isinstance(target, str) and target.strip():
            row["target"] = target
            row["span"] = _target_span(obj, n, messages)
        rows.append(row)
    return rows, messages, is_jsonl


def _target_span(obj: dict, n: int, messages: list[BatchMessage]) -> tuple[int, int] | None:
    text, target = obj["text"], obj["target"]
    start, end = obj.get("target_from"), obj.get("target_to")
    if isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool):
        if 0 <= start < end <= len(text):
            return start, end
        messages.append(BatchMessage("bad_offsets", n, f"{start}-{end}"))
    at = text.find(target)
    if at < 0:
        at = text.lower().find(target.lower())
    if at < 0:
        messages.append(BatchMessage("target_not_found", n, target[:40]))
        return None
    return at, at + len(target)


def score_sentences(rows: list[dict], scorer: ToneScorer | None = None) -> pd.DataFrame:
    """Score parsed rows (see :func:`read_sentences`) with the shipped scorer.

    Args:
        rows: Parsed input rows.
        scorer: A fitted scorer (default: the shipped one).

    Returns:
        One row per input with :data:`TONE_FILE_COLUMNS`, plus :data:`TARGET_COLUMNS` when any
        input has a target (empty label and NaN score where it has none or it was not found).
    """
    scorer = scorer or ToneScorer().fit()
    with_target = any("target" in r for r in rows)
    out = []
    for r in rows:
        text = r["text"]
        tone = scorer.score(text)
        rec = {
            "line": r["line"],
            "text": text,
            "label": tone.label,
            "score": round(tone.score, 4),
            "evidence": str(tone.explain()) if tone.cues else "",
        }
        if with_target:
            rec["target"] = r.get("target", "")
            span = r.get("span")
            if span is not None:
                towards = scorer.tone_towards(text, span)
                rec["target_label"], rec["target_score"] = towards.label, round(towards.score, 4)
            else:
                rec["target_label"], rec["target_score"] = "", float("nan")
        out.append(rec)
    columns = list(TONE_FILE_COLUMNS) + (list(TARGET_COLUMNS) if with_target else [])
    return pd.DataFrame(out, columns=columns)
