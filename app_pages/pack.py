"""Meeting pack: the pinned charts, findings and quotes become a PowerPoint deck and a PDF."""

import streamlit as st

from components import pack_view, pins
from components.i18n import t
from components.ui import current_view, end_page

view = current_view()

st.title(t("Meeting pack"), anchor=False)
st.markdown(
    t(
        "Everything you pinned while exploring: charts (the **Add to meeting pack** button under each chart), findings and quotes. Choose what goes in, then build a PowerPoint deck and a PDF, or present the charts from here."
    )
)

if not pins.count():
    pack_view.render_empty(view)
    end_page()

title, subtitle = pack_view.render_title(view)
chosen_charts = pack_view.render_charts(view)
chosen_findings = pack_view.render_findings(view)
chosen_quotes = pack_view.render_quotes()
pack_view.render_build(view, title, subtitle, chosen_charts, chosen_findings, chosen_quotes)
