"""Theme edits: merge, rename, hide without refitting; stored by signature; survive re-analysis."""

import json

import numpy as np
import pandas as pd
import pytest

from tonlage.model import ARTICLE_COLUMNS, ARTICLE_THEME_COLUMNS, THEME_COLUMNS, AnalysedCorpus
from tonlage.storage.workspace import Workspace
from tonlage.themes.edits import (
    MATCH_AT_LEAST,
    ThemeEditBook,
    ThemeEditError,
    ThemeEdits,
    apply_theme_edits,
    changes,
    edit_scope,
    match_signatures,
)

SPORT = ("Fußball", "Tor", "Trainer", "Stadion", "Liga")
WAR = ("Krieg", "Front", "Waffenruhe", "Soldat", "Panzer")
TRADE = ("Zoll", "Handel", "Export", "Import", "Ware")


def corpus(themes=(SPORT, WAR, TRADE), shares=None) -> AnalysedCorpus:
    """Four articles over three themes, with known shares and tones."""
    shares = np.array(
        shares if shares is not None else [[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.2, 0.3, 0.5], [0.0, 0.0, 0.0]]
    )
    ids = ["a", "b", "c", "d"]
    k = len(themes)
    th = pd.DataFrame(
        {
            "theme_id": np.arange(k, dtype="int64"),
            "label": [" · ".join(t[:3]) for t in themes],
            "terms": list(themes),
            "weight": shares.mean(axis=0),
            "n_articles": np.bincount(shares.argmax(axis=1)[shares.sum(axis=1) > 0], minlength=k),
            "tone": [0.1, -0.5, 0.0][:k],
            "term_weights": [tuple(1.0 / (i + 1) for i in range(len(t))) for t in themes],
            "stability": [0.9, 0.2, 0.6][:k],
        }
    )[list(THEME_COLUMNS)]
    at = pd.DataFrame(
        {"article_id": np.repeat(ids, k), "theme_id": np.tile(np.arange(k), 4), "share": shares.reshape(-1)}
    )[list(ARTICLE_THEME_COLUMNS)]
    arts = pd.DataFrame({c: [""] * 4 for c in ARTICLE_COLUMNS})
    arts["article_id"] = ids
    arts["tone"] = [0.5, -0.5, 0.0, 0.2]
    has = shares.sum(axis=1) > 0
    arts["top_theme"] = np.where(has, shares.argmax(axis=1), -1)
    arts["top_theme_share"] = np.where(has, shares.max(axis=1), 0.0)
    empty = pd.DataFrame()
    return AnalysedCorpus(
        articles=arts,
        sentences=empty,
        themes=th,
        article_themes=at,
        mentions=empty,
        actor_articles=empty,
        events=empty,
        skipped=empty,
        params={"n_themes_requested": None},
        fingerprint="fp",
    )


def test_merge_sums_shares_and_keeps_the_smallest_id():
    c = corpus()
    out = apply_theme_edits(c, ThemeEdits(merges=(frozenset({1, 2}),)))
    assert list(out.themes["theme_id"]) == [0, 1]
    at = out.article_themes.set_index(["article_id", "theme_id"])["share"]
    assert at[("b", 1)] == pytest.approx(0.9) and at[("a", 1)] == pytest.approx(0.3)
    # Article c was mostly theme 2: now it belongs to the merged theme 1.
    assert out.articles.set_index("article_id").loc["c", "top_theme"] == 1
    merged = out.themes.set_index("theme_id").loc[1]
    assert set(merged["terms"]) <= set(WAR) | set(TRADE) and {"Krieg", "Zoll"} <= set(merged["terms"])
    assert np.isnan(merged["stability"])  # not measured for a merged theme
    assert merged["n_articles"] == 2
    assert list(out.themes.columns) == list(THEME_COLUMNS)
    # The input corpus is untouched (the app shares it between sessions).
    assert len(c.themes) == 3 and c.articles.set_index("article_id").loc["c", "top_theme"] == 2


