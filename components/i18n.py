"""Every user-facing string, in English and German, behind one ``t(key, **fmt)``.

``translator(lang)`` is pure (figure builders and tests use it); ``t`` reads the reader's
language from session state, defaulting to the browser locale (``de*`` → German).
Placeholders are ``{name}`` and are replaced only when passed, so Plotly's ``%{x}``
hover syntax passes through untouched.
"""

from __future__ import annotations

from typing import Callable

__all__ = ["LANGUAGES", "STRINGS", "translator", "t", "current_language", "default_language", "format_int",
           "language_name"]

LANGUAGES = {"en": "English", "de": "Deutsch"}

_EN: dict[str, str] = {
    # app & navigation
    "app_title": "Tonlage",
    "app_tagline": "How German press talks about US–Russia diplomacy over the Ukraine war, over time",
    "app_tagline_workspace": "How the press talks about your topic, over time",
    "share_link": "Link to this view",
    "share_link_help": "Copy this link (button on the right): it opens this page with the same corpus, language, number of themes and filters.",
    "page_overview": "Overview",
    "page_tone": "Tone",
    "page_themes": "Themes",
    "page_actors": "Actors",
    "page_articles": "Articles",
    "page_about": "About & method",
    # sidebar
    "sidebar_language": "Language",
    "sidebar_filters": "Which articles to show",
    "filter_dates": "Published between",
    "filter_dates_help": "Articles without a date are only shown while the full range is selected.",
    "filter_genre": "Kind of article",
    "filter_author": "Author",
    "filter_theme": "Main theme",
    "filter_actor": "Mentions",
    "filter_any": "Any",
    "filter_reset": "Show all articles",
    "n_themes": "Number of themes",
    "n_themes_help": "How many themes the articles are split into. 'Automatic' picks a number that suits the corpus size. Changing it re-analyses the texts.",
    "n_themes_auto": "Automatic ({n})",
    "in_view": "{n} of {total} articles shown",
    "analysing": "Reading and analysing the articles… the first time takes a few seconds.",
    "genre_commentary": "Commentary",
    "genre_news report": "News report",
    # generic
    "chart_empty": "No articles match the current filters.",
    "no_articles": "No articles match the current filters. Widen the date range or clear a filter in the sidebar.",
    "undated_left_out": "{n} undated article(s) are not shown on time charts (they are still in the tables and on the Articles page).",
    "data_behind": "Show the data behind this chart",
    "data_table": "Show as a table",
    "how_to_read": "How to read this: {text}",
    "click_hint": "Click a point or bar (or draw a box around several) to open those articles.",
    "no_evidence": "no tone words found",
    "theme_n": "Theme {n}",
    "label_negative": "negative",
    "label_neutral": "neutral",
    "label_positive": "positive",
    "kind_person": "Person",
    "kind_institution": "Institution",
    "kind_country": "Country / capital",
    "zone_positive": "more positive ↑",
    "zone_negative": "more negative ↓",
    "error_corpus": "The articles could not be analysed: {reason}. Check that the folder {folder} contains text files and try again.",
    "error_no_corpus": "No articles were found in {folder}. Put .txt files there (one article per file) and reload the page.",
    # axes
    "axis_date": "Publication date",
    "axis_tone": "Tone (−1 negative … +1 positive)",
    "axis_tone_actor": "Tone of sentences mentioning the actor (−1 … +1)",
    "axis_share_sentences": "Share of the article's sentences (%)",
    "axis_theme_share": "Share of the article's text (%)",
    "axis_term_weight": "Weight in the theme (% of shown terms)",
    "axis_mentions": "Number of mentions",
    # legends
    "legend_day": "Article (exact date)",
    "legend_month": "Article (date known to the month only, shown on the 1st)",
    "legend_fixed": "Article (date corrected or inferred – hover for why)",
    "legend_bucket": "Mean tone of the articles in that period",
    "legend_thin_sentences": "Hollow / hatched: based on little text (fewer than {n} sentences)",
    "legend_thin_articles": "Hollow / hatched: based on few articles (fewer than {n})",
    "legend_thin_actor": "Hollow: fewer than {n} sentences mention the actor",
    "legend_article_mean": "Article's overall tone (mean)",
    "legend_theme_tone": "Tone",
    "legend_theme_weight": "Share",
    # hover (Plotly syntax inside)
    "hover_month_only": "date known to the month only",
    "hover_date_note": "Date note: {note}",
    "hover_article": "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>Tone: %{y:+.2f}<br>Based on %{customdata[4]} sentences<br><i>Click to read</i>",
    "hover_bucket": "<b>Articles from %{customdata[1]} (up to %{customdata[2]})</b><br>Mean tone: %{y:+.2f}<br>%{customdata[3]} articles, %{customdata[4]} sentences",
    "hover_sentence": "<b>%{customdata[2]}</b>, sentence %{customdata[3]}<br>Tone: %{x:+.2f}<br>%{customdata[4]}<br><i>Words that moved the score:</i> %{customdata[5]}",
    "hover_article_mean": "<b>%{customdata[2]}</b><br>Overall tone: %{x:+.2f} (mean of %{customdata[3]} sentences)",
    "hover_share": "<b>%{customdata[2]}</b><br>{label}: %{x:.0f} % of %{customdata[3]} sentences (%{customdata[4]})",
    "hover_theme_article": "<b>%{customdata[4]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>Share of the text: %{y:.0f} %",
    "hover_theme_bucket": "<b>%{customdata[4]}</b><br>Articles from %{customdata[1]} (up to %{customdata[2]})<br>Mean share: %{y:.0f} % over %{customdata[3]} articles",
    "hover_term": "<b>%{y}</b>: %{x:.0f} % of the shown terms' weight",
    "hover_theme_tone": "<b>%{y}</b><br>Tone: %{x:+.2f}<br>Main theme of %{customdata[2]} article(s)",
    "hover_theme_weight": "<b>%{y}</b><br>Covers %{x:.0f} % of the text on average<br>Main theme of %{customdata[2]} article(s)",
    "hover_actor": "<b>%{y}</b><br>%{x} mentions in %{customdata[2]} article(s)<br>%{customdata[3]} sentences, their tone: %{customdata[4]}",
    "hover_actor_article": "<b>%{customdata[5]}</b> in „%{customdata[2]}“<br>%{customdata[3]}<br>Tone of %{customdata[4]} sentence(s) mentioning it: %{y:+.2f}",
    "hover_actor_bucket": "<b>%{customdata[5]}</b>, articles from %{customdata[1]} (up to %{customdata[2]})<br>Tone: %{y:+.2f} over %{customdata[4]} sentences in %{customdata[3]} articles",
    # chart titles
    "chart_tone_time_title": "Tone of each article over time",
    "chart_tone_time_title_bucket": "Mean tone of the articles per period",
    "chart_sent_dist_title": "Tone of every sentence, per article",
    "chart_shares_title": "Negative, neutral and positive sentences per article",
    "chart_theme_time_title": "How much each theme fills the articles over time",
    "chart_theme_terms_title": "The words that make up each theme",
    "chart_theme_tone_title": "Tone of the articles by main theme",
    "chart_theme_weight_title": "Themes in the articles shown",
    "chart_actor_mentions_title": "Who is mentioned how often",
    "chart_actor_tone_title": "Tone of the sentences that mention an actor, over time",
    # how to read
    "read_tone_time": "each dot is one article; higher means more positive wording, lower more negative. Dashed lines are events. Hover a dot for its title, click it to read it.",
    "read_tone_time_bucket": "each dot is the mean tone of all articles published in that period. Click a dot to list those articles.",
    "read_sent_dist": "each coloured dot is one sentence; the black tick is the article's overall tone (the mean of its sentences). A wide spread means mixed wording.",
    "read_shares": "each bar is one article split into its negative, neutral and positive sentences.",
    "read_theme_time": "each line is one theme; a point shows how much of that article's text belongs to the theme.",
    "read_theme_terms": "a theme is a group of words that often appear together. Longer bars are words that matter more for the theme.",
    "read_theme_tone": "the average tone of the articles whose main theme this is. Hatched bars rest on few articles: read them with care.",
    "read_theme_weight": "how much of the text, on average, belongs to each theme.",
    "read_actor_mentions": "how often each person, institution or country is named (all spellings and forms counted together).",
    "read_actor_tone": "the tone of the sentences that name the actor; it describes the wording around the name, not necessarily the writer's view of that actor. Bigger dots rest on more sentences.",
    # overview
    "overview_title": "Corpus at a glance",
    "overview_intro": "Tonlage reads a collection of German news articles and shows how their wording — negative, neutral or positive — and their themes change over time. Use the sidebar to narrow down the articles; click any point to read the article behind it.",
    "metric_articles": "Articles",
    "metric_period": "Period",
    "metric_words": "Words",
    "metric_sentences": "Sentences",
    "metric_tone": "Mean tone",
    "metric_tone_help": "Mean of the article tones, from −1 (negative) to +1 (positive). Around 0 means mostly neutral wording.",
    "metric_undated": "undated: {n}",
    "overview_top_themes": "Main themes",
    "overview_top_actors": "Most mentioned",
    "skipped_title": "{n} file(s) could not be read and are left out",
    "skipped_file": "File",
    "skipped_reason": "Why",
    "tone_word_neg": "rather negative",
    "tone_word_neu": "mostly neutral",
    "tone_word_pos": "rather positive",
    # tone page
    "tone_title": "Tone: how negative or positive is the wording?",
    "tone_intro": "Every sentence gets a score from −1 (negative words such as 'Fiasko') to +1 (positive words such as 'Erfolg'); 'nicht'/'kein' flip a word. An article's tone is the mean of its sentences.",
    "tone_strongest": "Strongest sentences",
    "tone_strongest_neg": "Most negative",
    "tone_strongest_pos": "Most positive",
    "tone_capped": "Showing the {n} most recent of {total} articles.",
    "col_article": "Article",
    "col_title": "Title",
    "col_date": "Date",
    "col_sentence": "Sentence",
    "col_tone": "Tone",
    "col_label": "Label",
    "col_evidence": "Words that moved the score",
    "col_author": "Author",
    "col_genre": "Kind",
    "col_sentences": "Sentences",
    "col_words": "Words",
    "col_theme": "Main theme",
    "col_share": "Share",
    "col_nr": "No.",
    "col_negative": "Negative %",
    "col_neutral": "Neutral %",
    "col_positive": "Positive %",
    "col_mentions": "Mentions",
    "col_actor": "Actor",
    "col_kind": "Kind",
    "col_n_articles": "Articles",
    "col_terms": "Top words",
    "col_weight": "Weight",
    "col_date_note": "Date note",
    # themes page
    "themes_title": "Themes: what are the articles about?",
    "themes_intro": "Themes are found automatically: words that tend to occur together form a theme, named after its three strongest words. Each article is a mix of themes.",
    # actors page
    "actors_title": "Actors: who is talked about, and in what tone?",
    "actors_intro": "People, institutions and countries are found by a list of names and spellings (e.g. 'Lawrow', 'Lavrov', 'Lawrows').",
    "actors_pick": "Actors to compare",
    "actors_none": "No actors are mentioned in the articles shown.",
    # articles page
    "articles_title": "Articles",
    "articles_intro": "Pick an article in the list (or below) to read it with every sentence coloured by its tone.",
    "articles_pick": "Open article",
    "articles_from_chart": "You picked {n} articles in a chart; showing the first. Choose another one here:",
    "articles_clear_pick": "Back to all articles",
    "reader_by": "by {author}",
    "reader_date": "Date",
    "reader_month_only": "(month only)",
    "reader_corrected": "(corrected: {note})",
    "reader_note": "Note on this file: {note}",
    "reader_genre": "Kind",
    "reader_language": "Language",
    "reader_counts": "{words} words · {sentences} sentences",
    "reader_tone": "Overall tone",
    "reader_themes": "Themes",
    "reader_actors": "Actors mentioned",
    "reader_none": "none found",
    "reader_text": "The text, sentence by sentence",
    "reader_legend": "Background colour = tone of the sentence: blue with a solid underline for positive, orange with a dashed underline for negative, none for neutral; stronger colour means stronger tone. Hover a sentence to see the words that moved its score.",
    "reader_evidence": "Why each sentence got its score",
    "reader_little_text": "This article has only {n} sentences: its overall tone rests on little text.",
    "reader_file": "File",
    "unknown": "unknown",
    "months": "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec",
    "lang_de": "German",
    "lang_en": "English",
    "lang_unknown": "unknown",
    "lang_fr": "French", "lang_it": "Italian", "lang_es": "Spanish", "lang_nl": "Dutch", "lang_pl": "Polish",
    "lang_ru": "Russian", "lang_uk": "Ukrainian", "lang_tr": "Turkish",
    "themes_languages_left_out": "Not in the themes, because not in German: {langs} (articles). Themes are built from German text only, so other languages cannot form themes of their own function words.",
    "tone_languages_left_out": "No tone for articles in languages without a tone word list: {langs} (articles). They are shown as 'not scored' rather than scored wrongly; German and English are scored.",
    "tone_strongest_help": "The sentences with the most strongly worded tone in the articles shown, with the words that produced the score. Out of context, a quoted or ironic sentence can look stronger than it is meant.",
    # about
    "about_title": "About Tonlage and its method",
    "about_body": """
### What you are looking at
Tonlage reads a folder of German news articles ({corpus}) and measures three things in every article: its **tone**, its **themes** and the **actors** it mentions. Nothing is sent anywhere; the analysis runs on this computer.

### Tone
Every sentence is scored from **−1 (negative)** to **+1 (positive)** by looking up its words in a German polarity lexicon (for example *Fiasko* is negative, *Erfolg* positive). Words are reduced to their base form first, and a nearby *nicht*, *kein* or *nie* flips a word's polarity. A sentence scoring between −{band} and +{band} counts as *neutral*. **An article's tone is the mean of its sentences' scores.** Hover a sentence on the Articles page to see the words that moved its score.

### Themes
Themes are found automatically with a method called non-negative matrix factorisation: words that tend to appear in the same articles form a theme. A theme is named after its three strongest words. Every article is a mix of themes; its *main theme* is the largest share. You can change the number of themes in the sidebar.

### Actors
People, institutions and countries come from a list of names with their spellings and grammatical forms (*Lawrow*, *Lavrov*, *Lawrows*…). **"Tone toward an actor" is the tone of the sentences that mention it** — the wording around a name, which is not always the writer's opinion of that actor.

### Dates
Dates come from the article header, from the text, or from a metadata file that corrects them. When only the month is known, the article is placed on the 1st of that month and drawn as a diamond. A date that was corrected or inferred (not taken from the file's own header) is drawn as a square, and the reason is given next to the date (for example a header year that is a typo).

### Limits — please read
- A word list does not understand **irony, sarcasm or quotation**: a quoted threat reads as negative even if the author criticises it.
- Tone measures **wording, not opinion or truth**. News about a war is full of negative words even when neutral in stance.
- Averages hide spread: an article with strongly negative and strongly positive sentences can come out "neutral". The Tone page shows every sentence.
- With **only a handful of articles** (as in the bundled corpus), lines between points are not trends and themes are rough. Marks based on little text are drawn hollow or hatched.
- The lexicon covers common words; rare words, names and new coinages get no score.

### Licences
- German polarity lexicon: Klenner et al. (2010), distributed with *textblob-de* — Apache-2.0
- simplemma (lemmatisation) — MIT · stopwordsiso (stop words) — MIT · langdetect and langdetect-rs (language) — Apache-2.0
- English tone: VADER lexicon and rules (Hutto & Gilbert 2014, *vaderSentiment*) — MIT · near-duplicates: datasketch — MIT
- Reading files: trafilatura (web pages) — Apache-2.0 · python-docx — MIT · pypdf — BSD-3-Clause (with cryptography — Apache-2.0/BSD) · openpyxl — MIT · charset-normalizer — MIT · ftfy — Apache-2.0 · tqdm — MPL-2.0/MIT · platformdirs — MIT
- Streamlit — Apache-2.0 · Plotly — MIT · pandas — BSD-3-Clause · scikit-learn — BSD-3-Clause · NumPy — BSD-3-Clause
""",
    "about_params": "Settings of this analysis",
    "about_corpus_bundled": "here: {n} articles on US–Russia diplomacy over the Ukraine war, February to October 2025",
    "about_corpus_other": "here: {n} articles from {folder}",

    # comparing two periods
    "page_compare": "Compare",
    "compare_title": "Compare two periods",
    "compare_intro": "How did the wording change? Pick an event to compare the articles before and after it, or pick two date ranges. The filters in the sidebar still apply.",
    "compare_mode": "Compare",
    "compare_mode_event": "Before and after an event",
    "compare_mode_ranges": "Two date ranges",
    "compare_event": "Event",
    "compare_days": "Window",
    "compare_days_whole": "everything before / after",
    "compare_days_n": "{n} days each side",
    "compare_before": "before {event}",
    "compare_after": "after {event}",
    "compare_period_a": "First period",
    "compare_period_b": "Second period",
    "compare_label_a": "{start} – {end}",
    "compare_label_b": "{start} – {end}",
    "compare_side_help": "Mean tone of {sentences} sentences in {articles} articles.",
    "compare_side_counts": "{articles} articles · {sentences} sentences",
    "compare_shift": "Change in tone",
    "compare_shift_help": "Second period minus first. The range {low} … {high} is a 95 % bootstrap interval over sentences: if it includes 0, the change may be chance.",
    "compare_interval": "95 % interval: {low} … {high}",
    "compare_change_row": "Change (2nd − 1st)",
    "chart_compare_tone_title": "Tone before and after, and the change",
    "read_compare_tone": "the dots are the mean tone of each period's sentences; the diamond is the change, with a bar for its 95 % bootstrap interval. A bar that crosses 0 means the change may be chance.",
    "hover_compare_side": "%{y}<br>tone %{x:+.2f}<br>%{customdata[0]} articles, %{customdata[1]} sentences",
    "hover_compare_shift": "change %{x:+.2f}<br>95 % interval {low} … {high}",
    "chart_compare_themes_title": "Themes that grew or faded",
    "axis_compare_themes": "Change in share of text (pp)",
    "read_compare_themes": "bars to the right: the theme fills more of the second period's text; to the left: less (pp = percentage points).",
    "chart_compare_actors_title": "Who gained or lost attention",
    "axis_compare_actors": "Change in share of articles naming them (pp)",
    "read_compare_actors": "bars to the right: more of the second period's articles mention them; to the left: fewer.",
    "hover_compare_change": "%{y}<br>%{customdata[0]} % → %{customdata[1]} % (%{x:+.1f} pp)",
    "compare_examples": "Example sentences",
    "compare_examples_help": "The most negative and most positive sentences of each period, so the numbers can be checked against the text.",
    "col_name": "Name",
    "col_share_a": "1st period %",
    "col_share_b": "2nd period %",
    "col_change_pp": "Change (pp)",
    "about_corpus_workspace": "here: {n} articles of your workspace “{name}”",

    # corpus choice and the Corpus page
    "page_corpus": "Your corpus",
    "sidebar_corpus": "Corpus",
    "sidebar_corpus_help": "The bundled example articles, or one of your workspaces (add files on the page 'Your corpus').",
    "corpus_bundled": "Bundled example (5 articles)",
    "workspace_empty_short": "This workspace has no articles yet.",
    "workspace_empty": "This workspace has no articles yet. Add files on the page 'Your corpus', or choose another corpus in the sidebar.",
    "filter_once": "Count each story once",
    "filter_once_help": "{n} articles are copies of a story that appears earlier (the same agency report in several outlets, or a page saved twice). When on, only the first copy is counted in charts and lists.",
    "corpus_title": "Your corpus",
    "corpus_intro": "Bring your own articles: upload files or a .zip, or read a folder. They are kept in a named workspace on this computer, so closing the browser loses nothing.",
    "corpus_bundled_note": "You are looking at the bundled example. Files you add go into a workspace of their own; the example stays as it is.",
    "copy_example": "Copy these articles into a workspace to correct their dates and titles",
    "copy_example_name": "Example (copy)",
    "add_title": "Add files",
    "add_workspace_name": "Workspace",
    "add_default_name": "My articles",
    "add_workspace_help": "A new name creates a workspace; an existing one adds to it. Workspaces are kept in {folder}.",
    "add_upload": "Files or .zip archives",
    "add_upload_help": "Text (.txt, .md), web pages (.html), tables (.csv, .tsv, .xlsx), JSON (.json, .jsonl), Word (.docx), PDF with text, and .zip archives of these. The same file added twice is kept once.",
    "add_button": "Add to workspace",
    "add_folder_title": "Read a folder on this computer",
    "add_folder_help": "A folder on the computer that runs Tonlage, read with all its subfolders. A metadata.csv in it is applied.",
    "add_folder_path": "Folder",
    "add_folder_button": "Read folder",
    "add_folder_missing": "There is no folder or file at {path}.",
    "ingest_progress": "Reading files: {done} of {total}",
    "status_loaded": "loaded",
    "status_warnings": "loaded with warnings",
    "status_skipped": "skipped",
    "report_title": "What happened to every file",
    "report_summary": "**{files} files** (archive contents included): {loaded} loaded, {warnings} loaded with warnings, {skipped} skipped — **{articles} articles added**.",
    "report_file": "File",
    "report_status": "Result",
    "report_reason": "Why, and what to do",
    "report_articles": "Articles",
    "report_download": "Download this report (CSV)",
    "tables_title": "Columns of your tables",
    "tables_help": "Tonlage guessed which column holds the text, title, date and so on. If a guess is wrong, choose the right column and read the file again; your edits to its articles are kept.",
    "tables_file": "Columns of {name}",
    "role_text": "Text",
    "role_title": "Title",
    "role_date": "Date",
    "role_source": "Source",
    "role_author": "Author",
    "role_url": "Link",
    "tables_reread": "Read again with these columns",
    "tables_done": "{n} articles read.",
    "edit_title": "Check and correct articles",
    "edit_undated": "Articles without a date: {n}. They are in the list below and left out of the time charts; type a date (2025-09-24 or 24.09.2025) to place them.",
    "edit_search": "Find",
    "edit_search_placeholder": "Words in the title or file name",
    "edit_only_undated": "Only undated",
    "edit_first_rows": "Showing the first {n} of {total} articles; use Find to narrow down.",
    "edit_removed": "Leave out",
    "edit_removed_help": "Tick to leave the article out of the analysis (it stays in the workspace; untick to bring it back).",
    "edit_date": "Date",
    "edit_date_help": "2025-09-24, 2025-09 (month only) or 24.09.2025",
    "edit_col_title": "Title",
    "edit_source": "Source",
    "edit_author": "Author",
    "edit_save": "Save changes",
    "edit_partly_saved": "{n} articles were saved; the others are listed above.",
    "reader_source": "Source",
    "reader_url": "Published at",
    "reader_copies": "The same story appears again later ({n}): {names}. With 'Count each story once' on, only this first copy is counted.",
    "reader_copy_of": "A copy of a story that appears earlier: {names}. With 'Count each story once' on, this copy is not counted in charts and lists.",
    "dups_title": "The same story more than once",
    "dups_help": "Copies of a story that appears earlier: {n}, identical or lightly edited (another headline, an added line). The sidebar switch 'Count each story once' decides whether copies count.",
    "dup_kind_first": "first copy", "dup_kind_exact": "identical copy", "dup_kind_near": "edited copy",
    "dups_group": "Story",
    "dups_kind": "Copy",
    "manage_title": "Delete this workspace",
    "manage_where": "Kept in {path}",
    "manage_confirm": "Yes, delete the workspace '{name}' and its articles",
    "manage_delete": "Delete workspace",
}

