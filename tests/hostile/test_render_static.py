"""Every Streamlit call of the app that renders Markdown or HTML gets escaped text only.

The walk itself lives in ``render_check.py``; the first test runs it over the app, the others
show on small programs that it finds what it must find (and lets through what is safe), so a
checker that has gone blind fails here too.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.hostile.render_check import check_sources, check_tree

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_passes_only_escaped_text_to_markdown():
    findings = check_tree(ROOT)
    assert not findings, "untrusted text may reach Markdown/HTML:\n" + "\n".join(map(str, findings))


def _check(src: str) -> list[str]:
    return [f"{f.call}:{f.argument}" for f in check_sources({"components/x.py": textwrap.dedent(src)})]


UNSAFE = {
    "a note as a caption": """
        def show(a):
            st.caption(a["note"])
        """,
    "a file name in an expander label": """
        def show(doc):
            with st.expander(f"Columns of {doc.name}"):
                pass
        """,
    "a title in HTML": """
        def show(title):
            html = f"<b>{title}</b>"
            st.markdown(html, unsafe_allow_html=True)
        """,
    "a loop over data": """
        def show(rows):
            for r in rows:
                st.markdown(f"> {r.text}")
        """,
    "an exception text": """
        def show():
            try:
                pass
            except ValueError as exc:
                st.error(str(exc))
        """,
    "a tooltip from the engine": """
        def show():
            ok, why = status()
            st.button("x", help=why)
        """,
    "a helper passed a raw title": """
        def _include(label, col):
            return col.checkbox(label)
        def show(doc, col):
            _include(doc.title, col)
        """,
    "a radio option label from data": """
        def show(names):
            st.radio("Pick", names, format_func=lambda n: n.upper())
        """,
    "a helper returning raw text": """
        def line(a):
            return a["title"] + " · " + a["author"]
        def show(a):
            st.info(line(a))
        """,
    "data put in by replace": """
        def show(a):
            st.caption(t("Title: X").replace("X", a["title"]))
        """,
    "a tab label from data": """
        def show(groups):
            st.tabs([g.name for g in groups])
        """,
    "a progress text with a file name": """
        def show(bar, name):
            bar.progress(0.5, text=name)
        """,
}


@pytest.mark.parametrize("src", UNSAFE.values(), ids=UNSAFE.keys())
def test_the_checker_finds_untrusted_text(src):
    assert _check(src), "the checker let this through"


SAFE = {
    "literal and translated text": """
        def show(a):
            st.caption("Fixed text")
            st.caption(t("Note on this file: {note}", note=a["note"]))
        """,
    "escaped data in markup": """
        def show(title, tone):
            st.markdown(f"<b>{escape_text(title)}</b> {tone:+.2f}", unsafe_allow_html=True)
        """,
    "a helper whose every call site escapes": """
        def _include(label, col):
            return col.checkbox(label)
        def show(doc, col):
            _include(escape_text(doc.title), col)
            _include(label=t("x"), col=col)
        """,
    "a helper that escapes what it returns": """
        def chip(text):
            return '<span class="chip">' + escape_text(text) + "</span>"
        def show(names):
            st.markdown("".join(chip(n) for n in names), unsafe_allow_html=True)
        """,
    "a loop over translated labels": """
        def show(neg, pos):
            for label, frame in ((t("neg"), neg), (t("pos"), pos)):
                st.markdown(f"**{label}**")
        """,
    "radio labels from a literal table": """
        def show(modes):
            st.radio("Mode", modes, format_func=lambda m, labels={"a": t("a"), "b": t("b")}: labels[m])
        """,
    "translated text with quotes escaped by replace": """
        def show():
            upload, more = ('"' + w.replace('"', '\\"') + '"' for w in (t("Upload"), t("More")))
            st.html("<style>p::after { content: " + upload + "; }</style>")
        """,
    "counts": """
        def show(items):
            st.subheader(f"{len(items)} items")
        """,
}


@pytest.mark.parametrize("src", SAFE.values(), ids=SAFE.keys())
def test_the_checker_lets_escaped_text_through(src):
    assert _check(src) == []


def test_escape_text_leaves_nothing_markdown_or_html_can_use():
    from tonlage.present.safe import WORD_JOINER, Md, escape_text

    hostile = (
        "![n](http://host/x.png) <img src=x onerror=alert(1)> [a](javascript:alert(1)) "
        "https://evil.example/p www.evil.example mail@evil.example :red[x] :material/home: $x^2$ "
        "\u202etxt.exe\u202c\x1b[2J\x07"
    )
    out = escape_text(hostile)
    assert isinstance(out, Md)
    for raw in (
        "![",
        "](",
        "<img",
        "http://",
        "https://",
        "www.",
        "@evil",
        ":red[",
        ":material/",
        "$x",
        "\u202e",
        "\x1b",
        "\x07",
    ):
        assert raw not in out, raw
    assert escape_text(out) == out, "escaping twice changes nothing"
    # a reader still sees the same characters: entities decoded and word joiners left out, only
    # the control and bidi characters are gone
    import html

    from tonlage.present.safe import plain_text

    assert html.unescape(out).replace(WORD_JOINER, "") == plain_text(hostile)
    assert "\u202e" not in plain_text(hostile) and "[2J" in plain_text(hostile)


def test_t_escapes_its_parameters_and_not_its_own_markup(monkeypatch):
    from components import i18n
    from tonlage.present.safe import Md

    monkeypatch.setattr(i18n, "current_language", lambda: "en")
    out = i18n.t("Note on this file: {note}", note="![x](http://host/p.png)")
    assert isinstance(out, Md) and "](" not in out and "http:" not in out
    nested = i18n.t(
        "How to read this: {text}",
        text=i18n.t(
            "**{files} files** (archive contents included): {loaded} loaded, {warnings} loaded with warnings, {skipped} skipped — **{articles} articles added**.",
            files=1,
            loaded=1,
            warnings=0,
            skipped=0,
            articles=2,
        ),
    )
    assert "**" in nested, "a translated parameter keeps its own Markdown"
    assert i18n.t_plain("Note on this file: {note}", note="a-b.c").endswith("a-b.c"), "plain text keeps its characters"
