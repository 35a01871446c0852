"""A reader's choices survive a change of the labels they are shown with: another language, or
a theme renamed.

Streamlit knows a multiselect or selectbox by its labels and keeps its value as the labels the
reader saw. Before the fix, a theme picked in English stayed on its chip in English after a
switch to German ("Theme 1: …" under "Hauptthema"), and the next page switch dropped it from the
view without a word: the Tone page counted all 5 articles again. Compare's window kept its
English label in the German page. Renaming the theme the view was narrowed to did the same.
Only a real browser shows this: AppTest sends widget values its own way."""

from __future__ import annotations

import re

from tests.browser.test_click_through import _overview
from tests.serve import browser_marks, choose, open_from_menu, settle
from tonlage.i18n import GENRES, translator

pytestmark = browser_marks()


def _chips(box) -> list[str]:
    """The chips of a multiselect, as a reader sees them (its visible text below its label)."""
    return [line.strip() for line in box.inner_text().splitlines()[1:] if line.strip()]


def _shown(page) -> tuple[int, int]:
    """The sidebar's "N of M articles shown", in either language."""
    text = page.locator("[data-testid=stSidebar]").inner_text()
    found = re.search(r"(\d+) (?:of|von) (\d+) (?:articles shown|Artikeln angezeigt)", text)
    assert found, text[-300:]
    return int(found[1]), int(found[2])


def _ran(page, in_url: str) -> None:
    """Wait for the run an action started: the app writes the view into the address at the end
    of each run, so ``in_url`` appears there once the run has finished."""
    page.wait_for_url(lambda url: in_url in url)
    settle(page)


