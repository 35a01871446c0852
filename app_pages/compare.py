"""Compare: two periods side by side (before/after an event, or two date ranges)."""

import streamlit as st

from components import cached, compare_view, pack_view
from components.findings_view import render_findings
from components.i18n import t, translator
from components.ui import chart_caption, current_view, end_page, no_articles, show_chart
from tonlage.present import charts, pack
from tonlage.present.safe import escape_text

view = current_view()
tr = translator(view.lang)
key, f = view.corpus_key, view.filters

st.title(t("Compare two periods"), anchor=False)
st.markdown(
    t(
        "How did the wording change? Pick an event to compare the articles before and after it, or pick two date ranges. The filters in the sidebar still apply."
    )
)

windows = compare_view.pick_windows(key, view.lang, cached.articles_in_view(key, f)["date"])
if windows is None:
    no_articles()
    end_page()
cmp = cached.comparison(key, f, *windows)
found = cached.comparison_findings(key, f, *windows)
compare_view.render_summary(cmp)
st.button(
    t("Add this comparison to the meeting pack"),
    key="compare_pin_all",
    icon=":material/slideshow:",
    type="primary",
    on_click=pack_view.pin_comparison,
    args=(view, cmp, found, st.session_state.get(compare_view.DECK_TITLE)),
    help=t(
        "Pins the tone and actor charts of this comparison and its findings. Quotes: pin the example sentences you want below."
    ),
)

caption = chart_caption(view, windows=(cmp.a, cmp.b))
show_chart(
    charts.compare_tone_figure(cmp, tr=tr),
    key="compare_tone",
    tone=True,
    read=t(
        "the dots are the mean tone of each period's sentences; the diamond is the change, with a bar for its 95% interval. A bar that crosses 0 means the change may be chance."
    ),
    data=pack.comparison_table(cmp, tr),
    caption=caption,
)
render_findings(
    found,
    key=key,
    lang=view.lang,
    prefix="compare_f",
    page_chart_keys=("compare_tone", "compare_themes", "compare_actors", "compare_actor_tone"),
)
# One under the other, each the page's width: side by side, long theme names left the themes'
# bars a sliver, with their axis title cut ("Veränderung des Textanteils (Pp"), even at 1,400 px.
for chart_key in pack.CHANGE_CHARTS:
    fig, read, table = pack.change_chart(cmp, chart_key, tr)
    show_chart(fig, key=chart_key, read=read, data=table, caption=caption)
fig, read, table = pack.actor_tone_chart(cmp, tr)
if len(table):
    show_chart(fig, key="compare_actor_tone", tone=True, read=read, data=table, caption=caption)
else:
    st.caption(escape_text(read))  # why there is no chart
compare_view.render_examples(cmp, key)
