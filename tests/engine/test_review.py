"""The reader's review of the tone: the store, the check queue, agreement, calibration and the
corrections applied without re-analysing."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score

from tonlage.aggregates import article_tone
from tonlage.review import (
    CALIBRATE_FROM,
    LABELS,
    ReaderEdits,
    ToneNotes,
    agreement,
    apply_tone_corrections,
    calibrate_band,
    check_queue,
    text_hash,
)
from tonlage.review.sample import MIN_WORDS, next_to_check, stratum_weights
from tonlage.tone import ToneScorer


# --- the store ---------------------------------------------------------------------------------
def test_notes_survive_a_new_object_and_every_change_raises_the_revision(tmp_path):
    notes = ToneNotes(tmp_path / "n.sqlite")
    revisions = [notes.revision()]
    notes.set_label("a", 1, "Ein Satz.", "negative")
    revisions.append(notes.revision())
    notes.set_word("Frieden", "neutral")
    revisions.append(notes.revision())
    notes.set_override("a", 2, "Noch ein Satz.", "positive")
    revisions.append(notes.revision())
    notes.set_band(0.4)
    revisions.append(notes.revision())
    assert len(set(revisions)) == len(revisions)

    again = ToneNotes(tmp_path / "n.sqlite")  # as after a restart
    assert again.labels()[["article_id", "sent_idx", "label"]].values.tolist() == [["a", 1, "negative"]]
    assert again.word_values() == {"Frieden": 0.0}
    assert again.overrides()["label"].tolist() == ["positive"]
    assert again.band() == 0.4

    again.remove_word("Frieden")
    again.remove_override("a", 2)
    again.set_band(None)
    assert again.is_empty()
    assert again.labels().shape[0] == 1  # labels are not corrections


def test_notes_refuse_what_they_cannot_mean(tmp_path):
    notes = ToneNotes(tmp_path / "n.sqlite")
    with pytest.raises(ValueError):
        notes.set_label("a", 0, "x", "furious")
    with pytest.raises(ValueError):
        notes.set_word("zwei Wörter", "neutral")
    with pytest.raises(ValueError):
        notes.set_word("Krise", "sarcastic")
    assert notes.labels().empty and notes.words().empty


def test_reading_notes_that_were_never_written_creates_no_file(tmp_path):
    notes = ToneNotes(tmp_path / "none" / "n.sqlite")
    assert notes.labels().empty and notes.band() is None and notes.is_empty()
    assert not (tmp_path / "none").exists()


def test_labels_export_and_import_round_trip_with_plain_problems(tmp_path):
    sentences = pd.DataFrame(
        {"article_id": ["a", "a", "b"], "sent_idx": [0, 1, 0], "text": ["Eins zwei.", "Drei vier.", "=HYPERLINK(1)"]}
    )
    notes = ToneNotes(tmp_path / "n.sqlite")
    notes.set_label("a", 0, "Eins zwei.", "positive")
    notes.set_label("b", 0, "=HYPERLINK(1)", "neutral")
    data = notes.export_labels(sentences)
    assert b"'=HYPERLINK" in data  # a formula is neutralised for spreadsheets

    other = ToneNotes(tmp_path / "other.sqlite")
    bad = data + b"a,7,negative,x\r\na,zwei,neutral,x\r\na,1,furious,x\r\n"
    taken, problems = other.import_labels(bad, sentences)
    assert taken == 2
    assert len(problems) == 3
    assert any("no sentence 7" in p for p in problems)
    assert any("not a number" in p for p in problems)
    assert any("furious" in p for p in problems)
    assert sorted(other.labels()["label"]) == ["neutral", "positive"]
    missing, problems = other.import_labels(b"id,label\n1,positive\n", sentences)
    assert missing == 0 and "sent_idx" in problems[0]


def test_a_label_of_a_sentence_whose_text_changed_no_longer_counts(tmp_path):
    sentences = pd.DataFrame(
        {
            "article_id": ["a", "a"],
            "sent_idx": [0, 1],
            "text": ["Der Gipfel ist ein Erfolg.", "Das ist neu formuliert."],
            "tone": [0.7, 0.0],
            "tone_label": ["positive", "neutral"],
            "evidence": ["Erfolg +0.70", ""],
        }
    )
    notes = ToneNotes(tmp_path / "n.sqlite")
    notes.set_label("a", 0, "Der Gipfel ist ein Erfolg.", "positive")
    notes.set_label("a", 1, "Das war der alte Wortlaut.", "negative")
    result = agreement(sentences, notes.labels())
    assert result.n == 1 and result.n_stale == 1


# --- the queue ---------------------------------------------------------------------------------
def _corpus_tables(n_articles=12, per_article=10, seed=1):
    rng = np.random.default_rng(seed)
    rows, arts = [], []
    for a in range(n_articles):
        aid = f"art{a:03d}"
        arts.append({"article_id": aid, "date": pd.Timestamp(2025, 1 + a % 4, 10), "duplicate_of": ""})
        for i in range(per_article):
            tone = float(rng.uniform(-1, 1))
            label = "neutral" if abs(tone) < 0.3 else ("positive" if tone > 0 else "negative")
            rows.append(
                {
                    "article_id": aid,
                    "sent_idx": i,
                    "text": f"Satz {i} im Artikel {a} mit einigen Wörtern.",
                    "n_words": 8,
                    "tone": tone,
                    "tone_label": label,
                    "evidence": "",
                }
            )
    return pd.DataFrame(rows), pd.DataFrame(arts)


def test_the_queue_is_seeded_stable_and_covers_every_stratum_before_repeating_one():
    sentences, articles = _corpus_tables()
    q1 = check_queue(sentences, articles)
    q2 = check_queue(sentences.sample(frac=1, random_state=3), articles)
    assert q1[["article_id", "sent_idx"]].values.tolist() == q2[["article_id", "sent_idx"]].values.tolist()
    assert check_queue(sentences, articles, seed=7)[["article_id", "sent_idx"]].values.tolist() != (
        q1[["article_id", "sent_idx"]].values.tolist()
    )
    strata = q1["stratum"].nunique()
    assert strata == 12  # 3 labels x 4 months
    assert q1["stratum"].head(strata).nunique() == strata
    assert q1["rank"].tolist() == list(range(len(q1)))


class _StoredCorpus:
    """An analysed corpus as corpus_check_queue reads it: its articles and a sentence store
    that names its content as a store on disk does, counting its reads."""

    def __init__(self, sentences, articles, content="sentences-1"):
        from tonlage.storage.sentence_store import SentenceStore

        self.articles = articles
        self.sentence_store = SentenceStore(sentences)
        self.reads = []
        read = self.sentence_store.frame
        self.sentence_store.frame = lambda *a, **k: self.reads.append(1) or read(*a, **k)
        self.sentence_store.content_key = lambda: content


def test_a_corpus_queue_is_kept_and_read_back_the_same_until_its_sentences_or_articles_change():
    from tonlage.review import corpus_check_queue

    sentences, articles = _corpus_tables()
    first = _StoredCorpus(sentences, articles)
    made = corpus_check_queue(first)
    pd.testing.assert_frame_equal(made, check_queue(sentences, articles))
    assert first.reads == [1]
    again = _StoredCorpus(sentences, articles)  # another server: read from the cache, the same table
    pd.testing.assert_frame_equal(corpus_check_queue(again), made)
    assert again.reads == []
    assert corpus_check_queue(_StoredCorpus(sentences, articles), seed=7)["rank"].size == len(made)
    moved = articles.assign(date=articles["date"] + pd.Timedelta(days=40))  # other months: other strata
    other = _StoredCorpus(sentences, moved)
    pd.testing.assert_frame_equal(corpus_check_queue(other), check_queue(sentences, moved))
    assert other.reads == [1]
    rescored = _StoredCorpus(sentences, articles, content="sentences-2")
    corpus_check_queue(rescored)
    assert rescored.reads == [1]
    unnamed = _StoredCorpus(sentences, articles, content=None)  # a store in memory: made each time
    corpus_check_queue(unnamed)
    corpus_check_queue(unnamed)
    assert unnamed.reads == [1, 1]


def test_the_queue_holds_each_sentence_with_its_label_and_month_and_orders_them_as_text():
    """The queue keeps its ids and strata as categories (numbers into their values): each row
    is a sentence of the table with the stratum "label|month" of its article, and the order,
    made from hashes, is the one the same values give as text."""
    from tonlage.review.sample import _hash_key

    sentences, articles = _corpus_tables(n_articles=9)
    articles.loc[3, "date"] = pd.NaT  # an undated article: its own stratum
    q = check_queue(sentences, articles)
    month = articles.set_index("article_id")["date"].dt.strftime("%Y-%m").fillna("undated")
    plain = sentences.assign(stratum=sentences["tone_label"] + "|" + sentences["article_id"].map(month))
    got = q.astype({"article_id": str, "stratum": str}).merge(plain, on=["article_id", "sent_idx"], how="left")
    assert len(got) == len(sentences) and (got["stratum_x"] == got["stratum_y"]).all()
    assert "neutral|undated" in set(q["stratum"]) or "negative|undated" in set(q["stratum"])
    as_text = q[["article_id", "sent_idx"]].astype({"article_id": str})
    for frame in (q[["article_id", "sent_idx"]], as_text):  # the order rests on these hashes
        h = pd.util.hash_pandas_object(frame, index=False, hash_key=_hash_key(0))
        assert (
            h.to_numpy() == pd.util.hash_pandas_object(as_text, index=False, hash_key=_hash_key(0)).to_numpy()
        ).all()


def test_the_queue_is_stratified_by_the_scorer_s_label_not_a_reader_s_correction():
    """With corrections applied, tone_label is the reader's and scorer_label the scorer's: the
    strata (and so the queue) follow the scorer, as for the uncorrected table."""
    sentences, articles = _corpus_tables(n_articles=6)
    plain = check_queue(sentences, articles)
    corrected = sentences.assign(scorer_label=sentences["tone_label"])
    flip = {"negative": "positive", "positive": "neutral", "neutral": "negative"}
    corrected.loc[::3, "tone_label"] = corrected.loc[::3, "tone_label"].map(flip)
    pd.testing.assert_frame_equal(check_queue(corrected, articles), plain)


def test_the_queue_leaves_out_short_sentences_later_copies_and_unscored_ones():
    sentences, articles = _corpus_tables(n_articles=3)
    sentences.loc[0, "n_words"] = MIN_WORDS - 1
    sentences.loc[1, "tone_label"] = "not scored"
    articles.loc[2, "duplicate_of"] = "art000"
    q = check_queue(sentences, articles)
    keys = set(map(tuple, q[["article_id", "sent_idx"]].values.tolist()))
    assert ("art000", 0) not in keys and ("art000", 1) not in keys
    assert not any(k[0] == "art002" for k in keys)
    assert len(q) == 10 - 2 + 10


def test_adding_articles_keeps_the_relative_order_of_the_sentences_already_there():
    sentences, articles = _corpus_tables(n_articles=8)
    more_s, more_a = _corpus_tables(n_articles=10)
    before = check_queue(sentences, articles)
    after = check_queue(more_s, more_a)
    old = set(map(tuple, before[["article_id", "sent_idx"]].values.tolist()))
    same_stratum = after[[k in old for k in map(tuple, after[["article_id", "sent_idx"]].values.tolist())]]
    for stratum, group in before.groupby("stratum"):
        kept = same_stratum[same_stratum["stratum"] == stratum]
        assert group[["article_id", "sent_idx"]].values.tolist() == kept[["article_id", "sent_idx"]].values.tolist()


def _queue_as_specified(sentences, articles, seed=0):
    """The queue's order as the docstring states it, with pandas' own grouping and sorting
    (what check_queue did before it sorted arrays): rank by hash within each stratum, then by
    round, the stratum's hash, the sentence's hash, ties kept in table order."""
    from tonlage.review.sample import _eligible, _hash_key

    s = _eligible(sentences, articles)
    h = pd.util.hash_pandas_object(s[["article_id", "sent_idx"]], index=False, hash_key=_hash_key(seed))
    s = s.assign(h=h.to_numpy())
    s["round"] = s.groupby("stratum")["h"].rank(method="first").astype("int64") - 1
    turn = pd.util.hash_pandas_object(s["stratum"], index=False, hash_key=_hash_key(seed + 1))
    s["turn"] = turn.to_numpy()
    s = s.sort_values(["round", "turn", "h"], kind="mergesort").reset_index(drop=True)
    return s[["article_id", "sent_idx", "stratum"]].assign(rank=np.arange(len(s), dtype="int64"))


@pytest.mark.parametrize("collide", [None, 7, 1])
@pytest.mark.parametrize("seed", [0, 3])
def test_the_queue_is_the_specified_order_even_when_hashes_collide(monkeypatch, seed, collide):
    sentences, articles = _corpus_tables(n_articles=20, per_article=12, seed=seed + 5)
    articles.loc[3, "date"] = pd.NaT
    if collide:  # hashes folded onto a few values: sentences (and strata) share them
        real = pd.util.hash_pandas_object
        monkeypatch.setattr(pd.util, "hash_pandas_object", lambda obj, **kw: real(obj, **kw) % np.uint64(collide))
    expected = _queue_as_specified(sentences, articles, seed=seed)
    got = check_queue(sentences, articles, seed=seed)
    pd.testing.assert_frame_equal(got, expected)


def test_the_strata_are_the_label_and_the_month_or_undated():
    sentences, articles = _corpus_tables(n_articles=5)
    articles.loc[4, "date"] = pd.NaT
    q = check_queue(sentences, articles)
    month = dict(zip(articles["article_id"], articles["date"].dt.strftime("%Y-%m").fillna("undated")))
    label = dict(zip(zip(sentences["article_id"], sentences["sent_idx"]), sentences["tone_label"]))
    expected = [f"{label[(a, i)]}|{month[a]}" for a, i in zip(q["article_id"], q["sent_idx"])]
    assert q["stratum"].tolist() == expected
    assert any(s.endswith("|undated") for s in expected) and any(s.endswith("|2025-02") for s in expected)


@pytest.mark.parametrize("seed", range(6))
def test_the_next_sentence_to_check_is_the_first_unlabelled_in_the_queue(seed):
    sentences, articles = _corpus_tables(n_articles=6)
    q = check_queue(sentences, articles)
    keys = list(zip(q["article_id"], q["sent_idx"]))
    rng = np.random.default_rng(seed)
    # labels given at the head of the queue, scattered in it, and for sentences not in it
    given = set(keys[: int(rng.integers(0, 12))]) | {keys[i] for i in rng.choice(len(keys), 15, replace=False)}
    given |= {("elsewhere", 1), ("elsewhere", 2)}
    naive = q[[k not in given for k in keys]]
    row = next_to_check(q, given)
    assert row is not None and (row["article_id"], row["sent_idx"]) == (
        naive.iloc[0]["article_id"],
        naive.iloc[0]["sent_idx"],
    )
    assert next_to_check(q, set(keys) | {("elsewhere", 1)}) is None
    assert next_to_check(q.iloc[:0], set()) is None
    first = next_to_check(q, {})
    assert first is not None and first["rank"] == 0


def test_stratum_weights_stand_for_the_corpus():
    sentences, articles = _corpus_tables()
    q = check_queue(sentences, articles)
    checked = q.head(24)
    w = stratum_weights(q, checked)
    assert w.sum() == pytest.approx(len(q))


def test_stratum_weights_when_every_stratum_has_a_size_of_its_own():
    """The queue keeps its strata as categories; mapped to sizes one-to-one (every stratum of
    another size, as on a large corpus) they stayed categories and the division failed, which
    took the Check page's agreement down at 100,000 articles."""
    sentences, articles = _corpus_tables(n_articles=60)
    q = check_queue(sentences, articles)
    strata = list(dict.fromkeys(q["stratum"]))
    # The k-th stratum keeps its first k + 2 sentences: no two strata of one size.
    keep = pd.concat([q[q["stratum"] == s].head(k + 2) for k, s in enumerate(strata)])
    q = q.loc[sorted(keep.index)].reset_index(drop=True)
    size = q.groupby("stratum", observed=True).size()
    assert size.is_unique
    checked = q.groupby("stratum", observed=True).head(2)
    w = stratum_weights(q, checked)
    assert w.dtype == "float64" and w.notna().all()
    assert w.tolist() == [size[s] / 2 for s in checked["stratum"]]
    assert w.sum() == pytest.approx(len(q))


