"""The analysed corpus end to end: contracts, determinism, aggregation, languages, CLI."""

import csv
import io
import math
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tonlage import DEFAULT_CORPUS_DIR, DEFAULT_DATA_DIR
from tonlage.analysis.pipeline import analyse_folder, read_events
from tonlage.inputs import corpus_fingerprint
from tonlage.model import (
    ACTOR_ARTICLE_COLUMNS,
    ARTICLE_COLUMNS,
    ARTICLE_THEME_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    THEME_COLUMNS,
)

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)

DE = (
    "Die Verhandlungen in Genf brachten keinen Erfolg. Beide Seiten warfen einander Lügen vor. "
    "Der Minister sprach von einer schweren Krise und einem gefährlichen Stillstand. "
)
EN = (
    "The talks in Geneva brought no success at all. Both sides accused each other of lying. "
    "The minister spoke of a severe crisis and a dangerous deadlock in the negotiations. "
)


@pytest.fixture(scope="module")
def bundled():
    return analyse_folder(DEFAULT_CORPUS_DIR, events_file=DEFAULT_DATA_DIR / "events.csv", today=TODAY)


def test_tables_follow_the_model_contract(bundled):
    assert tuple(bundled.articles.columns) == ARTICLE_COLUMNS
    assert tuple(bundled.sentences.columns) == SENTENCE_COLUMNS
    assert set(THEME_COLUMNS) <= set(bundled.themes.columns)
    assert tuple(bundled.article_themes.columns) == ARTICLE_THEME_COLUMNS
    assert tuple(bundled.mentions.columns) == MENTION_COLUMNS
    assert tuple(bundled.actor_articles.columns) == ACTOR_ARTICLE_COLUMNS
    assert len(bundled.articles) == 5 and bundled.skipped.empty


def test_articles_are_in_date_order_with_the_right_dates(bundled):
    labels = bundled.articles["date_label"].tolist()
    assert labels == ["2025-02", "2025-08-15", "2025-09-24", "2025-10-20", "2025-10-21"]
    assert bundled.articles["date"].is_monotonic_increasing


def test_article_tone_is_the_mean_of_its_sentences(bundled):
    s = bundled.sentences
    for row in bundled.articles.itertuples():
        own = s[s["article_id"] == row.article_id]
        assert len(own) == row.n_sentences
        assert math.isclose(row.tone, own["tone"].mean(), abs_tol=1e-12)
        shares = own["tone_label"].value_counts(normalize=True)
        assert math.isclose(row.share_negative, shares.get("negative", 0.0), abs_tol=1e-12)
        assert math.isclose(row.share_negative + row.share_neutral + row.share_positive, 1.0)
    assert s["tone"].between(-1, 1).all()


def test_sentence_offsets_point_into_the_article_text(bundled):
    for row in bundled.sentences.sample(40, random_state=1).itertuples():
        assert bundled.texts.get(row.article_id)[row.start : row.end] == row.text


def test_theme_shares_and_top_theme(bundled):
    at = bundled.article_themes
    sums = at.groupby("article_id")["share"].sum()
    assert np.allclose(sums, 1.0)
    top = at.loc[at.groupby("article_id")["share"].idxmax()].set_index("article_id")
    arts = bundled.articles.set_index("article_id")
    assert (top["theme_id"] == arts.loc[top.index, "top_theme"]).all()
    assert bundled.themes["label"].is_unique
    assert bundled.params["n_themes"] == len(bundled.themes) == 3


