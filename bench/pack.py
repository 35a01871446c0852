"""Meeting pack timings on the bundled corpus: chart images, the PowerPoint deck and the PDF.

Prints seconds for the first chart image (includes starting the headless Chromium), each
later image (the browser is kept open), and building a five-slide pack (title, two charts,
findings, method and limits) as PPTX and as PDF (median of --repeat builds). No targets are
checked: the numbers are for reading. The analysis of the corpus is not timed; it goes to a
temporary cache folder, never the user's.

    python -m bench.pack [--repeat 5]

Issue 13's seventeenth stop, 2026-12-04, load < 1.5: each image is first drawn as SVG to see
where Plotly put the plot, then the caption starts at the image's edge; a legend that left the
plot short is made smaller and a crowded y axis fitted, each change drawn once more to see the
new plot. Next images, median of four, 0.31 s before, 0.61 s after; the tone timeline, drawn
four times (its legend and its y title both changed), 0.32 s -> 1.33 s. First image with the
browser start 2.6 -> 3.3 s; PPTX 0.05-0.08 s, PDF 0.18-0.23 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="builds of each file (median shown)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        os.environ["TONLAGE_CACHE_DIR"] = cache
        from tonlage import DEFAULT_CORPUS_DIR
        from tonlage.analysis.pipeline import analyse_folder
        from tonlage.present import charts, views
        from tonlage.report.deck import ChartSlide, Pack, pack_pdf, pack_pptx, slide_count
        from tonlage.report.images import render_figure, renderer_status

        corpus = analyse_folder(DEFAULT_CORPUS_DIR, events_file=ROOT / "data" / "events.csv")
        ids = tuple(corpus.articles["article_id"])
        a = views.view_articles(corpus, ids)
        shown, sentences = views.sentences_for(corpus, ids, 30)
        figures = {
            "tone over time": charts.tone_timeline_figure(a, events=corpus.events),
            "sentence tone": charts.sentence_tone_figure(sentences, shown),
            "tone shares": charts.tone_shares_figure(shown),
            "theme terms": charts.theme_terms_figure(views.theme_table(corpus, ids)),
        }
        caption = [f"Bundled corpus · {len(a)} articles", "Tone: lexicon rules · bench"]
        print(f"corpus: {len(a)} articles, {len(corpus.sentence_store)} sentences")

        ok, why = renderer_status()
        images: dict[str, bytes | None] = dict.fromkeys(figures)
        if ok:
            names = list(figures)
            t0 = time.perf_counter()
            images[names[0]] = render_figure(figures[names[0]], caption=caption)
            print(f"first image (starts the browser): {time.perf_counter() - t0:.2f} s")
            later = []
            for name in names[1:] + names[:1]:
                t0 = time.perf_counter()
                images[name] = render_figure(figures[name], caption=caption)
                later.append(time.perf_counter() - t0)
                print(f"  next image, {name}: {later[-1]:.2f} s ({len(images[name]) / 1024:.0f} KiB PNG)")
            print(f"next images: median {statistics.median(later):.2f} s")
            t0 = time.perf_counter()
            render_figure(figures[names[0]], fmt="svg", caption=caption)
            print(f"one SVG: {time.perf_counter() - t0:.2f} s")
        else:
            print(f"no chart images here: {why}")

        headings = dict(
            findings="Findings",
            quotes="Quotes",
            method="Method",
            limits="Limits",
            tone="tone",
            no_image="No chart images on this server; the data behind the chart:",
            made_with="Made with Tonlage",
        )
        names = list(figures)[:2]
        pack = Pack(
            title="Tone of the bundled corpus",
            subtitle=caption[0],
            headings=headings,
            charts=[
                ChartSlide(
                    n.capitalize(),
                    images[n],
                    " · ".join(caption),
                    "What this chart shows, in a sentence or two.",
                    table=a[["date_label", "title", "tone"]],
                )
                for n in names
            ],
            findings=[f"Finding {i}: the tone is slightly negative in most commentaries." for i in range(4)],
            method=["Lexicon rules with negation and intensifiers.", "Mean sentence tone per article."],
            limits=["Irony is not recognised.", "Few articles: differences may be chance."],
            date_made=time.strftime("%Y-%m-%d"),
        )
        print(f"pack: {slide_count(pack)} slides")
        for label, build in (("PPTX", pack_pptx), ("PDF", pack_pdf)):
            times, size = [], 0
            for _ in range(max(args.repeat, 1)):
                t0 = time.perf_counter()
                size = len(build(pack))
                times.append(time.perf_counter() - t0)
            print(
                f"{label} build: median {statistics.median(times):.3f} s, first {times[0]:.3f} s, {size / 1024:.0f} KiB"
            )


if __name__ == "__main__":
    main()
