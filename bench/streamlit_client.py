"""A light reader for load tests: it speaks Streamlit's own websocket protocol, not a browser.

What the browser does, and this client copies (Streamlit 1.67; these are internal APIs, so the
version it was written for is :data:`TESTED_STREAMLIT` and :func:`version_note` says when the
installed one differs):

- it opens ``/_stcore/stream`` with the websocket subprotocol ``streamlit``;
- the server answers nothing until the client asks for a run: a ``BackMsg`` whose
  ``rerun_script`` is a ``ClientState`` (query string, page script hash, the widget values that
  changed, and the browser's context: locale, url, time zone);
- the server streams ``ForwardMsg``s: ``new_session`` and ``navigation`` (the pages and their
  script hashes), ``delta`` (every element; widgets carry their id, options and value),
  ``page_info_changed`` (the query string the app set), and ``script_finished`` when the run is
  done. A run that ends with ``FINISHED_EARLY_FOR_RERUN`` is followed by another run
  (``st.rerun``, ``st.switch_page``, a callback), so the client waits for the run that finishes
  successfully.

A widget change is a rerun with that widget's new state (``WidgetState``: its id and a value of
the widget's type; a multiselect sends the chosen options as they are shown, a
``string_array_value``); a page switch is a rerun with the other page's script hash. The server
keeps the values of widgets not sent, as it does for a browser.

Only loopback use is intended: the benches and tests start their own server on a free port.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

__all__ = ["ReaderClient", "RunResult", "ProtocolError", "TESTED_STREAMLIT", "version_note"]

log = logging.getLogger(__name__)

TESTED_STREAMLIT = "1.67"


def version_note() -> str:
    """An empty string, or a warning that the installed Streamlit is not the one the client was
    written for (the protocol is internal and may change between versions)."""
    import streamlit

    if streamlit.__version__.startswith(TESTED_STREAMLIT + ".") or streamlit.__version__ == TESTED_STREAMLIT:
        return ""
    return f"warning: written for Streamlit {TESTED_STREAMLIT}, running {streamlit.__version__}"


class ProtocolError(RuntimeError):
    """The server closed the stream, timed out, or sent something this client cannot follow."""


@dataclass
class RunResult:
    """One finished script run, as seen by the client."""

    seconds: float  # from sending the request to the successful script_finished
    runs: int  # script runs it took (a run ending early for a rerun counts too)
    exceptions: list[str] = field(default_factory=list)  # st.exception / uncaught errors shown
    elements: int = 0  # elements and blocks received
    first_chart_s: float | None = None  # from the request to the first plotly chart received


@dataclass
class _Widget:
    id: str
    kind: str
    options: tuple[str, ...] = ()


class ReaderClient:
    """One browser tab's worth of Streamlit session, over one websocket.

    Args:
        base_url: ``http://127.0.0.1:PORT`` of a running server.
        query: The query string the tab opens with (``corpus=NAME`` opens a workspace).
        locale: The browser's language (the app picks its language from it).
        timeout: Seconds any one run may take before it counts as failed.
    """

    def __init__(self, base_url: str, *, query: str = "", locale: str = "en-US", timeout: float = 180.0):
        self.base_url = base_url.rstrip("/")
        self.query = query
        self.locale = locale
        self.timeout = timeout
        self.pages: dict[str, str] = {}  # url path ("" = the default page) -> page script hash
        self.page_hash = ""
        self.widgets: dict[str, _Widget] = {}  # user key -> widget (from the last run)
        self.texts: list[str] = []  # the markdown and captions of the last run, as sent
        self._ws = None

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        url = self.base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self._ws = await connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def __aenter__(self) -> ReaderClient:
        await self.connect()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    # -- what a reader does ---------------------------------------------------------------

    async def open(self) -> RunResult:
        """The first run of a new session (what a browser does on load)."""
        return await self.rerun()

    async def set_multiselect(self, key: str, values: list[str]) -> RunResult:
        """Pick ``values`` (as shown) in the multiselect with widget key ``key``."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        w = self._widget(key, "multiselect")
        state = WidgetState(id=w.id)
        state.string_array_value.data.extend(values)
        return await self.rerun([state])

    async def set_text_input(self, key: str, value: str) -> RunResult:
        """Type ``value`` into the text box with widget key ``key`` (as a reader does, then Enter)."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        w = self._widget(key, "text_input")
        state = WidgetState(id=w.id)
        state.string_value = value
        return await self.rerun([state])

    async def set_tab(self, key: str, label: str) -> RunResult:
        """Open the tab ``label`` (as shown) of the tabs with key ``key`` (tabs that rerun when
        switched: components.ui.page_tabs)."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        w = self._widget(key, "tabs")
        state = WidgetState(id=w.id)
        state.string_value = label
        return await self.rerun([state])

    async def switch_page(self, url_path: str) -> RunResult:
        """Go to the page at ``url_path`` (as in the browser's address bar)."""
        if url_path not in self.pages:
            raise ProtocolError(f"no page {url_path!r}; the app has {sorted(self.pages)}")
        self.page_hash = self.pages[url_path]
        return await self.rerun()

    def options(self, key: str) -> tuple[str, ...]:
        """The options (as shown) of the widget with key ``key`` in the last run."""
        return self._widget(key).options

    # -- the protocol -----------------------------------------------------------------------

    def _widget(self, key: str, kind: str | None = None) -> _Widget:
        w = self.widgets.get(key)
        if w is None or (kind and w.kind != kind):
            raise ProtocolError(f"no {kind or 'widget'} with key {key!r} in the last run")
        return w

    async def rerun(self, widget_states: list | None = None) -> RunResult:
        """Ask for a run with the given widget states and wait until it has finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if self._ws is None:
            raise ProtocolError("not connected")
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash
        cs.widget_states.widgets.extend(widget_states or [])
        cs.context_info.locale = self.locale
        cs.context_info.url = self.base_url + "/"
        cs.context_info.timezone = "Europe/Berlin"
        t0 = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        result = await asyncio.wait_for(self._until_finished(), self.timeout)
        result.seconds = time.perf_counter() - t0
        if result.first_chart_s is not None:  # _delta noted the clock's reading
            result.first_chart_s -= t0
        return result

    async def _until_finished(self) -> RunResult:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        result = RunResult(0.0, 0)
        self.widgets = {}
        self.texts = []
        while True:
            try:
                raw = await self._ws.recv()
            except Exception as exc:  # closed by the server, reset
                raise ProtocolError(f"stream ended: {type(exc).__name__}: {exc}") from exc
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "delta":
                self._delta(fm.delta, result)
            elif kind == "new_session":
                self._pages(fm.new_session.app_pages, fm.new_session.page_script_hash)
            elif kind == "navigation":
                self._pages(fm.navigation.app_pages, fm.navigation.page_script_hash)
            elif kind == "page_info_changed":
                self.query = fm.page_info_changed.query_string
            elif kind == "page_not_found":
                result.exceptions.append(f"page not found: {fm.page_not_found.page_name}")
            elif kind == "script_finished":
                result.runs += 1
                status = fm.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return result
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    result.exceptions.append("script did not compile")
                    return result
                self.widgets, self.texts = {}, []  # ended early: a new run follows and draws the page again

    def _pages(self, app_pages, current: str) -> None:
        if app_pages:
            self.pages = {p.url_pathname: p.page_script_hash for p in app_pages}
        if current:
            self.page_hash = current

    def _delta(self, delta, result: RunResult) -> None:
        result.elements += 1
        if delta.WhichOneof("type") == "add_block" and delta.add_block.WhichOneof("type") == "tab_container":
            tabs = delta.add_block.tab_container
            if tabs.id:  # tabs that tell the server which one is open
                self.widgets[_user_key(tabs.id)] = _Widget(tabs.id, "tabs")
            return
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        kind = el.WhichOneof("type")
        if kind == "markdown":
            self.texts.append(el.markdown.body)
        if kind == "plotly_chart" and result.first_chart_s is None:
            result.first_chart_s = time.perf_counter()  # made relative to the request in rerun
        if kind == "exception":
            result.exceptions.append(f"{el.exception.type}: {el.exception.message}"[:300])
            return
        if kind in ("multiselect", "selectbox", "radio", "date_input", "checkbox", "button", "slider", "text_input"):
            w = getattr(el, kind)
            self.widgets[_user_key(w.id)] = _Widget(w.id, kind, tuple(getattr(w, "options", ())))


def _user_key(wid: str) -> str:
    """The key the app gave a widget, from the id Streamlit sends (``$$ID-<hash>-<key>``)."""
    return wid.split("-", 2)[2] if wid.startswith("$$ID-") and wid.count("-") >= 2 else wid