def test_actor_mentions_sit_inside_their_sentence_and_tone_is_their_mean(bundled):
    s = bundled.sentences.set_index(["article_id", "sent_idx"])
    for m in bundled.mentions.sample(30, random_state=2).itertuples():
        sent = s.loc[(m.article_id, m.sent_idx)]
        assert sent["start"] <= m.start < m.end <= sent["end"]
    aa = bundled.actor_articles.set_index(["article_id", "actor"])
    row = aa.loc[(bundled.articles["article_id"][1], "Putin")]
    ms = bundled.mentions
    idx = ms[(ms["article_id"] == bundled.articles["article_id"][1]) & (ms["actor"] == "Putin")]["sent_idx"].unique()
    expected = (
        bundled.sentences.set_index(["article_id", "sent_idx"])
        .loc[[(bundled.articles["article_id"][1], i) for i in idx], "tone"]
        .mean()
    )
    assert math.isclose(row["tone"], expected) and row["n_sentences"] == len(idx)
    assert {"Trump", "Putin", "Rubio", "Lawrow"} <= set(bundled.actor_articles["actor"])


def test_same_corpus_same_results(bundled):
    again = analyse_folder(DEFAULT_CORPUS_DIR, events_file=DEFAULT_DATA_DIR / "events.csv", today=TODAY)
    pd.testing.assert_frame_equal(again.articles, bundled.articles)
    pd.testing.assert_frame_equal(again.sentences, bundled.sentences)
    pd.testing.assert_frame_equal(again.article_themes, bundled.article_themes)
    assert again.themes["label"].tolist() == bundled.themes["label"].tolist()
    assert again.fingerprint == bundled.fingerprint


def test_worker_processes_give_identical_results(tmp_path):
    for i in range(6):
        (tmp_path / f"a{i}.txt").write_text(f"T{i} | A. 0{i + 1}.03.2025.\n\n" + DE * (i + 1), encoding="utf-8")
    one = analyse_folder(tmp_path, workers=1, today=TODAY)
    two = analyse_folder(tmp_path, workers=2, today=TODAY)
    pd.testing.assert_frame_equal(one.sentences, two.sentences)
    pd.testing.assert_frame_equal(one.articles, two.articles)
    assert (two.articles["duplicate_kind"] != "").sum() >= 2  # the duplicates too


def test_fingerprint_changes_with_content(tmp_path):
    (tmp_path / "a.txt").write_text(DE, encoding="utf-8")
    before = corpus_fingerprint(tmp_path)
    (tmp_path / "a.txt").write_text(DE + "Noch ein Satz.", encoding="utf-8")
    assert corpus_fingerprint(tmp_path) != before


FR = (
    "Les ministres des affaires étrangères se sont réunis à New York mardi. Ils ne sont pas "
    "parvenus à un accord sur un cessez-le-feu, et les observateurs étaient déçus. "
)


def test_other_languages_are_labelled_and_kept_out_of_themes(tmp_path):
    (tmp_path / "de1.txt").write_text(DE * 3, encoding="utf-8")
    (tmp_path / "de2.txt").write_text(DE * 2 + "Die Waffenruhe hielt nicht.", encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN * 3, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FR * 3, encoding="utf-8")
    result = analyse_folder(tmp_path, today=TODAY)
    arts = result.articles.set_index("article_id")
    assert list(arts.loc[["en", "fr", "de1"], "language"]) == ["en", "fr", "de"]
    # English: scored with the English lexicon (VADER), sentence by sentence, with evidence.
    en_sents = result.sentences[result.sentences["article_id"] == "en"]
    assert en_sents["tone_label"].isin(["negative", "neutral", "positive"]).all()
    assert not math.isnan(arts.loc["en", "tone"])
    assert en_sents["evidence"].str.len().gt(0).any()
    # French: no lexicon, so "not scored" rather than scored wrongly.
    fr_sents = result.sentences[result.sentences["article_id"] == "fr"]
    assert (fr_sents["tone_label"] == "not scored").all() and math.isnan(arts.loc["fr", "tone"])
    # Neither is in the German theme model.
    assert arts.loc["en", "top_theme"] == -1 and arts.loc["fr", "top_theme"] == -1
    assert not {"en", "fr"} & set(result.article_themes["article_id"])
    terms = set(result.themes["terms"].explode().dropna().str.lower())
    assert not terms & {"the", "les", "ministres", "observers", "ceasefire"}


def test_empty_folder_gives_empty_tables_not_an_error(tmp_path):
    result = analyse_folder(tmp_path, today=TODAY)
    assert result.articles.empty and result.themes.empty and result.sentences.empty


