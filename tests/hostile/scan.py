"""Read what an AppTest run sends to the browser and find untrusted text that is not inert.

Every element Streamlit would draw is a protobuf message. Its label, body, tooltip and
caption fields are rendered as Markdown by the browser; option lists, input values, code and
tables are shown as plain text; a Plotly spec is JSON whose text fields Plotly renders as a
small HTML subset. The scan applies the rule of each kind of field:

* Markdown fields must hold none of the raw markers of :mod:`tests.hostile.strings` and no
  entity that was escaped twice (``&amp;#46;`` would show as "&#46;");
* plain fields must hold no entity at all (``&#45;`` would show as those five characters);
* Plotly specs must hold no raw ``<`` from the corpus and no Markdown entity.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from google.protobuf.json_format import MessageToDict

from tests.hostile.strings import RAW_MARKERS

MARKDOWN_FIELDS = frozenset({"body", "label", "help", "text", "caption", "captions", "placeholder_markdown"})
PLAIN_FIELDS = frozenset({"options", "default", "value", "placeholder", "formatted_options"})
# Element kinds whose body is shown as plain text (st.code, st.text, st.json, st.exception).
PLAIN_ELEMENTS = frozenset({"code", "text", "json", "exception", "doc_string"})
ENTITY = re.compile(r"&#\d+;")
# What GFM and Streamlit look for in text *after* entities are decoded: autolink literals,
# e-mail addresses, emoji/icon shortcodes and colour directives. A word joiner breaks them.
DECODED = re.compile(r"(?i)\b(?:https?|ftp|mailto):|\bwww\.|[\w.+-]@[\w-]+\.\w|:[a-z0-9_+-]+:|:[a-z]+\[")


@dataclass(frozen=True)
class Problem:
    element: str
    field: str
    value: str
    why: str

    def __str__(self) -> str:
        return f"{self.element}.{self.field}: {self.why}: {self.value[:160]!r}"


def _strings(value, path=()):
    """(field path, string) of every string in a MessageToDict result."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, k))
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, path)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def element_problems(kind: str, proto) -> list[Problem]:
    problems: list[Problem] = []
    data = MessageToDict(proto, preserving_proto_field_name=True)
    if kind == "plotly_chart":
        spec = data.get("spec", "")
        try:
            fig = json.loads(spec) if spec else {}
        except ValueError:
            fig = {}
        for path, s in _strings(fig):
            if "<img" in s or "<a " in s.lower() or "\u202e" in s:
                problems.append(Problem(kind, ".".join(map(str, path)), s, "raw markup in a chart"))
            if ENTITY.search(s):
                problems.append(Problem(kind, ".".join(map(str, path)), s, "Markdown entity shown in a chart"))
        return problems
    if kind in ("arrow_data_frame", "dataframe", "arrow_table", "plotly"):
        return problems
    for path, s in _strings(data):
        field = _snake(str(path[-1])) if path else ""
        if field in ("id", "form_id", "icon", "key", "url", "page_script_hash", "deferred_file_id", "type"):
            continue
        plain = kind in PLAIN_ELEMENTS or field in PLAIN_FIELDS
        if plain:
            if ENTITY.search(s):
                problems.append(Problem(kind, ".".join(path), s, "entity shown as text"))
            continue
        if field in MARKDOWN_FIELDS or kind in ("markdown", "alert", "heading", "toast", "caption"):
            for marker in RAW_MARKERS:
                if marker in s:
                    problems.append(Problem(kind, ".".join(path), s, f"raw {marker!r} in Markdown"))
            decoded = html.unescape(s)
            if ENTITY.search(decoded):
                problems.append(Problem(kind, ".".join(path), s, "escaped twice"))
            found = DECODED.search(decoded)
            if found:
                problems.append(Problem(kind, ".".join(path), s, f"{found.group(0)!r} becomes a link or icon"))
    return problems


def shown_strings(at, kinds: set[str] | None = None) -> list[str]:
    """Every string of every element (of ``kinds``) drawn in the last run."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", "") != "root" and (kinds is None or node.type in kinds):
            out.extend(s for _, s in _strings(MessageToDict(proto, preserving_proto_field_name=True)))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return out


def scan(at) -> list[Problem]:
    """Every problem in what the last run of ``at`` drew (main area and sidebar)."""
    out: list[Problem] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is not None and kind not in ("root",):
            out.extend(element_problems(kind, proto))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return out