def test_stratum_weights_of_sentences_outside_the_queue_are_missing():
    sentences, articles = _corpus_tables()
    q = check_queue(sentences, articles)
    checked = pd.concat(
        [q.iloc[[0, 5, 9]], pd.DataFrame({"article_id": ["art000", "nowhere"], "sent_idx": [99, 0]})],
        ignore_index=True,
    ).set_index(pd.Index([10, 11, 12, 13, 14]))
    w = stratum_weights(q, checked)
    assert list(w.index) == [10, 11, 12, 13, 14]
    size = q.groupby("stratum").size()
    per = checked.iloc[:3]["stratum"].value_counts()
    assert w.iloc[:3].tolist() == [size[s] / per[s] for s in checked.iloc[:3]["stratum"]]
    assert w.iloc[3:].isna().all()


# --- agreement ---------------------------------------------------------------------------------
def _labelled(n=200, flip=0.25, seed=0):
    rng = np.random.default_rng(seed)
    labels = np.array(["negative", "neutral", "positive"])
    scorer = labels[rng.integers(0, 3, n)]
    reader = scorer.copy()
    flips = rng.random(n) < flip
    reader[flips] = labels[rng.integers(0, 3, flips.sum())]
    sentences = pd.DataFrame(
        {
            "article_id": [f"a{i // 10}" for i in range(n)],
            "sent_idx": [i % 10 for i in range(n)],
            "text": [f"Satz Nummer {i}." for i in range(n)],
            "tone": np.where(scorer == "positive", 0.8, np.where(scorer == "negative", -0.8, 0.0)),
            "tone_label": scorer,
            "evidence": "",
        }
    )
    labels_df = pd.DataFrame(
        {
            "article_id": sentences["article_id"],
            "sent_idx": sentences["sent_idx"],
            "text_hash": sentences["text"].map(text_hash),
            "label": reader,
            "labelled": "2026-01-01",
        }
    )
    return sentences, labels_df, reader, scorer