def test_merged_tone_is_share_weighted_over_both():
    out = apply_theme_edits(corpus(), ThemeEdits(merges=(frozenset({1, 2}),)))
    shares = {"a": 0.3, "b": 0.9, "c": 0.8}
    tones = {"a": 0.5, "b": -0.5, "c": 0.0}
    want = sum(shares[a] * tones[a] for a in shares) / sum(shares.values())
    assert out.themes.set_index("theme_id").loc[1, "tone"] == pytest.approx(want)


def test_hide_drops_the_theme_and_renormalises_articles():
    out = apply_theme_edits(corpus(), ThemeEdits(hidden=frozenset({0})))
    assert 0 not in set(out.themes["theme_id"]) and 0 not in set(out.article_themes["theme_id"])
    sums = out.article_themes.groupby("article_id")["share"].sum()
    assert np.allclose(sums[["a", "b", "c"]], 1.0)
    a = out.articles.set_index("article_id")
    assert a.loc["a", "top_theme"] == 1 and a.loc["a", "top_theme_share"] == pytest.approx(2 / 3)
    assert a.loc["d", "top_theme"] == -1  # had no theme, still has none
    assert out.themes["n_articles"].sum() == 3


def test_rename_and_ids_it_does_not_know():
    out = apply_theme_edits(corpus(), ThemeEdits(renames=((2, "Handelsstreit"), (7, "x")), hidden=frozenset({9})))
    assert out.themes.set_index("theme_id").loc[2, "label"] == "Handelsstreit"
    assert len(out.themes) == 3


def test_rename_of_a_member_names_the_merged_theme():
    out = apply_theme_edits(corpus(), ThemeEdits(merges=(frozenset({1, 2}),), renames=((2, "Konflikte"),)))
    assert out.themes.set_index("theme_id").loc[1, "label"] == "Konflikte"


def test_no_edits_returns_the_same_corpus():
    c = corpus()
    assert apply_theme_edits(c, ThemeEdits()) is c


def test_signatures_match_when_most_terms_agree():
    c = corpus()
    reordered = tuple(reversed(WAR[:4])) + ("Armee",)  # 4 of 5 shared: same theme
    assert match_signatures([reordered], c.themes) == {reordered: 1}
    other = ("Oper", "Bühne", "Krieg", "Premiere", "Regie")  # 1 of 5 shared
    assert match_signatures([other], c.themes) == {}
    assert MATCH_AT_LEAST > 1 / 9


@pytest.fixture(params=["folder", "workspace"])
def book(request, tmp_path):
    if request.param == "folder":
        (tmp_path / "corpus").mkdir()
        return ThemeEditBook.for_folder(tmp_path / "corpus", root=tmp_path / "data")
    return ThemeEditBook.for_workspace(Workspace("Meine Themen", root=tmp_path))


def test_book_stores_edits_and_applies_them(book):
    c = corpus()
    scope = edit_scope(None)
    before = book.revision()
    book.merge(c.themes, [1, 2], scope)
    book.rename(c.themes, 0, "  Fußball\nallgemein ", scope)
    book.hide(c.themes, 1, scope)
    assert book.revision() != before
    out = book.apply(c)
    assert list(out.themes["label"]) == ["Fußball allgemein"]
    assert out.params["theme_edits"]["merged"] == [[1, 2]] and out.params["theme_edits"]["hidden"] == [1]
    assert out.params["theme_edit_notes"] == []
    book.hide(c.themes, 2, scope, hidden=False)  # showing a member again is showing nothing: 1 is hidden
    book.hide(c.themes, 1, scope, hidden=False)
    assert {0, 1} == set(book.apply(c).themes["theme_id"])
    book.reset(scope)
    assert book.apply(c).themes.equals(c.themes)


