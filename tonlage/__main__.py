import os
import sys


def _many_files(folder: str, n: int) -> bool:
    """At least ``n`` files under ``folder`` (stops counting at ``n``)."""
    seen = 0
    for _, _, files in os.walk(folder):
        seen += len(files)
        if seen >= n:
            return True
    return False


# A large folder is analysed by worker processes: start their forkserver before importing the
# engine here, so that its imports (see tonlage.analysis.workers.PRELOAD) run alongside ours. A workspace
# too: whether it has new articles is only known once its texts are read (~5 s at 100,000
# articles, which the forkserver's ~2.5 s of imports then overlap); when it has none, the
# forkserver is left unused.
if sys.argv[1:2] == ["analyse"] and len(sys.argv) > 2:
    from . import settings
    from .analysis.workers import PARALLEL_FROM, start_early

    on_cluster = "--scheduler" in sys.argv or settings.value(settings.DASK_SCHEDULER)
    if not on_cluster and (
        "--workspace" in sys.argv or (os.path.isdir(sys.argv[2]) and _many_files(sys.argv[2], PARALLEL_FROM))
    ):
        start_early()

from .cli import exit_now, main  # noqa: E402

code = main()
if sys.argv[1:2] == ["analyse"]:  # its output is on stdout and stderr: nothing left to tear down
    exit_now(code)
sys.exit(code)