def test_agreement_matches_scikit_learn_and_the_intervals_hold_the_estimate():
    sentences, labels, reader, scorer = _labelled()
    result = agreement(sentences, labels)
    assert result.n == 200
    assert result.accuracy == pytest.approx(accuracy_score(reader, scorer))
    assert result.kappa == pytest.approx(cohen_kappa_score(reader, scorer))
    assert result.macro_f1 == pytest.approx(f1_score(reader, scorer, average="macro"))
    for name in ("accuracy", "macro_f1", "kappa"):
        low, high = result.intervals[name]
        assert low < getattr(result, name) < high
        assert high - low < 0.3
    assert result.confusion.to_numpy().sum() == 200
    assert len(result.disagreements) == int((reader != scorer).sum())
    assert agreement(sentences, labels).intervals == result.intervals  # seeded


def test_skips_are_kept_but_never_counted():
    sentences, labels, reader, scorer = _labelled(n=40)
    labels.loc[:9, "label"] = "skip"
    assert agreement(sentences, labels).n == 30


def test_no_labels_or_skips_only_read_no_sentence_and_give_an_empty_agreement(bundled_corpus, tmp_path, monkeypatch):
    """Without a label to compare (none given, or skips only) the agreement is the empty one the
    comparison of no sentences gave, and applying the edits reads no sentence (every corpus's
    first load, before a fresh server's first chart)."""
    from tonlage.storage.sentence_store import SentenceStore

    sentences, labels, _, _ = _labelled(n=20)
    skips = labels.assign(label="skip")
    for given in (labels.iloc[0:0], skips):
        a = agreement(sentences, given)
        assert (a.n, a.n_stale, a.checked) == (0, 0, False) and np.isnan(a.accuracy) and np.isnan(a.kappa)
        assert a.confusion.to_numpy().sum() == 0 and list(a.confusion.index) == list(LABELS)
    read = []
    real = SentenceStore.frame
    monkeypatch.setattr(SentenceStore, "frame", lambda self, *a, **k: read.append(k) or real(self, *a, **k))
    out = ReaderEdits.for_folder("data/corpus", root=tmp_path).apply(bundled_corpus)
    assert read == []
    assert out.params["tone_check"]["n"] == 0