def test_events_file_reads_and_bad_rows_are_dropped(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text('date,label,description\n2025-08-15,Anchorage,"Gipfel, Alaska"\nkein Datum,X,\n', encoding="utf-8")
    ev = read_events(path)
    assert ev["label"].tolist() == ["Anchorage"] and ev["description"][0] == "Gipfel, Alaska"
    assert ev["date"][0] == pd.Timestamp("2025-08-15")
    assert read_events(DEFAULT_DATA_DIR / "events.csv")["label"].str.contains("Anchorage").any()


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "tonlage", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_csv_has_one_row_per_article_with_iso_dates():
    proc = run_cli("analyse", str(DEFAULT_CORPUS_DIR), "--format", "csv", "--themes", "2")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert list(rows[0]) == [
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
    ]
    by_file = {r["file"][:3]: r for r in rows}
    assert {k: r["date"] for k, r in by_file.items()} == {
        "003": "2025-02",
        "004": "2025-08-15",
        "000": "2025-09-24",
        "001": "2025-10-20",
        "002": "2025-10-21",
    }
    assert by_file["002"]["date_source"] == "metadata" and by_file["003"]["date_precision"] == "month"
    assert {r["language"] for r in rows} == {"de"}
    assert len({r["top_theme"] for r in rows}) <= 2 and all(r["top_theme"] for r in rows)
    assert all(-1 <= float(r["tone"]) <= 1 for r in rows)


def test_cli_csv_is_the_same_on_a_buffered_and_an_unbuffered_stdout():
    """The CLI writes its CSV in blocks of its own on an unbuffered stdout (``python -u``,
    PYTHONUNBUFFERED): the bytes must be those of a buffered one, and the stream still usable."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    args = ["-m", "tonlage", "analyse", str(DEFAULT_CORPUS_DIR), "--format", "csv", "--themes", "2"]
    runs = [
        subprocess.run([sys.executable, *flag, *args], cwd=ROOT, env=env, capture_output=True, timeout=120)
        for flag in ([], ["-u"])
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[1].stderr
    assert runs[1].stdout == runs[0].stdout
    rows = list(csv.DictReader(io.StringIO(runs[1].stdout.decode("utf-8"))))
    assert len(rows) == 5 and all(r["file"] and r["top_theme"] for r in rows)


def test_cli_table_and_errors(tmp_path):
    proc = run_cli("analyse", str(DEFAULT_CORPUS_DIR))
    assert proc.returncode == 0 and "Roter Teppich" in proc.stdout
    assert run_cli("analyse", str(tmp_path / "missing")).returncode == 2
    assert run_cli("analyse", str(DEFAULT_CORPUS_DIR), "--themes", "0").returncode == 2


def test_garbage_collector_is_restored(tmp_path):
    import gc

    (tmp_path / "a.txt").write_text(DE * 2, encoding="utf-8")
    assert gc.isenabled()
    analyse_folder(tmp_path, workers=1, today=TODAY)
    assert gc.isenabled()
    gc.disable()
    try:
        analyse_folder(tmp_path, workers=1, today=TODAY)
        assert not gc.isenabled()  # a caller's choice is kept too
    finally:
        gc.enable()


def test_concurrent_analyses_from_threads_agree(tmp_path):
    """The app analyses from several sessions' threads; results must not mix."""
    from concurrent.futures import ThreadPoolExecutor

    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(DE * (i + 1), encoding="utf-8")
    alone = analyse_folder(tmp_path, workers=1, today=TODAY)
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda k: analyse_folder(tmp_path, n_themes=k, workers=1, today=TODAY), [1, 2, 1]))
    for r in results:
        pd.testing.assert_frame_equal(r.sentences, alone.sentences)


