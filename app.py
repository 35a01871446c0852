"""Tonlage: how German press talks about something over time.

Router only: page config, the shared sidebar (language, themes, filters) and navigation.
Pages live in app_pages/ (not "pages/", which would switch Streamlit to its legacy mode).
"""

import gc
import logging
import sys
from pathlib import Path

import streamlit as st

from components import server

# Served by `python -m components.server` (make run), a fresh server has been importing the first
# page's modules while it waited for this reader: it stops here, and this run imports the rest.
server.claim_imports()

# A fresh server's first run imports pandas and the engine: most of the objects the process will
# ever hold, and all of them for good. The garbage collector scanned them in full twice before the
# first chart was drawn (0.1-0.3 s); it waits for these imports, and then leaves them out of its
# scans (gc.freeze). Once per process: later runs find the modules imported.
_FIRST_IMPORT = "components.filters" not in sys.modules
if _FIRST_IMPORT:
    gc.disable()
try:
    from components import cached, filters, share, state, ui
    from components.i18n import t
    from tonlage import settings
finally:  # a failed import must not leave the server without a collector
    if _FIRST_IMPORT:
        gc.freeze()
        gc.enable()

# One BLAS thread in the server, as the engine's own factorisations have: a product's threads
# wait for cores the readers' runs are using (a view's theme sums took 8 ms instead of 0.6 on
# the shared 2-core machine). Once per process, ~6 ms.
if _FIRST_IMPORT:
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")

# The engine's and the app's own loggers, on the console of the server (readers never see a
# traceback: .streamlit/config.toml hides error details; the console keeps them).
logging.basicConfig(level=settings.log_level(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")

# Our own icon for the browser tab: a Material icon name here would make every browser fetch
# it from fonts.gstatic.com, a request to a third party on every page.
ICON = str(Path(__file__).resolve().parent / "assets" / "tonlage-icon.png")
OVERVIEW = "app_pages/overview.py"


def _to_overview() -> None:
    """/overview (the Overview's own name) opens the Overview at the app's root, filters kept."""
    st.switch_page(OVERVIEW, query_params=st.query_params.to_dict())


def _pages() -> dict[str, list]:
    """The pages by section of the top menu: the reading pages side by side, then one menu
    holding the checking, the reader's own corpus and the method. Ten pages side by side did not
    fit at 1,400 px in German: Streamlit folded the last into its own "1 more", in English."""
    return {
        "": [
            st.Page(OVERVIEW, title=t("Overview"), icon=":material/dashboard:", url_path="", default=True),
            st.Page("app_pages/tone.py", title=t("Tone"), icon=":material/contrast:", url_path="tone"),
            st.Page("app_pages/themes.py", title=t("Themes"), icon=":material/category:", url_path="themes"),
            st.Page("app_pages/actors.py", title=t("Actors"), icon=":material/groups:", url_path="actors"),
            st.Page("app_pages/compare.py", title=t("Compare"), icon=":material/compare_arrows:", url_path="compare"),
            st.Page("app_pages/articles.py", title=t("Articles"), icon=":material/article:", url_path="articles"),
            st.Page(state.PACK_PAGE, title=t("Meeting pack"), icon=":material/slideshow:", url_path="pack"),
            st.Page(_to_overview, title=t("Overview"), url_path="overview", visibility="hidden"),
        ],
        t("Data & method"): [
            st.Page("app_pages/check.py", title=t("Check the tone"), icon=":material/fact_check:", url_path="check"),
            st.Page("app_pages/corpus.py", title=t("Your corpus"), icon=":material/upload_file:", url_path="corpus"),
            st.Page("app_pages/about.py", title=t("About & method"), icon=":material/info:", url_path="about"),
        ],
    }


def _skip_repl_check() -> None:
    """Streamlit asks once per process, at the first element it sends, whether it runs in a
    Python prompt (to print a hint), with ``inspect.stack()``: with pandas and plotly imported
    that resolves the file of every loaded module, 0.08-0.1 s before the first paint of a fresh
    server. Under ``streamlit run`` the answer is always no, so the check is marked as done.
    A private flag of Streamlit 1.67 (constraints.txt pins it): when it is gone, nothing changes."""
    from streamlit import delta_generator, runtime

    if runtime.exists() and hasattr(delta_generator, "_use_warning_has_been_displayed"):
        delta_generator._use_warning_has_been_displayed = True


def main() -> None:
    _skip_repl_check()
    st.set_page_config(page_title="Tonlage", page_icon=ICON, layout="wide", initial_sidebar_state="expanded")
    filters.init_language()
    if st.session_state.get(state.PRESENTING):
        # Presentation mode: one page, no menu; the sidebar still runs (hidden by the page) so
        # the reader's filters are all there when the presentation ends.
        page = st.navigation(
            [st.Page(state.PRESENT_PAGE, title=t("Presentation"), url_path="present")], position="hidden"
        )
    else:
        page = st.navigation(_pages(), position="top")
    share.keep_page_params(page.url_path)
    st.sidebar.title(t("Tonlage"))
    tagline = st.sidebar.empty()  # filled once the sidebar knows which corpus is shown
    # The sidebar's controls are drawn after the page, in their place below the tagline: the
    # page's first chart reaches the browser before the widgets' scripts (filters.Controls).
    controls = filters.Controls(st.sidebar.container())
    link_slot = None
    try:
        link_slot = filters.render_sidebar(controls)
        tagline.caption(
            t("How the press talks about your topic, over time")
            if st.session_state.get(state.CORPUS) or not cached.bundled_folder()
            else t("How German press talks about US–Russia diplomacy over the Ukraine war, over time")
        )
        page.run()
    except ui.PageEnd:
        pass  # the page ended early (ui.end_page): nothing more to show but the sidebar below
    finally:  # also when the sidebar or the page ends early or fails: the controls are always there
        controls.draw()
        ui.streamlit_words_in_language()
        if link_slot is not None:
            filters.render_link(link_slot)  # with the page's own choices (comparison, actors)
        _resync(controls.changed)


def _resync(changed: bool) -> None:
    """One rerun when a sidebar widget was drawn with another value than the page used (see
    filters.Controls); never twice in a row, so a widget that keeps differing cannot loop."""
    if changed and not st.session_state.get(state.SIDEBAR_RESYNC):
        st.session_state[state.SIDEBAR_RESYNC] = True
        st.rerun()
    st.session_state.pop(state.SIDEBAR_RESYNC, None)


# The engine's worker processes (forkserver/spawn, for large corpora) re-import the entry
# script as "__mp_main__"; they must not run the app.
if __name__ != "__mp_main__":
    main()