def test_agreement_compares_the_scorer_not_the_readers_own_overrides():
    sentences, labels, reader, scorer = _labelled(n=60)
    corrected = sentences.assign(scorer_label=sentences["tone_label"], scorer_tone=sentences["tone"])
    corrected["tone_label"] = reader  # as if every sentence had been set by hand
    assert agreement(corrected, labels).accuracy == pytest.approx(accuracy_score(reader, scorer))


# --- calibration -------------------------------------------------------------------------------
def test_calibration_finds_a_band_the_labels_support_and_says_it_helps():
    rng = np.random.default_rng(4)
    scores = rng.uniform(-1, 1, 300)
    truth = np.where(np.abs(scores) < 0.5, "neutral", np.where(scores > 0, "positive", "negative"))
    cal = calibrate_band(scores, truth, current_band=0.1)
    assert cal.improves
    assert 0.4 <= cal.band <= 0.6
    assert cal.cv_fitted > cal.cv_current


def test_calibration_does_not_offer_a_band_that_does_not_help():
    rng = np.random.default_rng(5)
    scores = rng.uniform(-1, 1, 300)
    truth = np.where(np.abs(scores) < 0.3, "neutral", np.where(scores > 0, "positive", "negative"))
    cal = calibrate_band(scores, truth, current_band=0.3)
    assert not cal.improves
    assert CALIBRATE_FROM >= 30


# --- corrections -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundled_corpus(analysed_bundled):
    return analysed_bundled


def test_a_word_correction_rescores_only_the_sentences_with_the_word(bundled_corpus):
    corpus = bundled_corpus
    word = "Frieden"
    out = apply_tone_corrections(corpus, words={word: 0.0})
    s, before = out.sentences, corpus.sentences
    touched = s["corrected"] == "words"
    assert touched.any()
    assert s.loc[touched, "text"].str.contains("rieden").all()
    untouched = ~s["text"].str.contains("rieden", case=False)
    pd.testing.assert_series_equal(s.loc[untouched, "tone"], before.loc[untouched, "tone"])
    # the same as scoring those sentences afresh with the word list
    scorer = ToneScorer(reader_words={word: 0.0}).fit()
    for text, tone in s.loc[touched, ["text", "tone"]].itertuples(index=False):
        assert tone == pytest.approx(scorer.score(text).score)
    assert not s.loc[touched, "evidence"].str.contains(rf"\b{word} ").any()
    # every aggregate follows
    expected = article_tone(s, pd.Index(out.articles["article_id"]))
    np.testing.assert_allclose(out.articles["tone"], expected["tone"].to_numpy())
    assert not np.allclose(out.articles["tone"], corpus.articles["tone"])
    assert not out.themes["tone"].equals(corpus.themes["tone"])
    assert corpus.sentences.columns.tolist() == before.columns.tolist()  # the analysis untouched


def test_a_sentence_set_by_hand_takes_its_label_and_moves_its_article(bundled_corpus):
    corpus = bundled_corpus
    row = corpus.sentences[corpus.sentences["tone_label"] == "positive"].iloc[0]
    overrides = pd.DataFrame(
        [
            {
                "article_id": row.article_id,
                "sent_idx": row.sent_idx,
                "text_hash": text_hash(row.text),
                "label": "negative",
            }
        ]
    )
    out = apply_tone_corrections(corpus, overrides=overrides)
    new = out.sentences.set_index(["article_id", "sent_idx"]).loc[(row.article_id, row.sent_idx)]
    assert new.tone_label == "negative" and new.tone < 0 and new.corrected == "sentence"
    assert new.scorer_label == "positive"  # what the scorer said stays known
    before = corpus.articles.set_index("article_id").loc[row.article_id, "tone"]
    after = out.articles.set_index("article_id").loc[row.article_id, "tone"]
    assert after < before
    stale = overrides.assign(text_hash="0" * 16)
    assert apply_tone_corrections(corpus, overrides=stale).sentences["corrected"].eq("").all()


def test_a_fitted_band_relabels_german_sentences_only(bundled_corpus):
    corpus = bundled_corpus
    out = apply_tone_corrections(corpus, band=0.99)
    german = out.sentences["article_id"].map(corpus.articles.set_index("article_id")["language"]).eq("de")
    assert (out.sentences.loc[german, "tone_label"].isin(["neutral", "not scored"])).all()
    assert out.articles["share_neutral"].gt(corpus.articles["share_neutral"] - 1e-12).all()


