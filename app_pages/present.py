"""Presentation mode: the pinned charts one at a time, large, for a projector.

The sidebar and the app's controls are hidden; ← and → (or the buttons) step through the
charts, Esc ends the presentation. The pinned findings follow as a last slide.
"""

import streamlit as st
import streamlit.components.v1 as components

from components import pins, state
from components.i18n import t, t_plain
from tonlage.present.pack import PinnedChart
from tonlage.present.safe import escape_text

STAGE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], header { display: none !important; }
.block-container { padding-top: 1.2rem !important; max-width: 96vw !important; }
.tonlage-stage p, .tonlage-stage li { font-size: 1.7rem !important; line-height: 1.45; }
.tonlage-stage h1 { font-size: 2.6rem !important; }
</style>
"""


def _stop() -> None:
    st.session_state[state.PRESENTING] = False


def _step(by: int, n: int) -> None:
    st.session_state[state.SLIDE] = max(0, min(n - 1, st.session_state.get(state.SLIDE, 0) + by))


def _large(fig, height: int = 640):
    """The pinned figure with projector-sized type (the pin itself is left as it was)."""
    fig.update_layout(
        height=height,
        font=dict(size=22),
        title=dict(font=dict(size=32)),
        legend=dict(font=dict(size=20)),
        hoverlabel=dict(font=dict(size=20)),
    )
    fig.update_xaxes(title_font=dict(size=22), tickfont=dict(size=18))
    fig.update_yaxes(title_font=dict(size=22), tickfont=dict(size=18))
    return fig


# Our own fixed script, no corpus text: Streamlit keeps the scroll position of the page the
# presentation was started from (the bottom of the Meeting pack); start each slide at the top.
TO_TOP = """<script>
const main = window.parent.document.querySelector('[data-testid="stMain"]') || window.parent.document.querySelector("section.main");
if (main) { main.scrollTo(0, 0); }
window.parent.scrollTo(0, 0);
</script>"""

st.html(STAGE_CSS)
charts: list[PinnedChart] = pins.charts()
findings = pins.findings()
lang = state.view().lang if state.view() else "en"
slides = [("chart", c) for c in charts] + ([("findings", findings)] if findings else [])
n = len(slides)
i = min(st.session_state.get(state.SLIDE, 0), max(0, n - 1))

nav = st.columns([1, 1, 1, 4.5, 2])
nav[0].button(
    t("Back"),
    key="present_prev",
    icon=":material/arrow_back:",
    disabled=i == 0,
    on_click=_step,
    args=(-1, n),
    shortcut="Left",
)
nav[1].button(
    t("Next"),
    key="present_next",
    icon=":material/arrow_forward:",
    disabled=i >= n - 1,
    on_click=_step,
    args=(1, n),
    shortcut="Right",
)
nav[2].markdown(t("{i} / {n}", i=i + 1 if n else 0, n=n))
nav[4].button(t("End presentation"), key="present_stop", icon=":material/close:", on_click=_stop, shortcut="Esc")

components.html(TO_TOP + f"<!-- slide {i} -->", height=0)
if not n:
    st.info(t("No chart is pinned. End the presentation and pin charts first."))
elif slides[i][0] == "chart":
    chart = slides[i][1]
    st.plotly_chart(
        _large(chart.fig()),
        key=f"present_{chart.pin_id}",
        width="stretch",
        config={"displaylogo": False, "displayModeBar": False},
    )
    what = chart.what or chart.read
    # Each line of the text a paragraph, as on the pack's slide.
    paragraphs = "".join(f"<p>{escape_text(line)}</p>" for line in what.splitlines() if line.strip())
    st.markdown(f'<div class="tonlage-stage">{paragraphs}</div>', unsafe_allow_html=True)
    st.caption(escape_text(" · ".join(chart.caption)))
else:
    heading = escape_text(t_plain("Key findings"))
    st.markdown(
        f'<div class="tonlage-stage"><h1>{heading}</h1><ul>'
        + "".join(f"<li>{escape_text(f.text(lang))}</li>" for f in findings)
        + "</ul></div>",
        unsafe_allow_html=True,
    )