def test_edits_survive_a_reanalysis_with_themes_in_another_order(book):
    c = corpus()
    scope = edit_scope(None)
    book.rename(c.themes, 1, "Krieg in der Ukraine", scope)
    book.hide(c.themes, 2, scope)
    # Re-analysis: the same themes come back in another order, one term changed.
    again = corpus(themes=(WAR[:4] + ("Armee",), TRADE, SPORT))
    out = book.apply(again)
    labels = dict(zip(out.themes["theme_id"], out.themes["label"]))
    assert labels[0] == "Krieg in der Ukraine" and 1 not in labels and labels[2] == "Fußball · Tor · Trainer"
    assert out.params["theme_edit_notes"] == []


def test_edits_of_a_theme_that_is_gone_are_dropped_with_a_note(book):
    c = corpus()
    scope = edit_scope(None)
    book.rename(c.themes, 2, "Handel", scope)
    book.merge(c.themes, [0, 1], scope)
    culture = ("Oper", "Bühne", "Premiere", "Regie", "Theater")
    out = book.apply(corpus(themes=(SPORT, culture, ("Wahl", "Partei", "Kanzler", "Koalition", "Stimme"))))
    codes = sorted(n["code"] for n in out.params["theme_edit_notes"])
    assert codes == ["theme_edit_dropped", "theme_edit_dropped"]
    kinds = sorted(n["params"]["kind"] for n in out.params["theme_edit_notes"])
    assert kinds == ["merge", "rename"]
    assert list(out.themes["label"]) == [
        "Fußball · Tor · Trainer",
        "Oper · Bühne · Premiere",
        "Wahl · Partei · Kanzler",
    ]


def test_edits_are_kept_per_number_of_themes(book):
    c = corpus()
    book.rename(c.themes, 0, "Sport", edit_scope(3))
    assert book.apply(c).themes.equals(c.themes)  # the automatic setting has no edits
    c.params["n_themes_requested"] = 3
    assert book.apply(c).themes.iloc[0]["label"] == "Sport"


def test_merging_into_an_existing_merge_joins_it(book):
    c = corpus()
    scope = edit_scope(None)
    book.merge(c.themes, [0, 1], scope)
    book.merge(c.themes, [1, 2], scope)
    out = book.apply(c)
    assert list(out.themes["theme_id"]) == [0] and out.params["theme_edits"]["merged"] == [[0, 1, 2]]
    book.unmerge(c.themes, 2, scope)
    assert len(book.apply(c).themes) == 3


def test_changes_list_each_edit_once_and_undo_takes_back_one(book):
    c = corpus()
    scope = edit_scope(None)
    book.merge(c.themes, [1, 2], scope)
    book.rename(c.themes, 0, "Sport", scope)
    book.hide(c.themes, 0, scope)
    found = changes(book.records(scope))
    assert [ch["kind"] for ch in found] == ["merge", "rename", "hide"]
    merge, rename, hide = found
    assert merge["labels"] == ["Krieg · Front · Waffenruhe", "Zoll · Handel · Export"]
    assert rename["labels"] == ["Fußball · Tor · Trainer"] and rename["value"] == "Sport"
    book.undo(hide, scope)  # the rename and the merge stay
    out = book.apply(c)
    assert list(out.themes["theme_id"]) == [0, 1] and out.themes.iloc[0]["label"] == "Sport"
    book.undo(merge, scope)
    assert len(book.apply(c).themes) == 3 and [ch["kind"] for ch in changes(book.records(scope))] == ["rename"]


def test_a_change_whose_theme_is_gone_can_still_be_undone(book):
    c = corpus()
    scope = edit_scope(None)
    book.rename(c.themes, 2, "Handel", scope)
    (gone,) = changes(book.records(scope))
    book.undo(gone, scope)
    assert book.records(scope) == []


def test_bad_edits_are_refused(book):
    c = corpus()
    with pytest.raises(ThemeEditError):
        book.merge(c.themes, [1], edit_scope(None))
    with pytest.raises(ThemeEditError):
        book.rename(c.themes, 5, "x", edit_scope(None))
    with pytest.raises(ThemeEditError):
        book.rename(c.themes, 0, "x" * 200, edit_scope(None))