def test_the_band_the_tone_page_draws_is_where_the_labels_change(bundled_corpus):
    """The Tone page shades views.sentence_band as the scores that count as neutral: for the
    analysis and after a reader's band, every scored German sentence inside it is neutral and
    every one outside it negative or positive, as its sign says."""
    from tonlage.present.views import sentence_band

    for corpus in (bundled_corpus, apply_tone_corrections(bundled_corpus, band=0.3)):
        band = sentence_band(corpus.params)
        assert band is not None and 0 < band < 1
        s = corpus.sentences
        german = s["article_id"].map(corpus.articles.set_index("article_id")["language"]).eq("de")
        s = s[german & s["tone_label"].ne("not scored")]
        inside = s["tone"].abs() < band
        assert inside.any() and (~inside).any()  # both sides of the edge are tested
        assert s.loc[inside, "tone_label"].eq("neutral").all()
        outside = s[~inside & s["tone"].ne(0)]
        assert (outside["tone_label"] == np.where(outside["tone"] > 0, "positive", "negative")).all()
    assert sentence_band(apply_tone_corrections(bundled_corpus, band=0.3).params) == 0.3
    assert sentence_band({}) is None and sentence_band({"neutral_band": 0.0}) is None


def test_no_notes_give_back_the_same_corpus(bundled_corpus, tmp_path):
    edits = ReaderEdits.for_folder("data/corpus", root=tmp_path)
    assert edits.apply(bundled_corpus).sentence_store is bundled_corpus.sentence_store
    edits.tone.set_word("Frieden", "neutral")
    changed = edits.apply(bundled_corpus)
    assert changed.params["tone_review"]["words"] == 1
    edits.tone.remove_word("Frieden")
    restored = edits.apply(bundled_corpus)
    pd.testing.assert_series_equal(restored.articles["tone"], bundled_corpus.articles["tone"])


def test_corrections_read_and_write_the_sentences_a_part_at_a_time(monkeypatch):
    """An analysis written in several Parquet parts is corrected a part at a time into a new
    store on disk, with the same tables as the same corrections on every sentence in memory."""
    from dataclasses import replace

    from tonlage import DEFAULT_CORPUS_DIR
    from tonlage.analysis import pipeline
    from tonlage.storage.sentence_store import SentenceStore

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 2)  # 5 articles: parts of 2, 2 and 1
    corpus = pipeline.analyse_folder(DEFAULT_CORPUS_DIR, workers=1)
    assert not corpus.sentence_store.in_memory
    whole = replace(corpus, sentence_store=SentenceStore(corpus.sentences))
    row = corpus.sentences[corpus.sentences["tone_label"] == "positive"].iloc[-1]
    overrides = pd.DataFrame(
        [
            {
                "article_id": row.article_id,
                "sent_idx": row.sent_idx,
                "text_hash": text_hash(row.text),
                "label": "negative",
            }
        ]
    )
    loaded: list[int] = []
    real = SentenceStore.to_pandas
    monkeypatch.setattr(SentenceStore, "to_pandas", lambda self: loaded.append(1) or real(self))
    parts = apply_tone_corrections(corpus, words={"Frieden": 0.0}, overrides=overrides, band=0.2)
    assert loaded == [] and not parts.sentence_store.in_memory
    monkeypatch.undo()
    ref = apply_tone_corrections(whole, words={"Frieden": 0.0}, overrides=overrides, band=0.2)
    pd.testing.assert_frame_equal(parts.sentences, ref.sentences)
    for name in ("articles", "actor_articles", "themes"):
        pd.testing.assert_frame_equal(getattr(parts, name), getattr(ref, name), obj=name)
    assert parts.params["tone_review"] == ref.params["tone_review"]
    assert parts.params["tone_review"]["sentences_set"] == 1 and parts.params["tone_review"]["rescored"] > 0


def test_an_import_reads_only_the_sentences_of_the_articles_it_names(tmp_path):
    sentences = pd.DataFrame({"article_id": ["a", "b"], "sent_idx": [0, 0], "text": ["Eins zwei.", "Drei vier."]})
    asked: list[set[str]] = []

    def lookup(ids):
        asked.append(set(ids))
        return sentences[sentences["article_id"].isin(ids)]

    notes = ToneNotes(tmp_path / "n.sqlite")
    taken, problems = notes.import_labels(b"article_id,sent_idx,label\n'b,0,negative\nc,3,neutral\n", lookup)
    assert (taken, asked) == (1, [{"b", "c"}])
    assert len(problems) == 1 and "c" in problems[0]
    assert notes.labels()[["article_id", "label"]].values.tolist() == [["b", "negative"]]


def test_the_validate_command_never_loads_every_sentence(tmp_path, monkeypatch, capsys):
    from tonlage import DEFAULT_CORPUS_DIR
    from tonlage.cli import main
    from tonlage.storage.sentence_store import SentenceStore

    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TONLAGE_CACHE_DIR", str(tmp_path / "cache"))
    loaded: list[int] = []
    real = SentenceStore.to_pandas
    monkeypatch.setattr(SentenceStore, "to_pandas", lambda self: loaded.append(len(self)) or real(self))
    folder = tmp_path / "corpus"
    import shutil

    shutil.copytree(DEFAULT_CORPUS_DIR, folder)
    labels = tmp_path / "labels.csv"
    labels.write_text("article_id,sent_idx,label\n", encoding="utf-8")
    assert main(["validate", str(folder), "--import", str(labels)]) == 0  # nothing taken, nothing wrong
    assert main(["validate", str(folder), "--export", str(tmp_path / "out.csv")]) == 0
    assert main(["validate", str(folder)]) == 1  # no labels yet
    assert loaded == []


def _one_override(row, label: str) -> pd.DataFrame:
    """The override of one sentence (a row of the sentence table) set to ``label``."""
    return pd.DataFrame(
        [{"article_id": row.article_id, "sent_idx": row.sent_idx, "text_hash": text_hash(row.text), "label": label}]
    )