_DE: dict[str, str] = {
    "app_title": "Tonlage",
    "app_tagline": "Wie deutsche Medien über die Diplomatie zwischen USA und Russland im Ukraine-Krieg schreiben – im Zeitverlauf",
    "app_tagline_workspace": "Wie die Presse über Ihr Thema schreibt – im Zeitverlauf",
    "share_link": "Link zu dieser Ansicht",
    "share_link_help": "Diesen Link kopieren (Knopf rechts): Er öffnet diese Seite mit demselben Korpus, derselben Sprache, Themenzahl und denselben Filtern.",
    "page_overview": "Überblick",
    "page_tone": "Tonlage",
    "page_themes": "Themen",
    "page_actors": "Akteure",
    "page_articles": "Artikel",
    "page_about": "Über & Methode",
    "sidebar_language": "Sprache",
    "sidebar_filters": "Welche Artikel gezeigt werden",
    "filter_dates": "Erschienen zwischen",
    "filter_dates_help": "Artikel ohne Datum werden nur angezeigt, solange der ganze Zeitraum gewählt ist.",
    "filter_genre": "Art des Artikels",
    "filter_author": "Autor/in",
    "filter_theme": "Hauptthema",
    "filter_actor": "Erwähnt",
    "filter_any": "Alle",
    "filter_reset": "Alle Artikel zeigen",
    "n_themes": "Anzahl der Themen",
    "n_themes_help": "In wie viele Themen die Artikel zerlegt werden. „Automatisch“ wählt eine zur Korpusgröße passende Zahl. Eine Änderung analysiert die Texte neu.",
    "n_themes_auto": "Automatisch ({n})",
    "in_view": "{n} von {total} Artikeln angezeigt",
    "analysing": "Die Artikel werden gelesen und analysiert … beim ersten Mal dauert das einige Sekunden.",
    "genre_commentary": "Kommentar",
    "genre_news report": "Nachricht",
    "chart_empty": "Keine Artikel passen zu den aktuellen Filtern.",
    "no_articles": "Keine Artikel passen zu den aktuellen Filtern. Erweitern Sie den Zeitraum oder entfernen Sie einen Filter in der Seitenleiste.",
    "undated_left_out": "{n} Artikel ohne Datum fehlen in den Zeitdiagrammen (in den Tabellen und unter „Artikel“ sind sie enthalten).",
    "data_behind": "Daten zu diesem Diagramm anzeigen",
    "data_table": "Als Tabelle anzeigen",
    "how_to_read": "So lesen Sie das: {text}",
    "click_hint": "Klicken Sie auf einen Punkt oder Balken (oder ziehen Sie einen Rahmen um mehrere), um die Artikel zu öffnen.",
    "no_evidence": "keine Tonwörter gefunden",
    "theme_n": "Thema {n}",
    "label_negative": "negativ",
    "label_neutral": "neutral",
    "label_positive": "positiv",
    "kind_person": "Person",
    "kind_institution": "Institution",
    "kind_country": "Land / Hauptstadt",
    "zone_positive": "positiver ↑",
    "zone_negative": "negativer ↓",
    "error_corpus": "Die Artikel konnten nicht analysiert werden: {reason}. Prüfen Sie, ob der Ordner {folder} Textdateien enthält, und versuchen Sie es erneut.",
    "error_no_corpus": "Im Ordner {folder} wurden keine Artikel gefunden. Legen Sie dort .txt-Dateien ab (ein Artikel pro Datei) und laden Sie die Seite neu.",
    "axis_date": "Erscheinungsdatum",
    "axis_tone": "Tonlage (−1 negativ … +1 positiv)",
    "axis_tone_actor": "Tonlage der Sätze, die den Akteur nennen (−1 … +1)",
    "axis_share_sentences": "Anteil an den Sätzen des Artikels (%)",
    "axis_theme_share": "Anteil am Text des Artikels (%)",
    "axis_term_weight": "Gewicht im Thema (% der gezeigten Wörter)",
    "axis_mentions": "Anzahl der Nennungen",
    "legend_day": "Artikel (genaues Datum)",
    "legend_month": "Artikel (nur Monat bekannt, am 1. eingezeichnet)",
    "legend_fixed": "Artikel (Datum korrigiert oder erschlossen – Zeiger darauf zeigt, warum)",
    "legend_bucket": "Mittlere Tonlage der Artikel im Zeitraum",
    "legend_thin_sentences": "Hohl / schraffiert: beruht auf wenig Text (weniger als {n} Sätze)",
    "legend_thin_articles": "Hohl / schraffiert: beruht auf wenigen Artikeln (weniger als {n})",
    "legend_thin_actor": "Hohl: weniger als {n} Sätze nennen den Akteur",
    "legend_article_mean": "Gesamttonlage des Artikels (Mittelwert)",
    "legend_theme_tone": "Tonlage",
    "legend_theme_weight": "Anteil",
    "hover_month_only": "nur der Monat ist bekannt",
    "hover_date_note": "Hinweis zum Datum: {note}",
    "hover_article": "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>Tonlage: %{y:+.2f}<br>Beruht auf %{customdata[4]} Sätzen<br><i>Klicken zum Lesen</i>",
    "hover_bucket": "<b>Artikel ab %{customdata[1]} (bis vor %{customdata[2]})</b><br>Mittlere Tonlage: %{y:+.2f}<br>%{customdata[3]} Artikel, %{customdata[4]} Sätze",
    "hover_sentence": "<b>%{customdata[2]}</b>, Satz %{customdata[3]}<br>Tonlage: %{x:+.2f}<br>%{customdata[4]}<br><i>Wörter, die den Wert bestimmen:</i> %{customdata[5]}",
    "hover_article_mean": "<b>%{customdata[2]}</b><br>Gesamttonlage: %{x:+.2f} (Mittel aus %{customdata[3]} Sätzen)",
    "hover_share": "<b>%{customdata[2]}</b><br>{label}: %{x:.0f} % von %{customdata[3]} Sätzen (%{customdata[4]})",
    "hover_theme_article": "<b>%{customdata[4]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>Anteil am Text: %{y:.0f} %",
    "hover_theme_bucket": "<b>%{customdata[4]}</b><br>Artikel ab %{customdata[1]} (bis vor %{customdata[2]})<br>Mittlerer Anteil: %{y:.0f} % über %{customdata[3]} Artikel",
    "hover_term": "<b>%{y}</b>: %{x:.0f} % des Gewichts der gezeigten Wörter",
    "hover_theme_tone": "<b>%{y}</b><br>Tonlage: %{x:+.2f}<br>Hauptthema von %{customdata[2]} Artikel(n)",
    "hover_theme_weight": "<b>%{y}</b><br>Füllt im Schnitt %{x:.0f} % des Textes<br>Hauptthema von %{customdata[2]} Artikel(n)",
    "hover_actor": "<b>%{y}</b><br>%{x} Nennungen in %{customdata[2]} Artikel(n)<br>%{customdata[3]} Sätze, deren Tonlage: %{customdata[4]}",
    "hover_actor_article": "<b>%{customdata[5]}</b> in „%{customdata[2]}“<br>%{customdata[3]}<br>Tonlage von %{customdata[4]} Satz/Sätzen mit Nennung: %{y:+.2f}",
    "hover_actor_bucket": "<b>%{customdata[5]}</b>, Artikel ab %{customdata[1]} (bis vor %{customdata[2]})<br>Tonlage: %{y:+.2f} über %{customdata[4]} Sätze in %{customdata[3]} Artikeln",
    "chart_tone_time_title": "Tonlage jedes Artikels im Zeitverlauf",
    "chart_tone_time_title_bucket": "Mittlere Tonlage der Artikel je Zeitraum",
    "chart_sent_dist_title": "Tonlage jedes Satzes, je Artikel",
    "chart_shares_title": "Negative, neutrale und positive Sätze je Artikel",
    "chart_theme_time_title": "Wie viel Raum jedes Thema im Zeitverlauf einnimmt",
    "chart_theme_terms_title": "Die Wörter, aus denen jedes Thema besteht",
    "chart_theme_tone_title": "Tonlage der Artikel nach Hauptthema",
    "chart_theme_weight_title": "Themen in den angezeigten Artikeln",
    "chart_actor_mentions_title": "Wer wie oft genannt wird",
    "chart_actor_tone_title": "Tonlage der Sätze, die einen Akteur nennen, im Zeitverlauf",
    "read_tone_time": "Jeder Punkt ist ein Artikel; weiter oben heißt positivere, weiter unten negativere Wortwahl. Gestrichelte Linien sind Ereignisse. Zeigen Sie auf einen Punkt für den Titel, klicken Sie, um ihn zu lesen.",
    "read_tone_time_bucket": "Jeder Punkt ist die mittlere Tonlage aller Artikel dieses Zeitraums. Ein Klick listet diese Artikel auf.",
    "read_sent_dist": "Jeder farbige Punkt ist ein Satz; der schwarze Strich ist die Gesamttonlage des Artikels (Mittel seiner Sätze). Eine breite Streuung heißt gemischte Wortwahl.",
    "read_shares": "Jeder Balken ist ein Artikel, aufgeteilt in negative, neutrale und positive Sätze.",
    "read_theme_time": "Jede Linie ist ein Thema; ein Punkt zeigt, wie viel vom Text dieses Artikels zum Thema gehört.",
    "read_theme_terms": "Ein Thema ist eine Gruppe von Wörtern, die oft gemeinsam vorkommen. Längere Balken sind Wörter, die für das Thema wichtiger sind.",
    "read_theme_tone": "Die mittlere Tonlage der Artikel mit diesem Hauptthema. Schraffierte Balken beruhen auf wenigen Artikeln: mit Vorsicht lesen.",
    "read_theme_weight": "Wie viel vom Text im Schnitt zu jedem Thema gehört.",
    "read_actor_mentions": "Wie oft jede Person, Institution oder jedes Land genannt wird (alle Schreibweisen und Formen zusammen).",
    "read_actor_tone": "Die Tonlage der Sätze, die den Akteur nennen; sie beschreibt die Wortwahl rund um den Namen, nicht unbedingt die Meinung über ihn. Größere Punkte beruhen auf mehr Sätzen.",
    "overview_title": "Das Korpus auf einen Blick",
    "overview_intro": "Tonlage liest eine Sammlung deutscher Nachrichtenartikel und zeigt, wie sich ihre Wortwahl – negativ, neutral oder positiv – und ihre Themen im Lauf der Zeit ändern. In der Seitenleiste grenzen Sie die Artikel ein; ein Klick auf einen Punkt öffnet den Artikel dahinter.",
    "metric_articles": "Artikel",
    "metric_period": "Zeitraum",
    "metric_words": "Wörter",
    "metric_sentences": "Sätze",
    "metric_tone": "Mittlere Tonlage",
    "metric_tone_help": "Mittelwert der Artikel-Tonlagen, von −1 (negativ) bis +1 (positiv). Um 0 heißt überwiegend neutrale Wortwahl.",
    "metric_undated": "ohne Datum: {n}",
    "overview_top_themes": "Hauptthemen",
    "overview_top_actors": "Am häufigsten genannt",
    "skipped_title": "{n} Datei(en) konnten nicht gelesen werden und fehlen",
    "skipped_file": "Datei",
    "skipped_reason": "Grund",
    "tone_word_neg": "eher negativ",
    "tone_word_neu": "überwiegend neutral",
    "tone_word_pos": "eher positiv",
    "tone_title": "Tonlage: Wie negativ oder positiv ist die Wortwahl?",
    "tone_intro": "Jeder Satz erhält einen Wert von −1 (negative Wörter wie „Fiasko“) bis +1 (positive Wörter wie „Erfolg“); „nicht“/„kein“ kehren ein Wort um. Die Tonlage eines Artikels ist der Mittelwert seiner Sätze.",
    "tone_strongest": "Die deutlichsten Sätze",
    "tone_strongest_neg": "Am negativsten",
    "tone_strongest_pos": "Am positivsten",
    "tone_capped": "Gezeigt werden die {n} neuesten von {total} Artikeln.",
    "col_article": "Artikel",
    "col_title": "Titel",
    "col_date": "Datum",
    "col_sentence": "Satz",
    "col_tone": "Tonlage",
    "col_label": "Einordnung",
    "col_evidence": "Wörter, die den Wert bestimmen",
    "col_author": "Autor/in",
    "col_genre": "Art",
    "col_sentences": "Sätze",
    "col_words": "Wörter",
    "col_theme": "Hauptthema",
    "col_share": "Anteil",
    "col_nr": "Nr.",
    "col_negative": "Negativ %",
    "col_neutral": "Neutral %",
    "col_positive": "Positiv %",
    "col_mentions": "Nennungen",
    "col_actor": "Akteur",
    "col_kind": "Art",
    "col_n_articles": "Artikel",
    "col_terms": "Wichtigste Wörter",
    "col_weight": "Gewicht",
    "col_date_note": "Hinweis zum Datum",
    "themes_title": "Themen: Worum geht es in den Artikeln?",
    "themes_intro": "Themen werden automatisch gefunden: Wörter, die oft gemeinsam vorkommen, bilden ein Thema, benannt nach seinen drei stärksten Wörtern. Jeder Artikel ist eine Mischung aus Themen.",
    "actors_title": "Akteure: Über wen wird gesprochen, und in welchem Ton?",
    "actors_intro": "Personen, Institutionen und Länder werden über eine Liste von Namen und Schreibweisen gefunden (z. B. „Lawrow“, „Lavrov“, „Lawrows“).",
    "actors_pick": "Akteure zum Vergleich",
    "actors_none": "In den angezeigten Artikeln wird kein Akteur genannt.",
    "articles_title": "Artikel",
    "articles_intro": "Wählen Sie einen Artikel in der Liste (oder unten), um ihn zu lesen – jeder Satz ist nach seiner Tonlage eingefärbt.",
    "articles_pick": "Artikel öffnen",
    "articles_from_chart": "Sie haben in einem Diagramm {n} Artikel ausgewählt; der erste wird gezeigt. Hier können Sie einen anderen wählen:",
    "articles_clear_pick": "Zurück zu allen Artikeln",
    "reader_by": "von {author}",
    "reader_date": "Datum",
    "reader_month_only": "(nur Monat)",
    "reader_corrected": "(korrigiert: {note})",
    "reader_note": "Hinweis zu dieser Datei: {note}",
    "reader_genre": "Art",
    "reader_language": "Sprache",
    "reader_counts": "{words} Wörter · {sentences} Sätze",
    "reader_tone": "Gesamttonlage",
    "reader_themes": "Themen",
    "reader_actors": "Genannte Akteure",
    "reader_none": "keine gefunden",
    "reader_text": "Der Text, Satz für Satz",
    "reader_legend": "Hintergrundfarbe = Tonlage des Satzes: blau mit durchgezogener Linie für positiv, orange mit gestrichelter Linie für negativ, keine für neutral; kräftigere Farbe heißt stärkere Tonlage. Zeigen Sie auf einen Satz, um die Wörter zu sehen, die seinen Wert bestimmen.",
    "reader_evidence": "Warum jeder Satz seinen Wert erhält",
    "reader_little_text": "Dieser Artikel hat nur {n} Sätze: Seine Gesamttonlage beruht auf wenig Text.",
    "reader_file": "Datei",
    "unknown": "unbekannt",
    "months": "Jan,Feb,Mär,Apr,Mai,Jun,Jul,Aug,Sep,Okt,Nov,Dez",
    "lang_de": "Deutsch",
    "lang_en": "Englisch",
    "lang_unknown": "unbekannt",
    "lang_fr": "Französisch", "lang_it": "Italienisch", "lang_es": "Spanisch", "lang_nl": "Niederländisch",
    "lang_pl": "Polnisch", "lang_ru": "Russisch", "lang_uk": "Ukrainisch", "lang_tr": "Türkisch",
    "themes_languages_left_out": "Nicht in den Themen, weil nicht deutsch: {langs} (Artikel). Themen entstehen nur aus deutschem Text, damit andere Sprachen keine Themen aus ihren Füllwörtern bilden.",
    "tone_languages_left_out": "Keine Tonlage für Artikel in Sprachen ohne Wortliste: {langs} (Artikel). Sie werden als „nicht bewertet“ gezeigt statt falsch bewertet; Deutsch und Englisch werden bewertet.",
    "tone_strongest_help": "Die Sätze mit der deutlichsten Wortwahl in den angezeigten Artikeln, mit den Wörtern, die den Wert ergeben. Ohne Zusammenhang kann ein zitierter oder ironischer Satz stärker wirken, als er gemeint ist.",
    "about_title": "Über Tonlage und die Methode",
    "about_body": """
### Was Sie hier sehen
Tonlage liest einen Ordner mit deutschen Nachrichtenartikeln ({corpus}) und misst in jedem Artikel drei Dinge: seine **Tonlage**, seine **Themen** und die **Akteure**, die er nennt. Es wird nichts verschickt; die Analyse läuft auf diesem Rechner.

### Tonlage
Jeder Satz erhält einen Wert von **−1 (negativ)** bis **+1 (positiv)**, indem seine Wörter in einem deutschen Polaritätslexikon nachgeschlagen werden (*Fiasko* ist zum Beispiel negativ, *Erfolg* positiv). Die Wörter werden zuvor auf ihre Grundform gebracht, und ein nahes *nicht*, *kein* oder *nie* kehrt die Polarität um. Ein Satz mit einem Wert zwischen −{band} und +{band} gilt als *neutral*. **Die Tonlage eines Artikels ist der Mittelwert seiner Sätze.** Zeigen Sie auf der Seite „Artikel“ auf einen Satz, um die Wörter zu sehen, die seinen Wert bestimmen.

### Themen
Themen werden automatisch mit der nicht-negativen Matrixfaktorisierung gefunden: Wörter, die in denselben Artikeln vorkommen, bilden ein Thema. Ein Thema heißt nach seinen drei stärksten Wörtern. Jeder Artikel ist eine Mischung aus Themen; sein *Hauptthema* hat den größten Anteil. Die Zahl der Themen lässt sich in der Seitenleiste ändern.

### Akteure
Personen, Institutionen und Länder stammen aus einer Liste von Namen mit Schreibweisen und grammatischen Formen (*Lawrow*, *Lavrov*, *Lawrows* …). **„Tonlage gegenüber einem Akteur“ ist die Tonlage der Sätze, die ihn nennen** – die Wortwahl rund um einen Namen, nicht immer die Meinung des Autors über ihn.

### Datum
Das Datum stammt aus dem Kopf des Artikels, aus dem Text oder aus einer Metadaten-Datei, die es korrigiert. Ist nur der Monat bekannt, steht der Artikel am 1. des Monats und wird als Raute gezeichnet. Ein korrigiertes oder erschlossenes Datum (nicht aus dem Kopf der Datei) erscheint als Quadrat, und der Grund steht neben dem Datum (etwa ein Tippfehler in der Jahreszahl).

### Grenzen – bitte lesen
- Eine Wortliste versteht **keine Ironie, keinen Sarkasmus und keine Zitate**: Eine zitierte Drohung zählt als negativ, auch wenn der Autor sie kritisiert.
- Die Tonlage misst **Wortwahl, nicht Meinung oder Wahrheit**. Berichte über einen Krieg sind voller negativer Wörter, auch wenn sie neutral gemeint sind.
- Mittelwerte verdecken Streuung: Ein Artikel mit stark negativen und stark positiven Sätzen kann „neutral“ herauskommen. Die Seite „Tonlage“ zeigt jeden Satz.
- Bei **nur wenigen Artikeln** (wie im mitgelieferten Korpus) sind Linien zwischen Punkten keine Trends, und Themen sind grob. Werte, die auf wenig Text beruhen, sind hohl oder schraffiert gezeichnet.
- Das Lexikon kennt gängige Wörter; seltene Wörter, Namen und Neubildungen erhalten keinen Wert.

### Lizenzen
- Deutsches Polaritätslexikon: Klenner et al. (2010), mitgeliefert in *textblob-de* – Apache-2.0
- simplemma (Lemmatisierung) – MIT · stopwordsiso (Stoppwörter) – MIT · langdetect und langdetect-rs (Spracherkennung) – Apache-2.0
- Englische Tonlage: VADER-Lexikon und -Regeln (Hutto & Gilbert 2014, *vaderSentiment*) – MIT · Beinahe-Dubletten: datasketch – MIT
- Dateien lesen: trafilatura (Webseiten) – Apache-2.0 · python-docx – MIT · pypdf – BSD-3-Clause (mit cryptography – Apache-2.0/BSD) · openpyxl – MIT · charset-normalizer – MIT · ftfy – Apache-2.0 · tqdm – MPL-2.0/MIT · platformdirs – MIT
- Streamlit – Apache-2.0 · Plotly – MIT · pandas – BSD-3-Clause · scikit-learn – BSD-3-Clause · NumPy – BSD-3-Clause
""",
    "about_params": "Einstellungen dieser Analyse",
    "about_corpus_bundled": "hier: {n} Artikel über die Diplomatie zwischen USA und Russland im Ukraine-Krieg, Februar bis Oktober 2025",
    "about_corpus_other": "hier: {n} Artikel aus {folder}",

    "page_compare": "Vergleich",
    "compare_title": "Zwei Zeiträume vergleichen",
    "compare_intro": "Wie hat sich die Wortwahl verändert? Wählen Sie ein Ereignis, um die Artikel davor und danach zu vergleichen, oder zwei Zeiträume. Die Filter links gelten weiter.",
    "compare_mode": "Vergleichen",
    "compare_mode_event": "Vor und nach einem Ereignis",
    "compare_mode_ranges": "Zwei Zeiträume",
    "compare_event": "Ereignis",
    "compare_days": "Zeitfenster",
    "compare_days_whole": "alles davor / danach",
    "compare_days_n": "je {n} Tage",
    "compare_before": "vor {event}",
    "compare_after": "nach {event}",
    "compare_period_a": "Erster Zeitraum",
    "compare_period_b": "Zweiter Zeitraum",
    "compare_label_a": "{start} – {end}",
    "compare_label_b": "{start} – {end}",
    "compare_side_help": "Mittlere Tonlage von {sentences} Sätzen in {articles} Artikeln.",
    "compare_side_counts": "{articles} Artikel · {sentences} Sätze",
    "compare_shift": "Veränderung der Tonlage",
    "compare_shift_help": "Zweiter minus erster Zeitraum. Der Bereich {low} … {high} ist ein 95-%-Bootstrap-Intervall über die Sätze: Enthält er 0, kann die Veränderung Zufall sein.",
    "compare_interval": "95-%-Intervall: {low} … {high}",
    "compare_change_row": "Veränderung (2. − 1.)",
    "chart_compare_tone_title": "Tonlage davor und danach, und die Veränderung",
    "read_compare_tone": "Die Punkte sind die mittlere Tonlage der Sätze jedes Zeitraums; die Raute ist die Veränderung, mit einem Balken für ihr 95-%-Bootstrap-Intervall. Reicht der Balken über 0, kann die Veränderung Zufall sein.",
    "hover_compare_side": "%{y}<br>Tonlage %{x:+.2f}<br>%{customdata[0]} Artikel, %{customdata[1]} Sätze",
    "hover_compare_shift": "Veränderung %{x:+.2f}<br>95-%-Intervall {low} … {high}",
    "chart_compare_themes_title": "Themen, die zu- oder abnahmen",
    "axis_compare_themes": "Veränderung des Textanteils (Pp.)",
    "read_compare_themes": "Balken nach rechts: Das Thema füllt im zweiten Zeitraum mehr Text; nach links: weniger.",
    "chart_compare_actors_title": "Wer mehr oder weniger Aufmerksamkeit bekam",
    "axis_compare_actors": "Veränderung: Anteil der Artikel (Pp.)",
    "read_compare_actors": "Balken nach rechts: Mehr Artikel des zweiten Zeitraums nennen sie; nach links: weniger.",
    "hover_compare_change": "%{y}<br>%{customdata[0]} % → %{customdata[1]} % (%{x:+.1f} Pp.)",
    "compare_examples": "Beispielsätze",
    "compare_examples_help": "Die negativsten und positivsten Sätze jedes Zeitraums, damit sich die Zahlen am Text prüfen lassen.",
    "col_name": "Name",
    "col_share_a": "1. Zeitraum %",
    "col_share_b": "2. Zeitraum %",
    "col_change_pp": "Veränderung (Pp.)",
    "about_corpus_workspace": "hier: {n} Artikel Ihres Arbeitsbereichs „{name}“",

    "page_corpus": "Eigenes Korpus",
    "sidebar_corpus": "Korpus",
    "sidebar_corpus_help": "Die mitgelieferten Beispielartikel oder einer Ihrer Arbeitsbereiche (Dateien hinzufügen auf der Seite „Eigenes Korpus“).",
    "corpus_bundled": "Mitgeliefertes Beispiel (5 Artikel)",
    "workspace_empty_short": "Dieser Arbeitsbereich enthält noch keine Artikel.",
    "workspace_empty": "Dieser Arbeitsbereich enthält noch keine Artikel. Fügen Sie Dateien auf der Seite „Eigenes Korpus“ hinzu oder wählen Sie links ein anderes Korpus.",
    "filter_once": "Jede Meldung einmal zählen",
    "filter_once_help": "{n} Artikel sind Kopien einer Meldung, die schon früher vorkommt (dieselbe Agenturmeldung in mehreren Medien oder eine doppelt gespeicherte Seite). Eingeschaltet zählt nur die erste Kopie in Grafiken und Listen.",
    "corpus_title": "Eigenes Korpus",
    "corpus_intro": "Bringen Sie eigene Artikel mit: Dateien oder ein .zip hochladen oder einen Ordner einlesen. Sie werden in einem benannten Arbeitsbereich auf diesem Rechner gespeichert; wer den Browser schließt, verliert nichts.",
    "corpus_bundled_note": "Sie sehen das mitgelieferte Beispiel. Hinzugefügte Dateien kommen in einen eigenen Arbeitsbereich; das Beispiel bleibt unverändert.",
    "copy_example": "Diese Artikel in einen Arbeitsbereich kopieren, um Datum und Titel zu korrigieren",
    "copy_example_name": "Beispiel (Kopie)",
    "add_title": "Dateien hinzufügen",
    "add_workspace_name": "Arbeitsbereich",
    "add_default_name": "Meine Artikel",
    "add_workspace_help": "Ein neuer Name legt einen Arbeitsbereich an, ein vorhandener wird ergänzt. Arbeitsbereiche liegen in {folder}.",
    "add_upload": "Dateien oder .zip-Archive",
    "add_upload_help": "Text (.txt, .md), Webseiten (.html), Tabellen (.csv, .tsv, .xlsx), JSON (.json, .jsonl), Word (.docx), PDF mit Text und .zip-Archive davon. Dieselbe Datei zweimal wird nur einmal aufgenommen.",
    "add_button": "Zum Arbeitsbereich hinzufügen",
    "add_folder_title": "Einen Ordner auf diesem Rechner einlesen",
    "add_folder_help": "Ein Ordner auf dem Rechner, auf dem Tonlage läuft, samt Unterordnern. Eine metadata.csv darin wird angewendet.",
    "add_folder_path": "Ordner",
    "add_folder_button": "Ordner einlesen",
    "add_folder_missing": "Unter {path} gibt es keinen Ordner und keine Datei.",
    "ingest_progress": "Dateien werden gelesen: {done} von {total}",
    "status_loaded": "gelesen",
    "status_warnings": "gelesen, mit Hinweisen",
    "status_skipped": "übersprungen",
    "report_title": "Was mit jeder Datei geschah",
    "report_summary": "**{files} Dateien** (Archivinhalte mitgezählt): {loaded} gelesen, {warnings} mit Hinweisen gelesen, {skipped} übersprungen – **{articles} Artikel hinzugefügt**.",
    "report_file": "Datei",
    "report_status": "Ergebnis",
    "report_reason": "Warum, und was zu tun ist (englisch)",
    "report_articles": "Artikel",
    "report_download": "Diesen Bericht herunterladen (CSV)",
    "tables_title": "Spalten Ihrer Tabellen",
    "tables_help": "Tonlage hat geraten, welche Spalte Text, Titel, Datum usw. enthält. Ist eine Vermutung falsch, wählen Sie die richtige Spalte und lesen Sie die Datei neu ein; Ihre Korrekturen an ihren Artikeln bleiben erhalten.",
    "tables_file": "Spalten von {name}",
    "role_text": "Text",
    "role_title": "Titel",
    "role_date": "Datum",
    "role_source": "Quelle",
    "role_author": "Autor/in",
    "role_url": "Link",
    "tables_reread": "Mit diesen Spalten neu einlesen",
    "tables_done": "{n} Artikel gelesen.",
    "edit_title": "Artikel prüfen und korrigieren",
    "edit_undated": "Artikel ohne Datum: {n}. Sie stehen unten und fehlen in den Zeitverläufen. Tragen Sie ein Datum ein (2025-09-24 oder 24.09.2025), um sie einzuordnen.",
    "edit_search": "Suchen",
    "edit_search_placeholder": "Wörter im Titel oder Dateinamen",
    "edit_only_undated": "Nur ohne Datum",
    "edit_first_rows": "Die ersten {n} von {total} Artikeln; grenzen Sie mit „Suchen“ ein.",
    "edit_removed": "Weglassen",
    "edit_removed_help": "Ankreuzen, um den Artikel aus der Analyse zu nehmen (er bleibt im Arbeitsbereich; Häkchen entfernen holt ihn zurück).",
    "edit_date": "Datum",
    "edit_date_help": "2025-09-24, 2025-09 (nur Monat) oder 24.09.2025",
    "edit_col_title": "Titel",
    "edit_source": "Quelle",
    "edit_author": "Autor/in",
    "edit_save": "Änderungen speichern",
    "edit_partly_saved": "{n} Artikel wurden gespeichert; die übrigen stehen oben.",
    "reader_source": "Quelle",
    "reader_url": "Erschienen unter",
    "reader_copies": "Dieselbe Meldung erscheint später noch einmal ({n}): {names}. Mit „Jede Meldung einmal zählen“ zählt nur diese erste Kopie.",
    "reader_copy_of": "Kopie einer Meldung, die früher erscheint: {names}. Mit „Jede Meldung einmal zählen“ zählt diese Kopie nicht in Grafiken und Listen.",
    "dups_title": "Dieselbe Meldung mehrfach",
    "dups_help": "Kopien einer Meldung, die schon früher vorkommt: {n}, wortgleich oder leicht verändert (andere Überschrift, ein Satz mehr). Der Schalter „Jede Meldung einmal zählen“ links entscheidet, ob Kopien mitzählen.",
    "dup_kind_first": "erste Fassung", "dup_kind_exact": "wortgleiche Kopie", "dup_kind_near": "veränderte Kopie",
    "dups_group": "Meldung",
    "dups_kind": "Kopie",
    "manage_title": "Diesen Arbeitsbereich löschen",
    "manage_where": "Gespeichert in {path}",
    "manage_confirm": "Ja, den Arbeitsbereich „{name}“ mit seinen Artikeln löschen",
    "manage_delete": "Arbeitsbereich löschen",
}

