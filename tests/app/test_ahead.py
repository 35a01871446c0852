"""Work a page starts ahead (components.cached.ahead): a shared cached call made in a background
thread while the page draws what comes before it, found in the cache (or waited for) by the
page's own call, never made twice, never failing the page in the background."""

from __future__ import annotations

import threading

import streamlit as st

from components import cached


def test_a_call_started_ahead_is_made_once_and_its_value_is_the_pages():
    made: list[tuple[int, str]] = []

    @st.cache_resource(show_spinner=False)
    def square(x: int) -> list[int]:
        made.append((x, threading.current_thread().name))
        return [x * x]

    assert cached.ahead(square, 7)
    assert cached.ahead_idle(30)
    value = square(7)  # the page's own call, after the work ahead finished
    assert value == [49]
    assert len(made) == 1 and made[0][1].startswith("tonlage-ahead")  # made in the background, once
    assert square(7) is value  # the shared object


def test_the_pages_call_waits_for_the_same_call_running_ahead_instead_of_making_it_again():
    started, release = threading.Event(), threading.Event()
    made: list[str] = []

    @st.cache_resource(show_spinner=False)
    def slow(x: int) -> list[int]:
        made.append(threading.current_thread().name)
        started.set()
        release.wait(30)
        return [x]

    assert cached.ahead(slow, 1)
    assert started.wait(30)
    threading.Timer(0.2, release.set).start()
    assert slow(1) == [1]  # blocks on Streamlit's lock of this key until the background call ends
    assert len(made) == 1 and made[0].startswith("tonlage-ahead")
    assert cached.ahead_idle(30)


def test_a_call_that_fails_ahead_fails_again_where_the_page_makes_it():
    calls: list[int] = []

    @st.cache_resource(show_spinner=False)
    def broken(x: int) -> int:
        calls.append(x)
        raise ValueError("no such corpus")

    assert cached.ahead(broken, 3)
    assert cached.ahead_idle(30)
    assert calls == [3]  # tried in the background, the error kept from the page ...
    try:
        broken(3)
    except ValueError as err:  # ... which raises it itself: an error is never cached
        assert "no such corpus" in str(err)
    else:
        raise AssertionError("the page's own call should have failed")
    assert calls == [3, 3]


def test_no_more_than_a_few_calls_wait_ahead_under_a_crowd():
    release = threading.Event()
    done: list[int] = []

    def hold(x: int) -> None:
        release.wait(30)
        done.append(x)

    started = [cached.ahead(hold, i) for i in range(cached.AHEAD_MAX_WAITING + 3)]
    assert started == [True] * cached.AHEAD_MAX_WAITING + [False] * 3  # the rest left to the pages
    assert not cached.ahead_idle(0.05)
    release.set()
    assert cached.ahead_idle(30)
    assert sorted(done) == list(range(cached.AHEAD_MAX_WAITING))
    assert cached.ahead(hold, 99) and cached.ahead_idle(30)  # room again once they are done