def test_sentences_set_by_hand_alone_link_the_parts_and_lay_the_changed_rows_over_them(monkeypatch):
    """With only sentences set by hand, every part is linked into the new store (same file,
    never written again), read back with the corrections' columns as a sentence no correction
    touched has them, and the changed rows laid over: every table equals the one written part
    by part and the one corrected in memory."""
    import os
    from dataclasses import replace

    from tonlage import DEFAULT_CORPUS_DIR
    from tonlage.analysis import pipeline
    from tonlage.storage.sentence_store import SentenceStore

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 2)  # 5 articles: parts of 2, 2 and 1
    corpus = pipeline.analyse_folder(DEFAULT_CORPUS_DIR, workers=1)
    parts = corpus.sentence_store.part_files()
    assert len(parts) == 3
    s = corpus.sentences
    last = s[s["article_id"].isin(s.loc[s.index[-1:], "article_id"]) & s["tone_label"].eq("positive")].iloc[0]
    overrides = _one_override(last, "negative")
    linked = apply_tone_corrections(corpus, overrides=overrides)
    written = apply_tone_corrections(corpus, overrides=overrides, link_untouched=False)
    whole = apply_tone_corrections(replace(corpus, sentence_store=SentenceStore(corpus.sentences)), overrides=overrides)
    new_parts = linked.sentence_store.part_files()
    same_file = [os.path.samefile(a, b) for a, b in zip(parts, new_parts)]
    assert same_file == [True, True, True]  # no part written again
    for ref in (written, whole):
        pd.testing.assert_frame_equal(linked.sentences, ref.sentences)
        for name in ("articles", "actor_articles", "themes"):
            pd.testing.assert_frame_equal(getattr(linked, name), getattr(ref, name), obj=name)
        assert linked.params["tone_review"] == ref.params["tone_review"]
    got = linked.sentences.set_index(["article_id", "sent_idx"])
    assert got.loc[(last.article_id, last.sent_idx), "corrected"] == "sentence"
    assert (got["corrected"] == "sentence").sum() == 1
    # some columns only, and one article of a linked part: the gaps are filled there too
    first = str(s["article_id"].iloc[0])
    one = linked.sentence_store.frame(["sent_idx", "scorer_label", "corrected"], article_ids=[first])
    assert list(one.columns) == ["sent_idx", "scorer_label", "corrected"]
    expected = s.loc[s["article_id"] == first, "tone_label"].reset_index(drop=True)
    pd.testing.assert_series_equal(one["scorer_label"], expected, check_names=False)
    assert one["corrected"].eq("").all()


# --- a tone set for every copy of a sentence -------------------------------------------------------
WIRE = "Die Anwohner lobten den großen Erfolg des neuen Projekts ausdrücklich."


@pytest.fixture(scope="module")
def corpus_with_copies(tmp_path_factory):
    """Five articles in parts of two; three of them print the same agency sentence."""
    from tests.corpora import story
    from tonlage.analysis import pipeline

    folder = tmp_path_factory.mktemp("copies")
    for i in range(5):
        # inside a paragraph of its own text (a line printed in several articles is furniture)
        wire = f"{WIRE} " if i in (0, 2, 4) else ""
        (folder / f"a{i}.txt").write_text(
            f"Radwege {i} | Anna Becker. 0{i + 1}.03.2025.\n\n{wire}{story(i)}\n", "utf-8"
        )
    saved = pipeline.BATCH_ARTICLES
    pipeline.BATCH_ARTICLES = 2
    try:
        corpus = pipeline.analyse_folder(folder, workers=1)
    finally:
        pipeline.BATCH_ARTICLES = saved
    return corpus


def _copies(corpus):
    s = corpus.sentences
    return s[s["text"] == WIRE].sort_values("article_id")


def test_a_tone_set_for_every_copy_reaches_each_copy_and_a_copy_s_own_tone_comes_first(corpus_with_copies, tmp_path):
    from dataclasses import replace

    from tonlage.storage.sentence_store import SentenceStore

    corpus = corpus_with_copies
    wire = _copies(corpus)
    assert len(wire) == 3 and wire["tone_label"].eq("positive").all()
    assert len(corpus.sentence_store.part_files()) == 3
    (a0, i0), (a2, i2), (a4, i4) = wire[["article_id", "sent_idx"]].itertuples(index=False)
    notes = ToneNotes(tmp_path / "notes.sqlite")
    notes.set_override(a2, i2, WIRE, "negative", copies=True)
    ov = notes.overrides()
    assert ov["copies"].tolist() == [True] and ov["text_key"].iloc[0] != 0

    out = apply_tone_corrections(corpus, overrides=ov)
    got = _copies(out)
    assert got["tone_label"].eq("negative").all() and got["corrected"].eq("sentence").all()
    assert (got["tone"] < 0).all() and got["scorer_label"].eq("positive").all()
    assert out.sentences["corrected"].eq("sentence").sum() == 3
    assert out.params["tone_review"]["sentences_set"] == 3
    moved = out.articles.set_index("article_id")["tone"] < corpus.articles.set_index("article_id")["tone"]
    assert sorted(moved[moved].index) == sorted([a0, a2, a4])

    # the same tables written part by part and in memory
    whole = replace(corpus, sentence_store=SentenceStore(corpus.sentences))
    for ref in (
        apply_tone_corrections(corpus, overrides=ov, link_untouched=False),
        apply_tone_corrections(whole, overrides=ov),
    ):
        pd.testing.assert_frame_equal(out.sentences, ref.sentences)
        for name in ("articles", "actor_articles", "themes"):
            pd.testing.assert_frame_equal(getattr(out, name), getattr(ref, name), obj=name)

    # a copy's own tone comes before the one for every copy
    notes.set_override(a4, i4, WIRE, "neutral")
    out = apply_tone_corrections(corpus, overrides=notes.overrides())
    labels = _copies(out).set_index("article_id")["tone_label"]
    assert labels.to_dict() == {a0: "negative", a2: "negative", a4: "neutral"}
    assert out.params["tone_review"]["sentences_set"] == 3
    # a new tone for every copy replaces both
    notes.set_override(a0, i0, WIRE, "neutral", copies=True)
    assert len(notes.overrides()) == 1
    out = apply_tone_corrections(corpus, overrides=notes.overrides())
    assert _copies(out)["tone_label"].eq("neutral").all()
    # a text that changed since takes nothing
    stale = notes.overrides().assign(text_hash="0" * 16)
    assert apply_tone_corrections(corpus, overrides=stale).sentences["corrected"].eq("").all()