STRINGS: dict[str, dict[str, str]] = {"en": _EN, "de": _DE}


def translator(lang: str) -> Callable[..., str]:
    """A pure ``tr(key, **fmt)`` for one language (falls back to English, then the key)."""
    table = STRINGS.get(lang, _EN)

    def tr(key: str, **fmt: object) -> str:
        s = table.get(key) or _EN.get(key) or key
        for name, value in fmt.items():
            s = s.replace("{" + name + "}", str(value))
        return s

    return tr


def format_int(n: int, lang: str) -> str:
    """Thousands separator per language: 4,764 (en) / 4.764 (de)."""
    s = f"{int(n):,}"
    return s.replace(",", ".") if lang == "de" else s


def default_language(locale: str | None) -> str:
    """German for a ``de*`` browser locale, English otherwise."""
    return "de" if (locale or "").lower().startswith("de") else "en"


def current_language() -> str:
    """The reader's language: the sidebar choice, else the browser locale."""
    import streamlit as st

    from components import state

    lang = st.session_state.get(state.LANG)
    if lang in STRINGS:
        return lang
    try:
        locale = st.context.locale
    except Exception:  # outside a script run (bare import in tests)
        locale = None
    return default_language(locale)


def language_name(code: str) -> str:
    """"German"/"Deutsch" for "de"; the code itself for a language we have no name for."""
    name = t(f"lang_{code}")
    return code if name == f"lang_{code}" else name


def t(key: str, **fmt: object) -> str:
    """Translate ``key`` into the reader's current language."""
    return translator(current_language())(key, **fmt)
