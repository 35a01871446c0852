"""A view as a mask over the article rows (tonlage.corpus_index.CorpusIndex) gives the same tables and
findings as the view's ids, and the same numbers as grouping the long tables directly (the way
the views were computed before the index: written out here as the reference)."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from tests.charts.large_corpus import large_corpus, texts_of_sentences
from tonlage.corpus_index import CorpusIndex
from tonlage.findings import view_findings
from tonlage.present import views
from tonlage.present.charts import aggregate_articles, bucket_frequency
from tonlage.present.charts.periods import unique_keys
from tonlage.present.types import Filters


@pytest.fixture(scope="module")
def corpus():
    c = large_corpus(3000, 30_000, n_themes=8, n_actors=12)
    # Mentions that agree with the actor table (large_corpus has none): each (article, actor)
    # row's mentions spread over the article's sentences, seeded.
    rng = np.random.default_rng(7)
    aa = c.actor_articles
    rep = np.repeat(np.arange(len(aa)), aa["mentions"].to_numpy())
    n_sent = c.articles.set_index("article_id")["n_sentences"]
    m = pd.DataFrame({"article_id": aa["article_id"].to_numpy()[rep], "actor": aa["actor"].to_numpy()[rep]})
    m["sent_idx"] = (rng.random(len(m)) * n_sent.reindex(m["article_id"]).to_numpy()).astype("int64")
    m = m.assign(alias=m["actor"], start=0, end=1)
    c.mentions = m[["article_id", "sent_idx", "actor", "alias", "start", "end"]]
    return c


FILTERS = [
    Filters(),
    Filters(genres=("commentary",)),
    Filters(actors=("Akteur 2", "Akteur 5")),
    Filters(date_from="2022-01-01", date_to="2023-06-30", themes=(1, 2)),
    Filters(date_from="2025-12-20"),  # a handful of articles: thin data
    Filters(genres=("no such kind",)),  # nothing in view
]


def _reference_theme_table(corpus, ids) -> pd.DataFrame:
    at = corpus.article_themes[corpus.article_themes["article_id"].isin(ids)]
    tone = corpus.articles.set_index("article_id")["tone"]
    at = at.assign(tone=at["article_id"].map(tone).astype("float64"), share=at["share"].astype("float64"))
    at = at.assign(w=at["share"] * at["tone"])
    at = at.assign(toned=at["share"].where(at["tone"].notna()))  # an article without a tone weighs nothing
    g = at.groupby("theme_id").agg(share=("share", "mean"), w=("w", "sum"), s=("toned", "sum"))
    g["tone"] = g["w"] / g["s"].where(g["s"] > 0)
    out = corpus.themes[["theme_id"]].merge(g[["share", "tone"]], left_on="theme_id", right_index=True, how="left")
    n = corpus.articles.loc[corpus.articles["article_id"].isin(ids), "top_theme"].value_counts()
    out["share"] = out["share"].fillna(0.0)
    out["n_articles"] = out["theme_id"].map(n).fillna(0).astype(int)
    return out.reset_index(drop=True)


def _reference_actor_table(corpus, ids) -> pd.DataFrame:
    aa = corpus.actor_articles[corpus.actor_articles["article_id"].isin(ids)]
    aa = aa.assign(w=aa["tone"].astype(float) * aa["n_sentences"])
    g = (
        aa.groupby(["actor", "kind"])
        .agg(
            mentions=("mentions", "sum"),
            n_articles=("article_id", "nunique"),
            n_sentences=("n_sentences", "sum"),
            w=("w", "sum"),
        )
        .reset_index()
    )
    g["tone"] = g["w"] / g["n_sentences"].where(g["n_sentences"] > 0)
    g = g.sort_values(["mentions", "actor"], ascending=[False, True])
    return g[["actor", "kind", "mentions", "n_articles", "n_sentences", "tone"]].reset_index(drop=True)


def test_article_columns_are_the_table_s_kept_in_fewer_blocks(corpus):
    """A view's light table is taken from the article columns kept by the index: the same values
    and types as the article table's, number columns of a type in one block, text not copied."""
    index = CorpusIndex(corpus)
    cols = tuple(views.LIGHT_ARTICLE_COLUMNS)
    kept = index.article_columns(cols)
    assert index.article_columns(cols) is kept  # kept per tuple of columns
    pd.testing.assert_frame_equal(kept, corpus.articles[list(cols)], check_exact=True)
    numeric = [c for c in cols if pd.api.types.is_numeric_dtype(kept[c].dtype)]
    assert len(numeric) > 4
    assert kept[numeric]._mgr.nblocks < len(numeric)
    text = kept["title"].array
    if hasattr(text, "_pa_array"):  # Arrow text: the same buffers as the article table's
        ours, theirs = text._pa_array.chunks[0], corpus.articles["title"].array._pa_array.chunks[0]
        assert ours.buffers()[-1].address == theirs.buffers()[-1].address


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_mask_and_ids_give_the_same_view(corpus, f):
    index = CorpusIndex(corpus)
    rows = views.filter_rows(corpus, f, index)
    ids = views.filter_ids(corpus, f)
    assert rows.dtype == bool and len(rows) == len(corpus.articles)
    assert tuple(corpus.articles.loc[rows, "article_id"]) == ids
    assert np.array_equal(index.rows(ids), rows)
    assert views.summary(corpus, rows, index) == views.summary(corpus, ids)
    pd.testing.assert_frame_equal(views.view_articles(corpus, rows, index), views.view_articles(corpus, ids))
    pd.testing.assert_frame_equal(views.theme_table(corpus, rows, index), views.theme_table(corpus, ids))
    pd.testing.assert_frame_equal(views.actor_table(corpus, rows, index), views.actor_table(corpus, ids))
    assert view_findings(corpus, rows, index=index, limit=20) == view_findings(corpus, ids, limit=20)


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_the_theme_words_are_the_theme_tables_in_every_view_and_draw_the_same_chart(corpus, f):
    """The chart of the words that make up each theme is given the corpus's theme words, built
    once, instead of each view's theme table: it must draw the same."""
    from tonlage.i18n import translator
    from tonlage.present import charts

    terms = views.theme_terms(corpus)
    table = views.theme_table(corpus, views.filter_rows(corpus, f))
    assert len(terms) == len(corpus.themes) > 2
    pd.testing.assert_frame_equal(terms, table[terms.columns.tolist()])
    for lang in ("en", "de"):
        tr = translator(lang)
        assert charts.theme_terms_figure(terms, tr=tr).to_json() == charts.theme_terms_figure(table, tr=tr).to_json()


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_tables_match_grouping_the_long_tables(corpus, f):
    ids = set(views.filter_ids(corpus, f))
    got = views.theme_table(corpus, views.filter_rows(corpus, f))
    want = _reference_theme_table(corpus, ids)
    pd.testing.assert_frame_equal(got[want.columns.tolist()], want, check_exact=False, rtol=1e-12, atol=1e-15)
    got = views.actor_table(corpus, views.filter_rows(corpus, f))
    want = _reference_actor_table(corpus, ids)
    if want.empty:
        assert got.empty
    else:
        pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12, atol=1e-15)