def test_giving_a_copy_back_and_undoing_it(tmp_path):
    notes = ToneNotes(tmp_path / "notes.sqlite")
    notes.set_override("a", 1, WIRE, "negative", copies=True)
    notes.set_override("b", 3, WIRE, "positive")
    notes.set_override("c", 0, "Ein anderer Satz.", "neutral")
    before = notes.overrides_of("b", 3, WIRE)
    assert sorted(before["article_id"]) == ["a", "b"]
    notes.remove_override("b", 3, text=WIRE)  # its own tone and the one for every copy
    assert notes.overrides()["article_id"].tolist() == ["c"]
    notes.restore_overrides("b", 3, WIRE, before)
    pd.testing.assert_frame_equal(
        notes.overrides().sort_values("article_id").reset_index(drop=True),
        pd.concat([before, notes.overrides_of("c", 0, "Ein anderer Satz.")])
        .sort_values("article_id")
        .reset_index(drop=True),
    )
    notes.remove_override("c", 0)  # without its text: only its own
    assert sorted(notes.overrides()["article_id"]) == ["a", "b"]


def test_notes_written_before_tones_for_every_copy_read_and_grow_the_new_columns(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE tone_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute(
            "CREATE TABLE tone_overrides (article_id TEXT NOT NULL, sent_idx INTEGER NOT NULL, "
            "text_hash TEXT NOT NULL, label TEXT NOT NULL, edited TEXT NOT NULL, PRIMARY KEY (article_id, sent_idx))"
        )
        con.execute(
            "INSERT INTO tone_overrides VALUES ('a', 2, ?, 'positive', '2025-01-01T00:00:00+00:00')", (text_hash(WIRE),)
        )
    con.close()
    notes = ToneNotes(path)
    old = notes.overrides()
    assert old[["article_id", "sent_idx", "label"]].values.tolist() == [["a", 2, "positive"]]
    assert old["copies"].tolist() == [False] and old["text_key"].tolist() == [0]
    notes.set_override("b", 0, "Noch ein Satz.", "negative", copies=True)
    now = notes.overrides()
    assert now["copies"].tolist() == [False, True] and now["article_id"].tolist() == ["a", "b"]


def test_a_word_list_links_the_parts_and_lays_the_sentences_it_scores_again_over_them(monkeypatch):
    """A word list (with a sentence set by hand) scores again only the sentences of the
    articles that contain the word: every part is linked, not written, and every table (the
    sentences' explanations included) equals the one written part by part and the one
    corrected in memory."""
    import os
    from dataclasses import replace

    from tonlage import DEFAULT_CORPUS_DIR
    from tonlage.analysis import pipeline
    from tonlage.storage.sentence_store import SentenceStore

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 2)  # 5 articles: parts of 2, 2 and 1
    corpus = pipeline.analyse_folder(DEFAULT_CORPUS_DIR, workers=1)
    parts = corpus.sentence_store.part_files()
    s = corpus.sentences
    row = s[s["tone_label"] == "positive"].iloc[-1]
    overrides = _one_override(row, "negative")
    # "Erfolg" as the lexicon has it: the score stays, the explanation names the word list
    words = {"Frieden": 0.0, "Einigung": -1.0, "Erfolg": 1.0}
    asked: list[list[str]] = []
    real = SentenceStore.articles_containing
    monkeypatch.setattr(
        SentenceStore, "articles_containing", lambda self, forms: asked.append(list(forms)) or real(self, forms)
    )
    linked = apply_tone_corrections(corpus, words=words, overrides=overrides)
    assert asked and "frieden" in asked[0]
    assert [os.path.samefile(a, b) for a, b in zip(parts, linked.sentence_store.part_files())] == [True] * len(parts)
    written = apply_tone_corrections(corpus, words=words, overrides=overrides, link_untouched=False)
    whole = apply_tone_corrections(
        replace(corpus, sentence_store=SentenceStore(corpus.sentences)), words=words, overrides=overrides
    )
    got = linked.sentences
    assert got["corrected"].eq("words").sum() > 0 and got["corrected"].eq("sentence").sum() == 1
    for ref in (written, whole):
        pd.testing.assert_frame_equal(got, ref.sentences)
        for name in ("articles", "actor_articles", "themes"):
            pd.testing.assert_frame_equal(getattr(linked, name), getattr(ref, name), obj=name)
        assert linked.params["tone_review"] == ref.params["tone_review"]
    same = got[got["text"].str.contains("Erfolg ") & got["corrected"].eq("")]
    assert len(same) and same["evidence"].astype(str).str.contains("word list").all()
    # the explanation of a sentence scored again names the reader's word, read from the patch
    again = got[got["corrected"] == "words"].iloc[0]
    one = linked.sentence_store.of_article(again.article_id, ["sent_idx", "evidence", "corrected"])
    assert str(one.set_index("sent_idx").loc[again.sent_idx, "evidence"]) == str(again.evidence)
    assert str(again.evidence) != str(
        s.set_index(["article_id", "sent_idx"]).loc[(again.article_id, again.sent_idx), "evidence"]
    )


def test_the_articles_containing_a_word_are_found_where_the_texts_are_stored(monkeypatch):
    from tonlage import DEFAULT_CORPUS_DIR
    from tonlage.analysis import pipeline
    from tonlage.storage.sentence_store import SentenceStore

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 2)
    corpus = pipeline.analyse_folder(DEFAULT_CORPUS_DIR, workers=1)
    s = corpus.sentences
    memory = SentenceStore(s)
    for forms in (["frieden"], ["GIPFEL", "waffenruhe"], ["zzzqx"], []):
        hit = s["text"].str.lower().apply(lambda t, forms=forms: any(f.lower() in t for f in forms))
        expected = sorted(set(s.loc[hit, "article_id"]))
        assert corpus.sentence_store.articles_containing(forms) == expected, forms
        assert memory.articles_containing(forms) == expected, forms
    assert corpus.sentence_store.articles_containing(["frieden"])  # the word is in the corpus