def _pick(box, nth: int, in_url: str) -> None:
    """Choose the ``nth`` option of the multiselect ``box``; its run puts ``in_url`` in the
    address. A pick that lands while the page is drawn again can be lost (a fresh-clone CI run
    waited 90 s for "theme=2" with no chip chosen): once the app is idle without a chip, the
    option is chosen again (never when one is there: that would add a second)."""
    page = box.page
    for _ in range(2):
        choose(box, nth)
        page.keyboard.press("Escape")
        try:
            page.wait_for_url(lambda url: in_url in url, timeout=20_000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError
            settle(page)
            if _chips(box):  # chosen, its run still going: wait for it below
                break
    _ran(page, in_url)


def _to_page(page, path: str, title: str) -> None:
    """Open ``path`` from the top menu and wait until its run (titled ``title``) has finished,
    and any run it asks for again after it."""
    from playwright.sync_api import expect

    open_from_menu(page, path)
    expect(page.locator("[data-testid=stMain] h1").first).to_contain_text(title)
    settle(page)


def test_filters_and_a_comparison_survive_a_language_switch_in_the_new_language(server):
    from playwright.sync_api import expect

    en, de = translator("en"), translator("de")
    with _overview(server) as page:
        settle(page)
        # the sidebar's multiselects: kind of article, author, main theme, actor
        kinds = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(0)
        themes = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(2)
        expect(themes).to_contain_text("Main theme")
        _pick(themes, 0, "theme=1")
        theme_en = _chips(themes)
        assert len(theme_en) == 1 and theme_en[0].startswith("Theme 1: ")
        theme_de = theme_en[0].replace("Theme 1: ", "Thema 1: ")
        n_theme, total = _shown(page)
        _pick(kinds, 0, "genre=")
        kind_en = _chips(kinds)
        code = next(g for g in GENRES if en.genre(g) == kind_en[0])
        n_view, _ = _shown(page)
        assert 0 < n_view <= n_theme < total, "the two filters narrow the view"

        page.get_by_text("Deutsch", exact=True).click()
        _ran(page, "lang=de")
        expect(themes).to_contain_text(theme_de)
        assert _chips(themes) == [theme_de]
        assert _chips(kinds) == [de.genre(code)] != kind_en
        assert _shown(page) == (n_view, total)

        # another page: the same filters, still in German
        _to_page(page, "tone", de("Tone: how negative or positive is the wording?"))
        assert _shown(page) == (n_view, total), "a page switch after the language switch kept the view"
        assert _chips(themes) == [theme_de]
        assert _chips(kinds) == [de.genre(code)]

        # Compare: a window picked in German reads in English after switching back
        _to_page(page, "compare", de("Compare two periods"))
        window = page.locator("[data-testid=stMain] [data-testid=stSelectbox]").filter(has_text="Zeitfenster")
        choose(window, de("{n} days each side", n=30))
        _ran(page, "cdays=30")
        page.get_by_text("English", exact=True).click()
        _ran(page, "lang=en")
        window = page.locator("[data-testid=stMain] [data-testid=stSelectbox]").filter(has_text="Window")
        expect(window.locator("input")).to_have_value(en("{n} days each side", n=30))
        assert _shown(page) == (n_view, total)
        assert _chips(themes) == theme_en and _chips(kinds) == kind_en


def test_renaming_the_theme_the_view_is_narrowed_to_keeps_the_filter(server):
    from playwright.sync_api import expect

    with _overview(server) as page:
        page.goto(f"{server}/themes")
        settle(page)
        themes = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(2)
        _pick(themes, 1, "theme=2")
        assert _chips(themes)[0].startswith("Theme 2: ")
        narrowed = _shown(page)
        assert narrowed[0] < narrowed[1]

        form = page.locator("[data-testid=stForm]").first  # Change the themes: Rename
        form.scroll_into_view_if_needed()
        choose(form.locator("[data-testid=stSelectbox]"), 1)
        form.locator("[data-testid=stTextInputField]").fill("Diplomatie USA-Russland")
        form.get_by_role("button", name="Rename").click()
        expect(themes).to_contain_text("Theme 2: Diplomatie USA-Russland")
        settle(page)
        assert _shown(page) == narrowed

        _to_page(page, "tone", "Tone: how negative or positive is the wording?")
        assert _chips(themes) == ["Theme 2: Diplomatie USA-Russland"]
        assert _shown(page) == narrowed, "a page switch after the rename kept the view"


def test_an_open_panel_and_the_sentence_picked_in_it_survive_a_language_switch(server):
    """A panel's identity includes its label, so a switch to German closed the Tone page's
    correction panel with the sentence picked in it, and every open "Show the data behind this
    chart" or "Show as a table": the reader had to find them again. The theme forms' tabs went
    back to "Rename", and the Tone page's part to its first."""
    from playwright.sync_api import expect

    en, de = translator("en"), translator("de")
    with _overview(server) as page:
        _to_page(page, "tone", en("Tone: how negative or positive is the wording?"))
        main = page.locator("[data-testid=stMain]")
        main.get_by_role("tab", name=en("Strongest sentences")).click()  # the part with the panel
        settle(page)
        page.get_by_text(en("Show as a table")).first.click()
        settle(page)
        page.get_by_text(en("Is one of these sentences scored wrongly? Correct it")).click()
        settle(page)
        pick = main.locator("[data-testid=stSelectbox]").filter(has_text=en("Sentence"))
        choose(pick, 2)
        settle(page)
        chosen = pick.locator("input").input_value()
        sentence = chosen.split(" · ", 1)[1]
        n_tables = main.locator("[data-testid=stDataFrame]").count()
        assert n_tables >= 1, "the sentences are shown as a table"

        page.get_by_text("Deutsch", exact=True).click()
        _ran(page, "lang=de")
        expect(main.get_by_role("tab", selected=True)).to_have_text(de("Strongest sentences"))
        pick = main.locator("[data-testid=stSelectbox]").filter(has_text=de("Sentence"))
        expect(pick).to_be_visible()
        german = pick.locator("input").input_value()
        assert german.split(" · ", 1)[1] == sentence, (chosen, german)
        assert german != chosen, "the tone in the label is written the German way"
        assert main.locator("[data-testid=stDataFrame]").count() == n_tables
        expect(main.get_by_text(de("Apply to the whole corpus"))).to_be_visible()

        # the reader's own panel on the Articles page, opened in German, back to English
        _to_page(page, "articles", de("Articles"))
        why = "[data-testid=stExpander] details"
        main.locator(why).filter(has_text=de("Why each sentence got its score — and correct it")).locator(
            "summary"
        ).click()
        settle(page)
        one, many = "Removed from the analysis ({n} line)", "Removed from the analysis ({n} lines)"
        removed = re.compile("|".join(re.escape(x.ngettext(one, many, 0).split(" (")[0]) for x in (de, en)))
        main.locator(why).filter(has=page.locator("summary", has_text=removed)).locator("summary").click()
        settle(page)
        page.get_by_text("English", exact=True).click()
        _ran(page, "lang=en")
        panel = main.locator(why).filter(has_text=en("Why each sentence got its score — and correct it"))
        expect(panel).to_have_attribute("open", "")
        panel = main.locator(why).filter(has=page.locator("summary", has_text=removed))
        expect(panel).to_contain_text(en.ngettext(one, many, 0).split(" (")[0])
        expect(panel).to_have_attribute("open", "")

        # the theme form the reader opened (a tab: its value is its label) stays open in German
        _to_page(page, "themes", en("Themes: what are the articles about?"))
        forms = main.locator(".st-key-theme_edit_tabs")  # (the page's parts are tabs too)
        chosen = forms.get_by_role("tab", selected=True)
        forms.get_by_role("tab", name=en("Merge")).click()
        expect(chosen).to_have_text(en("Merge"))
        settle(page)
        page.get_by_text("Deutsch", exact=True).click()
        _ran(page, "lang=de")
        expect(forms.get_by_role("tab", selected=True)).to_have_text(de("Merge"))
        expect(forms.get_by_role("tab", name=de("Rename"))).to_have_attribute("aria-selected", "false")


def test_words_typed_in_the_sidebar_narrow_the_view_survive_a_language_switch_and_are_marked(server):
    """The "Containing words" box in a real browser: typed and sent with Enter, the view narrows
    and the link carries the words; German keeps them, the next page too, and the reader view
    marks them."""
    from playwright.sync_api import expect

    en, de = translator("en"), translator("de")
    with _overview(server) as page:
        settle(page)
        _, total = _shown(page)
        box = page.locator("[data-testid=stSidebar] [data-testid=stTextInput]").filter(has_text=en("Containing words"))
        field = box.locator("input")
        field.fill("anchorage, riad")
        field.press("Enter")
        _ran(page, "words=anchorage")
        n_view, n_all = _shown(page)
        assert n_all == total and 0 < n_view < total

        page.get_by_text("Deutsch", exact=True).click()
        _ran(page, "lang=de")
        box = page.locator("[data-testid=stSidebar] [data-testid=stTextInput]").filter(has_text=de("Containing words"))
        expect(box.locator("input")).to_have_value("anchorage, riad")
        assert _shown(page) == (n_view, total)

        _to_page(page, "articles", de("Articles"))
        assert _shown(page) == (n_view, total), "a page switch after the language switch kept the words"
        marks = page.locator("[data-testid=stMain] mark")
        expect(marks.first).to_be_visible()
        assert {m.lower() for m in marks.all_inner_texts()} <= {"anchorage", "riad"}


def test_the_open_part_of_a_page_stays_open_in_the_other_language_and_a_new_visit_starts_at_the_first(server):
    """The Tone page in parts (tabs that rerun when switched): the browser sends the open tab's
    label, in the language it was drawn in; after a switch to German the same part is open, its
    chart drawn in German. Coming back from another page, the first part is open; the open part
    is in the address, and a link with it opens that part."""
    from playwright.sync_api import expect

    en, de = translator("en"), translator("de")
    with _overview(server) as page:
        _to_page(page, "tone", en("Tone: how negative or positive is the wording?"))
        main = page.locator("[data-testid=stMain]")
        expect(main.get_by_role("tab", selected=True)).to_have_text(en("Over time"))
        main.get_by_role("tab", name=en("Who speaks")).click()
        _ran(page, "part=voices")  # the open part is in the link to the view
        expect(main.get_by_text(en("The author's words and quoted voices, per article")).first).to_be_visible()
        expect(main.get_by_text(en("Tone of each article over time"))).to_have_count(0)  # not built

        page.get_by_text("Deutsch", exact=True).click()
        _ran(page, "lang=de")
        expect(main.get_by_role("tab", selected=True)).to_have_text(de("Who speaks"))
        expect(main.get_by_text(de("The author's words and quoted voices, per article")).first).to_be_visible()

        _to_page(page, "themes", de("Themes: what are the articles about?"))
        _to_page(page, "tone", de("Tone: how negative or positive is the wording?"))
        expect(main.get_by_role("tab", selected=True)).to_have_text(de("Over time"))
        expect(main.get_by_text(de("Tone of each article over time")).first).to_be_visible()
        assert "part=" not in page.url

        # the link to a part opens it in a new tab of the browser
        page.goto(f"{server}/tone?part=strongest&lang=de")
        settle(page)
        expect(main.get_by_role("tab", selected=True)).to_have_text(de("Strongest sentences"))
