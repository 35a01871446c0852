r"""Who speaks: how well tonlage.voices finds quotes and their speakers, against hand labels.

Labels: ``bench/labels/quotes.csv`` (offsets into the raw files, read as UTF-8) over the files in
``bench/labels/quotes_files.txt``; see ``bench/labels/QUOTES.md``. Files are split by
``md5(file name)`` into a tune half (rules were developed on it) and a test half (the result).

Measures, per half:

- texts: the raw files (the labels' offsets are into them); the same figures on the normalised
  text the pipeline analyses (tonlage.text.normalise, labels mapped onto it) follow at the end.
- quote spans, strict: a found passage matches a labelled one when their overlap covers at least
  50 % of **both** (one-to-one, largest overlaps first). Loose: any overlap counts.
- sentences: a sentence is "quoted" in the labels when labelled quotes cover at least half of its
  letters, or when it opens with a labelled quote and ends with that quote's frame ("Das sei eine
  Lüge, sagt X am Montag in Y": :func:`tonlage.voices.finder.opens_with_framed_quote`, the rule
  the engine's ``voice`` column follows). Also "any": the sentence holds any quote.
- speakers: among the matched (strict) passages with a labelled speaker, the share whose
  normalised speaker is the labelled one (case, accents and hyphens ignored; any one of several
  labelled speakers counts). Lenient: the surnames (last words) agree.
- interview answers (kind ``interview``): found ones are counted apart; passages inside them are
  not false positives; their sentences count as quoted.
- speed: the finder's time per article on every gnad-dev article (varied real text), next to the
  engine's other per-article work (sentences, tokens, language, tone, actors, theme terms).

    .venv/bin/python bench/quotes_quality.py [--eval-dir DIR] [--errors tune|test] [--speed-repeat 3 | --no-speed]

2026-12-06, a sentence that opens with a quote and ends with its frame became the speaker's in
both the engine and the labels (a rule read off the bundled corpus and unlabelled gnad-dev
sentences, no parameter fitted). Test half, sentence voice = quoted, P / R / F1:

    engine rule \ label rule     half the letters        + opens with a framed quote
    half the letters             0.920 / 0.776 / 0.842   0.920 / 0.727 / 0.812
    + framed quote               0.861 / 0.776 / 0.816   0.925 / 0.782 / 0.847

(quoted sentences in the labels 223 -> 238 of 853; the quote spans and speakers are unchanged).

Later that day, three speaker forms read off the bundled corpus (ANALYSIS_FORMAT 29): "Aus
Washington hieß es, …" names its source, "nach Kreml-Angaben" / "laut US-Angaben" the first part
of the source noun, and "…, lässt er offen" (a verb that needs its particle, without it) frames
nothing. Tune half unchanged (spans P / R / F1 0.979 / 0.922 / 0.950, speaker exact 0.821).
Test half: spans 0.864 / 0.788 / 0.824 -> 0.863 / 0.784 / 0.822 (one direct quote fewer found:
59 -> 58 of 81), sentence voice 0.925 / 0.782 / 0.847 unchanged, speaker exact 0.561 -> 0.559
(n 189 -> 188). The figures were seen after each of three versions of the particle rule (the
particle in the next comma's clause; then past an apposition's commas, or "lassen" with a verb of
saying; then the verb alone after a quotation in marks): the last is kept, with the second's
figures, as the reading of German it is, not for a figure.

Issue 13's sixty-ninth stop: the speaker where one is given (what an actor's "own quotes" on the
Actors page rest on; a quote given to nobody is on no actor's mark), and a second set of labels
(QUOTES.md, "Second set": 30 more gnad-dev files, labelled without the detector). Normalised
text, "where one is given" exact / same surname (n), and matched quotes given no speaker:

    set                     before (a643d35)            after (names, anaphors, media, surnames)
    second set (first read) 0.469 / 0.593 (113), 15/128  0.579 / 0.675 (114), 14/128  (developed on)
    TEST half (held out)    0.633 / 0.765 (166), 22/188  0.637 / 0.768 (168), 20/188
    tune half               0.867 / 0.878 (90), 5/95     unchanged

Spans and sentence voices are unchanged on every set (second set spans P / R / F1 0.850 / 0.628
/ 0.722: gnad-dev, whose bodies lost their quotation marks). The second set's first read is the
fresh figure no rule was fitted to; pooled with the test half after the change, a speaker given
is the right person (surname) for 196 of 281 quotes, 0.70: the Actors page and "Data & method"
say "about 7 in 10", and about 1 in 9 quotes found gets no speaker (35 of 316). The finder's
time per gnad-dev article, alternated twice: 0.99 / 1.17 ms before, 1.07 / 0.99 ms after.

Issue 13's seventieth stop, found by reading the bundled corpus: "…, droht ein weiteres Fiasko"
was a frame whose speaker was a person called Fiasko ("Trumps Fiasko" made the word one the text
used as a name). A noun after a possessor is no name, an indefinite phrase after a verb of saying
speaks only when its noun can be a person, and a sentence's first word that is surely no given
name (an adjective, an inflected word whose lemma is written small, a numeral: the test the
corpus's people list already made) opens no full name: 64 of the 2,726 full names learned over
the bundled, gnad-dev and pages-dev texts went, none a person's ("Zwei Palästinenser", "Müssten
Betreiber", "Apropos Tesla", "Kurdische Medien"). Test half and tune half unchanged on every
line; second set, speaker where one is given, 0.579 / 0.675 (114) -> 0.584 / 0.681 (113), spans
unchanged. Of the 2,805 quotes found in those texts, 12 changed: two false ones gone (the one
above, and "Apropos Tesla: …" read as a speaker's tag), one direct quote more ("Unser Ziel ist
es, …"), nine speakers (better: "Apropos Tesla" -> George Hotz, "Müssten Betreiber" -> none,
"Zwei Palästinenser" -> Streitkräfte twice, now an institution noun; worse: "Kurdische Medien"
-> "Dorf Sarkel"; the other four wrong or vague before and after). Then bundled article 000:
„Papiertiger“ was Russia's word, since the name after "kritisiert und" was read as the verb's
subject; it is Trump's now. Stopping there at "und" made the speaker before a report's go-on the
frame that lost the merge ("Während Verbände … warnen …: Entweder wir …, sagte Boltz"), so only
the frame the merged quote takes its speaker from is remembered: every labelled set unchanged,
5 of the 2,803 quotes changed speaker (the bundled one right now, one more right, three wrong
before and after).

Then a third set of labels (QUOTES.md, "Third set": gnad-dev files 61-90, labelled without the
detector after the rules above were written). Its first reading, held out: spans P / R / F1 0.830 /
0.683 / 0.749 (direct 39/61, reported 73/103: gnad-dev lost its quotation marks), sentence voice
0.924 / 0.730 / 0.816, speaker where one is given 0.653 exact / 0.772 surname (n = 101), 10 of 111
matched quotes given no speaker. Pooled over every held-out reading (test half as it stands, the
second and third sets' first readings): quotes found 431 of 612 (pages that keep their marks 115
of 126, gnad-dev 316 of 486), 431 of 506 found are quotes (0.85), 44 of 427 matched ones get no
speaker (1 in 10), and a speaker given is the right person for 275 of 383 (surname, 0.72; the
whole name 227, 0.59; with the test half as it stands after the rules below): what the Tone
page, the Actors page and "Data & method" say.

Then, written looking at the third set's errors (so its figures below are not held out): role
nouns the list lacked ("SFU-Rektor Alfred Pritz", "Zahntechniker", "Villeneigentümer",
"Konsumentenschützer"), capitalised adjectives before an institution's or medium's noun are its
name ("laut Süddeutscher Zeitung" was a person called Süddeutscher; "die Tiroler Polizei",
"Salzburger Nachrichten", "Deutschem Wetterdienst (DWD)"), no name after an institution's noun
that cannot be one ("laut Alpinpolizei Mitte 30" was Mitte) and none goes on in a common noun's
ending ("Statistik Austria Bereinigungen"). Speaker where one is given, exact / surname (n):

    set                     first reading (f07dea4)    after
    TEST half (held out)    0.637 / 0.768 (168)        0.639 / 0.769 (169), none found 20 -> 19
    second set              0.584 / 0.681 (113)        0.593 / 0.690 (113)
    third set               0.653 / 0.772 (101)        0.743 / 0.792 (101)  (developed on)
    tune half               0.867 / 0.878 (90)         unchanged

Spans and sentence voices unchanged on every set. Tried and dropped: no name from a common noun
after a verb of saying ("…, fordert Umschichtungen im Budget" makes a person Umschichtungen):
surnames that are words too went with it ("sagte Weil"), and the test half's speakers fell
0.769 -> 0.731.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import statistics
import sys
import time
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from tonlage.actors import read_actors  # noqa: E402
from tonlage.text import normalise, split_sentences  # noqa: E402
from tonlage.voices import QUOTED, VoiceFinder  # noqa: E402
from tonlage.voices.finder import opens_with_framed_quote  # noqa: E402

LABELS = ROOT / "bench" / "labels"
#: What the second and third sets of labels are (bench/labels/QUOTES.md, "Second set", "Third set").
SECOND_SET = "30 more gnad-dev files, labelled 2026-12-06 without the detector"
THIRD_SET = "gnad-dev files 61-90, labelled 2026-12-06 without the detector, after stop 70's rules"


_EXOTIC_WS = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")


def normalise_with_map(raw: str) -> tuple[str, list[int]]:
    """tonlage.text.normalise(raw) and, for each of its characters, the offset it came from in
    ``raw``: the labels' offsets are into the raw file, the pipeline works on normalised text.
    (The files hold no \\r and are NFC already; both are checked.)"""
    assert "\r" not in raw and unicodedata.normalize("NFC", raw) == raw
    chars = [(ch, i) for i, ch in enumerate(raw) if ch != "\u00ad"]
    chars = [(" " if _EXOTIC_WS.match(ch) else ch, i) for ch, i in chars]
    out: list[tuple[str, int]] = []
    for ch, i in chars:  # runs of spaces become one
        if ch == " " and out and out[-1][0] == " ":
            continue
        out.append((ch, i))
    lines: list[list[tuple[str, int]]] = [[]]
    for ch, i in out:  # trim every line
        if ch == "\n":
            lines.append([(ch, i)])
        else:
            lines[-1].append((ch, i))
    kept: list[tuple[str, int]] = []
    for line in lines:
        nl = line[:1] if line and line[0][0] == "\n" else []
        body = line[len(nl) :]
        while body and body[0][0] == " ":
            body = body[1:]
        while body and body[-1][0] == " ":
            body = body[:-1]
        kept.extend(nl + body)
    text = "".join(ch for ch, _ in kept)
    idx = [i for _, i in kept]
    # at most two line breaks in a row, and no space or break at either end
    final: list[int] = []
    buf = []
    for k, ch in enumerate(text):
        if ch == "\n":
            buf.append(k)
            continue
        if buf:
            final.extend(buf[:2])
            buf = []
        final.append(k)
    text2 = "".join(text[k] for k in final).strip()
    lead = len("".join(text[k] for k in final)) - len("".join(text[k] for k in final).lstrip())
    idx2 = [idx[k] for k in final][lead : lead + len(text2)]
    if text2 != normalise(raw):
        raise ValueError("normalise_with_map disagrees with tonlage.text.normalise")
    return text2, idx2


def map_labels(rows: list[dict], idx: list[int]) -> list[dict]:
    """Label offsets into the raw file → offsets into the normalised text."""
    out = []
    for r in rows:
        a, b = bisect_left(idx, r["start"]), bisect_left(idx, r["end"])
        out.append({**r, "start": a, "end": b})
    return out


def half_of(file_name: str) -> str:
    """The split: even md5 of the file name → tune, odd → test."""
    return "tune" if int(hashlib.md5(file_name.encode()).hexdigest(), 16) % 2 == 0 else "test"


def fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(s.replace("-", " ").split())


def speaker_ok(pred: str, gold: str, lenient: bool = False) -> bool:
    golds = [fold(g) for g in gold.split(";") if g.strip()]
    p = fold(pred)
    if not p:
        return False
    if p in golds:
        return True
    if lenient:
        return any(p.split()[-1] == g.split()[-1] for g in golds if g)
    return False


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(pred: list, gold: list, strict: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), largest overlaps first."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            ov = overlap((p.start, p.end), (g["start"], g["end"]))
            if ov <= 0:
                continue
            if strict and (ov * 2 < (p.end - p.start) or ov * 2 < (g["end"] - g["start"])):
                continue
            cands.append((ov, i, j))
    used_p, used_g, pairs = set(), set(), []
    for _ov, i, j in sorted(cands, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def letters(text: str, a: int, b: int) -> int:
    return sum(ch.isalnum() for ch in text[a:b])


class Tally:
    def __init__(self):
        self.c = Counter()
        self.errors = defaultdict(list)

    def add(self, key, n=1):
        self.c[key] += n


def evaluate(
    finder: VoiceFinder, files: list[tuple[str, Path]], gold_by_file: dict, want_errors: bool, normalised: bool = False
) -> Tally:
    t = Tally()
    for name, path in files:
        text = path.read_text(encoding="utf-8")
        all_gold = gold_by_file.get(name, [])
        if normalised:  # the text the pipeline sees, the labels moved onto it
            text, idx = normalise_with_map(text)
            all_gold = map_labels(all_gold, idx)
        spans = split_sentences(text)
        pred = finder.find(text, spans)
        voices = finder.sentence_voices(text, spans, pred)
        gold = [g for g in all_gold if g["kind"] != "interview"]
        answers = [g for g in all_gold if g["kind"] == "interview"]
        # a passage inside an interview answer is scored with the answers, not as a false positive
        matched_main = {i for i, _ in match(pred, gold, True)}
        in_answer = [
            i not in matched_main
            and any(overlap((p.start, p.end), (g["start"], g["end"])) * 2 >= p.end - p.start for g in answers)
            for i, p in enumerate(pred)
        ]
        t.add("answers", len(answers))
        t.add("answers_found", len(match(pred, answers, True)))
        pred = [p for p, inside in zip(pred, in_answer) if not inside]
        t.add("files")
        t.add("gold", len(gold))
        t.add("pred", len(pred))
        strict = match(pred, gold, True)
        loose = match(pred, gold, False)
        t.add("tp_strict", len(strict))
        t.add("tp_loose", len(loose))
        for kind in ("direct", "reported"):
            g_idx = [j for j, g in enumerate(gold) if g["kind"] == kind]
            t.add(f"gold_{kind}", len(g_idx))
            t.add(f"found_{kind}", sum(1 for _i, j in strict if gold[j]["kind"] == kind))
        for i, j in strict:
            g = gold[j]
            t.add("kind_ok", pred[i].kind == g["kind"])
            if g["speaker_norm"]:
                t.add("spk_n")
                ok = speaker_ok(pred[i].speaker, g["speaker_norm"])
                t.add("spk_ok", ok)
                t.add("spk_lenient", speaker_ok(pred[i].speaker, g["speaker_norm"], lenient=True))
                t.add("spk_empty", not pred[i].speaker)
                if want_errors and not ok:
                    t.errors["speaker"].append(
                        (
                            name,
                            text[g["start"] : g["end"]][:90],
                            g["speaker_norm"],
                            pred[i].speaker,
                            pred[i].cue,
                            pred[i].speaker_cue,
                        )
                    )
            if g["actor"]:
                t.add("actor_n")
                t.add("actor_ok", pred[i].speaker_actor == g["actor"])
        for i, p in enumerate(pred):
            if p.speaker_actor:
                t.add("actor_pred")
                j = next((j for ii, j in strict if ii == i), None)
                t.add("actor_pred_ok", j is not None and gold[j]["actor"] == p.speaker_actor)
        if want_errors:
            mp = {i for i, _ in strict}
            mg = {j for _, j in strict}
            for i, p in enumerate(pred):
                if i not in mp:
                    t.errors["false positive"].append((name, text[p.start : p.end][:110], p.kind, p.cue, p.speaker))
            for j, g in enumerate(gold):
                if j not in mg:
                    t.errors["missed"].append((name, text[g["start"] : g["end"]][:110], g["kind"], g["speaker_norm"]))
        # sentences
        cover = [0] * len(spans)
        anyq = [False] * len(spans)
        first: list[tuple[int, int] | None] = [None] * len(spans)  # each sentence's first labelled part
        for g in all_gold:
            for k, (s, e) in enumerate(spans):
                a, b = max(s, g["start"]), min(e, g["end"])
                if b > a:
                    cover[k] += letters(text, a, b)
                    anyq[k] = True
                    if first[k] is None or a < first[k][0]:
                        first[k] = (a, b)
        for k, (s, e) in enumerate(spans):
            n_letters = letters(text, s, e) or 1
            part = first[k]
            g_q = cover[k] / n_letters >= 0.5 or (part is not None and opens_with_framed_quote(text, s, e, *part))
            p_q = voices[k].voice == QUOTED
            t.add("sent")
            t.add("sent_gold", g_q)
            t.add("sent_pred", p_q)
            t.add("sent_tp", g_q and p_q)
            p_any = bool(voices[k].quote_spans)
            t.add("any_gold", anyq[k])
            t.add("any_pred", p_any)
            t.add("any_tp", anyq[k] and p_any)
            if want_errors and g_q != p_q:
                t.errors["sentence voice"].append(
                    (name, text[s:e][:110], "gold quoted" if g_q else "gold author", voices[k].speaker)
                )
    return t


def report(label: str, t: Tally) -> list[str]:
    c = t.c
    ps, rs, fs = prf(c["tp_strict"], c["pred"], c["gold"])
    pl, rl, fl = prf(c["tp_loose"], c["pred"], c["gold"])
    sp, sr, sf = prf(c["sent_tp"], c["sent_pred"], c["sent_gold"])
    ap, ar, af = prf(c["any_tp"], c["any_pred"], c["any_gold"])
    spk = c["spk_ok"] / c["spk_n"] if c["spk_n"] else float("nan")
    spk_l = c["spk_lenient"] / c["spk_n"] if c["spk_n"] else float("nan")
    kind = c["kind_ok"] / c["tp_strict"] if c["tp_strict"] else float("nan")
    # of the matched quotes given a speaker (an empty one is no speaker's: what a reader sees
    # under an actor's name is only the quotes given to someone)
    given = c["spk_n"] - c["spk_empty"]
    spk_g = c["spk_ok"] / given if given else float("nan")
    spk_gl = c["spk_lenient"] / given if given else float("nan")
    return [
        f"{label}: {c['files']} files, {c['gold']} labelled quotes ({c['gold_direct']} direct, "
        f"{c['gold_reported']} reported), {c['pred']} found; {c['sent']} sentences ({c['sent_gold']} quoted)",
        f"  spans, ≥50 % mutual overlap   P {ps:.3f}  R {rs:.3f}  F1 {fs:.3f}   "
        f"(recall direct {c['found_direct']}/{c['gold_direct']}, reported {c['found_reported']}/{c['gold_reported']})",
        f"  spans, any overlap            P {pl:.3f}  R {rl:.3f}  F1 {fl:.3f}",
        f"  sentences, voice = quoted     P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}",
        f"  sentences, holds any quote    P {ap:.3f}  R {ar:.3f}  F1 {af:.3f}",
        f"  speaker of matched quotes     {spk:.3f} exact, {spk_l:.3f} same surname  (n = {c['spk_n']}, "
        f"none found {c['spk_empty']});  kind right {kind:.3f}",
        f"  speaker, where one is given   {spk_g:.3f} exact, {spk_gl:.3f} same surname  (n = {given})",
        f"  interview answers             {c['answers_found']}/{c['answers']} found (≥50 % mutual overlap)",
        f"  actor of speaker              labelled {c['actor_n']}, right {c['actor_ok']}; "
        f"actors given {c['actor_pred']}, on a matched quote with that actor {c['actor_pred_ok']}",
    ]


class _NoVoices:
    """Stands in for the finder to time the per-article work without it."""

    def sentence_voices(self, text, spans, quotes=None, marks=None):
        from tonlage.voices import _NO_VOICE

        return [_NO_VOICE] * len(spans)


class _NoVoicesFinder:
    def __init__(self, actors=None):
        pass

    def fit(self):
        return _NoVoices()


def speed(finder: VoiceFinder, eval_dir: Path, repeat: int) -> list[str]:
    """Per-article time of the finder, and of the pipeline's per-article work (per_article.parse:
    sentences, tokens, language, tone, actors, theme terms) with and without it, and of the whole
    analysis of the folder in one process. CPU time of this process (``time.process_time``): the
    machine is shared, and wall-clock time there mostly measures the neighbours. Runs alternate and
    the fastest of ``repeat`` is kept."""
    from tonlage.analysis import per_article, pipeline

    texts = [normalise(p.read_text(encoding="utf-8")) for p in sorted((eval_dir / "gnad-dev").glob("*.txt"))]
    actors = read_actors(ROOT / "data" / "actors.csv")
    per_article.init_worker(actors)
    real = per_article._WORKER["voices"]
    spans = [split_sentences(t) for t in texts]
    for t in texts:  # warm every cache (lemmas, tone tokens, regexes) once
        per_article.parse(t)
    runs = {"finder": [], "with": [], "without": []}
    for _ in range(repeat):
        t0 = time.process_time()
        for t, sp in zip(texts, spans):
            finder.find(t, sp)
        runs["finder"].append(time.process_time() - t0)
        for key, stand_in in (("with", real), ("without", _NoVoices())):
            per_article._WORKER["voices"] = stand_in
            t0 = time.process_time()
            for t in texts:
                per_article.parse(t)
            runs[key].append(time.process_time() - t0)
    per_article._WORKER["voices"] = real
    # the whole analysis of the folder (reading and cleaning files, dates, duplicates, themes,
    # tables) in one process, with the finder and with a stand-in
    real_cls = per_article.VoiceFinder
    for _ in range(max(1, repeat // 2)):
        for key, cls in (("folder with", real_cls), ("folder without", _NoVoicesFinder)):
            per_article.VoiceFinder = cls
            t0 = time.process_time()
            pipeline.analyse_folder(eval_dir / "gnad-dev", workers=1)
            runs.setdefault(key, []).append(time.process_time() - t0)
    per_article.VoiceFinder = real_cls
    ms = {k: min(v) / len(texts) * 1000 for k, v in runs.items()}
    med = {k: statistics.median(v) / len(texts) * 1000 for k, v in runs.items()}
    chars = sum(map(len, texts)) / len(texts)
    added = ms["with"] - ms["without"]
    return [
        f"speed on {len(texts)} gnad-dev articles (mean {chars:,.0f} characters), CPU time, fastest of {repeat} "
        f"alternating runs (median in brackets):",
        f"  voices alone (VoiceFinder.find)                   {ms['finder']:6.2f} ms per article ({med['finder']:.2f})",
        f"  per-article pipeline work without voices          {ms['without']:6.2f} ms ({med['without']:.2f})",
        f"  per-article pipeline work with voices             {ms['with']:6.2f} ms ({med['with']:.2f})",
        f"  added time                                        {added:6.2f} ms = {added / ms['without']:.0%} "
        f"of the per-article work (median {(med['with'] - med['without']) / med['without']:.0%})",
        f"  whole analysis of the folder, per article         {ms['folder without']:6.2f} ms without voices, "
        f"{ms['folder with']:.2f} ms with: +{(ms['folder with'] - ms['folder without']) / ms['folder without']:.0%}",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--eval-dir",
        "--eval",
        dest="eval",
        type=Path,
        default=ROOT.parent / "shared" / "eval",
        help="folder with pages-dev/ and gnad-dev/ (default: ../shared/eval)",
    )
    ap.add_argument("--errors", choices=["tune", "test", "second", "third"], help="print the errors of one half or set")
    ap.add_argument("--speed-repeat", type=int, default=3)
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    if not (args.eval / "pages-dev").is_dir():
        sys.exit(f"evaluation folder not found: {args.eval} (give --eval-dir)")
    gold_by_file: dict[str, list] = defaultdict(list)
    halves: dict[str, list] = {"tune": [], "test": [], "second": [], "third": []}
    for rows, listed, split in (
        ("quotes.csv", "quotes_files.txt", half_of),
        ("quotes2.csv", "quotes2_files.txt", lambda name: "second"),
        ("quotes3.csv", "quotes3_files.txt", lambda name: "third"),
    ):
        with (LABELS / rows).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                row["start"], row["end"] = int(row["start"]), int(row["end"])
                gold_by_file[row["file"]].append(row)
        for line in (LABELS / listed).read_text(encoding="utf-8").splitlines():
            rel = line.strip()
            if rel and not rel.startswith("#"):
                name = rel.split("/", 1)[1]
                halves[split(name)].append((name, args.eval / rel))
    finder = VoiceFinder(read_actors(ROOT / "data" / "actors.csv")).fit()
    results = {h: evaluate(finder, fs, gold_by_file, args.errors == h) for h, fs in halves.items()}
    lines = report("TEST half (held out)", results["test"]) + report(
        "tune half (rules developed here)", results["tune"]
    )
    lines += report(f"second set ({SECOND_SET})", results["second"])
    lines += report(f"third set ({THIRD_SET})", results["third"])
    both = Tally()
    for r in results.values():
        both.c.update(r.c)
    lines += report("all labelled files (every half and set; not a held-out figure)", both)
    for source in ("pages-dev", "gnad-dev"):
        sub = [(n, p) for n, p in halves["test"] if p.parent.name == source]
        lines += report(f"test half, {source} only", evaluate(finder, sub, gold_by_file, False))
    lines += report(
        "TEST half on the normalised text the pipeline analyses (labels mapped onto it)",
        evaluate(finder, halves["test"], gold_by_file, False, normalised=True),
    )
    lines += report(
        "tune half on the normalised text", evaluate(finder, halves["tune"], gold_by_file, False, normalised=True)
    )
    for name in ("second", "third"):
        lines += report(
            f"{name} set on the normalised text",
            evaluate(finder, halves[name], gold_by_file, False, normalised=True),
        )
    print("\n".join(lines))
    if args.errors:
        for cls, items in results[args.errors].errors.items():
            print(f"\n== {args.errors} half: {cls} ({len(items)})")
            for it in items:
                print("  ", " | ".join(str(x) for x in it))
    if not args.no_speed and args.speed_repeat > 0:  # 0 repeats: no timing, as --no-speed
        print()
        print("\n".join(speed(finder, args.eval, args.speed_repeat)))


if __name__ == "__main__":
    main()
