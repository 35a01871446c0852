"""The shared sidebar: language, number of themes and the article filters.

Rendered by app.py on every run (so the widgets keep their values across pages); it
analyses the corpus through components/cached.py and leaves a :class:`~components.View`
in session state for the pages.
"""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from components import cached, progress, share, state
from components.i18n import LANGUAGES, current_language, default_language, shown_table, t, t_plain, tn, tr
from components.ui import default_corpus_label, end_page, lazy_expander
from tonlage.i18n import day_format, message_of
from tonlage.present.safe import escape_text
from tonlage.present.types import CorpusKey, Filters, View
from tonlage.search import MAX_CHARS, MAX_TERMS, canonical_words, parse_words
from tonlage.themes.encoder import EXTRA_MEMORY_MB, NMI_QUALITY, NMI_STANDARD, SECONDS_PER_1000, encoder_cost

__all__ = ["Controls", "render_sidebar", "reset_filters", "init_language", "render_link"]

log = logging.getLogger(__name__)


_UNCHECKED = object()


def _comparable(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


class Controls:
    """The sidebar's controls, drawn after the page (app.py): their values are known before they
    are drawn (the widgets' state from the browser, or their defaults on a first run), so the
    page computes its view from them and its first chart reaches the browser before some 40
    scripts of sidebar widgets (date picker, multiselects, selectboxes) that it otherwise loaded
    and drew first (0.5-1 s of a fresh browser's first chart on the shared machine).

    The methods take the arguments of the ``st.sidebar`` method of the same name; a widget's
    method returns the value the widget will have. :meth:`draw` draws what was recorded into
    ``box``; when a widget then returns another value than the one the view was computed from
    (a case this prediction does not foresee), :attr:`changed` is set and app.py reruns once."""

    def __init__(self, box) -> None:
        self._box = box
        self._calls: list[tuple[str, tuple, dict, object]] = []
        self._drawn = 0
        self.changed = False

    def _add(self, method: str, args: tuple, kwargs: dict, value=_UNCHECKED):
        self._calls.append((method, args, kwargs, value))
        return None if value is _UNCHECKED else value

    def _widget(self, method: str, default, args: tuple, kwargs: dict):
        key = kwargs["key"]
        return self._add(method, args, kwargs, st.session_state.get(key, default))

    def radio(self, *args, **kwargs):
        return self._widget("radio", kwargs["options"][kwargs.get("index", 0)], args, kwargs)

    def selectbox(self, *args, **kwargs):
        return self._widget("selectbox", kwargs["options"][kwargs.get("index", 0)], args, kwargs)

    def toggle(self, *args, **kwargs):
        return self._widget("toggle", kwargs.get("value", False), args, kwargs)

    def date_input(self, *args, **kwargs):
        return self._widget("date_input", kwargs.get("value"), args, kwargs)

    def multiselect(self, *args, **kwargs):
        return self._widget("multiselect", list(kwargs.get("default") or []), args, kwargs)

    def text_input(self, *args, **kwargs):
        return self._widget("text_input", kwargs.get("value", ""), args, kwargs)

    def button(self, *args, **kwargs) -> None:  # acts through its callback only
        self._add("button", args, kwargs)

    def caption(self, *args, **kwargs) -> None:
        self._add("caption", args, kwargs)

    def subheader(self, *args, **kwargs) -> None:
        self._add("subheader", args, kwargs)

    def info(self, *args, **kwargs) -> None:
        self._add("info", args, kwargs)

    def warning(self, *args, **kwargs) -> None:
        self._add("warning", args, kwargs)

    def call(self, fn, *args) -> None:
        """Run ``fn(*args)`` inside the box, in its place among the controls."""
        self._add("call", (fn, *args), {})

    def draw(self) -> None:
        """Draw what was recorded since the last call (also before a long analysis: the
        language and corpus choices are then on screen while it runs)."""
        calls, self._drawn = self._calls[self._drawn :], len(self._calls)
        for method, args, kwargs, value in calls:
            if method == "call":
                with self._box:
                    args[0](*args[1:])
                continue
            got = getattr(self._box, method)(*args, **kwargs)
            if value is not _UNCHECKED and _comparable(got) != _comparable(value):
                log.warning("sidebar %s %r: drawn as %r, the view used %r", method, kwargs.get("key"), got, value)
                self.changed = True


def reset_filters() -> None:
    """Callback: clear every filter widget (the theme filter of every theme count too)."""
    for k in list(st.session_state.keys()):
        if k in state.FILTER_KEYS or state.is_theme_filter_key(k):
            del st.session_state[k]


def search_for(words: str) -> None:
    """Callback: the sidebar's "Containing words" set to ``words`` (a suggestion taken)."""
    st.session_state[state.WORDS] = words


def mentioning(actor: str) -> None:
    """Callback: the sidebar's "Mentioning" set to ``actor`` and "Containing words" cleared (a
    suggestion taken: the actor in every spelling instead of the words)."""
    st.session_state[state.ACTORS] = [actor]
    st.session_state[state.WORDS] = ""


def _unfound_words(sb: Controls, key: CorpusKey, filters: Filters) -> None:
    """Under the count of articles shown, when some of the words searched for find articles and
    others none: which find none (no article of the corpus holds them), and a query to try
    instead (:mod:`tonlage.search.spelling`). A search that finds nothing at all is said on the page
    (components.ui.no_articles)."""
    if len(parse_words(filters.words)[0]) < 2:
        return
    missing = cached.unfound_words(key, filters)
    if not missing:
        return
    sb.caption(t("No article holds {words}.", words=", ".join(missing)))
    offered = cached.respellings(key, filters, stars=False)
    if offered:
        words, n, _ = offered[0]
        sb.button(
            tn("Search for {words} ({n} article)", "Search for {words} ({n} articles)", n, words=words),
            key="respelling_sidebar",
            on_click=search_for,
            args=(words,),
            icon=":material/search:",
        )


def _analyse(key_n: int | None, workspace: str, theme_encoder: bool = False, controls: Controls | None = None) -> tuple:
    """Corpus key for ``key_n`` themes (in the quality mode with ``theme_encoder``). On first use the corpus is analysed, once for every
    reader who asks (see :class:`components.cached.AnalysisPending`): meanwhile the page shows
    what the analysis does, how far it is and how long is left, with a button to cancel."""
    key = cached.corpus_key(key_n, workspace, theme_encoder)
    if st.session_state.get(state.ANALYSIS_STOPPED) == key:
        if not progress.stopped_note("analysis"):
            end_page()
        del st.session_state[state.ANALYSIS_STOPPED]
    while True:
        try:
            cached.get_corpus(key)
            return key
        except cached.AnalysisPending as pending:
            try:
                progress.follow(
                    pending.job,
                    label=t("Reading and analysing the articles (once for every reader of this corpus) …"),
                    key="analysis",
                    # A long analysis: the language and corpus choices stay at hand while it runs.
                    before_box=None if controls is None else controls.draw,
                )
            except progress.Stopped:
                st.session_state[state.ANALYSIS_STOPPED] = key
                progress.stopped_note("analysis")
                end_page()
            if not pending.job.succeeded:
                pending.job.result()  # its error, for the reader's one plain sentence below


def _corpus_changed(widget_key: str) -> None:
    """Callback: another corpus has other authors, themes and articles; start afresh."""
    st.session_state[state.CORPUS] = st.session_state[widget_key]
    _forget_view()


def _forget_view() -> None:
    reset_filters()
    for k in (*state.KEPT_CHOICES, state.SELECTED_IDS, state.PENDING):
        st.session_state.pop(k, None)


def _corpus_choice(sb, lang: str) -> str:
    """The corpus selector: the bundled corpus or one of the reader's workspaces ("" = bundled).
    A link with ``?corpus=NAME`` opens that workspace.

    The choice lives in ``state.CORPUS``; the widget is keyed by the UI language, because its
    option labels are translated (a widget whose labels change would lose its value)."""
    names = cached.workspace_names()
    widget_key = f"corpus_pick_{lang}"
    if state.NEXT_CORPUS in st.session_state:  # set by the Corpus page before its rerun
        st.session_state[state.CORPUS] = st.session_state.pop(state.NEXT_CORPUS)
        _forget_view()
    elif state.CORPUS not in st.session_state:
        st.session_state[state.CORPUS] = st.query_params.get(state.QP_CORPUS, "")
    if st.session_state[state.CORPUS] not in names:
        st.session_state[state.CORPUS] = ""
    options = [""] + names
    if st.session_state.get(widget_key) != st.session_state[state.CORPUS]:
        # Set through session state (not index=): the browser then shows the new choice even
        # when it still holds the widget's old value.
        st.session_state[widget_key] = st.session_state[state.CORPUS]
    bundled = default_corpus_label()
    sb.selectbox(
        t("Corpus"),
        options=options,
        key=widget_key,
        on_change=_corpus_changed,
        args=(widget_key,),
        format_func=lambda n: bundled if n == "" else n,
        help=t("The bundled example articles, or one of your workspaces (add files on the page 'Your corpus')."),
    )
    workspace = st.session_state[state.CORPUS]
    if workspace:
        st.query_params[state.QP_CORPUS] = workspace
    else:
        st.query_params.pop(state.QP_CORPUS, None)
    return workspace


def _duration(seconds: float):
    """ "about 4 s" / "about 3 min", in the reader's language."""
    if seconds < 90:
        return t("about {n} s", n=tr().integer(max(1, round(seconds))))
    return t("about {n} min", n=tr().integer(round(seconds / 60)))


# Above this estimated cost, turning the quality mode on asks first: one stray click would start
# a re-analysis of about an hour at 100,000 articles. Below it, it starts at once.
ASK_ABOVE_SECONDS = 180.0


def _quality_switched(seconds: float) -> None:
    """Callback of the toggle: turned on at a cost above :data:`ASK_ABOVE_SECONDS`, it stays off
    and the sidebar asks first (:func:`_quality_start`, :func:`_quality_cancel`)."""
    st.session_state.pop(state.THEME_QUALITY_FAILED, None)
    if not st.session_state.get(state.THEME_QUALITY):
        _forget_quality_job()  # turned off while it ran: not wanted any more
    if st.session_state.get(state.THEME_QUALITY) and seconds > ASK_ABOVE_SECONDS:
        st.session_state[state.THEME_QUALITY] = False
        st.session_state[state.THEME_QUALITY_ASK] = True
    else:
        st.session_state.pop(state.THEME_QUALITY_ASK, None)


def _forget_quality_job(keep=None) -> None:
    """This reader no longer waits for the quality analysis in the background (another corpus,
    number of themes, or the mode turned off): it stops unless another reader waits for it."""
    job = st.session_state.get(state.THEME_QUALITY_JOB)
    if job is not None and job is not keep:
        job.unwatch(progress.session_id())
        del st.session_state[state.THEME_QUALITY_JOB]


def _quality_start() -> None:
    st.session_state[state.THEME_QUALITY] = True
    st.session_state.pop(state.THEME_QUALITY_FAILED, None)
    st.session_state.pop(state.THEME_QUALITY_ASK, None)


def _quality_cancel() -> None:
    st.session_state.pop(state.THEME_QUALITY_ASK, None)


def _quality_toggle(sb, n_articles: int) -> bool:
    """The themes' quality mode: its gain and cost are on screen (caption and help) before the
    reader turns it on; turning it on re-analyses the corpus once with the sentence encoder (its
    own cached analysis), turning it off returns to the standard one at once."""
    cost = encoder_cost(n_articles)
    if share.first_time(state.THEME_QUALITY) and st.query_params.get(share.QP["quality"]) == "1":
        # A shared link asks too before a long re-analysis starts for the one who opens it.
        if cost.seconds > ASK_ABOVE_SECONDS:
            st.session_state[state.THEME_QUALITY_ASK] = True
        else:
            st.session_state[state.THEME_QUALITY] = True
    if not cost.available:
        st.session_state[state.THEME_QUALITY] = False
        st.session_state.pop(state.THEME_QUALITY_ASK, None)
    default = {} if state.THEME_QUALITY in st.session_state else {"value": False}
    x = tr()
    on = sb.toggle(
        t("Better themes (slower)"),
        key=state.THEME_QUALITY,
        disabled=not cost.available,
        help=t(
            "Groups articles that say the same thing in other words into one theme, using a sentence encoder (Universal Sentence Encoder multilingual v3, Apache-2.0). It is installed with Tonlage: nothing is downloaded and no text leaves this computer. Measured on 509 German news articles sorted by newsroom desk: agreement of the themes with the desks (NMI) rose from {before} to {after} on the half not used for tuning. Cost on this machine: about {per} s more per 1,000 articles and about {mb} MB more memory. Turning it off returns to the standard themes at once.",
            before=x.decimal(NMI_STANDARD, 2),
            after=x.decimal(NMI_QUALITY, 2),
            per=x.integer(SECONDS_PER_1000),
            mb=x.integer(EXTRA_MEMORY_MB),
        ),
        on_change=_quality_switched,
        args=(cost.seconds,),
        persist_state=state.KEEP,
        **default,
    )
    if not cost.available:
        sb.caption(t("Not available: the sentence encoder is not installed."))
        return False
    sb.caption(
        t(
            "Themes closer to how a newsroom sorts articles (agreement with newsroom desks in a test: {before} → {after}). Costs {time} more for these {n} articles ({per} s per 1,000) and about {mb} MB more memory.",
            before=x.decimal(NMI_STANDARD, 2),
            after=x.decimal(NMI_QUALITY, 2),
            time=_duration(cost.seconds),
            n=x.integer(n_articles),
            per=x.integer(SECONDS_PER_1000),
            mb=x.integer(cost.memory_mb),
        )
    )
    failed = st.session_state.get(state.THEME_QUALITY_FAILED)
    if failed and not on:
        sb.warning(
            t("The better themes could not be made: {reason}. The standard themes are shown.", reason=failed),
            icon=":material/warning:",
        )
    if st.session_state.get(state.THEME_QUALITY_ASK) and not on:
        sb.info(
            t(
                "Better themes for these {n} articles take {time} and about {mb} MB more memory. The analysis runs in the background and can be cancelled at any time; until it is done, the standard themes stay in use.",
                n=x.integer(n_articles),
                time=_duration(cost.seconds),
                mb=x.integer(cost.memory_mb),
            ),
            icon=":material/schedule:",
        )
        sb.button(t("Start"), key="theme_quality_start", on_click=_quality_start, type="primary")
        sb.button(t("Cancel"), key="theme_quality_cancel", on_click=_quality_cancel)
    return bool(on)


def _better_themes(n_themes: int | None, workspace: str, sb: Controls):
    """The key of the quality mode's analysis once it is done; until then None (the standard
    themes stay in use) while it runs in the background, with its progress and a Cancel button
    in the sidebar (:func:`_quality_progress`), which brings the page to it when it ends. When
    it failed, the mode is turned off and the sidebar says why (no new attempt by itself)."""
    last = st.session_state.get(state.THEME_QUALITY_JOB)
    if last is not None and last.finished() and not last.succeeded:
        del st.session_state[state.THEME_QUALITY_JOB]
        try:
            last.result()
        except Exception as exc:
            log.exception("the quality mode's analysis failed")
            st.session_state[state.THEME_QUALITY_FAILED] = tr().message(message_of(exc))[:300] or type(exc).__name__
        # The toggle is drawn after the page (Controls): it shows off, and app.py reruns once.
        st.session_state[state.THEME_QUALITY] = False
        return None
    key = cached.corpus_key(n_themes, workspace, True)
    try:
        cached.get_corpus(key)
    except cached.AnalysisPending as pending:
        job = pending.job
        job.watch(progress.session_id())  # wanted: it runs on though nobody follows it on the page
        _forget_quality_job(keep=job)  # one asked for before (another corpus or number of themes)
        st.session_state[state.THEME_QUALITY_JOB] = job
        sb.call(_quality_progress, job)
        return None
    _forget_quality_job()  # done (or another one, no longer shown)
    return key


# How often the sidebar looks at the background analysis (a fragment: only its box reruns).
QUALITY_POLL_S = 2.0


@st.fragment(run_every=QUALITY_POLL_S)
def _quality_progress(job) -> None:
    if job.finished():
        st.rerun(scope="app")  # the page changes to the better themes (or says why it could not)
    p = job.progress()
    st.progress(p.fraction, text=t("Better themes: {what}", what=progress.describe(p)))
    st.caption(t("Running in the background; the standard themes are shown until they are ready."))
    st.button(
        t("Cancel"),
        key="theme_quality_stop",
        on_click=_quality_stop,
        args=(job,),
        icon=":material/stop_circle:",
    )


def _quality_stop(job) -> None:
    """Callback: the reader no longer wants the better themes (the analysis stops unless another
    reader waits for it); the standard ones stay."""
    job.unwatch(progress.session_id())
    st.session_state[state.THEME_QUALITY] = False
    st.session_state.pop(state.THEME_QUALITY_JOB, None)


def _fail(message: str) -> None:
    st.error(message)
    end_page()


def init_language() -> None:
    """The reader's language before anything is drawn: the one chosen in this session, else a
    shared link's, else the browser's.

    The language's radio button is drawn at the end of each run (:class:`Controls`) and kept
    for the session (``persist_state``): a page switch that comes while a run has not drawn it
    yet would otherwise clear it, as Streamlit does for every widget the browser did not report.
    Its value is also set again on every run, so that the radio button is always sent with the
    server's value: in fresh-clone CI runs, a German reader who opened the meeting pack right
    after pinning a chart got English pages, with no sign of a change on the server's side, as
    if the browser had reported the radio button's default (English, the first option)."""
    lang = st.session_state.get(state.LANG)
    if lang not in LANGUAGES:
        linked = st.query_params.get(share.QP["lang"])
        lang = linked if linked in LANGUAGES else default_language(st.context.locale)
    st.session_state[state.LANG] = lang


def render_link(slot) -> None:
    """The "Link to this view" box, drawn after the page ran (pages add their own choices, such
    as a comparison or actors), its link only built and shown while it is open."""
    with slot.container():
        with lazy_expander(t("Link to this view"), key=state.LINK_OPEN, icon=":material/link:") as box:
            if not box.open:
                return
            st.caption(
                t(
                    "Copy this link (button on the right): it opens this page with the same corpus, language, number of themes and filters."
                )
            )
            st.code(share.link(), language=None, wrap_lines=True)


def _article_filters(sb: Controls, opts: dict, lang: str) -> Filters:
    """The filters of "Which articles to show" (dates, kinds, authors, themes, actors, each
    story once): from a link on their first run, else as the reader left them.

    Their lists have no "Select all" (Streamlit's own, in English whatever the language): an
    empty filter already means any, and all themes picked would leave out the articles that
    have no main theme."""
    sb.subheader(t("Which articles to show"))
    date_from = date_to = None
    if opts["min_date"] is not None:
        lo, hi = opts["min_date"], opts["max_date"]
        share.restore_dates(state.DATES, lo, hi)
        share.follow_whole_span(state.DATES, lo, hi)  # the corpus's span grew or moved since
        share.drop_dates_outside(state.DATES, lo, hi)  # from another corpus or an old link
        # A value already in session state (a link, or an earlier run) must not be passed again.
        default = {} if state.DATES in st.session_state else {"value": (lo, hi)}
        picked = sb.date_input(
            t("Published between"),
            min_value=lo,
            max_value=hi,
            key=state.DATES,
            help=t("Articles without a date are only shown while the full range is selected."),
            format=day_format(lang).moment,
            persist_state=state.KEEP,
            **default,
        )
        picked = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
        if picked and isinstance(picked[0], dt.date) and picked[0] > lo:
            date_from = picked[0].isoformat()
        if len(picked) > 1 and isinstance(picked[1], dt.date) and picked[1] < hi:
            date_to = picked[1].isoformat()
    share.restore_list(state.GENRES, share.QP["genre"], opts["genres"])
    share.restore_list(state.SOURCES, share.QP["source"], opts["sources"])
    share.restore_list(state.AUTHORS, share.QP["author"], opts["authors"])
    share.restore_list(state.ACTORS, share.QP["actor"], opts["actors"])
    genres = sb.multiselect(
        t("Kind of article"),
        options=opts["genres"],
        key=state.GENRES,
        format_func=tr().genre,
        placeholder=t("Any"),
        persist_state=state.KEEP,
        select_all=False,
    )
    sources = _sources_filter(sb, opts["sources"])
    authors = sb.multiselect(
        t("Author"),
        options=opts["authors"],
        key=state.AUTHORS,
        format_func=lambda a: t("unknown") if a == "unknown" else a,
        placeholder=t("Any"),
        persist_state=state.KEEP,
        select_all=False,
    )
    theme_labels = dict(opts["themes"])
    share.restore_list(
        state.theme_filter_key(len(theme_labels)), share.QP["theme"], list(theme_labels), convert=lambda r: int(r) - 1
    )
    themes = sb.multiselect(
        t("Main theme"),
        options=list(theme_labels),
        key=state.theme_filter_key(len(theme_labels)),
        placeholder=t("Any"),
        format_func=lambda i: t_plain("Theme {n}: {label}", n=i + 1, label=theme_labels[i]),
        persist_state=state.KEEP,
        select_all=False,
    )
    actors = sb.multiselect(
        t("Mentioning"),
        options=opts["actors"],
        key=state.ACTORS,
        placeholder=t("Any"),
        persist_state=state.KEEP,
        select_all=False,
    )
    words = _words_filter(sb)
    once = True
    if opts["n_duplicates"]:
        if share.first_time(state.ONCE) and st.query_params.get(share.QP["once"]) == "0":
            st.session_state[state.ONCE] = False
        default = {} if state.ONCE in st.session_state else {"value": True}
        once = sb.toggle(
            t("Count each story once"),
            key=state.ONCE,
            help=t(
                "{n} articles are copies of a story that appears earlier (the same agency report in several outlets, or a page saved twice). When on, only the first copy is counted in charts and lists.",
                n=opts["n_duplicates"],
            ),
            persist_state=state.KEEP,
            **default,
        )
    return Filters(
        date_from,
        date_to,
        tuple(genres),
        tuple(authors),
        tuple(int(x) for x in themes),
        tuple(actors),
        bool(once),
        words,
        tuple(sources),
    )


def _sources_filter(sb: Controls, sources: list[str]) -> list[str]:
    """The "Source" list (outlets, publications), when the articles name any: a corpus without
    sources (the bundled one) gets no empty list to puzzle over."""
    if not sources:
        return []
    return sb.multiselect(
        t("Source"),
        options=sources,
        key=state.SOURCES,
        placeholder=t("Any"),
        help=t(
            "The outlet or publication, as the web page, the table's source column or metadata.csv names it. Articles without a source are left out while a source is chosen."
        ),
        persist_state=state.KEEP,
        select_all=False,
    )


def _words_filter(sb: Controls) -> str:
    """The "Containing words" box (:mod:`tonlage.search`): the words as the view keeps them
    (:func:`~tonlage.search.canonical_words`), from a link on its first run."""
    linked = share.linked_value(state.WORDS, share.QP["words"], str)
    if linked is not None:
        st.session_state[state.WORDS] = linked[:MAX_CHARS]
    typed = sb.text_input(
        t("Containing words"),
        key=state.WORDS,
        max_chars=MAX_CHARS,
        placeholder=t_plain("e.g. Waffenruhe, Sanktion*"),
        help=t(
            "Only articles whose headline or text holds at least one of these words. Separate words with commas; words without a comma between them are searched as one phrase. A + between words finds articles that hold all of them, anywhere: Trump + Putin. Upper or lower case does not matter. A * at the end also finds longer words: Sanktion* finds Sanktionen."
        ),
        persist_state=state.KEEP,
    )
    terms, cut = parse_words(typed or "")
    if cut:
        sb.caption(t("Only the first {n} words are searched.", n=MAX_TERMS))
    elif (typed or "").strip() and not terms:
        sb.caption(t("Type a word with letters or digits to search for it."))
    return canonical_words(typed or "")


def render_sidebar(sb: Controls):
    """The shared sidebar's controls, recorded in ``sb`` and drawn by app.py after the page (see
    :class:`Controls`); returns the slot of the "Link to this view" box (see render_link)."""
    init_language()
    sb.radio(
        t("Language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        horizontal=True,
        key=state.LANG,
        persist_state=state.KEEP,
        on_change=state.keep_choices,  # their labels change with the language
    )
    lang = current_language()

    workspace = _corpus_choice(sb, lang)
    corpus_dir = workspace or cached.corpus_paths()[0]
    try:
        key = _analyse(None, workspace, controls=sb)
    except Exception as exc:  # a reader sees one plain sentence, never a traceback
        log.exception("analysing %s failed", corpus_dir)
        _fail(
            t(
                "The articles could not be analysed: {reason}. Check that the folder {folder} contains text files and try again.",
                reason=tr().message(message_of(exc))[:300] or type(exc).__name__,
                folder=escape_text(corpus_dir),
            )
        )
    opts = cached.options(key)
    if opts["n_articles"] == 0 and workspace:
        sb.info(t("This workspace has no articles yet."))
        st.session_state[state.VIEW] = None  # the Corpus page still works; the others say why not
        return None
    if opts["n_articles"] == 0:
        skipped = cached.skipped(key)
        if len(skipped):
            st.dataframe(shown_table(skipped), hide_index=True, key="skipped_files_empty")
        _fail(
            t(
                "No articles were found in {folder}. Put .txt files there (one article per file) and reload the page.",
                folder=escape_text(corpus_dir),
            )
        )

    auto_n = int(cached.params(key).get("n_themes", 0))
    max_n = min(12, opts["n_articles"])
    # 0 = automatic (not None: a selectbox shows None as "no choice made" when its options change).
    choices = [0] + list(range(2, max_n + 1))
    share.restore_once(state.N_THEMES, share.QP["themes_n"], choices)
    if st.session_state.get(state.N_THEMES) not in choices:
        st.session_state[state.N_THEMES] = 0
    sb.selectbox(
        t("Number of themes"),
        options=choices,
        key=state.N_THEMES,
        help=t(
            "How many themes the articles are split into. 'Automatic' picks a number that suits the corpus size. Changing it re-analyses the texts."
        ),
        format_func=lambda n, auto=t("Automatic ({n})", n=auto_n): auto if n == 0 else str(n),
        persist_state=state.KEEP,
    )
    quality = _quality_toggle(sb, int(opts["n_articles"]))
    n_themes = st.session_state[state.N_THEMES] or None
    better = _better_themes(int(n_themes) if n_themes else None, workspace, sb) if quality else None
    if better is not None:
        key = better
        opts = cached.options(key)
    elif n_themes is not None:
        key = _analyse(int(n_themes), workspace, controls=sb)
        opts = cached.options(key)

    filters = _article_filters(sb, opts, lang)
    n_view = cached.n_in_view(key, filters)
    sb.caption(t("{n} of {total} articles shown", n=n_view, total=opts["n_articles"]))
    if n_view:
        _unfound_words(sb, key, filters)
    if filters._replace(count_once=True) != Filters():
        sb.button(t("Show all articles"), on_click=reset_filters, key="filter_reset")

    view = View(key, filters, lang)
    st.session_state[state.VIEW] = view
    share.publish(view, n_themes)
    return st.sidebar.empty()  # the link box, below the controls, drawn once the page has run (render_link)
