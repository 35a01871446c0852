"""Progress of heavy work in the page: what it is doing, how far it is, how long is left, and
a way to stop it (see :mod:`tonlage.analysis.jobs`: the engine reports, this draws).

- :func:`follow` shows a shared job (an analysis several readers may be waiting for) until it
  ends, with a *Cancel* button; a reader who cancels stops waiting, and the job stops when
  nobody waits for it any more.
- :func:`queue_note` is the ``on_wait`` of work run in the reader's own run (an import, a
  pack): "waiting for 2 other jobs".
"""

from __future__ import annotations

import hashlib
import logging

import streamlit as st

from components.i18n import t, tn, tr
from tonlage.analysis.jobs import Job, Progress

__all__ = ["follow", "describe", "queue_note", "session_id", "Stopped"]

log = logging.getLogger(__name__)

POLL_S = 0.2  # how often the bar is redrawn while the job runs (and a Cancel click is seen)
# A job that ends this soon draws no box: an analysis kept on disk opens in a tenth of a second,
# and drawing a status box for it (st.status alone sleeps 50 ms) and then removing it cost a
# fresh server's first page about 0.1 s of script time and a flash of a box in the browser.
QUIET_S = 0.3


class Stopped(Exception):
    """The reader cancelled the work they were waiting for."""


def session_id() -> str:
    """This reader's session (who watches a shared job)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "no-session"


def describe(p: Progress) -> str:
    """One line for a progress bar: what it does, how far, how long is left (or where it
    waits in the queue)."""
    if p.state == "queued":
        n = p.ahead + p.running
        return tn(
            "Waiting for {n} other job to finish first …", "Waiting for {n} other jobs to finish first …", max(1, n)
        )
    if not p.stage:
        return t("Starting …")
    stage = tr()(p.stage, **dict(p.stage_params))
    if p.total and p.stage_left is not None and p.done:
        return t(
            "{stage}: {done} of {total}, about {seconds} s left",
            stage=stage,
            done=p.done,
            total=p.total,
            seconds=max(1, round(p.stage_left)),
        )
    if p.total:
        return t("{stage}: {done} of {total}", stage=stage, done=p.done, total=p.total)
    return t("{stage} …", stage=stage)


def queue_note(box):
    """``on_wait`` for :meth:`tonlage.analysis.jobs.JobQueue.slot` that says so in ``box`` (an st.empty)."""

    def show(ahead: int, running: int) -> None:
        n = max(1, ahead + running)
        box.info(
            tn(
                "Waiting for {n} other job to finish first (analyses, imports and packs take turns) …",
                "Waiting for {n} other jobs to finish first (analyses, imports and packs take turns) …",
                n,
            ),
            icon=":material/hourglass_top:",
        )

    return show


def follow(job: Job, *, label: str, key: str, before_box=None) -> None:
    """Show ``job`` until it has ended; returns then (its result or error is the job's).
    ``before_box`` (no arguments) is called when the job takes long enough for the box to be
    drawn (the sidebar draws its controls then).

    Raises:
        Stopped: The reader pressed *Cancel* (the job itself stops when nobody else waits).
    """
    who = session_id()
    job.watch(who)
    if job.wait(QUIET_S):
        return
    if before_box is not None:
        before_box()
    slot = st.empty()
    with slot.container():
        box = st.status(label, expanded=True, state="running")
        bar = box.progress(job.progress().fraction, text=describe(job.progress()))
        # One run can wait for two jobs (the automatic theme count, then the chosen one): the
        # button's key names the job, stable across reruns so a click reaches the run after it.
        job_tag = hashlib.sha1(repr(job.key).encode()).hexdigest()[:10]
        if box.button(t("Cancel"), key=f"cancel_{key}_{job_tag}", icon=":material/stop_circle:"):
            stopped = job.unwatch(who)
            log.info("reader %s stopped waiting for %s (job stopped: %s)", who, job.kind, stopped)
            slot.empty()
            raise Stopped(job.kind)
        while not job.wait(POLL_S):  # each redraw is also where a Cancel click interrupts this run
            p = job.progress()
            bar.progress(p.fraction, text=describe(p))
    slot.empty()


def stopped_note(key: str) -> bool:
    """After a reader cancelled: say so and offer to start again. True when they ask to."""
    st.info(
        t("The analysis was stopped. Nothing was changed; choose another corpus or start it again."),
        icon=":material/stop_circle:",
    )
    return st.button(t("Analyse again"), key=f"again_{key}", icon=":material/refresh:", type="primary")