# The per-view point and sentence tables as they were computed from the view's ids before they
# took the mask (the reference the mask must give back exactly).
def _reference_theme_points(corpus, ids) -> pd.DataFrame:
    a = views.view_articles(corpus, ids).dropna(subset=["date"])
    at = corpus.article_themes[corpus.article_themes["article_id"].isin(a["article_id"])]
    return at.merge(
        a[["article_id", "title", "date", "date_label", "date_precision", "date_note", "n_sentences"]], on="article_id"
    ).sort_values(["date", "article_id", "theme_id"])


def _reference_actor_points(corpus, ids, actors) -> pd.DataFrame:
    aa = corpus.actor_articles
    aa = aa[aa["article_id"].isin(ids) & aa["actor"].isin(actors)]
    a = views.view_articles(corpus, ids).dropna(subset=["date"])
    out = aa.merge(a[["article_id", "title", "date", "date_label", "date_precision", "date_note"]], on="article_id")
    order = {name: i for i, name in enumerate(actors)}
    return (
        out.assign(_o=out["actor"].map(order))
        .sort_values(["_o", "date", "article_id"])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def _reference_strongest(corpus, ids, n) -> tuple[pd.DataFrame, pd.DataFrame]:
    cols = ["article_id", "title", "date_label", "sent_idx", "text", "tone", "tone_label", "evidence", "corrected"]
    s = corpus.sentence_store.frame(["article_id", "sent_idx", "tone"], article_ids=ids, scored=True)
    a = corpus.articles.set_index("article_id")

    def pick(part: pd.DataFrame) -> pd.DataFrame:
        more = ["text", "tone_label", "evidence", "corrected"]
        found = corpus.sentence_store.by_ref(zip(part["article_id"], part["sent_idx"]), more)
        part = part.merge(found, on=["article_id", "sent_idx"], how="left")
        part = part if "corrected" in part else part.assign(corrected="")
        part = part.assign(title=part["article_id"].map(a["title"]), date_label=part["article_id"].map(a["date_label"]))
        return part[cols].reset_index(drop=True)

    def distinct(part: pd.DataFrame) -> pd.DataFrame:
        # every sentence of the side with its text, strongest first (ties in the store's order);
        # the first of each text, with the count of the others of its text and tone
        part = pick(part).assign(_key=lambda x: x["text"])
        part["copies"] = part.groupby(["_key", "tone"])["tone"].transform("size").astype("int64") - 1
        return part.drop_duplicates("_key").head(n).drop(columns="_key").reset_index(drop=True)

    neg = s[s["tone"] < 0].sort_values("tone", kind="mergesort")
    pos = s[s["tone"] > 0].sort_values("tone", ascending=False, kind="mergesort")
    return distinct(neg), distinct(pos)


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_points_and_sentences_from_the_mask_are_those_of_the_ids(corpus, f):
    """theme_points, actor_points, sentences_for and strongest_sentences take the view's mask
    (rows picked by position, no id matched): the same frames as from the ids, index included."""
    index = CorpusIndex(corpus)
    rows = views.filter_rows(corpus, f, index)
    ids = views.filter_ids(corpus, f)
    got = views.theme_points(corpus, rows, index)
    pd.testing.assert_frame_equal(got, _reference_theme_points(corpus, ids))
    actors = ("Akteur 5", "Akteur 0", "Akteur 11", "nobody")
    pd.testing.assert_frame_equal(
        views.actor_points(corpus, rows, actors, index), _reference_actor_points(corpus, ids, actors)
    )
    for got_part, want_part in zip(views.sentences_for(corpus, rows, 30, index), views.sentences_for(corpus, ids, 30)):
        pd.testing.assert_frame_equal(got_part, want_part)
    want_strong = _reference_strongest(corpus, ids, 5)
    for got_part, want_part in zip(views.strongest_sentences(corpus, rows, 5, index), want_strong):
        pd.testing.assert_frame_equal(got_part, want_part)
    if len(ids):
        assert len(got) and len(want_strong[0]) + len(want_strong[1]), "the view shows something to compare"


def test_an_articles_detail_by_its_row_is_the_one_found_by_its_id(corpus):
    """The reader's article (its row, themes, actors, sentences) found through the index's row
    numbers is the one compared by id, row for row; an unknown id is None either way."""
    index = CorpusIndex(corpus)
    ids = corpus.articles["article_id"]
    themed = corpus.article_themes["article_id"].value_counts()
    named = corpus.actor_articles["article_id"].value_counts()
    # the first, the last, one with the most themes, one with the most actors, one with none
    picks = [ids.iloc[0], ids.iloc[-1], themed.index[0], named.index[0]]
    picks += [a for a in ids if a not in named.index][:1]
    assert len(picks) == 5
    for aid in picks:
        want, got = views.article_detail(corpus, aid), views.article_detail(corpus, aid, index)
        assert want is not None and got is not None and want.keys() == got.keys()
        assert str(want["article"]) == str(got["article"])
        for name in ("copies", "sentences", "themes", "actors"):
            pd.testing.assert_frame_equal(got[name], want[name])
        assert len(got["themes"]) == themed.get(aid, 0) and len(got["actors"]) == named.get(aid, 0)
    assert views.article_detail(corpus, "no such id", index) is None


def test_each_text_finds_its_articles_row_whatever_the_order(corpus):
    """CorpusIndex.text_rows: each text's article row, the texts in their own order (reversed
    here), -1 for a text whose article is no longer in the table."""
    from tonlage.storage.article_texts import ArticleTexts

    ids = list(corpus.texts.ids)[::-1] + ["no longer an article"]
    moved = copy.copy(corpus)
    moved.texts = ArticleTexts.of(ids, [corpus.texts.get(i) for i in ids[:-1]] + ["Ein Text."])
    row_of = {a: i for i, a in enumerate(corpus.articles["article_id"])}
    for c in (corpus, moved):
        rows = CorpusIndex(c).text_rows
        assert rows.dtype == np.int64
        assert rows.tolist() == [row_of.get(i, -1) for i in c.texts.ids]
    assert CorpusIndex(moved).text_rows[-1] == -1 and len(set(row_of)) == len(row_of)


def test_a_repeated_actor_row_counts_its_article_once(corpus):
    """n_articles counts distinct articles, also when the actor table repeats an (article,
    actor) row (the fast path counts rows only when no row repeats)."""
    twice = corpus.actor_articles.iloc[[0, 0]]
    c = type(corpus)(
        corpus.articles,
        sentence_store=corpus.sentence_store,
        themes=corpus.themes,
        article_themes=corpus.article_themes,
        mentions=corpus.mentions,
        actor_articles=pd.concat([corpus.actor_articles, twice], ignore_index=True),
        events=corpus.events,
        skipped=corpus.skipped,
    )
    ids = set(corpus.articles["article_id"])
    got = views.actor_table(c, np.ones(len(c.articles), dtype=bool)).set_index("actor")
    want = _reference_actor_table(c, ids).set_index("actor")
    assert (
        got.loc[corpus.actor_articles.iloc[0]["actor"], "n_articles"]
        == want.loc[corpus.actor_articles.iloc[0]["actor"], "n_articles"]
    )
    assert CorpusIndex(c).actor_rows_distinct is False and CorpusIndex(corpus).actor_rows_distinct is True


def test_scored_sentences_are_found_by_article_row_and_position(corpus):
    index = CorpusIndex(corpus)
    s = index.scored
    pick = np.array([0, 5, len(s) // 2, len(s) - 1])
    found = index.scored_at(s["row"].to_numpy()[pick], s["sent_idx"].to_numpy()[pick])
    assert found.tolist() == pick.tolist()
    # not scored, past the end, unknown article: -1
    assert index.scored_at(np.array([0, -1]), np.array([10**6, 0])).tolist() == [-1, -1]
    mentioned = index.mentioned("Akteur 0")
    m = corpus.mentions[corpus.mentions["actor"] == "Akteur 0"][["article_id", "sent_idx"]].drop_duplicates()
    assert len(mentioned) == len(m)
    assert set(zip(index.ids[mentioned["row"]], mentioned["sent_idx"])) == set(zip(m["article_id"], m["sent_idx"]))


def _reference_periods(articles: pd.DataFrame, freq: str) -> pd.DataFrame:
    a = articles.dropna(subset=["date"])
    d = pd.to_datetime(a["date"])
    start = (
        d.dt.to_period("M").dt.start_time
        if freq == "M"
        else (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.normalize()
    )
    out = (
        a.assign(start=start)
        .groupby("start", sort=True)
        .agg(tone=("tone", "mean"), n_articles=("article_id", "size"), n_sentences=("n_sentences", "sum"))
        .reset_index()
    )
    out["end"] = out["start"] + (pd.offsets.MonthBegin(1) if freq == "M" else pd.Timedelta(days=7))
    # Each period's 95 % t interval of its scored articles' mean tone, from scipy.stats (NaN
    # below two articles), cut at -1 and +1.
    from scipy import stats

    g = a.assign(start=start).groupby("start", sort=True)["tone"]
    n, sd = g.count().to_numpy(), g.std().to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        half = np.where(n >= 2, stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n), np.nan)
    out["low"] = np.where(n >= 2, np.maximum(out["tone"] - half, -1.0), np.nan)
    out["high"] = np.where(n >= 2, np.minimum(out["tone"] + half, 1.0), np.nan)
    return out[["start", "end", "tone", "n_articles", "n_sentences", "low", "high"]]


@pytest.mark.parametrize("freq", ["W", "M"])
def test_periods_match_grouping_by_pandas_dates(corpus, freq):
    a = corpus.articles
    # times of day, articles without a tone, one before 1970 and undated ones among them
    a = a.assign(
        date=a["date"] + pd.to_timedelta(np.arange(len(a)) % 24, unit="h"),
        tone=a["tone"].where(np.arange(len(a)) % 5 != 0),
    )
    a.loc[a.index[:3], "date"] = pd.Timestamp("1969-12-31 23:00")
    got = aggregate_articles(a, freq)
    want = _reference_periods(a, freq)
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("freq", ["W", "M"])
@pytest.mark.parametrize("undated", [0, 7])
def test_periods_of_articles_in_date_order_as_of_any_order(corpus, freq, undated):
    """Articles kept by date (as the corpus keeps them) are put in periods in one pass, without
    sorting: the same periods as for the rows shuffled (sorted), and as pandas groups them."""
    a = corpus.articles.sort_values(["date", "article_id"]).reset_index(drop=True)
    a = a.assign(tone=a["tone"].where(np.arange(len(a)) % 5 != 0))
    if undated:
        a.loc[a.index[-undated:], "date"] = pd.NaT
    got = aggregate_articles(a, freq)
    shuffled = aggregate_articles(a.sample(frac=1.0, random_state=3), freq)
    pd.testing.assert_frame_equal(got, shuffled, check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(got, _reference_periods(a, freq), check_exact=False, rtol=1e-12)
    assert got["n_articles"].sum() == a["date"].notna().sum()
    assert bucket_frequency(a["date"]) == bucket_frequency(a["date"].astype(str).where(a["date"].notna()))


def test_unique_keys_in_order_as_numpy_unique():
    rng = np.random.default_rng(4)
    for key in (
        np.sort(rng.integers(0, 50, 1_000)),
        rng.integers(0, 50, 1_000),
        np.arange(10),
        np.zeros(5, dtype=np.int64),
        np.array([3]),
        np.array([], dtype=np.int64),
        np.array([1, 2, 2, 1]),
    ):
        got, want = unique_keys(key), np.unique(key, return_index=True, return_inverse=True)
        for g, w in zip(got, want):
            assert np.array_equal(g, w)


@pytest.mark.parametrize(("n", "k"), [(100_000, 4000), (4001, 4000), (50_000, 30), (33_000, 4000)])
def test_scores_at_or_above_the_kth_largest_ties_included(n, k):
    from tonlage.frames import at_or_above_kth

    rng = np.random.default_rng(n)
    for scores in (rng.normal(size=n), np.round(rng.normal(size=n), 1), np.zeros(n)):
        kth = np.partition(scores, n - k)[n - k]
        assert np.array_equal(at_or_above_kth(scores, k), np.flatnonzero(scores >= kth))


def test_strongest_sentences_of_every_article_from_the_mask(corpus):
    """A mask with every article in view (taken from the index's ranked head, or without an
    index from the store's tone column): the same sentences as asking for every id."""
    every = np.ones(len(corpus.articles), dtype=bool)
    want = _reference_strongest(corpus, tuple(corpus.articles["article_id"]), 5)
    for index in (CorpusIndex(corpus), None):
        for got, expected in zip(views.strongest_sentences(corpus, every, 5, index), want):
            pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_voices_per_month_from_the_mask_are_those_of_the_ids(corpus, f):
    """The voices per month take the view's mask over the index's scored sentences: the same
    table as reading the store filtered on the view's ids (and on none for every article)."""
    from tonlage.voice_tone import voice_tone_by_period

    index = CorpusIndex(corpus)
    rows = views.filter_rows(corpus, f, index)
    want = voice_tone_by_period(corpus, "M", views.filter_ids(corpus, f))
    pd.testing.assert_frame_equal(voice_tone_by_period(corpus, "M", rows, index=index), want)
    assert len(want) or not rows.any(), "the view has voices to compare"
    every = voice_tone_by_period(corpus, "W", None, index=index)
    pd.testing.assert_frame_equal(every, voice_tone_by_period(corpus, "W"))


@pytest.mark.parametrize("flags", [True, False], ids=["flags", "sorted"])
@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_actor_voices_from_the_mask_are_those_of_the_ids(corpus, f, flags, monkeypatch):
    """What an actor says and how the actor is talked about, for a view's mask over the index's
    scored sentences: the same table as reading the store filtered on the view's ids (the
    articles per actor counted with a flag per pair, or from the sorted pairs)."""
    import tonlage.frames
    from tonlage.voice_tone import actor_voices

    if not flags:
        monkeypatch.setattr(tonlage.frames, "_PAIR_FLAGS", 0)
    index = CorpusIndex(corpus)
    rows = views.filter_rows(corpus, f, index)
    want = actor_voices(corpus, views.filter_ids(corpus, f))
    got = actor_voices(corpus, rows, index=index)
    if want.empty:
        assert got.empty and not rows.any()
    else:
        pd.testing.assert_frame_equal(got, want)
        if rows.sum() > 100:  # both sides have sentences to compare
            assert want["n_says"].sum() > 0 and want["n_about"].sum() > 0


def _reference_overall_evidence(index, rows, sign, candidates):
    """The overall tone's evidence by its definition, on a table of the view's sentences: the
    strongest ``candidates`` sentences (score high to low, then article id, then sentence), their
    articles in order, filled up by the view's articles' strongest sentence and then by id; the
    first 20 sentences that speak for the direction, each text once (its key, at its first place)."""
    from tonlage.findings import MAX_EVIDENCE_ARTICLES, MAX_EVIDENCE_SENTENCES
    from tonlage.frames import sentence_score

    s = index.scored
    s = s[(s["row"] >= 0) & rows[s["row"].clip(lower=0)]]
    s = s.assign(id=index.ids[s["row"]], score=sentence_score(s["tone"].to_numpy(), sign), key=index.text_keys[s.index])
    s = s.sort_values(["score", "id", "sent_idx"], ascending=[False, True, True], kind="mergesort")
    top = s.head(candidates)
    arts = list(dict.fromkeys(top["id"]))
    if len(arts) < MAX_EVIDENCE_ARTICLES and len(s) > len(top):
        best = s.groupby("id")["score"].max().reset_index()
        arts = best.sort_values(["score", "id"], ascending=[False, True], kind="mergesort")["id"].tolist()
    arts = arts[:MAX_EVIDENCE_ARTICLES]
    arts += sorted(set(index.ids[rows]) - set(arts))[: MAX_EVIDENCE_ARTICLES - len(arts)]
    strong = top[top["score"] > 0].drop_duplicates("key").head(MAX_EVIDENCE_SENTENCES)
    return tuple(arts), tuple(zip(strong["id"], strong["sent_idx"].astype(int)))


@pytest.mark.parametrize("head", [40, 700, 5000, 1 << 16])
@pytest.mark.parametrize("ties", [False, True])
def test_the_overall_tone_s_evidence_from_the_ranked_sentences_is_its_definition(corpus, monkeypatch, head, ties):
    """The strongest sentences of a view come from the corpus's ranked head when enough of it is
    in view, else from the view's own sentences sorted: either way the evidence its definition
    gives, ties (tones rounded) broken by article id and sentence."""
    from tonlage import corpus_index
    from tonlage.findings import evidence

    monkeypatch.setattr(corpus_index, "RANKED_HEAD", head)
    monkeypatch.setattr(evidence, "CANDIDATES", 300)  # some views have more sentences, some fewer
    index = CorpusIndex(corpus)
    if ties:
        index.__dict__["scored"] = index.scored.assign(tone=index.scored["tone"].round(1))
    seen, crossed = set(), 0
    for f in FILTERS:
        rows = views.filter_rows(corpus, f, index)
        found = [x for x in view_findings(corpus, rows, index=index, limit=20) if x.kind == "overall_tone"]
        if not rows.any():
            assert not found
            continue
        (overall,) = found
        sign = {"negative": -1.0, "positive": 1.0}.get(overall.values["word"], 0.0)
        want = _reference_overall_evidence(index, rows, sign, 300)
        if overall.values.get("examples") == "cross_section":
            # A neutral view's examples: its strongest sentences each way (in their order), and
            # sentences scored 0, taken in turn (tonlage.findings.view._cross_section).
            assert overall.article_ids == want[0]
            sc = index.scored
            tone = dict(zip(zip(index.ids[sc["row"].clip(lower=0)], sc["sent_idx"].astype(int)), sc["tone"]))
            for side in (-1.0, 1.0):
                mine = [r for r in overall.sentences if np.sign(tone[r]) == side]
                assert mine == list(_reference_overall_evidence(index, rows, side, 300)[1][: len(mine)])
            assert all(tone[r] == 0.0 for r in overall.sentences if np.sign(tone[r]) == 0)
            crossed += 1
        else:
            assert (overall.article_ids, overall.sentences) == want
        s = index.scored[(index.scored["row"] >= 0) & rows[index.scored["row"].clip(lower=0)]]
        assert overall.values["sentences"] == len(s)
        assert overall.values["tone"] == pytest.approx(s["tone"].mean(), rel=1e-12)
        hits = np.isin(index.ranked(sign), np.flatnonzero(index.in_view(index.scored["row"].to_numpy(), rows)))
        seen.add(int(hits.sum()) >= min(300, len(s)))
    assert crossed  # some views are neutral
    # both ways are taken: the ranked head (True) and the view's own sentences (False)
    assert seen == {40: {False}, 700: {False, True}, 5000: {False, True}, 1 << 16: {True}}[head]


def test_voices_from_the_index_match_the_store_with_undated_articles_and_any_period(corpus):
    """The index's NumPy counts against the store's pandas grouping where they could part: undated
    articles (in no period), every period length, a mention of no one, a view with no article,
    every article as a mask (the Actors page's first visit), articles asked for by id."""
    import copy

    from tonlage.voice_tone import actor_voices, voice_tone_by_article, voice_tone_by_period

    c = copy.copy(corpus)
    c.articles = corpus.articles.copy()
    c.articles.loc[np.arange(len(c.articles)) % 7 == 0, "date"] = pd.NaT
    c.mentions = corpus.mentions.copy()
    c.mentions.loc[c.mentions.index[::50], "actor"] = None
    index = CorpusIndex(c)
    view = views.filter_rows(c, Filters(genres=("commentary",)), index)
    none = np.zeros(len(c.articles), dtype=bool)
    every = np.ones(len(c.articles), dtype=bool)
    for freq in ("D", "W", "M", "Q", "Y"):
        for rows, ids in ((None, None), (view, c.articles.loc[view, "article_id"]), (none, [])):
            want = voice_tone_by_period(c, freq, ids)
            pd.testing.assert_frame_equal(voice_tone_by_period(c, freq, rows, index=index), want, rtol=1e-12)
    assert len(voice_tone_by_period(c, "M", none, index=index)) == 0
    for rows, ids in ((every, None), (view, c.articles.loc[view, "article_id"])):
        want = actor_voices(c, ids)
        assert want["n_says"].sum() > 0 and want["n_about"].sum() > 0
        pd.testing.assert_frame_equal(actor_voices(c, rows, index=index), want, rtol=1e-12)
    assert actor_voices(c, none, index=index).empty and actor_voices(c, [], index=None).empty
    shown = tuple(c.articles["article_id"].iloc[::97])  # the Tone page's articles: by id, any order
    for ids in (shown, shown[:1], ()):
        want = voice_tone_by_article(c, ids)
        pd.testing.assert_frame_equal(voice_tone_by_article(c, ids, index=index), want, rtol=1e-12)
    assert len(voice_tone_by_article(c, shown, index=index)) == len(shown) > 30


@pytest.mark.parametrize("k", [1, 5, 30, 5000])
def test_the_latest_articles_from_the_index_are_those_of_the_sorted_table(corpus, k):
    """sentences_for's articles ranked on the index's integers: the same rows in the same order as
    sorting the view's table, with undated articles (first when picking, last when shown), equal
    dates broken by id, and views with fewer dated articles than asked for."""
    import copy

    c = copy.copy(corpus)
    c.articles = corpus.articles.copy()
    c.articles.loc[np.arange(len(c.articles)) % 5 == 0, "date"] = pd.NaT
    index = CorpusIndex(c)
    late = views.filter_rows(c, Filters(date_from="2025-12-20"), index)
    undated = ~index.dated
    for rows in (
        np.ones(len(c.articles), dtype=bool),
        views.filter_rows(c, Filters(genres=("commentary",)), index),
        late | undated,  # a few dated articles, then the undated ones fill the view
        undated,
        np.zeros(len(c.articles), dtype=bool),
    ):
        got = views.sentences_for(c, rows, k, index)
        want = views.sentences_for(c, c.articles.loc[rows, "article_id"], k)
        pd.testing.assert_frame_equal(got[0], want[0])
        pd.testing.assert_frame_equal(got[1], want[1])
    assert index.dated.sum() < len(c.articles) and (late & index.dated).sum() < 30


def test_the_latest_articles_keep_equal_dates_in_id_order():
    """Articles of one day are ranked by id, whatever their place in the table; an article table
    not in date order is ranked by sorting."""
    c = large_corpus(40, 200)
    c.articles = c.articles.copy()
    c.articles["date"] = pd.Timestamp("2025-03-01")
    c.articles = c.articles.iloc[::-1].reset_index(drop=True)  # ids descending in the table
    index = CorpusIndex(c)
    rows = np.ones(len(c.articles), dtype=bool)
    got = index.latest(rows, 7)
    want = c.articles.sort_values("article_id").index[-7:].to_numpy()
    assert list(c.articles["article_id"].iloc[got]) == list(c.articles["article_id"].iloc[want])


@pytest.mark.parametrize("head", [40, 400, 1 << 16])
def test_the_strongest_sentences_from_the_ranked_head_are_those_of_every_sentence(corpus, head, monkeypatch):
    """The Tone page's strongest sentences are picked from the index's ranked head when it can
    tell, else from every sentence in view: the same rows either way, with ties at the strongest
    tone running past the head's end (then every sentence is looked at) and views too small for it."""
    import copy

    import tonlage.corpus_index

    monkeypatch.setattr(tonlage.corpus_index, "RANKED_HEAD", head)
    c = copy.copy(corpus)
    # sentences in no order of their ids: ties are picked by their place in the store
    store = corpus.sentence_store.to_pandas().sample(frac=1.0, random_state=3).reset_index(drop=True)
    scored = store.index[store["tone"].notna()]
    store.loc[scored[::97], "tone"] = -1.0  # ~300 ties at the most negative tone
    store.loc[scored[::89], "tone"] = 0.0  # and some without a side
    c.sentence_store = type(corpus.sentence_store)(store)
    index = CorpusIndex(c)
    for f in FILTERS:
        rows = views.filter_rows(c, f, index)
        ids = views.filter_ids(c, f)
        for n in (1, 5, 12):
            want = _reference_strongest(c, ids, n)
            for got_part, want_part in zip(views.strongest_sentences(c, rows, n, index), want):
                pd.testing.assert_frame_equal(got_part, want_part)
    assert len(index.ranked(-1.0)) == min(head, len(index.scored))


def _plain_evidence(pool: pd.DataFrame, direction_only: bool, more=()) -> tuple[tuple, tuple]:
    """The evidence rule read plainly: the pool (article_id, sent_idx, score) sorted whole,
    highest score first, ties by article and sentence; articles in the order of their first
    sentence there, then the other articles of ``more`` by id; the sentences pointing the
    finding's way (score > 0) when ``direction_only``, each text once, at its first place."""
    from tonlage.findings import MAX_EVIDENCE_ARTICLES, MAX_EVIDENCE_SENTENCES

    full = pool.sort_values(["score", "article_id", "sent_idx"], ascending=[False, True, True], kind="mergesort")
    arts = list(dict.fromkeys(full["article_id"].astype(str)))
    arts += sorted({str(a) for a in more} - set(arts))
    sents = (full[full["score"] > 0] if direction_only else full).drop_duplicates("text")
    pairs = tuple((str(a), int(i)) for a, i in zip(sents["article_id"], sents["sent_idx"]))
    return tuple(arts[:MAX_EVIDENCE_ARTICLES]), pairs[:MAX_EVIDENCE_SENTENCES]


@pytest.mark.parametrize("f", FILTERS[:4], ids=repr)
def test_comparison_findings_are_a_plain_pandas_reading_of_the_periods(corpus, f):
    """The comparison findings' evidence, intervals and month caveats, taken from the index's
    numbers, against the periods' sentences, mentions, themes and actors read with pandas."""
    import copy
    from datetime import date

    from tonlage.compare import Window, compare_periods
    from tonlage.findings import MAX_EVIDENCE_ARTICLES, MIN_SIDE_ARTICLES, comparison_findings
    from tonlage.intervals import newcombe_interval, share_interval, shift_interval

    # Changes to find: theme 0 large and "Akteur 3" named from 2023 on; shares at one decimal,
    # so that equal shares are ordered by article id.
    corpus = copy.copy(corpus)
    late = set(corpus.articles.loc[corpus.articles["date"] >= "2023-01-01", "article_id"])
    at = corpus.article_themes.copy()
    at.loc[at["article_id"].isin(late) & (at["theme_id"] == 0), "share"] = 0.9
    corpus.article_themes = at.assign(share=at["share"].round(1))
    aa = corpus.actor_articles
    corpus.actor_articles = aa[~((aa["actor"] == "Akteur 3") & ~aa["article_id"].isin(late))].reset_index(drop=True)
    index = CorpusIndex(corpus)
    rows = views.filter_rows(corpus, f, index)
    a = corpus.articles
    store = corpus.sentence_store.to_pandas()
    scored = store[store["tone"].notna()]
    month_dated = a["date_precision"] == "month"
    kinds = set()
    for wa, wb in (
        (Window(date(2020, 1, 1), date(2022, 12, 31), "a"), Window(date(2023, 1, 1), date(2025, 12, 31), "b")),
        (Window(date(2021, 3, 1), date(2021, 3, 20), "a"), Window(date(2024, 6, 1), date(2024, 7, 15), "b")),
    ):
        c = compare_periods(corpus, rows, wa, wb, index=index)
        found = comparison_findings(corpus, rows, c, limit=50, index=index)
        side_ids = []
        for w in (wa, wb):
            d = a["date"]
            inside = (
                rows
                & (d >= pd.Timestamp(w.start)).to_numpy()
                & (d < pd.Timestamp(w.end) + pd.Timedelta(days=1)).to_numpy()
            )
            side_ids.append(list(a.loc[inside, "article_id"]))
        sides = [scored[scored["article_id"].isin(ids)] for ids in side_ids]
        # Month-dated articles whose month runs past their period's last day: they may be from
        # after it (the caveat's rule since, a later change on purpose).
        month = set()
        for ids, w in zip(side_ids, (wa, wb)):
            month_end = a["date"].dt.to_period("M").dt.end_time.dt.normalize()
            month |= set(
                a.loc[month_dated & a["article_id"].isin(ids) & (month_end > pd.Timestamp(w.end)), "article_id"]
            )
        in_sides = set(side_ids[0]) | set(side_ids[1])

        def said(actor, side):  # its scored sentences in the period, in the order first mentioned
            m = corpus.mentions.loc[corpus.mentions["actor"] == actor, ["article_id", "sent_idx"]]
            return m.drop_duplicates().merge(side, on=["article_id", "sent_idx"])

        def caveat(arts, given="", month=month):
            return given or ("month_dates" if any(x in month for x in arts) else "")

        for x in found:
            kinds.add(x.kind)
            v = x.values
            if x.kind == "tone_shift":
                d = float(np.sign(v["shift"])) if v["variant"] == "change" else 0.0
                score = (
                    [-d * sides[0]["tone"], d * sides[1]["tone"]]
                    if d
                    else [sides[0]["tone"].abs(), sides[1]["tone"].abs()]
                )
                pool = pd.concat([s.assign(score=sc) for s, sc in zip(sides, score)], ignore_index=True)
                assert (x.article_ids, x.sentences) == _plain_evidence(pool, bool(d), side_ids[0] + side_ids[1])
                assert x.caveat in ("thin", caveat(in_sides))
            elif x.kind == "actor_tone_shift":
                own = [said(v["actor"], s) for s in sides]
                row_of = {aid: r for r, aid in enumerate(a["article_id"])}  # articles as the units
                groups = tuple(o["article_id"].map(row_of).to_numpy() for o in own)
                # at the error of the actors' shifts drawn together (tests/engine/test_findings.py)
                assert 0 < v["alpha"] <= 0.05
                assert (v["low"], v["high"]) == pytest.approx(
                    shift_interval(own[0]["tone"].to_numpy(), own[1]["tone"].to_numpy(), groups, alpha=v["alpha"]),
                    abs=1e-12,
                )
                d = float(np.sign(v["shift"]))
                pool = pd.concat([own[0].assign(score=-d * own[0]["tone"]), own[1].assign(score=d * own[1]["tone"])])
                assert (x.article_ids, x.sentences) == _plain_evidence(pool, True)
                few = min(o["article_id"].nunique() for o in own) < MIN_SIDE_ARTICLES
                given = ("thin" if few else "") if v["variant"] == "change" else "uncertain"
                assert x.caveat == caveat(x.article_ids, given)
            elif x.kind in ("theme_change", "actor_attention"):
                k = 1 if v["change"] > 0 else 0
                if x.kind == "theme_change":
                    table, which, by = corpus.article_themes, ("theme_id", v["theme_id"]), "share"
                else:
                    table, which, by = corpus.actor_articles, ("actor", v["actor"]), "mentions"
                    talk = said(v["actor"], sides[k])
                    assert x.sentences == _plain_evidence(talk.assign(score=talk["tone"].abs()), False)[1]
                own = table[(table[which[0]] == which[1]) & table["article_id"].isin(side_ids[k])]
                own = own.sort_values([by, "article_id"], ascending=[False, True], kind="mergesort")
                assert x.article_ids == tuple(own["article_id"].astype(str).head(MAX_EVIDENCE_ARTICLES))
                # A direction only when the 95% interval of the change excludes 0 (as shown)
                if x.kind == "theme_change":
                    # the theme's share of each themed article of a period, 0 where it has no row
                    per_side = []
                    for ids in side_ids:
                        themed = corpus.article_themes[corpus.article_themes["article_id"].isin(ids)]
                        mine = themed[themed["theme_id"] == v["theme_id"]].groupby("article_id")["share"].sum()
                        per_side.append(mine.reindex(themed["article_id"].unique(), fill_value=0.0).to_numpy())
                    assert v["alpha"] == c.theme_alpha  # the themes drawn together (test_compare.py)
                    low, high = share_interval(*per_side, alpha=c.theme_alpha)
                    assert (v["articles_a"], v["articles_b"]) == tuple(len(p) for p in per_side)
                else:
                    named = [table[(table["actor"] == v["actor"]) & table["article_id"].isin(i)] for i in side_ids]
                    counts = [t["article_id"].nunique() for t in named]
                    assert (v["articles_a"], v["articles_b"]) == tuple(counts)
                    assert v["alpha"] == c.actor_alpha
                    low, high = newcombe_interval(
                        counts[0], len(side_ids[0]), counts[1], len(side_ids[1]), alpha=c.actor_alpha
                    )
                # judged to a tenth of a percentage point, as the ends are written near 0
                clear = (low > 0 and round(low, 3) > 0) or (high < 0 and round(high, 3) < 0)
                assert (v["variant"] == "uncertain") == (not clear)
                assert x.caveat == caveat(x.article_ids, "" if clear else "uncertain")
            elif x.kind == "thin_data":
                assert x.article_ids == tuple((side_ids[0] + side_ids[1])[:MAX_EVIDENCE_ARTICLES])
    assert "tone_shift" in kinds
    if f == Filters():  # every article: each kind of finding is checked
        assert {"actor_tone_shift", "theme_change", "actor_attention"} <= kinds, kinds


@pytest.mark.parametrize("flags", [True, False], ids=["flags", "sorted"])
def test_distinct_rows_per_key_are_counted_once(flags, monkeypatch):
    """distinct_per_key: each key's distinct rows (-1, no article, counts as a row of its own),
    with a flag per pair or from the sorted pairs, as counting the pairs in a set."""
    import tonlage.frames
    from tonlage.frames import distinct_per_key

    if not flags:
        monkeypatch.setattr(tonlage.frames, "_PAIR_FLAGS", 0)
    rng = np.random.default_rng(5)
    keys, rows = rng.integers(0, 6, 400), rng.integers(-1, 30, 400)
    want = [len({r for q, r in zip(keys, rows) if q == key}) for key in range(7)]
    assert distinct_per_key(keys, rows, 7).tolist() == want
    assert want[6] == 0 and distinct_per_key(keys[:0], rows[:0], 2).tolist() == [0, 0]


@pytest.mark.parametrize("head", [40, 1 << 16])
def test_a_sentence_printed_in_many_articles_is_shown_once(corpus, head, monkeypatch):
    """Agency copy: one sentence in many articles, with one tone. The strongest sentences show
    it once, where it comes first, with the number of its other copies in view, and still as
    many different sentences as asked for (from the ranked head or from every sentence)."""
    import copy

    import tonlage.corpus_index

    monkeypatch.setattr(tonlage.corpus_index, "RANKED_HEAD", head)
    c = copy.copy(corpus)
    store = corpus.sentence_store.to_pandas()
    scored = store.index[store["tone"].notna()]
    store["tone"] *= 0.9  # the copies below are the strongest sentences
    neg_copy = scored[::41]
    pos_copy = scored[7::53].difference(neg_copy)
    store.loc[neg_copy, ["text", "tone"]] = ["Agenturkopie: Die Verhandlungen sind gescheitert.", -0.97]
    store.loc[pos_copy, ["text", "tone"]] = ["Agenturkopie: Ein großer Erfolg für alle.", 0.96]
    store, c.texts = texts_of_sentences(store)  # the articles' texts hold the copies too
    c.sentence_store = type(corpus.sentence_store)(store)
    index = CorpusIndex(c)
    every = np.ones(len(c.articles), dtype=bool)
    for rows, ids in ((every, tuple(c.articles["article_id"])), (views.filter_rows(c, FILTERS[1], index), None)):
        ids = ids if ids is not None else views.filter_ids(c, FILTERS[1])
        neg, pos = views.strongest_sentences(c, rows, 5, index)
        want = _reference_strongest(c, ids, 5)
        pd.testing.assert_frame_equal(neg, want[0])
        pd.testing.assert_frame_equal(pos, want[1])
        in_view = store[store["article_id"].isin(ids)]
        for part, text, tone in ((neg, "Agenturkopie", -0.97), (pos, "Agenturkopie", 0.96)):
            n_copies = int((in_view["tone"] == tone).sum())
            if n_copies:
                mine = part[part["text"].str.contains(text)]
                assert len(mine) == 1 and int(mine["copies"].iloc[0]) == n_copies - 1
                assert part["text"].is_unique
            assert len(part) == 5 or len(part) == in_view["text"][in_view["tone"] * tone > 0].nunique()
        assert (neg["copies"] > 0).any() and (pos["copies"] > 0).any()


def test_the_view_s_tone_and_its_word_are_the_findings_own(corpus):
    index = CorpusIndex(corpus)
    for n in (40, 2):
        rows = index.rows(tuple(corpus.articles["article_id"][:n]))
        tone, low, high = views.view_tone(corpus, rows, index)
        (f,) = [x for x in view_findings(corpus, rows, index=index, limit=20) if x.kind == "overall_tone"]
        # One figure: the Overview's mean tone is the finding's, not the articles' mean beside it.
        assert (tone, low, high) == (f.values["tone"], f.values["low"], f.values["high"]) and low < high
        claimed = "variant" not in f.values and f.values["word"] != "neutral"
        assert views.tone_word(tone, low, high).startswith("rather") == claimed
        # The mean over the view's scored sentences.
        in_view = corpus.sentences[corpus.sentences["article_id"].isin(corpus.articles["article_id"][:n])]
        assert tone == pytest.approx(in_view["tone"].dropna().mean(), abs=1e-12)
    assert views.view_tone(corpus, np.zeros(index.n, dtype=bool), index) == (None, None, None)


@pytest.mark.parametrize(
    ("tone", "low", "high", "word"),
    [
        (0.12, 0.03, 0.21, "rather positive"),
        (0.12, -0.02, 0.26, "not clearly positive"),
        (-0.30, -0.50, -0.10, "rather negative"),
        (-0.30, -0.70, 0.10, "not clearly negative"),
        (0.04, -0.30, 0.38, "mostly neutral"),  # within the band: no direction claimed at all
        (0.049, 0.01, 0.09, "rather positive"),  # the band judges the tone as shown (+0.05)
        (0.30, None, None, "rather positive"),  # one scored sentence: no interval
        (None, None, None, "mostly neutral"),
    ],
)
def test_the_word_under_the_mean_tone_follows_its_interval(tone, low, high, word):
    assert views.tone_word(tone, low, high) == word


def test_a_theme_s_tone_in_view_leaves_out_articles_without_a_tone(corpus):
    """With every article in view, a theme's tone is the analysis's
    (:func:`tonlage.aggregates.theme_tone`), also where some articles have no scored sentence:
    their share is text of the theme, but not a tone of 0."""
    from tonlage.aggregates import theme_tone

    c = copy.copy(corpus)
    c.articles = corpus.articles.copy()
    c.articles.loc[c.articles.index[::7], "tone"] = np.nan
    got = views.theme_table(c, np.ones(len(c.articles), dtype=bool), CorpusIndex(c))
    want = theme_tone(c.themes, c.article_themes, c.articles)
    np.testing.assert_allclose(got["tone"], want.set_index("theme_id").loc[got["theme_id"], "tone"], rtol=1e-12)
    before = views.theme_table(corpus, np.ones(len(corpus.articles), dtype=bool), CorpusIndex(corpus))
    assert not np.allclose(got["tone"], before["tone"])  # the untoned articles did move it


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_theme_tone_intervals_are_those_of_the_long_table(corpus, f):
    """Each theme's interval in view from the index is the one of its rows in the long table
    (the view's articles with a tone and a share of it), and holds the table's tone."""
    from tonlage.intervals import share_weighted_intervals

    index = CorpusIndex(corpus)
    rows = views.filter_rows(corpus, f, index)
    got = views.theme_tone_intervals(corpus, rows, index)
    assert got["theme_id"].tolist() == corpus.themes["theme_id"].tolist()
    ids = set(corpus.articles.loc[rows, "article_id"])
    tone = corpus.articles.set_index("article_id")["tone"]
    at = corpus.article_themes[corpus.article_themes["article_id"].isin(ids)]
    at = at.assign(tone=at["article_id"].map(tone).astype("float64")).dropna(subset=["tone"])
    for theme, low, high, n_eff in got.itertuples(index=False):
        mine = at[at["theme_id"] == theme]
        want = share_weighted_intervals(mine["share"].to_numpy(dtype="float64")[None, :], mine["tone"].to_numpy())
        np.testing.assert_allclose([low, high], [want[0][0], want[1][0]], rtol=1e-9, atol=1e-12)
        s = mine["share"].to_numpy(dtype="float64")
        assert n_eff == pytest.approx(s.sum() ** 2 / np.square(s).sum() if len(s) else 0.0)
    table = views.theme_table(corpus, rows, index).merge(got, on="theme_id")
    drawn = table.dropna(subset=["tone_low"])
    assert ((drawn["tone_low"] <= drawn["tone"] + 1e-12) & (drawn["tone"] <= drawn["tone_high"] + 1e-12)).all()
    if rows.sum() > 100:
        assert len(drawn) == len(table)


def test_every_scored_sentence_is_found_whatever_the_store_order(corpus):
    """scored_at finds each scored sentence at its place, both when the store keeps each
    article's sentences in one run (the runs are ordered) and when it does not (a full sort)."""
    index = CorpusIndex(corpus)
    s = index.scored
    row, sent = s["row"].to_numpy(), s["sent_idx"].to_numpy()
    assert index.scored_at(row, sent).tolist() == list(range(len(s)))
    shuffled = CorpusIndex(corpus)
    perm = np.random.default_rng(5).permutation(len(s))
    shuffled.__dict__["scored"] = s.iloc[perm].reset_index(drop=True)  # the same sentences, any order
    assert shuffled.scored_at(row[perm], sent[perm]).tolist() == list(range(len(s)))
    assert shuffled.scored_at(row, sent).tolist() == np.argsort(perm).tolist()


def test_the_theme_matrices_are_the_long_table_summed(corpus):
    """Shares, share × tone (0 without a tone) and rows per (article, theme), against pandas."""
    at = corpus.article_themes.copy()
    at.loc[at.index[:5], "share"] = np.nan  # rows without a share are left out and counted
    c = copy.copy(corpus)
    c.article_themes = at
    m = CorpusIndex(c).themes
    ids = corpus.articles["article_id"]
    valid = at.dropna(subset=["share"])
    shares = valid.pivot_table(index="article_id", columns="theme_id", values="share", aggfunc="sum")
    counts = valid.pivot_table(index="article_id", columns="theme_id", values="share", aggfunc="size")
    shares, counts = shares.reindex(index=ids, columns=m.theme_ids), counts.reindex(index=ids, columns=m.theme_ids)
    np.testing.assert_allclose(m.shares, shares.fillna(0).to_numpy(), rtol=1e-12)
    assert np.array_equal(m.counts, counts.fillna(0).to_numpy())
    tone = corpus.articles["tone"].to_numpy(dtype="float64", na_value=np.nan)
    np.testing.assert_allclose(m.weighted, np.nan_to_num(shares.fillna(0).to_numpy() * tone[:, None]), rtol=1e-12)
    assert m.left_out == 5 and m.themed.tolist() == (counts.fillna(0).to_numpy() > 0).any(axis=1).tolist()
    assert m.theme_ids.tolist() == sorted(valid["theme_id"].unique().tolist())


def test_the_sentences_with_the_words_come_newest_first_and_are_cut_at_the_limit(analysed_bundled):
    from tonlage.corpus_index import CorpusIndex
    from tonlage.present.types import Filters
    from tonlage.present.views import filter_rows, word_sentences

    corpus, index = analysed_bundled, CorpusIndex(analysed_bundled)
    rows = filter_rows(corpus, Filters(count_once=False, words="Putin"), index)
    found, total = word_sentences(corpus, rows, "Putin", index)
    s = corpus.sentence_store.frame(columns=["article_id", "sent_idx", "text", "tone"])
    s = s[s["tone"].notna() & s["text"].str.contains(r"(?<![^\W_])putin(?![^\W_])", case=False)]
    assert total == len(s) == len(found) > 5
    assert set(zip(found["article_id"], found["sent_idx"])) == set(zip(s["article_id"], s["sent_idx"]))
    assert found["date"].notna().all() and found["date"].is_monotonic_decreasing  # newest first
    for _, group in found.groupby("article_id", sort=False):
        assert list(group["sent_idx"]) == sorted(group["sent_idx"])  # each article in its order
    texts = dict(zip(zip(s["article_id"], s["sent_idx"]), s["text"]))
    assert [texts[k] for k in zip(found["article_id"], found["sent_idx"])] == list(found["text"])
    cut, all_of_them = word_sentences(corpus, rows, "Putin", index, limit=3)
    assert all_of_them == total and list(cut["text"]) == list(found["text"][:3])
    none, zero = word_sentences(corpus, rows, "Zzyzxqwort", index)
    assert zero == 0 and none.empty and list(none.columns) == list(found.columns)


def test_the_sentences_with_the_words_are_kept_per_view(analysed_bundled, monkeypatch):
    from tonlage.corpus_index import CorpusIndex
    from tonlage.search import found_spans

    index = CorpusIndex(analysed_bundled)
    every = np.ones(index.n, dtype=bool)
    calls = []
    monkeypatch.setattr("tonlage.search.found_spans", lambda *a: calls.append(a) or found_spans(*a))
    first = index.word_sentences("Putin", every)
    n_calls = len(calls)
    assert n_calls and len(first) and not first.flags.writeable
    assert index.word_sentences("Putin", every.copy()) is first and len(calls) == n_calls  # kept: nothing read
    one = np.zeros(index.n, dtype=bool)
    one[0] = True
    fewer = index.word_sentences("Putin", one)  # another view: searched again, its own answer
    assert len(calls) > n_calls and set(fewer) <= set(first)
    assert list(index.word_sentences("Trump", every)) != list(first)


def test_the_few_sentences_shown_are_cut_from_their_texts_as_the_store_holds_them(analysed_bundled, monkeypatch):
    """The Tone page's sentences per article and its strongest sentences, the findings' and the
    comparison's examples take their text from the articles' texts at the sentences' offsets,
    not from the store's text column (which a read of a few articles decodes for every row group
    they stand in): the same text."""
    c = analysed_bundled
    index = CorpusIndex(c)
    every = np.ones(len(c.articles), dtype=bool)
    store = c.sentence_store.frame(["article_id", "sent_idx", "text"])
    read: list[list[str]] = []
    real = type(c.sentence_store).frame

    def frame(self, columns=None, **kw):
        read.append(list(columns or []))
        return real(self, columns, **kw)

    refs = list(zip(store["article_id"], store["sent_idx"]))[::7]
    want_refs = c.sentence_store.by_ref(refs, ["text", "tone"])
    monkeypatch.setattr(type(c.sentence_store), "frame", frame)
    pd.testing.assert_frame_equal(c.sentences_by_ref(refs, ["text", "tone"]), want_refs)  # the findings' examples
    _, s = views.sentences_for(c, every, 40, index)
    neg, pos = views.strongest_sentences(c, every, 5, index)
    assert read and all("text" not in columns for columns in read)
    for part in (s, neg, pos):
        want = part[["article_id", "sent_idx"]].merge(store, on=["article_id", "sent_idx"], how="left")["text"]
        assert len(part) and part["text"].tolist() == want.tolist()
        assert str(part["text"].dtype) == str(store["text"].dtype)