def test_an_unreadable_overlay_is_reported_not_fatal(tmp_path):
    (tmp_path / "corpus").mkdir()
    book = ThemeEditBook.for_folder(tmp_path / "corpus", root=tmp_path / "data")
    c = corpus()
    book.rename(c.themes, 0, "Sport", edit_scope(None))
    book.overlay.write_text("{not json", encoding="utf-8")
    out = book.apply(c)
    assert out.themes.equals(c.themes)
    assert [n["code"] for n in out.params["theme_edit_notes"]] == ["theme_edits_unreadable"]
    book.rename(c.themes, 0, "Sport", edit_scope(None))  # the next change starts afresh, keeping a copy
    assert book.apply(c).themes.iloc[0]["label"] == "Sport"
    assert list(book.overlay.parent.glob("*.bak-*"))


def test_workspace_edits_do_not_change_its_analysis_revision(tmp_path):
    ws = Workspace("Rev", root=tmp_path)
    before = ws.fingerprint()
    ThemeEditBook.for_workspace(ws).rename(corpus().themes, 0, "Sport", "auto")
    assert ws.fingerprint() == before


def test_overlay_file_is_plain_json_with_signatures(tmp_path):
    (tmp_path / "corpus").mkdir()
    book = ThemeEditBook.for_folder(tmp_path / "corpus", root=tmp_path / "data")
    book.hide(corpus().themes, 1, "auto")
    data = json.loads(book.overlay.read_text(encoding="utf-8"))
    (rec,) = data["scopes"]["auto"]
    assert rec["kind"] == "hide" and rec["signature"] == list(WAR)


def test_edits_on_a_real_analysis_feed_findings_and_the_cli(tmp_path):
    from tonlage import DEFAULT_CORPUS_DIR
    from tonlage.analysis.pipeline import analyse_folder
    from tonlage.cli import article_rows
    from tonlage.findings import view_findings

    analysed = analyse_folder(DEFAULT_CORPUS_DIR)
    book = ThemeEditBook.for_folder(DEFAULT_CORPUS_DIR, root=tmp_path)
    scope = edit_scope(analysed.params["n_themes_requested"])
    book.merge(analysed.themes, [1, 2], scope)
    book.rename(analysed.themes, 1, "Verhandlungen", scope)
    out = book.apply(analysed)
    assert tuple(out.themes.columns) == THEME_COLUMNS and tuple(out.articles.columns) == ARTICLE_COLUMNS
    assert list(out.themes["label"])[1] == "Verhandlungen" and len(out.themes) == 2
    assert np.allclose(out.article_themes.groupby("article_id")["share"].sum(), 1.0)
    # What readers see downstream names the merged theme.
    assert set(article_rows(out)["top_theme"]) <= set(out.themes["label"])
    found = view_findings(out, out.articles["article_id"])
    theme_texts = [f.values.get("theme") for f in found if f.kind == "theme_top"]
    assert all(t in set(out.themes["label"]) for t in theme_texts)
    # Nothing was written into the corpus folder.
    assert not list(DEFAULT_CORPUS_DIR.glob("*.json"))


def test_cli_analyse_shows_the_readers_theme_names(tmp_path, monkeypatch, capsys):
    import shutil

    from tonlage import DEFAULT_CORPUS_DIR
    from tonlage.analysis.pipeline import analyse_folder
    from tonlage.cli import main

    folder = tmp_path / "corpus"
    shutil.copytree(DEFAULT_CORPUS_DIR, folder)
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    analysed = analyse_folder(folder)
    top = int(analysed.articles["top_theme"].iloc[0])
    ThemeEditBook.for_folder(folder).rename(analysed.themes, top, "Mein Thema", edit_scope(None))
    assert main(["analyse", str(folder), "--format", "csv", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "Mein Thema" in out