def _index_pieces(ix) -> dict:
    """Every piece of a CorpusIndex that views read, worked out."""
    pieces = {
        "scored": ix.scored,
        "text_keys": ix.text_keys,
        "voices": ix.voices,
        "speakers": ix.speakers,
        "sentence_totals": ix.sentence_totals,
        "voice_totals": ix.voice_totals,
        "ids": ix.ids,
        "date_rank": ix.date_rank,
        "theme_rows": ix.theme_rows,
        "theme_order": ix.theme_order,
        "mention_at": ix.mention_at,
        "ranked": ix.ranked(-1.0),
    }
    return pieces


def _assert_same_pieces(got: dict, want: dict) -> None:
    for name, value in want.items():
        mine = got[name]
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(mine, value, obj=name)
        elif isinstance(value, tuple):
            for x, y in zip(mine, value):
                np.testing.assert_array_equal(x, y, err_msg=name)
        else:
            np.testing.assert_array_equal(mine, value, err_msg=name)


def test_an_index_of_a_corrected_corpus_takes_over_what_the_correction_left_as_it_was(corpus_with_copies, tmp_path):
    """A correction's new index takes the sentences' keys, voices and speakers and the article
    order from the index before it and lays the new tones over its scored sentences (one
    correction after another, each taken back as the next is laid over), and every piece equals
    the one worked out afresh; a word that makes an unscored sentence scored reads afresh."""
    from tonlage.corpus_index import CorpusIndex

    corpus = corpus_with_copies
    base = CorpusIndex(corpus)
    base_pieces = _index_pieces(base)
    wire = _copies(corpus)
    (a0, i0), (a2, i2), _ = wire[["article_id", "sent_idx"]].itertuples(index=False)
    other = corpus.sentences[(corpus.sentences["text"] != WIRE) & corpus.sentences["tone"].notna()].iloc[-1]
    notes = ToneNotes(tmp_path / "notes.sqlite")
    notes.set_override(a2, i2, WIRE, "negative", copies=True)
    notes.set_override(other.article_id, int(other.sent_idx), other.text, "positive")
    first = apply_tone_corrections(corpus, overrides=notes.overrides())
    carried = CorpusIndex(first, like=base)
    assert carried.__dict__["text_keys"] is base.text_keys and carried.__dict__["voices"] is base.voices
    assert not carried.scored["tone"].equals(base.scored["tone"])
    _assert_same_pieces(_index_pieces(carried), _index_pieces(CorpusIndex(first)))

    # the next correction, from that index: its patch taken back, the new one laid over
    notes.remove_override(other.article_id, int(other.sent_idx))
    notes.set_override(a0, i0, WIRE, "neutral")
    second = apply_tone_corrections(corpus, overrides=notes.overrides())
    again = CorpusIndex(second, like=carried)
    assert again.__dict__["text_keys"] is base.text_keys
    _assert_same_pieces(_index_pieces(again), _index_pieces(CorpusIndex(second)))
    # back to the analysis itself
    _assert_same_pieces(_index_pieces(CorpusIndex(corpus, like=again)), base_pieces)


def test_an_index_reads_afresh_what_a_correction_may_have_changed(corpus_with_copies, monkeypatch):
    """A store written again (a band) or a patch that scores a sentence the analysis left
    unscored is not taken over: the scored sentences are read from the store."""
    from tonlage.corpus_index import CorpusIndex
    from tonlage.storage.sentence_store import SentenceStore

    corpus = corpus_with_copies
    base = CorpusIndex(corpus)
    _index_pieces(base)
    banded = apply_tone_corrections(corpus, band=0.3)
    fresh = CorpusIndex(banded, like=base)
    assert "scored" not in fresh.__dict__ and "text_keys" not in fresh.__dict__
    assert fresh.__dict__["ids"] is base.ids  # the articles are the same
    _assert_same_pieces(_index_pieces(fresh), _index_pieces(CorpusIndex(banded)))

    row = corpus.sentences[corpus.sentences["tone"].notna()].iloc[0]
    patch = pd.DataFrame(
        {"article_id": [row.article_id], "sent_idx": [row.sent_idx], "tone": [0.4], "tone_before": [float("nan")]}
    )
    odd = replace(corpus, sentence_store=corpus.sentence_store.patched(patch, corpus.sentence_store.columns))
    assert "scored" not in CorpusIndex(odd, like=base).__dict__
    memory = replace(corpus, sentence_store=SentenceStore(corpus.sentences))
    assert "scored" not in CorpusIndex(memory, like=base).__dict__


def test_corrections_look_the_theme_rows_up_once_per_analysis(corpus_with_copies, monkeypatch):
    """Every correction makes the themes' tone again; the article row of each article-theme
    row never changes, so it is looked up for the first correction only, with the same tones
    as a lookup made afresh."""
    from tonlage.aggregates import theme_tone
    from tonlage.review import corrections

    corpus = corpus_with_copies
    looked: list[int] = []
    real = corrections.positions
    monkeypatch.setattr(corrections, "positions", lambda keys, among: looked.append(len(keys)) or real(keys, among))
    row = corpus.sentences[corpus.sentences["tone"].notna()].iloc[0]
    for label in ("negative", "positive", "neutral"):
        out = apply_tone_corrections(corpus, overrides=_one_override(row, label))
        fresh = theme_tone(corpus.themes, corpus.article_themes, out.articles)
        pd.testing.assert_frame_equal(out.themes, fresh)
    assert looked.count(len(corpus.article_themes)) <= 1


def test_the_words_of_a_word_list_a_sentence_holds_are_those_the_correction_scores_it_for():
    """A word list applies to a sentence with the word's form or lemma, also inside a longer
    word: the correction box names exactly those words (a sentence with "Krieg" for "Kriege"),
    and they are the words that make the sentence one to score again."""
    from tonlage.review.corrections import affected_sentences, words_in

    text = "Der Krieg und die Kriegsszenarien dauern an."
    assert words_in(text, ["Kriege", "Frieden", "KRIEG"]) == ["Kriege", "KRIEG"]
    assert words_in(text, ["Frieden"]) == []
    s = pd.DataFrame({"text": [text]})
    for word in ("Kriege", "Frieden"):
        hit = len(affected_sentences(s, np.array([True]), [word])) == 1
        assert hit == bool(words_in(text, [word]))
