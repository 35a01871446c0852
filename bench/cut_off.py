"""How often the reader's "cut off" note is right (:mod:`tonlage.reading.ending`), on texts it
was never tuned on (its rules have no threshold; nothing here was fitted).

- Whole articles: the 509 derStandard articles of ``../shared/eval/gnad-dev`` are complete
  texts, so every sign there is a false alarm.
- The same articles cut: each cut at a random character between 40 % and 95 % of its length
  (seeded), as a search engine's copy or a feed cuts a text at a length. A cut that happens to
  fall just after a full stop cannot be seen from the text and counts as missed.
- Web pages: the 60 pages of ``../shared/eval/pages-dev`` read as a folder (the product's
  loading step, as ``bench/real_pages.py`` reads them), the signs counted, and each sign set
  beside the raw page: the store cut its copies at about 2,000 characters, so a raw page of
  1,900 or more characters whose last line the reader kept is cut for sure.

    python -m bench.cut_off [--gnad DIR] [--pages DIR] [--seed 7] [--list]

Issue 13, stop 45, 2026-12-04 (the rules as first written; nothing changed after this run):

    whole articles (gnad-dev)        19 of 509 flagged (3.7 %): false alarms. Tables and
      listings at the end (line-ups, results, TV times) 11, a colon before a table or
      picture 3, a link or picture line 2, a price line, a broken agency tag, a "..." 1 each
    cut articles (gnad-dev, seed 7)  497 of 509 flagged (97.6 %)
    web pages (pages-dev)            31 of 60 flagged: 24 mid-sentence, 6 subscription
      notice, 1 ellipsis; pages of 1,900+ raw characters 19 of 22 flagged (the other three
      keep a whole text: the store's cut fell in a promo or the next article), shorter 12 of 38

Read page by page (the developer's reading of the 60 kept texts' endings and the truth's
notes, so not an independent label): 28 of the 31 signs are right; d53 lacks its full stop
in the source, d59 is whole on a page with a subscription box, d56 ends in a list and may be
whole. Two pages are cut without a sign: paywalled teasers (d16, d52) that end on a full
sentence, which no rule over the text can see. So about 28 of 30 cut pages are flagged.

The texts are evaluation data: never committed, nothing of them printed but file names and
their last 30 characters with ``--list``.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from bench.engine_scale import DEFAULT_DATA
from tonlage.reading.ending import cut_off

DEFAULT_PAGES = DEFAULT_DATA.parent / "pages-dev"
CUT_FROM, CUT_TO = 0.40, 0.95


def whole_and_cut(folder: Path, seed: int) -> tuple[Counter, Counter, int, list[tuple[str, str]]]:
    """Signs on the whole gnad-dev articles and on the same articles cut at a random point."""
    rng = random.Random(seed)
    whole, cut, alarms = Counter(), Counter(), []
    files = sorted(folder.glob("*.txt"))
    for f in files:
        text = f.read_text(encoding="utf-8")
        sign = cut_off(text)
        whole[sign] += 1
        if sign:
            alarms.append((f.name, text.rstrip()[-30:]))
        n = len(text.rstrip())
        cut[cut_off(text[: rng.randint(int(n * CUT_FROM), int(n * CUT_TO))])] += 1
    return whole, cut, len(files), alarms


def pages(folder: Path) -> list[tuple[str, str, int, str]]:
    """Each page's file, sign, raw length and kept text's last characters."""
    from tonlage.analysis.pipeline import load_articles

    raws, _ = load_articles(folder)
    out = []
    for a in sorted(raws, key=lambda a: a.file):
        raw = (folder / a.file).read_text(encoding="utf-8", errors="replace")
        sign = cut_off(a.text, [k for k, _ in a.removed_lines])
        out.append((a.file, sign, len(raw), a.text.rstrip()[-30:]))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gnad", type=Path, default=DEFAULT_DATA)
    p.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--list", action="store_true", help="list every sign with the text's last characters")
    args = p.parse_args(argv)
    if not args.gnad.is_dir() or not args.pages.is_dir():
        print(f"evaluation data not found: {args.gnad} / {args.pages}")
        return 1
    whole, cut, n, alarms = whole_and_cut(args.gnad, args.seed)
    flagged = n - whole[""]
    print(f"whole articles (gnad-dev)        {flagged} of {n} flagged ({flagged / n:.1%}): false alarms")
    if args.list:
        for name, end in alarms:
            print(f"    {name}  …{end!r}")
    caught = n - cut[""]
    print(f"cut articles (gnad-dev, seed {args.seed})  {caught} of {n} flagged ({caught / n:.1%})")
    rows = pages(args.pages)
    signs = Counter(sign for _, sign, _, _ in rows if sign)
    print(
        f"web pages (pages-dev)            {sum(signs.values())} of {len(rows)} flagged: "
        + ", ".join(f"{k} {v}" for k, v in signs.most_common())
    )
    long_ = [r for r in rows if r[2] >= 1_900]
    print(
        f"  pages of 1,900+ raw characters (cut by the store): {sum(1 for r in long_ if r[1])} of {len(long_)} flagged;"
        f" shorter pages: {sum(1 for r in rows if r[2] < 1_900 and r[1])} of {len(rows) - len(long_)} flagged"
    )
    if args.list:
        for name, sign, size, end in rows:
            print(f"    {name[:40]:40} {size:5} {sign or '-':13} …{end!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
