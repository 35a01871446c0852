"""The Corpus page through AppTest: upload → report → the workspace opens in the whole app,
table columns can be corrected, articles dated and left out, duplicates counted once."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from components import state
from tests.app.conftest import in_page_order
from tests.shown import plotly_array
from tonlage.i18n import translator
from tonlage.storage.workspace import Workspace

EN = translator("en")
PAGE = "app_pages/corpus.py"
BODY = (
    "Die Außenminister trafen sich am Rande der Generalversammlung in New York. Über einen "
    "Waffenstillstand wurde lange gesprochen, eine Einigung gab es nicht. Beobachter zeigten sich "
    "enttäuscht über den Verlauf der Gespräche und forderten neue Verhandlungen."
)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mappe/erster.txt", "Treffen in New York | Eva Muster. 24.09.2025.\n\n" + BODY)
        z.writestr(
            "mappe/zweiter.txt",
            "Weiter keine Einigung | Eva Muster. 21.10.2025.\n\n"
            + BODY.replace("New York", "Budapest")
            + " Ein Gipfel wurde abgesagt.",
        )
        z.writestr("mappe/kopie.txt", "Treffen in New York (Nachdruck) | dpa. 25.09.2025.\n\n" + BODY)
        z.writestr("../boese.txt", BODY)
        z.writestr("__MACOSX/mappe/._erster.txt", b"\0\5\26\7")
    return buf.getvalue()


def _frame_with(at, column: str):
    """The st.dataframe that has ``column`` (AppTest does not expose a dataframe's key)."""
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    assert frames, f"no table with a {column!r} column"
    return frames[0]


def _upload(at, files):
    at.file_uploader(key="upload_0").set_value(files)
    at.run()
    at.button(key="add_files").click()
    return at.run()


def test_upload_a_zip_and_read_its_articles(app, data_dir):
    at = app()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert EN("Your corpus") in [t.value for t in at.title]
    at.text_input(key="ws_name_").set_value("Meine Mappe")
    at = _upload(at, [("mappe.zip", _zip(), "application/zip")])
    assert not at.exception, [e.value for e in at.exception]

    # The report lists every member, with a plain reason for the ones skipped.
    report = _frame_with(at, "reason")
    files = list(report["file"])
    assert "mappe.zip" in files and "mappe.zip/mappe/erster.txt" in files
    reasons = dict(zip(report["file"], report["reason"]))
    assert "unsafe" in reasons["mappe.zip/../boese.txt"]
    assert "system file" in reasons["mappe.zip/__MACOSX/mappe/._erster.txt"]
    assert any("**3 articles added**" in m.value for m in at.markdown)

    # The workspace is now the corpus of the whole app (and of a shareable link).
    assert at.session_state[state.CORPUS] == "Meine Mappe"
    assert at.query_params[state.QP_CORPUS] == ["Meine Mappe"] or at.query_params[state.QP_CORPUS] == "Meine Mappe"
    assert Workspace("Meine Mappe", create=False).article_count() == 3
    assert EN("How the press talks about your topic, over time") in [c.value for c in at.sidebar.caption]

    # The reprint is grouped with its original and counted once by default.
    dups = _frame_with(at, "group")
    assert set(dups["article_id"]) == {"erster", "kopie"}
    assert at.toggle(key=state.ONCE).value is True
    at.switch_page("app_pages/articles.py").run()
    assert not at.exception
    titles = at.selectbox(key=state.ARTICLE_PICK).options
    assert len(titles) == 2
    at.toggle(key=state.ONCE).set_value(False).run()
    assert len(at.selectbox(key=state.ARTICLE_PICK).options) == 3

    # Overview charts draw from the workspace; every page works on it.
    at.switch_page("app_pages/overview.py").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) >= 2
    for page in ("tone", "themes", "actors", "about"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
    assert any("Meine Mappe" in m.value for m in at.markdown)


def test_a_table_upload_proposes_columns_that_can_be_corrected(app, data_dir):
    csv = (
        "Kurz;Beitrag;Erschienen\n" + "\n".join(f'Titel {i};"{BODY} Nummer {i}.";2{i}.09.2025' for i in range(1, 4))
    ).encode()
    at = app()
    at.switch_page(PAGE).run()
    at = _upload(at, [("export.csv", csv, "text/csv")])
    assert not at.exception, [e.value for e in at.exception]
    ws = Workspace(EN("My articles"), create=False)
    [doc] = ws.documents()
    assert doc.mapping["text"] == "Beitrag"
    # The reader says the title is in "Kurz" and reads the file again.
    at.selectbox(key=f"map_{doc.doc_id}_title").set_value("Kurz").run()
    at.button(key=f"reread_{doc.doc_id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert sorted(a.title for a in ws.raw_articles()) == ["Titel 1", "Titel 2", "Titel 3"]


def test_undated_articles_can_be_dated_and_left_out(app, data_dir):
    ws = Workspace("Datieren")
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    ingest(
        ws,
        [Document("ohne.txt", BODY.encode()), Document("mit.txt", ("date 2025-09-24\n\n" + BODY + " Mehr.").encode())],
    )
    at = app()
    at.session_state[state.CORPUS] = "Datieren"
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(
        EN(
            "Articles without a date: {n}. They are in the list below and left out of the time charts; type a date (2025-09-24 or 24.09.2025) to place them.",
            n=1,
        )
        == w.value
        for w in at.warning
    )
    editor = [d for d in at.dataframe if (d.key or "").startswith("editor_")]
    assert editor, "the article editor is shown"
    assert sorted(editor[0].value["article_id"]) == ["mit", "ohne"]
    # Edits go through the workspace API the editor calls; the page shows the result.
    ws.edit("ohne", date="2025-10-01")
    ws.remove(["mit"])
    at.run()
    assert not any(
        EN(
            "Articles without a date: {n}. They are in the list below and left out of the time charts; type a date (2025-09-24 or 24.09.2025) to place them.",
            n=1,
        )
        == w.value
        for w in at.warning
    )
    at.switch_page("app_pages/articles.py").run()
    assert at.selectbox(key=state.ARTICLE_PICK).options == [at.selectbox(key=state.ARTICLE_PICK).options[0]]


def test_an_empty_workspace_points_to_the_corpus_page(app, data_dir):
    Workspace("Leer")
    at = app()
    at.session_state[state.CORPUS] = "Leer"
    at.run()
    assert not at.exception
    assert any(
        EN(
            "This workspace has no articles yet. Add files on the page 'Your corpus', or choose another corpus in the sidebar."
        )
        == i.value
        for i in at.info
    )


def test_pages_say_which_languages_are_left_out(app, data_dir):
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    ws = Workspace("Sprachen")
    ingest(
        ws,
        [
            Document("de.txt", ("date 2025-09-24\n\n" + BODY).encode()),
            Document(
                "de2.txt", ("date 2025-09-25\n\n" + BODY.replace("New York", "Genf") + " Noch ein Satz.").encode()
            ),
            Document(
                "en.txt",
                b"date 2025-09-26\n\nThe ministers met in New York. They failed to agree on a "
                b"ceasefire, and observers were deeply disappointed by the talks.",
            ),
            Document(
                "fr.txt",
                "date 2025-09-27\n\nLes ministres se sont réunis à New York. Ils ne sont pas "
                "parvenus à un accord sur un cessez-le-feu, et les observateurs étaient déçus.".encode(),
            ),
        ],
    )
    at = app()
    at.session_state[state.CORPUS] = "Sprachen"
    at.switch_page("app_pages/themes.py").run()
    assert not at.exception
    assert EN(
        "Not in the themes, because not in German: {langs}. Themes are built from German text only, so other languages cannot form themes of their own function words.",
        langs="1 article in English, 1 article in French",
    ) in [c.value for c in at.caption]
    at.switch_page("app_pages/tone.py").run()
    assert EN(
        "No tone for articles in languages without a tone word list: {langs}. They are shown as 'not scored' rather than scored wrongly; German and English are scored.",
        langs="1 article in French",
    ) in [c.value for c in at.caption]


def test_the_bundled_example_can_be_copied_into_a_workspace(app, data_dir):
    at = app()
    at.switch_page(PAGE).run()
    at.button(key="copy_example").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.CORPUS] == EN("Example (copy)")
    ws = Workspace(EN("Example (copy)"), create=False)
    assert ws.article_count() == 5
    report = _frame_with(at, "reason")
    assert report.loc[report["file"] == "metadata.csv", "status"].item() == "loaded"


def test_a_hostile_url_and_source_are_shown_as_text(app, data_dir):
    import json

    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    ws = Workspace("Böse")
    row = {
        "title": "Titel",
        "text": BODY,
        "source": "![x](http://evil.example/s.png) <b>Quelle</b>",
        "url": "https://example.org/a\n![](http://evil.example/pixel.png)",
    }
    ingest(ws, [Document("a.json", json.dumps([row]).encode())])
    at = app()
    at.session_state[state.CORPUS] = "Böse"
    at.switch_page("app_pages/articles.py").run()
    assert not at.exception
    rendered = " ".join(m.value for m in [*at.markdown, *at.caption, *at.info])
    assert "](http://evil" not in rendered and "<b>" not in rendered
    assert "evil" in rendered  # shown, as literal characters


def test_the_themes_age_is_shown_and_a_refit_can_be_asked_for(app, data_dir):
    from tonlage.analysis.incremental import refit_requests
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    places = ["Berlin", "Wien", "Paris", "Rom", "Madrid", "Prag", "Warschau"]
    docs = [
        Document(
            f"{p.lower()}.txt", f"Treffen in {p} | Eva Muster. 2{i}.09.2025.\n\n{BODY} In {p} blieb es ruhig.".encode()
        )
        for i, p in enumerate(places)
    ]
    ws = Workspace("Themen")
    ingest(ws, docs[:6])
    at = app()
    at.session_state[state.CORPUS] = "Themen"
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.button(key="refit_themes").disabled  # just fitted: nothing to refit for
    ingest(ws, docs[6:])
    at.run()
    fitted = [c.value for c in at.caption if c.value.startswith("The themes were fitted on")]
    assert fitted and fitted[0].startswith("The themes were fitted on 6 articles; 1 added or changed since")
    assert not at.button(key="refit_themes").disabled
    at.button(key="refit_themes").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert refit_requests(ws) == 1
    fitted = [c.value for c in at.caption if c.value.startswith("The themes were fitted on")]
    assert fitted and fitted[0].startswith("The themes were fitted on 7 articles; 0 added")


def test_a_workspace_s_readers_choose_whom_it_follows(app, data_dir):
    from tonlage.actors import actors_csv, actors_from_rows, read_actors
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    ws = Workspace("Koalition")
    text = "Koalition | Eva Muster. 24.09.2025.\n\nFriedrich Merz lobte die Gespräche. " + BODY
    ingest(ws, [Document("koalition.txt", text.encode())])
    at = app()
    at.session_state[state.CORPUS] = "Koalition"
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert EN("People and institutions to follow") in [s.value for s in at.subheader]
    editor = next(d for d in at.dataframe if (d.key or "").startswith("actors_editor_"))
    standard = read_actors(Path(__file__).resolve().parents[2] / "data" / "actors.csv")
    assert list(editor.value["actor"]) == [a.name for a in standard]  # the standard list until changed
    assert at.button(key="actors_save").disabled  # nothing changed yet
    assert "actors_reset" not in [b.key for b in at.button]
    at.switch_page("app_pages/actors.py").run()
    assert "Merz" not in json.dumps([json.loads(c.proto.spec) for c in at.get("plotly_chart")])
    # Saved through the workspace call the editor's button makes; every page follows the list.
    ws.set_actor_list(
        actors_csv(actors_from_rows([{"actor": "Merz", "kind": "person", "aliases": "Friedrich Merz"}])[0])
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert [y for tr in bars for y in tr.get("y", [])] == ["Merz"]
    at.switch_page(PAGE).run()
    editor = next(d for d in at.dataframe if (d.key or "").startswith("actors_editor_"))
    assert list(editor.value["actor"]) == ["Merz"] and "actors_reset" in [b.key for b in at.button]
    assert EN("This workspace has its own list.") in " ".join(c.value for c in at.caption)
    at.button(key="actors_reset").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert ws.actor_list() is None


def test_cells_left_as_shown_are_saved_as_they_were_not_as_made_safe():
    import pandas as pd

    from components.corpus_view import _as_entered

    original = pd.DataFrame({"actor": ["=Cmd", "Merz"], "kind": ["person", "person"], "aliases": ["", "Kanzler"]})
    shown = original.assign(actor=["'=Cmd", "Merz"])  # as the table shows it, formula-safe
    edited = pd.concat(
        [shown.assign(aliases=["", "Kanzler Merz"]), pd.DataFrame([{"actor": "SPD", "kind": "institution"}])],
        ignore_index=True,
    )
    rows = _as_entered(shown, edited, original)
    assert [r["actor"] for r in rows] == ["=Cmd", "Merz", "SPD"]
    assert rows[1]["aliases"] == "Kanzler Merz"


def test_people_quoted_but_not_followed_can_be_added_in_one_step(app, data_dir):
    from tonlage.actors import actors_from_csv
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    ws = Workspace("Rente")
    text = (
        "Streit um die Rente | Eva Muster. 24.09.2025.\n\n"
        "„Wir werden diesen Kompromiss nicht mittragen“, sagte Jens Spahn am Montag. "
        "Spahn fügte hinzu, die Fraktion sei sich einig. " + BODY
    )
    ingest(ws, [Document("rente.txt", text.encode())])
    at = app()
    at.session_state[state.CORPUS] = "Rente"
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    offer = at.multiselect(key="actors_suggested")
    assert offer.options == [EN("{name} ({kind}, {n} article)", name="Jens Spahn", kind="Person", n=1)]
    # Found after the rest of the page is drawn, and shown in its place: under the list of names,
    # before the next section.
    order = in_page_order(at.main)
    below = order.index(("subheader", EN("People and institutions to follow")))
    after = next(i for i, e in enumerate(order) if e[0] == "subheader" and i > below)
    assert below < order.index(("multiselect", "actors_suggested")) < after
    assert at.button(key="actors_add").disabled
    offer.set_value(["Jens Spahn"]).run()
    at.button(key="actors_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    own = actors_from_csv(ws.actor_list() or "")
    assert [(a.name, a.aliases) for a in own if a.name == "Spahn"] == [("Spahn", ("Spahn", "Jens Spahn"))]
    assert len(own) == 19  # the standard list's eighteen, and the one added


def test_a_workspace_lists_its_cut_off_texts_once(app, data_dir):
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    ws = Workspace("Ausschnitte")
    ingest(
        ws,
        [
            Document(
                "kurz.txt", ("Ein Auszug | Eva Muster. 24.09.2025.\n\n" + BODY + " Danach sprach der Minis").encode()
            )
        ],
    )
    at = app()
    at.session_state[state.CORPUS] = "Ausschnitte"
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.subheader].count(EN("Texts that look cut off")) == 1
    tables = [d for d in at.dataframe if "sign" in d.value.columns]
    assert len(tables) == 1 and list(tables[0].value["sign"]) == [EN("ends mid-sentence")]


def _actors_page(app, workspace: str, bodies: list[str]):
    """A workspace of one dated article per body (dated 20-29 September 2025), opened on the
    Actors page."""
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    docs = [
        Document(f"{i}.txt", (f"Artikel {i} | Eva Muster. 2{i}.09.2025.\n\n{body} {BODY}").encode())
        for i, body in enumerate(bodies)
    ]
    ingest(Workspace(workspace), docs)
    at = app()
    at.session_state[state.CORPUS] = workspace
    at.switch_page("app_pages/actors.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_actors_page_says_whom_the_articles_name_when_the_list_names_few(app, data_dir):
    from tonlage.present.safe import escape_text

    merkel = "Bundeskanzlerin Angela Merkel traf die Außenminister. Danach sagte Merkel, man sei sich einig."
    at = _actors_page(app, "Kanzlerin", [merkel, merkel, merkel, "Trump rief an."])
    # One of four articles names anyone on the standard list (Trump): fewer than half.
    note = EN(
        "The list names someone in only {n} of {total} articles. Not on it, and named or quoted most often (in how many articles): {people}. Add them on the page 'Your corpus'.",
        n=1,
        total=4,
        people=escape_text("Angela Merkel (3)"),  # corpus text: escaped for Markdown
    )
    assert note in [c.value for c in at.caption]
    # The Overview says so too, without reading the articles for names.
    at.switch_page("app_pages/overview.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert EN(
        "The list of actors names someone in only {n} of {total} articles. The page 'Your corpus' offers whom these articles name and quote most.",
        n=1,
        total=4,
    ) in [c.value for c in at.caption]
    # On the page 'Your corpus' she is offered by her surname, with her full name a spelling of it.
    at.switch_page(PAGE).run()
    offer = at.multiselect(key="actors_suggested")
    assert EN("{name} ({kind}, {n} articles)", name="Angela Merkel", kind="Person", n=3) in offer.options


def test_a_list_that_names_someone_in_most_articles_gets_no_such_note(app, data_dir):
    from tonlage.present.safe import escape_text

    at = _actors_page(app, "Anrufe", ["Trump rief an."] * 3)
    captions = [c.value for c in at.caption]
    assert escape_text(EN("This workspace's list of names can be changed on the page 'Your corpus'.")) in captions
    assert not any("names someone in only" in c for c in captions)
    at.switch_page("app_pages/overview.py").run()
    assert not any("names someone in only" in c.value for c in at.caption)


def test_a_list_that_names_nobody_in_articles_that_name_nobody_says_where_to_change_it(app, data_dir):
    at = _actors_page(app, "Wetter", ["Es regnete.", "Es schneite."])
    # Nobody on the list and nobody named twice: no names to offer, only where to change the list.
    note = EN(
        "The list of actors names someone in only {n} of {total} articles. It can be changed on the page 'Your corpus'.",
        n=0,
        total=2,
    )
    assert note in [c.value for c in at.caption]
    assert EN("No actors are mentioned in the articles shown.") in [i.value for i in at.info]


def test_the_themes_note_tells_apart_articles_placed_again_after_an_actor_change(app, data_dir):
    """A spelling of two words ("Friedrich Merz") makes one theme word: the articles that have it
    are placed again in the kept themes, and the reader is told so apart from new text."""
    from tonlage.actors import actors_csv, actors_from_rows
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    places = ["Berlin", "Wien", "Paris", "Rom", "Madrid", "Prag"]
    texts = [
        f"Treffen in {p} | Eva Muster. 2{i}.09.2025.\n\n{BODY} In {p} blieb es ruhig." for i, p in enumerate(places)
    ]
    texts[0] += " Friedrich Merz lobte die Gespräche."
    docs = [Document(f"{p.lower()}.txt", text.encode()) for p, text in zip(places, texts)]
    ws = Workspace("Merz")
    ingest(ws, docs)
    at = app()
    at.session_state[state.CORPUS] = "Merz"
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.button(key="refit_themes").disabled
    ws.set_actor_list(
        actors_csv(actors_from_rows([{"actor": "Merz", "kind": "person", "aliases": "Friedrich Merz"}])[0])
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    fitted = next(c.value for c in at.caption if c.value.startswith("The themes were fitted on"))
    assert fitted.startswith("The themes were fitted on 6 articles; 0 added or changed since")
    assert "1 more article is placed in them again because it names an actor you added, removed or changed" in fitted
    assert not at.button(key="refit_themes").disabled


def _no_dates(lang: str, n: int) -> str:
    return translator(lang).ngettext(
        "The article in view has no date, so it cannot be placed on a time axis. It is in the tables, in the charts without dates and on the Articles page. Set its date under “Check and correct articles” on the page “Your corpus”, or add a metadata.csv with the columns file and date to the files.",
        "None of the {n} articles in view has a date, so they cannot be placed on a time axis. They are in the tables, in the charts without dates and on the Articles page. Set their dates under “Check and correct articles” on the page “Your corpus”, or add a metadata.csv with the columns file and date to the files.",
        n,
    )


def test_a_corpus_without_dates_says_so_where_a_chart_over_time_would_be(app, data_dir):
    """A folder of texts without dates (a common upload): every chart over time was drawn empty
    and said "No articles match the current filters", and the Compare page offered to show all
    articles, with all of them shown. Now each says that no article in view has a date and where
    dates are set, the charts without dates are still drawn, and once an article has a date the
    timeline is back."""
    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    ws = Workspace("Ohne Datum")
    other = (
        "Der Gipfel von Trump und Putin in Budapest wurde abgesagt. Die Regierung sprach von einem "
        "Rückschlag, die Opposition von einem Erfolg der Diplomatie. Neue Gespräche sind für den Herbst geplant."
    )
    ingest(ws, [Document("eins.txt", BODY.encode()), Document("zwei.txt", other.encode())])
    nothing = EN("No articles match the current filters.")
    at = app()
    at.session_state[state.CORPUS] = "Ohne Datum"
    for page in (
        "app_pages/overview.py",
        "app_pages/tone.py",
        "app_pages/themes.py",
        "app_pages/actors.py",
        "app_pages/compare.py",
    ):
        for part in ("tone_part", "themes_part"):  # their part "Over time" (not the one they open on)
            at.session_state[part] = EN("Over time")
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert [i.value for i in at.info] == [_no_dates("en", 2)], page
        assert not [
            json.loads(c.proto.spec)["layout"]["title"]["text"]
            for c in at.get("plotly_chart")
            if nothing in c.proto.spec
        ], page
        assert not any(EN("Show all articles") == b.label for b in at.button), page
    # The Tone and Themes pages open on a part that needs no date; "Over time" still says why.
    for page, key, part in (
        ("app_pages/tone.py", "tone_part", EN("Article by article")),
        ("app_pages/themes.py", "themes_part", EN("Words of each theme")),
    ):
        fresh = app()
        fresh.session_state[state.CORPUS] = "Ohne Datum"
        fresh.switch_page(page).run()
        assert not fresh.exception, [e.value for e in fresh.exception]
        assert fresh.session_state[key] == part and not fresh.info and fresh.get("plotly_chart"), page
    at.switch_page("app_pages/overview.py").run()
    drawn = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]  # no date needed for these
    assert [d["layout"]["title"]["text"] for d in drawn] == [
        EN("How negative or positive the articles are"),
        EN("Themes in the articles shown"),
        EN("Who is mentioned how often"),
    ]
    # In the timeline's place, the spread of the two articles' tones: each counted once.
    spread = [t for t in drawn[0]["data"] if t["type"] == "bar" and t.get("customdata")]
    assert sum(sum(plotly_array(t["y"])) for t in spread) == 2
    assert not any("undated" in c.value for c in at.caption)  # the box said it already
    period = next(m for m in at.metric if m.label == EN("Period"))
    assert period.value == "–" and period.help == EN("No article in view has a date.")
    # The empty meeting pack offers no comparison: there are no days to compare.
    at.switch_page(state.PACK_PAGE).run()
    assert not at.exception and EN("Nothing is pinned yet.") in [i.value for i in at.info]
    assert not [e for e in at.get("page_link") if e.proto.page == "compare"]
    assert at.button(key="pack_start_overview") and not any("Compare" in m.value for m in at.markdown)
    at.switch_page("app_pages/overview.py").run()
    at.session_state["lang"] = "de"
    at.run()
    assert [i.value for i in at.info] == [_no_dates("de", 2)]
    # One article dated: its timeline is drawn, and the other is counted as undated.
    ws.edit("eins", date="2025-09-24")
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert not at.info
    assert any(
        EN.ngettext(
            "{n} undated article is not shown on time charts (it is still in the tables and on the Articles page).",
            "{n} undated articles are not shown on time charts (they are still in the tables and on the Articles page).",
            1,
        )
        == c.value
        for c in at.caption
    )


def _distinct_texts(n: int) -> list[str]:
    """``n`` short German texts that share no sentence (duplicates would be counted once)."""
    import itertools

    words = itertools.product(
        ["Der Minister", "Die Ärztin", "Der Bürgermeister", "Die Richterin", "Der Trainer", "Die Forscherin"],
        ["Graz", "Linz", "Bregenz", "Villach", "Krems", "Steyr"],
        ["Hafen", "Markt", "Bahnhof", "Museum"],
    )
    out = []
    for i, (who, town, place) in zip(range(n), words):
        out.append(
            f"{who} besuchte in {town} den {place}. Dort sprach {who.split()[1]} mit {i + 2} Gästen über "
            f"den {place} von {town}. Am Abend wurde in {town} noch lange über den {place} geredet."
        )
    return out


def test_the_latest_articles_note_says_which_are_shown_when_some_have_no_date(app, data_dir):
    """The Tone page's per-article parts show 30 articles: "the 30 most recent" is only true when
    they are dated. None dated: the last 30 by ID, said so; some dated: all those, then undated."""
    import ast

    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    # app_pages/tone.py's MAX_ARTICLES (importing a page runs it)
    tree = ast.parse(Path("app_pages/tone.py").read_text(encoding="utf-8"))
    (MAX_ARTICLES,) = [
        n.value.value
        for n in tree.body
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "MAX_ARTICLES"
    ]

    texts = _distinct_texts(MAX_ARTICLES + 3)
    ws = Workspace("Viele")
    ingest(ws, [Document(f"a{i:02d}.txt", text.encode()) for i, text in enumerate(texts)])
    total = len(texts)  # no two alike: none counted once

    def opened():
        """The Tone page's part "Article by article" in a new session (one from before the
        dates were set keeps the date range it was shown)."""
        at = app()
        at.session_state[state.CORPUS] = "Viele"
        at.session_state["tone_part"] = EN("Article by article")  # the page's part (components.ui.page_tabs)
        at.switch_page("app_pages/tone.py").run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    at = opened()
    captions = [c.value for c in at.caption]
    assert (
        EN(
            "Showing {n} of {total} articles. None of them has a date, so they are not the most recent but the last {n} in the order of their IDs; the Articles page lists them all.",
            n=MAX_ARTICLES,
            total=total,
        )
        in captions
    ), captions
    for i in range(3):
        ws.edit(f"a{i:02d}", date=f"2025-09-0{i + 1}")
    at = opened()
    assert EN(
        "Showing {n} of {total} articles: all {dated} with a date, and {undated} without one (the last in the order of their IDs).",
        n=MAX_ARTICLES,
        total=total,
        dated=3,
        undated=MAX_ARTICLES - 3,
    ) in [c.value for c in at.caption]
    for i in range(3, len(texts)):
        ws.edit(f"a{i:02d}", date=f"2025-10-{i - 2:02d}")
    at = opened()
    assert EN("Showing the {n} most recent of {total} articles.", n=MAX_ARTICLES, total=total) in [
        c.value for c in at.caption
    ]


def test_the_date_range_follows_the_corpus_where_the_reader_left_it_whole(app, data_dir):
    """Articles dated (or added) while a session is open widen the corpus's span: a range the
    reader never narrowed kept the old span and left the new days out ("3 of 12 articles
    shown"). An end on the old first or last day moves with the span; an end the reader moved
    stays."""
    import datetime as dt

    from tonlage.ingest import Document
    from tonlage.ingest.run import ingest

    texts = _distinct_texts(12)
    ws = Workspace("Spanne")
    ingest(ws, [Document(f"a{i:02d}.txt", text.encode()) for i, text in enumerate(texts)])
    for i in range(3):
        ws.edit(f"a{i:02d}", date=f"2025-09-0{i + 1}")
    at = app()
    at.session_state[state.CORPUS] = "Spanne"
    at.run()

    def shown():
        return next(c.value for c in at.sidebar.caption if c.value.endswith(" shown"))

    assert at.date_input(key=state.DATES).value == (dt.date(2025, 9, 1), dt.date(2025, 9, 3))
    assert shown() == EN("{n} of {total} articles shown", n=12, total=12)
    # (the Compare page says that the undated ones are on neither side)
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert EN.ngettext(
        "{n} article in view has no date and is on neither side of the comparison.",
        "{n} articles in view have no date and are on neither side of the comparison.",
        9,
    ) in [c.value for c in at.caption]
    at.switch_page("app_pages/overview.py").run()
    for i in range(3, 12):
        ws.edit(f"a{i:02d}", date=f"2025-10-{i:02d}")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.date_input(key=state.DATES).value == (dt.date(2025, 9, 1), dt.date(2025, 10, 11))
    assert shown() == EN("{n} of {total} articles shown", n=12, total=12)
    # ... and so do the Compare page's two ranges: the second still ends on the newest day.
    at.switch_page("app_pages/compare.py").run()
    first, second = (at.date_input(key=k).value for k in state.COMPARE_RANGES)
    assert first[0] == dt.date(2025, 9, 1) and second[1] == dt.date(2025, 10, 11)
    at.switch_page("app_pages/overview.py").run()
    # A start the reader picked stays; the end, on the last day, moves with the newest article.
    at.date_input(key=state.DATES).set_value((dt.date(2025, 9, 2), dt.date(2025, 10, 11))).run()
    ws.edit("a11", date="2025-11-20")
    at.run()
    assert at.date_input(key=state.DATES).value == (dt.date(2025, 9, 2), dt.date(2025, 11, 20))
    assert shown() == EN("{n} of {total} articles shown", n=11, total=12)
