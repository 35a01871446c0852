"""The per-article work on a Dask cluster (tonlage.analysis.cluster): a LocalCluster of two worker
processes gives the same tables and themes as the local run; an unusable cluster is one
sentence and a non-zero exit; Dask is loaded only when a scheduler is given."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.corpora import MARCH_2025, write_dated_corpus
from tonlage import DEFAULT_CORPUS_DIR
from tonlage.analysis.pipeline import _read_file, analyse_folder
from tonlage.cli import main
from tonlage.themes import partitions

# A cancelled analysis must not leave a generator that talks to a closed client when collected.
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("articles", "sentences", "mentions", "themes", "article_themes", "skipped")


@pytest.fixture(scope="module")
def scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        yield cluster.scheduler_address


def _same(local, remote) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(local, name), getattr(remote, name), obj=name)
    assert local.params["n_themes"] == remote.params["n_themes"]


@pytest.mark.slow
def test_the_bundled_corpus_on_two_dask_workers_gives_the_local_results(scheduler):
    local = analyse_folder(DEFAULT_CORPUS_DIR, workers=1)
    remote = analyse_folder(DEFAULT_CORPUS_DIR, scheduler=scheduler)
    assert remote.params["workers"] == 2  # the cluster's worker threads, not this process
    assert len(remote.sentences) > 100
    _same(local, remote)


@pytest.mark.slow
def test_a_constructed_corpus_in_small_partitions_keeps_its_order(scheduler, tmp_path):
    # 12 articles in partitions of 8 (the smallest): two partitions, which could come back in
    # either order; an unreadable file is listed as skipped, as locally.
    write_dated_corpus(tmp_path, MARCH_2025)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    local = analyse_folder(tmp_path, workers=1)
    remote = analyse_folder(tmp_path, scheduler=scheduler)
    assert list(remote.skipped["file"]) == ["broken.pdf"]
    _same(local, remote)


@pytest.mark.slow
def test_a_path_the_workers_cannot_see_is_skipped_with_a_reason(scheduler):
    from tonlage.analysis.cluster import cluster_pool

    jobs = [(ROOT / "no-such-folder" / "a.txt", "a.txt", None), (DEFAULT_CORPUS_DIR / "metadata.csv", "m.csv", None)]
    with cluster_pool(scheduler) as pool:
        (found, not_read), _ = list(pool.map(_read_file, jobs, chunksize=1))
    assert found == []
    assert not_read[0][0] == "a.txt"
    assert "could not be read" in str(not_read[0][1])


@pytest.mark.slow
def test_the_command_line_with_a_scheduler_prints_the_local_rows(scheduler, tmp_path, capsys, monkeypatch):
    write_dated_corpus(tmp_path, MARCH_2025)
    assert main(["analyse", str(tmp_path), "--format", "csv", "--no-cache"]) == 0
    local = capsys.readouterr().out
    monkeypatch.setenv("TONLAGE_DASK_SCHEDULER", scheduler)  # the variable instead of the flag
    assert main(["analyse", str(tmp_path), "--format", "csv", "--no-cache"]) == 0
    remote = capsys.readouterr()
    assert remote.out == local and local.count("\n") == 13
    assert "error" not in remote.err


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("how", ["flag", "variable"])
def test_an_unreachable_scheduler_is_one_sentence_and_exit_1(how, tmp_path, capsys, monkeypatch):
    write_dated_corpus(tmp_path, MARCH_2025[:3])
    address = f"tcp://127.0.0.1:{_closed_port()}"
    args = ["analyse", str(tmp_path), "--no-cache"]
    if how == "flag":
        args += ["--scheduler", address]
    else:
        monkeypatch.setenv("TONLAGE_DASK_SCHEDULER", address)
    assert main(args) == 1
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.err
    assert lines[0].startswith(f"error: The Dask scheduler at {address} could not be reached")


def test_a_malformed_address_says_how_to_write_one(tmp_path, capsys):
    write_dated_corpus(tmp_path, MARCH_2025[:3])
    assert main(["analyse", str(tmp_path), "--no-cache", "--scheduler", "my-cluster"]) == 1
    assert (
        capsys.readouterr().err.strip() == "error: 'my-cluster' is not a scheduler address; give it as tcp://HOST:PORT."
    )


def test_without_a_scheduler_dask_is_not_imported(tmp_path):
    write_dated_corpus(tmp_path, MARCH_2025[:3])
    code = (
        "import sys; from tonlage.cli import main; "
        f"rc = main(['analyse', {str(tmp_path)!r}, '--no-cache', '--format', 'csv']); "
        "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')), file=sys.stderr)"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "TONLAGE_DASK_SCHEDULER"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.stderr.strip().splitlines()[-1] == "0 []", out.stderr[-2000:]


@pytest.mark.slow
def test_ingest_and_a_workspace_analysis_on_the_cluster_match_the_local_ones(scheduler, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_dated_corpus(corpus, MARCH_2025)
    assert main(["ingest", str(corpus), "--workspace", "here", "--quiet"]) == 0
    assert main(["ingest", str(corpus), "--workspace", "there", "--quiet", "--scheduler", scheduler]) == 0
    capsys.readouterr()
    rows = {}
    for name, extra in (("here", []), ("there", ["--scheduler", scheduler])):
        assert main(["analyse", "-", "--workspace", name, "--format", "csv", "--no-cache", *extra]) == 0
        rows[name] = capsys.readouterr().out
    assert rows["here"] == rows["there"] and rows["here"].count("\n") == 13


def test_an_ingest_with_an_unreachable_scheduler_leaves_no_workspace(tmp_path, capsys, monkeypatch):
    from tonlage.storage.workspace import Workspace

    monkeypatch.setenv("TONLAGE_DATA_DIR", str(tmp_path / "data"))
    write_dated_corpus(tmp_path, MARCH_2025[:3])
    address = f"tcp://127.0.0.1:{_closed_port()}"
    assert main(["ingest", str(tmp_path), "--workspace", "new", "--quiet", "--scheduler", address]) == 1
    err = capsys.readouterr().err
    assert err.strip().startswith(f"error: The Dask scheduler at {address} could not be reached")
    assert "Traceback" not in err
    assert not Workspace.exists("new")


@pytest.mark.slow
def test_a_cancelled_analysis_leaves_no_work_on_the_cluster(scheduler, tmp_path):
    import time

    from distributed import Client

    from tonlage.analysis import jobs
    from tonlage.analysis.jobs import Cancelled, Reporter

    class CancelAtFirst(Reporter):
        def on_change(self, new_stage: bool) -> None:
            if self.stage == "Sentences, tone, actors and quotes" and self.done == 1:
                self.cancel()

    write_dated_corpus(tmp_path, MARCH_2025)
    reporter = CancelAtFirst()
    with jobs.reporting(reporter), pytest.raises(Cancelled):
        analyse_folder(tmp_path, scheduler=scheduler)
    with Client(scheduler, set_as_default=False) as client:
        deadline = time.monotonic() + 10
        while client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) == 0
    assert len(analyse_folder(tmp_path, scheduler=scheduler).articles) == 12  # the next run goes through


def test_a_port_where_something_else_listens_is_one_sentence_not_a_hang(tmp_path, capsys, monkeypatch):
    import time

    from tonlage.analysis import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    write_dated_corpus(tmp_path, MARCH_2025[:3])
    with socket.socket() as silent:  # accepts connections and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        assert main(["analyse", str(tmp_path), "--no-cache", "--scheduler", address]) == 1
    assert time.monotonic() - started < 20
    err = capsys.readouterr().err.strip()
    assert err == f"error: Something answers at {address}, but not a Dask scheduler; check the address and port."


@pytest.mark.slow
def test_workers_running_another_tonlage_are_refused_with_one_sentence(scheduler, tmp_path, capsys, monkeypatch):
    import tonlage

    monkeypatch.setattr(tonlage, "__version__", "0.0-not-the-workers")  # this side changes, the workers do not
    write_dated_corpus(tmp_path, MARCH_2025[:3])
    assert main(["analyse", str(tmp_path), "--no-cache", "--scheduler", scheduler]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: The workers of the Dask cluster at {scheduler} run Tonlage ")
    assert err.endswith(", not 0.0-not-the-workers; start them in the same environment as this command.")


def _cluster_map(pool):
    return lambda fn, items: pool.map(fn, list(items), chunksize=1)


@pytest.mark.slow
def test_themes_fitted_in_partitions_on_two_dask_workers_are_the_local_themes(scheduler, monkeypatch):
    # The same vocabulary and seed: the counts and every partition's shares made on the workers,
    # MiniBatchNMF's steps here in partition order; the same themes bit for bit.
    from tests.engine.test_theme_partitions import _corpus, _fold
    from tonlage.analysis.cluster import cluster_pool
    from tonlage.themes import partitions
    from tonlage.themes.model import ThemeModel

    docs = _corpus(600, seed=8)
    monkeypatch.setattr(partitions, "PARTITION_DOCS", 64)
    local = ThemeModel(5, random_state=1, matrix_budget=0).fit(docs, rename=_fold)
    with cluster_pool(scheduler) as pool:
        remote = ThemeModel(5, random_state=1, matrix_budget=0).fit(
            docs, rename=_fold, partition_map=_cluster_map(pool)
        )
    assert local.fit_method_ == remote.fit_method_ == "partitions" and remote.fit_parts_ == 10
    assert list(remote.vocabulary_) == list(local.vocabulary_)
    np.testing.assert_array_equal(remote.components_, local.components_)
    np.testing.assert_array_equal(remote.shares_, local.shares_)
    assert remote.labels_ == local.labels_
    np.testing.assert_array_equal(remote.stability_, local.stability_)


@pytest.mark.slow
def test_an_analysis_over_the_budget_on_two_dask_workers_gives_the_local_results(scheduler, monkeypatch):
    from tonlage.analysis import cluster

    sent = []
    real = cluster.ClusterPool.map
    monkeypatch.setattr(
        cluster.ClusterPool, "map", lambda self, fn, *a, **kw: sent.append(fn) or real(self, fn, *a, **kw)
    )
    monkeypatch.setenv("TONLAGE_THEME_MATRIX_MB", "0")
    local = analyse_folder(DEFAULT_CORPUS_DIR, workers=1)
    remote = analyse_folder(DEFAULT_CORPUS_DIR, scheduler=scheduler)
    assert local.params["theme_method"] == remote.params["theme_method"] == "partitions"
    assert any(getattr(fn, "func", None) is partitions._partition_w for fn in sent)  # shares made on the workers
    _same(local, remote)