@pytest.mark.parametrize(
    "name,content",
    [
        ("metadata.csv", b"\xff\xfe\x00garbage\x00"),
        ("metadata.csv", b"titel;datum\nx;y\n"),
        ("events.csv", b'date,label\n"2025-01-01,unclosed\n'),
        ("events.csv", b"\x00\x01\x02\xff\xfe"),
    ],
)
def test_malformed_side_files_are_reported_not_fatal(tmp_path, name, content):
    (tmp_path / "a.txt").write_text(DE * 2, encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    result = analyse_folder(tmp_path, today=TODAY)
    assert len(result.articles) == 1
    reasons = dict(zip(result.skipped["file"], result.skipped["reason"]))
    assert name in reasons and reasons[name].endswith(".") and len(reasons[name]) > 40


def test_malformed_actor_list_is_reported_not_fatal(tmp_path):
    (tmp_path / "a.txt").write_text(DE * 2, encoding="utf-8")
    actors = tmp_path.parent / f"{tmp_path.name}-actors.csv"
    actors.write_bytes(b"\xff\xfe\x00\xd8garbage")
    result = analyse_folder(tmp_path, actors_file=actors, today=TODAY)
    assert len(result.articles) == 1 and result.mentions.empty
    assert actors.name in set(result.skipped["file"])


def test_boilerplate_sentences_add_no_theme_terms(tmp_path):
    from array import array

    from tonlage.analysis.per_article import Parsed as _Parsed
    from tonlage.analysis.theme_step import _boilerplate_keys
    from tonlage.analysis.theme_step import theme_features as _theme_features

    def parsed(keys_and_features):
        feats, sents = [], array("q")
        for key, words in keys_and_features:
            sents.extend((key, len(feats), len(feats) + len(words)))
            feats.extend(words)
        return _Parsed([], [], "de", [], [], feats, voices=[], feature_sentences=sents)

    note = (99, ["Volltext", "Verfügung"])
    own = [f"Wort{j}" for j in range(10)]
    docs = [parsed([(i, own), note]) for i in range(4)] + [parsed([(10, ["Krieg", *own])])]
    keys = _boilerplate_keys(docs, list(range(5)))
    assert keys == {99}
    assert _theme_features(docs[0], keys) == own and _theme_features(docs[4], keys) == ["Krieg", *own]
    # Copies of one story count once: three copies are not three stories.
    assert _boilerplate_keys(docs[:3], [0, 0, 0]) == set()
    # In a large corpus a sentence must be in 1 % of the stories to count as boilerplate.
    many = docs[:4] + [parsed([(1000 + i, ["Wort"])]) for i in range(996)]
    assert _boilerplate_keys(many, list(range(1000))) == set()
    # A corpus made of repeated sentences (copies, generated text) keeps its words.
    copies = [parsed([(1, ["Krieg"]), (2, ["Front"])]) for _ in range(5)]
    assert _boilerplate_keys(copies, list(range(5))) == set()


def test_credit_lines_and_agency_names_never_name_a_theme():
    from tonlage.analysis.pipeline import analyse_articles
    from tonlage.corpus import RawArticle

    war = (
        "Die Armee meldete neue Angriffe an der Front. Die Waffenruhe hielt nicht. "
        "Der Außenminister sagte der Nachrichtenagentur RIA Nowosti, die Gespräche gingen weiter.\n"
        "Foto: Imago / Tomahawk\n"
    )
    sport = (
        "Der Verein gewann das Spiel im Stadion. Der Trainer lobte die Abwehr und den Torwart. "
        "Die Liga bleibt spannend, meldet die Agentur dpa.\nFoto: APA / Eberhard\n"
    )
    arts = [
        RawArticle(article_id=f"a{i}", file=f"a{i}.txt", title="", author="unknown", text=t)
        for i, t in enumerate([war, sport, war.replace("neue", "schwere"), sport.replace("Spiel", "Derby")])
    ]
    result = analyse_articles(arts, fingerprint="t", n_themes=2)
    words = {w.casefold() for terms in result.themes["terms"] for t in terms for w in t.split()}
    assert words and not words & {
        "tomahawk",
        "eberhard",
        "imago",
        "foto",
        "apa",
        "dpa",
        "ria",
        "nowosti",
        "nachrichtenagentur",
    }
    labels = " ".join(result.themes["label"])
    assert "Waffenruhe" in labels or "Front" in labels or "Armee" in labels


def test_neutral_band_is_the_fitted_scorers_band_without_a_fit(monkeypatch):
    """The analysis's ``neutral_band`` is read from the shipped model, not from a fitted scorer
    (a fit loads the lemma dictionary): the same number, and no dictionary loaded for it."""
    from tonlage.analysis import lexicon_cache
    from tonlage.analysis.pipeline import neutral_band
    from tonlage.tone import ToneScorer

    loaded = []
    monkeypatch.setattr(lexicon_cache, "load_german_dictionary", lambda: loaded.append(1))
    band = neutral_band()
    assert loaded == []
    monkeypatch.undo()
    assert band == ToneScorer().fit().band_
    assert band == ToneScorer(model="default").fit().band_ and 0 < band < 1


def test_new_texts_are_handed_over_without_waiting_for_the_pool():
    """An add's new texts go to the pool from a thread (_submit_soon): the analysis goes on
    reading its articles while the pool's processes wait for the forkserver. The results come
    in order; an error of the hand-over is raised where they are read."""
    import threading

    from tonlage.analysis.parallel import submit_soon as _submit_soon

    release = threading.Event()

    class WaitingPool:
        def map(self, fn, items, chunksize):
            if not release.wait(30):  # a guard against a hang, not a timing
                raise AssertionError("the caller waited for the hand-over")
            return map(fn, items)

    results = _submit_soon(WaitingPool(), lambda x: x * x, [1, 2, 3], workers=2)
    release.set()  # only reached if _submit_soon returned while the pool was still waiting
    assert list(results) == [1, 4, 9]

    class BrokenPool:
        def map(self, fn, items, chunksize):
            raise RuntimeError("no workers")

    results = _submit_soon(BrokenPool(), abs, [1], workers=2)
    with pytest.raises(RuntimeError, match="no workers"):
        list(results)


def test_process_pool_is_handed_back_while_its_processes_start(monkeypatch):
    """process_pool starts its processes from a thread: the caller has the pool at once, and
    work handed to it runs once they are up."""
    import os
    import threading

    from tonlage.analysis import workers

    started, release = threading.Event(), threading.Event()
    start = workers._start

    def slow_start(pool, n):
        started.set()
        if not release.wait(30):  # a guard against a hang, not a timing
            raise AssertionError("process_pool waited for its processes")
        start(pool, n)

    monkeypatch.setattr(workers, "_start", slow_start)
    with workers.process_pool(1) as pool:
        assert started.wait(30)
        release.set()  # only reached if the pool was handed back before its processes started
        assert pool.submit(os.getpid).result() != os.getpid()


def _pid(_item: object) -> int:
    return os.getpid()


def _sleep_then_mark(path: str) -> str:
    import time

    time.sleep(60)
    Path(path).write_text("finished", encoding="utf-8")
    return path


def test_a_cancelled_pool_ends_its_workers_instead_of_waiting_for_them(tmp_path):
    """Cancelled (here: KeyboardInterrupt) while a worker holds a long task: the task is not
    waited for and its worker is gone when the pool's block has ended; the next pool works."""
    from tonlage.analysis import workers

    mark = tmp_path / "mark"
    with pytest.raises(KeyboardInterrupt):
        with workers.process_pool(2) as pool:
            held = pool.submit(_sleep_then_mark, str(mark))
            pids = set(pool.map(_pid, range(40)))  # the workers are up
            pids |= set(pool._processes)
            raise KeyboardInterrupt
    assert held.done() and not mark.exists()  # ended, never finished
    for pid in pids:  # gone, or a zombie its parent (the forkserver) has not reaped yet
        assert not Path(f"/proc/{pid}").exists() or Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] == "Z"
    with workers.process_pool(2) as pool:
        assert pool.submit(abs, -3).result() == 3
